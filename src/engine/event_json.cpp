// Events <-> JSON. Checks what the engine relies on (types, required fields, enums, time
// range) with messages that name the field; tests/python/test_event_schema_agreement.py
// keeps it in agreement with schemas/event.schema.json. The checks read the fields of
// event_fields.hpp, which the nlohmann path here and the simdjson path (event_parser.cpp)
// both fill.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

#include "common/article.hpp"
#include "common/ecma_white_space.hpp"
#include "common/safe_text.hpp"
#include "drp/error.hpp"
#include "drp/dispute.hpp"
#include "drp/event.hpp"
#include "engine/event_fields.hpp"
#include "engine/state_writer.hpp"
#include "json/dom_builder.hpp"
#include "json/json_pointer.hpp"
#include "json/strict_parse.hpp"
#include "time/rfc3339_text.hpp"

namespace drp {
namespace {

using nlohmann::json;  // here only: in namespace drp, json is also drp::json (json_pointer.hpp)

constexpr std::string_view type_names[] = {"raise", "escalate", "respond", "extend", "pause", "resume",
                                           "legal_advice", "consult", "refer", "referral_decision",
                                           "meeting", "record", "notify", "resolve", "withdraw",
                                           "other_route", "other_route_ended"};

// The field's JSON pointer, as the schema validator writes it ("a/b" is /a~1b).
[[noreturn]] void bad(const std::string& field, const std::string& problem) {
    std::string pointer;
    drp::json::detail::append_pointer_token(pointer, field);
    throw error(errc::invalid_event, pointer + ": " + problem);
}

bool urgency_from_text(const std::string& u) { return u == "standard" || u == "urgent" || u == "imminent_risk"; }

// ---- the field shapes of schemas/event.schema.json#/$defs ------------------------------
// Lengths are counted in characters (code points), as JSON Schema counts them; both JSON
// parsers have checked that the text is UTF-8.

// Calls f(code point) for each character of UTF-8 text; returns how many there were, or
// none when the text is not UTF-8 (the JSON parsers check it; events built in code may not).
template <class F>
std::optional<std::size_t> each_char(std::string_view s, F&& f) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++n) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t len = 1;
        char32_t cp = b, min = 0;
        if (b >= 0xF0 && b <= 0xF4) len = 4, cp = b & 0x07u, min = 0x10000;
        else if (b >= 0xE0 && b <= 0xEF) len = 3, cp = b & 0x0Fu, min = 0x800;
        else if (b >= 0xC2 && b <= 0xDF) len = 2, cp = b & 0x1Fu, min = 0x80;
        else if (b >= 0x80) return std::nullopt;
        if (i + len > s.size()) return std::nullopt;
        for (std::size_t k = 1; k < len; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xC0u) != 0x80u) return std::nullopt;
            cp = (cp << 6) | (c & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
        f(cp);
        i += len;
    }
    return n;
}
std::string too_long(std::size_t max) { return "longer than " + std::to_string(max) + " characters"; }

// The characters of a field, refusing text that is not UTF-8.
template <class F>
std::size_t chars(const std::string& value, const char* field, F&& f) {
    const auto n = each_char(value, f);
    if (!n) bad(field, "is not valid UTF-8");
    return *n;
}

// ASCII text, the common case, is checked a byte at a time without decoding: whether any
// byte is not ASCII, and whether any is a control character by `is_control`.
struct ascii_scan {
    bool ascii = true, control = false;
};
template <class IsControl>
ascii_scan scan_ascii(std::string_view s, IsControl&& is_control) {
    unsigned char high = 0;
    bool control = false;
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        high |= c;
        control = control || is_control(c);
    }
    return {high < 0x80, control};
}

