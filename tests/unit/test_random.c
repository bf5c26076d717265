/* Unit tests: the xoshiro256** generator against published reference
 * values, the distributions' quantile functions against closed forms,
 * parameter checks, Latin hypercube strata and Iman-Conover rank
 * correlation. Statistical tests use fixed seeds, so they are
 * deterministic, with bounds of 4 standard errors from theory. */
#include "helpers.h"

#include <float.h>
#include <stdint.h>

#include "analysis/random.h"

#define INF HUGE_VAL

static struct crm_rng rng_state(uint64_t s0, uint64_t s1, uint64_t s2,
                                uint64_t s3)
{
    struct crm_rng rng;

    rng.s[0] = s0;
    rng.s[1] = s1;
    rng.s[2] = s2;
    rng.s[3] = s3;
    return rng;
}

static struct crm_dist dist3(enum crm_dist_kind kind, double a, double b,
                             double c)
{
    struct crm_dist d;

    memset(&d, 0, sizeof(d));
    d.kind = kind;
    d.a = a;
    d.b = b;
    d.c = c;
    d.lo = -INF;
    d.hi = INF;
    return d;
}

static struct crm_dist normal(double mean, double sd, double lo, double hi)
{
    struct crm_dist d = dist3(CRM_DIST_NORMAL, mean, sd, 0);

    d.lo = lo;
    d.hi = hi;
    return d;
}

static struct crm_dist discrete(const double *values, const double *probs,
                                size_t count)
{
    struct crm_dist d = dist3(CRM_DIST_DISCRETE, 0, 0, 0);

    d.values = values;
    d.probs = probs;
    d.count = count;
    return d;
}

/* Standard normal CDF and upper tail, straight from erfc. */
static double phi_cdf(double z)
{
    return 0.5 * erfc(-z / sqrt(2.0));
}

static double phi_upper(double z)
{
    return 0.5 * erfc(z / sqrt(2.0));
}

/* The mean of a distribution as the integral of its quantile function
 * over (0, 1), by the midpoint rule: an independent path to the mean.
 * Q'(p) is unbounded at an end where the density vanishes (PERT, or a
 * truncation far in a tail), so the end cells limit the accuracy: about
 * 2e-6 with 20000 steps for the cases below, hence QUAD_TOL. */
#define QUAD_STEPS 20000
#define QUAD_TOL 1e-5

static double quantile_integral(const struct crm_dist *d, size_t steps)
{
    double sum = 0;
    size_t i;

    for (i = 0; i < steps; i++) {
        sum += crm__dist_quantile(d, ((double)i + 0.5) / (double)steps);
    }
    return sum / (double)steps;
}

/* The inverse of an odd number modulo 2^64 (Newton's iteration; each step
 * doubles the number of correct low bits). */
static uint64_t inverse_odd(uint64_t a)
{
    uint64_t x = a;
    int i;

    for (i = 0; i < 6; i++) {
        x *= 2 - a * x;
    }
    return x;
}

static int compare_double(const void *pa, const void *pb)
{
    const double a = *(const double *)pa, b = *(const double *)pb;

    return (a > b) - (a < b);
}

/* ---- the generator ---- */

/* The first outputs of the reference xoshiro256starstar.c from state
 * {1, 2, 3, 4}, as published with Rust's rand_xoshiro; rechecked with an
 * independent implementation of the paper's next(). */
static void test_random__xoshiro_reference_outputs(void **state)
{
    static const uint64_t expected[] = {
        UINT64_C(11520), UINT64_C(0), UINT64_C(1509978240),
        UINT64_C(1215971899390074240), UINT64_C(1216172134540287360),
        UINT64_C(607988272756665600), UINT64_C(16172922978634559625),
        UINT64_C(8476171486693032832), UINT64_C(10595114339597558777),
        UINT64_C(2904607092377533576)
    };
    struct crm_rng rng = rng_state(1, 2, 3, 4);
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(expected) / sizeof(expected[0]); i++) {
        assert_true(crm__rng_next(&rng) == expected[i]);
    }
}

/* The state words are the first four outputs of splitmix64 from seed 0,
 * as published for Vigna's splitmix64.c. */
static void test_random__seed_uses_splitmix64(void **state)
{
    struct crm_rng rng;

    (void)state;
    crm__rng_seed(&rng, 0);
    assert_true(rng.s[0] == UINT64_C(0xe220a8397b1dcdaf));
    assert_true(rng.s[1] == UINT64_C(0x6e789e6aa1b965f4));
    assert_true(rng.s[2] == UINT64_C(0x06c45d188009454f));
    assert_true(rng.s[3] == UINT64_C(0xf88bb8a8724c81ec));
}

/* jump() from state {0, 0, 0, 1}: the state the reference C jump()
 * produces, as tabulated in the xoshiro-fortran test data (published for
 * xoshiro256++, which shares xoshiro256**'s linear engine and jump). */
static void test_random__jump_matches_reference(void **state)
{
    struct crm_rng rng = rng_state(0, 0, 0, 1);

    (void)state;
    crm__rng_jump(&rng);
    assert_true(rng.s[0] == UINT64_C(0x934d05e8b2076310));
    assert_true(rng.s[1] == UINT64_C(0xeabdd0bf76a1be51));
    assert_true(rng.s[2] == UINT64_C(0x75dd6a992accb1e8));
    assert_true(rng.s[3] == UINT64_C(0xc660c602a7330187));
}

