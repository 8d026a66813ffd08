// "Rather than escalate, support the child to use the complaints procedure or an advocate":
// an other_route event records that the concern was taken another way, other_route_ended
// that it ended. Escalation waits while it runs; the duties do not.
//
// Expected dates are worked out by hand (no bank holiday falls in June 2025).
#include "scenario_support.hpp"

#include "drp/event_history.hpp"

namespace {

using namespace scenario;

json routes_policy() {
    json doc = invented_policy_json();
    doc["stages"].push_back(json::parse(R"({"id": "stage2", "title": "Stage 2", "level": 2, "kind": "formal",
        "raised_by": ["IRO"], "responder": ["TM"], "timescale": {"working_days": 5}})"));
    doc["rules"]["escalation"]["reasons"] = json::parse(R"({"not_resolved": {}, "no_response": {}})");
    doc["rules"]["other_routes"] = json::parse(R"({"complaint": {"title": "Children's complaints procedure"},
        "advocacy": {"title": "Advocacy for the child"}})");
    return doc;
}

// Raised on Mon 2 Jun 2025 at stage 1 (5 working days: due Mon 9 Jun).
case_file raised(const json& doc = routes_policy()) {
    case_file c(load_invented(doc));
    c.apply(R"({"type":"raise","at":"2025-06-02T09:00:00+01:00","child_ref":"X","category":"c","urgency":"standard","summary":"s"})");
    return c;
}

}  // namespace

TEST(OtherRoute, escalation_waits_while_the_complaint_runs_and_the_response_stays_owed) {
    case_file c = raised();
    EXPECT_EQ(obligation(c.state(), "response", "stage1")["due_date"], "2025-06-09");
    EXPECT_FALSE(c.state().contains("other_routes"));  // states without a route are as they were
    c.apply(R"({"type":"other_route","at":"2025-06-04T10:00:00+01:00","by":"IRO","route":"complaint"})");
    json routes = c.state()["other_routes"];
    ASSERT_EQ(routes.size(), 1u);
    EXPECT_EQ(routes[0]["route"], "complaint");
    EXPECT_EQ(routes[0]["taken_at"], "2025-06-04T10:00:00+01:00");
    EXPECT_TRUE(routes[0]["ended_at"].is_null());
    EXPECT_EQ(c.state()["status"], "open");
    // The response is still owed: overdue from Tue 10 Jun.
    EXPECT_EQ(obligation(c.as_of("2025-06-10T00:00:00+01:00"), "response", "stage1")["status"], "overdue");
    const auto no = refused(c, R"({"type":"escalate","at":"2025-06-10T10:00:00+01:00","reason":"no_response"})",
                            drp::errc::not_permitted);
    EXPECT_TRUE(no);
    EXPECT_NE(std::string(no.message()).find("being taken another way ('complaint') instead of escalation"), std::string::npos)
        << no.message();
    // One route at a time.
    EXPECT_TRUE(refused(c, R"({"type":"other_route","at":"2025-06-11T10:00:00+01:00","route":"advocacy"})",
                        drp::errc::not_permitted));
    // Its end names it.
    EXPECT_TRUE(refused(c, R"({"type":"other_route_ended","at":"2025-06-13T16:00:00+01:00","route":"advocacy"})",
                        drp::errc::invalid_event));
    c.apply(R"({"type":"other_route_ended","at":"2025-06-13T16:00:00+01:00","route":"complaint"})");
    routes = c.state()["other_routes"];
    EXPECT_EQ(routes[0]["ended_at"], "2025-06-13T16:00:00+01:00");
    c.apply(R"({"type":"escalate","at":"2025-06-16T09:00:00+01:00","reason":"no_response"})");
    EXPECT_EQ(c.stage(), "stage2");
    // After it ended another may be taken.
    c.apply(R"({"type":"other_route","at":"2025-06-17T09:00:00+01:00","route":"advocacy"})");
    EXPECT_EQ(c.state()["other_routes"].size(), 2u);
}

TEST(OtherRoute, needs_an_open_dispute_and_a_route_of_the_policy) {
    case_file fresh(load_invented(routes_policy()));
    EXPECT_EQ(code_of([&] { fresh.apply(R"({"type":"other_route","at":"2025-06-02T09:00:00+01:00","route":"complaint"})"); }),
              drp::errc::not_permitted);
    case_file c = raised();
    const auto r = refused(c, R"({"type":"other_route","at":"2025-06-04T10:00:00+01:00","route":"mediation"})",
                           drp::errc::invalid_event);
    EXPECT_TRUE(r);
    EXPECT_NE(std::string(r.message()).find("'mediation' is not one of the policy's other routes: advocacy, complaint"),
              std::string::npos) << r.message();
    EXPECT_TRUE(refused(c, R"({"type":"other_route_ended","at":"2025-06-04T10:00:00+01:00","route":"complaint"})",
                        drp::errc::not_permitted));  // none is being taken
    // A policy naming no routes takes any route id.
    json silent = routes_policy();
    silent["rules"].erase("other_routes");
    case_file s = raised(silent);
    s.apply(R"({"type":"other_route","at":"2025-06-04T10:00:00+01:00","route":"mediation"})");
    EXPECT_EQ(s.state()["other_routes"][0]["route"], "mediation");
}

