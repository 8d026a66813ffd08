// The C API as a host sees it: every function's documented results and error codes, bad
// input refused without a crash, and apply's strong guarantee through the boundary.
#include "capi_test.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <fstream>
#include <sstream>
#include <thread>

namespace {

using namespace drp_test;
using nlohmann::json;

std::string field(const drp_list* l, size_t i, const char* name) { return text_or_empty(drp_list_get(l, i, name)); }

json list_json(const drp_list* l) {
    char* text = nullptr;
    EXPECT_EQ(drp_list_json(&text, l), DRP_OK);
    return json::parse(string_ptr(text).get());
}

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const std::string seeds = DRP_SOURCE_DIR "/policies/";
const std::string invalid = DRP_SOURCE_DIR "/tests/fixtures/policies/invalid/";

// ---- library, errors ---------------------------------------------------------------

TEST(CApiLibrary, RunTimeVersionMatchesTheHeader) {
    EXPECT_STREQ(drp_version(), DRP_VERSION_STRING);
    EXPECT_EQ(drp_version_number(), DRP_VERSION_NUMBER);
    EXPECT_EQ(drp_version_number() / 10000, DRP_VERSION_MAJOR);
}

TEST(CApiErrors, CodesHaveStableNames) {
    EXPECT_STREQ(drp_error_name(DRP_OK), "ok");
    EXPECT_STREQ(drp_error_name(DRP_EINVALID_ARGUMENT), "invalid_argument");
    EXPECT_STREQ(drp_error_name(DRP_ENOT_PERMITTED), "not_permitted");
    EXPECT_STREQ(drp_error_name(DRP_EIO), "io");
    EXPECT_STREQ(drp_error_name(DRP_ENOMEM), "out_of_memory");
    EXPECT_STREQ(drp_error_name(DRP_EINTERNAL), "internal");
    EXPECT_STREQ(drp_error_name(12345), "unknown");
}

TEST(CApiErrors, MessageNamesTheProblemAndClearsOnSuccess) {
    calendar_ptr cal;
    drp_calendar* c = nullptr;
    ASSERT_EQ(drp_calendar_new(&c, nullptr), DRP_OK);
    cal.reset(c);
    int working = -1;
    EXPECT_EQ(drp_calendar_is_working_day(&working, c, "2026-02-30"), DRP_EINVALID_DATE);
    EXPECT_NE(std::string(drp_error_last()).find("[drp.invalid_date]"), std::string::npos) << drp_error_last();
    EXPECT_NE(std::string(drp_error_last()).find("2026-02-30"), std::string::npos) << drp_error_last();
    EXPECT_EQ(working, 0) << "outputs are reset on failure";
    EXPECT_EQ(drp_calendar_is_working_day(&working, c, "2026-12-25"), DRP_OK);
    EXPECT_STREQ(drp_error_last(), "");
}

TEST(CApiErrors, EachThreadHasItsOwnMessage) {
    EXPECT_EQ(drp_policy_builtin(nullptr, "merton"), DRP_EINVALID_ARGUMENT);
    const std::string mine = drp_error_last();
    std::string theirs = "unset";
    std::thread([&] { theirs = drp_error_last(); }).join();
    EXPECT_EQ(theirs, "");
    EXPECT_EQ(std::string(drp_error_last()), mine);
    EXPECT_NE(mine.find("out must not be NULL"), std::string::npos) << mine;
}

TEST(CApiErrors, EveryFreeFunctionAcceptsNull) {
    drp_string_free(nullptr);
    drp_list_free(nullptr);
    drp_calendar_free(nullptr);
    drp_policy_free(nullptr);
    drp_dispute_free(nullptr);
}

TEST(CApiErrors, NullArgumentsAreRefusedNotCrashed) {
    const auto merton = builtin("merton");
    const auto d = new_dispute(merton.get());
    drp_policy* p = nullptr;
    drp_dispute* dd = nullptr;
    drp_calendar* c = nullptr;
    drp_list* l = nullptr;
    char* s = nullptr;
    int n = 0;
    EXPECT_EQ(drp_calendar_new(nullptr, nullptr), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_calendar_add_closure(nullptr, "2026-12-29", nullptr), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_calendar_remove_closure(&n, nullptr, "2026-12-29"), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_calendar_import_govuk(nullptr, "{}"), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_calendar_is_working_day(&n, nullptr, "2026-12-29"), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_calendar_add_working_days(&s, nullptr, "2026-12-29", 1), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_calendar_working_days_between(&n, nullptr, "2026-12-29", "2027-01-29"), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_calendar_holidays(&l, nullptr, 2026), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_policy_load(&p, &l, nullptr, nullptr), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_policy_load(nullptr, nullptr, "{}", nullptr), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_policy_load_file(&p, &l, nullptr, nullptr), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_policy_builtin(&p, nullptr), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_policy_stages(&l, nullptr), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_policy_calendar(&c, nullptr), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_policy_load_options_init(nullptr, DRP_POLICY_LOAD_OPTIONS_VERSION), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_dispute_new(&dd, nullptr), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_dispute_new(nullptr, merton.get()), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_dispute_from_json(&dd, merton.get(), nullptr), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_dispute_apply(&l, nullptr, raise_at_ir1().c_str()), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_dispute_apply(&l, d.get(), nullptr), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_dispute_state_json(nullptr, d.get(), nullptr), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_dispute_state_json(&s, nullptr, nullptr), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_dispute_obligations(&l, nullptr, nullptr), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_dispute_allowed_next(&l, d.get(), nullptr), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_list_json(&s, nullptr), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(p, nullptr);
    EXPECT_EQ(dd, nullptr);
    EXPECT_EQ(c, nullptr);
    EXPECT_EQ(l, nullptr);
    EXPECT_EQ(s, nullptr);
    EXPECT_EQ(drp_list_count(nullptr), 0u);
    EXPECT_EQ(drp_list_get(nullptr, 0, "id"), nullptr);
    EXPECT_EQ(drp_policy_id(nullptr), nullptr);
    EXPECT_EQ(drp_policy_source(nullptr), nullptr);
    EXPECT_EQ(drp_dispute_status(nullptr), nullptr);
    EXPECT_EQ(drp_dispute_stage(nullptr), nullptr);
    EXPECT_EQ(drp_dispute_id(nullptr), nullptr);
}

TEST(CApiErrors, HandleOfTheWrongKindIsRefused) {
    // What a C#, Delphi or ctypes host can do by mixing up two IntPtrs.
    const auto merton = builtin("merton");
    auto* as_dispute = reinterpret_cast<drp_dispute*>(merton.get());
    drp_list* l = nullptr;
    EXPECT_EQ(drp_dispute_apply(&l, as_dispute, raise_at_ir1().c_str()), DRP_EINVALID_ARGUMENT);
    EXPECT_NE(std::string(drp_error_last()).find("not a dispute handle"), std::string::npos) << drp_error_last();
    EXPECT_EQ(drp_dispute_status(as_dispute), nullptr);
    drp_dispute_free(as_dispute);  // ignored: not a dispute
    EXPECT_STREQ(drp_policy_id(merton.get()), "merton");
    EXPECT_EQ(drp_list_count(reinterpret_cast<drp_list*>(merton.get())), 0u);
}

// ---- calendar ----------------------------------------------------------------------

struct CApiCalendar : testing::Test {
    calendar_ptr cal;
    void SetUp() override {
        drp_calendar* c = nullptr;
        ASSERT_EQ(drp_calendar_new(&c, "england-and-wales"), DRP_OK);
        cal.reset(c);
    }
    std::string add(const char* date, int n) {
        char* out = nullptr;
        EXPECT_EQ(drp_calendar_add_working_days(&out, cal.get(), date, n), DRP_OK) << drp_error_last();
        return text_or_empty(string_ptr(out).get());
    }
};

TEST_F(CApiCalendar, IR1RaisedOn21DecemberWithTenWorkingDaysIsDue7January) {
    EXPECT_EQ(add("2026-12-21", 10), "2027-01-07");
}

TEST_F(CApiCalendar, RaisedOnASaturdayWithFiveWorkingDaysIsDueOnFriday) { EXPECT_EQ(add("2026-11-21", 5), "2026-11-27"); }

TEST_F(CApiCalendar, ClosureDaysAddedAndRemovedAtRunTime) {
    for (const char* day : {"2026-12-29", "2026-12-30", "2026-12-31"})
        ASSERT_EQ(drp_calendar_add_closure(cal.get(), day, "Council closed"), DRP_OK);
    EXPECT_EQ(add("2026-12-21", 10), "2027-01-12");
    int removed = -1;
    EXPECT_EQ(drp_calendar_remove_closure(&removed, cal.get(), "2026-12-29"), DRP_OK);
    EXPECT_EQ(removed, 1);
    EXPECT_EQ(drp_calendar_remove_closure(&removed, cal.get(), "2026-12-29"), DRP_OK);
    EXPECT_EQ(removed, 0);
    EXPECT_EQ(add("2026-12-21", 10), "2027-01-11");
    int between = 0;
    EXPECT_EQ(drp_calendar_working_days_between(&between, cal.get(), "2026-12-21", "2027-01-11"), DRP_OK);
    EXPECT_EQ(between, 10);
}

TEST_F(CApiCalendar, HolidaysOfAYearAsAList) {
    drp_list* l = nullptr;
    ASSERT_EQ(drp_calendar_holidays(&l, cal.get(), 2026), DRP_OK);
    const list_ptr holidays(l);
    ASSERT_EQ(drp_list_count(l), 8u);
    EXPECT_EQ(field(l, 6, "date"), "2026-12-25");
    EXPECT_EQ(field(l, 6, "title"), "Christmas Day");
    EXPECT_EQ(field(l, 7, "notes"), "Substitute day");
    EXPECT_EQ(field(l, 7, "source"), "builtin");
    EXPECT_EQ(drp_list_get(l, 8, "date"), nullptr);
    EXPECT_EQ(drp_list_get(l, 0, "no-such-field"), nullptr);
}

TEST_F(CApiCalendar, BadInputGivesTypedCodes) {
    drp_calendar* other = nullptr;
    EXPECT_EQ(drp_calendar_new(&other, "wales"), DRP_EUNKNOWN_DIVISION);
    EXPECT_EQ(other, nullptr);
    char* out = nullptr;
    EXPECT_EQ(drp_calendar_add_working_days(&out, cal.get(), "21/12/2026", 10), DRP_EINVALID_DATE);
    EXPECT_EQ(drp_calendar_add_working_days(&out, cal.get(), "2199-12-30", 10), DRP_EOUT_OF_RANGE);
    EXPECT_EQ(out, nullptr);
    drp_list* l = nullptr;
    EXPECT_EQ(drp_calendar_holidays(&l, cal.get(), 1800), DRP_EOUT_OF_RANGE);
    EXPECT_EQ(drp_calendar_add_closure(cal.get(), "1969-12-31", nullptr), DRP_EOUT_OF_RANGE);
    EXPECT_EQ(drp_calendar_import_govuk(cal.get(), "{not json"), DRP_EINVALID_JSON);
    EXPECT_EQ(drp_calendar_import_govuk(cal.get(), "{\"england-and-wales\": 3}"), DRP_ESCHEMA);
    EXPECT_EQ(add("2026-12-21", 10), "2027-01-07") << "a refused import changes nothing";
}

TEST_F(CApiCalendar, ImportedGovukFileReplacesThatYear) {
    const char* file = R"({"england-and-wales": {"division": "england-and-wales", "events": [
        {"title": "Extra bank holiday", "date": "2026-12-22", "notes": "", "bunting": true}]}})";
    ASSERT_EQ(drp_calendar_import_govuk(cal.get(), file), DRP_OK) << drp_error_last();
    int working = 1;
    ASSERT_EQ(drp_calendar_is_working_day(&working, cal.get(), "2026-12-22"), DRP_OK);
    EXPECT_EQ(working, 0);
    ASSERT_EQ(drp_calendar_is_working_day(&working, cal.get(), "2026-12-25"), DRP_OK);
    EXPECT_EQ(working, 1) << "the file's 2026 replaces the built-in 2026";
}

