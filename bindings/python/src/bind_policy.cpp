// drp.Policy's engine room: loading (file, built-in, text), validation with diagnostics,
// and read-only views of what the policy says.
#include <pybind11/stl.h>

#include "common/input.hpp"
#include "bindings.hpp"
#include "drp/policy.hpp"
#include "drp/report.hpp"

namespace py = pybind11;

namespace drp::python {

py::tuple diagnostic_tuple(const diagnostic& d) {
    static const char* levels[] = {"error", "warning", "note"};
    return py::make_tuple(d.file, d.line, d.column, levels[static_cast<int>(d.level)], d.pointer, d.message, d.hint, d.rule);
}

void bind_policy(py::module_& m) {
    using namespace pybind11::literals;
    py::class_<policy>(m, "_Policy")
        .def_static("load", [](const std::string& path, std::size_t max_bytes) { return load_policy_file(path, max_bytes); },
                    "path"_a, "max_bytes"_a = default_max_file_bytes, "Loads and validates a policy file.")
        .def_static("builtin", [](const std::string& name) { return builtin_policy(name); }, "name"_a)
        .def_static("from_text", [](const std::string& text, const std::string& file) { return load_policy(text, file); },
                    "text"_a, "file"_a = "<policy>")
        .def_property_readonly("id", &policy::id)
        .def_property_readonly("version", &policy::version)
        .def_property_readonly("title", &policy::title)
        .def_property_readonly("authority", &policy::authority)
        .def_property_readonly("division", [](const policy& p) { return std::string(to_string(p.region())); })
        .def_property_readonly("time_zone", &policy::time_zone_name)
        .def_property_readonly("effective_from", [](const policy& p) { return format_date(p.effective_from()); })
        .def_property_readonly("categories", &policy::categories)
        .def_property_readonly("source_text", &policy::source_text)
        .def("stages", [](const policy& p) {
            py::list out;
            for (const auto& st : p.stages())
                out.append(py::make_tuple(st.id, st.title, st.level, std::string(to_string(st.kind)), st.optional,
                                          timescale_text(st), st.responder));
            return out;
        })
        .def("roles", [](const policy& p) {
            py::list out;
            for (const auto& r : p.roles()) out.append(py::make_tuple(r.id, r.title, r.external));
            return out;
        })
        .def("calendar", [](const policy& p) { return p.calendar(); });

    m.def("read_file", [](const std::string& path, std::size_t max_bytes) {
        return py::bytes(detail::read_file(path, max_bytes, "policy file"));  // checked as the CLI reads it
    }, "path"_a, "max_bytes"_a = default_max_file_bytes);
    m.def("validate_text", [](const std::string& text, const std::string& file) {
        py::list out;
        for (const auto& d : validate_policy(text, file)) out.append(diagnostic_tuple(d));
        return out;
    }, "text"_a, "file"_a = "<policy>");
    m.def("builtin_policy_names", &builtin_policy_names);
}

}  // namespace drp::python
