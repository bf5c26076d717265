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
#include "load/load.h"
#include "load/parallel.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "util/sha256.h"
#include "util/strutil.h"

static const char *const file_kinds[] = { "criteria", "profile", "vendor",
                                          "evaluation", "template", "text",
                                          "judgements", "scores", NULL };

static const char *const evaluation_keys[] = {
    "kind", "title", "date", "prepared_by", "organisation", "currency",
    "exchange_rates", "horizon_years", "discount_rate", "budget", "language",
    "criteria", "profile", "weights", "must_have", "value_functions",
    "missing_values", "vendor_dir", "vendors", "observations", "finance",
    "template", "simulation", "output", "panel", "unverified_must_haves",
    "uncertainty", "verdict", NULL
};
static const char *const panel_keys[] = { "aggregate", "role_weights", "criteria", "weights",
                                          "spread_as_uncertainty", NULL };
static const char *const aggregates[] = { "weighted_mean", "median", NULL };
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

const char *crm__file_kind_name(enum crm_file_kind kind)
{
    return kind < CRM_FILE_UNKNOWN ? file_kinds[kind] : "unknown";
}

crm_status crm__file_load(struct crm_arena *arena, const char *path,
                          enum crm_file_kind expect, crm_diags *diags,
                          struct crm_loaded_file *out)
{
    struct crm_sha256 sha;
    struct crm_reader r;
    char *data = NULL;
    size_t len = 0;
    const struct crm_ynode *kind = NULL;
    crm_status st = CRM_OK;
    int k = 0;

    memset(out, 0, sizeof(*out));
    out->path = crm__arena_strdup(arena, path);
    out->kind = CRM_FILE_UNKNOWN;
    st = crm__file_read(arena, out->path, CRM_MAX_FILE_SIZE, &data, &len,
                        diags);
    if (st != CRM_OK) {
        return st;
    }
    crm__sha256_init(&sha);
    crm__sha256_update(&sha, data, len);
    crm__sha256_hex(&sha, out->sha256);
    st = crm__yaml_parse(arena, out->path, data, len, diags, &out->root);
    if (st != CRM_OK) {
        return st;
    }
    crm__rd_init(&r, arena, diags, out->path);
    if (out->root->type != CRM_YMAP) {
        crm__rd_error(&r, out->root,
                      "expected a mapping at the top of the file, got %s",
                      crm__ynode_kind(out->root));
        return CRM_EINPUT;
    }
    kind = crm__rd_get(out->root, "kind");
    if (kind == NULL) {
        crm__rd_error(&r, out->root,
                      "missing required key 'kind'; expected one of: "
                      "criteria, profile, vendor, evaluation");
        return CRM_EINPUT;
    }
    k = crm__rd_enum(&r, kind, "file kind", file_kinds);
    if (k < 0) {
        return CRM_EINPUT;
    }
    out->kind = (enum crm_file_kind)k;
    if (expect != CRM_FILE_UNKNOWN && out->kind != expect) {
        const char *want = crm__file_kind_name(expect);

        crm__rd_error(&r, kind, "expected %s %s file here, but its kind is '%s'",
                      strchr("aeiou", want[0]) ? "an" : "a", want, kind->text);
        return CRM_EINPUT;
    }
    return CRM_OK;
}

