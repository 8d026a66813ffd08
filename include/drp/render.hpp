// drp/render.hpp — draws a policy's flowchart for its authors (Mermaid or Graphviz DOT).
#pragma once

#include <string>

#include "drp/policy.hpp"

namespace drp {

/// A Mermaid flowchart: stages top to bottom with responders and timescales; ordinary
/// escalation as solid arrows, optional stages and bypasses dashed, the Cafcass referral
/// and legal advice beside the line, time out and the overall cap as notes.
std::string render_mermaid(const policy& p);

/// The same drawing as Graphviz DOT (`dot -Tsvg` turns it into SVG).
std::string render_dot(const policy& p);

}  // namespace drp
