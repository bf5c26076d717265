/*
 * crmeval - decision support for choosing a CRM system.
 *
 * Umbrella header. Data flows one way (docs/architecture.md):
 *   crm_evaluation_load()  YAML files -> checked model     (evaluation.h)
 *   crm_result_compute()   model -> scores, knock-outs, ranking, analysis
 *                                                          (result.h, finance.h)
 *   crm_report_*()         result -> JSON, PDF, CSV, XLSX  (report.h)
 *   crm_store_*()          the workspace database           (store.h, panel.h)
 */
#ifndef CRMEVAL_H
#define CRMEVAL_H

#include "crmeval/version.h"
#include "crmeval/error.h"
#include "crmeval/limits.h"
#include "crmeval/evaluation.h"
#include "crmeval/result.h"
#include "crmeval/finance.h"
#include "crmeval/report.h"
#include "crmeval/elicit.h"
#include "crmeval/store.h"
#include "crmeval/panel.h"
#include "crmeval/output.h"

#endif
