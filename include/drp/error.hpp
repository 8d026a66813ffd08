// drp/error.hpp — the one error family of drp.
//
// Every failure carries a stable code (DESIGN.md §4.4). The code's name prefixes the
// message ("[drp.out_of_range] ..."), as nlohmann/json does, so logs are greppable and
// callers can branch on code() rather than parse text. The numeric values are part of
// the C ABI (drp.h mirrors them) and never change once released.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace drp {

enum class errc : int {
    ok = 0,
    invalid_argument = -1,  ///< a malformed argument: bad date text, empty name, NULL
    invalid_date = -2,      ///< a date or instant that does not exist or does not parse
    out_of_range = -3,      ///< a date or count outside what drp supports
    unknown_division = -4,  ///< not one of the GOV.UK divisions
    invalid_json = -5,      ///< text that is not JSON (or not UTF-8)
    schema = -6,            ///< JSON of the wrong shape for what was expected
    semantic = -7,          ///< well-shaped but inconsistent (policy rules)
    invalid_event = -8,     ///< an event missing fields or of an unknown type
    not_permitted = -9,     ///< the policy forbids this event now
    out_of_order = -10,     ///< an event earlier than the last one applied
    unknown_stage = -11,    ///< a stage id the policy does not define
    io = -12,               ///< a file could not be read or written
    internal = -99,         ///< a bug in drp: please report it
};

/// Stable, lower-case name of a code ("out_of_range"); "unknown" for other values.
std::string_view to_string(errc code) noexcept;

class error : public std::runtime_error {
public:
    error(errc code, const std::string& what_arg)
        : std::runtime_error(prefix(code) + what_arg), code_(code) {}

    errc code() const noexcept { return code_; }
    /// The message without its "[drp.<code>] " prefix.
    std::string_view reason() const noexcept { return std::string_view(what()).substr(prefix_size(code_)); }

private:
    static std::string prefix(errc code) {
        return "[drp." + std::string(to_string(code)) + "] ";
    }
    static std::size_t prefix_size(errc code) noexcept { return to_string(code).size() + 7; }
    errc code_;
};

/// An io error that carries the operating system's reason (an errno value: ENOENT,
/// EACCES, EISDIR, ...; 0 when there is none, e.g. "not a regular file"), so callers and
/// bindings can tell a missing file from a forbidden one without reading the message.
class io_error : public error {
public:
    io_error(const std::string& what_arg, int os_error) : error(errc::io, what_arg), os_error_(os_error) {}

    int os_error() const noexcept { return os_error_; }

private:
    int os_error_;
};

}  // namespace drp