// opaqueId: 1 to 128 characters, no control characters, no white space at either end.
void opaque_id(const std::string& value, const char* field) {
    if (const auto a = scan_ascii(value, [](unsigned char c) { return c <= 0x1F || c == 0x7F; }); a.ascii) {
        if (value.empty()) bad(field, "must not be empty");
        if (value.size() > 128) bad(field, too_long(128));
        if (a.control) bad(field, "contains a control character");
        if (detail::is_ecma_white_space(static_cast<unsigned char>(value.front())) ||
            detail::is_ecma_white_space(static_cast<unsigned char>(value.back())))
            bad(field, "must not begin or end with white space");
        return;
    }
    bool control = false, first_space = false, last_space = false, first = true;
    const auto n = chars(value, field, [&](char32_t c) {
        control = control || c <= 0x1F || (c >= 0x7F && c <= 0x9F);
        if (first) first_space = detail::is_ecma_white_space(c);
        first = false;
        last_space = detail::is_ecma_white_space(c);
    });
    if (n == 0) bad(field, "must not be empty");
    if (n > 128) bad(field, too_long(128));
    if (control) bad(field, "contains a control character");
    if (first_space || last_space) bad(field, "must not begin or end with white space");
}
// text: 1 to 4000 characters, not only white space; tabs and line breaks but no other
// control characters. Empty is absent (the reader refuses a field present and empty).
void free_text(const std::string& value, const char* field) {
    if (value.empty()) return;
    const auto text_control = [](unsigned char c) {
        return c <= 0x08 || c == 0x0B || c == 0x0C || (c >= 0x0E && c <= 0x1F) || c == 0x7F;
    };
    if (const auto a = scan_ascii(value, text_control); a.ascii) {
        if (value.size() > 4000) bad(field, too_long(4000));
        if (a.control) bad(field, "contains a control character (only tabs and line breaks are allowed)");
        if (std::all_of(value.begin(), value.end(), [](char c) { return detail::is_ecma_white_space(static_cast<unsigned char>(c)); }))
            bad(field, "must not be only white space");
        return;
    }
    bool control = false, blank = true;
    const auto n = chars(value, field, [&](char32_t c) {
        control = control || c <= 0x08 || c == 0x0B || c == 0x0C || (c >= 0x0E && c <= 0x1F) || c == 0x7F;
        blank = blank && detail::is_ecma_white_space(c);
    });
    if (n > 4000) bad(field, too_long(4000));
    if (control) bad(field, "contains a control character (only tabs and line breaks are allowed)");
    if (blank) bad(field, "must not be only white space");
}
bool lower(char c) { return c >= 'a' && c <= 'z'; }
bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }
// ^[a-z][a-z0-9]*(_[a-z0-9]+)*$ with `letter` lower (ids), or the same in upper case (roles).
bool is_snake(std::string_view v, bool (*letter)(char) = lower) {
    if (v.empty() || !letter(v[0]) || v.back() == '_' || v.find("__") != std::string_view::npos) return false;
    for (const char c : v)
        if (!letter(c) && !digit(c) && c != '_') return false;
    return true;
}
void snake_id(const std::string& value, const char* field, const char* what, const char* example) {
    if (value.empty()) return;
    if (value.size() > 64 || !is_snake(value))
        bad(field, "\"" + detail::safe_text(value.substr(0, 64)) + "\" is not " + what + " (lower snake case, e.g. " + example + ")");
}
// stageId: ^[A-Za-z][A-Za-z0-9_]*$, up to 64.
void stage_id(const std::string& value, const char* field) {
    if (value.empty()) return;
    bool ok = value.size() <= 64 && (lower(value[0]) || upper(value[0]));
    for (const char c : value) ok = ok && (lower(c) || upper(c) || digit(c) || c == '_');
    if (!ok) bad(field, "\"" + detail::safe_text(value.substr(0, 64)) + "\" is not a stage id (letters, digits and _, e.g. IR1)");
}
// An obligation a record (policy id) or notify (also notify.ROLE, copy.ROLE, informs.ROLE)
// names; never the engine's own response, overall or referral.
void obligation_id(const std::string& value, bool notify) {
    if (value.empty()) return;
    if (value == "response" || value == "overall" || value == "referral")
        bad("obligation", "\"" + value + "\" is met by " + (value == "response" ? "respond" : value == "overall" ? "resolve" : "refer") +
                              ", not named by an event");
    const auto dot = value.find('.');
    const std::string_view head = std::string_view(value).substr(0, dot);
    const bool ok = value.size() <= 64 &&
                    (dot == std::string::npos ? is_snake(value)
                                              : notify && (head == "notify" || head == "copy" || head == "informs") &&
                                                    is_snake(std::string_view(value).substr(dot + 1), upper));
    if (!ok)
        bad("obligation", "\"" + detail::safe_text(value.substr(0, 64)) + "\" is not an obligation id (lower snake case" +
                              (notify ? ", or notify.ROLE, copy.ROLE, informs.ROLE)" : ")"));
}
// The schema's instant: YYYY-MM-DDTHH:MM:SS, an optional fraction of 1 to 9 digits, then Z
// or +hh:mm / -hh:mm (upper-case T and Z, no leap second; parse_rfc3339 is more lenient).
bool instant_shape(std::string_view v) {
    const auto num = [&](std::size_t at, std::size_t n, int lo, int hi) {
        if (at + n > v.size()) return false;
        int x = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (!digit(v[i])) return false;
            x = x * 10 + (v[i] - '0');
        }
        return x >= lo && x <= hi;
    };
    const auto is = [&](std::size_t at, char c) { return at < v.size() && v[at] == c; };
    if (!(num(0, 4, 0, 9999) && is(4, '-') && num(5, 2, 1, 12) && is(7, '-') && num(8, 2, 1, 31) && is(10, 'T') &&
          num(11, 2, 0, 23) && is(13, ':') && num(14, 2, 0, 59) && is(16, ':') && num(17, 2, 0, 59)))
        return false;
    std::size_t i = 19;
    if (is(i, '.')) {
        const std::size_t start = ++i;
        while (i < v.size() && digit(v[i])) ++i;
        if (i == start || i - start > 9) return false;
    }
    if (is(i, 'Z')) return i + 1 == v.size();
    return (is(i, '+') || is(i, '-')) && num(i + 1, 2, 0, 23) && is(i + 3, ':') && num(i + 4, 2, 0, 59) && i + 6 == v.size();
}
bool is_date_text(std::string_view v) {
    // The date part of instant_shape: YYYY-MM-DD, month 1-12, day 1-31.
    const auto num = [&](std::size_t at, int lo, int hi) {
        if (!digit(v[at]) || !digit(v[at + 1])) return false;
        const int x = (v[at] - '0') * 10 + (v[at + 1] - '0');
        return x >= lo && x <= hi;
    };
    return v.size() == 10 && digit(v[0]) && digit(v[1]) && digit(v[2]) && digit(v[3]) && v[4] == '-' && num(5, 1, 12) &&
           v[7] == '-' && num(8, 1, 31);
}

