/*
 * Random numbers for the uncertainty simulation: the xoshiro256** generator
 * (seeded with splitmix64, with jump-ahead so each thread or stream gets a
 * non-overlapping sequence), Latin hypercube sampling, Iman-Conover rank
 * correlation and a linear-time sort. The distributions themselves are
 * model/dist.h, which the loaders check and the simulation draws from.
 *
 * Everything here is deterministic for a given seed and does not allocate
 * except where a function says it does (the caller passes buffers).
 */
#ifndef CRM_ANALYSIS_RANDOM_H
#define CRM_ANALYSIS_RANDOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/dist.h"

struct crm_rng {
    uint64_t s[4];
};

/* Seed with splitmix64(seed); any seed, including 0, is fine. */
void crm__rng_seed(struct crm_rng *rng, uint64_t seed);
/* Next 64 random bits (xoshiro256**). */
uint64_t crm__rng_next(struct crm_rng *rng);
/* Uniform in [0, 1) with 53 bits of precision. */
double crm__rng_uniform(struct crm_rng *rng);
/* @p n uniforms in (0, 1), ((next >> 11) + 0.5) x 2^-53: the
 * simulation's probabilities for Monte Carlo draws. */
void crm__rng_fill_open(struct crm_rng *rng, double *out, size_t n);
/* Advance by @p n steps (as n calls of crm__rng_next). */
void crm__rng_advance(struct crm_rng *rng, size_t n);
/* Advance by 2^128 steps: stream k = seed jumped k times. */
void crm__rng_jump(struct crm_rng *rng);
/* A standard normal deviate (deterministic: polar method, no cached value). */
double crm__rng_normal(struct crm_rng *rng);

/* Sort the @p n finite doubles @p x ascending, in linear time (the
 * simulation's summary sorts 3 x vendors columns of trials; several times
 * qsort's speed). @p keys and @p tmp are scratch of n values each. Equal
 * values may come out in any order; -0 sorts before +0. */
void crm__sort_doubles(double *x, size_t n, uint64_t *keys, uint64_t *tmp);

/*
 * Selection: out[j] = the value a sort of the @p n finite doubles @p x
 * would put at ranks[j], for the @p count ranks (ascending, repeats
 * allowed), without sorting: the simulation's percentiles need a few
 * order statistics of each column of trials. Values are bucketed by
 * value in one pass and only the buckets holding a wanted rank are
 * searched further, so the cost is a few passes over x, which is not
 * changed. @p scratch holds 4n + 16 doubles. Equal values are not told
 * apart (-0 and +0 neither).
 */
void crm__select_ranks(const double *x, size_t n, const size_t *ranks, size_t count,
                       double *out, double *scratch);

/*
 * Latin hypercube: fill @p out[0..n) with one stratified probability per
 * stratum (k + U)/n, k = 0..n-1, in a random order (Fisher-Yates). Each
 * value lies in [k/n, (k+1)/n), even where k + U rounds up.
 */
void crm__lhs_column(struct crm_rng *rng, double *out, size_t n);

/*
 * Iman-Conover: reorder the columns of @p samples (n rows x k columns,
 * row-major) so their rank correlation approaches @p target (k x k,
 * symmetric, unit diagonal, positive definite), keeping each column's
 * values (its marginal distribution) unchanged. @p work must hold
 * n * k * 3 + k * k * 2 doubles and n * k size_t in @p iwork.
 *
 * The target is met by the correlation of van der Waerden (normal)
 * scores, as in Iman and Conover (1982); the resulting Spearman
 * correlation is close to (6 / pi) asin(target / 2), about 0.014 below
 * the target at 0.8. With n < 2 or k < 2 nothing is moved.
 * @return false when @p target is not symmetric, finite and positive
 * definite; @p samples is then left untouched.
 */
bool crm__iman_conover(double *samples, size_t n, size_t k,
                       const double *target, struct crm_rng *rng,
                       double *work, size_t *iwork);

/* Spearman rank correlation of two columns (for tests and reports), with
 * average ranks for ties; 0 when n < 2 or either column is constant.
 * @p work holds 4 * n doubles and @p iwork 2 * n size_t. */
double crm__spearman(const double *x, const double *y, size_t n,
                     double *work, size_t *iwork);

#endif
