// Loading policies: the five seeds as their documents state them, and typed, located
// diagnostics for broken ones.
#include "drp/policy.hpp"
#include "drp/dispute.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>

namespace {

using drp::duration;
using drp::stage_kind;
using drp::urgency;

duration wd(int n) { return {duration::unit::working_days, n}; }
duration hours(int n) { return {duration::unit::hours, n}; }

std::vector<std::string> stage_ids(const drp::policy& p) {
    std::vector<std::string> ids;
    for (const auto& s : p.stages()) ids.push_back(s.id);
    return ids;
}

TEST(SeedPolicies, AllFiveAreBuiltInAndValid) {
    const auto names = drp::builtin_policy_names();
    ASSERT_EQ(names.size(), 5u);
    for (const auto& name : names) {
        const auto p = drp::builtin_policy(name);
        EXPECT_EQ(p.id(), name);
        for (const auto& d : drp::validate_policy(p.source_text(), name))
            EXPECT_NE(d.level, drp::diagnostic::severity::error) << drp::format(d);
    }
}

TEST(SeedPolicies, MertonHasTheDocumentsStagesAndTimescales) {
    const auto p = drp::builtin_policy("merton");
    EXPECT_EQ(stage_ids(p), (std::vector<std::string>{"informal", "drm", "IR1", "IR2", "IR3", "IR4", "IR5"}));
    EXPECT_TRUE(p.find_stage("drm")->optional);
    EXPECT_EQ(p.find_stage("IR1")->timescale.for_urgency(urgency::standard), wd(10));
    EXPECT_EQ(p.find_stage("IR2")->timescale.for_urgency(urgency::standard), wd(3));
    EXPECT_EQ(p.find_stage("IR3")->timescale.for_urgency(urgency::standard), wd(3));
    EXPECT_EQ(p.find_stage("IR4")->timescale.for_urgency(urgency::imminent_risk), wd(4));
    EXPECT_EQ(p.find_stage("IR5")->kind, stage_kind::referral);
    ASSERT_TRUE(p.rules().overall_cap);
    EXPECT_EQ(p.rules().overall_cap->within, wd(20));
    EXPECT_TRUE(p.rules().bypass.allowed);
    EXPECT_TRUE(p.rules().start_above_first.allowed);
    EXPECT_TRUE(p.rules().pause.allowed);
    EXPECT_EQ(p.rules().pause.approved_by, std::vector<std::string>{"IRO_MANAGER"});
    EXPECT_TRUE(p.rules().referral.concurrent_allowed);
    ASSERT_EQ(p.rules().referral.preconditions.size(), 1u);
    EXPECT_EQ(p.rules().referral.preconditions[0].role, "HOS_QAPD");
    EXPECT_EQ(p.rules().referral.within, (duration{duration::unit::calendar_days, 3}));
    EXPECT_EQ(p.region(), drp::division::england_and_wales);
}

TEST(SeedPolicies, TrustStagesRunFrom24HoursForImminentRiskToFiveWorkingDays) {
    const auto p = drp::builtin_policy("trust-qas");
    EXPECT_EQ(stage_ids(p), (std::vector<std::string>{"informal", "stage1", "stage2", "stage3", "stage4", "stage5"}));
    for (const char* id : {"stage1", "stage2", "stage3", "stage4"}) {
        EXPECT_EQ(p.find_stage(id)->timescale.for_urgency(urgency::imminent_risk), hours(24)) << id;
        EXPECT_EQ(p.find_stage(id)->timescale.for_urgency(urgency::standard), wd(5)) << id;
    }
    const auto& reasons = p.rules().escalation;
    EXPECT_TRUE(reasons[static_cast<int>(drp::escalation_reason::no_response)].allowed);
    EXPECT_TRUE(reasons[static_cast<int>(drp::escalation_reason::inadequate_response)].allowed);
    EXPECT_FALSE(reasons[static_cast<int>(drp::escalation_reason::discretion)].allowed);
    EXPECT_EQ(p.applies_to(), (std::vector<std::string>{"IRO", "CP_CHAIR"}));
}

TEST(SeedPolicies, QaFormAndCicAndTrackedRecommendationStageIds) {
    const auto qa = drp::builtin_policy("qa-form");
    EXPECT_EQ(qa.find_stage("stage1")->timescale.for_urgency(urgency::standard), wd(15));
    for (const char* id : {"stage2", "stage3", "stage4"}) EXPECT_NE(qa.find_stage(id), nullptr) << id;
    const auto cic = drp::builtin_policy("cic-issues-resolution");
    EXPECT_EQ(stage_ids(cic), (std::vector<std::string>{"informal", "stage1", "stage2", "stage3", "stage4"}));
    for (const auto& s : cic.stages()) EXPECT_EQ(s.timescale.for_urgency(urgency::standard), wd(5)) << s.id;
    const auto tr = drp::builtin_policy("tracked-recommendation");
    EXPECT_EQ(tr.stages().front().id, "tracked_recommendation");
    EXPECT_EQ(tr.stages().front().timescale.form, drp::stage_timescale::type::agreed);
}

drp::policy_error load_error(const std::string& text) {
    try {
        (void)drp::load_policy(text, "broken.json");
    } catch (const drp::policy_error& e) {
        return e;
    }
    ADD_FAILURE() << "loaded a broken policy";
    return drp::policy_error(drp::errc::internal, {});
}

std::string merton_with(const std::function<void(nlohmann::json&)>& change) {
    auto doc = nlohmann::json::parse(drp::builtin_policy("merton").source_text());
    change(doc);
    return doc.dump(2);
}

bool has(const drp::policy_error& e, const std::string& pointer, const std::string& words) {
    for (const auto& d : e.diagnostics())
        if (d.pointer == pointer && d.message.find(words) != std::string::npos && d.line > 0) return true;
    return false;
}

TEST(BrokenPolicies, NotJsonIsInvalidJsonWithLineAndColumn) {
    const auto e = load_error("{\n  \"id\": \"x\",\n  oops\n}");
    EXPECT_EQ(e.code(), drp::errc::invalid_json);
    ASSERT_FALSE(e.diagnostics().empty());
    EXPECT_EQ(e.diagnostics()[0].line, 3);
    EXPECT_EQ(e.diagnostics()[0].file, "broken.json");
}

TEST(BrokenPolicies, HostileInputsGetDiagnosticsNotCrashes) {
    for (const std::string& text : {std::string(""), std::string("   \n"), std::string("[]"), std::string("null"),
                                   std::string(100000, '['), std::string("{\"id\": \"\xff\xfe\"}"),
                                   std::string("{\"id\": 1e99999}"), std::string("{\"a\":1,\"a\":2}"),
                                   std::string("{\"id\":"), std::string("\xef\xbb\xbf{}")}) {
        const auto diags = drp::validate_policy(text, "hostile.json");
        ASSERT_FALSE(diags.empty()) << text.substr(0, 20);
        EXPECT_EQ(diags[0].level, drp::diagnostic::severity::error);
    }
    EXPECT_EQ(load_error("{\"a\":1,\"a\":2}").code(), drp::errc::invalid_json);
    EXPECT_EQ(load_error(std::string(100000, '[')).code(), drp::errc::invalid_json);
}

TEST(BrokenPolicies, SchemaErrorsNameThePointerAndTheLine) {
    const auto e = load_error(merton_with([](auto& d) { d["stages"][2]["kind"] = "formel"; }));
    EXPECT_EQ(e.code(), drp::errc::schema);
    EXPECT_TRUE(has(e, "/stages/2/kind", "formel"));
    EXPECT_NE(std::string(e.what()).find("broken.json:"), std::string::npos);
}

TEST(BrokenPolicies, SemanticErrorsTheSchemaCannotSee) {
    struct mutation {
        std::function<void(nlohmann::json&)> change;
        const char* pointer;
        const char* words;
    };
    const mutation cases[] = {
        {[](auto& d) { d["stages"][2]["responder"][0] = "HOSS"; }, "/stages/2/responder/0", "role 'HOSS' is not defined"},
        {[](auto& d) { d["stages"][3]["id"] = "IR1"; }, "/stages/3/id", "duplicate stage id 'IR1'"},
        {[](auto& d) { d["stages"][3]["level"] = 1; }, "/stages/3/level", "does not increase"},
        {[](auto& d) { d["stages"][3]["next"] = {"IR1"}; }, "/stages/3/next/0", "is not later than"},
        {[](auto& d) { d["rules"]["bypass"]["to_stages"] = {"IR9"}; }, "/rules/bypass/to_stages/0", "stage 'IR9' is not defined"},
        {[](auto& d) { d["stages"][2]["when"] = {{"==", {{{"var", "stage.levle"}}, 2}}}; }, "/stages/2/when/==/0", "unknown fact 'stage.levle'"},
        {[](auto& d) { d["obligations"][0]["id"] = "response"; }, "/obligations/0/id", "reserved"},
        {[](auto& d) { d["rules"]["referral"] = {{"allowed", false}}; }, "/rules/referral/allowed", "referral stage exists"},
        {[](auto& d) {
             d["rules"]["bypass"] = {{"allowed", false}};
             d["rules"]["start_above_first"] = {{"allowed", false}};
             d["stages"][1]["next"] = nlohmann::json::array({"IR2"});
             d["stages"][0]["next"] = nlohmann::json::array({"drm"});
         },
         "/stages/2", "cannot be reached"},
        {[](auto& d) { d["rules"]["overall_cap"]["kinds"] = {"meeting", "referral", "informal"}; d["stages"][1]["kind"] = "formal"; },
         "", ""},  // valid: every kind exists; checked below not to error on kinds
    };
    for (std::size_t i = 0; i + 1 < std::size(cases); ++i) {
        const auto e = load_error(merton_with(cases[i].change));
        EXPECT_EQ(e.code(), drp::errc::semantic) << cases[i].pointer;
        EXPECT_TRUE(has(e, cases[i].pointer, cases[i].words)) << cases[i].pointer << "\n" << e.what();
    }
}

TEST(BrokenPolicies, WarningsDoNotStopLoading) {
    const auto text = merton_with([](auto& d) { d["stages"][2]["timescale"] = {{"working_days", 15}}; });
    const auto p = drp::load_policy(text, "warned.json");
    const auto diags = drp::validate_policy(text, "warned.json");
    ASSERT_EQ(diags.size(), 1u);
    EXPECT_EQ(diags[0].level, drp::diagnostic::severity::warning);
    EXPECT_EQ(diags[0].pointer, "/rules/overall_cap/within");
    EXPECT_NE(diags[0].message.find("add up to 25 working days"), std::string::npos) << diags[0].message;
    EXPECT_EQ(p.find_stage("IR1")->timescale.for_urgency(urgency::standard), wd(15));
}

TEST(BrokenPolicies, UnknownBuiltinAndMissingFileAreTypedErrors) {
    try {
        (void)drp::builtin_policy("atlantis");
        ADD_FAILURE();
    } catch (const drp::error& e) {
        EXPECT_EQ(e.code(), drp::errc::invalid_argument);
        EXPECT_NE(std::string(e.what()).find("merton"), std::string::npos);
    }
    try {
        (void)drp::load_policy_file("/nonexistent/policy.json");
        ADD_FAILURE();
    } catch (const drp::error& e) {
        EXPECT_EQ(e.code(), drp::errc::io);
    }
}

}  // namespace

