/*
 * Weight profiles: group and criterion weights plus must-have rules. The
 * weight and rule readers are shared with evaluations, which may override
 * a profile's weights and add rules of their own.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "load/load.h"
#include "util/arena.h"
#include "util/strutil.h"

static const char *const profile_keys[] = {
    "kind", "id", "criteria_set", "name", "description", "rationale",
    "near_miss_margin", "groups", "must_have", NULL
};
static const char *const group_weight_keys[] = { "weight", "criteria", NULL };
static const char *const rule_keys[] = { "criterion", "equals", "min", "max",
                                         "one_of", "reason", NULL };

bool crm__weights_read(struct crm_reader *r, const struct crm_ynode *node,
                       struct crm_weight_entry **out, size_t *count)
{
    struct crm_weight_entry *entries = NULL;
    size_t n = 0, cap = 0, i, j;
    size_t errors = r->errors;

    *out = NULL;
    *count = 0;
    if (!crm__rd_is_map(r, node, "'groups' weights")) {
        return false;
    }
    for (i = 0; i < node->count; i++) {
        const struct crm_ynode *v = node->pairs[i].value;

        cap += 1 + (v->type == CRM_YMAP && crm__rd_get(v, "criteria") &&
                            crm__rd_get(v, "criteria")->type == CRM_YMAP
                        ? crm__rd_get(v, "criteria")->count
                        : 0);
    }
    entries = crm__arena_array(r->arena, cap ? cap : 1, sizeof(*entries));
    for (i = 0; i < node->count; i++) {
        const struct crm_ynode *key = node->pairs[i].key;
        const struct crm_ynode *v = node->pairs[i].value;
        const struct crm_ynode *w = NULL, *crit = NULL;
        const char *group = NULL;

        if (!crm__rd_id(r, key, "group id", &group)) {
            continue;
        }
        if (v->type == CRM_YSCALAR || crm__is_dist_node(v)) {
            /* shorthand: `security: 30` */
            struct crm_weight_entry *e = &entries[n];

            if (crm__rd_uncertain(r, v, "a group weight", 0, CRM_NUMBER_LIMIT,
                                  &e->weight, &e->dist)) {
                e->group = group;
                e->mark = crm__rd_mark(r, key);
                n++;
            }
            continue;
        }
        if (!crm__rd_is_map(r, v, "a group's weights")) {
            continue;
        }
        crm__rd_check_keys(r, v, group_weight_keys, "a group's weights");
        w = crm__rd_get(v, "weight");
        if (w != NULL) {
            struct crm_weight_entry *e = &entries[n];

            if (crm__rd_uncertain(r, w, "a group weight", 0, CRM_NUMBER_LIMIT,
                                  &e->weight, &e->dist)) {
                e->group = group;
                e->mark = crm__rd_mark(r, key);
                n++;
            }
        }
        crit = crm__rd_get(v, "criteria");
        if (crit == NULL || !crm__rd_is_map(r, crit, "criterion weights")) {
            continue;
        }
        for (j = 0; j < crit->count; j++) {
            struct crm_weight_entry *e = &entries[n];
            const char *cid = NULL;

            if (!crm__rd_id(r, crit->pairs[j].key, "criterion id", &cid) ||
                !crm__rd_uncertain(r, crit->pairs[j].value, "a criterion weight",
                                   0, CRM_NUMBER_LIMIT, &e->weight, &e->dist)) {
                continue;
            }
            e->group = group;
            e->criterion = cid;
            e->mark = crm__rd_mark(r, crit->pairs[j].key);
            n++;
        }
    }
    *out = entries;
    *count = n;
    return r->errors == errors;
}

/* One must-have rule: the criterion it tests (resolved later, once the
 * criteria set is known) and exactly one test: equals, min/max or one_of.
 * False when the rule cannot be used; it was reported. */
