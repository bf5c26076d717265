/*
 * The data model: criteria sets, weight profiles, vendor profiles and the
 * evaluation that ties them together. Loaders (src/load) fill these structs;
 * scoring (src/score) and reports (src/report) only read them.
 *
 * Ownership: every pointer in these structs points into the arena of the
 * crm_evaluation (or of the validation run) that holds them; nothing here
 * is freed on its own.
 */
#ifndef CRM_MODEL_MODEL_H
#define CRM_MODEL_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "crmeval/error.h"
#include "crmeval/panel.h"
#include "crmeval/result.h"
#include "util/strmap.h"
#include "util/threads.h"

struct crm_arena;
struct crm_dist;
struct crm_sim_input;

/* Where something was written: for messages long after parsing. */
struct crm_mark {
    const char *file;
    unsigned line, column;
};

/* Text in English and Simplified Chinese; either may be NULL. */
struct crm_text {
    const char *en;
    const char *zh;
};

struct crm_sim_correlation {
    const char *a, *b;        /* input labels */
    double rho;               /* target rank correlation */
    struct crm_mark mark;
};

/* The evaluation's `simulation:` section. */
/* Trials when neither the evaluation nor the caller says. */
/* What an uncertain input drives, and the input: one per distribution
 * (and per value the simulation draws for what is not known). The loader
 * lists them (ev->uncertain); the simulation draws them. */
enum crm_sim_target {
    CRM_SIM_VENDOR_VALUE,
    CRM_SIM_COST,        /* a cost line amount (all lines sharing it) */
    CRM_SIM_BENEFIT,     /* a benefit parameter */
    CRM_SIM_WEIGHT,      /* a group or criterion weight */
    CRM_SIM_SEATS
};

struct crm_sim_input {
    enum crm_sim_target target;
    const struct crm_dist *dist;
    const char *label;            /* e.g. "fxiaoke/usability.ease_of_use" */
    size_t vendor, index, param;  /* what it drives */
    bool group;                   /* weight: a group weight */
};

/* Largest magnitude accepted for any number: far above any price, seat
 * count or rating, and low enough that sums and products of inputs stay
 * finite. */
#define CRM_NUMBER_LIMIT 1e15

#define CRM_SIM_DEFAULT_TRIALS 10000

struct crm_sim_settings {
    bool present;
    size_t trials;            /* 0: the default (CRM_SIM_DEFAULT_TRIALS) */
    struct crm_mark trials_mark;
    crm_sim_method method;    /* Latin hypercube unless the file says */
    unsigned long long seed;
    struct crm_sim_correlation *correlations;
    size_t correlation_count;
    struct crm_mark mark;
};

enum crm_kind {
    CRM_KIND_RATING,
    CRM_KIND_BOOLEAN,
    CRM_KIND_NUMBER,
    CRM_KIND_CHOICE
};

enum crm_derived {
    CRM_DERIVED_NONE = 0,
    CRM_DERIVED_LICENCE_COST,   /* list price per seat per year, eval currency */
    CRM_DERIVED_TCO_PER_SEAT,   /* nominal TCO / seat-years (finance) */
    CRM_DERIVED_PV_COSTS,       /* present value of costs (finance) */
    CRM_DERIVED_ANNUAL_FEE      /* list price per seat-year x seats billed
                                 * (the organisation's, at least the
                                 * vendor's minimum), eval currency */
};

struct crm_point {
    double x, value;
};

struct crm_option {
    const char *id;
    double value;
    struct crm_text name;
};

struct crm_label {
    double at;
    struct crm_text text;
};

struct crm_criterion {
    const char *id;    /* local id within its group */
    struct crm_mark id_mark;
    const char *path;  /* "group.criterion": the stable address */
    struct crm_text name, description;
    enum crm_kind kind;
    double scale_min, scale_max;   /* rating */
    struct crm_label *labels;      /* rating, optional */
    size_t label_count;
    const char *unit;              /* number */
    int direction;                 /* number: +1 higher is better, -1 lower */
    struct crm_point *points;      /* number: value function, NULL = min-max */
    size_t point_count;
    struct crm_option *options;    /* choice */
    size_t option_count;
    enum crm_derived derived;
    double weight;                 /* default weight within the group */
    size_t group;                  /* index of its group */
    struct crm_mark mark;
};

