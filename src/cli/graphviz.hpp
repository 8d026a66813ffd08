// Graphviz's `dot` turning a DOT drawing into SVG, for drp render --format svg and the studio.
#pragma once

#include <string>

namespace drp::cli {

/// Pipes DOT through `dot -Tsvg`; drp::error(io) when Graphviz is missing or fails.
std::string dot_to_svg(const std::string& dot);

}  // namespace drp::cli
