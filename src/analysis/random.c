/*
 * Random numbers for the uncertainty simulation (analysis/random.h).
 *
 * The generator is xoshiro256** (Blackman and Vigna, "Scrambled linear
 * pseudorandom number generators", 2021) seeded by splitmix64, as the
 * authors recommend, so that nearby seeds still give unrelated states.
 * Every distribution is sampled through its quantile function: the same
 * code then serves plain Monte Carlo and Latin hypercube sampling, and a
 * given p always gives the same value whatever the thread or the order.
 *
 * Nothing here keeps hidden state or allocates; the caller owns the
 * generator and passes any buffers.
 */
#include "analysis/random.h"

#include <float.h>
#include <math.h>
#include <string.h>
#include <stdint.h>
#include <stdlib.h>

/* C11 has no M_PI family. */
#define SQRT_2PI 2.50662827463100050242
#define SQRT1_2 0.70710678118654752440

/* Acklam's split between the central and tail rational approximations. */
#define NORM_P_LOW 0.02425

/* Discrete probabilities must sum to 1 within this. */
#define DISCRETE_SUM_TOL 1e-9

/* Cholesky pivots below this (relative to the diagonal) count as zero:
 * such a matrix is singular for all practical purposes. */
#define CHOLESKY_TOL 1e-12

/* A target correlation matrix is symmetric when entries agree this well. */
#define SYMMETRY_TOL 1e-12

/* ---- xoshiro256** and splitmix64 ---- */

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z;

    *x += UINT64_C(0x9e3779b97f4a7c15);
    z = *x;
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

void crm__rng_seed(struct crm_rng *rng, uint64_t seed)
{
    uint64_t x = seed;
    int i;

    /* splitmix64 never returns four zeros in a row, so the state is never
     * the all-zero fixed point of xoshiro, even for seed 0. */
    for (i = 0; i < 4; i++) {
        rng->s[i] = splitmix64(&x);
    }
}

uint64_t crm__rng_next(struct crm_rng *rng)
{
    uint64_t *s = rng->s;
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;

    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double crm__rng_uniform(struct crm_rng *rng)
{
    /* The top 53 bits fill a double's mantissa exactly: every value is a
     * multiple of 2^-53 and the largest is 1 - 2^-53, so 1 never occurs. */
    return (double)(crm__rng_next(rng) >> 11) * 0x1.0p-53;
}

void crm__rng_jump(struct crm_rng *rng)
{
    /* The jump polynomial for 2^128 steps, from the reference code. */
    static const uint64_t jump[4] = {
        UINT64_C(0x180ec6d33cfd0aba), UINT64_C(0xd5a61266f0c9392c),
        UINT64_C(0xa9582618e03fc9aa), UINT64_C(0x39abdc4529b1661c)
    };
    uint64_t s[4] = { 0, 0, 0, 0 };
    int i, b, w;

    for (i = 0; i < 4; i++) {
        for (b = 0; b < 64; b++) {
            if ((jump[i] & (UINT64_C(1) << b)) != 0) {
                for (w = 0; w < 4; w++) {
                    s[w] ^= rng->s[w];
                }
            }
            crm__rng_next(rng);
        }
    }
    for (w = 0; w < 4; w++) {
        rng->s[w] = s[w];
    }
}

double crm__rng_normal(struct crm_rng *rng)
{
    double u, v, s;

    /* Marsaglia's polar method makes two deviates per accepted pair; the
     * second is dropped rather than cached so that a call depends only on
     * the generator state passed in. */
    do {
        u = 2.0 * crm__rng_uniform(rng) - 1.0;
        v = 2.0 * crm__rng_uniform(rng) - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    return u * sqrt(-2.0 * log(s) / s);
}

/* A uniform integer in [0, bound), bound >= 1, without modulo bias:
 * draws below 2^64 mod bound are rejected so that every residue is hit by
 * the same number of 64-bit values. */
static uint64_t rng_below(struct crm_rng *rng, uint64_t bound)
{
    const uint64_t threshold = (0 - bound) % bound;
    uint64_t r;

    do {
        r = crm__rng_next(rng);
    } while (r < threshold);
    return r % bound;
}

/* ---- the standard normal distribution ---- */

static double norm_cdf(double z)
{
    /* erfc keeps full relative precision in the lower tail, where
     * 1 + erf would cancel to 0. */
    return 0.5 * erfc(-z * SQRT1_2);
}

static double norm_pdf(double z)
{
    return exp(-0.5 * z * z) / SQRT_2PI;
}

/* Acklam's rational approximation for p <= 0.5 (relative error 1.15e-9),
 * then one Halley step on erfc, which brings it to about machine
 * precision. */
static double norm_inv_lower(double p)
{
    static const double a[6] = {
        -3.969683028665376e+01, 2.209460984245205e+02,
        -2.759285104469687e+02, 1.383577518672690e+02,
        -3.066479806614716e+01, 2.506628277459239e+00
    };
    static const double b[5] = {
        -5.447609879822406e+01, 1.615858368580409e+02,
        -1.556989798598866e+02, 6.680131188771972e+01,
        -1.328068155288572e+01
    };
    static const double c[6] = {
        -7.784894002430293e-03, -3.223964580411365e-01,
        -2.400758277161838e+00, -2.549732539343734e+00,
        4.374664141464968e+00, 2.938163982698783e+00
    };
    static const double d[4] = {
        7.784695709041462e-03, 3.224671290700398e-01,
        2.445134137142996e+00, 3.754408661907416e+00
    };
    double q, r, x, e, u;

    if (p < NORM_P_LOW) {
        q = sqrt(-2.0 * log(p));
        x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q
             + c[5])
            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    } else {
        q = p - 0.5;
        r = q * q;
        x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r
             + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r
               + 1.0);
    }
    e = norm_cdf(x) - p;
    u = e * SQRT_2PI * exp(0.5 * x * x);
    /* Below p of about 1e-300 exp() overflows; the approximation alone is
     * then the best there is. */
    if (isfinite(u)) {
        x -= u / (1.0 + 0.5 * x * u);
    }
    return x;
}

