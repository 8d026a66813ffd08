// The five seeds as compile-time policies: they pass the flowchart rules at compile time,
// they equal their JSON twins field by field, and a policy built from the constexpr data
// runs every dispute exactly as the JSON twin does.
#include "drp/seeds.hpp"
#include "drp/seeds/runtime.hpp"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include "seed_params.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "drp/dispute.hpp"

namespace {

namespace seeds = drp::seeds;
using nlohmann::json;

// ---- the rules reject malformed flowcharts (at compile time) ---------------------------------
namespace malformed {
using namespace drp::seeds;
using drp::division;
using drp::stage_kind;
using drp::urgency;

// A small well-formed flowchart; each check below breaks one thing in a copy of it.
inline constexpr seed borough{
    .id = "borough",
    .version = "1.0.0",
    .effective_from = std::chrono::year{2025} / 4 / 1,
    .applies_to = {"IRO"},
    .roles = {"IRO", "IRO_MANAGER", "TM", "HOS"},
    .stages = {
        {.id = "informal", .level = 0, .kind = stage_kind::informal, .raised_by = {"IRO"}, .responder = {"TM"},
         .timescale = agreed(date_on_entry::optional, calendar_days(10))},
        {.id = "stage1", .level = 1, .raised_by = {"IRO"}, .responder = {"TM"}, .timescale = fixed(working_days(10))},
        {.id = "stage2", .level = 2, .raised_by = {"IRO"}, .responder = {"HOS"}, .copy = {"TM"},
         .timescale = by_urgency({.imminent_risk = hours(24)}, working_days(10))},
    },
    .rules = {
        .pause = {.allowed = true, .approved_by = {"IRO_MANAGER"}},
        .escalation = {.not_resolved = from_any_stage},
        .overall_cap = overall_cap_rule{.within = working_days(20), .kinds = {stage_kind::formal}},
    },
};
static_assert(verify<borough>());

template <class Change>
constexpr seed changed(Change change) {
    seed s = borough;
    change(s);
    return s;
}

static_assert(!stages_ordered(changed([](seed& s) { s.stages[2].level = 1; })), "levels must strictly increase");
static_assert(!levels_in_bounds(changed([](seed& s) { s.stages[2].level = 101; })), "levels stop at 100");
static_assert(!stage_ids_unique(changed([](seed& s) { s.stages[2].id = "stage1"; })), "a stage id twice");
static_assert(!roles_defined(changed([](seed& s) { s.stages[1].responder = {"SM"}; })), "an undefined responder");
static_assert(!roles_defined(changed([](seed& s) { s.stages[2].copy = {any_of({"TM", "AD"})}; })), "an undefined copy role");
static_assert(!roles_defined(changed([](seed& s) { s.rules.pause.approved_by = {"DCS"}; })), "an undefined approver");
static_assert(!roles_defined(changed([](seed& s) { s.stages[1].preconditions = {consult("QAS_TM")}; })),
              "an undefined consultee");
static_assert(!durations_in_bounds(changed([](seed& s) { s.stages[1].timescale = fixed(working_days(0)); })),
              "durations are positive");
static_assert(!durations_in_bounds(changed([](seed& s) { s.stages[1].timescale = fixed(calendar_days(366)); })),
              "days stop at 365");
static_assert(durations_in_bounds(changed([](seed& s) { s.stages[1].timescale = fixed(hours(8760)); })),
              "hours go to 8760");
static_assert(!cap_covers_timescales(changed([](seed& s) { s.stages[1].timescale = fixed(working_days(11)); })),
              "11 + 10 working days do not fit a cap of 20");
static_assert(cap_covers_timescales(changed([](seed& s) { s.stages[1].timescale = fixed(calendar_days(30)); })),
              "only working-day timescales are summed");
static_assert(!stage_references_defined(changed([](seed& s) { s.rules.extension = {true, {"IRO"}, {"stage9"}}; })),
              "an extension at a stage that does not exist");
static_assert(!stage_references_defined(changed([](seed& s) { s.stages[2].next = stage_list{"stage1"}; })),
              "next goes up");
static_assert(!stages_complete(changed([](seed& s) { s.stages[1].timescale = by_urgency({.urgent = hours(24)}); })),
              "standard and imminent risk have no timescale");
static_assert(!stages_complete(changed([](seed& s) { s.stages[1].raised_by = {}; })), "someone raises each stage");
static_assert(!permissions_consistent(changed([](seed& s) { s.rules.pause.approved_by = {}; })),
              "a time out needs approvers");
static_assert(!permissions_consistent(changed([](seed& s) { s.rules.escalation = {}; })), "some reason to escalate");
static_assert(!permissions_consistent(changed([](seed& s) { s.rules.referral = {.allowed = true}; })),
              "a referral not at any point names its stages");
static_assert(!ids_well_formed(changed([](seed& s) { s.id = "Borough"; })), "policy ids are lower-kebab-case");
static_assert(!ids_well_formed(changed([](seed& s) { s.version = "1.0"; })), "versions are MAJOR.MINOR.PATCH");
static_assert(!ids_well_formed(changed([](seed& s) { s.roles[1] = "iro_manager"; })), "role ids are upper snake case");
static_assert(!ids_well_formed(changed([](seed& s) { s.effective_from = std::chrono::year{2025} / 2 / 30; })),
              "a real date");
static_assert(!ids_unique(changed([](seed& s) { s.stages[1].responder = {"TM", "TM"}; })), "a responder twice");
}  // namespace malformed

// The five are checked where they are defined; this states it once more, here.
static_assert(seeds::well_formed(seeds::merton) && seeds::well_formed(seeds::trust_qas) &&
              seeds::well_formed(seeds::qa_form) && seeds::well_formed(seeds::cic_issues_resolution) &&
              seeds::well_formed(seeds::tracked_recommendation));
static_assert(seeds::merton.stages.size() == 7 && seeds::merton.rules.overall_cap->within == seeds::working_days(20));

// ---- each seed equals its JSON twin --------------------------------------------------------
std::string seed_name(const testing::TestParamInfo<std::reference_wrapper<const seeds::seed>>& info) {
    return seed_params::test_name(info.param.get().id);
}

class EachSeed : public testing::TestWithParam<std::reference_wrapper<const seeds::seed>> {
protected:
    const seeds::seed& seed() const { return GetParam().get(); }
};

std::string lines(const std::vector<std::string>& xs) {
    std::string out;
    for (const auto& x : xs) out += "\n  " + x;
    return out;
}

TEST_P(EachSeed, EqualsItsJsonTwinFieldByField) {
    const auto twin = drp::builtin_policy(seed().id);
    const auto found = seeds::differences(seed(), twin);
    EXPECT_TRUE(found.empty()) << lines(found);
}

// The validator agrees with the compile-time checks. Its only warnings are roles that just
// the extra duties use (those duties stay in the JSON); notes (e.g. a stage the document
// names no responder for) are the JSON twin's too.
TEST_P(EachSeed, WrittenOutItLoadsWithoutErrorsAndEqualsItself) {
    const std::string text = seeds::to_policy_json(seed());
    for (const auto& d : drp::validate_policy(text, "seed")) {
        EXPECT_NE(d.level, drp::diagnostic::severity::error) << drp::format(d);
        if (d.level == drp::diagnostic::severity::note) continue;
        EXPECT_EQ(d.rule, "unused-role") << drp::format(d);
    }
    const auto p = seeds::to_policy(seed());
    EXPECT_EQ(p.id(), seed().id);
    const auto found = seeds::differences(seed(), p);
    EXPECT_TRUE(found.empty()) << lines(found);
}

INSTANTIATE_TEST_SUITE_P(CompileTimeSeeds, EachSeed, testing::ValuesIn(seeds::all), seed_name);

TEST(CompileTimeSeeds, AllFiveBuiltInPoliciesHaveATwin) {
    std::vector<std::string> ids;
    for (const seeds::seed& s : seeds::all) ids.emplace_back(s.id);
    auto names = drp::builtin_policy_names();
    std::sort(ids.begin(), ids.end());
    std::sort(names.begin(), names.end());
    EXPECT_EQ(ids, names);
}

TEST(CompileTimeSeeds, AMismatchNamesTheSeedTheStageAndTheField) {
    seeds::seed s = seeds::merton;
    s.stages[3].timescale = seeds::for_resolution(seeds::fixed(seeds::working_days(4)));  // IR2
    s.stages[4].copy = {"HOS", "TM", "SW"};                          // IR3 without the IRO manager
    s.rules.pause.approved_by = {"HOS_QAPD"};
    const auto found = seeds::differences(s, drp::builtin_policy("merton"));
    EXPECT_EQ(found, (std::vector<std::string>{
                         "merton: stage IR2: timescale.duration: seed 4 working days, policy 3 working days",
                         "merton: stage IR3: copy: seed [HOS, TM, SW], policy [HOS, TM, SW, IRO_MANAGER|HOS_SAFEGUARDING]",
                         "merton: rules: pause.approved_by: seed [HOS_QAPD], policy [IRO_MANAGER]",
                     }));
}

TEST(CompileTimeSeeds, AStageConditionIsComparedByWhatItDoes) {
    seeds::seed s = seeds::qa_form;
    s.stages[0].only_at = {drp::urgency::imminent_risk};
    const auto found = seeds::differences(s, drp::builtin_policy("qa-form"));
    EXPECT_EQ(found, (std::vector<std::string>{"qa-form: stage immediate_action: when: seed urgency in [imminent_risk], "
                                               "policy urgency in [urgent, imminent_risk]"}));
}

TEST(CompileTimeSeeds, ASeedComparedWithAnotherAuthorityDiffersEverywhere) {
    const auto found = seeds::differences(seeds::merton, drp::builtin_policy("trust-qas"));
    EXPECT_GT(found.size(), 20u);
    EXPECT_EQ(found.front(), "merton: policy: id: seed merton, policy trust-qas");
}

// ---- a policy built from the seed runs disputes as the JSON twin does -------------------------
struct step {
    std::string event;  // JSON, without dispute_id
    bool accepted = true;
    /// Due times to expect afterwards, of the latest obligation with each id ("response", "overall").
    std::vector<std::pair<std::string, std::string>> due{};
};
step ok(std::string event, std::vector<std::pair<std::string, std::string>> due = {}) {
    return {std::move(event), true, std::move(due)};
}
step refused(std::string event) { return {std::move(event), false, {}}; }

struct scenario {
    const seeds::seed* seed;
    std::string name;
    std::vector<step> steps;
};

void PrintTo(const scenario& sc, std::ostream* out) { *out << sc.name; }

struct outcome {
    bool accepted = true;
    drp::errc code = drp::errc::ok;
    std::string message;
};

outcome apply_event(drp::dispute& d, const json& e) {
    try {
        d.apply(e);
        return {};
    } catch (const drp::error& x) {
        return {false, x.code(), x.what()};
    }
}

// What must agree after every event: status, stage, time out, and the stage's own clock
// (response, or resolution where the stage's timescale is for the outcome) and overall
// deadlines (due, local due date, status, how they were counted) as of the event.
json view(const drp::dispute& d, drp::instant at) {
    const json s = d.to_json(at);
    json deadlines = json::array();
    for (const auto& o : s.at("obligations"))
        if (o.at("id") == "response" || o.at("id") == "resolution" || o.at("id") == "overall") deadlines.push_back(o);
    return {{"status", s.at("status")}, {"stage", s.at("stage")}, {"paused", s.at("paused")}, {"deadlines", deadlines}};
}

// The events the policy would accept next, but for record and notify: those answer the
// extra duties (obligations), which stay in the JSON and are not part of a seed.
std::vector<std::string> menu(const drp::dispute& d, drp::instant at) {
    auto next = d.allowed_next(at);
    std::erase_if(next, [](const std::string& t) { return t == "record" || t == "notify"; });
    return next;
}

// The latest due time of the duty `id`; "response" names the stage's own clock, whichever
// the stage's timescale is for (the scenario tables predate resolution timescales).
std::string latest_due(const json& v, const std::string& id) {
    std::string due = "(none)";
    for (const auto& o : v.at("deadlines"))
        if (o.at("id") == id || (id == "response" && o.at("id") == "resolution")) due = o.at("due").is_null() ? "null" : o.at("due").get<std::string>();
    return due;
}

void run_on_both(const scenario& sc) {
    const auto twin = drp::builtin_policy(sc.seed->id);
    const auto from_seed = seeds::to_policy(*sc.seed);
    drp::dispute on_twin(twin), on_seed(from_seed);
    int accepted = 0, refusals = 0;
    for (std::size_t i = 0; i < sc.steps.size(); ++i) {
        const auto& st = sc.steps[i];
        SCOPED_TRACE(sc.name + ", step " + std::to_string(i + 1) + ": " + st.event);
        json e = json::parse(st.event);
        e["dispute_id"] = "D-1";
        const outcome a = apply_event(on_twin, e), b = apply_event(on_seed, e);
        EXPECT_EQ(a.accepted, st.accepted) << a.message;
        EXPECT_EQ(a.accepted, b.accepted);
        EXPECT_EQ(a.code, b.code);
        EXPECT_EQ(a.message, b.message);
        (a.accepted ? accepted : refusals)++;

        const auto at = drp::parse_rfc3339(e.at("at").get<std::string>());
        const json va = view(on_twin, at), vb = view(on_seed, at);
        EXPECT_EQ(va, vb) << "JSON twin: " << va.dump(1) << "\nfrom seed: " << vb.dump(1);
        EXPECT_EQ(menu(on_twin, at), menu(on_seed, at));
        for (const auto& [id, due] : st.due) EXPECT_EQ(latest_due(va, id), due) << id;
    }
    EXPECT_EQ(on_twin.to_json().at("history"), on_seed.to_json().at("history"));
    EXPECT_GT(accepted, 0);
    EXPECT_GT(refusals, 0);
}

// Bank holidays used (England and Wales): Christmas Day Fri 25 Dec 2026, Boxing Day
// substitute Mon 28 Dec 2026, New Year's Day Fri 1 Jan 2027, Good Friday 26 Mar 2027,
// Easter Monday 29 Mar 2027 (clocks go forward Sun 28 Mar), early May Mon 3 May 2027,
// spring Mon 31 May 2027, summer Mon 30 Aug 2027.
std::vector<scenario> scenarios() {
    const auto* merton = &seeds::merton;
    const auto* trust = &seeds::trust_qas;
    const auto* qa = &seeds::qa_form;
    const auto* cic = &seeds::cic_issues_resolution;
    const auto* tracked = &seeds::tracked_recommendation;
    return {
        {merton, "Merton: informal over Christmas, IR1 with a time out, a bypass to IR4, a concurrent referral",
         {
             refused(R"({"type":"raise","at":"2026-12-17T09:00:00Z","child_ref":"C1","category":"drift_delay","urgency":"standard","summary":"s"})"),
             refused(R"({"type":"raise","at":"2026-12-17T09:00:00Z","child_ref":"C1","category":"housing","urgency":"standard","summary":"s","due":"2027-01-08"})"),
             ok(R"({"type":"raise","at":"2026-12-17T09:00:00Z","child_ref":"C1","category":"drift_delay","urgency":"standard","summary":"s","due":"2027-01-08"})",
                {{"response", "2027-01-08T23:59:59+00:00"}}),
             ok(R"({"type":"escalate","at":"2027-01-11T10:00:00Z","reason":"not_resolved","to":"IR1"})",
                {{"response", "2027-01-25T23:59:59+00:00"}, {"overall", "2027-02-08T23:59:59+00:00"}}),
             refused(R"({"type":"pause","at":"2027-01-13T09:00:00Z","approved_by":"IRO_MANAGER"})"),
             refused(R"({"type":"pause","at":"2027-01-13T09:00:00Z","approved_by":"TM","reason":"new social worker"})"),
             ok(R"({"type":"pause","at":"2027-01-13T09:00:00Z","approved_by":"IRO_MANAGER","reason":"new social worker"})"),
             refused(R"({"type":"escalate","at":"2027-01-14T09:00:00Z","reason":"not_resolved"})"),
             ok(R"({"type":"resume","at":"2027-01-20T09:00:00Z"})",
                {{"response", "2027-02-01T23:59:59+00:00"}, {"overall", "2027-02-15T23:59:59+00:00"}}),
             refused(R"({"type":"extend","at":"2027-01-29T12:00:00Z","until":"2027-02-05","agreed_by":"TM"})"),
             ok(R"({"type":"extend","at":"2027-01-29T12:00:00Z","until":"2027-02-05","agreed_by":"IRO"})",
                {{"response", "2027-02-05T23:59:59+00:00"}}),
             ok(R"({"type":"respond","at":"2027-02-01T10:00:00Z","adequate":false})"),
             refused(R"({"type":"escalate","at":"2027-02-02T10:00:00Z","reason":"inadequate_response"})"),
             ok(R"({"type":"escalate","at":"2027-02-02T10:00:00Z","reason":"not_resolved"})",
                {{"response", "2027-02-05T23:59:59+00:00"}}),
             refused(R"({"type":"escalate","at":"2027-02-03T10:00:00Z","reason":"discretion","to":"IR4"})"),
             ok(R"({"type":"escalate","at":"2027-02-03T10:00:00Z","reason":"discretion","to":"IR4","note":"significant concern"})",
                {{"response", "2027-02-09T23:59:59+00:00"}}),
             refused(R"({"type":"refer","at":"2027-02-04T09:00:00Z","to":"cafcass","concurrent":true})"),
             ok(R"({"type":"consult","at":"2027-02-04T09:00:00Z","role":"HOS_QAPD"})"),
             refused(R"({"type":"refer","at":"2027-02-04T10:00:00Z","to":"cafcass","concurrent":true})"),
             ok(R"({"type":"consult","at":"2027-02-04T11:00:00Z","role":"HOS_QAPD","agreed":true})"),
             ok(R"({"type":"refer","at":"2027-02-04T12:00:00Z","to":"cafcass","concurrent":true})"),
             refused(R"({"type":"legal_advice","at":"2027-02-05T09:00:00Z"})"),
             ok(R"({"type":"resolve","at":"2027-02-09T16:00:00Z","summary":"plan agreed","impact":"placement kept"})"),
             refused(R"({"type":"escalate","at":"2027-02-10T09:00:00Z","reason":"not_resolved"})"),
         }},
        {merton, "Merton: started at IR2 before Easter, through IR5 to a Cafcass referral",
         {
             refused(R"({"type":"raise","at":"2027-03-24T16:00:00Z","child_ref":"C2","category":"permanency","urgency":"urgent","summary":"s","start_stage":"IR2"})"),
             ok(R"({"type":"raise","at":"2027-03-24T16:00:00Z","child_ref":"C2","category":"permanency","urgency":"urgent","summary":"s","start_stage":"IR2","start_reason":"the team manager has no remit"})",
                {{"response", "2027-03-31T23:59:59+01:00"}, {"overall", "2027-04-23T23:59:59+01:00"}}),
             refused(R"({"type":"escalate","at":"2027-04-01T09:00:00Z","reason":"not_resolved","to":"IR1"})"),
             ok(R"({"type":"escalate","at":"2027-04-01T09:00:00Z","reason":"not_resolved"})",
                {{"response", "2027-04-06T23:59:59+01:00"}}),
             ok(R"({"type":"escalate","at":"2027-04-06T15:00:00Z","reason":"not_resolved"})",
                {{"response", "2027-04-12T23:59:59+01:00"}}),
             ok(R"({"type":"escalate","at":"2027-04-13T09:00:00Z","reason":"not_resolved"})"),
             refused(R"({"type":"pause","at":"2027-04-13T10:00:00Z","approved_by":"IRO_MANAGER","reason":"r"})"),
             refused(R"({"type":"refer","at":"2027-04-13T10:00:00Z","to":"cafcass","concurrent":false})"),
             ok(R"({"type":"consult","at":"2027-04-14T10:00:00Z","role":"HOS_QAPD","agreed":true})"),
             ok(R"({"type":"refer","at":"2027-04-16T10:00:00Z","to":"cafcass","concurrent":false})"),
             refused(R"({"type":"refer","at":"2027-04-16T11:00:00Z","to":"cafcass","concurrent":false})"),
             ok(R"({"type":"referral_decision","at":"2027-04-30T10:00:00Z","accepted":true})"),
             ok(R"({"type":"resolve","at":"2027-05-04T10:00:00Z","summary":"referred","impact":"Cafcass took the case"})"),
         }},
        {merton, "Merton: a dispute resolution meeting after consulting the IRO manager, then withdrawn",
         {
             ok(R"({"type":"raise","at":"2027-05-27T09:00:00Z","child_ref":"C3","category":"childs_voice","urgency":"standard","summary":"s","due":"2027-06-04"})",
                {{"response", "2027-06-04T23:59:59+01:00"}}),
             refused(R"({"type":"raise","at":"2027-05-27T09:00:00Z","child_ref":"C3","category":"childs_voice","urgency":"standard","summary":"s","due":"2027-06-04"})"),
             refused(R"({"type":"pause","at":"2027-05-28T09:00:00Z","approved_by":"IRO_MANAGER","reason":"r"})"),
             ok(R"({"type":"consult","at":"2027-06-07T09:00:00Z","role":"IRO_MANAGER"})"),
             ok(R"({"type":"escalate","at":"2027-06-07T10:00:00Z","reason":"not_resolved","to":"drm"})", {{"response", "null"}}),
             // The meeting has no timescale, so there is nothing to extend (docs/events-and-state.md, extend).
             refused(R"({"type":"extend","at":"2027-06-08T10:00:00Z","until":"2027-06-20","agreed_by":"IRO"})"),
             ok(R"({"type":"escalate","at":"2027-06-10T10:00:00Z","reason":"not_resolved"})",
                {{"response", "2027-06-24T23:59:59+01:00"}, {"overall", "2027-07-08T23:59:59+01:00"}}),
             refused(R"({"type":"escalate","at":"2027-06-25T10:00:00Z","reason":"no_response"})"),
             ok(R"({"type":"withdraw","at":"2027-06-25T11:00:00Z","reason":"resolved by the new care plan"})"),
             refused(R"({"type":"resume","at":"2027-06-25T12:00:00Z"})"),
         }},
        {trust, "Trust: imminent risk, 24 hours across the spring clock change",
         {
             refused(R"({"type":"raise","at":"2027-03-26T10:00:00Z","child_ref":"C4","category":"c","urgency":"imminent_risk","summary":"s","start_stage":"stage1","start_reason":"r"})"),
             ok(R"({"type":"raise","at":"2027-03-26T10:00:00Z","child_ref":"C4","category":"c","urgency":"imminent_risk","summary":"s"})",
                {{"response", "null"}}),
             refused(R"({"type":"escalate","at":"2027-03-27T09:00:00Z","reason":"not_resolved"})"),
             ok(R"({"type":"consult","at":"2027-03-27T09:00:00Z","role":"QAS_TM"})"),
             ok(R"({"type":"escalate","at":"2027-03-27T10:00:00Z","reason":"not_resolved"})",
                {{"response", "2027-03-28T11:00:00+01:00"}}),
             refused(R"({"type":"escalate","at":"2027-03-28T09:30:00Z","reason":"no_response"})"),
             ok(R"({"type":"escalate","at":"2027-03-28T10:30:00Z","reason":"no_response"})",
                {{"response", "2027-03-29T11:30:00+01:00"}}),
             refused(R"({"type":"pause","at":"2027-03-28T11:00:00Z","approved_by":"QAS_TM"})"),
             ok(R"({"type":"respond","at":"2027-03-29T09:00:00Z","adequate":false})"),
             ok(R"({"type":"escalate","at":"2027-03-29T09:30:00Z","reason":"inadequate_response"})",
                {{"response", "2027-03-30T10:30:00+01:00"}}),
             refused(R"({"type":"extend","at":"2027-03-29T10:00:00Z","until":"2027-04-01T12:00:00+01:00","agreed_by":"SM"})"),
             ok(R"({"type":"extend","at":"2027-03-29T10:00:00Z","until":"2027-04-01T12:00:00+01:00","agreed_by":"CP_CHAIR"})",
                {{"response", "2027-04-01T12:00:00+01:00"}}),
             refused(R"({"type":"escalate","at":"2027-03-31T09:00:00Z","reason":"no_response"})"),
             refused(R"({"type":"refer","at":"2027-03-31T09:00:00Z","to":"cafcass","concurrent":false})"),
             refused(R"({"type":"legal_advice","at":"2027-03-31T09:00:00Z"})"),
             refused(R"({"type":"escalate","at":"2027-03-31T09:00:00Z","reason":"discretion"})"),
             ok(R"({"type":"resolve","at":"2027-03-31T10:00:00Z","summary":"placement secured"})"),
         }},
        {trust, "Trust: bypass from informal to stage 3 over Christmas, then stage 5 with legal advice",
         {
             ok(R"({"type":"raise","at":"2026-12-22T14:00:00Z","child_ref":"C5","category":"c","urgency":"standard","summary":"s"})"),
             ok(R"({"type":"consult","at":"2026-12-22T15:00:00Z","role":"QAS_TM"})"),
             refused(R"({"type":"escalate","at":"2026-12-23T10:00:00Z","reason":"not_resolved","to":"stage3"})"),
             ok(R"({"type":"escalate","at":"2026-12-23T10:00:00Z","reason":"not_resolved","to":"stage3","note":"high risk"})",
                {{"response", "2027-01-04T23:59:59+00:00"}}),
             refused(R"({"type":"escalate","at":"2027-01-04T12:00:00Z","reason":"no_response"})"),
             refused(R"({"type":"escalate","at":"2027-01-05T09:00:00Z","reason":"no_response","to":"stage5","note":"n"})"),
             ok(R"({"type":"escalate","at":"2027-01-05T09:00:00Z","reason":"no_response"})",
                {{"response", "2027-01-12T23:59:59+00:00"}}),
             ok(R"({"type":"respond","at":"2027-01-08T09:00:00Z","adequate":false})"),
             ok(R"({"type":"escalate","at":"2027-01-08T12:00:00Z","reason":"inadequate_response"})"),
             refused(R"({"type":"escalate","at":"2027-01-08T13:00:00Z","reason":"inadequate_response"})"),
             ok(R"({"type":"legal_advice","at":"2027-01-11T09:00:00Z"})"),
             refused(R"({"type":"refer","at":"2027-01-12T09:00:00Z","to":"cafcass","concurrent":true})"),
             ok(R"({"type":"refer","at":"2027-01-12T09:00:00Z","to":"cafcass","concurrent":false})"),
             ok(R"({"type":"referral_decision","at":"2027-01-20T09:00:00Z","accepted":false})"),
             ok(R"({"type":"resolve","at":"2027-01-21T09:00:00Z","summary":"s"})"),
         }},
        {qa, "QA form: a standard concern over Easter, then the Senior IRO's week",
         {
             refused(R"({"type":"raise","at":"2027-03-19T11:00:00Z","child_ref":"C6","category":"c","urgency":"standard","summary":"s","start_stage":"immediate_action"})"),
             ok(R"({"type":"raise","at":"2027-03-19T11:00:00Z","child_ref":"C6","category":"c","urgency":"standard","summary":"s"})",
                {{"response", "2027-04-13T23:59:59+01:00"}}),
             refused(R"({"type":"escalate","at":"2027-04-13T20:00:00Z","reason":"no_response"})"),
             refused(R"({"type":"escalate","at":"2027-04-14T08:00:00Z","reason":"no_response"})"),
             ok(R"({"type":"consult","at":"2027-04-14T08:00:00Z","role":"SENIOR_IRO"})"),
             ok(R"({"type":"escalate","at":"2027-04-14T08:30:00Z","reason":"no_response"})",
                {{"response", "2027-04-21T23:59:59+01:00"}}),
             refused(R"({"type":"extend","at":"2027-04-15T09:00:00Z","until":"2027-04-28","agreed_by":"IRO"})"),
             refused(R"({"type":"escalate","at":"2027-04-22T09:00:00Z","reason":"no_response"})"),
             ok(R"({"type":"escalate","at":"2027-04-22T09:00:00Z","reason":"not_resolved"})", {{"response", "null"}}),
             refused(R"({"type":"refer","at":"2027-04-23T09:00:00Z","to":"cafcass","concurrent":false})"),
             ok(R"({"type":"escalate","at":"2027-04-30T09:00:00Z","reason":"not_resolved"})"),
             refused(R"({"type":"escalate","at":"2027-05-04T09:00:00Z","reason":"not_resolved"})"),
             refused(R"({"type":"refer","at":"2027-05-04T09:00:00Z","to":"cafcass","concurrent":true})"),
             ok(R"({"type":"refer","at":"2027-05-04T09:00:00Z","to":"cafcass","concurrent":false})"),
             ok(R"({"type":"resolve","at":"2027-05-05T09:00:00Z","summary":"s"})"),
         }},
        {qa, "QA form: immediate action, then stage 2 directly (a next stage, not a bypass) over Christmas",
         {
             ok(R"({"type":"raise","at":"2026-12-23T09:00:00Z","child_ref":"C7","category":"c","urgency":"urgent","summary":"s"})"),
             refused(R"({"type":"escalate","at":"2026-12-24T09:00:00Z","reason":"not_resolved","to":"stage2"})"),
             ok(R"({"type":"consult","at":"2026-12-24T09:30:00Z","role":"SENIOR_IRO"})"),
             ok(R"({"type":"escalate","at":"2026-12-24T10:00:00Z","reason":"not_resolved","to":"stage2"})",
                {{"response", "2026-12-31T23:59:59+00:00"}}),
             refused(R"({"type":"escalate","at":"2027-01-04T09:00:00Z","reason":"not_resolved","to":"stage4","note":"n"})"),
             ok(R"({"type":"escalate","at":"2027-01-04T09:00:00Z","reason":"not_resolved"})"),
             refused(R"({"type":"legal_advice","at":"2027-01-05T09:00:00Z"})"),
             refused(R"({"type":"pause","at":"2027-01-05T09:00:00Z","approved_by":"SENIOR_IRO"})"),
             ok(R"({"type":"withdraw","at":"2027-01-06T09:00:00Z","reason":"moved authority"})"),
         }},
        {cic, "CIC: informal challenge over the early May bank holiday, concurrent referral, bypass to stage three",
         {
             ok(R"({"type":"raise","at":"2027-04-30T09:00:00Z","child_ref":"C8","category":"c","urgency":"standard","summary":"s"})",
                {{"response", "2027-05-10T23:59:59+01:00"}}),
             ok(R"({"type":"refer","at":"2027-04-30T10:00:00Z","to":"cafcass","concurrent":true})"),
             ok(R"({"type":"referral_decision","at":"2027-05-03T10:00:00Z","accepted":true})"),
             refused(R"({"type":"escalate","at":"2027-05-04T09:00:00Z","reason":"discretion","to":"stage3"})"),
             ok(R"({"type":"escalate","at":"2027-05-04T09:00:00Z","reason":"discretion","to":"stage3","note":"severity"})",
                {{"response", "2027-05-11T23:59:59+01:00"}}),
             refused(R"({"type":"escalate","at":"2027-05-12T09:00:00Z","reason":"no_response"})"),
             refused(R"({"type":"pause","at":"2027-05-12T09:00:00Z","approved_by":"QAAS_SM"})"),
             refused(R"({"type":"extend","at":"2027-05-12T09:00:00Z","until":"2027-05-20","agreed_by":"IRO"})"),
             ok(R"({"type":"respond","at":"2027-05-12T10:00:00Z","adequate":true})"),
             ok(R"({"type":"legal_advice","at":"2027-05-12T11:00:00Z"})"),
             ok(R"({"type":"escalate","at":"2027-05-13T09:00:00Z","reason":"not_resolved"})",
                {{"response", "2027-05-20T23:59:59+01:00"}}),
             refused(R"({"type":"escalate","at":"2027-05-21T09:00:00Z","reason":"not_resolved"})"),
             ok(R"({"type":"resolve","at":"2027-05-21T10:00:00Z","summary":"s"})"),
         }},
        {cic, "CIC: an urgent concern starts at stage one, over the spring bank holiday",
         {
             refused(R"({"type":"raise","at":"2027-05-28T09:00:00Z","child_ref":"C9","category":"c","urgency":"urgent","summary":"s","start_stage":"stage3"})"),
             refused(R"({"type":"raise","at":"2027-05-28T09:00:00Z","child_ref":"C9","category":"c","urgency":"urgent","summary":"s","start_stage":"informal","start_reason":"r"})"),
             ok(R"({"type":"raise","at":"2027-05-28T09:00:00Z","child_ref":"C9","category":"c","urgency":"urgent","summary":"s"})",
                {{"response", "2027-06-07T23:59:59+01:00"}}),
             ok(R"({"type":"escalate","at":"2027-06-02T09:00:00Z","reason":"not_resolved"})",
                {{"response", "2027-06-09T23:59:59+01:00"}}),
             refused(R"({"type":"escalate","at":"2027-06-03T09:00:00Z","reason":"not_resolved","due":"2027-06-20"})"),
             ok(R"({"type":"escalate","at":"2027-06-03T09:00:00Z","reason":"not_resolved"})"),
             ok(R"({"type":"withdraw","at":"2027-06-04T09:00:00Z","reason":"r"})"),
         }},
        {cic, "CIC: a standard concern started at stage two, over the summer bank holiday",
         {
             refused(R"({"type":"raise","at":"2027-08-27T09:00:00Z","child_ref":"C10","category":"c","urgency":"standard","summary":"s","start_stage":"stage9","start_reason":"r"})"),
             ok(R"({"type":"raise","at":"2027-08-27T09:00:00Z","child_ref":"C10","category":"c","urgency":"standard","summary":"s","start_stage":"stage2","start_reason":"r"})",
                {{"response", "2027-09-06T23:59:59+01:00"}}),
             ok(R"({"type":"resolve","at":"2027-09-01T09:00:00Z","summary":"s"})"),
         }},
        {tracked, "Tracked recommendation: an agreed date after Christmas, extended by the IRO; legal advice, then referral",
         {
             ok(R"({"type":"raise","at":"2026-12-21T10:00:00Z","child_ref":"C11","category":"c","urgency":"standard","summary":"s","due":"2027-01-08"})",
                {{"response", "2027-01-08T23:59:59+00:00"}}),
             refused(R"({"type":"extend","at":"2027-01-07T10:00:00Z","until":"2027-01-15","agreed_by":"PM"})"),
             ok(R"({"type":"extend","at":"2027-01-07T10:00:00Z","until":"2027-01-15","agreed_by":"IRO"})",
                {{"response", "2027-01-15T23:59:59+00:00"}}),
             refused(R"({"type":"refer","at":"2027-01-08T09:00:00Z","to":"cafcass","concurrent":true})"),
             ok(R"({"type":"legal_advice","at":"2027-01-08T09:00:00Z"})"),
             ok(R"({"type":"refer","at":"2027-01-08T10:00:00Z","to":"cafcass","concurrent":true})"),
             refused(R"({"type":"pause","at":"2027-01-08T11:00:00Z","approved_by":"IRO"})"),
             ok(R"({"type":"escalate","at":"2027-01-18T09:00:00Z","reason":"not_resolved"})", {{"response", "null"}}),
             refused(R"({"type":"extend","at":"2027-01-18T10:00:00Z","until":"2027-01-30","agreed_by":"IRO"})"),
             refused(R"({"type":"escalate","at":"2027-01-19T09:00:00Z","reason":"discretion","to":"formal_la"})"),
             ok(R"({"type":"escalate","at":"2027-01-19T09:00:00Z","reason":"discretion","to":"formal_la","note":"urgent"})"),
             ok(R"({"type":"resolve","at":"2027-01-29T09:00:00Z","summary":"s"})"),
         }},
        {tracked, "Tracked recommendation: no date agreed, ten calendar days across the summer bank holiday",
         {
             ok(R"({"type":"raise","at":"2027-08-20T09:00:00Z","child_ref":"C12","category":"c","urgency":"standard","summary":"s"})",
                {{"response", "2027-08-30T23:59:59+01:00"}}),
             refused(R"({"type":"escalate","at":"2027-09-01T09:00:00Z","reason":"not_resolved","due":"2027-09-10"})"),
             ok(R"({"type":"escalate","at":"2027-09-01T09:00:00Z","reason":"not_resolved"})"),
             ok(R"({"type":"escalate","at":"2027-09-02T09:00:00Z","reason":"not_resolved"})"),
             ok(R"({"type":"withdraw","at":"2027-09-03T09:00:00Z","reason":"r"})"),
         }},
        {tracked, "Tracked recommendation: started at the directorate with a reason",
         {
             refused(R"({"type":"raise","at":"2027-01-04T09:00:00Z","child_ref":"C13","category":"c","urgency":"standard","summary":"s","start_stage":"formal_directorate"})"),
             refused(R"({"type":"raise","at":"2027-01-04T09:00:00Z","child_ref":"C13","category":"c","urgency":"standard","summary":"s","start_stage":"formal_directorate","start_reason":"r","due":"2027-01-20"})"),
             ok(R"({"type":"raise","at":"2027-01-04T09:00:00Z","child_ref":"C13","category":"c","urgency":"standard","summary":"s","start_stage":"formal_directorate","start_reason":"r"})"),
             ok(R"({"type":"escalate","at":"2027-01-05T09:00:00Z","reason":"not_resolved"})"),
             ok(R"({"type":"resolve","at":"2027-01-06T09:00:00Z","summary":"s"})"),
         }},
    };
}

class Twins : public testing::TestWithParam<scenario> {};

TEST_P(Twins, RunTheSameOnThePolicyFromTheSeedAndOnTheJsonTwin) { run_on_both(GetParam()); }

std::string scenario_name(const testing::TestParamInfo<scenario>& info) {
    std::string name;
    for (char c : info.param.name) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) name += c;
        else if (!name.empty() && name.back() != '_') name += '_';
        if (name.size() >= 60) break;
    }
    while (!name.empty() && name.back() == '_') name.pop_back();
    return name + "_" + std::to_string(info.index);
}

