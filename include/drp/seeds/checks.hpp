// drp/seeds/checks.hpp — what makes a flowchart well formed, checked at compile time.
//
// Each check is a constexpr function of a seed, named for the rule it states; verify<S>()
// asserts all of them, so `static_assert(drp::seeds::verify<my_seed>());` turns a
// malformed flowchart into a compile error that names the broken rule and the seed.
// The rules are the ones drp::load_policy applies to JSON (the schema's bounds and
// patterns, and the semantic checks of docs/policy-authoring.md §16 that concern what a
// seed carries), so a seed that compiles also loads.
#pragma once

#include "drp/seeds/seed.hpp"

namespace drp::seeds {

namespace detail {

constexpr bool is_upper_or_digit(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
constexpr bool is_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
constexpr bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Words of `word_char` joined by single `sep`, starting with a letter (upper snake case
/// for roles, lower kebab case for policy ids).
constexpr bool separated_words(std::string_view s, bool (*word_char)(char), char sep, std::size_t max) {
    if (s.empty() || s.size() > max || !is_letter(s.front()) || s.back() == sep) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == sep) {
            if (s[i - 1] == sep) return false;
        } else if (!word_char(s[i])) {
            return false;
        }
    }
    return true;
}

/// "^[A-Za-z][A-Za-z0-9_]*$", at most 64 characters.
constexpr bool is_stage_id(std::string_view s) {
    if (s.empty() || s.size() > 64 || !is_letter(s.front())) return false;
    for (char c : s)
        if (!is_letter(c) && !is_digit(c) && c != '_') return false;
    return true;
}

/// MAJOR.MINOR.PATCH without leading zeros (the schema also allows pre-release and build
/// suffixes; a compiled-in flowchart does not need them).
constexpr bool is_plain_semver(std::string_view s) {
    int parts = 0;
    std::size_t i = 0;
    while (true) {
        const std::size_t start = i;
        while (i < s.size() && is_digit(s[i])) ++i;
        if (i == start || (s[start] == '0' && i - start > 1)) return false;
        ++parts;
        if (i == s.size()) return parts == 3;
        if (s[i] != '.' || parts == 3) return false;
        ++i;
    }
}

template <class List>
constexpr bool unique(const List& xs) {
    for (std::size_t i = 0; i < xs.size(); ++i)
        for (std::size_t j = i + 1; j < xs.size(); ++j)
            if (xs[i] == xs[j]) return false;
    return true;
}

/// Calls f(role) for every role id the seed uses, outside its list of roles.
template <class F>
constexpr bool all_role_uses(const seed& s, F f) {
    auto roles = [&](const auto& list) {
        for (std::string_view r : list)
            if (!f(r)) return false;
        return true;
    };
    auto recipients = [&](const recipient_list& list) {
        for (const auto& r : list)
            if (!roles(r.any_of)) return false;
        return true;
    };
    auto consults = [&](const precondition_list& list) {
        for (const auto& p : list)
            if (p.what == precondition::type::consult && !f(p.role)) return false;
        return true;
    };
    if (!roles(s.applies_to)) return false;
    for (const auto& st : s.stages)
        if (!roles(st.raised_by) || !roles(st.responder) || !recipients(st.notify) || !recipients(st.copy) ||
            !consults(st.preconditions))
            return false;
    const auto& r = s.rules;
    return roles(r.pause.approved_by) && roles(r.extension.agreed_by) && consults(r.referral.preconditions) &&
           recipients(r.referral.informs);
}

/// Calls f(stage id) for every stage id the seed refers to, outside the stages' own ids.
template <class F>
constexpr bool all_stage_references(const seed& s, F f) {
    auto ids = [&](const stage_list& list) {
        for (std::string_view id : list)
            if (!f(id)) return false;
        return true;
    };
    for (const auto& st : s.stages)
        if (st.next && !ids(*st.next)) return false;
    const auto& r = s.rules;
    for (auto reason : all_escalation_reasons)
        if (!ids(r.escalation[reason].stages)) return false;
    return ids(r.bypass.from_stages) && ids(r.bypass.to_stages) && ids(r.start_above_first.stages) &&
           ids(r.pause.stages) && ids(r.extension.stages) && ids(r.referral.stages) && ids(r.legal_advice.stages);
}

/// Calls f(duration) for every duration the seed carries.
template <class F>
constexpr bool all_durations(const seed& s, F f) {
    for (const auto& st : s.stages) {
        const auto& t = st.timescale;
        if (t.fixed_or_default && !f(*t.fixed_or_default)) return false;
        for (const auto& d : t.per_urgency)
            if (d && !f(*d)) return false;
    }
    if (s.rules.referral.within && !f(*s.rules.referral.within)) return false;
    if (s.rules.overall_cap && !f(s.rules.overall_cap->within)) return false;
    return true;
}

}  // namespace detail

// ---- the rules ------------------------------------------------------------------------------

/// The policy id is lower-kebab-case, the version MAJOR.MINOR.PATCH, the date real, and
/// role, category and stage ids follow the schema's patterns.
constexpr bool ids_well_formed(const seed& s) {
    using namespace detail;
    if (!separated_words(s.id, is_lower_or_digit, '-', 64) || !is_plain_semver(s.version) || !s.effective_from.ok())
        return false;
    for (std::string_view r : s.roles)
        if (!separated_words(r, is_upper_or_digit, '_', 48)) return false;
    for (std::string_view c : s.categories)
        if (!separated_words(c, is_lower_or_digit, '_', 64)) return false;
    for (const auto& st : s.stages)
        if (!is_stage_id(st.id)) return false;
    return !s.applies_to.empty() && !s.roles.empty();
}

/// There is at least one stage, and every level is between 0 and 100.
constexpr bool levels_in_bounds(const seed& s) {
    if (s.stages.empty()) return false;
    for (const auto& st : s.stages)
        if (st.level < 0 || st.level > 100) return false;
    return true;
}

/// Stages are in escalation order: levels strictly increase along the list.
constexpr bool stages_ordered(const seed& s) {
    for (std::size_t i = 1; i < s.stages.size(); ++i)
        if (s.stages[i].level <= s.stages[i - 1].level) return false;
    return true;
}

/// No two stages share an id.
constexpr bool stage_ids_unique(const seed& s) {
    for (std::size_t i = 0; i < s.stages.size(); ++i)
        for (std::size_t j = i + 1; j < s.stages.size(); ++j)
            if (s.stages[i].id == s.stages[j].id) return false;
    return true;
}

/// No role, category, or role within one list appears twice.
constexpr bool ids_unique(const seed& s) {
    using detail::unique;
    if (!unique(s.roles) || !unique(s.categories) || !unique(s.applies_to)) return false;
    for (const auto& st : s.stages)
        if (!unique(st.raised_by) || !unique(st.responder) || !unique(st.notify) || !unique(st.copy)) return false;
    return unique(s.rules.pause.approved_by) && unique(s.rules.extension.agreed_by);
}

/// Every role used (applies_to, raised_by, responders, notify, copy, consult
/// preconditions, pause approvers, extension agreed_by, referral informs) is a role of the seed.
constexpr bool roles_defined(const seed& s) {
    return detail::all_role_uses(s, [&](std::string_view role) { return s.roles.contains(role); });
}

/// Every stage named by `next` or a rule is a stage of the seed, and `next` only goes up.
constexpr bool stage_references_defined(const seed& s) {
    if (!detail::all_stage_references(s, [&](std::string_view id) { return s.stage_index(id) < s.stages.size(); }))
        return false;
    for (std::size_t i = 0; i < s.stages.size(); ++i)
        if (const auto& next = s.stages[i].next)
            for (std::string_view id : *next)
                if (s.stage_index(id) <= i) return false;
    return true;
}

/// Every duration is positive and within the schema's bounds: 1–365 working or calendar
/// days, 1–8760 hours.
constexpr bool durations_in_bounds(const seed& s) {
    return detail::all_durations(s, [](const duration& d) {
        const int max = d.in == duration::unit::hours ? 8760 : 365;
        return d.amount >= 1 && d.amount <= max;
    });
}

/// Each stage says who raises it and has a complete timescale: a fixed one has its
/// duration; one by urgency covers every urgency (listed or by default); `none` carries
/// nothing. A stage condition names each urgency at most once and leaves one out.
constexpr bool stages_complete(const seed& s) {
    for (const auto& st : s.stages) {
        if (st.raised_by.empty()) return false;
        const auto& t = st.timescale;
        switch (t.form) {
            case stage_timescale::type::fixed:
                if (!t.fixed_or_default) return false;
                break;
            case stage_timescale::type::by_urgency:
                for (auto u : {urgency::standard, urgency::urgent, urgency::imminent_risk})
                    if (!timescale_at(t, u)) return false;
                break;
            case stage_timescale::type::agreed: break;
            case stage_timescale::type::none:
                if (t.fixed_or_default || t.agreed_date_required) return false;
                break;
        }
        if (t.form != stage_timescale::type::by_urgency)
            for (const auto& d : t.per_urgency)
                if (d) return false;
        if (!detail::unique(st.only_at) || st.only_at.size() == 3) return false;
    }
    return true;
}

/// Permissions say what they need and nothing they cannot use: a time out names its
/// approvers, an extension who agrees it, a referral or legal advice not "at any point"
/// the stages it is limited to; a refused permission carries no details; at least one
/// escalation reason is allowed; a referral stage exists only where referral is allowed.
constexpr bool permissions_consistent(const seed& s) {
    const auto& r = s.rules;
    if (!r.bypass.allowed && (r.bypass.requires_reason || !r.bypass.from_stages.empty() || !r.bypass.to_stages.empty()))
        return false;
    if (!r.start_above_first.allowed && (r.start_above_first.requires_reason || !r.start_above_first.stages.empty()))
        return false;
    if (r.pause.allowed == r.pause.approved_by.empty()) return false;
    if (!r.pause.allowed && (r.pause.requires_reason || !r.pause.kinds.empty() || !r.pause.stages.empty())) return false;
    if (r.extension.allowed == r.extension.agreed_by.empty()) return false;
    if (!r.extension.allowed && !r.extension.stages.empty()) return false;
    bool some_reason = false;
    for (auto reason : all_escalation_reasons) {
        const auto& rule = r.escalation[reason];
        if (!rule.allowed && !rule.stages.empty()) return false;
        some_reason = some_reason || rule.allowed;
    }
    if (!some_reason) return false;
    const auto& f = r.referral;
    if (f.allowed ? (!f.at_any_point == f.stages.empty())
                  : (f.at_any_point || f.concurrent_allowed || !f.stages.empty() || !f.preconditions.empty() || f.within ||
                     !f.informs.empty()))
        return false;
    const auto& l = r.legal_advice;
    if (l.allowed ? (!l.at_any_point == l.stages.empty()) : (l.at_any_point || !l.stages.empty())) return false;
    for (const auto& st : s.stages)
        if (st.kind == stage_kind::referral && !f.allowed) return false;
    if (r.overall_cap && r.overall_cap->kinds.empty()) return false;
    return true;
}

/// Where there is an overall cap in working days, it is at least the sum of the
/// standard-urgency working-day timescales of the stages it covers (Merton: IR1–IR4 are
/// 10 + 3 + 3 + 4 = 20 working days, within the cap of 20).
constexpr bool cap_covers_timescales(const seed& s) {
    const auto& cap = s.rules.overall_cap;
    if (!cap || cap->within.in != duration::unit::working_days) return true;
    int sum = 0;
    for (const auto& st : s.stages) {
        if (!cap->kinds.contains(st.kind)) continue;
        if (const auto d = timescale_at(st.timescale, urgency::standard); d && d->in == duration::unit::working_days)
            sum += d->amount;
    }
    return sum <= cap->within.amount;
}

/// All of the above.
constexpr bool well_formed(const seed& s) {
    return ids_well_formed(s) && levels_in_bounds(s) && stages_ordered(s) && stage_ids_unique(s) && ids_unique(s) &&
           roles_defined(s) && stage_references_defined(s) && durations_in_bounds(s) && stages_complete(s) &&
           permissions_consistent(s) && cap_covers_timescales(s);
}

/// Asserts every rule for seed S, each with its own message; use as
/// `static_assert(drp::seeds::verify<my_seed>());`. The compiler names S when one fails.
template <const seed& S>
consteval bool verify() {
    static_assert(ids_well_formed(S), "policy, role, category and stage ids must follow the schema's patterns");
    static_assert(levels_in_bounds(S), "a seed needs stages, with levels from 0 to 100");
    static_assert(stages_ordered(S), "stage levels must strictly increase along the stages");
    static_assert(stage_ids_unique(S), "stage ids must be unique");
    static_assert(ids_unique(S), "a role, category or list entry appears twice");
    static_assert(roles_defined(S), "every role used must be one of the seed's roles");
    static_assert(stage_references_defined(S), "every stage named must exist, and next stages must be later");
    static_assert(durations_in_bounds(S), "durations must be 1-365 days or 1-8760 hours");
    static_assert(stages_complete(S), "every stage needs raised_by and a complete timescale");
    static_assert(permissions_consistent(S), "a permission is missing what it needs or carries what it cannot use");
    static_assert(cap_covers_timescales(S), "the overall cap is shorter than the working-day timescales it covers");
    return true;
}

}  // namespace drp::seeds
