#include "common/digits.hpp"
#include "drp/error.hpp"
#include "drp/time.hpp"
#include "time/rfc3339_text.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace drp {

using detail::fixed_digits;

instant parse_rfc3339(std::string_view text) {
    using namespace std::chrono;
    auto fail = [&](const char* why) -> instant {
        throw error(errc::invalid_date, "invalid instant \"" + std::string(text.substr(0, 40)) + "\": " +
                                            why + " (expected RFC 3339, e.g. 2026-12-21T09:00:00+00:00)");
    };
    if (text.size() < 20) return fail("too short");
    const date d = [&] {
        try {
            return parse_date(text.substr(0, 10));
        } catch (const error&) {
            fail("bad date part");
        }
        return date{};
    }();
    if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return fail("missing 'T' between date and time");
    const int hh = fixed_digits(text, 11, 2), mm = fixed_digits(text, 14, 2), ss = fixed_digits(text, 17, 2);
    if (hh < 0 || mm < 0 || ss < 0 || text[13] != ':' || text[16] != ':') return fail("bad time part");
    if (hh > 23 || mm > 59 || ss > 60) return fail("time out of range");
    std::size_t pos = 19;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        const std::size_t start = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
        if (pos == start) return fail("empty fraction");
    }
    if (pos >= text.size()) return fail("missing UTC offset (Z or +hh:mm)");
    int offset_minutes = 0;
    if (text[pos] == 'Z' || text[pos] == 'z') {
        ++pos;
    } else if (text[pos] == '+' || text[pos] == '-') {
        const int oh = fixed_digits(text, pos + 1, 2), om = fixed_digits(text, pos + 4, 2);
        if (oh < 0 || om < 0 || text[pos + 3] != ':' || oh > 23 || om > 59) return fail("bad UTC offset");
        offset_minutes = (text[pos] == '-' ? -1 : 1) * (oh * 60 + om);
        pos += 6;
    } else {
        return fail("missing UTC offset (Z or +hh:mm)");
    }
    if (pos != text.size()) return fail("trailing characters");
    // A leap second (ss == 60) is read as the following second.
    return instant{d} + hours{hh} + minutes{mm} + seconds{ss} - minutes{offset_minutes};
}

instant parse_as_of(std::string_view text, const time_zone& zone) {
    if (text.size() == 10) return zone.end_of_day(parse_date(text));  // YYYY-MM-DD
    return parse_rfc3339(text);
}

std::chrono::seconds local_time_of_day(instant t, const time_zone& zone) {
    const auto local = t.time_since_epoch() + zone.utc_offset(t);
    const std::chrono::seconds day{86400};
    return ((local % day) + day) % day;  // (before 1970 the remainder is negative)
}

detail::rfc3339_text detail::format_rfc3339_text(instant t, std::chrono::seconds utc_offset) noexcept {
    // Written in place, without a stream or a string: this runs several times per applied event.
    using namespace std::chrono;
    const auto local = t + utc_offset;
    const auto day = floor<days>(local);
    const year_month_day ymd{day};
    const auto tod = (local - day).count();
    const auto off = utc_offset.count();
    const long long abs_off = off < 0 ? -off : off;
    rfc3339_text out;
    const int y = static_cast<int>(ymd.year());
    if (y < 0 || y > 9999) {  // outside RFC 3339's years: the general path
        const std::string d = format_date(day);  // (what format_rfc3339 has always given)
        out.size = std::min(d.size(), sizeof out.data);
        std::memcpy(out.data, d.data(), out.size);
        return out;
    }
    char* buf = out.data;
    std::memcpy(buf, "0000-00-00T00:00:00+00:00", 25);
    // Two digits at a time from a table: this runs for every instant of every state.
    static constexpr char pairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
        "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
        "8081828384858687888990919293949596979899";
    auto put2 = [&](int at, long long value) { std::memcpy(buf + at, pairs + 2 * (value % 100), 2); };
    put2(0, y / 100);
    put2(2, y);
    put2(5, static_cast<unsigned>(ymd.month()));
    put2(8, static_cast<unsigned>(ymd.day()));
    put2(11, tod / 3600);
    put2(14, tod / 60 % 60);
    put2(17, tod % 60);
    buf[19] = off < 0 ? '-' : '+';
    put2(20, abs_off / 3600);
    put2(23, abs_off % 3600 / 60);
    out.size = 25;
    return out;
}

std::string format_rfc3339(instant t, std::chrono::seconds utc_offset) {
    return std::string(std::string_view(detail::format_rfc3339_text(t, utc_offset)));
}

}  // namespace drp
