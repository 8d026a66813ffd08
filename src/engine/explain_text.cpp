// The English explanation of a deadline, written from the structured explain when a
// state is shown (applying events only records the structure: start, rule, pauses,
// extensions).
#include "engine/duty_record.hpp"

#include <algorithm>

namespace drp {

std::string explain_text(const policy& p, const dispute_state& s, std::size_t index) {
    return explain_text(p, s.explain(p, index), s.obligation_at(index));
}

std::string engine::explain_text(const policy& p, const dispute_state& s, const duty_record& r) {
    return drp::explain_text(p, engine::explain(p, s, r), value_of(r));
}

std::string explain_text(const policy& p, const deadline_explain& x, const obligation& o) {
    const auto& tz = p.zone();
    const std::string_view ends = p.close_of_business() ? "; due at close of business local time" : "; due at 23:59:59 local time";
    std::string out;
    switch (x.rule) {
        case deadline_explain::rule_kind::duration: {
            const date from = tz.local_date(x.start);
            const auto& r = x.rule_duration;
            if (r.in == duration::unit::working_days) {
                out = explain_working_days(p.calendar(), from, r.amount);
                out += ends;
            } else if (r.in == duration::unit::calendar_days) {
                out = to_string(r) + " from " + format_day(from) + " is " + format_day(from + std::chrono::days{r.amount});
                out += ends;
            } else {
                out = to_string(r) + " from " + tz.format(x.start) + " is " + tz.format(x.start + std::chrono::hours{r.amount}) +
                      " (elapsed time)";
            }
            if (o.kind == obligation_type::overall) out = "overall cap: " + out;
            break;
        }
        case deadline_explain::rule_kind::agreed:
            if (const auto* d = std::get_if<date>(&x.agreed)) (out = "agreed date: " + format_day(*d)) += ends;
            else out = "agreed date: " + tz.format(std::get<instant>(x.agreed));
            break;
        case deadline_explain::rule_kind::immediately: out = "immediately"; break;
        case deadline_explain::rule_kind::none:
            if (o.kind == obligation_type::reminder) out = o.due ? "when the response is due" : "when the response is due (no deadline set)";
            else if (const auto& st = p.stages()[static_cast<std::size_t>(o.stage)];
                     !st.timescale_from.empty() && (o.kind == obligation_type::resolution || duty_of(p, o).id == "response"))
                out = "runs from when '" + st.timescale_from + "' is met (not yet)";
            else if ((o.kind == obligation_type::response && duty_of(p, o).id == "response") || o.kind == obligation_type::resolution)
                out = "the policy sets no timescale at this stage";
            else out = "no time limit";
            break;
    }
    // Extensions and time outs, in the order they happened.
    std::size_t ei = 0, pi = 0;
    while (ei < x.extensions.size() || pi < x.pauses.size()) {
        const bool extension_next =
            pi >= x.pauses.size() || (ei < x.extensions.size() && x.extensions[ei].at <= x.pauses[pi].from);
        if (extension_next) {
            const auto& e = x.extensions[ei++];
            out += "; extended by agreement with " + e.agreed_by + " (was " +
                   (e.previous_due ? tz.format(*e.previous_due) : std::string("no deadline")) + ") to ";
            if (const auto* d = std::get_if<date>(&e.until)) out += format_day(*d);
            else out += tz.format(std::get<instant>(e.until));
            continue;
        }
        const auto& span = x.pauses[pi++];
        using unit = deadline_explain::pause_span::unit;
        const std::string left = span.in == unit::working_days    ? std::to_string(span.remaining) + " working day" + (span.remaining == 1 ? "" : "s")
                                 : span.in == unit::calendar_days ? std::to_string(span.remaining) + " calendar days"
                                                                  : std::to_string(span.remaining / 60) + " minutes";
        if (!span.to) {
            out += "; in a time out since " + tz.format(span.from) + ": " + left + " to run on resume";
            continue;
        }
        out += "; time out " + tz.format(span.from) + " to " + tz.format(*span.to) + ": " + left + " remained";
        if (span.due_after) out += ", now due " + (span.in == unit::seconds ? tz.format(*span.due_after) : format_day(tz.local_date(*span.due_after)));
    }
    if (duty_of(p, o).discretionary) out += "; if necessary";
    return out;
}

}  // namespace drp
