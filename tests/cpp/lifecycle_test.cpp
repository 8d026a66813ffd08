// The lifecycle (src/engine/lifecycle.hpp): what a dispute is doing decides which events it
// takes, and an event the lifecycle does not take is refused with what it is doing.
//   - Refusals by region: the escalation region (before the raise, after the end), the clock
//     (in a time out, not in one), the referral (awaiting a decision, accepted).
//   - allowed_next, by property over random disputes of every built-in policy: it lists
//     exactly the event types (and escalation reasons) apply would accept at that moment,
//     tried with a broad set of events of each type built here (every role, stage, reason,
//     flag and a range of dates), independently of the engine's own candidates.
#include "drp/dispute.hpp"
#include "drp/error.hpp"
#include "drp/policy.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "engine/typed_events.hpp"
#include "scenario_support.hpp"
#include "seed_params.hpp"

namespace {

using nlohmann::json;
using scenario::case_file;
using drp::errc;

// ---- each rule sees only its event's fields -----------------------------------------------
// The structs the guards and actions take (engine/typed_events.hpp) carry no child
// reference and no free text: a rule cannot put either in a message.
template <class Fields>
constexpr bool carries_no_child_data =
    !requires(const Fields& f) { f.child_ref; } && !requires(const Fields& f) { f.summary; } &&
    !requires(const Fields& f) { f.note; } && !requires(const Fields& f) { f.team; } &&
    !requires(const Fields& f) { f.impact; } && !requires(const Fields& f) { f.start_reason; } &&
    !requires(const Fields& f) { f.reason; } == !std::is_same_v<Fields, drp::engine::escalate_event>;
template <drp::event_type... T>
constexpr bool none_carries_child_data(std::integer_sequence<drp::event_type, T...>) {
    return (carries_no_child_data<drp::engine::fields_t<T>> && ...);
}
using E = drp::event_type;
static_assert(none_carries_child_data(std::integer_sequence<E, E::raise, E::escalate, E::respond, E::extend, E::pause,
                                                            E::resume, E::legal_advice, E::consult, E::refer,
                                                            E::referral_decision, E::meeting, E::record, E::notify,
                                                            E::resolve, E::withdraw>{}));
// (escalate's `reason` is the enumerated escalation reason, not free text; a time out's and
// a withdrawal's free-text reasons are not lent.)

// ---- refusals named by what the lifecycle is doing ----------------------------------------

constexpr const char* merton_raise =
    R"({"type":"raise","at":"2027-03-01T09:00:00Z","child_ref":"C-1","category":"resources","urgency":"standard",
        "summary":"s","start_stage":"IR1","start_reason":"TM has no remit"})";

std::string refusal(case_file& c, std::string_view text) {
    try {
        c.apply(text);
    } catch (const drp::error& e) {
        return std::string(e.reason());
    }
    return "(accepted)";
}

// A Merton dispute at IR1 with a concurrent referral awaiting Cafcass's decision (events 0-2).
case_file merton_referred() {
    case_file c("merton");
    c.apply(merton_raise);
    c.apply(R"({"type":"consult","at":"2027-03-01T10:00:00Z","role":"HOS_QAPD","agreed":true})");
    c.apply(R"({"type":"refer","at":"2027-03-01T11:00:00Z","to":"cafcass","concurrent":true})");
    return c;
}

TEST(LifecycleRefusals, a_second_referral_while_the_first_awaits_its_decision_says_so) {
    case_file c = merton_referred();
    EXPECT_EQ(refusal(c, R"({"type":"refer","at":"2027-03-02T11:00:00Z","to":"cafcass","concurrent":true})"),
              "dispute D1, event 3 (refer): a referral to Cafcass is already awaiting its decision");
}