static double norm_inv(double p)
{
    if (p <= 0.0) {
        return -HUGE_VAL;
    }
    if (p >= 1.0) {
        return HUGE_VAL;
    }
    /* 1 - p is exact for p >= 0.5, so the upper half reuses the accurate
     * lower tail and the function is exactly antisymmetric. */
    if (p > 0.5) {
        return -norm_inv_lower(1.0 - p);
    }
    return norm_inv_lower(p);
}

/* The probability mass of the standard normal on [zl, zh]. When the whole
 * interval lies above 0 the difference is taken between upper tails, which
 * do not round to 1 as lower-tail values would there. */
static double norm_mass(double zl, double zh)
{
    if (zl > 0.0) {
        return norm_cdf(-zl) - norm_cdf(-zh);
    }
    return norm_cdf(zh) - norm_cdf(zl);
}

static double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : (x > hi ? hi : x);
}

static double normal_quantile(const struct crm_dist *d, double p)
{
    const double zl = (d->lo - d->a) / d->b;
    const double zh = (d->hi - d->a) / d->b;
    double z;

    /* An exact 0 from crm__rng_uniform must still give a finite value, so
     * p stays inside the open interval. */
    p = clamp(p, DBL_MIN, 1.0 - DBL_EPSILON / 2.0);
    if (zl > 0.0) {
        const double ql = norm_cdf(-zl), qh = norm_cdf(-zh);

        z = -norm_inv(ql - p * (ql - qh));
    } else {
        const double pl = norm_cdf(zl), ph = norm_cdf(zh);

        z = norm_inv(pl + p * (ph - pl));
    }
    return clamp(d->a + d->b * z, d->lo, d->hi);
}

static double normal_mean(const struct crm_dist *d)
{
    const double zl = (d->lo - d->a) / d->b;
    const double zh = (d->hi - d->a) / d->b;
    const double mass = norm_mass(zl, zh);

    /* The truncated-normal mean is mu + sd (phi(zl) - phi(zh)) / mass;
     * phi(+-inf) is 0, so no truncation gives mu. */
    if (!(mass > 0.0)) {
        return clamp(d->a, d->lo, d->hi);
    }
    return clamp(d->a + d->b * (norm_pdf(zl) - norm_pdf(zh)) / mass, d->lo,
                 d->hi);
}

/* ---- the beta distribution, for PERT ---- */

