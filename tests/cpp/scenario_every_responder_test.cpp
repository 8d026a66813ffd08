// "The relevant Director in each organisation responds": a multi-agency stage with
// "every_responder": true waits for an answer from each responder; one reply no longer
// closes the duty for all, and the state's `awaiting` says who is still owed. An
// obligation with "every_role": true is owed the same way by each of its roles.
//
// Expected dates are worked out by hand (no bank holiday falls in June 2025).
#include "scenario_support.hpp"

namespace {

using namespace scenario;

json multi_agency_policy() {
    json doc = invented_policy_json();
    doc["roles"]["DCS"] = {{"title", "Director of Children's Services"}};
    doc["roles"]["HEALTH_DIRECTOR"] = {{"title", "Director of Nursing, the health trust"}};
    doc["roles"]["POLICE_SUPERINTENDENT"] = {{"title", "Detective Superintendent, the police"}};
    auto& st = doc["stages"][0];
    st["responder"] = {"DCS", "HEALTH_DIRECTOR", "POLICE_SUPERINTENDENT"};
    st["every_responder"] = true;
    st["obligations"] = json::parse(R"([{"id": "record_decision", "kind": "record", "role": ["DCS", "HEALTH_DIRECTOR"],
        "every_role": true, "from": "response_received", "system": "each agency's record",
        "description": "Each organisation records the decision on its own record."}])");
    doc["roles"].erase("TM");
    return doc;
}

case_file raised_on_2_june_2025() {
    case_file c(load_invented(multi_agency_policy()));
    c.apply(R"({"type":"raise","at":"2025-06-02T09:00:00+01:00","child_ref":"X","category":"c","urgency":"standard","summary":"s"})");
    return c;
}

}  // namespace

TEST(EveryResponder, one_director_answering_leaves_the_stage_waiting_for_the_others) {
    case_file c = raised_on_2_june_2025();
    json resp = obligation(c.state(), "response", "stage1");
    // 5 working days after Mon 2 Jun 2025: Tue 3, Wed 4, Thu 5, Fri 6, Mon 9 -> Mon 9 Jun.
    EXPECT_EQ(resp["due_date"], "2025-06-09");
    EXPECT_EQ(resp["awaiting"], json::array({"DCS", "HEALTH_DIRECTOR", "POLICE_SUPERINTENDENT"}));
    c.apply(R"({"type":"respond","at":"2025-06-04T10:00:00+01:00","by":"DCS","adequate":true})");
    c.apply(R"({"type":"respond","at":"2025-06-06T10:00:00+01:00","by":"HEALTH_DIRECTOR","adequate":true})");
    resp = obligation(c.state(), "response", "stage1");
    EXPECT_EQ(resp["status"], "open");
    EXPECT_EQ(resp["awaiting"], json::array({"POLICE_SUPERINTENDENT"}));
    // Still owed after Mon 9 Jun: overdue from Tue 10 Jun.
    EXPECT_EQ(obligation(c.as_of("2025-06-10T00:00:00+01:00"), "response", "stage1")["status"], "overdue");
    c.apply(R"({"type":"respond","at":"2025-06-10T11:00:00+01:00","by":"POLICE_SUPERINTENDENT","adequate":true})");
    resp = obligation(c.state(), "response", "stage1");
    EXPECT_EQ(resp["status"], "met");
    EXPECT_EQ(resp["met_at"], "2025-06-10T11:00:00+01:00");  // late: after the due date
    EXPECT_EQ(resp["awaiting"], json::array());
}

TEST(EveryResponder, an_answer_must_say_who_gives_it) {
    case_file c = raised_on_2_june_2025();
    EXPECT_TRUE(refused(c, R"({"type":"respond","at":"2025-06-04T10:00:00+01:00","adequate":true})", drp::errc::invalid_event));
    EXPECT_TRUE(refused(c, R"({"type":"respond","at":"2025-06-04T10:00:00+01:00","by":"IRO","adequate":true})",
                        drp::errc::not_permitted));
}

