#include "json/dom_builder.hpp"

#include <cassert>

namespace drp::detail {

json_dom_builder::json_dom_builder() { open_.reserve(8); }

nlohmann::json& json_dom_builder::put(nlohmann::json&& v) {
    if (open_.empty()) {
        root_ = std::move(v);
        return root_;
    }
    nlohmann::json& top = *open_.back();
    if (top.is_object()) {
        auto& members = top.get_ref<nlohmann::json::object_t&>();
        assert((members.empty() || members.rbegin()->first < key_) && "members are written in sorted key order");
        return members.emplace_hint(members.end(), std::move(key_), std::move(v))->second;
    }
    auto& elements = top.get_ref<nlohmann::json::array_t&>();
    return elements.emplace_back(std::move(v));
}

void json_dom_builder::begin_object() {
    nlohmann::json& made = put(nlohmann::json::object());
    open_.push_back(&made);
}
void json_dom_builder::begin_array() {
    nlohmann::json& made = put(nlohmann::json::array());
    open_.push_back(&made);
}
void json_dom_builder::end_object() {
    assert(!open_.empty() && open_.back()->is_object());
    open_.pop_back();
}
void json_dom_builder::end_array() {
    assert(!open_.empty() && open_.back()->is_array());
    open_.pop_back();
}
void json_dom_builder::key(const json_key& k) { key_.assign(k.text()); }
void json_dom_builder::null() { put(nlohmann::json()); }
void json_dom_builder::boolean(bool b) { put(nlohmann::json(b)); }
void json_dom_builder::integer(std::int64_t n) { put(nlohmann::json(n)); }
void json_dom_builder::unsigned_integer(std::uint64_t n) { put(nlohmann::json(n)); }
void json_dom_builder::string(std::string_view s) { put(nlohmann::json(std::string(s))); }

}  // namespace drp::detail
