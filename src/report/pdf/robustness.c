/*
 * How sure the ranking is: the verdict on the data so far, weight
 * stability, the second method and leave-one-out, value for money, the
 * uncertainty simulation, the NPV tornado and rate scenarios, and the
 * questions to settle before deciding.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/pdf/internal.h"
#include "util/strutil.h"
/* The simulated mean NPV and TCO percentiles, beside the table above. */
static void sim_costs_table(struct pdf *p)
{
    const struct crm_simulation *sim = p->res->simulation;
    static const double wts[] = { 3.2, 1.6, 1.6, 1.6, 1.6 };
    static const bool right[] = { false, true, true, true, true };
    static const char *const heads[] = {
        "col_vendor", "col_npv_mean", "col_tco_p10", "col_tco_p50", "col_tco_p90"
    };
    struct table t;
    char v[5][48];
    size_t i;

    crm__pdf_gap(p, 6);
    crm__pdf_table_init_keys(p, &t, 5, heads, wts, right, SMALL);
    for (i = 0; i < p->res->vendor_count; i++) {
        size_t vi = p->res->order[i];
        const struct crm_sim_vendor *sv = &sim->vendors[vi];
        const char *cells[5];

        cells[0] = crm__pdf_vendor_label(&p->res->vendors[vi]);
        cells[1] = sv->has_finance ? crm__pdf_money0(v[1], sizeof(v[1]), sv->npv.mean) : "—";
        cells[2] = sv->has_finance ? crm__pdf_money0(v[2], sizeof(v[2]), sv->tco.p10) : "—";
        cells[3] = sv->has_finance ? crm__pdf_money0(v[3], sizeof(v[3]), sv->tco.p50) : "—";
        cells[4] = sv->has_finance ? crm__pdf_money0(v[4], sizeof(v[4]), sv->tco.p90) : "—";
        crm__pdf_table_row(p, &t, cells, i);
    }
}

/* The uncertainty simulation: chances of ranking first, NPV and TCO
 * spreads, and the leader's NPV distribution. */
static void section_risk(struct pdf *p)
{
    const struct crm_simulation *sim = p->res->simulation;
    static const double wts[] = { 3.2, 1.1, 2.2, 1.5, 1.5, 1.5, 1.1 };
    static const bool right[] = { false, true, true, true, true, true, true };
    static const char *const heads[] = {
        "col_vendor", "col_p_first", "col_score_range", "col_npv_p10", "col_npv_p50",
        "col_npv_p90", "col_p_npv"
    };
    struct table t;
    char buf[512], v[7][48];
    size_t i;

    crm__pdf_h2(p, T(p, "risk_title"));
    crm__pdf_para(p, crm__pdf_sim_sentence(p, buf, sizeof(buf)));
    if (sim->unknowns.missing > 0 || crm__pdf_sim_varied(sim) > 0) {
        char m[32], n[32];

        snprintf(m, sizeof(m), "%zu", sim->unknowns.missing);
        snprintf(n, sizeof(n), "%zu", crm__pdf_sim_varied(sim));
        crm__pdf_para(p, crm__pdf_fill(buf, sizeof(buf), T(p, "sim_unknowns"), "missing", m, "varied", n, NULL));
    }
    crm__pdf_table_init_keys(p, &t, 7, heads, wts, right, SMALL);
    for (i = 0; i < p->res->vendor_count; i++) {
        size_t vi = p->res->order[i];
        const struct crm_sim_vendor *sv = &sim->vendors[vi];
        const char *cells[7];

        crm__snprintf(v[2], sizeof(v[2]), "%.1f – %.1f", sv->score.p5, sv->score.p95);
        cells[0] = crm__pdf_vendor_label(&p->res->vendors[vi]);
        cells[1] = crm__pdf_pct(v[1], sizeof(v[1]), sv->p_first, 1);
        cells[2] = v[2];
        cells[3] = sv->has_finance ? crm__pdf_money0(v[3], sizeof(v[3]), sv->npv.p10) : "—";
        cells[4] = sv->has_finance ? crm__pdf_money0(v[4], sizeof(v[4]), sv->npv.p50) : "—";
        cells[5] = sv->has_finance ? crm__pdf_money0(v[5], sizeof(v[5]), sv->npv.p90) : "—";
        cells[6] = sv->has_finance ? crm__pdf_pct(v[6], sizeof(v[6]), sv->p_npv_positive, 0) : "—";
        crm__pdf_table_row(p, &t, cells, i);
    }
    if (sim->leader != CRM_NONE && sim->vendors[sim->leader].has_finance) {
        sim_costs_table(p);
        crm__pdf_fill(buf, sizeof(buf), T(p, "npv_dist_title"), "vendor",
             crm__pdf_vendor_label(&p->res->vendors[sim->leader]), NULL);
        crm__pdf_h2_keep(p, buf, 190); /* the histogram's height */
        crm__pdf_npv_distribution(p, &sim->vendors[sim->leader]);
    }
}

