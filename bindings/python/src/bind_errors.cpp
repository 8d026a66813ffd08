// drp::error -> the drp.Error subclass for its code (classes live in drp/_errors.py so
// Python users can read and subclass them).
#include "bindings.hpp"
#include "drp/error.hpp"

namespace py = pybind11;

namespace drp::python {

namespace {

// Raises the drp.Error subclass for the code, carrying the policy diagnostics if any.
void raise(const drp::error& e, const py::list& diagnostics, int os_error = 0) {
    const py::object errors = py::module_::import("drp._errors");
    const py::object instance = errors.attr("from_native")(std::string(to_string(e.code())), e.what(), diagnostics, os_error);
    PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(instance.ptr())), instance.ptr());
}

}  // namespace

void bind_errors(py::module_& m) {
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const drp::policy_error& e) {
            py::list diagnostics;
            for (const auto& d : e.diagnostics()) diagnostics.append(diagnostic_tuple(d));
            raise(e, diagnostics);
        } catch (const drp::io_error& e) {
            raise(e, py::list(), e.os_error());  // FileNotFoundError, PermissionError, ...
        } catch (const drp::error& e) {
            raise(e, py::list());
        }
    });
    m.def("error_codes", [] {
        py::dict codes;
        for (int c : {0, -1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12, -99})
            codes[py::str(std::string(to_string(static_cast<errc>(c))))] = c;
        return codes;
    }, "Stable error code names and their numeric values (as in drp.h).");
}

}  // namespace drp::python
