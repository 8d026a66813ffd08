// Patterns as a bit-parallel automaton, giving std::regex's answers without its executor.
//
// Why the answers are the same: with nosubs and no back-references, look-ahead or word
// boundaries, whether a pattern matches is whether the subject is in a regular language,
// whatever the executor. The parser below reads the pattern as libstdc++ 12's scanner and
// compiler do (regex_scanner.tcc, regex_compiler.tcc: ECMAScript escapes, "-" in classes,
// "]" and "}" as literals, "{n,m}" as n copies and m-n optional ones) and each character
// test asks what libstdc++'s matchers ask (_CharMatcher, _AnyMatcher, _BracketMatcher::
// _M_apply with icase and collate off), through the same traits. Whatever it does not
// model it leaves to std::regex: the constructs above, lazy and stacked quantifiers (rare,
// and libstdc++ treats them in its own ways), a repeated part that can match empty (its
// executor's empty-loop rules), "[[" forms, and more than 63 positions (one 64-bit word
// of live positions, the last bit meaning "matched"). tests/cpp/json_schema_test.cpp
// compares the two on generated patterns and subjects.
#include "json/schema_internal.hpp"

#include "json/utf8.hpp"

#include <algorithm>
#include <bit>

namespace drp::json::detail {

bool pattern_automaton::char_test::passes(wchar_t c) const {
    switch (what) {
        case kind::character: return c == character;
        case kind::any: return c != L'\n' && c != L'\r' && c != L'\u2028' && c != L'\u2029';
        case kind::bracket: break;
    }
    const auto& traits = classic_traits();
    const bool in = std::binary_search(characters.begin(), characters.end(), c) ||
                    std::any_of(ranges.begin(), ranges.end(), [c](const auto& r) { return r.first <= c && c <= r.second; }) ||
                    traits.isctype(c, classes) ||
                    std::any_of(negated_classes.begin(), negated_classes.end(), [&](ecma_class m) { return !traits.isctype(c, m); });
    return in != negated;
}

namespace {

using char_test = pattern_automaton::char_test;

struct term {
    enum class kind : std::uint8_t { empty, test, line_begin, line_end, sequence, alternation, repeat };
    kind what = kind::empty;
    int test = -1;
    std::vector<int> parts;
    long min = 0, max = 0;  // repeat; max < 0: unbounded
};

// A parse in libstdc++'s reading; ok turns false at anything left to std::regex.
class parser {
public:
    explicit parser(std::wstring_view s) : s_(s) {}

    std::vector<term> terms;
    std::vector<char_test> tests;

    int parse() {
        const int root = disjunction();
        if (i_ != s_.size()) ok_ = false;
        return ok_ ? root : -1;
    }

private:
    std::wstring_view s_;
    std::size_t i_ = 0;
    int depth_ = 0;
    bool ok_ = true;

    static constexpr long max_count = 1000;

    bool more() const { return i_ < s_.size(); }
    wchar_t peek() const { return s_[i_]; }

    int add(term t) {
        terms.push_back(std::move(t));
        return static_cast<int>(terms.size()) - 1;
    }
    int add_test(char_test t) {
        tests.push_back(std::move(t));
        return add({term::kind::test, static_cast<int>(tests.size()) - 1, {}, 0, 0});
    }
    static char_test character(wchar_t c) {
        char_test t;
        t.character = c;
        return t;
    }

    int disjunction() {
        if (++depth_ > 32) ok_ = false;
        std::vector<int> alternatives{alternative()};
        while (ok_ && more() && peek() == L'|') {
            ++i_;
            alternatives.push_back(alternative());
        }
        --depth_;
        if (alternatives.size() == 1) return alternatives[0];
        return add({term::kind::alternation, -1, std::move(alternatives), 0, 0});
    }

    int alternative() {
        std::vector<int> sequence;
        while (ok_ && more() && peek() != L'|' && peek() != L')') sequence.push_back(quantified());
        if (sequence.size() == 1) return sequence[0];
        return add({term::kind::sequence, -1, std::move(sequence), 0, 0});
    }

    static bool is_quantifier(wchar_t c) { return c == L'*' || c == L'+' || c == L'?' || c == L'{'; }

