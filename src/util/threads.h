/*
 * Threads: how many to use, and running one function on several at once.
 * The loader reads vendor files and the simulation runs trials this way;
 * neither result depends on the count (each splits its work by index and
 * merges in a fixed order).
 */
#ifndef CRM_UTIL_THREADS_H
#define CRM_UTIL_THREADS_H

#include <stddef.h>

/* Most threads any step uses. */
#define CRM_MAX_THREADS 8

/* The thread count the program asked for (crm_set_threads), else one per
 * core; at most CRM_MAX_THREADS, at least 1. */
size_t crm__threads(void);

/*
 * Run fn(args + i * stride) for i < @p threads (stride 0: all on one
 * shared argument), the first on this thread, and wait for all. A thread
 * that cannot be started runs its share here instead, so the work is
 * always done. @p threads is at most CRM_MAX_THREADS.
 */
void crm__run_threads(size_t threads, void *(*fn)(void *), void *args, size_t stride);

#endif
