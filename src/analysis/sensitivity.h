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

struct crm_analysis {
    bool weights_available;  /* false under missing_values: ignore */
    size_t winner;           /* vendor index, CRM_NONE when all knocked out */
    size_t runner_up;
    struct crm_weight_stability *criteria;  /* [criterion_count] */
    struct crm_weight_stability *groups;    /* [group_count] */
    bool has_smallest;       /* smallest single-weight change of the winner */
    bool smallest_is_group;
    size_t smallest_index;
    double smallest_to;
    size_t smallest_vendor;
    bool loo_done;
    bool *loo_reversal;      /* [vendors]: removing k reorders the others */
    size_t *loo_winner;      /* [vendors]: the winner without k */
    double *topsis;          /* [vendors]: closeness 0..1 */
    unsigned *topsis_rank;   /* [vendors] */
    double kendall_tau;      /* weighted sum vs TOPSIS, tau-b */
    bool methods_disagree;   /* TOPSIS names another winner */
    double *value_cost;      /* [vendors]: PV of costs (or licence), NAN none */
    bool *efficient;         /* [vendors]: on the value-for-money frontier */
    struct crm_vendor_tornado *tornado; /* [vendors] with finance, else NULL */
    double tornado_range;    /* +/- share applied to each input */
    bool robust;
    const char *verdict_rule; /* the first rule that failed, or NULL */
    const char *verdict_key;  /* its text key (templates/text), or NULL */
};

/* Thresholds and verdict rule, also stated in docs/sensitivity.md. */
#define CRM_FRAGILE_WEIGHT_CHANGE 0.05   /* 5 percentage points */
#define CRM_LOO_MAX_VENDORS 500

/* Analyse @p res (ranked) into arrays from @p arena. */
void crm__analyse(struct crm_arena *arena, struct crm_result *res);

/* Kendall's tau-b of two score vectors (higher = better), for tests. */
double crm__kendall_tau_b(const double *a, const double *b, size_t n);

#endif
