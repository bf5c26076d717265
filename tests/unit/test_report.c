/* Unit tests: the JSON report holds the result's figures and is
 * byte-identical for the same inputs. */
#include "helpers.h"

#include <cjson/cJSON.h>

#include "report/pdf.h"
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

struct fixture {
    crm_diags *diags;
    crm_evaluation *ev;
    crm_result *res;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    char path[512];

    f->diags = crm_diags_new(0);
    src_path(path, sizeof(path), "tests/data/hand/evaluation.yaml");
    if (crm_evaluation_load(&f->ev, path, f->diags) != CRM_OK ||
        crm_result_compute(&f->res, f->ev, f->diags) != CRM_OK) {
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    crm_result_free(f->res);
    crm_evaluation_free(f->ev);
    crm_diags_free(f->diags);
    free(f);
    return 0;
}

static void test_report__figures_match_the_result(void **state)
{
    struct fixture *f = *state;
    cJSON *root = report_json(f->res, f->diags);
    cJSON *vendors = cJSON_GetObjectItem(root, "vendors");
    cJSON *ranking = cJSON_GetObjectItem(root, "ranking");
    size_t i;

    assert_int_equal(cJSON_GetObjectItem(root, "schema_version")->valueint,
                     CRM_REPORT_SCHEMA_VERSION);
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "tool"),
                                            "version")->valuestring,
                        CRMEVAL_VERSION);
    assert_int_equal(cJSON_GetArraySize(vendors), 3);
    for (i = 0; i < 3; i++) {
        crm_vendor_summary s;
        cJSON *v = cJSON_GetArrayItem(vendors, (int)i);

        crm_result_vendor(f->res, i, &s);
        assert_string_equal(cJSON_GetObjectItem(v, "id")->valuestring, s.id);
        assert_string_equal(cJSON_GetArrayItem(ranking, (int)i)->valuestring, s.id);
        assert_int_equal(cJSON_GetObjectItem(v, "rank")->valueint, (int)s.rank);
        assert_near(cJSON_GetObjectItem(v, "score")->valuedouble, s.score, 5e-5);
        assert_int_equal(cJSON_IsTrue(cJSON_GetObjectItem(v, "knocked_out")),
                         s.knocked_out);
    }
    cJSON_Delete(root);
}

static void test_report__knockout_reasons_and_missing(void **state)
{
    struct fixture *f = *state;
    cJSON *root = report_json(f->res, f->diags);
    cJSON *b = cJSON_GetArrayItem(cJSON_GetObjectItem(root, "vendors"), 1);
    cJSON *rules = cJSON_GetObjectItem(b, "must_have");
    cJSON *crit = cJSON_GetObjectItem(b, "criteria");
    cJSON *n = NULL;
    int i;

    assert_string_equal(cJSON_GetObjectItem(b, "id")->valuestring, "b");
    assert_string_equal(cJSON_GetObjectItem(cJSON_GetArrayItem(rules, 0),
                                            "result")->valuestring,
                        "unverified");
    assert_string_equal(cJSON_GetObjectItem(b, "must_have_status")->valuestring, "unverified");
    for (i = 0; i < cJSON_GetArraySize(crit); i++) {
        cJSON *c = cJSON_GetArrayItem(crit, i);

        if (strcmp(cJSON_GetObjectItem(c, "id")->valuestring, "g2.n") == 0) {
            n = c;
        }
    }
    assert_non_null(n);
    assert_string_equal(cJSON_GetObjectItem(n, "source")->valuestring, "missing");
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(n, "value")));
    cJSON_Delete(root);
}

static void test_report__deterministic(void **state)
{
    struct fixture *f = *state;
    char *a = NULL, *b = NULL;
    crm_evaluation *ev2 = NULL;
    crm_result *res2 = NULL;
    char path[512];

    /* A second, independent load and scoring of the same files. */
    src_path(path, sizeof(path), "tests/data/hand/evaluation.yaml");
    assert_int_equal(crm_evaluation_load(&ev2, path, f->diags), CRM_OK);
    assert_int_equal(crm_result_compute(&res2, ev2, f->diags), CRM_OK);
    assert_int_equal(crm_report_json_render(&a, f->res, f->diags), CRM_OK);
    assert_int_equal(crm_report_json_render(&b, res2, f->diags), CRM_OK);
    assert_string_equal(a, b);
    crm_report_free(a);
    crm_report_free(b);
    crm_result_free(res2);
    crm_evaluation_free(ev2);
}

