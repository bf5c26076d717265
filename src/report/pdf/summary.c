/*
 * The front of the report: the cover, the executive summary (verdict
 * first, then who leads and why, what to verify, the risks, the
 * must-haves) and the ranking and group scores.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crmeval/version.h"
#include "report/pdf/internal.h"
#include "util/strutil.h"
/* The cover: logo, title (wrapped), organisation, date, who prepared it
 * and the firm. Nothing a client does not need (the digest is in the
 * appendix). */
void crm__pdf_section_cover(struct pdf *p)
{
    const struct crm_evaluation *ev = p->ev;
    char buf[512];
    double y = 0;

    p->y = p->top - 120;
    if (p->t->logo_data != NULL) {
        /* the bytes the loader decoded, not the file again */
        HPDF_Image img = HPDF_LoadPngImageFromMem(p->doc, p->t->logo_data,
                                                  (HPDF_UINT)p->t->logo_len);
        double iw = img ? HPDF_Image_GetWidth(img) : 0, ih = img ? HPDF_Image_GetHeight(img) : 0;

        if (img == NULL || iw <= 0 || ih <= 0) {
            crm__pdf_fail(p, CRM_EIO, "the logo '%s' could not be embedded", p->t->logo);
        } else {
            double scale = fmin(160 / iw, 60 / ih);

            HPDF_Page_DrawImage(p->page, img, (float)p->left,
                                (float)(p->top - ih * scale),
                                (float)(iw * scale), (float)(ih * scale));
        }
    }
    crm__pdf_rect(p, p->left, p->y + 20, 60, 5, p->t->colour_accent);
    crm__pdf_para_at(p, p->left, T(p, "report_title"), 14, false, p->t->colour_muted);
    crm__pdf_gap(p, 6);
    crm__pdf_para_at(p, p->left, ev->title, 24, true, p->t->colour_primary);
    crm__pdf_gap(p, 18);
    y = p->y;
    (void)y;
    crm__pdf_fill(buf, sizeof(buf), T(p, "cover_organisation"), "name",
         ev->org.name ? ev->org.name : "", NULL);
    crm__pdf_para_at(p, p->left, buf, 11, false, p->t->colour_text);
    {
        char seats[32];

        crm__snprintf(seats, sizeof(seats), "%.0f", ev->org.seats);
        crm__pdf_fill(buf, sizeof(buf), T(p, "cover_seats"), "seats", seats, NULL);
        crm__pdf_para_at(p, p->left, buf, 11, false, p->t->colour_text);
    }
    crm__pdf_fill(buf, sizeof(buf), T(p, "cover_date"), "date", ev->date ? ev->date : "",
         NULL);
    crm__pdf_para_at(p, p->left, buf, 11, false, p->t->colour_text);
    if (ev->prepared_by != NULL) {
        crm__pdf_fill(buf, sizeof(buf), T(p, "cover_prepared_by"), "who", ev->prepared_by,
             NULL);
        crm__pdf_para_at(p, p->left, buf, 11, false, p->t->colour_text);
    }
    if (p->t->firm != NULL) {
        crm__pdf_fill(buf, sizeof(buf), T(p, "cover_firm"), "firm", p->t->firm, NULL);
        crm__pdf_para_at(p, p->left, buf, 11, false, p->t->colour_text);
    }
    /* the inputs' digest and crmeval's version are in the appendix
     * (appendix.c), not on a cover a client reads */
}

/* The vendors knocked out (@p knocked_out) with the rules they failed or,
 * under `unverified_must_haves: knock_out`, could not verify; or the
 * vendors still ranked whose must-haves are not verified, with those
 * rules: no data is a question, never a failure. */
