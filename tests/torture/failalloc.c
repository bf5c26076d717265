/*
 * failalloc: an LD_PRELOAD allocator that fails the Nth allocation, for the
 * allocation-failure sweep (tests/torture/sweep.py), in the manner of
 * curl's torture tests and SQLite's malloc tests.
 *
 * It interposes the C library's allocation entry points; glibc routes its
 * own allocations (strdup, fopen, asprintf, ...) through the interposed
 * malloc, and libyaml, cJSON, libharu and SQLite call them directly, so
 * every heap allocation the process makes is counted, whoever makes it.
 * Each call is forwarded to glibc's __libc_* functions (no dlsym needed,
 * so no bootstrap problem). pthread_create and fork count as allocations
 * too: a thread or a process is memory, and running out of it is the same
 * failure. The count is shared with forked children (a page mapped
 * MAP_SHARED): a child's allocations are numbered in the one sequence, so
 * the Nth can be the child's (the workbook is written in a child process).
 *
 * Environment:
 *   CRMEVAL_FAIL_AT=N       fail the Nth counted call (1-based) with ENOMEM
 *                           (pthread_create: EAGAIN); 0 or unset: none
 *   CRMEVAL_FAIL_PERSIST=1  fail every call from the Nth on, not only the Nth
 *   CRMEVAL_FAIL_COUNT=FILE at exit, write the number of counted calls and
 *                           whether one was failed ("calls failed\n") to FILE
 *
 * One allocation is never failed, only counted: a malloc of the size of a
 * block this thread allocated and freed at once (a probe), the first such
 * malloc after it. glibc serves it from the freed chunk in its per-thread
 * cache, so it cannot fail; crmeval relies on that where libharu mallocs
 * unchecked (reserve_encoding in src/report/pdf/layout.c).
 *
 * Not for ASan builds: ASan replaces malloc itself.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void *__libc_memalign(size_t align, size_t size);
extern void __libc_free(void *p);

/* Shared with forked children (failalloc_init). */
struct shared {
    atomic_ulong calls;          /* counted calls so far */
    atomic_int failed;           /* whether a call was failed */
};
static struct shared *shared;
static unsigned long fail_at;    /* 0: never */
static int persist;
static int armed;                /* set once the environment is read */

/* Read the settings; constructors of preloaded libraries run before the
 * program's main, after the C library is set up. */
__attribute__((constructor)) static void failalloc_init(void)
{
    const char *at = getenv("CRMEVAL_FAIL_AT");
    const char *p = getenv("CRMEVAL_FAIL_PERSIST");

    void *m = mmap(NULL, sizeof(struct shared), PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS, -1, 0);

    if (m == MAP_FAILED) {
        return; /* never armed: nothing counted, nothing failed */
    }
    shared = m;
    fail_at = at != NULL ? strtoul(at, NULL, 10) : 0;
    persist = p != NULL && p[0] == '1';
    armed = 1;
}

/* Write "calls failed" to CRMEVAL_FAIL_COUNT with no allocation. */
__attribute__((destructor)) static void failalloc_fini(void)
{
    const char *path = getenv("CRMEVAL_FAIL_COUNT");
    char buf[64];
    int fd = -1, n = 0;

    if (path == NULL || shared == NULL) {
        return;
    }
    n = snprintf(buf, sizeof(buf), "%lu %d\n", atomic_load(&shared->calls),
                 atomic_load(&shared->failed));
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
        if (write(fd, buf, (size_t)n) != n) {
            /* nothing to do: the sweep sees a short file */
        }
        close(fd);
    }
}

/* Count one call; true when it is to fail. */
static int should_fail(void)
{
    unsigned long n = 0;

    if (!armed) {
        return 0;
    }
    n = atomic_fetch_add(&shared->calls, 1) + 1;
    if (fail_at != 0 && (n == fail_at || (persist && n > fail_at))) {
        atomic_store(&shared->failed, 1);
        return 1;
    }
    return 0;
}

/* This thread's last two mallocs, and the size and number of probes freed
 * at once: like glibc's per-thread cache, which hands a freed chunk to the
 * next request of its size without asking for memory, so such a request
 * cannot fail. */
static __thread void *last_block, *prev_block;
static __thread size_t last_size, prev_size, probe_size, probe_count;

void *malloc(size_t size)
{
    void *p = NULL;

    if (size != 0 && size == probe_size && probe_count > 0) {
        probe_count--;
        if (armed) {
            atomic_fetch_add(&shared->calls, 1); /* counted, never failed */
        }
        return __libc_malloc(size);
    }
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    p = __libc_malloc(size);
    prev_block = last_block;
    prev_size = last_size;
    last_block = p;
    last_size = size;
    return p;
}

/* A probe freed: one more request of its size that cannot fail. */
static void add_probe(size_t size)
{
    probe_count = size == probe_size ? probe_count + 1 : 1;
    probe_size = size;
}

void free(void *p)
{
    /* freed before any other malloc (the last two): a probe */
    if (p != NULL && p == last_block) {
        add_probe(last_size);
        last_block = NULL;
    } else if (p != NULL && p == prev_block) {
        add_probe(prev_size);
        prev_block = NULL;
    } else {
        last_block = prev_block = NULL;
    }
    __libc_free(p);
}

void *calloc(size_t n, size_t size)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
    /* realloc(p, 0) frees: not an allocation */
    if (size != 0 && should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_realloc(p, size);
}

void *reallocarray(void *p, size_t n, size_t size)
{
    if (size != 0 && n > (size_t)-1 / size) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(p, n * size);
}

void *memalign(size_t align, size_t size)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_memalign(align, size);
}

void *aligned_alloc(size_t align, size_t size)
{
    return memalign(align, size);
}

int posix_memalign(void **out, size_t align, size_t size)
{
    void *p = NULL;

    if (align < sizeof(void *) || (align & (align - 1)) != 0) {
        return EINVAL;
    }
    p = memalign(align, size);
    if (p == NULL) {
        return ENOMEM;
    }
    *out = p;
    return 0;
}

void *valloc(size_t size)
{
    return memalign((size_t)sysconf(_SC_PAGESIZE), size);
}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
                   void *(*start)(void *), void *arg)
{
    static int (*real)(pthread_t *, const pthread_attr_t *,
                       void *(*)(void *), void *);

    if (should_fail()) {
        return EAGAIN;
    }
    if (real == NULL) {
        real = (int (*)(pthread_t *, const pthread_attr_t *,
                        void *(*)(void *), void *))dlsym(RTLD_NEXT,
                                                         "pthread_create");
    }
    return real(thread, attr, start, arg);
}

pid_t fork(void)
{
    static pid_t (*real)(void);

    if (should_fail()) {
        errno = ENOMEM;
        return -1;
    }
    if (real == NULL) {
        real = (pid_t(*)(void))dlsym(RTLD_NEXT, "fork");
    }
    return real();
}
