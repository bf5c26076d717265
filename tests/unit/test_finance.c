/* Unit tests: financial formulas against published spreadsheet examples,
 * and the cost and benefit projection rules (seats, escalation,
 * percentages, tiers, currencies, risk, timing). */
#include "helpers.h"

#include <stdint.h>

#include "crmeval/finance.h"
#include "analysis/sensitivity.h"
#include "finance/projection.h"
#include "score/score.h"

/* ---- formulas ---- */

/* Microsoft's NPV() documentation: NPV(10%, -10000, 3000, 4200, 6800) =
 * 1,188.44, all four flows discounted (Excel discounts its first value),
 * so here they sit in years 1-4 after a zero year 0. */
static void test_finance__npv_matches_excel_examples(void **state)
{
    static const double a[] = { 0, -10000, 3000, 4200, 6800 };
    /* NPV(8%, 8000, 9200, 10000, 12000, 14500) + (-40000) = 1,922.06 and,
     * with -9000 in year 6, -3,749.47. */
    static const double b[] = { -40000, 8000, 9200, 10000, 12000, 14500 };
    static const double c[] = { -40000, 8000, 9200, 10000, 12000, 14500, -9000 };

    (void)state;
    assert_near(crm_npv(0.10, a, 5, CRM_TIMING_END_OF_YEAR), 1188.44, 0.005);
    assert_near(crm_npv(0.08, b, 6, CRM_TIMING_END_OF_YEAR), 1922.06, 0.005);
    assert_near(crm_npv(0.08, c, 7, CRM_TIMING_END_OF_YEAR), -3749.47, 0.005);
}

/* Microsoft's IRR() documentation: -2.1%, 8.7% and (guess -10%) -44.4%. */
static void test_finance__irr_matches_excel_examples(void **state)
{
    static const double five[] = { -70000, 12000, 15000, 18000, 21000 };
    static const double six[] = { -70000, 12000, 15000, 18000, 21000, 26000 };
    static const double three[] = { -70000, 12000, 15000 };
    crm_irr_result r;

    (void)state;
    r = crm_irr(five, 5, CRM_TIMING_END_OF_YEAR);
    assert_int_equal(r.status, CRM_IRR_OK);
    assert_near(r.roots[0], -0.021, 0.0005);
    assert_near(crm_npv(r.roots[0], five, 5, CRM_TIMING_END_OF_YEAR), 0, 1e-5);
    r = crm_irr(six, 6, CRM_TIMING_END_OF_YEAR);
    assert_int_equal(r.status, CRM_IRR_OK);
    assert_near(r.roots[0], 0.087, 0.0005);
    r = crm_irr(three, 3, CRM_TIMING_END_OF_YEAR);
    assert_int_equal(r.status, CRM_IRR_OK);
    assert_near(r.roots[0], -0.444, 0.0005);
}

/* The worked case from the seed article, done right (issue figures). */
static void test_finance__seed_case_formulas(void **state)
{
    static const double net[] = { -1000000, 270000, 270000, 270000, 270000,
                                  270000 };
    double payback = 0;
    crm_irr_result r;

    (void)state;
    assert_near(crm_npv(0.10, net, 6, CRM_TIMING_END_OF_YEAR), 23512.43, 0.005);
    r = crm_irr(net, 6, CRM_TIMING_END_OF_YEAR);
    assert_int_equal(r.status, CRM_IRR_OK);
    assert_near(r.roots[0], 0.10916, 0.000005);
    assert_true(crm_payback(net, 6, &payback));
    assert_near(payback, 3.7037, 0.00005);
}

static void test_finance__irr_no_sign_change_is_null(void **state)
{
    static const double pos[] = { 100, 200, 300 };
    static const double neg[] = { -100, -50, 0 };
    static const double zero[] = { 0, 0, 0 };
    crm_irr_result r;

    (void)state;
    r = crm_irr(pos, 3, CRM_TIMING_END_OF_YEAR);
    assert_int_equal(r.status, CRM_IRR_NO_SIGN_CHANGE);
    assert_int_equal(r.count, 0);
    r = crm_irr(neg, 3, CRM_TIMING_END_OF_YEAR);
    assert_int_equal(r.status, CRM_IRR_NO_SIGN_CHANGE);
    r = crm_irr(zero, 3, CRM_TIMING_END_OF_YEAR);
    assert_int_equal(r.status, CRM_IRR_NO_SIGN_CHANGE);
}

/* -100, +230, -132 has two rates, 10% and 20%: both listed, flagged. */
static void test_finance__irr_two_sign_changes_lists_every_root(void **state)
{
    static const double flows[] = { -100, 230, -132 };
    double mirr = 0;
    crm_irr_result r;

    (void)state;
    r = crm_irr(flows, 3, CRM_TIMING_END_OF_YEAR);
    assert_int_equal(r.status, CRM_IRR_AMBIGUOUS);
    assert_int_equal(r.count, 2);
    assert_near(r.roots[0], 0.10, 1e-9);
    assert_near(r.roots[1], 0.20, 1e-9);
    /* MIRR is defined: finance -100 and -132 at 10%, reinvest 230 at 10%. */
    assert_true(crm_mirr(flows, 3, 0.10, 0.10, &mirr));
    assert_near(mirr, pow(230 * 1.1 / (100 + 132 / 1.21), 0.5) - 1, 1e-12);
}

/* A large loss recovered late: the root is near -100% but above it. */
static void test_finance__irr_never_at_or_below_minus_100(void **state)
{
    static const double flows[] = { -1000, 1, 1, 1 };
    crm_irr_result r;

    (void)state;
    r = crm_irr(flows, 4, CRM_TIMING_END_OF_YEAR);
    assert_int_equal(r.status, CRM_IRR_OK);
    assert_true(r.roots[0] > -1.0);
    assert_true(isfinite(r.roots[0]));
    assert_near(crm_npv(r.roots[0], flows, 4, CRM_TIMING_END_OF_YEAR), 0, 1e-6);
}