namespace {

bool warns(const std::string& text, const std::string& pointer, const std::string& rule) {
    for (const auto& d : drp::validate_policy(text, "w.json"))
        if (d.pointer == pointer && d.rule == rule && d.level != drp::diagnostic::severity::error) return true;
    return false;
}

TEST(PolicyWarnings, LegalButProbablyUnmeantThingsAreFlagged) {
    EXPECT_TRUE(warns(merton_with([](auto& d) {
                          d["rules"]["escalation"]["reasons"]["no_response"] = {{"stages", {"drm"}}};
                      }),
                      "/rules/escalation/reasons/no_response", "no-response-untimed"));
    // (S25 is retired: a start stage's consultation is recorded before the raise.)
    EXPECT_FALSE(warns(merton_with([](auto& d) { d["rules"]["start_above_first"]["stages"] = {"drm"}; }), "/stages/1/requires",
                       "start-requires"));
    EXPECT_TRUE(warns(merton_with([](auto& d) {
                          d["rules"]["referral"]["at_any_point"] = false;
                          d["rules"]["referral"]["stages"] = {"IR4"};
                      }),
                      "/rules/referral/at_any_point", "referral-limited"));
    EXPECT_TRUE(warns(merton_with([](auto& d) { d["stages"][0]["timescale"]["default"] = {{"working_days", 5}}; }),
                      "/stages/0/timescale/default", "unused-default"));
    EXPECT_TRUE(warns(merton_with([](auto& d) { d["stages"][2]["responder"] = nlohmann::json::array(); }), "/stages/2/responder",
                      "no-responder"));
    EXPECT_TRUE(warns(merton_with([](auto& d) {
                          for (auto& s : d["stages"]) s["when"] = {{"==", {{{"var", "urgency"}}, "urgent"}}};
                      }),
                      "/stages", "no-start-stage"));
    EXPECT_TRUE(warns(merton_with([](auto& d) {
                          d["stages"][2]["obligations"] = {{{"id", "after_meeting"}, {"kind", "record"}, {"role", {"IRO"}},
                                                            {"from", "meeting"}, {"description", "Record the meeting."}}};
                      }),
                      "/stages/2/obligations/0/from", "no-meeting"));
    // The seeds themselves carry no warnings.
    for (const auto& name : drp::builtin_policy_names())
        for (const auto& d : drp::validate_policy(drp::builtin_policy(name).source_text(), name))
            EXPECT_EQ(d.level, drp::diagnostic::severity::note) << drp::format(d);
}

}  // namespace