TEST(LifecycleRefusals, a_referral_after_cafcass_accepted_one_says_so_and_after_a_decline_is_taken) {
    case_file c = merton_referred();
    c.apply(R"({"type":"referral_decision","at":"2027-03-05T11:00:00Z","accepted":false})");
    EXPECT_EQ(c.state()["referrals"][0]["status"], "declined");
    c.apply(R"({"type":"refer","at":"2027-03-08T11:00:00Z","to":"cafcass","concurrent":true})");
    c.apply(R"({"type":"referral_decision","at":"2027-03-09T11:00:00Z","accepted":true})");
    const json s = c.state();
    EXPECT_EQ(s["referrals"][1]["status"], "accepted");
    EXPECT_EQ(s["referrals"][1]["decided_at"], "2027-03-09T11:00:00+00:00");
    EXPECT_EQ(refusal(c, R"({"type":"refer","at":"2027-03-10T11:00:00Z","to":"cafcass","concurrent":true})"),
              "dispute D1, event 6 (refer): Cafcass has accepted the referral already made");
    EXPECT_EQ(refusal(c, R"({"type":"referral_decision","at":"2027-03-10T11:00:00Z","accepted":true})"),
              "dispute D1, event 6 (referral_decision): there is no referral awaiting a decision");
}

TEST(LifecycleRefusals, cafcass_may_decide_after_the_internal_process_has_ended) {
    case_file c = merton_referred();
    c.apply(R"({"type":"resolve","at":"2027-03-03T11:00:00Z","summary":"s","impact":"i"})");
    c.apply(R"({"type":"referral_decision","at":"2027-03-10T11:00:00Z","accepted":false})");
    EXPECT_EQ(c.state()["referrals"][0]["status"], "declined");
    // A new referral after the decline would be taken, but not once the dispute has ended.
    EXPECT_EQ(refusal(c, R"({"type":"refer","at":"2027-03-11T11:00:00Z","to":"cafcass","concurrent":true})"),
              "dispute D1, event 5 (refer): cannot refer after the dispute was resolved");
}

TEST(LifecycleRefusals, the_clock_region_says_whether_the_dispute_is_in_a_time_out) {
    case_file c("merton");
    c.apply(merton_raise);
    EXPECT_EQ(refusal(c, R"({"type":"resume","at":"2027-03-02T09:00:00Z"})"),
              "dispute D1, event 1 (resume): the dispute is not in a time out");
    c.apply(R"({"type":"pause","at":"2027-03-02T09:00:00Z","approved_by":"IRO_MANAGER","reason":"r"})");
    EXPECT_TRUE(c.state()["paused"].get<bool>());
    EXPECT_EQ(refusal(c, R"({"type":"pause","at":"2027-03-03T09:00:00Z","approved_by":"IRO_MANAGER","reason":"r"})"),
              "dispute D1, event 2 (pause): the dispute is already in a time out");
    EXPECT_EQ(refusal(c, R"({"type":"escalate","at":"2027-03-03T09:00:00Z","reason":"not_resolved"})"),
              "dispute D1, event 2 (escalate): the dispute is in a time out; resume it before escalating");
    EXPECT_EQ(refusal(c, R"({"type":"extend","at":"2027-03-03T09:00:00Z","until":"2027-04-30","agreed_by":"IRO"})"),
              "dispute D1, event 2 (extend): the dispute is in a time out; resume it before extending");
    // Events that do not move the clock are taken in a time out.
    c.apply(R"({"type":"consult","at":"2027-03-03T10:00:00Z","role":"HOS_QAPD"})");
    c.apply(R"({"type":"respond","at":"2027-03-03T11:00:00Z","adequate":false})");
    // Resolving ends the time out with the dispute.
    c.apply(R"({"type":"resolve","at":"2027-03-04T09:00:00Z","summary":"s","impact":"i"})");
    const json s = c.state();
    EXPECT_EQ(s["status"], "resolved");
    EXPECT_FALSE(s["paused"].get<bool>());
}

TEST(LifecycleRefusals, the_escalation_region_says_the_dispute_is_not_raised_or_has_ended) {
    case_file c("merton");
    EXPECT_EQ(refusal(c, R"({"type":"record","at":"2027-03-01T08:00:00Z","obligation":"record_actions"})"),
              "dispute D1, event 0 (record): no raise for this dispute: its first event must be the raise (cannot record before it)");
    EXPECT_EQ(refusal(c, R"({"type":"legal_advice","at":"2027-03-01T08:00:00Z"})"),
              "dispute D1, event 0 (legal_advice): no raise for this dispute: its first event must be the raise (cannot seek legal advice before it)");
    EXPECT_EQ(refusal(c, R"({"type":"refer","at":"2027-03-01T08:00:00Z","to":"cafcass","concurrent":true})"),
              "dispute D1, event 0 (refer): no raise for this dispute: its first event must be the raise (cannot refer before it)");
    c.apply(merton_raise);
    EXPECT_EQ(refusal(c, merton_raise), "dispute D1, event 1 (raise): the dispute has already been raised");
    c.apply(R"({"type":"withdraw","at":"2027-03-02T09:00:00Z","reason":"r"})");
    EXPECT_EQ(refusal(c, R"({"type":"meeting","at":"2027-03-03T09:00:00Z","kind":"challenge"})"),
              "dispute D1, event 2 (meeting): cannot hold a meeting after the dispute was withdrawn");
    EXPECT_EQ(refusal(c, R"({"type":"pause","at":"2027-03-03T09:00:00Z","approved_by":"IRO_MANAGER","reason":"r"})"),
              "dispute D1, event 2 (pause): cannot pause after the dispute was withdrawn");
}

