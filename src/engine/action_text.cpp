// The one line for people that an action or a sweep row carries: what is owed, by whom,
// by when, in the policy's own words (its role and stage titles) — short enough for an
// email subject, and never free text or anything about the child.
#include "engine/action_text.hpp"

#include <algorithm>

namespace drp::engine {

namespace {

// "Team Manager" for TM: the policy's title, or the id when it has none.
std::string_view role_title(const policy& p, std::string_view id) {
    const auto& roles = p.roles();
    const auto r = std::find_if(roles.begin(), roles.end(), [&](const role& x) { return x.id == id; });
    return r != roles.end() && !r->title.empty() ? std::string_view(r->title) : id;
}

// "A, B or C" / "A, B and C".
template <class Range, class Name>
std::string joined(const Range& items, std::string_view last_word, Name&& name) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += i + 1 == items.size() ? std::string(" ").append(last_word).append(" ") : std::string(", ");
        out += name(items[i]);
    }
    return out;
}

std::string roles_or(const policy& p, const std::vector<std::string>& ids) {
    return joined(ids, "or", [&](const std::string& id) { return std::string(role_title(p, id)); });
}

// Who is told or met: every target, each of which may be "any one of" several roles.
std::string targets_and(const policy& p, const duty& d) {
    return joined(d.target, "and", [&](const std::vector<std::string>& any_of) { return roles_or(p, any_of); });
}

// "IRO to " when someone owes it, else "" (the overall cap is owed by no one in particular).
std::string owed_by(const policy& p, const duty& d) { return d.role.empty() ? std::string() : roles_or(p, d.role) + " to "; }

// dispute_resolution_meeting -> "dispute resolution meeting"
std::string words(std::string_view id) {
    std::string out(id);
    std::replace(out.begin(), out.end(), '_', ' ');
    return out;
}

}  // namespace

std::string duty_phrase(const policy& p, const duty& d) {
    const bool has_targets = !d.target.empty();
    switch (d.kind) {
        case obligation_type::response:
            return d.role.empty() ? std::string("Response") : "Response from " + roles_or(p, d.role);
        case obligation_type::meeting: {
            std::string what = d.rule && !d.rule->meeting.empty() ? words(d.rule->meeting) : std::string("meeting");
            if (what.find("meeting") == std::string::npos) what += " meeting";  // "challenge" -> "challenge meeting"
            return owed_by(p, d) + "hold a " + what + (has_targets ? " with " + targets_and(p, d) : std::string());
        }
        case obligation_type::record:
            return owed_by(p, d) + "record it" + (d.system.empty() ? std::string() : " in " + d.system);
        case obligation_type::notify:
            return owed_by(p, d) + "tell " + (has_targets ? targets_and(p, d) : std::string("those concerned"));
        case obligation_type::referral: return owed_by(p, d) + "refer to Cafcass";
        case obligation_type::reminder:
            return owed_by(p, d) + "remind " + (has_targets ? targets_and(p, d) : std::string("the responder"));
        case obligation_type::overall: return "Dispute to be resolved (overall time limit)";
        case obligation_type::consult:
            return owed_by(p, d) + "consult " + (has_targets ? targets_and(p, d) : std::string("those named"));
    }
    return d.id;
}

std::string when_phrase(const policy& p, const duty_record& o) {
    const auto due = o.due();
    if (!due) return {};
    const auto& tz = p.zone();
    const date day = o.due_date() ? *o.due_date() : tz.local_date(*due);
    const auto clock = std::chrono::hh_mm_ss<std::chrono::seconds>(local_time_of_day(*due, tz));
    // A deadline at the end of the day reads as the day; any other time names the hour.
    const bool end_of_day = clock.hours().count() == 23 && clock.minutes().count() == 59;
    std::string out;
    if (!end_of_day) {
        const auto two = [](long v) { return (v < 10 ? "0" : "") + std::to_string(v); };
        out = two(clock.hours().count()) + ":" + two(clock.minutes().count()) + " ";
    }
    return out + format_day(day);
}

std::string action_text(const policy& p, const duty_record& o, std::string_view verb) {
    const auto& d = p.duties()[o.duty];
    std::string out = duty_phrase(p, d);
    const auto when = when_phrase(p, o);
    if (verb == "do") {
        if (d.immediately) out += ", immediately";
        else if (!when.empty()) out += " by " + when;
        if (d.discretionary) out += " (if necessary)";
    } else if (verb == "update") {
        out += when.empty() ? ": deadline stopped by a time out" : ": now due by " + when;
    } else if (verb == "done") {
        out += ": done";
    } else if (verb == "cancel") {
        out += o.status == obligation_status::waived ? ": waived" : ": no longer needed";
    } else if (verb == "overdue") {
        out += ": overdue, due by " + when;
    } else if (!when.empty()) {  // "due": a sweep's due-soon row
        out += " by " + when;
    }
    const auto stage = static_cast<std::size_t>(o.stage);
    if (stage < p.stages().size()) out += " (" + p.stages()[stage].title + ")";
    return out;
}

}  // namespace drp::engine
