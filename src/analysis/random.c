/*
 * Random numbers for the uncertainty simulation (analysis/random.h).
 *
 * The generator is xoshiro256** (Blackman and Vigna, "Scrambled linear
 * pseudorandom number generators", 2021) seeded by splitmix64, as the
 * authors recommend, so that nearby seeds still give unrelated states.
 * Every distribution is sampled through its quantile function: the same
 * code then serves plain Monte Carlo and Latin hypercube sampling, and a
 * given p always gives the same value whatever the thread or the order.
 *
 * Nothing here keeps hidden state or allocates; the caller owns the
 * generator and passes any buffers.
 */
#include "analysis/random.h"
#include "model/dist.h"

#include <float.h>
#include <math.h>
#include <string.h>
#include <stdint.h>
#include <stdlib.h>


/* Cholesky pivots below this (relative to the diagonal) count as zero:
 * such a matrix is singular for all practical purposes. */
#define CHOLESKY_TOL 1e-12

/* A target correlation matrix is symmetric when entries agree this well. */
#define SYMMETRY_TOL 1e-12

/* ---- xoshiro256** and splitmix64 ---- */

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* Advance the splitmix64 state *x and return its next output; used only
 * to spread a seed over the xoshiro state. */
static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z;

    *x += UINT64_C(0x9e3779b97f4a7c15);
    z = *x;
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

void crm__rng_seed(struct crm_rng *rng, uint64_t seed)
{
    uint64_t x = seed;
    int i;

    /* splitmix64 never returns four zeros in a row, so the state is never
     * the all-zero fixed point of xoshiro, even for seed 0. */
    for (i = 0; i < 4; i++) {
        rng->s[i] = splitmix64(&x);
    }
}

uint64_t crm__rng_next(struct crm_rng *rng)
{
    uint64_t *s = rng->s;
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;

    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

void crm__rng_fill_open(struct crm_rng *rng, double *out, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        out[i] = ((double)(crm__rng_next(rng) >> 11) + 0.5) * 0x1.0p-53;
    }
}

void crm__rng_advance(struct crm_rng *rng, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        (void)crm__rng_next(rng);
    }
}

double crm__rng_uniform(struct crm_rng *rng)
{
    /* The top 53 bits fill a double's mantissa exactly: every value is a
     * multiple of 2^-53 and the largest is 1 - 2^-53, so 1 never occurs. */
    return (double)(crm__rng_next(rng) >> 11) * 0x1.0p-53;
}

void crm__rng_jump(struct crm_rng *rng)
{
    /* The jump polynomial for 2^128 steps, from the reference code. */
    static const uint64_t jump[4] = {
        UINT64_C(0x180ec6d33cfd0aba), UINT64_C(0xd5a61266f0c9392c),
        UINT64_C(0xa9582618e03fc9aa), UINT64_C(0x39abdc4529b1661c)
    };
    uint64_t s[4] = { 0, 0, 0, 0 };
    int i, b, w;

    for (i = 0; i < 4; i++) {
        for (b = 0; b < 64; b++) {
            if ((jump[i] & (UINT64_C(1) << b)) != 0) {
                for (w = 0; w < 4; w++) {
                    s[w] ^= rng->s[w];
                }
            }
            crm__rng_next(rng);
        }
    }
    for (w = 0; w < 4; w++) {
        rng->s[w] = s[w];
    }
}

