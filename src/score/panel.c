/*
 * How each role of the panel ranks the vendors (docs/panel.md): the
 * evaluation scored again with the role's own aggregate wherever the role
 * scored a cell (the whole panel's elsewhere) and with the mean of its
 * members' weights (a member without a weight set of their own counts
 * with the evaluation's weights).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "score/score.h"
#include "util/arena.h"
#include "util/strutil.h"

/* Weights from an effective vector: group shares are its sums per group,
 * criterion shares the rest. */
static void weights_from_effective(struct crm_arena *arena, const struct crm_criteria_set *set,
                                   const struct crm_weights *base, const double *effective,
                                   struct crm_weights *out)
{
    size_t g, c, nc = set->criterion_count, ng = set->group_count;

    *out = *base;
    out->effective = crm__arena_array(arena, nc + 1, sizeof(double));
    out->group_share = crm__arena_array(arena, ng + 1, sizeof(double));
    out->criterion_share = crm__arena_array(arena, nc + 1, sizeof(double));
    memcpy(out->effective, effective, nc * sizeof(double));
    for (g = 0; g < ng; g++) {
        const struct crm_group *grp = &set->groups[g];

        for (c = grp->first; c < grp->first + grp->count; c++) {
            out->group_share[g] += effective[c];
        }
        for (c = grp->first; c < grp->first + grp->count; c++) {
            out->criterion_share[c] = out->group_share[g] > 0
                                          ? effective[c] / out->group_share[g]
                                          : base->criterion_share[c];
        }
    }
}

/* The weight set @p evaluator gave, or NULL when they gave none. */
static const struct crm_weight_set *weight_set_of(const struct crm_evaluation *ev,
                                                  const char *evaluator)
{
    size_t i;

    for (i = 0; i < ev->panel_settings.weight_set_count; i++) {
        if (strcmp(ev->panel_settings.weight_sets[i].evaluator, evaluator) == 0) {
            return &ev->panel_settings.weight_sets[i];
        }
    }
    return NULL;
}

/* How one role ranks the vendors: a copy of the evaluation (in @p arena)
 * with the values that role's members gave and the mean of their weights
 * (the evaluation's for a member who gave none), rescored and compared to
 * the overall ranking by Kendall's tau-b. The role has members (caller). */
static void role_view(struct crm_arena *arena, const struct crm_result *res, size_t role,
                      struct crm_role_view *view)
{
    const struct crm_evaluation *ev = res->ev;
    const struct crm_panel *panel = ev->panel;
    size_t nc = ev->set->criterion_count, v, i, c;
    struct crm_evaluation *copy = crm__arena_alloc(arena, sizeof(*copy));
    struct crm_vendor **vendors = crm__arena_array(arena, ev->vendor_count + 1,
                                                   sizeof(*vendors));
    struct crm_result *sub = crm__arena_alloc(arena, sizeof(*sub));
    double *effective = crm__arena_array(arena, nc + 1, sizeof(double));
    double *overall = crm__arena_array(arena, ev->vendor_count + 1, sizeof(double));
    double *mine = crm__arena_array(arena, ev->vendor_count + 1, sizeof(double));

    /* the evaluation with this role's values */
    *copy = *ev;
    for (v = 0; v < ev->vendor_count; v++) {
        vendors[v] = crm__arena_alloc(arena, sizeof(**vendors));
        *vendors[v] = *ev->vendors[v];
        vendors[v]->values = crm__arena_array(arena, nc + 1, sizeof(struct crm_value));
        memcpy(vendors[v]->values, ev->vendors[v]->values, nc * sizeof(struct crm_value));
    }
    for (i = 0; i < panel->cell_count; i++) {
        const struct crm_panel_cell *cell = &panel->cells[i];
        struct crm_value value;

        if (crm__panel_aggregate(ev, panel, cell, role, &value)) {
            vendors[cell->vendor]->values[cell->criterion] = value;
            view->cells++;
        }
    }
    copy->vendors = vendors;

