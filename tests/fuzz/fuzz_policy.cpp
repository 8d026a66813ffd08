// Any bytes as a policy file: validate_policy returns diagnostics (never throws), and
// load_policy either returns a policy or throws policy_error carrying an error. A policy
// that loads is drawn in both formats, which must not throw either.
#include "drp/policy.hpp"
#include "drp/render.hpp"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto diagnostics = drp::validate_policy(text, "fuzz.json");
    bool has_error = false;
    for (const auto& d : diagnostics) has_error = has_error || d.level == drp::diagnostic::severity::error;
    try {
        const auto p = drp::load_policy(text, "fuzz.json");
        if (has_error || p.stages().empty()) std::abort();  // loaded what validate rejected
        if (drp::render_mermaid(p).empty() || drp::render_dot(p).empty()) std::abort();
    } catch (const drp::policy_error& e) {
        if (!has_error || e.diagnostics().empty()) std::abort();
    }
    return 0;
}
