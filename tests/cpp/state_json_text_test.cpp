// The state and actions written as text (dispute::to_json_text, actions_json_text, the
// text writer) are the bytes nlohmann's dump() gives for to_json() and actions_json():
// for every state the example logs reach under each seed policy, and for text with
// escapes, non-ASCII and bytes that are not UTF-8.
#include "drp/dispute.hpp"
#include "drp/error.hpp"
#include "drp/policy.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "json/dom_builder.hpp"
#include "json/text_writer.hpp"
#include "seed_params.hpp"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using drp::detail::invalid_utf8;
using drp::detail::json_text_writer;

std::vector<std::string> lines_of(const fs::path& path) {
    std::ifstream in(path);
    std::vector<std::string> out;
    for (std::string line; std::getline(in, line);)
        if (line.find_first_not_of(" \t\r") != std::string::npos) out.push_back(line);
    return out;
}

std::string replaced(const json& j, int indent = -1) { return j.dump(indent, ' ', false, json::error_handler_t::replace); }

// Every state and every event's actions along a log, at indent -1 and 2, with and without
// an as_of (a week after the event: some deadlines overdue).
void expect_text_is_dump_along(const drp::policy& p, const fs::path& log) {
    const auto lines = lines_of(log);
    ASSERT_FALSE(lines.empty()) << log;
    std::map<std::string, drp::dispute> disputes;
    std::size_t states = 0;
    for (std::size_t n = 0; n < lines.size(); ++n) {
        const drp::event e = drp::parse_event(std::string_view(lines[n]));
        auto& d = disputes.try_emplace(e.dispute_id, p).first->second;
        const auto actions = d.apply(e);
        for (const int indent : {-1, 2}) {
            ASSERT_EQ(d.actions_json_text(actions, indent), d.actions_json(actions).dump(indent)) << log << ":" << n + 1;
            for (const std::optional<drp::instant> as_of : {std::optional<drp::instant>(), std::optional(e.at + std::chrono::hours(24 * 7))}) {
                ASSERT_EQ(d.to_json_text(as_of, indent), d.to_json(as_of).dump(indent)) << log << ":" << n + 1 << " indent " << indent;
                ++states;
            }
        }
    }
    EXPECT_GT(states, lines.size());
}

class StateText : public testing::TestWithParam<std::string> {};

TEST_P(StateText, IsTheDumpOfEveryStateOfTheYearAndTheExampleLog) {
    const auto p = drp::builtin_policy(GetParam());
    expect_text_is_dump_along(p, fs::path(DRP_SOURCE_DIR) / "examples" / "year" / (GetParam() + ".jsonl"));
    expect_text_is_dump_along(p, fs::path(DRP_SOURCE_DIR) / "examples" / "events" / (GetParam() + ".jsonl"));
}

INSTANTIATE_TEST_SUITE_P(Seeds, StateText, seed_params::all(), seed_params::name);

TEST(StateText, IsTheDumpOfTheFixtureStatesHistory) {
    const auto p = drp::builtin_policy("merton");
    for (const auto& entry : fs::directory_iterator(fs::path(DRP_SOURCE_DIR) / "tests" / "fixtures" / "states")) {
        std::ifstream in(entry.path());
        const json stored = json::parse(in);  // (named: a range-for over a temporary's member dangles)
        drp::dispute d(p);  // its history replayed (the fixture may be a stored state the engine refuses)
        for (const auto& e : stored.at("history")) d.apply(e);
        for (const int indent : {-1, 0, 2, 4}) EXPECT_EQ(d.to_json_text(std::nullopt, indent), d.to_json().dump(indent)) << entry.path();
    }
}

TEST(StateText, OfADisputeNotRaisedIsTheDump) {
    const drp::dispute d(drp::builtin_policy("merton"));
    EXPECT_EQ(d.to_json_text(), d.to_json().dump());
    EXPECT_EQ(d.to_json_text(std::nullopt, 2), d.to_json().dump(2));
    EXPECT_EQ(d.actions_json_text({}), "[]");
}

