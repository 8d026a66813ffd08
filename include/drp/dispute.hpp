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
#include <memory>
#include <string_view>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "drp/event.hpp"
#include "drp/event_history.hpp"
#include "drp/policy.hpp"

namespace drp {

enum class dispute_status { not_raised, open, resolved, withdrawn };
enum class obligation_status : std::uint8_t { open, met, overdue, waived, closed };
std::string_view to_string(dispute_status s) noexcept;
std::string_view to_string(obligation_status s) noexcept;

/// How a deadline was counted (schemas/dispute-state.schema.json#/$defs/explain), as a
/// value built on demand by dispute_state::explain(); the state itself keeps it compactly
/// (see obligation). What created the duty (its "source") is the duty's, in duties().
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

/// Something someone owes in a dispute, with its deadline and how it was counted: a plain
/// value (dispute_state::obligations()). What the duty is (id, who owes it, who is told,
/// where it is recorded, "if necessary", "immediately") is the policy's:
/// `rules().duties()[duty]`, or duty_of(). The whole explain of its deadline (with time
/// outs, extensions and the holidays skipped) is dispute_state::explain(policy, index).
struct obligation {
    std::uint16_t duty = 0;  // index in the policy's duties()
    int stage = 0;           // index of the stage it arose at
    obligation_type kind = obligation_type::response;  // the duty's kind
    obligation_status status = obligation_status::open;
    instant created_at{};
    std::optional<instant> due;     // none: no deadline (or stopped by a time out)
    std::optional<date> due_date;   // the local due date of a day-based deadline
    std::optional<instant> met_at;  // when it was met (status met)
    std::optional<instant> closed_at;  // when it ended unmet (closed, waived)
    // The explain's short part: what started its clock and how it was counted.
    std::string_view trigger;  // stage_entry, event, resolved, ... (static text)
    std::optional<int> event;  // index in the history of the event it arose at
    instant start{};
    deadline_explain::rule_kind rule = deadline_explain::rule_kind::none;
    bool whole_day = false;    // due at the end of a local day
    duration rule_duration{};

    friend bool operator==(const obligation&, const obligation&) = default;
};

struct dispute_state;
namespace engine {
class duty_record;   // an obligation packed into 32 bytes (src/engine/duty_record.hpp)
struct duty_detail;  // the rare parts of its explain
struct stored_state;  // read-only replays of stored states, for the sweep (src/engine/stored_state.hpp)
struct parsed_events;  // events straight from drp's parsers, not checked twice (src/engine/parsed_events.hpp)
}  // namespace engine

/// The policy's duty an obligation is an instance of.
inline const duty& duty_of(const policy& p, const obligation& o) { return p.duties()[o.duty]; }

/// The explanation in English of how the deadline of the state's obligation `index` was
/// counted ("10 working days from Mon 21 Dec 2026 is Thu 7 Jan 2027; skipped Fri 25 Dec 2026
/// (Christmas Day), ..."), written from the structured explain when the state is shown,
/// not while events apply. Throws std::out_of_range for an index past the obligations.
std::string explain_text(const policy& p, const dispute_state& s, std::size_t index);
/// As above, from the explain dispute_state::explain() gave for obligation `o`.
std::string explain_text(const policy& p, const deadline_explain& x, const obligation& o);

/// A move of the dispute from one version of its policy to another (dispute::migrate; the
/// state JSON's `moves`). A move does not change the history: it stays the events the host
/// sent, and the whole of it is replayed under the version the dispute is under now.
struct policy_move {
    instant at{};              // when the host moved the dispute
    std::string from_version;  // the version it was under
    std::string to_version;    // the version it moved to
    std::size_t events = 0;    // the history's length at the move

    friend bool operator==(const policy_move&, const policy_move&) = default;
};
struct migration;  // what dispute::migrate gives: drp/migrate.hpp

/// What the host should do because of an event (schemas/actions.schema.json): a duty
/// arose ("do"), its deadline moved ("update"), it was met ("done") or ended unmet
/// ("cancel").
struct action {
    std::string verb;  // do, update, done, cancel
    std::size_t index = 0;  // the duty's index in the state's obligations
    std::string text;  // one line for people; never free text or child ids
};

/// Where a referral to Cafcass stands: the referral region of the lifecycle.
enum class referral_status : std::uint8_t { referred, accepted, declined };
std::string_view to_string(referral_status s) noexcept;  // "referred", "accepted", "declined"

struct referral {
    std::string to = "cafcass";
    bool concurrent = false;
    referral_status status = referral_status::referred;  // the latest: the lifecycle's referral region
    instant at{};
    std::optional<instant> decided_at;

