// drp_calendar_*: UK working days for hosts (DESIGN.md §4.1).
#include "capi/capi.hpp"
#include "json/build.hpp"

using namespace drp::capi;
using nlohmann::json;

namespace {

std::string_view source_name(drp::holiday::source s) {
    switch (s) {
        case drp::holiday::source::builtin: return "builtin";
        case drp::holiday::source::imported: return "imported";
        case drp::holiday::source::generated: return "generated";
        case drp::holiday::source::closure: return "closure";
    }
    return "builtin";
}

}  // namespace

extern "C" {

int drp_calendar_new(drp_calendar** out, const char* division) {
    reset(out);
    return guarded([&] {
        auto& result = required(out, "out");
        const auto d = division ? drp::division_from_string(division) : drp::division::england_and_wales;
        result = new drp_calendar{tag::calendar, drp::calendar(d)};
    });
}

void drp_calendar_free(drp_calendar* cal) { destroy(cal, tag::calendar); }

int drp_calendar_add_closure(drp_calendar* cal, const char* date, const char* title) {
    return guarded([&] {
        // drp::calendar changes all or nothing (it swaps in rebuilt tables).
        auto& c = calendar_arg(cal);
        const auto day = date_arg(date, "date");
        if (title) c.value.add_closure(day, title);
        else c.value.add_closure(day);
    });
}

int drp_calendar_remove_closure(int* removed_out, drp_calendar* cal, const char* date) {
    reset(removed_out);
    return guarded([&] {
        const bool removed = calendar_arg(cal).value.remove_closure(date_arg(date, "date"));
        if (removed_out) *removed_out = removed ? 1 : 0;
    });
}

int drp_calendar_import_govuk(drp_calendar* cal, const char* govuk_json) {
    return guarded([&] { calendar_arg(cal).value.import_govuk(required_text(govuk_json, "govuk_json")); });
}

int drp_calendar_is_working_day(int* out, const drp_calendar* cal, const char* date) {
    reset(out);
    return guarded([&] {
        auto& result = required(out, "out");
        result = calendar_arg(cal).value.is_working_day(date_arg(date, "date")) ? 1 : 0;
    });
}

int drp_calendar_add_working_days(char** out, const drp_calendar* cal, const char* date, int n) {
    reset(out);
    return guarded([&] {
        auto& result = required(out, "out");
        result = copy_out(drp::format_date(calendar_arg(cal).value.add_working_days(date_arg(date, "date"), n)));
    });
}

int drp_calendar_working_days_between(int* out, const drp_calendar* cal, const char* from, const char* to) {
    reset(out);
    return guarded([&] {
        auto& result = required(out, "out");
        result = calendar_arg(cal).value.working_days_between(date_arg(from, "from"), date_arg(to, "to"));
    });
}

int drp_calendar_holidays(drp_list** out, const drp_calendar* cal, int year) {
    reset(out);
    return guarded([&] {
        auto& result = required(out, "out");
        json rows = json::array();
        for (const auto& h : calendar_arg(cal).value.holidays(year))
            rows.push_back(drp::detail::json_object("date", drp::format_date(h.day), "title", h.title, "notes", h.notes,
                                                    "source", std::string(source_name(h.origin))));
        result = make_list(std::move(rows)).release();
    });
}

}  // extern "C"
