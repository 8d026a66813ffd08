// Policy conditions: the compiled form against what a host would otherwise write, an
// interpreter that walks the nlohmann::json rule on every evaluation; and, for facts the
// host keeps in its own types, a document built for each evaluation against a facts_view.
//
// Prints the usual Google Benchmark table, then each benchmark's time relative to the
// naive interpreter on the same rule and facts.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include "drp/conditions.hpp"

namespace {

using nlohmann::json;

// "Cross-council dispute at stage 3 or above → notify the Service Director" (seed 001).
const json cross_council_rule =
    json::parse(R"({"and": [{"var": "cross_council"}, {">=": [{"var": "stage.level"}, 3]}]})");

// A larger rule: escalate early for some categories when urgent or slow, unless facts are missing.
const json escalation_rule = json::parse(R"(
    {"if": [{"missing": ["stage.level", "urgency"]}, false,
            {"and": [{"in": [{"var": "category"}, ["care_planning", "permanency", "drift_delay"]]},
                     {"or": [{"==": [{"var": "urgency"}, "imminent_risk"]},
                             {">": [{"var": "days_open"}, {"*": [5, {"var": "stage.level"}]}]}]}]},
            true,
            false]})");

// The facts of a dispute as the engine would present them.
const json facts = json::parse(R"({
    "dispute_id": "DRP-2024-017", "child_ref": "C-88213", "policy": "seed-001",
    "category": "drift_delay", "urgency": "urgent", "cross_council": true,
    "raised_at": "2024-03-04T09:30:00+00:00", "days_open": 17, "paused": false,
    "stage": {"id": "stage3", "level": 3, "kind": "formal", "entered_at": "2024-03-18T10:00:00+00:00"},
    "responder": "SM", "bypassed": [], "referrals": [],
    "concerns": [{"category": "permanency", "open": true}, {"category": "child_voice", "open": false}]
})");

// ---- the alternative: walk the JSON rule each time ---------------------------------------

// Written as a host would write it without drp: operator names looked up per node,
// arguments copied into vectors of json, coercions simplified to numbers-as-doubles.
namespace naive {

json apply(const json& rule, const json& data);

bool truthy(const json& v) {
    if (v.is_boolean()) return v.get<bool>();
    if (v.is_number()) return v.get<double>() != 0;
    if (v.is_string()) return !v.get<std::string>().empty();
    if (v.is_array()) return !v.empty();
    return !v.is_null();
}

double number(const json& v) {
    if (v.is_number()) return v.get<double>();
    if (v.is_boolean()) return v.get<bool>() ? 1 : 0;
    if (v.is_string()) return std::strtod(v.get<std::string>().c_str(), nullptr);
    return 0;
}

json var(const json& data, const json& path, const json& fallback) {
    const std::string text = path.is_string() ? path.get<std::string>() : path.dump();
    if (text.empty()) return data;
    const json* current = &data;
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = text.find('.', start);
        const std::string key = text.substr(start, dot == std::string::npos ? dot : dot - start);
        if (current->is_object() && current->contains(key)) {
            current = &(*current)[key];
        } else if (current->is_array() && !key.empty() &&
                   key.find_first_not_of("0123456789") == std::string::npos &&
                   std::stoul(key) < current->size()) {
            current = &(*current)[std::stoul(key)];
        } else {
            return fallback;
        }
        if (dot == std::string::npos) return *current;
        start = dot + 1;
    }
}

using operation = std::function<json(const std::vector<json>&, const json&)>;

