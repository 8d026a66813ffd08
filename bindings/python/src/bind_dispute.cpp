// drp.Dispute's engine room: apply events (dict or JSON text), the state as of a time,
// snapshots (to_json / from_json), what may happen next, and the dispute's summary.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "convert.hpp"
#include "drp/dispute.hpp"
#include "drp/report.hpp"
#include "json/strict_parse.hpp"

namespace py = pybind11;

namespace drp::python {
namespace {

event event_arg(py::handle e) {
    if (py::isinstance<py::str>(e)) return parse_event(std::string_view(e.cast<std::string>()));
    if (py::isinstance<py::dict>(e)) return parse_event(to_json(e, true));
    throw error(errc::invalid_argument, "an event is a dict or its JSON text, not a " +
                                            py::str(e.get_type().attr("__name__")).cast<std::string>());
}

std::optional<instant> at_arg(const dispute& d, const std::optional<std::string>& at) {
    if (!at) return std::nullopt;
    return instant_arg(d.rules(), *at);
}

}  // namespace

void bind_dispute(py::module_& m) {
    using namespace pybind11::literals;
    py::class_<dispute>(m, "_Dispute")
        .def(py::init<policy>(), "policy"_a)
        .def("apply", [](dispute& d, py::handle e) {
            // Through the dispute's own readers, so refusals name the dispute, index and type.
            std::vector<action> actions;
            if (py::isinstance<py::str>(e)) actions = d.apply_json(e.cast<std::string>());
            else if (py::isinstance<py::dict>(e)) actions = d.apply(to_json(e, true));
            else actions = d.apply(event_arg(e));
            return to_python(d.actions_json(actions));  // schemas/actions.schema.json rows
        }, "event"_a)
        .def("state", [](const dispute& d, const std::optional<std::string>& at) { return to_python(d.to_json(at_arg(d, at))); },
             "at"_a = py::none())
        .def("to_json", [](const dispute& d, const std::optional<std::string>& at, int indent) {
            return d.to_json(at_arg(d, at)).dump(indent);
        }, "at"_a = py::none(), "indent"_a = -1)
        .def_static("from_json", [](const policy& p, py::handle state) {
            if (py::isinstance<py::str>(state)) {
                const auto text = state.cast<std::string>();
                return dispute::from_json(p, drp::detail::parse_strict(text, "dispute state"));
            }
            return dispute::from_json(p, to_json(state));
        }, "policy"_a, "state"_a)
        .def("allowed_next", [](const dispute& d, const std::string& at) { return d.allowed_next(instant_arg(d.rules(), at)); }, "at"_a)
        .def("summary", [](const dispute& d, const std::string& as_of) {
            return to_python(summary_json(d.rules(), summarize(d, instant_arg(d.rules(), as_of))));
        }, "as_of"_a)
        .def("history", [](const dispute& d) {
            py::list out;
            for (const auto& e : d.history()) out.append(to_python(drp::to_json(e)));
            return out;
        })
        .def_property_readonly("policy", &dispute::rules)
        .def_property_readonly("dispute_id", [](const dispute& d) { return d.state().dispute_id; })
        .def_property_readonly("status", [](const dispute& d) { return std::string(to_string(d.state().status)); })
        .def_property_readonly("stage", [](const dispute& d) -> py::object {
            const auto& s = d.state();
            if (s.stage < 0) return py::none();
            return py::str(d.rules().stages()[static_cast<std::size_t>(s.stage)].id);
        })
        .def_property_readonly("paused", [](const dispute& d) { return d.state().paused; })
        .def_property_readonly("last_event_at", [](const dispute& d) -> py::object {
            const auto& s = d.state();
            if (!s.last_event_at) return py::none();
            return py::str(d.rules().zone().format(*s.last_event_at));
        })
        .def("copy", [](const dispute& d) { return dispute(d); });
}

}  // namespace drp::python
