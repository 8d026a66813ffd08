/*
 * drp_example.c — a case-record system's use of drp, in plain C99 (only drp/drp.h).
 *
 * Loads a seed policy (a file, or the built-in Merton policy), runs one dispute as the
 * IRO and the team manager act, shows a refused event, prints the obligations as of a
 * morning sweep and what may happen next, and round-trips the dispute through the JSON
 * a host would store in its database.
 *
 *   usage: drp_example [POLICY.json]
 *
 * Build against an installed drp:
 *   cc -std=c99 drp_example.c $(pkg-config --cflags --libs drp)      (pkg-config)
 *   find_package(drp CONFIG) + target_link_libraries(... drp::c)      (CMake)
 */
#include <stdio.h>
#include <string.h>

#include <drp/drp.h>

/* Events as the host records them when caseworkers act (JSON, schemas/event.schema.json). */
static const char *const events[] = {
    "{\"type\": \"raise\", \"at\": \"2026-12-21T10:30:00Z\", \"dispute_id\": \"MERTON-2026-0041\","
    " \"by\": \"IRO\", \"child_ref\": \"C-1001\", \"category\": \"drift_delay\", \"urgency\": \"standard\","
    " \"summary\": \"Care plan actions not progressed\", \"start_stage\": \"IR1\","
    " \"start_reason\": \"The team manager is already involved\"}",
    "{\"type\": \"notify\", \"at\": \"2026-12-21T15:00:00Z\", \"dispute_id\": \"MERTON-2026-0041\","
    " \"by\": \"IRO\", \"role\": \"HOS_QAPD\"}",
    "{\"type\": \"respond\", \"at\": \"2027-01-05T09:00:00Z\", \"dispute_id\": \"MERTON-2026-0041\","
    " \"by\": \"TM\", \"adequate\": false}",
    "{\"type\": \"escalate\", \"at\": \"2027-01-05T11:00:00Z\", \"dispute_id\": \"MERTON-2026-0041\","
    " \"by\": \"IRO\", \"reason\": \"not_resolved\"}",
};

/* Merton's policy has no "inadequate response" escalation: the engine refuses this one. */
static const char refused_event[] =
    "{\"type\": \"escalate\", \"at\": \"2027-01-06T09:00:00Z\", \"dispute_id\": \"MERTON-2026-0041\","
    " \"by\": \"IRO\", \"reason\": \"inadequate_response\"}";

static const char sweep_time[] = "2027-01-12T09:00:00Z"; /* the nightly "as of now" */

/* A NULL field prints as "-". */
static const char *or_dash(const char *s) { return s ? s : "-"; }

static int report(int rc, const char *what) {
    if (rc != DRP_OK) fprintf(stderr, "drp_example: %s failed: %s (%s)\n", what, drp_error_last(), drp_error_name(rc));
    return rc;
}

static void print_diagnostics(const drp_list *diagnostics) {
    size_t i;
    for (i = 0; i < drp_list_count(diagnostics); ++i) fprintf(stderr, "%s\n", drp_list_get(diagnostics, i, "text"));
}

static void print_actions(const drp_list *actions) {
    size_t i;
    for (i = 0; i < drp_list_count(actions); ++i) printf("    -> %s\n", drp_list_get(actions, i, "text"));
}

static void print_obligations(const drp_list *obligations) {
    size_t i;
    for (i = 0; i < drp_list_count(obligations); ++i)
        printf("  %-8s %-16s %-6s %-26s %s\n", drp_list_get(obligations, i, "status"), drp_list_get(obligations, i, "id"),
               or_dash(drp_list_get(obligations, i, "stage")), or_dash(drp_list_get(obligations, i, "due")),
               or_dash(drp_list_get(obligations, i, "role")));
}

static void print_allowed_next(const drp_list *next) {
    size_t i;
    printf("may happen next:");
    for (i = 0; i < drp_list_count(next); ++i) {
        const char *reason = drp_list_get(next, i, "reason");
        printf(" %s%s%s", drp_list_get(next, i, "type"), reason ? ":" : "", reason ? reason : "");
    }
    printf("\n");
}