static bool read_rule(struct crm_reader *r, const struct crm_ynode *node,
                      const char *origin, struct crm_rule *rule)
{
    const struct crm_ynode *v = NULL;
    const struct crm_ynode *eq = NULL, *lo = NULL, *hi = NULL, *one = NULL;
    int tests = 0;

    rule->origin = origin;
    rule->mark = crm__rd_mark(r, node);
    if (!crm__rd_is_map(r, node, "a must-have rule")) {
        return false;
    }
    crm__rd_check_keys(r, node, rule_keys, "a must-have rule");
    v = crm__rd_require(r, node, "criterion", "a must-have rule");
    if (v == NULL || !crm__rd_string(r, v, "'criterion'", &rule->criterion)) {
        return false;
    }
    rule->mark = crm__rd_mark(r, v);
    eq = crm__rd_get(node, "equals");
    lo = crm__rd_get(node, "min");
    hi = crm__rd_get(node, "max");
    one = crm__rd_get(node, "one_of");
    tests = (eq != NULL) + (lo != NULL || hi != NULL) + (one != NULL);
    if (tests != 1) {
        crm__rd_error(r, node,
                      "a must-have rule needs exactly one test: 'equals', "
                      "'min'/'max' or 'one_of' (rule on '%s' has %d)",
                      rule->criterion, tests);
        return false;
    }
    if (eq != NULL) {
        rule->test = CRM_RULE_EQUALS;
        if (!crm__rd_bool(r, eq, "'equals'", &rule->equals)) {
            return false;
        }
    } else if (one != NULL) {
        size_t i;

        rule->test = CRM_RULE_ONE_OF;
        if (!crm__rd_string_list(r, one, "'one_of'", &rule->one_of,
                                 &rule->one_of_count)) {
            return false;
        }
        if (rule->one_of_count == 0) {
            crm__rd_error(r, one, "'one_of' is empty; list at least one option");
            return false;
        }
        rule->one_of_marks = crm__arena_array(r->arena, rule->one_of_count + 1,
                                              sizeof(*rule->one_of_marks));
        for (i = 0; i < rule->one_of_count; i++) {
            rule->one_of_marks[i] =
                crm__rd_mark(r, one->type == CRM_YSEQ ? one->items[i] : one);
        }
    } else {
        rule->test = CRM_RULE_RANGE;
        if (lo != NULL) {
            rule->has_min = crm__rd_number(r, lo, "'min'", &rule->min);
            if (!rule->has_min) {
                return false;
            }
        }
        if (hi != NULL) {
            rule->has_max = crm__rd_number(r, hi, "'max'", &rule->max);
            if (!rule->has_max) {
                return false;
            }
        }
        if (rule->has_min && rule->has_max && rule->min > rule->max) {
            crm__rd_error(r, lo, "'min' (%g) is above 'max' (%g)", rule->min,
                          rule->max);
            return false;
        }
    }
    v = crm__rd_get(node, "reason");
    if (v != NULL) {
        crm__rd_text(r, v, "'reason'", false, &rule->reason);
    }
    return true;
}

bool crm__rules_read(struct crm_reader *r, const struct crm_ynode *node,
                     const char *origin, struct crm_rule **out, size_t *count)
{
    struct crm_rule *rules = NULL;
    size_t i, n = 0;
    bool ok = true;

    *out = NULL;
    *count = 0;
    if (!crm__rd_is_seq(r, node, "'must_have'")) {
        return false;
    }
    rules = crm__arena_array(r->arena, node->count ? node->count : 1,
                             sizeof(*rules));
    for (i = 0; i < node->count; i++) {
        if (read_rule(r, node->items[i], origin, &rules[n])) {
            n++;
        } else {
            ok = false;
        }
    }
    *out = rules;
    *count = n;
    return ok;
}

/* A weight profile from its YAML root, in arena memory: ids, texts,
 * near-miss margin (default 0.1, below 1), group and criterion weights and
 * must-have rules. The rules' criteria are checked against a criteria set
 * separately (crm__rules_resolve), since validate reads files alone. */
