// drp/report.hpp — what happened to many disputes (DESIGN.md §3 Report).
//
// Three layers, each a pure function of the one before, so every figure has one
// implementation whichever surface shows it (C++, the drp CLI, Python):
//
//   events ──replay──▶ dispute_summary per dispute ──quarterly_report──▶ JSON report
//                                                                  └──▶ CSV, HTML renderings
//
// A summary is derived from the dispute's applied events and state: the stages it
// visited (entered, left, working days there, the response deadline and whether it was
// met), bypasses, time outs, extensions, Cafcass referrals, other routes taken (a
// complaint, advocacy), outcome and impact, all as of a given instant. The report counts
// them for a period (schemas/report.schema.json).
// Time is always an input: nothing here reads a clock.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "drp/limits.hpp"
#include "drp/dispute.hpp"

namespace drp {

/// How a deadline went, as of the summary's instant.
enum class timeliness {
    met,          ///< the response (or the resolution at that stage) came by the deadline
    missed,       ///< it came late, or had not come when the deadline passed
    ended_early,  ///< the stage ended (escalation, withdrawal) before the deadline, unanswered
    open,         ///< still awaited; the deadline has not passed (or the clock is stopped)
    no_timescale  ///< the policy sets no deadline there
};
std::string_view to_string(timeliness t) noexcept;

/// One stage a dispute went through. Escalation only goes up, so a stage is visited at
/// most once.
struct stage_visit {
    std::string stage;  ///< the policy's stage id
    int level = 0;
    stage_kind kind = stage_kind::formal;
    instant entered{};
    std::optional<instant> left;  ///< escalated from, or resolved or withdrawn at; none: still here
    /// raise, start_above_first, escalate or bypass
    std::string entered_by;
    /// the escalation reason that brought it here ("raise" for the first stage)
    std::string reason;
    /// Working days x with entered < x <= left (or the dispute's end, or as of), counted on
    /// local dates with the policy's calendar.
    int working_days = 0;
    std::optional<instant> response_due;  ///< the final deadline, after extensions and time outs
    std::optional<instant> responded;     ///< the first response at this stage
    std::optional<bool> adequate;         ///< the verdict on the last response here
    std::optional<int> working_days_to_response;
    int extensions = 0;
    timeliness response = timeliness::no_timescale;
};

/// A "time out": the clocks stopped from `from` to `to` (none: still stopped as of).
struct time_out {
    instant from{};
    std::optional<instant> to;
    int working_days = 0;  ///< working days x with from < x <= to (or the end, or as of)
};

/// A referral to Cafcass and its decision.
struct referral_summary {
    instant at{};
    bool concurrent = false;
    std::string status = "referred";  ///< referred, accepted, declined
    std::optional<instant> decided;
};

/// One dispute as a quality-assurance analyst sees it, as of an instant.
struct dispute_summary {
    std::string dispute_id, child_ref, team, category;
    urgency level = urgency::standard;
    bool cross_council = false;
    dispute_status status = dispute_status::open;
    instant raised{};
    std::optional<instant> closed;  ///< resolved or withdrawn
    instant as_of{};
    std::vector<stage_visit> visits;  ///< in order; the last is the stage reached
    bool started_above_first = false;
    int escalations = 0, bypasses = 0;
    std::vector<time_out> time_outs;
    int paused_working_days = 0;  ///< sum over time_outs
    bool paused = false;          ///< in a time out as of
    int extensions = 0;
    std::optional<instant> legal_advice;  ///< when legal advice was first sought
    std::vector<referral_summary> referrals;
    /// Other routes taken instead of escalation (a complaint, advocacy), oldest first;
    /// ended_at none: still being taken as of.
    std::vector<other_route> other_routes;
    /// Working days x with raised < x <= closed (or as of).
    int working_days_open = 0;
    std::optional<instant> overall_due;    ///< the policy's overall cap, if it started
    std::optional<instant> overall_ended;  ///< when the capped part of the process ended
    timeliness overall = timeliness::no_timescale;
    int responses_met = 0, responses_missed = 0;
    /// Open obligations past their deadline as of (none during a time out), as
    /// "id" or "id@stage", and the earliest of those deadlines.
    std::vector<std::string> overdue;
    std::optional<instant> overdue_since;
    std::string outcome, impact;
    std::size_t events = 0;