INSTANTIATE_TEST_SUITE_P(CompileTimeSeeds, Twins, testing::ValuesIn(scenarios()), scenario_name);

TEST(CompileTimeSeeds, TheTwinRunCatchesASeedThatDiffersFromItsTwin) {
    static seeds::seed longer_ir1 = seeds::merton;
    longer_ir1.stages[2].timescale = seeds::fixed(seeds::working_days(11));
    scenario sc = scenarios().front();
    ASSERT_EQ(sc.seed, &seeds::merton);
    sc.seed = &longer_ir1;
    testing::TestPartResultArray failures;
    {
        testing::ScopedFakeTestPartResultReporter reporter(
            testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &failures);
        run_on_both(sc);
    }
    bool deadlines_differ = false;
    for (int i = 0; i < failures.size(); ++i)
        deadlines_differ = deadlines_differ || std::string(failures.GetTestPartResult(i).message()).find("from seed") != std::string::npos;
    EXPECT_TRUE(deadlines_differ) << failures.size() << " failures, none about the deadlines";
}

TEST(CompileTimeSeeds, EverySeedHasSeveralScenarios) {
    for (const seeds::seed& s : seeds::all) {
        int n = 0;
        for (const auto& sc : scenarios()) n += sc.seed == &s;
        EXPECT_GE(n, 2) << s.id;
    }
}

}  // namespace
