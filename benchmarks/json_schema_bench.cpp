// Policy-sized JSON Schema validation: a ~10 KB policy-shaped document against a ~50 KB
// schema with many $refs, an if/then dispatch over 40 obligation kinds, anyOf, patterns
// and enums. Parsing the same text is measured alongside, as the cost every load pays
// anyway. Target (DESIGN.md §5, policy load + validation < 1 ms): validation well under.
// Run: build/benchmarks/drp_benchmarks --benchmark_filter=JsonSchema
#include "drp/json_positions.hpp"
#include "drp/json_schema.hpp"

#include <benchmark/benchmark.h>

namespace {

using nlohmann::json;

constexpr int obligation_kinds = 40;

std::string role(int i) {
    static const char* base[] = {"IRO", "IRO_MANAGER", "SENIOR_IRO", "CP_CHAIR", "SW", "TM", "PM", "SM", "HOS", "HOS_QAPD",
                                 "AD", "DCS", "CHIEF_EXECUTIVE", "AC", "LEGAL", "CAFCASS", "QA", "SERVICE_DIRECTOR", "PANEL", "HEAD_OF_LEGAL"};
    return std::string(base[i % 20]) + (i >= 20 ? "_DEPUTY" : "");
}

std::string prose(int i) {
    return "Obligation " + std::to_string(i) +
           ": what the responsible role must do after the stage starts, and within which timescale; the engine "
           "counts working days in the policy's division and records when the duty was met, so reports can show "
           "timeliness per stage and per authority.";
}

json policy_schema() {
    json defs = json::object();
    json roles = json::array();
    for (int i = 0; i < 40; ++i) roles.push_back(role(i));
    defs["role"] = {{"description", "A role id from the policy's list of roles"}, {"enum", roles}};
    defs["timescale"] = {
        {"type", "object"},
        {"description", "A response or action timescale: an amount of working days, calendar days or hours"},
        {"required", {"amount", "unit"}},
        {"additionalProperties", false},
        {"properties",
         {{"amount", {{"type", "integer"}, {"minimum", 0}, {"maximum", 365}}},
          {"unit", {{"enum", {"working_days", "calendar_days", "hours"}}}},
          {"agreed", {{"type", "boolean"}}},
          {"close_of_business", {{"type", "string"}, {"pattern", "^([01][0-9]|2[0-3]):[0-5][0-9]$"}}}}}};
    json kinds = json::array();
    json dispatch = json::array();
    for (int k = 0; k < obligation_kinds; ++k) {
        const std::string kind = "obligation_" + std::to_string(k);
        kinds.push_back(kind);
        defs[kind] = {{"type", "object"},
                      {"title", "Obligation kind " + std::to_string(k)},
                      {"description", prose(k)},
                      {"required", {"kind", "within", "role"}},
                      {"additionalProperties", false},
                      {"properties",
                       {{"kind", {{"const", kind}}},
                        {"within", {{"$ref", "#/$defs/timescale"}}},
                        {"role", {{"$ref", "#/$defs/role"}}},
                        {"note", {{"type", "string"}, {"maxLength", 200}}},
                        {"copy_to", {{"type", "array"}, {"items", {{"$ref", "#/$defs/role"}}}, {"uniqueItems", true}}}}}};
        dispatch.push_back({{"if", {{"properties", {{"kind", {{"const", kind}}}}}, {"required", {"kind"}}}},
                            {"then", {{"$ref", "#/$defs/" + kind}}}});
    }
    defs["obligation"] = {{"type", "object"},
                          {"required", {"kind"}},
                          {"properties", {{"kind", {{"enum", kinds}}}}},
                          {"allOf", dispatch}};
    defs["condition"] = {{"description", "A JSON Logic expression over the dispute's facts"},
                         {"type", "object"},
                         {"minProperties", 1},
                         {"maxProperties", 1},
                         {"propertyNames", {{"enum", {"==", "!=", "<", "<=", ">", ">=", "and", "or", "!", "var", "in"}}}}};
    json stage_properties = json::object();
    stage_properties["id"] = {{"type", "string"}, {"pattern", "^[a-z][a-z0-9_]*$"}, {"maxLength", 40}};
    stage_properties["title"] = {{"type", "string"}, {"minLength", 1}, {"maxLength", 120}};
    stage_properties["level"] = {{"type", "integer"}, {"minimum", 0}, {"maximum", 10}};
    stage_properties["kind"] = {{"enum", {"informal", "meeting", "formal", "referral"}}};
    stage_properties["optional"] = {{"type", "boolean"}};
    const json role_list = {{"type", "array"}, {"items", {{"$ref", "#/$defs/role"}}}, {"minItems", 1}, {"uniqueItems", true}};
    stage_properties["responder"] = {{"anyOf", json::array({json{{"$ref", "#/$defs/role"}}, role_list})}};
    stage_properties["notify"] = {{"type", "array"}, {"items", {{"$ref", "#/$defs/role"}}}, {"uniqueItems", true}};
    stage_properties["timescale"] = {{"type", "object"},
                                     {"propertyNames", {{"enum", {"standard", "urgent", "imminent_risk"}}}},
                                     {"additionalProperties", {{"$ref", "#/$defs/timescale"}}},
                                     {"required", {"standard"}}};
    stage_properties["obligations"] = {{"type", "array"}, {"items", {{"$ref", "#/$defs/obligation"}}}};
    stage_properties["when"] = {{"$ref", "#/$defs/condition"}};
    defs["stage"] = {{"type", "object"},
                     {"required", {"id", "title", "level", "kind", "responder"}},
                     {"additionalProperties", false},
                     {"properties", stage_properties},
                     {"if", {{"properties", {{"kind", {{"enum", {"formal", "referral"}}}}}}}},
                     {"then", {{"required", {"timescale"}}}}};
    return {{"$schema", "https://json-schema.org/draft/2020-12/schema"},
            {"$id", "https://drp.example/policy.schema.json"},
            {"title", "drp policy"},
            {"type", "object"},
            {"required", {"id", "version", "authority", "division", "stages"}},
            {"additionalProperties", false},
            {"properties",
             {{"id", {{"type", "string"}, {"pattern", "^[a-z][a-z0-9-]*$"}}},
              {"version", {{"type", "integer"}, {"minimum", 1}}},
              {"authority", {{"type", "string"}, {"minLength", 1}}},
              {"division", {{"enum", {"england-and-wales", "scotland", "northern-ireland"}}}},
              {"effective_from", {{"type", "string"}, {"format", "date"}}},
              {"roles", {{"type", "array"}, {"items", {{"$ref", "#/$defs/role"}}}, {"uniqueItems", true}}},
              {"stages", {{"type", "array"}, {"minItems", 1}, {"items", {{"$ref", "#/$defs/stage"}}}}},
              {"rules",
               {{"type", "object"},
                {"additionalProperties", false},
                {"properties",
                 {{"bypass_allowed", {{"type", "boolean"}}},
                  {"start_above_first", {{"type", "boolean"}}},
                  {"start_reason_required", {{"type", "boolean"}}},
                  {"pause_approved_by", {{"$ref", "#/$defs/role"}}},
                  {"formal_cap", {{"$ref", "#/$defs/timescale"}}}}},
                {"dependentRequired", {{"start_above_first", {"start_reason_required"}}}}}}}},
            {"$defs", defs}};
}

json policy_document() {
    json stages = json::array();
    for (int s = 0; s < 5; ++s) {
        json obligations = json::array();
        for (int o = 0; o < 4; ++o) {
            const int k = (s * 4 + o) % obligation_kinds;
            obligations.push_back({{"kind", "obligation_" + std::to_string(k)},
                                   {"within", {{"amount", 24 + o}, {"unit", "hours"}}},
                                   {"role", role(k)},
                                   {"note", "Record the outcome in the case record and the DRP spreadsheet."},
                                   {"copy_to", {role(k + 1), role(k + 2)}}});
        }
        stages.push_back({{"id", "stage_" + std::to_string(s)},
                          {"title", "Stage " + std::to_string(s) + ": escalation to the next level of seniority"},
                          {"level", s % 10},
                          {"kind", s == 0 ? "informal" : s == 4 ? "referral" : "formal"},
                          {"responder", s % 2 ? json(role(s)) : json::array({role(s), role(s + 1)})},
                          {"notify", {role(s + 2), role(s + 3), "IRO_MANAGER"}},
                          {"timescale", {{"standard", {{"amount", 5}, {"unit", "working_days"}}},
                                         {"imminent_risk", {{"amount", 24}, {"unit", "hours"}, {"close_of_business", "17:00"}}}}},
                          {"obligations", obligations},
                          {"when", {{"and", json::array({json{{">=", json::array({json{{"var", "level"}}, 3})}}, true})}}}});
    }
    return {{"id", "merton"},
            {"version", 3},
            {"authority", "London Borough of Merton"},
            {"division", "england-and-wales"},
            {"effective_from", "2026-04-01"},
            {"roles", {"IRO", "IRO_MANAGER", "TM", "SM", "HOS", "HOS_QAPD", "AD", "DCS"}},
            {"rules", {{"bypass_allowed", true}, {"start_above_first", true}, {"start_reason_required", true}, {"pause_approved_by", "IRO_MANAGER"},
                       {"formal_cap", {{"amount", 20}, {"unit", "working_days"}}}}},
            {"stages", stages}};
}

// The same document with ten mistakes of the kinds authors make.
json policy_with_mistakes() {
    json d = policy_document();
    d["stages"][1]["kind"] = "formel";
    d["stages"][1]["responders"] = "TM";
    d["stages"][2]["responder"] = "tm";
    d["stages"][2].erase("timescale");
    d["stages"][3]["obligations"][0]["kind"] = "obligation_99";
    d["stages"][3]["obligations"][1].erase("role");
    d["stages"][4]["timescale"]["standard"]["amount"] = 5.5;
    d["stages"][4]["notify"].push_back(d["stages"][4]["notify"][0]);
    d["rules"]["bypass"] = true;
    d["effective_from"] = "2026-02-30";
    return d;
}

struct fixture {
    json schema_document = policy_schema();
    std::string schema_text = schema_document.dump(2);
    drp::json::schema compiled = drp::json::schema::compile(schema_document);
    json document = policy_document();
    std::string document_text = document.dump(2);
    json bad = policy_with_mistakes();
};

const fixture& data() {
    static const fixture f;
    return f;
}

void sizes(benchmark::State& state) {
    state.counters["schema_KB"] = static_cast<double>(data().schema_text.size()) / 1024.0;
    state.counters["doc_KB"] = static_cast<double>(data().document_text.size()) / 1024.0;
}

void JsonSchema_Compile(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(drp::json::schema::compile(data().schema_document));
    sizes(state);
}
BENCHMARK(JsonSchema_Compile)->Unit(benchmark::kMicrosecond);

void JsonSchema_IsValid(benchmark::State& state) {
    if (!data().compiled.is_valid(data().document)) state.SkipWithError("the benchmark document should be valid");
    for (auto _ : state) benchmark::DoNotOptimize(data().compiled.is_valid(data().document));
    sizes(state);
}
BENCHMARK(JsonSchema_IsValid)->Unit(benchmark::kMicrosecond);

void JsonSchema_ValidateValid(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(data().compiled.validate(data().document));
    sizes(state);
}
BENCHMARK(JsonSchema_ValidateValid)->Unit(benchmark::kMicrosecond);

void JsonSchema_ValidateTenMistakes(benchmark::State& state) {
    std::size_t errors = 0;
    for (auto _ : state) {
        const auto e = data().compiled.validate(data().bad);
        errors = e.size();
        benchmark::DoNotOptimize(e);
    }
    state.counters["errors"] = static_cast<double>(errors);
    sizes(state);
}
BENCHMARK(JsonSchema_ValidateTenMistakes)->Unit(benchmark::kMicrosecond);

// Context: what parsing the same text costs (nlohmann/json).
void JsonSchema_ParseDocumentText(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(json::parse(data().document_text));
    sizes(state);
}
BENCHMARK(JsonSchema_ParseDocumentText)->Unit(benchmark::kMicrosecond);

void JsonPositions_Scan(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(drp::json::position_map::scan(data().document_text));
    sizes(state);
}
BENCHMARK(JsonPositions_Scan)->Unit(benchmark::kMicrosecond);

}  // namespace