/* log B(a, b). lgamma() would be the textbook choice, but it writes the
 * global signgam, which POSIX does not require to be thread-safe, and the
 * simulation evaluates quantiles from worker threads. PERT shapes satisfy
 * a + b = 6, far below where tgamma() overflows (171). */
static double log_beta(double a, double b)
{
    return log(tgamma(a) * tgamma(b) / tgamma(a + b));
}

/* Keep a Lentz denominator away from zero. */
static double nonzero(double x)
{
    return fabs(x) < 1e-300 ? 1e-300 : x;
}

/* One step of the modified Lentz method with partial numerator @p aa:
 * updates c and d and returns the factor that multiplies the fraction. */
static double lentz_step(double aa, double *c, double *d)
{
    *d = 1.0 / nonzero(1.0 + aa * *d);
    *c = nonzero(1.0 + aa / *c);
    return *d * *c;
}

/* The continued fraction of the regularised incomplete beta function,
 * evaluated by the modified Lentz method (Numerical Recipes, betacf): an
 * even and an odd step per term. It converges quickly for
 * x < (a + 1) / (a + b + 2). */
static double beta_cf(double a, double b, double x)
{
    const double eps = 4.0 * DBL_EPSILON;
    const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
    double c = 1.0, d = 1.0 / nonzero(1.0 - qab * x / qap), h = d, del;
    int m;

    for (m = 1; m <= 300; m++) {
        const double m2 = 2.0 * m;

        h *= lentz_step(m * (b - m) * x / ((qam + m2) * (a + m2)), &c, &d);
        del = lentz_step(-(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)), &c, &d);
        h *= del;
        if (fabs(del - 1.0) < eps) {
            break;
        }
    }
    return h;
}

/* I_x(a, b), with lbeta = log B(a, b) computed once by the caller. */
static double beta_cdf(double x, double a, double b, double lbeta)
{
    double front;

    if (x <= 0.0) {
        return 0.0;
    }
    if (x >= 1.0) {
        return 1.0;
    }
    front = exp(a * log(x) + b * log1p(-x) - lbeta);
    /* Use the fraction on whichever side it converges fast, with the
     * symmetry I_x(a, b) = 1 - I_{1-x}(b, a). */
    if (x < (a + 1.0) / (a + b + 2.0)) {
        return front * beta_cf(a, b, x) / a;
    }
    return 1.0 - front * beta_cf(b, a, 1.0 - x) / b;
}

/* The inverse of I_x(a, b) for a, b >= 1: Newton steps kept inside a
 * bracket that shrinks with every evaluation, bisecting whenever Newton
 * would leave it, so it converges even where the density is flat. */
static double beta_inv(double p, double a, double b)
{
    const double lbeta = log_beta(a, b);
    double lo = 0.0, hi = 1.0, x = a / (a + b);
    int i;

    if (p <= 0.0) {
        return 0.0;
    }
    if (p >= 1.0) {
        return 1.0;
    }
    for (i = 0; i < 200; i++) {
        const double f = beta_cdf(x, a, b, lbeta) - p;
        const double dens = exp((a - 1.0) * log(x) + (b - 1.0) * log1p(-x)
                                - lbeta);
        double next;

        if (f == 0.0) {
            break;
        }
        if (f < 0.0) {
            lo = x;
        } else {
            hi = x;
        }
        next = dens > 0.0 ? x - f / dens : lo;
        if (!(next > lo && next < hi)) {
            next = 0.5 * (lo + hi);
        }
        if (fabs(next - x) <= 4.0 * DBL_EPSILON * next || next == x) {
            x = next;
            break;
        }
        x = next;
    }
    return x;
}

/* ---- the distributions ---- */

static double triangular_quantile(double a, double b, double c, double p)
{
    const double w = c - a;

    /* F(b) = (b - a) / (c - a) splits the two quadratic pieces of the
     * CDF; each inverts to a square root. */
    /* written to select rather than branch: p is random, so a branch
     * would be mispredicted half the time in a simulation */
    const bool left = p * w < b - a;
    const double root = sqrt(left ? p * w * (b - a) : (1.0 - p) * w * (c - b));

    return clamp(left ? a + root : c - root, a, c);
}