// ---- allowed_next lists exactly what apply would accept -------------------------------------

// Events of every type with every value a guard could tell apart, at `at`.
class event_space {
public:
    explicit event_space(const drp::policy& p) {
        roles_.push_back("");
        for (const auto& r : p.roles()) roles_.push_back(r.id);
        stages_.push_back("");
        for (const auto& st : p.stages()) stages_.push_back(st.id);
        for (const auto& d : p.duties()) duties_.push_back(d.id);
        std::sort(duties_.begin(), duties_.end());
        duties_.erase(std::unique(duties_.begin(), duties_.end()), duties_.end());
    }

    // (label, event) for every event of every type but raise.
    std::vector<std::pair<std::string, json>> at(drp::instant t, const std::string& id) const {
        std::vector<std::pair<std::string, json>> out;
        const std::string when = drp::format_rfc3339(t, std::chrono::seconds{0});
        const auto day = [&](int n) { return drp::format_date(drp::date{std::chrono::floor<std::chrono::days>(t)} + std::chrono::days{n}); };
        const std::vector<json> dues{json(), json(day(1)), json(day(3)), json(day(20)), json(day(90))};
        const auto base = [&](const char* type) { return json{{"type", type}, {"at", when}, {"dispute_id", id}}; };
        const auto with = [&](const char* type, const json& fields) {
            json e = base(type);
            e.update(fields);
            return e;
        };
        for (const char* reason : {"no_response", "inadequate_response", "not_resolved", "discretion"})
            for (const auto& to : stages_)
                for (const auto& due : dues)
                    for (const char* note : {"", "n"}) {
                        json e = base("escalate");
                        e["reason"] = reason;
                        if (!to.empty()) e["to"] = to;
                        if (!due.is_null()) e["due"] = due;
                        if (*note) e["note"] = note;
                        out.emplace_back(std::string("escalate:") + reason, e);
                    }
        for (const bool adequate : {false, true}) out.emplace_back("respond", with("respond", json{{"adequate", adequate}}));
        for (const auto& role : roles_)
            for (const auto& due : dues)
                if (!role.empty() && !due.is_null())
                    out.emplace_back("extend", with("extend", json{{"agreed_by", role}, {"until", due}}));
        for (const auto& role : roles_)
            for (const char* reason : {"", "r"}) {
                if (role.empty()) continue;
                json e = base("pause");
                e["approved_by"] = role;
                if (*reason) e["reason"] = reason;
                out.emplace_back("pause", e);
            }
        out.emplace_back("resume", base("resume"));
        out.emplace_back("legal_advice", base("legal_advice"));
        for (const auto& role : roles_)
            for (const json& agreed : {json(), json(false), json(true)}) {
                if (role.empty()) continue;
                json e = base("consult");
                e["role"] = role;
                if (!agreed.is_null()) e["agreed"] = agreed;
                out.emplace_back("consult", e);
            }
        for (const bool concurrent : {false, true})
            out.emplace_back("refer", with("refer", json{{"to", "cafcass"}, {"concurrent", concurrent}}));
        for (const bool accepted : {false, true})
            out.emplace_back("referral_decision", with("referral_decision", json{{"accepted", accepted}}));
        for (const char* kind : {"challenge", "dispute_resolution", "professionals"})
            out.emplace_back("meeting", with("meeting", json{{"kind", kind}}));
        for (const auto& duty : duties_)
            for (const auto& stage : stages_) {
                json e = base("record");
                e["obligation"] = duty;
                if (!stage.empty()) e["stage"] = stage;
                out.emplace_back("record", e);
                e["type"] = "notify";
                out.emplace_back("notify", e);
            }
        for (const auto& role : roles_)
            if (!role.empty()) out.emplace_back("notify", with("notify", json{{"role", role}}));
        for (const char* impact : {"", "i"}) {
            json e = base("resolve");
            e["summary"] = "s";
            if (*impact) e["impact"] = impact;
            out.emplace_back("resolve", e);
        }
        out.emplace_back("withdraw", with("withdraw", json{{"reason", "r"}}));
        for (const char* route : {"complaint", "advocacy"}) {
            out.emplace_back("other_route", with("other_route", json{{"route", route}}));
            out.emplace_back("other_route_ended", with("other_route_ended", json{{"route", route}}));
        }
        return out;
    }

private:
    std::vector<std::string> roles_, stages_, duties_;
};

