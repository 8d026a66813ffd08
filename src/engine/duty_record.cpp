// The compact obligation (engine/duty_record.hpp): packed times, the explain's small parts
// inline and the rarely used ones in the state's side table; and the plain values hosts
// read from it (drp::obligation, dispute_state::obligations()).
#include "engine/duty_record.hpp"

#include <stdexcept>

#include "drp/error.hpp"

namespace drp::engine {

namespace {
constexpr std::uint32_t event_none = 0;
}

std::uint64_t packed_time::encode(std::optional<instant> t) {
    if (!t) return none;
    if (!fits(*t)) throw error(errc::invalid_event, "a time outside the years a dispute's state can hold (1900-2444)");
    return static_cast<std::uint64_t>(t->time_since_epoch().count() - bias);
}

duty_record::duty_record() noexcept : lo_{}, ev_hi_(event_none << 8) {
    // every time starts as 1970-01-01T00:00:00Z (created, start) or none (due, ended)
    const auto epoch = static_cast<std::uint64_t>(-packed_time::bias);
    for (int k = 0; k < 4; ++k) {
        const std::uint64_t code = (k == slot_due || k == slot_ended) ? packed_time::none : epoch;
        lo_[k] = static_cast<std::uint32_t>(code);
        ev_hi_ |= static_cast<std::uint32_t>((code >> 32) & 3u) << (2 * k);
    }
}

void duty_record::set_time(slot k, std::optional<instant> t) {
    const std::uint64_t code = packed_time::encode(t);
    lo_[k] = static_cast<std::uint32_t>(code);
    ev_hi_ = (ev_hi_ & ~(3u << (2 * k))) | (static_cast<std::uint32_t>((code >> 32) & 3u) << (2 * k));
}

void duty_record::set_created_at(instant t) { set_time(slot_created, t); }
void duty_record::set_start(instant t) { set_time(slot_start, t); }

void duty_record::set_due(std::optional<instant> due, std::optional<date> due_date) {
    unsigned delta = 0;
    if (due_date) {
        const auto d = (*due_date - std::chrono::floor<std::chrono::days>(due.value_or(instant{}))).count();
        if (!due || d < -1 || d > 1) throw error(errc::invalid_event, "a due date more than a day from its deadline");
        delta = static_cast<unsigned>(d + 2);
    }
    set_time(slot_due, due);
    flags_ = static_cast<std::uint8_t>((flags_ & ~0x60u) | (delta << 5));
}

std::optional<date> duty_record::due_date() const noexcept {
    const unsigned delta = (flags_ >> 5) & 3u;
    const auto d = due();
    if (!delta || !d) return std::nullopt;
    return std::chrono::floor<std::chrono::days>(*d) + std::chrono::days{static_cast<int>(delta) - 2};
}

void duty_record::set_met(instant t) {
    set_time(slot_ended, t);
    flags_ |= 0x80u;
}
void duty_record::set_closed(instant t) {
    set_time(slot_ended, t);
    flags_ &= static_cast<std::uint8_t>(~0x80u);
}

const std::vector<std::string_view>& duty_record::trigger_names() {
    static const std::vector<std::string_view> names{"dispute_raised", "stage_entry", "response_due", "response_received",
                                                     "meeting",        "event",       "resolved",     "preconditions_met",
                                                     "referral_made",  "duty_met"};
    return names;
}

void duty_record::set_trigger(std::string_view name) {
    const auto& names = trigger_names();
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == name) {
            trigger_ = static_cast<std::uint8_t>(i);
            return;
        }
    throw std::logic_error("drp: unknown obligation trigger");
}
std::string_view duty_record::trigger() const noexcept { return trigger_names()[trigger_]; }

void duty_record::set_event(std::optional<int> index) {
    std::uint32_t code = event_none;
    if (index) {
        if (*index < 0 || *index >= (1 << 24) - 1) throw error(errc::invalid_event, "a dispute can hold 16,777,214 events");
        code = static_cast<std::uint32_t>(*index) + 1;
    }
    ev_hi_ = (ev_hi_ & 0xFFu) | (code << 8);
}
std::optional<int> duty_record::event() const noexcept {
    const std::uint32_t code = ev_hi_ >> 8;
    if (code == event_none) return std::nullopt;
    return static_cast<int>(code - 1);
}

void duty_record::set_rule_duration(const duration& d) {
    if (d.amount < 0 || d.amount >= (1 << 14)) throw std::logic_error("drp: a rule's amount outside 0-16383");
    rule_ = static_cast<std::uint16_t>((static_cast<unsigned>(d.amount) << 2) | static_cast<unsigned>(d.in));
}
duration duty_record::rule_duration() const noexcept {
    duration d;
    d.in = static_cast<duration::unit>(rule_ & 3u);
    d.amount = static_cast<int>(rule_ >> 2);
    return d;
}

