/*
 * Arena allocator: everything a loaded model holds (YAML nodes, strings,
 * criteria, vendors) is allocated from one arena and freed with it, so the
 * loaders have no per-object free paths to get wrong.
 *
 * Out of memory: when the arena has a recovery point (crm__arena_set_jmp),
 * a failed allocation longjmps there and the caller frees the whole arena;
 * without one it returns NULL.
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
 * inside unwinds to here, "out of memory" is added to @p diags and
 * CRM_ENOMEM returned. The arena is left for the caller to free.
 */
crm_status crm__arena_protect(struct crm_arena *arena,
                              crm_status (*fn)(struct crm_arena *, void *),
                              void *ctx, crm_diags *diags);

/** Zeroed, 16-byte aligned memory living as long as the arena. */
void *crm__arena_alloc(struct crm_arena *arena, size_t size);
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
