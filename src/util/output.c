/*
 * Output sets (include/crmeval/output.h) and the temporary files behind
 * them.
 *
 * Invariants. A temporary is in the registry of live paths from the moment
 * it is created until it is renamed or removed, so the handler of SIGINT,
 * SIGTERM and SIGHUP can remove it (unlink is async-signal-safe). The
 * registry changes only with those signals blocked, so the handler never
 * sees it half changed; outputs are written from one thread, after any
 * worker threads have been joined, so blocking them in that thread is
 * enough. From a commit until the set is freed or rolled back they stay
 * blocked: the reports and the step a caller joins to them (recording the
 * run) go together or not at all.
 */
#include "util/output.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/arena.h"
#include "util/fileio.h"

/* ---- the registry of live temporaries, and the signals ---- */

struct crm_live {
    struct crm_live *next;
    char path[];
};

static struct crm_live *volatile live_head;

/* Block the signals whose handler reads the registry, and SIGPIPE (which
 * a commit's write to standard output can raise); the old mask in @p old. */
static void hold_signals(sigset_t *old)
{
    sigset_t set;

    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set, old);
}

static void release_signals(const sigset_t *old)
{
    pthread_sigmask(SIG_SETMASK, old, NULL);
}

/* A registry node for @p path, not yet linked; NULL when out of memory. */
static struct crm_live *live_new(const char *path)
{
    size_t len = strlen(path);
    struct crm_live *live = malloc(sizeof(*live) + len + 1);

    if (live != NULL) {
        live->next = NULL;
        memcpy(live->path, path, len + 1);
    }
    return live;
}

/* Put @p live at the head of the registry; signals must be held. */
static void live_link(struct crm_live *live)
{
    live->next = live_head;
    live_head = live;
}

struct crm_live *crm__live_add(const char *path)
{
    struct crm_live *live = live_new(path);
    sigset_t old;

    if (live != NULL) {
        hold_signals(&old);
        live_link(live);
        release_signals(&old);
    }
    return live;
}

void crm__live_forget(struct crm_live *live)
{
    struct crm_live *volatile *p = &live_head;
    sigset_t old;

    if (live == NULL) {
        return;
    }
    hold_signals(&old);
    while (*p != NULL && *p != live) {
        p = &(*p)->next;
    }
    if (*p != NULL) {
        *p = live->next;
    }
    release_signals(&old);
    free(live);
}

const char *crm__live_path(const struct crm_live *live)
{
    return live->path;
}

/* The handler: remove every live temporary, then die of @p sig as if it
 * had not been caught (the default action, delivered once we return,
 * since @p sig is blocked while its handler runs). */
static void remove_live_temps(int sig)
{
    int saved = errno;
    const struct crm_live *t = NULL;

    for (t = live_head; t != NULL; t = t->next) {
        unlink(t->path);
    }
    signal(sig, SIG_DFL);
    raise(sig);
    errno = saved;
}

