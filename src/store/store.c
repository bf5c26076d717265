/*
 * The workspace database (include/crmeval/store.h, docs/workspace.md).
 * Every statement is prepared with parameters; every write runs inside
 * BEGIN IMMEDIATE ... COMMIT, so a process killed mid-write leaves the
 * database as it was before (SQLite's journal rolls the rest back).
 */
#include "crmeval/store.h"
#include "store/store_impl.h"
#include "util/strutil.h"
#include "score/score.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/fileio.h"
#include "util/output.h"

/* "CRME": marks the file as a crmeval workspace (PRAGMA application_id) */
#define APPLICATION_ID 0x43524d45
#define BUSY_TIMEOUT_MS 10000

const char *const crm__store_migrations[CRM_STORE_SCHEMA_VERSION] = {
    "CREATE TABLE runs ("
    "  id INTEGER PRIMARY KEY,"
    "  recorded_at TEXT NOT NULL,"
    "  evaluation TEXT NOT NULL,"
    "  title TEXT NOT NULL,"
    "  inputs_digest TEXT NOT NULL,"
    "  settings TEXT NOT NULL,"
    "  winner TEXT,"
    "  report TEXT NOT NULL);"
    "CREATE TABLE run_inputs ("
    "  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  role TEXT NOT NULL,"
    "  path TEXT NOT NULL,"
    "  sha256 TEXT NOT NULL,"
    "  PRIMARY KEY (run_id, position));",

    /* 2: the panel. A changed score keeps its old value in score_history
     * (the trigger), stamped with when it was replaced. */
    "CREATE TABLE evaluators ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE,"
    "  role TEXT NOT NULL CHECK (role IN ('it', 'sales', 'service', 'finance', 'management')),"
    "  added_at TEXT NOT NULL);"
    "CREATE TABLE scores ("
    "  evaluator_id INTEGER NOT NULL REFERENCES evaluators(id),"
    "  vendor TEXT NOT NULL,"
    "  criterion TEXT NOT NULL,"
    "  value TEXT NOT NULL,"
    "  comment TEXT,"
    "  scored_at TEXT NOT NULL,"
    "  source TEXT NOT NULL,"
    "  PRIMARY KEY (evaluator_id, vendor, criterion));"
    "CREATE TABLE score_history ("
    "  id INTEGER PRIMARY KEY,"
    "  evaluator_id INTEGER NOT NULL REFERENCES evaluators(id),"
    "  vendor TEXT NOT NULL,"
    "  criterion TEXT NOT NULL,"
    "  value TEXT NOT NULL,"
    "  comment TEXT,"
    "  scored_at TEXT NOT NULL,"
    "  source TEXT NOT NULL,"
    "  replaced_at TEXT NOT NULL);"
    "CREATE TRIGGER scores_keep_old BEFORE UPDATE ON scores BEGIN"
    "  INSERT INTO score_history (evaluator_id, vendor, criterion, value, comment,"
    "                             scored_at, source, replaced_at)"
    "  VALUES (OLD.evaluator_id, OLD.vendor, OLD.criterion, OLD.value, OLD.comment,"
    "          OLD.scored_at, OLD.source, NEW.scored_at);"
    "END;",

    /* 3: the audit trail kept whole. A change of an evaluator's role (it
     * re-weights every score they gave) is recorded with who made it,
     * when and where; the triggers refuse what would rewrite the trail
     * outside crmeval's own paths (a new score replacing the old, whose
     * row scores_keep_old moves to score_history; a role change recorded
     * first): deleting scores, history, role changes or evaluators,
     * moving a score to another cell, touching a score without a new
     * value or comment, renaming an evaluator, changing the history. */
    "CREATE TABLE role_changes ("
    "  id INTEGER PRIMARY KEY,"
    "  evaluator_id INTEGER NOT NULL REFERENCES evaluators(id),"
    "  old_role TEXT NOT NULL,"
    "  new_role TEXT NOT NULL,"
    "  changed_at TEXT NOT NULL,"
    "  changed_by TEXT NOT NULL,"
    "  source TEXT NOT NULL);"
    "CREATE TRIGGER evaluators_role_change_recorded BEFORE UPDATE OF role ON evaluators"
    "  WHEN NEW.role IS NOT OLD.role AND NOT EXISTS ("
    "    SELECT 1 FROM role_changes WHERE id = (SELECT max(id) FROM role_changes)"
    "      AND evaluator_id = OLD.id AND old_role = OLD.role AND new_role = NEW.role)"
    "  BEGIN SELECT RAISE(ABORT, 'a role changes only with a row in role_changes saying"
    " who changed it and when'); END;"
    "CREATE TRIGGER evaluators_keep_identity BEFORE UPDATE OF id, name ON evaluators"
    "  WHEN NEW.id IS NOT OLD.id OR NEW.name IS NOT OLD.name"
    "  BEGIN SELECT RAISE(ABORT, 'an evaluator is never renamed: their scores would"
    " change hands'); END;"
    "CREATE TRIGGER evaluators_never_deleted BEFORE DELETE ON evaluators"
    "  BEGIN SELECT RAISE(ABORT, 'evaluators are never deleted: the audit trail names"
    " them'); END;"
    "CREATE TRIGGER scores_never_deleted BEFORE DELETE ON scores"
    "  BEGIN SELECT RAISE(ABORT, 'scores are never deleted: a new score replaces the old,"
    " which stays in score_history'); END;"
    "CREATE TRIGGER scores_stay_in_their_cell"
    "  BEFORE UPDATE OF evaluator_id, vendor, criterion ON scores"
    "  WHEN NEW.evaluator_id IS NOT OLD.evaluator_id OR NEW.vendor IS NOT OLD.vendor"
    "    OR NEW.criterion IS NOT OLD.criterion"
    "  BEGIN SELECT RAISE(ABORT, 'a score never moves to another evaluator, vendor or"
    " criterion'); END;"
    "CREATE TRIGGER scores_replaced_by_new_values BEFORE UPDATE ON scores"
    "  WHEN NEW.value IS OLD.value AND NEW.comment IS OLD.comment"
    "  BEGIN SELECT RAISE(ABORT, 'a score is replaced only by a new value or comment'); END;"
    "CREATE TRIGGER score_history_never_changed BEFORE UPDATE ON score_history"
    "  BEGIN SELECT RAISE(ABORT, 'the audit trail is never changed'); END;"
    "CREATE TRIGGER score_history_never_deleted BEFORE DELETE ON score_history"
    "  BEGIN SELECT RAISE(ABORT, 'the audit trail is never deleted'); END;"
    "CREATE TRIGGER role_changes_never_changed BEFORE UPDATE ON role_changes"
    "  BEGIN SELECT RAISE(ABORT, 'the audit trail is never changed'); END;"
    "CREATE TRIGGER role_changes_never_deleted BEFORE DELETE ON role_changes"
    "  BEGIN SELECT RAISE(ABORT, 'the audit trail is never deleted'); END;",
};

