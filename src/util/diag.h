/* Internal diagnostics helpers. */
#ifndef CRM_UTIL_DIAG_H
#define CRM_UTIL_DIAG_H

#include "crmeval/error.h"

/* The most errors @p diags stores. */
size_t crm__diags_limit(const crm_diags *diags);

/* Append every diagnostic of @p src (may be NULL) to @p dst, in order. */
void crm__diags_append(crm_diags *dst, const crm_diags *src);

#endif
