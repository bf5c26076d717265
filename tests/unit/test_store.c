/* Unit tests: the workspace database, on real SQLite files in a temporary
 * directory. Migrations and pragmas, reopening, refusing foreign and
 * damaged files, recording runs (names with quotes, SQL and Chinese text
 * round-trip), and two writers at once. */
#include "helpers.h"

#include <sqlite3.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "crmeval/crmeval.h"

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
static char *report(const char *title, const char *winner)
{
    char *out = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&out, &n);

    fprintf(m, "{\"evaluation\": {\"title\": \"%s\"}, \"inputs\": {\"digest\": "
               "\"abc\", \"files\": [{\"role\": \"evaluation\", \"path\": \"e.yaml\", "
               "\"sha256\": \"123\"}]}, \"ranking\": [\"%s\", \"other\"]}",
            title, winner);
    fclose(m);
    return out;
}

static void test_store__create_migrate_reopen(void **state)
{
    struct fixture *f = *state;
    crm_store *s = NULL;

    assert_int_equal(crm_store_open(&s, f->db, false, f->diags), CRM_EINPUT);
    assert_null(s);
    assert_int_equal(crm_store_open(&s, f->db, true, f->diags), CRM_OK);
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
    assert_int_equal(crm_store_open(&s, f->db, false, f->diags), CRM_OK);
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
    assert_int_equal(crm_store_open(&s, other, false, f->diags), CRM_EINPUT);
    assert_true(diags_contain(f->diags, "not a crmeval workspace"));
    assert_int_equal(query_int(other, "SELECT count(*) FROM t"), 1); /* untouched */

    assert_int_equal(crm_store_open(&s, f->db, true, f->diags), CRM_OK);
    crm_store_close(s);
    sqlite3_open(f->db, &db);
    sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
    sqlite3_close(db);
    assert_int_equal(crm_store_open(&s, f->db, false, f->diags), CRM_EINPUT);
    assert_true(diags_contain(f->diags, "newer"));

    write_file(f->dir, "garbage.db", "this is not a database, just some text\n"
                                     "long enough to have a header of sorts....\n");
    snprintf(garbage, sizeof(garbage), "%s/garbage.db", f->dir);
    assert_int_equal(crm_store_open(&s, garbage, false, f->diags), CRM_EINPUT);
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
    static const char *const title = "O'Brien's \\\"CRM\\\"; DROP TABLE runs; -- 零售";
    static const char *const stored = "O'Brien's \"CRM\"; DROP TABLE runs; -- 零售";
    struct collected c;
    crm_store *s = NULL;
    char *r1 = report("first", "zoho_crm"), *r2 = report(title, "纷享销客");
    long long id1 = 0, id2 = 0;

    memset(&c, 0, sizeof(c));
    assert_int_equal(crm_store_open(&s, f->db, true, f->diags), CRM_OK);
    assert_int_equal(crm_store_record_run(s, "e.yaml", "{}", r1, &id1, f->diags), CRM_OK);
    assert_int_equal(crm_store_record_run(s, "e.yaml", "{}", r2, &id2, f->diags), CRM_OK);
    assert_true(id2 > id1);
    assert_int_equal(crm_store_record_run(s, "e.yaml", "{}", "{\"no\": 1}", &id1, f->diags),
                     CRM_EINPUT);
    assert_int_equal(crm_store_history(s, collect, &c, f->diags), CRM_OK);
    assert_int_equal(c.count, 2);
    assert_string_equal(c.titles[0], stored); /* newest first */
    assert_string_equal(c.winners[0], "纷享销客");
    assert_string_equal(c.titles[1], "first");
    crm_store_close(s);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM run_inputs"), 2);
    free(r1);
    free(r2);
}

/* Two processes recording at once: both succeed (busy timeout), nothing
 * is lost. */
static void test_store__two_writers(void **state)
{
    struct fixture *f = *state;
    crm_store *s = NULL;
    pid_t child = 0;
    int status = 0, k = 0;

    assert_int_equal(crm_store_open(&s, f->db, true, f->diags), CRM_OK);
    crm_store_close(s);
    child = fork();
    assert_true(child >= 0);
    for (k = 0; k < 50; k++) {
        char *r = report(child == 0 ? "child" : "parent", "x");
        crm_diags *d = crm_diags_new(0);
        long long id = 0;
        crm_store *w = NULL;

        if (crm_store_open(&w, f->db, false, d) != CRM_OK ||
            crm_store_record_run(w, "e.yaml", "{}", r, &id, d) != CRM_OK) {
            if (child == 0) {
                _exit(1);
            }
            fail_msg("parent could not write");
        }
        crm_store_close(w);
        crm_diags_free(d);
        free(r);
    }
    if (child == 0) {
        _exit(0);
    }
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM runs"), 100);
    assert_int_equal(query_int(f->db, "SELECT count(*) FROM runs WHERE title = 'child'"), 50);
}

/* Two vendors, one group of two criteria; vendor a's value for g.x is
 * @p ax (contribution 6 points per unit). */
