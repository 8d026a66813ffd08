// drp::dispute: owns the state and its history, and applies events through the
// lifecycle's table (engine/run.cpp), with the strong guarantee.
#include "drp/dispute.hpp"

#include <nlohmann/json.hpp>

#include "common/safe_text.hpp"
#include "engine/machine.hpp"
#include "json/strict_parse.hpp"

namespace drp {

using nlohmann::json;
using engine::run;

std::string_view to_string(dispute_status s) noexcept {
    constexpr std::string_view names[] = {"new", "open", "resolved", "withdrawn"};  // as in the state JSON
    return names[static_cast<int>(s)];
}
std::string_view to_string(referral_status s) noexcept {
    constexpr std::string_view names[] = {"referred", "accepted", "declined"};
    return names[static_cast<int>(s)];
}
std::string_view to_string(obligation_status s) noexcept {
    constexpr std::string_view names[] = {"open", "met", "overdue", "waived", "closed"};
    return names[static_cast<int>(s)];
}
std::string_view to_string(obligation_type t) noexcept {
    constexpr std::string_view names[] = {"response", "meeting", "record", "notify", "referral", "reminder", "overall", "consult", "resolution"};
    return names[static_cast<int>(t)];
}


dispute::dispute(policy p) : policy_(std::move(p)), machine_(std::make_unique<machine>()) { machine_->start(); }
dispute::~dispute() = default;
dispute::dispute(const dispute& other)
    : policy_(other.policy_), machine_(std::make_unique<machine>(*other.machine_)), history_(other.history_) {}
dispute& dispute::operator=(const dispute& other) {
    if (this != &other) *this = dispute(other);
    return *this;
}
dispute::dispute(dispute&&) noexcept = default;
dispute& dispute::operator=(dispute&&) noexcept = default;

std::vector<action> dispute::apply(const event& e) { return take_with_actions(e, false); }

std::vector<action> dispute::take_with_actions(const event& e, bool checked) {
    std::vector<action> out;
    out.reserve(4);  // most events cause one to three
    take(e, &out, checked);
    return out;
}

std::vector<action> dispute::apply(event&& e) { return apply(static_cast<const event&>(e)); }

void dispute::replay(const event& e) { take(e, nullptr); }

// "dispute D-1" (the id as safe text, at most 128 bytes), or "new dispute" before the raise.
static std::string dispute_name(const std::string& id) {
    return id.empty() ? std::string("new dispute") : "dispute " + detail::safe_text(std::string_view(id).substr(0, 128));
}

std::string dispute::refusal_place(std::string_view type, const std::string* event_dispute) const {
    // Before the raise the dispute has no id of its own: a checked event's names it.
    const auto& id = machine_->state.dispute_id.empty() && event_dispute ? *event_dispute : machine_->state.dispute_id;
    std::string where = dispute_name(id);
    where += ", event " + std::to_string(history_.size());
    // Only a type drp knows is named: the field is the host's text until it is checked.
    if (event_type_from_string(type)) where += " (" + std::string(type) + ")";
    return where + ": ";
}

void dispute::take(const event& e, std::vector<action>* out, bool checked) {
    try {
        take_unlabelled(e, out, checked);
    } catch (const error& err) {
        // (The event's id is named only once the event's fields have passed their checks.)
        const bool fields_passed = err.code() != errc::invalid_event;
        throw error(err.code(), refusal_place(to_string(e.type), fields_passed ? &e.dispute_id : nullptr) + std::string(err.reason()));
    }
}

void dispute::check_as_of(instant as_of) const {
    const auto& last = machine_->state.last_event_at;
    if (last && as_of < *last)
        throw error(errc::out_of_order, dispute_name(machine_->state.dispute_id) +
                                            ": the time asked for (" + policy_.zone().format(as_of) +
                                            ") is earlier than the last event applied (" + policy_.zone().format(*last) +
                                            "): a state shows the events up to its time, so ask as of a later time, or "
                                            "replay only the events up to that one");
    const auto& moves = machine_->state.moves;
    if (!moves.empty() && as_of < moves.back().at)
        throw error(errc::out_of_order, dispute_name(machine_->state.dispute_id) + ": the time asked for (" +
                                            policy_.zone().format(as_of) + ") is earlier than the dispute's move to " +
                                            policy_.id() + " " + moves.back().to_version + " (" +
                                            policy_.zone().format(moves.back().at) + ")");
}

void dispute::take_unlabelled(const event& e, std::vector<action>* out, bool checked) {
    if (!checked) check_event(e);
    // The event (index size()) joins the history only when accepted.
    std::optional<engine::rejection> refused;
    try {
        refused = run(policy_, *machine_, e, static_cast<int>(history_.size()), history_, out);
    } catch (...) {
        // An action failed after the guards passed (a deadline beyond the calendar's years,
        // a capacity limit, memory): the state may be half changed, so it is rebuilt from
        // the history, which holds only accepted events and replays the same way.
        rebuild(history_.size());
        throw;
    }
    if (refused) throw error(refused->code, refused->message);
    try {
        history_.push_back(e);  // all or nothing (bad_alloc)
    } catch (...) {
        rebuild(history_.size());  // the state as the history gives it: as before the event
        throw;
    }
}

void dispute::rebuild(std::size_t events) {
    auto fresh = std::make_unique<machine>();
    fresh->start();
    fresh->state.moves = machine_->state.moves;  // (what the events are checked against)
    for (std::size_t i = 0; i < events; ++i) run(policy_, *fresh, history_[i], static_cast<int>(i), history_, nullptr);
    machine_ = std::move(fresh);
}

std::vector<action> dispute::apply(const json& e) {
    event parsed;
    try {
        parsed = parse_event(e);
    } catch (const error& err) {
        const auto type = e.is_object() ? e.find("type") : e.end();
        // (Both arms string_views: a std::string and a "" would make a temporary string.)
        const std::string_view name =
            type != e.end() && type->is_string() ? std::string_view(type->get_ref<const std::string&>()) : std::string_view();
        throw error(err.code(), refusal_place(name) + std::string(err.reason()));
    }
    return take_with_actions(parsed, true);  // (parse_event made every check_event check)
}

std::vector<action> dispute::apply_json(std::string_view text) {
    json j;
    try {
        j = drp::detail::parse_strict(text, "event");
    } catch (const error& err) {
        throw error(err.code(), refusal_place({}) + std::string(err.reason()));
    }
    return apply(j);
}

const policy& dispute::rules() const noexcept { return policy_; }
const dispute_state& dispute::state() const noexcept { return machine_->state; }
const event_history& dispute::history() const noexcept { return history_; }


}  // namespace drp