/* The two cases that a grid missed: a root where NPV touches 0
 * without changing sign, and two roots closer than the grid's step. */
static void test_finance__irr_tangent_and_close_roots(void **state)
{
    static const double tangent[] = { -100, 220, -121 };  /* -(10g - 11)^2 / g^2 */
    static const double close[] = { -1000, 2101, -1103.55 };
    crm_irr_result r;

    (void)state;
    r = crm_irr(tangent, 3, CRM_TIMING_END_OF_YEAR);
    assert_int_equal(r.status, CRM_IRR_OK);
    assert_int_equal(r.count, 1);
    assert_near(r.roots[0], 0.10, 1e-7);
    r = crm_irr(close, 3, CRM_TIMING_END_OF_YEAR);
    assert_int_equal(r.status, CRM_IRR_AMBIGUOUS);
    assert_int_equal(r.count, 2);
    assert_near(r.roots[0], 0.050, 1e-9);
    assert_near(r.roots[1], 0.051, 1e-9);
    /* the same flows on the half-year grid: the rates are per year */
    r = crm_irr_grid(close, 3, 0.5);
    assert_int_equal(r.count, 2);
    assert_near(r.roots[0], 1.05 * 1.05 - 1, 1e-9);
    assert_near(r.roots[1], 1.051 * 1.051 - 1, 1e-9);
}

/* xorshift64*: the property tests' flows, the same on every run. */
static double test_uniform(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return (double)((*s * 0x2545F4914F6CDD1DULL) >> 11) * 0x1.0p-53;
}

/* Flows built from chosen rates: (1 + r)^-k polynomials with roots at
 * those rates, some double, some 0.1 percentage point apart; times a
 * factor with no real root. crm_irr finds every chosen rate and no other. */
static void test_finance__irr_finds_constructed_roots(void **state)
{
    uint64_t seed = 0x1234567ULL;
    int trial;

    (void)state;
    for (trial = 0; trial < 2000; trial++) {
        double roots[3], poly[8] = { 1 }, want[3];
        int nroots = 1 + (int)(test_uniform(&seed) * 3), deg = 0, i, j, distinct = 0;
        crm_irr_result r;

        for (i = 0; i < nroots; i++) {
            double u = test_uniform(&seed);

            roots[i] = -0.5 + 2.0 * test_uniform(&seed);
            if (i > 0 && u < 0.3) {
                roots[i] = roots[i - 1];            /* a double root */
            } else if (i > 0 && u < 0.6) {
                roots[i] = roots[i - 1] + 0.001;    /* a close pair */
            }
        }
        /* prod (x - 1/(1 + r_i)) in x = 1/(1 + r) */
        for (i = 0; i < nroots; i++) {
            double x0 = 1 / (1 + roots[i]);

            for (j = deg + 1; j > 0; j--) {
                poly[j] = poly[j - 1] - x0 * poly[j];
            }
            poly[0] = -x0 * poly[0];
            deg++;
        }
        if (test_uniform(&seed) < 0.5) {
            /* times x^2 + x + 1, positive for every x */
            double q[8] = { 0 };

            for (j = 0; j <= deg; j++) {
                q[j] += poly[j];
                q[j + 1] += poly[j];
                q[j + 2] += poly[j];
            }
            deg += 2;
            memcpy(poly, q, sizeof(poly));
        }
        for (i = 0; i < nroots; i++) {
            bool seen = false;

            for (j = 0; j < distinct; j++) {
                seen = seen || fabs(want[j] - roots[i]) < 1e-12;
            }
            if (!seen) {
                want[distinct++] = roots[i];
            }
        }
        r = crm_irr(poly, (size_t)deg + 1, CRM_TIMING_END_OF_YEAR);
        assert_int_equal(r.count, distinct);
        assert_int_equal(r.status, distinct == 1 ? CRM_IRR_OK : CRM_IRR_AMBIGUOUS);
        for (i = 0; i < distinct; i++) {
            double best = 1;

            for (j = 0; j < (int)r.count; j++) {
                best = fmin(best, fabs(r.roots[j] - want[i]));
            }
            /* a double root is only known to about the square root of
             * the rounding error */
            assert_true(best < 1e-6);
        }
    }
}

/* Against brute force: random six-year flows, NPV evaluated at 200,000
 * rates. Every sign change the scan sees holds a reported root, and NPV
 * is zero (to its rounding) at every reported root. */
static void test_finance__irr_agrees_with_a_dense_scan(void **state)
{
    uint64_t seed = 42;
    int trial;

    (void)state;
    for (trial = 0; trial < 300; trial++) {
        double flows[6], prev = 0, scale = 0, g_prev = 0;
        crm_irr_result r;
        size_t i, k;

        for (i = 0; i < 6; i++) {
            flows[i] = floor(test_uniform(&seed) * 2001) - 1000;
            scale += fabs(flows[i]);
        }
        r = crm_irr(flows, 6, CRM_TIMING_END_OF_YEAR);
        for (i = 0; i < r.count; i++) {
            double g = 1 + r.roots[i];

            assert_true(g > 0);
            assert_near(crm_npv(r.roots[i], flows, 6, CRM_TIMING_END_OF_YEAR) *
                            pow(fmin(g, 1), 5), 0, 1e-9 * scale);
        }
        for (k = 0; k <= 200000; k++) {
            /* 1 + r from 0.01 to 100, log-spaced */
            double g = 0.01 * pow(1e4, (double)k / 200000);
            double v = crm_npv(g - 1, flows, 6, CRM_TIMING_END_OF_YEAR);

            if (k > 0 && ((v < 0 && prev > 0) || (v > 0 && prev < 0))) {
                bool found = false;

                for (i = 0; i < r.count; i++) {
                    found = found || (r.roots[i] >= g_prev - 1 - 1e-12 &&
                                      r.roots[i] <= g - 1 + 1e-12);
                }
                assert_true(found);
            }
            if (v != 0) {
                prev = v;
                g_prev = g;
            }
        }
    }
}

