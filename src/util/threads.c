/* Thread counts and a fork-join runner (util/threads.h). */
#include "util/threads.h"

#include <pthread.h>
#include <stdbool.h>
#include <unistd.h>

#include "crmeval/evaluation.h"

static size_t requested; /* crm_set_threads; 0: one per core */

void crm_set_threads(size_t threads)
{
    requested = threads;
}

size_t crm__threads(void)
{
    size_t threads = requested;

    if (threads == 0) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);

        threads = cores > 0 ? (size_t)cores : 1;
    }
    return threads > CRM_MAX_THREADS ? CRM_MAX_THREADS : threads;
}

void crm__run_threads(size_t threads, void *(*fn)(void *), void *args, size_t stride)
{
    pthread_t ids[CRM_MAX_THREADS];
    bool started[CRM_MAX_THREADS] = { false };
    size_t i;

    for (i = 1; i < threads && i < CRM_MAX_THREADS; i++) {
        void *arg = (char *)args + i * stride;

        started[i] = pthread_create(&ids[i], NULL, fn, arg) == 0;
        if (!started[i]) {
            fn(arg);
        }
    }
    fn(args);
    for (i = 1; i < threads && i < CRM_MAX_THREADS; i++) {
        if (started[i]) {
            pthread_join(ids[i], NULL);
        }
    }
}
