/*
 * Weighted scoring, knock-outs and ranking.
 *
 * score(v) = 100 x sum_c w_c x u_c(v), with w_c the effective weight
 * (group share x criterion share) and u_c the normalised value. A missing
 * value counts as 0 (policy 'worst', the default), 0.5 ('midpoint'), or is
 * left out with the vendor's remaining weights rescaled ('ignore').
 * Vendors failing a must-have rule are ranked after all others; vendors
 * with a must-have not yet verified rank by the evaluation's policy (with
 * the passing vendors by default). Ties (equal to the 6 decimals
 * reported) share a rank; the order among them is by id only so that it
 * never depends on input order, and reports present them as tied.
 */
#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "crmeval/result.h"
#include "score/score.h"
#include "util/arena.h"
#include "util/strutil.h"


/* How close to a min or max threshold a pass counts as a near miss:
 * fraction (near_miss_margin) of the criterion's range: the rating's scale,
 * the value function's x span, or else the threshold itself. 0 for tests
 * other than min/max. */
static double rule_margin(const struct crm_rule *rule,
                          const struct crm_criterion *c, double fraction)
{
    double range = 0;

    if (rule->test != CRM_RULE_RANGE) {
        return 0;
    }
    if (c->kind == CRM_KIND_RATING) {
        range = c->scale_max - c->scale_min;
    } else if (c->point_count >= 2) {
        range = c->points[c->point_count - 1].x - c->points[0].x;
    } else {
        range = fabs(rule->has_min ? rule->min : rule->max);
    }
    return fraction * range;
}

struct crm_value crm__result_value(const struct crm_result *res, size_t v,
                                   size_t c)
{
    const struct crm_vendor *vendor = res->ev->vendors[v];
    enum crm_derived d = res->ev->set->criteria[c].derived;
    struct crm_value out;

    if (d != CRM_DERIVED_TCO_PER_SEAT && d != CRM_DERIVED_PV_COSTS) {
        return vendor->values[c];
    }
    memset(&out, 0, sizeof(out));
    if (res->finance != NULL && vendor->price_known) {
        const struct crm_finance_summary *s = &res->finance[v].base.summary;

        out.present = true;
        out.number = crm__round(d == CRM_DERIVED_TCO_PER_SEAT
                                    ? s->tco_per_seat_year
                                    : s->tco_pv,
                                2);
    }
    return out;
}

bool crm__result_lower_bound(const struct crm_result *res, size_t v, size_t c,
                             double *at_least)
{
    enum crm_derived d = res->ev->set->criteria[c].derived;
    const struct crm_finance_summary *s = NULL;

    if (res->finance == NULL || res->ev->vendors[v]->price_known ||
        (d != CRM_DERIVED_TCO_PER_SEAT && d != CRM_DERIVED_PV_COSTS)) {
        return false;
    }
    s = &res->finance[v].base.summary;
    *at_least = crm__round(d == CRM_DERIVED_TCO_PER_SEAT ? s->tco_per_seat_year : s->tco_pv, 2);
    return true;
}

/* Mark the numbers without a value function as relative (min-max
 * normalised over the vendors) and note the least and greatest value the
 * vendors have for each, since a vendor's score depends on the others'. */
static void observe_ranges(struct crm_result *res)
{
    const struct crm_criteria_set *set = res->ev->set;
    size_t c, v;

    for (c = 0; c < set->criterion_count; c++) {
        const struct crm_criterion *crit = &set->criteria[c];
        bool seen = false;

        res->relative[c] = crit->kind == CRM_KIND_NUMBER &&
                           crit->point_count < 2;
        if (!res->relative[c]) {
            continue;
        }
        for (v = 0; v < res->vendor_count; v++) {
            struct crm_value val = crm__result_value(res, v, c);

            if (!val.present) {
                continue;
            }
            if (!seen || val.number < res->range_lo[c]) {
                res->range_lo[c] = val.number;
            }
            if (!seen || val.number > res->range_hi[c]) {
                res->range_hi[c] = val.number;
            }
            seen = true;
        }
        res->range_seen[c] = seen;
    }
}

/* Score vendor index: each criterion's normalised value and contribution
 * under the missing-value policy, the total, each group's score, and each
 * must-have rule's outcome, which sets the vendor's tier for ranking.
 * The arrays come from res->arena. */
