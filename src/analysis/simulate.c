/*
 * The uncertainty simulation (see simulate.h). Draws first, in one pass
 * that depends only on the seed; then the trials, on worker threads, each
 * thread with its own copies of what a trial changes (weights, normalised
 * values, cost lines, benefits, projection buffers), allocated once.
 */
#include "analysis/simulate.h"

#include <math.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "analysis/random.h"
#include "analysis/sensitivity.h"
#include "analysis/unknowns.h"
#include "util/threads.h"
#include "score/score.h"
#include "util/arena.h"
#include "util/strutil.h"

struct sim {
    struct crm_result *res;
    const struct crm_evaluation *ev;
    const struct crm_criteria_set *set;
    size_t n, k, vendors, criteria;
    const struct crm_sim_input *inputs;
    double *draws;            /* k x n: input k's draws are a column (Latin
                                 hypercube or correlated inputs only) */
    /* Monte Carlo without correlations: no table of draws. Each thread
     * draws a block of SIM_BLOCK trials at a time from every input's
     * stream, restarted where the block starts (ckpt[block x k + input]),
     * so a trial's draws are the same whichever thread runs it. */
    bool blocked;
    struct crm_rng *ckpt;
    size_t blocks;
    struct crm_unknown *cells;/* values drawn for what is not known */
    size_t cell_count;
    double *score, *npv, *tco;/* vendors x n: a vendor's trials are a column */
    unsigned short *rank;     /* vendors x n */
    unsigned short *firsts;   /* [n]: vendors ranked first in each trial */
    bool *dynamic;            /* [criteria]: recomputed each trial */
    bool *relative;           /* [criteria]: dynamic, and min-max normalised
                                 over the vendors (else per value) */
    crm_must_have_status *static_status; /* [vendors]: on the rules whose
                                          * values do not move */
    size_t tco_c, pv_c;       /* derived finance criteria, or CRM_NONE */
    bool finance;
    bool weights_vary;
    size_t *id_rank;          /* [vendors]: position in id order */
    /* [k]: a vendor's value on a rating's fixed scale normalises as
     * (x - scale_lo) / scale_span, as crm__normalise does, inline */
    bool *on_scale;
    double *scale_lo, *scale_span;
    size_t *value_at;         /* [k]: vendor x criteria + criterion, or CRM_NONE */
    size_t fin_figures;       /* FIN_FIGURES, or 2 (NPV and TCO) when no
                                 criterion is derived from the finances */
    /* Linear finances (linear_setup): a trial's NPV, TCO and derived
     * criteria are the point figures plus slope x (draw - point value) for
     * each drawn cost amount or benefit parameter, instead of a projection. */
    bool linear;
    size_t fin_count, *fin_input;   /* [fin_count]: index into inputs */
    double *fin_point;              /* [fin_count] */
    double *point, *slope;          /* [vendors x 4], [vendors x 4 x fin_count] */
};

/* the figures a trial takes from the finances, in point[] and slope[] */
enum { FIN_NPV, FIN_TCO, FIN_PER_SEAT, FIN_PV, FIN_FIGURES };

/* Trials a worker draws and runs at a time: 129 inputs' draws of a block
 * (264 KB) stay in the core's cache while its trials read them. */
#define SIM_BLOCK 256
/* A block's rows are this far apart: 2 KB apart, every row of a trial's
 * draws would fall in the same few sets of the L1 cache and evict each
 * other; 33 cache lines apart they spread over all of them. */
#define SIM_STRIDE (SIM_BLOCK + 8)

struct worker {
    struct sim *s;
    size_t first, last;
    struct crm_arena *arena;
    double *raw_g, *raw_c, *eff, *share_g;
    double *u, *vals;         /* vendors x criteria */
    bool *present;            /* vendors x criteria */
    size_t *option;           /* vendors x criteria: a choice's option */
    double *score;
    enum crm_rank_tier *tier;
    struct crm_rank_key *keys; /* [vendors], for ranking many vendors */
    size_t *order;
    struct crm_cost_line **plans;
    struct crm_benefit_line *benefits;
    struct crm_vendor_finance *fin;
    double *figures;          /* [vendors x FIN_FIGURES], this trial's */
    double *x;                /* [k], this trial's draws */
    double *block;            /* [k x SIM_STRIDE]: blocked draws */
    double *ublock;           /* [k x SIM_STRIDE]: their normalised values
                                 (inputs on a rating's scale) */
    double *dx;               /* [fin_count]: draw - point value */
    /* this block's results, [vendors x SIM_STRIDE], copied to the columns */
    double *o_score, *o_npv, *o_tco;
    unsigned short *o_rank;
    const crm_simulate_options *opts;
    crm_status status;
};

/* ---- trials ---- */

/* Set the worker's effective criterion weights for a trial whose draws are
 * x: drawn group and criterion weights replace the evaluation's, then each
 * group's share is split over its criteria in proportion to their weights. */
static void weights_for(struct worker *w, const double *x)
{
    struct sim *s = w->s;
    const struct crm_criteria_set *set = s->set;
    double total = 0;
    size_t g, c, k;

    memcpy(w->raw_g, s->res->weights.group_raw, set->group_count * sizeof(double));
    memcpy(w->raw_c, s->res->weights.criterion_raw, s->criteria * sizeof(double));
    for (k = 0; k < s->k; k++) {
        if (s->inputs[k].target == CRM_SIM_WEIGHT) {
            if (s->inputs[k].group) {
                w->raw_g[s->inputs[k].index] = x[k];
            } else {
                w->raw_c[s->inputs[k].index] = x[k];
            }
        }
    }
    for (g = 0; g < set->group_count; g++) {
        total += w->raw_g[g];
    }
    for (g = 0; g < set->group_count; g++) {
        const struct crm_group *grp = &set->groups[g];
        double sum = 0;

        w->share_g[g] = total > 0 ? w->raw_g[g] / total : 0;
        for (c = grp->first; c < grp->first + grp->count; c++) {
            sum += w->raw_c[c];
        }
        for (c = grp->first; c < grp->first + grp->count; c++) {
            w->eff[c] = sum > 0 ? w->share_g[g] * w->raw_c[c] / sum : 0;
        }
    }
}

/* Run every vendor's projection with the seats, benefit parameters and cost
 * amounts drawn in x, and keep the figures a trial needs (NPV, TCO, TCO per
 * seat-year, TCO present value) in w->figures. The exact, slow path. */
