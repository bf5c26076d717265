/* Schema helpers: typed, position-aware reads from a YAML tree. */
#include "load/reader.h"
#include "util/diag.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/dist.h"
#include "util/arena.h"
#include "util/strutil.h"

#define QUOTE_MAX 40

void crm__rd_init(struct crm_reader *r, struct crm_arena *arena,
                  crm_diags *diags, const char *file)
{
    r->arena = arena;
    r->diags = diags;
    r->file = file;
    r->errors = 0;
}

/* Report an error at @p at (NULL: no position) and count it in r->errors,
 * which loaders compare before and after a step to tell whether it went
 * wrong without stopping at the first problem. */
void crm__rd_error(struct crm_reader *r, const struct crm_ynode *at,
                   const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    crm__diags_addv(r->diags, CRM_SEV_ERROR, r->file, at ? at->line : 0,
            at ? at->column : 0, fmt, ap);
    va_end(ap);
    r->errors++;
}

/* Report a warning at @p at (NULL: no position). Not counted: a warning
 * never fails a load. */
void crm__rd_warning(struct crm_reader *r, const struct crm_ynode *at,
                     const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    crm__diags_addv(r->diags, CRM_SEV_WARNING, r->file, at ? at->line : 0,
            at ? at->column : 0, fmt, ap);
    va_end(ap);
}

/* @p node's position in r's file (line and column 0 for NULL), kept on
 * the model so checks made after parsing can still point into the file. */
struct crm_mark crm__rd_mark(const struct crm_reader *r,
                             const struct crm_ynode *node)
{
    struct crm_mark m;

    m.file = r->file;
    m.line = node ? node->line : 0;
    m.column = node ? node->column : 0;
    return m;
}

/* A short, quoted rendering of a scalar for messages. */
static const char *quoted(const struct crm_ynode *node, char *buf, size_t n)
{
    if (node->type != CRM_YSCALAR) {
        return crm__ynode_kind(node);
    }
    if (node->len > QUOTE_MAX) {
        /* cut on a character, not inside one */
        snprintf(buf, n, "'%.*s...'", (int)crm__utf8_cut(node->text, QUOTE_MAX), node->text);
    } else {
        snprintf(buf, n, "'%s'", node->text);
    }
    return buf;
}

bool crm__rd_is_map(struct crm_reader *r, const struct crm_ynode *node,
                    const char *what)
{
    if (node->type == CRM_YMAP) {
        return true;
    }
    crm__rd_error(r, node, "expected a mapping for %s, got %s", what,
                  crm__ynode_kind(node));
    return false;
}

/* Whether @p node is a list; reports "expected a list for WHAT" if not. */
bool crm__rd_is_seq(struct crm_reader *r, const struct crm_ynode *node,
                    const char *what)
{
    if (node->type == CRM_YSEQ) {
        return true;
    }
    crm__rd_error(r, node, "expected a list for %s, got %s", what,
                  crm__ynode_kind(node));
    return false;
}

void crm__rd_check_keys(struct crm_reader *r, const struct crm_ynode *map,
                        const char *const *allowed, const char *where)
{
    size_t i, j;

    for (i = 0; i < map->count; i++) {
        const struct crm_ynode *key = map->pairs[i].key;
        bool known = false;
        const char *hint = NULL;

        for (j = 0; allowed[j] != NULL; j++) {
            if (strcmp(allowed[j], key->text) == 0) {
                known = true;
                break;
            }
        }
        if (known) {
            continue;
        }
        hint = crm__did_you_mean(key->text, allowed);
        if (hint != NULL) {
            crm__rd_error(r, key, "unknown key '%s' in %s; did you mean '%s'?",
                          key->text, where, hint);
        } else {
            char list[512];
            size_t len = 0;

            list[0] = '\0';
            for (j = 0; allowed[j] != NULL && len < sizeof(list) - 64; j++) {
                len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
                                        j ? ", " : "", allowed[j]);
            }
            crm__rd_error(r, key, "unknown key '%s' in %s; expected one of: %s",
                          key->text, where, list);
        }
    }
}

const struct crm_ynode *crm__rd_get(const struct crm_ynode *map,
                                    const char *key)
{
    size_t i;

    if (map == NULL || map->type != CRM_YMAP) {
        return NULL;
    }
    for (i = 0; i < map->count; i++) {
        if (strcmp(map->pairs[i].key->text, key) == 0) {
            return map->pairs[i].value;
        }
    }
    return NULL;
}

