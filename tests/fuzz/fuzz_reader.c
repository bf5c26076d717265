/* Fuzz a reader that needs nothing but the tree, named by FUZZ_READER:
 * the criteria-set reader (src/load/criteria.c) or the report-template
 * reader (src/load/template.c). */
#include "fuzz.h"

static void read(struct crm_reader *r, const struct crm_ynode *root)
{
    FUZZ_READER(r, root);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_tree(data, size, true, read);
    return 0;
}
