// The words of a policy's flowchart (drawing.hpp): which boxes and arrows there are and what
// each says, in the policy's own terms. The writers in render.cpp only lay it out.
#include "policy/drawing.hpp"

#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

#include "common/article.hpp"

namespace drp::drawing {
namespace {

using json = nlohmann::json;

// Display lines are wrapped at spaces so that no box grows wider than a column of the
// PDF's; joining a wrapped text's lines with single spaces gives the text back.
constexpr std::size_t wrap_width = 56;

std::size_t display_width(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::vector<std::string> wrap(const std::string& text) {
    std::vector<std::string> out;
    std::size_t begin = 0;
    while (begin <= text.size()) {
        const std::size_t newline = text.find('\n', begin);
        const std::string paragraph = text.substr(begin, newline == std::string::npos ? std::string::npos : newline - begin);
        std::string line;
        std::size_t at = 0;
        while (at <= paragraph.size()) {
            std::size_t space = paragraph.find(' ', at);
            if (space == std::string::npos) space = paragraph.size();
            const std::string word = paragraph.substr(at, space - at);
            if (!line.empty() && display_width(line) + 1 + display_width(word) > wrap_width) {
                out.push_back(line);
                line = word;
            } else {
                line += (line.empty() ? "" : " ") + word;
            }
            at = space + 1;
        }
        out.push_back(line);
        if (newline == std::string::npos) break;
        begin = newline + 1;
    }
    return out;
}

void add(std::vector<std::string>& lines, const std::string& text) {
    for (auto& l : wrap(text)) lines.push_back(std::move(l));
}

std::string join(const std::vector<std::string>& xs, const char* sep) {
    std::string out;
    for (const auto& x : xs) out += (out.empty() ? "" : sep) + x;
    return out;
}

// "TM, SW, IRO_MANAGER / HOS_SAFEGUARDING": every entry, each entry one of its roles.
std::string each_of(const std::vector<recipient>& rs) {
    std::vector<std::string> parts;
    for (const auto& r : rs) parts.push_back(any_of(r.any_of));
    return join(parts, ", ");
}

std::string node_id(const std::string& stage_id) { return "s_" + stage_id; }

std::string stage_title(const policy& p, const std::string& id) {
    const stage* s = p.find_stage(id);
    return s ? s->title : id;
}

std::string stage_titles(const policy& p, const std::vector<std::string>& ids) {
    std::vector<std::string> titles;
    for (const auto& id : ids) titles.push_back(stage_title(p, id));
    return join(titles, ", ");
}

std::string words(std::string id) {
    std::replace(id.begin(), id.end(), '_', ' ');
    return id;
}

bool same_roles(std::vector<std::string> a, std::vector<std::string> b) {
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    return a == b;
}

bool applies_at(const std::vector<std::string>& stages, const std::string& id) {
    return stages.empty() || std::find(stages.begin(), stages.end(), id) != stages.end();
}

// ---- conditions in words ----

std::string value_text(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    return v.dump();
}

std::string logic_text(const json& rule, bool nested) {
    if (!rule.is_object() || rule.size() != 1) return value_text(rule);
    const auto it = rule.begin();
    const std::string& op = it.key();
    const json& args = it.value();
    const std::size_t n = args.is_array() ? args.size() : 1;
    auto arg = [&](std::size_t i) -> const json& { return args.is_array() ? args[i] : args; };
    auto text = [&](std::size_t i) { return logic_text(arg(i), true); };
    auto paren = [&](std::string s) { return nested ? "(" + s + ")" : s; };

    if (op == "var") {
        if (args.is_array() && args.empty()) return "the facts";
        return value_text(arg(0));
    }
    if ((op == "==" || op == "===") && n == 2) {
        if (arg(1).is_boolean()) return arg(1).get<bool>() ? text(0) : "not " + text(0);
        return text(0) + " = " + text(1);
    }
    if ((op == "!=" || op == "!==") && n == 2) {
        if (arg(1).is_boolean()) return arg(1).get<bool>() ? "not " + text(0) : text(0);
        return text(0) + " ≠ " + text(1);
    }
    static const std::pair<const char*, const char*> comparisons[] = {{"<", " < "}, {"<=", " ≤ "}, {">", " > "}, {">=", " ≥ "}};
    for (const auto& [name, sign] : comparisons)
        if (op == name && (n == 2 || n == 3)) return n == 2 ? text(0) + sign + text(1) : text(0) + sign + text(1) + sign + text(2);
    if (op == "in" && n == 2) {
        if (arg(1).is_array()) {
            std::vector<std::string> options;
            for (const auto& v : arg(1)) options.push_back(logic_text(v, true));
            return text(0) + " is " + join(options, " or ");
        }
        return text(0) + " is in " + text(1);
    }
    if ((op == "and" || op == "or") && args.is_array()) {
        std::vector<std::string> parts;
        for (std::size_t i = 0; i < n; ++i) parts.push_back(text(i));
        return paren(join(parts, op == "and" ? " and " : " or "));
    }
    if (op == "!" && n == 1) return arg(0).is_object() && !arg(0).contains("var") ? "not (" + logic_text(arg(0), false) + ")" : "not " + text(0);
    if (op == "!!" && n == 1) return logic_text(arg(0), nested);
    return rule.dump();
}

// ---- timescales, preconditions and duties in words ----

// `verb`: "respond", or "resolve" for a stage whose timescale is for its outcome.
std::string timescale_text(const stage_timescale& t, const std::string& verb = "respond") {
    switch (t.form) {
        case stage_timescale::type::fixed: return verb + " within " + to_string(*t.fixed_or_default);
        case stage_timescale::type::by_urgency: {
            // The urgencies that use the default read as the rule, the others as exceptions:
            // trust-qas "5 working days; imminent risk: 24 hours".
            std::string exceptions;
            for (auto u : {urgency::standard, urgency::urgent, urgency::imminent_risk}) {
                const auto d = t.for_urgency(u);
                if (d && d != t.fixed_or_default) exceptions += "; " + words(std::string(to_string(u))) + ": " + to_string(*d);
            }
            if (!t.fixed_or_default) return verb + " within" + exceptions.substr(1);
            return verb + " within " + to_string(*t.fixed_or_default) + exceptions;
        }
        case stage_timescale::type::agreed:
            return verb + " by a date the IRO agrees" + (t.agreed_date_required ? " (required)" : "") +
                   (t.fixed_or_default ? "; otherwise within " + to_string(*t.fixed_or_default) : "");
        case stage_timescale::type::none: return "no fixed timescale";
    }
    return "";
}

std::string precondition_text(const precondition& pre) {
    if (pre.what == precondition::type::legal_advice) return "legal advice";
    std::string text = pre.agreement ? "consult " + pre.role + " and have their agreement" : "consult " + pre.role;
    // "only_when": when the dispute starts here above the first stage, or bypasses into it.
    if (pre.only_starting_higher && pre.only_bypassing) text += " (when starting here or passing over to here)";
    else if (pre.only_starting_higher) text += " (when starting here)";
    else if (pre.only_bypassing) text += " (when passing over to here)";
    return text;
}

std::string preconditions_text(const std::vector<precondition>& pres) {
    std::vector<std::string> parts;
    for (const auto& pre : pres) parts.push_back(precondition_text(pre));
    return join(parts, "; ");
}

// When the duty falls due, after its trigger: "within 24 hours", "within 7 calendar days
// of the meeting", "on resolution". `everywhere`: a policy-wide duty.
std::string timing_text(const policy& p, const obligation_rule& o, bool everywhere) {
    if (o.immediately) return " immediately";
    const std::string within = o.within ? " within " + to_string(*o.within) : "";
    const bool timed = o.within.has_value();
    std::string after;
    switch (o.from) {
        case trigger::stage_entry:
            if (!o.from_stage.empty()) after = (timed ? " of entering " : " on entering ") + stage_title(p, o.from_stage);
            else if (everywhere) after = timed ? " of entering each stage" : " on entering each stage";
            break;
        case trigger::dispute_raised: after = timed ? " of the raise" : " when the dispute is raised"; break;
        case trigger::response_due: after = timed ? " of the response falling due" : " if no response by the due date"; break;
        case trigger::response_received: after = timed ? " of the response" : " on the response"; break;
        case trigger::meeting: after = timed ? " of the meeting" : " after the meeting"; break;
        case trigger::event: after = (timed ? " of each " : " at each ") + join(o.events, ", "); break;
        case trigger::resolved: after = timed ? " of resolution" : everywhere ? "" : " on resolution"; break;  // the Resolved box says it
        case trigger::duty_met: after = (timed ? " of " : " once ") + words(o.after) + (timed ? " being done" : " is done"); break;
    }
    return within + after;
}

std::string duty_text(const policy& p, const obligation_rule& o, bool everywhere) {
    // every_role: each of them must do it ("A, B each"), not any one ("A / B").
    const std::string who = o.every_role ? join(o.roles, ", ") + " each" : any_of(o.roles);
    const std::string whom = each_of(o.targets);
    std::string what;
    switch (o.kind) {
        case obligation_kind::record: what = "records" + (o.system.empty() ? "" : " in " + o.system); break;
        case obligation_kind::notify: what = "notifies " + whom + (o.system.empty() ? "" : " by " + o.system); break;
        case obligation_kind::meeting:
            what = "holds " + (o.meeting.empty() ? std::string("a meeting") : detail::with_article(words(o.meeting)) + " meeting") +
                   (whom.empty() ? "" : " with " + whom);
            break;
        case obligation_kind::reminder: what = "reminds " + whom; break;
        case obligation_kind::referral: what = "refers" + (whom.empty() ? "" : " to " + whom); break;
        case obligation_kind::response: what = "responds"; break;
        case obligation_kind::consult: what = "consults " + whom; break;
    }
    std::string text = "• " + who + " " + what + timing_text(p, o, everywhere);
    if (o.discretionary) text += " (if necessary)";
    if (o.when) text += " (only if " + condition_text(*o.when) + ")";
    return text;
}

// The escalation reasons allowed from a stage, in words. Discretion allowed from every
// stage is said once among the rules rather than on every arrow.
std::vector<std::string> reasons_from(const policy& p, const std::string& stage_id) {
    std::vector<std::string> out;
    for (auto r : {escalation_reason::no_response, escalation_reason::inadequate_response, escalation_reason::not_resolved,
                   escalation_reason::discretion}) {
        const auto& rule = p.rules().escalation[static_cast<int>(r)];
        if (!rule.allowed || !applies_at(rule.stages, stage_id)) continue;
        if (r == escalation_reason::discretion && rule.stages.empty() && !out.empty()) continue;
        out.push_back(words(std::string(to_string(r))));
    }
    return out;
}

node stage_node(const policy& p, const stage& s, bool is_natural_start) {
    const auto& rules = p.rules();
    node n{node_id(s.id), wrap(s.title), {},
           s.kind == stage_kind::referral ? node::shape::referral
           : s.optional                   ? node::shape::optional_stage
                                          : node::shape::stage};
    auto& l = n.lines;
    if (s.optional) add(l, "optional stage");
    if (s.when && !is_natural_start) add(l, "only when " + condition_text(*s.when));
    if (!same_roles(s.raised_by, p.applies_to())) add(l, "raised by " + any_of(s.raised_by));
    if (!s.responder.empty())
        add(l, s.every_responder ? "responds: " + join(s.responder, ", ") + " (each of them)" : "responds: " + any_of(s.responder));
    if (s.kind != stage_kind::referral || s.timescale.form != stage_timescale::type::none) {
        std::string t = timescale_text(s.timescale, s.timescale.purpose == timescale_for::resolution ? "resolve" : "respond");
        if (!s.timescale_from.empty() && s.timescale.form != stage_timescale::type::none)
            t += " of " + words(s.timescale_from) + " being done";
        add(l, t);
    }
    if (!s.judged_by.empty()) add(l, "judged together by " + join(s.judged_by, ", "));
    if (!s.notify.empty()) add(l, "notify: " + each_of(s.notify));
    if (!s.copy.empty()) add(l, "copy: " + each_of(s.copy));
    if (!s.preconditions.empty()) add(l, "before entry: " + preconditions_text(s.preconditions));
    for (const auto& o : s.obligations) add(l, duty_text(p, o, false));
    if (rules.extension.allowed && !rules.extension.stages.empty() && applies_at(rules.extension.stages, s.id))
        add(l, "more time by agreement of " + any_of(rules.extension.agreed_by));
    if (rules.legal_advice.allowed && !rules.legal_advice.at_any_point && applies_at(rules.legal_advice.stages, s.id))
        add(l, "legal advice may be sought");
    return n;
}

std::vector<std::string> referral_lines(const policy_rules::referral_rule& r) {
    std::vector<std::string> l;
    if (r.when) add(l, "only when " + condition_text(*r.when));
    if (r.concurrent_allowed) add(l, "may run alongside the internal process");
    if (!r.preconditions.empty()) add(l, "before referral: " + preconditions_text(r.preconditions));
    if (r.within) add(l, "refer within " + to_string(*r.within) + (r.preconditions.empty() ? "" : " once these are done"));
    if (!r.informs.empty()) add(l, "notify: " + each_of(r.informs));
    return l;
}

std::vector<std::string> rule_lines(const policy& p) {
    const auto& r = p.rules();
    std::vector<std::string> l;
    if (r.bypass.allowed) {
        std::string text = "Bypass: " + any_of(p.applies_to()) + " may escalate past stages";
        if (!r.bypass.from_stages.empty()) text += " from " + stage_titles(p, r.bypass.from_stages);
        if (!r.bypass.to_stages.empty()) text += " to " + stage_titles(p, r.bypass.to_stages);
        add(l, text + (r.bypass.requires_reason ? " (with a reason)" : ""));
    }
    if (const auto& d = r.escalation[static_cast<int>(escalation_reason::discretion)]; d.allowed && d.stages.empty())
        add(l, "Discretion: " + any_of(p.applies_to()) + " may escalate from any stage at their discretion");
    if (r.pause.allowed) {
        std::string text = "Time out (the clocks stop): approved by " + any_of(r.pause.approved_by);
        std::vector<std::string> kinds;
        for (auto k : r.pause.kinds) kinds.push_back(std::string(to_string(k)));
        if (!kinds.empty()) text += ", at " + join(kinds, " and ") + " stages";
        if (!r.pause.stages.empty()) text += ", at " + stage_titles(p, r.pause.stages);
        add(l, text + (r.pause.requires_reason ? " (with a reason)" : ""));
    }
    if (r.extension.allowed && r.extension.stages.empty())
        add(l, "More time: by agreement of " + any_of(r.extension.agreed_by));
    if (r.legal_advice.allowed && r.legal_advice.at_any_point) add(l, "Legal advice may be sought at any point");
    if (r.overall_cap) {
        std::vector<std::string> kinds;
        for (auto k : r.overall_cap->kinds) kinds.push_back(std::string(to_string(k)));
        add(l, (kinds.empty() ? std::string("The whole process") : "The " + join(kinds, " and ") + " process") +
                   ": no more than " + to_string(r.overall_cap->within) + " in all");
    }
    if (r.timescales_are_guidance) add(l, "Stage timescales are guidance");
    if (!r.other_routes.empty()) {  // "instead of escalation": complaints, advocacy
        std::vector<std::string> titles;
        for (const auto& o : r.other_routes) titles.push_back(o.title);
        add(l, "Another route instead of escalation: " + join(titles, ", "));
    }
    return l;
}

}  // namespace

std::string any_of(const std::vector<std::string>& roles) { return join(roles, " / "); }

std::string condition_text(const condition& c) { return logic_text(c.source(), false); }

picture describe(const policy& p) {
    picture d;
    d.title = p.authority() + " — " + p.title() + " (" + p.id() + " " + p.version() + ")";
    const auto& stages = p.stages();
    const auto& rules = p.rules();

    // Where a dispute may open: the first stage whose condition holds, so each conditional
    // stage at the head of the ladder is a question (seed 002's "serious enough to need
    // immediate action?"), and the first unconditional one is where every other dispute
    // opens. Starting higher is said on the start box.
    std::vector<std::size_t> natural_starts;
    for (std::size_t k = 0; k < stages.size(); ++k) {
        natural_starts.push_back(k);
        if (!stages[k].when) break;
    }

    node start{"start", {"Concern identified"}, {}, node::shape::start};
    add(start.lines, "raised by " + any_of(p.applies_to()));
    if (rules.start_above_first.allowed)
        add(start.lines, "may start at " +
                             (rules.start_above_first.stages.empty() ? std::string("a later stage")
                                                                     : stage_titles(p, rules.start_above_first.stages)) +
                             (rules.start_above_first.requires_reason ? " (with a reason)" : ""));
    for (const auto& o : p.obligations())
        if (o.from == trigger::dispute_raised) add(start.lines, duty_text(p, o, true));
    d.nodes.push_back(std::move(start));

    std::string from = "start";
    std::vector<std::string> label = {"raise"};
    for (const std::size_t k : natural_starts) {
        if (!stages[k].when) {
            d.edges.push_back({from, node_id(stages[k].id), label, edge::style::solid});
            break;
        }
        const std::string question = "d_" + stages[k].id;
        d.nodes.push_back({question, wrap(condition_text(*stages[k].when) + "?"), {}, node::shape::decision});
        d.edges.push_back({from, question, label, edge::style::solid});
        d.edges.push_back({question, node_id(stages[k].id), {"yes"}, edge::style::solid});
        from = question;
        label = {"no"};
    }

    for (std::size_t k = 0; k < stages.size(); ++k) {
        const bool natural_start = std::find(natural_starts.begin(), natural_starts.end(), k) != natural_starts.end();
        d.nodes.push_back(stage_node(p, stages[k], natural_start));
    }
    if (rules.referral.allowed) {
        const auto referral_stage = std::find_if(stages.begin(), stages.end(), [](const stage& s) { return s.kind == stage_kind::referral; });
        std::string target = "cafcass";
        if (referral_stage == stages.end()) {
            d.nodes.push_back({"cafcass", {"Referral to Cafcass"}, referral_lines(rules.referral), node::shape::referral});
        } else {
            target = node_id(referral_stage->id);
            auto& n = *std::find_if(d.nodes.begin(), d.nodes.end(), [&](const node& x) { return x.id == target; });
            for (auto& l : referral_lines(rules.referral)) n.lines.push_back(std::move(l));
        }
        if (rules.referral.at_any_point) {
            d.edges.push_back({"start", target, wrap("refer at any point"), edge::style::dashed});
        } else {
            for (const auto& id : rules.referral.stages)
                if (node_id(id) != target) d.edges.push_back({node_id(id), target, {"refer"}, edge::style::dashed});
        }
    }

    // Ordinary escalation: to the stages `next` lists, or to the following stage, passing
    // over optional stages and stages that may not apply.
    for (std::size_t k = 0; k < stages.size(); ++k) {
        const auto reasons = reasons_from(p, stages[k].id);
        if (reasons.empty()) continue;  // nothing the policy allows leads on from here
        const std::string because = join(reasons, " or ");
        if (stages[k].next) {
            for (const auto& n : *stages[k].next) d.edges.push_back({node_id(stages[k].id), node_id(n), wrap(because), edge::style::solid});
            continue;
        }
        std::vector<std::string> passed;
        for (std::size_t n = k + 1; n < stages.size(); ++n) {
            d.edges.push_back({node_id(stages[k].id), node_id(stages[n].id),
                               wrap(passed.empty() ? because : because + " (passing over " + join(passed, ", ") + ")"),
                               passed.empty() ? edge::style::solid : edge::style::dashed});
            if (!stages[n].optional && !stages[n].when) break;
            passed.push_back(stages[n].title);
        }
    }

    node throughout{"throughout", {"Throughout the process"}, {}, node::shape::note};
    node resolved{"resolved", {"Resolved"}, {}, node::shape::end};
    for (const auto& o : p.obligations()) {
        if (o.from == trigger::resolved) add(resolved.lines, duty_text(p, o, true));
        else if (o.from != trigger::dispute_raised) add(throughout.lines, duty_text(p, o, true));
    }
    if (!throughout.lines.empty()) d.nodes.push_back(std::move(throughout));
    if (!resolved.lines.empty()) {
        // Below the ladder, as in the documents, without an arrow of its own: any stage may resolve.
        if (!stages.empty()) d.edges.push_back({node_id(stages.back().id), "resolved", {}, edge::style::invisible});
        d.nodes.push_back(std::move(resolved));
    }
    if (auto lines = rule_lines(p); !lines.empty()) d.nodes.push_back({"rules", {"Rules"}, std::move(lines), node::shape::note});
    node key{"key",
             {"Key"},
             {"solid arrow: escalation, with the reasons allowed", "dashed arrow: passing over a stage, or referral",
              "dashed box: optional stage; double box: referral", "A / B: any one of them; A, B: each of them"},
             node::shape::note};
    // The document's words for the roles the boxes name by id ("HOS_QAPD").
    for (const auto& r : p.roles()) add(key.lines, r.id + ": " + r.title);
    d.nodes.push_back(std::move(key));
    // The notes stand in one column beside the ladder rather than in a row above it.
    std::string above;
    for (const auto& n : d.nodes) {
        if (n.form != node::shape::note) continue;
        if (!above.empty()) d.edges.push_back({above, n.id, {}, edge::style::invisible});
        above = n.id;
    }
    return d;
}

}  // namespace drp::drawing
