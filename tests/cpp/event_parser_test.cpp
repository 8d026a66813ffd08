// drp::event_parser (simdjson) against the nlohmann path it must agree with exactly: for
// every event line of the examples and fixtures, and thousands of garbled variants, both
// give the same event or the same error code and message.
#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <optional>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "json/strict_parse.hpp"

#include "common/safe_text.hpp"
#include "drp/error.hpp"
#include "drp/event.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// What one path made of the text: the event's JSON, or the error's code and message.
std::string outcome_of(auto&& parse) {
    try {
        return "event " + drp::to_json(parse()).dump();
    } catch (const drp::error& e) {
        return "error " + std::string(drp::to_string(e.code())) + " " + e.what();
    }
}

// The reference: the strict document reader (json/strict_parse.hpp), then the checks of
// parse_event(const json&), so a change to either path shows.
std::string reference(std::string_view text) {
    return outcome_of([&] { return drp::parse_event(drp::detail::parse_strict(text, "event")); });
}

// One parser for the whole run: its buffers are reused, as in a replay loop.
drp::event_parser& shared_parser() {
    static drp::event_parser p;
    return p;
}

void expect_same(std::string_view text) {
    const std::string want = reference(text);
    const std::string fast = outcome_of([&] { return shared_parser().parse(text); });
    ASSERT_EQ(fast, want) << "text: " << drp::detail::safe_text(text);
    const std::string fresh = outcome_of([&] { return drp::parse_event(text); });
    ASSERT_EQ(fresh, want) << "text: " << drp::detail::safe_text(text);
    // What a reader accepts passes check_event too: the JSON entry points and replays take
    // parsed events without checking them again (engine/parsed_events.hpp).
    try {
        const drp::event e = shared_parser().parse(text);
        EXPECT_NO_THROW(drp::check_event(e)) << "text: " << drp::detail::safe_text(text);
    } catch (const drp::error&) {
    }
}

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// Every event line of examples/**/*.jsonl, and each fixture event file as one text.
std::vector<std::string> corpus() {
    std::vector<std::string> out;
    const fs::path root = DRP_SOURCE_DIR;
    for (const auto& entry : fs::recursive_directory_iterator(root / "examples")) {
        if (entry.path().extension() != ".jsonl") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        for (std::string line; std::getline(in, line);)
            if (!line.empty()) out.push_back(line);
    }
    for (const auto& entry : fs::recursive_directory_iterator(root / "tests/fixtures/events"))
        if (entry.is_regular_file() && entry.path().extension() == ".json") out.push_back(read(entry.path()));
    for (const auto& entry : fs::directory_iterator(root / "tests/fuzz/corpus/event")) {
        const std::string text = read(entry.path());
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);) out.push_back(line);
        out.push_back(text);
    }
    return out;
}

TEST(EventParser, agrees_with_the_nlohmann_path_on_every_example_and_fixture) {
    const auto texts = corpus();
    ASSERT_GT(texts.size(), 3000u);
    std::size_t parsed = 0;
    for (const auto& t : texts) {
        expect_same(t);
        parsed += reference(t).starts_with("event ");
    }
    EXPECT_GT(parsed, 3000u);  // most are events, so the fast path's success is compared too
}

