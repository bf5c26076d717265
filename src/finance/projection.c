/*
 * Cost and benefit projection (docs/finance.md). Every amount is computed
 * in the evaluation's currency, line by line and year by year, and kept, so
 * the report can show each figure's origin.
 */
#include "finance/projection.h"

#include <math.h>
#include <string.h>

#include "util/arena.h"

/* Set *shift to the what-if that changes nothing (CRM_SHIFT_NONE): every
 * factor 1 and no replacement rate. */
void crm__shift_none(struct crm_finance_shift *shift)
{
    size_t c;

    memset(shift, 0, sizeof(*shift));
    for (c = 0; c < CRM_COST_CATEGORY_COUNT; c++) {
        shift->cost[c] = 1;
    }
    shift->benefits = 1;
    shift->seats = 1;
}

int crm__billing_index(const struct crm_evaluation *ev, enum crm_billing b)
{
    switch (b) {
    case CRM_BILLING_ARREARS:
        return 0;
    case CRM_BILLING_MID_YEAR:
        return 1;
    case CRM_BILLING_ADVANCE:
        return 2;
    default:
        return ev->finance.timing == CRM_TIMING_MID_YEAR ? 1 : 0;
    }
}

double crm__cost_risk(const struct crm_evaluation *ev, const struct crm_cost_line *l)
{
    return l->risk.present ? l->risk.share : ev->finance.risk_costs;
}

double crm__benefit_risk(const struct crm_evaluation *ev,
                         const struct crm_benefit_line *b)
{
    return b->risk.present ? b->risk.share : ev->finance.risk_benefits;
}

bool crm__cost_is_capex(const struct crm_evaluation *ev, const struct crm_cost_line *l)
{
    if (l->expense != CRM_EXPENSE_DEFAULT) {
        return l->expense == CRM_EXPENSE_CAPEX;
    }
    return ev->finance.capex[l->category];
}

/* (1 + rate)^periods; pow is the costliest step of a simulation trial, and
 * most lines neither escalate nor start late. Exact: x^0 = 1^y = 1. */
static double compound(double rate, double periods)
{
    return rate == 0 || periods == 0 ? 1 : pow(1 + rate, periods);
}

/* Users in year t for seats at the start: grown by seat_growth from year 1
 * on (year 0 uses year 1's count), in whole seats (docs/finance.md). */
static double users_of(const struct crm_evaluation *ev, double seats, size_t t)
{
    double year = t == 0 ? 0 : (double)t - 1;
    double users = seats * compound(ev->org.seat_growth, year);

    /* Round up to whole seats; the epsilon keeps 40 x 1.1 = 44.000000001
     * from becoming 45. */
    return ceil(users - 1e-9);
}

double crm__users_in_year(const struct crm_evaluation *ev, size_t t)
{
    return users_of(ev, ev->org.seats, t);
}

static double seats_of(const struct crm_evaluation *ev,
                       const struct crm_vendor *vendor, double seats, size_t t)
{
    double users = users_of(ev, seats, t);
    double minimum = vendor->has_pricing ? vendor->pricing.minimum_seats : 0;

    return users > minimum ? users : minimum;
}

double crm__tiered_amount(const struct crm_cost_line *line, double seats)
{
    double total = 0, below = 0;
    size_t i;

    if (line->tier_count == 0) {
        return line->amount * seats;
    }
    for (i = 0; i < line->tier_count && below < seats; i++) {
        const struct crm_tier *tier = &line->tiers[i];
        double top = tier->has_up_to && tier->up_to < seats ? tier->up_to : seats;

        if (top > below) {
            total += (top - below) * tier->amount;
            below = top;
        }
    }
    return total;
}

static bool referenced(const struct crm_cost_line *l, const char *ref,
                       const char *const *categories);

static bool active(int first, int last, size_t t)
{
    return (int)t >= first && (last == CRM_YEAR_HORIZON || (int)t <= last);
}