// A semantic version: MAJOR.MINOR.PATCH (no leading zeros), optional -pre.release and +build.
void semantic_version(const std::string& value, const char* field) {
    if (value.empty()) return;
    std::size_t i = 0;
    bool ok = true;
    for (int part = 0; part < 3 && ok; ++part) {
        const std::size_t start = i;
        while (i < value.size() && digit(value[i])) ++i;
        ok = i > start && !(value[start] == '0' && i - start > 1);
        if (part < 2) ok = ok && i < value.size() && value[i++] == '.';
    }
    const auto idents = [&](char lead) {  // (lead)[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*
        if (!ok || i >= value.size() || value[i] != lead) return;
        do {
            const std::size_t start = ++i;
            while (i < value.size() && (lower(value[i]) || upper(value[i]) || digit(value[i]) || value[i] == '-')) ++i;
            ok = i > start;
        } while (ok && i < value.size() && value[i] == '.');
    };
    idents('-');
    idents('+');
    if (!ok || i != value.size()) bad(field, "\"" + detail::safe_text(value.substr(0, 64)) + "\" is not a version (MAJOR.MINOR.PATCH)");
}

void role_id(const std::string& value, const char* field) {
    if (value.empty()) return;
    if (value.size() > 48 || !is_snake(value, upper)) bad(field, "\"" + detail::safe_text(value.substr(0, 48)) + "\" is not a role id (upper snake case, e.g. HOS_QAPD)");
}


// respond's judged_by: role ids, each once, at most max_judges (for parsed events and
// events built in code alike).
constexpr std::size_t max_judges = 16;
void judges(const std::vector<std::string>& roles) {
    if (roles.size() > max_judges) bad("judged_by", "more than " + std::to_string(max_judges) + " roles");
    for (std::size_t i = 0; i < roles.size(); ++i) {
        if (roles[i].empty()) bad("judged_by", "a role id must not be empty");
        role_id(roles[i], "judged_by");
        for (std::size_t k = 0; k < i; ++k)
            if (roles[k] == roles[i]) bad("judged_by", "\"" + roles[i] + "\" is listed twice");
    }
}

