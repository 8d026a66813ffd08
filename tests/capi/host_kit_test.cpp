// What a case-record system needs beyond apply (issue 13), through drp.h only: next_due,
// obligation rows read without a JSON parser, plain-English action texts, local time
// without time-zone code, as_of as a local date, and the sweep over many stored states.
#include "capi_test.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using namespace drp_test;
using nlohmann::json;

std::string field(const drp_list* l, size_t i, const char* name) { return text_or_empty(drp_list_get(l, i, name)); }

std::vector<std::string> items(const drp_list* l, size_t i, const char* name) {
    std::vector<std::string> out;
    for (size_t k = 0; k < drp_list_item_count(l, i, name); ++k) out.emplace_back(drp_list_item(l, i, name, k));
    return out;
}

std::string next_due(const drp_dispute* d) {
    char* out = reinterpret_cast<char*>(1);
    EXPECT_EQ(drp_dispute_next_due(&out, d), DRP_OK) << drp_error_last();
    const string_ptr owned(out);
    return out ? std::string(out) : std::string("(none)");
}

struct CApiHostKit : testing::Test {
    policy_ptr merton = builtin("merton");
    dispute_ptr d = new_dispute(merton.get());

    int apply(const std::string& e, drp_list** actions = nullptr) { return drp_dispute_apply(actions, d.get(), e.c_str()); }
};

TEST_F(CApiHostKit, NextDueIsTheEarliestDeadlineThatCanPass) {
    EXPECT_EQ(next_due(d.get()), "(none)") << "nothing is owed before the raise";
    ASSERT_EQ(apply(raise_at_ir1()), DRP_OK);
    // Merton at IR1: alert HOS_QAPD within 24 hours (22 Dec 10:30) comes before the response (7 Jan).
    EXPECT_EQ(next_due(d.get()), "2026-12-22T10:30:00Z") << "in UTC, so that it sorts as text";
    ASSERT_EQ(apply(event("notify", "2026-12-21T11:00:00Z", {{"by", "IRO"}, {"role", "HOS_QAPD"}})), DRP_OK);
    const auto state = json::parse(state_of(d.get()));
    EXPECT_EQ(state["next_due"], "2026-12-23T10:30:00+00:00") << "the state JSON, with its local offset";
    EXPECT_EQ(next_due(d.get()), "2026-12-23T10:30:00Z");
    // The earliest open deadline among those that can be overdue, counted independently.
    std::string earliest;
    for (const auto& o : state["obligations"])
        if (o["status"] == "open" && o["due"].is_string() && !o["discretionary"].get<bool>() && !o["immediately"].get<bool>()) {
            const auto due = o["due"].get<std::string>();  // all +00:00 in December: text order is time order
            if (earliest.empty() || due < earliest) earliest = due;
        }
    EXPECT_EQ(state["next_due"], earliest);
    // Overdue exactly after it, not at it.
    drp_list* l = nullptr;
    ASSERT_EQ(drp_dispute_obligations(&l, d.get(), earliest.c_str()), DRP_OK);
    list_ptr at(l);
    for (size_t i = 0; i < drp_list_count(l); ++i) EXPECT_NE(field(l, i, "status"), "overdue");
    // A time out stops the clocks: nothing can become overdue while it lasts.
    ASSERT_EQ(apply(event("pause", "2026-12-22T09:00:00Z", {{"by", "IRO"}, {"approved_by", "IRO_MANAGER"}, {"reason", "Waiting"}})),
              DRP_OK) << drp_error_last();
    EXPECT_EQ(json::parse(state_of(d.get()))["next_due"], nullptr);
    EXPECT_EQ(drp_dispute_next_due(nullptr, d.get()), DRP_EINVALID_ARGUMENT);
}