static void finance_for(struct worker *w, const double *x)
{
    struct sim *s = w->s;
    const struct crm_evaluation *ev = s->ev;
    double seats = ev->org.seats;
    size_t v, k, i;

    for (k = 0; k < s->k; k++) {
        const struct crm_sim_input *in = &s->inputs[k];

        if (in->target == CRM_SIM_SEATS) {
            seats = ceil(x[k] - 1e-9);
        } else if (in->target == CRM_SIM_BENEFIT) {
            *crm__benefit_param(&w->benefits[in->index], in->param) = x[k];
        } else if (in->target == CRM_SIM_COST) {
            /* every line drawn from this distribution, for every vendor */
            for (v = 0; v < s->vendors; v++) {
                const struct crm_vendor *vd = ev->vendors[v];

                for (i = 0; i < vd->plan_count; i++) {
                    if (vd->plan[i].amount_dist == in->dist) {
                        w->plans[v][i].amount = x[k];
                    }
                }
            }
        }
    }
    for (v = 0; v < s->vendors; v++) {
        const struct crm_vendor *vd = ev->vendors[v];
        struct crm_project_input pin;

        pin.plan = w->plans[v];
        pin.plan_count = vd->plan_count;
        pin.benefits = w->benefits;
        pin.benefit_count = ev->finance.benefit_count;
        pin.seats = seats;
        pin.full = false;
        crm__project_run(ev, vd, &pin, NULL, &w->fin[v]);
        w->figures[v * FIN_FIGURES + FIN_NPV] = w->fin[v].base.summary.npv;
        w->figures[v * FIN_FIGURES + FIN_TCO] = w->fin[v].base.summary.tco;
        w->figures[v * FIN_FIGURES + FIN_PER_SEAT] =
            w->fin[v].base.summary.tco_per_seat_year;
        w->figures[v * FIN_FIGURES + FIN_PV] = w->fin[v].base.summary.tco_pv;
    }
}

/* w->figures for draws x from the point figures and slopes linear_setup()
 * found, instead of a projection per vendor: the fast path, exact while the
 * figures are linear in the drawn amounts and parameters. */
static void linear_finance_for(struct worker *w, const double *x)
{
    const struct sim *s = w->s;
    size_t v, f, j;

    for (j = 0; j < s->fin_count; j++) {
        w->dx[j] = x[s->fin_input[j]] - s->fin_point[j];
    }
    for (v = 0; v < s->vendors; v++) {
        for (f = 0; f < s->fin_figures; f++) {
            const double *slope = s->slope + (v * FIN_FIGURES + f) * s->fin_count;
            double sum = s->point[v * FIN_FIGURES + f];

            for (j = 0; j < s->fin_count; j++) {
                sum += slope[j] * w->dx[j];
            }
            w->figures[v * FIN_FIGURES + f] = sum;
        }
    }
}

/* The derived criteria (licence cost per seat-year, PV of costs) follow the
 * trial's finances. */
static void finance_values(struct worker *w)
{
    const struct sim *s = w->s;
    size_t v;

    for (v = 0; v < s->vendors; v++) {
        if (!s->ev->vendors[v]->price_known) {
            continue;
        }
        if (s->tco_c != CRM_NONE) {
            w->vals[v * s->criteria + s->tco_c] =
                crm__round(w->figures[v * FIN_FIGURES + FIN_PER_SEAT], 2);
        }
        if (s->pv_c != CRM_NONE) {
            w->vals[v * s->criteria + s->pv_c] =
                crm__round(w->figures[v * FIN_FIGURES + FIN_PV], 2);
        }
    }
}

/* Trial t, the j-th of its block: input k's draw is xs[k x stride], its
 * normalised value us[k x stride] for an input on a rating's scale (us
 * NULL: normalised here). The inner loop of the simulation, long (about
 * 170 lines) on purpose: the projection, the scores and the ranks of one
 * trial stay in one function the compiler optimises as a whole, with no
 * call per input or per vendor (bench/README.md). */
static void run_trial(struct worker *w, size_t t, size_t j, const double *xs, const double *us,
                      size_t stride)
{
    struct sim *s = w->s;
    const struct crm_evaluation *ev = s->ev;
    const double *x = w->x;
    size_t V = s->vendors, C = s->criteria, v, c, k, i;
    crm_must_have_status status = CRM_MUST_HAVE_PASS;

    for (k = 0; k < s->k; k++) {
        w->x[k] = xs[k * stride];
    }
    if (s->weights_vary) {
        weights_for(w, x);
    }
    /* Re-normalise what moved: a value on a fixed scale by itself, a
     * min-max criterion over this trial's values of all vendors. */
    for (k = 0; k < s->k; k++) {
        const size_t at = s->value_at[k];

        if (at == CRM_NONE) {
            continue;
        }
        w->vals[at] = x[k];
        if (s->on_scale[k]) {
            const double u = us != NULL ? us[k * stride]
                                        : (x[k] - s->scale_lo[k]) / s->scale_span[k];

            w->u[at] = u < 0 ? 0 : (u > 1 ? 1 : u);
        } else if (!s->relative[s->inputs[k].index]) {
            w->u[at] = crm__normalise(&s->set->criteria[s->inputs[k].index], x[k], 0, 0);
        }
    }
    /* what is not known: drawn from each cell's own stream */
    for (k = 0; k < s->cell_count; k++) {
        const struct crm_unknown *cell = &s->cells[k];
        size_t at = cell->vendor * C + cell->criterion;

        crm__unknown_draw(s->res, cell, crm__unknown_variate(cell, t), &w->vals[at],
                          &w->option[at]);
        w->present[at] = true;
        if (!s->relative[cell->criterion]) {
            w->u[at] = crm__normalise(&s->set->criteria[cell->criterion], w->vals[at], 0, 0);
        }
    }
    if (s->finance) {
        if (s->linear) {
            linear_finance_for(w, x);
        } else {
            finance_for(w, x);
        }
        finance_values(w);
    }
    for (c = 0; c < C; c++) {
        const struct crm_criterion *crit = &s->set->criteria[c];
        double lo = 0, hi = 0;
        bool seen = false;

        if (!s->relative[c]) {
            continue;
        }
        for (v = 0; v < V; v++) {
            if (w->present[v * C + c]) {
                double x_v = w->vals[v * C + c];

                lo = !seen || x_v < lo ? x_v : lo;
                hi = !seen || x_v > hi ? x_v : hi;
                seen = true;
            }
        }
        for (v = 0; v < V; v++) {
            if (w->present[v * C + c]) {
                w->u[v * C + c] = crm__normalise(crit, w->vals[v * C + c], lo, hi);
            }
        }
    }
    for (v = 0; v < V; v++) {
        const double *u = w->u + v * C;
        double part[4] = { 0, 0, 0, 0 }, sum = 0, with_data = 0;

        /* four running sums: the loop is bound by the additions' latency */
        for (c = 0; c + 4 <= C; c += 4) {
            part[0] += w->eff[c] * u[c];
            part[1] += w->eff[c + 1] * u[c + 1];
            part[2] += w->eff[c + 2] * u[c + 2];
            part[3] += w->eff[c + 3] * u[c + 3];
        }
        for (; c < C; c++) {
            part[0] += w->eff[c] * u[c];
        }
        sum = (part[0] + part[1]) + (part[2] + part[3]);
        if (ev->missing == CRM_MISSING_IGNORE) {
            for (c = 0; c < C; c++) {
                with_data += w->present[v * C + c] ? w->eff[c] : 0;
            }
            sum = with_data > 0 ? sum / with_data : 0;
        }
        w->score[v] = crm__round(100 * sum, 6);
        /* must-haves on values that move; the others as in the point run */
        status = s->static_status[v];
        for (k = 0; k < ev->rule_count && status != CRM_MUST_HAVE_FAIL; k++) {
            const struct crm_rule *rule = &ev->rules[k];
            struct crm_rule_outcome out;
            struct crm_value val;

            if (!s->dynamic[rule->index]) {
                continue;
            }
            if (!w->present[v * C + rule->index]) {
                out.state = s->res->vendors[v].rules[k].state;
            } else {
                val = crm__result_value(s->res, v, rule->index);
                val.present = true;
                val.number = w->vals[v * C + rule->index];
                val.option = w->option[v * C + rule->index];
                crm__rule_check(rule, &s->set->criteria[rule->index], &val, 0, &out);
            }
            status = out.state > status ? out.state : status;
        }
        w->tier[v] = crm__tier(status, ev->unverified);
        w->order[v] = v;
    }
    /* rank: passing first, by score, ties by id (insertion sort while V
     * is small, qsort beyond) */
    if (V > 16) {
        for (v = 0; v < V; v++) {
            w->keys[v].tier = w->tier[v];
            w->keys[v].score = w->score[v];
            w->keys[v].id = ev->vendors[v]->id;
            w->keys[v].index = v;
        }
        qsort(w->keys, V, sizeof(*w->keys), crm__rank_compare);
        for (v = 0; v < V; v++) {
            w->order[v] = w->keys[v].index;
        }
    }
    for (i = 1; V <= 16 && i < V; i++) {
        size_t a = w->order[i], m;

        for (m = i; m > 0; m--) {
            size_t b = w->order[m - 1];
            bool after = w->tier[b] != w->tier[a]     ? w->tier[b] > w->tier[a]
                         : w->score[b] != w->score[a] ? w->score[b] < w->score[a]
                                                      : s->id_rank[b] > s->id_rank[a];

            if (!after) {
                break;
            }
            w->order[m] = b;
        }
        w->order[m] = a;
    }
    s->firsts[t] = 0;
    for (i = 0; i < V; i++) {
        size_t a = w->order[i];
        unsigned short r = (unsigned short)(i + 1);

        if (i > 0) {
            size_t b = w->order[i - 1];

            if (w->tier[a] == w->tier[b] && w->score[a] == w->score[b]) {
                r = w->o_rank[b * SIM_STRIDE + j];
            }
        }
        s->firsts[t] += r == 1;
        w->o_rank[a * SIM_STRIDE + j] = r;
        w->o_score[a * SIM_STRIDE + j] = w->score[a];
        w->o_npv[a * SIM_STRIDE + j] = s->finance ? w->figures[a * FIN_FIGURES + FIN_NPV] : 0;
        w->o_tco[a * SIM_STRIDE + j] = s->finance ? w->figures[a * FIN_FIGURES + FIN_TCO] : 0;
    }
}