bool crm__cost_referenced(const struct crm_cost_line *l, const char *ref)
{
    return referenced(l, ref, crm__cost_category_names);
}

/* Does line @p l count towards reference @p ref of a percentage line? */
static bool referenced(const struct crm_cost_line *l, const char *ref,
                       const char *const *categories)
{
    if (strcmp(l->id, ref) == 0) {
        return true;
    }
    if (l->basis == CRM_BASIS_PERCENT) {
        return false; /* groups cover only non-percentage lines */
    }
    if (strcmp(ref, "one_off") == 0) {
        return l->last_year != CRM_YEAR_HORIZON && l->first_year == l->last_year;
    }
    if (strcmp(ref, "recurring") == 0) {
        return !(l->last_year != CRM_YEAR_HORIZON && l->first_year == l->last_year);
    }
    return strcmp(categories[l->category], ref) == 0;
}

/* Fill f->line_amounts, each cost line's amount per year, escalated and
 * shifted: fixed, per-seat (tiered) and per-added-seat lines first, then the
 * percentage lines once the lines they are a percentage of are done. */
static void project_lines(const struct crm_evaluation *ev,
                          const struct crm_vendor *v,
                          const struct crm_project_input *in,
                          const struct crm_finance_shift *shift,
                          struct crm_vendor_finance *f)
{
    size_t years = f->years, i, j, k, t, pending = 0, progress = 1;
    size_t n = in->plan_count;
    bool *done = f->done;
    double peak_seats = 0;
    double *seats = NULL;

    /* Seats per year (set by crm__project_run), and seats added each year
     * (for perpetual licences). */
    seats = f->line_amounts + n * years; /* scratch row */
    for (t = 0; t < years; t++) {
        seats[t] = f->base.rows[t].seats;
    }
    for (i = 0; i < n; i++) {
        const struct crm_cost_line *l = &in->plan[i];
        double *row = f->line_amounts + i * years;

        done[i] = l->basis != CRM_BASIS_PERCENT;
        pending += !done[i];
        peak_seats = 0;
        for (t = 0; t < years; t++) {
            double grow = 0, amount = 0;

            if (!active(l->first_year, l->last_year, t) ||
                l->basis == CRM_BASIS_PERCENT) {
                if (seats[t] > peak_seats) {
                    peak_seats = seats[t];
                }
                continue;
            }
            grow = compound(l->escalation, (double)t - l->first_year);
            switch (l->basis) {
            case CRM_BASIS_FIXED:
                amount = l->amount;
                break;
            case CRM_BASIS_PER_SEAT:
                amount = crm__tiered_amount(l, seats[t]);
                break;
            case CRM_BASIS_PER_ADDED_SEAT:
                amount = l->amount * (seats[t] > peak_seats ? seats[t] - peak_seats : 0);
                break;
            case CRM_BASIS_PERCENT:
                break;
            }
            if (seats[t] > peak_seats) {
                peak_seats = seats[t];
            }
            row[t] = amount * grow * l->rate * shift->cost[l->category];
        }
    }
    /* Percentage lines, in dependency order (the loader ruled out cycles). */
    while (pending > 0 && progress > 0) {
        progress = 0;
        for (i = 0; i < n; i++) {
            const struct crm_cost_line *l = &in->plan[i];
            bool ready = !done[i];

            for (j = 0; ready && j < l->of_count; j++) {
                for (k = 0; k < n; k++) {
                    if (!done[k] && strcmp(in->plan[k].id, l->of[j]) == 0) {
                        ready = false;
                    }
                }
            }
            if (!ready) {
                continue;
            }
            for (t = 0; t < years; t++) {
                double base = 0;

                if (!active(l->first_year, l->last_year, t)) {
                    continue;
                }
                for (k = 0; k < n; k++) {
                    for (j = 0; k != i && j < l->of_count; j++) {
                        if (referenced(&in->plan[k], l->of[j],
                                       crm__cost_category_names)) {
                            base += f->line_amounts[k * years + t];
                            break;
                        }
                    }
                }
                /* percentages follow their (shifted) base, and their own
                 * category's shift */
                f->line_amounts[i * years + t] =
                    base * l->percent / 100 *
                    compound(l->escalation, (double)t - l->first_year) *
                    shift->cost[l->category];
            }
            done[i] = true;
            pending--;
            progress++;
        }
    }
}