static void test_random__jump_changes_stream_and_is_reproducible(void **st)
{
    struct crm_rng base, a, b, c;
    int i, same = 0;

    (void)st;
    crm__rng_seed(&base, 20240601);
    a = base;
    b = base;
    c = base;
    crm__rng_jump(&a);
    crm__rng_jump(&b);
    for (i = 0; i < 1000; i++) {
        const uint64_t x = crm__rng_next(&a);

        assert_true(x == crm__rng_next(&b));
        if (x == crm__rng_next(&c)) {
            same++;
        }
    }
    assert_int_equal(same, 0);

    /* A jump is a power of the state transition, so it commutes with a
     * step: step-then-jump equals jump-then-step. */
    a = base;
    b = base;
    crm__rng_next(&a);
    crm__rng_jump(&a);
    crm__rng_jump(&b);
    crm__rng_next(&b);
    assert_memory_equal(a.s, b.s, sizeof(a.s));
}

/* A state whose next output is all ones: result = rotl(s1 * 5, 7) * 9
 * inverted for s1 (the other words do not enter the output). */
static struct crm_rng all_ones_state(void)
{
    const uint64_t x = UINT64_MAX * inverse_odd(9);
    const uint64_t s1 = ((x >> 7) | (x << 57)) * inverse_odd(5);

    return rng_state(3, s1, 7, 11);
}

static void test_random__uniform_from_top_53_bits(void **st)
{
    struct crm_rng rng = all_ones_state();
    struct crm_rng copy;
    double u;
    int i;

    (void)st;
    copy = rng;
    assert_true(crm__rng_next(&copy) == UINT64_MAX);
    u = crm__rng_uniform(&rng);
    assert_true(u < 1.0);
    assert_true(u == 1.0 - 0x1.0p-53);

    /* s1 = 0 makes the output 0. */
    rng = rng_state(1, 0, 3, 4);
    assert_true(crm__rng_uniform(&rng) == 0.0);

    crm__rng_seed(&rng, 7);
    for (i = 0; i < 100000; i++) {
        uint64_t bits;

        copy = rng;
        bits = crm__rng_next(&copy);
        u = crm__rng_uniform(&rng);
        assert_true(u >= 0.0 && u < 1.0);
        assert_true(u == (double)(bits >> 11) * 0x1.0p-53);
    }
}

static void test_random__uniform_moments_match_theory(void **state)
{
    const int n = 200000;
    struct crm_rng rng;
    double sum = 0, sumsq = 0, mean, var;
    int i;

    (void)state;
    crm__rng_seed(&rng, 12345);
    for (i = 0; i < n; i++) {
        const double u = crm__rng_uniform(&rng);

        sum += u;
        sumsq += u * u;
    }
    mean = sum / n;
    var = (sumsq - n * mean * mean) / (n - 1);
    /* se(mean) = sqrt(1/12 / n); se(var) = sqrt((mu4 - sigma^4) / n) with
     * mu4 = 1/80 and sigma^4 = 1/144, so mu4 - sigma^4 = 1/180. */
    assert_near(mean, 0.5, 4 * sqrt(1.0 / 12.0 / n));
    assert_near(var, 1.0 / 12.0, 4 * sqrt(1.0 / 180.0 / n));
}

static void test_random__normal_moments_match_theory(void **state)
{
    const int n = 200000;
    struct crm_rng rng, copy;
    double sum = 0, sumsq = 0, mean, var, inside = 0;
    int i;

    (void)state;
    crm__rng_seed(&rng, 777);
    for (i = 0; i < n; i++) {
        const double z = crm__rng_normal(&rng);

        sum += z;
        sumsq += z * z;
        if (fabs(z) < 1.959963984540054) {
            inside++;
        }
    }
    mean = sum / n;
    var = (sumsq - n * mean * mean) / (n - 1);
    /* se(var) = sqrt((mu4 - sigma^4) / n) = sqrt(2 / n). */
    assert_near(mean, 0.0, 4 * sqrt(1.0 / n));
    assert_near(var, 1.0, 4 * sqrt(2.0 / n));
    /* The shape, not just two moments: 95% within +-1.96. */
    assert_near(inside / n, 0.95, 4 * sqrt(0.95 * 0.05 / n));

    /* No value is cached between calls: a deviate depends only on the
     * state passed in, and two equal states stay equal. */
    copy = rng;
    assert_true(crm__rng_normal(&rng) == crm__rng_normal(&copy));
    assert_memory_equal(rng.s, copy.s, sizeof(rng.s));
}

/* ---- quantiles ---- */

/* Triangular CDF, the two quadratic pieces. */
static double triangular_cdf(double a, double b, double c, double x)
{
    if (x <= b) {
        return b > a ? (x - a) * (x - a) / ((c - a) * (b - a)) : 0;
    }
    return 1 - (c - x) * (c - x) / ((c - a) * (c - b));
}

static void test_random__triangular_quantile_closed_form(void **state)
{
    static const double abc[][3] = {
        { 0, 3, 9 }, { 1, 2, 3 }, { 0, 0, 1 }, { -5, 10, 10 }, { 2, 2.5, 7 }
    };
    static const double ps[] = { 0.001, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999 };
    struct crm_dist d;
    size_t i, j;

    (void)state;
    /* Medians worked by hand: F(3) = 1/3 < 1/2 for (0, 3, 9), so the median
     * is 9 - sqrt(0.5 * 9 * 6); (0, 0, 1) has F^-1(p) = 1 - sqrt(1 - p). */
    d = dist3(CRM_DIST_TRIANGULAR, 0, 3, 9);
    assert_near(crm__dist_quantile(&d, 0.5), 9 - sqrt(27.0), 1e-12);
    assert_near(crm__dist_quantile(&d, 1.0 / 3.0), 3, 1e-12);
    d = dist3(CRM_DIST_TRIANGULAR, 1, 2, 3);
    assert_near(crm__dist_quantile(&d, 0.5), 2, 1e-12);
    d = dist3(CRM_DIST_TRIANGULAR, 0, 0, 1);
    assert_near(crm__dist_quantile(&d, 0.5), 1 - sqrt(0.5), 1e-12);

    for (i = 0; i < sizeof(abc) / sizeof(abc[0]); i++) {
        d = dist3(CRM_DIST_TRIANGULAR, abc[i][0], abc[i][1], abc[i][2]);
        for (j = 0; j < sizeof(ps) / sizeof(ps[0]); j++) {
            const double x = crm__dist_quantile(&d, ps[j]);

            assert_near(triangular_cdf(abc[i][0], abc[i][1], abc[i][2], x),
                        ps[j], 1e-12);
        }
    }
}

