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
                                  "legal_advice", "referral.status", "referral.concurrent", "paused"};
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
                          "legal_advice, referral.status, referral.concurrent, paused");
            } else if ((op == "all" || op == "none" || op == "some") && args.is_array()) {
                if (!args.empty()) condition(pointer + "/" + escape(op) + "/0", args[0], iterating);
                for (std::size_t j = 1; j < args.size(); ++j)
                    condition(pointer + "/" + escape(op) + "/" + std::to_string(j), args[j], true);
            } else {
                condition(pointer + "/" + escape(op), args, iterating);
            }
        }
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
            seen.insert(id);
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
        for (const char* key : {"raised_by", "responder", "notify", "copy"}) role_list(p + "/" + key, member(s, key));
        const json& pre = member(s, "requires");
        for (std::size_t j = 0; j < pre.size(); ++j)
            if (pre[j].contains("consult")) role(p + "/requires/" + std::to_string(j) + "/consult", pre[j].at("consult"));
        if (s.contains("when")) condition(p + "/when", s.at("when"));
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
        for (std::size_t j = 0; j < model_.rules.referral.preconditions.size(); ++j)  // S16
            if (model_.rules.referral.preconditions[j].what == precondition::type::legal_advice &&
                !model_.rules.legal_advice.allowed)
                error("/rules/referral/preconditions/" + std::to_string(j),
                      "referral requires legal advice, which the policy does not allow there", "legal-advice",
                      "allow legal advice in rules.legal_advice");
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
            // The first stage, or one the policy names as a start: an open "start anywhere"
            // does not mean every stage was meant as a start.
            const bool may_start = k == 0 || (r.start_above_first.allowed && contains(r.start_above_first.stages, st[k].id));
            if (may_start && !st[k].preconditions.empty())  // S25
                warning(p + "/requires", "'" + st[k].id + "' may be a start stage but requires a consultation",
                        "start-requires", "a raise cannot carry a consultation: disputes cannot start there");
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
