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

/*
 * A must-have's outcome for one vendor. A rule whose criterion has no
 * value is unverified, never failed: "no data" is a question to the
 * vendor, not an answer. With only a lower bound of the value (a cost
 * whose licence price is unknown) the rule fails when the bound already
 * breaks it, passes when the bound already meets a minimum, and is
 * unverified otherwise.
 */
struct crm_rule_outcome {
    const struct crm_rule *rule;
    crm_must_have_status state;
    bool passed;           /* state == CRM_MUST_HAVE_PASS */
    bool missing;          /* no value at all */
    bool lower_bound;      /* value is only a lower bound */
    bool near_miss;
    double value;
    double slack;          /* how far inside the threshold (range tests) */
};

/* Where a vendor ranks by its must-haves: competing for first place,
 * after every passing vendor (unverified, `unverified_must_haves:
 * after_passing`), or knocked out (failed, or unverified under
 * `knock_out`). */
enum crm_rank_tier {
    CRM_TIER_COMPETES,
    CRM_TIER_AFTER_PASSING,
    CRM_TIER_KNOCKED_OUT
};

struct crm_vendor_score {
    const struct crm_vendor *vendor;
    double score;
    unsigned rank;
    crm_must_have_status must_have; /* fail > unverified > pass */
    enum crm_rank_tier tier;
    bool knocked_out;      /* tier == CRM_TIER_KNOCKED_OUT */
    double completeness;
    double evidence;       /* share of the weight on data other than sample
                            * assessments (derived values count as data) */
    size_t missing_count;  /* weighted criteria without data */
    size_t sample_count;   /* weighted criteria on sample assessments */
    struct crm_criterion_score *criteria; /* [criterion_count] */
    struct crm_group_score *groups;       /* [group_count] */
    struct crm_rule_outcome *rules;       /* [rule_count] */
    size_t knockout_count; /* rules failed */
    size_t unverified_count; /* rules without data */
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
 * The scoring step of crm_result_compute (analysis/result.c runs the
 * analysis after it): weights, each vendor's projection, scores,
 * must-haves, ranks and the panel's role views of @p res (ev and
 * vendor_count set), in @p arena. Run inside crm__arena_protect.
 * @return CRM_EINPUT when the weights do not resolve (in @p diags).
 */
crm_status crm__result_score(struct crm_arena *arena, struct crm_result *res,
                             crm_diags *diags);

/* Kendall's tau-b of two score vectors (higher = better; score/kendall.c). */
double crm__kendall_tau_b(const double *a, const double *b, size_t n);

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
/* The same when only a lower bound @p at_least of a number is known. */
void crm__rule_check_bound(const struct crm_rule *rule, double at_least,
                           struct crm_rule_outcome *out);
/* A ranking key: tier first (passing vendors first), then score as
 * reported (6 decimals), higher first, then id so that the order never
 * depends on the input order. qsort needs no context. */
struct crm_rank_key {
    enum crm_rank_tier tier;
    double score;            /* rounded to 6 decimals */
    const char *id;
    size_t index;
};

/* qsort comparator for struct crm_rank_key. */
int crm__rank_compare(const void *a, const void *b);

/* The tier a vendor ranks in, from its must-have status and the policy. */
enum crm_rank_tier crm__tier(crm_must_have_status status, enum crm_unverified_policy policy);

/*
 * A lower bound of vendor @p v's value for criterion @p c where the value
 * itself is missing but the finance section has a figure without the
 * licence (a finance-derived criterion of a vendor whose price is
 * unknown): the same PV of costs, or TCO per seat-year, the finance
 * section reports. @return false when there is none.
 */
bool crm__result_lower_bound(const struct crm_result *res, size_t v, size_t c,
                             double *at_least);

#endif