static void score_vendor(struct crm_result *res, size_t index)
{
    const struct crm_evaluation *ev = res->ev;
    const struct crm_criteria_set *set = ev->set;
    const struct crm_vendor *vendor = ev->vendors[index];
    struct crm_vendor_score *vs = &res->vendors[index];
    const double *w = res->weights.effective;
    double margin_fraction = ev->profile ? ev->profile->near_miss_margin : 0.1;
    double total = 0, present_weight = 0, sample_weight = 0;
    size_t c, g, k;

    vs->vendor = vendor;
    vs->criteria = crm__arena_array(res->arena, set->criterion_count + 1,
                                    sizeof(*vs->criteria));
    vs->groups = crm__arena_array(res->arena, set->group_count + 1,
                                  sizeof(*vs->groups));
    vs->rules = crm__arena_array(res->arena, ev->rule_count + 1,
                                 sizeof(*vs->rules));
    for (c = 0; c < set->criterion_count; c++) {
        const struct crm_criterion *crit = &set->criteria[c];
        struct crm_value own = crm__result_value(res, index, c);
        const struct crm_value *val = &own;
        struct crm_criterion_score *cs = &vs->criteria[c];

        cs->counted = true;
        if (val->present) {
            cs->source = val->raw != NULL ? CRM_SOURCE_DATA : CRM_SOURCE_DERIVED;
            cs->value = val->number;
            cs->normalised = crm__normalise(crit, val->number,
                                            res->range_lo[c], res->range_hi[c]);
            present_weight += w[c];
            if (w[c] > 0 && val->raw != NULL && val->raw->sample) {
                vs->sample_count++;
                sample_weight += w[c];
            }
        } else {
            cs->source = CRM_SOURCE_MISSING;
            switch (ev->missing) {
            case CRM_MISSING_WORST:
                cs->normalised = 0;
                break;
            case CRM_MISSING_MIDPOINT:
                cs->normalised = 0.5;
                break;
            case CRM_MISSING_IGNORE:
                cs->normalised = 0;
                cs->counted = false;
                break;
            }
            if (w[c] > 0) {
                vs->missing_count++;
            }
        }
        total += w[c] * cs->normalised;
    }
    vs->completeness = present_weight;
    vs->evidence = present_weight - sample_weight;
    if (ev->missing == CRM_MISSING_IGNORE) {
        /* Rescale so the weights with data sum to 1. */
        double scale = present_weight > 0 ? 1.0 / present_weight : 0;

        total *= scale;
        for (c = 0; c < set->criterion_count; c++) {
            vs->criteria[c].contribution =
                100 * w[c] * vs->criteria[c].normalised * scale;
        }
    } else {
        for (c = 0; c < set->criterion_count; c++) {
            vs->criteria[c].contribution = 100 * w[c] * vs->criteria[c].normalised;
        }
    }
    vs->score = 100 * total;

    for (g = 0; g < set->group_count; g++) {
        const struct crm_group *grp = &set->groups[g];
        struct crm_group_score *gs = &vs->groups[g];
        double within = 0, with_data = 0, share_sum = 0;

        for (c = grp->first; c < grp->first + grp->count; c++) {
            double share = res->weights.criterion_share[c];

            gs->contribution += vs->criteria[c].contribution;
            if (vs->criteria[c].counted) {
                within += share * vs->criteria[c].normalised;
                share_sum += share;
            }
            if (vs->criteria[c].source != CRM_SOURCE_MISSING) {
                with_data += share;
            }
        }
        if (ev->missing == CRM_MISSING_IGNORE && share_sum > 0) {
            within /= share_sum;
        }
        gs->score = 100 * within;
        gs->completeness = with_data;
    }

    for (k = 0; k < ev->rule_count; k++) {
        const struct crm_rule *rule = &ev->rules[k];
        const struct crm_criterion *crit = &set->criteria[rule->index];
        struct crm_value val = crm__result_value(res, index, rule->index);
        double at_least = 0;

        if (!val.present && crm__result_lower_bound(res, index, rule->index, &at_least)) {
            crm__rule_check_bound(rule, at_least, &vs->rules[k]);
        } else {
            crm__rule_check(rule, crit, &val, rule_margin(rule, crit, margin_fraction),
                            &vs->rules[k]);
        }
        if (vs->rules[k].state == CRM_MUST_HAVE_FAIL) {
            vs->knockout_count++;
        } else if (vs->rules[k].state == CRM_MUST_HAVE_UNVERIFIED) {
            vs->unverified_count++;
        } else if (vs->rules[k].near_miss) {
            vs->near_miss_count++;
        }
    }
    vs->must_have = vs->knockout_count > 0      ? CRM_MUST_HAVE_FAIL
                    : vs->unverified_count > 0 ? CRM_MUST_HAVE_UNVERIFIED
                                               : CRM_MUST_HAVE_PASS;
    vs->tier = crm__tier(vs->must_have, ev->unverified);
    vs->knocked_out = vs->tier == CRM_TIER_KNOCKED_OUT;
}

