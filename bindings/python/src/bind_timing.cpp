// Private hooks for the tests and benchmarks/python_api.py: the actions of an event the
// JSON way (what drp.Dispute.apply gave before its dicts were built directly), and the
// time the C++ engine takes to apply events, for the Python call's ratio to it.
#include <pybind11/stl.h>

#include <algorithm>
#include <chrono>

#include "bindings.hpp"
#include "convert.hpp"
#include "drp/dispute.hpp"

namespace py = pybind11;

namespace drp::python {

void bind_timing(py::module_& m) {
    using namespace pybind11::literals;
    m.def("_apply_via_json", [](dispute& d, const py::dict& e) {
        return d.actions_json(d.apply(to_json(e, true))).dump();
    }, "dispute"_a, "event"_a);
    // Seconds per event of dispute::apply(const event&) over the disputes' events (JSON
    // texts, parsed first and not timed; the disputes made before the clock starts, as
    // benchmarks/python_api.py does for Python), best of `repeat` runs, and of apply_json(text).
    m.def("_time_apply", [](const policy& p, const std::vector<std::vector<std::string>>& disputes, int repeat) {
        std::vector<std::vector<event>> parsed;
        std::size_t n = 0;
        for (const auto& texts : disputes) {
            auto& events = parsed.emplace_back();
            for (const auto& t : texts) events.push_back(parse_event(std::string_view(t)));
            n += texts.size();
        }
        using clock = std::chrono::steady_clock;
        double best_event = 1e300, best_text = 1e300;
        {
            py::gil_scoped_release unlocked;
            for (int r = 0; r < repeat; ++r) {
                std::vector<dispute> ds(parsed.size(), dispute(p));  // made before the clock starts
                auto t0 = clock::now();
                for (std::size_t i = 0; i < parsed.size(); ++i)
                    for (const auto& e : parsed[i]) ds[i].apply(e);
                best_event = std::min(best_event, std::chrono::duration<double>(clock::now() - t0).count());
                ds.assign(parsed.size(), dispute(p));
                t0 = clock::now();
                for (std::size_t i = 0; i < disputes.size(); ++i)
                    for (const auto& t : disputes[i]) ds[i].apply_json(t);
                best_text = std::min(best_text, std::chrono::duration<double>(clock::now() - t0).count());
            }
        }
        const double per = n ? 1.0 / static_cast<double>(n) : 0.0;
        return py::dict("apply"_a = best_event * per, "apply_json"_a = best_text * per, "events"_a = n);
    }, "policy"_a, "disputes"_a, "repeat"_a = 5);
}

}  // namespace drp::python