// The shapes of schemas/event.schema.json for an event's fields, whether it was parsed or
// built in code, so that every event a dispute holds survives to_json and from_json.
void check_shapes(const event& e) {
    // Fields outside the type are not written to the history, so only the type's are checked;
    // those of ASCII patterns (roles, ids) fail them when not ASCII, the others check UTF-8.
    opaque_id(e.dispute_id, "dispute_id");
    role_id(e.by, "by");
    free_text(e.note, "note");
    switch (e.type) {
        case event_type::raise:
            if (chars(e.team, "team", [](char32_t) {}) > 128) bad("team", too_long(128));
            opaque_id(e.child_ref, "child_ref");
            snake_id(e.category, "category", "a category id", "care_planning");
            if (!e.case_type.empty()) snake_id(e.case_type, "case_type", "a case type", "looked_after");
            free_text(e.summary, "summary");
            stage_id(e.start_stage, "start_stage");
            free_text(e.start_reason, "start_reason");
            if (!e.start_reason.empty() && e.start_stage.empty()) bad("start_reason", "only with a start_stage");
            semantic_version(e.policy_version, "policy_version");
            break;
        case event_type::escalate: stage_id(e.to, "to"); break;
        case event_type::respond: judges(e.judged_by); break;
        case event_type::extend: role_id(e.agreed_by, "agreed_by"); break;
        case event_type::pause:
            role_id(e.approved_by, "approved_by");
            free_text(e.reason, "reason");
            break;
        case event_type::consult: role_id(e.role, "role"); break;
        case event_type::meeting: snake_id(e.meeting_kind, "kind", "a meeting kind", "dispute_resolution"); break;
        case event_type::record:
            obligation_id(e.obligation, false);
            stage_id(e.stage, "stage");
            break;
        case event_type::notify:
            stage_id(e.stage, "stage");
            role_id(e.role, "role");
            obligation_id(e.obligation, true);
            break;
        case event_type::resolve:
            free_text(e.summary, "summary");
            free_text(e.impact, "impact");
            break;
        case event_type::withdraw: free_text(e.reason, "reason"); break;
        case event_type::other_route:
        case event_type::other_route_ended: snake_id(e.route, "route", "a route id", "complaint"); break;
        default: break;
    }
}

using kind = detail::event_field::kind;

// Every key any event type has (schemas/event.schema.json), in byte order: a field's key
// is looked up once, and each read is then an index.
constexpr std::string_view known_keys[] = {
    "accepted", "adequate", "agreed", "agreed_by", "approved_by", "at", "by", "case_type", "category", "child_ref",
    "concurrent", "cross_council", "dispute_id", "due", "impact", "judged_by", "kind", "note", "obligation", "policy_version",
    "reason", "role", "route", "stage", "start_reason", "start_stage", "summary", "team", "to", "type", "until", "urgency"};
constexpr std::size_t known_count = std::size(known_keys);
static_assert(known_count <= 32);

// The key's place in known_keys, or -1: by its length first (at most five share one).
int known_key(std::string_view key) noexcept {
    static constexpr auto by_length = [] {
        std::array<std::array<signed char, 6>, 16> t{};
        for (auto& row : t) row.fill(-1);
        for (std::size_t i = 0; i < known_count; ++i) {
            auto& row = t[known_keys[i].size()];
            std::size_t k = 0;
            while (row[k] >= 0) ++k;
            row[k] = static_cast<signed char>(i);
        }
        return t;
    }();
    if (key.empty() || key.size() >= by_length.size()) return -1;
    for (const signed char i : by_length[key.size()]) {
        if (i < 0) break;
        const std::string_view k = known_keys[static_cast<std::size_t>(i)];
        if (k[0] == key[0] && std::memcmp(k.data(), key.data(), k.size()) == 0) return i;
    }
    return -1;
}

// A key the code reads, found in known_keys when compiled (a key that is not there does
// not compile).
struct key_ref {
    consteval key_ref(const char* k) : name(k), index(place(k)) {}
    const char* name;
    std::size_t index;

private:
    static consteval std::size_t place(std::string_view k) {
        for (std::size_t i = 0; i < known_count; ++i)
            if (known_keys[i] == k) return i;
        throw "not a key of schemas/event.schema.json";
    }
};

class reader {
public:
    explicit reader(std::span<const detail::event_field> fields) : fields_(fields) {
        slots_.fill(nullptr);
        for (const auto& f : fields_) {
            const int i = known_key(f.key);
            if (i < 0) {
                if (!unknown_ || f.key < unknown_->key) unknown_ = &f;
                continue;
            }
            if (!slots_[static_cast<std::size_t>(i)]) slots_[static_cast<std::size_t>(i)] = &f;
            present_ |= std::uint32_t{1} << i;
        }
    }

