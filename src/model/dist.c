/*
 * Input distributions (model/dist.h): quantile functions, means, the point
 * value and the parameter checks.
 *
 * Every distribution is sampled through its quantile function: the same
 * code then serves plain Monte Carlo and Latin hypercube sampling, and a
 * given p always gives the same value whatever the thread or the order.
 * The loaders check parameters here and the simulation draws here, so
 * both see one definition. Nothing here keeps state or allocates.
 */
#include "model/dist.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

/* C11 has no M_PI family. */
#define SQRT_2PI 2.50662827463100050242
#define SQRT1_2 0.70710678118654752440

/* Acklam's split between the central and tail rational approximations. */
#define NORM_P_LOW 0.02425

/* Discrete probabilities must sum to 1 within this. */
#define DISCRETE_SUM_TOL 1e-9

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

double crm__norm_inv(double p)
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

/* Quantile of the normal (mean a, sd b) truncated to [lo, hi]: map p onto
 * the CDF's range between the bounds and invert. A range wholly above the
 * mean uses upper-tail probabilities, where Phi near 1 would lose the
 * digits that tell p apart. */
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

        z = -crm__norm_inv(ql - p * (ql - qh));
    } else {
        const double pl = norm_cdf(zl), ph = norm_cdf(zh);

        z = crm__norm_inv(pl + p * (ph - pl));
    }
    return clamp(d->a + d->b * z, d->lo, d->hi);
}

/* Mean of the truncated normal (the untruncated mean when nothing is cut
 * off), clamped into [lo, hi] against rounding. */
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

/* Quantile of the triangular distribution with min @p a, mode @p b and
 * max @p c, by inverting the CDF's two quadratic pieces. */
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

/* Quantile of a discrete distribution: the first value whose cumulative
 * probability reaches p. */
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

/* Mean of a discrete distribution: the probability-weighted sum of its
 * values. */
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
        /* triangular_quantile with the parameters held in registers, so
         * that the loop vectorises (the same operations in the same
         * order: the same bits) */
        const double a = d->a, b = d->b, c = d->c, w = c - a, ba = b - a, cb = c - b;

        for (i = 0; i < n; i++) {
            /* clamp(x[i], 0, 1), both pieces and clamp(v, a, c), computed
             * unconditionally and selected, which the compiler can turn
             * into vector blends */
            const double p1 = x[i] > 1.0 ? 1.0 : x[i];
            const double p = x[i] < 0.0 ? 0.0 : p1;
            const double pw = p * w;
            const bool left = pw < ba;
            const double on_left = pw * ba, on_right = (1.0 - p) * w * cb;
            const double root = sqrt(left ? on_left : on_right);
            const double v = left ? a + root : c - root;
            const double v1 = v > c ? c : v;

            x[i] = v < a ? a : v1;
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

/* Whether a discrete distribution is usable: at least one value, all
 * finite, probabilities >= 0 summing to 1 within DISCRETE_SUM_TOL (input
 * written to a few decimals rarely sums exactly). *reason says why not. */
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

/* Whether a (truncated) normal is usable: finite mean, sd > 0, lo < hi and
 * some probability between the bounds, so the quantile has somewhere to
 * go. *reason says why not. */
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

