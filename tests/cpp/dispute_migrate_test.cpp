// dispute::migrate: a Merton dispute moved to other versions of the seed (a longer IR1
// timescale, a stage fewer, a duty more or fewer), the actions the move causes, refusals
// that leave the dispute as it was, and the moved state's round trip.
//
// Dates by hand (no bank holidays in March 2027): raised at IR1 on Mon 1 Mar 2027 09:00 GMT;
// 10 working days: 2-5 (4), 8-12 (9), 15 (10) -> Mon 15 Mar; 15 working days: 16-19 (14),
// 22 (15) -> Mon 22 Mar.
#include <gtest/gtest.h>

#include <functional>

#include <nlohmann/json.hpp>

#include "drp/migrate.hpp"

namespace {

using nlohmann::json;

const char* const raise_ir1 =
    R"({"type":"raise","at":"2027-03-01T09:00:00Z","dispute_id":"D-7","by":"IRO","child_ref":"C-1042","category":"resources",)"
    R"("urgency":"standard","summary":"Placement funding refused","start_stage":"IR1","start_reason":"No remit"})";

// Merton's seed as version `version`, changed by `edit`.
drp::policy merton(const std::string& version, const std::function<void(json&)>& edit = {}) {
    json j = json::parse(drp::builtin_policy("merton").source_text());
    j["version"] = version;
    j["effective_from"] = "2027-03-01";
    if (edit) edit(j);
    return drp::load_policy(j.dump(), "merton-" + version + ".json");
}

json& stage_of(json& policy, const std::string& id) {
    for (auto& s : policy["stages"])
        if (s["id"] == id) return s;
    throw std::logic_error("no stage " + id);
}

// IR1 responses due in 15 working days instead of 10.
drp::policy merton_ir1_15_days() {
    return merton("1.1.0", [](json& j) { stage_of(j, "IR1")["timescale"] = {{"working_days", 15}}; });
}

const json* obligation(const json& state, const std::string& id, const std::string& stage) {
    for (const auto& o : state["obligations"])
        if (o["id"] == id && o["stage"] == stage) return &o;
    return nullptr;
}

std::vector<json> rows(const json& actions, const std::string& verb) {
    std::vector<json> out;
    for (const auto& a : actions)
        if (a["action"] == verb) out.push_back(a);
    return out;
}

drp::instant at(const char* text) { return drp::parse_rfc3339(text); }

drp::error refusal(const std::function<void()>& f) {
    try {
        f();
    } catch (const drp::error& e) {
        return e;
    }
    return drp::error(drp::errc::ok, "no error");
}

}  // namespace

TEST(DisputeMigrate, a_longer_timescale_moves_the_due_date_and_says_update) {
    drp::dispute d(drp::builtin_policy("merton"));
    d.apply_json(raise_ir1);
    ASSERT_EQ((*obligation(d.to_json(), "resolution", "IR1"))["due_date"], "2027-03-15");
    const std::string before = d.to_json().dump();

    const auto m = d.migrate(merton_ir1_15_days(), at("2027-03-02T10:00:00Z"));
    EXPECT_EQ(d.to_json().dump(), before);  // the original is untouched
    const json s = m.moved.to_json();
    EXPECT_EQ(s["policy"], json({{"id", "merton"}, {"version", "1.1.0"}}));
    const json& response = *obligation(s, "resolution", "IR1");
    EXPECT_EQ(response["due_date"], "2027-03-22");
    EXPECT_EQ(response["due"], "2027-03-22T23:59:59+00:00");
    // The overall cap (20 working days) and the other duties are as they were.
    EXPECT_EQ((*obligation(s, "overall", "IR1"))["due"], (*obligation(d.to_json(), "overall", "IR1"))["due"]);

    // Only the response changed: one update, with the new due, at its index.
    ASSERT_EQ(m.actions_json.size(), 1u) << m.actions_json.dump();
    const json& u = m.actions_json[0];
    EXPECT_EQ(u["action"], "update");
    EXPECT_EQ(u["obligation"], "resolution");
    EXPECT_EQ(u["stage"], "IR1");
    EXPECT_EQ(u["dispute_id"], "D-7");
    EXPECT_EQ(u["due"], "2027-03-22T23:59:59+00:00");
    EXPECT_EQ(u["due_date"], "2027-03-22");
    EXPECT_EQ(s["obligations"][u["index"].get<std::size_t>()]["id"], "resolution");
    ASSERT_EQ(m.actions.size(), 1u);
    EXPECT_EQ(m.actions[0].verb, "update");
    EXPECT_EQ(m.actions[0].index, u["index"].get<std::size_t>());

    // The move is in the state, after the history it replayed.
    EXPECT_EQ(s["moves"], json::parse(R"([{"at":"2027-03-02T10:00:00+00:00","from_version":"1.0.0","to_version":"1.1.0","events":1}])"));
    EXPECT_EQ(s["history"], d.to_json()["history"]);
    EXPECT_EQ(d.to_json()["moves"], json::array());
}

