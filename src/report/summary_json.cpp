// dispute_summary as JSON (Python's Dispute.summary(), and hosts that log summaries).
#include <nlohmann/json.hpp>

#include "drp/report.hpp"

namespace drp {

nlohmann::json summary_json(const policy& p, const dispute_summary& s) {
    using nlohmann::json;
    const auto& tz = p.zone();
    auto at = [&](const std::optional<instant>& t) { return t ? json(tz.format(*t)) : json(); };
    json visits = json::array();
    for (const auto& v : s.visits)
        visits.push_back({{"stage", v.stage},
                          {"level", v.level},
                          {"kind", std::string(to_string(v.kind))},
                          {"entered", tz.format(v.entered)},
                          {"left", at(v.left)},
                          {"entered_by", v.entered_by},
                          {"reason", v.reason},
                          {"working_days", v.working_days},
                          {"response_due", at(v.response_due)},
                          {"responded", at(v.responded)},
                          {"adequate", v.adequate ? json(*v.adequate) : json()},
                          {"working_days_to_response", v.working_days_to_response ? json(*v.working_days_to_response) : json()},
                          {"extensions", v.extensions},
                          {"response", std::string(to_string(v.response))}});
    json time_outs = json::array();
    for (const auto& t : s.time_outs) time_outs.push_back({{"from", tz.format(t.from)}, {"to", at(t.to)}, {"working_days", t.working_days}});
    json referrals = json::array();
    for (const auto& r : s.referrals)
        referrals.push_back({{"at", tz.format(r.at)}, {"concurrent", r.concurrent}, {"status", r.status}, {"decided", at(r.decided)}});
    json routes = json::array();
    for (const auto& r : s.other_routes)
        routes.push_back({{"route", r.route}, {"taken_at", tz.format(r.taken_at)}, {"ended_at", at(r.ended_at)}});
    auto text = [](const std::string& v) { return v.empty() ? json() : json(v); };
    return {{"dispute_id", s.dispute_id},
            {"child_ref", s.child_ref},
            {"team", text(s.team)},
            {"category", s.category},
            {"urgency", std::string(to_string(s.level))},
            {"cross_council", s.cross_council},
            {"status", std::string(to_string(s.status))},
            {"raised", tz.format(s.raised)},
            {"closed", at(s.closed)},
            {"as_of", tz.format(s.as_of)},
            {"stage", s.visits.empty() ? json() : json(s.reached().stage)},
            {"visits", visits},
            {"started_above_first", s.started_above_first},
            {"escalations", s.escalations},
            {"bypasses", s.bypasses},
            {"time_outs", time_outs},
            {"paused_working_days", s.paused_working_days},
            {"paused", s.paused},
            {"extensions", s.extensions},
            {"legal_advice", at(s.legal_advice)},
            {"referrals", referrals},
            {"other_routes", routes},
            {"working_days_open", s.working_days_open},
            {"overall_due", at(s.overall_due)},
            {"overall_ended", at(s.overall_ended)},
            {"overall", std::string(to_string(s.overall))},
            {"responses_met", s.responses_met},
            {"responses_missed", s.responses_missed},
            {"overdue", s.overdue},
            {"overdue_since", at(s.overdue_since)},
            {"outcome", text(s.outcome)},
            {"impact", text(s.impact)},
            {"events", s.events}};
}

}  // namespace drp
