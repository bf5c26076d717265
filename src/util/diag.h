/* Internal diagnostics helpers. */
#ifndef CRM_UTIL_DIAG_H
#define CRM_UTIL_DIAG_H

#include <stdarg.h>

#include "crmeval/error.h"

/* crm_diags_add with a va_list, for the loaders' own report functions. */
void crm__diags_addv(crm_diags *diags, crm_severity severity, const char *file,
                     unsigned line, unsigned column, const char *fmt, va_list ap)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 0)))
#endif
    ;

/* The most errors @p diags stores. */
size_t crm__diags_limit(const crm_diags *diags);

/* Append every diagnostic of @p src (may be NULL) to @p dst, in order. */
void crm__diags_append(crm_diags *dst, const crm_diags *src);

/* Append the diagnostics of @p src that @p dst does not hold already (same
 * severity, file, line, column and message), in order: a file checked both
 * on its own and as part of an evaluation reports each problem once. */
void crm__diags_append_unique(crm_diags *dst, const crm_diags *src);

#endif
