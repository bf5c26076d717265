/* Fuzz the vendor-profile reader (src/load/vendor.c), then check the
 * vendor against the criteria set it names, as `crmeval validate` does. */
#include "fuzz.h"

#include "model/model.h"

static void read(struct crm_reader *r, const struct crm_ynode *root)
{
    struct crm_vendor *v = crm__vendor_read(r, root);
    const struct crm_criteria_set *set = fuzz_criteria(v->criteria_set);

    crm__check_set_id(r->diags, &v->mark, v->criteria_set, set);
    crm__vendor_resolve(r->arena, r->diags, set, v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_tree(data, size, true, read);
    return 0;
}
