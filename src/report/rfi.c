/*
 * Questionnaires to vendors (include/crmeval/rfi.h, docs/rfi.md): one per
 * vendor, a row per criterion that carries weight, grouped by criterion
 * group, in the columns `crmeval rfi --import` reads (load/rfi.c,
 * crm__rfi_columns). Three forms of the same rows:
 *  - a workbook: an Instructions sheet, then the Questionnaire with the
 *    question columns locked (sheet protection without a password: it
 *    guards against slips, not people) and the answer columns open, with
 *    a drop-down list for booleans, choices and ratings and a number
 *    check for numbers;
 *  - CSV: UTF-8 with a byte-order mark (so spreadsheets read it as
 *    UTF-8), RFC 4180 with CRLF line ends;
 *  - YAML (`kind: rfi`): a mapping of criterion -> question and answer.
 * The same inputs give the same bytes: nothing reads the clock (the
 * workbook is dated with the evaluation's date).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crmeval/rfi.h"
#include "load/load.h"
#include "report/conventions.h"
#include "report/xlsx_file.h"
#include "score/score.h"
#include "util/strutil.h"

/* Columns, in crm__rfi_columns' order; the _zh ones only in a
 * questionnaire in both languages. */
enum col { C_VENDOR, C_GROUP, C_CRITERION, C_QUESTION, C_QUESTION_ZH, C_DETAILS, C_DETAILS_ZH,
           C_TYPE, C_SCALE, C_EVIDENCE, C_EVIDENCE_ZH, C_CURRENT, C_ANSWER, C_URL, C_DOCUMENT,
           C_PAGE, C_COMMENT, C_RESPONDENT, C_COUNT };

/* Longest text a row's own buffers hold (scale with labels, current). */
#define ROW_TEXT 2048

/* What every questionnaire of one run shares. */
struct rfi {
    const struct crm_result *res;
    const struct crm_evaluation *ev;
    const crm_rfi_options *opts;
    bool zh, both;            /* the language: Chinese; or both side by side */
};

/* One question's fields; the texts point into the row or the model. */
struct row {
    const char *f[C_COUNT];
    char group[512], scale[ROW_TEXT], current[ROW_TEXT];
};

/* What counts as evidence, by kind of answer. */
static const struct crm_text evidence_expected[] = {
    [CRM_KIND_RATING] = { "Documentation, a demo or a reference customer we may call; say which.",
                          "产品文档、演示或可联系的参考客户，请注明是哪一种。" },
    [CRM_KIND_BOOLEAN] = { "The page of the product documentation or edition comparison that "
                           "states it (URL), or a document and page.",
                           "说明该功能的产品文档或版本对比页面（网址），或文档名称及页码。" },
    [CRM_KIND_NUMBER] = { "The price list, contract terms or documentation that states the "
                          "figure (URL, or document and page).",
                          "注明该数字的价目表、合同条款或文档（网址，或文档名称及页码）。" },
    [CRM_KIND_CHOICE] = { "The page of the product documentation or edition comparison that "
                          "states it (URL), or a document and page.",
                          "说明该选项的产品文档或版本对比页面（网址），或文档名称及页码。" },
};

/* @p t in Chinese when @p zh and there is Chinese, else English (or
 * whichever there is). */
static const char *text_in(const struct crm_text *t, bool zh)
{
    if (zh && t->zh != NULL) {
        return t->zh;
    }
    return t->en != NULL ? t->en : t->zh != NULL ? t->zh : "";
}

/* @p t as the questionnaire's language shows it: one language, or both
 * as "English / 中文" in a single field. */
static void text_shown(const struct rfi *r, const struct crm_text *t, char *buf, size_t size)
{
    if (r->both && t->en != NULL && t->zh != NULL && strcmp(t->en, t->zh) != 0) {
        snprintf(buf, size, "%s / %s", t->en, t->zh);
    } else {
        snprintf(buf, size, "%s", text_in(t, r->zh));
    }
}

/* The scale with its words: a rating's range and labels, a choice's
 * options and names, else what crm__criterion_scale says. */
