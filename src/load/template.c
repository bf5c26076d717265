/*
 * Report templates: a layout file (templates/<id>.yaml: page size,
 * margins, fonts, colours, sections, a consultant's firm and logo) and a
 * text file per language (templates/text/<language>.yaml: every string the
 * PDF prints). See docs/report-pdf.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crmeval/evaluation.h"
#include "crmeval/limits.h"
#include "load/image.h"
#include "load/load.h"
#include "util/arena.h"
#include "util/fileio.h"
#include "util/strutil.h"

static const char *const template_keys[] = {
    "kind", "id", "page", "margins", "fonts", "colours", "sections", "firm",
    "logo", "show_inputs", NULL
};
static const char *const page_keys[] = { "size", "orientation", NULL };
static const char *const margin_keys[] = { "top", "bottom", "left", "right",
                                           NULL };
static const char *const font_keys[] = { "latin", "latin_bold", "cjk", NULL };
static const char *const font_ref_keys[] = { "file", "package", NULL };
static const char *const colour_keys[] = { "primary", "accent", "text",
                                           "muted", "grid", "pass", "fail",
                                           "series", NULL };
static const char *const sizes[] = { "A4", "Letter", NULL };
static const char *const orientations[] = { "portrait", "landscape", NULL };
const char *const crm__report_sections[] = {
    "cover", "summary", "ranking", "breakdown", "heatmap", "finance",
    "sensitivity", "panel", "vendors", "method", NULL
};
/* Every text key the PDF report prints (src/report/pdf/). */
const char *const crm__report_text_keys[] = {
    "ambiguous", "and_more", "bars_note", "breakdown_intro",
    "breakdown_title", "cash_title", "cat_contingency", "cat_customisation",
    "cat_data_migration", "cat_hosting", "cat_implementation",
    "cat_integration", "cat_internal_staff", "cat_licence", "cat_support",
    "cat_training", "col_benefits", "col_completeness", "col_costs",
    "col_criterion", "col_cum_discounted", "col_cumulative", "col_date",
    "col_disc_payback", "col_discounted", "col_effective",
    "col_evidence_kind", "col_factor", "col_group", "col_irr", "col_missing",
    "col_must_haves", "col_net", "col_npv", "col_npv_risk", "col_payback",
    "col_pv_costs", "col_rank", "col_result", "col_roi", "col_rule",
    "col_samples", "col_score", "col_share", "col_source", "col_total",
    "col_vendor", "completeness_title", "conventions_text", "cover_date",
    "cover_digest", "cover_firm", "cover_organisation", "cover_prepared_by",
    "cover_seats", "end_of_year", "ev_demo",
    "ev_documentation", "ev_independent_test", "ev_reference_customer",
    "ev_trial", "ev_vendor_claim", "evidence_title", "fail",
    "finance_conventions", "finance_conventions_title", "finance_none",
    "finance_title", "free", "inputs_title", "knocked_out_n",
    "knocked_out_title", "main_risks", "method_scoring", "method_title",
    "mid_year", "missing_ignore", "missing_midpoint",
    "missing_title", "missing_worst", "must_have_title", "near_miss", "no",
    "no_data", "no_knockouts", "no_risks", "no_winner", "page_n_of", "contents_title", "pass",
    "pass_near_miss", "pricing_line", "pricing_perpetual", "price_unknown_note", "in_thousands", "sensitivity_title", "verdict_robust", "verdict_fragile", "verdict_no_winner", "verdict_no_weights", "verdict_weight", "verdict_loo", "verdict_topsis", "smallest_fell", "smallest_rose", "stability_title", "stability_note", "methods_title", "methods_agree", "methods_disagree", "col_closeness", "col_topsis_rank", "col_loo", "loo_changes", "loo_same", "loo_note", "frontier_title", "frontier_note", "axis_score", "axis_cost", "ev_documentation_copy", "heatmap_title", "heatmap_intro", "heatmap_marks", "heatmap_note", "tornado_low", "tornado_high", "hist_bars", "hist_curve", "cash_left_out", "deploy_saas", "deploy_private_cloud", "deploy_on_premise", "tornado_title", "in_benefits", "in_seats", "in_rate", "break_even_line", "break_even_none", "break_even_rate", "break_even_price", "robustness_title", "risk_title", "sim_sentence", "col_p_first", "col_score_range", "col_npv_p10", "col_npv_p50", "col_npv_p90", "col_p_npv", "col_npv_mean", "col_tco_p10", "col_tco_p50", "col_tco_p90", "npv_dist_title", "npv_dist_note", "profile_line",
    "radar_title", "ranking_intro", "ranking_title", "rates_line",
    "reason_line", "recommendation", "recommendation_single",
    "relative_scale", "report_title", "returns_note", "returns_title",
    "risk_near_miss", "risk_npv", "risk_relative",
    "risk_samples", "risk_small_lead", "stale_note", "stale_price",
    "strength_line", "strengths", "summary_title", "tco_title",
    "top_reasons", "value_functions_title", "vendor_line", "vendor_line_ko",
    "weakness_line", "weaknesses", "weights_title", "year", "yearly_summary",
    "yearly_title", "yes",
    "panel_title", "panel_intro", "panel_mean", "panel_median",
    "panel_consensus_note", "panel_disagree_title", "panel_disagree_none",
    "panel_roles_title", "panel_roles_note", "panel_roles_agree",
    "panel_roles_differ", "panel_evaluators_title", "col_evaluator", "col_role",
    "col_role_weight", "col_scores", "col_weight_set", "col_count", "col_range",
    "col_sd", "col_consensus", "col_at_stake", "col_overall", "role_it",
    "role_sales", "role_service", "role_finance", "role_management",
    "headline_preliminary", "headline_tie", "headline_fragile", "headline_robust", "rests_on_title", "prelim_evidence", "prelim_unverified", "prelim_p_first", "prelim_p_first_tied", "leading_now", "leading_now_single", "provided_verified", "tied_line", "tie_rise", "tie_fall", "tie_none", "verify_first_title", "question_line", "question_p", "q_missing", "q_sample", "q_must_have", "lead_for", "lead_none", "lead_net", "npv_gap", "npv_gap_costs_higher", "npv_gap_costs_lower", "npv_gap_benefits_lower", "npv_gap_benefits_higher", "benefits_same", "running_costs_note", "unverified_title", "unverified_intro", "unverified_n", "knocked_out_unverified_n", "rule_unverified", "at_least", "verdict_tie", "questions_title", "questions_intro", "questions_note", "questions_more", "col_status", "col_p_if_worse", "col_p_if_better", "topsis_note", "topsis_note_data", "frontier_note_licence", "sim_unknowns", "on_data_so_far", "factors_title", "factor_line", "tie_identical", "tie_until", "q_evidence", "ev_panel", "ev_unsourced", "sim_sentence_tied", "methods_tie", "methods_no_winner", "not_simulated", "running_no_hosting", "running_no_admin", "running_no_both", 
    "rate_scenarios_title", "line_risks_title", "capex_opex_line",
    "spreadsheet_other_timing",
    NULL
};
static const char *const text_keys_top[] = { "kind", "language", "strings",
                                             NULL };