void crm_outputs_handle_signals(void)
{
    static const int caught[] = { SIGINT, SIGTERM, SIGHUP };
    struct sigaction sa, old;
    size_t i;

    memset(&sa, 0, sizeof(sa));
    sa.sa_handler = remove_live_temps;
    sigemptyset(&sa.sa_mask);
    for (i = 0; i < sizeof(caught) / sizeof(caught[0]); i++) {
        sigaddset(&sa.sa_mask, caught[i]);
    }
    for (i = 0; i < sizeof(caught) / sizeof(caught[0]); i++) {
        /* a signal ignored from the start (nohup, a background job's
         * SIGINT) stays ignored */
        if (sigaction(caught[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN) {
            continue;
        }
        sigaction(caught[i], &sa, NULL);
    }
    signal(SIGXFSZ, SIG_IGN);
}

/* ---- temporary names ---- */

/* "TARGET.tmp.PID.XXXXXX" into @p buf: the name cut to 200 bytes so the
 * whole stays within NAME_MAX. The six hex digits vary per call (a
 * counter stirred with the clock); O_EXCL, not the name, is what makes
 * the file ours. */
static void temp_name(const char *target, char *buf, size_t size)
{
    static uint64_t state;
    const char *slash = strrchr(target, '/');
    int dir_len = slash ? (int)(slash - target + 1) : 0;
    size_t name_len = strlen(target + dir_len);
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    state ^= (uint64_t)ts.tv_nsec ^ ((uint64_t)getpid() << 32);
    snprintf(buf, size, "%.*s%.*s.tmp.%ld.%06x", dir_len, target,
             (int)(name_len > 200 ? 200 : name_len), target + dir_len, (long)getpid(),
             (unsigned)(state >> 40) & 0xffffffu);
}

int crm__temp_create(const char *target, struct crm_live **live)
{
    size_t size = strlen(target) + 48;
    char *path = malloc(size);
    int fd = -1, tries = 0, err = 0;

    *live = NULL;
    if (path == NULL) {
        errno = ENOMEM;
        return -1;
    }
    for (tries = 0; tries < 100 && *live == NULL; tries++) {
        struct crm_live *node = NULL;
        sigset_t old;

        temp_name(target, path, size);
        if ((node = live_new(path)) == NULL) {
            err = ENOMEM;
            break;
        }
        hold_signals(&old);
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        err = errno;
        if (fd >= 0) {
            live_link(node);
            *live = node;
        }
        release_signals(&old);
        if (fd < 0) {
            free(node);
            if (err != EEXIST) {
                break; /* EEXIST: a leftover or a planted name; try another */
            }
        }
    }
    free(path);
    if (*live == NULL) {
        errno = err;
        return -1;
    }
    return fd;
}

/* ---- where a path leads ---- */

/* What a path names, to tell whether two paths are one file. */
struct place {
    const char *path;          /* as given */
    const char *what;          /* "the JSON report", "the evaluation" */
    bool exists;               /* stat(path): the file it reaches */
    dev_t dev;
    ino_t ino;
    mode_t mode;
    bool dir_known;            /* its directory exists */
    dev_t dir_dev;
    ino_t dir_ino;
    const char *name;          /* the last component */
    const char *full;          /* absolute and tidied, for a directory not made yet */
};

/* Where @p path leads now (stat of it and of its directory), with its
 * strings copied into @p arena; false when out of memory. */
static bool place_init(struct crm_arena *arena, struct place *p, const char *path,
                       const char *what)
{
    struct stat st;
    char cwd[4096];
    const char *slash = NULL, *dir = NULL;

    memset(p, 0, sizeof(*p));
    p->path = crm__arena_strdup(arena, path);
    p->what = crm__arena_strdup(arena, what);
    if (p->path == NULL || p->what == NULL) {
        return false;
    }
    slash = strrchr(p->path, '/');
    p->name = slash ? slash + 1 : p->path;
    if (stat(path, &st) == 0) {
        p->exists = true;
        p->dev = st.st_dev;
        p->ino = st.st_ino;
        p->mode = st.st_mode;
    }
    dir = slash == p->path ? "/" : slash ? crm__path_dirname(arena, p->path) : ".";
    if (dir == NULL) {
        return false;
    }
    if (stat(dir, &st) == 0) {
        p->dir_known = true;
        p->dir_dev = st.st_dev;
        p->dir_ino = st.st_ino;
    }
    p->full = crm__path_join(arena, path[0] != '/' && getcwd(cwd, sizeof(cwd)) ? cwd : ".",
                             path);
    return p->full != NULL;
}

/* Whether @p a and @p b are one file: the same device and inode when both
 * exist, else the same directory and name, else (a directory not made
 * yet) the same absolute path. */
static bool same_place(const struct place *a, const struct place *b)
{
    if (a->exists && b->exists) {
        return a->dev == b->dev && a->ino == b->ino;
    }
    if (a->dir_known && b->dir_known) {
        return a->dir_dev == b->dir_dev && a->dir_ino == b->dir_ino &&
               strcmp(a->name, b->name) == 0;
    }
    return strcmp(a->full, b->full) == 0;
}

/* Written in place rather than through a temporary: standard output, a
 * process's own descriptors, and anything that exists and is not a
 * regular file or a directory (/dev/null, a FIFO). Renaming over those
 * would replace the device, or the link, with a file. */
static bool is_stream(const struct place *p)
{
    static const char *const prefixes[] = { "/dev/stdout", "/dev/stderr", "/dev/fd/",
                                            "/proc/self/fd/", NULL };
    size_t i;

    if (strcmp(p->path, "-") == 0) {
        return true;
    }
    for (i = 0; prefixes[i] != NULL; i++) {
        if (strncmp(p->path, prefixes[i], strlen(prefixes[i])) == 0) {
            return true;
        }
    }
    return p->exists && !S_ISREG(p->mode) && !S_ISDIR(p->mode);
}

/* ---- the set ---- */

struct output {
    struct place at;
    bool stream;               /* written in place at the commit */
    bool added;                /* written, not only checked */
    struct crm_live *tmp;      /* the temporary, until renamed */
    char *data;                /* a stream's bytes */
    size_t len;
    char *backup;              /* after the commit: the replaced file's second name */
    bool renamed;
};

struct crm_outputs {
    struct crm_arena *arena;   /* the places' strings */
    struct place *protected;
    size_t protected_count, protected_cap;
    struct output *outputs;
    size_t output_count, output_cap;
    bool committed;            /* renamed into place; signals held */
    bool held;
    sigset_t old_mask;
};

crm_status crm_outputs_new(crm_outputs **out)
{
    crm_outputs *o = calloc(1, sizeof(*o));

    *out = NULL;
    if (o == NULL || (o->arena = crm__arena_new()) == NULL) {
        free(o);
        return CRM_ENOMEM;
    }
    *out = o;
    return CRM_OK;
}

/* Room for one more element of @p size in *@p array; false when out of
 * memory. */
static bool grow(void **array, size_t count, size_t *cap, size_t size)
{
    void *bigger = NULL;
    size_t n = *cap ? *cap * 2 : 8;

    if (count < *cap) {
        return true;
    }
    if ((bigger = realloc(*array, n * size)) == NULL) {
        return false;
    }
    *array = bigger;
    *cap = n;
    return true;
}

crm_status crm_outputs_protect(crm_outputs *o, const char *path, const char *what,
                               crm_diags *diags)
{
    (void)diags;
    if (!grow((void **)&o->protected, o->protected_count, &o->protected_cap,
              sizeof(*o->protected)) ||
        !place_init(o->arena, &o->protected[o->protected_count], path, what)) {
        return CRM_ENOMEM;
    }
    o->protected_count++;
    return CRM_OK;
}

/* Check @p path for the output @p what and claim it into *@p out. A claim
 * made before for the same path and output (crm_outputs_check) is looked
 * at again: the file may have come or gone since. */
static crm_status claim(crm_outputs *o, const char *path, const char *what, struct output **out,
                        crm_diags *diags)
{
    struct output *mine = NULL;
    struct place p;
    size_t i;

    for (i = 0; i < o->output_count && mine == NULL; i++) {
        if (strcmp(o->outputs[i].at.path, path) == 0 && strcmp(o->outputs[i].at.what, what) == 0) {
            mine = &o->outputs[i];
        }
    }
    if (!place_init(o->arena, &p, path, what)) {
        return CRM_ENOMEM;
    }
    for (i = 0; !is_stream(&p) && i < o->protected_count; i++) {
        if (same_place(&p, &o->protected[i])) {
            crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0,
                          "%s would replace %s '%s', which this run reads; write it to "
                          "another path",
                          what, o->protected[i].what, o->protected[i].path);
            return CRM_EINPUT;
        }
    }
    /* two reports in one file lose one; a device or standard output
     * simply takes both, in turn */
    for (i = 0; !is_stream(&p) && i < o->output_count; i++) {
        if (&o->outputs[i] != mine && !o->outputs[i].stream &&
            same_place(&p, &o->outputs[i].at)) {
            crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0,
                          "%s and %s would be the same file; give them different paths", what,
                          o->outputs[i].at.what);
            return CRM_EINPUT;
        }
    }
    if (mine == NULL) {
        if (!grow((void **)&o->outputs, o->output_count, &o->output_cap, sizeof(*o->outputs))) {
            return CRM_ENOMEM;
        }
        mine = &o->outputs[o->output_count++];
        memset(mine, 0, sizeof(*mine));
    }
    mine->at = p;
    mine->stream = is_stream(&p);
    *out = mine;
    return CRM_OK;
}

