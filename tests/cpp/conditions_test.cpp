// Policy conditions: JSON Logic as json-logic-js defines it, over dispute facts.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "conformance_dir.hpp"
#include "drp/conditions.hpp"
#include "drp/error.hpp"

namespace {

using drp::condition;
using nlohmann::json;

// The subset docs/conditions.md promises; everything else must be refused at load.
const std::set<std::string> documented_operators{
    "var",    "missing", "missing_some", "if",    "?:",  "==",   "===",  "!=",
    "!==",    "!",       "!!",           "or",    "and", "<",    "<=",   ">",
    ">=",     "max",     "min",          "+",     "-",   "*",    "/",    "%",
    "in",     "cat",     "substr",       "merge", "all", "none", "some", "map",
    "filter", "reduce"};

// Cases in jsonlogic-tests.json that use only supported operators (all of them, today).
constexpr int known_supported_cases = 72;

json evaluate(const json& rule, const json& data = nullptr) {
    return condition::compile(rule).evaluate(data);
}

// Equality of JSON values with numbers compared by value, so 3 (integer) equals 3.0.
bool same_value(const json& actual, const json& expected) {
    if (actual.is_number() && expected.is_number())
        return actual.get<double>() == expected.get<double>();
    if (actual.is_array() && expected.is_array()) {
        if (actual.size() != expected.size()) return false;
        for (std::size_t i = 0; i < actual.size(); ++i) {
            if (!same_value(actual[i], expected[i])) return false;
        }
        return true;
    }
    if (actual.is_object() && expected.is_object()) {
        if (actual.size() != expected.size()) return false;
        for (const auto& item : expected.items()) {
            const auto found = actual.find(item.key());
            if (found == actual.end() || !same_value(*found, item.value())) return false;
        }
        return true;
    }
    return actual == expected;
}

void collect_operators(const json& rule, std::set<std::string>& out) {
    if (rule.is_array()) {
        for (const json& item : rule) collect_operators(item, out);
    } else if (rule.is_object() && rule.size() == 1) {
        out.insert(rule.begin().key());
        collect_operators(rule.begin().value(), out);
    }
}

std::filesystem::path conformance_file() { return drp::testing::conformance_dir() / "jsonlogic-tests.json"; }

// Runs `compile` and returns the drp::error it throws; fails the test if it does not.
template <class Compile>
drp::error compile_error(Compile&& compile) {
    try {
        compile();
    } catch (const drp::error& e) {
        return e;
    }
    ADD_FAILURE() << "compile did not throw";
    return drp::error(drp::errc::internal, "none");
}

// ---- the shared JSON Logic conformance file ----------------------------------------------

TEST(ConditionsConformance, EveryCaseOfTheReferenceSuiteIsEvaluatedExactlyOrRefused) {
    const auto path = conformance_file();
    std::ifstream in(path);
    ASSERT_TRUE(in) << "cannot read " << path << "; set DRP_CONFORMANCE_DIR";
    const json suite = json::parse(in);
    ASSERT_TRUE(suite.is_array());

    int supported = 0;
    int refused = 0;
    std::string section;
    for (const json& entry : suite) {
        if (entry.is_string()) {
            section = entry.get<std::string>();
            continue;
        }
        ASSERT_TRUE(entry.is_array() && entry.size() == 3) << entry.dump();
        const json& rule = entry[0];
        const json& data = entry[1];
        const json& expected = entry[2];
        SCOPED_TRACE(section + ": " + entry.dump());

        std::set<std::string> used;
        collect_operators(rule, used);
        const bool all_supported = std::all_of(
            used.begin(), used.end(),
            [](const std::string& name) { return documented_operators.count(name) == 1; });
        if (all_supported) {
            ++supported;
            const json actual = condition::compile(rule).evaluate(data);
            EXPECT_TRUE(same_value(actual, expected))
                << "got " << actual.dump() << ", expected " << expected.dump();
        } else {
            ++refused;
            const drp::error e = compile_error([&] { condition::compile(rule); });
            EXPECT_EQ(e.code(), drp::errc::semantic) << e.what();
        }
    }
    std::cout << "[ conformance ] " << supported << " cases evaluated, " << refused << " refused\n";
    RecordProperty("supported_cases", supported);
    RecordProperty("refused_cases", refused);
    EXPECT_GE(supported, known_supported_cases);
}

TEST(ConditionsConformance, TheDocumentedSubsetIsExactlyWhatCompileAccepts) {
    const auto accepted = condition::supported_operators();
    EXPECT_EQ(std::set<std::string>(accepted.begin(), accepted.end()), documented_operators);
}

// ---- JavaScript's semantics, as json-logic-js inherits them ------------------------------

// [rule, data, expected] as in the conformance file: each line is what node prints for
// jsonLogic.apply(rule, data) with json-logic-js 2.0.5.
const char* const javascript_cases = R"([
  [{"==": [1, "1"]}, null, true],
  [{"==": [0, false]}, null, true],
  [{"==": ["", 0]}, null, true],
  [{"==": ["0", false]}, null, true],
  [{"==": [null, 0]}, null, false],
  [{"==": [null, null]}, null, true],
  [{"==": [[1], 1]}, null, true],
  [{"==": [[1, 2], "1,2"]}, null, true],
  [{"==": [[], ""]}, null, true],
  [{"==": [[1], [1]]}, null, false],
  [{"==": [{"var": "a"}, {"var": "a"}]}, {"a": [1]}, true],
  [{"==": [{"var": "a"}, {"var": "b"}]}, {"a": [1], "b": [1]}, false],
  [{"==": [" 12 ", 12]}, null, true],
  [{"==": ["0x1A", 26]}, null, true],
  [{"===": [1, 1.0]}, null, true],
  [{"===": [1, "1"]}, null, false],
  [{"!=": [1, "1"]}, null, false],
  [{"!==": [1, "1"]}, null, true],

