/*
 * Schema helpers for the loaders: typed reads from a crm_ynode tree that
 * report every problem at the node's position and keep going, so one run
 * shows all the errors in a file.
 *
 * Message style: lower-case, one line, user values quoted, and the expected
 * form stated: "expected a number for 'weight', got text 'heavy'".
 */
#ifndef CRM_LOAD_READER_H
#define CRM_LOAD_READER_H

#include <stdbool.h>
#include <stddef.h>

#include "crmeval/error.h"
#include "load/yamltree.h"
#include "model/model.h"

struct crm_arena;

struct crm_reader {
    struct crm_arena *arena;
    crm_diags *diags;
    const char *file;
    size_t errors;   /* errors reported through this reader */
};

void crm__rd_init(struct crm_reader *r, struct crm_arena *arena,
                  crm_diags *diags, const char *file);

void crm__rd_error(struct crm_reader *r, const struct crm_ynode *at,
                   const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void crm__rd_warning(struct crm_reader *r, const struct crm_ynode *at,
                     const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
struct crm_mark crm__rd_mark(const struct crm_reader *r,
                             const struct crm_ynode *node);

/* Expect a mapping / list; report and return false otherwise. */
bool crm__rd_is_map(struct crm_reader *r, const struct crm_ynode *node,
                    const char *what);
bool crm__rd_is_seq(struct crm_reader *r, const struct crm_ynode *node,
                    const char *what);

/* Report keys of @p map not in NULL-terminated @p allowed (did-you-mean). */
void crm__rd_check_keys(struct crm_reader *r, const struct crm_ynode *map,
                        const char *const *allowed, const char *where);

/* The value for @p key, or NULL. */
const struct crm_ynode *crm__rd_get(const struct crm_ynode *map,
                                    const char *key);
/* Same, reporting a missing key at @p map's position. */
const struct crm_ynode *crm__rd_require(struct crm_reader *r,
                                        const struct crm_ynode *map,
                                        const char *key, const char *where);

/* A name (or any one-line text): refuses a control character, line break
 * or bidirectional control in @p node's text (or, for a mapping such as
 * {en: ..., zh-CN: ...}, in its values), at the character's line:col.
 * @return false when one was reported. */
bool crm__rd_check_name(struct crm_reader *r, const struct crm_ynode *node,
                        const char *what);

/* crm__rd_string and crm__rd_text for names: also crm__rd_check_name. */
bool crm__rd_name(struct crm_reader *r, const struct crm_ynode *node,
                  const char *what, const char **out);
bool crm__rd_name_text(struct crm_reader *r, const struct crm_ynode *node,
                       const char *what, bool both, struct crm_text *out);

/* Typed reads: each reports a problem at @p node and returns false. */
bool crm__rd_string(struct crm_reader *r, const struct crm_ynode *node,
                    const char *what, const char **out);
bool crm__rd_id(struct crm_reader *r, const struct crm_ynode *node,
                const char *what, const char **out);
bool crm__rd_number(struct crm_reader *r, const struct crm_ynode *node,
                    const char *what, double *out);
bool crm__rd_nonneg(struct crm_reader *r, const struct crm_ynode *node,
                    const char *what, double *out);
bool crm__rd_bool(struct crm_reader *r, const struct crm_ynode *node,
                  const char *what, bool *out);
bool crm__rd_date(struct crm_reader *r, const struct crm_ynode *node,
                  const char *what, const char **out);
/* Bilingual text: a mapping {en, zh-CN}, or plain text (taken as English)
 * unless @p both is set, which requires both languages. */
bool crm__rd_text(struct crm_reader *r, const struct crm_ynode *node,
                  const char *what, bool both, struct crm_text *out);
/* One of the NULL-terminated @p choices; returns its index or -1. */
int crm__rd_enum(struct crm_reader *r, const struct crm_ynode *node,
                 const char *what, const char *const *choices);
/* A list of strings (a single string is taken as a list of one). */
bool crm__rd_string_list(struct crm_reader *r, const struct crm_ynode *node,
                         const char *what, const char ***out, size_t *count);

/* An ISO 4217 currency code (three upper-case letters). */
bool crm__rd_currency(struct crm_reader *r, const struct crm_ynode *node,
                      const char *what, const char **out);

/* For a "too large" message: what to add when the number was beyond a
 * double's range (1e309 reads as an infinity). */
const char *crm__range_note(double v);

/* Non-reporting scalar conversions, for values whose kind is known later. */
bool crm__scalar_number(const struct crm_ynode *node, double *out);
bool crm__scalar_bool(const struct crm_ynode *node, bool *out);
/* YAML's .inf / -.inf / .nan spellings, which crmeval refuses. */
bool crm__scalar_is_nonfinite(const struct crm_ynode *node);

/*
 * A number that may be uncertain: a plain number, or one distribution
 * {triangular: [low, likely, high]}, {pert: [low, likely, high]},
 * {uniform: [low, high]}, {normal: [mean, sd]} (truncated to >= @p lo),
 * {discrete: [[value, probability], ...]}. *point gets the value used for
 * the deterministic evaluation; *dist the distribution (NULL for a plain
 * number). Values are checked to lie in [@p lo, @p hi].
 */
bool crm__rd_uncertain(struct crm_reader *r, const struct crm_ynode *node,
                       const char *what, double lo, double hi, double *point,
                       const struct crm_dist **dist);
/* Whether @p node is written as a distribution (a mapping with one of the
 * distribution keys). */
bool crm__is_dist_node(const struct crm_ynode *node);

/* Optional value-function points: a list of [x, value] pairs. */
bool crm__rd_points(struct crm_reader *r, const struct crm_ynode *node,
                    const char *what, struct crm_point **out, size_t *count);
/* Check a value function's shape: x strictly increasing, values in 0..1,
 * monotone in @p direction (+1/-1). Reports at @p node. */
bool crm__check_points(struct crm_reader *r, const struct crm_ynode *node,
                       const char *what, const struct crm_point *points,
                       size_t count, int direction);

#endif
