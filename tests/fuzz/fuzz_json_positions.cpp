// Any bytes through position_map::scan: never crashes; and when the bytes are JSON,
// every value nlohmann/json parsed has a recorded position whose byte starts that kind
// of value, and every object member's key position holds its opening quote.
#include "drp/json_positions.hpp"

#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace {

void check_value_start(const nlohmann::json& v, std::string_view text, std::size_t offset) {
    if (offset >= text.size()) std::abort();
    const char c = text[offset];
    bool ok = false;
    switch (v.type()) {
        case nlohmann::json::value_t::object: ok = c == '{'; break;
        case nlohmann::json::value_t::array: ok = c == '['; break;
        case nlohmann::json::value_t::string: ok = c == '"'; break;
        case nlohmann::json::value_t::boolean: ok = c == 't' || c == 'f'; break;
        case nlohmann::json::value_t::null: ok = c == 'n'; break;
        default: ok = c == '-' || (c >= '0' && c <= '9'); break;
    }
    if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto map = drp::json::position_map::scan(text);
    (void)map.nearest("/0/a/1");
    (void)drp::json::position_of_offset(text, size / 2);
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception&) {
        return 0;
    }
    // Walk the parsed document (iteratively, to a bounded number of values).
    struct item {
        const nlohmann::json* value;
        std::string pointer;
        bool member;
    };
    std::vector<item> todo{{&doc, "", false}};
    for (int visited = 0; !todo.empty() && visited < 5000; ++visited) {
        const item it = std::move(todo.back());
        todo.pop_back();
        const auto at = map.value(it.pointer);
        if (!at) std::abort();
        check_value_start(*it.value, text, at->offset);
        if (it.member) {
            const auto key = map.key(it.pointer);
            if (!key || text[key->offset] != '"') std::abort();
        }
        if (it.value->is_object()) {
            for (auto m = it.value->begin(); m != it.value->end(); ++m) {
                std::string p = it.pointer + "/";
                for (const char c : m.key()) p += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
                todo.push_back({&m.value(), std::move(p), true});
            }
        } else if (it.value->is_array()) {
            for (std::size_t i = 0; i < it.value->size(); ++i)
                todo.push_back({&(*it.value)[i], it.pointer + "/" + std::to_string(i), false});
        }
    }
    return 0;
}
