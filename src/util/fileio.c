/* File helpers: bounded reads, atomic writes, path arithmetic. */
#include "util/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/arena.h"

/* strerror is not thread-safe and vendor files are read on several
 * threads: use the POSIX strerror_r into the caller's buffer. */
static const char *errno_text(int err, char *buf, size_t size)
{
    if (strerror_r(err, buf, size) != 0) {
        snprintf(buf, size, "error %d", err);
    }
    return buf;
}

crm_status crm__file_read(struct crm_arena *arena, const char *path,
                          size_t max_size, char **data, size_t *len,
                          crm_diags *diags)
{
    FILE *fp = NULL;
    struct stat st;
    char *buf = NULL;
    char ebuf[128];
    size_t got = 0;

    *data = NULL;
    *len = 0;
    fp = fopen(path, "rb");
    if (fp == NULL && errno == ENOMEM) {
        return crm__arena_oom(arena); /* no memory for the FILE: not bad input */
    }
    if (fp == NULL) {
        crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0, "cannot open: %s",
                      errno_text(errno, ebuf, sizeof(ebuf)));
        return CRM_EINPUT;
    }
    if (fstat(fileno(fp), &st) != 0 || !S_ISREG(st.st_mode)) {
        crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0,
                      "not a regular file");
        fclose(fp);
        return CRM_EINPUT;
    }
    if ((unsigned long long)st.st_size > max_size) {
        crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0,
                      "file is %lld bytes, over the limit of %zu bytes",
                      (long long)st.st_size, max_size);
        fclose(fp);
        return CRM_EINPUT;
    }
    /* fp is open: no longjmp until it is closed (the rule in arena.h) */
    buf = crm__arena_try_alloc(arena, (size_t)st.st_size + 1);
    if (buf == NULL) {
        fclose(fp);
        return crm__arena_oom(arena);
    }
    got = fread(buf, 1, (size_t)st.st_size, fp);
    if (ferror(fp)) {
        crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0, "cannot read: %s",
                      errno_text(errno, ebuf, sizeof(ebuf)));
        fclose(fp);
        return CRM_EIO;
    }
    fclose(fp);
    buf[got] = '\0';
    *data = buf;
    *len = got;
    return CRM_OK;
}

/* Create the directories leading to @p path (like mkdir -p of its dirname). */
static int make_parent_dirs(const char *path)
{
    char buf[4096];
    size_t i, len = strlen(path);

    if (len >= sizeof(buf)) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(buf, path, len + 1);
    for (i = 1; i < len; i++) {
        if (buf[i] != '/') {
            continue;
        }
        buf[i] = '\0';
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
            return -1;
        }
        buf[i] = '/';
    }
    return 0;
}

/* Write all of @p data to @p fd (short writes and EINTR retried). */
static bool write_all(int fd, const void *data, size_t len)
{
    const char *p = data;

    while (len > 0) {
        ssize_t n = write(fd, p, len);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return false;
        }
        p += n;
        len -= (size_t)n;
    }
    return true;
}

/* Write data and trailer to @p fd (then fsync it when @p sync) and close
 * it; false, with errno from the first failure, on any failure. */
static bool write_close(int fd, const void *data, size_t len, const char *trailer,
                        bool sync)
{
    bool ok = write_all(fd, data, len) && write_all(fd, trailer, strlen(trailer)) &&
              (!sync || fsync(fd) == 0);
    int err = errno;

    if (close(fd) != 0 && ok) {
        return false;
    }
    errno = err;
    return ok;
}

/* Descriptors and a stack buffer, not stdio and malloc: writing a report
 * that is already rendered makes no heap allocation, so out of memory
 * cannot strike between two reports written one after the other. */
crm_status crm__file_write_atomic(const char *path, const void *data,
                                  size_t len, const char *trailer,
                                  crm_diags *diags)
{
    char ebuf[128];
    char tmp[4096 + 32];
    int fd = -1;
    struct stat st;

    trailer = trailer ? trailer : "";
    /* A device or pipe (say /dev/null) is written in place: renaming a
     * temporary over it would replace the device with a file. */
    if (strcmp(path, "-") != 0 && stat(path, &st) == 0 && !S_ISREG(st.st_mode) &&
        !S_ISDIR(st.st_mode)) {
        fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
        if (fd < 0 || !write_close(fd, data, len, trailer, false)) {
            crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0, "cannot write: %s",
                          errno_text(errno, ebuf, sizeof(ebuf)));
            return CRM_EIO;
        }
        return CRM_OK;
    }
    if (strcmp(path, "-") == 0) {
        if (fwrite(data, 1, len, stdout) != len ||
            fputs(trailer, stdout) == EOF || fflush(stdout) != 0) {
            crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0,
                          "cannot write to standard output: %s",
                          errno_text(errno, ebuf, sizeof(ebuf)));
            return CRM_EIO;
        }
        return CRM_OK;
    }
    if (make_parent_dirs(path) != 0) {
        crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0,
                      "cannot create its directory: %s", errno_text(errno, ebuf, sizeof(ebuf)));
        return CRM_EIO;
    }
    /* make_parent_dirs refused paths of 4096 bytes or more: tmp fits */
    snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0, "cannot write: %s",
                      errno_text(errno, ebuf, sizeof(ebuf)));
        return CRM_EIO;
    }
    if (!write_close(fd, data, len, trailer, true) || rename(tmp, path) != 0) {
        crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0, "cannot write: %s",
                      errno_text(errno, ebuf, sizeof(ebuf)));
        remove(tmp);
        return CRM_EIO;
    }
    return CRM_OK;
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