static size_t must_have_list(struct pdf *p, bool knocked_out)
{
    char buf[640], rule[320];
    size_t i, k, listed = 0;

    for (i = 0; i < p->res->vendor_count; i++) {
        const struct crm_vendor_score *vs = crm__pdf_ranked(p, i);
        size_t len = 0;

        if (vs->knocked_out != knocked_out ||
            (!knocked_out && vs->must_have != CRM_MUST_HAVE_UNVERIFIED)) {
            continue;
        }
        listed++;
        len = (size_t)snprintf(buf, sizeof(buf), "%s: ", crm__pdf_vendor_label(vs));
        for (k = 0; k < p->ev->rule_count && len < sizeof(buf) - 8; k++) {
            if (vs->rules[k].state == CRM_MUST_HAVE_PASS) {
                continue;
            }
            crm__pdf_rule_text(p, rule, sizeof(rule), &vs->rules[k]);
            len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
                                    buf[len - 2] == ':' ? "" : "; ", rule);
        }
        crm__pdf_bullet(p, buf);
    }
    return listed;
}

/* The verdict's first line, before any vendor is named. */
static void headline(struct pdf *p)
{
    const struct crm_analysis *an = p->res->analysis;
    char buf[640], a[32], b[32];
    unsigned colour = an->verdict == CRM_VERDICT_ROBUST ? p->t->colour_pass : p->t->colour_fail;

    switch (an->verdict) {
    case CRM_VERDICT_PRELIMINARY:
        snprintf(buf, sizeof(buf), "%s", T(p, "headline_preliminary"));
        break;
    case CRM_VERDICT_TIE:
        snprintf(a, sizeof(a), "%zu", an->tie_count);
        crm__pdf_fill(buf, sizeof(buf), T(p, "headline_tie"), "count", a, "score",
             crm__pdf_num(b, sizeof(b), p->res->vendors[an->winner].score, 2), NULL);
        break;
    case CRM_VERDICT_FRAGILE:
        crm__pdf_fill(buf, sizeof(buf), T(p, "headline_fragile"), "rule",
             an->verdict_key ? T(p, an->verdict_key) : "", NULL);
        break;
    case CRM_VERDICT_ROBUST:
        snprintf(buf, sizeof(buf), "%s", T(p, "headline_robust"));
        break;
    }
    crm__pdf_para_at(p, p->left, buf, 12, true, colour);
    crm__pdf_gap(p, 4);
}

/* Why a preliminary verdict is preliminary, one bullet per reason. */
static void preliminary_reasons(struct pdf *p)
{
    const struct crm_analysis *an = p->res->analysis;
    double min_c = p->ev->verdict.min_evidence;
    char buf[800], a[32], b[32], rules[400];
    size_t *who = crm__pdf_calloc(p->res->vendor_count + 1, sizeof(*who)), n = 0, k;

    crm__pdf_h2(p, T(p, "rests_on_title"));
    if (who != NULL && (an->preliminary & CRM_PRELIM_EVIDENCE)) {
        n = crm__verdict_subjects(an, who);
    }
    for (k = 0; k < n; k++) {
        if (p->res->vendors[who[k]].evidence < min_c) {
            crm__pdf_fill(buf, sizeof(buf), T(p, "prelim_evidence"), "vendor",
                 crm__pdf_vendor_label(&p->res->vendors[who[k]]), "share",
                 crm__pdf_pct(a, sizeof(a), p->res->vendors[who[k]].evidence, 0), "threshold",
                 crm__pdf_pct(b, sizeof(b), min_c, 0), NULL);
            crm__pdf_bullet(p, buf);
        }
    }
    free(who);
    for (k = 0; (an->preliminary & CRM_PRELIM_UNVERIFIED) && k < an->tie_count; k++) {
        const struct crm_vendor_score *vs = &p->res->vendors[an->tied[k]];

        if (vs->must_have == CRM_MUST_HAVE_UNVERIFIED) {
            crm__pdf_fill(buf, sizeof(buf), T(p, "prelim_unverified"), "vendor", crm__pdf_vendor_label(vs),
                 "rules", crm__pdf_unverified_rules(p, rules, sizeof(rules), vs), NULL);
            crm__pdf_bullet(p, buf);
        }
    }
    if (an->preliminary & CRM_PRELIM_SIMULATION) {
        double share = 0;

        for (k = 0; k < an->tie_count; k++) {
            share += p->res->simulation->vendors[an->tied[k]].p_first;
        }
        crm__pdf_fill(buf, sizeof(buf), T(p, an->tie_count > 1 ? "prelim_p_first_tied" : "prelim_p_first"),
             "vendor", crm__pdf_vendor_label(&p->res->vendors[an->winner]), "share",
             crm__pdf_pct(a, sizeof(a), share, 0), "threshold",
             crm__pdf_pct(b, sizeof(b), p->ev->verdict.min_p_first, 0), NULL);
        crm__pdf_bullet(p, buf);
    }
}

