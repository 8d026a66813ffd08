// The children's pseudonyms in the period report (issue 11): what keyed BLAKE2b-80
// (libsodium) costs against the unkeyed 40-bit FNV-1a it replaced, one pseudonym at a time
// and in a whole report over examples/year/merton.jsonl.
// Run: build/benchmarks/drp_benchmarks --benchmark_filter=Report
#include "drp/report.hpp"

#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

// 1,024 references in Merton's format ("MERC" and five digits).
const std::vector<std::string>& references() {
    static const std::vector<std::string> refs = [] {
        std::vector<std::string> out;
        for (int i = 0; i < 1024; ++i) out.push_back("MERC" + std::to_string(100'000 + i * 97).substr(1));
        return out;
    }();
    return refs;
}

// The pseudonym before issue 11, for comparison only: it is not a secret of any kind.
std::string old_fnv1a_40(const std::string& child_ref) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : child_ref) {
        h ^= c;
        h *= 1099511628211ull;
    }
    constexpr char hex[] = "0123456789abcdef";
    std::string out = "C-";
    for (int shift = 36; shift >= 0; shift -= 4) out += hex[(h >> shift) & 0xf];
    return out;
}

void Report_PseudonymOldFnv1a40(benchmark::State& state) {
    const auto& refs = references();
    for (auto _ : state)
        for (const auto& r : refs) benchmark::DoNotOptimize(old_fnv1a_40(r));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * refs.size()));
}
BENCHMARK(Report_PseudonymOldFnv1a40);

void Report_PseudonymKeyedBlake2b80(benchmark::State& state) {
    const auto& refs = references();
    const auto key = drp::pseudonym_key::random();
    for (auto _ : state)
        for (const auto& r : refs) benchmark::DoNotOptimize(key.pseudonym(r));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * refs.size()));
}
BENCHMARK(Report_PseudonymKeyedBlake2b80);

// Making a random key (what a report without a key does once).
void Report_RandomKey(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(drp::pseudonym_key::random());
}
BENCHMARK(Report_RandomKey);

// The year 2025 of examples/year/merton.jsonl (130 disputes, every one in the themes
// window), replayed once; each iteration makes the period report from the summaries.
const drp::replay_result& merton_year() {
    static const drp::replay_result r = [] {
        const auto p = drp::builtin_policy("merton");
        std::ifstream in(DRP_SOURCE_DIR "/examples/year/merton.jsonl", std::ios::binary);
        if (!in) throw std::runtime_error("cannot read examples/year/merton.jsonl");
        return drp::replay_jsonl(p, in);
    }();
    return r;
}

// mode 0: children identified (no pseudonyms); 1: the analyst's key; 2: a random key.
void Report_Merton2025(benchmark::State& state) {
    const auto p = drp::builtin_policy("merton");
    const auto& r = merton_year();
    const drp::report_period year{drp::parse_date("2025-01-01"), drp::parse_date("2025-12-31"), std::nullopt};
    drp::report_options o;
    o.identify_children = state.range(0) == 0;
    if (state.range(0) == 1) o.key = drp::pseudonym_key::random();
    for (auto _ : state) benchmark::DoNotOptimize(drp::period_report(p, r, year, o));
    state.SetLabel(state.range(0) == 0 ? "identified" : state.range(0) == 1 ? "supplied key" : "random key");
    state.counters["disputes"] = static_cast<double>(r.disputes.size());
}
BENCHMARK(Report_Merton2025)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMicrosecond);

}  // namespace
