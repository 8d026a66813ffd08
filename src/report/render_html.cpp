// The report as one self-contained HTML page: inline CSS, inline SVG bar charts, a table
// under every chart with the same numbers (for screen readers and for copying), and no
// scripts, fonts or links to fetch, so it opens the same offline, from an email, anywhere.
// Every figure comes from the JSON report; nothing is computed here but chart geometry.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>

#include <nlohmann/json.hpp>

#include "drp/report.hpp"
#include "report/html_text.hpp"

namespace drp {
namespace {

using nlohmann::json;

namespace colour {
constexpr const char* met = "#1b7f3b";
constexpr const char* missed = "#c0392b";
constexpr const char* early = "#95a5a6";
constexpr const char* progress = "#2e86c1";
constexpr const char* progress_late = "#e67e22";
constexpr const char* category = "#6c3483";
constexpr const char* team = "#117a65";
constexpr const char* trend = "#5499c7";       // earlier periods
constexpr const char* trend_now = "#a04000";   // the period reported on
}  // namespace colour

// How many impact records the page shows; the CSV and JSON have all of them.
constexpr std::size_t impacts_on_page = 10;

using report_detail::esc;

std::string text(const json& v) {
    if (v.is_null()) return "–";
    if (v.is_string()) return esc(v.get<std::string>());
    if (v.is_number_float()) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.1f", v.get<double>());
        return buf;
    }
    return esc(v.dump());
}

std::string pct(const json& v) { return v.is_null() ? "–" : text(v) + "%"; }

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

// A count as people write it: "3", not "3.0"; a fraction keeps one decimal.
std::string count_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, v == static_cast<double>(static_cast<long long>(v)) ? "%.0f" : "%.1f", v);
    return buf;
}

// A date or instant of the report, written out (report_detail::written_date).
std::string long_date(const json& v) {
    if (!v.is_string()) return text(v);
    return esc(report_detail::written_date(v.get<std::string>()));
}

struct series {
    std::string name;
    const char* fill;
    std::vector<double> values;
};

// Horizontal stacked bars, one per label, with a legend and each value in a tooltip.
std::string bar_chart(const std::string& id, const std::string& caption, const std::vector<std::string>& labels,
                      const std::vector<series>& ss) {
    constexpr double width = 760, label_w = 230, bar_w = 440, row_h = 26, legend_h = 30;
    double most = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        double total = 0;
        for (const auto& s : ss) total += s.values[i];
        most = std::max(most, total);
    }
    const double height = legend_h + row_h * static_cast<double>(std::max<std::size_t>(labels.size(), 1)) + 8;
    std::string out = "<figure class=\"chart\" id=\"" + id + "\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                      num(width) + " " + num(height) + "\" width=\"" + num(width) + "\" height=\"" + num(height) +
                      "\" role=\"img\" aria-label=\"" + esc(caption) + "\">";
    double x = label_w;
    for (const auto& s : ss) {
        out += "<rect x=\"" + num(x) + "\" y=\"6\" width=\"14\" height=\"14\" fill=\"" + s.fill + "\"/>";
        out += "<text x=\"" + num(x + 19) + "\" y=\"18\" class=\"legend\">" + esc(s.name) + "</text>";
        x += 30 + 7.2 * static_cast<double>(s.name.size());
    }
    if (labels.empty() || most == 0)
        out += "<text x=\"" + num(label_w) + "\" y=\"" + num(legend_h + 17) + "\" class=\"empty\">nothing in this period</text>";
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const double y = legend_h + row_h * static_cast<double>(i);
        out += "<text x=\"" + num(label_w - 8) + "\" y=\"" + num(y + 17) + "\" class=\"label\" text-anchor=\"end\">" + esc(labels[i]) + "</text>";
        double at = label_w, total = 0;
        for (const auto& s : ss) {
            const double v = s.values[i];
            total += v;
            if (v <= 0 || most == 0) continue;
            const double w = bar_w * v / most;
            out += "<rect x=\"" + num(at) + "\" y=\"" + num(y + 4) + "\" width=\"" + num(w) + "\" height=\"" + num(row_h - 8) +
                   "\" fill=\"" + s.fill + "\"><title>" + esc(labels[i]) + ": " + esc(s.name) + " " + count_text(v) + "</title></rect>";
            at += w;
        }
        out += "<text x=\"" + num(at + 6) + "\" y=\"" + num(y + 17) + "\" class=\"value\">" + text(json(static_cast<long long>(total))) + "</text>";
    }
    return out + "</svg><figcaption>" + esc(caption) + "</figcaption></figure>\n";
}

