// Schema patterns: the automaton answers as std::regex does, on the built-in schemas'
// patterns, on the corners of libstdc++'s reading, and on generated patterns and subjects.
#include "json/schema_internal.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace {

namespace jd = drp::json::detail;

struct both {
    jd::pattern fast, slow;
};

std::optional<both> compile_both(const std::string& source) {
    auto fast = jd::compile_pattern(source);
    auto slow = jd::compile_pattern(source, false);
    EXPECT_EQ(fast.index(), slow.index()) << source;
    if (fast.index() != 0 || slow.index() != 0) return std::nullopt;
    return both{std::get<jd::pattern>(std::move(fast)), std::get<jd::pattern>(std::move(slow))};
}

const std::vector<std::string>& subjects() {
    static const std::vector<std::string> s = {
        "", "a", "abc", "x-", "x-y", "ax-", "X-", "merton", "ir1_response", "IR1", "a_b", "a__b", "_a", "a-b-c", "a--b",
        "2025-01-31", "2025-13-01", "23:59", "24:00", "1.2.3", "1.2.3-rc.1+build.5", "01.2.3", "https://x.org/a",
        "http://", "https://a b", " lead", "trail ", "mid dle", "\t", "a\nb", "\r", "\xe2\x80\xa8", "\xc2\xa0",
        "\xe3\x80\x80", "caf\xc3\xa9", "\xff", "a\xffz", std::string("\0", 1), "[", "]", "a]", "-", ".", "\\", "{", "}",
        "\xc2\x85", "\xef\xbb\xbf", "\xf0\x9f\x98\x80", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
    };
    return s;
}

void expect_same(const std::string& source, const std::vector<std::string>& subjects, int* automata = nullptr) {
    const auto p = compile_both(source);
    if (!p) return;
    if (automata && p->fast.automaton) ++*automata;
    for (const auto& s : subjects)
        EXPECT_EQ(jd::matches(p->fast, s), jd::matches(p->slow, s)) << "pattern " << source << " on \"" << s << "\"";
}

TEST(SchemaPatterns, TheBuiltInSchemasPatternsRunAsAutomataAndAnswerAsStdRegex) {
    for (const std::string source : {
             "^x-", "^[a-z][a-z0-9]*(_[a-z0-9]+)*$", "^https?://[^\\s]+$", "^[a-z][a-z0-9]*(-[a-z0-9]+)*$",
             "^[^\\s\\u0000-\\u001F\\u007F-\\u009F]([^\\u0000-\\u001F\\u007F-\\u009F]*[^\\s\\u0000-\\u001F\\u007F-\\u009F])?$",
             "^[A-Za-z][A-Za-z0-9_]*$", "^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$",
             "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", "^([01][0-9]|2[0-3]):[0-5][0-9]$",
             "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?$"}) {
        const auto p = compile_both(source);
        ASSERT_TRUE(p) << source;
        EXPECT_TRUE(p->fast.automaton) << source;
        expect_same(source, subjects());
    }
}

TEST(SchemaPatterns, LibstdcxxCornersAnswerTheSame) {
    for (const std::string source : {
             "", "a", "a|", "|", "()", "(?:)", "a{0}", "a{2}", "a{2,}", "a{1,3}b", "[]", "[^]", "[-a]", "[a-]", "[a\\-z]",
             "[--/]", "[a-c-e]", "[\\d-]", "[\\w.]", "[^\\W]", "[\\S\\s]", "[^\\s]", "\\D\\S\\W", ".", "a.c", "^$", "$^", "a$b",
             "^a|b$", "(^a|b)c", "]", "}", "a]", "\\]", "\\}", "\\/", "\\-", "\\x41", "\\u00e9", "[\\u00e0-\\u00ff]", "\\0",
             "[\\b]", "\\t\\n", "[\\[]", "caf\xc3\xa9", "\xe2\x80\xa8", "[\xc3\xa0-\xc3\xbf]+", "x*", "x+y?", "(ab)+$",
             "^(a|ab)(c|bcd)(d*)$", "\\.", "\\\\", "\\$", "\\^", "(a)(b)(c)", "^.{3}$", "^.{0,2}$",
             // left to std::regex: the answers must still be the same
             "a*?", "a{1,2}?", "a**", "(a*)*", "(a?)+", "(|a)*", "(?=a)a", "(?!b).", "(a)\\1", "\\bword\\b", "\\Bx",
             "a{70}", "[[:alpha:]]", "(((((((((((((((((((((((((((((((((((a)))))))))))))))))))))))))))))))))))"})
        expect_same(source, subjects());
}

