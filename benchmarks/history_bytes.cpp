// Bytes of history kept per applied event: every dispute of a log replayed, then the heap its
// drp::event_history holds (capacity, malloc's per-block overhead not counted) summed and
// divided by the events. For docs/PERFORMANCE.md; builds against a build tree's libdrp++.a:
//
//   c++ -std=c++20 -O2 -DNDEBUG -DJSON_USE_IMPLICIT_CONVERSIONS=0 -Iinclude -Ibuild/include \
//       benchmarks/history_bytes.cpp build/libdrp++.a \
//       $(pkg-config --libs icu-uc icu-i18n simdjson libsodium) -o /tmp/history_bytes
//   /tmp/history_bytes merton LOG.jsonl
#include "drp/dispute.hpp"
#include "drp/policy.hpp"

#include <cstdio>
#include <fstream>
#include <string>
#include <unordered_map>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: history_bytes POLICY LOG.jsonl\n");
        return 2;
    }
    const drp::policy p = drp::builtin_policy(argv[1]);
    std::ifstream in(argv[2], std::ios::binary);
    drp::event_parser parser;
    std::unordered_map<std::string, drp::dispute> disputes;
    std::size_t events = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        drp::event e = parser.parse(line);
        disputes.try_emplace(e.dispute_id, p).first->second.apply(std::move(e));
        ++events;
    }
    std::size_t bytes = 0, largest = 0;
    for (const auto& [id, d] : disputes) {
        bytes += d.history().memory();
        largest = std::max(largest, d.history().memory());
    }
    std::printf("%zu events, %zu disputes: history %zu bytes, %.1f B/event, largest dispute %zu B, sizeof(event) %zu\n", events,
                disputes.size(), bytes, static_cast<double>(bytes) / static_cast<double>(events), largest, sizeof(drp::event));
}