const struct crm_ynode *crm__rd_require(struct crm_reader *r,
                                        const struct crm_ynode *map,
                                        const char *key, const char *where)
{
    const struct crm_ynode *v = crm__rd_get(map, key);
    const char *const wanted[] = { key, NULL };
    size_t i;

    if (v != NULL) {
        return v;
    }
    /* A misspelt key was already reported with "did you mean '<key>'?";
     * one typo should give one error. */
    for (i = 0; map->type == CRM_YMAP && i < map->count; i++) {
        if (crm__did_you_mean(map->pairs[i].key->text, wanted) != NULL) {
            return NULL;
        }
    }
    crm__rd_error(r, map, "missing required key '%s' in %s", key, where);
    return NULL;
}

bool crm__rd_string(struct crm_reader *r, const struct crm_ynode *node,
                    const char *what, const char **out)
{
    if (node->type != CRM_YSCALAR) {
        crm__rd_error(r, node, "expected text for %s, got %s", what,
                      crm__ynode_kind(node));
        return false;
    }
    if (node->len == 0) {
        crm__rd_error(r, node, "expected text for %s, got an empty value",
                      what);
        return false;
    }
    *out = node->text;
    return true;
}

bool crm__rd_check_name(struct crm_reader *r, const struct crm_ynode *node,
                        const char *what)
{
    struct crm_ynode at;
    char cbuf[64];
    bool ok = true;
    size_t i;

    if (node->type == CRM_YMAP) {
        for (i = 0; i < node->count; i++) {
            ok = crm__rd_check_name(r, node->pairs[i].value, what) && ok;
        }
        return ok;
    }
    if (node->type != CRM_YSCALAR || node->control_line == 0) {
        return true;
    }
    /* reported at the character, not at the scalar's start */
    memset(&at, 0, sizeof(at));
    at.line = node->control_line;
    at.column = node->control_column;
    crm__rd_error(r, &at,
                  "%s may not contain %s; names and ids are one line of text "
                  "without control characters or bidirectional controls",
                  what, crm__control_text(cbuf, sizeof(cbuf), node->control));
    return false;
}

bool crm__rd_name(struct crm_reader *r, const struct crm_ynode *node,
                  const char *what, const char **out)
{
    return crm__rd_string(r, node, what, out) && crm__rd_check_name(r, node, what);
}

bool crm__rd_name_text(struct crm_reader *r, const struct crm_ynode *node,
                       const char *what, bool both, struct crm_text *out)
{
    return crm__rd_text(r, node, what, both, out) && crm__rd_check_name(r, node, what);
}

/* A string that is a valid id (lower-case letters, digits and '_', from a
 * letter, at most 63 characters) and has no control characters; *out
 * points into the tree, so it lives as long as the arena. */
bool crm__rd_id(struct crm_reader *r, const struct crm_ynode *node,
                const char *what, const char **out)
{
    const char *s = NULL;

    if (!crm__rd_string(r, node, what, &s) || !crm__rd_check_name(r, node, what)) {
        return false;
    }
    if (!crm__is_id(s)) {
        char buf[96];

        crm__rd_error(r, node,
                      "invalid %s %s; expected an id: lower-case letters, "
                      "digits and '_', starting with a letter, at most 63 "
                      "characters",
                      what, quoted(node, buf, sizeof(buf)));
        return false;
    }
    *out = s;
    return true;
}

const char *crm__range_note(double v)
{
    return isinf(v) ? ", beyond the range of a double" : "";
}

/* A plain scalar that is a decimal number. One beyond a double's range is
 * a number all the same (an infinity: callers report it as too large),
 * not "not a number". */
bool crm__scalar_number(const struct crm_ynode *node, double *out)
{
    if (node->type != CRM_YSCALAR || !node->plain || node->len == 0) {
        return false;
    }
    /* decimal only (strtod also takes inf, nan and hex), and in the C
     * locale whatever the program's */
    return crm__parse_decimal(node->text, out);
}

bool crm__scalar_bool(const struct crm_ynode *node, bool *out)
{
    return node->type == CRM_YSCALAR && node->plain && crm__parse_bool(node->text, out);
}

bool crm__scalar_is_nonfinite(const struct crm_ynode *node)
{
    return node->type == CRM_YSCALAR && node->plain && node->text != NULL &&
           crm__is_nonfinite_text(node->text);
}

/* A finite plain number within +/-CRM_NUMBER_LIMIT. A quoted number is
 * text and refused with a hint. The limit keeps sums and products of
 * inputs finite (model.h). */
