// Working-day arithmetic: drp's O(1) tables against the loop most hand-written deadline
// code uses (step one day at a time, skip weekends, look each day up in a holiday set).
// Run: build/benchmarks/drp_benchmarks --benchmark_filter=Calendar
#include "drp/calendar.hpp"

#include <benchmark/benchmark.h>

#include <random>
#include <set>

namespace {

using drp::calendar;
using drp::date;

std::vector<date> random_dates(std::size_t n) {
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> offset(0, 365 * 30);
    std::vector<date> out(n);
    for (auto& d : out) d = drp::parse_date("2000-01-01") + std::chrono::days{offset(rng)};
    return out;
}

// The alternative: a day-by-day loop over a std::set of holiday dates.
struct naive_calendar {
    std::set<date> holidays;
    explicit naive_calendar(const calendar& cal) {
        for (int y = 1995; y <= 2035; ++y)
            for (const auto& h : cal.holidays(y)) holidays.insert(h.day);
    }
    bool working(date d) const {
        const std::chrono::weekday w{d};
        return w != std::chrono::Saturday && w != std::chrono::Sunday && holidays.count(d) == 0;
    }
    date add(date d, int n) const {
        while (n > 0) {
            d += std::chrono::days{1};
            if (working(d)) --n;
        }
        return d;
    }
};

void Calendar_AddWorkingDays_drp(benchmark::State& state) {
    const calendar cal;
    const auto dates = random_dates(4096);
    const int n = static_cast<int>(state.range(0));
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(cal.add_working_days(dates[i++ & 4095], n));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(Calendar_AddWorkingDays_drp)->Arg(5)->Arg(20)->Arg(250);

void Calendar_AddWorkingDays_naiveLoop(benchmark::State& state) {
    const naive_calendar cal{calendar{}};
    const auto dates = random_dates(4096);
    const int n = static_cast<int>(state.range(0));
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(cal.add(dates[i++ & 4095], n));
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(Calendar_AddWorkingDays_naiveLoop)->Arg(5)->Arg(20)->Arg(250);

void Calendar_WorkingDaysBetween_drp(benchmark::State& state) {
    const calendar cal;
    const auto a = random_dates(4096);
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(cal.working_days_between(a[i & 4095], a[(i + 1) & 4095]));
        ++i;
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(Calendar_WorkingDaysBetween_drp);

void Calendar_IsWorkingDay_drp(benchmark::State& state) {
    const calendar cal;
    const auto dates = random_dates(4096);
    std::size_t i = 0;
    for (auto _ : state) benchmark::DoNotOptimize(cal.is_working_day(dates[i++ & 4095]));
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(Calendar_IsWorkingDay_drp);

void Calendar_ConstructBuiltin(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(calendar{});
}
BENCHMARK(Calendar_ConstructBuiltin);

void Calendar_AddClosure(benchmark::State& state) {
    for (auto _ : state) {
        calendar cal;
        cal.add_closure(drp::parse_date("2026-12-29"), "Council closed");
        benchmark::DoNotOptimize(cal);
    }
}
BENCHMARK(Calendar_AddClosure)->Unit(benchmark::kMicrosecond);

}  // namespace
