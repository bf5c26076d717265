/*
 * Input distributions: a number given as {triangular: [...]}, {pert: [...]},
 * {uniform: [...]}, {normal: [...]} or {discrete: [...]} instead of a point.
 * The loaders read and check them (crm__dist_check), the deterministic
 * evaluation uses their point value, and the simulation draws from them
 * through the quantile function. Pure functions: no state, no allocation.
 */
#ifndef CRM_MODEL_DIST_H
#define CRM_MODEL_DIST_H

#include <stdbool.h>
#include <stddef.h>

enum crm_dist_kind {
    CRM_DIST_POINT,       /* a fixed value: a */
    CRM_DIST_TRIANGULAR,  /* low a, mode b, high c */
    CRM_DIST_PERT,        /* low a, mode b, high c (beta-PERT, lambda 4) */
    CRM_DIST_UNIFORM,     /* low a, high b */
    CRM_DIST_NORMAL,      /* mean a, sd b; truncated to [lo, hi] */
    CRM_DIST_DISCRETE     /* values[i] with probabilities probs[i] */
};

struct crm_dist {
    enum crm_dist_kind kind;
    double a, b, c;
    double lo, hi;            /* truncation for NORMAL (-inf/+inf: none) */
    const double *values;     /* DISCRETE */
    const double *probs;      /* DISCRETE, sum to 1 */
    size_t count;             /* DISCRETE */
};

/* The quantile function (inverse CDF) at p in (0, 1): used for both plain
 * Monte Carlo (p uniform) and Latin hypercube (p stratified). For the
 * truncated normal, the quantile of the truncated distribution. Requires
 * crm__dist_check() to have passed. p = 0 (which crm__rng_uniform can
 * return) gives the lower end of a bounded distribution; the normal
 * clamps p into [DBL_MIN, 1 - 2^-53], so the result is always finite
 * (about -37.5 sd at p = 0). DISCRETE: the first value, in the given
 * order, whose cumulative probability reaches p; zero-probability values
 * are never returned. Pure and thread-safe. */
double crm__dist_quantile(const struct crm_dist *d, double p);
/* x[i] = crm__dist_quantile(d, x[i]) for i < n, the same values, faster
 * (one dispatch for the column, so the square roots overlap). */
void crm__dist_quantiles(const struct crm_dist *d, double *x, size_t n);
/* The distribution's mean (for checks and reports); for NORMAL the mean
 * of the truncated distribution. */
double crm__dist_mean(const struct crm_dist *d);
/* The value used for the deterministic (point) evaluation: the mode of
 * triangular and PERT, the mean of uniform and normal (clamped to the
 * truncation), the expected value of discrete. */
double crm__dist_point(const struct crm_dist *d);
/* Check parameters; on failure returns false and a short reason (a static
 * string; @p reason may be NULL). All parameters must be finite, except
 * that NORMAL's lo/hi may be infinite; TRIANGULAR/PERT need
 * a <= b <= c and a < c, UNIFORM a < b, NORMAL sd > 0, lo < hi and some
 * probability in [lo, hi]; DISCRETE count >= 1 and probabilities >= 0
 * summing to 1 within 1e-9. */
bool crm__dist_check(const struct crm_dist *d, const char **reason);

/* The standard normal quantile at p in (0, 1) (Acklam's approximation with
 * one Halley step: relative error about 1e-15); the van der Waerden scores
 * of the rank correlation use it too. */
double crm__norm_inv(double p);

#endif
