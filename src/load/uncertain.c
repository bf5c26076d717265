/*
 * Uncertainty in an evaluation (docs/simulation.md): the `simulation:`
 * section (trials, method, seed, correlations) and the list of every
 * uncertain input (a distribution on a cost, benefit, rate or value, or a
 * missing value or sample assessment) that the simulation draws.
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

void crm__ev_read_simulation(struct crm_reader *r, const struct crm_ynode *node,
                            struct crm_sim_settings *sim)
{
    static const char *const keys[] = { "trials", "method", "seed",
                                        "correlations", NULL };
    static const char *const methods[] = { "monte_carlo", "latin_hypercube",
                                           NULL };
    static const char *const corr_keys[] = { "between", "rho", NULL };
    const struct crm_ynode *v = NULL;
    double x = 0;
    size_t i;
    int k = 0;

    sim->present = true;
    sim->method = CRM_SIM_LATIN_HYPERCUBE;
    sim->seed = 1;
    sim->mark = crm__rd_mark(r, node);
    if (!crm__rd_is_map(r, node, "'simulation'")) {
        return;
    }
    crm__rd_check_keys(r, node, keys, "'simulation'");
    if ((v = crm__rd_get(node, "trials")) != NULL && crm__rd_number(r, v, "'trials'", &x)) {
        if (x < CRM_MIN_TRIALS || x > CRM_MAX_TRIALS || x != floor(x)) {
            crm__rd_error(r, v, "'trials' must be a whole number from 100 to "
                                "10,000,000 (got %s)",
                          v->text);
        } else {
            sim->trials = (size_t)x;
            sim->trials_mark = crm__rd_mark(r, v);
        }
    }
    if ((v = crm__rd_get(node, "method")) != NULL &&
        (k = crm__rd_enum(r, v, "simulation method", methods)) >= 0) {
        sim->method = (crm_sim_method)k;
    }
    if ((v = crm__rd_get(node, "seed")) != NULL && crm__rd_number(r, v, "'seed'", &x)) {
        if (x < 0 || x > 9e15 || x != floor(x)) {
            crm__rd_error(r, v, "'seed' must be a whole number >= 0 (got %s)", v->text);
        } else {
            sim->seed = (unsigned long long)x;
        }
    }
    v = crm__rd_get(node, "correlations");
    if (v == NULL || !crm__rd_is_seq(r, v, "'correlations'")) {
        return;
    }
    sim->correlations = crm__arena_array(r->arena, v->count + 1,
                                         sizeof(*sim->correlations));
    for (i = 0; i < v->count; i++) {
        const struct crm_ynode *item = v->items[i], *between = NULL, *rho = NULL;
        struct crm_sim_correlation *c = &sim->correlations[sim->correlation_count];

        if (!crm__rd_is_map(r, item, "a correlation")) {
            continue;
        }
        crm__rd_check_keys(r, item, corr_keys, "a correlation");
        between = crm__rd_require(r, item, "between", "a correlation");
        rho = crm__rd_require(r, item, "rho", "a correlation");
        if (between == NULL || rho == NULL) {
            continue;
        }
        if (between->type != CRM_YSEQ || between->count != 2 ||
            !crm__rd_string(r, between->items[0], "an input name", &c->a) ||
            !crm__rd_string(r, between->items[1], "an input name", &c->b)) {
            crm__rd_error(r, between, "'between' takes two input names, e.g. "
                                      "[seats, benefit/productivity/hours_per_user_year]");
            continue;
        }
        if (strcmp(c->a, c->b) == 0) {
            crm__rd_error(r, between->items[1], "a correlation needs two different "
                                                "inputs (got '%s' twice)",
                          c->a);
            continue;
        }
        if (!crm__rd_number(r, rho, "'rho'", &c->rho) || c->rho <= -1 || c->rho >= 1) {
            crm__rd_error(r, rho, "'rho' is a rank correlation between -1 and 1, "
                                  "not included (got %s)",
                          rho->text);
            continue;
        }
        c->mark = crm__rd_mark(r, item);
        sim->correlation_count++;
    }
}

/* Every uncertain input, labelled for correlations and reports. Cost lines
 * drawn from one distribution (an organisation line every vendor has) are
 * one input. */