double crm__benefit_base(const struct crm_benefit_line *b, double users)
{
    switch (b->kind) {
    case CRM_BENEFIT_REVENUE:
        return b->baseline_revenue * b->uplift * b->margin;
    case CRM_BENEFIT_COST_SAVING:
        return b->amount;
    case CRM_BENEFIT_PRODUCTIVITY:
        return b->hours_per_user_year * users * b->loaded_rate;
    case CRM_BENEFIT_CHURN:
        return b->customers * b->churn_reduction * b->value_per_customer;
    }
    return 0;
}

/* Fill f->benefit_amounts, each benefit line's amount per year while it is
 * active: its base for that year's users, ramped up, escalated, scaled by
 * the benefit factor and shifted. */
static void project_benefits(const struct crm_evaluation *ev,
                             const struct crm_project_input *in,
                             const struct crm_finance_shift *shift,
                             struct crm_vendor_finance *f)
{
    size_t i, t;

    for (i = 0; i < in->benefit_count; i++) {
        const struct crm_benefit_line *b = &in->benefits[i];

        for (t = 0; t < f->years; t++) {
            size_t step = 0;
            double ramp = 1;

            if (!active(b->first_year, b->last_year, t)) {
                continue;
            }
            step = t - (size_t)b->first_year;
            if (b->ramp_count > 0) {
                ramp = b->ramp[step < b->ramp_count ? step : b->ramp_count - 1];
            }
            f->benefit_amounts[i * f->years + t] =
                crm__benefit_base(b, f->base.rows[t].users) * ramp *
                compound(b->escalation, (double)step) * f->benefit_factor *
                shift->benefits;
        }
    }
}

/*
 * The discount factors at @p rate, cached in @p f (simulation trials reuse
 * them): the evaluation timing's, and with mixed timing one row per
 * CRM_TIMED index, 1 / (1 + r)^(t - index / 2) for t >= 1.
 */
static void discount_factors(const struct crm_evaluation *ev,
                             struct crm_vendor_finance *f, double rate)
{
    crm_timing timing = (crm_timing)ev->finance.timing;
    size_t t, k;

    if (f->has_factors && f->factors_rate == rate) {
        return;
    }
    for (t = 0; t < f->years; t++) {
        f->factors[t] = crm_discount_factor(rate, t, timing);
        for (k = 0; f->mixed_timing && k < CRM_TIMED; k++) {
            f->timed_factors[k * f->years + t] =
                t == 0 ? 1 : pow(1.0 + rate, -((double)t - 0.5 * (double)k));
        }
    }
    f->factors_rate = rate;
    f->has_factors = true;
}

/*
 * The net cash flows of @p p by when they are paid (p->cash, half-year
 * grid): year 0's at time 0, the benefits of year t at the evaluation's
 * time, each cost at its line's (t, t - 0.5 or t - 1).
 */
static void cash_schedule(const struct crm_evaluation *ev, const struct crm_vendor_finance *f,
                          struct crm_projection *p)
{
    size_t t, k;
    int own = crm__billing_index(ev, CRM_BILLING_DEFAULT);

    p->cash[0] = p->rows[0].net;
    for (k = 1; k < 2 * f->years; k++) {
        p->cash[k] = 0; /* cash[2N + 1] unused, kept 0 */
    }
    for (t = 1; t < f->years; t++) {
        const struct crm_year_row *r = &p->rows[t];

        p->cash[2 * t - (size_t)own] += r->benefits;
        for (k = 0; k < CRM_TIMED; k++) {
            p->cash[2 * t - k] -= r->timed[k];
        }
    }
}