  [{"<": ["10", "9"]}, null, true],
  [{"<": ["10", 9]}, null, false],
  [{"<": [null, 1]}, null, true],
  [{"<": ["a", 1]}, null, false],
  [{">=": ["a", 1]}, null, false],
  [{"<=": [null, 0]}, null, true],
  [{">": ["2", 1]}, null, true],
  [{"<": [1, 2, 3]}, null, true],
  [{"<": [1, 1, 3]}, null, false],
  [{"<=": [1, 1, 3]}, null, true],
  [{"<=": [1, 4, 3]}, null, false],
  [{"<": ["\uffff", "\ud83d\ude00"]}, null, false],

  [{"+": ["1", 2]}, null, 3],
  [{"+": ["3.5kg"]}, null, 3.5],
  [{"+": [" .5e1"]}, null, 5],
  [{"+": []}, null, 0],
  [{"-": [10, "4"]}, null, 6],
  [{"-": ["-2"]}, null, 2],
  [{"-": [[5], true]}, null, 4],
  [{"*": ["2", "3"]}, null, 6],
  [{"*": [2, 3, 4]}, null, 24],
  [{"*": ["2"]}, null, "2"],
  [{"/": [7, 2]}, null, 3.5],
  [{"%": [-7, 2]}, null, -1],
  [{"%": [7.5, 2]}, null, 1.5],
  [{"max": [1, "3", 2]}, null, 3],
  [{"min": [1, "-3", 2]}, null, -3],

  [{"cat": [1.5, null, true, [1, [2, 3]]]}, null, "1.5true1,2,3"],
  [{"cat": [0.1, 1e21, 1e-7, 100, 123456789012345680000, -0.000001]}, null, "0.11e+211e-7100123456789012345680000-0.000001"],
  [{"cat": [{"/": [1, 3]}]}, null, "0.3333333333333333"],
  [{"cat": [{"/": [1, 0]}, " ", {"-": [{"/": [1, 0]}]}, " ", {"+": ["x"]}]}, null, "Infinity -Infinity NaN"],
  [{"cat": ["Robocop", 2]}, null, "Robocop2"],
  [{"cat": [{"var": ""}]}, {"a": 1}, "[object Object]"],

