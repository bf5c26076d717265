/* Unit tests: the workspace database, on real SQLite files in a temporary
 * directory. Migrations and pragmas, reopening, refusing foreign and
 * damaged files, recording runs (names with quotes, SQL and Chinese text
 * round-trip), and two writers at once. The panel: scores round-trip, the
 * audit trail, role changes, migrating a schema-1 workspace, two scorers
 * at once, a SIGKILL mid-import, and a put refused part-way. */
#include "helpers.h"

#include <poll.h>
#include <sqlite3.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "crmeval/crmeval.h"
#include "store/store_impl.h"

struct fixture {
    char *dir;
    char db[512];
    crm_diags *diags;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));

    f->dir = make_temp_dir();
    snprintf(f->db, sizeof(f->db), "%s/crmeval.db", f->dir);
    f->diags = crm_diags_new(0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    crm_diags_free(f->diags);
    remove_tree(f->dir);
    free(f);
    return 0;
}

static long long query_int(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    long long v = -1;

    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW) {
        v = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

/* A minimal crmeval report with a title and a winner of our choosing. */
/* Record a run titled @p title won by @p winner, with @p files input
 * files (roles "vendor", paths v0, v1, ...) and the report text
 * @p report (NULL: a small one). */
static crm_status record(crm_store *s, const char *title, const char *winner, int files,
                         const char *report, long long *id, crm_diags *diags)
{
    crm_run_file list[64];
    char paths[64][16], digests[64][16];
    crm_run_record r;
    int k;

    assert_true(files <= 64);
    for (k = 0; k < files; k++) {
        snprintf(paths[k], sizeof(paths[k]), "v%d", k);
        snprintf(digests[k], sizeof(digests[k]), "%d", k);
        list[k].role = "vendor";
        list[k].path = paths[k];
        list[k].sha256 = digests[k];
    }
    memset(&r, 0, sizeof(r));
    r.evaluation = "e.yaml";
    r.settings = "{}";
    r.title = title;
    r.inputs_digest = "abc";
    r.winner = winner;
    r.files = list;
    r.file_count = (size_t)files;
    r.report = report != NULL ? report : "{\"ranking\": []}";
    return crm_store_record_run(s, &r, id, diags);
}

static void test_store__create_migrate_reopen(void **state)
{
    struct fixture *f = *state;
    crm_store *s = NULL;

    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_WRITE, f->diags), CRM_EINPUT);
    assert_null(s);
    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_CREATE, f->diags), CRM_OK);
    crm_store_close(s);
    assert_int_equal(query_int(f->db, "PRAGMA user_version"), CRM_STORE_SCHEMA_VERSION);
    assert_int_equal(query_int(f->db, "PRAGMA application_id"), 0x43524d45);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM sqlite_schema WHERE name = 'runs'"), 1);
    /* WAL is a property of the file */
    {
        sqlite3 *db = NULL;
        sqlite3_stmt *st = NULL;

        sqlite3_open(f->db, &db);
        sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
        sqlite3_finalize(st);
        sqlite3_close(db);
    }
    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_WRITE, f->diags), CRM_OK);
    crm_store_close(s);
}

static void test_store__refuses_foreign_newer_and_garbage(void **state)
{
    struct fixture *f = *state;
    char other[600], garbage[600];
    crm_store *s = NULL;
    sqlite3 *db = NULL;

    snprintf(other, sizeof(other), "%s/other.db", f->dir);
    sqlite3_open(other, &db);
    sqlite3_exec(db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL, NULL);
    sqlite3_close(db);
    assert_int_equal(crm_store_open(&s, other, CRM_STORE_WRITE, f->diags), CRM_EINPUT);
    assert_true(diags_contain(f->diags, "not a crmeval workspace"));
    assert_int_equal(query_int(other, "SELECT count(*) FROM t"), 1); /* untouched */

    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_CREATE, f->diags), CRM_OK);
    crm_store_close(s);
    sqlite3_open(f->db, &db);
    sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
    sqlite3_close(db);
    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_WRITE, f->diags), CRM_EINPUT);
    assert_true(diags_contain(f->diags, "newer"));

    write_file(f->dir, "garbage.db", "this is not a database, just some text\n"
                                     "long enough to have a header of sorts....\n");
    snprintf(garbage, sizeof(garbage), "%s/garbage.db", f->dir);
    assert_int_equal(crm_store_open(&s, garbage, CRM_STORE_WRITE, f->diags), CRM_EINPUT);
    assert_null(s);
}

struct collected {
    size_t count;
    char titles[4][128];
    char winners[4][64];
};

static void collect(const crm_run_info *run, void *payload)
{
    struct collected *c = payload;

    if (c->count < 4) {
        snprintf(c->titles[c->count], sizeof(c->titles[0]), "%s", run->title);
        snprintf(c->winners[c->count], sizeof(c->winners[0]), "%s",
                 run->winner ? run->winner : "");
    }
    c->count++;
}

static void test_store__records_runs_and_round_trips_text(void **state)
{
    struct fixture *f = *state;
    static const char *const stored = "O'Brien's \"CRM\"; DROP TABLE runs; -- 零售";
    struct collected c;
    crm_store *s = NULL;
    long long id1 = 0, id2 = 0;
    char *text = NULL;

    memset(&c, 0, sizeof(c));
    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_CREATE, f->diags), CRM_OK);
    assert_int_equal(record(s, "first", "zoho_crm", 1, "{\"r\": 1}", &id1, f->diags), CRM_OK);
    assert_int_equal(record(s, stored, "纷享销客", 1, NULL, &id2, f->diags), CRM_OK);
    assert_true(id2 > id1);
    assert_int_equal(record(s, NULL, "x", 1, NULL, &id1, f->diags), CRM_EINPUT);
    assert_int_equal(id1, 0);
    /* the report comes back byte for byte */
    assert_int_equal(crm_store_run_report(s, id2 - 1, &text, f->diags), CRM_OK);
    assert_string_equal(text, "{\"r\": 1}");
    free(text);
    assert_int_equal(crm_store_run_report(s, 99, &text, f->diags), CRM_EINPUT);
    assert_null(text);
    assert_true(diags_contain(f->diags, "there is no run 99"));
    assert_int_equal(crm_store_history(s, collect, &c, f->diags), CRM_OK);
    assert_int_equal(c.count, 2);
    assert_string_equal(c.titles[0], stored); /* newest first */
    assert_string_equal(c.winners[0], "纷享销客");
    assert_string_equal(c.titles[1], "first");
    crm_store_close(s);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM run_inputs"), 2);
}

