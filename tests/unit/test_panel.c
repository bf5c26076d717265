/* Unit tests: the evaluation panel (include/crmeval/panel.h). Score
 * sheets in CSV and YAML, the checks of scores against an evaluation, the
 * aggregation of each vendor-criterion cell (weighted mean and median,
 * majority for booleans and choices, spread and consensus), the rankings
 * per role, the status of the roster, and that input order cannot change
 * the report.
 *
 * The evaluations are written here: the bundled criteria set (core.yaml,
 * by absolute path) and two vendors of our own with identical values, so
 * that every difference in score comes from the panel and can be worked
 * out by hand. With core's default weights (group weights sum to 110,
 * usability 12; within usability ease_of_use 3 and mobile_app 2 of 10):
 *   w(usability.ease_of_use) = 12/110 * 3/10 = 36/1100
 *   w(usability.mobile_app)  = 12/110 * 2/10 = 24/1100
 */
#include "helpers.h"
#include "analysis/random.h"
#include "analysis/simulate.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <sys/stat.h>

#include "model/model.h"
#include "score/score.h"
#include "util/strutil.h"

#define W_EASE (36.0 / 1100.0)
#define W_MOBILE (24.0 / 1100.0)

#define EASE "usability.ease_of_use"
#define MOBILE "usability.mobile_app"
#define SSO "security.sso"
#define DEPLOY "compatibility.deployment_options"
#define RESIDENCY "security.data_residency_china"
#define GUIDANCE "usability.in_app_guidance"

/* ---- fixture and helpers --------------------------------------------------- */

/* Both vendors say the same, so only panel scores tell them apart. */
static const char *const VENDOR_VALUES =
    "criteria_set: core\n"
    "values:\n"
    "  usability.ease_of_use: 1\n"
    "  security.sso: true\n"
    "  compatibility.deployment_options: saas_and_self_hosted\n";

/* The shared fixture, and the further evaluations, results and reports of
 * a test that compares several: freed in teardown even when it fails. */
struct panel_fixture {
    struct test_fixture base; /* first: fixture_teardown frees the whole */
    crm_evaluation *evs[2];
    crm_result *results[2];
    char *texts[2];
};

static int setup(void **state)
{
    struct panel_fixture *pf = calloc(1, sizeof(*pf));
    struct test_fixture *f = NULL;
    char dir[256], text[600];

    if (pf == NULL) {
        return -1;
    }
    f = &pf->base;
    f->diags = crm_diags_new(0);
    f->dir = make_temp_dir();
    *state = f;
    snprintf(dir, sizeof(dir), "%s/vendors", f->dir);
    if (mkdir(dir, 0700) != 0) {
        return -1;
    }
    snprintf(text, sizeof(text), "kind: vendor\nid: alpha_crm\nname: Alpha CRM\n%s",
             VENDOR_VALUES);
    write_file(dir, "alpha_crm.yaml", text);
    snprintf(text, sizeof(text), "kind: vendor\nid: beta_crm\nname: Beta CRM\n%s",
             VENDOR_VALUES);
    write_file(dir, "beta_crm.yaml", text);
    return 0;
}

static int teardown(void **state)
{
    struct panel_fixture *pf = *state;
    size_t i;

    for (i = 0; i < 2; i++) {
        crm_report_free(pf->texts[i]);
        crm_result_free(pf->results[i]);
        crm_evaluation_free(pf->evs[i]);
    }
    return fixture_teardown(state);
}

/* An evaluation of alpha_crm and beta_crm on the bundled criteria, with
 * @p extra (e.g. a `panel:` section) appended. Fails the test on errors. */
static crm_evaluation *load_eval(struct test_fixture *f, const char *extra)
{
    char text[4096], criteria[512];
    const char *path = NULL;
    crm_evaluation *ev = NULL;

    snprintf(text, sizeof(text),
             "kind: evaluation\ntitle: Panel test\ndate: 2026-01-01\n"
             "organisation: {name: Test, seats: 10}\ncurrency: CNY\n"
             "criteria: %s\nvendor_dir: vendors\nvendors: [alpha_crm, beta_crm]\n%s",
             src_path(criteria, sizeof(criteria), "criteria/core.yaml"), extra);
    path = write_file(f->dir, "evaluation.yaml", text);
    if (crm_evaluation_load(&ev, path, f->diags) != CRM_OK) {
        print_diags(f->diags);
        fail_msg("cannot load the evaluation");
    }
    return ev;
}

/* One score as the tests write it. */
struct row {
    const char *evaluator, *role, *vendor, *criterion, *value;
};

/* A score list of @p rows. With @p file, row i is placed at file:(i+2):3,
 * as if read from a sheet with a header row; without, as from a database. */
static crm_scores *make_scores(const struct row *rows, size_t n, const char *file)
{
    crm_scores *scores = crm_scores_new();
    size_t i;

    assert_non_null(scores);
    for (i = 0; i < n; i++) {
        crm_panel_score s;

        memset(&s, 0, sizeof(s));
        s.evaluator = rows[i].evaluator;
        s.role = rows[i].role;
        s.vendor = rows[i].vendor;
        s.criterion = rows[i].criterion;
        s.value = rows[i].value;
        s.file = file;
        s.line = file ? (unsigned)(i + 2) : 0;
        s.column = file ? 3 : 0;
        assert_int_equal(crm_scores_add(scores, &s), CRM_OK);
    }
    return scores;
}

#define ROWS(r) (r), sizeof(r) / sizeof((r)[0])

/* Apply @p rows to @p ev as the panel (from "/ws/panel.db") and score it. */
static crm_result *apply_and_compute(struct test_fixture *f, crm_evaluation *ev,
                                     const struct row *rows, size_t n)
{
    crm_scores *scores = make_scores(rows, n, NULL);
    crm_result *res = NULL;
    crm_status st = crm_evaluation_set_panel(ev, scores, "/ws/panel.db", f->diags);

    crm_scores_free(scores);
    if (st != CRM_OK || crm_result_compute(&res, ev, f->diags) != CRM_OK) {
        print_diags(f->diags);
        fail_msg("cannot apply the panel");
    }
    return res;
}

/* The JSON report of @p res, as text (free with crm_report_free). */
static char *render_text(struct test_fixture *f, const crm_result *res)
{
    char *text = NULL;

    assert_int_equal(crm_report_json_render(&text, res, f->diags), CRM_OK);
    return text;
}

/* The JSON report of @p res, parsed (free with cJSON_Delete). */
static cJSON *render(struct test_fixture *f, const crm_result *res)
{
    char *text = render_text(f, res);
    cJSON *root = cJSON_Parse(text);

    crm_report_free(text);
    assert_non_null(root);
    return root;
}

/* The object of @p array whose string @p key is @p value. */
static cJSON *find_by(const cJSON *array, const char *key, const char *value)
{
    const cJSON *item = NULL;

    assert_true(cJSON_IsArray(array));
    cJSON_ArrayForEach(item, array)
    {
        const cJSON *k = cJSON_GetObjectItemCaseSensitive(item, key);

        if (cJSON_IsString(k) && strcmp(k->valuestring, value) == 0) {
            return (cJSON *)item;
        }
    }
    fail_msg("no entry with %s '%s'", key, value);
    return NULL;
}

/* vendors[id=vendor].criteria[id=criterion] of the report. */
static cJSON *json_criterion(const cJSON *root, const char *vendor, const char *criterion)
{
    const cJSON *v = find_by(cJSON_GetObjectItemCaseSensitive(root, "vendors"), "id", vendor);

    return find_by(cJSON_GetObjectItemCaseSensitive(v, "criteria"), "id", criterion);
}

static double json_num(const cJSON *o, const char *key)
{
    const cJSON *n = cJSON_GetObjectItemCaseSensitive(o, key);

    if (!cJSON_IsNumber(n)) {
        fail_msg("'%s' is not a number", key);
    }
    return n->valuedouble;
}

static const char *json_str(const cJSON *o, const char *key)
{
    const cJSON *s = cJSON_GetObjectItemCaseSensitive(o, key);

    if (!cJSON_IsString(s)) {
        fail_msg("'%s' is not a string", key);
    }
    return s->valuestring;
}

/* panel.roles[role=role] of the report. */
static cJSON *json_role(const cJSON *root, const char *role)
{
    const cJSON *panel = cJSON_GetObjectItemCaseSensitive(root, "panel");

    return find_by(cJSON_GetObjectItemCaseSensitive(panel, "roles"), "role", role);
}

static size_t criterion_index(const crm_evaluation *ev, const char *path)
{
    size_t c = 0;

    assert_true(crm__set_find(ev->set, path, &c));
    return c;
}

static size_t vendor_index(const crm_evaluation *ev, const char *id)
{
    size_t v;

    for (v = 0; v < ev->vendor_count; v++) {
        if (strcmp(ev->vendors[v]->id, id) == 0) {
            return v;
        }
    }
    fail_msg("no vendor %s", id);
    return 0;
}

/* The panel's cell of @p vendor and @p criterion (after set_panel). */
static const struct crm_panel_cell *cell_of(const crm_evaluation *ev, const char *vendor,
                                            const char *criterion)
{
    size_t v = vendor_index(ev, vendor), c = criterion_index(ev, criterion), i;

    assert_non_null(ev->panel);
    for (i = 0; i < ev->panel->cell_count; i++) {
        if (ev->panel->cells[i].vendor == v && ev->panel->cells[i].criterion == c) {
            return &ev->panel->cells[i];
        }
    }
    fail_msg("no panel cell %s / %s", vendor, criterion);
    return NULL;
}

/* The view of role @p role (an index in crm_roles). */
static const struct crm_role_view *role_view(const crm_result *res, size_t role)
{
    size_t i;

    for (i = 0; i < res->role_count; i++) {
        if (res->roles[i].role == role) {
            return &res->roles[i];
        }
    }
    fail_msg("no view for role %s", crm_roles[role]);
    return NULL;
}

/* How many diagnostics of @p severity. */
static size_t count_severity(const crm_diags *diags, crm_severity severity)
{
    size_t i, n = 0;

    for (i = 0; i < crm_diags_count(diags); i++) {
        n += crm_diags_get(diags, i)->severity == severity;
    }
    return n;
}

/* Fail, showing where, unless @p a and @p b are the same text (the reports
 * are too long for cmocka's message). */
static void assert_same_text(const char *a, const char *b)
{
    size_t i = 0, from = 0;

    while (a[i] != '\0' && a[i] == b[i]) {
        i++;
    }
    if (a[i] == b[i]) {
        return;
    }
    from = i > 120 ? i - 120 : 0;
    fail_msg("the texts differ at byte %zu:\n--- one:\n%.240s\n--- other:\n%.240s", i, a + from,
             b + from);
}

/* Read a sheet written to the fixture's directory. */
static crm_status read_sheet(struct test_fixture *f, const char *name, const char *text,
                             const char *evaluator, const char *role, crm_scores **out)
{
    return crm_scores_read(out, write_file(f->dir, name, text), evaluator, role, f->diags);
}

/* ---- 1. sheets --------------------------------------------------------------- */