TEST(OtherRoute, its_end_may_come_after_the_dispute_was_resolved) {
    case_file c = raised();
    c.apply(R"({"type":"other_route","at":"2025-06-04T10:00:00+01:00","route":"advocacy"})");
    c.apply(R"({"type":"resolve","at":"2025-06-05T10:00:00+01:00","summary":"s"})");
    EXPECT_EQ(c.state()["status"], "resolved");
    c.apply(R"({"type":"other_route_ended","at":"2025-06-20T10:00:00+01:00","route":"advocacy"})");
    EXPECT_EQ(c.state()["other_routes"][0]["ended_at"], "2025-06-20T10:00:00+01:00");
    // But none is taken once the dispute has ended.
    EXPECT_TRUE(refused(c, R"({"type":"other_route","at":"2025-06-21T10:00:00+01:00","route":"complaint"})",
                        drp::errc::not_permitted));
}

TEST(OtherRoute, the_event_has_the_schema_shape_and_survives_the_history) {
    const auto code_of_text = [](const std::string& text) {
        return code_of([&] { drp::parse_event(std::string_view(text)); });
    };
    EXPECT_EQ(code_of_text(R"({"type":"other_route","at":"2025-06-04T10:00:00+01:00","dispute_id":"D","route":"complaint"})"),
              drp::errc::ok);
    EXPECT_EQ(code_of_text(R"({"type":"other_route","at":"2025-06-04T10:00:00+01:00","dispute_id":"D"})"),
              drp::errc::invalid_event);  // route required
    EXPECT_EQ(code_of_text(R"({"type":"other_route","at":"2025-06-04T10:00:00+01:00","dispute_id":"D","route":"Complaint"})"),
              drp::errc::invalid_event);  // not snake case
    EXPECT_EQ(code_of_text(R"({"type":"other_route_ended","at":"2025-06-04T10:00:00+01:00","dispute_id":"D","route":"x",)"
                           R"("reason":"r"})"),
              drp::errc::invalid_event);  // not its field
    const drp::event e = drp::parse_event(std::string_view(
        R"({"type":"other_route_ended","at":"2025-06-04T10:00:00+01:00","dispute_id":"D","route":"complaint"})"));
    drp::event_history h;
    h.push_back(e);
    EXPECT_EQ(h[0].route, "complaint");
    EXPECT_EQ(h.text(0, &drp::event::route), "complaint");
    EXPECT_EQ(drp::to_json(h[0]), drp::to_json(e));
    EXPECT_EQ(drp::to_json(e)["route"], "complaint");
    drp::event built;
    built.type = drp::event_type::other_route;
    built.dispute_id = "D";
    built.at = drp::parse_rfc3339("2025-06-04T10:00:00Z");
    EXPECT_THROW(drp::check_event(built), drp::error);  // no route
}

TEST(OtherRoute, a_stored_state_replays_its_routes_and_allowed_next_offers_them) {
    case_file c = raised();
    EXPECT_NE(c.dispute().allowed_next(drp::parse_rfc3339("2025-06-04T09:00:00+01:00")).size(), 0u);
    const auto before = c.dispute().allowed_next(drp::parse_rfc3339("2025-06-04T09:00:00+01:00"));
    EXPECT_NE(std::find(before.begin(), before.end(), "other_route"), before.end());
    c.apply(R"({"type":"other_route","at":"2025-06-04T10:00:00+01:00","route":"complaint"})");
    const auto during = c.dispute().allowed_next(drp::parse_rfc3339("2025-06-10T09:00:00+01:00"));
    EXPECT_NE(std::find(during.begin(), during.end(), "other_route_ended"), during.end());
    EXPECT_EQ(std::find(during.begin(), during.end(), "other_route"), during.end());
    for (const auto& label : during) EXPECT_EQ(label.rfind("escalate", 0), std::string::npos) << label;
    // The text writer writes other_routes as the DOM does.
    EXPECT_EQ(c.dispute().to_json_text(), c.state().dump());
    c.apply(R"({"type":"other_route_ended","at":"2025-06-12T10:00:00+01:00","route":"complaint"})");
    EXPECT_EQ(c.dispute().to_json_text(drp::parse_rfc3339("2025-06-13T10:00:00+01:00"), 2),
              c.as_of("2025-06-13T10:00:00+01:00").dump(2));
    const drp::dispute back = drp::dispute::from_json(c.dispute().rules(), c.state());
    EXPECT_EQ(back.to_json(), c.state());
    EXPECT_TRUE(back.state() == c.dispute().state());
}

TEST(OtherRoute, is_drawn_in_the_rules_box) {
    const std::string m = drawn(routes_policy());
    EXPECT_NE(m.find("Another route instead of escalation: Advocacy for the child, Children's complaints procedure"),
              std::string::npos) << m;
}