/* Who leads, or who is tied and what would separate them. */
static void recommendation(struct pdf *p)
{
    const struct crm_analysis *an = p->res->analysis;
    const struct crm_vendor_score *win = crm__pdf_winner(p), *second = crm__pdf_runner_up(p);
    bool provisional = an->verdict == CRM_VERDICT_PRELIMINARY;
    char buf[800], a[64], b[64], rules[400];
    size_t k;

    if (an->tie_count > 1) {
        crm__pdf_vendor_list(p, rules, sizeof(rules), an->tied, an->tie_count);
        crm__pdf_fill(buf, sizeof(buf), T(p, "tied_line"), "vendors", rules, NULL);
        crm__pdf_para_at(p, p->left, buf, 11, true, p->t->colour_text);
        if (an->tie_breaks == NULL) {
            crm__pdf_bullet(p, T(p, "verdict_no_weights"));
        }
        for (k = 0; an->tie_breaks != NULL && k < an->tie_count && k < 5; k++) {
            const struct crm_tie_break *tb = &an->tie_breaks[k];
            char until[96] = "";

            if (!tb->found) {
                crm__pdf_fill(buf, sizeof(buf), T(p, tb->identical ? "tie_identical" : "tie_none"),
                     "vendor", crm__pdf_vendor_label(&p->res->vendors[tb->vendor]), NULL);
            } else {
                if (!isnan(tb->lead_until)) {
                    crm__pdf_fill(until, sizeof(until), T(p, "tie_until"), "until",
                         crm__pdf_pct(a, sizeof(a), tb->lead_until, 1), NULL);
                }
                crm__pdf_fill(buf, sizeof(buf), T(p, tb->rise ? "tie_rise" : "tie_fall"), "vendor",
                     crm__pdf_vendor_label(&p->res->vendors[tb->vendor]), "item",
                     tb->group ? crm__pdf_group_name(p, tb->index) : crm__pdf_criterion_name(p, tb->index),
                     "from", crm__pdf_pct(a, sizeof(a), tb->current, 1), "points",
                     crm__pdf_num(b, sizeof(b), tb->per_point, 2), "until", until, NULL);
            }
            crm__pdf_bullet(p, buf);
        }
        if (an->tie_count > 5) {
            snprintf(a, sizeof(a), "%zu", an->tie_count - 5);
            crm__pdf_bullet(p, crm__pdf_fill(buf, sizeof(buf), T(p, "and_more"), "count", a, NULL));
        }
        return;
    }
    crm__pdf_num(a, sizeof(a), win->score, 2);
    crm__pdf_lead_text(b, sizeof(b), second ? win->score - second->score : win->score);
    if (second != NULL) {
        crm__pdf_vendor_list(p, rules, sizeof(rules), an->runners, an->runner_count);
    }
    crm__pdf_fill(buf, sizeof(buf),
         T(p, second ? (provisional ? "leading_now" : "recommendation")
                     : (provisional ? "leading_now_single" : "recommendation_single")),
         "vendor", crm__pdf_vendor_label(win), "score", a, "lead", b, "runner",
         second ? rules : "", NULL);
    crm__pdf_para_at(p, p->left, buf, 11, true, p->t->colour_text);
    if (win->must_have == CRM_MUST_HAVE_UNVERIFIED) {
        crm__pdf_fill(buf, sizeof(buf), T(p, "provided_verified"), "rules",
             crm__pdf_unverified_rules(p, rules, sizeof(rules), win), NULL);
        crm__pdf_para_at(p, p->left, buf, BODY, true, p->t->colour_fail);
    }
}

/* The values to find out first: those that could change the winner, then
 * the top three vendors' by points at stake; at most @p most. */
