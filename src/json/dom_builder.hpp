// An nlohmann::json document built from the tokens (json/sink.hpp): what the public
// to_json() functions return, from the same description the text writer writes.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "json/sink.hpp"

namespace drp::detail {

class json_dom_builder final : public json_sink<json_dom_builder> {
public:
    json_dom_builder();

    void begin_object();
    void end_object();
    void begin_array();
    void end_array();
    void key(const json_key& k);
    void null();
    void boolean(bool b);
    void integer(std::int64_t n);
    void unsigned_integer(std::uint64_t n);
    void string(std::string_view s);
    void plain_string(std::string_view s) { string(s); }
    /// A number (json/dom_text.hpp): the value itself is copied, not its text.
    void number_text(std::string_view, const nlohmann::json& number) { put(nlohmann::json(number)); }

    /// The value written (once every container is closed).
    nlohmann::json take() { return std::move(root_); }

private:
    // Each member is added to its container complete (an empty container when it is one,
    // filled in place afterwards): whatever throws, the document so far is whole and
    // owned by root_ (nlohmann's operator[] on a null value is never used; json/build.hpp).
    nlohmann::json& put(nlohmann::json&& v);

    nlohmann::json root_;
    std::vector<nlohmann::json*> open_;  // the containers being filled (std::map nodes and
                                         // the last element of an array do not move)
    std::string key_;
};

}  // namespace drp::detail
