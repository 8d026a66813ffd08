#include "py_events.hpp"

#include <array>
#include <utility>

#include "drp/error.hpp"
#include "engine/event_fields.hpp"

namespace py = pybind11;

namespace drp::python {
namespace {

// More fields than any event has; a wider dict goes the JSON way, which refuses it.
constexpr Py_ssize_t max_fields = 32;

// The UTF-8 of a str (cached in the object by CPython); none when it has none (lone
// surrogates), leaving no Python error set: the JSON path then raises its own.
std::optional<std::string_view> utf8(PyObject* s) {
    Py_ssize_t size = 0;
    const char* data = PyUnicode_AsUTF8AndSize(s, &size);
    if (!data) {
        PyErr_Clear();
        return std::nullopt;
    }
    return std::string_view(data, static_cast<std::size_t>(size));
}

// A new reference, or the Python error (memory) as a C++ exception.
PyObject* checked(PyObject* o) {
    if (!o) throw py::error_already_set();
    return o;
}
PyObject* new_str(std::string_view s) {
    return checked(PyUnicode_FromStringAndSize(s.data(), static_cast<Py_ssize_t>(s.size())));
}
PyObject* new_none() { return Py_NewRef(Py_None); }

// A dict being filled with new references, released if filling it fails.
class row {
public:
    explicit row(Py_ssize_t size) : dict_(checked(_PyDict_NewPresized(size))) {}
    ~row() { Py_XDECREF(dict_); }
    row(const row&) = delete;
    row& operator=(const row&) = delete;

    void set(PyObject* key, PyObject* value) {  // takes `value`
        const int failed = PyDict_SetItem(dict_, key, value);
        Py_DECREF(value);
        if (failed) throw py::error_already_set();
    }
    PyObject* release() { return std::exchange(dict_, nullptr); }

private:
    PyObject* dict_;
};

PyObject* str_list(const std::vector<std::string>& items) {
    py::list out(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i), new_str(items[i]));
    return out.release().ptr();
}

// engine::targets_json's value: null, or per target a role id or {"any_of": [ids]}.
PyObject* targets(const duty& d) {
    if (d.target.empty()) return new_none();
    py::list out(d.target.size());
    for (std::size_t i = 0; i < d.target.size(); ++i) {
        const auto& t = d.target[i];
        PyObject* item = nullptr;
        if (t.size() == 1) {
            item = new_str(t.front());
        } else {
            py::dict any;
            any[py::str("any_of")] = py::reinterpret_steal<py::object>(str_list(t));
            item = any.release().ptr();
        }
        PyList_SET_ITEM(out.ptr(), static_cast<Py_ssize_t>(i), item);
    }
    return out.release().ptr();
}

// The keys of an action row, in the order actions_json's objects give them (nlohmann's
// objects keep their keys sorted); interned once, as CPython does for identifiers.
enum key { k_action, k_at, k_discretionary, k_dispute_id, k_due, k_due_date, k_guidance, k_immediately, k_index, k_kind,
           k_obligation, k_role, k_stage, k_system, k_target, k_text, key_count };
constexpr std::array<const char*, key_count> key_names = {
    "action", "at", "discretionary", "dispute_id", "due", "due_date", "guidance", "immediately",
    "index", "kind", "obligation", "role", "stage", "system", "target", "text"};

PyObject* const* keys() {
    static PyObject* const* names = [] {
        auto* k = new PyObject*[key_count];  // lives as long as the interpreter
        for (int i = 0; i < key_count; ++i) k[i] = checked(PyUnicode_InternFromString(key_names[static_cast<std::size_t>(i)]));
        return k;
    }();
    return names;
}

}  // namespace

std::optional<event> event_from_dict(PyObject* dict) {
    if (PyDict_GET_SIZE(dict) > max_fields) return std::nullopt;
    std::array<detail::event_field, max_fields> fields;
    std::size_t n = 0;
    Py_ssize_t pos = 0;
    PyObject *key = nullptr, *value = nullptr;
    while (PyDict_Next(dict, &pos, &key, &value)) {
        if (!PyUnicode_CheckExact(key)) return std::nullopt;  // (a str subclass may compare equal to another key)
        if (value == Py_None) continue;  // to_json(dict, true) leaves it out
        detail::event_field& f = fields[n++];
        const auto k = utf8(key);
        if (!k) return std::nullopt;
        f.key = *k;
        if (PyUnicode_Check(value)) {
            const auto v = utf8(value);
            if (!v) return std::nullopt;
            f.type = detail::event_field::kind::string;
            f.text = *v;
        } else if (PyBool_Check(value)) {
            f.type = detail::event_field::kind::boolean;
            f.flag = value == Py_True;
        } else {
            return std::nullopt;  // numbers (NaN is a missing value there), dates, lists, ...
        }
    }
    try {
        return detail::event_from_fields(std::span<const detail::event_field>(fields.data(), n));
    } catch (const error&) {
        return std::nullopt;  // the JSON path says why, in its words
    }
}

py::list actions_to_python(const dispute& d, const std::vector<action>& actions) {
    const dispute_state& s = d.state();
    const policy& p = d.rules();
    PyObject* const* k = keys();
    py::list out(0);
    if (actions.empty()) return out;
    const auto id = py::reinterpret_steal<py::object>(new_str(s.dispute_id));
    const std::size_t count = s.obligation_count();
    for (const auto& a : actions) {
        if (a.index >= count) continue;
        const obligation o = s.obligation_at(a.index);
        const duty& du = duty_of(p, o);
        const bool ended = a.verb == "done" || a.verb == "cancel";
        row r(key_count);
        r.set(k[k_action], new_str(a.verb));
        r.set(k[k_at], new_none());
        r.set(k[k_discretionary], PyBool_FromLong(du.discretionary));
        r.set(k[k_dispute_id], Py_NewRef(id.ptr()));
        r.set(k[k_due], ended || !o.due ? new_none() : new_str(p.zone().format(*o.due)));
        r.set(k[k_due_date], ended || !o.due_date ? new_none() : new_str(format_date(*o.due_date)));
        // (Merton's response timescales are guidance; other duties' times are the policy's rules.)
        r.set(k[k_guidance], PyBool_FromLong(p.rules().timescales_are_guidance &&
                                             (o.kind == obligation_type::response || o.kind == obligation_type::resolution)));
        r.set(k[k_immediately], PyBool_FromLong(du.immediately));
        r.set(k[k_index], checked(PyLong_FromSize_t(a.index)));
        r.set(k[k_kind], new_str(to_string(o.kind)));
        r.set(k[k_obligation], new_str(du.id));
        r.set(k[k_role], str_list(du.role));
        r.set(k[k_stage], new_str(p.stages()[static_cast<std::size_t>(o.stage)].id));
        r.set(k[k_system], du.system.empty() ? new_none() : new_str(du.system));
        r.set(k[k_target], targets(du));
        r.set(k[k_text], new_str(a.text));
        const auto item = py::reinterpret_steal<py::object>(r.release());
        if (PyList_Append(out.ptr(), item.ptr()) != 0) throw py::error_already_set();
    }
    return out;
}

}  // namespace drp::python
