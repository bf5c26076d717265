/*
 * Sensitivity and robustness of a ranking (see sensitivity.h).
 *
 * The weighted sum is linear in any one weight when the other weights are
 * rescaled proportionally: with effective weight w moved to t,
 *   S_v(t) = 100 t u_v + (1 - t) / (1 - w) (S_v - 100 w u_v),
 * so the weight where two vendors' scores cross is the root of a linear
 * function, found exactly in O(vendors) per criterion.
 */
#include "analysis/sensitivity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "score/score.h"
#include "util/arena.h"
#include "util/strutil.h"

bool crm__same_score(double a, double b)
{
    return crm__round(a, 6) == crm__round(b, 6);
}

/* The rank order key, as score.c ranks: tier (passing first), score as
 * reported, then id. */
static int before(const struct crm_result *res, size_t a, size_t b,
                  const double *score)
{
    const struct crm_vendor_score *x = &res->vendors[a], *y = &res->vendors[b];
    double sa = crm__round(score[a], 6), sb = crm__round(score[b], 6);

    if (x->tier != y->tier) {
        return x->tier > y->tier ? 1 : -1;
    }
    if (sa != sb) {
        return sa > sb ? -1 : 1;
    }
    return strcmp(x->vendor->id, y->vendor->id);
}

/* Where D(t) = alpha t + beta (1 - t) changes sign strictly inside (0, 1):
 * a crossing at an end of the range is only a tie there, not an
 * overtaking. */
static bool crossing(double alpha, double beta, double *t)
{
    if (alpha == beta) {
        return false;
    }
    *t = beta / (beta - alpha);
    return *t > 1e-9 && *t < 1 - 1e-9;
}

/*
 * Stability of one weight. @p part[v] is vendor v's score on the moved
 * item (criterion u x 100, or group score), @p share the item's current
 * weight. Vendor scores are res->vendors[v].score; only vendors in the
 * winner's tier compete (knock-outs and tiers do not move with weights).
 *
 * A vendor tied with the winner now (equal as reported) overtakes it for
 * any move of this weight in the direction where its part is larger: the
 * interval closes at today's weight on that side. A vendor whose part is
 * the same as the winner's stays tied whatever this weight is.
 */
static void stability(const struct crm_result *res, const double *part,
                      double share, size_t winner,
                      struct crm_weight_stability *out)
{
    size_t n = res->vendor_count, i, j;
    double best_gap = INFINITY;

    memset(out, 0, sizeof(*out));
    out->current = share;
    out->lo = 0;
    out->hi = 1;
    out->lo_vendor = CRM_NONE;
    out->hi_vendor = CRM_NONE;
    if (share >= 1 - 1e-12) {
        return;
    }
    for (j = 0; winner != CRM_NONE && j < n; j++) {
        const struct crm_vendor_score *w = &res->vendors[winner];
        const struct crm_vendor_score *o = &res->vendors[j];
        double alpha = 0, beta = 0, t = 0;

        if (j == winner || o->tier != w->tier) {
            continue;
        }
        alpha = part[winner] - part[j];
        if (crm__same_score(w->score, o->score)) {
            /* tied now: the slope of the gap decides the side */
            if (alpha > 0 && share > out->lo) {
                out->lo = share;
                out->lo_vendor = j;
            } else if (alpha < 0 && share < out->hi) {
                out->hi = share;
                out->hi_vendor = j;
            }
            continue;
        }
        beta = ((w->score - share * part[winner]) - (o->score - share * part[j])) /
               (1 - share);
        if (!crossing(alpha, beta, &t)) {
            continue;
        }
        if (t < share && t >= out->lo) {
            out->lo = t;
            out->lo_vendor = j;
        } else if (t > share && t <= out->hi) {
            out->hi = t;
            out->hi_vendor = j;
        }
    }
    /* The first change anywhere in the order: only neighbours can swap
     * first as the weight moves; neighbours tied now part at once. */
    for (i = 0; i + 1 < n; i++) {
        size_t a = res->order[i], b = res->order[i + 1];
        const struct crm_vendor_score *x = &res->vendors[a];
        const struct crm_vendor_score *y = &res->vendors[b];
        double alpha = 0, beta = 0, t = 0;

        if (x->tier != y->tier) {
            continue;
        }
        alpha = part[a] - part[b];
        if (crm__same_score(x->score, y->score)) {
            if (alpha != 0) {
                best_gap = 0;
                out->has_change = true;
                out->change_at = share;
                out->swap_a = a;
                out->swap_b = b;
                break;
            }
            continue;
        }
        beta = ((x->score - share * part[a]) - (y->score - share * part[b])) /
               (1 - share);
        if (!crossing(alpha, beta, &t)) {
            continue;
        }
        if (fabs(t - share) < best_gap) {
            best_gap = fabs(t - share);
            out->has_change = true;
            out->change_at = t;
            out->swap_a = a;
            out->swap_b = b;
        }
    }
}