    const detail::event_field* find(key_ref key) const { return slots_[key.index]; }
    // A string field; present and empty is refused unless allow_empty (team).
    std::string text(key_ref key, bool required, std::size_t max = 4000, bool allow_empty = false) const {
        return std::string(view(key, required, max, allow_empty));
    }
    // The same, read in place (valid while the fields are).
    std::string_view view(key_ref key, bool required, std::size_t max = 4000, bool allow_empty = false) const {
        const detail::event_field* v = find(key);
        if (!v) {
            if (required) bad(key.name, "required");
            return {};
        }
        if (v->type != kind::string) bad(key.name, "expected a string");
        const std::string_view s = v->text;
        if (s.empty() && !allow_empty) bad(key.name, "must not be empty");
        if (s.size() > max) bad(key.name, "longer than " + std::to_string(max) + " bytes");
        return s;
    }
    bool flag(key_ref key, bool required) const {
        if (const auto v = maybe_flag(key)) return *v;
        if (required) bad(key.name, "required (true or false)");
        return false;
    }
    std::optional<bool> maybe_flag(key_ref key) const {
        const detail::event_field* v = find(key);
        if (!v) return std::nullopt;
        if (v->type != kind::boolean) bad(key.name, "expected true or false");
        return v->flag;
    }
    // A list of role ids ("judged_by"): absent gives none; present must not be empty (how
    // many, their shape and repeats are check_shapes', as for an event built in code).
    std::vector<std::string> roles(key_ref key) const {
        const detail::event_field* v = find(key);
        if (!v) return {};
        if (v->type != kind::strings) bad(key.name, "expected a list of role ids");
        if (v->items.empty()) bad(key.name, "must not be empty");
        return {v->items.begin(), v->items.end()};
    }
    std::optional<due_time> due(key_ref key, bool required) const {
        const std::string_view s = view(key, required, 64);
        if (s.empty()) return std::nullopt;
        if (!is_date_text(s) && !instant_shape(s))
            bad(key.name, "\"" + detail::safe_text(s) + "\" is not a date (YYYY-MM-DD) or an RFC 3339 time with an offset");
        try {
            if (s.size() == 10) return due_time{parse_date(s)};
            return due_time{parse_rfc3339(s)};
        } catch (const error& e) {
            bad(key.name, e.what());
        }
    }
    // The first unknown key in byte order is the one named, whatever order the parser saw
    // the keys in (nlohmann::json keeps an object's keys sorted).
    void only(std::initializer_list<key_ref> allowed) const {
        std::uint32_t ok = 0;
        for (const key_ref a : {key_ref("type"), key_ref("at"), key_ref("dispute_id"), key_ref("by"), key_ref("note")})
            ok |= std::uint32_t{1} << a.index;
        for (const key_ref a : allowed) ok |= std::uint32_t{1} << a.index;
        const detail::event_field* unknown = unknown_;
        if (const std::uint32_t extra = present_ & ~ok)  // known keys, but not this type's
            for (std::size_t i = 0; i < known_count; ++i)
                if (extra & (std::uint32_t{1} << i) && (!unknown || slots_[i]->key < unknown->key)) unknown = slots_[i];
        if (unknown) bad(detail::safe_text(unknown->key), "unknown field for " + detail::with_article(text("type", true)) + " event");
    }

private:
    std::span<const detail::event_field> fields_;
    std::array<const detail::event_field*, known_count> slots_;
    std::uint32_t present_ = 0;                       // a bit per known key present
    const detail::event_field* unknown_ = nullptr;  // the first unknown key, in byte order
};


}  // namespace

bool detail::is_instant_text(std::string_view text) { return instant_shape(text); }

std::optional<instant> detail::read_instant_text(std::string_view v) noexcept {
    // Every event's "at": instant_shape and parse_rfc3339 were two passes and a third of
    // reading an event's fields.
    if (v.size() < 20 || v.size() > 35) return std::nullopt;
    bool ok = true;
    const auto num = [&](std::size_t at, std::size_t n) {
        int x = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            ok = ok && digit(v[i]);
            x = x * 10 + (v[i] - '0');
        }
        return x;
    };
    const int y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2), s = num(17, 2);
    ok = ok && v[4] == '-' && v[7] == '-' && v[10] == 'T' && v[13] == ':' && v[16] == ':' && h <= 23 && mi <= 59 && s <= 59;
    std::size_t i = 19;
    if (ok && v[i] == '.') {
        const std::size_t start = ++i;
        while (i < v.size() && digit(v[i])) ++i;
        ok = i > start && i - start <= 9;
    }
    int offset_minutes = 0;
    if (!ok || i >= v.size()) return std::nullopt;
    if (v[i] == 'Z') {
        ok = i + 1 == v.size();
    } else {
        ok = (v[i] == '+' || v[i] == '-') && i + 6 == v.size() && v[i + 3] == ':';
        if (!ok) return std::nullopt;
        const int oh = num(i + 1, 2), om = num(i + 4, 2);
        ok = ok && oh <= 23 && om <= 59;
        offset_minutes = (v[i] == '-' ? -1 : 1) * (oh * 60 + om);
    }
    if (!ok) return std::nullopt;
    using namespace std::chrono;
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return std::nullopt;
    return instant{sys_days{ymd}} + hours{h} + minutes{mi} + seconds{s} - minutes{offset_minutes};
}