static void scale_full(const struct rfi *r, const struct crm_criterion *c, char *buf, size_t size)
{
    size_t k, len = 0;
    char word[512];

    crm__criterion_scale(c, buf, size);
    if (c->kind == CRM_KIND_RATING) {
        for (k = 0; k < c->label_count && (len = strlen(buf)) < size; k++) {
            text_shown(r, &c->labels[k].text, word, sizeof(word));
            crm__snprintf(buf + len, size - len, "; %g = %s", c->labels[k].at, word);
        }
    } else if (c->kind == CRM_KIND_CHOICE) {
        buf[0] = '\0';
        for (k = 0; k < c->option_count && (len = strlen(buf)) < size; k++) {
            text_shown(r, &c->options[k].name, word, sizeof(word));
            snprintf(buf + len, size - len, "%s%s = %s", k ? "; " : "", c->options[k].id,
                     word[0] ? word : c->options[k].id);
        }
    }
}

/* Fill @p row with vendor @p v's question on criterion @p ci. */
static void fill_row(const struct rfi *r, size_t v, size_t ci, struct row *row)
{
    const struct crm_criterion *c = &r->ev->set->criteria[ci];
    const struct crm_group *g = &r->ev->set->groups[c->group];
    size_t k;

    for (k = 0; k < C_COUNT; k++) {
        row->f[k] = "";
    }
    text_shown(r, &g->name, row->group, sizeof(row->group));
    scale_full(r, c, row->scale, sizeof(row->scale));
    crm__value_with_evidence(c, &r->ev->vendors[v]->values[ci], row->current,
                             sizeof(row->current));
    row->f[C_VENDOR] = r->ev->vendors[v]->id;
    row->f[C_GROUP] = row->group;
    row->f[C_CRITERION] = c->path;
    row->f[C_QUESTION] = text_in(&c->name, r->zh);
    row->f[C_DETAILS] = text_in(&c->description, r->zh);
    row->f[C_EVIDENCE] = text_in(&evidence_expected[c->kind], r->zh);
    if (r->both) {
        row->f[C_QUESTION_ZH] = text_in(&c->name, true);
        row->f[C_DETAILS_ZH] = text_in(&c->description, true);
        row->f[C_EVIDENCE_ZH] = text_in(&evidence_expected[c->kind], true);
    }
    row->f[C_TYPE] = crm__kind_name(c->kind);
    row->f[C_SCALE] = row->scale;
    row->f[C_CURRENT] = row->current;
}

/* Whether column @p k is in the questionnaire (the _zh ones only in both
 * languages). */
static bool has_column(const struct rfi *r, size_t k)
{
    return r->both || (k != C_QUESTION_ZH && k != C_DETAILS_ZH && k != C_EVIDENCE_ZH);
}

/* Whether vendor @p v is asked about criterion @p ci: it carries weight,
 * people can answer it (crmeval derives costs), and under --missing the
 * vendor has no value for it yet. */
static bool asked(const struct rfi *r, size_t v, size_t ci)
{
    const struct crm_criterion *c = &r->ev->set->criteria[ci];

    return c->derived == CRM_DERIVED_NONE && r->res->weights.effective[ci] > 0 &&
           !(r->opts->missing && r->ev->vendors[v]->values[ci].present);
}

/* ---- CSV ----------------------------------------------------------------- */

/* Append vendor v's questionnaire as CSV to t: a byte-order mark, the header
 * row, then a row per criterion asked, CRLF line ends. Out of memory sets
 * t->failed. */
static void csv(const struct rfi *r, size_t v, struct crm_buf *t)
{
    const struct crm_criteria_set *set = r->ev->set;
    struct row *row = malloc(sizeof(*row));
    size_t k, ci;
    bool first = true;

    if (row == NULL) {
        t->failed = true;
        return;
    }
    crm__buf_printf(t, "\xEF\xBB\xBF");
    for (k = 0; k < C_COUNT; k++) {
        if (has_column(r, k)) {
            crm__buf_printf(t, "%s%s", first ? "" : ",", crm__rfi_columns[k]);
            first = false;
        }
    }
    crm__buf_printf(t, "\r\n");
    /* the criteria are stored group by group, in the set's order */
    for (ci = 0; ci < set->criterion_count; ci++) {
        if (!asked(r, v, ci)) {
            continue;
        }
        fill_row(r, v, ci, row);
        first = true;
        for (k = 0; k < C_COUNT; k++) {
            if (has_column(r, k)) {
                crm__buf_printf(t, "%s", first ? "" : ",");
                crm__buf_csv(t, row->f[k]);
                first = false;
            }
        }
        crm__buf_printf(t, "\r\n");
    }
    free(row);
}

