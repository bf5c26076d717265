/*
 * Evaluations: the file that picks a criteria set, a profile and vendors,
 * and gives the organisation's figures. crm_evaluation_load() reads it and
 * everything it names, checks all references, computes derived values, and
 * digests every input so reports can say exactly what they were made from.
 */
#include <math.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crmeval/evaluation.h"
#include "crmeval/limits.h"
#include "load/evaluation_parts.h"
#include "load/load.h"
#include "load/parallel.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "util/sha256.h"
#include "util/strutil.h"

static const char *const evaluation_keys[] = {
    "kind", "title", "date", "prepared_by", "organisation", "currency",
    "exchange_rates", "horizon_years", "discount_rate", "budget", "language",
    "criteria", "profile", "weights", "must_have", "value_functions",
    "missing_values", "vendor_dir", "vendors", "observations", "finance",
    "template", "simulation", "output", "panel", "unverified_must_haves",
    "uncertainty", "verdict", NULL
};

static const char *const organisation_keys[] = { "name", "industry", "size",
                                                 "seats", "seat_growth", NULL };

static const char *const rates_keys[] = { "as_of", "source", "rates", NULL };

static const char *const weights_keys[] = { "groups", NULL };

static const char *const output_keys[] = { "json", "pdf", NULL };

static const char *const industries[] = { "finance", "retail",
                                          "manufacturing", "services",
                                          "other", NULL };

static const char *const sizes[] = { "sme", "enterprise", NULL };

static const char *const languages[] = { "en", "zh-CN", NULL };

static const char *const missing_policies[] = { "worst", "midpoint", "ignore",
                                                NULL };

/* Record an input for the report's digest list. */
void crm__ev_add_input(struct crm_evaluation *ev, size_t cap, const char *role,
                      const char *shown, const struct crm_loaded_file *f)
{
    struct crm_input_file *in = NULL;

    if (ev->input_count >= cap) {
        return;
    }
    in = &ev->inputs[ev->input_count++];
    in->role = role;
    in->path = shown;
    in->file = f->path;
    memcpy(in->sha256, f->sha256, sizeof(in->sha256));
}

bool crm__exchange_rate(const struct crm_evaluation *ev, const char *currency,
                        double *rate)
{
    size_t i;

    if (ev->currency != NULL && strcmp(currency, ev->currency) == 0) {
        *rate = 1.0;
        return true;
    }
    for (i = 0; i < ev->rate_count; i++) {
        if (strcmp(ev->rates[i].currency, currency) == 0) {
            *rate = ev->rates[i].rate;
            return true;
        }
    }
    return false;
}

/* Point at the line of the evaluation that named a file that failed. */
void crm__ev_note_reference(struct crm_reader *r, const struct crm_ynode *at,
                           const char *what)
{
    if (at != NULL) {
        crm_diags_add(r->diags, CRM_SEV_NOTE, r->file, at->line, at->column,
                      "the %s named here", what);
    }
}

/* The `organisation:` section. Seats are a whole number from 1 to 10
 * million, or a distribution whose point value is rounded up to a whole
 * seat; seat growth is a yearly fraction in (-1, 10]. */
static void read_organisation(struct crm_reader *r,
                              const struct crm_ynode *node,
                              struct crm_organisation *org)
{
    const struct crm_ynode *v = NULL;

    if (!crm__rd_is_map(r, node, "'organisation'")) {
        return;
    }
    crm__rd_check_keys(r, node, organisation_keys, "'organisation'");
    v = crm__rd_require(r, node, "name", "'organisation'");
    if (v != NULL) {
        crm__rd_name(r, v, "organisation 'name'", &org->name);
    }
    v = crm__rd_get(node, "industry");
    if (v != NULL && crm__rd_enum(r, v, "industry", industries) >= 0) {
        org->industry = v->text;
    }
    v = crm__rd_get(node, "size");
    if (v != NULL && crm__rd_enum(r, v, "organisation size", sizes) >= 0) {
        org->size = v->text;
    }
    v = crm__rd_require(r, node, "seats", "'organisation'");
    if (v != NULL && crm__is_dist_node(v)) {
        /* uncertain seats: draws are rounded up to whole seats */
        if (crm__rd_uncertain(r, v, "'seats'", 1, 10000000, &org->seats,
                              &org->seats_dist)) {
            org->seats = ceil(org->seats);
        }
    } else if (v != NULL && crm__rd_nonneg(r, v, "'seats'", &org->seats) &&
        (org->seats < 1 || org->seats > 10000000 ||
         org->seats != floor(org->seats))) {
        crm__rd_error(r, v, "'seats' must be a whole number from 1 to "
                            "10,000,000 (got %s)",
                      v->text);
    }
    v = crm__rd_get(node, "seat_growth");
    if (v != NULL && crm__rd_number(r, v, "'seat_growth'", &org->seat_growth) &&
        (org->seat_growth <= -1 || org->seat_growth > 10)) {
        crm__rd_error(r, v, "'seat_growth' is a yearly fraction above -1 and "
                            "at most 10 (got %s)",
                      v->text);
    }
}