/* "#1F4E79" -> 0x1F4E79 */
static bool read_colour(struct crm_reader *r, const struct crm_ynode *node,
                        const char *what, unsigned *out)
{
    const char *s = NULL;
    char *end = NULL;
    unsigned long v = 0;

    if (!crm__rd_string(r, node, what, &s)) {
        return false;
    }
    if (s[0] != '#' || strlen(s) != 7) {
        crm__rd_error(r, node, "expected a colour '#RRGGBB' for %s, got '%s'",
                      what, s);
        return false;
    }
    v = strtoul(s + 1, &end, 16);
    if (*end != '\0') {
        crm__rd_error(r, node, "expected a colour '#RRGGBB' for %s, got '%s'",
                      what, s);
        return false;
    }
    *out = (unsigned)v;
    return true;
}

/* The logo's file read into the arena, its problem into `why`. */
struct logo_file {
    const char *path;
    char *data;
    size_t len;
    crm_diags *why;
};

static crm_status read_logo_file(struct crm_arena *arena, void *ctx)
{
    struct logo_file *lf = ctx;

    return crm__file_read(arena, lf->path, CRM_MAX_FILE_SIZE, &lf->data, &lf->len, lf->why);
}

/*
 * Read the logo's bytes and decode them with libpng now, so a broken PNG
 * is an input error at the template's `logo:` (validate sees it too) and
 * the PDF library, which aborts on one, is only given a PNG that decodes.
 * The read has a recovery point of its own: `why` is malloc'd and held
 * across it (the longjmp rule in arena.h), so out of memory comes back
 * here, `why` is freed, and then it goes on through crm__arena_oom.
 */
static void read_logo(struct crm_reader *r, const struct crm_ynode *at,
                      struct crm_template *t)
{
    struct logo_file lf = { t->logo, NULL, 0, crm_diags_new(1) };
    char problem[200];
    crm_status st = CRM_OK;