/* Columns in any order and case, a byte-order mark, CRLF, RFC 4180 quotes
 * (doubled quotes, commas and a line break inside), empty values skipped,
 * evaluator and role from the arguments unless a row names its own. */
static void test_sheet__csv_forms(void **state)
{
    struct test_fixture *f = *state;
    crm_scores *scores = NULL;
    const crm_panel_score *s = NULL;
    const char *text =
        "\xEF\xBB\xBF" "Criterion, VALUE ,Vendor,comment,Evaluator,ROLE\r\n"   /* 1 */
        "usability.ease_of_use,4,alpha_crm,\"clean, fast; \"\"really\"\" good\",,\r\n" /* 2 */
        "usability.mobile_app,,alpha_crm,not scored yet,,\r\n"                /* 3 */
        "usability.mobile_app,3,beta_crm,,\"O'Connor, Dana\",finance\r\n"     /* 4 */
        "security.sso,\" true \",alpha_crm,\"two\r\nlines\",,\r\n"            /* 5-6 */
        "\r\n"                                                                 /* 7 */
        "compatibility.deployment_options,saas_only,beta_crm,,,\r\n";         /* 8 */

    assert_int_equal(read_sheet(f, "it.CSV", text, "Zhang Wei", "it", &scores), CRM_OK);
    assert_int_equal(crm_diags_count(f->diags), 0);
    /* 6 data rows: one blank line and one empty value are not scores */
    assert_int_equal(crm_scores_count(scores), 4);

    s = crm_scores_at(scores, 0);
    assert_string_equal(s->vendor, "alpha_crm");
    assert_string_equal(s->criterion, EASE);
    assert_string_equal(s->value, "4");
    assert_string_equal(s->comment, "clean, fast; \"really\" good");
    assert_string_equal(s->evaluator, "Zhang Wei"); /* empty cells: the arguments */
    assert_string_equal(s->role, "it");
    assert_non_null(strstr(s->file, "it.CSV"));
    /* the value: line 2, after "usability.ease_of_use," (22 characters) */
    assert_int_equal(s->line, 2);
    assert_int_equal(s->column, 23);
    assert_null(s->scored_at);

    s = crm_scores_at(scores, 1);
    assert_string_equal(s->evaluator, "O'Connor, Dana"); /* the row's own */
    assert_string_equal(s->role, "finance");
    assert_null(s->comment); /* an empty comment is none */
    assert_int_equal(s->line, 4);

    s = crm_scores_at(scores, 2);
    assert_string_equal(s->value, "true"); /* trimmed */
    assert_string_equal(s->comment, "two\r\nlines");
    assert_int_equal(s->line, 5);
    assert_int_equal(s->column, 14); /* the opening quote, after "security.sso," */

    s = crm_scores_at(scores, 3);
    /* the quoted line break moved the record to line 8 */
    assert_int_equal(s->line, 8);
    assert_int_equal(s->column, 34); /* 32 characters and a comma before it */
    assert_string_equal(s->value, "saas_only");
    crm_scores_free(scores);

    /* without the optional columns nor arguments: no evaluator or role yet
     * (crm_evaluation_check_scores asks for them), and columns count in
     * characters, not bytes */
    assert_int_equal(read_sheet(f, "min.csv", "criterion,vendor,value\n王芳,beta_crm,5\n", NULL,
                                NULL, &scores),
                     CRM_OK);
    assert_int_equal(crm_scores_count(scores), 1);
    s = crm_scores_at(scores, 0);
    assert_null(s->evaluator);
    assert_null(s->role);
    assert_string_equal(s->criterion, "王芳");
    assert_int_equal(s->line, 2);
    assert_int_equal(s->column, 13); /* "王芳," is 3 characters; "beta_crm," 9 */
    crm_scores_free(scores);
}

/* The header's problems: each unknown column (with a suggestion), a column
 * given twice and each missing one, all reported, and no list returned. */
static void test_sheet__csv_header_errors(void **state)
{
    struct test_fixture *f = *state;
    crm_scores *sentinel = crm_scores_new(), *scores = sentinel; /* must be reset */

    assert_int_equal(read_sheet(f, "h.csv", "vendor,critrion,value,coment,VALUE\nx,y,1\n",
                                "a", "it", &scores),
                     CRM_EINPUT);
    assert_null(scores);
    crm_scores_free(sentinel);
    /* critrion, coment, value twice, and no criterion column */
    assert_int_equal(crm_diags_error_count(f->diags), 4);
    assert_true(diags_contain(f->diags, "h.csv:1:8: error: unknown column 'critrion'"));
    assert_true(diags_contain(f->diags, "(did you mean 'criterion'?)"));
    assert_true(diags_contain(f->diags, "h.csv:1:23: error: unknown column 'coment'; "));
    assert_true(diags_contain(f->diags, "(did you mean 'comment'?)"));
    assert_true(diags_contain(f->diags, "h.csv:1:30: error: column 'value' is given twice"));
    assert_true(diags_contain(f->diags, "h.csv:1:1: error: the header row has no 'criterion' column"));

    crm_diags_free(f->diags);
    f->diags = crm_diags_new(0);
    assert_int_equal(read_sheet(f, "empty.csv", "", "a", "it", &scores), CRM_EINPUT);
    assert_true(diags_contain(f->diags, "the sheet is empty"));
}

/* The rows' problems, every one with its line and column: too few fields,
 * text after a closing quote, and a quote never closed. */
static void test_sheet__csv_row_errors(void **state)
{
    struct test_fixture *f = *state;
    crm_scores *scores = NULL;
    const char *text = "vendor,criterion,value\n"          /* 1 */
                       "alpha_crm,usability.ease_of_use\n" /* 2: 2 fields of 3 */
                       "alpha_crm,usability.mobile_app,3\n" /* 3: fine */
                       "beta_crm\n"                         /* 4: 1 field */
                       "beta_crm,security.sso,\"true\"x\n"  /* 5: x after the quote */
                       "beta_crm,usability.mobile_app,\"4\n"; /* 6: never closed */

    assert_int_equal(read_sheet(f, "rows.csv", text, "a", "it", &scores), CRM_EINPUT);
    assert_null(scores);
    assert_int_equal(crm_diags_error_count(f->diags), 4);
    assert_true(diags_contain(f->diags, "rows.csv:2:1: error: expected at least 3 fields "
                                        "(vendor, criterion and value), got 2"));
    assert_true(diags_contain(f->diags, "rows.csv:4:1: error: expected at least 3 fields "
                                        "(vendor, criterion and value), got 1"));
    /* "beta_crm,security.sso," is 22 characters, the quoted field 6 */
    assert_true(diags_contain(f->diags, "rows.csv:5:29: error: expected a comma or the end "
                                        "of the line after a quoted field"));
    /* the quote opens at column 31 of line 6 */
    assert_true(diags_contain(f->diags, "rows.csv:6:31: error: a quoted field is not closed"));
}

/* Bytes that are not UTF-8 are refused at their place. */
static void test_sheet__csv_invalid_utf8(void **state)
{
    struct test_fixture *f = *state;
    crm_scores *scores = NULL;

    assert_int_equal(read_sheet(f, "latin1.csv",
                                "vendor,criterion,value,comment\n"
                                "alpha_crm,usability.ease_of_use,4,ok\n"
                                "beta_crm,usability.ease_of_use,3,caf\xE9 au lait\n",
                                "a", "it", &scores),
                     CRM_EINPUT);
    assert_null(scores);
    assert_int_equal(crm_diags_error_count(f->diags), 1);
    /* "beta_crm,usability.ease_of_use,3,caf" is 36 characters */
    assert_true(diags_contain(f->diags, "latin1.csv:3:37: error: invalid UTF-8"));
}

/* A YAML sheet: the sheet's evaluator and role, plain values and
 * {value, comment}, `~` and an empty value not scored, quoted text kept as
 * entered, and each value's position. */
static void test_sheet__yaml(void **state)
{
    struct test_fixture *f = *state;
    crm_scores *scores = NULL;
    const crm_panel_score *s = NULL;
    const char *text = "kind: scores\n"                                        /* 1 */
                       "evaluator: 李娜\n"                                     /* 2 */
                       "role: sales\n"                                         /* 3 */
                       "scores:\n"                                             /* 4 */
                       "  alpha_crm:\n"                                        /* 5 */
                       "    usability.ease_of_use: 4\n"                        /* 6 */
                       "    usability.mobile_app: {value: 3, comment: \"needs an add-on\"}\n"
                       "    security.sso: ~\n"                                 /* 8 */
                       "  beta_crm:\n"                                         /* 9 */
                       "    usability.ease_of_use: \"4.50\"\n"                 /* 10 */
                       "    usability.mobile_app:\n";                          /* 11 */

    /* the sheet's own evaluator and role win over the arguments */
    assert_int_equal(read_sheet(f, "li.yaml", text, "someone", "it", &scores), CRM_OK);
    assert_int_equal(crm_scores_count(scores), 3);
    s = crm_scores_at(scores, 0);
    assert_string_equal(s->evaluator, "李娜");
    assert_string_equal(s->role, "sales");
    assert_string_equal(s->vendor, "alpha_crm");
    assert_string_equal(s->criterion, EASE);
    assert_string_equal(s->value, "4");
    assert_null(s->comment);
    assert_int_equal(s->line, 6);
    assert_int_equal(s->column, 28); /* 4 spaces, 21 characters, ": " */
    assert_non_null(strstr(s->file, "li.yaml"));

    s = crm_scores_at(scores, 1);
    assert_string_equal(s->value, "3");
    assert_string_equal(s->comment, "needs an add-on");
    assert_int_equal(s->line, 7);
    assert_int_equal(s->column, 35); /* inside the braces, after "value: " */

    s = crm_scores_at(scores, 2);
    assert_string_equal(s->vendor, "beta_crm");
    assert_string_equal(s->value, "4.50"); /* as entered */
    assert_int_equal(s->line, 10);
    crm_scores_free(scores);

    /* without evaluator and role in the sheet: the arguments */
    assert_int_equal(read_sheet(f, "anon.yaml",
                                "kind: scores\nscores:\n  alpha_crm: {security.sso: yes}\n",
                                "Zhang Wei", "it", &scores),
                     CRM_OK);
    assert_int_equal(crm_scores_count(scores), 1);
    assert_string_equal(crm_scores_at(scores, 0)->evaluator, "Zhang Wei");
    assert_string_equal(crm_scores_at(scores, 0)->role, "it");
    crm_scores_free(scores);
}

