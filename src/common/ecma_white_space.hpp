// ECMA-262's white space: WhiteSpace and LineTerminator, the characters `\s` matches in a
// JavaScript (and so a JSON Schema) pattern and String.prototype.trim removes. One list
// for every place that must agree with the schemas: the validator's patterns, JSON Logic's
// trim, and the event checks that stand for the event schema's `\s`.
#pragma once

namespace drp::detail {

constexpr bool is_ecma_white_space(char32_t c) noexcept {
    return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

static_assert(is_ecma_white_space(U'\u00A0') && is_ecma_white_space(U'\uFEFF') && !is_ecma_white_space(U'\u0085') &&
              !is_ecma_white_space(U'\u200B'));

}  // namespace drp::detail
