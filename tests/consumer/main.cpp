#include <drp/calendar.hpp>
#include <drp/event.hpp>
#include <drp/report.hpp>
#include <drp/version.hpp>

#include <iostream>

int main() {
    const drp::calendar cal;
    const auto due = cal.add_working_days(drp::parse_date("2026-12-21"), 10);
    // Event text goes through simdjson, which the static libdrp++.a needs at link time.
    drp::event_parser parser;
    const auto e = parser.parse(R"({"type":"resume","at":"2027-01-07T09:00:00Z","dispute_id":"D1"})");
    // Pseudonyms go through libsodium, found by drpConfig.cmake with pkg-config.
    const auto key = drp::pseudonym_key::from_hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    const auto child = key.pseudonym("MERC12345");
    std::cout << DRP_VERSION_STRING << " " << drp::format_date(due) << " " << e.dispute_id << " " << child << "\n";
    return drp::format_date(due) == "2027-01-07" && e.dispute_id == "D1" && child == "C-0cf0bfa41f6e3e6f1439" ? 0 : 1;
}
