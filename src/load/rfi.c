/*
 * Reading a filled-in questionnaire (include/crmeval/rfi.h, docs/rfi.md)
 * into vendor answers: a workbook (its Questionnaire sheet, load/xlsx.c),
 * CSV (load/csv.c) or YAML (`kind: rfi`). The workbook and the CSV are the
 * same table, read by one function: a header row naming the columns
 * (crm__rfi_columns; the question columns are for the respondent and
 * reading ignores them), then a row per question. Answers are kept as
 * entered; crm_evaluation_check_answers judges them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crmeval/limits.h"
#include "crmeval/rfi.h"
#include "load/csv.h"
#include "load/load.h"
#include "load/reader.h"
#include "load/xlsx.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "util/strutil.h"

/* In report/rfi.c's order (enum col there). */
const char *const crm__rfi_columns[] = {
    "vendor", "group", "criterion", "question", "question_zh", "details", "details_zh",
    "answer_type", "scale", "evidence_expected", "evidence_expected_zh", "current", "answer",
    "evidence_url", "evidence_document", "evidence_page", "comment", "respondent", NULL
};
enum { C_VENDOR, C_CRITERION = 2, C_ANSWER = 12, C_URL, C_DOCUMENT, C_PAGE, C_COMMENT,
       C_RESPONDENT, C_COUNT };

/* The most fields a row may have that reading looks at: every column,
 * with room for a spreadsheet's empty ones. */
#define RFI_MAX_FIELDS 32

/* The sheet of a workbook that holds the questions. */
#define QUESTIONNAIRE "Questionnaire"

/* ---- the table (CSV or a workbook's sheet) --------------------------------- */

/* Rows of fields with their places, from CSV or from a workbook. */
struct table {
    const char *where;                 /* the file for messages ("a.xlsx:Questionnaire") */
    struct crm_rows rows;
    crm_diags *diags;
    size_t errors;
};

