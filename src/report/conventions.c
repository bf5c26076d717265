/*
 * The finance conventions in words (conventions.h). The sentences for an
 * evaluation that uses no billing option are the ones every report gave
 * before billing existed, word for word, so such reports do not change.
 */
#include "report/conventions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "finance/projection.h"
#include "util/strutil.h"

bool crm__finance_mixed_timing(const struct crm_result *res)
{
    size_t v;

    for (v = 0; res->finance != NULL && v < res->vendor_count; v++) {
        if (res->finance[v].mixed_timing) {
            return true;
        }
    }
    return false;
}

const char *crm__finance_conventions(const struct crm_result *res)
{
    bool mid = res->ev->finance.timing == CRM_TIMING_MID_YEAR;

    if (crm__finance_mixed_timing(res)) {
        return mid ? "year 0 is not discounted; flows of years 1..N fall at "
                     "mid-year (discount factor 1/(1+r)^(t-0.5)) unless a cost "
                     "line is billed otherwise: in arrears at the end of the "
                     "year (1/(1+r)^t), in advance at its start "
                     "(1/(1+r)^(t-1)); the rate compounds yearly"
                   : "year 0 is not discounted; flows fall at the end of each "
                     "year (discount factor 1/(1+r)^t) unless a cost line is "
                     "billed otherwise: in advance at the start of the year "
                     "(1/(1+r)^(t-1)), mid-year (1/(1+r)^(t-0.5)); the rate "
                     "compounds yearly";
    }
    return mid ? "year 0 is not discounted; flows of years 1..N fall at "
                 "mid-year (discount factor 1/(1+r)^(t-0.5)); the rate "
                 "compounds yearly"
               : "year 0 is not discounted; flows fall at the end of each "
                 "year (discount factor 1/(1+r)^t); the rate compounds "
                 "yearly";
}

const char *crm__finance_spreadsheet_note(const struct crm_result *res, char *buf,
                                          size_t size)
{
    if (crm__finance_mixed_timing(res)) {
        snprintf(buf, size,
                 "cost lines are paid at different times, so use the cash "
                 "schedule (cash_flows: the net flows by when they are paid, "
                 "%s): NPV here = SUMPRODUCT(amounts, 1/(1+rate)^time); IRR "
                 "here = (1+IRR(amounts))^periods_per_year-1; MIRR here = "
                 "MIRR(yearly net flows of years 0..N, rate, rate), end of "
                 "year by convention",
                 "time = position / periods_per_year");
    } else if (res->ev->finance.timing == CRM_TIMING_MID_YEAR) {
        snprintf(buf, size,
                 "NPV here = year-0 flow + NPV(rate, years 1..N)*(1+rate)^0.5: "
                 "flows of years 1..N fall mid-year and spreadsheets' NPV() "
                 "discounts a whole first year; IRR here = "
                 "(1+IRR(year 0, year 1, 0, year 2, 0, ..., year N))^2-1, the "
                 "half-year cash schedule (cash_flows); MIRR here = "
                 "MIRR(years 0..N, rate, rate), end of year by convention");
    } else {
        snprintf(buf, size, "%s",
                 "NPV here = year-0 flow + Excel NPV(rate, years 1..N): "
                 "Excel's NPV() discounts its first value");
    }
    return buf;
}

const char *crm__billing_resolved(const struct crm_evaluation *ev, enum crm_billing b)
{
    static const char *const names[CRM_TIMED] = { "arrears", "mid_year", "advance" };

    return names[crm__billing_index(ev, b)];
}

const char *crm__payback_reason(bool has_payback, bool discounted)
{
    if (has_payback) {
        return NULL;
    }
    return discounted ? "the cumulative discounted net flow is still negative "
                        "at the end of the horizon"
                      : "the cumulative net flow is still negative at the end "
                        "of the horizon";
}

const char *crm__irr_reason_key(crm_irr_status status)
{
    static const char *const keys[] = { NULL, "ambiguous", "no_sign_change",
                                        "not_found" };

    return keys[status];
}

crm_status crm__report_add_rendered(crm_outputs *out, crm__render_fn render,
                                    const crm_result *result, const char *path,
                                    const char *what, crm_diags *diags)
{
    void *data = NULL;
    size_t len = 0;
    crm_status st = render(&data, &len, result, diags);

    if (st == CRM_OK) {
        st = crm_outputs_add(out, path, what, data, len, diags);
    }
    free(data);
    return st;
}

/* What a criterion takes, for the person filling in the sheet. */
void crm__criterion_scale(const struct crm_criterion *c, char *buf, size_t size)
{
    switch (c->kind) {
    case CRM_KIND_RATING:
        crm__snprintf(buf, size, "%g..%g", c->scale_min, c->scale_max);
        return;
    case CRM_KIND_BOOLEAN:
        snprintf(buf, size, "true or false");
        return;
    case CRM_KIND_CHOICE:
        crm__option_list(c, buf, size);
        return;
    case CRM_KIND_NUMBER:
        snprintf(buf, size, "%s%s%s is better", c->unit ? c->unit : "", c->unit ? "; " : "",
                 c->direction > 0 ? "higher" : "lower");
        return;
    }
}

/* A value as a sheet takes it: a number, true/false, or an option id;
 * empty when missing (a sample assessment is marked). */
void crm__value_as_entered(const struct crm_criterion *c, const struct crm_value *v, char *buf,
                       size_t size)
{
    buf[0] = '\0';
    if (!v->present) {
        return;
    }
    switch (c->kind) {
    case CRM_KIND_BOOLEAN:
        snprintf(buf, size, "%s", v->number != 0 ? "true" : "false");
        break;
    case CRM_KIND_CHOICE:
        snprintf(buf, size, "%s", c->options[v->option].id);
        break;
    case CRM_KIND_RATING:
    case CRM_KIND_NUMBER:
        crm__snprintf(buf, size, "%.10g", v->number);
        break;
    }
    if (v->raw != NULL && v->raw->sample) {
        size_t len = strlen(buf);

        snprintf(buf + len, size - len, " (sample)");
    }
}

static const char *const evidence_names[] = { "vendor_claim", "documentation", "demo", "trial",
                                              "reference_customer", "independent_test" };

void crm__value_with_evidence(const struct crm_criterion *c, const struct crm_value *v, char *buf,
                         size_t size)
{
    size_t len = 0;

    crm__value_as_entered(c, v, buf, size);
    len = strlen(buf);
    if (v->present && v->raw != NULL && v->raw->panel) {
        snprintf(buf + len, size - len, " [panel]");
    } else if (v->present && v->raw != NULL && v->raw->evidence_count > 0 && len < size) {
        const struct crm_evidence *e = &v->raw->evidence[0];

        snprintf(buf + len, size - len, " [%s%s%s]", evidence_names[e->kind],
                 e->source ? ": " : "", e->source ? e->source : "");
    }
}
