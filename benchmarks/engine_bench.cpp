// The dispute engine against DESIGN.md §5: events applied per second on one core for a
// realistic mix (target >= 1,000,000/s), replaying a JSONL log against merely parsing it
// (target <= 1.5x), and the size of a dispute's state without its history (< 1 KiB).
// Run: build/benchmarks/drp_benchmarks --benchmark_filter=Engine
#include "drp/dispute.hpp"
#include "drp/policy.hpp"
#include "engine/duty_record.hpp"  // the state's own records, for its size

#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

using std::chrono::hours;
using std::chrono::minutes;

// ---- a realistic mix of events -----------------------------------------------------------

// Writes plausible disputes event by event: raise, the duties each stage owes met (records
// and notifications), now and then an extension or a time out, responses, a few
// escalations, then resolution and its duties. Every event is tried on a scratch dispute
// and kept only when the policy accepts it, so the result is a valid log for the policy.
class scenario_writer {
public:
    scenario_writer(const drp::policy& p, std::uint64_t seed) : p_(p), rng_(seed) {}

    std::vector<drp::event> dispute(const std::string& id, drp::instant start) {
        drp::dispute d(p_);
        std::vector<drp::event> out;
        now_ = start;
        auto keep = [&](drp::event e) {
            e.dispute_id = id;
            e.at = now_;
            try {
                d.apply(e);
            } catch (const drp::error&) {
                return false;
            }
            out.push_back(std::move(e));
            now_ += minutes{pick(20, 60 * 30)};
            return true;
        };
        auto due_in = [&](int days) {
            return drp::due_time{p_.zone().local_date(now_) + std::chrono::days{days}};
        };
        // raise
        drp::event raise = make(drp::event_type::raise);
        raise.by = "IRO";
        raise.child_ref = "C" + std::to_string(pick(1000, 99999));
        raise.category = p_.categories().empty() ? "care_planning" : p_.categories()[static_cast<std::size_t>(pick(0, 5)) % p_.categories().size()];
        raise.urgency = pick(1, 10) <= 8 ? "standard" : "urgent";
        raise.summary = "care plan not progressing";
        if (!keep(raise)) {
            raise.due = due_in(10);
            if (!keep(raise)) {
                raise.urgency = "standard";
                keep(raise);
            }
        }
        const int escalations = pick(1, 4);
        for (int k = 0; k <= escalations && d.state().status == drp::dispute_status::open; ++k) {
            meet_duties(d, keep, 3);
            if (pick(1, 4) == 1) {
                drp::event e = make(drp::event_type::extend);
                e.agreed_by = p_.rules().extension.agreed_by.empty() ? "IRO" : p_.rules().extension.agreed_by.front();
                e.due = due_in(pick(3, 10));
                keep(e);
            }
            if (pick(1, 6) == 1) {
                drp::event e = make(drp::event_type::pause);
                e.approved_by = p_.rules().pause.approved_by.empty() ? "IRO_MANAGER" : p_.rules().pause.approved_by.front();
                e.reason = "waiting for the new social worker";
                if (keep(e)) {
                    now_ += hours{pick(24, 24 * 6)};
                    keep(make(drp::event_type::resume));
                }
            }
            now_ += hours{pick(24, 24 * 5)};
            drp::event respond = make(drp::event_type::respond);
            respond.adequate = k == escalations;
            keep(respond);
            if (k == escalations) break;
            escalate(d, keep, due_in(pick(5, 15)));
        }
        meet_duties(d, keep, 2);
        drp::event resolve = make(drp::event_type::resolve);
        resolve.summary = "plan back on track";
        resolve.impact = "placement confirmed";
        keep(resolve);
        meet_duties(d, keep, 3);
        return out;
    }

private:
    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    static drp::event make(drp::event_type t) {
        drp::event e;
        e.type = t;
        return e;
    }