static void test_random__uniform_quantile(void **state)
{
    struct crm_dist d = dist3(CRM_DIST_UNIFORM, 2, 6, 0);

    (void)state;
    assert_near(crm__dist_quantile(&d, 0.25), 3, 1e-15);
    assert_near(crm__dist_quantile(&d, 0.5), 4, 1e-15);
    assert_near(crm__dist_quantile(&d, 0.9), 5.6, 1e-15);
}

static void test_random__normal_quantile_reference_values(void **state)
{
    static const double tail[] = { 1e-300, 1e-100, 1e-20, 1e-10, 1e-5,
                                   0.001, 0.02425, 0.1, 0.3, 0.5 };
    struct crm_dist d = normal(0, 1, -INF, INF);
    size_t i;

    (void)state;
    /* Standard table values. */
    assert_near(crm__dist_quantile(&d, 0.975), 1.959963985, 1e-9);
    assert_near(crm__dist_quantile(&d, 0.025), -1.959963985, 1e-9);
    assert_near(crm__dist_quantile(&d, 0.5), 0, 1e-15);
    assert_near(crm__dist_quantile(&d, 0.999), 3.090232306, 1e-9);
    assert_near(crm__dist_quantile(&d, phi_cdf(1.0)), 1.0, 1e-12);

    /* Round trips through erfc, to relative precision, in both tails. In
     * the upper tail the probability is 1 - (1 - p), exact by Sterbenz,
     * and vanishes once 1 - p rounds to 1. */
    for (i = 0; i < sizeof(tail) / sizeof(tail[0]); i++) {
        const double p = tail[i], pu = 1 - p;

        assert_near(phi_cdf(crm__dist_quantile(&d, p)) / p, 1, 1e-12);
        if (pu < 1) {
            assert_near(phi_upper(crm__dist_quantile(&d, pu)) / (1 - pu), 1,
                        1e-12);
        }
    }

    d = normal(10, 2, -INF, INF);
    assert_near(crm__dist_quantile(&d, 0.975), 10 + 2 * 1.959963985, 2e-9);
}

static void test_random__truncated_normal_quantile(void **state)
{
    static const double ps[] = { 1e-9, 0.01, 0.2, 0.5, 0.8, 0.99,
                                 1 - 1e-9 };
    struct crm_dist d;
    size_t i;

    (void)state;
    /* Symmetric truncation around the mean: the median is the mean. */
    d = normal(5, 2, 3, 7);
    assert_near(crm__dist_quantile(&d, 0.5), 5, 1e-12);

    /* Half-normal: the median is Phi^-1(3/4) = 0.6744897502. */
    d = normal(0, 1, 0, INF);
    assert_near(crm__dist_quantile(&d, 0.5), 0.6744897502, 1e-9);

    /* Asymmetric truncation: stays in [lo, hi] and inverts the truncated
     * CDF (Phi(z) - Phi(zl)) / (Phi(zh) - Phi(zl)). */
    d = normal(1, 2, -2, 4);
    for (i = 0; i < sizeof(ps) / sizeof(ps[0]); i++) {
        const double x = crm__dist_quantile(&d, ps[i]);
        const double zl = -1.5, zh = 1.5;

        assert_true(x >= -2 && x <= 4);
        assert_near((phi_cdf((x - 1) / 2) - phi_cdf(zl))
                        / (phi_cdf(zh) - phi_cdf(zl)),
                    ps[i], 1e-12);
    }

    /* Far in the upper tail, [6, 8] sd: lower-tail probabilities all
     * round to 1 there, so this needs the upper-tail formulation. */
    d = normal(0, 1, 6, 8);
    for (i = 0; i < sizeof(ps) / sizeof(ps[0]); i++) {
        const double x = crm__dist_quantile(&d, ps[i]);

        assert_true(x >= 6 && x <= 8);
        assert_near((phi_upper(6) - phi_upper(x))
                        / (phi_upper(6) - phi_upper(8)),
                    ps[i], 1e-9);
    }

    /* p = 0 and p = 1 (an exact 0 from the generator) stay in range. */
    d = normal(0, 1, -1, 1);
    assert_true(crm__dist_quantile(&d, 0) >= -1);
    assert_true(crm__dist_quantile(&d, 1) <= 1);
    d = normal(0, 1, -INF, INF);
    assert_true(isfinite(crm__dist_quantile(&d, 0)));
    assert_true(isfinite(crm__dist_quantile(&d, 1)));
}

/* The regularised incomplete beta function for integer shapes, which PERT
 * has when (b - a) / (c - a) is a multiple of 1/4: with n = alpha + beta - 1
 * = 5, I_x = sum_{j = alpha}^{n} C(n, j) x^j (1 - x)^(n - j). */
static double beta_cdf_integer(int alpha, double x)
{
    static const double choose5[] = { 1, 5, 10, 10, 5, 1 };
    double sum = 0;
    int j;

    for (j = alpha; j <= 5; j++) {
        sum += choose5[j] * pow(x, j) * pow(1 - x, 5 - j);
    }
    return sum;
}