// A trend period's label in two lines: "Q4" / "2024/25", "2025" / "Q3"; a period of
// dates by its first day: "1 Apr" / "2025".
std::pair<std::string, std::string> label_lines(const json& period) {
    const std::string label = period.at("label").get<std::string>();
    if (label.find(" to ") != std::string::npos) {
        const std::string from = long_date(period.at("from"));  // "1 April 2025"
        const auto last = from.rfind(' ');
        const auto first = from.find(' ');
        return {from.substr(0, first) + " " + from.substr(first + 1, 3), from.substr(last + 1)};
    }
    const auto space = label.find(' ');
    if (space == std::string::npos) return {label, ""};
    return {label.substr(0, space), label.substr(space + 1)};
}

// One figure over the trend's periods: a column per period, the last (the period reported
// on) in its own colour; a period with no data says so under its column.
std::string column_chart(const std::string& id, const std::string& caption, const json& periods, const char* key, bool percent) {
    constexpr double width = 440, height = 200, top = 38, bottom = 44, left = 8;
    const double plot_h = height - top - bottom;
    const std::size_t n = std::max<std::size_t>(periods.size(), 1);
    const double slot = (width - 2 * left) / static_cast<double>(n), bar = std::min(46.0, slot * 0.7);
    double most = percent ? 100 : 0;
    for (const auto& p : periods)
        if (p.at(key).is_number()) most = std::max(most, p.at(key).get<double>());
    std::string out = "<figure class=\"chart trend\" id=\"" + id + "\"><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                      num(width) + " " + num(height) + "\" width=\"" + num(width) + "\" height=\"" + num(height) +
                      "\" role=\"img\" aria-label=\"" + esc(caption) + "\">";
    out += "<text x=\"" + num(left) + "\" y=\"15\" class=\"legend\">" + esc(caption) + "</text>";
    for (std::size_t i = 0; i < periods.size(); ++i) {
        const auto& p = periods[i];
        const double cx = left + slot * (static_cast<double>(i) + 0.5);
        const std::string label = p.at("label").get<std::string>();
        const bool now = i + 1 == periods.size();
        const bool no_data = p.at("active").get<long long>() == 0;
        const json& v = p.at(key);
        if (v.is_number() && most > 0 && v.get<double>() > 0) {
            const double h = plot_h * v.get<double>() / most;
            out += "<rect x=\"" + num(cx - bar / 2) + "\" y=\"" + num(top + plot_h - h) + "\" width=\"" + num(bar) + "\" height=\"" +
                   num(h) + "\" fill=\"" + (now ? colour::trend_now : colour::trend) + "\"><title>" + esc(label) + ": " +
                   count_text(v.get<double>()) + (percent ? "%" : "") + "</title></rect>";
        }
        const std::string shown = no_data ? "no data" : v.is_number() ? count_text(v.get<double>()) + (percent ? "%" : "") : "–";
        out += "<text x=\"" + num(cx) + "\" y=\"" + num(top + plot_h - 4 - (v.is_number() && most > 0 ? plot_h * v.get<double>() / most : 0)) +
               "\" class=\"value\" text-anchor=\"middle\">" + esc(shown) + "</text>";
        // Two short lines under the column, so that nine periods fit side by side.
        const auto [line1, line2] = label_lines(p);
        for (const auto& [line, dy] : {std::pair{line1, 15.0}, std::pair{line2, 29.0}})
            out += "<text x=\"" + num(cx) + "\" y=\"" + num(height - bottom + dy) + "\" class=\"period" + (now ? " now" : "") +
                   "\" text-anchor=\"middle\">" + esc(line) + "</text>";
    }
    out += "<line x1=\"" + num(left) + "\" x2=\"" + num(width - left) + "\" y1=\"" + num(top + plot_h) + "\" y2=\"" + num(top + plot_h) +
           "\" stroke=\"#d9dee3\"/>";
    return out + "</svg></figure>\n";
}

