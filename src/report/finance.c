/*
 * Finance tables for people: a terminal rendering with thousands
 * separators, and CSV files a finance team can open and re-check in a
 * spreadsheet. Both read the projections kept in the result; nothing is
 * recomputed here.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crmeval/report.h"
#include "analysis/simulate.h"
#include "report/conventions.h"
#include "score/score.h"
#include "util/fileio.h"
#include "util/strutil.h"


/* Every CSV starts with a UTF-8 byte-order mark: without it Excel on
 * Windows reads a CSV in the local ANSI code page and garbles any
 * non-ASCII text (Chinese names and notes, accented names, a euro sign),
 * whatever the report's language. LibreOffice, Google Sheets and Python's
 * utf-8-sig read it as UTF-8 and drop it. */
#define CSV_BOM "\xEF\xBB\xBF"

static const char *money(char *buf, size_t size, double x)
{
    return crm__format_money(buf, size, x, 2);
}


/* IRR in words for the terminal: the rate, every root when the cash flows
 * give several, or "none (why)". Writes into @p buf and returns it. */
static const char *irr_text(char *buf, size_t size, const crm_irr_result *irr)
{
    size_t i, len = 0;

    if (irr->status == CRM_IRR_OK) {
        crm__snprintf(buf, size, "%.3f%%", irr->roots[0] * 100);
        return buf;
    }
    if (irr->status == CRM_IRR_AMBIGUOUS) {
        len += (size_t)snprintf(buf, size, "ambiguous:");
        for (i = 0; i < irr->count && len < size; i++) {
            len += (size_t)crm__snprintf(buf + len, size - len, " %.3f%%",
                                         irr->roots[i] * 100);
        }
        return buf;
    }
    snprintf(buf, size, "none (%s)", crm_irr_status_text(irr->status));
    return buf;
}

/* One projection's yearly table (only the cost categories in use, to keep
 * it narrow) and its summary: TCO, NPV, ROI, IRR, MIRR, paybacks, and XNPV
 * and XIRR when flow dates were given. */
static void print_projection(FILE *out, const struct crm_evaluation *ev,
                             const struct crm_projection *p, size_t years,
                             const char *title)
{
    const struct crm_finance_summary *s = &p->summary;
    bool used[CRM_COST_CATEGORY_COUNT] = { false };
    char a[200], b2[200], c3[48];
    size_t t, c;

    for (t = 0; t < years; t++) {
        for (c = 0; c < CRM_COST_CATEGORY_COUNT; c++) {
            used[c] = used[c] || p->rows[t].cost[c] != 0;
        }
    }
    fprintf(out, "\n  %s (%s)\n  %-5s %6s", title, ev->currency, "year", "seats");
    for (c = 0; c < CRM_COST_CATEGORY_COUNT; c++) {
        if (used[c]) {
            fprintf(out, " %15.15s", crm__cost_category_names[c]);
        }
    }
    fprintf(out, " %15s %15s %15s %15s %12s %15s %15s\n", "total cost",
            "benefits", "net", "cumulative", "factor", "discounted", "cum. disc.");
    for (t = 0; t < years; t++) {
        const struct crm_year_row *r = &p->rows[t];

        crm__fprintf(out, "  %-5zu %6.0f", t, r->seats);
        for (c = 0; c < CRM_COST_CATEGORY_COUNT; c++) {
            if (used[c]) {
                fprintf(out, " %15s", money(a, sizeof(a), r->cost[c]));
            }
        }
        fprintf(out, " %15s", money(a, sizeof(a), r->total_cost));
        fprintf(out, " %15s", money(a, sizeof(a), r->benefits));
        fprintf(out, " %15s", money(a, sizeof(a), r->net));
        fprintf(out, " %15s", money(a, sizeof(a), r->cumulative));
        crm__fprintf(out, " %12.10f", r->factor);
        fprintf(out, " %15s", money(a, sizeof(a), r->discounted_net));
        fprintf(out, " %15s\n", money(a, sizeof(a), r->cumulative_discounted));
    }
    crm__fprintf(out, "  TCO %s (PV %s); per seat-year %s over %.0f seat-years\n",
                 money(a, sizeof(a), s->tco), money(b2, sizeof(b2), s->tco_pv),
                 money(c3, sizeof(c3), s->tco_per_seat_year), s->seat_years);
    fprintf(out, "  PV benefits %s; NPV %s", money(a, sizeof(a), s->pv_benefits),
            money(b2, sizeof(b2), s->npv));
    if (s->has_ratio) {
        crm__fprintf(out, "; ROI %.3f%%; benefit/cost %.4f", s->roi * 100, s->bcr);
    }
    fprintf(out, "\n  IRR %s", irr_text(a, sizeof(a), &s->irr));
    if (s->has_mirr) {
        crm__fprintf(out, "; MIRR %.3f%%", s->mirr * 100);
    }
    crm__fprintf(out, "\n  payback %s",
                 s->has_payback ? (crm__snprintf(a, sizeof(a), "%.2f years", s->payback), a)
                           : "not within the horizon");
    crm__fprintf(out, "; discounted payback %s\n",
                 s->has_discounted_payback
                ? (crm__snprintf(b2, sizeof(b2), "%.2f years", s->discounted_payback), b2)
                : "not within the horizon");
    if (s->has_dates) {
        fprintf(out, "  XNPV %s; XIRR %s (actual/365 from %s)\n",
                money(a, sizeof(a), s->xnpv), irr_text(b2, sizeof(b2), &s->xirr),
                ev->finance.flow_dates[0]);
    }
}

