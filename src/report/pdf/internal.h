/*
 * What the files of the PDF report share (src/report/pdf/): the render's
 * state, the layout primitives (layout.c), the words and numbers the
 * report prints (words.c), the charts (charts.c) and the sections
 * (summary.c, finance.c, robustness.c, vendors.c, appendix.c), put
 * together by document.c. Only these files include <hpdf.h>.
 *
 * A section draws through the layout functions only: they move a cursor
 * (p->y) down the page and start a new page when a block does not fit.
 * Every libharu failure is recorded (document.c) and stops the render;
 * nothing of a failed render is written.
 */
#ifndef CRM_REPORT_PDF_INTERNAL_H
#define CRM_REPORT_PDF_INTERNAL_H

#include <hpdf.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crmeval/report.h"
#include "analysis/sensitivity.h"
#include "analysis/simulate.h"
#include "model/model.h"
#include "score/score.h"

#define LINE_GAP 1.25      /* line height = size x LINE_GAP */
#define BODY 9.5
#define SMALL 7.5
#define H1 17
#define H2 12.5
#define MAX_COLS 24
#define MAX_LINES 64
#define PI 3.14159265358979323846

struct haru_block;

/* Scripts drawn in a font of their own when Debian's is installed
 * (fonts-noto-core; fonts-nanum for Hangul): see crm__pdf_script_of. */
enum crm_pdf_script {
    CRM_PDF_ARABIC,
    CRM_PDF_HEBREW,
    CRM_PDF_DEVANAGARI,
    CRM_PDF_THAI,
    CRM_PDF_HANGUL,
    CRM_PDF_SCRIPTS
};

/* A top-level heading, for the table of contents: its text (cut) and
 * where it is. */
struct toc_entry {
    char title[160];
    HPDF_Page page;
    int page_no;
    double y;
};

#define MAX_TOC 64

/* One render: the document, where the cursor is, and how it went. */
struct pdf {
    HPDF_Doc doc;
    HPDF_Page page;
    HPDF_Font latin, bold, cjk;
    HPDF_Font script[CRM_PDF_SCRIPTS]; /* Noto fonts for other scripts, when used */
    const struct crm_template *t;
    const struct crm_result *res;
    const struct crm_evaluation *ev;
    crm_diags *diags;
    double left, right, top, bottom; /* content box */
    double y;                        /* top of the next block */
    int page_no;
    int max_pages;
    HPDF_Page *pages;                /* every page so far, for the footers */
    HPDF_Page toc_page;              /* the contents page, filled in at the end */
    struct toc_entry toc[MAX_TOC];   /* the H1 headings */
    size_t toc_count;
    HPDF_Outline outline;            /* the bookmark of the last H1 */
    bool zh;
    HPDF_STATUS error;               /* libharu's first error, from on_error */
    HPDF_STATUS detail;
    crm_status fail;                 /* what stopped the rendering, if not libharu */
    char why[300];                   /* and why */
    struct haru_block *blocks;       /* every block libharu holds (haru_alloc) */
    bool broken;                     /* save_document unwound: free_document */
    bool saving;                     /* in HPDF_SaveToStream: see save_document */
    jmp_buf saved;                   /* where its out of memory unwinds to */
};

/* A line of wrapped text: @p len bytes from @p start. */
struct line {
    const char *start;
    size_t len;
};

/* A table being drawn: its columns and whether the header is out yet. */
struct table {
    size_t cols;
    const char *head[MAX_COLS];
    double w[MAX_COLS];     /* widths, points */
    bool right[MAX_COLS];   /* right-aligned */
    double size;
    double head_size;       /* the header's, smaller when a word would break */
    double keep;            /* height kept on one page with the header */
    double row_top, row_bottom; /* where the last row went, for links */
    bool header_drawn;
    size_t rows;            /* rows the caller will draw (0: not said), so
                             * the last ones are never left alone on a page */
};

/* Indices of weighted criteria sorted by a key, largest first. */
struct keyed {
    size_t c;
    double key;
};

/* The text of a key of the template's text file (templates/text). */
#define T(p, key) crm__pdf_text((p), (key))

