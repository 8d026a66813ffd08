// The period ("quarterly") report: counts over dispute summaries, in the JSON shape of
// schemas/report.schema.json. docs/analyst-guide.md defines each figure in these terms.
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "drp/report.hpp"
#include "drp/version.hpp"
#include "report/report_labels.hpp"

namespace drp {
namespace {

using nlohmann::json;
using namespace std::chrono;

constexpr std::string_view urgencies[] = {"standard", "urgent", "imminent_risk"};

double round_to(double v, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(v * scale) / scale;
}

// Quantile with linear interpolation between order statistics (numpy's and pandas'
// default), so analysts can check any figure against the replay data frame.
json quantile(const std::vector<int>& sorted, double q) {
    if (sorted.empty()) return nullptr;
    const double pos = q * static_cast<double>(sorted.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos)), hi = static_cast<std::size_t>(std::ceil(pos));
    const double v = sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - static_cast<double>(lo));
    return round_to(v, 2);
}

json stats(std::vector<int> xs) {
    std::sort(xs.begin(), xs.end());
    return {{"count", xs.size()}, {"median", quantile(xs, 0.5)}, {"p90", quantile(xs, 0.9)}};
}

json percent(int part, int whole) {
    if (whole == 0) return nullptr;
    return round_to(100.0 * part / whole, 1);
}

json optional_text(const std::string& s) { return s.empty() ? json() : json(s); }

// What the policy's source says that the model does not carry: category titles and
// whether a resolution must record its impact.
struct policy_extras {
    std::map<std::string, std::string> category_titles;
    bool impact_required = false;
};
policy_extras extras_of(const policy& p) {
    policy_extras out;
    const json doc = json::parse(p.source_text(), nullptr, false);
    if (!doc.is_object()) return out;
    if (const auto c = doc.find("categories"); c != doc.end() && c->is_object())
        for (const auto& [id, v] : c->items())
            if (v.is_object() && v.contains("title") && v["title"].is_string()) out.category_titles[id] = v["title"].get<std::string>();
    if (const auto r = doc.find("reporting"); r != doc.end() && r->is_object())
        out.impact_required = r->value("impact_required", false);
    return out;
}

// Where one dispute stands relative to the period [start, end).
struct standing {
    bool raised_in, active, open_at_start, closed_in, open_at_end;
};

}  // namespace

std::string timescale_text(const stage& st) {
    const auto& t = st.timescale;
    switch (t.form) {
        case stage_timescale::type::none: return "none";
        case stage_timescale::type::fixed: return t.fixed_or_default ? to_string(*t.fixed_or_default) : "none";
        case stage_timescale::type::agreed:
            return "agreed date" + (t.fixed_or_default ? " (default " + to_string(*t.fixed_or_default) + ")" : std::string());
        case stage_timescale::type::by_urgency: {
            std::string out;
            const auto fallback = t.fixed_or_default;
            for (int u = 0; u < 3; ++u) {
                const auto d = t.per_urgency[static_cast<std::size_t>(u)];
                if (!d || (fallback && *d == *fallback)) continue;
                out += (out.empty() ? "" : "; ") + to_string(*d) + " (" + std::string(urgencies[u]) + ")";
            }
            if (fallback) out += (out.empty() ? "" : "; ") + to_string(*fallback) + (out.empty() ? "" : " otherwise");
            return out;
        }
    }
    return "none";
}

namespace {

// The period, and where each dispute stands in it: what every section counts over.
struct period_view {
    const policy& p;
    const std::vector<dispute_summary>& disputes;
    instant start, end, as_of;  // [start, end): the period's local days
    std::vector<standing> where;

