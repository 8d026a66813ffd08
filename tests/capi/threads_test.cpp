// DESIGN.md §4.5 thread-safety: one policy shared by many threads, each applying events to
// its own disputes, gives exactly what one thread gives. scripts/tsan.sh runs this under
// ThreadSanitizer.
#include "capi_test.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace {

using namespace drp_test;

// A dispute's life in Merton, from raise to resolution (one of them refused on the way).
std::vector<std::string> life_of(const std::string& id) {
    return {raise_at_ir1(id),
            event("notify", "2026-12-21T15:00:00Z", {{"by", "IRO"}, {"role", "HOS_QAPD"}}, id),
            event("respond", "2027-01-05T09:00:00Z", {{"by", "TM"}, {"adequate", false}}, id),
            event("escalate", "2027-01-05T10:00:00Z", {{"reason", "inadequate_response"}}, id),  // refused
            event("escalate", "2027-01-05T11:00:00Z", {{"by", "IRO"}, {"reason", "not_resolved"}}, id),
            event("respond", "2027-01-07T16:00:00Z", {{"by", "HOS"}, {"adequate", true}}, id),
            event("resolve", "2027-01-08T12:00:00Z", {{"summary", "Plan agreed"}, {"impact", "Assessment commissioned"}}, id)};
}

struct outcome {
    std::string state, obligations_as_of;
    int refused = 0;
    bool own_message = true;
};

// Runs one dispute through the C API and returns what a host would store.
outcome run(const drp_policy* policy, const std::string& id) {
    outcome o;
    drp_dispute* raw = nullptr;
    if (drp_dispute_new(&raw, policy) != DRP_OK) return o;
    const dispute_ptr d(raw);
    for (const auto& e : life_of(id)) {
        drp_list* actions = nullptr;
        const int rc = drp_dispute_apply(&actions, d.get(), e.c_str());
        const list_ptr owned(actions);
        if (rc != DRP_OK) {
            ++o.refused;
            // The message is this thread's own: it names this thread's refusal.
            o.own_message = o.own_message && rc == DRP_ENOT_PERMITTED &&
                            std::string(drp_error_last()).find("inadequate_response") != std::string::npos;
        }
        for (size_t i = 0; i < drp_list_count(actions); ++i) (void)drp_list_get(actions, i, "text");
    }
    drp_list* obligations = nullptr;
    if (drp_dispute_obligations(&obligations, d.get(), "2027-01-12T09:00:00Z") == DRP_OK) {
        char* text = nullptr;
        if (drp_list_json(&text, obligations) == DRP_OK) o.obligations_as_of = string_ptr(text).get();
    }
    drp_list_free(obligations);
    drp_list* next = nullptr;
    drp_dispute_allowed_next(&next, d.get(), "2027-01-12T09:00:00Z");
    drp_list_free(next);
    o.state = state_of(d.get());
    return o;
}

TEST(CApiThreads, OnePolicySharedByThreadsRunningTheirOwnDisputes) {
    constexpr int threads = 8, disputes_per_thread = 12;
    const auto merton = builtin("merton");
    ASSERT_TRUE(merton);

    auto id_of = [](int t, int k) { return "MERTON-" + std::to_string(t) + "-" + std::to_string(k); };
    std::vector<std::vector<outcome>> results(threads);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            for (int k = 0; k < disputes_per_thread; ++k) results[t].push_back(run(merton.get(), id_of(t, k)));
        });
    for (auto& th : pool) th.join();

    for (int t = 0; t < threads; ++t)
        for (int k = 0; k < disputes_per_thread; ++k) {
            const auto alone = run(merton.get(), id_of(t, k));
            const auto& shared = results[t][k];
            ASSERT_FALSE(alone.state.empty());
            EXPECT_EQ(shared.state, alone.state) << id_of(t, k);
            EXPECT_EQ(shared.obligations_as_of, alone.obligations_as_of) << id_of(t, k);
            EXPECT_EQ(shared.refused, 1);
            EXPECT_TRUE(shared.own_message);
        }
    EXPECT_NE(results[0][0].state.find("\"status\":\"resolved\""), std::string::npos) << results[0][0].state;
}

