// One linear pass over the text with an explicit stack of open containers (so nesting
// depth costs heap, not call stack). Values and keys become nodes; a hash map from
// (parent node, token) to child node answers pointer look-ups one token at a time, which
// keeps memory linear in the text even for deep documents, where storing every full
// pointer would be quadratic.
#include "drp/json_positions.hpp"

#include "json/json_pointer.hpp"
#include "json/utf8.hpp"

#include <algorithm>
#include <functional>

namespace drp::json {
namespace {

// Walks the text a byte at a time, keeping line and column (code points) in step.
class cursor {
public:
    explicit cursor(std::string_view text) noexcept : text_(text) {
        if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;  // BOM: skipped, no column
    }

    bool at_end() const noexcept { return pos_ >= text_.size(); }
    char peek() const noexcept { return text_[pos_]; }
    text_position here() const noexcept { return {line_, column_, pos_}; }

    // Only ever called with pos_ on a character boundary between tokens, so counting
    // lead bytes is enough to keep the column right at every place we record.
    void step() noexcept {
        const auto c = static_cast<unsigned char>(text_[pos_++]);
        if (c == '\n') {
            ++line_;
            column_ = 1;
        } else if (!detail::is_utf8_continuation(c)) {
            ++column_;
        }
    }

    void advance_to(std::size_t offset) noexcept {
        while (pos_ < offset && !at_end()) step();
    }

    void skip_whitespace() noexcept {
        while (!at_end() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')) step();
    }

    // Consumes a string starting at its opening quote; decodes it into out when given.
    void read_string(std::string* out) {
        step();  // "
        while (!at_end()) {
            const char c = peek();
            if (c == '"') {
                step();
                return;
            }
            if (c != '\\') {
                if (out) *out += c;
                step();
                continue;
            }
            step();
            if (at_end()) return;
            const char e = peek();
            step();
            if (e == 'u') {
                char32_t cp = read_hex4();
                if (cp >= 0xD800 && cp <= 0xDBFF && !at_end() && peek() == '\\' &&
                    pos_ + 1 < text_.size() && text_[pos_ + 1] == 'u') {
                    const std::size_t save_pos = pos_;
                    const auto save_line = line_, save_column = column_;
                    step();
                    step();
                    const char32_t low = read_hex4();
                    if (low >= 0xDC00 && low <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    } else {  // not a pair: leave the second escape for the next round
                        pos_ = save_pos;
                        line_ = save_line;
                        column_ = save_column;
                    }
                }
                if (out) detail::append_utf8(*out, cp);
            } else if (out) {
                switch (e) {
                    case 'b': *out += '\b'; break;
                    case 'f': *out += '\f'; break;
                    case 'n': *out += '\n'; break;
                    case 'r': *out += '\r'; break;
                    case 't': *out += '\t'; break;
                    default: *out += e; break;  // " \ /
                }
            }
        }
    }

    // Consumes a number or literal (or, in malformed text, any run of other bytes);
    // always makes progress.
    void skip_scalar() noexcept {
        const std::size_t start = pos_;
        while (!at_end()) {
            const char c = peek();
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':' || c == '[' ||
                c == ']' || c == '{' || c == '}' || c == '"')
                break;
            step();
        }
        if (pos_ == start && !at_end()) step();
    }

private:
    char32_t read_hex4() noexcept {
        char32_t v = 0;
        for (int k = 0; k < 4 && !at_end(); ++k) {
            const char h = peek();
            const int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
            if (d < 0) return 0xFFFD;
            v = v * 16 + static_cast<char32_t>(d);
            step();
        }
        return v;
    }

