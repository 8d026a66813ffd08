// Another route taken instead of escalation (a complaint, advocacy) in the summary and the
// period report: process.other_routes, the other_routes table, the page and the trend.
//
// Merton with the two routes of docs/policy-authoring.md §8; the quarter is 2025 Q2 (1 April
// to 30 June 2025, London time), and every count below is worked out by hand from the log.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "drp/report.hpp"
#include "report_events.hpp"

namespace drp {
namespace {

using nlohmann::json;
using report_events::ev;
using report_events::raise;

policy merton_with_routes() {
    json doc = json::parse(builtin_policy("merton").source_text());
    doc["rules"]["other_routes"] = {{"complaint", {{"title", "Children's complaints procedure"}}},
                                    {"advocacy", {{"title", "Advocacy for the child"}}}};
    return load_policy(doc.dump(), "merton-with-routes.json");
}

std::string log_text(const std::vector<json>& events) {
    std::string out;
    for (const auto& e : events) out += e.dump() + "\n";
    return out;
}

// A: the child's complaint, taken and ended within the quarter.
// B: advocacy taken in March (the quarter before) and still running.
// C: no other route.
// D: advocacy taken at 23:30 on the quarter's last day; it ends after the quarter.
const std::vector<json> four_disputes = {
    raise("B", "2025-03-10T09:00:00+00:00", "2025-03-17"),
    ev("other_route", "B", "2025-03-20T10:00:00+00:00", {{"route", "advocacy"}}),
    raise("A", "2025-04-07T09:00:00+01:00", "2025-04-14"),
    ev("other_route", "A", "2025-04-09T10:00:00+01:00", {{"route", "complaint"}}),
    raise("C", "2025-04-15T09:00:00+01:00", "2025-04-22"),
    ev("other_route_ended", "A", "2025-05-02T16:00:00+01:00", {{"route", "complaint"}}),
    raise("D", "2025-06-02T09:00:00+01:00", "2025-06-09"),
    ev("other_route", "D", "2025-06-30T23:30:00+01:00", {{"route", "advocacy"}}),
    ev("other_route_ended", "D", "2025-07-01T00:00:00+01:00", {{"route", "advocacy"}}),
};

json report_of(const policy& p, const std::vector<json>& events, const char* from, const char* to, int trend = 0) {
    std::istringstream log(log_text(events));
    report_period period{parse_date(from), parse_date(to), std::nullopt};
    period.trend_periods = trend;
    return period_report(p, replay_jsonl(p, log, replay_options_for(p, period)), period);
}

const json& route_row(const json& report, const std::string& id) {
    for (const auto& row : report.at("process").at("other_routes").at("routes"))
        if (row.at("route") == id) return row;
    throw std::runtime_error("no row for route " + id);
}

TEST(other_routes_summary, records_each_route_taken_with_its_end) {
    const policy p = merton_with_routes();
    std::istringstream log(log_text(four_disputes));
    const auto r = replay_jsonl(p, log);  // as of the latest event: 1 July 00:00
    ASSERT_EQ(r.disputes.size(), 4u);
    const auto& a = r.disputes[1];
    ASSERT_EQ(a.dispute_id, "A");
    ASSERT_EQ(a.other_routes.size(), 1u);
    EXPECT_EQ(a.other_routes[0].route, "complaint");
    EXPECT_EQ(a.other_routes[0].taken_at, parse_rfc3339("2025-04-09T10:00:00+01:00"));
    EXPECT_EQ(a.other_routes[0].ended_at, parse_rfc3339("2025-05-02T16:00:00+01:00"));
    const auto& b = r.disputes[0];
    ASSERT_EQ(b.other_routes.size(), 1u);
    EXPECT_FALSE(b.other_routes[0].ended_at.has_value());  // still being taken
    EXPECT_TRUE(r.disputes[2].other_routes.empty());       // C
    const json j = summary_json(p, b);
    EXPECT_EQ(j["other_routes"], json::parse(R"([{"route": "advocacy", "taken_at": "2025-03-20T10:00:00+00:00", "ended_at": null}])"));
    EXPECT_EQ(summary_json(p, r.disputes[2])["other_routes"], json::array());
}

TEST(other_routes_report, counts_routes_taken_and_ended_in_the_quarter_and_running_at_its_end) {
    const json rep = report_of(merton_with_routes(), four_disputes, "2025-04-01", "2025-06-30");
    const auto& routes = rep["process"]["other_routes"];
    EXPECT_EQ(routes["disputes"], 2);  // A and D took one in the quarter; B took its own in March
    ASSERT_EQ(routes["routes"].size(), 2u);
    // The policy's routes, in its order (by id), each with its title.
    EXPECT_EQ(routes["routes"][0], json::parse(R"({"route": "advocacy", "title": "Advocacy for the child",
                                                    "taken": 1, "ended": 0, "running_at_end": 2})"));  // D; B and D
    EXPECT_EQ(routes["routes"][1], json::parse(R"({"route": "complaint", "title": "Children's complaints procedure",
                                                    "taken": 1, "ended": 1, "running_at_end": 0})"));  // A
}

TEST(other_routes_report, seen_as_of_later_a_route_ended_after_the_quarter_still_ran_at_its_end) {
    const policy p = merton_with_routes();
    std::istringstream log(log_text(four_disputes));
    const report_period q2{parse_date("2025-04-01"), parse_date("2025-06-30"), parse_rfc3339("2025-07-02T09:00:00+01:00")};
    const json rep = period_report(p, replay_jsonl(p, log, replay_options_for(p, q2)), q2);
    EXPECT_EQ(rep["source"]["events_after_as_of"], 0);  // D's end on 1 July is applied
    EXPECT_EQ(route_row(rep, "advocacy")["ended"], 0);
    EXPECT_EQ(route_row(rep, "advocacy")["running_at_end"], 2);  // B and D, at midnight on 30 June
}

TEST(other_routes_report, the_quarter_before_sees_only_what_had_happened_by_its_end) {
    const json q1 = report_of(merton_with_routes(), four_disputes, "2025-01-01", "2025-03-31");
    EXPECT_EQ(q1["process"]["other_routes"]["disputes"], 1);  // B
    EXPECT_EQ(route_row(q1, "advocacy")["taken"], 1);
    EXPECT_EQ(route_row(q1, "advocacy")["running_at_end"], 1);
    // The policy's routes are listed even with nothing to count.
    EXPECT_EQ(route_row(q1, "complaint"), json::parse(R"({"route": "complaint", "title": "Children's complaints procedure",
                                                          "taken": 0, "ended": 0, "running_at_end": 0})"));
    // July: D's advocacy ends in it; B's is still running; nothing taken.
    const json q3 = report_of(merton_with_routes(), four_disputes, "2025-07-01", "2025-09-30");
    EXPECT_EQ(q3["process"]["other_routes"]["disputes"], 0);
    EXPECT_EQ(route_row(q3, "advocacy")["ended"], 1);
    EXPECT_EQ(route_row(q3, "advocacy")["running_at_end"], 1);
}

TEST(other_routes_report, the_trend_recounts_each_earlier_quarter_as_it_stood) {
    const json rep = report_of(merton_with_routes(), four_disputes, "2025-04-01", "2025-06-30", 8);
    const auto& periods = rep["trend"]["periods"];
    ASSERT_EQ(periods.size(), 2u);  // the log begins in Q1
    EXPECT_EQ(periods[0]["label"], "2025 Q1");
    EXPECT_EQ(periods[0]["other_route_disputes"], 1);
    EXPECT_EQ(periods[1]["other_route_disputes"], 2);
}

TEST(other_routes_report, a_policy_naming_no_routes_lists_those_seen_by_their_ids) {
    const policy p = builtin_policy("merton");
    const std::vector<json> events = {
        raise("E", "2025-04-07T09:00:00+01:00", "2025-04-14"),
        ev("other_route", "E", "2025-04-08T10:00:00+01:00", {{"route", "mediation"}}),
        raise("F", "2025-01-06T09:00:00+00:00", "2025-01-13"),
        ev("other_route", "F", "2025-01-07T10:00:00+00:00", {{"route", "complaint"}}),
        ev("other_route_ended", "F", "2025-01-20T10:00:00+00:00", {{"route", "complaint"}}),
    };
    const json rep = report_of(p, events, "2025-04-01", "2025-06-30");
    // F's complaint began and ended in Q1: nothing of it to count in Q2.
    EXPECT_EQ(rep["process"]["other_routes"], json::parse(R"({"disputes": 1, "routes": [
        {"route": "mediation", "title": "mediation", "taken": 1, "ended": 0, "running_at_end": 1}]})"));
    // Without routes, a log without other_route events gives an empty list.
    const json none = report_of(p, {raise("G", "2025-04-07T09:00:00+01:00", "2025-04-14")}, "2025-04-01", "2025-06-30");
    EXPECT_EQ(none["process"]["other_routes"], json::parse(R"({"disputes": 0, "routes": []})"));
}

TEST(other_routes_renderings, have_their_own_table_and_a_tile_on_the_page) {
    const json rep = report_of(merton_with_routes(), four_disputes, "2025-04-01", "2025-06-30");
    EXPECT_EQ(report_table(rep, "other_routes"),
              "authority,period,route,title,ended,running_at_end,taken\n"
              "London Borough of Merton,2025 Q2,advocacy,Advocacy for the child,0,2,1\n"
              "London Borough of Merton,2025 Q2,complaint,Children's complaints procedure,1,0,1\n");
    // The process table keeps one row: the count of disputes, not the routes' rows.
    const std::string process = report_table(rep, "process");
    EXPECT_NE(process.find(",other_routes_disputes,"), std::string::npos) << process;
    EXPECT_EQ(process.find("routes_routes"), std::string::npos) << process;
    EXPECT_EQ(std::count(process.begin(), process.end(), '\n'), 2);
    // The long table keys each route's row by its id.
    const std::string csv = report_csv(rep);
    EXPECT_NE(csv.find("process.other_routes.routes,advocacy,running_at_end,2\n"), std::string::npos) << csv;
    EXPECT_NE(csv.find("process,,other_routes.disputes,2\n"), std::string::npos);
    const std::string html = report_html(rep);
    EXPECT_NE(html.find("Another route instead of escalation"), std::string::npos);
    EXPECT_NE(html.find("<td>Children&#39;s complaints procedure</td><td>1</td><td>1</td><td>0</td>"), std::string::npos) << html;
}

TEST(other_routes_renderings, a_report_without_routes_shows_none_on_the_page) {
    const policy p = builtin_policy("merton");
    const json rep = report_of(p, {raise("G", "2025-04-07T09:00:00+01:00", "2025-04-14")}, "2025-04-01", "2025-06-30");
    const std::string html = report_html(rep);
    EXPECT_EQ(html.find("another route"), std::string::npos);
    EXPECT_EQ(html.find("Another route"), std::string::npos);
    EXPECT_EQ(report_table(rep, "other_routes"), "authority,period\n");
}

}  // namespace
}  // namespace drp
