// drp.Calendar's engine room: scalar calls take day numbers (days since 1970-01-01, which
// is also numpy datetime64[D]'s integer view) and array calls loop in C++ without the GIL.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "drp/calendar.hpp"
#include "drp/error.hpp"

#include <datetime.h>  // CPython's datetime C API (PyDateTime_IMPORT in bind_calendar)

#include <cstdint>
#include <limits>

namespace py = pybind11;

namespace drp::python {
namespace {

using day_number = std::int64_t;
constexpr day_number not_a_time = std::numeric_limits<std::int64_t>::min();  // numpy NaT

date to_date(day_number n) {
    if (n < -1000000 || n > 1000000)
        throw error(errc::out_of_range, "day number " + std::to_string(n) + " is outside the supported range");
    return date{std::chrono::days{n}};
}
day_number to_number(date d) { return d.time_since_epoch().count(); }

py::dict holiday_dict(const holiday& h) {
    static const char* sources[] = {"builtin", "imported", "generated", "closure"};
    py::dict out;
    out["date"] = to_number(h.day);
    out["title"] = h.title;
    out["notes"] = h.notes;
    out["bunting"] = h.bunting;
    out["source"] = sources[static_cast<int>(h.origin)];
    return out;
}

// Broadcasts a scalar or same-shaped offsets array over the dates; NaT stays NaT.
py::array_t<day_number> add_array(const calendar& cal, py::array_t<day_number, py::array::c_style> dates,
                                  py::array_t<std::int64_t, py::array::c_style> offsets) {
    const auto n = dates.size();
    if (offsets.size() != 1 && offsets.size() != n)
        throw error(errc::invalid_argument, "offsets must be one number or one per date (got " +
                                                std::to_string(offsets.size()) + " for " + std::to_string(n) + " dates)");
    py::array_t<day_number> out(std::vector<py::ssize_t>(dates.shape(), dates.shape() + dates.ndim()));
    const day_number* in = dates.data();
    const std::int64_t* off = offsets.data();
    const bool scalar = offsets.size() == 1;
    day_number* res = out.mutable_data();
    {
        py::gil_scoped_release unlocked;
        for (py::ssize_t i = 0; i < n; ++i) {
            const std::int64_t k = off[scalar ? 0 : i];
            if (in[i] == not_a_time) {
                res[i] = not_a_time;
                continue;
            }
            if (k < std::numeric_limits<int>::min() || k > std::numeric_limits<int>::max())
                throw error(errc::out_of_range, "offset " + std::to_string(k) + " is too large");
            res[i] = to_number(cal.add_working_days(to_date(in[i]), static_cast<int>(k)));
        }
    }
    return out;
}

py::array_t<std::int64_t> between_array(const calendar& cal, py::array_t<day_number, py::array::c_style> a,
                                        py::array_t<day_number, py::array::c_style> b) {
    const auto n = std::max(a.size(), b.size());
    if ((a.size() != 1 && a.size() != n) || (b.size() != 1 && b.size() != n))
        throw error(errc::invalid_argument, "start and end must be the same length or one of them a single date");
    const auto& shape_src = a.size() == n ? a : b;
    py::array_t<std::int64_t> out(std::vector<py::ssize_t>(shape_src.shape(), shape_src.shape() + shape_src.ndim()));
    const day_number *pa = a.data(), *pb = b.data();
    std::int64_t* res = out.mutable_data();
    {
        py::gil_scoped_release unlocked;
        for (py::ssize_t i = 0; i < n; ++i) {
            const day_number x = pa[a.size() == 1 ? 0 : i], y = pb[b.size() == 1 ? 0 : i];
            if (x == not_a_time || y == not_a_time)
                throw error(errc::invalid_date, "NaT at index " + std::to_string(i) + ": working days between need two dates");
            res[i] = cal.working_days_between(to_date(x), to_date(y));
        }
    }
    return out;
}

py::array_t<bool> is_working_array(const calendar& cal, py::array_t<day_number, py::array::c_style> dates) {
    py::array_t<bool> out(std::vector<py::ssize_t>(dates.shape(), dates.shape() + dates.ndim()));
    const day_number* in = dates.data();
    bool* res = out.mutable_data();
    {
        py::gil_scoped_release unlocked;
        for (py::ssize_t i = 0; i < dates.size(); ++i) {
            if (in[i] == not_a_time) throw error(errc::invalid_date, "NaT at index " + std::to_string(i));
            res[i] = cal.is_working_day(to_date(in[i]));
        }
    }
    return out;
}

// ---- drp.Calendar's scalar calls, straight from Python (issue 14) -------------------------
// add_working_days, working_days_between, is_working_day, next_working_day and
// previous_working_day of drp.Calendar are the functions below, bound as its methods: the
// common call (datetime.date objects exactly, not a datetime or a subclass, and an int) is
// answered here with no Python code run; anything else (arrays, ISO text, numpy values,
// keywords, dates the calendar refuses) is handed to the Python method of the same name
// with a leading underscore (calendar.py), so its results and errors are as before.

PyObject* interned(const char* s) {
    PyObject* o = PyUnicode_InternFromString(s);  // kept for the interpreter's life
    if (!o) throw py::error_already_set();
    return o;
}

// The C++ calendar of a drp.Calendar (its `_cal`), or none.
const calendar* native_of(PyObject* self) {
    static PyObject* const name = interned("_cal");
    const auto native = py::reinterpret_steal<py::object>(PyObject_GetAttr(self, name));
    if (!native) {
        PyErr_Clear();
        return nullptr;
    }
    static const py::detail::type_info* const type = py::detail::get_type_info(typeid(calendar));
    py::detail::type_caster_generic caster(type);
    if (!caster.load(native, false)) return nullptr;
    return static_cast<const calendar*>(caster.value);
}

// The day number of an exact datetime.date within to_date's range.
std::optional<day_number> day_of(PyObject* o) {
    if (!PyDate_CheckExact(o)) return std::nullopt;
    const std::chrono::year_month_day ymd{std::chrono::year{PyDateTime_GET_YEAR(o)},
                                          std::chrono::month{static_cast<unsigned>(PyDateTime_GET_MONTH(o))},
                                          std::chrono::day{static_cast<unsigned>(PyDateTime_GET_DAY(o))}};
    const day_number n = std::chrono::sys_days{ymd}.time_since_epoch().count();
    if (n < -1000000 || n > 1000000) return std::nullopt;  // to_date's message, from the Python path
    return n;
}

// A datetime.date, or null (no error set) when Python's dates cannot hold it.
PyObject* date_object(date d) {
    const std::chrono::year_month_day ymd{d};
    const int y = static_cast<int>(ymd.year());
    if (y < 1 || y > 9999) return nullptr;
    return PyDate_FromDate(y, static_cast<int>(static_cast<unsigned>(ymd.month())), static_cast<int>(static_cast<unsigned>(ymd.day())));
}

std::optional<int> int_of(PyObject* o) {
    if (!PyLong_CheckExact(o)) return std::nullopt;
    int overflow = 0;
    const long v = PyLong_AsLongAndOverflow(o, &overflow);
    if (overflow || v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) return std::nullopt;
    return static_cast<int>(v);
}

// f(calendar) -> a new reference, or null (no error set) for the Python method `slow`
// of args[0], called with the same arguments.
template <class F>
PyObject* scalar_call(PyObject* slow, Py_ssize_t want, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames, F f) {
    if (nargs == want && !kwnames) {
        if (const calendar* c = native_of(args[0])) {
            try {
                if (PyObject* result = f(*c)) return result;
                if (PyErr_Occurred()) return nullptr;
            } catch (...) {  // (the Python path raises the error as drp.Error)
            }
        }
    }
    return PyObject_VectorcallMethod(slow, args, static_cast<std::size_t>(nargs), kwnames);
}

PyObject* fast_add_working_days(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    static PyObject* const slow = interned("_add_working_days");
    return scalar_call(slow, 3, args, nargs, kwnames, [&](const calendar& c) -> PyObject* {
        const auto day = day_of(args[1]);
        const auto n = int_of(args[2]);
        if (!day || !n) return nullptr;
        return date_object(c.add_working_days(to_date(*day), *n));
    });
}
PyObject* fast_working_days_between(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    static PyObject* const slow = interned("_working_days_between");
    return scalar_call(slow, 3, args, nargs, kwnames, [&](const calendar& c) -> PyObject* {
        const auto a = day_of(args[1]), b = day_of(args[2]);
        if (!a || !b) return nullptr;
        return PyLong_FromLongLong(c.working_days_between(to_date(*a), to_date(*b)));
    });
}
// A call of one date: f(calendar, date) -> a new reference.
template <class F>
PyObject* one_day(PyObject* slow, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames, F f) {
    return scalar_call(slow, 2, args, nargs, kwnames, [&](const calendar& c) -> PyObject* {
        const auto day = day_of(args[1]);
        return day ? f(c, to_date(*day)) : nullptr;
    });
}
PyObject* fast_is_working_day(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    static PyObject* const slow = interned("_is_working_day");
    return one_day(slow, args, nargs, kwnames, [](const calendar& c, date d) { return PyBool_FromLong(c.is_working_day(d)); });
}
PyObject* fast_next_working_day(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    static PyObject* const slow = interned("_next_working_day");
    return one_day(slow, args, nargs, kwnames, [](const calendar& c, date d) { return date_object(c.next_working_day(d)); });
}
PyObject* fast_previous_working_day(PyObject*, PyObject* const* args, Py_ssize_t nargs, PyObject* kwnames) {
    static PyObject* const slow = interned("_previous_working_day");
    return one_day(slow, args, nargs, kwnames, [](const calendar& c, date d) { return date_object(c.previous_working_day(d)); });
}

PyMethodDef scalar_methods[] = {
    {"add_working_days", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&fast_add_working_days)),
     METH_FASTCALL | METH_KEYWORDS,
     "add_working_days($self, day, n)\n--\n\n"
     "The n-th working day strictly after ``day`` (before it when n < 0; n == 0 is ``day``).\n\n"
     "``day`` is a datetime.date, ISO text or numpy.datetime64, or an array of them (then a\n"
     "datetime64[D] array, NaT staying NaT); ``n`` an int or an array of them."},
    {"working_days_between", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&fast_working_days_between)),
     METH_FASTCALL | METH_KEYWORDS,
     "working_days_between($self, start, end)\n--\n\n"
     "Working days x with start < x <= end (negative when end < start); dates or arrays of them."},
    {"is_working_day", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&fast_is_working_day)),
     METH_FASTCALL | METH_KEYWORDS,
     "is_working_day($self, day)\n--\n\n"
     "Whether ``day`` is a working day: in the week mask, not a bank holiday or closure day\n"
     "(a date, or an array of them: a bool array)."},
    {"next_working_day", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&fast_next_working_day)),
     METH_FASTCALL | METH_KEYWORDS,
     "next_working_day($self, day)\n--\n\nThe first working day strictly after ``day``."},
    {"previous_working_day", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(&fast_previous_working_day)),
     METH_FASTCALL | METH_KEYWORDS,
     "previous_working_day($self, day)\n--\n\nThe last working day strictly before ``day``."},
};

}  // namespace