    /* the mean of the members' weights */
    for (i = 0; i < panel->evaluator_count; i++) {
        const struct crm_weight_set *ws = NULL;

        if (panel->evaluators[i].role != role) {
            continue;
        }
        view->evaluators++;
        ws = weight_set_of(ev, panel->evaluators[i].name);
        view->own_weights += ws != NULL;
        for (c = 0; c < nc; c++) {
            effective[c] += ws != NULL ? ws->effective[c] : res->weights.effective[c];
        }
    }
    for (c = 0; c < nc; c++) {
        effective[c] /= (double)view->evaluators;
    }
    sub->arena = arena;
    sub->ev = copy;
    sub->finance = res->finance;
    sub->vendor_count = res->vendor_count;
    if (view->own_weights > 0) {
        weights_from_effective(arena, ev->set, &res->weights, effective, &sub->weights);
    } else {
        sub->weights = res->weights;
    }
    crm__result_rescore(sub);
    for (v = 0; v < ev->vendor_count; v++) {
        /* compare the ranks (knock-outs and ties included), best highest */
        overall[v] = -(double)res->vendors[v].rank;
        mine[v] = -(double)sub->vendors[v].rank;
    }
    view->role = role;
    view->sub = sub;
    view->tau = crm__kendall_tau_b(overall, mine, ev->vendor_count);
}

/* Sort key of a disagreement: least consensus, then most at stake, then
 * the cells' own order. */
struct disagreement {
    double consensus, at_stake;
    size_t cell;
};

/* qsort order for disagreements: least consensus first, then most points
 * at stake, then cell order, so ties list the same way every run. */
static int compare_disagreements(const void *pa, const void *pb)
{
    const struct disagreement *a = pa, *b = pb;

    if (a->consensus != b->consensus) {
        return a->consensus < b->consensus ? -1 : 1;
    }
    if (a->at_stake != b->at_stake) {
        return a->at_stake > b->at_stake ? -1 : 1;
    }
    return a->cell < b->cell ? -1 : a->cell > b->cell;
}

/* What each cell's spread is worth in score points, and the cells the
 * panel disagrees on most. */
static void disagreements(struct crm_arena *arena, struct crm_result *res)
{
    const struct crm_evaluation *ev = res->ev;
    const struct crm_panel *panel = ev->panel;
    struct disagreement *keys = crm__arena_array(arena, panel->cell_count + 1, sizeof(*keys));
    size_t i, n = 0;

    res->at_stake = crm__arena_array(arena, panel->cell_count + 1, sizeof(double));
    for (i = 0; i < panel->cell_count; i++) {
        const struct crm_panel_cell *cell = &panel->cells[i];
        const struct crm_criterion *crit = &ev->set->criteria[cell->criterion];
        size_t c = cell->criterion;
        double lo = crm__normalise(crit, cell->min, res->range_lo[c], res->range_hi[c]);
        double hi = crm__normalise(crit, cell->max, res->range_lo[c], res->range_hi[c]);

        res->at_stake[i] = 100 * res->weights.effective[c] * fabs(hi - lo);
        if (cell->count >= 2 && cell->consensus < 1) {
            keys[n].consensus = crm__round(cell->consensus, 6);
            keys[n].at_stake = crm__round(res->at_stake[i], 6);
            keys[n].cell = i;
            n++;
        }
    }
    qsort(keys, n, sizeof(*keys), compare_disagreements);
    res->disagreement_count = n < CRM_PANEL_DISAGREEMENTS ? n : CRM_PANEL_DISAGREEMENTS;
    res->disagreements = crm__arena_array(arena, res->disagreement_count + 1, sizeof(size_t));
    for (i = 0; i < res->disagreement_count; i++) {
        res->disagreements[i] = keys[i].cell;
    }
}

void crm__panel_views(struct crm_arena *arena, struct crm_result *res)
{
    const struct crm_panel *panel = res->ev->panel;
    size_t r, i;

    if (panel == NULL) {
        return;
    }
    disagreements(arena, res);
    res->roles = crm__arena_array(arena, CRM_ROLE_COUNT, sizeof(*res->roles));
    for (r = 0; r < CRM_ROLE_COUNT; r++) {
        bool present = false;

        /* a role of weight 0 counts nowhere: it has no view of its own */
        for (i = 0; i < panel->evaluator_count && !present; i++) {
            present = panel->evaluators[i].role == r &&
                      res->ev->panel_settings.role_weight[r] > 0;
        }
        if (present) {
            role_view(arena, res, r, &res->roles[res->role_count++]);
        }
    }
}
