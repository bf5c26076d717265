/*
 * From a vendor's value to a score in 0..1, by criterion kind, and the
 * must-have tests. Declared scales and value functions are absolute: the
 * result depends on the value alone, so adding or removing a vendor cannot
 * change it. Only numbers without a value function use the observed range.
 */
#include <math.h>

#include "score/score.h"

static double clamp01(double x)
{
    return x < 0 ? 0 : (x > 1 ? 1 : x);
}

/* Piecewise-linear interpolation, flat beyond the end points. */
static double interpolate(const struct crm_point *p, size_t n, double x)
{
    size_t i;

    if (x <= p[0].x) {
        return p[0].value;
    }
    for (i = 1; i < n; i++) {
        if (x <= p[i].x) {
            double t = (x - p[i - 1].x) / (p[i].x - p[i - 1].x);

            return p[i - 1].value + t * (p[i].value - p[i - 1].value);
        }
    }
    return p[n - 1].value;
}

double crm__normalise(const struct crm_criterion *c, double x, double lo,
                      double hi)
{
    switch (c->kind) {
    case CRM_KIND_RATING:
        return clamp01((x - c->scale_min) / (c->scale_max - c->scale_min));
    case CRM_KIND_BOOLEAN:
    case CRM_KIND_CHOICE:
        return clamp01(x);
    case CRM_KIND_NUMBER:
        if (c->point_count >= 2) {
            return clamp01(interpolate(c->points, c->point_count, x));
        }
        if (!(hi > lo)) {
            return 1; /* every vendor has the same value */
        }
        return clamp01(c->direction > 0 ? (x - lo) / (hi - lo)
                                        : (hi - x) / (hi - lo));
    }
    return 0;
}

void crm__rule_check(const struct crm_rule *rule,
                     const struct crm_criterion *c,
                     const struct crm_value *value, double margin,
                     struct crm_rule_outcome *out)
{
    size_t i;

    out->rule = rule;
    out->passed = false;
    out->near_miss = false;
    out->lower_bound = false;
    out->slack = 0;
    out->value = 0;
    out->missing = value == NULL || !value->present;
    out->state = CRM_MUST_HAVE_UNVERIFIED;
    if (out->missing) {
        return;
    }
    out->value = value->number;
    switch (rule->test) {
    case CRM_RULE_EQUALS:
        out->passed = (value->number != 0) == rule->equals;
        break;
    case CRM_RULE_ONE_OF:
        for (i = 0; i < rule->one_of_count; i++) {
            size_t opt = 0;

            if (crm__criterion_option(c, rule->one_of[i], &opt) &&
                opt == value->option) {
                out->passed = true;
            }
        }
        break;
    case CRM_RULE_RANGE: {
        double slack = INFINITY;

        out->passed = true;
        if (rule->has_min) {
            out->passed = out->passed && value->number >= rule->min;
            slack = fmin(slack, value->number - rule->min);
        }
        if (rule->has_max) {
            out->passed = out->passed && value->number <= rule->max;
            slack = fmin(slack, rule->max - value->number);
        }
        out->slack = slack;
        out->near_miss = out->passed && slack < margin;
        break;
    }
    }
    out->state = out->passed ? CRM_MUST_HAVE_PASS : CRM_MUST_HAVE_FAIL;
}

void crm__rule_check_bound(const struct crm_rule *rule, double at_least,
                           struct crm_rule_outcome *out)
{
    out->rule = rule;
    out->passed = false;
    out->near_miss = false;
    out->missing = false;
    out->lower_bound = true;
    out->slack = 0;
    out->value = at_least;
    out->state = CRM_MUST_HAVE_UNVERIFIED;
    if (rule->test != CRM_RULE_RANGE) {
        return;
    }
    if (rule->has_max && at_least > rule->max) {
        out->state = CRM_MUST_HAVE_FAIL;   /* the true value is larger still */
    } else if (rule->has_min && !rule->has_max && at_least >= rule->min) {
        out->state = CRM_MUST_HAVE_PASS;
        out->passed = true;
        out->slack = at_least - rule->min;
    }
}

enum crm_rank_tier crm__tier(crm_must_have_status status, enum crm_unverified_policy policy)
{
    if (status == CRM_MUST_HAVE_FAIL) {
        return CRM_TIER_KNOCKED_OUT;
    }
    if (status == CRM_MUST_HAVE_UNVERIFIED) {
        switch (policy) {
        case CRM_UNVERIFIED_RANK:
            return CRM_TIER_COMPETES;
        case CRM_UNVERIFIED_AFTER_PASSING:
            return CRM_TIER_AFTER_PASSING;
        case CRM_UNVERIFIED_KNOCK_OUT:
            return CRM_TIER_KNOCKED_OUT;
        }
    }
    return CRM_TIER_COMPETES;
}
