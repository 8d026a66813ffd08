// Validating an instance against the compiled nodes (schema::validate, is_valid): the
// instance and the nodes are walked together, in one of two modes: collecting (messages
// wanted) or deciding (only valid/invalid, stopping at the first failure). anyOf, oneOf,
// not and if always decide first; only when every alternative failed are they re-run
// collecting, so the valid path never builds a message.
#include "json/schema_internal.hpp"

#include "common/spelling.hpp"
#include "json/json_pointer.hpp"
#include "json/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <new>

namespace drp::json {

namespace detail {

namespace {

struct raw_error {
    schema_error error;
    std::string subject;   // how messages named the value
    std::size_t depth;     // instance depth of instance_pointer
    const node* where;     // the subschema whose keyword failed
    const json* value;     // the instance value at instance_pointer (for merged messages)
};

class validator {
public:
    validator(const schema::compiled& c, const validate_options& options, std::vector<raw_error>* out)
        : nodes_(c.nodes),
          out_(out),
          max_errors_(std::max<std::size_t>(1, options.max_errors)),
          max_depth_(options.max_depth),
          max_frames_(10 * options.max_depth + 100),
          max_checks_(options.max_checks) {}

    bool out_of_budget() const noexcept { return checks_ > max_checks_; }

    bool check(int id, const json& v, const std::string* hint) {
        const node& n = nodes_[static_cast<std::size_t>(id)];
        // Out of budget: everything fails fast from here, so the work stays bounded;
        // validate() reports it once, whichever alternative it happened in.
        if (++checks_ > max_checks_) return false;
        if (++frames_ > max_frames_) {
            --frames_;
            emit(n, "maxDepth", [&] { return subject() + " needs more than " + std::to_string(max_frames_) +
                                             " nested schema checks; drp does not check deeper"; },
                 hint);
            return false;
        }
        const bool ok = check_node(n, v, hint);
        --frames_;
        return ok;
    }

private:

    struct segment {
        const std::string* key;  // nullptr for an array index
        std::size_t index;
    };

    bool collecting() const noexcept { return out_ != nullptr; }
    bool full() const noexcept { return out_ && out_->size() >= max_errors_; }

    std::string pointer() const {
        std::string p;
        for (const auto& s : path_) {
            if (s.key) {
                append_pointer_token(p, *s.key);
            } else {
                p += '/';
                p += std::to_string(s.index);
            }
        }
        return p;
    }

    // How messages name the value being checked: "kind", "stages"[2], the document.
    std::string subject() const {
        if (naming_) return "property name " + quote(*path_.back().key);
        return subject_of(path_.size());
    }

    std::string subject_of(std::size_t depth) const {
        std::size_t k = depth;
        while (k > 0 && !path_[k - 1].key) --k;
        std::string out = k == 0 ? "the document" : quote(*path_[k - 1].key);
        for (std::size_t i = k; i < depth; ++i) out += "[" + std::to_string(path_[i].index) + "]";
        return out;
    }

    // Records an error; message is a callable, so deciding mode never builds the text.
    // Out of line (as are the other leaf checks below) so the frames on the recursion
    // path (check, check_node, check_object, check_array, descend) stay small.
    template <class Message>
    [[gnu::noinline]] void emit(const node& n, std::string_view keyword, Message&& message, const std::string* hint,
              bool at_key = false, const json* value = nullptr) {
        if (!out_ || full()) return;
        raw_error e;
        e.error.instance_pointer = pointer();
        e.error.schema_pointer = keyword == "false" ? n.pointer : n.pointer + "/" + std::string(keyword);
        e.error.keyword = std::string(keyword);
        e.error.message = message();
        if (hint) e.error.hint = *hint;
        e.error.at_key = at_key || naming_;
        e.subject = subject();
        e.depth = path_.size();
        e.where = &n;
        e.value = value;
        out_->push_back(std::move(e));
    }

    // Runs a subschema only to decide valid/invalid, whatever the current mode.
    bool decide(int id, const json& v) {
        auto* saved = out_;
        out_ = nullptr;
        const bool ok = check(id, v, nullptr);
        out_ = saved;
        return ok;
    }

