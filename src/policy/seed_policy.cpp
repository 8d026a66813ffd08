// Compile-time seeds as runtime policies: written out as policy JSON, and compared with a
// loaded policy field by field (drp/seeds/runtime.hpp).
#include "drp/seeds/runtime.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace drp::seeds {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

// ---- seed -> policy JSON ------------------------------------------------------------------
std::string_view unit_key(duration::unit u) {
    switch (u) {
        case duration::unit::working_days: return "working_days";
        case duration::unit::calendar_days: return "calendar_days";
        case duration::unit::hours: return "hours";
    }
    return "working_days";
}

ordered_json to_json(const duration& d) { return {{std::string(unit_key(d.in)), d.amount}}; }

template <class List>
ordered_json strings(const List& xs) {
    ordered_json out = ordered_json::array();
    for (std::string_view x : xs) out.push_back(std::string(x));
    return out;
}

ordered_json kinds(const kind_list& ks) {
    ordered_json out = ordered_json::array();
    for (auto k : ks) out.push_back(std::string(to_string(k)));
    return out;
}

ordered_json recipients(const recipient_list& rs) {
    ordered_json out = ordered_json::array();
    for (const auto& r : rs) {
        if (r.any_of.size() == 1) out.push_back(std::string(r.any_of[0]));
        else out.push_back({{"any_of", strings(r.any_of)}});
    }
    return out;
}

ordered_json preconditions(const precondition_list& ps) {
    ordered_json out = ordered_json::array();
    for (const auto& p : ps) {
        if (p.what == precondition::type::legal_advice) {
            out.push_back({{"legal_advice", true}});
            continue;
        }
        ordered_json c{{"consult", std::string(p.role)}};
        if (p.agreement) c["agreement"] = true;
        out.push_back(std::move(c));
    }
    return out;
}

ordered_json timescale(const stage_timescale& t) {
    switch (t.form) {
        case stage_timescale::type::fixed: return to_json(*t.fixed_or_default);
        case stage_timescale::type::by_urgency: {
            ordered_json per = ordered_json::object();
            for (auto u : {urgency::standard, urgency::urgent, urgency::imminent_risk})
                if (const auto& d = t.per_urgency[static_cast<std::size_t>(u)]) per[std::string(to_string(u))] = to_json(*d);
            ordered_json out{{"by_urgency", per}};
            if (t.fixed_or_default) out["default"] = to_json(*t.fixed_or_default);
            return out;
        }
        case stage_timescale::type::agreed: {
            ordered_json out{{"agreed", true}};
            if (t.agreed_date_required) out["required"] = true;
            if (t.fixed_or_default) out["default"] = to_json(*t.fixed_or_default);
            return out;
        }
        case stage_timescale::type::none: break;
    }
    return {{"none", true}};
}

// A stage that applies only at some urgencies, written as the seeds' JSON writes it.
ordered_json urgency_condition(const urgency_list& only_at) {
    const ordered_json fact{{"var", "urgency"}};
    if (only_at.size() == 1) return {{"==", {fact, std::string(to_string(only_at[0]))}}};
    ordered_json set = ordered_json::array();
    for (auto u : only_at) set.push_back(std::string(to_string(u)));
    return {{"in", {fact, set}}};
}

template <class List>
void put_if_any(ordered_json& j, const char* key, const List& xs, ordered_json (*convert)(const List&)) {
    if (!xs.empty()) j[key] = convert(xs);
}

ordered_json stage_json(const stage_rule& st) {
    ordered_json j{{"id", std::string(st.id)}, {"title", std::string(st.id)}, {"level", st.level},
                   {"kind", std::string(to_string(st.kind))}};
    if (st.optional) j["optional"] = true;
    if (!st.only_at.empty()) j["when"] = urgency_condition(st.only_at);
    j["raised_by"] = strings(st.raised_by);
    j["responder"] = strings(st.responder);
    put_if_any(j, "notify", st.notify, recipients);
    put_if_any(j, "copy", st.copy, recipients);
    j["timescale"] = timescale(st.timescale);
    if (st.timescale.purpose == timescale_for::resolution) j["timescale_for"] = "resolution";
    put_if_any(j, "requires", st.preconditions, preconditions);
    if (st.next) j["next"] = strings(*st.next);
    return j;
}