std::string_view to_string(event_type t) noexcept { return type_names[static_cast<int>(t)]; }

std::optional<event_type> event_type_from_string(std::string_view text) noexcept {
    for (std::size_t i = 0; i < std::size(type_names); ++i)
        if (type_names[i] == text) return static_cast<event_type>(i);
    return std::nullopt;
}

event parse_event(const nlohmann::json& j) {
    if (!j.is_object()) throw error(errc::invalid_event, "an event must be a JSON object");
    std::vector<detail::event_field> fields;
    fields.reserve(j.size());
    std::size_t listed = 0;  // the strings in arrays of strings, held in `items`
    for (const auto& v : j)
        if (v.is_array()) listed += v.size();
    std::vector<std::string_view> items;
    items.reserve(listed);  // (the spans below point into it: it never grows past this)
    for (auto it = j.begin(); it != j.end(); ++it) {
        detail::event_field& f = fields.emplace_back();
        f.key = it.key();
        const nlohmann::json& v = it.value();
        if (v.is_string()) {
            f.type = kind::string;
            f.text = v.get_ref<const std::string&>();
        } else if (v.is_boolean()) {
            f.type = kind::boolean;
            f.flag = v.get<bool>();
        } else if (v.is_array() && std::all_of(v.begin(), v.end(), [](const nlohmann::json& x) { return x.is_string(); })) {
            const std::size_t first = items.size();
            for (const auto& x : v) items.emplace_back(x.get_ref<const std::string&>());
            f.type = kind::strings;
            f.items = std::span<const std::string_view>(items.data() + first, v.size());
        }
    }
    return detail::event_from_fields(fields);
}

namespace {
// The years the calendar covers, with room for deadlines after them: for parsed events and
// events built in code alike. Compared with constants: no arithmetic that could overflow
// on an extreme instant built in code.
void check_years(const event& e) {
    static constexpr instant at_first{std::chrono::sys_days{std::chrono::year{1971} / 1 / 1}};
    static constexpr instant at_last{std::chrono::sys_days{std::chrono::year{2191} / 1 / 1} - std::chrono::seconds{1}};
    static constexpr instant due_last{std::chrono::sys_days{std::chrono::year{2200} / 1 / 1} - std::chrono::seconds{1}};
    if (e.at < at_first || e.at > at_last) bad("at", "outside the supported years 1971-2190");
    if (e.due) {
        const bool in_range = std::holds_alternative<date>(*e.due)
                                  ? std::get<date>(*e.due) >= date{std::chrono::year{1971} / 1 / 1} &&
                                        std::get<date>(*e.due) <= date{std::chrono::year{2199} / 12 / 31}
                                  : std::get<instant>(*e.due) >= at_first && std::get<instant>(*e.due) <= due_last;
        if (!in_range) bad(e.type == event_type::extend ? "until" : "due", "outside the supported years 1971-2199");
    }
}
}  // namespace

