/*
 * Financial formulas (include/crmeval/finance.h). Pure functions over
 * arrays of yearly or dated flows.
 */
#include "crmeval/finance.h"

#include <float.h>
#include <math.h>

/* Rates are searched for 1 + r in [IRR_LO, IRR_HI]. Dated flows (XIRR)
 * are no polynomial: a log grid of IRR_GRID points brackets their roots
 * (as it does for more flows than POLY_MAX), bisection narrows them to
 * IRR_TOL. */
#define IRR_LO 1e-4
#define IRR_HI 1e4
#define IRR_GRID 4000
#define IRR_TOL 1e-12
/* Evenly spaced flows are a polynomial in a discount factor, solved
 * exactly up to this degree (30 years mid-year is degree 59); its
 * workspace, about 35 KB, lives on the stack. */
#define POLY_MAX 64

static double exponent(size_t t, crm_timing timing)
{
    if (t == 0 || timing == CRM_TIMING_END_OF_YEAR) {
        return (double)t;
    }
    return (double)t - 0.5;
}

double crm_discount_factor(double rate, size_t t, crm_timing timing)
{
    return pow(1.0 + rate, -exponent(t, timing));
}

double crm_npv(double rate, const double *flows, size_t n, crm_timing timing)
{
    /* a running discount factor: one division and one square root, not a
     * pow per year */
    double sum = n > 0 ? flows[0] : 0, inverse = 1 / (1.0 + rate);
    double factor = timing == CRM_TIMING_END_OF_YEAR ? inverse : sqrt(inverse);
    size_t t;

    for (t = 1; t < n; t++) {
        sum += flows[t] * factor;
        factor *= inverse;
    }
    return sum;
}

/* NPV as a function of g = 1 + r, for the grid search. */
struct npv_fn {
    const double *flows;
    const long *days;       /* NULL: yearly */
    size_t n;
    crm_timing timing;
    double step;            /* > 0: flows[i] at time i x step (a grid) */
};

/* The NPV of f's flows discounted at growth = 1 + r, each flow at its time
 * in years: from its date, on f's grid, or by the yearly timing. */
static double npv_at(const struct npv_fn *f, double growth)
{
    double sum = 0;
    size_t i;

    for (i = 0; i < f->n; i++) {
        double e = f->days != NULL ? (double)(f->days[i] - f->days[0]) / 365.0
                   : f->step > 0   ? (double)i * f->step
                                   : exponent(i, f->timing);

        sum += f->flows[i] * pow(growth, -e);
    }
    return sum;
}

/* How often the flows change sign, zeros skipped (Descartes' rule): none
 * means no rate makes the NPV zero. */
static int sign_changes(const double *flows, size_t n)
{
    int changes = 0, last = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        int s = flows[i] > 0 ? 1 : (flows[i] < 0 ? -1 : 0);

        if (s != 0) {
            if (last != 0 && s != last) {
                changes++;
            }
            last = s;
        }
    }
    return changes;
}

static void add_root(crm_irr_result *res, double r)
{
    if (res->count < CRM_IRR_MAX_ROOTS &&
        (res->count == 0 || fabs(r - res->roots[res->count - 1]) > 1e-9)) {
        res->roots[res->count++] = r;
    }
}

static void set_status(crm_irr_result *res)
{
    if (res->count == 1) {
        res->status = CRM_IRR_OK;
    } else if (res->count > 1) {
        res->status = CRM_IRR_AMBIGUOUS;
    }
}

/* The roots at which the NPV changes sign, on a log grid. */
static crm_irr_result grid_roots(const struct npv_fn *f)
{
    crm_irr_result res;
    double step = log(IRR_HI / IRR_LO) / IRR_GRID;
    double g_prev = IRR_LO, v_prev = npv_at(f, IRR_LO);
    int i;

    res.status = CRM_IRR_NOT_FOUND;
    res.count = 0;
    if (sign_changes(f->flows, f->n) == 0) {
        res.status = CRM_IRR_NO_SIGN_CHANGE;
        return res;
    }
    for (i = 1; i <= IRR_GRID && res.count < CRM_IRR_MAX_ROOTS; i++) {
        double g = IRR_LO * exp(step * i);
        double v = npv_at(f, g);
        double lo = g_prev, hi = g, vlo = v_prev;
        bool bracket = (v_prev < 0 && v > 0) || (v_prev > 0 && v < 0);

        if (v_prev == 0) {
            add_root(&res, g_prev - 1.0);
        } else if (bracket) {
            /* Bisection: slow but certain, and the bracket is narrow. */
            while (hi - lo > IRR_TOL * hi) {
                double mid = 0.5 * (lo + hi);
                double vm = npv_at(f, mid);

                if ((vm < 0) == (vlo < 0) && vm != 0) {
                    lo = mid;
                    vlo = vm;
                } else {
                    hi = mid;
                }
            }
            add_root(&res, 0.5 * (lo + hi) - 1.0);
        }
        g_prev = g;
        v_prev = v;
    }
    set_status(&res);
    return res;
}

