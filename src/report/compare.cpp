// A regional comparison: several authorities' period reports, each made under its own
// policy for the same period, side by side. Every figure is read from the reports (one
// implementation of each count), and the rates are made here from those counts.
#include <cmath>

#include <nlohmann/json.hpp>

#include "drp/report.hpp"
#include "report/csv_text.hpp"

namespace drp {
namespace {

using nlohmann::json;
using report_detail::csv_field;
using report_detail::scalar_text;

json rate(long long part, long long whole) {
    if (whole == 0) return nullptr;
    return std::round(1000.0 * static_cast<double>(part) / static_cast<double>(whole)) / 10.0;
}

long long count(const json& j) { return j.get<long long>(); }

json authority_row(const json& r) {
    const auto& totals = r.at("totals");
    const auto& process = r.at("process");
    const auto& cap = r.at("timeliness").at("overall_cap");
    json stages = json::array();
    for (const auto& st : r.at("timeliness").at("stages"))
        stages.push_back({{"stage", st.at("stage")},
                          {"title", st.at("title")},
                          {"completed", st.at("completed")},
                          {"met_percent", st.at("met_percent")},
                          {"median_working_days", st.at("working_days_in_stage").at("median")}});
    const long long active = count(totals.at("active"));
    return {{"policy", r.at("policy").at("id")},
            {"authority", r.at("policy").at("authority")},
            {"active", totals.at("active")},
            {"raised", totals.at("raised")},
            {"resolved", totals.at("resolved")},
            {"open_at_end", totals.at("open_at_end")},
            {"responses_on_time_percent", r.at("timeliness").at("all_stages").at("met_percent")},
            {"overall_cap_met_percent", cap.at("applies").get<bool>() ? cap.at("met_percent") : json()},
            {"escalations", process.at("escalations")},
            {"bypasses", process.at("bypasses")},
            {"bypass_percent", rate(count(process.at("bypasses")), count(process.at("escalations")))},
            {"disputes_with_time_out", process.at("disputes_with_time_out")},
            {"time_out_percent", rate(count(process.at("disputes_with_time_out")), active)},
            {"cafcass_referrals", process.at("cafcass").at("referrals")},
            {"cafcass_percent", rate(count(process.at("cafcass").at("referrals")), active)},
            {"stages", stages}};
}

std::string cell(const json& v) { return csv_field(scalar_text(v)); }

}  // namespace

json comparison_report(const std::vector<json>& reports) {
    if (reports.empty()) throw error(errc::invalid_argument, "a comparison needs at least one authority's report");
    const auto& period = reports.front().at("period");
    json rows = json::array();
    for (const auto& r : reports) {
        const auto& p = r.at("period");
        if (p.at("from") != period.at("from") || p.at("to") != period.at("to"))
            throw error(errc::invalid_argument, "the report for policy " + scalar_text(r.at("policy").at("id")) + " covers " +
                                                    scalar_text(p.at("from")) + " to " + scalar_text(p.at("to")) + ", not " +
                                                    scalar_text(period.at("from")) + " to " + scalar_text(period.at("to")) +
                                                    ": compare one period");
        rows.push_back(authority_row(r));
    }
    return {{"report", "drp-comparison"},
            {"period", {{"from", period.at("from")}, {"to", period.at("to")}, {"label", period.at("label")}}},
            {"authorities", rows}};
}

std::string comparison_csv(const json& comparison, std::string_view table) {
    const std::string period = scalar_text(comparison.at("period").at("label"));
    static const char* figures[] = {"active", "raised", "resolved", "open_at_end", "responses_on_time_percent",
                                    "overall_cap_met_percent", "escalations", "bypasses", "bypass_percent",
                                    "disputes_with_time_out", "time_out_percent", "cafcass_referrals", "cafcass_percent"};
    std::string out;
    if (table == "authorities") {
        out = "authority,period,policy";
        for (const char* f : figures) out += std::string(",") + f;
        out += "\n";
        for (const auto& a : comparison.at("authorities")) {
            out += cell(a.at("authority")) + "," + csv_field(period) + "," + cell(a.at("policy"));
            for (const char* f : figures) out += "," + cell(a.at(f));
            out += "\n";
        }
    } else if (table == "stages") {
        out = "authority,period,policy,stage,title,completed,met_percent,median_working_days\n";
        for (const auto& a : comparison.at("authorities"))
            for (const auto& st : a.at("stages"))
                out += cell(a.at("authority")) + "," + csv_field(period) + "," + cell(a.at("policy")) + "," + cell(st.at("stage")) + "," +
                       cell(st.at("title")) + "," + cell(st.at("completed")) + "," + cell(st.at("met_percent")) + "," +
                       cell(st.at("median_working_days")) + "\n";
    } else {
        throw error(errc::invalid_argument, "no comparison table \"" + std::string(table.substr(0, 32)) + "\"; choose authorities or stages");
    }
    return out;
}

}  // namespace drp
