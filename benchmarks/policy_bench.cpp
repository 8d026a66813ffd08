// Loading and validating a seed policy (target: at most 3x merely parsing its JSON, the
// floor any loader pays), side by side with that parse, seed by seed.
// Run: build/benchmarks/drp_benchmarks --benchmark_filter=Policy
#include "drp/policy.hpp"

#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>

#include <map>

namespace {

const std::string& seed_text(const std::string& name) {
    static std::map<std::string, std::string> cache;
    auto& text = cache[name];
    if (text.empty()) text = drp::builtin_policy(name).source_text();
    return text;
}

// The floor: nlohmann/json parsing the same seed's text, in the same run. Not inlined, so
// that callgrind can count its calls (--toggle-collect='*parse_only*').
[[gnu::noinline]] nlohmann::json parse_only(const std::string& text) { return nlohmann::json::parse(text); }

void Policy_ParseJsonOnly(benchmark::State& state, const char* name) {
    const auto& text = seed_text(name);
    for (auto _ : state) benchmark::DoNotOptimize(parse_only(text));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK_CAPTURE(Policy_ParseJsonOnly, merton, "merton")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(Policy_ParseJsonOnly, trust_qas, "trust-qas")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(Policy_ParseJsonOnly, qa_form, "qa-form")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(Policy_ParseJsonOnly, cic_issues_resolution, "cic-issues-resolution")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(Policy_ParseJsonOnly, tracked_recommendation, "tracked-recommendation")->Unit(benchmark::kMicrosecond);

void Policy_LoadAndValidate(benchmark::State& state, const char* name) {
    const auto& text = seed_text(name);
    for (auto _ : state) benchmark::DoNotOptimize(drp::load_policy(text, name));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK_CAPTURE(Policy_LoadAndValidate, merton, "merton")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(Policy_LoadAndValidate, trust_qas, "trust-qas")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(Policy_LoadAndValidate, qa_form, "qa-form")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(Policy_LoadAndValidate, cic_issues_resolution, "cic-issues-resolution")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(Policy_LoadAndValidate, tracked_recommendation, "tracked-recommendation")->Unit(benchmark::kMicrosecond);

}  // namespace
