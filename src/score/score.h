/*
 * Scoring internals: the full result that reports read. See
 * include/crmeval/result.h for the public view.
 */
#ifndef CRM_SCORE_SCORE_H
#define CRM_SCORE_SCORE_H

#include <stdbool.h>
#include <stddef.h>

#include "crmeval/result.h"
#include "finance/projection.h"
#include "model/model.h"

/* How a criterion's normalised value was obtained. */
enum crm_value_source {
    CRM_SOURCE_DATA,      /* the vendor's own value */
    CRM_SOURCE_DERIVED,   /* computed by crmeval (e.g. licence cost) */
    CRM_SOURCE_MISSING    /* no value: the missing-value policy applied */
};

struct crm_criterion_score {
    enum crm_value_source source;
    double value;          /* raw value (option value for choices); 0 when missing */
    double normalised;     /* 0..1 as used in the score */
    double contribution;   /* points out of 100 */
    bool counted;          /* false when left out (policy 'ignore') */
};

struct crm_group_score {
    double score;          /* 0..100 within the group */
    double contribution;   /* points out of 100 towards the total */
    double completeness;   /* share of the group's weight with data */
};

struct crm_rule_outcome {
    const struct crm_rule *rule;
    bool passed;
    bool missing;
    bool near_miss;
    double value;
    double slack;          /* how far inside the threshold (range tests) */
};

struct crm_vendor_score {
    const struct crm_vendor *vendor;
    double score;
    unsigned rank;
    bool knocked_out;
    double completeness;
    size_t missing_count;  /* weighted criteria without data */
    size_t sample_count;   /* weighted criteria on sample assessments */
    struct crm_criterion_score *criteria; /* [criterion_count] */
    struct crm_group_score *groups;       /* [group_count] */
    struct crm_rule_outcome *rules;       /* [rule_count] */
    size_t knockout_count;
    size_t near_miss_count;
};

struct crm_result {
    struct crm_arena *arena;
    const struct crm_evaluation *ev;
    struct crm_weights weights;
    bool *relative;        /* [criterion_count]: scored by min-max */
    double *range_lo, *range_hi; /* min-max bounds of relative criteria */
    bool *range_seen;      /* some vendor has a value for it */
    struct crm_vendor_score *vendors; /* input order */
    struct crm_vendor_finance *finance; /* input order; NULL without a
                                         * finance section */
    size_t *order;         /* vendor indices in rank order */
    size_t vendor_count;
    struct crm_analysis *analysis; /* sensitivity and robustness */
    struct crm_simulation *simulation; /* NULL until simulated */
    struct crm_role_view *roles;   /* the ranking as each role of the panel
                                    * sees it; NULL without a panel */
    size_t role_count;
    double *at_stake;              /* [panel cell]: score points between the
                                    * cell's lowest and highest value */
    size_t *disagreements;         /* cells to discuss, most disagreed first */
    size_t disagreement_count;
};

/* The most cells listed as disagreements. */
#define CRM_PANEL_DISAGREEMENTS 10

/* The ranking on one role's scores (docs/panel.md). */
struct crm_role_view {
    size_t role;               /* index in crm_roles */
    size_t evaluators;         /* on the panel in this role */
    size_t cells;              /* cells they scored */
    size_t own_weights;        /* of them, holding their own weight set */
    struct crm_result *sub;    /* scores and ranks: their values (the panel's
                                * where they scored nothing), their weights */
    double tau;                /* Kendall's tau-b against the overall scores */
};

/*
 * Score and rank @p sub, a result prepared with ev (a view of res's
 * evaluation with other values), weights, finance and vendor_count set:
 * the same scoring as crm_result_compute without the analysis.
 */
void crm__result_rescore(struct crm_result *sub);

/* The role views of @p res (res->roles), when its evaluation has a panel. */
void crm__panel_views(struct crm_arena *arena, struct crm_result *res);

/*
 * Vendor @p v's value for criterion @p c: its own or derived at load, or,
 * for criteria derived from the projection (TCO per seat-year, PV of
 * costs), the unadjusted projection's figure. Finance-derived values are
 * missing without a finance section or when the vendor's price is unknown:
 * an incomplete cost must not make a vendor look cheap.
 */
struct crm_value crm__result_value(const struct crm_result *res, size_t v,
                                   size_t c);

/*
 * Normalise @p x for criterion @p c to 0..1. @p lo / @p hi are the observed
 * bounds, used only for numbers without a value function (min-max).
 */
double crm__normalise(const struct crm_criterion *c, double x, double lo,
                      double hi);

/* Evaluate one must-have rule for a value (NULL when missing). */
void crm__rule_check(const struct crm_rule *rule,
                     const struct crm_criterion *c,
                     const struct crm_value *value, double margin,
                     struct crm_rule_outcome *out);

#endif
