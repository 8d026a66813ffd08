// Loading and validating a seed policy (target < 1 ms), side by side with merely parsing
// its JSON, which is the floor any loader pays.
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

void Policy_ParseJsonOnly(benchmark::State& state) {
    const auto& text = seed_text("merton");
    for (auto _ : state) benchmark::DoNotOptimize(nlohmann::json::parse(text));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(Policy_ParseJsonOnly)->Unit(benchmark::kMicrosecond);

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
