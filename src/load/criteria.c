/*
 * Criteria sets: groups of criteria, each with a kind that says how a
 * vendor's value becomes a score in 0..1 (see docs/formats.md).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "crmeval/limits.h"
#include "load/load.h"
#include "util/arena.h"

static const char *const set_keys[] = { "kind", "id", "version", "name",
                                        "description", "groups", NULL };
static const char *const group_keys[] = { "id", "name", "description",
                                          "weight", "criteria", NULL };
static const char *const criterion_keys[] = {
    "id", "name", "description", "kind", "weight", "scale", "labels",
    "unit", "direction", "value_function", "options", "derived", NULL
};
static const char *const kind_names[] = { "rating", "boolean", "number",
                                          "choice", NULL };
static const char *const direction_names[] = { "higher", "lower", NULL };
static const char *const derived_names[] = { "licence_cost_per_seat_year",
                                             "tco_per_seat_year", "pv_costs",
                                             NULL };

/* Keys that only make sense for some kinds. */
static void reject_foreign_keys(struct crm_reader *r,
                                const struct crm_ynode *node,
                                enum crm_kind kind, const char *where)
{
    static const struct {
        const char *key;
        int kinds; /* bit per crm_kind allowed */
    } only[] = {
        { "scale", 1 << CRM_KIND_RATING },
        { "labels", 1 << CRM_KIND_RATING },
        { "unit", 1 << CRM_KIND_NUMBER },
        { "direction", 1 << CRM_KIND_NUMBER },
        { "value_function", 1 << CRM_KIND_NUMBER },
        { "derived", 1 << CRM_KIND_NUMBER },
        { "options", 1 << CRM_KIND_CHOICE },
    };
    size_t i;

    for (i = 0; i < sizeof(only) / sizeof(only[0]); i++) {
        const struct crm_ynode *v = crm__rd_get(node, only[i].key);

        if (v != NULL && !(only[i].kinds & (1 << kind))) {
            crm__rd_error(r, v, "'%s' does not apply to a %s criterion (%s)",
                          only[i].key, crm__kind_name(kind), where);
        }
    }
}

/* A rating criterion's scale (min < max) and optional labels, each at a
 * point inside the scale. A bad label is reported and left out; the rest
 * are kept, so one run shows every problem. */
static void read_rating(struct crm_reader *r, const struct crm_ynode *node,
                        struct crm_criterion *c, const char *where)
{
    static const char *const scale_keys[] = { "min", "max", NULL };
    const struct crm_ynode *scale = crm__rd_require(r, node, "scale", where);
    const struct crm_ynode *labels = crm__rd_get(node, "labels");
    const struct crm_ynode *lo = NULL, *hi = NULL;
    size_t i;

    if (scale == NULL || !crm__rd_is_map(r, scale, "'scale'")) {
        return;
    }
    crm__rd_check_keys(r, scale, scale_keys, "'scale'");
    lo = crm__rd_require(r, scale, "min", "'scale'");
    hi = crm__rd_require(r, scale, "max", "'scale'");
    if (lo == NULL || hi == NULL ||
        !crm__rd_number(r, lo, "'scale.min'", &c->scale_min) ||
        !crm__rd_number(r, hi, "'scale.max'", &c->scale_max)) {
        return;
    }
    if (!(c->scale_min < c->scale_max)) {
        crm__rd_error(r, hi, "scale max (%g) must be greater than min (%g)",
                      c->scale_max, c->scale_min);
    }
    if (labels == NULL || !crm__rd_is_map(r, labels, "'labels'")) {
        return;
    }
    c->labels = crm__arena_array(r->arena, labels->count ? labels->count : 1,
                                 sizeof(*c->labels));
    for (i = 0; i < labels->count; i++) {
        struct crm_label *l = &c->labels[c->label_count];

        if (!crm__rd_number(r, labels->pairs[i].key, "a label's scale point",
                            &l->at)) {
            continue;
        }
        if (l->at < c->scale_min || l->at > c->scale_max) {
            crm__rd_error(r, labels->pairs[i].key,
                          "label point %g is outside the scale %g..%g", l->at,
                          c->scale_min, c->scale_max);
            continue;
        }
        if (crm__rd_text(r, labels->pairs[i].value, "a label", false,
                         &l->text)) {
            c->label_count++;
        }
    }
}

