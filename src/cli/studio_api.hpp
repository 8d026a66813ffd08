// What the studio's page asks of drp, as JSON in and JSON out, with no HTTP in it
// (studio_server.cpp carries these over the wire): the validator's diagnostics, the
// drawing, a scenario run, and the seed policies. Each takes the request's JSON body and
// answers a status (HTTP's) with a body; bad input is a 4xx answer naming what is wrong.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace drp::cli::studio {

struct reply {
    int status = 200;
    nlohmann::json body;
};

/// {"error": {"code", "message"}} with its status.
reply refusal(int status, std::string_view code, const std::string& message);

/// The request body as a JSON object, else a 400 refusal (invalid_json, schema).
/// Throws the refusal as a `reply`.
nlohmann::json parse_request(std::string_view body);

/// {"text"} → {"valid", "diagnostics": [{severity, line, column, pointer, message, hint,
/// did_you_mean, rule}]}: what drp validate finds, positions in the text as sent.
reply validate(const nlohmann::json& request, const std::string& file_name);

/// {"text", "format": "svg"|"dot"|"mermaid"} → {"format", "drawing"}; 422 when the policy
/// does not load (the page keeps its last drawing).
reply render(const nlohmann::json& request);

/// {"text", "events": JSONL, "as_of"?: date or RFC 3339} → {"as_of", "disputes": [{dispute_id,
/// status, stage, paused, timeline, obligations (due, status, explain), allowed_next}],
/// "refusals": [{line, code, message}]}. A refused line is reported and the run goes on:
/// the dispute is as it was before that line.
reply simulate(const nlohmann::json& request);

/// {"name"} → {"name", "text"}: a built-in seed policy's source, for a new policy.
reply seed(const nlohmann::json& request);

/// The string field `name` of the request, else a 400 refusal thrown as a reply.
std::string text_field(const nlohmann::json& request, const char* name, bool required = true);

}  // namespace drp::cli::studio
