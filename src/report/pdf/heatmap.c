/*
 * The criterion x vendor heat map: every weighted criterion (rows, by
 * group) against every vendor (columns, in rank order), each cell shaded
 * by the vendor's normalised value (0..1, as scored) and marked with the
 * strongest kind of evidence behind it, so a reader sees the whole
 * evaluation at once. Columns carry the rank and the vendor's colour; a
 * key below maps ranks to names, and explains the shades and marks.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/pdf/internal.h"
#include "util/strutil.h"

#define ROW 9.0          /* row height, points */
#define CELL_FONT 5.5

/* The shade of a normalised value: a light to a dark blue (one hue, so
 * colour-blind readers see it as lighter and darker). */
static unsigned shade(double v)
{
    static const double lo[3] = { 0xEE, 0xF3, 0xF8 }, hi[3] = { 0x08, 0x45, 0x94 };
    unsigned rgb = 0;
    size_t k;

    v = fmax(0, fmin(1, v));
    for (k = 0; k < 3; k++) {
        rgb = (rgb << 8) | (unsigned)lround(lo[k] + (hi[k] - lo[k]) * v);
    }
    return rgb;
}

/* The mark of a cell: the strongest evidence behind the value, a sample
 * assessment, the panel, a value crmeval derived, or none. */
static const char *mark(const struct pdf *p, size_t v, size_t c)
{
    static const char *const kinds[] = { "○", "◐", "◑", "●", "◆", "★" };
    struct crm_value val = crm__result_value(p->res, v, c);
    int best = -1;
    size_t k;

    if (!val.present) {
        return "";
    }
    if (val.raw == NULL) {
        return "=";
    }
    if (val.raw->sample) {
        return "?";
    }
    if (val.raw->panel) {
        return "◇";
    }
    for (k = 0; k < val.raw->evidence_count; k++) {
        best = (int)val.raw->evidence[k].kind > best ? (int)val.raw->evidence[k].kind : best;
    }
    return best >= 0 && best < 6 ? kinds[best] : "";
}

/* The header row: each column's rank on a swatch of the vendor's colour. */
static void header(struct pdf *p, double x0, double cw)
{
    size_t i;

    crm__pdf_need(p, ROW * 4);
    for (i = 0; i < p->res->vendor_count; i++) {
        const struct crm_vendor_score *vs = crm__pdf_ranked(p, i);
        char num[16];
        double x = x0 + cw * (double)i;

        snprintf(num, sizeof(num), "%s%u", vs == crm__pdf_winner(p) ? "★" : "", vs->rank);
        crm__pdf_rect(p, x + 1, p->y - 4, cw - 2, 3, crm__pdf_vendor_colour(p, vs));
        crm__pdf_draw_fit(p, x, p->y - 12, num, 6.5, 5, true, p->t->colour_text, cw, false);
    }
    p->y -= 15;
}

/* One criterion's row: its name, then a shaded, marked cell per vendor. */
static void row(struct pdf *p, size_t c, double x0, double cw, int *page)
{
    size_t i;

    crm__pdf_need(p, ROW);
    if (p->page_no != *page) {
        header(p, x0, cw); /* a new page: the columns again */
        *page = p->page_no;
    }
    crm__pdf_draw_fit(p, p->left, p->y - ROW + 2, crm__pdf_criterion_name(p, c), CELL_FONT + 0.5,
                      4.5, false, p->t->colour_text, x0 - p->left - 4, false);
    for (i = 0; i < p->res->vendor_count; i++) {
        const struct crm_vendor_score *vs = crm__pdf_ranked(p, i);
        const struct crm_criterion_score *cs = &vs->criteria[c];
        double x = x0 + cw * (double)i;
        const char *m = mark(p, crm__pdf_index_of(p, vs), c);

        if (cs->source == CRM_SOURCE_MISSING) {
            crm__pdf_rect(p, x + 0.5, p->y - ROW + 0.5, cw - 1, ROW - 1, 0xFFFFFF);
            crm__pdf_draw(p, x + cw / 2 - crm__pdf_width(p, "—", CELL_FONT, false) / 2,
                          p->y - ROW + 2.2, "—", CELL_FONT, false, p->t->colour_muted);
            continue;
        }
        crm__pdf_rect(p, x + 0.5, p->y - ROW + 0.5, cw - 1, ROW - 1, shade(cs->normalised));
        if (m[0] != '\0') {
            crm__pdf_draw(p, x + cw / 2 - crm__pdf_width(p, m, CELL_FONT, false) / 2,
                          p->y - ROW + 2.2, m, CELL_FONT, false,
                          cs->normalised > 0.55 ? 0xFFFFFF : p->t->colour_text);
        }
    }
    p->y -= ROW;
}