    bool descend(int id, const json& v, const std::string* key, std::size_t index) {
        if (path_.size() >= max_depth_) {
            emit(nodes_[static_cast<std::size_t>(id)], "maxDepth",
                 [&] { return subject() + " is nested more than " + std::to_string(max_depth_) + " levels deep; drp does not check deeper"; },
                 nullptr);
            return false;
        }
        path_.push_back({key, index});
        const bool ok = check(id, v, nullptr);
        path_.pop_back();
        return ok;
    }

    bool check_node(const node& n, const json& v, const std::string* inherited_hint) {
        const std::string* hint = n.hint.empty() ? inherited_hint : &n.hint;
        if (n.is_boolean) {
            if (n.boolean_value) return true;
            if (collecting()) {
                const bool member = !naming_ && !path_.empty() && path_.back().key;
                emit(n, "false", [&] { return member ? "property " + quote(*path_.back().key) + " is not allowed in " + subject_of(path_.size() - 1)
                            : subject() + " is not allowed here"; },
                     hint, member, &v);
            }
            return false;
        }

        if (n.types && !has_type(v, n.types)) {
            emit(n, "type", [&] { return subject() + " must be " + type_list(n.types) + "; got " + describe_with_kind(v); }, hint, false, &v);
            return false;  // the other keywords would only repeat the point
        }
        bool ok = true;
        // Returns true when checking should stop (deciding mode, or the error list is full).
        auto failed = [&]() {
            ok = false;
            return !collecting() || full();
        };

        if (n.const_value && !json_equal(v, *n.const_value)) {
            emit(n, "const", [&] { return subject() + " must be " + expected_value(*n.const_value) + "; got " + describe(v); }, hint, false, &v);
            if (failed()) return false;
        }
        if (n.enum_values) {
            const auto& values = *n.enum_values;
            const bool listed = v.is_string() ? std::binary_search(n.enum_strings.begin(), n.enum_strings.end(), v.get_ref<const std::string&>())
                                              : std::any_of(n.enum_others.begin(), n.enum_others.end(), [&](const json& e) { return json_equal(v, e); });
            if (!listed) {
                if (collecting()) {
                    std::vector<const json*> expected;
                    for (const auto& e : values) expected.push_back(&e);
                    emit(n, "enum", [&] { return subject() + " must be one of " + list_values(expected) + "; got " + describe(v) + did_you_mean(v, expected); },
                         hint, false, &v);
                }
                if (failed()) return false;
            }
        }

        if (v.is_object() && n.has_object_keywords && !check_object(n, v, hint, failed)) return false;
        if (v.is_array() && n.has_array_keywords && !check_array(n, v, hint, failed)) return false;
        if (v.is_number() && n.has_number_keywords && !check_number(n, v, hint, failed)) return false;
        if (v.is_string() && n.has_string_keywords && !check_string(n, v, hint, failed)) return false;

        if (n.ref >= 0 && !check(n.ref, v, hint) && failed()) return false;
        for (int sub : n.all_of)
            if (!check(sub, v, hint) && failed()) return false;
        if (!n.any_of.empty()) {
            const bool any = std::any_of(n.any_of.begin(), n.any_of.end(), [&](int sub) { return decide(sub, v); });
            if (!any) {
                if (collecting()) report_closest(n, "anyOf", n.any_of, v, hint);
                if (failed()) return false;
            }
        }
        if (!n.one_of.empty()) {
            std::vector<std::size_t> passing;
            for (std::size_t i = 0; i < n.one_of.size() && passing.size() < 2; ++i)
                if (decide(n.one_of[i], v)) passing.push_back(i);
            if (passing.empty()) {
                if (collecting()) report_closest(n, "oneOf", n.one_of, v, hint);
                if (failed()) return false;
            } else if (passing.size() > 1) {
                if (collecting()) {
                    auto name = [&](std::size_t i) {
                        const node& b = nodes_[static_cast<std::size_t>(n.one_of[i])];
                        const std::string& label = !b.title.empty() ? b.title : b.hint;
                        return "#" + b.pointer + (label.empty() ? "" : " (" + label + ")");
                    };
                    emit(n, "oneOf", [&] { return subject() + " matches more than one alternative, " + name(passing[0]) + " and " +
                                         name(passing[1]) + ", but must match exactly one"; },
                         hint, false, &v);
                }
                if (failed()) return false;
            }
        }
        if (n.not_ >= 0 && decide(n.not_, v)) {
            if (collecting()) {
                const node& b = nodes_[static_cast<std::size_t>(n.not_)];
                const std::string& label = !b.title.empty() ? b.title : b.hint;
                emit(n, "not", [&] { return subject() + (label.empty() ? " must not match the schema at #" + b.pointer : " must not be: " + label); },
                     hint, false, &v);
            }
            if (failed()) return false;
        }
        if (n.if_ >= 0 && (n.then_ >= 0 || n.else_ >= 0)) {
            const int branch = decide(n.if_, v) ? n.then_ : n.else_;
            if (branch >= 0 && !check(branch, v, hint) && failed()) return false;
        }
        return ok;
    }

