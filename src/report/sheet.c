/*
 * Score sheets to fill in (docs/panel.md): a CSV row per vendor and
 * criterion (or, for a path ending in .xlsx, a workbook of the same
 * columns with the values' evidence, drop-down lists and the other
 * columns locked), in the columns `crmeval score --import` reads (src/load/
 * sheet.c), with the criterion's name and scale, the value the
 * evaluation has now, and, for the sheet of values still to find out,
 * the points at stake. Reading ignores those helper columns, so a sheet
 * sent out, filled in and imported changes only what was filled in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crmeval/panel.h"
#include "crmeval/report.h"
#include "analysis/sensitivity.h"
#include "load/load.h"
#include "report/conventions.h"
#include "report/xlsx_file.h"
#include "score/score.h"
#include "util/fileio.h"
#include "util/strutil.h"

/* Columns, as in crm__sheet_columns. */
enum { COL_VENDOR, COL_CRITERION, COL_VALUE, COL_COMMENT, COL_EVALUATOR, COL_ROLE,
       COL_CRITERION_NAME, COL_SCALE, COL_CURRENT, COL_AT_STAKE, COL_COUNT_ };

/* The score of @p evaluator for @p vendor and @p criterion in @p scores. */
static const crm_panel_score *score_of(const crm_scores *scores, const char *evaluator,
                                       const char *vendor, const char *criterion)
{
    size_t i, n = scores != NULL ? crm_scores_count(scores) : 0;

    for (i = 0; evaluator != NULL && i < n; i++) {
        const crm_panel_score *s = crm_scores_at(scores, i);

        if (s->evaluator && s->vendor && s->criterion && strcmp(s->evaluator, evaluator) == 0 &&
            strcmp(s->vendor, vendor) == 0 && strcmp(s->criterion, criterion) == 0) {
            return s;
        }
    }
    return NULL;
}

/* Where the rows go: CSV text, or rows kept for a workbook. */
struct sink {
    struct crm_buf t;
    bool xlsx;
    struct xrow {
        char *f[COL_COUNT_];
        size_t criterion;
    } *rows;
    size_t count, cap;
    bool failed;
};

/* The sheet's header row: every column of crm__sheet_columns, so a sheet
 * written here reads back with crm_scores_read. */
static void header(struct sink *out)
{
    size_t k;

    if (out->xlsx) {
        return; /* the workbook writes its own */
    }
    for (k = 0; k < COL_COUNT_; k++) {
        crm__buf_printf(&out->t, "%s%s", k ? "," : "", crm__sheet_columns[k]);
    }
    crm__buf_printf(&out->t, "\n");
}

/* Keep @p fields of criterion @p c for the workbook. */
static void keep_row(struct sink *out, const char *const fields[COL_COUNT_], size_t c)
{
    struct xrow *r = NULL;
    size_t f;

    if (out->count == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 64;
        struct xrow *rows = realloc(out->rows, cap * sizeof(*rows));

        if (rows == NULL) {
            out->failed = true;
            return;
        }
        out->rows = rows;
        out->cap = cap;
    }
    r = &out->rows[out->count++];
    r->criterion = c;
    for (f = 0; f < COL_COUNT_; f++) {
        r->f[f] = strdup(fields[f] ? fields[f] : "");
        out->failed |= r->f[f] == NULL;
    }
}

/* One row: vendor @p v, criterion @p c, the evaluator's score if any, and
 * @p at_stake (NULL: left blank). A workbook's current value comes with
 * its evidence. */
