/*
 * `crmeval validate`: check any mix of input files. Every file is checked on
 * its own; profiles and vendors are also checked against the criteria set
 * they name when that set is among the files (or given with --criteria);
 * evaluations are loaded with everything they reference.
 */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include "crmeval/evaluation.h"
#include "crmeval/elicit.h"
#include "crmeval/panel.h"
#include "load/load.h"
#include "util/arena.h"
#include "util/diag.h"

struct pending {
    enum crm_file_kind kind;
    struct crm_profile *profile;
    struct crm_vendor *vendor;
    const char *path;
};

static const struct crm_criteria_set *
find_set(struct crm_criteria_set **sets, size_t n, const char *id)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (sets[i]->id != NULL && id != NULL && strcmp(sets[i]->id, id) == 0) {
            return sets[i];
        }
    }
    return NULL;
}

struct validate_call {
    const char *const *paths;
    size_t count;
    const char *criteria_path;
    crm_diags *diags;
    /* The current file's problems. Owned here, not by validate_in's frame:
     * an out-of-memory longjmp out of validate_in (arena.h) would leak it,
     * so crm_validate_files frees it, whichever way validate_in ends. */
    crm_diags *one;
};

/* What validate_in collects while it reads: the criteria sets found,
 * and the profiles and vendors to check against them once all are read. */
struct collected {
    struct crm_criteria_set **sets;
    size_t nsets;
    struct pending *pend;
    size_t npend;
};

/* Check the file at @p path on its own, by its kind (a criteria set when
 * @p criteria: the --criteria file), adding criteria sets, profiles and
 * vendors to @p c; its problems join call->diags unless already there (a
 * vendor checked on its own and in an evaluation says it once).
 * CRM_OK unless memory ran out. */
static crm_status check_file(struct crm_arena *arena, struct validate_call *call,
                             const char *path, bool criteria, struct collected *c)
{
    struct crm_loaded_file f;
    struct crm_reader r;
    crm_status st = CRM_OK;
    crm_diags *diags = NULL;

    /* each file's problems on their own, then those not yet reported:
     * a vendor checked on its own and in an evaluation says it once */
    crm_diags_free(call->one);
    if ((call->one = diags = crm_diags_new(crm__diags_limit(call->diags))) == NULL) {
        return CRM_ENOMEM;
    }
    if (!criteria && crm__is_csv(path)) {
        /* a CSV score sheet: its own form (see CRM_FILE_SCORES) */
        crm_scores *sc = NULL;

        if (crm_scores_read(&sc, path, NULL, NULL, diags) == CRM_ENOMEM) {
            return CRM_ENOMEM;
        }
        crm_scores_free(sc);
        crm__diags_append_unique(call->diags, call->one);
        return CRM_OK;
    }
    st = crm__file_load(arena, path,
                        criteria ? CRM_FILE_CRITERIA : CRM_FILE_UNKNOWN,
                        diags, &f);
    if (st != CRM_OK) {
        crm__diags_append_unique(call->diags, call->one);
        return CRM_OK;
    }
    crm__rd_init(&r, arena, diags, f.path);
    switch (f.kind) {
    case CRM_FILE_CRITERIA: {
        struct crm_criteria_set *set = crm__criteria_read(&r, f.root);

        if (r.errors == 0 && set->id != NULL &&
            find_set(c->sets, c->nsets, set->id) == NULL) {
            c->sets[c->nsets++] = set;
        }
        break;
    }
    case CRM_FILE_PROFILE:
        c->pend[c->npend].kind = f.kind;
        c->pend[c->npend].path = f.path;
        c->pend[c->npend++].profile = crm__profile_read(&r, f.root);
        break;
    case CRM_FILE_VENDOR:
        c->pend[c->npend].kind = f.kind;
        c->pend[c->npend].path = f.path;
        c->pend[c->npend++].vendor = crm__vendor_read(&r, f.root);
        break;
    case CRM_FILE_EVALUATION: {
        crm_evaluation *ev = NULL;

        if (crm_evaluation_load(&ev, f.path, diags) == CRM_ENOMEM) {
            return CRM_ENOMEM;
        }
        if (ev != NULL) {
            /* as `evaluate` would use it, with no paths given */
            crm_evaluation_check_outputs(ev, true, true, diags);
        }
        crm_evaluation_free(ev);
        break;
    }
    case CRM_FILE_TEMPLATE:
        crm__template_read(&r, f.root);
        break;
    case CRM_FILE_TEXT: {
        struct crm_template *t = crm__arena_alloc(arena, sizeof(*t));

        if (crm__template_strings_read(&r, f.root, t)) {
            crm__template_check_strings(diags, t, f.path);
        }
        break;
    }
    case CRM_FILE_JUDGEMENTS: {
        crm_elicited *w = NULL;

        if (crm_elicited_load(&w, f.path, diags) == CRM_ENOMEM) {
            return CRM_ENOMEM;
        }
        crm_elicited_free(w);
        break;
    }
    case CRM_FILE_SCORES: {
        /* the sheet's own form; its vendors and values are checked
         * against an evaluation by `crmeval score` */
        crm_scores *sc = NULL;

        if (crm_scores_read(&sc, f.path, NULL, NULL, diags) == CRM_ENOMEM) {
            return CRM_ENOMEM;
        }
        crm_scores_free(sc);
        break;
    }
    case CRM_FILE_UNKNOWN:
        break;
    }
    crm__diags_append_unique(call->diags, call->one);
    return CRM_OK;
}