    if (lf.why == NULL) {
        crm__arena_oom(r->arena);
        return;
    }
    st = crm__arena_protect(r->arena, read_logo_file, &lf, lf.why);
    if (st == CRM_OK) {
        st = crm__png_check((const unsigned char *)lf.data, lf.len, problem, sizeof(problem));
        if (st == CRM_EINPUT) {
            crm__rd_error(r, at, "logo '%s' is not a PNG the report can use: %s", t->logo,
                          problem);
        }
    } else if (st != CRM_ENOMEM) {
        const crm_diag *d = crm_diags_get(lf.why, 0);

        crm__rd_error(r, at, "logo '%s': %s", t->logo, d ? d->message : crm_status_text(st));
    }
    if (st == CRM_OK) {
        t->logo_data = (const unsigned char *)lf.data;
        t->logo_len = lf.len;
    }
    crm_diags_free(lf.why);
    if (st == CRM_ENOMEM) {
        crm__arena_oom(r->arena);
    }
}

/* One font of the template's `fonts:` (latin, latin_bold or cjk): its file,
 * made relative to the template as every path in a file is, and the
 * package that provides it (for the message when it is missing). */
static void read_font(struct crm_reader *r, const struct crm_ynode *fonts,
                      const char *key, struct crm_font_ref *font)
{
    const struct crm_ynode *f = crm__rd_require(r, fonts, key, "'fonts'");
    const struct crm_ynode *v = NULL;
    char what[64];

    if (f == NULL || !crm__rd_is_map(r, f, key)) {
        return;
    }
    snprintf(what, sizeof(what), "font '%s'", key);
    crm__rd_check_keys(r, f, font_ref_keys, what);
    font->mark = crm__rd_mark(r, f);
    v = crm__rd_require(r, f, "file", what);
    if (v != NULL && crm__rd_string(r, v, "'file'", &font->file)) {
        /* relative to the template, like every path in a file */
        font->file = crm__path_join(r->arena, crm__path_dirname(r->arena, r->file), font->file);
    }
    v = crm__rd_get(f, "package");
    if (v != NULL) {
        crm__rd_string(r, v, "'package'", &font->package);
    }
}

/* A report template from its YAML root, in arena memory: A4 portrait and
 * the house colours unless the file says otherwise, margins 18..144 pt,
 * fonts, series colours, the sections in order (each at most once), firm
 * and logo. The logo is decoded now so a bad PNG is an input error. */