static void test_random__pert_quantile_closed_forms(void **state)
{
    static const double ps[] = { 1e-6, 0.01, 0.1, 0.3, 0.5, 0.7, 0.9,
                                 0.99, 1 - 1e-6 };
    struct crm_dist d;
    size_t i;
    int alpha;

    (void)state;
    /* Mode at low: Beta(1, 5), F^-1(p) = 1 - (1 - p)^(1/5); mode at high:
     * Beta(5, 1), F^-1(p) = p^(1/5). */
    d = dist3(CRM_DIST_PERT, 10, 10, 20);
    for (i = 0; i < sizeof(ps) / sizeof(ps[0]); i++) {
        assert_near(crm__dist_quantile(&d, ps[i]),
                    10 + 10 * (1 - pow(1 - ps[i], 0.2)), 1e-10);
    }
    d = dist3(CRM_DIST_PERT, 10, 20, 20);
    for (i = 0; i < sizeof(ps) / sizeof(ps[0]); i++) {
        assert_near(crm__dist_quantile(&d, ps[i]), 10 + 10 * pow(ps[i], 0.2),
                    1e-10);
    }

    /* Every integer shape: round trip through the binomial-sum CDF. */
    for (alpha = 1; alpha <= 5; alpha++) {
        d = dist3(CRM_DIST_PERT, -4, -4 + 2 * (alpha - 1), 4);
        for (i = 0; i < sizeof(ps) / sizeof(ps[0]); i++) {
            const double x = crm__dist_quantile(&d, ps[i]);

            assert_near(beta_cdf_integer(alpha, (x + 4) / 8), ps[i], 1e-12);
        }
    }

    /* Symmetric PERT: the median is the mode. */
    d = dist3(CRM_DIST_PERT, 2, 5, 8);
    assert_near(crm__dist_quantile(&d, 0.5), 5, 1e-12);

    /* A non-integer shape (alpha 1.8, beta 4.2): the quantile integrates
     * to the PERT mean (a + 4b + c) / 6 = 3. */
    d = dist3(CRM_DIST_PERT, 0, 2, 10);
    assert_near(quantile_integral(&d, QUAD_STEPS), 3, QUAD_TOL);
}

static void test_random__quantile_monotone_in_p(void **state)
{
    static const double values[] = { -1, 0, 2.5, 7 };
    static const double probs[] = { 0.1, 0.4, 0, 0.5 };
    struct crm_dist dists[8];
    size_t i, j;

    (void)state;
    dists[0] = dist3(CRM_DIST_TRIANGULAR, 0, 3, 9);
    dists[1] = dist3(CRM_DIST_PERT, 0, 2, 10);
    dists[2] = dist3(CRM_DIST_PERT, 0, 0, 1);
    dists[3] = dist3(CRM_DIST_UNIFORM, -3, 3, 0);
    dists[4] = normal(100, 15, -INF, INF);
    dists[5] = normal(100, 15, 90, INF);
    dists[6] = normal(0, 1, 5, 9);
    dists[7] = discrete(values, probs, 4);
    for (i = 0; i < sizeof(dists) / sizeof(dists[0]); i++) {
        double prev = crm__dist_quantile(&dists[i], 0);

        for (j = 1; j <= 20000; j++) {
            const double p = (double)j / 20001.0;
            const double x = crm__dist_quantile(&dists[i], p);

            assert_true(x >= prev);
            prev = x;
        }
        assert_true(crm__dist_quantile(&dists[i], 1) >= prev);
    }
}

/* The column form gives exactly the values of the one-at-a-time form. */
static void test_random__quantiles_match_quantile(void **state)
{
    static const double values[] = { -1, 0, 2.5, 7 };
    static const double probs[] = { 0.1, 0.4, 0, 0.5 };
    struct crm_dist dists[6];
    double p[1002], x[1002];
    size_t i, j;

    (void)state;
    dists[0] = dist3(CRM_DIST_TRIANGULAR, 0, 3, 9);
    dists[1] = dist3(CRM_DIST_TRIANGULAR, 2, 2, 5); /* mode at the low end */
    dists[2] = dist3(CRM_DIST_PERT, 0, 2, 10);
    dists[3] = dist3(CRM_DIST_UNIFORM, -3, 3, 0);
    dists[4] = normal(100, 15, 90, INF);
    dists[5] = discrete(values, probs, 4);
    for (j = 0; j < 1000; j++) {
        p[j] = ((double)j + 0.5) / 1000.0;
    }
    p[1000] = 0;
    p[1001] = 1;
    for (i = 0; i < sizeof(dists) / sizeof(dists[0]); i++) {
        memcpy(x, p, sizeof(p));
        crm__dist_quantiles(&dists[i], x, 1002);
        for (j = 0; j < 1002; j++) {
            assert_true(x[j] == crm__dist_quantile(&dists[i], p[j]));
        }
    }
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    return x < y ? -1 : x > y;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : (x > y);
}

/* The radix sort against qsort: negatives, duplicates, zeros, huge and
 * tiny magnitudes, and columns whose high digits are all equal. */
static void test_random__sort_doubles_matches_qsort(void **state)
{
    enum { N = 5000 };
    double *a = malloc(N * sizeof(double)), *b = malloc(N * sizeof(double));
    uint64_t *keys = malloc(2 * N * sizeof(uint64_t));
    struct crm_rng rng;
    size_t i, round;

    (void)state;
    crm__rng_seed(&rng, 7);
    for (round = 0; round < 3; round++) {
        for (i = 0; i < N; i++) {
            double u = crm__rng_uniform(&rng);

            switch (round) {
            case 0: /* wide: both signs, many magnitudes */
                a[i] = (u - 0.5) * pow(10, (double)(i % 40) - 20);
                break;
            case 1: /* scores: all close together, many ties */
                a[i] = 54 + floor(u * 1000) / 1e6;
                break;
            default: /* money with exact zeros */
                a[i] = i % 7 == 0 ? 0 : floor((u - 0.3) * 1e7);
                break;
            }
            b[i] = a[i];
        }
        crm__sort_doubles(a, N, keys, keys + N);
        qsort(b, N, sizeof(double), cmp_double);
        for (i = 0; i < N; i++) {
            assert_true(a[i] == b[i]);
        }
    }
    crm__sort_doubles(a, 0, keys, keys + N); /* nothing to do, no crash */
    free(a);
    free(b);
    free(keys);
}

