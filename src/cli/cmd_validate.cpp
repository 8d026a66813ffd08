// drp validate POLICY... — diagnostics like a compiler's; exit 1 when any policy has errors.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "common/read_file.hpp"
#include "drp/policy.hpp"

namespace drp::cli {
namespace {

constexpr const char* validate_help = R"(usage: drp validate [--json] [--quiet] POLICY...

Checks each policy file against schemas/policy.schema.json and the rules of
docs/policy-authoring.md §16, and prints every finding as
  FILE:LINE:COLUMN: error|warning|note: POINTER: MESSAGE [RULE]
      hint: WHAT TO DO

options:
  --json     print one JSON object per file: {"file", "valid", "diagnostics": [...]}
  --quiet    print errors only
  --help     this text

exit status: 0 all valid (warnings allowed), 1 some policy has errors, 2 usage error
)";

nlohmann::json to_json(const diagnostic& d) {
    static constexpr const char* names[] = {"error", "warning", "note"};
    return {{"severity", names[static_cast<int>(d.level)]}, {"file", d.file}, {"line", d.line}, {"column", d.column},
            {"pointer", d.pointer}, {"message", d.message}, {"hint", d.hint}, {"rule", d.rule}};
}

}  // namespace

int run_validate(const std::vector<std::string>& argv) {
    const args a(argv, {}, {"json", "quiet", "help"});
    if (a.flag("help")) {
        std::cout << validate_help;
        return 0;
    }
    if (a.positional().empty()) throw usage_error("no policy given; usage: drp validate POLICY...");
    bool all_valid = true;
    nlohmann::json report = nlohmann::json::array();
    for (const auto& path : a.positional()) {
        std::vector<diagnostic> found;
        try {
            found = validate_policy(detail::read_file(path), path);
        } catch (const error& e) {  // unreadable file
            diagnostic d;
            d.file = path;
            d.message = e.what();
            d.rule = "io";
            found.push_back(d);
        }
        std::size_t errors = 0, warnings = 0;
        for (const auto& d : found) {
            errors += d.level == diagnostic::severity::error;
            warnings += d.level == diagnostic::severity::warning;
        }
        all_valid = all_valid && errors == 0;
        if (a.flag("json")) {
            nlohmann::json ds = nlohmann::json::array();
            for (const auto& d : found) ds.push_back(to_json(d));
            report.push_back({{"file", path}, {"valid", errors == 0}, {"diagnostics", ds}});
            continue;
        }
        for (const auto& d : found)
            if (!a.flag("quiet") || d.level == diagnostic::severity::error) std::cout << format(d) << "\n";
        std::cout << path << ": " << (errors ? "invalid" : "valid") << " (" << errors << " error" << (errors == 1 ? "" : "s")
                  << ", " << warnings << " warning" << (warnings == 1 ? "" : "s") << ")\n";
    }
    if (a.flag("json")) std::cout << report.dump(2) << "\n";
    return all_valid ? 0 : 1;
}

}  // namespace drp::cli
