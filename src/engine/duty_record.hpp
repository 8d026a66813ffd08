// The engine's compact form of an obligation (drp::obligation is the plain value hosts
// read): packed times, the explain's small parts inline, the rarely used ones in the
// state's side table (dispute_state::details). 32 bytes a duty, as a dispute holds tens.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "drp/dispute.hpp"

namespace drp::engine {

/// The rarely used parts of an obligation's explain, kept in dispute_state::details and
/// indexed by the obligations that have any: those paused, extended or whose deadline moved
/// after it was first set. While a deadline has not moved (duty_record::first_due_mode() 1)
/// its agreed date and skipped holidays follow from the deadline and the policy's calendar
/// and are not stored; when it first moves they are written here (pin).
struct duty_detail {
    std::vector<date> skipped;
    std::vector<deadline_explain::pause_span> pauses;
    std::vector<deadline_explain::extension> extensions;
    due_time agreed{};
    std::optional<instant> first_due;  // when it is no longer the current deadline

    friend bool operator==(const duty_detail&, const duty_detail&) = default;
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
/// (with pauses, extensions, skipped holidays) through explain(). The
/// set_* members are the engine's.
class duty_record {
    std::uint8_t trigger_ = 0;  // index in trigger_names()
    // bits 0-1 rule kind, 2 whole_day, 3-4 first_due mode, 5-6 due_date - day of due + 2 (0: none),
    // 7 the ended time is met_at (else closed_at)
    std::uint8_t flags_ = 0;

public:
    std::uint16_t duty = 0;  // index in the policy's duties()
    std::int16_t stage = 0;  // index of the stage it arose at
    obligation_type kind = obligation_type::response;  // the duty's kind, for quick filtering
    obligation_status status = obligation_status::open;

    duty_record() noexcept;

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
    /// The caller keeps first_due (see move_due).
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

    friend bool operator==(const duty_record&, const duty_record&) = default;

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
static_assert(sizeof(duty_record) == 32);

/// The plain value of a record (what hosts read).
obligation value_of(const duty_record& r);

/// The whole explain of a record of state `s`.
deadline_explain explain(const policy& p, const dispute_state& s, const duty_record& r);
/// The record's detail, added when it has none.
duty_detail& detail_of(dispute_state& s, duty_record& r);
/// Writes what a deadline that has not moved keeps implicit (first due, agreed date,
/// skipped holidays) into its detail, before the deadline changes.
void pin(const policy& p, dispute_state& s, duty_record& r);
/// Moves a record's deadline, pinning the first one.
void move_due(const policy& p, dispute_state& s, duty_record& r, std::optional<instant> due, std::optional<date> due_date);

/// The policy's duty a record is an instance of.
inline const duty& duty_of(const policy& p, const duty_record& r) { return p.duties()[r.duty]; }

/// explain_text for a record.
std::string explain_text(const policy& p, const dispute_state& s, const duty_record& r);

}  // namespace drp::engine
