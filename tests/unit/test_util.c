/* Unit tests: arena, diagnostics, string helpers, SHA-256, string map,
 * atomic file writes, and output sets: temporaries never through a planted
 * link, modes kept, removed on SIGTERM/SIGINT, "file too large" instead of
 * SIGXFSZ, all or none, protected files refused. */
#include "helpers.h"

#include <dirent.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "util/arena.h"
#include "util/fileio.h"
#include "util/output.h"
#include "util/sha256.h"
#include "util/strmap.h"
#include "util/strutil.h"

static void test_util__arena_zeroed_and_aligned(void **state)
{
    struct crm_arena *arena = crm__arena_new();
    size_t i;

    (void)state;
    assert_non_null(arena);
    for (i = 1; i < 5000; i += 37) {
        unsigned char *p = crm__arena_alloc(arena, i);
        size_t k;

        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        for (k = 0; k < i; k++) {
            assert_int_equal(p[k], 0);
        }
        memset(p, 0xAB, i);
    }
    /* A block larger than the growth size gets one of its own. */
    assert_non_null(crm__arena_alloc(arena, (size_t)3 << 20));
    assert_string_equal(crm__arena_printf(arena, "%s-%d", "x", 42), "x-42");
    crm__arena_free(arena);
    crm__arena_free(NULL);
}

static void test_util__arena_array_overflow_returns_null(void **state)
{
    struct crm_arena *arena = crm__arena_new();

    (void)state;
    assert_null(crm__arena_array(arena, SIZE_MAX / 2, 4));
    crm__arena_free(arena);
}

/* A protected call whose allocation cannot be met. */
static crm_status ask_too_much(struct crm_arena *arena, void *ctx)
{
    (void)ctx;
    crm__arena_alloc(arena, SIZE_MAX - 8);
    fail_msg("the allocation should have unwound to the recovery point");
    return CRM_OK;
}

/* The longjmp rule's tools: crm__arena_try_alloc never unwinds, even with a
 * recovery point set; crm__arena_oom unwinds to it, or says CRM_ENOMEM
 * when there is none; crm__arena_protect turns the unwinding into
 * CRM_ENOMEM, with no diagnostic (the status says it) and the arena
 * usable after. */
static void test_util__arena_out_of_memory(void **state)
{
    struct crm_arena *arena = crm__arena_new();
    crm_diags *d = crm_diags_new(0);
    jmp_buf env;
    volatile int unwound = 0;

    (void)state;
    assert_int_equal(crm__arena_oom(arena), CRM_ENOMEM);
    crm__arena_set_jmp(arena, &env);
    if (setjmp(env) == 0) {
        assert_null(crm__arena_try_alloc(arena, SIZE_MAX - 8));
        crm__arena_oom(arena);
        fail_msg("crm__arena_oom should have unwound");
    } else {
        unwound = 1;
    }
    crm__arena_set_jmp(arena, NULL);
    assert_int_equal(unwound, 1);
    assert_int_equal(crm__arena_protect(arena, ask_too_much, NULL, d), CRM_ENOMEM);
    assert_null(crm__arena_get_jmp(arena));
    assert_int_equal(crm_diags_count(d), 0);
    assert_int_equal(crm_diags_lost(d), 0);
    assert_non_null(crm__arena_alloc(arena, 64));
    crm_diags_free(d);
    crm__arena_free(arena);
}

static void test_util__diags_format_and_limit(void **state)
{
    crm_diags *d = crm_diags_new(2);
    char line[256];

    (void)state;
    crm_diags_add(d, CRM_SEV_ERROR, "a.yaml", 3, 7, "bad '%s'", "x");
    crm_diags_add(d, CRM_SEV_WARNING, "a.yaml", 0, 0, "just so");
    crm_diags_add(d, CRM_SEV_ERROR, NULL, 0, 0, "no file");
    crm_diags_add(d, CRM_SEV_ERROR, "b.yaml", 1, 1, "dropped");
    assert_int_equal(crm_diags_count(d), 3);
    assert_int_equal(crm_diags_error_count(d), 3);
    assert_true(crm_diags_truncated(d));
    crm_diag_format(crm_diags_get(d, 0), line, sizeof(line));
    assert_string_equal(line, "a.yaml:3:7: error: bad 'x'");
    crm_diag_format(crm_diags_get(d, 1), line, sizeof(line));
    assert_string_equal(line, "a.yaml: warning: just so");
    crm_diag_format(crm_diags_get(d, 2), line, sizeof(line));
    assert_string_equal(line, "error: no file");
    assert_null(crm_diags_get(d, 3));
    crm_diags_free(d);
}