struct crm_profile *crm__profile_read(struct crm_reader *r,
                                      const struct crm_ynode *root)
{
    struct crm_profile *p = crm__arena_alloc(r->arena, sizeof(*p));
    const struct crm_ynode *v = NULL;

    p->file = r->file;
    p->near_miss_margin = 0.1;
    p->mark = crm__rd_mark(r, root);
    crm__rd_check_keys(r, root, profile_keys, "a profile");
    v = crm__rd_require(r, root, "id", "a profile");
    if (v != NULL) {
        crm__rd_id(r, v, "profile id", &p->id);
    }
    v = crm__rd_require(r, root, "criteria_set", "a profile");
    if (v != NULL) {
        crm__rd_id(r, v, "criteria set id", &p->criteria_set);
        p->mark = crm__rd_mark(r, v);
    }
    v = crm__rd_require(r, root, "name", "a profile");
    if (v != NULL) {
        crm__rd_name_text(r, v, "'name'", false, &p->name);
    }
    v = crm__rd_get(root, "description");
    if (v != NULL) {
        crm__rd_text(r, v, "'description'", false, &p->description);
    }
    v = crm__rd_get(root, "rationale");
    if (v != NULL) {
        crm__rd_text(r, v, "'rationale'", false, &p->rationale);
    }
    v = crm__rd_get(root, "near_miss_margin");
    if (v != NULL && crm__rd_nonneg(r, v, "'near_miss_margin'",
                                    &p->near_miss_margin) &&
        p->near_miss_margin >= 1) {
        crm__rd_error(r, v, "'near_miss_margin' must be below 1 (got %g)",
                      p->near_miss_margin);
    }
    p->weights_mark = crm__rd_mark(r, root);
    v = crm__rd_get(root, "groups");
    if (v != NULL) {
        p->weights_mark = crm__rd_mark(r, v);
        crm__weights_read(r, v, &p->weights, &p->weight_count);
    }
    v = crm__rd_get(root, "must_have");
    if (v != NULL) {
        crm__rules_read(r, v,
                        crm__arena_printf(r->arena, "profile '%s'",
                                          p->id ? p->id : "?"),
                        &p->rules, &p->rule_count);
    }
    return p;
}

void crm__check_set_id(crm_diags *diags, const struct crm_mark *mark,
                       const char *named, const struct crm_criteria_set *set)
{
    if (named != NULL && set->id != NULL && strcmp(named, set->id) != 0) {
        crm__mark_error(diags, mark,
                        "written for criteria set '%s' but used with '%s'",
                        named, set->id);
    }
}

size_t crm__weights_resolve(crm_diags *diags,
                            const struct crm_criteria_set *set,
                            const struct crm_weight_entry *entries,
                            size_t count)
{
    size_t i, errors = 0;

    for (i = 0; i < count; i++) {
        const struct crm_weight_entry *e = &entries[i];
        size_t gi = 0, ci = 0;

        if (!crm__strmap_get(&set->group_by_id, e->group, &gi)) {
            const char *hint = crm__did_you_mean_n(
                e->group, set->groups, set->group_count,
                sizeof(set->groups[0]), offsetof(struct crm_group, id));

            crm__mark_error(diags, &e->mark,
                            "unknown group '%s' in criteria set '%s'%s%s%s",
                            e->group, set->id, hint ? "; did you mean '" : "",
                            hint ? hint : "", hint ? "'?" : "");
            errors++;
            continue;
        }
        if (e->criterion != NULL) {
            char path[160];

            snprintf(path, sizeof(path), "%s.%s", e->group, e->criterion);
            if (!crm__set_find(set, path, &ci)) {
                const struct crm_group *g = &set->groups[gi];
                const char *hint = crm__did_you_mean_n(
                    e->criterion, set->criteria + g->first, g->count,
                    sizeof(set->criteria[0]),
                    offsetof(struct crm_criterion, id));

                crm__mark_error(diags, &e->mark,
                                "unknown criterion '%s' in group '%s'%s%s%s",
                                e->criterion, e->group,
                                hint ? "; did you mean '" : "",
                                hint ? hint : "", hint ? "'?" : "");
                errors++;
            }
        }
    }
    return errors;
}

