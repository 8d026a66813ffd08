// The report as one tidy CSV table (section,key,measure,value), flattened from the JSON
// so the two can never disagree: every number in the JSON is one row here.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "drp/report.hpp"
#include "report/csv_text.hpp"

namespace drp {
namespace {

using nlohmann::json;
using report_detail::csv_field;
using report_detail::scalar_text;

bool is_scalar(const json& v) { return !v.is_object() && !v.is_array(); }
bool all_scalars(const json& v) {
    for (const auto& x : v) if (!is_scalar(x)) return false;
    return true;
}

class table {
public:
    std::string text = "section,key,measure,value\n";

    void row(const std::string& section, const std::string& key, const std::string& measure, const json& value) {
        text += csv_field(section) + "," + csv_field(key) + "," + csv_field(measure) + "," + csv_field(value_text(value)) + "\n";
    }

    // Members of one object: scalars and scalar lists are measures, nested objects are
    // dotted measures, lists of rows are sub-sections.
    void members(const std::string& section, const std::string& key, const json& obj, const std::string& prefix = "") {
        for (const auto& [name, v] : obj.items()) {
            if (is_row_list(v)) {
                rows(section + "." + prefix + name, v);
            } else if (v.is_object()) {
                members(section, key, v, prefix + name + ".");
            } else {
                row(section, key, prefix + name, v);
            }
        }
    }

    void rows(const std::string& section, const json& list) {
        for (const auto& r : list) {
            const auto [key, identity] = identify(r);
            json rest = json::object();
            for (const auto& [name, v] : r.items())
                if (std::find(identity.begin(), identity.end(), name) == identity.end()) rest[name] = v;
            members(section, key, rest);
        }
    }

private:
    static bool is_row_list(const json& v) { return v.is_array() && !v.empty() && v.front().is_object(); }

    static std::string value_text(const json& v) {
        if (!v.is_array()) return scalar_text(v);
        std::string out;
        for (const auto& x : v) out += (out.empty() ? "" : ";") + scalar_text(x);
        return out;
    }

    // A row's key: the first identifying member, or "team / category" for pairs.
    static std::pair<std::string, std::vector<std::string>> identify(const json& r) {
        for (const char* k : {"dispute_id", "child", "stage", "urgency", "route"})
            if (r.contains(k)) return {scalar_text(r[k]), {k}};
        if (r.contains("team") && r.contains("category"))
            return {scalar_text(r["team"]) + " / " + scalar_text(r["category"]), {"team", "category"}};
        for (const char* k : {"team", "category", "label"})
            if (r.contains(k)) return {scalar_text(r[k]), {k}};
        return {"", {}};
    }
};

}  // namespace

std::string report_csv(const json& report) {
    table t;
    for (const auto& [section, v] : report.items()) {
        if (v.is_object()) {
            t.members(section, "", v);
        } else if (v.is_array() && !all_scalars(v)) {
            t.rows(section, v);
        } else {
            t.row("report", "", section, v);
        }
    }
    return t.text;
}

}  // namespace drp
