/*
 * Vendor profiles updated with the vendors' answers (crm_rfi_profiles_add,
 * include/crmeval/rfi.h, docs/rfi.md): the original file's text with each
 * answered criterion's entry in `values:` replaced by the claim, and the
 * criteria it did not have appended at the end of `values:`. Everything
 * else (comments, order, the other values) stays as written: the entries
 * are found by the positions of the file's own YAML tree, and the text
 * between them is copied line for line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crmeval/rfi.h"
#include "load/load.h"
#include "load/reader.h"
#include "util/arena.h"
#include "util/fileio.h"
#include "util/strutil.h"

/* The text split into lines (without their line ends). */
struct lines {
    const char **at;
    size_t *len;
    size_t count;
};

/* Split text[0..size) into lines without their '\n', so that entries can be
 * copied or replaced line for line. The lines point into text (not copied);
 * the arrays are in arena. A final line end starts no empty line. */
static void split(struct crm_arena *arena, const char *text, size_t size, struct lines *l)
{
    size_t i, n = 1, k = 0;
    const char *start = text;

    for (i = 0; i < size; i++) {
        n += text[i] == '\n';
    }
    l->at = crm__arena_array(arena, n + 1, sizeof(*l->at));
    l->len = crm__arena_array(arena, n + 1, sizeof(*l->len));
    for (i = 0; i <= size; i++) {
        if (i == size || text[i] == '\n') {
            if (i == size && start == text + size) {
                break; /* the file ends with a line end */
            }
            l->at[k] = start;
            l->len[k] = (size_t)(text + i - start);
            k++;
            start = text + i + 1;
        }
    }
    l->count = k;
}

/* Whether line @p i (0-based) is blank or only a comment. */
static bool blank_line(const struct lines *l, size_t i)
{
    size_t k = 0;

    while (k < l->len[i] && (l->at[i][k] == ' ' || l->at[i][k] == '\t' || l->at[i][k] == '\r')) {
        k++;
    }
    return k == l->len[i] || l->at[i][k] == '#';
}

/* The claim, as an entry of `values:` indented by @p indent. */
static void entry(struct crm_buf *t, const crm_rfi_answer *a, unsigned indent, const char *today)
{
    crm__buf_printf(t, "%*s%s:\n%*s  value: ", (int)indent, "", a->criterion, (int)indent, "");
    if (a->plain) {
        crm__buf_printf(t, "%s\n", a->value);
    } else {
        crm__buf_yaml_quoted(t, a->value);
        crm__buf_printf(t, "\n");
    }
    crm__buf_printf(t, "%*s  evidence:\n%*s    - kind: vendor_claim\n%*s      source: ",
                    (int)indent, "", (int)indent, "", (int)indent, "");
    if (a->evidence_url != NULL) {
        crm__buf_yaml_quoted(t, a->evidence_url);
    } else if (a->evidence_document != NULL) {
        char doc[1024];

        snprintf(doc, sizeof(doc), "%s%s%s", a->evidence_document,
                 a->evidence_page ? ", p. " : "", a->evidence_page ? a->evidence_page : "");
        crm__buf_yaml_quoted(t, doc);
    } else {
        crm__buf_yaml_quoted(t, "questionnaire answer");
    }
    crm__buf_printf(t, "\n%*s      date: %s\n%*s      note: ", (int)indent, "", today,
                    (int)indent, "");
    {
        char note[2048];

        snprintf(note, sizeof(note), "Answered by %s%s%s", a->respondent ? a->respondent : "?",
                 a->comment ? ": " : "", a->comment ? a->comment : "");
        crm__buf_yaml_quoted(t, note);
    }
    crm__buf_printf(t, "\n");
}

/* The answer of @p vendor for @p criterion, or NULL. */
static const crm_rfi_answer *answer_for(const crm_rfi_answers *answers, const char *vendor,
                                        const char *criterion)
{
    size_t i;

    for (i = 0; i < crm_rfi_answers_count(answers); i++) {
        const crm_rfi_answer *a = crm_rfi_answers_at(answers, i);

        if (strcmp(a->vendor, vendor) == 0 && strcmp(a->criterion, criterion) == 0) {
            return a;
        }
    }
    return NULL;
}

struct update_call {
    const struct crm_vendor *vendor;
    const crm_rfi_answers *answers;
    const char *today;
    struct crm_buf *out;
    crm_diags *diags;
};