    template <class Failed>
    bool check_object(const node& n, const json& v, const std::string* hint, Failed& failed) {
        for (const auto& name : n.required) {
            if (v.contains(name)) continue;
            if (collecting()) {
                const auto p = property(n, name);
                const std::string* h = hint;
                if (p >= 0 && !nodes_[static_cast<std::size_t>(p)].hint.empty()) h = &nodes_[static_cast<std::size_t>(p)].hint;
                emit(n, "required", [&] { return subject() + " is missing the required property " + quote(name); }, h, false, &v);
            }
            if (failed()) return false;
        }
        for (const auto& dependency : n.dependent_required) {
            const std::string& name = dependency.first;  // not a structured binding: lambdas capture it
            if (!v.contains(name)) continue;
            for (const auto& other : dependency.second) {
                if (v.contains(other)) continue;
                emit(n, "dependentRequired", [&] { return subject() + " has " + quote(name) + ", so it must also have " + quote(other); }, hint, false, &v);
                if (failed()) return false;
            }
        }
        if (n.min_properties && v.size() < *n.min_properties) {
            emit(n, "minProperties", [&] { return subject() + " must have at least " + plural(*n.min_properties, "property", "properties") +
                                         "; it has " + std::to_string(v.size()); }, hint, false, &v);
            if (failed()) return false;
        }
        if (n.max_properties && v.size() > *n.max_properties) {
            emit(n, "maxProperties", [&] { return subject() + " must have at most " + plural(*n.max_properties, "property", "properties") +
                                         "; it has " + std::to_string(v.size()); }, hint, false, &v);
            if (failed()) return false;
        }
        if (n.pattern_properties.empty() && n.additional_properties < 0 && n.property_names < 0) {
            // Only "properties": look each one up (the usual case for if-conditions and
            // small schemas), rather than walking every member of a large object.
            for (const auto& [name, sub] : n.properties) {
                const auto member = v.find(name);
                if (member != v.end() && !descend(sub, *member, &member.key(), 0) && failed()) return false;
            }
            return true;
        }
        for (auto it = v.begin(); it != v.end(); ++it) {
            const std::string& key = it.key();
            const json& member = it.value();
            bool matched = false;
            if (const int p = property(n, key); p >= 0) {
                matched = true;
                if (!descend(p, member, &key, 0) && failed()) return false;
            }
            if (!n.pattern_properties.empty()) {
                for (const auto& [pat, sub] : n.pattern_properties) {
                    if (!matches(pat, key)) continue;
                    matched = true;
                    if (!descend(sub, member, &key, 0) && failed()) return false;
                }
            }
            if (!matched && n.additional_properties >= 0) {
                const node& extra = nodes_[static_cast<std::size_t>(n.additional_properties)];
                if (extra.is_boolean && !extra.boolean_value) {
                    if (collecting()) {
                        path_.push_back({&key, 0});
                        emit(n, "additionalProperties", [&] { return unknown_property_message(n, key); }, hint, true, &member);
                        path_.pop_back();
                    }
                    if (failed()) return false;
                } else if (!descend(n.additional_properties, member, &key, 0) && failed()) {
                    return false;
                }
            }
            if (n.property_names >= 0) {
                const json name(key);
                path_.push_back({&key, 0});
                naming_ = true;
                const bool name_ok = path_.size() <= max_depth_ ? check(n.property_names, name, nullptr) : true;
                naming_ = false;
                path_.pop_back();
                if (!name_ok && failed()) return false;
            }
        }
        return true;
    }

