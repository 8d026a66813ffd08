// JSON -> policy model. The document has passed the schema, so shapes are known; this
// file only maps names to types (one place per type, as nlohmann's from_json would).
#include <algorithm>

#include "drp/error.hpp"
#include "json/build.hpp"
#include "policy/policy_data.hpp"

namespace drp::policy_detail {
namespace {

using nlohmann::json;

std::string str(const json& j, const char* key, std::string fallback = {}) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}
bool flag(const json& j, const char* key, bool fallback = false) {
    const auto it = j.find(key);
    return it != j.end() && it->is_boolean() ? it->get<bool>() : fallback;
}
std::vector<std::string> strings(const json& j, const char* key) {
    std::vector<std::string> out;
    const auto it = j.find(key);
    if (it == j.end() || !it->is_array()) return out;
    for (const auto& v : *it)
        if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

std::optional<stage_kind> kind_from(std::string_view s) {
    if (s == "informal") return stage_kind::informal;
    if (s == "meeting") return stage_kind::meeting;
    if (s == "formal") return stage_kind::formal;
    if (s == "referral") return stage_kind::referral;
    return std::nullopt;
}
std::vector<stage_kind> kinds(const json& j, const char* key) {
    std::vector<stage_kind> out;
    for (const auto& s : strings(j, key))
        if (auto k = kind_from(s)) out.push_back(*k);
    return out;
}

std::optional<duration> read_duration(const json& j) {
    if (!j.is_object() || j.size() != 1) return std::nullopt;
    const auto first = j.begin();
    const std::string& unit_name = first.key();
    const json& amount = first.value();
    if (!amount.is_number()) return std::nullopt;
    const double value = amount.get<double>();
    if (!(value >= 1 && value <= 8760)) return std::nullopt;  // the schema's widest bound
    duration d;
    d.amount = static_cast<int>(value);
    if (unit_name == "working_days") d.in = duration::unit::working_days;
    else if (unit_name == "calendar_days") d.in = duration::unit::calendar_days;
    else if (unit_name == "hours") d.in = duration::unit::hours;
    else return std::nullopt;
    return d;
}
std::optional<duration> duration_at(const json& j, const char* key) {
    const auto it = j.find(key);
    return it == j.end() ? std::nullopt : read_duration(*it);
}

stage_timescale read_timescale(const json& j) {
    stage_timescale t;
    if (j.contains("by_urgency")) {
        t.form = stage_timescale::type::by_urgency;
        const auto& per = j.at("by_urgency");
        for (auto u : {urgency::standard, urgency::urgent, urgency::imminent_risk})
            t.per_urgency[static_cast<int>(u)] = duration_at(per, std::string(to_string(u)).c_str());
        t.fixed_or_default = duration_at(j, "default");
    } else if (j.contains("agreed")) {
        t.form = stage_timescale::type::agreed;
        t.agreed_date_required = flag(j, "required");
        t.fixed_or_default = duration_at(j, "default");
    } else if (j.contains("none")) {
        t.form = stage_timescale::type::none;
    } else {
        t.form = stage_timescale::type::fixed;
        t.fixed_or_default = read_duration(j);
    }
    return t;
}

std::vector<recipient> recipients(const json& j, const char* key) {
    std::vector<recipient> out;
    const auto it = j.find(key);
    if (it == j.end() || !it->is_array()) return out;
    for (const auto& r : *it) {
        if (r.is_string()) out.push_back({{r.get<std::string>()}});
        else if (r.is_object()) out.push_back({strings(r, "any_of")});
    }
    return out;
}

std::vector<precondition> preconditions(const json& j, const char* key) {
    std::vector<precondition> out;
    const auto it = j.find(key);
    if (it == j.end() || !it->is_array()) return out;
    for (const auto& p : *it) {
        precondition c;
        if (p.contains("legal_advice")) {
            c.what = precondition::type::legal_advice;
        } else {
            c.what = precondition::type::consult;
            c.role = str(p, "consult");
            c.agreement = flag(p, "agreement");
        }
        for (const auto& way : strings(p, "only_when")) {
            c.only_starting_higher = c.only_starting_higher || way == "start_above_first";
            c.only_bypassing = c.only_bypassing || way == "bypass";
        }
        c.description = str(p, "description");
        out.push_back(std::move(c));
    }
    return out;
}

std::optional<condition> compile_when(const json& j, const std::string& pointer, std::vector<finding>& findings) {
    const auto it = j.find("when");
    if (it == j.end()) return std::nullopt;
    try {
        return condition::compile(*it, pointer + "/when");
    } catch (const error& e) {
        findings.push_back({diagnostic::severity::error, pointer + "/when", e.what(),
                            "see docs/conditions.md for the supported operators", "condition"});
        return std::nullopt;
    }
}

std::optional<obligation_kind> obligation_kind_from(std::string_view s) {
    for (auto k : {obligation_kind::record, obligation_kind::notify, obligation_kind::meeting, obligation_kind::reminder,
                   obligation_kind::referral, obligation_kind::response, obligation_kind::consult})
        if (to_string(k) == s) return k;
    return std::nullopt;
}
std::optional<trigger> trigger_from(std::string_view s) {
    for (auto t : {trigger::dispute_raised, trigger::stage_entry, trigger::response_due, trigger::response_received,
                   trigger::meeting, trigger::event, trigger::resolved, trigger::duty_met})
        if (to_string(t) == s) return t;
    return std::nullopt;
}

std::vector<obligation_rule> obligations(const json& j, const std::string& pointer, std::vector<finding>& findings) {
    std::vector<obligation_rule> out;
    const auto it = j.find("obligations");
    if (it == j.end() || !it->is_array()) return out;
    for (std::size_t i = 0; i < it->size(); ++i) {
        const auto& o = (*it)[i];
        obligation_rule r;
        r.id = str(o, "id");
        r.kind = obligation_kind_from(str(o, "kind")).value_or(obligation_kind::record);
        r.roles = strings(o, "role");
        r.targets = recipients(o, "target");
        r.within = duration_at(o, "within");
        r.immediately = o.contains("immediately");
        r.from = trigger_from(str(o, "from")).value_or(trigger::stage_entry);
        r.from_stage = str(o, "from_stage");
        r.events = strings(o, "events");
        r.after = str(o, "after");
        r.when = compile_when(o, pointer + "/obligations/" + std::to_string(i), findings);
        r.discretionary = flag(o, "discretionary");
        r.every_role = flag(o, "every_role");
        r.meeting = str(o, "meeting");
        r.system = str(o, "system");
        r.description = str(o, "description");
        out.push_back(std::move(r));
    }
    return out;
}

void read_permission(const json& rules, const char* key, permission& p) {
    const auto it = rules.find(key);
    if (it == rules.end()) return;
    p.allowed = flag(*it, "allowed");
    p.requires_reason = flag(*it, "requires_reason");
    p.stages = strings(*it, "stages");
    p.description = str(*it, "description");
}

std::optional<int> clock_time(const std::string& hh_mm) {
    if (hh_mm.size() != 5) return std::nullopt;
    const int h = (hh_mm[0] - '0') * 10 + (hh_mm[1] - '0'), m = (hh_mm[3] - '0') * 10 + (hh_mm[4] - '0');
    return h * 3600 + m * 60;
}

}  // namespace

void read_model(const json& doc, policy::data& out, std::vector<finding>& findings) {
    out.id = str(doc, "id");
    out.version = str(doc, "version");
    out.title = str(doc, "title");
    out.authority = str(doc, "authority");
    out.description = str(doc, "description");
    out.time_zone = str(doc, "time_zone", "Europe/London");
    try {
        out.effective_from = parse_date(str(doc, "effective_from"));
    } catch (const error& e) {
        findings.push_back({diagnostic::severity::error, "/effective_from", e.what(), "use a real date, YYYY-MM-DD", "date"});
    }
    try {
        out.region = division_from_string(str(doc, "division", "england-and-wales"));
    } catch (const error& e) {
        findings.push_back({diagnostic::severity::error, "/division", e.what(), "", "division"});
    }
    if (doc.contains("close_of_business")) out.close_of_business = clock_time(str(doc, "close_of_business"));
    out.applies_to = strings(doc, "applies_to");

    if (const auto it = doc.find("roles"); it != doc.end() && it->is_object())
        for (const auto& [id, r] : it->items())
            out.roles.push_back({id, str(r, "title"), str(r, "description"), flag(r, "external")});
    if (const auto it = doc.find("categories"); it != doc.end() && it->is_object())
        for (const auto& [id, c] : it->items()) out.categories.push_back(id);
    out.case_types = strings(doc, "case_types");

    if (const auto it = doc.find("stages"); it != doc.end() && it->is_array()) {
        for (std::size_t i = 0; i < it->size(); ++i) {
            const auto& s = (*it)[i];
            const std::string pointer = "/stages/" + std::to_string(i);
            stage st;
            st.id = str(s, "id");
            st.title = str(s, "title");
            st.level = s.contains("level") && s.at("level").is_number() ? static_cast<int>(s.at("level").get<double>()) : 0;
            st.kind = kind_from(str(s, "kind")).value_or(stage_kind::formal);
            st.optional = flag(s, "optional");
            st.description = str(s, "description");
            st.when = compile_when(s, pointer, findings);
            st.raised_by = strings(s, "raised_by");
            st.responder = strings(s, "responder");
            st.every_responder = flag(s, "every_responder");
            st.judged_by = strings(s, "judged_by");
            st.notify = recipients(s, "notify");
            st.copy = recipients(s, "copy");
            if (const auto t = s.find("timescale"); t != s.end()) st.timescale = read_timescale(*t);
            if (str(s, "timescale_for") == "resolution") st.timescale.purpose = timescale_for::resolution;
            st.timescale_from = str(s, "timescale_from");
            st.preconditions = preconditions(s, "requires");
            st.obligations = obligations(s, pointer, findings);
            if (s.contains("next")) st.next = strings(s, "next");
            out.stages.push_back(std::move(st));
        }
    }
    out.obligations = obligations(doc, "", findings);

    const json empty = json::object();
    const auto rules_it = doc.find("rules");
    const json& rules = rules_it != doc.end() ? *rules_it : empty;
    auto& r = out.rules;
    read_permission(rules, "bypass", r.bypass);
    if (const auto b = rules.find("bypass"); b != rules.end()) {
        r.bypass.from_stages = strings(*b, "from_stages");
        r.bypass.to_stages = strings(*b, "to_stages");
    }
    read_permission(rules, "start_above_first", r.start_above_first);
    read_permission(rules, "pause", r.pause);
    if (const auto p = rules.find("pause"); p != rules.end()) {
        r.pause.approved_by = strings(*p, "approved_by");
        r.pause.kinds = kinds(*p, "kinds");
    }
    read_permission(rules, "extension", r.extension);
    if (const auto e = rules.find("extension"); e != rules.end()) r.extension.agreed_by = strings(*e, "agreed_by");
    if (const auto e = rules.find("escalation"); e != rules.end() && e->contains("reasons")) {
        for (auto reason : {escalation_reason::no_response, escalation_reason::inadequate_response,
                            escalation_reason::not_resolved, escalation_reason::discretion}) {
            const auto& reasons = e->at("reasons");
            const auto it = reasons.find(std::string(to_string(reason)));
            if (it == reasons.end()) continue;
            auto& slot = r.escalation[static_cast<int>(reason)];
            slot.allowed = true;
            slot.stages = strings(*it, "stages");
            slot.description = str(*it, "description");
        }
    }
    read_permission(rules, "referral", r.referral);
    if (!rules.contains("referral") && std::find(out.applies_to.begin(), out.applies_to.end(), "IRO") != out.applies_to.end()) {
        // Silent is not a prohibition: the IRO's power to refer (Regulation 45) is statutory.
        r.referral.allowed = r.referral.at_any_point = r.referral.concurrent_allowed = true;
        r.referral.description = "The policy does not mention the referral: the IRO's statutory power to refer to Cafcass "
                                 "at any point (Regulation 45) applies.";
    }
    if (const auto f = rules.find("referral"); f != rules.end()) {
        r.referral.at_any_point = flag(*f, "at_any_point");
        r.referral.concurrent_allowed = flag(*f, "concurrent_allowed");
        r.referral.preconditions = preconditions(*f, "preconditions");
        r.referral.within = duration_at(*f, "within");
        r.referral.informs = recipients(*f, "informs");
        r.referral.when = compile_when(*f, "/rules/referral", findings);
    }
    read_permission(rules, "legal_advice", r.legal_advice);
    if (const auto l = rules.find("legal_advice"); l != rules.end()) r.legal_advice.at_any_point = flag(*l, "at_any_point");
    if (const auto c = rules.find("overall_cap"); c != rules.end()) {
        if (auto within = duration_at(*c, "within"))
            r.overall_cap = policy_rules::cap{*within, kinds(*c, "kinds"), str(*c, "description")};
    }
    if (const auto t = rules.find("timescales"); t != rules.end()) r.timescales_are_guidance = flag(*t, "guidance");
    if (const auto o = rules.find("other_routes"); o != rules.end() && o->is_object())
        for (auto it = o->begin(); it != o->end(); ++it)
            if (it.key().rfind("x-", 0) != 0 && it.value().is_object())
                r.other_routes.push_back({it.key(), str(it.value(), "title"), str(it.value(), "description")});
    if (const auto rep = doc.find("reporting"); rep != doc.end() && rep->is_object()) r.impact_required = flag(*rep, "impact_required");

    out.calendar = drp::calendar(out.region);
    out.zone = drp::time_zone(out.time_zone);
    // Closure days, in file order; check_semantics judges them (range, repeats), and
    // apply_closures closes them once the policy has no errors.
    if (const auto it = doc.find("closures"); it != doc.end() && it->is_array()) {
        for (const auto& c : *it) {
            closure day;
            try {
                day.day = parse_date(str(c, "date"));
            } catch (const error&) {
                continue;  // the schema's format check has reported it
            }
            day.title = str(c, "title", day.title);
            out.closures.push_back(std::move(day));
        }
    }

    for (const auto& st : out.stages) {
        // Member by member, not braced lists: GCC 12 leaks what a braced list or an aggregate
        // has made when making the rest throws (json/build.hpp).
        stage_facts f;
        f.id = st.id;
        f.level = st.level;
        f.kind = std::string(to_string(st.kind));
        f.whole = drp::detail::json_object("id", f.id, "level", f.level, "kind", f.kind, "optional", st.optional);
        out.facts_of_stages.push_back(std::move(f));
    }
    for (const auto& id : out.categories) out.facts_of_categories.emplace_back(id);
}

}  // namespace drp::policy_detail
