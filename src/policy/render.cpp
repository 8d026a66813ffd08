// Writes the drawing that policy/drawing.cpp describes as Mermaid or Graphviz DOT. Both walk
// the same boxes, lines and arrows, so the pictures carry the same words; this file only
// knows each format's shapes and how to escape text in it.
#include "drp/render.hpp"

#include "policy/drawing.hpp"

namespace drp {
namespace {

using drawing::edge;
using drawing::node;

// Text inside a quoted Mermaid label. Mermaid reads "#name;" as an entity and shows the
// label as HTML, so every character that means something there is written as an entity.
std::string mermaid_text(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        switch (c) {
            case '"': out += "#quot;"; break;
            case '#': out += "#35;"; break;
            case '&': out += "#amp;"; break;
            case '<': out += "#lt;"; break;
            case '>': out += "#gt;"; break;
            case '`': out += "#96;"; break;
            case '\\':
                // In a label with markup Mermaid reads a backslash and n, even written as
                // entities, as a line break: a zero-width space keeps them apart.
                out += i + 1 < s.size() && s[i + 1] == 'n' ? "#92;#8203;" : "#92;";
                break;
            default: out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
        }
    }
    return out;
}

std::string mermaid_lines(const std::vector<std::string>& lines, const char* open = "", const char* close = "") {
    std::string out;
    for (const auto& l : lines) out += (out.empty() ? "" : "<br/>") + (open + mermaid_text(l) + close);
    return out;
}

// The front matter title: a YAML double-quoted scalar. Mermaid strips anything like a tag
// from it and shows an entity's text ("&amp;") rather than its character, so <, > and &
// are written as their full-width forms, which read the same.
std::string yaml_text(const std::string& s) {
    std::string out = "\"";
    for (const char c : s) {
        switch (c) {
            case '<': out += "＜"; break;
            case '>': out += "＞"; break;
            case '&': out += "＆"; break;
            case '"':
            case '\\': out += '\\'; out += c; break;
            default: out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
        }
    }
    return out + "\"";
}

// Text in a DOT quoted string (the graph's title and the arrows' labels).
std::string dot_text(const std::string& s) {
    std::string out;
    for (const char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    }
    return out;
}

// Text in a Graphviz HTML-like label, which is XML.
std::string html_text(const std::string& s) {
    std::string out;
    for (const char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
        }
    }
    return out;
}

std::string mermaid_label(const node& n) {
    std::string text = mermaid_lines(n.title, "<b>", "</b>");
    if (!n.lines.empty()) text += (text.empty() ? "" : "<br/>") + mermaid_lines(n.lines);
    return "\"" + text + "\"";
}

std::string dot_label(const node& n) {
    // Notes read as lists: their lines are left-aligned; a box's are centred, as in the PDFs.
    const bool list = n.form == node::shape::note || n.form == node::shape::start || n.form == node::shape::end;
    std::string text;
    for (const auto& t : n.title) text += (text.empty() ? "" : "<BR/>") + ("<B>" + html_text(t) + "</B>");
    if (!n.lines.empty()) {
        text += "<BR/><FONT POINT-SIZE=\"9\">";
        for (std::size_t i = 0; i < n.lines.size(); ++i)
            text += html_text(n.lines[i]) + (list ? "<BR ALIGN=\"LEFT\"/>" : i + 1 < n.lines.size() ? "<BR/>" : "");
        text += "</FONT>";
    }
    return "<" + text + ">";
}

std::string dot_label(const edge& e) {
    std::string text;
    for (const auto& l : e.label) text += (text.empty() ? "" : "\\n") + dot_text(l);
    return "\"" + text + "\"";
}

}  // namespace

std::string render_mermaid(const policy& p) {
    const auto d = drawing::describe(p);
    std::string out = "---\ntitle: " + yaml_text(d.title) + "\n---\nflowchart TD\n";
    std::string optional, notes;
    for (const auto& n : d.nodes) {
        const std::string label = mermaid_label(n);
        switch (n.form) {
            case node::shape::start:
            case node::shape::end: out += "  " + n.id + "([" + label + "])\n"; break;
            case node::shape::stage: out += "  " + n.id + "[" + label + "]\n"; break;
            case node::shape::optional_stage:
                out += "  " + n.id + "(" + label + ")\n";
                optional += (optional.empty() ? "" : ",") + n.id;
                break;
            case node::shape::referral: out += "  " + n.id + "[[" + label + "]]\n"; break;
            case node::shape::decision: out += "  " + n.id + "{" + label + "}\n"; break;
            case node::shape::note:
                out += "  " + n.id + ">" + label + "]\n";
                notes += (notes.empty() ? "" : ",") + n.id;
                break;
        }
    }
    for (const auto& e : d.edges) {
        const std::string label = e.label.empty() ? "" : "\"" + mermaid_lines(e.label) + "\"";
        switch (e.line) {
            case edge::style::solid: out += "  " + e.from + (label.empty() ? " --> " : " -- " + label + " --> ") + e.to + "\n"; break;
            case edge::style::dashed: out += "  " + e.from + (label.empty() ? " -.-> " : " -. " + label + " .-> ") + e.to + "\n"; break;
            case edge::style::invisible: out += "  " + e.from + " ~~~ " + e.to + "\n"; break;
        }
    }
    if (!optional.empty()) out += "  classDef optional stroke-dasharray: 5 5\n  class " + optional + " optional\n";
    if (!notes.empty()) out += "  classDef note fill:#fff8dc,stroke:#b8a66a\n  class " + notes + " note\n";
    return out;
}

std::string render_dot(const policy& p) {
    const auto d = drawing::describe(p);
    std::string out = "digraph \"" + dot_text(p.id()) + "\" {\n  label=\"" + dot_text(d.title) +
                      "\";\n  labelloc=t;\n  rankdir=TB;\n  node [fontname=\"Helvetica\", fontsize=11];\n  edge [fontname=\"Helvetica\", fontsize=9];\n";
    for (const auto& n : d.nodes) {
        const char* attrs = "";
        switch (n.form) {
            case node::shape::start: attrs = "shape=oval"; break;
            case node::shape::end: attrs = "shape=oval, peripheries=2"; break;
            case node::shape::stage: attrs = "shape=box, style=rounded"; break;
            case node::shape::optional_stage: attrs = "shape=box, style=\"rounded,dashed\""; break;
            case node::shape::referral: attrs = "shape=box, peripheries=2"; break;
            case node::shape::decision: attrs = "shape=diamond"; break;
            case node::shape::note: attrs = "shape=note, style=filled, fillcolor=\"#fff8dc\""; break;
        }
        out += "  \"" + n.id + "\" [label=" + dot_label(n) + ", " + attrs + "];\n";
    }
    for (const auto& e : d.edges) {
        const char* style = e.line == edge::style::dashed ? ", style=dashed" : e.line == edge::style::invisible ? ", style=invis" : "";
        out += "  \"" + e.from + "\" -> \"" + e.to + "\" [label=" + dot_label(e) + style + "];\n";
    }
    return out + "}\n";
}

}  // namespace drp