crm_status crm_report_finance_text(const crm_result *res, const char *vendor_id,
                                   FILE *out, crm_diags *diags)
{
    const struct crm_evaluation *ev = res->ev;
    const struct crm_finance_settings *fin = &ev->finance;
    size_t i, shown = 0;
    char name[1024]; /* a title or name as a terminal shows it */

    if (res->finance == NULL) {
        crm_diags_add(diags, CRM_SEV_ERROR, ev->file, 0, 0,
                      "the evaluation has no 'finance' section: add costs and "
                      "benefits (docs/finance.md)");
        return CRM_EINPUT;
    }
    fprintf(out, "%s\n", crm__tty(name, sizeof(name), ev->title));
    crm__fprintf(out, "Amounts in %s. Year 0 is not discounted; flows at the %s of "
                 "each year; discount rate %.4g%%, compounded yearly.\n",
                 ev->currency,
                 fin->timing == CRM_TIMING_MID_YEAR ? "middle" : "end",
                 ev->discount_rate * 100);
    if (crm__finance_mixed_timing(res)) {
        fprintf(out, "Cost lines billed otherwise are discounted from when they are paid: "
                     "%s.\n", crm__finance_conventions(res));
    }
    for (i = 0; i < res->vendor_count; i++) {
        const struct crm_vendor_score *vs = &res->vendors[res->order[i]];
        const struct crm_vendor_finance *f = &res->finance[res->order[i]];

        if (vendor_id != NULL && strcmp(vendor_id, vs->vendor->id) != 0) {
            continue;
        }
        shown++;
        fprintf(out, "\n%s (%s)%s\n", crm__tty(name, sizeof(name), vs->vendor->name),
                vs->vendor->id,
                vs->vendor->price_known
                    ? ""
                    : "  [no list price: licence cost missing from these figures]");
        print_projection(out, ev, &f->base, f->years, "unadjusted");
        if (fin->risk_costs != 0 || fin->risk_benefits != 0) {
            char title[96];

            crm__snprintf(title, sizeof(title),
                          "risk-adjusted: costs +%.4g%%, benefits -%.4g%%",
                          fin->risk_costs * 100, fin->risk_benefits * 100);
            print_projection(out, ev, &f->adjusted, f->years, title);
        }
    }
    if (vendor_id != NULL && shown == 0) {
        crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0,
                      "no vendor '%s' in this evaluation", vendor_id);
        return CRM_EINPUT;
    }
    if (ferror(out)) {
        crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0,
                      "cannot write the tables: %s", strerror(errno));
        return CRM_EIO;
    }
    return CRM_OK;
}