    friend bool operator==(const referral&, const referral&) = default;
};

/// Another way the concern is taken instead of escalation (other_route): a complaint,
/// advocacy. Escalation waits while one is being taken (no ended_at).
struct other_route {
    std::string route;
    instant taken_at{};
    std::optional<instant> ended_at;

    friend bool operator==(const other_route&, const other_route&) = default;
};

struct consultation {
    std::string role;
    std::optional<bool> agreed;  // none when the consult event did not say
    instant at{};

    friend bool operator==(const consultation&, const consultation&) = default;
};

/// Everything the rules look at; serialised by dispute::to_json. (Members are grouped by
/// size, largest first, so that padding does not cost a dispute bytes.)
struct dispute_state {
    std::string dispute_id;
    std::string category;  // child_ref and team are the raise's: history()[0]
    std::string case_type;  // the raise's case_type ("" when it gave none)
    std::string raised_by;  // the raise's `by` ("" when it gave none)
    instant stage_entered_at{};
    instant raised_at{};
    std::optional<instant> last_event_at;
    instant paused_since{};
    std::optional<instant> legal_advice_at;
    std::vector<consultation> consulted;
    std::vector<referral> referrals;
    std::vector<other_route> other_routes;  // oldest first; the lifecycle's other-route region
    std::optional<escalation_reason> entry_reason;  // how the current stage was entered; none: by the raise
    dispute_status status = dispute_status::not_raised;
    int stage = -1;  // index into the policy's stages
    urgency level = urgency::standard;
    int max_level = 0;
    int pause_event = -1;  // index in the history of the time out in force (who approved it, why)
    int entry_from = -1;  // the stage left to enter this one (index; -1 on raise)
    int closing_event = -1;  // index in the history of the resolve or withdraw (outcome, impact)
    bool cross_council = false;
    bool paused = false;
    bool legal_advice = false;
    bool extension_in_force = false;
    bool entry_bypass = false;
    std::optional<bool> last_response_adequate;  // at the current stage
    /// The engine's compact records of the obligations and the rare parts of their explains
    /// (src/engine/duty_record.hpp; incomplete here: read them with obligations()).
    std::vector<engine::duty_record> records;
    std::vector<engine::duty_detail> details;
    struct stage_entry {
        int stage = -1;  // index into the policy's stages
        instant at{};
        friend bool operator==(const stage_entry&, const stage_entry&) = default;
    };
    /// The last entry into each stage a from_stage rule counts from (policy
    /// duty_layout::at_stage::counted_from, src/policy/policy_data.hpp); other stages' entries are not kept.
    std::vector<stage_entry> entered;
    /// The dispute's moves between versions of its policy, oldest first (dispute::migrate).
    std::vector<policy_move> moves;

    /// The obligations, oldest first, as plain values: obligations()[i] is the state JSON's
    /// obligations[i] and the actions' `index` i.
    std::vector<obligation> obligations() const;
    std::size_t obligation_count() const noexcept;
    /// Obligation `index`; throws std::out_of_range past the last.
    obligation obligation_at(std::size_t index) const;
    /// "raise", or the escalation reason the current stage was entered by (the state
    /// JSON's entry.reason and the conditions' entry.reason fact).
    std::string_view entry_reason_name() const noexcept { return entry_reason ? to_string(*entry_reason) : "raise"; }
    /// The whole explain of obligation `index`, under the policy the state is of.
    deadline_explain explain(const policy& p, std::size_t index) const;

    // (Out of line: the records' type is complete only in the library.)
    dispute_state();
    ~dispute_state();
    dispute_state(const dispute_state&);
    dispute_state(dispute_state&&) noexcept;
    dispute_state& operator=(const dispute_state&);
    dispute_state& operator=(dispute_state&&) noexcept;
    bool operator==(const dispute_state& other) const;
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
    /// dispute is unchanged. The message starts with where: "dispute D-1, event 3
    /// (escalate): " (the index the event would have in the history, from 0).
    std::vector<action> apply(const event& e);
    /// The same as apply(const event&): the history keeps a packed copy of the event, so
    /// `e` is left as it was (the overload stays for hosts that move their events in).
    std::vector<action> apply(event&& e);
    std::vector<action> apply(const nlohmann::json& e);
    /// Applies an event given as JSON text (a log's line, a host's event), read strictly:
    /// a repeated key, a NUL byte or anything after the object is invalid_json.
    std::vector<action> apply_json(std::string_view event_json);
    /// Applies an event whose consequences were already acted on (replaying a log): the
    /// same rules, errors and state as apply(), without working out the actions. The
    /// history keeps its own copy of the event, so `e` is left as it was, applied or not.
    void replay(const event& e);

