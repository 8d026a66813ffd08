// The one line for people that an action or a sweep row carries: what is owed, by whom,
// by when, in the policy's own words (its role and stage titles) — short enough for an
// email subject, and never free text or anything about the child.
#include "engine/action_text.hpp"

#include "policy/policy_data.hpp"

namespace drp::engine {

std::string when_phrase(const policy& p, const duty_record& o) {
    const auto due = o.due();
    if (!due) return {};
    // The offset is looked up once for both the local day and the time of day.
    const auto local = due->time_since_epoch() + p.zone().utc_offset(*due);
    const auto midnight = std::chrono::floor<std::chrono::days>(local);
    const date day = o.due_date() ? *o.due_date() : date{midnight};
    const auto clock = std::chrono::hh_mm_ss<std::chrono::seconds>(local - midnight);
    // A deadline at the end of the day reads as the day; any other time names the hour.
    const bool end_of_day = clock.hours().count() == 23 && clock.minutes().count() == 59;
    if (end_of_day) return format_day(day);
    const auto h = clock.hours().count(), m = clock.minutes().count();
    const char hhmm[] = {static_cast<char>('0' + h / 10), static_cast<char>('0' + h % 10), ':',
                         static_cast<char>('0' + m / 10), static_cast<char>('0' + m % 10), ' '};
    return std::string(hhmm, sizeof hhmm) + format_day(day);
}

std::string action_text(const policy& p, const duty_record& o, std::string_view verb) {
    const auto& d = p.duties()[o.duty];
    const bool ended = verb == "done" || verb == "cancel";  // (their text has no deadline)
    const auto when = ended ? std::string() : when_phrase(p, o);
    const auto stage = static_cast<std::size_t>(o.stage);
    const std::string* stage_title = stage < p.stages().size() ? &p.stages()[stage].title : nullptr;
    std::string out;
    out.reserve(duty_phrase(p, o.duty).size() + when.size() + (stage_title ? stage_title->size() : 0) + 40);
    out = duty_phrase(p, o.duty);
    if (verb == "do") {
        if (d.immediately) out += ", immediately";
        else if (!when.empty()) out.append(" by ").append(when);
        if (d.discretionary) out += " (if necessary)";
    } else if (verb == "update") {
        if (when.empty()) out += ": deadline stopped by a time out";
        else out.append(": now due by ").append(when);
    } else if (verb == "done") {
        out += ": done";
    } else if (verb == "cancel") {
        out += o.status == obligation_status::waived ? ": waived" : ": no longer needed";
    } else if (verb == "overdue") {
        out.append(": overdue, due by ").append(when);
    } else if (!when.empty()) {  // "due": a sweep's due-soon row
        out.append(" by ").append(when);
    }
    if (stage_title) out.append(" (").append(*stage_title).append(")");
    return out;
}

}  // namespace drp::engine