// Generated patterns from the constructs the automaton models (and some it leaves to
// std::regex), on generated subjects.
class pattern_maker {
public:
    explicit pattern_maker(unsigned seed) : rng_(seed) {}

    std::string pattern() { return disjunction(0); }

    std::string subject() {
        static const std::vector<std::string> pieces = {"a", "b", "c", "A", "0", "9", "-", "_", ".", " ", "\t", "\n", "\r",
                                                        "\xc3\xa9", "\xe2\x80\xa8", "\xc2\xa0", "[", "]", "\xff", "x", "/"};
        std::string s;
        for (int n = pick(9); n > 0; --n) s += pieces[static_cast<std::size_t>(pick(static_cast<int>(pieces.size())))];
        return s;
    }

private:
    std::mt19937 rng_;
    int pick(int n) { return static_cast<int>(rng_() % static_cast<unsigned>(n)); }

    std::string disjunction(int depth) {
        std::string s = alternative(depth);
        while (pick(5) == 0) s += "|" + alternative(depth);
        return s;
    }
    std::string alternative(int depth) {
        std::string s;
        for (int n = 1 + pick(4); n > 0; --n) s += term(depth);
        return s;
    }
    std::string term(int depth) {
        switch (pick(12)) {
            case 0: return "^";
            case 1: return "$";
            default: return atom(depth) + quantifier();
        }
    }
    std::string quantifier() {
        static const char* const q[] = {"", "", "", "*", "+", "?", "{2}", "{1,}", "{0,2}", "{1,3}", "*?", "+"};
        return q[pick(12)];
    }
    std::string single() {
        static const char* const c[] = {"a", "b", "c", "-", "_", "\\.", "\\-", "\\x61", "\\u00e9", "\xc3\xa9", "\\t", " ", "/", "]"};
        return c[pick(14)];
    }
    std::string atom(int depth) {
        switch (pick(10)) {
            case 0: return ".";
            case 1: {
                static const char* const k[] = {"\\d", "\\D", "\\w", "\\W", "\\s", "\\S"};
                return k[pick(6)];
            }
            case 2: case 3: return bracket();
            case 4: return depth < 3 ? (pick(2) ? "(" : "(?:") + disjunction(depth + 1) + ")" : single();
            default: return single();
        }
    }
    std::string bracket() {
        std::string s = pick(3) == 0 ? "[^" : "[";
        for (int n = pick(4); n > 0; --n) {
            switch (pick(6)) {
                case 0: s += "a-c"; break;
                case 1: s += "\\u00e0-\\u00ff"; break;
                case 2: {
                    static const char* const k[] = {"\\d", "\\D", "\\w", "\\W", "\\s", "\\S"};
                    s += k[pick(6)];
                    break;
                }
                case 3: s += "-"; break;
                default: {
                    const std::string c = single();
                    s += c == "]" ? "\\]" : c;
                }
            }
        }
        return s + "]";
    }
};

TEST(SchemaPatterns, GeneratedPatternsAnswerAsStdRegexOnGeneratedSubjects) {
    pattern_maker make(20250814);
    int automata = 0;
    for (int i = 0; i < 1500; ++i) {
        const std::string source = make.pattern();
        std::vector<std::string> s = subjects();
        for (int k = 0; k < 24; ++k) s.push_back(make.subject());
        expect_same(source, s, &automata);
        if (::testing::Test::HasFailure()) break;
    }
    EXPECT_GT(automata, 700);  // most generated patterns exercise the automaton
}

}  // namespace
