// One entry point per drp subcommand; each returns the process exit code and throws
// usage_error (exit 2) or drp::error (exit 1).
#pragma once

#include <string>
#include <vector>

namespace drp::cli {

int run_calendar(const std::vector<std::string>& argv);
int run_validate(const std::vector<std::string>& argv);
int run_render(const std::vector<std::string>& argv);
int run_simulate(const std::vector<std::string>& argv);
int run_report(const std::vector<std::string>& argv);
int run_keygen(const std::vector<std::string>& argv);
int run_studio(const std::vector<std::string>& argv);

}  // namespace drp::cli
