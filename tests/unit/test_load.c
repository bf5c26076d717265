/* Unit tests: the loaders and validation (criteria, profiles, vendors,
 * evaluations), on small inputs written here and on the bundled files. */
#include "helpers.h"

#include "load/load.h"
#include "util/arena.h"

struct fixture {
    struct crm_arena *arena;
    crm_diags *diags;
    char *dir;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));

    f->arena = crm__arena_new();
    f->diags = crm_diags_new(0);
    f->dir = make_temp_dir();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    crm__arena_free(f->arena);
    crm_diags_free(f->diags);
    remove_tree(f->dir);
    free(f);
    return 0;
}

static const char *const HAND_SET =
    "kind: criteria\nid: hand\nname: {en: H, zh-CN: H}\ngroups:\n"
    "  - id: g1\n    name: {en: G, zh-CN: G}\n    description: {en: d, zh-CN: d}\n"
    "    criteria:\n"
    "      - id: r\n        name: {en: R, zh-CN: R}\n        description: {en: d, zh-CN: d}\n"
    "        kind: rating\n        scale: {min: 0, max: 5}\n"
    "      - id: b\n        name: {en: B, zh-CN: B}\n        description: {en: d, zh-CN: d}\n"
    "        kind: boolean\n"
    "      - id: ch\n        name: {en: C, zh-CN: C}\n        description: {en: d, zh-CN: d}\n"
    "        kind: choice\n        options: {x: {value: 1}, y: {value: 0.2}}\n"
    "      - id: n\n        name: {en: N, zh-CN: N}\n        description: {en: d, zh-CN: d}\n"
    "        kind: number\n        unit: s\n        direction: lower\n"
    "        value_function: [[1, 1.0], [5, 0.0]]\n";

static struct crm_criteria_set *read_set(struct fixture *f, const char *text,
                                         size_t *errors)
{
    struct crm_ynode *root = NULL;
    struct crm_reader r;
    struct crm_criteria_set *set = NULL;

    assert_int_equal(crm__yaml_parse(f->arena, "set.yaml", text, strlen(text),
                                     f->diags, &root),
                     CRM_OK);
    crm__rd_init(&r, f->arena, f->diags, "set.yaml");
    set = crm__criteria_read(&r, root);
    *errors = r.errors;
    return set;
}

static struct crm_vendor *read_vendor(struct fixture *f, const char *text,
                                      size_t *errors)
{
    struct crm_ynode *root = NULL;
    struct crm_reader r;
    struct crm_vendor *v = NULL;

    assert_int_equal(crm__yaml_parse(f->arena, "v.yaml", text, strlen(text),
                                     f->diags, &root),
                     CRM_OK);
    crm__rd_init(&r, f->arena, f->diags, "v.yaml");
    v = crm__vendor_read(&r, root);
    *errors = r.errors;
    return v;
}

static void expect(struct fixture *f, const char *text)
{
    if (!diags_contain(f->diags, text)) {
        print_diags(f->diags);
        fail_msg("no diagnostic contains: %s", text);
    }
}

static void test_load__criteria_set_read(void **state)
{
    struct fixture *f = *state;
    size_t errors = 0, index = 0;
    struct crm_criteria_set *set = read_set(f, HAND_SET, &errors);
    const struct crm_criterion *n = NULL;

    assert_int_equal(errors, 0);
    assert_int_equal(set->group_count, 1);
    assert_int_equal(set->criterion_count, 4);
    assert_true(crm__set_find(set, "g1.n", &index));
    n = &set->criteria[index];
    assert_string_equal(n->path, "g1.n");
    assert_int_equal(n->kind, CRM_KIND_NUMBER);
    assert_int_equal(n->direction, -1);
    assert_int_equal(n->point_count, 2);
    assert_true(crm__set_find(set, "g1.ch", &index));
    assert_int_equal(set->criteria[index].option_count, 2);
    assert_false(crm__set_find(set, "g1.zz", &index));
}

