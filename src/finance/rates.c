/*
 * Financial formulas (include/crmeval/finance.h). Pure functions over
 * arrays of yearly or dated flows.
 */
#include "crmeval/finance.h"

#include <math.h>

/* The IRR search covers 1 + r in [IRR_LO, IRR_HI] on a log grid. */
#define IRR_LO 1e-4
#define IRR_HI 1e4
#define IRR_GRID 4000
#define IRR_TOL 1e-12

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
    double sum = 0;
    size_t t;

    for (t = 0; t < n; t++) {
        sum += flows[t] * crm_discount_factor(rate, t, timing);
    }
    return sum;
}

/* NPV as a function of g = 1 + r, for either yearly or dated flows. */
struct npv_fn {
    const double *flows;
    const long *days;       /* NULL: yearly */
    size_t n;
    crm_timing timing;
    double step;            /* > 0: flows[i] at time i x step (a grid) */
};

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

/*
 * npv_at for the root search's grid: yearly discount factors by repeated
 * multiplication rather than pow (which made IRR the costliest figure of a
 * sensitivity run). Only signs are read from it; roots are refined with
 * npv_at.
 */
static double npv_grid(const struct npv_fn *f, double growth)
{
    double sum = 0, factor = 1, inverse = 1 / growth;
    double mid = f->timing == CRM_TIMING_END_OF_YEAR ? 1 : sqrt(growth);
    size_t i;

    if (f->days != NULL) {
        return npv_at(f, growth);
    }
    if (f->step > 0) {
        /* a grid: every step discounts by the same factor */
        inverse = pow(growth, -f->step);
        for (i = 0; i < f->n; i++) {
            sum += f->flows[i] * factor;
            factor *= inverse;
        }
        return sum;
    }
    for (i = 0; i < f->n; i++) {
        sum += f->flows[i] * (i == 0 ? 1 : factor * mid);
        factor *= inverse;
    }
    return sum;
}

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

static crm_irr_result find_roots(const struct npv_fn *f)
{
    crm_irr_result res;
    double step = log(IRR_HI / IRR_LO) / IRR_GRID;
    double g_prev = IRR_LO, v_prev = npv_grid(f, IRR_LO);
    int i;

    res.status = CRM_IRR_NOT_FOUND;
    res.count = 0;
    if (sign_changes(f->flows, f->n) == 0) {
        res.status = CRM_IRR_NO_SIGN_CHANGE;
        return res;
    }
    for (i = 1; i <= IRR_GRID && res.count < CRM_IRR_MAX_ROOTS; i++) {
        double g = IRR_LO * exp(step * i);
        double v = npv_grid(f, g);
        double lo = g_prev, hi = g, vlo = v_prev;
        double root = 0;
        bool bracket = (v_prev < 0 && v > 0) || (v_prev > 0 && v < 0);

        if (v_prev == 0) {
            root = g_prev;
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
            root = 0.5 * (lo + hi);
        }
        if (v_prev == 0 || bracket) {
            double r = root - 1.0;

            if (res.count == 0 || fabs(r - res.roots[res.count - 1]) > 1e-9) {
                res.roots[res.count++] = r;
            }
        }
        g_prev = g;
        v_prev = v;
    }
    if (res.count == 1) {
        res.status = CRM_IRR_OK;
    } else if (res.count > 1) {
        res.status = CRM_IRR_AMBIGUOUS;
    }
    return res;
}

crm_irr_result crm_irr(const double *flows, size_t n, crm_timing timing)
{
    struct npv_fn f = { flows, NULL, n, timing, 0 };

    return find_roots(&f);
}

crm_irr_result crm_irr_grid(const double *flows, size_t n, double step)
{
    struct npv_fn f = { flows, NULL, n, CRM_TIMING_END_OF_YEAR, step };

    return find_roots(&f);
}

crm_irr_result crm_xirr(const double *flows, const long *days, size_t n)
{
    struct npv_fn f = { flows, days, n, CRM_TIMING_END_OF_YEAR, 0 };

    return find_roots(&f);
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