/* One projection's years as rows of <vendor>-yearly.csv: money rounded
 * to cents with crm__round (half away from zero, as every output number
 * is), the discount factor to 10 places. */
static void csv_rows(struct crm_buf *t, const char *scenario,
                     const struct crm_projection *p, size_t years)
{
    size_t y, c;

    for (y = 0; y < years; y++) {
        const struct crm_year_row *r = &p->rows[y];

        crm__buf_printf(t, "%s,%zu,%.0f,%.0f", scenario, y, r->users, r->seats);
        for (c = 0; c < CRM_COST_CATEGORY_COUNT; c++) {
            crm__buf_printf(t, ",%.2f", crm__round(r->cost[c], 2));
        }
        crm__buf_printf(t, ",%.2f,%.2f,%.2f,%.2f,%.10f,%.2f,%.2f",
                    crm__round(r->total_cost, 2), crm__round(r->benefits, 2),
                    crm__round(r->net, 2), crm__round(r->cumulative, 2),
                    r->factor, crm__round(r->discounted_net, 2),
                    crm__round(r->cumulative_discounted, 2));
        crm__buf_printf(t, ",%.2f,%.2f,%.2f,%.2f\n", crm__round(r->capex, 2),
                        crm__round(r->opex, 2), crm__round(r->pv_costs, 2),
                        crm__round(r->pv_benefits, 2));
    }
}

static void csv_optional(struct crm_buf *t, bool has, double x, int decimals)
{
    crm__buf_printf(t, ",");
    if (has) {
        crm__buf_printf(t, "%.*f", decimals, crm__round(x, decimals));
    }
}

/* One summary.csv row for a vendor and scenario. A figure that does not
 * exist (IRR, payback) is a blank cell, and the row's last columns say
 * why, so a spreadsheet reader is not left guessing. */
static void csv_summary(struct crm_buf *t, const struct crm_vendor *vendor,
                        const char *scenario, const struct crm_projection *p,
                        size_t years)
{
    const struct crm_finance_summary *s = &p->summary;
    double capex = 0, opex = 0;
    size_t i;

    for (i = 0; i < years; i++) {
        capex += p->rows[i].capex;
        opex += p->rows[i].opex;
    }
    crm__buf_csv(t, vendor->id);
    crm__buf_printf(t, ",%s", vendor->price_known ? "true" : "false");
    crm__buf_printf(t, ",%s,%.2f,%.2f,%.0f,%.2f,%.2f,%.2f", scenario,
                crm__round(s->tco, 2), crm__round(s->tco_pv, 2), s->seat_years,
                crm__round(s->tco_per_seat_year, 2),
                crm__round(s->pv_benefits, 2), crm__round(s->npv, 2));
    csv_optional(t, s->has_ratio, s->roi, 6);
    csv_optional(t, s->has_ratio, s->bcr, 6);
    csv_optional(t, s->irr.status == CRM_IRR_OK, s->irr.roots[0], 6);
    crm__buf_printf(t, ",");
    for (i = 0; i < s->irr.count; i++) {
        crm__buf_printf(t, "%s%.6f", i ? " " : "", s->irr.roots[i]);
    }
    csv_optional(t, s->has_mirr, s->mirr, 6);
    csv_optional(t, s->has_payback, s->payback, 4);
    csv_optional(t, s->has_discounted_payback, s->discounted_payback, 4);
    csv_optional(t, s->has_dates, s->xnpv, 2);
    csv_optional(t, s->has_dates && s->xirr.status == CRM_IRR_OK,
                 s->xirr.roots[0], 6);
    /* why a blank is blank */
    crm__buf_printf(t, ",%s,", s->irr.status == CRM_IRR_OK ? "ok"
                                                           : crm__irr_reason_key(s->irr.status));
    crm__buf_csv(t, s->irr.status == CRM_IRR_OK ? NULL : crm_irr_status_text(s->irr.status));
    crm__buf_printf(t, ",");
    crm__buf_csv(t, crm__payback_reason(s->has_payback, false));
    crm__buf_printf(t, ",");
    crm__buf_csv(t, crm__payback_reason(s->has_discounted_payback, true));
    crm__buf_printf(t, ",%.2f,%.2f\n", crm__round(capex, 2), crm__round(opex, 2));
}