    // Meets up to `n` open duties: a notify by obligation id, anything else recorded.
    template <class Keep>
    void meet_duties(const drp::dispute& d, Keep& keep, int n) {
        const auto owed = d.state().obligations();
        std::vector<const drp::obligation*> open;
        for (const auto& o : owed)
            if (o.status == drp::obligation_status::open && o.kind != drp::obligation_type::response &&
                o.kind != drp::obligation_type::overall && o.kind != drp::obligation_type::referral)
                open.push_back(&o);
        std::vector<std::string> ids;
        for (const auto* o : open) ids.push_back(duty_of(d.rules(), *o).id + (o->kind == drp::obligation_type::notify ? "\n" : ""));
        for (int i = 0; i < n && !ids.empty(); ++i) {
            std::string id = ids[static_cast<std::size_t>(pick(0, static_cast<int>(ids.size()) - 1))];
            const bool notify = id.back() == '\n';
            if (notify) id.pop_back();
            drp::event e = make(notify ? drp::event_type::notify : drp::event_type::record);
            e.obligation = id;
            keep(e);
        }
    }

    // Up one stage, for whatever reason the policy accepts here; when the next stage
    // needs a consultation first (trust-qas: the QAS team manager), it is held first.
    template <class Keep>
    void escalate(const drp::dispute& d, Keep& keep, const drp::due_time& agreed) {
        if (try_escalate(d, keep, agreed)) return;
        const auto here = static_cast<std::size_t>(d.state().stage);
        if (here + 1 >= p_.stages().size()) return;
        for (const auto& x : p_.stages()[here + 1].preconditions) {
            if (x.what != drp::precondition::type::consult) continue;
            drp::event e = make(drp::event_type::consult);
            e.role = x.role;
            e.agreed = true;
            keep(e);
        }
        try_escalate(d, keep, agreed);
    }

    template <class Keep>
    bool try_escalate(const drp::dispute& d, Keep& keep, const drp::due_time& agreed) {
        const int here = d.state().stage;
        for (const char* reason : {"inadequate_response", "not_resolved", "no_response", "discretion"}) {
            for (std::size_t to = static_cast<std::size_t>(here); to <= p_.stages().size(); ++to) {
                drp::event e = make(drp::event_type::escalate);
                e.reason = reason;
                e.note = "escalated";
                if (to > static_cast<std::size_t>(here)) {
                    if (to == p_.stages().size()) break;
                    e.to = p_.stages()[to].id;
                }
                if (keep(e)) return true;
                e.due = agreed;
                if (keep(e)) return true;
            }
        }
        return false;
    }

    const drp::policy& p_;
    std::mt19937_64 rng_;
    drp::instant now_{};
};

struct corpus {
    drp::policy policy;
    std::vector<std::vector<drp::event>> disputes;
    std::size_t events = 0;
};

const corpus& mix(const std::string& policy_name, std::size_t disputes) {
    static std::map<std::pair<std::string, std::size_t>, corpus> cache;
    const auto key = std::make_pair(policy_name, disputes);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
    corpus c{drp::builtin_policy(policy_name), {}, 0};
    scenario_writer w(c.policy, 2026);
    const auto t0 = drp::parse_rfc3339("2026-01-05T09:00:00Z");
    for (std::size_t i = 0; i < disputes; ++i) {
        c.disputes.push_back(w.dispute("D-" + std::to_string(i), t0 + hours{static_cast<int>(i % 8760)}));
        c.events += c.disputes.back().size();
    }
    return cache.emplace(key, std::move(c)).first->second;
}

// ---- (i) events applied per second ------------------------------------------------------

void Engine_ApplyRealisticMix(benchmark::State& state, const char* policy_name) {
    const auto& c = mix(policy_name, 2000);
    for (auto _ : state) {
        // A host hands over the events it parsed or built (apply(event&&)); copying the
        // corpus for that is not the engine's work, so it is left out of the time.
        state.PauseTiming();
        auto disputes = c.disputes;
        state.ResumeTiming();
        for (auto& events : disputes) {
            drp::dispute d(c.policy);
            for (auto& e : events) benchmark::DoNotOptimize(d.apply(std::move(e)));
            benchmark::DoNotOptimize(d.state());
        }
        state.PauseTiming();
        disputes.clear();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * c.events));
    state.counters["events_per_dispute"] = static_cast<double>(c.events) / static_cast<double>(c.disputes.size());
}
BENCHMARK_CAPTURE(Engine_ApplyRealisticMix, merton, "merton")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Engine_ApplyRealisticMix, trust_qas, "trust-qas")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Engine_ApplyRealisticMix, qa_form, "qa-form")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Engine_ApplyRealisticMix, cic_issues_resolution, "cic-issues-resolution")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(Engine_ApplyRealisticMix, tracked_recommendation, "tracked-recommendation")->Unit(benchmark::kMillisecond);