    int quantified() {
        const wchar_t c = peek();
        if (c == L'^' || c == L'$') {
            ++i_;
            if (more() && is_quantifier(peek())) ok_ = false;
            return add({c == L'^' ? term::kind::line_begin : term::kind::line_end, -1, {}, 0, 0});
        }
        const int a = atom();
        if (!ok_ || !more() || !is_quantifier(peek())) return a;
        long min = 0, max = -1;
        const wchar_t q = s_[i_++];
        if (q == L'+') min = 1;
        else if (q == L'?') max = 1;
        else if (q == L'{') {
            min = count();
            max = min;
            if (more() && peek() == L',') {
                ++i_;
                max = more() && peek() != L'}' ? count() : -1;
            }
            if (!more() || s_[i_++] != L'}' || (max >= 0 && max < min)) ok_ = false;
        }
        if (more() && is_quantifier(peek())) ok_ = false;  // lazy ("*?") or stacked ("a**")
        if (nullable(a)) ok_ = false;
        return add({term::kind::repeat, -1, {a}, min, max});
    }

    long count() {
        long v = 0;
        std::size_t digits = 0;
        while (more() && peek() >= L'0' && peek() <= L'9') {
            v = v * 10 + (s_[i_++] - L'0');
            if (v > max_count) ok_ = false;
            ++digits;
        }
        if (digits == 0) ok_ = false;
        return v;
    }

    bool nullable(int t) const {
        const term& x = terms[static_cast<std::size_t>(t)];
        switch (x.what) {
            case term::kind::test: return false;
            case term::kind::sequence:
                return std::all_of(x.parts.begin(), x.parts.end(), [this](int p) { return nullable(p); });
            case term::kind::alternation:
                return std::any_of(x.parts.begin(), x.parts.end(), [this](int p) { return nullable(p); });
            case term::kind::repeat: return x.min == 0 || nullable(x.parts[0]);
            default: return true;  // empty, ^, $
        }
    }

    int atom() {
        const wchar_t c = s_[i_++];
        switch (c) {
            case L'.': {
                char_test t;
                t.what = char_test::kind::any;
                return add_test(std::move(t));
            }
            case L'(': {
                if (more() && peek() == L'?') {
                    if (i_ + 1 < s_.size() && s_[i_ + 1] == L':') i_ += 2;
                    else ok_ = false;  // look-ahead
                }
                const int inner = ok_ ? disjunction() : -1;
                if (!ok_ || !more() || s_[i_++] != L')') ok_ = false;
                return inner;
            }
            case L'[': return bracket();
            case L'\\': {
                char_test t;
                if (escape(false, t)) return add_test(std::move(t));
                return -1;
            }
            case L'*': case L'+': case L'?': case L'{': case L')': case L'|': case L'^': case L'$':
                ok_ = false;
                return -1;
            default: return add_test(character(c));  // "]", "}", NUL and all else: themselves
        }
    }

    // After a backslash. A character escape gives a character test; \d \s \w and their
    // negations give a class test (in_bracket: the class is returned in t.classes with
    // t.negated meaning "a negated class"). Returns false for what is left to std::regex.
    bool escape(bool in_bracket, char_test& t) {
        if (!more()) return ok_ = false;
        const wchar_t e = s_[i_++];
        switch (e) {
            case L'0': t = character(L'\0'); return true;
            case L'f': t = character(L'\f'); return true;
            case L'n': t = character(L'\n'); return true;
            case L'r': t = character(L'\r'); return true;
            case L't': t = character(L'\t'); return true;
            case L'v': t = character(L'\v'); return true;
            case L'b':
                if (in_bracket) {
                    t = character(L'\b');
                    return true;
                }
                return ok_ = false;  // word boundary
            case L'B': case L'c': case L'p': case L'P': return ok_ = false;
            case L'd': case L'D': case L's': case L'S': case L'w': case L'W': {
                t = char_test{};
                t.what = char_test::kind::bracket;
                t.classes = classic_traits().lookup_classname(&e, &e + 1);
                t.negated = e == L'D' || e == L'S' || e == L'W';
                return true;
            }
            case L'x': case L'u': {
                const int digits = e == L'x' ? 2 : 4;
                wchar_t v = 0;
                for (int k = 0; k < digits; ++k) {
                    if (!more()) return ok_ = false;
                    const wchar_t h = s_[i_++];
                    const int d = h >= L'0' && h <= L'9' ? h - L'0' : h >= L'a' && h <= L'f' ? h - L'a' + 10
                                                                    : h >= L'A' && h <= L'F' ? h - L'A' + 10 : -1;
                    if (d < 0) return ok_ = false;
                    v = static_cast<wchar_t>(v * 16 + d);
                }
                t = character(v);
                return true;
            }
            default:
                if (e >= L'1' && e <= L'9') return ok_ = false;  // back-reference
                t = character(e);
                return true;
        }
    }

