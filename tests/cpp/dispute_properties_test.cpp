// Properties of every dispute, whatever happens to it: random event sequences, plausible
// and implausible, run against each built-in policy (DESIGN.md §4.3, §4.4, §5):
//   (a) a rejected event leaves the dispute exactly as it was;
//   (b) a state serialised (also "as of" a time) and loaded back is the same state;
//   (c) replaying the history gives the same state;
//   (d) invariants: at most one open response (the stage's clock), a valid stage, status
//       only moves not_raised -> open -> resolved | withdrawn, no deadline before the
//       dispute was raised, accepted events in time order.
// A failing sequence is shrunk to a minimal one and printed as JSON lines. Each policy's
// run prints what was accepted and refused, and fails if the generator stopped reaching
// the policy's last stage or any of the everyday event types.
#include "drp/dispute.hpp"
#include "drp/error.hpp"
#include "drp/policy.hpp"

#include <gtest/gtest.h>

#include "seed_params.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace {

using nlohmann::json;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

// Sequences per policy and their length; the whole suite stays within a few seconds.
// DRP_PROPERTY_SEQUENCES=N runs N per policy instead (a longer soak).
constexpr int default_sequences_per_policy = 400;
constexpr int events_per_sequence = 40;

int sequences_per_policy() {
    if (const char* n = std::getenv("DRP_PROPERTY_SEQUENCES")) return std::max(1, std::atoi(n));
    return default_sequences_per_policy;
}

// ---- the event generator ----------------------------------------------------------------

// Makes events for one dispute: mostly ones a policy could accept (its stage ids, roles,
// categories, the obligations the dispute owes now, time moving forward), with a steady
// share of nonsense (unknown types and values, wrong JSON types, unknown fields, time
// running backwards, another dispute's id).
class event_generator {
public:
    event_generator(const drp::policy& p, std::uint64_t seed)
        : p_(p), rng_(seed), now_(drp::parse_rfc3339("2026-01-05T09:00:00Z") + days{pick(0, 700)}) {
        for (const auto& st : p.stages()) stage_ids_.push_back(st.id);
        for (const auto& r : p.roles()) roles_.push_back(r.id);
        for (const auto& o : p.obligations()) obligation_ids_.push_back(o.id);
        for (const auto& st : p.stages())
            for (const auto& o : st.obligations) obligation_ids_.push_back(o.id);
        for (const auto& st : p.stages())
            for (const auto& x : st.preconditions)
                if (x.what == drp::precondition::type::consult) precondition_roles_.push_back(x.role);
        for (const auto& x : p.rules().referral.preconditions)
            if (x.what == drp::precondition::type::consult) precondition_roles_.push_back(x.role);
        for (int r = 0; r < 4; ++r)
            if (p.rules().escalation[static_cast<std::size_t>(r)].allowed)
                reasons_.emplace_back(drp::to_string(static_cast<drp::escalation_reason>(r)));
        if (reasons_.empty()) reasons_.emplace_back("not_resolved");
        agreed_first_stage_ = !p.stages().empty() && p.stages().front().timescale.form == drp::stage_timescale::type::agreed;
    }

