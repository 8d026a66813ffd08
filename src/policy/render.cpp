// Both renderers walk one neutral description of the drawing (nodes and edges), so the
// Mermaid and DOT pictures always show the same flowchart.
#include "drp/render.hpp"

#include <algorithm>

namespace drp {
namespace {

struct node {
    std::string id, label;
    enum class shape { start, stage, optional_stage, referral, note } form;
};
struct edge {
    std::string from, to, label;
    bool dashed = false;
};
struct drawing {
    std::vector<node> nodes;
    std::vector<edge> edges;
};

std::string join(const std::vector<std::string>& xs, const char* sep = ", ") {
    std::string out;
    for (const auto& x : xs) out += (out.empty() ? "" : sep) + x;
    return out;
}

std::string timescale_text(const stage_timescale& t) {
    switch (t.form) {
        case stage_timescale::type::fixed: return to_string(*t.fixed_or_default);
        case stage_timescale::type::by_urgency: {
            std::vector<std::string> parts;
            for (auto u : {urgency::standard, urgency::urgent, urgency::imminent_risk})
                if (const auto d = t.for_urgency(u)) parts.push_back(std::string(to_string(u)) + ": " + to_string(*d));
            return join(parts, "; ");
        }
        case stage_timescale::type::agreed:
            return "date agreed by the IRO" + (t.fixed_or_default ? " (default " + to_string(*t.fixed_or_default) + ")" : std::string());
        case stage_timescale::type::none: return "";
    }
    return "";
}

std::string node_id(const std::string& stage_id) { return "s_" + stage_id; }

drawing describe(const policy& p) {
    drawing d;
    const auto& stages = p.stages();
    const auto& rules = p.rules();
    d.nodes.push_back({"start", "Concern identified", node::shape::start});
    for (const auto& s : stages) {
        std::string label = s.title;
        if (!s.responder.empty()) label += "\nresponds: " + join(s.responder);
        if (const auto t = timescale_text(s.timescale); !t.empty()) label += "\n" + t;
        d.nodes.push_back({node_id(s.id), label,
                           s.kind == stage_kind::referral ? node::shape::referral
                           : s.optional                   ? node::shape::optional_stage
                                                          : node::shape::stage});
    }
    if (!stages.empty()) d.edges.push_back({"start", node_id(stages[0].id), "raise", false});
    for (std::size_t k = 0; k < stages.size(); ++k) {
        if (stages[k].next) {
            for (const auto& n : *stages[k].next) d.edges.push_back({node_id(stages[k].id), node_id(n), "escalate", false});
            continue;
        }
        // Ordinary escalation: to the following stage, and past optional ones.
        for (std::size_t n = k + 1; n < stages.size(); ++n) {
            const bool passing_over = n > k + 1;
            d.edges.push_back({node_id(stages[k].id), node_id(stages[n].id), passing_over ? "skip optional" : "not resolved", passing_over});
            if (!stages[n].optional) break;
        }
    }
    if (rules.bypass.allowed)
        d.nodes.push_back({"bypass", "Bypass: the IRO may go to any later stage" +
                                         (rules.bypass.requires_reason ? std::string(" (with a reason)") : ""), node::shape::note});
    if (rules.start_above_first.allowed)
        d.nodes.push_back({"start_higher", "May start above the first stage" +
                                               (rules.start_above_first.requires_reason ? std::string(" (with a reason)") : ""), node::shape::note});
    if (rules.pause.allowed)
        d.nodes.push_back({"pause", "Time out: clocks stop, approved by " + join(rules.pause.approved_by), node::shape::note});
    if (rules.overall_cap)
        d.nodes.push_back({"cap", "Overall cap: " + to_string(rules.overall_cap->within), node::shape::note});
    if (rules.referral.allowed) {
        std::string label = "Referral to Cafcass";
        if (rules.referral.within) label += "\nwithin " + to_string(*rules.referral.within);
        for (const auto& pre : rules.referral.preconditions)
            label += pre.what == precondition::type::legal_advice ? "\nafter legal advice" : "\nafter consulting " + pre.role;
        const bool has_stage = std::any_of(stages.begin(), stages.end(), [](const stage& s) { return s.kind == stage_kind::referral; });
        if (!has_stage) d.nodes.push_back({"cafcass", label, node::shape::referral});
        const std::string target = has_stage ? node_id(std::find_if(stages.begin(), stages.end(), [](const stage& s) {
                                                   return s.kind == stage_kind::referral;
                                               })->id)
                                             : "cafcass";
        if (rules.referral.at_any_point) {
            d.edges.push_back({"start", target, rules.referral.concurrent_allowed ? "at any point (may run alongside)" : "at any point", true});
        } else {
            for (const auto& id : rules.referral.stages)
                if (node_id(id) != target) d.edges.push_back({node_id(id), target, "refer", true});
        }
    }
    if (rules.legal_advice.allowed)
        d.nodes.push_back({"legal", std::string("Legal advice ") + (rules.legal_advice.at_any_point ? "at any point" : "at " + join(rules.legal_advice.stages)),
                           node::shape::note});
    return d;
}

std::string mermaid_text(std::string s) {
    std::string out;
    for (char c : s) {
        if (c == '"') out += "#quot;";
        else if (c == '\n') out += "<br/>";
        else out += c;
    }
    return out;
}

std::string dot_text(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') out += "\\n";
        else out += c;
    }
    return out;
}

}  // namespace