TEST(StateText, EscapesFreeTextAndKeepsNonAsciiAsDump) {
    // Tabs and line breaks, quotes and backslashes, accents and a character beyond the BMP
    // in the texts an event may carry.
    drp::dispute d(drp::builtin_policy("merton"));
    d.apply_json(R"({"type":"raise","at":"2026-12-21T10:00:00Z","dispute_id":"D-é\"1\\","by":"IRO","child_ref":"C-ü1",)"
                 R"("category":"care_planning","urgency":"standard","due":"2027-01-20","summary":"Line one\nline two\ttabbed \"quoted\" back\\slash ✓ 𝄞",)"
                 R"("note":"\r\n carriage")"
                 R"(})");
    for (const int indent : {-1, 2}) {
        const std::string text = d.to_json_text(drp::parse_rfc3339("2027-02-01T09:00:00Z"), indent);
        EXPECT_EQ(text, d.to_json(drp::parse_rfc3339("2027-02-01T09:00:00Z")).dump(indent));
        EXPECT_NE(text.find(R"("Line one\nline two\ttabbed \"quoted\" back\\slash ✓ 𝄞")"), std::string::npos) << text;
    }
}

TEST(StateText, OfAnAsOfBeforeTheLastEventIsOutOfOrder) {
    drp::dispute d(drp::builtin_policy("merton"));
    d.apply_json(R"({"type":"raise","at":"2026-12-21T10:00:00Z","dispute_id":"D-1","by":"IRO","child_ref":"C-1",)"
                 R"("category":"care_planning","urgency":"standard","due":"2027-01-20","summary":"s"})");
    try {
        (void)d.to_json_text(drp::parse_rfc3339("2026-12-01T00:00:00Z"));
        FAIL() << "accepted an as_of before the last event";
    } catch (const drp::error& e) {
        EXPECT_EQ(e.code(), drp::errc::out_of_order);
    }
}

// ---- the text writer against nlohmann's serializer, string by string --------------------

std::string written(std::string_view s, invalid_utf8 bad) {
    std::string out;
    json_text_writer w(out, -1, bad);
    w.string(s);
    return out;
}

// The writer's text for s, and nlohmann's, under both handlers (strict: the same
// type_error message).
void expect_string_as_nlohmann(const std::string& s) {
    const json j = s;
    EXPECT_EQ(written(s, invalid_utf8::replace), replaced(j)) << testing::PrintToString(s);
    std::string mine, theirs;
    try {
        mine = written(s, invalid_utf8::refuse);
    } catch (const json::type_error& e) {
        mine = std::string("error ") + e.what();
    }
    try {
        theirs = j.dump();
    } catch (const json::type_error& e) {
        theirs = std::string("error ") + e.what();
    }
    EXPECT_EQ(mine, theirs) << testing::PrintToString(s);
}

TEST(JsonTextWriter, EscapesEveryControlCharacterAsDump) {
    for (int c = 0; c < 0x80; ++c) expect_string_as_nlohmann(std::string("a") + static_cast<char>(c) + "b");
    expect_string_as_nlohmann(std::string("\0\x1f\x7f", 3));
}

TEST(JsonTextWriter, WritesUtf8AsItIs) {
    for (const char* s : {"é", "€", "𝄞", "\xEF\xBF\xBD", "\xF4\x8F\xBF\xBF", "\xED\x9F\xBF", "\xEE\x80\x80", "a\xC2\x80z"})
        expect_string_as_nlohmann(s);
}