static double pert_quantile(double a, double b, double c, double p)
{
    const double w = c - a;
    const double alpha = 1.0 + 4.0 * (b - a) / w;
    const double beta = 1.0 + 4.0 * (c - b) / w;

    return clamp(a + w * beta_inv(p, alpha, beta), a, c);
}

static double discrete_quantile(const struct crm_dist *d, double p)
{
    double cum = 0.0;
    size_t i, last = 0;

    /* Zero-probability entries are skipped so that even p = 0 cannot
     * return a value that has no chance of occurring. */
    for (i = 0; i < d->count; i++) {
        if (d->probs[i] > 0.0) {
            cum += d->probs[i];
            last = i;
            if (cum >= p) {
                return d->values[i];
            }
        }
    }
    /* The probabilities may sum to a hair under 1 and miss a p near 1. */
    return d->values[last];
}

static double discrete_mean(const struct crm_dist *d)
{
    double sum = 0.0;
    size_t i;

    for (i = 0; i < d->count; i++) {
        sum += d->values[i] * d->probs[i];
    }
    return sum;
}

double crm__dist_quantile(const struct crm_dist *d, double p)
{
    /* Bounded distributions take p in [0, 1] and give their ends at 0
     * and 1; the normal clamps further (normal_quantile). */
    p = clamp(p, 0.0, 1.0);
    switch (d->kind) {
    case CRM_DIST_POINT:
        return d->a;
    case CRM_DIST_TRIANGULAR:
        return triangular_quantile(d->a, d->b, d->c, p);
    case CRM_DIST_PERT:
        return pert_quantile(d->a, d->b, d->c, p);
    case CRM_DIST_UNIFORM:
        return clamp(d->a + p * (d->b - d->a), d->a, d->b);
    case CRM_DIST_NORMAL:
        return normal_quantile(d, p);
    case CRM_DIST_DISCRETE:
        return discrete_quantile(d, p);
    }
    return NAN;
}

void crm__dist_quantiles(const struct crm_dist *d, double *x, size_t n)
{
    size_t i;

    if (d->kind == CRM_DIST_TRIANGULAR) {
        for (i = 0; i < n; i++) {
            x[i] = triangular_quantile(d->a, d->b, d->c, clamp(x[i], 0.0, 1.0));
        }
        return;
    }
    for (i = 0; i < n; i++) {
        x[i] = crm__dist_quantile(d, x[i]);
    }
}

double crm__dist_mean(const struct crm_dist *d)
{
    switch (d->kind) {
    case CRM_DIST_POINT:
        return d->a;
    case CRM_DIST_TRIANGULAR:
        return (d->a + d->b + d->c) / 3.0;
    case CRM_DIST_PERT:
        return (d->a + 4.0 * d->b + d->c) / 6.0;
    case CRM_DIST_UNIFORM:
        return 0.5 * (d->a + d->b);
    case CRM_DIST_NORMAL:
        return normal_mean(d);
    case CRM_DIST_DISCRETE:
        return discrete_mean(d);
    }
    return NAN;
}

double crm__dist_point(const struct crm_dist *d)
{
    switch (d->kind) {
    case CRM_DIST_POINT:
        return d->a;
    case CRM_DIST_TRIANGULAR:
    case CRM_DIST_PERT:
        return d->b;
    case CRM_DIST_UNIFORM:
        return 0.5 * (d->a + d->b);
    case CRM_DIST_NORMAL:
        return clamp(d->a, d->lo, d->hi);
    case CRM_DIST_DISCRETE:
        return discrete_mean(d);
    }
    return NAN;
}

static bool fail(const char **reason, const char *text)
{
    if (reason != NULL) {
        *reason = text;
    }
    return false;
}

static bool check_discrete(const struct crm_dist *d, const char **reason)
{
    double sum = 0.0;
    size_t i;

    if (d->count < 1 || d->values == NULL || d->probs == NULL) {
        return fail(reason, "needs at least one value");
    }
    for (i = 0; i < d->count; i++) {
        if (!isfinite(d->values[i])) {
            return fail(reason, "values must be finite");
        }
        if (!isfinite(d->probs[i]) || d->probs[i] < 0.0) {
            return fail(reason, "probabilities must be finite and >= 0");
        }
        sum += d->probs[i];
    }
    if (!(fabs(sum - 1.0) <= DISCRETE_SUM_TOL)) {
        return fail(reason, "probabilities must sum to 1");
    }
    return true;
}

