/*
 * Reading score sheets (include/crmeval/panel.h, docs/panel.md) into the
 * scores container (model/scores.c): YAML (`kind: scores`, through the
 * same positioned tree as every other input) or CSV with a header row
 * (an RFC 4180 reader that reports every error by line and column,
 * with the shapes real spreadsheets write). Values are
 * kept as entered; crm_evaluation_check_scores() judges them against an
 * evaluation.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crmeval/limits.h"
#include "crmeval/panel.h"
#include "load/load.h"
#include "load/reader.h"
#include "model/model.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "util/strmap.h"
#include "util/strutil.h"

/* "Not scored yet": an empty value, ~ or null. */
static bool blank_value(const char *v)
{
    return v == NULL || v[0] == '\0' || strcmp(v, "~") == 0 || strcmp(v, "null") == 0;
}

/* ---- YAML ---------------------------------------------------------------- */

static const char *const sheet_keys[] = { "kind", "evaluator", "role", "scores", NULL };
static const char *const entry_keys[] = { "value", "comment", NULL };

struct yaml_call {
    const char *path;
    const char *evaluator, *role;
    crm_scores *scores;
    crm_diags *diags;
};

/* Read a YAML score sheet into call->scores (under the scratch arena's
 * recovery point). The sheet's evaluator and role override the command
 * line's unless blank (~); blank values are skipped as "not scored yet".
 * Every problem is reported before CRM_EINPUT is returned. */
static crm_status read_yaml(struct crm_arena *arena, void *ctx)
{
    struct yaml_call *call = ctx;
    struct crm_loaded_file f;
    struct crm_reader r;
    const struct crm_ynode *v = NULL, *all = NULL;
    crm_panel_score base;
    size_t i, j;
    crm_status st = crm__file_load(arena, call->path, CRM_FILE_SCORES, call->diags, &f);

    if (st != CRM_OK) {
        return st;
    }
    memset(&base, 0, sizeof(base));
    base.evaluator = call->evaluator;
    base.role = call->role;
    base.file = f.path;
    crm__rd_init(&r, arena, call->diags, f.path);
    crm__rd_check_keys(&r, f.root, sheet_keys, "a score sheet");
    /* ~ means "not given here": --evaluator / --role apply */
    if ((v = crm__rd_get(f.root, "evaluator")) != NULL && !(v->plain && blank_value(v->text))) {
        crm__rd_name(&r, v, "'evaluator'", &base.evaluator);
    }
    if ((v = crm__rd_get(f.root, "role")) != NULL && !(v->plain && blank_value(v->text))) {
        crm__rd_name(&r, v, "'role'", &base.role);
    }
    all = crm__rd_require(&r, f.root, "scores", "a score sheet");
    if (all == NULL || !crm__rd_is_map(&r, all, "'scores' (vendor id: {criterion: value})")) {
        return CRM_EINPUT;
    }
    for (i = 0; i < all->count; i++) {
        const struct crm_ynode *vendor = all->pairs[i].value;

        if (!crm__rd_is_map(&r, vendor, "a vendor's scores (criterion: value)")) {
            continue;
        }
        for (j = 0; j < vendor->count; j++) {
            const struct crm_ynode *val = vendor->pairs[j].value;
            crm_panel_score s = base;

            s.vendor = all->pairs[i].key->text;
            s.vendor_line = all->pairs[i].key->line;
            s.vendor_column = all->pairs[i].key->column;
            s.criterion = vendor->pairs[j].key->text;
            s.criterion_line = vendor->pairs[j].key->line;
            s.criterion_column = vendor->pairs[j].key->column;
            if (val->type == CRM_YMAP) {
                const struct crm_ynode *c = crm__rd_get(val, "comment");

                crm__rd_check_keys(&r, val, entry_keys, "a score");
                if (c != NULL) {
                    crm__rd_string(&r, c, "'comment'", &s.comment);
                }
                val = crm__rd_require(&r, val, "value", "a score");
                if (val == NULL) {
                    continue;
                }
            }
            if (val->type != CRM_YSCALAR) {
                crm__rd_error(&r, val, "expected a value for '%s' (a number, true or "
                                       "false, or an option id), got %s",
                              s.criterion, crm__ynode_kind(val));
                continue;
            }
            s.value = val->text;
            s.line = val->line;
            s.column = val->column;
            if (blank_value(s.value) && val->plain) {
                continue;
            }
            if (crm_scores_add(call->scores, &s) != CRM_OK) {
                return CRM_ENOMEM;
            }
        }
    }
    return r.errors > 0 ? CRM_EINPUT : CRM_OK;
}

