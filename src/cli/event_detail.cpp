#include "cli/event_detail.hpp"

namespace drp::cli {

std::string event_detail(const event& e) {
    switch (e.type) {
        case event_type::raise:
            return e.urgency + " " + e.category + (e.start_stage.empty() ? "" : ", starting at " + e.start_stage);
        case event_type::escalate: return e.reason + (e.to.empty() ? "" : " to " + e.to);
        case event_type::respond: return e.adequate ? "adequate" : "inadequate";
        case event_type::extend: return "agreed by " + e.agreed_by;
        case event_type::pause: return "approved by " + e.approved_by;
        case event_type::consult: return e.role + (e.agreed.value_or(false) ? " (agreed)" : "");
        case event_type::refer: return std::string("cafcass") + (e.concurrent ? ", concurrent" : "");
        case event_type::referral_decision: return e.accepted ? "accepted" : "declined";
        case event_type::meeting: return e.meeting_kind;
        case event_type::record: return e.obligation + (e.stage.empty() ? "" : " at " + e.stage);
        case event_type::notify: return e.obligation.empty() ? e.role : e.obligation;
        default: return "";
    }
}

std::string join_roles(const std::vector<std::string>& roles) {
    std::string out;
    for (const auto& r : roles) out += (out.empty() ? "" : "/") + r;
    return out;
}

}  // namespace drp::cli
