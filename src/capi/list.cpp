// drp_list: the read-only table of rows every list-shaped result comes back in.
#include "capi/capi.hpp"

namespace drp::capi {
namespace {

// How drp_list_get shows a value: strings as they are, everything else as JSON.
std::string as_text(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : dump(v); }

// How drp_list_item shows an array's item: as as_text, except that a recipient any one of
// whose roles will do ({"any_of": ["IRO_MANAGER", "HOS"]}) reads "IRO_MANAGER|HOS" (role
// ids are upper snake case, so '|' never occurs in one).
std::string item_text(const nlohmann::json& v) {
    if (v.is_object() && v.size() == 1 && v.contains("any_of") && v["any_of"].is_array()) {
        std::string out;
        for (const auto& r : v["any_of"]) {
            if (!out.empty()) out += '|';
            out += as_text(r);
        }
        return out;
    }
    return as_text(v);
}

const drp_list::field* find_field(const drp_list* list, size_t index, const char* name) {
    if (!is(list, tag::list) || !name || index >= list->text.size()) return nullptr;
    for (const auto& f : list->text[index])
        if (f.key == name) return &f;
    return nullptr;
}

}  // namespace

std::unique_ptr<drp_list> make_list(nlohmann::json rows) {
    auto list = std::make_unique<drp_list>();
    list->text.reserve(rows.size());
    for (const auto& row : rows) {
        auto& fields = list->text.emplace_back();
        for (const auto& [key, value] : row.items()) {
            if (value.is_null()) continue;
            auto& f = fields.emplace_back(drp_list::field{key, as_text(value), {}});
            if (value.is_array())
                for (const auto& item : value) f.items.push_back(item_text(item));
        }
    }
    list->rows = std::move(rows);
    return list;
}

}  // namespace drp::capi

using namespace drp::capi;

extern "C" {

size_t drp_list_count(const drp_list* list) { return is(list, tag::list) ? list->text.size() : 0; }

const char* drp_list_get(const drp_list* list, size_t index, const char* field) {
    const auto* f = find_field(list, index, field);
    return f ? f->text.c_str() : nullptr;
}

size_t drp_list_item_count(const drp_list* list, size_t index, const char* field) {
    const auto* f = find_field(list, index, field);
    return f ? f->items.size() : 0;
}

const char* drp_list_item(const drp_list* list, size_t index, const char* field, size_t item) {
    const auto* f = find_field(list, index, field);
    return f && item < f->items.size() ? f->items[item].c_str() : nullptr;
}

int drp_list_json(char** out, const drp_list* list) {
    reset(out);
    return guarded([&] {
        auto& result = required(out, "out");
        const auto& l = handle(list, tag::list, "list");
        result = copy_out(dump(l.rows));
    });
}

void drp_list_free(drp_list* list) { destroy(list, tag::list); }

}  // extern "C"