struct crm_group {
    const char *id;
    struct crm_text name, description;
    double weight;                 /* default group weight */
    size_t first, count;           /* its criteria: criteria[first..first+count) */
    struct crm_mark mark;
};

struct crm_criteria_set {
    const char *id;
    long version;
    struct crm_text name;
    const char *file;
    struct crm_group *groups;
    size_t group_count;
    struct crm_criterion *criteria;
    size_t criterion_count;
    struct crm_strmap by_path;     /* "group.criterion" -> criterion index */
    struct crm_strmap group_by_id; /* group id -> group index */
};

/* A weight given in a profile or an override, not yet checked against a set. */
struct crm_weight_entry {
    const char *group;             /* group id */
    const char *criterion;         /* criterion id in the group, or NULL */
    double weight;
    const struct crm_dist *dist;   /* an uncertain weight, or NULL */
    struct crm_mark mark;
};

enum crm_rule_test { CRM_RULE_EQUALS, CRM_RULE_RANGE, CRM_RULE_ONE_OF };

struct crm_rule {
    const char *criterion;         /* path as written */
    size_t index;                  /* resolved criterion index */
    enum crm_rule_test test;
    bool equals;
    bool has_min, has_max;
    double min, max;
    const char **one_of;
    struct crm_mark *one_of_marks;
    size_t one_of_count;
    struct crm_text reason;
    const char *origin;            /* "profile 'finance'" or "evaluation" */
    struct crm_mark mark;
};

struct crm_profile {
    const char *id;
    const char *criteria_set;
    struct crm_text name, description, rationale;
    double near_miss_margin;
    struct crm_weight_entry *weights;
    size_t weight_count;
    struct crm_mark weights_mark;  /* its `groups:` (or the file's top) */
    struct crm_rule *rules;
    size_t rule_count;
    const char *file;
    struct crm_mark mark;
};

/* How vendors with a must-have not yet verified (its criterion has no
 * value) rank: the evaluation's `unverified_must_haves` (docs/method.md). */
enum crm_unverified_policy {
    CRM_UNVERIFIED_RANK,          /* with the passing vendors, flagged (default) */
    CRM_UNVERIFIED_AFTER_PASSING, /* after every passing vendor, before failed ones */
    CRM_UNVERIFIED_KNOCK_OUT      /* knocked out, as if failed */
};

enum crm_evidence_kind {
    CRM_EVIDENCE_VENDOR_CLAIM,
    CRM_EVIDENCE_DOCUMENTATION,
    CRM_EVIDENCE_DEMO,
    CRM_EVIDENCE_TRIAL,
    CRM_EVIDENCE_REFERENCE_CUSTOMER,
    CRM_EVIDENCE_INDEPENDENT_TEST
};

/* What stands behind a value, for how far the simulation lets it vary
 * (docs/simulation.md): the six evidence kinds, in the order of
 * enum crm_evidence_kind, then a panel's aggregate, a sample assessment and
 * a value with no evidence listed. */
enum crm_spread_kind {
    CRM_SPREAD_PANEL = CRM_EVIDENCE_INDEPENDENT_TEST + 1,
    CRM_SPREAD_SAMPLE,
    CRM_SPREAD_UNSOURCED,
    CRM_SPREAD_COUNT
};

/* Their names as written in `uncertainty.spreads`, and the defaults. */
extern const char *const crm__spread_names[CRM_SPREAD_COUNT + 1]; /* NULL-terminated */
extern const double crm__spread_defaults[CRM_SPREAD_COUNT];

/* A prior for missing values: a distribution over 0..1, from the worst end
 * of a criterion's scale (0) to the best (1), for one criterion or every
 * criterion of a group. */
struct crm_prior {
    const char *target;            /* group id or "group.criterion" */
    const struct crm_dist *dist;
    struct crm_mark mark;
};

/* The evaluation's `uncertainty:` section: what the simulation draws for
 * what is not known (docs/simulation.md). */