// ---- (ii) replaying a JSONL log against parsing it -------------------------------------

// About 215,000 events across 10,000 merton disputes (the realistic mix above), interleaved
// in time order as a real log would be, one JSON object per line.
const std::vector<std::string>& jsonl_log() {
    static const std::vector<std::string> lines = [] {
        const auto& c = mix("merton", 10000);
        std::vector<const drp::event*> all;
        for (const auto& events : c.disputes)
            for (const auto& e : events) all.push_back(&e);
        std::stable_sort(all.begin(), all.end(), [](const auto* a, const auto* b) { return a->at < b->at; });
        std::vector<std::string> out;
        out.reserve(all.size());
        for (const auto* e : all) out.push_back(drp::to_json(*e).dump());
        return out;
    }();
    return lines;
}

std::size_t parse_only(const std::vector<std::string>& lines) {
    std::size_t n = 0;
    for (const auto& line : lines) {
        const auto j = nlohmann::json::parse(line);
        n += j.size();
    }
    return n;
}

// The nlohmann path: a JSON document per line, then parse_event(const json&).
std::size_t parse_events(const std::vector<std::string>& lines) {
    std::size_t n = 0;
    for (const auto& line : lines) n += drp::parse_event(nlohmann::json::parse(line)).dispute_id.size();
    return n;
}

// The fast path a replay uses: one event_parser (simdjson On-Demand) for every line.
std::size_t parse_events_fast(const std::vector<std::string>& lines) {
    drp::event_parser parser;
    std::size_t n = 0;
    for (const auto& line : lines) n += parser.parse(line).dispute_id.size();
    return n;
}

using dispute_map = std::unordered_map<std::string, drp::dispute>;

// A replay: each line parsed (the fast path unless `dom`: the nlohmann path replays used
// before event_parser) and applied to its dispute, leaving the disputes in `disputes`.
std::size_t replay(const drp::policy& p, const std::vector<std::string>& lines, dispute_map& disputes, bool dom = false) {
    drp::event_parser parser;
    std::size_t n = 0;
    for (const auto& line : lines) {
        auto e = dom ? drp::parse_event(nlohmann::json::parse(line)) : parser.parse(line);
        auto it = disputes.find(e.dispute_id);
        if (it == disputes.end()) it = disputes.emplace(e.dispute_id, drp::dispute(p)).first;
        it->second.replay(std::move(e));
        ++n;
    }
    return n + disputes.size();
}

void Engine_JsonlParseOnly(benchmark::State& state) {
    const auto& lines = jsonl_log();
    for (auto _ : state) benchmark::DoNotOptimize(parse_only(lines));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * lines.size()));
}
BENCHMARK(Engine_JsonlParseOnly)->Unit(benchmark::kMillisecond);

void Engine_JsonlParseEvents(benchmark::State& state) {
    const auto& lines = jsonl_log();
    for (auto _ : state) benchmark::DoNotOptimize(parse_events(lines));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * lines.size()));
}
BENCHMARK(Engine_JsonlParseEvents)->Unit(benchmark::kMillisecond);

void Engine_JsonlParseEventsFast(benchmark::State& state) {
    const auto& lines = jsonl_log();
    for (auto _ : state) benchmark::DoNotOptimize(parse_events_fast(lines));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * lines.size()));
}
BENCHMARK(Engine_JsonlParseEventsFast)->Unit(benchmark::kMillisecond);

