/*
 * Panel scores into the model (include/crmeval/panel.h, docs/panel.md):
 * check each evaluator's value against the criteria set exactly as a
 * vendor profile's value is checked, aggregate each vendor-criterion cell
 * by role weight (weighted mean or weighted median; booleans and choices
 * by weighted majority), and keep the spread and consensus for reports.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crmeval/panel.h"
#include "model/dist.h"
#include "model/model.h"
#include "util/arena.h"
#include "util/sha256.h"
#include "util/strmap.h"
#include "util/strutil.h"

const char *const crm_roles[CRM_ROLE_COUNT + 1] = { "it", "sales", "service", "finance",
                                                    "management", NULL };

/* The index of vendor @p id in the evaluation, in *out; false if absent. */
static bool find_vendor(const struct crm_evaluation *ev, const char *id, size_t *out)
{
    size_t v;

    for (v = 0; v < ev->vendor_count; v++) {
        if (strcmp(ev->vendors[v]->id, id) == 0) {
            *out = v;
            return true;
        }
    }
    return false;
}

/* The index of @p role in crm_roles, or -1 for NULL or an unknown role. */
static int find_role(const char *role)
{
    int k;

    for (k = 0; role != NULL && k < CRM_ROLE_COUNT; k++) {
        if (strcmp(crm_roles[k], role) == 0) {
            return k;
        }
    }
    return -1;
}

/* A checked score. */
struct checked {
    size_t vendor, criterion;
    int role;
    struct crm_value value;
};

enum check_outcome { CHECK_OK, CHECK_ERROR, CHECK_ELSEWHERE };

/* @p at moved to another field of the same score, when the sheet gave
 * its position. */
static struct crm_mark field_mark(const struct crm_mark *at, unsigned line, unsigned column)
{
    struct crm_mark m = *at;

    if (line > 0) {
        m.line = line;
        m.column = column;
    }
    return m;
}

/*
 * Check @p s against @p ev, each problem at the field it is in (@p at is
 * the value's place). A vendor or criterion not in the evaluation is an
 * error when @p strict, else CHECK_ELSEWHERE quietly. @p scratch is
 * [criterion_count], all absent, and left so.
 */
static enum check_outcome check_score(struct crm_arena *arena, const struct crm_evaluation *ev,
                                      const crm_panel_score *s,
                                      const struct crm_mark *at, bool strict,
                                      struct crm_value *scratch, crm_diags *diags,
                                      struct checked *out)
{
    const struct crm_criteria_set *set = ev->set;
    struct crm_raw_value raw;
    struct crm_mark at_vendor = field_mark(at, s->vendor_line, s->vendor_column);
    size_t v = 0, c = 0;
    bool vendor_ok = s->vendor != NULL && find_vendor(ev, s->vendor, &v);
    bool criterion_ok = s->criterion != NULL && crm__set_find(set, s->criterion, &c);
    unsigned long cp = 0;
    size_t cp_at = 0;
    char cbuf[64];

