// Compiling a schema document (schema::compile): every subschema becomes a node in one
// vector, $refs are resolved to node indexes (so validation never looks anything up by
// name), and whatever drp cannot check exactly is refused, naming the schema pointer.
#include "json/schema_internal.hpp"

#include "common/spelling.hpp"
#include "drp/error.hpp"
#include "json/json_pointer.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace drp::json {

namespace detail {

namespace {

constexpr std::string_view draft_2020_12 = "https://json-schema.org/draft/2020-12/schema";

const std::vector<std::string_view>& known_keywords() {
    static const std::vector<std::string_view> words = {
        "type", "enum", "const", "required", "properties", "patternProperties", "additionalProperties",
        "propertyNames", "minProperties", "maxProperties", "dependentRequired", "items", "prefixItems",
        "minItems", "maxItems", "uniqueItems", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
        "multipleOf", "minLength", "maxLength", "pattern", "format", "$ref", "$defs", "allOf", "anyOf",
        "oneOf", "not", "if", "then", "else", "title", "description", "examples", "default", "$comment",
        "$id", "$schema", "deprecated", "readOnly", "writeOnly"};
    return words;
}

std::string unsupported_advice(std::string_view keyword) {
    if (keyword == "definitions") return "; write \"$defs\" (draft 2020-12)";
    if (keyword == "dependencies") return "; write \"dependentRequired\" (draft 2020-12)";
    if (keyword == "additionalItems") return "; in draft 2020-12 write \"prefixItems\" and \"items\"";
    static const std::vector<std::string_view> known_unsupported = {
        "contains", "minContains", "maxContains", "dependentSchemas", "unevaluatedProperties",
        "unevaluatedItems", "$anchor", "$dynamicRef", "$dynamicAnchor", "$recursiveRef",
        "$recursiveAnchor", "$vocabulary", "contentEncoding", "contentMediaType", "contentSchema"};
    if (std::find(known_unsupported.begin(), known_unsupported.end(), keyword) != known_unsupported.end())
        return " (a draft 2020-12 keyword that drp's validator does not implement)";
    const auto best = drp::detail::closest_match(keyword, known_keywords());
    return best ? "; did you mean \"" + *best + "\"?" : "";
}

class compiler {
public:
    explicit compiler(const json& document) : document_(document) {}

    std::vector<node> run() {
        if (document_.is_object()) {
            if (const auto id = document_.find("$id"); id != document_.end() && id->is_string()) {
                root_id_ = id->get<std::string>();
                if (!root_id_.empty() && root_id_.back() == '#') root_id_.pop_back();
            }
        }
        nodes_.reserve(count_schema_candidates(document_));  // so compiling never moves a node
        compile(document_, "", 0);
        resolve_refs();
        reject_cycles();
        return std::move(nodes_);
    }

private:
    static constexpr int max_schema_depth = 100;

    // Objects and booleans: an upper bound on the number of subschemas.
    static std::size_t count_schema_candidates(const json& document) {
        std::size_t n = 0;
        std::vector<const json*> todo{&document};
        while (!todo.empty()) {
            const json* v = todo.back();
            todo.pop_back();
            n += v->is_object() || v->is_boolean();
            if (v->is_object() || v->is_array())
                for (const auto& child : *v) todo.push_back(&child);
        }
        return n;
    }

    [[noreturn]] static void fail(const std::string& pointer, const std::string& what) {
        throw error(errc::schema, "invalid schema at #" + pointer + ": " + what);
    }

    static std::string at(const std::string& pointer, std::string_view token) {
        std::string out = pointer;
        append_pointer_token(out, token);
        return out;
    }

    static std::size_t count(const json& v, const std::string& pointer) {
        if (!has_type(v, t_integer) || compare_numbers(v, json(0)) < 0)
            fail(pointer, "must be a non-negative integer; got " + describe(v));
        if (v.is_number_float()) {
            const double d = v.get<double>();
            return d >= 1.8e19 ? std::numeric_limits<std::size_t>::max() : static_cast<std::size_t>(d);
        }
        return v.is_number_unsigned() ? static_cast<std::size_t>(v.get<std::uint64_t>())
                                      : static_cast<std::size_t>(v.get<std::int64_t>());
    }

    static const json& number(const json& v, const std::string& pointer) {
        if (!v.is_number()) fail(pointer, "must be a number; got " + describe(v));
        if (v.is_number_float() && !std::isfinite(v.get<double>())) fail(pointer, "must be a finite number");
        return v;
    }

