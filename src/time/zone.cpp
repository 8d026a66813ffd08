// Wall time through ICU's zone data (Debian's libicu carries the IANA rules), because
// GCC 12's <chrono> has no time-zone database and the deadlines must follow real
// clock changes.
#include "drp/error.hpp"
#include "drp/time.hpp"
#include "time/local_times.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <vector>

#include <unicode/basictz.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

namespace drp {

namespace {

// One zone as ICU gives it, with its UTC offsets from 1970 to 2200 as a table so that
// offsets and local dates (several per event) are a binary search, not an ICU call.
// Built once per process and name, then shared by every time_zone of that name: the ICU
// zone is used through const calls only (getOffset, getOffsetFromLocal), which read
// immutable data and may run concurrently.
struct zone_data {
    std::string name;
    std::unique_ptr<const icu::BasicTimeZone> zone;
    std::vector<std::int64_t> transitions;  // UTC seconds, ascending
    std::vector<std::int32_t> offsets;      // offsets[i + 1]: from transitions[i]; offsets[0] before
};

}  // namespace

struct time_zone::impl {
    std::shared_ptr<const zone_data> data;
};

namespace {

using namespace std::chrono;

// ICU reports memory running out as U_MEMORY_ALLOCATION_ERROR, a null result or a "bogus"
// string; each becomes std::bad_alloc here, never an unknown zone or a wrong offset.
void check_memory(UErrorCode status) {
    if (status == U_MEMORY_ALLOCATION_ERROR) throw std::bad_alloc();
}

std::unique_ptr<icu::BasicTimeZone> make_zone(std::string_view name) {
    const auto id = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
    if (id.isBogus()) throw std::bad_alloc();
    std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone(id));
    if (!tz) throw std::bad_alloc();
    auto* basic = dynamic_cast<icu::BasicTimeZone*>(tz.get());
    const bool unknown = *tz == icu::TimeZone::getUnknown();
    if (unknown) {
        // createTimeZone gives the unknown zone both for a name it does not know and when it
        // could not allocate the zone of a name it knows.
        icu::UnicodeString canonical;
        UBool system = false;
        UErrorCode status = U_ZERO_ERROR;
        icu::TimeZone::getCanonicalID(id, canonical, system, status);
        check_memory(status);
        if (U_SUCCESS(status) && system && canonical != icu::UnicodeString(u"Etc/Unknown")) throw std::bad_alloc();
    }
    if (unknown || basic == nullptr)
        throw error(errc::invalid_argument, "unknown time zone \"" + std::string(name.substr(0, 64)) +
                                                "\" (expected an IANA name such as Europe/London)");
    tz.release();
    return std::unique_ptr<icu::BasicTimeZone>(basic);
}

UDate to_udate(instant t) { return static_cast<UDate>(t.time_since_epoch().count()) * 1000.0; }

constexpr std::int64_t table_start = 0;                // 1970-01-01T00:00:00Z
constexpr std::int64_t table_end = 7'258'118'400;      // 2200-01-01T00:00:00Z

// The total UTC offset (seconds) in force at UTC second t.
std::int32_t offset_at(const icu::BasicTimeZone& zone, std::int64_t t) {
    int32_t raw = 0, dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    zone.getOffset(static_cast<UDate>(t) * 1000.0, false, raw, dst, status);
    check_memory(status);
    if (U_FAILURE(status)) throw error(errc::internal, std::string("ICU getOffset failed: ") + u_errorName(status));
    return (raw + dst) / 1000;
}

// The table is read with getOffset alone: steps of three days, and each change of offset
// bisected to its second. ICU's transition API (getNextTransition) gives the same offsets,
// but it builds the zone's rules lazily and dereferences null when an allocation fails
// while it does (OlsonTimeZone::initTransitionRules, ICU 72): a crash where drp must
// report DRP_ENOMEM. getOffset allocates nothing. The search restarts at each change it
// finds, so it misses only a change undone within three days; the closest two changes of
// offset in ICU 72's 636 zones since 1970 are 6.96 days apart (America/Boa_Vista, 2000),
// and the tables equal getNextTransition's for every one of them. About 8 ms per zone,
// once per process.
std::shared_ptr<const zone_data> build_zone(std::string_view name) {
    auto z = std::make_shared<zone_data>();
    z->name = std::string(name);
    z->zone = make_zone(name);
    const auto& zone = *z->zone;
    constexpr std::int64_t step = 3 * 86'400;
    std::int64_t lo = table_start;
    std::int32_t lo_offset = offset_at(zone, lo);
    z->offsets.push_back(lo_offset);
    while (lo < table_end) {
        std::int64_t hi = std::min(lo + step, table_end);
        if (offset_at(zone, hi) == lo_offset) {
            lo = hi;
            continue;
        }
        while (hi - lo > 1) {  // offset_at(lo) == lo_offset != offset_at(hi)
            const std::int64_t mid = lo + (hi - lo) / 2;
            (offset_at(zone, mid) == lo_offset ? lo : hi) = mid;
        }
        if (hi >= table_end) break;
        lo = hi;
        lo_offset = offset_at(zone, hi);
        z->transitions.push_back(hi);
        z->offsets.push_back(lo_offset);
    }
    return z;
}

// The zone of that name, built on first use. A failure (an unknown name, memory running
// out) keeps nothing: the next call tries again.
std::shared_ptr<const zone_data> zone_named(std::string_view name) {
    static std::mutex lock;
    static std::vector<std::shared_ptr<const zone_data>> built;
    const std::lock_guard<std::mutex> hold(lock);
    for (const auto& z : built)
        if (z->name == name) return z;
    auto made = build_zone(name);
    built.push_back(made);
    return made;
}

}  // namespace