/* The `exchange_rates:` section: as-of date, source, and a positive rate
 * (evaluation currency per unit) for each currency. Bad rates are reported
 * and left out. */
static void read_rates(struct crm_reader *r, const struct crm_ynode *node,
                       struct crm_evaluation *ev)
{
    const struct crm_ynode *v = NULL, *rates = NULL;
    size_t i;

    if (!crm__rd_is_map(r, node, "'exchange_rates'")) {
        return;
    }
    crm__rd_check_keys(r, node, rates_keys, "'exchange_rates'");
    v = crm__rd_require(r, node, "as_of", "'exchange_rates'");
    if (v != NULL) {
        crm__rd_date(r, v, "'as_of'", &ev->rates_as_of);
    }
    v = crm__rd_get(node, "source");
    if (v != NULL) {
        crm__rd_string(r, v, "'source'", &ev->rates_source);
    }
    rates = crm__rd_require(r, node, "rates", "'exchange_rates'");
    if (rates == NULL || !crm__rd_is_map(r, rates, "'rates'")) {
        return;
    }
    ev->rates = crm__arena_array(r->arena, rates->count ? rates->count : 1,
                                 sizeof(*ev->rates));
    for (i = 0; i < rates->count; i++) {
        struct crm_rate *rate = &ev->rates[ev->rate_count];

        if (!crm__rd_currency(r, rates->pairs[i].key, "an exchange rate",
                              &rate->currency) ||
            !crm__rd_number(r, rates->pairs[i].value, "an exchange rate",
                            &rate->rate)) {
            continue;
        }
        if (rate->rate <= 0) {
            crm__rd_error(r, rates->pairs[i].value,
                          "exchange rate for %s must be positive (got %s)",
                          rate->currency, rates->pairs[i].value->text);
            continue;
        }
        ev->rate_count++;
    }
}

/* When @p ref is an id and @p path (the file it names) does not exist,
 * report "no @p what 'ref' (looked for path)" at @p at, with a
 * did-you-mean from the files beside it, and say true. */
static bool no_file_for_id(struct crm_reader *r, const struct crm_ynode *at, const char *what,
                           const char *ref, const char *path)
{
    char name[96];
    bool hint = false;

    if (!crm__is_id(ref) || access(path, F_OK) == 0) {
        return false;
    }
    hint = crm__similar_file(crm__path_dirname(r->arena, path), ref, ".yaml", name,
                             sizeof(name)) != NULL;
    crm__rd_error(r, at, "no %s '%s' (looked for %s)%s%s%s", what, ref, path,
                  hint ? "; did you mean '" : "", hint ? name : "", hint ? "'?" : "");
    return true;
}

/* Resolve "x" as a profile id in <criteria dir>/profiles or a path. */
const char *crm__ev_resolve_ref(struct crm_arena *arena, const char *base_dir,
                               const char *id_dir, const char *ref)
{
    if (crm__is_id(ref)) {
        return crm__arena_printf(arena, "%s/%s.yaml", id_dir, ref);
    }
    return crm__path_join(arena, base_dir, ref);
}

/* What the steps of load_all share: the evaluation being filled, the
 * reader of its file, and what one step reads for a later one. */
struct loading {
    struct crm_evaluation *ev;
    struct crm_arena *arena;
    crm_diags *diags;
    struct crm_reader r;                  /* of the evaluation file */
    struct crm_loaded_file file;          /* the evaluation file */
    const struct crm_ynode *root;
    const struct crm_ynode *vendors;      /* `vendors:` */
    const struct crm_ynode *vf_node;      /* `value_functions:` */
    const struct crm_ynode *panel_sheet;  /* `panel.criteria` */
    const struct crm_ynode *weight_sets;  /* `panel.weights` */
    const char *dir;                      /* the evaluation's directory */
    const char *criteria_path;            /* `criteria:` as written */
    const char *criteria_dir;             /* the criteria set's directory */
    const char *vendor_dir;
    const char *profile_ref;              /* `profile:` as written, or NULL */
    const char *template_ref;             /* `template:` as written, or "default" */
    size_t input_cap;                     /* entries of ev->inputs */
};

/* The evaluation's own settings: title, date, organisation, currency and
 * rates, horizon, discount rate, budget, simulation, finance, language,
 * missing-value policy. */
