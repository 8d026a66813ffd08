#include "report/redact.hpp"

namespace drp {

void redact_report(nlohmann::json& report) {
    // Each record is a dispute id beside its free text: neither is needed once the counts say how many.
    if (report.contains("impact") && report["impact"].is_object()) report["impact"]["records"] = nlohmann::json::array();
}

}  // namespace drp