static bool check_normal(const struct crm_dist *d, const char **reason)
{
    if (!isfinite(d->a) || !isfinite(d->b)) {
        return fail(reason, "mean and sd must be finite");
    }
    if (!(d->b > 0.0)) {
        return fail(reason, "sd must be > 0");
    }
    /* The bounds may be infinite (no truncation) but not NaN. */
    if (isnan(d->lo) || isnan(d->hi) || !(d->lo < d->hi)) {
        return fail(reason, "truncation needs lo < hi");
    }
    /* Without this the quantile would collapse onto a bound. */
    if (!(norm_mass((d->lo - d->a) / d->b, (d->hi - d->a) / d->b) > 0.0)) {
        return fail(reason, "truncation range has no probability");
    }
    return true;
}

bool crm__dist_check(const struct crm_dist *d, const char **reason)
{
    switch (d->kind) {
    case CRM_DIST_POINT:
        if (!isfinite(d->a)) {
            return fail(reason, "value must be finite");
        }
        return true;
    case CRM_DIST_TRIANGULAR:
    case CRM_DIST_PERT:
        if (!isfinite(d->a) || !isfinite(d->b) || !isfinite(d->c)) {
            return fail(reason, "low, mode and high must be finite");
        }
        if (!(d->a <= d->b && d->b <= d->c)) {
            return fail(reason, "needs low <= mode <= high");
        }
        if (!(d->a < d->c)) {
            return fail(reason, "needs low < high");
        }
        return true;
    case CRM_DIST_UNIFORM:
        if (!isfinite(d->a) || !isfinite(d->b)) {
            return fail(reason, "low and high must be finite");
        }
        if (!(d->a < d->b)) {
            return fail(reason, "needs low < high");
        }
        return true;
    case CRM_DIST_NORMAL:
        return check_normal(d, reason);
    case CRM_DIST_DISCRETE:
        return check_discrete(d, reason);
    }
    return fail(reason, "unknown distribution kind");
}

/* ---- sorting helpers ---- */

/* Ties are broken by index so that the order is total and the result does
 * not depend on the sort's own stability. */
static bool index_less(const double *key, size_t i, size_t j)
{
    return key[i] < key[j] || (key[i] == key[j] && i < j);
}

static void sift_down(size_t *idx, const double *key, size_t root, size_t n)
{
    for (;;) {
        size_t child = 2 * root + 1;
        size_t tmp;

        if (child >= n) {
            break;
        }
        if (child + 1 < n && index_less(key, idx[child], idx[child + 1])) {
            child++;
        }
        if (!index_less(key, idx[root], idx[child])) {
            break;
        }
        tmp = idx[root];
        idx[root] = idx[child];
        idx[child] = tmp;
        root = child;
    }
}

/* idx = the permutation that sorts key ascending. Heapsort, because
 * qsort() cannot pass the key array to its comparator without a global,
 * and it needs no scratch memory. */
static void sort_index(size_t *idx, const double *key, size_t n)
{
    size_t i, end;

    for (i = 0; i < n; i++) {
        idx[i] = i;
    }
    if (n < 2) {
        return;
    }
    for (i = n / 2; i-- > 0;) {
        sift_down(idx, key, i, n);
    }
    for (end = n - 1; end > 0; end--) {
        size_t tmp = idx[0];

        idx[0] = idx[end];
        idx[end] = tmp;
        sift_down(idx, key, 0, end);
    }
}

static int compare_double(const void *pa, const void *pb)
{
    const double a = *(const double *)pa, b = *(const double *)pb;

    return (a > b) - (a < b);
}

/* ---- Latin hypercube ---- */

static void shuffle(struct crm_rng *rng, double *v, size_t n)
{
    size_t i;

    for (i = n; i > 1; i--) {
        const size_t j = (size_t)rng_below(rng, (uint64_t)i);
        const double tmp = v[i - 1];

        v[i - 1] = v[j];
        v[j] = tmp;
    }
}

