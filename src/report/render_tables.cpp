// The report as one tidy CSV table per section, for a manager's spreadsheet: a row per
// stage, category, dispute, period ..., a column per figure, every row beginning with the
// authority and the period (so tables of several authorities or quarters stack), and ids
// beside their titles. Flattened from the JSON, so the two can never disagree.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "drp/report.hpp"
#include "report/csv_text.hpp"

namespace drp {
namespace {

using nlohmann::json;
using report_detail::csv_field;
using report_detail::scalar_text;

// The members at `path` ("a/b"): a list of rows, or one object as a single row.
json rows_at(const json& report, std::initializer_list<const char*> path) {
    const json* at = &report;
    for (const char* key : path) {
        if (!at->is_object() || !at->contains(key)) return json::array();
        at = &at->at(key);
    }
    if (at->is_object()) return json::array({*at});
    return at->is_array() ? *at : json::array();
}

// The words for an id of `kind` (the report's labels), or none.
std::optional<std::string> words(const json& report, const char* kind, const json& id) {
    if (!id.is_string() || !report.contains("labels")) return std::nullopt;
    const auto& labels = report.at("labels");
    if (!labels.contains(kind) || !labels.at(kind).contains(id.get<std::string>())) return std::nullopt;
    return labels.at(kind).at(id.get<std::string>()).get<std::string>();
}

// One row as (column, cell) pairs: nested objects as prefix_member, lists of scalars joined
// by "; ", ids of stages, categories and urgencies followed by their titles, overdue duties
// by their words.
void flatten(const json& report, const json& row, const std::string& prefix, std::vector<std::pair<std::string, std::string>>& out) {
    const bool titled = row.contains("title");
    for (const auto& [name, v] : row.items()) {
        const std::string column = prefix + name;
        if (v.is_object()) {
            flatten(report, v, column + "_", out);
            continue;
        }
        if (v.is_array()) {
            std::string joined, said;
            for (const auto& x : v) {
                joined += (joined.empty() ? "" : "; ") + scalar_text(x);
                if (name == "overdue") said += (said.empty() ? "" : "; ") + words(report, "duties", x).value_or(scalar_text(x));
            }
            out.emplace_back(column, joined);
            if (name == "overdue") out.emplace_back(column + "_duties", said);
            continue;
        }
        out.emplace_back(column, scalar_text(v));
        if (!prefix.empty() || titled) continue;
        const char* kind = name == "stage" ? "stages" : name == "category" ? "categories" : name == "urgency" ? "urgencies" : nullptr;
        if (kind)
            if (const auto w = words(report, kind, v)) out.emplace_back(column + "_title", *w);
    }
}

std::string table_csv(const json& report, const json& rows) {
    const std::string authority = scalar_text(report.at("policy").at("authority"));
    const std::string period = scalar_text(report.at("period").at("label"));
    std::vector<std::vector<std::pair<std::string, std::string>>> flat;
    std::vector<std::string> columns;  // in order of first appearance across the rows
    for (const auto& row : rows) {
        auto& cells = flat.emplace_back();
        flatten(report, row, "", cells);
        for (const auto& [c, _] : cells)
            if (std::find(columns.begin(), columns.end(), c) == columns.end()) columns.push_back(c);
    }
    // What identifies a row first (the JSON's members come in alphabetical order), ids
    // followed by their titles; the figures after, as they come.
    static const std::vector<std::string> first = {"label", "from", "to", "as_of", "dispute_id", "record", "child", "stage",
                                                   "stage_title", "category", "category_title", "route", "title", "timescale",
                                                   "urgency", "urgency_title", "team"};
    const auto rank = [&](const std::string& c) {
        return static_cast<std::size_t>(std::find(first.begin(), first.end(), c) - first.begin());
    };
    std::stable_sort(columns.begin(), columns.end(), [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
    std::string out = "authority,period";
    for (const auto& c : columns) out += "," + csv_field(c);
    out += "\n";
    for (const auto& cells : flat) {
        out += csv_field(authority) + "," + csv_field(period);
        for (const auto& c : columns) {
            const auto cell = std::find_if(cells.begin(), cells.end(), [&](const auto& kv) { return kv.first == c; });
            out += "," + (cell == cells.end() ? std::string() : csv_field(cell->second));
        }
        out += "\n";
    }
    return out;
}

json all_stages_row(const json& report) {
    json row = {{"stage", "all"}, {"title", "All stages"}};
    for (const auto& [k, v] : report.at("timeliness").at("all_stages").items()) row[k] = v;
    return row;
}

// "Q1 2025/26" -> "Q1-2025-26": safe in a file name on any system.
std::string slug(const std::string& s) {
    std::string out;
    for (char c : s) {
        const bool keep = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '_';
        if (keep) out += c;
        else if (!out.empty() && out.back() != '-') out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

}  // namespace

const std::vector<std::string>& report_table_sections() {
    static const std::vector<std::string> names = {"totals",      "trend",      "stages",       "timeliness", "overall_cap",
                                                   "by_category", "by_urgency", "process",      "other_routes", "overdue",
                                                   "impact",      "teams",      "categories",   "children",   "team_categories",
                                                   "refusals"};
    return names;
}

std::string report_table(const json& report, std::string_view section) {
    json rows;
    if (section == "totals") {
        json row = report.at("totals");
        for (const auto& [k, v] : report.at("outcomes").items())
            if (!row.contains(k)) row[k] = v;
        rows = json::array({row});
    } else if (section == "trend") rows = rows_at(report, {"trend", "periods"});
    else if (section == "stages") rows = rows_at(report, {"stages"});
    else if (section == "timeliness") {
        rows = rows_at(report, {"timeliness", "stages"});
        rows.push_back(all_stages_row(report));
    } else if (section == "overall_cap") rows = rows_at(report, {"timeliness", "overall_cap"});
    else if (section == "by_category") rows = rows_at(report, {"by_category"});
    else if (section == "by_urgency") rows = rows_at(report, {"by_urgency"});
    else if (section == "process") {
        // One row of counts; the routes, a list of rows, are their own table (other_routes).
        rows = rows_at(report, {"process"});
        for (auto& row : rows)
            if (row.contains("other_routes")) row["other_routes"].erase("routes");
    } else if (section == "other_routes") rows = rows_at(report, {"process", "other_routes", "routes"});
    else if (section == "overdue") rows = rows_at(report, {"open_at_end", "overdue_disputes"});
    else if (section == "impact") rows = rows_at(report, {"impact", "records"});
    else if (section == "teams") rows = rows_at(report, {"themes", "teams"});
    else if (section == "categories") rows = rows_at(report, {"themes", "categories"});
    else if (section == "children") rows = rows_at(report, {"themes", "children", "list"});
    else if (section == "team_categories") rows = rows_at(report, {"themes", "team_categories"});
    else if (section == "refusals") rows = rows_at(report, {"source", "refusals"});
    else {
        std::string names;
        for (const auto& n : report_table_sections()) names += (names.empty() ? "" : ", ") + n;
        throw error(errc::invalid_argument, "no report section \"" + std::string(section.substr(0, 32)) + "\"; choose from " + names);
    }
    return table_csv(report, rows);
}

std::string report_table_file(const json& report, std::string_view section) {
    const auto& period = report.at("period");
    const std::string label = scalar_text(period.at("label"));
    const std::string when = label.find(" to ") == std::string::npos ? slug(label)
                                                                     : scalar_text(period.at("from")) + "_to_" + scalar_text(period.at("to"));
    return slug(scalar_text(report.at("policy").at("id"))) + "-" + when + "-" + std::string(section) + ".csv";
}

}  // namespace drp