    if (s->evaluator == NULL || s->evaluator[0] == '\0') {
        crm__mark_error(diags, at, "whose score is this? name the evaluator with --evaluator, "
                                   "the sheet's 'evaluator' or an evaluator column");
        return CHECK_ERROR;
    }
    if (crm__find_name_control(s->evaluator, strlen(s->evaluator), &cp, &cp_at)) {
        /* the sheets refuse these where they are; this is --evaluator */
        crm__mark_error(diags, at, "an evaluator's name may not contain %s (at byte %zu); "
                                   "names and ids are one line of text without control "
                                   "characters or bidirectional controls",
                        crm__control_text(cbuf, sizeof(cbuf), cp), cp_at + 1);
        return CHECK_ERROR;
    }
    if (s->role == NULL) {
        crm__mark_error(diags, at, "evaluator '%s' is new: give their role (--role, the "
                                   "sheet's 'role' or a role column): it, sales, service, "
                                   "finance or management",
                        s->evaluator);
        return CHECK_ERROR;
    }
    if ((out->role = find_role(s->role)) < 0) {
        const char *hint = crm__did_you_mean(s->role, crm_roles);

        crm__mark_error(diags, at, "unknown role '%s' for evaluator '%s'; expected one of: it, "
                                   "sales, service, finance, management%s%s%s",
                        s->role, s->evaluator, hint ? " (did you mean '" : "", hint ? hint : "",
                        hint ? "'?)" : "");
        return CHECK_ERROR;
    }
    if (!strict && (!vendor_ok || !criterion_ok)) {
        return CHECK_ELSEWHERE;
    }
    if (!vendor_ok) {
        const char **ids = crm__arena_array(arena, ev->vendor_count + 1, sizeof(*ids));
        const char *hint = NULL;
        size_t k;

        for (k = 0; k < ev->vendor_count; k++) {
            ids[k] = ev->vendors[k]->id;
        }
        hint = s->vendor ? crm__did_you_mean(s->vendor, ids) : NULL;
        crm__mark_error(diags, &at_vendor,
                        "vendor '%s' is not among the evaluation's vendors%s%s%s",
                        s->vendor ? s->vendor : "", hint ? "; did you mean '" : "",
                        hint ? hint : "", hint ? "'?" : "");
    }
    memset(&raw, 0, sizeof(raw));
    raw.criterion = s->criterion ? s->criterion : "";
    raw.mark = field_mark(at, s->criterion_line, s->criterion_column);
    if (criterion_ok && set->criteria[c].derived != CRM_DERIVED_NONE) {
        crm__mark_error(diags, &raw.mark, "'%s' is computed by crmeval from the vendors' "
                                          "pricing; the panel cannot score it",
                        s->criterion);
        return CHECK_ERROR;
    }
    raw.value.text = s->value ? s->value : "";
    raw.value.len = strlen(raw.value.text);
    raw.value.plain = true;
    raw.value.line = at->line;
    raw.value.column = at->column;
    /* the same checks (and messages) as a vendor profile's value: an
     * unknown criterion at raw.mark, a bad value at the value */
    if (crm__values_resolve(diags, set, &raw, 1, scratch) > 0 || !vendor_ok) {
        if (criterion_ok) {
            memset(&scratch[c], 0, sizeof(scratch[c]));
        }
        return CHECK_ERROR;
    }
    out->vendor = v;
    out->criterion = c;
    out->value = scratch[c];
    out->value.raw = NULL;
    memset(&scratch[c], 0, sizeof(scratch[c]));
    if (!out->value.present) {
        crm__mark_error(diags, at, "no value for '%s'; give a number, true or false, or an "
                                   "option id",
                        s->criterion);
        return CHECK_ERROR;
    }
    return CHECK_OK;
}

/* Where to report @p s: its sheet position, or the database and the cell. */
static struct crm_mark score_mark(struct crm_arena *arena, const crm_panel_score *s,
                                  const char *source)
{
    struct crm_mark at;

    at.line = s->line;
    at.column = s->column;
    at.file = s->file;
    if (s->file == NULL) {
        at.file = crm__arena_printf(arena, "%s (%s's score of %s for %s)",
                                    source ? source : "panel", s->evaluator ? s->evaluator : "?",
                                    s->vendor ? s->vendor : "?",
                                    s->criterion ? s->criterion : "?");
    }
    return at;
}

/* @p at moved to another field of the same score, when the sheet gave
 * its position. */
/* "evaluator \x1f vendor \x1f criterion": one cell of one evaluator. */
static const char *cell_key(struct crm_arena *arena, const crm_panel_score *s)
{
    return crm__arena_printf(arena, "%s\x1f%s\x1f%s", s->evaluator, s->vendor, s->criterion);
}

struct check_call {
    const struct crm_evaluation *ev;
    const crm_scores *scores;
    crm_diags *diags;
};

/* What one list may not repeat: an evaluator's role, and a cell per
 * evaluator. */
struct uniqueness {
    struct crm_strmap roles;       /* evaluator -> first score */
    struct crm_strmap cells;       /* evaluator, vendor, criterion -> first score */
};

static void uniqueness_init(struct uniqueness *u, struct crm_arena *arena, size_t n)
{
    crm__strmap_init(&u->roles, arena, n);
    crm__strmap_init(&u->cells, arena, n);
}

/* Whether score @p i (already checked on its own) keeps its evaluator's
 * role and is their first score of its cell; if not, an error at @p at. */
static bool check_unique(struct crm_arena *arena, const crm_scores *scores, size_t i,
                         const struct crm_mark *at, struct uniqueness *u, crm_diags *diags)
{
    const crm_panel_score *s = crm_scores_at(scores, i), *f = NULL;
    const char *key = cell_key(arena, s);
    size_t first = 0;

    if (crm__strmap_get(&u->roles, s->evaluator, &first) &&
        strcmp(crm_scores_at(scores, first)->role, s->role) != 0) {
        crm__mark_error(diags, at, "evaluator '%s' is given role '%s' here and '%s' before; "
                                   "one evaluator has one role",
                        s->evaluator, s->role, crm_scores_at(scores, first)->role);
        return false;
    }
    crm__strmap_put(&u->roles, s->evaluator, i);
    if (crm__strmap_get(&u->cells, key, &first)) {
        f = crm_scores_at(scores, first);
        crm__mark_error(diags, at,
                        "%s has already scored %s for '%s'%s%.0u; one value per evaluator, "
                        "vendor and criterion",
                        s->evaluator, s->vendor, s->criterion, f->line > 0 ? " at line " : "",
                        f->line);
        return false;
    }
    crm__strmap_put(&u->cells, key, i);
    return true;
}