/* Discount projection p's yearly rows and total them into p->summary (TCO,
 * NPV, ratios). With full, also the cash schedule, payback, IRR, MIRR and
 * the dated figures; without, only what a simulation trial needs.
 * scratch holds f->years flows. */
static void summarise(const struct crm_evaluation *ev,
                      struct crm_vendor_finance *f, bool full,
                      const struct crm_finance_shift *shift,
                      struct crm_projection *p, double *scratch)
{
    struct crm_finance_summary *s = &p->summary;
    crm_timing timing = (crm_timing)ev->finance.timing;
    double rate = shift->has_rate ? shift->rate : ev->discount_rate;
    size_t t, k;
    double cum = 0, cum_disc = 0, pv_costs = 0;

    memset(s, 0, sizeof(*s));
    discount_factors(ev, f, rate);
    for (t = 0; t < f->years; t++) {
        struct crm_year_row *row = &p->rows[t];

        row->net = row->benefits - row->total_cost;
        cum += row->net;
        row->cumulative = cum;
        row->factor = f->factors[t];
        row->pv_benefits = row->benefits * row->factor;
        if (!f->mixed_timing) {
            row->pv_costs = row->total_cost * row->factor;
            row->discounted_net = row->net * row->factor;
        } else {
            /* each cost at the time its line is paid */
            row->pv_costs = 0;
            for (k = 0; k < CRM_TIMED; k++) {
                row->pv_costs += row->timed[k] * f->timed_factors[k * f->years + t];
            }
            row->discounted_net = row->pv_benefits - row->pv_costs;
        }
        cum_disc += row->discounted_net;
        row->cumulative_discounted = cum_disc;
        s->tco += row->total_cost;
        pv_costs += row->pv_costs;
        s->pv_benefits += row->pv_benefits;
        if (t >= 1) {
            s->seat_years += row->seats;
        }
        scratch[t] = row->net;
    }
    s->tco_pv = pv_costs;
    s->npv = s->pv_benefits - pv_costs;
    s->tco_per_seat_year = s->seat_years > 0 ? s->tco / s->seat_years : 0;
    s->has_ratio = pv_costs > 0;
    if (s->has_ratio) {
        s->roi = s->npv / pv_costs;
        s->bcr = s->pv_benefits / pv_costs;
    }
    if (!full) {
        return; /* NPV and TCO only (simulation trials) */
    }
    cash_schedule(ev, f, p);
    s->has_payback = crm_payback(scratch, f->years, &s->payback);
    /* the yearly net flows are the cash flows unless some line is paid at
     * another time: then the rates come from the cash schedule */
    s->irr = f->mixed_timing ? crm_irr_grid(p->cash, 2 * f->years - 1, 0.5)
                             : crm_irr(scratch, f->years, timing);
    s->has_mirr = crm_mirr(scratch, f->years, rate, rate, &s->mirr);
    if (ev->finance.flow_days != NULL) {
        if (f->mixed_timing) {
            /* by date: a year's advance payments at the date before */
            for (t = 0; t < f->years; t++) {
                scratch[t] = p->rows[t].net + (t > 0 ? p->rows[t].timed[2] : 0) -
                             (t + 1 < f->years ? p->rows[t + 1].timed[2] : 0);
            }
        }
        s->has_dates = true;
        s->xnpv = crm_xnpv(rate, scratch, ev->finance.flow_days, f->years);
        s->xirr = crm_xirr(scratch, ev->finance.flow_days, f->years);
    }
    for (t = 0; t < f->years; t++) {
        scratch[t] = p->rows[t].discounted_net;
    }
    s->has_discounted_payback =
        crm_payback(scratch, f->years, &s->discounted_payback);
}

/* Whether some cost line is paid at another time than the evaluation's
 * flows (mixed timing), and whether any flow falls mid-year. */
static void timing_of(const struct crm_evaluation *ev, const struct crm_project_input *in,
                      struct crm_vendor_finance *out)
{
    int own = crm__billing_index(ev, CRM_BILLING_DEFAULT);
    bool mixed = false, half = own == 1;
    size_t i;

