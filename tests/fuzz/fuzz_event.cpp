// Any bytes as events, one per line: parse_event either gives an event or throws
// drp::error; a parsed event re-serialises to the same event; applied in order to a
// merton dispute, each is accepted or refused with drp::error leaving the dispute as it
// was; and the dispute reached round-trips through its JSON state. Any other exception
// escapes and is reported as a crash.
#include "drp/dispute.hpp"
#include "drp/error.hpp"
#include "drp/event.hpp"
#include "drp/policy.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const drp::policy merton = drp::builtin_policy("merton");
    std::string_view text(reinterpret_cast<const char*>(data), size);
    drp::dispute d(merton);
    std::string state = d.to_json().dump();
    while (!text.empty()) {
        const auto end = text.find('\n');
        const auto line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        drp::event e;
        try {
            e = drp::parse_event(line);
        } catch (const drp::error&) {
            continue;
        }
        const auto j = drp::to_json(e);
        if (drp::to_json(drp::parse_event(j)) != j) std::abort();  // the event survives its JSON
        try {
            d.apply(e);
            state = d.to_json().dump();
        } catch (const drp::error&) {
            if (d.to_json().dump() != state) std::abort();  // a refused event changed the dispute
        }
    }
    const auto j = d.to_json();
    if (drp::dispute::from_json(merton, j).to_json() != j) std::abort();
    return 0;
}