/* Body of crm_evaluation_check_scores under a scratch arena's recovery
 * point: check each score strictly (a vendor or criterion not in the
 * evaluation is an error here) and once per evaluator and cell. */
static crm_status check_protected(struct crm_arena *arena, void *ctx)
{
    struct check_call *call = ctx;
    const struct crm_evaluation *ev = call->ev;
    struct crm_value *scratch = crm__arena_array(arena, ev->set->criterion_count + 1,
                                                 sizeof(*scratch));
    struct uniqueness u;
    size_t i, n = crm_scores_count(call->scores), errors = 0;

    uniqueness_init(&u, arena, n);
    for (i = 0; i < n; i++) {
        const crm_panel_score *s = crm_scores_at(call->scores, i);
        struct crm_mark at = score_mark(arena, s, NULL);
        struct checked ck;

        if (check_score(arena, ev, s, &at, true, scratch, call->diags, &ck) != CHECK_OK ||
            !check_unique(arena, call->scores, i, &at, &u, call->diags)) {
            errors++;
        }
    }
    return errors > 0 ? CRM_EINPUT : CRM_OK;
}

crm_status crm_evaluation_check_scores(const crm_evaluation *ev, const crm_scores *scores,
                                       crm_diags *diags)
{
    struct crm_arena *arena = crm__arena_new();
    struct check_call call = { ev, scores, diags };
    crm_status st = CRM_OK;

    if (arena == NULL) {
        return CRM_ENOMEM;
    }
    st = crm__arena_protect(arena, check_protected, &call, diags);
    crm__arena_free(arena);
    return st;
}

/* ---- aggregation ---------------------------------------------------------- */

static double role_weight(const struct crm_evaluation *ev, const struct crm_panel *panel,
                          const struct crm_panel_entry *e)
{
    return ev->panel_settings.role_weight[panel->evaluators[e->evaluator].role];
}

static bool counts(const struct crm_evaluation *ev, const struct crm_panel *panel,
                   const struct crm_panel_entry *e, size_t role)
{
    return (role == SIZE_MAX || panel->evaluators[e->evaluator].role == role) &&
           role_weight(ev, panel, e) > 0;
}

bool crm__panel_aggregate(const struct crm_evaluation *ev, const struct crm_panel *panel,
                          const struct crm_panel_cell *cell, size_t role,
                          struct crm_value *out)
{
    const struct crm_criterion *crit = &ev->set->criteria[cell->criterion];
    double total = 0, sum = 0, cum = 0;
    size_t i, k;

    memset(out, 0, sizeof(*out));
    for (i = 0; i < cell->count; i++) {
        if (counts(ev, panel, &cell->entries[i], role)) {
            total += role_weight(ev, panel, &cell->entries[i]);
            sum += role_weight(ev, panel, &cell->entries[i]) * cell->entries[i].number;
        }
    }
    if (total <= 0) {
        return false;
    }
    out->present = true;
    out->raw = &cell->raw;
    switch (crit->kind) {
    case CRM_KIND_BOOLEAN:
        /* a tie is not a yes: the claim is not established */
        out->number = sum / total > 0.5 + 1e-12 ? 1 : 0;
        return true;
    case CRM_KIND_CHOICE: {
        double best = -1;

        for (i = 0; i < cell->count; i++) {
            double w = 0;
            const struct crm_panel_entry *e = &cell->entries[i];

            if (!counts(ev, panel, e, role)) {
                continue;
            }
            for (k = 0; k < cell->count; k++) {
                if (counts(ev, panel, &cell->entries[k], role) &&
                    cell->entries[k].option == e->option) {
                    w += role_weight(ev, panel, &cell->entries[k]);
                }
            }
            /* the most weight; a tie goes to the option worth less */
            if (w > best + 1e-12 ||
                (fabs(w - best) <= 1e-12 &&
                 (crit->options[e->option].value < out->number ||
                  (crit->options[e->option].value == out->number && e->option < out->option)))) {
                best = w;
                out->option = e->option;
                out->number = crit->options[e->option].value;
            }
        }
        return true;
    }
    case CRM_KIND_RATING:
    case CRM_KIND_NUMBER:
        if (ev->panel_settings.aggregate == CRM_PANEL_WEIGHTED_MEAN) {
            out->number = sum / total;
            return true;
        }
        /* weighted median: entries are sorted by value; where the
         * cumulative weight is exactly half, the midpoint of the two */
        for (i = 0; i < cell->count; i++) {
            const struct crm_panel_entry *e = &cell->entries[i];

            if (!counts(ev, panel, e, role)) {
                continue;
            }
            cum += role_weight(ev, panel, e);
            if (cum > total / 2 + 1e-12 * total) {
                out->number = e->number;
                return true;
            }
            if (cum >= total / 2 - 1e-12 * total) {
                for (k = i + 1; k < cell->count; k++) {
                    if (counts(ev, panel, &cell->entries[k], role)) {
                        out->number = (e->number + cell->entries[k].number) / 2;
                        return true;
                    }
                }
                out->number = e->number;
                return true;
            }
        }
        return true;
    }
    return true;
}