static void test_load__criteria_errors_all_reported(void **state)
{
    struct fixture *f = *state;
    size_t errors = 0;
    const char *text =
        "kind: criteria\nid: bad\nname: {en: B, zh-CN: B}\ngroups:\n"
        "  - id: g\n    name: {en: G, zh-CN: G}\n    description: {en: d, zh-CN: d}\n"
        "    weigth: 2\n"
        "    criteria:\n"
        "      - id: a\n        name: {en: A}\n        description: {en: d, zh-CN: d}\n"
        "        kind: boolean\n        scale: {min: 0, max: 5}\n"
        "      - id: a\n        name: {en: A, zh-CN: A}\n        description: {en: d, zh-CN: d}\n"
        "        kind: number\n        unit: s\n        direction: higher\n"
        "        value_function: [[0, 0.0], [5, 1.0], [10, 0.5]]\n"
        "      - id: c\n        name: {en: C, zh-CN: C}\n        description: {en: d, zh-CN: d}\n";

    read_set(f, text, &errors);
    expect(f, "set.yaml:8:5: error: unknown key 'weigth' in group 'g'; did you mean 'weight'?");
    expect(f, "missing Simplified Chinese text 'zh-CN' in 'name'");
    expect(f, "'scale' does not apply to a boolean criterion (criterion 'g.a')");
    expect(f, "the value function is not monotone: direction is 'higher'");
    expect(f, "duplicate criterion id 'a' in group 'g'");
    expect(f, "missing required key 'kind' in criterion 'g.c'");
    assert_true(crm_diags_error_count(f->diags) >= 6);
}

/* A criterion refused for a duplicate id leaves its slot to the next one,
 * which must start from nothing: the refused one's three labels were
 * counted into the next one's array of one (found by fuzz_criteria;
 * tests/fuzz/regressions/criteria). */
static void test_load__refused_criterion_leaves_nothing(void **state)
{
    struct fixture *f = *state;
    size_t errors = 0;
    const char *rating =
        "        name: {en: R, zh-CN: R}\n        description: {en: d, zh-CN: d}\n"
        "        kind: rating\n        scale: {min: 0, max: 5}\n";
    char text[2048];
    struct crm_criteria_set *set = NULL;

    snprintf(text, sizeof(text),
             "kind: criteria\nid: s\nname: {en: S, zh-CN: S}\ngroups:\n"
             "  - id: g\n    name: {en: G, zh-CN: G}\n    description: {en: d, zh-CN: d}\n"
             "    criteria:\n"
             "      - id: a\n%s"
             "      - id: a\n%s        labels: {0: none, 3: some, 5: all}\n"
             "      - id: c\n%s        labels: {5: all}\n",
             rating, rating, rating);
    set = read_set(f, text, &errors);
    expect(f, "duplicate criterion id 'a' in group 'g'");
    assert_int_equal(set->criterion_count, 2);
    assert_string_equal(set->criteria[1].id, "c");
    assert_int_equal(set->criteria[1].label_count, 1);
    assert_string_equal(set->criteria[1].labels[0].text.en, "all");
}

static void test_load__all_zero_weights_refused(void **state)
{
    struct fixture *f = *state;
    size_t errors = 0;
    const char *text =
        "kind: criteria\nid: z\nname: {en: Z, zh-CN: Z}\ngroups:\n"
        "  - id: g\n    name: {en: G, zh-CN: G}\n    description: {en: d, zh-CN: d}\n"
        "    weight: 0\n    criteria:\n"
        "      - id: a\n        name: {en: A, zh-CN: A}\n        description: {en: d, zh-CN: d}\n"
        "        kind: boolean\n";

    read_set(f, text, &errors);
    assert_int_equal(errors, 1);
    expect(f, "all group weights are zero");
}

static void test_load__vendor_values_checked_against_set(void **state)
{
    struct fixture *f = *state;
    size_t errors = 0;
    struct crm_criteria_set *set = read_set(f, HAND_SET, &errors);
    const char *text = "kind: vendor\nid: v\ncriteria_set: hand\nname: V\n"
                       "values:\n"
                       "  g1.r: 7\n"
                       "  g1.bb: true\n"
                       "  g1.ch: z\n"
                       "  g1.n: {value: \"3\"}\n";
    struct crm_vendor *v = read_vendor(f, text, &errors);

    assert_int_equal(errors, 0);
    assert_int_equal(crm__vendor_resolve(f->arena, f->diags, set, v), 4);
    expect(f, "v.yaml:6:9: error: rating 7 for 'g1.r' is outside its scale 0..5");
    expect(f, "v.yaml:7:3: error: unknown criterion 'g1.bb' in criteria set 'hand'; did you mean 'g1.b'?");
    expect(f, "v.yaml:8:10: error: invalid option 'z' for 'g1.ch'; expected one of: x, y");
    expect(f, "expected a number for number 'g1.n', got '3' (quoted numbers are text)");
}

