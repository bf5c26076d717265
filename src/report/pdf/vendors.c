/*
 * One page per vendor (facts, price, strengths and weaknesses, must-haves,
 * missing data, evidence) and the evaluation panel (docs/panel.md).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/pdf/internal.h"
#include "util/strutil.h"

static const char *const role_keys[CRM_ROLE_COUNT] = { "role_it", "role_sales", "role_service",
                                                      "role_finance", "role_management" };

/*
 * The label of an evidence kind. Documentation found on a document-sharing
 * site is a third party's copy, not the vendor's official documentation,
 * and is labelled so (the JSON keeps the kind as given).
 */
static const char *evidence_label(const struct pdf *p, const struct crm_evidence *e)
{
    static const char *const kinds[] = { "ev_vendor_claim", "ev_documentation",
                                         "ev_demo", "ev_trial",
                                         "ev_reference_customer",
                                         "ev_independent_test" };
    static const char *const sharing[] = { "pdfslide.net", "scribd.com", "slideshare.net",
                                           "docin.com", "doc88.com", "dokumen.pub",
                                           "studylib.net", "documents.pub", "vdocuments.net",
                                           NULL };
    size_t i;

    if (e->kind == CRM_EVIDENCE_DOCUMENTATION && e->source != NULL) {
        for (i = 0; sharing[i] != NULL; i++) {
            if (strstr(e->source, sharing[i]) != NULL) {
                return T(p, "ev_documentation_copy");
            }
        }
    }
    return T(p, kinds[e->kind]);
}

static const char *role_name(const struct pdf *p, size_t role)
{
    return T(p, role_keys[role]);
}
/*
 * One vendor: its facts, price, strengths and weaknesses, must-haves,
 * missing data and evidence. The first starts a page; each next one
 * follows on the same page when at least 40% of it is left, so a vendor
 * whose evidence runs over by a row leaves no nearly empty page behind.
 * Long (about 200 lines) because its blocks share one running position
 * and one set of page-break decisions; each block is a few lines of calls
 * to the layout helpers, in reading order.
 */