    json next(const drp::dispute& d) {
        json e = json::object();
        e["type"] = type_for(d);
        e["at"] = at();
        e["dispute_id"] = chance(97) ? json("D-1") : one_of<json>({"D-2", "", 7});
        if (chance(10)) e["by"] = role();
        if (chance(10)) e["note"] = chance(90) ? json("reason given") : json(nullptr);
        const std::string type = e["type"].is_string() ? e["type"].get<std::string>() : "";
        if (type == "raise") {
            if (chance(98)) e["child_ref"] = "C" + std::to_string(pick(1, 9999));
            if (chance(98)) e["category"] = category();
            if (chance(98))
                e["urgency"] = chance(93) ? json(one_of<std::string>({"standard", "standard", "urgent", "imminent_risk"}))
                                          : one_of<json>({"severe", 3});
            if (chance(98)) e["summary"] = chance(95) ? json("care plan drifting") : json("");
            if (chance(25)) e["start_stage"] = stage_id();
            if (chance(e.contains("start_stage") ? 80 : 3)) e["start_reason"] = "SW lacks authority";
            if (chance(agreed_first_stage_ ? 85 : 10)) e["due"] = due();
            if (chance(20)) e["cross_council"] = chance(90) ? json(true) : json("yes");
            if (chance(5)) e["policy_version"] = chance(50) ? json(p_.version()) : json("0.0.1");
        } else if (type == "escalate") {
            if (chance(98)) e["reason"] = reason(d);
            if (chance(30)) e["to"] = chance(80) ? stage_above(d) : stage_id();
            if (chance(20)) e["due"] = due();
            if (chance(50)) e["note"] = "significant concern";
        } else if (type == "respond") {
            if (chance(98)) e["adequate"] = chance(95) ? json(chance(50)) : json(1);
        } else if (type == "extend") {
            if (chance(98)) e["until"] = due();
            if (chance(98)) e["agreed_by"] = chance(70) ? json(extension_role()) : json(role());
        } else if (type == "pause") {
            if (chance(98)) e["approved_by"] = chance(70) ? json(pause_role()) : json(role());
            if (chance(80)) e["reason"] = "waiting for the new social worker";
        } else if (type == "consult") {
            if (chance(98)) e["role"] = chance(50) && !precondition_roles_.empty() ? json(one_of(precondition_roles_)) : json(role());
            if (chance(70)) e["agreed"] = chance(95) ? json(chance(70)) : json("no");
        } else if (type == "refer") {
            if (chance(98)) e["to"] = chance(95) ? json("cafcass") : json("ofsted");
            if (chance(98)) e["concurrent"] = chance(95) ? json(chance(50)) : json(nullptr);
        } else if (type == "referral_decision") {
            if (chance(98)) e["accepted"] = chance(95) ? json(chance(50)) : json("maybe");
        } else if (type == "meeting") {
            if (chance(98)) e["kind"] = one_of<json>({"challenge", "dispute_resolution", "professionals", "tea"});
        } else if (type == "record") {
            if (chance(98)) e["obligation"] = obligation_id(d);
        } else if (type == "notify") {
            if (chance(60)) e["role"] = chance(70) ? json(notify_target(d)) : json(role());
            if (chance(50)) e["obligation"] = obligation_id(d);
        } else if (type == "resolve") {
            if (chance(98)) e["summary"] = "plan back on track";
            if (chance(60)) e["impact"] = "placement confirmed";
        } else if (type == "withdraw") {
            if (chance(98)) e["reason"] = "issue overtaken by events";
        } else if (type == "other_route" || type == "other_route_ended") {
            if (chance(98)) e["route"] = one_of<json>({"complaint", "advocacy", "Complaint"});
        }
        if (chance(2)) e["colour"] = "blue";  // unknown field
        if (chance(1)) e.erase(chance(50) ? "at" : "dispute_id");
        return e;
    }

private:
    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    bool chance(int percent) { return pick(1, 100) <= percent; }
    template <class T>
    T one_of(std::initializer_list<T> xs) {
        return *(xs.begin() + pick(0, static_cast<int>(xs.size()) - 1));
    }
    template <class T>
    const T& one_of(const std::vector<T>& xs) {
        return xs[static_cast<std::size_t>(pick(0, static_cast<int>(xs.size()) - 1))];
    }

    json type_for(const drp::dispute& d) {
        static const std::vector<std::string> all = {"raise", "escalate", "respond", "extend", "pause",
                                                     "resume", "legal_advice", "consult", "refer", "referral_decision",
                                                     "meeting", "record", "notify", "resolve", "withdraw",
                                                     "other_route", "other_route_ended"};
        if (chance(2)) return one_of<json>({"explode", "", 12, nullptr});
        const auto status = d.state().status;
        if (status == drp::dispute_status::not_raised && chance(80)) return "raise";
        if (status == drp::dispute_status::open) {
            // Most of a dispute's life: escalations, responses, duties met; an end rarely.
            const int r = pick(1, 100);
            if (r <= 22) return "escalate";
            if (r <= 40) return "respond";
            if (r <= 48) return "extend";
            if (r <= 54) return d.state().paused ? "resume" : "pause";
            if (r <= 64) return "record";
            if (r <= 72) return "notify";
            if (r <= 77) return "consult";
            if (r <= 81) return "refer";
            if (r <= 83) return "referral_decision";
            if (r <= 86) return "legal_advice";
            if (r <= 89) return "meeting";
            if (r <= 90) return "resolve";
            if (r <= 91) return "withdraw";
            if (r <= 93) return chance(50) ? "other_route" : "other_route_ended";
        }
        return one_of(all);
    }

