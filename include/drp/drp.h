/*
 * drp/drp.h — the C API of drp, the rules engine for the dispute resolution process
 * (DRP) that Independent Reviewing Officers run for looked-after children in England.
 *
 * This header is the specification of the C API: C99, stable ABI, one library
 * (libdrp.so.0 / libdrp.a; pkg-config drp; CMake drp::c). docs/integration.md shows how
 * a case-record system embeds it.
 *
 * CONVENTIONS (they hold for every function below unless its comment says otherwise)
 *
 * Return codes. A fallible function returns int: 0 (DRP_OK) on success or a negative
 * drp_error_code. Test the code, not the message. drp_error_last() gives a message for
 * people about the calling thread's last failure.
 *
 * Outputs. Results come back through the first parameters, named out or *_out. On
 * failure every output is set to NULL (or 0) — except where a comment says otherwise —
 * so freeing it afterwards is always safe.
 *
 * Ownership. A char* or handle a function gives you is yours: release it with the
 * matching free function (drp_string_free, drp_list_free, drp_policy_free,
 * drp_dispute_free, drp_calendar_free, drp_policy_versions_free). Never use free() on it:
 * the library and your program may use different allocators. Every free function accepts NULL. A const char*
 * the library returns is borrowed: do not free it; its lifetime is stated per function.
 *
 * Text. Every string is UTF-8 and NUL-terminated. Dates are "YYYY-MM-DD". Instants are
 * RFC 3339 with an offset ("2027-01-07T09:00:00Z", "2026-06-01T10:00:00+01:00");
 * instants the library writes carry the policy's local offset (Europe/London), except
 * drp_dispute_next_due and drp_instant_utc, which write UTC ("...Z") so that text order
 * is time order. An "as of" time (the as_of of drp_dispute_state_json,
 * drp_dispute_obligations and drp_sweep, allowed_next's at, the sweep's due_before) may
 * also be a local date "YYYY-MM-DD", meaning the end of that day (23:59:59) in the
 * policy's zone: "overdue as of 2027-01-08" counts every deadline on 8 January as in time. drp_policy_local_instant and drp_policy_local_time
 * convert between local wall time and instants, so a host needs no time-zone code.
 * Events and dispute states cross the API as JSON text (schemas/event.schema.json,
 * schemas/dispute-state.schema.json).
 *
 * Lists. Obligations, actions, sweep rows, the events allowed next, holidays, stages and
 * policy diagnostics come back as a drp_list: a read-only table of rows with named
 * fields, read with drp_list_count and drp_list_get, and the items of a list-valued field
 * (role, target) with drp_list_item_count and drp_list_item — no JSON parser needed — or
 * as one JSON array with drp_list_json.
 *
 * Bad input. No C++ exception and no abort crosses this API. NULL where a value is
 * required, malformed text, or a handle of the wrong kind gives DRP_EINVALID_ARGUMENT
 * (or the more precise code listed) instead of a crash. A handle that was already freed
 * cannot be detected: do not use one. Memory running out is DRP_ENOMEM, with the outputs
 * NULL and the objects unchanged, never an abort: tests/capi/alloc_failure_test.cpp makes
 * each allocation of the calls fail in turn (docs/reliability.md). A free function that
 * runs out of memory still frees everything.
 *
 * Thread-safety. Calls on different handles may run concurrently. A drp_policy is
 * immutable after loading: share one across any number of threads and disputes. A
 * drp_dispute or a drp_calendar being changed must be used by one thread at a time;
 * const-handle calls may run concurrently with each other. A drp_list is immutable.
 * drp_error_last() is per thread.
 *
 * Compatibility. Functions are never renamed and their signatures never change within a
 * major version; new behaviour arrives as new functions (*_v2) or new option-struct
 * versions. Error code values never change. Wording of messages and of the "text" and
 * "explain" fields may change.
 */
#ifndef DRP_H
#define DRP_H

#include <stddef.h>

#include "drp/version.h"

/* DRP_API marks the exported functions. Define DRP_STATIC when linking libdrp.a on
 * Windows (CMake's drp::c_static and pkg-config --static users on other systems need
 * nothing). DRP_BUILDING_LIBRARY is defined only while drp itself is compiled. */
#if defined(DRP_STATIC)
#  define DRP_API
#elif defined(_WIN32) || defined(__CYGWIN__)
#  if defined(DRP_BUILDING_LIBRARY)
#    define DRP_API __declspec(dllexport)
#  else
#    define DRP_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) && __GNUC__ >= 4
#  define DRP_API __attribute__((visibility("default")))
#else
#  define DRP_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ==== Errors ========================================================================= */