/*
 * Evenly spaced flows: NPV(g) = sum c[k] x^k with x = g^-p (p = 1 for
 * yearly flows, 1/2 with mid-year timing, the step on a grid), a
 * polynomial. Its roots in x are found in (0, 1] (rates >= 0) and, for
 * the reversed polynomial sum c[d-k] z^k with z = 1/x, in z in (0, 1]
 * (rates <= 0), so that Horner's rule only ever sees |x| <= 1.
 *
 * On an interval, the roots of a polynomial lie between consecutive roots
 * of its derivative, where it is monotone: found recursively down the
 * derivatives, each monotone piece holds one root at most, bracketed by
 * the signs at its ends and refined by Newton's method kept inside the
 * bracket. A root where the polynomial touches zero without changing sign
 * (a double root, NPV 0 at 10% for -100, 220, -121) is a root of the
 * derivative at which the polynomial is zero within its rounding error;
 * two roots however close (5.0% and 5.1%) are separated by the root of the
 * derivative between them. No grid, so no root is missed for being
 * narrower than its step.
 */
struct poly {
    int d;                       /* degree */
    /* der[k] = P^(k) / k!, degree d - k, in the triangle tri */
    const double *der[POLY_MAX + 1];
    double tri[(POLY_MAX + 1) * (POLY_MAX + 2) / 2];
    /* pts[k]: the ends and the derivative's roots for der[k], d - k + 2 */
    double *pts[POLY_MAX + 1];
    double pts_tri[(POLY_MAX + 2) * (POLY_MAX + 3) / 2];
};

/* Set p to the polynomial of degree d with coefficients c (constant first)
 * and fill the table of its scaled derivatives der[k] = P^(k) / k! that the
 * root search walks down. */
static void poly_init(struct poly *p, const double *c, int d)
{
    double *at = p->tri, *pt = p->pts_tri;
    int k, j;

    p->d = d;
    for (k = 0; k <= d; k++) {
        p->pts[k] = pt;
        pt += d - k + 2;
        p->der[k] = at;
        for (j = 0; j <= d - k; j++) {
            /* (P^(k-1)/(k-1)!)' / k: coefficient j+1 times (j+1)/k */
            at[j] = k == 0 ? c[j] : p->der[k - 1][j + 1] * (double)(j + 1) / (double)k;
        }
        at += d - k + 1;
    }
}

/* a[0..d] at x by Horner's rule, its derivative, and a bound on the
 * rounding error of the value (Higham's running error bound). */
static double horner(const double *a, int d, double x, double *deriv, double *err)
{
    double v = a[d], dv = 0, e = 0.5 * fabs(a[d]);
    int j;

    for (j = d - 1; j >= 0; j--) {
        dv = dv * x + v;
        v = v * x + a[j];
        e = e * fabs(x) + fabs(v);
    }
    if (deriv != NULL) {
        *deriv = dv;
    }
    if (err != NULL) {
        *err = (2 * e - fabs(v)) * DBL_EPSILON * 2;
    }
    return v;
}

/* The one root of a[0..d] in (lo, hi), where its values at the ends have
 * opposite signs (vlo is the value at lo): safeguarded Newton. */
