// ECMAScript patterns ("pattern", "patternProperties") as std::regex runs them: over code
// points, as a search, with ECMAScript's \s (the traits in schema_internal.hpp), and with
// what std::regex would read differently refused by name rather than answered wrongly.
#include "json/schema_internal.hpp"

#include "json/utf8.hpp"

namespace drp::json::detail {

namespace {

ecma_regex make_regex(const std::wstring& source) {
    auto flags = std::regex_constants::ECMAScript | std::regex_constants::nosubs;
#if defined(__GLIBCXX__)
    // libstdc++'s breadth-first executor: polynomial time and stack depth independent of
    // the subject's length (the default depth-first one recurses once per character).
    flags |= std::regex_constants::__polynomial;
#endif
    // The classic locale whatever the host set globally: \w and \d stay ASCII.
    ecma_regex re;
    re.imbue(std::locale::classic());
    re.assign(source, flags);
    return re;
}

// What std::regex would read differently from ECMAScript, made to read the same or
// refused: "[" inside a class is a literal to ECMAScript but opens a POSIX class
// ("[[:alpha:]]") to std::regex, so it is escaped; "\cX" (a control character) std::regex
// compiles and never matches, and "\p{...}" it lacks, so both are refused by name.
// Returns the refusal, or "" (and the translated source in out).
std::string to_std_regex(const std::wstring& source, std::wstring& out) {
    out.clear();
    bool in_class = false;
    for (std::size_t i = 0; i < source.size(); ++i) {
        const wchar_t c = source[i];
        if (c == L'\\' && i + 1 < source.size()) {
            const wchar_t e = source[++i];
            if (e == L'c') {
                const wchar_t letter = i + 1 < source.size() ? source[i + 1] : L'\0';
                if ((letter >= L'A' && letter <= L'Z') || (letter >= L'a' && letter <= L'z')) {
                    static constexpr char hex[] = "0123456789ABCDEF";
                    const int code = static_cast<int>(letter) % 32;
                    return std::string("it uses the control-character escape \\c") + static_cast<char>(letter) +
                           ", which std::regex cannot match; write \\x" + hex[code / 16] + hex[code % 16] + " instead";
                }
                return "it uses \\c without a control letter; write \\\\c for a backslash and a c";
            }
            if (e == L'p' || e == L'P')
                return std::string("it uses a Unicode property escape (\\") + static_cast<char>(e) +
                       "{...}), which std::regex does not have; list the characters in a class instead";
            out += c;
            out += e;
        } else if (in_class && c == L'[') {
            out += L"\\[";
        } else {
            in_class = c == L'[' || (in_class && c != L']');
            out += c;
        }
    }
    return {};
}

}  // namespace

const ecma_regex_traits& classic_traits() {
    static const ecma_regex_traits traits = [] {
        ecma_regex_traits t;
        t.imbue(std::locale::classic());
        return t;
    }();
    return traits;
}

std::variant<pattern, std::string> compile_pattern(const std::string& source, bool use_automaton) {
    std::wstring wide;
    if (const auto refused = to_std_regex(widen_utf8<wchar_t>(source), wide); !refused.empty())
        return "the pattern " + quote(source) + " is refused: " + refused;
    try {
        (void)make_regex(wide);
        if (auto automaton = use_automaton ? pattern_automaton::build(wide) : std::nullopt) return pattern{source, std::move(automaton), {}};
        // A search as a full match: the same assertions (^ $ \b) see the whole subject,
        // and one pass over it suffices.
        return pattern{source, std::nullopt, make_regex(L"[\\s\\S]*(?:" + wide + L")[\\s\\S]*")};
    } catch (const std::regex_error& e) {
        return "the pattern " + quote(source) + " is not an ECMAScript regular expression std::regex accepts (" + e.what() +
               "); back-references, look-behind and named groups are not supported";
    }
}

bool matches(const pattern& p, std::string_view subject) {
    if (p.automaton) return p.automaton->search(subject);
    try {
        return std::regex_match(widen_utf8<wchar_t>(subject), p.search);
    } catch (const std::regex_error&) {
        return false;  // too complex to decide: treat as not matching
    }
}

}  // namespace drp::json::detail
