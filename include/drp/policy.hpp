// drp/policy.hpp — an authority's escalation flowchart as a validated, immutable value.
//
// The format is schemas/policy.schema.json (the single description of it) and
// docs/policy-authoring.md explains it. load_policy() checks the schema rules (with the
// schema compiled into the library), then the semantic rules the schema cannot state
// (docs/policy-authoring.md lists them), then compiles the conditions. A policy never
// changes after loading and is safe to share across threads.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drp/limits.hpp"
#include "drp/calendar.hpp"
#include "drp/conditions.hpp"
#include "drp/error.hpp"
#include "drp/time.hpp"

namespace drp {

enum class stage_kind { informal, meeting, formal, referral };
enum class urgency { standard, urgent, imminent_risk };

std::string_view to_string(stage_kind k) noexcept;
std::string_view to_string(urgency u) noexcept;
std::optional<urgency> urgency_from_string(std::string_view text) noexcept;

/// A span of time as the author wrote it.
struct duration {
    enum class unit { working_days, calendar_days, hours };
    unit in = unit::working_days;
    int amount = 0;

    friend bool operator==(const duration&, const duration&) = default;
};
std::string to_string(const duration& d);  // "10 working days", "24 hours"

/// What a stage's timescale is the due date of: the responder's reply (the default), or
/// the stage's outcome ("Timeframe for resolution: 5 working days"), which a reply that
/// resolves nothing does not meet.
enum class timescale_for : std::uint8_t { response, resolution };
std::string_view to_string(timescale_for f) noexcept;

/// How long a stage's responder has.
struct stage_timescale {
    enum class type { fixed, by_urgency, agreed, none };
    type form = type::none;
    timescale_for purpose = timescale_for::response;  // "timescale_for" on the stage in JSON
    std::optional<duration> fixed_or_default;                  // fixed; or by_urgency/agreed default
    std::array<std::optional<duration>, 3> per_urgency{};      // by_urgency, indexed by urgency
    bool agreed_date_required = false;                        // agreed: the IRO must give `due`

