#pragma once

#include <pybind11/pybind11.h>

#include "drp/policy.hpp"

namespace drp::python {

void bind_errors(pybind11::module_& m);
void bind_calendar(pybind11::module_& m);
void bind_policy(pybind11::module_& m);
void bind_dispute(pybind11::module_& m);
void bind_versions(pybind11::module_& m);  // after bind_dispute: uses its types
void bind_report(pybind11::module_& m);
void bind_timing(pybind11::module_& m);  // private hooks for tests and benchmarks

/// (file, line, column, severity, pointer, message, hint, rule): drp.Diagnostic's fields.
pybind11::tuple diagnostic_tuple(const diagnostic& d);

}  // namespace drp::python