void crm__store_now(char buf[32])
{
    time_t t = time(NULL);
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

crm_status crm__store_error(crm_store *s, crm_diags *diags, const char *what)
{
    int code = sqlite3_errcode(s->db);

    if (code == SQLITE_NOMEM) {
        return CRM_ENOMEM;
    }
    crm_diags_add(diags, CRM_SEV_ERROR, s->path, 0, 0, "%s: %s", what,
                  sqlite3_errmsg(s->db));
    return code == SQLITE_NOTADB || code == SQLITE_CORRUPT ? CRM_EINPUT : CRM_EIO;
}

bool crm__store_bind_text(sqlite3_stmt *q, int i, const char *s)
{
    return (s != NULL ? sqlite3_bind_text(q, i, s, -1, SQLITE_TRANSIENT)
                      : sqlite3_bind_null(q, i)) == SQLITE_OK;
}

bool crm__store_exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

/*
 * SQLite's allocations go through its default allocator with a note of a
 * failure: SQLite reports some failed allocations as something else (a
 * page PRAGMA quick_check could not load is "damage" to the file, not
 * SQLITE_NOMEM). Installed once, before SQLite is first used; when the
 * program had started SQLite already, sqlite3_config refuses and there is
 * no note. Per thread, like the connections that use it.
 */
static sqlite3_mem_methods sqlite_default;
static _Thread_local bool sqlite_failed;

static void *sqlite_malloc(int size)
{
    void *p = sqlite_default.xMalloc(size);

    sqlite_failed = sqlite_failed || p == NULL;
    return p;
}

static void *sqlite_realloc(void *old, int size)
{
    void *p = sqlite_default.xRealloc(old, size);

    sqlite_failed = sqlite_failed || (p == NULL && size > 0);
    return p;
}

/* Install the noting allocator above around SQLite's default one (run once
 * through pthread_once). If SQLite was already started, it is left as is. */
static void sqlite_note_failures(void)
{
    sqlite3_mem_methods methods;

    if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &sqlite_default) != SQLITE_OK) {
        return;
    }
    methods = sqlite_default;
    methods.xMalloc = sqlite_malloc;
    methods.xRealloc = sqlite_realloc;
    sqlite3_config(SQLITE_CONFIG_MALLOC, &methods);
}