    // Time mostly moves forward, by minutes to weeks; sometimes it stands still or runs back.
    json at() {
        const int r = pick(1, 100);
        if (r <= 3) return one_of<json>({"yesterday", "2026-13-01T00:00:00Z", "2026-02-01T10:00:00", 20260201});
        if (r <= 8) {
            const auto back = now_ - minutes{pick(1, 60 * 24 * 20)};
            return format(back);
        }
        if (r > 12) {
            const int step = pick(1, 100);
            if (step <= 50)
                now_ += minutes{pick(1, 60 * 30)};
            else if (step <= 90)
                now_ += hours{pick(24, 24 * 8)};
            else
                now_ += days{pick(8, 40)};
        }
        return format(now_);
    }

    std::string format(drp::instant t) {
        // Any offset denotes the same instant; fractional seconds are accepted and dropped.
        if (chance(20)) return drp::format_rfc3339(t, hours{1});
        if (chance(5)) {
            auto text = drp::format_rfc3339(t, seconds{0});
            return text.substr(0, 19) + ".250Z";
        }
        return p_.zone().format(t);
    }

    json due() {
        const auto today = p_.zone().local_date(now_);
        switch (pick(1, 10)) {
            case 1: return drp::format_date(today - days{pick(0, 10)});
            case 2: return p_.zone().format(now_ + hours{pick(-48, 300)});
            case 3: return one_of<json>({"soon", "2026-02-30", 15, "9999-12-31"});
            default: return drp::format_date(today + days{pick(1, 40)});
        }
    }

    std::string stage_id() { return chance(90) ? one_of(stage_ids_) : one_of<std::string>({"IR9", "stage0", ""}); }
    std::string role() { return chance(85) ? one_of(roles_) : one_of<std::string>({"QUEEN", "iro", "SW_", "X", ""}); }
    std::string category() {
        if (!p_.categories().empty() && chance(90)) return one_of(p_.categories());
        return chance(90) ? one_of<std::string>({"care_planning", "drift_delay", "other"}) : "";
    }
    std::string extension_role() {
        const auto& r = p_.rules().extension.agreed_by;
        return r.empty() ? "IRO" : one_of(r);
    }
    std::string pause_role() {
        const auto& r = p_.rules().pause.approved_by;
        return r.empty() ? "IRO_MANAGER" : one_of(r);
    }
    // What a reviewing officer would say now, mostly; any allowed reason, or nonsense.
    json reason(const drp::dispute& d) {
        if (chance(10)) return one_of<json>({"no_response", "impatience", 4});
        const auto& s = d.state();
        std::vector<std::string> here;  // the reasons the policy allows at this stage
        for (int r = 0; r < 4; ++r) {
            const auto& rule = p_.rules().escalation[static_cast<std::size_t>(r)];
            if (rule.allowed && (rule.stages.empty() || s.stage < 0 ||
                                 std::find(rule.stages.begin(), rule.stages.end(), stage_ids_[static_cast<std::size_t>(s.stage)]) != rule.stages.end()))
                here.emplace_back(drp::to_string(static_cast<drp::escalation_reason>(r)));
        }
        const auto allowed = [&](const char* r) { return std::find(here.begin(), here.end(), r) != here.end(); };
        if (chance(50)) {
            if (s.last_response_adequate == false && allowed("inadequate_response")) return "inadequate_response";
            for (const auto& o : s.obligations())
                if (duty_of(p_, o).id == "response" && o.status == drp::obligation_status::open && o.due && *o.due < now_ &&
                    allowed("no_response"))
                    return "no_response";
        }
        return chance(80) && !here.empty() ? one_of(here) : one_of(reasons_);
    }

