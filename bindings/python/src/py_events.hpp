// Events in and actions out without JSON on the way (issue 14): a dict is read straight
// into an event's fields, and the actions are made as dicts from the engine's values.
#pragma once

#include <pybind11/pybind11.h>

#include <optional>
#include <vector>

#include "drp/dispute.hpp"

namespace drp::python {

/// The event of a dict that the JSON path (to_json(dict, true), then parse_event) would
/// read the same way and accept: str keys, values that are str, bool or None (None is an
/// absent field). None for any other dict (numbers, nested values, dates, a key that is
/// not exactly str) or an event the checks refuse: the caller then takes the JSON path,
/// which gives that event's own error, so the errors are the JSON path's.
std::optional<event> event_from_dict(PyObject* dict);

/// The actions as drp.Dispute.apply returns them: the rows of d.actions_json(actions)
/// (schemas/actions.schema.json) as dicts, with the same keys in the same order.
pybind11::list actions_to_python(const dispute& d, const std::vector<action>& actions);

}  // namespace drp::python