struct crm_uncertainty_settings {
    bool draw_missing;             /* missing values drawn over their scale */
    double spread[CRM_SPREAD_COUNT]; /* share of the scale width, 0..1 */
    struct crm_prior *priors;
    size_t prior_count;
    const struct crm_dist **prior_of; /* [criterion_count]: resolved, NULL =
                                       * uniform over the scale */
    struct crm_mark mark;
};

/* The evaluation's `verdict:` section (docs/sensitivity.md). */
struct crm_verdict_settings {
    double min_evidence;       /* below it (winner or runner-up): preliminary */
    double min_p_first;            /* winner's P(rank 1) below it: preliminary */
    bool topsis_data_ideal;        /* TOPSIS ideal from the vendors present */
};

struct crm_evidence {
    enum crm_evidence_kind kind;
    const char *source;
    const char *date;
    const char *note;
};

/* A vendor's raw value for one criterion, as written. */
/* A value as written, before it is checked against its criterion: the
 * text of a scalar (plain: not quoted, so `true` and `12` are not text), or
 * for a mapping or a sequence no text and what it is ("a mapping"). */
struct crm_value_text {
    const char *text;              /* NULL when not a scalar */
    size_t len;
    bool plain;
    const char *shape;             /* not a scalar: "a mapping", "a sequence" */
    unsigned line, column;         /* where the value is */
};

struct crm_raw_value {
    const char *criterion;         /* path as written */
    struct crm_value_text value;   /* checked against the criterion later */
    bool sample;                   /* assessment: sample */
    bool observed;                 /* from the evaluation's observations */
    bool panel;                    /* the panel's aggregate (struct crm_panel) */
    bool claim;                    /* a vendor's answer to a questionnaire (rfi.h) */
    const struct crm_dist *dist;   /* an uncertain number, or NULL */
    double point;                  /* with dist: the value for the point run */
    const char *note;
    struct crm_evidence *evidence;
    size_t evidence_count;
    struct crm_mark mark;          /* of the key */
};

/* A value checked against the criteria set. */
struct crm_value {
    bool present;
    double number;                 /* rating/number value; boolean 0/1 */
    size_t option;                 /* choice: option index */
    const struct crm_raw_value *raw; /* NULL for derived values */
};

enum crm_pricing_model {
    CRM_PRICING_SUBSCRIPTION,
    CRM_PRICING_PERPETUAL,
    CRM_PRICING_FREE
};

struct crm_pricing {
    enum crm_pricing_model model;
    const char *currency;
    struct crm_mark currency_mark;
    bool has_list_price;
    double list_price_per_user_month;
    bool has_perpetual;
    double perpetual_licence_per_user;
    const char **billing;
    size_t billing_count;
    double minimum_seats;
    double minimum_term_months;
    const char *as_of;
    const char *source;
    const char *confidence;
    const char *note;
    struct crm_mark mark;
};

struct crm_vendor {
    const char *id;
    const char *criteria_set;
    const char *name;              /* in the report's language (crm__vendor_names) */
    struct crm_text names;         /* as written: plain text is English */
    const char *edition;           /* in the report's language, or NULL */
    struct crm_text editions;      /* as written */
    const char *company;
    const char *country;
    const char *website;
    const char **deployment;
    size_t deployment_count;
    const char *licence;           /* open-source licence, or NULL */
    struct crm_pricing pricing;
    bool has_pricing;
    struct crm_raw_value *raw;
    size_t raw_count;
    struct crm_value *values;      /* [criterion_count], after resolution */
    struct crm_cost_line *costs;   /* vendor-specific cost lines */
    size_t cost_count;
    struct crm_cost_line *plan;    /* all lines that apply, after loading */
    size_t plan_count;
    bool price_known;              /* the plan has a licence/subscription price */
    const char *file;
    struct crm_mark mark;
};

/* ---- Costs and benefits (docs/finance.md) ---- */

enum crm_cost_category {
    CRM_COST_LICENCE,
    CRM_COST_IMPLEMENTATION,
    CRM_COST_DATA_MIGRATION,
    CRM_COST_INTEGRATION,
    CRM_COST_CUSTOMISATION,
    CRM_COST_TRAINING,
    CRM_COST_HOSTING,
    CRM_COST_INTERNAL_STAFF,
    CRM_COST_SUPPORT,
    CRM_COST_CONTINGENCY,
    CRM_COST_CATEGORY_COUNT
};
/* The categories' ids as the inputs write them, in the enum's order,
 * NULL-terminated (model/model.c). */