    // After "[": _M_insert_bracket_matcher and _M_expression_term, "-" rules included.
    int bracket() {
        char_test t;
        t.what = char_test::kind::bracket;
        if (more() && peek() == L'^') {
            t.negated = true;
            ++i_;
        }
        enum class last_kind { none, character, klass } last = last_kind::none;
        wchar_t last_char = 0;
        const auto push_char = [&](wchar_t ch) {
            if (last == last_kind::character) t.characters.push_back(last_char);
            last = last_kind::character;
            last_char = ch;
        };
        // One bracket token that is a character (ordinary, escaped, hex); false otherwise,
        // consuming nothing then.
        const auto try_char = [&](wchar_t& out) {
            if (!more()) return false;
            const wchar_t c = peek();
            if (c == L']' || c == L'-' || c == L'[') return false;
            if (c != L'\\') {
                ++i_;
                out = c;
                return true;
            }
            const std::size_t at = i_++;
            char_test e;
            if (escape(true, e) && e.what == char_test::kind::character) {
                out = e.character;
                return true;
            }
            if (ok_) i_ = at;  // a class: not a character
            return false;
        };
        for (;;) {
            if (!ok_ || !more()) return ok_ = false, -1;
            const wchar_t c = peek();
            if (c == L']') {
                ++i_;
                break;
            }
            if (c == L'[') return ok_ = false, -1;  // to_std_regex escapes it; "[[:" forms are std::regex's
            if (c == L'-') {
                ++i_;
                if (more() && peek() == L']') {
                    ++i_;
                    push_char(L'-');
                    break;
                }
                if (last == last_kind::klass) return ok_ = false, -1;
                if (last == last_kind::character) {
                    wchar_t end = 0;
                    if (try_char(end)) {
                    } else if (ok_ && more() && peek() == L'-') {
                        ++i_;
                        end = L'-';
                    } else {
                        return ok_ = false, -1;
                    }
                    if (last_char > end) return ok_ = false, -1;
                    t.ranges.emplace_back(last_char, end);
                    last = last_kind::none;
                } else {
                    push_char(L'-');
                }
                continue;
            }
            wchar_t ch = 0;
            if (try_char(ch)) {
                push_char(ch);
                continue;
            }
            if (!ok_ || c != L'\\') return ok_ = false, -1;
            ++i_;
            char_test klass;
            if (!escape(true, klass)) return -1;
            if (last == last_kind::character) t.characters.push_back(last_char);
            last = last_kind::klass;
            if (klass.negated) t.negated_classes.push_back(klass.classes);
            else t.classes |= klass.classes;
        }
        if (last == last_kind::character) t.characters.push_back(last_char);
        std::sort(t.characters.begin(), t.characters.end());
        t.characters.erase(std::unique(t.characters.begin(), t.characters.end()), t.characters.end());
        return add_test(std::move(t));
    }
};

// The terms as a Thompson automaton, built back to front: emit(t, next) is where t
// starts, given where it continues.
struct automaton_builder {
    struct state {
        enum class kind : std::uint8_t { consume, split, line_begin, line_end, accept } what;
        int a = -1, b = -1;
        int position = -1;  // consume
    };
    const std::vector<term>& terms;
    std::vector<state> states;
    std::vector<std::uint16_t> test_of;  // by position
    bool ok = true;

    static constexpr std::size_t max_positions = 63;

    int add(state s) {
        states.push_back(s);
        return static_cast<int>(states.size()) - 1;
    }

    int emit(int t, int next) {
        if (!ok) return next;
        const term& x = terms[static_cast<std::size_t>(t)];
        switch (x.what) {
            case term::kind::empty: return next;
            case term::kind::test:
                if (test_of.size() >= max_positions) {
                    ok = false;
                    return next;
                }
                test_of.push_back(static_cast<std::uint16_t>(x.test));
                return add({state::kind::consume, next, -1, static_cast<int>(test_of.size()) - 1});
            case term::kind::line_begin: return add({state::kind::line_begin, next});
            case term::kind::line_end: return add({state::kind::line_end, next});
            case term::kind::sequence:
                for (auto it = x.parts.rbegin(); it != x.parts.rend(); ++it) next = emit(*it, next);
                return next;
            case term::kind::alternation: {
                int start = emit(x.parts.back(), next);
                for (auto it = x.parts.rbegin() + 1; it != x.parts.rend(); ++it) {
                    const int first = emit(*it, next);
                    start = add({state::kind::split, first, start});
                }
                return start;
            }
            case term::kind::repeat: {
                int at = next;
                if (x.max < 0) {
                    const int loop = add({state::kind::split, -1, next});
                    const int body = emit(x.parts[0], loop);
                    states[static_cast<std::size_t>(loop)].a = body;
                    at = loop;
                } else {
                    for (long k = x.min; k < x.max && ok; ++k) at = add({state::kind::split, emit(x.parts[0], at), at});
                }
                for (long k = 0; k < x.min && ok; ++k) at = emit(x.parts[0], at);
                return at;
            }
        }
        return next;
    }