#if defined(__GNUC__)
#define CRM_PDF_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define CRM_PDF_PRINTF(a, b)
#endif

/* ---- document.c ---- */

void crm__pdf_note_out_of_memory(void);

/* calloc for the sections' own tables, noting a failure. */
void *crm__pdf_calloc(size_t n, size_t size);

/* Stop rendering: @p status and a message (the first reason wins). */
void crm__pdf_fail(struct pdf *p, crm_status status, const char *fmt, ...) CRM_PDF_PRINTF(3, 4);

/* Whether rendering goes on: no libharu error and no failure of ours. */
bool crm__pdf_ok(const struct pdf *p);

/* A libharu status other than HPDF_OK stops the rendering. */
bool crm__pdf_hpdf_ok(struct pdf *p, HPDF_STATUS st, const char *what);


/* ---- words.c ---- */

/* qsort order of struct keyed: largest key first, then by index. */
int crm__pdf_by_key_desc(const void *a, const void *b);

/* The text of @p key in the report's language (see T). */
const char *crm__pdf_text(const struct pdf *p, const char *key);

/* Fill {name} placeholders from NULL-terminated name/value pairs. */
const char *crm__pdf_fill(char *out, size_t size, const char *tmpl, ...);

const char *crm__pdf_pick(const struct pdf *p, const struct crm_text *t);

/* ---- numbers ---- */
const char *crm__pdf_num(char *buf, size_t n, double x, int decimals);

const char *crm__pdf_pct(char *buf, size_t n, double x, int decimals);

const char *crm__pdf_money0(char *buf, size_t n, double x);

const char *crm__pdf_money2(char *buf, size_t n, double x);

/* ---- what the report says ---- */
const struct crm_vendor_score *crm__pdf_ranked(const struct pdf *p, size_t i);

size_t crm__pdf_index_of(const struct pdf *p, const struct crm_vendor_score *vs);

/* The leader: the first-ranked vendor that is not knocked out (with a
 * tie, the first of the tied, never called the winner in the text). */
const struct crm_vendor_score *crm__pdf_winner(const struct pdf *p);

const struct crm_vendor_score *crm__pdf_runner_up(const struct pdf *p);

const char *crm__pdf_vendor_label(const struct crm_vendor_score *vs);

/* In cost tables a vendor whose price is unknown is marked: its licence
 * cost is missing, so its costs are understated. */
const char *crm__pdf_cost_label(char *buf, size_t n,
                              const struct crm_vendor_score *vs);

const char *crm__pdf_criterion_name(const struct pdf *p, size_t c);

const char *crm__pdf_group_name(const struct pdf *p, size_t g);

size_t crm__pdf_sorted_criteria(const struct pdf *p, struct keyed *out,
                              const struct crm_vendor_score *a,
                              const struct crm_vendor_score *b, int mode);

const char *crm__pdf_rule_text(const struct pdf *p, char *buf, size_t n,
                             const struct crm_rule_outcome *ro);

/* Value of a vendor for a criterion, for people. */
const char *crm__pdf_value_text(const struct pdf *p, char *buf, size_t n,
                              size_t v, size_t c);

/* The criteria of @p vs's must-haves not verified, joined. */
const char *crm__pdf_unverified_rules(const struct pdf *p, char *buf, size_t n,
                                    const struct crm_vendor_score *vs);

/* The lead shown as a number people can read: two decimals, more when
 * two decimals would show a lead of 0.00. */
const char *crm__pdf_lead_text(char *buf, size_t n, double lead);

/* The names of @p count vendors, joined as the language joins a list. */
const char *crm__pdf_vendor_list(const struct pdf *p, char *buf, size_t n, const size_t *who,
                               size_t count);

/* What a question is about: no data, a sample assessment, or a value on
 * one kind of evidence only ("vendor claim only"). */
const char *crm__pdf_question_kind(const struct pdf *p, char *buf, size_t n,
                                 const struct crm_question *q);

/* The must-haves cell of the ranking: pass, near miss, not verified or
 * failed. */
