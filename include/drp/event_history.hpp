// drp/event_history.hpp — the events applied to a dispute, kept compactly (dispute::history).
//
// A dispute keeps every event it accepted, so a long one holds many: each is stored as its
// set fields packed one after the other (type, time, flags, then only the texts it has, the
// dispute's id once for all), about a tenth of a drp::event's size. Reading one gives it
// back as a drp::event value, equal to the event applied.
#pragma once

#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "drp/event.hpp"

namespace drp {

class event_history {
public:
    /// Gives each event as a value (an input iterator: `for (const event& e : history)`).
    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = event;
        using difference_type = std::ptrdiff_t;
        using reference = event;
        using pointer = void;

        iterator() = default;
        event operator*() const { return (*h_)[i_]; }
        iterator& operator++() noexcept { return ++i_, *this; }
        iterator operator++(int) noexcept { return iterator(h_, i_++); }
        std::size_t index() const noexcept { return i_; }
        friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.i_ == b.i_; }

    private:
        friend class event_history;
        iterator(const event_history* h, std::size_t i) noexcept : h_(h), i_(i) {}
        const event_history* h_ = nullptr;
        std::size_t i_ = 0;
    };

    std::size_t size() const noexcept { return starts_.size(); }
    bool empty() const noexcept { return starts_.empty(); }
    /// Event `i` (i < size()), as the value that was appended.
    event operator[](std::size_t i) const;
    /// Event `i` (i < size()) read into `e`, every field replaced: operator[] without a
    /// new event, so that a loop over the history reusing one `e` reuses its texts' storage.
    void read(std::size_t i, event& e) const;
    /// As operator[], throwing std::out_of_range for i >= size().
    event at(std::size_t i) const;
    event front() const { return at(0); }
    event back() const { return at(size() - 1); }
    iterator begin() const noexcept { return {this, 0}; }
    iterator end() const noexcept { return {this, size()}; }

    /// Parts of event `i` read without building the event (i < size()).
    event_type type(std::size_t i) const noexcept;
    instant time(std::size_t i) const noexcept;
    /// One text field of event `i`, e.g. text(i, &event::role); "" when it is not set.
    std::string_view text(std::size_t i, std::string event::*field) const noexcept;

    /// Appends a copy of `e`. Strong guarantee: on std::bad_alloc nothing changed.
    void push_back(const event& e);
    void pop_back() noexcept;
    void clear() noexcept;
    /// The heap memory it holds, in bytes (capacity, not the bytes in use).
    std::size_t memory() const noexcept;

    friend bool operator==(const event_history&, const event_history&) = default;

private:
    const unsigned char* record(std::size_t i) const noexcept { return bytes_.data() + starts_[i]; }

    std::string id_;                   // the dispute id, kept once: the first event's
    std::vector<std::size_t> starts_;  // where each event's record starts in bytes_
    std::vector<unsigned char> bytes_;
};

}  // namespace drp
