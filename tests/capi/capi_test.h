// Helpers for the C API tests: owning wrappers for drp.h handles and events as JSON.
// The tests link the shared library (drp::c) and see nothing but drp.h.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "drp/drp.h"

namespace drp_test {

struct free_policy { void operator()(drp_policy* p) const { drp_policy_free(p); } };
struct free_dispute { void operator()(drp_dispute* d) const { drp_dispute_free(d); } };
struct free_calendar { void operator()(drp_calendar* c) const { drp_calendar_free(c); } };
struct free_list { void operator()(drp_list* l) const { drp_list_free(l); } };
struct free_string { void operator()(char* s) const { drp_string_free(s); } };
using policy_ptr = std::unique_ptr<drp_policy, free_policy>;
using dispute_ptr = std::unique_ptr<drp_dispute, free_dispute>;
using calendar_ptr = std::unique_ptr<drp_calendar, free_calendar>;
using list_ptr = std::unique_ptr<drp_list, free_list>;
using string_ptr = std::unique_ptr<char, free_string>;

inline policy_ptr builtin(const char* name) {
    drp_policy* p = nullptr;
    drp_policy_builtin(&p, name);
    return policy_ptr(p);
}

inline dispute_ptr new_dispute(const drp_policy* p) {
    drp_dispute* d = nullptr;
    drp_dispute_new(&d, p);
    return dispute_ptr(d);
}

/// One event of dispute `id` as JSON text.
inline std::string event(const std::string& type, const std::string& at, nlohmann::json fields = nlohmann::json::object(),
                         const std::string& id = "MERTON-2026-0041") {
    fields["type"] = type;
    fields["at"] = at;
    fields["dispute_id"] = id;
    return fields.dump();
}

/// Merton: raised at IR1 on Monday 21 December 2026 (10 working days: due 7 January 2027).
inline std::string raise_at_ir1(const std::string& id = "MERTON-2026-0041") {
    return event("raise", "2026-12-21T10:30:00Z",
                 {{"by", "IRO"}, {"child_ref", "C-1001"}, {"category", "drift_delay"}, {"urgency", "standard"},
                  {"summary", "Care plan actions not progressed"}, {"start_stage", "IR1"},
                  {"start_reason", "The team manager is already involved"}},
                 id);
}

/// The state JSON (no as_of) or "" when the call fails.
inline std::string state_of(const drp_dispute* d, const char* as_of = nullptr) {
    char* text = nullptr;
    if (drp_dispute_state_json(&text, d, as_of) != DRP_OK) return "";
    return string_ptr(text).get();
}

inline std::string text_or_empty(const char* s) { return s ? s : ""; }

}  // namespace drp_test
