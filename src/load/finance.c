/*
 * Cost and benefit lines, and an evaluation's `finance:` section
 * (docs/finance.md). Also builds each vendor's cost plan: the lines from
 * its pricing, its profile and the evaluation, later ones replacing earlier
 * ones with the same id, with every percentage reference checked.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crmeval/finance.h"
#include "load/load.h"
#include "util/arena.h"
#include "util/strutil.h"

static const char *const cost_keys[] = {
    "id", "category", "basis", "amount", "currency", "percent", "of", "year",
    "from", "to", "escalation", "tiers", "note", "billing", "expense", "risk",
    NULL
};
static const char *const benefit_keys[] = {
    "id", "kind", "baseline_revenue", "uplift", "margin", "amount",
    "hours_per_user_year", "loaded_rate", "customers", "churn_reduction",
    "value_per_customer", "ramp", "year", "from", "to", "escalation", "note",
    "risk", NULL
};
static const char *const finance_keys[] = {
    "timing", "price_escalation", "risk", "budget_knockout", "flow_dates",
    "sensitivity_range", "pricing_billing", "capex", "rate_scenarios",
    "costs", "vendor_costs", "benefits", "benefit_factors", NULL
};
static const char *const basis_names[] = { "fixed", "per_seat",
                                           "per_added_seat", "percent", NULL };
static const char *const benefit_kinds[] = { "revenue", "cost_saving",
                                             "productivity", "churn", NULL };
static const char *const timings[] = { "end_of_year", "mid_year", NULL };
static const char *const expense_names[] = { "default", "capex", "opex", NULL };

/* The categories capitalised when the evaluation does not say: the one-off
 * work of putting the system in (docs/finance.md, "Capex and opex"). */
static const enum crm_cost_category default_capex[] = {
    CRM_COST_IMPLEMENTATION, CRM_COST_DATA_MIGRATION, CRM_COST_INTEGRATION,
    CRM_COST_CUSTOMISATION
};

/* `billing:` of a cost line or `pricing_billing:` (not "default"). */
static void read_billing(struct crm_reader *r, const struct crm_ynode *node,
                         enum crm_billing *out)
{
    int k = crm__rd_enum(r, node, "billing", crm__billing_names + 1);

    if (k >= 0) {
        *out = (enum crm_billing)(k + 1);
    }
}

static bool read_fraction(struct crm_reader *r, const struct crm_ynode *node,
                          const char *what, double lo, double hi, double *out);

/*
 * A line's own risk adjustment: `risk: 0.2`, or `risk: {adjustment: 0.2,
 * rationale: "why"}` (the rationale in English, Chinese or both). Costs
 * may be raised up to 500%, benefits lowered up to 100%.
 */
static void read_line_risk(struct crm_reader *r, const struct crm_ynode *node,
                           double hi, struct crm_line_risk *out)
{
    static const char *const keys[] = { "adjustment", "rationale", NULL };
    const struct crm_ynode *v = node;

    out->mark = crm__rd_mark(r, node);
    if (node->type == CRM_YMAP) {
        crm__rd_check_keys(r, node, keys, "a risk adjustment");
        v = crm__rd_require(r, node, "adjustment", "a risk adjustment");
        if (v == NULL) {
            return;
        }
        if (crm__rd_get(node, "rationale") != NULL &&
            !crm__rd_text(r, crm__rd_get(node, "rationale"), "'rationale'", false,
                          &out->rationale)) {
            return;
        }
    }
    out->present = read_fraction(r, v, "a line's risk adjustment", 0, hi, &out->share);
}

/* A year: a whole number 0..horizon limit, or "horizon" when allowed. */
static bool read_year(struct crm_reader *r, const struct crm_ynode *node,
                      const char *what, bool allow_horizon, int *out)
{
    double y = 0;

    if (allow_horizon && node->type == CRM_YSCALAR &&
        strcmp(node->text, "horizon") == 0) {
        *out = CRM_YEAR_HORIZON;
        return true;
    }
    if (!crm__rd_number(r, node, what, &y)) {
        return false;
    }
    if (y < 0 || y > 30 || y != floor(y)) {
        crm__rd_error(r, node, "%s must be a whole year from 0 to 30%s (got %s)",
                      what, allow_horizon ? " or 'horizon'" : "", node->text);
        return false;
    }
    *out = (int)y;
    return true;
}

