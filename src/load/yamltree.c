/*
 * YAML -> crm_ynode tree, from libyaml's event API.
 *
 * Nodes under construction sit on an explicit stack (no recursion), each
 * with a growable child vector. Vectors grow inside the arena; the space
 * left behind by a grown vector is bounded by the final size, so memory
 * stays linear in the input.
 */
#include "load/yamltree.h"
#include "util/diag.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util/arena.h"
#include "util/strutil.h"

/* Mappings with fewer keys are checked for duplicates key by key. */
#define SMALL_MAP 16

struct frame {
    struct crm_ynode *node;
    void *vec;       /* items (seq) or pairs (map) */
    size_t count;
    size_t capacity;
    struct crm_ynode *pending_key; /* map: key waiting for its value */
};

struct builder {
    yaml_parser_t parser;
    yaml_event_t event;
    volatile bool have_event;
    struct crm_arena *arena;
    const char *file;
    crm_diags *diags;
    struct frame stack[CRM_YAML_MAX_DEPTH + 1];
    size_t depth;
    size_t nodes;
    struct crm_ynode *root;
    bool failed;
    const char *text;          /* the source, for control characters' places */
    size_t len;
    size_t cursor_chars, cursor_byte; /* a character index and its byte */
};

const char *crm__ynode_kind(const struct crm_ynode *node)
{
    switch (node->type) {
    case CRM_YSCALAR:
        return "text";
    case CRM_YSEQ:
        return "a list";
    case CRM_YMAP:
        return "a mapping";
    }
    return "?";
}