    period_view(const policy& pol, const std::vector<dispute_summary>& ds, date from, date to, instant at)
        : p(pol), disputes(ds), start(pol.zone().from_local(from, seconds{0})),
          end(pol.zone().from_local(to + days{1}, seconds{0})), as_of(at) {
        where.reserve(ds.size());
        for (const auto& d : ds) {
            const bool closed_before = d.closed && *d.closed < start;
            const bool raised_by_end = d.raised < end;
            where.push_back({in(d.raised), raised_by_end && !closed_before, d.raised < start && !closed_before, in(d.closed),
                             raised_by_end && !(d.closed && *d.closed < end)});
        }
    }
    bool in(const std::optional<instant>& t) const { return t && *t >= start && *t < end; }
    int working_days(instant a, instant b) const {
        return p.calendar().working_days_between(p.zone().local_date(a), p.zone().local_date(b));
    }
};

// When a stage visit ended: left by escalation, or the dispute closed there; none: still on.
std::optional<instant> visit_end(const dispute_summary& d, std::size_t k) {
    if (d.visits[k].left) return d.visits[k].left;
    if (k + 1 == d.visits.size()) return d.closed;
    return std::nullopt;
}

void add_totals(const period_view& v, json& report) {
    int active = 0, open_at_start = 0, raised = 0, resolved = 0, withdrawn = 0, open_at_end = 0, overdue_at_end = 0,
        response_overdue = 0, paused_at_end = 0, resolved_first = 0;
    std::vector<int> open_ages;
    json overdue_list = json::array();
    const auto& tz = v.p.zone();
    for (std::size_t i = 0; i < v.disputes.size(); ++i) {
        const auto& d = v.disputes[i];
        const auto& w = v.where[i];
        active += w.active;
        open_at_start += w.open_at_start;
        raised += w.raised_in;
        if (w.closed_in) {
            resolved += d.status == dispute_status::resolved;
            withdrawn += d.status == dispute_status::withdrawn;
            resolved_first += d.status == dispute_status::resolved && d.visits.size() == 1;
        }
        if (!w.open_at_end) continue;
        ++open_at_end;
        open_ages.push_back(d.working_days_open);
        paused_at_end += d.paused;
        response_overdue += !d.closed && d.reached().response == timeliness::missed;
        if (d.overdue.empty()) continue;
        ++overdue_at_end;
        overdue_list.push_back({{"dispute_id", d.dispute_id},
                                {"stage", d.reached().stage},
                                {"category", d.category},
                                {"urgency", std::string(to_string(d.level))},
                                {"team", optional_text(d.team)},
                                {"overdue", d.overdue},
                                {"overdue_since", tz.format(*d.overdue_since)},
                                {"working_days_overdue", std::max(0, v.working_days(*d.overdue_since, v.as_of))}});
    }
    std::stable_sort(overdue_list.begin(), overdue_list.end(), [](const json& a, const json& b) {
        return a["working_days_overdue"].get<int>() > b["working_days_overdue"].get<int>();
    });
    report["totals"] = {{"active", active},           {"open_at_start", open_at_start}, {"raised", raised},
                        {"resolved", resolved},       {"withdrawn", withdrawn},         {"open_at_end", open_at_end},
                        {"overdue_at_end", overdue_at_end}, {"response_overdue_at_end", response_overdue},
                        {"paused_at_end", paused_at_end}};
    report["outcomes"] = {{"resolved", resolved},
                          {"resolved_at_first_stage", resolved_first},
                          {"resolved_after_escalation", resolved - resolved_first},
                          {"withdrawn", withdrawn},
                          {"open_at_end", open_at_end}};
    report["open_at_end"] = {{"count", open_at_end},
                             {"overdue", overdue_at_end},
                             {"response_overdue", response_overdue},
                             {"paused", paused_at_end},
                             {"working_days_open", stats(open_ages)},
                             {"overdue_disputes", overdue_list}};
}

// The policy's cap on the whole formal process (Merton's 20 working days), if any.
json overall_cap(const period_view& v) {
    const auto& rule = v.p.rules().overall_cap;
    if (!rule) return {{"applies", false}};
    int completed = 0, met = 0, missed = 0, in_progress = 0, in_progress_late = 0;
    for (std::size_t i = 0; i < v.disputes.size(); ++i) {
        const auto& d = v.disputes[i];
        if (!d.overall_due) continue;
        if (v.in(d.overall_ended)) {
            ++completed;
            met += d.overall == timeliness::met;
            missed += d.overall == timeliness::missed;
        } else if (!d.overall_ended && v.where[i].open_at_end) {
            ++in_progress;
            in_progress_late += d.overall == timeliness::missed;
        }
    }
    json kinds = json::array();
    for (auto k : rule->kinds) kinds.push_back(std::string(to_string(k)));
    return {{"applies", true},      {"within", to_string(rule->within)},          {"kinds", kinds},
            {"completed", completed}, {"met", met},                               {"missed", missed},
            {"met_percent", percent(met, met + missed)}, {"in_progress", in_progress}, {"in_progress_overdue", in_progress_late}};
}

// Per stage: where disputes ended or stand, and whether responses came in time.
void add_stages(const period_view& v, json& report) {
    const auto& stages = v.p.stages();
    struct stage_counts {
        int entered = 0, bypassed_into = 0, started_here = 0, resolved = 0, withdrawn = 0, open_at_end = 0, overdue_at_end = 0;
        int completed = 0, met = 0, missed = 0, ended_early = 0, no_timescale = 0, in_progress = 0, in_progress_overdue = 0,
            extensions = 0;
        std::vector<int> days_in_stage, days_to_response;
    };
    std::vector<stage_counts> per_stage(stages.size());
    auto at = [&](const std::string& id) -> stage_counts& { return per_stage[v.p.stage_index(id)]; };
    for (std::size_t i = 0; i < v.disputes.size(); ++i) {
        const auto& d = v.disputes[i];
        const auto& w = v.where[i];
        for (std::size_t k = 0; k < d.visits.size(); ++k) {
            const auto& visit = d.visits[k];
            auto& c = at(visit.stage);
            if (v.in(visit.entered)) {
                ++c.entered;
                c.bypassed_into += visit.entered_by == "bypass";
                c.started_here += k == 0;
            }
            const auto ended = visit_end(d, k);
            if (v.in(ended)) {
                ++c.completed;
                c.extensions += visit.extensions;
                c.met += visit.response == timeliness::met;
                c.missed += visit.response == timeliness::missed;
                c.ended_early += visit.response == timeliness::ended_early;
                c.no_timescale += visit.response == timeliness::no_timescale;
                c.days_in_stage.push_back(visit.working_days);
                if (visit.working_days_to_response) c.days_to_response.push_back(*visit.working_days_to_response);
            } else if (!ended && w.open_at_end) {
                ++c.in_progress;
                c.in_progress_overdue += visit.response == timeliness::missed;
            }
        }
        auto& reached = at(d.reached().stage);
        if (w.closed_in) {
            reached.resolved += d.status == dispute_status::resolved;
            reached.withdrawn += d.status == dispute_status::withdrawn;
        }
        if (w.open_at_end) {
            ++reached.open_at_end;
            reached.overdue_at_end += !d.overdue.empty();
        }
    }
    json by_stage = json::array(), rows = json::array();
    stage_counts all;
    for (std::size_t k = 0; k < stages.size(); ++k) {
        const auto& st = stages[k];
        const auto& c = per_stage[k];
        by_stage.push_back({{"stage", st.id},
                            {"title", st.title},
                            {"level", st.level},
                            {"kind", std::string(to_string(st.kind))},
                            {"entered", c.entered},
                            {"started_here", c.started_here},
                            {"bypassed_into", c.bypassed_into},
                            {"resolved", c.resolved},
                            {"withdrawn", c.withdrawn},
                            {"open_at_end", c.open_at_end},
                            {"overdue_at_end", c.overdue_at_end}});
        rows.push_back({{"stage", st.id},
                        {"title", st.title},
                        {"timescale", timescale_text(st)},
                        {"completed", c.completed},
                        {"met", c.met},
                        {"missed", c.missed},
                        {"ended_early", c.ended_early},
                        {"no_timescale", c.no_timescale},
                        {"met_percent", percent(c.met, c.met + c.missed)},
                        {"in_progress", c.in_progress},
                        {"in_progress_overdue", c.in_progress_overdue},
                        {"extensions", c.extensions},
                        {"working_days_in_stage", stats(c.days_in_stage)},
                        {"working_days_to_response", stats(c.days_to_response)}});
        all.completed += c.completed;
        all.met += c.met;
        all.missed += c.missed;
        all.ended_early += c.ended_early;
        all.no_timescale += c.no_timescale;
        all.in_progress += c.in_progress;
        all.in_progress_overdue += c.in_progress_overdue;
    }
    report["stages"] = by_stage;
    report["timeliness"] = {{"stages", rows},
                            {"all_stages", {{"completed", all.completed}, {"met", all.met}, {"missed", all.missed},
                                            {"ended_early", all.ended_early}, {"no_timescale", all.no_timescale},
                                            {"met_percent", percent(all.met, all.met + all.missed)},
                                            {"in_progress", all.in_progress}, {"in_progress_overdue", all.in_progress_overdue}}},
                            {"overall_cap", overall_cap(v)}};
}

// Counts per category or urgency: raised, resolved, withdrawn, open at the end, active.
template <class KeyOf>
std::map<std::string, std::array<int, 5>> tally(const period_view& v, KeyOf key_of) {
    std::map<std::string, std::array<int, 5>> counts;
    for (std::size_t i = 0; i < v.disputes.size(); ++i) {
        const auto& w = v.where[i];
        if (!w.active && !w.raised_in && !w.closed_in) continue;
        const auto& d = v.disputes[i];
        auto& c = counts[key_of(d)];
        c[0] += w.raised_in;
        c[1] += w.closed_in && d.status == dispute_status::resolved;
        c[2] += w.closed_in && d.status == dispute_status::withdrawn;
        c[3] += w.open_at_end;
        c[4] += w.active;
    }
    return counts;
}

json tally_row(json row, const std::array<int, 5>& c) {
    row["raised"] = c[0];
    row["resolved"] = c[1];
    row["withdrawn"] = c[2];
    row["open_at_end"] = c[3];
    row["active"] = c[4];
    return row;
}

json by_category(const period_view& v, const policy_extras& extras) {
    auto counts = tally(v, [](const dispute_summary& d) { return d.category; });
    auto title = [&](const std::string& id) {
        const auto t = extras.category_titles.find(id);
        return t == extras.category_titles.end() ? json(id) : json(t->second);
    };
    json rows = json::array();
    for (const auto& id : v.p.categories()) {  // the policy's categories first, even with no disputes
        rows.push_back(tally_row({{"category", id}, {"title", title(id)}}, counts[id]));
        counts.erase(id);
    }
    for (const auto& [id, c] : counts) rows.push_back(tally_row({{"category", id}, {"title", title(id)}}, c));
    return rows;
}

json by_urgency(const period_view& v) {
    auto counts = tally(v, [](const dispute_summary& d) { return std::string(to_string(d.level)); });
    json rows = json::array();
    for (auto u : urgencies) rows.push_back(tally_row({{"urgency", std::string(u)}}, counts[std::string(u)]));
    return rows;
}

// Another route taken instead of escalation (a complaint, advocacy), per route: taken and
// ended in the period, and still being taken at its end (a route may outlast its dispute).
// The policy's routes first, even with none taken, as by_category lists its categories;
// then any other route seen, where the policy names none.
json other_routes(const period_view& v) {
    struct counts {
        int taken = 0, ended = 0, running_at_end = 0;
    };
    std::map<std::string, counts> seen;
    int disputes = 0;
    for (const auto& d : v.disputes) {
        bool took = false;
        for (const auto& r : d.other_routes) {
            const bool taken = v.in(r.taken_at), ended = v.in(r.ended_at);
            const bool running = r.taken_at < v.end && (!r.ended_at || *r.ended_at >= v.end);
            if (!taken && !ended && !running) continue;
            auto& c = seen[r.route];
            c.taken += taken;
            c.ended += ended;
            c.running_at_end += running;
            took = took || taken;
        }
        disputes += took;
    }
    json rows = json::array();
    const auto row = [&](const std::string& id, const std::string& title, const counts& c) {
        rows.push_back({{"route", id}, {"title", title}, {"taken", c.taken}, {"ended", c.ended},
                        {"running_at_end", c.running_at_end}});
    };
    for (const auto& r : v.p.rules().other_routes) {
        row(r.id, r.title, seen[r.id]);
        seen.erase(r.id);
    }
    for (const auto& [id, c] : seen) row(id, id, c);
    return {{"disputes", disputes}, {"routes", rows}};
}

// Bypasses, time outs, extensions, legal advice, Cafcass, other routes: events in the period.
json process(const period_view& v) {
    int escalations = 0, bypasses = 0, started_above = 0, extensions = 0, time_outs = 0, time_out_days = 0, legal = 0,
        referrals = 0, concurrent = 0, accepted = 0, declined = 0, awaiting = 0;
    std::set<std::size_t> paused_disputes;
    for (std::size_t i = 0; i < v.disputes.size(); ++i) {
        const auto& d = v.disputes[i];
        started_above += v.where[i].raised_in && d.started_above_first;
        for (std::size_t k = 0; k < d.visits.size(); ++k) {
            const auto& visit = d.visits[k];
            if (v.in(visit.entered)) {
                escalations += visit.entered_by == "bypass" || visit.entered_by == "escalate";
                bypasses += visit.entered_by == "bypass";
            }
            if (v.in(visit_end(d, k))) extensions += visit.extensions;
        }
        for (const auto& t : d.time_outs)
            if (v.in(t.from)) {
                ++time_outs;
                time_out_days += t.working_days;
                paused_disputes.insert(i);
            }
        legal += v.in(d.legal_advice);
        for (const auto& r : d.referrals) {
            if (v.in(r.at)) ++referrals, concurrent += r.concurrent;
            if (v.in(r.decided)) accepted += r.status == "accepted", declined += r.status == "declined";
            if (r.at < v.end && (!r.decided || *r.decided >= v.end)) ++awaiting;
        }
    }
    return {{"escalations", escalations},
            {"bypasses", bypasses},
            {"started_above_first", started_above},
            {"extensions", extensions},
            {"time_outs", time_outs},
            {"disputes_with_time_out", paused_disputes.size()},
            {"time_out_working_days", time_out_days},
            {"legal_advice", legal},
            {"cafcass", {{"referrals", referrals},
                         {"concurrent", concurrent},
                         {"accepted", accepted},
                         {"declined", declined},
                         {"awaiting_decision_at_end", awaiting}}},
            {"other_routes", other_routes(v)}};
}

// Recurring themes by child, team and category among the disputes raised from
// `themes_from` to the end of the period.
json themes(const period_view& v, const report_options& options, const policy_extras& extras, date themes_from, date to) {
    const int k = std::max(1, options.recurring_at_least);
    // Children by pseudonym unless identified: under the analyst's key, or a random one made
    // for this report and forgotten with it (src/report/pseudonym.cpp).
    std::optional<pseudonym_key> random_key;
    if (!options.identify_children && !options.key) random_key = pseudonym_key::random();
    const pseudonym_key* pseudonyms = options.identify_children ? nullptr : options.key ? &*options.key : &*random_key;
    const instant from = v.p.zone().from_local(themes_from, seconds{0});
    const std::string not_recorded = "(not recorded)";
    struct group {
        int disputes = 0, resolved = 0, open_at_end = 0, escalated = 0;
        std::map<std::string, int> categories;
        std::set<std::string> teams, children;
    };
    std::map<std::string, group> children, teams, categories;
    std::map<std::pair<std::string, std::string>, int> team_category, child_category;
    int in_window = 0;
    for (std::size_t i = 0; i < v.disputes.size(); ++i) {
        const auto& d = v.disputes[i];
        if (d.raised < from || d.raised >= v.end) continue;
        ++in_window;
        const std::string child = pseudonyms ? pseudonyms->pseudonym(d.child_ref) : d.child_ref;
        const std::string team = d.team.empty() ? not_recorded : d.team;
        for (group* g : {&children[child], &teams[team], &categories[d.category]}) {
            ++g->disputes;
            g->resolved += d.status == dispute_status::resolved && d.closed && *d.closed < v.end;
            g->open_at_end += v.where[i].open_at_end;
            g->escalated += d.visits.size() > 1;
            ++g->categories[d.category];
            g->teams.insert(team);
            g->children.insert(child);
        }
        ++team_category[{team, d.category}];
        ++child_category[{child, d.category}];
    }
    auto most_first = [](json& rows) {
        std::stable_sort(rows.begin(), rows.end(), [](const json& a, const json& b) { return a["disputes"].get<int>() > b["disputes"].get<int>(); });
    };
    json child_rows = json::array();
    for (const auto& [key, g] : children)
        if (g.disputes >= k)
            child_rows.push_back({{"child", key}, {"disputes", g.disputes}, {"categories", g.categories},
                                  {"teams", std::vector<std::string>(g.teams.begin(), g.teams.end())},
                                  {"open_at_end", g.open_at_end}});
    most_first(child_rows);
    json team_rows = json::array();
    for (const auto& [team, g] : teams)
        team_rows.push_back({{"team", team}, {"disputes", g.disputes}, {"recurring", g.disputes >= k},
                             {"children", g.children.size()}, {"escalated", g.escalated}, {"resolved", g.resolved},
                             {"open_at_end", g.open_at_end}, {"categories", g.categories}});
    most_first(team_rows);
    json category_rows = json::array();
    for (const auto& [category, g] : categories) {
        int recurring = 0;
        for (const auto& [key, n] : child_category) recurring += key.second == category && n >= k;
        const auto t = extras.category_titles.find(category);
        category_rows.push_back({{"category", category},
                                 {"title", t == extras.category_titles.end() ? category : t->second},
                                 {"disputes", g.disputes},
                                 {"teams", g.teams.size()},
                                 {"children", g.children.size()},
                                 {"children_recurring", recurring},
                                 {"escalated", g.escalated}});
    }
    most_first(category_rows);
    json pairs = json::array();
    for (const auto& [key, n] : team_category)
        if (n >= k) pairs.push_back({{"team", key.first}, {"category", key.second}, {"disputes", n}});
    most_first(pairs);
    return {{"from", format_date(themes_from)},
            {"to", format_date(to)},
            {"disputes", in_window},
            {"recurring_at_least", k},
            {"children_identified", options.identify_children},
            {"pseudonym_key", options.identify_children ? json() : json(options.key ? "supplied" : "random")},
            {"children", {{"distinct", children.size()}, {"recurring", child_rows.size()}, {"list", child_rows}}},
            {"teams", team_rows},
            {"categories", category_rows},
            {"team_categories", pairs}};
}

// What difference it made for the child: the impacts recorded by resolutions in the period.
json impact(const period_view& v, const policy_extras& extras) {
    int resolved = 0;
    json records = json::array();
    for (std::size_t i = 0; i < v.disputes.size(); ++i) {
        const auto& d = v.disputes[i];
        if (!v.where[i].closed_in || d.status != dispute_status::resolved) continue;
        ++resolved;
        if (d.impact.empty()) continue;
        records.push_back({{"dispute_id", d.dispute_id},
                           {"resolved", format_date(v.p.zone().local_date(*d.closed))},
                           {"stage", d.reached().stage},
                           {"category", d.category},
                           {"urgency", std::string(to_string(d.level))},
                           {"team", optional_text(d.team)},
                           {"impact", d.impact}});
    }
    std::stable_sort(records.begin(), records.end(), [](const json& a, const json& b) {
        return a["resolved"].get<std::string>() < b["resolved"].get<std::string>();
    });
    const int with_impact = static_cast<int>(records.size());
    return {{"impact_required", extras.impact_required},
            {"resolved", resolved},
            {"with_impact", with_impact},
            {"percent", percent(with_impact, resolved)},
            {"records", records}};
}

}  // namespace