/* The status codes. The values are those of drp::errc (drp/error.hpp) and never change. */
typedef enum drp_error_code {
    DRP_OK = 0,
    DRP_EINVALID_ARGUMENT = -1, /* NULL where a value is required, a handle of the wrong kind, bad option struct */
    DRP_EINVALID_DATE = -2,     /* a date or instant that does not parse or does not exist */
    DRP_EOUT_OF_RANGE = -3,     /* a date or count outside what drp supports (1970-2199) */
    DRP_EUNKNOWN_DIVISION = -4, /* not england-and-wales, scotland or northern-ireland */
    DRP_EINVALID_JSON = -5,     /* text that is not JSON, or not UTF-8 */
    DRP_ESCHEMA = -6,           /* JSON of the wrong shape for what was expected */
    DRP_ESEMANTIC = -7,         /* a well-shaped policy whose rules are inconsistent */
    DRP_EINVALID_EVENT = -8,    /* an event with missing or malformed fields, or of an unknown type */
    DRP_ENOT_PERMITTED = -9,    /* the policy does not allow this event now */
    DRP_EOUT_OF_ORDER = -10,    /* an event earlier than the last one applied */
    DRP_EUNKNOWN_STAGE = -11,   /* a stage id the policy does not define */
    DRP_EIO = -12,              /* a file could not be read */
    DRP_ENOMEM = -98,           /* memory ran out; nothing was changed */
    DRP_EINTERNAL = -99         /* a bug in drp: please report it with drp_error_last() */
} drp_error_code;

/* The calling thread's message about its last failed call, e.g.
 * "[drp.not_permitted] the policy does not allow escalation for inadequate_response".
 * "" after a successful int-returning call. Never NULL. The text is owned by the library
 * and valid until this thread's next call into drp. Thread-safe (one message per thread). */
DRP_API const char *drp_error_last(void);

/* The stable lower-case name of a code: "ok", "invalid_argument", ..., "io",
 * "out_of_memory", "internal"; "unknown" for other values. Static storage; thread-safe. */
DRP_API const char *drp_error_name(int code);

/* ==== Library ======================================================================== */

/* The library's version, "MAJOR.MINOR.PATCH". Static storage; thread-safe. */
DRP_API const char *drp_version(void);

/* The library's version as MAJOR * 10000 + MINOR * 100 + PATCH. A host built against
 * this header can check drp_version_number() / 10000 == DRP_VERSION_MAJOR at start-up. */
DRP_API int drp_version_number(void);

/* Releases a string the library returned. NULL is fine. */
DRP_API void drp_string_free(char *s);

/* ==== Lists ========================================================================== */

/* A read-only table: rows of named fields. Made by the functions that say so; freed with
 * drp_list_free. Immutable: any number of threads may read one list. */
typedef struct drp_list drp_list;

/* The number of rows; 0 for NULL. */
DRP_API size_t drp_list_count(const drp_list *list);

/* The value of field `field` in row `index`, as text: strings as they are, numbers and
 * true/false as JSON writes them ("12", "true"), arrays and objects as compact JSON.
 * NULL when the row has no such field, the value is null, or list, field or index is
 * invalid. Borrowed: valid until drp_list_free(list). */
DRP_API const char *drp_list_get(const drp_list *list, size_t index, const char *field);

/* The number of items of a list-valued field of row `index` (role, target, responder):
 * 0 when the field is absent, null, not a list, or list, field or index is invalid. */
DRP_API size_t drp_list_item_count(const drp_list *list, size_t index, const char *field);

/* Item `item` of a list-valued field of row `index`, as text: a role id ("SW"), or, for a
 * recipient any one of several roles may satisfy ({"any_of": [...]} in the JSON), those
 * role ids joined by '|' ("IRO_MANAGER|HOS"; role ids never contain '|'). NULL when out
 * of range or invalid. Borrowed: valid until drp_list_free(list). */
DRP_API const char *drp_list_item(const drp_list *list, size_t index, const char *field, size_t item);

/* The whole list as a JSON array of objects (the rows, with typed values).
 * *out: caller frees with drp_string_free.
 * Errors: DRP_EINVALID_ARGUMENT (out or list NULL), DRP_ENOMEM. */
DRP_API int drp_list_json(char **out, const drp_list *list);

/* Releases a list. NULL is fine. */
DRP_API void drp_list_free(drp_list *list);

/* ==== Calendar: UK working days (DESIGN.md §4.1) ===================================== */

