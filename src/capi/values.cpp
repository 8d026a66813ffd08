// Values crossing the boundary: strings handed to the host, JSON and date text coming
// from it.
#include <cstdlib>
#include <cstring>
#include <new>

#include "capi/capi.hpp"
#include "drp/time.hpp"
#include "json/strict_parse.hpp"

namespace drp::capi {

char* copy_out(std::string_view text) {
    auto* p = static_cast<char*>(std::malloc(text.size() + 1));
    if (!p) throw std::bad_alloc();
    std::memcpy(p, text.data(), text.size());
    p[text.size()] = '\0';
    return p;
}

nlohmann::json parse_host_json(const char* text, std::string_view what) {
    // Bounded nesting keeps hostile input from exhausting the stack in the recursive parts
    // of nlohmann/json (comparison, serialisation); messages never quote the text.
    return drp::detail::parse_strict(text, what);
}

std::string dump(const nlohmann::json& j) { return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); }

drp::date date_arg(const char* text, const char* name) { return parse_date(required_text(text, name)); }

drp::instant instant_arg(const char* text, const char* name) { return parse_rfc3339(required_text(text, name)); }

std::string utc_text(drp::instant t) {
    auto text = drp::format_rfc3339(t, std::chrono::seconds{0});  // YYYY-MM-DDTHH:MM:SS+00:00
    if (text.size() != 25 || text[0] == '-' || text.compare(0, 4, "0000") == 0)
        throw drp::error(drp::errc::out_of_range, "the instant's UTC year is outside 0001-9999");
    return text.substr(0, 19) + "Z";
}

drp::instant as_of_arg(const drp::policy& p, const char* text, const char* name) {
    return drp::parse_as_of(required_text(text, name), p.zone());
}

}  // namespace drp::capi

extern "C" void drp_string_free(char* s) { std::free(s); }
