// An nlohmann::json document built from the tokens (json/sink.hpp): what the public
// to_json() functions return, from the same description the text writer writes.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "json/sink.hpp"

namespace drp::detail {

class json_dom_builder final : public json_sink {
public:
    json_dom_builder();

    void begin_object() override;
    void end_object() override;
    void begin_array() override;
    void end_array() override;
    void key(std::string_view k) override;
    void null() override;
    void boolean(bool b) override;
    void integer(std::int64_t n) override;
    void unsigned_integer(std::uint64_t n) override;
    void string(std::string_view s) override;

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
