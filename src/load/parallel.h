/*
 * Reading many vendor files at once. Each file is independent until it is
 * checked against the criteria set, so the read / digest / parse / read-
 * into-model steps run on worker threads, each with its own arena and each
 * file with its own diagnostics list; the caller then merges the lists in
 * file order, so messages come out the same whatever the thread count.
 */
#ifndef CRM_LOAD_PARALLEL_H
#define CRM_LOAD_PARALLEL_H

#include <stddef.h>

#include "crmeval/error.h"
#include "load/load.h"


struct crm_vendor_job {
    const char *path;            /* NULL: nothing to read */
    crm_status status;
    crm_diags *diags;            /* this file's problems (owned; free it) */
    struct crm_loaded_file file;
    struct crm_vendor *vendor;   /* NULL when the file could not be read */
};

/* Threads to use for @p jobs: crm__threads(), but one for few files. */
size_t crm__load_threads(size_t jobs);

/*
 * Run @p n jobs on @p threads threads; thread k allocates from arenas[k]
 * (created here; the caller frees them with the evaluation). Each file
 * keeps at most @p max_errors errors (0: the default limit).
 * @return CRM_OK, or CRM_ENOMEM when memory or a thread ran out.
 */
crm_status crm__vendor_jobs_run(struct crm_vendor_job *jobs, size_t n,
                                struct crm_arena **arenas, size_t threads,
                                size_t max_errors);

#endif