/* Report an unknown criterion path with a suggestion. */
static void unknown_criterion(crm_diags *diags,
                              const struct crm_criteria_set *set,
                              const struct crm_mark *mark, const char *path)
{
    const char *hint = crm__did_you_mean_n(path, set->criteria,
                                           set->criterion_count,
                                           sizeof(set->criteria[0]),
                                           offsetof(struct crm_criterion, path));

    if (hint != NULL) {
        crm__mark_error(diags, mark,
                        "unknown criterion '%s'; did you mean '%s'?", path,
                        hint);
    } else {
        crm__mark_error(diags, mark,
                        "unknown criterion '%s' in criteria set '%s'; "
                        "expected 'group.criterion'",
                        path, set->id);
    }
}

/* Tie each rule to its criterion in @p set and check that the test fits
 * the criterion's kind (and a rating threshold its scale, a one_of its
 * options). Returns the number of errors reported. */
size_t crm__rules_resolve(crm_diags *diags, const struct crm_criteria_set *set,
                          struct crm_rule *rules, size_t count)
{
    size_t i, j, errors = 0;

    for (i = 0; i < count; i++) {
        struct crm_rule *rule = &rules[i];
        const struct crm_criterion *c = NULL;
        size_t opt = 0;

        if (!crm__set_find(set, rule->criterion, &rule->index)) {
            unknown_criterion(diags, set, &rule->mark, rule->criterion);
            errors++;
            continue;
        }
        c = &set->criteria[rule->index];
        switch (rule->test) {
        case CRM_RULE_EQUALS:
            if (c->kind != CRM_KIND_BOOLEAN) {
                crm__mark_error(diags, &rule->mark,
                                "'equals' tests a boolean, but '%s' is a %s "
                                "criterion; use %s",
                                c->path, crm__kind_name(c->kind),
                                c->kind == CRM_KIND_CHOICE ? "'one_of'"
                                                           : "'min'/'max'");
                errors++;
            }
            break;
        case CRM_RULE_RANGE:
            if (c->kind != CRM_KIND_NUMBER && c->kind != CRM_KIND_RATING) {
                crm__mark_error(diags, &rule->mark,
                                "'min'/'max' test a number or rating, but "
                                "'%s' is a %s criterion",
                                c->path, crm__kind_name(c->kind));
                errors++;
            } else if (c->kind == CRM_KIND_RATING &&
                       ((rule->has_min && (rule->min < c->scale_min ||
                                           rule->min > c->scale_max)) ||
                        (rule->has_max && (rule->max < c->scale_min ||
                                           rule->max > c->scale_max)))) {
                crm__mark_error(diags, &rule->mark,
                                "threshold for '%s' is outside its scale "
                                "%g..%g",
                                c->path, c->scale_min, c->scale_max);
                errors++;
            }
            break;
        case CRM_RULE_ONE_OF:
            if (c->kind != CRM_KIND_CHOICE) {
                crm__mark_error(diags, &rule->mark,
                                "'one_of' tests a choice, but '%s' is a %s "
                                "criterion",
                                c->path, crm__kind_name(c->kind));
                errors++;
                break;
            }
            for (j = 0; j < rule->one_of_count; j++) {
                if (!crm__criterion_option(c, rule->one_of[j], &opt)) {
                    char list[256];

                    crm__mark_error(diags, &rule->one_of_marks[j],
                                    "'%s' is not an option of '%s'; expected "
                                    "one of: %s",
                                    rule->one_of[j], c->path,
                                    crm__option_list(c, list, sizeof(list)));
                    errors++;
                }
            }
            break;
        }
    }
    return errors;
}