/* A YAML sheet's problems, all reported. */
static void test_sheet__yaml_errors(void **state)
{
    struct test_fixture *f = *state;
    crm_scores *scores = NULL;
    const char *text = "kind: scores\n"                                 /* 1 */
                       "evaluater: x\n"                                 /* 2 */
                       "scores:\n"                                      /* 3 */
                       "  alpha_crm:\n"                                 /* 4 */
                       "    usability.ease_of_use: [4]\n"               /* 5 */
                       "    usability.mobile_app: {value: 3, coment: x}\n" /* 6 */
                       "    security.sso: {comment: no value}\n"        /* 7 */
                       "  beta_crm: 5\n";                               /* 8 */

    assert_int_equal(read_sheet(f, "bad.yaml", text, "a", "it", &scores), CRM_EINPUT);
    assert_null(scores);
    assert_int_equal(crm_diags_error_count(f->diags), 5);
    assert_true(diags_contain(f->diags, "bad.yaml:2:1: error: unknown key 'evaluater' in a "
                                        "score sheet; did you mean 'evaluator'?"));
    assert_true(diags_contain(f->diags, "bad.yaml:5:28: error: expected a value for "
                                        "'usability.ease_of_use'"));
    assert_true(diags_contain(f->diags, "got a list"));
    assert_true(diags_contain(f->diags, "bad.yaml:6:38: error: unknown key 'coment' in a "
                                        "score; did you mean 'comment'?"));
    assert_true(diags_contain(f->diags, "bad.yaml:7:19: error: missing required key 'value' "
                                        "in a score"));
    assert_true(diags_contain(f->diags, "bad.yaml:8:13: error: expected a mapping for a "
                                        "vendor's scores"));

    /* another kind of file is not a score sheet */
    crm_diags_free(f->diags);
    f->diags = crm_diags_new(0);
    assert_int_equal(read_sheet(f, "profile.yaml", "kind: profile\nid: x\n", "a", "it", &scores),
                     CRM_EINPUT);
    assert_null(scores);
    assert_true(diags_contain(f->diags, "profile.yaml:1:7: error: expected a scores file "
                                        "here, but its kind is 'profile'"));
}

/* ---- 2. checks against an evaluation ----------------------------------------- */

/* Every kind of bad score, each reported at its own place in one pass. */
static void test_check__every_problem_at_its_place(void **state)
{
    struct test_fixture *f = *state;
    static const struct row rows[] = {
        { "Zhang Wei", "it", "alpha_cmr", EASE, "4" },                  /* 2 */
        { "Zhang Wei", "it", "alpha_crm", "usability.ease_of_us", "4" }, /* 3 */
        { "Zhang Wei", "it", "alpha_crm", MOBILE, "6" },                /* 4 */
        { "Zhang Wei", "it", "alpha_crm", SSO, "maybe" },               /* 5 */
        { "Zhang Wei", "it", "alpha_crm", DEPLOY, "cloud" },            /* 6 */
        { "Zhang Wei", "it", "alpha_crm", "budget.tco_per_seat_year", "3000" }, /* 7 */
        { "Li Na", "salse", "alpha_crm", EASE, "3" },                   /* 8 */
        { "Wang Fang", NULL, "alpha_crm", EASE, "3" },                  /* 9 */
        { "Zhang Wei", "it", "beta_crm", EASE, "3" },                   /* 10: fine */
        { "Zhang Wei", "it", "beta_crm", EASE, "4" },                   /* 11: again */
        { "Zhang Wei", "sales", "beta_crm", MOBILE, "3" },              /* 12 */
        { NULL, "it", "beta_crm", MOBILE, "3" },                        /* 13 */
        { "Li Na", "sales", "gamma_crm", "usability.nope", "3" },       /* 14: both */
    };
    crm_scores *scores = make_scores(ROWS(rows), "sheet.csv");

    f->ev = load_eval(f, "");
    assert_int_equal(crm_evaluation_check_scores(f->ev, scores, f->diags), CRM_EINPUT);
    /* one error per bad row, two for the row with two problems */
    assert_int_equal(crm_diags_error_count(f->diags), 13);
    assert_true(diags_contain(f->diags, "sheet.csv:2:3: error: vendor 'alpha_cmr' is not among "
                                        "the evaluation's vendors; did you mean 'alpha_crm'?"));
    assert_true(diags_contain(f->diags, "sheet.csv:3:3: error: unknown criterion "
                                        "'usability.ease_of_us' in criteria set 'core'; did "
                                        "you mean 'usability.ease_of_use'?"));
    assert_true(diags_contain(f->diags, "sheet.csv:4:3: error: rating 6 for "
                                        "'usability.mobile_app' is outside its scale 0..5"));
    assert_true(diags_contain(f->diags, "sheet.csv:5:3: error: expected true or false for "
                                        "boolean 'security.sso', got 'maybe'"));
    assert_true(diags_contain(f->diags, "sheet.csv:6:3: error: invalid option 'cloud' for "
                                        "'compatibility.deployment_options'"));
    assert_true(diags_contain(f->diags, "sheet.csv:7:3: error: 'budget.tco_per_seat_year' is "
                                        "computed by crmeval"));
    assert_true(diags_contain(f->diags, "sheet.csv:8:3: error: unknown role 'salse' for "
                                        "evaluator 'Li Na'"));
    assert_true(diags_contain(f->diags, "(did you mean 'sales'?)"));
    assert_true(diags_contain(f->diags, "sheet.csv:9:3: error: evaluator 'Wang Fang' is new: "
                                        "give their role"));
    assert_true(diags_contain(f->diags, "sheet.csv:11:3: error: Zhang Wei has already scored "
                                        "beta_crm for 'usability.ease_of_use' at line 10"));
    assert_true(diags_contain(f->diags, "sheet.csv:12:3: error: evaluator 'Zhang Wei' is given "
                                        "role 'sales' here and 'it' before"));
    assert_true(diags_contain(f->diags, "sheet.csv:13:3: error: whose score is this?"));
    assert_true(diags_contain(f->diags, "sheet.csv:14:3: error: vendor 'gamma_crm'"));
    assert_true(diags_contain(f->diags, "sheet.csv:14:3: error: unknown criterion "
                                        "'usability.nope'"));
    crm_scores_free(scores);
}

/* Good scores pass: several evaluators on one cell, every kind of value,
 * and an evaluator's role taken from the roster. */
static void test_check__valid_scores_pass(void **state)
{
    struct test_fixture *f = *state;
    static const struct row rows[] = {
        { "Zhang Wei", "it", "alpha_crm", EASE, "4" },
        { "Li Na", "sales", "alpha_crm", EASE, "2.5" },
        { "Li Na", "sales", "alpha_crm", SSO, "false" },
        { "Li Na", "sales", "beta_crm", DEPLOY, "saas_only" },
        { "Wang Fang", NULL, "beta_crm", EASE, "0" },
    };
    static const struct row people[] = {
        { "Wang Fang", "service", NULL, NULL, NULL },
    };
    crm_scores *scores = make_scores(ROWS(rows), NULL);
    crm_scores *roster = make_scores(ROWS(people), NULL);

    f->ev = load_eval(f, "");
    /* without the roster, Wang Fang has no role: a message naming the
     * database and the cell, as there is no sheet position */
    assert_int_equal(crm_evaluation_check_scores(f->ev, scores, f->diags), CRM_EINPUT);
    assert_int_equal(crm_diags_error_count(f->diags), 1);
    assert_true(diags_contain(f->diags, "Wang Fang's score of beta_crm for "
                                        "usability.ease_of_use"));
    crm_scores_fill_roles(scores, roster);
    assert_string_equal(crm_scores_at(scores, 4)->role, "service");
    assert_null(crm_scores_at(roster, 0)->vendor);

    crm_diags_free(f->diags);
    f->diags = crm_diags_new(0);
    assert_int_equal(crm_evaluation_check_scores(f->ev, scores, f->diags), CRM_OK);
    assert_int_equal(crm_diags_count(f->diags), 0);
    crm_scores_free(scores);
    crm_scores_free(roster);
}

/* The bundled example sheets read, and against the retail example (which
 * does not evaluate Salesforce) every Salesforce row is reported by the
 * check and skipped, with one warning, when the panel is applied. */
static void test_check__bundled_example_sheets(void **state)
{
    struct test_fixture *f = *state;
    crm_scores *all = crm_scores_new(), *one = NULL;
    char path[512];
    static const char *const sheets[][3] = {
        { "examples/panel/it-zhang-wei.csv", "张伟", "it" },
        { "examples/panel/round-2.csv", NULL, NULL },
        { "examples/panel/sales-li-na.yaml", NULL, NULL },
    };
    static const size_t counts[] = { 30, 10, 19 };
    size_t k, i;
    cJSON *root = NULL;

    for (k = 0; k < 3; k++) {
        assert_int_equal(crm_scores_read(&one, src_path(path, sizeof(path), sheets[k][0]),
                                         sheets[k][1], sheets[k][2], f->diags),
                         CRM_OK);
        assert_int_equal(crm_scores_count(one), counts[k]);
        for (i = 0; i < crm_scores_count(one); i++) {
            assert_int_equal(crm_scores_add(all, crm_scores_at(one, i)), CRM_OK);
        }
        if (k == 1) {
            /* "Dana O'Connor" quoted, with a doubled quote in the comment */
            const crm_panel_score *s = crm_scores_at(one, 5);

            assert_string_equal(s->evaluator, "Dana O'Connor");
            assert_string_equal(s->role, "finance");
            assert_string_equal(s->comment, "margin reports need the BI add-on, \"extra\" cost");
        }
        crm_scores_free(one);
    }
    assert_int_equal(crm_diags_count(f->diags), 0);

    assert_int_equal(crm_evaluation_load(&f->ev,
                                         src_path(path, sizeof(path), "examples/retail-sme.yaml"),
                                         f->diags),
                     CRM_OK);
    crm_diags_free(f->diags);
    f->diags = crm_diags_new(0);
    assert_int_equal(crm_evaluation_check_scores(f->ev, all, f->diags), CRM_EINPUT);
    /* 6 rows of Zhang Wei, 2 of round 2, 4 of Li Na */
    assert_int_equal(crm_diags_error_count(f->diags), 12);
    /* at the vendor's own cell (CSV) or key (YAML) */
    assert_true(diags_contain(f->diags, "it-zhang-wei.csv:14:1: error: vendor "
                                        "'salesforce_sales_cloud' is not among the "
                                        "evaluation's vendors"));
    assert_true(diags_contain(f->diags, "sales-li-na.yaml:19:3: error: vendor "
                                        "'salesforce_sales_cloud'"));

    crm_diags_free(f->diags);
    f->diags = crm_diags_new(0);
    assert_int_equal(crm_evaluation_set_panel(f->ev, all, "/ws/crmeval.db", f->diags), CRM_OK);
    assert_int_equal(crm_diags_error_count(f->diags), 0);
    /* one warning for them all (its wording is not pinned down here) */
    assert_true(diags_contain(f->diags, "crmeval.db: warning: 12 panel scores "));
    assert_true(diags_contain(f->diags, "not in this evaluation"));
    assert_int_equal(count_severity(f->diags, CRM_SEV_WARNING), 1);
    assert_int_equal(crm_result_compute(&f->res, f->ev, f->diags), CRM_OK);
    /* it, sales, service, finance: in crm_roles order */
    assert_int_equal(f->res->role_count, 4);
    for (k = 0; k < 4; k++) {
        assert_int_equal(f->res->roles[k].role, k);
    }
    root = render(f, f->res);
    assert_int_equal(json_num(cJSON_GetObjectItemCaseSensitive(root, "panel"), "skipped_scores"),
                     12);
    cJSON_Delete(root);
    crm_scores_free(all);
}

