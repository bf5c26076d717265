/*
 * The ranking for a terminal: rank, vendor name in a fixed number of
 * columns (East Asian wide characters count two), score, completeness
 * and the must-have outcome, rounded like the reports.
 */
#include <stdio.h>

#include "crmeval/report.h"
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
        crm__fprintf(out, " %8.2f %8.0f%%  %s", crm_round(s.score, 2),
                     crm_round(s.completeness * 100, 0), s.knocked_out ? "KNOCKED OUT" : "pass");
        if (s.knocked_out) {
            fprintf(out, " (%zu rule%s)", s.knockout_count, s.knockout_count == 1 ? "" : "s");
        } else if (s.near_miss_count > 0) {
            fprintf(out, " (%zu near miss%s)", s.near_miss_count,
                    s.near_miss_count == 1 ? "" : "es");
        }
        fprintf(out, "\n");
    }
}