static void test_load__vendor_missing_and_explicit_unknown(void **state)
{
    struct fixture *f = *state;
    size_t errors = 0, index = 0;
    struct crm_criteria_set *set = read_set(f, HAND_SET, &errors);
    const char *text = "kind: vendor\nid: v\ncriteria_set: hand\nname: V\n"
                       "values:\n  g1.r: 4\n  g1.b: ~\n";
    struct crm_vendor *v = read_vendor(f, text, &errors);

    assert_int_equal(crm__vendor_resolve(f->arena, f->diags, set, v), 0);
    assert_true(crm__set_find(set, "g1.r", &index));
    assert_true(v->values[index].present);
    assert_near(v->values[index].number, 4, 0);
    assert_true(crm__set_find(set, "g1.b", &index));
    assert_false(v->values[index].present);
    assert_true(crm__set_find(set, "g1.n", &index));
    assert_false(v->values[index].present);
}

static void test_load__rules_checked_against_kinds(void **state)
{
    struct fixture *f = *state;
    size_t errors = 0;
    struct crm_criteria_set *set = read_set(f, HAND_SET, &errors);
    const char *text = "- criterion: g1.r\n  equals: true\n"
                       "- criterion: g1.ch\n  one_of: [x, w]\n"
                       "- criterion: g1.r\n  min: 9\n"
                       "- criterion: g1.n\n  min: 1\n  equals: true\n";
    struct crm_ynode *root = NULL;
    struct crm_reader r;
    struct crm_rule *rules = NULL;
    size_t count = 0;

    assert_int_equal(crm__yaml_parse(f->arena, "p.yaml", text, strlen(text),
                                     f->diags, &root),
                     CRM_OK);
    crm__rd_init(&r, f->arena, f->diags, "p.yaml");
    assert_false(crm__rules_read(&r, root, "test", &rules, &count));
    assert_int_equal(count, 3);
    expect(f, "p.yaml:7:3: error: a must-have rule needs exactly one test");
    assert_int_equal(crm__rules_resolve(f->diags, set, rules, count), 3);
    expect(f, "p.yaml:1:14: error: 'equals' tests a boolean, but 'g1.r' is a rating criterion; use 'min'/'max'");
    expect(f, "'w' is not an option of 'g1.ch'");
    expect(f, "threshold for 'g1.r' is outside its scale 0..5");
}

static void test_load__evaluation_hand_case(void **state)
{
    struct fixture *f = *state;
    char path[512];
    crm_evaluation *ev = NULL;

    assert_int_equal(crm_evaluation_load(&ev,
                                         src_path(path, sizeof(path),
                                                  "tests/data/hand/evaluation.yaml"),
                                         f->diags),
                     CRM_OK);
    assert_non_null(ev);
    assert_string_equal(crm_evaluation_title(ev), "Hand-computed case");
    assert_null(crm_evaluation_json_path(ev));
    assert_int_equal(ev->vendor_count, 3);
    assert_int_equal(ev->rule_count, 2);
    assert_int_equal(ev->input_count, 8); /* + template and text */
    assert_int_equal(strlen(ev->digest), 64);
    crm_evaluation_free(ev);
}