bool crm__rd_number(struct crm_reader *r, const struct crm_ynode *node,
                    const char *what, double *out)
{
    char buf[96];
    double v = 0;
    const char *t = node->text;

    if (crm__scalar_is_nonfinite(node)) {
        crm__rd_error(r, node, "expected a finite number for %s, got '%s'",
                      what, t);
        return false;
    }
    if (!crm__scalar_number(node, &v)) {
        crm__rd_error(r, node, "expected a number for %s, got %s%s", what,
                      quoted(node, buf, sizeof(buf)),
                      node->type == CRM_YSCALAR && !node->plain
                          ? " (quoted numbers are text)"
                          : "");
        return false;
    }
    /* beyond a double's range (1e309), strtod gives an infinity: too
     * large like anything past the limit */
    if (fabs(v) > CRM_NUMBER_LIMIT) {
        crm__rd_error(r, node,
                      "%s is too large (%s%s); numbers must be within +/-1e15",
                      what, t, crm__range_note(v));
        return false;
    }
    *out = v;
    return true;
}

/* A number as crm__rd_number that is also >= 0; *out is untouched on
 * failure, so a default set beforehand stays. */
bool crm__rd_nonneg(struct crm_reader *r, const struct crm_ynode *node,
                    const char *what, double *out)
{
    double v = 0;

    if (!crm__rd_number(r, node, what, &v)) {
        return false;
    }
    if (v < 0) {
        crm__rd_error(r, node,
                      "%s must not be negative (got %s); expected a number >= 0",
                      what, node->text);
        return false;
    }
    *out = v;
    return true;
}

/* A boolean, unquoted (true/yes/on, false/no/off as crm__parse_bool
 * reads them); a quoted "true" is text, and the message says so. */
bool crm__rd_bool(struct crm_reader *r, const struct crm_ynode *node,
                  const char *what, bool *out)
{
    char buf[96];

    if (!crm__scalar_bool(node, out)) {
        crm__rd_error(r, node, "expected true or false for %s, got %s%s", what,
                      quoted(node, buf, sizeof(buf)),
                      node->type == CRM_YSCALAR && !node->plain
                          ? " (quoted values are text)"
                          : "");
        return false;
    }
    return true;
}

/* A date YYYY-MM-DD (see crm__is_date); *out points into the tree. */
bool crm__rd_date(struct crm_reader *r, const struct crm_ynode *node,
                  const char *what, const char **out)
{
    char buf[96];

    if (node->type != CRM_YSCALAR || !crm__is_date(node->text)) {
        crm__rd_error(r, node, "expected a date YYYY-MM-DD for %s, got %s",
                      what, quoted(node, buf, sizeof(buf)));
        return false;
    }
    *out = node->text;
    return true;
}

bool crm__rd_text(struct crm_reader *r, const struct crm_ynode *node,
                  const char *what, bool both, struct crm_text *out)
{
    static const char *const langs[] = { "en", "zh-CN", NULL };
    const struct crm_ynode *en = NULL, *zh = NULL;
    bool ok = true;

    out->en = NULL;
    out->zh = NULL;
    if (node->type == CRM_YSCALAR && !both) {
        return crm__rd_string(r, node, what, &out->en);
    }
    if (node->type != CRM_YMAP) {
        crm__rd_error(r, node,
                      "expected a mapping {en: ..., zh-CN: ...} for %s, got %s",
                      what, crm__ynode_kind(node));
        return false;
    }
    crm__rd_check_keys(r, node, langs, what);
    en = crm__rd_get(node, "en");
    zh = crm__rd_get(node, "zh-CN");
    if (both) {
        if (en == NULL) {
            crm__rd_error(r, node, "missing English text 'en' in %s", what);
            ok = false;
        }
        if (zh == NULL) {
            crm__rd_error(r, node,
                          "missing Simplified Chinese text 'zh-CN' in %s",
                          what);
            ok = false;
        }
    } else if (en == NULL && zh == NULL) {
        crm__rd_error(r, node, "missing text: give 'en' and/or 'zh-CN' in %s",
                      what);
        ok = false;
    }
    if (en != NULL) {
        ok = crm__rd_string(r, en, what, &out->en) && ok;
    }
    if (zh != NULL) {
        ok = crm__rd_string(r, zh, what, &out->zh) && ok;
    }
    return ok;
}