/* Working days of one GOV.UK division: Monday to Friday, not a bank holiday (built-in
 * GOV.UK data 1995-2030, rules for 1970-2199), not a local closure day the host added.
 * Const calls (is_working_day, add_working_days, working_days_between, holidays) may
 * run concurrently; add_closure, remove_closure and import_govuk need exclusive use. */
typedef struct drp_calendar drp_calendar;

/* Makes a calendar for a division: "england-and-wales" (also when division is NULL),
 * "scotland" or "northern-ireland". *out: caller frees with drp_calendar_free.
 * Errors: DRP_EINVALID_ARGUMENT (out NULL), DRP_EUNKNOWN_DIVISION, DRP_ENOMEM. */
DRP_API int drp_calendar_new(drp_calendar **out, const char *division);

/* Releases a calendar. NULL is fine. */
DRP_API void drp_calendar_free(drp_calendar *cal);

/* Marks `date` as a local closure day ("council closed 29-31 December"); title may be
 * NULL ("Local closure day"). Errors: DRP_EINVALID_ARGUMENT (cal or date NULL),
 * DRP_EINVALID_DATE, DRP_EOUT_OF_RANGE, DRP_ENOMEM. On error the calendar is unchanged. */
DRP_API int drp_calendar_add_closure(drp_calendar *cal, const char *date, const char *title);

/* Removes a closure added before. *removed_out (may be NULL) is 1 when there was one on
 * that day, else 0. Errors: DRP_EINVALID_ARGUMENT (cal or date NULL), DRP_EINVALID_DATE,
 * DRP_ENOMEM. */
DRP_API int drp_calendar_remove_closure(int *removed_out, drp_calendar *cal, const char *date);

/* Replaces, for every year a GOV.UK bank-holidays.json text has events for this
 * calendar's division, that year's bank holidays with the file's.
 * Errors: DRP_EINVALID_ARGUMENT, DRP_EINVALID_JSON, DRP_ESCHEMA, DRP_EINVALID_DATE,
 * DRP_ENOMEM. On error the calendar is unchanged. */
DRP_API int drp_calendar_import_govuk(drp_calendar *cal, const char *govuk_json);

/* *out = 1 when `date` is a working day, else 0.
 * Errors: DRP_EINVALID_ARGUMENT, DRP_EINVALID_DATE, DRP_EOUT_OF_RANGE. */
DRP_API int drp_calendar_is_working_day(int *out, const drp_calendar *cal, const char *date);

/* *out = the n-th working day strictly after `date` (n > 0), the |n|-th strictly before
 * it (n < 0), or `date` itself (n == 0), as "YYYY-MM-DD"; caller frees with
 * drp_string_free. A dispute raised on a Saturday with 5 working days is due on Friday.
 * Errors: DRP_EINVALID_ARGUMENT, DRP_EINVALID_DATE, DRP_EOUT_OF_RANGE, DRP_ENOMEM. */
DRP_API int drp_calendar_add_working_days(char **out, const drp_calendar *cal, const char *date, int n);

/* *out = the number of working days x with from < x <= to (negative when to < from).
 * Errors: DRP_EINVALID_ARGUMENT, DRP_EINVALID_DATE, DRP_EOUT_OF_RANGE. */
DRP_API int drp_calendar_working_days_between(int *out, const drp_calendar *cal, const char *from, const char *to);

/* The bank holidays and closures of a year, by date. Row fields: date, title, notes
 * ("Substitute day" or ""), source ("builtin", "imported", "generated", "closure").
 * *out: caller frees with drp_list_free.
 * Errors: DRP_EINVALID_ARGUMENT, DRP_EOUT_OF_RANGE (year outside 1970-2199), DRP_ENOMEM. */
DRP_API int drp_calendar_holidays(drp_list **out, const drp_calendar *cal, int year);

/* ==== Policies ======================================================================== */

/* An authority's escalation flowchart, validated (schemas/policy.schema.json and the
 * rules of docs/policy-authoring.md). Immutable: share one policy across threads and
 * disputes. A dispute keeps what it needs of its policy, so the policy handle may be
 * freed while disputes made from it live on. */
typedef struct drp_policy drp_policy;

