/**
 * @file store.h
 * The workspace database (docs/workspace.md): one SQLite file that keeps
 * what evaluation runs produced. Schema versioned by migrations
 * (PRAGMA user_version), foreign keys on, WAL, a busy timeout so that two
 * processes can write at once, every write in a transaction, parameterised
 * statements only.
 *
 * Ownership: crm_store_open returns a handle that crm_store_close frees;
 * strings passed to callbacks live until the callback returns.
 */
#ifndef CRMEVAL_STORE_H
#define CRMEVAL_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "crmeval/error.h"
#include "crmeval/output.h"
#include "crmeval/panel.h"
#include "crmeval/result.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct crm_store crm_store;

/** The schema version this crmeval writes. */
#define CRM_STORE_SCHEMA_VERSION 3

/** How a command uses the workspace database. */
typedef enum crm_store_mode {
    /** Only read: opened read-only (SQLITE_OPEN_READONLY), so it works in
     * a directory the user may not write (see docs/workspace.md). */
    CRM_STORE_READ,
    /** Read and write a database that exists. */
    CRM_STORE_WRITE,
    /** Read and write, making the database when there is no file. */
    CRM_STORE_CREATE
} crm_store_mode;

/**
 * Open the workspace database at @p path as @p mode says, and migrate it
 * to CRM_STORE_SCHEMA_VERSION (a workspace of an older crmeval opened to
 * read is upgraded once through a read-write handle). A file that is not
 * SQLite, a database of another application, one from a newer crmeval or
 * a damaged one is an input error naming the file.
 * @return CRM_OK, CRM_EINPUT, CRM_EIO or CRM_ENOMEM; *out is NULL unless
 *         CRM_OK.
 */
crm_status crm_store_open(crm_store **out, const char *path, crm_store_mode mode,
                          crm_diags *diags);

void crm_store_close(crm_store *store);

/**
 * Protect in @p outputs the workspace database at @p path and the files
 * SQLite keeps beside it (-wal, -shm, -journal), made yet or not, so that
 * no output replaces them. @return CRM_OK or CRM_ENOMEM.
 */
crm_status crm_store_protect(crm_outputs *outputs, const char *path, crm_diags *diags);

/**
 * Start a write transaction (BEGIN IMMEDIATE: it waits up to the busy
 * timeout for another writer). crm_store_record_run then joins it and
 * nothing is written until crm_store_commit, so a caller can put other
 * work (its reports: crm_outputs_commit) between the two, all or nothing.
 * @return CRM_OK, CRM_EIO (locked, read-only, ...), CRM_ENOMEM.
 */
crm_status crm_store_begin(crm_store *store, crm_diags *diags);

/** Commit the transaction crm_store_begin started (rolled back when the
 * commit fails). @return CRM_OK, CRM_EIO, CRM_ENOMEM. */
crm_status crm_store_commit(crm_store *store, crm_diags *diags);

/** Roll back the transaction crm_store_begin started, if one is open.
 * NULL is a no-op. */
void crm_store_rollback(crm_store *store);

/** An input file of a recorded run. */
typedef struct crm_run_file {
    const char *role;   /**< "evaluation", "criteria", "vendor", ... */
    const char *path;   /**< as the report shows it */
    const char *sha256; /**< hex digest of its bytes */
} crm_run_file;

/** What crm_store_record_run writes: every pointer is borrowed and read
 * only during the call. */
typedef struct crm_run_record {
    const char *evaluation;    /**< the evaluation file as given */
    const char *settings;      /**< a short JSON object of the options that shaped it */
    const char *title;         /**< the evaluation's title */
    const char *inputs_digest; /**< SHA-256 over every input file */
    const char *winner;        /**< the first vendor's id, or NULL */
    const crm_run_file *files; /**< [file_count] */
    size_t file_count;
    const char *report;        /**< the JSON report, stored as is */
} crm_run_record;

/**
 * Record one evaluate run, @p record, indexed by title, winner and input
 * digests. In a transaction of its own, or in the caller's
 * (crm_store_begin), which the caller then commits or rolls back.
 * @return CRM_OK with *run_id set, CRM_EINPUT (a record without its
 *         evaluation, title, settings, digest or report), CRM_EIO (the
 *         database refused the write), CRM_ENOMEM.
 */
crm_status crm_store_record_run(crm_store *store, const crm_run_record *record,
                                long long *run_id, crm_diags *diags);

/**
 * Record the run that computed @p result (its evaluation's title, input
 * files and digest, its winner) from evaluation file @p evaluation, with
 * @p settings and the JSON report @p report rendered from it:
 * crm_store_record_run with the record filled in.
 */