void Engine_JsonlReplay(benchmark::State& state) {
    const auto& lines = jsonl_log();
    const auto p = drp::builtin_policy("merton");
    for (auto _ : state) {
        dispute_map disputes;
        benchmark::DoNotOptimize(replay(p, lines, disputes));
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * lines.size()));
}
BENCHMARK(Engine_JsonlReplay)->Unit(benchmark::kMillisecond);

// CPU time of this thread: on a shared machine wall time measures the neighbours too.
double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// All in one iteration, one after the other, so the ratios compare like with like:
// nlohmann's DOM parse alone; DOM parse + parse_event(json); the fast parse straight into
// drp::event (event_parser); the replay to states (fast parse + dispute::replay) and,
// apart, freeing those 10,000 disputes afterwards; and the replay as it was before
// event_parser (DOM parse + parse_event(json) + replay).
void Engine_JsonlReplayVsParse(benchmark::State& state) {
    const auto& lines = jsonl_log();
    const auto p = drp::builtin_policy("merton");
    double parse_s = 0, parse_event_s = 0, fast_s = 0, replay_s = 0, teardown_s = 0, replay_dom_s = 0;
    for (auto _ : state) {
        const double t0 = cpu_seconds();
        benchmark::DoNotOptimize(parse_only(lines));
        const double t1 = cpu_seconds();
        benchmark::DoNotOptimize(parse_events(lines));
        const double t2 = cpu_seconds();
        benchmark::DoNotOptimize(parse_events_fast(lines));
        const double t3 = cpu_seconds();
        auto disputes = std::make_unique<dispute_map>();
        benchmark::DoNotOptimize(replay(p, lines, *disputes));
        const double t4 = cpu_seconds();
        disputes.reset();
        const double t4b = cpu_seconds();
        auto old_way = std::make_unique<dispute_map>();
        benchmark::DoNotOptimize(replay(p, lines, *old_way, true));
        const double t5 = cpu_seconds();
        old_way.reset();  // freed apart, as above
        replay_dom_s += t5 - t4b;
        teardown_s += t4b - t4;
        parse_s += t1 - t0;
        parse_event_s += t2 - t1;
        fast_s += t3 - t2;
        replay_s += t4 - t3;
    }
    const auto n = static_cast<double>(state.iterations());
    state.counters["events"] = static_cast<double>(lines.size());
    state.counters["parse_ms"] = parse_s / n * 1e3;
    state.counters["parse_event_ms"] = parse_event_s / n * 1e3;
    state.counters["fast_parse_event_ms"] = fast_s / n * 1e3;
    state.counters["replay_ms"] = replay_s / n * 1e3;
    state.counters["fast_ratio"] = fast_s / parse_s;
    state.counters["ratio"] = replay_s / parse_s;
    state.counters["teardown_ms"] = teardown_s / n * 1e3;
    state.counters["ratio_with_teardown"] = (replay_s + teardown_s) / parse_s;
    state.counters["replay_nlohmann_ms"] = replay_dom_s / n * 1e3;
    state.counters["ratio_nlohmann"] = replay_dom_s / parse_s;
}
BENCHMARK(Engine_JsonlReplayVsParse)->Unit(benchmark::kMillisecond);

// The engine's share of a replay: the same log's events, parsed beforehand, applied in log
// order to 10,000 live disputes (so each event finds its dispute cold in cache, as in a
// real replay), moved in as a replay would.
void Engine_JsonlApplyOnly(benchmark::State& state) {
    const auto& lines = jsonl_log();
    const auto p = drp::builtin_policy("merton");
    std::vector<drp::event> parsed;
    parsed.reserve(lines.size());
    for (const auto& line : lines) parsed.push_back(drp::parse_event(std::string_view(line)));
    for (auto _ : state) {
        state.PauseTiming();
        auto events = parsed;
        std::unordered_map<std::string, drp::dispute> disputes;
        state.ResumeTiming();
        std::size_t n = 0;
        for (auto& e : events) {
            auto it = disputes.find(e.dispute_id);
            if (it == disputes.end()) it = disputes.emplace(e.dispute_id, drp::dispute(p)).first;
            it->second.replay(std::move(e));
            ++n;
        }
        benchmark::DoNotOptimize(n);
        state.PauseTiming();
        disputes.clear();
        events.clear();
        state.ResumeTiming();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * lines.size()));
}
BENCHMARK(Engine_JsonlApplyOnly)->Unit(benchmark::kMillisecond);