/* A number criterion: unit, direction (higher is better unless 'lower'),
 * an optional derived quantity and an optional value function. A value
 * function that fails its checks is dropped after being reported. */
static void read_number(struct crm_reader *r, const struct crm_ynode *node,
                        struct crm_criterion *c, const char *where)
{
    const struct crm_ynode *unit = crm__rd_require(r, node, "unit", where);
    const struct crm_ynode *dir = crm__rd_require(r, node, "direction", where);
    const struct crm_ynode *vf = crm__rd_get(node, "value_function");
    const struct crm_ynode *derived = crm__rd_get(node, "derived");
    int d = 0;

    if (unit != NULL) {
        crm__rd_string(r, unit, "'unit'", &c->unit);
    }
    c->direction = 1;
    if (dir != NULL) {
        d = crm__rd_enum(r, dir, "direction", direction_names);
        c->direction = d == 1 ? -1 : 1;
    }
    if (derived != NULL) {
        d = crm__rd_enum(r, derived, "derived quantity", derived_names);
        if (d >= 0) {
            c->derived = (enum crm_derived)(d + 1);
        }
    }
    if (vf != NULL &&
        crm__rd_points(r, vf, "the value function", &c->points,
                       &c->point_count)) {
        if (!crm__check_points(r, vf, "the value function", c->points,
                               c->point_count, c->direction)) {
            c->points = NULL;
            c->point_count = 0;
        }
    }
}

/* A choice criterion's options (at least two): each an id, a value in
 * 0..1 and an optional name. Bad options are reported and skipped. */
static void read_choice(struct crm_reader *r, const struct crm_ynode *node,
                        struct crm_criterion *c, const char *where)
{
    static const char *const option_keys[] = { "value", "name", NULL };
    const struct crm_ynode *opts = crm__rd_require(r, node, "options", where);
    size_t i;

    if (opts == NULL || !crm__rd_is_map(r, opts, "'options'")) {
        return;
    }
    if (opts->count < 2) {
        crm__rd_error(r, opts, "a choice needs at least 2 options; got %zu",
                      opts->count);
    }
    c->options = crm__arena_array(r->arena, opts->count ? opts->count : 1,
                                  sizeof(*c->options));
    for (i = 0; i < opts->count; i++) {
        const struct crm_ynode *key = opts->pairs[i].key;
        const struct crm_ynode *val = opts->pairs[i].value;
        struct crm_option *o = &c->options[c->option_count];
        const struct crm_ynode *v = NULL, *name = NULL;

        if (!crm__rd_id(r, key, "option id", &o->id)) {
            continue;
        }
        if (!crm__rd_is_map(r, val, "an option")) {
            continue;
        }
        crm__rd_check_keys(r, val, option_keys, "an option");
        v = crm__rd_require(r, val, "value", "an option");
        name = crm__rd_get(val, "name");
        if (v == NULL || !crm__rd_number(r, v, "an option's value", &o->value)) {
            continue;
        }
        if (o->value < 0 || o->value > 1) {
            crm__rd_error(r, v, "option value %g is outside 0..1", o->value);
            continue;
        }
        if (name != NULL) {
            crm__rd_name_text(r, name, "an option's name", false, &o->name);
        }
        c->option_count++;
    }
}

/* One criterion of group @p g: the common keys, then its kind's own keys.
 * c->path ("group.criterion") is left NULL when either id is missing or bad,
 * which tells the caller not to keep the criterion. */
static void read_criterion(struct crm_reader *r, const struct crm_ynode *node,
                           struct crm_group *g, struct crm_criterion *c)
{
    char where[160];
    const struct crm_ynode *id = NULL, *v = NULL;
    int kind = -1;

