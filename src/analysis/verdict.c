/*
 * What the analysis concludes (see sensitivity.h and docs/sensitivity.md):
 * what separates tied vendors, where the winner and the runner-up each
 * gain, whether NPV says anything beyond costs, which values are still to
 * be found out and how much each could change, and the verdict itself.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/sensitivity.h"
#include "analysis/simulate.h"
#include "analysis/unknowns.h"
#include "score/score.h"
#include "util/arena.h"
#include "util/strutil.h"

/* ---- ties ---- */

/*
 * For each tied vendor, the single weight whose change puts it alone in
 * first place fastest. With all the tied scores equal now, moving weight
 * w (others rescaled) to t changes the gap between tied vendors a and b
 * by (p_a - p_b) (t - w) / (1 - w), p being their part on that item: so a
 * leads them all when the weight rises if its part is the largest, or
 * falls if it is the smallest, at the slowest of those rates.
 */
static void tie_breaks(struct crm_arena *arena, struct crm_result *res, struct crm_analysis *an)
{
    const struct crm_criteria_set *set = res->ev->set;
    size_t total = set->criterion_count + set->group_count, i, j, k;

    an->tie_breaks = crm__arena_array(arena, an->tie_count + 1, sizeof(*an->tie_breaks));
    for (i = 0; i < an->tie_count; i++) {
        struct crm_tie_break *tb = &an->tie_breaks[i];
        size_t a = an->tied[i];

        tb->vendor = a;
        for (k = 0; an->weights_available && k < total; k++) {
            bool group = k >= set->criterion_count;
            size_t idx = group ? k - set->criterion_count : k;
            double w = group ? res->weights.group_share[idx] : res->weights.effective[idx];
            double up = INFINITY, down = INFINITY, rate = 0, span = 0;
            bool rise = false;

            if (w <= 0 || w >= 1 - 1e-12) {
                continue;
            }
            for (j = 0; j < an->tie_count; j++) {
                size_t b = an->tied[j];
                double pa = group ? res->vendors[a].groups[idx].score
                                  : 100 * res->vendors[a].criteria[idx].normalised;
                double pb = group ? res->vendors[b].groups[idx].score
                                  : 100 * res->vendors[b].criteria[idx].normalised;

                if (b == a) {
                    continue;
                }
                up = fmin(up, (pa - pb) / (1 - w));
                down = fmin(down, (pb - pa) / (1 - w));
            }
            rise = up >= down;
            rate = rise ? up : down;
            /* the fastest; between equally fast, raising a weight where
             * the vendor is stronger reads better than lowering another */
            if (!(rate > 1e-9) ||
                (tb->found && (rate < tb->per_point * 100 - 1e-9 ||
                               (rate <= tb->per_point * 100 + 1e-9 && (tb->rise || !rise))))) {
                continue;
            }
            tb->found = true;
            tb->group = group;
            tb->index = idx;
            tb->rise = rise;
            tb->current = w;
            tb->per_point = rate / 100;
            /* a one-point lead, if the weight can go that far */
            span = 1 / rate;
            tb->to = rise ? (w + span <= 1 ? w + span : NAN) : (w - span >= 0 ? w - span : NAN);
        }
    }
}

/* ---- the lead, both ways ---- */

static int by_points_desc(const void *x, const void *y)
{
    const struct crm_lead_item *a = x, *b = y;

    if (a->points != b->points) {
        return a->points > b->points ? -1 : 1;
    }
    return a->criterion < b->criterion ? -1 : (a->criterion > b->criterion ? 1 : 0);
}

/* Where the winner gains points over the runner-up, and where the
 * runner-up gains over the winner; the sums differ by the lead. */
static void lead(struct crm_arena *arena, struct crm_result *res, struct crm_analysis *an)
{
    size_t C = res->ev->set->criterion_count, c;
    struct crm_lead *l = &an->lead;

    if (an->winner == CRM_NONE || an->runner_up == CRM_NONE) {
        return;
    }
    l->present = true;
    l->a = an->winner;
    l->b = an->runner_up;
    l->for_a = crm__arena_array(arena, C + 1, sizeof(*l->for_a));
    l->for_b = crm__arena_array(arena, C + 1, sizeof(*l->for_b));
    for (c = 0; c < C; c++) {
        double d = res->vendors[l->a].criteria[c].contribution -
                   res->vendors[l->b].criteria[c].contribution;

        if (crm__round(d, 6) > 0) {
            l->for_a[l->count_a].criterion = c;
            l->for_a[l->count_a++].points = d;
            l->gain_a += d;
        } else if (crm__round(d, 6) < 0) {
            l->for_b[l->count_b].criterion = c;
            l->for_b[l->count_b++].points = -d;
            l->gain_b -= d;
        }
    }
    qsort(l->for_a, l->count_a, sizeof(*l->for_a), by_points_desc);
    qsort(l->for_b, l->count_b, sizeof(*l->for_b), by_points_desc);
}