/* Selection against a sort: the same data shapes as above, plus skewed
 * columns (one value far from the rest, so that one bucket holds nearly
 * all values) and every rank of a small column. */
static void test_random__select_ranks_matches_qsort(void **state)
{
    enum { N = 20000 };
    double *a = malloc(N * sizeof(double)), *b = malloc(N * sizeof(double));
    double *copy = malloc(N * sizeof(double)), *scratch = malloc((4 * N + 16) * sizeof(double));
    double out[64];
    size_t ranks[64], i, j, round, n;
    struct crm_rng rng;

    (void)state;
    crm__rng_seed(&rng, 11);
    for (round = 0; round < 5; round++) {
        n = round == 4 ? 300 : N;
        for (i = 0; i < n; i++) {
            double u = crm__rng_uniform(&rng);

            switch (round) {
            case 0:
                a[i] = (u - 0.5) * pow(10, (double)(i % 40) - 20);
                break;
            case 1:
                a[i] = 54 + floor(u * 1000) / 1e6;
                break;
            case 2:
                a[i] = i % 7 == 0 ? 0 : floor((u - 0.3) * 1e7);
                break;
            case 3: /* skewed: one huge value */
                a[i] = i == 17 ? 1e300 : u;
                break;
            default:
                a[i] = floor(u * 10);
                break;
            }
            b[i] = copy[i] = a[i];
        }
        qsort(b, n, sizeof(double), cmp_double);
        for (j = 0; j < 64; j++) {
            /* ranks spread over the column, repeats and both ends */
            ranks[j] = j == 0 ? 0 : j == 63 ? n - 1 : (size_t)(crm__rng_uniform(&rng) * (double)n);
        }
        qsort(ranks, 64, sizeof(size_t), cmp_size);
        crm__select_ranks(a, n, ranks, 64, out, scratch);
        for (j = 0; j < 64; j++) {
            assert_true(out[j] == b[ranks[j]]);
        }
        for (i = 0; i < n; i++) {
            assert_true(a[i] == copy[i]); /* the input is not changed */
        }
    }
    free(a);
    free(b);
    free(copy);
    free(scratch);
}

static void test_random__discrete_quantile(void **state)
{
    static const double values[] = { 10, 20, 30 };
    static const double probs[] = { 0.25, 0.5, 0.25 };
    static const double unsorted[] = { 30, 10, 20 };
    static const double gap_values[] = { 1, 2, 3 };
    static const double gap_probs[] = { 0.5, 0, 0.5 };
    struct crm_dist d = discrete(values, probs, 3);

    (void)state;
    /* The smallest value whose cumulative probability reaches p. */
    assert_near(crm__dist_quantile(&d, 0.1), 10, 0);
    assert_near(crm__dist_quantile(&d, 0.25), 10, 0);
    assert_near(crm__dist_quantile(&d, 0.2501), 20, 0);
    assert_near(crm__dist_quantile(&d, 0.75), 20, 0);
    assert_near(crm__dist_quantile(&d, 0.7501), 30, 0);
    assert_near(crm__dist_quantile(&d, 0.9999), 30, 0);

    /* Values are taken in the order given, not sorted. */
    d = discrete(unsorted, probs, 3);
    assert_near(crm__dist_quantile(&d, 0.1), 30, 0);
    assert_near(crm__dist_quantile(&d, 0.9), 20, 0);

    /* A value with probability 0 is never returned. */
    d = discrete(gap_values, gap_probs, 3);
    assert_near(crm__dist_quantile(&d, 0.5), 1, 0);
    assert_near(crm__dist_quantile(&d, 0.5000001), 3, 0);
    d = discrete(gap_values + 1, gap_probs + 1, 2);
    assert_near(crm__dist_quantile(&d, 0), 3, 0);
}

static void test_random__mean_and_point(void **state)
{
    static const double values[] = { 10, 20, 30 };
    static const double probs[] = { 0.2, 0.5, 0.3 };
    struct crm_dist d;

    (void)state;
    d = dist3(CRM_DIST_POINT, 42, 0, 0);
    assert_near(crm__dist_mean(&d), 42, 0);
    assert_near(crm__dist_point(&d), 42, 0);
    assert_near(crm__dist_quantile(&d, 0.3), 42, 0);

    d = dist3(CRM_DIST_TRIANGULAR, 0, 3, 9);
    assert_near(crm__dist_mean(&d), 4, 1e-15);
    assert_near(crm__dist_point(&d), 3, 0);
    assert_near(quantile_integral(&d, QUAD_STEPS), 4, QUAD_TOL);

    d = dist3(CRM_DIST_PERT, 0, 2, 10);
    assert_near(crm__dist_mean(&d), 3, 1e-15);
    assert_near(crm__dist_point(&d), 2, 0);

    d = dist3(CRM_DIST_UNIFORM, 2, 6, 0);
    assert_near(crm__dist_mean(&d), 4, 0);
    assert_near(crm__dist_point(&d), 4, 0);

    d = normal(5, 2, -INF, INF);
    assert_near(crm__dist_mean(&d), 5, 0);
    assert_near(crm__dist_point(&d), 5, 0);

    /* Half-normal mean sqrt(2 / pi); the point value is the mean parameter
     * clamped into the truncation. */
    d = normal(0, 1, 0, INF);
    assert_near(crm__dist_mean(&d), sqrt(2 / 3.14159265358979323846), 1e-12);
    assert_near(crm__dist_point(&d), 0, 0);
    d = normal(0, 1, 1, 3);
    assert_near(crm__dist_point(&d), 1, 0);
    assert_near(crm__dist_mean(&d), quantile_integral(&d, QUAD_STEPS),
                QUAD_TOL);
    d = normal(0, 1, 6, 8);
    assert_near(crm__dist_mean(&d), quantile_integral(&d, QUAD_STEPS),
                QUAD_TOL);

    d = discrete(values, probs, 3);
    assert_near(crm__dist_mean(&d), 21, 1e-12);
    assert_near(crm__dist_point(&d), 21, 1e-12);
}