    /// The duration that applies at an urgency; nullopt for none or an agreed date.
    std::optional<duration> for_urgency(urgency u) const;
};

/// A role, or "one of these roles" (e.g. IRO manager / HOS for safeguarding).
struct recipient {
    std::vector<std::string> any_of;
};

struct precondition {
    enum class type { consult, legal_advice };
    type what = type::consult;
    std::string role;        // consult
    bool agreement = false;  // consult: the role must also agree
    /// "only_when": the precondition applies only to a raise above the first stage
    /// (starting higher) and/or a bypass into the stage; both false: always.
    bool only_starting_higher = false, only_bypassing = false;
    std::string description;
};

enum class obligation_kind { record, notify, meeting, reminder, referral, response, consult };
enum class trigger { dispute_raised, stage_entry, response_due, response_received, meeting, event, resolved, duty_met };
std::string_view to_string(obligation_kind k) noexcept;
std::string_view to_string(trigger t) noexcept;

/// An extra duty owed at a stage (or at every stage, when policy-wide).
struct obligation_rule {
    std::string id;
    obligation_kind kind = obligation_kind::record;
    std::vector<std::string> roles;    // who owes it
    std::vector<recipient> targets;    // who is told / met
    std::optional<duration> within;    // none: no time limit
    bool immediately = false;
    trigger from = trigger::stage_entry;
    std::string from_stage;            // stage_entry: only on entering this stage (policy-wide rules)
    std::vector<std::string> events;   // trigger::event: the event types that start it
    std::string after;                 // trigger::duty_met: the id of the duty (at this stage) whose meeting starts it
    bool every_role = false;           // "every_role": each of `roles` must do it, not any one
    std::optional<condition> when;
    bool discretionary = false;
    std::string meeting;               // kind == meeting: the meeting kind
    std::string system;                // where it is recorded
    std::string description;
};

struct stage {
    std::string id;
    std::string title;
    int level = 0;
    stage_kind kind = stage_kind::formal;
    bool optional = false;
    std::string description;
    std::optional<condition> when;
    std::vector<std::string> raised_by;
    std::vector<std::string> responder;
    bool every_responder = false;  // "every_responder": each responder must answer, not any one
    /// "judged_by": roles who decide together whether a response here is satisfactory; a
    /// respond must name them all. Empty: the IRO alone.
    std::vector<std::string> judged_by;
    std::vector<recipient> notify;
    std::vector<recipient> copy;
    stage_timescale timescale;
    /// "timescale_from": the id of a duty at this stage whose meeting starts the stage's
    /// clock (instead of stage entry); empty: stage entry.
    std::string timescale_from;
    std::vector<precondition> preconditions;  // "requires" in JSON
    std::vector<obligation_rule> obligations;
    /// Absent: the following stage (passing over optional ones); empty: no escalation.
    std::optional<std::vector<std::string>> next;
};

/// What kind of duty an obligation is (the state's "kind").
enum class obligation_type : std::uint8_t { response, meeting, record, notify, referral, reminder, overall, consult, resolution };
std::string_view to_string(obligation_type t) noexcept;

/// A duty the policy can give rise to, with everything about it that is the same in every
/// dispute: its id, who owes it, who is told or met, where it is recorded and the rule that
/// creates it. Built once when the policy loads; a dispute's obligations refer to their
/// duty by index (policy::duties()), so a state holds no copies of policy text.
struct duty {
    std::string id;  // "response" (or "resolution"), "overall", "referral", "notify.SW", "copy.X", "informs.X", a rule's id
    obligation_type kind = obligation_type::response;
    std::vector<std::string> role;                 // who owes it
    std::vector<std::vector<std::string>> target;  // who is told / met; each entry: one role or "any of"
    std::string system;                            // where it is recorded, if the policy says
    std::string source;                            // JSON pointer of the rule in the policy
    bool discretionary = false;                    // "if necessary": never overdue
    bool immediately = false;                      // "immediately": never overdue
    bool every_role = false;                       // each of `role` must answer (every_responder / every_role)
    const obligation_rule* rule = nullptr;         // the obligation rule, for rule-made duties
};

/// A permission with an optional list of stages it is limited to.
struct permission {
    bool allowed = false;
    bool requires_reason = false;
    std::vector<std::string> stages;  // empty: every stage
    std::string description;
};

struct policy_rules {
    struct bypass_rule : permission {
        std::vector<std::string> from_stages, to_stages;
    } bypass;
    permission start_above_first;
    struct pause_rule : permission {
        std::vector<std::string> approved_by;
        std::vector<stage_kind> kinds;  // empty: every kind
    } pause;
    struct extension_rule : permission {
        std::vector<std::string> agreed_by;
    } extension;
    struct escalation_reason {
        bool allowed = false;
        std::vector<std::string> stages;  // empty: every stage
        std::string description;
    };
    /// Indexed no_response, inadequate_response, not_resolved, discretion.
    std::array<escalation_reason, 4> escalation{};
    struct referral_rule : permission {
        bool at_any_point = false;
        bool concurrent_allowed = false;
        std::vector<precondition> preconditions;
        std::optional<duration> within;
        std::vector<recipient> informs;
        std::optional<condition> when;  // "when": the referral is allowed only while it holds
    } referral;
    struct legal_advice_rule : permission {
        bool at_any_point = false;
    } legal_advice;
    struct cap {
        duration within;
        std::vector<stage_kind> kinds;
        std::string description;
    };
    std::optional<cap> overall_cap;
    bool timescales_are_guidance = false;
    /// "other_routes": the other ways the document says a concern may be taken instead of
    /// escalation (complaints, advocacy), by id with their titles. Empty: the document names
    /// none, and an other_route event may name any route.
    struct other_route {
        std::string id, title, description;
    };
    std::vector<other_route> other_routes;
    /// reporting.impact_required: a resolution must say what difference it made for the child.
    bool impact_required = false;
};

enum class escalation_reason { no_response, inadequate_response, not_resolved, discretion };
std::string_view to_string(escalation_reason r) noexcept;
std::optional<escalation_reason> escalation_reason_from_string(std::string_view text) noexcept;

struct role {
    std::string id, title, description;
    bool external = false;
};

/// One finding of the validator, printed like a compiler's.
struct diagnostic {
    enum class severity { error, warning, note };
    severity level = severity::error;
    std::string file;
    int line = 0, column = 0;  // 1-based; 0 when unknown
    std::string pointer;       // RFC 6901 JSON pointer into the policy
    std::string message;
    std::string hint;
    std::string rule;          // stable id of the check, e.g. "schema", "unknown-role"
};
/// "merton.json:12:5: error: ... [unknown-role]\n  hint: ..."
std::string format(const diagnostic& d);

/// How a host loads a policy; a default-constructed one loads the file as it is.
struct policy_load_options {
    /// Closure days the host adds to the policy file's own `closures`
    /// (docs/policy-authoring.md §6), for example this year's council closure that the
    /// policy's author could not know. Added after the file's, so a day both name takes
    /// the title given here; later entries win over earlier ones on the same day. A day
    /// outside calendar::first_year..last_year is drp::error(out_of_range); a title that
    /// is empty, longer than 100 characters, not UTF-8 or has control characters is
    /// drp::error(invalid_argument) (the message names the day, never the title).
    ///
    /// These closures are not in source_text(): a host that stores the source to load
    /// the same policy again must store them too (policy::added_closures()). A dispute
    /// restored under a policy whose closures differ from the ones it ran under replays
    /// to other due dates, and dispute::from_json refuses it (errc::schema), naming the
    /// first closure day the two calendars disagree on.
    std::vector<closure> closures;
};

/// Thrown by load_policy when the policy has errors; all findings are kept.
class policy_error : public error {
public:
    policy_error(errc code, std::vector<diagnostic> diagnostics);
    const std::vector<diagnostic>& diagnostics() const noexcept { return diagnostics_; }

private:
    std::vector<diagnostic> diagnostics_;
};

class policy {
public:
    const std::string& id() const noexcept;
    const std::string& version() const noexcept;
    date effective_from() const noexcept;
    const std::string& title() const noexcept;
    const std::string& authority() const noexcept;
    division region() const noexcept;
    const std::string& time_zone_name() const noexcept;
    /// Close of business as seconds after local midnight; nullopt: end of day 23:59:59.
    std::optional<int> close_of_business() const noexcept;
    const std::vector<std::string>& applies_to() const noexcept;
    const std::vector<role>& roles() const noexcept;
    const std::vector<std::string>& categories() const noexcept;
    const std::vector<stage>& stages() const noexcept;
    const std::vector<obligation_rule>& obligations() const noexcept;
    const policy_rules& rules() const noexcept;
    /// Every duty the policy can create (an obligation's `duty` is an index in it).
    const std::vector<duty>& duties() const noexcept;
    /// The source text as loaded (for snapshots and fingerprints). Closures added at load
    /// (policy_load_options::closures) are not in it: see added_closures().
    const std::string& source_text() const noexcept;
    /// Every closure day the policy's deadlines skip, by date: the file's `closures` and
    /// those added at load, one per day (with the title that applies).
    const std::vector<closure>& closures() const noexcept;
    /// The closures added at load (policy_load_options::closures), by date, one per day:
    /// with source_text() what a host stores to load the same policy again.
    const std::vector<closure>& added_closures() const noexcept;

