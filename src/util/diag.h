/* Internal diagnostics helpers. */
#ifndef CRM_UTIL_DIAG_H
#define CRM_UTIL_DIAG_H

#include "crmeval/error.h"

/* Append every diagnostic of @p src (may be NULL) to @p dst, in order. */
void crm__diags_append(crm_diags *dst, const crm_diags *src);

#endif
