/*
 * Reading one input file: its bytes, their SHA-256, the YAML tree, and
 * the `kind:` that says what the file is (crm__file_load, load/load.h).
 * Every loader starts here, so every input is digested the same way.
 */
#include <stdio.h>
#include <string.h>

#include "load/load.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "util/sha256.h"

static const char *const file_kinds[] = { "criteria", "profile", "vendor",
                                          "evaluation", "template", "text",
                                          "judgements", "scores", NULL };

const char *crm__file_kind_name(enum crm_file_kind kind)
{
    return kind < CRM_FILE_UNKNOWN ? file_kinds[kind] : "unknown";
}

crm_status crm__file_load(struct crm_arena *arena, const char *path,
                          enum crm_file_kind expect, crm_diags *diags,
                          struct crm_loaded_file *out)
{
    struct crm_sha256 sha;
    struct crm_reader r;
    char *data = NULL;
    size_t len = 0;
    const struct crm_ynode *kind = NULL;
    crm_status st = CRM_OK;
    int k = 0;

    memset(out, 0, sizeof(*out));
    out->path = crm__arena_strdup(arena, path);
    out->kind = CRM_FILE_UNKNOWN;
    st = crm__file_read(arena, out->path, CRM_MAX_FILE_SIZE, &data, &len,
                        diags);
    if (st != CRM_OK) {
        return st;
    }
    crm__sha256_init(&sha);
    crm__sha256_update(&sha, data, len);
    crm__sha256_hex(&sha, out->sha256);
    st = crm__yaml_parse(arena, out->path, data, len, diags, &out->root);
    if (st != CRM_OK) {
        return st;
    }
    crm__rd_init(&r, arena, diags, out->path);
    if (out->root->type != CRM_YMAP) {
        crm__rd_error(&r, out->root,
                      "expected a mapping at the top of the file, got %s",
                      crm__ynode_kind(out->root));
        return CRM_EINPUT;
    }
    kind = crm__rd_get(out->root, "kind");
    if (kind == NULL) {
        crm__rd_error(&r, out->root,
                      "missing required key 'kind'; expected one of: "
                      "criteria, profile, vendor, evaluation");
        return CRM_EINPUT;
    }
    k = crm__rd_enum(&r, kind, "file kind", file_kinds);
    if (k < 0) {
        return CRM_EINPUT;
    }
    out->kind = (enum crm_file_kind)k;
    if (expect != CRM_FILE_UNKNOWN && out->kind != expect) {
        const char *want = crm__file_kind_name(expect);

        crm__rd_error(&r, kind, "expected %s %s file here, but its kind is '%s'",
                      strchr("aeiou", want[0]) ? "an" : "a", want, kind->text);
        return CRM_EINPUT;
    }
    return CRM_OK;
}