/* Record an input for the report's digest list. */
static void add_input(struct crm_evaluation *ev, size_t cap, const char *role,
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

/* Values the engine computes from a vendor's other data. Every priced
 * vendor needs a rate for its currency, derived criterion or not: later
 * cost figures convert the same prices. */
static size_t derive_values(struct crm_evaluation *ev, crm_diags *diags,
                            struct crm_vendor *v)
{
    const struct crm_criteria_set *set = ev->set;
    const struct crm_pricing *p = &v->pricing;
    double rate = 1, amount = 0;
    bool found = true, known = false;
    size_t i;

    if (!v->has_pricing) {
        return 0;
    }
    if (p->model == CRM_PRICING_SUBSCRIPTION && p->has_list_price) {
        amount = p->list_price_per_user_month * 12;
        known = true;
    } else if (p->model == CRM_PRICING_PERPETUAL && p->has_perpetual) {
        amount = p->perpetual_licence_per_user / ev->horizon_years;
        known = true;
    } else if (p->model == CRM_PRICING_FREE) {
        known = true;
    }
    if (p->currency != NULL) {
        found = crm__exchange_rate(ev, p->currency, &rate);
    }
    if (!found) {
        struct crm_mark at = p->currency_mark;

        crm__mark_error(diags, &at,
                        "no exchange rate from %s to %s for vendor '%s'; "
                        "add %s under exchange_rates.rates in %s",
                        p->currency, ev->currency ? ev->currency : "?", v->id,
                        p->currency, ev->file);
        return 1;
    }
    for (i = 0; i < set->criterion_count; i++) {
        struct crm_value *val = &v->values[i];

        if (set->criteria[i].derived == CRM_DERIVED_LICENCE_COST && known) {
            val->present = true;
            /* Money is shown to the cent; score what is shown. */
            val->number = crm__round(amount * rate, 2);
        }
    }
    return 0;
}

/* Point at the line of the evaluation that named a file that failed. */
static void note_reference(struct crm_reader *r, const struct crm_ynode *at,
                           const char *what)
{
    if (at != NULL) {
        crm_diags_add(r->diags, CRM_SEV_NOTE, r->file, at->line, at->column,
                      "the %s named here", what);
    }
}

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

static void read_observations(struct crm_reader *r,
                              const struct crm_ynode *node,
                              struct crm_evaluation *ev)
{
    size_t i, j;

    if (!crm__rd_is_map(r, node, "'observations'")) {
        return;
    }
    ev->observations = crm__arena_array(r->arena, node->count + 1,
                                        sizeof(*ev->observations));
    for (i = 0; i < node->count; i++) {
        struct crm_observations *o = &ev->observations[ev->observation_count];

        if (!crm__rd_id(r, node->pairs[i].key, "vendor id", &o->vendor)) {
            continue;
        }
        o->mark = crm__rd_mark(r, node->pairs[i].key);
        if (!crm__values_read(r, node->pairs[i].value, &o->raw,
                              &o->raw_count)) {
            continue;
        }
        for (j = 0; j < o->raw_count; j++) {
            o->raw[j].observed = true;
        }
        ev->observation_count++;
    }
}

/* `panel:` how the panel's scores are combined; the sheet's criteria are
 * resolved once the criteria set is loaded (resolve_panel_sheet). */
static void read_panel(struct crm_reader *r, const struct crm_ynode *node,
                       struct crm_evaluation *ev, const struct crm_ynode **sheet,
                       const struct crm_ynode **weight_sets)
{
    struct crm_panel_settings *ps = &ev->panel_settings;
    const struct crm_ynode *v = NULL;
    size_t i;
    int k;

    if (!crm__rd_is_map(r, node, "'panel'")) {
        return;
    }
    ev->has_panel = true;
    ps->mark = crm__rd_mark(r, node);
    crm__rd_check_keys(r, node, panel_keys, "'panel'");
    v = crm__rd_get(node, "aggregate");
    if (v != NULL && (k = crm__rd_enum(r, v, "panel aggregate", aggregates)) >= 0) {
        ps->aggregate = (enum crm_panel_aggregate)k;
    }
    v = crm__rd_get(node, "spread_as_uncertainty");
    if (v != NULL) {
        crm__rd_bool(r, v, "'panel.spread_as_uncertainty'", &ps->spread_as_uncertainty);
    }
    v = crm__rd_get(node, "role_weights");
    if (v != NULL && crm__rd_is_map(r, v, "'panel.role_weights'")) {
        for (i = 0; i < v->count; i++) {
            k = crm__rd_enum(r, v->pairs[i].key, "role", crm_roles);
            if (k >= 0) {
                crm__rd_nonneg(r, v->pairs[i].value, "a role weight", &ps->role_weight[k]);
            }
        }
    }
    *sheet = crm__rd_get(node, "criteria");
    v = crm__rd_get(node, "weights");
    if (v != NULL && crm__rd_is_map(r, v, "'panel.weights' (evaluator: weight profile)")) {
        *weight_sets = v;
    }
}

static void resolve_panel_sheet(struct crm_reader *r, const struct crm_ynode *node,
                                struct crm_evaluation *ev)
{
    struct crm_panel_settings *ps = &ev->panel_settings;
    const char **paths = NULL;
    size_t i, n = 0, c = 0;

    if (!crm__rd_string_list(r, node, "'panel.criteria'", &paths, &n)) {
        return;
    }
    ps->sheet = crm__arena_array(ev->arena, n + 1, sizeof(*ps->sheet));
    for (i = 0; i < n; i++) {
        const struct crm_ynode *at = node->type == CRM_YSEQ ? node->items[i] : node;

        if (!crm__set_find(ev->set, paths[i], &c)) {
            const char *hint = crm__did_you_mean_n(
                paths[i], ev->set->criteria, ev->set->criterion_count,
                sizeof(ev->set->criteria[0]), offsetof(struct crm_criterion, path));

            crm__rd_error(r, at, "unknown criterion '%s' in criteria set '%s'%s%s%s",
                          paths[i], ev->set->id, hint ? "; did you mean '" : "",
                          hint ? hint : "", hint ? "'?" : "");
        } else if (ev->set->criteria[c].derived != CRM_DERIVED_NONE) {
            crm__rd_error(r, at, "'%s' is computed by crmeval from the vendors' pricing; "
                                 "the panel cannot score it",
                          paths[i]);
        } else {
            ps->sheet[ps->sheet_count++] = c;
        }
    }
}

static const char *resolve_ref(struct crm_arena *arena, const char *base_dir,
                               const char *id_dir, const char *ref);

/* Evaluators' own weights: each a weight profile on the evaluation's
 * criteria set (only its weights count), resolved like the main one. */
static void load_weight_sets(struct crm_reader *r, const struct crm_ynode *node,
                             struct crm_evaluation *ev, const char *dir,
                             const char *profiles_dir, size_t input_cap, crm_diags *diags)
{
    struct crm_panel_settings *ps = &ev->panel_settings;
    size_t i;

    ps->weight_sets = crm__arena_array(ev->arena, node->count + 1, sizeof(*ps->weight_sets));
    for (i = 0; i < node->count; i++) {
        struct crm_weight_set *ws = &ps->weight_sets[ps->weight_set_count];
        const char *ref = NULL, *path = NULL;
        struct crm_loaded_file pf;
        struct crm_reader pr;
        struct crm_profile *profile = NULL;
        struct crm_weights w;
        size_t errors = 0;

        if (!crm__rd_check_name(r, node->pairs[i].key, "an evaluator's name") ||
            !crm__rd_string(r, node->pairs[i].value, "a weight profile", &ref)) {
            continue;
        }
        ws->evaluator = node->pairs[i].key->text;
        ws->profile = ref;
        ws->mark = crm__rd_mark(r, node->pairs[i].value);
        path = resolve_ref(ev->arena, dir, profiles_dir, ref);
        if (crm__file_load(ev->arena, path, CRM_FILE_PROFILE, diags, &pf) != CRM_OK) {
            note_reference(r, node->pairs[i].value, "weight profile");
            continue;
        }
        crm__rd_init(&pr, ev->arena, diags, pf.path);
        profile = crm__profile_read(&pr, pf.root);
        errors = crm_diags_error_count(diags);
        if (pr.errors == 0) {
            crm__check_set_id(diags, &profile->mark, profile->criteria_set, ev->set);
        }
        if (pr.errors > 0 || crm_diags_error_count(diags) > errors ||
            crm__weights_resolve(diags, ev->set, profile->weights, profile->weight_count) > 0 ||
            crm__weights_compute(ev->arena, diags, ev->set, profile->weights,
                                 profile->weight_count, NULL, 0, &profile->weights_mark,
                                 &w) > 0) {
            continue;
        }
        add_input(ev, input_cap, "weights", ref, &pf);
        ws->effective = w.effective;
        ps->weight_set_count++;
    }
}

/* Lay the evaluation's own findings over the vendors' profile values. */
static void apply_observations(struct crm_evaluation *ev, crm_diags *diags)
{
    size_t i, v, c;

    for (i = 0; i < ev->observation_count; i++) {
        const struct crm_observations *o = &ev->observations[i];
        struct crm_vendor *vendor = NULL;
        struct crm_value *found = NULL;

        for (v = 0; v < ev->vendor_count; v++) {
            if (strcmp(ev->vendors[v]->id, o->vendor) == 0) {
                vendor = ev->vendors[v];
            }
        }
        if (vendor == NULL) {
            const char *hint = NULL;

            for (v = 0; v < ev->vendor_count && hint == NULL; v++) {
                const char *const cand[] = { ev->vendors[v]->id, NULL };

                hint = crm__did_you_mean(o->vendor, cand);
            }
            crm__mark_error(diags, &o->mark,
                            "observations for '%s', which is not among the "
                            "evaluation's vendors%s%s%s",
                            o->vendor, hint ? "; did you mean '" : "",
                            hint ? hint : "", hint ? "'?" : "");
            continue;
        }
        found = crm__arena_array(ev->arena, ev->set->criterion_count + 1,
                                 sizeof(*found));
        if (crm__values_resolve(diags, ev->set, o->raw, o->raw_count, found) >
            0) {
            continue;
        }
        for (c = 0; c < ev->set->criterion_count; c++) {
            if (found[c].present) {
                vendor->values[c] = found[c];
            }
        }
    }
}

static void read_value_functions(struct crm_reader *r,
                                 const struct crm_ynode *node,
                                 struct crm_evaluation *ev)
{
    size_t i;

    if (!crm__rd_is_map(r, node, "'value_functions'")) {
        return;
    }
    ev->vfs = crm__arena_array(r->arena, node->count ? node->count : 1,
                               sizeof(*ev->vfs));
    for (i = 0; i < node->count; i++) {
        struct crm_vf_override *vf = &ev->vfs[ev->vf_count];

        vf->criterion = node->pairs[i].key->text;
        vf->mark = crm__rd_mark(r, node->pairs[i].key);
        if (crm__rd_points(r, node->pairs[i].value, "a value function",
                           &vf->points, &vf->point_count)) {
            ev->vf_count++;
        }
    }
}

/* Check the value-function overrides against the set and apply them by
 * copying the criteria (the set itself may be shared). */
static size_t apply_value_functions(struct crm_evaluation *ev,
                                    struct crm_reader *r,
                                    const struct crm_ynode *node)
{
    struct crm_criteria_set *set = ev->set;
    size_t i, errors = 0;

    for (i = 0; i < ev->vf_count; i++) {
        struct crm_vf_override *vf = &ev->vfs[i];
        struct crm_criterion *c = NULL;
        const struct crm_ynode *pts = crm__rd_get(node, vf->criterion);

        if (!crm__set_find(set, vf->criterion, &vf->index)) {
            crm__mark_error(r->diags, &vf->mark,
                            "unknown criterion '%s' in criteria set '%s'",
                            vf->criterion, set->id);
            errors++;
            continue;
        }
        c = &set->criteria[vf->index];
        if (c->kind != CRM_KIND_NUMBER) {
            crm__mark_error(r->diags, &vf->mark,
                            "a value function applies to number criteria; "
                            "'%s' is a %s",
                            c->path, crm__kind_name(c->kind));
            errors++;
            continue;
        }
        if (!crm__check_points(r, pts, "the value function", vf->points,
                               vf->point_count, c->direction)) {
            errors++;
            continue;
        }
        c->points = vf->points;
        c->point_count = vf->point_count;
    }
    return errors;
}

/* With `budget_knockout`, a vendor whose present value of costs exceeds the
 * budget is knocked out: a must-have rule on the derived PV-of-costs
 * criterion, so it is reported like any other rule. */
static void add_budget_rule(struct crm_evaluation *ev, crm_diags *diags)
{
    struct crm_rule *rules = NULL;
    struct crm_rule *rule = NULL;
    size_t c;

    if (!ev->finance.budget_knockout || !ev->has_budget) {
        return;
    }
    for (c = 0; c < ev->set->criterion_count; c++) {
        if (ev->set->criteria[c].derived == CRM_DERIVED_PV_COSTS) {
            break;
        }
    }
    if (c == ev->set->criterion_count) {
        crm__mark_error(diags, &ev->finance.mark,
                        "'budget_knockout' needs a criterion with 'derived: "
                        "pv_costs' in criteria set '%s'",
                        ev->set->id);
        return;
    }
    rules = crm__arena_array(ev->arena, ev->rule_count + 1, sizeof(*rules));
    if (ev->rule_count > 0) {
        memcpy(rules, ev->rules, ev->rule_count * sizeof(*rules));
    }
    rule = &rules[ev->rule_count];
    rule->criterion = ev->set->criteria[c].path;
    rule->index = c;
    rule->test = CRM_RULE_RANGE;
    rule->has_max = true;
    rule->max = ev->budget;
    rule->origin = "budget";
    rule->reason.en = "present value of costs within the evaluation's budget";
    rule->reason.zh = "成本现值不超过评估预算";
    rule->mark = ev->finance.mark;
    ev->rules = rules;
    ev->rule_count++;
}

static void read_simulation(struct crm_reader *r, const struct crm_ynode *node,
                            struct crm_sim_settings *sim)
{
    static const char *const keys[] = { "trials", "method", "seed",
                                        "correlations", NULL };
    static const char *const methods[] = { "monte_carlo", "latin_hypercube",
                                           NULL };
    static const char *const corr_keys[] = { "between", "rho", NULL };
    const struct crm_ynode *v = NULL;
    double x = 0;
    size_t i;
    int k = 0;

    sim->present = true;
    sim->method = 1;
    sim->seed = 1;
    sim->mark = crm__rd_mark(r, node);
    if (!crm__rd_is_map(r, node, "'simulation'")) {
        return;
    }
    crm__rd_check_keys(r, node, keys, "'simulation'");
    if ((v = crm__rd_get(node, "trials")) != NULL && crm__rd_number(r, v, "'trials'", &x)) {
        if (x < CRM_MIN_TRIALS || x > CRM_MAX_TRIALS || x != floor(x)) {
            crm__rd_error(r, v, "'trials' must be a whole number from 100 to "
                                "10,000,000 (got %s)",
                          v->text);
        } else {
            sim->trials = (size_t)x;
            sim->trials_mark = crm__rd_mark(r, v);
        }
    }
    if ((v = crm__rd_get(node, "method")) != NULL &&
        (k = crm__rd_enum(r, v, "simulation method", methods)) >= 0) {
        sim->method = k;
    }
    if ((v = crm__rd_get(node, "seed")) != NULL && crm__rd_number(r, v, "'seed'", &x)) {
        if (x < 0 || x > 9e15 || x != floor(x)) {
            crm__rd_error(r, v, "'seed' must be a whole number >= 0 (got %s)", v->text);
        } else {
            sim->seed = (unsigned long long)x;
        }
    }
    v = crm__rd_get(node, "correlations");
    if (v == NULL || !crm__rd_is_seq(r, v, "'correlations'")) {
        return;
    }
    sim->correlations = crm__arena_array(r->arena, v->count + 1,
                                         sizeof(*sim->correlations));
    for (i = 0; i < v->count; i++) {
        const struct crm_ynode *item = v->items[i], *between = NULL, *rho = NULL;
        struct crm_sim_correlation *c = &sim->correlations[sim->correlation_count];

        if (!crm__rd_is_map(r, item, "a correlation")) {
            continue;
        }
        crm__rd_check_keys(r, item, corr_keys, "a correlation");
        between = crm__rd_require(r, item, "between", "a correlation");
        rho = crm__rd_require(r, item, "rho", "a correlation");
        if (between == NULL || rho == NULL) {
            continue;
        }
        if (between->type != CRM_YSEQ || between->count != 2 ||
            !crm__rd_string(r, between->items[0], "an input name", &c->a) ||
            !crm__rd_string(r, between->items[1], "an input name", &c->b)) {
            crm__rd_error(r, between, "'between' takes two input names, e.g. "
                                      "[seats, benefit/productivity/hours_per_user_year]");
            continue;
        }
        if (strcmp(c->a, c->b) == 0) {
            crm__rd_error(r, between->items[1], "a correlation needs two different "
                                                "inputs (got '%s' twice)",
                          c->a);
            continue;
        }
        if (!crm__rd_number(r, rho, "'rho'", &c->rho) || c->rho <= -1 || c->rho >= 1) {
            crm__rd_error(r, rho, "'rho' is a rank correlation between -1 and 1, "
                                  "not included (got %s)",
                          rho->text);
            continue;
        }
        c->mark = crm__rd_mark(r, item);
        sim->correlation_count++;
    }
}

/* Every uncertain input, labelled for correlations and reports. Cost lines
 * drawn from one distribution (an organisation line every vendor has) are
 * one input. */
static void collect_uncertain(struct crm_evaluation *ev)
{
    const struct crm_criteria_set *set = ev->set;
    size_t cap = 1, n = 0, v, c, i, j, p;
    struct crm_sim_input *in = NULL;

    for (v = 0; v < ev->vendor_count; v++) {
        cap += set->criterion_count + ev->vendors[v]->plan_count;
    }
    cap += ev->finance.benefit_count * CRM_BP_COUNT_ + set->group_count +
           set->criterion_count + 1;
    in = crm__arena_array(ev->arena, cap, sizeof(*in));
    for (v = 0; v < ev->vendor_count; v++) {
        const struct crm_vendor *vd = ev->vendors[v];

        for (c = 0; c < set->criterion_count; c++) {
            if (vd->values[c].present && vd->values[c].raw != NULL &&
                vd->values[c].raw->dist != NULL) {
                in[n].target = CRM_SIM_VENDOR_VALUE;
                in[n].dist = vd->values[c].raw->dist;
                in[n].vendor = v;
                in[n].index = c;
                in[n].label = crm__arena_printf(ev->arena, "%s/%s", vd->id,
                                                set->criteria[c].path);
                n++;
            }
        }
        for (i = 0; i < vd->plan_count; i++) {
            const struct crm_cost_line *l = &vd->plan[i];
            bool seen = false;

            if (l->amount_dist == NULL) {
                continue;
            }
            for (j = 0; j < n && !seen; j++) {
                seen = in[j].target == CRM_SIM_COST && in[j].dist == l->amount_dist;
            }
            if (seen) {
                continue;
            }
            in[n].target = CRM_SIM_COST;
            in[n].dist = l->amount_dist;
            in[n].vendor = v;
            in[n].index = i;
            in[n].label = strcmp(l->origin, "evaluation") == 0
                              ? crm__arena_printf(ev->arena, "cost/%s", l->id)
                              : crm__arena_printf(ev->arena, "%s/cost/%s", vd->id,
                                                  l->id);
            n++;
        }
    }
    for (i = 0; i < ev->finance.benefit_count; i++) {
        for (p = 0; p < CRM_BP_COUNT_; p++) {
            if (ev->finance.benefits[i].dist[p] != NULL) {
                in[n].target = CRM_SIM_BENEFIT;
                in[n].dist = ev->finance.benefits[i].dist[p];
                in[n].index = i;
                in[n].param = p;
                in[n].label = crm__arena_printf(ev->arena, "benefit/%s/%s",
                                                ev->finance.benefits[i].id,
                                                crm__benefit_param_names[p]);
                n++;
            }
        }
    }
    /* weights: the last entry for an item wins, as in the weights */
    for (p = 0; p < 2; p++) {
        const struct crm_weight_entry *entries =
            p == 0 ? (ev->profile ? ev->profile->weights : NULL) : ev->overrides;
        size_t count = p == 0 ? (ev->profile ? ev->profile->weight_count : 0)
                              : ev->override_count;

        for (i = 0; i < count; i++) {
            const struct crm_weight_entry *e = &entries[i];
            size_t index = 0;
            bool group = e->criterion == NULL;
            char path[160];

            if (group) {
                if (!crm__strmap_get(&set->group_by_id, e->group, &index)) {
                    continue;
                }
            } else {
                snprintf(path, sizeof(path), "%s.%s", e->group, e->criterion);
                if (!crm__set_find(set, path, &index)) {
                    continue;
                }
            }
            /* a later plain number replaces an earlier distribution */
            for (j = 0; j < n; j++) {
                if (in[j].target == CRM_SIM_WEIGHT && in[j].group == group &&
                    in[j].index == index) {
                    memmove(&in[j], &in[j + 1], (n - j - 1) * sizeof(*in));
                    n--;
                    break;
                }
            }
            if (e->dist == NULL) {
                continue;
            }
            in[n].target = CRM_SIM_WEIGHT;
            in[n].dist = e->dist;
            in[n].group = group;
            in[n].index = index;
            in[n].label = group ? crm__arena_printf(ev->arena, "weight/%s", e->group)
                                : crm__arena_printf(ev->arena, "weight/%s.%s",
                                                    e->group, e->criterion);
            n++;
        }
    }
    if (ev->org.seats_dist != NULL) {
        in[n].target = CRM_SIM_SEATS;
        in[n].dist = ev->org.seats_dist;
        in[n].label = "seats";
        n++;
    }
    ev->uncertain = in;
    ev->uncertain_count = n;
}

/* Resolve "x" as a profile id in <criteria dir>/profiles or a path. */
static const char *resolve_ref(struct crm_arena *arena, const char *base_dir,
                               const char *id_dir, const char *ref)
{
    if (crm__is_id(ref)) {
        return crm__arena_printf(arena, "%s/%s.yaml", id_dir, ref);
    }
    return crm__path_join(arena, base_dir, ref);
}

static crm_status load_all(struct crm_evaluation *ev, const char *path,
                           crm_diags *diags)
{
    struct crm_arena *arena = ev->arena;
    struct crm_loaded_file f;
    struct crm_reader r;
    const struct crm_ynode *root = NULL, *v = NULL, *vendors = NULL;
    const struct crm_ynode *vf_node = NULL, *panel_sheet = NULL, *weight_sets = NULL;
    const char *dir = NULL, *criteria_path = NULL, *criteria_dir = NULL;
    const char *vendor_dir = NULL, *profile_ref = NULL;
    size_t errors_before = crm_diags_error_count(diags);
    size_t i, j, input_cap = 0;
    crm_status st = CRM_OK;
    struct crm_strmap seen; /* vendor id -> entry, for duplicates */
    const char *template_ref = NULL;
    int k = 0;

    st = crm__file_load(arena, path, CRM_FILE_EVALUATION, diags, &f);
    if (st != CRM_OK) {
        return st;
    }
    ev->file = f.path;
    root = f.root;
    dir = crm__path_dirname(arena, ev->file);
    crm__rd_init(&r, arena, diags, ev->file);
    crm__rd_check_keys(&r, root, evaluation_keys, "an evaluation");

    v = crm__rd_require(&r, root, "title", "an evaluation");
    if (v != NULL) {
        crm__rd_name(&r, v, "'title'", &ev->title);
    }
    v = crm__rd_require(&r, root, "date", "an evaluation");
    if (v != NULL) {
        crm__rd_date(&r, v, "'date'", &ev->date);
    }
    v = crm__rd_get(root, "prepared_by");
    if (v != NULL) {
        crm__rd_name(&r, v, "'prepared_by'", &ev->prepared_by);
    }
    v = crm__rd_require(&r, root, "organisation", "an evaluation");
    if (v != NULL) {
        read_organisation(&r, v, &ev->org);
    }
    v = crm__rd_require(&r, root, "currency", "an evaluation");
    if (v != NULL) {
        crm__rd_currency(&r, v, "'currency'", &ev->currency);
    }
    v = crm__rd_get(root, "exchange_rates");
    if (v != NULL) {
        read_rates(&r, v, ev);
    }
    ev->horizon_years = 5;
    v = crm__rd_get(root, "horizon_years");
    if (v != NULL && crm__rd_number(&r, v, "'horizon_years'",
                                    &ev->horizon_years) &&
        (ev->horizon_years < 1 || ev->horizon_years > 30 ||
         ev->horizon_years != floor(ev->horizon_years))) {
        crm__rd_error(&r, v, "'horizon_years' must be a whole number from 1 "
                             "to 30 (got %s)",
                      v->text);
    }
    v = crm__rd_get(root, "discount_rate");
    if (v != NULL && crm__rd_number(&r, v, "'discount_rate'",
                                    &ev->discount_rate) &&
        (ev->discount_rate <= -1 || ev->discount_rate > 1)) {
        crm__rd_error(&r, v, "'discount_rate' is a yearly fraction above -1 "
                             "and at most 1, e.g. 0.08 (got %s)",
                      v->text);
    }
    v = crm__rd_get(root, "budget");
    if (v != NULL) {
        ev->has_budget = crm__rd_nonneg(&r, v, "'budget'", &ev->budget);
    }
    v = crm__rd_get(root, "simulation");
    if (v != NULL) {
        read_simulation(&r, v, &ev->sim);
    }
    v = crm__rd_get(root, "finance");
    if (v != NULL) {
        crm__finance_read(&r, v, &ev->finance, ev->horizon_years);
        if (ev->finance.budget_knockout && !ev->has_budget) {
            crm__rd_error(&r, crm__rd_get(v, "budget_knockout"),
                          "'budget_knockout' needs the evaluation's 'budget'");
        }
    }
    ev->language = "en";
    v = crm__rd_get(root, "language");
    if (v != NULL && crm__rd_enum(&r, v, "language", languages) >= 0) {
        ev->language = v->text;
    }
    v = crm__rd_get(root, "missing_values");
    if (v != NULL &&
        (k = crm__rd_enum(&r, v, "missing-value policy", missing_policies)) >= 0) {
        ev->missing = (enum crm_missing_policy)k;
    }
    crm__decision_read(&r, root, ev);
    ev->weights_mark = crm__rd_mark(&r, root);
    v = crm__rd_get(root, "weights");
    if (v != NULL) {
        ev->weights_mark = crm__rd_mark(&r, v);
    }
    if (v != NULL && crm__rd_is_map(&r, v, "'weights'")) {
        const struct crm_ynode *groups = crm__rd_get(v, "groups");

        crm__rd_check_keys(&r, v, weights_keys, "'weights'");
        if (groups != NULL) {
            crm__weights_read(&r, groups, &ev->overrides, &ev->override_count);
        }
    }
    v = crm__rd_get(root, "must_have");
    if (v != NULL) {
        crm__rules_read(&r, v, "evaluation", &ev->rules, &ev->rule_count);
    }
    v = crm__rd_get(root, "observations");
    if (v != NULL) {
        read_observations(&r, v, ev);
    }
    vf_node = crm__rd_get(root, "value_functions");
    if (vf_node != NULL) {
        read_value_functions(&r, vf_node, ev);
    }
    for (i = 0; i < CRM_ROLE_COUNT; i++) {
        ev->panel_settings.role_weight[i] = 1;
    }
    v = crm__rd_get(root, "panel");
    if (v != NULL) {
        read_panel(&r, v, ev, &panel_sheet, &weight_sets);
    }
    v = crm__rd_get(root, "output");
    if (v != NULL && crm__rd_is_map(&r, v, "'output'")) {
        const struct crm_ynode *json = crm__rd_get(v, "json");

        crm__rd_check_keys(&r, v, output_keys, "'output'");
        const struct crm_ynode *pdf = crm__rd_get(v, "pdf");

        if (json != NULL && crm__rd_string(&r, json, "'output.json'",
                                           &ev->json_written)) {
            ev->json_mark = crm__rd_mark(&r, json);
            ev->json_path = strcmp(ev->json_written, "-") == 0
                                ? ev->json_written
                                : crm__path_join(arena, dir, ev->json_written);
        }
        if (pdf != NULL && crm__rd_string(&r, pdf, "'output.pdf'",
                                          &ev->pdf_written)) {
            ev->pdf_mark = crm__rd_mark(&r, pdf);
            ev->pdf_path = crm__path_join(arena, dir, ev->pdf_written);
        }
    }
    v = crm__rd_require(&r, root, "criteria", "an evaluation");
    if (v != NULL) {
        crm__rd_string(&r, v, "'criteria'", &criteria_path);
    }
    v = crm__rd_get(root, "profile");
    if (v != NULL) {
        crm__rd_string(&r, v, "'profile'", &profile_ref);
    }
    vendors = crm__rd_require(&r, root, "vendors", "an evaluation");
    if (vendors != NULL && crm__rd_is_seq(&r, vendors, "'vendors'") &&
        vendors->count == 0) {
        crm__rd_error(&r, vendors, "'vendors' is empty; name at least one");
    }
    if (vendors != NULL) {
        ev->vendors_mark = crm__rd_mark(&r, vendors);
    }
    if (vendors != NULL && vendors->type == CRM_YSEQ && vendors->count > CRM_MAX_VENDORS) {
        /* refused before any vendor file is read */
        crm__rd_error(&r, vendors->items[CRM_MAX_VENDORS],
                      "more than %u vendors (this is vendor %u); an evaluation may "
                      "compare at most %u, which bounds the reports and the simulation "
                      "(docs/formats.md, Limits)",
                      CRM_MAX_VENDORS, CRM_MAX_VENDORS + 1, CRM_MAX_VENDORS);
        return CRM_EINPUT;
    }
    if (criteria_path == NULL) {
        return CRM_EINPUT;
    }

    /* The criteria set. */
    input_cap = 5 + (vendors && vendors->type == CRM_YSEQ ? vendors->count : 0) +
                (weight_sets ? weight_sets->count : 0);
    ev->inputs = crm__arena_array(arena, input_cap, sizeof(*ev->inputs));
    {
        /* Shown by name only, so the report does not depend on the
         * directory crmeval was started from. */
        const char *slash = strrchr(ev->file, '/');

        add_input(ev, input_cap, "evaluation", slash ? slash + 1 : ev->file,
                  &f);
    }
    {
        /* an id names a bundled criteria set */
        const char *cpath = crm__is_id(criteria_path)
                                ? crm__arena_printf(arena, "%s/criteria/%s.yaml", crm_data_dir(),
                                                    criteria_path)
                                : crm__path_join(arena, dir, criteria_path);
        struct crm_loaded_file cf;
        struct crm_reader cr;

        st = crm__file_load(arena, cpath, CRM_FILE_CRITERIA, diags, &cf);
        if (st != CRM_OK) {
            note_reference(&r, crm__rd_get(root, "criteria"), "criteria set");
            return st;
        }
        st = CRM_OK;
        crm__rd_init(&cr, arena, diags, cf.path);
        ev->set = crm__criteria_read(&cr, cf.root);
        if (cr.errors > 0) {
            return CRM_EINPUT;
        }
        add_input(ev, input_cap, "criteria", criteria_path, &cf);
        criteria_dir = crm__path_dirname(arena, cpath);
    }
    v = crm__rd_get(root, "vendor_dir");
    if (v != NULL && crm__rd_string(&r, v, "'vendor_dir'", &vendor_dir)) {
        vendor_dir = crm__path_join(arena, dir, vendor_dir);
    } else {
        vendor_dir = crm__path_join(arena, criteria_dir, "../vendors");
    }
    if (vf_node != NULL) {
        apply_value_functions(ev, &r, vf_node);
    }
    crm__priors_resolve(arena, diags, ev->set, &ev->uncertainty);
    if (panel_sheet != NULL) {
        resolve_panel_sheet(&r, panel_sheet, ev);
    }

    /* The report template and its text in the evaluation's language. */
    {
        const char *tref = "default";
        const struct crm_ynode *tnode = crm__rd_get(root, "template");
        const char *tdir = crm__path_join(arena, criteria_dir, "../templates");

        if (tnode != NULL) {
            crm__rd_string(&r, tnode, "'template'", &tref);
        } else if (access(crm__arena_printf(arena, "%s/default.yaml", tdir),
                          F_OK) != 0) {
            /* No templates beside the criteria: use crmeval's own. */
            tdir = crm__path_join(arena, crm_data_dir(), "templates");
        }
        if (tnode != NULL || access(crm__arena_printf(arena, "%s/default.yaml",
                                                      tdir),
                                    F_OK) == 0) {
            ev->template_ = crm__template_load(arena, diags, tdir, dir, tref,
                                               ev->language);
        }
        if (ev->template_ == NULL && tnode != NULL) {
            note_reference(&r, tnode, "template");
        }
        template_ref = tref;
    }

    /* The profile. */
    if (profile_ref != NULL) {
        const char *ppath = resolve_ref(arena, dir,
                                        crm__path_join(arena, criteria_dir,
                                                       "profiles"),
                                        profile_ref);
        struct crm_loaded_file pf;
        struct crm_reader pr;

        if (crm__is_id(profile_ref) && access(ppath, F_OK) != 0) {
            crm__rd_error(&r, crm__rd_get(root, "profile"),
                          "no profile '%s' (looked for %s)", profile_ref,
                          ppath);
            st = CRM_EINPUT;
        } else {
            st = crm__file_load(arena, ppath, CRM_FILE_PROFILE, diags, &pf);
            if (st != CRM_OK) {
                note_reference(&r, crm__rd_get(root, "profile"), "profile");
            }
        }
        if (st == CRM_OK) {
            crm__rd_init(&pr, arena, diags, pf.path);
            ev->profile = crm__profile_read(&pr, pf.root);
            add_input(ev, input_cap, "profile", profile_ref, &pf);
            crm__check_set_id(diags, &ev->profile->mark,
                              ev->profile->criteria_set, ev->set);
            crm__weights_resolve(diags, ev->set, ev->profile->weights,
                                 ev->profile->weight_count);
            crm__rules_resolve(diags, ev->set, ev->profile->rules,
                               ev->profile->rule_count);
        }
    }
    if (weight_sets != NULL) {
        load_weight_sets(&r, weight_sets, ev, dir,
                         crm__path_join(arena, criteria_dir, "profiles"), input_cap, diags);
    }
    crm__weights_resolve(diags, ev->set, ev->overrides, ev->override_count);
    crm__rules_resolve(diags, ev->set, ev->rules, ev->rule_count);
    /* Profile rules first, then the evaluation's own. */
    if (ev->profile != NULL && ev->profile->rule_count > 0) {
        size_t n = ev->profile->rule_count + ev->rule_count;
        struct crm_rule *all = crm__arena_array(arena, n, sizeof(*all));

        memcpy(all, ev->profile->rules,
               ev->profile->rule_count * sizeof(*all));
        if (ev->rule_count > 0) {
            memcpy(all + ev->profile->rule_count, ev->rules,
                   ev->rule_count * sizeof(*all));
        }
        ev->rules = all;
        ev->rule_count = n;
    }

    /* The vendors: files found here, read on worker threads, then checked
     * here in list order. */
    if (vendors != NULL && vendors->type == CRM_YSEQ) {
        struct crm_vendor_job *jobs = crm__arena_array(arena, vendors->count + 1,
                                                       sizeof(*jobs));
        const char **refs = crm__arena_array(arena, vendors->count + 1,
                                             sizeof(*refs));

        ev->vendors = crm__arena_array(arena, vendors->count + 1,
                                       sizeof(*ev->vendors));
        crm__strmap_init(&seen, arena, vendors->count);
        for (i = 0; i < vendors->count; i++) {
            const struct crm_ynode *item = vendors->items[i];
            const char *vpath = NULL;

            if (!crm__rd_string(&r, item, "a vendor", &refs[i])) {
                continue;
            }
            vpath = resolve_ref(arena, dir, vendor_dir, refs[i]);
            if (crm__is_id(refs[i]) && access(vpath, F_OK) != 0) {
                crm__rd_error(&r, item, "no vendor '%s' (looked for %s)",
                              refs[i], vpath);
                continue;
            }
            jobs[i].path = vpath;
        }
        st = crm__vendor_jobs_run(jobs, vendors->count, ev->worker_arenas,
                                  crm__load_threads(vendors->count),
                                  crm__diags_limit(diags));
        for (i = 0; i < vendors->count; i++) {
            crm__diags_append(diags, jobs[i].diags);
            crm_diags_free(jobs[i].diags);
            jobs[i].diags = NULL;
        }
        if (st != CRM_OK) {
            return crm__arena_oom(arena); /* a worker or a thread ran out */
        }
        for (i = 0; i < vendors->count; i++) {
            const struct crm_ynode *item = vendors->items[i];
            const char *ref = refs[i];
            struct crm_vendor *vendor = jobs[i].vendor;

            if (jobs[i].path == NULL) {
                continue;
            }
            if (jobs[i].status != CRM_OK) {
                note_reference(&r, item, "vendor");
                continue;
            }
            if (vendor->id == NULL) {
                continue;
            }
            if (crm__strmap_get(&seen, vendor->id, &j)) {
                crm__rd_error(&r, item,
                              "vendor '%s' is listed twice (also as entry %zu)",
                              vendor->id, j + 1);
                continue;
            }
            crm__strmap_put(&seen, vendor->id, i);
            crm__check_set_id(diags, &vendor->mark, vendor->criteria_set,
                              ev->set);
            crm__vendor_resolve(arena, diags, ev->set, vendor);
            derive_values(ev, diags, vendor);
            add_input(ev, input_cap, "vendor", ref, &jobs[i].file);
            ev->vendors[ev->vendor_count++] = vendor;
        }
    }

    if (ev->template_ != NULL) {
        struct crm_loaded_file tf;

        memset(&tf, 0, sizeof(tf));
        tf.path = ev->template_->file;
        memcpy(tf.sha256, ev->template_->sha256, sizeof(tf.sha256));
        add_input(ev, input_cap, "template", template_ref, &tf);
        tf.path = ev->template_->strings_file;
        memcpy(tf.sha256, ev->template_->strings_sha256, sizeof(tf.sha256));
        add_input(ev, input_cap, "text",
                  crm__arena_printf(arena, "text/%s.yaml", ev->language), &tf);
    }
    apply_observations(ev, diags);
    for (i = 0; i < ev->vendor_count; i++) {
        crm__cost_plan_build(ev, diags, ev->vendors[i]);
    }
    crm__finance_check_vendors(ev, diags);
    add_budget_rule(ev, diags);
    collect_uncertain(ev);
    if (ev->sim.present || ev->uncertain_count > 0) {
        /* a simulation too large for memory is refused now, at its
         * trials (or its section, or the file when it has neither) */
        struct crm_mark at = { ev->file, 0, 0 };

        at = ev->sim.trials ? ev->sim.trials_mark : (ev->sim.present ? ev->sim.mark : at);
        crm__sim_size_ok(diags, &at, ev->sim.trials ? ev->sim.trials : CRM_SIM_DEFAULT_TRIALS,
                         ev->uncertain_count, ev->vendor_count);
    }

    /* Weights must leave something to score. */
    if (crm_diags_error_count(diags) == errors_before) {
        struct crm_weights w;

        if (ev->override_count == 0 && ev->profile != NULL) {
            ev->weights_mark = ev->profile->weights_mark;
        }
        crm__weights_compute(arena, diags, ev->set,
                             ev->profile ? ev->profile->weights : NULL,
                             ev->profile ? ev->profile->weight_count : 0,
                             ev->overrides, ev->override_count,
                             &ev->weights_mark, &w);
    }

    crm__evaluation_digest(ev);
    return crm_diags_error_count(diags) == errors_before ? CRM_OK : CRM_EINPUT;
}

struct load_call {
    const char *path;
    crm_diags *diags;
    struct crm_evaluation *ev;
};

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

static crm_status set_language(struct crm_arena *arena, void *ctx)
{
    struct language_call *call = ctx;

    if (call->ev->template_ != NULL &&
        !crm__template_load_text(arena, call->diags, call->ev->template_,
                                 call->language)) {
        return CRM_EINPUT;
    }
    call->ev->language = call->language;
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
