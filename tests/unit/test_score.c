/* Unit tests: weighted scores, missing values, knock-outs, ranking, and
 * the invariance of the ranking when vendors are added or removed. */
#include "helpers.h"

#include "score/score.h"

/* Load an evaluation and score it; fails the test on any error. */
static void run(struct test_fixture *f, const char *path, crm_evaluation **ev,
                crm_result **res)
{
    if (crm_evaluation_load(ev, path, f->diags) != CRM_OK ||
        crm_result_compute(res, *ev, f->diags) != CRM_OK) {
        print_diags(f->diags);
        fail_msg("cannot evaluate %s", path);
    }
}

/* An evaluation over the hand-computed case with other settings. */
static const char *hand_variant(struct test_fixture *f, const char *name,
                                const char *vendors, const char *extra)
{
    char text[4096], hand[512];

    src_path(hand, sizeof(hand), "tests/data/hand");
    snprintf(text, sizeof(text),
             "kind: evaluation\ntitle: Variant\ndate: 2026-01-01\n"
             "organisation: {name: Test, seats: 10}\ncurrency: CNY\n"
             "criteria: %s/criteria.yaml\nprofile: %s/profile.yaml\n"
             "vendor_dir: %s/vendors\nvendors: [%s]\n%s",
             hand, hand, hand, vendors, extra);
    return write_file(f->dir, name, text);
}

static const crm_vendor_summary *find(const crm_result *res, const char *id,
                                      crm_vendor_summary *out)
{
    size_t i;

    for (i = 0; i < crm_result_vendor_count(res); i++) {
        crm_result_vendor(res, i, out);
        if (strcmp(out->id, id) == 0) {
            return out;
        }
    }
    fail_msg("vendor %s not in the result", id);
    return NULL;
}

/* The figures of tests/data/hand/README.md, computed on paper. */
static void test_score__hand_computed_case(void **state)
{
    struct test_fixture *f = *state;
    crm_evaluation *ev = NULL;
    crm_result *res = NULL;
    crm_vendor_summary s;
    char path[512];
    const struct crm_vendor_score *c = NULL;

    run(f, src_path(path, sizeof(path), "tests/data/hand/evaluation.yaml"), &ev,
        &res);
    assert_int_equal(crm_result_vendor_count(res), 3);

    crm_result_vendor(res, 0, &s);
    assert_string_equal(s.id, "a");
    assert_int_equal(s.rank, 1);
    assert_near(s.score, 80.625, 1e-9);
    assert_false(s.knocked_out);
    assert_near(s.completeness, 1.0, 1e-12);

    assert_int_equal(s.must_have, CRM_MUST_HAVE_PASS);

    /* B has no value for n: its rule is not verified, not failed, and it
     * ranks with the passing vendors (the default policy). */
    crm_result_vendor(res, 1, &s);
    assert_string_equal(s.id, "b");
    assert_int_equal(s.rank, 2);
    assert_near(s.score, 50.0, 1e-9);
    assert_false(s.knocked_out);
    assert_int_equal(s.must_have, CRM_MUST_HAVE_UNVERIFIED);
    assert_int_equal(s.unverified_count, 1);
    assert_int_equal(s.knockout_count, 0);
    assert_near(s.completeness, 0.875, 1e-12);

    crm_result_vendor(res, 2, &s);
    assert_string_equal(s.id, "c");
    assert_int_equal(s.rank, 3);
    assert_near(s.score, 72.5, 1e-9);
    assert_true(s.knocked_out);
    assert_int_equal(s.must_have, CRM_MUST_HAVE_FAIL);
    assert_int_equal(s.knockout_count, 1);

    /* C: r = 3 passes 'min 3' by 0, inside the 0.5 margin: a near miss. */
    c = &res->vendors[2];
    assert_string_equal(c->vendor->id, "c");
    assert_false(c->rules[0].passed);       /* n = 12 > 10 */
    assert_true(c->rules[1].passed);
    assert_true(c->rules[1].near_miss);

    /* Per-criterion contributions of A: 30, 37.5, 10, 3.125; groups 67.5 and 13.125. */
    assert_near(res->vendors[0].criteria[0].contribution, 30.0, 1e-9);
    assert_near(res->vendors[0].criteria[1].contribution, 37.5, 1e-9);
    assert_near(res->vendors[0].criteria[2].contribution, 10.0, 1e-9);
    assert_near(res->vendors[0].criteria[3].contribution, 3.125, 1e-9);
    assert_near(res->vendors[0].groups[0].contribution, 67.5, 1e-9);
    assert_near(res->vendors[0].groups[1].contribution, 13.125, 1e-9);
    assert_near(res->vendors[0].groups[0].score, 90.0, 1e-9);
    assert_near(res->vendors[0].groups[1].score, 52.5, 1e-9);
    crm_result_free(res);
    crm_evaluation_free(ev);
}

