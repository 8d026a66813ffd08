// drp simulate --policy POLICY [--at T] [--json] EVENTS.jsonl — runs event logs (several
// disputes, keyed by dispute_id) against a policy and shows where each dispute stands.
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>

#include "cli/args.hpp"
#include "cli/commands.hpp"
#include "cli/event_detail.hpp"
#include "cli/policy_arg.hpp"
#include "cli/timelines.hpp"
#include "common/input.hpp"
#include "common/log_files.hpp"
#include "common/output.hpp"
#include "common/safe_text.hpp"
#include "drp/dispute.hpp"

namespace drp::cli {
namespace {

constexpr const char* simulate_help = R"(usage: drp simulate --policy POLICY [--closure DATE[=TITLE]]... [--at TIME] [--json]
                    [--max-line-bytes N] EVENTS.jsonl

Applies each event of the log (one JSON object per line; several disputes may be mixed,
keyed by dispute_id) to its dispute under the policy, then prints, per dispute, the
timeline and the obligations as of TIME (default: the last event's time), marking
what is overdue.

options:
  --policy P   a policy file, or the name of a built-in seed policy (e.g. merton)
  --closure DATE[=TITLE]
               a local closure day (YYYY-MM-DD) added to the policy's own closures:
               deadlines skip it and explanations name it by TITLE (default "Local
               closure day"); repeat for more days
  --at TIME    evaluate "as of" this RFC 3339 instant (e.g. 2027-01-08T09:00:00Z); it
               may not be earlier than a dispute's last event (out_of_order)
  --json       print the dispute states as JSON (schemas/dispute-state.schema.json)
  --max-line-bytes N
               refuse a line longer than N bytes (default 1048576)
  --help       this text

EVENTS.jsonl is a file, a folder (the *.jsonl files in it, in order of name, read as one
log), or - for standard input.

exit status: 0 all events applied; 1 a line is not a valid event or the policy refuses
it (the message names the line and the rule), or the log cannot be read; 2 usage error
)";

std::string pad(std::string s, std::size_t width) {
    if (s.size() < width) s.append(width - s.size(), ' ');
    return s;
}

void print_dispute(const dispute& d, instant as_of) {
    const auto& p = d.rules();
    const auto& s = d.state();
    std::cout << "dispute " << detail::safe_text(s.dispute_id) << " — " << p.id() << " " << p.version() << "\n";
    std::cout << "  status " << to_string(s.status);
    if (s.status != dispute_status::not_raised) std::cout << ", stage " << p.stages()[static_cast<std::size_t>(s.stage)].id;
    if (s.paused) std::cout << ", paused (time out)";
    std::cout << ", as of " << p.zone().format(as_of) << "\n  timeline:\n";
    for (const auto& e : d.history()) {
        std::cout << "    " << p.zone().format(e.at) << "  " << pad(std::string(to_string(e.type)), 18) << event_detail(e) << "\n";
    }
    std::cout << "  obligations:\n";
    const auto owed = d.obligations(as_of);
    for (std::size_t i = 0; i < owed.size(); ++i) {
        const auto& o = owed[i];
        const auto& duty = duty_of(p, o);
        const std::string due = o.due ? p.zone().format(*o.due) : "-";
        std::cout << "    " << pad(std::string(to_string(o.status)), 8) << " " << pad(duty.id, 22) << " "
                  << pad(p.stages()[static_cast<std::size_t>(o.stage)].id, 24) << " " << pad(due, 26) << " "
                  << join_roles(duty.role) << "\n";
        if (o.status == obligation_status::open || o.status == obligation_status::overdue)
            std::cout << "             " << explain_text(p, s, i) << "\n";
    }
    const auto next = d.allowed_next(as_of);
    std::cout << "  may happen next:";
    for (const auto& n : next) std::cout << " " << n;
    std::cout << "\n\n";
}

}  // namespace

int run_simulate(const std::vector<std::string>& argv) {
    const args a(argv, {"policy", "closure", "at", "max-line-bytes"}, {"json", "help"});
    if (a.flag("help")) {
        std::cout << simulate_help;
        return 0;
    }
    if (!a.value("policy")) throw usage_error("missing --policy; see drp simulate --help");
    if (a.positional().size() != 1) throw usage_error("give one EVENTS.jsonl file; see drp simulate --help");
    std::optional<instant> asked;
    if (a.value("at")) asked = instant_option(*a.value("at"), "--at");
    const std::size_t max_line = a.value("max-line-bytes") ? size_option(*a.value("max-line-bytes"), "--max-line-bytes")
                                                           : default_max_line_bytes;
    const policy p = load_policy_arg(*a.value("policy"), closure_options(a.values("closure")));
    const auto sources = detail::open_logs({a.positional()[0]});  // a folder: its *.jsonl files by name

    timelines log(p);
    const auto& order = log.order;
    auto& disputes = log.disputes;
    const auto& last = log.last;
    std::string line;
    for (const auto& source : sources) {
        detail::line_reader lines(*source, max_line);
        while (lines.next(line)) {
            const std::size_t number = lines.number();
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            try {
                log.add(line);
            } catch (const error& err) {
                std::cerr << source->name() << ":" << number << ": " << err.what() << "\n";
                return 1;
            }
        }
    }
    const instant as_of = asked ? *asked : last.value_or(instant{});
    if (a.flag("json")) {
        // Written dispute by dispute, the bytes of the array's dump(2) (no document of the
        // whole output): memory is bounded by the largest dispute, not the log.
        // An --at earlier than a dispute's last event is refused before anything is written.
        if (asked)
            for (const auto& id : order) (void)disputes.at(id).obligations(as_of);
        std::string text = "[";
        for (const auto& id : order) {
            text += &id == &order.front() ? "\n  " : ",\n  ";
            disputes.at(id).append_json_text(text, as_of, 2, 1);  // an element: one level in
            if (text.size() >= (1u << 16)) {
                detail::write_stdout(text);
                text.clear();
            }
        }
        text += order.empty() ? "]\n" : "\n]\n";
        detail::write_stdout(text);
    } else {
        for (const auto& id : order) print_dispute(disputes.at(id), as_of);
    }
    return 0;
}

}  // namespace drp::cli