/* The draws of block b: each input's stream from its checkpoint, as
 * draw_columns would have drawn them into the table; and the values on a
 * rating's scale normalised, (x - lo) / span as crm__normalise does it
 * (run_trial clamps them). */
static void draw_block(const struct sim *s, size_t b, double *block, double *ublock)
{
    size_t first = b * SIM_BLOCK, len = s->n - first < SIM_BLOCK ? s->n - first : SIM_BLOCK;
    size_t k, i;

    for (k = 0; k < s->k; k++) {
        struct crm_rng rng = s->ckpt[b * s->k + k];
        double *col = block + k * SIM_STRIDE;

        crm__rng_fill_open(&rng, col, len);
        crm__dist_quantiles(s->inputs[k].dist, col, len);
        if (s->inputs[k].target == CRM_SIM_SEATS) {
            for (i = 0; i < len; i++) {
                col[i] = ceil(col[i] - 1e-9); /* whole seats */
            }
        }
        if (s->on_scale[k]) {
            const double lo = s->scale_lo[k], span = s->scale_span[k];
            double *ucol = ublock + k * SIM_STRIDE;

            for (i = 0; i < len; i++) {
                ucol[i] = (col[i] - lo) / span;
            }
        }
    }
}

/* Give worker ctx its own copies of what a trial changes (weights, values,
 * cost plans, benefits, projection buffers) and its output blocks, all from
 * arena, once before the trials so that they allocate nothing. */
static crm_status worker_setup(struct crm_arena *arena, void *ctx)
{
    struct worker *w = ctx;
    struct sim *s = w->s;
    const struct crm_evaluation *ev = s->ev;
    size_t V = s->vendors, C = s->criteria, v, c;

    w->x = crm__arena_array(arena, s->k + 1, sizeof(double));
    w->dx = crm__arena_array(arena, s->k + 1, sizeof(double));
    w->raw_g = crm__arena_array(arena, s->set->group_count + 1, sizeof(double));
    w->raw_c = crm__arena_array(arena, C + 1, sizeof(double));
    w->share_g = crm__arena_array(arena, s->set->group_count + 1, sizeof(double));
    w->eff = crm__arena_array(arena, C + 1, sizeof(double));
    memcpy(w->eff, s->res->weights.effective, C * sizeof(double));
    w->u = crm__arena_array(arena, V * C + 1, sizeof(double));
    w->vals = crm__arena_array(arena, V * C + 1, sizeof(double));
    w->present = crm__arena_array(arena, V * C + 1, sizeof(bool));
    w->option = crm__arena_array(arena, V * C + 1, sizeof(size_t));
    w->score = crm__arena_array(arena, V + 1, sizeof(double));
    w->tier = crm__arena_array(arena, V + 1, sizeof(*w->tier));
    w->keys = crm__arena_array(arena, V + 1, sizeof(*w->keys));
    w->order = crm__arena_array(arena, V + 1, sizeof(size_t));
    w->o_score = crm__arena_array(arena, V * SIM_STRIDE, sizeof(double));
    w->o_npv = crm__arena_array(arena, V * SIM_STRIDE, sizeof(double));
    w->o_tco = crm__arena_array(arena, V * SIM_STRIDE, sizeof(double));
    w->o_rank = crm__arena_array(arena, V * SIM_STRIDE, sizeof(unsigned short));
    if (s->blocked) {
        w->block = crm__arena_array(arena, s->k * SIM_STRIDE + 1, sizeof(double));
        w->ublock = crm__arena_array(arena, s->k * SIM_STRIDE + 1, sizeof(double));
    }
    for (v = 0; v < V; v++) {
        for (c = 0; c < C; c++) {
            struct crm_value val = crm__result_value(s->res, v, c);

            w->u[v * C + c] = s->res->vendors[v].criteria[c].normalised;
            w->present[v * C + c] = val.present;
            w->vals[v * C + c] = val.number;
            w->option[v * C + c] = val.option;
        }
    }
    if (s->finance) {
        w->figures = crm__arena_array(arena, V * FIN_FIGURES + 1, sizeof(double));
        w->plans = crm__arena_array(arena, V + 1, sizeof(*w->plans));
        w->fin = crm__arena_array(arena, V + 1, sizeof(*w->fin));
        w->benefits = crm__arena_array(arena, ev->finance.benefit_count + 1,
                                       sizeof(*w->benefits));
        if (ev->finance.benefit_count > 0) {
            memcpy(w->benefits, ev->finance.benefits,
                   ev->finance.benefit_count * sizeof(*w->benefits));
        }
        for (v = 0; v < V; v++) {
            const struct crm_vendor *vd = ev->vendors[v];

            w->plans[v] = crm__arena_array(arena, vd->plan_count + 1,
                                           sizeof(**w->plans));
            if (vd->plan_count > 0) {
                memcpy(w->plans[v], vd->plan, vd->plan_count * sizeof(**w->plans));
            }
            crm__project_alloc(arena, ev, vd, &w->fin[v]);
            /* the price being known or not does not change per trial */
            for (c = 0; c < C; c++) {
                if ((c == s->tco_c || c == s->pv_c) && vd->price_known) {
                    w->present[v * C + c] = true;
                }
            }
        }
    }
    return CRM_OK;
}