event detail::event_from_fields(std::span<const event_field> fields) {
    const reader r(fields);
    event e;
    const std::string_view type = r.view("type", true, 64);
    const auto t = event_type_from_string(type);
    if (!t) bad("type", "unknown event type \"" + detail::safe_text(type) + "\"");
    e.type = *t;
    try {
        const std::string_view at = r.view("at", true, 64);
        if (const auto fast = detail::read_instant_text(at)) e.at = *fast;
        else if (!instant_shape(at))
            bad("at", "\"" + detail::safe_text(at) + "\" is not an RFC 3339 time with an offset (YYYY-MM-DDTHH:MM:SS and Z or +hh:mm)");
        else e.at = parse_rfc3339(at);  // (a shape it takes but no such day: its message)
    } catch (const error& err) {
        if (err.code() == errc::invalid_event) throw;
        bad("at", err.what());
    }
    static constexpr date first_day{std::chrono::year{1971} / 1 / 1}, last_day{std::chrono::year{2190} / 12 / 31};
    const date day = std::chrono::floor<std::chrono::days>(e.at);
    if (day < first_day || day > last_day) bad("at", "outside the supported years 1971-2190");
    e.dispute_id = r.text("dispute_id", true, 512);
    e.by = r.text("by", false, 48);
    e.note = r.text("note", false, 16000);

    switch (e.type) {
        case event_type::raise:
            r.only({"child_ref", "category", "urgency", "summary", "start_stage", "start_reason", "due",
                    "cross_council", "policy_version", "team", "case_type"});
            e.team = r.text("team", false, 512, true);
            e.case_type = r.text("case_type", false, 64);
            e.child_ref = r.text("child_ref", true, 512);
            e.category = r.text("category", true, 64);
            e.urgency = r.text("urgency", true, 32);
            if (e.urgency != "standard" && e.urgency != "urgent" && e.urgency != "imminent_risk")
                bad("urgency", "expected standard, urgent or imminent_risk, got \"" + detail::safe_text(e.urgency) + "\"");
            e.summary = r.text("summary", true, 16000);
            e.start_stage = r.text("start_stage", false, 64);
            e.start_reason = r.text("start_reason", false, 16000);
            e.due = r.due("due", false);
            e.cross_council = r.flag("cross_council", false);
            e.policy_version = r.text("policy_version", false, std::string::npos);  // no maxLength
            break;
        case event_type::escalate:
            r.only({"reason", "to", "due"});
            e.reason = r.text("reason", true, 32);
            if (e.reason != "no_response" && e.reason != "inadequate_response" && e.reason != "not_resolved" &&
                e.reason != "discretion")
                bad("reason", "expected no_response, inadequate_response, not_resolved or discretion, got \"" +
                                  detail::safe_text(e.reason) + "\"");
            e.to = r.text("to", false, 64);
            e.due = r.due("due", false);
            break;
        case event_type::respond:
            r.only({"adequate", "judged_by"});
            e.adequate = r.flag("adequate", true);
            e.judged_by = r.roles("judged_by");
            break;
        case event_type::extend:
            r.only({"until", "agreed_by"});
            e.due = r.due("until", true);
            e.agreed_by = r.text("agreed_by", true, 48);
            break;
        case event_type::pause:
            r.only({"approved_by", "reason"});
            e.approved_by = r.text("approved_by", true, 48);
            e.reason = r.text("reason", false, 16000);
            break;
        case event_type::resume:
        case event_type::legal_advice: r.only({}); break;
        case event_type::consult:
            r.only({"role", "agreed"});
            e.role = r.text("role", true, 48);
            e.agreed = r.maybe_flag("agreed");
            break;
        case event_type::refer:
            r.only({"to", "concurrent"});
            e.refer_to = r.text("to", true, 32);
            if (e.refer_to != "cafcass") bad("to", "the only referral body is \"cafcass\"");
            e.concurrent = r.flag("concurrent", true);
            break;
        case event_type::referral_decision:
            r.only({"accepted"});
            e.accepted = r.flag("accepted", true);
            break;
        case event_type::meeting:
            r.only({"kind"});
            e.meeting_kind = r.text("kind", true, 64);
            break;
        case event_type::record:
            r.only({"obligation", "stage"});
            e.obligation = r.text("obligation", true, 64);
            e.stage = r.text("stage", false, 64);
            break;
        case event_type::notify:
            r.only({"role", "obligation", "stage"});
            e.stage = r.text("stage", false, 64);
            e.role = r.text("role", false, 48);
            e.obligation = r.text("obligation", false, 64);
            if (e.role.empty() && e.obligation.empty()) bad("role", "a notify event names a role or an obligation");
            break;
        case event_type::resolve:
            r.only({"summary", "impact"});
            e.summary = r.text("summary", true, 16000);
            e.impact = r.text("impact", false, 16000);
            break;
        case event_type::withdraw:
            r.only({"reason"});
            e.reason = r.text("reason", true, 16000);
            break;
        case event_type::other_route:
        case event_type::other_route_ended:
            r.only({"route"});
            e.route = r.text("route", true, 64);
            break;
    }
    check_shapes(e);
    check_years(e);  // (all of check_event's checks: a parsed event is not checked again)
    return e;
}

event detail::parse_event_dom(std::string_view json_text) {
    return parse_event(drp::detail::parse_strict(json_text, "event"));
}