TEST_F(CApiHostKit, NextDueSortsAsTextAcrossOffsets) {
    // Raised at 09:00 BST on Mon 7 June 2027: the alert is due 24 hours later, 08:00Z.
    std::string raise = raise_at_ir1("D-S");
    raise.replace(raise.find("2026-12-21T10:30:00Z"), 20, "2027-06-07T09:00:00+01:00");
    const auto summer = new_dispute(merton.get());
    ASSERT_EQ(drp_dispute_apply(nullptr, summer.get(), raise.c_str()), DRP_OK) << drp_error_last();
    EXPECT_EQ(json::parse(state_of(summer.get()))["next_due"], "2027-06-08T09:00:00+01:00");
    const auto due = next_due(summer.get());
    EXPECT_EQ(due, "2027-06-08T08:00:00Z");
    // "now" 08:30Z is after it: as text, in UTC, the comparison a query makes is right.
    char* now = nullptr;
    ASSERT_EQ(drp_instant_utc(&now, "2027-06-08T09:30:00+01:00"), DRP_OK);
    const string_ptr owned(now);
    EXPECT_STREQ(now, "2027-06-08T08:30:00Z");
    EXPECT_LT(due, std::string(now));
    ASSERT_EQ(drp_instant_utc(&now, "2027-06-08T09:30:00.75+01:00"), DRP_OK);
    EXPECT_STREQ(string_ptr(now).get(), "2027-06-08T08:30:00Z") << "fractions dropped: fixed width";
    EXPECT_EQ(drp_instant_utc(&now, "2027-06-08"), DRP_EINVALID_DATE) << "a date is not an instant";
    EXPECT_EQ(drp_instant_utc(&now, "9999-12-31T23:59:59-01:00"), DRP_EOUT_OF_RANGE) << "year 10000 in UTC";
    EXPECT_EQ(now, nullptr);
    EXPECT_EQ(drp_instant_utc(&now, "0001-01-01T00:30:00+01:00"), DRP_EOUT_OF_RANGE) << "year 0 in UTC";
    EXPECT_EQ(now, nullptr);
    EXPECT_STREQ(drp_policy_effective_from(merton.get()), "2025-01-01");
    EXPECT_EQ(drp_policy_effective_from(nullptr), nullptr);
}

TEST_F(CApiHostKit, ObligationRowsHaveIndexTextExplainAndRoleItems) {
    drp_list* actions = nullptr;
    ASSERT_EQ(apply(raise_at_ir1(), &actions), DRP_OK);
    const list_ptr a(actions);
    drp_list* l = nullptr;
    ASSERT_EQ(drp_dispute_obligations(&l, d.get(), nullptr), DRP_OK);
    const list_ptr rows(l);
    const auto state = json::parse(state_of(d.get()));
    ASSERT_EQ(drp_list_count(l), state["obligations"].size());
    for (size_t i = 0; i < drp_list_count(l); ++i) {
        EXPECT_EQ(field(l, i, "index"), std::to_string(i));
        const auto& o = state["obligations"][i];
        EXPECT_EQ(field(l, i, "explain"), o["explain"]["text"].get<std::string>()) << "explain is the text";
        EXPECT_EQ(json::parse(field(l, i, "explain_json")), o["explain"]);
        EXPECT_EQ(items(l, i, "role"), o["role"].get<std::vector<std::string>>());
    }
    // An action's index names its row.
    for (size_t k = 0; k < drp_list_count(actions); ++k) {
        const auto i = std::stoul(field(actions, k, "index"));
        EXPECT_EQ(field(l, i, "id"), field(actions, k, "obligation"));
    }
    EXPECT_EQ(field(l, 0, "id"), "resolution");
    EXPECT_EQ(items(l, 0, "role"), (std::vector<std::string>{"TM", "HOS"}));
    EXPECT_EQ(drp_list_item_count(l, 0, "target"), 0u) << "a null target has no items";
    EXPECT_EQ(drp_list_item(l, 0, "role", 2), nullptr);
    EXPECT_EQ(drp_list_item(l, 99, "role", 0), nullptr);
    EXPECT_EQ(drp_list_item(nullptr, 0, "role", 0), nullptr);
    EXPECT_EQ(drp_list_item_count(l, 0, nullptr), 0u);
    EXPECT_EQ(drp_list_item_count(l, 0, "id"), 0u) << "not a list";
}

