/* Unit tests: the uncertainty simulation. Statistics against what the
 * model implies exactly (a linear model passes means and quantiles
 * through), independence from the thread count, seeds, and the
 * probability of ranking first against a case with a known answer. */
#include "helpers.h"

#include "analysis/random.h"
#include "analysis/simulate.h"
#include "score/score.h"

/* The seed article's case with the benefit and the implementation cost
 * uncertain (and @p extra appended to the evaluation). */
static void load_seed(struct test_fixture *f, const char *benefit, const char *impl,
                      const char *extra)
{
    char text[4096], src[512];

    src_path(src, sizeof(src), "");
    snprintf(text, sizeof(text),
             "kind: evaluation\ntitle: S\ndate: 2026-01-01\n"
             "organisation: {name: O, seats: 50}\ncurrency: CNY\n"
             "horizon_years: 5\ndiscount_rate: 0.10\n"
             "criteria: %s/criteria/core.yaml\n"
             "vendor_dir: %s/examples/vendors\nvendors: [seed_project]\n"
             "finance:\n  costs:\n"
             "    - {id: software, category: licence, amount: 500000, year: 0}\n"
             "    - {id: hardware, category: hosting, amount: 300000, year: 0}\n"
             "    - {id: implementation, category: implementation, amount: %s, year: 0}\n"
             "    - {id: operations, category: support, amount: 180000, from: 1}\n"
             "  benefits:\n"
             "    - {id: benefits, kind: cost_saving, amount: %s}\n%s",
             src, src, impl, benefit, extra);
    if (crm_evaluation_load(&f->ev, write_file(f->dir, "s.yaml", text), f->diags) != CRM_OK ||
        crm_result_compute(&f->res, f->ev, f->diags) != CRM_OK) {
        print_diags(f->diags);
        fail_msg("cannot evaluate");
    }
}

static void simulate(struct test_fixture *f, size_t trials, int method, size_t threads)
{
    crm_simulate_options so = CRM_SIMULATE_OPTIONS_INIT;

    so.trials = trials;
    so.method = method;
    so.threads = threads;
    if (crm_result_simulate(f->res, &so, f->diags) != CRM_OK) {
        print_diags(f->diags);
        fail_msg("cannot simulate");
    }
}

/* NPV is linear in both inputs: mean NPV = NPV at the inputs' means, and
 * the quantiles of NPV are the benefit's quantiles mapped through the
 * annuity factor when only the benefit is uncertain. */
static void test_simulate__means_and_quantiles_pass_through(void **state)
{
    struct test_fixture *f = *state;
    const struct crm_sim_vendor *sv = NULL;
    struct crm_dist tri = { CRM_DIST_TRIANGULAR, 350000, 450000, 500000, 0, 0,
                            NULL, NULL, 0 };
    struct crm_dist pert = { CRM_DIST_PERT, 150000, 200000, 300000, 0, 0,
                             NULL, NULL, 0 };
    double annuity = 0, base = 0, expected_mean = 0;
    size_t t;

    load_seed(f, "{triangular: [350000, 450000, 500000]}",
              "{pert: [150000, 200000, 300000]}", "");
    simulate(f, 20000, 1, 2);
    sv = &f->res->simulation->vendors[0];
    for (t = 1; t <= 5; t++) {
        annuity += pow(1.1, -(double)t);
    }
    base = f->res->finance[0].base.summary.npv; /* at the likely values */
    expected_mean = base + annuity * (crm__dist_mean(&tri) - 450000) -
                    (crm__dist_mean(&pert) - 200000);
    /* Latin hypercube: the mean error is far below a unit */
    assert_near(sv->npv.mean, expected_mean, 50);
    assert_near(f->res->simulation->se_npv_mean,
                sv->npv.sd / sqrt(20000.0), 1e-6);
    crm_result_free(f->res);
    crm_evaluation_free(f->ev);
    f->res = NULL;
    f->ev = NULL;

    load_seed(f, "{triangular: [350000, 450000, 500000]}", "200000", "");
    simulate(f, 20000, 1, 2);
    sv = &f->res->simulation->vendors[0];
    base = f->res->finance[0].base.summary.npv;
    assert_near(sv->npv.p50,
                base + annuity * (crm__dist_quantile(&tri, 0.5) - 450000), 100);
    assert_near(sv->npv.p10,
                base + annuity * (crm__dist_quantile(&tri, 0.1) - 450000), 100);
    assert_near(sv->npv.p90,
                base + annuity * (crm__dist_quantile(&tri, 0.9) - 450000), 100);
    /* P(NPV > 0) = P(benefit > the break-even benefit) */
    {
        double be = 450000 - base / annuity; /* benefit with NPV = 0 */
        double cdf = be <= 450000
                         ? (be - 350000) * (be - 350000) / ((500000 - 350000.0) * (450000 - 350000.0))
                         : 1 - (500000 - be) * (500000 - be) /
                                   ((500000 - 350000.0) * (500000 - 450000.0));

        assert_near(sv->p_npv_positive, 1 - cdf, 0.005);
    }
}