crm_status crm_outputs_check(crm_outputs *o, const char *path, const char *what,
                             crm_diags *diags)
{
    struct output *out = NULL;

    return claim(o, path, what, &out, diags);
}

/* Write all @p len bytes to @p fd (through short writes and EINTR). */
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

mode_t crm__new_file_mode(void)
{
    mode_t mask = umask(0);

    umask(mask);
    return 0666 & ~mask;
}

/* Write @p data and @p trailer into a new temporary beside @p out's
 * target, with the mode the target will keep, and flush it to disk. */
static crm_status stage_file(struct output *out, const void *data, size_t len,
                             const char *trailer, crm_diags *diags)
{
    const char *path = out->at.path;
    mode_t mode = out->at.exists ? (out->at.mode & 0777) : crm__new_file_mode();
    char ebuf[160];
    int fd = -1, err = 0;
    bool ok = false;

    if (make_parent_dirs(path) != 0) {
        crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0, "cannot create its directory: %s",
                      crm__errno_text(errno, ebuf, sizeof(ebuf)));
        return CRM_EIO;
    }
    if ((fd = crm__temp_create(path, &out->tmp)) < 0) {
        err = errno;
        crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0, "cannot write: %s",
                      crm__errno_text(err, ebuf, sizeof(ebuf)));
        return err == ENOMEM ? CRM_ENOMEM : CRM_EIO;
    }
    ok = write_all(fd, data, len) && (trailer == NULL || write_all(fd, trailer, strlen(trailer))) &&
         fchmod(fd, mode) == 0 && fsync(fd) == 0;
    err = ok ? 0 : errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0, "cannot write: %s",
                      crm__errno_text(err, ebuf, sizeof(ebuf)));
        unlink(crm__live_path(out->tmp));
        crm__live_forget(out->tmp);
        out->tmp = NULL;
        return CRM_EIO;
    }
    return CRM_OK;
}

