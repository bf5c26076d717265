/*
 * crmeval - decision support for choosing a CRM system.
 *
 * Umbrella header. Data flows one way:
 *   crm_evaluation_load()  YAML files -> checked model
 *   crm_result_compute()   model -> scores, knock-outs, ranking
 *   crm_report_json_*()    result -> JSON report
 */
#ifndef CRMEVAL_H
#define CRMEVAL_H

#include "crmeval/version.h"
#include "crmeval/error.h"
#include "crmeval/limits.h"
#include "crmeval/evaluation.h"
#include "crmeval/result.h"
#include "crmeval/report.h"
#include "crmeval/elicit.h"
#include "crmeval/store.h"
#include "crmeval/panel.h"
#include "crmeval/output.h"

#endif