TEST(DisputeMigrate, the_moved_state_restores_byte_for_byte_under_the_new_version_only) {
    const auto v2 = merton_ir1_15_days();
    drp::dispute d(drp::builtin_policy("merton"));
    d.apply_json(raise_ir1);
    auto moved = d.migrate(v2, at("2027-03-02T10:00:00Z")).moved;
    moved.apply_json(R"({"type":"respond","dispute_id":"D-7","at":"2027-03-03T12:00:00Z","adequate":false})");
    const std::string text = moved.to_json().dump();
    const auto restored = drp::dispute::from_json(v2, json::parse(text));
    EXPECT_EQ(restored.to_json().dump(), text);
    EXPECT_EQ(restored.state(), moved.state());
    // An as-of view restores too.
    EXPECT_EQ(drp::dispute::from_json(v2, moved.to_json(at("2027-04-01T00:00:00Z"))).to_json().dump(), text);
    // Under the version it left, it is another policy's state.
    EXPECT_EQ(refusal([&] { (void)drp::dispute::from_json(drp::builtin_policy("merton"), json::parse(text)); }).code(),
              drp::errc::schema);
}

TEST(DisputeMigrate, a_raise_that_named_its_version_can_still_be_moved_and_restored) {
    const auto v2 = merton_ir1_15_days();
    drp::dispute d(drp::builtin_policy("merton"));
    json raise = json::parse(raise_ir1);
    raise["policy_version"] = "1.0.0";
    d.apply(raise);
    const auto m = d.migrate(v2, at("2027-03-02T10:00:00Z"));
    const std::string text = m.moved.to_json().dump();
    EXPECT_EQ(drp::dispute::from_json(v2, json::parse(text)).to_json().dump(), text);

    // The raise must name the version the dispute was raised under, not any other.
    json forged = json::parse(text);
    forged["history"][0]["policy_version"] = "1.1.0";
    EXPECT_EQ(refusal([&] { (void)drp::dispute::from_json(v2, forged); }).code(), drp::errc::schema);
    // Without its moves, the state's raise names a version it was not under.
    json unmoved = json::parse(text);
    unmoved.erase("moves");
    EXPECT_EQ(refusal([&] { (void)drp::dispute::from_json(v2, unmoved); }).code(), drp::errc::schema);

    // Moved on again, to 1.2.0: the chain is kept, and the raise still names 1.0.0.
    const auto v3 = merton("1.2.0");
    const auto again = m.moved.migrate(v3, at("2027-03-03T10:00:00Z"));
    const json s = again.moved.to_json();
    ASSERT_EQ(s["moves"].size(), 2u);
    EXPECT_EQ(s["moves"][1], json::parse(R"({"at":"2027-03-03T10:00:00+00:00","from_version":"1.1.0","to_version":"1.2.0","events":1})"));
    EXPECT_EQ((*obligation(s, "resolution", "IR1"))["due_date"], "2027-03-15");  // 1.2.0 is the seed's 10 days again
    EXPECT_EQ(drp::dispute::from_json(v3, s).to_json().dump(), s.dump());
}

TEST(DisputeMigrate, restore_checks_the_moves) {
    const auto v2 = merton_ir1_15_days();
    drp::dispute d(drp::builtin_policy("merton"));
    d.apply_json(raise_ir1);
    const json good = d.migrate(v2, at("2027-03-02T10:00:00Z")).moved.to_json();
    const auto refused = [&](const std::function<void(json&)>& edit) {
        json s = good;
        edit(s);
        return refusal([&] { (void)drp::dispute::from_json(v2, s); }).code();
    };
    EXPECT_EQ(refused([](json&) {}), drp::errc::ok);
    EXPECT_EQ(refused([](json& s) { s["moves"] = "x"; }), drp::errc::schema);
    EXPECT_EQ(refused([](json& s) { s["moves"][0]["events"] = 2; }), drp::errc::schema);  // more than the history
    EXPECT_EQ(refused([](json& s) { s["moves"][0]["events"] = -1; }), drp::errc::schema);
    EXPECT_EQ(refused([](json& s) { s["moves"][0]["to_version"] = "1.0.0"; }), drp::errc::schema);
    EXPECT_EQ(refused([](json& s) { s["moves"][0]["from_version"] = "1.1.0"; }), drp::errc::schema);
    EXPECT_EQ(refused([](json& s) { s["moves"][0]["from_version"] = "one"; }), drp::errc::schema);
    EXPECT_EQ(refused([](json& s) { s["moves"][0]["at"] = "2027-03-02"; }), drp::errc::schema);
    EXPECT_EQ(refused([](json& s) { s["moves"][0]["at"] = "2027-03-01T08:00:00+00:00"; }), drp::errc::schema);  // before the raise
    EXPECT_EQ(refused([](json& s) { s["moves"][0]["at"] = "2027-03-02T10:00:00Z"; }), drp::errc::schema);  // not as drp writes it
    EXPECT_EQ(refused([](json& s) { s["moves"][0]["by"] = "IRO"; }), drp::errc::schema);
    EXPECT_EQ(refused([](json& s) { s["moves"].push_back(s["moves"][0]); }), drp::errc::schema);
    // States stored before moves existed restore without the field.
    drp::dispute plain(v2);
    plain.apply_json(raise_ir1);
    json old = plain.to_json();
    old.erase("moves");
    EXPECT_EQ(drp::dispute::from_json(v2, old).to_json().dump(), plain.to_json().dump());
}

