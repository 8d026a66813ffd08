/*
 * drp_host_sqlite.c — a reference host for drp: a case-record system's dispute store on
 * SQLite, in plain C99, using only drp/drp.h and sqlite3.h. Copy it and change what you
 * need; README.md walks through it.
 *
 *   drp_host_sqlite DB init                          create the tables, store the Merton policy 1.0.0
 *   drp_host_sqlite DB apply DAY_FILE                apply a day's events, one transaction each
 *   drp_host_sqlite DB restore                       restore every stored dispute (what a restart does)
 *   drp_host_sqlite DB sweep DATE TIME               the nightly sweep: reminders for overdue duties, once each
 *   drp_host_sqlite DB todo ROLE DATE TIME UNTIL     a worker's to-do list: overdue, and due by the end of UNTIL
 *   drp_host_sqlite DB new-version                   store Merton 1.1.0 (IR1 in 15 working days, from 2027-01-11)
 *   drp_host_sqlite DB migrate DISPUTE DATE TIME     move a dispute to the version in force on DATE
 *
 * DATE is "YYYY-MM-DD" and TIME "HH:MM", local wall time in the policy's zone (Europe/London):
 * drp_policy_local_instant turns them into instants, so this program has no time-zone code.
 * It parses no JSON either: the obligations, actions and sweep rows are drp_list tables.
 * Every call's return code is checked; a failure prints a message and exits with status 1.
 * A refusal by the policy is not a failure: it is shown to the worker and nothing is stored.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <drp/drp.h>
#include <sqlite3.h>


/* ==== The tables ===================================================================== */

/* next_due is the text drp_dispute_next_due gives: UTC with a "Z", fixed width, so that
 * text order is time order and a plain index on it serves the sweep's comparison (made
 * with "now" in UTC too, from drp_instant_utc). */
static const char schema[] =
    "CREATE TABLE IF NOT EXISTS policy (\n"
    "  policy_id      TEXT NOT NULL,\n"
    "  version        TEXT NOT NULL,\n"
    "  effective_from TEXT NOT NULL,\n"   /* YYYY-MM-DD */
    "  source         TEXT NOT NULL,\n"   /* drp_policy_source: the exact text loaded */
    "  PRIMARY KEY (policy_id, version));\n"
    "CREATE TABLE IF NOT EXISTS dispute (\n"
    "  dispute_id     TEXT PRIMARY KEY,\n"
    "  policy_id      TEXT NOT NULL,\n"
    "  policy_version TEXT NOT NULL,\n"
    "  status         TEXT NOT NULL,\n"   /* copies of drp_dispute_status and _stage for screens */
    "  stage          TEXT,\n"
    "  state          TEXT NOT NULL,\n"   /* drp_dispute_state_json(..., NULL): the truth */
    "  next_due       TEXT,\n"            /* drp_dispute_next_due (UTC); NULL when nothing can become overdue */
    "  FOREIGN KEY (policy_id, policy_version) REFERENCES policy (policy_id, version));\n"
    "CREATE INDEX IF NOT EXISTS dispute_next_due ON dispute (next_due);\n"
    "CREATE TABLE IF NOT EXISTS event (\n"  /* accepted events only, never changed */
    "  dispute_id     TEXT NOT NULL REFERENCES dispute (dispute_id),\n"
    "  seq            INTEGER NOT NULL,\n"
    "  at             TEXT NOT NULL,\n"
    "  type           TEXT NOT NULL,\n"
    "  worker         TEXT NOT NULL,\n"
    "  event          TEXT NOT NULL,\n"   /* the JSON applied */
    "  PRIMARY KEY (dispute_id, seq));\n"
    "CREATE TRIGGER IF NOT EXISTS event_no_update BEFORE UPDATE ON event\n"
    "  BEGIN SELECT RAISE(ABORT, 'the event table is append-only'); END;\n"
    "CREATE TRIGGER IF NOT EXISTS event_no_delete BEFORE DELETE ON event\n"
    "  BEGIN SELECT RAISE(ABORT, 'the event table is append-only'); END;\n"
    "CREATE TABLE IF NOT EXISTS reminder (\n" /* one row per reminder sent: never twice */
    "  dispute_id       TEXT NOT NULL,\n"
    "  obligation_index INTEGER NOT NULL,\n" /* the sweep row's index into the state's obligations */
    "  due              TEXT NOT NULL,\n"    /* a moved deadline is a new reminder */
    "  sent_at          TEXT NOT NULL,\n"
    "  text             TEXT NOT NULL,\n"
    "  PRIMARY KEY (dispute_id, obligation_index, due));\n";