/* Thread body: run trials [first, last) of worker arg a block at a time
 * and copy each block's scores, NPVs, TCOs and ranks into the vendors'
 * columns; the first worker also reports progress. */
static void *worker_main(void *arg)
{
    struct worker *w = arg;
    struct sim *s = w->s;
    size_t t0, j, v, len, V = s->vendors;

    /* a block of trials at a time (first is a multiple of SIM_BLOCK) */
    for (t0 = w->first; t0 < w->last; t0 += len) {
        len = w->last - t0 < SIM_BLOCK ? w->last - t0 : SIM_BLOCK;
        if (s->blocked) {
            draw_block(s, t0 / SIM_BLOCK, w->block, w->ublock);
        }
        for (j = 0; j < len; j++) {
            if (s->blocked) {
                run_trial(w, t0 + j, j, w->block + j, w->ublock + j, SIM_STRIDE);
            } else {
                run_trial(w, t0 + j, j, s->draws + t0 + j, NULL, s->n);
            }
        }
        /* each vendor's results are a column: summarised without a gather */
        for (v = 0; v < V; v++) {
            memcpy(s->score + v * s->n + t0, w->o_score + v * SIM_STRIDE, len * sizeof(double));
            memcpy(s->npv + v * s->n + t0, w->o_npv + v * SIM_STRIDE, len * sizeof(double));
            memcpy(s->tco + v * s->n + t0, w->o_tco + v * SIM_STRIDE, len * sizeof(double));
            memcpy(s->rank + v * s->n + t0, w->o_rank + v * SIM_STRIDE,
                   len * sizeof(unsigned short));
        }
        /* the first worker reports for all (they run at the same pace) */
        if (w->opts->progress != NULL && w->first == 0 && ((t0 / SIM_BLOCK) & 3) == 3) {
            w->opts->progress((t0 + len) * s->n / (w->last > 0 ? w->last : 1), s->n,
                              w->opts->payload);
        }
    }
    return NULL;
}

/* ---- draws ---- */

/* The draws, shared by the threads: each takes the next column to fill. */
struct draw_job {
    struct sim *s;
    bool lhs;
    struct crm_rng *streams;    /* [k]: input k's, the base jumped k times */
    size_t *order;              /* [k]: columns, costliest first */
    atomic_size_t next;         /* position in order of the next column */
};

/* Thread body: take input columns from the shared queue, costliest first,
 * and fill each with its n draws (or, when blocked, only the stream state
 * where each block starts). */
static void *draw_columns(void *arg)
{
    struct draw_job *job = arg;
    struct sim *s = job->s;
    size_t i, j;

    /* Which thread fills a column does not change its values: input k
     * draws from its own stream, so adding an input does not change the
     * others' draws either. */
    while ((j = atomic_fetch_add(&job->next, 1)) < s->k) {
        size_t k = job->order[j];
        struct crm_rng rng = job->streams[k];
        double *col = s->blocked ? NULL : s->draws + k * s->n;

        if (s->blocked) {
            /* no table: where each block starts in the stream */
            for (i = 0; i < s->blocks; i++) {
                s->ckpt[i * s->k + k] = rng;
                crm__rng_advance(&rng, SIM_BLOCK);
            }
            continue;
        }
        if (job->lhs) {
            crm__lhs_column(&rng, col, s->n);
        } else {
            crm__rng_fill_open(&rng, col, s->n);
        }
        crm__dist_quantiles(s->inputs[k].dist, col, s->n);
    }
    return NULL;
}

/* PERT and normal quantiles are iterative, the others closed forms. */
static bool costly(const struct crm_dist *d)
{
    return d->kind == CRM_DIST_PERT || d->kind == CRM_DIST_NORMAL;
}

/* Draw every uncertain input before the trials, each from its own jumped
 * stream so that the draws depend only on the seed; then impose the
 * requested correlations (Iman-Conover) and round seats up to whole seats.
 * CRM_EINPUT, with a diagnostic, for an unknown or inconsistent correlation. */