const char *crm__pdf_must_have_cell(const struct pdf *p, char *buf, size_t n,
                                  const struct crm_vendor_score *vs);

/* ---- sensitivity ---- */
const char *crm__pdf_item_name(const struct pdf *p, bool group, size_t k);

/* The robustness sentence of the executive summary and the section. */
const char *crm__pdf_robust_sentence(const struct pdf *p, char *buf, size_t n);

const char *crm__pdf_smallest_change(const struct pdf *p, char *buf, size_t n);

const char *crm__pdf_sim_sentence(const struct pdf *p, char *buf, size_t n);

/* Known values the simulation lets vary, whatever stands behind them. */
size_t crm__pdf_sim_varied(const struct crm_simulation *sim);

/* Evidence older than 18 months before the evaluation date is flagged. */
bool crm__pdf_stale(const char *evidence_date, const char *eval_date);



/* ---- layout.c ---- */

/* The script of @p cp that needs a font of its own, or -1. */
int crm__pdf_script_of(uint32_t cp);

/* Whether right-to-left text (Hebrew, Arabic). */
bool crm__pdf_is_rtl(uint32_t cp);

/* The font that draws @p cp in this report. */
HPDF_Font crm__pdf_font_for(const struct pdf *p, uint32_t cp, bool bold);

/* Whether @p f has a glyph for @p cp (libharu's own cmap lookup). */
bool crm__pdf_has_glyph(HPDF_Font f, uint32_t cp);

double crm__pdf_width_n(const struct pdf *p, const char *s, size_t n,
                      double size, bool bold);

double crm__pdf_width(const struct pdf *p, const char *s, double size, bool bold);

void crm__pdf_set_stroke(struct pdf *p, unsigned rgb);

/* Draw @p n bytes of @p s with its baseline at (x, y), one run per font. */
void crm__pdf_draw_n(struct pdf *p, double x, double y, const char *s, size_t n,
                   double size, bool bold, unsigned colour);

void crm__pdf_draw(struct pdf *p, double x, double y, const char *s, double size,
                 bool bold, unsigned colour);

/* Draw @p s on one line within @p max_w: shrunk to @p min_size, then cut
 * with an ellipsis; right-aligned in the box when @p right. */
double crm__pdf_draw_fit(struct pdf *p, double x, double y, const char *s, double size,
                         double min_size, bool bold, unsigned colour, double max_w,
                         bool right);

/* The footers of all pages, "page n of N", once the last page exists. */
void crm__pdf_footers(struct pdf *p);

/* The table of contents on the page kept for it after the cover, with a
 * link from each line to its page. */
void crm__pdf_contents(struct pdf *p);

/*
 * Break @p s into lines of at most @p max_w: at spaces for Latin text, and
 * between any two Chinese characters. A word longer than a line is cut.
 */
size_t crm__pdf_wrap(const struct pdf *p, const char *s, double size, bool bold,
                   double max_w, struct line *lines, size_t max_lines);

/* A new page, unless the report is already failing or at its page limit
 * (then the drawing that follows goes to the last page and is thrown away
 * with the document). */
void crm__pdf_new_page(struct pdf *p);

/* Make room for a block of height @p h: a new page when it does not fit. */
void crm__pdf_need(struct pdf *p, double h);

void crm__pdf_gap(struct pdf *p, double h);

/* A paragraph in the content width from @p x (indent), wrapped. */
void crm__pdf_para_at(struct pdf *p, double x, const char *s, double size,
                    bool bold, unsigned colour);

void crm__pdf_para(struct pdf *p, const char *s);

void crm__pdf_bullet(struct pdf *p, const char *s);

void crm__pdf_h1(struct pdf *p, const char *s);

void crm__pdf_h2(struct pdf *p, const char *s);

/* A second-level heading kept on one page with the @p h points after it. */
void crm__pdf_h2_keep(struct pdf *p, const char *s, double h);

void crm__pdf_rect(struct pdf *p, double x, double y, double w, double h,
                 unsigned colour);

