/*
 * Loaders: YAML trees -> model structs (src/model/model.h), and the checks
 * that tie the files together (references, ranges, weights).
 *
 * Each reader reports every problem it finds through its crm_reader and
 * returns what it could build; callers decide from the error count whether
 * the result is usable. All memory comes from the reader's arena.
 */
#ifndef CRM_LOAD_LOAD_H
#define CRM_LOAD_LOAD_H

#include <stdbool.h>

#include "crmeval/error.h"
#include "load/reader.h"
#include "model/model.h"

enum crm_file_kind {
    CRM_FILE_CRITERIA,
    CRM_FILE_PROFILE,
    CRM_FILE_VENDOR,
    CRM_FILE_EVALUATION,
    CRM_FILE_TEMPLATE,
    CRM_FILE_TEXT,
    CRM_FILE_JUDGEMENTS,
    CRM_FILE_SCORES,
    CRM_FILE_UNKNOWN
};

/* A file read and parsed, with its digest. */
struct crm_loaded_file {
    const char *path;
    struct crm_ynode *root;   /* a mapping */
    enum crm_file_kind kind;
    char sha256[65];
};

/*
 * Read, digest and parse @p path, check the root is a mapping with a valid
 * `kind`. When @p expect is not CRM_FILE_UNKNOWN a different kind is an
 * error. Returns CRM_OK, CRM_EINPUT, CRM_EIO (CRM_ENOMEM longjmps).
 */
crm_status crm__file_load(struct crm_arena *arena, const char *path,
                          enum crm_file_kind expect, crm_diags *diags,
                          struct crm_loaded_file *out);

const char *crm__file_kind_name(enum crm_file_kind kind);

struct crm_criteria_set *crm__criteria_read(struct crm_reader *r,
                                            const struct crm_ynode *root);
struct crm_profile *crm__profile_read(struct crm_reader *r,
                                      const struct crm_ynode *root);
struct crm_vendor *crm__vendor_read(struct crm_reader *r,
                                    const struct crm_ynode *root);

/* Must-have rules (a list) as written; shared by profiles and evaluations. */
bool crm__rules_read(struct crm_reader *r, const struct crm_ynode *node,
                     const char *origin, struct crm_rule **out,
                     size_t *count);
/* `groups:` weights as written; shared by profiles and evaluations. */
bool crm__weights_read(struct crm_reader *r, const struct crm_ynode *node,
                       struct crm_weight_entry **out, size_t *count);

/* A vendor's `values:` mapping as written (shared with evaluations'
 * `observations:`). */
bool crm__values_read(struct crm_reader *r, const struct crm_ynode *node,
                      struct crm_raw_value **out, size_t *count);

/* Checks against a criteria set; all report at the saved marks. */
size_t crm__weights_resolve(crm_diags *diags,
                            const struct crm_criteria_set *set,
                            const struct crm_weight_entry *entries,
                            size_t count);
size_t crm__rules_resolve(crm_diags *diags, const struct crm_criteria_set *set,
                          struct crm_rule *rules, size_t count);
size_t crm__vendor_resolve(struct crm_arena *arena, crm_diags *diags,
                           const struct crm_criteria_set *set,
                           struct crm_vendor *vendor);
/* The columns of a CSV score sheet, NULL-terminated: vendor, criterion,
 * value, comment, evaluator, role, then the ones reading ignores:
 * criterion_name, scale, current, points_at_stake (src/load/sheet.c). */
extern const char *const crm__sheet_columns[];
/* Whether @p path names a CSV file (.csv, any case): a score sheet. */
bool crm__is_csv(const char *path);
/* Report templates (src/load/template.c). */
extern const char *const crm__report_sections[];
extern const char *const crm__report_text_keys[];
struct crm_template *crm__template_read(struct crm_reader *r,
                                        const struct crm_ynode *root);
bool crm__template_strings_read(struct crm_reader *r,
                                const struct crm_ynode *root,
                                struct crm_template *t);
/* Every text key the report prints must be in @p t's strings; unknown
 * keys are warned about. Problems are reported against @p file. */
void crm__template_check_strings(crm_diags *diags,
                                 const struct crm_template *t,
                                 const char *file);
/* (Re)load the text of @p t for @p language, from text/ beside it. */
bool crm__template_load_text(struct crm_arena *arena, crm_diags *diags,
                             struct crm_template *t, const char *language);
/* Load template @p ref (an id in @p templates_dir or a path) and its text
 * for @p language; problems reported at @p at in the evaluation. */
struct crm_template *crm__template_load(struct crm_arena *arena,
                                        crm_diags *diags,
                                        const char *templates_dir,
                                        const char *base_dir, const char *ref,
                                        const char *language);

/* Finance (src/load/finance.c). */
extern const char *const crm__cost_category_names[];
bool crm__cost_lines_read(struct crm_reader *r, const struct crm_ynode *node,
                          const char *origin, struct crm_cost_line **out,
                          size_t *count);
void crm__finance_read(struct crm_reader *r, const struct crm_ynode *node,
                       struct crm_finance_settings *fin, double horizon);
/* Build @p vendor's cost plan (pricing, profile, evaluation lines), convert
 * currencies and check references; returns the number of errors. */
size_t crm__cost_plan_build(struct crm_evaluation *ev, crm_diags *diags,
                            struct crm_vendor *vendor);
/* Check vendor ids named in the finance section; returns errors. */
size_t crm__finance_check_vendors(const struct crm_evaluation *ev,
                                  crm_diags *diags);
/* The rate from @p currency to the evaluation's currency. */
bool crm__exchange_rate(const struct crm_evaluation *ev, const char *currency,
                        double *rate);

/* Decision settings (src/load/decision.c): the defaults, then the
 * evaluation's `unverified_must_haves`, `uncertainty` and `verdict` read
 * from its root mapping. */
void crm__decision_defaults(struct crm_evaluation *ev);
void crm__decision_read(struct crm_reader *r, const struct crm_ynode *root,
                        struct crm_evaluation *ev);
/* Resolve `uncertainty.priors` against @p set into u->prior_of (a
 * criterion's own prior wins over its group's); returns errors. */
size_t crm__priors_resolve(struct crm_arena *arena, crm_diags *diags,
                           const struct crm_criteria_set *set,
                           struct crm_uncertainty_settings *u);

/* Warn when a profile or vendor names another criteria set. */
void crm__check_set_id(crm_diags *diags, const struct crm_mark *mark,
                       const char *named, const struct crm_criteria_set *set);

#endif