/* Read the schema version, and check the file is ours and not newer. One
 * statement, so the three facts come from one snapshot of the file. */
static crm_status read_version(crm_store *s, long long *version, crm_diags *diags)
{
    long long app = 0, tables = 0;
    sqlite3_stmt *q = NULL;
    bool ok = false;

    if (sqlite3_prepare_v2(s->db,
                           "SELECT (SELECT user_version FROM pragma_user_version), "
                           "(SELECT application_id FROM pragma_application_id), "
                           "(SELECT count(*) FROM sqlite_schema)",
                           -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW) {
        *version = sqlite3_column_int64(q, 0);
        app = sqlite3_column_int64(q, 1);
        tables = sqlite3_column_int64(q, 2);
        ok = true;
    }
    sqlite3_finalize(q);
    if (!ok) {
        return crm__store_error(s, diags, "cannot read the database (is it a crmeval workspace?)");
    }
    if (app != APPLICATION_ID && (app != 0 || tables > 0)) {
        crm_diags_add(diags, CRM_SEV_ERROR, s->path, 0, 0,
                      "this SQLite database is not a crmeval workspace");
        return CRM_EINPUT;
    }
    if (*version > CRM_STORE_SCHEMA_VERSION) {
        crm_diags_add(diags, CRM_SEV_ERROR, s->path, 0, 0,
                      "this workspace has schema version %lld, newer than this "
                      "crmeval's %d: use a newer crmeval",
                      *version, CRM_STORE_SCHEMA_VERSION);
        return CRM_EINPUT;
    }
    return CRM_OK;
}

/*
 * Switch to WAL (a setting of the file, kept once made). Changing the
 * journal mode does not wait on the busy handler, so when another process
 * holds the file at that moment, wait and try again.
 */
static bool use_wal(sqlite3 *db)
{
    int tries = 0;

    for (;;) {
        sqlite3_stmt *q = NULL;
        int rc = sqlite3_prepare_v2(db, "PRAGMA journal_mode = WAL", -1, &q, NULL);

        if (rc == SQLITE_OK) {
            rc = sqlite3_step(q);
        }
        sqlite3_finalize(q);
        if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
            return true;
        }
        if (rc != SQLITE_BUSY || ++tries > BUSY_TIMEOUT_MS / 20) {
            return false;
        }
        sqlite3_sleep(20);
    }
}

/* Bring the database's schema up to CRM_STORE_SCHEMA_VERSION. The version
 * is read again under BEGIN IMMEDIATE, since another process may have
 * migrated meanwhile, and all steps run in one transaction, so a failed
 * migration leaves the file as it was. */