extern const char *const crm__cost_category_names[];

enum crm_cost_basis {
    CRM_BASIS_FIXED,        /* amount per year it applies */
    CRM_BASIS_PER_SEAT,     /* amount x billed seats that year */
    CRM_BASIS_PER_ADDED_SEAT, /* amount x seats added that year (perpetual) */
    CRM_BASIS_PERCENT       /* percent of other lines in the same year */
};

struct crm_tier {
    bool has_up_to;
    double up_to;           /* seats in this band: up to this many in all */
    double amount;
};

#define CRM_YEAR_HORIZON (-1) /* "to the end of the horizon" */

/* When a cost line's yearly amount is paid (docs/finance.md): with the
 * evaluation's flows (CRM_BILLING_DEFAULT: end of year, or mid-year under
 * timing mid_year), at the end of the year (in arrears), in its middle, or
 * at its start (in advance: year t's amount at time t - 1). */
enum crm_billing {
    CRM_BILLING_DEFAULT,
    CRM_BILLING_ARREARS,
    CRM_BILLING_MID_YEAR,
    CRM_BILLING_ADVANCE,
    CRM_BILLING_COUNT
};

/* Most discount rates in `finance.rate_scenarios`. */
#define CRM_RATE_SCENARIOS_MAX 12

/* Names of enum crm_billing ("default", "arrears", "mid_year", "advance"). */
extern const char *const crm__billing_names[];

/* Capital or operating expenditure (docs/finance.md, "Capex and opex"). */
enum crm_expense { CRM_EXPENSE_DEFAULT, CRM_EXPENSE_CAPEX, CRM_EXPENSE_OPEX };

/* A line's own risk adjustment and why (as in Forrester's TEI): costs
 * raised, benefits reduced by `share`. Without one (present false) the
 * evaluation's flat `finance.risk` applies. */
struct crm_line_risk {
    bool present;
    double share;
    struct crm_text rationale;
    struct crm_mark mark;
};

struct crm_cost_line {
    const char *id;
    enum crm_cost_category category;
    enum crm_cost_basis basis;
    double amount;          /* in `currency` */
    const struct crm_dist *amount_dist; /* uncertain amount, or NULL */
    const char *currency;   /* NULL: resolved to a default when loading */
    double rate;            /* evaluation currency per unit, set on load */
    double percent;         /* CRM_BASIS_PERCENT: 20 means 20% */
    const char **of;        /* ids, categories, "one_off" or "recurring" */
    size_t of_count;
    int first_year, last_year; /* last may be CRM_YEAR_HORIZON */
    double escalation;      /* yearly growth from first_year */
    struct crm_tier *tiers; /* CRM_BASIS_PER_SEAT, optional */
    size_t tier_count;
    const char *note;
    const char *origin;     /* "pricing", "vendor", "evaluation", ... */
    enum crm_billing billing;
    enum crm_expense expense;
    struct crm_line_risk risk;
    struct crm_mark mark;
};

enum crm_benefit_kind {
    CRM_BENEFIT_REVENUE,       /* baseline_revenue x uplift x margin */
    CRM_BENEFIT_COST_SAVING,   /* amount */
    CRM_BENEFIT_PRODUCTIVITY,  /* hours per user-year x users x loaded rate */
    CRM_BENEFIT_CHURN          /* customers x churn reduction x value */
};

/* Benefit parameters that may be uncertain (crm_benefit_line.dist). */
enum crm_benefit_param {
    CRM_BP_BASELINE_REVENUE, CRM_BP_UPLIFT, CRM_BP_MARGIN, CRM_BP_AMOUNT,
    CRM_BP_HOURS, CRM_BP_RATE, CRM_BP_CUSTOMERS, CRM_BP_CHURN,
    CRM_BP_VALUE, CRM_BP_COUNT_
};

struct crm_benefit_line {
    const char *id;
    enum crm_benefit_kind kind;
    double baseline_revenue, uplift, margin;
    double amount;
    double hours_per_user_year, loaded_rate;
    double customers, churn_reduction, value_per_customer;
    const struct crm_dist *dist[CRM_BP_COUNT_]; /* uncertain parameters */
    double *ramp;           /* adoption by year from first_year; last repeats */
    size_t ramp_count;
    int first_year, last_year;
    double escalation;
    const char *note;
    struct crm_line_risk risk;
    struct crm_mark mark;
};

