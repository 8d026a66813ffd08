// Python values <-> drp values: JSON for events in and states, actions and reports out;
// instants as the Python package passes them (ISO text).
#pragma once

#include <pybind11/pybind11.h>

#include <nlohmann/json.hpp>

#include "drp/policy.hpp"
#include "drp/time.hpp"

namespace drp::python {

/// dict, list, tuple, str, int, float, bool and None, plus what analysts' data holds:
/// datetime.datetime / pandas.Timestamp (ISO text with its offset), datetime.date
/// ("YYYY-MM-DD") and numpy scalars. NaN, NaT and None become null; with
/// `drop_null_members` (events: a missing value in a frame's row is an absent field) a
/// dict member that is null is left out. Anything else is drp.InvalidArgumentError.
nlohmann::json to_json(pybind11::handle obj, bool drop_null_members = false);

/// JSON as plain Python values (dict, list, str, int, float, bool, None).
pybind11::object to_python(const nlohmann::json& j);

/// An instant from RFC 3339 text, or from "YYYY-MM-DD": the end of that local day
/// (23:59:59 in the policy's zone), so "as of 30 June" sees the whole day.
instant instant_arg(const policy& p, const std::string& text);

}  // namespace drp::python
