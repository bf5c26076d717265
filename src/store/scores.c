/*
 * The panel in the workspace database (include/crmeval/store.h,
 * docs/panel.md): evaluators, their current scores and the audit trail of
 * replaced ones. Every statement is parameterised; an import is one
 * BEGIN IMMEDIATE ... COMMIT, so it lands whole or not at all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crmeval/store.h"
#include "store/store_impl.h"
#include "util/strutil.h"

/* The prepared statements of one import. */
struct put {
    sqlite3_stmt *find, *add, *set_role, *role_change, *upsert, *history;
    char who[128];                 /* the account running crmeval */
    long long evaluator_id;        /* of last_name */
    const char *last_name;
    struct crm_buf notes;          /* role changes, told once committed */
};

/* Finalize every statement of @p p; NULL ones are a no-op in SQLite, so
 * this is safe after a partial put_prepare. */
static void put_finalize(struct put *p)
{
    sqlite3_finalize(p->find);
    sqlite3_finalize(p->add);
    sqlite3_finalize(p->set_role);
    sqlite3_finalize(p->role_change);
    sqlite3_finalize(p->upsert);
    sqlite3_finalize(p->history);
}

/* Prepare the statements crm_store_put_scores runs per score, once for the
 * whole batch. The upsert rewrites a score only when its value or comment
 * changed, so an unchanged score adds nothing to the audit trail. */