TEST(JsonTextWriter, RefusesOrReplacesTextThatIsNotUtf8AsDump) {
    for (const char* s : {"\x80", "a\xBFz", "\xC0\x80", "\xC1\xBF", "\xC2", "x\xC3", "\xC3(", "\xC3\xFF", "\xE0\x80\x80", "\xE0\x9F\xBF",
                          "\xED\xA0\x80", "\xE2\x82", "\xE2\x82(", "\xE2\x82\xE2\x82\xAC", "\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF",
                          "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xF8\x88\x80\x80\x80", "\xFE\xFF", "\xF0\x9F\x98", "\xF0\x9F\x98z\"",
                          "ok\xF0\x9F\x98\x80\xFF\n"})
        expect_string_as_nlohmann(s);
}

TEST(JsonTextWriter, AgreesWithDumpOnRandomBytes) {
    std::mt19937 random(14);
    const std::string alphabet = std::string("a\"\\\n\t\x01\x7f", 7);
    for (int round = 0; round < 20000; ++round) {
        std::string s(random() % 12, ' ');
        for (auto& c : s) {
            const unsigned pick = random() % 4;
            c = pick == 0 ? alphabet[random() % alphabet.size()] : static_cast<char>(pick == 1 ? 0x80 + random() % 0x40 : 0xC0 + random() % 0x40);
        }
        expect_string_as_nlohmann(s);
    }
}

// The same tokens to the DOM builder and the writer, at every indent: the writer's text
// is the DOM's dump().
template <class Tokens>
void expect_writer_as_dump(const Tokens& tokens) {
    drp::detail::json_dom_builder dom;
    tokens(dom);
    const json j = dom.take();
    for (const int indent : {-1, 0, 1, 2, 4}) {
        std::string text;
        json_text_writer w(text, indent);
        tokens(w);
        EXPECT_EQ(text, j.dump(indent)) << indent;
    }
}

TEST(JsonTextWriter, LaysOutContainersAsDumpAtEveryIndent) {
    // The same tokens to the DOM builder and the writer: empty and nested containers,
    // numbers at the ends of their ranges, keys that need escapes.
    const auto tokens = [](auto& out) {
        out.begin_object();
        out.key("");
        out.begin_array();
        out.end_array();
        out.key("a");
        out.begin_object();
        out.end_object();
        out.key(std::string_view("b\n"));  // not a literal key: checked and escaped as it is written
        out.begin_array();
        out.integer(std::numeric_limits<std::int64_t>::min());
        out.integer(-1);
        out.integer(0);
        out.unsigned_integer(std::numeric_limits<std::uint64_t>::max());
        out.boolean(true);
        out.boolean(false);
        out.null();
        out.begin_array();
        out.begin_object();
        out.member("x", "y");
        out.end_object();
        out.end_array();
        out.end_array();
        out.member("c", "é");
        out.end_object();
    };
    expect_writer_as_dump(tokens);
}

TEST(JsonTextWriter, AgreesWithDumpAcrossItsBufferAndDeepIndents) {
    // Enough tokens to cross the writer's 4 KB block at every offset: literal keys (moved
    // in fixed-size blocks), plain text (instants) and text with escapes, at depths whose
    // indents are longer than the writer copies in one move.
    const auto tokens = [](auto& out) {
        out.begin_array();
        out.begin_array();  // (each element of a top-level array is handed over whole)
        for (int i = 0; i < 1500; ++i) {
            out.begin_object();
            out.member("a", i);
            out.key("deadline_explanation_key");
            out.plain_string(std::string(static_cast<std::size_t>(i % 70), '7'));
            if (i % 100 == 0) {  // 40 levels deep: an indent of 160 spaces at indent 4
                for (int d = 0; d < 40; ++d) {
                    out.key("n");
                    out.begin_object();
                }
                out.member("t", "x");
                for (int d = 0; d < 40; ++d) out.end_object();
            }
            out.member("z", std::string(static_cast<std::size_t>(i % 9), '"'));
            out.end_object();
        }
        out.end_array();
        out.end_array();
    };
    expect_writer_as_dump(tokens);
}

}  // namespace