json quarterly_report(const policy& p, const std::vector<dispute_summary>& disputes, date from, date to, instant as_of,
                      const report_options& options) {
    if (to < from) throw error(errc::invalid_argument, "the period ends (" + format_date(to) + ") before it starts (" + format_date(from) + ")");
    const period_view v(p, disputes, from, to, as_of);
    const auto extras = extras_of(p);
    json report;
    report["report"] = "drp-period-report";
    report["report_version"] = 1;
    report["generated_by"] = std::string("drp ") + DRP_VERSION_STRING;
    report["policy"] = {{"id", p.id()}, {"version", p.version()}, {"title", p.title()}, {"authority", p.authority()}};
    report["period"] = {{"from", format_date(from)}, {"to", format_date(to)},
                        {"label", options.period_label.value_or(period_label(from, to, period_kind::dates))},
                        {"as_of", p.zone().format(as_of)}};
    add_totals(v, report);
    add_stages(v, report);
    report["by_category"] = by_category(v, extras);
    report["by_urgency"] = by_urgency(v);
    report["process"] = process(v);
    report["themes"] = themes(v, options, extras, options.themes_from.value_or(from), to);
    report["impact"] = impact(v, extras);
    report["labels"] = report_detail::report_labels(p, extras.category_titles, report["open_at_end"]["overdue_disputes"]);
    return report;
}