int crm__rank_compare(const void *a, const void *b)
{
    const struct crm_rank_key *x = a;
    const struct crm_rank_key *y = b;

    if (x->tier != y->tier) {
        return x->tier > y->tier ? 1 : -1;
    }
    if (x->score != y->score) {
        return x->score > y->score ? -1 : 1;
    }
    return strcmp(x->id, y->id);
}

/* Order the vendors by tier, then score as reported, then id, into
 * res->order, and give each its rank; vendors tied on tier and shown score
 * share one. */
static void rank(struct crm_result *res)
{
    struct crm_rank_key *keys = crm__arena_array(res->arena, res->vendor_count + 1,
                                                 sizeof(*keys));
    size_t i;

    for (i = 0; i < res->vendor_count; i++) {
        keys[i].tier = res->vendors[i].tier;
        /* Rank on the score as reported (6 decimals): equal shown scores
         * share a rank, and the comparison stays transitive. */
        keys[i].score = crm__round(res->vendors[i].score, 6);
        keys[i].id = res->vendors[i].vendor->id;
        keys[i].index = i;
    }
    qsort(keys, res->vendor_count, sizeof(*keys), crm__rank_compare);
    for (i = 0; i < res->vendor_count; i++) {
        struct crm_vendor_score *cur = &res->vendors[keys[i].index];

        res->order[i] = keys[i].index;
        if (i > 0) {
            const struct crm_vendor_score *prev = &res->vendors[res->order[i - 1]];

            if (prev->tier == cur->tier &&
                crm__round(prev->score, 6) == crm__round(cur->score, 6)) {
                cur->rank = prev->rank;
                continue;
            }
        }
        cur->rank = (unsigned)(i + 1);
    }
}

void crm__result_rescore(struct crm_result *res)
{
    struct crm_arena *arena = res->arena;
    size_t nc = res->ev->set->criterion_count, v;

    res->relative = crm__arena_array(arena, nc + 1, sizeof(bool));
    res->range_lo = crm__arena_array(arena, nc + 1, sizeof(double));
    res->range_hi = crm__arena_array(arena, nc + 1, sizeof(double));
    res->range_seen = crm__arena_array(arena, nc + 1, sizeof(bool));
    res->vendors = crm__arena_array(arena, res->vendor_count + 1, sizeof(*res->vendors));
    res->order = crm__arena_array(arena, res->vendor_count + 1, sizeof(*res->order));
    observe_ranges(res);
    for (v = 0; v < res->vendor_count; v++) {
        score_vendor(res, v);
    }
    rank(res);
}

crm_status crm__result_score(struct crm_arena *arena, struct crm_result *res,
                             crm_diags *diags)
{
    const struct crm_evaluation *ev = res->ev;
    size_t v;

    if (crm__weights_compute(arena, diags, ev->set,
                             ev->profile ? ev->profile->weights : NULL,
                             ev->profile ? ev->profile->weight_count : 0,
                             ev->overrides, ev->override_count,
                             &ev->weights_mark, &res->weights) > 0) {
        return CRM_EINPUT;
    }
    if (ev->finance.present) {
        res->finance = crm__arena_array(arena, res->vendor_count + 1,
                                        sizeof(*res->finance));
        for (v = 0; v < res->vendor_count; v++) {
            crm__project(arena, ev, ev->vendors[v], NULL, &res->finance[v]);
        }
    }
    crm__result_rescore(res);
    crm__panel_views(arena, res);
    return CRM_OK;
}

void crm_result_free(crm_result *result)
{
    if (result != NULL) {
        crm__arena_free(result->arena);
    }
}

/* The public face of util's rounding (result.h): the one rule every
 * report uses. */
double crm_round(double x, int decimals)
{
    return crm__round(x, decimals);
}

size_t crm_result_vendor_count(const crm_result *result)
{
    return result->vendor_count;
}

crm_status crm_result_vendor(const crm_result *result, size_t position,
                             crm_vendor_summary *out)
{
    const struct crm_vendor_score *vs = NULL;

    if (position >= result->vendor_count) {
        return CRM_EUSAGE;
    }
    vs = &result->vendors[result->order[position]];
    out->id = vs->vendor->id;
    out->name = vs->vendor->name;
    out->rank = vs->rank;
    out->score = vs->score;
    out->completeness = vs->completeness;
    out->knocked_out = vs->knocked_out;
    out->must_have = vs->must_have;
    out->knockout_count = vs->knockout_count;
    out->unverified_count = vs->unverified_count;
    out->near_miss_count = vs->near_miss_count;
    return CRM_OK;
}