static void read_settings(struct loading *ld)
{
    struct crm_evaluation *ev = ld->ev;
    struct crm_reader *r = &ld->r;
    const struct crm_ynode *root = ld->root, *v = NULL;
    int k = 0;

    if ((v = crm__rd_require(r, root, "title", "an evaluation")) != NULL) {
        crm__rd_name(r, v, "'title'", &ev->title);
    }
    if ((v = crm__rd_require(r, root, "date", "an evaluation")) != NULL) {
        crm__rd_date(r, v, "'date'", &ev->date);
    }
    if ((v = crm__rd_get(root, "prepared_by")) != NULL) {
        crm__rd_name(r, v, "'prepared_by'", &ev->prepared_by);
    }
    if ((v = crm__rd_require(r, root, "organisation", "an evaluation")) != NULL) {
        read_organisation(r, v, &ev->org);
    }
    if ((v = crm__rd_require(r, root, "currency", "an evaluation")) != NULL) {
        crm__rd_currency(r, v, "'currency'", &ev->currency);
    }
    if ((v = crm__rd_get(root, "exchange_rates")) != NULL) {
        read_rates(r, v, ev);
    }
    ev->horizon_years = 5;
    v = crm__rd_get(root, "horizon_years");
    if (v != NULL && crm__rd_number(r, v, "'horizon_years'", &ev->horizon_years) &&
        (ev->horizon_years < 1 || ev->horizon_years > 30 ||
         ev->horizon_years != floor(ev->horizon_years))) {
        crm__rd_error(r, v, "'horizon_years' must be a whole number from 1 to 30 (got %s)",
                      v->text);
    }
    v = crm__rd_get(root, "discount_rate");
    if (v != NULL && crm__rd_number(r, v, "'discount_rate'", &ev->discount_rate) &&
        (ev->discount_rate <= -1 || ev->discount_rate > 1)) {
        crm__rd_error(r, v, "'discount_rate' is a yearly fraction above -1 "
                            "and at most 1, e.g. 0.08 (got %s)",
                      v->text);
    }
    if ((v = crm__rd_get(root, "budget")) != NULL) {
        ev->has_budget = crm__rd_nonneg(r, v, "'budget'", &ev->budget);
    }
    if ((v = crm__rd_get(root, "simulation")) != NULL) {
        crm__ev_read_simulation(r, v, &ev->sim);
    }
    if ((v = crm__rd_get(root, "finance")) != NULL) {
        crm__finance_read(r, v, &ev->finance, ev->horizon_years);
        if (ev->finance.budget_knockout && !ev->has_budget) {
            crm__rd_error(r, crm__rd_get(v, "budget_knockout"),
                          "'budget_knockout' needs the evaluation's 'budget'");
        }
    }
    ev->language = "en";
    v = crm__rd_get(root, "language");
    if (v != NULL && crm__rd_enum(r, v, "language", languages) >= 0) {
        ev->language = v->text;
    }
    v = crm__rd_get(root, "missing_values");
    if (v != NULL && (k = crm__rd_enum(r, v, "missing-value policy", missing_policies)) >= 0) {
        ev->missing = (enum crm_missing_policy)k;
    }
}

/* The evaluation's `output:` paths, relative to its directory ("-" for
 * the JSON is standard output). */
static void read_output(struct loading *ld, const struct crm_ynode *v)
{
    struct crm_evaluation *ev = ld->ev;
    const struct crm_ynode *json = NULL, *pdf = NULL;

    if (!crm__rd_is_map(&ld->r, v, "'output'")) {
        return;
    }
    crm__rd_check_keys(&ld->r, v, output_keys, "'output'");
    json = crm__rd_get(v, "json");
    pdf = crm__rd_get(v, "pdf");
    if (json != NULL && crm__rd_string(&ld->r, json, "'output.json'", &ev->json_written)) {
        ev->json_mark = crm__rd_mark(&ld->r, json);
        ev->json_path = strcmp(ev->json_written, "-") == 0
                            ? ev->json_written
                            : crm__path_join(ld->arena, ld->dir, ev->json_written);
    }
    if (pdf != NULL && crm__rd_string(&ld->r, pdf, "'output.pdf'", &ev->pdf_written)) {
        ev->pdf_mark = crm__rd_mark(&ld->r, pdf);
        ev->pdf_path = crm__path_join(ld->arena, ld->dir, ev->pdf_written);
    }
}

/* The evaluation's sections as written (decision settings, weights,
 * must-haves, observations, value functions, panel, output) and the
 * names of the files it uses. False when loading cannot go on: no
 * criteria set, or more vendors than the limit (refused before any vendor
 * file is read). */
