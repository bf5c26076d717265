/* Fuzz the judgements reader and the weights derived from it
 * (src/load/judgements.c, src/model/elicit.c): `crmeval weights`. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    crm_diags *diags = crm_diags_new(0);
    crm_elicited *w = NULL;

    crm_elicited_load(&w, fuzz_write("judgements.yaml", data, size), diags);
    crm_elicited_free(w);
    crm_diags_free(diags);
    return 0;
}
