// The period ("quarterly") report: counts over dispute summaries, in the JSON shape of
// schemas/report.schema.json. docs/analyst-guide.md defines each figure in these terms.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "drp/report.hpp"
#include "drp/version.hpp"

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

// A stable pseudonym for a child: FNV-1a of the reference. Pseudonymous, not anonymous:
// whoever holds the list of references can recompute it.
std::string child_key(const std::string& child_ref) {
    std::uint64_t h = 14695981039346656037ull;
    for (unsigned char c : child_ref) {
        h ^= c;
        h *= 1099511628211ull;
    }
    constexpr char hex[] = "0123456789abcdef";
    std::string out = "C-";
    for (int shift = 36; shift >= 0; shift -= 4) out += hex[(h >> shift) & 0xf];
    return out;
}

std::string period_label(date from, date to) {
    const auto [first, last] = quarter_of(from);
    if (first == from && last == to) {
        const year_month_day ymd{from};
        return std::to_string(static_cast<int>(ymd.year())) + " Q" + std::to_string((static_cast<unsigned>(ymd.month()) - 1) / 3 + 1);
    }
    return format_day(from) + " to " + format_day(to);
}

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

std::pair<date, date> quarter_of(date d) {
    const year_month_day ymd{d};
    const unsigned m = static_cast<unsigned>(ymd.month());
    const year_month_day first{ymd.year(), month{(m - 1) / 3 * 3 + 1}, day{1}};
    const date start{first};
    return {start, date{first + months{3}} - days{1}};
}

std::pair<date, date> parse_quarter(std::string_view text) {
    const auto bad = [&] {
        return error(errc::invalid_argument, "a quarter is written 2025Q2 (Q1 January-March ... Q4 October-December), got \"" +
                                                 std::string(text.substr(0, 32)) + "\"");
    };
    if (text.size() < 6 || text.size() > 7) throw bad();
    int y = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        if (text[i] < '0' || text[i] > '9') throw bad();
        y = y * 10 + (text[i] - '0');
    }
    std::string_view rest = text.substr(4);
    if (rest.size() == 3) {
        if (rest[0] != '-' && rest[0] != ' ') throw bad();
        rest.remove_prefix(1);
    }
    if (rest.size() != 2 || (rest[0] != 'Q' && rest[0] != 'q') || rest[1] < '1' || rest[1] > '4') throw bad();
    const auto m = static_cast<unsigned>((rest[1] - '1') * 3 + 1);
    const date first{year{y} / month{m} / day{1}};
    if (!in_supported_range(first)) throw error(errc::out_of_range, "quarter " + std::string(text) + " is outside the supported years");
    return quarter_of(first);
}