static crm_status draw_all(struct crm_arena *arena, struct sim *s, size_t threads,
                           bool lhs, unsigned long long seed, crm_diags *diags)
{
    const struct crm_sim_settings *set = &s->ev->sim;
    struct crm_rng base, rng;
    struct draw_job job;
    size_t i, k, c, pos = 0;

    crm__rng_seed(&base, seed);
    if (threads > s->k) {
        threads = s->k > 0 ? s->k : 1;
    }
    job.s = s;
    job.lhs = lhs;
    job.streams = crm__arena_array(arena, s->k + 1, sizeof(*job.streams));
    job.order = crm__arena_array(arena, s->k + 1, sizeof(size_t));
    atomic_init(&job.next, 0);
    rng = base;
    for (k = 0; k < s->k; k++) {
        job.streams[k] = rng;
        crm__rng_jump(&rng);
        if (costly(s->inputs[k].dist)) {
            job.order[pos++] = k;
        }
    }
    for (k = 0; k < s->k; k++) {
        if (!costly(s->inputs[k].dist)) {
            job.order[pos++] = k;
        }
    }
    crm__run_threads(threads, draw_columns, &job, 0);
    if (s->blocked) {
        return CRM_OK; /* drawn block by block by the workers */
    }
    if (set->correlation_count > 0) {
        double *target = crm__arena_array(arena, s->k * s->k, sizeof(double));
        double *work = crm__arena_array(arena, s->n * s->k * 3 + s->k * s->k * 2,
                                        sizeof(double));
        size_t *iwork = crm__arena_array(arena, s->n * s->k + 1, sizeof(size_t));

        for (k = 0; k < s->k; k++) {
            target[k * s->k + k] = 1;
        }
        for (c = 0; c < set->correlation_count; c++) {
            const struct crm_sim_correlation *corr = &set->correlations[c];
            size_t a = CRM_NONE, b = CRM_NONE;

            for (k = 0; k < s->k; k++) {
                if (strcmp(s->inputs[k].label, corr->a) == 0) {
                    a = k;
                }
                if (strcmp(s->inputs[k].label, corr->b) == 0) {
                    b = k;
                }
            }
            if (a == CRM_NONE || b == CRM_NONE) {
                crm_diags_add(diags, CRM_SEV_ERROR, corr->mark.file, corr->mark.line,
                              corr->mark.column,
                              "correlation names '%s', which is not an uncertain "
                              "input (inputs are named like "
                              "'vendor/group.criterion', 'cost/line', "
                              "'benefit/id/parameter', 'weight/group', 'seats')",
                              a == CRM_NONE ? corr->a : corr->b);
                return CRM_EINPUT;
            }
            target[a * s->k + b] = corr->rho;
            target[b * s->k + a] = corr->rho;
        }
        double *rows = crm__arena_array(arena, s->n * s->k, sizeof(double));
        bool consistent;

        /* Iman-Conover takes the trials x inputs table row by row */
        for (k = 0; k < s->k; k++) {
            for (i = 0; i < s->n; i++) {
                rows[i * s->k + k] = s->draws[k * s->n + i];
            }
        }
        rng = base;
        consistent = crm__iman_conover(rows, s->n, s->k, target, &rng, work, iwork);
        for (k = 0; k < s->k; k++) {
            for (i = 0; i < s->n; i++) {
                s->draws[k * s->n + i] = rows[i * s->k + k];
            }
        }
        if (!consistent) {
            crm_diags_add(diags, CRM_SEV_ERROR, set->mark.file, set->mark.line,
                          set->mark.column,
                          "the correlations given are not consistent (the "
                          "matrix is not positive definite)");
            return CRM_EINPUT;
        }
    }
    /* whole seats */
    for (k = 0; k < s->k; k++) {
        if (s->inputs[k].target == CRM_SIM_SEATS) {
            for (i = 0; i < s->n; i++) {
                s->draws[k * s->n + i] = ceil(s->draws[k * s->n + i] - 1e-9);
            }
        }
    }
    return CRM_OK;
}

/* ---- summary ---- */

/* The place of quantile p among n sorted values: x[i] and x[i + 1] are
 * interpolated. */
static size_t quantile_at(size_t n, double p, double *frac)
{
    double pos = p * (double)(n - 1);
    size_t i = (size_t)floor(pos);

    *frac = pos - (double)i;
    return i;
}

/* The order statistics a column's quantiles read: the least and greatest
 * value and, for each probability, the two values it lies between. */
struct order_stats {
    size_t n, count;
    size_t ranks[2 * (CRM_SIM_CURVE_POINTS + 5) + 2];
    double values[2 * (CRM_SIM_CURVE_POINTS + 5) + 2];
};

static int by_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;

    return x < y ? -1 : x > y;
}

/* Fill os with the order statistics of x[0..n) that the quantiles of
 * ps[0..count) need, plus the least and greatest, by selection rather than
 * a full sort; scratch is crm__select_ranks's. */
static void order_stats_of(struct order_stats *os, const double *x, size_t n,
                           const double *ps, size_t count, double *scratch)
{
    size_t i;

    os->n = n;
    os->count = 0;
    os->ranks[os->count++] = 0;
    os->ranks[os->count++] = n - 1;
    for (i = 0; i < count; i++) {
        double frac = 0;
        size_t at = quantile_at(n, ps[i], &frac);

        os->ranks[os->count++] = at;
        if (at + 1 < n) {
            os->ranks[os->count++] = at + 1;
        }
    }
    qsort(os->ranks, os->count, sizeof(os->ranks[0]), by_size);
    crm__select_ranks(x, n, os->ranks, os->count, os->values, scratch);
}

/* The value a sort would put at rank r (one of os's ranks). */
static double order_stat(const struct order_stats *os, size_t r)
{
    size_t lo = 0, hi = os->count;

    while (lo + 1 < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (os->ranks[mid] <= r) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    return os->values[lo];
}

/* As interpolating x[i] and x[i + 1] of the sorted values. */
static double quantile(const struct order_stats *os, double p)
{
    double frac = 0;
    size_t i = quantile_at(os->n, p, &frac);
    double lo = order_stat(os, i);

    if (i + 1 >= os->n) {
        return order_stat(os, os->n - 1);
    }
    return lo + frac * (order_stat(os, i + 1) - lo);
}

static const double stat_ps[] = { 0.05, 0.10, 0.50, 0.90, 0.95 };

/* Mean, sd and the percentiles of x[0..n) (x is not changed), with the
 * order statistics of ps[0..count) (stat_ps first) left in os. */
static void stats(const double *x, size_t n, const double *ps, size_t count,
                  double *scratch, struct order_stats *os, struct crm_sim_stats *out)
{
    double sum = 0, sq = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        sum += x[i];
    }
    out->mean = sum / (double)n;
    for (i = 0; i < n; i++) {
        sq += (x[i] - out->mean) * (x[i] - out->mean);
    }
    out->sd = n > 1 ? sqrt(sq / (double)(n - 1)) : 0;
    order_stats_of(os, x, n, ps, count, scratch);
    out->p5 = quantile(os, 0.05);
    out->p10 = quantile(os, 0.10);
    out->p50 = quantile(os, 0.50);
    out->p90 = quantile(os, 0.90);
    out->p95 = quantile(os, 0.95);
}

/* Summarise vendor v's trials into sv: share of each rank, chance of
 * ranking first (a tie shares it), score statistics and, with finances,
 * TCO and NPV statistics, the NPV histogram and its quantile curve. */