static void test_load__evaluation_reports_every_problem(void **state)
{
    struct fixture *f = *state;
    char set_path[512];
    crm_evaluation *ev = NULL;
    char text[2048];

    write_file(f->dir, "v1.yaml",
               "kind: vendor\nid: v1\ncriteria_set: hand\nname: V1\n"
               "pricing: {model: subscription, currency: USD, list_price_per_user_month: 10,\n"
               "          as_of: 2026-01-01, source: test}\n"
               "values: {g1.r: 9}\n");
    write_file(f->dir, "v2.yaml", "kind: profile\nid: v2\n");
    snprintf(text, sizeof(text),
             "kind: evaluation\ntitle: T\ndate: 2026-01-01\n"
             "organisation: {name: O, seats: 0}\n"
             "currency: CNY\n"
             "criteria: %s\n"
             "vendor_dir: .\n"
             "vendors: [v1, v2, nope]\n"
             "missing_values: wrost\n",
             src_path(set_path, sizeof(set_path), "tests/data/hand/criteria.yaml"));
    assert_int_equal(crm_evaluation_load(&ev, write_file(f->dir, "e.yaml", text),
                                         f->diags),
                     CRM_EINPUT);
    assert_null(ev);
    expect(f, "e.yaml:4:32: error: 'seats' must be a whole number from 1 to 10,000,000 (got 0)");
    expect(f, "e.yaml:9:17: error: invalid missing-value policy 'wrost'; did you mean 'worst'?");
    expect(f, "rating 9 for 'g1.r' is outside its scale 0..5");
    expect(f, "v1.yaml:5:42: error: no exchange rate from USD to CNY for vendor 'v1'; add USD under exchange_rates.rates");
    expect(f, "v2.yaml:1:7: error: expected a vendor file here, but its kind is 'profile'");
    expect(f, "e.yaml:8:19: error: no vendor 'nope'");
    assert_int_equal(crm_diags_error_count(f->diags), 6);
}

/* The evaluation's own findings take precedence over the vendor profile,
 * and must name a vendor of the evaluation. */
static void test_load__observations_override_vendor_values(void **state)
{
    struct fixture *f = *state;
    char hand[512], text[2048];
    crm_evaluation *ev = NULL;
    size_t r = 0, n = 0;

    src_path(hand, sizeof(hand), "tests/data/hand");
    snprintf(text, sizeof(text),
             "kind: evaluation\ntitle: T\ndate: 2026-01-01\n"
             "organisation: {name: O, seats: 5}\ncurrency: CNY\n"
             "criteria: %s/criteria.yaml\nvendor_dir: %s/vendors\n"
             "vendors: [a, b]\n"
             "observations:\n"
             "  b:\n"
             "    g2.n: {value: 4, evidence: [{kind: trial, source: pilot}]}\n"
             "  a:\n"
             "    g1.r: 2\n",
             hand, hand);
    assert_int_equal(crm_evaluation_load(&ev, write_file(f->dir, "o.yaml", text),
                                         f->diags),
                     CRM_OK);
    assert_true(crm__set_find(ev->set, "g1.r", &r));
    assert_true(crm__set_find(ev->set, "g2.n", &n));
    /* a: profile says r = 4, the team saw 2 */
    assert_near(ev->vendors[0]->values[r].number, 2, 0);
    assert_true(ev->vendors[0]->values[r].raw->observed);
    /* b: the profile has no n; the pilot measured 4 */
    assert_true(ev->vendors[1]->values[n].present);
    assert_near(ev->vendors[1]->values[n].number, 4, 0);
    assert_int_equal(ev->vendors[1]->values[n].raw->evidence[0].kind,
                     CRM_EVIDENCE_TRIAL);
    /* untouched values keep the profile's */
    assert_false(ev->vendors[1]->values[r].raw->observed);
    crm_evaluation_free(ev);

    snprintf(text, sizeof(text),
             "kind: evaluation\ntitle: T\ndate: 2026-01-01\n"
             "organisation: {name: O, seats: 5}\ncurrency: CNY\n"
             "criteria: %s/criteria.yaml\nvendor_dir: %s/vendors\n"
             "vendors: [a, b]\n"
             "observations:\n"
             "  c:\n"
             "    g1.r: 9\n",
             hand, hand);
    assert_int_equal(crm_evaluation_load(&ev, write_file(f->dir, "o2.yaml", text),
                                         f->diags),
                     CRM_EINPUT);
    expect(f, "o2.yaml:10:3: error: observations for 'c', which is not among the evaluation's vendors");
}

static void test_load__size_limit(void **state)
{
    struct fixture *f = *state;
    char path[512];
    const char *files[1];
    FILE *fp = NULL;
    size_t i;

    snprintf(path, sizeof(path), "%s/big.yaml", f->dir);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs("kind: vendor\nnote: |\n", fp);
    for (i = 0; i < (CRM_MAX_FILE_SIZE / 64) + 1; i++) {
        fputs("  xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n", fp);
    }
    fclose(fp);
    files[0] = path;
    assert_int_equal(crm_validate_files(files, 1, NULL, f->diags), CRM_EINPUT);
    expect(f, "over the limit of 4194304 bytes");
}

