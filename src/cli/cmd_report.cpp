// drp report --policy POLICY EVENTS.jsonl... — the period report over event logs, as JSON,
// CSV or a self-contained HTML page (drp/report.hpp does the work).
#include <algorithm>
#include <filesystem>
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
#include "json/dom_text.hpp"
#include "report/redact.hpp"

namespace drp::cli {
namespace {

constexpr const char* report_help = R"(usage: drp report --policy POLICY [--closure DATE[=TITLE]]...
                  [--from DATE --to DATE | --quarter Q]
                  [--as-of TIME] [--format json|csv|html] [--section S]
                  [--output FILE|DIR]
                  [--themes-from DATE] [--recurring N]
                  [--key-file FILE | --identify-children] [--redact] [--skip-refused]
                  [--max-line-bytes N] EVENTS.jsonl...
       drp report --compare POLICY=EVENTS.jsonl --compare POLICY=EVENTS.jsonl...
                  [period and format options as above]

Replays the event logs (one JSON event per line; disputes keyed by dispute_id, several
files read as one log, a folder read as the *.jsonl files in it in order of name, "-"
for standard input) under the policy and prints the report
for the period: disputes by stage reached, outcome, category and urgency; whether
response timescales were met per stage (median and 90th percentile working days);
disputes open and overdue at the period's end; bypasses, time outs and Cafcass
referrals; recurring themes by child, team and category; and what difference the
resolved disputes recorded for the child; and a trend: the key figures of the period
beside those of up to 8 periods before it that the logs cover. docs/analyst-guide.md
defines every figure.

A regional comparison: with --compare (repeated, one per authority, each log replayed
under its own policy), the authorities side by side for the same period: on-time rates,
working days per stage, bypass, time-out and Cafcass rates. --section authorities|stages
picks the CSV table.

options:
  --policy P          a policy file, or the name of a built-in seed policy (e.g. merton)
  --compare P=LOG     an authority's policy (file or built-in name) and its event log,
                      for a regional comparison (instead of --policy and EVENTS)
  --closure DATE[=TITLE]
                      a local closure day (YYYY-MM-DD) added to the policy's own
                      closures: deadlines skip it; repeat for more days
  --from D, --to D    the period, local dates (YYYY-MM-DD), both inclusive
  --quarter Q         a quarter instead: a calendar quarter, 2025Q2 (April to June
                      2025), or a quarter of the financial year April-March,
                      "Q1 2025/26" or 2025/26Q1 (April to June 2025; Q4 2025/26 is
                      January to March 2026); the report is labelled as asked.
                      Default: the calendar quarter of the latest event
  --as-of T           evaluate as of this RFC 3339 instant (default: the end of the
                      period, or the latest event if that is earlier)
  --format F          json (default; schemas/report.schema.json), csv or html.
                      csv: every figure in one long table (section,key,measure,
                      value); with --section or an --output folder, tidy tables a
                      spreadsheet opens: a row per stage, category, dispute or
                      period, a column per figure, each row with the authority and
                      the period
  --section S         --format csv: only this table: totals, trend, stages,
                      timeliness, overall_cap, by_category, by_urgency, process,
                      other_routes, overdue, impact, teams, categories, children,
                      team_categories or refusals
  --output FILE|DIR   write there instead of standard output; with --format csv,
                      an existing folder receives every table, one file each,
                      named for the policy, the period and the table (e.g.
                      merton-Q1-2025-26-timeliness.csv)
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

exit status: 0 report written (a period with no data says so on standard error); 1 an
event is invalid or refused by the policy (the message names the file, line and rule), a
file cannot be read, the key file is not a key, or no event was applied and no period
given; 2 usage error
)";

const std::vector<std::string> comparison_tables = {"authorities", "stages"};

// The period report over the logs (read as one log) under the policy.
nlohmann::json logs_report(const policy& p, const std::vector<std::string>& paths, const report_period& period,
                           const replay_options& ro, const report_options& options, std::size_t max_line) {
    replayer r(p, replay_options_for(p, period, ro));
    // Every log is opened before any is read: a missing one fails at once, not after the others.
    // (A folder: its *.jsonl files by name.)
    const auto sources = detail::open_logs(paths);
    std::string line;
    for (const auto& source : sources) {
        r.name_records(source->name() + " line");
        detail::line_reader lines(*source, max_line);
        while (lines.next(line)) r.add_json(std::string_view(line), lines.number());
    }
    const auto replayed = r.finish();
    detail::require_events_or_period(replayed.applied, replayed.refused.size(), period.from || period.as_of,
                                     "--quarter or --from/--to");
    return period_report(p, replayed, period, options);
}

date date_arg(const std::string& text, const char* what) {
    try {
        return parse_date(text);
    } catch (const error&) {
        throw usage_error(std::string(what) + " must be a date YYYY-MM-DD, got \"" + text + "\"");
    }
}

}  // namespace

