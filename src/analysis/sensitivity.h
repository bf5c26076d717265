/*
 * How sure is the ranking (deterministic part): exact weight-stability
 * intervals, the smallest weight change that changes the winner,
 * leave-one-vendor-out rank reversals, TOPSIS as a second method with
 * Kendall's tau, the value-for-money frontier, the finance tornado with
 * break-even values, and the robust / fragile verdict. See
 * docs/sensitivity.md.
 */
#ifndef CRM_ANALYSIS_SENSITIVITY_H
#define CRM_ANALYSIS_SENSITIVITY_H

#include <stdbool.h>
#include <stddef.h>

#include "finance/projection.h"

struct crm_arena;
struct crm_result;

#define CRM_NONE ((size_t)-1)

/* The weight of one criterion (effective weight) or group (group share),
 * moved with the others rescaled proportionally to keep the sum 1. */
struct crm_weight_stability {
    double current;
    double lo, hi;           /* winner stays winner for weights in [lo, hi] */
    size_t lo_vendor;        /* overtakes below lo (CRM_NONE: nobody, lo = 0) */
    size_t hi_vendor;        /* overtakes above hi (CRM_NONE: nobody, hi = 1) */
    bool has_change;         /* the order of the ranking changes somewhere */
    double change_at;        /* nearest weight where two vendors swap */
    size_t swap_a, swap_b;   /* who swaps there (a ranked above b now) */
};

/* One input of the finance tornado. */
enum crm_tornado_input {
    CRM_TORNADO_COST,        /* a cost category (category field) */
    CRM_TORNADO_BENEFITS,
    CRM_TORNADO_SEATS,
    CRM_TORNADO_RATE
};

struct crm_tornado_bar {
    enum crm_tornado_input input;
    int category;            /* for CRM_TORNADO_COST */
    double low, high;        /* the input at its low / high (multiplier or rate) */
    double npv_low, npv_high;
    bool has_break_even;
    double break_even;       /* multiplier (or rate) where NPV = 0 */
};

struct crm_vendor_tornado {
    double npv;              /* base NPV (unadjusted) */
    struct crm_tornado_bar *bars; /* sorted by swing, largest first */
    size_t bar_count;
    bool has_price_break_even;
    double price_break_even; /* list price per user-month at NPV = 0 */
};

/* One vendor's figures at one rate of the discount-rate scenario table. */
struct crm_rate_scenario {
    double npv, npv_adjusted;  /* unadjusted and risk-adjusted */
    double pv_costs, pv_benefits; /* unadjusted */
};

/* The verdict (docs/sensitivity.md). */
enum crm_verdict {
    CRM_VERDICT_ROBUST,
    CRM_VERDICT_FRAGILE,
    CRM_VERDICT_TIE,
    CRM_VERDICT_PRELIMINARY
};

/* Why a verdict is preliminary (bits of crm_analysis.preliminary). */
enum {
    CRM_PRELIM_EVIDENCE = 1,     /* a leader or runner-up: too little weight on
                                  * data other than sample assessments */
    CRM_PRELIM_UNVERIFIED = 2,   /* the winner has must-haves not verified */
    CRM_PRELIM_SIMULATION = 4    /* the winner's P(rank 1) is too low */
};

/* With a tie at the top: the single weight change that puts one of the
 * tied vendors alone in first place fastest. */
struct crm_tie_break {
    size_t vendor;           /* who would lead */
    bool found;              /* some single weight separates it from the others */
    bool group;              /* the weight is a group's share (else a criterion's) */
    size_t index;            /* criterion or group index */
    bool rise;               /* the weight rises (else falls) */
    double current;          /* the weight now */
    double per_point;        /* its lead, in points, per percentage point moved */
    double to;               /* the weight at which it leads by one point, NAN
                              * when that lies outside 0..1 or past
                              * lead_until */
    double lead_until;       /* where a vendor outside the tie would overtake
                              * it on the way, NAN: nowhere in 0..1 */
    bool identical;          /* its part equals every other tied vendor's on
                              * every weighted item: nothing separates them */
};

/* A value still to find out: missing, a sample assessment, or a value
 * whose evidence leaves a must-have unsettled. */
enum crm_question_kind { CRM_QUESTION_MISSING, CRM_QUESTION_SAMPLE, CRM_QUESTION_EVIDENCE };

struct crm_question {
    size_t vendor, criterion;
    enum crm_question_kind kind;
    enum crm_spread_kind basis;  /* EVIDENCE: what stands behind the value */
    double at_stake;         /* score points between the worst and the best
                              * value it may take */
    bool must_have;          /* a must-have rule tests it and it could still
                              * go either way */
    bool decisive;           /* alone, it could change who ranks first */
    bool simulated;          /* drawn by the simulation: the P fields are set */
    double p_owner_low, p_owner_high;   /* its vendor's P(rank 1) when the value
                                         * falls in the worse / better half of
                                         * what it may be */
    double p_leader_low, p_leader_high; /* the recommended vendor's, likewise */
};

/* Where the winner and the runner-up each gain points over the other. */
struct crm_lead_item {
    size_t criterion;
    double points;           /* > 0 */
};

