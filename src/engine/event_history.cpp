// A dispute's history, packed: one record per event, in a single byte buffer.
//
//   type (1 byte) | flags (1) | at (8) | [due (8)] | texts present (4, a bit per field) |
//   for each text present, in the order of `texts`: its length (LEB128) then its bytes |
//   [judged_by: its roles joined by '\n' (role ids have none), as one more text]
//
// The dispute's id is kept once (every event of a dispute has it: the engine refuses an
// event of another dispute); an event whose id differs stores its own.
#include "drp/event_history.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace drp {
namespace {

// The text fields, each with its bit in the record's mask. dispute_id is last: it is
// stored only when it is not the history's.
constexpr std::string event::* texts[] = {
    &event::by, &event::note, &event::child_ref, &event::category, &event::urgency, &event::summary,
    &event::start_stage, &event::start_reason, &event::policy_version, &event::team, &event::reason, &event::to,
    &event::agreed_by, &event::approved_by, &event::role, &event::refer_to, &event::meeting_kind, &event::obligation,
    &event::stage, &event::impact, &event::case_type, &event::route, &event::dispute_id};
constexpr std::size_t text_count = std::size(texts);
constexpr std::size_t own_id = text_count - 1;
constexpr std::uint32_t judges_bit = std::uint32_t{1} << text_count;  // after the texts
static_assert(text_count + 1 <= 32);

std::string joined(const std::vector<std::string>& roles) {
    std::string out;
    for (const std::string& r : roles) {
        if (!out.empty()) out += '\n';
        out += r;
    }
    return out;
}

enum flag : unsigned char {
    cross_council = 1, adequate = 2, accepted = 4, concurrent = 8,
    agreed_set = 16, agreed_yes = 32, due_set = 64, due_instant = 128
};

constexpr std::size_t head_size = 1 + 1 + 8;  // type, flags, at

std::size_t varint_size(std::size_t n) noexcept {
    std::size_t k = 1;
    while (n >= 0x80) n >>= 7, ++k;
    return k;
}
unsigned char* put_varint(unsigned char* out, std::size_t n) noexcept {
    while (n >= 0x80) *out++ = static_cast<unsigned char>(n | 0x80), n >>= 7;
    *out++ = static_cast<unsigned char>(n);
    return out;
}
const unsigned char* get_varint(const unsigned char* in, std::size_t& n) noexcept {
    n = 0;
    for (unsigned shift = 0;; shift += 7) {
        const unsigned char b = *in++;
        n |= static_cast<std::size_t>(b & 0x7F) << shift;
        if (!(b & 0x80)) return in;
    }
}
std::int64_t get_i64(const unsigned char* in) noexcept {
    std::int64_t v;
    std::memcpy(&v, in, sizeof v);
    return v;
}
std::uint32_t get_u32(const unsigned char* in) noexcept {
    std::uint32_t v;
    std::memcpy(&v, in, sizeof v);
    return v;
}

// The record's texts: where the mask and the first text start.
struct record_texts {
    std::uint32_t mask;
    const unsigned char* first;
};
record_texts texts_of(const unsigned char* r) noexcept {
    const unsigned char* p = r + head_size + ((r[1] & due_set) ? 8 : 0);
    return {get_u32(p), p + 4};
}

}  // namespace

void event_history::push_back(const event& e) {
    // One pass finds the texts the record holds (most events have three or four of the
    // 22) and its size; the second writes only those.
    const std::string& id = empty() ? e.dispute_id : id_;
    const std::string* present[text_count];
    std::uint32_t mask = 0;
    std::size_t n = 0, size = head_size + (e.due ? 8 : 0) + 4;
    for (std::size_t k = 0; k < own_id; ++k) {
        const std::string& v = e.*texts[k];
        if (v.empty()) continue;
        mask |= std::uint32_t{1} << k;
        present[n++] = &v;
        size += varint_size(v.size()) + v.size();
    }
    if (e.dispute_id.size() != id.size() || e.dispute_id != id) {
        mask |= std::uint32_t{1} << own_id;
        present[n++] = &e.dispute_id;
        size += varint_size(e.dispute_id.size()) + e.dispute_id.size();
    }
    const std::string judges = joined(e.judged_by);  // (rare: no allocation when empty or short)
    if (!judges.empty()) {
        mask |= judges_bit;
        size += varint_size(judges.size()) + judges.size();
    }
    // Every allocation first, so that nothing below throws.
    if (bytes_.capacity() - bytes_.size() < size)
        bytes_.reserve(std::max(bytes_.size() + size, bytes_.capacity() + bytes_.capacity() / 2));
    if (starts_.capacity() == starts_.size()) starts_.reserve(std::max<std::size_t>(8, starts_.capacity() + starts_.capacity() / 2));
    if (empty()) id_.assign(e.dispute_id);
    const std::size_t start = bytes_.size();
    bytes_.resize(start + size);
    unsigned char* out = bytes_.data() + start;
    *out++ = static_cast<unsigned char>(e.type);
    unsigned char flags = 0;
    if (e.cross_council) flags |= cross_council;
    if (e.adequate) flags |= adequate;
    if (e.accepted) flags |= accepted;
    if (e.concurrent) flags |= concurrent;
    if (e.agreed) flags |= agreed_set;
    if (e.agreed.value_or(false)) flags |= agreed_yes;
    if (e.due) flags |= due_set;
    if (e.due && std::holds_alternative<instant>(*e.due)) flags |= due_instant;
    *out++ = flags;
    const std::int64_t at = e.at.time_since_epoch().count();
    std::memcpy(out, &at, 8);
    out += 8;
    if (e.due) {
        const std::int64_t due = std::holds_alternative<instant>(*e.due)
                                     ? std::get<instant>(*e.due).time_since_epoch().count()
                                     : std::get<date>(*e.due).time_since_epoch().count();
        std::memcpy(out, &due, 8);
        out += 8;
    }
    std::memcpy(out, &mask, 4);
    out += 4;
    for (std::size_t i = 0; i < n; ++i) {  // (in the order of `texts`, as the mask's bits)
        const std::string& v = *present[i];
        out = put_varint(out, v.size());
        std::memcpy(out, v.data(), v.size());
        out += v.size();
    }
    if (!judges.empty()) {
        out = put_varint(out, judges.size());
        std::memcpy(out, judges.data(), judges.size());
    }
    starts_.push_back(start);  // (capacity reserved above)
}

