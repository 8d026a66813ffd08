// drp/dispute.hpp — one dispute run against its policy (DESIGN.md §3, §4.2, §4.3).
//
// A dispute is a value: the policy it started under, its state and the history of the
// events applied to it. apply(event) either changes the state and returns the actions
// the host should carry out (who to notify, what to record, by when), or throws a typed
// drp::error naming the rule the event broke and leaves the dispute exactly as it was.
// The lifecycle itself is the Boost.MSM table in drp/lifecycle.hpp; this header keeps
// Boost out of hosts' compiles. Time is always an input: nothing here reads a clock.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string_view>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "drp/event.hpp"
#include "drp/policy.hpp"

namespace drp {

enum class dispute_status { not_raised, open, resolved, withdrawn };
enum class obligation_status : std::uint8_t { open, met, overdue, waived, closed };
std::string_view to_string(dispute_status s) noexcept;
std::string_view to_string(obligation_status s) noexcept;

/// How a deadline was counted (schemas/dispute-state.schema.json#/$defs/explain). What
/// created the duty (its "source") is the duty's, in the policy's duties().
struct deadline_explain {
    struct pause_span {
        enum class unit { working_days, calendar_days, seconds };
        instant from{};
        std::optional<instant> to;
        unit in = unit::working_days;
        long long remaining = 0;
        std::optional<instant> due_after;  // the deadline once resumed
        friend bool operator==(const pause_span&, const pause_span&) = default;
    };
    struct extension {
        instant at{};
        std::string agreed_by;
        due_time until;
        std::optional<instant> previous_due;
        friend bool operator==(const extension&, const extension&) = default;
    };
    enum class rule_kind : std::uint8_t { none, duration, agreed, immediately };

    std::string_view trigger;  // stage_entry, event, resolved, preconditions_met, ... (static text)
    std::optional<int> event;  // index in history of the event it arose at
    instant start{};
    rule_kind rule = rule_kind::none;
    bool whole_day = false;  // due at the end of a local day
    duration rule_duration{};
    due_time agreed{};
    std::vector<date> skipped;  // holidays and closures passed over (named by the policy's calendar)
    std::vector<pause_span> pauses;
    std::vector<extension> extensions;
    std::optional<instant> first_due;  // the deadline as first set, before pauses and extensions

    friend bool operator==(const deadline_explain&, const deadline_explain&) = default;
};

/// Something someone owes, with the deadline and how it was counted. What the duty is
/// (id, who owes it, who is told, where it is recorded, "if necessary", "immediately") is
/// the policy's: `rules().duties()[duty]`, or duty_of().
struct obligation {
    std::uint16_t duty = 0;  // index in the policy's duties()
    obligation_type kind = obligation_type::response;  // the duty's kind, for quick filtering
    obligation_status status = obligation_status::open;
    std::int16_t stage = 0;  // index of the stage it arose at
    instant created_at{};
    std::optional<instant> due;    // none: no deadline (or stopped by a time out)
    std::optional<date> due_date;  // local due date for day-based deadlines
    std::optional<instant> met_at, closed_at;
    deadline_explain explain;

    friend bool operator==(const obligation&, const obligation&) = default;
};

/// The policy's duty an obligation is an instance of.
inline const duty& duty_of(const policy& p, const obligation& o) { return p.duties()[o.duty]; }

/// The explanation in English of how a duty's deadline was counted ("10 working days from
/// Mon 21 Dec 2026 is Thu 7 Jan 2027; skipped Fri 25 Dec 2026 (Christmas Day), ..."),
/// written from the structured explain when the state is shown, not while events apply.
std::string explain_text(const policy& p, const obligation& o);

/// What the host should do because of an event (schemas/actions.schema.json): a duty
/// arose ("do"), its deadline moved ("update"), it was met ("done") or ended unmet
/// ("cancel").
struct action {
    std::string verb;  // do, update, done, cancel
    std::size_t index = 0;  // the duty's index in the state's obligations
    std::string text;  // one line for people; never free text or child ids
};

struct referral {
    std::string to = "cafcass";
    bool concurrent = false;
    std::string status = "referred";  // referred, accepted, declined
    instant at{};
    std::optional<instant> decided_at;

    friend bool operator==(const referral&, const referral&) = default;
};

struct consultation {
    std::string role;
    bool agreed = false;
    instant at{};

    friend bool operator==(const consultation&, const consultation&) = default;
};

/// Everything the rules look at; serialised by dispute::to_json.
struct dispute_state {
    std::string dispute_id;
    dispute_status status = dispute_status::not_raised;
    int stage = -1;  // index into the policy's stages
    instant stage_entered_at{};
    instant raised_at{};
    std::optional<instant> last_event_at;
    std::string child_ref, category, team;
    urgency level = urgency::standard;
    bool cross_council = false;
    int max_level = 0;
    bool paused = false;
    instant paused_since{};
    std::string paused_by, pause_reason;
    bool legal_advice = false;
    std::optional<instant> legal_advice_at;
    std::vector<consultation> consulted;
    std::vector<referral> referrals;
    std::optional<bool> last_response_adequate;  // at the current stage
    bool extension_in_force = false;
    std::string entry_reason = "raise", entry_from;
    bool entry_bypass = false;
    std::vector<obligation> obligations;
    std::vector<std::optional<instant>> entered;  // last entry into each stage, by index
    std::string outcome, impact;

    friend bool operator==(const dispute_state&, const dispute_state&) = default;
};

class dispute {
public:
    explicit dispute(policy p);
    ~dispute();
    dispute(const dispute&);
    dispute& operator=(const dispute&);
    dispute(dispute&&) noexcept;
    dispute& operator=(dispute&&) noexcept;

    /// Applies one event. On success returns the actions it causes; otherwise throws
    /// drp::error (invalid_event, not_permitted, out_of_order, unknown_stage) and the
    /// dispute is unchanged.
    std::vector<action> apply(const event& e);
    /// As above, moving the event into the history rather than copying it (a refused
    /// event is left as it was).
    std::vector<action> apply(event&& e);
    std::vector<action> apply(const nlohmann::json& e);
    /// Applies an event whose consequences were already acted on (replaying a log): the
    /// same rules, errors and state as apply(), without working out the actions. A
    /// refused event is left as it was.
    void replay(event&& e);

    const policy& rules() const noexcept;
    const dispute_state& state() const noexcept;
    /// The events applied, oldest first (a deque: applying an event never moves the others).
    const std::deque<event>& history() const noexcept;

    /// The state as JSON (schemas/dispute-state.schema.json). With `as_of`, open
    /// obligations whose deadline has passed by then are marked "overdue".
    nlohmann::json to_json(std::optional<instant> as_of = std::nullopt) const;
    /// Restores a dispute from to_json() output by replaying its history under `p`;
    /// throws drp::error(schema) when the text is not a state of this policy or does not
    /// match its own history.
    static dispute from_json(const policy& p, const nlohmann::json& state);

    /// The actions as JSON (schemas/actions.schema.json), for those apply() returned.
    nlohmann::json actions_json(const std::vector<action>& actions) const;

    /// The event types the policy would accept next (a host's menu), as of `at`.
    std::vector<std::string> allowed_next(instant at) const;

    struct machine;  // the Boost.MSM back-end (src/engine), pimpl

private:
    static dispute restore(const policy& p, const nlohmann::json& state);
    void take(event&& e, std::vector<action>* out);

    policy policy_;
    std::unique_ptr<machine> machine_;
    std::deque<event> history_;
};

}  // namespace drp
