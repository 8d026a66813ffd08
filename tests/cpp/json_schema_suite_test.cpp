// The official JSON Schema test suite, draft 2020-12 (../shared/conformance/
// json-schema-test-suite; docs/json-schema.md, "Conformance"). Every case of every group
// drp's validator compiles must get the suite's answer, in every file, claimed or not
// (format is asserted: the two cases that say otherwise are listed). A file is claimed
// unless it is listed as unclaimed, with the reason. In a claimed file, a group refused
// at compile time must be listed, naming what the refusal says, so the set of refusals
// cannot change unseen: an unlisted refusal fails, and so does a listed group that now
// compiles or has gone from the suite.
#include "conformance_dir.hpp"
#include "drp/error.hpp"
#include "drp/json_schema.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

using drp::json::schema;
using nlohmann::json;

// Files of keywords drp does not implement. Their groups are refused at compile time
// (not listed one by one); any group that does compile must still answer every case.
struct unclaimed_file {
    std::string_view file;
    std::string_view reason;
};

constexpr unclaimed_file unclaimed[] = {
    {"anchor.json", "$anchor is not implemented: $ref takes JSON pointers within the document"},
    {"contains.json", "contains is not implemented"},
    {"content.json", "contentEncoding, contentMediaType and contentSchema are not implemented"},
    {"dependentSchemas.json", "dependentSchemas is not implemented"},
    {"dynamicRef.json", "$dynamicRef and $dynamicAnchor are not implemented"},
    {"maxContains.json", "maxContains is not implemented (nor contains)"},
    {"minContains.json", "minContains is not implemented (nor contains)"},
    {"refRemote.json", "remote references: $ref resolves only within the document, never fetches"},
    {"unevaluatedItems.json", "unevaluatedItems is not implemented"},
    {"unevaluatedProperties.json", "unevaluatedProperties is not implemented"},
    {"vocabulary.json", "$vocabulary and custom metaschemas are not implemented"},
    {"optional/anchor.json", "$anchor is not implemented"},
    {"optional/cross-draft.json", "remote references to other drafts' schemas"},
    {"optional/dependencies-compatibility.json", "dependencies (drafts 4-7) is refused with advice to write dependentRequired"},
    {"optional/dynamicRef.json", "$dynamicRef is not implemented"},
    {"optional/format-assertion.json", "$vocabulary and custom metaschemas are not implemented"},
    {"optional/refOfUnknownKeyword.json", "unknown keywords are refused, so nothing can refer into one"},
    {"optional/unknownKeyword.json", "unknown keywords are refused rather than ignored"},
    {"optional/format/duration.json", "format \"duration\" is refused: only date and date-time are checked"},
    {"optional/format/ecmascript-regex.json", "format \"regex\" is refused"},
    {"optional/format/email.json", "format \"email\" is refused"},
    {"optional/format/hostname.json", "format \"hostname\" is refused"},
    {"optional/format/idn-email.json", "format \"idn-email\" is refused"},
    {"optional/format/idn-hostname.json", "format \"idn-hostname\" is refused"},
    {"optional/format/ipv4.json", "format \"ipv4\" is refused"},
    {"optional/format/ipv6.json", "format \"ipv6\" is refused"},
    {"optional/format/iri-reference.json", "format \"iri-reference\" is refused"},
    {"optional/format/iri.json", "format \"iri\" is refused"},
    {"optional/format/json-pointer.json", "format \"json-pointer\" is refused"},
    {"optional/format/regex.json", "format \"regex\" is refused"},
    {"optional/format/relative-json-pointer.json", "format \"relative-json-pointer\" is refused"},
    {"optional/format/time.json", "format \"time\" is refused"},
    {"optional/format/unknown.json", "an unknown format is refused rather than ignored"},
    {"optional/format/uri-reference.json", "format \"uri-reference\" is refused"},
    {"optional/format/uri-template.json", "format \"uri-template\" is refused"},
    {"optional/format/uri.json", "format \"uri\" is refused"},
    {"optional/format/uuid.json", "format \"uuid\" is refused"},
};

