// Reading GOV.UK's bank-holidays.json: {"england-and-wales": {"division": ..., "events":
// [{"title", "date", "notes", "bunting"}]}, "scotland": ..., "northern-ireland": ...}.
#include "drp/calendar.hpp"
#include "common/safe_text.hpp"
#include "json/strict_parse.hpp"
#include "drp/error.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace drp {
namespace {

[[noreturn]] void shape_error(const std::string& pointer, const std::string& what) {
    throw error(errc::schema, "GOV.UK bank holidays file: " + pointer + ": " + what);
}

const std::string& string_member(const nlohmann::json& event, const char* key,
                                 const std::string& pointer, bool required) {
    static const std::string empty;
    const auto it = event.find(key);
    if (it == event.end()) {
        if (required) shape_error(pointer, std::string("missing \"") + key + "\"");
        return empty;
    }
    if (!it->is_string()) shape_error(pointer + "/" + key, "expected a string");
    return it->get_ref<const std::string&>();
}

}  // namespace

std::vector<holiday> parse_govuk_bank_holidays(std::string_view json_text, division d) {
    // Strict like every other JSON drp reads: a repeated key is refused, not last-wins.
    const nlohmann::json doc = drp::detail::parse_strict(json_text, "GOV.UK bank holidays file");
    if (!doc.is_object()) shape_error("/", "expected an object keyed by division");
    const std::string key(to_string(d));
    const auto division_it = doc.find(key);
    if (division_it == doc.end()) shape_error("/", "no \"" + key + "\" division");
    const std::string base = "/" + key;
    if (!division_it->is_object()) shape_error(base, "expected an object");
    const auto events_it = division_it->find("events");
    if (events_it == division_it->end()) shape_error(base, "missing \"events\"");
    if (!events_it->is_array()) shape_error(base + "/events", "expected an array");

    std::vector<holiday> out;
    out.reserve(events_it->size());
    for (std::size_t i = 0; i < events_it->size(); ++i) {
        const auto& event = (*events_it)[i];
        const std::string pointer = base + "/events/" + std::to_string(i);
        if (!event.is_object()) shape_error(pointer, "expected an object");
        holiday h;
        const std::string& date_text = string_member(event, "date", pointer, true);
        try {
            h.day = parse_date(date_text);
        } catch (const error& e) {
            throw error(errc::invalid_date, "GOV.UK bank holidays file: " + pointer + "/date: " +
                                                std::string(e.what()));
        }
        if (!in_supported_range(h.day))
            throw error(errc::out_of_range, "GOV.UK bank holidays file: " + pointer + "/date: " +
                                                date_text + " is outside the supported years " +
                                                std::to_string(calendar::first_year) + "-" +
                                                std::to_string(calendar::last_year));
        h.title = string_member(event, "title", pointer, true);
        h.notes = string_member(event, "notes", pointer, false);
        if (const auto b = event.find("bunting"); b != event.end()) {
            if (!b->is_boolean()) shape_error(pointer + "/bunting", "expected true or false");
            h.bunting = b->get<bool>();
        }
        h.origin = holiday::source::imported;
        out.push_back(std::move(h));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const holiday& a, const holiday& b) { return a.day < b.day; });
    return out;
}

}  // namespace drp
