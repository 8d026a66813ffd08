// drp_error_last / drp_error_name, and the one place where C++ exceptions become status
// codes and the calling thread's message.
#include <new>
#include <string>

#include "capi/capi.hpp"
#include "common/safe_text.hpp"

namespace drp::capi {
namespace {

// The codes of drp.h are drp::errc's; this keeps the two in step.
static_assert(DRP_OK == static_cast<int>(errc::ok));
static_assert(DRP_EINVALID_ARGUMENT == static_cast<int>(errc::invalid_argument));
static_assert(DRP_EINVALID_DATE == static_cast<int>(errc::invalid_date));
static_assert(DRP_EOUT_OF_RANGE == static_cast<int>(errc::out_of_range));
static_assert(DRP_EUNKNOWN_DIVISION == static_cast<int>(errc::unknown_division));
static_assert(DRP_EINVALID_JSON == static_cast<int>(errc::invalid_json));
static_assert(DRP_ESCHEMA == static_cast<int>(errc::schema));
static_assert(DRP_ESEMANTIC == static_cast<int>(errc::semantic));
static_assert(DRP_EINVALID_EVENT == static_cast<int>(errc::invalid_event));
static_assert(DRP_ENOT_PERMITTED == static_cast<int>(errc::not_permitted));
static_assert(DRP_EOUT_OF_ORDER == static_cast<int>(errc::out_of_order));
static_assert(DRP_EUNKNOWN_STAGE == static_cast<int>(errc::unknown_stage));
static_assert(DRP_EIO == static_cast<int>(errc::io));
static_assert(DRP_EINTERNAL == static_cast<int>(errc::internal));

struct last_error {
    std::string message;
    const char* fallback = nullptr;  // when even the message could not be stored
};
thread_local last_error current;

// Messages may quote the host's bytes (a parser's "last read"); hosts decode them as
// UTF-8, so anything else is escaped as \xNN. Line breaks (a diagnostic's hint) stay.
std::string printable(std::string_view text) {
    std::string out;
    for (std::size_t start = 0;;) {
        const auto end = text.find('\n', start);
        out += detail::safe_text(text.substr(start, end - start));
        if (end == std::string_view::npos) return out;
        out += '\n';
        start = end + 1;
    }
}

int fail(int code, const char* prefix, const char* what) noexcept {
    try {
        current.message.assign(prefix);
        current.message.append(printable(what));
        current.fallback = nullptr;
    } catch (...) {
        current.fallback = code == DRP_ENOMEM ? "[drp.out_of_memory] out of memory"
                                              : "[drp] an error occurred and its message could not be stored";
    }
    return code;
}

}  // namespace

void clear_error() noexcept {
    current.message.clear();
    current.fallback = nullptr;
}

int fail_with_current_exception() noexcept {
    try {
        throw;
    } catch (const drp::error& e) {
        return fail(static_cast<int>(e.code()), "", e.what());
    } catch (const nlohmann::json::exception& e) {
        // The engine reports bad input with drp::error; a raw JSON exception is a gap there.
        return fail(DRP_EINTERNAL, "[drp.internal] unexpected JSON error: ", e.what());
    } catch (const std::bad_alloc&) {
        return fail(DRP_ENOMEM, "[drp.out_of_memory] ", "out of memory");
    } catch (const std::exception& e) {
        return fail(DRP_EINTERNAL, "[drp.internal] ", e.what());
    } catch (...) {
        return fail(DRP_EINTERNAL, "[drp.internal] ", "unknown exception");
    }
}

void invalid_argument(const std::string& message) { throw error(errc::invalid_argument, message); }

}  // namespace drp::capi

extern "C" {

const char* drp_error_last(void) {
    using drp::capi::current;
    return current.fallback ? current.fallback : current.message.c_str();
}

const char* drp_error_name(int code) {
    switch (code) {
        case DRP_ENOMEM: return "out_of_memory";
        default: return drp::to_string(static_cast<drp::errc>(code)).data();  // string literals
    }
}

}  // extern "C"
