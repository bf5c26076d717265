/*
 * The charts: ranking bars, group bars, radar, cumulative cash flow,
 * weight-stability intervals, NPV tornado, value for money and the
 * simulated NPV distribution. Each draws at the cursor and moves it down.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/pdf/internal.h"
#include "util/strutil.h"
/* ---- charts ---- */

/* A vendor's colour, the same in every chart and table of the report:
 * while the evaluation has no more vendors than the palette has colours,
 * by its place in the evaluation; with more, the first vendors in rank
 * order (the ones the charts with a legend show) each get a colour of
 * their own and the rest are grey, rather than two shown vendors sharing
 * a colour. */
unsigned crm__pdf_vendor_colour(const struct pdf *p, const struct crm_vendor_score *vs)
{
    size_t i;

    if (p->res->vendor_count <= p->t->series_count) {
        return p->t->series[crm__pdf_index_of(p, vs)];
    }
    for (i = 0; i < p->t->series_count; i++) {
        if (crm__pdf_ranked(p, i) == vs) {
            return p->t->series[i];
        }
    }
    return p->t->colour_muted;
}

/* The label of a vendor in a chart: its name, marked when it leads, so
 * the leader is marked the same way everywhere. */
const char *crm__pdf_chart_label(const struct pdf *p, char *buf, size_t n,
                                 const struct crm_vendor_score *vs)
{
    snprintf(buf, n, "%s%s", vs == crm__pdf_winner(p) ? "★ " : "", crm__pdf_vendor_label(vs));
    return buf;
}

/* A "nice" step for about @p ticks ticks over @p span: 1, 2 or 5 times a
 * power of ten, so axes read 0 / 200,000 / 400,000, never 366,050. */