// Loading a policy from its text: the result code and every diagnostic (as JSON), or ""
// when the call itself fails.
std::string load_outcome(const std::string& text) {
    drp_policy* raw = nullptr;
    drp_list* diagnostics = nullptr;
    const int rc = drp_policy_load(&raw, &diagnostics, text.c_str(), nullptr);
    const policy_ptr owned(raw);
    const list_ptr owned_diagnostics(diagnostics);
    char* json = nullptr;
    if (diagnostics && drp_list_json(&json, diagnostics) != DRP_OK) return "";
    return std::to_string(rc) + (json ? string_ptr(json).get() : "");
}

// Every load reads the process-wide immutable data (the compiled policy schema and its
// patterns, the Europe/London offsets, the division's bank holidays): threads loading
// valid and invalid policies at once see what one thread sees.
TEST(CApiThreads, PolicyTextsValidatedConcurrentlyGiveWhatOneThreadGives) {
    std::vector<std::string> texts;
    for (size_t k = 0; drp_policy_builtin_name(k); ++k) {
        const auto p = builtin(drp_policy_builtin_name(k));
        ASSERT_TRUE(p);
        texts.emplace_back(drp_policy_source(p.get()));
    }
    auto variant = [&](const std::string& from, const std::string& to) {
        auto t = texts[0];
        const auto at = t.find(from);
        if (at != std::string::npos) t.replace(at, from.size(), to);
        return t;
    };
    const auto merton = nlohmann::json::parse(texts[0]);
    const std::string id = merton.at("id").get<std::string>(), title = merton.at("title").get<std::string>();
    texts.push_back(variant("\"" + id + "\"", "\"Not An Id\""));                     // a pattern refuses the id
    texts.push_back(variant("\"" + title + "\"", "\" padded title\""));               // and a title's spaces
    texts.push_back(variant("\"id\"", "\"x-note\": \"extension\", \"id\""));        // patternProperties "^x-"
    texts.push_back(variant("\"id\"", "\"closures\": [{\"date\": \"2026-12-29\", \"title\": \"Office closed\"}], \"id\""));
    texts.push_back(variant("\"id\"", "\"title\": \"again\", \"id\""));             // a duplicate key

    std::vector<std::string> alone;
    for (const auto& t : texts) alone.push_back(load_outcome(t));
    constexpr int threads = 4, rounds = 3;
    std::vector<std::vector<std::string>> seen(threads);
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            for (int r = 0; r < rounds; ++r)
                for (std::size_t k = 0; k < texts.size(); ++k) seen[t].push_back(load_outcome(texts[(k + t) % texts.size()]));
        });
    for (auto& th : pool) th.join();
    for (int t = 0; t < threads; ++t)
        for (std::size_t i = 0; i < seen[t].size(); ++i)
            EXPECT_EQ(seen[t][i], alone[(i % texts.size() + t) % texts.size()]) << "thread " << t << ", load " << i;
    EXPECT_EQ(alone[0].substr(0, 1), "0");
    for (std::size_t k = texts.size() - 5; k < texts.size(); ++k) EXPECT_FALSE(alone[k].empty());
    EXPECT_NE(alone[texts.size() - 5].find("must match the pattern"), std::string::npos) << alone[texts.size() - 5];
    EXPECT_NE(alone[texts.size() - 1].find("duplicate key"), std::string::npos) << alone[texts.size() - 1];
}

TEST(CApiThreads, PoliciesLoadedAndFreedConcurrently) {
    std::vector<std::thread> pool;
    std::vector<int> ok(4, 0);
    for (int t = 0; t < 4; ++t)
        pool.emplace_back([&, t] {
            for (int k = 0; k < 5; ++k) {
                const auto p = builtin(drp_policy_builtin_name(static_cast<size_t>(k)));
                ok[t] += p != nullptr;
            }
        });
    for (auto& th : pool) th.join();
    for (int n : ok) EXPECT_EQ(n, 5);
}

}  // namespace
