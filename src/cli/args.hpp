// A small argument reader for the drp subcommands: positionals, --flag, --key value and
// repeated --key value. Usage errors are a distinct type so main() can exit with 2.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "drp/time.hpp"

namespace drp::cli {

struct usage_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class args {
public:
    /// `valued` lists the options that take a value; every other "--x" is a flag.
    args(std::vector<std::string> argv, const std::vector<std::string>& valued,
         const std::vector<std::string>& flags);

    const std::vector<std::string>& positional() const { return positional_; }
    bool flag(const std::string& name) const;
    std::optional<std::string> value(const std::string& name) const;
    std::vector<std::string> values(const std::string& name) const;

private:
    std::vector<std::string> positional_;
    std::multimap<std::string, std::string> options_;
};

/// Parses a whole decimal int, else throws usage_error naming `what`.
int to_int(const std::string& text, const char* what);

/// A byte count of at least 1 ("1048576"), else usage_error naming `what`.
std::size_t size_option(const std::string& text, const char* what);

/// An RFC 3339 instant ("2027-01-08T09:00:00Z"), else usage_error naming `what`.
instant instant_option(const std::string& text, const char* what);

}  // namespace drp::cli
