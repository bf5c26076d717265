/*
 * Cost and benefit projection (docs/finance.md). Every amount is computed
 * in the evaluation's currency, line by line and year by year, and kept, so
 * the report can show each figure's origin.
 */
#include "finance/projection.h"

#include <math.h>
#include <string.h>

#include "util/arena.h"

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

/* (1 + rate)^periods; pow is the costliest step of a simulation trial, and
 * most lines neither escalate nor start late. Exact: x^0 = 1^y = 1. */
static double compound(double rate, double periods)
{
    return rate == 0 || periods == 0 ? 1 : pow(1 + rate, periods);
}

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

static bool active(int first, int last, size_t t)
{
    return (int)t >= first && (last == CRM_YEAR_HORIZON || (int)t <= last);
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

extern const char *const crm__cost_category_names[];

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

static void summarise(const struct crm_evaluation *ev,
                      struct crm_vendor_finance *f, bool full,
                      const struct crm_finance_shift *shift,
                      struct crm_projection *p, double *scratch)
{
    struct crm_finance_summary *s = &p->summary;
    crm_timing timing = (crm_timing)ev->finance.timing;
    double rate = shift->has_rate ? shift->rate : ev->discount_rate;
    size_t t;
    double cum = 0, cum_disc = 0, pv_costs = 0;

    memset(s, 0, sizeof(*s));
    /* the factors only change with the rate (simulation trials reuse them) */
    if (!f->has_factors || f->factors_rate != rate) {
        for (t = 0; t < f->years; t++) {
            f->factors[t] = crm_discount_factor(rate, t, timing);
        }
        f->factors_rate = rate;
        f->has_factors = true;
    }
    for (t = 0; t < f->years; t++) {
        struct crm_year_row *row = &p->rows[t];

        row->net = row->benefits - row->total_cost;
        cum += row->net;
        row->cumulative = cum;
        row->factor = f->factors[t];
        row->discounted_net = row->net * row->factor;
        cum_disc += row->discounted_net;
        row->cumulative_discounted = cum_disc;
        s->tco += row->total_cost;
        pv_costs += row->total_cost * row->factor;
        s->pv_benefits += row->benefits * row->factor;
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
    s->has_payback = crm_payback(scratch, f->years, &s->payback);
    s->irr = crm_irr(scratch, f->years, timing);
    s->has_mirr = crm_mirr(scratch, f->years, rate, rate, &s->mirr);
    if (ev->finance.flow_days != NULL) {
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
    out->scratch = crm__arena_array(arena, years, sizeof(double));
    out->factors = crm__arena_array(arena, years, sizeof(double));
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
    for (t = 0; t < years; t++) {
        struct crm_year_row *b = &out->base.rows[t];
        struct crm_year_row *a = &out->adjusted.rows[t];
        double total;
        size_t c;

        for (i = 0; i < in->plan_count; i++) {
            b->cost[in->plan[i].category] += out->line_amounts[i * years + t];
        }
        for (i = 0; i < in->benefit_count; i++) {
            b->benefits += out->benefit_amounts[i * years + t];
        }
        total = 0; /* in a local: b->total_cost += would reload b each time */
        for (c = 0; c < CRM_COST_CATEGORY_COUNT; c++) {
            total += b->cost[c];
        }
        b->total_cost = total;
        if (!in->full) {
            continue; /* a simulation trial reads the base projection only */
        }
        /* Risk adjustment as in Forrester's TEI: costs raised, benefits
         * reduced by the stated shares. */
        a->users = b->users;
        a->seats = b->seats;
        for (c = 0; c < CRM_COST_CATEGORY_COUNT; c++) {
            a->cost[c] = b->cost[c] * (1 + fin->risk_costs);
            a->total_cost += a->cost[c];
        }
        a->benefits = b->benefits * (1 - fin->risk_benefits);
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
