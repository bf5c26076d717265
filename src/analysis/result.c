/*
 * crm_result_compute (include/crmeval/result.h): the facade over the two
 * steps a caller would otherwise run in turn, scoring (score/, which knows
 * nothing of the analysis) and then the analysis of the ranked result
 * (robustness, TOPSIS, value for money, the verdict). Keeping the facade
 * here, above both, is what lets score/ sit below analysis/ with no cycle.
 */
#include <stddef.h>

#include "crmeval/result.h"
#include "analysis/sensitivity.h"
#include "score/score.h"
#include "util/arena.h"

struct compute_call {
    struct crm_result *res;
    crm_diags *diags;
};

/* Both steps, inside the arena's out-of-memory recovery point. */
static crm_status compute_protected(struct crm_arena *arena, void *ctx)
{
    struct compute_call *call = ctx;
    crm_status st = crm__result_score(arena, call->res, call->diags);

    if (st == CRM_OK) {
        crm__analyse(arena, call->res);
    }
    return st;
}

crm_status crm_result_compute(crm_result **out, const crm_evaluation *ev,
                              crm_diags *diags)
{
    struct crm_arena *arena = crm__arena_new();
    struct compute_call call = { NULL, diags };
    crm_status st = CRM_OK;

    *out = NULL;
    if (arena == NULL) {
        return CRM_ENOMEM;
    }
    call.res = crm__arena_alloc(arena, sizeof(*call.res));
    if (call.res == NULL) {
        crm__arena_free(arena);
        return CRM_ENOMEM;
    }
    call.res->arena = arena;
    call.res->ev = ev;
    call.res->vendor_count = ev->vendor_count;
    st = crm__arena_protect(arena, compute_protected, &call, diags);
    if (st != CRM_OK) {
        crm__arena_free(arena);
        return st;
    }
    *out = call.res;
    return CRM_OK;
}
