/* File helpers: bounded reads, atomic writes (through an output set,
 * util/output.c), path arithmetic. */
#include "util/fileio.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/arena.h"
#include "util/output.h"
#include "util/strutil.h"

const char *crm__errno_text(int err, char *buf, size_t size)
{
    struct rlimit rl;

    if (err == EFBIG && getrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY) {
        snprintf(buf, size, "file too large (over this process's file size limit, "
                            "ulimit -f, of %llu bytes)",
                 (unsigned long long)rl.rlim_cur);
    } else if (err == EFBIG) {
        snprintf(buf, size, "file too large");
    } else if (strerror_r(err, buf, size) != 0) {
        snprintf(buf, size, "error %d", err);
    }
    return buf;
}

/* What a file that is not a regular one is, for messages. */
static const char *file_type(mode_t mode)
{
    if (S_ISDIR(mode)) {
        return "a directory";
    }
    if (S_ISFIFO(mode)) {
        return "a FIFO";
    }
    if (S_ISCHR(mode) || S_ISBLK(mode)) {
        return "a device";
    }
    if (S_ISSOCK(mode)) {
        return "a socket";
    }
    return "not a file";
}

int crm__input_open(const char *path, char *why, size_t why_size)
{
    struct stat st;
    char ebuf[128];
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    int flags = 0;

    if (fd < 0 || fstat(fd, &st) != 0) {
        snprintf(why, why_size, "cannot open: %s", crm__errno_text(errno, ebuf, sizeof(ebuf)));
        if (fd >= 0) {
            close(fd);
        }
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(why, why_size, "not a regular file (%s)", file_type(st.st_mode));
        close(fd);
        return -1;
    }
    /* reads of a regular file never block, but leave no surprise behind */
    flags = fcntl(fd, F_GETFL);
    if (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0) {
        snprintf(why, why_size, "cannot open: %s", crm__errno_text(errno, ebuf, sizeof(ebuf)));
        close(fd);
        return -1;
    }
    return fd;
}

crm_status crm__file_read(struct crm_arena *arena, const char *path,
                          size_t max_size, char **data, size_t *len,
                          crm_diags *diags)
{
    struct stat st;
    char *buf = NULL;
    char ebuf[128];
    size_t got = 0;
    int fd = -1;

    *data = NULL;
    *len = 0;
    fd = crm__input_open(path, ebuf, sizeof(ebuf));
    if (fd < 0) {
        crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0, "%s", ebuf);
        return CRM_EINPUT;
    }
    if (fstat(fd, &st) != 0) {
        crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0, "cannot read: %s",
                      crm__errno_text(errno, ebuf, sizeof(ebuf)));
        close(fd);
        return CRM_EIO;
    }
    if ((unsigned long long)st.st_size > max_size) {
        crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0,
                      "file is %lld bytes, over the limit of %zu bytes",
                      (long long)st.st_size, max_size);
        close(fd);
        return CRM_EINPUT;
    }
    /* fd is open: no longjmp until it is closed (the rule in arena.h) */
    buf = crm__arena_try_alloc(arena, (size_t)st.st_size + 1);
    if (buf == NULL) {
        close(fd);
        return crm__arena_oom(arena);
    }
    /* the size may change under us: read what is there, up to the size
     * seen (a file that grew is read as it was when measured) */
    while (got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0, "cannot read: %s",
                          crm__errno_text(errno, ebuf, sizeof(ebuf)));
            close(fd);
            return CRM_EIO;
        }
        if (n == 0) {
            break;
        }
        got += (size_t)n;
    }
    close(fd);
    buf[got] = '\0';
    *data = buf;
    *len = got;
    return CRM_OK;
}

