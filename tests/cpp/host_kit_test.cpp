// The host kit's C++ side (issue 13): "as of" a local date, local wall time, next_due and
// the sweep over stored states.
#include "scenario_support.hpp"

#include "drp/sweep.hpp"

#include <gtest/gtest.h>

namespace {

using namespace scenario;

const char* raise_ir1 =
    R"({"type":"raise","at":"2026-12-21T10:30:00Z","by":"IRO","child_ref":"C1","category":"drift_delay","urgency":"standard",
        "summary":"s","start_stage":"IR1","start_reason":"r"})";

TEST(HostKitTime, AsOfALocalDateIsTheLastSecondOfThatDayThere) {
    const drp::time_zone london;
    EXPECT_EQ(london.format(drp::parse_as_of("2027-01-07", london)), "2027-01-07T23:59:59+00:00");
    EXPECT_EQ(london.format(drp::parse_as_of("2027-07-07", london)), "2027-07-07T23:59:59+01:00");
    EXPECT_EQ(drp::parse_as_of("2027-07-07T10:00:00Z", london), drp::parse_rfc3339("2027-07-07T10:00:00Z"));
    EXPECT_THROW(drp::parse_as_of("2027-02-29", london), drp::error);
    EXPECT_THROW(drp::parse_as_of("tomorrow", london), drp::error);
}

TEST(HostKitTime, LocalTimeOfDayIsTheWallClockEvenWhenTheClocksChange) {
    const drp::time_zone london;
    using std::chrono::seconds;
    EXPECT_EQ(drp::local_time_of_day(drp::parse_rfc3339("2027-06-30T23:30:00Z"), london), seconds{30 * 60});  // 00:30 BST
    // 31 October 2027: 01:30 BST (00:30Z) and 01:30 GMT (01:30Z) are both 01:30.
    EXPECT_EQ(drp::local_time_of_day(drp::parse_rfc3339("2027-10-31T00:30:00Z"), london), seconds{5400});
    EXPECT_EQ(drp::local_time_of_day(drp::parse_rfc3339("2027-10-31T01:30:00Z"), london), seconds{5400});
    EXPECT_EQ(drp::local_time_of_day(drp::parse_rfc3339("1969-12-31T23:00:00Z"), london), seconds{0})
        << "before 1970 (London was on +01:00 then)";
}

TEST(HostKitNextDue, IsTheEarliestDeadlineThatCanPassAndFollowsTheDuties) {
    case_file c("merton");
    EXPECT_EQ(c.dispute().next_due(), std::nullopt);
    c.apply(raise_ir1);
    EXPECT_EQ(c.dispute().next_due(), drp::parse_rfc3339("2026-12-22T10:30:00Z")) << "alert HOS QAPD within 24 hours";
    c.apply(R"({"type":"notify","at":"2026-12-21T11:00:00Z","by":"IRO","role":"HOS_QAPD"})");
    EXPECT_EQ(c.dispute().next_due(), drp::parse_rfc3339("2026-12-23T10:30:00Z")) << "then the record within 48 hours";
    c.apply(R"({"type":"record","at":"2026-12-21T11:00:00Z","by":"IRO","obligation":"record_actions"})");
    EXPECT_EQ(c.dispute().next_due(), drp::parse_rfc3339("2027-01-07T23:59:59Z")) << "then the IR1 resolution";
    EXPECT_EQ(c.state()["next_due"], "2027-01-07T23:59:59+00:00");
    EXPECT_EQ(c.as_of("2027-03-01T00:00:00Z")["next_due"], "2027-01-07T23:59:59+00:00") << "as_of does not change it";
    c.apply(R"({"type":"respond","at":"2027-01-05T10:00:00Z","by":"TM","adequate":true})");
    EXPECT_EQ(c.dispute().next_due(), drp::parse_rfc3339("2027-01-07T23:59:59Z"))
        << "a reply does not complete the work: IR1's resolution is still next";
    c.apply(R"({"type":"resolve","at":"2027-01-06T10:00:00Z","by":"IRO","summary":"s","impact":"i"})");
    // Resolving owes the outcome notification, which has no deadline: nothing can pass.
    EXPECT_EQ(c.dispute().next_due(), std::nullopt);
    EXPECT_TRUE(c.state()["next_due"].is_null());
}

TEST(HostKitSweep, RowsAreEachStatesOverdueObligationsSortedByDue) {
    case_file a("merton"), b("merton");
    a.apply(raise_ir1);
    b.apply(R"({"type":"raise","at":"2027-01-04T10:30:00Z","dispute_id":"D2","by":"IRO","child_ref":"C2","category":"drift_delay",
                "urgency":"standard","summary":"s","start_stage":"IR1","start_reason":"r"})");
    const std::string sa = a.state().dump(), sb = b.state().dump();
    const std::string_view states[] = {sb, sa};
    const auto as_of = drp::parse_rfc3339("2027-01-19T09:00:00Z");
    const auto rows = drp::sweep(a.dispute().rules(), states, as_of);
    std::size_t expected = 0;
    for (const auto* c : {&a, &b})
        for (const auto& o : c->dispute().obligations(as_of)) expected += o.status == drp::obligation_status::overdue;
    ASSERT_EQ(rows.size(), expected);
    for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_LE(rows[i - 1].due, rows[i].due);
    EXPECT_EQ(rows.front().state, 1u) << "D1's alert (22 Dec) comes first; D1 is states[1]";
    EXPECT_EQ(rows.front().dispute_id, "D1");
    EXPECT_EQ(rows.front().owed->id, "alert_hos_qapd");
    EXPECT_TRUE(rows.front().overdue);
    for (const auto& r : rows) {
        const auto& c = r.state == 0 ? b : a;
        EXPECT_EQ(r.explain, drp::explain_text(c.dispute().rules(), c.dispute().state(), r.index));
        EXPECT_EQ(r.due, *c.dispute().obligations()[r.index].due);
    }
    try {
        (void)drp::sweep(a.dispute().rules(), states, drp::parse_rfc3339("2027-01-01T00:00:00Z"));
        ADD_FAILURE() << "D2's raise is later than that as_of";
    } catch (const drp::sweep_error& e) {
        EXPECT_EQ(e.state(), 0u) << "D2 is states[0]";
        EXPECT_EQ(e.code(), drp::errc::out_of_order);
    }
    EXPECT_TRUE(drp::sweep(a.dispute().rules(), {}, as_of).empty());
}

}  // namespace
