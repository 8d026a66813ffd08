// Local wall time in the policy's zone, both ways, so that no host needs TZ tricks.
#include <cstdio>

#include "capi/capi.hpp"
#include "drp/time.hpp"

using namespace drp::capi;

namespace {

// "HH:MM" or "HH:MM:SS" as seconds after midnight; invalid_date naming the field otherwise.
std::chrono::seconds time_of_day_arg(const char* text) {
    const std::string_view t(text);
    auto digits = [&](std::size_t at) {
        if (at + 2 > t.size() || t[at] < '0' || t[at] > '9' || t[at + 1] < '0' || t[at + 1] > '9') return -1;
        return (t[at] - '0') * 10 + (t[at + 1] - '0');
    };
    const bool with_seconds = t.size() == 8;
    if ((t.size() != 5 && !with_seconds) || t[2] != ':' || (with_seconds && t[5] != ':'))
        throw drp::error(drp::errc::invalid_date, "time_of_day: expected HH:MM or HH:MM:SS");
    const int h = digits(0), m = digits(3), s = with_seconds ? digits(6) : 0;
    if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59)
        throw drp::error(drp::errc::invalid_date, "time_of_day: expected HH:MM or HH:MM:SS (00:00 to 23:59:59)");
    return std::chrono::seconds{h * 3600 + m * 60 + s};
}

}  // namespace

extern "C" {

int drp_policy_local_instant(char** out, const drp_policy* policy, const char* date, const char* time_of_day) {
    reset(out);
    return guarded([&] {
        auto& result = required(out, "out");
        const auto& p = policy_arg(policy).value;
        const auto day = date_arg(date, "date");
        const auto t = time_of_day ? p.zone().from_local(day, time_of_day_arg(time_of_day)) : p.zone().end_of_day(day);
        result = copy_out(p.zone().format(t));
    });
}

int drp_instant_utc(char** out, const char* instant) {
    reset(out);
    return guarded([&] {
        auto& result = required(out, "out");
        result = copy_out(utc_text(instant_arg(instant, "instant")));
    });
}

int drp_policy_local_time(char** date_out, char** time_out, const drp_policy* policy, const char* instant) {
    reset(date_out);
    reset(time_out);
    return guarded([&] {
        if (!date_out && !time_out) invalid_argument("date_out and time_out must not both be NULL");
        const auto& p = policy_arg(policy).value;
        const auto t = instant_arg(instant, "instant");
        const auto day = p.zone().local_date(t);
        const auto clock = std::chrono::hh_mm_ss<std::chrono::seconds>(drp::local_time_of_day(t, p.zone()));
        char hms[9];
        std::snprintf(hms, sizeof hms, "%02d:%02d:%02d", static_cast<int>(clock.hours().count()),
                      static_cast<int>(clock.minutes().count()), static_cast<int>(clock.seconds().count()));
        // Both made before either is handed out, so an error leaves both NULL.
        std::unique_ptr<char, void (*)(char*)> d(date_out ? copy_out(drp::format_date(day)) : nullptr, drp_string_free);
        std::unique_ptr<char, void (*)(char*)> h(time_out ? copy_out(hms) : nullptr, drp_string_free);
        if (date_out) *date_out = d.release();
        if (time_out) *time_out = h.release();
    });
}

}  // extern "C"