    const stage_visit& reached() const { return visits.back(); }
};

/// Summarises a raised dispute as of `as_of` (not before its last event). Throws
/// drp::error(invalid_argument) when the dispute has not been raised or as_of is earlier.
dispute_summary summarize(const dispute& d, instant as_of);

/// The summary as JSON: the members above by name, instants as RFC 3339 in the policy's
/// zone, enums by their names.
nlohmann::json summary_json(const policy& p, const dispute_summary& s);

/// How a stage's response timescale reads in reports: "10 working days", "agreed date",
/// "24 hours (imminent_risk); 5 working days otherwise", "none".
std::string timescale_text(const stage& st);

// ---- replay -----------------------------------------------------------------------------

struct replay_options {
    /// Evaluate as of this instant; events after it are not applied (they had not
    /// happened yet). None: as of the latest event.
    std::optional<instant> as_of;
    /// false: the first refused event stops the replay with its drp::error (the message
    /// names the record and dispute). true: it is listed in replay_result::refused and
    /// the replay goes on, the dispute unchanged by it.
    bool skip_refused = false;
    /// With as_of: evaluate as of the latest event instead when that is earlier (a
    /// period that ends after the log does is seen as the log leaves it).
    bool clamp_to_latest = false;
    /// How messages name a record: "record 12" (replay_jsonl says "line 12").
    std::string record_name = "record";
    /// replay_jsonl: a longer line is drp::error(out_of_range), not an event read in part.
    std::size_t max_line_bytes = default_max_line_bytes;
    /// For a trend: given the replay's final as_of, the earlier instants (ascending, each
    /// before as_of) at which the disputes are also summarised, as they stood then
    /// (replay_result::earlier). Empty function: none. replay_options_for sets it.
    std::function<std::vector<instant>(instant as_of)> also_as_of{};
};

struct refused_event {
    std::size_t record = 0;  ///< 1-based: the line of a JSONL file, the item of a list
    std::string dispute_id;
    errc code = errc::invalid_event;
    std::string message;
};

struct replay_result {
    std::vector<dispute_summary> disputes;  ///< raised disputes, in order of their first event
    std::vector<refused_event> refused;
    std::size_t applied = 0;          ///< events applied
    std::size_t after_as_of = 0;      ///< events not applied because they come after as_of
    instant as_of{};
    /// The earliest event applied; none when nothing was.
    std::optional<instant> first_event;
    /// The summaries as of each instant replay_options::also_as_of gave, in that order:
    /// every dispute raised by then, seen with only its events up to then.
    struct snapshot {
        instant as_of{};
        std::vector<dispute_summary> disputes;
    };
    std::vector<snapshot> earlier;
    /// Where the time went (seconds of wall time), for docs/PERFORMANCE.md.
    double parse_seconds = 0, apply_seconds = 0, summarize_seconds = 0;
};

/// Applies events to disputes keyed by dispute_id, one record at a time, and summarises
/// them at the end. Events of one dispute must come in time order (as the engine
/// requires); disputes may be interleaved.
class replayer {
public:
    explicit replayer(policy p, replay_options options = {});
    ~replayer();
    replayer(replayer&&) noexcept;
    replayer& operator=(replayer&&) noexcept;

    /// Names the records that follow in messages ("line", "events-2025-q1.jsonl line").
    void name_records(std::string name);
    /// One event; `record` numbers it in messages.
    void add(const event& e, std::size_t record);
    /// One event as JSON text (a JSONL line); blank lines are ignored.
    void add_json(std::string_view text, std::size_t record);
    /// One event as parsed JSON.
    void add_json(const nlohmann::json& j, std::size_t record);

    /// The summaries as of options.as_of (or the latest event applied). The replayer is
    /// spent afterwards.
    replay_result finish();

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

/// Replays a JSONL log (one event per line). Refusals name the line: "[drp.not_permitted]
/// line 12 (dispute D-7): ...".
replay_result replay_jsonl(const policy& p, std::istream& in, const replay_options& options = {});

// ---- the period report ------------------------------------------------------------------

/// The secret key of the children's pseudonyms in a report: 16 to 64 bytes. A pseudonym is
/// "C-" and 20 lower-case hex digits of keyed BLAKE2b (libsodium's crypto_generichash, an
/// 80-bit output) of the child_ref. Without the key nobody can recompute a pseudonym, so
/// trying every possible reference (every "MERC" and five digits) recovers nothing; with
/// it anyone can test a guessed reference, so keep it as you keep the data itself. The
/// same key gives the same pseudonyms in every report, quarter after quarter.
/// docs/analyst-guide.md says what that does and does not protect.
class pseudonym_key {
public:
    static constexpr std::size_t min_bytes = 16, max_bytes = 64;
    /// What drp keygen and random() make: 32 bytes, 64 hex digits.
    static constexpr std::size_t generated_bytes = 32;

