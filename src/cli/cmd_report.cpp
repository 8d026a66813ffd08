// drp report --policy POLICY EVENTS.jsonl... — the period report over event logs, as JSON,
// CSV or a self-contained HTML page (drp/report.hpp does the work).
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/policy_arg.hpp"
#include "drp/report.hpp"

namespace drp::cli {
namespace {

constexpr const char* report_help = R"(usage: drp report --policy POLICY [--from DATE --to DATE | --quarter YYYYQn]
                  [--as-of TIME] [--format json|csv|html] [--output FILE]
                  [--themes-from DATE] [--recurring N] [--identify-children]
                  [--skip-refused] EVENTS.jsonl...

Replays the event logs (one JSON event per line; disputes keyed by dispute_id, several
files read as one log, "-" for standard input) under the policy and prints the report
for the period: disputes by stage reached, outcome, category and urgency; whether
response timescales were met per stage (median and 90th percentile working days);
disputes open and overdue at the period's end; bypasses, time outs and Cafcass
referrals; recurring themes by child, team and category; and what difference the
resolved disputes recorded for the child. docs/analyst-guide.md defines every figure.

options:
  --policy P          a policy file, or the name of a built-in seed policy (e.g. merton)
  --from D, --to D    the period, local dates (YYYY-MM-DD), both inclusive
  --quarter Q         a calendar quarter instead, e.g. 2025Q2 (April to June 2025)
                      default: the calendar quarter of the latest event
  --as-of T           evaluate as of this RFC 3339 instant (default: the end of the
                      period, or the latest event if that is earlier)
  --format F          json (default; schemas/report.schema.json), csv or html
  --output FILE       write there instead of standard output
  --themes-from D     look for recurring themes among disputes raised from D
                      (default: the start of the period)
  --recurring N       a child, team or category recurs with N or more disputes (default 2)
  --identify-children show child_ref in themes (default: a pseudonymous key)
  --skip-refused      list refused events in the report's "source" and go on,
                      instead of stopping at the first
  --help              this text

exit status: 0 report written; 1 an event is invalid or refused by the policy (the
message names the file, line and rule) or a file cannot be read; 2 usage error
)";

date date_arg(const std::string& text, const char* what) {
    try {
        return parse_date(text);
    } catch (const error&) {
        throw usage_error(std::string(what) + " must be a date YYYY-MM-DD, got \"" + text + "\"");
    }
}

}  // namespace

int run_report(const std::vector<std::string>& argv) {
    const args a(argv, {"policy", "from", "to", "quarter", "as-of", "format", "output", "themes-from", "recurring"},
                 {"identify-children", "skip-refused", "help"});
    if (a.flag("help")) {
        std::cout << report_help;
        return 0;
    }
    if (!a.value("policy")) throw usage_error("missing --policy; see drp report --help");
    if (a.positional().empty()) throw usage_error("give at least one EVENTS.jsonl file; see drp report --help");
    const std::string format = a.value("format").value_or("json");
    if (format != "json" && format != "csv" && format != "html")
        throw usage_error("--format must be json, csv or html, got \"" + format + "\"");

    report_period period;
    if (a.value("quarter")) {
        if (a.value("from") || a.value("to")) throw usage_error("give --quarter or --from/--to, not both");
        try {
            std::tie(period.from, period.to) = parse_quarter(*a.value("quarter"));
        } catch (const error& e) {
            throw usage_error(e.what());
        }
    } else {
        if (a.value("from").has_value() != a.value("to").has_value()) throw usage_error("give both --from and --to");
        if (a.value("from")) {
            period.from = date_arg(*a.value("from"), "--from");
            period.to = date_arg(*a.value("to"), "--to");
            if (*period.to < *period.from) throw usage_error("--to is before --from");
        }
    }
    if (a.value("as-of")) period.as_of = parse_rfc3339(*a.value("as-of"));
    report_options options;
    if (a.value("themes-from")) options.themes_from = date_arg(*a.value("themes-from"), "--themes-from");
    if (a.value("recurring")) {
        options.recurring_at_least = to_int(*a.value("recurring"), "--recurring");
        if (options.recurring_at_least < 1) throw usage_error("--recurring must be 1 or more");
    }
    options.identify_children = a.flag("identify-children");

    const policy p = load_policy_arg(*a.value("policy"));
    replay_options ro;
    ro.skip_refused = a.flag("skip-refused");
    replayer r(p, replay_options_for(p, period, ro));
    for (const auto& path : a.positional()) {
        std::ifstream file;
        if (path != "-") {
            file.open(path, std::ios::binary);
            if (!file) throw error(errc::io, "cannot read " + path);
        }
        std::istream& in = path == "-" ? std::cin : file;
        r.name_records((path == "-" ? std::string("<stdin>") : path) + " line");
        std::string line;
        for (std::size_t number = 1; std::getline(in, line); ++number) r.add_json(std::string_view(line), number);
    }
    const auto report = period_report(p, r.finish(), period, options);

    std::string text;
    if (format == "json") text = report.dump(2) + "\n";
    else if (format == "csv") text = report_csv(report);
    else text = report_html(report);
    if (const auto out = a.value("output")) {
        std::ofstream f(*out, std::ios::binary);
        if (!(f << text) || !f.flush()) throw error(errc::io, "cannot write " + *out);
    } else {
        std::cout << text;
    }
    return 0;
}

}  // namespace drp::cli
