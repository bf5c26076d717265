/*
 * An evaluation's `panel:` section (docs/panel.md): how the evaluators'
 * scores are combined (aggregate, role weights), which criteria the score
 * sheet asks for, and evaluators' own weight profiles. The scores
 * themselves come later, from a sheet or the workspace database
 * (crm_evaluation_set_panel).
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

static const char *const panel_keys[] = { "aggregate", "role_weights", "criteria", "weights",
                                          "spread_as_uncertainty", NULL };
static const char *const aggregates[] = { "weighted_mean", "median", NULL };

/* `panel:` how the panel's scores are combined; the sheet's criteria are
 * resolved once the criteria set is loaded (resolve_panel_sheet). */
void crm__ev_read_panel(struct crm_reader *r, const struct crm_ynode *node,
                       struct crm_evaluation *ev, const struct crm_ynode **sheet,
                       const struct crm_ynode **weight_sets)
{
    struct crm_panel_settings *ps = &ev->panel_settings;
    const struct crm_ynode *v = NULL;
    size_t i;
    int k;

    if (!crm__rd_is_map(r, node, "'panel'")) {
        return;
    }
    ev->has_panel = true;
    ps->mark = crm__rd_mark(r, node);
    crm__rd_check_keys(r, node, panel_keys, "'panel'");
    v = crm__rd_get(node, "aggregate");
    if (v != NULL && (k = crm__rd_enum(r, v, "panel aggregate", aggregates)) >= 0) {
        ps->aggregate = (enum crm_panel_aggregate)k;
    }
    v = crm__rd_get(node, "spread_as_uncertainty");
    if (v != NULL) {
        crm__rd_bool(r, v, "'panel.spread_as_uncertainty'", &ps->spread_as_uncertainty);
    }
    v = crm__rd_get(node, "role_weights");
    if (v != NULL && crm__rd_is_map(r, v, "'panel.role_weights'")) {
        for (i = 0; i < v->count; i++) {
            k = crm__rd_enum(r, v->pairs[i].key, "role", crm_roles);
            if (k >= 0) {
                crm__rd_nonneg(r, v->pairs[i].value, "a role weight", &ps->role_weight[k]);
            }
        }
    }
    *sheet = crm__rd_get(node, "criteria");
    v = crm__rd_get(node, "weights");
    if (v != NULL && crm__rd_is_map(r, v, "'panel.weights' (evaluator: weight profile)")) {
        *weight_sets = v;
    }
}

void crm__ev_resolve_panel_sheet(struct crm_reader *r, const struct crm_ynode *node,
                                struct crm_evaluation *ev)
{
    struct crm_panel_settings *ps = &ev->panel_settings;
    const char **paths = NULL;
    size_t i, n = 0, c = 0;

    if (!crm__rd_string_list(r, node, "'panel.criteria'", &paths, &n)) {
        return;
    }
    ps->sheet = crm__arena_array(ev->arena, n + 1, sizeof(*ps->sheet));
    for (i = 0; i < n; i++) {
        const struct crm_ynode *at = node->type == CRM_YSEQ ? node->items[i] : node;

        if (!crm__set_find(ev->set, paths[i], &c)) {
            const char *hint = crm__did_you_mean_n(
                paths[i], ev->set->criteria, ev->set->criterion_count,
                sizeof(ev->set->criteria[0]), offsetof(struct crm_criterion, path));

            crm__rd_error(r, at, "unknown criterion '%s' in criteria set '%s'%s%s%s",
                          paths[i], ev->set->id, hint ? "; did you mean '" : "",
                          hint ? hint : "", hint ? "'?" : "");
        } else if (ev->set->criteria[c].derived != CRM_DERIVED_NONE) {
            crm__rd_error(r, at, "'%s' is computed by crmeval from the vendors' pricing; "
                                 "the panel cannot score it",
                          paths[i]);
        } else {
            ps->sheet[ps->sheet_count++] = c;
        }
    }
}

/* Evaluators' own weights: each a weight profile on the evaluation's
 * criteria set (only its weights count), resolved like the main one. */
void crm__ev_load_weight_sets(struct crm_reader *r, const struct crm_ynode *node,
                             struct crm_evaluation *ev, const char *dir,
                             const char *profiles_dir, size_t input_cap, crm_diags *diags)
{
    struct crm_panel_settings *ps = &ev->panel_settings;
    size_t i;

    ps->weight_sets = crm__arena_array(ev->arena, node->count + 1, sizeof(*ps->weight_sets));
    for (i = 0; i < node->count; i++) {
        struct crm_weight_set *ws = &ps->weight_sets[ps->weight_set_count];
        const char *ref = NULL, *path = NULL;
        struct crm_loaded_file pf;
        struct crm_reader pr;
        struct crm_profile *profile = NULL;
        struct crm_weights w;
        size_t errors = 0;

        if (!crm__rd_check_name(r, node->pairs[i].key, "an evaluator's name") ||
            !crm__rd_string(r, node->pairs[i].value, "a weight profile", &ref)) {
            continue;
        }
        ws->evaluator = node->pairs[i].key->text;
        ws->profile = ref;
        ws->mark = crm__rd_mark(r, node->pairs[i].value);
        path = crm__ev_resolve_ref(ev->arena, dir, profiles_dir, ref);
        if (crm__file_load(ev->arena, path, CRM_FILE_PROFILE, diags, &pf) != CRM_OK) {
            crm__ev_note_reference(r, node->pairs[i].value, "weight profile");
            continue;
        }
        crm__rd_init(&pr, ev->arena, diags, pf.path);
        profile = crm__profile_read(&pr, pf.root);
        errors = crm_diags_error_count(diags);
        if (pr.errors == 0) {
            crm__check_set_id(diags, &profile->mark, profile->criteria_set, ev->set);
        }
        if (pr.errors > 0 || crm_diags_error_count(diags) > errors ||
            crm__weights_resolve(diags, ev->set, profile->weights, profile->weight_count) > 0 ||
            crm__weights_compute(ev->arena, diags, ev->set, profile->weights,
                                 profile->weight_count, NULL, 0, &profile->weights_mark,
                                 &w) > 0) {
            continue;
        }
        crm__ev_add_input(ev, input_cap, "weights", ref, &pf);
        ws->effective = w.effective;
        ps->weight_set_count++;
    }
}
