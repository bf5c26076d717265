/*
 * Vendor profiles: facts about one product and its value for each
 * criterion, with the evidence behind it. Values are kept as written until
 * they are checked against a criteria set (crm__vendor_resolve), so a
 * vendor file can be validated on its own and again with a set.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "load/load.h"
#include "analysis/random.h"
#include "util/arena.h"
#include "util/strutil.h"

static const char *const vendor_keys[] = {
    "kind", "id", "criteria_set", "name", "edition", "vendor", "country",
    "website", "deployment", "open_source", "pricing", "values", "costs",
    "note", NULL
};
static const char *const pricing_keys[] = {
    "model", "currency", "list_price_per_user_month",
    "perpetual_licence_per_user", "billing", "minimum_seats",
    "minimum_term_months", "as_of", "source", "confidence", "note", NULL
};
static const char *const value_keys[] = { "value", "evidence", "assessment",
                                          "note", NULL };
static const char *const evidence_keys[] = { "kind", "source", "date", "note",
                                             NULL };
static const char *const evidence_kinds[] = {
    "vendor_claim", "documentation", "demo", "trial", "reference_customer",
    "independent_test", NULL
};
static const char *const pricing_models[] = { "subscription", "perpetual",
                                              "free", NULL };
static const char *const confidences[] = { "sourced", "third_party",
                                           "conflicting", "estimate", NULL };
static const char *const deployments[] = { "saas", "private_cloud",
                                           "on_premise", NULL };
static const char *const assessments[] = { "sample", "assessed", NULL };

/* ISO 4217 shape: three upper-case letters. */
static bool is_currency(const char *s)
{
    return strlen(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' &&
           s[1] <= 'Z' && s[2] >= 'A' && s[2] <= 'Z';
}

bool crm__rd_currency(struct crm_reader *r, const struct crm_ynode *node,
                      const char *what, const char **out)
{
    if (!crm__rd_string(r, node, what, out)) {
        return false;
    }
    if (!is_currency(*out)) {
        crm__rd_error(r, node,
                      "invalid currency '%s' for %s; expected an ISO 4217 "
                      "code such as CNY, USD or EUR",
                      *out, what);
        return false;
    }
    return true;
}

static void read_pricing(struct crm_reader *r, const struct crm_ynode *node,
                         struct crm_pricing *p)
{
    const struct crm_ynode *v = NULL;
    int model = 0;

    p->mark = crm__rd_mark(r, node);
    if (!crm__rd_is_map(r, node, "'pricing'")) {
        return;
    }
    crm__rd_check_keys(r, node, pricing_keys, "'pricing'");
    v = crm__rd_require(r, node, "model", "'pricing'");
    if (v != NULL) {
        model = crm__rd_enum(r, v, "pricing model", pricing_models);
        p->model = model < 0 ? CRM_PRICING_SUBSCRIPTION
                             : (enum crm_pricing_model)model;
    }
    v = crm__rd_get(node, "currency");
    if (v != NULL) {
        crm__rd_currency(r, v, "'currency'", &p->currency);
        p->currency_mark = crm__rd_mark(r, v);
    }
    v = crm__rd_get(node, "list_price_per_user_month");
    if (v != NULL) {
        p->has_list_price = crm__rd_nonneg(r, v, "'list_price_per_user_month'",
                                           &p->list_price_per_user_month);
        if (p->model != CRM_PRICING_SUBSCRIPTION) {
            crm__rd_error(r, v, "'list_price_per_user_month' goes with "
                                "model 'subscription'");
        }
    }
    v = crm__rd_get(node, "perpetual_licence_per_user");
    if (v != NULL) {
        p->has_perpetual = crm__rd_nonneg(r, v, "'perpetual_licence_per_user'",
                                          &p->perpetual_licence_per_user);
        if (p->model != CRM_PRICING_PERPETUAL) {
            crm__rd_error(r, v, "'perpetual_licence_per_user' goes with "
                                "model 'perpetual'");
        }
    }
    if ((p->has_list_price || p->has_perpetual) && p->currency == NULL) {
        crm__rd_error(r, node, "a price needs its 'currency'");
    }
    v = crm__rd_get(node, "billing");
    if (v != NULL) {
        crm__rd_string_list(r, v, "'billing'", &p->billing, &p->billing_count);
    }
    v = crm__rd_get(node, "minimum_seats");
    if (v != NULL && crm__rd_nonneg(r, v, "'minimum_seats'", &p->minimum_seats) &&
        p->minimum_seats != floor(p->minimum_seats)) {
        crm__rd_error(r, v, "'minimum_seats' must be a whole number");
    }
    v = crm__rd_get(node, "minimum_term_months");
    if (v != NULL) {
        crm__rd_nonneg(r, v, "'minimum_term_months'", &p->minimum_term_months);
    }
    v = crm__rd_get(node, "as_of");
    if (v != NULL) {
        crm__rd_date(r, v, "'as_of'", &p->as_of);
    } else if (p->has_list_price || p->has_perpetual) {
        crm__rd_error(r, node, "a price needs its 'as_of' date");
    }
    v = crm__rd_get(node, "source");
    if (v != NULL) {
        crm__rd_string(r, v, "'source'", &p->source);
    } else if (p->has_list_price || p->has_perpetual) {
        crm__rd_error(r, node, "a price needs its 'source'");
    }
    v = crm__rd_get(node, "confidence");
    if (v != NULL && crm__rd_enum(r, v, "confidence", confidences) >= 0) {
        p->confidence = v->text;
    }
    v = crm__rd_get(node, "note");
    if (v != NULL) {
        crm__rd_string(r, v, "'note'", &p->note);
    }
}

static void read_evidence(struct crm_reader *r, const struct crm_ynode *node,
                          struct crm_raw_value *rv)
{
    size_t i;

    if (!crm__rd_is_seq(r, node, "'evidence'")) {
        return;
    }
    rv->evidence = crm__arena_array(r->arena, node->count ? node->count : 1,
                                    sizeof(*rv->evidence));
    for (i = 0; i < node->count; i++) {
        const struct crm_ynode *e = node->items[i];
        struct crm_evidence *ev = &rv->evidence[rv->evidence_count];
        const struct crm_ynode *v = NULL;
        int kind = -1;

        if (!crm__rd_is_map(r, e, "an evidence entry")) {
            continue;
        }
        crm__rd_check_keys(r, e, evidence_keys, "an evidence entry");
        v = crm__rd_require(r, e, "kind", "an evidence entry");
        if (v == NULL ||
            (kind = crm__rd_enum(r, v, "evidence kind", evidence_kinds)) < 0) {
            continue;
        }
        ev->kind = (enum crm_evidence_kind)kind;
        v = crm__rd_require(r, e, "source", "an evidence entry");
        if (v != NULL) {
            crm__rd_string(r, v, "evidence 'source'", &ev->source);
        }
        v = crm__rd_get(e, "date");
        if (v != NULL) {
            crm__rd_date(r, v, "evidence 'date'", &ev->date);
        }
        v = crm__rd_get(e, "note");
        if (v != NULL) {
            crm__rd_string(r, v, "evidence 'note'", &ev->note);
        }
        rv->evidence_count++;
    }
}

bool crm__values_read(struct crm_reader *r, const struct crm_ynode *node,
                      struct crm_raw_value **out, size_t *count)
{
    struct crm_raw_value *raw = NULL;
    size_t i, n = 0;

    *out = NULL;
    *count = 0;
    if (!crm__rd_is_map(r, node, "'values'")) {
        return false;
    }
    raw = crm__arena_array(r->arena, node->count ? node->count : 1,
                           sizeof(*raw));
    for (i = 0; i < node->count; i++) {
        const struct crm_ynode *key = node->pairs[i].key;
        const struct crm_ynode *val = node->pairs[i].value;
        struct crm_raw_value *rv = &raw[n];

        rv->criterion = key->text;
        rv->mark = crm__rd_mark(r, key);
        if (crm__is_dist_node(val)) {
            /* short form: the distribution alone */
            if (crm__rd_uncertain(r, val, "an uncertain value", -CRM_NUMBER_LIMIT,
                                  CRM_NUMBER_LIMIT, &rv->point, &rv->dist)) {
                rv->node = val;
                n++;
            }
            continue;
        }
        if (val->type == CRM_YMAP) {
            const struct crm_ynode *v = NULL;

            crm__rd_check_keys(r, val, value_keys, "a vendor value");
            rv->node = crm__rd_require(r, val, "value", "a vendor value");
            if (rv->node == NULL) {
                continue;
            }
            if (crm__is_dist_node(rv->node) &&
                !crm__rd_uncertain(r, rv->node, "an uncertain value",
                                   -CRM_NUMBER_LIMIT, CRM_NUMBER_LIMIT,
                                   &rv->point, &rv->dist)) {
                continue;
            }
            v = crm__rd_get(val, "assessment");
            if (v != NULL) {
                rv->sample = crm__rd_enum(r, v, "assessment", assessments) == 0;
            }
            v = crm__rd_get(val, "note");
            if (v != NULL) {
                crm__rd_string(r, v, "'note'", &rv->note);
            }
            v = crm__rd_get(val, "evidence");
            if (v != NULL) {
                read_evidence(r, v, rv);
            }
        } else {
            rv->node = val;
        }
        n++;
    }
    *out = raw;
    *count = n;
    return true;
}

struct crm_vendor *crm__vendor_read(struct crm_reader *r,
                                    const struct crm_ynode *root)
{
    struct crm_vendor *vendor = crm__arena_alloc(r->arena, sizeof(*vendor));
    const struct crm_ynode *v = NULL;
    size_t i;

    vendor->file = r->file;
    vendor->mark = crm__rd_mark(r, root);
    crm__rd_check_keys(r, root, vendor_keys, "a vendor profile");
    v = crm__rd_require(r, root, "id", "a vendor profile");
    if (v != NULL) {
        crm__rd_id(r, v, "vendor id", &vendor->id);
        vendor->mark = crm__rd_mark(r, v);
    }
    v = crm__rd_require(r, root, "criteria_set", "a vendor profile");
    if (v != NULL) {
        crm__rd_id(r, v, "criteria set id", &vendor->criteria_set);
    }
    v = crm__rd_require(r, root, "name", "a vendor profile");
    if (v != NULL) {
        crm__rd_name(r, v, "'name'", &vendor->name);
    }
    v = crm__rd_get(root, "edition");
    if (v != NULL) {
        crm__rd_name(r, v, "'edition'", &vendor->edition);
    }
    v = crm__rd_get(root, "vendor");
    if (v != NULL) {
        crm__rd_name(r, v, "'vendor'", &vendor->company);
    }
    v = crm__rd_get(root, "country");
    if (v != NULL) {
        crm__rd_string(r, v, "'country'", &vendor->country);
    }
    v = crm__rd_get(root, "website");
    if (v != NULL) {
        crm__rd_string(r, v, "'website'", &vendor->website);
    }
    v = crm__rd_get(root, "deployment");
    if (v != NULL &&
        crm__rd_string_list(r, v, "'deployment'", &vendor->deployment,
                            &vendor->deployment_count)) {
        for (i = 0; i < vendor->deployment_count; i++) {
            const struct crm_ynode *item = v->type == CRM_YSEQ ? v->items[i] : v;

            crm__rd_enum(r, item, "deployment", deployments);
        }
    }
    v = crm__rd_get(root, "open_source");
    if (v != NULL) {
        bool flag = false;

        if (v->type == CRM_YMAP) {
            static const char *const oss_keys[] = { "licence", NULL };
            const struct crm_ynode *lic = NULL;

            crm__rd_check_keys(r, v, oss_keys, "'open_source'");
            lic = crm__rd_require(r, v, "licence", "'open_source'");
            if (lic != NULL) {
                crm__rd_string(r, lic, "'licence'", &vendor->licence);
            }
        } else {
            crm__rd_bool(r, v, "'open_source'", &flag);
        }
    }
    v = crm__rd_get(root, "pricing");
    if (v != NULL) {
        vendor->has_pricing = true;
        read_pricing(r, v, &vendor->pricing);
    }
    v = crm__rd_get(root, "values");
    if (v != NULL) {
        crm__values_read(r, v, &vendor->raw, &vendor->raw_count);
    }
    v = crm__rd_get(root, "costs");
    if (v != NULL) {
        crm__cost_lines_read(r, v, "vendor", &vendor->costs,
                             &vendor->cost_count);
    }
    return vendor;
}

size_t crm__vendor_resolve(struct crm_arena *arena, crm_diags *diags,
                           const struct crm_criteria_set *set,
                           struct crm_vendor *vendor)
{
    vendor->values = crm__arena_array(arena,
                                      set->criterion_count ? set->criterion_count : 1,
                                      sizeof(*vendor->values));
    return crm__values_resolve(diags, set, vendor->raw, vendor->raw_count,
                               vendor->values);
}

size_t crm__values_resolve(crm_diags *diags, const struct crm_criteria_set *set,
                           const struct crm_raw_value *raw, size_t count,
                           struct crm_value *values)
{
    size_t i, errors = 0;

    for (i = 0; i < count; i++) {
        const struct crm_raw_value *rv = &raw[i];
        const struct crm_ynode *node = rv->node;
        struct crm_mark at;
        const struct crm_criterion *c = NULL;
        struct crm_value *val = NULL;
        size_t ci = 0;
        bool b = false;
        double x = 0;

        at.file = rv->mark.file;
        at.line = node->line;
        at.column = node->column;
        if (!crm__set_find(set, rv->criterion, &ci)) {
            const char *hint = NULL;
            char msg[256];

            hint = crm__did_you_mean_n(rv->criterion, set->criteria,
                                       set->criterion_count,
                                       sizeof(set->criteria[0]),
                                       offsetof(struct crm_criterion, path));
            snprintf(msg, sizeof(msg), "%s%s%s", hint ? "; did you mean '" : "",
                     hint ? hint : "", hint ? "'?" : "");
            crm__mark_error(diags, &rv->mark,
                            "unknown criterion '%s' in criteria set '%s'%s",
                            rv->criterion, set->id, msg);
            errors++;
            continue;
        }
        c = &set->criteria[ci];
        val = &values[ci];
        if (c->derived != CRM_DERIVED_NONE) {
            crm__mark_error(diags, &rv->mark,
                            "'%s' is computed by crmeval from the vendor's "
                            "pricing; remove it from 'values'",
                            c->path);
            errors++;
            continue;
        }
        if (rv->dist != NULL) {
            const struct crm_dist *d = rv->dist;
            double lo = crm__dist_quantile(d, 1e-12), hi = crm__dist_quantile(d, 1 - 1e-12);

            if (c->kind != CRM_KIND_RATING && c->kind != CRM_KIND_NUMBER) {
                crm__mark_error(diags, &at,
                                "'%s' is a %s criterion; only numbers and "
                                "ratings can be uncertain",
                                c->path, crm__kind_name(c->kind));
                errors++;
                continue;
            }
            if ((c->kind == CRM_KIND_RATING &&
                 (lo < c->scale_min - 1e-9 || hi > c->scale_max + 1e-9) &&
                 d->kind != CRM_DIST_NORMAL) ||
                (c->kind == CRM_KIND_NUMBER && lo < 0 && d->kind != CRM_DIST_NORMAL)) {
                crm__mark_error(diags, &at,
                                "the distribution for '%s' reaches outside "
                                "%g..%g",
                                c->path, c->kind == CRM_KIND_RATING ? c->scale_min : 0,
                                c->kind == CRM_KIND_RATING ? c->scale_max : CRM_NUMBER_LIMIT);
                errors++;
                continue;
            }
            if (val->present) {
                crm__mark_error(diags, &rv->mark, "'%s' is given twice", c->path);
                errors++;
                continue;
            }
            val->present = true;
            val->number = rv->point;
            val->raw = rv;
            continue;
        }
        if (node->type == CRM_YSCALAR && node->plain &&
            (strcmp(node->text, "~") == 0 || strcmp(node->text, "null") == 0 ||
             node->len == 0)) {
            /* An explicit "unknown": same as leaving it out. */
            continue;
        }
        switch (c->kind) {
        case CRM_KIND_BOOLEAN:
            if (!crm__scalar_bool(node, &b)) {
                crm__mark_error(diags, &at,
                                "expected true or false for boolean '%s', "
                                "got %s%s%s%s",
                                c->path, node->type == CRM_YSCALAR ? "'" : "",
                                node->type == CRM_YSCALAR
                                    ? node->text
                                    : crm__ynode_kind(node),
                                node->type == CRM_YSCALAR ? "'" : "",
                                node->type == CRM_YSCALAR && !node->plain
                                    ? " (quoted values are text)"
                                    : "");
                errors++;
                continue;
            }
            x = b ? 1 : 0;
            break;
        case CRM_KIND_RATING:
        case CRM_KIND_NUMBER:
            /* a number beyond a double's range (1e309) reads as an
             * infinity and is reported below as too large */
            if (!crm__scalar_number(node, &x)) {
                if (crm__scalar_is_nonfinite(node)) {
                    crm__mark_error(diags, &at,
                                    "expected a finite number for %s '%s', "
                                    "got '%s'",
                                    crm__kind_name(c->kind), c->path,
                                    node->text);
                } else if (node->type == CRM_YSCALAR) {
                    crm__mark_error(diags, &at,
                                    "expected a number for %s '%s', got '%s'%s",
                                    crm__kind_name(c->kind), c->path,
                                    node->text,
                                    node->plain ? "" : " (quoted numbers are text)");
                } else {
                    crm__mark_error(diags, &at,
                                    "expected a number for %s '%s', got %s",
                                    crm__kind_name(c->kind), c->path,
                                    crm__ynode_kind(node));
                }
                errors++;
                continue;
            }
            if (fabs(x) > CRM_NUMBER_LIMIT) {
                crm__mark_error(diags, &at,
                                "value for '%s' is too large (%s%s); numbers "
                                "must be within +/-1e15",
                                c->path, node->text, crm__range_note(x));
                errors++;
                continue;
            }
            if (c->kind == CRM_KIND_RATING &&
                (x < c->scale_min || x > c->scale_max)) {
                crm__mark_error(diags, &at,
                                "rating %g for '%s' is outside its scale "
                                "%g..%g",
                                x, c->path, c->scale_min, c->scale_max);
                errors++;
                continue;
            }
            if (c->kind == CRM_KIND_NUMBER && x < 0) {
                crm__mark_error(diags, &at,
                                "'%s' must not be negative (got %g %s)",
                                c->path, x, c->unit ? c->unit : "");
                errors++;
                continue;
            }
            break;
        case CRM_KIND_CHOICE:
            if (node->type != CRM_YSCALAR ||
                !crm__criterion_option(c, node->text, &val->option)) {
                char list[256];

                crm__mark_error(diags, &at,
                                "invalid option '%s' for '%s'; expected one "
                                "of: %s",
                                node->type == CRM_YSCALAR ? node->text : "?",
                                c->path, crm__option_list(c, list, sizeof(list)));
                errors++;
                continue;
            }
            x = c->options[val->option].value;
            break;
        }
        if (val->present) {
            crm__mark_error(diags, &rv->mark, "'%s' is given twice",
                            c->path);
            errors++;
            continue;
        }
        val->present = true;
        val->number = x;
        val->raw = rv;
    }
    return errors;
}
