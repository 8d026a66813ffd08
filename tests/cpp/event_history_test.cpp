// drp::event_history: the compact history gives back every event exactly as appended,
// whatever fields it has set, and holds far less than the events themselves.
#include "drp/event_history.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "drp/dispute.hpp"
#include "drp/policy.hpp"

namespace {

using drp::event;

constexpr std::string event::* every_text[] = {
    &event::dispute_id, &event::by, &event::note, &event::child_ref, &event::category, &event::urgency,
    &event::summary, &event::start_stage, &event::start_reason, &event::policy_version, &event::team,
    &event::reason, &event::to, &event::agreed_by, &event::approved_by, &event::role, &event::refer_to,
    &event::meeting_kind, &event::obligation, &event::stage, &event::impact, &event::case_type, &event::route};

void expect_same(const event& a, const event& b) {
    EXPECT_EQ(a.type, b.type);
    EXPECT_EQ(a.at, b.at);
    for (const auto field : every_text) EXPECT_EQ(a.*field, b.*field);
    EXPECT_EQ(a.cross_council, b.cross_council);
    EXPECT_EQ(a.due, b.due);
    EXPECT_EQ(a.adequate, b.adequate);
    EXPECT_EQ(a.accepted, b.accepted);
    EXPECT_EQ(a.agreed, b.agreed);
    EXPECT_EQ(a.concurrent, b.concurrent);
    EXPECT_EQ(a.judged_by, b.judged_by);
}

// Events with random fields: any subset of texts (of any length, any bytes, NULs included),
// every flag, both kinds of due time, long and negative times.
event random_event(std::mt19937_64& rng, const std::string& id) {
    event e;
    e.type = static_cast<drp::event_type>(rng() % 15);
    e.at = drp::instant{std::chrono::seconds{static_cast<long long>(rng() % 20'000'000'000ULL) - 5'000'000'000LL}};
    for (const auto field : every_text) {
        if (rng() % 3 != 0) continue;
        const std::size_t n = rng() % 4 == 0 ? rng() % 600 : rng() % 20;
        std::string text(n, '\0');
        for (auto& c : text) c = static_cast<char>(rng() % 256);
        e.*field = text;
    }
    if (rng() % 4 != 0) e.dispute_id = id;  // mostly the dispute's own id
    e.cross_council = rng() % 2;
    e.adequate = rng() % 2;
    e.accepted = rng() % 2;
    e.concurrent = rng() % 2;
    if (rng() % 2) e.agreed = rng() % 2 == 0;
    if (rng() % 3 == 0)  // role ids: no newline (the history joins them with one)
        for (std::size_t k = 1 + rng() % 3; k > 0; --k) e.judged_by.push_back("ROLE_" + std::to_string(rng() % 50));
    switch (rng() % 3) {
        case 0: break;
        case 1: e.due = drp::due_time{drp::date{std::chrono::days{static_cast<int>(rng() % 200'000) - 50'000}}}; break;
        default: e.due = drp::due_time{drp::instant{std::chrono::seconds{static_cast<long long>(rng() % 9'000'000'000ULL)}}};
    }
    return e;
}

TEST(EventHistory, GivesBackEveryEventAsAppended) {
    std::mt19937_64 rng(20261202);
    for (int round = 0; round < 50; ++round) {
        drp::event_history h;
        std::vector<event> sent;
        const std::string id = "D-" + std::to_string(round);
        for (int i = 0; i < 60; ++i) {
            sent.push_back(random_event(rng, id));
            h.push_back(sent.back());
        }
        ASSERT_EQ(h.size(), sent.size());
        for (std::size_t i = 0; i < sent.size(); ++i) {
            expect_same(h[i], sent[i]);
            EXPECT_EQ(h.type(i), sent[i].type);
            EXPECT_EQ(h.time(i), sent[i].at);
            for (const auto field : every_text) EXPECT_EQ(h.text(i, field), sent[i].*field);
        }
        // Read into one event, forwards then backwards: every field is replaced, none
        // left over from the event read before.
        event into = random_event(rng, "other");
        for (std::size_t k = 0; k < sent.size(); ++k) {
            h.read(k, into);
            expect_same(into, sent[k]);
        }
        for (std::size_t k = sent.size(); k-- > 0;) {
            h.read(k, into);
            expect_same(into, sent[k]);
        }
        std::size_t i = 0;
        for (const event& e : h) expect_same(e, sent[i++]);
        EXPECT_EQ(i, sent.size());
        expect_same(h.front(), sent.front());
        expect_same(h.back(), sent.back());
        EXPECT_THROW((void)h.at(sent.size()), std::out_of_range);
    }
}

TEST(EventHistory, PopBackAndClearLeaveWhatWasBefore) {
    std::mt19937_64 rng(7);
    drp::event_history h, copy;
    const event a = random_event(rng, "D-1"), b = random_event(rng, "D-1");
    h.push_back(a);
    copy = h;
    h.push_back(b);
    EXPECT_FALSE(h == copy);
    h.pop_back();
    EXPECT_TRUE(h == copy);
    expect_same(h.back(), a);
    h.pop_back();
    EXPECT_TRUE(h.empty());
    // A history emptied takes the next first event's id as its own.
    event c = random_event(rng, "D-2");
    c.dispute_id = "D-2";
    h.push_back(c);
    EXPECT_EQ(h.text(0, &event::dispute_id), "D-2");
    h.clear();
    EXPECT_TRUE(h.empty());
    EXPECT_EQ(h.size(), 0u);
}

// The memory figure the issue sets: a realistic history takes a fraction of the events.
TEST(EventHistory, DisputeHistoryHoldsFarLessThanItsEvents) {
    const drp::policy p = drp::builtin_policy("merton");
    drp::dispute d(p);
    event raise;
    raise.type = drp::event_type::raise;
    raise.at = drp::parse_rfc3339("2026-12-21T10:00:00Z");
    raise.dispute_id = "MER-2026-0001";
    raise.by = "IRO";
    raise.child_ref = "C-1";
    raise.category = "care_planning";
    raise.urgency = "standard";
    raise.summary = "Care plan review overdue";
    raise.due = drp::due_time{drp::parse_date("2027-01-08")};
    d.apply(raise);
    std::vector<event> sent{raise};
    for (int i = 0; i < 2000; ++i) {
        event m;
        m.type = drp::event_type::meeting;
        m.at = raise.at + std::chrono::hours{i + 1};
        m.dispute_id = raise.dispute_id;
        m.meeting_kind = "challenge";
        m.note = "Spoke with the team manager about the plan";
        d.apply(m);
        sent.push_back(m);
    }
    ASSERT_EQ(d.history().size(), sent.size());
    for (std::size_t i = 0; i < sent.size(); i += 97) expect_same(d.history()[i], sent[i]);
    // 2,001 events of 744+ bytes each as values; packed, about 80 bytes each.
    EXPECT_LT(d.history().memory(), sent.size() * 150);
    EXPECT_GT(d.history().memory(), sent.size() * 40);
}

}  // namespace