    std::string_view text_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::size_t column_ = 1;
};

}  // namespace

text_position position_of_offset(std::string_view text, std::size_t byte_offset) noexcept {
    // Inside a multi-byte character: report the column of that character.
    std::size_t boundary = std::min(byte_offset, text.size());
    while (boundary > 0 && boundary < text.size() &&
           detail::is_utf8_continuation(static_cast<unsigned char>(text[boundary])))
        --boundary;
    cursor c(text);
    c.advance_to(boundary);
    text_position p = c.here();
    p.offset = std::min(byte_offset, text.size());
    return p;
}

text_position position_of_parse_error(std::string_view text, std::size_t parse_error_byte) noexcept {
    return position_of_offset(text, parse_error_byte == 0 ? 0 : parse_error_byte - 1);
}

std::size_t position_map::child_hash::operator()(const child_ref& c) const noexcept {
    return std::hash<std::string>{}(c.token) ^ (static_cast<std::size_t>(c.parent) * 0x9E3779B97F4A7C15ull);
}

position_map position_map::scan(std::string_view text) {
    struct frame {
        std::uint32_t node;
        bool is_array;
        std::size_t next_index = 0;
        std::size_t path_length;  // length of `path` before this container's token
        std::string key;          // the member name just read, waiting for its value
        text_position key_position;
        bool has_key = false;
    };

    position_map map;
    std::vector<frame> open;
    std::string path;  // pointer of the innermost open container
    bool expecting_key = false;
    cursor c(text);

    while (true) {
        c.skip_whitespace();
        if (c.at_end() || (open.empty() && !map.nodes_.empty())) break;
        const char ch = c.peek();
        if (ch == '}' || ch == ']') {
            if (!open.empty()) {
                path.resize(open.back().path_length);
                open.pop_back();
            }
            c.step();
            expecting_key = false;
            continue;
        }
        if (ch == ',' || ch == ':') {
            c.step();
            expecting_key = ch == ',' && !open.empty() && !open.back().is_array;
            continue;
        }
        if (expecting_key && !open.empty() && !open.back().is_array) {
            frame& f = open.back();
            f.key_position = c.here();
            f.key.clear();
            if (ch == '"') {
                c.read_string(&f.key);
                f.has_key = true;
            } else {
                c.skip_scalar();  // malformed: a key that is not a string
            }
            expecting_key = false;
            continue;
        }

        // A value: register it under its parent.
        const auto id = static_cast<std::uint32_t>(map.nodes_.size());
        std::string token;
        bool attached = open.empty();
        if (!open.empty()) {
            frame& parent = open.back();
            if (parent.is_array) {
                token = std::to_string(parent.next_index++);
                attached = true;
            } else if (parent.has_key) {
                token = std::move(parent.key);
                parent.has_key = false;
                attached = true;
            }
        }
        if (attached) {
            node n;
            n.value = c.here();
            if (!open.empty() && !open.back().is_array) {
                n.key = open.back().key_position;
                n.has_key = true;
            }
            map.nodes_.push_back(n);
            if (!open.empty()) {
                auto [it, inserted] = map.children_.insert_or_assign(child_ref{open.back().node, token}, id);
                (void)it;
                if (!inserted) {
                    std::string pointer = path;
                    detail::append_pointer_token(pointer, token);
                    map.duplicates_.push_back(std::move(pointer));
                }
            }
        }
        if (ch == '{' || ch == '[') {
            const std::size_t before = path.size();
            if (!open.empty()) detail::append_pointer_token(path, token);
            open.push_back(frame{attached ? id : no_node, ch == '[', 0, before, {}, {}, false});
            c.step();
            expecting_key = ch == '{';
        } else if (ch == '"') {
            c.read_string(nullptr);
        } else {
            c.skip_scalar();
        }
    }
    return map;
}

std::uint32_t position_map::find(std::string_view pointer, bool& found) const {
    found = false;
    if (nodes_.empty()) return no_node;
    const auto tokens = detail::split_pointer(pointer);
    if (!tokens) return 0;
    std::uint32_t id = 0;
    child_ref probe{0, {}};
    for (const auto& token : *tokens) {
        probe.parent = id;
        probe.token = token;
        const auto it = children_.find(probe);
        if (it == children_.end()) return id;
        id = it->second;
    }
    found = true;
    return id;
}

std::optional<text_position> position_map::value(std::string_view pointer) const {
    bool found = false;
    const auto id = find(pointer, found);
    if (!found) return std::nullopt;
    return nodes_[id].value;
}

std::optional<text_position> position_map::key(std::string_view pointer) const {
    bool found = false;
    const auto id = find(pointer, found);
    if (!found || !nodes_[id].has_key) return std::nullopt;
    return nodes_[id].key;
}

text_position position_map::nearest(std::string_view pointer) const {
    bool found = false;
    const auto id = find(pointer, found);
    if (id == no_node) return {};
    return nodes_[id].value;
}

text_position position_map::nearest_key_or_value(std::string_view pointer) const {
    if (auto k = key(pointer)) return *k;
    return nearest(pointer);
}

}  // namespace drp::json
