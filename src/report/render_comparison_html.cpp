// The regional comparison as one self-contained HTML page: the authorities side by side,
// a column each, then each authority's stages. No scripts, fonts or links to fetch.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "drp/report.hpp"
#include "report/html_text.hpp"

namespace drp {
namespace {

using nlohmann::json;
using report_detail::esc;

std::string shown(const json& v, bool percent) {
    if (v.is_null()) return "–";
    if (v.is_string()) return esc(v.get<std::string>());
    if (v.is_number_float()) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f", v.get<double>());
        return std::string(buf) + (percent ? "%" : "");
    }
    return v.dump() + (percent ? "%" : "");
}

constexpr const char* style = R"(
body{margin:0;background:#f7f8fa;color:#1f2933;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:1100px;margin:0 auto;padding:24px}
section{background:#fff;border:1px solid #d9dee3;border-radius:8px;padding:16px 20px;margin:18px 0}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #d9dee3;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f7f8fa}
p.note{color:#5f6b76;font-size:13px}
)";

}  // namespace

std::string comparison_html(const json& c) {
    const auto& period = c.at("period");
    const auto& authorities = c.at("authorities");
    const std::string label = period.at("label").get<std::string>();
    std::string h = "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>Dispute resolution: " + esc(label) +
                    " — regional comparison</title><style>" + style + "</style></head><body><main>\n";
    h += "<header><h1>Dispute resolution: " + esc(label) + ", authorities compared</h1><p>" +
         esc(report_detail::written_date(period.at("from").get<std::string>())) + " to " +
         esc(report_detail::written_date(period.at("to").get<std::string>())) + "; each authority under its own policy.</p></header>\n";
    struct row {
        const char* heading;
        const char* key;
        bool percent;
    };
    static const row rows[] = {{"disputes active", "active", false},
                               {"raised", "raised", false},
                               {"resolved", "resolved", false},
                               {"open at the end", "open_at_end", false},
                               {"responses on time", "responses_on_time_percent", true},
                               {"overall cap met", "overall_cap_met_percent", true},
                               {"escalations that were bypasses", "bypass_percent", true},
                               {"disputes with a time out", "time_out_percent", true},
                               {"disputes referred to Cafcass", "cafcass_percent", true}};
    h += "<section id=\"side-by-side\"><h2>Side by side</h2><table><thead><tr><th></th>";
    for (const auto& a : authorities) h += "<th>" + esc(a.at("authority").get<std::string>()) + "</th>";
    h += "</tr></thead><tbody>";
    for (const auto& r : rows) {
        h += "<tr><th>" + std::string(r.heading) + "</th>";
        for (const auto& a : authorities) h += "<td>" + shown(a.at(r.key), r.percent) + "</td>";
        h += "</tr>";
    }
    h += "</tbody></table><p class=\"note\">Responses on time: met / (met + missed) over the stage visits that ended in the "
         "period. Bypasses per escalation; time outs and Cafcass referrals per dispute active in the period. "
         "A dash: nothing to count. Every figure is defined in the drp analyst guide.</p></section>\n";
    for (const auto& a : authorities) {
        h += "<section class=\"stages\"><h2>" + esc(a.at("authority").get<std::string>()) +
             ": working days per stage</h2><table><thead><tr><th>stage</th><th>completed</th><th>on time</th>"
             "<th>median working days</th></tr></thead><tbody>";
        for (const auto& st : a.at("stages"))
            h += "<tr><td>" + esc(st.at("title").get<std::string>()) + "</td><td>" + shown(st.at("completed"), false) + "</td><td>" +
                 shown(st.at("met_percent"), true) + "</td><td>" + shown(st.at("median_working_days"), false) + "</td></tr>";
        h += "</tbody></table></section>\n";
    }
    return h + "</main></body></html>\n";
}

}  // namespace drp