time_zone::time_zone(std::string_view iana_name) : impl_(std::make_unique<impl>(impl{zone_named(iana_name)})) {}

time_zone::time_zone(const time_zone& other) : impl_(std::make_unique<impl>(*other.impl_)) {}

time_zone& time_zone::operator=(const time_zone& other) {
    if (this != &other) *this = time_zone(other);
    return *this;
}

time_zone::time_zone(time_zone&&) noexcept = default;
time_zone& time_zone::operator=(time_zone&&) noexcept = default;
time_zone::~time_zone() = default;

const std::string& time_zone::name() const noexcept { return impl_->data->name; }

seconds time_zone::utc_offset(instant t) const {
    const std::int64_t at = t.time_since_epoch().count();
    if (at >= table_start && at < table_end) {
        const auto& tr = impl_->data->transitions;
        const auto i = std::upper_bound(tr.begin(), tr.end(), at) - tr.begin();
        return seconds{impl_->data->offsets[static_cast<std::size_t>(i)]};
    }
    int32_t raw = 0, dst = 0;
    UErrorCode status = U_ZERO_ERROR;
    impl_->data->zone->getOffset(to_udate(t), false, raw, dst, status);
    if (U_FAILURE(status)) throw error(errc::internal, std::string("ICU getOffset failed: ") + u_errorName(status));
    return duration_cast<seconds>(milliseconds{raw + dst});
}

seconds detail::local_times::look_up(instant t) {
    const std::int64_t at = t.time_since_epoch().count();
    if (at < table_start || at >= table_end) {
        from_ = until_ = 0;  // outside the table: ICU each time (no period to keep)
        return zone_.utc_offset(t);
    }
    const auto& data = *zone_.impl_->data;
    const auto& tr = data.transitions;
    const auto i = static_cast<std::size_t>(std::upper_bound(tr.begin(), tr.end(), at) - tr.begin());
    from_ = i == 0 ? table_start : tr[i - 1];  // offsets[i] holds from tr[i - 1] until tr[i]
    until_ = i == tr.size() ? table_end : tr[i];
    offset_ = seconds{data.offsets[i]};
    return offset_;
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
    impl_->data->zone->getOffsetFromLocal(to_udate(local_as_utc), UCAL_TZ_LOCAL_FORMER, UCAL_TZ_LOCAL_FORMER, raw,
                                    dst, status);
    if (U_FAILURE(status))
        throw error(errc::internal, std::string("ICU getOffsetFromLocal failed: ") + u_errorName(status));
    return local_as_utc - duration_cast<seconds>(milliseconds{raw + dst});
}

instant time_zone::end_of_day(date d) const { return from_local(d, hours{23} + minutes{59} + seconds{59}); }

std::string time_zone::format(instant t) const { return format_rfc3339(t, utc_offset(t)); }

}  // namespace drp