static void test_load__bundled_files_validate(void **state)
{
    struct fixture *f = *state;
    static const char *const rel[] = {
        "criteria/core.yaml",
        "criteria/profiles/sme.yaml",
        "criteria/profiles/enterprise.yaml",
        "criteria/profiles/finance.yaml",
        "criteria/profiles/retail.yaml",
        "criteria/profiles/manufacturing.yaml",
        "criteria/profiles/services.yaml",
        "examples/retail-sme.yaml",
        "examples/enterprise-bank.yaml",
    };
    char paths[9][512];
    const char *list[9];
    size_t i;

    for (i = 0; i < 9; i++) {
        list[i] = src_path(paths[i], sizeof(paths[i]), rel[i]);
    }
    if (crm_validate_files(list, 9, NULL, f->diags) != CRM_OK) {
        print_diags(f->diags);
        fail_msg("bundled files do not validate");
    }
}

static void test_load__core_set_covers_the_families(void **state)
{
    struct fixture *f = *state;
    static const char *const must[] = {
        "budget", "scale", "industry", "compatibility", "security",
        "usability", "customer_data", "sales", "marketing", "service",
        "analytics", "vendor"
    };
    static const char *const china[] = {
        "compatibility.wecom", "compatibility.dingtalk",
        "compatibility.wechat_ecosystem", "compatibility.e_invoice",
        "security.mlps_level3", "security.data_residency_china"
    };
    struct crm_loaded_file lf;
    struct crm_reader r;
    struct crm_criteria_set *set = NULL;
    char path[512];
    size_t i, index = 0;

    assert_int_equal(crm__file_load(f->arena,
                                    src_path(path, sizeof(path), "criteria/core.yaml"),
                                    CRM_FILE_CRITERIA, f->diags, &lf),
                     CRM_OK);
    crm__rd_init(&r, f->arena, f->diags, lf.path);
    set = crm__criteria_read(&r, lf.root);
    assert_int_equal(r.errors, 0);
    assert_true(set->criterion_count >= 40);
    for (i = 0; i < sizeof(must) / sizeof(must[0]); i++) {
        assert_true(crm__strmap_get(&set->group_by_id, must[i], &index));
    }
    for (i = 0; i < sizeof(china) / sizeof(china[0]); i++) {
        assert_true(crm__set_find(set, china[i], &index));
    }
    for (i = 0; i < set->criterion_count; i++) {
        assert_non_null(set->criteria[i].name.en);
        assert_non_null(set->criteria[i].name.zh);
        assert_non_null(set->criteria[i].description.zh);
    }
}

/* A template without `sections:` gets every section, the last ones
 * included (the default once stopped one short of "method"). */
static void test_load__template_default_sections(void **state)
{
    struct fixture *f = *state;
    static const char text[] =
        "kind: template\nid: t\n"
        "fonts:\n"
        "  latin: {file: /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf}\n"
        "  latin_bold: {file: /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf}\n"
        "  cjk: {file: /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc}\n";
    struct crm_ynode *root = NULL;
    struct crm_reader r;
    struct crm_template *t = NULL;
    size_t n = 0;

    while (crm__report_sections[n] != NULL) {
        n++;
    }
    assert_int_equal(crm__yaml_parse(f->arena, "t.yaml", text, strlen(text), f->diags, &root),
                     CRM_OK);
    crm__rd_init(&r, f->arena, f->diags, "t.yaml");
    t = crm__template_read(&r, root);
    assert_int_equal(r.errors, 0);
    assert_non_null(t);
    assert_int_equal(t->section_count, n);
    assert_string_equal(t->sections[t->section_count - 1], "method");
}

/* budget.annual_licence_fee is derived: the list price per seat-year x
 * the organisation's seats, at least the vendor's minimum (5 seats here):
 * 150 x 12 x 5 = 9,000; 200 x 12 x 5 = 12,000; 150 x 12 x 10 (a minimum of
 * 10) = 18,000; no list price, no value. As a must-have cap of 10,000 (seed
 * 003's small-team rule) the first passes, the next two fail and the last
 * is not verified. */