void duty_record::set_detail(std::size_t index) {
    if (index >= 0xFFFFu) throw error(errc::invalid_event, "a dispute can hold 65,534 obligations with details");
    detail_ = static_cast<std::uint16_t>(index + 1);
}

namespace {
// What a deadline that has not moved keeps implicit. An agreed deadline is the agreed
// date (whole day) or time; a working-day count skipped the holidays between its start's
// local date and its due date.
due_time implicit_agreed(const duty_record& o) {
    if (o.whole_day() && o.due_date()) return *o.due_date();
    return o.due().value_or(instant{});
}
bool counts_working_days(const duty_record& o) {
    return o.rule() == deadline_explain::rule_kind::duration && o.rule_duration().in == duration::unit::working_days &&
           o.due_date().has_value();
}
std::vector<date> implicit_skipped(const policy& p, const duty_record& o) {
    std::vector<date> out;
    if (!counts_working_days(o)) return out;
    for (const auto& h : p.calendar().holidays_between(p.zone().local_date(o.start()), *o.due_date())) out.push_back(h.day);
    return out;
}
}  // namespace

deadline_explain explain(const policy& p, const dispute_state& s, const duty_record& o) {
    deadline_explain x;
    x.trigger = o.trigger();
    x.event = o.event();
    x.start = o.start();
    x.rule = o.rule();
    x.whole_day = o.whole_day();
    x.rule_duration = o.rule_duration();
    const duty_detail* d = o.detail() ? &s.details[*o.detail()] : nullptr;
    if (d) {
        x.skipped = d->skipped;
        x.pauses = d->pauses;
        x.extensions = d->extensions;
        x.agreed = d->agreed;
    }
    switch (o.first_due_mode()) {
        case 1:
            x.first_due = o.due();
            if (x.rule == deadline_explain::rule_kind::agreed) x.agreed = implicit_agreed(o);
            if (counts_working_days(o)) x.skipped = implicit_skipped(p, o);
            break;
        case 2: x.first_due = d ? d->first_due : std::nullopt; break;
        default: break;
    }
    return x;
}

duty_detail& detail_of(dispute_state& s, duty_record& o) {
    auto& details = s.details;
    if (!o.detail()) {
        const std::size_t index = details.size();
        // Details are few and large: grow by one or two rather than doubling.
        if (index == details.capacity()) details.reserve(index + 1 + index / 4);
        details.emplace_back();  // first: if it cannot be made, o points at nothing new
        o.set_detail(index);
    }
    return details[*o.detail()];
}

void pin(const policy& p, dispute_state& s, duty_record& o) {
    if (o.first_due_mode() != 1) return;
    auto skipped = implicit_skipped(p, o);  // everything that can throw comes first
    auto& d = detail_of(s, o);
    d.first_due = o.due();
    if (o.rule() == deadline_explain::rule_kind::agreed) d.agreed = implicit_agreed(o);
    if (counts_working_days(o)) d.skipped = std::move(skipped);
    o.set_first_due_mode(2);
}

void move_due(const policy& p, dispute_state& s, duty_record& o, std::optional<instant> due, std::optional<date> due_date) {
    if (o.first_due_mode() == 1 && o.due() != due) pin(p, s, o);
    o.set_due(due, due_date);
}

obligation value_of(const duty_record& r) {
    obligation o;
    o.duty = r.duty;
    o.stage = r.stage;
    o.kind = r.kind;
    o.status = r.status;
    o.created_at = r.created_at();
    o.due = r.due();
    o.due_date = r.due_date();
    o.met_at = r.met_at();
    o.closed_at = r.closed_at();
    o.trigger = r.trigger();
    o.event = r.event();
    o.start = r.start();
    o.rule = r.rule();
    o.whole_day = r.whole_day();
    o.rule_duration = r.rule_duration();
    return o;
}

}  // namespace drp::engine

namespace drp {

dispute_state::dispute_state() = default;
dispute_state::~dispute_state() = default;
dispute_state::dispute_state(const dispute_state&) = default;
dispute_state::dispute_state(dispute_state&&) noexcept = default;
dispute_state& dispute_state::operator=(const dispute_state&) = default;
dispute_state& dispute_state::operator=(dispute_state&&) noexcept = default;
bool dispute_state::operator==(const dispute_state&) const = default;

std::vector<obligation> dispute_state::obligations() const {
    std::vector<obligation> out;
    out.reserve(records.size());
    for (const auto& r : records) out.push_back(engine::value_of(r));
    return out;
}
std::size_t dispute_state::obligation_count() const noexcept { return records.size(); }
obligation dispute_state::obligation_at(std::size_t index) const { return engine::value_of(records.at(index)); }
deadline_explain dispute_state::explain(const policy& p, std::size_t index) const {
    return engine::explain(p, *this, records.at(index));
}

}  // namespace drp
