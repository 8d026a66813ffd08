// The report's plain words for managers: stage titles, category titles, urgencies, and
// each overdue duty ("alert_hos_qapd@informal") in the policy's own role titles, as the
// engine's action texts say it ("Independent Reviewing Officer to tell Head of Service ... within 24 hours").
#include "report/report_labels.hpp"

#include "policy/policy_data.hpp"

namespace drp::report_detail {
namespace {

using nlohmann::json;

// The duty a summary names as "id@stage": the stage's own duties first, then the policy-wide.
std::optional<std::size_t> find_duty(const policy& p, std::string_view id, std::size_t stage) {
    const auto& layout = duty_index(p);
    const auto& duties = p.duties();
    const std::size_t stage_end = stage + 1 < layout.stages.size() ? layout.stages[stage + 1].response : layout.rules;
    for (std::size_t i = layout.stages[stage].response; i < stage_end; ++i)
        if (duties[i].id == id) return i;
    for (std::size_t i = layout.rules; i < duties.size(); ++i)
        if (duties[i].id == id) return i;
    return std::nullopt;
}

std::string duty_words(const policy& p, std::string_view named) {
    const auto at = named.rfind('@');
    if (at == std::string_view::npos) return std::string(named);
    const std::string stage_id(named.substr(at + 1));
    std::size_t stage = 0;
    try {
        stage = p.stage_index(stage_id);
    } catch (const error&) {
        return std::string(named);
    }
    const auto i = find_duty(p, named.substr(0, at), stage);
    if (!i) return std::string(named);
    const auto& d = p.duties()[*i];
    std::string out = duty_phrase(p, *i);
    if (d.kind == obligation_type::overall && p.rules().overall_cap) out += ": " + to_string(p.rules().overall_cap->within);
    else if (d.rule && d.rule->within) out += " within " + to_string(*d.rule->within);
    return out;
}

}  // namespace

json report_labels(const policy& p, const std::map<std::string, std::string>& category_titles, const json& overdue_disputes) {
    json stages = json::object(), categories = json::object(), duties = json::object();
    for (const auto& st : p.stages()) stages[st.id] = st.title;
    for (const auto& id : p.categories()) {
        const auto t = category_titles.find(id);
        categories[id] = t == category_titles.end() ? id : t->second;
    }
    for (const auto& row : overdue_disputes)
        for (const auto& named : row.at("overdue")) {
            const auto text = named.get<std::string>();
            if (!duties.contains(text)) duties[text] = duty_words(p, text);
        }
    return {{"stages", stages},
            {"categories", categories},
            {"urgencies", {{"standard", "Standard"}, {"urgent", "Urgent"}, {"imminent_risk", "Imminent risk"}}},
            {"duties", duties}};
}

}  // namespace drp::report_detail