/* Weight-stability intervals for every criterion weight and group share
 * (see stability), then the smallest single change among them that hands
 * the win to another vendor. That search is skipped under a tie at the
 * top; crm__conclude explains ties instead. Arrays live in @p arena. */
static void weight_stability(struct crm_arena *arena, struct crm_result *res,
                             struct crm_analysis *an)
{
    const struct crm_criteria_set *set = res->ev->set;
    size_t n = res->vendor_count, c, g, v;
    double *part = crm__arena_array(arena, n + 1, sizeof(double));
    double best = INFINITY;

    an->criteria = crm__arena_array(arena, set->criterion_count + 1,
                                    sizeof(*an->criteria));
    an->groups = crm__arena_array(arena, set->group_count + 1,
                                  sizeof(*an->groups));
    for (c = 0; c < set->criterion_count; c++) {
        for (v = 0; v < n; v++) {
            part[v] = 100 * res->vendors[v].criteria[c].normalised;
        }
        stability(res, part, res->weights.effective[c], an->winner,
                  &an->criteria[c]);
    }
    for (g = 0; g < set->group_count; g++) {
        for (v = 0; v < n; v++) {
            part[v] = res->vendors[v].groups[g].score;
        }
        stability(res, part, res->weights.group_share[g], an->winner,
                  &an->groups[g]);
    }
    /* The smallest single change that gives the win to someone else (with
     * a tie at the top, crm__conclude says what separates the tied). */
    for (c = 0; an->tie_count < 2 && c < set->criterion_count + set->group_count; c++) {
        bool group = c >= set->criterion_count;
        const struct crm_weight_stability *s =
            group ? &an->groups[c - set->criterion_count] : &an->criteria[c];
        int side;

        for (side = 0; side < 2; side++) {
            size_t who = side == 0 ? s->lo_vendor : s->hi_vendor;
            double to = side == 0 ? s->lo : s->hi;

            if (who != CRM_NONE && fabs(to - s->current) < best) {
                best = fabs(to - s->current);
                an->has_smallest = true;
                an->smallest_is_group = group;
                an->smallest_index = group ? c - set->criterion_count : c;
                an->smallest_to = to;
                an->smallest_vendor = who;
            }
        }
    }
}

/* Scores without vendor @p skip: relative (min-max) criteria rescale. */
static void scores_without(const struct crm_result *res, size_t skip,
                           double *out)
{
    const struct crm_criteria_set *set = res->ev->set;
    size_t n = res->vendor_count, c, v;

    for (v = 0; v < n; v++) {
        out[v] = res->vendors[v].score;
    }
    for (c = 0; c < set->criterion_count; c++) {
        double lo = 0, hi = 0, w = res->weights.effective[c];
        bool seen = false;

        if (!res->relative[c] || w <= 0) {
            continue;
        }
        for (v = 0; v < n; v++) {
            struct crm_value val = crm__result_value(res, v, c);

            if (v == skip || !val.present) {
                continue;
            }
            lo = seen ? fmin(lo, val.number) : val.number;
            hi = seen ? fmax(hi, val.number) : val.number;
            seen = true;
        }
        for (v = 0; v < n; v++) {
            struct crm_value val = crm__result_value(res, v, c);
            double u = 0;

            if (v == skip || !val.present) {
                continue;
            }
            u = crm__normalise(&set->criteria[c], val.number, lo, hi);
            out[v] += 100 * w * (u - res->vendors[v].criteria[c].normalised) /
                      (res->ev->missing == CRM_MISSING_IGNORE &&
                               res->vendors[v].completeness > 0
                           ? res->vendors[v].completeness
                           : 1);
        }
    }
}

