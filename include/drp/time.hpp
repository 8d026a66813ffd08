// drp/time.hpp — instants, RFC 3339 text and wall time in a named zone (DESIGN.md §4.1).
//
// An instant is UTC seconds (std::chrono::sys_seconds); wall time exists only through a
// time_zone, backed by ICU's time-zone data, so "24 hours" is elapsed time and a day
// deadline ends at 23:59:59 *local* time whatever the clocks did that day.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "drp/calendar.hpp"

namespace drp {

using instant = std::chrono::sys_seconds;

/// Parses RFC 3339 with an explicit offset ("2026-03-29T10:00:00+01:00", "...Z"; fractional
/// seconds are accepted and truncated). Throws drp::error(invalid_date) naming the text.
instant parse_rfc3339(std::string_view text);

/// An "as of" time as hosts give it: an RFC 3339 instant, or a local date "YYYY-MM-DD"
/// meaning the end of that day (23:59:59) in `zone` — "overdue as of 8 January" counts
/// every deadline of 8 January as still in time. Throws drp::error(invalid_date) naming the
/// text, or out_of_range for a date outside the calendar's years.
class time_zone;
namespace detail {
class local_times;
}
instant parse_as_of(std::string_view text, const time_zone& zone);

/// The wall-clock time of day at t in `zone`, as seconds after local midnight (01:30 is
/// 5400 s on the night clocks go back, in either of its two occurrences).
std::chrono::seconds local_time_of_day(instant t, const time_zone& zone);

/// "YYYY-MM-DDTHH:MM:SS+hh:mm" for the instant seen at the given UTC offset ("Z" is never
/// used, so local renderings always show their offset).
std::string format_rfc3339(instant t, std::chrono::seconds utc_offset);

class time_zone {
public:
    /// An IANA zone, "Europe/London" by default. Throws drp::error(invalid_argument) for a
    /// name ICU does not know.
    explicit time_zone(std::string_view iana_name = "Europe/London");
    time_zone(const time_zone&);
    time_zone& operator=(const time_zone&);
    time_zone(time_zone&&) noexcept;
    time_zone& operator=(time_zone&&) noexcept;
    ~time_zone();

    const std::string& name() const noexcept;

    /// UTC offset in force at t (+01:00 in British Summer Time).
    std::chrono::seconds utc_offset(instant t) const;
    /// The local calendar day at t.
    date local_date(instant t) const;
    /// The instant a local wall time denotes. In the spring gap (01:30 on the day clocks
    /// go forward) the time is read with the earlier offset (01:30 GMT = 02:30 BST); in
    /// the autumn overlap the first occurrence (BST) is taken.
    instant from_local(date d, std::chrono::seconds time_of_day) const;
    /// 23:59:59 local time on d: when a day-based deadline ends.
    instant end_of_day(date d) const;
    /// RFC 3339 text of t with this zone's offset at t.
    std::string format(instant t) const;

private:
    friend class detail::local_times;  // (the state writer's cache of the offset in force)
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace drp
