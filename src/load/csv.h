/*
 * Reading CSV (RFC 4180) with positions (load/csv.c), for the score
 * sheets (load/sheet.c) and the questionnaires' answers (load/rfi.c).
 * Fields live in the reader's arena; running out of memory longjmps
 * (run the reader under crm__arena_protect).
 */
#ifndef CRM_LOAD_CSV_H
#define CRM_LOAD_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "crmeval/error.h"

struct crm_arena;

struct crm_csv_field {
    char *text;
    unsigned line, column;    /* where the field starts (its quote, if any) */
    bool quoted;
    size_t skipped;           /* bytes trim and crm__csv_restore took off its start */
};

struct crm_csv_reader {
    const char *path;
    const char *what;         /* "a score sheet": for messages */
    const char *p, *end;
    unsigned line, column;
    unsigned extra_line, extra_column; /* the record's first field past the cap */
    struct crm_arena *arena;
    crm_diags *diags;
    size_t errors;
};

/* Read file @p path (within CRM_MAX_FILE_SIZE) into a reader, @p what it
 * is ("a score sheet") for messages, and check its text
 * (crm__csv_text_ok). @return CRM_OK; CRM_EINPUT, CRM_EIO (said). */
crm_status crm__csv_open(struct crm_csv_reader *cr, struct crm_arena *arena, const char *path,
                         const char *what, crm_diags *diags);

/* An error at @p line, @p column of the reader's file, counted. */
void crm__csv_error(struct crm_csv_reader *cr, unsigned line, unsigned column,
                    const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* One record into @p fields (at most @p max; the rest are counted in
 * @p count but dropped). @return false at the end of the input. */
bool crm__csv_record(struct crm_csv_reader *cr, struct crm_csv_field *fields, size_t max,
                     size_t *count);

/* Spaces and tabs off both ends of @p f's text, kept count of. */
void crm__csv_trim(struct crm_csv_field *f);

/* The line and column in the file of byte @p at of @p f's text (as
 * trimmed): a doubled quote inside quotes is two columns. */
void crm__csv_field_place(const struct crm_csv_field *f, size_t at, unsigned *line,
                          unsigned *column);

/* Check the text before any field is read: at most one byte-order mark
 * (skipped), valid UTF-8, no NUL. False after reporting what is wrong. */
bool crm__csv_text_ok(struct crm_csv_reader *cr, const char *data, size_t len);

#endif