  [{"in": ["Spring", "Springfield"]}, null, true],
  [{"in": ["i", "team"]}, null, false],
  [{"in": [1, "a1b"]}, null, true],
  [{"in": ["", ""]}, null, false],
  [{"in": [1, ["1"]]}, null, false],
  [{"in": ["a", null]}, null, false],
  [{"in": ["urgent", ["standard", "urgent"]]}, null, true],

  [{"substr": ["jsonlogic", 4]}, null, "logic"],
  [{"substr": ["jsonlogic", -5]}, null, "logic"],
  [{"substr": ["jsonlogic", 0, 1]}, null, "j"],
  [{"substr": ["jsonlogic", -1, 1]}, null, "c"],
  [{"substr": ["jsonlogic", 4, 5]}, null, "logic"],
  [{"substr": ["jsonlogic", -5, 5]}, null, "logic"],
  [{"substr": ["jsonlogic", -5, -2]}, null, "log"],
  [{"substr": ["jsonlogic", 1, -5]}, null, "son"],
  [{"substr": ["jsonlogic", 0, null]}, null, ""],
  [{"substr": ["jsonlogic", 0, "-2"]}, null, ""],
  [{"substr": [null, 1]}, null, "ull"],
  [{"substr": ["Fran\u00e7oise", 4, 1]}, null, "\u00e7"],
  [{"substr": ["a\ud83d\ude00b", 1, 2]}, null, "\ud83d\ude00"],

  [{"merge": [[1, [2]], 3, [[4]]]}, null, [1, [2], 3, [4]]],
  [{"missing_some": [1, ["a", "b"]]}, {"a": "apple"}, []],
  [{"missing_some": [2, ["a", "b", "c"]]}, {"a": "apple"}, ["b", "c"]],
  [{"missing_some": ["1", ["a", "b"]]}, {"b": 0}, []],
  [{"missing": ["a", "b"]}, {"a": "", "b": 0}, ["a"]],
  [{"missing": ["a", ["b", 1], [null]]}, {"a": null}, ["a"]],

  [{"var": 1}, ["apple", "banana"], "banana"],
  [{"var": "1.1"}, ["apple", ["banana", "beer"]], "beer"],
  [{"var": "01"}, ["apple", "banana"], null],
  [{"var": ["a.b", 9]}, {"a": null}, 9],
  [{"var": ["a", 9]}, {"a": null}, null],
  [{"var": "a.length"}, {"a": [1, 2, 3]}, 3],
  [{"var": "s.length"}, {"s": "\ud83d\ude00"}, 2],
  [{"var": "s.1"}, {"s": "abc"}, "b"],
  [{"var": ""}, 1, 1],
  [{"var": null}, 1, 1],
  [{"var": []}, 1, 1],
  [{"var": "a"}, null, null],
  [{"var": {"cat": ["pie", ".filling"]}}, {"pie": {"filling": "apple"}}, "apple"],
  [{"var": {"if": [{"<": [{"var": "temp"}, 110]}, "pie.filling", "pie.eta"]}}, {"temp": 100, "pie": {"filling": "apple", "eta": "60s"}}, "apple"],

  [{"!": [[]]}, null, true],
  [{"!": [[0]]}, null, false],
  [{"!!": ["0"]}, null, true],
  [{"!!": [{"var": ""}]}, {}, true],
  [{"!": false}, null, true],
  [{"and": [1, "a", 0, 2]}, null, 0],
  [{"and": [1, "a"]}, null, "a"],
  [{"or": [0, "", "x"]}, null, "x"],
  [{"or": [0, []]}, null, []],
  [{"?:": [false, 1]}, null, null],