/* Rank positions @p order[0..m) sorted by before(), with insertion sort:
 * n is at most CRM_LOO_MAX_VENDORS and the key needs the result. */
static void sort_order(const struct crm_result *res, size_t *order, size_t m,
                       const double *score)
{
    size_t i, j;

    for (i = 1; i < m; i++) {
        size_t x = order[i];

        for (j = i; j > 0 && before(res, x, order[j - 1], score) < 0; j--) {
            order[j] = order[j - 1];
        }
        order[j] = x;
    }
}

/* Whether @p a and @p b (adjacent in an order) are tied on @p score. */
static bool tied_on(const struct crm_result *res, size_t a, size_t b, const double *score)
{
    return res->vendors[a].tier == res->vendors[b].tier && crm__same_score(score[a], score[b]);
}

/*
 * Leave each vendor out in turn. A reversal is any change among the
 * others: a different order, or a tie made or broken (ties are listed by
 * id in both orders, so the order alone would hide a broken tie).
 */
static void leave_one_out(struct crm_arena *arena, struct crm_result *res,
                          struct crm_analysis *an)
{
    size_t n = res->vendor_count, k, i, j;
    double *score = NULL, *base = NULL;
    size_t *order = NULL;

    if (n > CRM_LOO_MAX_VENDORS || n < 3) {
        return;
    }
    an->loo_done = true;
    an->loo_reversal = crm__arena_array(arena, n, sizeof(bool));
    an->loo_winner = crm__arena_array(arena, n, sizeof(size_t));
    score = crm__arena_array(arena, n, sizeof(double));
    base = crm__arena_array(arena, n, sizeof(double));
    order = crm__arena_array(arena, n, sizeof(size_t));
    for (i = 0; i < n; i++) {
        base[i] = res->vendors[i].score;
    }
    for (k = 0; k < n; k++) {
        size_t m = 0, prev = CRM_NONE;

        scores_without(res, k, score);
        for (i = 0; i < n; i++) {
            if (i != k) {
                order[m++] = i;
            }
        }
        sort_order(res, order, m, score);
        an->loo_winner[k] = res->vendors[order[0]].knocked_out ||
                                    (m > 1 && tied_on(res, order[0], order[1], score))
                                ? CRM_NONE
                                : order[0];
        /* Compare with the original order of the same vendors. */
        for (i = 0, j = 0; i < n; i++) {
            size_t v = res->order[i];

            if (v == k) {
                continue;
            }
            if (v != order[j] ||
                (j > 0 && tied_on(res, prev, v, base) != tied_on(res, order[j - 1], order[j], score))) {
                an->loo_reversal[k] = true;
            }
            prev = v;
            j++;
        }
    }
}

/*
 * TOPSIS on the same normalised values and effective weights, over the
 * vendors that are not knocked out. By default the ideal and anti-ideal
 * are the ends of every criterion's declared scale (normalised 1 and 0),
 * so a vendor's closeness depends on its own values alone and adding or
 * removing a vendor cannot reorder the others. With `verdict.topsis_ideal:
 * data` it is textbook TOPSIS: columns vector-normalised over the vendors
 * and the ideal taken from them (open to rank reversal). Under
 * `missing_values: ignore` a vendor's missing values are left out and its
 * remaining weights rescaled, as in the weighted sum.
 */
static void topsis(struct crm_arena *arena, struct crm_result *res,
                   struct crm_analysis *an)
{
    const struct crm_criteria_set *set = res->ev->set;
    bool data = res->ev->verdict.topsis_data_ideal;
    bool ignore = res->ev->missing == CRM_MISSING_IGNORE;
    size_t n = res->vendor_count, c, v, i, m = 0;
    double *plus = crm__arena_array(arena, n + 1, sizeof(double));
    double *minus = crm__arena_array(arena, n + 1, sizeof(double));
    double *key_main = crm__arena_array(arena, n + 1, sizeof(double));
    double *key_top = crm__arena_array(arena, n + 1, sizeof(double));
    struct crm_rank_key *keys = crm__arena_array(arena, n + 1, sizeof(*keys));

