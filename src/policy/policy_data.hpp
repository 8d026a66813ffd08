// The inside of a drp::policy, shared by the loader, the semantic checks and accessors.
#pragma once

#include <nlohmann/json.hpp>

#include "drp/policy.hpp"

namespace drp {

/// A stage's facts for conditions (docs/policy-authoring.md §9, `stage.*`), built once at
/// load so that the engine lends them out instead of building JSON for every event.
struct stage_facts {
    nlohmann::json id, level, kind;
    nlohmann::json whole;  // {"id", "level", "kind", "optional"}: what {"var": "stage"} reads
};

/// Where each rule's duties sit in policy::duties() (first index of each list): the
/// engine's index, not part of the API.
struct duty_layout {
    struct at_stage {
        std::uint16_t response = 0, notify = 0, copy = 0, rules = 0;
        bool counted_from = false;  // a from_stage rule counts from entering this stage
    };
    std::vector<at_stage> stages;  // by stage index
    std::uint16_t rules = 0;       // the policy-wide obligations
    std::uint16_t overall = 0, referral = 0, informs = 0;
};

struct policy::data {
    std::string id, version, title, authority, description, time_zone = "Europe/London";
    date effective_from{};
    division region = division::england_and_wales;
    std::optional<int> close_of_business;
    std::vector<std::string> applies_to;
    std::vector<role> roles;
    std::vector<std::string> categories;
    std::vector<std::string> case_types;  // "case_types": empty when the policy does not say
    std::vector<stage> stages;
    std::vector<obligation_rule> obligations;
    policy_rules rules;
    std::vector<duty> duties;  // built last, by build_duties
    duty_layout duty_index;
    /// What each duty is, in the policy's role titles ("Response from Team Manager or Head
    /// of Service"), by duty index: the start of every action's text (engine/action_text.cpp).
    std::vector<std::string> duty_phrases;
    std::string source_text;
    /// Closure days: the file's and the host's (closures), and the host's alone
    /// (added_closures); by date, one per day. The calendar closes each of `closures`.
    std::vector<closure> closures, added_closures;
    drp::calendar calendar;
    drp::time_zone zone;
    /// Condition facts known at load: one per stage, and each category as a JSON string.
    std::vector<stage_facts> facts_of_stages;
    std::vector<nlohmann::json> facts_of_categories;
};

/// The policy's duty_layout (for the engine).
inline const duty_layout& duty_index(const policy& p) noexcept { return p.internals().duty_index; }
/// What duty `index` is, in the policy's words (policy::data::duty_phrases).
inline const std::string& duty_phrase(const policy& p, std::size_t index) { return p.internals().duty_phrases[index]; }

namespace policy_detail {

/// Where a finding is, before it gets file/line/column.
struct finding {
    diagnostic::severity level;
    std::string pointer;
    std::string message;
    std::string hint;
    std::string rule;
    bool at_key = false;  // point at the member's key rather than its value
};

/// Builds the model from a document that passed the schema. Conditions that fail to
/// compile are reported (not thrown) and left empty.
void read_model(const nlohmann::json& doc, policy::data& out, std::vector<finding>& findings);

/// Fills duties and duty_index from the stages, obligations and rules (after the checks).
void build_duties(policy::data& model);

/// The checks of docs/policy-authoring.md §16 that the schema cannot express.
void check_semantics(const nlohmann::json& doc, const policy::data& model, std::vector<finding>& findings);

/// Closes the file's closure days (model.closures, read by read_model) and then the host's
/// in model.calendar, and records them; throws drp::error for a host closure that cannot
/// be one (out_of_range, invalid_argument), leaving the model's closures unchanged.
void apply_closures(policy::data& model, const std::vector<closure>& host);

}  // namespace policy_detail
}  // namespace drp
