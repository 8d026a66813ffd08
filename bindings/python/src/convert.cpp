#include "convert.hpp"

#include <cmath>

#include "drp/error.hpp"

namespace py = pybind11;

namespace drp::python {
namespace {

struct datetime_types {
    py::object datetime, date;
};
const datetime_types& datetimes() {
    static const datetime_types* types = [] {
        const auto m = py::module_::import("datetime");
        return new datetime_types{m.attr("datetime"), m.attr("date")};  // lives as long as the interpreter
    }();
    return *types;
}

nlohmann::json convert(py::handle obj, int depth, bool drop) {
    if (depth > 64) throw error(errc::invalid_argument, "nested more than 64 levels deep");
    if (obj.is_none()) return nullptr;
    if (PyBool_Check(obj.ptr())) return obj.cast<bool>();
    if (PyLong_Check(obj.ptr())) {
        int overflow = 0;
        const long long v = PyLong_AsLongLongAndOverflow(obj.ptr(), &overflow);
        if (overflow) throw error(errc::out_of_range, "integer too large for JSON");
        return v;
    }
    if (PyFloat_Check(obj.ptr())) {
        const double v = PyFloat_AS_DOUBLE(obj.ptr());
        if (std::isnan(v)) return nullptr;  // pandas' missing value
        return v;
    }
    if (PyUnicode_Check(obj.ptr())) {
        Py_ssize_t size = 0;
        const char* data = PyUnicode_AsUTF8AndSize(obj.ptr(), &size);
        if (!data) throw py::error_already_set();
        return std::string(data, static_cast<std::size_t>(size));
    }
    if (PyDict_Check(obj.ptr())) {
        nlohmann::json out = nlohmann::json::object();
        for (auto [k, v] : py::reinterpret_borrow<py::dict>(obj)) {
            if (!PyUnicode_Check(k.ptr())) throw error(errc::invalid_argument, "dictionary keys must be strings");
            auto value = convert(v, depth + 1, drop);
            if (!drop || !value.is_null()) out[k.cast<std::string>()] = std::move(value);
        }
        return out;
    }
    if (PyList_Check(obj.ptr()) || PyTuple_Check(obj.ptr())) {
        nlohmann::json out = nlohmann::json::array();
        for (auto item : obj) out.push_back(convert(item, depth + 1, drop));
        return out;
    }
    const auto& dt = datetimes();
    if (py::isinstance(obj, dt.datetime)) {
        if (obj.attr("__class__").attr("__name__").cast<std::string>() == "NaTType") return nullptr;
        if (obj.attr("tzinfo").is_none() || obj.attr("utcoffset")().is_none())
            throw error(errc::invalid_date, "the datetime " + py::repr(obj).cast<std::string>() +
                                                " has no time zone; give an aware one, e.g. datetime(..., tzinfo=ZoneInfo(\"Europe/London\"))");
        return obj.attr("isoformat")().cast<std::string>();
    }
    if (py::isinstance(obj, dt.date)) return obj.attr("isoformat")().cast<std::string>();
    if (py::hasattr(obj, "item") && py::hasattr(obj, "dtype")) {  // numpy scalar
        const auto kind = obj.attr("dtype").attr("kind").cast<std::string>();
        if (kind == "M" || kind == "m") {
            if (py::module_::import("numpy").attr("isnat")(obj).cast<bool>()) return nullptr;
            throw error(errc::invalid_argument, "numpy datetime64 values carry no time zone; convert the column with "
                                                "pandas .dt.tz_localize(\"Europe/London\") first");
        }
        return convert(obj.attr("item")(), depth + 1, drop);
    }
    if (obj.attr("__class__").attr("__name__").cast<std::string>() == "NaTType") return nullptr;
    throw error(errc::invalid_argument, "cannot turn a " + py::str(obj.get_type().attr("__name__")).cast<std::string>() + " into JSON");
}

}  // namespace

nlohmann::json to_json(py::handle obj, bool drop_null_members) { return convert(obj, 0, drop_null_members); }

py::object to_python(const nlohmann::json& j) {
    switch (j.type()) {
        case nlohmann::json::value_t::null: return py::none();
        case nlohmann::json::value_t::boolean: return py::bool_(j.get<bool>());
        case nlohmann::json::value_t::number_integer: return py::int_(j.get<std::int64_t>());
        case nlohmann::json::value_t::number_unsigned: return py::int_(j.get<std::uint64_t>());
        case nlohmann::json::value_t::number_float: return py::float_(j.get<double>());
        case nlohmann::json::value_t::string: return py::str(j.get_ref<const std::string&>());
        case nlohmann::json::value_t::array: {
            py::list out(j.size());
            for (std::size_t i = 0; i < j.size(); ++i) out[i] = to_python(j[i]);
            return std::move(out);
        }
        case nlohmann::json::value_t::object: {
            py::dict out;
            for (const auto& [k, v] : j.items()) out[py::str(k)] = to_python(v);
            return std::move(out);
        }
        default: return py::none();
    }
}

instant instant_arg(const policy& p, const std::string& text) { return parse_as_of(text, p.zone()); }

}  // namespace drp::python
