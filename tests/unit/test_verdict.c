/* Unit tests: a verdict only as sure as its evidence. Ties and what
 * separates them, must-haves not verified against failed ones and the
 * ranking policies, TOPSIS without rank reversal, missing values and
 * sample assessments drawn by the simulation (checked against cases
 * derived by hand), the preliminary verdict around its thresholds, the
 * questions to settle and their score sheet, two-sided reasons and the
 * NPV reconciliation. */
#include "helpers.h"

#include "analysis/sensitivity.h"
#include "analysis/simulate.h"
#include "analysis/unknowns.h"
#include "util/arena.h"
#include "score/score.h"

/* ---- building small evaluations ---- */

/* dir/criteria.yaml: criteria set t, one group g holding @p criteria
 * (flow-style lines, bilingual names added by the caller). */
static void criteria_file(const char *dir, const char *criteria)
{
    char text[8192];

    snprintf(text, sizeof(text),
             "kind: criteria\nid: t\nversion: 1\nname: {en: Test, zh-CN: T}\ngroups:\n"
             "  - id: g\n    name: {en: G, zh-CN: G}\n    description: {en: G, zh-CN: G}\n"
             "    weight: 1\n    criteria:\n%s",
             criteria);
    write_file(dir, "criteria.yaml", text);
}

/* A criteria set of @p count ratings 0..10 in one group, weights given
 * (NULL: all 1). */
static void ratings_set(const char *dir, size_t count, const double *weights)
{
    char text[8192];
    size_t len = 0, i;

    text[0] = '\0';
    for (i = 0; i < count; i++) {
        len += (size_t)snprintf(text + len, sizeof(text) - len,
                                "      - {id: r%zu, name: {en: R%zu, zh-CN: R%zu}, description: {en: R, "
                                "zh-CN: R}, kind: rating, scale: {min: 0, max: 10}, weight: %g}\n",
                                i + 1, i + 1, i + 1, weights ? weights[i] : 1.0);
    }
    criteria_file(dir, text);
}

/* A vendor file dir/<id>.yaml with the given `values:` lines. */
static void vendor(const char *dir, const char *id, const char *values)
{
    char name[64], text[4096];

    snprintf(name, sizeof(name), "%s.yaml", id);
    snprintf(text, sizeof(text),
             "kind: vendor\nid: %s\ncriteria_set: t\nname: Vendor %s\nvalues:\n%s", id, id,
             values);
    write_file(dir, name, text);
}

/* dir/evaluation.yaml over dir/criteria.yaml and the vendors listed,
 * with @p extra appended; loaded and scored into the fixture. Plain
 * values count as exact unless the extra says otherwise. */
static void evaluate(struct test_fixture *f, const char *vendors, const char *extra)
{
    char text[4096];
    const char *path = NULL;

    crm_result_free(f->res);
    crm_evaluation_free(f->ev);
    f->res = NULL;
    f->ev = NULL;
    snprintf(text, sizeof(text),
             "kind: evaluation\ntitle: Test\ndate: 2026-01-01\n"
             "organisation: {name: Test, seats: 10}\ncurrency: CNY\n"
             "criteria: criteria.yaml\nvendor_dir: .\nvendors: [%s]\n%s",
             vendors, extra);
    path = write_file(f->dir, "evaluation.yaml", text);
    if (crm_evaluation_load(&f->ev, path, f->diags) != CRM_OK ||
        crm_result_compute(&f->res, f->ev, f->diags) != CRM_OK) {
        print_diags(f->diags);
        fail_msg("cannot evaluate the test evaluation");
    }
}

static void simulate(struct test_fixture *f, size_t trials)
{
    crm_simulate_options so = CRM_SIMULATE_OPTIONS_INIT;

    so.trials = trials;
    so.method = 0; /* plain Monte Carlo: the hand-derived fractions hold */
    so.has_seed = true;
    so.seed = 7;
    if (crm_result_simulate(f->res, &so, f->diags) != CRM_OK) {
        print_diags(f->diags);
        fail_msg("simulation failed");
    }
}

static size_t index_of(const struct crm_result *res, const char *id)
{
    size_t v;

    for (v = 0; v < res->vendor_count; v++) {
        if (strcmp(res->vendors[v].vendor->id, id) == 0) {
            return v;
        }
    }
    fail_msg("no vendor %s", id);
    return CRM_NONE;
}

static cJSON *path_get(cJSON *o, const char *a, const char *b)
{
    cJSON *x = cJSON_GetObjectItemCaseSensitive(o, a);

    return b ? cJSON_GetObjectItemCaseSensitive(x, b) : x;
}

/* Vendor @p v's score from scratch when criterion @p c's effective weight
 * is @p t and the others are rescaled. */
static double brute_score(const struct crm_result *res, size_t c, double t, size_t v)
{
    double w0 = res->weights.effective[c], s = 0;
    size_t k;

    for (k = 0; k < res->ev->set->criterion_count; k++) {
        double w = k == c ? t : res->weights.effective[k] * (1 - t) / (1 - w0);

        s += 100 * w * res->vendors[v].criteria[k].normalised;
    }
    return s;
}

/* ---- ties ---- */

/* Two vendors at 50.00: a tie, no winner named, and each side's
 * separating change, checked by re-scoring just past it. */