void crm__lhs_column(struct crm_rng *rng, double *out, size_t n)
{
    const double dn = (double)n;
    size_t k;

    for (k = 0; k < n; k++) {
        const double top = (double)(k + 1) / dn;
        double p = ((double)k + crm__rng_uniform(rng)) / dn;

        /* k + U can round up to k + 1 once k is large; keep the value
         * inside its own stratum (and below 1). */
        if (p >= top) {
            p = nextafter(top, 0.0);
        }
        out[k] = p;
    }
    shuffle(rng, out, n);
}

/* ---- sorting ---- */

/* An LSD radix sort on the bits, flipped so that unsigned order is numeric
 * order (negatives: all bits; others: the sign bit), 11 bits a pass. */
void crm__sort_doubles(double *x, size_t n, uint64_t *keys, uint64_t *tmp)
{
    size_t count[2048], i, shift;

    for (i = 0; i < n; i++) {
        uint64_t u;

        memcpy(&u, &x[i], sizeof(u));
        keys[i] = u >> 63 ? ~u : u | 0x8000000000000000ULL;
    }
    for (shift = 0; shift < 64; shift += 11) {
        size_t sum = 0;
        uint64_t *swap;

        memset(count, 0, sizeof(count));
        for (i = 0; i < n; i++) {
            count[(keys[i] >> shift) & 2047]++;
        }
        if (n > 0 && count[(keys[0] >> shift) & 2047] == n) {
            continue; /* every key has this digit: the pass would not move any */
        }
        for (i = 0; i < 2048; i++) {
            size_t c = count[i];

            count[i] = sum;
            sum += c;
        }
        for (i = 0; i < n; i++) {
            tmp[count[(keys[i] >> shift) & 2047]++] = keys[i];
        }
        swap = keys;
        keys = tmp;
        tmp = swap;
    }
    for (i = 0; i < n; i++) {
        uint64_t u = keys[i] >> 63 ? keys[i] & 0x7fffffffffffffffULL : ~keys[i];

        memcpy(&x[i], &u, sizeof(u));
    }
}

/* ---- Iman-Conover ---- */

/* Lower Cholesky factor l of the symmetric k x k matrix a (row-major, the
 * lower triangle is read); l may be a. False when a is not numerically
 * positive definite. */
static bool cholesky(const double *a, double *l, size_t k)
{
    size_t i, j, m;

    for (i = 0; i < k; i++) {
        for (j = 0; j <= i; j++) {
            double sum = a[i * k + j];

            for (m = 0; m < j; m++) {
                sum -= l[i * k + m] * l[j * k + m];
            }
            if (i == j) {
                if (!(sum > CHOLESKY_TOL * fabs(a[i * k + i]))) {
                    return false;
                }
                l[i * k + i] = sqrt(sum);
            } else {
                l[i * k + j] = sum / l[j * k + j];
            }
        }
        for (j = i + 1; j < k; j++) {
            l[i * k + j] = 0.0;
        }
    }
    return true;
}

static bool is_symmetric_finite(const double *a, size_t k)
{
    size_t i, j;

    for (i = 0; i < k; i++) {
        for (j = 0; j < k; j++) {
            if (!isfinite(a[i * k + j])
                || fabs(a[i * k + j] - a[j * k + i]) > SYMMETRY_TOL) {
                return false;
            }
        }
    }
    return true;
}

/* The correlation matrix (k x k) of the n x k matrix x. */
static void correlation(const double *x, size_t n, size_t k, double *out)
{
    size_t i, j, r;

    for (i = 0; i < k; i++) {
        for (j = 0; j <= i; j++) {
            double mi = 0.0, mj = 0.0, sij = 0.0, sii = 0.0, sjj = 0.0;

            for (r = 0; r < n; r++) {
                mi += x[r * k + i];
                mj += x[r * k + j];
            }
            mi /= (double)n;
            mj /= (double)n;
            for (r = 0; r < n; r++) {
                const double di = x[r * k + i] - mi, dj = x[r * k + j] - mj;

                sij += di * dj;
                sii += di * di;
                sjj += dj * dj;
            }
            out[i * k + j] = sij / sqrt(sii * sjj);
            out[j * k + i] = out[i * k + j];
        }
    }
}