/* ---- costs and returns ---- */

/* Whether every vendor's yearly benefits are the same: then NPV and ROI
 * differ only by costs. */
static bool benefits_identical(const struct crm_result *res)
{
    size_t v, t;

    for (v = 1; v < res->vendor_count; v++) {
        for (t = 0; t < res->finance[v].years; t++) {
            if (fabs(res->finance[v].base.rows[t].benefits - res->finance[0].base.rows[t].benefits) >
                0.005) {
                return false;
            }
        }
    }
    return true;
}

/* Whether @p v runs on the buyer's own servers: free software (nobody
 * hosts it for that price), or no SaaS deployment at all. */
static bool self_hosted(const struct crm_vendor *v)
{
    size_t i;

    if (v->has_pricing && v->pricing.model == CRM_PRICING_FREE) {
        return true;
    }
    for (i = 0; i < v->deployment_count; i++) {
        if (strcmp(v->deployment[i], "saas") == 0) {
            return false;
        }
    }
    return v->deployment_count > 0;
}

/* Self-hosted vendors whose projection has no hosting or no staff cost
 * after year 0: their running costs are understated. */
static void running_costs(struct crm_arena *arena, struct crm_result *res, struct crm_analysis *an)
{
    size_t v, t;

    an->no_running_costs = crm__arena_array(arena, res->vendor_count + 1, sizeof(bool));
    for (v = 0; v < res->vendor_count; v++) {
        double hosting = 0, staff = 0;

        if (!self_hosted(res->ev->vendors[v])) {
            continue;
        }
        for (t = 1; t < res->finance[v].years; t++) {
            hosting += res->finance[v].base.rows[t].cost[CRM_COST_HOSTING];
            staff += res->finance[v].base.rows[t].cost[CRM_COST_INTERNAL_STAFF];
        }
        an->no_running_costs[v] = hosting <= 0 || staff <= 0;
    }
}

/* Another vendor that is not knocked out, priced, with a better
 * risk-adjusted NPV than the winner: how much better, and whether costs
 * or benefits make the difference. */
static void npv_gap(struct crm_result *res, struct crm_analysis *an)
{
    const struct crm_finance_summary *w = NULL;
    size_t v, best = CRM_NONE;

    if (an->winner == CRM_NONE) {
        return;
    }
    w = &res->finance[an->winner].adjusted.summary;
    for (v = 0; v < res->vendor_count; v++) {
        const struct crm_finance_summary *s = &res->finance[v].adjusted.summary;

        if (v == an->winner || res->vendors[v].knocked_out || !res->ev->vendors[v]->price_known) {
            continue;
        }
        if (crm__round(s->npv, 2) > crm__round(w->npv, 2) &&
            (best == CRM_NONE || s->npv > res->finance[best].adjusted.summary.npv)) {
            best = v;
        }
    }
    if (best == CRM_NONE) {
        return;
    }
    an->npv_gap.present = true;
    an->npv_gap.better = best;
    an->npv_gap.npv = res->finance[best].adjusted.summary.npv - w->npv;
    an->npv_gap.costs = w->tco_pv - res->finance[best].adjusted.summary.tco_pv;
    an->npv_gap.benefits = res->finance[best].adjusted.summary.pv_benefits - w->pv_benefits;
}

/* ---- what to find out next ---- */

/* Vendor @p v's score if its value for criterion @p c were normalised to
 * @p u, the others unchanged (exact for every missing-value policy; a
 * min-max criterion's other vendors are not rescaled). */
static double score_if(const struct crm_result *res, size_t v, size_t c, double u)
{
    const struct crm_vendor_score *vs = &res->vendors[v];
    const struct crm_criterion_score *cs = &vs->criteria[c];
    double w = res->weights.effective[c];

    if (res->ev->missing != CRM_MISSING_IGNORE) {
        return vs->score + 100 * w * (u - cs->normalised);
    }
    if (!cs->counted) {
        /* it joins the criteria with data, and the rescaling */
        double known = vs->score * vs->completeness / 100;

        return 100 * (known + w * u) / (vs->completeness + w);
    }
    return vs->completeness > 0 ? vs->score + 100 * w * (u - cs->normalised) / vs->completeness
                                : vs->score;
}

/* Whether a rule on criterion @p c of vendor @p v is unsettled: not
 * verified, or passed on a value that may yet fail it (the worst value
 * the cell may take, @p u_lo, scores below today's). */
