// The compact obligation (src/engine/duty_record.hpp): packed times at the edges of their range, the
// "none" sentinels, due dates a day either side of the deadline, and the explain's parts.
#include "drp/dispute.hpp"
#include "drp/error.hpp"
#include "engine/duty_record.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace {

using namespace std::chrono;
using drp::instant;

instant at(const char* text) { return drp::parse_rfc3339(text); }

TEST(PackedTime, RoundTripsTheSupportedYearsAndTheRangeEdges) {
    for (const char* t : {"1900-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1971-01-01T00:00:00Z", "2026-03-02T09:00:01Z",
                          "2106-02-07T06:28:16Z", "2190-12-31T23:59:59Z", "2444-05-01T00:00:00Z"}) {
        const auto code = drp::engine::packed_time::encode(at(t));
        EXPECT_LT(code, drp::engine::packed_time::none) << t;
        EXPECT_EQ(drp::engine::packed_time::decode(code), at(t)) << t;
    }
    EXPECT_EQ(drp::engine::packed_time::encode(std::nullopt), drp::engine::packed_time::none);
    EXPECT_EQ(drp::engine::packed_time::decode(drp::engine::packed_time::none), std::nullopt);
    const instant last = instant{seconds{drp::engine::packed_time::bias + static_cast<std::int64_t>(drp::engine::packed_time::none) - 1}};
    EXPECT_EQ(drp::engine::packed_time::decode(drp::engine::packed_time::encode(last)), last);
    EXPECT_FALSE(drp::engine::packed_time::fits(last + seconds{1}));
    EXPECT_FALSE(drp::engine::packed_time::fits(at("1899-12-31T23:59:59Z")));
    EXPECT_THROW((void)drp::engine::packed_time::encode(at("1899-12-31T23:59:59Z")), drp::error);
}

TEST(Obligation, KeepsEachTimeApart) {
    drp::engine::duty_record o;
    EXPECT_EQ(sizeof(o), 32u);
    EXPECT_EQ(o.due(), std::nullopt);
    EXPECT_EQ(o.met_at(), std::nullopt);
    EXPECT_EQ(o.closed_at(), std::nullopt);
    EXPECT_EQ(o.event(), std::nullopt);
    o.set_created_at(at("1971-01-01T00:00:00Z"));
    o.set_start(at("2190-12-31T23:59:59Z"));
    o.set_due(at("2444-01-01T00:00:00Z"), std::nullopt);
    o.set_met(at("2106-02-07T06:28:16Z"));
    EXPECT_EQ(o.created_at(), at("1971-01-01T00:00:00Z"));
    EXPECT_EQ(o.start(), at("2190-12-31T23:59:59Z"));
    EXPECT_EQ(o.due(), at("2444-01-01T00:00:00Z"));
    EXPECT_EQ(o.met_at(), at("2106-02-07T06:28:16Z"));
    EXPECT_EQ(o.closed_at(), std::nullopt);
    o.set_closed(at("2106-02-07T06:28:17Z"));
    EXPECT_EQ(o.met_at(), std::nullopt);
    EXPECT_EQ(o.closed_at(), at("2106-02-07T06:28:17Z"));
    o.set_event(0);
    EXPECT_EQ(o.event(), 0);
    o.set_event((1 << 24) - 2);
    EXPECT_EQ(o.event(), (1 << 24) - 2);
    EXPECT_EQ(o.start(), at("2190-12-31T23:59:59Z"));  // the event index shares a word with the times' high bits
    o.set_event(std::nullopt);
    EXPECT_EQ(o.event(), std::nullopt);
}

