/* The PDF report's internals that tests reach (see src/report/pdf/). */
#ifndef CRM_REPORT_PDF_H
#define CRM_REPORT_PDF_H

#include <stdbool.h>
#include <stddef.h>

#include "crmeval/report.h"

/*
 * crm_report_pdf_render with a page limit of @p max_pages instead of
 * CRM_MAX_PDF_PAGES. A report that needs more is an input error reported
 * at the evaluation's `vendors:`; a libharu failure is CRM_EIO. Either way
 * *out stays NULL.
 */
crm_status crm__report_pdf_render(void **out, size_t *out_len, const crm_result *res,
                                  int max_pages, crm_diags *diags);

/*
 * Check the TrueType font (or, with @p collection, the first font of the
 * TrueType collection) at @p path before libharu loads it (src/report/
 * font.c): a regular file whose table directory lies inside it and names
 * the tables libharu reads. @return true; or false with why in @p why.
 */
bool crm__font_check(const char *path, bool collection, char *why, size_t why_size);

#endif