    an->topsis_data_ideal = data;
    an->topsis = crm__arena_array(arena, n + 1, sizeof(double));
    an->topsis_rank = crm__arena_array(arena, n + 1, sizeof(unsigned));
    for (c = 0; c < set->criterion_count; c++) {
        double w = res->weights.effective[c], norm = 0, best = -INFINITY, worst = INFINITY;

        if (w <= 0) {
            continue;
        }
        for (v = 0; data && v < n; v++) {
            const struct crm_criterion_score *cs = &res->vendors[v].criteria[c];

            if (!res->vendors[v].knocked_out && cs->counted) {
                norm += cs->normalised * cs->normalised;
                best = fmax(best, cs->normalised);
                worst = fmin(worst, cs->normalised);
            }
        }
        norm = sqrt(norm);
        for (v = 0; v < n; v++) {
            const struct crm_criterion_score *cs = &res->vendors[v].criteria[c];
            double wv = w, x = cs->normalised, hi = 1, lo = 0;

            if (res->vendors[v].knocked_out || !cs->counted) {
                continue;
            }
            if (ignore) {
                wv = res->vendors[v].completeness > 0 ? w / res->vendors[v].completeness : 0;
            }
            if (data) {
                /* vector-normalised; a column of zeros has nothing to tell */
                x = norm > 0 ? x / norm : 0;
                hi = norm > 0 ? best / norm : 0;
                lo = norm > 0 ? worst / norm : 0;
            }
            plus[v] += wv * wv * (x - hi) * (x - hi);
            minus[v] += wv * wv * (x - lo) * (x - lo);
        }
    }
    for (v = 0; v < n; v++) {
        double dp = sqrt(plus[v]), dm = sqrt(minus[v]);

        if (res->vendors[v].knocked_out) {
            an->topsis[v] = NAN;
            continue;
        }
        an->topsis[v] = dp + dm > 0 ? dm / (dp + dm) : 0.5;
        keys[m].tier = res->vendors[v].tier;
        keys[m].score = crm__round(an->topsis[v], 6);
        keys[m].id = res->vendors[v].vendor->id;
        keys[m].index = v;
        /* tiers apply to both methods alike; ties as reported */
        key_top[m] = keys[m].score - 10.0 * (double)keys[m].tier;
        key_main[m] = crm__round(res->vendors[v].score, 6) - 1000.0 * (double)keys[m].tier;
        m++;
    }
    an->topsis_count = m;
    qsort(keys, m, sizeof(*keys), crm__rank_compare);
    for (i = 0; i < m; i++) {
        an->topsis_rank[keys[i].index] =
            i > 0 && keys[i].tier == keys[i - 1].tier &&
                    keys[i].score == keys[i - 1].score
                ? an->topsis_rank[keys[i - 1].index]
                : (unsigned)(i + 1);
    }
    an->kendall_tau = crm__kendall_tau_b(key_main, key_top, m);
    /* another winner: TOPSIS's first is none of the tied leaders and
     * strictly closer than every one of them */
    an->methods_disagree = false;
    if (an->winner != CRM_NONE && m > 0) {
        size_t top = keys[0].index, k;
        bool among = false, closer = true;

        for (k = 0; k < an->tie_count; k++) {
            among = among || an->tied[k] == top;
            closer = closer && keys[0].score > crm__round(an->topsis[an->tied[k]], 6);
        }
        an->methods_disagree = !among && closer;
    }
}

/*
 * Score against cost; efficient = no other vendor that is not knocked out
 * is at least as good on both and better on one. The cost is the PV of
 * costs whenever there is a finance section (the figure the finance
 * section reports), else the list price per seat-year when the criteria
 * set derives it; a vendor whose price is unknown has no cost here, since
 * an incomplete cost would make it look cheap.
 */
static void frontier(struct crm_arena *arena, struct crm_result *res,
                     struct crm_analysis *an)
{
    const struct crm_criteria_set *set = res->ev->set;
    size_t n = res->vendor_count, v, j, c, lic = CRM_NONE;

