/*
 * Costs and returns: TCO by category, PV of costs, NPV, IRR, ROI and
 * payback per vendor, the cumulative cash chart, the recommended vendor's
 * yearly table, capex/opex and the lines with a risk of their own.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/conventions.h"
#include "report/pdf/internal.h"
#include "util/strutil.h"
static void finance_lines(struct pdf *p);

/* Benefits that differ by vendor: each factor and why, or a note that
 * every vendor has the same benefits. */
static void benefit_factors(struct pdf *p)
{
    const struct crm_finance_settings *fin = &p->ev->finance;
    char buf[800], a[32];
    size_t i, v;

    if (p->res->analysis->benefits_identical) {
        crm__pdf_para_at(p, p->left, T(p, "benefits_same"), SMALL, false, p->t->colour_fail);
        return;
    }
    if (fin->factor_count == 0) {
        return;
    }
    crm__pdf_para_at(p, p->left, T(p, "factors_title"), SMALL, true, p->t->colour_text);
    for (i = 0; i < p->res->vendor_count; i++) {
        const struct crm_vendor_score *vs = crm__pdf_ranked(p, i);

        for (v = 0; v < fin->factor_count; v++) {
            if (strcmp(fin->factors[v].vendor, vs->vendor->id) != 0) {
                continue;
            }
            const struct crm_text *why = &fin->factors[v].rationale;

            crm__pdf_fill(buf, sizeof(buf), T(p, "factor_line"), "vendor", crm__pdf_vendor_label(vs), "factor",
                 crm__pdf_num(a, sizeof(a), fin->factors[v].factor, 2), "rationale",
                 why->en || why->zh ? crm__pdf_pick(p, why) : "—", NULL);
            crm__pdf_para_at(p, p->left + 8, buf, SMALL, false, p->t->colour_muted);
        }
    }
}

/* Costs and returns: TCO, PV of costs, NPV and the other returns, the
 * cash-flow chart and the recommended vendor's years. Long (about 200
 * lines) because it is the section's page in reading order: one table
 * after another, each a few calls to the table helpers sharing the
 * running position. */