static void test_util__did_you_mean(void **state)
{
    static const char *const keys[] = { "weight", "criteria", "name",
                                        "description", NULL };

    (void)state;
    assert_string_equal(crm__did_you_mean("weigth", keys), "weight");
    assert_string_equal(crm__did_you_mean("criterai", keys), "criteria");
    assert_string_equal(crm__did_you_mean("nme", keys), "name");
    assert_null(crm__did_you_mean("colour", keys));
    assert_null(crm__did_you_mean("zz", keys));
}

static void test_util__utf8_check_positions(void **state)
{
    unsigned line = 0, col = 0;
    const char ok[] = "name: 纷享销客\n€ ¥ — ·\n";
    const char bad1[] = "a: 1\nb: \xff\n";
    const char overlong[] = "x\n\xc0\xaf";
    const char surrogate[] = "\xed\xa0\x80";
    const char truncated[] = "ab\xe4\xbd";

    (void)state;
    assert_true(crm__utf8_check(ok, strlen(ok), &line, &col));
    assert_false(crm__utf8_check(bad1, strlen(bad1), &line, &col));
    assert_int_equal(line, 2);
    assert_int_equal(col, 4);
    assert_false(crm__utf8_check(overlong, strlen(overlong), &line, &col));
    assert_int_equal(line, 2);
    assert_int_equal(col, 1);
    assert_false(crm__utf8_check(surrogate, strlen(surrogate), &line, &col));
    assert_false(crm__utf8_check(truncated, strlen(truncated), &line, &col));
    assert_int_equal(col, 3);
}

static void test_util__ids_and_dates(void **state)
{
    (void)state;
    assert_true(crm__is_id("zoho_crm"));
    assert_true(crm__is_id("a1"));
    assert_false(crm__is_id("Zoho"));
    assert_false(crm__is_id("1abc"));
    assert_false(crm__is_id("a-b"));
    assert_false(crm__is_id(""));
    assert_true(crm__is_date("2024-02-29"));
    assert_false(crm__is_date("2023-02-29"));
    assert_false(crm__is_date("2026-13-01"));
    assert_false(crm__is_date("2026-1-01"));
    assert_false(crm__is_date("1899-12-31"));
}

static void test_util__round_half_away_from_zero(void **state)
{
    (void)state;
    assert_near(crm__round(2.5, 0), 3.0, 0);
    assert_near(crm__round(-2.5, 0), -3.0, 0);
    assert_near(crm__round(80.62549, 4), 80.6255, 1e-12);
    assert_true(signbit(crm__round(-0.00001, 2)) == 0);
}