TEST_F(CApiHostKit, AnyOfRecipientsAreOneItemWithTheirRolesJoinedByABar) {
    // Every seed's stage responders, item by item, are the JSON's items.
    for (const char* name : {"merton", "qa-form", "cic-issues-resolution", "trust-qas", "tracked-recommendation"}) {
        const auto policy = builtin(name);
        drp_list* stages = nullptr;
        ASSERT_EQ(drp_policy_stages(&stages, policy.get()), DRP_OK);
        const list_ptr s(stages);
        for (size_t i = 0; i < drp_list_count(stages); ++i) {
            const auto responder = json::parse(field(stages, i, "responder"));
            ASSERT_EQ(drp_list_item_count(stages, i, "responder"), responder.size());
            for (size_t k = 0; k < responder.size(); ++k)
                EXPECT_EQ(drp_list_item(stages, i, "responder", k), responder[k].get<std::string>());
        }
    }
    // Merton's IR2 copies in "IRO manager/ HOS for safeguarding": {"any_of": [...]}.
    ASSERT_EQ(apply(raise_at_ir1()), DRP_OK);
    ASSERT_EQ(apply(event("respond", "2027-01-05T12:00:00Z", {{"by", "TM"}, {"adequate", false}})), DRP_OK) << drp_error_last();
    drp_list* actions = nullptr;
    ASSERT_EQ(apply(event("escalate", "2027-01-06T09:00:00Z", {{"by", "IRO"}, {"reason", "not_resolved"}}), &actions), DRP_OK)
        << drp_error_last();
    const list_ptr a(actions);
    bool found = false;
    for (size_t k = 0; k < drp_list_count(actions); ++k) {
        if (field(actions, k, "obligation").find("any_of") == std::string::npos &&
            field(actions, k, "target").find("any_of") == std::string::npos)
            continue;
        ASSERT_EQ(drp_list_item_count(actions, k, "target"), 1u);
        EXPECT_STREQ(drp_list_item(actions, k, "target", 0), "IRO_MANAGER|HOS_SAFEGUARDING");
        EXPECT_EQ(field(actions, k, "text"),
                  "Independent Reviewing Officer to tell IRO manager or Head of Service for safeguarding "
                  "(Formal resolution: Stage 2 (IR2))");
        found = true;
    }
    EXPECT_TRUE(found) << "the escalation to IR2 owes the any_of copy";
}

TEST_F(CApiHostKit, ActionTextsArePlainEnglishFromThePolicysTitles) {
    drp_list* actions = nullptr;
    ASSERT_EQ(apply(raise_at_ir1(), &actions), DRP_OK);
    const list_ptr a(actions);
    std::vector<std::string> texts;
    for (size_t k = 0; k < drp_list_count(actions); ++k) texts.push_back(field(actions, k, "text"));
    // Merton's titles: TM "Team Manager", HOS "Head of Service"; IR1's title; 10 working days.
    EXPECT_EQ(texts[0].rfind("Resolution from ", 0), 0u) << texts[0];  // IR1: "work to be completed"
    EXPECT_NE(texts[0].find(" by Thu 7 Jan 2027"), std::string::npos) << texts[0];
    for (const auto& t : texts) {
        EXPECT_EQ(t.find("response response"), std::string::npos) << t;
        EXPECT_EQ(t.find("C-1001"), std::string::npos) << t;
        EXPECT_EQ(t.find("Care plan"), std::string::npos) << "no free text: " << t;
        EXPECT_EQ(t.find('_'), std::string::npos) << "no ids with underscores: " << t;
    }
    // Met: "done" (the work is completed when the dispute is resolved, not by the reply).
    ASSERT_EQ(apply(event("respond", "2027-01-05T12:00:00Z", {{"by", "TM"}, {"adequate", true}})), DRP_OK) << drp_error_last();
    drp_list* done = nullptr;
    ASSERT_EQ(apply(event("resolve", "2027-01-05T13:00:00Z", {{"summary", "s"}, {"impact", "i"}}), &done), DRP_OK)
        << drp_error_last();
    const list_ptr dn(done);
    bool met = false;
    for (size_t k = 0; k < drp_list_count(done); ++k)
        if (field(done, k, "action") == "done" && field(done, k, "obligation") == "resolution") {
            EXPECT_EQ(field(done, k, "text").find(": done"), field(done, k, "text").find(':')) << field(done, k, "text");
            met = true;
        }
    EXPECT_TRUE(met);
}

TEST_F(CApiHostKit, AnEventBeforeTheRaiseSaysThereIsNoRaise) {
    EXPECT_EQ(apply(event("respond", "2026-12-22T10:00:00Z", {{"by", "TM"}, {"adequate", true}}, "D-77")), DRP_ENOT_PERMITTED);
    const std::string message = drp_error_last();
    EXPECT_NE(message.find("dispute D-77"), std::string::npos) << message;
    EXPECT_NE(message.find("no raise for this dispute"), std::string::npos) << message;
    EXPECT_EQ(message.find("while the dispute is new"), std::string::npos) << message;
}

