#include <drp/calendar.hpp>
#include <drp/event.hpp>
#include <drp/version.hpp>

#include <iostream>

int main() {
    const drp::calendar cal;
    const auto due = cal.add_working_days(drp::parse_date("2026-12-21"), 10);
    // Event text goes through simdjson, which the static libdrp++.a needs at link time.
    drp::event_parser parser;
    const auto e = parser.parse(R"({"type":"resume","at":"2027-01-07T09:00:00Z","dispute_id":"D1"})");
    std::cout << DRP_VERSION_STRING << " " << drp::format_date(due) << " " << e.dispute_id << "\n";
    return drp::format_date(due) == "2027-01-07" && e.dispute_id == "D1" ? 0 : 1;
}