/* The trials take NPV and TCO as point figures plus slope x change when
 * the projection is linear in the draws (here: uncertain per-seat and
 * one-off costs, revenue and productivity benefits, with seat growth and
 * price escalation); projecting every trial in full gives the same. */
static void test_simulate__linear_finances_match_full_projection(void **state)
{
    struct test_fixture *f = *state;
    crm_simulate_options so = CRM_SIMULATE_OPTIONS_INIT;
    struct crm_sim_vendor *fast = NULL;
    size_t v, n, b, moved = 0;
    char path[512];

    src_path(path, sizeof(path), "examples/retail-sme.yaml");
    if (crm_evaluation_load(&f->ev, path, f->diags) != CRM_OK ||
        crm_result_compute(&f->res, f->ev, f->diags) != CRM_OK) {
        print_diags(f->diags);
        fail_msg("cannot evaluate");
    }
    so.trials = 4000;
    so.threads = 2;
    assert_int_equal(crm_result_simulate(f->res, &so, f->diags), CRM_OK);
    n = f->res->vendor_count;
    fast = malloc(n * sizeof(*fast));
    memcpy(fast, f->res->simulation->vendors, n * sizeof(*fast));
    so.full_projection = true;
    assert_int_equal(crm_result_simulate(f->res, &so, f->diags), CRM_OK);
    for (v = 0; v < n; v++) {
        const struct crm_sim_vendor *full = &f->res->simulation->vendors[v];
        double scale = fabs(full->npv.mean) + full->npv.sd + 1;

        assert_true(full->has_finance);
        assert_true(full->npv.sd > 1000); /* the draws do move NPV */
        moved += full->tco.sd > 100;   /* and most vendors' TCO */
        assert_near(fast[v].p_first, full->p_first, 1e-12);
        assert_near(fast[v].npv.mean, full->npv.mean, 1e-9 * scale);
        assert_near(fast[v].npv.p5, full->npv.p5, 1e-9 * scale);
        assert_near(fast[v].npv.p95, full->npv.p95, 1e-9 * scale);
        assert_near(fast[v].tco.p50, full->tco.p50, 1e-9 * (full->tco.p50 + 1));
        assert_near(fast[v].score.p50, full->score.p50, 1e-9);
        for (b = 0; b < CRM_SIM_CURVE_POINTS; b++) {
            assert_near(fast[v].curve[b], full->curve[b], 1e-9 * scale);
        }
    }
    assert_true(moved >= 2);
    free(fast);
}

/* Same seed, 1, 2 or 3 threads: identical reports, by Monte Carlo (drawn
 * in blocks of trials, 5000 is not a whole number of them) and by Latin
 * hypercube (drawn as a table). */
static void test_simulate__independent_of_threads(void **state)
{
    struct test_fixture *f = *state;
    char *one = NULL, *other = NULL;
    int method;
    size_t threads;

    load_seed(f, "{triangular: [350000, 450000, 500000]}",
              "{pert: [150000, 200000, 300000]}", "");
    for (method = 0; method <= 1; method++) {
        simulate(f, 5000, method, 1);
        assert_int_equal(crm_report_json_render(&one, f->res, f->diags), CRM_OK);
        for (threads = 2; threads <= 3; threads++) {
            simulate(f, 5000, method, threads);
            assert_int_equal(crm_report_json_render(&other, f->res, f->diags), CRM_OK);
            assert_string_equal(one, other);
            crm_report_free(other);
        }
        crm_report_free(one);
    }
}

