// The policy's table of duties: every obligation a dispute can owe under it, with the
// parts that are the same in every dispute (id, who, whom, where, source). Disputes refer
// to these by index, so their states carry no copies of policy text.
#include <algorithm>
#include <limits>

#include "policy/policy_data.hpp"

namespace drp::policy_detail {
namespace {

obligation_type type_of(obligation_kind k) {
    switch (k) {
        case obligation_kind::record: return obligation_type::record;
        case obligation_kind::notify: return obligation_type::notify;
        case obligation_kind::meeting: return obligation_type::meeting;
        case obligation_kind::reminder: return obligation_type::reminder;
        case obligation_kind::referral: return obligation_type::referral;
        case obligation_kind::response: return obligation_type::response;
        case obligation_kind::consult: return obligation_type::consult;
    }
    return obligation_type::record;
}

class table {
public:
    explicit table(std::vector<duty>& out) : out_(out) {}

    std::uint16_t next() const {
        if (out_.size() >= std::numeric_limits<std::uint16_t>::max())
            throw error(errc::semantic, "the policy gives rise to more than 65,534 duties");
        return static_cast<std::uint16_t>(out_.size());
    }
    duty& add(std::string id, obligation_type kind, std::string source) {
        next();
        duty d;
        d.id = std::move(id);
        d.kind = kind;
        d.source = std::move(source);
        return out_.emplace_back(std::move(d));
    }
    // "notify.SW", "copy.X", "informs.X": one duty per recipient, owed by `by`.
    void recipients(const std::string& key, const std::vector<recipient>& list, const std::vector<std::string>& by,
                    const std::string& base) {
        for (std::size_t j = 0; j < list.size(); ++j) {
            auto& d = add(key + "." + list[j].any_of.front(), obligation_type::notify, base + "/" + std::to_string(j));
            d.role = by;
            d.target = {list[j].any_of};
        }
    }
    void rules(const std::vector<obligation_rule>& list, const std::string& base) {
        for (std::size_t i = 0; i < list.size(); ++i) {
            const auto& r = list[i];
            auto& d = add(r.id, type_of(r.kind), base + "/" + std::to_string(i));
            d.role = r.roles;
            for (const auto& t : r.targets) d.target.push_back(t.any_of);
            d.system = r.system;
            d.discretionary = r.discretionary;
            d.immediately = r.immediately;
            d.every_role = r.every_role;
            d.rule = &r;
        }
    }

private:
    std::vector<duty>& out_;
};

// ---- what each duty is, in the policy's words (the actions' and sweep rows' text) ----

// "Team Manager" for TM: the policy's title, or the id when it has none.
std::string_view role_title(const std::vector<role>& roles, std::string_view id) {
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

std::string roles_or(const std::vector<role>& roles, const std::vector<std::string>& ids) {
    return joined(ids, "or", [&](const std::string& id) { return std::string(role_title(roles, id)); });
}

// Who is told or met: every target, each of which may be "any one of" several roles.
std::string targets_and(const std::vector<role>& roles, const duty& d) {
    return joined(d.target, "and", [&](const std::vector<std::string>& any_of) { return roles_or(roles, any_of); });
}

// "IRO to " when someone owes it, else "" (the overall cap is owed by no one in particular).
std::string owed_by(const std::vector<role>& roles, const duty& d) {
    return d.role.empty() ? std::string() : roles_or(roles, d.role) + " to ";
}

// dispute_resolution_meeting -> "dispute resolution meeting"
std::string words(std::string_view id) {
    std::string out(id);
    std::replace(out.begin(), out.end(), '_', ' ');
    return out;
}

std::string phrase(const std::vector<role>& roles, const duty& d) {
    const bool has_targets = !d.target.empty();
    switch (d.kind) {
        case obligation_type::response:
            if (d.every_role && d.role.size() > 1)
                return "Response from each of " + joined(d.role, "and", [&](const std::string& id) { return std::string(role_title(roles, id)); });
            return d.role.empty() ? std::string("Response") : "Response from " + roles_or(roles, d.role);
        case obligation_type::meeting: {
            std::string what = d.rule && !d.rule->meeting.empty() ? words(d.rule->meeting) : std::string("meeting");
            if (what.find("meeting") == std::string::npos) what += " meeting";  // "challenge" -> "challenge meeting"
            return owed_by(roles, d) + "hold a " + what + (has_targets ? " with " + targets_and(roles, d) : std::string());
        }
        case obligation_type::record:
            return owed_by(roles, d) + "record it" + (d.system.empty() ? std::string() : " in " + d.system);
        case obligation_type::notify:
            return owed_by(roles, d) + "tell " + (has_targets ? targets_and(roles, d) : std::string("those concerned"));
        case obligation_type::referral: return owed_by(roles, d) + "refer to Cafcass";
        case obligation_type::reminder:
            return owed_by(roles, d) + "remind " + (has_targets ? targets_and(roles, d) : std::string("the responder"));
        case obligation_type::overall: return "Dispute to be resolved (overall time limit)";
        case obligation_type::resolution:
            return d.role.empty() ? std::string("Resolution") : "Resolution from " + roles_or(roles, d.role);
        case obligation_type::consult:
            return owed_by(roles, d) + "consult " + (has_targets ? targets_and(roles, d) : std::string("those named"));
    }
    return d.id;
}

}  // namespace

void build_duties(policy::data& model) {
    model.duties.clear();
    auto& layout = model.duty_index;
    layout = {};
    table t(model.duties);
    for (std::size_t k = 0; k < model.stages.size(); ++k) {
        const auto& st = model.stages[k];
        const std::string base = "/stages/" + std::to_string(k);
        duty_layout::at_stage at;
        at.response = t.next();
        // A stage's own clock: for the reply, or for the outcome (met only by resolution).
        if (st.timescale.purpose == timescale_for::resolution)
            t.add("resolution", obligation_type::resolution, base + "/timescale").role = st.responder;
        else
            t.add("response", obligation_type::response, base + "/timescale").role = st.responder;
        model.duties.back().every_role = st.every_responder;
        // Notifications are sent by whoever raises the concern at this stage.
        const std::vector<std::string> raiser = st.raised_by.empty() ? std::vector<std::string>{"IRO"} : st.raised_by;
        at.notify = t.next();
        t.recipients("notify", st.notify, raiser, base + "/notify");
        at.copy = t.next();
        t.recipients("copy", st.copy, raiser, base + "/copy");
        at.rules = t.next();
        t.rules(st.obligations, base + "/obligations");
        layout.stages.push_back(at);
    }
    // The stages whose last entry a from_stage rule counts from (the state keeps only those).
    const auto count_from = [&](const std::vector<obligation_rule>& rules) {
        for (const auto& r : rules)
            for (std::size_t k = 0; k < model.stages.size(); ++k)
                if (!r.from_stage.empty() && model.stages[k].id == r.from_stage) layout.stages[k].counted_from = true;
    };
    for (const auto& st : model.stages) count_from(st.obligations);
    count_from(model.obligations);
    layout.rules = t.next();
    t.rules(model.obligations, "/obligations");
    layout.overall = t.next();
    t.add("overall", obligation_type::overall, "/rules/overall_cap");
    // The referral and telling others of it are owed by those who run the process.
    const std::vector<std::string> runners = model.applies_to.empty() ? std::vector<std::string>{"IRO"} : model.applies_to;
    layout.referral = t.next();
    t.add("referral", obligation_type::referral, "/rules/referral/within").role = runners;
    layout.informs = t.next();
    t.recipients("informs", model.rules.referral.informs, runners, "/rules/referral/informs");
    model.duties.shrink_to_fit();
    // Written once here rather than for every action: the words depend on the policy alone.
    model.duty_phrases.clear();
    model.duty_phrases.reserve(model.duties.size());
    for (const auto& d : model.duties) model.duty_phrases.push_back(phrase(model.roles, d));
}

}  // namespace drp::policy_detail