    for (i = 0; i < in->plan_count; i++) {
        int k = crm__billing_index(ev, in->plan[i].billing);

        mixed = mixed || k != own;
        half = half || k == 1;
    }
    if (mixed != out->mixed_timing) {
        out->has_factors = false; /* the timed factors are wanted now */
    }
    out->mixed_timing = mixed;
    out->half_years = half;
}

/* Count @p x of line @p l in year @p t of @p row by when it is paid and as
 * capex or opex. */
static void add_paid(const struct crm_evaluation *ev, const struct crm_cost_line *l,
                     size_t t, double x, struct crm_year_row *row)
{
    row->timed[t == 0 ? 0 : crm__billing_index(ev, l->billing)] += x;
    if (crm__cost_is_capex(ev, l)) {
        row->capex += x;
    } else {
        row->opex += x;
    }
}

/*
 * Year @p t of the risk-adjusted projection, as in Forrester's TEI: each
 * cost line raised and each benefit lowered by its own adjustment, else
 * the evaluation's flat one. With no line of its own the category sums
 * are scaled, exactly as before lines could carry one.
 */
static void risk_adjust(const struct crm_evaluation *ev, const struct crm_project_input *in,
                        struct crm_vendor_finance *out, size_t t)
{
    const struct crm_finance_settings *fin = &ev->finance;
    const struct crm_year_row *b = &out->base.rows[t];
    struct crm_year_row *a = &out->adjusted.rows[t];
    size_t years = out->years, i, c;
    bool own_costs = false, own_benefits = false;

    a->users = b->users;
    a->seats = b->seats;
    for (i = 0; i < in->plan_count; i++) {
        const struct crm_cost_line *l = &in->plan[i];
        double x = out->line_amounts[i * years + t] * (1 + crm__cost_risk(ev, l));

        out->line_adjusted[i * years + t] = x;
        own_costs = own_costs || l->risk.present;
        add_paid(ev, l, t, x, a);
    }
    for (i = 0; i < in->benefit_count; i++) {
        const struct crm_benefit_line *bl = &in->benefits[i];
        double x = out->benefit_amounts[i * years + t] * (1 - crm__benefit_risk(ev, bl));

        out->benefit_adjusted[i * years + t] = x;
        own_benefits = own_benefits || bl->risk.present;
        a->benefits += x;
    }
    if (own_costs) {
        for (i = 0; i < in->plan_count; i++) {
            a->cost[in->plan[i].category] += out->line_adjusted[i * years + t];
        }
    } else {
        for (c = 0; c < CRM_COST_CATEGORY_COUNT; c++) {
            a->cost[c] = b->cost[c] * (1 + fin->risk_costs);
        }
    }
    if (!own_benefits) {
        a->benefits = b->benefits * (1 - fin->risk_benefits);
    }
    a->total_cost = 0;
    for (c = 0; c < CRM_COST_CATEGORY_COUNT; c++) {
        a->total_cost += a->cost[c];
    }
}

void crm__project_alloc(struct crm_arena *arena, const struct crm_evaluation *ev,
                        const struct crm_vendor *v, struct crm_vendor_finance *out)
{
    size_t years = (size_t)ev->horizon_years + 1;

    memset(out, 0, sizeof(*out));
    out->years = years;
    /* One extra row of line_amounts is scratch space for the seat counts. */
    out->line_amounts = crm__arena_array(arena, (v->plan_count + 1) * years,
                                         sizeof(double));
    out->benefit_amounts = crm__arena_array(arena,
                                            (ev->finance.benefit_count + 1) * years,
                                            sizeof(double));
    out->base.rows = crm__arena_array(arena, years, sizeof(struct crm_year_row));
    out->adjusted.rows = crm__arena_array(arena, years, sizeof(struct crm_year_row));
    out->line_adjusted = crm__arena_array(arena, (v->plan_count + 1) * years,
                                          sizeof(double));
    out->benefit_adjusted = crm__arena_array(arena,
                                             (ev->finance.benefit_count + 1) * years,
                                             sizeof(double));
    out->base.cash = crm__arena_array(arena, 2 * years, sizeof(double));
    out->adjusted.cash = crm__arena_array(arena, 2 * years, sizeof(double));
    out->scratch = crm__arena_array(arena, years, sizeof(double));
    out->factors = crm__arena_array(arena, years, sizeof(double));
    out->timed_factors = crm__arena_array(arena, CRM_TIMED * years, sizeof(double));
    out->done = crm__arena_array(arena, v->plan_count + 1, sizeof(bool));
}