static bool put_prepare(sqlite3 *db, struct put *p)
{
    return sqlite3_prepare_v2(db, "SELECT id, role FROM evaluators WHERE name = ?1", -1,
                              &p->find, NULL) == SQLITE_OK &&
           sqlite3_prepare_v2(db,
                              "INSERT INTO evaluators (name, role, added_at) "
                              "VALUES (?1, ?2, ?3)",
                              -1, &p->add, NULL) == SQLITE_OK &&
           sqlite3_prepare_v2(db, "UPDATE evaluators SET role = ?2 WHERE id = ?1", -1,
                              &p->set_role, NULL) == SQLITE_OK &&
           sqlite3_prepare_v2(db,
                              "INSERT INTO role_changes (evaluator_id, old_role, new_role, "
                              "changed_at, changed_by, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                              -1, &p->role_change, NULL) == SQLITE_OK &&
           sqlite3_prepare_v2(db,
                              "INSERT INTO scores (evaluator_id, vendor, criterion, value, "
                              "comment, scored_at, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
                              "ON CONFLICT (evaluator_id, vendor, criterion) DO UPDATE SET "
                              "value = excluded.value, comment = excluded.comment, "
                              "scored_at = excluded.scored_at, source = excluded.source "
                              "WHERE value IS NOT excluded.value "
                              "OR comment IS NOT excluded.comment",
                              -1, &p->upsert, NULL) == SQLITE_OK &&
           sqlite3_prepare_v2(db, "SELECT count(*) FROM score_history", -1, &p->history,
                              NULL) == SQLITE_OK;
}

/* Who is running crmeval, for the record of a role change: the login
 * name the session gives (LOGNAME, else USER), or "uid N" without one.
 * Not getpwuid_r: glibc 2.36's NSS dereferences NULL when its own state
 * cannot be allocated (nss_database_check_reload_and_get), so out of
 * memory there crashed the import (found by the allocation-failure
 * sweep); and the name is a label for the trail, not a credential. */
static void account_name(char *buf, size_t size)
{
    const char *name = getenv("LOGNAME");

    if (name == NULL || name[0] == '\0') {
        name = getenv("USER");
    }
    if (name != NULL && name[0] != '\0') {
        snprintf(buf, size, "%s", name);
    } else {
        snprintf(buf, size, "uid %ld", (long)geteuid());
    }
}

/* Change evaluator @p id's role from @p old_role to @p s's: recorded
 * first (who, when, where the new role was given), as the trigger
 * evaluators_role_change_recorded demands, then set. */
static bool change_role(struct put *p, long long id, const char *old_role,
                        const crm_panel_score *s, const char *now, const char *source)
{
    crm__buf_printf(&p->notes, "%s's role changes from %s to %s (for all their scores)\n",
                    s->evaluator, old_role, s->role);
    sqlite3_reset(p->role_change);
    sqlite3_bind_int64(p->role_change, 1, id);
    if (!crm__store_bind_text(p->role_change, 2, old_role) ||
        !crm__store_bind_text(p->role_change, 3, s->role) ||
        !crm__store_bind_text(p->role_change, 4, now) ||
        !crm__store_bind_text(p->role_change, 5, p->who) ||
        !crm__store_bind_text(p->role_change, 6, source) ||
        sqlite3_step(p->role_change) != SQLITE_DONE) {
        return false;
    }
    sqlite3_reset(p->set_role);
    sqlite3_bind_int64(p->set_role, 1, id);
    return crm__store_bind_text(p->set_role, 2, s->role) &&
           sqlite3_step(p->set_role) == SQLITE_DONE;
}

/* The id of @p s's evaluator, added (or their role changed) as needed;
 * @p source is where the score was entered. */
static bool evaluator_id(crm_store *store, struct put *p, const crm_panel_score *s,
                         const char *now, const char *source)
{
    int rc = 0;

    if (s->evaluator == NULL || s->role == NULL) {
        return false; /* crm_evaluation_check_scores refuses these first */
    }
    if (p->last_name != NULL && strcmp(p->last_name, s->evaluator) == 0) {
        return true;
    }
    sqlite3_reset(p->find);
    if (!crm__store_bind_text(p->find, 1, s->evaluator)) {
        return false;
    }
    rc = sqlite3_step(p->find);
    if (rc == SQLITE_ROW) {
        p->evaluator_id = sqlite3_column_int64(p->find, 0);
        if (strcmp(crm__store_column(p->find, 1), s->role) != 0 &&
            !change_role(p, p->evaluator_id, crm__store_column(p->find, 1), s, now, source)) {
            return false;
        }
    } else if (rc == SQLITE_DONE) {
        sqlite3_reset(p->add);
        if (!crm__store_bind_text(p->add, 1, s->evaluator) ||
            !crm__store_bind_text(p->add, 2, s->role) || !crm__store_bind_text(p->add, 3, now) ||
            sqlite3_step(p->add) != SQLITE_DONE) {
            return false;
        }
        p->evaluator_id = sqlite3_last_insert_rowid(store->db);
    } else {
        return false;
    }
    p->last_name = s->evaluator;
    return true;
}

/* Rows in score_history (-1 on error). The difference before and after a
 * batch is the number of scores replaced, as the trigger writes one row
 * per replaced value. */
static long long history_count(struct put *p)
{
    long long n = -1;

    sqlite3_reset(p->history);
    if (sqlite3_step(p->history) == SQLITE_ROW) {
        n = sqlite3_column_int64(p->history, 0);
    }
    return n;
}

crm_status crm_store_put_scores(crm_store *store, const crm_scores *scores, size_t *added,
                                size_t *replaced, crm_diags *diags)
{
    struct put p;
    char now[32], source[4200];
    size_t i, n = crm_scores_count(scores), changed = 0;
    long long before = 0, after = 0;
    crm_status st = CRM_OK;

    memset(&p, 0, sizeof(p));
    if (added != NULL) {
        *added = 0;
    }
    if (replaced != NULL) {
        *replaced = 0;
    }
    crm__store_now(now);
    account_name(p.who, sizeof(p.who));
    if (!crm__store_exec(store->db, "BEGIN IMMEDIATE")) {
        return crm__store_error(store, diags, "cannot record the scores");
    }
    if (!put_prepare(store->db, &p) || (before = history_count(&p)) < 0) {
        st = crm__store_error(store, diags, "cannot record the scores");
        goto done;
    }
    for (i = 0; i < n; i++) {
        const crm_panel_score *s = crm_scores_at(scores, i);

        if (s->file != NULL && s->line > 0) {
            snprintf(source, sizeof(source), "%s:%u", s->file, s->line);
        } else {
            snprintf(source, sizeof(source), "%s", s->file ? s->file : "command line");
        }
        if (!evaluator_id(store, &p, s, now, source)) {
            st = crm__store_error(store, diags, "cannot record the evaluator");
            goto done;
        }
        sqlite3_reset(p.upsert);
        sqlite3_bind_int64(p.upsert, 1, p.evaluator_id);
        if (!crm__store_bind_text(p.upsert, 2, s->vendor) ||
            !crm__store_bind_text(p.upsert, 3, s->criterion) ||
            !crm__store_bind_text(p.upsert, 4, s->value) ||
            !crm__store_bind_text(p.upsert, 5, s->comment) ||
            !crm__store_bind_text(p.upsert, 6, s->scored_at ? s->scored_at : now) ||
            !crm__store_bind_text(p.upsert, 7, source) || sqlite3_step(p.upsert) != SQLITE_DONE) {
            st = crm__store_error(store, diags, "cannot record a score");
            goto done;
        }
        changed += (size_t)sqlite3_changes(store->db);
    }
    if ((after = history_count(&p)) < 0) {
        st = crm__store_error(store, diags, "cannot record the scores");
        goto done;
    }
    if (p.notes.failed) {
        st = CRM_ENOMEM; /* a note would go missing: record nothing */
        goto done;
    }
    put_finalize(&p);
    p.find = p.add = p.set_role = p.role_change = p.upsert = p.history = NULL;
    if (!crm__store_exec(store->db, "COMMIT")) {
        st = crm__store_error(store, diags, "cannot record the scores");
        goto done;
    }
    if (added != NULL) {
        *added = changed - (size_t)(after - before);
    }
    if (replaced != NULL) {
        *replaced = (size_t)(after - before);
    }
    for (const char *line = p.notes.data; line != NULL && *line != '\0';) {
        const char *end = strchr(line, '\n');

        crm_diags_add(diags, CRM_SEV_NOTE, store->path, 0, 0, "%.*s", (int)(end - line), line);
        line = end + 1;
    }
done:
    free(p.notes.data);
    put_finalize(&p);
    if (st != CRM_OK) {
        crm__store_exec(store->db, "ROLLBACK");
    }
    return st;
}

/* Run @p sql and add each row (evaluator, role, vendor, criterion, value,
 * comment, scored_at) to a new list. */
static crm_status collect(crm_store *store, const char *sql, crm_scores **out,
                          crm_diags *diags)
{
    sqlite3_stmt *q = NULL;
    crm_scores *list = crm_scores_new();
    crm_status st = CRM_OK;
    int rc = 0;

    *out = NULL;
    if (list == NULL) {
        return CRM_ENOMEM;
    }
    if (sqlite3_prepare_v2(store->db, sql, -1, &q, NULL) != SQLITE_OK) {
        crm_scores_free(list);
        return crm__store_error(store, diags, "cannot read the panel");
    }
    while (st == CRM_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        crm_panel_score s;

        memset(&s, 0, sizeof(s));
        s.evaluator = crm__store_column(q, 0);
        s.role = crm__store_column(q, 1);
        if (sqlite3_column_count(q) > 2) {
            s.vendor = crm__store_column(q, 2);
            s.criterion = crm__store_column(q, 3);
            s.value = crm__store_column(q, 4);
            s.comment = crm__store_column(q, 5);
            s.scored_at = crm__store_column(q, 6);
        }
        st = crm_scores_add(list, &s);
    }
    if (st == CRM_OK && rc != SQLITE_DONE) {
        st = crm__store_error(store, diags, "cannot read the panel");
    }
    sqlite3_finalize(q);
    if (st != CRM_OK) {
        crm_scores_free(list);
        return st;
    }
    *out = list;
    return CRM_OK;
}

crm_status crm_store_scores(crm_store *store, crm_scores **out, crm_diags *diags)
{
    return collect(store,
                   "SELECT e.name, e.role, s.vendor, s.criterion, s.value, s.comment, "
                   "s.scored_at FROM scores s JOIN evaluators e ON e.id = s.evaluator_id "
                   "ORDER BY e.name, s.vendor, s.criterion",
                   out, diags);
}

crm_status crm_store_evaluators(crm_store *store, crm_scores **out, crm_diags *diags)
{
    return collect(store, "SELECT name, role FROM evaluators ORDER BY name", out, diags);
}

/* Run @p sql with the cells asked for bound to ?1 (vendor) and ?2
 * (criterion), either NULL for all, and print each row with @p print
 * (told how many rows came before); *@p rows counts them. @p what names
 * the query in a message. */
static crm_status print_rows(crm_store *store, const char *sql, const char *vendor,
                             const char *criterion, void (*print)(sqlite3_stmt *, size_t, FILE *),
                             FILE *out, size_t *rows, const char *what, crm_diags *diags)
{
    sqlite3_stmt *q = NULL;
    int rc = 0;

    *rows = 0;
    if (sqlite3_prepare_v2(store->db, sql, -1, &q, NULL) != SQLITE_OK) {
        return crm__store_error(store, diags, what);
    }
    if (!crm__store_bind_text(q, 1, vendor) || !crm__store_bind_text(q, 2, criterion)) {
        /* unbound is NULL, which would list every cell */
        sqlite3_finalize(q);
        return CRM_ENOMEM;
    }
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        print(q, (*rows)++, out);
    }
    sqlite3_finalize(q);
    return rc == SQLITE_DONE ? CRM_OK : crm__store_error(store, diags, what);
}

