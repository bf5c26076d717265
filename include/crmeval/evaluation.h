/*
 * crmeval - loading and validating input files.
 *
 * An evaluation file names a criteria set, a weight profile and the vendor
 * profiles to compare. crm_evaluation_load() reads all of them, checks every
 * reference between them and returns one crm_evaluation that the scoring
 * step reads. Two calls may change it before it is scored, each stated
 * in full: crm_evaluation_set_language (the report's language) and
 * crm_evaluation_set_panel (panel scores replace profile values); nothing
 * changes it after crm_result_compute has read it, which keeps pointers
 * into it. Loading and scoring read no clock and no environment variable
 * (the CLI turns CRMEVAL_DATA and CRMEVAL_THREADS into crm_set_data_dir
 * and crm_set_threads), so the same files and calls always give the same
 * evaluation. Elsewhere the library reads TMPDIR (the workbook writer's
 * scratch file) and LOGNAME or USER (who recorded scores, in store.h).
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

/**
 * Where crmeval's bundled data live: the directory holding criteria/,
 * vendors/ and templates/. An evaluation that names its criteria set by id
 * (`criteria: core`) reads <data>/criteria/core.yaml, its vendors by id
 * from <data>/vendors, and falls back to <data>/templates for its report
 * template; `crmeval init` writes such ids, so a workspace does not depend
 * on where crmeval was built. A program sets it once, before loading (the
 * CLI: --data-dir, then CRMEVAL_DATA, then the data installed beside its
 * binary); NULL goes back to the default, the directory the library was
 * installed to (<prefix>/share/crmeval). The string is copied. Not to be
 * changed while another thread loads an evaluation.
 * @return CRM_OK or CRM_ENOMEM.
 */
crm_status crm_set_data_dir(const char *dir);

/**
 * How many threads the library may use to read vendor files and run
 * simulation trials (a simulation's own `threads` option wins): 0, the
 * default, is one per core; at most 8 are used. Results never depend on
 * it. The library does not read CRMEVAL_THREADS; the CLI sets this from
 * it. Not to be changed while another thread uses the
 * library.
 */
void crm_set_threads(size_t threads);

/** The data directory in use (see crm_set_data_dir). Borrowed. */
const char *crm_data_dir(void);

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
