// drp studio [POLICY] [--port N] — a page in the browser where a policy author edits a
// policy with the validator's diagnostics, sees it drawn, tries disputes and saves it.
#include <cerrno>
#include <iostream>
#include <sys/stat.h>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/studio_server.hpp"
#include "common/input.hpp"
#include "drp/error.hpp"

namespace drp::detail {
// Generated at build time from studio/ (CMakeLists.txt): the page, its style and the
// bundle esbuild made of studio/src and its packages' licences (empty when the front end
// was not built).
std::string_view studio_html() noexcept;
std::string_view studio_css() noexcept;
std::string_view studio_js() noexcept;
std::string_view studio_licences() noexcept;
}  // namespace drp::detail

namespace drp::cli {
namespace {

constexpr const char* studio_help = R"(usage: drp studio [POLICY] [--port N]

Starts the studio, a page for policy authors, on this machine only
(http://127.0.0.1:N/): an editor for the policy with the validator's diagnostics
as you type, the flowchart redrawn as you type, a scenario runner (build a dispute
from a form or paste events as JSONL, and see the timeline, each obligation's due
date with its explanation, what is overdue and any refusal), save and download.
Nothing leaves the machine. docs/studio.md is the guide.

POLICY is the file to edit and save (the previous version is kept as POLICY.bak).
A POLICY that does not exist yet is created on the first save: start it from a
seed policy in the page. Without POLICY the page edits, draws and runs policies
but cannot save them (use Download).

options:
  --port N     listen on port N (default 8017; 0 picks a free port)
  --help       this text

Stop it with Ctrl-C.
)";

}  // namespace

int run_studio(const std::vector<std::string>& argv) {
    const args a(argv, {"port"}, {"help"});
    if (a.flag("help")) {
        std::cout << studio_help;
        return 0;
    }
    if (a.positional().size() > 1) throw usage_error("give at most one POLICY; see drp studio --help");
    studio::server_options options;
    if (a.value("port")) {
        options.port = to_int(*a.value("port"), "--port");
        if (options.port < 0 || options.port > 65535) throw usage_error("--port must be between 0 and 65535");
    }
    if (!a.positional().empty()) {
        options.policy_path = a.positional()[0];
        struct stat st {};
        if (options.policy_path == "-") throw usage_error("POLICY must be a file, not standard input");
        if (::stat(options.policy_path.c_str(), &st) == 0 || errno != ENOENT)
            (void)detail::read_file(options.policy_path);  // unreadable, a folder, too large: exit 1 now, not in the page
    }
    const studio::page_assets page{detail::studio_html(), detail::studio_css(), detail::studio_js(), detail::studio_licences()};
    if (page.js.empty())
        throw error(errc::io, "the studio's page was not built into this drp: run scripts/install-deps.sh "
                              "(npm ci in studio/), then configure and build again");
    studio::serve(options, page, [&](int port) {
        std::cout << "drp studio: open http://127.0.0.1:" << port << "/ in your browser (Ctrl-C stops it)" << std::endl;
    });
    return 0;
}

}  // namespace drp::cli