/* Column @p k of @p q as a terminal can show it: a line break or an
 * escape sequence in a name or comment is printed escaped, not obeyed. */
static const char *shown(sqlite3_stmt *q, int k, char *buf, size_t size)
{
    const char *v = crm__store_column(q, k);

    return crm__tty(buf, size, v ? v : "");
}

/* One value of the trail (vendor, criterion, evaluator, value, scored_at,
 * replaced_at, source, comment), under a header before the first. */
static void print_trail_row(sqlite3_stmt *q, size_t before, FILE *out)
{
    const char *replaced = crm__store_column(q, 5), *comment = crm__store_column(q, 7);
    char b[8][1024];

    if (before == 0) {
        fprintf(out, "%-16s %-32s %-16s %-8s %-20s  %-20s  %s\n", "vendor", "criterion",
                "evaluator", "value", "scored (UTC)", "replaced", "source; comment");
    }
    fprintf(out, "%-16s %-32s %-16s %-8s %-20s  %-20s  %s%s%s\n", shown(q, 0, b[0], sizeof(b[0])),
            shown(q, 1, b[1], sizeof(b[1])), shown(q, 2, b[2], sizeof(b[2])),
            shown(q, 3, b[3], sizeof(b[3])), shown(q, 4, b[4], sizeof(b[4])),
            replaced ? shown(q, 5, b[5], sizeof(b[5])) : "current",
            shown(q, 6, b[6], sizeof(b[6])), comment ? "; " : "",
            comment ? shown(q, 7, b[7], sizeof(b[7])) : "");
}

