/*
 * The JSON report (schema: docs/report.schema.json). This is the only
 * module that includes <cjson/cJSON.h>.
 *
 * Determinism: keys are emitted in a fixed order, vendors in rank order,
 * and every number is rounded in one place (crm__round) before cJSON
 * prints it, so the same inputs give byte-identical output. Nothing here
 * reads the clock.
 */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crmeval/report.h"
#include "crmeval/version.h"
#include "analysis/random.h"
#include "analysis/sensitivity.h"
#include "analysis/simulate.h"
#include "report/conventions.h"
#include "score/score.h"
#include "util/output.h"
#include "util/strutil.h"

#define SCORE_DECIMALS 6
#define WEIGHT_DECIMALS 6
#define MONEY_DECIMALS 2

/* cJSON reports allocation failure by returning NULL; we build the whole
 * tree and check once at the end (cJSON_Add* on a NULL parent is a no-op),
 * tracking failure in this flag. */
struct builder {
    bool failed;
    const char *nonfinite; /* key of the first non-finite number, if any */
};

static cJSON *add(struct builder *b, cJSON *parent, const char *key,
                  cJSON *item)
{
    if (item == NULL) {
        b->failed = true;
        return NULL;
    }
    if (parent == NULL) {
        cJSON_Delete(item);
        b->failed = true;
        return NULL;
    }
    /* Adding to an object copies the key, which can fail: the item is then
     * not in the tree, so it is freed here and the report fails. */
    if (!(cJSON_IsArray(parent) ? cJSON_AddItemToArray(parent, item)
                                : cJSON_AddItemToObject(parent, key, item))) {
        cJSON_Delete(item);
        b->failed = true;
        return NULL;
    }
    return item;
}

static void add_str(struct builder *b, cJSON *o, const char *key,
                    const char *s)
{
    add(b, o, key, s ? cJSON_CreateString(s) : cJSON_CreateNull());
}

/*
 * A number rounded to @p decimals, printed exactly as a reader expects:
 * no exponent, no trailing zeros ("80.625", "0.1", "1200"). Formatting it
 * ourselves keeps the output independent of cJSON's %.15g/%.17g choice,
 * and is several times faster than cJSON's print-and-reparse check.
 */
static void format_decimal(char *buf, size_t size, double r, int decimals)
{
    static const long long pow10[] = { 1LL, 10LL, 100LL, 1000LL, 10000LL,
                                       100000LL, 1000000LL, 10000000LL,
                                       100000000LL, 1000000000LL,
                                       10000000000LL };
    long long scaled = 0, whole = 0, frac = 0;
    int d = decimals;

    if (decimals < 0 || decimals > 10 ||
        fabs(r) * (double)pow10[decimals < 0 || decimals > 10 ? 0 : decimals] >= 1e15) {
        crm__snprintf(buf, size, "%.17g", r);
        return;
    }
    scaled = llround(r * (double)pow10[decimals]);
    whole = llabs(scaled) / pow10[decimals];
    frac = llabs(scaled) % pow10[decimals];
    while (d > 0 && frac % 10 == 0) {
        frac /= 10;
        d--;
    }
    if (d == 0) {
        snprintf(buf, size, "%s%lld", scaled < 0 ? "-" : "", whole);
    } else {
        snprintf(buf, size, "%s%lld.%0*lld", scaled < 0 ? "-" : "", whole, d,
                 frac);
    }
}

static void add_num(struct builder *b, cJSON *o, const char *key, double x,
                    int decimals)
{
    double r = crm__round(x, decimals);
    char text[64];

    /* cJSON would print NaN or infinity as null, silently: refuse. The
     * loader bounds every input, so this is a bug guard, not a path. */
    if (!isfinite(r)) {
        if (b->nonfinite == NULL) {
            b->nonfinite = key ? key : "(array item)";
        }
        b->failed = true;
        return;
    }
    format_decimal(text, sizeof(text), r, decimals);
    add(b, o, key, cJSON_CreateRaw(text));
}

/* null for each of the NULL-terminated @p keys: fields without a value. */
static void add_nulls(struct builder *b, cJSON *o, const char *const *keys)
{
    for (; *keys != NULL; keys++) {
        add(b, o, *keys, cJSON_CreateNull());
    }
}

static void add_bool(struct builder *b, cJSON *o, const char *key, bool v)
{
    add(b, o, key, cJSON_CreateBool(v));
}

static void add_text(struct builder *b, cJSON *o, const char *key,
                     const struct crm_text *t)
{
    cJSON *obj = NULL;

    if (t->en == NULL && t->zh == NULL) {
        add(b, o, key, cJSON_CreateNull());
        return;
    }
    obj = add(b, o, key, cJSON_CreateObject());
    add_str(b, obj, "en", t->en ? t->en : t->zh);
    add_str(b, obj, "zh-CN", t->zh ? t->zh : t->en);
}

static const char *missing_name(enum crm_missing_policy p)
{
    switch (p) {
    case CRM_MISSING_WORST:
        return "worst";
    case CRM_MISSING_MIDPOINT:
        return "midpoint";
    case CRM_MISSING_IGNORE:
        return "ignore";
    }
    return "worst";
}

static const char *unverified_name(enum crm_unverified_policy p)
{
    static const char *const names[] = { "rank", "after_passing", "knock_out" };

    return names[p];
}

static const char *must_have_name(crm_must_have_status st)
{
    static const char *const names[] = { "pass", "unverified", "fail" };

    return names[st];
}

static const char *evidence_name(enum crm_evidence_kind k)
{
    static const char *const names[] = { "vendor_claim", "documentation",
                                         "demo", "trial",
                                         "reference_customer",
                                         "independent_test" };
    return names[k];
}

static void emit_inputs(struct builder *b, cJSON *root,
                        const struct crm_evaluation *ev)
{
    cJSON *inputs = add(b, root, "inputs", cJSON_CreateObject());
    cJSON *files = NULL;
    size_t i;

    add_str(b, inputs, "digest", ev->digest);
    files = add(b, inputs, "files", cJSON_CreateArray());
    for (i = 0; i < ev->input_count; i++) {
        cJSON *f = add(b, files, NULL, cJSON_CreateObject());

        add_str(b, f, "role", ev->inputs[i].role);
        add_str(b, f, "path", ev->inputs[i].path);
        add_str(b, f, "sha256", ev->inputs[i].sha256);
    }
}

static void emit_settings(struct builder *b, cJSON *root,
                          const struct crm_evaluation *ev)
{
    cJSON *e = add(b, root, "evaluation", cJSON_CreateObject());
    cJSON *org = NULL, *rates = NULL, *set = NULL;
    size_t i;

    add_str(b, e, "title", ev->title);
    add_str(b, e, "date", ev->date);
    add_str(b, e, "prepared_by", ev->prepared_by);
    org = add(b, e, "organisation", cJSON_CreateObject());
    add_str(b, org, "name", ev->org.name);
    add_str(b, org, "industry", ev->org.industry);
    add_str(b, org, "size", ev->org.size);
    add_num(b, org, "seats", ev->org.seats, 0);
    add_num(b, org, "seat_growth", ev->org.seat_growth, WEIGHT_DECIMALS);
    add_str(b, e, "currency", ev->currency);
    add_num(b, e, "horizon_years", ev->horizon_years, 0);
    add_num(b, e, "discount_rate", ev->discount_rate, WEIGHT_DECIMALS);
    if (ev->has_budget) {
        add_num(b, e, "budget", ev->budget, MONEY_DECIMALS);
    } else {
        add(b, e, "budget", cJSON_CreateNull());
    }
    add_str(b, e, "language", ev->language);
    add_str(b, e, "missing_values", missing_name(ev->missing));
    add_str(b, e, "unverified_must_haves", unverified_name(ev->unverified));
    rates = add(b, e, "exchange_rates", cJSON_CreateObject());
    add_str(b, rates, "as_of", ev->rates_as_of);
    add_str(b, rates, "source", ev->rates_source);
    {
        cJSON *list = add(b, rates, "rates", cJSON_CreateObject());

        for (i = 0; i < ev->rate_count; i++) {
            add_num(b, list, ev->rates[i].currency, ev->rates[i].rate, 8);
        }
    }
    set = add(b, e, "criteria_set", cJSON_CreateObject());
    add_str(b, set, "id", ev->set->id);
    add_num(b, set, "version", (double)ev->set->version, 0);
    add_text(b, set, "name", &ev->set->name);
    if (ev->profile != NULL) {
        cJSON *p = add(b, e, "profile", cJSON_CreateObject());

        add_str(b, p, "id", ev->profile->id);
        add_text(b, p, "name", &ev->profile->name);
        add_text(b, p, "rationale", &ev->profile->rationale);
        add_num(b, p, "near_miss_margin", ev->profile->near_miss_margin,
                WEIGHT_DECIMALS);
    } else {
        add(b, e, "profile", cJSON_CreateNull());
    }
}

