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

/// The rarely used parts of an obligation's explain, kept in dispute_state::details and
/// indexed by the obligations that have any: those paused, extended or whose deadline moved
/// after it was first set. While a deadline has not moved (obligation::first_due_mode() 1)
/// its agreed date and skipped holidays follow from the deadline and the policy's calendar
/// and are not stored; when it first moves they are written here (dispute_state::pin).
struct obligation_detail {
    std::vector<date> skipped;
    std::vector<deadline_explain::pause_span> pauses;
    std::vector<deadline_explain::extension> extensions;
    due_time agreed{};
    std::optional<instant> first_due;  // when it is no longer the current deadline

    friend bool operator==(const obligation_detail&, const obligation_detail&) = default;
};

/// A time of an obligation packed into 34 bits: seconds since 1900-01-01T00:00:00Z, with
/// 2^34 - 1 meaning "none". Holds 1900-01-01T00:00:00Z to 2444-05-29T01:53:02Z (JSON events are 1971-2190).
namespace packed_time {
inline constexpr std::int64_t bias = -2208988800;  // 1900-01-01T00:00:00Z in Unix seconds
inline constexpr std::uint64_t none = (std::uint64_t{1} << 34) - 1;
inline constexpr bool fits(instant t) noexcept {
    const auto s = t.time_since_epoch().count() - bias;
    return s >= 0 && static_cast<std::uint64_t>(s) < none;
}
/// The 34-bit code of `t` (or none); throws drp::error(invalid_event) when `t` does not fit.
std::uint64_t encode(std::optional<instant> t);
inline constexpr std::optional<instant> decode(std::uint64_t code) noexcept {
    if (code == none) return std::nullopt;
    return instant{std::chrono::seconds{static_cast<std::int64_t>(code) + bias}};
}
}  // namespace packed_time

/// Something someone owes, with the deadline and how it was counted, in 32 bytes. What the
/// duty is (id, who owes it, who is told, where it is recorded, "if necessary",
/// "immediately") is the policy's: `rules().duties()[duty]`, or duty_of(). Its times and
/// the compact part of its explain are read through the accessors below; the whole explain
/// (with pauses, extensions, skipped holidays) through dispute_state::explain(o). The
/// set_* members are the engine's.
class obligation {
    std::uint8_t trigger_ = 0;  // index in trigger_names()
    // bits 0-1 rule kind, 2 whole_day, 3-4 first_due mode, 5-6 due_date - day of due + 2 (0: none),
    // 7 the ended time is met_at (else closed_at)
    std::uint8_t flags_ = 0;

public:
    std::uint16_t duty = 0;  // index in the policy's duties()
    std::int16_t stage = 0;  // index of the stage it arose at
    obligation_type kind = obligation_type::response;  // the duty's kind, for quick filtering
    obligation_status status = obligation_status::open;

    obligation() noexcept;

    instant created_at() const noexcept { return *time(slot_created); }
    /// none: no deadline (or stopped by a time out)
    std::optional<instant> due() const noexcept { return time(slot_due); }
    /// The local due date for day-based deadlines.
    std::optional<date> due_date() const noexcept;
    /// When it was met (status met) or ended unmet (closed, waived); none while open.
    std::optional<instant> met_at() const noexcept { return ended_met() ? time(slot_ended) : std::nullopt; }
    std::optional<instant> closed_at() const noexcept { return ended_met() ? std::nullopt : time(slot_ended); }
    /// The compact part of the explain.
    std::string_view trigger() const noexcept;
    std::optional<int> event() const noexcept;
    instant start() const noexcept { return *time(slot_start); }
    deadline_explain::rule_kind rule() const noexcept { return static_cast<deadline_explain::rule_kind>(flags_ & 3u); }
    bool whole_day() const noexcept { return (flags_ & 4u) != 0; }
    duration rule_duration() const noexcept;
    /// Index in dispute_state::details, if it has details.
    std::optional<std::size_t> detail() const noexcept {
        return detail_ ? std::optional<std::size_t>(detail_ - 1u) : std::nullopt;
    }

    // The engine's setters. Times throw drp::error(invalid_event) outside packed_time's range.
    void set_created_at(instant t);
    /// Sets the deadline and its local date (day-based deadlines; within a day of `due`).
    /// The caller keeps first_due (see dispute_state::move_due).
    void set_due(std::optional<instant> due, std::optional<date> due_date);
    void set_met(instant t);     // status stays the caller's
    void set_closed(instant t);  // closed or waived
    void set_trigger(std::string_view name);  // one of trigger_names()
    void set_event(std::optional<int> index);
    void set_start(instant t);
    void set_rule(deadline_explain::rule_kind k) noexcept { flags_ = static_cast<std::uint8_t>((flags_ & ~3u) | static_cast<unsigned>(k)); }
    void set_whole_day(bool b) noexcept { flags_ = static_cast<std::uint8_t>(b ? flags_ | 4u : flags_ & ~4u); }
    void set_rule_duration(const duration& d);
    void set_detail(std::size_t index);
    /// first_due: 0 none, 1 the current due, 2 in the detail.
    unsigned first_due_mode() const noexcept { return (flags_ >> 3) & 3u; }
    void set_first_due_mode(unsigned m) noexcept { flags_ = static_cast<std::uint8_t>((flags_ & ~0x18u) | ((m & 3u) << 3)); }

    /// The names set_trigger() accepts, by code.
    static const std::vector<std::string_view>& trigger_names();

    friend bool operator==(const obligation&, const obligation&) = default;

private:
    enum slot { slot_created, slot_due, slot_ended, slot_start };
    std::optional<instant> time(slot k) const noexcept {
        return packed_time::decode(lo_[k] | (std::uint64_t{(ev_hi_ >> (2 * k)) & 3u} << 32));
    }
    void set_time(slot k, std::optional<instant> t);
    bool ended_met() const noexcept { return (flags_ & 0x80u) != 0; }