static crm_status migrate(crm_store *s, crm_diags *diags)
{
    long long version = 0;
    char sql[96];
    crm_status st = read_version(s, &version, diags);

    if (st != CRM_OK || version == CRM_STORE_SCHEMA_VERSION) {
        return st;
    }
    /* one transaction for all steps: a failed migration changes nothing.
     * Read the version again under the write lock: another process may
     * have migrated (or created) the file since. */
    if (!crm__store_exec(s->db, "BEGIN IMMEDIATE")) {
        return crm__store_error(s, diags, "cannot start the migration");
    }
    if ((st = read_version(s, &version, diags)) != CRM_OK ||
        version == CRM_STORE_SCHEMA_VERSION) {
        crm__store_exec(s->db, st == CRM_OK ? "COMMIT" : "ROLLBACK");
        return st;
    }
    for (; version < CRM_STORE_SCHEMA_VERSION; version++) {
        if (!crm__store_exec(s->db, crm__store_migrations[version])) {
            st = crm__store_error(s, diags, "migration failed");
            crm__store_exec(s->db, "ROLLBACK");
            return st;
        }
    }
    snprintf(sql, sizeof(sql), "PRAGMA user_version = %d; PRAGMA application_id = %d",
             CRM_STORE_SCHEMA_VERSION, APPLICATION_ID);
    if (!crm__store_exec(s->db, sql) || !crm__store_exec(s->db, "COMMIT")) {
        st = crm__store_error(s, diags, "migration failed");
        crm__store_exec(s->db, "ROLLBACK");
    }
    return st;
}

/*
 * Open the database file SQLite finds at @p path (a "file:" URI when
 * @p flags has SQLITE_OPEN_URI) into a new handle whose messages name
 * @p shown, and read it once: a file that is not SQLite, or a damaged
 * one, fails here. A read-write handle switches the file to WAL. *rc gets
 * SQLite's code for the failure.
 */
static crm_status open_handle(crm_store **out, const char *path, const char *shown, int flags,
                              int *rc, crm_diags *diags)
{
    crm_store *s = calloc(1, sizeof(*s));
    bool read_only = (flags & SQLITE_OPEN_READONLY) != 0;
    sqlite3_stmt *q = NULL;
    crm_status st = CRM_OK;

    *out = NULL;
    *rc = SQLITE_OK;
    if (s == NULL || (s->path = malloc(strlen(shown) + 1)) == NULL) {
        free(s);
        return CRM_ENOMEM;
    }
    strcpy(s->path, shown);
    if ((*rc = sqlite3_open_v2(path, &s->db, flags, NULL)) != SQLITE_OK) {
        if (s->db == NULL || *rc == SQLITE_NOMEM) {
            crm_store_close(s);
            return CRM_ENOMEM;
        }
        crm_diags_add(diags, CRM_SEV_ERROR, shown, 0, 0,
                      "cannot open the workspace database: %s", sqlite3_errmsg(s->db));
        crm_store_close(s);
        return (flags & SQLITE_OPEN_CREATE) ? CRM_EIO : CRM_EINPUT;
    }
    sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
    sqlite3_extended_result_codes(s->db, 0);
    if (!crm__store_exec(s->db, "PRAGMA foreign_keys = ON") || (!read_only && !use_wal(s->db))) {
        st = crm__store_error(s, diags, "cannot use the workspace database");
    }
    /* quick_check answers "ok", or lists the damage; a page it could not
     * load for lack of memory is no damage (sqlite_failed) */
    sqlite_failed = false;
    if (st == CRM_OK &&
        (sqlite3_prepare_v2(s->db, "PRAGMA quick_check", -1, &q, NULL) != SQLITE_OK ||
         sqlite3_step(q) != SQLITE_ROW)) {
        st = crm__store_error(s, diags, "cannot use the workspace database");
    } else if (st == CRM_OK && sqlite_failed) {
        st = CRM_ENOMEM;
    } else if (st == CRM_OK && (crm__store_column(q, 0) == NULL ||
                                strcmp(crm__store_column(q, 0), "ok") != 0)) {
        crm_diags_add(diags, CRM_SEV_ERROR, shown, 0, 0, "the workspace database is damaged: %s",
                      crm__store_column(q, 0) ? crm__store_column(q, 0) : "?");
        st = CRM_EINPUT;
    }
    sqlite3_finalize(q);
    if (st != CRM_OK) {
        *rc = sqlite3_errcode(s->db);
        crm_store_close(s);
        return st;
    }
    *out = s;
    return CRM_OK;
}

