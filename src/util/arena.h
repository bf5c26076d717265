/*
 * Arena allocator: everything a loaded model holds (YAML nodes, strings,
 * criteria, vendors) is allocated from one arena and freed with it, so the
 * loaders have no per-object free paths to get wrong.
 *
 * Out of memory: when the arena has a recovery point (crm__arena_set_jmp,
 * crm__arena_protect), a failed allocation longjmps there and the caller
 * frees the whole arena; without one it returns NULL.
 *
 * The longjmp rule. A longjmp abandons every frame between the allocation
 * and the recovery point, so while anything the arena does not own is held
 * in those frames (an open FILE* or descriptor, a malloc'd block, a libyaml
 * parser or event, a cJSON tree, an SQLite or libharu handle, a lock, a
 * thread), the code holding it must not call an allocation that can
 * longjmp. It does one of:
 *   - allocate with crm__arena_try_alloc (never longjmps), release what it
 *     holds when that returns NULL, then call crm__arena_oom();
 *   - set a recovery point of its own (crm__arena_protect, or setjmp with
 *     crm__arena_set_jmp as src/load/yamltree.c does) that releases what it
 *     holds and passes the failure on;
 *   - hand the thing to an owner that frees it on every path before the
 *     allocation (a list the caller frees whether the call failed or not).
 * Locals a recovery point reads after the longjmp and that change after
 * setjmp must be volatile. Out of memory met outside the arena (libyaml,
 * fopen, malloc) travels the same way: release, then crm__arena_oom().
 */
#ifndef CRM_UTIL_ARENA_H
#define CRM_UTIL_ARENA_H

#include <setjmp.h>
#include <stddef.h>

#include "crmeval/error.h"

struct crm_arena;

/** New empty arena; NULL when out of memory. Free with crm__arena_free. */
struct crm_arena *crm__arena_new(void);
void crm__arena_free(struct crm_arena *arena);

/** Where to longjmp on out of memory (NULL: return NULL instead). */
void crm__arena_set_jmp(struct crm_arena *arena, jmp_buf *env);

/** The current recovery point (NULL when none). */
jmp_buf *crm__arena_get_jmp(struct crm_arena *arena);

/**
 * Run @p fn with @p arena's recovery point set: an allocation failure
 * inside unwinds to here and CRM_ENOMEM is returned (the status alone says
 * it: a message would need memory). A diagnostic that @p diags dropped for
 * lack of memory while @p fn ran also makes it CRM_ENOMEM, so no warning
 * or error goes missing from a run that seems to succeed. The arena is
 * left for the caller to free.
 */
crm_status crm__arena_protect(struct crm_arena *arena,
                              crm_status (*fn)(struct crm_arena *, void *),
                              void *ctx, crm_diags *diags);

/** Zeroed, 16-byte aligned memory living as long as the arena. */
void *crm__arena_alloc(struct crm_arena *arena, size_t size);
/** As crm__arena_alloc, but NULL when out of memory, never a longjmp: for
 * code holding something the arena does not own (the longjmp rule). */
void *crm__arena_try_alloc(struct crm_arena *arena, size_t size);
/**
 * Out of memory, met by the caller (a failed crm__arena_try_alloc, libyaml,
 * fopen, malloc) after it has released what it holds: longjmps to the
 * arena's recovery point when it has one, else returns CRM_ENOMEM.
 */
crm_status crm__arena_oom(struct crm_arena *arena);
/** An array of @p n elements of @p size (overflow-checked), zeroed. */
void *crm__arena_array(struct crm_arena *arena, size_t n, size_t size);
char *crm__arena_strdup(struct crm_arena *arena, const char *s);
char *crm__arena_strndup(struct crm_arena *arena, const char *s, size_t n);
/** printf into the arena. */
char *crm__arena_printf(struct crm_arena *arena, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