json quarterly_report(const policy& p, const std::vector<dispute_summary>& disputes, date from, date to, instant as_of,
                      const report_options& options) {
    if (to < from) throw error(errc::invalid_argument, "the period ends (" + format_date(to) + ") before it starts (" + format_date(from) + ")");
    const auto& tz = p.zone();
    const instant start = tz.from_local(from, seconds{0}), end = tz.from_local(to + days{1}, seconds{0});
    const date themes_from = options.themes_from.value_or(from);
    const instant themes_start = tz.from_local(themes_from, seconds{0});
    auto in = [&](const std::optional<instant>& t) { return t && *t >= start && *t < end; };
    auto wd = [&](instant a, instant b) { return p.calendar().working_days_between(tz.local_date(a), tz.local_date(b)); };
    const auto extras = extras_of(p);
    const std::string none_recorded = "(not recorded)";

    std::vector<standing> where;
    where.reserve(disputes.size());
    for (const auto& d : disputes) {
        const bool closed_before = d.closed && *d.closed < start;
        const bool raised_by_end = d.raised < end;
        where.push_back({in(d.raised), raised_by_end && !closed_before, d.raised < start && !closed_before, in(d.closed),
                         raised_by_end && !(d.closed && *d.closed < end)});
    }

    json report;
    report["report"] = "drp-period-report";
    report["report_version"] = 1;
    report["generated_by"] = std::string("drp ") + DRP_VERSION_STRING;
    report["policy"] = {{"id", p.id()}, {"version", p.version()}, {"title", p.title()}, {"authority", p.authority()}};
    report["period"] = {{"from", format_date(from)}, {"to", format_date(to)}, {"label", period_label(from, to)},
                        {"as_of", tz.format(as_of)}};

    // ---- totals and outcomes ------------------------------------------------------------
    int active = 0, open_at_start = 0, raised = 0, resolved = 0, withdrawn = 0, open_at_end = 0, overdue_at_end = 0,
        response_overdue = 0, paused_at_end = 0, resolved_first = 0;
    std::vector<int> open_ages;
    json overdue_list = json::array();
    for (std::size_t i = 0; i < disputes.size(); ++i) {
        const auto& d = disputes[i];
        const auto& w = where[i];
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
        const bool response_late = !d.closed && d.reached().response == timeliness::missed;
        response_overdue += response_late;
        if (d.overdue.empty()) continue;
        ++overdue_at_end;
        overdue_list.push_back({{"dispute_id", d.dispute_id},
                                {"stage", d.reached().stage},
                                {"category", d.category},
                                {"urgency", std::string(to_string(d.level))},
                                {"team", optional_text(d.team)},
                                {"overdue", d.overdue},
                                {"overdue_since", tz.format(*d.overdue_since)},
                                {"working_days_overdue", std::max(0, wd(*d.overdue_since, as_of))}});
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

    // ---- by stage: where disputes ended or stand, what happened at each -----------------
    const auto& stages = p.stages();
    struct stage_counts {
        int entered = 0, bypassed_into = 0, started_here = 0, resolved = 0, withdrawn = 0, open_at_end = 0, overdue_at_end = 0;
        int completed = 0, met = 0, missed = 0, ended_early = 0, no_timescale = 0, in_progress = 0, in_progress_overdue = 0,
            extensions = 0;
        std::vector<int> days_in_stage, days_to_response;
    };
    std::vector<stage_counts> per_stage(stages.size());
    auto stage_at = [&](const std::string& id) -> stage_counts& { return per_stage[p.stage_index(id)]; };
    int escalations = 0, bypasses = 0, started_above = 0, extensions = 0;
    for (std::size_t i = 0; i < disputes.size(); ++i) {
        const auto& d = disputes[i];
        const auto& w = where[i];
        if (w.raised_in && d.started_above_first) ++started_above;
        for (std::size_t k = 0; k < d.visits.size(); ++k) {
            const auto& v = d.visits[k];
            auto& c = stage_at(v.stage);
            if (in(v.entered)) {
                ++c.entered;
                if (v.entered_by == "bypass") ++c.bypassed_into, ++bypasses;
                if (v.entered_by == "bypass" || v.entered_by == "escalate") ++escalations;
                if (k == 0) ++c.started_here;
            }
            const bool last = k + 1 == d.visits.size();
            std::optional<instant> ended = v.left;
            if (!ended && last) ended = d.closed;
            if (in(ended)) {
                ++c.completed;
                c.extensions += v.extensions;
                extensions += v.extensions;
                c.met += v.response == timeliness::met;
                c.missed += v.response == timeliness::missed;
                c.ended_early += v.response == timeliness::ended_early;
                c.no_timescale += v.response == timeliness::no_timescale;
                c.days_in_stage.push_back(v.working_days);
                if (v.working_days_to_response) c.days_to_response.push_back(*v.working_days_to_response);
            } else if (!ended && w.open_at_end) {
                ++c.in_progress;
                c.in_progress_overdue += v.response == timeliness::missed;
            }
        }
        auto& reached = stage_at(d.reached().stage);
        if (w.closed_in) {
            reached.resolved += d.status == dispute_status::resolved;
            reached.withdrawn += d.status == dispute_status::withdrawn;
        }
        if (w.open_at_end) {
            ++reached.open_at_end;
            reached.overdue_at_end += !d.overdue.empty();
        }
    }
    json by_stage = json::array(), timeliness_rows = json::array();
    int all_completed = 0, all_met = 0, all_missed = 0, all_early = 0, all_none = 0, all_progress = 0, all_progress_late = 0;
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
        timeliness_rows.push_back({{"stage", st.id},
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
        all_completed += c.completed;
        all_met += c.met;
        all_missed += c.missed;
        all_early += c.ended_early;
        all_none += c.no_timescale;
        all_progress += c.in_progress;
        all_progress_late += c.in_progress_overdue;
    }
    report["stages"] = by_stage;

    json cap = {{"applies", false}};
    if (const auto& rule = p.rules().overall_cap) {
        int completed = 0, met = 0, missed = 0, in_progress = 0, in_progress_late = 0;
        std::vector<int> days;
        for (std::size_t i = 0; i < disputes.size(); ++i) {
            const auto& d = disputes[i];
            if (!d.overall_due) continue;
            if (in(d.overall_ended)) {
                ++completed;
                met += d.overall == timeliness::met;
                missed += d.overall == timeliness::missed;
            } else if (!d.overall_ended && where[i].open_at_end) {
                ++in_progress;
                in_progress_late += d.overall == timeliness::missed;
            }
        }
        json kinds = json::array();
        for (auto k : rule->kinds) kinds.push_back(std::string(to_string(k)));
        cap = {{"applies", true},     {"within", to_string(rule->within)}, {"kinds", kinds},
               {"completed", completed}, {"met", met},                     {"missed", missed},
               {"met_percent", percent(met, met + missed)}, {"in_progress", in_progress},
               {"in_progress_overdue", in_progress_late}};
    }
    report["timeliness"] = {{"stages", timeliness_rows},
                            {"all_stages", {{"completed", all_completed}, {"met", all_met}, {"missed", all_missed},
                                            {"ended_early", all_early}, {"no_timescale", all_none},
                                            {"met_percent", percent(all_met, all_met + all_missed)},
                                            {"in_progress", all_progress}, {"in_progress_overdue", all_progress_late}}},
                            {"overall_cap", cap}};

    // ---- by category and urgency ----------------------------------------------------------
    auto tally = [&](auto key_of) {
        std::map<std::string, std::array<int, 5>> counts;  // raised, resolved, withdrawn, open_at_end, active
        for (std::size_t i = 0; i < disputes.size(); ++i) {
            const auto& w = where[i];
            if (!w.active && !w.raised_in && !w.closed_in) continue;
            auto& c = counts[key_of(disputes[i])];
            c[0] += w.raised_in;
            c[1] += w.closed_in && disputes[i].status == dispute_status::resolved;
            c[2] += w.closed_in && disputes[i].status == dispute_status::withdrawn;
            c[3] += w.open_at_end;
            c[4] += w.active;
        }
        return counts;
    };
    auto row = [](json r, const std::array<int, 5>& c) {
        r["raised"] = c[0];
        r["resolved"] = c[1];
        r["withdrawn"] = c[2];
        r["open_at_end"] = c[3];
        r["active"] = c[4];
        return r;
    };
    {
        auto counts = tally([](const dispute_summary& d) { return d.category; });
        json rows = json::array();
        auto title = [&](const std::string& id) {
            const auto t = extras.category_titles.find(id);
            return t == extras.category_titles.end() ? json(id) : json(t->second);
        };
        for (const auto& id : p.categories()) {
            rows.push_back(row({{"category", id}, {"title", title(id)}}, counts[id]));
            counts.erase(id);
        }
        for (const auto& [id, c] : counts) rows.push_back(row({{"category", id}, {"title", title(id)}}, c));
        report["by_category"] = rows;
    }
    {
        auto counts = tally([](const dispute_summary& d) { return std::string(to_string(d.level)); });
        json rows = json::array();
        for (auto u : urgencies) rows.push_back(row({{"urgency", std::string(u)}}, counts[std::string(u)]));
        report["by_urgency"] = rows;
    }

    // ---- process: bypasses, time outs, extensions, legal advice, Cafcass (events in the period)
    {
        int time_outs = 0, time_out_days = 0, legal = 0, referrals = 0, concurrent = 0, accepted = 0, declined = 0, awaiting = 0;
        std::set<std::size_t> paused_disputes;
        for (std::size_t i = 0; i < disputes.size(); ++i) {
            const auto& d = disputes[i];
            for (const auto& t : d.time_outs)
                if (in(t.from)) {
                    ++time_outs;
                    time_out_days += t.working_days;
                    paused_disputes.insert(i);
                }
            legal += in(d.legal_advice);
            for (const auto& r : d.referrals) {
                if (in(r.at)) ++referrals, concurrent += r.concurrent;
                if (in(r.decided)) accepted += r.status == "accepted", declined += r.status == "declined";
                if (r.at < end && (!r.decided || *r.decided >= end)) ++awaiting;
            }
        }
        report["process"] = {{"escalations", escalations},
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
                                          {"awaiting_decision_at_end", awaiting}}}};
    }

    report["open_at_end"] = {{"count", open_at_end},
                             {"overdue", overdue_at_end},
                             {"response_overdue", response_overdue},
                             {"paused", paused_at_end},
                             {"working_days_open", stats(open_ages)},
                             {"overdue_disputes", overdue_list}};

    // ---- recurring themes -----------------------------------------------------------------
    {
        const int k = std::max(1, options.recurring_at_least);
        struct group {
            int disputes = 0, resolved = 0, open_at_end = 0, escalated = 0;
            std::map<std::string, int> categories;
            std::set<std::string> teams, children;
        };
        std::map<std::string, group> children, teams, categories;
        std::map<std::pair<std::string, std::string>, int> team_category;
        std::map<std::pair<std::string, std::string>, int> child_category;
        int in_window = 0;
        for (std::size_t i = 0; i < disputes.size(); ++i) {
            const auto& d = disputes[i];
            if (d.raised < themes_start || d.raised >= end) continue;
            ++in_window;
            const std::string child = options.identify_children ? d.child_ref : child_key(d.child_ref);
            const std::string team = d.team.empty() ? none_recorded : d.team;
            for (group* g : {&children[child], &teams[team], &categories[d.category]}) {
                ++g->disputes;
                g->resolved += d.status == dispute_status::resolved && d.closed && *d.closed < end;
                g->open_at_end += where[i].open_at_end;
                g->escalated += d.visits.size() > 1;
                ++g->categories[d.category];
                g->teams.insert(team);
                g->children.insert(child);
            }
            ++team_category[{team, d.category}];
            ++child_category[{child, d.category}];
        }
        auto by_count = [](json& rows) {
            std::stable_sort(rows.begin(), rows.end(), [](const json& a, const json& b) { return a["disputes"].get<int>() > b["disputes"].get<int>(); });
        };
        json child_rows = json::array();
        int recurring_children = 0;
        for (const auto& [key, g] : children) {
            if (g.disputes < k) continue;
            ++recurring_children;
            child_rows.push_back({{"child", key}, {"disputes", g.disputes}, {"categories", g.categories},
                                  {"teams", std::vector<std::string>(g.teams.begin(), g.teams.end())},
                                  {"open_at_end", g.open_at_end}});
        }
        by_count(child_rows);
        json team_rows = json::array();
        for (const auto& [team, g] : teams)
            team_rows.push_back({{"team", team}, {"disputes", g.disputes}, {"recurring", g.disputes >= k},
                                 {"children", g.children.size()}, {"escalated", g.escalated}, {"resolved", g.resolved},
                                 {"open_at_end", g.open_at_end}, {"categories", g.categories}});
        by_count(team_rows);
        json category_rows = json::array();
        for (const auto& [category, g] : categories) {
            int recurring = 0;
            for (const auto& [key, n] : child_category)
                if (key.second == category && n >= k) ++recurring;
            const auto t = extras.category_titles.find(category);
            category_rows.push_back({{"category", category},
                                     {"title", t == extras.category_titles.end() ? category : t->second},
                                     {"disputes", g.disputes},
                                     {"teams", g.teams.size()},
                                     {"children", g.children.size()},
                                     {"children_recurring", recurring},
                                     {"escalated", g.escalated}});
        }
        by_count(category_rows);
        json pairs = json::array();
        for (const auto& [key, n] : team_category)
            if (n >= k) pairs.push_back({{"team", key.first}, {"category", key.second}, {"disputes", n}});
        by_count(pairs);
        report["themes"] = {{"from", format_date(themes_from)},
                            {"to", format_date(to)},
                            {"disputes", in_window},
                            {"recurring_at_least", k},
                            {"children_identified", options.identify_children},
                            {"children", {{"distinct", children.size()}, {"recurring", recurring_children}, {"list", child_rows}}},
                            {"teams", team_rows},
                            {"categories", category_rows},
                            {"team_categories", pairs}};
    }

    // ---- what difference it made for the child ------------------------------------------------
    {
        int resolved_in = 0, with_impact = 0;
        json records = json::array();
        for (std::size_t i = 0; i < disputes.size(); ++i) {
            const auto& d = disputes[i];
            if (!where[i].closed_in || d.status != dispute_status::resolved) continue;
            ++resolved_in;
            if (d.impact.empty()) continue;
            ++with_impact;
            records.push_back({{"dispute_id", d.dispute_id},
                               {"resolved", format_date(tz.local_date(*d.closed))},
                               {"stage", d.reached().stage},
                               {"category", d.category},
                               {"urgency", std::string(to_string(d.level))},
                               {"team", optional_text(d.team)},
                               {"impact", d.impact}});
        }
        std::stable_sort(records.begin(), records.end(), [](const json& a, const json& b) {
            return a["resolved"].get<std::string>() < b["resolved"].get<std::string>();
        });
        report["impact"] = {{"impact_required", extras.impact_required},
                            {"resolved", resolved_in},
                            {"with_impact", with_impact},
                            {"percent", percent(with_impact, resolved_in)},
                            {"records", records}};
    }
    return report;
}

// ---- periods ------------------------------------------------------------------------------

replay_options replay_options_for(const policy& p, const report_period& period, replay_options base) {
    if (period.from.has_value() != period.to.has_value())
        throw error(errc::invalid_argument, "give both ends of the period (from and to), or neither for the quarter of the latest event");
    if (period.from && *period.to < *period.from)
        throw error(errc::invalid_argument, "the period ends (" + format_date(*period.to) + ") before it starts (" + format_date(*period.from) + ")");
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
    date from, to;
    if (period.from) {
        from = *period.from;
        to = *period.to;
    } else {
        std::tie(from, to) = quarter_of(p.zone().local_date(replay.as_of));
    }
    json report = quarterly_report(p, replay.disputes, from, to, replay.as_of, options);
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
    return report;
}

}  // namespace drp