/* The width of @p c's scale, for the consensus measure. */
static double scale_width(const struct crm_evaluation *ev, const struct crm_panel *panel,
                          size_t c)
{
    const struct crm_criterion *crit = &ev->set->criteria[c];
    double lo = HUGE_VAL, hi = -HUGE_VAL;
    size_t i, k;

    switch (crit->kind) {
    case CRM_KIND_RATING:
        return crit->scale_max - crit->scale_min;
    case CRM_KIND_BOOLEAN:
        return 1;
    case CRM_KIND_CHOICE:
        for (i = 0; i < crit->option_count; i++) {
            lo = fmin(lo, crit->options[i].value);
            hi = fmax(hi, crit->options[i].value);
        }
        return hi - lo;
    case CRM_KIND_NUMBER:
        /* a value function's domain, else (min-max) the vendors' range;
         * either widened to the values the panel gave, so a value past the
         * domain does not read as total disagreement */
        if (crit->point_count >= 2) {
            lo = crit->points[0].x;
            hi = crit->points[crit->point_count - 1].x;
        }
        for (i = 0; crit->point_count < 2 && i < ev->vendor_count; i++) {
            if (ev->vendors[i]->values[c].present) {
                lo = fmin(lo, ev->vendors[i]->values[c].number);
                hi = fmax(hi, ev->vendors[i]->values[c].number);
            }
        }
        for (i = 0; i < panel->cell_count; i++) {
            for (k = 0; panel->cells[i].criterion == c && k < panel->cells[i].count; k++) {
                lo = fmin(lo, panel->cells[i].entries[k].number);
                hi = fmax(hi, panel->cells[i].entries[k].number);
            }
        }
        return hi > lo ? hi - lo : 0;
    }
    return 0;
}

/*
 * Spread and consensus of a cell, weighted by role weight (equal weights
 * when every role present has weight 0). Consensus is Tastle and
 * Wierman's (2007): 1 + sum p_i log2(1 - |x_i - mean| / width), 1 when
 * all agree, 0 when the panel is split evenly between the two ends.
 */
static void cell_stats(const struct crm_evaluation *ev, const struct crm_panel *panel,
                       struct crm_panel_cell *cell)
{
    double total = 0, mean = 0, var = 0, cns = 0;
    size_t i;
    bool equal = true;

    for (i = 0; i < cell->count; i++) {
        equal = equal && role_weight(ev, panel, &cell->entries[i]) <= 0;
    }
    cell->min = HUGE_VAL;
    cell->max = -HUGE_VAL;
    for (i = 0; i < cell->count; i++) {
        double w = equal ? 1 : role_weight(ev, panel, &cell->entries[i]);

        if (w <= 0) {
            continue; /* shown, but as in the aggregate, not counted */
        }

        total += w;
        mean += w * cell->entries[i].level;
        cell->min = fmin(cell->min, cell->entries[i].level);
        cell->max = fmax(cell->max, cell->entries[i].level);
    }
    mean /= total;
    for (i = 0; i < cell->count; i++) {
        double w = equal ? 1 : role_weight(ev, panel, &cell->entries[i]);
        double d = cell->entries[i].level - mean;

        var += w * d * d;
        if (cell->width > 0) {
            cns += w / total * log2(fmax(1 - fabs(d) / cell->width, 1e-12));
        }
    }
    cell->sd = sqrt(fmax(var, 0) / total);
    cell->consensus = fmin(1, fmax(0, 1 + cns));
    if (cell->max - cell->min <= 1e-12 * fmax(1, fabs(cell->max))) {
        cell->consensus = 1;
    }
}