static double refine(const double *a, int d, double lo, double hi, double vlo)
{
    double x = 0.5 * (lo + hi), dx_old = hi - lo, dx = dx_old;
    int i;

    for (i = 0; i < 200; i++) {
        double dv = 0, v = horner(a, d, x, &dv, NULL), next = 0;

        if (v == 0) {
            return x;
        }
        if ((v < 0) == (vlo < 0)) {
            lo = x;
        } else {
            hi = x;
        }
        next = x - v / dv;
        /* Newton when it stays in the bracket and at least halves the
         * step before the last; bisection otherwise */
        if (dv == 0 || !(next > lo && next < hi) || fabs(2 * v) > fabs(dx_old * dv)) {
            next = 0.5 * (lo + hi);
        }
        dx_old = dx;
        dx = next - x;
        x = next;
        if (fabs(dx) <= 2 * DBL_EPSILON * fabs(x) || hi - lo <= 2 * DBL_EPSILON * hi) {
            return x;
        }
    }
    return x;
}

/* The roots of der[k] in [lo, hi], ascending, at most max of them. */
static int roots_in(struct poly *p, int k, double lo, double hi, double *out, int max)
{
    const double *a = p->der[k];
    int d = p->d - k, n = 0, count = 0, i;
    double *pts = p->pts[k];

    if (d <= 0 || max <= 0) {
        return 0;
    }
    if (d == 1) {
        double x = -a[0] / a[1];

        if (x >= lo && x <= hi) {
            out[count++] = x;
        }
        return count;
    }
    pts[n++] = lo;
    n += roots_in(p, k + 1, lo, hi, pts + 1, d - 1);
    pts[n++] = hi;
    {
        double prev_v = 0;
        bool prev_zero = true;

        for (i = 0; i < n && count < max; i++) {
            double err = 0, v = horner(a, d, pts[i], NULL, &err);
            bool zero = fabs(v) <= err;

            if (i > 0 && !zero && !prev_zero && (v < 0) != (prev_v < 0)) {
                out[count++] = refine(a, d, pts[i - 1], pts[i], prev_v);
            }
            if (zero && count < max && (count == 0 || pts[i] > out[count - 1])) {
                out[count++] = pts[i];   /* touches zero: a multiple root */
            }
            prev_v = v;
            prev_zero = zero;
        }
    }
    return count;
}

/* The roots of flows c[0..n) at times k x p years, n <= POLY_MAX + 1. */
static crm_irr_result poly_roots(const double *c, size_t n, double p)
{
    crm_irr_result res;
    struct poly poly;
    double rev[POLY_MAX + 1], x[CRM_IRR_MAX_ROOTS];
    double lo = pow(IRR_HI, -p), sum = 0;
    size_t first = 0, last = n;
    int d = 0, changes = 0, i, m;

    res.status = CRM_IRR_NOT_FOUND;
    res.count = 0;
    changes = sign_changes(c, n);
    if (changes == 0) {
        res.status = CRM_IRR_NO_SIGN_CHANGE;
        return res;
    }
    /* x^first divides out; the degree is the last non-zero flow's */
    while (c[first] == 0) {
        first++;
    }
    while (c[last - 1] == 0) {
        last--;
    }
    c += first;
    d = (int)(last - first) - 1;
    for (i = 0; i <= d; i++) {
        rev[i] = c[d - i];
        sum += c[i];
    }
    if (changes == 1) {
        /* Descartes: one sign change, one positive root, simple. It is
         * below x = 1 (a rate above 0) when the sum of the flows has the
         * sign of the last one. */
        int s_end = c[d] > 0 ? 1 : -1;
        const double *a = sum == 0 ? NULL : (sum > 0) == (s_end > 0) ? c : rev;
        double v_lo = 0;

        if (a == NULL) {
            add_root(&res, 0);
        } else if ((v_lo = horner(a, d, lo, NULL, NULL)) == 0) {
            double g = a == c ? pow(lo, -1 / p) : pow(lo, 1 / p);

            add_root(&res, g - 1);
        } else if ((v_lo < 0) != (sum < 0)) {
            double root = refine(a, d, lo, 1, v_lo);
            double g = p == 1 ? (a == c ? 1 / root : root)
                              : pow(root, a == c ? -1 / p : 1 / p);

            add_root(&res, g - 1);
        }
        set_status(&res);
        return res;
    }
    /* several sign changes: every root, rates below 0 first */
    poly_init(&poly, rev, d);
    m = roots_in(&poly, 0, lo, 1, x, CRM_IRR_MAX_ROOTS);
    for (i = 0; i < m; i++) {
        add_root(&res, (p == 1 ? x[i] : pow(x[i], 1 / p)) - 1);
    }
    poly_init(&poly, c, d);
    m = roots_in(&poly, 0, lo, 1, x, CRM_IRR_MAX_ROOTS);
    for (i = m - 1; i >= 0; i--) {
        add_root(&res, (p == 1 ? 1 / x[i] : pow(x[i], -1 / p)) - 1);
    }
    set_status(&res);
    return res;
}
crm_irr_result crm_irr(const double *flows, size_t n, crm_timing timing)
{
    struct npv_fn f = { flows, NULL, n, timing, 0 };
    double c[POLY_MAX + 1] = { 0 };
    size_t t;

    if (timing == CRM_TIMING_END_OF_YEAR && n <= POLY_MAX + 1) {
        return poly_roots(flows, n, 1);
    }
    if (timing == CRM_TIMING_MID_YEAR && n >= 2 && 2 * n - 2 <= POLY_MAX + 1) {
        /* year t >= 1 at t - 1/2: x = (1 + r)^-1/2 to the power 2t - 1 */
        c[0] = flows[0];
        for (t = 1; t < n; t++) {
            c[2 * t - 1] = flows[t];
        }
        return poly_roots(c, 2 * n - 2, 0.5);
    }
    return grid_roots(&f);
}