    std::string unknown_property_message(const node& n, const std::string& key) const {
        std::string message = "unknown property " + quote(key) + " in " + subject_of(path_.size() - 1);
        std::vector<std::string_view> allowed;
        for (const auto& p : n.properties) {
            const node& target = nodes_[static_cast<std::size_t>(p.second)];
            if (!(target.is_boolean && !target.boolean_value)) allowed.push_back(p.first);
        }
        if (const auto best = drp::detail::closest_match(key, allowed)) message += "; did you mean " + quote(*best) + "?";
        if (allowed.empty() && n.pattern_properties.empty()) return message + "; no properties are allowed here";
        message += " (allowed: ";
        constexpr std::size_t shown = 30;
        for (std::size_t i = 0; i < allowed.size() && i < shown; ++i) message += (i ? ", " : "") + std::string(allowed[i]);
        if (allowed.size() > shown) message += ", …";
        for (std::size_t i = 0; i < n.pattern_properties.size(); ++i)
            message += (allowed.empty() && i == 0 ? "names matching " : i == 0 ? ", or names matching " : " or ") +
                       n.pattern_properties[i].first.source;
        return message + ")";
    }

    int property(const node& n, const std::string& name) const {
        const auto it = std::lower_bound(n.properties.begin(), n.properties.end(), name,
                                         [](const auto& p, const std::string& k) { return p.first < k; });
        return it != n.properties.end() && it->first == name ? it->second : -1;
    }

    template <class Failed>
    bool check_array(const node& n, const json& v, const std::string* hint, Failed& failed) {
        if (n.min_items && v.size() < *n.min_items) {
            emit(n, "minItems", [&] { return subject() + " must have at least " + plural(*n.min_items, "item", "items") + "; it has " +
                                    std::to_string(v.size()); }, hint, false, &v);
            if (failed()) return false;
        }
        if (n.max_items && v.size() > *n.max_items) {
            emit(n, "maxItems", [&] { return subject() + " must have at most " + plural(*n.max_items, "item", "items") + "; it has " +
                                    std::to_string(v.size()); }, hint, false, &v);
            if (failed()) return false;
        }
        if (n.unique_items && v.size() > 1) {
            if (const auto dup = first_duplicate(v)) {
                emit(n, "uniqueItems", [&] { return subject() + " must not repeat an item, but items [" + std::to_string(dup->first) + "] and [" +
                                           std::to_string(dup->second) + "] are both " + describe(v[dup->second]); },
                     hint, false, &v);
                if (failed()) return false;
            }
        }
        const std::size_t prefix = std::min(n.prefix_items.size(), v.size());
        for (std::size_t i = 0; i < prefix; ++i)
            if (!descend(n.prefix_items[i], v[i], nullptr, i) && failed()) return false;
        if (n.items >= 0 && v.size() > n.prefix_items.size()) {
            const node& rest = nodes_[static_cast<std::size_t>(n.items)];
            if (rest.is_boolean && !rest.boolean_value) {
                emit(n, "items", [&] { return subject() + " must have at most " + plural(n.prefix_items.size(), "item", "items") +
                                     "; it has " + std::to_string(v.size()); }, hint, false, &v);
                if (failed()) return false;
            } else {
                for (std::size_t i = n.prefix_items.size(); i < v.size(); ++i)
                    if (!descend(n.items, v[i], nullptr, i) && failed()) return false;
            }
        }
        return true;
    }

