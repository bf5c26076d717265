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
 *
 *   crmeval_bench score EVALUATION.yaml RUNS
 *
 * loads the evaluation once, then times crm_result_compute RUNS times
 * (the scoring and its analysis: weighted sum, ranking, weight stability,
 * leave-one-out, TOPSIS, Kendall's tau, the frontier, the tornado);
 * prints the median seconds, then the leader's id and score.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crmeval/crmeval.h"
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

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

static int bench_score(const char *path, int runs)
{
    crm_diags *diags = crm_diags_new(100);
    crm_evaluation *ev = NULL;
    crm_result *res = NULL;
    crm_vendor_summary top;
    double times[64];
    int i;

    if (diags == NULL || crm_evaluation_load(&ev, path, diags) != CRM_OK) {
        fprintf(stderr, "crmeval_bench: cannot load %s\n", path);
        crm_diags_free(diags);
        return 1;
    }
    runs = runs < 1 ? 1 : (runs > 64 ? 64 : runs);
    for (i = 0; i < runs; i++) {
        double t0 = 0;

        crm_result_free(res);
        res = NULL;
        t0 = now_s();
        if (crm_result_compute(&res, ev, diags) != CRM_OK) {
            fprintf(stderr, "crmeval_bench: cannot score %s\n", path);
            return 1;
        }
        times[i] = now_s() - t0;
    }
    qsort(times, (size_t)runs, sizeof(times[0]), by_double);
    crm_result_vendor(res, 0, &top);
    printf("%.6f\n%s %.6f\n", times[runs / 2], top.id, top.score);
    crm_result_free(res);
    crm_evaluation_free(ev);
    crm_diags_free(diags);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "irr") == 0) {
        return bench_irr(argv[2], (size_t)strtoul(argv[3], NULL, 10));
    }
    if (argc == 4 && strcmp(argv[1], "score") == 0) {
        return bench_score(argv[2], atoi(argv[3]));
    }
    fprintf(stderr, "usage: crmeval_bench irr FILE N | score EVALUATION.yaml RUNS\n");
    return 2;
}