static void questions_list(struct pdf *p, size_t most)
{
    const struct crm_analysis *an = p->res->analysis;
    char buf[800], pts[32], lo[32], hi[32], tail[400];
    size_t k, shown = 0;

    for (k = 0; k < an->question_count && shown < most; k++) {
        const struct crm_question *q = &an->questions[k];
        const struct crm_vendor_score *vs = &p->res->vendors[q->vendor];

        if (!q->decisive && (vs->rank > 3 || vs->knocked_out)) {
            continue;
        }
        shown++;

        crm__pdf_fill(buf, sizeof(buf), T(p, "question_line"), "vendor", crm__pdf_vendor_label(vs),
             "criterion", crm__pdf_criterion_name(p, q->criterion), "kind",
             crm__pdf_question_kind(p, tail, sizeof(tail), q), "points",
             crm__pdf_num(pts, sizeof(pts), q->at_stake, 2), NULL);
        if (q->must_have) {
            snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s",
                     p->zh ? "；" : "; ", T(p, "q_must_have"));
        }
        if (q->simulated) {
            crm__pdf_fill(tail, sizeof(tail), T(p, "question_p"), "vendor", crm__pdf_vendor_label(vs), "low",
                 crm__pdf_pct(lo, sizeof(lo), q->p_owner_low, 0), "high",
                 crm__pdf_pct(hi, sizeof(hi), q->p_owner_high, 0), NULL);
            snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s",
                     p->zh ? "；" : "; ", tail);
        }
        crm__pdf_bullet(p, buf);
    }
}

/* Where the winner gains over the runner-up, where the runner-up gains
 * over the winner, and the net: both sides of the lead. */
static void lead_both_ways(struct pdf *p)
{
    const struct crm_lead *l = &p->res->analysis->lead;
    char buf[640], a[32];
    size_t side, k;

    if (!l->present || p->res->analysis->tie_count > 1) {
        return;
    }
    crm__pdf_h2(p, T(p, "top_reasons"));
    for (side = 0; side < 2; side++) {
        const struct crm_lead_item *items = side == 0 ? l->for_a : l->for_b;
        size_t count = side == 0 ? l->count_a : l->count_b;

        crm__pdf_fill(buf, sizeof(buf), T(p, "lead_for"), "vendor",
             crm__pdf_vendor_label(&p->res->vendors[side == 0 ? l->a : l->b]), "points",
             crm__pdf_num(a, sizeof(a), side == 0 ? l->gain_a : l->gain_b, 2), NULL);
        crm__pdf_para_at(p, p->left, buf, BODY, true, p->t->colour_text);
        for (k = 0; k < count && k < 4; k++) {
            crm__pdf_fill(buf, sizeof(buf), T(p, "reason_line"), "criterion",
                 crm__pdf_criterion_name(p, items[k].criterion), "points",
                 crm__pdf_num(a, sizeof(a), items[k].points, 2), NULL);
            crm__pdf_bullet(p, buf);
        }
        if (count == 0) {
            crm__pdf_bullet(p, T(p, "lead_none"));
        }
    }
    crm__pdf_fill(buf, sizeof(buf), T(p, "lead_net"), "vendor", crm__pdf_vendor_label(&p->res->vendors[l->a]),
         "points", crm__pdf_lead_text(a, sizeof(a), l->gain_a - l->gain_b), NULL);
    crm__pdf_para(p, buf);
}

/* When another vendor has a better risk-adjusted NPV than the leader:
 * by how much, and whether its costs or its benefits make it. */