    an->value_cost = crm__arena_array(arena, n + 1, sizeof(double));
    an->efficient = crm__arena_array(arena, n + 1, sizeof(bool));
    for (c = 0; c < set->criterion_count; c++) {
        if (set->criteria[c].derived == CRM_DERIVED_LICENCE_COST) {
            lic = c;
        }
    }
    an->value_basis = res->finance != NULL ? CRM_VALUE_PV_COSTS
                      : lic != CRM_NONE    ? CRM_VALUE_LICENCE
                                           : CRM_VALUE_NONE;
    for (v = 0; v < n; v++) {
        an->value_cost[v] = NAN;
        if (an->value_basis == CRM_VALUE_PV_COSTS) {
            if (res->ev->vendors[v]->price_known) {
                an->value_cost[v] = crm__round(res->finance[v].base.summary.tco_pv, 2);
            }
        } else if (an->value_basis == CRM_VALUE_LICENCE) {
            struct crm_value val = crm__result_value(res, v, lic);

            if (val.present) {
                an->value_cost[v] = val.number;
            }
        }
    }
    for (v = 0; v < n; v++) {
        bool dominated = false;

        if (res->vendors[v].knocked_out || isnan(an->value_cost[v])) {
            continue;
        }
        for (j = 0; j < n && !dominated; j++) {
            double sj = res->vendors[j].score, sv = res->vendors[v].score;

            if (j == v || res->vendors[j].knocked_out || isnan(an->value_cost[j])) {
                continue;
            }
            dominated = sj >= sv && an->value_cost[j] <= an->value_cost[v] &&
                        (sj > sv || an->value_cost[j] < an->value_cost[v]);
        }
        an->efficient[v] = !dominated;
    }
}

/* Vendor @p v's base NPV with the inputs moved by @p shift. Only NPV is
 * asked of the projection (full = false), since the tornado and its
 * break-even search call this many times per vendor. */
static double npv_with(struct crm_arena *arena, const struct crm_result *res,
                       size_t v, const struct crm_finance_shift *shift)
{
    const struct crm_evaluation *ev = res->ev;
    const struct crm_vendor *vd = ev->vendors[v];
    struct crm_vendor_finance f;
    struct crm_project_input in;

    /* NPV only: not the IRR and paybacks a full projection computes */
    crm__project_input_point(ev, vd, false, &in);
    crm__project_alloc(arena, ev, vd, &f);
    crm__project_run(ev, vd, &in, shift, &f);
    return f.base.summary.npv;
}

/* The finance tornado per vendor: NPV with each nonzero cost category,
 * benefits and seats scaled by 1 -/+ tornado_range and the rate moved as
 * much (2 points at a zero rate), largest swing first, with where NPV
 * crosses zero (exact, the IRR, or bisection for seats, which round up). */
static void tornado(struct crm_arena *arena, struct crm_result *res,
                    struct crm_analysis *an)
{
    size_t n = res->vendor_count, v, c;
    double r = an->tornado_range;