/* "Questions to settle before deciding": the first @p most values to find
 * out, with their vendor's chance of ranking first either way. */
static void questions_table(struct pdf *p, size_t most)
{
    const struct crm_analysis *an = p->res->analysis;
    static const double wts[] = { 2.4, 3.0, 2.0, 1.1, 1.2, 1.2 };
    static const bool right[] = { false, false, false, true, true, true };
    static const char *const heads[] = {
        "col_vendor", "col_criterion", "col_status", "col_at_stake", "col_p_if_worse",
        "col_p_if_better"
    };
    struct table t;
    char buf[160], v[4][96], kind[64];
    size_t k, simulated = 0;

    if (an->question_count == 0) {
        return;
    }
    crm__pdf_need(p, 120);
    crm__pdf_h2(p, T(p, "questions_title"));
    crm__pdf_para_at(p, p->left, T(p, "questions_intro"), SMALL, false, p->t->colour_muted);
    /* where the rest are, above the table: a note after a long table may
     * be all its last page holds */
    if (an->question_count > most) {
        snprintf(v[0], sizeof(v[0]), "%zu", an->question_count - most);
        crm__pdf_fill(buf, sizeof(buf), T(p, "questions_more"), "count", v[0], NULL);
        crm__pdf_para_at(p, p->left, buf, SMALL, false, p->t->colour_muted);
    }
    for (k = 0; k < an->question_count && k < most; k++) {
        simulated += an->questions[k].simulated;
    }
    if (simulated > 0) { /* what the last two columns mean, before them */
        crm__pdf_para_at(p, p->left, T(p, "questions_note"), SMALL, false, p->t->colour_muted);
    }
    crm__pdf_table_init_keys(p, &t, 6, heads, wts, right, SMALL);
    t.rows = an->question_count < most ? an->question_count : most;
    for (k = 0; k < an->question_count && k < most; k++) {
        const struct crm_question *q = &an->questions[k];
        const char *cells[6];

        crm__pdf_question_kind(p, kind, sizeof(kind), q);
        snprintf(v[0], sizeof(v[0]), "%s%s%s", kind, q->decisive ? " ▲" : "",
                 q->must_have ? " !" : "");
        cells[0] = crm__pdf_vendor_label(&p->res->vendors[q->vendor]);
        cells[1] = crm__pdf_criterion_name(p, q->criterion);
        cells[2] = v[0];
        cells[3] = crm__pdf_num(v[1], sizeof(v[1]), q->at_stake, 2);
        cells[4] = q->simulated ? crm__pdf_pct(v[2], sizeof(v[2]), q->p_owner_low, 0) : "—";
        cells[5] = q->simulated ? crm__pdf_pct(v[3], sizeof(v[3]), q->p_owner_high, 0) : "—";
        crm__pdf_table_row(p, &t, cells, k);
    }
}

/* How sure the ranking is: the verdict, weight stability, the second
 * method, value for money, the simulation, the tornado, the questions. */
