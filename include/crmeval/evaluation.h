/*
 * crmeval - loading and validating input files.
 *
 * An evaluation file names a criteria set, a weight profile and the vendor
 * profiles to compare. crm_evaluation_load() reads all of them, checks every
 * reference between them and returns one immutable crm_evaluation that the
 * scoring step reads. Nothing here touches the clock or the environment, so
 * the same files always give the same evaluation.
 */
#ifndef CRMEVAL_EVALUATION_H
#define CRMEVAL_EVALUATION_H

#include <stdbool.h>
#include <stddef.h>

#include "crmeval/error.h"
#include "crmeval/output.h"
#include "crmeval/limits.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A loaded, checked evaluation with everything it references; opaque. */
typedef struct crm_evaluation crm_evaluation;

/**
 * Load the evaluation in @p path and every file it references.
 *
 * @param[out] out   the evaluation, owned by the caller (crm_evaluation_free);
 *                   set to NULL on failure
 * @param[in]  path  the evaluation YAML file
 * @param[in,out] diags receives every problem found (errors and warnings)
 * @return CRM_OK; CRM_EINPUT when any input is invalid (all problems are in
 *         @p diags); CRM_EIO when a file cannot be read; CRM_ENOMEM.
 */
crm_status crm_evaluation_load(crm_evaluation **out, const char *path,
                               crm_diags *diags);

/** Free an evaluation. NULL is a no-op. */
void crm_evaluation_free(crm_evaluation *ev);

/** Output path for the JSON report named in the evaluation, or NULL. Borrowed. */
const char *crm_evaluation_json_path(const crm_evaluation *ev);

/**
 * Report in @p language ("en" or "zh-CN") instead of the evaluation's own:
 * the template's text for that language is loaded.
 * @return CRM_OK; CRM_EUSAGE for an unknown language; CRM_EINPUT when the
 *         text file is missing or incomplete.
 */
crm_status crm_evaluation_set_language(crm_evaluation *ev, const char *language,
                                       crm_diags *diags);

/** Output path for the PDF report named in the evaluation, or NULL. Borrowed. */
const char *crm_evaluation_pdf_path(const crm_evaluation *ev);

/**
 * Check the evaluation's own output paths before they are used: the JSON
 * path when @p json, the PDF path when @p pdf (a caller that takes a path
 * from its user instead passes false). An evaluation writes only inside
 * its own directory: an absolute path, or one that climbs out with "..",
 * is an error at its line and column.
 * @return CRM_OK or CRM_EINPUT.
 */
crm_status crm_evaluation_check_outputs(const crm_evaluation *ev, bool json, bool pdf,
                                        crm_diags *diags);

/** The evaluation's title. Borrowed. */
const char *crm_evaluation_title(const crm_evaluation *ev);

/**
 * Protect in @p outputs every file the evaluation was read from: the
 * evaluation, criteria set, profiles, vendor profiles, report template,
 * text, fonts and logo (and the workspace database its panel came from),
 * so that no output of the run replaces one of them.
 * @return CRM_OK or CRM_ENOMEM.
 */
crm_status crm_evaluation_protect_inputs(const crm_evaluation *ev, crm_outputs *outputs,
                                         crm_diags *diags);

/**
 * Check any number of criteria, profile, vendor and evaluation files.
 *
 * Each file is checked on its own; profiles and vendors are also checked
 * against the criteria set they name when that set is among @p paths or is
 * @p criteria_path (which may be NULL). Evaluations are checked with
 * everything they reference.
 *
 * @return CRM_OK when no errors were found (warnings allowed), CRM_EINPUT
 *         when some were, CRM_ENOMEM.
 */
crm_status crm_validate_files(const char *const *paths, size_t count,
                              const char *criteria_path, crm_diags *diags);

#ifdef __cplusplus
}
#endif
#endif
