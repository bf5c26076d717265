/*
 * What is not known about the vendors' values, and how it is drawn (see
 * unknowns.h and docs/simulation.md).
 */
#include "analysis/unknowns.h"

#include <math.h>
#include <string.h>

#include "analysis/random.h"
#include "analysis/simulate.h"
#include "score/score.h"
#include "util/arena.h"

/* SplitMix64's finaliser: a bijective mix of 64 bits. */
static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void crm__unknowns_seed(struct crm_unknown *cells, size_t count, uint64_t seed)
{
    size_t i;

    for (i = 0; i < count; i++) {
        /* the cell's place in the evaluation, not in this list: a cell
         * keeps its stream when others come or go. A vendor's costs
         * derived from its price list (licence per seat-year, TCO per
         * seat-year, PV of costs) all hang on the one price not known:
         * they share a stream, so they move together. */
        uint64_t id = cells[i].derived ? (uint64_t)cells[i].vendor * 0x100000001B3ULL
                                       : (uint64_t)cells[i].vendor * 0x100000001B3ULL +
                                             cells[i].criterion + 1;

        cells[i].key = mix64(seed ^ mix64(id + 0x9E3779B97F4A7C15ULL));
    }
}

double crm__unknown_variate(const struct crm_unknown *cell, size_t trial)
{
    uint64_t z = mix64(cell->key + (uint64_t)(trial + 1) * 0x9E3779B97F4A7C15ULL);

    return (double)(z >> 11) * 0x1.0p-53;
}

/* Options of a choice criterion in increasing order of value (ties by
 * their order in the criteria set): the order draws rise through. */
static const size_t *options_by_value(struct crm_arena *arena, const struct crm_criterion *c)
{
    size_t *order = crm__arena_array(arena, c->option_count + 1, sizeof(size_t));
    size_t i, j;

    for (i = 0; i < c->option_count; i++) {
        size_t x = i;

        for (j = i; j > 0 && c->options[order[j - 1]].value > c->options[x].value; j--) {
            order[j] = order[j - 1];
        }
        order[j] = x;
    }
    return order;
}

/* Normalise @p x for criterion @p c as the point run does. */
static double normalised(const struct crm_result *res, size_t c, double x)
{
    return crm__normalise(&res->ev->set->criteria[c], x, res->range_lo[c], res->range_hi[c]);
}

/* Order the range [a, b] of raw values of criterion @p c from worst to
 * best into cell->worst/best. */
static void orient(const struct crm_result *res, struct crm_unknown *cell, double a, double b)
{
    const struct crm_criterion *crit = &res->ev->set->criteria[cell->criterion];
    double ua = normalised(res, cell->criterion, a), ub = normalised(res, cell->criterion, b);
    bool swap = ua > ub || (ua == ub && crit->kind == CRM_KIND_NUMBER && crit->direction < 0);

    cell->worst = swap ? b : a;
    cell->best = swap ? a : b;
}

/* The raw values a criterion's scale covers: a rating's scale, a value
 * function's x values, or the range the vendors show (min-max). */
static bool scale_range(const struct crm_result *res, size_t c, double *lo, double *hi)
{
    const struct crm_criterion *crit = &res->ev->set->criteria[c];

    if (crit->kind == CRM_KIND_RATING) {
        *lo = crit->scale_min;
        *hi = crit->scale_max;
        return true;
    }
    if (crit->point_count >= 2) {
        *lo = crit->points[0].x;
        *hi = crit->points[crit->point_count - 1].x;
        return true;
    }
    if (res->range_seen[c]) {
        *lo = res->range_lo[c];
        *hi = res->range_hi[c];
        return *hi > *lo;
    }
    return false;
}

/* What stands behind a known value: the best of its evidence. */
static enum crm_spread_kind basis_of(const struct crm_evaluation *ev,
                                     const struct crm_raw_value *raw)
{
    enum crm_spread_kind best = CRM_SPREAD_UNSOURCED;
    size_t i;

    if (raw->sample) {
        return CRM_SPREAD_SAMPLE;
    }
    if (raw->panel) {
        return CRM_SPREAD_PANEL;
    }
    for (i = 0; i < raw->evidence_count; i++) {
        enum crm_spread_kind k = (enum crm_spread_kind)raw->evidence[i].kind;

        if (best == CRM_SPREAD_UNSOURCED || ev->uncertainty.spread[k] < ev->uncertainty.spread[best]) {
            best = k;
        }
    }
    return best;
}

