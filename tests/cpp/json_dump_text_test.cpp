// detail::dump_text gives j.dump(indent)'s bytes without nlohmann's serializer: on random
// documents (every kind of value, doubles of every size, text with escapes and UTF-8,
// keys that need escaping, deep nesting), on every report the examples make, and with the
// same type_error 316 for text that is not UTF-8.
#include "json/dom_text.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <string>

#include "drp/policy.hpp"
#include "drp/report.hpp"

namespace {

using nlohmann::json;

json random_value(std::mt19937_64& rng, int depth) {
    const std::string alphabet[] = {"a", "Z", " ", "\"", "\\", "\n", "\t", "\x01", "\x7f", "é", "€", "𝄞", "/", "0"};
    const auto text = [&] {
        std::string s;
        for (std::size_t n = rng() % 12; n > 0; --n) s += alphabet[rng() % std::size(alphabet)];
        return s;
    };
    switch (depth > 4 ? rng() % 6 : rng() % 8) {
        case 0: return nullptr;
        case 1: return rng() % 2 == 0;
        case 2: return static_cast<std::int64_t>(rng()) >> (rng() % 64);
        case 3: return static_cast<std::uint64_t>(rng());
        case 4: {
            const double picks[] = {0.0, -0.0, 0.1, 42.4, 100.0, 1e21, 1e-7, 123456789.125, -3.5,
                                    std::numeric_limits<double>::max(), std::numeric_limits<double>::denorm_min()};
            return rng() % 2 ? picks[rng() % std::size(picks)]
                             : std::ldexp(static_cast<double>(rng() % 1000000) - 500000.0, static_cast<int>(rng() % 80) - 40);
        }
        case 5: return text();
        case 6: {
            json a = json::array();
            for (std::size_t n = rng() % 5; n > 0; --n) a.push_back(random_value(rng, depth + 1));
            return a;
        }
        default: {
            json o = json::object();
            for (std::size_t n = rng() % 5; n > 0; --n) o[text()] = random_value(rng, depth + 1);
            return o;
        }
    }
}

TEST(DumpText, AgreesWithDumpOnRandomDocumentsAtEveryIndent) {
    std::mt19937_64 rng(20261202);
    for (int round = 0; round < 3000; ++round) {
        const json j = random_value(rng, 0);
        for (const int indent : {-1, 0, 2, 4}) ASSERT_EQ(drp::detail::dump_text(j, indent), j.dump(indent)) << j.dump();
    }
}

TEST(DumpText, RefusesTextThatIsNotUtf8AsDumpDoes) {
    for (const std::string& bad : {std::string("\xff"), std::string("ok\xc3"), std::string("\xed\xa0\x80")}) {
        const json j = {{"impact", bad}};
        std::string expected;
        try {
            (void)j.dump(2);
        } catch (const json::type_error& e) {
            expected = e.what();
        }
        ASSERT_FALSE(expected.empty());
        try {
            (void)drp::detail::dump_text(j, 2);
            ADD_FAILURE() << "accepted text that is not UTF-8";
        } catch (const json::type_error& e) {
            EXPECT_EQ(e.id, 316);
            EXPECT_STREQ(e.what(), expected.c_str());
        }
    }
}

TEST(DumpText, AgreesWithDumpOnTheExampleYearsReport) {
    const drp::policy p = drp::builtin_policy("merton");
    std::ifstream in(std::string(DRP_SOURCE_DIR) + "/examples/year/merton.jsonl");
    ASSERT_TRUE(in) << "examples/year/merton.jsonl";
    std::stringstream text;
    text << in.rdbuf();
    drp::replayer r(p);
    std::string line;
    std::size_t number = 0;
    while (std::getline(text, line)) r.add_json(std::string_view(line), ++number);
    drp::report_options options;
    options.identify_children = true;
    const auto result = r.finish();
    drp::report_period period;
    period.from = drp::date{std::chrono::year{2025} / 1 / 1};
    period.to = drp::date{std::chrono::year{2025} / 12 / 31};
    period.trend_periods = 8;
    const json report = drp::period_report(p, result, period, options);
    ASSERT_GT(report.dump(2).size(), 10000u);
    EXPECT_EQ(drp::detail::dump_text(report, 2), report.dump(2));
}

}  // namespace
