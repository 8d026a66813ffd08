#include "json/strict_parse.hpp"

#include <array>
#include <cstring>
#include <vector>

#include "common/safe_text.hpp"
#include "drp/error.hpp"
#include "drp/json_positions.hpp"
#include "json/json_pointer.hpp"

namespace drp::detail {
namespace {

using json::position_of_offset;
using json::position_of_parse_error;

using njson = nlohmann::json;

std::string line_column(const json::text_position& p) {
    return "line " + std::to_string(p.line) + ", column " + std::to_string(p.column);
}

// What nlohmann names as the token it expected (parser::token_type_name): the only text
// after "; expected " that may be kept, since the bytes read come just before it.
bool is_token_name(std::string_view s) {
    static constexpr std::array<std::string_view, 16> names{
        "<uninitialized>", "true literal", "false literal", "null literal", "string literal", "number literal",
        "'['",             "'{'",          "']'",           "'}'",          "':'",            "','",
        "<parse error>",   "end of input", "'[', '{', or a literal", "unknown token"};
    for (const auto n : names)
        if (s == n) return true;
    return false;
}

// Builds the document (nlohmann's SAX interface) refusing repeated keys and deep nesting.
class builder {
public:
    builder(std::string_view text, strict_options options) : text_(text), options_(options) {}

    bool null() { return put(nullptr); }
    bool boolean(bool v) { return put(v); }
    bool number_integer(njson::number_integer_t v) { return put(v); }
    bool number_unsigned(njson::number_unsigned_t v) { return put(v); }
    bool number_float(njson::number_float_t v, const njson::string_t&) { return put(v); }
    bool string(njson::string_t& v) { return put(std::move(v)); }
    bool binary(njson::binary_t& v) { return put(std::move(v)); }

    bool start_object(std::size_t) { return open(njson::object()); }
    bool start_array(std::size_t) { return open(njson::array()); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(njson::string_t& k) {
        auto& members = frames_.back().value->get_ref<njson::object_t&>();
        auto [it, fresh] = members.emplace(k, njson());
        if (!fresh) {
            std::string shown = safe_text(k.size() > 64 ? std::string_view(k).substr(0, 64) : std::string_view(k));
            if (k.size() > 64) shown += "...";
            return fail("duplicate key \"" + shown + "\" at " + pointer(k) +
                        " (each key may appear once in an object; readers disagree on which one counts)");
        }
        frames_.back().member = it;
        return true;
    }

    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
        return fail(describe_parse_error(text_, e));
    }

    njson& result() { return root_; }
    const std::string& failure() const { return failure_; }

private:
    struct frame {
        njson* value;
        njson::object_t::iterator member{};  // the member being read, in an object
    };

    // Where the next value goes: the root, the end of an array, or the member of the key.
    njson& slot() {
        if (frames_.empty()) return root_;
        frame& top = frames_.back();
        if (top.value->is_array()) return top.value->get_ref<njson::array_t&>().emplace_back();
        return top.member->second;
    }

    template <class V>
    bool put(V&& v) {
        slot() = njson(std::forward<V>(v));
        return true;
    }

    bool open(njson&& container) {
        if (static_cast<int>(frames_.size()) >= options_.max_depth)
            return fail("nesting deeper than " + std::to_string(options_.max_depth) + " levels at " + pointer({}));
        njson& place = slot();
        place = std::move(container);
        frames_.push_back({&place});
        return true;
    }

    bool close() {
        frames_.pop_back();
        return true;
    }

    // The pointer of the value being read (and of `last` below it, when given).
    std::string pointer(std::optional<std::string_view> last) const {
        std::string out;
        for (std::size_t i = 0; i < frames_.size(); ++i) {
            const njson& v = *frames_[i].value;
            const bool innermost = i + 1 == frames_.size();
            if (v.is_array()) {
                if (innermost) break;
                json::detail::append_pointer_token(out, std::to_string(v.size() - 1));
            } else if (!innermost) {
                json::detail::append_pointer_token(out, frames_[i].member->first);
            }
        }
        if (last) json::detail::append_pointer_token(out, *last);
        return out.empty() ? "the top level" : safe_text(out);
    }

    bool fail(std::string why) {
        failure_ = std::move(why);
        return false;
    }

    std::string_view text_;
    strict_options options_;
    njson root_;
    std::vector<frame> frames_;
    std::string failure_;
};

}  // namespace

std::string nul_byte_position(std::string_view text) {
    const void* nul = std::memchr(text.data(), '\0', text.size());
    if (!nul) return {};
    return line_column(position_of_offset(text, static_cast<std::size_t>(static_cast<const char*>(nul) - text.data())));
}

std::string describe_parse_error(std::string_view text, const nlohmann::json::exception& e) {
    const std::string message = e.what();
    const auto* pe = dynamic_cast<const nlohmann::json::parse_error*>(&e);
    std::string at;
    if (pe) at = line_column(position_of_parse_error(text, pe->byte)) + ": ";
    if (e.id == 406) return at + "a number too large to represent";
    const auto dash = message.find(" - ");  // "syntax error while parsing value - <reason>"
    if (!pe || dash == std::string::npos) return at + "not valid JSON";
    std::string reason = message.substr(dash + 3);
    const auto read = reason.find("; last read: ");
    if (read != std::string::npos) {
        // Everything from "last read" on may be the text; only a known token name after
        // the final "; expected " is nlohmann's own.
        std::string expected;
        const auto ex = message.rfind("; expected ");
        if (ex != std::string::npos && ex > dash + 3 + read && is_token_name(message.substr(ex + 11)))
            expected = message.substr(ex);
        reason = reason.substr(0, read) + expected;
    }
    return at + safe_text(reason);
}

njson parse_strict(std::string_view text, std::string_view what, strict_options options) {
    if (const auto nul = nul_byte_position(text); !nul.empty())
        throw error(errc::invalid_json, std::string(what) + ": " + nul + ": a NUL byte (JSON text may not contain one)");
    builder b(text, options);
    const bool ok = njson::sax_parse(text.begin(), text.end(), &b, njson::input_format_t::json, true);
    if (!ok) throw error(errc::invalid_json, std::string(what) + " is not valid JSON: " + b.failure());
    return std::move(b.result());
}

}  // namespace drp::detail