int main(int argc, char **argv) {
    drp_policy *policy = NULL;
    drp_list *diagnostics = NULL, *actions = NULL, *obligations = NULL, *next = NULL;
    drp_dispute *dispute = NULL, *restored = NULL;
    char *before = NULL, *after = NULL, *snapshot = NULL;
    size_t i;
    int rc, status = 1;

    if (drp_version_number() / 10000 != DRP_VERSION_MAJOR) {
        fprintf(stderr, "drp_example: built for drp %s, running with %s\n", DRP_VERSION_STRING, drp_version());
        return 1;
    }
    printf("drp %s\n", drp_version());

    /* 1. The policy: loaded once at start-up, shared by every dispute (and thread). */
    if (argc > 1) {
        rc = drp_policy_load_file(&policy, &diagnostics, argv[1], NULL);
        print_diagnostics(diagnostics); /* errors on failure, warnings on success */
    } else {
        rc = drp_policy_builtin(&policy, "merton");
    }
    if (report(rc, "loading the policy")) goto done;
    printf("policy %s %s: %s\n", drp_policy_id(policy), drp_policy_version(policy), drp_policy_title(policy));

    /* 2. A dispute, and the events as caseworkers act. */
    if (report(drp_dispute_new(&dispute, policy), "drp_dispute_new")) goto done;
    for (i = 0; i < sizeof events / sizeof events[0]; ++i) {
        if (report(drp_dispute_apply(&actions, dispute, events[i]), "applying an event")) goto done;
        printf("applied event %u: now %s at %s\n", (unsigned)(i + 1), drp_dispute_status(dispute), drp_dispute_stage(dispute));
        print_actions(actions);
        drp_list_free(actions);
        actions = NULL;
    }

    /* 3. A refused event: a clean error code and message, and the dispute untouched. */
    if (report(drp_dispute_state_json(&before, dispute, NULL), "drp_dispute_state_json")) goto done;
    rc = drp_dispute_apply(NULL, dispute, refused_event);
    printf("refused: %s: %s\n", drp_error_name(rc), drp_error_last());
    if (rc != DRP_ENOT_PERMITTED) goto done;
    if (report(drp_dispute_state_json(&after, dispute, NULL), "drp_dispute_state_json")) goto done;
    if (strcmp(before, after) != 0) {
        fprintf(stderr, "drp_example: a refused event changed the dispute\n");
        goto done;
    }
    rc = drp_dispute_apply(NULL, dispute, "{\"type\": \"raise\"");
    printf("bad JSON: %s\n", drp_error_name(rc));
    if (rc != DRP_EINVALID_JSON) goto done;
    rc = drp_dispute_apply(NULL, NULL, events[0]);
    printf("NULL dispute: %s\n", drp_error_name(rc));
    if (rc != DRP_EINVALID_ARGUMENT) goto done;

    /* 4. The morning sweep: obligations as of now (past-due ones read "overdue"). */
    if (report(drp_dispute_obligations(&obligations, dispute, sweep_time), "drp_dispute_obligations")) goto done;
    printf("obligations as of %s:\n", sweep_time);
    print_obligations(obligations);
    if (report(drp_dispute_allowed_next(&next, dispute, sweep_time), "drp_dispute_allowed_next")) goto done;
    print_allowed_next(next);

    /* 5. What the host stores, and loading it back. */
    if (report(drp_dispute_state_json(&snapshot, dispute, NULL), "drp_dispute_state_json")) goto done;
    if (report(drp_dispute_from_json(&restored, policy, snapshot), "drp_dispute_from_json")) goto done;
    printf("restored from %u bytes of JSON: %s at %s\n", (unsigned)strlen(snapshot), drp_dispute_status(restored),
           drp_dispute_stage(restored));
    status = 0;

done:
    drp_string_free(snapshot);
    drp_string_free(after);
    drp_string_free(before);
    drp_list_free(next);
    drp_list_free(obligations);
    drp_list_free(actions);
    drp_list_free(diagnostics);
    drp_dispute_free(restored);
    drp_dispute_free(dispute);
    drp_policy_free(policy);
    return status;
}