TEST(EveryResponder, a_record_every_organisation_owes_is_met_when_each_has_made_it) {
    case_file c = raised_on_2_june_2025();
    c.apply(R"({"type":"respond","at":"2025-06-04T10:00:00+01:00","by":"DCS","adequate":true})");
    // The first response_received duty arose with the DCS's answer.
    ASSERT_EQ(obligations(c.state(), "record_decision", "stage1").size(), 1u);
    EXPECT_TRUE(refused(c, R"({"type":"record","at":"2025-06-05T10:00:00+01:00","obligation":"record_decision"})",
                        drp::errc::invalid_event));  // whose record?
    EXPECT_TRUE(refused(c, R"({"type":"record","at":"2025-06-05T10:00:00+01:00","obligation":"record_decision","by":"IRO"})",
                        drp::errc::not_permitted));
    c.apply(R"({"type":"record","at":"2025-06-05T10:00:00+01:00","obligation":"record_decision","by":"HEALTH_DIRECTOR"})");
    json rec = obligation(c.state(), "record_decision", "stage1");
    EXPECT_EQ(rec["status"], "open");
    EXPECT_EQ(rec["awaiting"], json::array({"DCS"}));
    c.apply(R"({"type":"record","at":"2025-06-06T10:00:00+01:00","obligation":"record_decision","by":"DCS"})");
    rec = obligation(c.state(), "record_decision", "stage1");
    EXPECT_EQ(rec["status"], "met");
    EXPECT_EQ(rec["met_at"], "2025-06-06T10:00:00+01:00");
}

TEST(EveryResponder, without_the_flag_any_one_responder_answers_for_all) {
    json doc = multi_agency_policy();
    doc["stages"][0].erase("every_responder");
    case_file c(load_invented(doc));
    c.apply(R"({"type":"raise","at":"2025-06-02T09:00:00+01:00","child_ref":"X","category":"c","urgency":"standard","summary":"s"})");
    c.apply(R"({"type":"respond","at":"2025-06-04T10:00:00+01:00","by":"DCS","adequate":true})");
    const json resp = obligation(c.state(), "response", "stage1");
    EXPECT_EQ(resp["status"], "met");
    EXPECT_FALSE(resp.contains("awaiting"));  // existing states are unchanged
}

TEST(EveryResponder, every_role_is_only_for_answers_records_and_notifications) {
    json doc = multi_agency_policy();
    doc["stages"][0]["obligations"][0]["kind"] = "meeting";
    doc["stages"][0]["obligations"][0]["meeting"] = "professionals";
    bool found = false;
    for (const auto& d : drp::validate_policy(doc.dump(), "invented.json"))
        if (d.rule == "every-role-kind") {
            found = true;
            EXPECT_EQ(d.level, drp::diagnostic::severity::error);
            EXPECT_EQ(d.pointer, "/stages/0/obligations/0/every_role");
        }
    EXPECT_TRUE(found);
    doc = multi_agency_policy();
    doc["stages"][0]["responder"] = {"DCS"};
    found = false;
    for (const auto& d : drp::validate_policy(doc.dump(), "invented.json"))
        found = found || (d.rule == "every-one-alone" && d.pointer == "/stages/0/every_responder" &&
                          d.level == drp::diagnostic::severity::warning);
    EXPECT_TRUE(found);
}

TEST(EveryResponder, is_drawn_as_each_of_them) {
    const std::string m = drawn(multi_agency_policy());
    EXPECT_NE(m.find("responds: DCS, HEALTH_DIRECTOR, POLICE_SUPERINTENDENT (each of them)"), std::string::npos) << m;
    EXPECT_NE(m.find("DCS, HEALTH_DIRECTOR each records"), std::string::npos) << m;
    EXPECT_EQ(m.find("DCS / HEALTH_DIRECTOR"), std::string::npos) << m;  // not "any one of them"
}
