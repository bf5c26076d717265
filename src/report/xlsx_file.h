/*
 * Workbooks in memory (report/xlsx.c): libxlsxwriter writes a file, so a
 * workbook is filled, written to a private temporary (removed on a signal
 * like every other, util/output.h), read back as bytes and removed. Shared
 * by the finance workbook and the questionnaires (report/rfi.c).
 */
#ifndef CRM_REPORT_XLSX_FILE_H
#define CRM_REPORT_XLSX_FILE_H

#include <stddef.h>
#include <time.h>
#include <xlsxwriter.h>

#include "crmeval/error.h"
#include "model/model.h"

/* A new workbook with @p props, filled by @p fill (its first error is
 * the workbook's), written and read back into *@p out (free with free())
 * and *@p len. @return CRM_OK, CRM_EIO (the message says why), CRM_ENOMEM. */
crm_status crm__xlsx_render(void **out, size_t *len, const lxw_doc_properties *props,
                            lxw_error (*fill)(lxw_workbook *book, void *ctx), void *ctx,
                            crm_diags *diags);

/* Midnight UTC of the evaluation's date (YYYY-MM-DD): a workbook's created
 * date, so the same inputs give the same bytes (never the clock). */
time_t crm__xlsx_evaluation_time(const struct crm_evaluation *ev);

/* The answer cell at @p row, @p col for criterion @p c: a drop-down list
 * for a boolean, a choice and a rating on a whole-number scale (a half
 * point warns), a number check otherwise; its input message is @p scale
 * (report/rfi.c). */
lxw_error crm__xlsx_answer_validation(lxw_worksheet *ws, int row, int col,
                                       const struct crm_criterion *c, const char *scale);

#endif