double crm__rng_normal(struct crm_rng *rng)
{
    double u, v, s;

    /* Marsaglia's polar method makes two deviates per accepted pair; the
     * second is dropped rather than cached so that a call depends only on
     * the generator state passed in. */
    do {
        u = 2.0 * crm__rng_uniform(rng) - 1.0;
        v = 2.0 * crm__rng_uniform(rng) - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    return u * sqrt(-2.0 * log(s) / s);
}

/* A uniform integer in [0, bound), bound >= 1, without modulo bias:
 * draws below 2^64 mod bound are rejected so that every residue is hit by
 * the same number of 64-bit values. */
static uint64_t rng_below(struct crm_rng *rng, uint64_t bound)
{
    const uint64_t threshold = (0 - bound) % bound;
    uint64_t r;

    do {
        r = crm__rng_next(rng);
    } while (r < threshold);
    return r % bound;
}

/* ---- sorting helpers ---- */

/* Ties are broken by index so that the order is total and the result does
 * not depend on the sort's own stability. */
static bool index_less(const double *key, size_t i, size_t j)
{
    return key[i] < key[j] || (key[i] == key[j] && i < j);
}

/* Restore the max-heap order of idx[0..n) (by key, ties by index) below
 * root; the building block of sort_index(). */
static void sift_down(size_t *idx, const double *key, size_t root, size_t n)
{
    for (;;) {
        size_t child = 2 * root + 1;
        size_t tmp;

        if (child >= n) {
            break;
        }
        if (child + 1 < n && index_less(key, idx[child], idx[child + 1])) {
            child++;
        }
        if (!index_less(key, idx[root], idx[child])) {
            break;
        }
        tmp = idx[root];
        idx[root] = idx[child];
        idx[child] = tmp;
        root = child;
    }
}

/* idx = the permutation that sorts key ascending. Heapsort, because
 * qsort() cannot pass the key array to its comparator without a global,
 * and it needs no scratch memory. */
static void sort_index(size_t *idx, const double *key, size_t n)
{
    size_t i, end;

    for (i = 0; i < n; i++) {
        idx[i] = i;
    }
    if (n < 2) {
        return;
    }
    for (i = n / 2; i-- > 0;) {
        sift_down(idx, key, i, n);
    }
    for (end = n - 1; end > 0; end--) {
        size_t tmp = idx[0];

        idx[0] = idx[end];
        idx[end] = tmp;
        sift_down(idx, key, 0, end);
    }
}

static int compare_double(const void *pa, const void *pb)
{
    const double a = *(const double *)pa, b = *(const double *)pb;

    return (a > b) - (a < b);
}

/* ---- Latin hypercube ---- */

/* Fisher-Yates shuffle of v[0..n) in place, so that Latin hypercube
 * strata come out in random order. */
static void shuffle(struct crm_rng *rng, double *v, size_t n)
{
    size_t i;

    for (i = n; i > 1; i--) {
        const size_t j = (size_t)rng_below(rng, (uint64_t)i);
        const double tmp = v[i - 1];

        v[i - 1] = v[j];
        v[j] = tmp;
    }
}

void crm__lhs_column(struct crm_rng *rng, double *out, size_t n)
{
    const double dn = (double)n;
    size_t k;

    for (k = 0; k < n; k++) {
        const double top = (double)(k + 1) / dn;
        double p = ((double)k + crm__rng_uniform(rng)) / dn;

        /* k + U can round up to k + 1 once k is large; keep the value
         * inside its own stratum (and below 1). */
        if (p >= top) {
            p = nextafter(top, 0.0);
        }
        out[k] = p;
    }
    shuffle(rng, out, n);
}

/* ---- sorting ---- */

/* An LSD radix sort on the bits, flipped so that unsigned order is numeric
 * order (negatives: all bits; others: the sign bit), 11 bits a pass. */
void crm__sort_doubles(double *x, size_t n, uint64_t *keys, uint64_t *tmp)
{
    size_t count[2048], i, shift;

    for (i = 0; i < n; i++) {
        uint64_t u;

        memcpy(&u, &x[i], sizeof(u));
        keys[i] = u >> 63 ? ~u : u | 0x8000000000000000ULL;
    }
    for (shift = 0; shift < 64; shift += 11) {
        size_t sum = 0;
        uint64_t *swap;

        memset(count, 0, sizeof(count));
        for (i = 0; i < n; i++) {
            count[(keys[i] >> shift) & 2047]++;
        }
        if (n > 0 && count[(keys[0] >> shift) & 2047] == n) {
            continue; /* every key has this digit: the pass would not move any */
        }
        for (i = 0; i < 2048; i++) {
            size_t c = count[i];

            count[i] = sum;
            sum += c;
        }
        for (i = 0; i < n; i++) {
            tmp[count[(keys[i] >> shift) & 2047]++] = keys[i];
        }
        swap = keys;
        keys = tmp;
        tmp = swap;
    }
    for (i = 0; i < n; i++) {
        uint64_t u = keys[i] >> 63 ? keys[i] & 0x7fffffffffffffffULL : ~keys[i];

        memcpy(&x[i], &u, sizeof(u));
    }
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

/* crm__select_ranks on x[0..n), the ranks relative to x; depth: how
 * many times the search went into a bucket. */
static void select_in(const double *x, size_t n, const size_t *ranks, size_t count,
                      double *out, double *scratch, int depth)
{
    double lo = x[0], hi = x[0], scale = 0, *gathered = scratch;
    size_t buckets = n / 8 + 1, i, j, m, total = 0, *cum = NULL, *slot = NULL;

    for (i = 1; i < n; i++) {
        lo = x[i] < lo ? x[i] : lo;
        hi = x[i] > hi ? x[i] : hi;
    }
    if (!(hi > lo)) {
        for (j = 0; j < count; j++) {
            out[j] = lo; /* every value the same */
        }
        return;
    }
    if (n <= 256 || depth >= 2) {
        memcpy(scratch, x, n * sizeof(double));
        qsort(scratch, n, sizeof(double), by_value);
        for (j = 0; j < count; j++) {
            out[j] = scratch[ranks[j]];
        }
        return;
    }
    /* Buckets by value: (x - lo) x scale rounds monotonically, so every
     * value of a bucket is at most every value of the next. One pass
     * counts them, one gathers the few buckets that hold a wanted rank,
     * and only those are searched further. */
    cum = (size_t *)(scratch + n);
    slot = cum + buckets + 1;
    memset(cum, 0, (buckets + 1) * sizeof(size_t));
    scale = (double)buckets / (hi - lo);
    for (i = 0; i < n; i++) {
        size_t b = (size_t)((x[i] - lo) * scale);

        cum[(b < buckets ? b : buckets - 1) + 1]++;
    }
    for (i = 0; i < buckets; i++) {
        cum[i + 1] += cum[i];
        slot[i] = SIZE_MAX;
    }
    /* each wanted bucket's place among the gathered values */
    for (j = 0; j < count; j = m) {
        size_t b = 0, top = buckets;

        while (b + 1 < top) {  /* cum[b] <= rank < cum[b + 1] */
            size_t mid = b + (top - b) / 2;

            if (cum[mid] <= ranks[j]) {
                b = mid;
            } else {
                top = mid;
            }
        }
        for (m = j; m < count && ranks[m] < cum[b + 1]; m++) {
        }
        slot[b] = total;
        total += cum[b + 1] - cum[b];
    }
    for (i = 0; i < n; i++) {
        size_t b = (size_t)((x[i] - lo) * scale);

        b = b < buckets ? b : buckets - 1;
        if (slot[b] != SIZE_MAX) {
            gathered[slot[b]++] = x[i];
        }
    }
    /* slot[b] is now the end of bucket b's values: search each */
    for (j = 0; j < count; j = m) {
        size_t b = 0, top = buckets, first = 0, len = 0, rel[64], c = 0;

        while (b + 1 < top) {
            size_t mid = b + (top - b) / 2;

            if (cum[mid] <= ranks[j]) {
                b = mid;
            } else {
                top = mid;
            }
        }
        first = cum[b];
        len = cum[b + 1] - first;
        for (m = j; m < count && ranks[m] < first + len && c < 64; m++) {
            rel[c++] = ranks[m] - first;
        }
        select_in(gathered + (slot[b] - len), len, rel, c, out + j,
                  scratch + n + 2 * (buckets + 1), depth + 1);
    }
}

void crm__select_ranks(const double *x, size_t n, const size_t *ranks, size_t count,
                       double *out, double *scratch)
{
    if (n > 0 && count > 0) {
        select_in(x, n, ranks, count, out, scratch, 0);
    }
}

/* ---- Iman-Conover ---- */

/* Lower Cholesky factor l of the symmetric k x k matrix a (row-major, the
 * lower triangle is read); l may be a. False when a is not numerically
 * positive definite. */
static bool cholesky(const double *a, double *l, size_t k)
{
    size_t i, j, m;

    for (i = 0; i < k; i++) {
        for (j = 0; j <= i; j++) {
            double sum = a[i * k + j];

            for (m = 0; m < j; m++) {
                sum -= l[i * k + m] * l[j * k + m];
            }
            if (i == j) {
                if (!(sum > CHOLESKY_TOL * fabs(a[i * k + i]))) {
                    return false;
                }
                l[i * k + i] = sqrt(sum);
            } else {
                l[i * k + j] = sum / l[j * k + j];
            }
        }
        for (j = i + 1; j < k; j++) {
            l[i * k + j] = 0.0;
        }
    }
    return true;
}

/* True when the k x k matrix a is finite and symmetric to SYMMETRY_TOL:
 * a correlation target that is not cannot be factored or imposed. */
static bool is_symmetric_finite(const double *a, size_t k)
{
    size_t i, j;

    for (i = 0; i < k; i++) {
        for (j = 0; j < k; j++) {
            if (!isfinite(a[i * k + j])
                || fabs(a[i * k + j] - a[j * k + i]) > SYMMETRY_TOL) {
                return false;
            }
        }
    }
    return true;
}

/* The correlation matrix (k x k) of the n x k matrix x. */
static void correlation(const double *x, size_t n, size_t k, double *out)
{
    size_t i, j, r;

    for (i = 0; i < k; i++) {
        for (j = 0; j <= i; j++) {
            double mi = 0.0, mj = 0.0, sij = 0.0, sii = 0.0, sjj = 0.0;

            for (r = 0; r < n; r++) {
                mi += x[r * k + i];
                mj += x[r * k + j];
            }
            mi /= (double)n;
            mj /= (double)n;
            for (r = 0; r < n; r++) {
                const double di = x[r * k + i] - mi, dj = x[r * k + j] - mj;

                sij += di * dj;
                sii += di * di;
                sjj += dj * dj;
            }
            out[i * k + j] = sij / sqrt(sii * sjj);
            out[j * k + i] = out[i * k + j];
        }
    }
}

bool crm__iman_conover(double *samples, size_t n, size_t k,
                       const double *target, struct crm_rng *rng,
                       double *work, size_t *iwork)
{
    double *scores = work;            /* n x k: permuted normal scores */
    double *t = work + n * k;         /* n x k: scores with target corr. */
    double *col = work + 2 * n * k;   /* n: one column of samples */
    double *p = work + 3 * n * k;     /* k x k: chol(target) */
    double *f = p + k * k;            /* k x k: chol(corr(scores)) */
    double *tcol = scores;            /* n: one column of t, once scores
                                       * are no longer needed */
    size_t *order = iwork;            /* n */
    size_t i, j, r;

    if (!is_symmetric_finite(target, k) || !cholesky(target, p, k)) {
        return false;
    }
    /* One row or one column has no rank correlation to adjust. */
    if (n < 2 || k < 2) {
        return true;
    }

    /* van der Waerden scores Phi^-1(i / (n + 1)), each column in its own
     * random order so the columns start out independent. */
    for (j = 0; j < k; j++) {
        for (i = 0; i < n; i++) {
            col[i] = crm__norm_inv((double)(i + 1) / (double)(n + 1));
        }
        shuffle(rng, col, n);
        for (i = 0; i < n; i++) {
            scores[i * k + j] = col[i];
        }
    }

    /* Random permutations are never exactly uncorrelated; dividing out the
     * scores' own correlation (Iman and Conover's refinement) makes the
     * transformed scores' correlation equal the target exactly. With very
     * few rows that correlation can be singular: fall back to the plain
     * method, which only skips the refinement. */
    correlation(scores, n, k, f);
    if (!cholesky(f, f, k)) {
        for (i = 0; i < k * k; i++) {
            f[i] = (i % (k + 1) == 0) ? 1.0 : 0.0;
        }
    }

    /* Each row: t = P F^-1 m, i.e. solve F y = m forward, then multiply
     * by the lower-triangular P from the bottom up so it works in place. */
    for (r = 0; r < n; r++) {
        double *y = t + r * k;
        const double *m = scores + r * k;

        for (i = 0; i < k; i++) {
            double sum = m[i];

            for (j = 0; j < i; j++) {
                sum -= f[i * k + j] * y[j];
            }
            y[i] = sum / f[i * k + i];
        }
        for (i = k; i-- > 0;) {
            double sum = 0.0;

            for (j = 0; j <= i; j++) {
                sum += p[i * k + j] * y[j];
            }
            y[i] = sum;
        }
    }

    /* Give each column's values the rank order of its transformed scores:
     * the row with the r-th smallest score gets the r-th smallest value.
     * The values themselves are only moved, never changed. */
    for (j = 0; j < k; j++) {
        for (r = 0; r < n; r++) {
            col[r] = samples[r * k + j];
            tcol[r] = t[r * k + j];
        }
        qsort(col, n, sizeof(*col), compare_double);
        sort_index(order, tcol, n);
        for (r = 0; r < n; r++) {
            samples[order[r] * k + j] = col[r];
        }
    }
    return true;
}

/* ---- Spearman ---- */

/* Ranks 1..n of v, tied values sharing the mean of their ranks. */
static void average_ranks(const double *v, size_t n, size_t *idx,
                          double *rank)
{
    size_t i = 0, j, m;

    sort_index(idx, v, n);
    while (i < n) {
        double r;

        j = i + 1;
        while (j < n && v[idx[j]] == v[idx[i]]) {
            j++;
        }
        /* Positions i..j-1 hold ranks i+1..j; their mean: */
        r = 0.5 * (double)(i + j + 1);
        for (m = i; m < j; m++) {
            rank[idx[m]] = r;
        }
        i = j;
    }
}

double crm__spearman(const double *x, const double *y, size_t n,
                     double *work, size_t *iwork)
{
    double *rx = work, *ry = work + n;
    double mean = 0.0, sxx = 0.0, syy = 0.0, sxy = 0.0;
    size_t i;

    if (n < 2) {
        return 0.0;
    }
    average_ranks(x, n, iwork, rx);
    average_ranks(y, n, iwork, ry);
    /* Both rank vectors average (n + 1) / 2, ties included. */
    mean = 0.5 * (double)(n + 1);
    for (i = 0; i < n; i++) {
        const double dx = rx[i] - mean, dy = ry[i] - mean;

        sxx += dx * dx;
        syy += dy * dy;
        sxy += dx * dy;
    }
    /* A constant column carries no rank information. */
    if (!(sxx > 0.0 && syy > 0.0)) {
        return 0.0;
    }
    return fmin(1.0, fmax(-1.0, sxy / sqrt(sxx * syy)));
}