int crm__rd_enum(struct crm_reader *r, const struct crm_ynode *node,
                 const char *what, const char *const *choices)
{
    char list[256];
    size_t len = 0;
    const char *hint = NULL;
    int i;

    if (node->type == CRM_YSCALAR) {
        for (i = 0; choices[i] != NULL; i++) {
            if (strcmp(choices[i], node->text) == 0) {
                return i;
            }
        }
    }
    list[0] = '\0';
    for (i = 0; choices[i] != NULL; i++) {
        len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
                                i ? ", " : "", choices[i]);
        if (len >= sizeof(list)) {
            break;
        }
    }
    if (node->type != CRM_YSCALAR) {
        crm__rd_error(r, node, "expected one of %s for %s, got %s", list,
                      what, crm__ynode_kind(node));
        return -1;
    }
    hint = crm__did_you_mean(node->text, choices);
    if (hint != NULL) {
        crm__rd_error(r, node, "invalid %s '%s'; did you mean '%s'?", what,
                      node->text, hint);
    } else {
        crm__rd_error(r, node, "invalid %s '%s'; expected one of: %s", what,
                      node->text, list);
    }
    return -1;
}

bool crm__rd_string_list(struct crm_reader *r, const struct crm_ynode *node,
                         const char *what, const char ***out, size_t *count)
{
    const char **items = NULL;
    size_t i;
    bool ok = true;

    if (node->type == CRM_YSCALAR) {
        items = crm__arena_alloc(r->arena, sizeof(*items));
        if (!crm__rd_string(r, node, what, &items[0])) {
            return false;
        }
        *out = items;
        *count = 1;
        return true;
    }
    if (!crm__rd_is_seq(r, node, what)) {
        return false;
    }
    items = crm__arena_array(r->arena, node->count ? node->count : 1,
                             sizeof(*items));
    for (i = 0; i < node->count; i++) {
        ok = crm__rd_string(r, node->items[i], what, &items[i]) && ok;
    }
    *out = items;
    *count = node->count;
    return ok;
}

bool crm__rd_points(struct crm_reader *r, const struct crm_ynode *node,
                    const char *what, struct crm_point **out, size_t *count)
{
    struct crm_point *pts = NULL;
    size_t i;
    bool ok = true;

    if (!crm__rd_is_seq(r, node, what)) {
        return false;
    }
    if (node->count < 2) {
        crm__rd_error(r, node,
                      "%s needs at least 2 points [x, value]; got %zu", what,
                      node->count);
        return false;
    }
    pts = crm__arena_array(r->arena, node->count, sizeof(*pts));
    for (i = 0; i < node->count; i++) {
        const struct crm_ynode *p = node->items[i];

        if (p->type != CRM_YSEQ || p->count != 2) {
            crm__rd_error(r, p,
                          "expected a point [x, value] in %s, got %s", what,
                          p->type == CRM_YSEQ ? "a list of another length"
                                              : crm__ynode_kind(p));
            ok = false;
            continue;
        }
        ok = crm__rd_number(r, p->items[0], "a point's x", &pts[i].x) && ok;
        ok = crm__rd_number(r, p->items[1], "a point's value",
                            &pts[i].value) && ok;
    }
    *out = pts;
    *count = node->count;
    return ok;
}

bool crm__check_points(struct crm_reader *r, const struct crm_ynode *node,
                       const char *what, const struct crm_point *points,
                       size_t count, int direction)
{
    size_t i;

    for (i = 0; i < count; i++) {
        const struct crm_ynode *at =
            node && node->type == CRM_YSEQ && i < node->count ? node->items[i]
                                                              : node;

        if (points[i].value < 0 || points[i].value > 1) {
            crm__rd_error(r, at,
                          "value %g of point %zu in %s is outside 0..1",
                          points[i].value, i + 1, what);
            return false;
        }
        if (i == 0) {
            continue;
        }
        if (!(points[i].x > points[i - 1].x)) {
            crm__rd_error(r, at,
                          "x values in %s must increase strictly (point %zu "
                          "has x %g after %g)",
                          what, i + 1, points[i].x, points[i - 1].x);
            return false;
        }
        if ((direction > 0 && points[i].value < points[i - 1].value) ||
            (direction < 0 && points[i].value > points[i - 1].value)) {
            crm__rd_error(r, at,
                          "%s is not monotone: direction is '%s' so values "
                          "must %s as x grows (point %zu goes from %g to %g)",
                          what, direction > 0 ? "higher" : "lower",
                          direction > 0 ? "not fall" : "not rise", i + 1,
                          points[i - 1].value, points[i].value);
            return false;
        }
    }
    return true;
}

static const char *const dist_names[] = { "triangular", "pert", "uniform",
                                          "normal", "discrete", NULL };

