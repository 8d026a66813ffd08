// Local times for a run of instants close together (the dozens in one dispute's state):
// the UTC offset in force is looked up once per period between the zone's clock changes,
// not once per instant. One per writer, on its stack: nothing is shared or kept.
#pragma once

#include <chrono>
#include <cstdint>

#include "drp/time.hpp"
#include "time/rfc3339_text.hpp"

namespace drp::detail {

class local_times {
public:
    explicit local_times(const time_zone& zone) noexcept : zone_(zone) {}

    /// zone.utc_offset(t).
    std::chrono::seconds utc_offset(instant t) {
        const std::int64_t at = t.time_since_epoch().count();
        if (at >= from_ && at < until_) return offset_;
        return look_up(t);
    }
    /// zone.format(t), without the string.
    rfc3339_text format(instant t) { return format_rfc3339_text(t, utc_offset(t)); }

private:
    std::chrono::seconds look_up(instant t);  // (time/zone.cpp: it reads the zone's table)

    const time_zone& zone_;
    std::int64_t from_ = 0, until_ = 0;  // UTC seconds: the period offset_ holds for
    std::chrono::seconds offset_{0};
};

}  // namespace drp::detail