static void test_score__missing_value_policies(void **state)
{
    struct test_fixture *f = *state;
    static const struct {
        const char *policy;
        double b_score;
    } cases[] = {
        { "worst", 50.0 },
        { "midpoint", 56.25 },
        { "ignore", 50.0 / 0.875 },
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char extra[64];
        crm_evaluation *ev = NULL;
        crm_result *res = NULL;
        crm_vendor_summary s;

        snprintf(extra, sizeof(extra), "missing_values: %s\n", cases[i].policy);
        run(f, hand_variant(f, "e.yaml", "a, b, c", extra), &ev, &res);
        find(res, "b", &s);
        assert_near(s.score, cases[i].b_score, 1e-9);
        /* Completeness does not depend on the policy. */
        assert_near(s.completeness, 0.875, 1e-12);
        crm_result_free(res);
        crm_evaluation_free(ev);
    }
}

static void test_score__ties_share_a_rank(void **state)
{
    struct test_fixture *f = *state;
    crm_evaluation *ev = NULL;
    crm_result *res = NULL;
    crm_vendor_summary s;
    char text[512];

    /* A copy of A under another id: same values, same score. */
    write_file(f->dir, "twin.yaml",
               "kind: vendor\nid: aa_twin\ncriteria_set: hand\nname: Twin\n"
               "values: {g1.r: 4, g1.b: true, g2.n: 2, g2.ch: y}\n");
    snprintf(text, sizeof(text), "%s/twin.yaml", f->dir);
    {
        char vendors[1200];

        snprintf(vendors, sizeof(vendors), "c, %s, a, b", text);
        run(f, hand_variant(f, "e2.yaml", vendors, ""), &ev, &res);
    }
    crm_result_vendor(res, 0, &s);
    assert_int_equal(s.rank, 1);
    assert_string_equal(s.id, "a");       /* ties ordered by id */
    crm_result_vendor(res, 1, &s);
    assert_int_equal(s.rank, 1);
    assert_string_equal(s.id, "aa_twin");
    crm_result_vendor(res, 2, &s);
    assert_int_equal(s.rank, 3);          /* competition ranking: 1, 1, 3 */
    crm_result_free(res);
    crm_evaluation_free(ev);
}

static void test_score__knocked_out_ranked_last(void **state)
{
    struct test_fixture *f = *state;
    crm_evaluation *ev = NULL;
    crm_result *res = NULL;
    crm_vendor_summary s;
    size_t i;
    bool seen_knocked = false;

    run(f, hand_variant(f, "e.yaml", "c, b, a", ""), &ev, &res);
    for (i = 0; i < crm_result_vendor_count(res); i++) {
        crm_result_vendor(res, i, &s);
        if (seen_knocked) {
            assert_true(s.knocked_out);
        }
        seen_knocked = seen_knocked || s.knocked_out;
    }
    /* Input order does not matter. */
    crm_result_vendor(res, 0, &s);
    assert_string_equal(s.id, "a");
    crm_result_free(res);
    crm_evaluation_free(ev);
}

/* Write the retail example with one vendor left out, paths made absolute. */
static const char *retail_without(struct test_fixture *f, const char *const *ids,
                                  size_t n, size_t skip)
{
    char text[4096], src[512];
    size_t len = 0, i;

    src_path(src, sizeof(src), "");
    len += (size_t)snprintf(text + len, sizeof(text) - len,
                            "kind: evaluation\ntitle: R\ndate: 2026-11-01\n"
                            "organisation: {name: R, seats: 35}\ncurrency: CNY\n"
                            "exchange_rates: {as_of: 2026-11-01, rates: {USD: 7.1, INR: 0.085, EUR: 7.7}}\n"
                            "criteria: %s/criteria/core.yaml\nprofile: retail\n"
                            "value_functions:\n"
                            "  budget.licence_cost_per_seat_year: [[0, 1.0], [3000, 0.6], [12000, 0.0]]\n"
                            "vendors: [",
                            src);
    for (i = 0; i < n; i++) {
        if (i != skip) {
            len += (size_t)snprintf(text + len, sizeof(text) - len, "%s%s",
                                    len && text[len - 1] != '[' ? ", " : "",
                                    ids[i]);
        }
    }
    snprintf(text + len, sizeof(text) - len, "]\n");
    return write_file(f->dir, "r.yaml", text);
}