TEST_F(CApiHostKit, LocalWallTimeBothWaysWithoutTimeZoneCode) {
    char* out = nullptr;
    ASSERT_EQ(drp_policy_local_instant(&out, merton.get(), "2027-01-08", "09:00"), DRP_OK) << drp_error_last();
    EXPECT_STREQ(string_ptr(out).get(), "2027-01-08T09:00:00+00:00");
    ASSERT_EQ(drp_policy_local_instant(&out, merton.get(), "2027-06-08", "09:30:15"), DRP_OK);
    EXPECT_STREQ(string_ptr(out).get(), "2027-06-08T09:30:15+01:00") << "British Summer Time";
    ASSERT_EQ(drp_policy_local_instant(&out, merton.get(), "2027-06-08", nullptr), DRP_OK);
    EXPECT_STREQ(string_ptr(out).get(), "2027-06-08T23:59:59+01:00") << "NULL time: the end of the day";
    // Clocks go forward on Sunday 28 March 2027 at 01:00 GMT: 01:30 does not exist.
    ASSERT_EQ(drp_policy_local_instant(&out, merton.get(), "2027-03-28", "01:30"), DRP_OK);
    EXPECT_STREQ(string_ptr(out).get(), "2027-03-28T02:30:00+01:00");
    EXPECT_EQ(drp_policy_local_instant(&out, merton.get(), "2027-01-08", "9am"), DRP_EINVALID_DATE);
    EXPECT_EQ(out, nullptr);
    EXPECT_EQ(drp_policy_local_instant(&out, merton.get(), "2027-01-08", "24:00"), DRP_EINVALID_DATE);
    EXPECT_EQ(drp_policy_local_instant(&out, merton.get(), "2027-02-30", "09:00"), DRP_EINVALID_DATE);

    char* date = nullptr;
    char* time = nullptr;
    ASSERT_EQ(drp_policy_local_time(&date, &time, merton.get(), "2027-06-30T22:30:00Z"), DRP_OK);
    EXPECT_STREQ(string_ptr(date).get(), "2027-06-30");
    EXPECT_STREQ(string_ptr(time).get(), "23:30:00");
    ASSERT_EQ(drp_policy_local_time(&date, &time, merton.get(), "2027-06-30T23:30:00Z"), DRP_OK);
    EXPECT_STREQ(string_ptr(date).get(), "2027-07-01") << "after midnight BST is the next local day";
    EXPECT_STREQ(string_ptr(time).get(), "00:30:00");
    // Clocks go back on Sunday 31 October 2027 at 02:00 BST: 01:30 happens twice.
    ASSERT_EQ(drp_policy_local_time(nullptr, &time, merton.get(), "2027-10-31T00:30:00Z"), DRP_OK);
    EXPECT_STREQ(string_ptr(time).get(), "01:30:00");
    ASSERT_EQ(drp_policy_local_time(nullptr, &time, merton.get(), "2027-10-31T01:30:00Z"), DRP_OK);
    EXPECT_STREQ(string_ptr(time).get(), "01:30:00");
    EXPECT_EQ(drp_policy_local_time(&date, &time, merton.get(), "2027-06-30"), DRP_EINVALID_DATE);
    EXPECT_EQ(date, nullptr);
    EXPECT_EQ(time, nullptr);
    EXPECT_EQ(drp_policy_local_time(nullptr, nullptr, merton.get(), "2027-06-30T23:30:00Z"), DRP_EINVALID_ARGUMENT);
}

TEST_F(CApiHostKit, AsOfMayBeALocalDateMeaningTheEndOfThatDay) {
    ASSERT_EQ(apply(raise_at_ir1()), DRP_OK);
    ASSERT_EQ(apply(event("notify", "2026-12-21T11:00:00Z", {{"by", "IRO"}, {"role", "HOS_QAPD"}})), DRP_OK);
    ASSERT_EQ(apply(event("notify", "2026-12-21T11:00:00Z", {{"by", "IRO"}, {"role", "SW"}})), DRP_OK);
    ASSERT_EQ(apply(event("record", "2026-12-21T11:00:00Z", {{"by", "IRO"}, {"obligation", "record_actions"}})), DRP_OK);
    // The response is due at 23:59:59 on 7 January: in time as of that date, overdue as of the 8th.
    EXPECT_EQ(state_of(d.get(), "2027-01-07"), state_of(d.get(), "2027-01-07T23:59:59+00:00"));
    const auto on_7th = json::parse(state_of(d.get(), "2027-01-07"));
    const auto on_8th = json::parse(state_of(d.get(), "2027-01-08"));
    EXPECT_EQ(on_7th["obligations"][0]["status"], "open");
    EXPECT_EQ(on_8th["obligations"][0]["status"], "overdue");
    EXPECT_EQ(on_8th["as_of"], "2027-01-08T23:59:59+00:00");
    drp_list* by_date = nullptr;
    drp_list* by_instant = nullptr;
    ASSERT_EQ(drp_dispute_allowed_next(&by_date, d.get(), "2027-01-08"), DRP_OK);
    ASSERT_EQ(drp_dispute_allowed_next(&by_instant, d.get(), "2027-01-08T23:59:59Z"), DRP_OK);
    const list_ptr x(by_date), y(by_instant);
    char* a = nullptr;
    char* b = nullptr;
    ASSERT_EQ(drp_list_json(&a, by_date), DRP_OK);
    ASSERT_EQ(drp_list_json(&b, by_instant), DRP_OK);
    EXPECT_STREQ(string_ptr(a).get(), string_ptr(b).get());
    EXPECT_EQ(state_of(d.get(), "2027-13-01"), "") << "not a date";
}

