/*
 * What an evaluation adds to its vendors' values once all files are read
 * (docs/formats.md): values computed from a vendor's other data (the
 * licence cost per seat-year), the evaluation's own `observations:` that
 * replace a profile's values, `value_functions:` that turn numbers into
 * 0-5 scores, and the budget must-have.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crmeval/evaluation.h"
#include "crmeval/limits.h"
#include "load/evaluation_parts.h"
#include "load/load.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "util/strutil.h"

/* Values the engine computes from a vendor's other data. Every priced
 * vendor needs a rate for its currency, derived criterion or not: later
 * cost figures convert the same prices. */
size_t crm__ev_derive_values(struct crm_evaluation *ev, crm_diags *diags,
                            struct crm_vendor *v)
{
    const struct crm_criteria_set *set = ev->set;
    const struct crm_pricing *p = &v->pricing;
    double rate = 1, amount = 0;
    bool found = true, known = false;
    size_t i;

    if (!v->has_pricing) {
        return 0;
    }
    if (p->model == CRM_PRICING_SUBSCRIPTION && p->has_list_price) {
        amount = p->list_price_per_user_month * 12;
        known = true;
    } else if (p->model == CRM_PRICING_PERPETUAL && p->has_perpetual) {
        amount = p->perpetual_licence_per_user / ev->horizon_years;
        known = true;
    } else if (p->model == CRM_PRICING_FREE) {
        known = true;
    }
    if (p->currency != NULL) {
        found = crm__exchange_rate(ev, p->currency, &rate);
    }
    if (!found) {
        struct crm_mark at = p->currency_mark;

        crm__mark_error(diags, &at,
                        "no exchange rate from %s to %s for vendor '%s'; "
                        "add %s under exchange_rates.rates in %s",
                        p->currency, ev->currency ? ev->currency : "?", v->id,
                        p->currency, ev->file);
        return 1;
    }
    for (i = 0; i < set->criterion_count; i++) {
        struct crm_value *val = &v->values[i];

        if (set->criteria[i].derived == CRM_DERIVED_LICENCE_COST && known) {
            val->present = true;
            /* Money is shown to the cent; score what is shown. */
            val->number = crm__round(amount * rate, 2);
        }
    }
    return 0;
}

void crm__ev_read_observations(struct crm_reader *r,
                              const struct crm_ynode *node,
                              struct crm_evaluation *ev)
{
    size_t i, j;

    if (!crm__rd_is_map(r, node, "'observations'")) {
        return;
    }
    ev->observations = crm__arena_array(r->arena, node->count + 1,
                                        sizeof(*ev->observations));
    for (i = 0; i < node->count; i++) {
        struct crm_observations *o = &ev->observations[ev->observation_count];

        if (!crm__rd_id(r, node->pairs[i].key, "vendor id", &o->vendor)) {
            continue;
        }
        o->mark = crm__rd_mark(r, node->pairs[i].key);
        if (!crm__values_read(r, node->pairs[i].value, &o->raw,
                              &o->raw_count)) {
            continue;
        }
        for (j = 0; j < o->raw_count; j++) {
            o->raw[j].observed = true;
        }
        ev->observation_count++;
    }
}

/* Lay the evaluation's own findings over the vendors' profile values. */
void crm__ev_apply_observations(struct crm_evaluation *ev, crm_diags *diags)
{
    size_t i, v, c;

    for (i = 0; i < ev->observation_count; i++) {
        const struct crm_observations *o = &ev->observations[i];
        struct crm_vendor *vendor = NULL;
        struct crm_value *found = NULL;

        for (v = 0; v < ev->vendor_count; v++) {
            if (strcmp(ev->vendors[v]->id, o->vendor) == 0) {
                vendor = ev->vendors[v];
            }
        }
        if (vendor == NULL) {
            const char *hint = NULL;

            for (v = 0; v < ev->vendor_count && hint == NULL; v++) {
                const char *const cand[] = { ev->vendors[v]->id, NULL };

                hint = crm__did_you_mean(o->vendor, cand);
            }
            crm__mark_error(diags, &o->mark,
                            "observations for '%s', which is not among the "
                            "evaluation's vendors%s%s%s",
                            o->vendor, hint ? "; did you mean '" : "",
                            hint ? hint : "", hint ? "'?" : "");
            continue;
        }
        found = crm__arena_array(ev->arena, ev->set->criterion_count + 1,
                                 sizeof(*found));
        if (crm__values_resolve(diags, ev->set, o->raw, o->raw_count, found) >
            0) {
            continue;
        }
        for (c = 0; c < ev->set->criterion_count; c++) {
            if (found[c].present) {
                vendor->values[c] = found[c];
            }
        }
    }
}

