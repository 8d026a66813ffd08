// A report to share outside the service: without the free text recorded about children.
#pragma once

#include <nlohmann/json.hpp>

namespace drp {

/// Leaves out of a period report (schemas/report.schema.json) the impact texts recorded at
/// resolution (free text about the child): impact.records becomes empty; every count,
/// including impact.with_impact, stays. `drp report --redact`, Python's redact=True.
void redact_report(nlohmann::json& report);

}  // namespace drp
