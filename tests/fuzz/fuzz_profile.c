/* Fuzz the weight-profile reader (src/load/profile.c), then check what it
 * read against the criteria set it names, as `crmeval validate` does. */
#include "fuzz.h"

#include "model/model.h"

static void read(struct crm_reader *r, const struct crm_ynode *root)
{
    struct crm_profile *p = crm__profile_read(r, root);
    const struct crm_criteria_set *set = fuzz_criteria(p->criteria_set);
    struct crm_weights w;

    crm__check_set_id(r->diags, &p->mark, p->criteria_set, set);
    if (crm__weights_resolve(r->diags, set, p->weights, p->weight_count) == 0) {
        crm__weights_compute(r->arena, r->diags, set, p->weights, p->weight_count, NULL, 0,
                             &p->weights_mark, &w);
    }
    crm__rules_resolve(r->diags, set, p->rules, p->rule_count);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_tree(data, size, true, read);
    return 0;
}
