// The policy's table of duties: every obligation a dispute can owe under it, with the
// parts that are the same in every dispute (id, who, whom, where, source). Disputes refer
// to these by index, so their states carry no copies of policy text.
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
            d.rule = &r;
        }
    }

private:
    std::vector<duty>& out_;
};

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
        t.add("response", obligation_type::response, base + "/timescale").role = st.responder;
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
}

}  // namespace drp::policy_detail