/* ---- YAML ---------------------------------------------------------------- */

static const char *const yaml_note[][2] = {
    { "# Questionnaire (RFI) from crmeval: answer each question under 'answer' and\n"
      "# give the evidence (evidence_url, or evidence_document and evidence_page).\n"
      "# Leave '~' where you cannot answer. Do not change the criterion keys.\n"
      "# Booleans: true or false; choices: one option id from 'scale'; ratings and\n"
      "# numbers: a plain number (no quotes, no thousands separators).\n",
      "# crmeval 问卷（RFI）：请在 answer 处作答，并提供依据（evidence_url，或\n"
      "# evidence_document 与 evidence_page）。无法回答的保留 '~'。请勿修改评价项的键。\n"
      "# 是/否题填 true 或 false；选择题填 scale 中的一个选项 id；评分与数字填纯数字\n"
      "# （不加引号、不加千位分隔符）。\n" },
};

/* Append vendor v's questionnaire as YAML (`kind: rfi`) to t: the note on
 * how to answer in the questionnaire's language, then each criterion asked,
 * under a comment naming its group, with its question fields and empty (~)
 * answer fields. Out of memory sets t->failed. */
static void yaml(const struct rfi *r, size_t v, struct crm_buf *t)
{
    static const char *const answer_keys[] = { "answer", "evidence_url", "evidence_document",
                                               "evidence_page", "comment" };
    const struct crm_evaluation *ev = r->ev;
    const struct crm_vendor *vendor = ev->vendors[v];
    struct row *row = malloc(sizeof(*row));
    size_t k, ci, group = SIZE_MAX;

    if (row == NULL) {
        t->failed = true;
        return;
    }
    crm__buf_printf(t, "%s", yaml_note[0][r->zh && !r->both ? 1 : 0]);
    if (r->both) {
        crm__buf_printf(t, "%s", yaml_note[0][1]);
    }
    crm__buf_printf(t, "kind: rfi\nevaluation: ");
    crm__buf_yaml_quoted(t, ev->title ? ev->title : "");
    crm__buf_printf(t, "\ndate: %s\nvendor: %s\nvendor_name: ", ev->date ? ev->date : "~",
                    vendor->id);
    crm__buf_yaml_quoted(t, vendor->name ? vendor->name : vendor->id);
    crm__buf_printf(t, "\nlanguage: %s\nrespondent: ~\nquestions:\n",
                    r->both ? "both" : r->zh ? "zh-CN" : "en");
    for (ci = 0; ci < ev->set->criterion_count; ci++) {
        if (!asked(r, v, ci)) {
            continue;
        }
        fill_row(r, v, ci, row);
        if (ev->set->criteria[ci].group != group) {
            group = ev->set->criteria[ci].group;
            crm__buf_printf(t, "  # == %s ==\n", row->group);
        }
        crm__buf_printf(t, "  %s:\n", row->f[C_CRITERION]);
        for (k = C_GROUP; k < C_ANSWER; k++) {
            if (k == C_CRITERION || !has_column(r, k)) {
                continue;
            }
            crm__buf_printf(t, "    %s: ", crm__rfi_columns[k]);
            if (row->f[k][0] == '\0') {
                crm__buf_printf(t, "~\n");
            } else {
                crm__buf_yaml_quoted(t, row->f[k]);
                crm__buf_printf(t, "\n");
            }
        }
        for (k = 0; k < sizeof(answer_keys) / sizeof(answer_keys[0]); k++) {
            crm__buf_printf(t, "    %s: ~\n", answer_keys[k]);
        }
    }
    free(row);
}

/* ---- XLSX ---------------------------------------------------------------- */

/* The workbook of one vendor, as libxlsxwriter's fill callback sees it. */
struct book {
    const struct rfi *r;
    size_t v;
    lxw_error error;
};

static void check(struct book *b, lxw_error e)
{
    if (e != LXW_NO_ERROR && b->error == LXW_NO_ERROR) {
        b->error = e;
    }
}