namespace {

// The figures a trend compares, from a report's totals, timeliness and process sections.
json key_figures(const json& period, const json& r) {
    const auto& all = r.at("timeliness").at("all_stages");
    return {{"from", period.at("from")},
            {"to", period.at("to")},
            {"label", period.at("label")},
            {"as_of", period.at("as_of")},
            {"active", r.at("totals").at("active")},
            {"raised", r.at("totals").at("raised")},
            {"resolved", r.at("totals").at("resolved")},
            {"withdrawn", r.at("totals").at("withdrawn")},
            {"responses_met", all.at("met")},
            {"responses_missed", all.at("missed")},
            {"responses_met_percent", all.at("met_percent")},
            {"open_at_end", r.at("totals").at("open_at_end")},
            {"overdue_at_end", r.at("totals").at("overdue_at_end")},
            {"cafcass_referrals", r.at("process").at("cafcass").at("referrals")},
            {"other_route_disputes", r.at("process").at("other_routes").at("disputes")}};
}

// The same figures for an earlier period, counted over the disputes as they stood at its end.
json earlier_figures(const policy& p, const std::vector<dispute_summary>& disputes, date from, date to, instant as_of,
                     period_kind kind) {
    const period_view v(p, disputes, from, to, as_of);
    json r;
    add_totals(v, r);
    add_stages(v, r);
    r["process"] = process(v);
    const json period = {{"from", format_date(from)}, {"to", format_date(to)}, {"label", period_label(from, to, kind)},
                         {"as_of", p.zone().format(as_of)}};
    return key_figures(period, r);
}

// The period a report covers: as asked, or the calendar quarter of the replay's as_of.
std::pair<date, date> covered(const policy& p, const report_period& period, instant as_of) {
    if (period.from) return {*period.from, *period.to};
    return quarter_of(p.zone().local_date(as_of));
}

period_kind kind_of(const report_period& period) { return period.from ? period.kind : period_kind::calendar_quarter; }

// The trend's earlier periods, nearest first, that end before `as_of`.
std::vector<std::pair<date, date>> trend_spans(const policy& p, const report_period& period, instant as_of) {
    const auto [from, to] = covered(p, period, as_of);
    auto spans = periods_before(from, to, kind_of(period), std::max(0, period.trend_periods));
    std::erase_if(spans, [&](const auto& s) { return p.zone().end_of_day(s.second) >= as_of; });
    return spans;
}

json trend(const policy& p, const replay_result& replay, const report_period& period, const json& report) {
    json periods = json::array();
    periods.push_back(key_figures(report.at("period"), report));
    for (const auto& [from, to] : trend_spans(p, period, replay.as_of)) {
        // Only the periods the log covers, at least in part.
        const instant end = p.zone().end_of_day(to);
        if (!replay.first_event || *replay.first_event > end) break;
        const auto snap = std::find_if(replay.earlier.begin(), replay.earlier.end(), [&](const auto& s) { return s.as_of == end; });
        if (snap == replay.earlier.end()) break;  // a replay made without the trend's instants
        periods.push_back(earlier_figures(p, snap->disputes, from, to, end, kind_of(period)));
    }
    std::reverse(periods.begin(), periods.end());  // oldest first, as a chart reads
    return {{"periods", periods}, {"compared_with", periods.size() > 1 ? periods[periods.size() - 2].at("label") : json()}};
}

}  // namespace

