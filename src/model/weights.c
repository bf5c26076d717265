/*
 * Effective weights: defaults from the criteria set, then the profile, then
 * the evaluation's overrides; each level normalised to sum to 1.
 */
#include <stdio.h>
#include <string.h>

#include "model/model.h"
#include "util/arena.h"

/* Write one source's weight entries (the profile's or the evaluation's)
 * over the raw weights, noting @p origin for each. Unknown ids are skipped
 * here: crm__weights_resolve reported them when the files were loaded. */
static void apply(const struct crm_criteria_set *set,
                  const struct crm_weight_entry *entries, size_t count,
                  const char *origin, struct crm_weights *w)
{
    size_t i;

    for (i = 0; i < count; i++) {
        const struct crm_weight_entry *e = &entries[i];
        size_t index = 0;

        if (e->criterion == NULL) {
            if (crm__strmap_get(&set->group_by_id, e->group, &index)) {
                w->group_raw[index] = e->weight;
                w->group_origin[index] = origin;
            }
        } else {
            char path[160];

            snprintf(path, sizeof(path), "%s.%s", e->group, e->criterion);
            if (crm__set_find(set, path, &index)) {
                w->criterion_raw[index] = e->weight;
                w->criterion_origin[index] = origin;
            }
        }
    }
}

size_t crm__weights_compute(struct crm_arena *arena, crm_diags *diags,
                            const struct crm_criteria_set *set,
                            const struct crm_weight_entry *profile_entries,
                            size_t profile_count,
                            const struct crm_weight_entry *override_entries,
                            size_t override_count,
                            const struct crm_mark *where,
                            struct crm_weights *out)
{
    size_t ng = set->group_count, nc = set->criterion_count;
    size_t g, c, errors = 0;
    double total = 0;

    out->group_raw = crm__arena_array(arena, ng + 1, sizeof(double));
    out->group_share = crm__arena_array(arena, ng + 1, sizeof(double));
    out->criterion_raw = crm__arena_array(arena, nc + 1, sizeof(double));
    out->criterion_share = crm__arena_array(arena, nc + 1, sizeof(double));
    out->effective = crm__arena_array(arena, nc + 1, sizeof(double));
    out->group_origin = crm__arena_array(arena, ng + 1, sizeof(char *));
    out->criterion_origin = crm__arena_array(arena, nc + 1, sizeof(char *));
    for (g = 0; g < ng; g++) {
        out->group_raw[g] = set->groups[g].weight;
        out->group_origin[g] = "criteria set";
    }
    for (c = 0; c < nc; c++) {
        out->criterion_raw[c] = set->criteria[c].weight;
        out->criterion_origin[c] = "criteria set";
    }
    apply(set, profile_entries, profile_count, "profile", out);
    apply(set, override_entries, override_count, "evaluation", out);

    for (g = 0; g < ng; g++) {
        total += out->group_raw[g];
    }
    if (total <= 0) {
        crm__mark_error(diags, where,
                        "all group weights are zero after the profile "
                             "and overrides; give at least one group a "
                             "positive weight");
        return 1;
    }
    for (g = 0; g < ng; g++) {
        const struct crm_group *grp = &set->groups[g];
        double sum = 0;

        out->group_share[g] = out->group_raw[g] / total;
        for (c = grp->first; c < grp->first + grp->count; c++) {
            sum += out->criterion_raw[c];
        }
        if (sum <= 0) {
            if (out->group_raw[g] > 0 && grp->count > 0) {
                crm__mark_error(diags, where,
                                "all criterion weights in group '%s' "
                                     "are zero while the group's weight is "
                                     "not; give a criterion a positive "
                                     "weight or the group weight 0",
                                     grp->id);
                errors++;
            }
            continue;
        }
        for (c = grp->first; c < grp->first + grp->count; c++) {
            out->criterion_share[c] = out->criterion_raw[c] / sum;
            out->effective[c] = out->group_share[g] * out->criterion_share[c];
        }
    }
    return errors;
}
