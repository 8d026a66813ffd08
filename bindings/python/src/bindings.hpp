#pragma once

#include <pybind11/pybind11.h>

namespace drp::python {

void bind_errors(pybind11::module_& m);
void bind_calendar(pybind11::module_& m);

}  // namespace drp::python
