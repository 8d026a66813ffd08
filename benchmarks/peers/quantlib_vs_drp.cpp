// drp::calendar::add_working_days against QuantLib's UnitedKingdom().advance(d, n, Days) on
// the same dates, in one run (benchmarks/peers/README.md). First every day 1995-2031 is
// compared between the two calendars; each sampled result is then checked equal wherever
// no day on which the calendars disagree lies between the start and the result.
//
//     quantlib_vs_drp [--dates N] [--repeat R]          timings, one JSON object per line
//     quantlib_vs_drp --only drp|quantlib --n N         one pass (for callgrind's
//                                                       --toggle-collect=run_drp / run_quantlib)
#include <ql/time/calendars/unitedkingdom.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "drp/calendar.hpp"

namespace {

using namespace std::chrono;

constexpr long excel_epoch = 25569;  // QuantLib's serial number of 1970-01-01
QuantLib::Date to_ql(drp::date d) { return QuantLib::Date(static_cast<QuantLib::Date::serial_type>(d.time_since_epoch().count() + excel_epoch)); }
drp::date from_ql(const QuantLib::Date& d) { return drp::date{days{d.serialNumber() - excel_epoch}}; }

}  // namespace

// The timed loops (extern "C" and not inlined, so that callgrind can collect only them).
extern "C" __attribute__((noinline)) long run_drp(const drp::calendar& cal, const std::vector<drp::date>& dates, int n) {
    long sum = 0;
    for (const auto d : dates) sum += cal.add_working_days(d, n).time_since_epoch().count();
    return sum;
}
extern "C" __attribute__((noinline)) long run_quantlib(const QuantLib::Calendar& cal, const std::vector<QuantLib::Date>& dates, int n) {
    long sum = 0;
    for (const auto& d : dates) sum += cal.advance(d, n, QuantLib::Days).serialNumber() - excel_epoch;
    return sum;
}

int main(int argc, char** argv) {
    std::size_t count = 100'000;
    int repeat = 5, only_n = 20;
    std::string only;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--dates")) count = std::stoul(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--repeat")) repeat = std::stoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--only")) only = argv[i + 1];
        else if (!std::strcmp(argv[i], "--n")) only_n = std::stoi(argv[i + 1]);
    }
    const drp::calendar drp_cal;
    const QuantLib::Calendar ql_cal = QuantLib::UnitedKingdom(QuantLib::UnitedKingdom::Settlement);

    std::mt19937 rng(1);
    const drp::date first = sys_days{year{1995} / 1 / 1}, last = sys_days{year{2029} / 12 / 31};
    std::uniform_int_distribution<int> pick(0, static_cast<int>((last - first).count()));
    std::vector<drp::date> dates(count);
    for (auto& d : dates) d = first + days{pick(rng)};
    std::vector<QuantLib::Date> ql_dates(count);
    std::transform(dates.begin(), dates.end(), ql_dates.begin(), to_ql);

    if (!only.empty()) {  // one pass, for instruction counts
        const long sum = only == "drp" ? run_drp(drp_cal, dates, only_n) : run_quantlib(ql_cal, ql_dates, only_n);
        std::printf("{\"dates\": %zu, \"n\": %d, \"sum\": %ld}\n", count, only_n, sum);
        return 0;
    }

    // Where do the calendars disagree? (QuantLib's rules against GOV.UK's published days.)
    std::set<drp::date> disagree;
    for (drp::date d = first; d <= sys_days{year{2031} / 12 / 31}; d += days{1})
        if (drp_cal.is_working_day(d) != ql_cal.isBusinessDay(to_ql(d))) disagree.insert(d);
    std::string days_list;
    for (const auto d : disagree) {
        const year_month_day ymd{d};
        char buf[16];
        std::snprintf(buf, sizeof buf, "%s\"%04d-%02u-%02u\"", days_list.empty() ? "" : ", ", static_cast<int>(ymd.year()),
                      static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
        days_list += buf;
    }
    std::printf("{\"disagreeing_days\": [%s]}\n", days_list.c_str());

    int status = 0;
    for (const int n : {5, 20, 250}) {
        std::size_t checked = 0, skipped = 0, wrong = 0;
        for (std::size_t i = 0; i < count; ++i) {
            const auto ours = drp_cal.add_working_days(dates[i], n);
            const auto theirs = from_ql(ql_cal.advance(ql_dates[i], n, QuantLib::Days));
            const auto to = std::max(ours, theirs);
            if (disagree.lower_bound(dates[i] + days{1}) != disagree.end() && *disagree.lower_bound(dates[i] + days{1}) <= to) {
                ++skipped;
                continue;
            }
            ++checked;
            if (ours != theirs) ++wrong;
        }
        double best_drp = 1e300, best_ql = 1e300;
        long sink = 0;
        for (int r = 0; r < repeat; ++r) {
            auto t0 = steady_clock::now();
            sink += run_drp(drp_cal, dates, n);
            auto t1 = steady_clock::now();
            sink += run_quantlib(ql_cal, ql_dates, n);
            auto t2 = steady_clock::now();
            best_drp = std::min(best_drp, duration<double>(t1 - t0).count());
            best_ql = std::min(best_ql, duration<double>(t2 - t1).count());
        }
        std::printf("{\"n\": %d, \"dates\": %zu, \"drp_ns\": %.2f, \"quantlib_ns\": %.2f, \"checked\": %zu, \"skipped\": %zu, "
                    "\"wrong\": %zu, \"sink\": %ld}\n",
                    n, count, best_drp / count * 1e9, best_ql / count * 1e9, checked, skipped, wrong, sink);
        if (wrong) status = 1;
    }
    return status;
}
