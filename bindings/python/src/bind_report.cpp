// drp.replay and drp.report's engine room. Events come in as a JSONL path (read and
// applied entirely without the GIL), a list of dicts or JSON lines, or a data frame's
// columns (converted under the GIL in batches, applied without it). Results go out as
// column arrays the Python side wraps in a DataFrame, and the report as a dict.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <limits>
#include <variant>

#include "bindings.hpp"
#include "convert.hpp"
#include "common/input.hpp"
#include "common/log_files.hpp"
#include "drp/report.hpp"
#include "report/redact.hpp"
#include "engine/event_fields.hpp"
#include "py_events.hpp"

namespace py = pybind11;

namespace drp::python {
namespace {

using clock_type = std::chrono::steady_clock;
constexpr std::int64_t not_a_time = std::numeric_limits<std::int64_t>::min();  // numpy NaT
constexpr std::size_t batch_size = 4096;

// A batch of records to apply without the GIL: events read directly, or the JSON (or
// text) of those the JSON path must read, so that its errors stay its own.
using record_item = std::variant<nlohmann::json, std::string, event>;

// Adds the wall time of a scope to a counter: what the C++ side of a call cost.
class stopwatch {
public:
    explicit stopwatch(double& total) : total_(total), t0_(clock_type::now()) {}
    ~stopwatch() { total_ += std::chrono::duration<double>(clock_type::now() - t0_).count(); }
    stopwatch(const stopwatch&) = delete;
    stopwatch& operator=(const stopwatch&) = delete;

private:
    double& total_;
    clock_type::time_point t0_;
};

std::optional<date> date_opt(const std::optional<std::string>& text) {
    if (!text) return std::nullopt;
    return parse_date(*text);
}

std::int64_t seconds_of(const std::optional<instant>& t) { return t ? t->time_since_epoch().count() : not_a_time; }

// A "t" column's cell (int64 ns since the epoch, UTC) as the event's text; none for NaT.
std::optional<std::string> time_cell(const void* data, py::ssize_t row) {
    const std::int64_t ns = static_cast<const std::int64_t*>(data)[row];
    if (ns == not_a_time) return std::nullopt;
    const auto s = std::chrono::floor<std::chrono::seconds>(std::chrono::nanoseconds{ns});
    return format_rfc3339(instant{s}, std::chrono::seconds{0});
}

// Column arrays for a data frame; `times` names the columns of epoch seconds.
class frame {
public:
    explicit frame(std::size_t rows) : n_(rows) {}

    template <class F>
    void text(const std::string& name, F value) {  // value(i) -> std::string ("" is missing)
        py::list col(n_);
        for (std::size_t i = 0; i < n_; ++i) {
            const std::string v = value(i);
            col[i] = v.empty() ? py::object(py::none()) : py::object(py::str(v));
        }
        columns_[py::str(name)] = col;
    }
    template <class F>
    void integer(const std::string& name, F value) {
        py::array_t<std::int64_t> col(static_cast<py::ssize_t>(n_));
        auto* out = col.mutable_data();
        for (std::size_t i = 0; i < n_; ++i) out[i] = static_cast<std::int64_t>(value(i));
        columns_[py::str(name)] = col;
    }
    template <class F>
    void real(const std::string& name, F value) {  // value(i) -> std::optional<int>
        py::array_t<double> col(static_cast<py::ssize_t>(n_));
        auto* out = col.mutable_data();
        for (std::size_t i = 0; i < n_; ++i) {
            const std::optional<int> v = value(i);
            out[i] = v ? static_cast<double>(*v) : std::nan("");
        }
        columns_[py::str(name)] = col;
    }
    template <class F>
    void flag(const std::string& name, F value) {
        py::array_t<bool> col(static_cast<py::ssize_t>(n_));
        auto* out = col.mutable_data();
        for (std::size_t i = 0; i < n_; ++i) out[i] = value(i);
        columns_[py::str(name)] = col;
    }
    template <class F>
    void maybe_flag(const std::string& name, F value) {  // value(i) -> std::optional<bool>
        py::list col(n_);
        for (std::size_t i = 0; i < n_; ++i) {
            const std::optional<bool> v = value(i);
            col[i] = v ? py::object(py::bool_(*v)) : py::object(py::none());
        }
        columns_[py::str(name)] = col;
    }
    template <class F>
    void time(const std::string& name, F value) {  // value(i) -> std::optional<instant>
        integer(name, [&](std::size_t i) { return seconds_of(value(i)); });
        times_.append(py::str(name));
    }