// Groups refused in the claimed files: the file, the group's description, and where the
// compile error points and what it says, so a refusal for another reason fails too.
struct refused_group {
    std::string_view file;
    std::string_view group;
    std::string_view at;       // the schema pointer the error names
    std::string_view because;  // a fragment of its message
};

constexpr refused_group refused[] = {
    {"additionalProperties.json", "dependentSchemas with additionalProperties",
     "#/dependentSchemas", "unknown keyword \"dependentSchemas\""},
    {"defs.json", "validate definition against metaschema", "#/$ref", "only references within this document"},
    {"format.json", "email format", "#/format", "format \"email\" is not supported"},
    {"format.json", "idn-email format", "#/format", "format \"idn-email\" is not supported"},
    {"format.json", "regex format", "#/format", "format \"regex\" is not supported"},
    {"format.json", "ipv4 format", "#/format", "format \"ipv4\" is not supported"},
    {"format.json", "ipv6 format", "#/format", "format \"ipv6\" is not supported"},
    {"format.json", "idn-hostname format", "#/format", "format \"idn-hostname\" is not supported"},
    {"format.json", "hostname format", "#/format", "format \"hostname\" is not supported"},
    {"format.json", "time format", "#/format", "format \"time\" is not supported"},
    {"format.json", "json-pointer format", "#/format", "format \"json-pointer\" is not supported"},
    {"format.json", "relative-json-pointer format", "#/format", "format \"relative-json-pointer\" is not supported"},
    {"format.json", "iri format", "#/format", "format \"iri\" is not supported"},
    {"format.json", "iri-reference format", "#/format", "format \"iri-reference\" is not supported"},
    {"format.json", "uri format", "#/format", "format \"uri\" is not supported"},
    {"format.json", "uri-reference format", "#/format", "format \"uri-reference\" is not supported"},
    {"format.json", "uri-template format", "#/format", "format \"uri-template\" is not supported"},
    {"format.json", "uuid format", "#/format", "format \"uuid\" is not supported"},
    {"format.json", "duration format", "#/format", "format \"duration\" is not supported"},
    {"not.json", "collect annotations inside a 'not', even if collection is disabled",
     "#/not/unevaluatedProperties", "unknown keyword \"unevaluatedProperties\""},
    {"optional/ecmascript-regex.json", "ECMA 262 regex escapes control codes with \\c and upper letter",
     "#/pattern", "control-character escape \\cC"},
    {"optional/ecmascript-regex.json", "ECMA 262 regex escapes control codes with \\c and lower letter",
     "#/pattern", "control-character escape \\cc"},
    {"optional/ecmascript-regex.json", "patterns always use unicode semantics with pattern",
     "#/pattern", "Unicode property escape (\\p{...})"},
    {"optional/ecmascript-regex.json", "pattern with non-ASCII digits",
     "#/pattern", "Unicode property escape (\\p{...})"},
    {"optional/ecmascript-regex.json", "patterns always use unicode semantics with patternProperties",
     "#/patternProperties/\\p{Letter}cole", "Unicode property escape (\\p{...})"},
    {"optional/ecmascript-regex.json", "patternProperties with non-ASCII digits",
     "#/patternProperties/^\\p{digit}+$", "Unicode property escape (\\p{...})"},
    {"optional/id.json", "$id inside an enum is not a real identifier",
     "#/$defs/real_id_in_schema/$id", "only the root schema may have an $id"},
    {"pattern.json", "pattern with Unicode property escape requires unicode mode",
     "#/pattern", "Unicode property escape (\\p{...})"},
    {"patternProperties.json", "patternProperties with Unicode property escape",
     "#/patternProperties/^\\p{Letter}+$", "Unicode property escape (\\p{...})"},
    {"ref.json", "remote ref, containing refs itself", "#/$ref", "only references within this document"},
    {"ref.json", "Recursive references between schemas", "#/$defs/node/$id", "only the root schema may have an $id"},
    {"ref.json", "ref creates new scope when adjacent to keywords",
     "#/$defs/A/unevaluatedProperties", "unknown keyword \"unevaluatedProperties\""},
    {"ref.json", "refs with relative uris and defs", "#/properties/foo/$id", "only the root schema may have an $id"},
    {"ref.json", "relative refs with absolute uris and defs",
     "#/properties/foo/$id", "only the root schema may have an $id"},
    {"ref.json", "$id must be resolved against nearest parent, not just immediate parent",
     "#/$defs/x/$id", "only the root schema may have an $id"},
    {"ref.json", "order of evaluation: $id and $ref", "#/$defs/bigint/$id", "only the root schema may have an $id"},
    {"ref.json", "order of evaluation: $id and $anchor and $ref",
     "#/$defs/bigint/$anchor", "unknown keyword \"$anchor\""},
    {"ref.json", "order of evaluation: $id and $ref on nested schema",
     "#/$defs/bar/$id", "only the root schema may have an $id"},
    {"ref.json", "URN base URI with URN and anchor ref", "#/$defs/bar/$anchor", "unknown keyword \"$anchor\""},
    {"ref.json", "URN ref with nested pointer ref", "#/$defs/foo/$id", "only the root schema may have an $id"},
    {"ref.json", "ref to if", "#/if/$id", "only the root schema may have an $id"},
    {"ref.json", "ref to then", "#/then/$id", "only the root schema may have an $id"},
    {"ref.json", "ref to else", "#/else/$id", "only the root schema may have an $id"},
    {"ref.json", "ref with absolute-path-reference", "#/$defs/a/$id", "only the root schema may have an $id"},
};