static bool rule_at_stake(const struct crm_result *res, size_t v, size_t c,
                          enum crm_unknown_kind kind, double u_lo)
{
    size_t k;

    for (k = 0; k < res->ev->rule_count; k++) {
        const struct crm_rule_outcome *ro = &res->vendors[v].rules[k];

        if (res->ev->rules[k].index != c) {
            continue;
        }
        if (ro->state == CRM_MUST_HAVE_UNVERIFIED ||
            (kind == CRM_UNKNOWN_SPREAD && ro->state == CRM_MUST_HAVE_PASS &&
             u_lo < res->vendors[v].criteria[c].normalised)) {
            return true;
        }
    }
    return false;
}

/*
 * Whether the cell alone could change who ranks first: a tied leader's
 * value could break the tie; the winner's could drop it to or below the
 * runner-up, or fail a must-have; another contender's could lift it to
 * or above the winner (a vendor held back only by must-haves on this
 * criterion counts as a contender).
 */
static bool decisive(const struct crm_result *res, const struct crm_analysis *an,
                     const struct crm_question *q, double u_lo, double u_hi)
{
    const struct crm_vendor_score *vs = &res->vendors[q->vendor];
    size_t k;

    if (an->winner == CRM_NONE || u_hi <= u_lo) {
        return q->must_have && an->winner == q->vendor;
    }
    for (k = 0; k < an->tie_count && an->tie_count > 1; k++) {
        if (an->tied[k] == q->vendor) {
            return true;
        }
    }
    if (q->vendor == an->winner) {
        double rival = an->runner_up != CRM_NONE &&
                               res->vendors[an->runner_up].tier == vs->tier
                           ? res->vendors[an->runner_up].score
                           : -INFINITY;

        return q->must_have ||
               crm__round(score_if(res, q->vendor, q->criterion, u_lo), 6) <= crm__round(rival, 6);
    }
    if (vs->must_have == CRM_MUST_HAVE_FAIL) {
        return false;
    }
    if (vs->tier != res->vendors[an->winner].tier &&
        !(q->must_have && vs->unverified_count == 1)) {
        return false;
    }
    return crm__round(score_if(res, q->vendor, q->criterion, u_hi), 6) >=
           crm__round(res->vendors[an->winner].score, 6);
}

/* A question with what its order needs, so qsort needs no context. */
struct question_key {
    struct crm_question q;
    unsigned rank;           /* its vendor's */
    const char *id;
};

static int question_order(const void *x, const void *y)
{
    const struct question_key *a = x, *b = y;
    double sa = crm__round(a->q.at_stake, 6), sb = crm__round(b->q.at_stake, 6);

    if (a->q.decisive != b->q.decisive) {
        return a->q.decisive ? -1 : 1;
    }
    if (sa != sb) {
        return sa > sb ? -1 : 1;
    }
    if (a->rank != b->rank) {
        return a->rank < b->rank ? -1 : 1;
    }
    if (a->q.vendor != b->q.vendor) {
        return strcmp(a->id, b->id);
    }
    return a->q.criterion < b->q.criterion ? -1 : (a->q.criterion > b->q.criterion ? 1 : 0);
}

/* Missing values and sample assessments, most important first. */
static void questions(struct crm_arena *arena, struct crm_result *res, struct crm_analysis *an)
{
    struct crm_unknown *cells = NULL;
    size_t n = crm__unknowns_collect(arena, res, &cells), i;
    struct question_key *keys = crm__arena_array(arena, n + 1, sizeof(*keys));

    an->questions = crm__arena_array(arena, n + 1, sizeof(*an->questions));
    for (i = 0; i < n; i++) {
        const struct crm_unknown *cell = &cells[i];
        struct crm_question *q = &keys[an->question_count].q;
        double u_lo = 0, u_hi = 0;

        an->unknowns_drawn += cell->drawn;
        if (cell->kind == CRM_UNKNOWN_SPREAD && cell->basis != CRM_SPREAD_SAMPLE) {
            continue;
        }
        crm__unknown_range(res, cell, &u_lo, &u_hi);
        q->vendor = cell->vendor;
        q->criterion = cell->criterion;
        q->kind = cell->kind == CRM_UNKNOWN_MISSING ? CRM_QUESTION_MISSING : CRM_QUESTION_SAMPLE;
        q->at_stake = fabs(score_if(res, q->vendor, q->criterion, u_hi) -
                           score_if(res, q->vendor, q->criterion, u_lo));
        q->must_have = rule_at_stake(res, q->vendor, q->criterion, cell->kind, u_lo);
        q->decisive = decisive(res, an, q, u_lo, u_hi);
        keys[an->question_count].rank = res->vendors[q->vendor].rank;
        keys[an->question_count].id = res->vendors[q->vendor].vendor->id;
        an->question_count++;
    }
    qsort(keys, an->question_count, sizeof(*keys), question_order);
    for (i = 0; i < an->question_count; i++) {
        an->questions[i] = keys[i].q;
    }
}

