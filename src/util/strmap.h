/*
 * String -> index map (open addressing, FNV-1a). Keys are borrowed and must
 * outlive the map; the map's own memory comes from an arena.
 */
#ifndef CRM_UTIL_STRMAP_H
#define CRM_UTIL_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

struct crm_arena;

struct crm_strmap {
    const char **keys;
    size_t *values;
    size_t capacity; /* power of two */
    size_t count;
};

/** Prepare for up to @p expected keys (the table never grows). */
void crm__strmap_init(struct crm_strmap *map, struct crm_arena *arena,
                      size_t expected);
/** Insert; returns false (and leaves the map) when the key exists. */
bool crm__strmap_put(struct crm_strmap *map, const char *key, size_t value);
/** Look up; returns false when absent. */
bool crm__strmap_get(const struct crm_strmap *map, const char *key,
                     size_t *value);

#endif