// ---- periods ------------------------------------------------------------------------------

replay_options replay_options_for(const policy& p, const report_period& period, replay_options base) {
    if (period.from.has_value() != period.to.has_value())
        throw error(errc::invalid_argument, "give both ends of the period (from and to), or neither for the quarter of the latest event");
    if (period.from && *period.to < *period.from)
        throw error(errc::invalid_argument, "the period ends (" + format_date(*period.to) + ") before it starts (" + format_date(*period.from) + ")");
    if (period.trend_periods > 0)
        base.also_as_of = [p, period](instant as_of) {
            std::vector<instant> out;
            for (const auto& span : trend_spans(p, period, as_of)) out.push_back(p.zone().end_of_day(span.second));
            std::reverse(out.begin(), out.end());
            return out;
        };
    if (period.as_of) {
        base.as_of = period.as_of;
        base.clamp_to_latest = false;
    } else if (period.to) {
        base.as_of = p.zone().end_of_day(*period.to);
        base.clamp_to_latest = true;
    }
    return base;
}

json period_report(const policy& p, const replay_result& replay, const report_period& period, const report_options& options) {
    // Without a period the latest event chooses the quarter: with none, there is nothing to
    // choose by (and an all-zero "1970 Q1" would pretend to be a report).
    if (!period.from && !replay.first_event)
        throw error(errc::invalid_argument, "no event was applied (the logs are empty, or every event was refused), so there is no "
                                            "latest event to choose the quarter by: give the period (a quarter, or from and to)");
    const auto [from, to] = covered(p, period, replay.as_of);
    report_options o = options;
    if (!o.period_label) o.period_label = period.label ? *period.label : period_label(from, to, kind_of(period));
    json report = quarterly_report(p, replay.disputes, from, to, replay.as_of, o);
    json refusals = json::array();
    for (std::size_t i = 0; i < replay.refused.size() && i < 20; ++i) {
        const auto& r = replay.refused[i];
        refusals.push_back({{"record", r.record}, {"dispute_id", r.dispute_id}, {"code", std::string(to_string(r.code))}, {"message", r.message}});
    }
    report["source"] = {{"disputes", replay.disputes.size()},
                        {"events_applied", replay.applied},
                        {"events_after_as_of", replay.after_as_of},
                        {"events_refused", replay.refused.size()},
                        {"refusals", refusals}};
    report["trend"] = trend(p, replay, period, report);
    return report;
}

}  // namespace drp