    py::tuple done() { return py::make_tuple(columns_, times_); }

private:
    std::size_t n_;
    py::dict columns_;
    py::list times_;
};

class py_replay {
public:
    py_replay(policy p, replay_result r, report_period period, double cpp_seconds)
        : p_(std::move(p)), r_(std::move(r)), period_(period), cpp_seconds_(cpp_seconds) {}

    py::tuple disputes() {
        stopwatch sw(cpp_seconds_);
        const auto& ds = r_.disputes;
        frame f(ds.size());
        f.text("dispute_id", [&](std::size_t i) { return ds[i].dispute_id; });
        f.text("child_ref", [&](std::size_t i) { return ds[i].child_ref; });
        f.text("team", [&](std::size_t i) { return ds[i].team; });
        f.text("category", [&](std::size_t i) { return ds[i].category; });
        f.text("urgency", [&](std::size_t i) { return std::string(to_string(ds[i].level)); });
        f.flag("cross_council", [&](std::size_t i) { return ds[i].cross_council; });
        f.text("status", [&](std::size_t i) { return std::string(to_string(ds[i].status)); });
        f.time("raised", [&](std::size_t i) { return std::optional<instant>(ds[i].raised); });
        f.time("closed", [&](std::size_t i) { return ds[i].closed; });
        f.text("first_stage", [&](std::size_t i) { return ds[i].visits.front().stage; });
        f.text("stage", [&](std::size_t i) { return ds[i].reached().stage; });
        f.integer("level", [&](std::size_t i) { return ds[i].reached().level; });
        f.integer("stages_visited", [&](std::size_t i) { return ds[i].visits.size(); });
        f.flag("started_above_first", [&](std::size_t i) { return ds[i].started_above_first; });
        f.integer("escalations", [&](std::size_t i) { return ds[i].escalations; });
        f.integer("bypasses", [&](std::size_t i) { return ds[i].bypasses; });
        f.integer("time_outs", [&](std::size_t i) { return ds[i].time_outs.size(); });
        f.integer("paused_working_days", [&](std::size_t i) { return ds[i].paused_working_days; });
        f.flag("paused", [&](std::size_t i) { return ds[i].paused; });
        f.integer("extensions", [&](std::size_t i) { return ds[i].extensions; });
        f.time("legal_advice_at", [&](std::size_t i) { return ds[i].legal_advice; });
        f.integer("referrals", [&](std::size_t i) { return ds[i].referrals.size(); });
        f.time("referred_at", [&](std::size_t i) {
            return ds[i].referrals.empty() ? std::nullopt : std::optional<instant>(ds[i].referrals.front().at);
        });
        f.flag("concurrent_referral", [&](std::size_t i) {
            for (const auto& r : ds[i].referrals) if (r.concurrent) return true;
            return false;
        });
        f.text("referral_status", [&](std::size_t i) { return ds[i].referrals.empty() ? std::string("none") : ds[i].referrals.back().status; });
        f.integer("other_routes", [&](std::size_t i) { return ds[i].other_routes.size(); });
        f.text("other_route", [&](std::size_t i) { return ds[i].other_routes.empty() ? std::string() : ds[i].other_routes.back().route; });
        f.flag("other_route_running", [&](std::size_t i) {  // escalation waits while it runs
            return !ds[i].other_routes.empty() && !ds[i].other_routes.back().ended_at;
        });
        f.integer("working_days_open", [&](std::size_t i) { return ds[i].working_days_open; });
        f.integer("responses_met", [&](std::size_t i) { return ds[i].responses_met; });
        f.integer("responses_missed", [&](std::size_t i) { return ds[i].responses_missed; });
        f.time("overall_due", [&](std::size_t i) { return ds[i].overall_due; });
        f.time("overall_ended", [&](std::size_t i) { return ds[i].overall_ended; });
        f.text("overall", [&](std::size_t i) { return std::string(to_string(ds[i].overall)); });
        f.integer("overdue", [&](std::size_t i) { return ds[i].overdue.size(); });
        f.text("overdue_obligations", [&](std::size_t i) {
            std::string s;
            for (const auto& o : ds[i].overdue) s += (s.empty() ? "" : ";") + o;
            return s;
        });
        f.time("overdue_since", [&](std::size_t i) { return ds[i].overdue_since; });
        f.text("outcome", [&](std::size_t i) { return ds[i].outcome; });
        f.text("impact", [&](std::size_t i) { return ds[i].impact; });
        f.integer("events", [&](std::size_t i) { return ds[i].events; });
        for (const auto& st : p_.stages()) {
            auto visit = [&](std::size_t i) -> const stage_visit* {
                for (const auto& v : ds[i].visits) if (v.stage == st.id) return &v;
                return nullptr;
            };
            f.time(st.id + "_entered", [&](std::size_t i) {
                const auto* v = visit(i);
                return v ? std::optional<instant>(v->entered) : std::nullopt;
            });
            f.real(st.id + "_working_days", [&](std::size_t i) {
                const auto* v = visit(i);
                return v ? std::optional<int>(v->working_days) : std::nullopt;
            });
            f.text(st.id + "_response", [&](std::size_t i) {
                const auto* v = visit(i);
                return v ? std::string(to_string(v->response)) : std::string();
            });
        }
        return f.done();
    }

