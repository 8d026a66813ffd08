// drp::policy accessors, enum names, and the built-in seed policies.
#include <algorithm>

#include "policy/policy_data.hpp"

namespace drp {
namespace detail {
std::string_view builtin_policy_tracked_recommendation() noexcept;
std::string_view builtin_policy_qa_form() noexcept;
std::string_view builtin_policy_cic_issues_resolution() noexcept;
std::string_view builtin_policy_trust_qas() noexcept;
std::string_view builtin_policy_merton() noexcept;
}  // namespace detail

std::string_view to_string(stage_kind k) noexcept {
    switch (k) {
        case stage_kind::informal: return "informal";
        case stage_kind::meeting: return "meeting";
        case stage_kind::formal: return "formal";
        case stage_kind::referral: return "referral";
    }
    return "formal";
}

std::string_view to_string(timescale_for f) noexcept { return f == timescale_for::resolution ? "resolution" : "response"; }

std::string_view to_string(urgency u) noexcept {
    switch (u) {
        case urgency::standard: return "standard";
        case urgency::urgent: return "urgent";
        case urgency::imminent_risk: return "imminent_risk";
    }
    return "standard";
}

std::optional<urgency> urgency_from_string(std::string_view text) noexcept {
    for (auto u : {urgency::standard, urgency::urgent, urgency::imminent_risk})
        if (to_string(u) == text) return u;
    return std::nullopt;
}

std::string_view to_string(escalation_reason r) noexcept {
    switch (r) {
        case escalation_reason::no_response: return "no_response";
        case escalation_reason::inadequate_response: return "inadequate_response";
        case escalation_reason::not_resolved: return "not_resolved";
        case escalation_reason::discretion: return "discretion";
    }
    return "not_resolved";
}

std::optional<escalation_reason> escalation_reason_from_string(std::string_view text) noexcept {
    for (auto r : {escalation_reason::no_response, escalation_reason::inadequate_response,
                   escalation_reason::not_resolved, escalation_reason::discretion})
        if (to_string(r) == text) return r;
    return std::nullopt;
}

std::string_view to_string(obligation_kind k) noexcept {
    switch (k) {
        case obligation_kind::record: return "record";
        case obligation_kind::notify: return "notify";
        case obligation_kind::meeting: return "meeting";
        case obligation_kind::reminder: return "reminder";
        case obligation_kind::referral: return "referral";
        case obligation_kind::response: return "response";
        case obligation_kind::consult: return "consult";
    }
    return "record";
}

std::string_view to_string(trigger t) noexcept {
    switch (t) {
        case trigger::dispute_raised: return "dispute_raised";
        case trigger::stage_entry: return "stage_entry";
        case trigger::response_due: return "response_due";
        case trigger::response_received: return "response_received";
        case trigger::meeting: return "meeting";
        case trigger::event: return "event";
        case trigger::resolved: return "resolved";
        case trigger::duty_met: return "duty_met";
    }
    return "stage_entry";
}

std::string to_string(const duration& d) {
    const char* unit = d.in == duration::unit::working_days    ? " working day"
                       : d.in == duration::unit::calendar_days ? " calendar day"
                                                               : " hour";
    return std::to_string(d.amount) + unit + (d.amount == 1 ? "" : "s");
}

std::optional<duration> stage_timescale::for_urgency(urgency u) const {
    switch (form) {
        case type::fixed: return fixed_or_default;
        case type::by_urgency: {
            const auto& d = per_urgency[static_cast<int>(u)];
            return d ? d : fixed_or_default;
        }
        case type::agreed:
        case type::none: return std::nullopt;
    }
    return std::nullopt;
}

const std::string& policy::id() const noexcept { return d_->id; }
const std::string& policy::version() const noexcept { return d_->version; }
date policy::effective_from() const noexcept { return d_->effective_from; }
const std::string& policy::title() const noexcept { return d_->title; }
const std::string& policy::authority() const noexcept { return d_->authority; }
division policy::region() const noexcept { return d_->region; }
const std::string& policy::time_zone_name() const noexcept { return d_->time_zone; }
std::optional<int> policy::close_of_business() const noexcept { return d_->close_of_business; }
const std::vector<std::string>& policy::applies_to() const noexcept { return d_->applies_to; }
const std::vector<role>& policy::roles() const noexcept { return d_->roles; }
const std::vector<std::string>& policy::categories() const noexcept { return d_->categories; }
const std::vector<stage>& policy::stages() const noexcept { return d_->stages; }
const std::vector<obligation_rule>& policy::obligations() const noexcept { return d_->obligations; }
const policy_rules& policy::rules() const noexcept { return d_->rules; }
const std::vector<duty>& policy::duties() const noexcept { return d_->duties; }
const std::string& policy::source_text() const noexcept { return d_->source_text; }
const std::vector<closure>& policy::closures() const noexcept { return d_->closures; }
const std::vector<closure>& policy::added_closures() const noexcept { return d_->added_closures; }
const drp::calendar& policy::calendar() const noexcept { return d_->calendar; }
const time_zone& policy::zone() const noexcept { return d_->zone; }

const stage* policy::find_stage(std::string_view id) const noexcept {
    const auto it = std::find_if(d_->stages.begin(), d_->stages.end(), [&](const stage& s) { return s.id == id; });
    return it == d_->stages.end() ? nullptr : &*it;
}

std::size_t policy::stage_index(std::string_view id) const {
    const auto* s = find_stage(id);
    if (!s) throw error(errc::unknown_stage, "policy " + d_->id + " has no stage \"" + std::string(id.substr(0, 64)) + "\"");
    return static_cast<std::size_t>(s - d_->stages.data());
}

bool policy::has_role(std::string_view id) const noexcept {
    return std::any_of(d_->roles.begin(), d_->roles.end(), [&](const role& r) { return r.id == id; });
}

namespace {
struct builtin {
    const char* name;
    std::string_view (*text)() noexcept;
};
constexpr builtin builtins[] = {
    {"tracked-recommendation", detail::builtin_policy_tracked_recommendation},
    {"qa-form", detail::builtin_policy_qa_form},
    {"cic-issues-resolution", detail::builtin_policy_cic_issues_resolution},
    {"trust-qas", detail::builtin_policy_trust_qas},
    {"merton", detail::builtin_policy_merton},
};
}  // namespace

std::vector<std::string> builtin_policy_names() {
    std::vector<std::string> out;
    for (const auto& b : builtins) out.emplace_back(b.name);
    return out;
}

policy builtin_policy(std::string_view name) { return builtin_policy(name, {}); }

policy builtin_policy(std::string_view name, const policy_load_options& options) {
    for (const auto& b : builtins)
        if (name == b.name) return load_policy(b.text(), std::string("builtin:") + b.name, options);
    std::string known;
    for (const auto& b : builtins) known += (known.empty() ? "" : ", ") + std::string(b.name);
    throw error(errc::invalid_argument, "no built-in policy \"" + std::string(name.substr(0, 64)) + "\"; built-in: " + known);
}

}  // namespace drp
