/*
 * What is not known about the vendors' values, and how the simulation
 * draws it (docs/simulation.md, "Data uncertainty"):
 *
 * - a missing value is drawn over its criterion's declared scale: a
 *   position from the worst end (0) to the best (1), uniform or from the
 *   evaluation's prior for that criterion or group, mapped onto the scale
 *   (ratings and numbers linearly between the ends, booleans false below
 *   one half, choices by equal bands of the options in order of value);
 * - a value that is known varies around itself by the spread of what
 *   stands behind it (a sample assessment, a vendor claim, documentation,
 *   a demo...): uniform within +/- spread x the scale's width, inside the
 *   scale, for ratings and numbers; for booleans and choices, another
 *   value with probability spread.
 *
 * Every draw is a monotone function of one uniform variate q in [0, 1):
 * q = 0 gives the worst value possible, values rise in goodness with q.
 * So "q below one half" is the worse half of what the value may be. The
 * variate comes from a counter-based generator keyed by the seed, the
 * cell and the trial, so nothing is stored per trial and the draws do not
 * depend on the thread count.
 */
#ifndef CRM_ANALYSIS_UNKNOWNS_H
#define CRM_ANALYSIS_UNKNOWNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/model.h"

struct crm_arena;
struct crm_result;

enum crm_unknown_kind {
    CRM_UNKNOWN_MISSING,     /* no value */
    CRM_UNKNOWN_SPREAD       /* a value that may be off by its spread */
};

struct crm_unknown {
    size_t vendor, criterion;
    enum crm_unknown_kind kind;
    enum crm_spread_kind basis;   /* SPREAD: what stands behind the value */
    bool derived;            /* a cost derived from the price list: the
                              * vendor's derived cells share one stream */
    bool drawn;              /* the simulation draws it (a range to draw
                              * from, and drawing is switched on) */
    const struct crm_dist *prior; /* MISSING: position prior, NULL uniform */
    bool has_range;          /* ratings and numbers: worst and best are set */
    double worst, best;      /* ratings and numbers: the raw values at q = 0
                              * and q -> 1 (a range in either direction) */
    const size_t *order;     /* choices: the options in increasing value */
    double flip;             /* booleans and choices (SPREAD): the chance of
                              * another value */
    double point;            /* SPREAD: the value now (boolean 0/1) */
    size_t option;           /* choice SPREAD: the option now */
    uint64_t key;            /* the counter-based generator's stream */
};

/*
 * Every value of @p res's vendors that is missing or may be off, for the
 * criteria that carry weight or that a must-have tests, in vendor then
 * criterion order. Values the evaluation already gives as a distribution
 * (and derived ones) are not listed. Into @p arena; @return the count.
 */
size_t crm__unknowns_collect(struct crm_arena *arena, const struct crm_result *res,
                             struct crm_unknown **out);

/* Key the cells' generators with @p seed (before drawing). */
void crm__unknowns_seed(struct crm_unknown *cells, size_t count, uint64_t seed);

/* The uniform variate of @p cell in trial @p trial, in [0, 1). */
double crm__unknown_variate(const struct crm_unknown *cell, size_t trial);

/* The value of @p cell at variate @p q: *number (rating, number, boolean
 * 0/1, choice option's value) and, for choices, *option. */
void crm__unknown_draw(const struct crm_result *res, const struct crm_unknown *cell,
                       double q, double *number, size_t *option);

/* The normalised value (0..1, as scored in the point run's ranges) of the
 * worst and the best value @p cell may take. */
void crm__unknown_range(const struct crm_result *res, const struct crm_unknown *cell,
                        double *u_lo, double *u_hi);

#endif
