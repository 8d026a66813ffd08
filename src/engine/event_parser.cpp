// Event text straight into drp::event with simdjson On-Demand: the object's fields are
// read into event_fields.hpp's list and checked by the same code as the nlohmann path.
// The fast path only answers when it is sure nlohmann would read the same object: a flat
// object whose values are strings or booleans, no duplicate keys, nothing after it.
// Anything else (including every kind of malformed text) is handed to the nlohmann path,
// so errors, and invalid_json messages with their line and column, are its own.
#include <simdjson.h>

#include <cstring>
#include <utility>
#include <vector>

#include "drp/event.hpp"
#include "engine/event_fields.hpp"

namespace drp {
namespace {

namespace od = simdjson::ondemand;
using field = detail::event_field;

// Longer text goes the nlohmann way, so one huge line does not leave the reusable buffers
// that large. A valid event is far shorter: its free-text fields are at most 4,000 bytes.
constexpr std::size_t fast_limit = std::size_t{1} << 20;
// More fields than any event has: an object this wide is refused anyway, by the nlohmann path.
constexpr std::size_t max_fields = 32;

bool json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

struct event_parser::impl {
    od::parser parser;
    std::vector<char> buffer;  // the text, then SIMDJSON_PADDING zero bytes
    std::vector<field> fields;

    // Reads the text's fields into `fields`; false when the nlohmann path must decide.
    bool read(std::string_view text) {
        const std::size_t padded = text.size() + simdjson::SIMDJSON_PADDING;
        if (buffer.size() < padded) buffer.resize(padded);
        std::memcpy(buffer.data(), text.data(), text.size());
        std::memset(buffer.data() + text.size(), 0, simdjson::SIMDJSON_PADDING);
        fields.clear();

        od::document doc;
        if (parser.iterate(buffer.data(), text.size(), buffer.size()).get(doc) != simdjson::SUCCESS) return false;
        od::object object;
        if (doc.get_object().get(object) != simdjson::SUCCESS) return false;
        const char* after_last = nullptr;  // where the token after the last value starts
        for (auto item : object) {
            od::field f;
            if (std::move(item).get(f) != simdjson::SUCCESS) return false;
            field& out = fields.emplace_back();
            if (fields.size() > max_fields) return false;
            if (f.unescaped_key().get(out.key) != simdjson::SUCCESS) return false;
            od::value v = f.value();
            const std::string_view token = v.raw_json_token();  // up to the next structural character
            if (token.empty()) return false;
            after_last = token.data() + token.size();
            if (token.front() == '"') {
                out.type = field::kind::string;
                if (v.get_string().get(out.text) != simdjson::SUCCESS) return false;
            } else if (token.front() == 't' || token.front() == 'f') {
                out.type = field::kind::boolean;
                if (v.get_bool().get(out.flag) != simdjson::SUCCESS) return false;
            } else {
                return false;  // number, null, array, object: nlohmann's reading decides
            }
            for (std::size_t i = 0; i + 1 < fields.size(); ++i)
                if (fields[i].key == out.key) return false;  // duplicate key
        }
        // The root object must end at the token after its last value, with nothing but
        // whitespace after it (On-Demand 3.0 does not check what follows the root).
        if (!after_last) return false;
        const char* const end = buffer.data() + text.size();
        if (after_last >= end || *after_last != '}') return false;
        for (const char* p = after_last + 1; p < end; ++p)
            if (!json_space(*p)) return false;
        return true;
    }
};

event_parser::event_parser() : impl_(std::make_unique<impl>()) {}
event_parser::~event_parser() = default;
event_parser::event_parser(event_parser&&) noexcept = default;
event_parser& event_parser::operator=(event_parser&&) noexcept = default;

event event_parser::parse(std::string_view json_text) {
    if (!impl_) impl_ = std::make_unique<impl>();  // moved from: usable again
    // A NUL byte goes the strict way, which refuses it (simdjson would stop at it).
    if (std::memchr(json_text.data(), '\0', json_text.size())) return detail::parse_event_dom(json_text);
    if (json_text.size() <= fast_limit && impl_->read(json_text)) return detail::event_from_fields(impl_->fields);
    return detail::parse_event_dom(json_text);
}

event parse_event(std::string_view json_text) { return event_parser().parse(json_text); }

}  // namespace drp
