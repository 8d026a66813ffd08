#include "drp/error.hpp"

namespace drp {

std::string_view to_string(errc code) noexcept {
    switch (code) {
        case errc::ok: return "ok";
        case errc::invalid_argument: return "invalid_argument";
        case errc::invalid_date: return "invalid_date";
        case errc::out_of_range: return "out_of_range";
        case errc::unknown_division: return "unknown_division";
        case errc::invalid_json: return "invalid_json";
        case errc::schema: return "schema";
        case errc::semantic: return "semantic";
        case errc::invalid_event: return "invalid_event";
        case errc::not_permitted: return "not_permitted";
        case errc::out_of_order: return "out_of_order";
        case errc::unknown_stage: return "unknown_stage";
        case errc::io: return "io";
        case errc::internal: return "internal";
    }
    return "unknown";
}

}  // namespace drp