bool crm__iman_conover(double *samples, size_t n, size_t k,
                       const double *target, struct crm_rng *rng,
                       double *work, size_t *iwork)
{
    double *scores = work;            /* n x k: permuted normal scores */
    double *t = work + n * k;         /* n x k: scores with target corr. */
    double *col = work + 2 * n * k;   /* n: one column of samples */
    double *p = work + 3 * n * k;     /* k x k: chol(target) */
    double *f = p + k * k;            /* k x k: chol(corr(scores)) */
    double *tcol = scores;            /* n: one column of t, once scores
                                       * are no longer needed */
    size_t *order = iwork;            /* n */
    size_t i, j, r;

    if (!is_symmetric_finite(target, k) || !cholesky(target, p, k)) {
        return false;
    }
    /* One row or one column has no rank correlation to adjust. */
    if (n < 2 || k < 2) {
        return true;
    }

    /* van der Waerden scores Phi^-1(i / (n + 1)), each column in its own
     * random order so the columns start out independent. */
    for (j = 0; j < k; j++) {
        for (i = 0; i < n; i++) {
            col[i] = norm_inv((double)(i + 1) / (double)(n + 1));
        }
        shuffle(rng, col, n);
        for (i = 0; i < n; i++) {
            scores[i * k + j] = col[i];
        }
    }

    /* Random permutations are never exactly uncorrelated; dividing out the
     * scores' own correlation (Iman and Conover's refinement) makes the
     * transformed scores' correlation equal the target exactly. With very
     * few rows that correlation can be singular: fall back to the plain
     * method, which only skips the refinement. */
    correlation(scores, n, k, f);
    if (!cholesky(f, f, k)) {
        for (i = 0; i < k * k; i++) {
            f[i] = (i % (k + 1) == 0) ? 1.0 : 0.0;
        }
    }

    /* Each row: t = P F^-1 m, i.e. solve F y = m forward, then multiply
     * by the lower-triangular P from the bottom up so it works in place. */
    for (r = 0; r < n; r++) {
        double *y = t + r * k;
        const double *m = scores + r * k;

        for (i = 0; i < k; i++) {
            double sum = m[i];

            for (j = 0; j < i; j++) {
                sum -= f[i * k + j] * y[j];
            }
            y[i] = sum / f[i * k + i];
        }
        for (i = k; i-- > 0;) {
            double sum = 0.0;

            for (j = 0; j <= i; j++) {
                sum += p[i * k + j] * y[j];
            }
            y[i] = sum;
        }
    }

    /* Give each column's values the rank order of its transformed scores:
     * the row with the r-th smallest score gets the r-th smallest value.
     * The values themselves are only moved, never changed. */
    for (j = 0; j < k; j++) {
        for (r = 0; r < n; r++) {
            col[r] = samples[r * k + j];
            tcol[r] = t[r * k + j];
        }
        qsort(col, n, sizeof(*col), compare_double);
        sort_index(order, tcol, n);
        for (r = 0; r < n; r++) {
            samples[order[r] * k + j] = col[r];
        }
    }
    return true;
}

/* ---- Spearman ---- */

/* Ranks 1..n of v, tied values sharing the mean of their ranks. */
static void average_ranks(const double *v, size_t n, size_t *idx,
                          double *rank)
{
    size_t i = 0, j, m;

    sort_index(idx, v, n);
    while (i < n) {
        double r;

        j = i + 1;
        while (j < n && v[idx[j]] == v[idx[i]]) {
            j++;
        }
        /* Positions i..j-1 hold ranks i+1..j; their mean: */
        r = 0.5 * (double)(i + j + 1);
        for (m = i; m < j; m++) {
            rank[idx[m]] = r;
        }
        i = j;
    }
}

double crm__spearman(const double *x, const double *y, size_t n,
                     double *work, size_t *iwork)
{
    double *rx = work, *ry = work + n;
    double mean = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0;
    size_t i;

    if (n < 2) {
        return 0.0;
    }
    average_ranks(x, n, iwork, rx);
    average_ranks(y, n, iwork, ry);
    /* Both rank vectors average (n + 1) / 2, ties included. */
    mean = 0.5 * (double)(n + 1);
    for (i = 0; i < n; i++) {
        const double dx = rx[i] - mean, dy = ry[i] - mean;

        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    /* A constant column carries no rank information. */
    if (!(sxx > 0.0 && syy > 0.0)) {
        return 0.0;
    }
    return clamp(sxy / sqrt(sxx * syy), -1.0, 1.0);
}