crm_status crm__file_write_atomic(const char *path, const void *data,
                                  size_t len, const char *trailer,
                                  crm_diags *diags)
{
    crm_outputs *outputs = NULL;
    crm_status st = crm_outputs_new(&outputs);

    if (st == CRM_OK) {
        st = crm__outputs_add(outputs, path, "the file", data, len, trailer, diags);
    }
    if (st == CRM_OK) {
        st = crm_outputs_commit(outputs, diags);
    }
    crm_outputs_free(outputs);
    return st;
}

char *crm__path_dirname(struct crm_arena *arena, const char *path)
{
    const char *slash = strrchr(path, '/');

    if (slash == NULL) {
        return crm__arena_strdup(arena, ".");
    }
    if (slash == path) {
        return crm__arena_strdup(arena, "/");
    }
    return crm__arena_strndup(arena, path, (size_t)(slash - path));
}

/* Drop "." segments and fold "name/.." pairs, lexically (no symlinks are
 * followed), so messages show "criteria/x.yaml", not "examples/../criteria". */
static void path_tidy(char *path)
{
    char *seg[256];
    size_t n = 0, i;
    bool absolute = path[0] == '/';
    char *p = path, *out = path;
    size_t slashes = 0;

    for (i = 0; path[i] != '\0'; i++) {
        slashes += path[i] == '/';
    }
    if (slashes >= sizeof(seg) / sizeof(seg[0])) {
        return; /* absurdly deep: leave it as written */
    }
    while (*p != '\0') {
        char *start = NULL;

        while (*p == '/') {
            p++;
        }
        if (*p == '\0') {
            break;
        }
        start = p;
        while (*p != '\0' && *p != '/') {
            p++;
        }
        if (*p == '/') {
            *p++ = '\0';
        }
        if (strcmp(start, ".") == 0) {
            continue;
        }
        if (strcmp(start, "..") == 0 && n > 0 && strcmp(seg[n - 1], "..") != 0) {
            n--;
            continue;
        }
        seg[n++] = start;
    }
    if (absolute) {
        *out++ = '/';
    }
    for (i = 0; i < n; i++) {
        size_t len = strlen(seg[i]);

        memmove(out, seg[i], len);
        out += len;
        if (i + 1 < n) {
            *out++ = '/';
        }
    }
    if (out == path) {
        *out++ = '.';
    }
    *out = '\0';
}

char *crm__path_join(struct crm_arena *arena, const char *dir,
                     const char *rel)
{
    char *joined = NULL;

    if (rel[0] == '/' || strcmp(dir, ".") == 0) {
        joined = crm__arena_strdup(arena, rel);
    } else {
        joined = crm__arena_printf(arena, "%s/%s", dir, rel);
    }
    path_tidy(joined);
    return joined;
}

/* qsort order of file names, so the hint does not depend on readdir's. */
static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

const char *crm__similar_file(const char *dir, const char *name, const char *suffix,
                              char *buf, size_t size)
{
    size_t slen = strlen(suffix), n = 0, cap = 0, i;
    char **names = NULL;
    const char *best = NULL;
    struct dirent *e = NULL;
    DIR *d = opendir(dir);
    bool ok = d != NULL;

    while (ok && (e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);

        if (len <= slen || strcmp(e->d_name + len - slen, suffix) != 0) {
            continue;
        }
        if (n + 1 >= cap) {
            char **grown = realloc(names, (cap = cap ? cap * 2 : 32) * sizeof(*names));

            ok = grown != NULL;
            if (!ok) {
                break;
            }
            names = grown;
        }
        names[n] = strndup(e->d_name, len - slen);
        ok = names[n] != NULL;
        n += ok;
    }
    if (d != NULL) {
        closedir(d);
    }
    if (ok && n > 0) {
        qsort(names, n, sizeof(*names), compare_names);
        names[n] = NULL;
        best = crm__did_you_mean(name, (const char *const *)names);
        if (best != NULL) {
            snprintf(buf, size, "%s", best);
            best = buf;
        }
    }
    for (i = 0; i < n; i++) {
        free(names[i]);
    }
    free(names);
    return best;
}
