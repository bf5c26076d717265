/* Fuzz the YAML tree (src/load/yamltree.c): any bytes, then every node of
 * the tree checked for the shape the loaders rely on. */
/* the checks below are the point: keep them in every build type */
#undef NDEBUG
#include <assert.h>
#include <string.h>

#include "fuzz.h"

/* Walk @p n (the tree is at most CRM_YAML_MAX_DEPTH deep), asserting:
 * 1-based positions; scalars as long as their text; mapping keys that
 * are scalars; children present. Returns the number of nodes. */
static size_t walk(const struct crm_ynode *n, unsigned depth)
{
    size_t count = 1, i;

    assert(n != NULL && depth <= CRM_YAML_MAX_DEPTH + 1);
    assert(n->line >= 1 && n->column >= 1);
    switch (n->type) {
    case CRM_YSCALAR:
        assert(n->text != NULL && strlen(n->text) == n->len);
        break;
    case CRM_YSEQ:
        for (i = 0; i < n->count; i++) {
            count += walk(n->items[i], depth + 1);
        }
        break;
    case CRM_YMAP:
        for (i = 0; i < n->count; i++) {
            assert(n->pairs[i].key->type == CRM_YSCALAR);
            count += walk(n->pairs[i].key, depth + 1);
            count += walk(n->pairs[i].value, depth + 1);
        }
        break;
    }
    return count;
}

static void check(struct crm_reader *r, const struct crm_ynode *root)
{
    (void)r;
    assert(walk(root, 0) <= 2 * CRM_YAML_MAX_NODES);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_tree(data, size, false, check);
    return 0;
}