int run_report(const std::vector<std::string>& argv) {
    const args a(argv, {"policy", "compare", "closure", "from", "to", "quarter", "as-of", "format", "section", "output", "themes-from", "recurring",
                         "key-file", "max-line-bytes"},
                 {"identify-children", "redact", "skip-refused", "help"});
    if (a.flag("help")) {
        std::cout << report_help;
        return 0;
    }
    const auto compared = a.values("compare");
    if (!compared.empty() && (a.value("policy") || !a.positional().empty()))
        throw usage_error("give --compare POLICY=LOG for each authority, or --policy and EVENTS, not both");
    if (compared.empty() && !a.value("policy")) throw usage_error("missing --policy; see drp report --help");
    if (compared.empty() && a.positional().empty()) throw usage_error("give at least one EVENTS.jsonl file; see drp report --help");
    const std::string format = a.value("format").value_or("json");
    if (format != "json" && format != "csv" && format != "html")
        throw usage_error("--format must be json, csv or html, got \"" + format + "\"");
    const auto section = a.value("section");
    if (section) {
        if (format != "csv") throw usage_error("--section goes with --format csv");
        const auto& names = compared.empty() ? report_table_sections() : comparison_tables;
        if (std::find(names.begin(), names.end(), *section) == names.end()) {
            std::string list;
            for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
            throw usage_error("--section must be one of " + list);
        }
    }
    const std::string output = a.value("output").value_or("-");
    std::error_code not_a_folder;
    const bool to_folder =
        compared.empty() && format == "csv" && !section && output != "-" && std::filesystem::is_directory(output, not_a_folder);

    report_period period;
    period.trend_periods = 8;
    if (a.value("quarter")) {
        if (a.value("from") || a.value("to")) throw usage_error("give --quarter or --from/--to, not both");
        try {
            const auto q = parse_named_quarter(*a.value("quarter"));
            period.from = q.from;
            period.to = q.to;
            period.kind = q.kind;
            period.label = q.label;
        } catch (const error& e) {
            throw usage_error(std::string("--quarter: ") + e.what());
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

    replay_options ro;
    ro.skip_refused = a.flag("skip-refused");
    if (!compared.empty()) {
        std::vector<nlohmann::json> reports;
        period.trend_periods = 0;  // (the comparison has no trend)
        for (const auto& spec : compared) {
            const auto eq = spec.find('=');
            if (eq == std::string::npos || eq == 0 || eq + 1 == spec.size())
                throw usage_error("--compare takes POLICY=EVENTS.jsonl, got \"" + spec.substr(0, 64) + "\"");
            const policy p = load_policy_arg(spec.substr(0, eq), closure_options(a.values("closure")));
            reports.push_back(logs_report(p, {spec.substr(eq + 1)}, period, ro, options, max_line));
        }
        const auto c = comparison_report(reports);
        std::string text;
        if (format == "json") text = detail::dump_text(c, 2) + "\n";
        else if (format == "csv") text = comparison_csv(c, section.value_or("authorities"));
        else text = comparison_html(c);
        detail::write_output(output, text);
        return 0;
    }
    const policy p = load_policy_arg(*a.value("policy"), closure_options(a.values("closure")));
    auto report = logs_report(p, a.positional(), period, ro, options, max_line);
    if (a.flag("redact")) redact_report(report);
    if (report.at("totals").at("active").get<long long>() == 0)
        std::cerr << "drp: note: no dispute was open at any time in " << report.at("period").at("label").get<std::string>()
                  << ": the report has no data (do the logs cover this period?)\n";

    if (to_folder) {
        // One file per table, each whole or not at all.
        for (const auto& name : report_table_sections())
            detail::write_output((std::filesystem::path(output) / report_table_file(report, name)).string(), report_table(report, name));
        return 0;
    }
    std::string text;
    if (format == "json") text = detail::dump_text(report, 2) + "\n";
    else if (section) text = report_table(report, *section);
    else if (format == "csv") text = report_csv(report);
    else text = report_html(report);
    detail::write_output(output, text);  // whole or not at all
    return 0;
}

}  // namespace drp::cli