/* A write that fails part-way (the file-size limit cuts it off) leaves the
 * previous report untouched and no temporary file behind. Run in a child
 * so the limit does not touch the test runner. */
static void test_report__write_is_atomic_on_failure(void **state)
{
    struct fixture *f = *state;
    char *dir = make_temp_dir();
    char path[600], cmd[700];
    FILE *fp = NULL;
    char buf[64] = { 0 };
    pid_t pid;
    int status = 0;

    snprintf(path, sizeof(path), "%s/report.json", dir);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("previous report", fp);
    fclose(fp);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        struct rlimit lim = { 4096, 4096 };
        crm_outputs *o = NULL;
        crm_status st = crm_outputs_new(&o);

        signal(SIGXFSZ, SIG_IGN);
        setrlimit(RLIMIT_FSIZE, &lim);
        if (st == CRM_OK) {
            st = crm_report_json_add(o, f->res, path, f->diags);
        }
        crm_outputs_free(o);
        _exit(st == CRM_EIO ? 0 : 1);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    fp = fopen(path, "r");
    assert_non_null(fp);
    assert_non_null(fgets(buf, sizeof(buf), fp));
    fclose(fp);
    assert_string_equal(buf, "previous report");
    snprintf(cmd, sizeof(cmd), "test $(ls '%s' | wc -l) -eq 1", dir);
    assert_int_equal(system(cmd), 0);
    remove_tree(dir);
}

/* A report longer than its page limit is refused (not handed to libharu,
 * which fails past about 32,000 pages), at the evaluation's vendor list,
 * and nothing is returned; within the limit it renders. */
static void test_report__pdf_page_limit(void **state)
{
    struct fixture *f = *state;
    void *pdf = NULL;
    size_t len = 0;
    char line[1400];

    assert_int_equal(crm__report_pdf_render(&pdf, &len, f->res, 3, f->diags), CRM_EINPUT);
    assert_null(pdf);
    assert_int_equal(len, 0);
    crm_diag_format(crm_diags_get(f->diags, 0), line, sizeof(line));
    assert_non_null(strstr(line, "evaluation.yaml:9:10: error: the PDF report needs more than "
                                 "3 pages, the limit"));
    assert_int_equal(crm__report_pdf_render(&pdf, &len, f->res, CRM_MAX_PDF_PAGES, f->diags),
                     CRM_OK);
    assert_non_null(pdf);
    assert_true(len > 1000 && memcmp(pdf, "%PDF-", 5) == 0);
    free(pdf);
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
 * caused it, as a change of value (the weights did not move); text that
 * is not JSON is an input error naming it. */
static void test_report__diff_explains_a_swap(void **state)
{
    char *r1 = ranked_report(5), *r2 = ranked_report(2), *text = NULL;
    crm_diags *diags = crm_diags_new(0);
    size_t n = 0;
    FILE *m = open_memstream(&text, &n);

    (void)state;
    assert_int_equal(crm_report_diff(r1, r2, "run 1", "run 2", m, diags), CRM_OK);
    fclose(m);
    assert_non_null(strstr(text, "run 1 -> run 2\nwinner: CHANGED\n  a -> b\n"));
    assert_non_null(strstr(text, "changed  vendor     a\n"));
    assert_non_null(strstr(text, "weights (groups: share of the score; criteria: share of "
                                 "their group):\n  unchanged\n"));
    assert_non_null(strstr(text, "b overtook a"));
    assert_non_null(strstr(text, "g.x"));
    assert_non_null(strstr(text, "+18.00 points (value changed)"));
    assert_null(strstr(text, "g.y  ")); /* it did not move */
    free(text);
    assert_int_equal(crm_report_diff(r1, "{not json", "run 1", "run 7", stdout, diags),
                     CRM_EINPUT);
    assert_int_equal(crm_diags_count(diags), 1);
    assert_string_equal(crm_diags_get(diags, 0)->file, "run 7");
    crm_diags_free(diags);
    free(r1);
    free(r2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report__figures_match_the_result),
        cmocka_unit_test(test_report__knockout_reasons_and_missing),
        cmocka_unit_test(test_report__deterministic),
        cmocka_unit_test(test_report__write_is_atomic_on_failure),
        cmocka_unit_test(test_report__pdf_page_limit),
        cmocka_unit_test(test_report__diff_explains_a_swap),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
