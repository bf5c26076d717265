/*
 * Test helpers shared by the cmocka unit tests. cmocka 1.1.5 has only a
 * float-precision assert_float_equal, so doubles get their own.
 */
#ifndef CRM_TEST_HELPERS_H
#define CRM_TEST_HELPERS_H

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <cjson/cJSON.h>

#include "crmeval/crmeval.h"

#define assert_near(actual, expected, tol)                                   \
    do {                                                                     \
        double a_ = (actual), e_ = (expected);                               \
        if (!(fabs(a_ - e_) <= (tol))) {                                     \
            fail_msg("%s = %.12g, expected %.12g (+/- %g)", #actual, a_, e_, \
                     (double)(tol));                                         \
        }                                                                    \
    } while (0)

/* A path inside the source tree. Returns a static buffer per call site use. */
static inline const char *src_path(char *buf, size_t n, const char *rel)
{
    snprintf(buf, n, "%s/%s", CRMEVAL_SOURCE_DIR, rel);
    return buf;
}

/* A fresh temporary directory; caller removes it with remove_tree(). */
static inline char *make_temp_dir(void)
{
    char *dir = strdup("/tmp/crmeval-test-XXXXXX");

    if (dir == NULL || mkdtemp(dir) == NULL) {
        fail_msg("cannot create a temporary directory");
    }
    return dir;
}

/* Write @p text to dir/name; returns the path (static buffer rotation of 8). */
static inline const char *write_file(const char *dir, const char *name,
                                     const char *text)
{
    static char paths[8][512];
    static int next = 0;
    char *path = paths[next++ % 8];
    FILE *fp = NULL;

    snprintf(path, 512, "%s/%s", dir, name);
    fp = fopen(path, "wb");
    if (fp == NULL) {
        fail_msg("cannot write %s", path);
    }
    fputs(text, fp);
    fclose(fp);
    return path;
}

static inline void remove_tree(char *dir)
{
    char cmd[600];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    if (system(cmd) != 0) {
        fail_msg("cannot remove %s", dir);
    }
    free(dir);
}

/* Whether any diagnostic's formatted text contains @p needle. */
static inline int diags_contain(const crm_diags *diags, const char *needle)
{
    char line[1400];
    size_t i;

    for (i = 0; i < crm_diags_count(diags); i++) {
        crm_diag_format(crm_diags_get(diags, i), line, sizeof(line));
        if (strstr(line, needle) != NULL) {
            return 1;
        }
    }
    return 0;
}

static inline void print_diags(const crm_diags *diags)
{
    char line[1400];
    size_t i;

    for (i = 0; i < crm_diags_count(diags); i++) {
        crm_diag_format(crm_diags_get(diags, i), line, sizeof(line));
        print_message("  %s\n", line);
    }
}

/* The JSON report of @p res, parsed; the caller frees it (cJSON_Delete). */
static inline cJSON *report_json(const crm_result *res, crm_diags *diags)
{
    char *text = NULL;
    cJSON *root = NULL;

    assert_int_equal(crm_report_json_render(&text, res, diags), CRM_OK);
    root = cJSON_Parse(text);
    crm_report_free(text);
    assert_non_null(root);
    return root;
}

/* A test's diagnostics, temporary directory and (when the test loads one)
 * evaluation and result; fixture_teardown frees what is set. */
struct test_fixture {
    crm_diags *diags;
    char *dir;
    crm_evaluation *ev;
    crm_result *res;
};

static inline int fixture_setup(void **state)
{
    struct test_fixture *f = calloc(1, sizeof(*f));

    f->diags = crm_diags_new(0);
    f->dir = make_temp_dir();
    *state = f;
    return 0;
}

static inline int fixture_teardown(void **state)
{
    struct test_fixture *f = *state;

    crm_result_free(f->res);
    crm_evaluation_free(f->ev);
    crm_diags_free(f->diags);
    remove_tree(f->dir);
    free(f);
    return 0;
}

#endif