/* Microsoft's MIRR() documentation: 12.61%, -4.80% and 13.48%. */
static void test_finance__mirr_matches_excel_examples(void **state)
{
    static const double f[] = { -120000, 39000, 30000, 21000, 37000, 46000 };
    double m = 0;

    (void)state;
    assert_true(crm_mirr(f, 6, 0.10, 0.12, &m));
    assert_near(m, 0.1261, 0.00005);
    assert_true(crm_mirr(f, 4, 0.10, 0.12, &m));
    assert_near(m, -0.0480, 0.00005);
    assert_true(crm_mirr(f, 6, 0.10, 0.14, &m));
    assert_near(m, 0.1348, 0.00005);
    assert_false(crm_mirr(f + 1, 5, 0.10, 0.12, &m)); /* no negative flow */
}

/* Microsoft's XNPV() and XIRR() documentation: 2,086.65 and 37.34%. */
static void test_finance__xnpv_xirr_match_excel_examples(void **state)
{
    static const double flows[] = { -10000, 2750, 4250, 3250, 2750 };
    long days[5];
    crm_irr_result r;

    (void)state;
    days[0] = crm_days_from_civil(2008, 1, 1);
    days[1] = crm_days_from_civil(2008, 3, 1);
    days[2] = crm_days_from_civil(2008, 10, 30);
    days[3] = crm_days_from_civil(2009, 2, 15);
    days[4] = crm_days_from_civil(2009, 4, 1);
    assert_int_equal(days[1] - days[0], 60);
    assert_near(crm_xnpv(0.09, flows, days, 5), 2086.65, 0.005);
    r = crm_xirr(flows, days, 5);
    assert_int_equal(r.status, CRM_IRR_OK);
    assert_near(r.roots[0], 0.3734, 0.00005);
}

static void test_finance__payback(void **state)
{
    static const double never[] = { -100, 10, 10 };
    static const double at_once[] = { 5, -1 };
    static const double exact[] = { -100, 50, 50, 10 };
    static const double sinks[] = { -100, 150, -60 };
    static const double recovers[] = { -100, 150, -60, 20 };
    static const double costs_only[] = { 0, -20, -40 };
    double y = -1;

    (void)state;
    /* Paid back only once the cumulative flow stays >= 0 to the end. */
    assert_false(crm_payback(sinks, 3, &y));
    assert_true(crm_payback(recovers, 4, &y));
    assert_near(y, 2.5, 1e-12);
    assert_false(crm_payback(costs_only, 3, &y));
    assert_false(crm_payback(never, 3, &y));
    assert_true(crm_payback(at_once, 2, &y));
    assert_near(y, 0, 0);
    assert_true(crm_payback(exact, 4, &y));
    assert_near(y, 2.0, 1e-12);
}

static void test_finance__timing_and_factors(void **state)
{
    (void)state;
    assert_near(crm_discount_factor(0.1, 0, CRM_TIMING_MID_YEAR), 1.0, 0);
    assert_near(crm_discount_factor(0.1, 1, CRM_TIMING_MID_YEAR),
                1 / sqrt(1.1), 1e-15);
    assert_near(crm_discount_factor(0.1, 2, CRM_TIMING_END_OF_YEAR),
                1 / 1.21, 1e-15);
}

/* ---- projections ---- */

/* Evaluate one vendor @p vendor_yaml with @p org and @p finance sections. */
static const struct crm_vendor_finance *project(struct test_fixture *f,
                                                const char *vendor_yaml,
                                                const char *org,
                                                const char *finance)
{
    char text[4096], set[512];

    write_file(f->dir, "v.yaml", vendor_yaml);
    src_path(set, sizeof(set), "tests/data/hand/criteria.yaml");
    snprintf(text, sizeof(text),
             "kind: evaluation\ntitle: F\ndate: 2026-01-01\n"
             "organisation: %s\ncurrency: CNY\n"
             "exchange_rates: {as_of: 2026-01-01, rates: {USD: 7.0}}\n"
             "horizon_years: 3\ndiscount_rate: 0.1\n"
             "criteria: %s\nvendors: [./v.yaml]\nbudget: 1000000\n"
             "finance:\n%s",
             org, set, finance);
    if (crm_evaluation_load(&f->ev, write_file(f->dir, "e.yaml", text),
                            f->diags) != CRM_OK ||
        crm_result_compute(&f->res, f->ev, f->diags) != CRM_OK) {
        print_diags(f->diags);
        fail_msg("cannot evaluate");
    }
    return &f->res->finance[0];
}

static double line(const struct crm_vendor_finance *vf,
                   const struct crm_vendor *v, const char *id, size_t year)
{
    size_t i;

    for (i = 0; i < v->plan_count; i++) {
        if (strcmp(v->plan[i].id, id) == 0) {
            return vf->line_amounts[i * vf->years + year];
        }
    }
    fail_msg("no cost line %s", id);
    return 0;
}

static void test_finance__seats_growth_minimum_and_escalation(void **state)
{
    struct test_fixture *f = *state;
    const struct crm_vendor_finance *vf = project(
        f,
        "kind: vendor\nid: v\ncriteria_set: hand\nname: V\n"
        "pricing: {model: subscription, currency: USD, list_price_per_user_month: 10,\n"
        "          minimum_seats: 45, as_of: 2026-01-01, source: test}\n",
        "{name: O, seats: 40, seat_growth: 0.1}",
        "  price_escalation: 0.05\n");
    const struct crm_vendor *v = f->ev->vendors[0];

    /* users 40, 44 (40 x 1.1 is 44, not 45), 48.4 -> 49 */
    assert_near(vf->base.rows[1].users, 40, 0);
    assert_near(vf->base.rows[2].users, 44, 0);
    assert_near(vf->base.rows[3].users, 49, 0);
    /* billed seats never below the vendor's minimum of 45 */
    assert_near(vf->base.rows[1].seats, 45, 0);
    assert_near(vf->base.rows[2].seats, 45, 0);
    assert_near(vf->base.rows[3].seats, 49, 0);
    /* 10 USD x 12 x 7.0 CNY per seat, escalating 5% a year from year 1 */
    assert_near(line(vf, v, "subscription", 0), 0, 0);
    assert_near(line(vf, v, "subscription", 1), 45 * 840.0, 1e-6);
    assert_near(line(vf, v, "subscription", 2), 45 * 840.0 * 1.05, 1e-6);
    assert_near(line(vf, v, "subscription", 3), 49 * 840.0 * 1.05 * 1.05, 1e-6);
    assert_near(vf->base.summary.seat_years, 45 + 45 + 49, 0);
}

