// "The chair, the QA manager and the Head of QA decide together whether the response is
// satisfactory": a stage's "judged_by" names the roles whose joint judgement a response
// needs; a respond there must name them all in its own "judged_by", or it is refused and
// changes nothing.
//
// Expected dates are worked out by hand (no bank holiday falls in June 2025).
#include "scenario_support.hpp"

#include "drp/event_history.hpp"

namespace {

using namespace scenario;

json panel_policy() {
    json doc = invented_policy_json();
    doc["applies_to"] = {"CP_CHAIR"};
    doc["roles"] = json::parse(R"({"CP_CHAIR": {"title": "Child Protection Chair"}, "QA_MANAGER": {"title": "QA Manager"},
        "HEAD_OF_QA": {"title": "Head of Quality Assurance"}, "HOS": {"title": "Head of Service"},
        "TM": {"title": "Team Manager"}})");
    doc["stages"] = json::parse(R"([
        {"id": "stage1", "title": "Stage 1: Team Manager", "level": 1, "kind": "formal",
         "raised_by": ["CP_CHAIR"], "responder": ["TM"], "timescale": {"working_days": 5}},
        {"id": "stage2", "title": "Stage 2: Head of Service", "level": 2, "kind": "formal",
         "raised_by": ["CP_CHAIR"], "responder": ["HOS"], "timescale": {"working_days": 10},
         "judged_by": ["CP_CHAIR", "QA_MANAGER", "HEAD_OF_QA"]},
        {"id": "stage3", "title": "Stage 3: Director", "level": 3, "kind": "formal",
         "raised_by": ["CP_CHAIR"], "responder": ["HOS"], "timescale": {"working_days": 10}}])");
    doc["rules"]["escalation"]["reasons"] = json::parse(R"({"not_resolved": {}, "inadequate_response": {}})");
    doc["rules"]["referral"] = json::parse(R"({"allowed": false})");
    doc["case_types"] = {"child_protection"};
    return doc;
}

// Raised at stage 1 on Mon 19 May 2025, escalated to stage 2 on Mon 2 Jun 2025.
case_file at_stage_2() {
    case_file c(load_invented(panel_policy()));
    c.apply(R"({"type":"raise","at":"2025-05-19T09:00:00+01:00","by":"CP_CHAIR","child_ref":"X","category":"c",
                "urgency":"standard","summary":"s"})");
    c.apply(R"({"type":"escalate","at":"2025-06-02T09:00:00+01:00","by":"CP_CHAIR","reason":"not_resolved"})");
    return c;
}

}  // namespace

TEST(JudgedTogether, a_response_judged_by_the_whole_panel_is_taken_and_allows_inadequate_response) {
    case_file c = at_stage_2();
    // 10 working days after Mon 2 Jun 2025: Tue 3 … Fri 6 (4), Mon 9 … Fri 13 (9), Mon 16 (10).
    EXPECT_EQ(obligation(c.state(), "response", "stage2")["due_date"], "2025-06-16");
    // Others may judge with them, in any order.
    c.apply(R"({"type":"respond","at":"2025-06-16T15:00:00+01:00","by":"HOS","adequate":false,
                "judged_by":["HEAD_OF_QA","TM","CP_CHAIR","QA_MANAGER"]})");
    const json resp = obligation(c.state(), "response", "stage2");
    EXPECT_EQ(resp["status"], "met");
    EXPECT_EQ(resp["met_at"], "2025-06-16T15:00:00+01:00");  // on the due date: on time
    // The history keeps who judged, as given.
    const json last = c.state()["history"].back();
    EXPECT_EQ(last["judged_by"], json::array({"HEAD_OF_QA", "TM", "CP_CHAIR", "QA_MANAGER"}));
    EXPECT_EQ(c.dispute().to_json_text(), c.state().dump());  // the text writer writes the list as the DOM does
    c.apply(R"({"type":"escalate","at":"2025-06-17T09:00:00+01:00","by":"CP_CHAIR","reason":"inadequate_response"})");
    EXPECT_EQ(c.stage(), "stage3");
}

TEST(JudgedTogether, a_response_without_the_whole_panel_is_refused_and_changes_nothing) {
    case_file c = at_stage_2();
    const auto no_list = refused(c, R"({"type":"respond","at":"2025-06-16T15:00:00+01:00","by":"HOS","adequate":false})",
                                 drp::errc::not_permitted);
    EXPECT_TRUE(no_list);
    EXPECT_NE(std::string(no_list.message()).find("judged together by CP_CHAIR, QA_MANAGER, HEAD_OF_QA: give \"judged_by\""),
              std::string::npos) << no_list.message();
    const auto short_one = refused(c, R"({"type":"respond","at":"2025-06-16T15:00:00+01:00","by":"HOS","adequate":false,
                                          "judged_by":["CP_CHAIR","QA_MANAGER"]})",
                                   drp::errc::not_permitted);
    EXPECT_TRUE(short_one);
    EXPECT_NE(std::string(short_one.message()).find("\"judged_by\" lacks HEAD_OF_QA"), std::string::npos) << short_one.message();
    // Still owed: overdue from Tue 17 Jun.
    EXPECT_EQ(obligation(c.as_of("2025-06-17T00:00:00+01:00"), "response", "stage2")["status"], "overdue");
}

TEST(JudgedTogether, judges_are_roles_of_the_policy) {
    case_file c = at_stage_2();
    const auto r = refused(c, R"({"type":"respond","at":"2025-06-16T15:00:00+01:00","by":"HOS","adequate":true,
                                  "judged_by":["CP_CHAIR","QA_MANAGER","HEAD_OF_QA","PANEL"]})",
                           drp::errc::invalid_event);
    EXPECT_TRUE(r);
    EXPECT_NE(std::string(r.message()).find("/judged_by/3: role 'PANEL' is not defined in the policy"), std::string::npos)
        << r.message();
}