static void test_verdict__dead_heat(void **state)
{
    struct test_fixture *f = *state;
    const struct crm_analysis *an = NULL;
    cJSON *root = NULL, *tie = NULL, *sep = NULL;
    size_t a, b, k;
    FILE *out = NULL;
    char text[2048] = "";

    ratings_set(f->dir, 2, NULL);
    vendor(f->dir, "a", "  g.r1: 10\n  g.r2: 0\n");
    vendor(f->dir, "b", "  g.r1: 0\n  g.r2: 10\n");
    evaluate(f, "a, b", "");
    an = f->res->analysis;
    a = index_of(f->res, "a");
    b = index_of(f->res, "b");
    assert_int_equal(an->tie_count, 2);
    assert_int_equal(an->robustness, CRM_VERDICT_TIE);
    assert_int_equal(an->verdict, CRM_VERDICT_TIE);
    assert_false(an->has_smallest);
    assert_int_equal(f->res->vendors[a].rank, f->res->vendors[b].rank);
    /* a leads once r1's weight rises, b once r2's does: 2 points of lead
     * per percentage point ((100 - 0) / (1 - 0.5) / 100), one point at
     * 50.5% */
    for (k = 0; k < 2; k++) {
        const struct crm_tie_break *tb = &an->tie_breaks[k];
        size_t c = tb->vendor == a ? 0 : 1, other = tb->vendor == a ? b : a;

        assert_true(tb->found);
        assert_false(tb->group);
        assert_int_equal(tb->index, c);
        assert_true(tb->rise);
        assert_near(tb->per_point, 2.0, 1e-9);
        assert_near(tb->to, 0.505, 1e-9);
        assert_true(brute_score(f->res, c, 0.5 + 1e-4, tb->vendor) >
                    brute_score(f->res, c, 0.5 + 1e-4, other));
        assert_near(brute_score(f->res, c, tb->to, tb->vendor) -
                        brute_score(f->res, c, tb->to, other),
                    1.0, 1e-9);
    }
    /* stability: a (first by id, not a winner) ties now, so the interval
     * closes at today's weight on the side where b leads */
    assert_near(an->criteria[0].lo, 0.5, 1e-12);
    assert_int_equal(an->criteria[0].lo_vendor, b);
    assert_true(an->criteria[0].has_change);
    assert_near(an->criteria[0].change_at, 0.5, 1e-12);

    root = report_json(f->res, f->diags);
    assert_string_equal(path_get(root, "sensitivity", "verdict")->valuestring, "tie");
    assert_true(cJSON_IsNull(path_get(root, "sensitivity", "recommended")));
    assert_true(cJSON_IsNull(path_get(root, "sensitivity", "smallest_change")));
    tie = path_get(root, "sensitivity", "tie");
    assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(tie, "vendors")), 2);
    sep = cJSON_GetArrayItem(cJSON_GetObjectItem(tie, "separations"), 0);
    assert_string_equal(cJSON_GetObjectItem(sep, "direction")->valuestring, "rise");
    cJSON_Delete(root);

    out = fmemopen(text, sizeof(text) - 1, "w");
    crm_report_ranking_text(f->res, f->ev, out);
    fclose(out);
    assert_non_null(strstr(text, "verdict: TIE at 50.00 between a, b"));
}

/* A copy of a vendor ties with it, and no weight separates them; the
 * other vendors' stability is not bounded by the copy. */
static void test_verdict__tie_no_weight_breaks(void **state)
{
    struct test_fixture *f = *state;
    const struct crm_analysis *an = NULL;
    size_t k;

    ratings_set(f->dir, 2, NULL);
    vendor(f->dir, "a", "  g.r1: 8\n  g.r2: 6\n");
    vendor(f->dir, "a2", "  g.r1: 8\n  g.r2: 6\n");
    vendor(f->dir, "b", "  g.r1: 2\n  g.r2: 3\n");
    evaluate(f, "a, a2, b", "");
    an = f->res->analysis;
    assert_int_equal(an->tie_count, 2);
    for (k = 0; k < 2; k++) {
        assert_false(an->tie_breaks[k].found);
        /* the copy never overtakes; b would only below or above */
        assert_true(an->criteria[k].lo_vendor != index_of(f->res, "a2"));
        assert_true(an->criteria[k].hi_vendor != index_of(f->res, "a2"));
    }
}

/* Three tied vendors, the third in the middle on both criteria: no single
 * weight puts it alone first, though its values differ (not identical);
 * under `missing_values: ignore` no separation is claimed at all. */
static void test_verdict__three_way_tie(void **state)
{
    struct test_fixture *f = *state;
    const struct crm_analysis *an = NULL;
    size_t c;

    ratings_set(f->dir, 3, NULL);
    vendor(f->dir, "a", "  g.r1: 10\n  g.r2: 0\n  g.r3: 5\n");
    vendor(f->dir, "b", "  g.r1: 0\n  g.r2: 10\n  g.r3: 5\n");
    vendor(f->dir, "c", "  g.r1: 5\n  g.r2: 5\n  g.r3: 5\n");
    evaluate(f, "a, b, c", "");
    an = f->res->analysis;
    assert_int_equal(an->tie_count, 3);
    c = index_of(f->res, "c");
    for (size_t k = 0; k < 3; k++) {
        const struct crm_tie_break *tb = &an->tie_breaks[k];

        assert_int_equal(tb->found, tb->vendor != c);
        assert_false(tb->identical);
    }
    evaluate(f, "a, b, c", "missing_values: ignore\n");
    assert_int_equal(f->res->analysis->tie_count, 3);
    assert_null(f->res->analysis->tie_breaks);
}