static void test_finance__percent_lines_and_tiers(void **state)
{
    struct test_fixture *f = *state;
    const struct crm_vendor_finance *vf = project(
        f,
        "kind: vendor\nid: v\ncriteria_set: hand\nname: V\n"
        "pricing: {model: free}\n"
        "costs:\n"
        "  - {id: licence, category: licence, basis: per_seat, from: 1,\n"
        "     tiers: [{up_to: 10, amount: 100}, {amount: 80}]}\n"
        "  - {id: setup, category: implementation, amount: 5000, year: 0}\n",
        "{name: O, seats: 25}",
        "  costs:\n"
        "    - {id: training, category: training, amount: 1000, year: 0}\n"
        "    - {id: maintenance, category: support, percent: 20, of: [licence], from: 1}\n"
        "    - {id: contingency, category: contingency, percent: 20, of: [one_off], year: 0}\n"
        "    - {id: reserve, category: contingency, percent: 50, of: [maintenance], from: 1}\n");
    const struct crm_vendor *v = f->ev->vendors[0];

    /* graduated tiers: 10 x 100 + 15 x 80 = 2,200 */
    assert_near(line(vf, v, "licence", 1), 2200, 1e-9);
    assert_near(line(vf, v, "maintenance", 1), 440, 1e-9);
    /* contingency: 20% of the one-off lines (setup + training) */
    assert_near(line(vf, v, "contingency", 0), 1200, 1e-9);
    /* a percentage of a percentage line, computed after it */
    assert_near(line(vf, v, "reserve", 2), 220, 1e-9);
    assert_near(vf->base.rows[0].total_cost, 5000 + 1000 + 1200, 1e-9);
    assert_near(vf->base.rows[1].cost[CRM_COST_SUPPORT], 440, 1e-9);
}

static void test_finance__perpetual_added_seats(void **state)
{
    struct test_fixture *f = *state;
    const struct crm_vendor_finance *vf = project(
        f,
        "kind: vendor\nid: v\ncriteria_set: hand\nname: V\n"
        "pricing: {model: perpetual, currency: CNY, perpetual_licence_per_user: 1000,\n"
        "          as_of: 2026-01-01, source: test}\n",
        "{name: O, seats: 10, seat_growth: 0.5}",
        "  costs: []\n");
    const struct crm_vendor *v = f->ev->vendors[0];

    /* seats 10, 10, 15, 23: licences bought when seats are added */
    assert_near(line(vf, v, "licence", 0), 10000, 1e-9);
    assert_near(line(vf, v, "licence", 1), 0, 0);
    assert_near(line(vf, v, "licence", 2), 5000, 1e-9);
    assert_near(line(vf, v, "licence", 3), 8000, 1e-9);
}

static void test_finance__benefits_ramp_risk_and_timing(void **state)
{
    struct test_fixture *f = *state;
    const struct crm_vendor_finance *vf = project(
        f,
        "kind: vendor\nid: v\ncriteria_set: hand\nname: V\npricing: {model: free}\n",
        "{name: O, seats: 20}",
        "  timing: mid_year\n"
        "  risk: {costs: 0.1, benefits: 0.2}\n"
        "  costs:\n"
        "    - {id: run, category: hosting, amount: 1000, from: 1}\n"
        "  benefits:\n"
        "    - {id: rev, kind: revenue, baseline_revenue: 1000000, uplift: 0.05,\n"
        "       margin: 0.3, ramp: [0.4, 0.8, 1.0]}\n"
        "    - {id: prod, kind: productivity, hours_per_user_year: 10, loaded_rate: 50}\n"
        "    - {id: churn, kind: churn, customers: 1000, churn_reduction: 0.01,\n"
        "       value_per_customer: 200}\n");

    /* revenue 15,000 x ramp; productivity 10 x 20 x 50; churn 2,000 */
    assert_near(vf->benefit_amounts[0 * vf->years + 1], 6000, 1e-9);
    assert_near(vf->benefit_amounts[0 * vf->years + 3], 15000, 1e-9);
    assert_near(vf->benefit_amounts[1 * vf->years + 2], 10000, 1e-9);
    assert_near(vf->benefit_amounts[2 * vf->years + 1], 2000, 1e-9);
    assert_near(vf->base.rows[1].benefits, 18000, 1e-9);
    /* risk-adjusted: costs +10%, benefits -20% */
    assert_near(vf->adjusted.rows[1].total_cost, 1100, 1e-9);
    assert_near(vf->adjusted.rows[1].benefits, 14400, 1e-9);
    /* mid-year: year 1 discounted half a year */
    assert_near(vf->base.rows[1].factor, 1 / sqrt(1.1), 1e-12);
    assert_near(vf->base.summary.npv,
                crm_npv(0.1, (double[]){ 0, 17000, 23000, 26000 }, 4,
                        CRM_TIMING_MID_YEAR),
                1e-6);
}

/* With the core set (which has the derived TCO and PV-of-costs
 * criteria): a vendor without a price has them missing, however cheap its
 * other lines look; a priced vendor has them. */
