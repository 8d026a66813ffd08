// A dispute as JSON: its state (schemas/dispute-state.schema.json) and the actions of an
// event (schemas/actions.schema.json), written from the typed state once, to a json_sink
// (engine/state_writer.hpp): as text (to_json_text) or as the nlohmann::json to_json()
// returns. Members are written in nlohmann's key order (sorted), so the text is what
// dump() of the document would give, byte for byte.
#include "drp/dispute.hpp"

#include <nlohmann/json.hpp>

#include "engine/duty_json.hpp"
#include "engine/duty_record.hpp"
#include "engine/machine.hpp"
#include "engine/moves.hpp"
#include "engine/rules.hpp"
#include "engine/state_writer.hpp"
#include "json/dom_text.hpp"
#include "json/dom_builder.hpp"
#include "json/text_writer.hpp"
#include "time/local_times.hpp"

namespace drp {

using engine::duty_of;
using engine::duty_record;
using engine::explain;

template <class Sink>
void engine::write_targets(Sink& out, const duty& d) {
    if (d.target.empty()) return out.null();
    out.begin_array();
    for (const auto& t : d.target) {
        if (t.size() == 1) {
            out.string(t.front());
            continue;
        }
        out.begin_object();
        out.key("any_of");
        out.begin_array();
        for (const auto& role : t) out.string(role);
        out.end_array();
        out.end_object();
    }
    out.end_array();
}

template void engine::write_targets(detail::json_text_writer&, const duty&);
template void engine::write_targets(detail::json_dom_builder&, const duty&);

nlohmann::json engine::targets_json(const duty& d) {
    detail::json_dom_builder dom;
    write_targets(dom, d);
    return dom.take();
}

namespace {

using engine::write_targets;

template <class Sink>
void write_instant(Sink& out, detail::local_times& clock, const std::optional<instant>& t) {
    if (t) out.plain_string(clock.format(*t));
    else out.null();
}
template <class Sink>
void write_roles(Sink& out, const std::vector<std::string>& roles) {
    out.begin_array();
    for (const auto& r : roles) out.string(r);
    out.end_array();
}
using detail::write_dom;  // a document made elsewhere (the moves: engine/moves.hpp)

// A response (or resolution) timescale under a policy whose timescales are guidance
// (Merton); other duties' times are the policy's rules.
bool guidance(const policy& p, const duty_record& o) {
    return p.rules().timescales_are_guidance && (o.kind == obligation_type::response || o.kind == obligation_type::resolution);
}

template <class Sink>
void write_duration(Sink& out, const duration& d) {
    out.begin_object();
    using detail::json_key;
    out.member(d.in == duration::unit::working_days    ? json_key("working_days")
               : d.in == duration::unit::calendar_days ? json_key("calendar_days")
                                                       : json_key("hours"),
               d.amount);
    out.end_object();
}

// Keys in sorted order: day_end, event, extensions, pauses, rule, skipped, source, start, text, trigger.
template <class Sink>
void write_explain(Sink& out, detail::local_times& clock, const policy& p, const dispute_state& st, const duty_record& o) {
    const deadline_explain x = explain(p, st, o);
    out.begin_object();
    out.key("day_end");
    if (x.whole_day) {  // HH:MM:SS, without snprintf (once per duty of every state)
        const int cob = p.close_of_business().value_or(23 * 3600 + 59 * 60 + 59);
        const auto two = [](char* at, int v) {
            at[0] = static_cast<char>('0' + v / 10 % 10);
            at[1] = static_cast<char>('0' + v % 10);
        };
        char buf[8] = {0, 0, ':', 0, 0, ':', 0, 0};
        two(buf, cob / 3600);
        two(buf + 3, cob / 60 % 60);
        two(buf + 6, cob % 60);
        out.plain_string(std::string_view(buf, sizeof buf));
    } else {
        out.null();
    }
    out.key("event");
    if (x.event) out.integer(*x.event);
    else out.null();
    out.key("extensions");
    out.begin_array();
    for (const auto& e : x.extensions) {
        out.begin_object();
        out.member("agreed_by", e.agreed_by);
        out.member("at", clock.format(e.at));
        out.key("previous_due");
        write_instant(out, clock, e.previous_due);
        out.member("until", to_string(e.until));
        out.end_object();
    }
    out.end_array();
    out.key("pauses");
    out.begin_array();
    for (const auto& s : x.pauses) {
        using detail::json_key;
        const json_key unit = s.in == deadline_explain::pause_span::unit::working_days    ? json_key("working_days")
                              : s.in == deadline_explain::pause_span::unit::calendar_days ? json_key("calendar_days")
                                                                                          : json_key("seconds");
        out.begin_object();
        out.member("from", clock.format(s.from));
        out.key("remaining");
        out.begin_object();
        out.member(unit, s.remaining);
        out.end_object();
        out.key("to");
        write_instant(out, clock, s.to);
        out.end_object();
    }
    out.end_array();
    out.key("rule");
    switch (x.rule) {
        case deadline_explain::rule_kind::none: out.null(); break;
        case deadline_explain::rule_kind::duration: write_duration(out, x.rule_duration); break;
        case deadline_explain::rule_kind::agreed:
            out.begin_object();
            out.member("agreed", to_string(x.agreed));
            out.end_object();
            break;
        case deadline_explain::rule_kind::immediately:
            out.begin_object();
            out.member("immediately", true);
            out.end_object();
            break;
    }
    out.key("skipped");
    out.begin_array();
    for (const date d : x.skipped) {
        const auto* h = p.calendar().holiday_on(d);
        out.begin_object();
        out.member("date", format_date(d));
        out.member("name", h ? std::string_view(h->title) : std::string_view());
        out.end_object();
    }
    out.end_array();
    out.member("source", duty_of(p, o).source);
    out.member("start", clock.format(x.start));
    out.member("text", explain_text(p, x, engine::value_of(o)));
    out.member("trigger", x.trigger);
    out.end_object();
}

// Keys in sorted order: awaiting (every-role duties only), closed_at, created_at,
// discretionary, due, due_date, explain, guidance, id, immediately, kind, met_at, role,
// stage, status, system, target.
template <class Sink>
void write_obligation(Sink& out, detail::local_times& clock, const policy& p, const dispute_state& st, const event_history& history,
                      const duty_record& o) {
    const auto& d = duty_of(p, o);
    out.begin_object();
    if (d.every_role) {  // who still owes it ("each responder", "every role")
        out.key("awaiting");
        write_roles(out, engine::still_owed(p, history, o, history.size()));
    }
    out.key("closed_at");
    write_instant(out, clock, o.closed_at());
    out.member("created_at", clock.format(o.created_at()));
    out.member("discretionary", d.discretionary);
    out.key("due");
    write_instant(out, clock, o.due());
    out.key("due_date");
    if (o.due_date()) out.string(format_date(*o.due_date()));
    else out.null();
    out.key("explain");
    write_explain(out, clock, p, st, o);
    out.member("guidance", guidance(p, o));
    out.member("id", d.id);
    out.member("immediately", d.immediately);
    out.member("kind", to_string(o.kind));
    out.key("met_at");
    write_instant(out, clock, o.met_at());
    out.key("role");
    write_roles(out, d.role);
    out.member("stage", p.stages()[static_cast<std::size_t>(o.stage)].id);
    out.member("status", to_string(o.status));
    out.key("system");
    if (d.system.empty()) out.null();
    else out.string(d.system);
    out.key("target");
    write_targets(out, d);
    out.end_object();
}

}  // namespace

// Keys in sorted order: as_of, category, child_ref, consulted, cross_council, dispute_id,
// entry, history, legal_advice, max_level, moves, next_due, obligations, other_routes, pause, paused,
// policy, referrals, stage, stage_entered_at, status, urgency.
template <class Sink>
void engine::write_state(Sink& out, const dispute& d, std::optional<instant> as_of) {
    const auto& p = d.rules();
    detail::local_times clock(p.zone());
    const auto& history = d.history();
    dispute_state s = d.state();
    const auto first_due = engine::next_due(p, s);  // of the stored statuses, as_of or not
    if (as_of) engine::mark_overdue(p, s, *as_of);
    const bool raised = s.status != dispute_status::not_raised;
    const auto stage_id = [&](int stage) -> const std::string& { return p.stages()[static_cast<std::size_t>(stage)].id; };

    out.begin_object();
    out.key("as_of");
    write_instant(out, clock, as_of);
    if (!s.case_type.empty()) out.member("case_type", s.case_type);  // only when the raise gave one
    out.key("category");
    if (raised) out.string(s.category);
    else out.null();
    out.key("child_ref");
    if (raised) {
        std::size_t i = 0;  // the raise: first, or after the consultations a start higher needs
        while (i + 1 < history.size() && history.type(i) != event_type::raise) ++i;
        const auto& first = history[i];  // (a reference, or the value the history reads back)
        out.string(first.child_ref);
    } else {
        out.null();
    }
    out.key("consulted");
    out.begin_array();
    for (const auto& k : s.consulted) {
        out.begin_object();
        out.key("agreed");
        if (k.agreed) out.boolean(*k.agreed);
        else out.null();
        out.member("at", clock.format(k.at));
        out.member("role", k.role);
        out.end_object();
    }
    out.end_array();
    out.key("cross_council");
    if (raised) out.boolean(s.cross_council);
    else out.null();
    out.key("dispute_id");
    if (s.dispute_id.empty()) out.null();
    else out.string(s.dispute_id);
    out.key("entry");
    if (raised) {
        out.begin_object();
        out.member("bypass", s.entry_bypass);
        out.key("from");
        if (s.entry_from < 0) out.null();
        else out.string(stage_id(s.entry_from));
        out.member("reason", s.entry_reason_name());
        out.end_object();
    } else {
        out.null();
    }
    out.key("history");
    out.begin_array();
    event e;  // one event read into again and again: its texts' storage is reused
    for (std::size_t i = 0; i < history.size(); ++i) {
        history.read(i, e);
        write_event(out, e);
    }
    out.end_array();
    out.key("legal_advice");
    write_instant(out, clock, s.legal_advice_at);
    out.key("max_level");
    if (raised) out.integer(s.max_level);
    else out.null();
    out.key("moves");
    write_dom(out, engine::moves_json(p, s.moves));  // (engine/moves.hpp)
    out.key("next_due");
    write_instant(out, clock, first_due);
    out.key("obligations");
    out.begin_array();
    for (const auto& o : s.records) write_obligation(out, clock, p, s, history, o);
    out.end_array();
    if (!s.other_routes.empty()) {  // only once one was taken: other states are as they were
        out.key("other_routes");
        out.begin_array();
        for (const auto& r : s.other_routes) {
            out.begin_object();
            out.key("ended_at");
            write_instant(out, clock, r.ended_at);
            out.member("route", r.route);
            out.member("taken_at", clock.format(r.taken_at));
            out.end_object();
        }
        out.end_array();
    }
    out.key("pause");
    if (s.paused && s.pause_event >= 0) {
        const auto& pause = history[static_cast<std::size_t>(s.pause_event)];
        out.begin_object();
        out.member("approved_by", pause.approved_by);
        out.key("reason");
        if (pause.reason.empty()) out.null();
        else out.string(pause.reason);
        out.member("since", clock.format(s.paused_since));
        out.end_object();
    } else {
        out.null();
    }
    out.member("paused", s.paused);
    out.key("policy");
    out.begin_object();
    out.member("id", p.id());
    out.member("version", p.version());
    out.end_object();
    out.key("referrals");
    out.begin_array();
    for (const auto& r : s.referrals) {
        out.begin_object();
        out.member("at", clock.format(r.at));
        out.member("concurrent", r.concurrent);
        out.key("decided_at");
        write_instant(out, clock, r.decided_at);
        out.member("status", to_string(r.status));
        out.member("to", r.to);
        out.end_object();
    }
    out.end_array();
    out.key("stage");
    if (raised) out.string(stage_id(s.stage));
    else out.null();
    out.key("stage_entered_at");
    if (raised) write_instant(out, clock, s.stage_entered_at);
    else out.null();
    out.member("status", to_string(s.status));
    out.key("urgency");
    if (raised) out.string(to_string(s.level));
    else out.null();
    out.end_object();
}

// Keys in sorted order: action, at, discretionary, dispute_id, due, due_date, guidance,
// immediately, index, kind, obligation, role, stage, system, target, text.
template <class Sink>
void engine::write_actions(Sink& out, const dispute& d, const std::vector<action>& actions) {
    const auto& p = d.rules();
    detail::local_times clock(p.zone());
    const auto& s = d.state();
    out.begin_array();
    for (const auto& a : actions) {
        if (a.index >= s.records.size()) continue;
        const auto& o = s.records[a.index];
        const auto& duty = duty_of(p, o);
        const bool ended = a.verb == "done" || a.verb == "cancel";
        out.begin_object();
        out.member("action", a.verb);
        out.null_member("at");
        out.member("discretionary", duty.discretionary);
        out.member("dispute_id", s.dispute_id);
        out.key("due");
        if (ended) out.null();
        else write_instant(out, clock, o.due());
        out.key("due_date");
        if (ended || !o.due_date()) out.null();
        else out.string(format_date(*o.due_date()));
        out.member("guidance", guidance(p, o));
        out.member("immediately", duty.immediately);
        out.member("index", a.index);
        out.member("kind", to_string(o.kind));
        out.member("obligation", duty.id);
        out.key("role");
        write_roles(out, duty.role);
        out.member("stage", p.stages()[static_cast<std::size_t>(o.stage)].id);
        out.key("system");
        if (duty.system.empty()) out.null();
        else out.string(duty.system);
        out.key("target");
        write_targets(out, duty);
        out.member("text", a.text);
        out.end_object();
    }
    out.end_array();
}

template void engine::write_state(detail::json_text_writer&, const dispute&, std::optional<instant>);
template void engine::write_state(detail::json_dom_builder&, const dispute&, std::optional<instant>);
template void engine::write_actions(detail::json_text_writer&, const dispute&, const std::vector<action>&);
template void engine::write_actions(detail::json_dom_builder&, const dispute&, const std::vector<action>&);

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

nlohmann::json dispute::to_json(std::optional<instant> as_of) const {
    if (as_of) check_as_of(*as_of);
    detail::json_dom_builder dom;
    engine::write_state(dom, *this, as_of);
    return dom.take();
}

std::string dispute::to_json_text(std::optional<instant> as_of, int indent) const {
    std::string out;
    append_json_text(out, as_of, indent);
    return out;
}

void dispute::append_json_text(std::string& out, std::optional<instant> as_of, int indent, int depth) const {
    if (as_of) check_as_of(*as_of);
    detail::json_text_writer text(out, indent, detail::invalid_utf8::refuse, static_cast<std::size_t>(depth < 0 ? 0 : depth));
    engine::write_state(text, *this, as_of);
}

nlohmann::json dispute::actions_json(const std::vector<action>& actions) const {
    detail::json_dom_builder dom;
    engine::write_actions(dom, *this, actions);
    return dom.take();
}

std::string dispute::actions_json_text(const std::vector<action>& actions, int indent) const {
    std::string out;
    detail::json_text_writer text(out, indent);
    engine::write_actions(text, *this, actions);
    return out;
}

}  // namespace drp