/* Open @p path read-write and migrate it to this crmeval's schema. */
static crm_status open_write(crm_store **out, const char *path, const char *shown,
                             crm_diags *diags)
{
    int rc = 0;
    crm_status st = open_handle(out, path, shown, SQLITE_OPEN_READWRITE, &rc, diags);

    if (st == CRM_OK && (st = migrate(*out, diags)) != CRM_OK) {
        crm_store_close(*out);
        *out = NULL;
    }
    return st;
}

/* "file:PATH?mode=ro&immutable=1", PATH percent-encoded as SQLite's URIs
 * want; NULL when out of memory. */
static char *immutable_uri(const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = strlen(path);
    char *uri = malloc(3 * n + 32), *o = uri;
    const unsigned char *p = (const unsigned char *)path;

    if (uri == NULL) {
        return NULL;
    }
    memcpy(o, "file:", 5);
    o += 5;
    for (; *p != '\0'; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p) != NULL) {
            *o++ = (char)*p;
        } else {
            *o++ = '%';
            *o++ = hex[*p >> 4];
            *o++ = hex[*p & 15];
        }
    }
    memcpy(o, "?mode=ro&immutable=1", sizeof("?mode=ro&immutable=1"));
    return uri;
}

/* Add every diagnostic of @p from to @p to. */
static void diags_copy(crm_diags *to, const crm_diags *from)
{
    size_t i;

    for (i = 0; i < crm_diags_count(from); i++) {
        const crm_diag *d = crm_diags_get(from, i);

        crm_diags_add(to, d->severity, d->file, d->line, d->column, "%s", d->message);
    }
}

/*
 * A read-only handle. A WAL database needs its -shm index, which SQLite
 * makes beside the file: in a directory we may not write, with no -shm
 * and no -wal left (the last writer closed cleanly), that fails. With no
 * -wal, every committed change is in the database file itself and no one
 * has it open (a writer keeps a -wal), so it is then read as immutable,
 * without the index: the one risk, documented, is a writer starting in
 * the very moment of the read.
 */
static crm_status open_read_handle(crm_store **out, const char *path, crm_diags *diags)
{
    crm_diags *first = crm_diags_new(0);
    char *wal = NULL, *dir = NULL, *uri = NULL;
    const char *slash = strrchr(path, '/');
    int rc = 0;
    crm_status st = CRM_OK;

    if (first == NULL) {
        return CRM_ENOMEM;
    }
    st = open_handle(out, path, path, SQLITE_OPEN_READONLY, &rc, first);
    if (st != CRM_OK && ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN)) {
        size_t wal_size = strlen(path) + 8, dir_size = slash ? (size_t)(slash - path) + 2 : 0;

        wal = malloc(wal_size);
        dir = slash == NULL ? NULL : malloc(dir_size);
        if (wal == NULL || (slash != NULL && dir == NULL)) {
            st = CRM_ENOMEM;
        } else {
            snprintf(wal, wal_size, "%s-wal", path);
            if (dir != NULL) {
                snprintf(dir, dir_size, "%.*s", slash == path ? 1 : (int)(slash - path), path);
            }
            if (access(wal, F_OK) != 0 && access(dir ? dir : ".", W_OK) != 0) {
                uri = immutable_uri(path);
                st = uri == NULL ? CRM_ENOMEM
                                 : open_handle(out, uri, path,
                                               SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, &rc,
                                               diags);
                crm_diags_free(first);
                first = NULL;
            }
        }
    }
    if (first != NULL) {
        diags_copy(diags, first);
        crm_diags_free(first);
    }
    free(wal);
    free(dir);
    free(uri);
    return st;
}

/* Open @p path to read. A workspace of an older schema is upgraded first,
 * once, through a read-write handle (which needs write access). */