void event_history::pop_back() noexcept {
    if (empty()) return;
    bytes_.resize(starts_.back());
    starts_.pop_back();
    if (empty()) id_.clear();
}

void event_history::clear() noexcept {
    starts_.clear();
    bytes_.clear();
    id_.clear();
}

std::size_t event_history::memory() const noexcept {
    return bytes_.capacity() + starts_.capacity() * sizeof(std::size_t) + (id_.capacity() > 15 ? id_.capacity() + 1 : 0);
}

event_type event_history::type(std::size_t i) const noexcept { return static_cast<event_type>(record(i)[0]); }

instant event_history::time(std::size_t i) const noexcept { return instant{std::chrono::seconds{get_i64(record(i) + 2)}}; }

std::string_view event_history::text(std::size_t i, std::string event::*field) const noexcept {
    const auto [mask, first] = texts_of(record(i));
    const unsigned char* p = first;
    for (std::size_t k = 0; k < text_count; ++k) {
        const bool set = mask & (std::uint32_t{1} << k);
        std::size_t len = 0;
        if (set) p = get_varint(p, len);
        if (texts[k] == field) {
            if (set) return {reinterpret_cast<const char*>(p), len};
            return k == own_id ? std::string_view(id_) : std::string_view();
        }
        p += len;
    }
    return {};
}

event event_history::operator[](std::size_t i) const {
    event e;
    read(i, e);
    return e;
}

void event_history::read(std::size_t i, event& e) const {
    const unsigned char* r = record(i);
    e.type = static_cast<event_type>(r[0]);
    const unsigned char flags = r[1];
    e.cross_council = flags & cross_council;
    e.adequate = flags & adequate;
    e.accepted = flags & accepted;
    e.concurrent = flags & concurrent;
    if (flags & agreed_set) e.agreed = (flags & agreed_yes) != 0;
    else e.agreed.reset();
    e.at = instant{std::chrono::seconds{get_i64(r + 2)}};
    if (flags & due_set) {
        const std::int64_t due = get_i64(r + head_size);
        if (flags & due_instant) e.due = due_time{instant{std::chrono::seconds{due}}};
        else e.due = due_time{date{std::chrono::days{due}}};
    } else {
        e.due.reset();
    }
    const auto [mask, first] = texts_of(r);
    const unsigned char* p = first;
    for (std::size_t k = 0; k < text_count; ++k) {
        if (!(mask & (std::uint32_t{1} << k))) {
            (e.*texts[k]).clear();  // (its storage kept for the next event read into e)
            continue;
        }
        std::size_t len = 0;
        p = get_varint(p, len);
        (e.*texts[k]).assign(reinterpret_cast<const char*>(p), len);
        p += len;
    }
    e.judged_by.clear();
    if (mask & judges_bit) {
        std::size_t len = 0;
        p = get_varint(p, len);
        const std::string_view all(reinterpret_cast<const char*>(p), len);
        for (std::size_t from = 0;;) {
            const std::size_t to = all.find('\n', from);
            e.judged_by.emplace_back(all.substr(from, to == std::string_view::npos ? std::string_view::npos : to - from));
            if (to == std::string_view::npos) break;
            from = to + 1;
        }
    }
    if (!(mask & (std::uint32_t{1} << own_id))) e.dispute_id = id_;
}

event event_history::at(std::size_t i) const {
    if (i >= size()) throw std::out_of_range("event_history::at: index " + std::to_string(i) + " past the last event");
    return (*this)[i];
}

}  // namespace drp
