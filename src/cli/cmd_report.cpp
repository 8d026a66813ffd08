// drp report --policy POLICY EVENTS.jsonl... — the period report over event logs, as JSON,
// CSV or a self-contained HTML page (drp/report.hpp does the work).
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/policy_arg.hpp"
#include "common/input.hpp"
#include "common/log_files.hpp"
#include "common/output.hpp"
#include "drp/report.hpp"
#include "report/redact.hpp"

namespace drp::cli {
namespace {

constexpr const char* report_help = R"(usage: drp report --policy POLICY [--closure DATE[=TITLE]]...
                  [--from DATE --to DATE | --quarter YYYYQn]
                  [--as-of TIME] [--format json|csv|html] [--output FILE]
                  [--themes-from DATE] [--recurring N]
                  [--key-file FILE | --identify-children] [--redact] [--skip-refused]
                  [--max-line-bytes N] EVENTS.jsonl...

Replays the event logs (one JSON event per line; disputes keyed by dispute_id, several
files read as one log, a folder read as the *.jsonl files in it in order of name, "-"
for standard input) under the policy and prints the report
for the period: disputes by stage reached, outcome, category and urgency; whether
response timescales were met per stage (median and 90th percentile working days);
disputes open and overdue at the period's end; bypasses, time outs and Cafcass
referrals; recurring themes by child, team and category; and what difference the
resolved disputes recorded for the child. docs/analyst-guide.md defines every figure.

options:
  --policy P          a policy file, or the name of a built-in seed policy (e.g. merton)
  --closure DATE[=TITLE]
                      a local closure day (YYYY-MM-DD) added to the policy's own
                      closures: deadlines skip it; repeat for more days
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
  --key-file FILE     the key of the children's pseudonyms (32-128 hex digits; make one
                      with drp keygen): the same child has the same pseudonym in every
                      report made with it. Keep it as you keep the data. Default: a
                      random key for this report only (its pseudonyms match no other
                      report's)
  --identify-children show child_ref in themes instead of pseudonyms
  --redact            leave out the impact texts recorded at resolution (free text
                      about the child), for a report that leaves the service; the
                      counts stay
  --skip-refused      list refused events in the report's "source" and go on,
                      instead of stopping at the first
  --max-line-bytes N  refuse a log line longer than N bytes (default 1048576)
  --help              this text

exit status: 0 report written; 1 an event is invalid or refused by the policy (the
message names the file, line and rule), a file cannot be read or the key file is not a
key; 2 usage error
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
    const args a(argv, {"policy", "closure", "from", "to", "quarter", "as-of", "format", "output", "themes-from", "recurring", "key-file",
                         "max-line-bytes"},
                 {"identify-children", "redact", "skip-refused", "help"});
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
    if (a.value("as-of")) period.as_of = instant_option(*a.value("as-of"), "--as-of");
    const std::size_t max_line = a.value("max-line-bytes") ? size_option(*a.value("max-line-bytes"), "--max-line-bytes")
                                                           : default_max_line_bytes;
    report_options options;
    if (a.value("themes-from")) options.themes_from = date_arg(*a.value("themes-from"), "--themes-from");
    if (a.value("recurring")) {
        options.recurring_at_least = to_int(*a.value("recurring"), "--recurring");
        if (options.recurring_at_least < 1) throw usage_error("--recurring must be 1 or more");
    }
    options.identify_children = a.flag("identify-children");
    if (a.flag("redact") && options.identify_children)
        throw usage_error("give --redact or --identify-children, not both: a redacted report names no child");
    if (a.value("key-file")) {
        if (options.identify_children) throw usage_error("give --key-file or --identify-children, not both");
        options.key = read_pseudonym_key(*a.value("key-file"));  // before the logs: a bad key fails fast
    }

    const policy p = load_policy_arg(*a.value("policy"), closure_options(a.values("closure")));
    replay_options ro;
    ro.skip_refused = a.flag("skip-refused");
    replayer r(p, replay_options_for(p, period, ro));
    const auto sources = detail::open_logs(a.positional());  // a folder: its *.jsonl files by name
    std::string line;
    for (const auto& source : sources) {
        r.name_records(source->name() + " line");
        detail::line_reader lines(*source, max_line);
        while (lines.next(line)) r.add_json(std::string_view(line), lines.number());
    }
    const auto replayed = r.finish();
    detail::require_events_or_period(replayed.applied, replayed.refused.size(), period.from || period.as_of,
                                     "--quarter or --from/--to");
    auto report = period_report(p, replayed, period, options);
    if (a.flag("redact")) redact_report(report);

    std::string text;
    if (format == "json") text = report.dump(2) + "\n";
    else if (format == "csv") text = report_csv(report);
    else text = report_html(report);
    detail::write_output(a.value("output").value_or("-"), text);  // whole or not at all
    return 0;
}

}  // namespace drp::cli
