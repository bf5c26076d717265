/*
 * Vendor claims (include/crmeval/rfi.h): the answers container that the
 * questionnaire readers (load/rfi.c, load/xlsx.c) and the workspace
 * database (store/claims.c) fill, the check of each answer against an
 * evaluation (by crm__values_resolve: the rules and messages of a vendor
 * profile's values), and the claims made the values an evaluation is
 * scored on. It lives in model because all of those modules share it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crmeval/rfi.h"
#include "model/model.h"
#include "util/arena.h"
#include "util/sha256.h"
#include "util/strmap.h"
#include "util/strutil.h"

struct crm_rfi_answers {
    struct crm_arena *arena; /* the strings */
    crm_rfi_answer *items;
    size_t count, cap;
};

crm_rfi_answers *crm_rfi_answers_new(void)
{
    crm_rfi_answers *a = calloc(1, sizeof(*a));

    if (a != NULL && (a->arena = crm__arena_new()) == NULL) {
        free(a);
        a = NULL;
    }
    return a;
}

void crm_rfi_answers_free(crm_rfi_answers *answers)
{
    if (answers != NULL) {
        crm__arena_free(answers->arena);
        free(answers->items);
        free(answers);
    }
}

size_t crm_rfi_answers_count(const crm_rfi_answers *answers)
{
    return answers->count;
}

const crm_rfi_answer *crm_rfi_answers_at(const crm_rfi_answers *answers, size_t i)
{
    return i < answers->count ? &answers->items[i] : NULL;
}

/* A copy of *@p s in the list's arena (NULL stays NULL); false when out
 * of memory. */
static bool copy_str(crm_rfi_answers *answers, const char **s)
{
    const char *copy = *s != NULL ? crm__arena_strdup(answers->arena, *s) : NULL;

    if (*s != NULL && copy == NULL) {
        return false;
    }
    *s = copy;
    return true;
}

crm_status crm_rfi_answers_add(crm_rfi_answers *answers, const crm_rfi_answer *answer)
{
    crm_rfi_answer c = *answer;

    if (answers->count == answers->cap) {
        size_t cap = answers->cap ? answers->cap * 2 : 64;
        crm_rfi_answer *items = realloc(answers->items, cap * sizeof(*items));

        if (items == NULL) {
            return CRM_ENOMEM;
        }
        answers->items = items;
        answers->cap = cap;
    }
    if (!copy_str(answers, &c.vendor) || !copy_str(answers, &c.criterion) ||
        !copy_str(answers, &c.value) || !copy_str(answers, &c.evidence_url) ||
        !copy_str(answers, &c.evidence_document) || !copy_str(answers, &c.evidence_page) ||
        !copy_str(answers, &c.comment) || !copy_str(answers, &c.respondent) ||
        !copy_str(answers, &c.answered_at) || !copy_str(answers, &c.file)) {
        return CRM_ENOMEM;
    }
    answers->items[answers->count++] = c;
    return CRM_OK;
}

/* ---- checking -------------------------------------------------------------- */

/* Whether the evaluation has a vendor with this id (NULL: none); its index
 * in *v. */
static bool find_vendor(const struct crm_evaluation *ev, const char *id, size_t *v)
{
    for (*v = 0; id != NULL && *v < ev->vendor_count; (*v)++) {
        if (strcmp(ev->vendors[*v]->id, id) == 0) {
            return true;
        }
    }
    return false;
}

/* Where @p a says something: at @p line, @p column when the file gave
 * them, else at the answer. */
static struct crm_mark answer_mark(const crm_rfi_answer *a, unsigned line, unsigned column)
{
    struct crm_mark m = { a->file, line ? line : a->line, line ? column : a->column };

    if (m.file == NULL) {
        m.file = "the workspace database";
    }
    return m;
}

