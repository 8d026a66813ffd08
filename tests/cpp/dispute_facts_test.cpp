// The facts the engine lends to conditions (docs/policy-authoring.md §9) are the facts of
// the JSON document it used to build for each test, for every seed policy, stage and
// kind of entry, over disputes in many states.
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "drp/conditions.hpp"
#include "drp/dispute.hpp"
#include "engine/facts.hpp"
#include "drp/policy.hpp"

namespace {

using drp::condition;
using drp::engine::dispute_facts;
using drp::engine::entry;
using drp::engine::facts_document;
using nlohmann::json;

// Every fact, the objects holding them, and paths that read past them or name nothing.
const std::vector<std::string> paths{
    "urgency", "category", "cross_council", "consulted", "legal_advice", "referral",
    "referral.status", "referral.concurrent", "paused", "stage", "stage.id", "stage.level",
    "stage.kind", "stage.optional", "entry", "entry.reason", "entry.bypass", "entry.from",
    "max_level", "consulted.0", "consulted.length", "stage.id.length", "urgency.0",
    "stage.nope", "entry.nope", "referral.nope", "nope", "nope.deeper", "entry.from.length",
    "max_level.x", "stage.level.toString"};

std::vector<drp::dispute_state> states_for(const drp::policy& p) {
    std::vector<drp::dispute_state> states;
    states.emplace_back();  // as before the raise: no category, nothing consulted
    const auto& categories = p.categories();
    const std::vector<drp::referral_status> statuses{drp::referral_status::referred, drp::referral_status::accepted,
                                                     drp::referral_status::declined};
    for (int i = 0; i < 8; ++i) {
        drp::dispute_state s;
        s.level = static_cast<drp::urgency>(i % 3);
        s.category = categories.empty() || i == 7 ? "not-a-category" : categories[i % categories.size()];
        s.cross_council = i % 2 == 0;
        s.legal_advice = i % 3 == 1;
        s.paused = i % 4 == 3;
        s.max_level = i % 5;
        for (int k = 0; k < i % 3; ++k) s.consulted.push_back({k == 0 ? "IRO" : "SM", k == 1, {}});
        for (int k = 0; k < i % 3; ++k) {
            drp::referral r;
            r.concurrent = (i + k) % 2 == 1;
            r.status = statuses[static_cast<std::size_t>(i + k) % statuses.size()];
            s.referrals.push_back(r);
        }
        states.push_back(std::move(s));
    }
    return states;
}

std::vector<entry> entries_for(const drp::policy& p, std::size_t stage) {
    const std::string& first = p.stages().front().id;
    const std::string& here = p.stages()[stage].id;
    return {{"raise", "", false},
            {"no_response", first, false},
            {"inadequate_response", here, true},
            {"not_resolved", first, true},
            {"discretion", here, false},
            {"a reason of its own", "not-a-stage", true}};
}

// The seed's own conditions: every stage's and every duty's `when`.
std::vector<condition> conditions_of(const drp::policy& p) {
    std::vector<condition> out;
    for (const auto& st : p.stages()) {
        if (st.when) out.push_back(*st.when);
        for (const auto& r : st.obligations)
            if (r.when) out.push_back(*r.when);
    }
    for (const auto& r : p.obligations())
        if (r.when) out.push_back(*r.when);
    return out;
}

std::vector<condition> probes() {
    std::vector<condition> out;
    for (const auto& path : paths) {
        out.push_back(condition::compile({{"var", path}}));
        out.push_back(condition::compile({{"===", {{{"var", path}}, {{"var", path}}}}}));
    }
    out.push_back(condition::compile(json::parse(R"({"var": ""})")));
    out.push_back(condition::compile({{"missing", paths}}));
    out.push_back(condition::compile(json::parse(R"({"var": {"cat": ["stage.", "level"]}})")));
    out.push_back(condition::compile(
        json::parse(R"({"some": [{"var": "consulted"}, {"==": [{"var": ""}, "SM"]}]})")));
    return out;
}

TEST(DisputeFacts, EverySeedLendsTheFactsOfTheJsonDocument) {
    const auto probing = probes();
    int compared = 0;
    for (const std::string& name : drp::builtin_policy_names()) {
        SCOPED_TRACE(name);
        const drp::policy p = drp::builtin_policy(name);
        auto checks = conditions_of(p);
        checks.insert(checks.end(), probing.begin(), probing.end());
        for (const auto& s : states_for(p)) {
            for (std::size_t k = 0; k < p.stages().size(); ++k) {
                for (const entry& how : entries_for(p, k)) {
                    const json document = facts_document(p, s, k, how);
                    const dispute_facts view(p, s, k, how);
                    for (const condition& c : checks) {
                        EXPECT_EQ(c.evaluate(view), c.evaluate(document))
                            << c.source().dump() << " at stage " << p.stages()[k].id << " over "
                            << document.dump();
                        ++compared;
                    }
                    EXPECT_EQ(view.whole(), document);
                }
            }
        }
    }
    EXPECT_GT(compared, 10000);
}

TEST(DisputeFacts, TheDocumentHoldsTheVocabularyOfTheGuide) {
    const drp::policy p = drp::builtin_policy("merton");
    drp::dispute_state s;
    s.level = drp::urgency::urgent;
    s.category = p.categories().front();
    s.cross_council = true;
    s.max_level = 1;
    s.consulted.push_back({"IRO", true, {}});
    s.referrals.push_back({});
    s.referrals.back().concurrent = true;
    const std::size_t last = p.stages().size() - 1;
    const auto& st = p.stages()[last];
    const json expected = {
        {"urgency", "urgent"},
        {"category", p.categories().front()},
        {"cross_council", true},
        {"case_type", nullptr},  // the raise gave none
        {"raised_by", nullptr},
        {"consulted", {"IRO"}},
        {"legal_advice", false},
        {"referral", {{"status", "referred"}, {"concurrent", true}}},
        {"paused", false},
        {"stage", {{"id", st.id}, {"level", st.level}, {"kind", to_string(st.kind)}, {"optional", st.optional}}},
        {"entry", {{"reason", "no_response"}, {"bypass", false}, {"from", p.stages().front().id}}},
        {"max_level", std::max(1, st.level)}};
    EXPECT_EQ(facts_document(p, s, last, {"no_response", p.stages().front().id, false}), expected);
    s.referrals.clear();
    const json on_raise = facts_document(p, s, 0, {"raise", "", false});
    EXPECT_EQ(on_raise["entry"]["from"], json());
    EXPECT_EQ(on_raise["referral"]["status"], "none");
}

}  // namespace