  [{"all": [[1, 2, 3], {">": [{"var": ""}, 0]}]}, null, true],
  [{"all": [[], true]}, null, false],
  [{"all": ["abc", true]}, null, false],
  [{"none": [null, true]}, null, true],
  [{"some": [{"var": "xs"}, {"==": [{"var": "k"}, 2]}]}, {"xs": [{"k": 1}, {"k": 2}]}, true],
  [{"map": [{"var": "integers"}, {"*": [{"var": ""}, 2]}]}, {"integers": [1, 2, 3]}, [2, 4, 6]],
  [{"map": [{"var": "nope"}, 1]}, {}, []],
  [{"filter": [{"var": "integers"}, {"%": [{"var": ""}, 2]}]}, {"integers": [1, 2, 3, 4, 5]}, [1, 3, 5]],
  [{"reduce": [{"var": "integers"}, {"+": [{"var": "current"}, {"var": "accumulator"}]}, 0]}, {"integers": [1, 2, 3, 4]}, 10],
  [{"reduce": [{"var": "integers"}, {"+": [{"var": "current"}, {"var": "accumulator"}]}, {"var": "start_with"}]}, {"integers": [1, 2, 3, 4], "start_with": 59}, 69],
  [{"reduce": [{"var": "desserts"}, {"+": [{"var": "accumulator"}, {"var": "current.qty"}]}, 0]}, {"desserts": [{"name": "pie", "qty": 1}, {"name": "cake", "qty": 3}]}, 4],
  [{"reduce": [7, 1, "initial"]}, null, "initial"],

  [[1, {"var": "x"}, 3], {"x": 2}, [1, 2, 3]],
  [{"if": [{"var": "x"}, [{"var": "y"}], 99]}, {"x": true, "y": 42}, [42]],
  [true, null, true]
])";

TEST(ConditionsJavaScript, CoercionsAndOperatorsMatchJsonLogicJs) {
    for (const json& entry : json::parse(javascript_cases)) {
        SCOPED_TRACE(entry.dump());
        const json actual = evaluate(entry[0], entry[1]);
        EXPECT_TRUE(same_value(actual, entry[2]))
            << "got " << actual.dump() << ", expected " << entry[2].dump();
    }
}

TEST(ConditionsJavaScript, ArithmeticWithoutANumberIsNaN) {
    EXPECT_TRUE(std::isnan(evaluate(json::parse(R"({"-": ["12px", 1]})")).get<double>()));
    EXPECT_TRUE(std::isnan(evaluate(json::parse(R"({"max": [1, "x"]})")).get<double>()));
    EXPECT_TRUE(std::isinf(evaluate(json::parse(R"({"+": ["1e400"]})")).get<double>()));
    EXPECT_FALSE(condition::compile(json::parse(R"({"+": ["x"]})")).test(nullptr));
}

TEST(ConditionsJavaScript, IntegralResultsAreJsonIntegers) {
    EXPECT_EQ(evaluate(json::parse(R"({"+": [1, 2]})")).dump(), "3");
    EXPECT_EQ(evaluate(json::parse(R"({"*": [1.5, 2]})")).dump(), "3");
    EXPECT_EQ(evaluate(json::parse(R"({"/": [1, 4]})")).dump(), "0.25");
}

TEST(ConditionsJavaScript, TruthinessFollowsJsonLogicNotJavaScript) {
    const condition fact = condition::compile(json::parse(R"({"var": "x"})"));
    EXPECT_FALSE(fact.test(json::parse(R"({"x": []})")));
    EXPECT_FALSE(fact.test(json::parse(R"({"x": ""})")));
    EXPECT_FALSE(fact.test(json::parse(R"({"x": 0})")));
    EXPECT_FALSE(fact.test(json::parse(R"({"x": null})")));
    EXPECT_FALSE(fact.test(json::parse(R"({})")));
    EXPECT_TRUE(fact.test(json::parse(R"({"x": "0"})")));
    EXPECT_TRUE(fact.test(json::parse(R"({"x": {}})")));
    EXPECT_TRUE(fact.test(json::parse(R"({"x": [0]})")));
}