static void table_error(struct table *t, unsigned line, unsigned column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Report an error at line:column of the table's file and count it, so that
 * reading goes on to show every error but the table is rejected. */
static void table_error(struct table *t, unsigned line, unsigned column, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    crm__diags_addv(t->diags, CRM_SEV_ERROR, t->where, line, column, fmt, ap);
    va_end(ap);
    t->errors++;
}

/* The header row: column -> field index in @p where (-1 when absent). */
static bool table_header(struct table *t, struct crm_csv_field *fields, size_t cap,
                         int where[C_COUNT], size_t *width)
{
    size_t n = 0, i, k;

    for (k = 0; k < C_COUNT; k++) {
        where[k] = -1;
    }
    if (!crm__rows_next(&t->rows, fields, cap, &n)) {
        table_error(t, 0, 0, "the questionnaire is empty; expected a header row with at least "
                             "vendor, criterion and answer");
        return false;
    }
    if (n > cap) {
        table_error(t, fields[0].line, 1,
                    "the header row has %zu columns; a questionnaire has at most %zu", n, cap);
        return false;
    }
    *width = n;
    for (i = 0; i < n; i++) {
        int col = -1;

        crm__csv_trim(&fields[i]);
        if (fields[i].text[0] == '\0') {
            continue; /* a spreadsheet's empty column */
        }
        for (k = 0; k < C_COUNT; k++) {
            if (strcasecmp(fields[i].text, crm__rfi_columns[k]) == 0) {
                col = (int)k;
            }
        }
        if (col < 0) {
            const char *hint = crm__did_you_mean(fields[i].text, crm__rfi_columns);

            table_error(t, fields[i].line, fields[i].column,
                        "unknown column '%s'; expected the columns of a questionnaire "
                        "crmeval wrote (vendor, criterion, answer, evidence_url, "
                        "evidence_document, evidence_page, comment, respondent, ...)%s%s%s",
                        fields[i].text, hint ? " (did you mean '" : "", hint ? hint : "",
                        hint ? "'?)" : "");
        } else if (where[col] >= 0) {
            table_error(t, fields[i].line, fields[i].column, "column '%s' is given twice",
                        crm__rfi_columns[col]);
        } else {
            where[col] = (int)i;
        }
    }
    for (k = 0; k < C_COUNT; k++) {
        if ((k == C_VENDOR || k == C_CRITERION || k == C_ANSWER) && where[k] < 0) {
            table_error(t, n > 0 ? fields[0].line : 1, 1, "the header row has no '%s' column",
                        crm__rfi_columns[k]);
        }
    }
    return t->errors == 0;
}

/* Field @p k of the row, trimmed (NULL when the row has no such column or
 * it is empty); its place in *@p line, *@p column. */
static const char *cell(struct crm_csv_field *fields, size_t n, const int where[C_COUNT],
                        size_t k, unsigned *line, unsigned *column)
{
    struct crm_csv_field *f = NULL;

    if (where[k] < 0 || (size_t)where[k] >= n) {
        return NULL;
    }
    f = &fields[where[k]];
    crm__csv_trim(f);
    f->skipped += crm__csv_restore(f->text); /* what crm__buf_csv neutralised */
    if (line != NULL) {
        *line = f->line;
        *column = f->column;
    }
    return f->text[0] != '\0' ? f->text : NULL;
}

/* Read the table's header, then append each answered row to answers
 * (respondent for rows that name none). Unanswered rows are skipped; an
 * answer without its vendor or criterion, or evidence without an answer, is
 * an error. CRM_EINPUT after any error, CRM_ENOMEM. */
static crm_status table_answers(struct table *t, crm_rfi_answers *answers,
                                const char *respondent)
{
    struct crm_csv_field fields[RFI_MAX_FIELDS];
    const size_t cap = sizeof(fields) / sizeof(fields[0]);
    int where[C_COUNT];
    size_t n = 0, width = 0;

    if (!table_header(t, fields, cap, where, &width)) {
        return CRM_EINPUT;
    }
    while (crm__rows_next(&t->rows, fields, cap, &n)) {
        crm_rfi_answer a;
        unsigned dummy_line = 0, dummy_column = 0;

        if (n > cap) {
            table_error(t, fields[0].line, 1,
                        "a row of %zu fields; a questionnaire has at most %zu columns", n, cap);
            continue;
        }
        memset(&a, 0, sizeof(a));
        a.file = t->where;
        a.plain = true;
        a.value = cell(fields, n, where, C_ANSWER, &a.line, &a.column);
        a.vendor = cell(fields, n, where, C_VENDOR, &a.vendor_line, &a.vendor_column);
        a.criterion = cell(fields, n, where, C_CRITERION, &a.criterion_line, &a.criterion_column);
        a.evidence_url = cell(fields, n, where, C_URL, &a.url_line, &a.url_column);
        a.evidence_document = cell(fields, n, where, C_DOCUMENT, &dummy_line, &dummy_column);
        a.evidence_page = cell(fields, n, where, C_PAGE, &a.page_line, &a.page_column);
        a.comment = cell(fields, n, where, C_COMMENT, NULL, NULL);
        a.respondent = cell(fields, n, where, C_RESPONDENT, NULL, NULL);
        if (a.respondent == NULL) {
            a.respondent = respondent;
        }
        if (crm__is_blank_value(a.value)) {
            /* not answered, a group's heading row, a blank line */
            if (a.criterion != NULL && (a.evidence_url || a.evidence_document || a.evidence_page)) {
                table_error(t, a.line ? a.line : fields[0].line, a.line ? a.column : 1,
                            "evidence for '%s' without an answer; expected the answer too",
                            a.criterion);
            }
            continue;
        }
        if (a.line == 0) {
            a.line = fields[0].line;
            a.column = 1;
        }
        if (a.vendor == NULL || a.criterion == NULL) {
            table_error(t, a.line, a.column,
                        "an answer without its %s; keep the vendor and criterion columns as "
                        "crmeval wrote them",
                        a.vendor == NULL ? "vendor" : "criterion");
            continue;
        }
        if (crm_rfi_answers_add(answers, &a) != CRM_OK) {
            return CRM_ENOMEM;
        }
    }
    return t->errors > 0 ? CRM_EINPUT : CRM_OK;
}

/* ---- the three forms -------------------------------------------------------- */

struct read_call {
    const char *path;
    const char *respondent;
    crm_rfi_answers *answers;
    crm_diags *diags;
};

/* crm_rfi_read for a CSV questionnaire (ctx is the read_call); the file's
 * rows live in arena, the answers are copied. */
static crm_status read_csv(struct crm_arena *arena, void *ctx)
{
    struct read_call *call = ctx;
    struct crm_csv_reader cr;
    struct table t;
    crm_status st = crm__csv_open(&cr, arena, call->path, "a questionnaire", call->diags);

    if (st != CRM_OK) {
        return st;
    }
    memset(&t, 0, sizeof(t));
    t.where = cr.path;
    t.rows.cr = &cr;
    t.diags = call->diags;
    st = table_answers(&t, call->answers, call->respondent);
    return st == CRM_OK && cr.errors > 0 ? CRM_EINPUT : st;
}

/* crm_rfi_read for a workbook: its Questionnaire sheet, read into arena,
 * as the same table as the CSV. */
static crm_status read_xlsx(struct crm_arena *arena, void *ctx)
{
    struct read_call *call = ctx;
    struct table t;
    crm_status st = CRM_OK;

    memset(&t, 0, sizeof(t));
    t.where = crm__arena_printf(arena, "%s:%s", call->path, QUESTIONNAIRE);
    t.diags = call->diags;
    st = crm__xlsx_read_sheet(arena, call->path, QUESTIONNAIRE, call->diags, &t.rows.sheet,
                              &t.rows.count);
    if (st != CRM_OK) {
        return st;
    }
    return table_answers(&t, call->answers, call->respondent);
}

static const char *const rfi_keys[] = { "kind", "evaluation", "date", "vendor", "vendor_name",
                                        "language", "respondent", "questions", NULL };

/* A scalar's text, or NULL for a blank one; a mapping or a sequence is
 * reported. */
static const char *yaml_text(struct crm_reader *r, const struct crm_ynode *node, const char *what)
{
    if (node == NULL) {
        return NULL;
    }
    if (node->type != CRM_YSCALAR) {
        crm__rd_error(r, node, "expected text for %s, got %s", what, crm__ynode_kind(node));
        return NULL;
    }
    return node->plain && crm__is_blank_value(node->text) ? NULL : node->text;
}

/* crm_rfi_read for a YAML questionnaire (`kind: rfi`): the vendor, the
 * respondent and a map of criterion to {answer, evidence_..., comment}.
 * Questions without an answer are skipped; every error is reported before
 * CRM_EINPUT. */
static crm_status read_yaml(struct crm_arena *arena, void *ctx)
{
    struct read_call *call = ctx;
    struct crm_loaded_file f;
    struct crm_reader r;
    const struct crm_ynode *all = NULL, *vendor = NULL;
    const char *respondent = call->respondent, *vendor_id = NULL, *text = NULL;
    size_t i;
    crm_status st = crm__file_load(arena, call->path, CRM_FILE_RFI, call->diags, &f);

    if (st != CRM_OK) {
        return st;
    }
    crm__rd_init(&r, arena, call->diags, f.path);
    crm__rd_check_keys(&r, f.root, rfi_keys, "a questionnaire");
    vendor = crm__rd_require(&r, f.root, "vendor", "a questionnaire");
    if (vendor != NULL) {
        crm__rd_id(&r, vendor, "'vendor'", &vendor_id);
    }
    /* the file's own word first; --respondent is for answers that say none */
    if ((text = yaml_text(&r, crm__rd_get(f.root, "respondent"), "'respondent'")) != NULL) {
        respondent = text;
    }
    all = crm__rd_require(&r, f.root, "questions", "a questionnaire");
    if (all == NULL || vendor_id == NULL ||
        !crm__rd_is_map(&r, all, "'questions' (criterion: {answer: ...})")) {
        return CRM_EINPUT;
    }
    for (i = 0; i < all->count; i++) {
        const struct crm_ynode *q = all->pairs[i].value, *v = NULL;
        crm_rfi_answer a;

        if (!crm__rd_is_map(&r, q, "a question (answer, evidence_url, ...)")) {
            continue;
        }
        crm__rd_check_keys(&r, q, crm__rfi_columns + 1, "a question");
        memset(&a, 0, sizeof(a));
        a.file = f.path;
        a.vendor = vendor_id;
        a.vendor_line = vendor->line;
        a.vendor_column = vendor->column;
        a.criterion = all->pairs[i].key->text;
        a.criterion_line = all->pairs[i].key->line;
        a.criterion_column = all->pairs[i].key->column;
        a.respondent = respondent;
        if ((v = crm__rd_get(q, "evidence_url")) != NULL) {
            a.evidence_url = yaml_text(&r, v, "'evidence_url'");
            a.url_line = v->line;
            a.url_column = v->column;
        }
        a.evidence_document = yaml_text(&r, crm__rd_get(q, "evidence_document"),
                                        "'evidence_document'");
        if ((v = crm__rd_get(q, "evidence_page")) != NULL) {
            a.evidence_page = yaml_text(&r, v, "'evidence_page'");
            a.page_line = v->line;
            a.page_column = v->column;
        }
        a.comment = yaml_text(&r, crm__rd_get(q, "comment"), "'comment'");
        v = crm__rd_get(q, "answer");
        if (v == NULL || (v->type == CRM_YSCALAR && v->plain && crm__is_blank_value(v->text))) {
            continue;
        }
        if (v->type != CRM_YSCALAR) {
            crm__rd_error(&r, v, "expected an answer for '%s' (a number, true or false, or an "
                                 "option id), got %s",
                          a.criterion, crm__ynode_kind(v));
            continue;
        }
        a.value = v->text;
        a.plain = v->plain;
        a.line = v->line;
        a.column = v->column;
        if (crm_rfi_answers_add(call->answers, &a) != CRM_OK) {
            return CRM_ENOMEM;
        }
    }
    return r.errors > 0 ? CRM_EINPUT : CRM_OK;
}

crm_status crm_rfi_read(crm_rfi_answers *answers, const char *path, const char *respondent,
                        crm_diags *diags)
{
    struct read_call call = { path, respondent, answers, diags };
    struct crm_arena *arena = crm__arena_new();
    crm_status st = CRM_OK;

    if (arena == NULL) {
        return CRM_ENOMEM;
    }
    /* the file's own tree lives in a scratch arena; the list copies */
    st = crm__arena_protect(arena,
                            crm__is_xlsx(path)      ? read_xlsx
                            : crm__is_csv(path)      ? read_csv
                                                     : read_yaml,
                            &call, diags);
    crm__arena_free(arena);
    return st;
}