// ---- closure days: the policy file's "closures" and the host's, added at load ------------------

namespace {

using nlohmann::json;

const drp::date dec29 = drp::parse_date("2026-12-29");

std::string merton_closed_on(const json& closures) {
    return merton_with([&](json& d) { d["closures"] = closures; });
}

// Merton, raised at IR1 (10 working days for the work's completion) on Mon 21 Dec 2026: the
// IR1 resolution's obligation.
json ir1_response(const drp::policy& p) {
    drp::dispute d(p);
    d.apply(json{{"type", "raise"}, {"at", "2026-12-21T09:00:00Z"}, {"dispute_id", "D-1"}, {"child_ref", "C1"},
                 {"category", "resources"}, {"urgency", "standard"}, {"summary", "s"}, {"start_stage", "IR1"},
                 {"start_reason", "r"}});
    const json state = d.to_json();
    for (const auto& o : state["obligations"])
        if (o["id"] == "resolution" && o["stage"] == "IR1") return o;
    ADD_FAILURE() << "no IR1 resolution";
    return {};
}

drp::policy_load_options closed(std::vector<drp::closure> days) {
    drp::policy_load_options o;
    o.closures = std::move(days);
    return o;
}

std::vector<drp::diagnostic> findings(const std::string& text, const std::string& rule) {
    std::vector<drp::diagnostic> out;
    for (auto& d : drp::validate_policy(text, "closures.json"))
        if (d.rule == rule) out.push_back(std::move(d));
    return out;
}

TEST(PolicyClosures, WithoutAClosureMertonIr1RaisedOn21December2026IsDue7January2027) {
    const json r = ir1_response(drp::builtin_policy("merton"));
    EXPECT_EQ(r["due_date"], "2027-01-07");
    for (const auto& s : r["explain"]["skipped"]) EXPECT_NE(s["date"], "2026-12-29");
}

TEST(PolicyClosures, AClosureInThePolicyFileMovesTheDeadlineAndTheExplainNamesIt) {
    const auto p = drp::load_policy(merton_closed_on(json::array({{{"date", "2026-12-29"}, {"title", "Council closure"}}})));
    ASSERT_EQ(p.closures().size(), 1u);
    EXPECT_EQ(p.closures()[0], (drp::closure{dec29, "Council closure"}));
    EXPECT_TRUE(p.added_closures().empty());
    EXPECT_FALSE(p.calendar().is_working_day(dec29));
    const json r = ir1_response(p);
    EXPECT_EQ(r["due_date"], "2027-01-08");
    EXPECT_EQ(r["due"], "2027-01-08T23:59:59+00:00");
    const json skipped = r["explain"]["skipped"];
    EXPECT_NE(std::find(skipped.begin(), skipped.end(), json{{"date", "2026-12-29"}, {"name", "Council closure"}}), skipped.end())
        << skipped.dump();
    EXPECT_NE(std::find(skipped.begin(), skipped.end(), json{{"date", "2026-12-25"}, {"name", "Christmas Day"}}), skipped.end());
    const auto text = r["explain"]["text"].get<std::string>();
    EXPECT_NE(text.find("Tue 29 Dec 2026 (Council closure)"), std::string::npos) << text;
    EXPECT_NE(text.find(" is Fri 8 Jan 2027"), std::string::npos) << text;
}

TEST(PolicyClosures, AClosureWithoutATitleIsALocalClosureDay) {
    const auto p = drp::load_policy(merton_closed_on(json::array({{{"date", "2026-12-29"}}})));
    EXPECT_EQ(p.closures().at(0).title, "Local closure day");
    const auto text = ir1_response(p)["explain"]["text"].get<std::string>();
    EXPECT_NE(text.find("Tue 29 Dec 2026 (Local closure day)"), std::string::npos) << text;
}

TEST(PolicyClosures, TheHostAddsClosuresAtLoadWithoutChangingTheSourceText) {
    const auto plain = drp::builtin_policy("merton");
    const auto p = drp::builtin_policy("merton", closed({{dec29, "Council closure"}}));
    EXPECT_EQ(p.source_text(), plain.source_text());
    EXPECT_EQ(p.added_closures(), (std::vector<drp::closure>{{dec29, "Council closure"}}));
    EXPECT_EQ(p.closures(), p.added_closures());
    const json r = ir1_response(p);
    EXPECT_EQ(r["due_date"], "2027-01-08");
    EXPECT_NE(r["explain"]["text"].get<std::string>().find("Tue 29 Dec 2026 (Council closure)"), std::string::npos);
    // load_policy and load_policy_file take the same options.
    EXPECT_EQ(ir1_response(drp::load_policy(plain.source_text(), "merton.json", closed({{dec29}})))["due_date"], "2027-01-08");
    EXPECT_EQ(ir1_response(drp::load_policy_file(std::string(DRP_SOURCE_DIR) + "/policies/merton.json", closed({{dec29}})))["due_date"],
              "2027-01-08");
    // The policy a host loaded before is untouched.
    EXPECT_EQ(ir1_response(plain)["due_date"], "2027-01-07");
}

TEST(PolicyClosures, TheFilesAndTheHostsClosuresAddUpAndTheHostsTitleWinsOnTheSameDay) {
    const auto p = drp::load_policy(
        merton_closed_on(json::array({{{"date", "2026-12-30"}, {"title", "Council closure"}}, {{"date", "2026-12-29"}}})),
        "merton.json", closed({{drp::parse_date("2026-12-31"), "Host closure"}, {dec29, "Host closure"}}));
    EXPECT_EQ(p.closures(), (std::vector<drp::closure>{{dec29, "Host closure"},
                                                       {drp::parse_date("2026-12-30"), "Council closure"},
                                                       {drp::parse_date("2026-12-31"), "Host closure"}}));
    EXPECT_EQ(p.added_closures().size(), 2u);
    // 22, 23, 24 Dec; 4-8 Jan; 11, 12 Jan: 29-31 Dec closed besides the bank holidays.
    EXPECT_EQ(ir1_response(p)["due_date"], "2027-01-12");
}

TEST(PolicyClosures, HostClosuresThatCannotBeOneAreRefusedNamingTheDayNotTheTitle) {
    auto refused = [](std::vector<drp::closure> days) -> drp::error {
        try {
            (void)drp::builtin_policy("merton", closed(std::move(days)));
        } catch (const drp::policy_error& e) {
            ADD_FAILURE() << "a policy error for a host closure: " << e.what();
            return e;
        } catch (const drp::error& e) {
            return e;
        }
        ADD_FAILURE() << "loaded";
        return drp::error(drp::errc::internal, "");
    };
    EXPECT_EQ(refused({{drp::parse_date("1969-12-31")}}).code(), drp::errc::out_of_range);
    EXPECT_EQ(refused({{drp::parse_date("2200-01-01")}}).code(), drp::errc::out_of_range);
    for (const std::string& title : std::vector<std::string>{"", "two\nlines", " padded", std::string(101, 'x'), std::string("bad \xff byte"),
                                    std::string("c1 \xc2\x85 control")}) {
        const auto e = refused({{dec29, title}});
        EXPECT_EQ(e.code(), drp::errc::invalid_argument) << title;
        EXPECT_NE(std::string(e.what()).find("2026-12-29"), std::string::npos) << e.what();
        if (!title.empty()) {
            EXPECT_EQ(std::string(e.what()).find(title), std::string::npos) << e.what();
        }
    }
    EXPECT_NO_THROW((void)drp::builtin_policy("merton", closed({{dec29, std::string(100, 'x')}})));
    EXPECT_NO_THROW((void)drp::builtin_policy("merton", closed({{dec29, "Fermeture de la mairie \xc3\xa0 No\xc3\xabl"}})));
}

TEST(PolicyClosures, ARepeatedDayIsAnErrorAtTheSecondEntry) {
    const auto text = merton_closed_on(json::array({{{"date", "2026-12-29"}, {"title", "Council closure"}},
                                                    {{"date", "2026-12-29"}, {"title", "Christmas closure"}}}));
    const auto e = load_error(text);
    EXPECT_EQ(e.code(), drp::errc::semantic);
    const auto found = findings(text, "duplicate-closure");
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].pointer, "/closures/1/date");
    EXPECT_EQ(found[0].level, drp::diagnostic::severity::error);
    EXPECT_NE(found[0].message.find("2026-12-29"), std::string::npos);
    EXPECT_NE(found[0].message.find("/closures/0"), std::string::npos);
    EXPECT_GT(found[0].line, 0);
    // The same entry twice is the schema's (uniqueItems).
    const auto same = merton_closed_on(json::array({{{"date", "2026-12-29"}}, {{"date", "2026-12-29"}}}));
    EXPECT_EQ(load_error(same).code(), drp::errc::schema);
}

