// Builds a dispute_summary while a dispute's events are applied: the replay loop feeds it
// as it goes, summarize() by replaying a dispute's history. One implementation for both.
#pragma once

#include "drp/report.hpp"

namespace drp::report_detail {

class summary_builder {
public:
    explicit summary_builder(const policy& p) : p_(&p) {}

    /// Call after `e` was applied; `after` is the dispute's state then.
    void applied(const event& e, const dispute_state& after);

    /// The summary as of `as_of`, from what was observed and the dispute's final state
    /// (its deadlines, after every extension and time out).
    dispute_summary finish(const dispute_state& s, instant as_of) const;

    bool raised() const noexcept { return !sum_.visits.empty(); }

private:
    void enter(const dispute_state& s, std::string entered_by, std::string reason);

    const policy* p_;
    dispute_summary sum_;
};

}  // namespace drp::report_detail
