/* File helpers: bounded reads, atomic writes, path arithmetic. */
#ifndef CRM_UTIL_FILEIO_H
#define CRM_UTIL_FILEIO_H

#include <stddef.h>

#include "crmeval/error.h"

struct crm_arena;

/**
 * Open @p path to read as an input: without blocking (a FIFO with no
 * writer would block open() for ever) and without becoming the
 * controlling terminal; only a regular file is accepted, and O_NONBLOCK
 * is cleared again before the descriptor is returned.
 * @return the descriptor (the caller closes it), or -1 with the reason
 *         in @p why ("not a regular file (a FIFO)", or the errno text).
 */
int crm__input_open(const char *path, char *why, size_t why_size);

/**
 * Read the whole file at @p path into memory owned by @p arena (NUL added).
 * Opened with crm__input_open (a FIFO or device is refused, not waited
 * on). Files over @p max_size bytes are refused with an input error naming
 * the limit. Errors go to @p diags.
 * @return CRM_OK, CRM_EINPUT (missing, not a file, too large) or CRM_EIO
 *         (a read failed part-way). Out of memory goes through
 *         crm__arena_oom: a longjmp, or CRM_ENOMEM.
 */
crm_status crm__file_read(struct crm_arena *arena, const char *path,
                          size_t max_size, char **data, size_t *len,
                          crm_diags *diags);

/**
 * Write @p len bytes to @p path atomically: an output set of one file
 * (include/crmeval/output.h): a temporary beside it, created exclusively,
 * flushed, then renamed over @p path, which keeps its mode. On failure the
 * temporary is removed and @p path is untouched. "-" writes to standard
 * output. @p trailer (may be NULL) is written after the data, e.g. a final
 * newline. Nothing is protected: callers that read files use a set.
 */
crm_status crm__file_write_atomic(const char *path, const void *data,
                                  size_t len, const char *trailer,
                                  crm_diags *diags);

/** The text of errno value @p err in @p buf (thread-safe); EFBIG says
 * "file too large" and the process's file size limit. */
const char *crm__errno_text(int err, char *buf, size_t size);

/** Directory part of @p path ("." when none), in the arena. */
char *crm__path_dirname(struct crm_arena *arena, const char *path);

/** @p rel resolved against directory @p dir (unless absolute), in the arena. */
char *crm__path_join(struct crm_arena *arena, const char *dir,
                     const char *rel);

/**
 * The name of a file in @p dir ending in @p suffix (suffix removed) that is
 * closest to @p name, as a did-you-mean hint for a mistyped id
 * ("smee" -> "sme"), copied to @p buf of @p size bytes. NULL when none is
 * close, or the directory cannot be read (a hint is never an error).
 */
const char *crm__similar_file(const char *dir, const char *name, const char *suffix,
                              char *buf, size_t size);

#endif