// A table from rows of the report: columns are (heading, member, formatter).
struct column {
    std::string heading;
    std::function<std::string(const json&)> cell;
};
std::string table(const json& rows, const std::vector<column>& cols, const std::string& cls = "") {
    std::string out = "<table" + (cls.empty() ? std::string() : " class=\"" + cls + "\"") + "><thead><tr>";
    for (const auto& c : cols) out += "<th>" + esc(c.heading) + "</th>";
    out += "</tr></thead><tbody>";
    for (const auto& r : rows) {
        out += "<tr>";
        for (const auto& c : cols) out += "<td>" + c.cell(r) + "</td>";
        out += "</tr>";
    }
    if (rows.empty()) out += "<tr><td colspan=\"" + std::to_string(cols.size()) + "\" class=\"none\">none</td></tr>";
    return out + "</tbody></table>\n";
}

column field(std::string heading, std::string key) {
    return {std::move(heading), [key](const json& r) { return text(r.contains(key) ? r[key] : json()); }};
}

std::vector<double> values(const json& rows, const char* key) {
    std::vector<double> out;
    for (const auto& r : rows) out.push_back(r[key].get<double>());
    return out;
}

std::vector<std::string> labels(const json& rows, const char* key) {
    std::vector<std::string> out;
    for (const auto& r : rows) out.push_back(r[key].is_string() ? r[key].get<std::string>() : r[key].dump());
    return out;
}

std::string tile(const std::string& label, const std::string& value, const std::string& note = "") {
    return "<div class=\"tile\"><div class=\"v\">" + value + "</div><div class=\"l\">" + esc(label) + "</div>" +
           (note.empty() ? "" : "<div class=\"n\">" + esc(note) + "</div>") + "</div>";
}

