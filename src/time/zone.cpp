// Wall time through ICU's zone data (Debian's libicu carries the IANA rules), because
// GCC 12's <chrono> has no time-zone database and the deadlines must follow real
// clock changes.
#include "drp/error.hpp"
#include "drp/time.hpp"

#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

namespace drp {

struct time_zone::impl {
    std::string name;
    std::unique_ptr<icu::BasicTimeZone> zone;
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

}  // namespace

time_zone::time_zone(std::string_view iana_name)
    : impl_(std::make_unique<impl>(impl{std::string(iana_name), make_zone(iana_name)})) {}

time_zone::time_zone(const time_zone& other)
    : impl_(std::make_unique<impl>(impl{other.impl_->name, std::unique_ptr<icu::BasicTimeZone>(other.impl_->zone->clone())})) {}

time_zone& time_zone::operator=(const time_zone& other) {
    if (this != &other) *this = time_zone(other);
    return *this;
}

time_zone::time_zone(time_zone&&) noexcept = default;
time_zone& time_zone::operator=(time_zone&&) noexcept = default;
time_zone::~time_zone() = default;

const std::string& time_zone::name() const noexcept { return impl_->name; }

seconds time_zone::utc_offset(instant t) const {
    int32_t raw = 0, dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    impl_->zone->getOffset(to_udate(t), false, raw, dst, status);
    if (U_FAILURE(status)) throw error(errc::internal, std::string("ICU getOffset failed: ") + u_errorName(status));
    return duration_cast<seconds>(milliseconds{raw + dst});
}

date time_zone::local_date(instant t) const { return floor<days>(t + utc_offset(t)); }

instant time_zone::from_local(date d, seconds time_of_day) const {
    const auto local_as_utc = instant{d} + time_of_day;
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
