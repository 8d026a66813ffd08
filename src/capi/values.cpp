// Values crossing the boundary: strings handed to the host, JSON and date text coming
// from it.
#include <cstdlib>
#include <cstring>
#include <new>

#include "capi/capi.hpp"
#include "drp/time.hpp"

namespace drp::capi {

char* copy_out(std::string_view text) {
    auto* p = static_cast<char*>(std::malloc(text.size() + 1));
    if (!p) throw std::bad_alloc();
    std::memcpy(p, text.data(), text.size());
    p[text.size()] = '\0';
    return p;
}

nlohmann::json parse_host_json(const char* text, std::string_view what) {
    // Far deeper than any event, state or policy; keeps hostile input from exhausting the
    // stack in the recursive parts of nlohmann/json (comparison, serialisation).
    constexpr int max_depth = 64;
    const auto limit = [&](int depth, nlohmann::json::parse_event_t, nlohmann::json&) {
        if (depth > max_depth)
            throw error(errc::invalid_json, std::string(what) + " nests deeper than " + std::to_string(max_depth) + " levels");
        return true;
    };
    try {
        return nlohmann::json::parse(text, limit);
    } catch (const nlohmann::json::exception& e) {
        throw error(errc::invalid_json, std::string(what) + " is not valid JSON: " + e.what());
    }
}

std::string dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

drp::date date_arg(const char* text, const char* name) { return parse_date(required_text(text, name)); }

drp::instant instant_arg(const char* text, const char* name) { return parse_rfc3339(required_text(text, name)); }

}  // namespace drp::capi

extern "C" void drp_string_free(char* s) { std::free(s); }