// ---- (iii) state size ------------------------------------------------------------------

// Heap bytes a value owns (libstdc++: strings longer than 15 bytes own capacity + 1;
// malloc's own per-block overhead is not counted). Measured after every event of the mix.
std::size_t heap(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }
template <class T>
std::size_t heap(const std::vector<T>& xs);
std::size_t heap(const drp::date&) { return 0; }
std::size_t heap(const drp::dispute_state::stage_entry&) { return 0; }
std::size_t heap(const drp::deadline_explain::pause_span&) { return 0; }
std::size_t heap(const drp::deadline_explain::extension& x) { return heap(x.agreed_by); }
std::size_t heap(const drp::engine::duty_detail& x) {
    return heap(x.skipped) + heap(x.pauses) + heap(x.extensions);
}
std::size_t heap(const drp::engine::duty_record&) { return 0; }
std::size_t heap(const drp::referral& r) { return heap(r.to); }
std::size_t heap(const drp::consultation& c) { return heap(c.role); }
std::size_t heap(const drp::event& e) {
    std::size_t n = 0;
    for (const auto* text : {&e.dispute_id, &e.by, &e.note, &e.child_ref, &e.category, &e.urgency, &e.summary, &e.start_stage,
                             &e.start_reason, &e.policy_version, &e.reason, &e.to, &e.agreed_by, &e.approved_by, &e.role,
                             &e.refer_to, &e.meeting_kind, &e.obligation, &e.impact})
        n += heap(*text);
    return n;
}
template <class T>
std::size_t heap(const std::vector<T>& xs) {
    std::size_t n = xs.capacity() * sizeof(T);
    for (const auto& x : xs) n += heap(x);
    return n;
}
std::size_t heap(const drp::dispute_state& s) {
    return heap(s.dispute_id) + heap(s.category) + heap(s.consulted) + heap(s.referrals) + heap(s.records) + heap(s.details) + heap(s.entered);
}

void Engine_StateSize(benchmark::State& state, const char* policy_name) {
    const auto& c = mix(policy_name, 2000);
    double total = 0, largest = 0, obligations = 0, obligation_bytes = 0, explain = 0, history = 0;
    std::size_t states = 0;
    for (auto _ : state) {
        total = largest = obligations = obligation_bytes = explain = history = 0;
        states = 0;
        for (const auto& events : c.disputes) {
            drp::dispute d(c.policy);
            for (const auto& e : events) {
                d.apply(e);
                const auto bytes = static_cast<double>(sizeof(drp::dispute_state) + heap(d.state()));
                total += bytes;
                largest = std::max(largest, bytes);
                obligations += static_cast<double>(d.state().obligation_count());
                obligation_bytes += static_cast<double>(heap(d.state().records));
                explain += static_cast<double>(heap(d.state().details));
                history += static_cast<double>(d.history().memory());
                ++states;
            }
        }
    }
    const auto n = static_cast<double>(states);
    state.counters["sizeof_state"] = static_cast<double>(sizeof(drp::dispute_state));
    state.counters["sizeof_obligation"] = static_cast<double>(sizeof(drp::engine::duty_record));
    state.counters["sizeof_event"] = static_cast<double>(sizeof(drp::event));
    state.counters["history_bytes_mean"] = history / n;
    state.counters["bytes_mean"] = total / n;
    state.counters["bytes_max"] = largest;
    state.counters["obligations_mean"] = obligations / n;
    state.counters["obligation_bytes_mean"] = obligation_bytes / n;
    state.counters["explain_bytes_mean"] = explain / n;
}
BENCHMARK_CAPTURE(Engine_StateSize, merton, "merton")->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(Engine_StateSize, trust_qas, "trust-qas")->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(Engine_StateSize, cic_issues_resolution, "cic-issues-resolution")->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(Engine_StateSize, qa_form, "qa-form")->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(Engine_StateSize, tracked_recommendation, "tracked-recommendation")->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