/* Options for loading a policy. Initialise with DRP_POLICY_LOAD_OPTIONS_INIT or
 * drp_policy_load_options_init() before setting fields, so that a program compiled
 * against an older header keeps working with a newer library: the library reads only
 * the fields of the struct's `version` (a version-1 struct, from a program built before
 * closures_from existed, loads as before).
 *
 * closures_from (version 2): local closure days for the policy's deadlines, added to the
 * policy file's own "closures" (docs/policy-authoring.md §6). The closure days of that
 * calendar (drp_calendar_add_closure) are copied into the policy when it loads; its
 * division and bank holidays are not (the policy's "division" decides those), and
 * changing or freeing the calendar afterwards does not change the policy. A calendar
 * rather than an array of dates: each date and title is checked, with its own error,
 * as you add it, drp_calendar_is_working_day lets you test the result before loading,
 * there is no count to keep in step with two arrays, and one calendar serves every
 * policy you load. A day the file also closes takes the calendar's title. Each title
 * must be one line of 1-100 characters (else DRP_EINVALID_ARGUMENT naming the day).
 * These closures are not in drp_policy_source: store them with the source to load the
 * same policy later, because a dispute restored under a policy with other closures has
 * other due dates, and drp_dispute_from_json then refuses it (DRP_ESCHEMA, naming the
 * first closure day the calendars disagree on). */
typedef struct drp_policy_load_options {
    unsigned version;        /* DRP_POLICY_LOAD_OPTIONS_VERSION */
    const char *source_name; /* how diagnostics name the text; NULL: "<policy>", or the path for files */
    /* version 2 */
    const drp_calendar *closures_from; /* NULL: only the file's closures */
} drp_policy_load_options;

#define DRP_POLICY_LOAD_OPTIONS_VERSION 2
#define DRP_POLICY_LOAD_OPTIONS_INIT {DRP_POLICY_LOAD_OPTIONS_VERSION, NULL, NULL}

/* Sets the fields of option-struct version `version` in *opts to their defaults, and
 * opts->version to `version` (pass DRP_POLICY_LOAD_OPTIONS_VERSION; an older version
 * writes only that version's fields). Errors: DRP_EINVALID_ARGUMENT (opts NULL, or a
 * version this library does not know). */
DRP_API int drp_policy_load_options_init(drp_policy_load_options *opts, unsigned version);

/* Loads a policy from JSON text. opts may be NULL (defaults).
 *
 * Diagnostics: when diagnostics_out is not NULL, *diagnostics_out receives every
 * finding — the errors when loading fails with DRP_EINVALID_JSON, DRP_ESCHEMA or
 * DRP_ESEMANTIC, the warnings and notes when it succeeds — and is NULL after any other
 * error. Free it with drp_list_free in every case. Row fields: severity ("error",
 * "warning", "note"), file, line, column (1-based; "0" when unknown), pointer (RFC 6901
 * JSON pointer into the policy), message, hint, rule (stable check id, e.g.
 * "unknown-role"), text (the finding formatted as a compiler would print it).
 *
 * *out: caller frees with drp_policy_free; NULL on error. drp_error_last() names the
 * first error and how many more there are.
 * Errors: DRP_EINVALID_ARGUMENT (out or json NULL, bad opts, a closure title that
 * cannot be one), DRP_EINVALID_JSON, DRP_ESCHEMA, DRP_ESEMANTIC, DRP_ENOMEM. Thread-safe. */
DRP_API int drp_policy_load(drp_policy **out, drp_list **diagnostics_out, const char *json,
                            const drp_policy_load_options *opts);

/* As drp_policy_load, reading the file at `path` (diagnostics name it unless
 * opts->source_name is set). Also DRP_EIO when the file cannot be read (no diagnostics). */
DRP_API int drp_policy_load_file(drp_policy **out, drp_list **diagnostics_out, const char *path,
                                 const drp_policy_load_options *opts);

/* One of the built-in seed policies, compiled into the library: "tracked-recommendation",
 * "qa-form", "cic-issues-resolution", "trust-qas", "merton". *out: caller frees with
 * drp_policy_free. Errors: DRP_EINVALID_ARGUMENT (NULL or an unknown name), DRP_ENOMEM. */
DRP_API int drp_policy_builtin(drp_policy **out, const char *name);

/* The number of built-in policies, and the name of one (NULL when index is out of
 * range). Static storage; thread-safe. */
DRP_API size_t drp_policy_builtin_count(void);
DRP_API const char *drp_policy_builtin_name(size_t index);

/* Releases a policy handle. NULL is fine. Disputes made from it are unaffected. */
DRP_API void drp_policy_free(drp_policy *policy);

/* The policy's id ("merton"), version ("1.0.0"), effective_from ("2025-04-01": the first
 * day it is in force), title, and its source JSON text as loaded (store it beside your
 * disputes to reload exactly this version later, with the closures you added at load:
 * they are not in the text). NULL for NULL or a handle of the wrong kind. Borrowed: valid
 * until drp_policy_free(policy). */