TEST(JudgedTogether, where_the_stage_names_no_panel_a_respond_may_still_say_who_judged) {
    case_file c(load_invented(panel_policy()));
    c.apply(R"({"type":"raise","at":"2025-06-02T09:00:00+01:00","child_ref":"X","category":"c","urgency":"standard","summary":"s"})");
    c.apply(R"({"type":"respond","at":"2025-06-04T10:00:00+01:00","by":"TM","adequate":true})");  // none needed
    c.apply(R"({"type":"respond","at":"2025-06-05T10:00:00+01:00","by":"TM","adequate":true,"judged_by":["CP_CHAIR"]})");
    EXPECT_FALSE(c.state()["history"][1].contains("judged_by"));
    EXPECT_EQ(c.state()["history"][2]["judged_by"], json::array({"CP_CHAIR"}));
}

TEST(JudgedTogether, the_field_has_the_schema_shape) {
    const auto code_and_message = [](const std::string& judged) {
        try {
            drp::parse_event(std::string_view(R"({"type":"respond","at":"2025-06-16T15:00:00+01:00","dispute_id":"D",)"
                                              R"("adequate":true,"judged_by":)" + judged + "}"));
        } catch (const drp::error& e) {
            return std::pair<drp::errc, std::string>(e.code(), e.what());
        }
        return std::pair<drp::errc, std::string>(drp::errc::ok, "");
    };
    EXPECT_EQ(code_and_message(R"(["CP_CHAIR"])").first, drp::errc::ok);
    for (const auto& [text, says] : std::vector<std::pair<std::string, std::string>>{
             {R"("CP_CHAIR")", "expected a list of role ids"},
             {R"([])", "must not be empty"},
             {R"(["CP_CHAIR", 3])", "expected a list of role ids"},
             {R"(["CP_CHAIR", "CP_CHAIR"])", "\"CP_CHAIR\" is listed twice"},
             {R"(["chair"])", "is not a role id"},
             {R"([""])", "must not be empty"},
             {R"(["A","B","C","D","E","F","G","H","I","J","K","L","M","N","O","P","Q"])", "more than 16 roles"}}) {
        const auto [code, message] = code_and_message(text);
        EXPECT_EQ(code, drp::errc::invalid_event) << text;
        EXPECT_NE(message.find("judged_by"), std::string::npos) << text << ": " << message;
        EXPECT_NE(message.find(says), std::string::npos) << text << ": " << message;
    }
    // Only a respond has it.
    EXPECT_THROW(drp::parse_event(std::string_view(R"({"type":"resume","at":"2025-06-16T15:00:00+01:00","dispute_id":"D",)"
                                                   R"("judged_by":["CP_CHAIR"]})")),
                 drp::error);
}

TEST(JudgedTogether, survives_the_compact_history_and_to_json) {
    drp::event e = drp::parse_event(std::string_view(
        R"({"type":"respond","at":"2025-06-16T15:00:00+01:00","dispute_id":"D","by":"HOS","adequate":true,)"
        R"("judged_by":["CP_CHAIR","QA_MANAGER","HEAD_OF_QA"]})"));
    ASSERT_EQ(e.judged_by, (std::vector<std::string>{"CP_CHAIR", "QA_MANAGER", "HEAD_OF_QA"}));
    drp::event_history h;
    h.push_back(e);
    drp::event plain = e;
    plain.judged_by.clear();
    h.push_back(plain);
    const drp::event back = h[0];
    EXPECT_EQ(back.judged_by, e.judged_by);
    EXPECT_EQ(back.by, "HOS");
    EXPECT_TRUE(h[1].judged_by.empty());
    EXPECT_EQ(drp::to_json(back), drp::to_json(e));
    EXPECT_EQ(drp::parse_event(drp::to_json(e)).judged_by, e.judged_by);
    // Built in code, a repeated judge is refused like a parsed one.
    drp::event twice = e;
    twice.judged_by.push_back("HOS");
    twice.judged_by.push_back("HOS");
    EXPECT_THROW(drp::check_event(twice), drp::error);
}

TEST(JudgedTogether, the_validator_checks_the_panel_and_the_drawing_shows_it) {
    json doc = panel_policy();
    doc["stages"][1]["judged_by"] = {"CP_CHAIR", "QA_MANGER"};
    bool unknown = false;
    for (const auto& d : drp::validate_policy(doc.dump(), "invented.json"))
        unknown = unknown || (d.rule == "unknown-role" && d.pointer == "/stages/1/judged_by/1" &&
                              d.level == drp::diagnostic::severity::error);
    EXPECT_TRUE(unknown);
    doc = panel_policy();
    doc["stages"][2]["responder"] = json::array();
    doc["stages"][2]["timescale"] = {{"none", true}};
    doc["stages"][2]["judged_by"] = {"CP_CHAIR"};
    bool warned = false;
    for (const auto& d : drp::validate_policy(doc.dump(), "invented.json"))
        warned = warned || (d.rule == "judged-without-response" && d.pointer == "/stages/2/judged_by" &&
                            d.level == drp::diagnostic::severity::warning);
    EXPECT_TRUE(warned);
    const std::string m = drawn(panel_policy());
    EXPECT_NE(m.find("judged together by CP_CHAIR, QA_MANAGER, HEAD_OF_QA"), std::string::npos) << m;
}