    py::tuple visits() {
        stopwatch sw(cpp_seconds_);
        struct ref {
            const dispute_summary* d;
            const stage_visit* v;
            std::size_t order;
        };
        std::vector<ref> rows;
        for (const auto& d : r_.disputes)
            for (std::size_t k = 0; k < d.visits.size(); ++k) rows.push_back({&d, &d.visits[k], k + 1});
        frame f(rows.size());
        f.text("dispute_id", [&](std::size_t i) { return rows[i].d->dispute_id; });
        f.integer("visit", [&](std::size_t i) { return rows[i].order; });
        f.text("stage", [&](std::size_t i) { return rows[i].v->stage; });
        f.integer("level", [&](std::size_t i) { return rows[i].v->level; });
        f.text("kind", [&](std::size_t i) { return std::string(to_string(rows[i].v->kind)); });
        f.time("entered", [&](std::size_t i) { return std::optional<instant>(rows[i].v->entered); });
        f.time("left", [&](std::size_t i) { return rows[i].v->left; });
        f.text("entered_by", [&](std::size_t i) { return rows[i].v->entered_by; });
        f.text("reason", [&](std::size_t i) { return rows[i].v->reason; });
        f.integer("working_days", [&](std::size_t i) { return rows[i].v->working_days; });
        f.time("response_due", [&](std::size_t i) { return rows[i].v->response_due; });
        f.time("responded", [&](std::size_t i) { return rows[i].v->responded; });
        f.maybe_flag("adequate", [&](std::size_t i) { return rows[i].v->adequate; });
        f.real("working_days_to_response", [&](std::size_t i) { return rows[i].v->working_days_to_response; });
        f.integer("extensions", [&](std::size_t i) { return rows[i].v->extensions; });
        f.text("response", [&](std::size_t i) { return std::string(to_string(rows[i].v->response)); });
        return f.done();
    }

    py::list refused() const {
        py::list out;
        for (const auto& r : r_.refused) {
            py::dict d;
            d["record"] = r.record;
            d["dispute_id"] = r.dispute_id;
            d["code"] = std::string(to_string(r.code));
            d["message"] = r.message;
            out.append(d);
        }
        return out;
    }

    py::list summaries() {
        stopwatch sw(cpp_seconds_);
        py::list out;
        for (const auto& d : r_.disputes) out.append(to_python(summary_json(p_, d)));
        return out;
    }

    // key: the pseudonyms' key (none: a random key for this report only).
    py::object report(const std::optional<std::string>& themes_from, int recurring, bool identify_children,
                      const std::optional<pseudonym_key>& key) {
        stopwatch sw(cpp_seconds_);
        report_options o;
        o.themes_from = date_opt(themes_from);
        o.recurring_at_least = recurring;
        o.identify_children = identify_children;
        o.key = key;
        detail::require_events_or_period(r_.applied, r_.refused.size(), period_.from || period_.as_of,
                                         "quarter= or start=/end=");
        nlohmann::json j;
        {
            py::gil_scoped_release unlocked;
            j = period_report(p_, r_, period_, o);
        }
        return to_python(j);
    }