DRP_API const char *drp_policy_id(const drp_policy *policy);
DRP_API const char *drp_policy_version(const drp_policy *policy);
DRP_API const char *drp_policy_effective_from(const drp_policy *policy);
DRP_API const char *drp_policy_title(const drp_policy *policy);
DRP_API const char *drp_policy_source(const drp_policy *policy);

/* The stages in escalation order. Row fields: id, title, level, kind ("informal",
 * "meeting", "formal", "referral"), optional ("true"/"false"), responder (JSON array of
 * role ids). *out: caller frees with drp_list_free.
 * Errors: DRP_EINVALID_ARGUMENT, DRP_ENOMEM. */
DRP_API int drp_policy_stages(drp_list **out, const drp_policy *policy);

/* A copy of the working-day calendar the policy counts deadlines with (its division's
 * built-in holidays, and its closure days: the file's and those added at load, listed by
 * drp_calendar_holidays with source "closure"). Changing the copy does not change the
 * policy.
 * *out: caller frees with drp_calendar_free. Errors: DRP_EINVALID_ARGUMENT, DRP_ENOMEM. */
DRP_API int drp_policy_calendar(drp_calendar **out, const drp_policy *policy);

/* The instant a local wall time in the policy's zone denotes: `date` ("YYYY-MM-DD") at
 * `time_of_day` ("HH:MM" or "HH:MM:SS"), or at the end of the day (23:59:59) when
 * time_of_day is NULL. In the spring gap the earlier offset is used (01:30 on the day
 * clocks go forward is 02:30 BST); in the autumn overlap, the first occurrence (BST).
 * *out: RFC 3339 with the local offset ("2027-01-08T09:00:00+00:00"); caller frees with
 * drp_string_free. Errors: DRP_EINVALID_ARGUMENT, DRP_EINVALID_DATE, DRP_EOUT_OF_RANGE,
 * DRP_ENOMEM. */
DRP_API int drp_policy_local_instant(char **out, const drp_policy *policy, const char *date, const char *time_of_day);

/* Any RFC 3339 instant as UTC, "YYYY-MM-DDTHH:MM:SSZ" (fractions of a second dropped):
 * fixed-width text whose order is time order, to compare with drp_dispute_next_due in a
 * query. *out: caller frees with drp_string_free.
 * Errors: DRP_EINVALID_ARGUMENT, DRP_EINVALID_DATE, DRP_EOUT_OF_RANGE (a UTC year outside
 * 0001-9999, which four digits cannot write), DRP_ENOMEM. */
DRP_API int drp_instant_utc(char **out, const char *instant);

/* The local date ("YYYY-MM-DD") and wall time ("HH:MM:SS") of an instant in the policy's
 * zone. Either output may be NULL (not both). Caller frees each with drp_string_free.
 * Errors: DRP_EINVALID_ARGUMENT, DRP_EINVALID_DATE, DRP_ENOMEM. */
DRP_API int drp_policy_local_time(char **date_out, char **time_out, const drp_policy *policy, const char *instant);

/* ==== Policy versions ================================================================= */

/* The versions of one authority's policy, each with its effective_from: the set a host
 * keeps to raise new disputes under the version in force, and to restore a stored state
 * under the version it names (drp_state_policy reads which). Calls that only read
 * (in_force, find, count, get) may run concurrently; add needs exclusive use. */
typedef struct drp_policy_versions drp_policy_versions;

/* An empty set. *out: caller frees with drp_policy_versions_free.
 * Errors: DRP_EINVALID_ARGUMENT (out NULL), DRP_ENOMEM. */
DRP_API int drp_policy_versions_new(drp_policy_versions **out);

/* Releases a set and the policy handles it lent out. NULL is fine. */
DRP_API void drp_policy_versions_free(drp_policy_versions *versions);

/* Adds a version. The set keeps its own reference to the policy: you may free `policy`
 * afterwards. Errors: DRP_EINVALID_ARGUMENT (NULL; a policy whose id is not the set's,
 * naming both ids; a version already in the set; an effective_from another version of
 * the set has, naming both versions), DRP_ENOMEM. On error the set is unchanged. */
DRP_API int drp_policy_versions_add(drp_policy_versions *versions, const drp_policy *policy);

/* *out = the version in force on `date` ("YYYY-MM-DD"): the one with the latest
 * effective_from on or before it. Errors: DRP_EINVALID_ARGUMENT (NULL), DRP_EINVALID_DATE,
 * DRP_EOUT_OF_RANGE (no version is in force then: the set is empty or every version takes
 * effect later; the message names the earliest effective_from). */
DRP_API int drp_policy_versions_in_force(const drp_policy **out, const drp_policy_versions *versions, const char *date);