// ---- conditions over dispute facts -------------------------------------------------------

const json cross_council_rule =
    json::parse(R"({"and": [{"var": "cross_council"}, {">=": [{"var": "stage.level"}, 3]}]})");

json dispute_facts(bool cross_council, int level) {
    return {{"dispute_id", "DRP-2024-017"},
            {"cross_council", cross_council},
            {"urgency", "urgent"},
            {"category", "drift_delay"},
            {"stage", {{"id", "IR3"}, {"level", level}, {"kind", "formal"}}},
            {"concerns", json::parse(R"([{"category": "permanency", "open": true},
                                         {"category": "child_voice", "open": false}])")}};
}

TEST(ConditionsOverDisputeFacts, ServiceDirectorIsToldWhenACrossCouncilDisputeReachesStage3) {
    const condition notify_service_director =
        condition::compile(cross_council_rule, "/stages/2/notify/0/when");
    EXPECT_TRUE(notify_service_director.test(dispute_facts(true, 3)));
    EXPECT_TRUE(notify_service_director.test(dispute_facts(true, 4)));
    EXPECT_FALSE(notify_service_director.test(dispute_facts(true, 2)));
    EXPECT_FALSE(notify_service_director.test(dispute_facts(false, 4)));
    EXPECT_EQ(notify_service_director.evaluate(dispute_facts(true, 3)), json(true));
}

TEST(ConditionsOverDisputeFacts, AnUnrecordedCrossCouncilFactDoesNotNotify) {
    json facts = dispute_facts(true, 4);
    facts.erase("cross_council");
    EXPECT_FALSE(condition::compile(cross_council_rule).test(facts));
    EXPECT_FALSE(condition::compile(cross_council_rule).test(nullptr));
}

TEST(ConditionsOverDisputeFacts, StageLevelGivenAsTextStillComparesAsANumber) {
    json facts = dispute_facts(true, 3);
    facts["stage"]["level"] = "3";
    EXPECT_TRUE(condition::compile(cross_council_rule).test(facts));
    EXPECT_FALSE(
        condition::compile(json::parse(R"({"===": [{"var": "stage.level"}, 3]})")).test(facts));
}

TEST(ConditionsOverDisputeFacts, ImminentRiskShortensTheResponseTimescale) {
    const condition working_days = condition::compile(json::parse(R"(
        {"if": [{"==": [{"var": "urgency"}, "imminent_risk"]}, 1,
                {"==": [{"var": "urgency"}, "urgent"]}, 3,
                5]})"));
    EXPECT_EQ(working_days.evaluate(json::parse(R"({"urgency": "imminent_risk"})")), json(1));
    EXPECT_EQ(working_days.evaluate(json::parse(R"({"urgency": "urgent"})")), json(3));
    EXPECT_EQ(working_days.evaluate(json::parse(R"({"urgency": "standard"})")), json(5));
}

TEST(ConditionsOverDisputeFacts, MertonFormalStagesAreIR1ToIR4) {
    const condition formal =
        condition::compile(json::parse(R"({"<=": [1, {"var": "stage.level"}, 4]})"));
    EXPECT_TRUE(formal.test(dispute_facts(false, 1)));
    EXPECT_TRUE(formal.test(dispute_facts(false, 4)));
    EXPECT_FALSE(formal.test(dispute_facts(false, 5)));
}

TEST(ConditionsOverDisputeFacts, CafcassReferralNeedsLegalAdviceAndTheHosQapdConsulted) {
    const condition not_yet = condition::compile(
        json::parse(R"({"missing": ["legal_advice_at", "consulted.HOS_QAPD"]})"));
    EXPECT_EQ(not_yet.evaluate(json::parse(R"({"legal_advice_at": "2024-03-01T10:00:00Z"})")),
              json::parse(R"(["consulted.HOS_QAPD"])"));
    EXPECT_FALSE(not_yet.test(json::parse(
        R"({"legal_advice_at": "2024-03-01T10:00:00Z", "consulted": {"HOS_QAPD": "2024-03-02"}})")));
}

TEST(ConditionsOverDisputeFacts, AnOpenPermanencyConcernIsFoundAmongTheConcerns) {
    const condition open_permanency = condition::compile(json::parse(R"(
        {"some": [{"var": "concerns"},
                  {"and": [{"==": [{"var": "category"}, "permanency"]}, {"var": "open"}]}]})"));
    EXPECT_TRUE(open_permanency.test(dispute_facts(false, 1)));
    json facts = dispute_facts(false, 1);
    facts["concerns"][0]["open"] = false;
    EXPECT_FALSE(open_permanency.test(facts));
}

TEST(ConditionsOverDisputeFacts, CategoriesThatMayGoStraightToCafcass) {
    const condition direct = condition::compile(json::parse(
        R"({"in": [{"var": "category"}, ["care_planning", "permanency", "drift_delay"]]})"));
    EXPECT_TRUE(direct.test(dispute_facts(false, 1)));
    EXPECT_FALSE(direct.test(json::parse(R"({"category": "resources"})")));
}

// JSON Logic reads a missing fact as null and null as 0 in a comparison: "fewer than 5
// days overdue" holds when nothing is recorded. Policies guard such facts with missing.
TEST(ConditionsOverDisputeFacts, AMissingNumericFactComparesAsZero) {
    EXPECT_TRUE(condition::compile(json::parse(R"({"<": [{"var": "days_overdue"}, 5]})"))
                    .test(json::object()));
    const condition guarded = condition::compile(json::parse(
        R"({"and": [{"!": {"missing": "days_overdue"}}, {"<": [{"var": "days_overdue"}, 5]}]})"));
    EXPECT_FALSE(guarded.test(json::object()));
    EXPECT_TRUE(guarded.test(json::parse(R"({"days_overdue": 2})")));
}

TEST(ConditionsOverDisputeFacts, VariablesAreTheFactPathsTheRuleReads) {
    const condition rule = condition::compile(json::parse(R"(
        {"or": [{"and": [{"var": "cross_council"}, {">=": [{"var": "stage.level"}, 3]}]},
                {"missing": ["legal_advice_at"]},
                {"missing_some": [1, ["consulted.HOS_QAPD", "consulted.AD"]]},
                {"some": [{"var": "concerns"}, {"var": "open"}]},
                {"var": ["urgency", "standard"]},
                {"var": ""},
                {">": [{"var": "stage.level"}, 1]}]})"));
    EXPECT_EQ(rule.variables(), (std::vector<std::string>{
                                    "concerns", "consulted.AD", "consulted.HOS_QAPD",
                                    "cross_council", "legal_advice_at", "stage.level", "urgency"}));
}

TEST(ConditionsOverDisputeFacts, SourceIsTheRuleAsWritten) {
    const condition rule = condition::compile(cross_council_rule);
    EXPECT_EQ(rule.source(), cross_council_rule);
    const condition copy = rule;  // copies share the compiled form
    EXPECT_EQ(&copy.source(), &rule.source());
}

// ---- mistakes in rules, reported at policy load ------------------------------------------

TEST(ConditionsErrors, AnOperationObjectWithTwoKeysIsASchemaError) {
    const json rule = json::parse(R"({"and": [true, {"var": "a", "==": [1, 1]}]})");
    const drp::error e = compile_error([&] { condition::compile(rule, "/stages/0/when"); });
    EXPECT_EQ(e.code(), drp::errc::schema);
    EXPECT_NE(std::string(e.what()).find("[drp.schema] "), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("at /stages/0/when/and/1"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("2 keys"), std::string::npos) << e.what();
}

TEST(ConditionsErrors, AnEmptyObjectIsASchemaError) {
    const drp::error e = compile_error([] { condition::compile(json::object()); });
    EXPECT_EQ(e.code(), drp::errc::schema);
    EXPECT_NE(std::string(e.what()).find("empty object"), std::string::npos) << e.what();
}

TEST(ConditionsErrors, IterationNeedsAnArrayOfCollectionAndLogic) {
    const drp::error e = compile_error(
        [] { condition::compile(json::parse(R"({"map": {"var": "concerns"}})"), "/when"); });
    EXPECT_EQ(e.code(), drp::errc::schema);
    const std::string message = e.what();
    EXPECT_NE(message.find("\"map\" takes 2 arguments but has 1"), std::string::npos) << message;
    EXPECT_NE(message.find("at /when/map"), std::string::npos) << message;
    EXPECT_NE(message.find(R"({"map": [array, logic]})"), std::string::npos) << message;
}

TEST(ConditionsErrors, MissingSomeNeedsACountAndKeys) {
    const drp::error e = compile_error(
        [] { condition::compile(json::parse(R"({"missing_some": ["a", "b", "c"]})")); });
    EXPECT_EQ(e.code(), drp::errc::schema);
    EXPECT_NE(std::string(e.what()).find("at /missing_some"), std::string::npos) << e.what();
}

TEST(ConditionsErrors, ExtraComparisonArgumentsAreNotSilentlyIgnored) {
    const drp::error e =
        compile_error([] { condition::compile(json::parse(R"({">": [5, {"var": "x"}, 1]})")); });
    EXPECT_EQ(e.code(), drp::errc::schema);
    EXPECT_NE(std::string(e.what()).find("\">\" takes 2 arguments but has 3"), std::string::npos)
        << e.what();
}

TEST(ConditionsErrors, PointerTokensAreEscaped) {
    const drp::error e =
        compile_error([] { condition::compile(json::parse(R"({"/": [1]})"), "/rules/0"); });
    EXPECT_EQ(e.code(), drp::errc::schema);
    EXPECT_NE(std::string(e.what()).find("at /rules/0/~1;"), std::string::npos) << e.what();
}

TEST(ConditionsErrors, AnUnknownOperatorIsNamedWithItsPointerAndTheSupportedOnes) {
    const json rule = json::parse(
        R"({"and": [{"var": "cross_council"}, {"frobnicate": [{"var": "stage.level"}, 3]}]})");
    const drp::error e =
        compile_error([&] { condition::compile(rule, "/stages/3/notify/0/when"); });
    EXPECT_EQ(e.code(), drp::errc::semantic);
    const std::string message = e.what();
    EXPECT_EQ(message.rfind("[drp.semantic] ", 0), 0u) << message;
    EXPECT_NE(message.find("\"frobnicate\" at /stages/3/notify/0/when/and/1"), std::string::npos)
        << message;
    EXPECT_NE(message.find("supported operators: var, missing, missing_some, if"),
              std::string::npos)
        << message;
}

TEST(ConditionsErrors, LogAndMethodAreRefusedWithTheReason) {
    const drp::error log =
        compile_error([] { condition::compile(json::parse(R"({"log": "a"})")); });
    EXPECT_EQ(log.code(), drp::errc::semantic);
    EXPECT_NE(std::string(log.what()).find("console"), std::string::npos) << log.what();
    const drp::error method = compile_error([] {
        condition::compile(json::parse(R"({"if": [true, {"method": ["abc", "toUpperCase"]}]})"));
    });
    EXPECT_EQ(method.code(), drp::errc::semantic);
    EXPECT_NE(std::string(method.what()).find("at /if/1"), std::string::npos) << method.what();
    EXPECT_NE(std::string(method.what()).find("unsafe"), std::string::npos) << method.what();
}

json nested_nots(int depth) {
    json rule = true;
    for (int i = 0; i < depth; ++i) {
        json wrapper = json::object();
        wrapper["!"] = std::move(rule);
        rule = std::move(wrapper);
    }
    return rule;
}

TEST(ConditionsErrors, NestingUpToTheLimitCompiles) {
    EXPECT_TRUE(condition::compile(nested_nots(condition::max_depth))
                    .test(nullptr));  // an even number of "!"
}

TEST(ConditionsErrors, ADepthBombIsRefusedNotAStackOverflow) {
    const drp::error one_too_many =
        compile_error([] { condition::compile(nested_nots(condition::max_depth + 1)); });
    EXPECT_EQ(one_too_many.code(), drp::errc::schema);
    EXPECT_NE(std::string(one_too_many.what()).find("deeper than 64 levels"), std::string::npos)
        << one_too_many.what();

    std::string bomb;
    for (int i = 0; i < 100000; ++i) bomb += R"({"and":[)";
    bomb += "true";
    for (int i = 0; i < 100000; ++i) bomb += "]}";
    const drp::error e = compile_error([&] { condition::compile(json::parse(bomb), "/when"); });
    EXPECT_EQ(e.code(), drp::errc::schema);
    EXPECT_NE(std::string(e.what()).find("at /when/and/0/and/0"), std::string::npos);

    std::string arrays(100000, '[');
    arrays += std::string(100000, ']');
    EXPECT_EQ(compile_error([&] { condition::compile(json::parse(arrays)); }).code(),
              drp::errc::schema);
}

// ---- evaluation never fails --------------------------------------------------------------

TEST(ConditionsEvaluation, NoDataMakesAnyOperatorThrow) {
    const std::vector<json> odd_data = json::parse(R"([
        null, true, 0, -0.0, 1e308, -1e308, "", "0", "x", "\u00e9\ud83d\ude00", [], [null], [[[]]],
        {}, {"a": null}, {"a": {"b": [1, "2", null]}}, {"a": "text", "b": [], "c": {}},
        {"current": 1, "accumulator": [1]}, {"a": [[1, 2], {"x": 1}], "b": "1,2", "c": 1e21}
    ])")
                                           .get<std::vector<json>>();
    std::vector<std::string> rules;
    for (const std::string_view name : condition::supported_operators()) {
        const std::string op(name);
        rules.push_back(R"({")" + op + R"(": [{"var": "a"}, {"var": "b"}]})");
        rules.push_back(R"({")" + op + R"(": [{"var": "a.b"}, {"var": ""}, {"var": "c"}]})");
        rules.push_back(R"({")" + op + R"(": [{"var": ""}, {"var": "a.b.0"}]})");
        rules.push_back(R"({")" + op + R"(": {"var": "a"}})");
    }
    int compiled = 0;
    for (const std::string& text : rules) {
        const json rule = json::parse(text);
        try {
            const condition c = condition::compile(rule);
            ++compiled;
            for (const json& data : odd_data) {
                EXPECT_NO_THROW((void)c.evaluate(data)) << text << " over " << data.dump();
                EXPECT_NO_THROW((void)c.test(data)) << text << " over " << data.dump();
            }
        } catch (const drp::error& e) {
            EXPECT_EQ(e.code(), drp::errc::schema) << e.what();  // wrong argument count
        }
    }
    EXPECT_GT(compiled, 60);
}

TEST(ConditionsEvaluation, DeeplyNestedDataIsJoinedWithoutCrashing) {
    json data = json::array();
    for (int i = 0; i < 100000; ++i) {
        json wrapper = json::array();
        wrapper.push_back(std::move(data));
        data = std::move(wrapper);
    }
    EXPECT_NO_THROW((void)evaluate(json::parse(R"({"cat": [{"var": ""}]})"), data));
    EXPECT_NO_THROW((void)evaluate(json::parse(R"({"==": [{"var": ""}, "x"]})"), data));
}

}  // namespace