    static std::vector<std::string> unique_strings(const json& v, const std::string& pointer) {
        if (!v.is_array()) fail(pointer, "must be an array of strings; got " + describe(v));
        std::vector<std::string> out;
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (!v[i].is_string()) fail(at(pointer, std::to_string(i)), "must be a string; got " + describe(v[i]));
            const auto& s = v[i].get_ref<const std::string&>();
            if (std::find(out.begin(), out.end(), s) != out.end())
                fail(at(pointer, std::to_string(i)), quote(s) + " is listed twice");
            out.push_back(s);
        }
        return out;
    }

    static pattern pattern_at(const json& v, const std::string& pointer) {
        if (!v.is_string()) fail(pointer, "must be a regular expression string; got " + describe(v));
        auto compiled = compile_pattern(v.get_ref<const std::string&>());
        if (const auto* refusal = std::get_if<std::string>(&compiled)) fail(pointer, *refusal);
        return std::get<pattern>(std::move(compiled));
    }

    std::vector<int> schema_array(const json& v, const std::string& pointer, int depth) {
        if (!v.is_array() || v.empty()) fail(pointer, "must be a non-empty array of schemas; got " + describe(v));
        std::vector<int> out;
        for (std::size_t i = 0; i < v.size(); ++i) out.push_back(compile(v[i], at(pointer, std::to_string(i)), depth + 1));
        return out;
    }