void crm__project_run(const struct crm_evaluation *ev,
                      const struct crm_vendor *v,
                      const struct crm_project_input *in,
                      const struct crm_finance_shift *shift_in,
                      struct crm_vendor_finance *out)
{
    const struct crm_finance_settings *fin = &ev->finance;
    struct crm_finance_shift none;
    const struct crm_finance_shift *shift = shift_in;
    size_t years = out->years, i, t;

    if (shift == NULL) {
        crm__shift_none(&none);
        shift = &none;
    }
    memset(out->line_amounts, 0, (in->plan_count + 1) * years * sizeof(double));
    memset(out->benefit_amounts, 0, (in->benefit_count + 1) * years * sizeof(double));
    memset(out->base.rows, 0, years * sizeof(struct crm_year_row));
    if (in->full) {
        memset(out->adjusted.rows, 0, years * sizeof(struct crm_year_row));
    }
    out->benefit_factor = 1;
    for (i = 0; i < fin->factor_count; i++) {
        if (strcmp(fin->factors[i].vendor, v->id) == 0) {
            out->benefit_factor = fin->factors[i].factor;
        }
    }
    /* users and seats first: the lines and benefits read them */
    for (t = 0; t < years; t++) {
        out->base.rows[t].users = users_of(ev, in->seats * shift->seats, t);
        out->base.rows[t].seats = seats_of(ev, v, in->seats * shift->seats, t);
    }
    project_lines(ev, v, in, shift, out);
    project_benefits(ev, in, shift, out);
    timing_of(ev, in, out);
    for (t = 0; t < years; t++) {
        struct crm_year_row *b = &out->base.rows[t];
        double total;
        size_t c;

        for (i = 0; i < in->plan_count; i++) {
            const struct crm_cost_line *l = &in->plan[i];
            double x = out->line_amounts[i * years + t];

            b->cost[l->category] += x;
            add_paid(ev, l, t, x, b);
        }
        for (i = 0; i < in->benefit_count; i++) {
            b->benefits += out->benefit_amounts[i * years + t];
        }
        total = 0; /* in a local: b->total_cost += would reload b each time */
        for (c = 0; c < CRM_COST_CATEGORY_COUNT; c++) {
            total += b->cost[c];
        }
        b->total_cost = total;
        if (in->full) {
            /* a simulation trial reads the base projection only */
            risk_adjust(ev, in, out, t);
        }
    }
    summarise(ev, out, in->full, shift, &out->base, out->scratch);
    if (in->full) {
        summarise(ev, out, in->full, shift, &out->adjusted, out->scratch);
    }
}

void crm__project_input_point(const struct crm_evaluation *ev,
                              const struct crm_vendor *v, bool full,
                              struct crm_project_input *in)
{
    in->plan = v->plan;
    in->plan_count = v->plan_count;
    in->benefits = ev->finance.benefits;
    in->benefit_count = ev->finance.benefit_count;
    in->seats = ev->org.seats;
    in->full = full;
}

void crm__project(struct crm_arena *arena, const struct crm_evaluation *ev,
                  const struct crm_vendor *v,
                  const struct crm_finance_shift *shift,
                  struct crm_vendor_finance *out)
{
    struct crm_project_input in;

    crm__project_input_point(ev, v, true, &in);
    crm__project_alloc(arena, ev, v, out);
    crm__project_run(ev, v, &in, shift, out);
}