const std::unordered_map<std::string, operation>& operations() {
    static const std::unordered_map<std::string, operation> table{
        {"var",
         [](const std::vector<json>& a, const json& d) {
             return var(d, a.empty() ? json("") : a[0], a.size() > 1 ? a[1] : json());
         }},
        {"missing",
         [](const std::vector<json>& a, const json& d) {
             json out = json::array();
             const std::vector<json>& keys =
                 !a.empty() && a[0].is_array() ? a[0].get<std::vector<json>>() : a;
             for (const json& key : keys) {
                 const json value = var(d, key, json());
                 if (value.is_null() || value == "") out.push_back(key);
             }
             return out;
         }},
        {"==", [](const std::vector<json>& a, const json&) { return json(a[0] == a[1]); }},
        {"!=", [](const std::vector<json>& a, const json&) { return json(a[0] != a[1]); }},
        {"<",
         [](const std::vector<json>& a, const json&) { return json(number(a[0]) < number(a[1])); }},
        {"<=", [](const std::vector<json>& a,
                  const json&) { return json(number(a[0]) <= number(a[1])); }},
        {">",
         [](const std::vector<json>& a, const json&) { return json(number(a[0]) > number(a[1])); }},
        {">=", [](const std::vector<json>& a,
                  const json&) { return json(number(a[0]) >= number(a[1])); }},
        {"!", [](const std::vector<json>& a, const json&) { return json(!truthy(a[0])); }},
        {"+",
         [](const std::vector<json>& a, const json&) {
             double s = 0;
             for (const json& x : a) s += number(x);
             return json(s);
         }},
        {"*",
         [](const std::vector<json>& a, const json&) {
             double p = 1;
             for (const json& x : a) p *= number(x);
             return json(p);
         }},
        {"in",
         [](const std::vector<json>& a, const json&) {
             if (a[1].is_array())
                 return json(std::find(a[1].begin(), a[1].end(), a[0]) != a[1].end());
             if (a[1].is_string() && a[0].is_string())
                 return json(a[1].get<std::string>().find(a[0].get<std::string>()) !=
                             std::string::npos);
             return json(false);
         }},
    };
    return table;
}

json apply(const json& rule, const json& data) {
    if (rule.is_array()) {
        json out = json::array();
        for (const json& item : rule) out.push_back(apply(item, data));
        return out;
    }
    if (!rule.is_object() || rule.size() != 1) return rule;
    const std::string op = rule.begin().key();
    const json values = rule.begin().value().is_array() ? rule.begin().value()
                                                        : json::array({rule.begin().value()});
    if (op == "if") {
        std::size_t i = 0;
        for (; i + 1 < values.size(); i += 2) {
            if (truthy(apply(values[i], data))) return apply(values[i + 1], data);
        }
        return i < values.size() ? apply(values[i], data) : json();
    }
    if (op == "and" || op == "or") {
        json current;
        for (const json& value : values) {
            current = apply(value, data);
            if (truthy(current) == (op == "or")) break;
        }
        return current;
    }
    std::vector<json> args;
    for (const json& value : values) args.push_back(apply(value, data));
    const auto found = operations().find(op);
    if (found == operations().end()) throw std::runtime_error("unknown operator " + op);
    return found->second(args, data);
}

}  // namespace naive

// ---- benchmarks --------------------------------------------------------------------------

void compile_and_evaluate(benchmark::State& state, const json& rule) {
    for (auto _ : state) {
        const drp::condition c = drp::condition::compile(rule);
        benchmark::DoNotOptimize(c.evaluate(facts));
    }
}

void evaluate_compiled(benchmark::State& state, const json& rule) {
    const drp::condition c = drp::condition::compile(rule);
    for (auto _ : state) benchmark::DoNotOptimize(c.evaluate(facts));
}

void test_compiled(benchmark::State& state, const json& rule) {
    const drp::condition c = drp::condition::compile(rule);
    for (auto _ : state) benchmark::DoNotOptimize(c.test(facts));
}

void naive_interpreter(benchmark::State& state, const json& rule) {
    for (auto _ : state) benchmark::DoNotOptimize(naive::apply(rule, facts));
}

// ---- the same facts kept in the host's own types ------------------------------------------

// A host's dispute: names of enumerations as JSON made once (the engine keeps them in the
// policy or as constants), flags and numbers as they are.
struct host_dispute {
    json category{"drift_delay"}, urgency{"urgent"}, stage_id{"stage3"}, stage_kind{"formal"};
    bool cross_council = true;
    bool paused = false;
    int days_open = 17;
    int stage_level = 3;
};
const host_dispute dispute;

// Without a view: the document the rules read, built for every evaluation.
json document_of(const host_dispute& d) {
    return {{"category", d.category},
            {"urgency", d.urgency},
            {"cross_council", d.cross_council},
            {"paused", d.paused},
            {"days_open", d.days_open},
            {"stage", {{"id", d.stage_id}, {"level", d.stage_level}, {"kind", d.stage_kind}}}};
}