static void test_finance__unknown_price_leaves_tco_missing(void **state)
{
    struct test_fixture *f = *state;
    char text[2048], src[512];
    size_t tco = 0, pv = 0;

    src_path(src, sizeof(src), "");
    snprintf(text, sizeof(text),
             "kind: evaluation\ntitle: F\ndate: 2026-01-01\n"
             "organisation: {name: O, seats: 10}\ncurrency: USD\n"
             "criteria: %s/criteria/core.yaml\n"
             "vendors: [neocrm, pipedrive]\n"
             "finance:\n  costs:\n"
             "    - {id: org_addon, category: licence, amount: 100, from: 1}\n",
             src);
    assert_int_equal(crm_evaluation_load(&f->ev, write_file(f->dir, "u.yaml", text),
                                         f->diags),
                     CRM_OK);
    assert_int_equal(crm_result_compute(&f->res, f->ev, f->diags), CRM_OK);
    assert_true(crm__set_find(f->ev->set, "budget.tco_per_seat_year", &tco));
    assert_true(crm__set_find(f->ev->set, "budget.pv_costs", &pv));
    /* neocrm: no price; an organisation-wide licence line does not make one */
    assert_string_equal(f->ev->vendors[0]->id, "neocrm");
    assert_false(f->ev->vendors[0]->price_known);
    assert_false(crm__result_value(f->res, 0, tco).present);
    assert_false(crm__result_value(f->res, 0, pv).present);
    /* pipedrive: 59 x 12 per seat-year plus the 100 add-on per year */
    assert_true(f->ev->vendors[1]->price_known);
    assert_true(crm__result_value(f->res, 1, tco).present);
    assert_near(crm__result_value(f->res, 1, tco).number, 59 * 12 + 100.0 / 10,
                0.005);
}

/* Rules a mutation would break: benefit escalation and vendor factors,
 * escalation of percentage lines, a vendor quote replacing the profile's
 * line, conversion of a cost line in another currency, cost savings, and
 * XNPV through the projection. */
static void test_finance__overrides_factors_and_dated_flows(void **state)
{
    struct test_fixture *f = *state;
    const struct crm_vendor_finance *vf = project(
        f,
        "kind: vendor\nid: v\ncriteria_set: hand\nname: V\npricing: {model: free}\n"
        "costs:\n"
        "  - {id: setup, category: implementation, amount: 1000, currency: USD, year: 0}\n"
        "  - {id: hosting, category: hosting, amount: 100, currency: USD, from: 1}\n",
        "{name: O, seats: 10}",
        "  flow_dates: [2027-01-01, 2027-12-31, 2028-12-31, 2029-12-31]\n"
        "  costs:\n"
        "    - {id: upkeep, category: support, percent: 10, of: [hosting],\n"
        "       from: 1, escalation: 0.5}\n"
        "  vendor_costs:\n"
        "    v: [{id: setup, category: implementation, amount: 5000, year: 0}]\n"
        "  benefits:\n"
        "    - {id: save, kind: cost_saving, amount: 1000, escalation: 0.1}\n"
        "  benefit_factors: {v: 1.5}\n");
    const struct crm_vendor *v = f->ev->vendors[0];
    double net[4];
    size_t t;

    /* the evaluation's quote (CNY) replaces the profile's USD estimate */
    assert_near(line(vf, v, "setup", 0), 5000, 1e-9);
    /* 100 USD at 7.0 */
    assert_near(line(vf, v, "hosting", 1), 700, 1e-9);
    /* 10% of hosting, escalating 50% a year from year 1 */
    assert_near(line(vf, v, "upkeep", 1), 70, 1e-9);
    assert_near(line(vf, v, "upkeep", 3), 70 * 1.5 * 1.5, 1e-9);
    /* 1000 x 1.1^(t-1) x factor 1.5 */
    assert_near(vf->base.rows[1].benefits, 1500, 1e-9);
    assert_near(vf->base.rows[3].benefits, 1500 * 1.21, 1e-9);
    for (t = 0; t < 4; t++) {
        net[t] = vf->base.rows[t].net;
    }
    assert_true(vf->base.summary.has_dates);
    assert_near(vf->base.summary.xnpv,
                crm_xnpv(0.1, net, f->ev->finance.flow_days, 4), 1e-9);
    assert_true(fabs(vf->base.summary.xnpv - vf->base.summary.npv) > 0.01);
}

static void test_finance__missing_rate_and_bad_reference(void **state)
{
    struct test_fixture *f = *state;
    char text[2048], set[512];
    crm_evaluation *ev = NULL;

    write_file(f->dir, "v.yaml",
               "kind: vendor\nid: v\ncriteria_set: hand\nname: V\n"
               "costs:\n  - {id: setup, category: implementation, amount: 10, currency: EUR}\n");
    src_path(set, sizeof(set), "tests/data/hand/criteria.yaml");
    snprintf(text, sizeof(text),
             "kind: evaluation\ntitle: F\ndate: 2026-01-01\n"
             "organisation: {name: O, seats: 5}\ncurrency: CNY\n"
             "criteria: %s\nvendors: [./v.yaml]\n"
             "finance:\n"
             "  costs:\n"
             "    - {id: upkeep, category: support, percent: 10, of: [setpu]}\n"
             "    - {id: a, category: support, percent: 10, of: [b]}\n"
             "    - {id: b, category: support, percent: 10, of: [a]}\n",
             set);
    assert_int_equal(crm_evaluation_load(&ev, write_file(f->dir, "e.yaml", text),
                                         f->diags),
                     CRM_EINPUT);
    assert_true(diags_contain(f->diags, "v.yaml:6:5: error: no exchange rate from EUR to CNY for cost line 'setup'"));
    assert_true(diags_contain(f->diags, "cost line 'upkeep' refers to 'setpu'"));
    assert_true(diags_contain(f->diags, "cost line 'a' is part of a cycle"));
}