static void emit_method(struct builder *b, cJSON *root,
                        const struct crm_result *res)
{
    const struct crm_criteria_set *set = res->ev->set;
    cJSON *m = add(b, root, "method", cJSON_CreateObject());
    cJSON *rel = NULL;
    size_t c;

    add_str(b, m, "aggregation", "weighted_sum");
    add_str(b, m, "score_scale", "0-100");
    add_str(b, m, "weights",
            "normalised per level; effective weight = group share x "
            "criterion share");
    add_str(b, m, "ranking",
            "vendors passing every must-have first, by score; then knocked-out "
            "vendors by score; equal scores share a rank, ordered by id");
    rel = add(b, m, "relative_criteria", cJSON_CreateArray());
    for (c = 0; c < set->criterion_count; c++) {
        if (res->relative[c] && res->weights.effective[c] > 0) {
            cJSON *r = add(b, rel, NULL, cJSON_CreateObject());

            add_str(b, r, "criterion", set->criteria[c].path);
            if (res->range_seen[c]) {
                add_num(b, r, "observed_min", res->range_lo[c], WEIGHT_DECIMALS);
                add_num(b, r, "observed_max", res->range_hi[c], WEIGHT_DECIMALS);
            } else {
                add(b, r, "observed_min", cJSON_CreateNull());
                add(b, r, "observed_max", cJSON_CreateNull());
            }
        }
    }
    if (cJSON_GetArraySize(rel) > 0) {
        add_str(b, m, "relative_note",
                "criteria in relative_criteria have no value function and are "
                "scaled min-max over the vendors evaluated: adding or removing "
                "a vendor can change every vendor's value on them");
    }
}

static void emit_weights(struct builder *b, cJSON *root,
                         const struct crm_result *res)
{
    const struct crm_criteria_set *set = res->ev->set;
    const struct crm_weights *w = &res->weights;
    cJSON *groups = add(b, root, "weights", cJSON_CreateArray());
    size_t g, c;

    for (g = 0; g < set->group_count; g++) {
        const struct crm_group *grp = &set->groups[g];
        cJSON *go = add(b, groups, NULL, cJSON_CreateObject());
        cJSON *list = NULL;

        add_str(b, go, "id", grp->id);
        add_text(b, go, "name", &grp->name);
        add_num(b, go, "raw", w->group_raw[g], WEIGHT_DECIMALS);
        add_num(b, go, "share", w->group_share[g], WEIGHT_DECIMALS);
        add_str(b, go, "origin", w->group_origin[g]);
        list = add(b, go, "criteria", cJSON_CreateArray());
        for (c = grp->first; c < grp->first + grp->count; c++) {
            const struct crm_criterion *crit = &set->criteria[c];
            cJSON *co = add(b, list, NULL, cJSON_CreateObject());

            add_str(b, co, "id", crit->path);
            add_text(b, co, "name", &crit->name);
            add_str(b, co, "kind", crm__kind_name(crit->kind));
            add_num(b, co, "raw", w->criterion_raw[c], WEIGHT_DECIMALS);
            add_num(b, co, "share", w->criterion_share[c], WEIGHT_DECIMALS);
            add_num(b, co, "effective", w->effective[c], WEIGHT_DECIMALS);
            add_str(b, co, "origin", w->criterion_origin[c]);
        }
    }
}

static const char *rule_test_name(const struct crm_rule *rule)
{
    switch (rule->test) {
    case CRM_RULE_EQUALS:
        return "equals";
    case CRM_RULE_RANGE:
        return "range";
    case CRM_RULE_ONE_OF:
        return "one_of";
    }
    return "?";
}

static void emit_rule(struct builder *b, cJSON *o, const struct crm_rule *rule)
{
    size_t i;

    add_str(b, o, "criterion", rule->criterion);
    add_str(b, o, "test", rule_test_name(rule));
    switch (rule->test) {
    case CRM_RULE_EQUALS:
        add_bool(b, o, "equals", rule->equals);
        break;
    case CRM_RULE_RANGE:
        if (rule->has_min) {
            add_num(b, o, "min", rule->min, WEIGHT_DECIMALS);
        }
        if (rule->has_max) {
            add_num(b, o, "max", rule->max, WEIGHT_DECIMALS);
        }
        break;
    case CRM_RULE_ONE_OF: {
        cJSON *list = add(b, o, "one_of", cJSON_CreateArray());

        for (i = 0; i < rule->one_of_count; i++) {
            add_str(b, list, NULL, rule->one_of[i]);
        }
        break;
    }
    }
    add_str(b, o, "origin", rule->origin);
    add_text(b, o, "reason", &rule->reason);
}

static void emit_rules(struct builder *b, cJSON *root,
                       const struct crm_evaluation *ev)
{
    cJSON *list = add(b, root, "must_have", cJSON_CreateArray());
    size_t i;

    for (i = 0; i < ev->rule_count; i++) {
        emit_rule(b, add(b, list, NULL, cJSON_CreateObject()), &ev->rules[i]);
    }
}

static void emit_pricing(struct builder *b, cJSON *o,
                         const struct crm_vendor *v)
{
    static const char *const models[] = { "subscription", "perpetual", "free" };
    const struct crm_pricing *p = &v->pricing;
    cJSON *po = NULL;

    if (!v->has_pricing) {
        add(b, o, "pricing", cJSON_CreateNull());
        return;
    }
    po = add(b, o, "pricing", cJSON_CreateObject());
    add_str(b, po, "model", models[p->model]);
    add_str(b, po, "currency", p->currency);
    if (p->has_list_price) {
        add_num(b, po, "list_price_per_user_month", p->list_price_per_user_month,
                MONEY_DECIMALS);
    }
    if (p->has_perpetual) {
        add_num(b, po, "perpetual_licence_per_user",
                p->perpetual_licence_per_user, MONEY_DECIMALS);
    }
    if (p->minimum_seats > 0) {
        add_num(b, po, "minimum_seats", p->minimum_seats, 0);
    }
    add_str(b, po, "as_of", p->as_of);
    add_str(b, po, "source", p->source);
    add_str(b, po, "confidence", p->confidence);
    add_str(b, po, "note", p->note);
}

/* A vendor's value as written: true/false, the option id, or the number;
 * null when missing. */
static void add_value(struct builder *b, cJSON *o,
                      const struct crm_criterion *crit,
                      const struct crm_value *val)
{
    if (!val->present) {
        add(b, o, "value", cJSON_CreateNull());
    } else if (crit->kind == CRM_KIND_BOOLEAN) {
        add_bool(b, o, "value", val->number != 0);
    } else if (crit->kind == CRM_KIND_CHOICE) {
        add_str(b, o, "value", crit->options[val->option].id);
    } else {
        add_num(b, o, "value", val->number, WEIGHT_DECIMALS);
    }
}

#define FACTOR_DECIMALS 10
#define RATE_DECIMALS 6
#define YEARS_DECIMALS 4


static void add_money(struct builder *b, cJSON *o, const char *key, double x)
{
    add_num(b, o, key, x, MONEY_DECIMALS);
}

static void add_optional(struct builder *b, cJSON *o, const char *key,
                         bool has, double x, int decimals)
{
    if (has) {
        add_num(b, o, key, x, decimals);
    } else {
        add(b, o, key, cJSON_CreateNull());
    }
}

static void add_irr(struct builder *b, cJSON *o, const char *key,
                    const crm_irr_result *irr)
{
    static const char *const names[] = { "ok", "ambiguous", "no_sign_change",
                                         "not_found" };
    cJSON *io = add(b, o, key, cJSON_CreateObject());
    cJSON *roots = NULL;
    size_t i;

    add_optional(b, io, "value", irr->status == CRM_IRR_OK, irr->roots[0],
                 RATE_DECIMALS);
    add_str(b, io, "status", names[irr->status]);
    roots = add(b, io, "roots", cJSON_CreateArray());
    for (i = 0; i < irr->count; i++) {
        add_num(b, roots, NULL, irr->roots[i], RATE_DECIMALS);
    }
    add_str(b, io, "note",
            irr->status == CRM_IRR_OK ? NULL : crm_irr_status_text(irr->status));
}

/* The net cash flows by when they are paid: whole years, or the half-year
 * grid when some flow falls mid-year. */
static void emit_cash_flows(struct builder *b, cJSON *po, const struct crm_projection *p,
                            size_t years, bool half_years)
{
    cJSON *co = add(b, po, "cash_flows", cJSON_CreateObject());
    cJSON *amounts = NULL;
    size_t k, step = half_years ? 1 : 2;

    add(b, co, "periods_per_year", cJSON_CreateNumber(half_years ? 2 : 1));
    amounts = add(b, co, "amounts", cJSON_CreateArray());
    for (k = 0; k < 2 * years - 1; k += step) {
        add_money(b, amounts, NULL, p->cash[k]);
    }
}

