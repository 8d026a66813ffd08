// Each event's rule, in the words of the seeds' documents where they have words.
#include "engine/rules.hpp"

#include <algorithm>

#include "engine/facts.hpp"
#include "policy/policy_data.hpp"

namespace drp::engine {
namespace {

using namespace std::chrono;

rejection refuse(std::string message, errc code = errc::not_permitted) { return {code, std::move(message)}; }

bool contains(const std::vector<std::string>& xs, const std::string& x) {
    return std::find(xs.begin(), xs.end(), x) != xs.end();
}
template <class T>
bool contains(const std::vector<T>& xs, const T& x) {
    return std::find(xs.begin(), xs.end(), x) != xs.end();
}
std::string join(const std::vector<std::string>& xs, const char* sep = "/") {
    std::string out;
    for (const auto& x : xs) out += (out.empty() ? "" : sep) + x;
    return out;
}

const stage& current(const context& c) { return c.p->stages()[static_cast<std::size_t>(c.s->stage)]; }
const duty_layout::at_stage& duties_at(const context& c, std::size_t k) { return duty_index(*c.p).stages[k]; }
const std::string& id_of(const policy& p, const duty_record& o) { return p.duties()[o.duty].id; }
std::string_view entry_from_id(const context& c) {
    return c.s->entry_from < 0 ? std::string_view{} : std::string_view(c.p->stages()[static_cast<std::size_t>(c.s->entry_from)].id);
}

// ---- conditions ------------------------------------------------------------------------
// Whether stage k's `when` holds for the dispute entering it by `reason` from `from`.
bool stage_applies(const context& c, std::size_t k, const std::string& reason, const std::string& from, bool bypass) {
    const auto& st = c.p->stages()[k];
    return !st.when || st.when->test(dispute_facts(*c.p, *c.s, k, {reason, from, bypass}));
}

// ---- deadlines (DESIGN.md §4.1) ---------------------------------------------------------
instant end_of(const policy& p, date d) {
    if (const auto cob = p.close_of_business()) return p.zone().from_local(d, seconds{*cob});
    return p.zone().end_of_day(d);
}


void add_skipped(const policy& p, dispute_state& s, duty_record& o, date from, date to) {
    const auto holidays = p.calendar().holidays_between(from, to);
    if (holidays.empty()) return;
    auto& skipped = detail_of(s, o).skipped;
    for (const auto& h : holidays) skipped.push_back(h.day);
}
// Adds a duty. Obligations are trivially copyable and a dispute has tens of them: grow by
// an eighth (at least two) rather than doubling, which left a third of the space unused.
void add(dispute_state& s, duty_record o) {
    auto& v = s.records;
    if (v.size() == v.capacity()) v.reserve(v.size() + std::max<std::size_t>(2, v.size() / 8));
    v.push_back(o);
}

// Sets due, due_date and explain for a deadline of `rule` counted from `start` (the
// holidays it skips follow from these: dispute_state::explain).
void set_deadline(const policy& p, duty_record& o, instant start, const duration& rule) {
    o.set_start(start);
    o.set_rule(deadline_explain::rule_kind::duration);
    o.set_rule_duration(rule);
    const auto& tz = p.zone();
    const date from = tz.local_date(start);
    switch (rule.in) {
        case duration::unit::working_days: {
            const date d = p.calendar().add_working_days(from, rule.amount);
            o.set_due(end_of(p, d), d);
            o.set_whole_day(true);
            break;
        }
        case duration::unit::calendar_days: {
            const date d = from + days{rule.amount};
            o.set_due(end_of(p, d), d);
            o.set_whole_day(true);
            break;
        }
        case duration::unit::hours: {
            o.set_due(start + hours{rule.amount}, std::nullopt);
            o.set_whole_day(false);
            break;
        }
    }
    o.set_first_due_mode(1);
}

void set_agreed(const policy& p, dispute_state& s, duty_record& o, const due_time& when) {
    const bool first = o.first_due_mode() == 0;
    if (const auto* d = std::get_if<date>(&when)) {
        move_due(p, s, o, end_of(p, *d), *d);
        o.set_whole_day(true);
    } else {
        move_due(p, s, o, std::get<instant>(when), std::nullopt);
        o.set_whole_day(false);
    }
    if (first) o.set_first_due_mode(1);
}

instant due_instant(const policy& p, const due_time& when) {
    if (const auto* d = std::get_if<date>(&when)) return end_of(p, *d);
    return std::get<instant>(when);
}

// The open duty of the policy's `duty` index at stage `k`.
duty_record* find_open(dispute_state& s, std::uint16_t duty, int k) {
    for (auto& o : s.records)
        if (o.status == obligation_status::open && o.duty == duty && o.stage == k) return &o;
    return nullptr;
}
const duty_record* find_open(const dispute_state& s, std::uint16_t duty, int k) {
    return find_open(const_cast<dispute_state&>(s), duty, k);
}
// The stage's open response duty, if any.
duty_record* open_response(const context& c) { return find_open(*c.s, duties_at(c, static_cast<std::size_t>(c.s->stage)).response, c.s->stage); }

// A new duty as the engine records it: which, at what stage, when it arose and why.
duty_record make(const context& c, std::uint16_t duty, std::size_t stage_index, std::string_view trigger_name, instant at) {
    duty_record o;
    o.duty = duty;
    o.kind = c.p->duties()[duty].kind;
    o.stage = static_cast<std::int16_t>(stage_index);
    o.set_created_at(at);
    o.set_trigger(trigger_name);
    o.set_event(c.event_index);
    o.set_start(at);
    return o;
}

bool targets_role(const policy& p, const duty_record& o, const std::string& role) {
    for (const auto& t : p.duties()[o.duty].target)
        if (contains(t, role)) return true;
    return false;
}

// Creates the duties of `rules` (whose duties start at `first_duty`) that start at `when`,
// counted from `at`, at stage `stage_index`; for duty_met, those `after` the duty `met_id`.
void spawn(const context& c, const std::vector<obligation_rule>& rules, std::uint16_t first_duty, trigger when,
           instant at, std::size_t stage_index, const event* by_event = nullptr, std::string_view met_id = {}) {
    const std::string_view event_name = by_event ? to_string(by_event->type) : std::string_view{};
    for (std::size_t i = 0; i < rules.size(); ++i) {
        const auto& r = rules[i];
        if (r.from != when) continue;
        if (when == trigger::duty_met && r.after != met_id) continue;
        // from_stage: the clock starts at the last entry of that stage, if the dispute went through it.
        instant start = at;
        if (when == trigger::stage_entry && !r.from_stage.empty()) {
            const auto* from = c.p->find_stage(r.from_stage);
            const auto fi = from ? static_cast<int>(from - c.p->stages().data()) : -1;
            for (const auto& x : c.s->entered)
                if (x.stage == fi) start = x.at;
        }
        if (when == trigger::event &&
            (!by_event || std::find(r.events.begin(), r.events.end(), event_name) == r.events.end()))
            continue;
        if (r.when && !r.when->test(dispute_facts(*c.p, *c.s, stage_index, {c.s->entry_reason_name(), entry_from_id(c), c.s->entry_bypass})))
            continue;
        duty_record o = make(c, static_cast<std::uint16_t>(first_duty + i), stage_index, to_string(when), at);
        o.set_start(start);
        if (r.within) {
            set_deadline(*c.p, o, start, *r.within);
        } else if (r.immediately) {  // due the moment it arises; never overdue, no clock to stop
            o.set_rule(deadline_explain::rule_kind::immediately);
            o.set_due(start, std::nullopt);
            o.set_first_due_mode(1);
        } else if (r.from == trigger::response_due) {
            if (const auto* resp = find_open(*c.s, duties_at(c, stage_index).response, static_cast<int>(stage_index)); resp && resp->due()) {
                o.set_due(resp->due(), resp->due_date());
                o.set_whole_day(resp->whole_day());
            }
        }
        add(*c.s, o);
    }
}

bool cap_covers(const policy& p, const stage& st) {
    return p.rules().overall_cap && contains(p.rules().overall_cap->kinds, st.kind);
}

/// How the dispute enters a stage, for preconditions limited by `only_when`.
struct entry_way {
    bool starting_higher = false, bypassing = false;
};
bool preconditions_met(const context& c, const std::vector<precondition>& pre, std::string& missing, entry_way way = {});
void start_referral_clock(const context& c, instant at, const char* trigger_name);

// Entering a stage: the response clock, its duties, notifications, the overall cap.
void enter_stage(const context& c, std::size_t k, instant at, const std::optional<due_time>& agreed) {
    auto& s = *c.s;
    const auto& p = *c.p;
    const auto& st = p.stages()[k];
    const auto& duties = duties_at(c, k);
    s.stage = static_cast<int>(k);
    s.stage_entered_at = at;
    if (duties.counted_from) {
        auto x = std::find_if(s.entered.begin(), s.entered.end(), [&](const auto& e) { return e.stage == static_cast<int>(k); });
        if (x == s.entered.end()) x = s.entered.insert(x, {static_cast<int>(k), at});
        x->at = at;
    }
    s.max_level = std::max(s.max_level, st.level);
    s.last_response_adequate.reset();
    s.extension_in_force = false;

    if (!st.responder.empty() || st.timescale.form != stage_timescale::type::none) {
        duty_record o = make(c, duties.response, k, "stage_entry", at);
        if (!st.timescale_from.empty()) {
            // "within 10 working days of receiving the form": no due date until that duty is met.
        } else if (st.timescale.form == stage_timescale::type::agreed && agreed) {
            o.set_rule(deadline_explain::rule_kind::agreed);
            set_agreed(p, s, o, *agreed);
        } else if (const auto d = st.timescale.form == stage_timescale::type::agreed ? st.timescale.fixed_or_default
                                                                                  : st.timescale.for_urgency(s.level)) {
            set_deadline(p, o, at, *d);
        } else {
        }
        add(s, o);
    }
    for (std::size_t j = 0; j < st.notify.size(); ++j)
        add(s, make(c, static_cast<std::uint16_t>(duties.notify + j), k, "stage_entry", at));
    for (std::size_t j = 0; j < st.copy.size(); ++j)
        add(s, make(c, static_cast<std::uint16_t>(duties.copy + j), k, "stage_entry", at));
    const auto policy_wide = duty_index(p).rules;
    spawn(c, st.obligations, duties.rules, trigger::stage_entry, at, k);
    spawn(c, p.obligations(), policy_wide, trigger::stage_entry, at, k);
    spawn(c, st.obligations, duties.rules, trigger::response_due, at, k);
    spawn(c, p.obligations(), policy_wide, trigger::response_due, at, k);

    // Overall cap: starts on first entering a covered stage; stops on leaving them.
    if (const auto& cap = p.rules().overall_cap) {
        duty_record* overall = nullptr;
        bool started = false;
        for (auto& o : s.records)
            if (o.kind == obligation_type::overall) {
                started = true;
                if (o.status == obligation_status::open) overall = &o;
            }
        if (cap_covers(p, st) && !started) {
            duty_record o = make(c, duty_index(p).overall, k, "stage_entry", at);
            set_deadline(p, o, at, cap->within);
            add(s, o);
        } else if (overall && !cap_covers(p, st)) {
            overall->status = obligation_status::met;  // the covered part of the process is complete
            overall->set_met(at);
        }
    }
    start_referral_clock(c, at, "stage_entry");
}

// Ends the open duties of the stage being left that were about that stage.
void leave_stage(const context& c, instant at) {
    const int here = c.s->stage;
    for (auto& o : c.s->records) {
        if (o.status != obligation_status::open || o.stage != here) continue;
        if (o.kind == obligation_type::response || o.kind == obligation_type::resolution || o.kind == obligation_type::meeting ||
            o.kind == obligation_type::consult || o.kind == obligation_type::reminder) {
            o.status = c.p->duties()[o.duty].discretionary ? obligation_status::waived : obligation_status::closed;
            o.set_closed(at);
        }
    }
}

check_result need_agreed_date(const stage& st, const std::optional<due_time>& due) {
    if (st.timescale.form == stage_timescale::type::agreed && st.timescale.agreed_date_required && !due)
        return refuse("stage '" + st.id + "' runs to a date the IRO agrees: give \"due\"", errc::invalid_event);
    if (due && st.timescale.form != stage_timescale::type::agreed)
        return refuse("stage '" + st.id + "' has a set timescale; \"due\" is only for agreed dates (use extend)",
                      errc::invalid_event);
    return std::nullopt;
}

bool preconditions_met(const context& c, const std::vector<precondition>& pre, std::string& missing, entry_way way) {
    for (const auto& x : pre) {
        // "Going straight to stage 2 requires ...": only a start higher or a bypass needs it.
        if ((x.only_starting_higher || x.only_bypassing) &&
            !((x.only_starting_higher && way.starting_higher) || (x.only_bypassing && way.bypassing)))
            continue;
        if (x.what == precondition::type::legal_advice) {
            if (!c.s->legal_advice) {
                missing = "legal advice has not been sought";
                return false;
            }
            continue;
        }
        const bool done = std::any_of(c.s->consulted.begin(), c.s->consulted.end(), [&](const consultation& k) {
            return k.role == x.role && (!x.agreement || k.agreed.value_or(false));
        });
        if (!done) {
            missing = "no consultation with " + x.role + (x.agreement ? " (with agreement)" : "") + " yet";
            return false;
        }
    }
    return true;
}

// At a referral stage, the referral is due `within` from the moment its preconditions are
// all met (entry, or the consultation / legal advice that completes them).
void start_referral_clock(const context& c, instant at, const char* trigger_name) {
    auto& s = *c.s;
    const auto& p = *c.p;
    const auto& referral = p.rules().referral;
    if (s.stage < 0 || !referral.allowed || !referral.within) return;
    // Without preconditions the clock starts on entering a referral stage. With them it starts
    // when the last is met, wherever a referral may be made (Merton: "at any point ... If yes,
    // the IRO will make the referral within 3 days"; docs/events-and-state.md, consult).
    const auto& here = p.stages()[static_cast<std::size_t>(s.stage)];
    const bool referral_stage = here.kind == stage_kind::referral;
    if (referral.preconditions.empty() ? !referral_stage
                                       : !(referral_stage || referral.at_any_point || contains(referral.stages, here.id)))
        return;
    const auto referral_duty = duty_index(p).referral;  // the engine's own, not a policy duty of kind referral
    if (std::any_of(s.records.begin(), s.records.end(), [&](const duty_record& o) { return o.duty == referral_duty; })) return;
    // A referral already made (and not declined) is not owed again.
    if (std::any_of(s.referrals.begin(), s.referrals.end(), [](const drp::referral& r) { return r.status != referral_status::declined; })) return;
    std::string missing;
    if (!preconditions_met(c, referral.preconditions, missing)) return;
    // The clock runs from the moment the last precondition was met (DESIGN: "within 3 days"
    // of the consultation), or from entering the stage when there are none.
    instant start = at;
    std::string_view trigger = trigger_name;
    if (!referral.preconditions.empty()) {
        start = instant{};
        for (const auto& pre : referral.preconditions) {
            std::optional<instant> met;
            if (pre.what == precondition::type::legal_advice) {
                met = s.legal_advice_at;
            } else {
                for (const auto& k : s.consulted)
                    if (k.role == pre.role && (!pre.agreement || k.agreed.value_or(false)) && (!met || k.at < *met)) met = k.at;
            }
            if (met && *met > start) start = *met;
        }
        trigger = "preconditions_met";
    }
    duty_record o = make(c, duty_index(p).referral, static_cast<std::size_t>(s.stage), trigger, at);
    set_deadline(p, o, start, *referral.within);
    add(s, o);
}

// Where an escalation goes: `to`, or the next stage on the ordinary route.
struct route {
    std::size_t target = 0;
    bool bypass = false;
};

std::optional<route> next_stage(const context& c, const escalate_event& e, const std::string& reason, rejection& why) {
    const auto& stages = c.p->stages();
    const auto here = static_cast<std::size_t>(c.s->stage);
    const auto& st = stages[here];
    const std::string from = st.id;
    std::vector<std::size_t> ordinary;
    if (st.next) {
        for (const auto& id : *st.next) ordinary.push_back(c.p->stage_index(id));
    } else {
        for (std::size_t n = here + 1; n < stages.size(); ++n) {
            const bool passable = stages[n].optional || !stage_applies(c, n, reason, from, false);
            ordinary.push_back(n);
            if (!passable) break;
        }
    }
    if (e.to.empty()) {
        // Without `to`, ordinary escalation passes over optional stages (name them to enter them).
        for (std::size_t n : ordinary)
            if (!stages[n].optional && stage_applies(c, n, reason, from, false)) return route{n, false};
        for (std::size_t n : ordinary)
            if (stage_applies(c, n, reason, from, false)) return route{n, false};
        why = refuse("there is no stage after '" + from + "' to escalate to");
        return std::nullopt;
    }
    const auto* target = c.p->find_stage(e.to);
    if (!target) {
        why = refuse("the policy has no stage '" + e.to + "'", errc::unknown_stage);
        return std::nullopt;
    }
    const std::size_t t = static_cast<std::size_t>(target - stages.data());
    if (t <= here) {
        why = refuse("'" + e.to + "' is not above the current stage '" + from + "'");
        return std::nullopt;
    }
    return route{t, !contains(ordinary, t)};
}

// Whether event `i` of the history, of `type` with a role, reaches target group `t` of a duty.
bool reaches(const event_history& h, std::size_t i, event_type type, const std::vector<std::string>& t) {
    if (h.type(i) != type || !h.text(i, &event::obligation).empty()) return false;
    const std::string_view role = h.text(i, &event::role);
    return std::find(t.begin(), t.end(), role) != t.end();
}

// A notify (by role) or consult event reaching `role`: meets each owed duty of `kind` whose
// targets have now all been reached since it arose (an any_of group by any one of its roles).
void reach(const context& c, obligation_type kind, event_type type, const std::string& role, instant at) {
    for (auto& o : c.s->records) {
        if (o.status != obligation_status::open || o.kind != kind || !targets_role(*c.p, o, role)) continue;
        const auto& targets = c.p->duties()[o.duty].target;
        const auto since = static_cast<std::size_t>(o.event().value_or(-1) + 1);
        const bool all = std::all_of(targets.begin(), targets.end(), [&](const std::vector<std::string>& t) {
            if (contains(t, role)) return true;
            for (auto i = since; i < static_cast<std::size_t>(c.event_index); ++i)
                if (reaches(*c.history, i, type, t)) return true;
            return false;
        });
        if (all) {
            o.status = obligation_status::met;
            o.set_met(at);
        }
    }
}

// Whether a record or notify event may name `id`: the policy's own duties and its notify.*,
// copy.* and informs.* duties, but not response, overall or referral, which respond, resolve
// and refer meet (docs/events-and-state.md, record and notify).
bool nameable(const policy& p, std::string_view id) {
    const auto& layout = duty_index(p);
    const auto& duties = p.duties();
    for (std::size_t i = 0; i < duties.size(); ++i) {
        if (duties[i].id != id) continue;
        const bool engines = i == layout.overall || i == layout.referral ||
                             std::any_of(layout.stages.begin(), layout.stages.end(), [&](const auto& at) { return at.response == i; });
        if (!engines) return true;
    }
    return false;
}

}  // namespace

std::vector<std::string> still_owed(const policy& p, const event_history& h, const duty_record& o, std::size_t end) {
    const auto& d = p.duties()[o.duty];
    std::vector<std::string> owed = d.role;
    const bool answer = d.kind == obligation_type::response || d.kind == obligation_type::resolution;
    end = std::min(end, h.size());
    for (auto i = static_cast<std::size_t>(std::max(0, o.event().value_or(0))); i < end && !owed.empty(); ++i) {
        const auto type = h.type(i);
        const bool counts = answer ? type == event_type::respond
                                   : (type == event_type::record || type == event_type::notify) && h.text(i, &event::obligation) == d.id;
        if (!counts) continue;
        const std::string_view by = h.text(i, &event::by);
        owed.erase(std::remove(owed.begin(), owed.end(), by), owed.end());
    }
    return owed;
}

namespace {
// Whether an every-role duty is done once `by` has also done it (now, at event `now`).
bool done_by_all(const context& c, const duty_record& o, const std::string& by) {
    auto owed = still_owed(*c.p, *c.history, o, static_cast<std::size_t>(c.event_index));
    owed.erase(std::remove(owed.begin(), owed.end(), by), owed.end());
    return owed.empty();
}
// The open every-role duties at the current stage that a respond event answers.
bool every_responder_here(const context& c) {
    for (const auto& o : c.s->records)
        if (o.stage == c.s->stage && o.status == obligation_status::open &&
            (o.kind == obligation_type::response || o.kind == obligation_type::resolution) && c.p->duties()[o.duty].every_role)
            return true;
    return false;
}
}  // namespace

// ---- raise ---------------------------------------------------------------------------------
namespace {
std::optional<std::size_t> first_stage(const context& c) {
    for (std::size_t k = 0; k < c.p->stages().size(); ++k)
        if (stage_applies(c, k, "raise", "", false)) return k;
    return std::nullopt;
}
}  // namespace

// `by` on raise and escalate: one of the entered stage's raised_by (Merton IR4 is raised by
// the IRO manager or the HOS for safeguarding, not the IRO).
check_result check_raiser(const stage& st, const std::string& by) {
    if (by.empty() || st.raised_by.empty() || contains(st.raised_by, by)) return std::nullopt;
    return refuse("'" + by + "' does not raise '" + st.id + "' (" + join(st.raised_by, " or ") + " does)");
}

check_result check_names(const policy& p, const event& e, std::string_view raise_version) {
    for (const auto& [field, role] : {std::pair<const char*, const std::string*>{"by", &e.by}, {"agreed_by", &e.agreed_by},
                                      {"approved_by", &e.approved_by}, {"role", &e.role}})
        if (!role->empty() && !p.has_role(*role))
            return refuse("/" + std::string(field) + ": role '" + *role + "' is not defined in the policy", errc::invalid_event);
    for (std::size_t i = 0; i < e.judged_by.size(); ++i)
        if (!p.has_role(e.judged_by[i]))
            return refuse("/judged_by/" + std::to_string(i) + ": role '" + e.judged_by[i] + "' is not defined in the policy",
                          errc::invalid_event);
    if (e.type == event_type::raise) {
        if (!p.categories().empty() && !contains(p.categories(), e.category))
            return refuse("/category: '" + e.category + "' is not one of the policy's: " + join(p.categories(), ", "), errc::invalid_event);
        if (const auto& types = p.internals().case_types; !e.case_type.empty() && !types.empty() && !contains(types, e.case_type))
            return refuse("/case_type: '" + e.case_type + "' is not one of the policy's: " + join(types, ", "), errc::invalid_event);
        if (!e.policy_version.empty() && e.policy_version != raise_version)
            return refuse("/policy_version: the event asks for " + e.policy_version +
                              (raise_version == p.version() ? " but the policy is " + p.id() + " " + p.version()
                                                            : " but the dispute was raised under " + p.id() + " " + std::string(raise_version)),
                          errc::invalid_event);
    }
    const std::string* stage_name = e.type == event_type::raise      ? &e.start_stage
                                    : e.type == event_type::escalate ? &e.to
                                    : e.type == event_type::record || e.type == event_type::notify ? &e.stage
                                                                                                   : nullptr;
    if (stage_name && !stage_name->empty() && !p.find_stage(*stage_name))
        return refuse("the policy has no stage '" + *stage_name + "'", errc::unknown_stage);
    if ((e.type == event_type::record || e.type == event_type::notify) && !e.obligation.empty() && !nameable(p, e.obligation))
        return refuse("/obligation: the policy defines no obligation '" + e.obligation + "' that a " + std::string(to_string(e.type)) +
                          " event can meet",
                      errc::invalid_event);
    return std::nullopt;
}

check_result check_raise(const context& c, const raise_event& e) {
    const auto& p = *c.p;

    // Facts of the new dispute, to test stage conditions.
    dispute_state probe = *c.s;
    probe.level = urgency_from_string(e.urgency).value_or(urgency::standard);
    probe.category = e.category;
    probe.cross_council = e.cross_council;
    probe.case_type = e.case_type;
    probe.raised_by = e.by;
    const context pc{c.p, &probe, c.why, c.event_index, c.history, nullptr};
    const auto first = first_stage(pc);
    if (!first) return refuse("no stage of the policy applies to this dispute (every stage's condition is false)");
    std::size_t start = *first;
    if (!e.start_stage.empty()) {
        const auto* st = p.find_stage(e.start_stage);
        if (!st) return refuse("the policy has no stage '" + e.start_stage + "'", errc::unknown_stage);
        start = static_cast<std::size_t>(st - p.stages().data());
        if (start != *first) {
            const auto& rule = p.rules().start_above_first;
            if (start < *first) return refuse("'" + e.start_stage + "' is below the first stage that applies, '" + p.stages()[*first].id + "'");
            if (!rule.allowed) return refuse("the policy does not allow starting above '" + p.stages()[*first].id + "'");
            if (!rule.stages.empty() && !contains(rule.stages, e.start_stage))
                return refuse("the policy allows starting only at " + join(rule.stages, ", "));
            if (rule.requires_reason && !e.has_start_reason)
                return refuse("starting at '" + e.start_stage + "' needs a start_reason", errc::invalid_event);
            if (!stage_applies(pc, start, "raise", "", false))
                return refuse("stage '" + e.start_stage + "' does not apply to this dispute (its condition is false)");
        }
    }
    if (e.has_start_reason && start == *first)
        return refuse("start_reason is only for starting above the first stage that applies, '" + p.stages()[*first].id + "'",
                      errc::invalid_event);
    if (auto bad = check_raiser(p.stages()[start], e.by)) return bad;
    // A consultation the start stage requires is recorded before the raise (consult events).
    if (std::string missing; !preconditions_met(pc, p.stages()[start].preconditions, missing, {start != *first, false}))
        return refuse("cannot start at '" + p.stages()[start].id + "': " + missing + " (record the consult before the raise)");
    if (auto bad = need_agreed_date(p.stages()[start], e.due)) return bad;
    if (e.due && due_instant(p, *e.due) <= e.at) return refuse("the agreed date is not after the event", errc::invalid_event);
    if (c.planned) *c.planned = context::route{start, false};
    return std::nullopt;
}

void do_raise(const context& c, const raise_event& e) {
    auto& s = *c.s;
    s.raised_at = e.at;
    s.category = e.category;
    s.level = urgency_from_string(e.urgency).value_or(urgency::standard);
    s.cross_council = e.cross_council;
    s.case_type = e.case_type;
    s.raised_by = e.by;
    s.entry_reason.reset();
    s.entry_from = -1;
    std::size_t start = 0;
    if (c.planned && *c.planned) start = (*c.planned)->target;
    else start = e.start_stage.empty() ? *first_stage(c) : c.p->stage_index(e.start_stage);
    s.entry_bypass = false;
    spawn(c, c.p->obligations(), duty_index(*c.p).rules, trigger::dispute_raised, e.at, start);
    enter_stage(c, start, e.at, e.due);
}

// ---- escalate ------------------------------------------------------------------------------
check_result check_escalate(const context& c, const escalate_event& e) {
    const auto& p = *c.p;
    const auto& s = *c.s;
    const auto& here = current(c);
    for (const auto& r : s.referrals)
        if (!r.concurrent && r.status != referral_status::declined)
            return refuse("the internal process has given way to the Cafcass referral (" + std::string(to_string(r.status)) + ")");
    if (!s.other_routes.empty() && !s.other_routes.back().ended_at)
        return refuse("the concern is being taken another way ('" + s.other_routes.back().route +
                      "') instead of escalation: record other_route_ended first");
    const auto reason = escalation_reason_from_string(e.reason);
    const auto& rule = p.rules().escalation[static_cast<int>(*reason)];
    if (!rule.allowed) return refuse("the policy does not allow escalation for " + e.reason);
    if (!rule.stages.empty() && !contains(rule.stages, here.id))
        return refuse("the policy allows escalation for " + e.reason + " only from " + join(rule.stages, ", "));
    if (*reason == escalation_reason::no_response) {
        const auto* resp = find_open(s, duties_at(c, static_cast<std::size_t>(s.stage)).response, s.stage);
        if (!resp) return refuse("no_response: there is no response outstanding at '" + here.id + "'");
        if (!resp->due()) return refuse("no_response: the response at '" + here.id + "' has no deadline to miss");
        if (e.at <= *resp->due())
            return refuse("no_response: the response is not overdue until after " + p.zone().format(*resp->due()) +
                          (s.extension_in_force ? " (an agreed extension is in force)" : ""));
        // A resolution timescale outlives the reply: once one came, the stage was answered.
        if (resp->kind == obligation_type::resolution && s.last_response_adequate)
            return refuse("no_response: a response has been received at '" + here.id +
                          "' (its timescale is for resolution: escalate for inadequate_response or not_resolved)");
    }
    if (*reason == escalation_reason::inadequate_response && s.last_response_adequate != false)
        return refuse("inadequate_response: no response judged inadequate has been received at '" + here.id + "'");
    rejection why;
    const auto r = next_stage(c, e, e.reason, why);
    if (!r) return why;
    if (c.planned) *c.planned = context::route{r->target, r->bypass};
    const auto& target = p.stages()[r->target];
    if (r->bypass) {
        const auto& b = p.rules().bypass;
        if (!b.allowed) return refuse("passing over a required stage to '" + target.id + "' is a bypass, which the policy does not allow");
        if (!b.from_stages.empty() && !contains(b.from_stages, here.id)) return refuse("the policy allows bypass only from " + join(b.from_stages, ", "));
        if (!b.to_stages.empty() && !contains(b.to_stages, target.id)) return refuse("the policy allows bypass only to " + join(b.to_stages, ", "));
        if (b.requires_reason && !e.has_note) return refuse("a bypass needs its reason in \"note\"", errc::invalid_event);
    }
    if (!stage_applies(c, r->target, e.reason, here.id, r->bypass))
        return refuse("stage '" + target.id + "' does not apply to this dispute (its condition is false)");
    std::string missing;
    if (!preconditions_met(c, target.preconditions, missing, {false, r->bypass}))
        return refuse("cannot enter '" + target.id + "': " + missing);
    if (auto bad = need_agreed_date(target, e.due)) return bad;
    if (auto bad = check_raiser(target, e.by)) return bad;
    if (e.due && due_instant(p, *e.due) <= e.at) return refuse("the agreed date is not after the event", errc::invalid_event);
    return std::nullopt;
}

void do_escalate(const context& c, const escalate_event& e) {
    rejection why;
    const auto r = c.planned && *c.planned ? std::optional<route>(route{(*c.planned)->target, (*c.planned)->bypass})
                                           : next_stage(c, e, e.reason, why);
    const int left = c.s->stage;
    leave_stage(c, e.at);
    c.s->entry_reason = *escalation_reason_from_string(e.reason);  // the guard checked it
    c.s->entry_from = left;
    c.s->entry_bypass = r->bypass;
    enter_stage(c, r->target, e.at, e.due);
}

// ---- respond / extend ------------------------------------------------------------------------
check_result check_respond(const context& c, const respond_event& e) {
    const auto& here = current(c);
    const auto k = static_cast<std::size_t>(c.s->stage);
    const bool has_response = std::any_of(c.s->records.begin(), c.s->records.end(), [&](const duty_record& o) {
        return o.duty == duties_at(c, k).response && o.stage == c.s->stage;
    });
    if (!has_response) return refuse("no response is expected at '" + here.id + "'");
    if (e.by.empty() && every_responder_here(c))
        return refuse("every responder at '" + here.id + "' must answer: give \"by\" (" + join(here.responder, ", ") + ")",
                      errc::invalid_event);
    // "Judged together": every role the stage names must be among those who judged.
    if (!here.judged_by.empty()) {
        std::vector<std::string> absent;
        for (const auto& role : here.judged_by)
            if (!contains(e.judged_by, role)) absent.push_back(role);
        if (!absent.empty())
            return refuse("a response at '" + here.id + "' is judged together by " + join(here.judged_by, ", ") +
                              (e.judged_by.empty() ? ": give \"judged_by\"" : ": \"judged_by\" lacks " + join(absent, ", ")));
    }
    // `by`: one of the stage's responders, or of the roles owing a response duty there.
    if (e.by.empty() || here.responder.empty() || contains(here.responder, e.by)) return std::nullopt;
    for (const auto& o : c.s->records)
        if (o.stage == c.s->stage && o.kind == obligation_type::response && o.status == obligation_status::open &&
            contains(c.p->duties()[o.duty].role, e.by))
            return std::nullopt;
    return refuse("'" + e.by + "' is not a responder at '" + here.id + "'");
}

void do_respond(const context& c, const respond_event& e) {
    auto& s = *c.s;
    const auto& here = current(c);
    s.last_response_adequate = e.adequate;
    for (auto& o : s.records) {
        if (o.status != obligation_status::open || o.stage != s.stage) continue;
        if (o.kind == obligation_type::response) {  // the stage's response and the policy's response duties
            if (c.p->duties()[o.duty].every_role && !done_by_all(c, o, e.by)) continue;  // others still owe it
            o.status = obligation_status::met;
            o.set_met(e.at);
        } else if (o.kind == obligation_type::reminder) {  // "if no update is received": it was
            o.status = obligation_status::closed;
            o.set_closed(e.at);
        }
    }
    s.extension_in_force = false;
    const auto k = static_cast<std::size_t>(s.stage);
    spawn(c, here.obligations, duties_at(c, k).rules, trigger::response_received, e.at, k);
    spawn(c, c.p->obligations(), duty_index(*c.p).rules, trigger::response_received, e.at, k);
}

check_result check_extend(const context& c, const extend_event& e) {
    const auto& rule = c.p->rules().extension;
    const auto& here = current(c);
    if (!rule.allowed) return refuse("the policy does not allow extensions");
    if (!rule.stages.empty() && !contains(rule.stages, here.id)) return refuse("the policy allows extensions only at " + join(rule.stages, ", "));
    // Listing no stages means every stage with a timescale (an agreed one without a date counts).
    if (rule.stages.empty() && here.timescale.form == stage_timescale::type::none)
        return refuse("'" + here.id + "' has no timescale to extend");
    if (!rule.agreed_by.empty() && !contains(rule.agreed_by, e.agreed_by))
        return refuse("an extension must be agreed by " + join(rule.agreed_by, " or ") + ", not " + e.agreed_by);
    const auto* resp = open_response(c);
    if (!resp) return refuse("there is no outstanding response at '" + here.id + "' to extend");
    const instant until = due_instant(*c.p, *e.due);
    if (until <= e.at) return refuse("the extension's date is not after the event", errc::invalid_event);
    if (const auto in_force = resp->due(); in_force && until <= *in_force)
        return refuse("the extension's date is not later than the due time in force (" + c.p->zone().format(*in_force) + ")",
                      errc::invalid_event);
    return std::nullopt;
}

void do_extend(const context& c, const extend_event& e) {
    auto* resp = open_response(c);
    const auto previous = resp->due();
    pin(*c.p, *c.s, *resp);  // the first deadline, and the holidays its count skipped, stay in the explain
    detail_of(*c.s, *resp).extensions.push_back({e.at, e.agreed_by, *e.due, previous});
    set_agreed(*c.p, *c.s, *resp, *e.due);
    c.s->extension_in_force = true;
    for (auto& o : c.s->records)  // reminders follow the response
        if (o.status == obligation_status::open && o.kind == obligation_type::reminder && o.stage == resp->stage)
            move_due(*c.p, *c.s, o, resp->due(), resp->due_date());
}

// ---- pause / resume ("time out": every clock stops, DESIGN.md §4.2) -----------------------------
check_result check_pause(const context& c, const pause_event& e) {
    const auto& rule = c.p->rules().pause;
    const auto& here = current(c);
    if (!rule.allowed) return refuse("the policy has no time out");
    if (!rule.kinds.empty() && !contains(rule.kinds, here.kind))
        return refuse("a time out is allowed only in " + std::string(to_string(rule.kinds.front())) + " stages, not at '" + here.id + "'");
    if (!rule.stages.empty() && !contains(rule.stages, here.id)) return refuse("a time out is allowed only at " + join(rule.stages, ", "));
    if (!rule.approved_by.empty() && !contains(rule.approved_by, e.approved_by))
        return refuse("a time out must be approved by " + join(rule.approved_by, " or ") + ", not " + e.approved_by);
    if (rule.requires_reason && !e.has_reason) return refuse("a time out needs a reason", errc::invalid_event);
    return std::nullopt;
}

void do_pause(const context& c, const pause_event& e) {
    auto& s = *c.s;
    const auto& p = *c.p;
    using unit = deadline_explain::pause_span::unit;
    const date paused_day = p.zone().local_date(e.at);
    for (auto& o : s.records) {
        // A clock that has already run out is not stopped: the duty stays overdue.
        const auto due = o.due();
        if (o.status != obligation_status::open || !due || *due < e.at || o.rule() == deadline_explain::rule_kind::immediately)
            continue;
        const auto due_date = o.due_date();
        deadline_explain::pause_span span{e.at, std::nullopt, unit::seconds, 0, std::nullopt};
        const bool calendar_rule = o.rule() == deadline_explain::rule_kind::duration && o.rule_duration().in == duration::unit::calendar_days;
        if (o.whole_day() && due_date && !calendar_rule) {
            span.in = unit::working_days;
            span.remaining = std::max(0, p.calendar().working_days_between(paused_day, *due_date));
        } else if (o.whole_day() && due_date) {
            span.in = unit::calendar_days;
            span.remaining = std::max<long long>(0, (*due_date - paused_day).count());
        } else {
            span.remaining = std::max<long long>(0, (*due - e.at).count());
        }
        detail_of(s, o).pauses.push_back(span);
        move_due(p, s, o, std::nullopt, std::nullopt);
    }
    s.paused_since = e.at;  // (paused itself is the clock region's)
    s.pause_event = c.event_index;
}

check_result check_resume(const context&, const moment_event&) { return std::nullopt; }  // the policy has nothing to add

void do_resume(const context& c, const moment_event& e) {
    auto& s = *c.s;
    const auto& p = *c.p;
    const auto& tz = p.zone();
    using unit = deadline_explain::pause_span::unit;
    const date resumed_day = tz.local_date(e.at);
    for (auto& o : s.records) {
        if (o.status != obligation_status::open || !o.detail()) continue;
        auto& pauses = s.details[*o.detail()].pauses;
        if (pauses.empty() || pauses.back().to) continue;
        pauses.back().to = e.at;
        const auto in = pauses.back().in;
        const auto remaining = pauses.back().remaining;
        switch (in) {
            case unit::working_days: {
                const date d = p.calendar().add_working_days(resumed_day, static_cast<int>(remaining));
                add_skipped(p, s, o, resumed_day, d);
                move_due(p, s, o, end_of(p, d), d);
                break;
            }
            case unit::calendar_days: {
                const date d = resumed_day + days{remaining};
                move_due(p, s, o, end_of(p, d), d);
                break;
            }
            case unit::seconds: move_due(p, s, o, e.at + seconds{remaining}, o.due_date()); break;
        }
        s.details[*o.detail()].pauses.back().due_after = o.due();
    }
    s.pause_event = -1;
}

// ---- legal advice, consultation, referral ------------------------------------------------------
check_result check_legal_advice(const context& c, const moment_event&) {
    const auto& rule = c.p->rules().legal_advice;
    if (!rule.allowed) return refuse("the policy does not provide for legal advice");
    if (!rule.at_any_point && !contains(rule.stages, current(c).id))
        return refuse("legal advice is provided for only at " + join(rule.stages, ", "));
    return std::nullopt;
}

void do_legal_advice(const context& c, const moment_event& e) {
    c.s->legal_advice = true;
    if (!c.s->legal_advice_at) c.s->legal_advice_at = e.at;  // when it was first sought
    start_referral_clock(c, e.at, "preconditions_met");
}

check_result check_consult(const context&, const consult_event&) { return std::nullopt; }

// Before the raise, only a consultation that a stage where the dispute may start requires
// ("going straight to stage 2 requires consultation with the Safeguarding Unit manager").
check_result check_consult_before_raise(const context& c, const consult_event& e) {
    const auto& p = *c.p;
    const auto& start = p.rules().start_above_first;
    for (std::size_t k = 0; k < p.stages().size(); ++k) {
        const auto& st = p.stages()[k];
        const bool may_start = k == 0 || st.when || (start.allowed && (start.stages.empty() || contains(start.stages, st.id)));
        if (!may_start) continue;
        for (const auto& x : st.preconditions)
            if (x.what == precondition::type::consult && x.role == e.role && !(x.only_bypassing && !x.only_starting_higher))
                return std::nullopt;
    }
    return refuse("a consult before the raise is only for a consultation that a stage where the dispute may start requires; '" +
                  e.role + "' is not one");
}

void do_consult(const context& c, const consult_event& e) {
    c.s->consulted.push_back({e.role, e.agreed, e.at});
    reach(c, obligation_type::consult, event_type::consult, e.role, e.at);
    start_referral_clock(c, e.at, "preconditions_met");
}

check_result check_refer(const context& c, const refer_event& e) {
    const auto& rule = c.p->rules().referral;
    const auto& here = current(c);
    if (!rule.allowed) return refuse("the policy does not provide for a referral to Cafcass");
    if (!rule.at_any_point && !contains(rule.stages, here.id) && here.kind != stage_kind::referral)
        return refuse("a referral is provided for only at " + join(rule.stages, ", "));
    if (e.concurrent && !rule.concurrent_allowed) return refuse("the policy does not allow a referral alongside the internal process");
    if (rule.when && !rule.when->test(dispute_facts(*c.p, *c.s, static_cast<std::size_t>(c.s->stage),
                                                    {c.s->entry_reason_name(), entry_from_id(c), c.s->entry_bypass})))
        return refuse("the policy's condition for a referral does not hold for this dispute (/rules/referral/when)");
    std::string missing;
    if (!preconditions_met(c, rule.preconditions, missing)) return refuse("referral to Cafcass: " + missing);
    return std::nullopt;
}

void do_refer(const context& c, const refer_event& e) {
    c.s->referrals.push_back({"cafcass", e.concurrent, referral_status::referred, e.at, std::nullopt});
    for (auto& o : c.s->records) {
        if (o.status != obligation_status::open) continue;
        if (o.duty == duty_index(*c.p).referral || (!e.concurrent && o.kind == obligation_type::overall)) {
            o.status = obligation_status::met;  // a final referral completes the internal process
            o.set_met(e.at);
        } else if (!e.concurrent && (o.kind == obligation_type::response || o.kind == obligation_type::resolution)) {
            o.status = obligation_status::closed;
            o.set_closed(e.at);
        }
    }
    const auto& informs = c.p->rules().referral.informs;
    for (std::size_t j = 0; j < informs.size(); ++j)
        add(*c.s, make(c, static_cast<std::uint16_t>(duty_index(*c.p).informs + j),
                                        static_cast<std::size_t>(c.s->stage), "referral_made", e.at));
}

// ---- meetings, records, notifications --------------------------------------------------------
check_result check_meeting(const context&, const meeting_event&) { return std::nullopt; }

void do_meeting(const context& c, const meeting_event& e) {
    const auto& here = current(c);
    for (auto& o : c.s->records)
        if (o.status == obligation_status::open && o.kind == obligation_type::meeting) {
            const auto& rules = here.obligations;
            const auto& id = id_of(*c.p, o);
            const bool same_kind = std::any_of(rules.begin(), rules.end(), [&](const obligation_rule& r) {
                return r.id == id && r.meeting == e.meeting_kind;
            }) || std::any_of(c.p->obligations().begin(), c.p->obligations().end(), [&](const obligation_rule& r) {
                return r.id == id && r.meeting == e.meeting_kind;
            });
            if (same_kind) {
                o.status = obligation_status::met;
                o.set_met(e.at);
            }
        }
    const auto k = static_cast<std::size_t>(c.s->stage);
    spawn(c, here.obligations, duties_at(c, k).rules, trigger::meeting, e.at, k);
    spawn(c, c.p->obligations(), duty_index(*c.p).rules, trigger::meeting, e.at, k);
}

namespace {
// The oldest owed duty of kind record, notify or reminder with the event's `obligation` id
// (at its `stage`, if given).
duty_record* named_duty(const policy& p, dispute_state& s, const named_duty_event& e) {
    int k = -1;
    if (!e.stage.empty()) {
        const auto* st = p.find_stage(e.stage);
        if (!st) return nullptr;
        k = static_cast<int>(st - p.stages().data());
    }
    for (auto& o : s.records) {
        if (o.status != obligation_status::open || (k >= 0 && o.stage != k)) continue;
        if (o.kind != obligation_type::record && o.kind != obligation_type::notify && o.kind != obligation_type::reminder) continue;
        if (id_of(p, o) == e.obligation) return &o;
    }
    return nullptr;
}

check_result check_named(const context& c, const named_duty_event& e) {
    const std::string_view verb = to_string(e.type);
    if (e.obligation.empty()) return std::nullopt;  // notify by role: recorded even when it completes nothing
    const auto* o = named_duty(*c.p, *c.s, e);
    if (!o) return refuse("there is no open obligation '" + e.obligation + "'" + (e.stage.empty() ? "" : " at '" + e.stage + "'") + " to " + std::string(verb));
    if (!e.role.empty() && !targets_role(*c.p, *o, e.role)) return refuse("'" + e.role + "' is not a target of '" + e.obligation + "'");
    if (const auto& d = c.p->duties()[o->duty]; d.every_role) {
        if (e.by.empty())
            return refuse("each of " + join(d.role, ", ") + " owes '" + e.obligation + "': give \"by\"", errc::invalid_event);
        if (!contains(d.role, e.by)) return refuse("'" + e.by + "' does not owe '" + e.obligation + "'");
    }
    return std::nullopt;
}

void meet_named_duty(const context& c, const named_duty_event& e) {
    if (e.obligation.empty()) return reach(c, obligation_type::notify, event_type::notify, e.role, e.at);
    auto* o = named_duty(*c.p, *c.s, e);  // the guard found it
    if (c.p->duties()[o->duty].every_role && !done_by_all(c, *o, e.by)) return;  // others still owe it
    o->status = obligation_status::met;
    o->set_met(e.at);
}
}  // namespace

check_result check_record(const context& c, const named_duty_event& e) { return check_named(c, e); }

void do_record(const context& c, const named_duty_event& e) { meet_named_duty(c, e); }

check_result check_notify(const context& c, const named_duty_event& e) { return check_named(c, e); }

void do_notify(const context& c, const named_duty_event& e) { meet_named_duty(c, e); }

// ---- resolve / withdraw ------------------------------------------------------------------------
check_result check_resolve(const context& c, const resolve_event& e) {
    if (c.p->rules().impact_required && !e.has_impact)
        return refuse("the policy asks every resolution to say what difference it made for the child: give \"impact\"",
                      errc::invalid_event);
    return std::nullopt;
}

namespace {
// Ends every owed duty: the overall cap counts as met when the dispute is resolved.
void close_all(dispute_state& s, instant at, bool resolved) {
    for (auto& o : s.records) {
        if (o.status != obligation_status::open) continue;
        // Resolution meets the overall cap and the stage's resolution timescale.
        if (resolved && (o.kind == obligation_type::overall || o.kind == obligation_type::resolution)) {
            o.status = obligation_status::met;
            o.set_met(at);
        } else {
            o.status = obligation_status::closed;
            o.set_closed(at);
        }
        if (o.detail()) {
            auto& pauses = s.details[*o.detail()].pauses;
            if (!pauses.empty() && !pauses.back().to) pauses.back().to = at;
        }
    }
}
}  // namespace

void do_resolve(const context& c, const resolve_event& e) {
    close_all(*c.s, e.at, true);
    c.s->closing_event = c.event_index;
    const auto k = static_cast<std::size_t>(c.s->stage);
    spawn(c, current(c).obligations, duties_at(c, k).rules, trigger::resolved, e.at, k);
    spawn(c, c.p->obligations(), duty_index(*c.p).rules, trigger::resolved, e.at, k);
}

check_result check_withdraw(const context&, const moment_event&) { return std::nullopt; }

void do_withdraw(const context& c, const moment_event& e) {
    close_all(*c.s, e.at, false);
    c.s->closing_event = c.event_index;
}

// ---- another route (a complaint, advocacy) instead of escalation ---------------------------
check_result check_other_route(const context& c, const route_event& e) {
    const auto& routes = c.p->rules().other_routes;
    if (routes.empty() || std::any_of(routes.begin(), routes.end(), [&](const auto& r) { return r.id == e.route; }))
        return std::nullopt;
    std::vector<std::string> ids;
    for (const auto& r : routes) ids.push_back(r.id);
    return refuse("/route: '" + e.route + "' is not one of the policy's other routes: " + join(ids, ", "), errc::invalid_event);
}

void do_other_route(const context& c, const route_event& e) { c.s->other_routes.push_back({e.route, e.at, std::nullopt}); }

check_result check_other_route_ended(const context& c, const route_event& e) {
    const auto& taken = c.s->other_routes.back();  // (the lifecycle's other-route region: one is being taken)
    if (taken.route != e.route)
        return refuse("/route: the route being taken is '" + taken.route + "', not '" + e.route + "'", errc::invalid_event);
    return std::nullopt;
}

void do_other_route_ended(const context& c, const route_event& e) { c.s->other_routes.back().ended_at = e.at; }

namespace {
// Clocks that start when a duty at the current stage is met: the stage's own timescale
// (timescale_from) and obligations from: duty_met. Each starts once, at the meeting.
void start_after_met_duties(const context& c, const event& e) {
    auto& s = *c.s;
    const auto& p = *c.p;
    const auto k = static_cast<std::size_t>(s.stage);
    const auto& st = p.stages()[k];
    const auto& layout = duties_at(c, k);
    const auto policy_wide = duty_index(p).rules;
    const auto after_a_duty = [](const obligation_rule& r) { return r.from == trigger::duty_met; };
    if (st.timescale_from.empty() && std::none_of(st.obligations.begin(), st.obligations.end(), after_a_duty) &&
        std::none_of(p.obligations().begin(), p.obligations().end(), after_a_duty))
        return;  // (most policies: no scan of the records for every event)
    for (std::size_t i = 0; i < s.records.size(); ++i) {
        const duty_record met = s.records[i];  // (spawning may grow the records)
        if (met.status != obligation_status::met || met.stage != s.stage || met.met_at() != e.at) continue;
        const auto& id = id_of(p, met);
        if (id == st.timescale_from)
            if (auto* resp = find_open(s, layout.response, met.stage); resp && !resp->due() && resp->first_due_mode() == 0)
                if (const auto d = st.timescale.form == stage_timescale::type::agreed ? st.timescale.fixed_or_default
                                                                                   : st.timescale.for_urgency(s.level)) {
                    resp->set_trigger("duty_met");
                    set_deadline(p, *resp, e.at, *d);
                }
        const auto spawned = [&](std::uint16_t first, const std::vector<obligation_rule>& rules) {
            for (std::size_t j = 0; j < rules.size(); ++j)
                if (rules[j].from == trigger::duty_met && rules[j].after == id)
                    for (const auto& o : s.records)
                        if (o.duty == first + j && o.stage == met.stage && o.start() == e.at) return true;
            return false;
        };
        if (!spawned(layout.rules, st.obligations)) spawn(c, st.obligations, layout.rules, trigger::duty_met, e.at, k, nullptr, id);
        if (!spawned(policy_wide, p.obligations())) spawn(c, p.obligations(), policy_wide, trigger::duty_met, e.at, k, nullptr, id);
    }
}
}  // namespace

void after_event(const context& c, const event& e) {
    if (c.s->paused)  // a duty that ended during the time out (met, waived, closed): its pause ends then
        for (const auto& o : c.s->records) {
            if (o.status == obligation_status::open || !o.detail()) continue;
            auto& pauses = c.s->details[*o.detail()].pauses;
            if (!pauses.empty() && !pauses.back().to) pauses.back().to = o.met_at() ? o.met_at() : o.closed_at();
        }
    if (c.s->stage < 0 || c.s->status != dispute_status::open) return;  // nothing arises once it has ended
    start_after_met_duties(c, e);
    const auto& here = current(c);
    const auto k = static_cast<std::size_t>(c.s->stage);
    spawn(c, here.obligations, duties_at(c, k).rules, trigger::event, e.at, k, &e);
    spawn(c, c.p->obligations(), duty_index(*c.p).rules, trigger::event, e.at, k, &e);
}

// While paused nothing becomes overdue, but a clock that had run out before the time out was
// not stopped and stays overdue (docs/events-and-state.md section 7).
std::optional<instant> overdue_after(const policy& p, const dispute_state& s, const duty_record& o) {
    if (o.status != obligation_status::open || !o.due() || p.duties()[o.duty].discretionary ||
        o.rule() == deadline_explain::rule_kind::immediately)
        return std::nullopt;
    if (s.paused && !(*o.due() < s.paused_since)) return std::nullopt;  // the time out stopped its clock
    return o.due();
}

bool overdue_at(const policy& p, const dispute_state& s, const duty_record& o, instant t) {
    const auto due = overdue_after(p, s, o);
    return due && t > *due;
}

std::optional<instant> next_due(const policy& p, const dispute_state& s) {
    std::optional<instant> first;
    for (const auto& o : s.records)
        if (const auto due = overdue_after(p, s, o); due && (!first || *due < *first)) first = due;
    return first;
}

void mark_overdue(const policy& p, dispute_state& s, instant t) {
    for (auto& o : s.records)
        if (overdue_at(p, s, o, t)) o.status = obligation_status::overdue;
}

}  // namespace drp::engine