static bool read_sections(struct loading *ld)
{
    struct crm_evaluation *ev = ld->ev;
    struct crm_reader *r = &ld->r;
    const struct crm_ynode *root = ld->root, *v = NULL, *vendors = NULL;
    size_t i;

    crm__decision_read(r, root, ev);
    ev->weights_mark = crm__rd_mark(r, root);
    if ((v = crm__rd_get(root, "weights")) != NULL) {
        ev->weights_mark = crm__rd_mark(r, v);
        if (crm__rd_is_map(r, v, "'weights'")) {
            const struct crm_ynode *groups = crm__rd_get(v, "groups");

            crm__rd_check_keys(r, v, weights_keys, "'weights'");
            if (groups != NULL) {
                crm__weights_read(r, groups, &ev->overrides, &ev->override_count);
            }
        }
    }
    if ((v = crm__rd_get(root, "must_have")) != NULL) {
        crm__rules_read(r, v, "evaluation", &ev->rules, &ev->rule_count);
    }
    if ((v = crm__rd_get(root, "observations")) != NULL) {
        crm__ev_read_observations(r, v, ev);
    }
    if ((ld->vf_node = crm__rd_get(root, "value_functions")) != NULL) {
        crm__ev_read_value_functions(r, ld->vf_node, ev);
    }
    for (i = 0; i < CRM_ROLE_COUNT; i++) {
        ev->panel_settings.role_weight[i] = 1;
    }
    if ((v = crm__rd_get(root, "panel")) != NULL) {
        crm__ev_read_panel(r, v, ev, &ld->panel_sheet, &ld->weight_sets);
    }
    if ((v = crm__rd_get(root, "output")) != NULL) {
        read_output(ld, v);
    }
    if ((v = crm__rd_require(r, root, "criteria", "an evaluation")) != NULL) {
        crm__rd_string(r, v, "'criteria'", &ld->criteria_path);
    }
    if ((v = crm__rd_get(root, "profile")) != NULL) {
        crm__rd_string(r, v, "'profile'", &ld->profile_ref);
    }
    vendors = crm__rd_require(r, root, "vendors", "an evaluation");
    if (vendors != NULL && crm__rd_is_seq(r, vendors, "'vendors'") && vendors->count == 0) {
        crm__rd_error(r, vendors, "'vendors' is empty; name at least one");
    }
    if (vendors != NULL) {
        ev->vendors_mark = crm__rd_mark(r, vendors);
    }
    if (vendors != NULL && vendors->type == CRM_YSEQ && vendors->count > CRM_MAX_VENDORS) {
        crm__rd_error(r, vendors->items[CRM_MAX_VENDORS],
                      "more than %u vendors (this is vendor %u); an evaluation may "
                      "compare at most %u, which bounds the reports and the simulation "
                      "(docs/formats.md, Limits)",
                      CRM_MAX_VENDORS, CRM_MAX_VENDORS + 1, CRM_MAX_VENDORS);
        return false;
    }
    ld->vendors = vendors;
    return ld->criteria_path != NULL;
}

/* The criteria set (an id names a bundled one), then what depends on it:
 * the vendor directory, value functions, priors and the panel's sheet. */
static crm_status load_criteria(struct loading *ld)
{
    struct crm_evaluation *ev = ld->ev;
    struct crm_arena *arena = ld->arena;
    const struct crm_ynode *v = NULL;
    const char *cpath = crm__is_id(ld->criteria_path)
                            ? crm__arena_printf(arena, "%s/criteria/%s.yaml", crm_data_dir(),
                                                ld->criteria_path)
                            : crm__path_join(arena, ld->dir, ld->criteria_path);
    struct crm_loaded_file cf;
    struct crm_reader cr;
    crm_status st = CRM_OK;

    if (no_file_for_id(&ld->r, crm__rd_get(ld->root, "criteria"), "bundled criteria set",
                       ld->criteria_path, cpath)) {
        return CRM_EINPUT;
    }
    st = crm__file_load(arena, cpath, CRM_FILE_CRITERIA, ld->diags, &cf);
    if (st != CRM_OK) {
        crm__ev_note_reference(&ld->r, crm__rd_get(ld->root, "criteria"), "criteria set");
        return st;
    }
    crm__rd_init(&cr, arena, ld->diags, cf.path);
    ev->set = crm__criteria_read(&cr, cf.root);
    if (cr.errors > 0) {
        return CRM_EINPUT;
    }
    crm__ev_add_input(ev, ld->input_cap, "criteria", ld->criteria_path, &cf);
    ld->criteria_dir = crm__path_dirname(arena, cpath);
    v = crm__rd_get(ld->root, "vendor_dir");
    if (v != NULL && crm__rd_string(&ld->r, v, "'vendor_dir'", &ld->vendor_dir)) {
        ld->vendor_dir = crm__path_join(arena, ld->dir, ld->vendor_dir);
    } else {
        ld->vendor_dir = crm__path_join(arena, ld->criteria_dir, "../vendors");
    }
    if (ld->vf_node != NULL) {
        crm__ev_apply_value_functions(ev, &ld->r, ld->vf_node);
    }
    crm__priors_resolve(arena, ld->diags, ev->set, &ev->uncertainty);
    if (ld->panel_sheet != NULL) {
        crm__ev_resolve_panel_sheet(&ld->r, ld->panel_sheet, ev);
    }
    return CRM_OK;
}