ordered_json rules_json(const rule_set& r) {
    ordered_json out;
    ordered_json bypass{{"allowed", r.bypass.allowed}};
    if (r.bypass.requires_reason) bypass["requires_reason"] = true;
    put_if_any(bypass, "from_stages", r.bypass.from_stages, strings<stage_list>);
    put_if_any(bypass, "to_stages", r.bypass.to_stages, strings<stage_list>);
    out["bypass"] = bypass;

    ordered_json start{{"allowed", r.start_above_first.allowed}};
    if (r.start_above_first.requires_reason) start["requires_reason"] = true;
    put_if_any(start, "stages", r.start_above_first.stages, strings<stage_list>);
    out["start_above_first"] = start;

    ordered_json pause{{"allowed", r.pause.allowed}};
    put_if_any(pause, "approved_by", r.pause.approved_by, strings<role_list>);
    put_if_any(pause, "kinds", r.pause.kinds, kinds);
    put_if_any(pause, "stages", r.pause.stages, strings<stage_list>);
    if (r.pause.requires_reason) pause["requires_reason"] = true;
    out["pause"] = pause;

    ordered_json extension{{"allowed", r.extension.allowed}};
    put_if_any(extension, "agreed_by", r.extension.agreed_by, strings<role_list>);
    put_if_any(extension, "stages", r.extension.stages, strings<stage_list>);
    out["extension"] = extension;

    ordered_json reasons = ordered_json::object();
    for (auto reason : all_escalation_reasons) {
        const auto& rule = r.escalation[reason];
        if (!rule.allowed) continue;
        ordered_json entry = ordered_json::object();
        put_if_any(entry, "stages", rule.stages, strings<stage_list>);
        reasons[std::string(to_string(reason))] = entry;
    }
    out["escalation"] = {{"reasons", reasons}};

    const auto& f = r.referral;
    ordered_json referral{{"allowed", f.allowed}};
    if (f.allowed) {
        referral["to"] = "cafcass";
        referral["at_any_point"] = f.at_any_point;
        referral["concurrent_allowed"] = f.concurrent_allowed;
        put_if_any(referral, "stages", f.stages, strings<stage_list>);
        put_if_any(referral, "preconditions", f.preconditions, preconditions);
        if (f.within) referral["within"] = to_json(*f.within);
        put_if_any(referral, "informs", f.informs, recipients);
    }
    out["referral"] = referral;

    ordered_json legal{{"allowed", r.legal_advice.allowed}};
    if (r.legal_advice.allowed) legal["at_any_point"] = r.legal_advice.at_any_point;
    put_if_any(legal, "stages", r.legal_advice.stages, strings<stage_list>);
    out["legal_advice"] = legal;

    if (r.overall_cap) out["overall_cap"] = {{"within", to_json(r.overall_cap->within)}, {"kinds", kinds(r.overall_cap->kinds)}};
    if (r.timescales_are_guidance) out["timescales"] = {{"guidance", true}};
    return out;
}

std::string hh_mm(std::chrono::minutes m) {
    char text[32];
    std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(m.count() / 60), static_cast<int>(m.count() % 60));
    return text;
}

}  // namespace

std::string to_policy_json(const seed& s) {
    const std::string id(s.id);
    ordered_json doc;
    doc["id"] = id;
    doc["version"] = std::string(s.version);
    doc["effective_from"] = format_date(date{s.effective_from});
    doc["title"] = id;
    doc["authority"] = id;
    doc["description"] = "Written from the compile-time seed " + id + "; its prose is in the JSON policy.";
    doc["source"] = {{"document", "compile-time seed " + id}};
    doc["division"] = std::string(to_string(s.region));
    doc["time_zone"] = "Europe/London";
    if (s.close_of_business) doc["close_of_business"] = hh_mm(*s.close_of_business);
    doc["applies_to"] = strings(s.applies_to);
    ordered_json roles = ordered_json::object();
    for (std::string_view r : s.roles) roles[std::string(r)] = {{"title", std::string(r)}};
    doc["roles"] = roles;
    if (!s.categories.empty()) {
        ordered_json categories = ordered_json::object();
        for (std::string_view c : s.categories) categories[std::string(c)] = {{"title", std::string(c)}};
        doc["categories"] = categories;
    }
    ordered_json stages = ordered_json::array();
    for (const auto& st : s.stages) stages.push_back(stage_json(st));
    doc["stages"] = stages;
    doc["rules"] = rules_json(s.rules);
    if (s.rules.impact_required) doc["reporting"] = {{"impact_required", true}};
    return doc.dump(2);
}