TEST(DisputeMigrate, after_a_move_nothing_may_be_earlier_than_it) {
    drp::dispute d(drp::builtin_policy("merton"));
    d.apply_json(raise_ir1);
    auto moved = d.migrate(merton_ir1_15_days(), at("2027-03-05T10:00:00Z")).moved;
    EXPECT_EQ(refusal([&] { moved.apply_json(R"({"type":"respond","dispute_id":"D-7","at":"2027-03-04T12:00:00Z","adequate":true})"); }).code(),
              drp::errc::out_of_order);
    EXPECT_EQ(refusal([&] { (void)moved.to_json(at("2027-03-04T12:00:00Z")); }).code(), drp::errc::out_of_order);
    moved.apply_json(R"({"type":"respond","dispute_id":"D-7","at":"2027-03-05T10:00:00Z","adequate":true})");
    // And the move itself may not be earlier than the last event.
    EXPECT_EQ(refusal([&] { (void)d.migrate(merton_ir1_15_days(), at("2027-03-01T08:59:59Z")); }).code(), drp::errc::out_of_order);
}

TEST(DisputeMigrate, a_version_without_the_stage_the_dispute_is_at_refuses_naming_the_event) {
    drp::dispute d(drp::builtin_policy("merton"));
    d.apply_json(raise_ir1);
    d.apply_json(R"({"type":"escalate","dispute_id":"D-7","at":"2027-03-03T09:00:00Z","reason":"not_resolved"})");
    ASSERT_EQ(d.to_json()["stage"], "IR2");
    const std::string before = d.to_json().dump();
    const auto no_ir2 = merton("1.2.0", [](json& j) {
        auto& stages = j["stages"];
        for (auto s = stages.begin(); s != stages.end(); ++s)
            if ((*s)["id"] == "IR2") {
                stages.erase(s);
                break;
            }
    });
    const auto e = refusal([&] { (void)d.migrate(no_ir2, at("2027-03-04T09:00:00Z")); });
    EXPECT_EQ(e.code(), drp::errc::unknown_stage);
    const std::string message = e.what();
    EXPECT_NE(message.find("event 1 (escalate)"), std::string::npos) << message;
    EXPECT_NE(message.find("merton 1.2.0"), std::string::npos) << message;
    EXPECT_NE(message.find("IR2"), std::string::npos) << message;
    EXPECT_EQ(message.find("C-1042"), std::string::npos) << message;
    EXPECT_EQ(d.to_json().dump(), before);
}

TEST(DisputeMigrate, a_version_that_refuses_an_event_names_it_with_its_code) {
    drp::dispute d(drp::builtin_policy("merton"));
    d.apply_json(raise_ir1);
    const std::string before = d.to_json().dump();
    // 1.3.0 does not let a dispute start above the first stage: the raise at IR1 is refused.
    const auto strict = merton("1.3.0", [](json& j) { j["rules"]["start_above_first"] = {{"allowed", false}}; });
    const auto e = refusal([&] { (void)d.migrate(strict, at("2027-03-04T09:00:00Z")); });
    EXPECT_EQ(e.code(), drp::errc::not_permitted);
    const std::string message = e.what();
    EXPECT_NE(message.find("event 0 (raise)"), std::string::npos) << message;
    EXPECT_NE(message.find("1.3.0"), std::string::npos) << message;
    EXPECT_EQ(message.find("Placement funding"), std::string::npos) << message;  // no free text
    EXPECT_EQ(d.to_json().dump(), before);
}

