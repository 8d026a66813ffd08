// drp._drp — the private extension. One bind_<area> per file; this only calls them.
#include <pybind11/pybind11.h>

#include "bindings.hpp"
#include "drp/version.hpp"

PYBIND11_MODULE(_drp, m) {
    m.doc() = "Private extension of the drp package; import drp instead.";
    m.attr("__version__") = DRP_VERSION_STRING;
    drp::python::bind_errors(m);
    drp::python::bind_calendar(m);
    drp::python::bind_policy(m);
    drp::python::bind_dispute(m);
    drp::python::bind_versions(m);
    drp::python::bind_report(m);
    drp::python::bind_timing(m);
}