    // Usually a stage above the current one, where an escalation can go.
    std::string stage_above(const drp::dispute& d) {
        const int above = d.state().stage + 1;
        const int last = static_cast<int>(stage_ids_.size()) - 1;
        if (above > last) return stage_id();
        return stage_ids_[static_cast<std::size_t>(pick(above, std::min(last, above + 2)))];
    }
    // An obligation the dispute owes now, one it may owe some day, or nonsense.
    std::string obligation_id(const drp::dispute& d) {
        const auto os = d.state().obligations();
        std::vector<drp::obligation> owed_by_name;  // what record and notify can meet
        for (const auto& o : os)
            if (o.status == drp::obligation_status::open &&
                (o.kind == drp::obligation_type::record || o.kind == drp::obligation_type::notify || o.kind == drp::obligation_type::reminder))
                owed_by_name.push_back(o);
        if (!owed_by_name.empty() && chance(70)) return duty_of(p_, one_of(owed_by_name)).id;
        if (!os.empty() && chance(70)) return duty_of(p_, one_of(os)).id;
        if (!obligation_ids_.empty() && chance(60)) return one_of(obligation_ids_);
        return one_of<std::string>({"response", "overall", "referral", "paperwork"});
    }
    std::string notify_target(const drp::dispute& d) {
        for (const auto& o : d.state().obligations())
            if (o.kind == drp::obligation_type::notify && !duty_of(p_, o).target.empty() && chance(50))
                return duty_of(p_, o).target.front().front();
        return role();
    }

    const drp::policy& p_;
    std::mt19937_64 rng_;
    drp::instant now_;
    std::vector<std::string> stage_ids_, roles_, obligation_ids_, precondition_roles_, reasons_;
    bool agreed_first_stage_ = false;
};

std::vector<json> generate(const drp::policy& p, std::uint64_t seed, int length) {
    event_generator gen(p, seed);
    drp::dispute d(p);
    std::vector<json> events;
    int after_end = 0;  // a few events after resolution or withdrawal: they must all be refused
    for (int i = 0; i < length && after_end < 4; ++i) {
        if (d.state().status == drp::dispute_status::resolved || d.state().status == drp::dispute_status::withdrawn) ++after_end;
        events.push_back(gen.next(d));
        try {
            d.apply(events.back());
        } catch (const std::exception&) {  // the properties below judge what was thrown
        }
    }
    return events;
}

// ---- the properties ----------------------------------------------------------------------

// Field by field, so that a failure can say which part differs; then as a whole
// (dispute_state::operator== also sees the engine's compact records and details).
bool same(const drp::referral& a, const drp::referral& b) {
    return a.to == b.to && a.concurrent == b.concurrent && a.status == b.status && a.at == b.at && a.decided_at == b.decided_at;
}
bool same(const drp::consultation& a, const drp::consultation& b) {
    return a.role == b.role && a.agreed == b.agreed && a.at == b.at;
}
template <class T>
bool same(const std::vector<T>& a, const std::vector<T>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const T& x, const T& y) { return same(x, y); });
}
bool same(const drp::dispute_state& a, const drp::dispute_state& b) {
    return a.dispute_id == b.dispute_id && a.status == b.status && a.stage == b.stage &&
           a.stage_entered_at == b.stage_entered_at && a.raised_at == b.raised_at && a.last_event_at == b.last_event_at &&
           a.category == b.category && a.level == b.level &&
           a.cross_council == b.cross_council && a.max_level == b.max_level && a.paused == b.paused &&
           a.paused_since == b.paused_since && a.pause_event == b.pause_event && a.legal_advice == b.legal_advice &&
           a.legal_advice_at == b.legal_advice_at && same(a.consulted, b.consulted) && same(a.referrals, b.referrals) &&
           a.last_response_adequate == b.last_response_adequate && a.extension_in_force == b.extension_in_force &&
           a.entry_reason == b.entry_reason && a.entry_from == b.entry_from && a.entry_bypass == b.entry_bypass &&
           a.obligations() == b.obligations() && a.closing_event == b.closing_event &&
           a == b;  // and the engine's own records and details
}

struct outcome {
    int accepted = 0, rejected = 0;
    std::map<std::string, int> accepted_by_type, rejected_by_code;
    int deepest_stage = -1;
    std::optional<std::string> failure;  // the first property broken, if any
};

bool moves_forward(drp::dispute_status from, drp::dispute_status to) {
    using S = drp::dispute_status;
    if (from == to) return true;
    if (from == S::not_raised) return to == S::open;
    if (from == S::open) return to == S::resolved || to == S::withdrawn;
    return false;  // resolved and withdrawn are final
}

