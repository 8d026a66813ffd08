// A dispute's JSON — its state (schemas/dispute-state.schema.json), the actions of an
// event (schemas/actions.schema.json) and its events (schemas/event.schema.json) — written
// once, token by token, to a json_sink (json/sink.hpp): the text writer gives the bytes
// of nlohmann's dump() without building a document (the CLI, the C API, Python's text),
// the DOM builder the nlohmann::json that dispute::to_json() returns.
#pragma once

#include <optional>
#include <vector>

#include "drp/dispute.hpp"
#include "json/sink.hpp"

namespace drp::engine {

/// The state as of `as_of`, already checked against the dispute (dispute::check_as_of).
void write_state(detail::json_sink& out, const dispute& d, std::optional<instant> as_of);
/// The rows of dispute::actions_json.
void write_actions(detail::json_sink& out, const dispute& d, const std::vector<action>& actions);
/// An event as the history and logs hold it (drp::to_json(const event&)).
void write_event(detail::json_sink& out, const event& e);
/// A duty's targets (engine::targets_json).
void write_targets(detail::json_sink& out, const duty& d);

}  // namespace drp::engine
