/*
 * crmeval - status codes and diagnostics.
 *
 * Every library function that can fail returns a crm_status and reports the
 * details of what went wrong into a caller-owned crm_diags list: one entry per
 * problem, each with the file, 1-based line and column, and a one-line
 * message. Input errors are collected (up to a limit) rather than stopping at
 * the first, so a user sees everything wrong with a file in one run.
 */
#ifndef CRMEVAL_ERROR_H
#define CRMEVAL_ERROR_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Result of a library call; 0 is success, negative is failure. CRM_ENOMEM
 * is said by the status alone, with no diagnostic (adding one would need
 * memory): callers print crm_status_text() for it.
 */
typedef enum crm_status {
    CRM_OK = 0,
    CRM_ENOMEM = -1, /**< out of memory (runtime failure) */
    CRM_EIO = -2,    /**< a file could not be read or written (runtime) */
    CRM_EINPUT = -3, /**< the input is invalid: see the diagnostics */
    CRM_EUSAGE = -4  /**< the call itself was wrong (bad option value) */
} crm_status;

typedef enum crm_severity {
    CRM_SEV_ERROR = 0,
    CRM_SEV_WARNING = 1,
    CRM_SEV_NOTE = 2
} crm_severity;

/** One problem. Strings are owned by the crm_diags list that holds it. */
typedef struct crm_diag {
    crm_severity severity;
    const char *file;  /**< path as given, or NULL when not about a file */
    unsigned line;     /**< 1-based; 0 when unknown */
    unsigned column;   /**< 1-based; 0 when unknown */
    const char *message;
} crm_diag;

/** A list of diagnostics; opaque. */
typedef struct crm_diags crm_diags;

/**
 * Create an empty list that keeps at most @p max_errors errors (0 means the
 * default, 100). Further errors are counted but not stored.
 * @return the list, owned by the caller (free with crm_diags_free), or NULL
 *         when out of memory.
 */
crm_diags *crm_diags_new(size_t max_errors);

/** Free the list and every message in it. NULL is a no-op. */
void crm_diags_free(crm_diags *diags);

/** Number of stored diagnostics of any severity. */
size_t crm_diags_count(const crm_diags *diags);

/** Number of errors seen, including those past the limit. */
size_t crm_diags_error_count(const crm_diags *diags);

/** Whether errors were dropped because the limit was reached. */
bool crm_diags_truncated(const crm_diags *diags);

/**
 * Number of diagnostics dropped because memory ran out (0 for NULL). When
 * not zero the list is incomplete, and the call that was adding to it
 * returns CRM_ENOMEM.
 */
size_t crm_diags_lost(const crm_diags *diags);

/** The i-th diagnostic; borrowed, valid until the list is freed. */
const crm_diag *crm_diags_get(const crm_diags *diags, size_t i);

/**
 * Add a diagnostic. @p file is copied. Messages longer than 1 KiB are cut.
 * When memory runs out the entry is dropped and counted by crm_diags_lost.
 */
void crm_diags_add(crm_diags *diags, crm_severity severity, const char *file,
                   unsigned line, unsigned column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/**
 * Format one diagnostic the GNU way: "file:line:column: error: message".
 * Parts that are unknown are left out. Control characters, line breaks,
 * bidirectional controls and bytes that are not UTF-8 in the file name or
 * message are shown escaped (\x1b, \u202e), so the line is safe to print
 * on a terminal. Returns what snprintf returns.
 */
int crm_diag_format(const crm_diag *diag, char *buf, size_t bufsize);

/**
 * @p s as it can be printed on a terminal: control characters, line
 * breaks, bidirectional controls and bytes that are not UTF-8 written as
 * \xHH or \uHHHH (an escape sequence in a name cannot recolour or clear
 * the screen, a line feed cannot forge a line). Returns @p s itself when
 * nothing needs escaping, else @p buf (@p size bytes, cut on a character).
 */
const char *crm_text_for_terminal(char *buf, size_t size, const char *s);

/**
 * The candidate closest to @p word (a small edit distance, or the same
 * word in another case), for "did you mean" in messages; NULL when none is
 * close. @p candidates is NULL-terminated. Borrowed from @p candidates.
 */
const char *crm_suggest(const char *word, const char *const *candidates);

/** A short English text for a status ("out of memory", ...). Static. */
const char *crm_status_text(crm_status status);

#ifdef __cplusplus
}
#endif
#endif
