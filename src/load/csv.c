/*
 * The CSV reader the sheets share (load/csv.h): RFC 4180 records with
 * every field's line and column, and the shapes real spreadsheets write
 * (a byte-order mark, CRLF or a bare CR, blank trailing fields). Moved
 * from the score sheet reader (load/sheet.c) when the questionnaires'
 * answers (load/rfi.c) needed the same.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "crmeval/limits.h"
#include "load/csv.h"
#include "util/fileio.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/strutil.h"

void crm__csv_error(struct crm_csv_reader *cr, unsigned line, unsigned column,
                    const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    crm__diags_addv(cr->diags, CRM_SEV_ERROR, cr->path, line, column, fmt, ap);
    va_end(ap);
    cr->errors++;
}

/* Advance over one byte, keeping line and column (in code points). */
static void csv_advance(struct crm_csv_reader *cr)
{
    unsigned char c = (unsigned char)*cr->p++;

    if (c == '\n') {
        cr->line++;
        cr->column = 1;
    } else if ((c & 0xC0) != 0x80) {
        cr->column++;
    }
}

/*
 * One record into @p fields (at most @p max; the rest are counted in
 * @p count but dropped). @return false at the end of the input.
 */
bool crm__csv_record(struct crm_csv_reader *cr, struct crm_csv_field *fields, size_t max,
                     size_t *count)
{
    struct crm_buf field = CRM_BUF_INIT;
    bool more = true;

    *count = 0;
    if (cr->p >= cr->end) {
        return false;
    }
    while (more) {
        unsigned line = cr->line, column = cr->column;

        bool quoted = cr->p < cr->end && *cr->p == '"';

        field.len = 0;
        crm__buf_printf(&field, "%s", "");
        if (quoted) {
            csv_advance(cr);
            for (;;) {
                if (cr->p >= cr->end) {
                    crm__csv_error(cr, line, column, "a quoted field is not closed (missing \")");
                    break;
                }
                if (*cr->p == '"' && cr->p + 1 < cr->end && cr->p[1] == '"') {
                    crm__buf_printf(&field, "\"");
                    csv_advance(cr);
                    csv_advance(cr);
                } else if (*cr->p == '"') {
                    csv_advance(cr);
                    break;
                } else {
                    crm__buf_printf(&field, "%c", *cr->p);
                    csv_advance(cr);
                }
            }
            if (cr->p < cr->end && *cr->p != ',' && *cr->p != '\n' && *cr->p != '\r') {
                crm__csv_error(cr, cr->line, cr->column,
                          "expected a comma or the end of the line after a quoted "
                          "field");
                while (cr->p < cr->end && *cr->p != ',' && *cr->p != '\n') {
                    csv_advance(cr);
                }
            }
        } else {
            while (cr->p < cr->end && *cr->p != ',' && *cr->p != '\n' && *cr->p != '\r') {
                crm__buf_printf(&field, "%c", *cr->p);
                csv_advance(cr);
            }
        }
        if (*count == max) {
            cr->extra_line = line;
            cr->extra_column = column;
        }
        if (*count < max) {
            /* field.data is malloc'd: no longjmp while it is held (the
             * rule in arena.h), so try, free, then pass the failure on */
            char *text = field.failed ? NULL : crm__arena_try_alloc(cr->arena, field.len + 1);

            if (text == NULL) {
                free(field.data);
                crm__arena_oom(cr->arena); /* read_csv runs protected: a longjmp */
                return false;
            }
            memcpy(text, field.data, field.len);
            fields[*count].text = text;
            fields[*count].line = line;
            fields[*count].column = column;
            fields[*count].quoted = quoted;
            fields[*count].skipped = 0;
        }
        (*count)++;
        if (cr->p < cr->end && *cr->p == ',') {
            csv_advance(cr);
        } else if (cr->p < cr->end && *cr->p == '\r') {
            /* \r\n, or a bare \r as old Mac spreadsheets write */
            cr->p++;
            if (cr->p < cr->end && *cr->p == '\n') {
                cr->p++;
            }
            cr->line++;
            cr->column = 1;
            more = false;
        } else {
            if (cr->p < cr->end) {
                csv_advance(cr); /* the newline */
            }
            more = false;
        }
    }
    free(field.data);
    return true;
}

/* Spaces and tabs off both ends of @p f's text, kept count of. */
void crm__csv_trim(struct crm_csv_field *f)
{
    char *s = f->text;
    size_t n = strlen(s), k = 0;

    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) {
        s[--n] = '\0';
    }
    while (s[k] == ' ' || s[k] == '\t') {
        k++;
    }
    memmove(s, s + k, n - k + 1);
    f->skipped += k;
}

/* The line and column in the file of byte @p at of @p f's text (as
 * trimmed): a doubled quote inside quotes is two columns. */
void crm__csv_field_place(const struct crm_csv_field *f, size_t at, unsigned *line,
                        unsigned *column)
{
    const char *p = f->text;

    *line = f->line;
    *column = f->column + (f->quoted ? 1 : 0) + (unsigned)f->skipped;
    while ((size_t)(p - f->text) < at) {
        unsigned long cp = crm__utf8_next(&p);

        if (cp == '\n') {
            (*line)++;
            *column = 1;
        } else {
            *column += f->quoted && cp == '"' ? 2 : 1;
        }
    }
}

/* Check the sheet's text before any field is read: at most one
 * byte-order mark (skipped), valid UTF-8, no NUL. False after reporting
 * what is wrong. */
bool crm__csv_text_ok(struct crm_csv_reader *cr, const char *data, size_t len)
{
    size_t boms = crm__utf8_boms(data, len);
    unsigned bad_line = 0, bad_col = 0;
    const char *nul = NULL;

    /* the byte-order mark spreadsheets write is not a column; more than
     * one is no spreadsheet's doing */
    if (boms > 1) {
        crm__csv_error(cr, 1, 1, "the sheet starts with %zu byte-order marks (U+FEFF); a file "
                            "may start with one at most",
                  boms);
        return false;
    }
    cr->p += 3 * boms;
    if (!crm__utf8_check(cr->p, (size_t)(cr->end - cr->p), &bad_line, &bad_col)) {
        crm_diags_add(cr->diags, CRM_SEV_ERROR, cr->path, bad_line, bad_col,
                      "invalid UTF-8 (save the sheet as UTF-8 CSV)");
        return false;
    }
    /* a NUL would end a field's text early and lose the rest silently */
    if ((nul = memchr(cr->p, '\0', (size_t)(cr->end - cr->p))) != NULL) {
        crm__text_position(cr->p, (size_t)(nul - cr->p), &bad_line, &bad_col);
        crm__csv_error(cr, bad_line, bad_col,
                  "a NUL character (U+0000); %s is text (save it as UTF-8 CSV)", cr->what);
        return false;
    }
    return true;
}

crm_status crm__csv_open(struct crm_csv_reader *cr, struct crm_arena *arena, const char *path,
                         const char *what, crm_diags *diags)
{
    char *data = NULL;
    size_t len = 0;
    const char *copy = crm__arena_strdup(arena, path);
    crm_status st = crm__file_read(arena, copy, CRM_MAX_FILE_SIZE, &data, &len, diags);

    memset(cr, 0, sizeof(*cr));
    cr->path = copy;
    cr->what = what;
    cr->arena = arena;
    cr->diags = diags;
    cr->line = 1;
    cr->column = 1;
    if (st != CRM_OK) {
        return st;
    }
    cr->p = data;
    cr->end = data + len;
    return crm__csv_text_ok(cr, data, len) ? CRM_OK : CRM_EINPUT;
}