/* Shared by costs and benefits: `year: N` or `from: a` / `to: b`. */
static bool read_span(struct crm_reader *r, const struct crm_ynode *node,
                      int default_first, int *first, int *last)
{
    const struct crm_ynode *year = crm__rd_get(node, "year");
    const struct crm_ynode *from = crm__rd_get(node, "from");
    const struct crm_ynode *to = crm__rd_get(node, "to");

    if (year != NULL && (from != NULL || to != NULL)) {
        crm__rd_error(r, year, "give either 'year' (one-off) or 'from'/'to' "
                               "(recurring), not both");
        return false;
    }
    if (year != NULL) {
        if (!read_year(r, year, "'year'", false, first)) {
            return false;
        }
        *last = *first;
        return true;
    }
    *first = default_first;
    *last = from != NULL || to != NULL ? CRM_YEAR_HORIZON : default_first;
    if (from != NULL && !read_year(r, from, "'from'", false, first)) {
        return false;
    }
    if (to != NULL && !read_year(r, to, "'to'", true, last)) {
        return false;
    }
    if (*last != CRM_YEAR_HORIZON && *last < *first) {
        crm__rd_error(r, to, "'to' (%d) is before 'from' (%d)", *last, *first);
        return false;
    }
    return true;
}

/* Per-seat price tiers: each an amount and an 'up_to' seat count, whole
 * and increasing, with only the last tier open-ended (it takes every
 * remaining seat). Stops at the first bad tier; false then. */
static bool read_tiers(struct crm_reader *r, const struct crm_ynode *node,
                       struct crm_cost_line *line)
{
    static const char *const tier_keys[] = { "up_to", "amount", NULL };
    size_t i;

    if (!crm__rd_is_seq(r, node, "'tiers'") || node->count == 0) {
        if (node->type == CRM_YSEQ) {
            crm__rd_error(r, node, "'tiers' is empty");
        }
        return false;
    }
    line->tiers = crm__arena_array(r->arena, node->count, sizeof(*line->tiers));
    for (i = 0; i < node->count; i++) {
        const struct crm_ynode *t = node->items[i];
        struct crm_tier *tier = &line->tiers[i];
        const struct crm_ynode *v = NULL;

        if (!crm__rd_is_map(r, t, "a tier")) {
            return false;
        }
        crm__rd_check_keys(r, t, tier_keys, "a tier");
        v = crm__rd_require(r, t, "amount", "a tier");
        if (v == NULL || !crm__rd_nonneg(r, v, "a tier's 'amount'", &tier->amount)) {
            return false;
        }
        v = crm__rd_get(t, "up_to");
        if (v != NULL && i + 1 == node->count) {
            crm__rd_error(r, v, "the last tier takes every remaining seat: "
                                "leave out its 'up_to'");
            return false;
        }
        if (v != NULL) {
            tier->has_up_to = crm__rd_nonneg(r, v, "'up_to'", &tier->up_to);
            if (tier->has_up_to && tier->up_to != floor(tier->up_to)) {
                crm__rd_error(r, v, "'up_to' is a whole number of seats (got %s)",
                              v->text);
                return false;
            }
            if (i > 0 && tier->has_up_to && line->tiers[i - 1].has_up_to &&
                tier->up_to <= line->tiers[i - 1].up_to) {
                crm__rd_error(r, v, "tiers' 'up_to' must increase");
                return false;
            }
        } else if (i + 1 < node->count) {
            crm__rd_error(r, t, "only the last tier may leave out 'up_to'");
            return false;
        }
    }
    line->tier_count = node->count;
    return true;
}

/* One cost line: id, category, basis (percent when 'percent' is given,
 * else fixed, unless 'basis' says), then its amount, tiers or percentage
 * and the optional keys. A percentage line with no years follows its base
 * in every year. False when anything in the line was reported. */