crm_irr_result crm_irr_grid(const double *flows, size_t n, double step)
{
    struct npv_fn f = { flows, NULL, n, CRM_TIMING_END_OF_YEAR, step };

    if (n <= POLY_MAX + 1) {
        return poly_roots(flows, n, step);
    }
    return grid_roots(&f);
}

crm_irr_result crm_xirr(const double *flows, const long *days, size_t n)
{
    struct npv_fn f = { flows, days, n, CRM_TIMING_END_OF_YEAR, 0 };

    return grid_roots(&f);
}

const char *crm_irr_status_text(crm_irr_status status)
{
    switch (status) {
    case CRM_IRR_OK:
        return "one rate";
    case CRM_IRR_AMBIGUOUS:
        return "the net flows change sign more than once and have several "
               "rates of return; IRR is ambiguous, use NPV or MIRR";
    case CRM_IRR_NO_SIGN_CHANGE:
        return "the net flows never change sign, so no rate of return exists";
    case CRM_IRR_NOT_FOUND:
        return "no rate of return between -99.99% and 999,900%";
    }
    return "?";
}

bool crm_mirr(const double *flows, size_t n, double finance_rate,
              double reinvest_rate, double *out)
{
    double pv_neg = 0, fv_pos = 0;
    size_t t;

    if (n < 2) {
        return false;
    }
    for (t = 0; t < n; t++) {
        if (flows[t] < 0) {
            pv_neg += flows[t] / pow(1 + finance_rate, (double)t);
        } else {
            fv_pos += flows[t] * pow(1 + reinvest_rate, (double)(n - 1 - t));
        }
    }
    if (pv_neg >= 0 || fv_pos <= 0) {
        return false;
    }
    *out = pow(fv_pos / -pv_neg, 1.0 / (double)(n - 1)) - 1;
    return true;
}

double crm_xnpv(double rate, const double *flows, const long *days, size_t n)
{
    struct npv_fn f = { flows, days, n, CRM_TIMING_END_OF_YEAR, 0 };

    return npv_at(&f, 1.0 + rate);
}

long crm_days_from_civil(int year, int month, int day)
{
    /* Howard Hinnant's days_from_civil. */
    long y = month <= 2 ? year - 1 : year;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long mp = month > 2 ? month - 3 : month + 9;
    long doy = (153 * mp + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

    return era * 146097 + doe - 719468;
}

bool crm_payback(const double *flows, size_t n, double *years)
{
    double cum = 0, before = 0;
    size_t t, last_negative = n; /* n: never negative */

    for (t = 0; t < n; t++) {
        cum += flows[t];
        if (cum < 0) {
            last_negative = t;
        }
    }
    if (n == 0 || cum < 0) {
        return false; /* still under water at the end */
    }
    if (last_negative == n) {
        *years = 0;
        return true;
    }
    /* Recovered for good in year last_negative + 1. */
    cum = 0;
    for (t = 0; t <= last_negative; t++) {
        cum += flows[t];
    }
    before = cum;
    *years = (double)last_negative + (-before) / flows[last_negative + 1];
    return true;
}