/* A tie whose separation another vendor cuts short: alpha leads beta as
 * r1's weight rises, but gamma, just behind, overtakes alpha before the
 * one-point lead; checked against scores computed from scratch. */
static void test_verdict__tie_break_outsider(void **state)
{
    struct test_fixture *f = *state;
    const struct crm_tie_break *tb = NULL;
    size_t a, g, k;

    ratings_set(f->dir, 3, NULL);
    vendor(f->dir, "alpha", "  g.r1: 8\n  g.r2: 2\n  g.r3: 5\n");
    vendor(f->dir, "beta", "  g.r1: 0\n  g.r2: 10\n  g.r3: 5\n");
    vendor(f->dir, "gamma", "  g.r1: 10\n  g.r2: 0\n  g.r3: 4.97\n");
    evaluate(f, "alpha, beta, gamma", "");
    a = index_of(f->res, "alpha");
    g = index_of(f->res, "gamma");
    for (k = 0; k < f->res->analysis->tie_count; k++) {
        if (f->res->analysis->tie_breaks[k].vendor == a) {
            tb = &f->res->analysis->tie_breaks[k];
        }
    }
    assert_non_null(tb);
    assert_true(tb->found && tb->rise && !tb->group && tb->index == 0);
    assert_false(isnan(tb->lead_until));
    assert_true(isnan(tb->to)); /* gamma overtakes before a one-point lead */
    assert_true(brute_score(f->res, 0, tb->lead_until - 1e-6, a) >
                brute_score(f->res, 0, tb->lead_until - 1e-6, g));
    assert_true(brute_score(f->res, 0, tb->lead_until + 1e-6, g) >
                brute_score(f->res, 0, tb->lead_until + 1e-6, a));
}

/* A tie that only a relative (min-max) criterion holds: leaving out the
 * vendor that sets the range breaks it, and that counts as a change. */
static void test_verdict__leave_one_out_breaks_tie(void **state)
{
    struct test_fixture *f = *state;
    const struct crm_analysis *an = NULL;

    criteria_file(f->dir,
               "      - {id: n, name: {en: N, zh-CN: N}, description: {en: N, zh-CN: N}, kind: number, unit: x, direction: higher}\n"
               "      - {id: r, name: {en: R, zh-CN: R}, description: {en: R, zh-CN: R}, kind: rating, scale: {min: 0, max: 10}}\n");
    /* n over [0, 20]: a 0.5, b 0, c 1; scores a 25, b 25, c 100 */
    vendor(f->dir, "a", "  g.n: 10\n  g.r: 0\n");
    vendor(f->dir, "b", "  g.n: 0\n  g.r: 5\n");
    vendor(f->dir, "c", "  g.n: 20\n  g.r: 10\n");
    evaluate(f, "a, b, c", "");
    an = f->res->analysis;
    assert_true(an->loo_done);
    /* without c, n spans [0, 10]: a 50, b 25 */
    assert_true(an->loo_reversal[index_of(f->res, "c")]);
    assert_false(an->loo_reversal[index_of(f->res, "a")]);
}

/* ---- TOPSIS without rank reversal ---- */

static void topsis_of(struct test_fixture *f, const char *vendors, const char *extra,
                      double out[3])
{
    const char *ids[] = { "x", "y", "z" };
    size_t k;

    evaluate(f, vendors, extra);
    for (k = 0; k < 3; k++) {
        out[k] = f->res->analysis->topsis[index_of(f->res, ids[k])];
    }
}

/* Adding a knocked-out dominated vendor or a copy of a vendor changes no
 * other vendor's closeness (so neither method's order), and the verdict
 * stays; the textbook (data) ideal moves with the vendors present. */
static void test_verdict__topsis_no_rank_reversal(void **state)
{
    struct test_fixture *f = *state;
    static const char *const rule = "must_have:\n  - {criterion: g.r3, min: 2}\n";
    double base[3], with_ko[3], with_copy[3], data_base[3], data_copy[3];
    size_t k;

    ratings_set(f->dir, 3, NULL);
    vendor(f->dir, "x", "  g.r1: 9\n  g.r2: 3\n  g.r3: 6\n");
    vendor(f->dir, "y", "  g.r1: 4\n  g.r2: 8\n  g.r3: 5\n");
    vendor(f->dir, "z", "  g.r1: 6\n  g.r2: 6\n  g.r3: 2\n");
    vendor(f->dir, "d", "  g.r1: 1\n  g.r2: 1\n  g.r3: 1\n");     /* fails r3 >= 2 */
    vendor(f->dir, "y2", "  g.r1: 4\n  g.r2: 8\n  g.r3: 5\n");    /* a copy of y */
    topsis_of(f, "x, y, z", rule, base);
    assert_int_equal(f->res->analysis->robustness == CRM_VERDICT_TIE, 0);
    topsis_of(f, "x, y, z, d", rule, with_ko);
    assert_true(f->res->vendors[index_of(f->res, "d")].knocked_out);
    assert_true(isnan(f->res->analysis->topsis[index_of(f->res, "d")]));
    topsis_of(f, "x, y, z, y2", rule, with_copy);
    for (k = 0; k < 3; k++) {
        assert_near(with_ko[k], base[k], 1e-15);
        assert_near(with_copy[k], base[k], 1e-15);
    }
    /* the copy ties with y in both methods: tau-b still 1 when the
     * methods agreed before */
    assert_near(f->res->analysis->kendall_tau, 1.0, 1e-12);
    topsis_of(f, "x, y, z", "verdict: {topsis_ideal: data}\n", data_base);
    topsis_of(f, "x, y, z, y2", "verdict: {topsis_ideal: data}\n", data_copy);
    assert_true(fabs(data_copy[0] - data_base[0]) > 1e-6);
}

