// The facts of docs/policy-authoring.md §9 for conditions: one document, two ways to read
// it. facts_document() builds it; dispute_facts lends its values without building it,
// since a policy's conditions are tested several times for every event.
#include "engine/facts.hpp"

#include <algorithm>
#include <array>

#include "json/build.hpp"
#include "policy/policy_data.hpp"

namespace drp::engine {
namespace {

using nlohmann::json;

const json& boolean(bool value) {
    static const json yes(true);
    static const json no(false);
    return value ? yes : no;
}

const json& null_fact() {
    static const json null;
    return null;
}

const json& urgency_fact(urgency u) {
    static const std::array<json, 3> names{json(to_string(urgency::standard)), json(to_string(urgency::urgent)),
                                          json(to_string(urgency::imminent_risk))};
    return names[static_cast<std::size_t>(u)];
}

// One of `known` (constants), else the text in scratch.
template <std::size_t N>
const json* text_fact(const std::array<json, N>& known, std::string_view text, json& scratch) {
    for (const json& k : known)
        if (k.get_ref<const std::string&>() == text) return &k;
    scratch = std::string(text);
    return &scratch;
}

const json* referral_status_fact(std::string_view status, json& scratch) {
    static const std::array<json, 4> known{json("none"), json("referred"), json("accepted"), json("declined")};
    return text_fact(known, status, scratch);
}

const json* entry_reason(std::string_view reason, json& scratch) {
    static const std::array<json, 5> known{
        json("raise"), json(to_string(escalation_reason::no_response)),
        json(to_string(escalation_reason::inadequate_response)), json(to_string(escalation_reason::not_resolved)),
        json(to_string(escalation_reason::discretion))};
    return text_fact(known, reason, scratch);
}

const json* entry_from(const policy& p, std::string_view from, json& scratch) {
    if (from.empty()) return &null_fact();
    if (const stage* st = p.find_stage(from))
        return &p.internals().facts_of_stages[static_cast<std::size_t>(st - p.stages().data())].id;
    scratch = std::string(from);
    return &scratch;
}

const json* category(const policy& p, const std::string& id, json& scratch) {
    const auto& ids = p.categories();
    const auto it = std::find(ids.begin(), ids.end(), id);
    if (it != ids.end()) return &p.internals().facts_of_categories[static_cast<std::size_t>(it - ids.begin())];
    scratch = id;
    return &scratch;
}

// The referral the facts describe: the latest one, if any.
struct referral_facts {
    std::string_view status = "none";
    bool concurrent = false;
};
referral_facts latest_referral(const dispute_state& s) {
    if (s.referrals.empty()) return {};
    return {to_string(s.referrals.back().status), s.referrals.back().concurrent};
}

json consulted_roles(const dispute_state& s) {
    json roles = json::array();
    for (const auto& k : s.consulted) roles.push_back(k.role);
    return roles;
}

json entry_object(const entry& how) {
    // Member by member, not braced lists (json/build.hpp: memory running out).
    return drp::detail::json_object("reason", how.reason, "bypass", how.bypass,
                                    "from", how.from.empty() ? json() : json(how.from));
}

int max_level(const dispute_state& s, const stage& st) { return std::max(s.max_level, st.level); }

}  // namespace

json facts_document(const policy& p, const dispute_state& s, std::size_t stage_index, entry how) {
    const auto& st = p.stages()[stage_index];
    const auto referral = latest_referral(s);
    return drp::detail::json_object(
        "urgency", to_string(s.level),
        "category", s.category,
        "cross_council", s.cross_council,
        "case_type", s.case_type.empty() ? json() : json(s.case_type),
        "raised_by", s.raised_by.empty() ? json() : json(s.raised_by),
        "consulted", consulted_roles(s),
        "legal_advice", s.legal_advice,
        "referral", drp::detail::json_object("status", referral.status, "concurrent", referral.concurrent),
        "paused", s.paused,
        "stage", drp::detail::json_object("id", st.id, "level", st.level, "kind", to_string(st.kind), "optional", st.optional),
        "entry", entry_object(how),
        "max_level", max_level(s, st));
}

dispute_facts::dispute_facts(const policy& p, const dispute_state& s, std::size_t stage, entry how) noexcept
    : p_(p), s_(s), stage_(stage), how_(how) {}

facts_view::found dispute_facts::find(std::span<const std::string> path, json& scratch) const {
    const std::string& key = path[0];
    const auto& st = p_.stages()[stage_];
    if (key == "stage") {
        const auto& f = p_.internals().facts_of_stages[stage_];
        if (path.size() > 1) {
            const std::string& member = path[1];
            if (member == "level") return {&f.level, 2};
            if (member == "id") return {&f.id, 2};
            if (member == "kind") return {&f.kind, 2};
            if (member == "optional") return {&boolean(st.optional), 2};
        }
        return {&f.whole, 1};
    }
    if (key == "urgency") return {&urgency_fact(s_.level), 1};
    if (key == "category") return {category(p_, s_.category, scratch), 1};
    if (key == "cross_council") return {&boolean(s_.cross_council), 1};
    if (key == "case_type" || key == "raised_by") {  // the raise's; null when it gave none
        const std::string& text = key == "case_type" ? s_.case_type : s_.raised_by;
        if (text.empty()) return {&null_fact(), 1};
        scratch = text;
        return {&scratch, 1};
    }
    if (key == "legal_advice") return {&boolean(s_.legal_advice), 1};
    if (key == "paused") return {&boolean(s_.paused), 1};
    if (key == "max_level") {
        scratch = max_level(s_, st);
        return {&scratch, 1};
    }
    if (key == "entry") return find_entry(path, scratch);
    if (key == "referral") return find_referral(path, scratch);
    if (key == "consulted") {
        if (!consulted_) consulted_ = consulted_roles(s_);
        return {&*consulted_, 1};
    }
    return {nullptr, 1};
}

facts_view::found dispute_facts::find_entry(std::span<const std::string> path, json& scratch) const {
    if (path.size() > 1) {
        const std::string& member = path[1];
        if (member == "reason") return {entry_reason(how_.reason, scratch), 2};
        if (member == "bypass") return {&boolean(how_.bypass), 2};
        if (member == "from") return {entry_from(p_, how_.from, scratch), 2};
    }
    if (!entry_) entry_ = entry_object(how_);
    return {&*entry_, 1};
}

facts_view::found dispute_facts::find_referral(std::span<const std::string> path, json& scratch) const {
    const auto referral = latest_referral(s_);
    if (path.size() > 1) {
        const std::string& member = path[1];
        if (member == "status") return {referral_status_fact(referral.status, scratch), 2};
        if (member == "concurrent") return {&boolean(referral.concurrent), 2};
    }
    if (!referral_) referral_ = drp::detail::json_object("status", referral.status, "concurrent", referral.concurrent);
    return {&*referral_, 1};
}

const json& dispute_facts::whole() const {
    if (!whole_) whole_ = facts_document(p_, s_, stage_, how_);
    return *whole_;
}

}  // namespace drp::engine
