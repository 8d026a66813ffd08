// A regional comparison: authorities side by side, each under its own policy, for one period.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "drp/report.hpp"
#include "report_events.hpp"

namespace drp {
namespace {

using nlohmann::json;

using namespace report_events;

json quarter_report(const policy& p, const std::vector<dispute_summary>& ds, const char* from, const char* to) {
    report_options o;
    o.identify_children = true;
    return quarterly_report(p, ds, parse_date(from), parse_date(to), p.zone().end_of_day(parse_date(to)), o);
}

// Merton, April-June 2025: D1 escalates informal -> IR1, then passes over IR2 to IR3 (a
// bypass); D2 is resolved at once. Two escalations, one of them a bypass; no time out, no
// Cafcass referral, two disputes active.
json merton_q2() {
    const policy p = builtin_policy("merton");
    dispute d1(p), d2(p);
    d1.apply(raise("D1", "2025-04-01T09:00:00+01:00", "2025-04-08"));
    d1.apply(ev("escalate", "D1", "2025-04-09T09:00:00+01:00", {{"reason", "not_resolved"}, {"to", "IR1"}}));
    d1.apply(ev("escalate", "D1", "2025-04-10T09:00:00+01:00", {{"reason", "discretion"}, {"to", "IR3"}, {"note", "significant"}}));
    d2.apply(raise("D2", "2025-04-02T09:00:00+01:00", "2025-04-09"));
    d2.apply(ev("resolve", "D2", "2025-04-03T09:00:00+01:00", {{"summary", "s"}, {"impact", "i"}}));
    const instant end = p.zone().end_of_day(parse_date("2025-06-30"));
    return quarter_report(p, {summarize(d1, end), summarize(d2, end)}, "2025-04-01", "2025-06-30");
}

TEST(comparison, puts_each_authority_under_its_own_policy_side_by_side) {
    const json c = comparison_report({merton_q2(), quarter_report(builtin_policy("trust-qas"), {}, "2025-04-01", "2025-06-30")});
    EXPECT_EQ(c["period"]["label"], "2025 Q2");
    ASSERT_EQ(c["authorities"].size(), 2u);
    const auto& merton = c["authorities"][0];
    EXPECT_EQ(merton["policy"], "merton");
    EXPECT_EQ(merton["active"], 2);
    EXPECT_EQ(merton["escalations"], 2);
    EXPECT_EQ(merton["bypasses"], 1);
    EXPECT_EQ(merton["bypass_percent"], 50.0);    // 1 of 2 escalations
    EXPECT_EQ(merton["time_out_percent"], 0.0);   // 0 of 2 disputes
    EXPECT_EQ(merton["cafcass_percent"], 0.0);
    EXPECT_EQ(merton["stages"].size(), 7u);       // Merton's stages, by title
    EXPECT_EQ(merton["stages"][2]["title"], "Formal resolution: Stage 1 (IR1)");
    const auto& trust = c["authorities"][1];
    EXPECT_EQ(trust["policy"], "trust-qas");
    EXPECT_EQ(trust["active"], 0);
    EXPECT_TRUE(trust["bypass_percent"].is_null());  // nothing to divide by: not 0%
    EXPECT_TRUE(trust["cafcass_percent"].is_null());
}

TEST(comparison, the_csv_has_a_row_per_authority_and_one_per_stage) {
    const json c = comparison_report({merton_q2()});
    const std::string rows = comparison_csv(c);
    EXPECT_EQ(rows.rfind("authority,period,policy,active,raised,resolved,open_at_end,", 0), 0u) << rows;
    EXPECT_NE(rows.find("\nLondon Borough of Merton,2025 Q2,merton,2,2,1,1,"), std::string::npos) << rows;
    const std::string stages = comparison_csv(c, "stages");
    EXPECT_NE(stages.find("\nLondon Borough of Merton,2025 Q2,merton,IR1,Formal resolution: Stage 1 (IR1),1,"), std::string::npos) << stages;
    EXPECT_THROW(comparison_csv(c, "nonsense"), error);
    EXPECT_EQ(comparison_html(c).find("<script"), std::string::npos);
}

TEST(comparison, reports_of_different_periods_or_none_are_refused) {
    const json q3 = quarter_report(builtin_policy("merton"), {}, "2025-07-01", "2025-09-30");
    try {
        comparison_report({merton_q2(), q3});
        FAIL();
    } catch (const error& e) {
        EXPECT_EQ(e.code(), errc::invalid_argument);
        EXPECT_NE(std::string(e.what()).find("compare one period"), std::string::npos);
    }
    EXPECT_THROW(comparison_report({}), error);
}

}  // namespace
}  // namespace drp
