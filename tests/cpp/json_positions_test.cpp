// drp::json::position_map — line:column of every value and key, so a diagnostic can say
// "policy.json:12:9" next to its JSON pointer.
#include "drp/json_positions.hpp"
#include "drp/json_schema.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <regex>

namespace {

using drp::json::position_map;
using drp::json::text_position;

// "line:column" for compact expectations.
std::string at(const std::optional<text_position>& p) {
    return p ? std::to_string(p->line) + ":" + std::to_string(p->column) : "none";
}
std::string at(const text_position& p) { return at(std::optional<text_position>(p)); }

constexpr std::string_view policy_text =
    "{\n"                                             // 1
    "  \"id\": \"merton\",\n"                         // 2
    "  \"stages\": [\n"                               // 3
    "    {\"id\": \"ir1\", \"days\": 10},\n"          // 4
    "    {\"id\": \"ir2\", \"responders\": [\"SM\", \"HOS\"]}\n"  // 5
    "  ],\n"                                          // 6
    "  \"empty\": {}, \"none\": []\n"                 // 7
    "}\n";

}  // namespace

TEST(JsonPositions, EveryValueAndKeyHasALineAndColumn) {
    const auto map = position_map::scan(policy_text);
    EXPECT_EQ(at(map.value("")), "1:1");
    EXPECT_EQ(at(map.key("")), "none");
    EXPECT_EQ(at(map.key("/id")), "2:3");
    EXPECT_EQ(at(map.value("/id")), "2:9");
    EXPECT_EQ(at(map.value("/stages")), "3:13");
    EXPECT_EQ(at(map.value("/stages/0")), "4:5");
    EXPECT_EQ(at(map.key("/stages/0")), "none");  // array elements have no key
    EXPECT_EQ(at(map.key("/stages/0/days")), "4:19");
    EXPECT_EQ(at(map.value("/stages/0/days")), "4:27");
    EXPECT_EQ(at(map.key("/stages/1/responders")), "5:19");
    EXPECT_EQ(at(map.value("/stages/1/responders/1")), "5:40");
    EXPECT_EQ(at(map.value("/empty")), "7:12");
    EXPECT_EQ(at(map.value("/none")), "7:24");
    EXPECT_EQ(map.size(), 13u);
    EXPECT_EQ(map.value("/stages/0/days")->offset, policy_text.find("10"));
}

TEST(JsonPositions, MissingPointersFallBackToTheNearestAncestor) {
    const auto map = position_map::scan(policy_text);
    EXPECT_FALSE(map.value("/stages/0/responder"));
    EXPECT_FALSE(map.value("/stages/2"));
    EXPECT_FALSE(map.value("/stages/01"));  // not an RFC 6901 array index
    EXPECT_FALSE(map.value("stages"));      // not a pointer
    EXPECT_EQ(at(map.nearest("/stages/0/responder")), "4:5");
    EXPECT_EQ(at(map.nearest("/stages/7/id")), "3:13");
    EXPECT_EQ(at(map.nearest("/nothing/at/all")), "1:1");
    EXPECT_EQ(at(map.nearest_key_or_value("/stages/1/responders")), "5:19");
    EXPECT_EQ(at(map.nearest_key_or_value("/stages/1/responders/0")), "5:34");
}

TEST(JsonPositions, KeysAreUnescapedAndPointersEscaped) {
    const std::string text = R"({"a/b": 1, "m~n": 2, "caf\u00e9": 3, "\ud83d\ude00": 4, "q\"uote": 5, "": 6, "tab\t": 7})";
    const auto map = position_map::scan(text);
    EXPECT_EQ(at(map.value("/a~1b")), "1:9");
    EXPECT_EQ(at(map.value("/m~0n")), "1:19");
    EXPECT_TRUE(map.value("/café"));
    EXPECT_TRUE(map.value("/😀"));
    EXPECT_TRUE(map.value("/q\"uote"));
    EXPECT_TRUE(map.value("/"));
    EXPECT_TRUE(map.value("/tab\t"));
    // The same pointers the validator writes.
    const auto schema = drp::json::schema::compile(nlohmann::json::parse(R"({"additionalProperties": {"type": "string"}})"));
    for (const auto& e : schema.validate(nlohmann::json::parse(text)))
        EXPECT_TRUE(map.value(e.instance_pointer)) << e.instance_pointer;
}