static void test_finance__budget_knockout(void **state)
{
    struct test_fixture *f = *state;
    char text[2048], src[512];
    crm_evaluation *ev = NULL;
    crm_result *res = NULL;
    crm_vendor_summary s;

    /* The core set has the derived PV-of-costs criterion. */
    src_path(src, sizeof(src), "");
    snprintf(text, sizeof(text),
             "kind: evaluation\ntitle: F\ndate: 2026-01-01\n"
             "organisation: {name: O, seats: 100}\ncurrency: USD\n"
             "horizon_years: 3\ndiscount_rate: 0.08\nbudget: 100000\n"
             "criteria: %s/criteria/core.yaml\n"
             "vendors: [pipedrive, suitecrm]\n"
             "finance: {budget_knockout: true}\n",
             src);
    if (crm_evaluation_load(&ev, write_file(f->dir, "b.yaml", text), f->diags) !=
        CRM_OK) {
        print_diags(f->diags);
        fail_msg("cannot load");
    }
    assert_int_equal(crm_result_compute(&res, ev, f->diags), CRM_OK);
    /* pipedrive: 59 x 12 x 100 seats x 3 years, PV about 182,000 > 100,000 */
    crm_result_vendor(res, 1, &s);
    assert_string_equal(s.id, "pipedrive");
    assert_true(s.knocked_out);
    crm_result_vendor(res, 0, &s);
    assert_string_equal(s.id, "suitecrm");
    assert_false(s.knocked_out);
    crm_result_free(res);
    crm_evaluation_free(ev);
}

/* Load and score the example at @p example (under the source tree): its
 * one vendor's unadjusted summary. */
static const struct crm_finance_summary *example_summary(struct test_fixture *f,
                                                         const char *example)
{
    char path[512];

    src_path(path, sizeof(path), example);
    assert_int_equal(crm_evaluation_load(&f->ev, path, f->diags), CRM_OK);
    assert_int_equal(crm_result_compute(&f->res, f->ev, f->diags), CRM_OK);
    return &f->res->finance[0].base.summary;
}

/* Seed article 001 with its own inputs (examples/seed-npv.yaml): benefits
 * of 147,500 a year (5万 + 7.5万 + 0.45万 + 1.8万) against 180,000 of
 * running costs. By hand: the annuity factor at 10% over 5 years is
 * 3.7907868; NPV = -1,000,000 - 32,500 x 3.7907868 = -1,123,200.57; PV of
 * the benefits 147,500 x 3.7907868 = 559,141.05; the flows never change
 * sign, so there is no IRR, and the cumulative net never turns positive. */
static void test_finance__seed_example_evaluation(void **state)
{
    struct test_fixture *f = *state;
    const struct crm_finance_summary *s = example_summary(f, "examples/seed-npv.yaml");
    double annuity = (1 - pow(1.1, -5)) / 0.1;

    assert_near(annuity, 3.7907868, 1e-7);
    assert_near(s->npv, -1000000 - 32500 * annuity, 0.005);
    assert_near(s->npv, -1123200.57, 0.005);
    assert_near(s->pv_benefits, 147500 * annuity, 0.005);
    assert_near(s->pv_benefits, 559141.05, 0.005);
    assert_near(s->tco_pv, 1682341.62, 0.005);
    assert_near(s->roi * 100, -66.764, 0.0005);
    assert_int_equal(s->irr.status, CRM_IRR_NO_SIGN_CHANGE);
    assert_false(s->has_payback);
    assert_false(s->has_discounted_payback);
    /* the article's arithmetic, as printed: its four "PVs" add to 15.10万,
     * not the 14.1万 it states, and 5万 a year over 5 years at 10% is worth
     * 18.95万, not 5.49万 */
    assert_near(5.49 + 8.18 + 0.41 + 1.02, 15.10, 1e-9);
    assert_near(50000 * annuity, 189539.34, 0.005);
    /* the break-even benefit: NPV 0 at 443,797.48 a year */
    assert_near(1000000 / annuity + 180000, 443797.48, 0.005);
}

/* The assumption scenario beside it (examples/seed-npv-450k.yaml, 450,000 a
 * year, not in the article): the figures its header states. */
static void test_finance__seed_450k_scenario(void **state)
{
    struct test_fixture *f = *state;
    const struct crm_finance_summary *s = example_summary(f, "examples/seed-npv-450k.yaml");

    assert_near(s->npv, 23512.43, 0.005);
    assert_int_equal(s->irr.status, CRM_IRR_OK);
    assert_near(s->irr.roots[0] * 100, 10.916, 0.0005);
    assert_near(s->tco_pv, 1682341.62, 0.005);
    assert_near(s->pv_benefits, 1705854.05, 0.005);
    assert_near(s->roi * 100, 1.398, 0.0005);
    assert_near(s->payback, 3.70, 0.005);
    assert_near(s->discounted_payback, 4.86, 0.005);
}


/* ---- billing timing, per-line risk, capex/opex, rate scenarios ---- */

static const char free_vendor[] =
    "kind: vendor\nid: v\ncriteria_set: hand\nname: V\npricing: {model: free}\n";

/* A yearly cost billed in advance falls at the start of its year: year t
 * discounted by 1/(1.1)^(t-1). 1,000 a year in advance, 2,000 of benefits
 * at each year's end, 10%, 3 years:
 *   PV costs = 1000 (1 + 1/1.1 + 1/1.21) = 2,735.54
 *   PV benefits = 2000 (1/1.1 + 1/1.21 + 1/1.331) = 4,973.70
 *   NPV = 2,238.17 (in arrears it would be 2,486.85) */
static void test_finance__billing_in_advance(void **state)
{
    struct test_fixture *f = *state;
    const struct crm_vendor_finance *vf = project(
        f, free_vendor, "{name: O, seats: 10}",
        "  costs:\n"
        "    - {id: saas, category: licence, amount: 1000, from: 1, billing: advance}\n"
        "  benefits:\n"
        "    - {id: b, kind: cost_saving, amount: 2000}\n");
    const struct crm_finance_summary *s = &vf->base.summary;
    static const double cash[] = { -1000, 1000, 1000, 2000 };
    crm_irr_result irr = crm_irr(cash, 4, CRM_TIMING_END_OF_YEAR);

    assert_true(vf->mixed_timing);
    assert_false(vf->half_years);
    assert_near(s->tco_pv, 1000 * (1 + 1 / 1.1 + 1 / 1.21), 1e-9);
    assert_near(s->pv_benefits, 2000 * (1 / 1.1 + 1 / 1.21 + 1 / 1.331), 1e-9);
    assert_near(s->npv, 2238.17, 0.005);
    /* the row keeps the evaluation's factor; its discounted net takes each
     * flow at its own time: 2000/1.1 - 1000 */
    assert_near(vf->base.rows[1].factor, 1 / 1.1, 1e-15);
    assert_near(vf->base.rows[1].discounted_net, 2000 / 1.1 - 1000, 1e-9);
    assert_near(vf->base.rows[3].discounted_net, 2000 / 1.331 - 1000 / 1.21, 1e-9);
    /* the cash schedule by payment date: year 1's fee at time 0 */
    assert_near(vf->base.cash[0], -1000, 0);
    assert_near(vf->base.cash[2], 1000, 0);
    assert_near(vf->base.cash[6], 2000, 0);
    /* IRR on that schedule is the IRR of the yearly payments */
    assert_int_equal(s->irr.status, CRM_IRR_OK);
    assert_int_equal(irr.status, CRM_IRR_OK);
    assert_near(s->irr.roots[0], irr.roots[0], 1e-9);
}

