/* Inside the workspace database: shared by store.c (runs) and scores.c
 * (the panel). */
#ifndef CRM_STORE_STORE_IMPL_H
#define CRM_STORE_STORE_IMPL_H

#include <sqlite3.h>
#include <stdbool.h>

#include "crmeval/store.h"

struct crm_store {
    sqlite3 *db;
    char *path;
};

/* Migration k takes the schema from version k to k + 1. A migration is
 * never changed once released: old workspaces were made by it. */
extern const char *const crm__store_migrations[CRM_STORE_SCHEMA_VERSION];

/* Report the database's last error as "@p what: message"; the status it
 * maps to (CRM_EINPUT for a damaged file, CRM_EIO). Out of memory is
 * CRM_ENOMEM, said by the status alone. */
crm_status crm__store_error(crm_store *s, crm_diags *diags, const char *what);
/* Bind text @p s (NULL: SQL NULL) to parameter @p i. SQLite copies the
 * text, which can run out of memory: false then, the parameter unset. */
bool crm__store_bind_text(sqlite3_stmt *q, int i, const char *s);
/* Run @p sql (no parameters); false on any error. */
bool crm__store_exec(sqlite3 *db, const char *sql);
/* Column @p i of the current row as text (NULL for NULL). */
const char *crm__store_column(sqlite3_stmt *st, int i);
/* The time now, UTC, ISO 8601 ("2026-11-23T18:00:00Z"). */
void crm__store_now(char buf[32]);

#endif
