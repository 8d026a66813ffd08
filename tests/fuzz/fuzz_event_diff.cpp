// Differential: any bytes as one event text, drp::event_parser (simdjson On-Demand) and the
// reference path (the strict document reader, json/strict_parse.hpp, then
// parse_event(const json&)) must give the same event (compared as drp::to_json) or the
// same drp::error code and message. Any difference aborts.
#include "common/safe_text.hpp"
#include "drp/error.hpp"
#include "drp/event.hpp"
#include "json/strict_parse.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

template <class Parse>
std::string outcome_of(Parse&& parse) {
    try {
        return "event " + drp::to_json(parse()).dump();
    } catch (const drp::error& e) {
        return "error " + std::string(drp::to_string(e.code())) + " " + e.what();
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static drp::event_parser parser;  // reused across inputs, as a replay loop does
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const std::string fast = outcome_of([&] { return parser.parse(text); });
    const std::string reference = outcome_of([&] { return drp::parse_event(drp::detail::parse_strict(text, "event")); });
    if (fast != reference) {
        std::fprintf(stderr, "fast:      %s\nreference: %s\n", drp::detail::safe_text(fast).c_str(),
                     drp::detail::safe_text(reference).c_str());
        std::abort();
    }
    return 0;
}