static bool read_cost_line(struct crm_reader *r, const struct crm_ynode *node,
                           const char *origin, struct crm_cost_line *line)
{
    const struct crm_ynode *v = NULL;
    int k = 0;
    size_t errors = r->errors;

    line->origin = origin;
    line->mark = crm__rd_mark(r, node);
    line->rate = 1;
    if (!crm__rd_is_map(r, node, "a cost line")) {
        return false;
    }
    crm__rd_check_keys(r, node, cost_keys, "a cost line");
    v = crm__rd_require(r, node, "id", "a cost line");
    if (v == NULL || !crm__rd_id(r, v, "cost line id", &line->id)) {
        return false;
    }
    v = crm__rd_require(r, node, "category", "a cost line");
    if (v != NULL &&
        (k = crm__rd_enum(r, v, "cost category", crm__cost_category_names)) >= 0) {
        line->category = (enum crm_cost_category)k;
    }
    line->basis = crm__rd_get(node, "percent") ? CRM_BASIS_PERCENT
                                               : CRM_BASIS_FIXED;
    v = crm__rd_get(node, "basis");
    if (v != NULL && (k = crm__rd_enum(r, v, "cost basis", basis_names)) >= 0) {
        line->basis = (enum crm_cost_basis)k;
    }
    if (line->basis == CRM_BASIS_PERCENT) {
        v = crm__rd_require(r, node, "percent", "a percentage cost line");
        if (v != NULL) {
            crm__rd_nonneg(r, v, "'percent'", &line->percent);
        }
        v = crm__rd_require(r, node, "of", "a percentage cost line");
        if (v != NULL &&
            crm__rd_string_list(r, v, "'of'", &line->of, &line->of_count) &&
            line->of_count == 0) {
            crm__rd_error(r, v, "'of' is empty; name the lines or categories "
                                "the percentage applies to");
        }
        if (crm__rd_get(node, "amount") != NULL) {
            crm__rd_error(r, crm__rd_get(node, "amount"),
                          "a percentage line takes 'percent' and 'of', not "
                          "'amount'");
        }
    } else {
        v = crm__rd_get(node, "tiers");
        if (v != NULL) {
            if (line->basis != CRM_BASIS_PER_SEAT) {
                crm__rd_error(r, v, "'tiers' go with basis 'per_seat'");
            } else {
                read_tiers(r, v, line);
            }
        } else {
            v = crm__rd_require(r, node, "amount", "a cost line");
            if (v != NULL) {
                crm__rd_uncertain(r, v, "'amount'", 0, CRM_NUMBER_LIMIT,
                                  &line->amount, &line->amount_dist);
            }
        }
    }
    v = crm__rd_get(node, "currency");
    if (v != NULL) {
        crm__rd_currency(r, v, "'currency'", &line->currency);
    }
    v = crm__rd_get(node, "escalation");
    if (v != NULL && crm__rd_number(r, v, "'escalation'", &line->escalation) &&
        (line->escalation <= -1 || line->escalation > 1)) {
        crm__rd_error(r, v, "'escalation' is a yearly fraction above -1 and at "
                            "most 1 (got %s)",
                      v->text);
    }
    v = crm__rd_get(node, "note");
    if (v != NULL) {
        crm__rd_string(r, v, "'note'", &line->note);
    }
    v = crm__rd_get(node, "billing");
    if (v != NULL) {
        read_billing(r, v, &line->billing);
    }
    v = crm__rd_get(node, "expense");
    if (v != NULL && (k = crm__rd_enum(r, v, "expense", expense_names + 1)) >= 0) {
        line->expense = (enum crm_expense)(k + 1);
    }
    v = crm__rd_get(node, "risk");
    if (v != NULL) {
        read_line_risk(r, v, 5, &line->risk);
    }
    read_span(r, node, 0, &line->first_year, &line->last_year);
    if (line->basis == CRM_BASIS_PERCENT && crm__rd_get(node, "year") == NULL &&
        crm__rd_get(node, "from") == NULL && crm__rd_get(node, "to") == NULL) {
        /* A percentage follows what it is a percentage of, in every year. */
        line->first_year = 0;
        line->last_year = CRM_YEAR_HORIZON;
    }
    return r->errors == errors;
}

/* A sequence of cost lines into arena memory (*out, *count). A line with
 * errors is left out; a duplicate id is reported but the line is kept.
 * False when any problem was reported. */
bool crm__cost_lines_read(struct crm_reader *r, const struct crm_ynode *node,
                          const char *origin, struct crm_cost_line **out,
                          size_t *count)
{
    struct crm_cost_line *lines = NULL;
    size_t i, j, n = 0;
    bool ok = true;

    *out = NULL;
    *count = 0;
    if (!crm__rd_is_seq(r, node, "cost lines")) {
        return false;
    }
    lines = crm__arena_array(r->arena, node->count + 1, sizeof(*lines));
    for (i = 0; i < node->count; i++) {
        if (!read_cost_line(r, node->items[i], origin, &lines[n])) {
            ok = false;
            continue;
        }
        for (j = 0; j < n; j++) {
            if (strcmp(lines[j].id, lines[n].id) == 0) {
                crm__mark_error(r->diags, &lines[n].mark,
                                "duplicate cost line id '%s' (first given at "
                                "line %u)",
                                lines[n].id, lines[j].mark.line);
                r->errors++;
                ok = false;
            }
        }
        n++;
    }
    *out = lines;
    *count = n;
    return ok;
}

/* A number in [@p lo, @p hi] (limits that make sense for the setting, say
 * an escalation above -100%). False, with the error reported, otherwise. */
static bool read_fraction(struct crm_reader *r, const struct crm_ynode *node,
                          const char *what, double lo, double hi, double *out)
{
    if (!crm__rd_number(r, node, what, out)) {
        return false;
    }
    if (*out < lo || *out > hi) {
        crm__rd_error(r, node, "%s must be between %g and %g (got %s)", what,
                      lo, hi, node->text);
        return false;
    }
    return true;
}

