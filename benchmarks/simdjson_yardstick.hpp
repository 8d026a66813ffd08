// The yardstick drp's readers are measured against: simdjson On-Demand reading every field
// of an event line (keys, strings, booleans) and nothing more. One loop for the Google
// Benchmark (state_json_bench.cpp) and the callgrind counts (engine_counts.cpp).
#pragma once

#include <simdjson.h>

#include <cstddef>

inline std::size_t read_every_field(simdjson::ondemand::parser& parser, const simdjson::padded_string& text) {
    std::size_t bytes = 0;
    auto doc = parser.iterate(text);
    for (auto field : doc.get_object()) {
        bytes += field.unescaped_key().value().size();
        auto v = field.value();
        if (v.type() == simdjson::ondemand::json_type::string) bytes += v.get_string().value().size();
        else bytes += v.get_bool().value();
    }
    return bytes;
}
