/* Fuzz a score-sheet reader (src/load/sheet.c): CSV, or YAML when built
 * with FUZZ_SHEET_EXT="yaml". Then the check of the scores read against
 * an evaluation (examples/retail-sme.yaml), as `crmeval score --import`
 * does. */
#include "fuzz.h"

#ifndef FUZZ_SHEET_EXT
#define FUZZ_SHEET_EXT "csv"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    crm_diags *diags = crm_diags_new(0);
    crm_scores *scores = NULL;

    if (crm_scores_read(&scores, fuzz_write("sheet." FUZZ_SHEET_EXT, data, size), "fuzz", "it",
                        diags) == CRM_OK) {
        crm_evaluation_check_scores(fuzz_retail(), scores, diags);
    }
    crm_scores_free(scores);
    crm_diags_free(diags);
    return 0;
}