struct sortable {
    size_t vendor, criterion;
    const char *evaluator;
    double number;
    size_t index; /* in the score list */
    struct checked ck;
};

/* qsort order for panel rows: vendor, criterion, value, then evaluator,
 * a total order so cells and entries do not depend on database order. */
static int compare_sortable(const void *pa, const void *pb)
{
    const struct sortable *a = pa, *b = pb;

    if (a->vendor != b->vendor) {
        return a->vendor < b->vendor ? -1 : 1;
    }
    if (a->criterion != b->criterion) {
        return a->criterion < b->criterion ? -1 : 1;
    }
    if (a->number != b->number) {
        return a->number < b->number ? -1 : 1;
    }
    return strcmp(a->evaluator, b->evaluator);
}

static int compare_names(const void *pa, const void *pb)
{
    return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

struct set_call {
    struct crm_evaluation *ev;
    const crm_scores *scores;
    const char *source;
    crm_diags *diags;
};

/* Drop the uncertain input of a value the panel now decides, and any
 * correlation that names it (with a note: the value is no longer drawn). */
static void drop_uncertain(struct crm_evaluation *ev, size_t v, size_t c, crm_diags *diags)
{
    struct crm_sim_settings *sim = &ev->sim;
    const char *label = NULL;
    size_t i;

    for (i = 0; i < ev->uncertain_count && label == NULL; i++) {
        if (ev->uncertain[i].target == CRM_SIM_VENDOR_VALUE && ev->uncertain[i].vendor == v &&
            ev->uncertain[i].index == c) {
            label = ev->uncertain[i].label;
            memmove(&ev->uncertain[i], &ev->uncertain[i + 1],
                    (ev->uncertain_count - i - 1) * sizeof(ev->uncertain[0]));
            ev->uncertain_count--;
        }
    }
    for (i = 0; label != NULL && i < sim->correlation_count;) {
        const struct crm_sim_correlation *corr = &sim->correlations[i];

        if (strcmp(corr->a, label) != 0 && strcmp(corr->b, label) != 0) {
            i++;
            continue;
        }
        crm__mark_warning(diags, &corr->mark,
                          "correlation of '%s' and '%s' left out: the panel's score decides "
                          "'%s'",
                          corr->a, corr->b, label);
        memmove(&sim->correlations[i], &sim->correlations[i + 1],
                (sim->correlation_count - i - 1) * sizeof(sim->correlations[0]));
        sim->correlation_count--;
    }
}

/*
 * With panel.spread_as_uncertainty, each rating or number cell the panel
 * disagrees on becomes an uncertain input of the simulation: its counted
 * scores as a discrete distribution, each with its role-weight share. The
 * point run keeps the aggregate.
 */
static void add_spread_inputs(struct crm_arena *arena, struct crm_evaluation *ev,
                              struct crm_panel *panel)
{
    struct crm_sim_input *in = crm__arena_array(arena, ev->uncertain_count + panel->cell_count + 1,
                                                sizeof(*in));
    size_t i, k, n = ev->uncertain_count;

    memcpy(in, ev->uncertain, ev->uncertain_count * sizeof(*in));
    for (i = 0; i < panel->cell_count; i++) {
        struct crm_panel_cell *cell = &panel->cells[i];
        enum crm_kind kind = ev->set->criteria[cell->criterion].kind;
        struct crm_dist *d = NULL;
        double *values = NULL, *probs = NULL, total = 0;
        size_t m = 0;

        if (!cell->applied || cell->max <= cell->min ||
            (kind != CRM_KIND_RATING && kind != CRM_KIND_NUMBER)) {
            continue;
        }
        values = crm__arena_array(arena, cell->count, sizeof(double));
        probs = crm__arena_array(arena, cell->count, sizeof(double));
        for (k = 0; k < cell->count; k++) {
            total += role_weight(ev, panel, &cell->entries[k]);
        }
        /* entries are sorted by value: equal values share one step */
        for (k = 0; k < cell->count; k++) {
            double w = role_weight(ev, panel, &cell->entries[k]) / total;

            if (w <= 0) {
                continue;
            }
            if (m > 0 && values[m - 1] == cell->entries[k].number) {
                probs[m - 1] += w;
            } else {
                values[m] = cell->entries[k].number;
                probs[m++] = w;
            }
        }
        d = crm__arena_alloc(arena, sizeof(*d));
        d->kind = CRM_DIST_DISCRETE;
        d->values = values;
        d->probs = probs;
        d->count = m;
        cell->raw.dist = d;
        cell->raw.point = cell->value.number;
        in[n].target = CRM_SIM_VENDOR_VALUE;
        in[n].dist = d;
        in[n].vendor = cell->vendor;
        in[n].index = cell->criterion;
        in[n].label = crm__arena_printf(arena, "%s/%s", ev->vendors[cell->vendor]->id,
                                        cell->raw.criterion);
        n++;
    }
    ev->uncertain = in;
    ev->uncertain_count = n;
}

/* The panel as one of the report's inputs: a digest over the scores
 * used, in their sorted order. */
static void add_panel_input(struct crm_evaluation *ev, const struct sortable *rows, size_t n,
                            const crm_scores *scores)
{
    struct crm_input_file *inputs = crm__arena_array(ev->arena, ev->input_count + 1,
                                                     sizeof(*inputs));
    struct crm_input_file *in = &inputs[ev->input_count];
    struct crm_sha256 sha;
    size_t i;

    memcpy(inputs, ev->inputs, ev->input_count * sizeof(*inputs));
    crm__sha256_init(&sha);
    for (i = 0; i < n; i++) {
        const crm_panel_score *s = crm_scores_at(scores, rows[i].index);
        const char *parts[] = { s->evaluator, s->role, s->vendor, s->criterion, s->value,
                                s->comment ? s->comment : "" };
        size_t k;

        for (k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
            crm__sha256_update(&sha, parts[k], strlen(parts[k]) + 1);
        }
    }
    crm__sha256_hex(&sha, in->sha256);
    in->role = "panel";
    in->path = ev->panel->source;
    in->file = ev->panel->source;
    ev->inputs = inputs;
    ev->input_count++;
    crm__evaluation_digest(ev);
}

/* Body of crm_evaluation_set_panel under the evaluation arena's recovery
 * point: check the scores (those for other evaluations skipped with one
 * warning), group them into cells in a fixed order, aggregate each cell by
 * role weight into the vendor's value, and record the panel as an input. */
static crm_status set_protected(struct crm_arena *arena, void *ctx)
{
    struct set_call *call = ctx;
    struct crm_evaluation *ev = call->ev;
    struct crm_panel *panel = crm__arena_alloc(arena, sizeof(*panel));
    size_t n = crm_scores_count(call->scores), used = 0, i, j, errors = 0;
    struct sortable *rows = crm__arena_array(arena, n + 1, sizeof(*rows));
    struct crm_value *scratch = crm__arena_array(arena, ev->set->criterion_count + 1,
                                                 sizeof(*scratch));
    const char **names = crm__arena_array(arena, n + 1, sizeof(*names));
    struct crm_strmap by_name;
    struct uniqueness u;
    size_t name_count = 0;

    /* the report names the database by its file name, as it does the
     * evaluation, so it does not depend on where crmeval ran */
    panel->source = call->source ? strrchr(call->source, '/') : NULL;
    panel->source = crm__arena_strdup(arena, panel->source ? panel->source + 1
                                             : call->source ? call->source : "panel");
    crm__strmap_init(&by_name, arena, n);
    uniqueness_init(&u, arena, n);
    for (i = 0; i < n; i++) {
        const crm_panel_score *s = crm_scores_at(call->scores, i);
        struct crm_mark at = score_mark(arena, s, call->source);
        struct sortable *row = &rows[used];

        switch (check_score(arena, ev, s, &at, false, scratch, call->diags, &row->ck)) {
        case CHECK_ERROR:
            errors++;
            continue;
        case CHECK_ELSEWHERE:
            panel->skipped++;
            continue;
        case CHECK_OK:
            break;
        }
        if (!check_unique(arena, call->scores, i, &at, &u, call->diags)) {
            errors++;
            continue;
        }
        row->vendor = row->ck.vendor;
        row->criterion = row->ck.criterion;
        row->number = row->ck.value.number;
        row->evaluator = crm__arena_strdup(arena, s->evaluator);
        row->index = i;
        if (!crm__strmap_get(&by_name, row->evaluator, &j)) {
            crm__strmap_put(&by_name, row->evaluator, name_count);
            names[name_count++] = row->evaluator;
        }
        used++;
    }
    if (errors > 0) {
        return CRM_EINPUT;
    }
    /* evaluators by name, cells by vendor then criterion, entries by value */
    qsort(names, name_count, sizeof(*names), compare_names);
    panel->evaluators = crm__arena_array(arena, name_count + 1, sizeof(*panel->evaluators));
    panel->evaluator_count = name_count;
    crm__strmap_init(&by_name, arena, name_count); /* now: name -> position by name */
    for (i = 0; i < name_count; i++) {
        panel->evaluators[i].name = names[i];
        crm__strmap_put(&by_name, names[i], i);
    }
    qsort(rows, used, sizeof(*rows), compare_sortable);
    panel->cells = crm__arena_array(arena, used + 1, sizeof(*panel->cells));
    for (i = 0; i < used; i = j) {
        struct crm_panel_cell *cell = &panel->cells[panel->cell_count++];

        for (j = i; j < used && rows[j].vendor == rows[i].vendor &&
                    rows[j].criterion == rows[i].criterion;
             j++) {
        }
        cell->vendor = rows[i].vendor;
        cell->criterion = rows[i].criterion;
        cell->count = j - i;
        cell->entries = crm__arena_array(arena, cell->count, sizeof(*cell->entries));
        for (size_t k = i; k < j; k++) {
            const crm_panel_score *s = crm_scores_at(call->scores, rows[k].index);
            struct crm_panel_entry *e = &cell->entries[k - i];
            size_t who = 0;

            crm__strmap_get(&by_name, rows[k].evaluator, &who);
            panel->evaluators[who].role = (size_t)rows[k].ck.role;
            panel->evaluators[who].score_count++;
            e->evaluator = who;
            e->number = rows[k].number;
            e->option = rows[k].ck.value.option;
            e->level = rows[k].number; /* a choice's number is its option value */
            e->comment = s->comment ? crm__arena_strdup(arena, s->comment) : NULL;
            e->scored_at = s->scored_at ? crm__arena_strdup(arena, s->scored_at) : NULL;
        }
        cell->raw.criterion = ev->set->criteria[cell->criterion].path;
        cell->raw.panel = true;
        cell->raw.mark.file = panel->source;
    }
    ev->panel = panel;
    /* a weight set of someone not on the panel is a typo, or waits for
     * their scores: say so rather than drop it quietly */
    for (i = 0; i < ev->panel_settings.weight_set_count; i++) {
        const struct crm_weight_set *ws = &ev->panel_settings.weight_sets[i];

        if (!crm__strmap_get(&by_name, ws->evaluator, &j)) {
            const char *hint = crm__did_you_mean(ws->evaluator, names);

            crm__mark_warning(call->diags, &ws->mark,
                              "'%s' has no scores on the panel, so this weight set is not "
                              "used%s%s%s",
                              ws->evaluator, hint ? "; did you mean '" : "", hint ? hint : "",
                              hint ? "'?" : "");
        }
    }
    for (i = 0; i < panel->cell_count; i++) {
        struct crm_panel_cell *cell = &panel->cells[i];

        cell->width = scale_width(ev, panel, cell->criterion);
        cell_stats(ev, panel, cell);
    }
    for (i = 0; i < panel->cell_count; i++) {
        struct crm_panel_cell *cell = &panel->cells[i];
        struct crm_vendor *vendor = ev->vendors[cell->vendor];

        if (!crm__panel_aggregate(ev, panel, cell, SIZE_MAX, &cell->value)) {
            crm_diags_add(call->diags, CRM_SEV_WARNING, panel->source, 0, 0,
                          "the panel's scores of %s for '%s' all come from roles of weight "
                          "0; the vendor's own value is kept",
                          vendor->id, cell->raw.criterion);
            continue;
        }
        cell->applied = true;
        vendor->values[cell->criterion] = cell->value;
        drop_uncertain(ev, cell->vendor, cell->criterion, call->diags);
    }
    if (panel->skipped > 0) {
        crm_diags_add(call->diags, CRM_SEV_WARNING, panel->source, 0, 0,
                      "%zu panel score%s for vendors or criteria not in this evaluation: "
                      "left out",
                      panel->skipped, panel->skipped == 1 ? " is" : "s are");
    }
    if (ev->panel_settings.spread_as_uncertainty) {
        add_spread_inputs(arena, ev, panel);
    }
    add_panel_input(ev, rows, used, call->scores);
    return CRM_OK;
}

crm_status crm_evaluation_set_panel(crm_evaluation *ev, const crm_scores *scores,
                                    const char *source, crm_diags *diags)
{
    struct set_call call = { ev, scores, source, diags };

    if (crm_scores_count(scores) == 0) {
        return CRM_OK;
    }
    return crm__arena_protect(ev->arena, set_protected, &call, diags);
}

/* ---- progress ------------------------------------------------------------- */

/* Roster positions sorted by name, for bsearch (qsort has no context). */
struct named {
    const char *name;
    size_t index;
};

static int compare_named(const void *pa, const void *pb)
{
    return strcmp(((const struct named *)pa)->name, ((const struct named *)pb)->name);
}

size_t crm_panel_status(const crm_evaluation *ev, const crm_scores *scores,
                        const crm_scores *roster, FILE *out)
{
    const struct crm_criteria_set *set = ev->set;
    size_t nv = ev->vendor_count, nc = set->criterion_count, cells = nv * nc, open_total = 0;
    size_t i, j, r, v, c, sheet_count = 0;
    size_t n = crm_scores_count(scores), people = crm_scores_count(roster);
    bool *on_sheet = calloc(nc + 1, sizeof(bool));
    /* done[r][v][c]: one pass over the scores, however many evaluators */
    bool *done = people <= (SIZE_MAX - 1) / (cells + 1)
                     ? calloc(people * cells + 1, sizeof(bool))
                     : NULL;
    size_t *scored = calloc(people + 1, sizeof(size_t));
    struct named *by_name = calloc(people + 1, sizeof(*by_name));

    if (on_sheet == NULL || done == NULL || scored == NULL || by_name == NULL) {
        free(on_sheet);
        free(done);
        free(scored);
        free(by_name);
        return SIZE_MAX; /* nothing printed */
    }
    /* the sheet: panel.criteria, else whatever someone has scored */
    for (i = 0; i < ev->panel_settings.sheet_count; i++) {
        on_sheet[ev->panel_settings.sheet[i]] = true;
    }
    for (i = 0; ev->panel_settings.sheet_count == 0 && i < n; i++) {
        const crm_panel_score *s = crm_scores_at(scores, i);

        if (s->criterion != NULL && s->vendor != NULL && crm__set_find(set, s->criterion, &c) &&
            find_vendor(ev, s->vendor, &v)) {
            on_sheet[c] = true;
        }
    }
    for (c = 0; c < nc; c++) {
        sheet_count += on_sheet[c];
    }
    for (r = 0; r < people; r++) {
        by_name[r].name = crm_scores_at(roster, r)->evaluator;
        by_name[r].index = r;
    }
    qsort(by_name, people, sizeof(*by_name), compare_named);
    for (i = 0; i < n; i++) {
        const crm_panel_score *s = crm_scores_at(scores, i);
        struct named key = { s->evaluator, 0 };
        const struct named *who = NULL;

        if (s->evaluator == NULL || s->vendor == NULL || s->criterion == NULL ||
            (who = bsearch(&key, by_name, people, sizeof(*by_name), compare_named)) == NULL ||
            !find_vendor(ev, s->vendor, &v) || !crm__set_find(set, s->criterion, &c) ||
            !on_sheet[c] || done[who->index * cells + v * nc + c]) {
            continue;
        }
        done[who->index * cells + v * nc + c] = true;
        scored[who->index]++;
    }
    fprintf(out, "score sheet: %zu vendor%s x %zu criteri%s (%s)\n", nv, nv == 1 ? "" : "s",
            sheet_count, sheet_count == 1 ? "on" : "a",
            ev->panel_settings.sheet_count > 0 ? "panel.criteria"
                                               : "the criteria someone has scored");
    for (r = 0; r < people; r++) {
        const crm_panel_score *who = crm_scores_at(roster, r);
        const bool *mine = &done[r * cells];
        size_t open = nv * sheet_count - scored[r];

        char name[512], role[64];

        open_total += open;
        /* names as a terminal can show them (escape sequences escaped) */
        fprintf(out, "%s (%s): %zu of %zu scored%s\n",
                crm__tty(name, sizeof(name), who->evaluator),
                crm__tty(role, sizeof(role), who->role ? who->role : "-"), scored[r],
                nv * sheet_count, open == 0 ? ", done" : "; to score:");
        for (v = 0; v < nv && open > 0; v++) {
            bool first = true;

            for (j = 0; j < nc; j++) {
                if (on_sheet[j] && !mine[v * nc + j]) {
                    fprintf(out, first ? "    %s: %s" : "%.0s, %s", ev->vendors[v]->id,
                            set->criteria[j].path);
                    first = false;
                }
            }
            if (!first) {
                fprintf(out, "\n");
            }
        }
    }
    free(on_sheet);
    free(done);
    free(scored);
    free(by_name);
    return open_total;
}
