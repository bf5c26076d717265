/*
 * Arena allocator. Blocks grow geometrically up to 1 MiB; a request larger
 * than a block gets a block of its own. Memory is zeroed on allocation.
 */
#include "util/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_ALIGN 16
#define ARENA_FIRST_BLOCK ((size_t)16 << 10)
#define ARENA_MAX_BLOCK ((size_t)1 << 20)

struct arena_block {
    struct arena_block *next;
    size_t size;
    size_t used;
    /* data follows, aligned */
};

struct crm_arena {
    struct arena_block *head;
    size_t next_size;
    jmp_buf *oom_jmp;
};

#define BLOCK_HEADER \
    ((sizeof(struct arena_block) + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1))

/* An empty arena: no block until the first allocation, which gets
 * ARENA_FIRST_BLOCK bytes. NULL when out of memory. */
struct crm_arena *crm__arena_new(void)
{
    struct crm_arena *arena = calloc(1, sizeof(*arena));

    if (arena != NULL) {
        arena->next_size = ARENA_FIRST_BLOCK;
    }
    return arena;
}

/* Free every block and the arena itself, and with them everything
 * allocated from it. NULL is a no-op, so error paths need no check. */
void crm__arena_free(struct crm_arena *arena)
{
    struct arena_block *block = NULL;

    if (arena == NULL) {
        return;
    }
    block = arena->head;
    while (block != NULL) {
        struct arena_block *next = block->next;
        free(block);
        block = next;
    }
    free(arena);
}

void crm__arena_set_jmp(struct crm_arena *arena, jmp_buf *env)
{
    arena->oom_jmp = env;
}

jmp_buf *crm__arena_get_jmp(struct crm_arena *arena)
{
    return arena->oom_jmp;
}

crm_status crm__arena_oom(struct crm_arena *arena)
{
    if (arena->oom_jmp != NULL) {
        longjmp(*arena->oom_jmp, 1);
    }
    return CRM_ENOMEM;
}

void *crm__arena_alloc(struct crm_arena *arena, size_t size)
{
    void *p = crm__arena_try_alloc(arena, size);

    if (p == NULL) {
        crm__arena_oom(arena);
    }
    return p;
}

void *crm__arena_try_alloc(struct crm_arena *arena, size_t size)
{
    struct arena_block *block = arena->head;
    size_t need = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    unsigned char *p = NULL;

    if (need < size) {
        return NULL;
    }
    if (need == 0) {
        need = ARENA_ALIGN;
    }
    if (block == NULL || block->size - block->used < need) {
        size_t bsize = arena->next_size;

        if (bsize < need) {
            bsize = need;
        }
        if (bsize > SIZE_MAX - BLOCK_HEADER) {
            return NULL;
        }
        /* calloc: fresh pages come zeroed from the kernel, so each byte
         * is cleared once, not on every allocation. */
        block = calloc(1, BLOCK_HEADER + bsize);
        if (block == NULL) {
            return NULL;
        }
        block->size = bsize;
        block->used = 0;
        /* Keep the fuller block out of the way only when the new one is a
         * one-off big block; otherwise the new block becomes the head. */
        if (arena->head != NULL && bsize == need && need > arena->next_size) {
            block->next = arena->head->next;
            arena->head->next = block;
        } else {
            block->next = arena->head;
            arena->head = block;
            if (arena->next_size < ARENA_MAX_BLOCK) {
                arena->next_size *= 2;
            }
        }
    }
    p = (unsigned char *)block + BLOCK_HEADER + block->used;
    block->used += need;
    return p;
}

void *crm__arena_array(struct crm_arena *arena, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size) {
        crm__arena_oom(arena);
        return NULL;
    }
    return crm__arena_alloc(arena, n * size);
}

/* A NUL-terminated copy of the first @p n bytes of @p s, living as long as
 * the arena; @p s need not be terminated within those bytes. Out of
 * memory is handled as crm__arena_alloc handles it. */
char *crm__arena_strndup(struct crm_arena *arena, const char *s, size_t n)
{
    char *copy = crm__arena_alloc(arena, n + 1);

    if (copy != NULL) {
        memcpy(copy, s, n);
        copy[n] = '\0';
    }
    return copy;
}

char *crm__arena_strdup(struct crm_arena *arena, const char *s)
{
    return crm__arena_strndup(arena, s, strlen(s));
}

char *crm__arena_printf(struct crm_arena *arena, const char *fmt, ...)
{
    va_list ap;
    int n = 0;
    char *out = NULL;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        return NULL;
    }
    out = crm__arena_alloc(arena, (size_t)n + 1);
    if (out == NULL) {
        return NULL;
    }
    va_start(ap, fmt);
    vsnprintf(out, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return out;
}

crm_status crm__arena_protect(struct crm_arena *arena,
                              crm_status (*fn)(struct crm_arena *, void *),
                              void *ctx, crm_diags *diags)
{
    jmp_buf env;
    jmp_buf *volatile outer = arena->oom_jmp;
    size_t lost = crm_diags_lost(diags);
    crm_status st = CRM_OK;

    if (setjmp(env) != 0) {
        arena->oom_jmp = outer;
        return CRM_ENOMEM;
    }
    arena->oom_jmp = &env;
    st = fn(arena, ctx);
    arena->oom_jmp = outer;
    return crm_diags_lost(diags) != lost ? CRM_ENOMEM : st;
}
