/*
 * Score sheets (include/crmeval/panel.h, docs/panel.md): a list of panel
 * scores, read from YAML (`kind: scores`, through the same positioned
 * tree as every other input) or from CSV with a header row. Values are
 * kept as entered; crm_evaluation_check_scores() judges them against an
 * evaluation.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "crmeval/panel.h"
#include "load/load.h"
#include "load/reader.h"
#include "model/model.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "util/strutil.h"

struct crm_scores {
    struct crm_arena *arena;       /* the strings */
    crm_panel_score *items;
    size_t count, cap;
};

crm_scores *crm_scores_new(void)
{
    crm_scores *s = calloc(1, sizeof(*s));

    if (s != NULL && (s->arena = crm__arena_new()) == NULL) {
        free(s);
        s = NULL;
    }
    return s;
}

void crm_scores_free(crm_scores *scores)
{
    if (scores != NULL) {
        crm__arena_free(scores->arena);
        free(scores->items);
        free(scores);
    }
}

size_t crm_scores_count(const crm_scores *scores)
{
    return scores->count;
}

const crm_panel_score *crm_scores_at(const crm_scores *scores, size_t i)
{
    return i < scores->count ? &scores->items[i] : NULL;
}

/* A copy of @p s in the list's arena (NULL stays NULL); false when out of
 * memory. */
static bool copy_str(crm_scores *scores, const char *s, const char **out)
{
    *out = s != NULL ? crm__arena_strdup(scores->arena, s) : NULL;
    return s == NULL || *out != NULL;
}

crm_status crm_scores_add(crm_scores *scores, const crm_panel_score *score)
{
    crm_panel_score c = *score;

    if (scores->count == scores->cap) {
        size_t cap = scores->cap ? scores->cap * 2 : 64;
        crm_panel_score *items = realloc(scores->items, cap * sizeof(*items));

        if (items == NULL) {
            return CRM_ENOMEM;
        }
        scores->items = items;
        scores->cap = cap;
    }
    if (!copy_str(scores, score->evaluator, &c.evaluator) ||
        !copy_str(scores, score->role, &c.role) ||
        !copy_str(scores, score->vendor, &c.vendor) ||
        !copy_str(scores, score->criterion, &c.criterion) ||
        !copy_str(scores, score->value, &c.value) ||
        !copy_str(scores, score->comment, &c.comment) ||
        !copy_str(scores, score->scored_at, &c.scored_at) ||
        !copy_str(scores, score->file, &c.file)) {
        return CRM_ENOMEM;
    }
    scores->items[scores->count++] = c;
    return CRM_OK;
}

/* The role @p evaluator is given in @p list, or NULL. */
static const char *role_in(const crm_scores *list, const char *evaluator)
{
    size_t k;

    for (k = 0; k < list->count; k++) {
        if (list->items[k].role != NULL && list->items[k].evaluator != NULL &&
            strcmp(list->items[k].evaluator, evaluator) == 0) {
            return list->items[k].role;
        }
    }
    return NULL;
}

