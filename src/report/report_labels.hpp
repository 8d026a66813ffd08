// How the report's ids read in words, from the policy: the "labels" section.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "drp/policy.hpp"

namespace drp::report_detail {

/// {"stages": {id: title}, "categories": {id: title}, "urgencies": {id: title},
///  "duties": {"id@stage": phrase}} for the duties named in `overdue_disputes`.
nlohmann::json report_labels(const policy& p, const std::map<std::string, std::string>& category_titles,
                             const nlohmann::json& overdue_disputes);

}  // namespace drp::report_detail
