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

namespace {

// Closure days cross as (days since 1970-01-01, title) pairs; drp/policy.py converts dates.
using closure_pair = std::pair<std::int64_t, std::string>;

policy_load_options load_options(const std::vector<closure_pair>& closures) {
    policy_load_options out;
    for (const auto& [day, title] : closures) {
        if (day < -1000000 || day > 1000000)
            throw error(errc::out_of_range, "a closure day added at load is outside the supported range 1970-2199");
        out.closures.push_back({date{std::chrono::days{day}}, title});
    }
    return out;
}

py::list closure_pairs(const std::vector<closure>& closures) {
    py::list out;
    for (const auto& c : closures) out.append(py::make_tuple(c.day.time_since_epoch().count(), c.title));
    return out;
}

}  // namespace

void bind_policy(py::module_& m) {
    using namespace pybind11::literals;
    py::class_<policy>(m, "_Policy")
        .def_static("load", [](const std::string& path, std::size_t max_bytes, const std::vector<closure_pair>& closures) {
                        return load_policy_file(path, load_options(closures), max_bytes);
                    },
                    "path"_a, "max_bytes"_a = default_max_file_bytes, "closures"_a = std::vector<closure_pair>{},
                    "Loads and validates a policy file.")
        .def_static("builtin", [](const std::string& name, const std::vector<closure_pair>& closures) {
                        return builtin_policy(name, load_options(closures));
                    }, "name"_a, "closures"_a = std::vector<closure_pair>{})
        .def_static("from_text", [](const std::string& text, const std::string& file, const std::vector<closure_pair>& closures) {
                        return load_policy(text, file, load_options(closures));
                    }, "text"_a, "file"_a = "<policy>", "closures"_a = std::vector<closure_pair>{})
        .def("closures", [](const policy& p) { return closure_pairs(p.closures()); })
        .def("added_closures", [](const policy& p) { return closure_pairs(p.added_closures()); })
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