static crm_status open_read(crm_store **out, const char *path, crm_diags *diags)
{
    long long version = 0;
    crm_store *w = NULL;
    crm_status st = open_read_handle(out, path, diags);

    if (st == CRM_OK) {
        st = read_version(*out, &version, diags);
    }
    if (st == CRM_OK && version < CRM_STORE_SCHEMA_VERSION) {
        crm_store_close(*out);
        *out = NULL;
        st = open_write(&w, path, path, diags);
        crm_store_close(w);
        if (st != CRM_OK) {
            crm_diags_add(diags, CRM_SEV_NOTE, path, 0, 0,
                          "this workspace has schema version %lld: a crmeval with write "
                          "access must open it once to upgrade it to version %d",
                          version, CRM_STORE_SCHEMA_VERSION);
        } else {
            st = open_read_handle(out, path, diags);
        }
    }
    if (st != CRM_OK) {
        crm_store_close(*out);
        *out = NULL;
    }
    return st;
}

/*
 * Make a new database at @p path whole: built and migrated in a temporary
 * beside it, closed (so everything is in the one file), then linked into
 * place, which fails if someone made @p path meanwhile (then theirs is
 * used). So a database crmeval made is never an empty file, and an empty
 * file at a database's path is never crmeval's. Without hard links (some
 * file systems), a rename, if the path is still free.
 */
static crm_status create_whole(const char *path, crm_diags *diags)
{
    static const char *const beside[] = { "-wal", "-shm", "-journal" };
    struct crm_live *tmp = NULL, *side[3] = { NULL, NULL, NULL };
    crm_store *s = NULL;
    char name[4200], ebuf[160];
    crm_status st = CRM_OK;
    int fd = crm__temp_create(path, &tmp), err = errno;
    size_t i;

    if (fd < 0) {
        crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0, "cannot create the workspace database: %s",
                      crm__errno_text(err, ebuf, sizeof(ebuf)));
        return err == ENOMEM ? CRM_ENOMEM : CRM_EIO;
    }
    fchmod(fd, crm__new_file_mode()); /* 0600 while it is being made */
    close(fd);
    for (i = 0; i < 3; i++) {
        snprintf(name, sizeof(name), "%s%s", crm__live_path(tmp), beside[i]);
        if ((side[i] = crm__live_add(name)) == NULL) {
            st = CRM_ENOMEM;
        }
    }
    if (st == CRM_OK) {
        st = open_write(&s, crm__live_path(tmp), path, diags);
        crm_store_close(s);
    }
    if (st == CRM_OK && link(crm__live_path(tmp), path) != 0 && errno != EEXIST &&
        access(path, F_OK) != 0 && rename(crm__live_path(tmp), path) != 0) {
        crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0, "cannot create the workspace database: %s",
                      crm__errno_text(errno, ebuf, sizeof(ebuf)));
        st = CRM_EIO;
    }
    unlink(crm__live_path(tmp));
    crm__live_forget(tmp);
    for (i = 0; i < 3; i++) {
        if (side[i] != NULL) {
            unlink(crm__live_path(side[i]));
            crm__live_forget(side[i]);
        }
    }
    return st;
}

crm_status crm_store_open(crm_store **out, const char *path, crm_store_mode mode,
                          crm_diags *diags)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    struct stat sb;
    crm_status st = CRM_OK;

    *out = NULL;
    pthread_once(&once, sqlite_note_failures);
    /* never turn a file the user did not ask crmeval to make into a
     * database: crmeval makes them whole (create_whole), never empty */
    if (stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 0) {
        crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0,
                      "is an empty file, not a crmeval workspace database; crmeval makes a "
                      "database only where there is no file (remove this one, or name "
                      "another)");
        return CRM_EINPUT;
    }
    if (mode == CRM_STORE_READ) {
        return open_read(out, path, diags);
    }
    if (mode == CRM_STORE_CREATE && lstat(path, &sb) != 0 && errno == ENOENT &&
        (st = create_whole(path, diags)) != CRM_OK) {
        return st;
    }
    return open_write(out, path, path, diags);
}

/* Close the connection and free the handle; NULL is a no-op. */
void crm_store_close(crm_store *store)
{
    if (store == NULL) {
        return;
    }
    sqlite3_close(store->db);
    free(store->path);
    free(store);
}

