// Any bytes as a stored dispute state: JSON that does not parse is skipped; otherwise
// dispute::from_json under the merton policy either restores a dispute or throws
// drp::error, and a restored dispute round-trips through to_json. The same JSON, when it
// is an object, is also applied as a merge patch (RFC 7386) to a valid state, so that
// small inputs reach the checks that follow a successful replay. Any other exception
// escapes and is reported as a crash. drp::sweep reads the same text, and must list exactly
// the overdue obligations of any state that restores.
//
// A patch nested deeper than max_patch_depth is not applied: nlohmann's merge_patch and
// copy recurse once per level, and would overflow this harness's stack, not the library's
// (the input itself still goes to from_json, whatever its depth). scripts/fuzz.sh runs
// this fuzzer with -entropic=0 (docs/reliability-fuzzing.md).
#include "json/strict_parse.hpp"
#include "drp/dispute.hpp"
#include "drp/error.hpp"
#include "drp/policy.hpp"
#include "drp/sweep.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace {

constexpr int max_patch_depth = 256;  // far deeper than any state (about 6 levels)

// Whether j nests at most `limit` levels (counted without recursing).
bool within_depth(const nlohmann::json& j, int limit) {
    std::vector<std::pair<const nlohmann::json*, int>> todo{{&j, 1}};
    while (!todo.empty()) {
        const auto [v, depth] = todo.back();
        todo.pop_back();
        if (!v->is_structured()) continue;
        if (depth > limit) return false;
        for (const auto& child : *v) todo.push_back({&child, depth + 1});
    }
    return true;
}

const drp::policy& merton() {
    static const drp::policy p = drp::builtin_policy("merton");
    return p;
}

// A dispute at IR1 with an extension, a time out and duties met, as of a later day.
const nlohmann::json& valid_state() {
    static const nlohmann::json state = [] {
        drp::dispute d(merton());
        for (const char* line : {
                 R"({"type":"raise","at":"2026-03-02T09:00:00Z","dispute_id":"D-1","child_ref":"C1","category":"drift_delay","urgency":"urgent","summary":"s","due":"2026-03-09"})",
                 R"({"type":"notify","at":"2026-03-02T10:00:00Z","dispute_id":"D-1","obligation":"alert_hos_qapd"})",
                 R"({"type":"escalate","at":"2026-03-10T09:00:00Z","dispute_id":"D-1","reason":"not_resolved","to":"IR1"})",
                 R"({"type":"pause","at":"2026-03-11T09:00:00Z","dispute_id":"D-1","approved_by":"IRO_MANAGER","reason":"r"})",
                 R"({"type":"resume","at":"2026-03-13T09:00:00Z","dispute_id":"D-1"})",
                 R"({"type":"extend","at":"2026-03-16T09:00:00Z","dispute_id":"D-1","until":"2026-04-01","agreed_by":"IRO"})",
                 R"({"type":"consult","at":"2026-03-17T09:00:00Z","dispute_id":"D-1","role":"HOS_QAPD","agreed":true})",
                 R"({"type":"refer","at":"2026-03-18T09:00:00Z","dispute_id":"D-1","to":"cafcass","concurrent":true})"})
            d.apply(nlohmann::json::parse(line));
        return d.to_json(drp::parse_rfc3339("2026-05-01T09:00:00Z"));
    }();
    return state;
}

// The sweep reads the same text (drp/sweep.hpp): it throws drp::error or lists rows, and a
// state that restores sweeps to exactly its overdue obligations.
std::optional<std::size_t> swept(const nlohmann::json& j, drp::instant as_of) {
    const std::string text = j.dump();
    const std::string_view texts[] = {text};
    try {
        return drp::sweep(merton(), texts, as_of).size();
    } catch (const drp::error&) {
        return std::nullopt;
    }
}

void load(const nlohmann::json& j) {
    static const auto late = drp::parse_rfc3339("2199-12-31T00:00:00Z");  // after any event
    const auto rows = swept(j, late);
    try {
        const auto d = drp::dispute::from_json(merton(), j);
        const auto out = d.to_json();
        if (drp::dispute::from_json(merton(), out).to_json() != out) std::abort();
        std::size_t overdue = 0;
        for (const auto& o : d.obligations(late)) overdue += o.status == drp::obligation_status::overdue;
        if (!rows || *rows != overdue) std::abort();  // what restores, sweeps
    } catch (const drp::error&) {
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Read as hosts' text is read (the C API, Python's from_json): strictly, so repeated
    // keys, NUL bytes and deep nesting are refused here with drp::error, never thrown past.
    nlohmann::json j;
    try {
        j = drp::detail::parse_strict(std::string_view(reinterpret_cast<const char*>(data), size), "dispute state");
    } catch (const drp::error& e) {
        if (e.code() != drp::errc::invalid_json) std::abort();
        return 0;
    }
    load(j);
    if (j.is_object() && within_depth(j, max_patch_depth)) {
        auto patched = valid_state();
        patched.merge_patch(j);
        load(patched);
    }
    return 0;
}
