// The replay loop: events (from a JSONL log, a list, a data frame) to disputes keyed by
// dispute_id, and each dispute to its summary.
#include <chrono>
#include <istream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "common/input.hpp"
#include "common/safe_text.hpp"
#include "json/strict_parse.hpp"
#include "engine/parsed_events.hpp"
#include "report/summary_builder.hpp"

namespace drp {
namespace {

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point t0) {
    return std::chrono::duration<double>(clock_type::now() - t0).count();
}

// "[drp.code] message" -> "message", so a refusal can be wrapped with its record once.
std::string_view bare_message(std::string_view what) {
    if (what.starts_with("[drp.")) {
        const auto close = what.find("] ");
        if (close != std::string_view::npos) return what.substr(close + 2);
    }
    return what;
}

}  // namespace

struct replayer::impl {
    struct tracked {
        dispute d;
        report_detail::summary_builder builder;
    };

    impl(policy pol, replay_options opts) : p(std::move(pol)), options(std::move(opts)) {}

    policy p;
    replay_options options;
    std::unordered_map<std::string, std::size_t> index;
    std::vector<tracked> disputes;  // in order of first appearance
    replay_result result;
    event_parser parser;  // JSONL lines straight into events (simdjson), buffers reused
    std::optional<instant> latest;       // of the events applied
    std::optional<instant> latest_seen;  // of every event read, applied or not
    void refuse(std::size_t record, const std::string& dispute_id, const error& err) {
        std::string where = options.record_name + " " + std::to_string(record);
        if (!dispute_id.empty()) where += " (dispute " + detail::safe_text(dispute_id.substr(0, 128)) + ")";
        if (!options.skip_refused) throw error(err.code(), where + ": " + std::string(bare_message(err.what())));
        result.refused.push_back({record, dispute_id, err.code(), std::string(bare_message(err.what()))});
    }

    // Replays one event (moved into its dispute's history when accepted). `parsed`: the
    // event is as drp's readers returned it, already checked.
    void add(event&& e, std::size_t record, bool parsed) {
        if (!latest_seen || e.at > *latest_seen) latest_seen = e.at;
        if (options.as_of && e.at > *options.as_of) {
            ++result.after_as_of;
            return;
        }
        auto [it, fresh] = index.try_emplace(e.dispute_id, disputes.size());
        if (fresh) disputes.push_back({dispute(p), report_detail::summary_builder(p)});
        auto& t = disputes[it->second];
        try {
            // (a replay acts on nothing: no actions needed)
            if (parsed) engine::parsed_events::replay(t.d, e);
            else t.d.replay(e);
        } catch (const error& err) {
            refuse(record, e.dispute_id, err);
            return;
        }
        const event& applied = e;  // (the history keeps its own copy)
        t.builder.applied(applied, t.d.state());
        ++result.applied;
        if (!latest || applied.at > *latest) latest = applied.at;
        if (!result.first_event || applied.at < *result.first_event) result.first_event = applied.at;
    }

    // The disputes as they stood at each of `instants` (ascending): a dispute with events
    // after an instant is replayed again from its history up to it, so an earlier period
    // sees only what had happened by its end, whatever order the log's lines came in.
    void snapshots(const std::vector<instant>& instants) {
        for (const auto at : instants) result.earlier.push_back({at, {}});
        for (const auto& t : disputes) {
            if (!t.builder.raised()) continue;
            const auto& h = t.d.history();
            std::optional<dispute> again;
            std::optional<report_detail::summary_builder> builder;
            std::size_t next = 0;
            for (auto& snap : result.earlier) {
                if (h.time(0) > snap.as_of) continue;  // not raised yet
                if (h.time(h.size() - 1) <= snap.as_of) {
                    snap.disputes.push_back(t.builder.finish(t.d.state(), snap.as_of));
                    continue;
                }
                if (!again) again.emplace(p), builder.emplace(p);
                for (; next < h.size() && h.time(next) <= snap.as_of; ++next) {
                    const event e = h[next];
                    again->replay(e);
                    builder->applied(e, again->state());
                }
                if (builder->raised()) snap.disputes.push_back(builder->finish(again->state(), snap.as_of));
            }
        }
    }