static const char *const instructions[][2] = {
    { "How to answer", "填写说明" },
    { "Answer in the yellow columns (answer, evidence_url, evidence_document, evidence_page, "
      "comment, respondent); the other columns are locked.",
      "请在黄色列（answer、evidence_url、evidence_document、evidence_page、comment、"
      "respondent）中作答；其余列已锁定。" },
    { "answer: true or false for yes/no questions; for a choice, one of the option ids listed "
      "under 'scale' (before the '='); for a rating or a number, a plain number on the scale or "
      "in the unit given.",
      "answer：是/否题填 true 或 false；选择题填 scale 中列出的一个选项 id（“=”之前的部分）；"
      "评分与数字题填量表内或按所给单位的纯数字。" },
    { "Evidence: a public URL (https://...), or the name of a document and the page. An answer "
      "without evidence is recorded as your claim all the same.",
      "依据：公开网址（https://...），或文档名称及页码。没有依据的回答同样作为贵方声明记录。" },
    { "Leave a question blank when you cannot answer it. Do not change the vendor and criterion "
      "columns, and do not add or remove rows or columns.",
      "无法回答的问题请留空。请勿修改 vendor 与 criterion 列，也请勿增删行或列。" },
    { "Return the workbook as it is (.xlsx), or saved as CSV (UTF-8).",
      "请按原格式（.xlsx）返回，或另存为 CSV（UTF-8）后返回。" },
};

/* The workbook's Instructions sheet: the vendor and evaluation, its date,
 * then how to answer, in English, Chinese or both. Errors go to b. */