TEST(PolicyClosures, AClosureOnAWeekendOrABankHolidayIsAWarningNamingTheDay) {
    const auto text = merton_closed_on(json::array({{{"date", "2026-12-26"}, {"title", "Council closure"}},
                                                    {{"date", "2026-12-25"}, {"title", "Council closure"}},
                                                    {{"date", "2026-12-29"}, {"title", "Council closure"}}}));
    const auto weekend = findings(text, "closure-on-weekend");
    ASSERT_EQ(weekend.size(), 1u);
    EXPECT_EQ(weekend[0].level, drp::diagnostic::severity::warning);
    EXPECT_EQ(weekend[0].pointer, "/closures/0/date");
    EXPECT_NE(weekend[0].message.find("2026-12-26"), std::string::npos);
    EXPECT_NE(weekend[0].message.find("Sat 26 Dec 2026"), std::string::npos);
    const auto bank = findings(text, "closure-on-bank-holiday");
    ASSERT_EQ(bank.size(), 1u);
    EXPECT_EQ(bank[0].pointer, "/closures/1/date");
    EXPECT_NE(bank[0].message.find("2026-12-25"), std::string::npos);
    EXPECT_NE(bank[0].message.find("Christmas Day"), std::string::npos);
    for (const auto& d : drp::validate_policy(text, "closures.json"))  // warnings never quote the closure's title
        EXPECT_EQ(d.message.find("Council closure"), std::string::npos) << drp::format(d);
    // Warnings do not stop loading, and the explain names the bank holiday, not the closure.
    const auto p = drp::load_policy(text);
    const json skipped = ir1_response(p)["explain"]["skipped"];
    EXPECT_NE(std::find(skipped.begin(), skipped.end(), json{{"date", "2026-12-25"}, {"name", "Christmas Day"}}), skipped.end());
    EXPECT_EQ(ir1_response(p)["due_date"], "2027-01-08");
}