TEST(EventParser, agrees_on_the_edges_of_json) {
    const std::string raise = R"("type":"raise","at":"2027-03-01T09:00:00Z","dispute_id":"D1","child_ref":"C","category":"x","urgency":"urgent","summary":"s")";
    const std::vector<std::string> cases = {
        "", " ", "\n", "{", "}", "[]", "null", "true", "1", "\"x\"", "{}", " {} ", "{} {}", "{}}", "{}]",
        "{" + raise + "}", " \t\r\n{" + raise + "} \n\t\r", "{" + raise + "}x", "{" + raise + "} {}",
        "{" + raise + "}}", "{" + raise + "}]", "{" + raise + ",}", "{" + raise + ",,\"a\":1}",
        "{" + raise + "\"a\":\"b\"}", "{" + raise + ",\"a\"}", "{" + raise + ",\"a\":}", "{" + raise + ",:\"a\"}",
        "{" + raise + ",\"note\":\"x\",\"note\":\"y\"}",                       // duplicate key
        "{" + raise + ",\"no\\u0074e\":\"x\",\"note\":\"y\"}",                 // duplicate once unescaped
        "{" + raise + ",\"note\":\"x\\u0000y\"}",                              // NUL by escape
        std::string("{") + raise + ",\"note\":\"x\0y\"}",                      // raw NUL in a string
        std::string("{") + raise + "}\0",                                      // NUL after the object
        "{" + raise + ",\"note\":\"x\ty\"}",                                   // raw control character
        "{" + raise + ",\"note\":\"\x7f\"}",                                   // DEL is allowed
        "{" + raise + ",\"note\":\"\\ud83d\\ude00 \\u00e9 \\/ \\\" \\\\ \\b\\f\\n\\r\\t\"}",
        "{" + raise + ",\"note\":\"\\ud83d\"}", "{" + raise + ",\"note\":\"\\ude00\"}",
        "{" + raise + ",\"note\":\"\\ud83d\\u0041\"}", "{" + raise + ",\"note\":\"\\ud83dx\"}",
        "{" + raise + ",\"note\":\"\\u12\"}", "{" + raise + ",\"note\":\"\\u12g4\"}", "{" + raise + ",\"note\":\"\\x41\"}",
        "{" + raise + ",\"note\":\"\\'\"}", "{" + raise + ",\"note\":\"\\",
        "{" + raise + ",\"note\":\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"}",     // valid UTF-8
        "{" + raise + ",\"note\":\"\xff\"}", "{" + raise + ",\"note\":\"\xc3\"}", "{" + raise + ",\"note\":\"\xc0\xaf\"}",
        "{" + raise + ",\"note\":\"\xed\xa0\x80\"}", "{" + raise + ",\"note\":\"\xf4\x90\x80\x80\"}",
        "{" + raise + ",\"\xff\":\"x\"}", "{" + raise + "}\xff", "\xef\xbb\xbf{" + raise + "}",  // BOM
        "{" + raise + ",\"note\":1}", "{" + raise + ",\"note\":-0.5e3}", "{" + raise + ",\"note\":01}",
        "{" + raise + ",\"note\":1e999}", "{" + raise + ",\"note\":123456789012345678901234567890}",
        "{" + raise + ",\"note\":null}", "{" + raise + ",\"note\":[]}", "{" + raise + ",\"note\":{}}",
        "{" + raise + ",\"note\":{\"a\":[1,{\"b\":null}]}}", "{" + raise + ",\"note\":[[[[[[[[[[]]]]]]]]]]}",
        "{" + raise + ",\"cross_council\":true}", "{" + raise + ",\"cross_council\":false}",
        "{" + raise + ",\"cross_council\":tru}", "{" + raise + ",\"cross_council\":truex}",
        "{" + raise + ",\"cross_council\":True}", "{" + raise + ",\"cross_council\":\"true\"}",
        "{" + raise + ",\"cross_council\":nul}", "{" + raise + ",\"zz\":1,\"aa\":\"x\",\"Mm\":true}",
        "{" + raise + ",\"zz\":1,\"\":\"x\"}", "{" + raise + ",\"\xc3\xa9\":\"x\",\"z\":\"y\"}",
        "{" + raise + ",\"\\u0000\":\"x\"}", "{" + raise + ",\"type\\u0000\":\"x\"}",
        "{\"type\":\"respond\",\"at\":\"2027-03-01T09:00:00Z\",\"dispute_id\":\"D1\",\"adequate\":true}",
        "{\"type\":\"respond\",\"at\":\"2027-03-01T09:00:00Z\",\"dispute_id\":\"D1\",\"adequate\":\"yes\"}",
        "{\"type\":\"respond\",\"at\":\"2027-03-01T09:00:00Z\",\"dispute_id\":\"D1\",\"adequate\":1}",
        "{\"type\":\"respond\",\"at\":\"2027-03-01T09:00:00Z\",\"dispute_id\":\"D1\"}",
        "{\"type\":7}", "{\"type\":\"\"}", "{\"type\":\"nope\"}", "{\"at\":\"x\"}",
        "{\"type\" : \"resume\" , \"at\" : \"2027-03-01T09:00:00Z\" , \"dispute_id\" : \"D1\" }",
        "{\"type\":\"resume\",\"at\":\"2027-03-01T09:00:00Z\",\"dispute_id\":\"D1\"}\n",
        "{\"type\":\"resume\",\"at\":\"2027-03-01T09:00:00Z\",\"dispute_id\":\"D1\"}\v",
        "{\"type\":\"resume\",\"at\":\"2027-03-01T09:00:00Z\",\"dispute_id\":\"D1\"}\f",
        "{\"type\":\"resume\",\"at\":\"2027-03-01T09:00:00Z\",\"dispute_id\":\"D1\"}/",
        "{\"type\":\"resume\",\"at\":\"2027-03-01T09:00:00Z\",\"dispute_id\":\"D1\"}//x",
        "{\"type\":\"resume\",\"at\":\"1970-12-31T23:59:59Z\",\"dispute_id\":\"D1\"}",
        "{\"type\":\"resume\",\"at\":\"2027-03-01T09:00:00Z\",\"dispute_id\":\"" + std::string(129, 'd') + "\"}",
        "{\"type\":\"resume\",\"at\":\"2027-03-01T09:00:00Z\",\"dispute_id\":\"" + std::string(128, 'd') + "\"}",
        "{\"type\":\"resume\",\"at\":\"2027-03-01T09:00:00Z\",\"dispute_id\":\"D1\",\"by\":\"hos_qapd\"}",
        "{\"type\":\"resume\",\"at\":\"2027-03-01T09:00:00Z\",\"dispute_id\":\"D1\",\"by\":\"HOS__QAPD\"}",
        "{\"type\":\"resume\",\"at\":\"2027-03-01T09:00:00Z\",\"dispute_id\":\"D1\",\"note\":\"" + std::string(4001, 'n') + "\"}",
        "{\"type\":\"resume\",\"at\":\"2027-03-01T09:00:00Z\",\"dispute_id\":\"D1\",\"note\":\"" + std::string(4000, 'n') + "\"}",
    };
    for (const auto& c : cases) expect_same(c);
}

