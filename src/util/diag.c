/*
 * Diagnostics list. Entries are stored in the order they are reported; a
 * fixed cap on stored errors keeps a pathological input (say, a million bad
 * rows) from flooding the terminal, while the total is still counted.
 */
#include "crmeval/error.h"
#include "util/diag.h"
#include "util/strutil.h"

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

/* A malloc'd copy of @p s, or NULL for NULL or when out of memory; the
 * caller frees it (crm_diags_free does, for stored entries). */
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
    locale_t previous = (locale_t)0;
    int n = 0;

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
    /* numbers in messages with a '.', whatever the program's locale; a
     * message cut at the buffer's end is cut on a character boundary */
    previous = crm__c_locale_enter();
    n = vsnprintf(message, sizeof(message), fmt, ap);
    crm__c_locale_leave(previous);
    if (n >= (int)sizeof(message)) {
        message[crm__utf8_cut(message, sizeof(message) - 1)] = '\0';
    }
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
    /* one line, whatever a file name or a quoted value holds: control
     * characters and bidirectional controls are shown escaped */
    char file_buf[1024], message_buf[4 * DIAG_MESSAGE_MAX];
    const char *file = crm__tty(file_buf, sizeof(file_buf), diag->file);
    const char *message = crm__tty(message_buf, sizeof(message_buf), diag->message);

    if (file == NULL) {
        return snprintf(buf, bufsize, "%s: %s", sev, message);
    }
    if (diag->line == 0) {
        return snprintf(buf, bufsize, "%s: %s: %s", file, sev, message);
    }
    return snprintf(buf, bufsize, "%s:%u:%u: %s: %s", file, diag->line, diag->column, sev,
                    message);
}

const char *crm_text_for_terminal(char *buf, size_t size, const char *s)
{
    return crm__tty(buf, size, s);
}

const char *crm_suggest(const char *word, const char *const *candidates)
{
    return crm__did_you_mean(word, candidates);
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
    /* the errors @p src counted past its own limit count here too, so the
     * total (and "only the first N are shown") stays right */
    dst->errors += src->errors - src->stored_errors;
}

/* Whether two diagnostics say the same thing at the same place. */
static bool same_diag(const crm_diag *a, const crm_diag *b)
{
    return a->severity == b->severity && a->line == b->line && a->column == b->column &&
           (a->file == b->file || (a->file != NULL && b->file != NULL &&
                                   strcmp(a->file, b->file) == 0)) &&
           strcmp(a->message, b->message) == 0;
}

/* FNV-1a over what same_diag compares. */
static size_t diag_hash(const crm_diag *d)
{
    const char *parts[2] = { d->file ? d->file : "", d->message };
    size_t h = 2166136261u, k;
    const unsigned char *c = NULL;

    h = (h ^ (size_t)d->severity) * 16777619u;
    h = (h ^ d->line) * 16777619u;
    h = (h ^ d->column) * 16777619u;
    for (k = 0; k < 2; k++) {
        for (c = (const unsigned char *)parts[k]; *c != '\0'; c++) {
            h = (h ^ *c) * 16777619u;
        }
        h = (h ^ 0xFF) * 16777619u;
    }
    return h;
}

void crm__diags_append_unique(crm_diags *dst, const crm_diags *src)
{
    size_t cap = 16, i, mask = 0, *slots = NULL; /* dst's entries + 1; 0 is empty */
    size_t held = dst->count;

    if (src == NULL) {
        return;
    }
    while (cap < 2 * (held + src->count)) {
        cap *= 2;
    }
    slots = calloc(cap, sizeof(*slots));
    if (slots == NULL) {
        crm__diags_append(dst, src); /* out of memory: repeats, not losses */
        return;
    }
    mask = cap - 1;
    /* a hash set of what dst holds (and gains), so this is linear */
    for (i = 0; i < held + src->count; i++) {
        const crm_diag *d = i < held ? &dst->items[i] : &src->items[i - held];
        size_t at = diag_hash(d) & mask;
        bool seen = false;

        while (slots[at] != 0) {
            if (same_diag(&dst->items[slots[at] - 1], d)) {
                seen = true;
                break;
            }
            at = (at + 1) & mask;
        }
        if (i < held || seen) {
            if (!seen) {
                slots[at] = i + 1;
            }
            continue;
        }
        crm_diags_add(dst, d->severity, d->file, d->line, d->column, "%s", d->message);
        if (dst->count > 0 && same_diag(&dst->items[dst->count - 1], d)) {
            slots[at] = dst->count; /* stored: later copies are repeats */
        }
    }
    dst->errors += src->errors - src->stored_errors;
    dst->lost += src->lost; /* a loss in src is one in dst */
    dst->lost_errors += src->lost_errors;
    free(slots);
}
