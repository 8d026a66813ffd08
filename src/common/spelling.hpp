// "Did you mean ...?": the closest of a few known words to a misspelt one, by
// Damerau-Levenshtein distance (a swap of two neighbours counts as one edit).
#pragma once

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drp::detail {

/// Optimal-string-alignment distance, ASCII case folded.
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
    auto fold = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
    for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
    for (std::size_t i = 1; i <= n; ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= m; ++j) {
            const std::size_t cost = fold(a[i - 1]) == fold(b[j - 1]) ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
            if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1]))
                cur[j] = std::min(cur[j], prev2[j - 2] + 1);
        }
        std::swap(prev2, prev);
        std::swap(prev, cur);
    }
    return prev[m];
}

/// The candidate nearest to word when it is plausibly a misspelling of it: at most one
/// edit for short words, up to a third of the word's length for longer ones. Words
/// longer than 64 bytes are not compared (nobody misspells those, and it bounds the cost).
template <class Range>
std::optional<std::string> closest_match(std::string_view word, const Range& candidates) {
    if (word.empty() || word.size() > 64) return std::nullopt;
    const std::size_t allowed = std::max<std::size_t>(1, word.size() / 3);
    std::optional<std::string> best;
    std::size_t best_distance = allowed + 1;
    for (const auto& candidate : candidates) {
        const std::string_view c(candidate);
        if (c == word || c.size() > 64) continue;
        const std::size_t d = edit_distance(word, c);
        if (d < best_distance) {
            best_distance = d;
            best = std::string(c);
        }
    }
    return best;
}

}  // namespace drp::detail