/* The parameters each benefit kind needs, by key. */
static void read_benefit_params(struct crm_reader *r,
                                const struct crm_ynode *node,
                                struct crm_benefit_line *b)
{
    static const char *const needs[][4] = {
        { "baseline_revenue", "uplift", NULL, NULL },
        { "amount", NULL, NULL, NULL },
        { "hours_per_user_year", "loaded_rate", NULL, NULL },
        { "customers", "churn_reduction", "value_per_customer", NULL },
    };
    const struct crm_ynode *v = NULL;
    size_t i;
    enum crm_benefit_param p;
    char where[96];

    snprintf(where, sizeof(where), "benefit '%s' (kind %s)", b->id,
             benefit_kinds[b->kind]);
    for (i = 0; needs[b->kind][i] != NULL; i++) {
        crm__rd_require(r, node, needs[b->kind][i], where);
    }
    b->margin = 1;
    for (p = 0; p < CRM_BP_COUNT_; p++) {
        const char *key = crm__benefit_param_names[p];
        /* shares are fractions; an uplift may exceed 100% */
        double hi = p == CRM_BP_UPLIFT                        ? 10
                    : p == CRM_BP_MARGIN || p == CRM_BP_CHURN ? 1
                                                              : CRM_NUMBER_LIMIT;
        char what[48];

        if ((v = crm__rd_get(node, key)) == NULL) {
            continue;
        }
        snprintf(what, sizeof(what), "'%s'", key);
        crm__rd_uncertain(r, v, what, 0, hi, crm__benefit_param(b, p), &b->dist[p]);
    }
}

/* One benefit line: id, kind and its parameters, with an optional adoption
 * ramp (shares 0..1 by year), escalation, note and risk. A benefit with no
 * year range recurs from year 1 to the horizon. False on any error. */
static bool read_benefit(struct crm_reader *r, const struct crm_ynode *node,
                         struct crm_benefit_line *b)
{
    const struct crm_ynode *v = NULL;
    size_t errors = r->errors, i;
    int k = 0;

    b->mark = crm__rd_mark(r, node);
    if (!crm__rd_is_map(r, node, "a benefit line")) {
        return false;
    }
    crm__rd_check_keys(r, node, benefit_keys, "a benefit line");
    v = crm__rd_require(r, node, "id", "a benefit line");
    if (v == NULL || !crm__rd_id(r, v, "benefit id", &b->id)) {
        return false;
    }
    v = crm__rd_require(r, node, "kind", "a benefit line");
    if (v == NULL || (k = crm__rd_enum(r, v, "benefit kind", benefit_kinds)) < 0) {
        return false;
    }
    b->kind = (enum crm_benefit_kind)k;
    read_benefit_params(r, node, b);
    v = crm__rd_get(node, "ramp");
    if (v != NULL && crm__rd_is_seq(r, v, "'ramp'")) {
        if (v->count == 0) {
            crm__rd_error(r, v, "'ramp' is empty; give the adoption share "
                                "for each year, e.g. [0.4, 0.8, 1.0]");
        }
        b->ramp = crm__arena_array(r->arena, v->count + 1, sizeof(double));
        for (i = 0; i < v->count; i++) {
            read_fraction(r, v->items[i], "a ramp value", 0, 1, &b->ramp[i]);
        }
        b->ramp_count = v->count;
    }
    v = crm__rd_get(node, "escalation");
    if (v != NULL) {
        read_fraction(r, v, "'escalation'", -0.99, 1, &b->escalation);
    }
    v = crm__rd_get(node, "note");
    if (v != NULL) {
        crm__rd_string(r, v, "'note'", &b->note);
    }
    v = crm__rd_get(node, "risk");
    if (v != NULL) {
        read_line_risk(r, v, 1, &b->risk);
    }
    /* Benefits recur from year 1 unless told otherwise. */
    if (crm__rd_get(node, "year") == NULL && crm__rd_get(node, "from") == NULL &&
        crm__rd_get(node, "to") == NULL) {
        b->first_year = 1;
        b->last_year = CRM_YEAR_HORIZON;
    } else {
        read_span(r, node, 1, &b->first_year, &b->last_year);
    }
    return r->errors == errors;
}

/* `vendor_costs:` cost lines the evaluation adds for one vendor, each
 * list's origin naming that vendor so messages and reports show where a
 * line came from. */
static void read_vendor_costs(struct crm_reader *r, const struct crm_ynode *node,
                              struct crm_finance_settings *fin)
{
    size_t i;