// With a view: values lent from the dispute, booleans from constants, numbers in scratch.
class dispute_view final : public drp::facts_view {
public:
    explicit dispute_view(const host_dispute& d) : d_(d) {}

    found find(std::span<const std::string> path, json& scratch) const override {
        static const json yes(true);
        static const json no(false);
        const std::string& key = path[0];
        if (key == "stage" && path.size() > 1) {
            if (path[1] == "level") {
                scratch = d_.stage_level;
                return {&scratch, 2};
            }
            if (path[1] == "id") return {&d_.stage_id, 2};
            if (path[1] == "kind") return {&d_.stage_kind, 2};
        }
        if (key == "category") return {&d_.category, 1};
        if (key == "urgency") return {&d_.urgency, 1};
        if (key == "cross_council") return {d_.cross_council ? &yes : &no, 1};
        if (key == "paused") return {d_.paused ? &yes : &no, 1};
        if (key == "days_open") {
            scratch = d_.days_open;
            return {&scratch, 1};
        }
        return {&whole(), 0};  // anything else: read from the document
    }
    const json& whole() const override {
        if (!whole_) whole_ = document_of(d_);
        return *whole_;
    }

private:
    const host_dispute& d_;
    mutable std::optional<json> whole_;
};

// The rule over facts the host holds: a document built for each evaluation...
void test_building_document(benchmark::State& state, const json& rule) {
    const drp::condition c = drp::condition::compile(rule);
    for (auto _ : state) benchmark::DoNotOptimize(c.test(document_of(dispute)));
}

// ... or a view made for each evaluation, which builds nothing.
void test_through_view(benchmark::State& state, const json& rule) {
    const drp::condition c = drp::condition::compile(rule);
    for (auto _ : state) benchmark::DoNotOptimize(c.test(dispute_view(dispute)));
}

BENCHMARK_CAPTURE(naive_interpreter, cross_council, cross_council_rule);
BENCHMARK_CAPTURE(compile_and_evaluate, cross_council, cross_council_rule);
BENCHMARK_CAPTURE(evaluate_compiled, cross_council, cross_council_rule);
BENCHMARK_CAPTURE(test_compiled, cross_council, cross_council_rule);
BENCHMARK_CAPTURE(test_building_document, cross_council, cross_council_rule);
BENCHMARK_CAPTURE(test_through_view, cross_council, cross_council_rule);
BENCHMARK_CAPTURE(naive_interpreter, escalation, escalation_rule);
BENCHMARK_CAPTURE(compile_and_evaluate, escalation, escalation_rule);
BENCHMARK_CAPTURE(evaluate_compiled, escalation, escalation_rule);
BENCHMARK_CAPTURE(test_compiled, escalation, escalation_rule);
BENCHMARK_CAPTURE(test_building_document, escalation, escalation_rule);
BENCHMARK_CAPTURE(test_through_view, escalation, escalation_rule);

// Remembers each run's time and, at the end, prints it relative to the naive interpreter
// on the same rule (the part of the name after the '/').
class relative_reporter : public benchmark::ConsoleReporter {
public:
    void ReportRuns(const std::vector<Run>& runs) override {
        ConsoleReporter::ReportRuns(runs);
        for (const Run& run : runs) {
            if (run.run_type == Run::RT_Iteration && !run.error_occurred) {
                times_[run.benchmark_name()] = run.GetAdjustedRealTime();
            }
        }
    }

    void Finalize() override {
        ConsoleReporter::Finalize();
        auto& out = GetOutputStream();
        out << "\nTime relative to naive_interpreter on the same rule (lower is faster):\n";
        for (const auto& [name, time] : times_) {
            const std::string rule = name.substr(name.find('/') + 1);
            const auto naive = times_.find("naive_interpreter/" + rule);
            if (naive == times_.end() || naive->second <= 0) continue;
            char line[160];
            std::snprintf(line, sizeof line, "  %-36s %10.1f ns  %6.3fx  (%5.1f times as fast)\n",
                          name.c_str(), time, time / naive->second, naive->second / time);
            out << line;
        }
    }

private:
    std::map<std::string, double> times_;
};

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    relative_reporter reporter;
    benchmark::RunSpecifiedBenchmarks(&reporter);
    benchmark::Shutdown();
    return 0;
}