/* The profile's text with the claims in, into call->out. */
static crm_status update(struct crm_arena *arena, void *ctx)
{
    struct update_call *call = ctx;
    const char *id = call->vendor->id;
    struct crm_loaded_file f;
    struct lines l;
    char *text = NULL;
    size_t size = 0, i, p, line, end = 0, first = 0;
    const struct crm_ynode *values = NULL;
    unsigned values_line = 0, indent = 2;
    bool *done = NULL;
    crm_status st = crm__file_read(arena, call->vendor->file, CRM_MAX_FILE_SIZE, &text, &size,
                                   call->diags);

    if (st == CRM_OK) {
        st = crm__file_load(arena, call->vendor->file, CRM_FILE_VENDOR, call->diags, &f);
    }
    if (st != CRM_OK) {
        return st;
    }
    split(arena, text, size, &l);
    done = crm__arena_array(arena, crm_rfi_answers_count(call->answers) + 1, sizeof(*done));
    for (i = 0; i < f.root->count; i++) {
        if (strcmp(f.root->pairs[i].key->text, "values") == 0) {
            values = f.root->pairs[i].value;
            values_line = f.root->pairs[i].key->line;
        }
    }
    if (values != NULL && values->type == CRM_YMAP && values->count > 0 &&
        values->pairs[0].key->line == values_line) {
        crm_diags_add(call->diags, CRM_SEV_ERROR, call->vendor->file, values->line,
                      values->column,
                      "'values' is written on one line ({...}); write it as a block mapping "
                      "to have the answers put in");
        return CRM_EINPUT;
    }
    if (values != NULL && values->type == CRM_YMAP && values->count > 0) {
        indent = values->pairs[0].key->column - 1;
        /* the block ends before the next top-level key, or at the end */
        end = l.count;
        for (i = 0; i < f.root->count; i++) {
            unsigned kl = f.root->pairs[i].key->line;

            if (kl > values_line && (size_t)kl - 1 < end) {
                end = kl - 1;
            }
        }
        while (end > 0 && blank_line(&l, end - 1)) {
            end--;
        }
        first = values->pairs[0].key->line - 1;
    }
    /* the text before the values' entries, each entry or its claim, the
     * new claims, then the rest */
    for (line = 0; line < first && values != NULL && values->count > 0; line++) {
        crm__buf_printf(call->out, "%.*s\n", (int)l.len[line], l.at[line]);
    }
    for (p = 0; values != NULL && values->type == CRM_YMAP && p < values->count; p++) {
        size_t from = values->pairs[p].key->line - 1;
        size_t to = p + 1 < values->count ? values->pairs[p + 1].key->line - 1 : end;
        const crm_rfi_answer *a = answer_for(call->answers, id, values->pairs[p].key->text);
        size_t keep = to;

        if (a != NULL) {
            /* comments just above the next entry stay with it */
            while (keep > from + 1 && blank_line(&l, keep - 1)) {
                keep--;
            }
            entry(call->out, a, indent, call->today);
            for (line = keep; line < to; line++) {
                crm__buf_printf(call->out, "%.*s\n", (int)l.len[line], l.at[line]);
            }
            done[(size_t)(a - crm_rfi_answers_at(call->answers, 0))] = true;
        } else {
            for (line = from; line < to; line++) {
                crm__buf_printf(call->out, "%.*s\n", (int)l.len[line], l.at[line]);
            }
        }
    }
    if (values == NULL || values->type != CRM_YMAP || values->count == 0) {
        /* no entries to place them among: the file as it is, then the
         * values (an empty `values:` line, if any, is replaced) */
        for (line = 0; line < l.count; line++) {
            if (values == NULL || line + 1 != values_line) {
                crm__buf_printf(call->out, "%.*s\n", (int)l.len[line], l.at[line]);
            }
        }
        crm__buf_printf(call->out, "values:\n");
        end = l.count;
    }
    for (i = 0; i < crm_rfi_answers_count(call->answers); i++) {
        const crm_rfi_answer *a = crm_rfi_answers_at(call->answers, i);

        if (!done[i] && strcmp(a->vendor, id) == 0) {
            entry(call->out, a, indent, call->today);
        }
    }
    for (line = end; line < l.count && values != NULL && values->count > 0; line++) {
        crm__buf_printf(call->out, "%.*s\n", (int)l.len[line], l.at[line]);
    }
    return call->out->failed ? CRM_ENOMEM : CRM_OK;
}

crm_status crm_rfi_profiles_add(crm_outputs *out, const crm_evaluation *ev,
                                const crm_rfi_answers *answers, const char *dir,
                                crm_diags *diags)
{
    char today[16], path[4096];
    time_t now = time(NULL);
    struct tm tm;
    size_t v, i;
    crm_status st = CRM_OK;

    gmtime_r(&now, &tm);
    strftime(today, sizeof(today), "%Y-%m-%d", &tm);
    for (v = 0; st == CRM_OK && v < ev->vendor_count; v++) {
        const struct crm_vendor *vendor = ev->vendors[v];
        struct crm_buf t = CRM_BUF_INIT;
        struct update_call call = { vendor, answers, today, &t, diags };
        struct crm_arena *arena = NULL;
        const char *base = NULL;
        bool any = false;

        for (i = 0; i < crm_rfi_answers_count(answers) && !any; i++) {
            any = strcmp(crm_rfi_answers_at(answers, i)->vendor, vendor->id) == 0;
        }
        if (!any || vendor->file == NULL) {
            continue;
        }
        base = strrchr(vendor->file, '/');
        base = base ? base + 1 : vendor->file;
        if (crm__snprintf(path, sizeof(path), "%s/%s", dir, base) >= (int)sizeof(path)) {
            crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0, "the directory name is too long");
            return CRM_EUSAGE;
        }
        if ((arena = crm__arena_new()) == NULL) {
            return CRM_ENOMEM;
        }
        st = crm__arena_protect(arena, update, &call, diags);
        crm__arena_free(arena);
        if (st == CRM_OK) {
            st = t.failed ? CRM_ENOMEM
                          : crm_outputs_add(out, path, "the updated vendor profile",
                                            t.data ? t.data : "", t.len, diags);
        }
        free(t.data);
    }
    return st;
}