void bind_calendar(py::module_& m) {
    using namespace pybind11::literals;
    py::class_<calendar>(m, "_Calendar")
        .def(py::init([](const std::string& division_key, const std::vector<bool>& week) {
                 if (week.size() != 7) throw error(errc::invalid_argument, "week mask needs 7 days, Monday first");
                 week_mask mask{};
                 std::copy(week.begin(), week.end(), mask.begin());
                 return calendar(division_from_string(division_key), mask);
             }),
             "division"_a, "week_mask"_a)
        .def_property_readonly("division", [](const calendar& c) { return std::string(to_string(c.region())); })
        .def("import_govuk", &calendar::import_govuk, "json_text"_a)
        .def("add_closure", [](calendar& c, day_number d, std::string title) { c.add_closure(to_date(d), std::move(title)); },
             "day"_a, "title"_a)
        .def("remove_closure", [](calendar& c, day_number d) { return c.remove_closure(to_date(d)); }, "day"_a)
        .def("is_working_day", [](const calendar& c, day_number d) { return c.is_working_day(to_date(d)); }, "day"_a)
        .def("add_working_days", [](const calendar& c, day_number d, int n) { return to_number(c.add_working_days(to_date(d), n)); },
             "day"_a, "n"_a)
        .def("working_days_between", [](const calendar& c, day_number a, day_number b) {
                 return c.working_days_between(to_date(a), to_date(b));
             }, "start"_a, "end"_a)
        .def("next_working_day", [](const calendar& c, day_number d) { return to_number(c.next_working_day(to_date(d))); }, "day"_a)
        .def("previous_working_day", [](const calendar& c, day_number d) { return to_number(c.previous_working_day(to_date(d))); }, "day"_a)
        .def("explain", [](const calendar& c, day_number d, int n) { return explain_working_days(c, to_date(d), n); }, "day"_a, "n"_a)
        .def("holidays", [](const calendar& c, int year) {
                 py::list out;
                 for (const auto& h : c.holidays(year)) out.append(holiday_dict(h));
                 return out;
             }, "year"_a)
        .def("holidays_between", [](const calendar& c, day_number a, day_number b) {
                 py::list out;
                 for (const auto& h : c.holidays_between(to_date(a), to_date(b))) out.append(holiday_dict(h));
                 return out;
             }, "start"_a, "end"_a)
        .def("add_working_days_array", &add_array, "days"_a, "offsets"_a)
        .def("working_days_between_array", &between_array, "start"_a, "end"_a)
        .def("is_working_day_array", &is_working_array, "days"_a);
    PyDateTime_IMPORT;
    if (!PyDateTimeAPI) throw py::error_already_set();
    for (auto& def : scalar_methods) {
        // A function bound as a method of whatever class holds it (drp.Calendar).
        const auto f = py::reinterpret_steal<py::object>(PyCFunction_NewEx(&def, nullptr, m.attr("__name__").ptr()));
        if (!f) throw py::error_already_set();
        const auto method = py::reinterpret_steal<py::object>(PyInstanceMethod_New(f.ptr()));
        if (!method) throw py::error_already_set();
        m.attr((std::string("_calendar_") + def.ml_name).c_str()) = method;
    }
    m.attr("FIRST_YEAR") = calendar::first_year;
    m.attr("LAST_YEAR") = calendar::last_year;
}

}  // namespace drp::python
