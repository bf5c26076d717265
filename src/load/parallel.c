/* Vendor files read on worker threads (see parallel.h). */
#include "load/parallel.h"

#include <stdlib.h>
#include <string.h>

#include "util/arena.h"
#include "util/threads.h"

struct worker {
    struct crm_vendor_job *jobs;
    size_t n, first, step;   /* jobs first, first + step, ... */
    struct crm_arena *arena;
    size_t max_errors;       /* per file, like the caller's list */
    crm_status status;
};

/* Read this worker's share of the files (every step-th from first), each
 * into its own diagnostics list so the caller can merge them in file
 * order. A file that cannot be read keeps its status and the worker moves
 * on; only out of memory stops it. */
static crm_status read_jobs(struct crm_arena *arena, void *ctx)
{
    struct worker *w = ctx;
    size_t i;

    for (i = w->first; i < w->n; i += w->step) {
        struct crm_vendor_job *job = &w->jobs[i];
        struct crm_reader r;

        if (job->path == NULL) {
            continue;
        }
        job->diags = crm_diags_new(w->max_errors);
        if (job->diags == NULL) {
            return CRM_ENOMEM;
        }
        job->status = crm__file_load(arena, job->path, CRM_FILE_VENDOR,
                                     job->diags, &job->file);
        if (job->status != CRM_OK) {
            continue;
        }
        crm__rd_init(&r, arena, job->diags, job->file.path);
        job->vendor = crm__vendor_read(&r, job->file.root);
    }
    return CRM_OK;
}

/* Thread entry: read_jobs under the worker's own arena's recovery point
 * (arenas are not shared between threads). Out of memory comes back in
 * w->status; the scratch list for its message is thrown away. */
static void *worker_main(void *arg)
{
    struct worker *w = arg;
    crm_diags *oom = crm_diags_new(1);

    w->status = crm__arena_protect(w->arena, read_jobs, w, oom);
    crm_diags_free(oom);
    return NULL;
}

size_t crm__load_threads(size_t jobs)
{
    return jobs < 16 ? 1 : crm__threads(); /* a few files: not worth a thread */
}

crm_status crm__vendor_jobs_run(struct crm_vendor_job *jobs, size_t n,
                                struct crm_arena **arenas, size_t threads,
                                size_t max_errors)
{
    struct worker workers[CRM_MAX_THREADS];
    crm_status st = CRM_OK;
    size_t k;

    if (threads < 1) {
        threads = 1;
    }
    if (threads > CRM_MAX_THREADS) {
        threads = CRM_MAX_THREADS;
    }
    for (k = 0; k < threads; k++) {
        arenas[k] = crm__arena_new();
        if (arenas[k] == NULL) {
            return CRM_ENOMEM;
        }
        memset(&workers[k], 0, sizeof(workers[k]));
        workers[k].jobs = jobs;
        workers[k].n = n;
        workers[k].first = k;
        workers[k].step = threads;
        workers[k].arena = arenas[k];
        workers[k].max_errors = max_errors;
    }
    crm__run_threads(threads, worker_main, workers, sizeof(workers[0]));
    for (k = 0; k < threads; k++) {
        if (workers[k].status != CRM_OK) {
            st = workers[k].status;
        }
    }
    return st;
}
