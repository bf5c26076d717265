/*
 * Vendor claims in the workspace database (include/crmeval/store.h,
 * docs/rfi.md): the current answer per vendor and criterion, and the
 * audit trail of replaced ones (the trigger claims_keep_old). As with
 * the panel's scores, an import is one BEGIN IMMEDIATE ... COMMIT, every
 * statement parameterised.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crmeval/store.h"
#include "store/store_impl.h"

/* Where @p a was entered, for the record: "file:line" or the file. */
static void claim_source(const crm_rfi_answer *a, char *buf, size_t size)
{
    if (a->file != NULL && a->line > 0) {
        snprintf(buf, size, "%s:%u", a->file, a->line);
    } else {
        snprintf(buf, size, "%s", a->file ? a->file : "command line");
    }
}

/* The count that q (a SELECT count(*), reset and run again) returns; -1 on
 * a database error. Counted before and after an import to tell how many
 * claims it replaced. */
static long long count_rows(sqlite3_stmt *q)
{
    long long n = -1;

    sqlite3_reset(q);
    if (sqlite3_step(q) == SQLITE_ROW) {
        n = sqlite3_column_int64(q, 0);
    }
    return n;
}

crm_status crm_store_put_claims(crm_store *store, const crm_rfi_answers *answers, size_t *added,
                                size_t *replaced, crm_diags *diags)
{
    sqlite3_stmt *upsert = NULL, *history = NULL;
    char now[32], source[4200];
    size_t i, n = crm_rfi_answers_count(answers), changed = 0;
    long long before = 0, after = 0;
    crm_status st = CRM_OK;

    if (added != NULL) {
        *added = 0;
    }
    if (replaced != NULL) {
        *replaced = 0;
    }
    crm__store_now(now);
    if (!crm__store_exec(store->db, "BEGIN IMMEDIATE")) {
        return crm__store_error(store, diags, "cannot record the vendor claims");
    }
    if (sqlite3_prepare_v2(store->db,
                           "INSERT INTO claims (vendor, criterion, value, plain, respondent, "
                           "evidence_url, evidence_document, evidence_page, comment, "
                           "answered_at, source) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) "
                           "ON CONFLICT (vendor, criterion) DO UPDATE SET "
                           "value = excluded.value, plain = excluded.plain, "
                           "respondent = excluded.respondent, "
                           "evidence_url = excluded.evidence_url, "
                           "evidence_document = excluded.evidence_document, "
                           "evidence_page = excluded.evidence_page, comment = excluded.comment, "
                           "answered_at = excluded.answered_at, source = excluded.source "
                           "WHERE value IS NOT excluded.value OR plain IS NOT excluded.plain "
                           "OR respondent IS NOT excluded.respondent "
                           "OR evidence_url IS NOT excluded.evidence_url "
                           "OR evidence_document IS NOT excluded.evidence_document "
                           "OR evidence_page IS NOT excluded.evidence_page "
                           "OR comment IS NOT excluded.comment",
                           -1, &upsert, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(store->db, "SELECT count(*) FROM claim_history", -1, &history,
                           NULL) != SQLITE_OK ||
        (before = count_rows(history)) < 0) {
        st = crm__store_error(store, diags, "cannot record the vendor claims");
        goto done;
    }
    for (i = 0; i < n; i++) {
        const crm_rfi_answer *a = crm_rfi_answers_at(answers, i);

        claim_source(a, source, sizeof(source));
        sqlite3_reset(upsert);
        sqlite3_bind_int(upsert, 4, a->plain ? 1 : 0);
        if (!crm__store_bind_text(upsert, 1, a->vendor) ||
            !crm__store_bind_text(upsert, 2, a->criterion) ||
            !crm__store_bind_text(upsert, 3, a->value) ||
            !crm__store_bind_text(upsert, 5, a->respondent) ||
            !crm__store_bind_text(upsert, 6, a->evidence_url) ||
            !crm__store_bind_text(upsert, 7, a->evidence_document) ||
            !crm__store_bind_text(upsert, 8, a->evidence_page) ||
            !crm__store_bind_text(upsert, 9, a->comment) ||
            !crm__store_bind_text(upsert, 10, a->answered_at ? a->answered_at : now) ||
            !crm__store_bind_text(upsert, 11, source) || sqlite3_step(upsert) != SQLITE_DONE) {
            st = crm__store_error(store, diags, "cannot record a vendor claim");
            goto done;
        }
        changed += (size_t)sqlite3_changes(store->db);
    }
    if ((after = count_rows(history)) < 0) {
        st = crm__store_error(store, diags, "cannot record the vendor claims");
        goto done;
    }
    sqlite3_finalize(upsert);
    sqlite3_finalize(history);
    upsert = history = NULL;
    if (!crm__store_exec(store->db, "COMMIT")) {
        st = crm__store_error(store, diags, "cannot record the vendor claims");
        goto done;
    }
    if (added != NULL) {
        *added = changed - (size_t)(after - before);
    }
    if (replaced != NULL) {
        *replaced = (size_t)(after - before);
    }
done:
    sqlite3_finalize(upsert);
    sqlite3_finalize(history);
    if (st != CRM_OK) {
        crm__store_exec(store->db, "ROLLBACK");
    }
    return st;
}

crm_status crm_store_claims(crm_store *store, crm_rfi_answers *answers, crm_diags *diags)
{
    sqlite3_stmt *q = NULL;
    crm_status st = CRM_OK;
    int rc = 0;

    if (sqlite3_prepare_v2(store->db,
                           "SELECT vendor, criterion, value, plain, respondent, evidence_url, "
                           "evidence_document, evidence_page, comment, answered_at FROM claims "
                           "ORDER BY vendor, criterion",
                           -1, &q, NULL) != SQLITE_OK) {
        return crm__store_error(store, diags, "cannot read the vendor claims");
    }
    while (st == CRM_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        crm_rfi_answer a;

        memset(&a, 0, sizeof(a));
        a.vendor = crm__store_column(q, 0);
        a.criterion = crm__store_column(q, 1);
        a.value = crm__store_column(q, 2);
        a.plain = sqlite3_column_int(q, 3) != 0;
        a.respondent = crm__store_column(q, 4);
        a.evidence_url = crm__store_column(q, 5);
        a.evidence_document = crm__store_column(q, 6);
        a.evidence_page = crm__store_column(q, 7);
        a.comment = crm__store_column(q, 8);
        a.answered_at = crm__store_column(q, 9);
        a.file = NULL;
        st = crm_rfi_answers_add(answers, &a);
    }
    if (st == CRM_OK && rc != SQLITE_DONE) {
        st = crm__store_error(store, diags, "cannot read the vendor claims");
    }
    sqlite3_finalize(q);
    return st;
}
