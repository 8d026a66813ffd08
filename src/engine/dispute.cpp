// drp::dispute: owns the state, runs events through the lifecycle table, and turns the
// state into JSON and back.
#include "drp/dispute.hpp"

#include <limits>

#include <nlohmann/json.hpp>

#include "common/safe_text.hpp"
#include "engine/lifecycle.hpp"
#include "engine/event_fields.hpp"
#include "json/build.hpp"
#include "json/strict_parse.hpp"

namespace drp {

namespace {
// What each owed duty looked like before an event, to tell the host what changed.
struct duty_mark {
    static constexpr std::int64_t no_due = std::numeric_limits<std::int64_t>::min();
    std::int64_t due;  // seconds since the epoch, or no_due
    obligation_status status;

    static std::int64_t of(const std::optional<instant>& due) { return due ? due->time_since_epoch().count() : no_due; }
};
}  // namespace

struct dispute::machine : lifecycle::dispute_machine {
    dispute_state state;
    std::vector<duty_mark> before;  // scratch for run(), kept to spare an allocation per event
};

namespace {

using lifecycle::on;
using nlohmann::json;

template <event_type T>
boost::msm::back::HandledEnum send(lifecycle::dispute_machine& m, const event& e) {
    return m.process_event(on<T>{e});
}

boost::msm::back::HandledEnum dispatch(lifecycle::dispute_machine& m, const event& e) {
    using E = event_type;
    switch (e.type) {
        case E::raise: return send<E::raise>(m, e);
        case E::escalate: return send<E::escalate>(m, e);
        case E::respond: return send<E::respond>(m, e);
        case E::extend: return send<E::extend>(m, e);
        case E::pause: return send<E::pause>(m, e);
        case E::resume: return send<E::resume>(m, e);
        case E::legal_advice: return send<E::legal_advice>(m, e);
        case E::consult: return send<E::consult>(m, e);
        case E::refer: return send<E::refer>(m, e);
        case E::referral_decision: return send<E::referral_decision>(m, e);
        case E::meeting: return send<E::meeting>(m, e);
        case E::record: return send<E::record>(m, e);
        case E::notify: return send<E::notify>(m, e);
        case E::resolve: return send<E::resolve>(m, e);
        case E::withdraw: return send<E::withdraw>(m, e);
    }
    return boost::msm::back::HANDLED_FALSE;
}

void diff_actions(const policy& p, const dispute_state& s, const std::vector<duty_mark>& before, std::vector<action>& out) {
    auto add = [&](const char* verb, std::size_t i) {
        const auto& o = s.obligations[i];
        const auto kind = to_string(o.kind);
        const auto& id = p.duties()[o.duty].id;
        std::string text;
        text.reserve(kind.size() + 1 + id.size());
        text.append(kind).append(" ").append(id);
        out.push_back({verb, i, std::move(text)});
    };
    for (std::size_t i = 0; i < s.obligations.size(); ++i) {
        const auto& o = s.obligations[i];
        if (i >= before.size()) {
            if (o.status == obligation_status::open) add("do", i);
            continue;
        }
        if (before[i].status != obligation_status::open) continue;
        if (o.status == obligation_status::met) add("done", i);
        else if (o.status != obligation_status::open) add("cancel", i);
        else if (duty_mark::of(o.due()) != before[i].due) add("update", i);
    }
}

// Runs one event on a machine; returns the refusal, if any. The machine's state changes
// only when the event is accepted.
std::optional<engine::rejection> run(const policy& p, dispute::machine& m, const event& e, int index, const std::deque<event>& history,
                                     std::vector<action>* out) {
    std::optional<engine::rejection> why;
    std::optional<engine::context::route> planned;
    m.ctx = engine::context{&p, &m.state, &why, index, &history, &planned};
    if (!m.state.dispute_id.empty() && e.dispute_id != m.state.dispute_id)
        return engine::rejection{errc::invalid_event, "the event belongs to another dispute"};
    if (m.state.last_event_at && e.at < *m.state.last_event_at)
        return engine::rejection{errc::out_of_order, "the event at " + p.zone().format(e.at) +
                                                         " is earlier than the last one applied (" +
                                                         p.zone().format(*m.state.last_event_at) + ")"};
    if (auto wrong = engine::check_names(p, e)) return wrong;
    auto& before = m.before;
    before.resize(out ? m.state.obligations.size() : 0);
    for (std::size_t i = 0; i < before.size(); ++i) {  // written in place: no temporaries
        before[i].due = duty_mark::of(m.state.obligations[i].due());
        before[i].status = m.state.obligations[i].status;
    }
    const auto handled = dispatch(m, e);
    if (!(handled & boost::msm::back::HANDLED_TRUE)) {
        if (why) return why;
        return engine::rejection{errc::not_permitted, "a " + std::string(to_string(e.type)) + " event is not allowed while the dispute is " +
                                                          std::string(to_string(m.state.status)) + (m.state.paused ? " and paused" : "")};
    }
    engine::after_event(m.ctx, e);
    m.ctx.planned = nullptr;
    m.state.last_event_at = e.at;
    if (m.state.dispute_id.empty()) m.state.dispute_id = e.dispute_id;
    if (out) diff_actions(p, m.state, before, *out);
    return std::nullopt;
}

}  // namespace

std::string_view to_string(dispute_status s) noexcept {
    constexpr std::string_view names[] = {"new", "open", "resolved", "withdrawn"};  // as in the state JSON
    return names[static_cast<int>(s)];
}
std::string_view to_string(obligation_status s) noexcept {
    constexpr std::string_view names[] = {"open", "met", "overdue", "waived", "closed"};
    return names[static_cast<int>(s)];
}
std::string_view to_string(obligation_type t) noexcept {
    constexpr std::string_view names[] = {"response", "meeting", "record", "notify", "referral", "reminder", "overall", "consult"};
    return names[static_cast<int>(t)];
}

dispute::dispute(policy p) : policy_(std::move(p)), machine_(std::make_unique<machine>()) { machine_->start(); }
dispute::~dispute() = default;
dispute::dispute(const dispute& other)
    : policy_(other.policy_), machine_(std::make_unique<machine>(*other.machine_)), history_(other.history_) {}
dispute& dispute::operator=(const dispute& other) {
    if (this != &other) *this = dispute(other);
    return *this;
}
dispute::dispute(dispute&&) = default;
dispute& dispute::operator=(dispute&&) noexcept = default;

// The copy is made before the event runs, so nothing can fail once the state has changed.
std::vector<action> dispute::apply(const event& e) { return apply(event(e)); }

std::vector<action> dispute::apply(event&& e) {
    std::vector<action> out;
    take(std::move(e), &out);
    return out;
}

void dispute::replay(event&& e) { take(std::move(e), nullptr); }

// "dispute D-1" (the id as safe text, at most 128 bytes), or "new dispute" before the raise.
static std::string dispute_name(const std::string& id) {
    return id.empty() ? std::string("new dispute") : "dispute " + detail::safe_text(std::string_view(id).substr(0, 128));
}

std::string dispute::refusal_place(std::string_view type) const {
    std::string where = dispute_name(machine_->state.dispute_id);
    where += ", event " + std::to_string(history_.size());
    // Only a type drp knows is named: the field is the host's text until it is checked.
    if (event_type_from_string(type)) where += " (" + std::string(type) + ")";
    return where + ": ";
}

void dispute::take(event&& e, std::vector<action>* out) {
    try {
        take_unlabelled(std::move(e), out);
    } catch (const error& err) {
        throw error(err.code(), refusal_place(to_string(e.type)) + std::string(err.reason()));
    }
}

void dispute::check_as_of(instant as_of) const {
    const auto& last = machine_->state.last_event_at;
    if (last && as_of < *last)
        throw error(errc::out_of_order, dispute_name(machine_->state.dispute_id) +
                                            ": the time asked for (" + policy_.zone().format(as_of) +
                                            ") is earlier than the last event applied (" + policy_.zone().format(*last) +
                                            "): a state shows the events up to its time, so ask as of a later time, or "
                                            "replay only the events up to that one");
}

void dispute::take_unlabelled(event&& e, std::vector<action>* out) {
    check_event(e);
    // The history's slot is made before the event runs (likewise: nothing to fail after),
    // and given back if the event is refused. A deque never moves the events it holds.
    history_.emplace_back();
    struct slot_guard {
        std::deque<event>& h;
        bool keep = false;
        ~slot_guard() {
            if (!keep) h.pop_back();
        }
    } slot{history_};
    std::optional<engine::rejection> refused;
    try {
        refused = run(policy_, *machine_, e, static_cast<int>(history_.size()) - 1, history_, out);
    } catch (...) {
        // An action failed after the guards passed (a deadline beyond the calendar's years,
        // a capacity limit, memory): the state may be half changed, so it is rebuilt from
        // the history, which holds only accepted events and replays the same way.
        rebuild(history_.size() - 1);
        throw;
    }
    if (refused) throw error(refused->code, refused->message);
    history_.back() = std::move(e);
    slot.keep = true;
}

void dispute::rebuild(std::size_t events) {
    auto fresh = std::make_unique<machine>();
    fresh->start();
    for (std::size_t i = 0; i < events; ++i) run(policy_, *fresh, history_[i], static_cast<int>(i), history_, nullptr);
    machine_ = std::move(fresh);
}

std::vector<action> dispute::apply(const json& e) {
    event parsed;
    try {
        parsed = parse_event(e);
    } catch (const error& err) {
        const auto type = e.is_object() ? e.find("type") : e.end();
        // (Both arms string_views: a std::string and a "" would make a temporary string.)
        const std::string_view name =
            type != e.end() && type->is_string() ? std::string_view(type->get_ref<const std::string&>()) : std::string_view();
        throw error(err.code(), refusal_place(name) + std::string(err.reason()));
    }
    return apply(std::move(parsed));
}

std::vector<action> dispute::apply_json(std::string_view text) {
    json j;
    try {
        j = drp::detail::parse_strict(text, "event");
    } catch (const error& err) {
        throw error(err.code(), refusal_place({}) + std::string(err.reason()));
    }
    return apply(j);
}

const policy& dispute::rules() const noexcept { return policy_; }
const dispute_state& dispute::state() const noexcept { return machine_->state; }
const std::deque<event>& dispute::history() const noexcept { return history_; }

std::vector<std::string> dispute::allowed_next(instant at) const {
    check_as_of(at);
    std::vector<std::string> out;
    auto probe = [&](event e, const std::string& label) {
        e.at = at;
        e.dispute_id = machine_->state.dispute_id;
        machine copy(*machine_);
        if (!run(policy_, copy, e, static_cast<int>(history_.size()), history_, nullptr)) out.push_back(label);
    };
    const auto& s = machine_->state;
    const auto& r = policy_.rules();
    event e;
    if (s.status == dispute_status::not_raised) return {"raise"};
    for (const char* reason : {"no_response", "inadequate_response", "not_resolved", "discretion"}) {
        e = {};
        e.type = event_type::escalate;
        e.reason = reason;
        e.note = "probe";
        probe(e, std::string("escalate:") + reason);
    }
    e = {};
    e.type = event_type::respond;
    probe(e, "respond");
    e = {};
    e.type = event_type::extend;
    e.agreed_by = r.extension.agreed_by.empty() ? "IRO" : r.extension.agreed_by.front();
    instant after = at;  // an extension must be later than the event and the due time in force
    for (const auto& o : s.obligations)
        if (o.kind == obligation_type::response && o.stage == s.stage && o.due() && *o.due() > after) after = *o.due();
    e.due = due_time{policy_.zone().local_date(after) + std::chrono::days{7}};
    probe(e, "extend");
    e = {};
    e.type = event_type::pause;
    e.approved_by = r.pause.approved_by.empty() ? "IRO" : r.pause.approved_by.front();
    e.reason = "probe";
    probe(e, "pause");
    e = {};
    e.type = event_type::resume;
    probe(e, "resume");
    e = {};
    e.type = event_type::legal_advice;
    probe(e, "legal_advice");
    e = {};
    e.type = event_type::refer;
    e.refer_to = "cafcass";
    e.concurrent = r.referral.concurrent_allowed;
    probe(e, "refer");
    e = {};
    e.type = event_type::referral_decision;
    probe(e, "referral_decision");
    if (s.status == dispute_status::open) {
        for (const char* t : {"consult", "meeting", "resolve", "withdraw"}) out.push_back(t);
    }
    bool record = false, notify = false;
    for (const auto& o : s.obligations) {
        if (o.status != obligation_status::open) continue;
        record = record || o.kind != obligation_type::notify;
        notify = notify || o.kind == obligation_type::notify;
    }
    if (record) out.push_back("record");
    if (notify) out.push_back("notify");
    return out;
}

// ---- JSON (schemas/dispute-state.schema.json, schemas/actions.schema.json) ------------------
namespace {

json instant_json(const policy& p, const std::optional<instant>& t) { return t ? json(p.zone().format(*t)) : json(); }

json targets_json(const duty& d) {
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

// A response timescale under a policy whose timescales are guidance (Merton); other duties'
// times are the policy's rules.
bool guidance(const policy& p, const obligation& o) {
    return p.rules().timescales_are_guidance && o.kind == obligation_type::response;
}

json duration_json(const duration& d) {
    const char* key = d.in == duration::unit::working_days ? "working_days" : d.in == duration::unit::calendar_days ? "calendar_days" : "hours";
    return detail::json_object(key, d.amount);
}

json explain_json(const policy& p, const dispute_state& st, const obligation& o) {
    const deadline_explain x = st.explain(p, o);
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
                               "text", explain_text(p, x, o));
}

json obligation_json(const policy& p, const dispute_state& st, const obligation& o) {
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

json dispute::to_json(std::optional<instant> as_of) const {
    if (as_of) check_as_of(*as_of);
    dispute_state s = machine_->state;
    if (as_of) engine::mark_overdue(policy_, s, *as_of);
    const auto& p = policy_;
    const bool raised = s.status != dispute_status::not_raised;
    json j = json::object();  // (an object from the start: see event_json.cpp's to_json)
    j["dispute_id"] = s.dispute_id.empty() ? json() : json(s.dispute_id);
    j["policy"] = detail::json_object("id", p.id(), "version", p.version());  // (members one by one: json/build.hpp)
    j["status"] = std::string(to_string(s.status));
    j["as_of"] = instant_json(p, as_of);
    j["paused"] = s.paused;
    const event* pause = s.paused && s.pause_event >= 0 ? &history_[static_cast<std::size_t>(s.pause_event)] : nullptr;
    j["pause"] = pause ? detail::json_object("since", p.zone().format(s.paused_since), "approved_by", pause->approved_by,
                                             "reason", pause->reason.empty() ? json() : json(pause->reason))
                       : json();
    j["stage"] = raised ? json(p.stages()[static_cast<std::size_t>(s.stage)].id) : json();
    j["stage_entered_at"] = raised ? instant_json(p, s.stage_entered_at) : json();
    j["entry"] = raised ? detail::json_object("reason", s.entry_reason,
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
        referrals.push_back(detail::json_object("to", r.to, "concurrent", r.concurrent, "status", r.status,
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
    json obligations = json::array();
    for (const auto& o : s.obligations) obligations.push_back(obligation_json(p, s, o));
    j["obligations"] = obligations;
    return j;
}

json dispute::actions_json(const std::vector<action>& actions) const {
    const auto& s = machine_->state;
    json out = json::array();
    for (const auto& a : actions) {
        if (a.index >= s.obligations.size()) continue;
        const auto& o = s.obligations[a.index];
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

dispute dispute::from_json(const policy& p, const json& state) {
    try {
        return restore(p, state);
    } catch (const json::exception& e) {  // a value of the wrong type somewhere in the text
        throw error(errc::schema, std::string("dispute state: ") + e.what());
    }
}

namespace {

// Whether a document nests deeper than `limit`, found without recursion: a C++ host may
// pass a document it parsed itself, and copying or comparing one nested thousands deep
// (both recursive in nlohmann/json) would overflow the stack.
bool deeper_than(const json& root, std::size_t limit) {
    std::vector<std::pair<const json*, std::size_t>> todo{{&root, 1}};
    while (!todo.empty()) {
        const auto [j, depth] = todo.back();
        todo.pop_back();
        if (!j->is_structured()) continue;
        if (depth > limit) return true;
        for (const auto& child : *j) todo.emplace_back(&child, depth + 1);
    }
    return false;
}

}  // namespace

dispute dispute::restore(const policy& p, const json& state) {
    auto fail = [](const std::string& why) -> dispute { throw error(errc::schema, "dispute state: " + why); };
    if (!state.is_object()) return fail("expected a JSON object");
    if (deeper_than(state, 64)) return fail("nesting deeper than 64 levels");
    const auto pol = state.find("policy");
    if (pol == state.end() || !pol->is_object() || pol->value("id", "") != p.id() || pol->value("version", "") != p.version())
        return fail("it was made under another policy (expected " + p.id() + " " + p.version() + ")");
    const auto history = state.find("history");
    if (history == state.end() || !history->is_array()) return fail("/history: expected an array of events");
    // as_of only marks what is overdue, and is not compared below: held to its shape here.
    const auto as_of = state.find("as_of");
    if (as_of != state.end() && !as_of->is_null()) {
        const bool instant_text = as_of->is_string() && detail::is_instant_text(as_of->get_ref<const std::string&>());
        if (!instant_text) return fail("/as_of: expected an RFC 3339 instant with its offset, or null");
        try {
            (void)parse_rfc3339(as_of->get_ref<const std::string&>());
        } catch (const error&) {
            return fail("/as_of: expected an RFC 3339 instant with its offset, or null");
        }
    }
    dispute d(p);
    for (std::size_t i = 0; i < history->size(); ++i) {
        try {
            d.replay(parse_event((*history)[i]));
        } catch (const error& e) {
            return fail("/history/" + std::to_string(i) + ": " + e.what());
        }
    }
    // The stored state must be what its history gives (an "as of" view only adds overdue marks).
    json expected = state;
    expected["as_of"] = nullptr;
    if (expected.contains("obligations") && expected["obligations"].is_array())
        for (auto& o : expected["obligations"])
            if (o.is_object() && o.value("status", "") == "overdue") o["status"] = "open";
    const json actual = d.to_json();
    if (actual != expected) {
        for (const auto& [key, value] : actual.items())
            if (!expected.contains(key) || expected[key] != value) return fail("/" + key + " does not match what its history gives");
        return fail("it has fields its history does not give");
    }
    return d;
}

}  // namespace drp