static void test_load__annual_fee_derived_and_capped(void **state)
{
    struct fixture *f = *state;
    static const char *const ids[] = { "light", "heavy", "minimum", "quote" };
    static const double fees[] = { 9000, 12000, 18000, -1 };
    static const crm_must_have_status status[] = { CRM_MUST_HAVE_PASS, CRM_MUST_HAVE_FAIL,
                                                   CRM_MUST_HAVE_FAIL,
                                                   CRM_MUST_HAVE_UNVERIFIED };
    char path[512];
    crm_evaluation *ev = NULL;
    crm_result *res = NULL;
    size_t c = 0, v, i;

    src_path(path, sizeof(path), "tests/data/fee/evaluation.yaml");
    assert_int_equal(crm_evaluation_load(&ev, path, f->diags), CRM_OK);
    assert_true(crm__set_find(ev->set, "budget.annual_licence_fee", &c));
    assert_int_equal(ev->set->criteria[c].derived, CRM_DERIVED_ANNUAL_FEE);
    for (v = 0; v < ev->vendor_count; v++) {
        assert_string_equal(ev->vendors[v]->id, ids[v]);
        if (fees[v] < 0) {
            assert_false(ev->vendors[v]->values[c].present);
        } else {
            assert_true(ev->vendors[v]->values[c].present);
            assert_true(ev->vendors[v]->values[c].number == fees[v]);
        }
    }
    assert_int_equal(crm_result_compute(&res, ev, f->diags), CRM_OK);
    for (i = 0; i < crm_result_vendor_count(res); i++) {
        crm_vendor_summary s;

        assert_int_equal(crm_result_vendor(res, i, &s), CRM_OK);
        for (v = 0; v < 4; v++) {
            if (strcmp(s.id, ids[v]) == 0) {
                assert_int_equal(s.must_have, status[v]);
            }
        }
    }
    crm_result_free(res);
    crm_evaluation_free(ev);
}

/* A vendor's name and edition may be bilingual: each report shows the one
 * in its language, also after crm_evaluation_set_language; a plain name
 * stays. */
static void test_load__vendor_name_in_the_report_language(void **state)
{
    struct fixture *f = *state;
    char path[512];
    crm_evaluation *ev = NULL;
    const char *fx = NULL, *espo = NULL;
    size_t v;

    src_path(path, sizeof(path), "examples/retail-sme.yaml"); /* zh-CN */
    assert_int_equal(crm_evaluation_load(&ev, path, f->diags), CRM_OK);
    for (v = 0; v < ev->vendor_count; v++) {
        if (strcmp(ev->vendors[v]->id, "fxiaoke") == 0) {
            fx = ev->vendors[v]->name;
        } else if (strcmp(ev->vendors[v]->id, "espocrm") == 0) {
            espo = ev->vendors[v]->name;
        }
    }
    assert_string_equal(fx, "纷享销客");
    assert_string_equal(espo, "EspoCRM");
    for (v = 0; v < ev->vendor_count; v++) {
        if (strcmp(ev->vendors[v]->id, "fxiaoke") == 0) {
            assert_string_equal(ev->vendors[v]->edition, "旗舰版");
        }
    }
    assert_int_equal(crm_evaluation_set_language(ev, "en", f->diags), CRM_OK);
    for (v = 0; v < ev->vendor_count; v++) {
        if (strcmp(ev->vendors[v]->id, "fxiaoke") == 0) {
            assert_string_equal(ev->vendors[v]->name, "Fxiaoke CRM");
            assert_string_equal(ev->vendors[v]->edition, "Flagship (旗舰版)");
        } else if (strcmp(ev->vendors[v]->id, "espocrm") == 0) {
            assert_string_equal(ev->vendors[v]->name, "EspoCRM");
        }
    }
    crm_evaluation_free(ev);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_load__criteria_set_read, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load__template_default_sections, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load__annual_fee_derived_and_capped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load__vendor_name_in_the_report_language, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_load__criteria_errors_all_reported, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load__refused_criterion_leaves_nothing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_load__all_zero_weights_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load__vendor_values_checked_against_set, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load__vendor_missing_and_explicit_unknown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load__rules_checked_against_kinds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load__evaluation_hand_case, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load__evaluation_reports_every_problem, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load__observations_override_vendor_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load__size_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load__bundled_files_validate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_load__core_set_covers_the_families, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