static void summarise_vendor(const struct sim *s, size_t v, size_t *count,
                             double *scratch, struct crm_sim_vendor *sv)
{
    size_t V = s->vendors, n = s->n, t, b, positive = 0, tied = 0;
    double first = 0, curve_ps[CRM_SIM_CURVE_POINTS + 5];
    struct order_stats os;
    const double *col = NULL;

    memset(count, 0, V * sizeof(*count));
    for (t = 0; t < n; t++) {
        unsigned r = s->rank[v * n + t];

        count[r - 1]++;
        if (r == 1) {
            /* a tie for first shares the trial */
            first += 1.0 / (double)s->firsts[t];
            tied += s->firsts[t] > 1;
        }
    }
    col = s->score + v * n;
    for (b = 0; b < V; b++) {
        sv->rank_share[b] = (double)count[b] / (double)n;
    }
    sv->p_first = first / (double)n;
    sv->p_first_tied = (double)tied / (double)n;
    stats(col, n, stat_ps, 5, scratch, &os, &sv->score);
    if (!s->finance) {
        return;
    }
    sv->has_finance = true;
    col = s->tco + v * n;
    stats(col, n, stat_ps, 5, scratch, &os, &sv->tco);
    col = s->npv + v * n;
    for (t = 0; t < n; t++) {
        positive += col[t] > 0;
    }
    sv->p_npv_positive = (double)positive / (double)n;
    memcpy(curve_ps, stat_ps, sizeof(stat_ps));
    for (b = 0; b < CRM_SIM_CURVE_POINTS; b++) {
        curve_ps[5 + b] = (double)b / (CRM_SIM_CURVE_POINTS - 1);
    }
    stats(col, n, curve_ps, 5 + CRM_SIM_CURVE_POINTS, scratch, &os, &sv->npv);
    sv->hist_lo = order_stat(&os, 0);
    sv->hist_hi = order_stat(&os, n - 1);
    for (t = 0; t < n; t++) {
        double span = sv->hist_hi - sv->hist_lo;
        size_t bin = span > 0 ? (size_t)((col[t] - sv->hist_lo) / span *
                                         CRM_SIM_HIST_BINS)
                              : 0;

        sv->hist[bin >= CRM_SIM_HIST_BINS ? CRM_SIM_HIST_BINS - 1 : bin]++;
    }
    for (b = 0; b < CRM_SIM_CURVE_POINTS; b++) {
        sv->curve[b] = quantile(&os, curve_ps[5 + b]);
    }
}

/* One thread's share of the summary: vendors first to last - 1. */
struct summary_job {
    const struct sim *s;
    struct crm_simulation *out;
    size_t first, last;
    size_t *count;              /* [vendors], scratch */
    double *scratch;            /* [4n + 16], crm__select_ranks's */
};

/* Thread body: summarise the vendors [first, last) of summary_job arg. */
static void *summarise_vendors(void *arg)
{
    struct summary_job *job = arg;
    size_t v;

    for (v = job->first; v < job->last; v++) {
        summarise_vendor(job->s, v, job->count, job->scratch, &job->out->vendors[v]);
    }
    return NULL;
}

/* Summarise every vendor's trials into out on up to threads threads, then
 * name the leader (most often first) and the standard errors of its chance
 * of ranking first and of its mean NPV. out's arrays come from arena. */
static void summarise(struct crm_arena *arena, struct sim *s, size_t threads,
                      struct crm_simulation *out)
{
    struct summary_job jobs[CRM_MAX_THREADS];
    size_t V = s->vendors, n = s->n, v, i;
    double best = -1;

    out->vendors = crm__arena_array(arena, V + 1, sizeof(*out->vendors));
    for (v = 0; v < V; v++) {
        out->vendors[v].rank_share = crm__arena_array(arena, V + 1, sizeof(double));
    }
    if (threads > V) {
        threads = V > 0 ? V : 1;
    }
    for (i = 0; i < threads; i++) {
        jobs[i].s = s;
        jobs[i].out = out;
        jobs[i].first = V * i / threads;
        jobs[i].last = V * (i + 1) / threads;
        jobs[i].count = crm__arena_array(arena, V + 1, sizeof(size_t));
        jobs[i].scratch = crm__arena_array(arena, 4 * n + 16, sizeof(double));
    }
    crm__run_threads(threads, summarise_vendors, jobs, sizeof(jobs[0]));
    out->leader = CRM_NONE;
    for (v = 0; v < V; v++) {
        if (out->vendors[v].p_first > best) {
            best = out->vendors[v].p_first;
            out->leader = v;
        }
    }
    if (out->leader != CRM_NONE) {
        double p = out->vendors[out->leader].p_first;

        out->se_p_first = sqrt(p * (1 - p) / (double)n);
        out->se_npv_mean = out->vendors[out->leader].has_finance
                               ? out->vendors[out->leader].npv.sd / sqrt((double)n)
                               : 0;
    }
}

/* ---- setup ---- */

/*
 * The projection is linear in each cost line's amount (fixed, per seat,
 * per added seat, and percentages of those) and in each benefit parameter
 * taken alone. So when seats are not drawn and no benefit has two drawn
 * parameters, a trial's figures are the point figures plus slope x change,
 * with the slopes measured once here by projecting with each input moved.
 * Worker w's buffers serve as scratch; its state is restored after.
 */
static void linear_setup(struct crm_arena *arena, struct sim *s, struct worker *w)
{
    const struct crm_evaluation *ev = s->ev;
    size_t V = s->vendors, F, k, j, v, f, i, *drawn;
    double *x = crm__arena_array(arena, s->k + 1, sizeof(double));

    drawn = crm__arena_array(arena, ev->finance.benefit_count + 1, sizeof(size_t));
    s->fin_input = crm__arena_array(arena, s->k + 1, sizeof(size_t));
    s->linear = true;
    for (k = 0; k < s->k; k++) {
        const struct crm_sim_input *in = &s->inputs[k];

        if (in->target == CRM_SIM_SEATS ||
            (in->target == CRM_SIM_BENEFIT && ++drawn[in->index] > 1)) {
            s->linear = false;
        }
        if (in->target == CRM_SIM_COST || in->target == CRM_SIM_BENEFIT) {
            s->fin_input[s->fin_count++] = k;
        }
        /* the point value: what the point evaluation used */
        x[k] = crm__dist_point(in->dist);
    }
    if (!s->linear) {
        return;
    }
    F = s->fin_count;
    s->fin_point = crm__arena_array(arena, F + 1, sizeof(double));
    s->point = crm__arena_array(arena, V * FIN_FIGURES + 1, sizeof(double));
    s->slope = crm__arena_array(arena, V * FIN_FIGURES * F + 1, sizeof(double));
    for (j = 0; j < F; j++) {
        s->fin_point[j] = x[s->fin_input[j]];
    }
    finance_for(w, x);
    memcpy(s->point, w->figures, V * FIN_FIGURES * sizeof(double));
    for (j = 0; j < F; j++) {
        /* a step the size of the value: the slope is exact up to rounding */
        double step = fabs(x[s->fin_input[j]]) > 1 ? fabs(x[s->fin_input[j]]) : 1;

        k = s->fin_input[j];
        x[k] += step;
        finance_for(w, x);
        x[k] = s->fin_point[j];
        for (v = 0; v < V; v++) {
            for (f = 0; f < FIN_FIGURES; f++) {
                i = v * FIN_FIGURES + f;
                s->slope[i * F + j] = (w->figures[i] - s->point[i]) / step;
            }
        }
    }
    finance_for(w, x);
}



