// drp.Dispute's engine room: apply events (dict or JSON text), the state as of a time,
// snapshots (to_json / from_json), what may happen next, and the dispute's summary.
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "convert.hpp"
#include "drp/dispute.hpp"
#include "drp/report.hpp"
#include "drp/sweep.hpp"
#include "engine/duty_json.hpp"
#include "engine/parsed_events.hpp"
#include "json/strict_parse.hpp"
#include "py_events.hpp"

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
            if (py::isinstance<py::str>(e)) {
                actions = d.apply_json(e.cast<std::string>());
            } else if (py::isinstance<py::dict>(e)) {
                // A flat dict of texts and flags straight into the event; any other, or one
                // its checks refuse, the JSON way, whose errors are the ones documented.
                if (auto parsed = event_from_dict(e.ptr())) actions = engine::parsed_events::apply(d, *parsed);
                else actions = d.apply(to_json(e, true));
            } else {
                actions = d.apply(event_arg(e));
            }
            return actions_to_python(d, actions);  // schemas/actions.schema.json rows, made directly
        }, "event"_a)
        .def("state", [](const dispute& d, const std::optional<std::string>& at) { return to_python(d.to_json(at_arg(d, at))); },
             "at"_a = py::none())
        .def("to_json", [](const dispute& d, const std::optional<std::string>& at, int indent) {
            return d.to_json_text(at_arg(d, at), indent);  // dump(indent)'s bytes, no document
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
        .def_property_readonly("next_due", [](const dispute& d) -> py::object {
            const auto due = d.next_due();
            if (!due) return py::none();
            return py::str(d.rules().zone().format(*due));
        })
        .def_property_readonly("last_event_at", [](const dispute& d) -> py::object {
            const auto& s = d.state();
            if (!s.last_event_at) return py::none();
            return py::str(d.rules().zone().format(*s.last_event_at));
        })
        .def("copy", [](const dispute& d) { return dispute(d); });

    // drp.sweep's engine room: rows as dicts, built directly (no JSON on the way).
    m.def("_sweep", [](const policy& p, const std::vector<std::string>& states, const std::string& as_of,
                       const std::optional<std::string>& due_before) {
        const std::vector<std::string_view> texts(states.begin(), states.end());
        std::optional<instant> soon;
        if (due_before) soon = instant_arg(p, *due_before);
        const auto now = instant_arg(p, as_of);
        std::vector<sweep_row> rows;
        try {
            py::gil_scoped_release unlocked;  // the replays touch no Python object
            rows = sweep(p, texts, now, soon);
        } catch (const sweep_error& e) {  // (the GIL is held again here) drp.Error with .state
            const py::object error = py::module_::import("drp._errors").attr("from_native")(
                std::string(to_string(e.code())), e.what(), py::list(), 0);
            error.attr("state") = e.state();
            PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(error.ptr())), error.ptr());
            throw py::error_already_set();
        }
        py::list out;
        for (const auto& r : rows) {
            const auto& st = p.stages()[r.stage];
            out.append(py::dict("state"_a = r.state, "dispute_id"_a = r.dispute_id, "index"_a = r.index,
                                "obligation"_a = r.owed->id, "kind"_a = std::string(to_string(r.owed->kind)),
                                "status"_a = r.overdue ? "overdue" : "open", "stage"_a = st.id, "stage_title"_a = st.title,
                                "role"_a = r.owed->role, "target"_a = to_python(engine::targets_json(*r.owed)),
                                "due"_a = p.zone().format(r.due),
                                "due_date"_a = r.due_date ? py::object(py::str(format_date(*r.due_date))) : py::object(py::none()),
                                "system"_a = r.owed->system.empty() ? py::object(py::none()) : py::object(py::str(r.owed->system)),
                                "explain"_a = r.explain, "text"_a = r.text));
        }
        return out;
    }, "policy"_a, "states"_a, "as_of"_a, "due_before"_a = py::none());
}

}  // namespace drp::python