/* Under `missing_values: ignore`, TOPSIS leaves a missing value out
 * instead of counting it as 0, like the weighted sum. */
static void test_verdict__topsis_ignore_policy(void **state)
{
    struct test_fixture *f = *state;
    double x = 0;

    ratings_set(f->dir, 2, NULL);
    vendor(f->dir, "a", "  g.r1: 6\n");
    vendor(f->dir, "b", "  g.r1: 6\n  g.r2: 6\n");
    evaluate(f, "a, b", "missing_values: ignore\n");
    /* both score 60 and have the same closeness: a's missing r2 is not 0 */
    x = f->res->analysis->topsis[index_of(f->res, "a")];
    assert_near(x, f->res->analysis->topsis[index_of(f->res, "b")], 1e-12);
    assert_near(x, 0.6, 1e-12);
}

/* ---- must-haves: pass, fail, not verified ---- */

static void test_verdict__unverified_policies(void **state)
{
    struct test_fixture *f = *state;
    static const char *const rules = "must_have:\n  - {criterion: g.r2, min: 5}\n";
    char extra[256];
    size_t u, p, x;

    ratings_set(f->dir, 2, NULL);
    vendor(f->dir, "u", "  g.r1: 10\n");                /* r2 unknown: not verified */
    vendor(f->dir, "p", "  g.r1: 2\n  g.r2: 6\n");      /* passes */
    vendor(f->dir, "x", "  g.r1: 10\n  g.r2: 4\n");     /* fails */

    /* default: u ranks with the passing vendors, first on score */
    evaluate(f, "u, p, x", rules);
    u = index_of(f->res, "u");
    p = index_of(f->res, "p");
    x = index_of(f->res, "x");
    assert_int_equal(f->res->vendors[u].must_have, CRM_MUST_HAVE_UNVERIFIED);
    assert_int_equal(f->res->vendors[u].rules[0].state, CRM_MUST_HAVE_UNVERIFIED);
    assert_int_equal(f->res->vendors[x].must_have, CRM_MUST_HAVE_FAIL);
    assert_false(f->res->vendors[u].knocked_out);
    assert_true(f->res->vendors[x].knocked_out);
    assert_int_equal(f->res->order[0], u);
    assert_int_equal(f->res->order[1], p);
    /* never recommended without naming what to verify: preliminary */
    assert_int_equal(f->res->analysis->winner, u);
    assert_true(f->res->analysis->preliminary & CRM_PRELIM_UNVERIFIED);

    snprintf(extra, sizeof(extra), "%sunverified_must_haves: after_passing\n", rules);
    evaluate(f, "u, p, x", extra);
    assert_int_equal(f->res->order[0], index_of(f->res, "p"));
    assert_int_equal(f->res->order[1], index_of(f->res, "u"));
    assert_int_equal(f->res->order[2], index_of(f->res, "x"));
    assert_false(f->res->analysis->preliminary & CRM_PRELIM_UNVERIFIED);
    /* u ranks after p by tier, not by score: it is no runner-up to p, and
     * there is no lead to explain (it would be negative) */
    assert_int_equal(f->res->analysis->runner_up, CRM_NONE);
    assert_false(f->res->analysis->lead.present);

    snprintf(extra, sizeof(extra), "%sunverified_must_haves: knock_out\n", rules);
    evaluate(f, "u, p, x", extra);
    assert_int_equal(f->res->order[0], index_of(f->res, "p"));
    assert_true(f->res->vendors[index_of(f->res, "u")].knocked_out);
    assert_int_equal(f->res->vendors[index_of(f->res, "u")].must_have,
                     CRM_MUST_HAVE_UNVERIFIED);
}