/* A page: "12", "12-14" or "12, 15" (numbers, ranges, commas). */
static bool page_ok(const char *s)
{
    bool digit = false;

    for (; *s != '\0'; s++) {
        if (*s >= '0' && *s <= '9') {
            digit = true;
        } else if (*s != '-' && *s != ',' && *s != ' ' && *s != '.') {
            return false;
        }
    }
    return digit;
}

/* The evidence and respondent of @p a: false after reporting what is
 * wrong. A missing respondent is said once a file (*@p said: the last
 * file it was said for). */
static bool evidence_ok(crm_diags *diags, const crm_rfi_answer *a, const char **said)
{
    bool ok = true;
    struct crm_mark at;

    if (a->evidence_url != NULL && strncmp(a->evidence_url, "https://", 8) != 0 &&
        strncmp(a->evidence_url, "http://", 7) != 0) {
        at = answer_mark(a, a->url_line, a->url_column);
        crm__mark_error(diags, &at, "expected an evidence URL starting with https:// or http://, "
                                    "got '%s'",
                        a->evidence_url);
        ok = false;
    }
    if (a->evidence_page != NULL && !page_ok(a->evidence_page)) {
        at = answer_mark(a, a->page_line, a->page_column);
        crm__mark_error(diags, &at, "expected a page number or range for the evidence page "
                                    "(12, 12-14), got '%s'",
                        a->evidence_page);
        ok = false;
    }
    if (a->evidence_page != NULL && a->evidence_document == NULL && a->evidence_url == NULL) {
        at = answer_mark(a, a->page_line, a->page_column);
        crm__mark_error(diags, &at, "an evidence page needs the document (evidence_document) "
                                    "or the URL it is in");
        ok = false;
    }
    if (a->respondent == NULL || a->respondent[0] == '\0') {
        ok = false;
        if (*said == NULL || a->file == NULL || strcmp(*said, a->file) != 0) {
            at = answer_mark(a, 0, 0);
            crm__mark_error(diags, &at, "the answer for '%s' names no respondent (nor does "
                                        "any other answer here without one): give "
                                        "--respondent NAME, or fill in the respondent",
                            a->criterion ? a->criterion : "?");
            *said = a->file ? a->file : "";
        }
    }
    return ok;
}

/* The answers of vendor @p v as raw values (in @p arena), at their
 * places: what crm__values_resolve checks a profile's `values:` as. */
static size_t vendor_raw(struct crm_arena *arena, const crm_rfi_answers *answers, size_t v,
                         const struct crm_evaluation *ev, struct crm_raw_value *raw)
{
    size_t i, n = 0, k;

    for (i = 0; i < answers->count; i++) {
        const crm_rfi_answer *a = &answers->items[i];
        struct crm_raw_value *rv = &raw[n];

        if (!find_vendor(ev, a->vendor, &k) || k != v) {
            continue;
        }
        /* copies: the values outlive the answers */
        memset(rv, 0, sizeof(*rv));
        rv->criterion = crm__arena_strdup(arena, a->criterion ? a->criterion : "");
        rv->mark = answer_mark(a, a->criterion_line, a->criterion_column);
        rv->mark.file = crm__arena_strdup(arena, rv->mark.file);
        rv->value.text = a->value ? crm__arena_strdup(arena, a->value) : NULL;
        rv->value.len = a->value ? strlen(a->value) : 0;
        rv->value.plain = a->plain;
        rv->value.line = a->line;
        rv->value.column = a->column;
        rv->note = a->comment ? crm__arena_strdup(arena, a->comment) : NULL;
        rv->claim = true;
        rv->evidence = crm__arena_alloc(arena, sizeof(*rv->evidence));
        rv->evidence_count = 1;
        rv->evidence->kind = CRM_EVIDENCE_VENDOR_CLAIM;
        rv->evidence->source =
            a->evidence_url != NULL ? crm__arena_strdup(arena, a->evidence_url)
            : a->evidence_document != NULL
                ? crm__arena_printf(arena, "%s%s%s", a->evidence_document,
                                    a->evidence_page ? ", p. " : "",
                                    a->evidence_page ? a->evidence_page : "")
                : "questionnaire answer";
        rv->evidence->date = a->answered_at ? crm__arena_printf(arena, "%.10s", a->answered_at) : NULL;
        /* who answered, as the updated profile says it (report/profile.c) */
        rv->evidence->note = crm__arena_printf(arena, "Answered by %s%s%s",
                                               a->respondent ? a->respondent : "?",
                                               a->comment ? ": " : "",
                                               a->comment ? a->comment : "");
        n++;
    }
    return n;
}