/* Two processes recording at once: both succeed (busy timeout), nothing
 * is lost. */
static void test_store__two_writers(void **state)
{
    struct fixture *f = *state;
    crm_store *s = NULL;
    pid_t child = 0;
    int status = 0, k = 0;

    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_CREATE, f->diags), CRM_OK);
    crm_store_close(s);
    child = fork();
    assert_true(child >= 0);
    for (k = 0; k < 50; k++) {
        crm_diags *d = crm_diags_new(0);
        long long id = 0;
        crm_store *w = NULL;

        if (crm_store_open(&w, f->db, CRM_STORE_WRITE, d) != CRM_OK ||
            record(w, child == 0 ? "child" : "parent", "x", 1, NULL, &id, d) != CRM_OK) {
            if (child == 0) {
                _exit(1);
            }
            fail_msg("parent could not write");
        }
        crm_store_close(w);
        crm_diags_free(d);
    }
    if (child == 0) {
        _exit(0);
    }
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM runs"), 100);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM runs WHERE title = 'child'"), 50);
}

/* A process killed (SIGKILL) while recording leaves no half-recorded run:
 * every run has all its input rows, and the file passes integrity_check. */
static void test_store__kill_mid_write_loses_nothing_committed(void **state)
{
    struct fixture *f = *state;
    struct timespec pause = { 0, 80 * 1000 * 1000 };
    crm_store *s = NULL;
    pid_t child = 0;
    int status = 0;

    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_CREATE, f->diags), CRM_OK);
    crm_store_close(s);
    child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        crm_diags *d = crm_diags_new(0);
        crm_store *w = NULL;
        long long id = 0;

        if (crm_store_open(&w, f->db, CRM_STORE_WRITE, d) != CRM_OK) {
            _exit(1);
        }
        for (;;) {
            record(w, "kill", "a", 40, NULL, &id, d);
        }
    }
    nanosleep(&pause, NULL);
    kill(child, SIGKILL);
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_WRITE, f->diags), CRM_OK);
    crm_store_close(s);
    assert_true(query_int(f->db, "SELECT count(*) FROM runs") > 0);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM runs r WHERE (SELECT count(*) "
                                      "FROM run_inputs i WHERE i.run_id = r.id) <> 40"),
                     0);
    {
        sqlite3 *db = NULL;
        sqlite3_stmt *st = NULL;

        sqlite3_open(f->db, &db);
        sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, NULL);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
        sqlite3_finalize(st);
        sqlite3_close(db);
    }
}

/* ---- the panel: evaluators, scores and the audit trail ------------------ */

/* Append one score to @p list (strings copied); no cmocka asserts, so a
 * forked child can use it too. */
static crm_status push_score(crm_scores *list, const char *evaluator, const char *role,
                             const char *vendor, const char *criterion, const char *value,
                             const char *comment)
{
    crm_panel_score s;

    memset(&s, 0, sizeof(s));
    s.evaluator = evaluator;
    s.role = role;
    s.vendor = vendor;
    s.criterion = criterion;
    s.value = value;
    s.comment = comment;
    return crm_scores_add(list, &s);
}

static void add_score(crm_scores *list, const char *evaluator, const char *role,
                      const char *vendor, const char *criterion, const char *value,
                      const char *comment)
{
    assert_int_equal(push_score(list, evaluator, role, vendor, criterion, value, comment),
                     CRM_OK);
}

/* Record @p list; asserts success and the added / replaced counts. */
static void put_expect(crm_store *s, const crm_scores *list, size_t want_added,
                       size_t want_replaced, crm_diags *diags)
{
    size_t added = 99, replaced = 99;

    assert_int_equal(crm_store_put_scores(s, list, &added, &replaced, diags), CRM_OK);
    assert_int_equal(added, want_added);
    assert_int_equal(replaced, want_replaced);
}

/* The first column of the first row of @p sql as text, into @p buf ("" for
 * no row, "(null)" for NULL). */
static void query_text(const char *path, const char *sql, char *buf, size_t n)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;

    buf[0] = '\0';
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    if (sqlite3_step(st) == SQLITE_ROW) {
        const char *v = (const char *)sqlite3_column_text(st, 0);

        snprintf(buf, n, "%s", v != NULL ? v : "(null)");
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
}

static void assert_integrity_ok(const char *path)
{
    char verdict[256];

    query_text(path, "PRAGMA integrity_check", verdict, sizeof(verdict));
    assert_string_equal(verdict, "ok");
}

/* Whether @p t looks like the store's timestamps, "2026-11-23T18:00:00Z". */
static bool iso_time(const char *t)
{
    return t != NULL && strlen(t) == 20 && t[4] == '-' && t[7] == '-' && t[10] == 'T' &&
           t[13] == ':' && t[16] == ':' && t[19] == 'Z';
}

static bool same_text(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* The entry of @p list for evaluator / vendor / criterion, or NULL. */
static const crm_panel_score *find_score(const crm_scores *list, const char *evaluator,
                                         const char *vendor, const char *criterion)
{
    size_t i;

    for (i = 0; i < crm_scores_count(list); i++) {
        const crm_panel_score *s = crm_scores_at(list, i);

        if (strcmp(s->evaluator, evaluator) == 0 && strcmp(s->vendor, vendor) == 0 &&
            strcmp(s->criterion, criterion) == 0) {
            return s;
        }
    }
    return NULL;
}

/* The audit trail as text (caller frees). */
static char *trail_text(crm_store *s, const char *vendor, const char *criterion,
                        crm_diags *diags)
{
    char *text = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&text, &n);

    assert_non_null(m);
    assert_int_equal(crm_store_score_trail(s, vendor, criterion, m, diags), CRM_OK);
    fclose(m);
    return text;
}

