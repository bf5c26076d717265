/* Fuzz the questionnaire answer readers (src/load/rfi.c, src/load/xlsx.c):
 * CSV, or YAML or a workbook when built with FUZZ_RFI_EXT="yaml" or
 * "xlsx". Then the check of the answers read against an evaluation
 * (examples/retail-sme.yaml), as `crmeval rfi --import` does. */
#include "fuzz.h"

#ifndef FUZZ_RFI_EXT
#define FUZZ_RFI_EXT "csv"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    crm_diags *diags = crm_diags_new(0);
    crm_rfi_answers *answers = crm_rfi_answers_new();

    if (answers != NULL &&
        crm_rfi_read(answers, fuzz_write("answers." FUZZ_RFI_EXT, data, size), "fuzz",
                     diags) == CRM_OK) {
        crm_evaluation_check_answers(fuzz_retail(), answers, diags);
    }
    crm_rfi_answers_free(answers);
    crm_diags_free(diags);
    return 0;
}