TEST(DisputeMigrate, only_between_versions_of_the_same_policy) {
    drp::dispute d(drp::builtin_policy("merton"));
    d.apply_json(raise_ir1);
    const auto other = refusal([&] { (void)d.migrate(drp::builtin_policy("qa-form"), at("2027-03-04T09:00:00Z")); });
    EXPECT_EQ(other.code(), drp::errc::invalid_argument);
    EXPECT_NE(std::string(other.what()).find("merton"), std::string::npos) << other.what();
    EXPECT_NE(std::string(other.what()).find("qa-form"), std::string::npos) << other.what();
    EXPECT_EQ(refusal([&] { (void)d.migrate(drp::builtin_policy("merton"), at("2027-03-04T09:00:00Z")); }).code(),
              drp::errc::invalid_argument);
}

TEST(DisputeMigrate, duties_that_go_are_cancelled_and_duties_that_appear_are_to_do) {
    drp::dispute d(drp::builtin_policy("merton"));
    d.apply_json(raise_ir1);
    const json old_state = d.to_json();
    const auto* record = obligation(old_state, "record_actions", "IR1");
    ASSERT_NE(record, nullptr);
    std::size_t record_index = 0;
    while (old_state["obligations"][record_index]["id"] != "record_actions") ++record_index;

    // 1.4.0 drops the 48-hour recording duty: it goes.
    const auto fewer = merton("1.4.0", [](json& j) {
        auto& obligations = j["obligations"];
        for (auto o = obligations.begin(); o != obligations.end(); ++o)
            if ((*o)["id"] == "record_actions") {
                obligations.erase(o);
                break;
            }
    });
    const auto gone = d.migrate(fewer, at("2027-03-02T09:00:00Z"));
    ASSERT_EQ(gone.actions_json.size(), 1u) << gone.actions_json.dump();
    EXPECT_EQ(gone.actions_json[0]["action"], "cancel");
    EXPECT_EQ(gone.actions_json[0]["obligation"], "record_actions");
    EXPECT_EQ(gone.actions_json[0]["index"], record_index);  // its index in the original
    EXPECT_TRUE(gone.actions_json[0]["due"].is_null());
    EXPECT_EQ(obligation(gone.moved.to_json(), "record_actions", "IR1"), nullptr);

    // 1.5.0 adds a duty to tell the Assistant Director at every stage: it appears.
    const auto more = merton("1.5.0", [](json& j) {
        j["obligations"].push_back({{"id", "tell_ad"}, {"kind", "notify"}, {"role", {"IRO"}}, {"target", {"AD"}},
                                    {"from", "stage_entry"}, {"within", {{"hours", 24}}}, {"description", "Tell the AD."}});
    });
    const auto added = d.migrate(more, at("2027-03-02T09:00:00Z"));
    const json s = added.moved.to_json();
    const auto dos = rows(added.actions_json, "do");
    ASSERT_FALSE(dos.empty()) << added.actions_json.dump();
    bool told = false;
    for (const auto& a : dos)
        if (a["obligation"] == "tell_ad") {
            told = true;
            EXPECT_EQ(a["due"], "2027-03-02T09:00:00+00:00");  // 24 hours after the raise
            EXPECT_EQ(s["obligations"][a["index"].get<std::size_t>()]["id"], "tell_ad");
        }
    EXPECT_TRUE(told) << added.actions_json.dump();
    // A duty whose index moved is cancelled at its old index and to do at its new one, so a
    // host that keys tasks by index stays right; one whose index did not move is not mentioned.
    for (std::size_t i = 0; i < old_state["obligations"].size(); ++i) {
        const auto& o = old_state["obligations"][i];
        std::size_t j = 0;
        while (j < s["obligations"].size() && !(s["obligations"][j]["id"] == o["id"] && s["obligations"][j]["stage"] == o["stage"])) ++j;
        ASSERT_LT(j, s["obligations"].size());
        bool cancelled = false, to_do = false;
        for (const auto& a : added.actions_json) {
            if (a["action"] == "cancel" && a["index"] == i) cancelled = true;
            if (a["action"] == "do" && a["index"] == j) to_do = true;
        }
        EXPECT_EQ(cancelled, i != j) << o["id"];
        EXPECT_EQ(to_do, i != j) << o["id"];
    }
}

TEST(DisputeMigrate, a_dispute_not_yet_raised_moves_and_is_raised_under_the_new_version) {
    drp::dispute d(drp::builtin_policy("merton"));
    const auto v2 = merton_ir1_15_days();
    auto m = d.migrate(v2, at("2027-03-01T08:00:00Z"));
    EXPECT_TRUE(m.actions.empty());
    json raise = json::parse(raise_ir1);
    raise["policy_version"] = "1.1.0";  // the version it is raised under
    m.moved.apply(raise);
    EXPECT_EQ((*obligation(m.moved.to_json(), "resolution", "IR1"))["due_date"], "2027-03-22");
    EXPECT_EQ(drp::dispute::from_json(v2, m.moved.to_json()).to_json().dump(), m.moved.to_json().dump());
}
