// Conditions read through a facts_view mean exactly what they mean over the JSON document
// the view describes: every case of the reference suite, and the lookups (var with
// computed paths, missing, missing_some, the whole data) that go through the view.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "conformance_dir.hpp"
#include "drp/conditions.hpp"
#include "drp/error.hpp"

namespace {

using drp::condition;
using drp::facts_view;
using nlohmann::json;

// How far a view follows a path itself before the condition takes over.
enum class reach {
    members,   // through every object member it can
    nothing,   // not at all: it lends the root
    copies,    // through members, and writes a scalar it ends on into scratch
};

// A view over a JSON document, as a host with its facts in JSON would write one.
class document_view final : public facts_view {
public:
    document_view(const json& data, reach how) : data_(data), how_(how) {}

    found find(std::span<const std::string> path, json& scratch) const override {
        ++lookups;
        if (how_ == reach::nothing) return {&data_, 0};
        const json* current = &data_;
        std::size_t steps = 0;
        for (; steps < path.size() && current->is_object(); ++steps) {
            const auto it = current->find(path[steps]);
            if (it == current->end()) return {nullptr, steps + 1};
            current = &*it;
        }
        if (how_ == reach::copies && !current->is_array() && !current->is_object()) {
            scratch = *current;
            return {&scratch, steps};
        }
        return {current, steps};
    }
    const json& whole() const override {
        ++wholes;
        return data_;
    }