/* ---- 3. aggregation ---------------------------------------------------------- */

/* A weighted mean by role weight becomes the vendor's value, with the
 * spread, the consensus and a "panel" input behind it. */
static void test_aggregate__weighted_mean(void **state)
{
    struct test_fixture *f = *state;
    static const struct row rows[] = {
        { "Zhang Wei", "it", "alpha_crm", EASE, "4" },
        { "Li Na", "sales", "alpha_crm", EASE, "1" },
        { "Li Na", "sales", "beta_crm", EASE, "5" },
        { "Zhang Wei", "it", "beta_crm", MOBILE, "2" },
        { "Li Na", "sales", "beta_crm", MOBILE, "5" },
    };
    const struct crm_panel_cell *cell = NULL;
    char digest_before[65];
    cJSON *root = NULL, *c = NULL, *files = NULL, *last = NULL;
    size_t ease = 0, a = 0, b = 0;

    f->ev = load_eval(f, "panel: {role_weights: {it: 2, sales: 1}}\n");
    memcpy(digest_before, f->ev->digest, sizeof(digest_before));
    f->res = apply_and_compute(f, f->ev, ROWS(rows));
    ease = criterion_index(f->ev, EASE);
    a = vendor_index(f->ev, "alpha_crm");
    b = vendor_index(f->ev, "beta_crm");
    assert_near(f->res->weights.effective[ease], W_EASE, 1e-12);

    /* alpha ease: (2*4 + 1*1) / 3 = 3 */
    cell = cell_of(f->ev, "alpha_crm", EASE);
    assert_int_equal(cell->count, 2);
    assert_true(cell->applied);
    assert_near(cell->value.number, 3.0, 1e-12);
    assert_near(f->ev->vendors[a]->values[ease].number, 3.0, 1e-12);
    assert_near(cell->min, 1, 0);
    assert_near(cell->max, 4, 0);
    /* weighted population sd: mean 3; (2*(4-3)^2 + 1*(1-3)^2)/3 = 2 */
    assert_near(cell->sd, sqrt(2.0), 1e-12);
    /* 1 + 2/3 log2(1 - 1/5) + 1/3 log2(1 - 2/5) = 0.539726... */
    assert_near(cell->consensus, 1 + 2.0 / 3 * log2(0.8) + 1.0 / 3 * log2(0.6), 1e-12);
    assert_near(cell->consensus, 0.539726, 1e-6);
    assert_near(cell->width, 5, 0);
    /* beta mobile: (2*2 + 1*5) / 3 = 3 */
    assert_near(cell_of(f->ev, "beta_crm", MOBILE)->value.number, 3.0, 1e-12);

    /* the report: the aggregate is the vendor's value, from the panel */
    root = render(f, f->res);
    c = json_criterion(root, "alpha_crm", EASE);
    assert_near(json_num(c, "value"), 3.0, 1e-9);
    assert_string_equal(json_str(c, "origin"), "panel");
    assert_string_equal(json_str(c, "source"), "data");
    assert_near(json_num(c, "normalised"), 0.6, 1e-9);
    c = json_criterion(root, "beta_crm", EASE);
    assert_near(json_num(c, "value"), 5.0, 1e-9);
    c = json_criterion(root, "alpha_crm", SSO); /* not scored: the vendor's */
    assert_string_equal(json_str(c, "origin"), "vendor");
    /* beta - alpha = 100 (w_ease (1 - 0.6) + w_mobile (0.6 - 0))
     *              = 100 (36*0.4 + 24*0.6) / 1100 = 2880/1100 = 2.618182 */
    assert_near(f->res->vendors[b].score - f->res->vendors[a].score, 2880.0 / 1100, 1e-9);
    assert_near(json_num(find_by(cJSON_GetObjectItemCaseSensitive(root, "vendors"), "id",
                                 "beta_crm"),
                         "score") -
                    json_num(find_by(cJSON_GetObjectItemCaseSensitive(root, "vendors"), "id",
                                     "alpha_crm"),
                             "score"),
                2880.0 / 1100, 2e-6);
    assert_int_equal(f->res->vendors[b].rank, 1);

    /* the panel is an input, named by the database's file name */
    files = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "inputs"),
                                             "files");
    last = cJSON_GetArrayItem(files, cJSON_GetArraySize(files) - 1);
    assert_string_equal(json_str(last, "role"), "panel");
    assert_string_equal(json_str(last, "path"), "panel.db");
    assert_int_equal(strlen(json_str(last, "sha256")), 64);
    assert_string_not_equal(f->ev->digest, digest_before);
    assert_string_equal(json_str(cJSON_GetObjectItemCaseSensitive(root, "inputs"), "digest"),
                        f->ev->digest);
    assert_string_equal(json_str(cJSON_GetObjectItemCaseSensitive(root, "panel"), "aggregate"),
                        "weighted_mean");
    assert_near(json_num(cJSON_GetObjectItemCaseSensitive(
                             cJSON_GetObjectItemCaseSensitive(root, "panel"), "role_weights"),
                         "it"),
                2, 0);
    cJSON_Delete(root);
}

/* The report names each evaluator with their own role and scores, however
 * the scores were ordered: the evaluators are listed by name, and each
 * entry of a cell belongs to the person who gave it. */
static void test_aggregate__evaluators_by_name(void **state)
{
    struct test_fixture *f = *state;
    /* Zhang Wei first: first appearance differs from name order */
    static const struct row rows[] = {
        { "Zhang Wei", "it", "alpha_crm", EASE, "4" },
        { "Zhang Wei", "it", "beta_crm", EASE, "4" },
        { "Li Na", "sales", "alpha_crm", EASE, "2" },
    };
    const struct crm_panel *panel = NULL;
    const struct crm_panel_cell *cell = NULL;
    cJSON *root = NULL, *people = NULL, *cells = NULL, *scores = NULL;

    f->ev = load_eval(f, "");
    f->res = apply_and_compute(f, f->ev, ROWS(rows));
    panel = f->ev->panel;
    assert_int_equal(panel->evaluator_count, 2);
    assert_string_equal(panel->evaluators[0].name, "Li Na");
    assert_string_equal(crm_roles[panel->evaluators[0].role], "sales");
    assert_int_equal(panel->evaluators[0].score_count, 1);
    assert_string_equal(panel->evaluators[1].name, "Zhang Wei");
    assert_string_equal(crm_roles[panel->evaluators[1].role], "it");
    assert_int_equal(panel->evaluators[1].score_count, 2);
    /* alpha ease: entries by value, Li Na's 2 then Zhang Wei's 4 */
    cell = cell_of(f->ev, "alpha_crm", EASE);
    assert_string_equal(panel->evaluators[cell->entries[0].evaluator].name, "Li Na");
    assert_near(cell->entries[0].number, 2, 0);
    assert_string_equal(panel->evaluators[cell->entries[1].evaluator].name, "Zhang Wei");

    root = render(f, f->res);
    people = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "panel"),
                                              "evaluators");
    assert_string_equal(json_str(find_by(people, "name", "Li Na"), "role"), "sales");
    assert_near(json_num(find_by(people, "name", "Li Na"), "scores"), 1, 0);
    assert_string_equal(json_str(find_by(people, "name", "Zhang Wei"), "role"), "it");
    cells = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "panel"),
                                             "cells");
    scores = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(cells, 0), "scores");
    assert_string_equal(json_str(cJSON_GetArrayItem(scores, 0), "evaluator"), "Li Na");
    assert_string_equal(json_str(cJSON_GetArrayItem(scores, 0), "role"), "sales");
    assert_near(json_num(cJSON_GetArrayItem(scores, 0), "value"), 2, 0);
    cJSON_Delete(root);
}

/* The weighted median: the middle value, the midpoint of the two middle
 * values when the cumulative weight is exactly half, and role weights
 * moving it. */
static void test_aggregate__weighted_median(void **state)
{
    struct test_fixture *f = *state;
    static const struct row rows[] = {
        { "Zhang Wei", "it", "alpha_crm", EASE, "2" },
        { "Li Na", "sales", "alpha_crm", EASE, "5" },
        { "Zhang Wei", "it", "beta_crm", EASE, "1" },
        { "Li Na", "sales", "beta_crm", EASE, "4" },
        { "Wang Fang", "service", "beta_crm", EASE, "5" },
        { "Dana", "finance", "alpha_crm", MOBILE, "0" },
        { "Zhang Wei", "it", "alpha_crm", MOBILE, "4" },
        { "Li Na", "sales", "alpha_crm", MOBILE, "5" },
        { "Wang Fang", "service", "alpha_crm", MOBILE, "5" },
        { "Dana", "finance", "beta_crm", MOBILE, "1" },
        { "Zhang Wei", "it", "beta_crm", MOBILE, "2" },
        { "Zhang Wei", "it", "alpha_crm", GUIDANCE, "2" },
        { "Boss", "management", "alpha_crm", GUIDANCE, "3" },
        { "Li Na", "sales", "alpha_crm", GUIDANCE, "5" },
    };
    const struct crm_panel_cell *cell = NULL;
    cJSON *root = NULL;

    f->ev = load_eval(f, "panel:\n  aggregate: median\n"
                         "  role_weights: {finance: 3, management: 0}\n");
    f->res = apply_and_compute(f, f->ev, ROWS(rows));

    /* 2 | 5, weights 1 and 1: the first reaches exactly half -> (2+5)/2 */
    cell = cell_of(f->ev, "alpha_crm", EASE);
    assert_near(cell->value.number, 3.5, 1e-12);
    /* equal weights, mean 3.5: 1 + log2(1 - 1.5/5) = 0.485427 */
    assert_near(cell->consensus, 1 + log2(0.7), 1e-12);
    assert_near(cell->consensus, 0.485427, 1e-6);
    assert_near(cell->sd, 1.5, 1e-12);
    /* 1 | 4 | 5: cumulative 1, 2 > 3/2 -> 4 */
    assert_near(cell_of(f->ev, "beta_crm", EASE)->value.number, 4.0, 1e-12);
    /* 0 (weight 3) | 4 | 5 | 5, total 6: 3 is exactly half -> (0+4)/2 = 2
     * (the mean would be 14/6, the unweighted median 4.5) */
    assert_near(cell_of(f->ev, "alpha_crm", MOBILE)->value.number, 2.0, 1e-12);
    /* 1 (weight 3) | 2, total 4: 3 > 2 -> 1 */
    assert_near(cell_of(f->ev, "beta_crm", MOBILE)->value.number, 1.0, 1e-12);
    /* 2 | 3 (weight 0) | 5: the 3 does not count, so the midpoint is
     * (2+5)/2 = 3.5, not (2+3)/2 */
    assert_near(cell_of(f->ev, "alpha_crm", GUIDANCE)->value.number, 3.5, 1e-12);

    root = render(f, f->res);
    assert_near(json_num(json_criterion(root, "alpha_crm", EASE), "value"), 3.5, 1e-9);
    assert_near(json_num(json_criterion(root, "alpha_crm", MOBILE), "value"), 2.0, 1e-9);
    assert_string_equal(json_str(cJSON_GetObjectItemCaseSensitive(root, "panel"), "aggregate"),
                        "median");
    cJSON_Delete(root);
}

