/* What the libFuzzer harnesses share (fuzz.h). */
#define _XOPEN_SOURCE 700 /* nftw */
#include "fuzz.h"

#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/model.h"
#include "util/arena.h"

struct tree_call {
    const uint8_t *data;
    size_t size;
    crm_diags *diags;
    bool mapping_only;
    fuzz_tree_fn fn;
};

static crm_status tree_in(struct crm_arena *arena, void *ctx)
{
    struct tree_call *call = ctx;
    char *text = crm__arena_alloc(arena, call->size + 1);
    struct crm_ynode *root = NULL;
    struct crm_reader r;

    memcpy(text, call->data, call->size);
    if (crm__yaml_parse(arena, "fuzz.yaml", text, call->size, call->diags, &root) !=
            CRM_OK ||
        (call->mapping_only && root->type != CRM_YMAP)) {
        return CRM_EINPUT;
    }
    crm__rd_init(&r, arena, call->diags, "fuzz.yaml");
    call->fn(&r, root);
    return CRM_OK;
}

void fuzz_tree(const uint8_t *data, size_t size, bool mapping_only, fuzz_tree_fn fn)
{
    struct crm_arena *arena = crm__arena_new();
    struct tree_call call = { data, size, crm_diags_new(0), mapping_only, fn };

    if (arena != NULL && call.diags != NULL) {
        crm__arena_protect(arena, tree_in, &call, call.diags);
    }
    crm_diags_free(call.diags);
    crm__arena_free(arena);
}

#define PATH_SIZE 4096

/* Exit with a message: the harness cannot run at all. */
static void die(const char *what, const char *path)
{
    fprintf(stderr, "fuzz: cannot %s %s\n", what, path);
    exit(1);
}

/* @p dir/@p name into @p buf (PATH_SIZE bytes), or exit. */
static const char *path_in(char *buf, const char *dir, const char *name)
{
    if ((size_t)snprintf(buf, PATH_SIZE, "%s/%s", dir, name) >= PATH_SIZE) {
        die("name a file in", dir);
    }
    return buf;
}

static void link_to(const char *target, const char *dir, const char *name)
{
    char path[PATH_SIZE];

    if (symlink(target, path_in(path, dir, name)) != 0) {
        die("make", path);
    }
}

/* Remove the directory fuzz_dir made (links are removed, not followed). */
static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static char dir[PATH_SIZE];

static void remove_dir(void)
{
    nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

const char *fuzz_dir(void)
{
    static const char *const hand[] = { "criteria.yaml", "profile.yaml", "vendors/a.yaml",
                                        "vendors/b.yaml", "vendors/c.yaml", NULL };
    char examples[PATH_SIZE], target[PATH_SIZE], vendors[PATH_SIZE];
    size_t i;

    if (dir[0] != '\0') {
        return dir;
    }
    path_in(dir, getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", "crmeval-fuzz-XXXXXX");
    if (mkdtemp(dir) == NULL) {
        die("make", dir);
    }
    atexit(remove_dir);
    link_to(CRMEVAL_SOURCE_DIR "/criteria", dir, "criteria");
    link_to(CRMEVAL_SOURCE_DIR "/vendors", dir, "vendors");
    link_to(CRMEVAL_SOURCE_DIR "/templates", dir, "templates");
    path_in(examples, dir, "examples");
    path_in(vendors, examples, "vendors");
    if (mkdir(examples, 0777) != 0 || mkdir(vendors, 0777) != 0) {
        die("make", vendors);
    }
    for (i = 0; hand[i] != NULL; i++) {
        link_to(path_in(target, CRMEVAL_SOURCE_DIR "/tests/data/hand", hand[i]), examples,
                hand[i]);
    }
    link_to(CRMEVAL_SOURCE_DIR "/examples/vendors/seed_project.yaml", vendors,
            "seed_project.yaml");
    return dir;
}

const char *fuzz_write(const char *name, const uint8_t *data, size_t size)
{
    static char path[PATH_SIZE];
    char examples[PATH_SIZE];
    int fd = -1;

    path_in(path, path_in(examples, fuzz_dir(), "examples"), name);
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || (size > 0 && write(fd, data, size) != (ssize_t)size) || close(fd) != 0) {
        die("write", path);
    }
    return path;
}

/* An evaluation from the source tree, loaded once and kept. */
static const crm_evaluation *load_once(const crm_evaluation **slot, const char *path)
{
    crm_evaluation *ev = NULL;
    crm_diags *diags = NULL;

    if (*slot != NULL) {
        return *slot;
    }
    diags = crm_diags_new(0);
    if (crm_evaluation_load(&ev, path, diags) != CRM_OK) {
        die("load", path);
    }
    crm_diags_free(diags);
    *slot = ev;
    return ev;
}

const crm_evaluation *fuzz_retail(void)
{
    static const crm_evaluation *retail;

    return load_once(&retail, CRMEVAL_SOURCE_DIR "/examples/retail-sme.yaml");
}

const struct crm_criteria_set *fuzz_criteria(const char *id)
{
    static const crm_evaluation *hand;

    if (id != NULL && strcmp(id, "core") == 0) {
        return fuzz_retail()->set;
    }
    return load_once(&hand, CRMEVAL_SOURCE_DIR "/tests/data/hand/evaluation.yaml")->set;
}