/* The report template and its text in the evaluation's language: the
 * one named, else the default beside the criteria set, else crmeval's
 * own. */
static void load_template(struct loading *ld)
{
    struct crm_evaluation *ev = ld->ev;
    struct crm_arena *arena = ld->arena;
    const struct crm_ynode *tnode = crm__rd_get(ld->root, "template");
    const char *tdir = crm__path_join(arena, ld->criteria_dir, "../templates");

    ld->template_ref = "default";
    if (tnode != NULL) {
        crm__rd_string(&ld->r, tnode, "'template'", &ld->template_ref);
    } else if (access(crm__arena_printf(arena, "%s/default.yaml", tdir), F_OK) != 0) {
        tdir = crm__path_join(arena, crm_data_dir(), "templates");
    }
    if (tnode != NULL ||
        access(crm__arena_printf(arena, "%s/default.yaml", tdir), F_OK) == 0) {
        ev->template_ = crm__template_load(arena, ld->diags, tdir, ld->dir, ld->template_ref,
                                           ev->language);
    }
    if (ev->template_ == NULL && tnode != NULL) {
        crm__ev_note_reference(&ld->r, tnode, "template");
    }
}

/* The weight profile (an id names one beside the criteria set), its
 * weights and rules checked against the criteria set; then the
 * evaluators' own profiles, the evaluation's overrides and rules, and the
 * profile's rules put before the evaluation's. */
static void load_profile(struct loading *ld)
{
    struct crm_evaluation *ev = ld->ev;
    struct crm_arena *arena = ld->arena;
    const char *profiles = crm__path_join(arena, ld->criteria_dir, "profiles");

    if (ld->profile_ref != NULL) {
        const char *ppath = crm__ev_resolve_ref(arena, ld->dir, profiles, ld->profile_ref);
        struct crm_loaded_file pf;
        struct crm_reader pr;
        crm_status st = CRM_OK;

        if (no_file_for_id(&ld->r, crm__rd_get(ld->root, "profile"), "profile",
                           ld->profile_ref, ppath)) {
            st = CRM_EINPUT;
        } else if ((st = crm__file_load(arena, ppath, CRM_FILE_PROFILE, ld->diags, &pf)) !=
                   CRM_OK) {
            crm__ev_note_reference(&ld->r, crm__rd_get(ld->root, "profile"), "profile");
        }
        if (st == CRM_OK) {
            crm__rd_init(&pr, arena, ld->diags, pf.path);
            ev->profile = crm__profile_read(&pr, pf.root);
            crm__ev_add_input(ev, ld->input_cap, "profile", ld->profile_ref, &pf);
            crm__check_set_id(ld->diags, &ev->profile->mark, ev->profile->criteria_set,
                              ev->set);
            crm__weights_resolve(ld->diags, ev->set, ev->profile->weights,
                                 ev->profile->weight_count);
            crm__rules_resolve(ld->diags, ev->set, ev->profile->rules,
                               ev->profile->rule_count);
        }
    }
    if (ld->weight_sets != NULL) {
        crm__ev_load_weight_sets(&ld->r, ld->weight_sets, ev, ld->dir, profiles, ld->input_cap,
                                 ld->diags);
    }
    crm__weights_resolve(ld->diags, ev->set, ev->overrides, ev->override_count);
    crm__rules_resolve(ld->diags, ev->set, ev->rules, ev->rule_count);
    if (ev->profile != NULL && ev->profile->rule_count > 0) {
        size_t n = ev->profile->rule_count + ev->rule_count;
        struct crm_rule *all = crm__arena_array(arena, n, sizeof(*all));

        memcpy(all, ev->profile->rules, ev->profile->rule_count * sizeof(*all));
        if (ev->rule_count > 0) {
            memcpy(all + ev->profile->rule_count, ev->rules, ev->rule_count * sizeof(*all));
        }
        ev->rules = all;
        ev->rule_count = n;
    }
}

/* The vendors: files found here, read on worker threads (their
 * diagnostics kept in list order), then checked here in list order:
 * duplicates, the criteria set they were written for, their values, and
 * their derived values. CRM_OK unless memory ran out. */