/* One role change (changed_at, name, old_role, new_role, changed_by,
 * source), under a header before the first. */
static void print_role_change(sqlite3_stmt *q, size_t before, FILE *out)
{
    char b[6][1024];

    if (before == 0) {
        fprintf(out, "\nrole changes (each re-weights every score of that evaluator):\n");
    }
    fprintf(out, "%-20s  %-16s %s -> %s, by %s (%s)\n", shown(q, 0, b[0], sizeof(b[0])),
            shown(q, 1, b[1], sizeof(b[1])), shown(q, 2, b[2], sizeof(b[2])),
            shown(q, 3, b[3], sizeof(b[3])), shown(q, 4, b[4], sizeof(b[4])),
            shown(q, 5, b[5], sizeof(b[5])));
}

crm_status crm_store_score_trail(crm_store *store, const char *vendor, const char *criterion,
                                 FILE *out, crm_diags *diags)
{
    size_t rows = 0;
    crm_status st = print_rows(
        store,
        "SELECT vendor, criterion, e.name, value, scored_at, replaced_at, source, comment "
        "FROM (SELECT evaluator_id, vendor, criterion, value, comment, scored_at, source, "
        "             replaced_at, id AS seq FROM score_history "
        "      UNION ALL "
        "      SELECT evaluator_id, vendor, criterion, value, comment, scored_at, source, "
        "             NULL, NULL FROM scores) t "
        "JOIN evaluators e ON e.id = t.evaluator_id "
        "WHERE (?1 IS NULL OR vendor = ?1) AND (?2 IS NULL OR criterion = ?2) "
        /* history in the order it was written, the current value last */
        "ORDER BY vendor, criterion, e.name, seq IS NULL, seq",
        vendor, criterion, print_trail_row, out, &rows, "cannot read the audit trail", diags);

    if (st != CRM_OK) {
        return st;
    }
    if (rows == 0) {
        fprintf(out, "no scores recorded%s\n", vendor || criterion ? " for that" : "");
    }
    /* the role changes of the evaluators who scored those cells, oldest
     * first: each re-weights every score that evaluator gave */
    return print_rows(store,
                      "SELECT r.changed_at, e.name, r.old_role, r.new_role, r.changed_by, "
                      "r.source FROM role_changes r JOIN evaluators e ON e.id = r.evaluator_id "
                      "WHERE r.evaluator_id IN ("
                      "  SELECT evaluator_id FROM scores "
                      "  WHERE (?1 IS NULL OR vendor = ?1) AND (?2 IS NULL OR criterion = ?2) "
                      "  UNION SELECT evaluator_id FROM score_history "
                      "  WHERE (?1 IS NULL OR vendor = ?1) AND (?2 IS NULL OR criterion = ?2)) "
                      "ORDER BY r.id",
                      vendor, criterion, print_role_change, out, &rows,
                      "cannot read the role changes", diags);
}