static void emit_projection(struct builder *b, cJSON *o, const char *key,
                            const struct crm_projection *p, size_t years,
                            bool half_years)
{
    const struct crm_finance_summary *s = &p->summary;
    cJSON *po = add(b, o, key, cJSON_CreateObject());
    cJSON *rows = add(b, po, "rows", cJSON_CreateArray());
    cJSON *so = NULL;
    size_t t, c;

    for (t = 0; t < years; t++) {
        const struct crm_year_row *r = &p->rows[t];
        cJSON *ro = add(b, rows, NULL, cJSON_CreateObject());
        cJSON *costs = NULL;

        add(b, ro, "year", cJSON_CreateNumber((double)t));
        add_num(b, ro, "users", r->users, 0);
        add_num(b, ro, "seats", r->seats, 0);
        costs = add(b, ro, "costs", cJSON_CreateObject());
        for (c = 0; c < CRM_COST_CATEGORY_COUNT; c++) {
            add_money(b, costs, crm__cost_category_names[c], r->cost[c]);
        }
        add_money(b, ro, "total_cost", r->total_cost);
        add_money(b, ro, "benefits", r->benefits);
        add_money(b, ro, "net", r->net);
        add_money(b, ro, "cumulative", r->cumulative);
        add_num(b, ro, "discount_factor", r->factor, FACTOR_DECIMALS);
        add_money(b, ro, "discounted_net", r->discounted_net);
        add_money(b, ro, "cumulative_discounted", r->cumulative_discounted);
        add_money(b, ro, "capex", r->capex);
        add_money(b, ro, "opex", r->opex);
        add_money(b, ro, "discounted_costs", r->pv_costs);
        add_money(b, ro, "discounted_benefits", r->pv_benefits);
    }
    emit_cash_flows(b, po, p, years, half_years);
    so = add(b, po, "summary", cJSON_CreateObject());
    add_money(b, so, "tco", s->tco);
    add_money(b, so, "pv_costs", s->tco_pv);
    add_num(b, so, "seat_years", s->seat_years, 0);
    add_money(b, so, "tco_per_seat_year", s->tco_per_seat_year);
    add_money(b, so, "pv_benefits", s->pv_benefits);
    add_money(b, so, "npv", s->npv);
    add_optional(b, so, "roi", s->has_ratio, s->roi, RATE_DECIMALS);
    add_optional(b, so, "benefit_cost_ratio", s->has_ratio, s->bcr,
                 RATE_DECIMALS);
    add_irr(b, so, "irr", &s->irr);
    add_optional(b, so, "mirr", s->has_mirr, s->mirr, RATE_DECIMALS);
    add_optional(b, so, "payback_years", s->has_payback, s->payback,
                 YEARS_DECIMALS);
    add_str(b, so, "payback_note", crm__payback_reason(s->has_payback, false));
    add_optional(b, so, "discounted_payback_years", s->has_discounted_payback,
                 s->discounted_payback, YEARS_DECIMALS);
    add_str(b, so, "discounted_payback_note",
            crm__payback_reason(s->has_discounted_payback, true));
    {
        double capex = 0, opex = 0;

        for (t = 0; t < years; t++) {
            capex += p->rows[t].capex;
            opex += p->rows[t].opex;
        }
        add_money(b, so, "capex", capex);
        add_money(b, so, "opex", opex);
    }
    if (s->has_dates) {
        add_money(b, so, "xnpv", s->xnpv);
        add_irr(b, so, "xirr", &s->xirr);
    }
}

/* A line's risk adjustment: the share, whether it is the line's own or
 * the evaluation's flat one, and the line's rationale. */
static void emit_line_risk(struct builder *b, cJSON *o, double share,
                           const struct crm_line_risk *risk)
{
    cJSON *ro = add(b, o, "risk_adjustment", cJSON_CreateObject());

    add_num(b, ro, "share", share, RATE_DECIMALS);
    add_str(b, ro, "source", risk->present ? "line" : "evaluation");
    add_text(b, ro, "rationale", &risk->rationale);
}

static void emit_vendor_finance(struct builder *b, cJSON *o,
                                const struct crm_result *res,
                                const struct crm_vendor_score *vs)
{
    static const char *const bases[] = { "fixed", "per_seat", "per_added_seat",
                                         "percent" };
    static const char *const kinds[] = { "revenue", "cost_saving",
                                         "productivity", "churn" };
    size_t index = (size_t)(vs - res->vendors);
    const struct crm_vendor *v = vs->vendor;
    const struct crm_finance_settings *fin = &res->ev->finance;
    const struct crm_vendor_finance *f = NULL;
    cJSON *fo = NULL, *lines = NULL, *bl = NULL;
    size_t i, t, k;

    if (res->finance == NULL) {
        add(b, o, "finance", cJSON_CreateNull());
        return;
    }
    f = &res->finance[index];
    fo = add(b, o, "finance", cJSON_CreateObject());
    add_bool(b, fo, "price_known", v->price_known);
    add_num(b, fo, "benefit_factor", f->benefit_factor, RATE_DECIMALS);
    {
        static const struct crm_text none = { NULL, NULL };
        const struct crm_text *why = &none;

        for (i = 0; i < res->ev->finance.factor_count; i++) {
            if (strcmp(res->ev->finance.factors[i].vendor, v->id) == 0) {
                why = &res->ev->finance.factors[i].rationale;
            }
        }
        add_text(b, fo, "benefit_factor_rationale", why);
    }
    lines = add(b, fo, "cost_lines", cJSON_CreateArray());
    for (i = 0; i < v->plan_count; i++) {
        const struct crm_cost_line *l = &v->plan[i];
        cJSON *lo = add(b, lines, NULL, cJSON_CreateObject());
        cJSON *yearly = NULL;

        add_str(b, lo, "id", l->id);
        add_str(b, lo, "category", crm__cost_category_names[l->category]);
        add_str(b, lo, "basis", bases[l->basis]);
        add_str(b, lo, "origin", l->origin);
        if (l->basis == CRM_BASIS_PERCENT) {
            cJSON *of = NULL;

            add_num(b, lo, "percent", l->percent, RATE_DECIMALS);
            of = add(b, lo, "of", cJSON_CreateArray());
            for (k = 0; k < l->of_count; k++) {
                add_str(b, of, NULL, l->of[k]);
            }
        } else {
            add_str(b, lo, "currency", l->currency);
            add_num(b, lo, "rate", l->rate, 8);
            if (l->tier_count > 0) {
                cJSON *tiers = add(b, lo, "tiers", cJSON_CreateArray());

                for (k = 0; k < l->tier_count; k++) {
                    cJSON *to = add(b, tiers, NULL, cJSON_CreateObject());

                    add_optional(b, to, "up_to", l->tiers[k].has_up_to,
                                 l->tiers[k].up_to, 0);
                    add_money(b, to, "amount", l->tiers[k].amount);
                }
            } else {
                add_money(b, lo, "amount", l->amount);
            }
        }
        add(b, lo, "first_year", cJSON_CreateNumber(l->first_year));
        add(b, lo, "last_year",
            cJSON_CreateNumber(l->last_year == CRM_YEAR_HORIZON
                                   ? (double)(f->years - 1)
                                   : (double)l->last_year));
        add_num(b, lo, "escalation", l->escalation, RATE_DECIMALS);
        add_str(b, lo, "note", l->note);
        add_str(b, lo, "billing", crm__billing_resolved(res->ev, l->billing));
        add_str(b, lo, "expense", crm__cost_is_capex(res->ev, l) ? "capex" : "opex");
        emit_line_risk(b, lo, crm__cost_risk(res->ev, l), &l->risk);
        yearly = add(b, lo, "yearly", cJSON_CreateArray());
        for (t = 0; t < f->years; t++) {
            add_money(b, yearly, NULL, f->line_amounts[i * f->years + t]);
        }
        yearly = add(b, lo, "yearly_risk_adjusted", cJSON_CreateArray());
        for (t = 0; t < f->years; t++) {
            add_money(b, yearly, NULL, f->line_adjusted[i * f->years + t]);
        }
    }
    bl = add(b, fo, "benefit_lines", cJSON_CreateArray());
    for (i = 0; i < fin->benefit_count; i++) {
        cJSON *bo = add(b, bl, NULL, cJSON_CreateObject());
        cJSON *yearly = NULL;

        const struct crm_benefit_line *bl_def = &fin->benefits[i];
        cJSON *ramp = NULL;

        add_str(b, bo, "id", bl_def->id);
        add_str(b, bo, "kind", kinds[bl_def->kind]);
        add_money(b, bo, "base_amount", crm__benefit_base(bl_def,
                                                          crm__users_in_year(res->ev, 1)));
        add(b, bo, "first_year", cJSON_CreateNumber(bl_def->first_year));
        add(b, bo, "last_year",
            cJSON_CreateNumber(bl_def->last_year == CRM_YEAR_HORIZON
                                   ? (double)(f->years - 1)
                                   : (double)bl_def->last_year));
        ramp = add(b, bo, "ramp", cJSON_CreateArray());
        for (t = 0; t < bl_def->ramp_count; t++) {
            add_num(b, ramp, NULL, bl_def->ramp[t], RATE_DECIMALS);
        }
        add_num(b, bo, "escalation", bl_def->escalation, RATE_DECIMALS);
        add_str(b, bo, "note", bl_def->note);
        emit_line_risk(b, bo, crm__benefit_risk(res->ev, bl_def), &bl_def->risk);
        yearly = add(b, bo, "yearly", cJSON_CreateArray());
        for (t = 0; t < f->years; t++) {
            add_money(b, yearly, NULL, f->benefit_amounts[i * f->years + t]);
        }
        yearly = add(b, bo, "yearly_risk_adjusted", cJSON_CreateArray());
        for (t = 0; t < f->years; t++) {
            add_money(b, yearly, NULL, f->benefit_adjusted[i * f->years + t]);
        }
    }
    emit_projection(b, fo, "unadjusted", &f->base, f->years, f->half_years);
    emit_projection(b, fo, "risk_adjusted", &f->adjusted, f->years, f->half_years);
}