static crm_status load_vendors(struct loading *ld)
{
    struct crm_evaluation *ev = ld->ev;
    struct crm_arena *arena = ld->arena;
    const struct crm_ynode *vendors = ld->vendors;
    struct crm_vendor_job *jobs = NULL;
    const char **refs = NULL;
    struct crm_strmap seen; /* vendor id -> entry, for duplicates */
    crm_status st = CRM_OK;
    size_t i, j;

    if (vendors == NULL || vendors->type != CRM_YSEQ) {
        return CRM_OK;
    }
    jobs = crm__arena_array(arena, vendors->count + 1, sizeof(*jobs));
    refs = crm__arena_array(arena, vendors->count + 1, sizeof(*refs));
    ev->vendors = crm__arena_array(arena, vendors->count + 1, sizeof(*ev->vendors));
    crm__strmap_init(&seen, arena, vendors->count);
    for (i = 0; i < vendors->count; i++) {
        const struct crm_ynode *item = vendors->items[i];
        const char *vpath = NULL;

        if (!crm__rd_string(&ld->r, item, "a vendor", &refs[i])) {
            continue;
        }
        vpath = crm__ev_resolve_ref(arena, ld->dir, ld->vendor_dir, refs[i]);
        if (no_file_for_id(&ld->r, item, "vendor", refs[i], vpath)) {
            continue;
        }
        jobs[i].path = vpath;
    }
    st = crm__vendor_jobs_run(jobs, vendors->count, ev->worker_arenas,
                              crm__load_threads(vendors->count), crm__diags_limit(ld->diags));
    for (i = 0; i < vendors->count; i++) {
        crm__diags_append(ld->diags, jobs[i].diags);
        crm_diags_free(jobs[i].diags);
        jobs[i].diags = NULL;
    }
    if (st != CRM_OK) {
        return crm__arena_oom(arena); /* a worker or a thread ran out */
    }
    for (i = 0; i < vendors->count; i++) {
        const struct crm_ynode *item = vendors->items[i];
        struct crm_vendor *vendor = jobs[i].vendor;

        if (jobs[i].path == NULL) {
            continue;
        }
        if (jobs[i].status != CRM_OK) {
            crm__ev_note_reference(&ld->r, item, "vendor");
            continue;
        }
        if (vendor->id == NULL) {
            continue;
        }
        if (crm__strmap_get(&seen, vendor->id, &j)) {
            crm__rd_error(&ld->r, item, "vendor '%s' is listed twice (also as entry %zu)",
                          vendor->id, j + 1);
            continue;
        }
        crm__strmap_put(&seen, vendor->id, i);
        crm__check_set_id(ld->diags, &vendor->mark, vendor->criteria_set, ev->set);
        crm__vendor_resolve(arena, ld->diags, ev->set, vendor);
        crm__ev_derive_values(ev, ld->diags, vendor);
        crm__ev_add_input(ev, ld->input_cap, "vendor", refs[i], &jobs[i].file);
        ev->vendors[ev->vendor_count++] = vendor;
    }
    return CRM_OK;
}

/* What needs every file: the template's inputs, observations, cost
 * plans and the finance checks, the budget rule, the uncertain inputs
 * (and whether their simulation fits in memory), and, when nothing
 * failed so far, whether the weights leave something to score. */
static void finish(struct loading *ld, size_t errors_before)
{
    struct crm_evaluation *ev = ld->ev;
    size_t i;

    if (ev->template_ != NULL) {
        struct crm_loaded_file tf;

        memset(&tf, 0, sizeof(tf));
        tf.path = ev->template_->file;
        memcpy(tf.sha256, ev->template_->sha256, sizeof(tf.sha256));
        crm__ev_add_input(ev, ld->input_cap, "template", ld->template_ref, &tf);
        tf.path = ev->template_->strings_file;
        memcpy(tf.sha256, ev->template_->strings_sha256, sizeof(tf.sha256));
        crm__ev_add_input(ev, ld->input_cap, "text",
                          crm__arena_printf(ld->arena, "text/%s.yaml", ev->language), &tf);
    }
    crm__ev_apply_observations(ev, ld->diags);
    for (i = 0; i < ev->vendor_count; i++) {
        crm__cost_plan_build(ev, ld->diags, ev->vendors[i]);
    }
    crm__finance_check_vendors(ev, ld->diags);
    crm__ev_add_budget_rule(ev, ld->diags);
    crm__ev_collect_uncertain(ev);
    if (ev->sim.present || ev->uncertain_count > 0) {
        /* a simulation too large for memory is refused now, at its
         * trials (or its section, or the file when it has neither) */
        struct crm_mark at = { ev->file, 0, 0 };

        at = ev->sim.trials ? ev->sim.trials_mark : (ev->sim.present ? ev->sim.mark : at);
        crm__sim_size_ok(ld->diags, &at, ev->sim.trials ? ev->sim.trials : CRM_SIM_DEFAULT_TRIALS,
                         ev->uncertain_count, ev->vendor_count);
    }
    if (crm_diags_error_count(ld->diags) == errors_before) {
        struct crm_weights w;

        if (ev->override_count == 0 && ev->profile != NULL) {
            ev->weights_mark = ev->profile->weights_mark;
        }
        crm__weights_compute(ld->arena, ld->diags, ev->set,
                             ev->profile ? ev->profile->weights : NULL,
                             ev->profile ? ev->profile->weight_count : 0, ev->overrides,
                             ev->override_count, &ev->weights_mark, &w);
    }
}