/* Check everything of @p answers against @p ev: the errors' count. With
 * @p skip_elsewhere (claims from the database) answers for vendors or
 * criteria not in @p ev are counted in *@p skipped instead, and each
 * vendor's raw values land in @p raw_of[v] (@p raw_count[v] of them). */
static size_t check_all(struct crm_arena *arena, crm_diags *diags, const struct crm_evaluation *ev,
                        const crm_rfi_answers *answers, bool skip_elsewhere,
                        struct crm_raw_value ***raw_of, size_t *raw_count, size_t *skipped)
{
    size_t i, v, errors = 0;
    const char *said = NULL; /* the file a missing respondent was told for */
    struct crm_raw_value *raw = crm__arena_array(arena, answers->count + 1, sizeof(*raw));
    struct crm_value *scratch =
        crm__arena_array(arena, ev->set->criterion_count + 1, sizeof(*scratch));

    for (i = 0; i < answers->count; i++) {
        const crm_rfi_answer *a = &answers->items[i];
        struct crm_mark at = answer_mark(a, a->vendor_line, a->vendor_column);
        size_t ci = 0;

        if (!find_vendor(ev, a->vendor, &v)) {
            if (skip_elsewhere) {
                (*skipped)++;
                continue;
            }
            crm__mark_error(diags, &at, "no vendor '%s' in the evaluation",
                            a->vendor ? a->vendor : "");
            errors++;
            continue;
        }
        if (skip_elsewhere && !crm__set_find(ev->set, a->criterion, &ci)) {
            (*skipped)++;
            continue;
        }
        if (!skip_elsewhere && !evidence_ok(diags, a, &said)) {
            errors++;
        }
    }
    for (v = 0; v < ev->vendor_count; v++) {
        size_t n = vendor_raw(arena, answers, v, ev, raw);
        size_t k;

        if (n == 0) {
            continue;
        }
        memset(scratch, 0, ev->set->criterion_count * sizeof(*scratch));
        if (skip_elsewhere) {
            /* the claims of the database: criteria gone from the set
             * were counted above */
            size_t kept = 0, ci;

            for (k = 0; k < n; k++) {
                if (crm__set_find(ev->set, raw[k].criterion, &ci)) {
                    raw[kept++] = raw[k];
                }
            }
            n = kept;
        }
        errors += crm__values_resolve(diags, ev->set, raw, n, scratch);
        if (raw_of != NULL) {
            raw_of[v] = crm__arena_array(arena, n + 1, sizeof(*raw_of[v]));
            for (k = 0; k < n; k++) {
                raw_of[v][k] = crm__arena_alloc(arena, sizeof(struct crm_raw_value));
                *raw_of[v][k] = raw[k];
            }
            raw_count[v] = n;
        }
    }
    return errors;
}

struct check_call {
    const struct crm_evaluation *ev;
    const crm_rfi_answers *answers;
    crm_diags *diags;
};

static crm_status check_protected(struct crm_arena *arena, void *ctx)
{
    struct check_call *call = ctx;

    return check_all(arena, call->diags, call->ev, call->answers, false, NULL, NULL, NULL) > 0
               ? CRM_EINPUT
               : CRM_OK;
}

crm_status crm_evaluation_check_answers(const crm_evaluation *ev, const crm_rfi_answers *answers,
                                        crm_diags *diags)
{
    struct check_call call = { ev, answers, diags };
    struct crm_arena *arena = crm__arena_new();
    crm_status st = CRM_OK;

    if (arena == NULL) {
        return CRM_ENOMEM;
    }
    st = crm__arena_protect(arena, check_protected, &call, diags);
    crm__arena_free(arena);
    return st;
}

