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

/* Vendor @p v's part on item @p idx: 100 x normalised value of a
 * criterion, or a group's score. */
static double part_of(const struct crm_result *res, size_t v, bool group, size_t idx)
{
    return group ? res->vendors[v].groups[idx].score
                 : 100 * res->vendors[v].criteria[idx].normalised;
}

/*
 * How far item @p idx's weight can move from @p w (up when @p rise)
 * before a vendor outside the tie, in the leaders' tier, overtakes tied
 * vendor @p a: the weight of the first crossing, or NAN when none comes
 * before the end of the range. Scores are linear in the weight, so each
 * vendor crosses at most once.
 */
static double first_outsider(const struct crm_result *res, const struct crm_analysis *an,
                             size_t a, bool group, size_t idx, double w, bool rise)
{
    double limit = NAN, pa = part_of(res, a, group, idx);
    size_t o, k;

    for (o = 0; o < res->vendor_count; o++) {
        const struct crm_vendor_score *vo = &res->vendors[o];
        bool tied = false;
        double po = 0, alpha = 0, beta = 0, t = 0;

        for (k = 0; k < an->tie_count; k++) {
            tied = tied || an->tied[k] == o;
        }
        if (tied || vo->tier != res->vendors[a].tier) {
            continue;
        }
        po = part_of(res, o, group, idx);
        /* D(t) = alpha t + beta (1 - t), positive now */
        alpha = pa - po;
        beta = ((res->vendors[a].score - w * pa) - (vo->score - w * po)) / (1 - w);
        if (alpha == beta) {
            continue;
        }
        t = beta / (beta - alpha);
        if ((rise && t > w && t < 1) || (!rise && t < w && t > 0)) {
            if (isnan(limit) || (rise ? t < limit : t > limit)) {
                limit = t;
            }
        }
    }
    return limit;
}

/*
 * For each tied vendor, the single weight whose change puts it alone in
 * first place fastest. With all the tied scores equal now, moving weight
 * w (others rescaled) to t changes the gap between tied vendors a and b
 * by (p_a - p_b) (t - w) / (1 - w), p being their part on that item: so a
 * leads them all when the weight rises if its part is the largest, or
 * falls if it is the smallest, at the slowest of those rates. The lead
 * holds only until a vendor outside the tie overtakes (lead_until), and
 * the weight of a one-point lead is given only when it comes before that.
 * Not computed under `missing_values: ignore` (scores are not linear in
 * the weights there).
 */