// ---- the sweep -----------------------------------------------------------------------

struct CApiSweep : CApiHostKit {
    // Three Merton disputes raised on different days, stored as a host stores them.
    std::vector<std::string> stored;
    void SetUp() override {
        for (const auto& [id, day] : std::vector<std::pair<std::string, std::string>>{
                 {"D-1", "2026-12-21"}, {"D-2", "2027-01-04"}, {"D-3", "2027-01-11"}}) {
            const auto x = new_dispute(merton.get());
            std::string raise = raise_at_ir1(id);
            raise.replace(raise.find("2026-12-21"), 10, day);
            ASSERT_EQ(drp_dispute_apply(nullptr, x.get(), raise.c_str()), DRP_OK) << drp_error_last();
            for (const char* role : {"HOS_QAPD", "SW"})
                ASSERT_EQ(drp_dispute_apply(nullptr, x.get(), event("notify", day + "T11:00:00Z", {{"by", "IRO"}, {"role", role}}, id).c_str()),
                          DRP_OK);
            ASSERT_EQ(drp_dispute_apply(nullptr, x.get(),
                                        event("record", day + "T11:00:00Z", {{"by", "IRO"}, {"obligation", "record_actions"}}, id).c_str()),
                      DRP_OK);
            stored.push_back(state_of(x.get()));
        }
    }
    size_t failed = 12345;
    list_ptr sweep(const char* as_of, const char* due_before, int expect = DRP_OK) {
        std::vector<const char*> texts;
        for (const auto& s : stored) texts.push_back(s.c_str());
        drp_list* out = reinterpret_cast<drp_list*>(1);
        EXPECT_EQ(drp_sweep(&out, &failed, merton.get(), texts.data(), texts.size(), as_of, due_before), expect) << drp_error_last();
        if (expect != DRP_OK) {
            EXPECT_EQ(out, nullptr);
        }
        return list_ptr(out);
    }
};

