/* Fuzz the report-text reader (templates/text/<language>.yaml, read by
 * src/load/template.c), then the check that every text the report prints
 * is there, as `crmeval validate` does. */
#include "fuzz.h"

#include "model/model.h"
#include "util/arena.h"

static void read(struct crm_reader *r, const struct crm_ynode *root)
{
    struct crm_template *t = crm__arena_alloc(r->arena, sizeof(*t));

    if (crm__template_strings_read(r, root, t)) {
        crm__template_check_strings(r->diags, t, r->file);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_tree(data, size, true, read);
    return 0;
}