std::optional<std::string> check_invariants(const drp::dispute& d) {
    const auto& s = d.state();
    const auto& p = d.rules();
    int open_responses = 0;
    const auto owed = s.obligations();
    for (const auto& o : owed) {
        // The stage's response clock (id "response"); a policy may add duties of kind
        // response of its own (qa-form's meeting_actions), which run beside it.
        if (duty_of(p, o).id == "response" && o.status == drp::obligation_status::open) ++open_responses;
        if (o.due && *o.due < s.raised_at)
            return "obligation '" + duty_of(p, o).id + "' is due " + p.zone().format(*o.due) + ", before the dispute was raised at " +
                   p.zone().format(s.raised_at);
    }
    if (open_responses > 1) return std::to_string(open_responses) + " open response obligations";
    const bool raised = s.status != drp::dispute_status::not_raised;
    if (raised && (s.stage < 0 || s.stage >= static_cast<int>(p.stages().size())))
        return "stage index " + std::to_string(s.stage) + " out of range";
    if (!raised && (s.stage != -1 || s.obligation_count() != 0)) return "a dispute not raised has a stage or obligations";
    const auto& h = d.history();
    for (std::size_t i = 1; i < h.size(); ++i)
        if (h[i].at < h[i - 1].at) return "history event " + std::to_string(i) + " is earlier than the one before it";
    return std::nullopt;
}

std::optional<std::string> check_round_trips(const drp::dispute& d, drp::instant as_of) {
    const auto& p = d.rules();
    const json j = d.to_json();
    try {
        const auto back = drp::dispute::from_json(p, j);
        if (back.to_json() != j) return "from_json(to_json()) gives a different state";
        if (!same(back.state(), d.state())) return "from_json(to_json()).state() differs";
    } catch (const drp::error& e) {
        return std::string("from_json(to_json()) throws: ") + e.what();
    }
    try {
        const auto back = drp::dispute::from_json(p, d.to_json(as_of));
        if (back.to_json() != j) return "from_json(to_json(as_of)) gives a different state";
    } catch (const drp::error& e) {
        return std::string("from_json(to_json(as_of ") + p.zone().format(as_of) + ")) throws: " + e.what();
    }
    drp::dispute replayed(p);
    for (const auto& e : d.history()) {
        try {
            replayed.apply(e);
        } catch (const drp::error& err) {
            return std::string("replaying the history rejects an event: ") + err.what();
        }
    }
    if (replayed.to_json() != j) return "replaying the history gives a different state";
    if (!same(replayed.state(), d.state())) return "replaying the history gives a different state()";
    return std::nullopt;
}

// Runs one sequence and checks every property after every event.
outcome run(const drp::policy& p, const std::vector<json>& events) {
    outcome out;
    drp::dispute d(p);
    std::string dump = d.to_json().dump();
    auto last = d.state().status;
    std::optional<drp::instant> last_at;
    auto fail = [&](std::size_t i, const std::string& why) {
        out.failure = "event " + std::to_string(i) + " " + events[i].dump() + ": " + why;
        return out;
    };
    for (std::size_t i = 0; i < events.size(); ++i) {
        const drp::dispute_state before = d.state();
        const std::size_t history_size = d.history().size();
        bool accepted = false;
        try {
            d.apply(events[i]);
            accepted = true;
        } catch (const drp::error& e) {
            ++out.rejected_by_code[std::string(drp::to_string(e.code()))];
        } catch (const std::exception& e) {
            return fail(i, std::string("apply threw something other than drp::error: ") + e.what());
        }
        if (!accepted) {
            ++out.rejected;
            if (!same(d.state(), before)) return fail(i, "rejected, but state() changed");
            if (d.history().size() != history_size) return fail(i, "rejected, but the history changed");
            if (d.to_json().dump() != dump) return fail(i, "rejected, but to_json() changed");
            continue;
        }
        ++out.accepted;
        const auto& s = d.state();
        ++out.accepted_by_type[std::string(drp::to_string(d.history().back().type))];
        out.deepest_stage = std::max(out.deepest_stage, s.stage);
        if (!moves_forward(last, s.status))
            return fail(i, "status went from " + std::string(drp::to_string(last)) + " to " + std::string(drp::to_string(s.status)));
        last = s.status;
        const auto at = d.history().back().at;
        if (last_at && at < *last_at) return fail(i, "accepted an event earlier than the previous one");
        last_at = at;
        if (auto broken = check_invariants(d)) return fail(i, *broken);
        dump = d.to_json().dump();
        // The round trips cost most; every ten events and at the end is enough.
        if (i % 10 == 9)
            if (auto broken = check_round_trips(d, at + hours{24 * static_cast<int>(i % 30)})) return fail(i, *broken);
    }
    if (last_at && !events.empty())
        if (auto broken = check_round_trips(d, *last_at + hours{24 * 12})) return fail(events.size() - 1, *broken);
    return out;
}

