/*
 * The parts of loading an evaluation, shared by the files that read it
 * (inside load/ only): evaluation.c reads the file and runs the steps in
 * order; panel_section.c, derive.c and uncertain.c each read one concern.
 * All memory comes from ev->arena; every problem is reported through the
 * reader or @p diags and loading goes on, so one run reports them all.
 */
#ifndef CRM_LOAD_EVALUATION_PARTS_H
#define CRM_LOAD_EVALUATION_PARTS_H

#include <stddef.h>

#include "crmeval/error.h"
#include "load/load.h"
#include "load/reader.h"
#include "model/model.h"

/* ---- evaluation.c: inputs and references ---- */

/* Add @p f (shown in reports as @p shown) to ev->inputs, which holds
 * @p cap entries, with its role ("criteria", "vendor", ...). */
void crm__ev_add_input(struct crm_evaluation *ev, size_t cap, const char *role,
                       const char *shown, const struct crm_loaded_file *f);
/* A note at @p at (the line of the evaluation that named a file that
 * failed): "the @p what named here". */
void crm__ev_note_reference(struct crm_reader *r, const struct crm_ynode *at,
                            const char *what);
/* The file @p ref names: an id is <id_dir>/<id>.yaml, anything else a
 * path relative to @p base_dir. */
const char *crm__ev_resolve_ref(struct crm_arena *arena, const char *base_dir,
                                const char *id_dir, const char *ref);

/* ---- panel_section.c ---- */

/* Read `panel:` into ev->panel_settings; the sheet's criteria and the
 * evaluators' weight profiles are returned in *@p sheet and
 * *@p weight_sets to be resolved once the criteria set is loaded. */
void crm__ev_read_panel(struct crm_reader *r, const struct crm_ynode *node,
                        struct crm_evaluation *ev, const struct crm_ynode **sheet,
                        const struct crm_ynode **weight_sets);
/* Resolve the panel sheet's criteria (@p node) against ev->set. */
void crm__ev_resolve_panel_sheet(struct crm_reader *r, const struct crm_ynode *node,
                                 struct crm_evaluation *ev);
/* Load each evaluator's own weight profile named in @p node (ids from
 * @p profiles_dir, paths from @p dir), adding each file to ev->inputs. */
void crm__ev_load_weight_sets(struct crm_reader *r, const struct crm_ynode *node,
                              struct crm_evaluation *ev, const char *dir,
                              const char *profiles_dir, size_t input_cap, crm_diags *diags);

/* ---- derive.c ---- */

/* Compute vendor @p v's derived values (licence cost per seat-year in the
 * evaluation's currency); the number of errors. */
size_t crm__ev_derive_values(struct crm_evaluation *ev, crm_diags *diags,
                             struct crm_vendor *v);
/* Read `observations:` (the evaluation's own values for vendors). */
void crm__ev_read_observations(struct crm_reader *r, const struct crm_ynode *node,
                               struct crm_evaluation *ev);
/* Put the observations in place of the vendors' values, once all vendors
 * are loaded; an observation of a vendor not listed is an error. */
void crm__ev_apply_observations(struct crm_evaluation *ev, crm_diags *diags);
/* Read `value_functions:` as written. */
void crm__ev_read_value_functions(struct crm_reader *r, const struct crm_ynode *node,
                                  struct crm_evaluation *ev);
/* Attach the value functions to their criteria of ev->set; the number of
 * errors. */
size_t crm__ev_apply_value_functions(struct crm_evaluation *ev, struct crm_reader *r,
                                     const struct crm_ynode *node);
/* With `finance.budget_knockout`, add the must-have "PV of costs <=
 * budget". */
void crm__ev_add_budget_rule(struct crm_evaluation *ev, crm_diags *diags);

/* ---- uncertain.c ---- */

/* Read `simulation:` into @p sim (defaults: Latin hypercube, seed 1). */
void crm__ev_read_simulation(struct crm_reader *r, const struct crm_ynode *node,
                             struct crm_sim_settings *sim);
/* List every uncertain input of the loaded evaluation in ev->uncertain,
 * in a fixed order, so a seed always draws the same numbers. */
void crm__ev_collect_uncertain(struct crm_evaluation *ev);

#endif
