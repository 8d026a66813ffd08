// drp — the command-line front end (DESIGN.md §4.7).
// Exit codes: 0 success; 1 invalid input (the message names file/line/pointer);
// 2 usage error.
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "common/output.hpp"
#include "drp/error.hpp"
#include "drp/policy.hpp"
#include "drp/version.hpp"

#include <iostream>
#include <new>
#include <string>
#include <vector>

namespace {

constexpr const char* main_help = R"(usage: drp <command> [options]

commands:
  simulate    run event logs against a policy: stage, obligations, overdue
  report      the period (quarterly) report over event logs: JSON, CSV or HTML
  keygen      make a key for the children's pseudonyms in reports (report --key-file)
  validate    check policy files and print diagnostics
  render      draw a policy's flowchart (mermaid, dot, svg)
  calendar    UK working-day arithmetic (add, between, holidays, is-working)
  studio      edit, draw and try a policy in the browser (on this machine only)
  version     print the drp version

Run "drp <command> --help" for a command's options.
)";

int dispatch(int argc, char** argv) {
    std::vector<std::string> rest(argv + (argc > 1 ? 2 : argc), argv + argc);
    const std::string command = argc > 1 ? argv[1] : "";
    try {
        if (command == "--help" || command == "-h" || command == "help") {
            std::cout << main_help;
            return 0;
        }
        if (command == "--version" || command == "version") {
            std::cout << "drp " << DRP_VERSION_STRING << "\n";
            return 0;
        }
        if (command == "calendar") return drp::cli::run_calendar(rest);
        if (command == "validate") return drp::cli::run_validate(rest);
        if (command == "render") return drp::cli::run_render(rest);
        if (command == "simulate") return drp::cli::run_simulate(rest);
        if (command == "report") return drp::cli::run_report(rest);
        if (command == "keygen") return drp::cli::run_keygen(rest);
        if (command == "studio") return drp::cli::run_studio(rest);
        throw drp::cli::usage_error(command.empty() ? "missing command" : "unknown command \"" + command + "\"");
    } catch (const drp::cli::usage_error& e) {
        std::cerr << "drp: " << e.what() << "\n" << (command.empty() ? main_help : "");
        return 2;
    } catch (const drp::policy_error& e) {
        for (const auto& d : e.diagnostics()) std::cerr << drp::format(d) << "\n";
        return 1;
    } catch (const drp::error& e) {
        std::cerr << "drp: " << e.what() << "\n";
        return 1;
    } catch (const std::bad_alloc&) {
        std::cerr << "drp: out of memory\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "drp: internal error: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace

int main(int argc, char** argv) {
    // What is written to standard output must reach it (a full disk, /dev/full): otherwise
    // exit 1 with the reason, never 0 with the output lost.
    drp::detail::checked_stdout out;
    std::streambuf* const original = std::cout.rdbuf(&out);
    const int status = dispatch(argc, argv);
    try {
        out.finish();
        std::cout.rdbuf(original);
    } catch (const drp::error& e) {
        std::cout.rdbuf(original);
        if (status != 0) return status;  // the failure was reported already
        std::cerr << "drp: " << e.what() << "\n";
        return 1;
    }
    return status;
}