TEST(Obligation, DueDateIsWithinADayOfTheDeadline) {
    drp::engine::duty_record o;
    const auto d = drp::parse_date("2027-01-07");
    o.set_due(at("2027-01-07T23:59:59Z"), d);
    EXPECT_EQ(o.due_date(), d);
    o.set_due(at("2027-01-08T04:59:59Z"), d);  // end of the local day west of UTC
    EXPECT_EQ(o.due_date(), d);
    o.set_due(at("2027-01-06T14:59:59Z"), d);  // east of UTC
    EXPECT_EQ(o.due_date(), d);
    o.set_due(at("2027-01-07T23:59:59Z"), std::nullopt);
    EXPECT_EQ(o.due_date(), std::nullopt);
    EXPECT_THROW(o.set_due(at("2027-01-10T00:00:00Z"), d), drp::error);
    o.set_due(std::nullopt, std::nullopt);
    EXPECT_EQ(o.due(), std::nullopt);
    EXPECT_EQ(o.due_date(), std::nullopt);
}

TEST(Obligation, ExplainPartsAndFirstDue) {
    const auto p = drp::builtin_policy("merton");
    drp::dispute_state s;
    s.records.emplace_back();
    auto& o = s.records.back();
    o.set_trigger("preconditions_met");
    o.set_rule(drp::deadline_explain::rule_kind::duration);
    o.set_rule_duration({drp::duration::unit::hours, 8760});
    o.set_whole_day(false);
    o.set_due(at("2027-01-07T12:00:00Z"), std::nullopt);
    o.set_first_due_mode(1);
    EXPECT_EQ(o.trigger(), "preconditions_met");
    EXPECT_EQ(o.rule_duration(), (drp::duration{drp::duration::unit::hours, 8760}));
    EXPECT_FALSE(o.detail());
    EXPECT_EQ(drp::engine::explain(p, s, o).first_due, at("2027-01-07T12:00:00Z"));
    drp::engine::move_due(p, s, o, std::nullopt, std::nullopt);  // a time out: the first deadline moves to the detail
    ASSERT_TRUE(o.detail());
    EXPECT_EQ(drp::engine::explain(p, s, o).first_due, at("2027-01-07T12:00:00Z"));
    EXPECT_EQ(drp::engine::explain(p, s, o).rule, drp::deadline_explain::rule_kind::duration);
    EXPECT_THROW(o.set_trigger("no-such-trigger"), std::logic_error);
}

// A deadline that has not moved stores no detail: its skipped holidays and agreed date are
// read from the deadline; the first move writes them into the detail, unchanged.
TEST(Obligation, UnmovedDeadlineKeepsSkippedAndAgreedImplicit) {
    const auto p = drp::builtin_policy("merton");
    const auto d = [](const char* t) { return drp::parse_date(t); };
    drp::dispute_state s;
    s.records.resize(2);
    auto& counted = s.records[0];  // 10 working days from Mon 21 Dec 2026 (England and Wales)
    counted.set_start(at("2026-12-21T10:00:00Z"));
    counted.set_rule(drp::deadline_explain::rule_kind::duration);
    counted.set_rule_duration({drp::duration::unit::working_days, 10});
    counted.set_whole_day(true);
    counted.set_due(at("2027-01-07T23:59:59Z"), d("2027-01-07"));
    counted.set_first_due_mode(1);
    const std::vector<drp::date> christmas{d("2026-12-25"), d("2026-12-28"), d("2027-01-01")};
    EXPECT_EQ(drp::engine::explain(p, s, counted).skipped, christmas);
    EXPECT_FALSE(counted.detail());

    auto& agreed = s.records[1];
    agreed.set_rule(drp::deadline_explain::rule_kind::agreed);
    agreed.set_whole_day(true);
    agreed.set_due(at("2027-02-01T23:59:59Z"), d("2027-02-01"));
    agreed.set_first_due_mode(1);
    EXPECT_EQ(drp::engine::explain(p, s, agreed).agreed, drp::due_time{d("2027-02-01")});
    agreed.set_whole_day(false);
    EXPECT_EQ(drp::engine::explain(p, s, agreed).agreed, drp::due_time{at("2027-02-01T23:59:59Z")});
    agreed.set_whole_day(true);
    EXPECT_TRUE(drp::engine::explain(p, s, agreed).skipped.empty());  // an agreed date skips nothing

    const auto before = drp::engine::explain(p, s, counted);
    drp::engine::move_due(p, s, counted, at("2027-01-20T23:59:59Z"), d("2027-01-20"));
    ASSERT_TRUE(counted.detail());
    EXPECT_EQ(counted.first_due_mode(), 2u);
    const auto after = drp::engine::explain(p, s, counted);
    EXPECT_EQ(after.skipped, christmas);  // what the first count skipped, not the new date's
    EXPECT_EQ(after.first_due, before.first_due);
    drp::engine::move_due(p, s, agreed, std::nullopt, std::nullopt);
    EXPECT_EQ(drp::engine::explain(p, s, agreed).agreed, drp::due_time{d("2027-02-01")});
    EXPECT_EQ(drp::engine::explain(p, s, agreed).first_due, at("2027-02-01T23:59:59Z"));
}

}  // namespace

