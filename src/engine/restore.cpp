// A dispute back from its stored state: its history replayed under the policy, and the
// state it gives compared with the one stored.
#include "drp/dispute.hpp"

#include <set>

#include <nlohmann/json.hpp>

#include "engine/event_fields.hpp"
#include "engine/machine.hpp"
#include "engine/moves.hpp"

namespace drp {

using nlohmann::json;

dispute dispute::from_json(const policy& p, const json& state) {
    try {
        return restore(p, state);
    } catch (const json::exception& e) {  // a value of the wrong type somewhere in the text
        throw error(errc::schema, std::string("dispute state: ") + e.what());
    }
}

namespace {

// Whether a document nests deeper than `limit`, found without recursion: a C++ host may
// pass a document it parsed itself, and copying or comparing one nested thousands deep
// (both recursive in nlohmann/json) would overflow the stack.
bool deeper_than(const json& root, std::size_t limit) {
    std::vector<std::pair<const json*, std::size_t>> todo{{&root, 1}};
    while (!todo.empty()) {
        const auto [j, depth] = todo.back();
        todo.pop_back();
        if (!j->is_structured()) continue;
        if (depth > limit) return true;
        for (const auto& child : *j) todo.emplace_back(&child, depth + 1);
    }
    return false;
}

// The days a state's working-day deadlines skipped (bank holidays and closures, from each
// obligation's explain).
std::set<std::string> skipped_days(const json& state) {
    std::set<std::string> out;
    const auto obligations = state.find("obligations");
    if (obligations == state.end() || !obligations->is_array()) return out;
    for (const auto& o : *obligations) {
        if (!o.is_object()) continue;
        const auto x = o.find("explain");
        if (x == o.end() || !x->is_object()) continue;
        const auto skipped = x->find("skipped");
        if (skipped == x->end() || !skipped->is_array()) continue;
        for (const auto& day : *skipped) {
            const auto date_text = day.is_object() ? day.find("date") : day.end();
            if (!day.is_object() || date_text == day.end() || !date_text->is_string()) continue;
            try {  // written back as a date, never as the stored text
                out.insert(format_date(parse_date(date_text->get_ref<const std::string&>())));
            } catch (const error&) {
            }
        }
    }
    return out;
}

// When stored and replayed deadlines skipped different days, the policy's calendar is not
// the one the dispute ran under (most often: closure days added at load, or not): says so,
// naming the first such day.
std::string calendar_difference(const json& stored, const json& replayed) {
    const auto a = skipped_days(stored), b = skipped_days(replayed);
    for (const auto& day : a)
        if (!b.count(day))
            return " (its deadlines skip " + day + ", which this policy's calendar does not close: load the policy "
                   "with the closure days the dispute ran under)";
    for (const auto& day : b)
        if (!a.count(day))
            return " (this policy's calendar closes " + day + ", which its deadlines did not skip: load the policy "
                   "with the closure days the dispute ran under)";
    return "";
}

}  // namespace

dispute dispute::replay_stored(const policy& p, const json& state, bool quote_refusals) {
    auto fail = [](const std::string& why) -> dispute { throw error(errc::schema, "dispute state: " + why); };
    if (!state.is_object()) return fail("expected a JSON object");
    if (deeper_than(state, 64)) return fail("nesting deeper than 64 levels");
    const auto pol = state.find("policy");
    const auto text_of = [&](const char* key) {
        const auto v = pol->find(key);
        return v != pol->end() && v->is_string() ? v->get<std::string>() : std::string();
    };
    if (pol == state.end() || !pol->is_object() || text_of("id") != p.id() || text_of("version") != p.version())
        return fail("it was made under another policy (expected " + p.id() + " " + p.version() + ")");
    const auto history = state.find("history");
    if (history == state.end() || !history->is_array()) return fail("/history: expected an array of events");
    // as_of only marks what is overdue, and is not compared: held to its shape here.
    const auto as_of = state.find("as_of");
    if (as_of != state.end() && !as_of->is_null()) {
        const bool instant_text = as_of->is_string() && detail::is_instant_text(as_of->get_ref<const std::string&>());
        if (!instant_text) return fail("/as_of: expected an RFC 3339 instant with its offset, or null");
        try {
            (void)parse_rfc3339(as_of->get_ref<const std::string&>());
        } catch (const error&) {
            return fail("/as_of: expected an RFC 3339 instant with its offset, or null");
        }
    }
    dispute d(p);
    // A moved dispute's history replays under the version it is under now (its raise may
    // name the version it was raised under): the moves first, as the events are checked
    // against them.
    d.machine_->state.moves = engine::parse_moves(p, state, history->size());
    for (std::size_t i = 0; i < history->size(); ++i) {
        try {
            d.replay(parse_event((*history)[i]));
        } catch (const error& e) {
            if (quote_refusals) return fail("/history/" + std::to_string(i) + ": " + e.what());
            return fail("/history/" + std::to_string(i) + ": the event is refused (" + std::string(to_string(e.code())) +
                        "): it does not replay under this policy");
        }
    }
    engine::check_moves_after(p, d.state().moves, d.history());
    return d;
}

dispute dispute::restore(const policy& p, const json& state) {
    auto fail = [](const std::string& why) -> dispute { throw error(errc::schema, "dispute state: " + why); };
    dispute d = replay_stored(p, state, true);
    // The stored state must be what its history gives (an "as of" view only adds overdue marks).
    json expected = state;
    expected["as_of"] = nullptr;
    if (expected.contains("obligations") && expected["obligations"].is_array())
        for (auto& o : expected["obligations"])
            if (o.is_object() && o.value("status", "") == "overdue") o["status"] = "open";
    const json actual = d.to_json();
    // next_due is derived from the obligations; states stored before it existed lack it.
    if (!expected.contains("next_due")) expected["next_due"] = actual["next_due"];
    // moves: states stored before it existed lack it (they have none).
    if (!expected.contains("moves")) expected["moves"] = actual["moves"];
    if (actual != expected) {
        for (const auto& [key, value] : actual.items())
            if (!expected.contains(key) || expected[key] != value)
                return fail("/" + key + " does not match what its history gives" + calendar_difference(expected, actual));
        return fail("it has fields its history does not give");
    }
    return d;
}


}  // namespace drp
