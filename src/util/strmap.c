/* String -> index map with linear probing, sized once at 2x the keys. */
#include "util/strmap.h"

#include <stdint.h>
#include <string.h>

#include "util/arena.h"

/* 64-bit FNV-1a: simple and spreads short keys (ids) well enough for
 * linear probing. */
static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;

    while (*s != '\0') {
        h ^= (unsigned char)*s++;
        h *= 1099511628211ULL;
    }
    return h;
}

void crm__strmap_init(struct crm_strmap *map, struct crm_arena *arena,
                      size_t expected)
{
    size_t cap = 8;

    while (cap < expected * 2) {
        cap *= 2;
    }
    map->keys = crm__arena_array(arena, cap, sizeof(*map->keys));
    map->values = crm__arena_array(arena, cap, sizeof(*map->values));
    map->capacity = cap;
    map->count = 0;
}

bool crm__strmap_put(struct crm_strmap *map, const char *key, size_t value)
{
    size_t mask = map->capacity - 1;
    size_t i = (size_t)hash_str(key) & mask;

    while (map->keys[i] != NULL) {
        if (strcmp(map->keys[i], key) == 0) {
            return false;
        }
        i = (i + 1) & mask;
    }
    map->keys[i] = key;
    map->values[i] = value;
    map->count++;
    return true;
}

bool crm__strmap_get(const struct crm_strmap *map, const char *key,
                     size_t *value)
{
    size_t mask = 0;
    size_t i = 0;

    if (map->capacity == 0) {
        return false;
    }
    mask = map->capacity - 1;
    i = (size_t)hash_str(key) & mask;
    while (map->keys[i] != NULL) {
        if (strcmp(map->keys[i], key) == 0) {
            *value = map->values[i];
            return true;
        }
        i = (i + 1) & mask;
    }
    return false;
}