constexpr const char* style = R"(
:root{--ink:#1f2933;--muted:#5f6b76;--rule:#d9dee3;--bg:#f7f8fa}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:1000px;margin:0 auto;padding:24px}
header h1{margin:0 0 4px;font-size:26px}
header p{margin:0;color:var(--muted)}
section{background:#fff;border:1px solid var(--rule);border-radius:8px;padding:16px 20px;margin:18px 0}
h2{font-size:19px;margin:0 0 10px}
p.note{color:var(--muted);font-size:13px;margin:6px 0}
.tiles{display:flex;flex-wrap:wrap;gap:10px}
.tile{flex:1 1 130px;border:1px solid var(--rule);border-radius:6px;padding:10px;background:#fff}
.tile .v{font-size:24px;font-weight:600}
.tile .l{color:var(--muted);font-size:13px}
.tile .n{color:var(--muted);font-size:12px}
figure.chart{margin:8px 0 12px}
figure.chart svg{max-width:100%;height:auto}
figcaption{color:var(--muted);font-size:13px}
svg text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;fill:var(--ink)}
svg text.empty{fill:var(--muted);font-style:italic}
svg text.now{font-weight:600}
svg text.period{font-size:11px}
.trends{display:flex;flex-wrap:wrap;gap:0 16px}
.trends figure.chart{margin:4px 0}
p.nodata{border-left:4px solid #a04000;background:#fdf2e9;padding:8px 12px;font-weight:600}
table{border-collapse:collapse;width:100%;font-size:13px;margin:6px 0}
th,td{border-bottom:1px solid var(--rule);padding:4px 6px;text-align:left;vertical-align:top}
th{background:var(--bg)}
td.none{color:var(--muted);font-style:italic}
blockquote{margin:8px 0;padding:6px 12px;border-left:4px solid var(--rule);background:var(--bg)}
blockquote .meta{color:var(--muted);font-size:12px}
footer{color:var(--muted);font-size:12px;margin-top:20px}
@media print{body{background:#fff}section{break-inside:avoid}}
)";

}  // namespace

std::string report_html(const json& r) {
    const auto& period = r.at("period");
    const auto& policy = r.at("policy");
    const auto& totals = r.at("totals");
    const auto& tl = r.at("timeliness");
    const auto& process = r.at("process");
    const auto& themes = r.at("themes");
    const auto& impact = r.at("impact");
    const std::string label = period.at("label").get<std::string>();
    // Ids in the policy's words (the report's "labels"); an id without a label shows as is.
    const json no_labels = json::object();
    const json& words = r.contains("labels") ? r.at("labels") : no_labels;
    const auto say = [&](const char* kind, const json& id) -> std::string {
        if (!id.is_string()) return text(id);
        const auto k = words.find(kind);
        if (k != words.end()) {
            const auto w = k->find(id.get<std::string>());
            if (w != k->end() && w->is_string()) return esc(w->get<std::string>());
        }
        return text(id);
    };
    std::map<std::string, std::string> category_titles;
    for (const auto& c : r.at("by_category")) category_titles[c.at("category").get<std::string>()] = c.at("title").get<std::string>();
    const auto category_words = [&](const std::string& id) {
        const auto t = category_titles.find(id);
        return t == category_titles.end() ? say("categories", json(id)) : esc(t->second);
    };
    const column category_title{"category", [&](const json& row) { return category_words(row.at("category").get<std::string>()); }};
    const column stage_title{"stage", [&](const json& row) { return say("stages", row.at("stage")); }};
    const column urgency_title{"urgency", [&](const json& row) { return say("urgencies", row.at("urgency")); }};
    const auto titles = [&](const json& rows, const char* key, const char* kind) {
        std::vector<std::string> out;
        for (const auto& row : rows) {
            const json& id = row.at(key);
            const auto w = words.find(kind);
            out.push_back(id.is_string() && w != words.end() && w->contains(id.get<std::string>())
                              ? w->at(id.get<std::string>()).get<std::string>()
                              : id.is_string() ? id.get<std::string>() : id.dump());
        }
        return out;
    };

    // The trend: this period last, the one before it next to last.
    const json no_periods = json::array();
    const json& periods = r.contains("trend") ? r.at("trend").at("periods") : no_periods;
    const json* previous = periods.size() > 1 ? &periods[periods.size() - 2] : nullptr;
    // "3 more than 2025 Q2", "the same as ...": the change on the previous period.
    const auto change = [&](const char* key, bool percent = false) -> std::string {
        if (!previous || previous->at("active").get<long long>() == 0) return "";
        const json& was = previous->at(key);
        const json& now = periods.back().at(key);
        if (!was.is_number() || !now.is_number()) return "";
        const double d = now.get<double>() - was.get<double>();
        const std::string unit = percent ? " points" : "";
        const std::string than = previous->at("label").get<std::string>();
        if (d == 0) return "the same as " + than;
        return count_text(d > 0 ? d : -d) + unit + (d > 0 ? " more than " : " fewer than ") + than;
    };
    const auto with_change = [&](std::string note, const char* key, bool percent = false) {
        const auto c = change(key, percent);
        if (c.empty()) return note;
        return note.empty() ? c : note + "; " + c;
    };

    std::string h = "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    "<meta name=\"generator\" content=\"" + text(r.at("generated_by")) + "\">"
                    "<title>Dispute resolution report " + esc(label) + " — " + text(policy.at("authority")) + "</title><style>" +
                    style + "</style></head><body><main>\n";
    h += "<header><h1>Dispute resolution: " + esc(label) + "</h1><p>" + text(policy.at("authority")) + " · " +
         text(policy.at("title")) + " (policy " + text(policy.at("id")) + " " + text(policy.at("version")) + ") · " +
         long_date(period.at("from")) + " to " + long_date(period.at("to")) + " · figures as of " + long_date(period.at("as_of")) +
         "</p></header>\n";
    if (totals.at("active").get<long long>() == 0)
        h += "<p class=\"nodata\" id=\"no-data\">No data for this period: no dispute was open at any time from " +
             long_date(period.at("from")) + " to " + long_date(period.at("to")) +
             " in the records given, so there is nothing to report. Check that the event logs cover this period.</p>\n";

    // ---- headline tiles
    h += "<section id=\"summary\"><h2>At a glance</h2><div class=\"tiles\">";
    h += tile("disputes active", text(totals.at("active")), text(totals.at("open_at_start")) + " open at the start");
    h += tile("raised", text(totals.at("raised")), with_change("", "raised"));
    h += tile("resolved", text(totals.at("resolved")),
              with_change(text(r.at("outcomes").at("resolved_at_first_stage")) + " at the first stage", "resolved"));
    h += tile("withdrawn", text(totals.at("withdrawn")));
    h += tile("open at period end", text(totals.at("open_at_end")),
              with_change(text(totals.at("overdue_at_end")) + " with something overdue", "open_at_end"));
    h += tile("responses on time", pct(tl.at("all_stages").at("met_percent")),
              with_change(text(tl.at("all_stages").at("met")) + " met, " + text(tl.at("all_stages").at("missed")) + " missed",
                          "responses_met_percent", true));
    h += tile("Cafcass referrals", text(process.at("cafcass").at("referrals")), with_change("", "cafcass_referrals"));
    h += tile("impact recorded", pct(impact.at("percent")), text(impact.at("with_impact")) + " of " + text(impact.at("resolved")) + " resolved");
    h += "</div></section>\n";

    // ---- trend
    if (!periods.empty()) {
        h += "<section id=\"trend\"><h2>How this period compares</h2><p>" +
             (periods.size() > 1 ? "This period beside the " + std::to_string(periods.size() - 1) +
                                       (periods.size() == 2 ? " period" : " periods") + " before it that the records cover; each "
                                       "counted as the disputes stood at the end of that period."
                                 : std::string("The records cover no earlier period to compare with.")) +
             "</p><div class=\"trends\">";
        h += column_chart("trend-raised", "Disputes raised", periods, "raised", false);
        h += column_chart("trend-resolved", "Disputes resolved", periods, "resolved", false);
        h += column_chart("trend-on-time", "Responses on time (%)", periods, "responses_met_percent", true);
        h += column_chart("trend-open", "Open at the end of the period", periods, "open_at_end", false);
        h += column_chart("trend-overdue", "Open with something overdue at the end", periods, "overdue_at_end", false);
        h += column_chart("trend-cafcass", "Cafcass referrals", periods, "cafcass_referrals", false);
        h += "</div>";
        h += table(periods, {{"period", [](const json& row) { return text(row.at("label")); }},
                             {"raised", [](const json& row) {
                                  return row.at("active").get<long long>() == 0 ? std::string("no data") : text(row.at("raised"));
                              }},
                             field("resolved", "resolved"),
                             {"responses on time", [](const json& row) {
                                  return pct(row.at("responses_met_percent")) + " (" + text(row.at("responses_met")) + " of " +
                                         text(json(row.at("responses_met").get<long long>() + row.at("responses_missed").get<long long>())) + ")";
                              }},
                             field("open at end", "open_at_end"), field("overdue at end", "overdue_at_end"),
                             field("Cafcass referrals", "cafcass_referrals")});
        h += "</section>\n";
    }

    // ---- stage reached
    const auto& stages = r.at("stages");
    h += "<section id=\"stages\"><h2>Where disputes were resolved, withdrawn or stand</h2>";
    h += bar_chart("chart-stages", "Disputes by the stage they reached: resolved or withdrawn in the period, or open at its end",
                   titles(stages, "stage", "stages"),
                   {{"resolved", colour::met, values(stages, "resolved")},
                    {"withdrawn", colour::early, values(stages, "withdrawn")},
                    {"open at end", colour::progress, values(stages, "open_at_end")}});
    h += table(stages, {stage_title, field("entered", "entered"), field("started here", "started_here"),
                        field("bypassed into", "bypassed_into"), field("resolved", "resolved"), field("withdrawn", "withdrawn"),
                        field("open at end", "open_at_end"), field("overdue at end", "overdue_at_end")});
    h += "</section>\n";

    // ---- timeliness
    const auto& trows = tl.at("stages");
    h += "<section id=\"timeliness\"><h2>Were response timescales met?</h2>";
    h += bar_chart("chart-timeliness", "Stages completed in the period by whether the response came in time, and stages still running at its end",
                   titles(trows, "stage", "stages"),
                   {{"met", colour::met, values(trows, "met")},
                    {"missed", colour::missed, values(trows, "missed")},
                    {"ended before due", colour::early, values(trows, "ended_early")},
                    {"running", colour::progress,
                     [&] {
                         auto v = values(trows, "in_progress");
                         const auto late = values(trows, "in_progress_overdue");
                         for (std::size_t i = 0; i < v.size(); ++i) v[i] -= late[i];
                         return v;
                     }()},
                    {"running, overdue", colour::progress_late, values(trows, "in_progress_overdue")}});
    auto days = [](const char* which, const char* stat) {
        return [which, stat](const json& row) { return text(row.at(which).at(stat)); };
    };
    h += table(trows, {stage_title, field("timescale", "timescale"), field("completed", "completed"), field("met", "met"),
                       field("missed", "missed"), {"met %", [](const json& row) { return pct(row.at("met_percent")); }},
                       field("ended before due", "ended_early"), field("extensions", "extensions"),
                       {"working days in stage: median", days("working_days_in_stage", "median")},
                       {"90th percentile", days("working_days_in_stage", "p90")},
                       {"to response: median", days("working_days_to_response", "median")},
                       {"running at end (overdue)", [](const json& row) {
                            return text(row.at("in_progress")) + " (" + text(row.at("in_progress_overdue")) + ")";
                        }}});
    const auto& cap = tl.at("overall_cap");
    if (cap.at("applies").get<bool>())
        h += "<p>Overall cap of " + text(cap.at("within")) + " on the " + text(cap.at("kinds")[0]) + " stages: " + text(cap.at("met")) +
             " completed within it, " + text(cap.at("missed")) + " not (" + pct(cap.at("met_percent")) + " on time); " +
             text(cap.at("in_progress")) + " still running at the end of the period, " + text(cap.at("in_progress_overdue")) +
             " of them past the cap.</p>";
    h += "<p class=\"note\">Met: the response (or the resolution) came by the deadline, after any agreed extension or time out. "
         "Ended before due: the IRO escalated or the dispute was withdrawn before the deadline.</p></section>\n";

    // ---- category and urgency
    const auto& cats = r.at("by_category");
    h += "<section id=\"categories\"><h2>What the concerns were about</h2>";
    h += bar_chart("chart-categories", "Disputes raised in the period, by category of concern", labels(cats, "title"),
                   {{"raised", colour::category, values(cats, "raised")}});
    h += table(cats, {field("category", "title"), field("raised", "raised"), field("resolved", "resolved"),
                      field("withdrawn", "withdrawn"), field("open at end", "open_at_end"), field("active", "active")});
    const auto& urg = r.at("by_urgency");
    h += bar_chart("chart-urgency", "Disputes raised in the period, by urgency", titles(urg, "urgency", "urgencies"),
                   {{"raised", colour::progress_late, values(urg, "raised")}});
    h += table(urg, {urgency_title, field("raised", "raised"), field("resolved", "resolved"),
                     field("withdrawn", "withdrawn"), field("open at end", "open_at_end"), field("active", "active")});
    h += "</section>\n";

    // ---- process
    h += "<section id=\"process\"><h2>Bypasses, time outs and Cafcass</h2><div class=\"tiles\">";
    h += tile("escalations", text(process.at("escalations")));
    h += tile("bypasses", text(process.at("bypasses")), "a required stage passed over");
    h += tile("started above the first stage", text(process.at("started_above_first")));
    h += tile("extensions agreed", text(process.at("extensions")));
    h += tile("time outs", text(process.at("time_outs")), text(process.at("time_out_working_days")) + " working days");
    h += tile("legal advice sought", text(process.at("legal_advice")));
    const auto& caf = process.at("cafcass");
    h += tile("Cafcass referrals", text(caf.at("referrals")), text(caf.at("concurrent")) + " alongside the internal process");
    h += tile("Cafcass decisions", text(caf.at("accepted")) + " / " + text(caf.at("declined")), "accepted / declined");
    // Other routes only where there are some to show: the policy names them, or one was taken.
    const json no_routes = json::array();
    const auto other = process.find("other_routes");
    const json& routes = other != process.end() ? other->at("routes") : no_routes;
    if (!routes.empty())
        h += tile("disputes taking another route", text(other->at("disputes")),
                  with_change("instead of escalation", "other_route_disputes"));
    h += "</div>";
    if (!routes.empty())
        h += "<h3>Another route instead of escalation</h3>" +
             table(routes, {field("route", "title"), field("taken", "taken"), field("ended", "ended"),
                            field("still being taken at end", "running_at_end")});
    h += "</section>\n";

    // ---- open and overdue
    const auto& open = r.at("open_at_end");
    h += "<section id=\"overdue\"><h2>Open and overdue at the end of the period</h2><p>" + text(open.at("count")) +
         " disputes open; " + text(open.at("overdue")) + " with an overdue duty, " + text(open.at("response_overdue")) +
         " awaiting an overdue response; " + text(open.at("paused")) + " in a time out. Median " +
         text(open.at("working_days_open").at("median")) + " working days open.</p>";
    h += table(open.at("overdue_disputes"),
               {field("dispute", "dispute_id"), stage_title, category_title, urgency_title, field("team", "team"),
                {"overdue", [&](const json& row) {
                     std::string s;
                     for (const auto& o : row.at("overdue")) s += (s.empty() ? "" : "<br>") + say("duties", o);
                     return s;
                 }},
                {"overdue since", [](const json& row) { return long_date(row.at("overdue_since")); }},
                field("working days overdue", "working_days_overdue")});
    h += "</section>\n";

    // ---- themes
    const auto& teams = themes.at("teams");
    json top_teams = json::array();
    for (std::size_t i = 0; i < teams.size() && i < 12; ++i) top_teams.push_back(teams[i]);
    h += "<section id=\"themes\"><h2>Recurring themes</h2><p>Among the " + text(themes.at("disputes")) + " disputes raised from " +
         long_date(themes.at("from")) + " to " + long_date(themes.at("to")) + "; a theme recurs with " +
         text(themes.at("recurring_at_least")) + " or more disputes.</p>";
    h += bar_chart("chart-teams", "Disputes by the team concerned (the 12 with most)", labels(top_teams, "team"),
                   {{"disputes", colour::team, values(top_teams, "disputes")}});
    h += "<h3>The same concern about the same team</h3>" +
         table(themes.at("team_categories"), {field("team", "team"), category_title, field("disputes", "disputes")});
    h += "<h3>Categories</h3>" +
         table(themes.at("categories"), {field("category", "title"), field("disputes", "disputes"), field("teams", "teams"),
                                         field("children", "children"), field("children with repeated disputes", "children_recurring"),
                                         field("escalated", "escalated")});
    const auto& kids = themes.at("children");
    // How far the pseudonyms can be matched with other reports (src/report/pseudonym.cpp).
    const std::string key_kind = themes.contains("pseudonym_key") && themes.at("pseudonym_key").is_string()
                                     ? themes.at("pseudonym_key").get<std::string>() : "";
    std::string shown_as = " (shown by pseudonym, not by reference";
    if (key_kind == "random")
        shown_as += "; pseudonyms made with a random key for this report only: they cannot be matched with other reports";
    else if (key_kind == "supplied")
        shown_as += "; made with the analyst's key: the same child has the same pseudonym in every report made with this key";
    shown_as += ").";
    h += "<h3>Children</h3><p>" + text(kids.at("distinct")) + " children; " + text(kids.at("recurring")) +
         " the subject of repeated disputes" + (themes.at("children_identified").get<bool>() ? "." : shown_as) + "</p>";
    h += table(kids.at("list"), {field("child", "child"), field("disputes", "disputes"),
                                 {"categories", [&](const json& row) {
                                      std::string s;
                                      for (const auto& [k, v] : row.at("categories").items())
                                          s += (s.empty() ? "" : ", ") + category_words(k) + " " + text(v);
                                      return s;
                                  }},
                                 field("open at end", "open_at_end")});
    h += "</section>\n";

    // ---- impact: the first few on the page, every one in the CSV and JSON
    const auto& records = impact.at("records");
    h += "<section id=\"impact\"><h2>What difference it made for the child</h2><p>" + text(impact.at("with_impact")) + " of " +
         text(impact.at("resolved")) + " disputes resolved in the period recorded the difference it made for the child (" +
         pct(impact.at("percent")) + ")" + (impact.at("impact_required").get<bool>() ? "; the policy requires it." : ".") + "</p>";
    for (std::size_t i = 0; i < records.size() && i < impacts_on_page; ++i) {
        const auto& rec = records[i];
        h += "<blockquote><div>" + text(rec.at("impact")) + "</div><div class=\"meta\">" + text(rec.at("dispute_id")) + " · " +
             category_title.cell(rec) + " · resolved at " + say("stages", rec.at("stage")) + " on " + long_date(rec.at("resolved")) +
             "</div></blockquote>";
    }
    if (records.size() > impacts_on_page)
        h += "<p class=\"note\" id=\"impact-more\">and " + std::to_string(records.size() - impacts_on_page) +
             " more, not shown here: every one is in the impact table of the CSV and in the JSON.</p>";
    h += "</section>\n";

    h += "<footer>Generated by " + text(r.at("generated_by")) + ". Every figure is defined in the drp analyst guide.";
    if (r.contains("source")) {
        const auto& src = r.at("source");
        h += " Source: " + text(src.at("events_applied")) + " events applied, " + text(src.at("events_refused")) + " refused, " +
             text(src.at("events_after_as_of")) + " after the period.";
    }
    h += "</footer>\n</main></body></html>\n";
    return h;
}

}  // namespace drp