    if (!crm__rd_is_map(r, node, "'vendor_costs'")) {
        return;
    }
    fin->vendor_costs = crm__arena_array(r->arena, node->count + 1,
                                         sizeof(*fin->vendor_costs));
    for (i = 0; i < node->count; i++) {
        struct crm_vendor_costs *vc = &fin->vendor_costs[fin->vendor_cost_count];

        if (!crm__rd_id(r, node->pairs[i].key, "vendor id", &vc->vendor)) {
            continue;
        }
        vc->mark = crm__rd_mark(r, node->pairs[i].key);
        crm__cost_lines_read(r, node->pairs[i].value,
                             crm__arena_printf(r->arena,
                                               "evaluation (for %s)",
                                               vc->vendor),
                             &vc->lines, &vc->count);
        fin->vendor_cost_count++;
    }
}

/* `flow_dates:` one date per year 0..horizon, strictly increasing, kept
 * as dates and as day numbers for XIRR. Any bad date drops the whole
 * list (flow_dates = NULL), since a partial list cannot be used. */
static void read_flow_dates(struct crm_reader *r, const struct crm_ynode *node,
                            struct crm_finance_settings *fin, double horizon)
{
    size_t i, want = (size_t)horizon + 1;

    if (!crm__rd_is_seq(r, node, "'flow_dates'")) {
        return;
    }
    if (node->count != want) {
        crm__rd_error(r, node,
                      "'flow_dates' needs one date per year 0..%zu (%zu dates), "
                      "got %zu",
                      want - 1, want, node->count);
        return;
    }
    fin->flow_dates = crm__arena_array(r->arena, want, sizeof(char *));
    fin->flow_days = crm__arena_array(r->arena, want, sizeof(long));
    for (i = 0; i < want; i++) {
        const char *d = NULL;

        if (!crm__rd_date(r, node->items[i], "a flow date", &d)) {
            fin->flow_dates = NULL;
            return;
        }
        fin->flow_dates[i] = d;
        fin->flow_days[i] = crm_days_from_civil((int)strtol(d, NULL, 10),
                                                (d[5] - '0') * 10 + (d[6] - '0'),
                                                (d[8] - '0') * 10 + (d[9] - '0'));
        if (i > 0 && fin->flow_days[i] <= fin->flow_days[i - 1]) {
            crm__rd_error(r, node->items[i],
                          "flow dates must increase (%s is not after %s)", d,
                          fin->flow_dates[i - 1]);
            fin->flow_dates = NULL;
            return;
        }
    }
}

/* `capex: [categories]`, or the default list when @p node is NULL. */
static void read_capex(struct crm_reader *r, const struct crm_ynode *node,
                       struct crm_finance_settings *fin)
{
    size_t i;

    memset(fin->capex, 0, sizeof(fin->capex));
    if (node == NULL) {
        for (i = 0; i < sizeof(default_capex) / sizeof(default_capex[0]); i++) {
            fin->capex[default_capex[i]] = true;
        }
        return;
    }
    fin->has_capex = true;
    if (!crm__rd_is_seq(r, node, "'capex'")) {
        return;
    }
    for (i = 0; i < node->count; i++) {
        int k = crm__rd_enum(r, node->items[i], "cost category",
                             crm__cost_category_names);

        if (k >= 0) {
            fin->capex[k] = true;
        }
    }
}

/* `rate_scenarios: [0.06, 0.08, ...]`: increasing rates, -99% to 100%. */
static void read_rate_scenarios(struct crm_reader *r, const struct crm_ynode *node,
                                struct crm_finance_settings *fin)
{
    size_t i;

    if (!crm__rd_is_seq(r, node, "'rate_scenarios'")) {
        return;
    }
    if (node->count == 0 || node->count > CRM_RATE_SCENARIOS_MAX) {
        crm__rd_error(r, node, "'rate_scenarios' lists 1 to %d discount rates "
                               "(got %zu)",
                      CRM_RATE_SCENARIOS_MAX, node->count);
        return;
    }
    fin->rate_scenarios = crm__arena_array(r->arena, node->count, sizeof(double));
    for (i = 0; i < node->count; i++) {
        if (!read_fraction(r, node->items[i], "a scenario discount rate", -0.99, 1,
                           &fin->rate_scenarios[i])) {
            return;
        }
        if (i > 0 && fin->rate_scenarios[i] <= fin->rate_scenarios[i - 1]) {
            crm__rd_error(r, node->items[i], "scenario discount rates must "
                                             "increase (%s is not above the one "
                                             "before)",
                          node->items[i]->text);
            return;
        }
    }
    fin->rate_scenario_count = node->count;
}

/* An evaluation's `finance:` section into @p fin: timing, escalation, risk
 * adjustments, the settings of the finance analyses, the evaluation's cost
 * and benefit lines, and per-vendor benefit factors (a bare number or one
 * with a rationale). @p horizon bounds flow_dates. */
void crm__finance_read(struct crm_reader *r, const struct crm_ynode *node,
                       struct crm_finance_settings *fin, double horizon)
{
    static const char *const risk_keys[] = { "costs", "benefits", NULL };
    const struct crm_ynode *v = NULL;
    int k = 0;
    size_t i;