static void vendor_page(struct pdf *p, const struct crm_vendor_score *vs, bool first)
{
    const struct crm_vendor *v = vs->vendor;
    const struct crm_criteria_set *set = p->ev->set;
    size_t vi = crm__pdf_index_of(p, vs), i, k, n;
    char buf[640], a[64], b[64];
    struct keyed *keys = crm__pdf_calloc(set->criterion_count + 1, sizeof(*keys));

    if (first || p->y - p->bottom < 0.4 * (p->top - p->bottom)) {
        crm__pdf_new_page(p);
    } else {
        crm__pdf_gap(p, 22);
    }
    snprintf(buf, sizeof(buf), "%u. %s%s%s", vs->rank, crm__pdf_vendor_label(vs),
             v->edition ? " · " : "", v->edition ? v->edition : "");
    crm__pdf_h1(p, buf);
    crm__pdf_num(a, sizeof(a), vs->score, 2);
    crm__pdf_pct(b, sizeof(b), vs->completeness, 0);
    crm__pdf_fill(buf, sizeof(buf), T(p, vs->knocked_out ? "vendor_line_ko" : "vendor_line"),
         "score", a, "completeness", b, NULL);
    crm__pdf_para_at(p, p->left, buf, 10.5, true,
            vs->knocked_out ? p->t->colour_fail : p->t->colour_text);
    crm__pdf_gap(p, 4);
    {
        size_t len = 0;

        buf[0] = '\0';
        if (v->company) {
            len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s", v->company);
        }
        if (v->country) {
            len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
                                    len ? " · " : "", v->country);
        }
        /* deployment models in words (deploy_saas...), not their ids */
        for (k = 0; k < v->deployment_count && len < sizeof(buf) - 40; k++) {
            char key[48];

            snprintf(key, sizeof(key), "deploy_%s", v->deployment[k]);
            len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
                                    len ? " · " : "", T(p, key));
            len = len < sizeof(buf) ? len : sizeof(buf) - 1;
        }
        if (v->licence) {
            snprintf(buf + len, sizeof(buf) - len, "%s%s", len ? " · " : "",
                     v->licence);
        }
        if (buf[0]) {
            crm__pdf_para(p, buf);
        }
        if (v->website) {
            crm__pdf_para_at(p, p->left, v->website, SMALL, false, p->t->colour_muted);
        }
    }
    if (v->has_pricing) {
        const struct crm_pricing *pr = &v->pricing;

        if (pr->has_list_price) {
            snprintf(a, sizeof(a), "%s %s", pr->currency, crm__pdf_money2(b, sizeof(b), pr->list_price_per_user_month));
        } else if (pr->has_perpetual) {
            snprintf(a, sizeof(a), "%s %s", pr->currency, crm__pdf_money2(b, sizeof(b), pr->perpetual_licence_per_user));
        } else {
            snprintf(a, sizeof(a), "%s", pr->model == CRM_PRICING_FREE ? T(p, "free") : "—");
        }
        crm__pdf_fill(buf, sizeof(buf),
             T(p, pr->has_perpetual ? "pricing_perpetual" : "pricing_line"),
             "price", a, "as_of", pr->as_of ? pr->as_of : "—", "source",
             pr->source ? pr->source : "—", NULL);
        crm__pdf_para(p, buf);
        if (pr->note) {
            crm__pdf_para_at(p, p->left, pr->note, SMALL, false, p->t->colour_muted);
        }
        if (pr->as_of != NULL && crm__pdf_stale(pr->as_of, p->ev->date)) {
            crm__pdf_para_at(p, p->left, T(p, "stale_price"), SMALL, true, p->t->colour_fail);
        }
    }
    if (keys != NULL) {
        size_t shown[5], strong = 0, listed = 0;

        crm__pdf_h2(p, T(p, "strengths"));
        n = crm__pdf_sorted_criteria(p, keys, vs, NULL, 1);
        for (i = 0; i < n && strong < 5 && keys[i].key > 0; i++) {
            char val[96];

            shown[strong++] = keys[i].c;
            crm__pdf_fill(buf, sizeof(buf), T(p, "strength_line"), "criterion",
                 crm__pdf_criterion_name(p, keys[i].c), "points",
                 crm__pdf_num(a, sizeof(a), keys[i].key, 2), "value",
                 crm__pdf_value_text(p, val, sizeof(val), vi, keys[i].c), NULL);
            crm__pdf_bullet(p, buf);
        }
        /* a criterion is a strength or a weakness, never both; and a
         * value that is missing is listed under missing data, not here */
        crm__pdf_h2(p, T(p, "weaknesses"));
        n = crm__pdf_sorted_criteria(p, keys, vs, NULL, 2);
        for (i = 0; i < n && listed < 5 && keys[i].key > 0; i++) {
            char val[96];
            bool strength = false;

            for (k = 0; k < strong; k++) {
                strength = strength || shown[k] == keys[i].c;
            }
            if (strength || vs->criteria[keys[i].c].source == CRM_SOURCE_MISSING) {
                continue;
            }
            listed++;
            crm__pdf_fill(buf, sizeof(buf), T(p, "weakness_line"), "criterion",
                 crm__pdf_criterion_name(p, keys[i].c), "points",
                 crm__pdf_num(a, sizeof(a), keys[i].key, 2), "value",
                 crm__pdf_value_text(p, val, sizeof(val), vi, keys[i].c), NULL);
            crm__pdf_bullet(p, buf);
        }
    }
    if (p->ev->rule_count > 0) {
        static const double wts[] = { 5, 1.4 };
        static const bool right[] = { false, false };
        static const char *const heads[] = { "col_rule", "col_result" };
        struct table t;

        crm__pdf_h2(p, T(p, "must_have_title"));
        crm__pdf_table_init_keys(p, &t, 2, heads, wts, right, SMALL);
        t.rows = p->ev->rule_count;
        for (k = 0; k < p->ev->rule_count; k++) {
            const struct crm_rule_outcome *ro = &vs->rules[k];
            const char *cells[2];

            cells[0] = crm__pdf_rule_text(p, buf, sizeof(buf), ro);
            cells[1] = ro->state == CRM_MUST_HAVE_PASS
                           ? (ro->near_miss ? T(p, "near_miss") : T(p, "pass"))
                       : ro->state == CRM_MUST_HAVE_UNVERIFIED ? T(p, "rule_unverified")
                                                               : T(p, "fail");
            crm__pdf_table_row(p, &t, cells, k);
        }
    }
    /* Missing data: the weighted criteria with no value, the heaviest
     * first, all of them (or as many as fit, and where to find the rest) */
    if (vs->missing_count > 0 && keys != NULL) {
        size_t len = 0, listed = 0, size = 8192, m = 0;
        char *list = crm__pdf_calloc(size, 1);

        for (i = 0; i < set->criterion_count; i++) {
            if (vs->criteria[i].source == CRM_SOURCE_MISSING &&
                p->res->weights.effective[i] > 0) {
                keys[m].c = i;
                keys[m++].key = p->res->weights.effective[i];
            }
        }
        qsort(keys, m, sizeof(*keys), crm__pdf_by_key_desc);
        crm__pdf_h2(p, T(p, "missing_title"));
        for (i = 0; list != NULL && i < m; i++) {
            const char *name = crm__pdf_criterion_name(p, keys[i].c);

            if (len + strlen(name) + 200 >= size) {
                break;
            }
            len += (size_t)snprintf(list + len, size - len, "%s%s",
                                    listed ? (p->zh ? "、" : ", ") : "", name);
            listed++;
        }
        if (list != NULL && listed < m) {
            snprintf(a, sizeof(a), "%zu", m - listed);
            crm__pdf_fill(b, sizeof(b), T(p, "and_more"), "count", a, NULL);
            snprintf(list + len, size - len, " %s", b);
        }
        if (list != NULL) {
            crm__pdf_para_at(p, p->left, list, SMALL, false, p->t->colour_text);
        }
        free(list);
    }
    free(keys);
    /* Evidence behind the values. */
    {
        static const double wts[] = { 2.4, 1.3, 4.2, 1.3 };
        static const char *const heads[] = {
            "col_criterion", "col_evidence_kind", "col_source", "col_date"
        };
        struct table t;
        size_t rows = 0;
        bool any_stale = false;
        crm__pdf_table_init_keys(p, &t, 4, heads, wts, NULL, SMALL);
        for (i = 0; i < set->criterion_count; i++) { /* count first: see t.rows */
            struct crm_value val = crm__result_value(p->res, vi, i);

            t.rows += val.present && val.raw != NULL ? val.raw->evidence_count : 0;
        }
        for (i = 0; i < set->criterion_count; i++) {
            struct crm_value val = crm__result_value(p->res, vi, i);

            if (!val.present || val.raw == NULL) {
                continue;
            }
            for (k = 0; k < val.raw->evidence_count; k++) {
                const struct crm_evidence *e = &val.raw->evidence[k];
                const char *cells[4];
                char date[48];

                if (rows == 0) {
                    crm__pdf_h2(p, T(p, "evidence_title"));
                }
                snprintf(date, sizeof(date), "%s%s", e->date ? e->date : "—",
                         crm__pdf_stale(e->date, p->ev->date) ? " !" : "");
                any_stale = any_stale || crm__pdf_stale(e->date, p->ev->date);
                cells[0] = crm__pdf_criterion_name(p, i);
                cells[1] = evidence_label(p, e);
                cells[2] = e->source;
                cells[3] = date;
                crm__pdf_table_row(p, &t, cells, rows++);
                crm__pdf_table_link(p, &t, 2, e->source);
            }
        }
        if (any_stale) {
            crm__pdf_para_at(p, p->left, T(p, "stale_note"), SMALL, false, p->t->colour_muted);
        }
    }
}

