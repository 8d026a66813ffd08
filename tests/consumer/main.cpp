#include <drp/calendar.hpp>
#include <drp/dispute.hpp>
#include <drp/event.hpp>
#include <drp/report.hpp>
#include <drp/seeds.hpp>
#include <drp/seeds/checks.hpp>
#include <drp/seeds/runtime.hpp>
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
    // The compile-time seeds, checked by the compiler and run as a policy, from the
    // installed headers alone (no Boost: tests/consumer/run.sh).
    static_assert(drp::seeds::verify<drp::seeds::merton>());
    drp::dispute d(drp::seeds::to_policy(drp::seeds::merton));
    d.apply_json(R"({"type":"raise","at":"2026-12-21T10:30:00Z","dispute_id":"M-1","by":"IRO","child_ref":"C1",)"
                 R"("category":"drift_delay","urgency":"standard","summary":"s","start_stage":"IR1","start_reason":"r"})");
    const bool at_ir1 = d.state().status == drp::dispute_status::open && d.rules().stages()[d.state().stage].id == "IR1";
    std::cout << DRP_VERSION_STRING << " " << drp::format_date(due) << " " << e.dispute_id << " " << child << "\n";
    return at_ir1 && drp::format_date(due) == "2027-01-07" && e.dispute_id == "D1" && child == "C-0cf0bfa41f6e3e6f1439" ? 0 : 1;
}