/* Booleans by weighted majority, a tie is false; choices by weighted mode,
 * a tie goes to the option worth less (then to the earlier option). */
static void test_aggregate__booleans_and_choices(void **state)
{
    struct test_fixture *f = *state;
    static const struct row rows[] = {
        /* the vendors' own sso is true: a tie of the panel overturns it */
        { "Zhang Wei", "it", "alpha_crm", SSO, "true" },
        { "Li Na", "sales", "alpha_crm", SSO, "false" },
        /* two people of three say yes, but by weight it is 2 : 2 */
        { "Zhang Wei", "it", "beta_crm", SSO, "true" },
        { "Li Na", "sales", "beta_crm", SSO, "true" },
        { "Wang Fang", "service", "beta_crm", SSO, "false" },
        /* one person each, the service weight decides: 2 : 1 */
        { "Zhang Wei", "it", "alpha_crm", "security.audit_log", "false" },
        { "Wang Fang", "service", "alpha_crm", "security.audit_log", "true" },
        /* 1.0 vs 0.5 at 1 : 1 -> saas_only */
        { "Zhang Wei", "it", "alpha_crm", DEPLOY, "saas_and_self_hosted" },
        { "Li Na", "sales", "alpha_crm", DEPLOY, "saas_only" },
        /* 1.0 (1 + 1) vs 0.6 (2) -> self_hosted_only */
        { "Zhang Wei", "it", "beta_crm", DEPLOY, "saas_and_self_hosted" },
        { "Li Na", "sales", "beta_crm", DEPLOY, "saas_and_self_hosted" },
        { "Wang Fang", "service", "beta_crm", DEPLOY, "self_hosted_only" },
        /* own and self_hosted are both worth 1.0: the earlier option */
        { "Zhang Wei", "it", "alpha_crm", RESIDENCY, "own" },
        { "Li Na", "sales", "alpha_crm", RESIDENCY, "self_hosted" },
        /* none (1) vs partner (2) -> partner */
        { "Zhang Wei", "it", "beta_crm", RESIDENCY, "none" },
        { "Wang Fang", "service", "beta_crm", RESIDENCY, "partner" },
    };
    const struct crm_panel_cell *cell = NULL;
    cJSON *root = NULL, *c = NULL;

    f->ev = load_eval(f, "panel: {role_weights: {service: 2}}\n");
    f->res = apply_and_compute(f, f->ev, ROWS(rows));

    cell = cell_of(f->ev, "alpha_crm", SSO);
    assert_near(cell->value.number, 0, 0);
    /* levels 1 and 0 on a width of 1: sd 0.5, split between the ends */
    assert_near(cell->sd, 0.5, 1e-12);
    assert_near(cell->consensus, 0, 1e-12);
    assert_near(cell_of(f->ev, "beta_crm", SSO)->value.number, 0, 0);
    assert_near(cell_of(f->ev, "alpha_crm", "security.audit_log")->value.number, 1, 0);

    cell = cell_of(f->ev, "alpha_crm", DEPLOY);
    assert_string_equal(f->ev->set->criteria[cell->criterion].options[cell->value.option].id,
                        "saas_only");
    assert_near(cell->value.number, 0.5, 0);
    /* levels 1.0 and 0.5, the options span 0.5..1.0: split between the ends */
    assert_near(cell->width, 0.5, 1e-12);
    assert_near(cell->consensus, 0, 1e-12);

    root = render(f, f->res);
    c = json_criterion(root, "alpha_crm", SSO);
    assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(c, "value")));
    assert_string_equal(json_str(c, "origin"), "panel");
    assert_true(cJSON_IsFalse(
        cJSON_GetObjectItemCaseSensitive(json_criterion(root, "beta_crm", SSO), "value")));
    assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(
        json_criterion(root, "alpha_crm", "security.audit_log"), "value")));
    assert_string_equal(json_str(json_criterion(root, "alpha_crm", DEPLOY), "value"), "saas_only");
    assert_string_equal(json_str(json_criterion(root, "beta_crm", DEPLOY), "value"),
                        "self_hosted_only");
    assert_string_equal(json_str(json_criterion(root, "alpha_crm", RESIDENCY), "value"),
                        "self_hosted");
    assert_string_equal(json_str(json_criterion(root, "beta_crm", RESIDENCY), "value"),
                        "partner");
    cJSON_Delete(root);
}

/* Spread and consensus at the extremes, and the cells listed for
 * discussion: least consensus first, with the points at stake. */
static void test_aggregate__spread_consensus_disagreements(void **state)
{
    struct test_fixture *f = *state;
    static const struct row rows[] = {
        { "Zhang Wei", "it", "alpha_crm", EASE, "3" },
        { "Li Na", "sales", "alpha_crm", EASE, "3" },
        { "Wang Fang", "service", "alpha_crm", EASE, "3" },
        { "Zhang Wei", "it", "alpha_crm", MOBILE, "2" },
        { "Li Na", "sales", "alpha_crm", MOBILE, "5" },
        { "Zhang Wei", "it", "beta_crm", EASE, "0" },
        { "Li Na", "sales", "beta_crm", EASE, "5" },
        { "Zhang Wei", "it", "beta_crm", MOBILE, "4" }, /* alone */
    };
    const struct crm_panel_cell *cell = NULL;
    cJSON *root = NULL, *list = NULL, *first = NULL;

    f->ev = load_eval(f, "");
    f->res = apply_and_compute(f, f->ev, ROWS(rows));
    /* cells by vendor, then criterion (in the set's order) */
    assert_int_equal(f->ev->panel->cell_count, 4);
    assert_int_equal(f->ev->panel->evaluator_count, 3);
    assert_string_equal(f->ev->panel->evaluators[0].name, "Li Na"); /* by name */

    cell = cell_of(f->ev, "alpha_crm", EASE); /* all agree */
    assert_near(cell->consensus, 1, 0);
    assert_near(cell->sd, 0, 1e-12);
    assert_near(cell->min, 3, 0);
    assert_near(cell->max, 3, 0);
    cell = cell_of(f->ev, "beta_crm", EASE); /* the two ends of 0..5 */
    assert_near(cell->consensus, 0, 1e-12);
    assert_near(cell->sd, 2.5, 1e-12);
    assert_near(cell->value.number, 2.5, 1e-12);
    assert_near(cell_of(f->ev, "alpha_crm", MOBILE)->consensus, 1 + log2(0.7), 1e-12);
    assert_near(cell_of(f->ev, "beta_crm", MOBILE)->consensus, 1, 0);

    /* to discuss: beta ease (0), then alpha mobile (0.485); not the cells
     * all agree on nor one scored by one person. Cells: alpha ease 0,
     * alpha mobile 1, beta ease 2, beta mobile 3. */
    assert_int_equal(f->res->disagreement_count, 2);
    assert_int_equal(f->res->disagreements[0], 2);
    assert_int_equal(f->res->disagreements[1], 1);
    /* at stake: 100 w (hi - lo) normalised: 100 * 36/1100 * 1, and
     * 100 * 24/1100 * (5-2)/5 */
    assert_near(f->res->at_stake[2], 100 * W_EASE, 1e-9);
    assert_near(f->res->at_stake[1], 100 * W_MOBILE * 0.6, 1e-9);
    assert_near(f->res->at_stake[0], 0, 1e-12);

    root = render(f, f->res);
    list = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "panel"),
                                            "disagreements");
    assert_int_equal(cJSON_GetArraySize(list), 2);
    first = cJSON_GetArrayItem(list, 0);
    assert_string_equal(json_str(first, "vendor"), "beta_crm");
    assert_string_equal(json_str(first, "criterion"), EASE);
    assert_near(json_num(first, "consensus"), 0, 0);
    assert_near(json_num(first, "sd"), 2.5, 1e-9);
    assert_near(json_num(first, "points_at_stake"), 100 * W_EASE, 1e-6);
    assert_near(json_num(cJSON_GetArrayItem(list, 1), "consensus"), 0.485427, 1e-6);
    cJSON_Delete(root);
}

/* Scores for a vendor or criterion not in the evaluation are skipped with
 * one warning; a cell scored only by a role of weight 0 keeps the vendor's
 * own value, with a warning; neither is an error. */
static void test_aggregate__skipped_and_weightless(void **state)
{
    struct test_fixture *f = *state;
    static const struct row rows[] = {
        { "Dana", "finance", "alpha_crm", EASE, "5" },      /* weight 0 alone */
        { "Dana", "finance", "beta_crm", EASE, "0" },       /* weight 0 ... */
        { "Zhang Wei", "it", "beta_crm", EASE, "2" },       /* ... and 1 */
        { "Zhang Wei", "it", "gamma_crm", EASE, "3" },      /* no such vendor */
        { "Zhang Wei", "it", "alpha_crm", "usability.gone", "3" }, /* nor criterion */
    };
    const struct crm_panel_cell *cell = NULL;
    cJSON *root = NULL, *c = NULL;

    f->ev = load_eval(f, "panel: {role_weights: {finance: 0}}\n");
    f->res = apply_and_compute(f, f->ev, ROWS(rows));
    assert_int_equal(crm_diags_error_count(f->diags), 0);
    assert_int_equal(f->ev->panel->skipped, 2);
    assert_true(diags_contain(f->diags, "panel.db: warning: 2 panel scores "));
    assert_true(diags_contain(f->diags, "for vendors or criteria not in this evaluation"));
    assert_true(diags_contain(f->diags, "panel.db: warning: the panel's scores of alpha_crm "
                                        "for 'usability.ease_of_use' all come from roles of "
                                        "weight 0; the vendor's own value is kept"));
    assert_int_equal(count_severity(f->diags, CRM_SEV_WARNING), 2);

    cell = cell_of(f->ev, "alpha_crm", EASE);
    assert_false(cell->applied);
    assert_near(f->ev->vendors[vendor_index(f->ev, "alpha_crm")]
                    ->values[criterion_index(f->ev, EASE)]
                    .number,
                1, 0);
    /* weight 0 does not count: Zhang Wei's 2 alone, in the value and in
     * the spread (Dana's 0 is shown but not a disagreement) */
    assert_near(cell_of(f->ev, "beta_crm", EASE)->value.number, 2, 0);
    assert_near(cell_of(f->ev, "beta_crm", EASE)->min, 2, 0);
    assert_near(cell_of(f->ev, "beta_crm", EASE)->max, 2, 0);
    assert_near(cell_of(f->ev, "beta_crm", EASE)->consensus, 1, 0);

    root = render(f, f->res);
    c = json_criterion(root, "alpha_crm", EASE);
    assert_near(json_num(c, "value"), 1, 0);
    assert_string_equal(json_str(c, "origin"), "vendor");
    c = json_criterion(root, "beta_crm", EASE);
    assert_near(json_num(c, "value"), 2, 0);
    assert_string_equal(json_str(c, "origin"), "panel");
    assert_near(json_num(cJSON_GetObjectItemCaseSensitive(root, "panel"), "skipped_scores"), 2, 0);
    /* finance, of weight 0, has no view of its own: only IT's is shown */
    assert_int_equal(f->res->role_count, 1);
    assert_int_equal(role_view(f->res, 0)->cells, 1);
    cJSON_Delete(root);
}