    std::size_t applied() const { return r_.applied; }
    std::size_t after_as_of() const { return r_.after_as_of; }
    std::string as_of() const { return p_.zone().format(r_.as_of); }
    py::dict timings() const {
        py::dict d;
        d["parse"] = r_.parse_seconds;
        d["apply"] = r_.apply_seconds;
        d["summarize"] = r_.summarize_seconds;
        d["cpp_total"] = cpp_seconds_;
        return d;
    }

private:
    policy p_;
    replay_result r_;
    report_period period_;
    double cpp_seconds_;
};

class py_replayer {
public:
    // quarter: as drp report --quarter (then not from/to); trend_periods: the report's trend.
    py_replayer(const policy& p, const std::optional<std::string>& as_of, bool skip_refused, const std::optional<std::string>& from,
                const std::optional<std::string>& to, const std::optional<std::string>& quarter, int trend_periods)
        : p_(p), period_(period_of(p, as_of, from, to, quarter, trend_periods)), r_(p, options(p, period_, skip_refused)) {}

    void add_jsonl(const std::string& path, std::size_t max_line_bytes) {
        stopwatch sw(cpp_seconds_);
        py::gil_scoped_release unlocked;
        const auto sources = detail::open_logs({path});  // a folder: its *.jsonl files by name
        std::string line;
        for (const auto& source : sources) {
            r_.name_records(source->name() + " line");
            detail::line_reader lines(*source, max_line_bytes);
            while (lines.next(line)) r_.add_json(std::string_view(line), lines.number());
        }
    }

    void add_records(const py::iterable& items) {
        stopwatch sw(cpp_seconds_);
        r_.name_records("record");
        std::vector<record_item> batch;
        batch.reserve(batch_size);
        for (const auto item : items) {
            if (PyUnicode_Check(item.ptr())) {
                batch.emplace_back(item.cast<std::string>());
            } else if (PyDict_Check(item.ptr())) {
                if (auto e = event_from_dict(item.ptr())) batch.emplace_back(std::move(*e));
                else batch.emplace_back(to_json(item, true));
            } else throw error(errc::invalid_argument, "record " + std::to_string(record_ + batch.size() + 1) +
                                                         ": an event is a dict or its JSON text, not a " +
                                                         py::str(item.get_type().attr("__name__")).cast<std::string>());
            if (batch.size() == batch_size) flush(batch);
        }
        flush(batch);
    }

    // A data frame's columns: kinds "t" (int64 ns since the epoch, UTC; NaT missing),
    // "b" bool, "i" int64, "f" float64 (NaN missing), "o" Python objects (None/NaN missing).
    void add_columns(const std::vector<std::string>& names, const py::list& arrays, const std::string& kinds) {
        stopwatch sw(cpp_seconds_);
        r_.name_records("row");
        if (names.size() != arrays.size() || names.size() != kinds.size()) throw error(errc::invalid_argument, "columns do not match their names");
        std::vector<py::array> cols;
        py::ssize_t n = -1;
        for (const auto a : arrays) {
            cols.push_back(py::array::ensure(a, py::array::c_style));
            if (!cols.back()) throw error(errc::invalid_argument, "a column is not an array");
            if (n >= 0 && cols.back().size() != n) throw error(errc::invalid_argument, "columns differ in length");
            n = cols.back().size();
        }
        std::vector<record_item> batch;
        batch.reserve(batch_size);
        // A row of texts and flags is read straight into its event (as event_from_dict
        // reads a dict); any other, or one refused, as JSON. Repeated names go the JSON
        // way too (the last column of a name is the field).
        std::vector<std::string> sorted(names);
        std::sort(sorted.begin(), sorted.end());
        const bool unique = std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end();
        std::vector<detail::event_field> fields;
        std::vector<std::string> times(cols.size());
        for (py::ssize_t row = 0; row < std::max<py::ssize_t>(n, 0); ++row) {
            if (unique) {
                if (auto e = row_event(names, cols, kinds, row, fields, times)) {
                    batch.emplace_back(std::move(*e));
                    if (batch.size() == batch_size) flush(batch);
                    continue;
                }
            }
            nlohmann::json e = nlohmann::json::object();
            for (std::size_t c = 0; c < cols.size(); ++c) {
                const void* data = cols[c].data();
                switch (kinds[c]) {
                    case 't':
                        if (auto text = time_cell(data, row)) e[names[c]] = std::move(*text);
                        break;
                    case 'b': e[names[c]] = static_cast<const bool*>(data)[row]; break;
                    case 'i': e[names[c]] = static_cast<const std::int64_t*>(data)[row]; break;
                    case 'f': {
                        const double v = static_cast<const double*>(data)[row];
                        if (!std::isnan(v)) e[names[c]] = v;
                        break;
                    }
                    default: {
                        auto v = to_json(py::handle(static_cast<PyObject* const*>(data)[row]));
                        if (!v.is_null()) e[names[c]] = std::move(v);
                    }
                }
            }
            batch.emplace_back(std::move(e));
            if (batch.size() == batch_size) flush(batch);
        }
        flush(batch);
    }

