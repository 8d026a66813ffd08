// drp.Calendar's engine room: scalar calls take day numbers (days since 1970-01-01, which
// is also numpy datetime64[D]'s integer view) and array calls loop in C++ without the GIL.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.hpp"
#include "drp/calendar.hpp"
#include "drp/error.hpp"

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
    m.attr("FIRST_YEAR") = calendar::first_year;
    m.attr("LAST_YEAR") = calendar::last_year;
}

}  // namespace drp::python