    const policy& rules() const noexcept;
    const dispute_state& state() const noexcept;
    /// The events applied, oldest first, kept compactly (drp/event_history.hpp): each
    /// reads back as the event value that was applied.
    const event_history& history() const noexcept;

    /// The state as JSON (schemas/dispute-state.schema.json). With `as_of`, open
    /// obligations whose deadline has passed by then are marked "overdue"; an `as_of`
    /// earlier than the last event applied is drp::error(out_of_order).
    nlohmann::json to_json(std::optional<instant> as_of = std::nullopt) const;
    /// The same state as JSON text, written straight from the state without building the
    /// document: the bytes of to_json(as_of).dump(indent) (indent -1: compact; 0 or more:
    /// one member a line, indented so many spaces a level). The same errors as to_json(),
    /// and dump()'s nlohmann::json::type_error (316) for text that is not UTF-8.
    std::string to_json_text(std::optional<instant> as_of = std::nullopt, int indent = -1) const;
    /// Appends that text to `out`, indented as an element `depth` levels deep in a larger
    /// document would be (to write an array of states one at a time, as drp simulate does).
    void append_json_text(std::string& out, std::optional<instant> as_of, int indent = -1, int depth = 0) const;
    /// The obligations as plain values, oldest first; with `as_of`, those open whose
    /// deadline has passed by then read overdue, as in to_json(as_of) (an `as_of` earlier
    /// than the last event applied is drp::error(out_of_order)).
    std::vector<obligation> obligations(std::optional<instant> as_of = std::nullopt) const;
    /// The earliest deadline among the open obligations that can become overdue (not "if
    /// necessary" or "immediately", and not stopped by a time out): at any as_of later than
    /// it, to_json(as_of) reads that obligation "overdue". None when no open obligation can
    /// become overdue. The state JSON's next_due: a host indexes it, and its overdue sweep
    /// looks only at disputes whose next_due is before "now".
    std::optional<instant> next_due() const;
    /// Restores a dispute from to_json() output by replaying its history under `p`;
    /// throws drp::error(schema) when the text is not a state of this policy or does not
    /// match its own history.
    static dispute from_json(const policy& p, const nlohmann::json& state);

    /// Moves the dispute to another version `to` of its policy (the same id), at `at`: the
    /// whole history is replayed under `to` and the move is recorded (state().moves). The
    /// dispute itself is not changed; the result (drp/migrate.hpp) holds the moved dispute
    /// and the actions the move causes. Throws drp::error: invalid_argument when `to` is
    /// another policy (naming both ids) or the version the dispute is under; out_of_order
    /// when `at` is earlier than the last event applied or the last move; and the code of
    /// the refusal when `to` refuses an event of the history, or the event enters another
    /// stage under `to` (unknown_stage when `to` has no such stage, else not_permitted),
    /// with a message naming the version, the event's index and its type.
    migration migrate(const policy& to, instant at) const;

    /// The actions as JSON (schemas/actions.schema.json), for those apply() returned.
    nlohmann::json actions_json(const std::vector<action>& actions) const;
    /// The same as JSON text, the bytes of actions_json(actions).dump(indent).
    std::string actions_json_text(const std::vector<action>& actions, int indent = -1) const;

    /// The event types the policy would accept next (a host's menu), as of `at`; an `at`
    /// earlier than the last event applied is drp::error(out_of_order).
    std::vector<std::string> allowed_next(instant at) const;

    struct machine;  // the Boost.MSM back-end (src/engine), pimpl

private:
    friend struct engine::stored_state;
    friend struct engine::parsed_events;
    static dispute restore(const policy& p, const nlohmann::json& state);
    // A stored state's history (and moves) replayed, without comparing the stored fields.
    // `quote_refusals`: whether a refused event's message is passed on (it may quote the
    // event's fields) or only its code.
    static dispute replay_stored(const policy& p, const nlohmann::json& state, bool quote_refusals);
    // `checked`: the event comes straight from drp's parsers, which have checked every
    // field check_event would.
    void take(const event& e, std::vector<action>* out, bool checked = false);
    std::vector<action> take_with_actions(const event& e, bool checked);
    void take_unlabelled(const event& e, std::vector<action>* out, bool checked);
    // "dispute D-1, event 3 (escalate): ", the start of every refusal's message.
    std::string refusal_place(std::string_view type, const std::string* event_dispute = nullptr) const;
    void check_as_of(instant as_of) const;
    void rebuild(std::size_t events);  // the machine from the first `events` of the history

    policy policy_;
    std::unique_ptr<machine> machine_;
    event_history history_;
};

}  // namespace drp