/* A bad value is an error when the panel is applied, and nothing of the
 * panel is applied then. */
static void test_aggregate__invalid_scores_refused(void **state)
{
    struct test_fixture *f = *state;
    static const struct row rows[] = {
        { "Zhang Wei", "it", "alpha_crm", EASE, "4" },
        { "Zhang Wei", "it", "beta_crm", EASE, "7" },
        { "Li Na", "sales", "beta_crm", SSO, "perhaps" },
    };
    crm_scores *scores = make_scores(ROWS(rows), NULL);

    f->ev = load_eval(f, "");
    assert_int_equal(crm_evaluation_set_panel(f->ev, scores, "/ws/panel.db", f->diags),
                     CRM_EINPUT);
    assert_int_equal(crm_diags_error_count(f->diags), 2);
    assert_true(diags_contain(f->diags, "/ws/panel.db (Zhang Wei's score of beta_crm for "
                                        "usability.ease_of_use): error: rating 7"));
    assert_null(f->ev->panel);
    assert_near(f->ev->vendors[vendor_index(f->ev, "alpha_crm")]
                    ->values[criterion_index(f->ev, EASE)]
                    .number,
                1, 0);
    crm_scores_free(scores);
}

/* ---- 4. per-role views ------------------------------------------------------- */

/* The roles, in report order, NULL-terminated (messages and views use it). */
/* Fixes found in review: bare-CR line ends (old Mac spreadsheets) keep
 * every character and count lines; a new evaluator's role on their first
 * row carries to rows that leave it empty; a sheet's `evaluator: ~` means
 * "not given"; a number past its value function's domain widens the
 * consensus scale instead of reading as total disagreement. */
static void test_review__sheet_and_width_fixes(void **state)
{
    struct test_fixture *f = *state;
    crm_scores *scores = NULL, *none = crm_scores_new();
    const struct crm_panel_cell *cell = NULL;
    static const struct row wide[] = {
        { "A", "it", "alpha_crm", "scale.concurrent_users_tested", "2000" },
        { "B", "sales", "alpha_crm", "scale.concurrent_users_tested", "5000" },
    };

    assert_int_equal(read_sheet(f, "cr.csv",
                                "vendor,criterion,value,evaluator,role\r"
                                "alpha_crm," EASE ",4,Newbie,it\r"
                                "beta_crm," EASE ",3,Newbie,\r",
                                NULL, NULL, &scores),
                     CRM_OK);
    assert_int_equal(crm_scores_count(scores), 2);
    assert_string_equal(crm_scores_at(scores, 0)->vendor, "alpha_crm");
    assert_string_equal(crm_scores_at(scores, 1)->vendor, "beta_crm");
    assert_string_equal(crm_scores_at(scores, 1)->value, "3");
    assert_int_equal(crm_scores_at(scores, 1)->line, 3);
    assert_null(crm_scores_at(scores, 1)->role);
    crm_scores_fill_roles(scores, none);
    assert_string_equal(crm_scores_at(scores, 1)->role, "it");
    f->ev = load_eval(f, "");
    assert_int_equal(crm_evaluation_check_scores(f->ev, scores, f->diags), CRM_OK);
    crm_scores_free(scores);
    scores = NULL;

    assert_int_equal(read_sheet(f, "null.yaml",
                                "kind: scores\nevaluator: ~\nrole: ~\n"
                                "scores: {alpha_crm: {" EASE ": 2}}\n",
                                "Given", "sales", &scores),
                     CRM_OK);
    assert_string_equal(crm_scores_at(scores, 0)->evaluator, "Given");
    assert_string_equal(crm_scores_at(scores, 0)->role, "sales");
    crm_scores_free(scores);
    crm_scores_free(none);

    /* domain 0..1000 users; 2000 and 5000 given: the scale is 0..5000,
     * mean 3500, |d| = 1500 each: 1 + log2(1 - 0.3) */
    f->res = apply_and_compute(f, f->ev, ROWS(wide));
    cell = cell_of(f->ev, "alpha_crm", "scale.concurrent_users_tested");
    assert_near(cell->width, 5000, 0);
    assert_near(cell->consensus, 1 + log2(0.7), 1e-12);
}

/* A sheet written for an evaluator reads back as their own scores (the
 * criterion_name and scale columns ignored), blank rows skipped; choice
 * and boolean scales are spelt out for the person filling it in. */
static void test_sheet__written_reads_back(void **state)
{
    struct test_fixture *f = *state;
    static const struct row rows[] = {
        { "Li Na", "sales", "alpha_crm", EASE, "4" },
        { "Li Na", "sales", "beta_crm", SSO, "true" },
        { "Zhang Wei", "it", "alpha_crm", EASE, "2" },
    };
    crm_scores *scores = make_scores(ROWS(rows), NULL), *back = NULL;
    char path[600], *text = NULL;
    size_t len = 0;
    FILE *fp = NULL;

    f->ev = load_eval(f, "panel: {criteria: [" EASE ", " SSO ", " DEPLOY "]}\n");
    snprintf(path, sizeof(path), "%s/li.csv", f->dir);
    assert_int_equal(crm_panel_sheet_write(f->ev, scores, "Li Na", "sales", path, f->diags),
                     CRM_OK);
    fp = fopen(path, "rb");
    assert_non_null(fp);
    text = calloc(1, 8192);
    len = fread(text, 1, 8191, fp);
    fclose(fp);
    assert_true(len > 0);
    /* a header and 2 vendors x 3 criteria */
    assert_non_null(strstr(text, "vendor,criterion,value,comment,evaluator,role,"
                                 "criterion_name,scale,current,points_at_stake\n"));
    assert_non_null(strstr(text, "alpha_crm," EASE ",4,,Li Na,sales,Ease of use,0..5,"));
    assert_non_null(strstr(text, "beta_crm," SSO ",true,,Li Na,sales,"));
    assert_non_null(strstr(text, ",true or false,"));
    assert_non_null(strstr(text, "beta_crm," DEPLOY ",,,Li Na,sales,"));
    free(text);

    assert_int_equal(crm_scores_read(&back, path, NULL, NULL, f->diags), CRM_OK);
    assert_int_equal(crm_scores_count(back), 2);
    assert_string_equal(crm_scores_at(back, 0)->vendor, "alpha_crm");
    assert_string_equal(crm_scores_at(back, 0)->value, "4");
    assert_string_equal(crm_scores_at(back, 0)->evaluator, "Li Na");
    assert_string_equal(crm_scores_at(back, 1)->value, "true");
    assert_int_equal(crm_evaluation_check_scores(f->ev, back, f->diags), CRM_OK);
    crm_scores_free(back);
    crm_scores_free(scores);
}

/* A value the panel decides is no longer drawn in the simulation, and a
 * correlation naming it is left out with a warning (it used to fail the
 * whole evaluate). */
static void test_review__correlated_value_decided(void **state)
{
    struct test_fixture *f = *state;
    static const struct row rows[] = { { "A", "it", "alpha_crm", EASE, "4" } };
    crm_simulate_options so = CRM_SIMULATE_OPTIONS_INIT;

    f->ev = load_eval(f, "observations:\n"
                         "  alpha_crm: {" EASE ": {value: {triangular: [1, 2, 3]}}}\n"
                         "  beta_crm: {" EASE ": {value: {triangular: [1, 2, 3]}}}\n"
                         "simulation:\n"
                         "  trials: 200\n"
                         "  correlations:\n"
                         "    - {between: [alpha_crm/" EASE ", beta_crm/" EASE "], rho: 0.5}\n");
    assert_int_equal(f->ev->uncertain_count, 2);
    f->res = apply_and_compute(f, f->ev, ROWS(rows));
    assert_int_equal(f->ev->uncertain_count, 1);
    assert_int_equal(f->ev->sim.correlation_count, 0);
    assert_true(diags_contain(f->diags, "warning: correlation of 'alpha_crm/" EASE
                                        "' and 'beta_crm/" EASE "' left out"));
    assert_int_equal(crm_result_simulate(f->res, &so, f->diags), CRM_OK);
    assert_int_equal(crm_diags_error_count(f->diags), 0);
}

/* panel.spread_as_uncertainty: a disagreed rating cell becomes a discrete
 * input of the simulation (the scores, with role-weight shares; equal
 * values merged), an agreed one does not; the point run keeps the
 * aggregate. */
static void test_spread__as_uncertainty(void **state)
{
    struct test_fixture *f = *state;
    static const struct row rows[] = {
        { "A", "it", "alpha_crm", EASE, "1" },
        { "B", "sales", "alpha_crm", EASE, "5" },
        { "C", "service", "alpha_crm", EASE, "5" },
        { "A", "it", "beta_crm", EASE, "3" },
        { "B", "sales", "beta_crm", EASE, "3" },
    };
    crm_simulate_options so = CRM_SIMULATE_OPTIONS_INIT;
    const struct crm_dist *d = NULL;

    f->ev = load_eval(f, "panel: {spread_as_uncertainty: true, role_weights: {it: 2}}\n");
    f->res = apply_and_compute(f, f->ev, ROWS(rows));
    assert_int_equal(f->ev->uncertain_count, 1);
    assert_string_equal(f->ev->uncertain[0].label, "alpha_crm/" EASE);
    d = f->ev->uncertain[0].dist;
    assert_int_equal(d->kind, CRM_DIST_DISCRETE);
    assert_int_equal(d->count, 2);
    /* weights 2, 1, 1: 1 with 1/2, 5 with 1/4 + 1/4 */
    assert_near(d->values[0], 1, 0);
    assert_near(d->probs[0], 0.5, 1e-15);
    assert_near(d->values[1], 5, 0);
    assert_near(d->probs[1], 0.5, 1e-15);
    /* the point run: the weighted mean (2*1 + 5 + 5) / 4 = 3 */
    assert_near(cell_of(f->ev, "alpha_crm", EASE)->value.number, 3, 0);
    so.trials = 400;
    assert_int_equal(crm_result_simulate(f->res, &so, f->diags), CRM_OK);
    assert_int_equal(crm_diags_error_count(f->diags), 0);
}

/* The database cannot hold one evaluator's two scores of a cell or two
 * roles, but a list handed to the API can: refused, not counted twice. */
static void test_aggregate__repeats_refused(void **state)
{
    struct test_fixture *f = *state;
    static const struct row rows[] = {
        { "Zhang Wei", "it", "alpha_crm", EASE, "1" },
        { "Zhang Wei", "it", "alpha_crm", EASE, "5" },
        { "Li Na", "sales", "beta_crm", EASE, "2" },
        { "Li Na", "service", "alpha_crm", EASE, "2" },
    };
    crm_scores *scores = make_scores(ROWS(rows), NULL);

    f->ev = load_eval(f, "");
    assert_int_equal(crm_evaluation_set_panel(f->ev, scores, "/ws/panel.db", f->diags),
                     CRM_EINPUT);
    assert_int_equal(crm_diags_error_count(f->diags), 2);
    assert_true(diags_contain(f->diags, "Zhang Wei has already scored alpha_crm for "
                                        "'usability.ease_of_use'"));
    assert_true(diags_contain(f->diags, "evaluator 'Li Na' is given role 'service' here and "
                                        "'sales' before"));
    assert_null(f->ev->panel);
    crm_scores_free(scores);
}