/* ==== Failing loudly ================================================================== */

static void fail(const char *what, const char *detail) {
    fprintf(stderr, "drp_host_sqlite: %s: %s\n", what, detail);
    exit(1);
}

/* Any drp code but DRP_OK is a failure here; refusals are handled where they can occur. */
static void check_drp(int rc, const char *what) {
    if (rc != DRP_OK) {
        fprintf(stderr, "drp_host_sqlite: %s: %s: %s\n", what, drp_error_name(rc), drp_error_last());
        exit(1);
    }
}

/* The codes with which drp refuses what a worker entered (drp_dispute_apply,
 * drp_dispute_migrate): show them, store nothing. Others (DRP_ENOMEM, DRP_EINTERNAL,
 * DRP_EINVALID_ARGUMENT, ...) are failures of the host. */
static int is_refusal(int rc) {
    return rc == DRP_ENOT_PERMITTED || rc == DRP_EOUT_OF_ORDER || rc == DRP_EINVALID_EVENT ||
           rc == DRP_EINVALID_JSON || rc == DRP_EUNKNOWN_STAGE;
}

/* ==== Small helpers =================================================================== */

static char *format(const char *fmt, ...) {
    va_list args, again;
    int n;
    char *out;
    va_start(args, fmt);
    va_copy(again, args);
    n = vsnprintf(NULL, 0, fmt, args);
    va_end(args);
    if (n < 0) fail("format", fmt);
    out = malloc((size_t)n + 1);
    if (!out) fail("format", "out of memory");
    vsnprintf(out, (size_t)n + 1, fmt, again);
    va_end(again);
    return out;
}

static char *copy(const char *s) { return format("%s", s); }

static const char *or_dash(const char *s) { return s ? s : "-"; }

/* The text with its only occurrence of `from` replaced by `to` (fails when there is not
 * exactly one: an edit of a policy text must not guess). */
static char *replace_once(const char *text, const char *from, const char *to) {
    const char *at = strstr(text, from);
    if (!at || strstr(at + 1, from)) fail("editing the policy text: not exactly one occurrence of", from);
    return format("%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
}

/* Ids, roles and event types from the day file go into JSON strings: letters, digits, "_-.". */
static void check_token(const char *s, const char *what) {
    const char *p;
    for (p = s; *p; ++p)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.", *p)) fail(what, s);
}

/* ==== SQLite ========================================================================= */

typedef struct host {
    sqlite3 *db;
    drp_policy_versions *versions; /* every version in the policy table, loaded at start-up */
} host;

static void exec(host *h, const char *sql) {
    char *message = NULL;
    if (sqlite3_exec(h->db, sql, NULL, NULL, &message) != SQLITE_OK) {
        fprintf(stderr, "drp_host_sqlite: %s: %s\n", sql, message ? message : sqlite3_errmsg(h->db));
        sqlite3_free(message);
        exit(1);
    }
}

static sqlite3_stmt *prepare(host *h, const char *sql) {
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v2(h->db, sql, -1, &stmt, NULL) != SQLITE_OK) fail(sql, sqlite3_errmsg(h->db));
    return stmt;
}

/* Binds text (NULL binds SQL NULL). The text must live until the statement is stepped. */
static void bind(host *h, sqlite3_stmt *stmt, int index, const char *text) {
    int rc = text ? sqlite3_bind_text(stmt, index, text, -1, SQLITE_STATIC) : sqlite3_bind_null(stmt, index);
    if (rc != SQLITE_OK) fail("binding a value", sqlite3_errmsg(h->db));
}

/* 1 for a row, 0 when done. */
static int step(host *h, sqlite3_stmt *stmt) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) return 1;
    if (rc == SQLITE_DONE) return 0;
    fail(sqlite3_sql(stmt), sqlite3_errmsg(h->db));
    return 0;
}

static void finish(sqlite3_stmt *stmt) { sqlite3_finalize(stmt); }

static const char *column(sqlite3_stmt *stmt, int i) { return (const char *)sqlite3_column_text(stmt, i); }