/* The text, JSON: "not verified" is never worded as a failure. */
static void test_verdict__unverified_in_reports(void **state)
{
    struct test_fixture *f = *state;
    char text[4096] = "";
    FILE *out = NULL;
    cJSON *root = NULL, *vendors = NULL;
    int i;

    ratings_set(f->dir, 2, NULL);
    vendor(f->dir, "u", "  g.r1: 10\n");
    vendor(f->dir, "x", "  g.r1: 10\n  g.r2: 4\n");
    evaluate(f, "u, x", "must_have:\n  - {criterion: g.r2, min: 5}\n");
    out = fmemopen(text, sizeof(text) - 1, "w");
    crm_report_ranking_text(f->res, f->ev, out);
    fclose(out);
    assert_non_null(strstr(text, "Vendor u"));
    assert_non_null(strstr(text, "NOT VERIFIED (1 rule)"));
    assert_non_null(strstr(text, "KNOCKED OUT (1 rule)"));
    root = report_json(f->res, f->diags);
    vendors = cJSON_GetObjectItem(root, "vendors");
    for (i = 0; i < cJSON_GetArraySize(vendors); i++) {
        cJSON *v = cJSON_GetArrayItem(vendors, i);
        const char *id = cJSON_GetObjectItem(v, "id")->valuestring;
        cJSON *rule = cJSON_GetArrayItem(cJSON_GetObjectItem(v, "must_have"), 0);

        assert_string_equal(cJSON_GetObjectItem(v, "must_have_status")->valuestring,
                            id[0] == 'u' ? "unverified" : "fail");
        assert_string_equal(cJSON_GetObjectItem(rule, "result")->valuestring,
                            id[0] == 'u' ? "unverified" : "fail");
        assert_int_equal(cJSON_IsTrue(cJSON_GetObjectItem(v, "knocked_out")), id[0] == 'x');
    }
    cJSON_Delete(root);
}

/* A budget rule reads the PV of costs the finance section reports; with
 * the licence price unknown that figure is a lower bound: a fail when it
 * already breaks the budget, else not verified. */
static void test_verdict__budget_rule_lower_bound(void **state)
{
    struct test_fixture *f = *state;
    static const char *const set =
        "      - {id: r, name: {en: R, zh-CN: R}, description: {en: R, zh-CN: R}, kind: rating, scale: {min: 0, max: 10}}\n"
        "      - {id: pv, name: {en: PV, zh-CN: PV}, description: {en: PV, zh-CN: PV}, kind: number, unit: CNY, direction: lower, derived: pv_costs,"
        " value_function: [[0, 1], [100000, 0]]}\n";
    char extra[512];
    size_t u;

    criteria_file(f->dir, set);
    vendor(f->dir, "u", "  g.r: 5\n");
    snprintf(extra, sizeof(extra),
             "budget: %s\nfinance:\n  budget_knockout: true\n  costs:\n"
             "    - {id: impl, category: implementation, amount: 50000, year: 0}\n",
             "60000");
    evaluate(f, "u", extra);
    u = index_of(f->res, "u");
    assert_false(f->res->ev->vendors[u]->price_known);
    assert_int_equal(f->res->vendors[u].rules[0].state, CRM_MUST_HAVE_UNVERIFIED);
    assert_true(f->res->vendors[u].rules[0].lower_bound);
    assert_near(f->res->vendors[u].rules[0].value, f->res->finance[u].base.summary.tco_pv, 0.005);
    snprintf(extra, sizeof(extra),
             "budget: %s\nfinance:\n  budget_knockout: true\n  costs:\n"
             "    - {id: impl, category: implementation, amount: 50000, year: 0}\n",
             "40000");
    evaluate(f, "u", extra);
    assert_int_equal(f->res->vendors[0].rules[0].state, CRM_MUST_HAVE_FAIL);
    assert_true(f->res->vendors[0].knocked_out);
}

/* ---- missing data as uncertainty ---- */

/* Two vendors, one rating on 1..5: A rated 4, B missing and drawn
 * uniformly over its scale. B ranks first exactly when its rating is
 * above 4: P = 1/4; A: 3/4; ties have probability 0. */
static void test_verdict__p_first_simple_fraction(void **state)
{
    struct test_fixture *f = *state;
    const struct crm_simulation *sim = NULL;

    criteria_file(f->dir, "      - {id: r, name: {en: R, zh-CN: R}, description: {en: R, zh-CN: R}, "
                          "kind: rating, scale: {min: 1, max: 5}}\n");
    vendor(f->dir, "a", "  g.r: 4\n");
    vendor(f->dir, "b", "  {}\n");
    evaluate(f, "a, b", "uncertainty: {spreads: {unsourced: 0}}\n");
    assert_true(crm_result_wants_simulation(f->res));
    simulate(f, 200000);
    sim = f->res->simulation;
    assert_int_equal(sim->unknowns.missing, 1);
    /* standard error sqrt(0.25 x 0.75 / 200000) = 0.00097 */
    assert_near(sim->vendors[index_of(f->res, "b")].p_first, 0.25, 0.005);
    assert_near(sim->vendors[index_of(f->res, "a")].p_first, 0.75, 0.005);
    assert_near(sim->vendors[0].p_first_tied, 0, 1e-12);
    /* without drawing missing values nothing is uncertain */
    evaluate(f, "a, b", "uncertainty: {missing: none, spreads: {unsourced: 0}}\n");
    assert_false(crm_result_wants_simulation(f->res));
}

/* X has data on 3 of 10 equal criteria (30%), all at the top of the
 * scale; Y has every value at 5 of 10, taken as exact. X scores 30 + 10 S
 * where S, the sum of its 7 missing positions, is Irwin-Hall(7); Y scores
 * 50. X ranks first when S > 2: P = 1 - (2^7 - 7) / 7! = 1 - 121/5040. */
