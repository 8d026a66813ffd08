// drp_list: the read-only table of rows every list-shaped result comes back in.
#include "capi/capi.hpp"

namespace drp::capi {
namespace {

// How drp_list_get shows a value: strings as they are, everything else as JSON.
std::string as_text(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : dump(v); }

}  // namespace

std::unique_ptr<drp_list> make_list(nlohmann::json rows) {
    auto list = std::make_unique<drp_list>();
    list->text.reserve(rows.size());
    for (const auto& row : rows) {
        auto& fields = list->text.emplace_back();
        for (const auto& [key, value] : row.items())
            if (!value.is_null()) fields.emplace_back(key, as_text(value));
    }
    list->rows = std::move(rows);
    return list;
}

}  // namespace drp::capi

using namespace drp::capi;

extern "C" {

size_t drp_list_count(const drp_list* list) { return is(list, tag::list) ? list->text.size() : 0; }

const char* drp_list_get(const drp_list* list, size_t index, const char* field) {
    if (!is(list, tag::list) || !field || index >= list->text.size()) return nullptr;
    for (const auto& [key, value] : list->text[index])
        if (key == field) return value.c_str();
    return nullptr;
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