crm_status crm__outputs_add(crm_outputs *o, const char *path, const char *what,
                            const void *data, size_t len, const char *trailer,
                            crm_diags *diags)
{
    size_t tlen = trailer ? strlen(trailer) : 0;
    struct output *out = NULL;
    crm_status st = claim(o, path, what, &out, diags);

    if (st != CRM_OK) {
        return st;
    }
    if (out->added || o->committed) {
        crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0, "%s is written twice", what);
        return CRM_EUSAGE;
    }
    if (out->stream) {
        if ((out->data = malloc(len + tlen + 1)) == NULL) {
            return CRM_ENOMEM;
        }
        memcpy(out->data, data, len);
        memcpy(out->data + len, trailer ? trailer : "", tlen);
        out->len = len + tlen;
    } else if (out->at.exists && S_ISDIR(out->at.mode)) {
        crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0,
                      "is a directory; expected a file name for %s", what);
        return CRM_EINPUT;
    } else if ((st = stage_file(out, data, len, trailer, diags)) != CRM_OK) {
        return st;
    }
    out->added = true;
    return CRM_OK;
}

crm_status crm_outputs_add(crm_outputs *o, const char *path, const char *what,
                           const void *data, size_t len, crm_diags *diags)
{
    return crm__outputs_add(o, path, what, data, len, NULL, diags);
}

/* Give the file at @p target a second name, so that a rollback can put it
 * back once a temporary has been renamed over it. NULL when there is no
 * file there (or the file system has no hard links: then no rollback). */
static char *keep_old(const char *target)
{
    size_t size = strlen(target) + 48;
    char *name = malloc(size);
    int tries = 0;

    for (tries = 0; name != NULL && tries < 100; tries++) {
        temp_name(target, name, size);
        if (link(target, name) == 0) {
            return name;
        }
        if (errno != EEXIST) {
            break;
        }
    }
    free(name);
    return NULL;
}