/* One row of the printed trail (the test's values hold no spaces). */
struct trail_row {
    char vendor[64], criterion[64], evaluator[64], value[64], scored[32], replaced[32];
    char rest[256]; /* source; comment */
};

/* Parse the rows of @p text (after its header) into @p rows; the count. */
static size_t trail_rows(const char *text, struct trail_row *rows, size_t max)
{
    const char *line = strchr(text, '\n'); /* skip the header */
    size_t n = 0;

    assert_true(strncmp(text, "vendor", 6) == 0);
    while (line != NULL && line[1] != '\0' && n < max) {
        struct trail_row *r = &rows[n];

        line++;
        memset(r, 0, sizeof(*r));
        assert_int_equal(sscanf(line, "%63s %63s %63s %63s %31s %31s %255[^\n]", r->vendor,
                                r->criterion, r->evaluator, r->value, r->scored, r->replaced,
                                r->rest),
                         7);
        n++;
        line = strchr(line, '\n');
    }
    return n;
}

/* Every field of a score comes back byte-identical, whatever the text:
 * quotes, SQL (statements are parameterised, never spliced) and Chinese. */
static void test_store__scores_round_trip_text(void **state)
{
    static const struct {
        const char *evaluator, *role, *vendor, *criterion, *value, *comment, *scored_at;
    } in[] = {
        { "Robert'); DROP TABLE scores;--", "it", "zoho_crm", "fit.api", "4",
          "Robert'); DROP TABLE evaluators;--", NULL },
        { "O'Brien \"the\" auditor", "finance", "hubspot", "cost.licence", "true",
          "said \"fine\", it's 'ok'", "2024-01-02T03:04:05Z" },
        { "O'Brien \"the\" auditor", "finance", "zoho_crm", "cost.licence", "option_b", NULL,
          NULL },
        { "张伟", "sales", "纷享销客", "fit.移动", "3.5", "评论：很好", NULL },
        { "alice", "management", "salesforce", "fit.api", "5", "", NULL },
    };
    struct fixture *f = *state;
    crm_scores *list = crm_scores_new(), *back = NULL, *roster = NULL;
    crm_store *s = NULL;
    size_t i;

    for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
        crm_panel_score one;

        memset(&one, 0, sizeof(one));
        one.evaluator = in[i].evaluator;
        one.role = in[i].role;
        one.vendor = in[i].vendor;
        one.criterion = in[i].criterion;
        one.value = in[i].value;
        one.comment = in[i].comment;
        one.scored_at = in[i].scored_at;
        one.file = "sheet.csv";
        one.line = (unsigned)i + 2;
        assert_int_equal(crm_scores_add(list, &one), CRM_OK);
    }
    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_CREATE, f->diags), CRM_OK);
    put_expect(s, list, 5, 0, f->diags);

    assert_int_equal(crm_store_scores(s, &back, f->diags), CRM_OK);
    assert_int_equal(crm_scores_count(back), 5);
    for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
        const crm_panel_score *got = find_score(back, in[i].evaluator, in[i].vendor,
                                                in[i].criterion);

        assert_non_null(got);
        assert_string_equal(got->role, in[i].role);
        assert_string_equal(got->value, in[i].value);
        assert_true(same_text(got->comment, in[i].comment)); /* NULL stays NULL, "" stays "" */
        if (in[i].scored_at != NULL) {
            assert_string_equal(got->scored_at, in[i].scored_at);
        } else {
            assert_true(iso_time(got->scored_at));
        }
        assert_null(got->file);
        assert_int_equal(got->line, 0);
    }
    /* ordered by evaluator, vendor, criterion (bytewise) */
    for (i = 1; i < crm_scores_count(back); i++) {
        const crm_panel_score *a = crm_scores_at(back, i - 1), *b = crm_scores_at(back, i);
        int c = strcmp(a->evaluator, b->evaluator);

        assert_true(c < 0 || (c == 0 && strcmp(a->vendor, b->vendor) <= 0));
    }

    /* four evaluators by name, each with their role and nothing else */
    assert_int_equal(crm_store_evaluators(s, &roster, f->diags), CRM_OK);
    assert_int_equal(crm_scores_count(roster), 4);
    assert_string_equal(crm_scores_at(roster, 0)->evaluator, "O'Brien \"the\" auditor");
    assert_string_equal(crm_scores_at(roster, 0)->role, "finance");
    assert_string_equal(crm_scores_at(roster, 1)->evaluator, "Robert'); DROP TABLE scores;--");
    assert_string_equal(crm_scores_at(roster, 1)->role, "it");
    assert_string_equal(crm_scores_at(roster, 2)->evaluator, "alice");
    assert_string_equal(crm_scores_at(roster, 2)->role, "management");
    assert_string_equal(crm_scores_at(roster, 3)->evaluator, "张伟");
    assert_string_equal(crm_scores_at(roster, 3)->role, "sales");
    assert_null(crm_scores_at(roster, 3)->vendor);
    assert_null(crm_scores_at(roster, 3)->value);
    crm_store_close(s);

    /* the text was data, not SQL: both tables are still there */
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM scores"), 5);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM evaluators"), 4);
    /* where each score was entered: file:line */
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM scores WHERE source = 'sheet.csv:5'"
                                      " AND value = '3.5'"),
                     1);
    assert_int_equal(crm_diags_count(f->diags), 0);
    crm_scores_free(list);
    crm_scores_free(back);
    crm_scores_free(roster);
}

/* Changing a score keeps the old value in the audit trail; re-entering the
 * same value and comment is not a change. */
