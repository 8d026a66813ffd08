// drp/seeds/seed.hpp — a policy's flowchart as compile-time data (DESIGN.md §3).
//
// A `seed` carries what decides how a dispute runs: the stages in order with their
// levels, kinds, responders, notify/copy roles, timescales, entry conditions and entry
// preconditions, and the global rules. It carries no prose (titles, descriptions, the
// source document) and no extra duties (obligations, reporting): those stay in the JSON
// policy, which is the product's format; docs/compile-time-policies.md says why.
//
// Every type here is a literal type, so a seed is a constexpr value that the checks in
// drp/seeds/checks.hpp examine at compile time, and drp/seeds/runtime.hpp turns into a
// runtime drp::policy. Enums and durations are the runtime model's own (drp/policy.hpp).
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string_view>

#include "drp/policy.hpp"

namespace drp::seeds {

/// A list of at most Capacity items, filled from a braced list at compile time. Giving
/// more than Capacity items is a compile error (the throw is not a constant expression).
template <class T, std::size_t Capacity>
class fixed_list {
public:
    constexpr fixed_list() = default;
    constexpr fixed_list(std::initializer_list<T> items) {
        if (items.size() > Capacity) throw "drp::seeds::fixed_list: more items than its capacity";
        for (const T& item : items) items_[size_++] = item;
    }

    constexpr std::size_t size() const noexcept { return size_; }
    constexpr bool empty() const noexcept { return size_ == 0; }
    constexpr const T* begin() const noexcept { return items_.data(); }
    constexpr const T* end() const noexcept { return items_.data() + size_; }
    constexpr T* begin() noexcept { return items_.data(); }
    constexpr T* end() noexcept { return items_.data() + size_; }
    constexpr const T& operator[](std::size_t i) const noexcept { return items_[i]; }
    constexpr T& operator[](std::size_t i) noexcept { return items_[i]; }
    static constexpr std::size_t capacity() noexcept { return Capacity; }

    constexpr bool contains(const T& x) const noexcept {
        for (const T& item : *this)
            if (item == x) return true;
        return false;
    }
    friend constexpr bool operator==(const fixed_list& a, const fixed_list& b) noexcept {
        if (a.size_ != b.size_) return false;
        for (std::size_t i = 0; i < a.size_; ++i)
            if (!(a.items_[i] == b.items_[i])) return false;
        return true;
    }

private:
    std::array<T, Capacity> items_{};
    std::size_t size_ = 0;
};

using role_list = fixed_list<std::string_view, 8>;        // role ids, any one of which acts
using stage_list = fixed_list<std::string_view, 16>;      // stage ids
using kind_list = fixed_list<stage_kind, 4>;
using urgency_list = fixed_list<urgency, 3>;

/// Someone to be told: one role, or any one of several ("IRO manager / HOS for safeguarding").
struct recipient {
    fixed_list<std::string_view, 4> any_of;

