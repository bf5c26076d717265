/*
 * Multi-year cost and benefit projection of one vendor: the yearly table
 * (by cost category, total, benefits, net, cumulative, discount factor,
 * discounted net, cumulative discounted) and its summary (TCO, NPV, IRR,
 * ROI, payback), unadjusted and risk-adjusted. See docs/finance.md.
 */
#ifndef CRM_FINANCE_PROJECTION_H
#define CRM_FINANCE_PROJECTION_H

#include <stdbool.h>
#include <stddef.h>

#include "crmeval/finance.h"
#include "model/model.h"

/* When in year t (t >= 1) a flow is paid, as an index: 0 at its end
 * (time t), 1 in its middle (t - 0.5), 2 at its start (t - 1). Year 0's
 * flows are all at time 0. */
#define CRM_TIMED 3

struct crm_year_row {
    double users;          /* people using the system */
    double seats;          /* billed seats: users, at least the minimum */
    double cost[CRM_COST_CATEGORY_COUNT];
    double total_cost;
    double benefits;
    double net;            /* benefits - total cost */
    double cumulative;
    double factor;         /* discount factor of the evaluation's timing */
    double discounted_net; /* each flow times its own factor */
    double cumulative_discounted;
    double timed[CRM_TIMED];  /* total cost by when it is paid: at the end,
                               * the middle or the start of the year */
    double capex, opex;    /* total cost split by expenditure type */
    double pv_costs, pv_benefits; /* the year's flows discounted */
};

struct crm_finance_summary {
    double tco;            /* nominal: sum of yearly costs */
    double tco_pv;         /* present value of costs */
    double seat_years;     /* sum of billed seats over years 1..N */
    double tco_per_seat_year;
    double pv_benefits;
    double npv;
    bool has_ratio;        /* PV of costs > 0: ROI and BCR defined */
    double roi;            /* (PV benefits - PV costs) / PV costs */
    double bcr;            /* PV benefits / PV costs */
    bool has_payback;
    double payback;
    bool has_discounted_payback;
    double discounted_payback;
    crm_irr_result irr;
    bool has_mirr;
    double mirr;           /* finance and reinvestment at the discount rate */
    bool has_dates;
    double xnpv;
    crm_irr_result xirr;
};

struct crm_projection {
    struct crm_year_row *rows;   /* [years] */
    /* The net cash flows by when they are paid, on a half-year grid:
     * cash[k] at time k / 2, k = 0..2N (full projections only). */
    double *cash;
    struct crm_finance_summary summary;
};

struct crm_vendor_finance {
    size_t years;                /* horizon + 1 */
    double *scratch;             /* [years], working space */
    bool *done;                  /* [plan lines], working space */
    double *line_amounts;        /* [plan_count x years], unadjusted */
    double *benefit_amounts;     /* [benefit_count x years], unadjusted */
    double *line_adjusted;       /* [plan_count x years], risk-adjusted
                                  * (full projections only) */
    double *benefit_adjusted;    /* [benefit_count x years], likewise */
    bool mixed_timing;           /* some cost line is paid at another time
                                  * than the evaluation's flows */
    bool half_years;             /* some flow falls mid-year: the cash
                                  * schedule needs its half-year points */
    double benefit_factor;
    double *factors;             /* [years], discount factors at factors_rate */
    double *timed_factors;       /* [CRM_TIMED x years], by when paid */
    double factors_rate;
    bool has_factors;
    struct crm_projection base;
    struct crm_projection adjusted; /* risk-adjusted */
};

/*
 * A what-if applied to a projection (sensitivity analysis): each cost
 * category and the benefits scaled, the organisation's seats scaled, the
 * discount rate replaced. CRM_SHIFT_NONE changes nothing.
 */
struct crm_finance_shift {
    double cost[CRM_COST_CATEGORY_COUNT];
    double benefits;
    double seats;
    bool has_rate;
    double rate;
};

void crm__shift_none(struct crm_finance_shift *shift);

/*
 * What one projection runs on: the cost lines and benefits (the vendor's
 * plan and the evaluation's benefits, or a simulation trial's copies with
 * drawn amounts), the organisation's seats, and whether to compute the
 * slow figures (IRR, MIRR, payback, XIRR) or NPV and TCO only (and then
 * the base projection only, not the risk-adjusted one).
 */
struct crm_project_input {
    const struct crm_cost_line *plan;
    size_t plan_count;
    const struct crm_benefit_line *benefits;
    size_t benefit_count;
    double seats;
    bool full;
};

/* Buffers for projecting @p vendor, from @p arena (once). */
void crm__project_alloc(struct crm_arena *arena, const struct crm_evaluation *ev,
                        const struct crm_vendor *vendor,
                        struct crm_vendor_finance *out);
/* Project into buffers from crm__project_alloc; allocates nothing. */
void crm__project_run(const struct crm_evaluation *ev,
                      const struct crm_vendor *vendor,
                      const struct crm_project_input *in,
                      const struct crm_finance_shift *shift,
                      struct crm_vendor_finance *out);

/* The input of the point projection: the vendor's plan, the evaluation's
 * benefits and seats; @p full as in struct crm_project_input. */
void crm__project_input_point(const struct crm_evaluation *ev,
                              const struct crm_vendor *vendor, bool full,
                              struct crm_project_input *in);

/* Project @p vendor under @p ev's finance settings (and @p shift, which may
 * be NULL), into @p arena. */
void crm__project(struct crm_arena *arena, const struct crm_evaluation *ev,
                  const struct crm_vendor *vendor,
                  const struct crm_finance_shift *shift,
                  struct crm_vendor_finance *out);

/* When a line with billing @p b is paid: a CRM_TIMED index. */
int crm__billing_index(const struct crm_evaluation *ev, enum crm_billing b);
/* The risk adjustment that applies to cost line @p l (its own, else the
 * evaluation's flat one). */
double crm__cost_risk(const struct crm_evaluation *ev, const struct crm_cost_line *l);
/* Likewise for benefit @p b: the share it is reduced by. */
double crm__benefit_risk(const struct crm_evaluation *ev,
                         const struct crm_benefit_line *b);
/* Whether cost line @p l is capital expenditure. */
bool crm__cost_is_capex(const struct crm_evaluation *ev, const struct crm_cost_line *l);

/* Whether line @p l counts towards reference @p ref (a line id, a
 * category, "one_off" or "recurring") of a percentage line. */
bool crm__cost_referenced(const struct crm_cost_line *l, const char *ref);

/* Users in year @p t (exposed for tests). */
double crm__users_in_year(const struct crm_evaluation *ev, size_t t);
/* A benefit's yearly amount before ramp, escalation and vendor factor
 * (productivity uses @p users). */
double crm__benefit_base(const struct crm_benefit_line *b, double users);
/* Graduated tier pricing: the cost of @p seats. */
double crm__tiered_amount(const struct crm_cost_line *line, double seats);

#endif