bool crm__is_dist_node(const struct crm_ynode *node)
{
    size_t i;

    if (node == NULL || node->type != CRM_YMAP || node->count != 1) {
        return false;
    }
    for (i = 0; dist_names[i] != NULL; i++) {
        if (strcmp(node->pairs[0].key->text, dist_names[i]) == 0) {
            return true;
        }
    }
    return false;
}

/* A list of exactly @p n numbers. */
static bool read_numbers(struct crm_reader *r, const struct crm_ynode *node,
                         const char *what, size_t n, double *out)
{
    size_t i;

    if (node->type != CRM_YSEQ || node->count != n) {
        crm__rd_error(r, node, "expected a list of %zu numbers for %s", n, what);
        return false;
    }
    for (i = 0; i < n; i++) {
        if (!crm__rd_number(r, node->items[i], what, &out[i])) {
            return false;
        }
    }
    return true;
}

bool crm__rd_uncertain(struct crm_reader *r, const struct crm_ynode *node,
                       const char *what, double lo, double hi, double *point,
                       const struct crm_dist **dist_out)
{
    struct crm_dist *d = NULL;
    const struct crm_ynode *args = NULL;
    const char *name = NULL, *reason = NULL;
    double p[3] = { 0, 0, 0 };
    size_t i;

    *dist_out = NULL;
    if (!crm__is_dist_node(node)) {
        if (node->type == CRM_YMAP) {
            crm__rd_error(r, node,
                          "expected a number or a distribution for %s "
                          "({triangular: [low, likely, high]}, {pert: [...]}, "
                          "{uniform: [low, high]}, {normal: [mean, sd]} or "
                          "{discrete: [[value, probability], ...]})",
                          what);
            return false;
        }
        if (!crm__rd_number(r, node, what, point)) {
            return false;
        }
        if (*point < lo || *point > hi) {
            crm__rd_error(r, node, "%s must be from %g to %g (got %s)", what, lo,
                          hi, node->text);
            return false;
        }
        return true;
    }
    name = node->pairs[0].key->text;
    args = node->pairs[0].value;
    d = crm__arena_alloc(r->arena, sizeof(*d));
    d->lo = -INFINITY;
    d->hi = INFINITY;
    if (strcmp(name, "triangular") == 0 || strcmp(name, "pert") == 0) {
        if (!read_numbers(r, args, "a distribution's [low, likely, high]", 3, p)) {
            return false;
        }
        d->kind = name[0] == 't' ? CRM_DIST_TRIANGULAR : CRM_DIST_PERT;
        d->a = p[0];
        d->b = p[1];
        d->c = p[2];
    } else if (strcmp(name, "uniform") == 0) {
        if (!read_numbers(r, args, "a distribution's [low, high]", 2, p)) {
            return false;
        }
        d->kind = CRM_DIST_UNIFORM;
        d->a = p[0];
        d->b = p[1];
    } else if (strcmp(name, "normal") == 0) {
        if (!read_numbers(r, args, "a distribution's [mean, sd]", 2, p)) {
            return false;
        }
        d->kind = CRM_DIST_NORMAL;
        d->a = p[0];
        d->b = p[1];
        /* truncated to the values the input may take */
        d->lo = lo;
        d->hi = hi;
    } else {
        double *values = NULL, *probs = NULL;

        if (args->type != CRM_YSEQ || args->count == 0) {
            crm__rd_error(r, args, "expected a list of [value, probability] for "
                                   "a discrete distribution");
            return false;
        }
        values = crm__arena_array(r->arena, args->count, sizeof(double));
        probs = crm__arena_array(r->arena, args->count, sizeof(double));
        for (i = 0; i < args->count; i++) {
            if (!read_numbers(r, args->items[i], "[value, probability]", 2, p)) {
                return false;
            }
            values[i] = p[0];
            probs[i] = p[1];
        }
        d->kind = CRM_DIST_DISCRETE;
        d->values = values;
        d->probs = probs;
        d->count = args->count;
    }
    if (!crm__dist_check(d, &reason)) {
        crm__rd_error(r, node, "invalid %s distribution for %s: %s", name, what,
                      reason);
        return false;
    }
    /* every value it can take must be allowed */
    if (crm__dist_quantile(d, 1e-12) < lo - 1e-9 ||
        crm__dist_quantile(d, 1 - 1e-12) > hi + 1e-9) {
        if (d->kind != CRM_DIST_NORMAL) {
            crm__rd_error(r, node, "the %s distribution for %s reaches outside "
                                   "%g..%g",
                          name, what, lo, hi);
            return false;
        }
    }
    *point = crm__dist_point(d);
    *dist_out = d;
    return true;
}