/* Check profile or vendor @p p against its criteria set when that set
 * was among the files checked; a note naming the set when it was not.
 * CRM_OK unless memory ran out. */
static crm_status check_pending(struct crm_arena *arena, struct validate_call *call,
                                const struct pending *p, const struct collected *c)
{
    crm_diags *diags = call->one = crm_diags_new(crm__diags_limit(call->diags));
    const char *set_id = p->kind == CRM_FILE_PROFILE
                             ? p->profile->criteria_set
                             : p->vendor->criteria_set;
    const struct crm_criteria_set *set = find_set(c->sets, c->nsets, set_id);

    if (diags == NULL) {
        return CRM_ENOMEM;
    }
    if (set_id == NULL) {
        /* its own file already said it names no criteria set */
    } else if (set == NULL) {
        crm_diags_add(diags, CRM_SEV_NOTE, p->path, 0, 0,
                      "criteria references not checked: criteria set "
                      "'%s' is not among the files checked (add its "
                      "file, or --criteria FILE)",
                      set_id);
    } else if (p->kind == CRM_FILE_PROFILE) {
        struct crm_profile *pr = p->profile;
        struct crm_weights w;

        if (crm__weights_resolve(diags, set, pr->weights, pr->weight_count) == 0) {
            crm__weights_compute(arena, diags, set, pr->weights, pr->weight_count, NULL, 0,
                                 &pr->weights_mark, &w);
        }
        crm__rules_resolve(diags, set, pr->rules, pr->rule_count);
    } else {
        crm__vendor_resolve(arena, diags, set, p->vendor);
    }
    crm__diags_append_unique(call->diags, call->one);
    crm_diags_free(call->one);
    call->one = NULL;
    return CRM_OK;
}

/* Body of crm_validate_files under the arena's recovery point: check every
 * file alone, then the profiles and vendors against the criteria sets
 * found. CRM_EINPUT when any error was reported along the way. */
static crm_status validate_in(struct crm_arena *arena, void *ctx)
{
    struct validate_call *call = ctx;
    size_t errors_before = crm_diags_error_count(call->diags), i;
    struct collected c;
    crm_status st = CRM_OK;

    memset(&c, 0, sizeof(c));
    c.sets = crm__arena_array(arena, call->count + 1, sizeof(*c.sets));
    c.pend = crm__arena_array(arena, call->count + 1, sizeof(*c.pend));
    for (i = 0; st == CRM_OK && i < call->count; i++) {
        st = check_file(arena, call, call->paths[i], false, &c);
    }
    if (st == CRM_OK && call->criteria_path != NULL) {
        st = check_file(arena, call, call->criteria_path, true, &c);
    }
    crm_diags_free(call->one);
    call->one = NULL;
    for (i = 0; st == CRM_OK && i < c.npend; i++) {
        st = check_pending(arena, call, &c.pend[i], &c);
    }
    if (st != CRM_OK) {
        return st;
    }
    return crm_diags_error_count(call->diags) == errors_before ? CRM_OK : CRM_EINPUT;
}

crm_status crm_validate_files(const char *const *paths, size_t count,
                              const char *criteria_path, crm_diags *diags)
{
    struct crm_arena *arena = crm__arena_new();
    struct validate_call call = { paths, count, criteria_path, diags, NULL };
    crm_status st = CRM_OK;

    if (arena == NULL) {
        return CRM_ENOMEM;
    }
    st = crm__arena_protect(arena, validate_in, &call, diags);
    crm_diags_free(call.one);
    crm__arena_free(arena);
    return st;
}
