// Hour-based deadlines are elapsed time; day deadlines end at 23:59:59 London time.
#include "drp/error.hpp"
#include "drp/time.hpp"
#include "time/local_times.hpp"

#include <gtest/gtest.h>
#include <random>
#include <string_view>
#include <vector>

namespace {

using namespace std::chrono;
using drp::parse_rfc3339;

const drp::time_zone& london() {
    static const drp::time_zone tz("Europe/London");
    return tz;
}

TEST(HourDeadlines, TwentyFourHoursAcrossTheSpringClockChangeEndsAtElevenBst) {
    // Clocks go forward at 01:00 GMT on Sunday 29 March 2026.
    const auto start = parse_rfc3339("2026-03-28T10:00:00+00:00");
    EXPECT_EQ(london().format(start + hours{24}), "2026-03-29T11:00:00+01:00");
}

TEST(HourDeadlines, TwentyFourHoursAcrossTheAutumnClockChangeEndsAtNineGmt) {
    // Clocks go back at 02:00 BST on Sunday 25 October 2026.
    const auto start = parse_rfc3339("2026-10-24T10:00:00+01:00");
    EXPECT_EQ(london().format(start + hours{24}), "2026-10-25T09:00:00+00:00");
}

TEST(DayDeadlines, EndAtTheEndOfTheLocalDay) {
    EXPECT_EQ(london().format(london().end_of_day(drp::parse_date("2026-07-01"))), "2026-07-01T23:59:59+01:00");
    EXPECT_EQ(london().end_of_day(drp::parse_date("2026-07-01")), parse_rfc3339("2026-07-01T22:59:59Z"));
    EXPECT_EQ(london().format(london().end_of_day(drp::parse_date("2027-01-07"))), "2027-01-07T23:59:59+00:00");
}

TEST(LocalTime, LocalDateFollowsLondonNotUtc) {
    // 23:30 UTC on 1 July is already 2 July in London.
    EXPECT_EQ(london().local_date(parse_rfc3339("2026-07-01T23:30:00Z")), drp::parse_date("2026-07-02"));
    EXPECT_EQ(london().local_date(parse_rfc3339("2026-12-01T23:30:00Z")), drp::parse_date("2026-12-01"));
}

TEST(LocalTime, GapAndOverlapAreResolvedPredictably) {
    // 01:30 on 29 March 2026 does not exist; it is read as 01:30 GMT.
    EXPECT_EQ(london().from_local(drp::parse_date("2026-03-29"), hours{1} + minutes{30}),
              parse_rfc3339("2026-03-29T01:30:00Z"));
    // 01:30 on 25 October 2026 happens twice; the first (BST) is taken.
    EXPECT_EQ(london().from_local(drp::parse_date("2026-10-25"), hours{1} + minutes{30}),
              parse_rfc3339("2026-10-25T00:30:00Z"));
}

TEST(Rfc3339, ParsesOffsetsFractionsAndZ) {
    EXPECT_EQ(parse_rfc3339("2026-03-29T11:00:00+01:00"), parse_rfc3339("2026-03-29T10:00:00Z"));
    EXPECT_EQ(parse_rfc3339("2026-03-29T10:00:00.123Z"), parse_rfc3339("2026-03-29T10:00:00Z"));
    EXPECT_EQ(parse_rfc3339("2026-03-29T05:00:00-05:00"), parse_rfc3339("2026-03-29T10:00:00Z"));
    EXPECT_EQ(drp::format_rfc3339(parse_rfc3339("2026-03-29T10:00:00Z"), -hours{5}), "2026-03-29T05:00:00-05:00");
}

TEST(Rfc3339, RejectsWhatIsNotAnInstant) {
    for (const char* text : {"", "2026-03-29", "2026-03-29T10:00:00", "2026-03-29T25:00:00Z",
                             "2026-02-30T10:00:00Z", "2026-03-29T10:00Z", "2026-03-29T10:00:00+1:00",
                             "2026-03-29T10:00:00Zjunk", "2026-03-29T10:00:00.Z", "2026-03-29X10:00:00Z"}) {
        try {
            (void)parse_rfc3339(text);
            ADD_FAILURE() << "accepted " << text;
        } catch (const drp::error& e) {
            EXPECT_EQ(e.code(), drp::errc::invalid_date) << text;
        }
    }
}

TEST(Zones, UnknownZoneIsATypedError) {
    try {
        drp::time_zone tz("Europe/Atlantis");
        ADD_FAILURE() << "accepted an unknown zone";
    } catch (const drp::error& e) {
        EXPECT_EQ(e.code(), drp::errc::invalid_argument);
        EXPECT_NE(std::string(e.what()).find("Europe/Atlantis"), std::string::npos);
    }
    const drp::time_zone copy = london();
    EXPECT_EQ(copy.name(), "Europe/London");
}

}  // namespace

