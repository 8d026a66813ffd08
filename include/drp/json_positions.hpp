// drp/json_positions.hpp — where each value (and each object key) sits in a JSON text.
//
// nlohmann/json forgets positions once a document is parsed, but a policy author needs
// "policy.json:42:17" next to a diagnostic. position_map scans the text once more and
// records, for every JSON pointer (RFC 6901), where its value starts and, for members of
// objects, where the member's key starts, so "unknown property" can point at the key.
//
// Positions: line and column are 1-based; a line ends at "\n" (a "\r" before it is part
// of the old line, as in nlohmann/json and GCC); columns count Unicode code points, so a
// column is what a person counts on screen ("é" is one column), not bytes and not UTF-16
// units. A UTF-8 byte order mark at the start is skipped and takes no column. The byte
// offset is 0-based from the start of the text.
//
// Scanning is linear, iterative (no recursion, so any nesting depth is fine) and never
// throws on malformed text: it records what it could make sense of. Duplicate keys keep
// the position of the last one, as nlohmann/json keeps the last value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace drp::json {

struct text_position {
    std::size_t line = 1;    ///< 1-based
    std::size_t column = 1;  ///< 1-based, in Unicode code points
    std::size_t offset = 0;  ///< 0-based byte offset

    friend bool operator==(const text_position&, const text_position&) = default;
};

/// The position of a byte offset in text (offsets past the end give the end position).
text_position position_of_offset(std::string_view text, std::size_t byte_offset) noexcept;

/// The position nlohmann/json reports a parse error at: parse_error::byte counts the
/// bytes read including the offending one, so the error is at byte_offset byte - 1.
text_position position_of_parse_error(std::string_view text, std::size_t parse_error_byte) noexcept;

class position_map {
public:
    /// Scans a JSON text; see the file comment for what is recorded.
    static position_map scan(std::string_view text);

    /// Where the value at pointer starts ("" is the whole document).
    std::optional<text_position> value(std::string_view pointer) const;
    /// Where the key of the object member at pointer starts (its opening quote); nullopt
    /// for array elements, the root and pointers that do not exist.
    std::optional<text_position> key(std::string_view pointer) const;
    /// The value at pointer, or else the value of its closest existing ancestor: the
    /// place to report a problem with something missing (a required property).
    text_position nearest(std::string_view pointer) const;
    /// key(pointer) when there is one, otherwise nearest(pointer).
    text_position nearest_key_or_value(std::string_view pointer) const;

    /// Pointers of object members whose key appeared more than once in their object
    /// (in order of the repeats); JSON allows it, but only the last one counts.
    const std::vector<std::string>& duplicate_keys() const noexcept { return duplicates_; }

    /// Number of values recorded.
    std::size_t size() const noexcept { return nodes_.size(); }

private:
    static constexpr std::uint32_t no_node = 0xFFFFFFFFu;
    struct node {
        text_position value;
        text_position key;
        bool has_key = false;
    };
    struct child_ref {
        std::uint32_t parent;
        std::string token;  ///< member name (unescaped) or decimal array index
        friend bool operator==(const child_ref&, const child_ref&) = default;
    };
    struct child_hash {
        std::size_t operator()(const child_ref& c) const noexcept;
    };

    // The node at pointer, or its deepest existing ancestor (found = false then).
    std::uint32_t find(std::string_view pointer, bool& found) const;

    std::vector<node> nodes_;  // nodes_[0] is the root when the text had a value
    std::unordered_map<child_ref, std::uint32_t, child_hash> children_;
    std::vector<std::string> duplicates_;
};

}  // namespace drp::json
