// drp render POLICY --format mermaid|dot|svg — the policy's flowchart.
#include <iostream>

#include "common/output.hpp"
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/graphviz.hpp"
#include "drp/policy.hpp"
#include "drp/render.hpp"

namespace drp::cli {
namespace {

constexpr const char* render_help = R"(usage: drp render POLICY [--format mermaid|dot|svg] [--builtin]

Draws the policy's flowchart as its document shows it: where a dispute opens and on
what condition; each stage with who raises it (when not the IRO), who responds, the
timescale, who is notified and copied, required consultations and its duties; arrows
labelled with the escalation reasons allowed; the Cafcass referral; the duties owed
throughout and on resolution; the policy-wide rules.

options:
  --format F   mermaid (default), dot (Graphviz), or svg (runs Graphviz's dot)
  --builtin    POLICY names a built-in seed policy (e.g. merton) instead of a file
  --help       this text
)";

}  // namespace

int run_render(const std::vector<std::string>& argv) {
    const args a(argv, {"format"}, {"builtin", "help"});
    if (a.flag("help")) {
        std::cout << render_help;
        return 0;
    }
    if (a.positional().size() != 1) throw usage_error("usage: drp render POLICY [--format mermaid|dot|svg]");
    const std::string format = a.value("format").value_or("mermaid");
    if (format != "mermaid" && format != "dot" && format != "svg")
        throw usage_error("unknown format \"" + format + "\"; use mermaid, dot or svg");
    const policy p = a.flag("builtin") ? builtin_policy(a.positional()[0]) : load_policy_file(a.positional()[0]);
    if (format == "mermaid") detail::write_stdout(render_mermaid(p));
    else if (format == "dot") detail::write_stdout(render_dot(p));
    else detail::write_stdout(dot_to_svg(render_dot(p)));
    return 0;
}

}  // namespace drp::cli