// drp asserts "date" and "date-time" (docs/json-schema.md, "format"), as the suite's
// optional/format/date.json and date-time.json expect; format.json's cases of an invalid
// date that is "only an annotation by default" it therefore refuses. Listed, so that the
// choice is visible and a change of it fails.
struct suite_case {
    std::string_view file;
    std::string_view group;
    std::string_view test;
};

constexpr suite_case format_asserted[] = {
    {"format.json", "date format", "invalid date string is only an annotation by default"},
    {"format.json", "date-time format", "invalid date-time string is only an annotation by default"},
};

std::filesystem::path suite_dir() { return drp::testing::conformance_dir() / "json-schema-test-suite" / "draft2020-12"; }

json read_json(const std::filesystem::path& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path.string() + "; set DRP_CONFORMANCE_DIR");
    return json::parse(in);
}

// Every file of the suite, relative to draft2020-12/, in order.
std::vector<std::string> suite_files() {
    std::vector<std::string> out;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(suite_dir()))
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            out.push_back(entry.path().lexically_relative(suite_dir()).generic_string());
    std::sort(out.begin(), out.end());
    return out;
}

// The entry of a list whose key fields equal the given ones, or nullptr.
template <class Entry, std::size_t N, class Matches>
const Entry* find_in(const Entry (&list)[N], Matches&& matches) {
    const auto it = std::find_if(std::begin(list), std::end(list), matches);
    return it == std::end(list) ? nullptr : it;
}

// The compile error of a group's schema, or nullopt when it compiles (into compiled).
std::optional<std::string> refusal(const json& schema_document, std::optional<schema>& compiled) {
    try {
        compiled = schema::compile(schema_document);
        return std::nullopt;
    } catch (const drp::error& e) {
        EXPECT_EQ(e.code(), drp::errc::schema) << e.what();
        return std::string(e.what());
    }
}

struct figures {
    std::size_t cases = 0, passed = 0, compiled_groups = 0, refused_listed = 0, refused_unclaimed = 0;
};