/* Load the evaluation at @p path into @p ev, step by step; every step
 * reports what it finds and the next goes on where it can, so one run
 * reports every error. The steps that later ones cannot do without
 * (the file, its criteria set) end the load early. */
static crm_status load_all(struct crm_evaluation *ev, const char *path, crm_diags *diags)
{
    struct loading ld;
    size_t errors_before = crm_diags_error_count(diags);
    crm_status st = CRM_OK;

    memset(&ld, 0, sizeof(ld));
    ld.ev = ev;
    ld.arena = ev->arena;
    ld.diags = diags;
    st = crm__file_load(ld.arena, path, CRM_FILE_EVALUATION, diags, &ld.file);
    if (st != CRM_OK) {
        return st;
    }
    ev->file = ld.file.path;
    ld.root = ld.file.root;
    ld.dir = crm__path_dirname(ld.arena, ev->file);
    crm__rd_init(&ld.r, ld.arena, diags, ev->file);
    crm__rd_check_keys(&ld.r, ld.root, evaluation_keys, "an evaluation");
    read_settings(&ld);
    if (!read_sections(&ld)) {
        return CRM_EINPUT;
    }
    ld.input_cap = 5 + (ld.vendors && ld.vendors->type == CRM_YSEQ ? ld.vendors->count : 0) +
                   (ld.weight_sets ? ld.weight_sets->count : 0);
    ev->inputs = crm__arena_array(ld.arena, ld.input_cap, sizeof(*ev->inputs));
    {
        /* Shown by name only, so the report does not depend on the
         * directory crmeval was started from. */
        const char *slash = strrchr(ev->file, '/');

        crm__ev_add_input(ev, ld.input_cap, "evaluation", slash ? slash + 1 : ev->file,
                          &ld.file);
    }
    st = load_criteria(&ld);
    if (st != CRM_OK) {
        return st;
    }
    load_template(&ld);
    load_profile(&ld);
    st = load_vendors(&ld);
    if (st != CRM_OK) {
        return st;
    }
    finish(&ld, errors_before);
    crm__vendor_names(ev);
    crm__evaluation_digest(ev);
    return crm_diags_error_count(diags) == errors_before ? CRM_OK : CRM_EINPUT;
}

struct load_call {
    const char *path;
    crm_diags *diags;
    struct crm_evaluation *ev;
};

/* Body of crm_evaluation_load run under crm__arena_protect: the
 * evaluation lives in the arena, and call->ev is set first so the caller
 * can free it (and the arena) if a later step fails. */
static crm_status load_protected(struct crm_arena *arena, void *ctx)
{
    struct load_call *call = ctx;

    struct crm_evaluation *ev = crm__arena_alloc(arena, sizeof(*ev));

    ev->arena = arena;
    call->ev = ev;
    return load_all(ev, call->path, call->diags);
}

crm_status crm_evaluation_load(crm_evaluation **out, const char *path,
                               crm_diags *diags)
{
    struct crm_arena *arena = crm__arena_new();
    struct load_call call = { path, diags, NULL };
    crm_status st = CRM_OK;

    *out = NULL;
    if (arena == NULL) {
        return CRM_ENOMEM;
    }
    st = crm__arena_protect(arena, load_protected, &call, diags);
    if (st != CRM_OK) {
        if (call.ev != NULL) {
            crm_evaluation_free(call.ev); /* frees the arena too */
        } else {
            crm__arena_free(arena);
        }
        return st;
    }
    *out = call.ev;
    return CRM_OK;
}

void crm_evaluation_free(crm_evaluation *ev)
{
    size_t k;

    if (ev == NULL) {
        return;
    }
    for (k = 0; k < sizeof(ev->worker_arenas) / sizeof(ev->worker_arenas[0]);
         k++) {
        crm__arena_free(ev->worker_arenas[k]);
    }
    crm__arena_free(ev->arena);
}

const char *crm_evaluation_json_path(const crm_evaluation *ev)
{
    return ev->json_path;
}

struct language_call {
    crm_evaluation *ev;
    const char *language;
    crm_diags *diags;
};