struct crm_template *crm__template_read(struct crm_reader *r,
                                        const struct crm_ynode *root)
{
    struct crm_template *t = crm__arena_alloc(r->arena, sizeof(*t));
    const struct crm_ynode *v = NULL, *n = NULL;
    const char *dir = crm__path_dirname(r->arena, r->file);
    size_t i, j;

    t->file = r->file;
    /* A4 portrait, 50 pt margins, house colours: overridden below. */
    t->page_width = 595.276;
    t->page_height = 841.89;
    t->margin_top = t->margin_bottom = 56;
    t->margin_left = t->margin_right = 50;
    t->colour_primary = 0x1F4E79;
    t->colour_accent = 0xC55A11;
    t->colour_text = 0x222222;
    t->colour_muted = 0x6B6B6B;
    t->colour_grid = 0xD9D9D9;
    t->colour_pass = 0x2E7D32;
    t->colour_fail = 0xC62828;
    crm__rd_check_keys(r, root, template_keys, "a template");
    v = crm__rd_require(r, root, "id", "a template");
    if (v != NULL) {
        crm__rd_id(r, v, "template id", &t->id);
    }
    if ((v = crm__rd_get(root, "page")) != NULL && crm__rd_is_map(r, v, "'page'")) {
        int size = 0, orient = 0;

        crm__rd_check_keys(r, v, page_keys, "'page'");
        if ((n = crm__rd_get(v, "size")) != NULL &&
            (size = crm__rd_enum(r, n, "page size", sizes)) == 1) {
            t->page_width = 612;
            t->page_height = 792;
        }
        if ((n = crm__rd_get(v, "orientation")) != NULL &&
            (orient = crm__rd_enum(r, n, "orientation", orientations)) == 1) {
            double w = t->page_width;

            t->page_width = t->page_height;
            t->page_height = w;
        }
    }
    if ((v = crm__rd_get(root, "margins")) != NULL &&
        crm__rd_is_map(r, v, "'margins'")) {
        double *dst[] = { &t->margin_top, &t->margin_bottom, &t->margin_left,
                          &t->margin_right };

        crm__rd_check_keys(r, v, margin_keys, "'margins'");
        for (i = 0; i < 4; i++) {
            n = crm__rd_get(v, margin_keys[i]);
            if (n != NULL && crm__rd_nonneg(r, n, "a margin", dst[i]) &&
                (*dst[i] < 18 || *dst[i] > 144)) {
                crm__rd_error(r, n, "margins are in points, from 18 to 144 "
                                    "(got %s)",
                              n->text);
            }
        }
    }
    v = crm__rd_require(r, root, "fonts", "a template");
    if (v != NULL && crm__rd_is_map(r, v, "'fonts'")) {
        crm__rd_check_keys(r, v, font_keys, "'fonts'");
        read_font(r, v, "latin", &t->latin);
        read_font(r, v, "latin_bold", &t->latin_bold);
        read_font(r, v, "cjk", &t->cjk);
    }
    if ((v = crm__rd_get(root, "colours")) != NULL &&
        crm__rd_is_map(r, v, "'colours'")) {
        unsigned *dst[] = { &t->colour_primary, &t->colour_accent,
                            &t->colour_text, &t->colour_muted,
                            &t->colour_grid, &t->colour_pass, &t->colour_fail };

        crm__rd_check_keys(r, v, colour_keys, "'colours'");
        for (i = 0; i < 7; i++) {
            n = crm__rd_get(v, colour_keys[i]);
            if (n != NULL) {
                read_colour(r, n, colour_keys[i], dst[i]);
            }
        }
        n = crm__rd_get(v, "series");
        if (n != NULL && crm__rd_is_seq(r, n, "'series'")) {
            t->series = crm__arena_array(r->arena, n->count + 1, sizeof(unsigned));
            for (i = 0; i < n->count; i++) {
                if (read_colour(r, n->items[i], "a series colour",
                                &t->series[t->series_count])) {
                    t->series_count++;
                }
            }
        }
    }
    if (t->series_count == 0) {
        static const unsigned fallback[] = { 0x1F4E79, 0xC55A11, 0x2E7D32,
                                             0x7B1FA2, 0x00838F, 0xF9A825 };

        t->series = crm__arena_array(r->arena, 6, sizeof(unsigned));
        memcpy(t->series, fallback, sizeof(fallback));
        t->series_count = 6;
    }
    v = crm__rd_get(root, "sections");
    if (v != NULL && crm__rd_string_list(r, v, "'sections'", &t->sections,
                                         &t->section_count)) {
        for (i = 0; i < t->section_count; i++) {
            const struct crm_ynode *item = v->type == CRM_YSEQ ? v->items[i] : v;

            crm__rd_enum(r, item, "report section", crm__report_sections);
            for (j = 0; j < i; j++) {
                if (strcmp(t->sections[i], t->sections[j]) == 0) {
                    crm__rd_error(r, item, "section '%s' is listed twice",
                                  t->sections[i]);
                }
            }
        }
    } else if (v == NULL) {
        /* every section, counted from the list so a new one is never left out */
        t->sections = (const char **)crm__report_sections;
        t->section_count = sizeof(crm__report_sections) / sizeof(crm__report_sections[0]) - 1;
    }
    if ((v = crm__rd_get(root, "firm")) != NULL) {
        crm__rd_name(r, v, "'firm'", &t->firm);
    }
    /* the appendix's list of inputs, their digests and crmeval's version:
     * on by default, off for a client who does not need them */
    t->show_inputs = true;
    if ((v = crm__rd_get(root, "show_inputs")) != NULL) {
        crm__rd_bool(r, v, "'show_inputs'", &t->show_inputs);
    }
    if ((v = crm__rd_get(root, "logo")) != NULL &&
        crm__rd_string(r, v, "'logo'", &t->logo)) {
        size_t len = strlen(t->logo);

        t->logo_mark = crm__rd_mark(r, v);
        if (len < 4 || strcmp(t->logo + len - 4, ".png") != 0) {
            crm__rd_error(r, v, "the logo must be a PNG file (got '%s')",
                          t->logo);
        } else {
            t->logo = crm__path_join(r->arena, dir, t->logo);
            read_logo(r, v, t);
        }
    }
    return t;
}

/* The text file: `strings:` maps keys to text. Every key the renderer
 * uses must be present (crm__template_text reports a missing one). */
bool crm__template_strings_read(struct crm_reader *r,
                                const struct crm_ynode *root,
                                struct crm_template *t)
{
    const struct crm_ynode *v = NULL;
    size_t i;

