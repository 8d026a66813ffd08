// drp validate POLICY... — diagnostics like a compiler's; exit 1 when any policy has errors.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "common/input.hpp"
#include "drp/calendar.hpp"
#include "drp/policy.hpp"

namespace drp::cli {
namespace {

constexpr const char* validate_help = R"(usage: drp validate [--json] [--quiet] POLICY...

Checks each policy file against schemas/policy.schema.json and the rules of
docs/policy-authoring.md §16 (a GOV.UK bank-holidays.json, such as
policies/bank-holidays.json, is checked as one), and prints every finding as
  FILE:LINE:COLUMN: error|warning|note: POINTER: MESSAGE [RULE]
      hint: WHAT TO DO

options:
  --json     print one JSON object per file: {"file", "valid", "diagnostics": [...]}
  --quiet    print errors only
  --help     this text

exit status: 0 all valid (warnings allowed), 1 some policy has errors, 2 usage error
)";

// policies/ also holds the bank-holiday data: a GOV.UK bank-holidays.json is checked as one.
bool is_bank_holiday_file(const std::string& text) {
    const auto doc = nlohmann::json::parse(text, nullptr, false);
    return doc.is_object() && doc.contains("england-and-wales") && !doc.contains("stages");
}

std::vector<diagnostic> validate_bank_holidays(const std::string& text, const std::string& path) {
    std::vector<diagnostic> out;
    for (auto d : {division::england_and_wales, division::scotland, division::northern_ireland}) {
        try {
            (void)parse_govuk_bank_holidays(text, d);
        } catch (const error& e) {
            diagnostic x;
            x.file = path;
            x.message = e.what();
            x.rule = "bank-holidays";
            out.push_back(std::move(x));
            break;
        }
    }
    return out;
}

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
            const std::string text = detail::read_file(path);
            found = is_bank_holiday_file(text) ? validate_bank_holidays(text, path) : validate_policy(text, path);
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
