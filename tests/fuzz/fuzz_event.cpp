// Any bytes as events, one per line (the first max_lines lines; the rest is ignored):
//  - parse_event (an event_parser, one per input) either gives an event or throws drp::error;
//  - a parsed event passes check_event (so taking it unchecked is safe) and re-serialises
//    to the same event;
//  - applied in order to a merton dispute, each is accepted or refused with drp::error;
//  - a refused event leaves the dispute as it was: the same state (dispute_state, compared
//    member by member) and history; an accepted one is appended to the history as given;
//  - the dispute reached round-trips through its JSON state: from_json(to_json()) gives the
//    same JSON, state and history.
// Any other exception escapes and is reported as a crash.
//
// Speed (docs/reliability-fuzzing.md): under ASan/UBSan dispute::to_json() costs 1-5 ms for
// a dispute of 2-20 events, several times what applying all its events costs. This harness
// used to serialise the state after every event, to compare the dumps: an input of n
// events cost n serialisations of a growing state, and the fuzzer ran at 14-60 exec/s.
//  - "Unchanged" is now checked on what to_json() is a function of (with the policy): the
//    state, member by member (equal members give an equal JSON state; operator== also sees
//    what the JSON leaves out), and the history.
//  - The round trip is made once per final dispute: an input whose accepted events are
//    those of a dispute this process has already round-tripped skips it (first_time()).
//    Most mutations only change lines that are refused, or not read, so most inputs do.
//  - The lines are read by one event_parser per input, as a replay does: parse_event(text)
//    is event_parser().parse(text), whose buffers cost 40 us per line to make under ASan.
//  - An intermediate state is no longer serialised by this input: it is the final state
//    of one of the input's prefixes, which the fuzzer tries by itself (cutting inputs,
//    erasing lines).
//  - At most max_lines lines are read, which bounds the work per input whatever -max_len
//    allows (scripts/fuzz.sh passes -max_len=65536, room for one line past the
//    16,000-byte limit of a free-text field, and runs this fuzzer with -entropic=0). 24 lines
//    hold the longest dispute the seeds describe (about 20 events); reading 64 gave the
//    same coverage in a 20 s run at 0.6 times the speed (docs/reliability.md section 6).
#include "drp/dispute.hpp"
#include "drp/error.hpp"
#include "drp/event.hpp"
#include "drp/policy.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace {

constexpr int max_lines = 24;
constexpr std::size_t max_remembered = std::size_t{1} << 20;  // 8 MiB of hashes, then forgotten

// Whether no earlier input of this process reached a dispute with this history (the events
// accepted, as JSON). The dispute an input reaches is a function of the events accepted
// (a refused event is checked to change nothing), so its round trip through JSON would
// give the same outcome again. Only a success is remembered: a failure ends the process.
bool first_time(const std::vector<nlohmann::json>& accepted) {
    static std::unordered_set<std::size_t> seen;
    std::string key;
    for (const auto& e : accepted) key.append(e.dump()).push_back('\n');
    if (seen.size() >= max_remembered) seen.clear();
    return seen.insert(std::hash<std::string>{}(key)).second;
}

// The histories hold the same events (drp::event has no operator==: compared as JSON,
// which holds every field an event's type uses).
bool same_history(const drp::event_history& a, const drp::event_history& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (drp::to_json(a[i]) != drp::to_json(b[i])) return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const drp::policy merton = drp::builtin_policy("merton");
    std::string_view text(reinterpret_cast<const char*>(data), size);
    drp::event_parser parser;  // parse_event(text) makes one per call: 40 us under ASan
    drp::dispute d(merton);
    std::vector<nlohmann::json> accepted;  // the events accepted, as JSON, in order
    for (int lines = 0; !text.empty() && lines < max_lines; ++lines) {
        const auto end = text.find('\n');
        const auto line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        drp::event e;
        try {
            e = parser.parse(line);
        } catch (const drp::error&) {
            continue;
        }
        // A parsed event passed every check check_event makes: the JSON entry points and
        // replays take it without checking again (engine/parsed_events.hpp).
        try {
            drp::check_event(e);
        } catch (const drp::error&) {
            std::abort();
        }
        auto j = drp::to_json(e);
        if (drp::to_json(drp::parse_event(j)) != j) std::abort();  // the event survives its JSON
        const drp::dispute_state before = d.state();
        try {
            d.apply(e);
        } catch (const drp::error&) {
            // a refused event changed the dispute
            if (!(d.state() == before) || d.history().size() != accepted.size()) std::abort();
            continue;
        }
        // an accepted event is the history's new last event, as given
        if (d.history().size() != accepted.size() + 1 || drp::to_json(d.history().back()) != j) std::abort();
        accepted.push_back(std::move(j));
    }
    // Earlier events of the history were not changed by later ones, accepted or refused.
    for (std::size_t i = 0; i < accepted.size(); ++i)
        if (drp::to_json(d.history()[i]) != accepted[i]) std::abort();
    if (first_time(accepted)) {
        const auto j = d.to_json();
        const auto restored = drp::dispute::from_json(merton, j);
        if (restored.to_json() != j) std::abort();
        if (!(restored.state() == d.state()) || !same_history(restored.history(), d.history())) std::abort();
    }
    return 0;
}
