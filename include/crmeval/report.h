/*
 * crmeval - reports.
 *
 * The JSON report holds everything a reader needs to re-check a ranking:
 * the inputs' digests, the effective weights, and per vendor the rank,
 * score, knock-outs, completeness, group scores and criterion
 * contributions. Its schema is docs/report.schema.json. Output is
 * deterministic: the same inputs give byte-identical JSON.
 */
#ifndef CRMEVAL_REPORT_H
#define CRMEVAL_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "crmeval/error.h"
#include "crmeval/output.h"
#include "crmeval/panel.h"
#include "crmeval/result.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Version of the JSON report's layout; bumped on incompatible change. */
#define CRM_REPORT_SCHEMA_VERSION 1

/**
 * Render the JSON report.
 * @param[out] out  NUL-terminated text, owned by the caller: free with
 *                  crm_report_free(). Set to NULL on failure.
 * @return CRM_OK or CRM_ENOMEM.
 */
crm_status crm_report_json_render(char **out, const crm_result *result,
                                  crm_diags *diags);

/**
 * Add the JSON report to @p out, for @p path ("-" for standard output):
 * rendered and written to a temporary beside @p path now, put in place by
 * crm_outputs_commit (include/crmeval/output.h), so a failure never leaves
 * a half-written report. Protect the evaluation's inputs in @p out first
 * (crm_evaluation_protect_inputs).
 * @return CRM_OK; CRM_EINPUT (@p path is a protected file or another
 *         output's); CRM_EIO; CRM_ENOMEM.
 */
crm_status crm_report_json_add(crm_outputs *out, const crm_result *result, const char *path,
                               crm_diags *diags);

/**
 * Print the yearly cost and benefit tables and the summary (NPV, IRR, ROI,
 * payback...) of every vendor, or only of @p vendor_id when not NULL, for
 * a terminal: amounts with thousands separators and the currency.
 * @return CRM_OK; CRM_EINPUT when the evaluation has no finance section or
 *         @p vendor_id is unknown; CRM_EIO when writing fails.
 */
crm_status crm_report_finance_text(const crm_result *result,
                                   const char *vendor_id, FILE *out,
                                   crm_diags *diags);

/**
 * Add the same tables as CSV for a spreadsheet to @p out, for directory
 * @p dir (created if missing): summary.csv, per vendor <id>-yearly.csv and
 * <id>-lines.csv, and README.txt stating the conventions. Only vendor
 * @p vendor_id when not NULL. Plain numbers (dot decimal, no separators).
 * crm_outputs_commit puts them all in place together.
 * @return CRM_OK; CRM_EINPUT (no finance section, a protected file); CRM_EIO;
 *         CRM_ENOMEM.
 */
crm_status crm_report_finance_csv(crm_outputs *out, const crm_result *result, const char *dir,
                                  const char *vendor_id, crm_diags *diags);

/**
 * Render the finance workbook (.xlsx, docs/finance.md "The workbook"): an
 * Assumptions sheet of named inputs, a sheet per vendor whose every figure
 * is a formula over them (with crmeval's value cached), a Summary with
 * the discount-rate scenarios, and the Scores with the weights as inputs.
 * The document's created date is the evaluation's date, so the same
 * inputs give the same bytes. libxlsxwriter does not survive a failed
 * allocation, so every workbook (this one, rfi questionnaires, score
 * sheets) is written by a forked child process that only runs
 * libxlsxwriter and exits (docs/torture.md, "The workbook"): a caller
 * with threads of its own must not hold a lock the child would need.
 * @param[out] out  the file's bytes, owned by the caller: free with
 *                  crm_report_free()
 * @return CRM_OK; CRM_EINPUT without a finance section; CRM_EIO when the
 *         workbook cannot be written; CRM_ENOMEM.
 */
crm_status crm_report_xlsx_render(void **out, size_t *len, const crm_result *result,
                                  crm_diags *diags);

/** Render the workbook and add it to @p out, for @p path, as
 * crm_report_json_add does. */
crm_status crm_report_xlsx_add(crm_outputs *out, const crm_result *result, const char *path,
                               crm_diags *diags);

/**
 * Render the PDF comparison report (docs/report-pdf.md) with the
 * evaluation's template and language.
 * @param[out] out  the PDF bytes, owned by the caller: free with
 *                  crm_report_free()
 * @return CRM_OK; CRM_EINPUT for a missing font or logo (the message names
 *         the Debian package to install); CRM_EIO when libharu fails;
 *         CRM_ENOMEM.
 */
crm_status crm_report_pdf_render(void **out, size_t *len,
                                 const crm_result *result, crm_diags *diags);

/** Render the PDF and add it to @p out, for @p path, as
 * crm_report_json_add does. */
crm_status crm_report_pdf_add(crm_outputs *out, const crm_result *result, const char *path,
                              crm_diags *diags);

/**
 * Print the ranking for a terminal: the evaluation's title, then per
 * vendor in rank order its rank, name (cut or padded to 32 columns, wide
 * characters counting two), score, completeness and must-have outcome.
 */
void crm_report_ranking_text(const crm_result *result, const crm_evaluation *ev, FILE *out);

/**
 * Print the simulation summary for a terminal: per vendor the probability
 * of ranking first, score P5/P50/P95, NPV P10/P50/P90 and P(NPV > 0), and
 * the convergence (standard errors). Nothing when not simulated.
 */
void crm_report_simulation_text(const crm_result *result, FILE *out);

/**
 * Write to @p path ("-": standard output), atomically, a CSV score sheet
 * of the values still to find out: the result's missing values and sample
 * assessments (JSON sensitivity.questions), most important first (those
 * that alone could change who ranks first, then by points at stake),
 * except derived values. Same columns as crm_panel_sheet_write, with
 * @p evaluator's current scores from @p scores (both may be NULL) and the
 * points at stake. @return CRM_OK, CRM_EIO, CRM_ENOMEM.
 */
crm_status crm_report_questions_sheet(const crm_result *result, const crm_scores *scores,
                                      const char *evaluator, const char *role,
                                      const char *path, crm_diags *diags);

/**
 * Print to @p out what changed from JSON report @p from to report @p to
 * (named @p from_name and @p to_name, "run 3"): input files (by
 * SHA-256), weights, the panel's cells (value and number of scores),
 * scores and ranks, NPV, and for each pair of vendors whose order
 * flipped, the criteria that moved their difference most, each marked as
 * a change of value, of weight or both.
 * @return CRM_OK, CRM_EINPUT (text that is not JSON), CRM_ENOMEM.
 */
crm_status crm_report_diff(const char *from, const char *to, const char *from_name,
                           const char *to_name, FILE *out, crm_diags *diags);

/** Free what a crm_report_*_render function returned (text or bytes).
 * NULL is a no-op. */
void crm_report_free(void *data);

#ifdef __cplusplus
}
#endif
#endif
