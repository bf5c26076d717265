/**
 * @file elicit.h
 * Weights from judgements (docs/weights.md): a `kind: judgements` file
 * gives, for the groups and for the criteria of any group, AHP pairwise
 * comparisons, a ranking or swing points; crmeval derives the weights,
 * checks AHP consistency, and writes a weight profile that any
 * evaluation can use, with how each level was obtained.
 *
 * Ownership: crm_elicited_load allocates the crm_elicited and everything it
 * returns; crm_elicited_free releases it all.
 */
#ifndef CRMEVAL_ELICIT_H
#define CRMEVAL_ELICIT_H

#include <stdbool.h>

#include "crmeval/error.h"
#include "crmeval/output.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct crm_elicited crm_elicited;

/**
 * Read the judgements at @p path and the criteria set it names, and derive
 * every level's weights. Problems go to @p diags with file, line and
 * column; a consistency ratio above 0.10 is a warning naming the most
 * inconsistent judgements.
 * @return CRM_OK, CRM_EINPUT, CRM_EIO or CRM_ENOMEM; *out is NULL unless
 *         CRM_OK.
 */
crm_status crm_elicited_load(crm_elicited **out, const char *path, crm_diags *diags);

/** A plain-text account of each level: method, weights, and for AHP the
 * eigenvalue, CI, random-index table, CR and the worst judgements. */
const char *crm_elicited_summary(const crm_elicited *weights);

/** Protect in @p outputs the files the weights were read from (the
 * judgements and their criteria set). @return CRM_OK or CRM_ENOMEM. */
crm_status crm_elicited_protect_inputs(const crm_elicited *weights, crm_outputs *outputs,
                                       crm_diags *diags);

/** Add the derived weight profile (YAML) to @p outputs, for @p path ("-":
 * standard output); it is written by crm_outputs_commit.
 * @return as crm_outputs_add. */
crm_status crm_elicited_add_profile(crm_outputs *outputs, const crm_elicited *weights,
                                    const char *path, crm_diags *diags);

void crm_elicited_free(crm_elicited *weights);

#ifdef __cplusplus
}
#endif

#endif
