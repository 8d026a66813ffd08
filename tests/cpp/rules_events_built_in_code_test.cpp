// Events a host builds in C++ (dispute::apply(const event&)) are held to the same checks as
// events parsed from JSON: an event apply accepts is one the schema allows, so it survives
// to_json and from_json, and a malformed one is drp::error(invalid_event), never undefined
// behaviour.
#include "scenario_support.hpp"

namespace {

using namespace scenario;

// An event of dispute D-1 at 10:00 on Mon 2 Mar 2026, as a host builds it in C++.
drp::event built_in_code(drp::event_type type) {
    drp::event e;
    e.type = type;
    e.at = drp::parse_rfc3339("2026-03-02T10:00:00Z");
    e.dispute_id = "D-1";
    return e;
}

}  // namespace

// An escalation reason is one of the enumerated reasons. (The engine once indexed the
// policy's escalation table with the unchecked reason: a heap-buffer-overflow under ASan.)
TEST(EventsBuiltInCode, an_escalation_with_an_unknown_reason_is_invalid) {
    auto d = merton_started_at("IR1");
    drp::event e = built_in_code(drp::event_type::escalate);
    e.reason = "bogus";
    try {
        d.apply(e);
        FAIL() << "accepted";
    } catch (const drp::error& err) {
        EXPECT_EQ(err.code(), drp::errc::invalid_event) << err.what();
    }
}

// An extension names the date it runs until. (The engine once read the empty date unchecked
// and accepted the extension with whatever the optional's storage held.)
TEST(EventsBuiltInCode, an_extension_without_a_date_is_invalid) {
    auto d = merton_started_at("IR1");
    drp::event e = built_in_code(drp::event_type::extend);
    e.agreed_by = "IRO";
    // An optional that once held a date: reading it unchecked picks up the stale date, and
    // the extension is accepted without one.
    e.due = drp::due_time{drp::parse_date("2026-03-20")};
    e.due.reset();
    try {
        d.apply(e);
        FAIL() << "accepted";
    } catch (const drp::error& err) {
        EXPECT_EQ(err.code(), drp::errc::invalid_event) << err.what();
    }
}

// An event built in code is held to the same shapes as one parsed from JSON, so whatever a
// dispute accepts survives to_json and from_json.
TEST(EventsBuiltInCode, are_held_to_the_schema_shapes) {
    const auto p = drp::builtin_policy("merton");
    drp::event raise;
    raise.type = drp::event_type::raise;
    raise.at = drp::parse_rfc3339("2027-03-01T09:00:00Z");
    raise.dispute_id = "D1";
    raise.child_ref = "C-1";
    raise.category = "resources";
    raise.urgency = "standard";
    raise.summary = "s";
    raise.due = drp::due_time{drp::parse_date("2027-03-12")};
    const auto refused_as_invalid = [&](auto change) {
        drp::dispute d(p);
        drp::event e = raise;
        change(e);
        try {
            d.apply(e);
        } catch (const drp::error& err) {
            return err.code() == drp::errc::invalid_event && d.history().empty();
        }
        return false;
    };
    EXPECT_TRUE(refused_as_invalid([](drp::event& e) { e.dispute_id = "D1 "; }));
    EXPECT_TRUE(refused_as_invalid([](drp::event& e) { e.summary = "a\x01b"; }));
    EXPECT_TRUE(refused_as_invalid([](drp::event& e) { e.note = "   "; }));
    EXPECT_TRUE(refused_as_invalid([](drp::event& e) { e.category = "Care"; }));
    for (const char* bad_utf8 : {"caf\xc3", "\xf5\x80\x80\x80", "\xc0\xaf", "\xed\xa0\x80", "12345678\xff"})
        EXPECT_TRUE(refused_as_invalid([&](drp::event& e) { e.summary = bad_utf8; })) << bad_utf8;
    for (const char* good : {"caf\xc3\xa9", "\xe2\x82\xac 10", "\xf0\x9f\x99\x82 ok", "an ASCII run longer than eight"})
        EXPECT_FALSE(refused_as_invalid([&](drp::event& e) { e.summary = good; })) << good;
    drp::dispute d(p);
    d.apply(raise);
    EXPECT_EQ(drp::dispute::from_json(p, d.to_json()).to_json(), d.to_json());
}