/* ---- CSV (RFC 4180) ------------------------------------------------------- */

/* The columns of a CSV score sheet; criterion_name, scale, current and
 * points_at_stake are for the person filling in a sheet that crmeval wrote
 * (src/report/sheet.c), and reading ignores them. */
enum csv_column { COL_VENDOR, COL_CRITERION, COL_VALUE, COL_COMMENT, COL_EVALUATOR,
                  COL_ROLE, COL_CRITERION_NAME, COL_SCALE, COL_CURRENT, COL_AT_STAKE,
                  COL_COUNT_ };
const char *const crm__sheet_columns[] = { "vendor", "criterion", "value", "comment",
                                           "evaluator", "role", "criterion_name", "scale",
                                           "current", "points_at_stake", NULL };
#define csv_columns crm__sheet_columns

struct csv_field {
    char *text;
    unsigned line, column;    /* where the field starts (its quote, if any) */
    bool quoted;
    size_t skipped;           /* bytes trim and crm__csv_restore took off its start */
};

struct csv_reader {
    const char *path;
    const char *p, *end;
    unsigned line, column;
    unsigned extra_line, extra_column; /* the record's first field past the cap */
    struct crm_arena *arena;
    crm_diags *diags;
    size_t errors;
};

static void csv_error(struct csv_reader *cr, unsigned line, unsigned column,
                      const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Report an error at @p line:@p column of the CSV file and count it, so
 * read_csv can go on to the next row and fail once at the end. */
static void csv_error(struct csv_reader *cr, unsigned line, unsigned column,
                      const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    crm__diags_addv(cr->diags, CRM_SEV_ERROR, cr->path, line, column, fmt, ap);
    va_end(ap);
    cr->errors++;
}

/* Advance over one byte, keeping line and column (in code points). */
static void csv_advance(struct csv_reader *cr)
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
static bool csv_record(struct csv_reader *cr, struct csv_field *fields, size_t max,
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
                    csv_error(cr, line, column, "a quoted field is not closed (missing \")");
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
                csv_error(cr, cr->line, cr->column,
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
static void trim(struct csv_field *f)
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
static void field_place(const struct csv_field *f, size_t at, unsigned *line,
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

/* A name (an evaluator's) must be one line without control characters or
 * bidirectional controls: reported at the character, like a YAML name. */
static bool name_ok(struct csv_reader *cr, const struct csv_field *f, const char *what)
{
    unsigned long cp = 0;
    size_t at = 0;
    unsigned line = 0, column = 0;
    char cbuf[64];

    if (!crm__find_name_control(f->text, strlen(f->text), &cp, &at)) {
        return true;
    }
    field_place(f, at, &line, &column);
    csv_error(cr, line, column,
              "%s may not contain %s; names and ids are one line of text without "
              "control characters or bidirectional controls",
              what, crm__control_text(cbuf, sizeof(cbuf), cp));
    return false;
}

/* A row may hold at most CRM_MAX_CSV_FIELDS fields, and none with text
 * past the header's columns (it would be dropped without a word); empty
 * ones, which spreadsheets write, are fine. */
static bool row_width_ok(struct csv_reader *cr, struct csv_field *fields, size_t n,
                         size_t header)
{
    size_t i;

    if (n > CRM_MAX_CSV_FIELDS) {
        csv_error(cr, cr->extra_line, cr->extra_column,
                  "a row of %zu fields; a score sheet has at most %u fields a row", n,
                  CRM_MAX_CSV_FIELDS);
        return false;
    }
    for (i = header; i < n; i++) {
        trim(&fields[i]);
        if (fields[i].text[0] != '\0') {
            csv_error(cr, fields[i].line, fields[i].column,
                      "field %zu has no column: the header row names %zu", i + 1, header);
            return false;
        }
    }
    return true;
}

/* Check the sheet's text before any field is read: at most one
 * byte-order mark (skipped), valid UTF-8, no NUL. False after reporting
 * what is wrong. */
static bool csv_text_ok(struct csv_reader *cr, const char *data, size_t len)
{
    size_t boms = crm__utf8_boms(data, len);
    unsigned bad_line = 0, bad_col = 0;
    const char *nul = NULL;

    /* the byte-order mark spreadsheets write is not a column; more than
     * one is no spreadsheet's doing */
    if (boms > 1) {
        csv_error(cr, 1, 1, "the sheet starts with %zu byte-order marks (U+FEFF); a file "
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
        csv_error(cr, bad_line, bad_col,
                  "a NUL character (U+0000); a score sheet is text (save it as UTF-8 CSV)");
        return false;
    }
    return true;
}

/* Read the header row into @p where (column -> field index, -1 when
 * absent); *@p width is its number of fields. Unknown, repeated and
 * missing required columns are all reported; false when there was one. */
static bool csv_header(struct csv_reader *cr, struct csv_field *fields, size_t cap,
                       int where[COL_COUNT_], size_t *width)
{
    size_t n = 0, i, k;

    for (k = 0; k < COL_COUNT_; k++) {
        where[k] = -1;
    }
    if (!csv_record(cr, fields, cap, &n)) {
        csv_error(cr, 0, 0, "the sheet is empty; expected a header row: %s",
                  "vendor,criterion,value[,comment][,evaluator][,role]");
        return false;
    }
    if (n > CRM_MAX_CSV_FIELDS) {
        csv_error(cr, cr->extra_line, cr->extra_column,
                  "the header row has %zu columns; a score sheet has at most %u fields "
                  "a row (its columns are vendor, criterion, value, comment, evaluator, "
                  "role, criterion_name, scale, current and points_at_stake)",
                  n, CRM_MAX_CSV_FIELDS);
        return false;
    }
    *width = n;
    for (i = 0; i < n; i++) {
        int col = -1;

        trim(&fields[i]);
        for (k = 0; k < COL_COUNT_; k++) {
            if (strcasecmp(fields[i].text, csv_columns[k]) == 0) {
                col = (int)k;
            }
        }
        if (col < 0) {
            const char *hint = crm__did_you_mean(fields[i].text, csv_columns);

            crm_diags_add(cr->diags, CRM_SEV_ERROR, cr->path, fields[i].line, fields[i].column,
                          "unknown column '%s'; expected vendor, criterion, value, "
                          "comment, evaluator, role, criterion_name, scale, current or "
                          "points_at_stake%s%s%s",
                          fields[i].text, hint ? " (did you mean '" : "", hint ? hint : "",
                          hint ? "'?)" : "");
            cr->errors++;
        } else if (where[col] >= 0) {
            csv_error(cr, fields[i].line, fields[i].column, "column '%s' is given twice",
                      csv_columns[col]);
        } else {
            where[col] = (int)i;
        }
    }
    for (k = 0; k <= COL_VALUE; k++) {
        if (where[k] < 0) {
            csv_error(cr, 1, 1, "the header row has no '%s' column", csv_columns[k]);
        }
    }
    return cr->errors == 0;
}

/* Fill @p s from one row's @p n fields, by the header's @p where; the
 * sheet's evaluator and role stand unless the row names its own. */
static void csv_row_score(struct csv_reader *cr, struct csv_field *fields, size_t n,
                          const int where[COL_COUNT_], crm_panel_score *s)
{
    size_t k;

    for (k = 0; k < COL_COUNT_; k++) {
        struct csv_field *f = NULL;

        if (where[k] < 0 || (size_t)where[k] >= n) {
            continue;
        }
        f = &fields[where[k]];
        trim(f);
        f->skipped += crm__csv_restore(f->text); /* what crm__buf_csv neutralised */
        switch ((enum csv_column)k) {
        case COL_VENDOR:
            s->vendor = f->text;
            s->vendor_line = f->line;
            s->vendor_column = f->column;
            break;
        case COL_CRITERION:
            s->criterion = f->text;
            s->criterion_line = f->line;
            s->criterion_column = f->column;
            break;
        case COL_VALUE:
            s->value = f->text;
            s->line = f->line;
            s->column = f->column;
            break;
        case COL_COMMENT:
            s->comment = f->text[0] != '\0' ? f->text : NULL;
            break;
        case COL_EVALUATOR:
            if (f->text[0] != '\0' && name_ok(cr, f, "an evaluator's name")) {
                s->evaluator = f->text;
            }
            break;
        case COL_ROLE:
            if (f->text[0] != '\0') {
                s->role = f->text;
            }
            break;
        case COL_CRITERION_NAME:
        case COL_SCALE:
        case COL_CURRENT:
        case COL_AT_STAKE:
        case COL_COUNT_:
            break;
        }
    }
}

/* Read a CSV score sheet into call->scores: check the text, map the
 * header's columns, then one score per row. Blank lines and blank values
 * are skipped; a bad row is reported and the rest still read, so one run
 * shows every problem. */
static crm_status read_csv(struct crm_arena *arena, void *ctx)
{
    struct yaml_call *call = ctx;
    struct csv_reader cr;
    struct csv_field fields[CRM_MAX_CSV_FIELDS];
    const size_t cap = sizeof(fields) / sizeof(fields[0]);
    int where[COL_COUNT_]; /* column -> field index, -1 when absent */
    char *data = NULL;
    const char *path = crm__arena_strdup(arena, call->path);
    size_t len = 0, n = 0, k, needed = 0, header = 0;
    crm_status st = crm__file_read(arena, path, CRM_MAX_FILE_SIZE, &data, &len, call->diags);

    if (st != CRM_OK) {
        return st;
    }
    memset(&cr, 0, sizeof(cr));
    cr.path = path;
    cr.p = data;
    cr.end = data + len;
    cr.line = 1;
    cr.column = 1;
    cr.arena = arena;
    cr.diags = call->diags;
    if (!csv_text_ok(&cr, data, len) || !csv_header(&cr, fields, cap, where, &header)) {
        return CRM_EINPUT;
    }
    /* every row reaches the last of the three columns it must have */
    for (k = 0; k <= COL_VALUE; k++) {
        needed = (size_t)where[k] + 1 > needed ? (size_t)where[k] + 1 : needed;
    }
    while (csv_record(&cr, fields, cap, &n)) {
        crm_panel_score s;

        if (n == 1 && fields[0].text[0] == '\0') {
            continue; /* a blank line */
        }
        if (!row_width_ok(&cr, fields, n, header)) {
            continue;
        }
        if (n < needed) {
            crm_diags_add(call->diags, CRM_SEV_ERROR, path, fields[0].line, 1,
                          "expected at least %zu fields (vendor, criterion and value), got %zu",
                          needed, n);
            cr.errors++;
            continue;
        }
        memset(&s, 0, sizeof(s));
        s.file = path;
        s.evaluator = call->evaluator;
        s.role = call->role;
        csv_row_score(&cr, fields, n, where, &s);
        if (blank_value(s.value)) {
            continue;
        }
        if (crm_scores_add(call->scores, &s) != CRM_OK) {
            return CRM_ENOMEM;
        }
    }
    return cr.errors > 0 ? CRM_EINPUT : CRM_OK;
}

bool crm__is_csv(const char *path)
{
    size_t n = strlen(path);

    return n >= 4 && strcasecmp(path + n - 4, ".csv") == 0;
}

crm_status crm_scores_read(crm_scores **out, const char *path, const char *evaluator,
                           const char *role, crm_diags *diags)
{
    struct yaml_call call = { path, evaluator, role, NULL, diags };
    struct crm_arena *arena = crm__arena_new();
    crm_status st = CRM_OK;

    *out = NULL;
    call.scores = crm_scores_new();
    if (arena == NULL || call.scores == NULL) {
        crm__arena_free(arena);
        crm_scores_free(call.scores);
        return CRM_ENOMEM;
    }
    /* the file's own tree lives in a scratch arena; the list copies */
    st = crm__arena_protect(arena, crm__is_csv(path) ? read_csv : read_yaml, &call, diags);
    crm__arena_free(arena);
    if (st != CRM_OK) {
        crm_scores_free(call.scores);
        return st;
    }
    *out = call.scores;
    return CRM_OK;
}
