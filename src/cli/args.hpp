// A small argument reader for the drp subcommands: positionals, --flag, --key value and
// repeated --key value. Usage errors are a distinct type so main() can exit with 2.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

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

}  // namespace drp::cli