TEST(EventParser, agrees_on_huge_texts) {
    const std::string head = R"({"type":"resume","at":"2027-03-01T09:00:00Z","dispute_id":"D1")";
    expect_same(head + std::string(3u << 20, ' ') + "}");                    // past the fast path's limit
    expect_same(head + ",\"note\":\"" + std::string(2u << 20, 'n') + "\"}");
    expect_same(head + ",\"x\":\"" + std::string((1u << 20) - 100, 'x') + "\"}");  // just under it
    std::string many = "{";
    for (int i = 0; i < 2000; ++i) many += "\"k" + std::to_string(i) + "\":\"v\",";
    expect_same(many + head.substr(1) + "}");                                 // more fields than it keeps
    expect_same(std::string(100000, '[') + std::string(100000, ']'));        // nesting
    expect_same(head + ",\"note\":" + std::string(10000, '[') + std::string(10000, ']') + "}");
}

// Garbled variants of real lines: characters deleted, doubled, swapped or inserted, values
// of the wrong type, unknown and duplicate fields, escaped keys and values, truncation.
std::string mutate(std::string s, std::mt19937& rng) {
    static const std::vector<std::string> pieces = {
        "\"", "\\", "{", "}", "[", "]", ",", ":", " ", "\n", "0", "1", "-", "e", "u", "t", "n",
        std::string(1, '\0'), "\x01", "\x7f", "\xff", "\xc3", "\xc3\xa9", "\xed\xa0\x80", "\\u", "\\u0041",
        "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\n", "\\\"", "true", "false", "null", "1e400", "\xef\xbb\xbf"};
    static const std::vector<std::string> values = {"1", "-2.5", "null", "true", "false", "[]", "{}", "\"\"",
                                                    "\"x\"", "[\"a\"]", "{\"a\":1}", "1e999", "\"\\u0000\""};
    static const std::vector<std::string> keys = {"type", "at", "dispute_id", "by", "note", "urgency", "summary",
                                                  "due", "until", "adequate", "zzz", "aaa", "to", "reason", ""};
    auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); };
    auto pos = [&] { return s.empty() ? 0 : pick(s.size() + 1); };
    switch (pick(10)) {
        case 0:
            if (!s.empty()) s.erase(pick(s.size()), 1 + pick(3));
            break;
        case 1:
            if (!s.empty()) {
                const auto i = pick(s.size());
                s.insert(i, 1, s[i]);
            }
            break;
        case 2:
            if (s.size() > 1) {
                const auto i = pick(s.size() - 1);
                std::swap(s[i], s[i + 1]);
            }
            break;
        case 3: s.insert(pos(), pieces[pick(pieces.size())]); break;
        case 4: {  // a string value replaced by another kind of value
            const auto colon = s.find(":\"", pick(s.size() + 1));
            if (colon == std::string::npos) break;
            const auto end = s.find('"', colon + 2);
            if (end == std::string::npos) break;
            s.replace(colon + 1, end - colon, values[pick(values.size())]);
            break;
        }
        case 5: {  // an added field, perhaps a duplicate of a known one
            const auto brace = s.rfind('}');
            if (brace == std::string::npos) break;
            s.insert(brace, ",\"" + keys[pick(keys.size())] + "\":" + values[pick(values.size())]);
            break;
        }
        case 6: {  // a character of a key or value written as a \u escape
            const auto i = pos();
            const auto q = s.find('"', i);
            if (q == std::string::npos || q + 1 >= s.size()) break;
            const unsigned char c = static_cast<unsigned char>(s[q + 1]);
            if (c == '"' || c == '\\' || c >= 0x80) break;
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04X", c);
            s.replace(q + 1, 1, buf);
            break;
        }
        case 7: s.resize(pick(s.size() + 1)); break;
        case 8: {  // a known field's value changed to a near miss
            const auto at = s.find("\"at\":\"");
            if (at == std::string::npos) break;
            const auto i = at + 6 + pick(20);
            if (i < s.size()) s[i] = "0123456789-:TZ+ x"[pick(17)];
            break;
        }
        default: s += pieces[pick(pieces.size())]; break;
    }
    return s;
}

