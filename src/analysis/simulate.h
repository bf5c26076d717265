/*
 * The uncertainty simulation: every input given as a distribution is drawn
 * in each of N trials (plain Monte Carlo or Latin hypercube, seeded, with
 * rank correlations by Iman-Conover), the vendors are scored, knocked out,
 * ranked and projected again, and the results summarised: probability of
 * ranking first, rank distribution, score, NPV and TCO percentiles.
 *
 * The draws are made up front from one seeded stream, and trials are
 * split between threads only to be evaluated, so results do not depend on
 * the thread count. Trials allocate nothing. See docs/simulation.md.
 */
#ifndef CRM_ANALYSIS_SIMULATE_H
#define CRM_ANALYSIS_SIMULATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crmeval/error.h"
#include "model/model.h"

struct crm_arena;
struct crm_result;
struct crm_dist;

#define CRM_SIM_HIST_BINS 20
#define CRM_SIM_CURVE_POINTS 21   /* 0%, 5%, ... 100% */

struct crm_sim_stats {
    double mean, sd;
    double p5, p10, p50, p90, p95;
};

struct crm_sim_vendor {
    double p_first;               /* share of trials ranked first; a trial
                                   * where k vendors tie for first counts
                                   * 1/k for each, so the shares sum to 1 */
    double p_first_tied;          /* share of trials tied for first */
    double *rank_share;           /* [vendors]: share ranked 1, 2, ... */
    struct crm_sim_stats score;
    bool has_finance;
    struct crm_sim_stats npv, tco;
    double p_npv_positive;
    double hist_lo, hist_hi;      /* NPV histogram range */
    unsigned hist[CRM_SIM_HIST_BINS];
    double curve[CRM_SIM_CURVE_POINTS]; /* NPV at 0%, 5%, ... 100% */
};

/* Explicit inputs, and values drawn for what is not known: how many of
 * each (docs/simulation.md, "Data uncertainty"). */
struct crm_sim_unknowns {
    size_t missing;                     /* missing values drawn */
    size_t spread[CRM_SPREAD_COUNT];    /* known values varied, by basis */
};

/* Most vendors for which a simulation with no uncertain input of its own
 * runs only to reflect missing data (P(rank 1) among thousands of vendors
 * says little, and the trials would take long). */
#define CRM_SIM_IMPLICIT_MAX_VENDORS 500
/* Draws of unknown values a default run may make (trials x values): above
 * it the default trials drop, to no fewer than 1,000. */
#define CRM_SIM_DEFAULT_DRAW_BUDGET 200000000.0

struct crm_simulation {
    size_t trials;
    bool trials_reduced;                /* fewer than the default 10,000 to
                                         * keep within the draw budget */
    struct crm_sim_unknowns unknowns;
    bool lhs;
    unsigned long long seed;
    struct crm_sim_input *inputs;
    size_t input_count;
    struct crm_sim_vendor *vendors;     /* [vendors], input order */
    size_t leader;                      /* most often first (CRM_NONE) */
    double se_p_first;                  /* standard error of its p_first */
    double se_npv_mean;                 /* standard error of its mean NPV */
    double seconds;                     /* wall time (not in reports) */
};

#endif
