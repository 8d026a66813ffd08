// What a policy's flowchart says, independent of the format that draws it: the Mermaid
// and DOT writers (render.cpp) walk this one description, so the three pictures (Mermaid,
// DOT, and SVG from DOT) always carry the same text. Internal to src/policy.
#pragma once

#include <string>
#include <vector>

#include "drp/policy.hpp"

namespace drp::drawing {

/// A box. Text is plain (the writers escape it) and already wrapped into display lines.
struct node {
    enum class shape { start, stage, optional_stage, referral, decision, end, note };
    std::string id;                  // the node's name in DOT and Mermaid: [a-z0-9_]
    std::vector<std::string> title;  // shown bold
    std::vector<std::string> lines;  // shown beneath the title
    shape form = shape::stage;
};

struct edge {
    enum class style { solid, dashed, invisible };
    std::string from, to;
    std::vector<std::string> label;  // display lines; may be empty
    style line = style::solid;
};

struct picture {
    std::string title;  // authority — title (id version)
    std::vector<node> nodes;
    std::vector<edge> edges;
};

/// The flowchart: a start box, a decision diamond per conditional first stage, one box per
/// stage (who raises it when not the process's owners, who responds, the timescale, who is
/// told and copied, what must happen before entry, its duties), escalation arrows labelled
/// with the reasons the policy allows from that stage, the Cafcass referral, a box for the
/// duties owed throughout, one for resolution, the policy-wide rules and a key.
picture describe(const policy& p);

/// "IRO / CP_CHAIR": any one of these roles (the documents' own "HoS/ADM").
std::string any_of(const std::vector<std::string>& roles);

/// A JSON Logic condition in words: {"in": [{"var": "urgency"}, ["urgent", "imminent_risk"]]}
/// reads "urgency is urgent or imminent_risk". An operator it has no words for is shown as
/// its JSON.
std::string condition_text(const condition& c);

}  // namespace drp::drawing