static char *ranked_report(double ax)
{
    double a = 6 * ax + 30, b = 20 + 30;
    char *out = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&out, &n);

    fprintf(m,
            "{\"evaluation\": {\"title\": \"t\"}, \"inputs\": {\"digest\": \"d%g\", \"files\": "
            "[{\"role\": \"vendor\", \"path\": \"a\", \"sha256\": \"%g\"}]},"
            " \"ranking\": [\"%s\", \"%s\"],"
            " \"weights\": [{\"id\": \"g\", \"share\": 1, \"criteria\": ["
            "{\"id\": \"g.x\", \"share\": 0.5, \"effective\": 0.5},"
            "{\"id\": \"g.y\", \"share\": 0.5, \"effective\": 0.5}]}],"
            " \"vendors\": ["
            "{\"id\": \"a\", \"rank\": %d, \"score\": %g, \"criteria\": ["
            "{\"id\": \"g.x\", \"value\": %g, \"contribution\": %g},"
            "{\"id\": \"g.y\", \"value\": 1, \"contribution\": 30}]},"
            "{\"id\": \"b\", \"rank\": %d, \"score\": %g, \"criteria\": ["
            "{\"id\": \"g.x\", \"value\": 3, \"contribution\": 20},"
            "{\"id\": \"g.y\", \"value\": 1, \"contribution\": 30}]}]}",
            ax, ax, a > b ? "a" : "b", a > b ? "b" : "a", a > b ? 1 : 2, a, ax, 6 * ax,
            a > b ? 2 : 1, b);
    fclose(m);
    return out;
}

/* diff names the input that changed, the swap, and the criterion that
 * caused it, as a change of value (the weights did not move). */
static void test_store__diff_explains_a_swap(void **state)
{
    struct fixture *f = *state;
    char *r1 = ranked_report(5), *r2 = ranked_report(2), *text = NULL;
    long long id1 = 0, id2 = 0;
    crm_store *s = NULL;
    size_t n = 0;
    FILE *m = NULL;

    assert_int_equal(crm_store_open(&s, f->db, true, f->diags), CRM_OK);
    assert_int_equal(crm_store_record_run(s, "e.yaml", "{}", r1, &id1, f->diags), CRM_OK);
    assert_int_equal(crm_store_record_run(s, "e.yaml", "{}", r2, &id2, f->diags), CRM_OK);
    m = open_memstream(&text, &n);
    assert_int_equal(crm_store_diff(s, id1, id2, m, f->diags), CRM_OK);
    fclose(m);
    assert_non_null(strstr(text, "winner: CHANGED\n  a -> b\n"));
    assert_non_null(strstr(text, "changed  vendor     a\n"));
    assert_non_null(strstr(text, "weights (groups: share of the score; criteria: share of "
                                 "their group):\n  unchanged\n"));
    assert_non_null(strstr(text, "b overtook a"));
    assert_non_null(strstr(text, "g.x"));
    assert_non_null(strstr(text, "+18.00 points (value changed)"));
    assert_null(strstr(text, "g.y  ")); /* it did not move */
    free(text);
    assert_int_equal(crm_store_diff(s, id1, 99, stdout, f->diags), CRM_EINPUT);
    assert_true(diags_contain(f->diags, "there is no run 99"));
    crm_store_close(s);
    free(r1);
    free(r2);
}

/* A report with @p files input files. */
static char *report_with_files(int files)
{
    char *out = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&out, &n);
    int k;

    fprintf(m, "{\"evaluation\": {\"title\": \"kill\"}, \"inputs\": {\"digest\": \"d\", "
               "\"files\": [");
    for (k = 0; k < files; k++) {
        fprintf(m, "%s{\"role\": \"vendor\", \"path\": \"v%d\", \"sha256\": \"%d\"}",
                k ? ", " : "", k, k);
    }
    fprintf(m, "]}, \"ranking\": [\"a\"]}");
    fclose(m);
    return out;
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

    assert_int_equal(crm_store_open(&s, f->db, true, f->diags), CRM_OK);
    crm_store_close(s);
    child = fork();
    assert_true(child >= 0);
    if (child == 0) {
        char *r = report_with_files(40);
        crm_diags *d = crm_diags_new(0);
        crm_store *w = NULL;
        long long id = 0;

        if (crm_store_open(&w, f->db, false, d) != CRM_OK) {
            _exit(1);
        }
        for (;;) {
            crm_store_record_run(w, "e.yaml", "{}", r, &id, d);
        }
    }
    nanosleep(&pause, NULL);
    kill(child, SIGKILL);
    assert_int_equal(waitpid(child, &status, 0), child);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(crm_store_open(&s, f->db, false, f->diags), CRM_OK);
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_store__create_migrate_reopen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__refuses_foreign_newer_and_garbage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__records_runs_and_round_trips_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__diff_explains_a_swap, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__two_writers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_store__kill_mid_write_loses_nothing_committed, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
