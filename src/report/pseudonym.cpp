// Children's pseudonyms in reports: keyed BLAKE2b from libsodium (drp/report.hpp,
// pseudonym_key; docs/analyst-guide.md says what they protect and what they do not).
//
// Why keyed: the old pseudonym was an unkeyed 40-bit FNV-1a of child_ref, so anyone who
// knew the reference format (Merton's "MERC" and five digits: 100,000 references) could
// hash every reference and recover every child of a shared report in well under a second.
// A MAC under a secret key of at least 128 bits cannot be recomputed without the key, so
// trying every reference recovers nothing; the key holder can still test a guess.
//
// Why libsodium rather than OpenSSL's libcrypto: a small API that is hard to misuse
// (crypto_generichash takes the key as an argument; there is no context to forget to free
// or mode to get wrong), keyed BLAKE2b built in (a MAC by design, no HMAC construction
// needed), and randombytes_buf drawing from the operating system's CSPRNG.
//
// Why 80 bits (10 bytes): pseudonyms must not collide, or two children would be counted
// as one. For n references among N = 2^80 outputs the chance of any collision is about
// n^2 / 2N; for a million children that is 10^12 / (2 x 1.2089 x 10^24) ~ 4.1 x 10^-13.
// (40 bits, the old width, gave 10^12 / 2.2 x 10^12: a collision more likely than not.)
// libsodium documents crypto_generichash_BYTES_MIN (16) as the smallest output for
// collision resistance against an adversary who chooses the inputs; the function accepts
// 1 to 64 bytes, and here the inputs are the authority's own references, not chosen to
// collide. BLAKE2b puts the output length in its parameter block, so this is BLAKE2b-80,
// not a truncation: Python's hashlib.blake2b(ref, key=key, digest_size=10) gives the same
// bytes (tests/python/test_pseudonyms.py checks it).
//
// No global state of drp's own: sodium_init() may be called any number of times from any
// thread (it returns 1 once libsodium has started), so every entry point that needs it
// calls it.
#include <sodium.h>

#include <string>
#include <vector>

#include "common/input.hpp"
#include "drp/report.hpp"

namespace drp {
namespace {

constexpr std::size_t pseudonym_bytes = 10;  // 80 bits; see above
constexpr char hex_digits[] = "0123456789abcdef";

void start_sodium() {
    if (sodium_init() < 0) throw error(errc::internal, "libsodium could not start (sodium_init failed)");
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

const std::string key_format = "a pseudonym key is 32 to 128 hex digits (16 to 64 bytes; drp keygen makes one)";

// Wipes a string holding key text when it goes out of scope, however it is left.
struct wipe_on_exit {
    std::string& text;
    ~wipe_on_exit() { sodium_memzero(text.data(), text.size()); }
};

}  // namespace

pseudonym_key::pseudonym_key(std::vector<std::uint8_t> bytes) : bytes_(std::move(bytes)) {
    if (bytes_.size() < min_bytes || bytes_.size() > max_bytes) {
        const auto n = bytes_.size();
        sodium_memzero(bytes_.data(), bytes_.size());
        throw error(errc::invalid_argument, "the pseudonym key has " + std::to_string(n) + " bytes; " + key_format);
    }
    start_sodium();  // picks libsodium's fastest BLAKE2b for this processor
}

pseudonym_key::~pseudonym_key() { sodium_memzero(bytes_.data(), bytes_.size()); }

pseudonym_key pseudonym_key::from_hex(std::string_view text) {
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    if (text.empty()) throw error(errc::invalid_argument, "the pseudonym key is empty; " + key_format);
    for (std::size_t i = 0; i < text.size(); ++i)
        if (hex_value(text[i]) < 0)
            throw error(errc::invalid_argument, "the pseudonym key has a character that is not a hex digit (character " +
                                                    std::to_string(i + 1) + " of " + std::to_string(text.size()) + "); " +
                                                    key_format);
    if (text.size() % 2 != 0)
        throw error(errc::invalid_argument,
                    "the pseudonym key has an odd number of hex digits (" + std::to_string(text.size()) + "); " + key_format);
    if (text.size() < 2 * min_bytes || text.size() > 2 * max_bytes)
        throw error(errc::invalid_argument,
                    "the pseudonym key has " + std::to_string(text.size()) + " hex digits; " + key_format);
    std::vector<std::uint8_t> bytes(text.size() / 2);
    for (std::size_t i = 0; i < bytes.size(); ++i)
        bytes[i] = static_cast<std::uint8_t>(hex_value(text[2 * i]) * 16 + hex_value(text[2 * i + 1]));
    return pseudonym_key(std::move(bytes));
}

pseudonym_key pseudonym_key::random() {
    start_sodium();
    std::vector<std::uint8_t> bytes(generated_bytes);
    randombytes_buf(bytes.data(), bytes.size());
    return pseudonym_key(std::move(bytes));
}

std::string pseudonym_key::hex() const {
    std::string out;
    out.reserve(2 * bytes_.size());
    for (auto b : bytes_) {
        out += hex_digits[b >> 4];
        out += hex_digits[b & 0xf];
    }
    return out;
}

std::string pseudonym_key::pseudonym(std::string_view child_ref) const {
    unsigned char mac[pseudonym_bytes];
    if (crypto_generichash(mac, sizeof mac, reinterpret_cast<const unsigned char*>(child_ref.data()), child_ref.size(),
                           bytes_.data(), bytes_.size()) != 0)
        throw error(errc::internal, "libsodium refused a keyed BLAKE2b of " + std::to_string(pseudonym_bytes) + " bytes");
    std::string out = "C-";
    out.reserve(2 + 2 * sizeof mac);
    for (unsigned char b : mac) {
        out += hex_digits[b >> 4];
        out += hex_digits[b & 0xf];
    }
    return out;
}

pseudonym_key read_pseudonym_key(const std::string& path) {
    std::string text = detail::read_file(path);
    const wipe_on_exit wipe{text};
    try {
        return pseudonym_key::from_hex(text);
    } catch (const error& e) {
        // from_hex's message never quotes the text; name the file (dropping the code prefix).
        std::string what = e.what();
        if (const auto end = what.find("] "); what.rfind("[drp.", 0) == 0 && end != std::string::npos) what.erase(0, end + 2);
        throw error(e.code(), path + ": " + what);
    }
}

}  // namespace drp
