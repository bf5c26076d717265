/*
 * A YAML document as a plain tree with source positions, built from
 * libyaml's event stream. This is the only module that includes <yaml.h>.
 *
 * The tree refuses what the loaders never want and what could hurt them:
 * anchors and aliases (a few lines of aliases can expand to gigabytes),
 * more than one document, keys that are not scalars, duplicate keys,
 * nesting deeper than CRM_YAML_MAX_DEPTH and more than CRM_YAML_MAX_NODES
 * nodes. Positions are 1-based.
 */
#ifndef CRM_LOAD_YAMLTREE_H
#define CRM_LOAD_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "crmeval/error.h"

struct crm_arena;

#define CRM_YAML_MAX_DEPTH 64
#define CRM_YAML_MAX_NODES ((size_t)4 << 20)

enum crm_ynode_type { CRM_YSCALAR, CRM_YSEQ, CRM_YMAP };

struct crm_ynode;

struct crm_ypair {
    struct crm_ynode *key; /* always a scalar */
    struct crm_ynode *value;
};

struct crm_ynode {
    enum crm_ynode_type type;
    unsigned line, column;
    /* scalar */
    const char *text;
    size_t len;
    bool plain;     /* unquoted, untagged: may be a number or boolean */
    /* the first character of the text that a name may not hold
     * (crm__is_name_control: a control character, line break or
     * bidirectional control), and where it is in the file, an escape such
     * as "\e" at its backslash; control_line 0 when there is none */
    unsigned long control;
    unsigned control_line, control_column;
    /* sequence */
    struct crm_ynode **items;
    /* mapping */
    struct crm_ypair *pairs;
    size_t count;   /* items or pairs */
};

/**
 * Parse @p len bytes of @p text (from @p file, for messages) into a tree in
 * @p arena. Checks UTF-8 first so a bad byte is reported with its position.
 * @return CRM_OK with *root set; CRM_EINPUT with the problem in @p diags
 *         (*root NULL). Out of memory longjmps through the arena when it has
 *         a recovery point, else returns CRM_ENOMEM.
 */
crm_status crm__yaml_parse(struct crm_arena *arena, const char *file,
                           const char *text, size_t len, crm_diags *diags,
                           struct crm_ynode **root);

/** Human name of a node's type for messages: "text", "a list", "a mapping". */
const char *crm__ynode_kind(const struct crm_ynode *node);

#endif