    void add_refused_text(std::string_view text, std::size_t record, clock_type::time_point t0) {
        nlohmann::json j;
        try {
            j = drp::detail::parse_strict(text, "event");
        } catch (const error& e) {
            refuse(record, "", e);
            result.parse_seconds += seconds_since(t0);
            return;
        }
        add_parsed(j, record, t0);
    }

    void add_parsed(const nlohmann::json& j, std::size_t record, clock_type::time_point t0) {
        event e;
        try {
            e = parse_event(j);
        } catch (const error& err) {
            const auto id = j.is_object() ? j.find("dispute_id") : j.end();
            refuse(record, id != j.end() && id->is_string() ? id->get<std::string>() : std::string(), err);
            result.parse_seconds += seconds_since(t0);
            return;
        }
        const auto t1 = clock_type::now();
        result.parse_seconds += std::chrono::duration<double>(t1 - t0).count();
        add(std::move(e), record, true);
        result.apply_seconds += seconds_since(t1);
    }
};

replayer::replayer(policy p, replay_options options) : impl_(std::make_unique<impl>(std::move(p), std::move(options))) {}
replayer::~replayer() = default;
replayer::replayer(replayer&&) noexcept = default;
replayer& replayer::operator=(replayer&&) noexcept = default;

void replayer::name_records(std::string name) { impl_->options.record_name = std::move(name); }

void replayer::add(const event& e, std::size_t record) {
    const auto t0 = clock_type::now();
    impl_->add(event(e), record, false);
    impl_->result.apply_seconds += seconds_since(t0);
}

void replayer::add_json(const nlohmann::json& j, std::size_t record) { impl_->add_parsed(j, record, clock_type::now()); }

void replayer::add_json(std::string_view text, std::size_t record) {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
    const auto t0 = clock_type::now();
    event e;
    try {
        e = impl_->parser.parse(text);
    } catch (const error&) {
        // Refused: read again as a document, for the refusal's message and dispute_id.
        impl_->add_refused_text(text, record, t0);
        return;
    }
    const auto t1 = clock_type::now();
    impl_->result.parse_seconds += std::chrono::duration<double>(t1 - t0).count();
    impl_->add(std::move(e), record, true);
    impl_->result.apply_seconds += seconds_since(t1);
}

replay_result replayer::finish() {
    auto& m = *impl_;
    const auto t0 = clock_type::now();
    m.result.as_of = m.options.as_of.value_or(m.latest.value_or(instant{}));
    if (m.options.as_of && m.options.clamp_to_latest && m.latest_seen && *m.latest_seen < m.result.as_of)
        m.result.as_of = *m.latest_seen;
    m.result.disputes.reserve(m.disputes.size());
    for (const auto& t : m.disputes)
        if (t.builder.raised()) m.result.disputes.push_back(t.builder.finish(t.d.state(), m.result.as_of));
    if (m.options.also_as_of) m.snapshots(m.options.also_as_of(m.result.as_of));
    // The disputes (and their histories) are no longer needed: free them now, not whenever
    // the replayer happens to be destroyed.
    std::vector<impl::tracked>().swap(m.disputes);
    std::unordered_map<std::string, std::size_t>().swap(m.index);
    m.result.summarize_seconds = seconds_since(t0);
    return std::move(m.result);
}

replay_result replay_jsonl(const policy& p, std::istream& in, const replay_options& options) {
    replay_options o = options;
    o.record_name = "line";
    const std::size_t max_line = o.max_line_bytes;
    replayer r(p, std::move(o));
    // Every read checked: a stream that fails part-way is an io error, not the log's end.
    const auto source = detail::stream_input(in, "the log");
    detail::line_reader lines(*source, max_line);
    std::string line;
    while (lines.next(line)) r.add_json(std::string_view(line), lines.number());
    return r.finish();
}

}  // namespace drp