policy to_policy(const seed& s) { return load_policy(to_policy_json(s), "<seed " + std::string(s.id) + ">"); }

// ---- seed vs policy -------------------------------------------------------------------------
namespace {

template <class List>
std::vector<std::string> texts(const List& xs) {
    std::vector<std::string> out;
    for (const auto& x : xs) out.emplace_back(x);
    return out;
}

std::string join(const std::vector<std::string>& xs, const char* sep) {
    std::string out;
    for (const auto& x : xs) out += (out.empty() ? "" : sep) + x;
    return out;
}
std::string list_text(const std::vector<std::string>& xs) { return "[" + join(xs, ", ") + "]"; }

std::vector<std::string> recipient_texts(const recipient_list& rs) {
    std::vector<std::string> out;
    for (const auto& r : rs) out.push_back(join(texts(r.any_of), "|"));
    return out;
}
std::vector<std::string> recipient_texts(const std::vector<drp::recipient>& rs) {
    std::vector<std::string> out;
    for (const auto& r : rs) out.push_back(join(r.any_of, "|"));
    return out;
}

std::vector<std::string> kind_texts(const kind_list& ks) {
    std::vector<std::string> out;
    for (auto k : ks) out.emplace_back(to_string(k));
    return out;
}
std::vector<std::string> kind_texts(const std::vector<stage_kind>& ks) {
    std::vector<std::string> out;
    for (auto k : ks) out.emplace_back(to_string(k));
    return out;
}

std::string precondition_text(precondition::type what, std::string_view role, bool agreement) {
    if (what == precondition::type::legal_advice) return "legal advice";
    return "consult " + std::string(role) + (agreement ? " (agreed)" : "");
}
std::vector<std::string> precondition_texts(const precondition_list& ps) {
    std::vector<std::string> out;
    for (const auto& p : ps) out.push_back(precondition_text(p.what, p.role, p.agreement));
    return out;
}
std::vector<std::string> precondition_texts(const std::vector<precondition>& ps) {
    std::vector<std::string> out;
    for (const auto& p : ps) out.push_back(precondition_text(p.what, p.role, p.agreement));
    return out;
}

std::string optional_text(const std::optional<duration>& d) { return d ? to_string(*d) : "none"; }
std::string flag_text(bool b) { return b ? "true" : "false"; }

std::string_view form_text(stage_timescale::type t) {
    switch (t) {
        case stage_timescale::type::fixed: return "fixed";
        case stage_timescale::type::by_urgency: return "by urgency";
        case stage_timescale::type::agreed: return "agreed";
        case stage_timescale::type::none: return "none";
    }
    return "none";
}

/// Collects the mismatches of one seed, each prefixed with the seed id and the place.
class comparison {
public:
    explicit comparison(std::string_view seed_id) : seed_(seed_id) {}

    void at(std::string place) { place_ = std::move(place); }

    void field(const std::string& name, const std::string& in_seed, const std::string& in_policy) {
        if (in_seed != in_policy)
            found_.push_back(seed_ + ": " + place_ + ": " + name + ": seed " + in_seed + ", policy " + in_policy);
    }
    void field(const std::string& name, const std::vector<std::string>& in_seed, const std::vector<std::string>& in_policy) {
        field(name, list_text(in_seed), list_text(in_policy));
    }
    void as_sets(const std::string& name, std::vector<std::string> in_seed, std::vector<std::string> in_policy) {
        std::sort(in_seed.begin(), in_seed.end());
        std::sort(in_policy.begin(), in_policy.end());
        field(name, in_seed, in_policy);
    }