static void emit_finance_conventions(struct builder *b, cJSON *root,
                                     const struct crm_result *res)
{
    const struct crm_evaluation *ev = res->ev;
    const struct crm_finance_settings *fin = &ev->finance;
    cJSON *fo = NULL, *risk = NULL, *capex = NULL;
    size_t t;
    char note[800];

    if (!fin->present) {
        add(b, root, "finance", cJSON_CreateNull());
        return;
    }
    fo = add(b, root, "finance", cJSON_CreateObject());
    add_str(b, fo, "currency", ev->currency);
    add_num(b, fo, "discount_rate", ev->discount_rate, RATE_DECIMALS);
    add_str(b, fo, "timing",
            fin->timing == CRM_TIMING_MID_YEAR ? "mid_year" : "end_of_year");
    add_str(b, fo, "conventions", crm__finance_conventions(res));
    add_str(b, fo, "rounding",
            "money to 2 decimals, rates and ratios to 6, discount factors to "
            "10, payback years to 4; computed at full precision");
    add_str(b, fo, "spreadsheet_note", crm__finance_spreadsheet_note(res, note, sizeof(note)));
    risk = add(b, fo, "risk_adjustment", cJSON_CreateObject());
    add_num(b, risk, "costs", fin->risk_costs, RATE_DECIMALS);
    add_num(b, risk, "benefits", fin->risk_benefits, RATE_DECIMALS);
    add_num(b, fo, "price_escalation", fin->price_escalation, RATE_DECIMALS);
    add_str(b, fo, "pricing_billing", crm__billing_resolved(ev, fin->pricing_billing));
    capex = add(b, fo, "capex_categories", cJSON_CreateArray());
    for (t = 0; t < CRM_COST_CATEGORY_COUNT; t++) {
        if (fin->capex[t]) {
            add_str(b, capex, NULL, crm__cost_category_names[t]);
        }
    }
    add_bool(b, fo, "budget_knockout", fin->budget_knockout);
    if (fin->flow_dates != NULL) {
        cJSON *dates = add(b, fo, "flow_dates", cJSON_CreateArray());

        for (t = 0; t <= (size_t)ev->horizon_years; t++) {
            add_str(b, dates, NULL, fin->flow_dates[t]);
        }
    } else {
        add(b, fo, "flow_dates", cJSON_CreateNull());
    }
}

static void emit_vendor(struct builder *b, cJSON *list,
                        const struct crm_result *res,
                        const struct crm_vendor_score *vs)
{
    const struct crm_evaluation *ev = res->ev;
    const struct crm_criteria_set *set = ev->set;
    const struct crm_vendor *v = vs->vendor;
    cJSON *o = add(b, list, NULL, cJSON_CreateObject());
    cJSON *arr = NULL;
    size_t c, g, k, i;

    add_str(b, o, "id", v->id);
    add_str(b, o, "name", v->name);
    add_str(b, o, "edition", v->edition);
    add(b, o, "rank", cJSON_CreateNumber(vs->rank));
    add_num(b, o, "score", vs->score, SCORE_DECIMALS);
    add_bool(b, o, "knocked_out", vs->knocked_out);
    add_str(b, o, "must_have_status", must_have_name(vs->must_have));
    add_num(b, o, "completeness", vs->completeness, SCORE_DECIMALS);
    add_num(b, o, "evidence_share", vs->evidence, SCORE_DECIMALS);
    emit_pricing(b, o, v);
    emit_vendor_finance(b, o, res, vs);

    arr = add(b, o, "must_have", cJSON_CreateArray());
    for (k = 0; k < ev->rule_count; k++) {
        const struct crm_rule_outcome *ro = &vs->rules[k];
        cJSON *r = add(b, arr, NULL, cJSON_CreateObject());
        const char *status = ro->state == CRM_MUST_HAVE_PASS
                                 ? (ro->near_miss ? "near_miss" : "pass")
                                 : must_have_name(ro->state);

        add(b, r, "rule", cJSON_CreateNumber((double)k));
        add_str(b, r, "criterion", ro->rule->criterion);
        add_str(b, r, "result", status);
        if (ro->lower_bound) {
            /* a cost known without its licence: at least this much */
            add_num(b, r, "value", ro->value, MONEY_DECIMALS);
        } else {
            struct crm_value rv = crm__result_value(res, vs - res->vendors,
                                                    ro->rule->index);

            add_value(b, r, &set->criteria[ro->rule->index], &rv);
        }
        add_bool(b, r, "lower_bound", ro->lower_bound);
        add_str(b, r, "origin", ro->rule->origin);
    }

    arr = add(b, o, "groups", cJSON_CreateArray());
    for (g = 0; g < set->group_count; g++) {
        cJSON *go = add(b, arr, NULL, cJSON_CreateObject());

        add_str(b, go, "id", set->groups[g].id);
        add_num(b, go, "score", vs->groups[g].score, SCORE_DECIMALS);
        add_num(b, go, "contribution", vs->groups[g].contribution,
                SCORE_DECIMALS);
        add_num(b, go, "completeness", vs->groups[g].completeness,
                SCORE_DECIMALS);
    }

    arr = add(b, o, "criteria", cJSON_CreateArray());
    for (c = 0; c < set->criterion_count; c++) {
        const struct crm_criterion *crit = &set->criteria[c];
        const struct crm_criterion_score *cs = &vs->criteria[c];
        struct crm_value own = crm__result_value(res, (size_t)(vs - res->vendors), c);
        const struct crm_value *val = &own;
        cJSON *co = add(b, arr, NULL, cJSON_CreateObject());
        static const char *const sources[] = { "data", "derived", "missing" };

        add_str(b, co, "id", crit->path);
        add_str(b, co, "source", sources[cs->source]);
        add_value(b, co, crit, val);
        add_num(b, co, "normalised", cs->normalised, WEIGHT_DECIMALS);
        add_num(b, co, "contribution", cs->contribution, WEIGHT_DECIMALS);
        if (val->raw != NULL) {
            add_str(b, co, "assessment", val->raw->sample ? "sample" : "data");
            add_str(b, co, "origin",
                    val->raw->panel ? "panel" : val->raw->observed ? "evaluation" : "vendor");
            if (val->raw->evidence_count > 0) {
                cJSON *evl = add(b, co, "evidence", cJSON_CreateArray());

                for (i = 0; i < val->raw->evidence_count; i++) {
                    const struct crm_evidence *e = &val->raw->evidence[i];
                    cJSON *eo = add(b, evl, NULL, cJSON_CreateObject());

                    add_str(b, eo, "kind", evidence_name(e->kind));
                    add_str(b, eo, "source", e->source);
                    add_str(b, eo, "date", e->date);
                    add_str(b, eo, "note", e->note);
                }
            }
        }
    }

    arr = add(b, o, "warnings", cJSON_CreateArray());
    if (vs->missing_count > 0) {
        char msg[160];

        snprintf(msg, sizeof(msg),
                 "%zu weighted %s no data (scored by the '%s' policy)",
                 vs->missing_count,
                 vs->missing_count == 1 ? "criterion has" : "criteria have",
                 missing_name(ev->missing));
        add_str(b, arr, NULL, msg);
    }
    if (vs->sample_count > 0) {
        char msg[160];

        snprintf(msg, sizeof(msg),
                 "%zu weighted %s on sample assessments, not sourced facts",
                 vs->sample_count,
                 vs->sample_count == 1 ? "criterion rests" : "criteria rest");
        add_str(b, arr, NULL, msg);
    }
    if (res->finance != NULL && !v->price_known) {
        add_str(b, arr, NULL,
                "no list price is known: its licence cost is missing from the "
                "cost projection, so costs are understated and returns "
                "overstated");
    }
    if (vs->near_miss_count > 0) {
        char msg[160];

        snprintf(msg, sizeof(msg),
                 "passes %zu must-have rule(s) by a small margin (near miss)",
                 vs->near_miss_count);
        add_str(b, arr, NULL, msg);
    }
    if (vs->unverified_count > 0) {
        char msg[160];

        snprintf(msg, sizeof(msg),
                 "%zu must-have rule%s not verified: no data; verify before "
                 "relying on its rank",
                 vs->unverified_count, vs->unverified_count == 1 ? " is" : "s are");
        add_str(b, arr, NULL, msg);
    }
    if (res->analysis->no_running_costs != NULL && res->analysis->no_running_costs[vs - res->vendors]) {
        unsigned lacks = res->analysis->no_running_costs[vs - res->vendors];

        add_str(b, arr, NULL,
                lacks == (CRM_RUNNING_NO_HOSTING | CRM_RUNNING_NO_ADMIN)
                    ? "runs on your own servers, but its cost plan has no hosting cost after "
                      "year 0 and no administration or support line of its own: its running "
                      "costs are understated"
                : lacks == CRM_RUNNING_NO_HOSTING
                    ? "runs on your own servers, but its cost plan has no hosting cost after "
                      "year 0: its running costs are understated"
                    : "runs on your own servers, but its cost plan has no administration or "
                      "support line of its own: its running costs are understated");
    }
}

static const char *vendor_id(const struct crm_result *res, size_t v)
{
    return v == CRM_NONE ? NULL : res->vendors[v].vendor->id;
}

static void emit_stability(struct builder *b, cJSON *o, const char *id,
                           const struct crm_result *res,
                           const struct crm_weight_stability *s)
{
    cJSON *so = add(b, o, NULL, cJSON_CreateObject());

    add_str(b, so, "id", id);
    add_num(b, so, "weight", s->current, WEIGHT_DECIMALS);
    add_num(b, so, "stable_from", s->lo, WEIGHT_DECIMALS);
    add_num(b, so, "stable_to", s->hi, WEIGHT_DECIMALS);
    add_str(b, so, "overtaken_below_by", vendor_id(res, s->lo_vendor));
    add_str(b, so, "overtaken_above_by", vendor_id(res, s->hi_vendor));
    if (s->has_change) {
        cJSON *ch = add(b, so, "first_rank_change", cJSON_CreateObject());
        cJSON *sw = NULL;

        add_num(b, ch, "at", s->change_at, WEIGHT_DECIMALS);
        sw = add(b, ch, "swap", cJSON_CreateArray());
        add_str(b, sw, NULL, vendor_id(res, s->swap_a));
        add_str(b, sw, NULL, vendor_id(res, s->swap_b));
    } else {
        add(b, so, "first_rank_change", cJSON_CreateNull());
    }
}