void crm__pdf_section_finance(struct pdf *p)
{
    const struct crm_vendor_finance *f = p->res->finance;
    char buf[320], v[8][40];
    size_t i, c, t;

    crm__pdf_h1(p, T(p, "finance_title"));
    if (f == NULL) {
        crm__pdf_para(p, T(p, "finance_none"));
        return;
    }
    crm__pdf_fill(buf, sizeof(buf), T(p, "finance_conventions"), "currency",
         p->ev->currency, "rate", crm__pdf_pct(v[0], sizeof(v[0]), p->ev->discount_rate, 2),
         "timing", p->ev->finance.timing == CRM_TIMING_MID_YEAR
                       ? T(p, "mid_year")
                       : T(p, "end_of_year"),
         NULL);
    crm__pdf_para(p, buf);
    crm__pdf_gap(p, 4);
    crm__pdf_h2(p, T(p, "tco_title"));
    {
        bool used[CRM_COST_CATEGORY_COUNT] = { false };
        size_t cols = 1, k = 0;
        bool right[MAX_COLS];
        const char *head[MAX_COLS];
        size_t map[MAX_COLS];
        struct table tb;

        for (i = 0; i < p->res->vendor_count; i++) {
            for (t = 0; t < f[i].years; t++) {
                for (c = 0; c < CRM_COST_CATEGORY_COUNT; c++) {
                    used[c] = used[c] || f[i].base.rows[t].cost[c] != 0;
                }
            }
        }
        head[0] = T(p, "col_vendor");
        right[0] = false;
        for (c = 0; c < CRM_COST_CATEGORY_COUNT; c++) {
            char key[48];

            if (!used[c]) {
                continue;
            }
            snprintf(key, sizeof(key), "cat_%s", crm__cost_category_names[c]);
            head[cols] = T(p, key);
            right[cols] = true;
            map[cols] = c;
            cols++;
        }
        head[cols] = T(p, "col_total");
        right[cols] = true;
        cols++;
        {
            size_t nv = p->res->vendor_count;
            char (*vals)[MAX_COLS][32] = crm__pdf_calloc(nv + 1, sizeof(*vals));
            char (*labels)[320] = crm__pdf_calloc(nv + 1, sizeof(*labels));
            const char **cells = crm__pdf_calloc((nv + 1) * cols, sizeof(*cells));
            bool wrap_ok[MAX_COLS] = { true };
            double biggest = 0, unit = 1;

            if (vals == NULL || labels == NULL || cells == NULL) {
                free(vals);
                free(labels);
                free(cells);
                return;
            }
            for (i = 0; i < nv; i++) {
                biggest = fmax(biggest, fabs(f[i].base.summary.tco));
            }
            /* Keep the table readable: large amounts in thousands. */
            if (biggest >= 1e7) {
                unit = 1000;
                crm__pdf_para_at(p, p->left, T(p, "in_thousands"), SMALL, false,
                        p->t->colour_muted);
            }
            for (i = 0; i < nv; i++) {
                size_t vi = p->res->order[i];

                cells[i * cols] = crm__pdf_cost_label(labels[i], sizeof(labels[i]),
                                             &p->res->vendors[vi]);
                for (k = 1; k + 1 < cols; k++) {
                    double sum = 0;

                    for (t = 0; t < f[vi].years; t++) {
                        sum += f[vi].base.rows[t].cost[map[k]];
                    }
                    cells[i * cols + k] = crm__pdf_money0(vals[i][k], sizeof(vals[i][k]),
                                                 sum / unit);
                }
                cells[i * cols + cols - 1] =
                    crm__pdf_money0(vals[i][cols - 1], sizeof(vals[i][cols - 1]),
                           f[vi].base.summary.tco / unit);
            }
            crm__pdf_table_fit(p, &tb, cols, head, cells, nv, right, SMALL, wrap_ok);
            for (i = 0; i < nv; i++) {
                crm__pdf_table_row(p, &tb, cells + i * cols, i);
            }
            free(vals);
            free(labels);
            free(cells);
        }
    }
    crm__pdf_gap(p, 8);
    crm__pdf_h2(p, T(p, "returns_title"));
    {
        static const double wts[] = { 2.6, 1.5, 1.5, 1.5, 1.1, 1.1, 1.1, 1.1 };
        static const bool right[] = { false, true, true, true, true, true, true, true };
        static const char *const heads[] = { "col_vendor", "col_pv_costs", "col_npv",
                                             "col_npv_risk", "col_irr", "col_roi",
                                             "col_payback", "col_disc_payback" };
        struct table tb;

        crm__pdf_table_init_keys(p, &tb, 8, heads, wts, right, SMALL);
        for (i = 0; i < p->res->vendor_count; i++) {
            size_t vi = p->res->order[i];
            const struct crm_finance_summary *s = &f[vi].base.summary;
            const char *cells[8];
            char label[320];

            cells[0] = crm__pdf_cost_label(label, sizeof(label), &p->res->vendors[vi]);
            cells[1] = crm__pdf_money0(v[1], sizeof(v[1]), s->tco_pv);
            cells[2] = crm__pdf_money0(v[2], sizeof(v[2]), s->npv);
            cells[3] = crm__pdf_money0(v[3], sizeof(v[3]), f[vi].adjusted.summary.npv);
            cells[4] = s->irr.status == CRM_IRR_OK
                           ? crm__pdf_pct(v[4], sizeof(v[4]), s->irr.roots[0], 1)
                           : (s->irr.status == CRM_IRR_AMBIGUOUS ? T(p, "ambiguous") : "—");
            cells[5] = s->has_ratio ? crm__pdf_pct(v[5], sizeof(v[5]), s->roi, 1) : "—";
            cells[6] = s->has_payback ? crm__pdf_num(v[6], sizeof(v[6]), s->payback, 2) : "—";
            cells[7] = s->has_discounted_payback
                           ? crm__pdf_num(v[7], sizeof(v[7]), s->discounted_payback, 2)
                           : "—";
            crm__pdf_table_row(p, &tb, cells, i);
        }
        crm__pdf_para_at(p, p->left, T(p, "returns_note"), SMALL, false, p->t->colour_muted);
        for (i = 0; i < p->res->vendor_count; i++) {
            if (!p->res->vendors[i].vendor->price_known) {
                crm__pdf_para_at(p, p->left, T(p, "price_unknown_note"), SMALL, false,
                        p->t->colour_fail);
                break;
            }
        }
        benefit_factors(p);
    }
    crm__pdf_gap(p, 8);
    crm__pdf_need(p, 300); /* the heading stays with its chart */
    crm__pdf_h2(p, T(p, "cash_title"));
    crm__pdf_cash_chart(p, p->res->vendor_count < 6 ? p->res->vendor_count : 6);
    if (crm__pdf_winner(p) != NULL || p->res->vendor_count > 0) {
        const struct crm_vendor_score *vs = crm__pdf_winner(p) ? crm__pdf_winner(p) : crm__pdf_ranked(p, 0);
        const struct crm_vendor_finance *vf = &f[crm__pdf_index_of(p, vs)];
        static const double wts[] = { 0.7, 1.6, 1.6, 1.6, 1.7, 1.3, 1.6, 1.7 };
        static const bool right[] = { true, true, true, true, true, true, true, true };
        static const char *const heads[] = { "year", "col_costs", "col_benefits", "col_net",
                                             "col_cumulative", "col_factor", "col_discounted",
                                             "col_cum_discounted" };
        struct table tb;

        crm__pdf_gap(p, 8);
        crm__pdf_fill(buf, sizeof(buf), T(p, "yearly_title"), "vendor", crm__pdf_vendor_label(vs), NULL);
        crm__pdf_h2(p, buf);
        crm__pdf_table_init_keys(p, &tb, 8, heads, wts, right, SMALL);
        for (t = 0; t < vf->years; t++) {
            const struct crm_year_row *r = &vf->base.rows[t];
            const char *cells[8];
            char yr[24], fac[24];

            snprintf(yr, sizeof(yr), "%zu", t);
            crm__snprintf(fac, sizeof(fac), "%.6f", r->factor);
            cells[0] = yr;
            cells[1] = crm__pdf_money2(v[1], sizeof(v[1]), r->total_cost);
            cells[2] = crm__pdf_money2(v[2], sizeof(v[2]), r->benefits);
            cells[3] = crm__pdf_money2(v[3], sizeof(v[3]), r->net);
            cells[4] = crm__pdf_money2(v[4], sizeof(v[4]), r->cumulative);
            cells[5] = fac;
            cells[6] = crm__pdf_money2(v[6], sizeof(v[6]), r->discounted_net);
            cells[7] = crm__pdf_money2(v[7], sizeof(v[7]), r->cumulative_discounted);
            crm__pdf_table_row(p, &tb, cells, t);
        }
        {
            const struct crm_finance_summary *s = &vf->base.summary;

            crm__pdf_fill(buf, sizeof(buf), T(p, "yearly_summary"), "npv",
                 crm__pdf_money2(v[0], sizeof(v[0]), s->npv), "pvc",
                 crm__pdf_money2(v[1], sizeof(v[1]), s->tco_pv), "pvb",
                 crm__pdf_money2(v[2], sizeof(v[2]), s->pv_benefits), "irr",
                 s->irr.status == CRM_IRR_OK ? crm__pdf_pct(v[3], sizeof(v[3]), s->irr.roots[0], 3)
                                             : "—",
                 "currency", p->ev->currency, NULL);
            crm__pdf_gap(p, 4);
            crm__pdf_para(p, buf);
        }
    }
    finance_lines(p);
}