    /// From raw bytes. Throws drp::error(invalid_argument) unless there are 16 to 64; the
    /// message gives the length, never the bytes.
    explicit pseudonym_key(std::vector<std::uint8_t> bytes);
    pseudonym_key(const pseudonym_key&) = default;
    pseudonym_key(pseudonym_key&&) noexcept = default;
    pseudonym_key& operator=(const pseudonym_key&) = default;
    pseudonym_key& operator=(pseudonym_key&&) noexcept = default;
    ~pseudonym_key();  ///< wipes its copy of the key

    /// From the text of a key file: 32 to 128 hex digits (an even number; either case),
    /// white space before and after ignored. Anything else throws drp::error
    /// (invalid_argument) saying what is wrong in words that never quote the text.
    static pseudonym_key from_hex(std::string_view text);
    /// A fresh key of generated_bytes from the operating system's CSPRNG (libsodium's
    /// randombytes_buf). Throws drp::error(internal) if libsodium cannot start.
    static pseudonym_key random();

    /// The key as lower-case hex digits: what a key file holds.
    std::string hex() const;
    const std::vector<std::uint8_t>& bytes() const noexcept { return bytes_; }
    /// "C-" and 20 lower-case hex digits: BLAKE2b-80 of child_ref keyed with this key
    /// (Python: hashlib.blake2b(child_ref.encode(), key=key, digest_size=10).hexdigest()).
    std::string pseudonym(std::string_view child_ref) const;

private:
    std::vector<std::uint8_t> bytes_;
};

/// Reads a key file (pseudonym_key::from_hex of its text). A file that is missing,
/// unreadable or a directory is drp::error(io); a malformed one is invalid_argument naming
/// the file, never quoting its text.
pseudonym_key read_pseudonym_key(const std::string& path);

/// How a period was asked for: what its label reads and what the periods before it are.
enum class period_kind {
    dates,             ///< from and to (labelled like a calendar quarter when it is one)
    calendar_quarter,  ///< "2025Q3": July-September 2025, labelled "2025 Q3"
    financial_quarter  ///< "Q1 2025/26": the UK financial year's April-June 2025, labelled "Q1 2025/26"
};

/// A quarter as written: its first and last day, its kind and its label.
struct named_quarter {
    date from{}, to{};
    period_kind kind = period_kind::calendar_quarter;
    std::string label;
};

struct report_options {
    /// How the period reads ("Q1 2025/26"); none: "2025 Q3" for a calendar quarter, else
    /// its first and last day.
    std::optional<std::string> period_label{};
    /// Recurring themes are found among disputes raised from this date to the period's
    /// end; none: the period's start.
    std::optional<date> themes_from;
    /// A child, team or category "recurs" with at least this many disputes.
    int recurring_at_least = 2;
    /// false: children appear as pseudonyms ("C-" and 20 hex digits, see pseudonym_key),
    /// never by child_ref.
    bool identify_children = false;
    /// The key of the pseudonyms (themes.pseudonym_key "supplied"); none: a random key made
    /// for this report alone and forgotten ("random"), so its pseudonyms match no other
    /// report. Not used when identify_children.
    std::optional<pseudonym_key> key;
};

/// The report for the local dates [from, to] as of `as_of` (normally the end of `to` or
/// the latest event, whichever is earlier), over the summaries of one policy's disputes
/// made as of that same instant. The shape is schemas/report.schema.json; docs/
/// analyst-guide.md defines every figure. Throws drp::error(invalid_argument) when
/// to < from.
nlohmann::json quarterly_report(const policy& p, const std::vector<dispute_summary>& disputes, date from, date to,
                                instant as_of, const report_options& options = {});

/// What a period report covers.
struct report_period {
    /// Local dates, both or neither; neither: the calendar quarter of the latest event.
    std::optional<date> from, to;
    /// Evaluate as of this instant; none: the end of `to` (23:59:59 local) or the latest
    /// event, whichever is earlier.
    std::optional<instant> as_of;
    /// How the period was asked for: its label, and the periods before it (periods_before).
    period_kind kind = period_kind::dates;
    /// How it reads; none: as report_options::period_label's default.
    std::optional<std::string> label{};
    /// The trend looks back over up to this many periods before it (those the log covers);
    /// 0: no trend (the replay summarises only once). drp report and drp.report use 8.
    int trend_periods = 0;
};

/// The periods before [from, to], nearest first, at most n: the quarters before it when it
/// is a quarter (or kind says so), the same number of whole months before it when it is
/// whole months (a year: the year before), else back-to-back periods of as many days.
std::vector<std::pair<date, date>> periods_before(date from, date to, period_kind kind, int n);

/// How a period reads: "Q1 2025/26" (a quarter, financial_quarter), "2025 Q3" (a calendar
/// quarter), else "Tue 1 Apr 2025 to Mon 30 Jun 2025".
std::string period_label(date from, date to, period_kind kind);

/// The replay options that see a log as it stood at the period's end (events after it are
/// not applied). Throws drp::error(invalid_argument) for only one of from/to, or to < from.
replay_options replay_options_for(const policy& p, const report_period& period, replay_options base = {});

/// quarterly_report over a replay made with replay_options_for(period), with a "source"
/// section saying how many events were applied, refused and left after the period, and a
/// "trend" section: the key figures of this period and of the periods before it that the
/// log covers (up to period.trend_periods), each counted over the disputes as they stood
/// at that period's end. Without a period and with no event applied (an empty log) there
/// is no quarter to report: drp::error(invalid_argument).
nlohmann::json period_report(const policy& p, const replay_result& replay, const report_period& period,
                             const report_options& options = {});

/// The calendar quarter (Jan-Mar, Apr-Jun, Jul-Sep, Oct-Dec) containing d, as [first, last].
std::pair<date, date> quarter_of(date d);

/// A calendar quarter, "2025Q2", "2025-Q2" or "2025 Q2" (April-June 2025), or a quarter of
/// the UK financial year (April-March), "Q1 2025/26", "2025/26Q1" or "2025/26 Q1" (April-June
/// 2025; Q4 2025/26 is January-March 2026). Anything else throws drp::error
/// (invalid_argument) naming the accepted forms.
named_quarter parse_named_quarter(std::string_view text);

/// parse_named_quarter's first and last day.
std::pair<date, date> parse_quarter(std::string_view text);

/// Every figure of the report in one long CSV table, one row per figure:
/// section,key,measure,value (RFC 4180 quoting; key identifies the row of a list: a stage,
/// category, team, dispute ...). For tables a spreadsheet opens, see report_table.
std::string report_csv(const nlohmann::json& report);

/// The names of the report's tables (report_table): totals, trend, stages, timeliness,
/// overall_cap, by_category, by_urgency, process, other_routes, overdue, impact, teams,
/// categories, children, team_categories, refusals.
const std::vector<std::string>& report_table_sections();

/// One section of the report as a tidy CSV table a manager can open in a spreadsheet: a
/// row per stage, category, dispute, period ..., a column per figure (nested figures as
/// "working_days_in_stage_median", lists joined by "; "), every row beginning with the
/// authority and the period, stage, category and urgency ids followed by their titles and
/// overdue duties by their words. An unknown section is drp::error(invalid_argument)
/// naming the sections.
std::string report_table(const nlohmann::json& report, std::string_view section);

/// The file a table is saved as: policy id, period and section, e.g.
/// "merton-Q1-2025-26-timeliness.csv" or "merton-2025-04-01_to_2025-06-30-impact.csv".
std::string report_table_file(const nlohmann::json& report, std::string_view section);

/// The report as one self-contained HTML page (inline CSS and SVG charts; no scripts,
/// fonts or links to fetch) that a manager can open in any browser.
std::string report_html(const nlohmann::json& report);

// ---- a regional comparison ------------------------------------------------------------

/// Several authorities' period reports (each made under its own policy, for the same
/// period) side by side: {"report": "drp-comparison", "period": {from, to, label},
/// "authorities": [{policy, authority, active, raised, resolved, open_at_end,
/// responses_on_time_percent, overall_cap_met_percent, escalations, bypasses,
/// bypass_percent (of escalations), disputes_with_time_out, time_out_percent,
/// cafcass_referrals, cafcass_percent (both of disputes active), stages: [{stage, title,
/// completed, met_percent, median_working_days}]}]}, in the order given. Throws
/// drp::error(invalid_argument) for no reports, or reports of different periods.
nlohmann::json comparison_report(const std::vector<nlohmann::json>& reports);

/// The comparison as a tidy CSV table: "authorities" (a row each) or "stages" (a row per
/// authority and stage). Another name is drp::error(invalid_argument).
std::string comparison_csv(const nlohmann::json& comparison, std::string_view table = "authorities");

/// The comparison as one self-contained HTML page.
std::string comparison_html(const nlohmann::json& comparison);

}  // namespace drp