static void test_store__score_audit_trail(void **state)
{
    struct fixture *f = *state;
    struct trail_row rows[8];
    crm_scores *first = crm_scores_new(), *second = crm_scores_new();
    crm_scores *more = crm_scores_new(), *reword = crm_scores_new(), *back = NULL;
    crm_store *s = NULL;
    char *text = NULL, buf[128];
    crm_panel_score sheet;

    /* the first value comes from a sheet, so the trail names its line */
    memset(&sheet, 0, sizeof(sheet));
    sheet.evaluator = "alice";
    sheet.role = "it";
    sheet.vendor = "zoho_crm";
    sheet.criterion = "fit.api";
    sheet.value = "3";
    sheet.comment = "ok";
    sheet.file = "alice.yaml";
    sheet.line = 7;
    assert_int_equal(crm_scores_add(first, &sheet), CRM_OK);
    add_score(second, "alice", "it", "zoho_crm", "fit.api", "4", "better docs");

    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_CREATE, f->diags), CRM_OK);
    put_expect(s, first, 1, 0, f->diags);
    put_expect(s, second, 0, 1, f->diags);
    /* same value, same comment: nothing new, no history row */
    put_expect(s, second, 0, 0, f->diags);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM score_history"), 1);
    /* a re-put of what the store gives back (scored_at set) is no change either */
    assert_int_equal(crm_store_scores(s, &back, f->diags), CRM_OK);
    put_expect(s, back, 0, 0, f->diags);

    /* the cell's trail: the old value with when it was replaced, then "current" */
    text = trail_text(s, NULL, NULL, f->diags);
    assert_int_equal(trail_rows(text, rows, 8), 2);
    assert_string_equal(rows[0].vendor, "zoho_crm");
    assert_string_equal(rows[0].criterion, "fit.api");
    assert_string_equal(rows[0].evaluator, "alice");
    assert_string_equal(rows[0].value, "3");
    assert_true(iso_time(rows[0].scored));
    assert_true(iso_time(rows[0].replaced));
    assert_string_equal(rows[0].rest, "alice.yaml:7; ok");
    assert_string_equal(rows[1].value, "4");
    assert_true(iso_time(rows[1].scored));
    assert_string_equal(rows[1].replaced, "current");
    assert_string_equal(rows[1].rest, "command line; better docs");
    assert_true(strcmp(rows[0].replaced, rows[1].scored) == 0); /* replaced when rescored */
    free(text);

    /* the old row is in score_history, as SQL sees it */
    query_text(f->db, "SELECT value || '|' || comment || '|' || source FROM score_history",
               buf, sizeof(buf));
    assert_string_equal(buf, "3|ok|alice.yaml:7");
    query_text(f->db, "SELECT replaced_at FROM score_history", buf, sizeof(buf));
    assert_true(iso_time(buf));
    query_text(f->db, "SELECT value FROM scores", buf, sizeof(buf));
    assert_string_equal(buf, "4");

    /* filters: by vendor, by vendor and criterion, by criterion, no match */
    add_score(more, "alice", "it", "zoho_crm", "fit.mobile", "2", NULL);
    add_score(more, "bob", "sales", "hubspot", "fit.api", "5", NULL);
    put_expect(s, more, 2, 0, f->diags);
    text = trail_text(s, "zoho_crm", NULL, f->diags);
    assert_int_equal(trail_rows(text, rows, 8), 3);
    assert_string_equal(rows[0].vendor, "zoho_crm");
    assert_string_equal(rows[2].vendor, "zoho_crm");
    assert_string_equal(rows[2].criterion, "fit.mobile");
    assert_null(strstr(text, "hubspot"));
    free(text);
    text = trail_text(s, "zoho_crm", "fit.api", f->diags);
    assert_int_equal(trail_rows(text, rows, 8), 2);
    assert_null(strstr(text, "fit.mobile"));
    free(text);
    text = trail_text(s, NULL, "fit.api", f->diags);
    assert_int_equal(trail_rows(text, rows, 8), 3);
    assert_string_equal(rows[0].vendor, "hubspot");
    free(text);
    text = trail_text(s, "nobody", NULL, f->diags);
    assert_string_equal(text, "no scores recorded for that\n");
    free(text);

    /* a NULL comment re-entered is no change; a new comment alone is one */
    put_expect(s, more, 0, 0, f->diags);
    add_score(reword, "alice", "it", "zoho_crm", "fit.api", "4", "better docs, checked");
    put_expect(s, reword, 0, 1, f->diags);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM score_history"), 2);
    crm_store_close(s);
    assert_int_equal(crm_diags_count(f->diags), 0);
    crm_scores_free(first);
    crm_scores_free(second);
    crm_scores_free(more);
    crm_scores_free(reword);
    crm_scores_free(back);
}

/* @p sql run on its own connection (as a sqlite3 shell would) must be
 * refused by a trigger whose message holds @p why. */
static void refused_by_trigger(const char *path, const char *sql, const char *why)
{
    sqlite3 *db = NULL;
    char *err = NULL;

    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    if (sqlite3_exec(db, sql, NULL, NULL, &err) == SQLITE_OK) {
        fail_msg("'%s' was not refused", sql);
    }
    if (err == NULL || strstr(err, why) == NULL) {
        fail_msg("'%s': expected '%s', got '%s'", sql, why, err ? err : "(none)");
    }
    sqlite3_free(err);
    sqlite3_close(db);
}

/*
 * The audit trail is kept whole: a change of role is recorded with who,
 * when and where (and shown by the audit), and SQL outside crmeval's own
 * paths cannot delete scores, history, role changes or evaluators, move
 * a score, touch one without a new value, rename an evaluator, change a
 * role unrecorded or rewrite history. crmeval's own path (a new score
 * replacing the old, which moves to score_history) still works, and so
 * does a direct UPDATE with a new value: the old one is kept.
 */