/* Mid-year billing under end-of-year timing: 1/(1.1)^(t-0.5); and the
 * half-year grid reproduces the mid-year IRR exactly, as the spreadsheet
 * note says: (1 + IRR(f0, f1, 0, f2, 0, f3))^2 - 1. */
static void test_finance__billing_mid_year_and_half_year_grid(void **state)
{
    struct test_fixture *f = *state;
    const struct crm_vendor_finance *vf = project(
        f, free_vendor, "{name: O, seats: 10}",
        "  costs:\n"
        "    - {id: setup, category: implementation, amount: 3000, year: 0}\n"
        "    - {id: run, category: hosting, amount: 500, from: 1, billing: mid_year}\n"
        "  benefits:\n"
        "    - {id: b, kind: cost_saving, amount: 2000}\n");
    static const double yearly[] = { -1000, 300, 500, 900 };
    static const double grid[] = { -1000, 300, 0, 500, 0, 900, 0 };
    crm_irr_result mid = crm_irr(yearly, 4, CRM_TIMING_MID_YEAR);
    crm_irr_result half = crm_irr_grid(grid, 7, 0.5);
    double pv = 3000 + 500 * (pow(1.1, -0.5) + pow(1.1, -1.5) + pow(1.1, -2.5));

    assert_true(vf->half_years);
    assert_near(vf->base.summary.tco_pv, pv, 1e-9);
    assert_near(vf->base.cash[1], -500, 0);
    assert_near(vf->base.cash[2], 2000, 0);
    assert_int_equal(vf->base.summary.irr.status, CRM_IRR_OK);
    assert_near(crm_npv(0.1, (double[]){ -3000, 2000, 2000, 2000 }, 4,
                        CRM_TIMING_END_OF_YEAR) -
                    500 * (pow(1.1, -0.5) + pow(1.1, -1.5) + pow(1.1, -2.5)),
                vf->base.summary.npv, 1e-9);
    assert_int_equal(mid.status, CRM_IRR_OK);
    assert_int_equal(half.status, CRM_IRR_OK);
    assert_near(half.roots[0], mid.roots[0], 1e-10);
}

/* Each line its own risk adjustment and why (TEI); the others the
 * evaluation's flat 10% / 20%:
 *   year 0: 1,000 x 1.5 = 1,500;  year 1: 100 x 1.1 = 110
 *   benefits year 1: 1,000 x (1 - 0.4) + 500 x (1 - 0.2) = 1,000 */
static void test_finance__risk_per_line(void **state)
{
    struct test_fixture *f = *state;
    const struct crm_vendor_finance *vf = project(
        f, free_vendor, "{name: O, seats: 10}",
        "  risk: {costs: 0.1, benefits: 0.2}\n"
        "  costs:\n"
        "    - {id: a, category: implementation, amount: 1000, year: 0,\n"
        "       risk: {adjustment: 0.5, rationale: \"first project with this partner\"}}\n"
        "    - {id: b, category: hosting, amount: 100, from: 1}\n"
        "  benefits:\n"
        "    - {id: x, kind: cost_saving, amount: 1000, risk: 0.4}\n"
        "    - {id: y, kind: cost_saving, amount: 500}\n");
    const struct crm_vendor *v = f->ev->vendors[0];

    assert_near(vf->base.rows[0].total_cost, 1000, 0);
    assert_near(vf->adjusted.rows[0].total_cost, 1500, 1e-9);
    assert_near(vf->adjusted.rows[0].cost[CRM_COST_IMPLEMENTATION], 1500, 1e-9);
    assert_near(vf->adjusted.rows[1].total_cost, 110, 1e-9);
    assert_near(vf->adjusted.rows[1].benefits, 1000, 1e-9);
    assert_near(vf->line_adjusted[0 * vf->years + 0], 1500, 1e-9);
    assert_near(vf->benefit_adjusted[1 * vf->years + 2], 400, 1e-9);
    assert_true(v->plan[0].risk.present);
    assert_string_equal(v->plan[0].risk.rationale.en, "first project with this partner");
    assert_false(v->plan[1].risk.present);
    assert_near(crm__cost_risk(f->ev, &v->plan[1]), 0.1, 0);
}

/* Capex and opex by category, a line's own flag first. */
static void test_finance__capex_opex(void **state)
{
    struct test_fixture *f = *state;
    const struct crm_vendor_finance *vf = project(
        f, free_vendor, "{name: O, seats: 10}",
        "  capex: [implementation, hosting]\n"
        "  costs:\n"
        "    - {id: impl, category: implementation, amount: 5000, year: 0}\n"
        "    - {id: host, category: hosting, amount: 100, from: 1}\n"
        "    - {id: train, category: training, amount: 200, year: 0}\n"
        "    - {id: cloud, category: hosting, amount: 50, from: 1, expense: opex}\n");

    assert_near(vf->base.rows[0].capex, 5000, 0);
    assert_near(vf->base.rows[0].opex, 200, 0);
    assert_near(vf->base.rows[1].capex, 100, 0);
    assert_near(vf->base.rows[1].opex, 50, 0);
    assert_false(f->ev->finance.capex[CRM_COST_TRAINING]);
}