// ---- policies ----------------------------------------------------------------------

TEST(CApiPolicy, TheFiveSeedsAreBuiltIn) {
    ASSERT_EQ(drp_policy_builtin_count(), 5u);
    EXPECT_EQ(drp_policy_builtin_name(5), nullptr);
    for (size_t i = 0; i < drp_policy_builtin_count(); ++i) {
        const auto p = builtin(drp_policy_builtin_name(i));
        ASSERT_TRUE(p) << drp_policy_builtin_name(i) << ": " << drp_error_last();
        EXPECT_STREQ(drp_policy_id(p.get()), drp_policy_builtin_name(i));
    }
    drp_policy* p = nullptr;
    EXPECT_EQ(drp_policy_builtin(&p, "riverside"), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(p, nullptr);
}

TEST(CApiPolicy, SeedFileLoadsWithItsTextKept) {
    drp_policy* p = nullptr;
    drp_list* diagnostics = nullptr;
    ASSERT_EQ(drp_policy_load_file(&p, &diagnostics, (seeds + "merton.json").c_str(), nullptr), DRP_OK) << drp_error_last();
    const policy_ptr policy(p);
    const list_ptr found(diagnostics);
    ASSERT_NE(diagnostics, nullptr) << "an empty list, not NULL, after a successful load";
    for (size_t i = 0; i < drp_list_count(diagnostics); ++i) EXPECT_NE(field(diagnostics, i, "severity"), "error");
    EXPECT_STREQ(drp_policy_id(p), "merton");
    EXPECT_STREQ(drp_policy_version(p), "1.0.0");
    EXPECT_STREQ(drp_policy_title(p), "Dispute resolution process");
    EXPECT_EQ(std::string(drp_policy_source(p)), read(seeds + "merton.json"));

    drp_policy* again = nullptr;
    ASSERT_EQ(drp_policy_load(&again, nullptr, drp_policy_source(p), nullptr), DRP_OK) << "in-memory text";
    drp_policy_free(again);
}

TEST(CApiPolicy, BrokenPolicyGivesEveryDiagnosticWithItsPlace) {
    drp_policy* p = nullptr;
    drp_list* d = nullptr;
    const std::string path = invalid + "unknown-stage-kind.json";
    EXPECT_EQ(drp_policy_load_file(&p, &d, path.c_str(), nullptr), DRP_ESCHEMA);
    const list_ptr diagnostics(d);
    EXPECT_EQ(p, nullptr);
    ASSERT_GE(drp_list_count(d), 1u);
    EXPECT_EQ(field(d, 0, "severity"), "error");
    EXPECT_EQ(field(d, 0, "file"), path);
    EXPECT_EQ(field(d, 0, "line"), "28");
    EXPECT_EQ(field(d, 0, "column"), "15");
    EXPECT_EQ(field(d, 0, "pointer"), "/stages/0/kind");
    EXPECT_EQ(field(d, 0, "rule"), "schema");
    EXPECT_NE(field(d, 0, "text").find(path + ":28:15: error: /stages/0/kind"), std::string::npos) << field(d, 0, "text");
    EXPECT_NE(std::string(drp_error_last()).find("[drp.schema]"), std::string::npos) << drp_error_last();
    const auto rows = list_json(d);
    EXPECT_EQ(rows[0]["line"], 28) << "typed values in the JSON form";
}

TEST(CApiPolicy, SourceNameOptionNamesTheTextInDiagnostics) {
    drp_policy_load_options opts = DRP_POLICY_LOAD_OPTIONS_INIT;
    opts.source_name = "policy #7 in the database";
    drp_policy* p = nullptr;
    drp_list* d = nullptr;
    EXPECT_EQ(drp_policy_load(&p, &d, "{\"id\": ", &opts), DRP_EINVALID_JSON);
    const list_ptr diagnostics(d);
    ASSERT_EQ(drp_list_count(d), 1u);
    EXPECT_EQ(field(d, 0, "file"), "policy #7 in the database");
    EXPECT_EQ(field(d, 0, "rule"), "json");
}

TEST(CApiPolicy, SemanticErrorsAreTheirOwnCode) {
    auto text = json::parse(drp_policy_source(builtin("merton").get()));
    text["stages"][2]["responder"] = {"NOBODY"};
    drp_policy* p = nullptr;
    drp_list* d = nullptr;
    EXPECT_EQ(drp_policy_load(&p, &d, text.dump(1).c_str(), nullptr), DRP_ESEMANTIC) << drp_error_last();
    const list_ptr diagnostics(d);
    ASSERT_EQ(drp_list_count(d), 1u);
    EXPECT_EQ(field(d, 0, "rule"), "unknown-role");
    EXPECT_EQ(field(d, 0, "pointer"), "/stages/2/responder/0");
    EXPECT_EQ(field(d, 0, "file"), "<policy>");
}

TEST(CApiPolicy, OptionStructsAreVersioned) {
    drp_policy_load_options opts;
    std::memset(&opts, 0xAB, sizeof opts);
    ASSERT_EQ(drp_policy_load_options_init(&opts, DRP_POLICY_LOAD_OPTIONS_VERSION), DRP_OK);
    EXPECT_EQ(opts.version, 2u);
    EXPECT_EQ(opts.source_name, nullptr);
    EXPECT_EQ(opts.closures_from, nullptr);
    EXPECT_EQ(drp_policy_load_options_init(&opts, 0), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(drp_policy_load_options_init(&opts, DRP_POLICY_LOAD_OPTIONS_VERSION + 1), DRP_EINVALID_ARGUMENT);
    drp_policy_load_options future = DRP_POLICY_LOAD_OPTIONS_INIT;
    future.version = 99;
    drp_policy* p = nullptr;
    EXPECT_EQ(drp_policy_load(&p, nullptr, drp_policy_source(builtin("merton").get()), &future), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(p, nullptr);
}

// ---- closure days added at load (drp_policy_load_options version 2) -----------------

// The IR1 response of a Merton dispute raised at IR1 on Mon 21 Dec 2026 under `p`.
json ir1_response(const drp_policy* p) {
    const auto d = new_dispute(p);
    drp_list* actions = nullptr;
    EXPECT_EQ(drp_dispute_apply(&actions, d.get(), raise_at_ir1().c_str()), DRP_OK) << drp_error_last();
    drp_list_free(actions);
    const json state = json::parse(state_of(d.get()));
    for (const auto& o : state["obligations"])
        if (o["id"] == "resolution" && o["stage"] == "IR1") return o;
    ADD_FAILURE() << "no IR1 resolution";
    return {};
}

calendar_ptr closures(std::initializer_list<std::pair<const char*, const char*>> days) {
    drp_calendar* c = nullptr;
    EXPECT_EQ(drp_calendar_new(&c, nullptr), DRP_OK);
    for (const auto& [day, title] : days) EXPECT_EQ(drp_calendar_add_closure(c, day, title), DRP_OK) << drp_error_last();
    return calendar_ptr(c);
}

policy_ptr merton_with_closures(const drp_calendar* cal, drp_policy_load_options opts = DRP_POLICY_LOAD_OPTIONS_INIT) {
    opts.closures_from = cal;
    drp_policy* p = nullptr;
    drp_list* d = nullptr;
    EXPECT_EQ(drp_policy_load_file(&p, &d, (seeds + "merton.json").c_str(), &opts), DRP_OK) << drp_error_last();
    drp_list_free(d);
    return policy_ptr(p);
}

TEST(CApiPolicyClosures, MertonIr1RaisedOn21December2026With29DecemberClosedIsDue8January) {
    EXPECT_EQ(ir1_response(builtin("merton").get())["due_date"], "2027-01-07");
    const auto cal = closures({{"2026-12-29", "Council closure"}});
    const auto p = merton_with_closures(cal.get());
    ASSERT_NE(p, nullptr);
    const json r = ir1_response(p.get());
    EXPECT_EQ(r["due_date"], "2027-01-08");
    const json skipped = r["explain"]["skipped"];
    EXPECT_NE(std::find(skipped.begin(), skipped.end(), json{{"date", "2026-12-29"}, {"name", "Council closure"}}), skipped.end())
        << skipped.dump();
    EXPECT_NE(r["explain"]["text"].get<std::string>().find("skipped Fri 25 Dec 2026 (Christmas Day), Mon 28 Dec 2026 "
                                                             "(Boxing Day, substitute day), Tue 29 Dec 2026 (Council closure)"),
              std::string::npos)
        << r["explain"]["text"];
    // The source is the file's text; the policy's calendar has the closure.
    EXPECT_EQ(std::string(drp_policy_source(p.get())), read(seeds + "merton.json"));
    drp_calendar* copy = nullptr;
    ASSERT_EQ(drp_policy_calendar(&copy, p.get()), DRP_OK);
    const calendar_ptr owned(copy);
    int working = -1;
    ASSERT_EQ(drp_calendar_is_working_day(&working, copy, "2026-12-29"), DRP_OK);
    EXPECT_EQ(working, 0);
    drp_list* days = nullptr;
    ASSERT_EQ(drp_calendar_holidays(&days, copy, 2026), DRP_OK);
    const list_ptr held(days);
    bool listed = false;
    for (size_t i = 0; i < drp_list_count(days); ++i)
        listed = listed || (field(days, i, "date") == "2026-12-29" && field(days, i, "source") == "closure" &&
                            field(days, i, "title") == "Council closure");
    EXPECT_TRUE(listed);
}

TEST(CApiPolicyClosures, TheCalendarIsCopiedAtLoadAndOnlyItsClosuresCount) {
    // A Scottish calendar: its division's holidays (2 January) do not reach an English policy.
    drp_calendar* c = nullptr;
    ASSERT_EQ(drp_calendar_new(&c, "scotland"), DRP_OK);
    const calendar_ptr cal(c);
    ASSERT_EQ(drp_calendar_add_closure(c, "2026-12-29", nullptr), DRP_OK);
    const auto p = merton_with_closures(c);
    ASSERT_EQ(drp_calendar_add_closure(c, "2026-12-30", "Later"), DRP_OK);  // after loading: not in the policy
    const json r = ir1_response(p.get());
    EXPECT_EQ(r["due_date"], "2027-01-08");
    const json skipped = r["explain"]["skipped"];
    EXPECT_NE(std::find(skipped.begin(), skipped.end(), json{{"date", "2026-12-29"}, {"name", "Local closure day"}}), skipped.end());
}

TEST(CApiPolicyClosures, AVersion1OptionsStructFromAnOlderHostIsReadAsVersion1) {
    // What a host compiled against the version-1 header passes: the struct ends after
    // source_name. A calendar pointer just past it must not be read as closures_from.
    struct v1_options {
        unsigned version;
        const char* source_name;
    };
    const auto cal = closures({{"2026-12-29", "Council closure"}});
    struct {
        v1_options v1;
        const drp_calendar* after;
    } bytes{{1u, "policy v1"}, cal.get()};
    drp_policy* p = nullptr;
    drp_list* d = nullptr;
    ASSERT_EQ(drp_policy_load(&p, &d, read(seeds + "merton.json").c_str(), reinterpret_cast<const drp_policy_load_options*>(&bytes)),
              DRP_OK)
        << drp_error_last();
    const policy_ptr policy(p);
    drp_list_free(d);
    EXPECT_EQ(ir1_response(p)["due_date"], "2027-01-07") << "a version-1 struct has no closures";
    // Setting up a version-1 struct writes nothing past it.
    drp_policy_load_options opts;
    std::memset(&opts, 0xAB, sizeof opts);
    ASSERT_EQ(drp_policy_load_options_init(&opts, 1), DRP_OK);
    EXPECT_EQ(opts.version, 1u);
    EXPECT_EQ(opts.source_name, nullptr);
    const auto* tail = reinterpret_cast<const unsigned char*>(&opts) + offsetof(drp_policy_load_options, closures_from);
    for (size_t i = 0; i < sizeof opts.closures_from; ++i) EXPECT_EQ(tail[i], 0xAB) << i;
    // A version-2 struct whose closures_from is NULL loads the file as it is.
    drp_policy_load_options v2 = DRP_POLICY_LOAD_OPTIONS_INIT;
    EXPECT_EQ(ir1_response(merton_with_closures(nullptr, v2).get())["due_date"], "2027-01-07");
}

TEST(CApiPolicyClosures, ABadClosureOrHandleIsRefusedNamingTheDay) {
    const auto cal = closures({{"2026-12-29", "two\nlines"}});
    drp_policy_load_options opts = DRP_POLICY_LOAD_OPTIONS_INIT;
    opts.closures_from = cal.get();
    drp_policy* p = nullptr;
    drp_list* d = nullptr;
    EXPECT_EQ(drp_policy_load(&p, &d, read(seeds + "merton.json").c_str(), &opts), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(p, nullptr);
    drp_list_free(d);
    const std::string message = drp_error_last();
    EXPECT_NE(message.find("2026-12-29"), std::string::npos) << message;
    EXPECT_EQ(message.find("lines"), std::string::npos) << "never the title: " << message;
    // A handle of another kind is not a calendar.
    const auto merton = builtin("merton");
    opts.closures_from = reinterpret_cast<const drp_calendar*>(merton.get());
    EXPECT_EQ(drp_policy_load(&p, nullptr, read(seeds + "merton.json").c_str(), &opts), DRP_EINVALID_ARGUMENT);
    EXPECT_EQ(p, nullptr);
}

TEST(CApiPolicyClosures, ADisputeStoredUnderOtherClosuresIsRefusedNamingTheDay) {
    const auto cal = closures({{"2026-12-29", "Council closure"}});
    const auto closed = merton_with_closures(cal.get());
    const auto d = new_dispute(closed.get());
    drp_list* actions = nullptr;
    ASSERT_EQ(drp_dispute_apply(&actions, d.get(), raise_at_ir1().c_str()), DRP_OK);
    drp_list_free(actions);
    const std::string stored = state_of(d.get());
    drp_dispute* back = nullptr;
    EXPECT_EQ(drp_dispute_from_json(&back, merton_with_closures(cal.get()).get(), stored.c_str()), DRP_OK) << drp_error_last();
    drp_dispute_free(back);
    back = nullptr;
    EXPECT_EQ(drp_dispute_from_json(&back, builtin("merton").get(), stored.c_str()), DRP_ESCHEMA);
    EXPECT_EQ(back, nullptr);
    const std::string message = drp_error_last();
    EXPECT_NE(message.find("2026-12-29"), std::string::npos) << message;
    EXPECT_NE(message.find("closure"), std::string::npos) << message;
}

TEST(CApiPolicy, UnreadableFileIsAnIoError) {
    drp_policy* p = nullptr;
    drp_list* d = nullptr;
    EXPECT_EQ(drp_policy_load_file(&p, &d, "/nonexistent/merton.json", nullptr), DRP_EIO);
    EXPECT_EQ(d, nullptr);
    EXPECT_EQ(drp_policy_load_file(&p, &d, DRP_SOURCE_DIR "/policies", nullptr), DRP_EIO);
    EXPECT_EQ(p, nullptr);
}

TEST(CApiPolicy, StagesInEscalationOrder) {
    const auto merton = builtin("merton");
    drp_list* l = nullptr;
    ASSERT_EQ(drp_policy_stages(&l, merton.get()), DRP_OK);
    const list_ptr stages(l);
    ASSERT_EQ(drp_list_count(l), 7u);
    EXPECT_EQ(field(l, 0, "id"), "informal");
    EXPECT_EQ(field(l, 1, "optional"), "true");
    EXPECT_EQ(field(l, 2, "id"), "IR1");
    EXPECT_EQ(field(l, 2, "kind"), "formal");
    EXPECT_EQ(field(l, 2, "level"), "2");
    EXPECT_EQ(field(l, 2, "responder"), R"(["TM","HOS"])");
}

TEST(CApiPolicy, PolicyCalendarIsACopy) {
    const auto merton = builtin("merton");
    drp_calendar* c = nullptr;
    ASSERT_EQ(drp_policy_calendar(&c, merton.get()), DRP_OK);
    const calendar_ptr cal(c);
    ASSERT_EQ(drp_calendar_add_closure(c, "2026-12-22", nullptr), DRP_OK);
    const auto d = new_dispute(merton.get());
    ASSERT_EQ(drp_dispute_apply(nullptr, d.get(), raise_at_ir1().c_str()), DRP_OK);
    drp_list* l = nullptr;
    ASSERT_EQ(drp_dispute_obligations(&l, d.get(), nullptr), DRP_OK);
    const list_ptr obligations(l);
    EXPECT_EQ(field(l, 0, "due_date"), "2027-01-07") << "the policy's own calendar is unchanged";
}

// ---- disputes ----------------------------------------------------------------------

struct CApiDispute : testing::Test {
    policy_ptr merton = builtin("merton");
    dispute_ptr d = new_dispute(merton.get());

    int apply(const std::string& e) { return drp_dispute_apply(nullptr, d.get(), e.c_str()); }
};

TEST_F(CApiDispute, RaisingAtIR1OwesAResponseIn10WorkingDays) {
    EXPECT_STREQ(drp_dispute_status(d.get()), "new");
    EXPECT_EQ(drp_dispute_stage(d.get()), nullptr);
    EXPECT_STREQ(drp_dispute_id(d.get()), "");
    drp_list* l = nullptr;
    ASSERT_EQ(drp_dispute_apply(&l, d.get(), raise_at_ir1().c_str()), DRP_OK) << drp_error_last();
    const list_ptr actions(l);
    EXPECT_STREQ(drp_dispute_status(d.get()), "open");
    EXPECT_STREQ(drp_dispute_stage(d.get()), "IR1");
    EXPECT_STREQ(drp_dispute_id(d.get()), "MERTON-2026-0041");
    ASSERT_GE(drp_list_count(l), 1u);
    EXPECT_EQ(field(l, 0, "obligation"), "resolution");  // "work to be completed within 10 working days"
    EXPECT_EQ(field(l, 0, "stage"), "IR1");
    EXPECT_EQ(field(l, 0, "dispute_id"), "MERTON-2026-0041");
    EXPECT_EQ(field(l, 0, "due"), "2027-01-07T23:59:59+00:00");
    EXPECT_FALSE(field(l, 0, "text").empty());
    for (const auto& row : list_json(l)) EXPECT_EQ(row["text"].get<std::string>().find("C-1001"), std::string::npos);
}

TEST_F(CApiDispute, ObligationsAsOfASweepMarkWhatIsOverdue) {
    ASSERT_EQ(apply(raise_at_ir1()), DRP_OK);
    drp_list* stored = nullptr;
    drp_list* swept = nullptr;
    ASSERT_EQ(drp_dispute_obligations(&stored, d.get(), nullptr), DRP_OK);
    ASSERT_EQ(drp_dispute_obligations(&swept, d.get(), "2027-01-08T09:00:00Z"), DRP_OK);
    const list_ptr a(stored), b(swept);
    ASSERT_EQ(field(stored, 0, "id"), "resolution");
    EXPECT_EQ(field(stored, 0, "status"), "open");
    EXPECT_EQ(field(swept, 0, "status"), "overdue");
    EXPECT_EQ(field(swept, 0, "due_date"), "2027-01-07");
    EXPECT_NE(field(swept, 0, "explain").find("Christmas Day"), std::string::npos);
    const auto state = json::parse(state_of(d.get(), "2027-01-08T09:00:00Z"));
    // The list and the state agree: the rows are the state's obligations, with their index
    // and the explain's text (the structured explain as explain_json).
    auto rows = list_json(swept);
    ASSERT_EQ(rows.size(), state["obligations"].size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(rows[i]["index"], i);
        EXPECT_EQ(rows[i]["explain"], state["obligations"][i]["explain"]["text"]);
        rows[i].erase("index");
        rows[i]["explain"] = rows[i]["explain_json"];
        rows[i].erase("explain_json");
    }
    EXPECT_EQ(rows, state["obligations"]);
    drp_list* l = nullptr;
    EXPECT_EQ(drp_dispute_obligations(&l, d.get(), "8 January 2027"), DRP_EINVALID_DATE);
    EXPECT_EQ(l, nullptr);
}

TEST_F(CApiDispute, AllowedNextIsTheHostsMenu) {
    drp_list* l = nullptr;
    ASSERT_EQ(drp_dispute_allowed_next(&l, d.get(), "2026-12-21T10:00:00Z"), DRP_OK);
    list_ptr next(l);
    ASSERT_EQ(drp_list_count(l), 1u);
    EXPECT_EQ(field(l, 0, "type"), "raise");
    ASSERT_EQ(apply(raise_at_ir1()), DRP_OK);
    ASSERT_EQ(drp_dispute_allowed_next(&l, d.get(), "2026-12-22T10:00:00Z"), DRP_OK);
    next.reset(l);
    const auto rows = list_json(l);
    EXPECT_TRUE(std::count(rows.begin(), rows.end(), json{{"type", "respond"}}));
    EXPECT_TRUE(std::count(rows.begin(), rows.end(), json{{"type", "escalate"}, {"reason", "discretion"}}));
    EXPECT_FALSE(std::count(rows.begin(), rows.end(), json{{"type", "escalate"}, {"reason", "no_response"}}))
        << "no_response only once the response is overdue";
    EXPECT_EQ(drp_dispute_allowed_next(&l, d.get(), "yesterday"), DRP_EINVALID_DATE);
}

// DESIGN.md §4.4: a refused event leaves the dispute exactly as it was — whatever the
// reason, through the C API too.
TEST_F(CApiDispute, RefusedEventsLeaveTheDisputeUnchanged) {
    ASSERT_EQ(apply(raise_at_ir1()), DRP_OK);
    ASSERT_EQ(apply(event("respond", "2027-01-05T09:00:00Z", {{"by", "TM"}, {"adequate", false}})), DRP_OK);
    const std::string before = state_of(d.get());
    const std::string before_as_of = state_of(d.get(), "2027-01-12T09:00:00Z");
    ASSERT_FALSE(before.empty());

    const std::pair<std::string, int> refused[] = {
        {event("escalate", "2027-01-06T09:00:00Z", {{"reason", "inadequate_response"}}), DRP_ENOT_PERMITTED},
        {event("raise", "2027-01-06T09:00:00Z", {{"child_ref", "C-1"}, {"category", "resources"}, {"urgency", "standard"}, {"summary", "again"}}),
         DRP_ENOT_PERMITTED},
        {event("escalate", "2027-01-04T09:00:00Z", {{"reason", "not_resolved"}}), DRP_EOUT_OF_ORDER},
        {event("escalate", "2027-01-06T09:00:00Z", {{"reason", "not_resolved"}, {"to", "IR9"}}), DRP_EUNKNOWN_STAGE},
        {event("escalate", "2027-01-06T09:00:00Z", {{"reason", "because"}}), DRP_EINVALID_EVENT},
        {event("escalate", "2027-01-06T09:00:00Z", {{"reason", "not_resolved"}}, "ANOTHER-DISPUTE"), DRP_EINVALID_EVENT},
        {event("promote", "2027-01-06T09:00:00Z"), DRP_EINVALID_EVENT},
        {event("resume", "2027-01-06T09:00:00Z"), DRP_ENOT_PERMITTED},
        {"{\"type\": \"escalate\", ", DRP_EINVALID_JSON},
        {"[1, 2, 3]", DRP_EINVALID_EVENT},
        {"\"\xff\xfe\"", DRP_EINVALID_JSON},
        {std::string(100000, '[') + std::string(100000, ']'), DRP_EINVALID_JSON},
    };
    for (const auto& [text, code] : refused) {
        drp_list* actions = reinterpret_cast<drp_list*>(0x1);
        EXPECT_EQ(drp_dispute_apply(&actions, d.get(), text.c_str()), code) << text.substr(0, 120) << "\n" << drp_error_last();
        EXPECT_EQ(actions, nullptr);
        EXPECT_STRNE(drp_error_last(), "");
        EXPECT_EQ(state_of(d.get()), before) << text.substr(0, 120);
        EXPECT_EQ(state_of(d.get(), "2027-01-12T09:00:00Z"), before_as_of);
        EXPECT_STREQ(drp_dispute_stage(d.get()), "IR1");
    }
    ASSERT_EQ(apply(event("escalate", "2027-01-06T09:00:00Z", {{"reason", "not_resolved"}})), DRP_OK) << drp_error_last();
    EXPECT_STREQ(drp_dispute_stage(d.get()), "IR2");
}

TEST_F(CApiDispute, SnapshotRoundTripsThroughJson) {
    ASSERT_EQ(apply(raise_at_ir1()), DRP_OK);
    ASSERT_EQ(apply(event("notify", "2026-12-21T15:00:00Z", {{"role", "HOS_QAPD"}})), DRP_OK);
    ASSERT_EQ(apply(event("extend", "2027-01-04T09:00:00Z", {{"until", "2027-01-14"}, {"agreed_by", "IRO"}})), DRP_OK)
        << drp_error_last();
    for (const char* as_of : {static_cast<const char*>(nullptr), "2027-02-01T09:00:00Z"}) {
        const std::string stored = state_of(d.get(), as_of);
        drp_dispute* r = nullptr;
        ASSERT_EQ(drp_dispute_from_json(&r, merton.get(), stored.c_str()), DRP_OK) << drp_error_last();
        const dispute_ptr restored(r);
        EXPECT_EQ(state_of(restored.get()), state_of(d.get()));
        EXPECT_EQ(state_of(restored.get(), "2027-02-01T09:00:00Z"), state_of(d.get(), "2027-02-01T09:00:00Z"));
    }
}

TEST_F(CApiDispute, RestoringRefusesOtherPoliciesAndTamperedStates) {
    ASSERT_EQ(apply(raise_at_ir1()), DRP_OK);
    const std::string stored = state_of(d.get());
    drp_dispute* r = nullptr;
    EXPECT_EQ(drp_dispute_from_json(&r, builtin("qa-form").get(), stored.c_str()), DRP_ESCHEMA);
    auto tampered = json::parse(stored);
    tampered["stage"] = "IR3";
    EXPECT_EQ(drp_dispute_from_json(&r, merton.get(), tampered.dump().c_str()), DRP_ESCHEMA);
    EXPECT_NE(std::string(drp_error_last()).find("/stage"), std::string::npos) << drp_error_last();
    EXPECT_EQ(drp_dispute_from_json(&r, merton.get(), "{\"history\": "), DRP_EINVALID_JSON);
    EXPECT_EQ(drp_dispute_from_json(&r, merton.get(), (std::string(5000, '[') + std::string(5000, ']')).c_str()),
              DRP_EINVALID_JSON);
    EXPECT_EQ(r, nullptr);
}

TEST_F(CApiDispute, DisputeOutlivesItsPolicyHandle) {
    merton.reset();
    ASSERT_EQ(apply(raise_at_ir1()), DRP_OK) << drp_error_last();
    EXPECT_STREQ(drp_dispute_stage(d.get()), "IR1");
    EXPECT_NE(state_of(d.get()).find("\"merton\""), std::string::npos);
}

TEST(CApiList, JsonFormKeepsTypesAndNulls) {
    const auto merton = builtin("merton");
    const auto d = new_dispute(merton.get());
    drp_list* l = nullptr;
    ASSERT_EQ(drp_dispute_apply(&l, d.get(), raise_at_ir1().c_str()), DRP_OK);
    const list_ptr actions(l);
    const auto rows = list_json(l);
    ASSERT_EQ(rows.size(), drp_list_count(l));
    for (size_t i = 0; i < rows.size(); ++i) {
        EXPECT_EQ(rows[i]["kind"], field(l, i, "kind"));
        if (rows[i]["due"].is_null()) {
            EXPECT_EQ(drp_list_get(l, i, "due"), nullptr);
        }
    }
}

}  // namespace