// A raise the policy accepts (at its first stage that applies, or the one it names).
json first_raise(const drp::policy& p, drp::instant t) {
    const auto& first = p.stages().front();
    json e{{"type", "raise"}, {"at", drp::format_rfc3339(t, std::chrono::seconds{0})}, {"dispute_id", "D-1"},
           {"child_ref", "C1"}, {"category", p.categories().empty() ? "any" : p.categories().front()},
           {"urgency", "standard"}, {"summary", "s"}};
    if (first.timescale.form == drp::stage_timescale::type::agreed)
        e["due"] = drp::format_date(drp::date{std::chrono::floor<std::chrono::days>(t)} + std::chrono::days{10});
    return e;
}

class AllowedNext : public testing::TestWithParam<std::string> {};

TEST_P(AllowedNext, ListsExactlyWhatApplyAccepts) {
    const auto p = drp::builtin_policy(GetParam());
    const event_space space(p);
    std::mt19937_64 rng(20261202);
    std::map<std::string, int> seen_listed;  // how often each label was on the menu: the walk must reach them
    constexpr int disputes = 6, steps = 14;
    for (int n = 0; n < disputes; ++n) {
        drp::dispute d(p);
        drp::instant t = drp::parse_rfc3339("2026-12-14T09:00:00Z") + std::chrono::days{37 * n};
        ASSERT_EQ(d.allowed_next(t), std::vector<std::string>{"raise"});
        d.apply(first_raise(p, t));
        for (int step = 0; step < steps; ++step) {
            t += std::chrono::hours{std::uniform_int_distribution<int>(1, 24 * 12)(rng)};
            const auto menu = d.allowed_next(t);
            std::set<std::string> listed(menu.begin(), menu.end());
            ASSERT_EQ(listed.size(), menu.size()) << "a label listed twice";
            std::set<std::string> accepted;
            std::vector<json> takers;
            for (const auto& [label, e] : space.at(t, d.state().dispute_id)) {
                drp::dispute copy(d);
                try {
                    copy.apply(e);
                } catch (const drp::error&) {
                    continue;
                }
                accepted.insert(label);
                takers.push_back(e);
            }
            ASSERT_EQ(listed, accepted) << GetParam() << ", dispute " << n << ", step " << step << " at "
                                        << drp::format_rfc3339(t, std::chrono::seconds{0}) << "\nstate: " << d.to_json().dump();
            for (const auto& l : listed) ++seen_listed[l];
            if (takers.empty()) break;
            // Walk on: an event the dispute takes, rarely one that ends it.
            std::vector<json> going_on;
            for (const auto& e : takers)
                if (e["type"] != "resolve" && e["type"] != "withdraw") going_on.push_back(e);
            const bool end = going_on.empty() || std::uniform_int_distribution<int>(1, 20)(rng) == 1;
            const auto& pool = end ? takers : going_on;
            d.apply(pool[std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(rng)]);
        }
    }
    // The walk reached the menu's everyday items (a generator that stopped would prove little).
    for (const char* label : {"respond", "consult", "resolve", "withdraw", "notify"})
        EXPECT_GT(seen_listed[label], 0) << GetParam() << ": '" << label << "' was never on the menu";
}

INSTANTIATE_TEST_SUITE_P(BuiltinPolicies, AllowedNext, seed_params::all(), seed_params::name);

}  // namespace