namespace {

// The EU rule the UK has followed since 1996: BST from 01:00 UTC on the last Sunday of
// March to 01:00 UTC on the last Sunday of October. An independent check of the offsets
// drp reads from ICU once and then looks up.
TEST(Zones, LondonOffsetsFollowTheSummerTimeRuleEveryHourFrom1996To2199) {
    using namespace std::chrono;
    const drp::time_zone& tz = london();
    for (int y = 1996; y <= 2199; ++y) {
        const sys_seconds starts = sys_days{year{y} / March / Sunday[last]} + hours{1};
        const sys_seconds ends = sys_days{year{y} / October / Sunday[last]} + hours{1};
        for (sys_seconds t = sys_days{year{y} / January / 1}; t < sys_days{year{y + 1} / January / 1}; t += hours{7}) {
            const seconds expected = (t >= starts && t < ends) ? hours{1} : hours{0};
            ASSERT_EQ(tz.utc_offset(t), expected) << tz.format(t);
        }
        ASSERT_EQ(tz.utc_offset(starts - seconds{1}), hours{0}) << y;
        ASSERT_EQ(tz.utc_offset(starts), hours{1}) << y;
        ASSERT_EQ(tz.utc_offset(ends - seconds{1}), hours{1}) << y;
        ASSERT_EQ(tz.utc_offset(ends), hours{0}) << y;
    }
}

// The state writer's cache of the offset in force (time/local_times.hpp) gives the zone's
// offsets for instants in any order: each side of every London clock change, instants
// that jump back and forth across them, and instants outside the zone's table (before
// 1970, from 2200) where the zone asks ICU. Checked against the same summer-time rule.
TEST(Zones, LocalTimesCacheAgreesWithTheRuleInAnyOrder) {
    using namespace std::chrono;
    const drp::time_zone& tz = london();
    drp::detail::local_times clock(tz);
    const auto rule = [](sys_seconds t) {
        const int y = static_cast<int>(year_month_day{floor<days>(t)}.year());
        const sys_seconds starts = sys_days{year{y} / March / Sunday[last]} + hours{1};
        const sys_seconds ends = sys_days{year{y} / October / Sunday[last]} + hours{1};
        return (t >= starts && t < ends) ? seconds{hours{1}} : seconds{0};
    };
    std::vector<sys_seconds> times;
    for (int y = 1996; y <= 2199; y += 7) {
        const sys_seconds starts = sys_days{year{y} / March / Sunday[last]} + hours{1};
        const sys_seconds ends = sys_days{year{y} / October / Sunday[last]} + hours{1};
        for (const sys_seconds t : {starts - seconds{1}, starts, ends - seconds{1}, ends, starts + days{30}})
            times.push_back(t);
        times.push_back(starts - seconds{1});  // back again, across the change just passed
        times.push_back(ends);
        times.push_back(starts);
    }
    for (const sys_seconds t : times) {
        ASSERT_EQ(clock.utc_offset(t), rule(t)) << tz.format(t);
        ASSERT_EQ(std::string_view(clock.format(t)), tz.format(t));
    }
    // Outside the table: 1960 (British Standard Time was later, 1968-71; here GMT in
    // winter and BST in summer) and 2300, as the zone itself says.
    for (const sys_seconds t : {sys_seconds{sys_days{1960y / January / 15}}, sys_seconds{sys_days{1960y / July / 15}},
                                sys_seconds{sys_days{2300y / January / 15}}, sys_seconds{sys_days{2300y / July / 15}},
                                sys_seconds{sys_days{2025y / July / 15}}, sys_seconds{sys_days{1960y / July / 16}}}) {
        ASSERT_EQ(clock.utc_offset(t), tz.utc_offset(t)) << tz.format(t);
    }
    // Its text is the zone's, for instants in runs on one day and jumps between days,
    // years and eras: before 1970, around midnight either side of the offset, and years
    // RFC 3339 has not (from 10000, before year 0), written as format_rfc3339 always has.
    std::mt19937_64 rng(1202);
    std::vector<sys_seconds> many;
    for (const sys_days day : {sys_days{1969y / December / 31}, sys_days{2025y / March / 30}, sys_days{2025y / October / 26},
                               sys_days{2025y / June / 1}, sys_days{9999y / December / 31}, sys_days{1800y / January / 1}})
        for (int k = 0; k < 40; ++k) many.push_back(day + seconds{static_cast<long long>(rng() % (3 * 86'400)) - 86'400});
    for (int k = 0; k < 400; ++k) many.push_back(sys_seconds{seconds{static_cast<long long>(rng() % 400'000'000'000ULL) - 200'000'000'000LL}});
    many.push_back(sys_days{1969y / December / 31} + hours{23} + minutes{59} + seconds{59});
    many.push_back(sys_days{1970y / January / 1});
    for (const sys_seconds t : many) ASSERT_EQ(std::string_view(clock.format(t)), tz.format(t)) << t.time_since_epoch().count();
    EXPECT_EQ(clock.utc_offset(sys_days{1960y / July / 15}), hours{1});
    EXPECT_EQ(clock.utc_offset(sys_days{2300y / January / 15}), hours{0});
}

}  // namespace
