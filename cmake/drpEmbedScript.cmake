# Run with cmake -P: writes OUTPUT, a C++ file returning INPUT's bytes as a string_view.
# Bytes are written as hex so any content (quotes, UTF-8, ")drp") embeds safely.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," body "${hex}")
string(REGEX REPLACE "(('\\\\x[0-9a-f][0-9a-f]',){32})" "\\1\n" body "${body}")
file(WRITE "${OUTPUT}" "// Generated from ${INPUT} by drpEmbedScript.cmake: do not edit.
#include <string_view>
namespace drp::detail {
namespace { constexpr char data[] = {
${body}'\\0'}; }
std::string_view ${SYMBOL}() noexcept { return {data, ${byte_count}}; }
}  // namespace drp::detail
")