struct crm_vendor_costs {
    const char *vendor;
    struct crm_cost_line *lines;
    size_t count;
    struct crm_mark mark;
};

struct crm_vendor_factor {
    const char *vendor;
    double factor;
    struct crm_text rationale; /* why this vendor's benefits differ (may be empty) */
    struct crm_mark mark;
};

struct crm_finance_settings {
    bool present;
    int timing;             /* crm_timing */
    double price_escalation;
    double risk_costs, risk_benefits;
    enum crm_billing pricing_billing; /* of the line from the list price */
    bool capex[CRM_COST_CATEGORY_COUNT]; /* categories that are capex */
    bool has_capex;           /* `capex:` given (else the default list) */
    double *rate_scenarios;   /* discount rates of the scenario table */
    size_t rate_scenario_count; /* 0: the default, around the rate */
    bool budget_knockout;
    double sensitivity_range; /* +/- share for the tornado (default 0.2) */
    const char **flow_dates;  /* [horizon + 1] or NULL */
    long *flow_days;
    struct crm_cost_line *costs;   /* the organisation's lines, every vendor */
    size_t cost_count;
    struct crm_vendor_costs *vendor_costs;
    size_t vendor_cost_count;
    struct crm_benefit_line *benefits;
    size_t benefit_count;
    struct crm_vendor_factor *factors;
    size_t factor_count;
    struct crm_mark mark;
};

/* ---- Report templates (templates/, docs/report-pdf.md) ---- */

struct crm_font_ref {
    const char *file;       /* TrueType font (.ttf) or collection (.ttc) */
    const char *package;    /* Debian package that installs it, for messages */
    struct crm_mark mark;
};

struct crm_string {
    const char *key;
    const char *text;
    unsigned line, column;         /* of the key */
};

struct crm_template {
    const char *id;
    const char *file;
    double page_width, page_height;   /* points */
    double margin_top, margin_bottom, margin_left, margin_right;
    struct crm_font_ref latin, latin_bold, cjk;
    unsigned colour_primary, colour_accent, colour_text, colour_muted,
             colour_grid, colour_pass, colour_fail;
    unsigned *series;                 /* chart colours */
    size_t series_count;
    const char **sections;            /* in order */
    size_t section_count;
    const char *firm;                 /* consultant's firm, or NULL */
    bool show_inputs;                 /* the appendix lists the inputs' digests */
    const char *logo;                 /* PNG path, or NULL */
    struct crm_mark logo_mark;
    const unsigned char *logo_data;   /* its bytes, decoded once to check */
    size_t logo_len;
    /* Text of the language chosen (templates/text/<lang>.yaml). */
    const char *language;
    struct crm_string *strings;
    size_t string_count;
    const char *strings_file;
    unsigned strings_line, strings_column; /* of `strings:` */
    char sha256[65], strings_sha256[65];
};

enum crm_missing_policy {
    CRM_MISSING_WORST,
    CRM_MISSING_MIDPOINT,
    CRM_MISSING_IGNORE
};

struct crm_rate {
    const char *currency;
    double rate;                   /* evaluation currency per unit */
};

/* The evaluation team's own findings for one vendor (demos, trials...). */
struct crm_observations {
    const char *vendor;
    struct crm_raw_value *raw;
    size_t raw_count;
    struct crm_mark mark;
};

struct crm_vf_override {
    const char *criterion;
    size_t index;
    struct crm_point *points;
    size_t point_count;
    struct crm_mark mark;
};

/* An input file and its SHA-256, for the report's digest. */
struct crm_input_file {
    const char *role;              /* "evaluation", "criteria", ... */
    const char *path;              /* as the report shows it */
    const char *file;              /* the file read (NULL: none), never an output */
    char sha256[65];
};

/* Parameter @p param of @p b, and its name as written in YAML
 * ("baseline_revenue", ..., "value_per_customer"). */
double *crm__benefit_param(struct crm_benefit_line *b, enum crm_benefit_param param);
extern const char *const crm__benefit_param_names[CRM_BP_COUNT_];

