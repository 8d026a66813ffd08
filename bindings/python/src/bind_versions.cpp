// drp.PolicyVersions' engine room (the versions of one policy, the one in force on a
// day), drp.state_policy, and Dispute.migrate (a dispute moved to another version).
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "convert.hpp"
#include "drp/migrate.hpp"
#include "drp/policy_versions.hpp"

namespace py = pybind11;

namespace drp::python {

void bind_versions(py::module_& m) {
    using namespace pybind11::literals;
    py::class_<policy_versions>(m, "_PolicyVersions")
        .def(py::init<>())
        .def("add", &policy_versions::add, "policy"_a)
        .def("in_force", [](const policy_versions& v, const std::string& day) { return v.in_force(parse_date(day)); }, "day"_a)
        .def("find", [](const policy_versions& v, const std::string& version) -> std::optional<policy> {
            const auto* p = v.find(version);
            if (!p) return std::nullopt;
            return *p;
        }, "version"_a)
        .def("list", &policy_versions::list)
        .def_property_readonly("id", &policy_versions::id)
        .def("__len__", &policy_versions::size);

    m.def("state_policy", [](const std::string& text) {
        const auto ref = drp::state_policy(text);
        return py::make_tuple(ref.id, ref.version);
    }, "state_json"_a);

    m.def("_migrate", [](const dispute& d, const policy& to, const std::string& at) {
        auto moved = d.migrate(to, instant_arg(to, at));
        auto actions = to_python(moved.actions_json);  // schemas/actions.schema.json rows
        return py::make_tuple(std::move(moved.moved), std::move(actions));
    }, "dispute"_a, "policy"_a, "at"_a);
}

}  // namespace drp::python