static void npv_reconciliation(struct pdf *p)
{
    const struct crm_analysis *an = p->res->analysis;
    const struct crm_npv_gap *g = &an->npv_gap;
    char buf[800], part[300], why[640], x[48], y[48];
    size_t len = 0;

    if (!g->present || an->tie_count > 1) {
        return;
    }
    why[0] = '\0';
    if (fabs(g->costs) >= 0.5) {
        crm__pdf_fill(why, sizeof(why), T(p, g->costs > 0 ? "npv_gap_costs_higher" : "npv_gap_costs_lower"),
             "amount", crm__pdf_money0(x, sizeof(x), fabs(g->costs)), "currency", p->ev->currency, NULL);
        len = strlen(why);
    }
    if (fabs(g->benefits) >= 0.5) {
        crm__pdf_fill(part, sizeof(part),
             T(p, g->benefits > 0 ? "npv_gap_benefits_lower" : "npv_gap_benefits_higher"),
             "amount", crm__pdf_money0(x, sizeof(x), fabs(g->benefits)), "currency", p->ev->currency,
             NULL);
        snprintf(why + len, sizeof(why) - len, "%s%s", len ? (p->zh ? "，" : ", ") : "", part);
    }
    crm__pdf_fill(buf, sizeof(buf), T(p, "npv_gap"), "winner", crm__pdf_vendor_label(crm__pdf_winner(p)), "other",
         crm__pdf_vendor_label(&p->res->vendors[g->better]), "npv", crm__pdf_money0(y, sizeof(y), g->npv),
         "currency", p->ev->currency, "why", why, NULL);
    crm__pdf_bullet(p, buf);
}

/* The executive summary: the verdict first, then who leads and why, what
 * to verify, the risks, must-haves and data completeness. */