/* A line's risk adjustment, its rationale (in the evaluation's language
 * when it has both) and its risk-adjusted yearly amounts, ending the row. */
static void csv_risk(struct crm_buf *t, double share, const struct crm_line_risk *risk,
                     const char *language, const double *adjusted, size_t years)
{
    const struct crm_text *why = &risk->rationale;
    bool zh = language != NULL && strcmp(language, "zh-CN") == 0;
    size_t y;

    crm__buf_printf(t, ",%.6f,", share);
    crm__buf_csv(t, zh && why->zh ? why->zh : why->en ? why->en : why->zh);
    for (y = 0; y < years; y++) {
        crm__buf_printf(t, ",%.2f", crm__round(adjusted[y], 2));
    }
    crm__buf_printf(t, "\n");
}

/* Add @p t as DIR/NAME to the output set (the files are put in place
 * together later) and release the buffer whatever happens. CRM_ENOMEM when
 * the buffer ran out of memory while it was built. */
static crm_status write_text(crm_outputs *out, const char *dir, const char *name,
                             struct crm_buf *t, crm_diags *diags)
{
    char path[4096];
    crm_status st = CRM_OK;

    if (t->failed) {
        free(t->data);
        memset(t, 0, sizeof(*t));
        return CRM_ENOMEM;
    }
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    st = crm_outputs_add(out, path, "the finance CSV file", t->data ? t->data : "", t->len,
                         diags);
    free(t->data);
    memset(t, 0, sizeof(*t));
    return st;
}

/* <vendor>-yearly.csv: the yearly table, unadjusted then risk-adjusted,
 * appended to @p yearly. */
static void csv_yearly(struct crm_buf *yearly, const struct crm_vendor_finance *f)
{
    size_t c;

    crm__buf_printf(yearly, CSV_BOM "scenario,year,users,seats");
    for (c = 0; c < CRM_COST_CATEGORY_COUNT; c++) {
        crm__buf_printf(yearly, ",%s", crm__cost_category_names[c]);
    }
    crm__buf_printf(yearly, ",total_cost,benefits,net,cumulative,"
                         "discount_factor,discounted_net,"
                         "cumulative_discounted,capex,opex,discounted_costs,"
                         "discounted_benefits\n");
    csv_rows(yearly, "unadjusted", &f->base, f->years);
    csv_rows(yearly, "risk_adjusted", &f->adjusted, f->years);
}

/* <vendor>-lines.csv: every cost line of @p vendor's plan (its rule,
 * currency, billing, capex or opex, and risk adjustment with rationale)
 * and every benefit line, year by year, appended to @p lines. */
