// The yardstick of docs/PERFORMANCE.md's first table, counted under callgrind: simdjson
// On-Demand merely reading every field of every line of a log (the loop of
// Simulate_JsonVsParse_SimdjsonParse in state_json_bench.cpp, on any log). Standalone: it
// needs only Debian's libsimdjson-dev, so it builds in a second without touching a build tree.
//
//   g++ -std=c++20 -O2 -g -DNDEBUG benchmarks/simdjson_parse_counts.cpp -lsimdjson -o /tmp/simdjson_parse_counts
//   valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file=/tmp/cg.simdjson \
//       /tmp/simdjson_parse_counts LOG.jsonl        (Collected / events = instructions per event)
#include <valgrind/callgrind.h>
#include <simdjson.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: simdjson_parse_counts LOG.jsonl\n");
        return 2;
    }
    std::ifstream in(argv[1], std::ios::binary);
    std::vector<simdjson::padded_string> padded;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) padded.emplace_back(line);
    simdjson::ondemand::parser parser;
    std::size_t bytes = 0;
    CALLGRIND_TOGGLE_COLLECT;
    for (const auto& text : padded) {
        auto doc = parser.iterate(text);
        for (auto field : doc.get_object()) {
            bytes += field.unescaped_key().value().size();
            auto v = field.value();
            if (v.type() == simdjson::ondemand::json_type::string) bytes += v.get_string().value().size();
            else bytes += v.get_bool().value();
        }
    }
    CALLGRIND_TOGGLE_COLLECT;
    std::printf("simdjson: %zu events (bytes %zu)\n", padded.size(), bytes);
}