/* "Zoho CRM would overtake Salesforce if the weight of Security fell from
 * 25.0% to 18.2%." */
static void smallest_sentence(char *buf, size_t n, const struct crm_result *res,
                              const struct crm_analysis *an)
{
    const struct crm_criteria_set *set = res->ev->set;
    const struct crm_text *name = an->smallest_is_group
                                      ? &set->groups[an->smallest_index].name
                                      : &set->criteria[an->smallest_index].name;
    double now = an->smallest_is_group ? an->groups[an->smallest_index].current
                                       : an->criteria[an->smallest_index].current;

    crm__snprintf(buf, n,
                  "%s would overtake %s if the weight of %s %s from %.1f%% to %.1f%%.",
                  res->vendors[an->smallest_vendor].vendor->name,
                  res->vendors[an->winner].vendor->name,
                  name->en ? name->en : (name->zh ? name->zh : "?"),
                  an->smallest_to < now ? "fell" : "rose", now * 100,
                  an->smallest_to * 100);
}

static const char *const verdict_names[] = { "robust", "fragile", "tie", "preliminary" };
static const char *const value_basis_names[] = { NULL, "pv_of_costs", "licence_per_seat_year" };

/* Why the verdict is preliminary, one entry per reason that holds. */
static void emit_preliminary(struct builder *b, cJSON *so, const struct crm_result *res)
{
    const struct crm_analysis *an = res->analysis;
    const struct crm_verdict_settings *vt = &res->ev->verdict;
    cJSON *arr = add(b, so, "preliminary", cJSON_CreateArray());
    cJSON *th = add(b, so, "thresholds", cJSON_CreateObject());
    size_t k, r;

    add_num(b, th, "min_evidence", vt->min_evidence, WEIGHT_DECIMALS);
    add_num(b, th, "min_p_first", vt->min_p_first, WEIGHT_DECIMALS);
    if (an->preliminary & CRM_PRELIM_EVIDENCE) {
        size_t *who = malloc((res->vendor_count + 1) * sizeof(*who)), n = 0;

        if (who == NULL) {
            b->failed = true;
            return;
        }
        n = crm__verdict_subjects(an, who);
        for (k = 0; k < n; k++) {
            if (res->vendors[who[k]].evidence < vt->min_evidence) {
                cJSON *o = add(b, arr, NULL, cJSON_CreateObject());

                add_str(b, o, "reason", "evidence");
                add_str(b, o, "vendor", vendor_id(res, who[k]));
                add_num(b, o, "value", res->vendors[who[k]].evidence, WEIGHT_DECIMALS);
            }
        }
        free(who);
    }
    if (an->preliminary & CRM_PRELIM_UNVERIFIED) {
        for (k = 0; k < an->tie_count; k++) {
            const struct crm_vendor_score *vs = &res->vendors[an->tied[k]];
            cJSON *o = NULL, *rules = NULL;

            if (vs->must_have != CRM_MUST_HAVE_UNVERIFIED) {
                continue;
            }
            o = add(b, arr, NULL, cJSON_CreateObject());
            add_str(b, o, "reason", "unverified_must_haves");
            add_str(b, o, "vendor", vendor_id(res, an->tied[k]));
            rules = add(b, o, "criteria", cJSON_CreateArray());
            for (r = 0; r < res->ev->rule_count; r++) {
                if (vs->rules[r].state == CRM_MUST_HAVE_UNVERIFIED) {
                    add_str(b, rules, NULL, res->ev->rules[r].criterion);
                }
            }
        }
    }
    if (an->preliminary & CRM_PRELIM_SIMULATION) {
        for (k = 0; k < an->tie_count; k++) {
            cJSON *o = add(b, arr, NULL, cJSON_CreateObject());

            add_str(b, o, "reason", "p_first");
            add_str(b, o, "vendor", vendor_id(res, an->tied[k]));
            add_num(b, o, "value", res->simulation->vendors[an->tied[k]].p_first,
                    WEIGHT_DECIMALS);
        }
    }
}

/* "Raising the weight of Security from 10.0% puts Zoho CRM ahead: 0.42
 * points per percentage point; a one-point lead at 12.4%." */
static void tie_sentence(char *buf, size_t n, const struct crm_result *res,
                         const struct crm_tie_break *tb)
{
    const struct crm_criteria_set *set = res->ev->set;
    const struct crm_text *name = tb->group ? &set->groups[tb->index].name
                                            : &set->criteria[tb->index].name;
    int len = 0;

    if (!tb->found) {
        crm__snprintf(buf, n,
                 tb->identical ? "%s has the same normalised values as the others tied with "
                                 "it on every weighted criterion: no weight change separates them."
                               : "No single weight change puts %s alone in first place.",
                 res->vendors[tb->vendor].vendor->name);
        return;
    }
    len = crm__snprintf(buf, n, "%s the weight of %s from %.1f%% puts %s ahead, by %.2f points "
                           "per percentage point",
                   tb->rise ? "Raising" : "Lowering", name->en ? name->en : name->zh,
                   tb->current * 100, res->vendors[tb->vendor].vendor->name,
                   tb->per_point);
    if (len > 0 && (size_t)len < n && !isnan(tb->to)) {
        len += crm__snprintf(buf + len, n - (size_t)len, "; a one-point lead at %.1f%%",
                             tb->to * 100);
    }
    if (len > 0 && (size_t)len < n) {
        crm__snprintf(buf + len, n - (size_t)len,
                 isnan(tb->lead_until) ? "." : "; another vendor overtakes at %.1f%%.",
                 tb->lead_until * 100);
    }
}

/* A tie at the top: who, at what score, and what would separate them. */
static void emit_tie(struct builder *b, cJSON *so, const struct crm_result *res)
{
    const struct crm_analysis *an = res->analysis;
    cJSON *to = NULL, *arr = NULL;
    char sentence[512];
    size_t k;

    if (an->tie_count < 2) {
        add(b, so, "tie", cJSON_CreateNull());
        return;
    }
    to = add(b, so, "tie", cJSON_CreateObject());
    arr = add(b, to, "vendors", cJSON_CreateArray());
    for (k = 0; k < an->tie_count; k++) {
        add_str(b, arr, NULL, vendor_id(res, an->tied[k]));
    }
    add_num(b, to, "score", res->vendors[an->winner].score, SCORE_DECIMALS);
    arr = add(b, to, "separations", cJSON_CreateArray());
    for (k = 0; an->tie_breaks != NULL && k < an->tie_count; k++) {
        const struct crm_tie_break *tb = &an->tie_breaks[k];
        cJSON *o = add(b, arr, NULL, cJSON_CreateObject());

        add_str(b, o, "vendor", vendor_id(res, tb->vendor));
        add_bool(b, o, "identical", tb->identical);
        if (tb->found) {
            add_str(b, o, "item", tb->group ? "group" : "criterion");
            add_str(b, o, "id", tb->group ? res->ev->set->groups[tb->index].id
                                          : res->ev->set->criteria[tb->index].path);
            add_str(b, o, "direction", tb->rise ? "rise" : "fall");
            add_num(b, o, "from", tb->current, WEIGHT_DECIMALS);
            add_num(b, o, "points_per_point", tb->per_point, WEIGHT_DECIMALS);
            add_optional(b, o, "one_point_lead_at", !isnan(tb->to), tb->to, WEIGHT_DECIMALS);
            add_optional(b, o, "lead_until", !isnan(tb->lead_until), tb->lead_until,
                         WEIGHT_DECIMALS);
        } else {
            static const char *const none[] = { "item",     "id", "direction", "from",
                                                "points_per_point", "one_point_lead_at",
                                                "lead_until", NULL };

            add_nulls(b, o, none);
        }
        tie_sentence(sentence, sizeof(sentence), res, tb);
        add_str(b, o, "sentence", sentence);
    }
}

/* Where the winner and the runner-up each gain points, with the net. */
static void emit_lead(struct builder *b, cJSON *so, const struct crm_result *res)
{
    const struct crm_lead *l = &res->analysis->lead;
    cJSON *lo = NULL, *arr = NULL;
    size_t k, side;

    if (!l->present) {
        add(b, so, "lead", cJSON_CreateNull());
        return;
    }
    lo = add(b, so, "lead", cJSON_CreateObject());
    add_str(b, lo, "winner", vendor_id(res, l->a));
    add_str(b, lo, "runner_up", vendor_id(res, l->b));
    for (side = 0; side < 2; side++) {
        const struct crm_lead_item *items = side == 0 ? l->for_a : l->for_b;
        size_t count = side == 0 ? l->count_a : l->count_b;

        arr = add(b, lo, side == 0 ? "winner_gains" : "runner_up_gains", cJSON_CreateArray());
        for (k = 0; k < count; k++) {
            cJSON *o = add(b, arr, NULL, cJSON_CreateObject());

            add_str(b, o, "criterion", res->ev->set->criteria[items[k].criterion].path);
            add_num(b, o, "points", items[k].points, SCORE_DECIMALS);
        }
    }
    add_num(b, lo, "winner_total", l->gain_a, SCORE_DECIMALS);
    add_num(b, lo, "runner_up_total", l->gain_b, SCORE_DECIMALS);
    add_num(b, lo, "net", l->gain_a - l->gain_b, SCORE_DECIMALS);
}

/* Whether NPV tells vendors apart by more than cost, and a better NPV
 * than the recommended vendor's, reconciled. */