    const stage* find_stage(std::string_view id) const noexcept;
    /// Index in stages(); throws drp::error(unknown_stage).
    std::size_t stage_index(std::string_view id) const;
    bool has_role(std::string_view id) const noexcept;
    /// The working-day calendar of the policy's division, with its closure days.
    const drp::calendar& calendar() const noexcept;
    /// The policy's time zone (Europe/London).
    const time_zone& zone() const noexcept;

    struct data;  // defined in src/policy/
    explicit policy(std::shared_ptr<const data> d) : d_(std::move(d)) {}
    /// The loaded model, for the engine in src/; its type is not part of the API.
    const data& internals() const noexcept { return *d_; }

private:
    std::shared_ptr<const data> d_;
};

/// Validates policy text and returns every finding (never throws for bad input).
/// `file` names the text in diagnostics.
std::vector<diagnostic> validate_policy(std::string_view text, std::string_view file = "<policy>");

/// Loads a policy, or throws policy_error (invalid_json, schema or semantic) carrying
/// every diagnostic. Warnings do not stop loading.
policy load_policy(std::string_view text, std::string_view file = "<policy>");
/// As load_policy(text, file), with the host's options (closure days added at load).
/// Throws policy_error for the text as above, drp::error for a bad option.
policy load_policy(std::string_view text, std::string_view file, const policy_load_options& options);
/// Reads and loads a file; drp::io_error when it cannot be read or is not a regular file,
/// drp::error(out_of_range) when it is larger than max_bytes.
policy load_policy_file(const std::string& path, std::size_t max_bytes = default_max_file_bytes);
/// As load_policy_file(path, max_bytes), with the host's options.
policy load_policy_file(const std::string& path, const policy_load_options& options,
                        std::size_t max_bytes = default_max_file_bytes);

/// Names of the built-in seed policies ("merton", "qa-form", ...).
std::vector<std::string> builtin_policy_names();
/// A built-in seed policy; drp::error(invalid_argument) for an unknown name.
policy builtin_policy(std::string_view name);
/// As builtin_policy(name), with the host's options (closure days added at load).
policy builtin_policy(std::string_view name, const policy_load_options& options);

}  // namespace drp
