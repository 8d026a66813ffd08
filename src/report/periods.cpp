// Report periods: calendar quarters, quarters of the UK financial year (April-March, as
// councils report), their labels, and the periods before one (the trend).
#include <algorithm>

#include "drp/report.hpp"

namespace drp {
namespace {

using namespace std::chrono;

[[noreturn]] void bad_quarter(std::string_view text) {
    throw error(errc::invalid_argument,
                "a quarter is written 2025Q3 (a calendar quarter: Q1 is January-March, Q3 July-September) or "
                "Q1 2025/26 or 2025/26Q1 (a quarter of the financial year April-March: Q1 is April-June, Q4 "
                "January-March), got \"" + std::string(text.substr(0, 32)) + "\"");
}

bool digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view s) {
    int n = 0;
    for (char c : s) n = n * 10 + (c - '0');
    return n;
}

// "Q3" or "q3": the quarter's number, or 0.
int quarter_number(std::string_view s) {
    if (s.size() != 2 || (s[0] != 'Q' && s[0] != 'q') || s[1] < '1' || s[1] > '4') return 0;
    return s[1] - '0';
}

// "2025/26": the year the financial year starts in, or -1.
int financial_year(std::string_view s) {
    if (s.size() != 7 || s[4] != '/' || !digits(s.substr(0, 4)) || !digits(s.substr(5))) return -1;
    const int first = number(s.substr(0, 4));
    return number(s.substr(5)) == (first + 1) % 100 ? first : -1;
}

std::string financial_label(int q, int first_year) {
    const int next = (first_year + 1) % 100;
    return "Q" + std::to_string(q) + " " + std::to_string(first_year) + "/" + (next < 10 ? "0" : "") + std::to_string(next);
}

named_quarter make(std::string_view text, int y, unsigned first_month, period_kind kind, std::string label) {
    const date first{year{y} / month{first_month} / day{1}};
    if (!in_supported_range(first)) throw error(errc::out_of_range, "quarter " + std::string(text) + " is outside the supported years");
    const auto [from, to] = quarter_of(first);
    return {from, to, kind, std::move(label)};
}

}  // namespace

std::pair<date, date> quarter_of(date d) {
    const year_month_day ymd{d};
    const unsigned m = static_cast<unsigned>(ymd.month());
    const year_month_day first{ymd.year(), month{(m - 1) / 3 * 3 + 1}, day{1}};
    const date start{first};
    return {start, date{first + months{3}} - days{1}};
}

named_quarter parse_named_quarter(std::string_view text) {
    if (text.size() > 16) bad_quarter(text);
    // Financial: "Q1 2025/26", "2025/26Q1", "2025/26 Q1".
    if (text.size() == 10 && text[2] == ' ') {
        const int q = quarter_number(text.substr(0, 2)), fy = financial_year(text.substr(3));
        if (q == 0 || fy < 0) bad_quarter(text);
        return make(text, q == 4 ? fy + 1 : fy, q == 4 ? 1u : static_cast<unsigned>(q * 3 + 1), period_kind::financial_quarter,
                    financial_label(q, fy));
    }
    if (text.size() >= 9 && text[4] == '/') {
        const int fy = financial_year(text.substr(0, 7));
        std::string_view rest = text.substr(7);
        if (rest.size() == 3 && rest[0] == ' ') rest.remove_prefix(1);
        const int q = quarter_number(rest);
        if (q == 0 || fy < 0) bad_quarter(text);
        return make(text, q == 4 ? fy + 1 : fy, q == 4 ? 1u : static_cast<unsigned>(q * 3 + 1), period_kind::financial_quarter,
                    financial_label(q, fy));
    }
    // Calendar: "2025Q3", "2025-Q3", "2025 Q3".
    if (text.size() < 6 || text.size() > 7 || !digits(text.substr(0, 4))) bad_quarter(text);
    std::string_view rest = text.substr(4);
    if (rest.size() == 3) {
        if (rest[0] != '-' && rest[0] != ' ') bad_quarter(text);
        rest.remove_prefix(1);
    }
    const int q = quarter_number(rest);
    if (q == 0) bad_quarter(text);
    const int y = number(text.substr(0, 4));
    return make(text, y, static_cast<unsigned>((q - 1) * 3 + 1), period_kind::calendar_quarter,
                std::to_string(y) + " Q" + std::to_string(q));
}

std::pair<date, date> parse_quarter(std::string_view text) {
    const auto q = parse_named_quarter(text);
    return {q.from, q.to};
}

std::string period_label(date from, date to, period_kind kind) {
    const auto [first, last] = quarter_of(from);
    const year_month_day ymd{from};
    const int y = static_cast<int>(ymd.year());
    const unsigned m = static_cast<unsigned>(ymd.month());
    if (first == from && last == to) {
        if (kind == period_kind::financial_quarter) {
            const int q = m >= 4 ? static_cast<int>((m - 4) / 3 + 1) : 4;
            return financial_label(q, m >= 4 ? y : y - 1);
        }
        return std::to_string(y) + " Q" + std::to_string((m - 1) / 3 + 1);
    }
    return format_day(from) + " to " + format_day(to);
}

std::vector<std::pair<date, date>> periods_before(date from, date to, period_kind kind, int n) {
    std::vector<std::pair<date, date>> out;
    const auto [first, last] = quarter_of(from);
    const year_month_day a{from}, b{to}, after{to + days{1}};
    // Whole months (a quarter, a half year, a year) step back by as many months; other
    // periods by as many days.
    int whole_months = 0;
    if (kind != period_kind::dates || (first == from && last == to)) whole_months = 3;
    else if (a.day() == day{1} && after.day() == day{1})
        whole_months = (static_cast<int>(b.year()) - static_cast<int>(a.year())) * 12 +
                       static_cast<int>(static_cast<unsigned>(b.month())) - static_cast<int>(static_cast<unsigned>(a.month())) + 1;
    const auto length = to - from + days{1};
    for (int k = 0; k < n; ++k) {
        const date f = whole_months > 0 ? date{year_month_day{from} - months{whole_months}} : from - length;
        if (!in_supported_range(f)) break;
        out.emplace_back(f, from - days{1});
        from = f;
    }
    return out;
}

}  // namespace drp