    std::vector<std::string> result() && { return std::move(found_); }

private:
    std::string seed_, place_ = "policy";
    std::vector<std::string> found_;
};

void compare_timescale(comparison& c, const stage_timescale& a, const stage_timescale& b) {
    c.field("timescale", std::string(form_text(a.form)), std::string(form_text(b.form)));
    c.field("timescale_for", std::string(to_string(a.purpose)), std::string(to_string(b.purpose)));
    if (a.form != b.form) return;
    const char* main = a.form == stage_timescale::type::fixed ? "timescale.duration" : "timescale.default";
    c.field(main, optional_text(a.fixed_or_default), optional_text(b.fixed_or_default));
    for (auto u : {urgency::standard, urgency::urgent, urgency::imminent_risk}) {
        const auto i = static_cast<std::size_t>(u);
        c.field("timescale." + std::string(to_string(u)), optional_text(a.per_urgency[i]), optional_text(b.per_urgency[i]));
    }
    c.field("timescale.required", flag_text(a.agreed_date_required), flag_text(b.agreed_date_required));
}

// The seed says "only at these urgencies"; the policy has a JSON Logic condition. They
// agree when the condition reads no fact but urgency and holds at exactly those urgencies.
void compare_condition(comparison& c, const urgency_list& only_at, const std::optional<condition>& when) {
    std::vector<std::string> in_seed;
    for (auto u : only_at) in_seed.emplace_back(to_string(u));
    if (!when) {
        c.field("when", only_at.empty() ? "always" : "urgency in " + list_text(in_seed), "always");
        return;
    }
    if (when->variables() != std::vector<std::string>{"urgency"}) {
        c.field("when", only_at.empty() ? "always" : "urgency in " + list_text(in_seed),
                "a condition on " + list_text(when->variables()));
        return;
    }
    std::vector<std::string> in_policy;
    for (auto u : {urgency::standard, urgency::urgent, urgency::imminent_risk})
        if (when->test(json{{"urgency", std::string(to_string(u))}})) in_policy.emplace_back(to_string(u));
    c.field("when", only_at.empty() ? "always" : "urgency in " + list_text(in_seed), "urgency in " + list_text(in_policy));
}

void compare_stage(comparison& c, const stage_rule& a, const stage& b) {
    c.at("stage " + std::string(a.id));
    c.field("id", std::string(a.id), b.id);
    c.field("level", std::to_string(a.level), std::to_string(b.level));
    c.field("kind", std::string(to_string(a.kind)), std::string(to_string(b.kind)));
    c.field("optional", flag_text(a.optional), flag_text(b.optional));
    compare_condition(c, a.only_at, b.when);
    c.field("raised_by", texts(a.raised_by), b.raised_by);
    c.field("responder", texts(a.responder), b.responder);
    c.field("notify", recipient_texts(a.notify), recipient_texts(b.notify));
    c.field("copy", recipient_texts(a.copy), recipient_texts(b.copy));
    compare_timescale(c, a.timescale, b.timescale);
    c.field("requires", precondition_texts(a.preconditions), precondition_texts(b.preconditions));
    c.field("next", a.next ? list_text(texts(*a.next)) : "following stage", b.next ? list_text(*b.next) : "following stage");
}

void compare_rules(comparison& c, const rule_set& a, const policy_rules& b) {
    c.at("rules");
    c.field("bypass.allowed", flag_text(a.bypass.allowed), flag_text(b.bypass.allowed));
    c.field("bypass.requires_reason", flag_text(a.bypass.requires_reason), flag_text(b.bypass.requires_reason));
    c.field("bypass.from_stages", texts(a.bypass.from_stages), b.bypass.from_stages);
    c.field("bypass.to_stages", texts(a.bypass.to_stages), b.bypass.to_stages);

    c.field("start_above_first.allowed", flag_text(a.start_above_first.allowed), flag_text(b.start_above_first.allowed));
    c.field("start_above_first.requires_reason", flag_text(a.start_above_first.requires_reason),
            flag_text(b.start_above_first.requires_reason));
    c.field("start_above_first.stages", texts(a.start_above_first.stages), b.start_above_first.stages);

    c.field("pause.allowed", flag_text(a.pause.allowed), flag_text(b.pause.allowed));
    c.field("pause.requires_reason", flag_text(a.pause.requires_reason), flag_text(b.pause.requires_reason));
    c.field("pause.approved_by", texts(a.pause.approved_by), b.pause.approved_by);
    c.field("pause.kinds", kind_texts(a.pause.kinds), kind_texts(b.pause.kinds));
    c.field("pause.stages", texts(a.pause.stages), b.pause.stages);

    c.field("extension.allowed", flag_text(a.extension.allowed), flag_text(b.extension.allowed));
    c.field("extension.agreed_by", texts(a.extension.agreed_by), b.extension.agreed_by);
    c.field("extension.stages", texts(a.extension.stages), b.extension.stages);

    for (auto reason : all_escalation_reasons) {
        const auto& x = a.escalation[reason];
        const auto& y = b.escalation[static_cast<std::size_t>(reason)];
        const std::string name = "escalation." + std::string(to_string(reason));
        c.field(name + ".allowed", flag_text(x.allowed), flag_text(y.allowed));
        c.field(name + ".stages", texts(x.stages), y.stages);
    }

    const auto& f = a.referral;
    const auto& g = b.referral;
    c.field("referral.allowed", flag_text(f.allowed), flag_text(g.allowed));
    c.field("referral.at_any_point", flag_text(f.at_any_point), flag_text(g.at_any_point));
    c.field("referral.concurrent_allowed", flag_text(f.concurrent_allowed), flag_text(g.concurrent_allowed));
    c.field("referral.stages", texts(f.stages), g.stages);
    c.field("referral.preconditions", precondition_texts(f.preconditions), precondition_texts(g.preconditions));
    c.field("referral.within", optional_text(f.within), optional_text(g.within));
    c.field("referral.informs", recipient_texts(f.informs), recipient_texts(g.informs));

    c.field("legal_advice.allowed", flag_text(a.legal_advice.allowed), flag_text(b.legal_advice.allowed));
    c.field("legal_advice.at_any_point", flag_text(a.legal_advice.at_any_point), flag_text(b.legal_advice.at_any_point));
    c.field("legal_advice.stages", texts(a.legal_advice.stages), b.legal_advice.stages);

    c.field("overall_cap.within", a.overall_cap ? to_string(a.overall_cap->within) : "none",
            b.overall_cap ? to_string(b.overall_cap->within) : "none");
    c.field("overall_cap.kinds", a.overall_cap ? kind_texts(a.overall_cap->kinds) : std::vector<std::string>{},
            b.overall_cap ? kind_texts(b.overall_cap->kinds) : std::vector<std::string>{});
    c.field("timescales.guidance", flag_text(a.timescales_are_guidance), flag_text(b.timescales_are_guidance));
    c.field("reporting.impact_required", flag_text(a.impact_required), flag_text(b.impact_required));
}

}  // namespace

