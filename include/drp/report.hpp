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
// met), bypasses, time outs, extensions, Cafcass referrals, outcome and impact, all as of
// a given instant. The report counts them for a period (schemas/report.schema.json).
// Time is always an input: nothing here reads a clock.
#pragma once

#include <cstddef>
#include <cstdint>
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

struct report_options {
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
};

/// The replay options that see a log as it stood at the period's end (events after it are
/// not applied). Throws drp::error(invalid_argument) for only one of from/to, or to < from.
replay_options replay_options_for(const policy& p, const report_period& period, replay_options base = {});

/// quarterly_report over a replay made with replay_options_for(period), with a "source"
/// section saying how many events were applied, refused and left after the period.
nlohmann::json period_report(const policy& p, const replay_result& replay, const report_period& period,
                             const report_options& options = {});

/// The calendar quarter (Jan-Mar, Apr-Jun, Jul-Sep, Oct-Dec) containing d, as [first, last].
std::pair<date, date> quarter_of(date d);

/// "2025Q2", "2025-Q2" or "2025 Q2": that calendar quarter. Throws drp::error(invalid_argument).
std::pair<date, date> parse_quarter(std::string_view text);

/// The report as one tidy CSV table, one row per figure: section,key,measure,value (RFC 4180
/// quoting; key identifies the row of a list: a stage, category, team, dispute ...).
std::string report_csv(const nlohmann::json& report);

/// The report as one self-contained HTML page (inline CSS and SVG charts; no scripts,
/// fonts or links to fetch) that a manager can open in any browser.
std::string report_html(const nlohmann::json& report);

}  // namespace drp