    mutable int lookups = 0;
    mutable int wholes = 0;

private:
    const json& data_;
    reach how_;
};

// Same value and same JSON types all the way down; NaN equals NaN.
bool identical(const json& a, const json& b) {
    if (a.type() != b.type()) return false;
    if (a.is_number_float() && std::isnan(a.get<double>())) return std::isnan(b.get<double>());
    if (a.is_array() || a.is_object()) {
        if (a.size() != b.size()) return false;
        auto x = a.begin();
        auto y = b.begin();
        for (; x != a.end(); ++x, ++y) {
            if (a.is_object() && x.key() != y.key()) return false;
            if (!identical(*x, *y)) return false;
        }
        return true;
    }
    return a == b;
}

// Evaluates `rule` over `data` directly and through each kind of view; all must agree.
void expect_same_through_views(const json& rule, const json& data) {
    SCOPED_TRACE(rule.dump() + " over " + data.dump());
    const condition c = condition::compile(rule);
    const json expected = c.evaluate(data);
    for (const reach how : {reach::members, reach::nothing, reach::copies}) {
        const document_view view(data, how);
        const json actual = c.evaluate(view);
        EXPECT_TRUE(identical(actual, expected))
            << "view " << static_cast<int>(how) << " gave " << actual.dump() << ", the document "
            << expected.dump();
        EXPECT_EQ(c.test(view), c.test(data)) << "view " << static_cast<int>(how);
    }
}

std::filesystem::path conformance_file() { return drp::testing::conformance_dir() / "jsonlogic-tests.json"; }

TEST(FactsView, EveryCaseOfTheReferenceSuiteGivesWhatTheDocumentGives) {
    const auto path = conformance_file();
    std::ifstream in(path);
    ASSERT_TRUE(in) << "cannot read " << path << "; set DRP_CONFORMANCE_DIR";
    const json suite = json::parse(in);
    int compared = 0;
    for (const json& entry : suite) {
        if (!entry.is_array()) continue;
        try {
            (void)condition::compile(entry[0]);
        } catch (const drp::error&) {
            continue;  // refused at compile time: nothing to evaluate
        }
        expect_same_through_views(entry[0], entry[1]);
        ++compared;
    }
    EXPECT_GE(compared, 72);
}

TEST(FactsView, LookupsThroughTheViewKeepJsonLogicSemantics) {
    const json data = json::parse(R"({
        "a": {"b": [10, 20, {"c": "deep"}], "empty": "", "zero": 0, "none": null},
        "s": "abc", "list": [1, 2, 3], "roles": ["IRO", "SM"], "n": 4, "key": "a.b.1",
        "pie": {"filling": "apple", "eta": "60s"}, "temp": 100
    })");
    const char* const rules[] = {
        // literal paths, through members, arrays, strings and null
        R"({"var": "a.b.1"})", R"({"var": "a.b.2.c"})", R"({"var": "a.b.length"})",
        R"({"var": "s.length"})", R"({"var": "s.1"})", R"({"var": "a.none.x"})",
        R"({"var": ["a.none.x", "fallback"]})", R"({"var": ["nope", 7]})", R"({"var": "a.zero"})",
        R"({"var": "a"})", R"({"var": "list.01"})", R"({"var": 1})",
        // computed paths
        R"({"var": {"var": "key"}})", R"({"var": {"cat": ["pie", ".filling"]}})",
        R"({"var": {"if": [{"<": [{"var": "temp"}, 110]}, "pie.filling", "pie.eta"]}})",
        R"({"var": [{"cat": ["a.", "missing"]}, {"var": "n"}]})", R"({"var": {"var": "nothing"}})",
        R"({"var": {"+": [1, 0]}})",
        // the whole data
        R"({"var": ""})", R"({"var": null})", R"({"var": []})", R"({"var": {"cat": [""]}})",
        R"({"!!": [{"var": ""}]})", R"({"cat": [{"var": ""}]})",
        R"({"==": [{"var": ""}, {"var": ""}]})",
        // identity of arrays and objects
        R"({"==": [{"var": "list"}, {"var": "list"}]})", R"({"===": [{"var": "a"}, {"var": "a"}]})",
        R"({"==": [{"var": "list"}, {"var": "roles"}]})", R"({"in": [{"var": "s"}, ["abc"]]})",
        // missing and missing_some
        R"({"missing": ["a.empty", "a.zero", "a.none", "nope", "s", "a.b.0"]})",
        R"({"missing": [["a.empty", "x"], "n"]})", R"({"missing": [{"var": "roles"}]})",
        R"({"missing": [{"merge": ["s", "a.b.5"]}]})", R"({"missing": ""})",
        R"({"missing_some": [1, ["nope", "s"]]})", R"({"missing_some": [2, ["nope", "s", "gone"]]})",
        R"({"missing_some": [{"var": "n"}, ["a.b", "a.zero", "list"]]})",
        R"({"missing_some": [1, "s"]})",
        // iterating operators read elements, not the facts
        R"({"some": [{"var": "roles"}, {"==": [{"var": ""}, "SM"]}]})",
        R"({"all": [{"var": "list"}, {">": [{"var": ""}, {"var": "n"}]}]})",
        R"({"map": [{"var": "list"}, {"*": [{"var": ""}, 2]}]})",
        R"({"filter": [{"var": "a.b"}, {"var": "c"}]})",
        R"({"reduce": [{"var": "list"}, {"+": [{"var": "current"}, {"var": "accumulator"}]}, {"var": "n"}]})",
        // arithmetic and comparison over facts
        R"({"and": [{">=": [{"var": "n"}, 3]}, {"in": ["IRO", {"var": "roles"}]}]})",
        R"({"+": [{"var": "n"}, {"var": "a.zero"}, {"var": "s"}]})",
    };
    for (const char* text : rules) expect_same_through_views(json::parse(text), data);
    for (const json& other : {json(nullptr), json(3), json("text"), json::array({1, 2}), json::object()}) {
        for (const char* text : rules) expect_same_through_views(json::parse(text), other);
    }
}

TEST(FactsView, LiteralPathsAskTheViewAndOnlyTheWholeDataIsMaterialised) {
    const json data = json::parse(R"({"stage": {"level": 3}, "cross_council": true})");
    const document_view view(data, reach::members);
    const condition rule = condition::compile(
        json::parse(R"({"and": [{"var": "cross_council"}, {">=": [{"var": "stage.level"}, 3]}]})"));
    EXPECT_TRUE(rule.test(view));
    EXPECT_EQ(view.lookups, 2);
    EXPECT_EQ(view.wholes, 0);
    EXPECT_EQ(condition::compile(json::parse(R"({"var": ""})")).evaluate(view), data);
    EXPECT_EQ(view.wholes, 1);
}

}  // namespace