static void row(struct sink *out, const struct crm_evaluation *ev, size_t v, size_t c,
                const crm_scores *scores, const char *evaluator, const char *role,
                const char *at_stake)
{
    const struct crm_criterion *crit = &ev->set->criteria[c];
    const crm_panel_score *s = score_of(scores, evaluator, ev->vendors[v]->id, crit->path);
    bool zh = ev->language != NULL && strcmp(ev->language, "zh-CN") == 0;
    const char *fields[COL_COUNT_];
    char scale[512], current[1024];
    size_t f;

    crm__criterion_scale(crit, scale, sizeof(scale));
    if (out->xlsx) {
        crm__value_with_evidence(crit, &ev->vendors[v]->values[c], current, sizeof(current));
    } else {
        crm__value_as_entered(crit, &ev->vendors[v]->values[c], current, sizeof(current));
    }
    fields[COL_VENDOR] = ev->vendors[v]->id;
    fields[COL_CRITERION] = crit->path;
    fields[COL_VALUE] = s ? s->value : "";
    fields[COL_COMMENT] = s ? s->comment : "";
    fields[COL_EVALUATOR] = evaluator;
    fields[COL_ROLE] = role;
    fields[COL_CRITERION_NAME] = zh && crit->name.zh ? crit->name.zh : crit->name.en;
    fields[COL_SCALE] = scale;
    fields[COL_CURRENT] = current;
    fields[COL_AT_STAKE] = at_stake;
    if (out->xlsx) {
        keep_row(out, fields, c);
        return;
    }
    for (f = 0; f < COL_COUNT_; f++) {
        if (f > 0) {
            crm__buf_printf(&out->t, ",");
        }
        if (f == COL_VALUE || f == COL_CURRENT || f == COL_AT_STAKE) {
            crm__buf_csv_value(&out->t, fields[f]); /* a number stays one */
        } else {
            crm__buf_csv(&out->t, fields[f]);
        }
    }
    crm__buf_printf(&out->t, "\n");
}

/* The workbook being filled (libxlsxwriter's callback). */
struct sheet_book {
    const struct sink *out;
    const struct crm_evaluation *ev;
    lxw_error error;
};

static void book_check(struct sheet_book *b, lxw_error e)
{
    if (e != LXW_NO_ERROR && b->error == LXW_NO_ERROR) {
        b->error = e;
    }
}

/* One sheet, "Scores": the columns of the CSV sheet, the value, comment,
 * evaluator and role open (yellow) and the rest locked, a drop-down or
 * check on each value cell. */
static lxw_error sheet_fill(lxw_workbook *wb, void *ctx)
{
    struct sheet_book *b = ctx;
    lxw_worksheet *ws = workbook_add_worksheet(wb, CRM_SHEET_XLSX_NAME);
    lxw_format *head = workbook_add_format(wb), *text = workbook_add_format(wb),
               *open = workbook_add_format(wb);
    lxw_protection prot;
    size_t i, k;

    if (ws == NULL || head == NULL || text == NULL || open == NULL) {
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    }
    format_set_bold(head);
    format_set_bg_color(head, 0xD9D9D9);
    format_set_text_wrap(text);
    format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
    format_set_text_wrap(open);
    format_set_align(open, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(open, 0xFFF2CC);
    format_set_unlocked(open);
    for (k = 0; k < COL_COUNT_; k++) {
        bool editable = k == COL_VALUE || k == COL_COMMENT || k == COL_EVALUATOR ||
                        k == COL_ROLE;

        book_check(b, worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k,
                                           k == COL_CRITERION_NAME || k == COL_SCALE ||
                                                   k == COL_CURRENT
                                               ? 36
                                               : 18,
                                           editable ? open : text));
        book_check(b, worksheet_write_string(ws, 0, (lxw_col_t)k, crm__sheet_columns[k], head));
    }
    worksheet_freeze_panes(ws, 1, 0);
    for (i = 0; i < b->out->count; i++) {
        const struct xrow *r = &b->out->rows[i];

        for (k = 0; k < COL_COUNT_; k++) {
            if (r->f[k][0] != '\0') {
                book_check(b, worksheet_write_string(ws, (lxw_row_t)(i + 1), (lxw_col_t)k,
                                                     r->f[k], NULL));
            }
        }
        book_check(b, crm__xlsx_answer_validation(ws, (int)i + 1, COL_VALUE,
                                                  &b->ev->set->criteria[r->criterion],
                                                  r->f[COL_SCALE]));
    }
    memset(&prot, 0, sizeof(prot));
    prot.format_columns = 1;
    prot.format_rows = 1;
    worksheet_protect(ws, NULL, &prot);
    return b->error;
}