static void test_verdict__p_first_thirty_percent(void **state)
{
    struct test_fixture *f = *state;
    const struct crm_simulation *sim = NULL;
    double want = 1 - 121.0 / 5040.0, px = 0;
    size_t x;

    ratings_set(f->dir, 10, NULL);
    vendor(f->dir, "x", "  g.r1: 10\n  g.r2: 10\n  g.r3: 10\n");
    vendor(f->dir, "y", "  g.r1: 5\n  g.r2: 5\n  g.r3: 5\n  g.r4: 5\n  g.r5: 5\n"
                        "  g.r6: 5\n  g.r7: 5\n  g.r8: 5\n  g.r9: 5\n  g.r10: 5\n");
    evaluate(f, "x, y", "uncertainty: {spreads: {unsourced: 0}}\n");
    x = index_of(f->res, "x");
    assert_near(f->res->vendors[x].completeness, 0.3, 1e-12);
    assert_int_equal(f->res->analysis->winner, index_of(f->res, "y"));
    simulate(f, 100000);
    sim = f->res->simulation;
    px = sim->vendors[x].p_first;
    assert_true(px > 0 && px < 1);
    /* standard error 0.0005 */
    assert_near(px, want, 0.003);
    assert_near(sim->vendors[index_of(f->res, "y")].p_first, 1 - want, 0.003);
}

/* A sample rating varies +/- spread x the scale's width: 0.25 on 0..10
 * is +/-2.5. A at 6 (sample) against B at 7.5 (exact): A first when its
 * draw exceeds 7.5 out of U(3.5, 8.5): P = 1/5. */
static void test_verdict__sample_spread(void **state)
{
    struct test_fixture *f = *state;

    ratings_set(f->dir, 1, NULL);
    vendor(f->dir, "a", "  g.r1: {value: 6, assessment: sample}\n");
    vendor(f->dir, "b", "  g.r1: 7.5\n");
    evaluate(f, "a, b", "uncertainty: {spreads: {unsourced: 0}}\n");
    simulate(f, 200000);
    assert_int_equal(f->res->simulation->unknowns.spread[CRM_SPREAD_SAMPLE], 1);
    assert_near(f->res->simulation->vendors[index_of(f->res, "a")].p_first, 0.2, 0.005);
    /* a prior for missing values: B's position drawn from U(0.8, 1) on
     * 0..10 always beats A's exact 7 */
    vendor(f->dir, "a", "  g.r1: 7\n");
    vendor(f->dir, "b", "  {}\n");
    evaluate(f, "a, b",
             "uncertainty: {spreads: {unsourced: 0}, priors: {g.r1: {uniform: [0.8, 1]}}}\n");
    simulate(f, 20000);
    assert_near(f->res->simulation->vendors[index_of(f->res, "b")].p_first, 1.0, 1e-12);
}

/* ---- the preliminary verdict around its thresholds ---- */

static void test_verdict__preliminary_thresholds(void **state)
{
    struct test_fixture *f = *state;
    static const struct {
        const char *verdict;
        unsigned bits;
    } cases[] = {
        /* defaults: Y leads with all its data, X (runner-up) has 30%;
         * Y ranks first in about 2.4% of the trials */
        { "", CRM_PRELIM_EVIDENCE | CRM_PRELIM_SIMULATION },
        { "verdict: {min_evidence: 0.3, min_p_first: 0.02}\n", 0 },
        { "verdict: {min_evidence: 0.31, min_p_first: 0.02}\n", CRM_PRELIM_EVIDENCE },
        { "verdict: {min_evidence: 0.3, min_p_first: 0.03}\n", CRM_PRELIM_SIMULATION },
    };
    char extra[256];
    size_t k;

    ratings_set(f->dir, 10, NULL);
    vendor(f->dir, "x", "  g.r1: 10\n  g.r2: 10\n  g.r3: 10\n");
    vendor(f->dir, "y", "  g.r1: 5\n  g.r2: 5\n  g.r3: 5\n  g.r4: 5\n  g.r5: 5\n"
                        "  g.r6: 5\n  g.r7: 5\n  g.r8: 5\n  g.r9: 5\n  g.r10: 5\n");
    for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        snprintf(extra, sizeof(extra), "uncertainty: {spreads: {unsourced: 0}}\n%s",
                 cases[k].verdict);
        evaluate(f, "x, y", extra);
        simulate(f, 100000);
        assert_int_equal(f->res->analysis->preliminary, cases[k].bits);
        assert_int_equal(f->res->analysis->verdict, cases[k].bits ? CRM_VERDICT_PRELIMINARY
                                                                  : f->res->analysis->robustness);
    }
}

/* A must-have resting on a vendor's claim is a question too: the claim
 * may be wrong, and the simulation lets it be. Sample assessments do not
 * count as evidence for the preliminary rule. */