void check_event(const event& e) {
    if (e.dispute_id.empty()) bad("dispute_id", "required");
    check_shapes(e);
    check_years(e);
    switch (e.type) {
        case event_type::raise:
            if (!urgency_from_text(e.urgency)) bad("urgency", "expected standard, urgent or imminent_risk");
            if (e.child_ref.empty()) bad("child_ref", "required");
            if (e.category.empty()) bad("category", "required");
            break;
        case event_type::escalate:
            if (e.reason != "no_response" && e.reason != "inadequate_response" && e.reason != "not_resolved" &&
                e.reason != "discretion")
                bad("reason", "expected no_response, inadequate_response, not_resolved or discretion");
            break;
        case event_type::extend:
            if (!e.due) bad("until", "required");
            if (e.agreed_by.empty()) bad("agreed_by", "required");
            break;
        case event_type::pause:
            if (e.approved_by.empty()) bad("approved_by", "required");
            break;
        case event_type::consult:
            if (e.role.empty()) bad("role", "required");
            break;
        case event_type::refer:
            if (e.refer_to != "cafcass") bad("to", "the only referral body is \"cafcass\"");
            break;
        case event_type::record:
            if (e.obligation.empty()) bad("obligation", "required");
            break;
        case event_type::notify:
            if (e.role.empty() && e.obligation.empty()) bad("role", "a notify event names a role or an obligation");
            break;
        case event_type::other_route:
        case event_type::other_route_ended:
            if (e.route.empty()) bad("route", "required");
            break;
        default: break;
    }
}

std::string to_string(const due_time& d) {
    if (const auto* day = std::get_if<date>(&d)) return format_date(*day);
    return format_rfc3339(std::get<instant>(d), std::chrono::seconds{0});
}

// Keys in nlohmann's (sorted) order, each written for the types that have it: the union of
// every type's fields is accepted, adequate, agreed, agreed_by, approved_by, at, by,
// case_type, category, child_ref, concurrent, cross_council, dispute_id, due, impact, judged_by, kind, note,
// obligation, policy_version, reason, role, route, stage, start_reason, start_stage, summary,
// team, to, type, until, urgency. Optional texts are written when set.
template <class Sink>
void engine::write_event(Sink& out, const event& e) {
    using t = event_type;
    const t type = e.type;
    const auto text = [&](const detail::json_key& key, const std::string& value) {
        if (!value.empty()) out.member(key, value);
    };
    out.begin_object();
    if (type == t::referral_decision) out.member("accepted", e.accepted);
    if (type == t::respond) out.member("adequate", e.adequate);
    if (type == t::consult && e.agreed) out.member("agreed", *e.agreed);
    if (type == t::extend) out.member("agreed_by", e.agreed_by);
    if (type == t::pause) out.member("approved_by", e.approved_by);
    out.member("at", detail::format_rfc3339_text(e.at, std::chrono::seconds{0}));
    text("by", e.by);
    if (type == t::raise) {
        text("case_type", e.case_type);
        out.member("category", e.category);
        out.member("child_ref", e.child_ref);
    }
    if (type == t::refer) out.member("concurrent", e.concurrent);
    if (type == t::raise && e.cross_council) out.member("cross_council", true);
    out.member("dispute_id", e.dispute_id);
    if ((type == t::raise || type == t::escalate) && e.due) out.member("due", to_string(*e.due));
    if (type == t::resolve) text("impact", e.impact);
    if (type == t::respond && !e.judged_by.empty()) {
        out.key("judged_by");
        out.begin_array();
        for (const std::string& role : e.judged_by) out.string(role);
        out.end_array();
    }
    if (type == t::meeting) out.member("kind", e.meeting_kind);
    text("note", e.note);
    if (type == t::record) out.member("obligation", e.obligation);
    if (type == t::notify) text("obligation", e.obligation);
    if (type == t::raise) text("policy_version", e.policy_version);
    if (type == t::escalate || type == t::withdraw) out.member("reason", e.reason);
    if (type == t::pause) text("reason", e.reason);
    if (type == t::consult) out.member("role", e.role);
    if (type == t::notify) text("role", e.role);
    if (type == t::other_route || type == t::other_route_ended) out.member("route", e.route);
    if (type == t::record || type == t::notify) text("stage", e.stage);
    if (type == t::raise) {
        text("start_reason", e.start_reason);
        text("start_stage", e.start_stage);
    }
    if (type == t::raise || type == t::resolve) out.member("summary", e.summary);
    if (type == t::raise) text("team", e.team);
    if (type == t::escalate) text("to", e.to);
    if (type == t::refer) out.member("to", e.refer_to);
    out.member("type", to_string(type));
    if (type == t::extend) out.member("until", to_string(*e.due));
    if (type == t::raise) out.member("urgency", e.urgency);
    out.end_object();
}

template void engine::write_event(detail::json_text_writer&, const event&);
template void engine::write_event(detail::json_dom_builder&, const event&);

nlohmann::json to_json(const event& e) {
    detail::json_dom_builder dom;
    engine::write_event(dom, e);
    return dom.take();
}

}  // namespace drp