void crm__ev_collect_uncertain(struct crm_evaluation *ev)
{
    const struct crm_criteria_set *set = ev->set;
    size_t cap = 1, n = 0, v, c, i, j, p;
    struct crm_sim_input *in = NULL;

    for (v = 0; v < ev->vendor_count; v++) {
        cap += set->criterion_count + ev->vendors[v]->plan_count;
    }
    cap += ev->finance.benefit_count * CRM_BP_COUNT_ + set->group_count +
           set->criterion_count + 1;
    in = crm__arena_array(ev->arena, cap, sizeof(*in));
    for (v = 0; v < ev->vendor_count; v++) {
        const struct crm_vendor *vd = ev->vendors[v];

        for (c = 0; c < set->criterion_count; c++) {
            if (vd->values[c].present && vd->values[c].raw != NULL &&
                vd->values[c].raw->dist != NULL) {
                in[n].target = CRM_SIM_VENDOR_VALUE;
                in[n].dist = vd->values[c].raw->dist;
                in[n].vendor = v;
                in[n].index = c;
                in[n].label = crm__arena_printf(ev->arena, "%s/%s", vd->id,
                                                set->criteria[c].path);
                n++;
            }
        }
        for (i = 0; i < vd->plan_count; i++) {
            const struct crm_cost_line *l = &vd->plan[i];
            bool seen = false;

            if (l->amount_dist == NULL) {
                continue;
            }
            for (j = 0; j < n && !seen; j++) {
                seen = in[j].target == CRM_SIM_COST && in[j].dist == l->amount_dist;
            }
            if (seen) {
                continue;
            }
            in[n].target = CRM_SIM_COST;
            in[n].dist = l->amount_dist;
            in[n].vendor = v;
            in[n].index = i;
            in[n].label = strcmp(l->origin, "evaluation") == 0
                              ? crm__arena_printf(ev->arena, "cost/%s", l->id)
                              : crm__arena_printf(ev->arena, "%s/cost/%s", vd->id,
                                                  l->id);
            n++;
        }
    }
    for (i = 0; i < ev->finance.benefit_count; i++) {
        for (p = 0; p < CRM_BP_COUNT_; p++) {
            if (ev->finance.benefits[i].dist[p] != NULL) {
                in[n].target = CRM_SIM_BENEFIT;
                in[n].dist = ev->finance.benefits[i].dist[p];
                in[n].index = i;
                in[n].param = p;
                in[n].label = crm__arena_printf(ev->arena, "benefit/%s/%s",
                                                ev->finance.benefits[i].id,
                                                crm__benefit_param_names[p]);
                n++;
            }
        }
    }
    /* weights: the last entry for an item wins, as in the weights */
    for (p = 0; p < 2; p++) {
        const struct crm_weight_entry *entries =
            p == 0 ? (ev->profile ? ev->profile->weights : NULL) : ev->overrides;
        size_t count = p == 0 ? (ev->profile ? ev->profile->weight_count : 0)
                              : ev->override_count;

        for (i = 0; i < count; i++) {
            const struct crm_weight_entry *e = &entries[i];
            size_t index = 0;
            bool group = e->criterion == NULL;
            char path[160];

            if (group) {
                if (!crm__strmap_get(&set->group_by_id, e->group, &index)) {
                    continue;
                }
            } else {
                snprintf(path, sizeof(path), "%s.%s", e->group, e->criterion);
                if (!crm__set_find(set, path, &index)) {
                    continue;
                }
            }
            /* a later plain number replaces an earlier distribution */
            for (j = 0; j < n; j++) {
                if (in[j].target == CRM_SIM_WEIGHT && in[j].group == group &&
                    in[j].index == index) {
                    memmove(&in[j], &in[j + 1], (n - j - 1) * sizeof(*in));
                    n--;
                    break;
                }
            }
            if (e->dist == NULL) {
                continue;
            }
            in[n].target = CRM_SIM_WEIGHT;
            in[n].dist = e->dist;
            in[n].group = group;
            in[n].index = index;
            in[n].label = group ? crm__arena_printf(ev->arena, "weight/%s", e->group)
                                : crm__arena_printf(ev->arena, "weight/%s.%s",
                                                    e->group, e->criterion);
            n++;
        }
    }
    if (ev->org.seats_dist != NULL) {
        in[n].target = CRM_SIM_SEATS;
        in[n].dist = ev->org.seats_dist;
        in[n].label = "seats";
        n++;
    }
    ev->uncertain = in;
    ev->uncertain_count = n;
}