/* Free what the sink holds: the rows kept for a workbook, their fields, and
 * the CSV text. The sink itself is the caller's. */
static void sink_free(struct sink *out)
{
    size_t i, k;

    for (i = 0; i < out->count; i++) {
        for (k = 0; k < COL_COUNT_; k++) {
            free(out->rows[i].f[k]);
        }
    }
    free(out->rows);
    free(out->t.data);
}

/* Write the sheet built in @p out, or say why not: CSV, or for a path
 * ending in .xlsx a workbook dated with the evaluation's date. */
static crm_status finish(struct sink *out, const struct crm_evaluation *ev, const char *path,
                         crm_diags *diags)
{
    crm_status st = CRM_OK;

    if (out->t.failed || out->failed) {
        sink_free(out);
        return CRM_ENOMEM;
    }
    if (out->xlsx) {
        struct sheet_book b = { out, ev, LXW_NO_ERROR };
        lxw_doc_properties props;
        void *bytes = NULL;
        size_t len = 0;

        memset(&props, 0, sizeof(props));
        props.title = (char *)(ev->title ? ev->title : "");
        props.author = (char *)(ev->prepared_by ? ev->prepared_by : "crmeval");
        props.comments = (char *)"Score sheet made by crmeval: fill in the yellow columns.";
        props.created = crm__xlsx_evaluation_time(ev);
        st = crm__xlsx_render(&bytes, &len, &props, sheet_fill, &b, diags);
        if (st == CRM_OK) {
            st = crm__file_write_atomic(path, bytes, len, NULL, diags);
        }
        free(bytes);
    } else {
        st = crm__file_write_atomic(path, out->t.data, out->t.len, NULL, diags);
    }
    sink_free(out);
    return st;
}

crm_status crm_panel_sheet_write(const crm_evaluation *ev, const crm_scores *scores,
                                 const char *evaluator, const char *role, const char *path,
                                 crm_diags *diags)
{
    const struct crm_criteria_set *set = ev->set;
    const struct crm_panel_settings *ps = &ev->panel_settings;
    struct sink out;
    size_t v, k, n = ps->sheet_count > 0 ? ps->sheet_count : set->criterion_count;

    memset(&out, 0, sizeof(out));
    out.xlsx = crm__is_xlsx(path);
    header(&out);
    for (v = 0; v < ev->vendor_count; v++) {
        for (k = 0; k < n; k++) {
            /* the sheet, else every criterion the panel may score */
            size_t c = ps->sheet_count > 0 ? ps->sheet[k] : k;

            if (set->criteria[c].derived == CRM_DERIVED_NONE) {
                row(&out, ev, v, c, scores, evaluator, role, NULL);
            }
        }
    }
    return finish(&out, ev, path, diags);
}

crm_status crm_report_questions_sheet(const crm_result *result, const crm_scores *scores,
                                      const char *evaluator, const char *role,
                                      const char *path, crm_diags *diags)
{
    const struct crm_analysis *an = result->analysis;
    const struct crm_evaluation *ev = result->ev;
    struct sink out;
    char at_stake[32];
    size_t k;

    memset(&out, 0, sizeof(out));
    out.xlsx = crm__is_xlsx(path);
    header(&out);
    for (k = 0; k < an->question_count; k++) {
        const struct crm_question *q = &an->questions[k];

        /* a derived value (a cost) is a question for the vendor's price
         * list, not for an evaluator */
        if (ev->set->criteria[q->criterion].derived != CRM_DERIVED_NONE) {
            continue;
        }
        crm__snprintf(at_stake, sizeof(at_stake), "%.2f", crm__round(q->at_stake, 2));
        row(&out, ev, q->vendor, q->criterion, scores, evaluator, role, at_stake);
    }
    return finish(&out, ev, path, diags);
}
