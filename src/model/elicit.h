/*
 * Weighting aids: weights elicited from people rather than typed in.
 * AHP pairwise comparisons (principal eigenvector, Saaty's consistency
 * ratio, Harker's method for missing judgements, the geometric mean of a
 * panel's judgements), rank-order centroid weights from a ranking, and
 * swing weights from points. Pure functions over arrays; the caller owns
 * every buffer (scratch is allocated and freed inside).
 */
#ifndef CRM_MODEL_ELICIT_H
#define CRM_MODEL_ELICIT_H

#include <stdbool.h>
#include <stddef.h>

#include "crmeval/error.h"

/* The random-index table the consistency ratio divides by. Tables differ
 * (Saaty 1980, Alonso-Lamata 2006, ...) and give different ratios, so the
 * report names the one used. */
#define CRM_AHP_RI_TABLE "Saaty (1980), n = 1..15"
#define CRM_AHP_CR_LIMIT 0.10
#define CRM_AHP_WORST 3

/* "Item i is `ratio` times as important as item j", on Saaty's 1-9 scale
 * (ratio from 1/9 to 9). Several judgements of one pair (a panel) are
 * combined by their geometric mean; pairs with none are missing. */
struct crm_ahp_judgement {
    size_t i, j;
    double ratio;
};

struct crm_ahp_result {
    double lambda_max;
    double ci;                  /* (lambda_max - n) / (n - 1) */
    double ri;                  /* the table's index for n (0 for n <= 2) */
    double cr;                  /* ci / ri; 0 when ri is 0 */
    bool consistent;            /* cr <= CRM_AHP_CR_LIMIT */
    size_t pairs;               /* distinct pairs judged */
    size_t missing;             /* pairs not judged (Harker's method) */
    /* the judged pairs furthest from the weights, worst first: i, j and
     * the factor by which the (combined) judgement differs from w_i / w_j */
    size_t worst_count;
    size_t worst_i[CRM_AHP_WORST], worst_j[CRM_AHP_WORST];
    double worst_factor[CRM_AHP_WORST];
};

/*
 * Weights of @p n items from @p count judgements into @p weights (n,
 * summing to 1). @p unlinked is set to an item the judgements do not
 * connect with item 0 when they leave the items in separate groups.
 * @return CRM_OK; CRM_EINPUT with @p *reason set for a judgement off the
 *         scale, of an item with itself or out of range, or unconnected
 *         items; CRM_ENOMEM.
 */
crm_status crm__ahp(const struct crm_ahp_judgement *judgements, size_t count,
                    size_t n, double *weights, struct crm_ahp_result *out,
                    size_t *unlinked, const char **reason);

/* Saaty's random index for an n x n matrix (0 for n <= 2; n > 15 uses 15). */
double crm__ahp_random_index(size_t n);

/*
 * Rank-order centroid weights (Barron and Barrett 1996): rank[i] = 1 is
 * the most important, w = (1/n) sum_{k=rank}^{n} 1/k; equal ranks share
 * the mean of the positions they take. @return false unless the ranks are
 * a competition ranking (1, 2, 2, 4: each 1 + the number ranked ahead).
 */
bool crm__roc_weights(const unsigned *rank, size_t n, double *weights);

/* Swing weights: points[i] for moving item i from worst to best (the
 * largest swing usually 100); weights proportional. @return false when a
 * point is negative or not finite, or all are 0. */
bool crm__swing_weights(const double *points, size_t n, double *weights);

#endif