/* ---- the claims as values ------------------------------------------------ */

struct set_call {
    struct crm_evaluation *ev;
    const crm_rfi_answers *answers;
    const char *source;
    crm_diags *diags;
};

/* The claims as one of the report's inputs: a digest over them. */
static void add_claims_input(struct crm_evaluation *ev, const crm_rfi_answers *answers,
                             const char *source)
{
    const char *name = source ? strrchr(source, '/') : NULL;
    struct crm_sha256 sha;
    char hex[65];
    size_t i, k;

    crm__sha256_init(&sha);
    for (i = 0; i < answers->count; i++) {
        const crm_rfi_answer *a = &answers->items[i];
        const char *parts[] = { a->vendor, a->criterion, a->value,
                                a->respondent ? a->respondent : "",
                                a->evidence_url ? a->evidence_url : "",
                                a->evidence_document ? a->evidence_document : "",
                                a->evidence_page ? a->evidence_page : "" };

        for (k = 0; k < sizeof(parts) / sizeof(parts[0]); k++) {
            const char *part = parts[k] ? parts[k] : "";

            crm__sha256_update(&sha, part, strlen(part) + 1);
        }
    }
    crm__sha256_hex(&sha, hex);
    crm__evaluation_add_input(ev, "claims",
                              crm__arena_strdup(ev->arena, name   ? name + 1
                                                           : source ? source
                                                                    : "claims"),
                              hex);
}

/* crm_evaluation_set_claims under the arena's protection: check every
 * claim first (CRM_EINPUT and nothing changed on any error), warn once about
 * skipped ones, then replace each value the team or panel has not given,
 * and record the claims as a report input. */
static crm_status set_protected(struct crm_arena *arena, void *ctx)
{
    struct set_call *call = ctx;
    struct crm_evaluation *ev = call->ev;
    struct crm_raw_value ***raw_of = crm__arena_array(arena, ev->vendor_count + 1, sizeof(*raw_of));
    size_t *raw_count = crm__arena_array(arena, ev->vendor_count + 1, sizeof(*raw_count));
    size_t v, k, skipped = 0;

    if (check_all(arena, call->diags, ev, call->answers, true, raw_of, raw_count, &skipped) > 0) {
        return CRM_EINPUT;
    }
    if (skipped > 0) {
        crm_diags_add(call->diags, CRM_SEV_WARNING, call->source, 0, 0,
                      "%zu vendor claim%s for vendors or criteria not in this evaluation "
                      "%s skipped",
                      skipped, skipped == 1 ? "" : "s", skipped == 1 ? "is" : "are");
    }
    for (v = 0; v < ev->vendor_count; v++) {
        struct crm_vendor *vendor = ev->vendors[v];

        for (k = 0; k < raw_count[v]; k++) {
            struct crm_raw_value *rv = raw_of[v][k];
            size_t ci = 0;

            /* the team's own observations and the panel outrank a claim */
            if (!crm__set_find(ev->set, rv->criterion, &ci) ||
                (vendor->values[ci].raw != NULL &&
                 (vendor->values[ci].raw->observed || vendor->values[ci].raw->panel))) {
                continue;
            }
            /* check_all resolved into a scratch array: again, for real */
            memset(&vendor->values[ci], 0, sizeof(vendor->values[ci]));
            crm__values_resolve(call->diags, ev->set, rv, 1, vendor->values);
        }
    }
    add_claims_input(ev, call->answers, call->source);
    return CRM_OK;
}

crm_status crm_evaluation_set_claims(crm_evaluation *ev, const crm_rfi_answers *answers,
                                     const char *source, crm_diags *diags)
{
    struct set_call call = { ev, answers, source, diags };

    if (answers->count == 0) {
        return CRM_OK;
    }
    return crm__arena_protect(ev->arena, set_protected, &call, diags);
}
