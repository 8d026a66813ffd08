// The policy rules JSON Schema cannot express (docs/policy-authoring.md §16). Pointers
// and messages match tests/python/policy_semantics.py, the oracle the seeds were written
// against; a test keeps the two in agreement.
#include <algorithm>
#include <map>
#include <set>

#include "policy/policy_data.hpp"

namespace drp::policy_detail {
namespace {

using nlohmann::json;
using sev = diagnostic::severity;

const std::set<std::string> facts{"urgency",      "category",      "cross_council", "stage.id",
                                  "stage.level",  "stage.kind",    "stage.optional", "entry.reason",
                                  "entry.bypass", "entry.from",    "max_level",     "consulted",
                                  "legal_advice", "referral.status", "referral.concurrent", "paused",
                                  "case_type", "raised_by"};
const std::set<std::string> reserved_obligation_ids{"response", "overall", "referral"};

const json& member(const json& j, const char* key) {
    static const json null_value;
    if (!j.is_object()) return null_value;
    const auto it = j.find(key);
    return it == j.end() ? null_value : *it;
}

// JSON pointer escaping for object keys (RFC 6901).
std::string escape(const std::string& key) {
    std::string out;
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

class checker {
public:
    checker(const json& doc, const policy::data& model, std::vector<finding>& out)
        : doc_(doc), model_(model), out_(out) {
        for (const auto& r : model.roles) roles_.insert(r.id);
        for (std::size_t i = 0; i < model.stages.size(); ++i) index_.emplace(model.stages[i].id, i);
    }

    void run() {
        check_stage_order();
        role_list("/applies_to", member(doc_, "applies_to"));
        const json& stage_docs = member(doc_, "stages");
        for (std::size_t i = 0; i < stage_docs.size(); ++i) check_stage(i, stage_docs[i]);
        obligations("/obligations", member(doc_, "obligations"), std::nullopt);
        for (std::size_t j = 0; j < member(doc_, "obligations").size(); ++j)  // S39
            check_after("/obligations/" + std::to_string(j), member(doc_, "obligations")[j], std::nullopt);
        global_ids();
        rules();
        reporting();
        reachability();
        cap_and_kinds();
        unused_roles();
        readability();
        closures();
    }

private:
    void error(std::string pointer, std::string message, std::string rule, std::string hint = {}) {
        out_.push_back({sev::error, std::move(pointer), std::move(message), std::move(hint), std::move(rule)});
    }
    void warning(std::string pointer, std::string message, std::string rule, std::string hint = {}) {
        out_.push_back({sev::warning, std::move(pointer), std::move(message), std::move(hint), std::move(rule)});
    }

    void check_stage_order() {  // S3, S4
        const auto& s = model_.stages;
        std::map<std::string, std::size_t> first;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const auto [it, fresh] = first.emplace(s[i].id, i);
            if (!fresh)
                error("/stages/" + std::to_string(i) + "/id",
                      "duplicate stage id '" + s[i].id + "' (first at /stages/" + std::to_string(it->second) + ")",
                      "duplicate-stage", "give each stage its own id");
            if (i > 0 && s[i].level <= s[i - 1].level)
                error("/stages/" + std::to_string(i) + "/level",
                      "level " + std::to_string(s[i].level) + " does not increase on the previous stage's " +
                          std::to_string(s[i - 1].level),
                      "level-order", "list stages from the lowest level of seniority to the highest");
        }
    }

    void role(const std::string& pointer, const json& value) {  // S5
        if (value.is_object()) {
            const json& any = member(value, "any_of");
            for (std::size_t j = 0; j < any.size(); ++j) role(pointer + "/any_of/" + std::to_string(j), any[j]);
        } else if (value.is_string() && !roles_.count(value.get<std::string>())) {
            used_.insert(value.get<std::string>());
            error(pointer, "role '" + value.get<std::string>() + "' is not defined in /roles", "unknown-role",
                  "add it to \"roles\" with a title, or correct the spelling");
        } else if (value.is_string()) {
            used_.insert(value.get<std::string>());
        }
    }
    void role_list(const std::string& pointer, const json& values) {
        if (!values.is_array()) return;
        for (std::size_t j = 0; j < values.size(); ++j) role(pointer + "/" + std::to_string(j), values[j]);
    }

    void stage_ref(const std::string& pointer, const json& value) {  // S6
        if (value.is_string() && !index_.count(value.get<std::string>()))
            error(pointer, "stage '" + value.get<std::string>() + "' is not defined in /stages", "unknown-stage",
                  "use one of the ids in \"stages\"");
    }
    void stage_list(const std::string& pointer, const json& values) {
        if (!values.is_array()) return;
        for (std::size_t j = 0; j < values.size(); ++j) stage_ref(pointer + "/" + std::to_string(j), values[j]);
    }

    void condition(const std::string& pointer, const json& expr, bool iterating = false) {  // S12
        if (expr.is_array()) {
            for (std::size_t j = 0; j < expr.size(); ++j) condition(pointer + "/" + std::to_string(j), expr[j], iterating);
        } else if (expr.is_object() && expr.size() == 1) {
            const auto first = expr.begin();
            const std::string& op = first.key();
            const json& args = first.value();
            if (op == "var" && !iterating) {
                const json& name = args.is_array() ? (args.empty() ? json() : args[0]) : args;
                const std::string text = name.is_string() ? name.get<std::string>() : name.dump();
                if (!name.is_string() || !facts.count(text))
                    error(pointer, "unknown fact '" + text + "'", "unknown-fact",
                          "facts are: urgency, category, cross_council, stage.id, stage.level, stage.kind, "
                          "stage.optional, entry.reason, entry.bypass, entry.from, max_level, consulted, "
                          "legal_advice, referral.status, referral.concurrent, paused, case_type, raised_by");
            } else if ((op == "all" || op == "none" || op == "some") && args.is_array()) {
                if (!args.empty()) condition(pointer + "/" + escape(op) + "/0", args[0], iterating);
                for (std::size_t j = 1; j < args.size(); ++j)
                    condition(pointer + "/" + escape(op) + "/" + std::to_string(j), args[j], true);
            } else {
                condition(pointer + "/" + escape(op), args, iterating);
            }
        }
    }

    // Whether `id` is an obligation of stage i or a global obligation.
    bool duty_at_stage(std::optional<std::size_t> i, const std::string& id) const {
        const auto named = [&](const std::vector<obligation_rule>& rules) {
            return std::any_of(rules.begin(), rules.end(), [&](const obligation_rule& r) { return r.id == id; });
        };
        return (i && named(model_.stages[*i].obligations)) || named(model_.obligations);
    }
    void check_after(const std::string& p, const json& ob, std::optional<std::size_t> stage) {
        const json& after = member(ob, "after");
        if (!after.is_string()) return;
        const std::string id = after.get<std::string>();
        if (id == member(ob, "id"))
            error(p + "/after", "'" + id + "' cannot start after itself", "unknown-duty", "name another duty of the stage");
        else if (!duty_at_stage(stage, id))
            error(p + "/after", "no obligation '" + id + "'" + (stage ? " at '" + model_.stages[*stage].id + "'" : std::string()) +
                  " or among the global obligations", "unknown-duty", "name the duty whose meeting starts this one");
    }

    void obligations(const std::string& pointer, const json& items, std::optional<std::size_t> own_stage) {
        if (!items.is_array()) return;
        std::set<std::string> seen;
        for (std::size_t j = 0; j < items.size(); ++j) {
            const json& ob = items[j];
            const std::string p = pointer + "/" + std::to_string(j);
            const std::string id = member(ob, "id").is_string() ? member(ob, "id").get<std::string>() : "";
            if (seen.count(id)) error(p + "/id", "duplicate obligation id '" + id + "'", "duplicate-obligation");  // S8
            if (reserved_obligation_ids.count(id))
                error(p + "/id", "obligation id '" + id + "' is reserved", "reserved-id",
                      "response, overall and referral name the engine's own obligations");  // S9
            else if (id == "resolution" && std::any_of(model_.stages.begin(), model_.stages.end(), [](const stage& st) {
                         return st.timescale.purpose == timescale_for::resolution;
                     }))
                error(p + "/id", "obligation id 'resolution' is reserved (a stage's timescale is for resolution)", "reserved-id",
                      "a stage with \"timescale_for\": \"resolution\" owes an obligation named resolution; choose another id");
            seen.insert(id);
            if (member(ob, "every_role") == true) {  // S37
                const json& kind = member(ob, "kind");
                if (kind != "response" && kind != "record" && kind != "notify")
                    error(p + "/every_role", "every_role applies to response, record and notify duties, not " +
                          (kind.is_string() ? kind.get<std::string>() : std::string("this kind")), "every-role-kind",
                          "give the duty to each role in its own obligation, or drop every_role");
                else if (member(ob, "role").size() < 2)
                    warning(p + "/every_role", "every_role with fewer than two roles changes nothing", "every-one-alone",
                            "list every role that owes it in \"role\", or drop every_role");
            }
            role_list(p + "/role", member(ob, "role"));
            role_list(p + "/target", member(ob, "target"));
            if (ob.contains("when")) condition(p + "/when", ob.at("when"));
            if (const json& from_stage = member(ob, "from_stage"); from_stage.is_string()) {  // S10
                const auto it = index_.find(from_stage.get<std::string>());
                if (it == index_.end()) stage_ref(p + "/from_stage", from_stage);
                else if (own_stage && it->second >= *own_stage)
                    error(p + "/from_stage", "'" + from_stage.get<std::string>() + "' is not an earlier stage",
                          "from-stage-order");
            }
            const json& from = member(ob, "from");  // (not == "response_due": noexcept, and it allocates)
            if (from.is_string() && from.get_ref<const std::string&>() == "response_due" && own_stage &&
                model_.stages[*own_stage].timescale.form == stage_timescale::type::none)  // S11
                error(p + "/from", "response_due on a stage without a response timescale", "response-due");
        }
    }

    void check_stage(std::size_t i, const json& s) {
        const std::string p = "/stages/" + std::to_string(i);
        for (const char* key : {"raised_by", "responder", "notify", "copy", "judged_by"}) role_list(p + "/" + key, member(s, key));
        if (s.contains("judged_by") && model_.stages[i].responder.empty() &&  // S40
            model_.stages[i].timescale.form == stage_timescale::type::none)
            warning(p + "/judged_by", "'" + model_.stages[i].id + "' expects no response, so there is nothing to judge",
                    "judged-without-response", "name the stage's responder, or drop judged_by");
        const json& pre = member(s, "requires");
        for (std::size_t j = 0; j < pre.size(); ++j)
            if (pre[j].contains("consult")) role(p + "/requires/" + std::to_string(j) + "/consult", pre[j].at("consult"));
        if (s.contains("when")) condition(p + "/when", s.at("when"));
        if (const json& from = member(s, "timescale_from"); from.is_string()) {  // S39
            if (!duty_at_stage(i, from.get<std::string>()))
                error(p + "/timescale_from", "no obligation '" + from.get<std::string>() + "' at '" + model_.stages[i].id +
                      "' or among the global obligations", "unknown-duty",
                      "name one of the stage's obligations (the duty whose meeting starts the clock)");
            else if (model_.stages[i].timescale.form == stage_timescale::type::none)
                warning(p + "/timescale_from", "'" + model_.stages[i].id + "' has no timescale to start", "timescale-from-untimed");
        }
        for (std::size_t j = 0; j < member(s, "obligations").size(); ++j)  // S39
            check_after(p + "/obligations/" + std::to_string(j), member(s, "obligations")[j], i);
        if (member(s, "every_responder") == true && member(s, "responder").size() < 2)  // S37
            warning(p + "/every_responder", "every_responder with fewer than two responders changes nothing", "every-one-alone",
                    "list each organisation's responder in \"responder\", or drop every_responder");
        const json& next = member(s, "next");
        for (std::size_t j = 0; j < next.size(); ++j) {  // S7
            if (!next[j].is_string()) continue;
            const auto it = index_.find(next[j].get<std::string>());
            if (it == index_.end()) stage_ref(p + "/next/" + std::to_string(j), next[j]);
            else if (it->second <= i)
                error(p + "/next/" + std::to_string(j),
                      "next stage '" + next[j].get<std::string>() + "' is not later than '" + model_.stages[i].id + "'",
                      "next-order", "escalation only goes up; list later stages");
        }
        obligations(p + "/obligations", member(s, "obligations"), i);
        notify_and_copy(i);
    }

    void notify_and_copy(std::size_t i) {  // S28
        const auto& st = model_.stages[i];
        std::set<std::string> notified;
        for (const auto& r : st.notify)
            if (r.any_of.size() == 1) notified.insert(r.any_of[0]);
        for (std::size_t j = 0; j < st.copy.size(); ++j)
            if (st.copy[j].any_of.size() == 1 && notified.count(st.copy[j].any_of[0]))
                warning("/stages/" + std::to_string(i) + "/copy/" + std::to_string(j),
                        "'" + st.copy[j].any_of[0] + "' is both notified and copied at '" + st.id + "'", "notify-and-copy");
    }

    void global_ids() {
        std::set<std::string> stage_ids;
        for (const auto& s : model_.stages)
            for (const auto& o : s.obligations) stage_ids.insert(o.id);
        for (std::size_t j = 0; j < model_.obligations.size(); ++j)
            if (stage_ids.count(model_.obligations[j].id))
                error("/obligations/" + std::to_string(j) + "/id",
                      "global obligation id '" + model_.obligations[j].id + "' repeats a stage obligation id",
                      "duplicate-obligation");
    }

    void rules() {
        const json& r = member(doc_, "rules");
        stage_list("/rules/bypass/from_stages", member(member(r, "bypass"), "from_stages"));
        stage_list("/rules/bypass/to_stages", member(member(r, "bypass"), "to_stages"));
        stage_list("/rules/start_above_first/stages", member(member(r, "start_above_first"), "stages"));
        stage_list("/rules/pause/stages", member(member(r, "pause"), "stages"));
        role_list("/rules/pause/approved_by", member(member(r, "pause"), "approved_by"));
        stage_list("/rules/extension/stages", member(member(r, "extension"), "stages"));
        role_list("/rules/extension/agreed_by", member(member(r, "extension"), "agreed_by"));
        const json& reasons = member(member(r, "escalation"), "reasons");
        if (reasons.is_object())
            for (const auto& [reason, rule] : reasons.items())
                stage_list("/rules/escalation/reasons/" + escape(reason) + "/stages", member(rule, "stages"));
        const json& referral = member(r, "referral");
        if (referral.contains("when")) condition("/rules/referral/when", referral.at("when"));
        stage_list("/rules/referral/stages", member(referral, "stages"));
        role_list("/rules/referral/informs", member(referral, "informs"));
        const json& pre = member(referral, "preconditions");
        for (std::size_t j = 0; j < pre.size(); ++j)
            if (pre[j].contains("consult")) role("/rules/referral/preconditions/" + std::to_string(j) + "/consult", pre[j].at("consult"));
        stage_list("/rules/legal_advice/stages", member(member(r, "legal_advice"), "stages"));

        const bool referral_stage = std::any_of(model_.stages.begin(), model_.stages.end(),
                                                [](const drp::stage& s) { return s.kind == stage_kind::referral; });
        if (referral_stage && !model_.rules.referral.allowed)  // S15
            error("/rules/referral/allowed", "a referral stage exists but referral is not allowed", "referral-stage",
                  "set rules.referral.allowed to true, or make the stage another kind");
        for (std::size_t j = 0; j < pre.size(); ++j)  // S38: only_when is about entering a stage
            if (member(pre[j], "only_when").is_array())
                error("/rules/referral/preconditions/" + std::to_string(j) + "/only_when",
                      "only_when is for a stage's requires, not a referral precondition", "only-when-referral",
                      "drop only_when: a referral's preconditions apply to every referral");
        for (std::size_t j = 0; j < model_.rules.referral.preconditions.size(); ++j)  // S16
            if (model_.rules.referral.preconditions[j].what == precondition::type::legal_advice &&
                !model_.rules.legal_advice.allowed)
                error("/rules/referral/preconditions/" + std::to_string(j),
                      "referral requires legal advice, which the policy does not allow there", "legal-advice",
                      "allow legal advice in rules.legal_advice");
        statutory_referral(r);
    }

    // S36: Regulation 45 lets the IRO refer to Cafcass at any point. A policy for IROs that
    // forbids the referral, or leaves it out, is warned; one that limits it gets a note.
    // A policy whose case_types leave out looked_after is outside the IRO's power.
    void statutory_referral(const json& rules) {
        const auto& m = model_;
        const bool for_iros = std::find(m.applies_to.begin(), m.applies_to.end(), "IRO") != m.applies_to.end();
        const bool looked_after = m.case_types.empty() ||
                                  std::find(m.case_types.begin(), m.case_types.end(), "looked_after") != m.case_types.end();
        if (!for_iros || !looked_after) return;
        const std::string power = "Regulation 45 lets the IRO refer a looked-after child's case to Cafcass at any point";
        const json& referral = member(rules, "referral");
        if (referral.is_null()) {
            warning("/rules", "rules.referral is left out: " + power + ", so the referral is allowed at any point, alongside "
                    "the internal process", "referral-omitted",
                    "write \"referral\": {\"allowed\": true, \"to\": \"cafcass\", \"at_any_point\": true, "
                    "\"concurrent_allowed\": true} with the document's words, or \"case_types\": [\"child_protection\"] "
                    "if the process is for child-protection cases only");
        } else if (!m.rules.referral.allowed) {
            warning("/rules/referral/allowed", "rules.referral forbids the Cafcass referral, but " + power +
                    " (a document that never mentions Cafcass is silent, not a prohibition)", "referral-forbidden",
                    "set \"allowed\": true and \"at_any_point\": true, or \"case_types\": [\"child_protection\"] if "
                    "the process is for child-protection cases only");
        } else if (!m.rules.referral.at_any_point) {
            out_.push_back({sev::note, "/rules/referral/at_any_point",
                            "rules.referral allows the referral only from some stages; " + power +
                                ", and the engine refuses it elsewhere",
                            "set \"at_any_point\": true unless the document limits the referral", "referral-limited"});
        }
    }

    void reporting() {
        const json& reports = member(member(doc_, "reporting"), "reports");
        for (std::size_t j = 0; j < reports.size(); ++j)
            role_list("/reporting/reports/" + std::to_string(j) + "/prepared_by", member(reports[j], "prepared_by"));
    }

    void reachability() {  // S17, S30
        const auto& s = model_.stages;
        if (s.empty()) return;
        const auto& r = model_.rules;
        std::vector<bool> reached(s.size(), false);
        std::vector<std::size_t> todo;
        auto reach = [&](std::size_t k) {
            if (k < s.size() && !reached[k]) {
                reached[k] = true;
                todo.push_back(k);
            }
        };
        reach(0);
        if (r.start_above_first.allowed) {
            if (r.start_above_first.stages.empty()) {
                for (std::size_t k = 0; k < s.size(); ++k) reach(k);
            } else {
                for (const auto& id : r.start_above_first.stages)
                    if (index_.count(id)) reach(index_.at(id));
            }
        }
        while (!todo.empty()) {
            const std::size_t k = todo.back();
            todo.pop_back();
            if (s[k].next) {
                for (const auto& id : *s[k].next)
                    if (index_.count(id)) reach(index_.at(id));
            } else {
                // Ordinary escalation goes to the following stage, passing over optional ones.
                for (std::size_t n = k + 1; n < s.size(); ++n) {
                    reach(n);
                    if (!s[n].optional && !s[n].when) break;
                }
            }
            const bool bypass_from = r.bypass.allowed && (r.bypass.from_stages.empty() ||
                std::count(r.bypass.from_stages.begin(), r.bypass.from_stages.end(), s[k].id));
            if (bypass_from)
                for (std::size_t n = k + 1; n < s.size(); ++n)
                    if (r.bypass.to_stages.empty() || std::count(r.bypass.to_stages.begin(), r.bypass.to_stages.end(), s[n].id))
                        reach(n);
        }
        for (std::size_t k = 0; k < s.size(); ++k)
            if (!reached[k])
                error("/stages/" + std::to_string(k), "stage '" + s[k].id + "' cannot be reached", "unreachable",
                      "list it in an earlier stage's \"next\", or allow a bypass or a start there");
        if (s[0].optional)
            warning("/stages/0/optional", "the first stage is optional: disputes may start past it", "optional-first");
        for (std::size_t k = 0; k + 1 < s.size(); ++k) {  // S24: a stage nobody can escalate from
            bool reason = false;
            for (const auto& e : r.escalation)
                if (e.allowed && (e.stages.empty() || std::count(e.stages.begin(), e.stages.end(), s[k].id))) reason = true;
            const bool declared_end = s[k].next && s[k].next->empty();  // "next": [] ends the route
            if (!reason && !declared_end)
                warning("/stages/" + std::to_string(k), "no escalation reason applies from '" + s[k].id + "'",
                        "dead-end", "add the stage to a reason in rules.escalation.reasons");
        }
    }

    void cap_and_kinds() {
        const auto& r = model_.rules;
        auto has_kind = [&](stage_kind k) {
            return std::any_of(model_.stages.begin(), model_.stages.end(), [&](const drp::stage& s) { return s.kind == k; });
        };
        if (r.overall_cap) {  // S19, S20
            for (std::size_t j = 0; j < r.overall_cap->kinds.size(); ++j)
                if (!has_kind(r.overall_cap->kinds[j]))
                    error("/rules/overall_cap/kinds/" + std::to_string(j),
                          "no stage is of kind '" + std::string(to_string(r.overall_cap->kinds[j])) + "'", "cap-kinds");
            if (r.overall_cap->within.in == duration::unit::working_days) {
                int sum = 0;
                std::string first, last;
                for (const auto& s : model_.stages) {
                    if (std::find(r.overall_cap->kinds.begin(), r.overall_cap->kinds.end(), s.kind) == r.overall_cap->kinds.end() || s.optional)
                        continue;
                    const auto d = s.timescale.for_urgency(urgency::standard);
                    if (!d || d->in != duration::unit::working_days) continue;
                    sum += d->amount;
                    if (first.empty()) first = s.id;
                    last = s.id;
                }
                if (sum > r.overall_cap->within.amount)
                    warning("/rules/overall_cap/within",
                            "the timescales of " + first + ".." + last + " add up to " + std::to_string(sum) +
                                " working days, more than the cap of " + std::to_string(r.overall_cap->within.amount),
                            "cap-exceeded", "a dispute that uses every stage's full time will breach the cap");
            }
        }
        if (r.pause.allowed && r.pause.stages.empty())  // S21
            for (std::size_t j = 0; j < r.pause.kinds.size(); ++j)
                if (!has_kind(r.pause.kinds[j]))
                    error("/rules/pause/kinds/" + std::to_string(j),
                          "no stage is of kind '" + std::string(to_string(r.pause.kinds[j])) + "'", "pause-kinds");
        for (std::size_t j = 0; j < r.extension.stages.size(); ++j)  // S22
            if (const auto* st = find_stage(r.extension.stages[j]); st && st->timescale.form == stage_timescale::type::none)
                warning("/rules/extension/stages/" + std::to_string(j),
                        "stage '" + st->id + "' has no timescale to extend", "extension-no-timescale");
    }

    // Warnings and notes about things that are legal but probably not what the author meant.
    void readability() {
        const auto& st = model_.stages;
        const auto& r = model_.rules;
        if (!st.empty() && std::all_of(st.begin(), st.end(), [](const drp::stage& x) { return x.when.has_value(); }))  // S18
            warning("/stages", "every stage has a condition; a dispute whose facts match none cannot be raised", "no-start-stage");
        const auto& no_response = r.escalation[static_cast<int>(escalation_reason::no_response)];  // S23
        if (no_response.allowed) {
            bool timed = false;
            for (const auto& x : st)
                if ((no_response.stages.empty() || contains(no_response.stages, x.id)) && x.timescale.form != stage_timescale::type::none)
                    timed = true;
            if (!timed)
                warning("/rules/escalation/reasons/no_response",
                        "no_response can never apply: none of its stages has a timescale", "no-response-untimed");
        }
        for (std::size_t k = 0; k < st.size(); ++k) {
            const std::string p = "/stages/" + std::to_string(k);
            // (S25 is retired: a consultation a start stage requires is recorded before the raise.)
            const auto& t = st[k].timescale;  // S26
            const bool all_urgencies = std::all_of(t.per_urgency.begin(), t.per_urgency.end(), [](const auto& d) { return d.has_value(); });
            if (t.fixed_or_default && ((t.form == stage_timescale::type::agreed && t.agreed_date_required) ||
                                       (t.form == stage_timescale::type::by_urgency && all_urgencies)))
                warning(p + "/timescale/default", "default is never used", "unused-default");
            if (st[k].responder.empty() && st[k].kind != stage_kind::referral)  // S29
                out_.push_back({diagnostic::severity::note, p + "/responder", "no responder named at '" + st[k].id + "'", "", "no-responder"});
            const bool meets = st[k].kind == stage_kind::meeting ||
                               std::any_of(st[k].obligations.begin(), st[k].obligations.end(),
                                           [](const obligation_rule& o) { return o.kind == obligation_kind::meeting; });
            for (std::size_t j = 0; j < st[k].obligations.size(); ++j)  // S31
                if (st[k].obligations[j].from == trigger::meeting && !meets)
                    warning(p + "/obligations/" + std::to_string(j) + "/from", "no meeting is expected at '" + st[k].id + "'",
                            "no-meeting");
        }
    }

    // S33-S35: closure days (the schema has checked each is a real date, and that no two
    // entries are the same). Messages name the day, never the title.
    void closures() {
        const json& items = member(doc_, "closures");
        if (!items.is_array()) return;
        std::map<date, std::size_t> first;
        for (std::size_t j = 0; j < items.size(); ++j) {
            const std::string p = "/closures/" + std::to_string(j) + "/date";
            const json& text = member(items[j], "date");
            if (!text.is_string()) continue;
            date day;
            try {
                day = parse_date(text.get<std::string>());
            } catch (const drp::error&) {
                continue;  // a schema error already
            }
            const std::string name = format_date(day);
            if (!in_supported_range(day)) {
                error(p, "closure day " + name + " is outside the supported range " + std::to_string(calendar::first_year) +
                             "-" + std::to_string(calendar::last_year), "closure-range");
                continue;
            }
            if (const auto [it, fresh] = first.emplace(day, j); !fresh) {
                error(p, "closure day " + name + " is listed twice (first at /closures/" + std::to_string(it->second) + ")",
                      "duplicate-closure", "list each day once, with the title explanations should give it");
                continue;
            }
            const auto& cal = model_.calendar;
            if (!cal.working_weekdays()[std::chrono::weekday{day}.iso_encoding() - 1])
                warning(p, "closure day " + name + " (" + format_day(day) + ") is a weekend day: deadlines skip it anyway",
                        "closure-on-weekend");
            else if (const auto* h = cal.holiday_on(day))
                warning(p, "closure day " + name + " is already a bank holiday (" + h->title + ")",
                        "closure-on-bank-holiday", "deadlines skip it anyway; explanations name the bank holiday");
        }
    }

    static bool contains(const std::vector<std::string>& xs, const std::string& x) {
        return std::find(xs.begin(), xs.end(), x) != xs.end();
    }

    void unused_roles() {  // S27
        for (const auto& r : model_.roles)
            if (!used_.count(r.id))
                warning("/roles/" + escape(r.id), "role '" + r.id + "' is never used", "unused-role");
    }

    const drp::stage* find_stage(const std::string& id) const {
        const auto it = index_.find(id);
        return it == index_.end() ? nullptr : &model_.stages[it->second];
    }

    const json& doc_;
    const policy::data& model_;
    std::vector<finding>& out_;
    std::set<std::string> roles_, used_;
    std::map<std::string, std::size_t> index_;
};

}  // namespace

void check_semantics(const json& doc, const policy::data& model, std::vector<finding>& findings) {
    checker(doc, model, findings).run();
}

}  // namespace drp::policy_detail
