/*
 * Kendall's tau-b between two rankings (score/score.h): how far the
 * TOPSIS order agrees with the weighted sum's (analysis), and each panel
 * role's order with the overall one (score/panel.c).
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "score/score.h"

/* tau-b from the pair counts: n0 pairs, n1 tied in a, n2 tied in b, and
 * concordant minus discordant. Integers below 2^53: exact as doubles. */
static double tau_b(uint64_t n0, uint64_t n1, uint64_t n2, int64_t difference)
{
    if (n0 == 0 || n0 == n1 || n0 == n2) {
        return 1;
    }
    return (double)difference / sqrt((double)(n0 - n1) * (double)(n0 - n2));
}

/* The definition, pair by pair: for inputs with NaN (whose comparisons
 * the sort below cannot order) and when memory runs out. */
static double kendall_pairs(const double *a, const double *b, size_t n)
{
    uint64_t pairs = 0, ties_a = 0, ties_b = 0;
    int64_t difference = 0;
    size_t i, j;

    for (i = 0; i < n; i++) {
        for (j = i + 1; j < n; j++) {
            double da = a[i] - a[j], db = b[i] - b[j];

            pairs++;
            if (da == 0 || db == 0) {
                ties_a += da == 0;
                ties_b += db == 0;
            } else {
                difference += (da > 0) == (db > 0) ? 1 : -1;
            }
        }
    }
    return tau_b(pairs, ties_a, ties_b, difference);
}

struct ab {
    double a, b;
};

/* qsort order of pairs by a, then by b: pairs tied on both end up next to
 * each other, and b within each run of tied a is sorted, as the count of
 * discordant pairs needs. */
static int by_a_then_b(const void *x, const void *y)
{
    const struct ab *p = x, *q = y;

    if (p->a != q->a) {
        return p->a < q->a ? -1 : 1;
    }
    return p->b < q->b ? -1 : p->b > q->b;
}

/* Pairs among runs of equal values in sorted v[0..n). */
static uint64_t tied_pairs(const double *v, size_t n)
{
    uint64_t ties = 0, run = 1;
    size_t i;

    for (i = 1; i <= n; i++) {
        if (i < n && v[i] == v[i - 1]) {
            run++;
        } else {
            ties += run * (run - 1) / 2;
            run = 1;
        }
    }
    return ties;
}

/* Sort v ascending (merging bottom-up through tmp) and count the pairs
 * i < j with v[i] > v[j]: the swaps a bubble sort would make. */
static uint64_t sort_counting_swaps(double *v, double *tmp, size_t n)
{
    uint64_t swaps = 0;
    size_t width, lo;

    for (width = 1; width < n; width *= 2) {
        for (lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;

            while (i < mid && j < hi) {
                if (v[j] < v[i]) {
                    swaps += mid - i; /* v[j] passes every value left */
                    tmp[k++] = v[j++];
                } else {
                    tmp[k++] = v[i++];
                }
            }
            while (i < mid) {
                tmp[k++] = v[i++];
            }
            while (j < hi) {
                tmp[k++] = v[j++];
            }
        }
        memcpy(v, tmp, n * sizeof(*v));
    }
    return swaps;
}

/*
 * Kendall's tau-b of the score vectors @p a and @p b (n entries, higher
 * is better): (concordant - discordant) / sqrt((pairs - ties in a) x
 * (pairs - ties in b)), so ties on either side are allowed; 1 when either
 * vector is constant or n < 2 (nothing to disagree about).
 *
 * Knight's algorithm (1966), O(n log n): sort by a (then b); n1 pairs tie
 * in a, n3 in both; a merge sort of the b column counts the swaps S, the
 * discordant pairs; then n2 pairs tie in b, and concordant - discordant
 * = n0 - n1 - n2 + n3 - 2S. The same counts as pair by pair, so the same
 * value to the last bit.
 */
double crm__kendall_tau_b(const double *a, const double *b, size_t n)
{
    struct ab *ab = NULL;
    double *col = NULL, *tmp = NULL, result = 1;
    uint64_t n0 = 0, n1 = 0, n2 = 0, n3 = 0, swaps = 0, run = 1;
    size_t i;

    if (n < 2) {
        return 1;
    }
    for (i = 0; i < n; i++) {
        if (isnan(a[i]) || isnan(b[i])) {
            return kendall_pairs(a, b, n);
        }
    }
    ab = malloc(n * sizeof(*ab));
    col = malloc(2 * n * sizeof(*col));
    if (ab == NULL || col == NULL) {
        free(ab);
        free(col);
        return kendall_pairs(a, b, n);
    }
    tmp = col + n;
    for (i = 0; i < n; i++) {
        ab[i].a = a[i];
        ab[i].b = b[i];
    }
    qsort(ab, n, sizeof(*ab), by_a_then_b);
    n0 = (uint64_t)n * (n - 1) / 2;
    for (i = 1; i <= n; i++) {
        if (i < n && ab[i].a == ab[i - 1].a && ab[i].b == ab[i - 1].b) {
            run++;
        } else {
            n3 += run * (run - 1) / 2;
            run = 1;
        }
    }
    for (i = 0; i < n; i++) {
        col[i] = ab[i].a;
    }
    n1 = tied_pairs(col, n);
    for (i = 0; i < n; i++) {
        col[i] = ab[i].b;
    }
    swaps = sort_counting_swaps(col, tmp, n);
    n2 = tied_pairs(col, n);
    result = tau_b(n0, n1, n2, (int64_t)(n0 - n1 - n2 + n3) - 2 * (int64_t)swaps);
    free(ab);
    free(col);
    return result;
}