    py_replay finish() {
        replay_result r;
        {
            stopwatch sw(cpp_seconds_);  // stopped before its total is handed on
            py::gil_scoped_release unlocked;
            r = r_.finish();
        }
        return py_replay(p_, std::move(r), period_, cpp_seconds_);
    }

private:
    static report_period period_of(const policy& p, const std::optional<std::string>& as_of, const std::optional<std::string>& from,
                                   const std::optional<std::string>& to, const std::optional<std::string>& quarter, int trend_periods) {
        report_period period;
        period.from = date_opt(from);
        period.to = date_opt(to);
        if (quarter) {
            const auto q = parse_named_quarter(*quarter);
            period.from = q.from;
            period.to = q.to;
            period.kind = q.kind;
            period.label = q.label;
        }
        if (as_of) period.as_of = instant_arg(p, *as_of);
        period.trend_periods = trend_periods;
        return period;
    }

    static replay_options options(const policy& p, const report_period& period, bool skip_refused) {
        replay_options o;
        o.skip_refused = skip_refused;
        return replay_options_for(p, period, o);
    }

    // The event of a data frame's row when its cells are texts, flags, times and missing
    // values (the JSON path's fields exactly) and its checks pass; none otherwise.
    static std::optional<event> row_event(const std::vector<std::string>& names, const std::vector<py::array>& cols,
                                          const std::string& kinds, py::ssize_t row, std::vector<detail::event_field>& fields,
                                          std::vector<std::string>& times) {
        using kind = detail::event_field::kind;
        fields.clear();
        for (std::size_t c = 0; c < cols.size(); ++c) {
            const void* data = cols[c].data();
            switch (kinds[c]) {
                case 't':
                    if (auto text = time_cell(data, row)) {
                        times[c] = std::move(*text);
                        fields.push_back({names[c], kind::string, times[c], false});
                    }
                    break;
                case 'b': fields.push_back({names[c], kind::boolean, {}, static_cast<const bool*>(data)[row]}); break;
                case 'f':
                    if (std::isnan(static_cast<const double*>(data)[row])) break;
                    return std::nullopt;  // a number
                case 'o': {
                    PyObject* v = static_cast<PyObject* const*>(data)[row];
                    if (v == Py_None || (PyFloat_Check(v) && std::isnan(PyFloat_AS_DOUBLE(v)))) break;  // missing
                    if (PyBool_Check(v)) {
                        fields.push_back({names[c], kind::boolean, {}, v == Py_True});
                    } else if (PyUnicode_Check(v)) {
                        Py_ssize_t size = 0;
                        const char* text = PyUnicode_AsUTF8AndSize(v, &size);
                        if (!text) {
                            PyErr_Clear();  // the JSON path raises it
                            return std::nullopt;
                        }
                        fields.push_back({names[c], kind::string, std::string_view(text, static_cast<std::size_t>(size)), false});
                    } else {
                        return std::nullopt;  // numbers, dates, NaT, lists, ...: to_json decides
                    }
                    break;
                }
                default: return std::nullopt;  // 'i': a number
            }
        }
        try {
            return detail::event_from_fields(fields);
        } catch (const error&) {
            return std::nullopt;
        }
    }

    void flush(std::vector<record_item>& batch) {
        {
            py::gil_scoped_release unlocked;
            for (auto& item : batch) {
                ++record_;
                if (auto* text = std::get_if<std::string>(&item)) r_.add_json(std::string_view(*text), record_);
                else if (auto* e = std::get_if<event>(&item)) r_.add(*e, record_);
                else r_.add_json(std::get<nlohmann::json>(item), record_);
            }
        }
        batch.clear();
    }