TEST(JsonPositions, ColumnsCountCodePointsNotBytes) {
    const std::string text = "{\"title\": \"Révision — étape\", \"n\": 1}";
    const auto map = position_map::scan(text);
    EXPECT_EQ(at(map.key("/n")), "1:31");  // "é" and "—" are one column each
    EXPECT_EQ(map.key("/n")->offset, text.find("\"n\""));
}

TEST(JsonPositions, LineEndingsByteOrderMarkAndWhitespace) {
    const auto crlf = position_map::scan("{\r\n  \"a\": 1,\r\n\t\"b\": 2\r\n}");
    EXPECT_EQ(at(crlf.key("/a")), "2:3");
    EXPECT_EQ(at(crlf.value("/b")), "3:7");
    const auto bom = position_map::scan("\xEF\xBB\xBF{\"a\": 1}");
    EXPECT_EQ(at(bom.value("")), "1:1");
    EXPECT_EQ(bom.value("")->offset, 3u);
    EXPECT_EQ(at(bom.value("/a")), "1:7");
    const auto scalar = position_map::scan("  \n  42  ");
    EXPECT_EQ(at(scalar.value("")), "2:3");
}

TEST(JsonPositions, DuplicateKeysKeepTheLastLikeTheParserAndAreListed) {
    const std::string text = R"({"id": 1, "stages": [{"id": "a", "id": "b"}], "id": 2})";
    const auto map = position_map::scan(text);
    EXPECT_EQ(map.value("/id")->offset, text.rfind('2'));
    EXPECT_EQ(map.value("/stages/0/id")->offset, text.find("\"b\""));
    EXPECT_EQ(map.duplicate_keys(), (std::vector<std::string>{"/stages/0/id", "/id"}));
}

TEST(JsonPositions, DeepNestingNeedsNoRecursion) {
    constexpr std::size_t depth = 300000;
    std::string text(depth, '[');
    text += "1";
    text += std::string(depth, ']');
    const auto map = position_map::scan(text);
    EXPECT_EQ(map.size(), depth + 1);
    std::string pointer;
    for (std::size_t i = 0; i < 1000; ++i) pointer += "/0";
    EXPECT_EQ(map.value(pointer)->column, 1001u);
}

TEST(JsonPositions, MalformedTextNeverCrashes) {
    for (const char* text : {"", "{", "}", "]]]", "{\"a\"", "{\"a\":", "[1,,2]", "{\"a\" 1}", "\"unterminated", "\"\\u12",
                             "\"\\ud800\\u0041\"", "{1: 2}", "nul", "[\"\\", "{\"a\":1}}}{"}) {
        const auto map = position_map::scan(text);
        (void)map.nearest("/a/b");
    }
    std::mt19937 rng(7);
    const std::string alphabet = "{}[]:,\" \\u0a1\n\xc3\xa9tfn";
    for (int round = 0; round < 2000; ++round) {
        std::string text;
        const int length = static_cast<int>(rng() % 40);
        for (int i = 0; i < length; ++i) text += alphabet[rng() % alphabet.size()];
        const auto map = position_map::scan(text);
        (void)map.nearest("/0/a");
        (void)map.key("/a");
    }
}

TEST(JsonPositions, ParseErrorsGetTheLineAndColumnNlohmannReports) {
    for (const std::string text : {"[1,\n 2,,]", "{\"a\" 1}", "{\n\n   \"a\": tru }", "[\n\"x\"\n"}) {
        try {
            [[maybe_unused]] const auto parsed = nlohmann::json::parse(text);
            ADD_FAILURE() << text;
        } catch (const nlohmann::json::parse_error& e) {
            std::smatch m;
            const std::string what = e.what();
            ASSERT_TRUE(std::regex_search(what, m, std::regex("line ([0-9]+), column ([0-9]+)"))) << what;
            const auto p = drp::json::position_of_parse_error(text, e.byte);
            EXPECT_EQ(std::to_string(p.line) + ":" + std::to_string(p.column), m[1].str() + ":" + m[2].str()) << what;
        }
    }
}

TEST(JsonPositions, OffsetsInsideACharacterReportThatCharacter) {
    const std::string text = "\"é\"";  // é is two bytes: offsets 1 and 2
    EXPECT_EQ(drp::json::position_of_offset(text, 1).column, 2u);
    EXPECT_EQ(drp::json::position_of_offset(text, 2).column, 2u);
    EXPECT_EQ(drp::json::position_of_offset(text, 3).column, 3u);
    EXPECT_EQ(drp::json::position_of_offset(text, 99).offset, 4u);
}