/* Body of crm_evaluation_set_language under the arena's recovery point:
 * reload the template's text for the language, and only switch when that
 * worked, so a failure leaves the old language in place. */
static crm_status set_language(struct crm_arena *arena, void *ctx)
{
    struct language_call *call = ctx;

    if (call->ev->template_ != NULL &&
        !crm__template_load_text(arena, call->diags, call->ev->template_,
                                 call->language)) {
        return CRM_EINPUT;
    }
    call->ev->language = call->language;
    crm__vendor_names(call->ev);
    return CRM_OK;
}

crm_status crm_evaluation_set_language(crm_evaluation *ev, const char *language,
                                       crm_diags *diags)
{
    struct language_call call = { ev, NULL, diags };
    size_t i;

    for (i = 0; languages[i] != NULL; i++) {
        if (strcmp(languages[i], language) == 0) {
            call.language = languages[i];
        }
    }
    if (call.language == NULL) {
        crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0,
                      "unknown language '%s'; expected en or zh-CN", language);
        return CRM_EUSAGE;
    }
    return crm__arena_protect(ev->arena, set_language, &call, diags);
}

const char *crm_evaluation_pdf_path(const crm_evaluation *ev)
{
    return ev->pdf_path;
}

/* An error at @p mark when the output path @p written (output.@p key) is
 * absolute or climbs out of the evaluation's directory. Lexical: a
 * symbolic link inside the directory is its owner's choice. */
static bool output_inside(struct crm_arena *arena, crm_diags *diags, const char *key,
                          const char *written, const struct crm_mark *mark)
{
    const char *tidy = NULL, *slash = NULL;

    if (written == NULL || strcmp(written, "-") == 0) {
        return true;
    }
    tidy = written[0] == '/' ? written : crm__path_join(arena, ".", written);
    if (tidy != NULL && tidy[0] != '/' && strcmp(tidy, "..") != 0 &&
        strncmp(tidy, "../", 3) != 0) {
        return true;
    }
    slash = strrchr(written, '/');
    crm__mark_error(diags, mark,
                    "'output.%s' is '%s', %s; expected a path inside %s (such as out/%s), "
                    "or --%s PATH on the command line",
                    key, written,
                    written[0] == '/' ? "an absolute path"
                                      : "which leads out of the evaluation's directory",
                    written[0] == '/' ? "the evaluation's directory" : "it",
                    slash && slash[1] != '\0' ? slash + 1 : written, key);
    return false;
}

crm_status crm_evaluation_check_outputs(const crm_evaluation *ev, bool json, bool pdf,
                                        crm_diags *diags)
{
    bool ok = !json || output_inside(ev->arena, diags, "json", ev->json_written, &ev->json_mark);

    ok = (!pdf || output_inside(ev->arena, diags, "pdf", ev->pdf_written, &ev->pdf_mark)) && ok;
    return ok ? CRM_OK : CRM_EINPUT;
}

const char *crm_evaluation_title(const crm_evaluation *ev)
{
    return ev->title;
}

/* What an input of role @p role is, for the message of an output that
 * would replace it. */
static const char *input_what(const char *role)
{
    static const char *const names[][2] = {
        { "evaluation", "the evaluation" },     { "criteria", "the criteria set" },
        { "profile", "the weight profile" },    { "vendor", "the vendor profile" },
        { "weights", "an evaluator's weights" }, { "template", "the report template" },
        { "text", "the report text" },          { "panel", "the workspace database" },
    };
    size_t i;

    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp(names[i][0], role) == 0) {
            return names[i][1];
        }
    }
    return "an input";
}

crm_status crm_evaluation_protect_inputs(const crm_evaluation *ev, crm_outputs *outputs,
                                         crm_diags *diags)
{
    const struct crm_template *t = ev->template_;
    crm_status st = CRM_OK;
    size_t i;

    for (i = 0; st == CRM_OK && i < ev->input_count; i++) {
        if (ev->inputs[i].file != NULL) {
            st = crm_outputs_protect(outputs, ev->inputs[i].file,
                                     input_what(ev->inputs[i].role), diags);
        }
    }
    if (t == NULL) {
        return st;
    }
    /* the report text of another language (--language), the fonts and
     * the logo are read too */
    {
        const char *const files[][2] = {
            { t->strings_file, "the report text" }, { t->latin.file, "a font" },
            { t->latin_bold.file, "a font" },        { t->cjk.file, "a font" },
            { t->logo, "the logo" },
        };

        for (i = 0; st == CRM_OK && i < sizeof(files) / sizeof(files[0]); i++) {
            if (files[i][0] != NULL) {
                st = crm_outputs_protect(outputs, files[i][0], files[i][1], diags);
            }
        }
    }
    return st;
}