static void emit_returns_note(struct builder *b, cJSON *so, const struct crm_result *res)
{
    const struct crm_analysis *an = res->analysis;
    cJSON *o = NULL;

    if (res->finance == NULL) {
        add(b, so, "benefits_identical", cJSON_CreateNull());
        add(b, so, "npv_comparison", cJSON_CreateNull());
        return;
    }
    add_bool(b, so, "benefits_identical", an->benefits_identical);
    if (!an->npv_gap.present) {
        add(b, so, "npv_comparison", cJSON_CreateNull());
        return;
    }
    o = add(b, so, "npv_comparison", cJSON_CreateObject());
    add_str(b, o, "basis", "risk_adjusted");
    add_str(b, o, "better_npv", vendor_id(res, an->npv_gap.better));
    add_money(b, o, "npv_higher_by", an->npv_gap.npv);
    add_money(b, o, "pv_costs_lower_by", an->npv_gap.costs);
    add_money(b, o, "pv_benefits_higher_by", an->npv_gap.benefits);
}

/* The values still to find out, most important first; and how many
 * values not known the simulation did not draw (it did not run). */
static void emit_questions(struct builder *b, cJSON *so, const struct crm_result *res)
{
    static const char *const question_kinds[] = { "missing", "sample", "evidence" };
    const struct crm_analysis *an = res->analysis;
    cJSON *arr = NULL;
    size_t k;

    add(b, so, "unknowns_not_simulated",
        cJSON_CreateNumber(res->simulation == NULL ? (double)an->unknowns_drawn : 0));
    arr = add(b, so, "questions", cJSON_CreateArray());

    for (k = 0; k < an->question_count; k++) {
        const struct crm_question *q = &an->questions[k];
        cJSON *o = add(b, arr, NULL, cJSON_CreateObject());

        add_str(b, o, "vendor", vendor_id(res, q->vendor));
        add_str(b, o, "criterion", res->ev->set->criteria[q->criterion].path);
        add_str(b, o, "kind", question_kinds[q->kind]);
        add_str(b, o, "basis", q->kind == CRM_QUESTION_EVIDENCE ? crm__spread_names[q->basis] : NULL);
        add_num(b, o, "points_at_stake", q->at_stake, SCORE_DECIMALS);
        add_bool(b, o, "must_have", q->must_have);
        add_bool(b, o, "could_change_winner", q->decisive);
        if (q->simulated) {
            cJSON *p = add(b, o, "p_first", cJSON_CreateObject());

            add_num(b, p, "vendor_if_worse", q->p_owner_low, WEIGHT_DECIMALS);
            add_num(b, p, "vendor_if_better", q->p_owner_high, WEIGHT_DECIMALS);
            add_optional(b, p, "recommended_if_worse", !isnan(q->p_leader_low), q->p_leader_low,
                         WEIGHT_DECIMALS);
            add_optional(b, p, "recommended_if_better", !isnan(q->p_leader_high),
                         q->p_leader_high, WEIGHT_DECIMALS);
        } else {
            add(b, o, "p_first", cJSON_CreateNull());
        }
    }
}

/* The discount-rate scenario table: NPV and PVs of every vendor at each
 * rate, null without a finance section. */
static void emit_rate_scenarios(struct builder *b, cJSON *so, const struct crm_result *res)
{
    const struct crm_analysis *an = res->analysis;
    cJSON *ro = NULL, *arr = NULL;
    size_t i, k;

    if (an->scenario_count == 0) {
        add(b, so, "rate_scenarios", cJSON_CreateNull());
        return;
    }
    ro = add(b, so, "rate_scenarios", cJSON_CreateObject());
    arr = add(b, ro, "rates", cJSON_CreateArray());
    for (k = 0; k < an->scenario_count; k++) {
        add_num(b, arr, NULL, an->scenario_rates[k], RATE_DECIMALS);
    }
    arr = add(b, ro, "vendors", cJSON_CreateArray());
    for (i = 0; i < res->vendor_count; i++) {
        static const char *const keys[] = { "npv", "npv_risk_adjusted", "pv_costs",
                                            "pv_benefits" };
        size_t v = res->order[i], j;
        cJSON *vo = add(b, arr, NULL, cJSON_CreateObject());

        add_str(b, vo, "vendor", vendor_id(res, v));
        for (j = 0; j < 4; j++) {
            cJSON *list = add(b, vo, keys[j], cJSON_CreateArray());

            for (k = 0; k < an->scenario_count; k++) {
                const struct crm_rate_scenario *sc = &an->scenarios[v * an->scenario_count + k];
                double x = j == 0 ? sc->npv : j == 1 ? sc->npv_adjusted
                                      : j == 2 ? sc->pv_costs : sc->pv_benefits;

                add_money(b, list, NULL, x);
            }
        }
    }
}

static void emit_sensitivity(struct builder *b, cJSON *root,
                             const struct crm_result *res)
{
    static const char *const inputs[] = { "cost", "benefits", "seats",
                                          "discount_rate" };
    const struct crm_analysis *an = res->analysis;
    const struct crm_criteria_set *set = res->ev->set;
    cJSON *so = add(b, root, "sensitivity", cJSON_CreateObject());
    cJSON *arr = NULL;
    size_t i, k;
    char sentence[512];

    add_str(b, so, "verdict", verdict_names[an->verdict]);
    add_str(b, so, "robustness", verdict_names[an->robustness]);
    add_str(b, so, "verdict_rule", an->verdict_rule);
    emit_preliminary(b, so, res);
    add_str(b, so, "recommended", an->tie_count > 1 ? NULL : vendor_id(res, an->winner));
    arr = add(b, so, "recommended_provided", cJSON_CreateArray());
    for (k = 0; an->winner != CRM_NONE && an->tie_count < 2 && k < res->ev->rule_count; k++) {
        if (res->vendors[an->winner].rules[k].state == CRM_MUST_HAVE_UNVERIFIED) {
            add_str(b, arr, NULL, res->ev->rules[k].criterion);
        }
    }
    add_str(b, so, "runner_up", an->tie_count > 1 ? NULL : vendor_id(res, an->runner_up));
    emit_tie(b, so, res);
    emit_lead(b, so, res);
    if (an->has_smallest) {
        cJSON *sc = add(b, so, "smallest_change", cJSON_CreateObject());

        add_str(b, sc, "item", an->smallest_is_group ? "group" : "criterion");
        add_str(b, sc, "id", an->smallest_is_group
                                 ? set->groups[an->smallest_index].id
                                 : set->criteria[an->smallest_index].path);
        add_num(b, sc, "from",
                an->smallest_is_group ? an->groups[an->smallest_index].current
                                      : an->criteria[an->smallest_index].current,
                WEIGHT_DECIMALS);
        add_num(b, sc, "to", an->smallest_to, WEIGHT_DECIMALS);
        add_str(b, sc, "vendor", vendor_id(res, an->smallest_vendor));
        smallest_sentence(sentence, sizeof(sentence), res, an);
        add_str(b, sc, "sentence", sentence);
    } else {
        add(b, so, "smallest_change", cJSON_CreateNull());
    }
    if (an->weights_available && an->tie_count < 2) {
        cJSON *wo = add(b, so, "weights", cJSON_CreateObject());

        arr = add(b, wo, "criteria", cJSON_CreateArray());
        for (i = 0; i < set->criterion_count; i++) {
            if (res->weights.effective[i] > 0) {
                emit_stability(b, arr, set->criteria[i].path, res, &an->criteria[i]);
            }
        }
        arr = add(b, wo, "groups", cJSON_CreateArray());
        for (i = 0; i < set->group_count; i++) {
            if (res->weights.group_share[i] > 0) {
                emit_stability(b, arr, set->groups[i].id, res, &an->groups[i]);
            }
        }
    } else {
        add(b, so, "weights", cJSON_CreateNull());
    }
    if (an->loo_done) {
        arr = add(b, so, "leave_one_out", cJSON_CreateArray());
        for (i = 0; i < res->vendor_count; i++) {
            size_t v = res->order[i];
            cJSON *lo = add(b, arr, NULL, cJSON_CreateObject());

            add_str(b, lo, "removed", vendor_id(res, v));
            add_str(b, lo, "winner", vendor_id(res, an->loo_winner[v]));
            add_bool(b, lo, "order_changed", an->loo_reversal[v]);
        }
    } else {
        add(b, so, "leave_one_out", cJSON_CreateNull());
    }
    {
        cJSON *to = add(b, so, "topsis", cJSON_CreateObject());

        add_str(b, to, "ideal", an->topsis_data_ideal ? "data" : "scale");
        add_num(b, to, "kendall_tau", an->kendall_tau, WEIGHT_DECIMALS);
        add_bool(b, to, "winner_differs", an->methods_disagree);
        arr = add(b, to, "vendors", cJSON_CreateArray());
        for (i = 0; i < res->vendor_count; i++) {
            size_t v = res->order[i];
            cJSON *vo = add(b, arr, NULL, cJSON_CreateObject());

            add_str(b, vo, "id", vendor_id(res, v));
            add_optional(b, vo, "closeness", !isnan(an->topsis[v]), an->topsis[v],
                         WEIGHT_DECIMALS);
            if (an->topsis_rank[v] > 0) {
                add(b, vo, "rank", cJSON_CreateNumber(an->topsis_rank[v]));
            } else {
                add(b, vo, "rank", cJSON_CreateNull());
            }
        }
    }
    add_str(b, so, "value_for_money_basis", value_basis_names[an->value_basis]);
    arr = add(b, so, "value_for_money", cJSON_CreateArray());
    for (i = 0; i < res->vendor_count; i++) {
        size_t v = res->order[i];
        cJSON *vo = add(b, arr, NULL, cJSON_CreateObject());

        add_str(b, vo, "id", vendor_id(res, v));
        add_num(b, vo, "score", res->vendors[v].score, SCORE_DECIMALS);
        add_optional(b, vo, "cost", !isnan(an->value_cost[v]), an->value_cost[v],
                     MONEY_DECIMALS);
        add_bool(b, vo, "efficient", an->efficient[v]);
    }
    if (an->tornado != NULL) {
        arr = add(b, so, "tornado", cJSON_CreateArray());
        add_num(b, so, "tornado_range", an->tornado_range, RATE_DECIMALS);
        for (i = 0; i < res->vendor_count; i++) {
            size_t v = res->order[i];
            const struct crm_vendor_tornado *tv = &an->tornado[v];
            cJSON *vo = add(b, arr, NULL, cJSON_CreateObject());
            cJSON *bars = NULL;

            add_str(b, vo, "vendor", vendor_id(res, v));
            add_money(b, vo, "npv", tv->npv);
            add_optional(b, vo, "price_break_even", tv->has_price_break_even,
                         tv->price_break_even, MONEY_DECIMALS);
            bars = add(b, vo, "bars", cJSON_CreateArray());
            for (k = 0; k < tv->bar_count; k++) {
                const struct crm_tornado_bar *bar = &tv->bars[k];
                cJSON *bo = add(b, bars, NULL, cJSON_CreateObject());

                add_str(b, bo, "input", inputs[bar->input]);
                add_str(b, bo, "category",
                        bar->input == CRM_TORNADO_COST
                            ? crm__cost_category_names[bar->category]
                            : NULL);
                add_num(b, bo, "low", bar->low, RATE_DECIMALS);
                add_num(b, bo, "high", bar->high, RATE_DECIMALS);
                add_money(b, bo, "npv_low", bar->npv_low);
                add_money(b, bo, "npv_high", bar->npv_high);
                add_optional(b, bo, "break_even", bar->has_break_even,
                             bar->break_even, RATE_DECIMALS);
            }
        }
    } else {
        add(b, so, "tornado", cJSON_CreateNull());
        add(b, so, "tornado_range", cJSON_CreateNull());
    }
    emit_rate_scenarios(b, so, res);
    emit_returns_note(b, so, res);
    emit_questions(b, so, res);
}

