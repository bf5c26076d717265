/* Lookups over the model. */
#include "model/model.h"
#include "util/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static void mark_report(crm_diags *diags, crm_severity sev,
                        const struct crm_mark *mark, const char *fmt,
                        va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 0)))
#endif
    ;
static void mark_report(crm_diags *diags, crm_severity sev,
                        const struct crm_mark *mark, const char *fmt,
                        va_list ap)
{
    crm__diags_addv(diags, sev, mark ? mark->file : NULL, mark ? mark->line : 0,
                    mark ? mark->column : 0, fmt, ap);
}

void crm__mark_error(crm_diags *diags, const struct crm_mark *mark,
                     const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    mark_report(diags, CRM_SEV_ERROR, mark, fmt, ap);
    va_end(ap);
}

void crm__mark_warning(crm_diags *diags, const struct crm_mark *mark,
                       const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    mark_report(diags, CRM_SEV_WARNING, mark, fmt, ap);
    va_end(ap);
}

bool crm__set_find(const struct crm_criteria_set *set, const char *path,
                   size_t *index)
{
    return crm__strmap_get(&set->by_path, path, index);
}

bool crm__criterion_option(const struct crm_criterion *c, const char *id,
                           size_t *index)
{
    size_t i;

    for (i = 0; i < c->option_count; i++) {
        if (strcmp(c->options[i].id, id) == 0) {
            *index = i;
            return true;
        }
    }
    return false;
}

const char *crm__option_list(const struct crm_criterion *c, char *buf,
                             size_t size)
{
    size_t len = 0, i;

    buf[0] = '\0';
    for (i = 0; i < c->option_count && len < size; i++) {
        int n = snprintf(buf + len, size - len, "%s%s", i ? ", " : "",
                         c->options[i].id);

        if (n < 0) {
            break;
        }
        len += (size_t)n;
    }
    return buf;
}

const char *crm__kind_name(enum crm_kind kind)
{
    switch (kind) {
    case CRM_KIND_RATING:
        return "rating";
    case CRM_KIND_BOOLEAN:
        return "boolean";
    case CRM_KIND_NUMBER:
        return "number";
    case CRM_KIND_CHOICE:
        return "choice";
    }
    return "?";
}

const char *const crm__benefit_param_names[CRM_BP_COUNT_] = {
    "baseline_revenue", "uplift", "margin", "amount", "hours_per_user_year",
    "loaded_rate", "customers", "churn_reduction", "value_per_customer"
};

double *crm__benefit_param(struct crm_benefit_line *b, enum crm_benefit_param param)
{
    switch (param) {
    case CRM_BP_BASELINE_REVENUE:
        return &b->baseline_revenue;
    case CRM_BP_UPLIFT:
        return &b->uplift;
    case CRM_BP_MARGIN:
        return &b->margin;
    case CRM_BP_AMOUNT:
        return &b->amount;
    case CRM_BP_HOURS:
        return &b->hours_per_user_year;
    case CRM_BP_RATE:
        return &b->loaded_rate;
    case CRM_BP_CUSTOMERS:
        return &b->customers;
    case CRM_BP_CHURN:
        return &b->churn_reduction;
    case CRM_BP_VALUE:
    case CRM_BP_COUNT_:
        break;
    }
    return &b->value_per_customer;
}
