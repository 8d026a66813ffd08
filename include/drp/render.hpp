// drp/render.hpp — draws a policy's flowchart for its authors (Mermaid or Graphviz DOT).
#pragma once

#include <string>

#include "drp/policy.hpp"

namespace drp {

/// A Mermaid flowchart, as the authority's document draws it: where a dispute opens (a
/// diamond per condition on the first stages), a box per stage with who raises it when not
/// the policy's `applies_to` roles, who responds, the timescale, who is notified and copied,
/// what must happen before entry and the stage's duties with their timescales; escalation
/// arrows labelled with the reasons the policy allows from each stage (dashed where they
/// pass over a stage); the Cafcass referral and what it requires; notes for the duties owed
/// throughout, resolution, the policy-wide rules and a key (docs/policy-authoring.md,
/// "Reading the drawing"). Text from the policy is escaped.
std::string render_mermaid(const policy& p);

/// The same drawing, with the same words, as Graphviz DOT with HTML-like labels (`dot -Tsvg`
/// turns it into SVG).
std::string render_dot(const policy& p);

}  // namespace drp