static void test_store__audit_trail_protected(void **state)
{
    struct fixture *f = *state;
    crm_scores *as_it = crm_scores_new(), *as_sales = crm_scores_new();
    crm_scores *again = crm_scores_new();
    crm_store *s = NULL;
    char buf[512], who[300];
    char *text = NULL;
    sqlite3 *db = NULL;

    add_score(as_it, "alice", "it", "zoho_crm", "fit.api", "3", NULL);
    add_score(as_sales, "alice", "sales", "zoho_crm", "fit.mobile", "4", NULL);
    add_score(again, "alice", "sales", "zoho_crm", "fit.api", "2", "after the demo");
    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_CREATE, f->diags), CRM_OK);
    put_expect(s, as_it, 1, 0, f->diags);
    put_expect(s, as_sales, 1, 0, f->diags);
    query_text(f->db,
               "SELECT old_role || '>' || new_role || '|' || source || '|' || "
               "(changed_at LIKE '____-__-__T__:__:__Z') || '|' || changed_by "
               "FROM role_changes",
               buf, sizeof(buf));
    /* the login name the session gives, else the uid (see account_name) */
    if (getenv("LOGNAME") != NULL && getenv("LOGNAME")[0] != '\0') {
        snprintf(who, sizeof(who), "it>sales|command line|1|%s", getenv("LOGNAME"));
    } else if (getenv("USER") != NULL && getenv("USER")[0] != '\0') {
        snprintf(who, sizeof(who), "it>sales|command line|1|%s", getenv("USER"));
    } else {
        snprintf(who, sizeof(who), "it>sales|command line|1|uid %ld", (long)geteuid());
    }
    assert_string_equal(buf, who);
    text = trail_text(s, "zoho_crm", "fit.api", f->diags);
    assert_non_null(strstr(text, "role changes (each re-weights every score of that evaluator):"));
    assert_non_null(strstr(text, "alice            it -> sales, by "));
    free(text);

    refused_by_trigger(f->db, "DELETE FROM scores", "scores are never deleted");
    refused_by_trigger(f->db, "UPDATE scores SET vendor = 'hubspot', value = '9'", "never moves");
    refused_by_trigger(f->db, "UPDATE scores SET scored_at = '2000-01-01T00:00:00Z'",
                       "only by a new value or comment");
    refused_by_trigger(f->db, "UPDATE evaluators SET role = 'finance'",
                       "a role changes only with a row in role_changes");
    refused_by_trigger(f->db, "UPDATE evaluators SET name = 'mallory'", "never renamed");
    refused_by_trigger(f->db, "DELETE FROM evaluators", "evaluators are never deleted");
    refused_by_trigger(f->db, "DELETE FROM role_changes", "never deleted");
    refused_by_trigger(f->db, "UPDATE role_changes SET changed_by = 'x'", "never changed");

    /* crmeval's own path: the old value moves to the history */
    put_expect(s, again, 0, 1, f->diags);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM score_history"), 1);
    refused_by_trigger(f->db, "DELETE FROM score_history", "the audit trail is never deleted");
    refused_by_trigger(f->db, "UPDATE score_history SET value = '5'",
                       "the audit trail is never changed");
    /* a direct new value is traced the same way */
    assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "UPDATE scores SET value = '1' WHERE criterion = 'fit.api'",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM score_history"), 2);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM scores"), 2);
    crm_store_close(s);
    assert_integrity_ok(f->db);
    crm_scores_free(as_it);
    crm_scores_free(as_sales);
    crm_scores_free(again);
}

/* An evaluator given a new role keeps their scores under the new role,
 * and the change is noted (not an error). */
static void test_store__role_change_is_noted(void **state)
{
    struct fixture *f = *state;
    crm_scores *as_it = crm_scores_new(), *as_sales = crm_scores_new();
    crm_scores *roster = NULL, *back = NULL;
    crm_store *s = NULL;
    const crm_diag *d = NULL;

    add_score(as_it, "alice", "it", "zoho_crm", "fit.api", "3", NULL);
    add_score(as_sales, "alice", "sales", "zoho_crm", "fit.mobile", "4", NULL);
    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_CREATE, f->diags), CRM_OK);
    put_expect(s, as_it, 1, 0, f->diags);
    assert_int_equal(crm_diags_count(f->diags), 0);
    put_expect(s, as_sales, 1, 0, f->diags);

    assert_int_equal(crm_diags_count(f->diags), 1);
    assert_int_equal(crm_diags_error_count(f->diags), 0);
    d = crm_diags_get(f->diags, 0);
    assert_int_equal(d->severity, CRM_SEV_NOTE);
    assert_non_null(strstr(d->message, "alice's role changes from it to sales"));

    assert_int_equal(crm_store_evaluators(s, &roster, f->diags), CRM_OK);
    assert_int_equal(crm_scores_count(roster), 1);
    assert_string_equal(crm_scores_at(roster, 0)->role, "sales");
    /* one evaluator, one role: the earlier score reads as sales too */
    assert_int_equal(crm_store_scores(s, &back, f->diags), CRM_OK);
    assert_int_equal(crm_scores_count(back), 2);
    assert_string_equal(crm_scores_at(back, 0)->role, "sales");
    assert_string_equal(crm_scores_at(back, 1)->role, "sales");

    /* the same role again: no further note */
    put_expect(s, as_sales, 0, 0, f->diags);
    assert_int_equal(crm_diags_count(f->diags), 1);
    crm_store_close(s);
    crm_scores_free(as_it);
    crm_scores_free(as_sales);
    crm_scores_free(roster);
    crm_scores_free(back);
}

/* Remove the database at @p path and the files SQLite keeps beside it. */
static void remove_db(const char *path)
{
    char side[600];

    unlink(path);
    snprintf(side, sizeof(side), "%s-wal", path);
    unlink(side);
    snprintf(side, sizeof(side), "%s-shm", path);
    unlink(side);
}

/* A schema-1 workspace, as crmeval wrote it before the panel: migration 1
 * and its version stamps. */
static void make_v1_workspace(const char *path)
{
    sqlite3 *db = NULL;

    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, crm__store_migrations[0], NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 1; PRAGMA application_id = 1129467205",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(db);
}

/* A workspace made by a crmeval with schema 1 (runs only) is migrated in
 * place on open: the runs stay, the panel tables appear. */