static void test_roles__names(void **state)
{
    static const char *const expected[] = { "it", "sales", "service", "finance",
                                            "management" };
    size_t k;

    (void)state;
    for (k = 0; k < CRM_ROLE_COUNT; k++) {
        assert_string_equal(crm_roles[k], expected[k]);
    }
    assert_null(crm_roles[CRM_ROLE_COUNT]);
}

/* A role's view uses its own aggregate where it scored and the panel's
 * elsewhere; the score moves by 100 w (role - panel) normalised. */
static void test_roles__view_by_hand(void **state)
{
    struct test_fixture *f = *state;
    static const struct row rows[] = {
        { "Zhang Wei", "it", "alpha_crm", EASE, "5" },
        { "Li Na", "sales", "alpha_crm", EASE, "1" },   /* panel: 3 */
        { "Li Na", "sales", "alpha_crm", MOBILE, "2" }, /* sales only */
        { "Li Na", "sales", "beta_crm", EASE, "4" },    /* sales only */
    };
    const struct crm_role_view *it = NULL, *sales = NULL;
    size_t a = 0, b = 0;

    f->ev = load_eval(f, "");
    f->res = apply_and_compute(f, f->ev, ROWS(rows));
    a = vendor_index(f->ev, "alpha_crm");
    b = vendor_index(f->ev, "beta_crm");
    assert_int_equal(f->res->role_count, 2);
    it = role_view(f->res, 0);
    sales = role_view(f->res, 1);
    assert_int_equal(it->evaluators, 1);
    assert_int_equal(it->cells, 1);
    assert_int_equal(sales->cells, 3);
    assert_int_equal(it->own_weights, 0);

    /* IT: alpha ease 5 instead of 3: +100 * 36/1100 * (1 - 0.6) = +1.309091;
     * alpha mobile and beta are the panel's */
    assert_near(it->sub->vendors[a].score - f->res->vendors[a].score, 100 * W_EASE * 0.4, 1e-9);
    assert_near(it->sub->vendors[b].score - f->res->vendors[b].score, 0, 1e-9);
    /* sales: alpha ease 1 instead of 3: -1.309091; mobile and beta the same */
    assert_near(sales->sub->vendors[a].score - f->res->vendors[a].score, -100 * W_EASE * 0.4,
                1e-9);
    assert_near(sales->sub->vendors[b].score - f->res->vendors[b].score, 0, 1e-9);

    /* overall alpha 100 (w_e 0.6 + w_m 0.4) = 2.836 above the common base,
     * beta 100 w_e 0.8 = 2.618: alpha first. Sales: alpha 1.527, beta
     * first; its ranking is the reverse (tau -1); IT agrees (tau 1). */
    assert_int_equal(f->res->vendors[a].rank, 1);
    assert_int_equal(sales->sub->vendors[b].rank, 1);
    assert_near(sales->tau, -1, 1e-12);
    assert_near(it->tau, 1, 1e-12);
}

/* The report's roles: a role whose scores flip the winner is flagged. */
static void test_roles__same_winner_flag(void **state)
{
    struct test_fixture *f = *state;
    /* ease (weight 36/1100) strongly opposed, mobile (24/1100) agreed:
     * overall ease 4 : 4, mobile 3 : 2 -> alpha by 100*24/1100*0.2 = 0.436;
     * sales sees ease 3 : 5 -> beta by 100*36/1100*0.4 - 0.436 = 0.873 */
    static const struct row rows[] = {
        { "Zhang Wei", "it", "alpha_crm", EASE, "5" },
        { "Li Na", "sales", "alpha_crm", EASE, "3" },
        { "Zhang Wei", "it", "beta_crm", EASE, "3" },
        { "Li Na", "sales", "beta_crm", EASE, "5" },
        { "Zhang Wei", "it", "alpha_crm", MOBILE, "3" },
        { "Li Na", "sales", "alpha_crm", MOBILE, "3" },
        { "Zhang Wei", "it", "beta_crm", MOBILE, "2" },
        { "Li Na", "sales", "beta_crm", MOBILE, "2" },
    };
    cJSON *root = NULL, *role = NULL, *ranking = NULL;
    const cJSON *first = NULL;

    f->ev = load_eval(f, "");
    f->res = apply_and_compute(f, f->ev, ROWS(rows));
    root = render(f, f->res);
    first = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(root, "ranking"), 0);
    assert_string_equal(first->valuestring, "alpha_crm");

    role = json_role(root, "it");
    assert_string_equal(json_str(role, "winner"), "alpha_crm");
    assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(role, "same_winner")));
    assert_string_equal(json_str(role, "weights"), "evaluation");
    assert_near(json_num(role, "cells_scored"), 4, 0);

    role = json_role(root, "sales");
    assert_string_equal(json_str(role, "winner"), "beta_crm");
    assert_true(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(role, "same_winner")));
    assert_near(json_num(role, "kendall_tau"), -1, 0);
    ranking = cJSON_GetObjectItemCaseSensitive(role, "ranking");
    assert_string_equal(json_str(cJSON_GetArrayItem(ranking, 0), "vendor"), "beta_crm");
    assert_near(json_num(cJSON_GetArrayItem(ranking, 0), "overall_rank"), 2, 0);
    /* the margin: 100 (36*0.4 - 24*0.2) / 1100 = 960/1100 */
    assert_near(json_num(cJSON_GetArrayItem(ranking, 0), "score") -
                    json_num(cJSON_GetArrayItem(ranking, 1), "score"),
                960.0 / 1100, 2e-6);
    cJSON_Delete(root);
}

/* Evaluators' own weight sets: a role of one such member ranks on those
 * weights; a role of two, one with a set, on the mean of the two. */
static void test_roles__own_weight_sets(void **state)
{
    struct test_fixture *f = *state;
    static const struct row rows[] = {
        /* in name order, so that this test does not depend on the
         * attribution checked by test_aggregate__evaluators_by_name */
        { "Chen Jie", "it", "alpha_crm", EASE, "2" },
        { "Li Na", "sales", "alpha_crm", EASE, "1" },
        { "Li Na", "sales", "beta_crm", EASE, "5" },
        { "Wang Fang", "service", "beta_crm", MOBILE, "4" },
        { "Zhang Wei", "it", "alpha_crm", EASE, "4" },
    };
    const struct crm_role_view *it = NULL, *sales = NULL, *service = NULL;
    cJSON *root = NULL, *role = NULL, *people = NULL;
    size_t ease = 0, mobile = 0, sso = 0, c = 0;
    double sum = 0;

    /* all the weight on usability; within it core's own shares (3, 2 and
     * five of 1 out of 10) */
    write_file(f->dir, "usability-only.yaml",
               "kind: profile\nid: usability_only\ncriteria_set: core\n"
               "name: Usability only\ngroups:\n"
               "  budget: {weight: 0}\n  scale: {weight: 0}\n  industry: {weight: 0}\n"
               "  compatibility: {weight: 0}\n  security: {weight: 0}\n"
               "  usability: {weight: 1}\n  customer_data: {weight: 0}\n"
               "  sales: {weight: 0}\n  marketing: {weight: 0}\n  service: {weight: 0}\n"
               "  analytics: {weight: 0}\n  vendor: {weight: 0}\n");
    f->ev = load_eval(f, "panel:\n  weights:\n    Li Na: usability-only.yaml\n"
                         "    \"Zhang Wei\": usability-only.yaml\n"
                         "    Wang Fan: usability-only.yaml\n");
    assert_int_equal(f->ev->panel_settings.weight_set_count, 3);
    f->res = apply_and_compute(f, f->ev, ROWS(rows));
    /* a weight set of no one on the panel: a warning at it, with a hint */
    assert_true(diags_contain(f->diags, "evaluation.yaml:13:15: warning: 'Wang Fan' has no "
                                        "scores on the panel, so this weight set is not used; "
                                        "did you mean 'Wang Fang'?"));
    ease = criterion_index(f->ev, EASE);
    mobile = criterion_index(f->ev, MOBILE);
    sso = criterion_index(f->ev, SSO);

    sales = role_view(f->res, 1);
    assert_int_equal(sales->own_weights, 1);
    assert_near(sales->sub->weights.effective[ease], 0.3, 1e-12);
    assert_near(sales->sub->weights.effective[mobile], 0.2, 1e-12);
    assert_near(sales->sub->weights.effective[sso], 0, 0);
    for (c = 0; c < f->ev->set->criterion_count; c++) {
        sum += sales->sub->weights.effective[c];
    }
    assert_near(sum, 1, 1e-12);
    /* on usability alone, with the sales values (ease 1 and 5; beta mobile
     * the panel's 4, the rest of usability missing and scored 0):
     * alpha 100 * 0.3 * 1/5 = 6, beta 100 (0.3 * 1 + 0.2 * 4/5) = 46 */
    assert_near(sales->sub->vendors[vendor_index(f->ev, "alpha_crm")].score, 6, 1e-9);
    assert_near(sales->sub->vendors[vendor_index(f->ev, "beta_crm")].score, 46, 1e-9);

    /* IT: Zhang Wei's set and Chen Jie's evaluation weights, averaged */
    it = role_view(f->res, 0);
    assert_int_equal(it->evaluators, 2);
    assert_int_equal(it->own_weights, 1);
    assert_near(it->sub->weights.effective[ease], (0.3 + W_EASE) / 2, 1e-12);
    assert_near(it->sub->weights.effective[sso], f->res->weights.effective[sso] / 2, 1e-12);

    service = role_view(f->res, 2);
    assert_int_equal(service->own_weights, 0);
    assert_near(service->sub->weights.effective[ease], W_EASE, 1e-12);

    root = render(f, f->res);
    role = json_role(root, "sales");
    assert_string_equal(json_str(role, "weights"), "own");
    assert_near(json_num(role, "own_weight_sets"), 1, 0);
    assert_string_equal(json_str(json_role(root, "it"), "weights"), "own");
    assert_string_equal(json_str(json_role(root, "service"), "weights"), "evaluation");
    people = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(root, "panel"),
                                              "evaluators");
    assert_string_equal(json_str(find_by(people, "name", "Li Na"), "weight_set"),
                        "usability-only.yaml");
    assert_true(cJSON_IsNull(
        cJSON_GetObjectItemCaseSensitive(find_by(people, "name", "Wang Fang"), "weight_set")));
    /* the weight set is an input of the report */
    assert_string_equal(
        json_str(find_by(cJSON_GetObjectItemCaseSensitive(
                             cJSON_GetObjectItemCaseSensitive(root, "inputs"), "files"),
                         "role", "weights"),
                 "path"),
        "usability-only.yaml");
    cJSON_Delete(root);
}

/* ---- 5. status --------------------------------------------------------------- */

/* Per evaluator of the roster: cells of the sheet scored and still open.
 * Scores off the sheet, of other vendors and repeated do not count. */