struct crm_organisation {
    const char *name;
    const char *industry;
    const char *size;
    double seats;
    const struct crm_dist *seats_dist;
    double seat_growth;
};

/* How panel scores become values (the evaluation's `panel:`). */
enum crm_panel_aggregate {
    CRM_PANEL_WEIGHTED_MEAN,
    CRM_PANEL_MEDIAN
};

/* An evaluator's own weights (panel.weights: evaluator -> profile). */
struct crm_weight_set {
    const char *evaluator;
    const char *profile;           /* the profile's path as written */
    double *effective;             /* [criterion_count], sums to 1 */
    struct crm_mark mark;
};

struct crm_panel_settings {
    enum crm_panel_aggregate aggregate;
    bool spread_as_uncertainty;    /* simulate each cell over its scores */
    struct crm_weight_set *weight_sets;
    size_t weight_set_count;
    double role_weight[CRM_ROLE_COUNT]; /* default 1 each */
    size_t *sheet;                 /* criteria the panel is asked to score */
    size_t sheet_count;            /* 0: whatever has been scored */
    struct crm_mark mark;
};

/* One evaluator's score of a cell, checked. */
struct crm_panel_entry {
    size_t evaluator;              /* index in crm_panel.evaluators */
    double number;                 /* rating/number; boolean 0/1 */
    size_t option;                 /* choice */
    double level;                  /* the number spread and consensus use:
                                    * the value, or a choice's option value */
    const char *comment;
    const char *scored_at;
};

/* The panel's scores of one vendor and criterion, and their aggregate. */
struct crm_panel_cell {
    size_t vendor, criterion;
    struct crm_panel_entry *entries;
    size_t count;
    bool applied;                  /* the aggregate is the vendor's value */
    struct crm_value value;        /* the aggregate */
    double min, max, sd;           /* of the entries' levels (sd weighted) */
    double width;                  /* the scale width consensus is measured on */
    double consensus;              /* Tastle and Wierman (2007), 0..1 */
    struct crm_raw_value raw;      /* origin of the value: the panel */
};

struct crm_panel_evaluator {
    const char *name;
    size_t role;                   /* index in crm_roles */
    size_t score_count;            /* scores used */
};

struct crm_panel {
    const char *source;            /* the database the scores came from */
    struct crm_panel_evaluator *evaluators; /* by name */
    size_t evaluator_count;
    struct crm_panel_cell *cells;  /* by vendor, then criterion */
    size_t cell_count;
    size_t skipped;                /* scores of vendors/criteria not here */
};

/*
 * Aggregate the entries of @p cell that @p role scored (SIZE_MAX: every
 * role) into @p out. @return false when none count (no entry of that role,
 * or all of weight 0).
 */
bool crm__panel_aggregate(const struct crm_evaluation *ev, const struct crm_panel *panel,
                          const struct crm_panel_cell *cell, size_t role,
                          struct crm_value *out);

struct crm_evaluation {
    struct crm_arena *arena;
    struct crm_arena *worker_arenas[CRM_MAX_THREADS]; /* parallel loading */
    const char *file;
    const char *title;
    const char *date;
    const char *prepared_by;
    struct crm_organisation org;
    const char *currency;
    const char *rates_as_of;
    const char *rates_source;
    struct crm_rate *rates;
    size_t rate_count;
    double horizon_years;
    double discount_rate;
    bool has_budget;
    double budget;
    const char *language;
    enum crm_missing_policy missing;
    enum crm_unverified_policy unverified;
    struct crm_uncertainty_settings uncertainty;
    struct crm_verdict_settings verdict;
    const char *json_path;         /* resolved output path or NULL */
    const char *pdf_path;          /* resolved output path or NULL */
    /* output.json / output.pdf as written, where, and whether they lead out
     * of the evaluation's directory (refused when used:
     * crm_evaluation_check_outputs) */
    const char *json_written, *pdf_written;
    struct crm_mark json_mark, pdf_mark;
    struct crm_template *template_; /* report layout and text */
    struct crm_criteria_set *set;
    struct crm_profile *profile;   /* NULL when none picked */
    struct crm_weight_entry *overrides;
    size_t override_count;
    struct crm_mark weights_mark;  /* where to report weight problems */
    struct crm_rule *rules;        /* profile rules then evaluation rules */
    size_t rule_count;
    struct crm_vf_override *vfs;
    size_t vf_count;
    struct crm_observations *observations;
    size_t observation_count;
    bool has_panel;                /* a `panel:` section */
    struct crm_panel_settings panel_settings;
    struct crm_panel *panel;       /* scores applied (crm_evaluation_set_panel) */
    struct crm_finance_settings finance;
    struct crm_sim_settings sim;
    struct crm_sim_input *uncertain;   /* every uncertain input */
    size_t uncertain_count;
    struct crm_vendor **vendors;
    size_t vendor_count;
    struct crm_mark vendors_mark;  /* its `vendors:` list */
    struct crm_input_file *inputs;
    size_t input_count;
    char digest[65];               /* SHA-256 over the inputs' digests */
};

