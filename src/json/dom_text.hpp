// An nlohmann::json document written through a json sink (json/sink.hpp): into the text
// writer, the bytes of j.dump(indent) without nlohmann's serializer, which reads text a
// byte at a time through a UTF-8 decoder (a report's 400 KB of impact texts took it 3 k
// instructions per event replayed); or into the DOM builder, a copy.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace drp::detail {

template <class Sink>
void write_dom(Sink& out, const nlohmann::json& j) {
    switch (j.type()) {
        case nlohmann::json::value_t::object:
            out.begin_object();
            for (const auto& [k, v] : j.items()) {
                out.key(std::string_view(k));
                write_dom(out, v);
            }
            return out.end_object();
        case nlohmann::json::value_t::array:
            out.begin_array();
            for (const auto& v : j) write_dom(out, v);
            return out.end_array();
        case nlohmann::json::value_t::string: return out.string(j.get_ref<const std::string&>());
        case nlohmann::json::value_t::boolean: return out.boolean(j.get<bool>());
        case nlohmann::json::value_t::number_integer: return out.integer(j.get<std::int64_t>());
        case nlohmann::json::value_t::number_unsigned: return out.unsigned_integer(j.get<std::uint64_t>());
        case nlohmann::json::value_t::number_float: return out.number_text(j.dump(), j);  // nlohmann's own digits
        case nlohmann::json::value_t::null: return out.null();
        default: throw std::logic_error("write_dom: a binary or discarded value");
    }
}

/// j.dump(indent) (and its type_error 316 for text that is not UTF-8), byte for byte.
std::string dump_text(const nlohmann::json& j, int indent = -1);

}  // namespace drp::detail
