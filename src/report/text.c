/*
 * The ranking for a terminal: rank, vendor name in a fixed number of
 * columns (East Asian wide characters count two), score, completeness
 * and the must-have outcome, rounded like the reports; then the verdict.
 */
#include <stdio.h>

#include "crmeval/report.h"
#include "analysis/sensitivity.h"
#include "score/score.h"
#include "util/strutil.h"

#define NAME_COLUMNS 32

/* @p s in exactly @p width terminal columns: cut or padded, and escaped
 * where it holds control characters or bidirectional controls (a line
 * break in a name would forge a ranking row). */
static void print_padded(FILE *out, const char *s, int width)
{
    char safe[1024];
    int used = 0;

    s = crm__tty(safe, sizeof(safe), s);
    while (*s != '\0') {
        const char *start = s;
        int w = crm__cp_columns(crm__utf8_next(&s));

        if (used + w > width) {
            break;
        }
        fwrite(start, 1, (size_t)(s - start), out);
        used += w;
    }
    while (used++ < width) {
        fputc(' ', out);
    }
}

/* The verdict in one line: robust, fragile (and why), a tie (between
 * whom), or preliminary (and on what). */
static void verdict_line(const struct crm_result *res, FILE *out)
{
    const struct crm_analysis *an = res->analysis;
    const struct crm_evaluation *ev = res->ev;
    size_t k;

    switch (an->verdict) {
    case CRM_VERDICT_ROBUST:
        fprintf(out, "verdict: ROBUST\n");
        return;
    case CRM_VERDICT_FRAGILE:
        fprintf(out, "verdict: FRAGILE: %s\n", an->verdict_rule ? an->verdict_rule : "");
        return;
    case CRM_VERDICT_TIE:
        crm__fprintf(out, "verdict: TIE at %.2f between", crm_round(res->vendors[an->winner].score, 2));
        for (k = 0; k < an->tie_count; k++) {
            fprintf(out, "%s %s", k ? "," : "", res->vendors[an->tied[k]].vendor->id);
        }
        fprintf(out, "\n");
        return;
    case CRM_VERDICT_PRELIMINARY:
        break;
    }
    fprintf(out, "verdict: PRELIMINARY, the evidence does not yet support a choice:");
    if (an->preliminary & CRM_PRELIM_EVIDENCE) {
        crm__fprintf(out, " data (other than sample assessments) behind under %.0f%% of a leader's "
                     "weight;",
                crm_round(ev->verdict.min_evidence * 100, 0));
    }
    if (an->preliminary & CRM_PRELIM_UNVERIFIED) {
        fprintf(out, " must-haves of");
        for (k = 0; k < an->tie_count; k++) {
            const struct crm_vendor_score *vs = &res->vendors[an->tied[k]];
            size_t r, listed = 0;

            if (vs->must_have != CRM_MUST_HAVE_UNVERIFIED) {
                continue;
            }
            fprintf(out, " %s (", vs->vendor->id);
            for (r = 0; r < ev->rule_count; r++) {
                if (vs->rules[r].state == CRM_MUST_HAVE_UNVERIFIED) {
                    fprintf(out, "%s%s", listed++ ? ", " : "", ev->rules[r].criterion);
                }
            }
            fprintf(out, ")");
        }
        fprintf(out, " not verified;");
    }
    if (an->preliminary & CRM_PRELIM_SIMULATION) {
        crm__fprintf(out, " first in under %.0f%% of the simulated trials;",
                crm_round(ev->verdict.min_p_first * 100, 0));
    }
    fprintf(out, " on the data so far: %s\n",
            an->robustness == CRM_VERDICT_ROBUST  ? "robust"
            : an->robustness == CRM_VERDICT_TIE ? "a tie"
                                                : "fragile");
}

void crm_report_ranking_text(const crm_result *result, const crm_evaluation *ev, FILE *out)
{
    size_t i, n = crm_result_vendor_count(result);
    char title[1024];

    fprintf(out, "%s\n", crm__tty(title, sizeof(title), crm_evaluation_title(ev)));
    fprintf(out, "%-5s %-32s %8s %9s  %s\n", "rank", "vendor", "score", "complete",
            "must-haves");
    for (i = 0; i < n; i++) {
        crm_vendor_summary s;

        crm_result_vendor(result, i, &s);
        fprintf(out, "%-5u ", s.rank);
        print_padded(out, s.name, NAME_COLUMNS);
        /* round like the reports (half away from zero), not printf's way */
        crm__fprintf(out, " %8.2f %8.0f%%  ", crm_round(s.score, 2),
                     crm_round(s.completeness * 100, 0));
        if (s.must_have == CRM_MUST_HAVE_FAIL) {
            fprintf(out, "KNOCKED OUT (%zu rule%s)", s.knockout_count,
                    s.knockout_count == 1 ? "" : "s");
        } else if (s.must_have == CRM_MUST_HAVE_UNVERIFIED) {
            fprintf(out, "%sNOT VERIFIED (%zu rule%s)", s.knocked_out ? "KNOCKED OUT: " : "",
                    s.unverified_count, s.unverified_count == 1 ? "" : "s");
        } else if (s.near_miss_count > 0) {
            fprintf(out, "pass (%zu near miss%s)", s.near_miss_count,
                    s.near_miss_count == 1 ? "" : "es");
        } else {
            fprintf(out, "pass");
        }
        fprintf(out, "\n");
    }
    verdict_line(result, out);
}