static void test_random__check_rejects_bad_parameters(void **state)
{
    static const double values[] = { 1, 2, 3 };
    static const double ok_probs[] = { 0.1, 0.2, 0.7 };
    static const double near_probs[] = { 0.1, 0.2, 0.7 + 5e-10 };
    static const double short_probs[] = { 0.1, 0.2, 0.6 };
    static const double over_probs[] = { 0.1, 0.2, 0.7 + 1e-8 };
    static const double neg_probs[] = { -0.1, 0.4, 0.7 };
    static const double nan_values[] = { 1, NAN, 3 };
    static const double inf_probs[] = { INFINITY, 0, 0 };
    struct {
        struct crm_dist d;
        bool ok;
    } cases[40];
    size_t n = 0, i;

    (void)state;
#define CASE(dist, expect)    \
    do {                      \
        cases[n].d = dist;    \
        cases[n].ok = expect; \
        n++;                  \
    } while (0)
    CASE(dist3(CRM_DIST_POINT, 1, 0, 0), true);
    CASE(dist3(CRM_DIST_POINT, NAN, 0, 0), false);
    CASE(dist3(CRM_DIST_POINT, INF, 0, 0), false);
    CASE(dist3(CRM_DIST_TRIANGULAR, 0, 3, 9), true);
    CASE(dist3(CRM_DIST_TRIANGULAR, 0, 0, 9), true);
    CASE(dist3(CRM_DIST_TRIANGULAR, 0, 9, 9), true);
    CASE(dist3(CRM_DIST_TRIANGULAR, 4, 3, 9), false);
    CASE(dist3(CRM_DIST_TRIANGULAR, 0, 10, 9), false);
    CASE(dist3(CRM_DIST_TRIANGULAR, 5, 5, 5), false);
    CASE(dist3(CRM_DIST_TRIANGULAR, 0, NAN, 9), false);
    CASE(dist3(CRM_DIST_TRIANGULAR, -INF, 0, 9), false);
    CASE(dist3(CRM_DIST_PERT, 0, 3, 9), true);
    CASE(dist3(CRM_DIST_PERT, 9, 3, 0), false);
    CASE(dist3(CRM_DIST_PERT, 1, 1, 1), false);
    CASE(dist3(CRM_DIST_PERT, 0, 3, INF), false);
    CASE(dist3(CRM_DIST_UNIFORM, 0, 1, 0), true);
    CASE(dist3(CRM_DIST_UNIFORM, 1, 1, 0), false);
    CASE(dist3(CRM_DIST_UNIFORM, 2, 1, 0), false);
    CASE(dist3(CRM_DIST_UNIFORM, 0, INF, 0), false);
    CASE(normal(0, 1, -INF, INF), true);
    CASE(normal(0, 1, 0, INF), true);
    CASE(normal(0, 0, -INF, INF), false);
    CASE(normal(0, -1, -INF, INF), false);
    CASE(normal(INF, 1, -INF, INF), false);
    CASE(normal(0, NAN, -INF, INF), false);
    CASE(normal(0, 1, 2, 2), false);
    CASE(normal(0, 1, 3, 2), false);
    CASE(normal(0, 1, NAN, 2), false);
    CASE(normal(0, 1, INF, INF), false);
    CASE(normal(0, 1, 50, 60), false);
    CASE(discrete(values, ok_probs, 3), true);
    CASE(discrete(values, near_probs, 3), true);
    CASE(discrete(values, ok_probs, 0), false);
    CASE(discrete(values, short_probs, 3), false);
    CASE(discrete(values, over_probs, 3), false);
    CASE(discrete(values, neg_probs, 3), false);
    CASE(discrete(nan_values, ok_probs, 3), false);
    CASE(discrete(values, inf_probs, 3), false);
    CASE(dist3((enum crm_dist_kind)99, 0, 1, 2), false);
#undef CASE
    assert_true(n <= sizeof(cases) / sizeof(cases[0]));

    for (i = 0; i < n; i++) {
        const char *reason = NULL;
        const bool ok = crm__dist_check(&cases[i].d, &reason);

        if (ok != cases[i].ok) {
            fail_msg("case %zu: check returned %d (%s)", i, (int)ok,
                     reason != NULL ? reason : "no reason");
        }
        if (!ok) {
            assert_non_null(reason);
            assert_true(strlen(reason) > 0);
        }
    }
    /* The reason pointer may be NULL. */
    assert_false(crm__dist_check(&cases[1].d, NULL));
}

/* ---- Latin hypercube ---- */

/* Each of p[0..n) lies in its own stratum [k/n, (k+1)/n); returns how
 * many sit at their own index (n when not shuffled). */
static size_t assert_one_per_stratum(const double *p, size_t n)
{
    char *seen = calloc(n, 1);
    size_t i, in_order = 0;

    assert_non_null(seen);
    for (i = 0; i < n; i++) {
        size_t k = (size_t)(p[i] * (double)n);

        /* p * n can round across a boundary; settle k exactly. */
        if (k >= n || (k > 0 && p[i] < (double)k / (double)n)) {
            k--;
        }
        assert_true(p[i] >= (double)k / (double)n);
        assert_true(p[i] < (double)(k + 1) / (double)n);
        assert_int_equal(seen[k], 0);
        seen[k] = 1;
        if (k == i) {
            in_order++;
        }
    }
    free(seen);
    return in_order;
}