std::string render_mermaid(const policy& p) {
    const auto d = describe(p);
    std::string out = "---\ntitle: " + mermaid_text(p.authority() + " — " + p.title() + " (" + p.id() + " " + p.version() + ")") +
                      "\n---\nflowchart TD\n";
    for (const auto& n : d.nodes) {
        const std::string label = "\"" + mermaid_text(n.label) + "\"";
        switch (n.form) {
            case node::shape::start: out += "  " + n.id + "([" + label + "])\n"; break;
            case node::shape::stage: out += "  " + n.id + "[" + label + "]\n"; break;
            case node::shape::optional_stage: out += "  " + n.id + "(" + label + ")\n"; break;
            case node::shape::referral: out += "  " + n.id + "[[" + label + "]]\n"; break;
            case node::shape::note: out += "  " + n.id + ">" + label + "]\n"; break;
        }
    }
    for (const auto& e : d.edges)
        out += "  " + e.from + (e.dashed ? " -. \"" + mermaid_text(e.label) + "\" .-> " : " -- \"" + mermaid_text(e.label) + "\" --> ") + e.to + "\n";
    return out;
}

std::string render_dot(const policy& p) {
    const auto d = describe(p);
    std::string out = "digraph \"" + dot_text(p.id()) + "\" {\n  label=\"" +
                      dot_text(p.authority() + " — " + p.title() + " (" + p.id() + " " + p.version() + ")") +
                      "\";\n  labelloc=t;\n  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=9];\n";
    for (const auto& n : d.nodes) {
        const char* attrs = "";
        switch (n.form) {
            case node::shape::start: attrs = "shape=oval"; break;
            case node::shape::stage: attrs = "shape=box, style=rounded"; break;
            case node::shape::optional_stage: attrs = "shape=box, style=\"rounded,dashed\""; break;
            case node::shape::referral: attrs = "shape=box, peripheries=2"; break;
            case node::shape::note: attrs = "shape=note, style=filled, fillcolor=\"#fff8dc\""; break;
        }
        out += "  \"" + n.id + "\" [label=\"" + dot_text(n.label) + "\", " + attrs + "];\n";
    }
    for (const auto& e : d.edges)
        out += "  \"" + e.from + "\" -> \"" + e.to + "\" [label=\"" + dot_text(e.label) + "\"" + (e.dashed ? ", style=dashed" : "") + "];\n";
    return out + "}\n";
}

}  // namespace drp