struct crm_lead {
    bool present;            /* a winner and a runner-up */
    size_t a, b;             /* winner, runner-up */
    struct crm_lead_item *for_a, *for_b; /* largest first */
    size_t count_a, count_b;
    double gain_a, gain_b;   /* sums; gain_a - gain_b is the lead */
};

/* What the value-for-money chart's cost is. */
enum crm_value_basis { CRM_VALUE_NONE, CRM_VALUE_PV_COSTS, CRM_VALUE_LICENCE };

/* What a self-hosted vendor's cost plan lacks (crm_analysis.no_running_costs). */
enum {
    CRM_RUNNING_NO_HOSTING = 1,  /* no hosting cost after year 0 */
    CRM_RUNNING_NO_ADMIN = 2     /* no administration or support line of its own */
};

/* When another vendor that is not knocked out has a better risk-adjusted
 * NPV than the recommended one: by how much, and why (costs, benefits). */
struct crm_npv_gap {
    bool present;
    size_t better;           /* the vendor with the best risk-adjusted NPV */
    double npv;              /* its NPV minus the winner's */
    double costs;            /* the winner's PV of costs minus its */
    double benefits;         /* its PV of benefits minus the winner's */
};

struct crm_analysis {
    bool weights_available;  /* false under missing_values: ignore */
    size_t winner;           /* first-ranked vendor not knocked out (CRM_NONE:
                              * every vendor is); with a tie, the first of the
                              * tied in id order, never presented as a winner */
    size_t runner_up;        /* next in the winner's tier (with a tie, the
                              * second tied), CRM_NONE when none */
    size_t *runners;         /* without a tie: every vendor at the runner-up's
                              * score, runner_up first */
    size_t runner_count;
    size_t *tied;            /* vendors tied at the top, winner first */
    size_t tie_count;        /* >= 2: a tie */
    struct crm_tie_break *tie_breaks; /* [tie_count] */
    struct crm_weight_stability *criteria;  /* [criterion_count] */
    struct crm_weight_stability *groups;    /* [group_count] */
    bool has_smallest;       /* smallest single-weight change of the winner */
    bool smallest_is_group;
    size_t smallest_index;
    double smallest_to;
    size_t smallest_vendor;
    bool loo_done;
    bool *loo_reversal;      /* [vendors]: removing k reorders the others or
                              * makes or breaks a tie among them */
    size_t *loo_winner;      /* [vendors]: the winner without k (CRM_NONE:
                              * none, or a tie) */
    bool topsis_data_ideal;  /* the textbook variant (ideal from the vendors) */
    double *topsis;          /* [vendors]: closeness 0..1, NAN when knocked out */
    unsigned *topsis_rank;   /* [vendors], 0 when knocked out */
    size_t topsis_count;     /* vendors TOPSIS ranks */
    double kendall_tau;      /* weighted sum vs TOPSIS, tau-b, over those */
    bool methods_disagree;   /* TOPSIS names another winner */
    enum crm_value_basis value_basis;
    double *value_cost;      /* [vendors]: the basis's cost, NAN none */
    bool *efficient;         /* [vendors]: on the value-for-money frontier */
    struct crm_vendor_tornado *tornado; /* [vendors] with finance, else NULL */
    double tornado_range;    /* +/- share applied to each input */
    double *scenario_rates;  /* the discount-rate scenarios, increasing */
    size_t scenario_count;   /* 0 without a finance section */
    struct crm_rate_scenario *scenarios; /* [vendor x scenario_count] */
    bool benefits_identical; /* every vendor has the same benefits */
    unsigned *no_running_costs; /* [vendors]: CRM_RUNNING_* bits of a vendor
                                 * on your own servers missing running costs */
    struct crm_npv_gap npv_gap;
    struct crm_lead lead;
    struct crm_question *questions; /* most important first */
    size_t question_count;
    size_t unknowns_drawn;   /* values the simulation draws for what is not
                              * known (crm__unknowns_collect) */
    enum crm_verdict robustness;  /* on the data as they are: robust, fragile
                                   * or tie */
    unsigned preliminary;    /* CRM_PRELIM_* bits */
    enum crm_verdict verdict; /* preliminary when any bit is set, else robustness */
    const char *verdict_rule; /* the fragile rule, or NULL */
    const char *verdict_key;  /* its text key (templates/text), or NULL */
};

/* Thresholds and verdict rule, also stated in docs/sensitivity.md. */
#define CRM_FRAGILE_WEIGHT_CHANGE 0.05   /* 5 percentage points */
#define CRM_LOO_MAX_VENDORS 500

/* Analyse @p res (ranked) into arrays from @p arena. */
void crm__analyse(struct crm_arena *arena, struct crm_result *res);

/* Whether two scores are equal as reported (6 decimals): a tie. */
bool crm__same_score(double a, double b);

/* The conclusions drawn from the analysis (src/analysis/verdict.c): ties,
 * reasons, value-for-money notes, questions to settle, the verdict. */
void crm__conclude(struct crm_arena *arena, struct crm_result *res);
/* The vendors the evidence rules look at (the leaders, and without a tie
 * the runners-up) into @p out[vendor_count]; returns how many. */
size_t crm__verdict_subjects(const struct crm_analysis *an, size_t *out);
/* The verdict again once the simulation has given P(rank 1). */
void crm__verdict_update(struct crm_result *res);

#endif
