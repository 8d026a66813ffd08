// Reading input the checked way, side by side with what it replaced (docs/PERFORMANCE.md,
// "Reading input"): the strict JSON reader (no repeated keys, no NUL, bounded nesting,
// messages without the text) against nlohmann::json::parse, and the bounded, checked
// line reader against std::getline, on the merton year log (examples/year).
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/input.hpp"
#include "drp/dispute.hpp"
#include "drp/policy.hpp"
#include "json/strict_parse.hpp"

namespace {

const std::string& year_path() {
    static const std::string path = std::string(DRP_SOURCE_DIR) + "/examples/year/merton.jsonl";
    return path;
}

const std::vector<std::string>& year_lines() {
    static const std::vector<std::string> lines = [] {
        std::ifstream in(year_path());
        std::vector<std::string> out;
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) out.push_back(line);
        return out;
    }();
    return lines;
}

// The state of the dispute with the longest history in the year log, as stored text.
const std::string& long_state() {
    static const std::string text = [] {
        const auto p = drp::builtin_policy("merton");
        std::unordered_map<std::string, drp::dispute> disputes;
        drp::event_parser parser;
        for (const auto& line : year_lines()) {
            auto e = parser.parse(line);
            auto it = disputes.try_emplace(e.dispute_id, p).first;
            it->second.replay(std::move(e));
        }
        const drp::dispute* longest = nullptr;
        for (const auto& [id, d] : disputes)
            if (!longest || d.history().size() > longest->history().size()) longest = &d;
        return longest->to_json().dump();
    }();
    return text;
}

void Reading_EventLines_Nlohmann(benchmark::State& state) {
    for (auto _ : state)
        for (const auto& line : year_lines()) benchmark::DoNotOptimize(nlohmann::json::parse(line));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * year_lines().size()));
}
BENCHMARK(Reading_EventLines_Nlohmann)->Unit(benchmark::kMillisecond);

void Reading_EventLines_Strict(benchmark::State& state) {
    for (auto _ : state)
        for (const auto& line : year_lines()) benchmark::DoNotOptimize(drp::detail::parse_strict(line, "event"));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * year_lines().size()));
}
BENCHMARK(Reading_EventLines_Strict)->Unit(benchmark::kMillisecond);

void Reading_State_Nlohmann(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(nlohmann::json::parse(long_state()));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * long_state().size()));
}
BENCHMARK(Reading_State_Nlohmann)->Unit(benchmark::kMicrosecond);

void Reading_State_Strict(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(drp::detail::parse_strict(long_state(), "dispute state"));
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * long_state().size()));
}
BENCHMARK(Reading_State_Strict)->Unit(benchmark::kMicrosecond);

void Reading_LogLines_Getline(benchmark::State& state) {
    std::size_t n = 0;
    for (auto _ : state) {
        std::ifstream in(year_path(), std::ios::binary);
        for (std::string line; std::getline(in, line);) n += line.size();
    }
    benchmark::DoNotOptimize(n);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * year_lines().size()));
}
BENCHMARK(Reading_LogLines_Getline)->Unit(benchmark::kMicrosecond);

void Reading_LogLines_Checked(benchmark::State& state) {
    std::size_t n = 0;
    std::string line;
    for (auto _ : state) {
        const auto source = drp::detail::open_input(year_path(), "log");
        drp::detail::line_reader lines(*source);
        while (lines.next(line)) n += line.size();
    }
    benchmark::DoNotOptimize(n);
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * year_lines().size()));
}
BENCHMARK(Reading_LogLines_Checked)->Unit(benchmark::kMicrosecond);

}  // namespace
