// Loading a policy: JSON -> schema (compiled into the library) -> model -> semantic
// checks. Every phase reports diagnostics with file:line:column; loading stops after a
// phase with errors, so later checks never see a malformed document.
#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <new>
#include <sstream>

#include "common/input.hpp"
#include "common/safe_text.hpp"
#include "drp/json_positions.hpp"
#include "drp/json_schema.hpp"
#include "json/strict_parse.hpp"
#include "json/utf8.hpp"
#include "policy/policy_data.hpp"

namespace drp {
namespace detail {
std::string_view policy_schema_json() noexcept;  // generated from schemas/
}

namespace {

using njson = nlohmann::json;
namespace dj = drp::json;
using policy_detail::finding;
using sev = diagnostic::severity;

constexpr int max_nesting = 64;  // far deeper than any policy; stops stack-exhausting input

const dj::schema& policy_schema() {
    static const dj::schema compiled = [] {
        try {
            return dj::schema::compile(njson::parse(detail::policy_schema_json()));
        } catch (const std::bad_alloc&) {
            throw;  // memory ran out: compiled on the next call
        } catch (const std::exception& e) {
            throw error(errc::internal, std::string("built-in policy schema does not compile: ") + e.what());
        }
    }();
    return compiled;
}

// What one pass over the text tells before parsing: the byte offset where nesting first
// exceeds the limit, if it does, and the number of object members written (the colons
// outside strings: one per member in valid JSON).
struct text_shape {
    std::optional<std::size_t> too_deep;
    std::size_t members = 0;
};

text_shape shape_of(std::string_view text) {
    text_shape out;
    int depth = 0;
    bool in_string = false, escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == ':') {
            ++out.members;
        } else if (c == '[' || c == '{') {
            if (++depth > max_nesting) {
                out.too_deep = i;
                return out;
            }
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return out;
}

// The object members of a parsed document: fewer than the text's when a key repeats
// (nlohmann keeps the last), so that the position map, which names the repeats, is built
// only then or for a diagnostic.
std::size_t members_of(const njson& v) {
    std::size_t n = 0;
    if (v.is_object()) {
        n = v.size();
        for (const auto& [key, member] : v.items()) n += members_of(member);
    } else if (v.is_array()) {
        for (const auto& item : v) n += members_of(item);
    }
    return n;
}

// A host's closure title: one line of 1-100 characters, valid UTF-8, no control
// characters (it is shown in explanations and written into states). Messages name the day.
void check_host_closure(const closure& c) {
    const std::string day = in_supported_range(c.day) ? format_date(c.day) : "";
    if (day.empty())
        throw error(errc::out_of_range, "a closure day added at load is outside the supported range " +
                                            std::to_string(calendar::first_year) + "-" + std::to_string(calendar::last_year));
    const std::string_view t = c.title;
    bool ok = !t.empty() && t.front() != ' ' && t.back() != ' ' && detail::safe_text(t) == t &&
              json::detail::count_code_points(t) <= 100;
    for (std::size_t i = 0; ok && i + 1 < t.size(); ++i)  // C1 controls, U+0080-U+009F
        ok = !(static_cast<unsigned char>(t[i]) == 0xC2 && static_cast<unsigned char>(t[i + 1]) < 0xA0);
    if (!ok)
        throw error(errc::invalid_argument, "closure day " + day + " added at load: its title must be one line of 1-100 "
                                            "characters (UTF-8, no control characters, no space at either end)");
}

// The schema refuses a permission's details beside "allowed": false with "property
// \"requires_reason\" is not allowed in bypass", which reads as though a bypass were refused.
// Say instead what is wrong: the detail means nothing because the permission is not granted.
void reword_permission_detail(const njson& doc, std::string& message, std::string& hint, const std::string& pointer) {
    static const std::map<std::string, std::string, std::less<>> rules{
        {"bypass", "bypass"}, {"start_above_first", "starting above the first stage"}, {"pause", "a time out"},
        {"extension", "an extension"}, {"referral", "a referral"}, {"legal_advice", "legal advice"}};
    constexpr std::string_view prefix = "/rules/";
    if (pointer.rfind(prefix, 0) != 0) return;
    const std::string rest = pointer.substr(prefix.size());
    const auto slash = rest.find('/');
    if (slash == std::string::npos || rest.find('/', slash + 1) != std::string::npos) return;
    const std::string rule = rest.substr(0, slash), key = rest.substr(slash + 1);
    const auto name = rules.find(rule);
    if (name == rules.end() || key == "allowed" || key == "description" || key.rfind("x-", 0) == 0) return;
    const auto r = doc.find("rules");
    if (r == doc.end() || !r->is_object()) return;
    const auto it = r->find(rule);
    if (it == r->end() || !it->is_object()) return;
    const auto allowed = it->find("allowed");
    if (allowed == it->end() || !allowed->is_boolean() || allowed->get<bool>()) return;
    message = "\"" + key + "\" means nothing when " + name->second + " is not allowed (\"allowed\": false)";
    hint = "drop \"" + key + "\", or set \"allowed\": true if the document permits " + name->second;
}

struct run_result {
    std::vector<diagnostic> diagnostics;
    errc code = errc::ok;  // the phase that failed
    std::shared_ptr<policy::data> model;
};

diagnostic at(std::string_view text, std::string_view file, const dj::position_map* positions, finding f,
              std::optional<std::size_t> offset = std::nullopt) {
    diagnostic d;
    d.level = f.level;
    d.file = std::string(file);
    d.pointer = std::move(f.pointer);
    d.message = std::move(f.message);
    d.hint = std::move(f.hint);
    d.rule = std::move(f.rule);
    dj::text_position p;
    if (offset) p = dj::position_of_offset(text, *offset);
    else if (positions) p = f.at_key ? positions->nearest_key_or_value(d.pointer) : positions->nearest(d.pointer);
    d.line = static_cast<int>(p.line);
    d.column = static_cast<int>(p.column);
    return d;
}

bool has_errors(const std::vector<diagnostic>& ds) {
    for (const auto& d : ds)
        if (d.level == sev::error) return true;
    return false;
}

run_result run(std::string_view text, std::string_view file, const policy_load_options& options) {
    run_result r;
    auto fail_json = [&](std::string message, std::size_t offset, std::string hint = {}) {
        r.diagnostics.push_back(at(text, file, nullptr, {sev::error, "", std::move(message), std::move(hint), "json"}, offset));
        r.code = errc::invalid_json;
        return r;
    };
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return fail_json("the file is empty", 0, "a policy is a JSON object; start from docs/policy-authoring.md");
    const auto shape = shape_of(text);
    if (shape.too_deep)
        return fail_json("nesting deeper than " + std::to_string(max_nesting) + " levels", *shape.too_deep);

    // nlohmann stops reading at a NUL byte: what follows would be dropped unseen.
    if (const void* nul = std::memchr(text.data(), '\0', text.size()))
        return fail_json("a NUL byte (JSON text may not contain one)",
                         static_cast<std::size_t>(static_cast<const char*>(nul) - text.data()));
    njson doc;
    try {
        doc = njson::parse(text.begin(), text.end());
    } catch (const njson::parse_error& e) {
        // The reason without the bytes nlohmann quotes ("last read: ..."), at our own position.
        std::string what = detail::describe_parse_error(text, e);
        if (const auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
        const auto p = dj::position_of_parse_error(text, e.byte);
        r.diagnostics.push_back(at(text, file, nullptr, {sev::error, "", "not valid JSON: " + what, "", "json"}));
        r.diagnostics.back().line = static_cast<int>(p.line);
        r.diagnostics.back().column = static_cast<int>(p.column);
        r.code = errc::invalid_json;
        return r;
    } catch (const njson::exception& e) {  // e.g. a number too large for a double
        return fail_json("not usable JSON: " + detail::describe_parse_error(text, e), 0);
    }

    // Where each value is, for diagnostics: scanned when the first one needs it.
    std::optional<dj::position_map> scanned;
    const auto positions = [&]() -> const dj::position_map* {
        if (!scanned) scanned = dj::position_map::scan(text);
        return &*scanned;
    };
    if (members_of(doc) != shape.members) {
        for (const auto& pointer : positions()->duplicate_keys()) {
            r.diagnostics.push_back(at(text, file, positions(),
                                       {sev::error, pointer, "duplicate key '" + pointer.substr(pointer.rfind('/') + 1) + "'",
                                        "each key may appear once in an object; the later one would silently win",
                                        "duplicate-key", true}));
            r.code = errc::invalid_json;
        }
    }
    if (r.code != errc::ok) return r;

    for (auto& e : policy_schema().validate(doc)) {
        const bool at_key = e.keyword == "additionalProperties" || e.keyword == "propertyNames";
        reword_permission_detail(doc, e.message, e.hint, e.instance_pointer);
        r.diagnostics.push_back(at(text, file, positions(),
                                   {sev::error, e.instance_pointer, e.message, e.hint, "schema", at_key}));
    }
    if (!r.diagnostics.empty()) {
        r.code = errc::schema;
        return r;
    }

    auto model = std::make_shared<policy::data>();
    std::vector<finding> findings;
    policy_detail::read_model(doc, *model, findings);
    policy_detail::check_semantics(doc, *model, findings);
    for (auto& f : findings) r.diagnostics.push_back(at(text, file, positions(), std::move(f)));
    if (has_errors(r.diagnostics)) {
        r.code = errc::semantic;
        return r;
    }
    try {
        policy_detail::build_duties(*model);
    } catch (const error& e) {  // more duties than a state can index
        r.diagnostics.push_back(at(text, file, positions(), {sev::error, "", e.what(), "", "too-many-duties", false}));
        r.code = errc::semantic;
        return r;
    }
    policy_detail::apply_closures(*model, options.closures);  // throws drp::error for a bad host closure
    model->source_text = std::string(text);
    r.model = std::move(model);
    return r;
}

}  // namespace

void policy_detail::apply_closures(policy::data& model, const std::vector<closure>& host) {
    for (const auto& c : host) check_host_closure(c);  // everything that can be refused first
    std::map<date, std::string> all, added;
    for (const auto& c : model.closures) all.insert_or_assign(c.day, c.title);  // the file's: each day once
    for (const auto& c : host) {
        all.insert_or_assign(c.day, c.title);
        added.insert_or_assign(c.day, c.title);
    }
    std::vector<closure> closures, added_closures;
    for (const auto& [day, title] : all) closures.push_back({day, title});
    for (const auto& [day, title] : added) added_closures.push_back({day, title});
    drp::calendar cal = model.calendar;
    cal.add_closures(closures);  // one rebuild of the tables, however many days
    model.calendar = std::move(cal);
    model.closures = std::move(closures);
    model.added_closures = std::move(added_closures);
}

std::string format(const diagnostic& d) {
    static constexpr const char* names[] = {"error", "warning", "note"};
    std::string out = d.file;
    if (d.line > 0) out += ":" + std::to_string(d.line) + ":" + std::to_string(d.column);
    out += std::string(": ") + names[static_cast<int>(d.level)] + ": ";
    if (!d.pointer.empty()) out += d.pointer + ": ";
    out += d.message;
    if (!d.rule.empty()) out += " [" + d.rule + "]";
    if (!d.hint.empty()) out += "\n    hint: " + d.hint;
    return out;
}

namespace {
std::string first_error(const std::vector<diagnostic>& ds) {
    for (const auto& d : ds)
        if (d.level == sev::error) {
            std::string s = format(d);
            const std::size_t errors = static_cast<std::size_t>(std::count_if(ds.begin(), ds.end(), [](const diagnostic& x) { return x.level == sev::error; }));
            if (errors > 1) s += " (and " + std::to_string(errors - 1) + " more)";
            return s;
        }
    return "policy rejected";
}
}  // namespace

policy_error::policy_error(errc code, std::vector<diagnostic> diagnostics)
    : error(code, first_error(diagnostics)), diagnostics_(std::move(diagnostics)) {}

std::vector<diagnostic> validate_policy(std::string_view text, std::string_view file) {
    return run(text, file, {}).diagnostics;
}

policy load_policy(std::string_view text, std::string_view file) { return load_policy(text, file, {}); }

policy load_policy(std::string_view text, std::string_view file, const policy_load_options& options) {
    auto r = run(text, file, options);
    if (!r.model) throw policy_error(r.code == errc::ok ? errc::semantic : r.code, std::move(r.diagnostics));
    return policy(std::move(r.model));
}

policy load_policy_file(const std::string& path, std::size_t max_bytes) { return load_policy_file(path, {}, max_bytes); }

policy load_policy_file(const std::string& path, const policy_load_options& options, std::size_t max_bytes) {
    return load_policy(detail::read_file(path, max_bytes, "policy file"), path, options);
}

}  // namespace drp