    fin->present = true;
    fin->mark = crm__rd_mark(r, node);
    if (!crm__rd_is_map(r, node, "'finance'")) {
        return;
    }
    crm__rd_check_keys(r, node, finance_keys, "'finance'");
    v = crm__rd_get(node, "timing");
    if (v != NULL && (k = crm__rd_enum(r, v, "timing", timings)) >= 0) {
        fin->timing = k;
    }
    v = crm__rd_get(node, "price_escalation");
    if (v != NULL) {
        read_fraction(r, v, "'price_escalation'", -0.99, 1, &fin->price_escalation);
    }
    v = crm__rd_get(node, "risk");
    if (v != NULL && crm__rd_is_map(r, v, "'risk'")) {
        const struct crm_ynode *c = crm__rd_get(v, "costs");
        const struct crm_ynode *b = crm__rd_get(v, "benefits");

        crm__rd_check_keys(r, v, risk_keys, "'risk'");
        if (c != NULL) {
            read_fraction(r, c, "the cost risk adjustment", 0, 5, &fin->risk_costs);
        }
        if (b != NULL) {
            read_fraction(r, b, "the benefit risk adjustment", 0, 1,
                          &fin->risk_benefits);
        }
    }
    v = crm__rd_get(node, "sensitivity_range");
    if (v != NULL) {
        read_fraction(r, v, "'sensitivity_range'", 0.01, 0.9,
                      &fin->sensitivity_range);
    }
    v = crm__rd_get(node, "pricing_billing");
    if (v != NULL) {
        read_billing(r, v, &fin->pricing_billing);
    }
    read_capex(r, crm__rd_get(node, "capex"), fin);
    v = crm__rd_get(node, "rate_scenarios");
    if (v != NULL) {
        read_rate_scenarios(r, v, fin);
    }
    v = crm__rd_get(node, "budget_knockout");
    if (v != NULL) {
        crm__rd_bool(r, v, "'budget_knockout'", &fin->budget_knockout);
    }
    v = crm__rd_get(node, "flow_dates");
    if (v != NULL) {
        read_flow_dates(r, v, fin, horizon);
    }
    v = crm__rd_get(node, "costs");
    if (v != NULL) {
        crm__cost_lines_read(r, v, "evaluation", &fin->costs, &fin->cost_count);
    }
    v = crm__rd_get(node, "vendor_costs");
    if (v != NULL) {
        read_vendor_costs(r, v, fin);
    }
    v = crm__rd_get(node, "benefits");
    if (v != NULL && crm__rd_is_seq(r, v, "'benefits'")) {
        fin->benefits = crm__arena_array(r->arena, v->count + 1,
                                         sizeof(*fin->benefits));
        for (i = 0; i < v->count; i++) {
            if (read_benefit(r, v->items[i], &fin->benefits[fin->benefit_count])) {
                fin->benefit_count++;
            }
        }
    }
    v = crm__rd_get(node, "benefit_factors");
    if (v != NULL && crm__rd_is_map(r, v, "'benefit_factors'")) {
        fin->factors = crm__arena_array(r->arena, v->count + 1,
                                        sizeof(*fin->factors));
        for (i = 0; i < v->count; i++) {
            struct crm_vendor_factor *f = &fin->factors[fin->factor_count];

            const struct crm_ynode *fv = v->pairs[i].value;

            if (!crm__rd_id(r, v->pairs[i].key, "vendor id", &f->vendor)) {
                continue;
            }
            /* a bare factor, or {factor: 0.9, rationale: "why"} */
            if (fv->type == CRM_YMAP) {
                static const char *const keys[] = { "factor", "rationale", NULL };
                const struct crm_ynode *x = NULL;

                crm__rd_check_keys(r, fv, keys, "a benefit factor");
                x = crm__rd_require(r, fv, "factor", "a benefit factor");
                if (x == NULL ||
                    !read_fraction(r, x, "a benefit factor", 0, 10, &f->factor)) {
                    continue;
                }
                x = crm__rd_get(fv, "rationale");
                if (x != NULL && !crm__rd_text(r, x, "'rationale'", false, &f->rationale)) {
                    continue;
                }
            } else if (!read_fraction(r, fv, "a benefit factor", 0, 10, &f->factor)) {
                continue;
            }
            f->mark = crm__rd_mark(r, v->pairs[i].key);
            fin->factor_count++;
        }
    }
}

/* Replace the line with the same id, or append. */
static void plan_put(struct crm_cost_line *plan, size_t *count,
                     const struct crm_cost_line *line)
{
    size_t i;

    for (i = 0; i < *count; i++) {
        if (strcmp(plan[i].id, line->id) == 0) {
            plan[i] = *line;
            return;
        }
    }
    plan[(*count)++] = *line;
}