static void test_simulate__seed_matters(void **state)
{
    struct test_fixture *f = *state;
    crm_simulate_options so = CRM_SIMULATE_OPTIONS_INIT;
    double first = 0;

    load_seed(f, "{normal: [450000, 40000]}", "200000", "");
    so.trials = 2000;
    so.method = 0;
    so.has_seed = true;
    so.seed = 7;
    assert_int_equal(crm_result_simulate(f->res, &so, f->diags), CRM_OK);
    first = f->res->simulation->vendors[0].npv.mean;
    assert_int_equal(crm_result_simulate(f->res, &so, f->diags), CRM_OK);
    assert_near(f->res->simulation->vendors[0].npv.mean, first, 0);
    so.seed = 8;
    assert_int_equal(crm_result_simulate(f->res, &so, f->diags), CRM_OK);
    assert_true(f->res->simulation->vendors[0].npv.mean != first);
}

/* Two vendors identical but for one rating: A's is uniform on 0..5 and B's
 * is 2.5, so each ranks first about half the time. */
static void test_simulate__probability_of_ranking_first(void **state)
{
    struct test_fixture *f = *state;
    char text[2048], hand[512];
    double p = 0;
    size_t a = 0;

    src_path(hand, sizeof(hand), "tests/data/hand/criteria.yaml");
    write_file(f->dir, "a.yaml",
               "kind: vendor\nid: a\ncriteria_set: hand\nname: A\n"
               "values: {g1.r: {uniform: [0, 5]}, g1.b: true, g2.n: 2, g2.ch: x}\n");
    write_file(f->dir, "b.yaml",
               "kind: vendor\nid: b\ncriteria_set: hand\nname: B\n"
               "values: {g1.r: 2.5, g1.b: true, g2.n: 2, g2.ch: x}\n");
    snprintf(text, sizeof(text),
             "kind: evaluation\ntitle: P\ndate: 2026-01-01\n"
             "organisation: {name: O, seats: 5}\ncurrency: CNY\n"
             "criteria: %s\nvendor_dir: .\nvendors: [a, b]\n"
             "simulation: {trials: 4000, method: monte_carlo, seed: 3}\n",
             hand);
    assert_int_equal(crm_evaluation_load(&f->ev, write_file(f->dir, "e.yaml", text),
                                         f->diags),
                     CRM_OK);
    assert_int_equal(crm_result_compute(&f->res, f->ev, f->diags), CRM_OK);
    assert_true(crm_result_wants_simulation(f->res));
    simulate(f, 0, -1, 2);
    assert_int_equal(f->res->simulation->trials, 4000);
    assert_string_equal(f->ev->vendors[a]->id, "a");
    p = f->res->simulation->vendors[a].p_first;
    assert_near(p, 0.5, 4 * sqrt(0.25 / 4000));
    assert_near(p + f->res->simulation->vendors[1].p_first, 1, 1e-9);
    assert_near(f->res->simulation->se_p_first, sqrt(p * (1 - p) / 4000), 1e-6);
}

static void test_simulate__bad_correlation(void **state)
{
    struct test_fixture *f = *state;
    crm_simulate_options so = CRM_SIMULATE_OPTIONS_INIT;

    load_seed(f, "{triangular: [350000, 450000, 500000]}",
              "{pert: [150000, 200000, 300000]}",
              "simulation:\n  correlations:\n"
              "    - {between: [benefit/benefits/amount, cost/implemntation], rho: 0.5}\n");
    so.trials = 200;
    assert_int_equal(crm_result_simulate(f->res, &so, f->diags), CRM_EINPUT);
    assert_true(diags_contain(f->diags, "correlation names 'cost/implemntation', "
                                        "which is not an uncertain input"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_simulate__means_and_quantiles_pass_through, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_simulate__independent_of_threads, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_simulate__linear_finances_match_full_projection, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_simulate__seed_matters, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_simulate__probability_of_ranking_first, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_simulate__bad_correlation, fixture_setup, fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