/* Fill a missing cell's range; false when there is nothing to draw from. */
static bool missing_cell(const struct crm_result *res, struct crm_unknown *cell)
{
    const struct crm_criterion *crit = &res->ev->set->criteria[cell->criterion];
    double lo = 0, hi = 0, at_least = 0;

    if (crit->kind == CRM_KIND_BOOLEAN) {
        return true;
    }
    if (crit->kind == CRM_KIND_CHOICE) {
        return crit->option_count > 0;
    }
    if (!scale_range(res, cell->criterion, &lo, &hi)) {
        return false;
    }
    /* a cost known without its licence is at least that */
    if (crm__result_lower_bound(res, cell->vendor, cell->criterion, &at_least)) {
        lo = fmax(lo, at_least);
        hi = fmax(hi, at_least);
    }
    orient(res, cell, lo, hi);
    cell->has_range = true;
    return hi > lo;
}

/* Fill a known cell's range; false when it cannot move. */
static bool spread_cell(const struct crm_result *res, struct crm_unknown *cell, double sigma)
{
    const struct crm_criterion *crit = &res->ev->set->criteria[cell->criterion];
    double lo = 0, hi = 0, width = 0, a = 0, b = 0;

    if (sigma <= 0) {
        return false;
    }
    if (crit->kind == CRM_KIND_BOOLEAN) {
        cell->flip = fmin(sigma, 1);
        return true;
    }
    if (crit->kind == CRM_KIND_CHOICE) {
        cell->flip = fmin(sigma, 1);
        return crit->option_count > 1;
    }
    if (!scale_range(res, cell->criterion, &lo, &hi)) {
        return false;
    }
    width = hi - lo;
    /* inside the scale, which a value outside it widens to itself */
    a = fmax(fmin(lo, cell->point), cell->point - sigma * width);
    b = fmin(fmax(hi, cell->point), cell->point + sigma * width);
    orient(res, cell, a, b);
    cell->has_range = true;
    return b > a;
}

size_t crm__unknowns_collect(struct crm_arena *arena, const struct crm_result *res,
                             struct crm_unknown **out)
{
    const struct crm_evaluation *ev = res->ev;
    const struct crm_criteria_set *set = ev->set;
    size_t V = res->vendor_count, C = set->criterion_count, v, c, k, n = 0;
    bool *explicit_input = crm__arena_array(arena, V * C + 1, sizeof(bool));
    bool *tested = crm__arena_array(arena, C + 1, sizeof(bool));
    const size_t **orders = crm__arena_array(arena, C + 1, sizeof(*orders));
    struct crm_unknown *cells = NULL;

    for (k = 0; k < ev->uncertain_count; k++) {
        if (ev->uncertain[k].target == CRM_SIM_VENDOR_VALUE) {
            explicit_input[ev->uncertain[k].vendor * C + ev->uncertain[k].index] = true;
        }
    }
    for (k = 0; k < ev->rule_count; k++) {
        tested[ev->rules[k].index] = true;
    }
    for (c = 0; c < C; c++) {
        if (set->criteria[c].kind == CRM_KIND_CHOICE) {
            orders[c] = options_by_value(arena, &set->criteria[c]);
        }
    }
    cells = crm__arena_array(arena, V * C + 1, sizeof(*cells));
    for (v = 0; v < V; v++) {
        for (c = 0; c < C; c++) {
            struct crm_value val = crm__result_value(res, v, c);
            struct crm_unknown *cell = &cells[n];

            if ((res->weights.effective[c] <= 0 && !tested[c]) || explicit_input[v * C + c]) {
                continue;
            }
            memset(cell, 0, sizeof(*cell));
            cell->vendor = v;
            cell->criterion = c;
            cell->order = orders[c];
            cell->derived = set->criteria[c].derived != CRM_DERIVED_NONE;
            if (!val.present) {
                cell->kind = CRM_UNKNOWN_MISSING;
                cell->prior = ev->uncertainty.prior_of ? ev->uncertainty.prior_of[c] : NULL;
                cell->drawn = missing_cell(res, cell) && ev->uncertainty.draw_missing;
                n++;
                continue;
            }
            if (val.raw == NULL) {
                continue; /* derived from the pricing or the projection */
            }
            cell->kind = CRM_UNKNOWN_SPREAD;
            cell->basis = basis_of(ev, val.raw);
            cell->point = val.number;
            cell->option = val.option;
            cell->drawn = spread_cell(res, cell, ev->uncertainty.spread[cell->basis]);
            /* a sample assessment is a question even when it may not
             * move; other known values only when they may */
            if (cell->drawn || cell->basis == CRM_SPREAD_SAMPLE) {
                n++;
            }
        }
    }
    *out = cells;
    return n;
}

