// "a raise event", "an escalate event": the indefinite article for a word in a message.
#pragma once

#include <string>
#include <string_view>

namespace drp::detail {

/// The word with "a " or "an " before it, by its first letter (the event types and
/// field names messages name are all pronounced as spelt: "an extend", "a referral").
inline std::string with_article(std::string_view word) {
    const bool vowel = !word.empty() && std::string_view("aeiouAEIOU").find(word.front()) != std::string_view::npos;
    return (vowel ? "an " : "a ") + std::string(word);
}

}  // namespace drp::detail