    int compile(const json& s, const std::string& pointer, int depth) {
        if (depth > max_schema_depth) fail(pointer, "schema nested more than " + std::to_string(max_schema_depth) + " levels deep");
        const int id = static_cast<int>(nodes_.size());
        nodes_.emplace_back();
        nodes_[id].pointer = pointer;
        by_pointer_.emplace(pointer, id);
        if (s.is_boolean()) {
            nodes_[id].is_boolean = true;
            nodes_[id].boolean_value = s.get<bool>();
            return id;
        }
        if (!s.is_object()) fail(pointer, "a schema must be an object, true or false; got " + describe(s));

        for (auto it = s.begin(); it != s.end(); ++it) {
            const std::string& k = it.key();
            const json& v = it.value();
            const std::string kp = at(pointer, k);
            auto n = [&]() -> node& { return nodes_[id]; };  // re-fetched: compile() grows nodes_

            if (k == "type") {
                std::vector<json> names = v.is_array() ? v.get<std::vector<json>>() : std::vector<json>{v};
                if (names.empty()) fail(kp, "must name at least one type");
                std::uint8_t mask = 0;
                for (const auto& name : names) {
                    static const std::pair<std::string_view, std::uint8_t> table[] = {
                        {"null", t_null},     {"boolean", t_boolean}, {"object", t_object},
                        {"array", t_array},   {"number", t_number},   {"string", t_string},
                        {"integer", t_integer}};
                    const auto* hit = name.is_string()
                                          ? std::find_if(std::begin(table), std::end(table),
                                                         [&](const auto& e) { return e.first == name.get_ref<const std::string&>(); })
                                          : std::end(table);
                    if (hit == std::end(table))
                        fail(kp, "must be one of null, boolean, object, array, number, string, integer (or an array of them); got " +
                                     describe(name));
                    if (mask & hit->second) fail(kp, "lists " + std::string(hit->first) + " twice");
                    mask = static_cast<std::uint8_t>(mask | hit->second);
                }
                n().types = mask;
            } else if (k == "enum") {
                if (!v.is_array()) fail(kp, "must be an array of the allowed values; got " + describe(v));
                n().enum_values = v.get<std::vector<json>>();
                for (const auto& e : v) {
                    if (e.is_string())
                        n().enum_strings.push_back(e.get<std::string>());
                    else
                        n().enum_others.push_back(e);
                }
                std::sort(n().enum_strings.begin(), n().enum_strings.end());
            } else if (k == "const") {
                n().const_value = v;
            } else if (k == "required") {
                n().required = unique_strings(v, kp);
                n().has_object_keywords = true;
            } else if (k == "properties" || k == "patternProperties" || k == "$defs") {
                if (!v.is_object()) fail(kp, "must be an object mapping names to schemas; got " + describe(v));
                for (auto p = v.begin(); p != v.end(); ++p) {
                    const int child = compile(p.value(), at(kp, p.key()), depth + 1);
                    if (k == "properties") n().properties.emplace_back(p.key(), child);
                    if (k == "patternProperties") n().pattern_properties.emplace_back(pattern_at(json(p.key()), at(kp, p.key())), child);
                }
                if (k != "$defs") n().has_object_keywords = true;
            } else if (k == "additionalProperties") {
                const int child = compile(v, kp, depth + 1);
                n().additional_properties = child;
                n().has_object_keywords = true;
            } else if (k == "propertyNames") {
                const int child = compile(v, kp, depth + 1);
                n().property_names = child;
                n().has_object_keywords = true;
            } else if (k == "minProperties" || k == "maxProperties") {
                (k == "minProperties" ? n().min_properties : n().max_properties) = count(v, kp);
                n().has_object_keywords = true;
            } else if (k == "dependentRequired") {
                if (!v.is_object()) fail(kp, "must be an object mapping a property to the properties it requires; got " + describe(v));
                for (auto p = v.begin(); p != v.end(); ++p) n().dependent_required.emplace_back(p.key(), unique_strings(p.value(), at(kp, p.key())));
                n().has_object_keywords = true;
            } else if (k == "items") {
                if (v.is_array()) fail(kp, "must be a single schema; for a tuple write \"prefixItems\" (draft 2020-12)");
                const int child = compile(v, kp, depth + 1);
                n().items = child;
                n().has_array_keywords = true;
            } else if (k == "prefixItems") {
                auto children = schema_array(v, kp, depth);
                n().prefix_items = std::move(children);
                n().has_array_keywords = true;
            } else if (k == "minItems" || k == "maxItems") {
                (k == "minItems" ? n().min_items : n().max_items) = count(v, kp);
                n().has_array_keywords = true;
            } else if (k == "uniqueItems") {
                if (!v.is_boolean()) fail(kp, "must be true or false; got " + describe(v));
                n().unique_items = v.get<bool>();
                n().has_array_keywords = true;
            } else if (k == "minimum" || k == "maximum" || k == "exclusiveMinimum" || k == "exclusiveMaximum") {
                const json& limit = number(v, kp);
                (k == "minimum" ? n().minimum : k == "maximum" ? n().maximum : k == "exclusiveMinimum" ? n().exclusive_minimum : n().exclusive_maximum) = limit;
                n().has_number_keywords = true;
            } else if (k == "multipleOf") {
                if (compare_numbers(number(v, kp), json(0)) <= 0) fail(kp, "must be greater than 0; got " + describe(v));
                n().multiple_of = v;
                n().has_number_keywords = true;
            } else if (k == "minLength" || k == "maxLength") {
                (k == "minLength" ? n().min_length : n().max_length) = count(v, kp);
                n().has_string_keywords = true;
            } else if (k == "pattern") {
                n().pattern_ = pattern_at(v, kp);
                n().has_string_keywords = true;
            } else if (k == "format") {
                // (not v == "date": nlohmann's comparison with a string is noexcept and
                // allocates a json for the string, so memory running out would abort)
                const auto format = v.is_string() ? format_named(v.get_ref<const std::string&>()) : std::nullopt;
                if (!format)
                    fail(kp, "format " + describe(v) + " is not supported (drp checks " + checked_formats + "); "
                             "express the rule with \"pattern\" instead, so it is not silently ignored");
                n().format = *format;
                n().has_string_keywords = true;
            } else if (k == "$ref") {
                if (!v.is_string()) fail(kp, "must be a string; got " + describe(v));
                n().ref_text = v.get<std::string>();
                n().has_ref = true;
            } else if (k == "allOf" || k == "anyOf" || k == "oneOf") {
                auto children = schema_array(v, kp, depth);
                (k == "allOf" ? n().all_of : k == "anyOf" ? n().any_of : n().one_of) = std::move(children);
            } else if (k == "not" || k == "if" || k == "then" || k == "else") {
                const int child = compile(v, kp, depth + 1);
                (k == "not" ? n().not_ : k == "if" ? n().if_ : k == "then" ? n().then_ : n().else_) = child;
            } else if (k == "title" || k == "description" || k == "$comment") {
                if (!v.is_string()) fail(kp, "must be a string; got " + describe(v));
                if (k == "title") n().title = v.get<std::string>();
                if (k == "description" || (k == "title" && n().hint.empty())) n().hint = v.get<std::string>();
            } else if (k == "examples") {
                if (!v.is_array()) fail(kp, "must be an array of example values; got " + describe(v));
            } else if (k == "deprecated" || k == "readOnly" || k == "writeOnly") {
                if (!v.is_boolean()) fail(kp, "must be true or false; got " + describe(v));
            } else if (k == "$id") {
                if (!pointer.empty())
                    fail(kp, "only the root schema may have an $id (a nested $id would change what \"#\" refers to)");
                if (!v.is_string()) fail(kp, "must be a string; got " + describe(v));
            } else if (k == "$schema") {
                if (!v.is_string() || (v.get<std::string>() != draft_2020_12 && v.get<std::string>() != std::string(draft_2020_12) + "#"))
                    fail(kp, "drp validates draft 2020-12 only (\"" + std::string(draft_2020_12) + "\"); got " + describe(v));
            } else if (k == "default") {
                // an annotation: any value
            } else {
                fail(kp, "unknown keyword " + quote(k) + unsupported_advice(k));
            }
        }
        node& n = nodes_[id];
        std::sort(n.properties.begin(), n.properties.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        return id;
    }

    static std::optional<std::string> percent_decode(std::string_view s) {
        std::string out;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] != '%') {
                out += s[i];
                continue;
            }
            auto hex = [](char c) { return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1; };
            if (i + 2 >= s.size()) return std::nullopt;
            const int hi = hex(s[i + 1]), lo = hex(s[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        }
        return out;
    }

