/*
 * crmeval - scoring and ranking.
 *
 * crm_result_compute() turns a loaded evaluation into ranked, weighted
 * scores: each criterion value normalised to 0..1 by its kind, weights
 * normalised per level of the criteria tree, must-have rules applied
 * (knocked-out vendors are still scored but ranked after every vendor that
 * passes), and per-group and per-criterion contributions kept for reports.
 */
#ifndef CRMEVAL_RESULT_H
#define CRMEVAL_RESULT_H

#include <stdbool.h>
#include <stddef.h>

#include "crmeval/error.h"
#include "crmeval/evaluation.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Round @p x to @p decimals places, half away from zero: the rounding every
 * crmeval report uses (80.625 -> 80.63).
 */
double crm_round(double x, int decimals);

/** Scores and ranking of one evaluation; opaque. */
typedef struct crm_result crm_result;

/**
 * A vendor's must-have status: it fails when any rule fails; else it is
 * unverified when a rule's criterion has no data; else it passes.
 */
typedef enum crm_must_have_status {
    CRM_MUST_HAVE_PASS,
    CRM_MUST_HAVE_UNVERIFIED,
    CRM_MUST_HAVE_FAIL
} crm_must_have_status;

/** A vendor's headline figures, borrowed from the result. */
typedef struct crm_vendor_summary {
    const char *id;
    const char *name;
    unsigned rank;        /**< 1 = best; ties share a rank */
    double score;         /**< weighted score, 0..100 */
    double completeness;  /**< share of weight backed by data, 0..1 */
    bool knocked_out;     /**< ranked after the others: failed a must-have
                           *   (or unverified under `unverified_must_haves:
                           *   knock_out`) */
    crm_must_have_status must_have;
    size_t knockout_count;   /**< rules failed */
    size_t unverified_count; /**< rules without data */
    size_t near_miss_count;
} crm_vendor_summary;

/**
 * Score and rank every vendor of @p ev.
 * @param[out] out the result, owned by the caller (crm_result_free). It
 *                 borrows from @p ev, which must outlive it.
 * @return CRM_OK, CRM_EINPUT (e.g. all weights zero after overrides), CRM_ENOMEM.
 */
crm_status crm_result_compute(crm_result **out, const crm_evaluation *ev,
                              crm_diags *diags);

/** Free a result. NULL is a no-op. */
void crm_result_free(crm_result *result);

/** Number of vendors in the result. */
size_t crm_result_vendor_count(const crm_result *result);

/**
 * The vendor at @p position in rank order (0 = first).
 * @return CRM_OK, or CRM_EUSAGE when @p position is out of range (*out
 *         untouched).
 */
crm_status crm_result_vendor(const crm_result *result, size_t position,
                      crm_vendor_summary *out);

/** How the simulation draws its inputs (docs/simulation.md). */
typedef enum crm_sim_method {
    CRM_SIM_METHOD_DEFAULT = -1,   /**< the evaluation's (Latin hypercube unless it says) */
    CRM_SIM_MONTE_CARLO = 0,       /**< independent draws */
    CRM_SIM_LATIN_HYPERCUBE = 1    /**< stratified draws */
} crm_sim_method;

/** How to run the uncertainty simulation (docs/simulation.md). */
typedef struct crm_simulate_options {
    size_t trials;             /**< 0: the evaluation's, else 10,000 */
    crm_sim_method method;     /**< CRM_SIM_METHOD_DEFAULT: the evaluation's */
    bool has_seed;
    unsigned long long seed;   /**< with has_seed: overrides the evaluation's */
    size_t threads;            /**< 0: one per core; results do not depend on it */
    /** Called from time to time with trials done (may be NULL). */
    void (*progress)(size_t done, size_t total, void *payload);
    void *payload;
    /** Re-project every trial's cash flows in full even when they are
     * linear in the drawn amounts (slower; both agree to rounding). */
    bool full_projection;
} crm_simulate_options;

#define CRM_SIMULATE_OPTIONS_INIT { 0, CRM_SIM_METHOD_DEFAULT, false, 0, 0, NULL, NULL, false }

/** Whether the evaluation has uncertain inputs or a `simulation:` section. */
bool crm_result_wants_simulation(const crm_result *result);

/**
 * Draw the uncertain inputs @p opts->trials times and summarise the
 * rankings and projections; the summary joins the result (and its reports).
 * @return CRM_OK; CRM_EINPUT for an unknown correlated input or an
 *         inconsistent correlation matrix; CRM_ENOMEM.
 */
crm_status crm_result_simulate(crm_result *result,
                               const crm_simulate_options *opts,
                               crm_diags *diags);

#ifdef __cplusplus
}
#endif
#endif
