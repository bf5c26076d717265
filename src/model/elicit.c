/*
 * Weighting aids (elicit.h). AHP follows Saaty, "The Analytic Hierarchy
 * Process" (1980); missing judgements follow Harker, "Incomplete pairwise
 * comparisons in the analytic hierarchy process" (1987): a missing a_ij
 * is 0 and the diagonal a_ii is 1 plus the number missing in row i, whose
 * principal eigenvector is the weight vector that a complete, consistent
 * filling-in would give.
 */
#include "model/elicit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define POWER_ITERATIONS 100000
#define POWER_TOLERANCE 1e-15

double crm__ahp_random_index(size_t n)
{
    /* Saaty (1980), from 500 random reciprocal matrices per size */
    static const double ri[] = { 0, 0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41,
                                 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59 };

    return ri[n < 15 ? n : 15];
}

/* Union-find over the items, to check the judgements connect them. */
static size_t root(size_t *parent, size_t i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

/* Whether crm__ahp's input makes sense: items to weigh, judgements naming
 * two different items in range, ratios on Saaty's scale (with a little
 * slack for a 1/9 written in decimals). *reason says why not. */
static bool check(const struct crm_ahp_judgement *judgements, size_t count,
                  size_t n, const char **reason)
{
    size_t k;

    if (n == 0) {
        *reason = "there is nothing to weigh";
        return false;
    }
    for (k = 0; k < count; k++) {
        const struct crm_ahp_judgement *jd = &judgements[k];

        if (jd->i >= n || jd->j >= n) {
            *reason = "a judgement names an item that is not compared";
            return false;
        }
        if (jd->i == jd->j) {
            *reason = "a judgement compares an item with itself";
            return false;
        }
        if (!(jd->ratio >= 1.0 / 9.0 - 1e-12 && jd->ratio <= 9.0 + 1e-12)) {
            *reason = "a judgement is off Saaty's scale (1/9 to 9)";
            return false;
        }
    }
    return true;
}

/* The principal eigenvector of the positive-diagonal, irreducible matrix
 * @p a (n x n, row-major) by power iteration, normalised to sum 1. */
static void principal(const double *a, size_t n, double *w, double *next)
{
    size_t i, j, it;

    for (i = 0; i < n; i++) {
        w[i] = 1.0 / (double)n;
    }
    for (it = 0; it < POWER_ITERATIONS; it++) {
        double sum = 0, change = 0;

        for (i = 0; i < n; i++) {
            double s = 0;

            for (j = 0; j < n; j++) {
                s += a[i * n + j] * w[j];
            }
            next[i] = s;
            sum += s;
        }
        for (i = 0; i < n; i++) {
            next[i] /= sum;
            change = fmax(change, fabs(next[i] - w[i]));
            w[i] = next[i];
        }
        if (change < POWER_TOLERANCE) {
            break;
        }
    }
}

crm_status crm__ahp(const struct crm_ahp_judgement *judgements, size_t count,
                    size_t n, double *weights, struct crm_ahp_result *out,
                    size_t *unlinked, const char **reason)
{
    double *logsum = NULL, *a = NULL, *next = NULL;
    size_t *votes = NULL, *parent = NULL, i, j, k;
    crm_status st = CRM_OK;

    memset(out, 0, sizeof(*out));
    *unlinked = 0;
    if (!check(judgements, count, n, reason)) {
        return CRM_EINPUT;
    }
    logsum = calloc(n * n, sizeof(double));
    a = calloc(n * n, sizeof(double));
    next = calloc(n, sizeof(double));
    votes = calloc(n * n, sizeof(size_t));
    parent = calloc(n, sizeof(size_t));
    if (logsum == NULL || a == NULL || next == NULL || votes == NULL || parent == NULL) {
        st = CRM_ENOMEM;
        goto done;
    }
    /* a panel's judgements of a pair: the geometric mean (Aczél-Saaty),
     * the one way of combining that keeps the matrix reciprocal */
    for (k = 0; k < count; k++) {
        const struct crm_ahp_judgement *jd = &judgements[k];

        logsum[jd->i * n + jd->j] += log(jd->ratio);
        logsum[jd->j * n + jd->i] -= log(jd->ratio);
        votes[jd->i * n + jd->j]++;
        votes[jd->j * n + jd->i]++;
    }
    for (i = 0; i < n; i++) {
        parent[i] = i;
    }
    for (i = 0; i < n; i++) {
        size_t missing = 0;

        for (j = 0; j < n; j++) {
            if (i == j) {
                continue;
            }
            if (votes[i * n + j] == 0) {
                missing++;
                continue;
            }
            a[i * n + j] = exp(logsum[i * n + j] / (double)votes[i * n + j]);
            parent[root(parent, i)] = root(parent, j);
            if (i < j) {
                out->pairs++;
            }
        }
        a[i * n + i] = 1.0 + (double)missing; /* Harker */
        out->missing += missing;
    }
    out->missing /= 2;
    for (i = 1; i < n; i++) {
        if (root(parent, i) != root(parent, 0)) {
            *unlinked = i;
            *reason = "the judgements leave some items unconnected with the others";
            st = CRM_EINPUT;
            goto done;
        }
    }
    principal(a, n, weights, next);
    for (i = 0; i < n; i++) {
        double s = 0;

        for (j = 0; j < n; j++) {
            s += a[i * n + j] * weights[j];
        }
        out->lambda_max += s / weights[i] / (double)n;
    }
    out->ci = n > 1 ? (out->lambda_max - (double)n) / (double)(n - 1) : 0;
    if (out->ci < 0) {
        out->ci = 0; /* rounding below n on a consistent matrix */
    }
    out->ri = crm__ahp_random_index(n);
    out->cr = out->ri > 0 ? out->ci / out->ri : 0;
    out->consistent = out->cr <= CRM_AHP_CR_LIMIT;
    /* the judgements furthest from what the weights imply */
    for (i = 0; i < n; i++) {
        for (j = i + 1; j < n; j++) {
            double factor = 0;
            size_t pos = 0;

            if (votes[i * n + j] == 0) {
                continue;
            }
            factor = exp(fabs(log(a[i * n + j] * weights[j] / weights[i])));
            pos = out->worst_count;
            if (pos == CRM_AHP_WORST) {
                if (factor <= out->worst_factor[pos - 1]) {
                    continue;
                }
                pos--; /* replaces the last */
            } else {
                out->worst_count++;
            }
            while (pos > 0 && out->worst_factor[pos - 1] < factor) {
                out->worst_factor[pos] = out->worst_factor[pos - 1];
                out->worst_i[pos] = out->worst_i[pos - 1];
                out->worst_j[pos] = out->worst_j[pos - 1];
                pos--;
            }
            out->worst_factor[pos] = factor;
            out->worst_i[pos] = i;
            out->worst_j[pos] = j;
        }
    }
done:
    free(logsum);
    free(a);
    free(next);
    free(votes);
    free(parent);
    return st;
}

bool crm__roc_weights(const unsigned *rank, size_t n, double *weights)
{
    size_t i, r;

    for (i = 0; i < n; i++) {
        size_t ahead = 0, k;

        if (rank[i] < 1 || rank[i] > n) {
            return false;
        }
        /* competition ranking (1, 2, 2, 4): a rank is 1 + the items ahead */
        for (k = 0; k < n; k++) {
            ahead += rank[k] < rank[i];
        }
        if (ahead + 1 != rank[i]) {
            return false;
        }
    }
    for (i = 0; i < n; i++) {
        size_t ties = 0, first = rank[i], k;
        double sum = 0;

        /* items ranked equal take positions first .. first + ties - 1 */
        for (k = 0; k < n; k++) {
            ties += rank[k] == rank[i];
        }
        for (r = first; r < first + ties && r <= n; r++) {
            double w = 0;

            for (k = r; k <= n; k++) {
                w += 1.0 / (double)k;
            }
            sum += w / (double)n;
        }
        weights[i] = sum / (double)ties;
    }
    return true;
}

bool crm__swing_weights(const double *points, size_t n, double *weights)
{
    double total = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        if (!isfinite(points[i]) || points[i] < 0) {
            return false;
        }
        total += points[i];
    }
    if (!(total > 0)) {
        return false;
    }
    for (i = 0; i < n; i++) {
        weights[i] = points[i] / total;
    }
    return true;
}