    void resolve_refs() {
        for (node& n : nodes_) {
            if (!n.has_ref) continue;
            const std::string where = at(n.pointer, "$ref");
            std::string_view ref = n.ref_text;
            if (!root_id_.empty() && ref.substr(0, root_id_.size()) == root_id_) {
                ref.remove_prefix(root_id_.size());
                if (ref.empty()) ref = "#";  // the root by its $id
            }
            if (ref.empty() || ref.front() != '#')
                fail(where, "only references within this document are supported (\"#\" or \"#/$defs/name\"); got " + quote(n.ref_text));
            const auto fragment = percent_decode(ref.substr(1));
            if (!fragment) fail(where, "bad %-escape in " + quote(n.ref_text));
            if (!fragment->empty() && fragment->front() != '/')
                fail(where, "anchors (\"#name\") are not supported; write \"#/$defs/" + *fragment + "\"");
            if (!split_pointer(*fragment)) fail(where, quote(n.ref_text) + " is not a JSON pointer");
            const auto hit = by_pointer_.find(*fragment);
            if (hit == by_pointer_.end()) {
                bool exists = false;
                try {
                    exists = document_.contains(json::json_pointer(*fragment));
                } catch (const json::exception&) {
                }
                fail(where, quote(n.ref_text) + (exists ? " points at something that is not a schema"
                                                        : " does not resolve: there is nothing at that place in this document"));
            }
            n.ref = hit->second;
        }
    }

    // In-place applicators (the same instance value goes to the subschema). A cycle of
    // them would recurse forever on any value that reaches it.
    static std::vector<int> in_place(const node& n) {
        std::vector<int> out;
        if (n.ref >= 0) out.push_back(n.ref);
        for (const auto* list : {&n.all_of, &n.any_of, &n.one_of}) out.insert(out.end(), list->begin(), list->end());
        for (int c : {n.not_, n.if_, n.then_, n.else_})
            if (c >= 0) out.push_back(c);
        return out;
    }

    void reject_cycles() const {
        enum class colour : std::uint8_t { white, grey, black };
        std::vector<colour> state(nodes_.size(), colour::white);
        struct frame {
            int id;
            std::vector<int> next;
            std::size_t i = 0;
        };
        for (std::size_t start = 0; start < nodes_.size(); ++start) {
            if (state[start] != colour::white) continue;
            std::vector<frame> stack;
            stack.push_back({static_cast<int>(start), in_place(nodes_[start])});
            state[start] = colour::grey;
            while (!stack.empty()) {
                frame& f = stack.back();
                if (f.i == f.next.size()) {
                    state[static_cast<std::size_t>(f.id)] = colour::black;
                    stack.pop_back();
                    continue;
                }
                const int next = f.next[f.i++];
                const auto ni = static_cast<std::size_t>(next);
                if (state[ni] == colour::grey) {
                    std::string chain;
                    bool in_cycle = false;
                    for (const auto& g : stack) {
                        in_cycle = in_cycle || g.id == next;
                        if (in_cycle) chain += "#" + nodes_[static_cast<std::size_t>(g.id)].pointer + " → ";
                    }
                    chain += "#" + nodes_[ni].pointer;
                    fail(nodes_[ni].pointer, "a cycle of references that never moves into the instance (" + chain +
                                                 "); validation would never finish");
                }
                if (state[ni] == colour::white) {
                    state[ni] = colour::grey;
                    stack.push_back({next, in_place(nodes_[ni])});
                }
            }
        }
    }

    const json& document_;
    std::string root_id_;
    std::vector<node> nodes_;
    std::unordered_map<std::string, int> by_pointer_;
};

}  // namespace

std::vector<node> compile_nodes(const json& document) { return compiler(document).run(); }

}  // namespace detail

schema schema::compile(const nlohmann::json& schema_document) {
    auto c = std::make_shared<compiled>();
    c->nodes = detail::compile_nodes(schema_document);
    return schema(std::move(c));
}

}  // namespace drp::json