void crm__pdf_section_sensitivity(struct pdf *p)
{
    const struct crm_analysis *an = p->res->analysis;
    char buf[640], a[32], b[32];
    size_t i;

    crm__pdf_h1(p, T(p, "sensitivity_title"));
    if (an->verdict == CRM_VERDICT_PRELIMINARY) {
        char rs[640];

        crm__pdf_fill(buf, sizeof(buf), T(p, "on_data_so_far"), "sentence",
             crm__pdf_robust_sentence(p, rs, sizeof(rs)), NULL);
    } else {
        crm__pdf_robust_sentence(p, buf, sizeof(buf));
    }
    crm__pdf_para_at(p, p->left, buf, 10.5, true,
            an->robustness == CRM_VERDICT_ROBUST ? p->t->colour_pass : p->t->colour_fail);
    crm__pdf_gap(p, 4);
    if (an->winner != CRM_NONE && an->has_smallest) {
        crm__pdf_para(p, crm__pdf_smallest_change(p, buf, sizeof(buf)));
    }
    if (an->weights_available && an->winner != CRM_NONE && an->tie_count < 2) {
        crm__pdf_h2(p, T(p, "stability_title"));
        crm__pdf_stability_chart(p);
    }
    crm__pdf_h2(p, T(p, "methods_title"));
    crm__pdf_fill(buf, sizeof(buf),
         T(p, an->winner == CRM_NONE  ? "methods_no_winner"
              : an->tie_count > 1     ? "methods_tie"
              : an->methods_disagree ? "methods_disagree"
                                      : "methods_agree"),
         "tau", crm__pdf_num(a, sizeof(a), an->kendall_tau, 2), NULL);
    crm__pdf_para(p, buf);
    {
        static const double wts[] = { 4, 1.2, 1.4, 1.2, 1.6 };
        static const bool right[] = { false, true, true, true, false };
        static const char *const heads[] = {
            "col_vendor", "col_rank", "col_closeness", "col_topsis_rank", "col_loo"
        };
        struct table t;
        crm__pdf_table_init_keys(p, &t, 5, heads, wts, right, SMALL);
        for (i = 0; i < p->res->vendor_count; i++) {
            size_t v = p->res->order[i];
            const char *cells[5];
            char r1[16], r2[16];

            snprintf(r1, sizeof(r1), "%u", p->res->vendors[v].rank);
            snprintf(r2, sizeof(r2), "%u", an->topsis_rank[v]);
            cells[0] = crm__pdf_vendor_label(&p->res->vendors[v]);
            cells[1] = r1;
            cells[2] = isnan(an->topsis[v]) ? "—" : crm__pdf_num(b, sizeof(b), an->topsis[v], 3);
            cells[3] = an->topsis_rank[v] == 0 ? "—" : r2;
            cells[4] = !an->loo_done ? "—"
                       : an->loo_reversal[v] ? T(p, "loo_changes") : T(p, "loo_same");
            crm__pdf_table_row(p, &t, cells, i);
        }
        crm__pdf_para_at(p, p->left, T(p, "loo_note"), SMALL, false, p->t->colour_muted);
        crm__pdf_para_at(p, p->left, T(p, an->topsis_data_ideal ? "topsis_note_data" : "topsis_note"),
                SMALL, false, p->t->colour_muted);
    }
    crm__pdf_h2_keep(p, T(p, "frontier_title"), 220); /* the chart's height */
    crm__pdf_frontier_chart(p);
    if (p->res->simulation != NULL && p->res->simulation->leader != CRM_NONE) {
        section_risk(p);
    }
    if (an->tornado != NULL && an->winner != CRM_NONE) {
        const struct crm_vendor_tornado *tv = &an->tornado[an->winner];

        crm__pdf_fill(buf, sizeof(buf), T(p, "tornado_title"), "vendor",
             crm__pdf_vendor_label(&p->res->vendors[an->winner]), "range",
             crm__pdf_pct(a, sizeof(a), an->tornado_range, 0), NULL);
        crm__pdf_h2_keep(p, buf, 15 * (double)(tv->bar_count + 2) + 30); /* the tornado */
        crm__pdf_tornado_chart(p, tv);
        for (i = 0; i < tv->bar_count; i++) {
            const struct crm_tornado_bar *bar = &tv->bars[i];
            char key[48];
            const char *label = NULL;

            if (!bar->has_break_even) {
                continue;
            }
            if (bar->input == CRM_TORNADO_COST) {
                snprintf(key, sizeof(key), "cat_%s", crm__cost_category_names[bar->category]);
                label = T(p, key);
            } else {
                label = T(p, bar->input == CRM_TORNADO_BENEFITS ? "in_benefits"
                             : bar->input == CRM_TORNADO_SEATS   ? "in_seats"
                                                                 : "in_rate");
            }
            /* a break-even beyond ten times the assumption (or a rate
             * beyond 1000%) is no finding: said as such, not as a number */
            if (fabs(bar->break_even) > 10) {
                crm__pdf_fill(buf, sizeof(buf), T(p, "break_even_none"), "input", label, NULL);
            } else if (bar->input == CRM_TORNADO_RATE) {
                crm__pdf_fill(buf, sizeof(buf), T(p, "break_even_rate"), "input", label,
                     "value", crm__pdf_pct(a, sizeof(a), bar->break_even, 2), NULL);
            } else {
                crm__pdf_fill(buf, sizeof(buf), T(p, "break_even_line"), "input", label,
                     "value", crm__pdf_pct(a, sizeof(a), bar->break_even, 0), NULL);
            }
            crm__pdf_bullet(p, buf);
        }
        if (tv->has_price_break_even) {
            snprintf(b, sizeof(b), "%s %s", p->res->ev->vendors[an->winner]->pricing.currency,
                     crm__pdf_money2(a, sizeof(a), tv->price_break_even));
            crm__pdf_fill(buf, sizeof(buf), T(p, "break_even_price"), "price", b, NULL);
            crm__pdf_bullet(p, buf);
        }
        crm__pdf_rate_scenario_table(p);
    }
    questions_table(p, 25);
}
