// What every C API file shares: the handle structs behind drp.h's opaque types, the
// guard that turns any C++ exception into a status code, and the checks on arguments.
//
// Each handle starts with a tag naming its kind, so a pointer of the wrong kind (easy to
// pass from C#, Delphi or ctypes, where handles are all IntPtr) is refused with
// DRP_EINVALID_ARGUMENT rather than misread. The free functions clear the tag.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "drp/calendar.hpp"
#include "drp/dispute.hpp"
#include "drp/drp.h"
#include "drp/error.hpp"
#include "drp/policy.hpp"
#include "drp/policy_versions.hpp"

namespace drp::capi {

enum class tag : std::uint32_t {
    dead = 0,
    policy = 0x44525050,    // "DRPP"
    dispute = 0x44525044,   // "DRPD"
    calendar = 0x44525043,  // "DRPC"
    list = 0x4452504C,      // "DRPL"
    versions = 0x44525056,  // "DRPV"
};

}  // namespace drp::capi

struct drp_policy {
    drp::capi::tag kind = drp::capi::tag::policy;
    drp::policy value;
    std::string effective_from = drp::format_date(value.effective_from());  // for drp_policy_effective_from
};

struct drp_dispute {
    drp::capi::tag kind = drp::capi::tag::dispute;
    drp::dispute value;
};

struct drp_calendar {
    drp::capi::tag kind = drp::capi::tag::calendar;
    drp::calendar value;
};

struct drp_policy_versions {
    drp::capi::tag kind = drp::capi::tag::versions;
    drp::policy_versions value;
    // The policy handles the set lends out (in_force, find, get), in value.list()'s order.
    std::vector<std::unique_ptr<drp_policy>> handles;
};

struct drp_list {
    drp::capi::tag kind = drp::capi::tag::list;
    nlohmann::json rows;  // an array of objects, for drp_list_json
    // Per row, each non-null field as text, for drp_list_get, and an array field's items
    // as text, for drp_list_item (both hand out c_str()s).
    struct field {
        std::string key, text;
        std::vector<std::string> items;
    };
    std::vector<std::vector<field>> text;
};

namespace drp::capi {

// ---- errors ------------------------------------------------------------------------

/// Forgets the calling thread's last message (every fallible call starts with it).
void clear_error() noexcept;
/// Records the exception being handled as the thread's message and returns its code.
int fail_with_current_exception() noexcept;

/// Runs body; returns DRP_OK, or the code of whatever it threw. Nothing escapes.
template <class Body>
int guarded(Body&& body) noexcept {
    clear_error();
    try {
        body();
        return DRP_OK;
    } catch (...) {
        return fail_with_current_exception();
    }
}

[[noreturn]] void invalid_argument(const std::string& message);

/// Sets an output to its "nothing" value first, so it is defined on every error path.
template <class T>
void reset(T* out) noexcept {
    if (out) *out = T{};
}

template <class T>
T& required(T* p, const char* name) {
    if (!p) invalid_argument(std::string(name) + " must not be NULL");
    return *p;
}
inline const char* required_text(const char* p, const char* name) {
    if (!p) invalid_argument(std::string(name) + " must not be NULL");
    return p;
}

/// The handle behind a pointer, or invalid_argument for NULL or a handle of another kind.
template <class Handle>
Handle& handle(Handle* h, tag expected, const char* name) {
    if (!h) invalid_argument(std::string(name) + " must not be NULL");
    if (h->kind != expected) invalid_argument(std::string(name) + " is not a " + name + " handle (wrong kind, or freed)");
    return *h;
}
inline const drp_policy& policy_arg(const drp_policy* p) { return handle(p, tag::policy, "policy"); }
inline drp_dispute& dispute_arg(drp_dispute* d) { return handle(d, tag::dispute, "dispute"); }
inline const drp_dispute& dispute_arg(const drp_dispute* d) { return handle(d, tag::dispute, "dispute"); }
inline drp_calendar& calendar_arg(drp_calendar* c) { return handle(c, tag::calendar, "calendar"); }
inline const drp_calendar& calendar_arg(const drp_calendar* c) { return handle(c, tag::calendar, "calendar"); }

/// True for a live handle of the expected kind (for the accessors that return NULL).
template <class Handle>
bool is(const Handle* h, tag expected) noexcept {
    return h && h->kind == expected;
}

/// Frees a handle of the expected kind; ignores NULL and anything else.
template <class Handle>
void destroy(Handle* h, tag expected) noexcept {
    if (!is(h, expected)) return;
    h->kind = tag::dead;
    delete h;
}

// ---- values crossing the boundary --------------------------------------------------

/// A malloc'd copy for the caller (drp_string_free releases it).
char* copy_out(std::string_view text);

/// Parses JSON text coming from a host: invalid_json (with the parser's message) for
/// bad syntax or UTF-8, and for nesting deeper than any drp document needs.
nlohmann::json parse_host_json(const char* text, std::string_view what);

/// Compact UTF-8 JSON text.
std::string dump(const nlohmann::json& j);

/// A list made from an array of objects.
std::unique_ptr<drp_list> make_list(nlohmann::json rows);

drp::date date_arg(const char* text, const char* name);
drp::instant instant_arg(const char* text, const char* name);
/// "YYYY-MM-DDTHH:MM:SSZ": fixed width, so text order is time order (for hosts' indexes).
std::string utc_text(drp::instant t);
/// An instant, or a local date "YYYY-MM-DD" meaning its end (23:59:59) in the policy's zone.
drp::instant as_of_arg(const drp::policy& p, const char* text, const char* name);

}  // namespace drp::capi