double crm__pdf_nice_step(double span, int ticks)
{
    double raw = span / (ticks > 0 ? ticks : 1), mag = 0, f = 0;

    if (!(raw > 0) || !isfinite(raw)) {
        return 1;
    }
    mag = pow(10, floor(log10(raw)));
    f = raw / mag;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/* Ticks and values at 1-2-5 steps along a horizontal money axis from
 * @p lo to @p hi drawn over [x0, x0 + w] at baseline @p y. */
static void money_axis(struct pdf *p, double x0, double w, double y, double lo, double hi)
{
    double step = crm__pdf_nice_step(hi - lo, 5), v = ceil(lo / step) * step;
    double last_end = -INFINITY;
    char buf[64];

    for (; v <= hi + step * 1e-9; v += step) {
        double x = x0 + w * (v - lo) / (hi - lo), tw = 0;

        crm__pdf_money0(buf, sizeof(buf), fabs(v) < step / 2 ? 0 : v);
        tw = crm__pdf_width(p, buf, 6.5, false);
        crm__pdf_set_stroke(p, p->t->colour_grid);
        HPDF_Page_SetLineWidth(p->page, 0.4f);
        HPDF_Page_MoveTo(p->page, (float)x, (float)(y + 8));
        HPDF_Page_LineTo(p->page, (float)x, (float)(y + 11));
        HPDF_Page_Stroke(p->page);
        if (x - tw / 2 > last_end + 4) { /* labels never overlap */
            crm__pdf_draw(p, x - tw / 2, y, buf, 6.5, false, p->t->colour_muted);
            last_end = x + tw / 2;
        }
    }
}

/* A legend entry: a swatch of @p colour and its text, from @p x; returns
 * where the next entry starts. */
static double legend_item(struct pdf *p, double x, double y, unsigned colour, const char *text)
{
    crm__pdf_rect(p, x, y, 8, 6, colour);
    crm__pdf_draw(p, x + 11, y, text, 6.5, false, p->t->colour_text);
    return x + 11 + crm__pdf_width(p, text, 6.5, false) + 14;
}

/* Horizontal bars, one per vendor in rank order: name, bar, score. */
void crm__pdf_ranking_bars(struct pdf *p)
{
    double name_w = (p->right - p->left) * 0.34, score_w = 48;
    double bar_x = p->left + name_w, bar_w = p->right - bar_x - score_w;
    double row = 16;
    size_t i;

    for (i = 0; i < p->res->vendor_count; i++) {
        const struct crm_vendor_score *vs = crm__pdf_ranked(p, i);
        char label[320], sc[32];
        unsigned colour = vs->knocked_out ? p->t->colour_muted : crm__pdf_vendor_colour(p, vs);
        char name[300];

        crm__pdf_need(p, row);
        snprintf(label, sizeof(label), "%u. %s", vs->rank,
                 crm__pdf_chart_label(p, name, sizeof(name), vs));
        crm__pdf_draw_fit(p, p->left, p->y - 11, label, BODY, 6, vs == crm__pdf_winner(p),
                          p->t->colour_text, name_w - 6, false);
        crm__pdf_rect(p, bar_x, p->y - 12, bar_w, 9, 0xEEF1F5);
        crm__pdf_rect(p, bar_x, p->y - 12, bar_w * vs->score / 100.0, 9, colour);
        crm__pdf_num(sc, sizeof(sc), vs->score, 2);
        crm__pdf_draw(p, p->right - crm__pdf_width(p, sc, BODY, true), p->y - 11, sc, BODY, true,
             p->t->colour_text);
        p->y -= row;
    }
    crm__pdf_need(p, 14);
    {
        char buf[160];

        crm__pdf_fill(buf, sizeof(buf), T(p, "bars_note"), NULL);
        crm__pdf_draw(p, bar_x, p->y - 9, buf, SMALL, false, p->t->colour_muted);
        p->y -= 14;
    }
}

/* Grouped horizontal bars: for each criteria group, one bar per vendor. */
void crm__pdf_group_bars(struct pdf *p, size_t vendors)
{
    const struct crm_criteria_set *set = p->ev->set;
    double name_w = (p->right - p->left) * 0.30;
    double bar_x = p->left + name_w, bar_w = p->right - bar_x - 30;
    double bh = 5.5;
    size_t g, i;

    /* legend */
    crm__pdf_need(p, 16 + 11 * (double)((vendors + 2) / 3));
    for (i = 0; i < vendors; i++) {
        char name[300];
        double x = p->left + (double)(i % 3) * (p->right - p->left) / 3;
        double y = p->y - 10 - (double)(i / 3) * 11;

        crm__pdf_rect(p, x, y, 8, 7, crm__pdf_vendor_colour(p, crm__pdf_ranked(p, i)));
        crm__pdf_draw_fit(p, x + 11, y, crm__pdf_chart_label(p, name, sizeof(name),
                                                             crm__pdf_ranked(p, i)),
                          SMALL, 5.5, false, p->t->colour_text,
                          (p->right - p->left) / 3 - 16, false);
    }
    p->y -= 14 + 11 * (double)((vendors + 2) / 3);
    /* the scale: 0 to 100 points of the group's score */
    crm__pdf_need(p, 12);
    for (i = 0; i <= 4; i++) {
        char tick[8];
        double x = bar_x + bar_w * (double)i / 4;

        snprintf(tick, sizeof(tick), "%zu", i * 25);
        crm__pdf_draw(p, x - crm__pdf_width(p, tick, 6, false) / 2, p->y - 7, tick, 6, false,
                      p->t->colour_muted);
    }
    p->y -= 10;
    for (g = 0; g < set->group_count; g++) {
        double block = bh * (double)vendors + 8;
        struct line l[3];
        size_t n = 0, k;

        if (p->res->weights.group_share[g] <= 0) {
            continue;
        }
        crm__pdf_need(p, block);
        n = crm__pdf_wrap(p, crm__pdf_group_name(p, g), SMALL, false, name_w - 8, l, 3);
        for (k = 0; k < n; k++) {
            crm__pdf_draw_n(p, p->left, p->y - 8 - (double)k * SMALL * 1.2, l[k].start,
                   l[k].len, SMALL, false, p->t->colour_text);
        }
        for (i = 0; i < vendors; i++) {
            double s = crm__pdf_ranked(p, i)->groups[g].score;

            char sc[16];

            crm__pdf_rect(p, bar_x, p->y - 2 - bh * (double)(i + 1), bar_w * s / 100.0,
                 bh - 1, crm__pdf_vendor_colour(p, crm__pdf_ranked(p, i)));
            crm__pdf_num(sc, sizeof(sc), s, 0);
            crm__pdf_draw(p, bar_x + bar_w * s / 100.0 + 2, p->y - 1.5 - bh * (double)(i + 1),
                          sc, 4.5, false, p->t->colour_muted);
        }
        crm__pdf_set_stroke(p, p->t->colour_grid);
        HPDF_Page_SetLineWidth(p->page, 0.3f);
        HPDF_Page_MoveTo(p->page, (float)bar_x, (float)(p->y));
        HPDF_Page_LineTo(p->page, (float)bar_x, (float)(p->y - block + 6));
        HPDF_Page_Stroke(p->page);
        p->y -= block;
    }
}

/* A radar chart of the group scores of the leading vendors. */
void crm__pdf_radar(struct pdf *p, size_t vendors)
{
    const struct crm_criteria_set *set = p->ev->set;
    size_t axes[64], n = 0, a, i, ring;
    double size = 330, r = 110, cx = 0, cy = 0;

    for (a = 0; a < set->group_count && n < 64; a++) {
        if (p->res->weights.group_share[a] > 0) {
            axes[n++] = a;
        }
    }
    if (n < 3) {
        return;
    }
    crm__pdf_need(p, size);
    /* the radar on the left, its legend beside it on the right */
    cx = p->left + (p->right - p->left - 150) / 2 + 20;
    for (i = 0; i < vendors; i++) {
        const struct crm_vendor_score *vs = crm__pdf_ranked(p, i);
        char name[300];
        double ly = p->y - 40 - 12 * (double)i;

        crm__pdf_rect(p, p->right - 150, ly + 1, 10, 3, crm__pdf_vendor_colour(p, vs));
        crm__pdf_draw_fit(p, p->right - 136, ly, crm__pdf_chart_label(p, name, sizeof(name), vs),
                          SMALL, 5.5, false, p->t->colour_text, 136, false);
    }
    cy = p->y - size / 2 - 4;
    crm__pdf_set_stroke(p, p->t->colour_grid);
    HPDF_Page_SetLineWidth(p->page, 0.4f);
    for (ring = 1; ring <= 4; ring++) {
        for (a = 0; a <= n; a++) {
            double ang = PI / 2 - 2 * PI * (double)(a % n) / (double)n;
            double x = cx + r * ring / 4 * cos(ang), y = cy + r * ring / 4 * sin(ang);

            if (a == 0) {
                HPDF_Page_MoveTo(p->page, (float)x, (float)y);
            } else {
                HPDF_Page_LineTo(p->page, (float)x, (float)y);
            }
        }
        HPDF_Page_Stroke(p->page);
    }
    for (a = 0; a < n; a++) {
        double ang = PI / 2 - 2 * PI * (double)a / (double)n;
        double lx = cx + (r + 10) * cos(ang), ly = cy + (r + 10) * sin(ang);
        struct line l[2];
        size_t k, nl = crm__pdf_wrap(p, crm__pdf_group_name(p, axes[a]), SMALL, false, 80, l, 2);

        HPDF_Page_MoveTo(p->page, (float)cx, (float)cy);
        HPDF_Page_LineTo(p->page, (float)(cx + r * cos(ang)), (float)(cy + r * sin(ang)));
        HPDF_Page_Stroke(p->page);
        for (k = 0; k < nl; k++) {
            double w = crm__pdf_width_n(p, l[k].start, l[k].len, SMALL, false);
            double x = cos(ang) > 0.2 ? lx : (cos(ang) < -0.2 ? lx - w : lx - w / 2);
            double y = ly - (double)k * SMALL * 1.2 - (sin(ang) < -0.2 ? SMALL : 0);

            crm__pdf_draw_n(p, x, y, l[k].start, l[k].len, SMALL, false, p->t->colour_text);
        }
    }
    for (i = 0; i < vendors; i++) {
        const struct crm_vendor_score *vs = crm__pdf_ranked(p, i);

        crm__pdf_set_stroke(p, crm__pdf_vendor_colour(p, vs));
        HPDF_Page_SetLineWidth(p->page, 1.4f);
        for (a = 0; a <= n; a++) {
            double ang = PI / 2 - 2 * PI * (double)(a % n) / (double)n;
            double s = vs->groups[axes[a % n]].score / 100.0;
            double x = cx + r * s * cos(ang), y = cy + r * s * sin(ang);

            if (a == 0) {
                HPDF_Page_MoveTo(p->page, (float)x, (float)y);
            } else {
                HPDF_Page_LineTo(p->page, (float)x, (float)y);
            }
        }
        HPDF_Page_Stroke(p->page);
    }
    p->y -= size;
}

/* Cumulative net cash flow per vendor over the years, as lines. */
void crm__pdf_cash_chart(struct pdf *p, size_t vendors)
{
    const struct crm_vendor_finance *f = p->res->finance;
    size_t years = f[0].years, i, t;
    double lo = 0, hi = 0, h = 200, x0 = 0, w = 0, y0 = 0;
    char buf[64];

    for (i = 0; i < vendors; i++) {
        const struct crm_projection *pr = &f[crm__pdf_index_of(p, crm__pdf_ranked(p, i))].base;

        for (t = 0; t < years; t++) {
            lo = fmin(lo, pr->rows[t].cumulative);
            hi = fmax(hi, pr->rows[t].cumulative);
        }
    }
    if (hi - lo <= 0) {
        hi = lo + 1;
    }
    crm__pdf_need(p, h + 40 + 11 * (double)((vendors + 2) / 3));
    x0 = p->left + 70;
    w = p->right - x0 - 10;
    y0 = p->y - h - 6;
    /* axes and grid at nice values (1-2-5 steps) covering lo..hi */
    {
        double step = crm__pdf_nice_step(hi - lo, 4), v = 0;

        lo = floor(lo / step) * step;
        hi = ceil(hi / step) * step;
        for (v = lo; v <= hi + step / 2; v += step) {
            double y = y0 + h * (v - lo) / (hi - lo);

            crm__pdf_set_stroke(p, p->t->colour_grid);
            HPDF_Page_SetLineWidth(p->page, 0.3f);
            HPDF_Page_MoveTo(p->page, (float)x0, (float)y);
            HPDF_Page_LineTo(p->page, (float)(x0 + w), (float)y);
            HPDF_Page_Stroke(p->page);
            crm__pdf_money0(buf, sizeof(buf), fabs(v) < step / 2 ? 0 : v);
            crm__pdf_draw(p, x0 - 4 - crm__pdf_width(p, buf, SMALL, false), y - 2.5, buf, SMALL,
                          false, p->t->colour_muted);
        }
    }
    if (lo < 0 && hi > 0) {
        double y = y0 + h * (0 - lo) / (hi - lo);

        crm__pdf_set_stroke(p, p->t->colour_text);
        HPDF_Page_SetLineWidth(p->page, 0.6f);
        HPDF_Page_MoveTo(p->page, (float)x0, (float)y);
        HPDF_Page_LineTo(p->page, (float)(x0 + w), (float)y);
        HPDF_Page_Stroke(p->page);
    }
    for (t = 0; t < years; t++) {
        double x = x0 + w * (double)t / (double)(years - 1);

        snprintf(buf, sizeof(buf), "%zu", t);
        crm__pdf_draw(p, x - crm__pdf_width(p, buf, SMALL, false) / 2, y0 - 10, buf, SMALL, false,
             p->t->colour_muted);
    }
    for (i = 0; i < vendors; i++) {
        const struct crm_projection *pr = &f[crm__pdf_index_of(p, crm__pdf_ranked(p, i))].base;

        crm__pdf_set_stroke(p, crm__pdf_vendor_colour(p, crm__pdf_ranked(p, i)));
        /* lines that coincide stay visible: each later one thinner, dashed */
        HPDF_Page_SetLineWidth(p->page, (float)fmax(0.8, 2.2 - 0.25 * (double)i));
        if (i > 0) {
            HPDF_UINT16 dash[2] = { (HPDF_UINT16)(2 + i), 2 };

            HPDF_Page_SetDash(p->page, dash, 2, 0);
        }
        for (t = 0; t < years; t++) {
            double x = x0 + w * (double)t / (double)(years - 1);
            double y = y0 + h * (pr->rows[t].cumulative - lo) / (hi - lo);

            if (t == 0) {
                HPDF_Page_MoveTo(p->page, (float)x, (float)y);
            } else {
                HPDF_Page_LineTo(p->page, (float)x, (float)y);
            }
        }
        HPDF_Page_Stroke(p->page);
        HPDF_Page_SetDash(p->page, NULL, 0, 0);
    }
    p->y = y0 - 16;
    crm__pdf_draw(p, x0 + w / 2 - crm__pdf_width(p, T(p, "year"), SMALL, false) / 2, p->y + 2,
         T(p, "year"), SMALL, false, p->t->colour_muted);
    p->y -= 6;
    for (i = 0; i < vendors; i++) {
        char name[300];
        double x = p->left + (double)(i % 3) * (p->right - p->left) / 3;
        double y = p->y - 10 - (double)(i / 3) * 11;

        crm__pdf_set_stroke(p, crm__pdf_vendor_colour(p, crm__pdf_ranked(p, i)));
        HPDF_Page_SetLineWidth(p->page, 1.6f);
        HPDF_Page_MoveTo(p->page, (float)x, (float)(y + 3));
        HPDF_Page_LineTo(p->page, (float)(x + 10), (float)(y + 3));
        HPDF_Page_Stroke(p->page);
        crm__pdf_draw_fit(p, x + 13, y, crm__pdf_chart_label(p, name, sizeof(name),
                                                             crm__pdf_ranked(p, i)),
                          SMALL, 5.5, false, p->t->colour_text,
                          (p->right - p->left) / 3 - 16, false);
    }
    p->y -= 14 + 11 * (double)((vendors + 2) / 3);
    if (vendors < p->res->vendor_count) {
        char n[24], m[24], note[256];

        snprintf(n, sizeof(n), "%zu", vendors);
        snprintf(m, sizeof(m), "%zu", p->res->vendor_count - vendors);
        crm__pdf_fill(note, sizeof(note), T(p, "cash_left_out"), "shown", n, "hidden", m, NULL);
        crm__pdf_para_at(p, p->left, note, SMALL, false, p->t->colour_muted);
    }
}

/* Stability intervals as bars on a 0..max weight axis: the weight's range
 * keeping the winner, a tick at today's weight. Tightest first. */
void crm__pdf_stability_chart(struct pdf *p)
{
    const struct crm_analysis *an = p->res->analysis;
    const struct crm_criteria_set *set = p->ev->set;
    struct keyed keys[256];
    size_t n = 0, i, c, total = set->criterion_count + set->group_count;
    double name_w = (p->right - p->left) * 0.36;
    double x0 = p->left + name_w, w = p->right - x0 - 72, row = 13;

    for (c = 0; c < total && n < 256; c++) {
        bool group = c >= set->criterion_count;
        size_t k = group ? c - set->criterion_count : c;
        const struct crm_weight_stability *s = group ? &an->groups[k] : &an->criteria[k];

        double share = group ? p->res->weights.group_share[k] : p->res->weights.effective[k];

        /* weights that cannot move (none, or all of it) say nothing */
        if (share <= 0 || share >= 1 - 1e-12) {
            continue;
        }
        keys[n].c = c;
        /* room to move before the winner changes, either way */
        keys[n].key = -fmin(s->lo_vendor != CRM_NONE ? s->current - s->lo : 1,
                            s->hi_vendor != CRM_NONE ? s->hi - s->current : 1);
        n++;
    }
    qsort(keys, n, sizeof(*keys), crm__pdf_by_key_desc);
    if (n > 12) {
        n = 12;
    }
    for (i = 0; i < n; i++) {
        bool group = keys[i].c >= set->criterion_count;
        size_t k = group ? keys[i].c - set->criterion_count : keys[i].c;
        const struct crm_weight_stability *s = group ? &an->groups[k] : &an->criteria[k];
        struct line l[1];
        char label[320], range[96], a[32], b[32];

        crm__pdf_need(p, row + 2);
        snprintf(label, sizeof(label), "%s%s", group ? "▣ " : "", crm__pdf_item_name(p, group, k));
        crm__pdf_wrap(p, label, SMALL, group, name_w - 6, l, 1);
        crm__pdf_draw_n(p, p->left, p->y - 9, l[0].start, l[0].len, SMALL, group, p->t->colour_text);
        crm__pdf_rect(p, x0, p->y - 10, w, 7, 0xEEF1F5);
        crm__pdf_rect(p, x0 + w * s->lo, p->y - 10, w * (s->hi - s->lo), 7,
             s->lo_vendor == CRM_NONE && s->hi_vendor == CRM_NONE ? p->t->colour_pass
                                                                  : p->t->colour_primary);
        crm__pdf_rect(p, x0 + w * s->current - 1, p->y - 12, 2, 11, p->t->colour_accent);
        snprintf(range, sizeof(range), "%s – %s", crm__pdf_pct(a, sizeof(a), s->lo, 1),
                 crm__pdf_pct(b, sizeof(b), s->hi, 1));
        crm__pdf_draw(p, p->right - crm__pdf_width(p, range, 6.5, false), p->y - 9, range, 6.5, false,
             p->t->colour_muted);
        p->y -= row;
    }
    crm__pdf_para_at(p, p->left, T(p, "stability_note"), SMALL, false, p->t->colour_muted);
}

/* The tornado's two colours (Okabe-Ito sky blue and orange). */
#define TORNADO_LOW 0x56B4E9
#define TORNADO_HIGH 0xE69F00

/* Tornado: NPV at each input's low and high, around the base NPV. */
void crm__pdf_tornado_chart(struct pdf *p, const struct crm_vendor_tornado *tv)
{
    double name_w = (p->right - p->left) * 0.28;
    double x0 = p->left + name_w, w = p->right - x0 - 4, row = 15;
    double lo = tv->npv, hi = tv->npv, mid = 0;
    size_t k;
    char buf[64];

    for (k = 0; k < tv->bar_count; k++) {
        lo = fmin(lo, fmin(tv->bars[k].npv_low, tv->bars[k].npv_high));
        hi = fmax(hi, fmax(tv->bars[k].npv_low, tv->bars[k].npv_high));
    }
    if (hi - lo <= 0) {
        hi = lo + 1;
    }
    crm__pdf_need(p, row * (double)(tv->bar_count + 2));
    mid = x0 + w * (tv->npv - lo) / (hi - lo);
    for (k = 0; k < tv->bar_count; k++) {
        const struct crm_tornado_bar *b = &tv->bars[k];
        double a = x0 + w * (b->npv_low - lo) / (hi - lo);
        double z = x0 + w * (b->npv_high - lo) / (hi - lo);
        char key[48];
        const char *label = NULL;

        if (b->input == CRM_TORNADO_COST) {
            snprintf(key, sizeof(key), "cat_%s", crm__cost_category_names[b->category]);
            label = T(p, key);
        } else {
            label = T(p, b->input == CRM_TORNADO_BENEFITS ? "in_benefits"
                         : b->input == CRM_TORNADO_SEATS   ? "in_seats"
                                                           : "in_rate");
        }
        crm__pdf_draw_fit(p, p->left, p->y - 10, label, SMALL, 5.5, false, p->t->colour_text,
                          name_w - 6, false);
        /* the input's low and high in two neutral colours: neither is
         * "bad" (a lower cost raises the NPV) */
        crm__pdf_rect(p, fmin(a, mid), p->y - 11, fabs(a - mid), 9, TORNADO_LOW);
        crm__pdf_rect(p, fmin(z, mid), p->y - 11, fabs(z - mid), 9, TORNADO_HIGH);
        p->y -= row;
    }
    crm__pdf_set_stroke(p, p->t->colour_text);
    HPDF_Page_SetLineWidth(p->page, 0.8f);
    HPDF_Page_MoveTo(p->page, (float)mid, (float)(p->y + row * (double)tv->bar_count + 2));
    HPDF_Page_LineTo(p->page, (float)mid, (float)p->y);
    HPDF_Page_Stroke(p->page);
    money_axis(p, x0, w, p->y - 8, lo, hi);
    p->y -= 14;
    {
        char low[96], high[96], pct[16];
        double x = x0;

        crm__pdf_pct(pct, sizeof(pct), p->res->analysis->tornado_range, 0);
        crm__pdf_fill(low, sizeof(low), T(p, "tornado_low"), "range", pct, NULL);
        crm__pdf_fill(high, sizeof(high), T(p, "tornado_high"), "range", pct, NULL);
        x = legend_item(p, x, p->y - 8, TORNADO_LOW, low);
        legend_item(p, x, p->y - 8, TORNADO_HIGH, high);
        crm__pdf_money0(buf, sizeof(buf), tv->npv);
        p->y -= 14;
    }
}

/* Score against cost, efficient vendors highlighted. */
void crm__pdf_frontier_chart(struct pdf *p)
{
    const struct crm_analysis *an = p->res->analysis;
    double h = 180, x0 = p->left + 60, w = p->right - x0 - 10, y0 = 0;
    double cmin = INFINITY, cmax = -INFINITY, smin = 100, smax = 0;
    size_t v, shown = 0, placed = 0;
    double boxes[64][3]; /* x, baseline, width of the labels placed */
    char buf[64];

    for (v = 0; v < p->res->vendor_count; v++) {
        if (!isnan(an->value_cost[v])) {
            cmin = fmin(cmin, an->value_cost[v]);
            cmax = fmax(cmax, an->value_cost[v]);
            smin = fmin(smin, p->res->vendors[v].score);
            smax = fmax(smax, p->res->vendors[v].score);
            shown++;
        }
    }
    /* zoom on the scores shown, with a margin */
    smin = fmax(0, floor(smin / 5) * 5 - 5);
    smax = fmin(100, ceil(smax / 5) * 5 + 5);
    if (shown < 2) {
        return;
    }
    if (cmax - cmin <= 0) {
        cmax = cmin + 1;
    }
    crm__pdf_need(p, h + 40);
    y0 = p->y - h;
    crm__pdf_set_stroke(p, p->t->colour_grid);
    HPDF_Page_SetLineWidth(p->page, 0.5f);
    HPDF_Page_Rectangle(p->page, (float)x0, (float)y0, (float)w, (float)h);
    HPDF_Page_Stroke(p->page);
    for (v = 0; v < p->res->vendor_count; v++) {
        const struct crm_vendor_score *vs = &p->res->vendors[v];
        double x = 0, y = 0;
        char name[300];
        double lw = 0, ly = 0;
        size_t k;
        unsigned colour = vs->knocked_out ? p->t->colour_muted : crm__pdf_vendor_colour(p, vs);

        if (isnan(an->value_cost[v])) {
            continue;
        }
        x = x0 + 6 + (w - 12) * (an->value_cost[v] - cmin) / (cmax - cmin);
        y = y0 + 6 + (h - 12) * (vs->score - smin) / (smax - smin);
        /* efficient vendors are drawn larger */
        crm__pdf_rect(p, x - (an->efficient[v] ? 4 : 2.5), y - (an->efficient[v] ? 4 : 2.5),
                      an->efficient[v] ? 8 : 5, an->efficient[v] ? 8 : 5, colour);
        /* the name beside the point, moved down past labels already placed */
        crm__pdf_chart_label(p, name, sizeof(name), vs);
        lw = fmin(crm__pdf_width(p, name, 6, false), 110);
        ly = y - 2;
        for (k = 0; k < placed; k++) {
            if (fabs(boxes[k][1] - ly) < 7 && x + 5 < boxes[k][0] + boxes[k][2] &&
                boxes[k][0] < x + 5 + lw) {
                ly = boxes[k][1] - 7;
                k = (size_t)-1; /* look again from the first */
            }
        }
        if (x + 5 + lw > x0 + w) {
            x = x - 10 - lw; /* no room on the right: put it on the left */
        }
        crm__pdf_draw_fit(p, x + 5, ly, name, 6, 5, false, p->t->colour_text, 110, false);
        if (placed < 64) {
            boxes[placed][0] = x + 5;
            boxes[placed][1] = ly;
            boxes[placed][2] = lw;
            placed++;
        }
    }
    money_axis(p, x0 + 6, w - 12, y0 - 9, cmin, cmax);
    crm__pdf_draw_fit(p, x0 + w / 4, y0 - 19, T(p, "axis_cost"), 6.5, 5, false, p->t->colour_muted,
                      w / 2, false);
    crm__pdf_draw(p, p->left, y0 + h - 8, T(p, "axis_score"), 6.5, false, p->t->colour_muted);
    {
        /* score ticks at 5-point steps (the range is zoomed to 5s) */
        double step = crm__pdf_nice_step(smax - smin, 4), tick = ceil(smin / step) * step;

        for (; tick <= smax + 1e-9; tick += step) {
            double y = y0 + 6 + (h - 12) * (tick - smin) / (smax - smin);

            crm__snprintf(buf, sizeof(buf), "%.0f", tick);
            crm__pdf_draw(p, x0 - 4 - crm__pdf_width(p, buf, 6.5, false), y - 2, buf, 6.5, false,
                          p->t->colour_muted);
        }
    }
    p->y = y0 - 26;
    crm__pdf_para_at(p, p->left,
            T(p, an->value_basis == CRM_VALUE_PV_COSTS ? "frontier_note" : "frontier_note_licence"),
            SMALL, false, p->t->colour_muted);
}

/* The NPV distribution of one vendor: histogram bars and the S-curve
 * (cumulative share, right axis). */
void crm__pdf_npv_distribution(struct pdf *p, const struct crm_sim_vendor *sv)
{
    double h = 150, x0 = p->left + 40, w = p->right - x0 - 40, y0 = 0;
    unsigned most = 1;
    size_t b;

    for (b = 0; b < CRM_SIM_HIST_BINS; b++) {
        most = sv->hist[b] > most ? sv->hist[b] : most;
    }
    crm__pdf_need(p, h + 40);
    y0 = p->y - h;
    for (b = 0; b < CRM_SIM_HIST_BINS; b++) {
        double bw = w / CRM_SIM_HIST_BINS;

        crm__pdf_rect(p, x0 + bw * (double)b + 1, y0, bw - 2,
             h * (double)sv->hist[b] / (double)most, 0xC9D6E3);
    }
    crm__pdf_set_stroke(p, p->t->colour_accent);
    HPDF_Page_SetLineWidth(p->page, 1.4f);
    for (b = 0; b < CRM_SIM_CURVE_POINTS; b++) {
        double span = sv->hist_hi - sv->hist_lo;
        double x = x0 + (span > 0 ? w * (sv->curve[b] - sv->hist_lo) / span : w / 2);
        double y = y0 + h * (double)b / (CRM_SIM_CURVE_POINTS - 1);

        if (b == 0) {
            HPDF_Page_MoveTo(p->page, (float)x, (float)y);
        } else {
            HPDF_Page_LineTo(p->page, (float)x, (float)y);
        }
    }
    HPDF_Page_Stroke(p->page);
    if (sv->hist_lo < 0 && sv->hist_hi > 0) {
        double x = x0 + w * (0 - sv->hist_lo) / (sv->hist_hi - sv->hist_lo);

        crm__pdf_set_stroke(p, p->t->colour_text);
        HPDF_Page_SetLineWidth(p->page, 0.6f);
        HPDF_Page_MoveTo(p->page, (float)x, (float)y0);
        HPDF_Page_LineTo(p->page, (float)x, (float)(y0 + h));
        HPDF_Page_Stroke(p->page);
    }
    if (sv->hist_hi > sv->hist_lo) {
        money_axis(p, x0, w, y0 - 9, sv->hist_lo, sv->hist_hi);
    }
    crm__pdf_draw(p, x0 + w + 4, y0 + h - 6, "100%", 6.5, false, p->t->colour_accent);
    crm__pdf_draw(p, x0 + w + 4, y0 + h / 2 - 3, "50%", 6.5, false, p->t->colour_accent);
    crm__pdf_draw(p, x0 + w + 4, y0, "0%", 6.5, false, p->t->colour_accent);
    p->y = y0 - 22;
    legend_item(p, legend_item(p, x0, p->y, 0xC9D6E3, T(p, "hist_bars")), p->y,
                p->t->colour_accent, T(p, "hist_curve"));
    p->y -= 10;
    crm__pdf_para_at(p, p->left, T(p, "npv_dist_note"), SMALL, false, p->t->colour_muted);
}