std::vector<std::string> differences(const seed& s, const policy& p) {
    comparison c(s.id);
    c.field("id", std::string(s.id), p.id());
    c.field("version", std::string(s.version), p.version());
    c.field("effective_from", format_date(date{s.effective_from}), format_date(p.effective_from()));
    c.field("division", std::string(to_string(s.region)), std::string(to_string(p.region())));
    c.field("close_of_business", s.close_of_business ? hh_mm(*s.close_of_business) : "end of day",
            p.close_of_business() ? hh_mm(std::chrono::duration_cast<std::chrono::minutes>(std::chrono::seconds{*p.close_of_business()}))
                                  : "end of day");
    c.field("applies_to", texts(s.applies_to), p.applies_to());
    std::vector<std::string> roles;
    for (const auto& r : p.roles()) roles.push_back(r.id);
    c.as_sets("roles", texts(s.roles), roles);
    c.as_sets("categories", texts(s.categories), p.categories());

    std::vector<std::string> ids;
    for (const auto& st : p.stages()) ids.push_back(st.id);
    c.field("stages", texts([&] {
                std::vector<std::string_view> out;
                for (const auto& st : s.stages) out.push_back(st.id);
                return out;
            }()),
            ids);
    const std::size_t n = std::min(s.stages.size(), p.stages().size());
    for (std::size_t i = 0; i < n; ++i) compare_stage(c, s.stages[i], p.stages()[i]);
    compare_rules(c, s.rules, p.rules());
    return std::move(c).result();
}

}  // namespace drp::seeds