static void b_error(struct builder *b, const yaml_mark_t *mark,
                    const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Report a parse error at a libyaml mark (0-based, so plus one: messages
 * are 1-based) and mark the build failed. */
static void b_error(struct builder *b, const yaml_mark_t *mark,
                    const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    crm__diags_addv(b->diags, CRM_SEV_ERROR, b->file, (unsigned)mark->line + 1,
                    (unsigned)mark->column + 1, fmt, ap);
    va_end(ap);
    b->failed = true;
}

/* Append @p value (@p elem bytes) to the frame's children, doubling the
 * array from 8. The old array stays in the arena until it is freed: a
 * little waste in exchange for no per-node malloc. */
static void vec_push(struct builder *b, struct frame *f, size_t elem,
                     const void *value)
{
    if (f->count == f->capacity) {
        size_t cap = f->capacity ? f->capacity * 2 : 8;
        void *grown = crm__arena_array(b->arena, cap, elem);

        if (f->count > 0) {
            memcpy(grown, f->vec, f->count * elem);
        }
        f->vec = grown;
        f->capacity = cap;
    }
    memcpy((char *)f->vec + f->count * elem, value, elem);
    f->count++;
}

/* Attach a finished node to its parent (or make it the root). Returns false
 * on a structural error already reported. */
static bool attach(struct builder *b, struct crm_ynode *node,
                   const yaml_mark_t *mark)
{
    struct frame *parent = NULL;

    if (b->depth == 0) {
        b->root = node;
        return true;
    }
    parent = &b->stack[b->depth - 1];
    if (parent->node->type == CRM_YSEQ) {
        vec_push(b, parent, sizeof(node), &node);
        return true;
    }
    if (parent->pending_key == NULL) {
        struct crm_ypair *pairs = parent->vec;
        size_t i;

        if (node->type != CRM_YSCALAR) {
            b_error(b, mark, "a mapping key must be plain text, not %s",
                    crm__ynode_kind(node));
            return false;
        }
        /* Small mappings are checked here; large ones once, sorted, when
         * they end (a linear scan per key would be quadratic). */
        for (i = 0; parent->count < SMALL_MAP && i < parent->count; i++) {
            if (strcmp(pairs[i].key->text, node->text) == 0) {
                crm_diags_add(b->diags, CRM_SEV_ERROR, b->file, node->line,
                              node->column,
                              "duplicate key '%s' (first given at line %u); "
                              "each key may appear once",
                              node->text, pairs[i].key->line);
                b->failed = true;
                return false;
            }
        }
        parent->pending_key = node;
        return true;
    } else {
        struct crm_ypair pair;

        pair.key = parent->pending_key;
        pair.value = node;
        parent->pending_key = NULL;
        vec_push(b, parent, sizeof(pair), &pair);
        return true;
    }
}

/* A node of @p type at @p mark (1-based). Refuses the node past
 * CRM_YAML_MAX_NODES, so a huge file fails with a message rather than
 * exhausting memory. */
static struct crm_ynode *new_node(struct builder *b, enum crm_ynode_type type,
                                  const yaml_mark_t *mark)
{
    struct crm_ynode *node = NULL;

    if (++b->nodes > CRM_YAML_MAX_NODES) {
        crm_diags_add(b->diags, CRM_SEV_ERROR, b->file,
                      (unsigned)mark->line + 1, (unsigned)mark->column + 1,
                      "more than %zu YAML nodes; the file is too large to "
                      "be an input of this kind",
                      (size_t)CRM_YAML_MAX_NODES);
        b->failed = true;
        return NULL;
    }
    node = crm__arena_alloc(b->arena, sizeof(*node));
    node->type = type;
    node->line = (unsigned)mark->line + 1;
    node->column = (unsigned)mark->column + 1;
    return node;
}

/* The byte offset of character @p index (libyaml's marks count
 * characters); marks come in order, so a cursor makes this linear. */
static size_t byte_of(struct builder *b, size_t index)
{
    if (index < b->cursor_chars) {
        b->cursor_chars = 0;
        b->cursor_byte = 0;
    }
    while (b->cursor_chars < index && b->cursor_byte < b->len) {
        const char *p = b->text + b->cursor_byte;

        crm__utf8_next(&p);
        b->cursor_byte = (size_t)(p - b->text);
        b->cursor_chars++;
    }
    return b->cursor_byte;
}

static int hex_value(char c)
{
    return c >= '0' && c <= '9' ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* What the escape after a backslash at @p s stands for, and its length;
 * -1 for a line continuation or anything unknown (libyaml took it). */
static long escaped(const char *s, const char *end, size_t *len)
{
    static const char from[] = "0abt\tnvfre N_LP";
    static const long to[] = { 0, 7, 8, 9, 9, 10, 11, 12, 13, 27, 32, 0x85, 0xA0,
                               0x2028, 0x2029 };
    const char *hit = s < end && *s != '\0' ? strchr(from, *s) : NULL;
    size_t digits = 0, k;
    long cp = 0;

    *len = 1;
    if (hit != NULL) {
        return to[hit - from];
    }
    digits = s < end ? (*s == 'x' ? 2 : *s == 'u' ? 4 : *s == 'U' ? 8 : 0) : 0;
    if (digits == 0 || (size_t)(end - s) <= digits) {
        return -1;
    }
    for (k = 1; k <= digits; k++) {
        if (hex_value(s[k]) < 0) {
            return -1;
        }
        cp = cp * 16 + hex_value(s[k]);
    }
    *len = digits + 1;
    return cp;
}

/*
 * Where in the file the first character of @p node's text that
 * crm__is_name_control refuses comes from: that character itself, the
 * backslash of an escape ("\e", "\u202E") that stands for it, or the
 * line break that became a line feed (in a literal block past its
 * header, elsewhere one followed by an empty line). Scalars hold such
 * characters rarely (a note written over lines), and the search starts
 * at the scalar, so this stays linear in the file.
 */
static void locate_control(struct builder *b, const yaml_event_t *ev, struct crm_ynode *node)
{
    yaml_scalar_style_t style = ev->data.scalar.style;
    size_t at = byte_of(b, ev->start_mark.index), stop = byte_of(b, ev->end_mark.index);
    bool header = style == YAML_LITERAL_SCALAR_STYLE || style == YAML_FOLDED_SCALAR_STYLE;
    unsigned line = (unsigned)ev->start_mark.line + 1, column = (unsigned)ev->start_mark.column + 1;

    node->control_line = line; /* if nothing better is found: the scalar */
    node->control_column = column;
    while (at < stop) {
        const char *p = b->text + at;
        unsigned long cp = crm__utf8_next(&p);
        size_t next = (size_t)(p - b->text), len = 0;
        long e = -1;

        if (cp == '\\' && style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) {
            e = escaped(p, b->text + stop, &len);
            if (e >= 0 && crm__is_name_control((unsigned long)e)) {
                break;
            }
            next += len;
            column += (unsigned)len;
        } else if (cp == '\n' || cp == '\r') {
            const char *q = p;

            while (q < b->text + stop && (*q == ' ' || *q == '\t' || *q == '\r')) {
                q++;
            }
            if (!header && (style == YAML_LITERAL_SCALAR_STYLE ||
                            (q < b->text + stop && *q == '\n'))) {
                break;
            }
            header = false;
            if (cp == '\n') {
                line++;
                column = 0;
            }
        } else if (crm__is_name_control(cp) && (cp != '\t' || node->control == '\t')) {
            break; /* a bidirectional control, NEL or tab as it is (a tab
                    * only when the text has one: tabs around a folded
                    * line break are dropped) */
        }
        column++;
        at = next;
    }
    if (at < stop) {
        node->control_line = line;
        node->control_column = column;
    }
}

/* Handle one event; returns false to stop. */
static bool on_event(struct builder *b, const yaml_event_t *ev)
{
    struct crm_ynode *node = NULL;
    const unsigned char *anchor = NULL;

    switch (ev->type) {
    case YAML_ALIAS_EVENT:
        b_error(b, &ev->start_mark,
                "YAML alias '*%s' is not allowed; write the value out in full",
                (const char *)ev->data.alias.anchor);
        return false;
    case YAML_SCALAR_EVENT:
        anchor = ev->data.scalar.anchor;
        break;
    case YAML_SEQUENCE_START_EVENT:
        anchor = ev->data.sequence_start.anchor;
        break;
    case YAML_MAPPING_START_EVENT:
        anchor = ev->data.mapping_start.anchor;
        break;
    case YAML_DOCUMENT_START_EVENT:
        if (b->root != NULL) {
            b_error(b, &ev->start_mark,
                    "a second YAML document; expected one document per file");
            return false;
        }
        return true;
    default:
        return true;
    }
    if (anchor != NULL) {
        b_error(b, &ev->start_mark,
                "YAML anchor '&%s' is not allowed; anchors and aliases are "
                "refused so that a small file cannot expand into a huge one",
                (const char *)anchor);
        return false;
    }
    if (ev->type == YAML_SCALAR_EVENT) {
        node = new_node(b, CRM_YSCALAR, &ev->start_mark);
        if (node == NULL) {
            return false;
        }
        node->len = ev->data.scalar.length;
        node->text = crm__arena_strndup(b->arena,
                                        (const char *)ev->data.scalar.value,
                                        node->len);
        node->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
                      ev->data.scalar.plain_implicit;
        if (strlen(node->text) != node->len) {
            b_error(b, &ev->start_mark, "text contains a NUL character");
            return false;
        }
        {
            size_t at = 0;

            if (crm__find_name_control(node->text, node->len, &node->control, &at)) {
                locate_control(b, ev, node);
            }
        }
        return attach(b, node, &ev->start_mark);
    }
    /* Start of a collection: push a frame. */
    if (b->depth >= CRM_YAML_MAX_DEPTH) {
        crm_diags_add(b->diags, CRM_SEV_ERROR, b->file,
                      (unsigned)ev->start_mark.line + 1,
                      (unsigned)ev->start_mark.column + 1,
                      "nesting deeper than %d levels", CRM_YAML_MAX_DEPTH);
        b->failed = true;
        return false;
    }
    node = new_node(b, ev->type == YAML_SEQUENCE_START_EVENT ? CRM_YSEQ
                                                             : CRM_YMAP,
                    &ev->start_mark);
    if (node == NULL) {
        return false;
    }
    memset(&b->stack[b->depth], 0, sizeof(b->stack[0]));
    b->stack[b->depth].node = node;
    b->depth++;
    return true;
}

/* qsort order for check_large_map: by key text, then by position, so the
 * first occurrence of a duplicate is the one kept and the later reported. */
static int compare_key(const void *a, const void *b)
{
    const struct crm_ypair *x = *(const struct crm_ypair *const *)a;
    const struct crm_ypair *y = *(const struct crm_ypair *const *)b;
    int c = strcmp(x->key->text, y->key->text);

    if (c != 0) {
        return c;
    }
    /* Same key: the earlier one first, so the later is reported. */
    return x->key->line != y->key->line
               ? (x->key->line < y->key->line ? -1 : 1)
               : (x->key->column < y->key->column ? -1 : 1);
}

/* Duplicate keys of a large mapping, by sorting pointers to its pairs. */
static bool check_large_map(struct builder *b, struct crm_ypair *pairs,
                            size_t count)
{
    const struct crm_ypair **sorted = NULL;
    bool ok = true;
    size_t i;

    if (count < SMALL_MAP) {
        return true;
    }
    sorted = crm__arena_array(b->arena, count, sizeof(*sorted));
    for (i = 0; i < count; i++) {
        sorted[i] = &pairs[i];
    }
    qsort(sorted, count, sizeof(*sorted), compare_key);
    for (i = 1; i < count; i++) {
        if (strcmp(sorted[i]->key->text, sorted[i - 1]->key->text) == 0) {
            crm_diags_add(b->diags, CRM_SEV_ERROR, b->file, sorted[i]->key->line,
                          sorted[i]->key->column,
                          "duplicate key '%s' (first given at line %u); each "
                          "key may appear once",
                          sorted[i]->key->text, sorted[i - 1]->key->line);
            b->failed = true;
            ok = false;
        }
    }
    return ok;
}

/* End of a mapping or sequence: hand the collected children to the node,
 * check a large mapping for duplicate keys (small ones were checked as
 * their keys came), pop the frame and attach the node to its parent. */
static bool on_end(struct builder *b, const yaml_event_t *ev)
{
    struct frame *f = &b->stack[b->depth - 1];
    struct crm_ynode *node = f->node;

    if (node->type == CRM_YSEQ) {
        node->items = f->vec;
    } else {
        node->pairs = f->vec;
        if (!check_large_map(b, node->pairs, f->count)) {
            return false;
        }
    }
    node->count = f->count;
    b->depth--;
    return attach(b, node, &ev->start_mark);
}

/* libyaml's words, plus a hint for the two mistakes people make most:
 * tabs for indentation, and a value or key at the wrong indentation. */
static void syntax_error(crm_diags *diags, const char *file, const char *text,
                         size_t len, const yaml_parser_t *p,
                         const char *problem)
{
    const yaml_mark_t *m = &p->problem_mark;
    const char *hint = "";
    char context[160];

    if (m->index < len && text[m->index] == '\t') {
        hint = "; YAML does not allow tabs for indentation: use spaces";
    } else if (strstr(problem, "mapping values are not allowed") != NULL) {
        hint = "; check this line's indentation, or quote a value that "
               "contains ': '";
    } else if (strstr(problem, "did not find expected key") != NULL ||
               strstr(problem, "did not find expected '-'") != NULL) {
        hint = "; check the indentation of this line against the lines above";
    }
    context[0] = '\0';
    if (p->context != NULL) {
        snprintf(context, sizeof(context), " (%s that began at line %u)",
                 p->context, (unsigned)p->context_mark.line + 1);
    }
    crm_diags_add(diags, CRM_SEV_ERROR, file, (unsigned)m->line + 1,
                  (unsigned)m->column + 1, "YAML syntax error: %s%s%s",
                  problem, context, hint);
}

/* A character libyaml's reader refuses (a control character, U+FFFE):
 * libyaml gives its byte offset but no line and column, so they are
 * counted here rather than reported at 1:1. */
static void reader_error(crm_diags *diags, const char *file, const char *text,
                         const yaml_parser_t *p)
{
    unsigned line = 0, column = 0;
    const char *at = text + p->problem_offset;
    unsigned long cp = crm__utf8_next(&at);

    crm__text_position(text, p->problem_offset, &line, &column);
    crm_diags_add(diags, CRM_SEV_ERROR, file, line, column,
                  "%s U+%04lX is not allowed in a YAML file",
                  cp < 0x20 || (cp >= 0x7F && cp < 0xA0) ? "control character"
                                                         : "character",
                  cp);
}

/* Parse @p text (no byte-order mark) into *@p root. */
static crm_status parse_text(struct crm_arena *arena, const char *file,
                             const char *text, size_t len, crm_diags *diags,
                             struct crm_ynode **root)
{
    struct builder *b = NULL;
    jmp_buf oom;
    jmp_buf *outer = NULL;
    unsigned bad_line = 0, bad_col = 0;
    volatile bool done = false;
    volatile crm_status status = CRM_OK;

    *root = NULL;
    if (!crm__utf8_check(text, len, &bad_line, &bad_col)) {
        crm_diags_add(diags, CRM_SEV_ERROR, file, bad_line, bad_col,
                      "invalid UTF-8 byte sequence; input files must be UTF-8");
        return CRM_EINPUT;
    }
    b = crm__arena_alloc(arena, sizeof(*b));
    if (b == NULL) {
        return CRM_ENOMEM;
    }
    b->arena = arena;
    b->file = file;
    b->diags = diags;
    b->text = text;
    b->len = len;
    if (!yaml_parser_initialize(&b->parser)) {
        return crm__arena_oom(arena); /* it frees what it had made */
    }
    /* libyaml allocates with malloc: catch an arena out-of-memory here,
     * free the parser and the event in hand, then pass it on. */
    outer = crm__arena_get_jmp(arena);
    crm__arena_set_jmp(arena, &oom);
    if (setjmp(oom) != 0) {
        if (b->have_event) {
            yaml_event_delete(&b->event);
        }
        yaml_parser_delete(&b->parser);
        crm__arena_set_jmp(arena, outer);
        if (outer != NULL) {
            longjmp(*outer, 1);
        }
        return CRM_ENOMEM;
    }
    yaml_parser_set_input_string(&b->parser, (const unsigned char *)text, len);
    yaml_parser_set_encoding(&b->parser, YAML_UTF8_ENCODING);

    while (!done) {
        bool ok = true;

        if (!yaml_parser_parse(&b->parser, &b->event)) {
            const yaml_parser_t *p = &b->parser;
            const char *problem = p->problem ? p->problem : "syntax error";

            if (p->error == YAML_MEMORY_ERROR) {
                status = CRM_ENOMEM;
            } else if (p->error == YAML_READER_ERROR && p->problem_offset < len) {
                reader_error(diags, file, text, p);
                status = CRM_EINPUT;
            } else {
                syntax_error(diags, file, text, len, p, problem);
                status = CRM_EINPUT;
            }
            break;
        }
        b->have_event = true;
        switch (b->event.type) {
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            ok = on_end(b, &b->event);
            break;
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        default:
            ok = on_event(b, &b->event);
            break;
        }
        yaml_event_delete(&b->event);
        b->have_event = false;
        if (!ok) {
            break;
        }
    }
    yaml_parser_delete(&b->parser);
    crm__arena_set_jmp(arena, outer);
    if (status == CRM_ENOMEM) {
        /* libyaml's own allocation failed: the parser is gone, so pass it
         * on as the arena's would be */
        return crm__arena_oom(arena);
    }
    if (status != CRM_OK) {
        return status;
    }
    if (b->failed) {
        return CRM_EINPUT;
    }
    if (b->root == NULL) {
        /* nothing to point at: a file-level error, without line:col */
        crm_diags_add(diags, CRM_SEV_ERROR, file, 0, 0,
                      "the file is empty; expected a YAML mapping");
        return CRM_EINPUT;
    }
    *root = b->root;
    return CRM_OK;
}

crm_status crm__yaml_parse(struct crm_arena *arena, const char *file,
                           const char *text, size_t len, crm_diags *diags,
                           struct crm_ynode **root)
{
    /* A UTF-8 byte order mark (Windows editors write one) is not content;
     * more than one is no editor's doing. Columns on line 1 count from
     * after the mark, as an editor shows them. */
    size_t boms = crm__utf8_boms(text, len);

    *root = NULL;
    if (boms > 1) {
        crm_diags_add(diags, CRM_SEV_ERROR, file, 1, 1,
                      "the file starts with %zu byte-order marks (U+FEFF); a file "
                      "may start with one at most",
                      boms);
        return CRM_EINPUT;
    }
    return parse_text(arena, file, text + 3 * boms, len - 3 * boms, diags, root);
}