    // The positions (and "accepted") reachable from s without consuming, at a position
    // that is or is not the subject's start and end.
    std::uint64_t closure(int s, bool at_start, bool at_end, std::uint64_t accepted) const {
        std::uint64_t out = 0;
        std::vector<bool> seen(states.size());
        std::vector<int> todo{s};
        while (!todo.empty()) {
            const int i = todo.back();
            todo.pop_back();
            if (i < 0 || seen[static_cast<std::size_t>(i)]) continue;
            seen[static_cast<std::size_t>(i)] = true;
            const state& x = states[static_cast<std::size_t>(i)];
            switch (x.what) {
                case state::kind::consume: out |= std::uint64_t{1} << x.position; break;
                case state::kind::accept: out |= accepted; break;
                case state::kind::split:
                    todo.push_back(x.b);
                    todo.push_back(x.a);
                    break;
                case state::kind::line_begin:
                    if (at_start) todo.push_back(x.a);
                    break;
                case state::kind::line_end:
                    if (at_end) todo.push_back(x.a);
                    break;
            }
        }
        return out;
    }
};

}  // namespace

std::optional<pattern_automaton> pattern_automaton::build(std::wstring_view source) {
    parser p(source);
    const int root = p.parse();
    if (root < 0) return std::nullopt;
    automaton_builder b{p.terms, {}, {}, true};
    const int accept = b.add({automaton_builder::state::kind::accept});
    const int start = b.emit(root, accept);
    if (!b.ok) return std::nullopt;

    pattern_automaton a;
    a.tests_ = std::move(p.tests);
    a.test_of_ = b.test_of;
    a.follow_.resize(b.test_of.size());
    for (const auto& s : b.states) {
        if (s.what != automaton_builder::state::kind::consume) continue;
        for (int end = 0; end < 2; ++end)
            a.follow_[static_cast<std::size_t>(s.position)][static_cast<std::size_t>(end)] = b.closure(s.a, false, end != 0, accepted);
    }
    for (int at_start = 0; at_start < 2; ++at_start)
        for (int end = 0; end < 2; ++end)
            a.start_[static_cast<std::size_t>(at_start)][static_cast<std::size_t>(end)] = b.closure(start, at_start != 0, end != 0, accepted);
    for (wchar_t c = 0; c < 128; ++c)
        for (std::size_t pos = 0; pos < a.test_of_.size(); ++pos)
            if (a.tests_[a.test_of_[pos]].passes(c)) a.ascii_[static_cast<std::size_t>(c)] |= std::uint64_t{1} << pos;
    a.anchored_ = (a.start_[0][0] | a.start_[0][1]) == 0;
    return a;
}

bool pattern_automaton::search(std::string_view subject) const {
    std::uint64_t live = 0;
    std::size_t i = 0;
    bool at_start = true;
    for (;;) {
        const bool at_end = i == subject.size();
        live |= start_[at_start][at_end];
        if (live & accepted) return true;
        if (at_end || (live == 0 && anchored_)) return false;
        const auto c = static_cast<wchar_t>(decode_utf8(subject, i));
        std::uint64_t passed = 0;
        if (c >= 0 && c < 128) {
            passed = live & ascii_[static_cast<std::size_t>(c)];
        } else {
            for (std::uint64_t rest = live; rest != 0; rest &= rest - 1) {
                const int pos = std::countr_zero(rest);
                if (tests_[test_of_[static_cast<std::size_t>(pos)]].passes(c)) passed |= std::uint64_t{1} << pos;
            }
        }
        const bool next_at_end = i == subject.size();
        live = 0;
        for (; passed != 0; passed &= passed - 1) live |= follow_[static_cast<std::size_t>(std::countr_zero(passed))][next_at_end];
        at_start = false;
    }
}

}  // namespace drp::json::detail