/* The discount-rate scenario table: the rate's own column is the NPV; the
 * others re-discount the same flows. Default: r and 2, 4 points around. */
static void test_finance__rate_scenarios(void **state)
{
    struct test_fixture *f = *state;
    const struct crm_vendor_finance *vf = project(
        f, free_vendor, "{name: O, seats: 10}",
        "  rate_scenarios: [0.05, 0.1]\n"
        "  risk: {benefits: 0.5}\n"
        "  costs:\n"
        "    - {id: impl, category: implementation, amount: 3000, year: 0}\n"
        "  benefits:\n"
        "    - {id: b, kind: cost_saving, amount: 2000}\n");
    const struct crm_analysis *an = f->res->analysis;
    static const double flows[] = { -3000, 2000, 2000, 2000 };
    static const double adjusted[] = { -3000, 1000, 1000, 1000 };

    assert_int_equal(an->scenario_count, 2);
    assert_near(an->scenarios[1].npv, vf->base.summary.npv, 1e-9);
    assert_near(an->scenarios[0].npv, crm_npv(0.05, flows, 4, CRM_TIMING_END_OF_YEAR),
                1e-9);
    assert_near(an->scenarios[0].npv_adjusted,
                crm_npv(0.05, adjusted, 4, CRM_TIMING_END_OF_YEAR), 1e-9);
    assert_near(an->scenarios[0].pv_costs, 3000, 0);
    crm_result_free(f->res);
    crm_evaluation_free(f->ev);
    f->res = NULL;
    f->ev = NULL;
    project(f, free_vendor, "{name: O, seats: 10}", "  costs: []\n");
    an = f->res->analysis;
    assert_int_equal(an->scenario_count, 5);
    assert_near(an->scenario_rates[0], 0.06, 0);
    assert_near(an->scenario_rates[4], 0.14, 0);
}

/* Every mistake in the new keys at its line and column, in one run. */
static void test_finance__billing_risk_capex_errors(void **state)
{
    struct test_fixture *f = *state;
    char text[2048], set[512];
    crm_evaluation *ev = NULL;

    write_file(f->dir, "v.yaml", free_vendor);
    src_path(set, sizeof(set), "tests/data/hand/criteria.yaml");
    snprintf(text, sizeof(text),
             "kind: evaluation\ntitle: F\ndate: 2026-01-01\n"
             "organisation: {name: O, seats: 10}\ncurrency: CNY\n"
             "horizon_years: 3\ndiscount_rate: 0.1\n"
             "criteria: %s\nvendors: [./v.yaml]\n"
             "finance:\n"
             "  pricing_billing: upfront\n"
             "  capex: [licence, servers]\n"
             "  rate_scenarios: [0.1, 0.08]\n"
             "  costs:\n"
             "    - {id: a, category: hosting, amount: 1, billing: weekly, risk: 6}\n"
             "    - {id: b, category: hosting, amount: 1, expense: asset,\n"
             "       risk: {adjustment: 0.1, why: x}}\n"
             "  benefits:\n"
             "    - {id: x, kind: cost_saving, amount: 1, risk: 1.5}\n",
             set);
    assert_int_equal(crm_evaluation_load(&ev, write_file(f->dir, "e.yaml", text),
                                         f->diags),
                     CRM_EINPUT);
    assert_true(diags_contain(f->diags, "e.yaml:11:20: error: invalid billing 'upfront'; expected one of: arrears, mid_year, advance"));
    assert_true(diags_contain(f->diags, "e.yaml:12:20: error: invalid cost category 'servers'"));
    assert_true(diags_contain(f->diags, "e.yaml:13:25: error: scenario discount rates must increase"));
    assert_true(diags_contain(f->diags, "e.yaml:15:54: error: invalid billing 'weekly'"));
    assert_true(diags_contain(f->diags, "e.yaml:15:68: error: a line's risk adjustment must be between 0 and 5 (got 6)"));
    assert_true(diags_contain(f->diags, "e.yaml:16:54: error: invalid expense 'asset'; expected one of: capex, opex"));
    assert_true(diags_contain(f->diags, "e.yaml:17:32: error: unknown key 'why' in a risk adjustment"));
    assert_true(diags_contain(f->diags, "e.yaml:19:51: error: a line's risk adjustment must be between 0 and 1 (got 1.5)"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_finance__npv_matches_excel_examples),
        cmocka_unit_test(test_finance__irr_matches_excel_examples),
        cmocka_unit_test(test_finance__seed_case_formulas),
        cmocka_unit_test(test_finance__irr_no_sign_change_is_null),
        cmocka_unit_test(test_finance__irr_two_sign_changes_lists_every_root),
        cmocka_unit_test(test_finance__irr_never_at_or_below_minus_100),
        cmocka_unit_test(test_finance__irr_tangent_and_close_roots),
        cmocka_unit_test(test_finance__irr_finds_constructed_roots),
        cmocka_unit_test(test_finance__irr_agrees_with_a_dense_scan),
        cmocka_unit_test(test_finance__mirr_matches_excel_examples),
        cmocka_unit_test(test_finance__xnpv_xirr_match_excel_examples),
        cmocka_unit_test(test_finance__payback),
        cmocka_unit_test(test_finance__timing_and_factors),
        cmocka_unit_test_setup_teardown(test_finance__seats_growth_minimum_and_escalation, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_finance__percent_lines_and_tiers, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_finance__perpetual_added_seats, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_finance__benefits_ramp_risk_and_timing, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_finance__unknown_price_leaves_tco_missing, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_finance__overrides_factors_and_dated_flows, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_finance__missing_rate_and_bad_reference, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_finance__budget_knockout, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_finance__seed_example_evaluation, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_finance__seed_450k_scenario, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_finance__billing_in_advance, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_finance__billing_mid_year_and_half_year_grid, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_finance__risk_per_line, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_finance__capex_opex, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_finance__rate_scenarios, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_finance__billing_risk_capex_errors, fixture_setup, fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
