// Writing states as text (what `drp simulate --json` prints) side by side, in one run, with
// what it is measured against: simdjson merely parsing the same log (every field of every
// line read), and the old path (every state built as an nlohmann::json document, the
// array dumped at indent 2). The log is the merton year (examples/year/merton.jsonl),
// replayed once beforehand; each iteration writes every dispute's state as of the last
// event. Counters: events per second of the log (so the ratios are of time per event).
// Run: build/benchmarks/drp_benchmarks --benchmark_filter=Simulate_JsonVsParse
#include "drp/dispute.hpp"
#include "drp/policy.hpp"

#include <benchmark/benchmark.h>

#include "simdjson_yardstick.hpp"
#include <nlohmann/json.hpp>
#include <simdjson.h>

#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace {

struct replayed_log {
    drp::policy policy = drp::builtin_policy("merton");
    std::vector<std::string> lines;
    std::vector<drp::dispute> disputes;  // in the order of their first event
    drp::instant as_of{};
};

const replayed_log& merton_year() {
    static const replayed_log log = [] {
        replayed_log r;
        std::ifstream in(DRP_SOURCE_DIR "/examples/year/merton.jsonl");
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) r.lines.push_back(line);
        std::map<std::string, std::size_t> index;
        drp::event_parser parser;
        for (const auto& l : r.lines) {
            drp::event e = parser.parse(l);
            auto [it, added] = index.try_emplace(e.dispute_id, r.disputes.size());
            if (added) r.disputes.emplace_back(r.policy);
            if (e.at > r.as_of) r.as_of = e.at;
            r.disputes[it->second].replay(std::move(e));
        }
        return r;
    }();
    return log;
}

void per_event(benchmark::State& state, const replayed_log& log) {
    state.counters["events"] = benchmark::Counter(static_cast<double>(log.lines.size()), benchmark::Counter::kIsIterationInvariantRate);
}

// The yardstick: simdjson On-Demand reading every field of every line.
void Simulate_JsonVsParse_SimdjsonParse(benchmark::State& state) {
    const auto& log = merton_year();
    std::vector<simdjson::padded_string> padded;
    for (const auto& l : log.lines) padded.emplace_back(l);
    simdjson::ondemand::parser parser;
    for (auto _ : state) {
        std::size_t bytes = 0;
        for (const auto& text : padded) bytes += read_every_field(parser, text);
        benchmark::DoNotOptimize(bytes);
    }
    per_event(state, log);
}
BENCHMARK(Simulate_JsonVsParse_SimdjsonParse)->Unit(benchmark::kMillisecond);

// drp simulate --json now: each state appended as text, the array laid out around them.
void Simulate_JsonVsParse_StatesAsText(benchmark::State& state) {
    const auto& log = merton_year();
    std::string text;
    for (auto _ : state) {
        std::size_t bytes = 0;
        text = "[";
        for (const auto& d : log.disputes) {
            text += ",\n  ";
            d.append_json_text(text, log.as_of, 2, 1);
            bytes += text.size();
            text.clear();
        }
        benchmark::DoNotOptimize(bytes);
    }
    per_event(state, log);
}
BENCHMARK(Simulate_JsonVsParse_StatesAsText)->Unit(benchmark::kMillisecond);

// drp simulate --json before: every state a document, the whole array dumped.
void Simulate_JsonVsParse_OldDomThenDump(benchmark::State& state) {
    const auto& log = merton_year();
    for (auto _ : state) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& d : log.disputes) out.push_back(d.to_json(log.as_of));
        const std::string text = out.dump(2) + "\n";
        benchmark::DoNotOptimize(text.size());
    }
    per_event(state, log);
}
BENCHMARK(Simulate_JsonVsParse_OldDomThenDump)->Unit(benchmark::kMillisecond);

}  // namespace