crm_status crm_store_record_result(crm_store *store, const char *evaluation,
                                   const char *settings, const crm_result *result,
                                   const char *report, long long *run_id, crm_diags *diags);

/** One recorded run, as crm_store_history gives it. */
typedef struct crm_run_info {
    long long id;
    const char *recorded_at;   /**< UTC, ISO 8601 */
    const char *evaluation;
    const char *title;
    const char *winner;        /**< vendor id, or NULL */
    const char *inputs_digest; /**< SHA-256 over every input file */
} crm_run_info;

/** Call @p each for every run, newest first. */
crm_status crm_store_history(crm_store *store,
                             void (*each)(const crm_run_info *run, void *payload),
                             void *payload, crm_diags *diags);

/**
 * The workspace database of evaluation file @p evaluation: @p db when
 * given, else crmeval.db in the evaluation's directory (written to
 * @p buf of @p size bytes) when that file exists, else NULL.
 */
const char *crm_workspace_db(const char *evaluation, const char *db, char *buf, size_t size);

/**
 * The workspace rule (docs/workspace.md): when the workspace database of
 * @p evaluation (crm_workspace_db with @p db) exists and holds panel
 * scores, they become @p ev's values (crm_evaluation_set_panel), read
 * through a read-only handle. Call it between crm_evaluation_load and
 * crm_result_compute to rank a workspace's evaluation as `crmeval
 * evaluate` does; without a database it changes nothing.
 * @return CRM_OK, CRM_EINPUT (a damaged database, invalid scores),
 *         CRM_EIO, CRM_ENOMEM.
 */
crm_status crm_workspace_apply_panel(crm_evaluation *ev, const char *evaluation, const char *db,
                                     crm_diags *diags);

/**
 * Make a workspace in @p dir (created if need be): a starter
 * evaluation.yaml on the bundled criteria set, weight profile @p profile
 * (sme, enterprise, finance, retail, manufacturing or services) and a
 * shortlist of bundled vendors, in @p language (en or zh-CN; NULL: en),
 * and an empty crmeval.db. A directory that already holds either is left
 * alone.
 * @return CRM_OK; CRM_EUSAGE (unknown profile or language, an existing
 *         workspace); CRM_EIO; CRM_ENOMEM.
 */
crm_status crm_workspace_init(const char *dir, const char *profile, const char *language,
                              crm_diags *diags);

/**
 * The JSON report recorded with run @p id, in *@p report: owned by the
 * caller, free with free(). Compare two with crm_report_diff.
 * @return CRM_OK, CRM_EINPUT (no such run), CRM_EIO, CRM_ENOMEM.
 */
crm_status crm_store_run_report(crm_store *store, long long id, char **report,
                                crm_diags *diags);

/**
 * Record @p scores (each naming its evaluator and role; check them with
 * crm_evaluation_check_scores first) in one transaction: all or none.
 * Evaluators are added as they first appear (a changed role is updated,
 * with a note in @p diags). A score for a cell the evaluator has scored
 * before replaces it; the old value, comment and time move to the audit
 * trail. Re-entering the same value and comment changes nothing.
 * @param[out] added, replaced  how many scores were new, and how many
 *             replaced an earlier value (either may be NULL)
 * @return CRM_OK, CRM_EIO (the database refused; nothing was written),
 *         CRM_ENOMEM.
 */
crm_status crm_store_put_scores(crm_store *store, const crm_scores *scores, size_t *added,
                                size_t *replaced, crm_diags *diags);

/**
 * The current scores (with evaluator, role, comment, scored_at; file is
 * NULL), by evaluator, vendor and criterion, into a new list *out that
 * the caller frees.
 */
crm_status crm_store_scores(crm_store *store, crm_scores **out, crm_diags *diags);

/** The evaluators by name, as a list of entries with evaluator and role
 * set (the rest NULL); the caller frees *out. */
crm_status crm_store_evaluators(crm_store *store, crm_scores **out, crm_diags *diags);

/**
 * Print the audit trail to @p out: every value ever given for the cells
 * of @p vendor and @p criterion (either NULL: all), by vendor, criterion
 * and evaluator, each cell's values in the order they were given, each
 * with who, when, the comment, where it was entered and when it was
 * replaced ("current" for the value in force).
 * @return CRM_OK, CRM_EIO, CRM_ENOMEM.
 */
crm_status crm_store_score_trail(crm_store *store, const char *vendor, const char *criterion,
                                 FILE *out, crm_diags *diags);

#ifdef __cplusplus
}
#endif

#endif