static void emit_stats(struct builder *b, cJSON *o, const char *key,
                       const struct crm_sim_stats *s, int decimals)
{
    cJSON *so = add(b, o, key, cJSON_CreateObject());

    add_num(b, so, "mean", s->mean, decimals);
    add_num(b, so, "sd", s->sd, decimals);
    add_num(b, so, "p5", s->p5, decimals);
    add_num(b, so, "p10", s->p10, decimals);
    add_num(b, so, "p50", s->p50, decimals);
    add_num(b, so, "p90", s->p90, decimals);
    add_num(b, so, "p95", s->p95, decimals);
}

/* A distribution as [kind, parameters]: the names and numbers the
 * evaluation gave. */
static void emit_dist(struct builder *b, cJSON *o, const struct crm_dist *d)
{
    static const char *const kinds[] = { "point", "triangular", "pert", "uniform",
                                         "normal", "discrete" };
    cJSON *params = NULL;
    size_t k;

    add_str(b, o, "distribution", kinds[d->kind]);
    params = add(b, o, "parameters", cJSON_CreateArray());
    if (d->kind == CRM_DIST_DISCRETE) {
        for (k = 0; k < d->count; k++) {
            cJSON *pair = add(b, params, NULL, cJSON_CreateArray());

            add_num(b, pair, NULL, d->values[k], WEIGHT_DECIMALS);
            add_num(b, pair, NULL, d->probs[k], WEIGHT_DECIMALS);
        }
    } else {
        size_t np = d->kind == CRM_DIST_TRIANGULAR || d->kind == CRM_DIST_PERT ? 3 : 2;
        const double vals[3] = { d->a, d->b, d->c };

        for (k = 0; k < np; k++) {
            add_num(b, params, NULL, vals[k], WEIGHT_DECIMALS);
        }
    }
}

/* What the simulation drew for what is not known, and with what spreads. */
static void emit_data_uncertainty(struct builder *b, cJSON *so, const struct crm_result *res)
{
    const struct crm_simulation *sim = res->simulation;
    const struct crm_uncertainty_settings *u = &res->ev->uncertainty;
    cJSON *du = add(b, so, "data_uncertainty", cJSON_CreateObject());
    cJSON *o = NULL, *arr = NULL;
    size_t k;

    add_bool(b, du, "missing_drawn", u->draw_missing);
    add(b, du, "missing", cJSON_CreateNumber((double)sim->unknowns.missing));
    o = add(b, du, "varied", cJSON_CreateObject());
    for (k = 0; k < CRM_SPREAD_COUNT; k++) {
        add(b, o, crm__spread_names[k], cJSON_CreateNumber((double)sim->unknowns.spread[k]));
    }
    o = add(b, du, "spreads", cJSON_CreateObject());
    for (k = 0; k < CRM_SPREAD_COUNT; k++) {
        add_num(b, o, crm__spread_names[k], u->spread[k], WEIGHT_DECIMALS);
    }
    arr = add(b, du, "priors", cJSON_CreateArray());
    for (k = 0; k < u->prior_count; k++) {
        cJSON *p = add(b, arr, NULL, cJSON_CreateObject());

        add_str(b, p, "for", u->priors[k].target);
        emit_dist(b, p, u->priors[k].dist);
    }
}

static void emit_simulation(struct builder *b, cJSON *root,
                            const struct crm_result *res)
{
    static const char *const targets[] = { "vendor_value", "cost", "benefit",
                                           "weight", "seats" };
    const struct crm_simulation *sim = res->simulation;
    cJSON *so = NULL, *arr = NULL, *conv = NULL;
    size_t i, r, k;

    if (sim == NULL) {
        add(b, root, "simulation", cJSON_CreateNull());
        return;
    }
    so = add(b, root, "simulation", cJSON_CreateObject());
    add(b, so, "trials", cJSON_CreateNumber((double)sim->trials));
    add_bool(b, so, "trials_reduced", sim->trials_reduced);
    add_str(b, so, "method", sim->lhs ? "latin_hypercube" : "monte_carlo");
    add(b, so, "seed", cJSON_CreateNumber((double)sim->seed));
    emit_data_uncertainty(b, so, res);
    arr = add(b, so, "inputs", cJSON_CreateArray());
    for (i = 0; i < sim->input_count; i++) {
        const struct crm_sim_input *in = &sim->inputs[i];
        cJSON *io = add(b, arr, NULL, cJSON_CreateObject());

        add_str(b, io, "input", in->label);
        add_str(b, io, "drives", targets[in->target]);
        emit_dist(b, io, in->dist);
        add_num(b, io, "mean", crm__dist_mean(in->dist), WEIGHT_DECIMALS);
    }
    conv = add(b, so, "convergence", cJSON_CreateObject());
    add_str(b, conv, "leader", vendor_id(res, sim->leader));
    add_num(b, conv, "se_p_first", sim->se_p_first, WEIGHT_DECIMALS);
    add_num(b, conv, "se_npv_mean", sim->se_npv_mean, MONEY_DECIMALS);
    arr = add(b, so, "vendors", cJSON_CreateArray());
    for (i = 0; i < res->vendor_count; i++) {
        size_t v = res->order[i];
        const struct crm_sim_vendor *sv = &sim->vendors[v];
        cJSON *vo = add(b, arr, NULL, cJSON_CreateObject());
        cJSON *ranks = NULL;

        add_str(b, vo, "id", vendor_id(res, v));
        add_num(b, vo, "p_first", sv->p_first, WEIGHT_DECIMALS);
        add_num(b, vo, "p_first_tied", sv->p_first_tied, WEIGHT_DECIMALS);
        ranks = add(b, vo, "rank_distribution", cJSON_CreateArray());
        for (r = 0; r < res->vendor_count; r++) {
            add_num(b, ranks, NULL, sv->rank_share[r], WEIGHT_DECIMALS);
        }
        emit_stats(b, vo, "score", &sv->score, SCORE_DECIMALS);
        if (sv->has_finance) {
            cJSON *h = NULL, *hist = NULL, *curve = NULL;

            emit_stats(b, vo, "npv", &sv->npv, MONEY_DECIMALS);
            emit_stats(b, vo, "tco", &sv->tco, MONEY_DECIMALS);
            add_num(b, vo, "p_npv_positive", sv->p_npv_positive, WEIGHT_DECIMALS);
            h = add(b, vo, "npv_histogram", cJSON_CreateObject());
            add_money(b, h, "from", sv->hist_lo);
            add_money(b, h, "to", sv->hist_hi);
            hist = add(b, h, "counts", cJSON_CreateArray());
            for (k = 0; k < CRM_SIM_HIST_BINS; k++) {
                add(b, hist, NULL, cJSON_CreateNumber(sv->hist[k]));
            }
            curve = add(b, vo, "npv_s_curve", cJSON_CreateArray());
            for (k = 0; k < CRM_SIM_CURVE_POINTS; k++) {
                add_money(b, curve, NULL, sv->curve[k]);
            }
        } else {
            static const char *const none[] = { "npv", "tco", "p_npv_positive",
                                                "npv_histogram", "npv_s_curve", NULL };

            add_nulls(b, vo, none);
        }
    }
}

static const char *const aggregate_names[] = { "weighted_mean", "median" };