static void test_status__roster_progress(void **state)
{
    struct test_fixture *f = *state;
    static const struct row rows[] = {
        { "Zhang Wei", "it", "alpha_crm", EASE, "4" },
        { "Zhang Wei", "it", "alpha_crm", MOBILE, "4" },
        { "Zhang Wei", "it", "beta_crm", EASE, "4" },
        { "Zhang Wei", "it", "beta_crm", MOBILE, "4" },
        { "Zhang Wei", "it", "beta_crm", MOBILE, "5" },  /* again */
        { "Zhang Wei", "it", "alpha_crm", SSO, "true" }, /* off the sheet */
        { "Zhang Wei", "it", "gamma_crm", EASE, "4" },   /* not evaluated */
        { "Li Na", "sales", "alpha_crm", EASE, "3" },
    };
    static const struct row people[] = {
        { "Zhang Wei", "it", NULL, NULL, NULL },
        { "Li Na", "sales", NULL, NULL, NULL },
        { "Wang Fang", "service", NULL, NULL, NULL },
    };
    crm_scores *scores = make_scores(ROWS(rows), NULL);
    crm_scores *roster = make_scores(ROWS(people), NULL);
    char *out = NULL;
    size_t len = 0, open = 0;
    FILE *fp = NULL;

    f->ev = load_eval(f, "panel:\n  criteria: [usability.ease_of_use, usability.mobile_app]\n");
    fp = open_memstream(&out, &len);
    assert_non_null(fp);
    open = crm_panel_status(f->ev, scores, roster, fp);
    fclose(fp);
    /* 2 vendors x 2 criteria = 4 cells each: 0 + 3 + 4 open */
    assert_int_equal(open, 7);
    assert_string_equal(out,
                        "score sheet: 2 vendors x 2 criteria (panel.criteria)\n"
                        "Zhang Wei (it): 4 of 4 scored, done\n"
                        "Li Na (sales): 1 of 4 scored; to score:\n"
                        "    alpha_crm: usability.mobile_app\n"
                        "    beta_crm: usability.ease_of_use, usability.mobile_app\n"
                        "Wang Fang (service): 0 of 4 scored; to score:\n"
                        "    alpha_crm: usability.ease_of_use, usability.mobile_app\n"
                        "    beta_crm: usability.ease_of_use, usability.mobile_app\n");
    free(out);

    /* without panel.criteria the sheet is what anyone scored: ease, mobile
     * and sso (gamma_crm's ease does not add a criterion) -> 6 cells */
    crm_evaluation_free(f->ev);
    f->ev = load_eval(f, "");
    fp = open_memstream(&out, &len);
    open = crm_panel_status(f->ev, scores, roster, fp);
    fclose(fp);
    assert_int_equal(open, (6 - 5) + (6 - 1) + 6);
    assert_non_null(strstr(out, "score sheet: 2 vendors x 3 criteria (the criteria someone "
                                "has scored)\n"));
    assert_non_null(strstr(out, "Zhang Wei (it): 5 of 6 scored; to score:\n"
                                "    beta_crm: security.sso\n"));
    free(out);
    crm_scores_free(scores);
    crm_scores_free(roster);
}

/* ---- 6. determinism ---------------------------------------------------------- */

/* The same scores in another order give the same report, byte for byte;
 * a changed score changes the inputs' digest. */
static void test_determinism__order_and_digest(void **state)
{
    struct test_fixture *f = *state;
    struct panel_fixture *pf = *state;
    struct row rows[] = {
        { "Zhang Wei", "it", "alpha_crm", EASE, "4" },
        { "李娜", "sales", "alpha_crm", EASE, "2" },
        { "Wang Fang", "service", "alpha_crm", EASE, "4" },
        { "Zhang Wei", "it", "beta_crm", EASE, "3" },
        { "李娜", "sales", "beta_crm", EASE, "5" },
        { "Zhang Wei", "it", "alpha_crm", SSO, "false" },
        { "Wang Fang", "service", "alpha_crm", SSO, "true" },
        { "李娜", "sales", "beta_crm", DEPLOY, "saas_only" },
        { "Zhang Wei", "it", "beta_crm", DEPLOY, "self_hosted_only" },
        { "Wang Fang", "service", "beta_crm", MOBILE, "1" },
        { "Zhang Wei", "it", "beta_crm", MOBILE, "1" },
    };
    struct row reversed[sizeof(rows) / sizeof(rows[0])];
    const size_t n = sizeof(rows) / sizeof(rows[0]);
    const char *const panel = "panel: {role_weights: {it: 2}}\n";
    char *one = NULL, *three = NULL;
    size_t i;

    for (i = 0; i < n; i++) {
        reversed[i] = rows[n - 1 - i];
    }
    f->ev = load_eval(f, panel);
    f->res = apply_and_compute(f, f->ev, rows, n);
    pf->evs[0] = load_eval(f, panel);
    pf->results[0] = apply_and_compute(f, pf->evs[0], reversed, n);
    one = pf->texts[0] = render_text(f, f->res);
    assert_string_equal(f->ev->digest, pf->evs[0]->digest);
    assert_same_text(one, pf->texts[1] = render_text(f, pf->results[0]));

    /* one value changed: another digest (and another report) */
    rows[3].value = "2";
    pf->evs[1] = load_eval(f, panel);
    pf->results[1] = apply_and_compute(f, pf->evs[1], rows, n);
    assert_string_not_equal(f->ev->digest, pf->evs[1]->digest);
    crm_report_free(pf->texts[1]);
    three = pf->texts[1] = render_text(f, pf->results[1]);
    assert_string_not_equal(one, three);
}

/* A large sheet whose rows name an evaluator but no role: each row takes
 * the role its evaluator is given elsewhere in the sheet, else the one
 * they already have. This once scanned the whole sheet for every row (40 s
 * for 4 MB without a role column); it is one pass now. */
static void test_sheet__roles_of_a_large_sheet(void **state)
{
    struct test_fixture *f = *state;
    static const struct row people[] = {
        { "Known", "finance", NULL, NULL, NULL },
        { "Later", "it", NULL, NULL, NULL },
    };
    crm_scores *scores = NULL, *roster = make_scores(ROWS(people), NULL);
    struct crm_buf text = CRM_BUF_INIT;
    size_t i, n = 60000;
    const char *who[] = { "Known", "Later", "Nobody" };

    crm__buf_printf(&text, "evaluator,role,vendor,criterion,value\n");
    for (i = 0; i < n; i++) {
        crm__buf_printf(&text, "%s,,alpha_crm," EASE ",%zu\n", who[i % 3], i % 6);
    }
    /* the last row gives Later a role: it wins over the one they have for
     * all their rows of the sheet, as the sheet is what is imported */
    crm__buf_printf(&text, "Later,sales,beta_crm," EASE ",1\n");
    assert_false(text.failed);
    assert_int_equal(read_sheet(f, "big.csv", text.data, NULL, NULL, &scores), CRM_OK);
    free(text.data);
    assert_int_equal(crm_scores_count(scores), n + 1);
    assert_null(crm_scores_at(scores, 1)->role);
    crm_scores_fill_roles(scores, roster);
    for (i = 0; i <= n; i++) {
        const crm_panel_score *s = crm_scores_at(scores, i);

        if (strcmp(s->evaluator, "Known") == 0) {
            assert_string_equal(s->role, "finance");
        } else if (strcmp(s->evaluator, "Later") == 0) {
            assert_string_equal(s->role, "sales");
        } else {
            assert_null(s->role);
        }
    }
    crm_scores_free(scores);
    crm_scores_free(roster);
}

/* The workspace rule is the library's: the scores recorded in the
 * crmeval.db beside an evaluation become its values through
 * crm_workspace_apply_panel, as `crmeval evaluate` applies them; without
 * a database nothing changes. */
static void test_panel__workspace_rule_in_the_library(void **state)
{
    struct test_fixture *f = *state;
    static const struct row rows[] = {
        { "Zhang Wei", "it", "alpha_crm", EASE, "4" },
        { "Li Na", "sales", "alpha_crm", EASE, "2" },
    };
    crm_scores *scores = make_scores(ROWS(rows), NULL);
    char evaluation[512], db[512];
    crm_store *store = NULL;
    size_t ease = 0, a = 0;
    double before = 0;

    f->ev = load_eval(f, "");
    snprintf(evaluation, sizeof(evaluation), "%s/evaluation.yaml", f->dir);
    snprintf(db, sizeof(db), "%s/crmeval.db", f->dir);
    ease = criterion_index(f->ev, EASE);
    a = vendor_index(f->ev, "alpha_crm");
    before = f->ev->vendors[a]->values[ease].number;
    assert_null(crm_workspace_db(evaluation, NULL, db, sizeof(db)));
    assert_int_equal(crm_workspace_apply_panel(f->ev, evaluation, NULL, f->diags), CRM_OK);
    assert_null(f->ev->panel);
    assert_true(f->ev->vendors[a]->values[ease].number == before);

    snprintf(db, sizeof(db), "%s/crmeval.db", f->dir);
    assert_int_equal(crm_store_open(&store, db, CRM_STORE_CREATE, f->diags), CRM_OK);
    assert_int_equal(crm_store_put_scores(store, scores, NULL, NULL, f->diags), CRM_OK);
    crm_store_close(store);
    assert_int_equal(crm_workspace_apply_panel(f->ev, evaluation, NULL, f->diags), CRM_OK);
    assert_non_null(f->ev->panel);
    /* equal role weights: (4 + 2) / 2 */
    assert_near(f->ev->vendors[a]->values[ease].number, 3.0, 1e-12);
    assert_near(cell_of(f->ev, "alpha_crm", EASE)->value.number, 3.0, 1e-12);
    crm_scores_free(scores);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sheet__csv_forms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_panel__workspace_rule_in_the_library, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_sheet__csv_header_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sheet__csv_row_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sheet__csv_invalid_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sheet__yaml, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sheet__yaml_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check__every_problem_at_its_place, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_check__valid_scores_pass, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check__bundled_example_sheets, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_aggregate__weighted_mean, setup, teardown),
        cmocka_unit_test_setup_teardown(test_aggregate__evaluators_by_name, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_aggregate__weighted_median, setup, teardown),
        cmocka_unit_test_setup_teardown(test_aggregate__booleans_and_choices, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_aggregate__spread_consensus_disagreements, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_aggregate__skipped_and_weightless, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_aggregate__invalid_scores_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_aggregate__repeats_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_review__sheet_and_width_fixes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_review__correlated_value_decided, setup, teardown),
        cmocka_unit_test_setup_teardown(test_spread__as_uncertainty, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sheet__written_reads_back, setup, teardown),
        cmocka_unit_test(test_roles__names),
        cmocka_unit_test_setup_teardown(test_roles__view_by_hand, setup, teardown),
        cmocka_unit_test_setup_teardown(test_roles__same_winner_flag, setup, teardown),
        cmocka_unit_test_setup_teardown(test_roles__own_weight_sets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_status__roster_progress, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sheet__roles_of_a_large_sheet, setup, teardown),
        cmocka_unit_test_setup_teardown(test_determinism__order_and_digest, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
