// drp calendar add|between|holidays|is-working — working-day arithmetic from the shell.
#include "common/input.hpp"
#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "drp/calendar.hpp"
#include "drp/error.hpp"

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace drp::cli {
namespace {

constexpr const char* calendar_help = R"(usage: drp calendar <command> [options]

Working days of a UK division (DESIGN.md §4.1).

commands:
  add DATE N          the N-th working day strictly after DATE (before it if N < 0)
  between A B         working days x with A < x <= B
  holidays YEAR       bank holidays and closures of YEAR
  is-working DATE     "yes" when DATE is a working day, else "no"

options:
  --division D        england-and-wales (default), scotland or northern-ireland
  --closure DATE      a local closure day (repeatable)
  --govuk FILE        import a newer GOV.UK bank-holidays.json
  --json              print JSON instead of text
  --help              this text
)";

calendar make_calendar(const args& a) {
    calendar cal(division_from_string(a.value("division").value_or("england-and-wales")));
    if (const auto path = a.value("govuk")) {
        const std::string text = detail::read_file(*path, default_max_file_bytes, "GOV.UK file");
        try {
            cal.import_govuk(text);
        } catch (const error& e) {
            throw error(e.code(), *path + ": " + e.what());
        }
    }
    for (const auto& c : a.values("closure")) cal.add_closure(parse_date(c));
    return cal;
}

nlohmann::json holiday_json(const holiday& h) {
    nlohmann::json j;
    j["date"] = format_date(h.day);
    j["title"] = h.title;
    j["notes"] = h.notes;
    j["bunting"] = h.bunting;
    return j;
}

void need(const args& a, std::size_t n, const char* usage) {
    if (a.positional().size() != n) throw usage_error(std::string("usage: drp calendar ") + usage);
}

}  // namespace

int run_calendar(const std::vector<std::string>& argv) {
    const args a(argv, {"division", "closure", "govuk"}, {"json", "help"});
    if (a.flag("help")) {
        std::cout << calendar_help;
        return 0;
    }
    if (a.positional().empty()) throw usage_error("missing command; see drp calendar --help");
    const std::string& cmd = a.positional()[0];
    const bool json = a.flag("json");
    const calendar cal = make_calendar(a);

    if (cmd == "add") {
        need(a, 3, "add DATE N");
        const date from = parse_date(a.positional()[1]);
        const int n = to_int(a.positional()[2], "N");
        const date to = cal.add_working_days(from, n);
        if (json) {
            nlohmann::json out{{"from", format_date(from)}, {"working_days", n}, {"due", format_date(to)},
                               {"explain", explain_working_days(cal, from, n)}};
            std::cout << out.dump(2) << "\n";
        } else {
            std::cout << format_date(to) << "\n" << explain_working_days(cal, from, n) << "\n";
        }
    } else if (cmd == "between") {
        need(a, 3, "between A B");
        const int n = cal.working_days_between(parse_date(a.positional()[1]), parse_date(a.positional()[2]));
        if (json) std::cout << nlohmann::json{{"working_days", n}}.dump() << "\n";
        else std::cout << n << "\n";
    } else if (cmd == "holidays") {
        need(a, 2, "holidays YEAR");
        const auto list = cal.holidays(to_int(a.positional()[1], "YEAR"));
        if (json) {
            nlohmann::json out = nlohmann::json::array();
            for (const auto& h : list) out.push_back(holiday_json(h));
            std::cout << out.dump(2) << "\n";
        } else {
            for (const auto& h : list)
                std::cout << format_date(h.day) << "  " << format_day(h.day).substr(0, 3) << "  " << h.title
                          << (h.notes.empty() ? "" : " (" + h.notes + ")") << "\n";
        }
    } else if (cmd == "is-working") {
        need(a, 2, "is-working DATE");
        const bool yes = cal.is_working_day(parse_date(a.positional()[1]));
        if (json) std::cout << nlohmann::json{{"working_day", yes}}.dump() << "\n";
        else std::cout << (yes ? "yes" : "no") << "\n";
    } else {
        throw usage_error("unknown calendar command \"" + cmd + "\"; see drp calendar --help");
    }
    return 0;
}

}  // namespace drp::cli
