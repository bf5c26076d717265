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
#include "model/dist.h"
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

/* A vendor's `pricing:`. A list price goes with the subscription model
 * and a perpetual licence with the perpetual one; either needs currency,
 * as_of and source, so every price in a report can be traced and dated.
 * An unknown model is reported and read as subscription. */
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

/* A value's `evidence:` list: kind and source required, date and note
 * optional. Entries with a bad shape or kind are reported and left out. */
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

/* A value node as the model keeps it: its text when a scalar, else what
 * it is; checked against its criterion later (crm__values_resolve). */
static void value_text(struct crm_value_text *t, const struct crm_ynode *node)
{
    memset(t, 0, sizeof(*t));
    t->line = node->line;
    t->column = node->column;
    if (node->type == CRM_YSCALAR) {
        t->text = node->text;
        t->len = node->len;
        t->plain = node->plain;
    } else {
        t->shape = crm__ynode_kind(node);
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
        const struct crm_ynode *given = NULL;

        rv->criterion = key->text;
        rv->mark = crm__rd_mark(r, key);
        value_text(&rv->value, val);
        if (crm__is_dist_node(val)) {
            /* short form: the distribution alone */
            if (crm__rd_uncertain(r, val, "an uncertain value", -CRM_NUMBER_LIMIT,
                                  CRM_NUMBER_LIMIT, &rv->point, &rv->dist)) {
                n++;
            }
            continue;
        }
        if (val->type == CRM_YMAP) {
            const struct crm_ynode *v = NULL;

            crm__rd_check_keys(r, val, value_keys, "a vendor value");
            given = crm__rd_require(r, val, "value", "a vendor value");
            if (given == NULL) {
                continue;
            }
            value_text(&rv->value, given);
            if (crm__is_dist_node(given) &&
                !crm__rd_uncertain(r, given, "an uncertain value",
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
        }
        n++;
    }
    *out = raw;
    *count = n;
    return true;
}

/* A vendor profile from its YAML root, in arena memory: facts, pricing,
 * values as written and cost lines. Values are checked against the
 * criteria set later (crm__vendor_resolve). `open_source` is checked, but
 * only a licence given as {licence: ...} is kept. */
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
    /* plain text, or {en, zh-CN}: the report shows the one in its language */
    v = crm__rd_require(r, root, "name", "a vendor profile");
    if (v != NULL && crm__rd_name_text(r, v, "'name'", false, &vendor->names)) {
        vendor->name = vendor->names.en != NULL ? vendor->names.en : vendor->names.zh;
    }
    v = crm__rd_get(root, "edition");
    if (v != NULL && crm__rd_name_text(r, v, "'edition'", false, &vendor->editions)) {
        vendor->edition = vendor->editions.en != NULL ? vendor->editions.en : vendor->editions.zh;
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

/* Check @p vendor's values against @p set into vendor->values, one per
 * criterion, in @p arena. Returns the number of errors reported. */
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

