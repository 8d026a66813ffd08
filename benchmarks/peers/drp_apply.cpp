// drp's C++ engine on an event log, as the peers' models are fed it (benchmarks/peers/): the
// lines parsed into drp::event beforehand, then applied in log order with
// dispute::apply(event&&), actions included, one dispute per id. Prints {"events",
// "seconds", "events_per_second"} (best of --repeat) as JSON.
//
//     drp_apply LOG.jsonl [--policy merton] [--repeat 5]
//     drp_apply LOG.jsonl --repeat 1       under valgrind --tool=callgrind --toggle-collect=apply_all
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "drp/dispute.hpp"
#include "drp/event.hpp"
#include "drp/policy.hpp"

using dispute_map = std::unordered_map<std::string, drp::dispute>;

// (The disputes are freed outside: the timing is of applying, as in Engine_JsonlApplyOnly.)
extern "C" __attribute__((noinline)) std::size_t apply_all(const drp::policy& p, std::vector<drp::event>& events,
                                                           dispute_map& disputes) {
    std::size_t actions = 0;
    for (auto& e : events) {
        auto it = disputes.find(e.dispute_id);
        if (it == disputes.end()) it = disputes.emplace(e.dispute_id, drp::dispute(p)).first;
        actions += it->second.apply(std::move(e)).size();
    }
    return actions;
}

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: drp_apply LOG.jsonl [--policy NAME] [--repeat N]\n");
        return 2;
    }
    std::string policy_name = "merton";
    int repeat = 5;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--policy")) policy_name = argv[i + 1];
        else if (!std::strcmp(argv[i], "--repeat")) repeat = std::stoi(argv[i + 1]);
    }
    const auto p = drp::builtin_policy(policy_name);
    std::ifstream in(argv[1]);
    std::vector<drp::event> parsed;
    drp::event_parser parser;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) parsed.push_back(parser.parse(line));

    double best = 1e300;
    std::size_t actions = 0;
    for (int r = 0; r < repeat; ++r) {
        auto events = parsed;  // apply moves them in
        dispute_map disputes;
        const auto t0 = std::chrono::steady_clock::now();
        actions = apply_all(p, events, disputes);
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    std::printf("{\"events\": %zu, \"actions\": %zu, \"seconds\": %.6f, \"events_per_second\": %.1f}\n", parsed.size(), actions, best,
                static_cast<double>(parsed.size()) / best);
    return 0;
}