static void test_verdict__claims_and_evidence_share(void **state)
{
    struct test_fixture *f = *state;
    const struct crm_analysis *an = NULL;
    size_t a, k, found = 0;

    criteria_file(f->dir,
                  "      - {id: r1, name: {en: R1, zh-CN: R1}, description: {en: R, zh-CN: R}, "
                  "kind: rating, scale: {min: 0, max: 10}, weight: 3}\n"
                  "      - {id: log, name: {en: Log, zh-CN: L}, description: {en: L, zh-CN: L}, "
                  "kind: boolean, weight: 1}\n");
    vendor(f->dir, "a", "  g.r1: {value: 9, assessment: sample}\n"
                        "  g.log: {value: true, evidence: [{kind: vendor_claim, source: web}]}\n");
    vendor(f->dir, "b", "  g.r1: 2\n  g.log: true\n");
    evaluate(f, "a, b", "must_have:\n  - {criterion: g.log, equals: true}\n");
    an = f->res->analysis;
    a = index_of(f->res, "a");
    /* 3/4 of a's weight is a sample: only the claim (1/4) is evidence */
    assert_near(f->res->vendors[a].completeness, 1.0, 1e-12);
    assert_near(f->res->vendors[a].evidence, 0.25, 1e-12);
    assert_true(an->preliminary & CRM_PRELIM_EVIDENCE);
    for (k = 0; k < an->question_count; k++) {
        const struct crm_question *q = &an->questions[k];

        if (q->vendor == a && strcmp(f->ev->set->criteria[q->criterion].path, "g.log") == 0) {
            assert_int_equal(q->kind, CRM_QUESTION_EVIDENCE);
            assert_int_equal(q->basis, CRM_EVIDENCE_VENDOR_CLAIM);
            assert_true(q->must_have);
            assert_true(q->decisive); /* the leader could fail it */
            found++;
        }
    }
    assert_int_equal(found, 1);
}

/* The costs derived from a vendor's unknown price move together in the
 * simulation: one stream for all of them. */
static void test_verdict__derived_costs_move_together(void **state)
{
    struct test_fixture *f = *state;
    struct crm_arena *arena = crm__arena_new();
    struct crm_unknown *cells = NULL;
    size_t n = 0, k, derived = 0;
    uint64_t key = 0;

    criteria_file(f->dir,
                  "      - {id: r, name: {en: R, zh-CN: R}, description: {en: R, zh-CN: R}, "
                  "kind: rating, scale: {min: 0, max: 10}}\n"
                  "      - {id: pv, name: {en: PV, zh-CN: PV}, description: {en: P, zh-CN: P}, "
                  "kind: number, unit: CNY, direction: lower, derived: pv_costs, "
                  "value_function: [[0, 1], [100000, 0]]}\n"
                  "      - {id: tco, name: {en: T, zh-CN: T}, description: {en: T, zh-CN: T}, "
                  "kind: number, unit: CNY, direction: lower, derived: tco_per_seat_year, "
                  "value_function: [[0, 1], [10000, 0]]}\n");
    vendor(f->dir, "u", "  g.r: 5\n");
    evaluate(f, "u", "finance:\n  costs:\n"
                     "    - {id: impl, category: implementation, amount: 5000, year: 0}\n");
    n = crm__unknowns_collect(arena, f->res, &cells);
    crm__unknowns_seed(cells, n, 42);
    for (k = 0; k < n; k++) {
        if (cells[k].derived) {
            key = derived++ == 0 ? cells[k].key : key;
            assert_true(cells[k].key == key);
        }
    }
    assert_int_equal(derived, 2);
    crm__arena_free(arena);
}

/* ---- what to find out next ---- */

/* L 83.33 with r3 missing and r1 a sample; M 66.67 with r2 missing; N 0
 * with r1 missing. M's r2 (33.33 points) alone could overtake L: first;
 * then by points at stake: N's r1 (50), L's r3 (16.67), L's r1 (12.5:
 * +/-2.5 on 0..10 at weight 1/2, the upper half cut by the scale). */
static void test_verdict__questions_and_sheet(void **state)
{
    struct test_fixture *f = *state;
    static const double w[] = { 3, 2, 1 };
    static const char *const want[][2] = {
        { "m", "g.r2" }, { "n", "g.r1" }, { "l", "g.r3" }, { "l", "g.r1" },
    };
    const struct crm_analysis *an = NULL;
    char line[512], *path = NULL;
    FILE *fp = NULL;
    size_t k;

    ratings_set(f->dir, 3, w);
    vendor(f->dir, "l", "  g.r1: {value: 10, assessment: sample}\n  g.r2: 10\n");
    vendor(f->dir, "m", "  g.r1: 10\n  g.r3: 10\n");
    vendor(f->dir, "n", "  g.r2: 0\n  g.r3: 0\n");
    evaluate(f, "l, m, n", "uncertainty: {spreads: {unsourced: 0}}\n");
    an = f->res->analysis;
    assert_int_equal(an->question_count, 4);
    for (k = 0; k < 4; k++) {
        const struct crm_question *q = &an->questions[k];

        assert_string_equal(f->res->vendors[q->vendor].vendor->id, want[k][0]);
        assert_string_equal(f->ev->set->criteria[q->criterion].path, want[k][1]);
    }
    assert_true(an->questions[0].decisive);
    assert_false(an->questions[1].decisive);
    assert_near(an->questions[0].at_stake, 100.0 / 3, 1e-9);
    assert_near(an->questions[1].at_stake, 50, 1e-9);
    assert_near(an->questions[2].at_stake, 100.0 / 6, 1e-9);
    assert_near(an->questions[3].at_stake, 12.5, 1e-9);
    assert_int_equal(an->questions[3].kind, CRM_QUESTION_SAMPLE);

    /* the sheet lists exactly those cells, in that order */
    path = strdup(write_file(f->dir, "missing.csv", ""));
    assert_int_equal(crm_report_questions_sheet(f->res, NULL, NULL, NULL, path, f->diags),
                     CRM_OK);
    fp = fopen(path, "r");
    assert_non_null(fp);
    assert_non_null(fgets(line, sizeof(line), fp));
    assert_non_null(strstr(line, "vendor,criterion,value"));
    for (k = 0; k < 4; k++) {
        char expect[64];

        assert_non_null(fgets(line, sizeof(line), fp));
        snprintf(expect, sizeof(expect), "%s,%s,", want[k][0], want[k][1]);
        assert_int_equal(strncmp(line, expect, strlen(expect)), 0);
    }
    assert_null(fgets(line, sizeof(line), fp));
    fclose(fp);
    free(path);
}

