// The report in a manager's words: stage, category, urgency and duty titles from the
// policy, dates written out, and one tidy CSV table per section.
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "drp/report.hpp"
#include "report_events.hpp"

namespace drp {
namespace {

using nlohmann::json;

using namespace report_events;

// One Merton dispute raised on Friday 12 September 2025 at informal resolution, agreed
// date 19 September, nothing done since: at the end of September it is overdue.
json overdue_report(int impacts = 0) {
    const policy p = builtin_policy("merton");
    std::vector<dispute_summary> summaries;
    dispute d(p);
    d.apply(ev("raise", "D-1", "2025-09-12T10:00:00+01:00",
               {{"child_ref", "CH-1"}, {"category", "drift_delay"}, {"urgency", "imminent_risk"}, {"summary", "s"}, {"due", "2025-09-19"}}));
    const instant end = p.zone().end_of_day(parse_date("2025-09-30"));
    summaries.push_back(summarize(d, end));
    for (int i = 0; i < impacts; ++i) {
        dispute r(p);
        const std::string id = "R-" + std::to_string(i);
        r.apply(ev("raise", id, "2025-07-01T10:00:00+01:00",
                   {{"child_ref", "CH-" + id}, {"category", "practice"}, {"urgency", "standard"}, {"summary", "s"}, {"due", "2025-07-08"}}));
        r.apply(ev("resolve", id, "2025-07-02T10:00:00+01:00", {{"summary", "s"}, {"impact", "Impact number " + std::to_string(i) + "."}}));
        summaries.push_back(summarize(r, end));
    }
    report_options o;
    o.identify_children = true;
    return quarterly_report(p, summaries, parse_date("2025-07-01"), parse_date("2025-09-30"), end, o);
}

TEST(labels, name_stages_categories_urgencies_and_overdue_duties_in_the_policys_words) {
    const json r = overdue_report();
    const auto& labels = r["labels"];
    EXPECT_EQ(labels["stages"]["IR1"], "Formal resolution: Stage 1 (IR1)");
    EXPECT_EQ(labels["stages"]["drm"], "Dispute resolution meeting");
    EXPECT_EQ(labels["categories"]["drift_delay"], "Drift or delay");
    EXPECT_EQ(labels["urgencies"]["imminent_risk"], "Imminent risk");
    const auto& overdue = r["open_at_end"]["overdue_disputes"][0]["overdue"];
    ASSERT_FALSE(overdue.empty());
    for (const auto& named : overdue) {
        ASSERT_TRUE(labels["duties"].contains(named.get<std::string>())) << named;
        EXPECT_EQ(labels["duties"][named.get<std::string>()].get<std::string>().find('@'), std::string::npos);
    }
    // Merton: "the IRO will alert the HOS QAPD of the concern within 24 hours".
    EXPECT_EQ(labels["duties"]["alert_hos_qapd@informal"],
              "Independent Reviewing Officer to tell Head of Service for Quality Assurance and Practice Development within 24 hours");
}

TEST(html, shows_titles_and_written_dates_rather_than_ids) {
    const std::string html = report_html(overdue_report());
    EXPECT_NE(html.find("Informal resolution"), std::string::npos);
    EXPECT_NE(html.find("Independent Reviewing Officer to tell Head of Service for Quality Assurance and Practice Development within 24 hours"), std::string::npos);
    EXPECT_EQ(html.find("alert_hos_qapd@informal"), std::string::npos);
    EXPECT_NE(html.find("Imminent risk"), std::string::npos);
    EXPECT_EQ(html.find(">imminent_risk<"), std::string::npos);
    EXPECT_NE(html.find("1 July 2025 to 30 September 2025"), std::string::npos);
    EXPECT_NE(html.find("figures as of 30 September 2025, 23:59"), std::string::npos);
    EXPECT_EQ(html.find("2025-09-30"), std::string::npos);
    // Hover labels of counts are whole numbers: "open at end 1", never "1.0".
    EXPECT_NE(html.find(": open at end 1</title>"), std::string::npos);
    EXPECT_EQ(html.find(".0</title>"), std::string::npos);
}

TEST(html, lists_ten_impacts_and_counts_the_rest_which_the_csv_has_all_of) {
    const json r = overdue_report(13);
    const std::string html = report_html(r);
    EXPECT_NE(html.find("Impact number 9."), std::string::npos);
    EXPECT_EQ(html.find("Impact number 10."), std::string::npos);
    EXPECT_NE(html.find("and 3 more, not shown here"), std::string::npos);
    const std::string csv = report_table(r, "impact");
    for (int i = 0; i < 13; ++i) EXPECT_NE(csv.find("Impact number " + std::to_string(i) + "."), std::string::npos) << i;
}

TEST(tables, have_a_row_per_stage_with_the_authority_period_and_titles) {
    const json r = overdue_report();
    const std::string csv = report_table(r, "timeliness");
    EXPECT_EQ(csv.rfind("authority,period,stage,title,timescale,completed,ended_early,extensions,", 0), 0u) << csv.substr(0, 200);
    EXPECT_NE(csv.find("\nLondon Borough of Merton,2025 Q3,IR1,Formal resolution: Stage 1 (IR1),10 working days,"), std::string::npos);
    EXPECT_NE(csv.find("working_days_in_stage_median"), std::string::npos);
    EXPECT_NE(csv.find("\nLondon Borough of Merton,2025 Q3,all,All stages,"), std::string::npos);
    // header + 7 Merton stages + all stages
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 9);
}

TEST(tables, the_overdue_table_gives_ids_and_words) {
    const std::string csv = report_table(overdue_report(), "overdue");
    EXPECT_NE(csv.find("stage_title"), std::string::npos);
    EXPECT_NE(csv.find("overdue_duties"), std::string::npos);
    EXPECT_NE(csv.find(",D-1,informal,Informal resolution,drift_delay,Drift or delay,imminent_risk,Imminent risk,"), std::string::npos) << csv;
    EXPECT_NE(csv.find("Independent Reviewing Officer to tell Head of Service for Quality Assurance and Practice Development within 24 hours"), std::string::npos);
}

TEST(tables, are_named_for_the_policy_the_period_and_the_section) {
    json r = overdue_report();
    EXPECT_EQ(report_table_file(r, "trend"), "merton-2025-Q3-trend.csv");
    r["period"]["label"] = "Q1 2025/26";
    EXPECT_EQ(report_table_file(r, "impact"), "merton-Q1-2025-26-impact.csv");
    r["period"]["label"] = "Tue 1 Apr 2025 to Wed 30 Apr 2025";
    r["period"]["from"] = "2025-04-01";
    r["period"]["to"] = "2025-04-30";
    EXPECT_EQ(report_table_file(r, "totals"), "merton-2025-04-01_to_2025-04-30-totals.csv");
}

TEST(tables, every_section_renders_and_an_unknown_one_is_named) {
    const json r = overdue_report();
    for (const auto& name : report_table_sections()) EXPECT_EQ(report_table(r, name).rfind("authority,period", 0), 0u) << name;
    try {
        report_table(r, "nonsense");
        FAIL();
    } catch (const error& e) {
        EXPECT_EQ(e.code(), errc::invalid_argument);
        EXPECT_NE(std::string(e.what()).find("timeliness"), std::string::npos);
    }
}

}  // namespace
}  // namespace drp