    policy p_;
    report_period period_;
    replayer r_;
    std::size_t record_ = 0;
    double cpp_seconds_ = 0;
};

}  // namespace

void bind_report(py::module_& m) {
    using namespace pybind11::literals;
    py::class_<py_replayer>(m, "_Replayer")
        .def(py::init<const policy&, const std::optional<std::string>&, bool, const std::optional<std::string>&,
                      const std::optional<std::string>&, const std::optional<std::string>&, int>(),
             "policy"_a, "as_of"_a = py::none(), "skip_refused"_a = false, "period_from"_a = py::none(), "period_to"_a = py::none(),
             "quarter"_a = py::none(), "trend_periods"_a = 0)
        .def("add_jsonl", &py_replayer::add_jsonl, "path"_a, "max_line_bytes"_a = default_max_line_bytes)
        .def("add_records", &py_replayer::add_records, "records"_a)
        .def("add_columns", &py_replayer::add_columns, "names"_a, "arrays"_a, "kinds"_a)
        .def("finish", &py_replayer::finish);
    py::class_<py_replay>(m, "_Replay")
        .def("disputes", &py_replay::disputes)
        .def("visits", &py_replay::visits)
        .def("refused", &py_replay::refused)
        .def("summaries", &py_replay::summaries)
        .def("report", &py_replay::report, "themes_from"_a = py::none(), "recurring_at_least"_a = 2, "identify_children"_a = false,
             "key"_a = py::none())
        .def_property_readonly("applied", &py_replay::applied)
        .def_property_readonly("after_as_of", &py_replay::after_as_of)
        .def_property_readonly("as_of", &py_replay::as_of)
        .def_property_readonly("timings", &py_replay::timings);
    // Made before the replay, so a bad key fails fast; its repr never shows the key.
    py::class_<pseudonym_key>(m, "_PseudonymKey")
        .def_static("from_bytes", [](const py::bytes& raw) {
            const std::string_view b = raw;
            return pseudonym_key(std::vector<std::uint8_t>(b.begin(), b.end()));
        }, "key"_a)
        .def_static("from_hex", [](const std::string& text) { return pseudonym_key::from_hex(text); }, "text"_a)
        .def_static("from_file", [](const std::string& path) {
            py::gil_scoped_release unlocked;
            return read_pseudonym_key(path);
        }, "path"_a)
        .def("pseudonym", &pseudonym_key::pseudonym, "child_ref"_a)
        .def("__repr__", [](const pseudonym_key& k) { return "<drp pseudonym key, " + std::to_string(k.bytes().size()) + " bytes>"; });
    m.def("report_csv", [](py::handle report) { return report_csv(to_json(report)); }, "report"_a);
    m.def("report_html", [](py::handle report) { return report_html(to_json(report)); }, "report"_a);
    m.def("redact_report", [](py::handle report) {
        auto j = to_json(report);
        redact_report(j);
        return to_python(j);
    }, "report"_a, "The report without the impact texts (free text about the child); the counts stay.");
    m.def("report_table", [](py::handle report, const std::string& section) { return report_table(to_json(report), section); },
          "report"_a, "section"_a);
    m.def("report_table_file", [](py::handle report, const std::string& section) { return report_table_file(to_json(report), section); },
          "report"_a, "section"_a);
    m.def("report_table_sections", [] { return report_table_sections(); });
    m.def("comparison_report", [](const py::list& reports) {
        std::vector<nlohmann::json> rs;
        for (const auto& r : reports) rs.push_back(to_json(r));
        return to_python(comparison_report(rs));
    }, "reports"_a);
    m.def("comparison_csv", [](py::handle c, const std::string& table) { return comparison_csv(to_json(c), table); }, "comparison"_a,
          "table"_a = "authorities");
    m.def("comparison_html", [](py::handle c) { return comparison_html(to_json(c)); }, "comparison"_a);
    m.def("parse_quarter", [](const std::string& text) {
        const auto q = parse_named_quarter(text);
        return py::make_tuple(format_date(q.from), format_date(q.to), q.label);
    }, "text"_a);
}

}  // namespace drp::python