    c->weight = 1;
    c->mark = crm__rd_mark(r, node);
    if (!crm__rd_is_map(r, node, "a criterion")) {
        return;
    }
    id = crm__rd_require(r, node, "id", "a criterion");
    if (id != NULL) {
        crm__rd_id(r, id, "criterion id", &c->id);
        c->id_mark = crm__rd_mark(r, id);
    }
    snprintf(where, sizeof(where), "criterion '%s.%s'", g->id ? g->id : "?",
             c->id ? c->id : "?");
    if (g->id != NULL && c->id != NULL) {
        c->path = crm__arena_printf(r->arena, "%s.%s", g->id, c->id);
    }
    crm__rd_check_keys(r, node, criterion_keys, where);
    v = crm__rd_require(r, node, "name", where);
    if (v != NULL) {
        crm__rd_name_text(r, v, "'name'", true, &c->name);
    }
    v = crm__rd_require(r, node, "description", where);
    if (v != NULL) {
        crm__rd_text(r, v, "'description'", true, &c->description);
    }
    v = crm__rd_get(node, "weight");
    if (v != NULL) {
        crm__rd_nonneg(r, v, "'weight'", &c->weight);
    }
    v = crm__rd_require(r, node, "kind", where);
    if (v == NULL) {
        return;
    }
    kind = crm__rd_enum(r, v, "criterion kind", kind_names);
    if (kind < 0) {
        return;
    }
    c->kind = (enum crm_kind)kind;
    reject_foreign_keys(r, node, c->kind, where);
    switch (c->kind) {
    case CRM_KIND_RATING:
        read_rating(r, node, c, where);
        break;
    case CRM_KIND_NUMBER:
        read_number(r, node, c, where);
        break;
    case CRM_KIND_CHOICE:
        read_choice(r, node, c, where);
        break;
    case CRM_KIND_BOOLEAN:
        break;
    }
}

/* A criteria set from its YAML root, in arena memory. The criterion count
 * is checked against CRM_MAX_CRITERIA before any criterion is read, since
 * it bounds the reports and the simulation. Errors are reported through
 * @p r and reading goes on; the set returned may be partial. */