/* The key: ranks to names, the shades, the marks. */
static void key(struct pdf *p)
{
    static const char *const kinds[] = { "ev_vendor_claim", "ev_documentation", "ev_demo",
                                         "ev_trial", "ev_reference_customer",
                                         "ev_independent_test" };
    static const char *const marks[] = { "○", "◐", "◑", "●", "◆", "★" };
    char *buf = crm__pdf_calloc(8192, 1);
    size_t i, len = 0;

    if (buf == NULL) {
        return;
    }
    for (i = 0; i < p->res->vendor_count && len < 8000; i++) {
        const struct crm_vendor_score *vs = crm__pdf_ranked(p, i);

        len += (size_t)snprintf(buf + len, 8192 - len, "%s%u = %s", i ? " · " : "", vs->rank,
                                crm__pdf_vendor_label(vs));
    }
    crm__pdf_gap(p, 4);
    crm__pdf_para_at(p, p->left, buf, SMALL, false, p->t->colour_text);
    len = (size_t)snprintf(buf, 8192, "%s", T(p, "heatmap_marks"));
    for (i = 0; i < 6; i++) {
        len += (size_t)snprintf(buf + len, 8192 - len, " %s %s%s", marks[i], T(p, kinds[i]),
                                i < 5 ? ";" : "");
    }
    crm__pdf_para_at(p, p->left, buf, SMALL, false, p->t->colour_muted);
    crm__pdf_para_at(p, p->left, T(p, "heatmap_note"), SMALL, false, p->t->colour_muted);
    free(buf);
}

/* The heat map section: its heading and intro, then each group's name
 * above its weighted criteria, then the key. */
void crm__pdf_section_heatmap(struct pdf *p)
{
    const struct crm_criteria_set *set = p->ev->set;
    double x0 = p->left + (p->right - p->left) * 0.36;
    double cw = (p->right - x0) / (double)(p->res->vendor_count ? p->res->vendor_count : 1);
    size_t g, c;
    int page = 0;

    crm__pdf_h1(p, T(p, "heatmap_title"));
    crm__pdf_para(p, T(p, "heatmap_intro"));
    crm__pdf_gap(p, 4);
    header(p, x0, cw);
    page = p->page_no;
    for (g = 0; g < set->group_count && crm__pdf_ok(p); g++) {
        bool any = false;

        for (c = 0; c < set->criterion_count; c++) {
            if (set->criteria[c].group == g && p->res->weights.effective[c] > 0) {
                if (!any) { /* the group's name above its criteria */
                    crm__pdf_need(p, ROW * 3);
                    if (p->page_no != page) {
                        header(p, x0, cw);
                        page = p->page_no;
                    }
                    crm__pdf_draw_fit(p, p->left, p->y - ROW + 1.5, crm__pdf_group_name(p, g),
                                      6.5, 5, true, p->t->colour_primary, p->right - p->left,
                                      false);
                    p->y -= ROW + 1;
                    any = true;
                }
                row(p, c, x0, cw, &page);
            }
        }
    }
    key(p);
}
