/* Unit tests: arena, diagnostics, string helpers, SHA-256, string map,
 * atomic file writes. */
#include "helpers.h"

#include <setjmp.h>
#include <sys/stat.h>

#include "util/arena.h"
#include "util/fileio.h"
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_util__arena_zeroed_and_aligned),
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
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