/* ---- what is not known ---- */

static const struct crm_criterion *crit(const struct sim *s, const struct crm_unknown *cell)
{
    return &s->set->criteria[cell->criterion];
}

/* The values drawn for what is not known, seeded, and their tally. */
static void unknowns(struct crm_arena *arena, struct sim *s, struct crm_simulation *out,
                     unsigned long long seed)
{
    struct crm_unknown *all = NULL;
    size_t n = crm__unknowns_collect(arena, s->res, &all), i;

    s->cells = crm__arena_array(arena, n + 1, sizeof(*s->cells));
    for (i = 0; i < n; i++) {
        if (!all[i].drawn) {
            continue;
        }
        s->cells[s->cell_count++] = all[i];
        if (all[i].kind == CRM_UNKNOWN_MISSING) {
            out->unknowns.missing++;
        } else {
            out->unknowns.spread[all[i].basis]++;
        }
    }
    /* a stream apart from the explicit inputs' (which jump from the seed) */
    crm__unknowns_seed(s->cells, s->cell_count, (uint64_t)seed ^ 0xC2B2AE3D27D4EB4FULL);
}

/*
 * For every question the simulation draws: its vendor's and the leader's
 * P(rank 1) in the trials where the value turned out worse, and in those
 * where it did not (ties for first shared, as in p_first). Worse is below
 * the value now for a value that may be off, and below the middle of what
 * it may be for a missing one (a boolean: false). The draws are
 * recomputed from their variates, not stored.
 */