// Runs one group: compiles its schema, checks a refusal against the list (claimed files
// only) and every case's answer against the suite (or against format_asserted).
void run_group(const std::string& file, bool claimed, const json& group, figures& f) {
    const auto& description = group.at("description").get_ref<const std::string&>();
    SCOPED_TRACE(file + " / " + description);
    std::optional<schema> compiled;
    const auto error = refusal(group.at("schema"), compiled);
    const auto* listed = claimed ? find_in(refused, [&](const auto& r) { return r.file == file && r.group == description; }) : nullptr;
    if (error) {
        ++(claimed ? f.refused_listed : f.refused_unclaimed);
        if (!claimed) return;
        if (!listed) {
            ADD_FAILURE() << "refused but not listed in refused[]: " << *error;
        } else {
            EXPECT_NE(error->find("invalid schema at " + std::string(listed->at) + ": "), std::string::npos) << *error;
            EXPECT_NE(error->find(listed->because), std::string::npos) << *error;
        }
        return;
    }
    EXPECT_EQ(listed, nullptr) << "listed in refused[] but compiles";
    ++f.compiled_groups;
    for (const json& test : group.at("tests")) {
        const auto& name = test.at("description").get_ref<const std::string&>();
        const bool asserted = find_in(format_asserted, [&](const auto& c) { return c.file == file && c.group == description && c.test == name; });
        const bool expected = test.at("valid").get<bool>() != asserted;
        const auto errors = compiled->validate(test.at("data"));
        const bool is_valid = compiled->is_valid(test.at("data"));
        ++f.cases;
        if (errors.empty() == expected && is_valid == expected) {
            ++f.passed;
            continue;
        }
        ADD_FAILURE() << name << ": expected " << (expected ? "valid" : "invalid") << (asserted ? " (format asserted)" : "")
                      << "; validate says " << (errors.empty() ? "valid" : drp::json::to_string(errors.front()))
                      << ", is_valid says " << (is_valid ? "valid" : "invalid") << "\n  data: " << test.at("data").dump();
    }
}

TEST(JsonSchemaSuite, EveryUnclaimedFileIsInTheSuite) {
    const auto files = suite_files();
    ASSERT_FALSE(files.empty()) << "no suite files under " << suite_dir();
    for (const auto& u : unclaimed)
        EXPECT_TRUE(std::find(files.begin(), files.end(), u.file) != files.end()) << u.file << " is listed but not in the suite";
}

TEST(JsonSchemaSuite, EveryCompiledGroupGetsTheSuitesAnswerAndEveryRefusalIsListed) {
    figures f;
    std::size_t groups = 0;
    for (const auto& file : suite_files()) {
        const bool claimed = !find_in(unclaimed, [&](const auto& u) { return u.file == file; });
        const json suite = read_json(suite_dir() / file);
        for (const json& group : suite) run_group(file, claimed, group, f);
        groups += suite.size();
    }
    // A listed group or case the suite no longer has is a stale entry.
    auto group_exists = [&](std::string_view file, std::string_view group, std::string_view test) {
        const json suite = read_json(suite_dir() / file);
        return std::any_of(suite.begin(), suite.end(), [&](const json& g) {
            return g.at("description") == group &&
                   (test.empty() || std::any_of(g.at("tests").begin(), g.at("tests").end(), [&](const json& t) { return t.at("description") == test; }));
        });
    };
    for (const auto& r : refused) EXPECT_TRUE(group_exists(r.file, r.group, "")) << r.file << " / " << r.group << " is listed but not in the suite";
    for (const auto& c : format_asserted)
        EXPECT_TRUE(group_exists(c.file, c.group, c.test)) << c.file << " / " << c.group << " / " << c.test << " is listed but not in the suite";
    EXPECT_EQ(f.refused_listed, std::size(refused));
    std::cout << "JSON Schema suite (draft 2020-12): " << f.passed << " of " << f.cases << " cases right in " << f.compiled_groups
              << " compiled groups; " << f.refused_listed << " groups refused in claimed files (listed), " << f.refused_unclaimed
              << " in the " << std::size(unclaimed) << " unclaimed files; " << groups << " groups in all\n";
}

}  // namespace