/* A table whose headings are the texts of these keys (templates/text). */
void crm__pdf_table_init_keys(struct pdf *p, struct table *t, size_t cols,
                            const char *const *keys, const double *weights,
                            const bool *right, double size);

void crm__pdf_table_init(struct pdf *p, struct table *t, size_t cols,
                       const char *const *head, const double *weights,
                       const bool *right, double size);

/*
 * Column widths from the content: numbers and short cells are never
 * broken, headers break only between words. When the natural widths do not
 * fit, the font shrinks (not below 5.5 pt) before anything is cut.
 * @p cells is rows x cols, row-major.
 */
void crm__pdf_table_fit(struct pdf *p, struct table *t, size_t cols,
                      const char *const *head, const char *const *cells,
                      size_t rows, const bool *right, double size,
                      const bool *wrap_ok);

/* One row; the header is repeated at the top of every new page. */
void crm__pdf_table_row(struct pdf *p, struct table *t, const char *const *cells,
                      size_t index);

/* Make column @p col of the last row of @p t a link to @p url (http or
 * https only): a click opens the evidence. */
void crm__pdf_table_link(struct pdf *p, const struct table *t, size_t col, const char *url);


/* ---- charts.c ---- */

/* A vendor's colour, the same in every chart and table. */
unsigned crm__pdf_vendor_colour(const struct pdf *p, const struct crm_vendor_score *vs);

/* A vendor's name for a chart, the leader marked with a star. */
const char *crm__pdf_chart_label(const struct pdf *p, char *buf, size_t n,
                                 const struct crm_vendor_score *vs);

/* A 1-2-5 step giving about @p ticks ticks over @p span. */
double crm__pdf_nice_step(double span, int ticks);

/* Horizontal bars, one per vendor in rank order: name, bar, score. */
void crm__pdf_ranking_bars(struct pdf *p);

/* Grouped horizontal bars: for each criteria group, one bar per vendor. */
void crm__pdf_group_bars(struct pdf *p, size_t vendors);

/* A radar chart of the group scores of the leading vendors. */
void crm__pdf_radar(struct pdf *p, size_t vendors);

/* Cumulative net cash flow per vendor over the years, as lines. */
void crm__pdf_cash_chart(struct pdf *p, size_t vendors);

/* Stability intervals as bars on a 0..max weight axis: the weight's range
 * keeping the winner, a tick at today's weight. Tightest first. */
void crm__pdf_stability_chart(struct pdf *p);

/* Tornado: NPV at each input's low and high, around the base NPV. */
void crm__pdf_tornado_chart(struct pdf *p, const struct crm_vendor_tornado *tv);

/* Score against cost, efficient vendors highlighted. */
void crm__pdf_frontier_chart(struct pdf *p);

/* The NPV distribution of one vendor: histogram bars and the S-curve
 * (cumulative share, right axis). */
void crm__pdf_npv_distribution(struct pdf *p, const struct crm_sim_vendor *sv);


/* ---- summary.c ---- */

void crm__pdf_section_cover(struct pdf *p);

void crm__pdf_section_summary(struct pdf *p);

void crm__pdf_section_ranking(struct pdf *p);

void crm__pdf_section_breakdown(struct pdf *p);


/* ---- heatmap.c ---- */

/* The criterion x vendor heat map of normalised values, evidence marked. */
void crm__pdf_section_heatmap(struct pdf *p);


/* ---- finance.c ---- */

void crm__pdf_section_finance(struct pdf *p);

/* The discount-rate scenario table, beside the tornado: every vendor's
 * NPV at each rate, unadjusted / risk-adjusted. */
void crm__pdf_rate_scenario_table(struct pdf *p);


/* ---- robustness.c ---- */

void crm__pdf_section_sensitivity(struct pdf *p);


/* ---- vendors.c ---- */

/* The panel: who scored, where they disagree most, and each role's
 * ranking (docs/panel.md). */
void crm__pdf_section_panel(struct pdf *p);

void crm__pdf_section_vendors(struct pdf *p);


/* ---- appendix.c ---- */

void crm__pdf_section_method(struct pdf *p);

#endif