/* Both sides of the lead add up to it. */
static void test_verdict__two_sided_reasons(void **state)
{
    struct test_fixture *f = *state;
    const struct crm_lead *l = NULL;

    ratings_set(f->dir, 3, NULL);
    vendor(f->dir, "a", "  g.r1: 10\n  g.r2: 2\n  g.r3: 5\n");
    vendor(f->dir, "b", "  g.r1: 4\n  g.r2: 6\n  g.r3: 5\n");
    evaluate(f, "a, b", "");
    l = &f->res->analysis->lead;
    assert_true(l->present);
    assert_int_equal(l->count_a, 1);
    assert_int_equal(l->count_b, 1);
    assert_near(l->for_a[0].points, 20, 1e-9);
    assert_near(l->for_b[0].points, 100.0 * 0.4 / 3, 1e-9);
    assert_near(l->gain_a - l->gain_b,
                f->res->vendors[l->a].score - f->res->vendors[l->b].score, 1e-9);
}

/* With every vendor's benefits the same, NPV reflects costs only; a
 * cheaper vendor with a better NPV than the leader is reconciled, and
 * the value-for-money cost is the PV of costs. */
static void test_verdict__value_not_only_cost(void **state)
{
    struct test_fixture *f = *state;
    static const char *const fin =
        "horizon_years: 3\ndiscount_rate: 0.1\n"
        "exchange_rates: {as_of: 2026-01-01, source: test, rates: {USD: 7}}\n"
        "finance:\n  costs:\n    - {id: impl, category: implementation, amount: 1000, year: 0}\n"
        "  benefits:\n    - {id: save, kind: cost_saving, amount: 5000}\n";
    const struct crm_analysis *an = NULL;
    char extra[1024];
    size_t a, b;

    ratings_set(f->dir, 1, NULL);
    write_file(f->dir, "a.yaml",
               "kind: vendor\nid: a\ncriteria_set: t\nname: A\nvalues: {g.r1: 9}\n"
               "pricing: {model: subscription, currency: USD, list_price_per_user_month: 30,\n"
               "  as_of: 2026-01-01, source: test}\n");
    write_file(f->dir, "b.yaml",
               "kind: vendor\nid: b\ncriteria_set: t\nname: B\nvalues: {g.r1: 5}\n"
               "pricing: {model: subscription, currency: USD, list_price_per_user_month: 10,\n"
               "  as_of: 2026-01-01, source: test}\n");
    evaluate(f, "a, b", fin);
    an = f->res->analysis;
    a = index_of(f->res, "a");
    b = index_of(f->res, "b");
    assert_true(an->benefits_identical);
    assert_int_equal(an->value_basis, CRM_VALUE_PV_COSTS);
    assert_near(an->value_cost[a], f->res->finance[a].base.summary.tco_pv, 0.005);
    assert_true(an->npv_gap.present);
    assert_int_equal(an->npv_gap.better, b);
    assert_near(an->npv_gap.npv, an->npv_gap.costs + an->npv_gap.benefits, 1e-6);
    assert_near(an->npv_gap.benefits, 0, 1e-9);
    /* vendor-specific benefits: no longer identical */
    snprintf(extra, sizeof(extra), "%s%s", fin,
             "  benefit_factors:\n    a: {factor: 1.2, rationale: easier to adopt}\n");
    evaluate(f, "a, b", extra);
    assert_false(f->res->analysis->benefits_identical);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_verdict__dead_heat, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_verdict__tie_no_weight_breaks, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_verdict__three_way_tie, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_verdict__tie_break_outsider, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_verdict__leave_one_out_breaks_tie, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_verdict__claims_and_evidence_share, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_verdict__derived_costs_move_together,
                                        fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_verdict__topsis_no_rank_reversal, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_verdict__topsis_ignore_policy, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_verdict__unverified_policies, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_verdict__unverified_in_reports, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_verdict__budget_rule_lower_bound, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_verdict__p_first_simple_fraction, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_verdict__p_first_thirty_percent, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_verdict__sample_spread, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_verdict__preliminary_thresholds, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_verdict__questions_and_sheet, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_verdict__two_sided_reasons, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(test_verdict__value_not_only_cost, fixture_setup,
                                        fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