    std::uint32_t lo_[4];  // low 32 bits of the packed times, by slot
    std::uint32_t ev_hi_;  // bits 0-7: the times' high 2 bits; 8-31: event index + 1 (0: none)
    std::uint16_t rule_ = 0;  // rule_duration: amount << 2 | unit
    std::uint16_t detail_ = 0;  // index in dispute_state::details + 1 (0: none)
};
static_assert(sizeof(obligation) == 32);

struct dispute_state;

/// The policy's duty an obligation is an instance of.
inline const duty& duty_of(const policy& p, const obligation& o) { return p.duties()[o.duty]; }

/// The explanation in English of how a duty's deadline was counted ("10 working days from
/// Mon 21 Dec 2026 is Thu 7 Jan 2027; skipped Fri 25 Dec 2026 (Christmas Day), ..."),
/// written from the structured explain when the state is shown, not while events apply.
std::string explain_text(const policy& p, const dispute_state& s, const obligation& o);
/// As above, from the explain dispute_state::explain(o) gave.
std::string explain_text(const policy& p, const deadline_explain& x, const obligation& o);

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
    instant stage_entered_at{};
    instant raised_at{};
    std::optional<instant> last_event_at;
    instant paused_since{};
    std::optional<instant> legal_advice_at;
    std::vector<consultation> consulted;
    std::vector<referral> referrals;
    std::string_view entry_reason = "raise";  // "raise" or an escalation reason (static text)
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
    std::vector<obligation> obligations;
    std::vector<obligation_detail> details;  // indexed by obligation::detail()
    struct stage_entry {
        int stage = -1;  // index into the policy's stages
        instant at{};
        friend bool operator==(const stage_entry&, const stage_entry&) = default;
    };
    /// The last entry into each stage a from_stage rule counts from (policy
    /// duty_layout::at_stage::counted_from, src/policy/policy_data.hpp); other stages' entries are not kept.
    std::vector<stage_entry> entered;

    /// The whole explain of one of its obligations, under the policy the state is of.
    deadline_explain explain(const policy& p, const obligation& o) const;
    /// The engine's: the obligation's detail, added when it has none.
    obligation_detail& detail_of(obligation& o);
    /// The engine's: writes what a deadline that has not moved keeps implicit (first due,
    /// agreed date, skipped holidays) into its detail, before the deadline changes.
    void pin(const policy& p, obligation& o);
    /// The engine's: moves an obligation's deadline, pinning the first one.
    void move_due(const policy& p, obligation& o, std::optional<instant> due, std::optional<date> due_date);

    friend bool operator==(const dispute_state&, const dispute_state&) = default;
};

class dispute {
public:
    explicit dispute(policy p);
    ~dispute();
    dispute(const dispute&);
    dispute& operator=(const dispute&);
    dispute(dispute&&);  // may throw std::bad_alloc: std::deque's move constructor allocates
    dispute& operator=(dispute&&) noexcept;

    /// Applies one event. On success returns the actions it causes; otherwise throws
    /// drp::error (invalid_event, not_permitted, out_of_order, unknown_stage) and the
    /// dispute is unchanged. The message starts with where: "dispute D-1, event 3
    /// (escalate): " (the index the event would have in the history, from 0).
    std::vector<action> apply(const event& e);
    /// As above, moving the event into the history rather than copying it (a refused
    /// event is left as it was).
    std::vector<action> apply(event&& e);
    std::vector<action> apply(const nlohmann::json& e);
    /// Applies an event given as JSON text (a log's line, a host's event), read strictly:
    /// a repeated key, a NUL byte or anything after the object is invalid_json.
    std::vector<action> apply_json(std::string_view event_json);
    /// Applies an event whose consequences were already acted on (replaying a log): the
    /// same rules, errors and state as apply(), without working out the actions. A
    /// refused event is left as it was.
    void replay(event&& e);

    const policy& rules() const noexcept;
    const dispute_state& state() const noexcept;
    /// The events applied, oldest first (a deque: applying an event never moves the others).
    const std::deque<event>& history() const noexcept;

    /// The state as JSON (schemas/dispute-state.schema.json). With `as_of`, open
    /// obligations whose deadline has passed by then are marked "overdue"; an `as_of`
    /// earlier than the last event applied is drp::error(out_of_order).
    nlohmann::json to_json(std::optional<instant> as_of = std::nullopt) const;
    /// Restores a dispute from to_json() output by replaying its history under `p`;
    /// throws drp::error(schema) when the text is not a state of this policy or does not
    /// match its own history.
    static dispute from_json(const policy& p, const nlohmann::json& state);

    /// The actions as JSON (schemas/actions.schema.json), for those apply() returned.
    nlohmann::json actions_json(const std::vector<action>& actions) const;

    /// The event types the policy would accept next (a host's menu), as of `at`; an `at`
    /// earlier than the last event applied is drp::error(out_of_order).
    std::vector<std::string> allowed_next(instant at) const;

    struct machine;  // the Boost.MSM back-end (src/engine), pimpl

private:
    static dispute restore(const policy& p, const nlohmann::json& state);
    void take(event&& e, std::vector<action>* out);
    void take_unlabelled(event&& e, std::vector<action>* out);
    // "dispute D-1, event 3 (escalate): ", the start of every refusal's message.
    std::string refusal_place(std::string_view type) const;
    void check_as_of(instant as_of) const;
    void rebuild(std::size_t events);  // the machine from the first `events` of the history

    policy policy_;
    std::unique_ptr<machine> machine_;
    std::deque<event> history_;
};

}  // namespace drp