/* The panel: who scored, where they disagree most, and each role's
 * ranking (docs/panel.md). */
void crm__pdf_section_panel(struct pdf *p)
{
    static const double dw[] = { 2.6, 3.6, 0.6, 1.3, 0.9, 1.3, 1.3 };
    static const bool dr[] = { false, false, true, true, true, true, true };
    static const char *const dh[] = { "col_vendor", "col_criterion", "col_count", "col_range",
                                      "col_sd", "col_consensus", "col_at_stake" };
    static const double ew[] = { 3, 1.6, 1.3, 1, 3 };
    static const bool er[] = { false, false, true, true, false };
    static const char *const eh[] = { "col_evaluator", "col_role", "col_role_weight",
                                      "col_scores", "col_weight_set" };
    const struct crm_result *res = p->res;
    const struct crm_panel *panel = p->ev->panel;
    const char *rh[CRM_ROLE_COUNT + 2];
    double rw[CRM_ROLE_COUNT + 2];
    bool rr[CRM_ROLE_COUNT + 2];
    char buf[768], a[32], b[32], c[48], weights[256];
    size_t i, k, len = 0, cells = 0;
    struct table t;

    crm__pdf_h1(p, T(p, "panel_title"));
    weights[0] = '\0';
    for (k = 0; k < CRM_ROLE_COUNT; k++) {
        len += (size_t)snprintf(weights + len, sizeof(weights) - len, "%s%s %s",
                                k ? ", " : "", role_name(p, k),
                                crm__pdf_num(a, sizeof(a), p->ev->panel_settings.role_weight[k], 2));
        if (len >= sizeof(weights)) {
            break;
        }
    }
    for (i = 0; i < panel->cell_count; i++) {
        cells += panel->cells[i].applied;
    }
    snprintf(a, sizeof(a), "%zu", panel->evaluator_count);
    snprintf(b, sizeof(b), "%zu", cells);
    crm__pdf_fill(buf, sizeof(buf), T(p, "panel_intro"), "evaluators", a, "cells", b, "method",
         T(p, p->ev->panel_settings.aggregate == CRM_PANEL_MEDIAN ? "panel_median"
                                                                  : "panel_mean"),
         "weights", weights, NULL);
    crm__pdf_para(p, buf);

    crm__pdf_h2(p, T(p, "panel_disagree_title"));
    crm__pdf_para(p, T(p, "panel_consensus_note"));
    if (res->disagreement_count == 0) {
        crm__pdf_para(p, T(p, "panel_disagree_none"));
    } else {
        crm__pdf_table_init_keys(p, &t, 7, dh, dw, dr, SMALL);
        for (i = 0; i < res->disagreement_count; i++) {
            size_t ci = res->disagreements[i];
            const struct crm_panel_cell *cell = &panel->cells[ci];
            const char *row[7];
            char n[16], range[80], sd[32], cns[32], stake[32];

            snprintf(n, sizeof(n), "%zu", cell->count);
            snprintf(range, sizeof(range), "%s – %s", crm__pdf_num(a, sizeof(a), cell->min, 2),
                     crm__pdf_num(b, sizeof(b), cell->max, 2));
            row[0] = crm__pdf_vendor_label(&res->vendors[cell->vendor]);
            row[1] = crm__pdf_criterion_name(p, cell->criterion);
            row[2] = n;
            row[3] = range;
            row[4] = crm__pdf_num(sd, sizeof(sd), cell->sd, 2);
            row[5] = crm__pdf_num(cns, sizeof(cns), cell->consensus, 2);
            row[6] = crm__pdf_num(stake, sizeof(stake), res->at_stake[ci], 2);
            crm__pdf_table_row(p, &t, row, i);
        }
    }

    crm__pdf_need(p, 120);
    crm__pdf_h2(p, T(p, "panel_roles_title"));
    crm__pdf_para(p, T(p, "panel_roles_note"));
    len = 0;
    buf[0] = '\0';
    for (k = 0; k < res->role_count; k++) {
        const struct crm_result *sub = res->roles[k].sub;

        if (sub->vendors[res->order[0]].rank != 1 && len < sizeof(buf)) {
            len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s", len ? ", " : "",
                                    role_name(p, res->roles[k].role));
        }
    }
    if (len == 0) {
        crm__pdf_fill(buf, sizeof(buf), T(p, "panel_roles_agree"), "vendor",
             crm__pdf_vendor_label(crm__pdf_ranked(p, 0)), NULL);
        crm__pdf_para(p, buf);
    } else {
        char roles[768];

        snprintf(roles, sizeof(roles), "%s", buf);
        crm__pdf_fill(buf, sizeof(buf), T(p, "panel_roles_differ"), "roles", roles, NULL);
        crm__pdf_para_at(p, p->left, buf, 10.5, true, p->t->colour_fail);
    }
    rh[0] = "col_vendor";
    rh[1] = "col_overall";
    rw[0] = 3.5;
    rw[1] = 1.2;
    rr[0] = false;
    rr[1] = true;
    for (k = 0; k < res->role_count; k++) {
        rh[k + 2] = role_keys[res->roles[k].role];
        rw[k + 2] = 1.4;
        rr[k + 2] = true;
    }
    crm__pdf_table_init_keys(p, &t, res->role_count + 2, rh, rw, rr, SMALL);
    for (i = 0; i < res->vendor_count; i++) {
        size_t vi = res->order[i];
        const char *row[CRM_ROLE_COUNT + 2];
        char ranks[CRM_ROLE_COUNT + 1][80];

        snprintf(ranks[0], sizeof(ranks[0]), "%u  (%s)", res->vendors[vi].rank,
                 crm__pdf_num(a, sizeof(a), res->vendors[vi].score, 1));
        row[0] = crm__pdf_vendor_label(&res->vendors[vi]);
        row[1] = ranks[0];
        for (k = 0; k < res->role_count; k++) {
            const struct crm_vendor_score *vs = &res->roles[k].sub->vendors[vi];

            snprintf(ranks[k + 1], sizeof(ranks[k + 1]), "%u  (%s)", vs->rank,
                     crm__pdf_num(c, sizeof(c), vs->score, 1));
            row[k + 2] = ranks[k + 1];
        }
        crm__pdf_table_row(p, &t, row, i);
    }

    crm__pdf_need(p, 80);
    crm__pdf_h2(p, T(p, "panel_evaluators_title"));
    crm__pdf_table_init_keys(p, &t, 5, eh, ew, er, SMALL);
    for (i = 0; i < panel->evaluator_count; i++) {
        const struct crm_panel_evaluator *e = &panel->evaluators[i];
        const char *row[5], *own = "—";
        char n[16];

        for (k = 0; k < p->ev->panel_settings.weight_set_count; k++) {
            if (strcmp(p->ev->panel_settings.weight_sets[k].evaluator, e->name) == 0) {
                own = p->ev->panel_settings.weight_sets[k].profile;
            }
        }
        snprintf(n, sizeof(n), "%zu", e->score_count);
        row[0] = e->name;
        row[1] = role_name(p, e->role);
        row[2] = crm__pdf_num(a, sizeof(a), p->ev->panel_settings.role_weight[e->role], 2);
        row[3] = n;
        row[4] = own;
        crm__pdf_table_row(p, &t, row, i);
    }
}

/* The vendors in rank order, one after another (vendor_page). */
void crm__pdf_section_vendors(struct pdf *p)
{
    size_t i;

    for (i = 0; i < p->res->vendor_count; i++) {
        vendor_page(p, crm__pdf_ranked(p, i), i == 0);
    }
}