/* FIPS 180-4 test vectors. */
static void test_util__sha256_vectors(void **state)
{
    static const struct {
        const char *in;
        const char *hex;
    } cases[] = {
        { "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
        { "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
        { "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
    };
    struct crm_sha256 ctx;
    char hex[65];
    size_t i, k;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        crm__sha256_init(&ctx);
        /* Feed in uneven pieces to exercise the block buffer. */
        for (k = 0; k < strlen(cases[i].in); k += 3) {
            size_t n = strlen(cases[i].in) - k < 3 ? strlen(cases[i].in) - k : 3;

            crm__sha256_update(&ctx, cases[i].in + k, n);
        }
        crm__sha256_hex(&ctx, hex);
        assert_string_equal(hex, cases[i].hex);
    }
    /* One million 'a': the standard long vector. */
    crm__sha256_init(&ctx);
    for (i = 0; i < 1000; i++) {
        char chunk[1000];

        memset(chunk, 'a', sizeof(chunk));
        crm__sha256_update(&ctx, chunk, sizeof(chunk));
    }
    crm__sha256_hex(&ctx, hex);
    assert_string_equal(
        hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

static void test_util__strmap(void **state)
{
    struct crm_arena *arena = crm__arena_new();
    struct crm_strmap map;
    char keys[200][16];
    size_t i, v = 0;

    (void)state;
    crm__strmap_init(&map, arena, 200);
    for (i = 0; i < 200; i++) {
        snprintf(keys[i], sizeof(keys[i]), "g%zu.c%zu", i / 10, i);
        assert_true(crm__strmap_put(&map, keys[i], i));
    }
    assert_false(crm__strmap_put(&map, "g0.c0", 99));
    for (i = 0; i < 200; i++) {
        assert_true(crm__strmap_get(&map, keys[i], &v));
        assert_int_equal(v, i);
    }
    assert_false(crm__strmap_get(&map, "g0.c999", &v));
    crm__arena_free(arena);
}

static void test_util__path_join_tidies(void **state)
{
    struct crm_arena *arena = crm__arena_new();

    (void)state;
    assert_string_equal(crm__path_join(arena, "examples", "../out/r.json"),
                        "out/r.json");
    assert_string_equal(crm__path_join(arena, "a/b", "./c.yaml"), "a/b/c.yaml");
    assert_string_equal(crm__path_join(arena, "a", "../../x"), "../x");
    assert_string_equal(crm__path_join(arena, "/srv/e", "../v/x.yaml"),
                        "/srv/v/x.yaml");
    assert_string_equal(crm__path_join(arena, "a", "/abs"), "/abs");
    assert_string_equal(crm__path_dirname(arena, "x.yaml"), ".");
    assert_string_equal(crm__path_dirname(arena, "a/b/x.yaml"), "a/b");
    crm__arena_free(arena);
}

static void test_util__atomic_write_replaces_whole_file(void **state)
{
    char *dir = make_temp_dir();
    char path[512];
    crm_diags *d = crm_diags_new(0);
    struct crm_arena *arena = crm__arena_new();
    char *data = NULL;
    size_t len = 0;

    (void)state;
    snprintf(path, sizeof(path), "%s/sub/dir/report.json", dir);
    assert_int_equal(crm__file_write_atomic(path, "first", 5, NULL, d), CRM_OK);
    assert_int_equal(crm__file_write_atomic(path, "second", 6, "!", d), CRM_OK);
    assert_int_equal(crm__file_read(arena, path, 100, &data, &len, d), CRM_OK);
    assert_string_equal(data, "second!");
    /* No temporary file is left behind. */
    {
        char cmd[600];

        snprintf(cmd, sizeof(cmd), "test $(ls '%s/sub/dir' | wc -l) -eq 1", dir);
        assert_int_equal(system(cmd), 0);
    }
    /* A file over the limit is refused with the limit named. */
    assert_int_equal(crm__file_read(arena, path, 3, &data, &len, d), CRM_EINPUT);
    assert_true(diags_contain(d, "over the limit of 3 bytes"));
    /* Writing into a directory that cannot be created fails cleanly. */
    snprintf(path, sizeof(path), "%s/sub/dir/report.json/x", dir);
    assert_int_equal(crm__file_write_atomic(path, "x", 1, NULL, d), CRM_EIO);
    crm__arena_free(arena);
    crm_diags_free(d);
    remove_tree(dir);
}


/* How many files of @p dir have ".tmp." in their name. */
static int count_temps(const char *dir)
{
    DIR *d = opendir(dir);
    const struct dirent *e = NULL;
    int n = 0;

    assert_non_null(d);
    while ((e = readdir(d)) != NULL) {
        n += strstr(e->d_name, ".tmp.") != NULL;
    }
    closedir(d);
    return n;
}

/* The whole content of @p path (a static buffer), or "" when unreadable. */
static const char *slurp(const char *path)
{
    static char buf[256];
    FILE *fp = fopen(path, "rb");
    size_t n = 0;

    buf[0] = '\0';
    if (fp != NULL) {
        n = fread(buf, 1, sizeof(buf) - 1, fp);
        buf[n] = '\0';
        fclose(fp);
    }
    return buf;
}

/* A symbolic link planted where the temporary used to go (PATH.tmp.PID)
 * is never followed: the file it points at keeps its content. */
static void test_util__temp_never_follows_planted_link(void **state)
{
    char *dir = make_temp_dir();
    char path[512], planted[600], victim[512];
    crm_diags *d = crm_diags_new(0);
    struct stat st;

    (void)state;
    snprintf(path, sizeof(path), "%s/report.json", dir);
    snprintf(victim, sizeof(victim), "%s/victim", dir);
    snprintf(planted, sizeof(planted), "%s.tmp.%ld", path, (long)getpid());
    write_file(dir, "victim", "precious");
    assert_int_equal(symlink(victim, planted), 0);
    assert_int_equal(crm__file_write_atomic(path, "report", 6, NULL, d), CRM_OK);
    assert_string_equal(slurp(victim), "precious");
    assert_string_equal(slurp(path), "report");
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    /* the planted link stays as it was; nothing else is left */
    assert_int_equal(lstat(planted, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(count_temps(dir), 1);
    crm_diags_free(d);
    remove_tree(dir);
}

/* A replaced file keeps its permission bits; a new one gets 0666 less the
 * umask. */
static void test_util__replaced_file_keeps_mode(void **state)
{
    char *dir = make_temp_dir();
    char path[512], fresh[512];
    crm_diags *d = crm_diags_new(0);
    mode_t old_mask = umask(022);
    struct stat st;

    (void)state;
    snprintf(path, sizeof(path), "%s/kept.json", dir);
    write_file(dir, "kept.json", "old");
    assert_int_equal(chmod(path, 0640), 0);
    assert_int_equal(crm__file_write_atomic(path, "new", 3, NULL, d), CRM_OK);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
    assert_int_equal(chmod(path, 0604), 0);
    assert_int_equal(crm__file_write_atomic(path, "newer", 5, NULL, d), CRM_OK);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0604);

    snprintf(fresh, sizeof(fresh), "%s/fresh.json", dir);
    assert_int_equal(crm__file_write_atomic(fresh, "x", 1, NULL, d), CRM_OK);
    assert_int_equal(stat(fresh, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0644);
    umask(077);
    unlink(fresh);
    assert_int_equal(crm__file_write_atomic(fresh, "x", 1, NULL, d), CRM_OK);
    assert_int_equal(stat(fresh, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0600);
    umask(old_mask);
    crm_diags_free(d);
    remove_tree(dir);
}

/* A child that stages an output and is then sent @p sig: it dies of that
 * signal, and its temporary is gone. */
static void signal_removes_temporary(int sig)
{
    char *dir = make_temp_dir();
    char path[512];
    int status = 0;
    pid_t kid = 0;

    snprintf(path, sizeof(path), "%s/report.json", dir);
    kid = fork();
    assert_true(kid >= 0);
    if (kid == 0) {
        crm_diags *d = crm_diags_new(0);
        crm_outputs *o = NULL;

        crm_outputs_handle_signals();
        if (crm_outputs_new(&o) != CRM_OK ||
            crm_outputs_add(o, path, "the report", "data", 4, d) != CRM_OK ||
            count_temps(dir) != 1) {
            _exit(3);
        }
        kill(getpid(), sig);
        _exit(4); /* not reached: the signal ends the process */
    }
    assert_int_equal(waitpid(kid, &status, 0), kid);
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), sig);
    assert_int_equal(count_temps(dir), 0);
    assert_int_equal(access(path, F_OK), -1);
    remove_tree(dir);
}

static void test_util__sigterm_and_sigint_remove_temporaries(void **state)
{
    (void)state;
    signal_removes_temporary(SIGTERM);
    signal_removes_temporary(SIGINT);
}

/* Over the file size limit (ulimit -f) a write fails with "file too
 * large" (SIGXFSZ is ignored, so the process lives to say so), and the
 * temporary is removed. */
static void test_util__file_too_large_is_an_error(void **state)
{
    char *dir = make_temp_dir();
    char path[512];
    int status = 0;
    pid_t kid = 0;

    (void)state;
    snprintf(path, sizeof(path), "%s/big.json", dir);
    kid = fork();
    assert_true(kid >= 0);
    if (kid == 0) {
        static char big[64 * 1024];
        struct rlimit rl = { 4096, 4096 };
        crm_diags *d = crm_diags_new(0);
        crm_status st = CRM_OK;

        crm_outputs_handle_signals();
        if (setrlimit(RLIMIT_FSIZE, &rl) != 0) {
            _exit(3);
        }
        st = crm__file_write_atomic(path, big, sizeof(big), NULL, d);
        _exit(st == CRM_EIO && diags_contain(d, "file too large") ? 0 : 4);
    }
    assert_int_equal(waitpid(kid, &status, 0), kid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(count_temps(dir), 0);
    assert_int_equal(access(path, F_OK), -1);
    remove_tree(dir);
}

/* All or none: when the second output fails, the first target keeps its
 * old content and no temporary is left; a commit rolled back puts the old
 * file back and removes the new one. (A commit that stands: below.) */
static void test_util__outputs_all_or_none(void **state)
{
    char *dir = make_temp_dir();
    char a[512], b[512], blocked[512];
    crm_diags *d = crm_diags_new(0);
    crm_outputs *o = NULL;

    (void)state;
    snprintf(a, sizeof(a), "%s/a.json", dir);
    snprintf(b, sizeof(b), "%s/b.pdf", dir);
    snprintf(blocked, sizeof(blocked), "%s/a.json/b.pdf", dir); /* under a file */
    write_file(dir, "a.json", "old a");

    assert_int_equal(crm_outputs_new(&o), CRM_OK);
    assert_int_equal(crm_outputs_add(o, a, "the JSON report", "new a", 5, d), CRM_OK);
    assert_int_equal(crm_outputs_add(o, blocked, "the PDF report", "b", 1, d), CRM_EIO);
    crm_outputs_free(o);
    assert_string_equal(slurp(a), "old a");
    assert_int_equal(count_temps(dir), 0);

    assert_int_equal(crm_outputs_new(&o), CRM_OK);
    assert_int_equal(crm_outputs_add(o, a, "the JSON report", "new a", 5, d), CRM_OK);
    assert_int_equal(crm_outputs_add(o, b, "the PDF report", "new b", 5, d), CRM_OK);
    assert_string_equal(slurp(a), "old a"); /* nothing moves before the commit */
    assert_int_equal(crm_outputs_commit(o, d), CRM_OK);
    assert_string_equal(slurp(a), "new a");
    assert_string_equal(slurp(b), "new b");
    crm_outputs_rollback(o);
    crm_outputs_free(o);
    assert_string_equal(slurp(a), "old a");
    assert_int_equal(access(b, F_OK), -1);
    assert_int_equal(count_temps(dir), 0);
    crm_diags_free(d);
    remove_tree(dir);
}

/* An output never replaces a protected file: the same path, another path
 * to it (./, a symbolic link, a hard link), or a file not made yet by its
 * directory and name; nor another output's target. The message names
 * both. */
static void test_util__outputs_refuse_protected(void **state)
{
    char *dir = make_temp_dir();
    char db[512], alias[600], link_path[512], hard[512], wal[512], dotted[600], other[512];
    crm_diags *d = crm_diags_new(0);
    crm_outputs *o = NULL;

    (void)state;
    snprintf(db, sizeof(db), "%s/crmeval.db", dir);
    snprintf(alias, sizeof(alias), "%s/./sub/../crmeval.db", dir);
    snprintf(link_path, sizeof(link_path), "%s/link.db", dir);
    snprintf(hard, sizeof(hard), "%s/hard.db", dir);
    snprintf(wal, sizeof(wal), "%s/crmeval.db-wal", dir);
    snprintf(dotted, sizeof(dotted), "%s/./crmeval.db-wal", dir);
    snprintf(other, sizeof(other), "%s/report.json", dir);
    write_file(dir, "crmeval.db", "database");
    snprintf(hard, sizeof(hard), "%s/sub", dir);
    assert_int_equal(mkdir(hard, 0777), 0);
    snprintf(hard, sizeof(hard), "%s/hard.db", dir);
    assert_int_equal(symlink(db, link_path), 0);
    assert_int_equal(link(db, hard), 0);

    assert_int_equal(crm_outputs_new(&o), CRM_OK);
    assert_int_equal(crm_outputs_protect(o, db, "the workspace database", d), CRM_OK);
    assert_int_equal(crm_outputs_protect(o, wal, "the database's write-ahead log", d), CRM_OK);
    assert_int_equal(crm_outputs_check(o, db, "the JSON report", d), CRM_EINPUT);
    assert_true(diags_contain(d, "the JSON report would replace the workspace database"));
    assert_int_equal(crm_outputs_check(o, alias, "the JSON report", d), CRM_EINPUT);
    assert_int_equal(crm_outputs_check(o, link_path, "the JSON report", d), CRM_EINPUT);
    assert_int_equal(crm_outputs_check(o, hard, "the JSON report", d), CRM_EINPUT);
    assert_int_equal(crm_outputs_add(o, dotted, "the PDF report", "x", 1, d), CRM_EINPUT);
    assert_true(diags_contain(d, "the database's write-ahead log"));
    /* devices are written in place, and are no one's input */
    assert_int_equal(crm_outputs_add(o, "/dev/null", "the PDF report", "x", 1, d), CRM_OK);
    assert_int_equal(crm_outputs_add(o, other, "the JSON report", "x", 1, d), CRM_OK);
    assert_int_equal(crm_outputs_check(o, other, "the score sheet", d), CRM_EINPUT);
    assert_true(diags_contain(d, "the score sheet and the JSON report would be the same file"));
    assert_int_equal(crm_outputs_commit(o, d), CRM_OK);
    crm_outputs_free(o);
    assert_string_equal(slurp(db), "database");
    assert_int_equal(count_temps(dir), 0);
    crm_diags_free(d);
    remove_tree(dir);
}

/* Messages are cut on a character boundary, never inside one: a long
 * Chinese value quoted in a message, or a message over 1 KiB. */
static void test_util__truncation_keeps_utf8_whole(void **state)
{
    crm_diags *d = crm_diags_new(0);
    char long_text[2000];
    const crm_diag *diag = NULL;
    size_t i;

    (void)state;
    assert_int_equal(crm__utf8_cut("abc", 10), 3);
    assert_int_equal(crm__utf8_cut("纷享销客", 4), 3);   /* 3 bytes a character */
    assert_int_equal(crm__utf8_cut("纷享销客", 6), 6);
    assert_int_equal(crm__utf8_cut("纷享销客", 2), 0);
    assert_int_equal(crm__utf8_cut("a€", 3), 1);
    for (i = 0; i + 3 < sizeof(long_text); i += 3) {
        memcpy(long_text + i, "销", 3);
    }
    long_text[i] = '\0';
    crm_diags_add(d, CRM_SEV_ERROR, "a.yaml", 1, 2, "x%s", long_text);
    diag = crm_diags_get(d, 0);
    assert_true(strlen(diag->message) > 1000 && strlen(diag->message) < 1024);
    assert_true(crm__utf8_check(diag->message, strlen(diag->message), NULL, NULL));
    crm_diags_free(d);
}

/* CSV cells a spreadsheet would evaluate are neutralised (OWASP: a quote
 * in front, the field quoted), numbers written as values stay numbers, and
 * reading a field back undoes exactly what was added. */
static void test_util__csv_neutralises_formulas(void **state)
{
    static const struct {
        const char *text, *csv;
    } cases[] = {
        { "plain note", "plain note" },
        { "a, b", "\"a, b\"" },
        { "say \"hi\"", "\"say \"\"hi\"\"\"" },
        { "=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"" },
        { "+1+2", "\"'+1+2\"" },
        { "-2+3", "\"'-2+3\"" },
        { "@SUM(A1)", "\"'@SUM(A1)\"" },
        { "\tcmd", "\"'\tcmd\"" },
        { "\rcmd", "\"'\rcmd\"" },
        { "'=already", "\"''=already\"" },  /* kept whole through a round trip */
        { "'quoted", "'quoted" },
        { "a=b", "a=b" },
        { "", "" },
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct crm_buf b = CRM_BUF_INIT;
        char field[128];
        size_t n = 0;

        crm__buf_csv(&b, cases[i].text);
        crm__buf_printf(&b, "%s", "");
        assert_string_equal(b.data, cases[i].csv);
        /* the field as a CSV reader gives it, then restored */
        if (b.data[0] == '"') {
            const char *p = b.data + 1;

            for (; *p != '\0' && !(p[0] == '"' && p[1] == '\0'); p++) {
                field[n++] = *p;
                p += p[0] == '"'; /* a doubled quote */
            }
        } else {
            memcpy(field, b.data, strlen(b.data));
            n = strlen(b.data);
        }
        field[n] = '\0';
        crm__csv_restore(field);
        assert_string_equal(field, cases[i].text);
        free(b.data);
    }
    {
        struct crm_buf b = CRM_BUF_INIT;

        crm__buf_csv_value(&b, "-1200.5");
        crm__buf_printf(&b, ",");
        crm__buf_csv_value(&b, "-1+2");
        crm__buf_printf(&b, ",");
        crm__buf_csv_value(&b, "4");
        assert_string_equal(b.data, "-1200.5,\"'-1+2\",4");
        free(b.data);
    }
}

/* Text for a terminal: control characters, line breaks, bidirectional
 * controls and stray bytes escaped; anything else (Chinese, accents)
 * untouched and not copied. */
static void test_util__terminal_escaping(void **state)
{
    static const struct {
        const char *in, *out;
    } cases[] = {
        { "Zoho CRM", "Zoho CRM" },
        { "纷享销客 Fxiaoke", "纷享销客 Fxiaoke" },
        { "red\x1b[31m", "red\\x1B[31m" },
        { "a\nb\tc\rd", "a\\x0Ab\\x09c\\x0Dd" },
        { "x\x7f", "x\\x7F" },
        { "C1 \xc2\x9b", "C1 \\u009B" },                 /* U+009B, the 8-bit CSI */
        { "evil \xe2\x80\xaeroc", "evil \\u202Eroc" },    /* U+202E */
        { "\xe2\x81\xa6i\xe2\x81\xa9", "\\u2066i\\u2069" }, /* isolates */
        { "\xe2\x80\x8f\xd8\x9c", "\\u200F\\u061C" },
        { "ls\xe2\x80\xa8", "ls\\u2028" },
        { "bad \xff byte", "bad \\xFF byte" },
        { "cut \xe7\xba", "cut \\xE7\\xBA" },
    };
    char buf[128];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        const char *got = crm__tty(buf, sizeof(buf), cases[i].in);

        assert_string_equal(got, cases[i].out);
        assert_true((got == cases[i].in) == (strcmp(cases[i].in, cases[i].out) == 0));
    }
    /* too small a buffer: cut on a whole escape or character */
    assert_string_equal(crm__tty(buf, 8, "ab\x1b\x1b\x1b"), "ab\\x1B");
    assert_true(crm__is_name_control(0x202E) && crm__is_name_control(0x09) &&
                !crm__is_name_control(0x20) && !crm__is_name_control(0x7EAC));
}

/* What a sheet or questionnaire cell takes as "no value". */
static void test_util__blank_value(void **state)
{
    (void)state;
    assert_true(crm__is_blank_value(NULL));
    assert_true(crm__is_blank_value(""));
    assert_true(crm__is_blank_value("~"));
    assert_true(crm__is_blank_value("null"));
    assert_false(crm__is_blank_value("0"));
    assert_false(crm__is_blank_value(" "));
    assert_false(crm__is_blank_value("Null"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_util__arena_zeroed_and_aligned),
        cmocka_unit_test(test_util__blank_value),
        cmocka_unit_test(test_util__arena_array_overflow_returns_null),
        cmocka_unit_test(test_util__arena_out_of_memory),
        cmocka_unit_test(test_util__diags_format_and_limit),
        cmocka_unit_test(test_util__did_you_mean),
        cmocka_unit_test(test_util__utf8_check_positions),
        cmocka_unit_test(test_util__ids_and_dates),
        cmocka_unit_test(test_util__round_half_away_from_zero),
        cmocka_unit_test(test_util__sha256_vectors),
        cmocka_unit_test(test_util__strmap),
        cmocka_unit_test(test_util__path_join_tidies),
        cmocka_unit_test(test_util__atomic_write_replaces_whole_file),
        cmocka_unit_test(test_util__temp_never_follows_planted_link),
        cmocka_unit_test(test_util__replaced_file_keeps_mode),
        cmocka_unit_test(test_util__sigterm_and_sigint_remove_temporaries),
        cmocka_unit_test(test_util__file_too_large_is_an_error),
        cmocka_unit_test(test_util__outputs_all_or_none),
        cmocka_unit_test(test_util__outputs_refuse_protected),
        cmocka_unit_test(test_util__truncation_keeps_utf8_whole),
        cmocka_unit_test(test_util__csv_neutralises_formulas),
        cmocka_unit_test(test_util__terminal_escaping),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