static void instructions_sheet(struct book *b, lxw_workbook *wb, lxw_worksheet *ws)
{
    const struct rfi *r = b->r;
    const struct crm_vendor *vendor = r->ev->vendors[b->v];
    lxw_format *title = workbook_add_format(wb), *wrap = workbook_add_format(wb);
    char line[1024];
    size_t i;
    int row = 0, lang;

    if (title == NULL || wrap == NULL) {
        check(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    format_set_bold(title);
    format_set_font_size(title, 14);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    check(b, worksheet_set_column(ws, 0, 0, 110, wrap));
    snprintf(line, sizeof(line), "%s: %s", vendor->name ? vendor->name : vendor->id,
             r->ev->title ? r->ev->title : "");
    check(b, worksheet_write_string(ws, (lxw_row_t)row++, 0, line, title));
    snprintf(line, sizeof(line), "%s %s", r->zh && !r->both ? "评估日期" : "Evaluation date",
             r->ev->date ? r->ev->date : "");
    check(b, worksheet_write_string(ws, (lxw_row_t)row++, 0, line, wrap));
    for (lang = 0; lang < 2; lang++) {
        int which = r->both ? lang : (r->zh ? 1 : 0);

        if (!r->both && lang > 0) {
            break;
        }
        row++;
        check(b, worksheet_write_string(ws, (lxw_row_t)row++, 0, instructions[0][which], title));
        for (i = 1; i < sizeof(instructions) / sizeof(instructions[0]); i++) {
            check(b, worksheet_write_string(ws, (lxw_row_t)row++, 0, instructions[i][which],
                                            wrap));
        }
    }
}

lxw_error crm__xlsx_answer_validation(lxw_worksheet *ws, int row, int col,
                                       const struct crm_criterion *c, const char *scale)
{
    lxw_data_validation dv;
    char *list[64];
    char numbers[32][16];
    char message[256];
    size_t k, n = 0, total = 0;

    memset(&dv, 0, sizeof(dv));
    snprintf(message, sizeof(message), "%.*s", (int)crm__utf8_cut(scale, 250), scale);
    dv.input_title = (char *)"answer";
    dv.input_message = message;
    if (c->kind == CRM_KIND_BOOLEAN) {
        list[n++] = (char *)"true";
        list[n++] = (char *)"false";
    } else if (c->kind == CRM_KIND_CHOICE) {
        for (k = 0; k < c->option_count && n + 1 < sizeof(list) / sizeof(list[0]); k++) {
            total += strlen(c->options[k].id) + 1;
            list[n++] = (char *)c->options[k].id;
        }
        if (total > 250) {
            n = 0; /* Excel's limit for a list written in the rule */
        }
    } else if (c->kind == CRM_KIND_RATING && c->scale_min == floor(c->scale_min) &&
               c->scale_max == floor(c->scale_max) && c->scale_max - c->scale_min < 31) {
        double x;

        for (x = c->scale_min; x <= c->scale_max; x += 1) {
            crm__snprintf(numbers[n], sizeof(numbers[n]), "%g", x);
            list[n] = numbers[n];
            n++;
        }
        /* a half point is a fair rating too: a warning, not a refusal */
        dv.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
    }
    if (n > 0) {
        list[n] = NULL;
        dv.validate = LXW_VALIDATION_TYPE_LIST;
        dv.value_list = list;
    } else if (c->kind == CRM_KIND_RATING) {
        dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
        dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
        dv.minimum_number = c->scale_min;
        dv.maximum_number = c->scale_max;
    } else if (c->kind == CRM_KIND_NUMBER) {
        dv.validate = LXW_VALIDATION_TYPE_DECIMAL;
        dv.criteria = LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO;
        dv.value_number = 0;
    } else {
        return LXW_NO_ERROR;
    }
    return worksheet_data_validation_cell(ws, (lxw_row_t)row, (lxw_col_t)col, &dv);
}

/* The Questionnaire sheet: the header row, a heading row per group and a
 * row per criterion asked. The answer columns are open (yellow, the answer
 * checked by a drop-down or number rule) and the rest locked without a
 * password, so a slip cannot change a question. Errors go to b. */
static void questionnaire_sheet(struct book *b, lxw_workbook *wb, lxw_worksheet *ws)
{
    const struct rfi *r = b->r;
    const struct crm_evaluation *ev = r->ev;
    lxw_format *head = workbook_add_format(wb), *text = workbook_add_format(wb),
               *group = workbook_add_format(wb), *open = workbook_add_format(wb);
    lxw_protection prot;
    struct row *row = malloc(sizeof(*row));
    int col[C_COUNT], n = 0, y = 0;
    size_t k, ci, last_group = SIZE_MAX;

    if (row == NULL || head == NULL || text == NULL || group == NULL || open == NULL) {
        free(row);
        check(b, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    format_set_bold(head);
    format_set_bg_color(head, 0xD9D9D9);
    format_set_text_wrap(text);
    format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
    format_set_bold(group);
    format_set_bg_color(group, 0xDDEBF7);
    format_set_text_wrap(open);
    format_set_align(open, LXW_ALIGN_VERTICAL_TOP);
    format_set_bg_color(open, 0xFFF2CC);
    format_set_unlocked(open);
    for (k = 0; k < C_COUNT; k++) {
        col[k] = has_column(r, k) ? n++ : -1;
        if (col[k] >= 0) {
            double width = k == C_DETAILS || k == C_DETAILS_ZH   ? 50
                           : k == C_QUESTION || k == C_SCALE     ? 30
                           : k == C_EVIDENCE || k == C_EVIDENCE_ZH ? 30
                           : k >= C_ANSWER                        ? 22
                                                                  : 16;

            check(b, worksheet_set_column(ws, (lxw_col_t)col[k], (lxw_col_t)col[k], width,
                                          k >= C_ANSWER ? open : text));
            check(b, worksheet_write_string(ws, 0, (lxw_col_t)col[k], crm__rfi_columns[k], head));
        }
    }
    worksheet_freeze_panes(ws, 1, 0);
    for (ci = 0, y = 1; ci < ev->set->criterion_count; ci++) {
        if (!asked(r, b->v, ci)) {
            continue;
        }
        fill_row(r, b->v, ci, row);
        if (ev->set->criteria[ci].group != last_group) {
            /* a heading row: no vendor, no criterion, skipped on import */
            last_group = ev->set->criteria[ci].group;
            check(b, worksheet_write_string(ws, (lxw_row_t)y, (lxw_col_t)col[C_GROUP],
                                            row->group, group));
            y++;
        }
        for (k = 0; k < C_COUNT; k++) {
            if (col[k] >= 0 && row->f[k][0] != '\0') {
                check(b, worksheet_write_string(ws, (lxw_row_t)y, (lxw_col_t)col[k], row->f[k],
                                                text));
            }
        }
        check(b, crm__xlsx_answer_validation(ws, y, col[C_ANSWER], &ev->set->criteria[ci],
                                             row->scale));
        y++;
    }
    memset(&prot, 0, sizeof(prot));
    prot.format_columns = 1; /* widen a column, not change a question */
    prot.format_rows = 1;
    worksheet_protect(ws, NULL, &prot);
    free(row);
}

/* crm__xlsx_render's fill for a questionnaire (ctx is the book): the two
 * sheets, opening on the Questionnaire. The first error. */
static lxw_error rfi_fill(lxw_workbook *wb, void *ctx)
{
    struct book *b = ctx;
    lxw_worksheet *guide = workbook_add_worksheet(wb, "Instructions");
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Questionnaire");

    if (guide == NULL || ws == NULL) {
        return LXW_ERROR_MEMORY_MALLOC_FAILED;
    }
    instructions_sheet(b, wb, guide);
    questionnaire_sheet(b, wb, ws);
    worksheet_activate(ws);
    return b->error;
}

/* Vendor v's questionnaire as a workbook, titled and dated from the
 * evaluation so the bytes do not change from run to run: *out (free with
 * free()) and *len. CRM_OK, CRM_EIO, CRM_ENOMEM. */
static crm_status xlsx(const struct rfi *r, size_t v, void **out, size_t *len, crm_diags *diags)
{
    struct book b = { r, v, LXW_NO_ERROR };
    lxw_doc_properties props;
    char title[512];

    snprintf(title, sizeof(title), "%s: %s", r->ev->vendors[v]->id,
             r->ev->title ? r->ev->title : "");
    memset(&props, 0, sizeof(props));
    props.title = title;
    props.author = (char *)(r->ev->prepared_by ? r->ev->prepared_by : "crmeval");
    props.comments = (char *)"Questionnaire made by crmeval: answer in the yellow columns.";
    props.created = crm__xlsx_evaluation_time(r->ev);
    return crm__xlsx_render(out, len, &props, rfi_fill, &b, diags);
}

/* ---- the run ------------------------------------------------------------- */

/* Whether @p id is a vendor of @p ev (in *@p v); else said (the CLI
 * checks first, with the closest id). */
static bool vendor_known(const struct crm_evaluation *ev, const char *id, size_t *v,
                         crm_diags *diags)
{
    for (*v = 0; *v < ev->vendor_count; (*v)++) {
        if (strcmp(ev->vendors[*v]->id, id) == 0) {
            return true;
        }
    }
    crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0, "no vendor '%s' in the evaluation", id);
    return false;
}

crm_status crm_rfi_write(crm_outputs *out, const crm_result *result, const char *dir,
                         const crm_rfi_options *opts, crm_diags *diags)
{
    static const char *const ext[] = { "xlsx", "csv", "yaml" };
    struct rfi r;
    crm_status st = CRM_OK;
    size_t v, only = SIZE_MAX;
    char path[4096];

    memset(&r, 0, sizeof(r));
    r.res = result;
    r.ev = result->ev;
    r.opts = opts;
    r.both = opts->language == CRM_RFI_LANG_BOTH;
    r.zh = opts->language == CRM_RFI_LANG_ZH ||
           (opts->language == CRM_RFI_LANG_EVALUATION && r.ev->language != NULL &&
            strcmp(r.ev->language, "zh-CN") == 0);
    if (opts->vendor != NULL && !vendor_known(r.ev, opts->vendor, &only, diags)) {
        return CRM_EUSAGE;
    }
    for (v = 0; st == CRM_OK && v < r.ev->vendor_count; v++) {
        struct crm_buf t = CRM_BUF_INIT;
        void *bytes = NULL;
        size_t len = 0;

        if (only != SIZE_MAX && v != only) {
            continue;
        }
        if (crm__snprintf(path, sizeof(path), "%s/%s-rfi.%s", dir, r.ev->vendors[v]->id,
                          ext[opts->format]) >= (int)sizeof(path)) {
            crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0, "the directory name is too long");
            return CRM_EUSAGE;
        }
        if (opts->format == CRM_RFI_XLSX) {
            st = xlsx(&r, v, &bytes, &len, diags);
            if (st == CRM_OK) {
                st = crm_outputs_add(out, path, "the questionnaire", bytes, len, diags);
            }
            free(bytes);
            continue;
        }
        if (opts->format == CRM_RFI_CSV) {
            csv(&r, v, &t);
        } else {
            yaml(&r, v, &t);
        }
        st = t.failed ? CRM_ENOMEM
                      : crm_outputs_add(out, path, "the questionnaire", t.data ? t.data : "",
                                        t.len, diags);
        free(t.data);
    }
    return st;
}
