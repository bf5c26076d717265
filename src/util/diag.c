/*
 * Diagnostics list. Entries are stored in the order they are reported; a
 * fixed cap on stored errors keeps a pathological input (say, a million bad
 * rows) from flooding the terminal, while the total is still counted.
 */
#include "crmeval/error.h"
#include "util/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DIAGS_DEFAULT_MAX 100
#define DIAG_MESSAGE_MAX 1024

struct crm_diags {
    crm_diag *items;
    size_t count;
    size_t capacity;
    size_t max_errors;
    size_t errors;        /* all errors seen, stored or not */
    size_t stored_errors;
    size_t lost;          /* dropped for lack of memory */
    size_t lost_errors;   /* ...of which errors */
};

crm_diags *crm_diags_new(size_t max_errors)
{
    crm_diags *diags = calloc(1, sizeof(*diags));

    if (diags != NULL) {
        diags->max_errors = max_errors ? max_errors : DIAGS_DEFAULT_MAX;
    }
    return diags;
}

void crm_diags_free(crm_diags *diags)
{
    size_t i;

    if (diags == NULL) {
        return;
    }
    for (i = 0; i < diags->count; i++) {
        free((char *)diags->items[i].file);
        free((char *)diags->items[i].message);
    }
    free(diags->items);
    free(diags);
}

size_t crm_diags_count(const crm_diags *diags)
{
    return diags->count;
}

size_t crm_diags_error_count(const crm_diags *diags)
{
    return diags->errors;
}

bool crm_diags_truncated(const crm_diags *diags)
{
    return diags->errors > diags->stored_errors + diags->lost_errors;
}

size_t crm_diags_lost(const crm_diags *diags)
{
    return diags != NULL ? diags->lost : 0;
}

const crm_diag *crm_diags_get(const crm_diags *diags, size_t i)
{
    return i < diags->count ? &diags->items[i] : NULL;
}

static char *dup_or_null(const char *s)
{
    char *copy = NULL;

    if (s == NULL) {
        return NULL;
    }
    copy = malloc(strlen(s) + 1);
    if (copy != NULL) {
        strcpy(copy, s);
    }
    return copy;
}

void crm_diags_add(crm_diags *diags, crm_severity severity, const char *file,
                   unsigned line, unsigned column, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    crm__diags_addv(diags, severity, file, line, column, fmt, ap);
    va_end(ap);
}

/* Count an entry dropped for lack of memory. */
static void diags_drop(crm_diags *diags, crm_severity severity)
{
    diags->lost++;
    diags->lost_errors += severity == CRM_SEV_ERROR;
}

void crm__diags_addv(crm_diags *diags, crm_severity severity, const char *file,
                     unsigned line, unsigned column, const char *fmt, va_list ap)
{
    char message[DIAG_MESSAGE_MAX];
    crm_diag *d = NULL;

    if (diags == NULL) {
        return;
    }
    if (severity == CRM_SEV_ERROR) {
        diags->errors++;
        if (diags->stored_errors >= diags->max_errors) {
            return;
        }
    }
    if (diags->count == diags->capacity) {
        size_t cap = diags->capacity ? diags->capacity * 2 : 16;
        crm_diag *items = realloc(diags->items, cap * sizeof(*items));

        if (items == NULL) {
            diags_drop(diags, severity);
            return;
        }
        diags->items = items;
        diags->capacity = cap;
    }
    vsnprintf(message, sizeof(message), fmt, ap);
    d = &diags->items[diags->count];
    d->severity = severity;
    d->line = line;
    d->column = column;
    d->file = dup_or_null(file);
    d->message = dup_or_null(message);
    if (d->message == NULL || (file != NULL && d->file == NULL)) {
        free((char *)d->file);
        free((char *)d->message);
        diags_drop(diags, severity);
        return;
    }
    diags->count++;
    if (severity == CRM_SEV_ERROR) {
        diags->stored_errors++;
    }
}

int crm_diag_format(const crm_diag *diag, char *buf, size_t bufsize)
{
    static const char *const names[] = { "error", "warning", "note" };
    const char *sev = names[diag->severity];

    if (diag->file == NULL) {
        return snprintf(buf, bufsize, "%s: %s", sev, diag->message);
    }
    if (diag->line == 0) {
        return snprintf(buf, bufsize, "%s: %s: %s", diag->file, sev,
                        diag->message);
    }
    return snprintf(buf, bufsize, "%s:%u:%u: %s: %s", diag->file, diag->line,
                    diag->column, sev, diag->message);
}

const char *crm_status_text(crm_status status)
{
    switch (status) {
    case CRM_OK:
        return "success";
    case CRM_ENOMEM:
        return "out of memory";
    case CRM_EIO:
        return "input/output error";
    case CRM_EINPUT:
        return "invalid input";
    case CRM_EUSAGE:
        return "invalid usage";
    }
    return "unknown status";
}

size_t crm__diags_limit(const crm_diags *diags)
{
    return diags->max_errors;
}

void crm__diags_append(crm_diags *dst, const crm_diags *src)
{
    size_t i;

    if (src == NULL) {
        return;
    }
    dst->lost += src->lost;
    dst->lost_errors += src->lost_errors;
    for (i = 0; i < src->count; i++) {
        const crm_diag *d = &src->items[i];

        crm_diags_add(dst, d->severity, d->file, d->line, d->column, "%s",
                      d->message);
    }
}