// Shrinks a failing sequence: drops events while the same property still breaks.
std::vector<json> minimise(const drp::policy& p, std::vector<json> events) {
    auto kind = [&](const std::vector<json>& xs) -> std::string {
        const auto r = run(p, xs);
        if (!r.failure) return {};
        return r.failure->substr(r.failure->find(": ") + 2);  // the property, not which event
    };
    const std::string target = kind(events);
    for (bool shrunk = true; shrunk;) {
        shrunk = false;
        for (std::size_t i = events.size(); i-- > 0;) {
            auto fewer = events;
            fewer.erase(fewer.begin() + static_cast<std::ptrdiff_t>(i));
            if (kind(fewer) == target) {
                events = std::move(fewer);
                shrunk = true;
            }
        }
    }
    // Then fields: drop optional ones that the failure does not need.
    for (auto& e : events) {
        std::vector<std::string> keys;
        for (const auto& [key, value] : e.items())
            if (key != "type" && key != "at" && key != "dispute_id") keys.push_back(key);
        for (const auto& key : keys) {
            const json saved = e;
            e.erase(key);
            if (kind(events) != target) e = saved;
        }
    }
    return events;
}

std::string as_jsonl(const std::vector<json>& events) {
    std::string out;
    for (const auto& e : events) out += e.dump() + "\n";
    return out;
}

class DisputeProperties : public testing::TestWithParam<std::string> {};

TEST_P(DisputeProperties, HoldForRandomEventSequences) {
    const auto p = drp::builtin_policy(GetParam());
    const int sequences = sequences_per_policy();
    outcome total;
    for (int k = 0; k < sequences; ++k) {
        const auto seed = 0x5eed0000u + static_cast<std::uint64_t>(k);
        const auto events = generate(p, seed, events_per_sequence);
        const auto r = run(p, events);
        total.accepted += r.accepted;
        total.rejected += r.rejected;
        for (const auto& [type, n] : r.accepted_by_type) total.accepted_by_type[type] += n;
        for (const auto& [code, n] : r.rejected_by_code) total.rejected_by_code[code] += n;
        total.deepest_stage = std::max(total.deepest_stage, r.deepest_stage);
        if (r.failure) {
            const auto small = minimise(p, events);
            FAIL() << GetParam() << ", seed " << seed << ": " << *r.failure << "\nminimised (" << small.size()
                   << " events): " << *run(p, small).failure << "\n"
                   << as_jsonl(small);
        }
    }
    // The generator must exercise both sides, and the policy's whole route, or the
    // properties prove little.
    EXPECT_GT(total.accepted, sequences * 5) << "too few events accepted";
    EXPECT_GT(total.rejected, sequences * 5) << "too few events rejected";
    EXPECT_EQ(total.deepest_stage + 1, static_cast<int>(p.stages().size())) << "the last stage was never reached";
    for (const char* type : {"raise", "escalate", "respond", "resolve", "withdraw"})
        EXPECT_GT(total.accepted_by_type[type], 0) << "no " << type << " event was accepted";
    // A record event names a record, notify or reminder duty; trust-qas has only the
    // notification owed on reaching its last stage, which random sequences seldom hold open.
    const bool nameable = std::any_of(p.duties().begin(), p.duties().end(), [](const drp::duty& d) {
        return d.rule && (d.kind == drp::obligation_type::record || d.kind == drp::obligation_type::notify ||
                          d.kind == drp::obligation_type::reminder);
    });
    if (nameable) {
        EXPECT_GT(total.accepted_by_type["record"], 0) << "no record event was accepted";
    }
    std::string by_type, by_code;
    for (const auto& [type, n] : total.accepted_by_type) by_type += " " + type + "=" + std::to_string(n);
    for (const auto& [code, n] : total.rejected_by_code) by_code += " " + code + "=" + std::to_string(n);
    RecordProperty("sequences", sequences);
    RecordProperty("accepted", total.accepted);
    RecordProperty("rejected", total.rejected);
    std::printf("[ properties ] %s: %d sequences, %d events accepted, %d rejected\n  accepted:%s\n  rejected:%s\n",
                GetParam().c_str(), sequences, total.accepted, total.rejected, by_type.c_str(), by_code.c_str());
}

INSTANTIATE_TEST_SUITE_P(BuiltinPolicies, DisputeProperties, seed_params::all(), seed_params::name);

}  // namespace
