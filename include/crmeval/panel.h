/**
 * @file panel.h
 * A panel of evaluators scoring vendors (docs/panel.md). Each score is one
 * evaluator's value for one vendor and criterion, as entered (YAML scalar
 * text: "4", "true", an option id). Scores come from a sheet (YAML or
 * CSV, crm_scores_read) or from the workspace database
 * (crm_store_scores); crm_evaluation_set_panel() checks them against the
 * evaluation and makes their aggregate the value the engine scores, with
 * the spread and consensus kept for the reports.
 *
 * Ownership: a crm_scores list owns copies of every string added to it;
 * crm_scores_free frees them. Entries returned by crm_scores_at are
 * borrowed from the list.
 */
#ifndef CRMEVAL_PANEL_H
#define CRMEVAL_PANEL_H

#include <stddef.h>
#include <stdio.h>

#include "crmeval/error.h"
#include "crmeval/evaluation.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The roles an evaluator may hold, in report order. */
#define CRM_ROLE_COUNT 5
extern const char *const crm_roles[CRM_ROLE_COUNT + 1]; /* NULL-terminated */

/** One evaluator's score for one vendor and criterion. */
typedef struct crm_panel_score {
    const char *evaluator;
    const char *role;       /**< one of crm_roles */
    const char *vendor;     /**< vendor id */
    const char *criterion;  /**< "group.criterion" */
    const char *value;      /**< as entered */
    const char *comment;    /**< or NULL */
    const char *scored_at;  /**< UTC, ISO 8601; or NULL (not yet stored) */
    const char *file;       /**< where it was entered, for messages */
    unsigned line, column;  /**< of the value; 0 when not from a sheet */
    /** of the vendor and the criterion in the sheet; 0: at the value */
    unsigned vendor_line, vendor_column, criterion_line, criterion_column;
} crm_panel_score;

typedef struct crm_scores crm_scores;

/** An empty list; NULL when out of memory. */
crm_scores *crm_scores_new(void);
void crm_scores_free(crm_scores *scores);
/** Append a copy of @p score. @return CRM_OK or CRM_ENOMEM. */
crm_status crm_scores_add(crm_scores *scores, const crm_panel_score *score);
size_t crm_scores_count(const crm_scores *scores);
const crm_panel_score *crm_scores_at(const crm_scores *scores, size_t i);

/** Give every score of @p scores that names no role its evaluator's role
 * in @p roster (crm_store_evaluators), if they are there. */
void crm_scores_fill_roles(crm_scores *scores, const crm_scores *roster);

/**
 * Read a score sheet: YAML (`kind: scores`) or, for a file ending in
 * .csv, CSV with a header row (vendor, criterion, value, and optionally
 * comment, evaluator, role). @p evaluator and @p role (may be NULL) apply
 * to rows that do not name their own; a row left without them is
 * reported by crm_evaluation_check_scores, which knows the roster. Rows
 * with an empty value are skipped (not scored yet). Every problem of the
 * sheet's form is reported with file, line and column.
 * @return CRM_OK; CRM_EINPUT (all problems in @p diags); CRM_EIO; CRM_ENOMEM.
 */
crm_status crm_scores_read(crm_scores **out, const char *path, const char *evaluator,
                           const char *role, crm_diags *diags);

/**
 * Write to @p path ("-": standard output), atomically, a CSV score sheet
 * for @p evaluator (may be NULL: a blank sheet) to fill in and import
 * with crm_scores_read: a row per vendor and criterion of @p ev's score
 * sheet (panel.criteria; without it, every criterion the panel may
 * score), with the evaluator's current value and comment from @p scores
 * filled in, and two columns for the person filling it in that reading
 * ignores: criterion_name (in the evaluation's language) and scale.
 * @return CRM_OK, CRM_EIO, CRM_ENOMEM.
 */
crm_status crm_panel_sheet_write(const crm_evaluation *ev, const crm_scores *scores,
                                 const char *evaluator, const char *role, const char *path,
                                 crm_diags *diags);

/**
 * Check every score of @p scores against @p ev: a vendor of the
 * evaluation, a criterion of its criteria set that people can score (not
 * one crmeval derives), a value of the criterion's kind and scale, a
 * known role, one role per evaluator, and no evaluator scoring the same
 * cell twice.
 * @return CRM_OK, or CRM_EINPUT with every problem at the score's place.
 */
crm_status crm_evaluation_check_scores(const crm_evaluation *ev, const crm_scores *scores,
                                       crm_diags *diags);

/**
 * Make the panel's scores the values @p ev is scored on: for each vendor
 * and criterion scored, the aggregate over the evaluators (the
 * evaluation's panel.aggregate: a weighted mean by role weight, or the
 * weighted median; booleans and choices by weighted majority) replaces
 * the vendor profile's value and any observation. @p source names where
 * the scores came from (the database file) for the report's inputs.
 * Scores for vendors or criteria no longer in the evaluation are skipped
 * with one warning; other invalid scores are errors.
 * @return CRM_OK, CRM_EINPUT, CRM_ENOMEM.
 */
crm_status crm_evaluation_set_panel(crm_evaluation *ev, const crm_scores *scores,
                                    const char *source, crm_diags *diags);

/**
 * Print, for each evaluator of @p roster (entries with evaluator and
 * role set), how many vendor-criterion cells of @p ev's score sheet
 * (panel.criteria, else every criterion someone has scored) they have
 * scored in @p scores, and which are still open.
 * @return the number of cells still open across the panel; SIZE_MAX,
 *         with nothing printed, when out of memory.
 */
size_t crm_panel_status(const crm_evaluation *ev, const crm_scores *scores,
                        const crm_scores *roster, FILE *out);

#ifdef __cplusplus
}
#endif

#endif