static void tie_breaks(struct crm_arena *arena, struct crm_result *res, struct crm_analysis *an)
{
    const struct crm_criteria_set *set = res->ev->set;
    size_t total = set->criterion_count + set->group_count, i, j, k;

    if (!an->weights_available) {
        return;
    }
    an->tie_breaks = crm__arena_array(arena, an->tie_count + 1, sizeof(*an->tie_breaks));
    for (i = 0; i < an->tie_count; i++) {
        struct crm_tie_break *tb = &an->tie_breaks[i];
        size_t a = an->tied[i];

        tb->vendor = a;
        tb->identical = true;
        for (k = 0; k < total; k++) {
            bool group = k >= set->criterion_count;
            size_t idx = group ? k - set->criterion_count : k;
            double w = group ? res->weights.group_share[idx] : res->weights.effective[idx];
            double up = INFINITY, down = INFINITY, rate = 0, span = 0;
            bool rise = false;

            if (w <= 0) {
                continue;
            }
            for (j = 0; j < an->tie_count; j++) {
                size_t b = an->tied[j];
                double pa = part_of(res, a, group, idx), pb = part_of(res, b, group, idx);

                if (b == a) {
                    continue;
                }
                tb->identical = tb->identical && crm__round(pa - pb, 9) == 0;
                if (w < 1 - 1e-12) {
                    up = fmin(up, (pa - pb) / (1 - w));
                    down = fmin(down, (pb - pa) / (1 - w));
                }
            }
            if (w >= 1 - 1e-12) {
                continue;
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
            tb->lead_until = first_outsider(res, an, a, group, idx, w, rise);
            /* a one-point lead, if the weight gets there before the end
             * of the range and before an outsider overtakes */
            span = 1 / rate;
            tb->to = rise ? w + span : w - span;
            if (tb->to < 0 || tb->to > 1 ||
                (!isnan(tb->lead_until) && (rise ? tb->to > tb->lead_until
                                                 : tb->to < tb->lead_until))) {
                tb->to = NAN;
            }
        }
    }
}

/* ---- the lead, both ways ---- */

/* qsort order for lead items: most points first, then criterion order, so
 * equal points list the same way on every run. */
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

    if (an->winner == CRM_NONE || an->runner_up == CRM_NONE || an->tie_count > 1) {
        return; /* a tie has no leader to explain */
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

/* Self-hosted vendors whose running costs are understated: no hosting
 * cost after year 0 (CRM_RUNNING_NO_HOSTING), or no administration or
 * support line of their own (CRM_RUNNING_NO_ADMIN): the organisation's
 * staff lines every vendor shares do not run a server. */
static void running_costs(struct crm_arena *arena, struct crm_result *res, struct crm_analysis *an)
{
    size_t v, t, i;

    an->no_running_costs = crm__arena_array(arena, res->vendor_count + 1, sizeof(unsigned));
    for (v = 0; v < res->vendor_count; v++) {
        const struct crm_vendor *vd = res->ev->vendors[v];
        double hosting = 0;
        bool admin = false;

        if (!self_hosted(vd)) {
            continue;
        }
        for (t = 1; t < res->finance[v].years; t++) {
            hosting += res->finance[v].base.rows[t].cost[CRM_COST_HOSTING];
        }
        for (i = 0; i < vd->plan_count; i++) {
            const struct crm_cost_line *l = &vd->plan[i];

            admin = admin || ((l->category == CRM_COST_INTERNAL_STAFF ||
                               l->category == CRM_COST_SUPPORT) &&
                              strcmp(l->origin, "evaluation") != 0 &&
                              strcmp(l->origin, "pricing") != 0);
        }
        an->no_running_costs[v] = (hosting <= 0 ? CRM_RUNNING_NO_HOSTING : 0) |
                                  (admin ? 0 : CRM_RUNNING_NO_ADMIN);
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
 * verified; or, for a value that may be off, passed on a value whose
 * worst (@p u_lo) scores below today's, or failed on one whose best
 * (@p u_hi) scores above. @p failing counts the failed rules on @p c. */
static bool rule_at_stake(const struct crm_result *res, size_t v, size_t c,
                          enum crm_unknown_kind kind, double u_lo, double u_hi, size_t *failing)
{
    double now = res->vendors[v].criteria[c].normalised;
    bool at_stake = false;
    size_t k;

    *failing = 0;
    for (k = 0; k < res->ev->rule_count; k++) {
        const struct crm_rule_outcome *ro = &res->vendors[v].rules[k];

        if (res->ev->rules[k].index != c) {
            continue;
        }
        *failing += ro->state == CRM_MUST_HAVE_FAIL;
        at_stake = at_stake || ro->state == CRM_MUST_HAVE_UNVERIFIED ||
                   (kind == CRM_UNKNOWN_SPREAD && ro->state == CRM_MUST_HAVE_PASS && u_lo < now) ||
                   (kind == CRM_UNKNOWN_SPREAD && ro->state == CRM_MUST_HAVE_FAIL && u_hi > now);
    }
    return at_stake;
}

/*
 * Whether the cell alone could change who ranks first: a tied leader's
 * value could break the tie; the winner's could drop it to or below the
 * runner-up, or fail a must-have; another contender's could lift it to
 * or above the winner (a vendor held back only by must-haves on this
 * criterion counts as a contender).
 */
static bool decisive(const struct crm_result *res, const struct crm_analysis *an,
                     const struct crm_question *q, double u_lo, double u_hi, size_t failing)
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
    /* held back only by must-haves on this criterion, which this value
     * could settle: a contender all the same */
    if (vs->must_have == CRM_MUST_HAVE_FAIL && !(q->must_have && failing == vs->knockout_count)) {
        return false;
    }
    if (vs->tier != res->vendors[an->winner].tier && vs->must_have != CRM_MUST_HAVE_FAIL &&
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

/* qsort order for questions: decisive ones first, then those that could
 * settle a must-have, then by points at stake (rounded to 6 places so
 * float noise does not reorder), then vendor rank, vendor id and
 * criterion, which makes the order total and the reports reproducible. */
static int question_order(const void *x, const void *y)
{
    const struct question_key *a = x, *b = y;
    double sa = crm__round(a->q.at_stake, 6), sb = crm__round(b->q.at_stake, 6);

    if (a->q.decisive != b->q.decisive) {
        return a->q.decisive ? -1 : 1;
    }
    if (a->q.must_have != b->q.must_have) {
        return a->q.must_have ? -1 : 1;
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
        size_t failing = 0;

        an->unknowns_drawn += cell->drawn;
        crm__unknown_range(res, cell, &u_lo, &u_hi);
        q->must_have = rule_at_stake(res, cell->vendor, cell->criterion, cell->kind, u_lo, u_hi,
                                     &failing);
        /* missing values and sample assessments; other known values only
         * where they could settle a must-have the other way */
        if (cell->kind == CRM_UNKNOWN_SPREAD && cell->basis != CRM_SPREAD_SAMPLE &&
            !(q->must_have && cell->drawn)) {
            continue;
        }
        q->vendor = cell->vendor;
        q->criterion = cell->criterion;
        q->kind = cell->kind == CRM_UNKNOWN_MISSING        ? CRM_QUESTION_MISSING
                  : cell->basis == CRM_SPREAD_SAMPLE ? CRM_QUESTION_SAMPLE
                                                     : CRM_QUESTION_EVIDENCE;
        q->basis = cell->basis;
        q->at_stake = fabs(score_if(res, q->vendor, q->criterion, u_hi) -
                           score_if(res, q->vendor, q->criterion, u_lo));
        q->decisive = decisive(res, an, q, u_lo, u_hi, failing);
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

/* Mark the verdict fragile for @p failure, with its text key and English
 * text (static strings, not owned). */
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

/* The vendors the evidence rules look at: the leaders (one, or all the
 * tied) and, without a tie, every runner-up. Into @p out; the count. */
size_t crm__verdict_subjects(const struct crm_analysis *an, size_t *out)
{
    size_t n = 0, k;

    for (k = 0; k < an->tie_count; k++) {
        out[n++] = an->tied[k];
    }
    for (k = 0; an->tie_count == 1 && k < an->runner_count; k++) {
        out[n++] = an->runners[k];
    }
    return n;
}

/* The evidence rules: too little of a leader's or runner-up's weight on
 * data other than sample assessments, or must-haves of a leader not
 * verified. */
static unsigned evidence_rules(const struct crm_result *res, const struct crm_analysis *an)
{
    double min = res->ev->verdict.min_evidence;
    size_t *who = NULL, n = 0, k;
    unsigned bits = 0;

    if (an->winner == CRM_NONE) {
        return 0;
    }
    who = crm__arena_array(res->arena, res->vendor_count + 1, sizeof(*who));
    n = crm__verdict_subjects(an, who);
    for (k = 0; k < n; k++) {
        if (res->vendors[who[k]].evidence < min) {
            bits |= CRM_PRELIM_EVIDENCE;
        }
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
