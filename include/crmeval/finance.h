/*
 * crmeval - financial formulas: NPV, IRR, MIRR, XNPV, XIRR and payback.
 *
 * Conventions (stated in every report, docs/finance.md):
 *  - flows[0] is year 0, flows[t] year t; year 0 is not discounted;
 *  - flows fall at the end of each year (timing CRM_TIMING_MID_YEAR moves
 *    years 1.. to mid-year: exponent t - 0.5); the rate compounds yearly;
 *  - Excel's NPV(rate, v1..vn) discounts its first value, so
 *    crm_npv(r, flows) = flows[0] + NPV(r, flows[1..n]) in a spreadsheet;
 *  - XNPV/XIRR use actual/365 day counts from the first date, as
 *    spreadsheets compute them.
 * These functions are pure: no allocation, no globals, thread-safe.
 */
#ifndef CRMEVAL_FINANCE_H
#define CRMEVAL_FINANCE_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum crm_timing {
    CRM_TIMING_END_OF_YEAR = 0,
    CRM_TIMING_MID_YEAR = 1
} crm_timing;

/** Discount factor of year @p t: 1 / (1 + rate)^exponent. */
double crm_discount_factor(double rate, size_t t, crm_timing timing);

/** Net present value of @p flows[0..n) at @p rate (> -1). */
double crm_npv(double rate, const double *flows, size_t n, crm_timing timing);

/** Most roots crm_irr reports. */
#define CRM_IRR_MAX_ROOTS 8

typedef enum crm_irr_status {
    CRM_IRR_OK = 0,          /**< exactly one rate */
    CRM_IRR_AMBIGUOUS = 1,   /**< several rates: all are listed */
    CRM_IRR_NO_SIGN_CHANGE = 2, /**< flows never change sign: no rate exists */
    CRM_IRR_NOT_FOUND = 3    /**< no rate in (-99.99%, 999,900%) */
} crm_irr_status;

typedef struct crm_irr_result {
    crm_irr_status status;
    size_t count;                      /**< roots found */
    double roots[CRM_IRR_MAX_ROOTS];   /**< ascending */
} crm_irr_result;

/**
 * Every internal rate of return of @p flows: the rates r > -1 where
 * crm_npv(r) = 0, for 1 + r from 1e-4 to 1e4, to full double precision.
 * The NPV is a polynomial in the discount factor: each root is isolated
 * between roots of its derivatives, so a rate where NPV touches 0 without
 * changing sign (listed once) and rates closer together than any grid
 * step are found. Never returns a rate at or below -100%, never NaN or
 * infinity.
 */
crm_irr_result crm_irr(const double *flows, size_t n, crm_timing timing);

/**
 * The internal rates of return of flows on an even grid: @p flows[k] falls
 * at time k x @p step years (step 0.5: a half-year grid, which holds
 * mid-year and start-of-year payments alike). The rates are yearly, found
 * as crm_irr finds them. In a spreadsheet: (1 + IRR(flows))^(1 / step) - 1.
 */
crm_irr_result crm_irr_grid(const double *flows, size_t n, double step);

/** A short English reason for an IRR status ("net flows never change sign"). */
const char *crm_irr_status_text(crm_irr_status status);

/**
 * Modified IRR: negative flows financed at @p finance_rate, positive flows
 * reinvested at @p reinvest_rate, over n - 1 years. Always end-of-year
 * flows, as spreadsheets' MIRR(), whatever timing the NPV uses.
 * @return false (and *out untouched) when there is no negative or no
 *         positive flow.
 */
bool crm_mirr(const double *flows, size_t n, double finance_rate,
              double reinvest_rate, double *out);

/**
 * XNPV: sum of flows[i] / (1 + rate)^((days[i] - days[0]) / 365), where
 * days[] are day numbers (e.g. from crm_days_from_civil).
 */
double crm_xnpv(double rate, const double *flows, const long *days, size_t n);

/** XIRR: the roots of crm_xnpv at which it changes sign, bracketed on a
 * log grid of 1 + r and bisected to 1e-12 (dated flows are no polynomial). */
crm_irr_result crm_xirr(const double *flows, const long *days, size_t n);

/** Day number of a Gregorian date (days since 1970-01-01). */
long crm_days_from_civil(int year, int month, int day);

/**
 * Payback: the point from which the cumulative sum of @p flows stays at or
 * above 0 to the end, interpolated within the year it is reached:
 * t - 1 + (-cum[t-1]) / flows[t]. 0 when the cumulative sum is never
 * negative. A project that recovers and then sinks again is not paid back
 * until it recovers for good.
 * @return false when the cumulative sum is negative at the end.
 */
bool crm_payback(const double *flows, size_t n, double *years);

#ifdef __cplusplus
}
#endif
#endif
