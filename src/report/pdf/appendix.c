/*
 * The appendix on method and inputs: how scores are computed, the weights,
 * value functions, financial conventions, exchange rates and the inputs'
 * digests.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/pdf/internal.h"
#include "crmeval/version.h"
#include "util/strutil.h"
/* The appendix: method, weights, value functions, conventions, rates and
 * (unless the template hides them) the inputs with their digests. */
void crm__pdf_section_method(struct pdf *p)
{
    const struct crm_criteria_set *set = p->ev->set;
    const struct crm_evaluation *ev = p->ev;
    char buf[640], a[32], b[32];
    size_t i, k, row = 0;

    crm__pdf_h1(p, T(p, "method_title"));
    crm__pdf_para(p, T(p, "method_scoring"));
    crm__pdf_gap(p, 4);
    crm__pdf_para(p, T(p, ev->missing == CRM_MISSING_WORST
                     ? "missing_worst"
                     : (ev->missing == CRM_MISSING_MIDPOINT ? "missing_midpoint"
                                                            : "missing_ignore")));
    crm__pdf_gap(p, 4);
    if (ev->profile != NULL) {
        crm__pdf_fill(buf, sizeof(buf), T(p, "profile_line"), "profile",
             crm__pdf_pick(p, &ev->profile->name), NULL);
        crm__pdf_para(p, buf);
        if (ev->profile->rationale.en || ev->profile->rationale.zh) {
            crm__pdf_para_at(p, p->left, crm__pdf_pick(p, &ev->profile->rationale), SMALL, false,
                    p->t->colour_muted);
        }
    }
    crm__pdf_h2(p, T(p, "weights_title"));
    {
        static const double wts[] = { 2.2, 3.4, 1.1, 1.1 };
        static const bool right[] = { false, false, true, true };
        static const char *const heads[] = {
            "col_group", "col_criterion", "col_share", "col_effective"
        };
        struct table t;
        crm__pdf_table_init_keys(p, &t, 4, heads, wts, right, SMALL);
        for (i = 0; i < set->criterion_count; i++) {
            const char *cells[4];

            if (p->res->weights.effective[i] <= 0) {
                continue;
            }
            cells[0] = crm__pdf_group_name(p, set->criteria[i].group);
            cells[1] = crm__pdf_criterion_name(p, i);
            cells[2] = crm__pdf_pct(a, sizeof(a), p->res->weights.criterion_share[i], 1);
            cells[3] = crm__pdf_pct(b, sizeof(b), p->res->weights.effective[i], 2);
            crm__pdf_table_row(p, &t, cells, row++);
        }
    }
    crm__pdf_h2(p, T(p, "value_functions_title"));
    for (i = 0; i < set->criterion_count; i++) {
        const struct crm_criterion *c = &set->criteria[i];
        size_t len = 0;

        if (c->kind != CRM_KIND_NUMBER || p->res->weights.effective[i] <= 0) {
            continue;
        }
        len = (size_t)snprintf(buf, sizeof(buf), "%s (%s): ", crm__pdf_criterion_name(p, i),
                               c->unit ? c->unit : "");
        if (c->point_count >= 2) {
            for (k = 0; k < c->point_count && len < sizeof(buf) - 48; k++) {
                len += (size_t)crm__snprintf(buf + len, sizeof(buf) - len, "%s%g → %g",
                                             k ? "; " : "", c->points[k].x,
                                             c->points[k].value);
            }
        } else {
            snprintf(buf + len, sizeof(buf) - len, "%s", T(p, "relative_scale"));
        }
        crm__pdf_bullet(p, buf);
    }
    crm__pdf_h2(p, T(p, "finance_conventions_title"));
    crm__pdf_para(p, T(p, "conventions_text"));
    if (ev->rate_count > 0) {
        size_t len = 0;

        crm__pdf_fill(buf, sizeof(buf), T(p, "rates_line"), "as_of",
             ev->rates_as_of ? ev->rates_as_of : "—", "source",
             ev->rates_source ? ev->rates_source : "—", NULL);
        len = strlen(buf);
        for (i = 0; i < ev->rate_count && len < sizeof(buf) - 40; i++) {
            len += (size_t)crm__snprintf(buf + len, sizeof(buf) - len, "%s1 %s = %g %s",
                                         i ? "; " : " ", ev->rates[i].currency,
                                         ev->rates[i].rate, ev->currency);
        }
        crm__pdf_gap(p, 4);
        crm__pdf_para(p, buf);
    }
    if (!p->t->show_inputs) {
        return; /* the template hides them (show_inputs: false) */
    }
    crm__pdf_h2(p, T(p, "inputs_title"));
    crm__pdf_fill(buf, sizeof(buf), T(p, "cover_digest"), "digest", ev->digest,
                  "version", CRMEVAL_VERSION, NULL);
    crm__pdf_para_at(p, p->left, buf, SMALL, true, p->t->colour_text);
    for (i = 0; i < ev->input_count; i++) {
        snprintf(buf, sizeof(buf), "%s  %s  %s", ev->inputs[i].sha256,
                 ev->inputs[i].role, ev->inputs[i].path);
        crm__pdf_para_at(p, p->left, buf, 6.5, false, p->t->colour_muted);
    }
}