static void csv_lines(struct crm_buf *lines_buf, const struct crm_evaluation *ev,
                      const struct crm_vendor *vendor, const struct crm_vendor_finance *f)
{
    size_t k, y;

    crm__buf_printf(lines_buf, CSV_BOM "line,category,basis,origin,currency,rate,amount,"
                        "percent,of,first_year,last_year,escalation");
    for (y = 0; y < f->years; y++) {
        crm__buf_printf(lines_buf, ",year_%zu", y);
    }
    crm__buf_printf(lines_buf, ",note,billing,expense,risk_adjustment,risk_rationale");
    for (y = 0; y < f->years; y++) {
        crm__buf_printf(lines_buf, ",risk_adjusted_year_%zu", y);
    }
    crm__buf_printf(lines_buf, "\n");
    for (k = 0; k < vendor->plan_count; k++) {
        const struct crm_cost_line *l = &vendor->plan[k];
        static const char *const bases[] = { "fixed", "per_seat",
                                             "per_added_seat", "percent" };
        size_t j;

        crm__buf_csv(lines_buf, l->id);
        crm__buf_printf(lines_buf, ",%s,%s,", crm__cost_category_names[l->category],
                    bases[l->basis]);
        crm__buf_csv(lines_buf, l->origin);
        crm__buf_printf(lines_buf, ",%s,%.8g,", l->currency ? l->currency : "",
                    l->rate);
        if (l->basis != CRM_BASIS_PERCENT && l->tier_count == 0) {
            crm__buf_printf(lines_buf, "%.2f", l->amount);
        }
        crm__buf_printf(lines_buf, ",");
        if (l->basis == CRM_BASIS_PERCENT) {
            crm__buf_printf(lines_buf, "%.6g", l->percent);
        }
        crm__buf_printf(lines_buf, ",");
        for (j = 0; j < l->of_count; j++) {
            crm__buf_printf(lines_buf, "%s%s", j ? " " : "", l->of[j]);
        }
        crm__buf_printf(lines_buf, ",%d,%d,%.6f", l->first_year,
                    l->last_year == CRM_YEAR_HORIZON ? (int)f->years - 1
                                                     : l->last_year,
                    l->escalation);
        for (y = 0; y < f->years; y++) {
            crm__buf_printf(lines_buf, ",%.2f",
                        crm__round(f->line_amounts[k * f->years + y], 2));
        }
        crm__buf_printf(lines_buf, ",");
        crm__buf_csv(lines_buf, l->note);
        crm__buf_printf(lines_buf, ",%s,%s", crm__billing_resolved(ev, l->billing),
                        crm__cost_is_capex(ev, l) ? "capex" : "opex");
        csv_risk(lines_buf, crm__cost_risk(ev, l), &l->risk, ev->language,
                 f->line_adjusted + k * f->years, f->years);
    }
    for (k = 0; k < ev->finance.benefit_count; k++) {
        crm__buf_csv(lines_buf, ev->finance.benefits[k].id);
        crm__buf_printf(lines_buf, ",benefit,,evaluation,%s,1,,,,,,", ev->currency);
        for (y = 0; y < f->years; y++) {
            crm__buf_printf(lines_buf, ",%.2f",
                        crm__round(f->benefit_amounts[k * f->years + y], 2));
        }
        crm__buf_printf(lines_buf, ",");
        crm__buf_csv(lines_buf, ev->finance.benefits[k].note);
        crm__buf_printf(lines_buf, ",%s,",
                        crm__billing_resolved(ev, CRM_BILLING_DEFAULT));
        csv_risk(lines_buf, crm__benefit_risk(ev, &ev->finance.benefits[k]),
                 &ev->finance.benefits[k].risk, ev->language,
                 f->benefit_adjusted + k * f->years, f->years);
    }
}

/* README.txt of the CSV folder: the conventions and what each file
 * holds, for a reader re-checking the figures in a spreadsheet. */