    if (res->finance == NULL) {
        return;
    }
    an->tornado = crm__arena_array(arena, n + 1, sizeof(*an->tornado));
    for (v = 0; v < n; v++) {
        const struct crm_vendor_finance *f = &res->finance[v];
        struct crm_vendor_tornado *tv = &an->tornado[v];
        struct crm_finance_shift s;
        double total[CRM_COST_CATEGORY_COUNT] = { 0 }, benefits = 0;
        size_t t, k, m = 0;

        tv->npv = f->base.summary.npv;
        tv->bars = crm__arena_array(arena, CRM_COST_CATEGORY_COUNT + 4,
                                    sizeof(*tv->bars));
        for (t = 0; t < f->years; t++) {
            for (c = 0; c < CRM_COST_CATEGORY_COUNT; c++) {
                total[c] += f->base.rows[t].cost[c];
            }
            benefits += f->base.rows[t].benefits;
        }
        for (k = 0; k < CRM_COST_CATEGORY_COUNT + 3; k++) {
            struct crm_tornado_bar *b = &tv->bars[m];
            double slope = 0;

            crm__shift_none(&s);
            if (k < CRM_COST_CATEGORY_COUNT) {
                if (total[k] == 0) {
                    continue;
                }
                b->input = CRM_TORNADO_COST;
                b->category = (int)k;
            } else if (k == CRM_COST_CATEGORY_COUNT) {
                if (benefits == 0) {
                    continue;
                }
                b->input = CRM_TORNADO_BENEFITS;
            } else if (k == CRM_COST_CATEGORY_COUNT + 1) {
                b->input = CRM_TORNADO_SEATS;
            } else {
                b->input = CRM_TORNADO_RATE;
            }
            if (b->input == CRM_TORNADO_RATE) {
                double base = res->ev->discount_rate;
                double step = base > 0 ? base * r : 0.02;

                b->low = base - step;
                b->high = base + step;
                s.has_rate = true;
                s.rate = b->low;
                b->npv_low = npv_with(arena, res, v, &s);
                s.rate = b->high;
                b->npv_high = npv_with(arena, res, v, &s);
                /* the rate where NPV is zero is the IRR, when unique */
                b->has_break_even = f->base.summary.irr.status == CRM_IRR_OK;
                b->break_even = f->base.summary.irr.roots[0];
            } else {
                double *knob = b->input == CRM_TORNADO_COST ? &s.cost[k]
                               : b->input == CRM_TORNADO_BENEFITS ? &s.benefits
                                                                  : &s.seats;

                b->low = 1 - r;
                b->high = 1 + r;
                *knob = b->low;
                b->npv_low = npv_with(arena, res, v, &s);
                *knob = b->high;
                b->npv_high = npv_with(arena, res, v, &s);
                slope = (b->npv_high - b->npv_low) / (b->high - b->low);
                if (b->input != CRM_TORNADO_SEATS && slope != 0) {
                    /* NPV is linear in a cost or benefit multiplier */
                    b->break_even = 1 - tv->npv / slope;
                    b->has_break_even = b->break_even >= 0;
                } else if (b->input == CRM_TORNADO_SEATS) {
                    /* seats round up, so search: bisection on a bracket */
                    double lo = 0.01, hi = 100, nlo = 0, nhi = 0;
                    int it;

                    *knob = lo;
                    nlo = npv_with(arena, res, v, &s);
                    *knob = hi;
                    nhi = npv_with(arena, res, v, &s);
                    if ((nlo < 0) != (nhi < 0)) {
                        for (it = 0; it < 40; it++) {
                            double mid = 0.5 * (lo + hi), nm = 0;

                            *knob = mid;
                            nm = npv_with(arena, res, v, &s);
                            if ((nm < 0) == (nlo < 0)) {
                                lo = mid;
                                nlo = nm;
                            } else {
                                hi = mid;
                            }
                        }
                        b->has_break_even = true;
                        b->break_even = 0.5 * (lo + hi);
                    }
                }
            }
            m++;
        }
        tv->bar_count = m;
        /* largest swing first */
        for (k = 1; k < m; k++) {
            struct crm_tornado_bar x = tv->bars[k];
            double sx = fabs(x.npv_high - x.npv_low);
            size_t j;

            for (j = k; j > 0 && fabs(tv->bars[j - 1].npv_high - tv->bars[j - 1].npv_low) < sx; j--) {
                tv->bars[j] = tv->bars[j - 1];
            }
            tv->bars[j] = x;
        }
        /* The list price at which NPV is zero, when the licence category
         * is the list price alone. */
        for (k = 0; k < m; k++) {
            const struct crm_vendor *vd = res->ev->vendors[v];
            size_t licence_lines = 0, i;

            if (tv->bars[k].input != CRM_TORNADO_COST ||
                tv->bars[k].category != CRM_COST_LICENCE ||
                !tv->bars[k].has_break_even || !vd->pricing.has_list_price) {
                continue;
            }
            for (i = 0; i < vd->plan_count; i++) {
                licence_lines += vd->plan[i].category == CRM_COST_LICENCE;
            }
            if (licence_lines == 1 && strcmp(vd->plan[0].id, "subscription") == 0) {
                tv->has_price_break_even = true;
                tv->price_break_even =
                    vd->pricing.list_price_per_user_month * tv->bars[k].break_even;
            }
        }
    }
}