/* *out = the version `version` ("1.0.0"), e.g. the one drp_state_policy read from a stored
 * state. Errors: DRP_EINVALID_ARGUMENT (NULL), DRP_EOUT_OF_RANGE (the set has no such
 * version). */
DRP_API int drp_policy_versions_find(const drp_policy **out, const drp_policy_versions *versions, const char *version);

/* The number of versions (0 for NULL), and version `index` of them by effective_from, the
 * oldest first (NULL when out of range or versions is invalid). */
DRP_API size_t drp_policy_versions_count(const drp_policy_versions *versions);
DRP_API const drp_policy *drp_policy_versions_get(const drp_policy_versions *versions, size_t index);

/* The policies that in_force, find and get give are borrowed: use them as any policy
 * handle (drp_dispute_new, drp_dispute_from_json, drp_dispute_migrate), but do not free
 * them; they are valid until drp_policy_versions_free(versions). */

/* The policy id and version a stored dispute state (drp_dispute_state_json text) is
 * under, read without loading a policy, so you can choose the version to restore it with.
 * Only its "policy" member is read: the history is not replayed (drp_dispute_from_json
 * checks the rest). id_out and version_out may each be NULL (not wanted); each result is
 * the caller's to free with drp_string_free.
 * Errors: DRP_EINVALID_ARGUMENT (state_json NULL), DRP_EINVALID_JSON (not JSON, or read
 * strictly: a repeated key, a NUL byte, anything after the object), DRP_ESCHEMA (not an
 * object, or no "policy" {id, version} of the state schema), DRP_ENOMEM. */
DRP_API int drp_state_policy(char **id_out, char **version_out, const char *state_json);

/* ==== Disputes ======================================================================== */

/* One dispute run against its policy: its state and the history of applied events. Use a
 * dispute from one thread at a time (const calls may run concurrently with each other). */
typedef struct drp_dispute drp_dispute;

/* A new dispute under `policy`, not yet raised: its first event must be a "raise".
 * *out: caller frees with drp_dispute_free. Errors: DRP_EINVALID_ARGUMENT, DRP_ENOMEM. */
DRP_API int drp_dispute_new(drp_dispute **out, const drp_policy *policy);

/* Restores a dispute from the JSON of drp_dispute_state_json (with or without as_of) by
 * replaying its history under `policy`, which must be the same policy id and version
 * (a moved dispute's state names the version it moved to; drp_state_policy reads them).
 * *out: caller frees with drp_dispute_free.
 * Errors: DRP_EINVALID_ARGUMENT (NULL), DRP_EINVALID_JSON, DRP_ESCHEMA (not a state of
 * this policy, or the state does not match its own history), DRP_ENOMEM. */
DRP_API int drp_dispute_from_json(drp_dispute **out, const drp_policy *policy, const char *state_json);

/* Releases a dispute. NULL is fine. */
DRP_API void drp_dispute_free(drp_dispute *dispute);

/* Applies one event (a JSON object, schemas/event.schema.json; events of a dispute in
 * time order). Either the event is accepted and the dispute changes, or it is refused and
 * the dispute is exactly as it was before the call (whatever the error, DRP_ENOMEM
 * included).
 *
 * actions_out (may be NULL): what the host should do because of the event, one row per
 * change to a duty (schemas/actions.schema.json). Row fields: action ("do": a duty arose;
 * "update": its deadline moved; "done": an event met it; "cancel": it ended unmet),
 * kind ("response", "meeting", "record", "notify", "referral", "reminder", "overall",
 * "consult", "resolution"), dispute_id, obligation (the id a later record/notify event names to meet
 * it), index (into the state's obligations), stage, role and target (lists: read with
 * drp_list_item), due and due_date (absent when done or cancelled, or when the duty has
 * no deadline), system, discretionary, immediately, guidance, text (one line for people
 * from the policy's titles, fit for an email subject, e.g. "Response from Team manager or
 * Head of Service by Thu 7 Jan 2027 (Formal resolution: Stage 1 (IR1))"; never free text or anything
 * about the child). Caller frees with drp_list_free; NULL on error.
 *
 * Errors: DRP_EINVALID_ARGUMENT (dispute or event_json NULL), DRP_EINVALID_JSON,
 * DRP_EINVALID_EVENT (missing/malformed fields, another dispute's id),
 * DRP_ENOT_PERMITTED (the policy refuses it now; the message names the rule),
 * DRP_EOUT_OF_ORDER, DRP_EUNKNOWN_STAGE, DRP_ENOMEM. */
DRP_API int drp_dispute_apply(drp_list **actions_out, drp_dispute *dispute, const char *event_json);

