/*
 * Small helpers over the model: lookups (a criterion by path, an option
 * by id, a benefit parameter), names for messages, problems reported at
 * marks saved while parsing, the simulation's memory estimate, and the
 * evaluation's digest over its inputs.
 */
#include "model/model.h"
#include "crmeval/limits.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/sha256.h"

#include <math.h>
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

/* Report a warning at a mark saved while parsing, for checks made after
 * the tree is gone. */
void crm__mark_warning(crm_diags *diags, const struct crm_mark *mark,
                       const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    mark_report(diags, CRM_SEV_WARNING, mark, fmt, ap);
    va_end(ap);
}

bool crm__sim_size_ok(crm_diags *diags, const struct crm_mark *at, size_t trials,
                      size_t inputs, size_t vendors)
{
    /* per trial: a draw of every input, each vendor's score, NPV and TCO
     * (doubles) and rank (2 bytes), and a little for the percentiles;
     * in double, so no count can overflow the estimate */
    double per_trial = 8.0 * (double)inputs + 26.0 * (double)vendors + 8.0;
    double bytes = per_trial * (double)trials;
    double most = floor((double)CRM_MAX_SIM_BYTES / per_trial);

    if (bytes <= (double)CRM_MAX_SIM_BYTES) {
        return true;
    }
    crm__mark_error(diags, at,
                    "the simulation would need about %.1f GB of memory (%zu trials x %zu "
                    "uncertain inputs, %zu vendors); the limit is %.0f GiB (docs/formats.md, "
                    "Limits): use at most %.0f trials, or fewer uncertain inputs",
                    bytes / 1e9, trials, inputs, vendors,
                    (double)CRM_MAX_SIM_BYTES / (1 << 30), most);
    return false;
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

/* A criterion kind as the input files spell it, for messages; "?" for a
 * value outside the enum. */
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

const char *const crm__spread_names[CRM_SPREAD_COUNT + 1] = {
    "vendor_claim", "documentation", "demo", "trial", "reference_customer",
    "independent_test", "panel", "sample", "unsourced", NULL
};

/* How far a value may be off, as a share of its scale's width (booleans
 * and choices: the chance it is another value), by what stands behind
 * it. Assumptions of this project, not figures from the source articles;
 * docs/simulation.md gives the reasons. A value backed by several kinds
 * takes the smallest spread of them. */
const double crm__spread_defaults[CRM_SPREAD_COUNT] = {
    0.15, /* vendor_claim: the vendor's word, unchecked */
    0.05, /* documentation: published, but may lag the product */
    0.10, /* demo: a scripted path, not the team's own use */
    0.05, /* trial: the team's own use */
    0.10, /* reference_customer: one customer's setting */
    0.00, /* independent_test: measured */
    0.05, /* panel: the evaluators' aggregate */
    0.25, /* sample: an illustrative judgement (+/-1 step on a 1-5 scale) */
    0.15  /* unsourced: no evidence listed, as good as a claim */
};

/* One digest over every input's digest, in a fixed order: the run's
 * fingerprint (two runs on the same files have the same digest). */
void crm__evaluation_digest(struct crm_evaluation *ev)
{
    struct crm_sha256 sha;
    size_t i;

    /* one digest over every input's digest, in a fixed order */
    crm__sha256_init(&sha);
    for (i = 0; i < ev->input_count; i++) {
        crm__sha256_update(&sha, ev->inputs[i].role, strlen(ev->inputs[i].role));
        crm__sha256_update(&sha, ":", 1);
        crm__sha256_update(&sha, ev->inputs[i].sha256, 64);
        crm__sha256_update(&sha, "\n", 1);
    }
    crm__sha256_hex(&sha, ev->digest);
}

void crm__evaluation_add_input(struct crm_evaluation *ev, const char *role, const char *path,
                               const char sha256[65])
{
    struct crm_input_file *inputs =
        crm__arena_array(ev->arena, ev->input_count + 1, sizeof(*inputs));
    struct crm_input_file *in = &inputs[ev->input_count];

    memcpy(inputs, ev->inputs, ev->input_count * sizeof(*inputs));
    memcpy(in->sha256, sha256, 65);
    in->role = role;
    in->path = path;
    in->file = path;
    ev->inputs = inputs;
    ev->input_count++;
    crm__evaluation_digest(ev);
}

/* In the order of enum crm_cost_category: the ids the inputs use. */
const char *const crm__cost_category_names[] = {
    "licence", "implementation", "data_migration", "integration",
    "customisation", "training", "hosting", "internal_staff", "support",
    "contingency", NULL
};

/* In the order of enum crm_billing; "default" is never written. */
const char *const crm__billing_names[] = { "default", "arrears", "mid_year",
                                           "advance", NULL };

/* @p t in Chinese when @p zh, else in English, the other when it has
 * only one; @p keep when it has neither. */
static const char *in_language(const struct crm_text *t, bool zh, const char *keep)
{
    if (t->en == NULL && t->zh == NULL) {
        return keep;
    }
    return zh ? (t->zh != NULL ? t->zh : t->en) : (t->en != NULL ? t->en : t->zh);
}

void crm__vendor_names(struct crm_evaluation *ev)
{
    bool zh = ev->language != NULL && strcmp(ev->language, "zh-CN") == 0;
    size_t i;

    for (i = 0; i < ev->vendor_count; i++) {
        struct crm_vendor *v = ev->vendors[i];

        v->name = in_language(&v->names, zh, v->name);
        v->edition = in_language(&v->editions, zh, v->edition);
    }
}
