/*
 * Inside the output sets (include/crmeval/output.h): the registry of live
 * temporary files that the signal handler removes, and exclusive creation
 * of a temporary beside a target.
 */
#ifndef CRM_UTIL_OUTPUT_H
#define CRM_UTIL_OUTPUT_H

#include <stddef.h>
#include <sys/types.h>

#include "crmeval/output.h"

/* A path the signal handler removes (crm_outputs_handle_signals) until it
 * is forgotten. */
struct crm_live;

/* Register @p path; NULL when out of memory. */
struct crm_live *crm__live_add(const char *path);
/* Forget @p live (the file is not touched) and free it. NULL is a no-op. */
void crm__live_forget(struct crm_live *live);
/* The registered path, owned by @p live. */
const char *crm__live_path(const struct crm_live *live);

/*
 * Create a new, empty file beside @p target, "TARGET.tmp.PID.XXXXXX",
 * with O_CREAT | O_EXCL | O_NOFOLLOW and mode 0600: never through a link
 * someone planted, never a file that was there. It is registered before a
 * signal can see it. @return an open descriptor with *live set, or -1 with
 * errno set (ENOMEM included).
 */
int crm__temp_create(const char *target, struct crm_live **live);

/* The mode a new file gets: 0666 less the umask (read by setting it and
 * setting it back, from the one thread that writes files). */
mode_t crm__new_file_mode(void);

/* crm_outputs_add with @p trailer (may be NULL) written after the data,
 * e.g. a JSON report's final newline. */
crm_status crm__outputs_add(crm_outputs *outputs, const char *path, const char *what,
                            const void *data, size_t len, const char *trailer,
                            crm_diags *diags);

#endif