static void test_store__migrates_v1_workspace(void **state)
{
    /* a schema-1 workspace with one run */
    static const char *const v1_run =
        "INSERT INTO runs VALUES (7, '2025-03-01T10:00:00Z', 'e.yaml', 'old run', 'd1', '{}',"
        "  'zoho_crm', '{}');"
        "INSERT INTO run_inputs VALUES (7, 0, 'evaluation', 'e.yaml', 'abc');";
    struct fixture *f = *state;
    struct collected c;
    crm_scores *list = crm_scores_new();
    crm_store *s = NULL;
    sqlite3 *db = NULL;

    memset(&c, 0, sizeof(c));
    make_v1_workspace(f->db);
    assert_int_equal(sqlite3_open(f->db, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, v1_run, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    assert_int_equal(query_int(f->db, "PRAGMA user_version"), 1);

    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_WRITE, f->diags), CRM_OK);
    assert_int_equal(crm_store_history(s, collect, &c, f->diags), CRM_OK);
    assert_int_equal(c.count, 1);
    assert_string_equal(c.titles[0], "old run");
    assert_string_equal(c.winners[0], "zoho_crm");
    add_score(list, "alice", "it", "zoho_crm", "fit.api", "4", NULL);
    put_expect(s, list, 1, 0, f->diags);
    crm_store_close(s);

    assert_int_equal(query_int(f->db, "PRAGMA user_version"), CRM_STORE_SCHEMA_VERSION);
    assert_int_equal(query_int(f->db, "PRAGMA application_id"), 0x43524d45);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM run_inputs WHERE run_id = 7"), 1);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                                      "('evaluators', 'scores', 'score_history', "
                                      "'scores_keep_old')"),
                     4);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM scores"), 1);
    /* opening again does not migrate again */
    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_WRITE, f->diags), CRM_OK);
    crm_store_close(s);
    assert_int_equal(crm_diags_count(f->diags), 0);
    assert_integrity_ok(f->db);
    crm_scores_free(list);
}

/* In a forked child: open the store and put 20 batches of 10 scores for
 * @p evaluator, each batch all new. The exit code says what failed. */
static int score_batches(const char *path, const char *evaluator, int start_fd)
{
    crm_diags *d = crm_diags_new(0);
    crm_store *w = NULL;
    char go = 0;
    int batch, k, code = 0;

    if (d == NULL || read(start_fd, &go, 1) < 0) { /* wait until both are ready */
        return 2;
    }
    if (crm_store_open(&w, path, CRM_STORE_WRITE, d) != CRM_OK) {
        crm_diags_free(d);
        return 3;
    }
    for (batch = 0; batch < 20 && code == 0; batch++) {
        crm_scores *list = crm_scores_new();
        size_t added = 0, replaced = 0;

        for (k = 0; k < 10 && list != NULL; k++) {
            char vendor[32], criterion[32];

            snprintf(vendor, sizeof(vendor), "vendor%02d", batch);
            snprintf(criterion, sizeof(criterion), "g.c%d", k);
            if (push_score(list, evaluator, "it", vendor, criterion, "3", NULL) != CRM_OK) {
                code = 4;
            }
        }
        if (list == NULL || code != 0 ||
            crm_store_put_scores(w, list, &added, &replaced, d) != CRM_OK || added != 10 ||
            replaced != 0) {
            code = 5;
        }
        crm_scores_free(list);
    }
    crm_store_close(w);
    crm_diags_free(d);
    return code;
}

/* An existing empty file is never turned into a database, whatever the
 * mode (crmeval makes its databases whole, never empty); where there is
 * no file, CREATE makes one whole, with no temporary left beside it. */
static void test_store__empty_file_is_not_converted(void **state)
{
    struct fixture *f = *state;
    crm_store *s = NULL;
    struct stat st;
    const crm_store_mode modes[] = { CRM_STORE_READ, CRM_STORE_WRITE, CRM_STORE_CREATE };
    size_t i;

    write_file(f->dir, "crmeval.db", "");
    for (i = 0; i < 3; i++) {
        assert_int_equal(crm_store_open(&s, f->db, modes[i], f->diags), CRM_EINPUT);
        assert_null(s);
    }
    assert_true(diags_contain(f->diags, "is an empty file, not a crmeval workspace database"));
    assert_int_equal(stat(f->db, &st), 0);
    assert_int_equal(st.st_size, 0);

    unlink(f->db);
    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_CREATE, f->diags), CRM_OK);
    crm_store_close(s);
    assert_int_equal(stat(f->db, &st), 0);
    assert_true(st.st_size > 0);
    assert_int_equal(query_int(f->db, "PRAGMA user_version"), CRM_STORE_SCHEMA_VERSION);
    {
        char cmd[700];

        snprintf(cmd, sizeof(cmd), "test -z \"$(ls '%s' | grep tmp)\"", f->dir);
        assert_int_equal(system(cmd), 0);
    }
}

/* A run recorded inside the caller's transaction (crm_store_begin) is
 * there only once the caller commits; rolled back, it never was. A
 * read-only open reads but never writes: recording through it fails and
 * leaves the runs as they were; a missing file is an input error, not a
 * new database; a workspace of an older schema is upgraded once (here the
 * file may be written). */
static void test_store__read_only_open(void **state)
{
    struct fixture *f = *state;
    crm_store *s = NULL;
    long long id = 0;

    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_READ, f->diags), CRM_EINPUT);
    assert_int_equal(access(f->db, F_OK), -1);
    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_CREATE, f->diags), CRM_OK);
    assert_int_equal(crm_store_begin(s, f->diags), CRM_OK);
    assert_int_equal(record(s, "kept", "zoho_crm", 1, NULL, &id, f->diags), CRM_OK);
    assert_true(id > 0);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM runs"), 0); /* not yet */
    crm_store_rollback(s);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM runs"), 0);
    assert_int_equal(crm_store_begin(s, f->diags), CRM_OK);
    assert_int_equal(record(s, "kept", "zoho_crm", 1, NULL, &id, f->diags), CRM_OK);
    assert_int_equal(crm_store_commit(s, f->diags), CRM_OK);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM run_inputs"), 1);
    crm_store_rollback(s); /* nothing open: a no-op */
    crm_store_close(s);

    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_READ, f->diags), CRM_OK);
    assert_int_equal(record(s, "kept", "zoho_crm", 1, NULL, &id, f->diags), CRM_EIO);
    assert_true(diags_contain(f->diags, "readonly database"));
    crm_store_close(s);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM runs"), 1);

    remove_db(f->db);
    make_v1_workspace(f->db);
    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_READ, f->diags), CRM_OK);
    crm_store_close(s);
    assert_int_equal(query_int(f->db, "PRAGMA user_version"), CRM_STORE_SCHEMA_VERSION);
}