struct crm_criteria_set *crm__criteria_read(struct crm_reader *r,
                                            const struct crm_ynode *root)
{
    struct crm_criteria_set *set = crm__arena_alloc(r->arena, sizeof(*set));
    const struct crm_ynode *groups = NULL, *v = NULL;
    size_t i, j, total = 0;
    double version = 0;
    double weight_sum = 0;

    set->file = r->file;
    crm__rd_check_keys(r, root, set_keys, "a criteria set");
    v = crm__rd_require(r, root, "id", "a criteria set");
    if (v != NULL) {
        crm__rd_id(r, v, "criteria set id", &set->id);
    }
    v = crm__rd_get(root, "version");
    if (v != NULL && crm__rd_number(r, v, "'version'", &version)) {
        if (version < 1 || version != floor(version) || version > 1e9) {
            crm__rd_error(r, v, "'version' must be a whole number >= 1");
        }
        set->version = (long)version;
    }
    v = crm__rd_require(r, root, "name", "a criteria set");
    if (v != NULL) {
        crm__rd_name_text(r, v, "'name'", true, &set->name);
    }
    groups = crm__rd_require(r, root, "groups", "a criteria set");
    if (groups == NULL || !crm__rd_is_seq(r, groups, "'groups'")) {
        return set;
    }
    if (groups->count == 0) {
        crm__rd_error(r, groups, "a criteria set needs at least one group");
        return set;
    }
    for (i = 0; i < groups->count; i++) {
        const struct crm_ynode *crit = crm__rd_get(groups->items[i], "criteria");

        if (crit != NULL && crit->type == CRM_YSEQ) {
            /* refused at the first criterion past the limit, before any
             * is read */
            if (total + crit->count > CRM_MAX_CRITERIA) {
                crm__rd_error(r, crit->items[CRM_MAX_CRITERIA - total],
                              "more than %u criteria (this is criterion %u); a criteria "
                              "set may have at most %u, which bounds the reports and "
                              "the simulation (docs/formats.md, Limits)",
                              CRM_MAX_CRITERIA, CRM_MAX_CRITERIA + 1, CRM_MAX_CRITERIA);
                return set;
            }
            total += crit->count;
        }
    }
    set->groups = crm__arena_array(r->arena, groups->count, sizeof(*set->groups));
    set->criteria = crm__arena_array(r->arena, total ? total : 1,
                                     sizeof(*set->criteria));
    crm__strmap_init(&set->by_path, r->arena, total);
    crm__strmap_init(&set->group_by_id, r->arena, groups->count);

    for (i = 0; i < groups->count; i++) {
        const struct crm_ynode *gn = groups->items[i];
        struct crm_group *g = &set->groups[set->group_count];
        const struct crm_ynode *crit = NULL;
        char where[96];

        g->weight = 1;
        g->mark = crm__rd_mark(r, gn);
        if (!crm__rd_is_map(r, gn, "a group")) {
            continue;
        }
        v = crm__rd_require(r, gn, "id", "a group");
        if (v == NULL || !crm__rd_id(r, v, "group id", &g->id)) {
            continue;
        }
        snprintf(where, sizeof(where), "group '%s'", g->id);
        if (!crm__strmap_put(&set->group_by_id, g->id, set->group_count)) {
            size_t first = 0;

            crm__strmap_get(&set->group_by_id, g->id, &first);
            crm__rd_error(r, v, "duplicate group id '%s' (first given at line %u)",
                          g->id, set->groups[first].mark.line);
            continue;
        }
        crm__rd_check_keys(r, gn, group_keys, where);
        v = crm__rd_require(r, gn, "name", where);
        if (v != NULL) {
            crm__rd_name_text(r, v, "'name'", true, &g->name);
        }
        v = crm__rd_require(r, gn, "description", where);
        if (v != NULL) {
            crm__rd_text(r, v, "'description'", true, &g->description);
        }
        v = crm__rd_get(gn, "weight");
        if (v != NULL) {
            crm__rd_nonneg(r, v, "'weight'", &g->weight);
        }
        weight_sum += g->weight;
        g->first = set->criterion_count;
        crit = crm__rd_require(r, gn, "criteria", where);
        set->group_count++;
        if (crit == NULL || !crm__rd_is_seq(r, crit, "'criteria'")) {
            continue;
        }
        if (crit->count == 0) {
            crm__rd_error(r, crit, "group '%s' has no criteria", g->id);
        }
        for (j = 0; j < crit->count; j++) {
            struct crm_criterion *c = &set->criteria[set->criterion_count];

            /* a slot a refused criterion (no id, a duplicate) left behind
             * is read into again: nothing of it may carry over (its
             * label_count overran the next one's labels; fuzz_criteria) */
            memset(c, 0, sizeof(*c));
            c->group = set->group_count - 1;
            read_criterion(r, crit->items[j], g, c);
            if (c->path == NULL) {
                continue;
            }
            if (!crm__strmap_put(&set->by_path, c->path,
                                 set->criterion_count)) {
                size_t first = 0;

                crm__set_find(set, c->path, &first);
                crm__mark_error(r->diags, &c->id_mark,
                                "duplicate criterion id '%s' in group '%s' "
                                "(first given at line %u)",
                                c->id, g->id, set->criteria[first].id_mark.line);
                r->errors++;
                continue;
            }
            set->criterion_count++;
            g->count++;
        }
        {
            double cw = 0;

            for (j = 0; j < g->count; j++) {
                cw += set->criteria[g->first + j].weight;
            }
            if (g->count > 0 && cw <= 0 && g->weight > 0) {
                crm__rd_error(r, crit,
                              "all criterion weights in group '%s' are zero; "
                              "give at least one a positive weight",
                              g->id);
            }
        }
    }
    if (set->group_count > 0 && weight_sum <= 0) {
        crm__rd_error(r, groups,
                      "all group weights are zero; give at least one group a "
                      "positive weight");
    }
    return set;
}