TEST(PolicyClosures, ADayOutsideTheCalendarsRangeOrThatDoesNotExistIsAnError) {
    const auto early = merton_closed_on(json::array({{{"date", "1969-12-31"}}}));
    EXPECT_EQ(load_error(early).code(), drp::errc::semantic);
    const auto range = findings(early, "closure-range");
    ASSERT_EQ(range.size(), 1u);
    EXPECT_EQ(range[0].pointer, "/closures/0/date");
    EXPECT_NE(range[0].message.find("1970-2199"), std::string::npos);
    EXPECT_EQ(findings(merton_closed_on(json::array({{{"date", "2200-01-01"}}})), "closure-range").size(), 1u);
    const auto e = load_error(merton_closed_on(json::array({{{"date", "2026-02-30"}}})));
    EXPECT_EQ(e.code(), drp::errc::schema);
    ASSERT_EQ(e.diagnostics().size(), 1u);
    EXPECT_EQ(e.diagnostics()[0].pointer, "/closures/0/date");
    EXPECT_EQ(load_error(merton_closed_on(json::array({{{"date", "2026-12-29"}, {"title", "a\nb"}}}))).code(), drp::errc::schema);
    EXPECT_EQ(load_error(merton_closed_on(json::array({{{"date", "2026-12-29"}, {"title", ""}}}))).code(), drp::errc::schema);
}