/* The option in band @p s (0..1) of equal bands in increasing value. */
static size_t option_at(const struct crm_unknown *cell, size_t m, double s)
{
    size_t band = (size_t)(s * (double)m);

    return cell->order[band < m ? band : m - 1];
}

void crm__unknown_draw(const struct crm_result *res, const struct crm_unknown *cell,
                       double q, double *number, size_t *option)
{
    const struct crm_criterion *crit = &res->ev->set->criteria[cell->criterion];
    double s = q;

    *option = 0;
    if (cell->kind == CRM_UNKNOWN_MISSING && cell->prior != NULL) {
        s = crm__dist_quantile(cell->prior, q);
    }
    switch (crit->kind) {
    case CRM_KIND_BOOLEAN:
        if (cell->kind == CRM_UNKNOWN_MISSING) {
            *number = s < 0.5 ? 0 : 1;
        } else if (cell->point != 0) {
            *number = q < cell->flip ? 0 : 1;
        } else {
            *number = q >= 1 - cell->flip ? 1 : 0;
        }
        return;
    case CRM_KIND_CHOICE: {
        size_t m = crit->option_count, r = 0;
        double edge = 0;

        if (cell->kind == CRM_UNKNOWN_MISSING) {
            *option = option_at(cell, m, s);
        } else {
            /* the option now keeps 1 - flip of the mass and the others
             * share flip, in bands of increasing value */
            for (r = 0; r < m; r++) {
                edge += cell->order[r] == cell->option ? 1 - cell->flip
                                                       : cell->flip / (double)(m - 1);
                if (q < edge) {
                    break;
                }
            }
            *option = cell->order[r < m ? r : m - 1];
        }
        *number = crit->options[*option].value;
        return;
    }
    case CRM_KIND_RATING:
    case CRM_KIND_NUMBER:
        *number = cell->worst + s * (cell->best - cell->worst);
        return;
    }
}

void crm__unknown_range(const struct crm_result *res, const struct crm_unknown *cell,
                        double *u_lo, double *u_hi)
{
    const struct crm_criterion *crit = &res->ev->set->criteria[cell->criterion];
    double x = 0;
    size_t option = 0;

    if (crit->kind != CRM_KIND_BOOLEAN && crit->kind != CRM_KIND_CHOICE &&
        !cell->has_range) {
        /* no scale to draw on: a missing value could be anything, a known
         * one stays where it is */
        if (cell->kind == CRM_UNKNOWN_MISSING) {
            *u_lo = 0;
            *u_hi = 1;
        } else {
            *u_lo = *u_hi = normalised(res, cell->criterion, cell->point);
        }
        return;
    }
    crm__unknown_draw(res, cell, 0, &x, &option);
    *u_lo = normalised(res, cell->criterion, x);
    crm__unknown_draw(res, cell, 1 - 0x1.0p-53, &x, &option);
    *u_hi = normalised(res, cell->criterion, x);
    if (*u_hi < *u_lo) {
        double t = *u_lo;

        *u_lo = *u_hi;
        *u_hi = t;
    }
}