/* Whether @p name is a cost category (a percentage line's 'of' may name a
 * category as well as a line). */
static bool is_category(const char *name)
{
    size_t i;

    for (i = 0; crm__cost_category_names[i] != NULL; i++) {
        if (strcmp(crm__cost_category_names[i], name) == 0) {
            return true;
        }
    }
    return false;
}

/* Percentage lines may name line ids (including other percentage lines,
 * evaluated in dependency order), categories, "one_off" or "recurring"
 * (those three cover only non-percentage lines). */
static size_t check_references(const struct crm_evaluation *ev,
                               crm_diags *diags, const struct crm_vendor *v)
{
    size_t i, j, k, errors = 0;
    bool *done = NULL;
    size_t remaining = 0, progress = 1;

    for (i = 0; i < v->plan_count; i++) {
        const struct crm_cost_line *line = &v->plan[i];

        for (j = 0; j < line->of_count; j++) {
            const char *ref = line->of[j];
            bool found = is_category(ref) || strcmp(ref, "one_off") == 0 ||
                         strcmp(ref, "recurring") == 0;

            for (k = 0; k < v->plan_count && !found; k++) {
                found = strcmp(v->plan[k].id, ref) == 0;
            }
            if (strcmp(ref, line->id) == 0) {
                crm__mark_error(diags, &line->mark,
                                "cost line '%s' is a percentage of itself",
                                line->id);
                errors++;
            } else if (!found) {
                crm__mark_error(diags, &line->mark,
                                "cost line '%s' refers to '%s', which is not a "
                                "cost line of vendor '%s', a category, "
                                "'one_off' or 'recurring'",
                                line->id, ref, v->id);
                errors++;
            }
        }
    }
    /* Order percentage lines: a cycle leaves some never ready. */
    done = crm__arena_array(ev->arena, v->plan_count + 1, sizeof(bool));
    for (i = 0; i < v->plan_count; i++) {
        done[i] = v->plan[i].basis != CRM_BASIS_PERCENT;
        remaining += !done[i];
    }
    while (remaining > 0 && progress > 0) {
        progress = 0;
        for (i = 0; i < v->plan_count; i++) {
            bool ready = !done[i];

            for (j = 0; ready && j < v->plan[i].of_count; j++) {
                for (k = 0; k < v->plan_count; k++) {
                    if (strcmp(v->plan[k].id, v->plan[i].of[j]) == 0 && !done[k]) {
                        ready = false;
                    }
                }
            }
            if (ready) {
                done[i] = true;
                remaining--;
                progress++;
            }
        }
    }
    for (i = 0; i < v->plan_count && remaining > 0; i++) {
        if (!done[i]) {
            crm__mark_error(diags, &v->plan[i].mark,
                            "cost line '%s' is part of a cycle of percentage "
                            "lines (for vendor '%s')",
                            v->plan[i].id, v->id);
            errors++;
        }
    }
    return errors;
}

size_t crm__cost_plan_build(struct crm_evaluation *ev, crm_diags *diags,
                            struct crm_vendor *v)
{
    const struct crm_finance_settings *fin = &ev->finance;
    const struct crm_pricing *p = &v->pricing;
    size_t cap = 2 + v->cost_count + fin->cost_count, i, errors = 0;
    struct crm_cost_line line;

    for (i = 0; i < fin->vendor_cost_count; i++) {
        if (strcmp(fin->vendor_costs[i].vendor, v->id) == 0) {
            cap += fin->vendor_costs[i].count;
        }
    }
    v->plan = crm__arena_array(ev->arena, cap, sizeof(*v->plan));
    v->plan_count = 0;