/* The dispute's state as JSON (schemas/dispute-state.schema.json): id, policy, status,
 * stage, next_due, obligations, history... With as_of (an instant or local date) open obligations whose
 * deadline has passed by then read "overdue"; with as_of NULL the stored statuses are
 * given. The as_of NULL text is the snapshot to store: drp_dispute_from_json restores it.
 * *out: caller frees with drp_string_free.
 * Errors: DRP_EINVALID_ARGUMENT, DRP_EINVALID_DATE (as_of), DRP_EOUT_OF_ORDER (an as_of
 * earlier than the last event applied), DRP_ENOMEM. */
DRP_API int drp_dispute_state_json(char **out, const drp_dispute *dispute, const char *as_of);

/* The dispute's obligations as of `as_of` (NULL: stored statuses, as above). Row fields,
 * as in the state's obligations: index (its place in the state's obligations, as the
 * actions' index), id, kind ("response", "meeting", "record", "notify", "referral",
 * "reminder", "overall", "consult", "resolution"), stage, role and target (lists: drp_list_item), due
 * (instant), due_date (local date of a day-based deadline), status ("open", "met",
 * "overdue", "waived", "closed"), explain (how the due date was counted, as text: "10
 * working days from Mon 21 Dec 2026 is Thu 7 Jan 2027; skipped ..."), explain_json (the
 * same as the state's structured explain), created_at, met_at, closed_at, system,
 * discretionary, immediately, guidance. Absent fields read NULL. *out: caller frees with
 * drp_list_free.
 * Errors: DRP_EINVALID_ARGUMENT, DRP_EINVALID_DATE, DRP_EOUT_OF_ORDER (as above), DRP_ENOMEM. */
DRP_API int drp_dispute_obligations(drp_list **out, const drp_dispute *dispute, const char *as_of);

/* The earliest due among the dispute's open obligations that can become overdue (not
 * "if necessary" or "immediately", not stopped by a time out), as an RFC 3339 instant:
 * at any as_of later than it, one of them reads "overdue". *out is NULL (and the call
 * succeeds) when no open obligation can become overdue. It is the state JSON's next_due
 * (which carries the local offset, like every instant of the state), written here in UTC
 * with a "Z" ("2027-01-07T23:59:59Z"): fixed-width text whose order is time order, so
 * store it in an indexed text column; the nightly sweep selects WHERE next_due < :now
 * (overdue) or WHERE next_due <= :due_before (due soon too: a day's deadline and a
 * due_before given as that date are the same instant), with those in UTC too
 * (drp_instant_utc). *out: caller
 * frees with drp_string_free. Errors: DRP_EINVALID_ARGUMENT, DRP_ENOMEM. */
DRP_API int drp_dispute_next_due(char **out, const drp_dispute *dispute);

/* The events the policy would accept next at `at` (required; an instant or local date): a host's menu.
 * Row fields: type (an event type, e.g. "escalate", "respond", "resolve") and, for
 * escalate, reason ("no_response", "inadequate_response", "not_resolved",
 * "discretion"). *out: caller frees with drp_list_free.
 * Errors: DRP_EINVALID_ARGUMENT (NULL), DRP_EINVALID_DATE, DRP_EOUT_OF_ORDER (an `at`
 * earlier than the last event applied), DRP_ENOMEM. */
DRP_API int drp_dispute_allowed_next(drp_list **out, const drp_dispute *dispute, const char *at);

/* Quick looks at the state. id: the dispute_id ("" before the raise); status:
 * "new" (nothing applied yet), "open", "resolved" or "withdrawn"; stage: the current stage id (NULL
 * before the raise). NULL for NULL or a handle of the wrong kind. Borrowed: valid until
 * the next drp_dispute_apply on, or drp_dispute_free of, this dispute. */
DRP_API const char *drp_dispute_id(const drp_dispute *dispute);
DRP_API const char *drp_dispute_status(const drp_dispute *dispute);
DRP_API const char *drp_dispute_stage(const drp_dispute *dispute);

/* The id and version of the policy the dispute is under (after drp_dispute_migrate, the
 * version it moved to). NULL for NULL or a handle of the wrong kind. Borrowed: valid until
 * drp_dispute_free(dispute). */
DRP_API const char *drp_dispute_policy_id(const drp_dispute *dispute);
DRP_API const char *drp_dispute_policy_version(const drp_dispute *dispute);