    // The first pair (i, j), i < j, of equal items, by smallest j.
    [[gnu::noinline]] static std::optional<std::pair<std::size_t, std::size_t>> first_duplicate(const json& v) {
        const std::size_t size = v.size();
        if (size <= 16) {
            for (std::size_t j = 1; j < size; ++j)
                for (std::size_t i = 0; i < j; ++i)
                    if (json_equal(v[i], v[j])) return std::pair{i, j};
            return std::nullopt;
        }
        std::vector<std::pair<std::size_t, std::size_t>> by_hash;  // (hash, index)
        by_hash.reserve(size);
        for (std::size_t i = 0; i < size; ++i) by_hash.emplace_back(shallow_hash(v[i]), i);
        std::sort(by_hash.begin(), by_hash.end());
        std::optional<std::pair<std::size_t, std::size_t>> best;
        for (std::size_t a = 0; a < size;) {
            std::size_t b = a + 1;
            while (b < size && by_hash[b].first == by_hash[a].first) ++b;
            for (std::size_t x = a; x < b; ++x)
                for (std::size_t y = x + 1; y < b; ++y)
                    if (json_equal(v[by_hash[x].second], v[by_hash[y].second]) &&
                        (!best || by_hash[y].second < best->second))
                        best = std::pair{by_hash[x].second, by_hash[y].second};
            a = b;
        }
        return best;
    }

    template <class Failed>
    [[gnu::noinline]] bool check_number(const node& n, const json& v, const std::string* hint, Failed& failed) {
        struct bound {
            const std::optional<json>& limit;
            const char* keyword;
            const char* words;
            bool (*holds)(int);
        };
        const bound bounds[] = {
            {n.minimum, "minimum", " must be at least ", [](int c) { return c == 0 || c == 1; }},
            {n.maximum, "maximum", " must be at most ", [](int c) { return c == 0 || c == -1; }},
            {n.exclusive_minimum, "exclusiveMinimum", " must be greater than ", [](int c) { return c == 1; }},
            {n.exclusive_maximum, "exclusiveMaximum", " must be less than ", [](int c) { return c == -1; }},
        };
        for (const auto& b : bounds) {
            if (!b.limit || b.holds(compare_numbers(v, *b.limit))) continue;
            emit(n, b.keyword, [&] { return subject() + b.words + dump_scalar(*b.limit) + "; got " + dump_scalar(v); }, hint, false, &v);
            if (failed()) return false;
        }
        if (n.multiple_of && !is_multiple(v, *n.multiple_of)) {
            emit(n, "multipleOf", [&] { return subject() + " must be a multiple of " + dump_scalar(*n.multiple_of) + "; got " + dump_scalar(v); },
                 hint, false, &v);
            if (failed()) return false;
        }
        return true;
    }

    // As Python's jsonschema decides it (the reference the agreement tests use): a double
    // divisor divides in floating point (so 0.5 is a multiple of 0.1, as people expect),
    // exactly when the quotient overflows; an integer divisor takes the remainder.
    static bool is_multiple(const json& v, const json& divisor) {
        if (divisor.is_number_float()) {
            const double x = v.get<double>(), d = divisor.get<double>();
            const double q = x / d;
            if (std::isfinite(q)) return std::trunc(q) == q;
            // x / d exactly: x = mx * 2^ex and d = md * 2^ed with odd mantissas.
            auto odd = [](double a, int& exponent) {
                int e = 0;
                double m = std::frexp(std::fabs(a), &e);  // a = m * 2^e, m in [0.5, 1)
                auto mi = static_cast<std::uint64_t>(std::ldexp(m, 53));
                e -= 53;
                while (mi != 0 && (mi & 1u) == 0) {
                    mi >>= 1;
                    ++e;
                }
                exponent = e;
                return mi;
            };
            if (x == 0) return true;
            int ex = 0, ed = 0;
            const std::uint64_t mx = odd(x, ex), md = odd(d, ed);
            return md != 0 && mx % md == 0 && ex >= ed;
        }
        const auto d = divisor.is_number_unsigned() ? divisor.get<std::uint64_t>()
                                                    : static_cast<std::uint64_t>(divisor.get<std::int64_t>());
        if (v.is_number_float()) return std::fmod(v.get<double>(), static_cast<double>(d)) == 0;
        const std::uint64_t magnitude = v.is_number_unsigned() ? v.get<std::uint64_t>()
                                        : v.get<std::int64_t>() < 0 ? 0 - static_cast<std::uint64_t>(v.get<std::int64_t>())
                                                                    : static_cast<std::uint64_t>(v.get<std::int64_t>());
        return magnitude % d == 0;
    }