    crm__rd_check_keys(r, root, text_keys_top, "a text file");
    /* a text file checked on its own says its language itself */
    if (t->language == NULL && (v = crm__rd_get(root, "language")) != NULL &&
        v->type == CRM_YSCALAR) {
        t->language = v->text;
    }
    v = crm__rd_require(r, root, "strings", "a text file");
    if (v == NULL || !crm__rd_is_map(r, v, "'strings'")) {
        return false;
    }
    t->strings_line = v->line;
    t->strings_column = v->column;
    t->strings = crm__arena_array(r->arena, v->count + 1, sizeof(*t->strings));
    for (i = 0; i < v->count; i++) {
        struct crm_string *s = &t->strings[t->string_count];

        s->key = v->pairs[i].key->text;
        s->line = v->pairs[i].key->line;
        s->column = v->pairs[i].key->column;
        if (crm__rd_string(r, v->pairs[i].value, "a text", &s->text)) {
            t->string_count++;
        }
    }
    t->strings_file = r->file;
    return true;
}

void crm__template_check_strings(crm_diags *diags,
                                 const struct crm_template *t,
                                 const char *file)
{
    size_t i, j;

    /* Every string the report prints must be there. */
    for (i = 0; crm__report_text_keys[i] != NULL; i++) {
        bool found = false;

        for (j = 0; j < t->string_count && !found; j++) {
            found = strcmp(t->strings[j].key, crm__report_text_keys[i]) == 0;
        }
        if (!found) {
            crm_diags_add(diags, CRM_SEV_ERROR, file, t->strings_line,
                          t->strings_column,
                          "missing text '%s' under 'strings' (language %s)",
                          crm__report_text_keys[i], t->language ? t->language : "?");
        }
    }
    for (j = 0; j < t->string_count; j++) {
        bool known = false;

        for (i = 0; crm__report_text_keys[i] != NULL && !known; i++) {
            known = strcmp(t->strings[j].key, crm__report_text_keys[i]) == 0;
        }
        if (!known) {
            crm_diags_add(diags, CRM_SEV_WARNING, file, t->strings[j].line,
                          t->strings[j].column, "text '%s' is not used by the report",
                          t->strings[j].key);
        }
    }
}

/* Read the text file for @p language beside template @p t. */
bool crm__template_load_text(struct crm_arena *arena, crm_diags *diags,
                             struct crm_template *t, const char *language)
{
    const char *path = crm__arena_printf(arena, "%s/text/%s.yaml",
                                         crm__path_dirname(arena, t->file),
                                         language);
    struct crm_loaded_file xf;
    struct crm_reader r;
    size_t errors = crm_diags_error_count(diags);

    /* a template of one's own (firm, logo, colours) need not copy the
     * texts: without a text/ beside it, crmeval's own are used */
    if (access(path, F_OK) != 0) {
        const char *bundled = crm__arena_printf(arena, "%s/templates/text/%s.yaml",
                                                crm_data_dir(), language);

        if (access(bundled, F_OK) == 0) {
            path = bundled;
        }
    }
    t->language = language;
    t->strings = NULL;
    t->string_count = 0;
    if (crm__file_load(arena, path, CRM_FILE_TEXT, diags, &xf) != CRM_OK) {
        return false;
    }
    crm__rd_init(&r, arena, diags, xf.path);
    crm__template_strings_read(&r, xf.root, t);
    memcpy(t->strings_sha256, xf.sha256, sizeof(t->strings_sha256));
    crm__template_check_strings(diags, t, xf.path);
    return crm_diags_error_count(diags) == errors;
}

/* Load the template at @p path and its text for @p language. NULL when
 * anything new was reported, so a template with errors is never used. */
static struct crm_template *template_from(struct crm_arena *arena,
                                          crm_diags *diags, const char *path,
                                          const char *language)
{
    struct crm_loaded_file tf;
    struct crm_reader r;
    struct crm_template *t = NULL;
    size_t errors = crm_diags_error_count(diags);

    if (crm__file_load(arena, path, CRM_FILE_TEMPLATE, diags, &tf) != CRM_OK) {
        return NULL;
    }
    crm__rd_init(&r, arena, diags, tf.path);
    t = crm__template_read(&r, tf.root);
    memcpy(t->sha256, tf.sha256, sizeof(t->sha256));
    if (!crm__template_load_text(arena, diags, t, language)) {
        return NULL;
    }
    return crm_diags_error_count(diags) == errors ? t : NULL;
}

struct crm_template *crm__template_load(struct crm_arena *arena,
                                        crm_diags *diags,
                                        const char *templates_dir,
                                        const char *base_dir, const char *ref,
                                        const char *language)
{
    const char *path = NULL;

    if (crm__is_id(ref)) {
        path = crm__arena_printf(arena, "%s/%s.yaml", templates_dir, ref);
    } else {
        path = crm__path_join(arena, base_dir, ref);
    }
    return template_from(arena, diags, path, language);
}