static long long count_rows(host *h, const char *sql) {
    sqlite3_stmt *stmt = prepare(h, sql);
    long long n;
    if (!step(h, stmt)) fail(sql, "no row");
    n = sqlite3_column_int64(stmt, 0);
    finish(stmt);
    return n;
}

/* ==== Policies ======================================================================== */


/* Opens the database, creates the tables and loads every stored policy version into a
 * drp_policy_versions set: the versions disputes are restored and raised under. */
static void open_host(host *h, const char *path) {
    sqlite3_stmt *stmt;
    h->db = NULL;
    h->versions = NULL;
    if (sqlite3_open_v2(path, &h->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
        fail(path, h->db ? sqlite3_errmsg(h->db) : "cannot open");
    exec(h, "PRAGMA foreign_keys = ON");
    exec(h, schema);
    check_drp(drp_policy_versions_new(&h->versions), "drp_policy_versions_new");

    stmt = prepare(h, "SELECT policy_id, version, source FROM policy ORDER BY effective_from");
    while (step(h, stmt)) {
        const char *id = column(stmt, 0), *version = column(stmt, 1);
        drp_policy_load_options opts = DRP_POLICY_LOAD_OPTIONS_INIT;
        drp_policy *policy = NULL;
        drp_list *diagnostics = NULL;
        char *name = format("policy table: %s %s", id, version);
        size_t i;
        int rc;
        opts.source_name = name; /* how diagnostics name the text */
        rc = drp_policy_load(&policy, &diagnostics, column(stmt, 2), &opts);
        if (rc != DRP_OK)
            for (i = 0; i < drp_list_count(diagnostics); ++i) fprintf(stderr, "%s\n", drp_list_get(diagnostics, i, "text"));
        drp_list_free(diagnostics);
        check_drp(rc, name);
        if (strcmp(drp_policy_id(policy), id) != 0 || strcmp(drp_policy_version(policy), version) != 0)
            fail(name, "the source is another policy version");
        check_drp(drp_policy_versions_add(h->versions, policy), name); /* the set keeps its own reference */
        drp_policy_free(policy);
        free(name);
    }
    finish(stmt);
}

static void close_host(host *h) {
    drp_policy_versions_free(h->versions);
    if (sqlite3_close(h->db) != SQLITE_OK) fail("closing the database", sqlite3_errmsg(h->db));
}

/* The version in force on a local date: new disputes are raised under it. */
static const drp_policy *policy_in_force(host *h, const char *date) {
    const drp_policy *policy = NULL;
    check_drp(drp_policy_versions_in_force(&policy, h->versions, date), "the policy in force");
    return policy;
}

/* Local wall time -> instant ("2027-01-08T23:00:00+00:00"). Caller frees with drp_string_free. */
static char *local_instant(const drp_policy *policy, const char *date, const char *time_of_day) {
    char *instant = NULL;
    check_drp(drp_policy_local_instant(&instant, policy, date, time_of_day), "drp_policy_local_instant");
    return instant;
}

static void store_policy(host *h, const drp_policy *policy) {
    sqlite3_stmt *stmt = prepare(h, "INSERT INTO policy (policy_id, version, effective_from, source) VALUES (?, ?, ?, ?)");
    bind(h, stmt, 1, drp_policy_id(policy));
    bind(h, stmt, 2, drp_policy_version(policy));
    bind(h, stmt, 3, drp_policy_effective_from(policy));
    bind(h, stmt, 4, drp_policy_source(policy));
    step(h, stmt);
    finish(stmt);
}

/* ==== Disputes ======================================================================== */

/* A stored state back to a dispute: read which policy version it names (drp_state_policy),
 * take that version from the set, and replay it (drp_dispute_from_json). */
static drp_dispute *restore(host *h, const char *state) {
    char *policy_id = NULL, *version = NULL;
    const drp_policy *policy = NULL;
    drp_dispute *dispute = NULL;
    check_drp(drp_state_policy(&policy_id, &version, state), "drp_state_policy");
    check_drp(drp_policy_versions_find(&policy, h->versions, version), "the stored state's policy version");
    if (strcmp(drp_policy_id(policy), policy_id) != 0) fail("a stored state of another policy", policy_id);
    check_drp(drp_dispute_from_json(&dispute, policy, state), "drp_dispute_from_json");
    drp_string_free(policy_id);
    drp_string_free(version);
    return dispute;
}

/* The dispute's row: its state snapshot, status, stage, policy version and next_due. */
static void store_dispute(host *h, const drp_dispute *dispute) {
    char *state = NULL, *next_due = NULL;
    sqlite3_stmt *stmt;
    check_drp(drp_dispute_state_json(&state, dispute, NULL), "drp_dispute_state_json");
    check_drp(drp_dispute_next_due(&next_due, dispute), "drp_dispute_next_due"); /* NULL: none */
    stmt = prepare(h,
                   "INSERT INTO dispute (dispute_id, policy_id, policy_version, status, stage, state, next_due)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                   " ON CONFLICT (dispute_id) DO UPDATE SET policy_id = ?2, policy_version = ?3, status = ?4,"
                   " stage = ?5, state = ?6, next_due = ?7");
    bind(h, stmt, 1, drp_dispute_id(dispute));
    bind(h, stmt, 2, drp_dispute_policy_id(dispute));
    bind(h, stmt, 3, drp_dispute_policy_version(dispute));
    bind(h, stmt, 4, drp_dispute_status(dispute));
    bind(h, stmt, 5, drp_dispute_stage(dispute));
    bind(h, stmt, 6, state);
    bind(h, stmt, 7, next_due);
    step(h, stmt);
    finish(stmt);
    drp_string_free(next_due);
    drp_string_free(state);
}

/* The stored state of a dispute, or NULL when there is none. Caller frees with free(). */
static char *stored_state(host *h, const char *dispute_id) {
    sqlite3_stmt *stmt = prepare(h, "SELECT state FROM dispute WHERE dispute_id = ?");
    char *state = NULL;
    bind(h, stmt, 1, dispute_id);
    if (step(h, stmt)) state = copy(column(stmt, 0));
    finish(stmt);
    return state;
}

static void print_actions(const drp_list *actions) {
    size_t k;
    for (k = 0; k < drp_list_count(actions); ++k)
        printf("    %-6s %s\n", drp_list_get(actions, k, "action"), drp_list_get(actions, k, "text"));
}

/* ==== init ============================================================================ */

static int cmd_init(host *h) {
    drp_policy *merton = NULL;
    if (drp_policy_versions_count(h->versions) > 0) {
        printf("already initialised: %u policy versions\n", (unsigned)drp_policy_versions_count(h->versions));
        return 0;
    }
    check_drp(drp_policy_builtin(&merton, "merton"), "drp_policy_builtin");
    store_policy(h, merton);
    printf("stored policy %s %s (effective from %s)\n", drp_policy_id(merton), drp_policy_version(merton),
           drp_policy_effective_from(merton));
    drp_policy_free(merton);
    return 0;
}

/* ==== apply: a day's events =========================================================== */

/* One line of a day file is one thing a worker did, as the case-record screen captures it:
 *
 *   DATE TIME WORKER DISPUTE_ID TYPE [MEMBERS]
 *   2026-12-21 10:30 IRO MERTON-2026-0041 notify "role": "HOS_QAPD"
 *
 * local date and time, the worker's role, the dispute, the event type, and the event's other
 * members as JSON text. The host makes the event: {"type", "at", "dispute_id", "by", MEMBERS}.
 * Lines starting with '#' and blank lines are skipped. */
static int apply_line(host *h, const char *line, int *accepted, int *refused) {
    char date[11], time_of_day[9], worker[32], dispute_id[64], type[32];
    const char *members;
    int n = 0, rc;
    char *state, *at, *event;
    const drp_policy *policy;
    drp_dispute *dispute = NULL;
    drp_list *actions = NULL;

    if (sscanf(line, "%10s %8s %31s %63s %31s%n", date, time_of_day, worker, dispute_id, type, &n) != 5)
        fail("a day file line is not DATE TIME WORKER DISPUTE_ID TYPE [MEMBERS]", line);
    check_token(worker, "a worker's role");
    check_token(dispute_id, "a dispute id");
    check_token(type, "an event type");
    members = line + n;
    while (*members == ' ') ++members;

    exec(h, "BEGIN IMMEDIATE");
    state = stored_state(h, dispute_id);
    if (state) {
        dispute = restore(h, state); /* under the version it is stored under */
    } else {
        policy = policy_in_force(h, date); /* a new dispute: the version in force that day */
        check_drp(drp_dispute_new(&dispute, policy), "drp_dispute_new");
    }
    /* Local times are the policy's: every version of one authority shares its zone. */
    policy = NULL;
    check_drp(drp_policy_versions_find(&policy, h->versions, drp_dispute_policy_version(dispute)), "the dispute's policy");
    at = local_instant(policy, date, time_of_day);
    event = format("{\"type\": \"%s\", \"at\": \"%s\", \"dispute_id\": \"%s\", \"by\": \"%s\"%s%s}", type, at, dispute_id,
                   worker, *members ? ", " : "", members);

    rc = drp_dispute_apply(&actions, dispute, event);
    if (rc == DRP_OK) {
        sqlite3_stmt *stmt;
        store_dispute(h, dispute);
        stmt = prepare(h, "INSERT INTO event (dispute_id, seq, at, type, worker, event)"
                          " SELECT ?1, coalesce(max(seq), 0) + 1, ?2, ?3, ?4, ?5 FROM event WHERE dispute_id = ?1");
        bind(h, stmt, 1, dispute_id);
        bind(h, stmt, 2, at);
        bind(h, stmt, 3, type);
        bind(h, stmt, 4, worker);
        bind(h, stmt, 5, event);
        step(h, stmt);
        finish(stmt);
        exec(h, "COMMIT");
        ++*accepted;
        printf("%s %s %s %s %s: accepted, %s at %s\n", date, time_of_day, worker, dispute_id, type,
               drp_dispute_status(dispute), or_dash(drp_dispute_stage(dispute)));
        print_actions(actions); /* a real host writes these to an outbox in the same transaction */
    } else if (is_refusal(rc)) {
        exec(h, "ROLLBACK"); /* drp left the dispute as it was; the database is too */
        ++*refused;
        printf("%s %s %s %s %s: refused, shown to %s: %s: %s\n", date, time_of_day, worker, dispute_id, type, worker,
               drp_error_name(rc), drp_error_last());
        printf("    nothing stored\n");
    } else {
        check_drp(rc, "drp_dispute_apply");
    }
    drp_list_free(actions);
    drp_dispute_free(dispute);
    free(event);
    drp_string_free(at);
    free(state);
    return 0;
}

static int cmd_apply(host *h, const char *path) {
    char line[8192];
    int accepted = 0, refused = 0;
    FILE *file = fopen(path, "r");
    if (!file) fail("cannot read", path);
    while (fgets(line, sizeof line, file)) {
        size_t len = strlen(line);
        if (len > 0 && line[len - 1] != '\n' && !feof(file)) fail("a line longer than 8191 bytes in", path);
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r' || line[len - 1] == ' ')) line[--len] = '\0';
        if (len == 0 || line[0] == '#') continue;
        apply_line(h, line, &accepted, &refused);
    }
    if (ferror(file)) fail("reading", path);
    fclose(file);
    printf("day: %d accepted, %d refused; stored: %lld disputes, %lld events\n", accepted, refused,
           count_rows(h, "SELECT count(*) FROM dispute"), count_rows(h, "SELECT count(*) FROM event"));
    return 0;
}

/* ==== restore: what a restart does ==================================================== */

static int cmd_restore(host *h) {
    sqlite3_stmt *stmt = prepare(h, "SELECT dispute_id, policy_version, state FROM dispute ORDER BY dispute_id");
    int restored = 0;
    while (step(h, stmt)) {
        drp_dispute *dispute = restore(h, column(stmt, 2));
        char *next_due = NULL;
        if (strcmp(drp_dispute_id(dispute), column(stmt, 0)) != 0 ||
            strcmp(drp_dispute_policy_version(dispute), column(stmt, 1)) != 0)
            fail("a row whose columns disagree with its state", column(stmt, 0));
        check_drp(drp_dispute_next_due(&next_due, dispute), "drp_dispute_next_due");
        printf("  %s  %s %s  %s at %s, next due %s\n", drp_dispute_id(dispute), drp_dispute_policy_id(dispute),
               drp_dispute_policy_version(dispute), drp_dispute_status(dispute), or_dash(drp_dispute_stage(dispute)),
               next_due ? next_due : "none");
        drp_string_free(next_due);
        drp_dispute_free(dispute);
        ++restored;
    }
    finish(stmt);
    printf("restored %d disputes\n", restored);
    return 0;
}

/* ==== sweeps: overdue reminders and to-do lists ======================================= */

/* Called with each policy version's sweep rows. */
typedef void (*sweep_rows_fn)(host *h, const drp_list *rows, void *context);

/* Selects the disputes whose next_due is at or before `select_until` (an instant; the index
 * does the work), and makes one drp_sweep call per policy version, as drp_sweep wants. (A
 * duty due exactly at as_of is not overdue yet: drp_sweep then gives no row for it.) */
static void sweep(host *h, const char *as_of, const char *due_before, const char *select_until, sweep_rows_fn fn,
                  void *context) {
    sqlite3_stmt *stmt = prepare(h, "SELECT policy_version, state FROM dispute WHERE next_due <= ?"
                                    " ORDER BY policy_version, dispute_id");
    char **states = NULL;
    size_t count = 0, capacity = 0, i;
    char *version = NULL, *until = NULL;
    int more;
    check_drp(drp_instant_utc(&until, select_until), "drp_instant_utc");  /* compared as text with next_due */
    bind(h, stmt, 1, until);  /* (SQLITE_STATIC: kept until the statement is finished) */
    do {
        more = step(h, stmt);
        if (count > 0 && (!more || strcmp(column(stmt, 0), version) != 0)) {
            const drp_policy *policy = NULL;
            drp_list *rows = NULL;
            check_drp(drp_policy_versions_find(&policy, h->versions, version), "the stored policy version");
            check_drp(drp_sweep(&rows, NULL, policy, (const char *const *)states, count, as_of, due_before), "drp_sweep");
            printf("  %s %s: %u disputes, %u rows\n", drp_policy_id(policy), version, (unsigned)count,
                   (unsigned)drp_list_count(rows));
            fn(h, rows, context);
            drp_list_free(rows);
            for (i = 0; i < count; ++i) free(states[i]);
            count = 0;
        }
        if (more) {
            if (count == capacity) {
                char **grown = realloc(states, (capacity = capacity ? 2 * capacity : 64) * sizeof *states);
                if (!grown) fail("sweep", "out of memory");
                states = grown;
            }
            states[count++] = copy(column(stmt, 1));
            free(version);
            version = copy(column(stmt, 0));
        }
    } while (more);
    finish(stmt);
    drp_string_free(until);
    free(states);
    free(version);
}

/* The row's role (or target) items joined for people: "TM, HOS". */
static void print_items(const drp_list *rows, size_t k, const char *field) {
    size_t i, n = drp_list_item_count(rows, k, field);
    for (i = 0; i < n; ++i) printf("%s%s", i ? ", " : "", drp_list_item(rows, k, field, i));
    if (n == 0) printf("-");
}

typedef struct reminders {
    const char *now;
    int overdue, sent;
} reminders;

/* A reminder per overdue duty, once: the reminder table's key (dispute, obligation index,
 * due) makes a second sweep the same night insert, and send, nothing. */
static void send_reminders(host *h, const drp_list *rows, void *context) {
    reminders *r = context;
    sqlite3_stmt *stmt = prepare(h, "INSERT OR IGNORE INTO reminder (dispute_id, obligation_index, due, sent_at, text)"
                                    " VALUES (?, ?, ?, ?, ?)");
    size_t k;
    for (k = 0; k < drp_list_count(rows); ++k) {
        ++r->overdue;
        sqlite3_reset(stmt);
        bind(h, stmt, 1, drp_list_get(rows, k, "dispute_id"));
        bind(h, stmt, 2, drp_list_get(rows, k, "index"));
        bind(h, stmt, 3, drp_list_get(rows, k, "due"));
        bind(h, stmt, 4, r->now);
        bind(h, stmt, 5, drp_list_get(rows, k, "text"));
        step(h, stmt);
        if (sqlite3_changes(h->db) == 0) continue; /* sent before */
        ++r->sent;
        printf("  reminder to ");
        print_items(rows, k, "role");
        printf(": %s #%s: %s\n", drp_list_get(rows, k, "dispute_id"), drp_list_get(rows, k, "index"),
               drp_list_get(rows, k, "text"));
    }
    finish(stmt);
}

static int cmd_sweep(host *h, const char *date, const char *time_of_day) {
    reminders r = {NULL, 0, 0};
    char *now = local_instant(policy_in_force(h, date), date, time_of_day);
    r.now = now;
    printf("sweep as of %s\n", now);
    exec(h, "BEGIN IMMEDIATE"); /* reminders recorded and "sent" together */
    sweep(h, now, NULL, now, send_reminders, &r);
    exec(h, "COMMIT");
    printf("sweep: %d overdue, %d reminders sent, %d sent before\n", r.overdue, r.sent, r.overdue - r.sent);
    drp_string_free(now);
    return 0;
}

/* 1 when an item of the row's list field is `role`, or is "A|B" (any one of the roles A,
 * B) with `role` among them. */
static int has_role(const drp_list *rows, size_t k, const char *field, const char *role) {
    size_t i, len = strlen(role);
    for (i = 0; i < drp_list_item_count(rows, k, field); ++i) {
        const char *p = drp_list_item(rows, k, field, i);
        while (p) {
            const char *bar = strchr(p, '|');
            size_t n = bar ? (size_t)(bar - p) : strlen(p);
            if (n == len && strncmp(p, role, len) == 0) return 1;
            p = bar ? bar + 1 : NULL;
        }
    }
    return 0;
}

typedef struct todo {
    const char *role;
    int items;
} todo;

/* A worker's list: what the role owes (role), and what the role is to be told or met about
 * (target). Rows come sorted by due within each policy version. */
static void print_todo(host *h, const drp_list *rows, void *context) {
    todo *t = context;
    size_t k;
    (void)h;
    for (k = 0; k < drp_list_count(rows); ++k) {
        const char *relation = has_role(rows, k, "role", t->role) ? "owes" : has_role(rows, k, "target", t->role) ? "told" : NULL;
        const char *due_date = drp_list_get(rows, k, "due_date"); /* absent for a deadline in hours */
        if (!relation) continue;
        ++t->items;
        printf("  %-7s %s %-10s %s %s: %s\n", drp_list_get(rows, k, "status"), relation,
               due_date ? due_date : drp_list_get(rows, k, "due"), drp_list_get(rows, k, "dispute_id"), drp_list_get(rows, k, "obligation"),
               drp_list_get(rows, k, "text"));
    }
}

static int cmd_todo(host *h, const char *role, const char *date, const char *time_of_day, const char *until) {
    todo t = {NULL, 0};
    const drp_policy *policy = policy_in_force(h, date);
    char *now = local_instant(policy, date, time_of_day);
    char *end = local_instant(policy, until, NULL); /* the end of that day */
    t.role = role;
    check_token(role, "a role");
    printf("to-do for %s as of %s, due by %s:\n", role, now, end);
    sweep(h, now, until, end, print_todo, &t);
    printf("to-do for %s: %d items\n", role, t.items);
    drp_string_free(end);
    drp_string_free(now);
    return 0;
}

/* ==== policy versions: a new version, and moving a dispute to it ====================== */

/* Merton 1.1.0, made from the 1.0.0 text stored in the policy table: IR1's timescale of 10
 * working days becomes 15, taking effect on 11 January 2027. An authority would send you the
 * new file; this edit only stands in for it. */
static int cmd_new_version(host *h) {
    sqlite3_stmt *stmt;
    char *v1, *v2, *v3;
    drp_policy *policy = NULL;
    drp_list *diagnostics = NULL;
    drp_policy_load_options opts = DRP_POLICY_LOAD_OPTIONS_INIT;
    const drp_policy *existing = NULL;

    if (drp_policy_versions_find(&existing, h->versions, "1.1.0") == DRP_OK) {
        printf("policy merton 1.1.0 is already stored\n");
        return 0;
    }
    stmt = prepare(h, "SELECT source FROM policy WHERE policy_id = 'merton' AND version = '1.0.0'");
    if (!step(h, stmt)) fail("new-version", "no merton 1.0.0 in the policy table: run init");
    v1 = replace_once(column(stmt, 0), "\"version\": \"1.0.0\"", "\"version\": \"1.1.0\"");
    finish(stmt);
    v2 = replace_once(v1, "\"effective_from\": \"2025-01-01\"", "\"effective_from\": \"2027-01-11\"");
    v3 = replace_once(v2, "\"timescale\": {\"working_days\": 10}", "\"timescale\": {\"working_days\": 15}");

    opts.source_name = "merton 1.1.0";
    check_drp(drp_policy_load(&policy, &diagnostics, v3, &opts), "loading merton 1.1.0");
    drp_list_free(diagnostics); /* warnings and notes: none expected */
    check_drp(drp_policy_versions_add(h->versions, policy), "adding merton 1.1.0"); /* refuses a clash */
    store_policy(h, policy);
    printf("stored policy %s %s (effective from %s): IR1 in 15 working days\n", drp_policy_id(policy),
           drp_policy_version(policy), drp_policy_effective_from(policy));
    drp_policy_free(policy);
    free(v3);
    free(v2);
    free(v1);
    return 0;
}

static int cmd_migrate(host *h, const char *dispute_id, const char *date, const char *time_of_day) {
    char *state, *at;
    drp_dispute *dispute, *moved = NULL;
    drp_list *actions = NULL;
    const drp_policy *from = NULL, *to;
    int rc;

    check_token(dispute_id, "a dispute id");
    exec(h, "BEGIN IMMEDIATE");
    state = stored_state(h, dispute_id);
    if (!state) fail("no such dispute", dispute_id);
    dispute = restore(h, state);
    check_drp(drp_policy_versions_find(&from, h->versions, drp_dispute_policy_version(dispute)), "the dispute's policy");
    to = policy_in_force(h, date);
    at = local_instant(to, date, time_of_day);
    if (strcmp(drp_policy_version(to), drp_policy_version(from)) == 0) {
        printf("%s is under %s %s, the version in force on %s: nothing to move\n", dispute_id, drp_policy_id(to),
               drp_policy_version(to), date);
        exec(h, "ROLLBACK");
    } else {
        rc = drp_dispute_migrate(&moved, &actions, dispute, to, at);
        if (rc == DRP_OK) {
            size_t k;
            store_dispute(h, moved);
            exec(h, "COMMIT");
            printf("moved %s from %s %s to %s at %s; the move causes:\n", dispute_id, drp_policy_id(to),
                   drp_policy_version(from), drp_policy_version(to), at);
            for (k = 0; k < drp_list_count(actions); ++k)
                printf("    %-6s %s %s due %s: %s\n", drp_list_get(actions, k, "action"), drp_list_get(actions, k, "obligation"),
                       or_dash(drp_list_get(actions, k, "stage")), or_dash(drp_list_get(actions, k, "due_date")),
                       drp_list_get(actions, k, "text"));
            printf("move: %u actions\n", (unsigned)drp_list_count(actions));
        } else if (is_refusal(rc)) {
            exec(h, "ROLLBACK"); /* the dispute stays under its version */
            printf("cannot move %s: %s: %s\n", dispute_id, drp_error_name(rc), drp_error_last());
        } else {
            check_drp(rc, "drp_dispute_migrate");
        }
    }
    drp_list_free(actions);
    drp_dispute_free(moved);
    drp_dispute_free(dispute);
    drp_string_free(at);
    free(state);
    return 0;
}

/* ==== main ============================================================================ */

static void usage(void) {
    fprintf(stderr, "usage: drp_host_sqlite DB init | apply DAY_FILE | restore | sweep DATE TIME |\n"
                    "       todo ROLE DATE TIME UNTIL_DATE | new-version | migrate DISPUTE_ID DATE TIME\n");
    exit(2);
}

int main(int argc, char **argv) {
    host h;
    const char *command;
    int status;

    if (drp_version_number() / 10000 != DRP_VERSION_MAJOR) {
        fprintf(stderr, "drp_host_sqlite: built for drp %s, running with %s\n", DRP_VERSION_STRING, drp_version());
        return 1;
    }
    if (argc < 3) usage();
    command = argv[2];
    open_host(&h, argv[1]);
    if (strcmp(command, "init") != 0 && drp_policy_versions_count(h.versions) == 0) fail(argv[1], "no policies: run init first");

    if (strcmp(command, "init") == 0 && argc == 3) status = cmd_init(&h);
    else if (strcmp(command, "apply") == 0 && argc == 4) status = cmd_apply(&h, argv[3]);
    else if (strcmp(command, "restore") == 0 && argc == 3) status = cmd_restore(&h);
    else if (strcmp(command, "sweep") == 0 && argc == 5) status = cmd_sweep(&h, argv[3], argv[4]);
    else if (strcmp(command, "todo") == 0 && argc == 7) status = cmd_todo(&h, argv[3], argv[4], argv[5], argv[6]);
    else if (strcmp(command, "new-version") == 0 && argc == 3) status = cmd_new_version(&h);
    else if (strcmp(command, "migrate") == 0 && argc == 6) status = cmd_migrate(&h, argv[3], argv[4], argv[5]);
    else usage();

    close_host(&h);
    return status;
}