/* Moves a dispute to another version of its policy at `at` (required: the library never
 * reads the clock; an instant, or a local date meaning the end of that day — then events
 * later that day are out of order, so pass the instant of the move, from
 * drp_policy_local_instant if need be). The move re-judges the past: the whole history is
 * replayed under new_policy (a response that was late under the old timescale may be in
 * time under the new one, and reports made after the move see the new deadlines), and
 * the move is recorded in the state's "moves" ({at, from_version, to_version, events}: the
 * history's length at the move); the history stays the events you applied. Each event
 * must be accepted by new_policy and enter the same stage as it did.
 *
 * On success *moved is a new dispute (caller frees with drp_dispute_free; store its
 * state, which drp_dispute_from_json restores under new_policy) and `dispute` is
 * unchanged: free it when you no longer need it. actions (may be NULL) lists what the move
 * causes, with the row fields of drp_dispute_apply's actions: "update" for a duty whose
 * due changed, "do" for a duty that appears, "cancel" for one that goes, "done" for one
 * the new version counts met; duties are matched by obligation id, stage and order of
 * arising. "cancel" rows give the index in the original dispute's obligations, the others
 * the index in the moved one's; a duty whose index changes is "cancel" at its old index
 * and "do" at its new one. Caller frees with drp_list_free.
 *
 * Errors (then *moved and *actions are NULL and nothing changed): DRP_EINVALID_ARGUMENT
 * (NULL; new_policy is another policy id, naming both, or the version the dispute is
 * under), DRP_EINVALID_DATE (at), DRP_EOUT_OF_ORDER (at is earlier than the last event
 * applied or the last move), the code with which new_policy refuses an event of the
 * history (DRP_ENOT_PERMITTED, DRP_EINVALID_EVENT, DRP_EUNKNOWN_STAGE, ...; also
 * DRP_EUNKNOWN_STAGE when an event entered a stage new_policy does not have and
 * DRP_ENOT_PERMITTED when it would enter another one), with a message naming the new
 * version, the event's index and type: "cannot move dispute D-1 to merton 2.0.0:
 * dispute D-1, event 2 (escalate): ...". DRP_ENOMEM. After a move, events earlier than
 * `at` are DRP_EOUT_OF_ORDER. */
DRP_API int drp_dispute_migrate(drp_dispute **moved, drp_list **actions, const drp_dispute *dispute,
                                const drp_policy *new_policy, const char *at);

/* ==== Sweeps ========================================================================== */

/* The overdue sweep and to-do lists over many stored disputes in one call. `states`
 * holds `count` dispute states (drp_dispute_state_json text, each of this policy's id and
 * version: group a sweep by policy version; a char ** array needs a cast to
 * const char *const *). Each is replayed from its history (and moves), and every open
 * obligation that is overdue at `as_of`, or — when due_before is not NULL — due at or
 * before due_before, is a row. as_of and due_before are instants or local dates (a date:
 * the end of that day). Rows are sorted by due, then state, then index. Row fields: state
 * (the index into `states`), dispute_id, index (into that state's obligations, as the
 * actions' index: match a reminder to its duty with dispute_id and index), obligation
 * (the duty id), kind, status ("overdue", or "open" for due soon), stage, stage_title,
 * role and target (lists: drp_list_item), due, due_date, system, explain (how the
 * deadline was counted, as text), text (one line for people: "Response from Team manager
 * or Head of Service: overdue, due by Thu 7 Jan 2027 (Formal resolution: Stage 1 (IR1))",
 * or "... by Mon 18 Jan 2027 (...)" for one due soon; no free text or child data).
 *
 * A state that cannot be read stops the call (nothing is listed half): *failed_state_out
 * (may be NULL) is then its index, and the message starts "state N: " and quotes nothing
 * of the state; restore that one alone with drp_dispute_from_json for the detail, and
 * sweep the others again without it. On success and on other errors *failed_state_out is
 * `count`.
 *
 * Cost: one replay per state, about as long as parsing its JSON (docs/PERFORMANCE.md:
 * 2,000 Merton states in 0.2 s of one core), so select the states with the stored
 * next_due first (WHERE next_due <= :due_before). *out: caller frees with drp_list_free.
 * Errors: DRP_EINVALID_ARGUMENT (NULL, or states NULL with count > 0), DRP_EINVALID_DATE,
 * DRP_EINVALID_JSON or DRP_ESCHEMA (a state that cannot be read, or is of another policy
 * version), DRP_EOUT_OF_ORDER (a state whose last event or move is later than as_of),
 * DRP_ENOMEM. On error *out is NULL. */
DRP_API int drp_sweep(drp_list **out, size_t *failed_state_out, const drp_policy *policy, const char *const *states,
                      size_t count, const char *as_of, const char *due_before);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* DRP_H */
