/*
 * Workspaces (include/crmeval/store.h, docs/workspace.md).
 * crm_workspace_init makes one: a directory with a starter evaluation on
 * the bundled criteria, profile and vendors, and an empty workspace
 * database; the starter is loaded back before the call returns, so
 * `evaluate` works on it at once. crm_workspace_apply_panel is the
 * workspace rule: the panel's recorded scores replace the profiles'
 * values, for the CLI and a library user alike.
 */
#include "crmeval/evaluation.h"
#include "crmeval/panel.h"
#include "crmeval/store.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/fileio.h"
#include "util/strutil.h"

static const char *const profiles[] = { "sme", "enterprise", "finance", "retail",
                                        "manufacturing", "services", NULL };

crm_status crm_workspace_init(const char *dir, const char *profile, const char *language,
                              crm_diags *diags)
{
    char evaluation[4096], db[4096], text[16384], today[16];
    const char *hint = NULL;
    bool zh = language != NULL && strcmp(language, "zh-CN") == 0;
    time_t now = time(NULL);
    struct tm tm;
    crm_evaluation *ev = NULL;
    crm_store *store = NULL;
    crm_status st = CRM_OK;
    size_t i;

    for (i = 0; profiles[i] != NULL && strcmp(profiles[i], profile) != 0; i++) {
    }
    if (profiles[i] == NULL) {
        hint = crm__did_you_mean(profile, profiles);
        crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0,
                      "unknown profile '%s'%s%s%s; the bundled profiles are sme, "
                      "enterprise, finance, retail, manufacturing and services",
                      profile, hint ? "; did you mean '" : "", hint ? hint : "",
                      hint ? "'?" : "");
        return CRM_EUSAGE;
    }
    if (language != NULL && strcmp(language, "en") != 0 && !zh) {
        crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0,
                      "unknown language '%s': en or zh-CN", language);
        return CRM_EUSAGE;
    }
    if (strlen(dir) + 32 > sizeof(evaluation)) {
        crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0, "the directory name is too long");
        return CRM_EUSAGE;
    }
    snprintf(evaluation, sizeof(evaluation), "%s/evaluation.yaml", dir);
    snprintf(db, sizeof(db), "%s/crmeval.db", dir);
    if (access(evaluation, F_OK) == 0 || access(db, F_OK) == 0) {
        crm_diags_add(diags, CRM_SEV_ERROR, dir, 0, 0,
                      "already holds a workspace (evaluation.yaml or crmeval.db); "
                      "nothing was changed");
        return CRM_EUSAGE;
    }
    localtime_r(&now, &tm);
    strftime(today, sizeof(today), "%Y-%m-%d", &tm);
    snprintf(text, sizeof(text),
             "# Starter evaluation made by `crmeval init` (docs/formats.md).\n"
             "# Set the organisation, list the shortlisted vendors, add the\n"
             "# finance section (docs/finance.md), then: crmeval evaluate %s\n"
             "kind: evaluation\n"
             "title: \"%s\"\n"
             "date: %s\n"
             "organisation: {name: \"%s\", seats: 50}\n"
             "currency: CNY\n"
             "exchange_rates:\n"
             "  as_of: %s\n"
             "  source: \"example assumption, replace with your treasury rates\"\n"
             "  rates: {USD: 7.10, INR: 0.085, EUR: 7.70}\n"
             "horizon_years: 5\n"
             "discount_rate: 0.08\n"
             "language: %s\n"
             "criteria: core                  # crmeval's bundled criteria set\n"
             "profile: %s\n"
             "vendors: [zoho_crm, hubspot_crm, salesforce_sales_cloud, fxiaoke, neocrm]\n"
             "output: {json: out/report.json, pdf: out/report.pdf}\n"
             "# The evaluation panel (docs/panel.md): record scores with\n"
             "#   crmeval score -w DIR --evaluator NAME --role ROLE VENDOR CRITERION VALUE\n"
             "# or --import a YAML/CSV sheet; `crmeval status -w DIR` shows what is open.\n"
             "panel:\n"
             "  aggregate: weighted_mean      # or median\n"
             "  spread_as_uncertainty: false  # true: simulate the panel's disagreement\n"
             "  role_weights: {it: 1, sales: 1, service: 1, finance: 1, management: 1}\n"
             "  criteria: [usability.ease_of_use, usability.mobile_app, scale.customisation,\n"
             "             compatibility.erp_integration, sales.pipeline_reports,\n"
             "             analytics.dashboards]\n",
             evaluation, zh ? "CRM 选型" : "CRM selection", today,
             zh ? "贵公司" : "Your organisation", today, zh ? "zh-CN" : "en", profile);
    st = crm__file_write_atomic(evaluation, text, strlen(text), NULL, diags);
    if (st == CRM_OK) {
        st = crm_store_open(&store, db, CRM_STORE_CREATE, diags);
        crm_store_close(store);
    }
    if (st == CRM_OK) {
        st = crm_evaluation_load(&ev, evaluation, diags);
        crm_evaluation_free(ev);
    }
    if (st != CRM_OK) {
        /* leave nothing half made */
        unlink(evaluation);
        unlink(db);
        snprintf(text, sizeof(text), "%s-wal", db);
        unlink(text);
        snprintf(text, sizeof(text), "%s-shm", db);
        unlink(text);
    }
    return st;
}

const char *crm_workspace_db(const char *evaluation, const char *db, char *buf, size_t size)
{
    const char *slash = strrchr(evaluation, '/');

    if (db != NULL) {
        return db;
    }
    snprintf(buf, size, "%.*s%scrmeval.db", slash ? (int)(slash - evaluation) : 0, evaluation,
             slash ? "/" : "");
    return access(buf, F_OK) == 0 ? buf : NULL;
}

crm_status crm_workspace_apply_panel(crm_evaluation *ev, const char *evaluation, const char *db,
                                     crm_diags *diags)
{
    char path[4096];
    const char *file = crm_workspace_db(evaluation, db, path, sizeof(path));
    crm_store *store = NULL;
    crm_scores *scores = NULL;
    crm_status st = CRM_OK;

    /* a database the run is yet to make has no panel */
    if (file == NULL || access(file, F_OK) != 0) {
        return CRM_OK;
    }
    st = crm_store_open(&store, file, CRM_STORE_READ, diags);
    if (st == CRM_OK) {
        st = crm_store_scores(store, &scores, diags);
    }
    crm_store_close(store);
    if (st == CRM_OK) {
        st = crm_evaluation_set_panel(ev, scores, file, diags);
    }
    crm_scores_free(scores);
    return st;
}
