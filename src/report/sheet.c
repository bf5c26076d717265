/*
 * Score sheets to fill in (docs/panel.md): a CSV row per vendor and
 * criterion, in the columns `crmeval score --import` reads (src/load/
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
#include "score/score.h"
#include "util/fileio.h"
#include "util/strutil.h"

/* Columns, as in crm__sheet_columns. */
enum { COL_VENDOR, COL_CRITERION, COL_VALUE, COL_COMMENT, COL_EVALUATOR, COL_ROLE,
       COL_CRITERION_NAME, COL_SCALE, COL_CURRENT, COL_AT_STAKE, COL_COUNT_ };

/* What a criterion takes, for the person filling in the sheet. */
static void scale_text(const struct crm_criterion *c, char *buf, size_t size)
{
    switch (c->kind) {
    case CRM_KIND_RATING:
        crm__snprintf(buf, size, "%g..%g", c->scale_min, c->scale_max);
        return;
    case CRM_KIND_BOOLEAN:
        snprintf(buf, size, "true or false");
        return;
    case CRM_KIND_CHOICE:
        crm__option_list(c, buf, size);
        return;
    case CRM_KIND_NUMBER:
        snprintf(buf, size, "%s%s%s is better", c->unit ? c->unit : "", c->unit ? "; " : "",
                 c->direction > 0 ? "higher" : "lower");
        return;
    }
}

/* A value as a sheet takes it: a number, true/false, or an option id;
 * empty when missing (a sample assessment is marked). */
static void value_text(const struct crm_criterion *c, const struct crm_value *v, char *buf,
                       size_t size)
{
    buf[0] = '\0';
    if (!v->present) {
        return;
    }
    switch (c->kind) {
    case CRM_KIND_BOOLEAN:
        snprintf(buf, size, "%s", v->number != 0 ? "true" : "false");
        break;
    case CRM_KIND_CHOICE:
        snprintf(buf, size, "%s", c->options[v->option].id);
        break;
    case CRM_KIND_RATING:
    case CRM_KIND_NUMBER:
        crm__snprintf(buf, size, "%.10g", v->number);
        break;
    }
    if (v->raw != NULL && v->raw->sample) {
        size_t len = strlen(buf);

        snprintf(buf + len, size - len, " (sample)");
    }
}

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

/* The sheet's header row: every column of crm__sheet_columns, so a sheet
 * written here reads back with crm_scores_read. */
static void header(struct crm_buf *t)
{
    size_t k;

    for (k = 0; k < COL_COUNT_; k++) {
        crm__buf_printf(t, "%s%s", k ? "," : "", crm__sheet_columns[k]);
    }
    crm__buf_printf(t, "\n");
}

/* One row: vendor @p v, criterion @p c, the evaluator's score if any, and
 * @p at_stake (NULL: left blank). */
static void row(struct crm_buf *t, const struct crm_evaluation *ev, size_t v, size_t c,
                const crm_scores *scores, const char *evaluator, const char *role,
                const char *at_stake)
{
    const struct crm_criterion *crit = &ev->set->criteria[c];
    const crm_panel_score *s = score_of(scores, evaluator, ev->vendors[v]->id, crit->path);
    bool zh = ev->language != NULL && strcmp(ev->language, "zh-CN") == 0;
    const char *fields[COL_COUNT_];
    char scale[512], current[96];
    size_t f;

    scale_text(crit, scale, sizeof(scale));
    value_text(crit, &ev->vendors[v]->values[c], current, sizeof(current));
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
    for (f = 0; f < COL_COUNT_; f++) {
        if (f > 0) {
            crm__buf_printf(t, ",");
        }
        if (f == COL_VALUE || f == COL_CURRENT || f == COL_AT_STAKE) {
            crm__buf_csv_value(t, fields[f]); /* a number stays one */
        } else {
            crm__buf_csv(t, fields[f]);
        }
    }
    crm__buf_printf(t, "\n");
}

/* Write the sheet built in @p t, or say why not. */
static crm_status finish(struct crm_buf *t, const char *path, crm_diags *diags)
{
    crm_status st = CRM_OK;

    if (t->failed) {
        free(t->data);
        return CRM_ENOMEM;
    }
    st = crm__file_write_atomic(path, t->data, t->len, NULL, diags);
    free(t->data);
    return st;
}

crm_status crm_panel_sheet_write(const crm_evaluation *ev, const crm_scores *scores,
                                 const char *evaluator, const char *role, const char *path,
                                 crm_diags *diags)
{
    const struct crm_criteria_set *set = ev->set;
    const struct crm_panel_settings *ps = &ev->panel_settings;
    struct crm_buf t = CRM_BUF_INIT;
    size_t v, k, n = ps->sheet_count > 0 ? ps->sheet_count : set->criterion_count;

    header(&t);
    for (v = 0; v < ev->vendor_count; v++) {
        for (k = 0; k < n; k++) {
            /* the sheet, else every criterion the panel may score */
            size_t c = ps->sheet_count > 0 ? ps->sheet[k] : k;

            if (set->criteria[c].derived == CRM_DERIVED_NONE) {
                row(&t, ev, v, c, scores, evaluator, role, NULL);
            }
        }
    }
    return finish(&t, path, diags);
}

crm_status crm_report_questions_sheet(const crm_result *result, const crm_scores *scores,
                                      const char *evaluator, const char *role,
                                      const char *path, crm_diags *diags)
{
    const struct crm_analysis *an = result->analysis;
    const struct crm_evaluation *ev = result->ev;
    struct crm_buf t = CRM_BUF_INIT;
    char at_stake[32];
    size_t k;

    header(&t);
    for (k = 0; k < an->question_count; k++) {
        const struct crm_question *q = &an->questions[k];

        /* a derived value (a cost) is a question for the vendor's price
         * list, not for an evaluator */
        if (ev->set->criteria[q->criterion].derived != CRM_DERIVED_NONE) {
            continue;
        }
        crm__snprintf(at_stake, sizeof(at_stake), "%.2f", crm__round(q->at_stake, 2));
        row(&t, ev, q->vendor, q->criterion, scores, evaluator, role, at_stake);
    }
    return finish(&t, path, diags);
}
