/*
 * Fuzz the evaluation reader (src/load/evaluation.c) and everything after
 * it that a valid evaluation reaches: the files it names (the hand case's
 * or the bundled ones, see fuzz_dir), the checks that tie them together,
 * scoring, the sensitivity analysis and the JSON report. The simulation
 * and the PDF are left out: too slow to run per input.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    crm_diags *diags = crm_diags_new(0);
    crm_evaluation *ev = NULL;
    crm_result *result = NULL;
    char *json = NULL;

    if (crm_evaluation_load(&ev, fuzz_write("evaluation.yaml", data, size), diags) == CRM_OK &&
        crm_result_compute(&result, ev, diags) == CRM_OK) {
        crm_report_json_render(&json, result, diags);
    }
    crm_report_free(json);
    crm_result_free(result);
    crm_evaluation_free(ev);
    crm_diags_free(diags);
    return 0;
}