TEST(PolicyClosures, ADisputeRestoresOnlyUnderThePolicyWithTheClosuresItRanUnder) {
    const auto closed_p = drp::builtin_policy("merton", closed({{dec29, "Council closure"}}));
    drp::dispute d(closed_p);
    d.apply(json{{"type", "raise"}, {"at", "2026-12-21T09:00:00Z"}, {"dispute_id", "D-1"}, {"child_ref", "C1"},
                 {"category", "resources"}, {"urgency", "standard"}, {"summary", "s"}, {"start_stage", "IR1"},
                 {"start_reason", "r"}});
    const json stored = d.to_json();
    EXPECT_EQ(drp::dispute::from_json(drp::builtin_policy("merton", closed({{dec29, "Council closure"}})), stored).to_json(), stored);
    auto refusal = [&](const drp::policy& p) -> std::string {
        try {
            (void)drp::dispute::from_json(p, stored);
        } catch (const drp::error& e) {
            EXPECT_EQ(e.code(), drp::errc::schema);
            return e.what();
        }
        ADD_FAILURE() << "restored under other closures";
        return "";
    };
    const std::string without = refusal(drp::builtin_policy("merton"));
    EXPECT_NE(without.find("2026-12-29"), std::string::npos) << without;
    EXPECT_NE(without.find("closure"), std::string::npos) << without;
    const std::string more = refusal(drp::builtin_policy("merton", closed({{dec29}, {drp::parse_date("2027-01-05")}})));
    EXPECT_NE(more.find("2027-01-05"), std::string::npos) << more;
}

}  // namespace
