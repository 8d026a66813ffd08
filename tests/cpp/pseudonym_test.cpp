// Children's pseudonyms in reports (drp::pseudonym_key, src/report/pseudonym.cpp): keyed
// BLAKE2b-80, so that nobody without the key can recover a child by trying every
// reference (issue 11: the old unkeyed 40-bit FNV-1a fell to a search of "MERC" and five
// digits in under a second).
#include <gtest/gtest.h>

#include <sodium.h>

#include <cctype>
#include <filesystem>
#include <functional>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unordered_set>

#include "drp/report.hpp"

namespace drp {
namespace {

using nlohmann::json;

std::vector<std::uint8_t> counting_bytes(std::size_t n) {
    std::vector<std::uint8_t> b(n);
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(i);
    return b;
}
const std::string key_0_to_31 = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

std::string code_of(const std::function<void()>& f, std::string* message = nullptr) {
    try {
        f();
    } catch (const error& e) {
        if (message) *message = e.what();
        return std::string(to_string(e.code()));
    }
    return "no error";
}

// ---- the function --------------------------------------------------------------------------

TEST(pseudonym, is_C_and_20_hex_digits_of_keyed_BLAKE2b_80_as_python_hashlib_computes_it) {
    // Expected values from Python, independently of libsodium:
    //   hashlib.blake2b(ref.encode(), key=bytes(range(n)), digest_size=10).hexdigest()
    const pseudonym_key k32(counting_bytes(32));
    EXPECT_EQ(k32.pseudonym("MERC12345"), "C-0cf0bfa41f6e3e6f1439");
    EXPECT_EQ(k32.pseudonym("CH-9"), "C-ba7f1b0b2413501ad574");
    EXPECT_EQ(k32.pseudonym(""), "C-c5fab317638c29d40a5f");
    EXPECT_EQ(k32.pseudonym("Zo\xc3\xab"), "C-8921f22f628ae761374c");  // UTF-8 bytes as given
    EXPECT_EQ(pseudonym_key(counting_bytes(16)).pseudonym("MERC12345"), "C-75027a79a0c8f4b900e1");
    EXPECT_EQ(pseudonym_key(counting_bytes(64)).pseudonym("MERC12345"), "C-ea7e41c0a50a77d5195b");
}

TEST(pseudonym, the_same_key_gives_the_same_pseudonym_and_another_key_another) {
    const auto a = pseudonym_key::from_hex(key_0_to_31);
    const auto b = pseudonym_key::from_hex(key_0_to_31);
    EXPECT_EQ(a.pseudonym("MERC61975"), b.pseudonym("MERC61975"));
    const auto other = pseudonym_key::random();
    EXPECT_NE(a.pseudonym("MERC61975"), other.pseudonym("MERC61975"));
}

TEST(pseudonym, a_million_references_get_a_million_different_pseudonyms) {
    // 80 bits: the chance of any collision among 10^6 is ~4e-13 (src/report/pseudonym.cpp).
    const auto k = pseudonym_key::random();
    std::unordered_set<std::string> seen;
    seen.reserve(1'000'000);
    for (int i = 0; i < 1'000'000; ++i) {
        const std::string p = k.pseudonym("MERC" + std::to_string(1'000'000 + i).substr(1));
        ASSERT_EQ(p.size(), 22u);
        seen.insert(p);
    }
    EXPECT_EQ(seen.size(), 1'000'000u);
}

// The attack of issue 11: hash every reference of the known format and look each up.
std::string merc(int i) {
    std::string digits = std::to_string(100'000 + i).substr(1);
    return "MERC" + digits;
}

TEST(pseudonym, trying_every_MERC_reference_without_the_key_recovers_nobody) {
    const auto key = pseudonym_key::random();
    const std::vector<std::string> children = {"MERC94211", "MERC61975", "MERC00000", "MERC99999", "MERC31416"};
    std::set<std::string> published;
    for (const auto& c : children) published.insert(key.pseudonym(c));

    int wrong_key = 0, unkeyed = 0, old_fnv = 0, right_key = 0;
    const auto guess = pseudonym_key::random();  // the attacker's best: some other key
    for (int i = 0; i < 100'000; ++i) {
        const std::string ref = merc(i);
        wrong_key += published.count(guess.pseudonym(ref)) != 0;
        // BLAKE2b-80 without a key, in the same form
        unsigned char mac[10];
        ASSERT_EQ(crypto_generichash(mac, sizeof mac, reinterpret_cast<const unsigned char*>(ref.data()), ref.size(), nullptr, 0), 0);
        std::string hex = "C-";
        for (unsigned char b : mac) hex += "0123456789abcdef"[b >> 4], hex += "0123456789abcdef"[b & 0xf];
        unkeyed += published.count(hex) != 0;
        // the old pseudonym (40-bit FNV-1a), and its digits anywhere in a new one
        std::uint64_t h = 14695981039346656037ull;
        for (unsigned char c : ref) h = (h ^ c) * 1099511628211ull;
        std::string fnv;
        for (int shift = 36; shift >= 0; shift -= 4) fnv += "0123456789abcdef"[(h >> shift) & 0xf];
        for (const auto& p : published) old_fnv += p.find(fnv) != std::string::npos;
        right_key += published.count(key.pseudonym(ref)) != 0;
    }
    EXPECT_EQ(wrong_key, 0);
    EXPECT_EQ(unkeyed, 0);
    EXPECT_EQ(old_fnv, 0);
    EXPECT_EQ(right_key, 5);  // with the key the same search finds every child: keep it secret
}

// ---- keys ------------------------------------------------------------------------------------

TEST(pseudonym_key, hex_text_is_32_to_128_digits_of_either_case_with_white_space_around_ignored) {
    EXPECT_EQ(pseudonym_key::from_hex(key_0_to_31).bytes(), counting_bytes(32));
    EXPECT_EQ(pseudonym_key::from_hex("  \t" + key_0_to_31 + "\r\n\n").bytes(), counting_bytes(32));
    std::string upper = key_0_to_31;
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    EXPECT_EQ(pseudonym_key::from_hex(upper).bytes(), counting_bytes(32));
    EXPECT_EQ(pseudonym_key::from_hex(std::string(32, 'a')).bytes().size(), 16u);
    EXPECT_EQ(pseudonym_key::from_hex(std::string(128, 'f')).bytes().size(), 64u);
    EXPECT_EQ(pseudonym_key::from_hex(key_0_to_31).hex(), key_0_to_31);
}

TEST(pseudonym_key, anything_else_is_a_clear_error_that_never_quotes_the_key) {
    const std::string secret = "5ec2e75ec2e75ec2e75ec2e75ec2e7";  // 30 digits: too short
    struct bad_case {
        std::string text, says;
    };
    const std::vector<bad_case> cases = {
        {secret, "has 30 hex digits"},
        {secret + "5ec", "odd number of hex digits (33)"},
        {std::string(130, 'a'), "has 130 hex digits"},
        {secret + "5g", "not a hex digit (character 32 of 32)"},
        {secret.substr(0, 16) + " " + secret.substr(16) + "ab", "not a hex digit (character 17 of 33)"},
        {"0x" + secret + "ab", "not a hex digit (character 2 of 34)"},
        {"correct horse battery staple", "not a hex digit"},
        {"", "is empty"},
        {" \n\t", "is empty"},
    };
    for (const auto& c : cases) {
        std::string message;
        EXPECT_EQ(code_of([&] { (void)pseudonym_key::from_hex(c.text); }, &message), "invalid_argument") << c.text;
        EXPECT_NE(message.find(c.says), std::string::npos) << message;
        EXPECT_NE(message.find("32 to 128 hex digits"), std::string::npos) << message;
        EXPECT_EQ(message.find(secret.substr(0, 8)), std::string::npos) << message;
        EXPECT_EQ(message.find("horse"), std::string::npos) << message;
    }
    std::string message;
    EXPECT_EQ(code_of([] { (void)pseudonym_key(counting_bytes(15)); }, &message), "invalid_argument");
    EXPECT_NE(message.find("15 bytes"), std::string::npos);
    EXPECT_EQ(code_of([] { (void)pseudonym_key(counting_bytes(65)); }), "invalid_argument");
}

TEST(pseudonym_key, random_keys_are_32_bytes_and_differ) {
    const auto a = pseudonym_key::random(), b = pseudonym_key::random();
    EXPECT_EQ(a.bytes().size(), 32u);
    EXPECT_EQ(a.hex().size(), 64u);
    EXPECT_NE(a.hex(), b.hex());
    EXPECT_EQ(pseudonym_key::from_hex(a.hex()).bytes(), a.bytes());
}

class key_files : public ::testing::Test {
protected:
    std::filesystem::path dir = std::filesystem::temp_directory_path() /
                                ("drp-pseudonym-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
    void SetUp() override { std::filesystem::create_directories(dir); }
    void TearDown() override { std::filesystem::remove_all(dir); }
    std::string write(const std::string& name, const std::string& text) {
        const auto path = (dir / name).string();
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }
};

TEST_F(key_files, a_key_file_holds_the_hex_digits) {
    EXPECT_EQ(read_pseudonym_key(write("k", key_0_to_31 + "\n")).bytes(), counting_bytes(32));
}

TEST_F(key_files, missing_unreadable_or_a_directory_is_io_and_a_malformed_one_names_the_file_not_the_key) {
    std::string message;
    EXPECT_EQ(code_of([&] { (void)read_pseudonym_key((dir / "missing").string()); }, &message), "io");
    EXPECT_NE(message.find("missing"), std::string::npos);
    EXPECT_EQ(code_of([&] { (void)read_pseudonym_key(dir.string()); }, &message), "io");
    EXPECT_NE(message.find("directory"), std::string::npos);
    const std::string secret = "5ec2e75ec2e75ec2e75ec2e7";
    const auto path = write("short.key", secret + "\n");
    EXPECT_EQ(code_of([&] { (void)read_pseudonym_key(path); }, &message), "invalid_argument");
    EXPECT_EQ(message.rfind("[drp.invalid_argument] " + path + ": the pseudonym key has 24 hex digits", 0), 0u) << message;
    EXPECT_EQ(message.find(secret), std::string::npos);
    EXPECT_EQ(message.find("[drp.invalid_argument]", 1), std::string::npos);  // one prefix, not two
}

// ---- in the report ---------------------------------------------------------------------------

json raise_event(const std::string& id, const std::string& at, const std::string& child) {
    return {{"type", "raise"}, {"at", at},           {"dispute_id", id},      {"child_ref", child},
            {"team", "Fostering"}, {"category", "drift_delay"}, {"urgency", "standard"}, {"summary", "Plan drifting"},
            {"due", at.substr(0, 8) + "28"}};
}

// Two children, each raised twice in Q2 and twice in Q3 2025.
replay_result two_quarters(const policy& p) {
    std::string log;
    int n = 0;
    for (const char* month : {"2025-04", "2025-05", "2025-07", "2025-08"})
        for (const char* child : {"MERC94211", "MERC61975"}) {
            ++n;
            log += raise_event("D-" + std::to_string(n), std::string(month) + "-0" + std::to_string(1 + n % 2) + "T09:00:00+01:00", child).dump() + "\n";
        }
    std::istringstream in(log);
    return replay_jsonl(p, in);
}

std::set<std::string> children_of(const json& report) {
    std::set<std::string> out;
    for (const auto& row : report["themes"]["children"]["list"]) out.insert(row["child"].get<std::string>());
    return out;
}

json quarter_report(const policy& p, const replay_result& r, const char* quarter, const report_options& o) {
    const auto [from, to] = parse_quarter(quarter);
    return period_report(p, r, report_period{from, to, std::nullopt}, o);
}

TEST(report_pseudonyms, the_same_key_gives_the_same_pseudonyms_in_every_quarter) {
    const policy p = builtin_policy("merton");
    const auto r = two_quarters(p);
    report_options o;
    o.key = pseudonym_key::from_hex(key_0_to_31);
    const json q2 = quarter_report(p, r, "2025Q2", o), q3 = quarter_report(p, r, "2025Q3", o);
    const std::set<std::string> expected = {o.key->pseudonym("MERC94211"), o.key->pseudonym("MERC61975")};
    EXPECT_EQ(children_of(q2), expected);
    EXPECT_EQ(children_of(q3), expected);
    EXPECT_EQ(q2["themes"]["pseudonym_key"], "supplied");
    EXPECT_EQ(children_of(quarter_report(p, r, "2025Q2", o)), expected);  // and again
}

TEST(report_pseudonyms, without_a_key_each_report_has_its_own_random_key_and_says_so) {
    const policy p = builtin_policy("merton");
    const auto r = two_quarters(p);
    const json a = quarter_report(p, r, "2025Q2", {}), b = quarter_report(p, r, "2025Q2", {});
    EXPECT_EQ(a["themes"]["pseudonym_key"], "random");
    EXPECT_EQ(children_of(a).size(), 2u);
    for (const auto& child : children_of(a)) {
        EXPECT_EQ(child.size(), 22u);
        EXPECT_EQ(child.find_first_not_of("0123456789abcdef", 2), std::string::npos);
        EXPECT_EQ(children_of(b).count(child), 0u);  // cannot be matched with the other report
    }
    const std::string html = report_html(a);
    EXPECT_NE(html.find("pseudonyms made with a random key for this report only: they cannot be matched with other reports"),
              std::string::npos);
    EXPECT_NE(report_csv(a).find("themes,,pseudonym_key,random\n"), std::string::npos);
}

TEST(report_pseudonyms, a_supplied_key_is_named_in_the_html_and_csv) {
    const policy p = builtin_policy("merton");
    report_options o;
    o.key = pseudonym_key::random();
    const json rep = quarter_report(p, two_quarters(p), "2025Q3", o);
    EXPECT_NE(report_html(rep).find("made with the analyst's key: the same child has the same pseudonym in every report "
                                    "made with this key"),
              std::string::npos);
    EXPECT_NE(report_csv(rep).find("themes,,pseudonym_key,supplied\n"), std::string::npos);
    EXPECT_EQ(report_html(rep).find("MERC"), std::string::npos);
    EXPECT_EQ(rep.dump().find("MERC"), std::string::npos);
}

TEST(report_pseudonyms, identified_children_appear_by_child_ref_with_no_key) {
    const policy p = builtin_policy("merton");
    report_options o;
    o.identify_children = true;
    o.key = pseudonym_key::random();  // not used
    const json rep = quarter_report(p, two_quarters(p), "2025Q2", o);
    EXPECT_EQ(children_of(rep), (std::set<std::string>{"MERC61975", "MERC94211"}));
    EXPECT_TRUE(rep["themes"]["pseudonym_key"].is_null());
    EXPECT_TRUE(rep["themes"]["children_identified"].get<bool>());
}

}  // namespace
}  // namespace drp