TEST(EventParser, agrees_on_thousands_of_garbled_lines) {
    const auto texts = corpus();
    std::mt19937 rng(20270301);
    std::size_t variants = 0;
    for (std::size_t i = 0; i < texts.size(); i += 3) {
        std::string s = texts[i];
        for (int round = 0; round < 8; ++round) {
            s = mutate(round % 3 == 0 ? texts[i] : s, rng);
            expect_same(s);
            if (HasFatalFailure()) return;
            ++variants;
        }
    }
    EXPECT_GT(variants, 10000u);
}

TEST(EventParser, refuses_a_due_date_outside_the_supported_years_as_check_event_does) {
    for (const char* due : {"0027-02-12", "9027-02-12", "2200-01-01", "1970-12-31T23:00:00Z"}) {
        const std::string text = std::string(R"({"type":"raise","at":"2026-12-21T10:30:00Z","dispute_id":"D-1","by":"IRO",)") +
                                 R"("child_ref":"C-1","category":"care_planning","urgency":"standard","summary":"s","due":")" + due + "\"}";
        expect_same(text);
        try {
            shared_parser().parse(text);
            ADD_FAILURE() << "accepted due " << due;
        } catch (const drp::error& e) {
            EXPECT_EQ(e.code(), drp::errc::invalid_event);
            EXPECT_NE(std::string(e.what()).find("/due: outside the supported years 1971-2199"), std::string::npos) << e.what();
        }
    }
}

TEST(EventParser, is_usable_after_a_move) {
    drp::event_parser a;
    drp::event_parser b(std::move(a));
    const std::string line = R"({"type":"resume","at":"2027-03-01T09:00:00Z","dispute_id":"D1"})";
    EXPECT_EQ(b.parse(line).dispute_id, "D1");
    EXPECT_EQ(a.parse(line).dispute_id, "D1");  // NOLINT(bugprone-use-after-move): documented as usable
}

