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

static crm_status validate_in(struct crm_arena *arena, void *ctx)
{
    struct validate_call *call = ctx;
    const char *const *paths = call->paths;
    size_t count = call->count;
    const char *criteria_path = call->criteria_path;
    struct crm_criteria_set **sets = NULL;
    struct pending *pend = NULL;
    size_t nsets = 0, npend = 0, i;
    size_t errors_before = crm_diags_error_count(call->diags);

    sets = crm__arena_array(arena, count + 1, sizeof(*sets));
    pend = crm__arena_array(arena, count + 1, sizeof(*pend));
    for (i = 0; i <= count; i++) {
        const char *path = i < count ? paths[i] : criteria_path;
        struct crm_loaded_file f;
        struct crm_reader r;
        crm_status st = CRM_OK;
        crm_diags *diags = NULL;

        if (path == NULL) {
            continue;
        }
        /* each file's problems on their own, then those not yet reported:
         * a vendor checked on its own and in an evaluation says it once */
        crm_diags_free(call->one);
        if ((call->one = diags = crm_diags_new(crm__diags_limit(call->diags))) == NULL) {
            return CRM_ENOMEM;
        }
        if (i < count && crm__is_csv(path)) {
            /* a CSV score sheet: its own form (see CRM_FILE_SCORES) */
            crm_scores *sc = NULL;

            if (crm_scores_read(&sc, path, NULL, NULL, diags) == CRM_ENOMEM) {
                return CRM_ENOMEM;
            }
            crm_scores_free(sc);
            crm__diags_append_unique(call->diags, call->one);
            continue;
        }
        st = crm__file_load(arena, path,
                            i < count ? CRM_FILE_UNKNOWN : CRM_FILE_CRITERIA,
                            diags, &f);
        if (st != CRM_OK) {
            crm__diags_append_unique(call->diags, call->one);
            continue;
        }
        crm__rd_init(&r, arena, diags, f.path);
        switch (f.kind) {
        case CRM_FILE_CRITERIA: {
            struct crm_criteria_set *set = crm__criteria_read(&r, f.root);

            if (r.errors == 0 && set->id != NULL &&
                find_set(sets, nsets, set->id) == NULL) {
                sets[nsets++] = set;
            }
            break;
        }
        case CRM_FILE_PROFILE:
            pend[npend].kind = f.kind;
            pend[npend].path = f.path;
            pend[npend++].profile = crm__profile_read(&r, f.root);
            break;
        case CRM_FILE_VENDOR:
            pend[npend].kind = f.kind;
            pend[npend].path = f.path;
            pend[npend++].vendor = crm__vendor_read(&r, f.root);
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
    }
    crm_diags_free(call->one);
    call->one = NULL;
    for (i = 0; i < npend; i++) {
        crm_diags *diags = call->one = crm_diags_new(crm__diags_limit(call->diags));
        const char *set_id = pend[i].kind == CRM_FILE_PROFILE
                                 ? pend[i].profile->criteria_set
                                 : pend[i].vendor->criteria_set;
        const struct crm_criteria_set *set = find_set(sets, nsets, set_id);

        if (diags == NULL) {
            return CRM_ENOMEM;
        }
        if (set_id == NULL) {
        } else if (set == NULL) {
            crm_diags_add(diags, CRM_SEV_NOTE, pend[i].path, 0, 0,
                          "criteria references not checked: criteria set "
                          "'%s' is not among the files checked (add its "
                          "file, or --criteria FILE)",
                          set_id);
        } else if (pend[i].kind == CRM_FILE_PROFILE) {
            struct crm_profile *p = pend[i].profile;
            struct crm_weights w;

            if (crm__weights_resolve(diags, set, p->weights,
                                     p->weight_count) == 0) {
                crm__weights_compute(arena, diags, set, p->weights,
                                     p->weight_count, NULL, 0,
                                     &p->weights_mark, &w);
            }
            crm__rules_resolve(diags, set, p->rules, p->rule_count);
        } else {
            crm__vendor_resolve(arena, diags, set, pend[i].vendor);
        }
        crm__diags_append_unique(call->diags, call->one);
        crm_diags_free(call->one);
        call->one = NULL;
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
