// dispute_summary: what an analyst wants to know about one dispute, from the events as
// they were applied and the deadlines the engine worked out.
#include <algorithm>

#include "engine/duty_record.hpp"
#include "engine/rules.hpp"
#include "report/summary_builder.hpp"

namespace drp {

using engine::duty_record;

std::string_view to_string(timeliness t) noexcept {
    constexpr std::string_view names[] = {"met", "missed", "ended_early", "open", "no_timescale"};
    return names[static_cast<int>(t)];
}

namespace report_detail {
namespace {

int working_days(const policy& p, instant from, instant to) {
    return p.calendar().working_days_between(p.zone().local_date(from), p.zone().local_date(to));
}

// How a deadline went. `answered`: when what was owed came; `ended`: when the stage (or
// capped process) ended without it, `ending_meets` when that ending itself discharges the
// duty (a resolution); `clock`: the instant the clocks read (stopped during a time out).
timeliness judge(const std::optional<instant>& due, const std::optional<instant>& answered,
                 const std::optional<instant>& ended, bool ending_meets, instant clock) {
    if (!due) return timeliness::no_timescale;
    if (answered) return *answered <= *due ? timeliness::met : timeliness::missed;
    if (ended) {
        if (*ended > *due) return timeliness::missed;
        return ending_meets ? timeliness::met : timeliness::ended_early;
    }
    return clock > *due ? timeliness::missed : timeliness::open;
}

const duty_record* find(const policy& p, const dispute_state& s, std::string_view id, std::string_view stage) {
    for (const auto& o : s.records)
        if (duty_of(p, o).id == id && (stage.empty() || p.stages()[static_cast<std::size_t>(o.stage)].id == stage))
            return &o;  // "": any stage
    return nullptr;
}

// A raise that names its start stage started higher if the engine, raising the same dispute
// without it, would have opened lower: the engine alone knows which stages' conditions
// hold. (The probe drops or supplies an agreed date, which only the stage's kind of
// timescale decides.)
bool started_above_first(const policy& p, event e, int stage) {
    if (e.start_stage.empty()) return false;
    e.start_stage.clear();
    e.start_reason.clear();
    for (const bool agreed_date : {false, true}) {
        if (agreed_date) e.due = due_time{p.zone().local_date(e.at) + std::chrono::days{365}};
        else e.due.reset();
        dispute probe(p);
        try {
            probe.apply(e);
            return stage > probe.state().stage;
        } catch (const error&) {
        }
    }
    return true;  // the dispute fits no route without its start stage
}

}  // namespace

void summary_builder::enter(const dispute_state& s, std::string entered_by, std::string reason) {
    const auto& st = p_->stages()[static_cast<std::size_t>(s.stage)];
    stage_visit v;
    v.stage = st.id;
    v.level = st.level;
    v.kind = st.kind;
    v.entered = s.stage_entered_at;
    v.entered_by = std::move(entered_by);
    v.reason = std::move(reason);
    sum_.visits.push_back(std::move(v));
}

void summary_builder::applied(const event& e, const dispute_state& s) {
    ++sum_.events;
    auto end_time_out = [&] {
        if (!sum_.time_outs.empty() && !sum_.time_outs.back().to) sum_.time_outs.back().to = e.at;
    };
    switch (e.type) {
        case event_type::raise:
            sum_.dispute_id = e.dispute_id;
            sum_.child_ref = e.child_ref;
            sum_.team = e.team;
            sum_.category = s.category;
            sum_.level = s.level;
            sum_.cross_council = s.cross_council;
            sum_.raised = e.at;
            sum_.started_above_first = started_above_first(*p_, e, s.stage);
            enter(s, sum_.started_above_first ? "start_above_first" : "raise", "raise");
            break;
        case event_type::escalate:
            sum_.visits.back().left = e.at;
            ++sum_.escalations;
            if (s.entry_bypass) ++sum_.bypasses;
            enter(s, s.entry_bypass ? "bypass" : "escalate", e.reason);
            break;
        case event_type::respond: {
            auto& v = sum_.visits.back();
            if (!v.responded) v.responded = e.at;
            v.adequate = e.adequate;
            break;
        }
        case event_type::extend:
            ++sum_.visits.back().extensions;
            ++sum_.extensions;
            break;
        case event_type::pause: sum_.time_outs.push_back({e.at, std::nullopt, 0}); break;
        case event_type::resume: end_time_out(); break;
        case event_type::legal_advice:
            if (!sum_.legal_advice) sum_.legal_advice = e.at;
            break;
        case event_type::refer: sum_.referrals.push_back({e.at, e.concurrent, "referred", std::nullopt}); break;
        case event_type::referral_decision:
            for (auto& r : sum_.referrals)
                if (r.status == "referred") {
                    r.status = e.accepted ? "accepted" : "declined";
                    r.decided = e.at;
                }
            break;
        case event_type::resolve:
        case event_type::withdraw:
            sum_.closed = e.at;
            sum_.visits.back().left = e.at;  // closing leaves the stage it closed at
            sum_.outcome = e.type == event_type::resolve ? e.summary : e.reason;
            sum_.impact = e.impact;
            end_time_out();  // closing releases the clocks
            break;
        default: break;
    }
}

dispute_summary summary_builder::finish(const dispute_state& final_state, instant as_of) const {
    const policy& p = *p_;
    dispute_summary out = sum_;
    dispute_state s = final_state;
    engine::mark_overdue(p, s, as_of);
    out.as_of = as_of;
    out.status = s.status;
    out.paused = s.paused;
    out.other_routes = s.other_routes;  // the engine's own record: taken, and ended if it ended
    const instant end = out.closed.value_or(as_of);
    const instant clock = s.paused ? s.paused_since : as_of;  // a time out stops the clocks

    for (std::size_t i = 0; i < out.visits.size(); ++i) {
        auto& v = out.visits[i];
        const bool last = i + 1 == out.visits.size();
        v.working_days = working_days(p, v.entered, v.left.value_or(end));
        if (v.responded) v.working_days_to_response = working_days(p, v.entered, *v.responded);
        // The stage's own clock: a reply meets a response timescale; only resolution meets a
        // resolution timescale, so a reply in time that resolves nothing is not "met".
        const auto* r = find(p, s, "response", v.stage);
        const bool for_resolution = !r && (r = find(p, s, "resolution", v.stage)) != nullptr;
        if (r) v.response_due = r->due();
        std::optional<instant> ended = v.left;
        if (!ended && last) ended = out.closed;
        v.response = judge(v.response_due, for_resolution ? std::nullopt : v.responded, ended,
                           last && s.status == dispute_status::resolved, clock);
        out.responses_met += v.response == timeliness::met;
        out.responses_missed += v.response == timeliness::missed;
    }

    if (const auto& cap = p.rules().overall_cap) {
        if (const auto* o = find(p, s, "overall", "")) {
            out.overall_due = o->due();
            const auto covered = [&](const stage_visit& v) {
                return std::find(cap->kinds.begin(), cap->kinds.end(), v.kind) != cap->kinds.end();
            };
            const auto last_covered = std::find_if(out.visits.rbegin(), out.visits.rend(), covered);
            if (last_covered != out.visits.rend())
                out.overall_ended = last_covered == out.visits.rbegin() ? out.closed : (last_covered - 1)->entered;
            out.overall = judge(out.overall_due, std::nullopt, out.overall_ended, true, clock);
        }
    }

    out.paused_working_days = 0;
    for (auto& t : out.time_outs) {
        t.working_days = working_days(p, t.from, t.to.value_or(end));
        out.paused_working_days += t.working_days;
    }
    out.working_days_open = working_days(p, out.raised, end);

    for (const auto& o : s.records) {
        if (o.status != obligation_status::overdue) continue;
        out.overdue.push_back(duty_of(p, o).id + "@" + p.stages()[static_cast<std::size_t>(o.stage)].id);
        if (!out.overdue_since || *o.due() < *out.overdue_since) out.overdue_since = o.due();
    }
    return out;
}

}  // namespace report_detail

dispute_summary summarize(const dispute& d, instant as_of) {
    const auto& state = d.state();
    if (state.status == dispute_status::not_raised)
        throw error(errc::invalid_argument, "the dispute has not been raised: there is nothing to summarise");
    if (state.last_event_at && as_of < *state.last_event_at)
        throw error(errc::invalid_argument, "as_of " + d.rules().zone().format(as_of) + " is before the dispute's last event (" +
                                                d.rules().zone().format(*state.last_event_at) +
                                                "); replay the events up to then to see it as it was");
    dispute fresh(d.rules());
    report_detail::summary_builder builder(d.rules());
    for (const auto& e : d.history()) {
        fresh.apply(e);
        builder.applied(e, fresh.state());
    }
    return builder.finish(fresh.state(), as_of);
}

}  // namespace drp