/*
 * Two processes opening a workspace that needs migrating (an old one, or
 * a new file both create) at the same moment: both must succeed. The
 * version is read again under the write lock, so the second does not run
 * the migration a second time.
 */
static void test_store__two_processes_open_at_once(void **state)
{
    struct fixture *f = *state;
    int trial, k;

    for (trial = 0; trial < 40; trial++) {
        bool fresh = trial % 2 == 1;
        int go[2], status = 0;
        pid_t kid[2];

        remove_db(f->db);
        if (!fresh) {
            make_v1_workspace(f->db);
        }
        assert_int_equal(pipe(go), 0);
        for (k = 0; k < 2; k++) {
            kid[k] = fork();
            assert_true(kid[k] >= 0);
            if (kid[k] == 0) {
                crm_diags *d = crm_diags_new(0);
                crm_store *s = NULL;
                crm_status st = CRM_OK;
                char c = 0;

                close(go[1]);
                /* both start when the pipe closes */
                if (read(go[0], &c, 1) < 0) {
                    _exit(3);
                }
                st = crm_store_open(&s, f->db, fresh ? CRM_STORE_CREATE : CRM_STORE_WRITE, d);
                crm_store_close(s);
                crm_diags_free(d);
                _exit(st == CRM_OK ? 0 : 1);
            }
        }
        close(go[0]);
        close(go[1]);
        for (k = 0; k < 2; k++) {
            assert_int_equal(waitpid(kid[k], &status, 0), kid[k]);
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                fail_msg("trial %d (%s file): an open failed", trial, fresh ? "a new" : "an old");
            }
        }
        assert_int_equal(query_int(f->db, "PRAGMA user_version"), CRM_STORE_SCHEMA_VERSION);
    }
}

/* Two processes scoring at once: the busy timeout makes one wait for the
 * other; both succeed and nothing is lost. */
static void test_store__two_scorers(void **state)
{
    static const char *const who[2] = { "alice", "bob" };
    struct fixture *f = *state;
    crm_store *s = NULL;
    pid_t child[2] = { 0, 0 };
    int start[2], k, status = 0;

    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_CREATE, f->diags), CRM_OK);
    crm_store_close(s);
    assert_int_equal(pipe(start), 0);
    for (k = 0; k < 2; k++) {
        child[k] = fork();
        assert_true(child[k] >= 0);
        if (child[k] == 0) {
            close(start[1]);
            _exit(score_batches(f->db, who[k], start[0]));
        }
    }
    /* closing the pipe releases both children at the same moment */
    close(start[0]);
    close(start[1]);
    for (k = 0; k < 2; k++) {
        assert_int_equal(waitpid(child[k], &status, 0), child[k]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM scores"), 400);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM scores s JOIN evaluators e ON "
                                      "e.id = s.evaluator_id WHERE e.name = 'alice'"),
                     200);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM evaluators"), 2);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM score_history"), 0);
    assert_integrity_ok(f->db);
}

static long long file_size(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 ? (long long)st.st_size : 0;
}

/* In a forked child: import @p n scores for @p evaluator in ONE put, saying
 * 'R' on @p fd just before and 'D' once it returned; then wait for the kill. */
static void child_import(const char *path, const char *evaluator, size_t n, int fd)
{
    crm_scores *list = crm_scores_new();
    crm_diags *d = crm_diags_new(0);
    crm_store *w = NULL;
    size_t i;
    char vendor[32], criterion[32];

    for (i = 0; list != NULL && i < n; i++) {
        snprintf(vendor, sizeof(vendor), "big%zu", i / 100);
        snprintf(criterion, sizeof(criterion), "g.c%zu", i % 100);
        if (push_score(list, evaluator, "service", vendor, criterion, "4",
                       "imported from the big sheet") != CRM_OK) {
            _exit(3);
        }
    }
    if (list == NULL || d == NULL || crm_store_open(&w, path, CRM_STORE_WRITE, d) != CRM_OK ||
        write(fd, "R", 1) != 1) {
        _exit(2);
    }
    if (crm_store_put_scores(w, list, NULL, NULL, d) == CRM_OK && write(fd, "D", 1) != 1) {
        _exit(4);
    }
    for (;;) {
        pause();
    }
}

/* Fork a child that imports @p n scores for @p evaluator and SIGKILL it
 * once the import is well under way (or has finished). Returns
 * whether the child reported the import done before the kill. */
static bool import_and_kill(struct fixture *f, const char *evaluator, size_t n)
{
    struct timespec tick = { 0, 200 * 1000 };
    char wal[600], c = 0;
    long long base = 0;
    bool done = false;
    pid_t child = 0;
    int fds[2], status = 0, spins = 0;

    snprintf(wal, sizeof(wal), "%s-wal", f->db);
    assert_int_equal(pipe(fds), 0);
    child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        close(fds[0]);
        child_import(f->db, evaluator, n, fds[1]);
    }
    close(fds[1]);
    assert_int_equal(read(fds[0], &c, 1), 1);
    assert_int_equal(c, 'R');
    base = file_size(wal);
    /* wait (up to ~60 s) until the transaction has spilled a good 1 MiB of
     * pages into the WAL (uncommitted frames), then kill at once */
    while (file_size(wal) <= base + 1024 * 1024 && spins++ < 300000) {
        struct pollfd p = { fds[0], POLLIN, 0 };

        if (poll(&p, 1, 0) > 0) {
            break; /* it finished (or died) first */
        }
        nanosleep(&tick, NULL);
    }
    kill(child, SIGKILL);
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    while (read(fds[0], &c, 1) == 1) {
        done = done || c == 'D';
    }
    close(fds[0]);
    return done;
}

/* SIGKILL during a large import: afterwards the database holds none of
 * that import or all of it, the scores put before are untouched, the file
 * is sound, and it takes new scores. */