void crm__pdf_section_summary(struct pdf *p)
{
    const struct crm_analysis *an = p->res->analysis;
    const struct crm_vendor_score *win = crm__pdf_winner(p), *second = crm__pdf_runner_up(p);
    char buf[800], a[64], b[64], c[64];
    size_t i;
    size_t risks = 0;

    crm__pdf_h1(p, T(p, "summary_title"));
    headline(p);
    if (an->verdict == CRM_VERDICT_PRELIMINARY) {
        preliminary_reasons(p);
        crm__pdf_gap(p, 4);
    }
    if (win == NULL) {
        crm__pdf_para(p, T(p, "no_winner"));
    } else {
        recommendation(p);
        crm__pdf_gap(p, 6);
        if (an->question_count > 0) {
            crm__pdf_h2(p, T(p, "verify_first_title"));
            questions_list(p, 5);
        }
        lead_both_ways(p);
        crm__pdf_h2(p, T(p, "main_risks"));
        if (win->sample_count > 0 && an->tie_count < 2) {
            snprintf(a, sizeof(a), "%zu", win->sample_count);
            crm__pdf_fill(buf, sizeof(buf), T(p, "risk_samples"), "count", a, "vendor", crm__pdf_vendor_label(win),
                 NULL);
            crm__pdf_bullet(p, buf);
            risks++;
        }
        if (win->near_miss_count > 0 && an->tie_count < 2) {
            char rules[320];
            size_t k, len = 0;

            /* name the rules passed by a small margin, not only their count */
            rules[0] = '\0';
            for (k = 0; k < p->ev->rule_count && len < sizeof(rules) - 8; k++) {
                if (win->rules[k].state == CRM_MUST_HAVE_PASS && win->rules[k].near_miss) {
                    char rule[256];

                    len += (size_t)snprintf(rules + len, sizeof(rules) - len, "%s%s",
                                            len ? (p->zh ? "；" : "; ") : "",
                                            crm__pdf_rule_text(p, rule, sizeof(rule),
                                                               &win->rules[k]));
                    len = len < sizeof(rules) ? len : sizeof(rules) - 1;
                }
            }
            snprintf(a, sizeof(a), "%zu", win->near_miss_count);
            crm__pdf_fill(buf, sizeof(buf), T(p, "risk_near_miss"), "count", a, "vendor", crm__pdf_vendor_label(win),
                 "rules", rules, NULL);
            crm__pdf_bullet(p, buf);
            risks++;
        }
        if (second != NULL && an->tie_count < 2 && win->score - second->score < 3) {
            crm__pdf_bullet(p, T(p, "risk_small_lead"));
            risks++;
        }
        if (p->res->finance != NULL) {
            const struct crm_finance_summary *s =
                &p->res->finance[crm__pdf_index_of(p, win)].adjusted.summary;

            if (s->npv < 0 && an->tie_count < 2) {
                crm__pdf_money0(a, sizeof(a), s->npv);
                crm__pdf_fill(buf, sizeof(buf), T(p, "risk_npv"), "npv", a, "currency",
                     p->ev->currency, "vendor", crm__pdf_vendor_label(win), NULL);
                crm__pdf_bullet(p, buf);
                risks++;
            }
            if (an->npv_gap.present && an->tie_count < 2) {
                npv_reconciliation(p);
                risks++;
            }
            if (an->benefits_identical) {
                crm__pdf_bullet(p, T(p, "benefits_same"));
                risks++;
            }
            for (i = 0; i < p->res->vendor_count; i++) {
                unsigned lacks = an->no_running_costs[p->res->order[i]];

                if (lacks != 0 && !crm__pdf_ranked(p, i)->knocked_out) {
                    crm__pdf_fill(buf, sizeof(buf), T(p, "running_costs_note"), "vendor",
                         crm__pdf_vendor_label(crm__pdf_ranked(p, i)), "lacks",
                         T(p, lacks == CRM_RUNNING_NO_HOSTING ? "running_no_hosting"
                              : lacks == CRM_RUNNING_NO_ADMIN ? "running_no_admin"
                                                              : "running_no_both"),
                         NULL);
                    crm__pdf_bullet(p, buf);
                    risks++;
                }
            }
        }
        for (i = 0; i < p->ev->set->criterion_count; i++) {
            if (p->res->relative[i] && p->res->weights.effective[i] > 0) {
                crm__pdf_bullet(p, T(p, "risk_relative"));
                risks++;
                break;
            }
        }
        if (risks == 0) {
            crm__pdf_para(p, T(p, "no_risks"));
        }
        crm__pdf_h2(p, T(p, "robustness_title"));
        if (an->verdict == CRM_VERDICT_PRELIMINARY) {
            char rs[640];

            crm__pdf_fill(buf, sizeof(buf), T(p, "on_data_so_far"), "sentence",
                 crm__pdf_robust_sentence(p, rs, sizeof(rs)), NULL);
            crm__pdf_para(p, buf);
        } else {
            crm__pdf_para(p, crm__pdf_robust_sentence(p, buf, sizeof(buf)));
        }
        if (an->has_smallest) {
            crm__pdf_para(p, crm__pdf_smallest_change(p, buf, sizeof(buf)));
        }
        if (p->res->simulation != NULL && p->res->simulation->leader != CRM_NONE) {
            crm__pdf_para(p, crm__pdf_sim_sentence(p, buf, sizeof(buf)));
        } else if (an->unknowns_drawn > 0) {
            snprintf(a, sizeof(a), "%zu", an->unknowns_drawn);
            crm__pdf_para(p, crm__pdf_fill(buf, sizeof(buf), T(p, "not_simulated"), "count", a, NULL));
        }
    }
    crm__pdf_h2(p, T(p, "knocked_out_title"));
    if (must_have_list(p, true) == 0) {
        crm__pdf_para(p, T(p, "no_knockouts"));
    }
    for (i = 0; i < p->res->vendor_count; i++) {
        if (crm__pdf_ranked(p, i)->must_have == CRM_MUST_HAVE_UNVERIFIED && !crm__pdf_ranked(p, i)->knocked_out) {
            crm__pdf_h2(p, T(p, "unverified_title"));
            crm__pdf_para(p, T(p, "unverified_intro"));
            must_have_list(p, false);
            break;
        }
    }
    crm__pdf_h2(p, T(p, "completeness_title"));
    {
        static const double wts[] = { 4, 1.6, 1.6, 1.6 };
        static const bool right[] = { false, true, true, true };
        static const char *const heads[] = {
            "col_vendor", "col_completeness", "col_missing", "col_samples"
        };
        struct table t;
        crm__pdf_table_init_keys(p, &t, 4, heads, wts, right, BODY);
        for (i = 0; i < p->res->vendor_count; i++) {
            const struct crm_vendor_score *vs = crm__pdf_ranked(p, i);
            const char *cells[4];

            snprintf(b, sizeof(b), "%zu", vs->missing_count);
            snprintf(c, sizeof(c), "%zu", vs->sample_count);
            cells[0] = crm__pdf_vendor_label(vs);
            cells[1] = crm__pdf_pct(a, sizeof(a), vs->completeness, 0);
            cells[2] = b;
            cells[3] = c;
            crm__pdf_table_row(p, &t, cells, i);
        }
    }
}

