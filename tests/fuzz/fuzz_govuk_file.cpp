// Any bytes as a GOV.UK bank-holidays file: only drp::error may come out, and a failed
// import leaves the calendar as it was.
#include "drp/calendar.hpp"
#include "drp/error.hpp"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const drp::calendar reference;
    drp::calendar cal;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        cal.import_govuk(text);
    } catch (const drp::error&) {
        if (cal.working_days_between(drp::parse_date("2026-01-01"), drp::parse_date("2027-01-01")) !=
            reference.working_days_between(drp::parse_date("2026-01-01"), drp::parse_date("2027-01-01")))
            std::abort();  // a failed import changed the calendar
    }
    return 0;
}
