// Working-day tables. Day numbers are days since 1970-01-01 (sys_days' epoch, also the
// first supported day), so a date's table index is its time_since_epoch().count().
#include "drp/calendar.hpp"
#include "drp/error.hpp"

#include <algorithm>
#include <cstdint>
#include <set>

namespace drp {
namespace detail {

std::string_view builtin_bank_holidays_json() noexcept;  // generated from policies/

struct calendar_tables {
    division region;
    week_mask mask;
    std::vector<holiday> bank;      // bank holidays over the supported range, by date
    std::vector<holiday> closures;  // host-added closure days, by date
    std::vector<std::int32_t> cumulative;  // [i] = working days in [first day, day i]
    std::vector<std::int32_t> working;     // day numbers of the working days, ascending
};

}  // namespace detail

namespace {

using namespace std::chrono;
using tables_ptr = std::shared_ptr<const detail::calendar_tables>;

const sys_days first_day{year{calendar::first_year} / January / 1};
const sys_days last_day{year{calendar::last_year} / December / 31};

int year_of(date d) { return static_cast<int>(year_month_day{d}.year()); }

std::int32_t index_of(date d) {
    if (!in_supported_range(d))
        throw error(errc::out_of_range, "date " + format_date(d) + " is outside the supported range " +
                                            format_date(first_day) + " to " + format_date(last_day));
    return static_cast<std::int32_t>((d - first_day).count());
}

bool by_day(const holiday& a, const holiday& b) { return a.day < b.day; }

// A search key for the by_day ordering.
holiday key(date d) {
    holiday h;
    h.day = d;
    return h;
}

// Fills the arithmetic tables from the holiday lists.
void index_working_days(detail::calendar_tables& t) {
    const auto count = static_cast<std::size_t>((last_day - first_day).count() + 1);
    std::vector<bool> closed(count, false);
    for (const auto* list : {&t.bank, &t.closures})
        for (const auto& h : *list) closed[static_cast<std::size_t>((h.day - first_day).count())] = true;

    t.cumulative.assign(count, 0);
    t.working.clear();
    t.working.reserve(count * 5 / 7 + 1);
    unsigned wd = weekday{first_day}.iso_encoding() - 1;  // 0 = Monday
    std::int32_t running = 0;
    for (std::size_t i = 0; i < count; ++i, wd = (wd + 1) % 7) {
        if (t.mask[wd] && !closed[i]) {
            ++running;
            t.working.push_back(static_cast<std::int32_t>(i));
        }
        t.cumulative[i] = running;
    }
}

// Years from `source` replace the same years in `bank`.
void overlay_years(std::vector<holiday>& bank, const std::vector<holiday>& source) {
    std::set<int> years;
    for (const auto& h : source) years.insert(year_of(h.day));
    std::erase_if(bank, [&](const holiday& h) { return years.count(year_of(h.day)) != 0; });
    bank.insert(bank.end(), source.begin(), source.end());
    std::stable_sort(bank.begin(), bank.end(), by_day);
}

tables_ptr build_builtin(division d) {
    auto t = std::make_shared<detail::calendar_tables>();
    t->region = d;
    t->mask = monday_to_friday;
    for (int y = calendar::first_year; y <= calendar::last_year; ++y) {
        auto generated = generate_bank_holidays(d, y);
        t->bank.insert(t->bank.end(), generated.begin(), generated.end());
    }
    std::vector<holiday> data;
    try {
        data = parse_govuk_bank_holidays(detail::builtin_bank_holidays_json(), d);
    } catch (const error& e) {
        throw error(errc::internal, std::string("built-in bank-holiday data is broken: ") + e.what());
    }
    for (auto& h : data) h.origin = holiday::source::builtin;
    overlay_years(t->bank, data);
    index_working_days(*t);
    return t;
}

const tables_ptr& builtin_tables(division d) {
    // Built once per division on first use, immutable afterwards (thread-safe statics).
    switch (d) {
        case division::scotland: {
            static const tables_ptr t = build_builtin(division::scotland);
            return t;
        }
        case division::northern_ireland: {
            static const tables_ptr t = build_builtin(division::northern_ireland);
            return t;
        }
        case division::england_and_wales: break;
    }
    static const tables_ptr t = build_builtin(division::england_and_wales);
    return t;
}

}  // namespace

calendar::calendar(division d, week_mask working_days) : tables_(builtin_tables(d)) {
    if (working_days != monday_to_friday) {
        if (std::none_of(working_days.begin(), working_days.end(), [](bool b) { return b; }))
            throw error(errc::invalid_argument, "week mask has no working day");
        auto t = std::make_shared<detail::calendar_tables>(*tables_);
        t->mask = working_days;
        index_working_days(*t);
        tables_ = std::move(t);
    }
}

division calendar::region() const noexcept { return tables_->region; }
const week_mask& calendar::working_weekdays() const noexcept { return tables_->mask; }

void calendar::import_govuk(std::string_view json_text) {
    const auto events = parse_govuk_bank_holidays(json_text, tables_->region);  // may throw
    auto t = std::make_shared<detail::calendar_tables>(*tables_);
    overlay_years(t->bank, events);
    index_working_days(*t);
    tables_ = std::move(t);
}

void calendar::add_closure(date day, std::string title) {
    index_of(day);  // range check before any change
    if (title.empty()) throw error(errc::invalid_argument, "closure day " + format_date(day) + " needs a title");
    auto t = std::make_shared<detail::calendar_tables>(*tables_);
    std::erase_if(t->closures, [&](const holiday& h) { return h.day == day; });
    holiday h{day, std::move(title), "", false, holiday::source::closure};
    t->closures.insert(std::upper_bound(t->closures.begin(), t->closures.end(), h, by_day), std::move(h));
    index_working_days(*t);
    tables_ = std::move(t);
}

void calendar::add_closures(const std::vector<closure>& days) {
    for (const auto& c : days) {  // every check before any change
        index_of(c.day);
        if (c.title.empty()) throw error(errc::invalid_argument, "closure day " + format_date(c.day) + " needs a title");
    }
    if (days.empty()) return;  // keeps sharing the tables: every policy without closures loads this way
    auto t = std::make_shared<detail::calendar_tables>(*tables_);
    for (const auto& c : days) {
        std::erase_if(t->closures, [&](const holiday& h) { return h.day == c.day; });
        holiday h{c.day, c.title, "", false, holiday::source::closure};
        t->closures.insert(std::upper_bound(t->closures.begin(), t->closures.end(), h, by_day), std::move(h));
    }
    index_working_days(*t);
    tables_ = std::move(t);
}

bool calendar::remove_closure(date day) {
    const auto& c = tables_->closures;
    if (std::none_of(c.begin(), c.end(), [&](const holiday& h) { return h.day == day; })) return false;
    auto t = std::make_shared<detail::calendar_tables>(*tables_);
    std::erase_if(t->closures, [&](const holiday& h) { return h.day == day; });
    index_working_days(*t);
    tables_ = std::move(t);
    return true;
}

bool calendar::is_working_day(date d) const {
    const auto i = index_of(d);
    const auto& cum = tables_->cumulative;
    return cum[i] - (i == 0 ? 0 : cum[i - 1]) == 1;
}

date calendar::add_working_days(date d, int n) const {
    const auto i = index_of(d);
    if (n == 0) return d;
    const auto& t = *tables_;
    const std::int64_t here = t.cumulative[i];
    const std::int64_t k = n > 0 ? here + n - 1 : here - (is_working_day(d) ? 1 : 0) + n;
    if (k < 0 || k >= static_cast<std::int64_t>(t.working.size()))
        throw error(errc::out_of_range, format_date(d) + " " + (n > 0 ? "+ " : "- ") +
                                            std::to_string(n > 0 ? std::int64_t{n} : -std::int64_t{n}) +
                                            " working days leaves the supported range " +
                                            format_date(first_day) + " to " + format_date(last_day));
    return first_day + days{t.working[static_cast<std::size_t>(k)]};
}

int calendar::working_days_between(date a, date b) const {
    const auto ia = index_of(a), ib = index_of(b);
    return tables_->cumulative[ib] - tables_->cumulative[ia];
}

date calendar::next_working_day(date d) const { return add_working_days(d, 1); }
date calendar::previous_working_day(date d) const { return add_working_days(d, -1); }

std::vector<holiday> calendar::holidays(int y) const {
    if (y < first_year || y > last_year)
        throw error(errc::out_of_range, "year " + std::to_string(y) + " is outside the supported range " +
                                            std::to_string(first_year) + "-" + std::to_string(last_year));
    const date from{year{y} / January / 1}, to{year{y} / December / 31};
    std::vector<holiday> out;
    for (const auto* list : {&tables_->bank, &tables_->closures}) {
        const auto lo = std::lower_bound(list->begin(), list->end(), key(from), by_day);
        const auto hi = std::upper_bound(list->begin(), list->end(), key(to), by_day);
        out.insert(out.end(), lo, hi);
    }
    std::stable_sort(out.begin(), out.end(), by_day);
    return out;
}

std::vector<holiday> calendar::holidays_between(date a, date b) const {
    if (b < a) std::swap(a, b);
    index_of(a);
    index_of(b);
    std::vector<holiday> out;
    for (const auto* list : {&tables_->bank, &tables_->closures}) {
        const auto lo = std::upper_bound(list->begin(), list->end(), key(a), by_day);
        const auto hi = std::upper_bound(list->begin(), list->end(), key(b), by_day);
        for (auto it = lo; it != hi; ++it) {
            const bool weekday_working = tables_->mask[weekday{it->day}.iso_encoding() - 1];
            const bool seen = std::any_of(out.begin(), out.end(), [&](const holiday& h) { return h.day == it->day; });
            if (weekday_working && !seen) out.push_back(*it);
        }
    }
    std::stable_sort(out.begin(), out.end(), by_day);
    return out;
}

const holiday* calendar::holiday_on(date d) const {
    index_of(d);
    for (const auto* list : {&tables_->bank, &tables_->closures}) {
        const auto it = std::lower_bound(list->begin(), list->end(), key(d), by_day);
        if (it != list->end() && it->day == d) return &*it;
    }
    return nullptr;
}

}  // namespace drp