    template <class Failed>
    [[gnu::noinline]] bool check_string(const node& n, const json& v, const std::string* hint, Failed& failed) {
        const auto& s = v.get_ref<const std::string&>();
        if (n.min_length || n.max_length) {
            const std::size_t length = count_code_points(s);
            if (n.min_length && length < *n.min_length) {
                emit(n, "minLength", [&] { return subject() + " must be at least " + plural(*n.min_length, "character", "characters") +
                                         " long; got " + describe(v) + (length ? " (" + plural(length, "character", "characters") + ")" : ""); },
                     hint, false, &v);
                if (failed()) return false;
            }
            if (n.max_length && length > *n.max_length) {
                emit(n, "maxLength", [&] { return subject() + " must be at most " + plural(*n.max_length, "character", "characters") +
                                         " long; it has " + std::to_string(length); },
                     hint, false, &v);
                if (failed()) return false;
            }
        }
        if (n.pattern_ && !matches(*n.pattern_, s)) {
            emit(n, "pattern", [&] { return subject() + " must match the pattern " + n.pattern_->source + "; got " + describe(v); }, hint, false, &v);
            if (failed()) return false;
        }
        if (n.format != format_kind::none) {
            const auto r = check_format(n.format, s);
            if (r != date_check::ok) {
                emit(n, "format", [&] { return subject() + format_expectation(n.format, r, v); }, hint, false, &v);
                if (failed()) return false;
            }
        }
        return true;
    }

    // ---- anyOf / oneOf with no passing alternative ----

    struct branch_result {
        std::vector<raw_error> errors;
        std::size_t weight = 0;
        std::size_t deepest = 0;
    };

    // How strongly an error says "this alternative was not meant for this value": a type
    // mismatch of the value itself, or a wrong const/enum on the value or one of its
    // members (a discriminator such as "type": "raise"), outweighs any number of ordinary
    // failures deeper in.
    static std::size_t weight(const raw_error& e, std::size_t depth) {
        if ((e.error.keyword == "type" || e.error.keyword == "false") && e.depth == depth) return 1000;
        if (e.error.keyword == "const" && e.depth <= depth + 1) return 100;
        if (e.error.keyword == "enum" && e.depth <= depth + 1) return 50;
        return 1;
    }

    [[gnu::noinline]] void report_closest(const node& n, const char* keyword, const std::vector<int>& branches, const json& v, const std::string* hint) {
        const std::size_t depth = path_.size();
        std::vector<branch_result> results(branches.size());
        auto* saved = out_;
        for (std::size_t i = 0; i < branches.size(); ++i) {
            out_ = &results[i].errors;
            check(branches[i], v, nullptr);
            for (const auto& e : results[i].errors) {
                results[i].weight += weight(e, depth);
                results[i].deepest = std::max(results[i].deepest, e.depth);
            }
        }
        out_ = saved;

        if (report_common_discriminator(n, keyword, results, depth, hint)) return;

        std::size_t best = 0;
        for (std::size_t i = 1; i < results.size(); ++i) {
            const auto& a = results[i];
            const auto& b = results[best];
            if (a.weight < b.weight || (a.weight == b.weight && a.deepest > b.deepest)) best = i;
        }
        if (results[best].errors.empty()) {  // failed only through the frame limit
            emit(n, keyword, [&] { return subject() + " matches none of the alternatives"; }, hint, false, &v);
            return;
        }
        for (auto& e : results[best].errors) {
            if (full()) break;
            if (e.error.hint.empty() && hint) e.error.hint = *hint;
            out_->push_back(std::move(e));
        }
    }

