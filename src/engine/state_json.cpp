// A dispute as JSON: its state (schemas/dispute-state.schema.json) and the actions of an
// event (schemas/actions.schema.json), written from the typed state.
#include "drp/dispute.hpp"

#include <nlohmann/json.hpp>

#include "engine/machine.hpp"
#include "engine/duty_json.hpp"
#include "engine/duty_record.hpp"
#include "engine/moves.hpp"
#include "engine/rules.hpp"
#include "json/build.hpp"

namespace drp {

using nlohmann::json;
using engine::duty_record;
using engine::duty_of;
using engine::explain;

json engine::targets_json(const duty& d) {
    if (d.target.empty()) return json();
    json out = json::array();
    for (const auto& t : d.target) {
        if (t.size() == 1) {
            out.push_back(t.front());
            continue;
        }
        out.push_back(detail::json_object("any_of", t));  // (see json/build.hpp)
    }
    return out;
}

namespace {

using engine::targets_json;

json instant_json(const policy& p, const std::optional<instant>& t) { return t ? json(p.zone().format(*t)) : json(); }

// A response timescale under a policy whose timescales are guidance (Merton); other duties'
// times are the policy's rules.
bool guidance(const policy& p, const duty_record& o) {
    return p.rules().timescales_are_guidance && o.kind == obligation_type::response;
}

json duration_json(const duration& d) {
    const char* key = d.in == duration::unit::working_days ? "working_days" : d.in == duration::unit::calendar_days ? "calendar_days" : "hours";
    return detail::json_object(key, d.amount);
}

json explain_json(const policy& p, const dispute_state& st, const duty_record& o) {
    const deadline_explain x = explain(p, st, o);
    json rule;
    switch (x.rule) {
        case deadline_explain::rule_kind::none: break;
        case deadline_explain::rule_kind::duration: rule = duration_json(x.rule_duration); break;
        case deadline_explain::rule_kind::agreed: rule = detail::json_object("agreed", to_string(x.agreed)); break;
        case deadline_explain::rule_kind::immediately: rule = detail::json_object("immediately", true); break;
    }
    json skipped = json::array(), pauses = json::array(), extensions = json::array();
    for (const date d : x.skipped) {
        const auto* h = p.calendar().holiday_on(d);
        skipped.push_back(detail::json_object("date", format_date(d), "name", h ? h->title : std::string()));
    }
    for (const auto& s : x.pauses) {
        const char* unit = s.in == deadline_explain::pause_span::unit::working_days    ? "working_days"
                           : s.in == deadline_explain::pause_span::unit::calendar_days ? "calendar_days"
                                                                                       : "seconds";
        pauses.push_back(detail::json_object("from", p.zone().format(s.from), "to", instant_json(p, s.to), "remaining",
                                             detail::json_object(unit, s.remaining)));
    }
    for (const auto& e : x.extensions)
        extensions.push_back(detail::json_object("at", p.zone().format(e.at), "agreed_by", e.agreed_by,
                                                 "until", to_string(e.until), "previous_due", instant_json(p, e.previous_due)));
    std::string day_end;
    if (x.whole_day) {
        char buf[16];
        const int cob = p.close_of_business().value_or(23 * 3600 + 59 * 60 + 59);
        std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", cob / 3600, cob / 60 % 60, cob % 60);
        day_end = buf;
    }
    return detail::json_object("source", duty_of(p, o).source,
                               "trigger", x.trigger,
                               "event", x.event ? json(*x.event) : json(),
                               "start", p.zone().format(x.start),
                               "rule", std::move(rule),
                               "day_end", x.whole_day ? json(day_end) : json(),
                               "skipped", std::move(skipped),
                               "pauses", std::move(pauses),
                               "extensions", std::move(extensions),
                               "text", explain_text(p, x, engine::value_of(o)));
}

json obligation_json(const policy& p, const dispute_state& st, const duty_record& o) {
    const auto& d = duty_of(p, o);
    return detail::json_object("id", d.id,
                               "kind", std::string(to_string(o.kind)),
                               "stage", p.stages()[static_cast<std::size_t>(o.stage)].id,
                               "role", d.role,
                               "target", targets_json(d),
                               "system", d.system.empty() ? json() : json(d.system),
                               "created_at", p.zone().format(o.created_at()),
                               "due", instant_json(p, o.due()),
                               "due_date", o.due_date() ? json(format_date(*o.due_date())) : json(),
                               "status", std::string(to_string(o.status)),
                               "discretionary", d.discretionary,
                               "immediately", d.immediately,
                               "guidance", guidance(p, o),
                               "met_at", instant_json(p, o.met_at()),
                               "closed_at", instant_json(p, o.closed_at()),
                               "explain", explain_json(p, st, o));
}

}  // namespace

std::vector<obligation> dispute::obligations(std::optional<instant> as_of) const {
    if (as_of) check_as_of(*as_of);
    const auto& s = machine_->state;
    std::vector<obligation> out;
    out.reserve(s.records.size());
    for (const auto& r : s.records) {
        out.push_back(engine::value_of(r));
        if (as_of && engine::overdue_at(policy_, s, r, *as_of)) out.back().status = obligation_status::overdue;
    }
    return out;
}

std::optional<instant> dispute::next_due() const { return engine::next_due(policy_, machine_->state); }

json dispute::to_json(std::optional<instant> as_of) const {
    if (as_of) check_as_of(*as_of);
    dispute_state s = machine_->state;
    const auto first_due = engine::next_due(policy_, s);  // of the stored statuses, as_of or not
    if (as_of) engine::mark_overdue(policy_, s, *as_of);
    const auto& p = policy_;
    const bool raised = s.status != dispute_status::not_raised;
    json j = json::object();  // (an object from the start: see event_json.cpp's to_json)
    j["dispute_id"] = s.dispute_id.empty() ? json() : json(s.dispute_id);
    j["policy"] = detail::json_object("id", p.id(), "version", p.version());  // (members one by one: json/build.hpp)
    j["status"] = std::string(to_string(s.status));
    j["as_of"] = instant_json(p, as_of);
    j["next_due"] = instant_json(p, first_due);
    j["paused"] = s.paused;
    const event* pause = s.paused && s.pause_event >= 0 ? &history_[static_cast<std::size_t>(s.pause_event)] : nullptr;
    j["pause"] = pause ? detail::json_object("since", p.zone().format(s.paused_since), "approved_by", pause->approved_by,
                                             "reason", pause->reason.empty() ? json() : json(pause->reason))
                       : json();
    j["stage"] = raised ? json(p.stages()[static_cast<std::size_t>(s.stage)].id) : json();
    j["stage_entered_at"] = raised ? instant_json(p, s.stage_entered_at) : json();
    j["entry"] = raised ? detail::json_object("reason", s.entry_reason_name(),
                                              "from", s.entry_from < 0 ? json() : json(p.stages()[static_cast<std::size_t>(s.entry_from)].id),
                                              "bypass", s.entry_bypass)
                        : json();
    j["max_level"] = raised ? json(s.max_level) : json();
    j["urgency"] = raised ? json(std::string(to_string(s.level))) : json();
    j["category"] = raised ? json(s.category) : json();
    j["cross_council"] = raised ? json(s.cross_council) : json();
    j["child_ref"] = raised ? json(history_.front().child_ref) : json();
    json referrals = json::array();
    for (const auto& r : s.referrals)
        referrals.push_back(detail::json_object("to", r.to, "concurrent", r.concurrent, "status", to_string(r.status),
                                                "at", p.zone().format(r.at), "decided_at", instant_json(p, r.decided_at)));
    j["referrals"] = referrals;
    j["legal_advice"] = instant_json(p, s.legal_advice_at);
    json consulted = json::array();
    for (const auto& k : s.consulted)
        consulted.push_back(detail::json_object("role", k.role, "agreed", k.agreed ? json(*k.agreed) : json(),
                                                "at", p.zone().format(k.at)));
    j["consulted"] = consulted;
    json history = json::array();
    for (const auto& e : history_) history.push_back(drp::to_json(e));
    j["history"] = history;
    j["moves"] = engine::moves_json(p, s.moves);  // (engine/moves.hpp)
    json obligations = json::array();
    for (const auto& o : s.records) obligations.push_back(obligation_json(p, s, o));
    j["obligations"] = obligations;
    return j;
}

json dispute::actions_json(const std::vector<action>& actions) const {
    const auto& s = machine_->state;
    json out = json::array();
    for (const auto& a : actions) {
        if (a.index >= s.records.size()) continue;
        const auto& o = s.records[a.index];
        const auto& d = duty_of(policy_, o);
        const bool ended = a.verb == "done" || a.verb == "cancel";
        out.push_back(detail::json_object("action", a.verb,
                                          "kind", std::string(to_string(o.kind)),
                                          "dispute_id", s.dispute_id,
                                          "obligation", d.id,
                                          "index", a.index,
                                          "stage", policy_.stages()[static_cast<std::size_t>(o.stage)].id,
                                          "role", d.role,
                                          "target", targets_json(d),
                                          "due", ended ? json() : instant_json(policy_, o.due()),
                                          "due_date", ended || !o.due_date() ? json() : json(format_date(*o.due_date())),
                                          "at", json(),
                                          "system", d.system.empty() ? json() : json(d.system),
                                          "discretionary", d.discretionary,
                                          "immediately", d.immediately,
                                          "guidance", guidance(policy_, o),
                                          "text", a.text));
    }
    return out;
}


}  // namespace drp