crm_status crm_store_protect(crm_outputs *outputs, const char *path, crm_diags *diags)
{
    static const char *const beside[][2] = {
        { "", "the workspace database" },
        { "-wal", "the workspace database's write-ahead log" },
        { "-shm", "the workspace database's shared-memory index" },
        { "-journal", "the workspace database's rollback journal" },
    };
    char name[4200];
    crm_status st = CRM_OK;
    size_t i;

    for (i = 0; st == CRM_OK && i < sizeof(beside) / sizeof(beside[0]); i++) {
        snprintf(name, sizeof(name), "%s%s", path, beside[i][0]);
        st = crm_outputs_protect(outputs, name, beside[i][1], diags);
    }
    return st;
}

crm_status crm_store_begin(crm_store *store, crm_diags *diags)
{
    return crm__store_exec(store->db, "BEGIN IMMEDIATE")
               ? CRM_OK
               : crm__store_error(store, diags, "cannot write to the workspace database");
}

crm_status crm_store_commit(crm_store *store, crm_diags *diags)
{
    crm_status st = CRM_OK;

    if (!crm__store_exec(store->db, "COMMIT")) {
        st = crm__store_error(store, diags, "cannot write to the workspace database");
        crm__store_exec(store->db, "ROLLBACK");
    }
    return st;
}

void crm_store_rollback(crm_store *store)
{
    if (store != NULL && !sqlite3_get_autocommit(store->db)) {
        crm__store_exec(store->db, "ROLLBACK");
    }
}

crm_status crm_store_record_run(crm_store *store, const crm_run_record *record,
                                long long *run_id, crm_diags *diags)
{
    sqlite3_stmt *run = NULL, *input = NULL;
    bool own = sqlite3_get_autocommit(store->db) != 0; /* else the caller's transaction */
    char now[32];
    crm_status st = CRM_OK;
    size_t i;

    *run_id = 0;
    if (record->evaluation == NULL || record->title == NULL || record->inputs_digest == NULL ||
        record->settings == NULL || record->report == NULL ||
        (record->files == NULL && record->file_count > 0)) {
        crm_diags_add(diags, CRM_SEV_ERROR, store->path, 0, 0,
                      "cannot record the run: its evaluation, title, settings, input "
                      "digest or report is missing");
        return CRM_EINPUT;
    }
    crm__store_now(now);
    if (own && !crm__store_exec(store->db, "BEGIN IMMEDIATE")) {
        return crm__store_error(store, diags, "cannot record the run");
    }
    if (sqlite3_prepare_v2(store->db,
                           "INSERT INTO runs (recorded_at, evaluation, title, "
                           "inputs_digest, settings, winner, report) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                           -1, &run, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(store->db,
                           "INSERT INTO run_inputs (run_id, position, role, path, sha256) "
                           "VALUES (?1, ?2, ?3, ?4, ?5)",
                           -1, &input, NULL) != SQLITE_OK) {
        st = crm__store_error(store, diags, "cannot record the run");
        goto done;
    }
    if (!crm__store_bind_text(run, 1, now) || !crm__store_bind_text(run, 2, record->evaluation) ||
        !crm__store_bind_text(run, 3, record->title) ||
        !crm__store_bind_text(run, 4, record->inputs_digest) ||
        !crm__store_bind_text(run, 5, record->settings) ||
        !crm__store_bind_text(run, 6, record->winner) ||
        !crm__store_bind_text(run, 7, record->report) || sqlite3_step(run) != SQLITE_DONE) {
        st = crm__store_error(store, diags, "cannot record the run");
        goto done;
    }
    *run_id = sqlite3_last_insert_rowid(store->db);
    for (i = 0; i < record->file_count; i++) {
        const crm_run_file *file = &record->files[i];

        if (file->role == NULL || file->path == NULL || file->sha256 == NULL) {
            continue;
        }
        sqlite3_reset(input);
        sqlite3_bind_int64(input, 1, *run_id);
        sqlite3_bind_int64(input, 2, (sqlite3_int64)i);
        if (!crm__store_bind_text(input, 3, file->role) ||
            !crm__store_bind_text(input, 4, file->path) ||
            !crm__store_bind_text(input, 5, file->sha256) || sqlite3_step(input) != SQLITE_DONE) {
            st = crm__store_error(store, diags, "cannot record the run's inputs");
            goto done;
        }
    }
    if (own && !crm__store_exec(store->db, "COMMIT")) {
        st = crm__store_error(store, diags, "cannot record the run");
    }
done:
    sqlite3_finalize(run);
    sqlite3_finalize(input);
    if (st != CRM_OK) {
        if (own) {
            crm__store_exec(store->db, "ROLLBACK");
        }
        *run_id = 0;
    }
    return st;
}

