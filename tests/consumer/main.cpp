#include <drp/calendar.hpp>
#include <drp/version.hpp>

#include <iostream>

int main() {
    const drp::calendar cal;
    const auto due = cal.add_working_days(drp::parse_date("2026-12-21"), 10);
    std::cout << DRP_VERSION_STRING << " " << drp::format_date(due) << "\n";
    return drp::format_date(due) == "2027-01-07" ? 0 : 1;
}