    // When every alternative rejects the same value for being the wrong constant or the
    // wrong type, one error listing everything that would do says it best:
    //   "type" must be one of raise, escalate, respond; got "rasie"; did you mean "raise"?
    bool report_common_discriminator(const node& n, const char* keyword, const std::vector<branch_result>& results,
                                     std::size_t depth, const std::string* hint) {
        auto discriminating = [&](const raw_error& e) {
            return ((e.error.keyword == "const" || e.error.keyword == "enum") && e.depth <= depth + 1 && !e.error.at_key) ||
                   (e.error.keyword == "type" && e.depth == depth);
        };
        for (const auto& candidate : results.front().errors) {
            if (!discriminating(candidate)) continue;
            const std::string& where = candidate.error.instance_pointer;
            std::vector<const raw_error*> hits;
            for (const auto& r : results) {
                const auto it = std::find_if(r.errors.begin(), r.errors.end(),
                                             [&](const raw_error& e) { return discriminating(e) && e.error.instance_pointer == where; });
                if (it == r.errors.end()) break;
                hits.push_back(&*it);
            }
            if (hits.size() != results.size()) continue;

            std::uint8_t types = 0;
            std::vector<const json*> values;
            for (const raw_error* e : hits) {
                if (e->error.keyword == "type") {
                    types = static_cast<std::uint8_t>(types | e->where->types);
                } else if (e->error.keyword == "const") {
                    values.push_back(&*e->where->const_value);
                } else {
                    for (const auto& x : *e->where->enum_values) values.push_back(&x);
                }
            }
            std::vector<const json*> distinct;
            for (const json* x : values)
                if (std::none_of(distinct.begin(), distinct.end(), [&](const json* y) { return json_equal(*x, *y); })) distinct.push_back(x);

            const json& got = *candidate.value;
            std::string expected;
            if (types) expected = type_list(types);
            if (!distinct.empty()) {
                if (!expected.empty()) expected += ", or ";
                expected += distinct.size() == 1 ? expected_value(*distinct.front()) : "one of " + list_values(distinct);
            }
            const std::size_t at_depth = candidate.depth;
            std::string message = candidate.subject + " must be " + expected +
                                  "; got " + (types && distinct.empty() ? describe_with_kind(got) : describe(got)) +
                                  did_you_mean(got, distinct);
            raw_error e;
            e.error.instance_pointer = where;
            e.error.schema_pointer = n.pointer + "/" + keyword;
            e.error.keyword = keyword;
            e.error.message = std::move(message);
            e.error.hint = hint ? *hint : candidate.error.hint;
            e.depth = at_depth;
            e.where = &n;
            e.value = candidate.value;
            if (!full()) out_->push_back(std::move(e));
            return true;
        }
        return false;
    }

    const std::vector<node>& nodes_;
    std::vector<raw_error>* out_;
    std::size_t max_errors_;
    std::size_t max_depth_;
    // Nested check() calls, counting those that stay at one place in the instance
    // ($ref, allOf, ...): bounds the stack (about 0.4 KB a call in a release build).
    std::size_t max_frames_;
    std::size_t max_checks_;
    std::size_t checks_ = 0;
    std::vector<segment> path_;
    std::size_t frames_ = 0;
    bool naming_ = false;
};

}  // namespace

}  // namespace detail

std::vector<schema_error> schema::validate(const nlohmann::json& instance, std::size_t max_errors) const {
    validate_options options;
    options.max_errors = max_errors;
    return validate(instance, options);
}

std::vector<schema_error> schema::validate(const nlohmann::json& instance, const validate_options& options) const {
    std::vector<detail::raw_error> raw;
    std::vector<schema_error> out;
    try {
        detail::validator v(*compiled_, options, &raw);
        const bool ok = v.check(0, instance, nullptr);
        out.reserve(raw.size() + 1);
        for (auto& e : raw) out.push_back(std::move(e.error));
        if (v.out_of_budget()) {
            out.push_back({"", "", "maxChecks",
                           "validation stopped after " + std::to_string(options.max_checks) +
                               " schema checks; the document is too complex to check (errors before this one may be incomplete)",
                           "", false});
        } else if (!ok && out.empty()) {
            out.push_back({"", "", "internal", "the document is invalid but no error was recorded (please report this)", "", false});
        }
    } catch (const std::bad_alloc&) {
        throw;  // memory ran out: not a finding about the document
    } catch (const std::exception& e) {
        out.push_back({"", "", "internal", std::string("the validator failed: ") + e.what() + " (please report this)", "", false});
    }
    return out;
}

bool schema::is_valid(const nlohmann::json& instance) const noexcept {
    try {
        return detail::validator(*compiled_, validate_options{}, nullptr).check(0, instance, nullptr);
    } catch (...) {
        return false;
    }
}

}  // namespace drp::json
