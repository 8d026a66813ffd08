// The host's nightly overdue sweep (drp/sweep.hpp, drp_sweep) over 2,000 stored Merton
// states — a large authority's open disputes — side by side with what a host would do
// without it (restore each state with dispute::from_json, then read its obligations as of
// now) and with merely parsing the stored JSON.
// Run: build/benchmarks/drp_benchmarks --benchmark_filter=Host_
#include "drp/dispute.hpp"
#include "drp/policy.hpp"
#include "drp/sweep.hpp"

#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace {

using nlohmann::json;

// The year log's Merton disputes, each replayed up to mid-year (so most are open and
// owe something), copied under new ids until there are `count` stored states.
struct stored_states {
    drp::policy policy = drp::builtin_policy("merton");
    std::vector<std::string> texts;
    drp::instant as_of{};
};

const stored_states& states(std::size_t count) {
    static std::map<std::size_t, stored_states> cache;
    if (auto it = cache.find(count); it != cache.end()) return it->second;
    stored_states s;
    std::map<std::string, std::vector<json>> by_dispute;
    std::ifstream in(DRP_SOURCE_DIR "/examples/year/merton.jsonl");
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) {
            auto e = json::parse(line);
            by_dispute[e["dispute_id"].get<std::string>()].push_back(std::move(e));
        }
    const auto cut = drp::parse_rfc3339("2025-10-01T00:00:00+01:00");
    s.as_of = cut;
    for (std::size_t copy = 0; s.texts.size() < count; ++copy) {
        for (const auto& [id, events] : by_dispute) {
            if (s.texts.size() == count) break;
            drp::dispute d(s.policy);
            for (auto e : events) {
                if (drp::parse_rfc3339(e["at"].get<std::string>()) > cut) break;
                e["dispute_id"] = id + "-" + std::to_string(copy);
                try {
                    d.apply(e);
                } catch (const drp::error&) {  // the year log keeps some refused events on purpose
                }
            }
            if (d.state().status == drp::dispute_status::open) s.texts.push_back(d.to_json().dump());
        }
    }
    return cache.emplace(count, std::move(s)).first->second;
}

constexpr std::size_t large_authority = 2000;

void Host_Sweep(benchmark::State& state) {
    const auto& s = states(large_authority);
    const std::vector<std::string_view> texts(s.texts.begin(), s.texts.end());
    std::size_t rows = 0;
    for (auto _ : state) {
        const auto found = drp::sweep(s.policy, texts, s.as_of);
        rows = found.size();
        benchmark::DoNotOptimize(found.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * s.texts.size()));
    state.counters["states"] = static_cast<double>(s.texts.size());
    std::size_t bytes = 0, events = 0;
    for (const auto& t : s.texts) {
        bytes += t.size();
        events += json::parse(t)["history"].size();
    }
    state.counters["bytes_per_state"] = static_cast<double>(bytes) / static_cast<double>(s.texts.size());
    state.counters["events_per_state"] = static_cast<double>(events) / static_cast<double>(s.texts.size());
    state.counters["overdue_rows"] = static_cast<double>(rows);
}
BENCHMARK(Host_Sweep)->Unit(benchmark::kMillisecond);

// Without the sweep: each state restored (replayed and compared with what is stored),
// then its obligations as of now, filtered by hand.
void Host_RestoreEachThenObligations(benchmark::State& state) {
    const auto& s = states(large_authority);
    for (auto _ : state) {
        std::size_t overdue = 0;
        for (const auto& text : s.texts) {
            const auto d = drp::dispute::from_json(s.policy, json::parse(text));
            for (const auto& o : d.obligations(s.as_of)) overdue += o.status == drp::obligation_status::overdue;
        }
        benchmark::DoNotOptimize(overdue);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * s.texts.size()));
}
BENCHMARK(Host_RestoreEachThenObligations)->Unit(benchmark::kMillisecond);

// The floor: parsing the stored JSON and nothing else.
void Host_ParseStatesOnly(benchmark::State& state) {
    const auto& s = states(large_authority);
    for (auto _ : state)
        for (const auto& text : s.texts) benchmark::DoNotOptimize(json::parse(text));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * s.texts.size()));
}
BENCHMARK(Host_ParseStatesOnly)->Unit(benchmark::kMillisecond);

}  // namespace