crm_status crm_store_record_result(crm_store *store, const char *evaluation,
                                   const char *settings, const crm_result *result,
                                   const char *report, long long *run_id, crm_diags *diags)
{
    const struct crm_evaluation *ev = result->ev;
    crm_run_record record;
    crm_run_file *files = NULL;
    crm_status st = CRM_OK;
    size_t i;

    if (ev->input_count > 0) {
        files = calloc(ev->input_count, sizeof(*files));
        if (files == NULL) {
            return CRM_ENOMEM;
        }
    }
    for (i = 0; i < ev->input_count; i++) {
        files[i].role = ev->inputs[i].role;
        files[i].path = ev->inputs[i].path;
        files[i].sha256 = ev->inputs[i].sha256;
    }
    memset(&record, 0, sizeof(record));
    record.evaluation = evaluation;
    record.settings = settings;
    record.title = ev->title;
    record.inputs_digest = ev->digest;
    record.winner = result->vendor_count > 0 ? result->vendors[result->order[0]].vendor->id
                                             : NULL;
    record.files = files;
    record.file_count = ev->input_count;
    record.report = report;
    st = crm_store_record_run(store, &record, run_id, diags);
    free(files);
    return st;
}

const char *crm__store_column(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

crm_status crm_store_history(crm_store *store,
                             void (*each)(const crm_run_info *run, void *payload),
                             void *payload, crm_diags *diags)
{
    sqlite3_stmt *st = NULL;
    int rc = 0;

    if (sqlite3_prepare_v2(store->db,
                           "SELECT id, recorded_at, evaluation, title, winner, "
                           "inputs_digest FROM runs ORDER BY id DESC",
                           -1, &st, NULL) != SQLITE_OK) {
        return crm__store_error(store, diags, "cannot read the history");
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        crm_run_info info;

        info.id = sqlite3_column_int64(st, 0);
        info.recorded_at = crm__store_column(st, 1);
        info.evaluation = crm__store_column(st, 2);
        info.title = crm__store_column(st, 3);
        info.winner = crm__store_column(st, 4);
        info.inputs_digest = crm__store_column(st, 5);
        each(&info, payload);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        return crm__store_error(store, diags, "cannot read the history");
    }
    return CRM_OK;
}

/* ---- a recorded run's report ---- */

crm_status crm_store_run_report(crm_store *store, long long id, char **report,
                                crm_diags *diags)
{
    sqlite3_stmt *q = NULL;
    crm_status st = CRM_OK;
    int rc = 0;

    *report = NULL;
    if (sqlite3_prepare_v2(store->db, "SELECT report FROM runs WHERE id = ?1", -1, &q,
                           NULL) != SQLITE_OK) {
        return crm__store_error(store, diags, "cannot read the run");
    }
    sqlite3_bind_int64(q, 1, id);
    rc = sqlite3_step(q);
    if (rc == SQLITE_ROW) {
        const char *text = crm__store_column(q, 0);

        *report = text != NULL ? strdup(text) : NULL;
        if (text != NULL && *report == NULL) {
            st = CRM_ENOMEM;
        } else if (text == NULL) {
            crm_diags_add(diags, CRM_SEV_ERROR, store->path, 0, 0,
                          "run %lld holds no report", id);
            st = CRM_EINPUT;
        }
    } else if (rc == SQLITE_DONE) {
        crm_diags_add(diags, CRM_SEV_ERROR, store->path, 0, 0, "there is no run %lld", id);
        st = CRM_EINPUT;
    } else {
        st = crm__store_error(store, diags, "cannot read the run");
    }
    sqlite3_finalize(q);
    return st;
}