void crm__ev_read_value_functions(struct crm_reader *r,
                                 const struct crm_ynode *node,
                                 struct crm_evaluation *ev)
{
    size_t i;

    if (!crm__rd_is_map(r, node, "'value_functions'")) {
        return;
    }
    ev->vfs = crm__arena_array(r->arena, node->count ? node->count : 1,
                               sizeof(*ev->vfs));
    for (i = 0; i < node->count; i++) {
        struct crm_vf_override *vf = &ev->vfs[ev->vf_count];

        vf->criterion = node->pairs[i].key->text;
        vf->mark = crm__rd_mark(r, node->pairs[i].key);
        if (crm__rd_points(r, node->pairs[i].value, "a value function",
                           &vf->points, &vf->point_count)) {
            ev->vf_count++;
        }
    }
}

/* Check the value-function overrides against the set and apply them by
 * copying the criteria (the set itself may be shared). */
size_t crm__ev_apply_value_functions(struct crm_evaluation *ev,
                                    struct crm_reader *r,
                                    const struct crm_ynode *node)
{
    struct crm_criteria_set *set = ev->set;
    size_t i, errors = 0;

    for (i = 0; i < ev->vf_count; i++) {
        struct crm_vf_override *vf = &ev->vfs[i];
        struct crm_criterion *c = NULL;
        const struct crm_ynode *pts = crm__rd_get(node, vf->criterion);

        if (!crm__set_find(set, vf->criterion, &vf->index)) {
            crm__mark_error(r->diags, &vf->mark,
                            "unknown criterion '%s' in criteria set '%s'",
                            vf->criterion, set->id);
            errors++;
            continue;
        }
        c = &set->criteria[vf->index];
        if (c->kind != CRM_KIND_NUMBER) {
            crm__mark_error(r->diags, &vf->mark,
                            "a value function applies to number criteria; "
                            "'%s' is a %s",
                            c->path, crm__kind_name(c->kind));
            errors++;
            continue;
        }
        if (!crm__check_points(r, pts, "the value function", vf->points,
                               vf->point_count, c->direction)) {
            errors++;
            continue;
        }
        c->points = vf->points;
        c->point_count = vf->point_count;
    }
    return errors;
}

/* With `budget_knockout`, a vendor whose present value of costs exceeds the
 * budget is knocked out: a must-have rule on the derived PV-of-costs
 * criterion, so it is reported like any other rule. */
void crm__ev_add_budget_rule(struct crm_evaluation *ev, crm_diags *diags)
{
    struct crm_rule *rules = NULL;
    struct crm_rule *rule = NULL;
    size_t c;

    if (!ev->finance.budget_knockout || !ev->has_budget) {
        return;
    }
    for (c = 0; c < ev->set->criterion_count; c++) {
        if (ev->set->criteria[c].derived == CRM_DERIVED_PV_COSTS) {
            break;
        }
    }
    if (c == ev->set->criterion_count) {
        crm__mark_error(diags, &ev->finance.mark,
                        "'budget_knockout' needs a criterion with 'derived: "
                        "pv_costs' in criteria set '%s'",
                        ev->set->id);
        return;
    }
    rules = crm__arena_array(ev->arena, ev->rule_count + 1, sizeof(*rules));
    if (ev->rule_count > 0) {
        memcpy(rules, ev->rules, ev->rule_count * sizeof(*rules));
    }
    rule = &rules[ev->rule_count];
    rule->criterion = ev->set->criteria[c].path;
    rule->index = c;
    rule->test = CRM_RULE_RANGE;
    rule->has_max = true;
    rule->max = ev->budget;
    rule->origin = "budget";
    rule->reason.en = "present value of costs within the evaluation's budget";
    rule->reason.zh = "成本现值不超过评估预算";
    rule->mark = ev->finance.mark;
    ev->rules = rules;
    ev->rule_count++;
}