/* Put back what the commit replaced, newest first. */
static void undo(crm_outputs *o)
{
    size_t i = o->output_count;

    while (i-- > 0) {
        struct output *out = &o->outputs[i];

        if (!out->renamed) {
            continue;
        }
        if (out->backup != NULL) {
            rename(out->backup, out->at.path);
            free(out->backup);
            out->backup = NULL;
        } else {
            unlink(out->at.path);
        }
        out->renamed = false;
    }
}

/* Write a stream output in place: standard output, or the device. */
static bool write_stream(const struct output *out)
{
    int fd = -1;
    bool ok = false;

    if (strcmp(out->at.path, "-") == 0) {
        return fwrite(out->data, 1, out->len, stdout) == out->len && fflush(stdout) == 0;
    }
    if ((fd = open(out->at.path, O_WRONLY | O_TRUNC | O_CLOEXEC)) < 0) {
        return false;
    }
    ok = write_all(fd, out->data, out->len);
    return close(fd) == 0 && ok;
}

/* Flush the directory entries the renames made (so a power loss does not
 * take them back); failures are not errors, the data is in place. */
static void sync_dir_of(struct crm_arena *arena, const char *path)
{
    const char *dir = crm__path_dirname(arena, path);
    int fd = dir != NULL ? open(dir, O_RDONLY | O_CLOEXEC) : -1;

    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

crm_status crm_outputs_commit(crm_outputs *o, crm_diags *diags)
{
    char ebuf[160];
    size_t i;

    if (!o->held) {
        hold_signals(&o->old_mask);
        o->held = true;
    }
    for (i = 0; i < o->output_count; i++) {
        struct output *out = &o->outputs[i];

        if (!out->added || out->stream) {
            continue;
        }
        out->backup = keep_old(out->at.path);
        if (rename(crm__live_path(out->tmp), out->at.path) != 0) {
            crm_diags_add(diags, CRM_SEV_ERROR, out->at.path, 0, 0, "cannot write: %s",
                          crm__errno_text(errno, ebuf, sizeof(ebuf)));
            if (out->backup != NULL) {
                unlink(out->backup);
                free(out->backup);
                out->backup = NULL;
            }
            undo(o);
            return CRM_EIO;
        }
        out->renamed = true;
        crm__live_forget(out->tmp); /* its name is the target's now */
        out->tmp = NULL;
    }
    for (i = 0; i < o->output_count; i++) {
        const struct output *out = &o->outputs[i];

        if (out->added && out->stream && !write_stream(out)) {
            crm_diags_add(diags, CRM_SEV_ERROR, strcmp(out->at.path, "-") ? out->at.path : NULL,
                          0, 0, "cannot write %s: %s",
                          strcmp(out->at.path, "-") ? "to it" : "to standard output",
                          crm__errno_text(errno, ebuf, sizeof(ebuf)));
            undo(o);
            return CRM_EIO;
        }
    }
    for (i = 0; i < o->output_count; i++) {
        if (o->outputs[i].renamed) {
            sync_dir_of(o->arena, o->outputs[i].at.path);
        }
    }
    o->committed = true;
    return CRM_OK;
}

void crm_outputs_rollback(crm_outputs *o)
{
    if (o != NULL && o->committed) {
        undo(o);
        o->committed = false;
    }
}

void crm_outputs_free(crm_outputs *o)
{
    size_t i;

    if (o == NULL) {
        return;
    }
    for (i = 0; i < o->output_count; i++) {
        struct output *out = &o->outputs[i];

        if (out->tmp != NULL) {
            unlink(crm__live_path(out->tmp));
            crm__live_forget(out->tmp);
        }
        if (out->backup != NULL) {
            unlink(out->backup); /* the commit stands: the old file goes */
            free(out->backup);
        }
        free(out->data);
    }
    if (o->held) {
        release_signals(&o->old_mask);
    }
    free(o->outputs);
    free(o->protected);
    crm__arena_free(o->arena);
    free(o);
}