/* One role's ranking, best first. */
static void emit_role(struct builder *b, cJSON *list, const struct crm_result *res,
                      const struct crm_role_view *view)
{
    cJSON *o = add(b, list, NULL, cJSON_CreateObject());
    cJSON *ranking = NULL;
    const struct crm_result *sub = view->sub;
    size_t i;

    add_str(b, o, "role", crm_roles[view->role]);
    add(b, o, "evaluators", cJSON_CreateNumber((double)view->evaluators));
    add(b, o, "cells_scored", cJSON_CreateNumber((double)view->cells));
    add_str(b, o, "weights", view->own_weights > 0 ? "own" : "evaluation");
    add(b, o, "own_weight_sets", cJSON_CreateNumber((double)view->own_weights));
    add_str(b, o, "winner", sub->vendors[sub->order[0]].vendor->id);
    /* the overall winner is (joint) first for this role too */
    add_bool(b, o, "same_winner", sub->vendors[res->order[0]].rank == 1);
    add_num(b, o, "kendall_tau", view->tau, WEIGHT_DECIMALS);
    ranking = add(b, o, "ranking", cJSON_CreateArray());
    for (i = 0; i < sub->vendor_count; i++) {
        const struct crm_vendor_score *vs = &sub->vendors[sub->order[i]];
        cJSON *r = add(b, ranking, NULL, cJSON_CreateObject());

        add_str(b, r, "vendor", vs->vendor->id);
        add(b, r, "rank", cJSON_CreateNumber(vs->rank));
        add(b, r, "overall_rank", cJSON_CreateNumber(res->vendors[sub->order[i]].rank));
        add_num(b, r, "score", vs->score, SCORE_DECIMALS);
    }
}

static void emit_cell(struct builder *b, cJSON *o, const struct crm_result *res, size_t i)
{
    const struct crm_evaluation *ev = res->ev;
    const struct crm_panel *panel = ev->panel;
    const struct crm_panel_cell *cell = &panel->cells[i];
    const struct crm_criterion *crit = &ev->set->criteria[cell->criterion];

    add_str(b, o, "vendor", ev->vendors[cell->vendor]->id);
    add_str(b, o, "criterion", crit->path);
    add(b, o, "count", cJSON_CreateNumber((double)cell->count));
    add_num(b, o, "min", cell->min, WEIGHT_DECIMALS);
    add_num(b, o, "max", cell->max, WEIGHT_DECIMALS);
    add_num(b, o, "sd", cell->sd, WEIGHT_DECIMALS);
    add_num(b, o, "consensus", cell->consensus, WEIGHT_DECIMALS);
    add_num(b, o, "points_at_stake", res->at_stake[i], WEIGHT_DECIMALS);
}

static void emit_panel(struct builder *b, cJSON *root, const struct crm_result *res)
{
    const struct crm_evaluation *ev = res->ev;
    const struct crm_panel *panel = ev->panel;
    cJSON *po = NULL, *o = NULL, *list = NULL;
    size_t i, k;

    if (panel == NULL) {
        add(b, root, "panel", cJSON_CreateNull());
        return;
    }
    po = add(b, root, "panel", cJSON_CreateObject());
    add_str(b, po, "source", panel->source);
    add_str(b, po, "aggregate", aggregate_names[ev->panel_settings.aggregate]);
    add_str(b, po, "consensus_measure",
            "Tastle and Wierman (2007): 1 + sum_i p_i log2(1 - |x_i - mean| / width), "
            "p_i the role-weight shares; 1 all agree, 0 split between the two ends");
    o = add(b, po, "role_weights", cJSON_CreateObject());
    for (k = 0; k < CRM_ROLE_COUNT; k++) {
        add_num(b, o, crm_roles[k], ev->panel_settings.role_weight[k], WEIGHT_DECIMALS);
    }
    add(b, po, "skipped_scores", cJSON_CreateNumber((double)panel->skipped));
    list = add(b, po, "evaluators", cJSON_CreateArray());
    for (i = 0; i < panel->evaluator_count; i++) {
        const struct crm_panel_evaluator *e = &panel->evaluators[i];

        o = add(b, list, NULL, cJSON_CreateObject());
        add_str(b, o, "name", e->name);
        add_str(b, o, "role", crm_roles[e->role]);
        add_num(b, o, "weight", ev->panel_settings.role_weight[e->role], WEIGHT_DECIMALS);
        add(b, o, "scores", cJSON_CreateNumber((double)e->score_count));
        add_str(b, o, "weight_set", NULL);
        for (k = 0; k < ev->panel_settings.weight_set_count; k++) {
            if (strcmp(ev->panel_settings.weight_sets[k].evaluator, e->name) == 0) {
                cJSON_DeleteItemFromObjectCaseSensitive(o, "weight_set");
                add_str(b, o, "weight_set", ev->panel_settings.weight_sets[k].profile);
            }
        }
    }
    list = add(b, po, "disagreements", cJSON_CreateArray());
    for (i = 0; i < res->disagreement_count; i++) {
        emit_cell(b, add(b, list, NULL, cJSON_CreateObject()), res, res->disagreements[i]);
    }
    list = add(b, po, "roles", cJSON_CreateArray());
    for (i = 0; i < res->role_count; i++) {
        emit_role(b, list, res, &res->roles[i]);
    }
    list = add(b, po, "cells", cJSON_CreateArray());
    for (i = 0; i < panel->cell_count; i++) {
        const struct crm_panel_cell *cell = &panel->cells[i];
        const struct crm_criterion *crit = &ev->set->criteria[cell->criterion];
        cJSON *scores = NULL;

        o = add(b, list, NULL, cJSON_CreateObject());
        emit_cell(b, o, res, i);
        add_value(b, o, crit, &cell->value);
        add_bool(b, o, "applied", cell->applied);
        add_num(b, o, "width", cell->width, WEIGHT_DECIMALS);
        scores = add(b, o, "scores", cJSON_CreateArray());
        for (k = 0; k < cell->count; k++) {
            const struct crm_panel_entry *e = &cell->entries[k];
            struct crm_value one;
            cJSON *so = add(b, scores, NULL, cJSON_CreateObject());

            memset(&one, 0, sizeof(one));
            one.present = true;
            one.number = e->number;
            one.option = e->option;
            add_str(b, so, "evaluator", panel->evaluators[e->evaluator].name);
            add_str(b, so, "role", crm_roles[panel->evaluators[e->evaluator].role]);
            add_value(b, so, crit, &one);
            add_str(b, so, "comment", e->comment);
        }
    }
}

static cJSON *build(const struct crm_result *res, struct builder *b)
{
    const struct crm_evaluation *ev = res->ev;
    cJSON *root = cJSON_CreateObject();
    cJSON *tool = NULL, *ranking = NULL, *vendors = NULL;
    size_t i;

    if (root == NULL) {
        b->failed = true;
        return NULL;
    }
    add(b, root, "schema_version", cJSON_CreateNumber(CRM_REPORT_SCHEMA_VERSION));
    tool = add(b, root, "tool", cJSON_CreateObject());
    add_str(b, tool, "name", "crmeval");
    add_str(b, tool, "version", CRMEVAL_VERSION);
    emit_inputs(b, root, ev);
    emit_settings(b, root, ev);
    emit_method(b, root, res);
    emit_weights(b, root, res);
    emit_rules(b, root, ev);
    emit_finance_conventions(b, root, res);
    emit_sensitivity(b, root, res);
    emit_simulation(b, root, res);
    emit_panel(b, root, res);
    ranking = add(b, root, "ranking", cJSON_CreateArray());
    for (i = 0; i < res->vendor_count; i++) {
        add_str(b, ranking, NULL, res->vendors[res->order[i]].vendor->id);
    }
    vendors = add(b, root, "vendors", cJSON_CreateArray());
    for (i = 0; i < res->vendor_count; i++) {
        emit_vendor(b, vendors, res, &res->vendors[res->order[i]]);
    }
    return root;
}

crm_status crm_report_json_render(char **out, const crm_result *result,
                                  crm_diags *diags)
{
    struct builder b = { false, NULL };
    cJSON *root = build(result, &b);
    char *text = NULL;

    *out = NULL;
    if (root != NULL && !b.failed) {
        /* Start near the final size: about 300 bytes per vendor-criterion
         * cell, so the buffer rarely has to double and copy. */
        size_t cells = result->vendor_count * (result->ev->set->criterion_count + 8);
        int guess = cells < (size_t)4 << 20 ? (int)(cells * 300 + 65536) : 1 << 30;

        text = cJSON_PrintBuffered(root, guess, 1);
    }
    cJSON_Delete(root);
    if (b.nonfinite != NULL) {
        crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0,
                      "internal error: '%s' is not a finite number; no "
                      "report written",
                      b.nonfinite);
        return CRM_EIO;
    }
    if (text == NULL) {
        return CRM_ENOMEM;
    }
    *out = text;
    return CRM_OK;
}

crm_status crm_report_json_add(crm_outputs *out, const crm_result *result, const char *path,
                               crm_diags *diags)
{
    char *text = NULL;
    crm_status st = crm_report_json_render(&text, result, diags);
    size_t len = 0;

    if (st != CRM_OK) {
        return st;
    }
    len = strlen(text);
    st = crm__outputs_add(out, path, "the JSON report", text, len, "\n", diags);
    cJSON_free(text);
    return st;
}

/* cJSON allocates with malloc (no hooks are installed), the PDF and
 * workbook renderers too: one free for all of them. */
void crm_report_free(void *data)
{
    free(data);
}