/* The finance options in the finance section: each vendor's capex and
 * opex, and every line whose risk adjustment is its own, with why. */
static void finance_lines(struct pdf *p)
{
    const struct crm_evaluation *ev = p->ev;
    const struct crm_finance_settings *fin = &ev->finance;
    char buf[900], a[48], b[48], c[32];
    size_t i, k, t;
    bool titled = false;

    if (fin->timing == CRM_TIMING_MID_YEAR || crm__finance_mixed_timing(p->res)) {
        /* the end-of-year spreadsheet formula above does not hold */
        crm__pdf_para_at(p, p->left, T(p, "spreadsheet_other_timing"), SMALL, false,
                p->t->colour_muted);
    }
    crm__pdf_gap(p, 6);
    for (i = 0; i < p->res->vendor_count; i++) {
        size_t vi = p->res->order[i];
        const struct crm_vendor_finance *f = &p->res->finance[vi];
        double capex = 0, opex = 0;

        for (t = 0; t < f->years; t++) {
            capex += f->base.rows[t].capex;
            opex += f->base.rows[t].opex;
        }
        crm__pdf_fill(buf, sizeof(buf), T(p, "capex_opex_line"), "vendor",
             crm__pdf_vendor_label(&p->res->vendors[vi]), "capex", crm__pdf_money0(a, sizeof(a), capex), "opex",
             crm__pdf_money0(b, sizeof(b), opex), "currency", ev->currency, NULL);
        crm__pdf_para_at(p, p->left, buf, SMALL, false, p->t->colour_muted);
    }
    /* the vendors' own lines, then (once) the evaluation's benefits */
    for (i = 0; i <= p->res->vendor_count; i++) {
        const struct crm_vendor_score *vs =
            i < p->res->vendor_count ? &p->res->vendors[p->res->order[i]] : NULL;
        size_t n = vs != NULL ? vs->vendor->plan_count : fin->benefit_count;

        for (k = 0; k < n; k++) {
            const struct crm_line_risk *r =
                vs != NULL ? &vs->vendor->plan[k].risk : &fin->benefits[k].risk;
            size_t len = 0;

            /* the evaluation's lines are every vendor's: listed once */
            if (!r->present ||
                (vs != NULL && i > 0 && strcmp(vs->vendor->plan[k].origin, "evaluation") == 0)) {
                continue;
            }
            if (!titled) {
                crm__pdf_gap(p, 4);
                crm__pdf_para_at(p, p->left, T(p, "line_risks_title"), SMALL, true, p->t->colour_text);
                titled = true;
            }
            if (vs != NULL && strcmp(vs->vendor->plan[k].origin, "evaluation") == 0) {
                len = (size_t)snprintf(buf, sizeof(buf), "%s: +%s", vs->vendor->plan[k].id,
                                       crm__pdf_pct(c, sizeof(c), r->share, 0));
            } else if (vs != NULL) {
                len = (size_t)snprintf(buf, sizeof(buf), "%s / %s: +%s", crm__pdf_vendor_label(vs),
                                       vs->vendor->plan[k].id, crm__pdf_pct(c, sizeof(c), r->share, 0));
            } else {
                len = (size_t)snprintf(buf, sizeof(buf), "%s: -%s", fin->benefits[k].id,
                                       crm__pdf_pct(c, sizeof(c), r->share, 0));
            }
            if ((r->rationale.en != NULL || r->rationale.zh != NULL) && len < sizeof(buf)) {
                snprintf(buf + len, sizeof(buf) - len, " (%s)", crm__pdf_pick(p, &r->rationale));
            }
            crm__pdf_para_at(p, p->left + 8, buf, SMALL, false, p->t->colour_muted);
        }
    }
}

