// dispute::migrate: a dispute's whole history replayed under another version of its
// policy, the move recorded, and the actions the move causes; and what the engine checks
// of a dispute's moves (engine/moves.hpp).
#include "drp/migrate.hpp"

#include <map>
#include <string>
#include <utility>

#include "common/safe_text.hpp"
#include "engine/action_text.hpp"
#include "engine/event_fields.hpp"
#include "engine/machine.hpp"
#include "engine/moves.hpp"
#include "json/build.hpp"

namespace drp {

using nlohmann::json;

namespace engine {

namespace {

bool digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool ident_char(char c) noexcept { return digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-'; }

// "dispute D-1" (the id as safe text), or "new dispute" before the raise.
std::string dispute_name(const std::string& id) {
    return id.empty() ? std::string("new dispute") : "dispute " + detail::safe_text(std::string_view(id).substr(0, 128));
}

}  // namespace

bool is_semantic_version(std::string_view v) noexcept {
    if (v.size() > 256) return false;
    std::size_t i = 0;
    for (int part = 0; part < 3; ++part) {
        const std::size_t start = i;
        while (i < v.size() && digit(v[i])) ++i;
        if (i == start || (v[start] == '0' && i - start > 1)) return false;
        if (part < 2 && (i >= v.size() || v[i++] != '.')) return false;
    }
    for (const char lead : {'-', '+'}) {  // (lead)[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*
        if (i >= v.size() || v[i] != lead) continue;
        do {
            const std::size_t start = ++i;
            while (i < v.size() && ident_char(v[i])) ++i;
            if (i == start) return false;
        } while (i < v.size() && v[i] == '.');
    }
    return i == v.size();
}

std::string_view version_at(const policy& p, const dispute_state& s, std::size_t index) noexcept {
    if (s.moves.empty()) return p.version();
    std::string_view v = s.moves.front().from_version;
    for (const auto& m : s.moves)
        if (m.events <= index) v = m.to_version;
    return v;
}

std::optional<rejection> check_moves(const policy& p, const dispute_state& s, const event& e, std::size_t index) {
    const policy_move* last = nullptr;
    for (const auto& m : s.moves)
        if (m.events <= index) last = &m;
    if (last && e.at < last->at)
        return rejection{errc::out_of_order, "the event at " + p.zone().format(e.at) + " is earlier than the dispute's move to " +
                                                 p.id() + " " + last->to_version + " (" + p.zone().format(last->at) + ")"};
    return std::nullopt;
}

json moves_json(const policy& p, const std::vector<policy_move>& moves) {
    json out = json::array();
    for (const auto& m : moves)
        out.push_back(detail::json_object("at", p.zone().format(m.at), "from_version", m.from_version, "to_version", m.to_version,
                                          "events", m.events));
    return out;
}

std::vector<policy_move> parse_moves(const policy& p, const json& state, std::size_t history_size) {
    std::vector<policy_move> out;
    const auto found = state.find("moves");
    if (found == state.end()) return out;
    const auto fail = [](const std::string& where, const std::string& why) {
        throw error(errc::schema, "dispute state: /moves" + where + ": " + why);
    };
    if (!found->is_array()) fail("", "expected an array of moves");
    out.reserve(found->size());
    for (std::size_t i = 0; i < found->size(); ++i) {
        const auto& m = (*found)[i];
        const std::string at = "/" + std::to_string(i);
        if (!m.is_object()) fail(at, "expected an object {at, from_version, to_version, events}");
        for (const auto& [key, value] : m.items())
            if (key != "at" && key != "from_version" && key != "to_version" && key != "events")
                fail(at, "a move has only at, from_version, to_version and events");
        policy_move move;
        const auto when = m.find("at");
        if (when == m.end() || !when->is_string() || !detail::is_instant_text(when->get_ref<const std::string&>()))
            fail(at + "/at", "expected an RFC 3339 instant with its offset");
        try {
            move.at = parse_rfc3339(when->get_ref<const std::string&>());
        } catch (const error&) {
            fail(at + "/at", "expected an RFC 3339 instant with its offset");
        }
        for (const auto& [key, field] : {std::pair<const char*, std::string*>{"from_version", &move.from_version},
                                         {"to_version", &move.to_version}}) {
            const auto v = m.find(key);
            if (v == m.end() || !v->is_string() || !is_semantic_version(v->get_ref<const std::string&>()))
                fail(at + "/" + key, "expected a version MAJOR.MINOR.PATCH");
            *field = v->get<std::string>();
        }
        const auto events = m.find("events");
        if (events == m.end() || !events->is_number_unsigned() || events->get<std::uint64_t>() > history_size)
            fail(at + "/events", "expected the history's length at the move (0 to " + std::to_string(history_size) + ")");
        move.events = static_cast<std::size_t>(events->get<std::uint64_t>());
        if (move.from_version == move.to_version) fail(at, "a move goes to another version");
        if (!out.empty()) {
            const auto& before = out.back();
            if (move.from_version != before.to_version)
                fail(at + "/from_version", "expected " + before.to_version + ", the version the move before went to");
            if (move.events < before.events) fail(at + "/events", "moves are in the order they were made");
            if (move.at < before.at) fail(at + "/at", "earlier than the move before");
        }
        out.push_back(std::move(move));
    }
    if (!out.empty() && out.back().to_version != p.version())
        fail("/" + std::to_string(out.size() - 1) + "/to_version", "expected " + p.version() + ", the version of the state's policy");
    return out;
}

void check_moves_after(const policy& p, const std::vector<policy_move>& moves, const event_history& history) {
    for (std::size_t i = 0; i < moves.size(); ++i) {
        const auto& m = moves[i];
        if (m.events > 0 && m.events <= history.size() && m.at < history.time(m.events - 1))
            throw error(errc::schema, "dispute state: /moves/" + std::to_string(i) + "/at: earlier than event " +
                                          std::to_string(m.events - 1) + " (" + p.zone().format(history.time(m.events - 1)) +
                                          "), the last before the move");
    }
}

}  // namespace engine

namespace {

// Which duty of the other replay each duty is: the same duty id at the same stage (by id),
// the k-th of those to arise in both.
std::vector<std::optional<std::size_t>> match(const policy& from_p, const dispute_state& from, const policy& to_p,
                                              const dispute_state& to) {
    std::map<std::pair<std::string_view, std::string_view>, std::vector<std::size_t>> by_key;
    for (std::size_t i = 0; i < to.records.size(); ++i) {
        const auto& r = to.records[i];
        by_key[{to_p.duties()[r.duty].id, to_p.stages()[static_cast<std::size_t>(r.stage)].id}].push_back(i);
    }
    std::map<std::pair<std::string_view, std::string_view>, std::size_t> seen;
    std::vector<std::optional<std::size_t>> out(from.records.size());
    for (std::size_t i = 0; i < from.records.size(); ++i) {
        const auto& r = from.records[i];
        const std::pair<std::string_view, std::string_view> key{from_p.duties()[r.duty].id,
                                                                from_p.stages()[static_cast<std::size_t>(r.stage)].id};
        const auto k = seen[key]++;
        const auto found = by_key.find(key);
        if (found != by_key.end() && k < found->second.size()) out[i] = found->second[k];
    }
    return out;
}

std::string stage_id(const policy& p, const dispute_state& s) {
    return s.stage < 0 ? std::string() : p.stages()[static_cast<std::size_t>(s.stage)].id;
}

}  // namespace

migration dispute::migrate(const policy& to, instant at) const {
    const auto& s = machine_->state;
    const std::string name = engine::dispute_name(s.dispute_id);
    if (to.id() != policy_.id())
        throw error(errc::invalid_argument, name + ": cannot move from policy " + policy_.id() + " to policy " + to.id() +
                                                ": a dispute moves only between versions of its own policy");
    if (to.version() == policy_.version())
        throw error(errc::invalid_argument, name + ": it is already under " + policy_.id() + " " + policy_.version());
    const auto& zone = policy_.zone();
    if (s.last_event_at && at < *s.last_event_at)
        throw error(errc::out_of_order, name + ": the move at " + zone.format(at) + " is earlier than the last event applied (" +
                                            zone.format(*s.last_event_at) + ")");
    if (!s.moves.empty() && at < s.moves.back().at)
        throw error(errc::out_of_order, name + ": the move at " + zone.format(at) + " is earlier than the dispute's last move (" +
                                            zone.format(s.moves.back().at) + ")");

    const std::string place = "cannot move " + name + " to " + to.id() + " " + to.version() + ": ";
    dispute moved(to);
    moved.machine_->state.moves = s.moves;
    moved.machine_->state.moves.push_back({at, policy_.version(), to.version(), history_.size()});
    // The original's own replay, in step, to see that each event enters the same stage.
    dispute before(policy_);
    before.machine_->state.moves = s.moves;
    for (std::size_t i = 0; i < history_.size(); ++i) {
        const event ev = history_[i];
        before.replay(ev);
        try {
            moved.replay(ev);
        } catch (const error& e) {
            throw error(e.code(), place + std::string(e.reason()));
        }
        const auto was = stage_id(policy_, before.state()), now = stage_id(to, moved.state());
        if (was == now) continue;
        const std::string where = name + ", event " + std::to_string(i) + " (" + std::string(to_string(history_.type(i))) + "): ";
        if (!to.find_stage(was))
            throw error(errc::unknown_stage, place + where + "it entered stage '" + was + "', which " + to.id() + " " + to.version() +
                                                 " does not have");
        throw error(errc::not_permitted, place + where + "it entered stage '" + was + "' under " + policy_.version() +
                                             " but enters '" + now + "' under " + to.version());
    }

    // What changes for the host: duties matched by id, stage and order of arising.
    const auto& old_s = before.state();
    const auto& new_s = moved.state();
    const auto old_to_new = match(policy_, old_s, to, new_s);
    std::vector<std::optional<std::size_t>> new_to_old(new_s.records.size());
    for (std::size_t i = 0; i < old_to_new.size(); ++i)
        if (old_to_new[i]) new_to_old[*old_to_new[i]] = i;
    using st = obligation_status;
    std::vector<action> cancels, changes;
    for (std::size_t i = 0; i < old_s.records.size(); ++i) {
        if (old_s.records[i].status != st::open) continue;
        const auto j = old_to_new[i];
        const bool same = j && *j == i;
        const auto now = same ? new_s.records[*j].status : st::closed;
        if (!same || (now != st::open && now != st::met))
            cancels.push_back({"cancel", i, engine::action_text(policy_, old_s.records[i], "cancel")});
    }
    for (std::size_t j = 0; j < new_s.records.size(); ++j) {
        const auto& r = new_s.records[j];
        const auto i = new_to_old[j];
        const bool was_open_here = i && *i == j && old_s.records[*i].status == st::open;
        const char* verb = nullptr;
        if (r.status == st::open) {
            if (!was_open_here) verb = "do";
            else if (engine::duty_mark::of(r.due()) != engine::duty_mark::of(old_s.records[*i].due()) ||
                     r.due_date() != old_s.records[*i].due_date())
                verb = "update";
        } else if (r.status == st::met && was_open_here) {
            verb = "done";
        }
        if (verb) changes.push_back({verb, j, engine::action_text(to, r, verb)});
    }
    json rows = actions_json(cancels);
    for (auto& row : moved.actions_json(changes)) rows.push_back(std::move(row));
    std::vector<action> all = std::move(cancels);
    all.insert(all.end(), std::make_move_iterator(changes.begin()), std::make_move_iterator(changes.end()));
    return migration{std::move(moved), std::move(all), std::move(rows)};
}

}  // namespace drp
