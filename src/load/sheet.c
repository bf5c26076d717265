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
#include "load/csv.h"
#include "load/load.h"
#include "load/xlsx.h"
#include "load/reader.h"
#include "model/model.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "util/strmap.h"
#include "util/strutil.h"

/* ---- YAML ---------------------------------------------------------------- */

static const char *const sheet_keys[] = { "kind", "evaluator", "role", "scores", NULL };
static const char *const entry_keys[] = { "value", "comment", NULL };

struct yaml_call {
    const char *path;
    const char *evaluator, *role;
    crm_scores *scores;
    crm_diags *diags;
};

/* Read a YAML score sheet (`kind: scores`, ctx is the yaml_call) into its
 * scores: the sheet's evaluator and role (else the caller's), then
 * vendor: {criterion: value or {value, comment}}. Blank values are skipped;
 * every error is reported before CRM_EINPUT. The tree lives in arena. */
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
    if ((v = crm__rd_get(f.root, "evaluator")) != NULL && !(v->plain && crm__is_blank_value(v->text))) {
        crm__rd_name(&r, v, "'evaluator'", &base.evaluator);
    }
    if ((v = crm__rd_get(f.root, "role")) != NULL && !(v->plain && crm__is_blank_value(v->text))) {
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
            if (crm__is_blank_value(s.value) && val->plain) {
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

/* A name (an evaluator's) must be one line without control characters or
 * bidirectional controls: reported at the character, like a YAML name. */
static bool name_ok(struct crm_csv_reader *cr, const struct crm_csv_field *f, const char *what)
{
    unsigned long cp = 0;
    size_t at = 0;
    unsigned line = 0, column = 0;
    char cbuf[64];

    if (!crm__find_name_control(f->text, strlen(f->text), &cp, &at)) {
        return true;
    }
    crm__csv_field_place(f, at, &line, &column);
    crm__csv_error(cr, line, column,
              "%s may not contain %s; names and ids are one line of text without "
              "control characters or bidirectional controls",
              what, crm__control_text(cbuf, sizeof(cbuf), cp));
    return false;
}

/* A row may hold at most CRM_MAX_CSV_FIELDS fields, and none with text
 * past the header's columns (it would be dropped without a word); empty
 * ones, which spreadsheets write, are fine. */
static bool row_width_ok(struct crm_csv_reader *cr, struct crm_csv_field *fields, size_t n,
                         size_t header)
{
    size_t i;

    if (n > CRM_MAX_CSV_FIELDS) {
        crm__csv_error(cr, cr->extra_line, cr->extra_column,
                  "a row of %zu fields; a score sheet has at most %u fields a row", n,
                  CRM_MAX_CSV_FIELDS);
        return false;
    }
    for (i = header; i < n; i++) {
        crm__csv_trim(&fields[i]);
        if (fields[i].text[0] != '\0') {
            crm__csv_error(cr, fields[i].line, fields[i].column,
                      "field %zu has no column: the header row names %zu", i + 1, header);
            return false;
        }
    }
    return true;
}

/* Read the header row into @p where (column -> field index, -1 when
 * absent); *@p width is its number of fields. Unknown, repeated and
 * missing required columns are all reported; false when there was one. */
static bool csv_header(struct crm_rows *rows, struct crm_csv_field *fields, size_t cap,
                       int where[COL_COUNT_], size_t *width)
{
    struct crm_csv_reader *cr = rows->cr;
    size_t n = 0, i, k;

    for (k = 0; k < COL_COUNT_; k++) {
        where[k] = -1;
    }
    if (!crm__rows_next(rows, fields, cap, &n)) {
        crm__csv_error(cr, 0, 0, "the sheet is empty; expected a header row: %s",
                  "vendor,criterion,value[,comment][,evaluator][,role]");
        return false;
    }
    if (n > CRM_MAX_CSV_FIELDS) {
        crm__csv_error(cr, cr->extra_line, cr->extra_column,
                  "the header row has %zu columns; a score sheet has at most %u fields "
                  "a row (its columns are vendor, criterion, value, comment, evaluator, "
                  "role, criterion_name, scale, current and points_at_stake)",
                  n, CRM_MAX_CSV_FIELDS);
        return false;
    }
    *width = n;
    for (i = 0; i < n; i++) {
        int col = -1;

        crm__csv_trim(&fields[i]);
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
            crm__csv_error(cr, fields[i].line, fields[i].column, "column '%s' is given twice",
                      csv_columns[col]);
        } else {
            where[col] = (int)i;
        }
    }
    for (k = 0; k <= COL_VALUE; k++) {
        if (where[k] < 0) {
            crm__csv_error(cr, 1, 1, "the header row has no '%s' column", csv_columns[k]);
        }
    }
    return cr->errors == 0;
}

/* Fill @p s from one row's @p n fields, by the header's @p where; the
 * sheet's evaluator and role stand unless the row names its own. */
static void csv_row_score(struct crm_csv_reader *cr, struct crm_csv_field *fields, size_t n,
                          const int where[COL_COUNT_], crm_panel_score *s)
{
    size_t k;

    for (k = 0; k < COL_COUNT_; k++) {
        struct crm_csv_field *f = NULL;

        if (where[k] < 0 || (size_t)where[k] >= n) {
            continue;
        }
        f = &fields[where[k]];
        crm__csv_trim(f);
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

/* The header and then every row of @p rows (CSV, or a workbook's sheet),
 * errors told through @p cr, into call->scores. */
static crm_status read_rows(struct yaml_call *call, struct crm_csv_reader *cr,
                            struct crm_rows *rows)
{
    struct crm_csv_field fields[CRM_MAX_CSV_FIELDS];
    const size_t cap = sizeof(fields) / sizeof(fields[0]);
    int where[COL_COUNT_]; /* column -> field index, -1 when absent */
    size_t n = 0, k, needed = 0, header = 0;

    if (!csv_header(rows, fields, cap, where, &header)) {
        return CRM_EINPUT;
    }
    /* every row reaches the last of the three columns it must have */
    for (k = 0; k <= COL_VALUE; k++) {
        needed = (size_t)where[k] + 1 > needed ? (size_t)where[k] + 1 : needed;
    }
    while (crm__rows_next(rows, fields, cap, &n)) {
        crm_panel_score s;

        if (n == 0 || (n == 1 && fields[0].text[0] == '\0')) {
            continue; /* a blank line */
        }
        if (!row_width_ok(cr, fields, n, header)) {
            continue;
        }
        if (n < needed) {
            /* a workbook leaves out the empty cells at a row's end */
            if (rows->sheet != NULL) {
                continue;
            }
            crm_diags_add(call->diags, CRM_SEV_ERROR, cr->path, fields[0].line, 1,
                          "expected at least %zu fields (vendor, criterion and value), got %zu",
                          needed, n);
            cr->errors++;
            continue;
        }
        memset(&s, 0, sizeof(s));
        s.file = cr->path;
        s.evaluator = call->evaluator;
        s.role = call->role;
        csv_row_score(cr, fields, n, where, &s);
        if (crm__is_blank_value(s.value)) {
            continue;
        }
        if (crm_scores_add(call->scores, &s) != CRM_OK) {
            return CRM_ENOMEM;
        }
    }
    return cr->errors > 0 ? CRM_EINPUT : CRM_OK;
}

/* Read a CSV score sheet (ctx is the yaml_call) into its scores, through
 * the same row reader as a workbook's sheet; the rows live in arena. */
static crm_status read_csv(struct crm_arena *arena, void *ctx)
{
    struct yaml_call *call = ctx;
    struct crm_csv_reader cr;
    struct crm_rows rows;
    crm_status st = crm__csv_open(&cr, arena, call->path, "a score sheet", call->diags);

    if (st != CRM_OK) {
        return st;
    }
    memset(&rows, 0, sizeof(rows));
    rows.cr = &cr;
    return read_rows(call, &cr, &rows);
}

/* A workbook's "Scores" sheet (report/sheet.c writes one): the same
 * columns as CSV, each place as file:Scores:row:column. */
static crm_status read_xlsx(struct crm_arena *arena, void *ctx)
{
    struct yaml_call *call = ctx;
    struct crm_csv_reader cr;
    struct crm_rows rows;
    crm_status st = CRM_OK;

    memset(&cr, 0, sizeof(cr));
    memset(&rows, 0, sizeof(rows));
    cr.path = crm__arena_printf(arena, "%s:%s", call->path, CRM_SHEET_XLSX_NAME);
    cr.arena = arena;
    cr.diags = call->diags;
    cr.what = "a score sheet";
    st = crm__xlsx_read_sheet(arena, call->path, CRM_SHEET_XLSX_NAME, call->diags, &rows.sheet,
                              &rows.count);
    if (st != CRM_OK) {
        return st;
    }
    rows.cr = &cr;
    return read_rows(call, &cr, &rows);
}

bool crm__is_csv(const char *path)
{
    size_t n = strlen(path);

    return n >= 4 && strcasecmp(path + n - 4, ".csv") == 0;
}

bool crm__is_xlsx(const char *path)
{
    size_t n = strlen(path);

    return n >= 5 && strcasecmp(path + n - 5, ".xlsx") == 0;
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
    st = crm__arena_protect(arena,
                            crm__is_xlsx(path)  ? read_xlsx
                            : crm__is_csv(path) ? read_csv
                                                : read_yaml,
                            &call, diags);
    crm__arena_free(arena);
    if (st != CRM_OK) {
        crm_scores_free(call.scores);
        return st;
    }
    *out = call.scores;
    return CRM_OK;
}
