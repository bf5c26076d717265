/* File helpers: bounded reads, atomic writes, path arithmetic. */
#ifndef CRM_UTIL_FILEIO_H
#define CRM_UTIL_FILEIO_H

#include <stddef.h>

#include "crmeval/error.h"

struct crm_arena;

/**
 * Read the whole file at @p path into memory owned by @p arena (NUL added).
 * Files over @p max_size bytes are refused with an input error naming the
 * limit. Errors go to @p diags.
 * @return CRM_OK, CRM_EINPUT (missing, not a file, too large) or CRM_EIO
 *         (a read failed part-way). Out of memory (for the FILE or the
 *         data) goes through crm__arena_oom: a longjmp, or CRM_ENOMEM.
 */
crm_status crm__file_read(struct crm_arena *arena, const char *path,
                          size_t max_size, char **data, size_t *len,
                          crm_diags *diags);

/**
 * Write @p len bytes to @p path atomically: into "path.tmp.PID" in the same
 * directory, flushed, then renamed over @p path. On failure the temporary is
 * removed and @p path is untouched. "-" writes to standard output.
 * @p trailer (may be NULL) is written after the data, e.g. a final newline.
 */
crm_status crm__file_write_atomic(const char *path, const void *data,
                                  size_t len, const char *trailer,
                                  crm_diags *diags);

/** Directory part of @p path ("." when none), in the arena. */
char *crm__path_dirname(struct crm_arena *arena, const char *path);

/** @p rel resolved against directory @p dir (unless absolute), in the arena. */
char *crm__path_join(struct crm_arena *arena, const char *dir,
                     const char *rel);

#endif