void crm_scores_fill_roles(crm_scores *scores, const crm_scores *roster)
{
    size_t i;

    /* the role an evaluator is given elsewhere in the list first (a new
     * evaluator's first row), then the one they already have */
    for (i = 0; i < scores->count; i++) {
        crm_panel_score *s = &scores->items[i];

        if (s->role == NULL && s->evaluator != NULL) {
            s->role = role_in(scores, s->evaluator);
        }
        if (s->role == NULL && s->evaluator != NULL &&
            !copy_str(scores, role_in(roster, s->evaluator), &s->role)) {
            s->role = NULL;
        }
    }
}

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
        crm__rd_string(&r, v, "'evaluator'", &base.evaluator);
    }
    if ((v = crm__rd_get(f.root, "role")) != NULL && !(v->plain && blank_value(v->text))) {
        crm__rd_string(&r, v, "'role'", &base.role);
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

/* criterion_name and scale are for the person filling in a sheet
 * crm_panel_sheet_write made; reading ignores them. */
enum csv_column { COL_VENDOR, COL_CRITERION, COL_VALUE, COL_COMMENT, COL_EVALUATOR,
                  COL_ROLE, COL_CRITERION_NAME, COL_SCALE, COL_COUNT_ };
static const char *const csv_columns[] = { "vendor", "criterion", "value", "comment",
                                           "evaluator", "role", "criterion_name", "scale",
                                           NULL };

struct csv_field {
    char *text;
    unsigned line, column;
};

struct csv_reader {
    const char *path;
    const char *p, *end;
    unsigned line, column;
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

        field.len = 0;
        crm__buf_printf(&field, "%s", "");
        if (cr->p < cr->end && *cr->p == '"') {
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

static void trim(char *s)
{
    size_t n = strlen(s), k = 0;

    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) {
        s[--n] = '\0';
    }
    while (s[k] == ' ' || s[k] == '\t') {
        k++;
    }
    memmove(s, s + k, n - k + 1);
}

static crm_status read_csv(struct crm_arena *arena, void *ctx)
{
    struct yaml_call *call = ctx;
    struct csv_reader cr;
    struct csv_field fields[COL_COUNT_ + 8];
    int where[COL_COUNT_];        /* column -> field index, -1 when absent */
    char *data = NULL;
    const char *path = crm__arena_strdup(arena, call->path);
    size_t len = 0, n = 0, i, k, needed = 0;
    unsigned bad_line = 0, bad_col = 0;
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
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        cr.p += 3; /* the byte-order mark spreadsheets write: not a column */
    }
    if (!crm__utf8_check(cr.p, (size_t)(cr.end - cr.p), &bad_line, &bad_col)) {
        crm_diags_add(call->diags, CRM_SEV_ERROR, path, bad_line, bad_col,
                      "invalid UTF-8 (save the sheet as UTF-8 CSV)");
        return CRM_EINPUT;
    }
    for (k = 0; k < COL_COUNT_; k++) {
        where[k] = -1;
    }
    if (!csv_record(&cr, fields, sizeof(fields) / sizeof(fields[0]), &n)) {
        csv_error(&cr, 1, 1, "the sheet is empty; expected a header row: %s",
                  "vendor,criterion,value[,comment][,evaluator][,role]");
        return CRM_EINPUT;
    }
    if (n > sizeof(fields) / sizeof(fields[0])) {
        csv_error(&cr, 1, 1, "the header row has %zu columns; a score sheet has at most %zu "
                             "(vendor, criterion, value, comment, evaluator, role, "
                             "criterion_name, scale)",
                  n, (size_t)COL_COUNT_);
        return CRM_EINPUT;
    }
    for (i = 0; i < n; i++) {
        int col = -1;

        trim(fields[i].text);
        for (k = 0; k < COL_COUNT_; k++) {
            if (strcasecmp(fields[i].text, csv_columns[k]) == 0) {
                col = (int)k;
            }
        }
        if (col < 0) {
            const char *hint = crm__did_you_mean(fields[i].text, csv_columns);

            crm_diags_add(call->diags, CRM_SEV_ERROR, path, fields[i].line, fields[i].column,
                          "unknown column '%s'; expected vendor, criterion, value, "
                          "comment, evaluator, role, criterion_name or scale%s%s%s",
                          fields[i].text, hint ? " (did you mean '" : "", hint ? hint : "",
                          hint ? "'?)" : "");
            cr.errors++;
        } else if (where[col] >= 0) {
            csv_error(&cr, fields[i].line, fields[i].column, "column '%s' is given twice",
                      csv_columns[col]);
        } else {
            where[col] = (int)i;
        }
    }
    for (k = 0; k <= COL_VALUE; k++) {
        if (where[k] < 0) {
            csv_error(&cr, 1, 1, "the header row has no '%s' column", csv_columns[k]);
        }
    }
    if (cr.errors > 0) {
        return CRM_EINPUT;
    }
    /* every row reaches the last of the three columns it must have */
    for (k = 0; k <= COL_VALUE; k++) {
        needed = (size_t)where[k] + 1 > needed ? (size_t)where[k] + 1 : needed;
    }
    while (csv_record(&cr, fields, sizeof(fields) / sizeof(fields[0]), &n)) {
        crm_panel_score s;
        unsigned line = fields[0].line;

        if (n == 1 && fields[0].text[0] == '\0') {
            continue; /* a blank line */
        }
        if (n < needed) {
            crm_diags_add(call->diags, CRM_SEV_ERROR, path, line, 1,
                          "expected at least %zu fields (vendor, criterion and value), got %zu",
                          needed, n);
            cr.errors++;
            continue;
        }
        memset(&s, 0, sizeof(s));
        s.file = path;
        s.evaluator = call->evaluator;
        s.role = call->role;
        for (k = 0; k < COL_COUNT_; k++) {
            const char *text = NULL;

            if (where[k] < 0 || (size_t)where[k] >= n) {
                continue;
            }
            trim(fields[where[k]].text);
            text = fields[where[k]].text;
            switch ((enum csv_column)k) {
            case COL_VENDOR:
                s.vendor = text;
                s.vendor_line = fields[where[k]].line;
                s.vendor_column = fields[where[k]].column;
                break;
            case COL_CRITERION:
                s.criterion = text;
                s.criterion_line = fields[where[k]].line;
                s.criterion_column = fields[where[k]].column;
                break;
            case COL_VALUE:
                s.value = text;
                s.line = fields[where[k]].line;
                s.column = fields[where[k]].column;
                break;
            case COL_COMMENT:
                s.comment = text[0] != '\0' ? text : NULL;
                break;
            case COL_EVALUATOR:
                if (text[0] != '\0') {
                    s.evaluator = text;
                }
                break;
            case COL_ROLE:
                if (text[0] != '\0') {
                    s.role = text;
                }
                break;
            case COL_CRITERION_NAME:
            case COL_SCALE:
            case COL_COUNT_:
                break;
            }
        }
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

/* ---- a sheet to fill in ------------------------------------------------- */

/* What a criterion takes, for the person filling in the sheet. */
static void scale_text(const struct crm_criterion *c, char *buf, size_t size)
{
    switch (c->kind) {
    case CRM_KIND_RATING:
        snprintf(buf, size, "%g..%g", c->scale_min, c->scale_max);
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

/* The score of @p evaluator for @p vendor and @p criterion in @p scores. */
static const crm_panel_score *score_of(const crm_scores *scores, const char *evaluator,
                                       const char *vendor, const char *criterion)
{
    size_t i;

    for (i = 0; evaluator != NULL && i < scores->count; i++) {
        const crm_panel_score *s = &scores->items[i];

        if (s->evaluator && s->vendor && s->criterion && strcmp(s->evaluator, evaluator) == 0 &&
            strcmp(s->vendor, vendor) == 0 && strcmp(s->criterion, criterion) == 0) {
            return s;
        }
    }
    return NULL;
}

crm_status crm_panel_sheet_write(const crm_evaluation *ev, const crm_scores *scores,
                                 const char *evaluator, const char *role, const char *path,
                                 crm_diags *diags)
{
    const struct crm_criteria_set *set = ev->set;
    const struct crm_panel_settings *ps = &ev->panel_settings;
    bool zh = ev->language != NULL && strcmp(ev->language, "zh-CN") == 0;
    struct crm_buf t = CRM_BUF_INIT;
    size_t v, k, n = ps->sheet_count > 0 ? ps->sheet_count : set->criterion_count;
    crm_status st = CRM_OK;
    char scale[512];

    for (k = 0; k < COL_COUNT_; k++) {
        crm__buf_printf(&t, "%s%s", k ? "," : "", csv_columns[k]);
    }
    crm__buf_printf(&t, "\n");
    for (v = 0; v < ev->vendor_count; v++) {
        for (k = 0; k < n; k++) {
            /* the sheet, else every criterion the panel may score */
            const struct crm_criterion *c = &set->criteria[ps->sheet_count > 0 ? ps->sheet[k] : k];
            const crm_panel_score *s = score_of(scores, evaluator, ev->vendors[v]->id, c->path);
            const char *fields[COL_COUNT_];

            if (c->derived != CRM_DERIVED_NONE) {
                continue;
            }
            scale_text(c, scale, sizeof(scale));
            fields[COL_VENDOR] = ev->vendors[v]->id;
            fields[COL_CRITERION] = c->path;
            fields[COL_VALUE] = s ? s->value : "";
            fields[COL_COMMENT] = s ? s->comment : "";
            fields[COL_EVALUATOR] = evaluator;
            fields[COL_ROLE] = role;
            fields[COL_CRITERION_NAME] = zh && c->name.zh ? c->name.zh : c->name.en;
            fields[COL_SCALE] = scale;
            for (size_t f = 0; f < COL_COUNT_; f++) {
                if (f > 0) {
                    crm__buf_printf(&t, ",");
                }
                crm__buf_csv(&t, fields[f]);
            }
            crm__buf_printf(&t, "\n");
        }
    }
    if (t.failed) {
        free(t.data);
        return CRM_ENOMEM;
    }
    st = crm__file_write_atomic(path, t.data, t.len, NULL, diags);
    free(t.data);
    return st;
}