static void answer_questions(struct sim *s)
{
    struct crm_analysis *an = s->res->analysis;
    size_t q, k = 0, t;

    for (q = 0; q < an->question_count; q++) {
        struct crm_question *qu = &an->questions[q];
        const struct crm_unknown *cell = NULL;
        double own[2] = { 0, 0 }, lead[2] = { 0, 0 }, trials[2] = { 0, 0 }, pivot = 0, x = 0;
        size_t lo = 0, hi = s->cell_count, option = 0;

        /* cells are in vendor, criterion order */
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            const struct crm_unknown *m = &s->cells[mid];

            if (m->vendor < qu->vendor ||
                (m->vendor == qu->vendor && m->criterion < qu->criterion)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        k = lo;
        if (k >= s->cell_count || s->cells[k].vendor != qu->vendor ||
            s->cells[k].criterion != qu->criterion) {
            continue;
        }
        cell = &s->cells[k];
        if (cell->kind == CRM_UNKNOWN_SPREAD) {
            pivot = s->res->vendors[qu->vendor].criteria[qu->criterion].normalised;
        } else {
            crm__unknown_draw(s->res, cell, 0.5, &x, &option);
            pivot = crm__normalise(crit(s, cell), x, s->res->range_lo[cell->criterion],
                                   s->res->range_hi[cell->criterion]);
        }
        for (t = 0; t < s->n; t++) {
            double share = 1.0 / (double)s->firsts[t];
            int half = 0;

            crm__unknown_draw(s->res, cell, crm__unknown_variate(cell, t), &x, &option);
            half = crm__normalise(crit(s, cell), x, s->res->range_lo[cell->criterion],
                                  s->res->range_hi[cell->criterion]) >= pivot - 1e-12;

            trials[half]++;
            own[half] += s->rank[qu->vendor * s->n + t] == 1 ? share : 0;
            if (an->winner != CRM_NONE && an->tie_count == 1) {
                lead[half] += s->rank[an->winner * s->n + t] == 1 ? share : 0;
            }
        }
        qu->simulated = trials[0] > 0 && trials[1] > 0;
        if (qu->simulated) {
            qu->p_owner_low = own[0] / trials[0];
            qu->p_owner_high = own[1] / trials[1];
            /* with a tie there is no recommended vendor to speak of */
            qu->p_leader_low = an->tie_count == 1 ? lead[0] / trials[0] : NAN;
            qu->p_leader_high = an->tie_count == 1 ? lead[1] / trials[1] : NAN;
        }
    }
}

struct id_key {
    const char *id;
    size_t index;
};

static int by_id(const void *a, const void *b)
{
    return strcmp(((const struct id_key *)a)->id, ((const struct id_key *)b)->id);
}

struct sim_call {
    struct crm_result *res;
    const crm_simulate_options *opts;
    crm_diags *diags;
};

/* The simulation, run protected (an out-of-memory longjmp lands in the
 * caller): set up the inputs and the unknown cells, size the trials, run
 * the workers, summarise. Long (about 165 lines) because it is the
 * sequence of those steps over one shared struct sim; each step is a call
 * or a short loop. */
static crm_status simulate_in(struct crm_arena *arena, void *ctx)
{
    struct sim_call *call = ctx;
    struct crm_result *res = call->res;
    const struct crm_evaluation *ev = res->ev;
    const crm_simulate_options *opts = call->opts;
    struct crm_simulation *out = crm__arena_alloc(arena, sizeof(*out));
    struct sim *s = crm__arena_alloc(arena, sizeof(*s));
    struct worker workers[CRM_MAX_THREADS];
    struct id_key *keys = NULL;
    size_t threads = opts->threads, i, k, v, c;
    struct timespec t0, t1;
    crm_status st = CRM_OK;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    s->res = res;
    s->ev = ev;
    s->set = ev->set;
    s->vendors = res->vendor_count;
    s->criteria = ev->set->criterion_count;
    s->inputs = ev->uncertain;
    s->k = ev->uncertain_count;
    s->finance = ev->finance.present;
    s->tco_c = s->pv_c = CRM_NONE;
    unknowns(arena, s, out, opts->has_seed ? opts->seed : (ev->sim.present ? ev->sim.seed : 1));
    s->n = opts->trials ? opts->trials : (ev->sim.trials ? ev->sim.trials : CRM_SIM_DEFAULT_TRIALS);
    if (opts->trials == 0 && ev->sim.trials == 0 &&
        (double)s->cell_count * (double)s->n > CRM_SIM_DEFAULT_DRAW_BUDGET) {
        /* many unknown values: fewer default trials, in hundreds */
        s->n = (size_t)(CRM_SIM_DEFAULT_DRAW_BUDGET / (double)s->cell_count) / 100 * 100;
        s->n = s->n < 1000 ? 1000 : s->n;
        out->trials_reduced = true;
    }
    out->trials = s->n;
    /* trials given by the caller, or inputs the panel added since the
     * evaluation was checked: the tables must still fit (no position) */
    if (!crm__sim_size_ok(call->diags, NULL, s->n, s->k, s->vendors)) {
        res->simulation = NULL;
        return CRM_EINPUT;
    }
    out->lhs = opts->method != CRM_SIM_METHOD_DEFAULT
                   ? opts->method == CRM_SIM_LATIN_HYPERCUBE
                   : (!ev->sim.present || ev->sim.method == CRM_SIM_LATIN_HYPERCUBE);
    out->seed = opts->has_seed ? opts->seed : (ev->sim.present ? ev->sim.seed : 1);
    out->inputs = ev->uncertain;
    out->input_count = ev->uncertain_count;
    res->simulation = out;

    s->dynamic = crm__arena_array(arena, s->criteria + 1, sizeof(bool));
    s->relative = crm__arena_array(arena, s->criteria + 1, sizeof(bool));
    s->static_status = crm__arena_array(arena, s->vendors + 1, sizeof(*s->static_status));
    for (c = 0; c < s->criteria; c++) {
        enum crm_derived d = s->set->criteria[c].derived;

        if (d == CRM_DERIVED_TCO_PER_SEAT && s->finance) {
            s->tco_c = c;
            s->dynamic[c] = true;
        } else if (d == CRM_DERIVED_PV_COSTS && s->finance) {
            s->pv_c = c;
            s->dynamic[c] = true;
        }
    }
    for (k = 0; k < s->k; k++) {
        if (s->inputs[k].target == CRM_SIM_VENDOR_VALUE) {
            s->dynamic[s->inputs[k].index] = true;
        } else if (s->inputs[k].target == CRM_SIM_WEIGHT) {
            s->weights_vary = true;
        }
    }
    for (k = 0; k < s->cell_count; k++) {
        s->dynamic[s->cells[k].criterion] = true;
    }
    for (c = 0; c < s->criteria; c++) {
        const struct crm_criterion *crit = &s->set->criteria[c];

        /* the derived finance criteria are set in finance_for, not drawn */
        s->relative[c] = s->dynamic[c] &&
                         ((crit->kind == CRM_KIND_NUMBER && crit->point_count < 2) ||
                          c == s->tco_c || c == s->pv_c);
    }
    for (v = 0; v < s->vendors; v++) {
        for (k = 0; k < ev->rule_count; k++) {
            crm_must_have_status st_k = res->vendors[v].rules[k].state;

            if (!s->dynamic[ev->rules[k].index] && st_k > s->static_status[v]) {
                s->static_status[v] = st_k;
            }
        }
    }
    s->fin_figures = s->tco_c != CRM_NONE || s->pv_c != CRM_NONE ? FIN_FIGURES : 2;
    s->value_at = crm__arena_array(arena, s->k + 1, sizeof(size_t));
    s->on_scale = crm__arena_array(arena, s->k + 1, sizeof(bool));
    s->scale_lo = crm__arena_array(arena, s->k + 1, sizeof(double));
    s->scale_span = crm__arena_array(arena, s->k + 1, sizeof(double));
    for (k = 0; k < s->k; k++) {
        const struct crm_criterion *crit = &s->set->criteria[s->inputs[k].index];

        s->value_at[k] = s->inputs[k].target == CRM_SIM_VENDOR_VALUE
                             ? s->inputs[k].vendor * s->criteria + s->inputs[k].index
                             : CRM_NONE;
        if (s->inputs[k].target == CRM_SIM_VENDOR_VALUE && !s->relative[s->inputs[k].index] &&
            crit->kind == CRM_KIND_RATING) {
            s->on_scale[k] = true;
            s->scale_lo[k] = crit->scale_min;
            s->scale_span[k] = crit->scale_max - crit->scale_min;
        }
    }
    s->id_rank = crm__arena_array(arena, s->vendors + 1, sizeof(size_t));
    keys = crm__arena_array(arena, s->vendors + 1, sizeof(*keys));
    for (v = 0; v < s->vendors; v++) {
        keys[v].id = ev->vendors[v]->id;
        keys[v].index = v;
    }
    qsort(keys, s->vendors, sizeof(*keys), by_id);
    for (v = 0; v < s->vendors; v++) {
        s->id_rank[keys[v].index] = v;
    }
    s->blocked = !out->lhs && ev->sim.correlation_count == 0;
    if (s->blocked) {
        s->blocks = (s->n + SIM_BLOCK - 1) / SIM_BLOCK;
        s->ckpt = crm__arena_array(arena, s->blocks * s->k + 1, sizeof(*s->ckpt));
    } else {
        s->draws = crm__arena_array(arena, s->n * (s->k ? s->k : 1), sizeof(double));
    }
    s->score = crm__arena_array(arena, s->n * s->vendors, sizeof(double));
    s->npv = crm__arena_array(arena, s->n * s->vendors, sizeof(double));
    s->tco = crm__arena_array(arena, s->n * s->vendors, sizeof(double));
    s->rank = crm__arena_array(arena, s->n * s->vendors, sizeof(unsigned short));
    s->firsts = crm__arena_array(arena, s->n + 1, sizeof(unsigned short));
    if (threads == 0) {
        threads = crm__threads();
    }
    if (threads > CRM_MAX_THREADS) {
        threads = CRM_MAX_THREADS;
    }
    if (threads > s->n) {
        threads = s->n ? s->n : 1;
    }
    st = draw_all(arena, s, threads, out->lhs, out->seed, call->diags);
    if (st != CRM_OK) {
        return st;
    }
    for (i = 0; i < threads; i++) {
        /* whole blocks to each thread */
        size_t blocks = (s->n + SIM_BLOCK - 1) / SIM_BLOCK;
        size_t first = blocks * i / threads * SIM_BLOCK, last = blocks * (i + 1) / threads * SIM_BLOCK;

        memset(&workers[i], 0, sizeof(workers[i]));
        workers[i].s = s;
        workers[i].opts = opts;
        workers[i].first = first < s->n ? first : s->n;
        workers[i].last = last < s->n ? last : s->n;
        worker_setup(arena, &workers[i]);
    }
    if (s->finance && !opts->full_projection) {
        linear_setup(arena, s, &workers[0]);
    }
    crm__run_threads(threads, worker_main, workers, sizeof(workers[0]));
    summarise(arena, s, threads, out);
    answer_questions(s);
    crm__verdict_update(res);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    out->seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    return CRM_OK;
}

bool crm_result_wants_simulation(const crm_result *result)
{
    const struct crm_evaluation *ev = result->ev;

    return ev->sim.present || ev->uncertain_count > 0 ||
           (result->analysis->unknowns_drawn > 0 &&
            result->vendor_count <= CRM_SIM_IMPLICIT_MAX_VENDORS);
}

crm_status crm_result_simulate(crm_result *result, const crm_simulate_options *opts,
                               crm_diags *diags)
{
    crm_simulate_options defaults = CRM_SIMULATE_OPTIONS_INIT;
    struct sim_call call = { result, opts != NULL ? opts : &defaults, diags };

    return crm__arena_protect(result->arena, simulate_in, &call, diags);
}