/*
 * The discount-rate scenario table: every vendor's NPV (unadjusted and
 * risk-adjusted) and PVs at each rate of `finance.rate_scenarios`, by
 * default the rate and 2 and 4 points either side (never below -99%).
 */
static void rate_scenarios(struct crm_arena *arena, struct crm_result *res,
                           struct crm_analysis *an)
{
    const struct crm_evaluation *ev = res->ev;
    const struct crm_finance_settings *fin = &ev->finance;
    size_t n = res->vendor_count, v, k;

    if (res->finance == NULL) {
        return;
    }
    an->scenario_rates = crm__arena_array(arena, CRM_RATE_SCENARIOS_MAX, sizeof(double));
    if (fin->rate_scenario_count > 0) {
        memcpy(an->scenario_rates, fin->rate_scenarios,
               fin->rate_scenario_count * sizeof(double));
        an->scenario_count = fin->rate_scenario_count;
    } else {
        for (k = 0; k < 5; k++) {
            /* rounded, so 0.08 - 0.02 is 0.06 and not 0.060000000000000005 */
            double r = crm__round(ev->discount_rate + 0.02 * ((double)k - 2), 10);

            if (r > -0.99) {
                an->scenario_rates[an->scenario_count++] = r;
            }
        }
    }
    an->scenarios = crm__arena_array(arena, n * an->scenario_count + 1,
                                     sizeof(*an->scenarios));
    for (v = 0; v < n; v++) {
        const struct crm_vendor *vd = ev->vendors[v];
        struct crm_vendor_finance f;
        struct crm_project_input in;
        struct crm_finance_shift s;

        crm__shift_none(&s);
        s.has_rate = true;
        crm__project_input_point(ev, vd, true, &in);
        crm__project_alloc(arena, ev, vd, &f);
        for (k = 0; k < an->scenario_count; k++) {
            struct crm_rate_scenario *out = &an->scenarios[v * an->scenario_count + k];

            s.rate = an->scenario_rates[k];
            crm__project_run(ev, vd, &in, &s, &f);
            out->npv = f.base.summary.npv;
            out->npv_adjusted = f.adjusted.summary.npv;
            out->pv_costs = f.base.summary.tco_pv;
            out->pv_benefits = f.base.summary.pv_benefits;
        }
    }
}

void crm__analyse(struct crm_arena *arena, struct crm_result *res)
{
    struct crm_analysis *an = crm__arena_alloc(arena, sizeof(*an));
    size_t i;

    res->analysis = an;
    an->winner = CRM_NONE;
    an->runner_up = CRM_NONE;
    an->tornado_range = res->ev->finance.sensitivity_range > 0
                            ? res->ev->finance.sensitivity_range
                            : 0.2;
    an->tied = crm__arena_array(arena, res->vendor_count + 1, sizeof(size_t));
    an->runners = crm__arena_array(arena, res->vendor_count + 1, sizeof(size_t));
    for (i = 0; i < res->vendor_count; i++) {
        size_t v = res->order[i];
        const struct crm_vendor_score *vs = &res->vendors[v];

        if (vs->knocked_out || (an->winner != CRM_NONE && vs->tier != res->vendors[an->winner].tier)) {
            continue; /* only the winner's tier competes with it */
        }
        if (an->winner == CRM_NONE) {
            an->winner = v;
        } else if (an->runner_up == CRM_NONE) {
            an->runner_up = v;
        }
        /* vendors equal to the first as reported: a tie; to the second
         * (without a tie): runners-up together */
        if (an->tie_count == 0 || crm__same_score(vs->score, res->vendors[an->winner].score)) {
            an->tied[an->tie_count++] = v;
        } else if (an->tie_count == 1 &&
                   crm__same_score(vs->score, res->vendors[an->runner_up].score)) {
            an->runners[an->runner_count++] = v;
        }
    }
    an->weights_available = res->ev->missing != CRM_MISSING_IGNORE;
    if (an->weights_available) {
        weight_stability(arena, res, an);
    }
    leave_one_out(arena, res, an);
    topsis(arena, res, an);
    frontier(arena, res, an);
    tornado(arena, res, an);
    rate_scenarios(arena, res, an);
    crm__conclude(arena, res);
}
