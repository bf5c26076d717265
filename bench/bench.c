/*
 * crmeval_bench: library functions timed in-process, for the bench/
 * scripts that run them side by side with their NumPy equivalents.
 *
 *   crmeval_bench irr FILE N   FILE: N x 6 doubles (native byte order),
 *                               one six-year series of net flows per row
 *
 * prints: seconds, then the series with exactly one rate, with several,
 * and the sum of the rates reported (the same one npf.irr chooses: the
 * rate closest to 0), so the two sides can be checked to agree.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crmeval/finance.h"

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int bench_irr(const char *path, size_t n)
{
    double *flows = malloc(n * 6 * sizeof(double)), t0 = 0, sum = 0;
    size_t i, one = 0, several = 0;
    FILE *f = fopen(path, "rb");

    if (flows == NULL || f == NULL || fread(flows, sizeof(double), n * 6, f) != n * 6) {
        fprintf(stderr, "crmeval_bench: cannot read %zu series from %s\n", n, path);
        free(flows);
        if (f != NULL) {
            fclose(f);
        }
        return 1;
    }
    fclose(f);
    t0 = now_s();
    for (i = 0; i < n; i++) {
        crm_irr_result r = crm_irr(flows + 6 * i, 6, CRM_TIMING_END_OF_YEAR);
        size_t k, best = 0;

        if (r.count == 0) {
            continue;
        }
        one += r.status == CRM_IRR_OK;
        several += r.status == CRM_IRR_AMBIGUOUS;
        for (k = 1; k < r.count; k++) {
            best = fabs(r.roots[k]) < fabs(r.roots[best]) ? k : best;
        }
        sum += r.roots[best];
    }
    printf("%.6f\n%zu %zu %.6f\n", now_s() - t0, one, several, sum);
    free(flows);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "irr") == 0) {
        return bench_irr(argv[2], (size_t)strtoul(argv[3], NULL, 10));
    }
    fprintf(stderr, "usage: crmeval_bench irr FILE N\n");
    return 2;
}
