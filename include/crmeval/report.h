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
#include "crmeval/result.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Version of the JSON report's layout; bumped on incompatible change. */
#define CRM_REPORT_SCHEMA_VERSION 1

/**
 * Render the JSON report.
 * @param[out] out  NUL-terminated text, owned by the caller: free with
 *                  crm_report_free_text(). Set to NULL on failure.
 * @return CRM_OK or CRM_ENOMEM.
 */
crm_status crm_report_json_render(char **out, const crm_result *result,
                                  crm_diags *diags);

/**
 * Write the JSON report to @p path ("-" for standard output). The file is
 * written to a temporary file beside it and renamed into place, so a
 * failure never leaves a half-written report.
 * @return CRM_OK, CRM_EIO or CRM_ENOMEM.
 */
crm_status crm_report_json_write(const crm_result *result, const char *path,
                                 crm_diags *diags);

/**
 * Write @p text from crm_report_json_render, with a final newline, to
 * @p path as crm_report_json_write does. Writing makes no heap
 * allocation: render every report first and save them after, and running
 * out of memory cannot leave one report written and another not.
 * @return CRM_OK or CRM_EIO.
 */
crm_status crm_report_json_save(const char *text, const char *path, crm_diags *diags);

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
 * Write the same tables as CSV for a spreadsheet into directory @p dir
 * (created if missing): summary.csv, per vendor <id>-yearly.csv and
 * <id>-lines.csv, and README.txt stating the conventions. Only vendor
 * @p vendor_id when not NULL. Plain numbers (dot decimal, no separators).
 * Each file is written atomically.
 */
crm_status crm_report_finance_csv(const crm_result *result, const char *dir,
                                  const char *vendor_id, crm_diags *diags);

/**
 * Render the PDF comparison report (docs/report-pdf.md) with the
 * evaluation's template and language.
 * @param[out] out  the PDF bytes, owned by the caller: free with free()
 * @return CRM_OK; CRM_EINPUT for a missing font or logo (the message names
 *         the Debian package to install); CRM_EIO when libharu fails;
 *         CRM_ENOMEM.
 */
crm_status crm_report_pdf_render(void **out, size_t *len,
                                 const crm_result *result, crm_diags *diags);

/** Render the PDF and write it to @p path atomically. */
crm_status crm_report_pdf_write(const crm_result *result, const char *path,
                                crm_diags *diags);

/** Write @p len bytes from crm_report_pdf_render to @p path atomically,
 * with no heap allocation (as crm_report_json_save). */
crm_status crm_report_pdf_save(const void *data, size_t len, const char *path,
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

/** Free text returned by a crm_report_*_render function. NULL is a no-op. */
void crm_report_free_text(char *text);

#ifdef __cplusplus
}
#endif
#endif