/* ---- the verdict ---- */

/* The fragile rules, in order (docs/sensitivity.md): the text key of the
 * reports' languages and the English of the JSON report. */
enum verdict_failure { NO_WINNER, NO_WEIGHTS, SMALL_WEIGHT_CHANGE, LEAVE_ONE_OUT, TOPSIS };

static void fragile(struct crm_analysis *an, enum verdict_failure failure)
{
    static const struct {
        const char *key, *text;
    } rules[] = {
        { "verdict_no_winner", "no vendor passes every must-have" },
        { "verdict_no_weights",
          "weight sensitivity is not available under the 'ignore' missing-value policy" },
        { "verdict_weight", "a change of less than 5 percentage points in one weight "
                            "changes the winner" },
        { "verdict_loo", "removing another vendor changes the winner" },
        { "verdict_topsis", "TOPSIS names another winner" },
    };

    an->robustness = CRM_VERDICT_FRAGILE;
    an->verdict_key = rules[failure].key;
    an->verdict_rule = rules[failure].text;
}

/* Robust, fragile or tie, on the data as they are. */
static void robustness(struct crm_result *res, struct crm_analysis *an)
{
    size_t k;

    an->robustness = CRM_VERDICT_ROBUST;
    if (an->winner == CRM_NONE) {
        fragile(an, NO_WINNER);
        return;
    }
    if (an->tie_count > 1) {
        an->robustness = CRM_VERDICT_TIE;
        return;
    }
    if (!an->weights_available) {
        fragile(an, NO_WEIGHTS);
        return;
    }
    if (an->has_smallest) {
        double now = an->smallest_is_group ? an->groups[an->smallest_index].current
                                           : an->criteria[an->smallest_index].current;

        if (fabs(an->smallest_to - now) < CRM_FRAGILE_WEIGHT_CHANGE) {
            fragile(an, SMALL_WEIGHT_CHANGE);
            return;
        }
    }
    for (k = 0; an->loo_done && k < res->vendor_count; k++) {
        if (k != an->winner && an->loo_winner[k] != an->winner) {
            fragile(an, LEAVE_ONE_OUT);
            return;
        }
    }
    if (an->methods_disagree) {
        fragile(an, TOPSIS);
    }
}

/* The evidence rules: too little weight on data for the winner or the
 * runner-up, or must-haves of a leader not verified. */
static unsigned evidence_rules(const struct crm_result *res, const struct crm_analysis *an)
{
    double min = res->ev->verdict.min_completeness;
    unsigned bits = 0;
    size_t k;

    if (an->winner == CRM_NONE) {
        return 0;
    }
    if (res->vendors[an->winner].completeness < min ||
        (an->runner_up != CRM_NONE && res->vendors[an->runner_up].completeness < min)) {
        bits |= CRM_PRELIM_COMPLETENESS;
    }
    for (k = 0; k < an->tie_count; k++) {
        if (res->vendors[an->tied[k]].must_have == CRM_MUST_HAVE_UNVERIFIED) {
            bits |= CRM_PRELIM_UNVERIFIED;
        }
    }
    return bits;
}

void crm__verdict_update(struct crm_result *res)
{
    struct crm_analysis *an = res->analysis;
    const struct crm_simulation *sim = res->simulation;
    double best = 0;
    size_t k;

    an->preliminary = evidence_rules(res, an);
    if (sim != NULL && an->winner != CRM_NONE) {
        /* the leader's chance; with a tie, the chance that one of the
         * tied vendors comes first (a dead heat splits it between them) */
        for (k = 0; k < an->tie_count; k++) {
            best += sim->vendors[an->tied[k]].p_first;
        }
        if (crm__round(best, 6) < res->ev->verdict.min_p_first) {
            an->preliminary |= CRM_PRELIM_SIMULATION;
        }
    }
    an->verdict = an->preliminary != 0 ? CRM_VERDICT_PRELIMINARY : an->robustness;
}

void crm__conclude(struct crm_arena *arena, struct crm_result *res)
{
    struct crm_analysis *an = res->analysis;

    if (an->tie_count > 1) {
        tie_breaks(arena, res, an);
    }
    lead(arena, res, an);
    if (res->finance != NULL) {
        an->benefits_identical = benefits_identical(res);
        running_costs(arena, res, an);
        npv_gap(res, an);
    }
    questions(arena, res, an);
    robustness(res, an);
    crm__verdict_update(res);
}