static void test_random__lhs_one_value_per_stratum(void **state)
{
    static const size_t sizes[] = { 1, 7, 1000 };
    double p[1000];
    struct crm_rng rng;
    size_t s;

    (void)state;
    crm__rng_seed(&rng, 99);
    for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
        size_t in_order;

        crm__lhs_column(&rng, p, sizes[s]);
        in_order = assert_one_per_stratum(p, sizes[s]);
        /* Shuffled: 1000 strata left in order would take 1/1000!. */
        if (sizes[s] == 1000) {
            assert_true(in_order < sizes[s]);
        }
    }

    /* The largest uniform, 1 - 2^-53, in stratum 0 of 3: the quotient
     * (1 - 2^-53) / 3 rounds to 1/3, the next stratum's lower end. */
    rng = all_ones_state();
    crm__lhs_column(&rng, p, 3);
    assert_one_per_stratum(p, 3);
}

/* What the simulation relies on: stratifying the quantile of a
 * triangular(0, 3, 9) over 1000 strata gives its mean, 4, far more
 * closely than plain Monte Carlo (se 0.06 for n = 1000). */
static void test_random__lhs_triangular_mean_is_exact_enough(void **state)
{
    const size_t n = 1000;
    struct crm_dist d = dist3(CRM_DIST_TRIANGULAR, 0, 3, 9);
    struct crm_rng rng;
    double p[1000];
    uint64_t seed;

    (void)state;
    for (seed = 1; seed <= 5; seed++) {
        double sum = 0;
        size_t i;

        crm__rng_seed(&rng, seed);
        crm__lhs_column(&rng, p, n);
        for (i = 0; i < n; i++) {
            sum += crm__dist_quantile(&d, p[i]);
        }
        assert_near(sum / (double)n, 4, 0.01);
    }
}

/* ---- Iman-Conover and Spearman ---- */

struct ic_buffers {
    double *samples, *before, *work, *col_a, *col_b, *sp_work;
    size_t *iwork, *sp_iwork;
};

static void ic_alloc(struct ic_buffers *b, size_t n, size_t k)
{
    b->samples = malloc(n * k * sizeof(double));
    b->before = malloc(n * k * sizeof(double));
    b->work = malloc((n * k * 3 + k * k * 2) * sizeof(double));
    b->iwork = malloc(n * k * sizeof(size_t));
    b->col_a = malloc(n * sizeof(double));
    b->col_b = malloc(n * sizeof(double));
    b->sp_work = malloc(4 * n * sizeof(double));
    b->sp_iwork = malloc(2 * n * sizeof(size_t));
    assert_true(b->samples != NULL && b->before != NULL && b->work != NULL
                && b->iwork != NULL && b->col_a != NULL && b->col_b != NULL
                && b->sp_work != NULL && b->sp_iwork != NULL);
}

static void ic_free(struct ic_buffers *b)
{
    free(b->samples);
    free(b->before);
    free(b->work);
    free(b->iwork);
    free(b->col_a);
    free(b->col_b);
    free(b->sp_work);
    free(b->sp_iwork);
}

static double column_spearman(struct ic_buffers *b, size_t n, size_t k,
                              size_t i, size_t j)
{
    size_t r;

    for (r = 0; r < n; r++) {
        b->col_a[r] = b->samples[r * k + i];
        b->col_b[r] = b->samples[r * k + j];
    }
    return crm__spearman(b->col_a, b->col_b, n, b->sp_work, b->sp_iwork);
}

/* Each column holds the same multiset of values as before. */
static void assert_columns_kept(struct ic_buffers *b, size_t n, size_t k)
{
    size_t j, r;

    for (j = 0; j < k; j++) {
        for (r = 0; r < n; r++) {
            b->col_a[r] = b->before[r * k + j];
            b->col_b[r] = b->samples[r * k + j];
        }
        qsort(b->col_a, n, sizeof(double), compare_double);
        qsort(b->col_b, n, sizeof(double), compare_double);
        assert_memory_equal(b->col_a, b->col_b, n * sizeof(double));
    }
}

static void test_random__iman_conover_reaches_target(void **state)
{
    enum { N = 2000, K = 3 };
    static const double target[K * K] = {
        1.0, 0.8, -0.3,
        0.8, 1.0, 0.0,
        -0.3, 0.0, 1.0
    };
    struct crm_dist marg[K];
    struct ic_buffers b;
    struct crm_rng rng;
    size_t j, r;

    (void)state;
    ic_alloc(&b, N, K);
    marg[0] = dist3(CRM_DIST_TRIANGULAR, 0, 3, 9);
    marg[1] = normal(100, 15, -INF, INF);
    marg[2] = dist3(CRM_DIST_PERT, 1, 2, 10);
    crm__rng_seed(&rng, 4242);
    for (j = 0; j < K; j++) {
        crm__lhs_column(&rng, b.col_a, N);
        for (r = 0; r < N; r++) {
            b.samples[r * K + j] = crm__dist_quantile(&marg[j], b.col_a[r]);
        }
    }
    memcpy(b.before, b.samples, N * K * sizeof(double));

    assert_true(crm__iman_conover(b.samples, N, K, target, &rng, b.work,
                                  b.iwork));
    assert_columns_kept(&b, N, K);
    assert_near(column_spearman(&b, N, K, 0, 1), 0.8, 0.05);
    assert_near(column_spearman(&b, N, K, 0, 2), -0.3, 0.05);
    assert_near(column_spearman(&b, N, K, 1, 2), 0.0, 0.05);
    ic_free(&b);
}