static void csv_readme(struct crm_buf *readme, const crm_result *res)
{
    const struct crm_evaluation *ev = res->ev;
    char note[800];

    crm__buf_printf(readme,
                "%s\n\nAmounts in %s; %s; discount rate %.6g. Money is "
                "rounded to 2 decimals, rates and ratios to 6 (as "
                "fractions: 0.109162 = 10.9162%%), discount factors to 10, "
                "payback years to 4. The CSV files are UTF-8 with a "
                "byte-order mark (Excel reads them as UTF-8).\n\n"
                "NPV = sum over years of discounted_net (net x "
                "discount_factor when every line is paid at the "
                "evaluation's time) = the sum of 'discounted' in "
                "<vendor>-cash.csv. In a spreadsheet: %s.\n\n"
                "summary.csv: one row per vendor and scenario "
                "(unadjusted, risk_adjusted: each cost line x (1 + its "
                "risk_adjustment), each benefit x (1 - its "
                "risk_adjustment); the flat adjustments are costs x %.6g, "
                "benefits x %.6g). price_known false: no list price, "
                "licence cost missing, costs understated. A blank irr, "
                "payback or discounted payback says why in irr_status / "
                "irr_note, payback_note, discounted_payback_note.\n"
                "<vendor>-yearly.csv: the yearly table per scenario, with "
                "capex and opex.\n"
                "<vendor>-lines.csv: every cost line (with its currency, "
                "rate, rule, billing, capex/opex and risk adjustment with "
                "its rationale) and benefit line, year by year, "
                "unadjusted, then risk-adjusted; the yearly table's "
                "categories are their sums.\n"
                "<vendor>-cash.csv: the net cash flows by when they are "
                "paid (time in years), with discount factors: the series "
                "IRR and NPV are computed on.\n",
                ev->title, ev->currency, crm__finance_conventions(res),
                ev->discount_rate,
                crm__finance_spreadsheet_note(res, note, sizeof(note)),
                1 + ev->finance.risk_costs, 1 - ev->finance.risk_benefits);
}

/* <vendor>-cash.csv: the net cash flows by when they are paid, both
 * scenarios, with each point's discount factor: NPV is the sum of
 * 'discounted', IRR (1 + IRR(amount))^periods_per_year - 1. */
static crm_status csv_cash(crm_outputs *out, const char *dir, const char *id,
                           const struct crm_vendor_finance *f, double rate,
                           crm_diags *diags)
{
    struct crm_buf cash = CRM_BUF_INIT;
    size_t k, step = f->half_years ? 1 : 2, sc;
    char name[128];

    crm__buf_printf(&cash, CSV_BOM "scenario,periods_per_year,time,amount,"
                                   "discount_factor,discounted\n");
    for (sc = 0; sc < 2; sc++) {
        const struct crm_projection *p = sc == 0 ? &f->base : &f->adjusted;

        for (k = 0; k < 2 * f->years - 1; k += step) {
            double factor = 1 / pow(1 + rate, 0.5 * (double)k);

            crm__buf_printf(&cash, "%s,%d,%g,%.2f,%.10f,%.2f\n",
                            sc == 0 ? "unadjusted" : "risk_adjusted",
                            f->half_years ? 2 : 1, 0.5 * (double)k,
                            crm__round(p->cash[k], 2), factor,
                            crm__round(p->cash[k] * factor, 2));
        }
    }
    snprintf(name, sizeof(name), "%s-cash.csv", id);
    return write_text(out, dir, name, &cash, diags);
}

crm_status crm_report_finance_csv(crm_outputs *out, const crm_result *res, const char *dir,
                                  const char *vendor_id, crm_diags *diags)
{
    const struct crm_evaluation *ev = res->ev;
    struct crm_buf summary = CRM_BUF_INIT;
    crm_status st = CRM_OK;
    size_t i;

    if (res->finance == NULL) {
        crm_diags_add(diags, CRM_SEV_ERROR, ev->file, 0, 0,
                      "the evaluation has no 'finance' section: add costs and "
                      "benefits (docs/finance.md)");
        return CRM_EINPUT;
    }
    crm__buf_printf(&summary, CSV_BOM
                "vendor,price_known,scenario,tco,pv_costs,seat_years,tco_per_seat_year,"
                "pv_benefits,npv,roi,benefit_cost_ratio,irr,irr_roots,mirr,"
                "payback_years,discounted_payback_years,xnpv,xirr,irr_status,"
                "irr_note,payback_note,discounted_payback_note,capex,opex\n");
    for (i = 0; i < res->vendor_count && st == CRM_OK; i++) {
        size_t v = res->order[i];
        const struct crm_vendor *vendor = res->vendors[v].vendor;
        const struct crm_vendor_finance *f = &res->finance[v];
        struct crm_buf yearly = CRM_BUF_INIT;
        struct crm_buf lines = CRM_BUF_INIT;
        char name[128];

        if (vendor_id != NULL && strcmp(vendor_id, vendor->id) != 0) {
            continue;
        }
        csv_summary(&summary, vendor, "unadjusted", &f->base, f->years);
        csv_summary(&summary, vendor, "risk_adjusted", &f->adjusted, f->years);

        csv_yearly(&yearly, f);
        snprintf(name, sizeof(name), "%s-yearly.csv", vendor->id);
        st = write_text(out, dir, name, &yearly, diags);
        if (st != CRM_OK) {
            break;
        }

        csv_lines(&lines, ev, vendor, f);
        snprintf(name, sizeof(name), "%s-lines.csv", vendor->id);
        st = write_text(out, dir, name, &lines, diags);
        if (st == CRM_OK) {
            st = csv_cash(out, dir, vendor->id, f, ev->discount_rate, diags);
        }
    }
    if (st == CRM_OK) {
        st = write_text(out, dir, "summary.csv", &summary, diags);
    } else {
        free(summary.data);
    }
    if (st == CRM_OK) {
        struct crm_buf readme = CRM_BUF_INIT;

        csv_readme(&readme, res);
        st = write_text(out, dir, "README.txt", &readme, diags);
    }
    return st;
}