// An event's "at", read in one pass (detail::read_instant_text), checked against libc:
// the schema's shape by hand and the instant by timegm, with a day that does not exist
// (timegm moves 30 February to March) refused. Times that differ from a valid one by a
// character, a digit or a length, and the supported years' edges.
TEST(EventParser, reads_at_as_libc_does) {
    const auto libc = [](const std::string& v) -> std::optional<drp::instant> {
        const auto digits = [&](std::size_t at, std::size_t n) {
            if (at + n > v.size()) return -1;
            int x = 0;
            for (std::size_t i = at; i < at + n; ++i) {
                if (v[i] < '0' || v[i] > '9') return -1;
                x = x * 10 + (v[i] - '0');
            }
            return x;
        };
        if (v.size() < 20) return std::nullopt;
        std::tm tm{};
        tm.tm_year = digits(0, 4) - 1900;
        tm.tm_mon = digits(5, 2) - 1;
        tm.tm_mday = digits(8, 2);
        tm.tm_hour = digits(11, 2);
        tm.tm_min = digits(14, 2);
        tm.tm_sec = digits(17, 2);
        if (tm.tm_year < -1900 || tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_hour < 0 || tm.tm_hour > 23 ||
            tm.tm_min < 0 || tm.tm_min > 59 || tm.tm_sec < 0 || tm.tm_sec > 59 || v[4] != '-' || v[7] != '-' || v[10] != 'T' ||
            v[13] != ':' || v[16] != ':')
            return std::nullopt;
        std::size_t i = 19;
        if (v[i] == '.') {
            const std::size_t start = ++i;
            while (i < v.size() && v[i] >= '0' && v[i] <= '9') ++i;
            if (i == start || i - start > 9) return std::nullopt;
        }
        long offset = 0;
        if (i < v.size() && v[i] == 'Z' && i + 1 == v.size()) {
        } else if (i < v.size() && (v[i] == '+' || v[i] == '-') && i + 6 == v.size() && v[i + 3] == ':' && digits(i + 1, 2) >= 0 &&
                   digits(i + 1, 2) <= 23 && digits(i + 4, 2) >= 0 && digits(i + 4, 2) <= 59) {
            offset = (v[i] == '-' ? -1 : 1) * (digits(i + 1, 2) * 3600L + digits(i + 4, 2) * 60L);
        } else {
            return std::nullopt;
        }
        const std::tm asked = tm;
        const time_t t = timegm(&tm);
        if (tm.tm_mday != asked.tm_mday || tm.tm_mon != asked.tm_mon) return std::nullopt;  // no such day
        return drp::instant{std::chrono::seconds{static_cast<long long>(t) - offset}};
    };
    std::vector<std::string> times = {"2025-01-07T09:13:00+00:00", "2025-06-30T23:59:59+01:00", "2024-02-29T12:00:00Z",
                                      "2025-02-29T12:00:00Z",      "2025-04-31T00:00:00Z",      "1971-01-01T00:00:00.123456789Z",
                                      "2190-12-31T23:59:59-11:30", "2025-13-01T00:00:00Z",      "2025-01-07t09:13:00Z",
                                      "2025-01-07T09:13:00z",      "2025-01-07T24:00:00Z",      "2025-01-07T09:13:60Z",
                                      "2025-01-07T09:13:00.Z",     "2025-01-07T09:13:00.1234567890Z", "2025-01-07T09:13:00+24:00",
                                      "2025-01-07T09:13:00+01:60", "2025-01-07T09:13:00+0100",  "2025-01-07 09:13:00Z"};
    std::mt19937 rng(1202);
    const std::string alphabet = "0123456789-:TZ.+ tz";
    for (int k = 0; k < 20000; ++k) {
        std::string v = times[rng() % 8];
        const int edits = 1 + static_cast<int>(rng() % 2);
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = rng() % v.size();
            switch (rng() % 3) {
                case 0: v[at] = alphabet[rng() % alphabet.size()]; break;
                case 1: v.erase(at, 1); break;
                default: v.insert(at, 1, alphabet[rng() % alphabet.size()]);
            }
        }
        times.push_back(v);
    }
    std::size_t accepted = 0;
    drp::event_parser parser;
    for (const std::string& at : times) {
        const std::string line = R"({"type":"respond","at":")" + at + R"(","dispute_id":"D-1","adequate":true})";
        const auto expected = libc(at);
        const std::int64_t year = expected ? std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(*expected)}.year().operator int() : 0;
        const bool in_years = expected && year >= 1971 && year <= 2190;
        drp::event e;
        bool ok = true;
        try {
            e = parser.parse(line);
        } catch (const drp::error& err) {
            ok = false;
            EXPECT_EQ(err.code(), drp::errc::invalid_event) << at;
            EXPECT_NE(std::string(err.what()).find("/at"), std::string::npos) << err.what();
        }
        ASSERT_EQ(ok, in_years) << at;
        if (ok) {
            ++accepted;
            EXPECT_EQ(e.at, *expected) << at;
        }
    }
    EXPECT_GT(accepted, 500u);
}

}  // namespace
