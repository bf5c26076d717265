/*
 * What the report writers share: the finance conventions in words, stated
 * by every report (JSON, CSV README, workbook) so that they never
 * disagree: how the flows are timed and discounted, how a spreadsheet
 * reproduces NPV and IRR under each timing, and why a figure is left
 * blank; adding a report rendered in memory to an output set; and how a
 * criterion and a value read to the person filling in a sheet.
 */
#ifndef CRM_REPORT_CONVENTIONS_H
#define CRM_REPORT_CONVENTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "crmeval/finance.h"
#include "crmeval/output.h"
#include "score/score.h"

/* Whether some vendor of @p res has a cost line paid at another time than
 * the evaluation's flows (billing in advance, in arrears or mid-year). */
bool crm__finance_mixed_timing(const struct crm_result *res);

/* The timing and discounting rule in one sentence (English). */
const char *crm__finance_conventions(const struct crm_result *res);

/* How a spreadsheet reproduces NPV, IRR and MIRR under the evaluation's
 * timing and billing (English), into @p buf. */
const char *crm__finance_spreadsheet_note(const struct crm_result *res, char *buf,
                                          size_t size);

/* The name a line's billing resolves to: "arrears", "mid_year" or
 * "advance" (the evaluation's timing for a line that says nothing). */
const char *crm__billing_resolved(const struct crm_evaluation *ev, enum crm_billing b);

/* Why a payback is blank: NULL when there is one. */
const char *crm__payback_reason(bool has_payback, bool discounted);

/* Machine-readable reason an IRR has no single value ("no_sign_change",
 * "ambiguous", "not_found"), NULL when it has one. */
const char *crm__irr_reason_key(crm_irr_status status);

/* A report rendered to bytes in memory. */
typedef crm_status (*crm__render_fn)(void **out, size_t *len, const crm_result *result,
                                     crm_diags *diags);

/* Render with @p render and add the bytes to @p out for @p path, named
 * @p what in messages ("the PDF report"). */
crm_status crm__report_add_rendered(crm_outputs *out, crm__render_fn render,
                                    const crm_result *result, const char *path,
                                    const char *what, crm_diags *diags);

/* What criterion @p c takes, for the person filling in a sheet or a
 * questionnaire: "1..5", "true or false", the option ids, or a number's
 * unit and direction; into @p buf. */
void crm__criterion_scale(const struct crm_criterion *c, char *buf, size_t size);

/* A value as a sheet takes it: a number, true/false, or an option id;
 * empty when missing (a sample assessment is marked "(sample)"). */
void crm__value_as_entered(const struct crm_criterion *c, const struct crm_value *v, char *buf,
                           size_t size);

/* crm__value_as_entered with what stands behind the value: its first
 * evidence ("true [documentation: https://...]") or "[panel]". */
void crm__value_with_evidence(const struct crm_criterion *c, const struct crm_value *v,
                              char *buf, size_t size);

#endif