static void test_store__kill_mid_import_all_or_nothing(void **state)
{
    struct fixture *f = *state;
    crm_scores *before = crm_scores_new(), *kept = NULL, *after = NULL, *later = NULL;
    crm_store *s = NULL;
    size_t n = 50000, i;
    int attempt;
    bool mid = false;

    /* data put before the import, which must survive as it was */
    for (i = 0; i < 20; i++) {
        char criterion[32];

        snprintf(criterion, sizeof(criterion), "g.c%zu", i);
        add_score(before, "张伟", "finance", "zoho_crm", criterion, "2", "before the import");
    }
    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_CREATE, f->diags), CRM_OK);
    put_expect(s, before, 20, 0, f->diags);
    assert_int_equal(crm_store_scores(s, &kept, f->diags), CRM_OK);
    crm_store_close(s);

    /* if an import finished before the kill, try again with a bigger one */
    for (attempt = 0; attempt < 4 && !mid; attempt++, n *= 2) {
        char evaluator[32], sql[160];
        bool done = false;
        long long got = 0;

        snprintf(evaluator, sizeof(evaluator), "importer%d", attempt);
        done = import_and_kill(f, evaluator, n);
        snprintf(sql, sizeof(sql), "SELECT count(*) FROM scores s JOIN evaluators e ON "
                                   "e.id = s.evaluator_id WHERE e.name = '%s'",
                 evaluator);
        got = query_int(f->db, sql);
        assert_integrity_ok(f->db);
        /* all or nothing; and all if the child said it was done */
        assert_true(got == 0 || got == (long long)n);
        if (done) {
            assert_int_equal(got, (long long)n);
        }
        if (got == 0) {
            /* nothing of it: not even its evaluator */
            snprintf(sql, sizeof(sql), "SELECT count(*) FROM evaluators WHERE name = '%s'",
                     evaluator);
            assert_int_equal(query_int(f->db, sql), 0);
            mid = true;
        }
    }
    if (!mid) {
        print_message("note: every import finished before the kill; only all-or-nothing "
                      "was checked\n");
    }

    /* the scores from before, field for field */
    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_WRITE, f->diags), CRM_OK);
    assert_int_equal(crm_store_scores(s, &after, f->diags), CRM_OK);
    for (i = 0; i < crm_scores_count(kept); i++) {
        const crm_panel_score *k = crm_scores_at(kept, i);
        const crm_panel_score *a = find_score(after, k->evaluator, k->vendor, k->criterion);

        assert_non_null(a);
        assert_string_equal(a->role, k->role);
        assert_string_equal(a->value, k->value);
        assert_string_equal(a->comment, k->comment);
        assert_string_equal(a->scored_at, k->scored_at);
    }
    /* and it still takes scores */
    later = crm_scores_new();
    add_score(later, "after", "it", "zoho_crm", "fit.api", "5", NULL);
    put_expect(s, later, 1, 0, f->diags);
    crm_store_close(s);
    assert_integrity_ok(f->db);
    assert_int_equal(crm_diags_error_count(f->diags), 0);
    crm_scores_free(before);
    crm_scores_free(kept);
    crm_scores_free(after);
    crm_scores_free(later);
}

/* A put that the database refuses part-way writes nothing: the scores,
 * evaluators and history rows of the same call before the bad one are
 * rolled back, and the store stays usable. */
static void test_store__failed_put_writes_nothing(void **state)
{
    struct fixture *f = *state;
    crm_scores *seed = crm_scores_new(), *bad = crm_scores_new();
    crm_scores *bad_role = crm_scores_new(), *good = crm_scores_new();
    crm_store *s = NULL;
    size_t added = 99, replaced = 99;
    char buf[64];

    add_score(seed, "alice", "it", "zoho_crm", "fit.api", "3", NULL);
    /* new scores, a new evaluator, a replaced value, then a role the
     * CHECK constraint refuses, last */
    add_score(bad, "bob", "sales", "zoho_crm", "fit.api", "4", NULL);
    add_score(bad, "carol", "it", "hubspot", "fit.api", "5", NULL);
    add_score(bad, "alice", "it", "zoho_crm", "fit.api", "1", "changed my mind");
    add_score(bad, "dave", "boss", "zoho_crm", "fit.api", "2", NULL);
    /* the same for an existing evaluator: the role update is refused */
    add_score(bad_role, "erin", "it", "zoho_crm", "fit.api", "4", NULL);
    add_score(bad_role, "alice", "boss", "zoho_crm", "fit.mobile", "2", NULL);

    assert_int_equal(crm_store_open(&s, f->db, CRM_STORE_CREATE, f->diags), CRM_OK);
    put_expect(s, seed, 1, 0, f->diags);
    assert_int_equal(crm_store_put_scores(s, bad, &added, &replaced, f->diags), CRM_EIO);
    assert_int_equal(added, 0);
    assert_int_equal(replaced, 0);
    assert_true(crm_diags_error_count(f->diags) >= 1);
    assert_true(diags_contain(f->diags, "CHECK constraint failed"));
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM scores"), 1);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM evaluators"), 1);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM score_history"), 0);
    query_text(f->db, "SELECT value FROM scores", buf, sizeof(buf));
    assert_string_equal(buf, "3");

    assert_int_equal(crm_store_put_scores(s, bad_role, &added, &replaced, f->diags), CRM_EIO);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM evaluators"), 1);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM scores"), 1);
    query_text(f->db, "SELECT role FROM evaluators", buf, sizeof(buf));
    assert_string_equal(buf, "it");

    /* no transaction was left open: the same connection writes again */
    add_score(good, "bob", "sales", "zoho_crm", "fit.api", "4", NULL);
    add_score(good, "alice", "it", "zoho_crm", "fit.api", "1", "changed my mind");
    put_expect(s, good, 1, 1, f->diags);
    crm_store_close(s);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM scores"), 2);
    assert_integrity_ok(f->db);
    crm_scores_free(seed);
    crm_scores_free(bad);
    crm_scores_free(bad_role);
    crm_scores_free(good);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_store__create_migrate_reopen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__refuses_foreign_newer_and_garbage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__records_runs_and_round_trips_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__two_writers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__kill_mid_write_loses_nothing_committed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__scores_round_trip_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__score_audit_trail, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__role_change_is_noted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__audit_trail_protected, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__migrates_v1_workspace, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__two_processes_open_at_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__two_scorers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__kill_mid_import_all_or_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__failed_put_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__read_only_open, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__empty_file_is_not_converted, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