/* A zero target must undo an existing correlation: start from two columns
 * in the same order (rank correlation 1). */
static void test_random__iman_conover_zero_target_decorrelates(void **st)
{
    enum { N = 2000, K = 2 };
    static const double identity[K * K] = { 1, 0, 0, 1 };
    struct ic_buffers b;
    struct crm_rng rng;
    size_t r;

    (void)st;
    ic_alloc(&b, N, K);
    for (r = 0; r < N; r++) {
        b.samples[r * K] = (double)r;
        b.samples[r * K + 1] = sqrt((double)r);
    }
    memcpy(b.before, b.samples, N * K * sizeof(double));
    assert_near(column_spearman(&b, N, K, 0, 1), 1, 1e-12);

    crm__rng_seed(&rng, 5);
    assert_true(crm__iman_conover(b.samples, N, K, identity, &rng, b.work,
                                  b.iwork));
    assert_columns_kept(&b, N, K);
    assert_true(fabs(column_spearman(&b, N, K, 0, 1)) < 0.05);
    ic_free(&b);
}

static void test_random__iman_conover_rejects_bad_target(void **st)
{
    enum { N = 50, K = 3 };
    /* r12 = 0.9, r23 = 0.9 but r13 = -0.9: determinant 1 - 2.43 - 1.458
     * < 0, so no such joint distribution exists. */
    static const double bad3[K * K] = {
        1, 0.9, -0.9,
        0.9, 1, 0.9,
        -0.9, 0.9, 1
    };
    static const double asymmetric[K * K] = {
        1, 0.5, 0,
        0.2, 1, 0,
        0, 0, 1
    };
    static const double singular[K * K] = {
        1, 1, 0,
        1, 1, 0,
        0, 0, 1
    };
    static const double bad1[1] = { -1 };
    struct ic_buffers b;
    struct crm_rng rng;
    size_t i;

    (void)st;
    ic_alloc(&b, N, K);
    crm__rng_seed(&rng, 11);
    for (i = 0; i < N * K; i++) {
        b.samples[i] = crm__rng_uniform(&rng);
    }
    memcpy(b.before, b.samples, N * K * sizeof(double));
    assert_false(crm__iman_conover(b.samples, N, K, bad3, &rng, b.work,
                                   b.iwork));
    assert_false(crm__iman_conover(b.samples, N, K, asymmetric, &rng, b.work,
                                   b.iwork));
    assert_false(crm__iman_conover(b.samples, N, K, singular, &rng, b.work,
                                   b.iwork));
    assert_false(crm__iman_conover(b.samples, N, 1, bad1, &rng, b.work,
                                   b.iwork));
    /* Rejected: nothing moved. */
    assert_memory_equal(b.samples, b.before, N * K * sizeof(double));
    ic_free(&b);
}

static void test_random__spearman(void **state)
{
    enum { N = 500 };
    static const double tx[] = { 1, 2, 2, 3 };
    static const double ty[] = { 1, 2, 3, 4 };
    double x[N], y[N], z[N], work[4 * N];
    size_t iwork[2 * N];
    struct crm_rng rng;
    size_t i;

    (void)state;
    crm__rng_seed(&rng, 3);
    for (i = 0; i < N; i++) {
        x[i] = crm__rng_normal(&rng);
        y[i] = exp(3 * x[i]) - 7;
        z[i] = -x[i] * x[i] * x[i];
    }
    /* Monotone transforms keep the ranks. */
    assert_near(crm__spearman(x, y, N, work, iwork), 1, 1e-12);
    assert_near(crm__spearman(x, z, N, work, iwork), -1, 1e-12);

    /* Ties get average ranks: x ranks {1, 2.5, 2.5, 4} against {1, 2, 3, 4}
     * give 4.5 / sqrt(4.5 * 5), worked by hand. */
    assert_near(crm__spearman(tx, ty, 4, work, iwork), 4.5 / sqrt(22.5),
                1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random__xoshiro_reference_outputs),
        cmocka_unit_test(test_random__seed_uses_splitmix64),
        cmocka_unit_test(test_random__jump_matches_reference),
        cmocka_unit_test(test_random__jump_changes_stream_and_is_reproducible),
        cmocka_unit_test(test_random__uniform_from_top_53_bits),
        cmocka_unit_test(test_random__uniform_moments_match_theory),
        cmocka_unit_test(test_random__normal_moments_match_theory),
        cmocka_unit_test(test_random__triangular_quantile_closed_form),
        cmocka_unit_test(test_random__uniform_quantile),
        cmocka_unit_test(test_random__normal_quantile_reference_values),
        cmocka_unit_test(test_random__truncated_normal_quantile),
        cmocka_unit_test(test_random__pert_quantile_closed_forms),
        cmocka_unit_test(test_random__quantile_monotone_in_p),
        cmocka_unit_test(test_random__discrete_quantile),
        cmocka_unit_test(test_random__quantiles_match_quantile),
        cmocka_unit_test(test_random__sort_doubles_matches_qsort),
        cmocka_unit_test(test_random__select_ranks_matches_qsort),
        cmocka_unit_test(test_random__mean_and_point),
        cmocka_unit_test(test_random__check_rejects_bad_parameters),
        cmocka_unit_test(test_random__lhs_one_value_per_stratum),
        cmocka_unit_test(test_random__lhs_triangular_mean_is_exact_enough),
        cmocka_unit_test(test_random__iman_conover_reaches_target),
        cmocka_unit_test(test_random__iman_conover_zero_target_decorrelates),
        cmocka_unit_test(test_random__iman_conover_rejects_bad_target),
        cmocka_unit_test(test_random__spearman),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