TEST_F(CApiSweep, ListsWhatIsOverdueAndDueSoonAcrossDisputes) {
    // Each dispute's IR1 resolution: D-1 due 7 Jan, D-2 due 18 Jan, D-3 due 25 Jan 2027.
    const auto overdue = sweep("2027-01-19T09:00:00Z", nullptr);
    std::vector<std::string> found;
    for (size_t k = 0; k < drp_list_count(overdue.get()); ++k)
        found.push_back(field(overdue.get(), k, "dispute_id") + "/" + field(overdue.get(), k, "obligation"));
    EXPECT_EQ(found, (std::vector<std::string>{"D-1/resolution", "D-2/resolution"}));
    const auto* l = overdue.get();
    EXPECT_EQ(field(l, 0, "status"), "overdue");
    EXPECT_EQ(field(l, 0, "state"), "0");
    EXPECT_EQ(field(l, 0, "index"), "0");
    EXPECT_EQ(field(l, 0, "due"), "2027-01-07T23:59:59+00:00");
    EXPECT_EQ(field(l, 0, "due_date"), "2027-01-07");
    EXPECT_EQ(field(l, 0, "stage"), "IR1");
    EXPECT_EQ(items(l, 0, "role"), (std::vector<std::string>{"TM", "HOS"}));
    EXPECT_NE(field(l, 0, "explain").find("Christmas Day"), std::string::npos) << field(l, 0, "explain");
    EXPECT_NE(field(l, 0, "text").find("overdue, due by Thu 7 Jan 2027"), std::string::npos) << field(l, 0, "text");
    EXPECT_EQ(field(l, 1, "due_date"), "2027-01-18");
    // next_due equal to due_before is due soon: D-3's resolution is due at the end of 25
    // January, and due_before "2027-01-25" is that very instant.
    // Due soon, up to the end of 25 January: D-1's overall cap (20 working days: 21 Jan)
    // and D-3's resolution (25 Jan), neither overdue yet.
    const auto soon = sweep("2027-01-19T09:00:00Z", "2027-01-25");
    found.clear();
    for (size_t k = 0; k < drp_list_count(soon.get()); ++k)
        found.push_back(field(soon.get(), k, "dispute_id") + "/" + field(soon.get(), k, "obligation") + "/" +
                        field(soon.get(), k, "status") + "/" + field(soon.get(), k, "due_date"));
    EXPECT_EQ(found, (std::vector<std::string>{"D-1/resolution/overdue/2027-01-07", "D-2/resolution/overdue/2027-01-18",
                                               "D-1/overall/open/2027-01-21", "D-3/resolution/open/2027-01-25"}));
    // The same as each dispute's own obligations as of then.
    for (size_t k = 0; k < drp_list_count(soon.get()); ++k) {
        drp_dispute* x = nullptr;
        ASSERT_EQ(drp_dispute_from_json(&x, merton.get(), stored[std::stoul(field(soon.get(), k, "state"))].c_str()), DRP_OK);
        const dispute_ptr own(x);
        drp_list* o = nullptr;
        ASSERT_EQ(drp_dispute_obligations(&o, x, "2027-01-19T09:00:00Z"), DRP_OK);
        const list_ptr rows(o);
        const auto i = std::stoul(field(soon.get(), k, "index"));
        EXPECT_EQ(field(o, i, "due"), field(soon.get(), k, "due"));
        EXPECT_EQ(field(o, i, "explain"), field(soon.get(), k, "explain"));
        EXPECT_EQ(field(o, i, "status") == "overdue", field(soon.get(), k, "status") == "overdue");
    }
}

TEST_F(CApiSweep, ABadStateFailsTheCallNamingItsIndexAndQuotingNothing) {
    sweep("2027-01-19T09:00:00Z", nullptr);
    EXPECT_EQ(failed, stored.size()) << "no failed state: the count";
    stored[1] = stored[1].substr(0, stored[1].size() / 2);
    sweep("2027-01-19T09:00:00Z", nullptr, DRP_EINVALID_JSON);
    EXPECT_EQ(failed, 1u) << "the failed state's index, without reading the message";
    EXPECT_NE(std::string(drp_error_last()).find("state 1: "), std::string::npos) << drp_error_last();
    stored[1] = R"({"policy": {"id": "qa-form", "version": "1.0.0"}, "history": []})";
    sweep("2027-01-19T09:00:00Z", nullptr, DRP_ESCHEMA);
    EXPECT_NE(std::string(drp_error_last()).find("another policy"), std::string::npos) << drp_error_last();
    stored[1] = R"({"policy": {"id": 5, "version": "1.0.0"}, "history": []})";
    sweep("2027-01-19T09:00:00Z", nullptr, DRP_ESCHEMA);
    EXPECT_EQ(failed, 1u);
    stored[1] = R"({"policy": {"id": "merton", "version": "1.0.0"}, "history": [{"type": 7}]})";
    sweep("2027-01-19T09:00:00Z", nullptr, DRP_ESCHEMA);
    EXPECT_NE(std::string(drp_error_last()).find("state 1: /history/0: the event is refused"), std::string::npos) << drp_error_last();
    stored.pop_back();
    stored.pop_back();
    sweep("2026-12-20T09:00:00Z", nullptr, DRP_EOUT_OF_ORDER);
    EXPECT_EQ(failed, 0u);
    EXPECT_EQ(std::string(drp_error_last()).find("C-1001"), std::string::npos);
    drp_list* out = nullptr;
    EXPECT_EQ(drp_sweep(&out, nullptr, merton.get(), nullptr, 2, "2027-01-19", nullptr), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_sweep(&out, nullptr, merton.get(), nullptr, 0, "2027-01-19", nullptr), DRP_OK) << "no states, no rows";
    EXPECT_EQ(drp_list_count(out), 0u);
    drp_list_free(out);
    EXPECT_EQ(drp_sweep(&out, nullptr, merton.get(), nullptr, 0, "soon", nullptr), DRP_EINVALID_DATE);
}

}  // namespace