/*
 * Effective weights. Group weights start from the criteria set's defaults,
 * then the profile's entries, then the evaluation's overrides (later wins);
 * criterion weights likewise. Each level is normalised to sum to 1, and a
 * criterion's effective weight is group share x criterion share.
 */
struct crm_weights {
    double *group_raw;        /* [group_count] after overrides */
    double *group_share;      /* [group_count] normalised */
    double *criterion_raw;    /* [criterion_count] */
    double *criterion_share;  /* [criterion_count] within its group */
    double *effective;        /* [criterion_count], sums to 1 */
    const char **group_origin;     /* "criteria set", "profile", "evaluation" */
    const char **criterion_origin;
};

/* Compute into arrays from @p arena. Entries must be resolved already.
 * Reports "all weights zero" problems at @p where and returns their count. */
size_t crm__weights_compute(struct crm_arena *arena, crm_diags *diags,
                            const struct crm_criteria_set *set,
                            const struct crm_weight_entry *profile_entries,
                            size_t profile_count,
                            const struct crm_weight_entry *override_entries,
                            size_t override_count,
                            const struct crm_mark *where,
                            struct crm_weights *out);

/* Report a problem at a saved mark (for checks after parsing). */
void crm__mark_error(crm_diags *diags, const struct crm_mark *mark,
                     const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void crm__mark_warning(crm_diags *diags, const struct crm_mark *mark,
                       const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/*
 * Whether a simulation of @p trials over @p inputs uncertain inputs and
 * @p vendors vendors fits in CRM_MAX_SIM_BYTES (its tables, estimated as
 * in crmeval/limits.h); if not, an error at @p at (a mark without a file:
 * no position) with the estimate, the limit and the most trials that fit.
 */
bool crm__sim_size_ok(crm_diags *diags, const struct crm_mark *at, size_t trials,
                      size_t inputs, size_t vendors);

/* Lookup helpers. */
bool crm__set_find(const struct crm_criteria_set *set, const char *path,
                   size_t *index);
/* Each vendor's name and edition in ev->language: the zh-CN or en text,
 * the other when it has only one (again after the language changed). */
void crm__vendor_names(struct crm_evaluation *ev);

/* ev->digest from ev->inputs (again, after an input was added). */
void crm__evaluation_digest(struct crm_evaluation *ev);
/* Add an input that is not a file the evaluation names (the panel's
 * scores, the vendors' claims: @p path is the database's name) with the
 * digest @p sha256 (hex), in ev's arena, and take the digest again. */
void crm__evaluation_add_input(struct crm_evaluation *ev, const char *role, const char *path,
                               const char sha256[65]);
/* Check @p count values as written against @p set into @p values
 * [criterion_count] (model/value.c); returns the number of errors. */
size_t crm__values_resolve(crm_diags *diags, const struct crm_criteria_set *set,
                           const struct crm_raw_value *raw, size_t count,
                           struct crm_value *values);
/* Index of option @p id in choice criterion @p c, or false. */
bool crm__criterion_option(const struct crm_criterion *c, const char *id,
                           size_t *index);
const char *crm__kind_name(enum crm_kind kind);
/* "x, y, z": the option ids of choice criterion @p c, for messages. */
const char *crm__option_list(const struct crm_criterion *c, char *buf,
                             size_t size);

#endif
