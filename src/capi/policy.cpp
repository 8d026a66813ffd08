// drp_policy_*: loading (with diagnostics), the built-in seeds, and what a host reads
// from a policy.
#include <optional>

#include "capi/capi.hpp"
#include "json/build.hpp"
#include "common/input.hpp"

using namespace drp::capi;
using nlohmann::json;

namespace {

json diagnostic_row(const drp::diagnostic& d) {
    static constexpr const char* severity[] = {"error", "warning", "note"};
    // Member by member, not a braced list (json/build.hpp: memory running out).
    return drp::detail::json_object("severity", severity[static_cast<int>(d.level)], "file", d.file, "line", d.line,
                                    "column", d.column, "pointer", d.pointer, "message", d.message, "hint", d.hint,
                                    "rule", d.rule, "text", drp::format(d));
}

drp_list* diagnostics_list(const std::vector<drp::diagnostic>& found) {
    json rows = json::array();
    for (const auto& d : found) rows.push_back(diagnostic_row(d));
    return make_list(std::move(rows)).release();
}

void require_known_version(unsigned version) {
    if (version == 0 || version > DRP_POLICY_LOAD_OPTIONS_VERSION)
        invalid_argument("drp_policy_load_options version " + std::to_string(version) +
                         " is unknown to this library (it knows 1-" + std::to_string(DRP_POLICY_LOAD_OPTIONS_VERSION) +
                         "); initialise options with DRP_POLICY_LOAD_OPTIONS_INIT");
}

/// The options a caller passed, checked; the defaults for NULL. Reads only the fields of
/// the caller's version: a version-1 struct ends before closures_from.
drp_policy_load_options options_arg(const drp_policy_load_options* opts) {
    drp_policy_load_options o = DRP_POLICY_LOAD_OPTIONS_INIT;
    if (!opts) return o;
    require_known_version(opts->version);
    o.source_name = opts->source_name;  // version 1
    if (opts->version >= 2) o.closures_from = opts->closures_from;
    return o;
}

/// The C++ options: the closure days of options.closures_from, if any.
drp::policy_load_options cpp_options(const drp_policy_load_options& o) {
    drp::policy_load_options out;
    if (!o.closures_from) return out;
    const auto& cal = calendar_arg(o.closures_from).value;
    for (int year = drp::calendar::first_year; year <= drp::calendar::last_year; ++year)
        for (auto& h : cal.holidays(year))
            if (h.origin == drp::holiday::source::closure) out.closures.push_back({h.day, std::move(h.title)});
    return out;
}

/// Loads text as a policy; fills *diagnostics_out (when asked) with what the loader found.
void load(drp_policy*& out, drp_list** diagnostics_out, const std::string& text, const std::string& name,
          const drp::policy_load_options& options) {
    std::optional<drp::policy> loaded;
    try {
        loaded.emplace(drp::load_policy(text, name, options));
    } catch (const drp::policy_error& e) {
        if (diagnostics_out) *diagnostics_out = diagnostics_list(e.diagnostics());
        throw;
    }
    auto result = std::make_unique<drp_policy>(drp_policy{tag::policy, std::move(*loaded)});
    // A loaded policy does not keep its warnings; the validator gives them (run only when asked).
    if (diagnostics_out) *diagnostics_out = diagnostics_list(drp::validate_policy(text, name));
    out = result.release();
}

/// The built-in names, computed once; nullptr if that failed (out of memory), in which case
/// the next call tries again (a static whose initialisation throws is not initialised).
const std::vector<std::string>* builtin_names() noexcept {
    try {
        static const std::vector<std::string> names = drp::builtin_policy_names();
        return &names;
    } catch (...) {
        return nullptr;
    }
}

}  // namespace

extern "C" {

int drp_policy_load_options_init(drp_policy_load_options* opts, unsigned version) {
    return guarded([&] {
        auto& o = required(opts, "opts");
        require_known_version(version);
        // Field by field: a version-1 struct is shorter than this library's.
        const drp_policy_load_options defaults = DRP_POLICY_LOAD_OPTIONS_INIT;
        o.version = version;
        o.source_name = defaults.source_name;
        if (version >= 2) o.closures_from = defaults.closures_from;
    });
}

int drp_policy_load(drp_policy** out, drp_list** diagnostics_out, const char* json_text, const drp_policy_load_options* opts) {
    reset(out);
    reset(diagnostics_out);
    return guarded([&] {
        auto& result = required(out, "out");
        const auto o = options_arg(opts);
        load(result, diagnostics_out, required_text(json_text, "json"), o.source_name ? o.source_name : "<policy>",
             cpp_options(o));
    });
}

int drp_policy_load_file(drp_policy** out, drp_list** diagnostics_out, const char* path, const drp_policy_load_options* opts) {
    reset(out);
    reset(diagnostics_out);
    return guarded([&] {
        auto& result = required(out, "out");
        const auto o = options_arg(opts);
        const auto options = cpp_options(o);
        const std::string file = required_text(path, "path");
        load(result, diagnostics_out, drp::detail::read_file(file), o.source_name ? o.source_name : file, options);
    });
}

int drp_policy_builtin(drp_policy** out, const char* name) {
    reset(out);
    return guarded([&] {
        auto& result = required(out, "out");
        result = new drp_policy{tag::policy, drp::builtin_policy(required_text(name, "name"))};
    });
}

size_t drp_policy_builtin_count(void) {
    const auto* names = builtin_names();
    return names ? names->size() : 0;
}

const char* drp_policy_builtin_name(size_t index) {
    const auto* names = builtin_names();
    return names && index < names->size() ? (*names)[index].c_str() : nullptr;
}

void drp_policy_free(drp_policy* policy) { destroy(policy, tag::policy); }

const char* drp_policy_id(const drp_policy* policy) { return is(policy, tag::policy) ? policy->value.id().c_str() : nullptr; }
const char* drp_policy_version(const drp_policy* policy) {
    return is(policy, tag::policy) ? policy->value.version().c_str() : nullptr;
}

const char* drp_policy_effective_from(const drp_policy* policy) {
    return is(policy, tag::policy) ? policy->effective_from.c_str() : nullptr;
}
const char* drp_policy_title(const drp_policy* policy) {
    return is(policy, tag::policy) ? policy->value.title().c_str() : nullptr;
}
const char* drp_policy_source(const drp_policy* policy) {
    return is(policy, tag::policy) ? policy->value.source_text().c_str() : nullptr;
}

int drp_policy_stages(drp_list** out, const drp_policy* policy) {
    reset(out);
    return guarded([&] {
        auto& result = required(out, "out");
        json rows = json::array();
        for (const auto& s : policy_arg(policy).value.stages())
            rows.push_back(drp::detail::json_object("id", s.id, "title", s.title, "level", s.level,
                                                    "kind", std::string(drp::to_string(s.kind)), "optional", s.optional,
                                                    "responder", s.responder));
        result = make_list(std::move(rows)).release();
    });
}

int drp_policy_calendar(drp_calendar** out, const drp_policy* policy) {
    reset(out);
    return guarded([&] {
        auto& result = required(out, "out");
        result = new drp_calendar{tag::calendar, policy_arg(policy).value.calendar()};
    });
}

}  // extern "C"
