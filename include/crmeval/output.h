/**
 * @file output.h
 * The files one run writes, put in place all together or not at all
 * (docs/cli.md, "Outputs").
 *
 * A run first names what it must never replace (crm_outputs_protect: the
 * files it reads, the workspace database), then adds each output: the bytes
 * are written in full to a temporary file beside the target, created
 * exclusively (never through a planted symbolic link, never over a
 * leftover) with the permission bits of the file it will replace (a new
 * file gets 0666 less the umask). crm_outputs_commit renames them all into
 * place. Until then the targets are untouched, and crm_outputs_free
 * removes every temporary, so a failed run leaves the old files as they
 * were. "-" is standard output, and a device or FIFO (say /dev/null) is
 * written in place; both are written at the commit.
 *
 * An output whose target is a protected file (the same device and inode,
 * or, for a file not made yet, the same directory and name) or another
 * output of the run is an input error naming both.
 *
 * Ownership: crm_outputs_new returns a set that crm_outputs_free frees;
 * paths and data are copied.
 */
#ifndef CRMEVAL_OUTPUT_H
#define CRMEVAL_OUTPUT_H

#include <stddef.h>

#include "crmeval/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct crm_outputs crm_outputs;

/** A new, empty set. @return CRM_OK or CRM_ENOMEM (*out NULL). */
crm_status crm_outputs_new(crm_outputs **out);

/**
 * Free the set. Before a commit (or after a failed one) every temporary is
 * removed and no target changes; after a commit the outputs stay in place.
 * NULL is a no-op.
 */
void crm_outputs_free(crm_outputs *outputs);

/**
 * Protect @p path: no output of the set may replace it. @p what says what
 * it is, for the message ("the evaluation", "the workspace database"). The
 * file need not exist yet (a database the run is about to make).
 * @return CRM_OK or CRM_ENOMEM.
 */
crm_status crm_outputs_protect(crm_outputs *outputs, const char *path, const char *what,
                               crm_diags *diags);

/**
 * Check now, before the work of rendering it, that @p path may take the
 * output @p what ("the JSON report"): not a protected file, not another
 * output's target. The path is claimed, so later outputs are checked
 * against it too.
 * @return CRM_OK, CRM_EINPUT (the message names both files), CRM_ENOMEM.
 */
crm_status crm_outputs_check(crm_outputs *outputs, const char *path, const char *what,
                             crm_diags *diags);

/**
 * Add an output: check @p path as crm_outputs_check does, then write the
 * @p len bytes of @p data to a temporary file beside it (creating missing
 * directories), flushed to disk.
 * @return CRM_OK; CRM_EINPUT (a protected file or another output's path, a
 *         directory); CRM_EIO (the message says why: no space, file too
 *         large, permission...); CRM_ENOMEM.
 */
crm_status crm_outputs_add(crm_outputs *outputs, const char *path, const char *what,
                           const void *data, size_t len, crm_diags *diags);

/**
 * Put every output in place: rename each temporary over its target, then
 * write standard output and devices. A rename that fails puts back the
 * files already replaced. SIGINT, SIGTERM, SIGHUP and SIGPIPE are held
 * from here until crm_outputs_rollback or crm_outputs_free, so that the
 * step a caller joins to the commit (recording the run in a database)
 * cannot be cut in two by a signal.
 * @return CRM_OK, or CRM_EIO with every target as it was before.
 */
crm_status crm_outputs_commit(crm_outputs *outputs, crm_diags *diags);

/**
 * Undo a successful commit: put back the files it replaced and remove the
 * ones it made (for when the step joined to the commit failed). Standard
 * output and devices cannot be taken back.
 */
void crm_outputs_rollback(crm_outputs *outputs);

/**
 * For programs that own their signals (the crmeval CLI): on SIGINT,
 * SIGTERM or SIGHUP remove this process's temporary files, then die of
 * the same signal; ignore SIGXFSZ, so that writing past the file size
 * limit (ulimit -f) fails with "file too large" instead of killing the
 * process. SIGKILL cannot be caught: a stale NAME.tmp.* file can remain
 * after one (or a power loss); later runs never use or read it.
 */
void crm_outputs_handle_signals(void);

#ifdef __cplusplus
}
#endif

#endif
