// Wall time through ICU's zone data (Debian's libicu carries the IANA rules), because
// GCC 12's <chrono> has no time-zone database and the deadlines must follow real
// clock changes.
#include "drp/error.hpp"
#include "drp/time.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

#include <unicode/basictz.h>
#include <unicode/tztrans.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

namespace drp {

struct time_zone::impl {
    std::string name;
    std::unique_ptr<icu::BasicTimeZone> zone;
    // UTC offsets in force from each transition on, 1970-2200, read once from ICU so that
    // offsets and local dates (several per event) are a binary search, not an ICU call.
    std::vector<std::int64_t> transitions;  // UTC seconds, ascending
    std::vector<std::int32_t> offsets;      // offsets[i]: from transitions[i]; offsets[0] before
};

namespace {

using namespace std::chrono;

std::unique_ptr<icu::BasicTimeZone> make_zone(std::string_view name) {
    std::unique_ptr<icu::TimeZone> tz(
        icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())))));
    auto* basic = dynamic_cast<icu::BasicTimeZone*>(tz.get());
    if (!tz || *tz == icu::TimeZone::getUnknown() || basic == nullptr)
        throw error(errc::invalid_argument, "unknown time zone \"" + std::string(name.substr(0, 64)) +
                                                "\" (expected an IANA name such as Europe/London)");
    tz.release();
    return std::unique_ptr<icu::BasicTimeZone>(basic);
}

UDate to_udate(instant t) { return static_cast<UDate>(t.time_since_epoch().count()) * 1000.0; }

constexpr std::int64_t table_start = 0;                // 1970-01-01T00:00:00Z
constexpr std::int64_t table_end = 7'258'118'400;      // 2200-01-01T00:00:00Z

}  // namespace

time_zone::time_zone(std::string_view iana_name)
    : impl_(std::make_unique<impl>(impl{std::string(iana_name), make_zone(iana_name), {}, {}})) {
    auto& z = *impl_;
    int32_t raw = 0, dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    z.zone->getOffset(0.0, false, raw, dst, status);
    z.offsets.push_back((raw + dst) / 1000);
    UDate at = 0.0;
    icu::TimeZoneTransition next;
    while (z.zone->getNextTransition(at, false, next) && next.getTime() < static_cast<UDate>(table_end) * 1000.0) {
        at = next.getTime();
        const auto* to = next.getTo();
        if (!to) break;
        z.transitions.push_back(static_cast<std::int64_t>(at / 1000.0));
        z.offsets.push_back((to->getRawOffset() + to->getDSTSavings()) / 1000);
    }
}

time_zone::time_zone(const time_zone& other)
    : impl_(std::make_unique<impl>(impl{other.impl_->name, std::unique_ptr<icu::BasicTimeZone>(other.impl_->zone->clone()),
                                        other.impl_->transitions, other.impl_->offsets})) {}

time_zone& time_zone::operator=(const time_zone& other) {
    if (this != &other) *this = time_zone(other);
    return *this;
}

time_zone::time_zone(time_zone&&) noexcept = default;
time_zone& time_zone::operator=(time_zone&&) noexcept = default;
time_zone::~time_zone() = default;

const std::string& time_zone::name() const noexcept { return impl_->name; }

seconds time_zone::utc_offset(instant t) const {
    const std::int64_t at = t.time_since_epoch().count();
    if (at >= table_start && at < table_end) {
        const auto& tr = impl_->transitions;
        const auto i = std::upper_bound(tr.begin(), tr.end(), at) - tr.begin();
        return seconds{impl_->offsets[static_cast<std::size_t>(i)]};
    }
    int32_t raw = 0, dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    impl_->zone->getOffset(to_udate(t), false, raw, dst, status);
    if (U_FAILURE(status)) throw error(errc::internal, std::string("ICU getOffset failed: ") + u_errorName(status));
    return duration_cast<seconds>(milliseconds{raw + dst});
}

date time_zone::local_date(instant t) const { return floor<days>(t + utc_offset(t)); }

instant time_zone::from_local(date d, seconds time_of_day) const {
    const auto local_as_utc = instant{d} + time_of_day;
    // Away from a clock change, the offset in force an hour either side is the same and
    // the answer is unambiguous: no ICU call. Gaps and overlaps take ICU's rules below.
    const auto before = utc_offset(local_as_utc - hours{26}), after = utc_offset(local_as_utc + hours{26});
    if (before == after) return local_as_utc - before;
    int32_t raw = 0, dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    impl_->zone->getOffsetFromLocal(to_udate(local_as_utc), UCAL_TZ_LOCAL_FORMER, UCAL_TZ_LOCAL_FORMER, raw,
                                    dst, status);
    if (U_FAILURE(status))
        throw error(errc::internal, std::string("ICU getOffsetFromLocal failed: ") + u_errorName(status));
    return local_as_utc - duration_cast<seconds>(milliseconds{raw + dst});
}

instant time_zone::end_of_day(date d) const { return from_local(d, hours{23} + minutes{59} + seconds{59}); }

std::string time_zone::format(instant t) const { return format_rfc3339(t, utc_offset(t)); }

}  // namespace drp
