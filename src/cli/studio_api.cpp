#include "cli/studio_api.hpp"

#include <map>
#include <optional>
#include <vector>

#include "cli/event_detail.hpp"
#include "cli/graphviz.hpp"
#include "cli/timelines.hpp"
#include "drp/dispute.hpp"
#include "drp/policy.hpp"
#include "drp/render.hpp"

namespace drp::cli::studio {
namespace {

constexpr const char* severity_names[] = {"error", "warning", "note"};

// The validator ends a message with '; did you mean "x"?' where it has a near miss: the page
// shows it apart, as a suggestion.
std::string did_you_mean(std::string& message) {
    static constexpr std::string_view marker = "; did you mean ";
    const auto at = message.rfind(marker);
    if (at == std::string::npos || message.back() != '?') return "";
    std::string word = message.substr(at + marker.size(), message.size() - at - marker.size() - 1);
    if (word.size() >= 2 && word.front() == '"' && word.back() == '"') word = word.substr(1, word.size() - 2);
    message.resize(at);
    return word;
}

nlohmann::json to_json(diagnostic d) {
    const std::string suggestion = did_you_mean(d.message);
    return {{"severity", severity_names[static_cast<int>(d.level)]},
            {"line", d.line},
            {"column", d.column},
            {"pointer", d.pointer},
            {"message", d.message},
            {"hint", d.hint},
            {"did_you_mean", suggestion},
            {"rule", d.rule}};
}

// The policy of a request, or a 422 answer saying it does not load.
policy load_or_refuse(const nlohmann::json& request) {
    const std::string text = text_field(request, "text");
    try {
        return load_policy(text, "policy.json");
    } catch (const policy_error& e) {
        std::size_t errors = 0;
        for (const auto& d : e.diagnostics()) errors += d.level == diagnostic::severity::error;
        reply r = refusal(422, to_string(e.code()),
                          "the policy has " + std::to_string(errors) + " error" + (errors == 1 ? "" : "s") +
                              (errors == 1 ? "; fix it" : "; fix them") + " to draw or run the policy");
        throw r;
    }
}

nlohmann::json obligation_json(const policy& p, const dispute& d, const std::vector<obligation>& owed, std::size_t i) {
    const auto& o = owed[i];
    const auto& duty = duty_of(p, o);
    nlohmann::json j = {{"id", duty.id},
                        {"kind", to_string(o.kind)},
                        {"stage", p.stages()[static_cast<std::size_t>(o.stage)].id},
                        {"role", join_roles(duty.role)},
                        {"status", to_string(o.status)},
                        {"due", o.due ? nlohmann::json(p.zone().format(*o.due)) : nlohmann::json(nullptr)},
                        {"due_date", o.due_date ? nlohmann::json(format_date(*o.due_date)) : nlohmann::json(nullptr)},
                        {"explain", explain_text(p, d.state(), i)}};
    return j;
}

nlohmann::json dispute_json(const policy& p, const dispute& d, instant as_of) {
    const auto& s = d.state();
    nlohmann::json timeline = nlohmann::json::array();
    for (const auto& e : d.history())
        timeline.push_back({{"at", p.zone().format(e.at)}, {"type", to_string(e.type)}, {"detail", event_detail(e)}});
    nlohmann::json owed_json = nlohmann::json::array();
    const auto owed = d.obligations(as_of);
    for (std::size_t i = 0; i < owed.size(); ++i) owed_json.push_back(obligation_json(p, d, owed, i));
    nlohmann::json next = nlohmann::json::array();
    for (const auto& n : d.allowed_next(as_of)) next.push_back(n);
    const bool raised = s.status != dispute_status::not_raised;
    return {{"dispute_id", s.dispute_id},
            {"status", to_string(s.status)},
            {"stage", raised ? nlohmann::json(p.stages()[static_cast<std::size_t>(s.stage)].id) : nlohmann::json(nullptr)},
            {"paused", s.paused},
            {"timeline", timeline},
            {"obligations", owed_json},
            {"allowed_next", next}};
}

}  // namespace

reply refusal(int status, std::string_view code, const std::string& message) {
    return {status, {{"error", {{"code", code}, {"message", message}}}}};
}

nlohmann::json parse_request(std::string_view body) {
    auto j = nlohmann::json::parse(body, nullptr, false);
    if (j.is_discarded()) throw refusal(400, "invalid_json", "the request body is not JSON");
    if (!j.is_object()) throw refusal(400, "schema", "the request body must be a JSON object");
    return j;
}

std::string text_field(const nlohmann::json& request, const char* name, bool required) {
    const auto it = request.find(name);
    if (it == request.end() || it->is_null()) {
        if (required) throw refusal(400, "schema", std::string("the request has no \"") + name + "\"");
        return "";
    }
    if (!it->is_string()) throw refusal(400, "schema", std::string("\"") + name + "\" must be a string");
    return it->get<std::string>();
}

reply validate(const nlohmann::json& request, const std::string& file_name) {
    const auto found = validate_policy(text_field(request, "text"), file_name);
    nlohmann::json ds = nlohmann::json::array();
    bool valid = true;
    for (const auto& d : found) {
        valid = valid && d.level != diagnostic::severity::error;
        ds.push_back(to_json(d));
    }
    return {200, {{"valid", valid}, {"diagnostics", ds}}};
}

reply render(const nlohmann::json& request) {
    std::string format = text_field(request, "format", false);
    if (format.empty()) format = "svg";
    if (format != "svg" && format != "dot" && format != "mermaid")
        return refusal(400, "schema", "\"format\" must be svg, dot or mermaid");
    const policy p = load_or_refuse(request);
    try {
        const std::string drawing = format == "mermaid" ? render_mermaid(p)
                                    : format == "dot"   ? render_dot(p)
                                                        : dot_to_svg(render_dot(p));
        return {200, {{"format", format}, {"drawing", drawing}}};
    } catch (const error& e) {
        return refusal(500, to_string(e.code()), std::string(e.reason()));
    }
}

reply simulate(const nlohmann::json& request) {
    const policy p = load_or_refuse(request);
    const std::string events = text_field(request, "events");
    const std::string as_of_text = text_field(request, "as_of", false);
    std::optional<instant> asked;
    if (!as_of_text.empty()) {
        try {
            asked = parse_as_of(as_of_text, p.zone());
        } catch (const error& e) {
            return refusal(400, to_string(e.code()), "\"as_of\": " + std::string(e.reason()));
        }
    }
    timelines log(p);
    const auto& order = log.order;
    auto& disputes = log.disputes;
    const auto& last = log.last;
    nlohmann::json refusals = nlohmann::json::array();
    std::size_t number = 0;
    for (std::size_t from = 0; from < events.size();) {
        auto to = events.find('\n', from);
        if (to == std::string::npos) to = events.size();
        const std::string_view line(events.data() + from, to - from);
        from = to + 1;
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        try {
            log.add(line);
        } catch (const error& err) {
            refusals.push_back({{"line", number}, {"code", to_string(err.code())}, {"message", std::string(err.reason())}});
        }
    }
    const instant as_of = asked ? *asked : last.value_or(instant{});
    nlohmann::json out = nlohmann::json::array();
    for (const auto& id : order) {
        const auto& d = disputes.at(id);
        try {
            out.push_back(dispute_json(p, d, as_of));
        } catch (const error& err) {  // "as of" before the dispute's last event
            return refusal(400, to_string(err.code()), "\"as_of\": " + std::string(err.reason()));
        }
    }
    return {200, {{"as_of", order.empty() ? nlohmann::json(nullptr) : nlohmann::json(p.zone().format(as_of))},
                  {"disputes", out},
                  {"refusals", refusals}}};
}

reply seed(const nlohmann::json& request) {
    const std::string name = text_field(request, "name");
    for (const auto& known : builtin_policy_names())
        if (known == name) return {200, {{"name", name}, {"text", builtin_policy(name).source_text()}}};
    std::string names;
    for (const auto& known : builtin_policy_names()) names += (names.empty() ? "" : ", ") + known;
    return refusal(404, "invalid_argument", "no seed policy of that name; the seeds are " + names);
}

}  // namespace drp::cli::studio