void crm_report_simulation_text(const crm_result *res, FILE *out)
{
    const struct crm_simulation *sim = res->simulation;
    char a[48], b[48], c[48], title[1024];
    size_t i, varied = 0;

    if (sim == NULL) {
        return;
    }
    for (i = 0, varied = 0; i < CRM_SPREAD_COUNT; i++) {
        varied += sim->unknowns.spread[i];
    }
    fprintf(out,
            "%s\n%zu trials (%s, seed %llu), %zu uncertain inputs; %zu missing values "
            "drawn, %zu known values varied by their evidence (Monte Carlo)\n\n",
            crm__tty(title, sizeof(title), res->ev->title), sim->trials,
            sim->lhs ? "Latin hypercube" : "Monte Carlo", sim->seed, sim->input_count,
            sim->unknowns.missing, varied);
    fprintf(out, "%-32s %8s %26s %45s %9s\n", "vendor", "P(first)",
            "score P5 / P50 / P95", "NPV P10 / P50 / P90", "P(NPV>0)");
    for (i = 0; i < res->vendor_count; i++) {
        size_t v = res->order[i];
        const struct crm_sim_vendor *sv = &sim->vendors[v];
        char score[64];

        crm__snprintf(score, sizeof(score), "%.2f / %.2f / %.2f", sv->score.p5,
                      sv->score.p50, sv->score.p95);
        crm__fprintf(out, "%-32.32s %7.1f%% %26s", res->vendors[v].vendor->id,
                     crm__round(sv->p_first * 100, 1), score);
        if (sv->has_finance) {
            crm__fprintf(out, " %14s %14s %14s %8.1f%%",
                         crm__format_money(a, sizeof(a), sv->npv.p10, 0),
                         crm__format_money(b, sizeof(b), sv->npv.p50, 0),
                         crm__format_money(c, sizeof(c), sv->npv.p90, 0),
                         crm__round(sv->p_npv_positive * 100, 1));
        }
        fprintf(out, "\n");
    }
    if (sim->leader != (size_t)-1) {
        crm__fprintf(out, "\nconvergence: P(first) of %s %.1f%% +/- %.2f%% (standard error)",
                     res->vendors[sim->leader].vendor->id,
                     crm__round(sim->vendors[sim->leader].p_first * 100, 1),
                     sim->se_p_first * 100);
        if (sim->vendors[sim->leader].has_finance) {
            fprintf(out, "; mean NPV %s +/- %s",
                    crm__format_money(a, sizeof(a), sim->vendors[sim->leader].npv.mean, 0),
                    crm__format_money(b, sizeof(b), sim->se_npv_mean, 0));
        }
        fprintf(out, "\n");
    }
}
