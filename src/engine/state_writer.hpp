// A dispute's JSON — its state (schemas/dispute-state.schema.json), the actions of an
// event (schemas/actions.schema.json) and its events (schemas/event.schema.json) — written
// once, token by token, to a back end (json/sink.hpp): the text writer gives the bytes
// of nlohmann's dump() without building a document (the CLI, the C API, Python's text),
// the DOM builder the nlohmann::json that dispute::to_json() returns. Each function is
// defined for those two back ends (state_json.cpp, event_json.cpp).
#pragma once

#include <optional>
#include <vector>

#include "drp/dispute.hpp"
#include "json/dom_builder.hpp"
#include "json/text_writer.hpp"

namespace drp::engine {

/// The state as of `as_of`, already checked against the dispute (dispute::check_as_of).
template <class Sink>
void write_state(Sink& out, const dispute& d, std::optional<instant> as_of);
/// The rows of dispute::actions_json.
template <class Sink>
void write_actions(Sink& out, const dispute& d, const std::vector<action>& actions);
/// An event as the history and logs hold it (drp::to_json(const event&)).
template <class Sink>
void write_event(Sink& out, const event& e);
/// A duty's targets (engine::targets_json).
template <class Sink>
void write_targets(Sink& out, const duty& d);

}  // namespace drp::engine
