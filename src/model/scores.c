/*
 * The scores container (crm_scores, include/crmeval/panel.h): a list of
 * panel scores as entered, each with its evaluator, role and where it came
 * from. Sheets (load/sheet.c) and the workspace database (store/) fill it;
 * crm_evaluation_check_scores and crm_evaluation_set_panel read it. It
 * lives in model because every one of those modules shares it.
 */
#include <stdlib.h>
#include <string.h>

#include "crmeval/panel.h"
#include "util/arena.h"
#include "util/strmap.h"

struct crm_scores {
    struct crm_arena *arena;       /* the strings */
    crm_panel_score *items;
    size_t count, cap;
};

crm_scores *crm_scores_new(void)
{
    crm_scores *s = calloc(1, sizeof(*s));

    if (s != NULL && (s->arena = crm__arena_new()) == NULL) {
        free(s);
        s = NULL;
    }
    return s;
}

void crm_scores_free(crm_scores *scores)
{
    if (scores != NULL) {
        crm__arena_free(scores->arena);
        free(scores->items);
        free(scores);
    }
}

size_t crm_scores_count(const crm_scores *scores)
{
    return scores->count;
}

const crm_panel_score *crm_scores_at(const crm_scores *scores, size_t i)
{
    return i < scores->count ? &scores->items[i] : NULL;
}

/* A copy of @p s in the list's arena (NULL stays NULL); false when out of
 * memory. */
static bool copy_str(crm_scores *scores, const char *s, const char **out)
{
    *out = s != NULL ? crm__arena_strdup(scores->arena, s) : NULL;
    return s == NULL || *out != NULL;
}

crm_status crm_scores_add(crm_scores *scores, const crm_panel_score *score)
{
    crm_panel_score c = *score;

    if (scores->count == scores->cap) {
        size_t cap = scores->cap ? scores->cap * 2 : 64;
        crm_panel_score *items = realloc(scores->items, cap * sizeof(*items));

        if (items == NULL) {
            return CRM_ENOMEM;
        }
        scores->items = items;
        scores->cap = cap;
    }
    if (!copy_str(scores, score->evaluator, &c.evaluator) ||
        !copy_str(scores, score->role, &c.role) ||
        !copy_str(scores, score->vendor, &c.vendor) ||
        !copy_str(scores, score->criterion, &c.criterion) ||
        !copy_str(scores, score->value, &c.value) ||
        !copy_str(scores, score->comment, &c.comment) ||
        !copy_str(scores, score->scored_at, &c.scored_at) ||
        !copy_str(scores, score->file, &c.file)) {
        return CRM_ENOMEM;
    }
    scores->items[scores->count++] = c;
    return CRM_OK;
}

/*
 * Map each evaluator of @p list to the first role it is given there, in
 * @p map (from @p arena). One pass and a hash lookup per row: a scan of the
 * list per row was quadratic (40 s for a 4 MB sheet without roles).
 */
static bool roles_by_evaluator(struct crm_strmap *map, struct crm_arena *arena,
                               const crm_scores *list)
{
    size_t k;

    crm__strmap_init(map, arena, list->count);
    if (map->keys == NULL || map->values == NULL) {
        return false;
    }
    for (k = 0; k < list->count; k++) {
        if (list->items[k].role != NULL && list->items[k].evaluator != NULL) {
            crm__strmap_put(map, list->items[k].evaluator, k); /* the first stays */
        }
    }
    return true;
}

/* The role @p evaluator is given in @p list (mapped by @p map), or NULL. */
static const char *role_in(const struct crm_strmap *map, const crm_scores *list,
                           const char *evaluator)
{
    size_t k = 0;

    return crm__strmap_get(map, evaluator, &k) ? list->items[k].role : NULL;
}

void crm_scores_fill_roles(crm_scores *scores, const crm_scores *roster)
{
    struct crm_arena *arena = crm__arena_new();
    struct crm_strmap in_sheet, in_roster;
    size_t i;

    /* out of memory: the rows keep no role, and the check says so */
    if (arena == NULL || !roles_by_evaluator(&in_sheet, arena, scores) ||
        !roles_by_evaluator(&in_roster, arena, roster)) {
        crm__arena_free(arena);
        return;
    }
    /* the role an evaluator is given elsewhere in the list first (a new
     * evaluator's first row), then the one they already have */
    for (i = 0; i < scores->count; i++) {
        crm_panel_score *s = &scores->items[i];

        if (s->role == NULL && s->evaluator != NULL) {
            s->role = role_in(&in_sheet, scores, s->evaluator);
        }
        if (s->role == NULL && s->evaluator != NULL &&
            !copy_str(scores, role_in(&in_roster, roster, s->evaluator), &s->role)) {
            s->role = NULL;
        }
    }
    crm__arena_free(arena);
}
