// The strict JSON reader (json/strict_parse.hpp) and checked input/output
// (common/input.hpp, common/output.hpp): the rules every surface reads by, tested where
// they are written. The CLI, C API and Python tests (tests/python/test_hostile_input.py)
// check that each surface uses them.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "common/input.hpp"
#include "common/output.hpp"
#include "drp/dispute.hpp"
#include "drp/error.hpp"
#include "drp/event.hpp"
#include "drp/policy.hpp"
#include "json/strict_parse.hpp"

namespace {

using drp::detail::parse_strict;



std::string refusal(std::string_view text) {
    try {
        (void)parse_strict(text, "event");
    } catch (const drp::error& e) {
        EXPECT_EQ(e.code(), drp::errc::invalid_json) << e.what();
        return e.what();
    }
    ADD_FAILURE() << "accepted: " << text;
    return {};
}

TEST(StrictJson, ErrorsNameThePlaceAndNeverQuoteTheText) {
    const std::string cases[] = {
        std::string(R"({"type":"raise","summary":"SECRET-7731 )") + "\xff" + R"("})",  // invalid UTF-8
        std::string(R"({"type":"raise","summary":"SECRET-7731)") + "\x01" + R"("})",   // raw control character
        R"({"type":"raise","summary":"SECRET-7731\ud800"})",                           // lone surrogate
        R"({"type":"raise"} SECRET-7731)",                                              // garbage after the object
        R"({"type":"raise","summary":"SECRET-7731'; expected end of input)" "\x02" R"("})",  // a forged tail
        R"({"summary":SECRET-7731})",                                                   // an unquoted word
        R"({"summary":"SECRET-7731)",                                                    // cut short
    };
    for (const auto& text : cases) {
        const auto message = refusal(text);
        EXPECT_EQ(message.find("SECRET"), std::string::npos) << message;
        EXPECT_EQ(message.find("7731"), std::string::npos) << message;
        EXPECT_NE(message.find("line 1, column "), std::string::npos) << message;
    }
    // The reason is kept: a reader learns what is wrong without seeing the text.
    EXPECT_NE(refusal(cases[0]).find("ill-formed UTF-8 byte"), std::string::npos);
    EXPECT_NE(refusal(cases[1]).find("control character U+0001"), std::string::npos);
    EXPECT_NE(refusal(cases[2]).find("surrogate"), std::string::npos);
    EXPECT_NE(refusal(cases[3]).find("expected end of input"), std::string::npos);
}

TEST(StrictJson, ColumnsCountCharactersOnTheRightLine) {
    const auto message = refusal("{\n  \"note\": \"é\x01\"}");
    EXPECT_NE(message.find("line 2, column 13"), std::string::npos) << message;
}

TEST(StrictJson, RepeatedKeysAreRefusedWithTheirPointer) {
    const auto top = refusal(R"({"type":"raise","at":"2027-01-04T09:00:00Z","type":"withdraw"})");
    EXPECT_NE(top.find("duplicate key \"type\" at /type"), std::string::npos) << top;
    const auto nested = refusal(R"({"history":[{"a":1},{"b":1,"b":2}]})");
    EXPECT_NE(nested.find("at /history/1/b"), std::string::npos) << nested;
    // Same key in two different objects is fine.
    EXPECT_NO_THROW((void)parse_strict(R"({"a":{"k":1},"b":{"k":2}})", "x"));
}

TEST(StrictJson, NulBytesAreRefusedWhereverTheyAre) {
    using namespace std::string_literals;
    for (const auto& text : {R"({"type":"raise"})"s + "\0"s + R"({"type":"withdraw"})"s, R"({"note":"a)"s + "\0"s + R"(b"})"s}) {
        const auto message = refusal(text);
        EXPECT_NE(message.find("NUL byte"), std::string::npos) << message;
    }
}

TEST(StrictJson, NestingIsBounded) {
    const std::string deep = std::string(100, '[') + std::string(100, ']');
    EXPECT_NE(refusal(deep).find("nesting deeper than 64"), std::string::npos);
    const std::string fine = std::string(60, '[') + std::string(60, ']');
    EXPECT_NO_THROW((void)parse_strict(fine, "x"));
}

TEST(StrictJson, ReadsWhatNlohmannReads) {
    const std::string text = R"({"a":[1,-2,3.5,true,null,"x\u00e9"],"b":{"c":{}},"d":18446744073709551615})";
    EXPECT_EQ(parse_strict(text, "x"), nlohmann::json::parse(text));
}

TEST(StrictJson, EventParsersBothRefuseDuplicatesAndNul) {
    const std::string raise = R"({"type":"raise","at":"2027-01-04T09:00:00Z","dispute_id":"D-1","child_ref":"C","category":"drift_delay","urgency":"standard","summary":"s")";
    for (const auto& text : {raise + R"(,"type":"withdraw"})", raise + "}" + std::string(1, '\0') + "x"}) {
        drp::event_parser parser;
        try {
            (void)parser.parse(text);
            ADD_FAILURE() << "accepted";
        } catch (const drp::error& e) {
            EXPECT_EQ(e.code(), drp::errc::invalid_json) << e.what();
        }
    }
}

// ---- refusals name the dispute, the event's index and type -------------------------------

TEST(Refusals, NameTheDisputeTheIndexAndTheType) {
    drp::dispute d(drp::builtin_policy("merton"));
    d.apply_json(R"({"type":"raise","at":"2027-01-04T09:00:00Z","dispute_id":"D-1","child_ref":"SECRET-7731","category":"drift_delay","urgency":"standard","summary":"SECRET-7731 summary","start_stage":"IR1","start_reason":"SECRET-7731 reason"})");
    try {
        d.apply_json(R"({"type":"escalate","at":"2027-01-05T09:00:00Z","dispute_id":"D-1","reason":"no_response"})");
        FAIL();
    } catch (const drp::error& e) {
        const std::string m = e.what();
        EXPECT_EQ(e.code(), drp::errc::not_permitted);
        EXPECT_EQ(m.rfind("[drp.not_permitted] dispute D-1, event 1 (escalate): ", 0), 0u) << m;
    }
    try {
        d.apply_json(R"({"type":"escalate","type":"respond"})");
        FAIL();
    } catch (const drp::error& e) {
        const std::string m = e.what();
        EXPECT_EQ(m.rfind("[drp.invalid_json] dispute D-1, event 1: event is not valid JSON: duplicate key", 0), 0u) << m;
    }
    try {
        d.apply_json(R"({"type":"mystery","at":"2027-01-05T09:00:00Z","dispute_id":"D-1"})");
        FAIL();
    } catch (const drp::error& e) {
        const std::string m = e.what();
        EXPECT_EQ(m.rfind("[drp.invalid_event] dispute D-1, event 1: ", 0), 0u) << m;
        EXPECT_EQ(m.find("SECRET"), std::string::npos) << m;
    }
    EXPECT_EQ(d.history().size(), 1u);
}

TEST(Refusals, AsOfBeforeTheLastEventIsOutOfOrder) {
    drp::dispute d(drp::builtin_policy("merton"));
    d.apply_json(R"({"type":"raise","at":"2027-01-04T09:00:00Z","dispute_id":"D-1","child_ref":"C","category":"drift_delay","urgency":"standard","summary":"s","start_stage":"IR1","start_reason":"r"})");
    const auto before = drp::parse_rfc3339("2027-01-04T08:59:59Z");
    for (auto call : {+[](const drp::dispute& x, drp::instant t) { (void)x.to_json(t); },
                      +[](const drp::dispute& x, drp::instant t) { (void)x.allowed_next(t); }}) {
        try {
            call(d, before);
            FAIL();
        } catch (const drp::error& e) {
            EXPECT_EQ(e.code(), drp::errc::out_of_order) << e.what();
            EXPECT_NE(std::string(e.what()).find("dispute D-1"), std::string::npos);
        }
    }
    EXPECT_NO_THROW((void)d.to_json(drp::parse_rfc3339("2027-01-04T09:00:00Z")));
}

TEST(Refusals, StateWithAnAsOfThatIsNotAnInstantIsRefused) {
    const auto p = drp::builtin_policy("merton");
    drp::dispute d(p);
    d.apply_json(R"({"type":"raise","at":"2027-01-04T09:00:00Z","dispute_id":"D-1","child_ref":"C","category":"drift_delay","urgency":"standard","summary":"s","start_stage":"IR1","start_reason":"r"})");
    auto state = d.to_json(drp::parse_rfc3339("2027-01-05T09:00:00Z"));
    EXPECT_NO_THROW((void)drp::dispute::from_json(p, state));
    for (const nlohmann::json& bad : {nlohmann::json("yesterday"), nlohmann::json(42), nlohmann::json("2027-01-05")}) {
        state["as_of"] = bad;
        try {
            (void)drp::dispute::from_json(p, state);
            FAIL() << bad;
        } catch (const drp::error& e) {
            EXPECT_EQ(e.code(), drp::errc::schema);
            EXPECT_NE(std::string(e.what()).find("/as_of"), std::string::npos) << e.what();
        }
    }
}

TEST(Refusals, AStateNestedThousandsDeepIsRefusedNotAStackOverflow) {
    const auto p = drp::builtin_policy("merton");
    nlohmann::json state = {{"policy", {{"id", "merton"}, {"version", p.version()}}}, {"history", nlohmann::json::array()}};
    nlohmann::json* deepest = &state["x"];
    for (int i = 0; i < 20000; ++i) deepest = &(*deepest)["a"];  // built in place: no recursion
    *deepest = 1;
    try {
        (void)drp::dispute::from_json(p, state);
        FAIL();
    } catch (const drp::error& e) {
        EXPECT_EQ(e.code(), drp::errc::schema);
        EXPECT_NE(std::string(e.what()).find("nesting deeper than 64"), std::string::npos) << e.what();
    }
}

// ---- checked input ------------------------------------------------------------------------

struct temp_dir {
    std::filesystem::path path = std::filesystem::temp_directory_path() / ("drp-io-test-" + std::to_string(::getpid()));
    temp_dir() { std::filesystem::create_directories(path); }
    ~temp_dir() { std::filesystem::remove_all(path); }
    std::string file(const std::string& name, const std::string& text) const {
        const auto p = (path / name).string();
        std::ofstream(p, std::ios::binary) << text;
        return p;
    }
};

int os_error_of(const std::string& path) {
    try {
        (void)drp::detail::open_input(path, "log");
    } catch (const drp::io_error& e) {
        return e.os_error();
    }
    return -1;
}

TEST(CheckedInput, SaysWhatAPathIsWhenItIsNotAFile) {
    temp_dir dir;
    try {
        (void)drp::detail::open_input(dir.path.string(), "log");
        FAIL();
    } catch (const drp::io_error& e) {
        EXPECT_NE(std::string(e.what()).find("it is a directory"), std::string::npos) << e.what();
        EXPECT_EQ(e.os_error(), EISDIR);
    }
    try {
        (void)drp::detail::open_input("/dev/zero", "log");
        FAIL();
    } catch (const drp::io_error& e) {
        EXPECT_NE(std::string(e.what()).find("it is a device"), std::string::npos) << e.what();
    }
    EXPECT_EQ(os_error_of((dir.path / "missing.jsonl").string()), ENOENT);
    const auto fifo = (dir.path / "fifo").string();
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    try {
        (void)drp::detail::open_input(fifo, "log");  // must not hang waiting for a writer
        FAIL();
    } catch (const drp::io_error& e) {
        EXPECT_NE(std::string(e.what()).find("it is a pipe"), std::string::npos) << e.what();
    }
    EXPECT_THROW((void)drp::load_policy_file(dir.path.string()), drp::io_error);
}

TEST(CheckedInput, LinesAreBoundedAndCounted) {
    temp_dir dir;
    const auto path = dir.file("log.jsonl", "one\r\ntwo\n\nthree-without-newline");
    auto source = drp::detail::open_input(path);
    drp::detail::line_reader lines(*source);
    std::string line;
    std::vector<std::pair<std::size_t, std::string>> got;
    while (lines.next(line)) got.emplace_back(lines.number(), line);
    const std::vector<std::pair<std::size_t, std::string>> want{{1, "one\r"}, {2, "two"}, {3, ""}, {4, "three-without-newline"}};
    EXPECT_EQ(got, want);

    const auto long_path = dir.file("long.jsonl", "short\n" + std::string(300000, 'x') + "\nafter\n");
    auto long_source = drp::detail::open_input(long_path);
    drp::detail::line_reader bounded(*long_source, 200000);
    ASSERT_TRUE(bounded.next(line));
    try {
        (void)bounded.next(line);
        FAIL();
    } catch (const drp::error& e) {
        EXPECT_EQ(e.code(), drp::errc::out_of_range);
        EXPECT_NE(std::string(e.what()).find(long_path + " line 2: longer than 200000 bytes"), std::string::npos) << e.what();
    }
}

TEST(CheckedInput, AFailedReadIsAnErrorNotTheEnd) {
    // /proc/self/mem is a regular file whose first page cannot be read (EIO).
    auto source = drp::detail::open_input("/proc/self/mem");
    drp::detail::line_reader lines(*source);
    std::string line;
    try {
        (void)lines.next(line);
        FAIL();
    } catch (const drp::io_error& e) {
        EXPECT_NE(std::string(e.what()).find("error reading /proc/self/mem"), std::string::npos) << e.what();
    }
    // A C++ stream that goes bad part-way is an error too.
    std::stringstream in("{}\n{}\n");
    in.setstate(std::ios::badbit);
    auto stream = drp::detail::stream_input(in, "the log");
    drp::detail::line_reader stream_lines(*stream);
    EXPECT_THROW((void)stream_lines.next(line), drp::io_error);
}

TEST(CheckedInput, WholeFilesAreBounded) {
    temp_dir dir;
    const auto path = dir.file("p.json", std::string(5000, ' '));
    EXPECT_EQ(drp::detail::read_file(path, 5000).size(), 5000u);
    try {
        (void)drp::detail::read_file(path, 4999, "policy file");
        FAIL();
    } catch (const drp::error& e) {
        EXPECT_EQ(e.code(), drp::errc::out_of_range);
    }
}

// ---- checked output -----------------------------------------------------------------------

TEST(CheckedOutput, AFileAppearsWholeOrNotAtAll) {
    temp_dir dir;
    const auto target = dir.file("report.json", "the previous report");
    {
        drp::detail::output_file out(target);
        out.write("half a new rep");
        // destroyed without commit(): a failure part-way
    }
    std::ifstream in(target);
    std::string kept((std::istreambuf_iterator<char>(in)), {});
    EXPECT_EQ(kept, "the previous report");
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path)) files += entry.is_regular_file();
    EXPECT_EQ(files, 1u);  // no temporary left behind

    drp::detail::write_output(target, "the new report");
    std::ifstream again(target);
    EXPECT_EQ(std::string((std::istreambuf_iterator<char>(again)), {}), "the new report");
}

TEST(CheckedOutput, AFullDeviceIsAnError) {
    try {
        drp::detail::write_output("/dev/full", "text");
        FAIL();
    } catch (const drp::io_error& e) {
        EXPECT_EQ(e.os_error(), ENOSPC) << e.what();
    }
    struct stat st {};
    ASSERT_EQ(::stat("/dev/full", &st), 0);
    EXPECT_TRUE(S_ISCHR(st.st_mode));  // written to, never replaced
}

}  // namespace