/* The discount-rate scenario table, beside the tornado: every vendor's
 * NPV at each rate, unadjusted / risk-adjusted. */
void crm__pdf_rate_scenario_table(struct pdf *p)
{
    const struct crm_analysis *an = p->res->analysis;
    const char *head[MAX_COLS];
    double wts[MAX_COLS];
    bool right[MAX_COLS];
    char rates[MAX_COLS][24], buf[320];
    size_t cols = an->scenario_count + 1, i, k;
    struct table tb;

    if (an->scenario_count == 0 || cols > MAX_COLS) {
        return;
    }
    crm__pdf_need(p, 120);
    crm__pdf_fill(buf, sizeof(buf), T(p, "rate_scenarios_title"), "currency", p->ev->currency, NULL);
    crm__pdf_h2(p, buf);
    head[0] = T(p, "col_vendor");
    wts[0] = 2.2;
    right[0] = false;
    for (k = 0; k < an->scenario_count; k++) {
        head[k + 1] = crm__pdf_pct(rates[k], sizeof(rates[k]), an->scenario_rates[k], 1);
        wts[k + 1] = 2;
        right[k + 1] = true;
    }
    crm__pdf_table_init(p, &tb, cols, head, wts, right, SMALL);
    for (i = 0; i < p->res->vendor_count; i++) {
        size_t vi = p->res->order[i];
        const char *cells[MAX_COLS];
        char vals[MAX_COLS][64], a[32], b[32];

        cells[0] = crm__pdf_vendor_label(&p->res->vendors[vi]);
        for (k = 0; k < an->scenario_count; k++) {
            const struct crm_rate_scenario *sc = &an->scenarios[vi * an->scenario_count + k];

            snprintf(vals[k], sizeof(vals[k]), "%s / %s", crm__pdf_money0(a, sizeof(a), sc->npv),
                     crm__pdf_money0(b, sizeof(b), sc->npv_adjusted));
            cells[k + 1] = vals[k];
        }
        crm__pdf_table_row(p, &tb, cells, i);
    }
}