/* Declared scales and value functions make scores independent of which
 * other vendors are evaluated: removing any vendor leaves every other
 * vendor's score, and so their order, exactly as it was. */
static void test_score__adding_or_removing_a_vendor_cannot_reorder(void **state)
{
    struct test_fixture *f = *state;
    static const char *const ids[] = { "zoho_crm", "hubspot_crm", "pipedrive",
                                       "fxiaoke", "odoo_crm", "suitecrm",
                                       "espocrm", "neocrm", "sugarcrm",
                                       "salesforce_sales_cloud" };
    const size_t n = sizeof(ids) / sizeof(ids[0]);
    crm_evaluation *ev = NULL;
    crm_result *all = NULL;
    size_t skip, i, j;

    run(f, retail_without(f, ids, n, n), &ev, &all);
    /* Nothing that carries weight is scaled min-max here. */
    for (i = 0; i < ev->set->criterion_count; i++) {
        assert_false(all->relative[i] && all->weights.effective[i] > 0);
    }
    for (skip = 0; skip < n; skip++) {
        crm_evaluation *ev2 = NULL;
        crm_result *part = NULL;
        size_t pos = 0;

        run(f, retail_without(f, ids, n, skip), &ev2, &part);
        for (i = 0; i < crm_result_vendor_count(all); i++) {
            crm_vendor_summary a, p;

            crm_result_vendor(all, i, &a);
            if (strcmp(a.id, ids[skip]) == 0) {
                continue;
            }
            crm_result_vendor(part, pos++, &p);
            assert_string_equal(a.id, p.id);
            assert_near(a.score, p.score, 1e-12);
        }
        for (j = 0; j < ev2->set->criterion_count; j++) {
            assert_false(part->relative[j] && part->weights.effective[j] > 0);
        }
        crm_result_free(part);
        crm_evaluation_free(ev2);
    }
    crm_result_free(all);
    crm_evaluation_free(ev);
}

/* Without a value function the licence cost is scaled over the vendors
 * present, and the report must say so: removing the cheapest vendor moves
 * the others' scores. */
static void test_score__min_max_is_relative_and_flagged(void **state)
{
    struct test_fixture *f = *state;
    char text[1024], src[512];
    crm_evaluation *ev = NULL;
    crm_result *res = NULL;
    size_t index = 0;

    src_path(src, sizeof(src), "");
    snprintf(text, sizeof(text),
             "kind: evaluation\ntitle: R\ndate: 2026-11-01\n"
             "organisation: {name: R, seats: 35}\ncurrency: USD\n"
             "criteria: %s/criteria/core.yaml\n"
             "vendors: [pipedrive, sugarcrm]\n",
             src);
    run(f, write_file(f->dir, "m.yaml", text), &ev, &res);
    assert_true(crm__set_find(ev->set, "budget.licence_cost_per_seat_year",
                              &index));
    assert_true(res->relative[index]);
    /* pipedrive 59 x 12 = 708, sugarcrm 85 x 12 = 1020 */
    assert_near(res->range_lo[index], 708, 1e-9);
    assert_near(res->range_hi[index], 1020, 1e-9);
    assert_near(res->vendors[0].criteria[index].normalised, 1.0, 1e-12);
    assert_near(res->vendors[1].criteria[index].normalised, 0.0, 1e-12);
    crm_result_free(res);
    crm_evaluation_free(ev);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_score__hand_computed_case, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_score__missing_value_policies, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_score__ties_share_a_rank, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_score__knocked_out_ranked_last, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_score__adding_or_removing_a_vendor_cannot_reorder, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_score__min_max_is_relative_and_flagged, fixture_setup, fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