    constexpr recipient() = default;
    constexpr recipient(const char* role) : any_of{std::string_view(role)} {}  // NOLINT: reads like the JSON
    constexpr recipient(std::string_view role) : any_of{role} {}               // NOLINT
    friend constexpr bool operator==(const recipient& a, const recipient& b) noexcept { return a.any_of == b.any_of; }
};
constexpr recipient any_of(std::initializer_list<std::string_view> roles) {
    recipient r;
    r.any_of = fixed_list<std::string_view, 4>(roles);
    return r;
}
using recipient_list = fixed_list<recipient, 8>;

/// Something that must have happened earlier in the dispute.
struct precondition_rule {
    precondition::type what = precondition::type::consult;
    std::string_view role;   // consult
    bool agreement = false;  // consult: the role must also agree
    friend constexpr bool operator==(const precondition_rule&, const precondition_rule&) = default;
};
constexpr precondition_rule consult(std::string_view role) { return {precondition::type::consult, role, false}; }
constexpr precondition_rule consult_and_agree(std::string_view role) { return {precondition::type::consult, role, true}; }
constexpr precondition_rule legal_advice_sought() { return {precondition::type::legal_advice, {}, false}; }
using precondition_list = fixed_list<precondition_rule, 4>;

// ---- durations and timescales (the runtime's own types, built at compile time) -----------
constexpr duration working_days(int n) { return {duration::unit::working_days, n}; }
constexpr duration calendar_days(int n) { return {duration::unit::calendar_days, n}; }
constexpr duration hours(int n) { return {duration::unit::hours, n}; }

/// {"working_days": 10}
constexpr stage_timescale fixed(duration d) {
    stage_timescale t;
    t.form = stage_timescale::type::fixed;
    t.fixed_or_default = d;
    return t;
}
/// {"by_urgency": {...}, "default": d}; an urgency left out takes the default.
struct per_urgency {
    std::optional<duration> standard{}, urgent{}, imminent_risk{};
};
constexpr stage_timescale by_urgency(per_urgency listed, std::optional<duration> otherwise = std::nullopt) {
    stage_timescale t;
    t.form = stage_timescale::type::by_urgency;
    t.per_urgency = {listed.standard, listed.urgent, listed.imminent_risk};
    t.fixed_or_default = otherwise;
    return t;
}
/// {"agreed": true, "required": ..., "default": d}: the IRO sets the date on entry.
enum class date_on_entry : bool { optional = false, required = true };
constexpr stage_timescale agreed(date_on_entry date, std::optional<duration> otherwise = std::nullopt) {
    stage_timescale t;
    t.form = stage_timescale::type::agreed;
    t.agreed_date_required = date == date_on_entry::required;
    t.fixed_or_default = otherwise;
    return t;
}
/// {"none": true}: the document sets no timescale.
constexpr stage_timescale no_timescale() { return {}; }
/// "timescale_for": "resolution": the timescale is the due date of the stage's outcome.
constexpr stage_timescale for_resolution(stage_timescale t) {
    t.purpose = timescale_for::resolution;
    return t;
}

/// The duration that applies at an urgency (as stage_timescale::for_urgency, at compile time).
constexpr std::optional<duration> timescale_at(const stage_timescale& t, urgency u) {
    switch (t.form) {
        case stage_timescale::type::fixed: return t.fixed_or_default;
        case stage_timescale::type::by_urgency: {
            const auto& listed = t.per_urgency[static_cast<std::size_t>(u)];
            return listed ? listed : t.fixed_or_default;
        }
        case stage_timescale::type::agreed:
        case stage_timescale::type::none: return std::nullopt;
    }
    return std::nullopt;
}

// ---- stages ---------------------------------------------------------------------------------
struct stage_rule {
    std::string_view id;
    int level = 0;
    stage_kind kind = stage_kind::formal;
    bool optional = false;
    /// The stage applies only at these urgencies (JSON `when` over `urgency`); empty: always.
    urgency_list only_at{};
    role_list raised_by{};
    role_list responder{};
    recipient_list notify{};
    recipient_list copy{};
    stage_timescale timescale{};
    precondition_list preconditions{};  // `requires` in JSON
    /// Ordinary escalation targets; nullopt: the following stage.
    std::optional<stage_list> next{};
};

// ---- global rules -----------------------------------------------------------------------------
struct bypass_rule {
    bool allowed = false;
    bool requires_reason = false;
    stage_list from_stages{}, to_stages{};  // empty: any
};
struct start_rule {
    bool allowed = false;
    bool requires_reason = false;
    stage_list stages{};  // empty: any
};
struct pause_rule {
    bool allowed = false;
    bool requires_reason = false;
    role_list approved_by{};
    kind_list kinds{};     // empty: any kind
    stage_list stages{};   // empty: any stage
};
struct extension_rule {
    bool allowed = false;
    role_list agreed_by{};
    stage_list stages{};  // empty: every stage with a timescale
};
struct reason_rule {
    bool allowed = false;
    stage_list stages{};  // empty: from every stage
};
inline constexpr reason_rule from_any_stage{true, {}};
constexpr reason_rule only_from(stage_list stages) { return {true, stages}; }

struct escalation_rules {
    reason_rule no_response{}, inadequate_response{}, not_resolved{}, discretion{};

    constexpr const reason_rule& operator[](escalation_reason r) const {
        switch (r) {
            case escalation_reason::no_response: return no_response;
            case escalation_reason::inadequate_response: return inadequate_response;
            case escalation_reason::not_resolved: return not_resolved;
            case escalation_reason::discretion: return discretion;
        }
        return not_resolved;
    }
};
inline constexpr std::array all_escalation_reasons{escalation_reason::no_response, escalation_reason::inadequate_response,
                                                   escalation_reason::not_resolved, escalation_reason::discretion};

struct referral_rule {
    bool allowed = false;
    bool at_any_point = false;
    bool concurrent_allowed = false;
    stage_list stages{};  // when not at any point
    precondition_list preconditions{};
    std::optional<duration> within{};
    recipient_list informs{};
};
struct legal_advice_rule {
    bool allowed = false;
    bool at_any_point = false;
    stage_list stages{};  // when not at any point
};
struct overall_cap_rule {
    duration within{};
    kind_list kinds{};
};

struct rule_set {
    bypass_rule bypass{};
    start_rule start_above_first{};
    pause_rule pause{};
    extension_rule extension{};
    escalation_rules escalation{};
    referral_rule referral{};
    legal_advice_rule legal_advice{};
    std::optional<overall_cap_rule> overall_cap{};
    bool timescales_are_guidance = false;
    bool impact_required = false;  // reporting.impact_required: a resolution says what difference it made
};

// ---- the seed -----------------------------------------------------------------------------
struct seed {
    std::string_view id;
    std::string_view version;
    std::chrono::year_month_day effective_from{};
    division region = division::england_and_wales;
    /// Minutes after local midnight at which day deadlines end; nullopt: 23:59:59.
    std::optional<std::chrono::minutes> close_of_business{};
    role_list applies_to{};
    fixed_list<std::string_view, 24> roles{};
    fixed_list<std::string_view, 16> categories{};  // empty: any category
    fixed_list<stage_rule, 16> stages{};
    rule_set rules{};

    /// Index of the stage in `stages`, or stages.size() when there is none.
    constexpr std::size_t stage_index(std::string_view stage_id) const {
        for (std::size_t i = 0; i < stages.size(); ++i)
            if (stages[i].id == stage_id) return i;
        return stages.size();
    }
};

}  // namespace drp::seeds
