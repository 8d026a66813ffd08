// Instruction counts per event of the engine's paths, for valgrind's callgrind (repeatable
// on a noisy machine, where timings are not). Each step runs on the same log, and only the
// step itself is counted: the program switches collection on and off around it.
//
//   valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file=/tmp/cg.%p \
//       build/benchmarks/drp_engine_counts STEP POLICY LOG.jsonl
//   callgrind_annotate /tmp/cg.<pid> | head        (Ir = the step's instructions)
//
// STEP: simdjson (On-Demand reading every field of each line, nothing more: the yardstick),
// parse (simdjson, event_parser, into drp::event), nlohmann (nlohmann::json::parse of
// each line: the yardstick a user would otherwise have), apply (events parsed beforehand,
// applied to their disputes with actions worked out), replay (parse + dispute::replay);
// apply-parsed and replay-parsed take the events as the parser returned them, as the JSON
// entry points, drp report and simulate, Python and the C API do (engine/parsed_events.hpp).
// The program prints the number of events, so Ir / events is the figure per event.
#include <valgrind/callgrind.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "drp/dispute.hpp"
#include "drp/policy.hpp"
#include "engine/parsed_events.hpp"
#include "simdjson_yardstick.hpp"

namespace {

std::vector<std::string> read_lines(const char* path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(std::string("cannot read ") + path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(std::move(line));
    if (in.bad()) throw std::runtime_error(std::string("cannot read ") + path);
    return lines;
}

}  // namespace

int main(int argc, char** argv) try {
    if (argc != 4) {
        std::cerr << "usage: drp_engine_counts simdjson|parse|nlohmann|apply|apply-parsed|replay|replay-parsed POLICY LOG.jsonl\n";
        return 2;
    }
    const std::string step = argv[1];
    const drp::policy p = drp::builtin_policy(argv[2]);
    const auto lines = read_lines(argv[3]);
    std::size_t checksum = 0;

    if (step == "simdjson") {
        std::vector<simdjson::padded_string> padded(lines.begin(), lines.end());
        simdjson::ondemand::parser parser;
        CALLGRIND_TOGGLE_COLLECT;
        for (const auto& text : padded) checksum += read_every_field(parser, text);
        CALLGRIND_TOGGLE_COLLECT;
    } else if (step == "parse") {
        drp::event_parser parser;
        CALLGRIND_TOGGLE_COLLECT;
        for (const auto& l : lines) checksum += parser.parse(l).dispute_id.size();
        CALLGRIND_TOGGLE_COLLECT;
    } else if (step == "nlohmann") {
        CALLGRIND_TOGGLE_COLLECT;
        for (const auto& l : lines) checksum += nlohmann::json::parse(l).size();
        CALLGRIND_TOGGLE_COLLECT;
    } else if (step == "apply" || step == "apply-parsed") {
        // apply-parsed: as the events came from the parser, the way the JSON entry points,
        // Python and the C API take them (not checked a second time).
        const bool parsed = step == "apply-parsed";
        drp::event_parser parser;
        std::vector<drp::event> events;
        for (const auto& l : lines) events.push_back(parser.parse(l));
        std::unordered_map<std::string, drp::dispute> disputes;
        for (const auto& e : events) disputes.try_emplace(e.dispute_id, p);  // made outside the count
        CALLGRIND_TOGGLE_COLLECT;
        for (auto& e : events) {
            auto& d = disputes.find(e.dispute_id)->second;
            checksum += parsed ? drp::engine::parsed_events::apply(d, e).size() : d.apply(std::move(e)).size();
        }
        CALLGRIND_TOGGLE_COLLECT;
    } else if (step == "replay" || step == "replay-parsed") {
        const bool parsed = step == "replay-parsed";
        drp::event_parser parser;
        std::unordered_map<std::string, drp::dispute> disputes;
        disputes.reserve(lines.size());
        CALLGRIND_TOGGLE_COLLECT;
        for (const auto& l : lines) {
            drp::event e = parser.parse(l);
            auto it = disputes.try_emplace(e.dispute_id, p).first;
            if (parsed) drp::engine::parsed_events::replay(it->second, e);
            else it->second.replay(std::move(e));
        }
        CALLGRIND_TOGGLE_COLLECT;
        checksum = disputes.size();
    } else {
        std::cerr << "drp_engine_counts: unknown step " << step << "\n";
        return 2;
    }
    std::printf("%s: %zu events (checksum %zu)\n", step.c_str(), lines.size(), checksum);
    return 0;
} catch (const std::exception& e) {
    std::cerr << "drp_engine_counts: " << e.what() << "\n";
    return 1;
}