// What hosts read: the plain obligations (dispute::obligations(as_of), dispute_state::
// obligation_at) say what the state JSON says, field for field, overdue marks included.
TEST(PlainObligations, SayWhatTheStateJsonSays) {
    drp::dispute d(drp::builtin_policy("merton"));
    for (const char* e : {
             R"({"type":"raise","at":"2026-12-21T10:30:00Z","dispute_id":"D-1","by":"IRO","child_ref":"C1","category":"drift_delay","urgency":"standard","summary":"s","start_stage":"IR1","start_reason":"r"})",
             R"({"type":"pause","at":"2026-12-23T10:00:00Z","dispute_id":"D-1","approved_by":"IRO_MANAGER","reason":"r"})",
             R"({"type":"resume","at":"2027-01-04T10:00:00Z","dispute_id":"D-1"})",
             R"({"type":"notify","at":"2027-01-04T11:00:00Z","dispute_id":"D-1","role":"HOS_QAPD"})"})
        d.apply_json(e);
    const auto as_of = at("2027-02-20T12:00:00Z");
    const nlohmann::json j = d.to_json(as_of);
    const auto owed = d.obligations(as_of);
    const auto& p = d.rules();
    ASSERT_EQ(owed.size(), j.at("obligations").size());
    ASSERT_EQ(d.state().obligation_count(), owed.size());
    int overdue = 0;
    for (std::size_t i = 0; i < owed.size(); ++i) {
        const auto& o = owed[i];
        const auto& x = j.at("obligations")[i];
        EXPECT_EQ(drp::duty_of(p, o).id, x.at("id"));
        EXPECT_EQ(drp::to_string(o.kind), x.at("kind").get<std::string>());
        EXPECT_EQ(p.stages()[static_cast<std::size_t>(o.stage)].id, x.at("stage"));
        EXPECT_EQ(drp::to_string(o.status), x.at("status").get<std::string>()) << x.at("id");
        EXPECT_EQ(o.due ? nlohmann::json(p.zone().format(*o.due)) : nlohmann::json(), x.at("due"));
        EXPECT_EQ(o.due_date ? nlohmann::json(drp::format_date(*o.due_date)) : nlohmann::json(), x.at("due_date"));
        EXPECT_EQ(o.met_at ? nlohmann::json(p.zone().format(*o.met_at)) : nlohmann::json(), x.at("met_at"));
        EXPECT_EQ(p.zone().format(o.created_at), x.at("created_at"));
        EXPECT_EQ(o.trigger, x.at("explain").at("trigger").get<std::string>());
        EXPECT_EQ(drp::explain_text(p, d.state(), i), x.at("explain").at("text"));
        // Without as_of nothing reads overdue; the state's own record is unchanged.
        EXPECT_NE(d.obligations()[i].status, drp::obligation_status::overdue);
        EXPECT_EQ(d.state().obligation_at(i), d.obligations()[i]);
        overdue += o.status == drp::obligation_status::overdue;
    }
    EXPECT_GT(overdue, 0) << "the case should have something overdue by 20 February";
    EXPECT_THROW((void)d.state().obligation_at(owed.size()), std::out_of_range);
    EXPECT_THROW((void)d.obligations(at("2027-01-01T00:00:00Z")), drp::error);  // before the last event
}