/* The ranking: a bar per vendor in its colour and the ranking table. */
void crm__pdf_section_ranking(struct pdf *p)
{
    static const double wts[] = { 0.8, 4, 1.3, 1.5, 2.2 };
    static const bool right[] = { true, false, true, true, false };
    static const char *const heads[] = {
        "col_rank", "col_vendor", "col_score", "col_completeness", "col_must_haves"
    };
    char a[32], b[32], c[96];
    struct table t;
    size_t i;

    crm__pdf_h1(p, T(p, "ranking_title"));
    crm__pdf_para(p, T(p, "ranking_intro"));
    crm__pdf_gap(p, 6);
    crm__pdf_ranking_bars(p);
    crm__pdf_gap(p, 6);
    crm__pdf_table_init_keys(p, &t, 5, heads, wts, right, BODY);
    for (i = 0; i < p->res->vendor_count; i++) {
        const struct crm_vendor_score *vs = crm__pdf_ranked(p, i);
        const char *cells[5];
        char rank[16];

        snprintf(rank, sizeof(rank), "%u", vs->rank);
        crm__pdf_must_have_cell(p, c, sizeof(c), vs);
        cells[0] = rank;
        cells[1] = crm__pdf_vendor_label(vs);
        cells[2] = crm__pdf_num(a, sizeof(a), vs->score, 2);
        cells[3] = crm__pdf_pct(b, sizeof(b), vs->completeness, 0);
        cells[4] = c;
        crm__pdf_table_row(p, &t, cells, i);
    }
}

/* Scores by criteria group: grouped bars, the group tables, the radar. */
void crm__pdf_section_breakdown(struct pdf *p)
{
    const struct crm_criteria_set *set = p->ev->set;
    size_t shown = p->res->vendor_count < 5 ? p->res->vendor_count : 5;
    size_t g, i, k;

    crm__pdf_h1(p, T(p, "breakdown_title"));
    crm__pdf_para(p, T(p, "breakdown_intro"));
    crm__pdf_gap(p, 6);
    crm__pdf_group_bars(p, shown);
    /* Group scores of every vendor: vendors down, groups across, in as
     * many tables as it takes to keep columns readable. */
    for (g = 0; g < set->group_count; g += 6) {
        size_t cols = set->group_count - g < 6 ? set->group_count - g : 6;
        double wts[8];
        bool right[8];
        const char *head[8];
        struct table t;

        crm__pdf_gap(p, 8);
        wts[0] = 3.2;
        right[0] = false;
        head[0] = T(p, "col_vendor");
        for (k = 0; k < cols; k++) {
            wts[k + 1] = 1.3;
            right[k + 1] = true;
            head[k + 1] = crm__pdf_group_name(p, g + k);
        }
        crm__pdf_table_init(p, &t, cols + 1, head, wts, right, SMALL);
        /* a short table is never split: all its rows go on one page */
        crm__pdf_need(p, (double)(p->res->vendor_count + 3) * (SMALL * LINE_GAP + 5));
        for (i = 0; i < p->res->vendor_count; i++) {
            const struct crm_vendor_score *vs = crm__pdf_ranked(p, i);
            char vals[8][24];
            const char *cells[8];

            cells[0] = crm__pdf_vendor_label(vs);
            for (k = 0; k < cols; k++) {
                cells[k + 1] = crm__pdf_num(vals[k], sizeof(vals[k]),
                                   vs->groups[g + k].score, 1);
            }
            crm__pdf_table_row(p, &t, cells, i);
        }
    }
    for (k = 0, i = 0; i < set->group_count; i++) {
        k += p->res->weights.group_share[i] > 0;
    }
    if (k < 3) {
        return; /* a radar needs three axes */
    }
    crm__pdf_gap(p, 10);
    crm__pdf_need(p, 380); /* the heading stays with its chart */
    crm__pdf_h2(p, T(p, "radar_title"));
    crm__pdf_radar(p, p->res->vendor_count < 3 ? p->res->vendor_count : 3);
}