    /* The licence line from the vendor's list price. */
    memset(&line, 0, sizeof(line));
    line.category = CRM_COST_LICENCE;
    line.currency = p->currency;
    line.origin = "pricing";
    line.mark = p->mark;
    line.last_year = CRM_YEAR_HORIZON;
    v->price_known = false;
    if (v->has_pricing && p->model == CRM_PRICING_SUBSCRIPTION &&
        p->has_list_price) {
        line.id = "subscription";
        line.basis = CRM_BASIS_PER_SEAT;
        line.amount = p->list_price_per_user_month * 12;
        line.first_year = 1;
        line.escalation = fin->price_escalation;
        line.note = "list price per user per month x 12, per billed seat";
        line.billing = fin->pricing_billing;
        plan_put(v->plan, &v->plan_count, &line);
        v->price_known = true;
    } else if (v->has_pricing && p->model == CRM_PRICING_PERPETUAL &&
               p->has_perpetual) {
        line.id = "licence";
        line.basis = CRM_BASIS_PER_ADDED_SEAT;
        line.amount = p->perpetual_licence_per_user;
        line.first_year = 0;
        line.note = "perpetual licence per user, for each seat added";
        line.billing = fin->pricing_billing;
        line.expense = CRM_EXPENSE_CAPEX; /* a bought asset, whatever the
                                           * licence category's flag */
        plan_put(v->plan, &v->plan_count, &line);
        v->price_known = true;
    } else if (v->has_pricing && p->model == CRM_PRICING_FREE) {
        v->price_known = true;
    }
    for (i = 0; i < v->cost_count; i++) {
        plan_put(v->plan, &v->plan_count, &v->costs[i]);
        if (v->costs[i].category == CRM_COST_LICENCE) {
            v->price_known = true;
        }
    }
    /* Lines for every vendor say nothing about this vendor's price. */
    for (i = 0; i < fin->cost_count; i++) {
        plan_put(v->plan, &v->plan_count, &fin->costs[i]);
    }
    for (i = 0; i < fin->vendor_cost_count; i++) {
        size_t k;

        if (strcmp(fin->vendor_costs[i].vendor, v->id) != 0) {
            continue;
        }
        for (k = 0; k < fin->vendor_costs[i].count; k++) {
            plan_put(v->plan, &v->plan_count, &fin->vendor_costs[i].lines[k]);
            if (fin->vendor_costs[i].lines[k].category == CRM_COST_LICENCE) {
                v->price_known = true;
            }
        }
    }
    /* Convert every line once, visibly: the rate stays on the line. */
    for (i = 0; i < v->plan_count; i++) {
        struct crm_cost_line *l = &v->plan[i];

        if (l->currency == NULL) {
            bool from_vendor = strcmp(l->origin, "vendor") == 0;

            l->currency = from_vendor && p->currency ? p->currency : ev->currency;
        }
        /* A missing rate for the pricing line was reported with the price. */
        if (l->currency != NULL && !crm__exchange_rate(ev, l->currency, &l->rate) &&
            strcmp(l->origin, "pricing") != 0) {
            crm__mark_error(diags, &l->mark,
                            "no exchange rate from %s to %s for cost line "
                            "'%s'; add %s under exchange_rates.rates in %s",
                            l->currency, ev->currency, l->id, l->currency,
                            ev->file);
            errors++;
        }
        if ((l->last_year != CRM_YEAR_HORIZON &&
             l->last_year > (int)ev->horizon_years) ||
            l->first_year > (int)ev->horizon_years) {
            crm__mark_error(diags, &l->mark,
                            "cost line '%s' falls outside the evaluation's "
                            "horizon of %g years (years %d to %d)",
                            l->id, ev->horizon_years, l->first_year,
                            l->last_year == CRM_YEAR_HORIZON ? (int)ev->horizon_years
                                                             : l->last_year);
            errors++;
        }
    }
    return errors + check_references(ev, diags, v);
}

size_t crm__finance_check_vendors(const struct crm_evaluation *ev,
                                  crm_diags *diags)
{
    const struct crm_finance_settings *fin = &ev->finance;
    size_t i, j, errors = 0;

    for (i = 0; i < fin->vendor_cost_count + fin->factor_count; i++) {
        bool vc = i < fin->vendor_cost_count;
        const char *id = vc ? fin->vendor_costs[i].vendor
                            : fin->factors[i - fin->vendor_cost_count].vendor;
        const struct crm_mark *mark = vc ? &fin->vendor_costs[i].mark
                                         : &fin->factors[i - fin->vendor_cost_count].mark;
        bool found = false;

        for (j = 0; j < ev->vendor_count; j++) {
            found = found || strcmp(ev->vendors[j]->id, id) == 0;
        }
        if (!found) {
            crm__mark_error(diags, mark,
                            "'%s' is not among the evaluation's vendors", id);
            errors++;
        }
    }
    for (i = 0; i < fin->benefit_count; i++) {
        const struct crm_benefit_line *b = &fin->benefits[i];

        size_t k;

        if ((b->last_year != CRM_YEAR_HORIZON &&
             b->last_year > (int)ev->horizon_years) ||
            b->first_year > (int)ev->horizon_years) {
            crm__mark_error(diags, &b->mark,
                            "benefit '%s' falls outside the evaluation's "
                            "horizon of %g years",
                            b->id, ev->horizon_years);
            errors++;
        }
        for (k = 0; k < i; k++) {
            if (strcmp(fin->benefits[k].id, b->id) == 0) {
                crm__mark_error(diags, &b->mark,
                                "duplicate benefit id '%s' (first given at "
                                "line %u)",
                                b->id, fin->benefits[k].mark.line);
                errors++;
            }
        }
    }
    return errors;
}
