/*
 * Page layout: text measured and drawn in runs (Latin text in the Latin
 * font, Chinese in the CJK font, with each font's own glyph widths),
 * wrapped to a width; pages with their footer; headings, paragraphs,
 * bullets; tables that repeat their header on each page and wrap their
 * cells. A block asks for the height it needs first (need), so a page
 * break never cuts through it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/pdf/internal.h"
#include "util/strutil.h"

/* Chinese, Japanese and Korean characters: drawn in the CJK font, and a
 * line may break between any two of them. */
static bool is_cjk(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFFEF) || cp >= 0x20000;
}

/* The script of @p cp that needs a font of its own, or -1. */
int crm__pdf_script_of(uint32_t cp)
{
    if ((cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
        (cp >= 0xFB50 && cp <= 0xFDFF) || (cp >= 0xFE70 && cp <= 0xFEFF)) {
        return CRM_PDF_ARABIC;
    }
    if ((cp >= 0x0590 && cp <= 0x05FF) || (cp >= 0xFB1D && cp <= 0xFB4F)) {
        return CRM_PDF_HEBREW;
    }
    if (cp >= 0x0900 && cp <= 0x097F) {
        return CRM_PDF_DEVANAGARI;
    }
    if (cp >= 0x0E00 && cp <= 0x0E7F) {
        return CRM_PDF_THAI;
    }
    /* Hangul syllables and jamo: WenQuanYi Zen Hei lists them, but libharu
     * 2.3 draws them blank, so they need a font of their own */
    if ((cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x1100 && cp <= 0x11FF) ||
        (cp >= 0x3130 && cp <= 0x318F) || (cp >= 0xA960 && cp <= 0xA97F) ||
        (cp >= 0xD7B0 && cp <= 0xD7FF)) {
        return CRM_PDF_HANGUL;
    }
    return -1;
}

/* Whether right-to-left text (Hebrew, Arabic). */
bool crm__pdf_is_rtl(uint32_t cp)
{
    int s = crm__pdf_script_of(cp);

    return s == CRM_PDF_ARABIC || s == CRM_PDF_HEBREW;
}

/* The font that draws @p cp: a script's own font when loaded, the CJK font
 * for Chinese and Korean, else the Latin one. */
HPDF_Font crm__pdf_font_for(const struct pdf *p, uint32_t cp, bool bold)
{
    int s = crm__pdf_script_of(cp);

    if (s >= 0 && p->script[s] != NULL) {
        return p->script[s];
    }
    return is_cjk(cp) ? p->cjk : (bold ? p->bold : p->latin);
}

/* Whether @p f has a glyph for @p cp: libharu's own cmap lookup (a
 * missing glyph is glyph 0, drawn as an empty box or nothing). libharu's
 * UTF-8 text is 16-bit: nothing beyond U+FFFF (emoji) can be drawn. */
bool crm__pdf_has_glyph(HPDF_Font f, uint32_t cp)
{
    HPDF_FontAttr attr = f != NULL ? (HPDF_FontAttr)f->attr : NULL;

    if (cp < 0x20) {
        return true; /* line breaks and tabs are never drawn */
    }
    if (cp > 0xFFFF || attr == NULL || attr->fontdef == NULL) {
        return false;
    }
    return HPDF_TTFontDef_GetGlyphid(attr->fontdef, (HPDF_UINT16)cp) != 0;
}

static HPDF_Font font_for(const struct pdf *p, uint32_t cp, bool bold)
{
    return crm__pdf_font_for(p, cp, bold);
}

/* The font of the character at @p s, where a space between two
 * right-to-left characters belongs to their run: a right-to-left phrase
 * is one run, drawn reversed as a whole (draw_n). */
static HPDF_Font run_font(const struct pdf *p, const char *s, const char *start, bool bold)
{
    const char *peek = s;
    uint32_t cp = (uint32_t)crm__utf8_next(&peek);

    if (cp == ' ' && s > start) {
        const char *back = s - 1, *next = peek;
        uint32_t after = 0, before = 0;

        while (back > start && ((unsigned char)*back & 0xC0) == 0x80) {
            back--; /* to the start of the previous character */
        }
        before = (uint32_t)crm__utf8_next(&back);
        while (*next == ' ') {
            next++;
        }
        after = *next != '\0' ? (uint32_t)crm__utf8_next(&next) : 0;
        if (crm__pdf_is_rtl(before) && crm__pdf_is_rtl(after)) {
            return font_for(p, before, bold);
        }
    }
    return font_for(p, cp, bold);
}

/* Reverse the characters of @p s (@p len bytes, whole characters) into
 * @p out: a right-to-left run in visual order, as PDF text is drawn left
 * to right. Letters are not joined (libharu does no shaping). */
static void reverse_run(const char *s, size_t len, char *out)
{
    const char *end = s + len;
    size_t at = len;

    out[len] = '\0';
    while (s < end) {
        const char *q = s;
        size_t n = 0;

        crm__utf8_next(&q);
        n = (size_t)(q - s);
        at -= n;
        memcpy(out + at, s, n);
        s = q;
    }
}

/* The advance of @p cp at @p size in the font that draws it. */
static double cp_width(const struct pdf *p, uint32_t cp, double size, bool bold)
{
    HPDF_Font f = font_for(p, cp, bold);

    return HPDF_Font_GetUnicodeWidth(f, (HPDF_UNICODE)cp) * size / 1000.0;
}

/* The width of @p n bytes of @p s as drawn, run by run in their fonts. */
double crm__pdf_width_n(const struct pdf *p, const char *s, size_t n,
                      double size, bool bold)
{
    const char *end = s + n;
    double w = 0;

    while (s < end && *s != '\0') {
        w += cp_width(p, (uint32_t)crm__utf8_next(&s), size, bold);
    }
    return w;
}

double crm__pdf_width(const struct pdf *p, const char *s, double size, bool bold)
{
    return crm__pdf_width_n(p, s, strlen(s), size, bold);
}

/* Fill colour from 0xRRGGBB. */
static void set_colour(struct pdf *p, unsigned rgb)
{
    HPDF_Page_SetRGBFill(p->page, (float)((rgb >> 16) & 255) / 255.0f,
                         (float)((rgb >> 8) & 255) / 255.0f,
                         (float)(rgb & 255) / 255.0f);
}

void crm__pdf_set_stroke(struct pdf *p, unsigned rgb)
{
    HPDF_Page_SetRGBStroke(p->page, (float)((rgb >> 16) & 255) / 255.0f,
                           (float)((rgb >> 8) & 255) / 255.0f,
                           (float)(rgb & 255) / 255.0f);
}

/*
 * libharu's UTF-8 encoder mallocs twice the bytes of each text run for the
 * encoded text and writes to it unchecked (UTF8_Encoder_EncodeText_Func in
 * hpdf_encoder_utf.c, 2.3.0 and upstream alike): its failure would be a
 * crash. HPDF_Page_ShowText encodes each run twice (to measure it, then to
 * write it). So two blocks of that size are allocated and freed just
 * before: glibc keeps freed chunks in its per-thread cache and hands them
 * to libharu's requests, which cannot fail then. False (out of memory
 * noted) when a probe itself fails.
 */
static bool reserve_encoding(size_t len)
{
    /* two: HPDF_Page_ShowText encodes the run twice, once to measure it */
    void *probe = malloc(len * 2), *second = probe != NULL ? malloc(len * 2) : NULL;

    if (second == NULL) {
        free(probe);
        crm__pdf_note_out_of_memory();
        return false;
    }
    free(second);
    free(probe);
    return true;
}

/* Draw @p n bytes of @p s with its baseline at (x, y), one run per font. */
void crm__pdf_draw_n(struct pdf *p, double x, double y, const char *s, size_t n,
                   double size, bool bold, unsigned colour)
{
    const char *end = s + n, *run = s;
    char buf[1024], rev[1024];

    if (!crm__pdf_ok(p)) {
        return; /* nothing of a failed report is kept */
    }
    set_colour(p, colour);
    HPDF_Page_BeginText(p->page);
    if (!crm__pdf_ok(p)) {
        return;
    }
    while (run < end && *run != '\0' && crm__pdf_ok(p)) {
        const char *q = run;
        HPDF_Font f = NULL;
        size_t len = 0;

        f = run_font(p, q, s, bold);
        while (q < end && *q != '\0') {
            const char *peek = q;

            if (run_font(p, q, s, bold) != f) {
                break;
            }
            crm__utf8_next(&peek);
            q = peek;
        }
        len = (size_t)(q - run);
        if (len >= sizeof(buf)) {
            len = crm__utf8_cut(run, sizeof(buf) - 1); /* whole characters */
        }
        memcpy(buf, run, len);
        buf[len] = '\0';
        {
            const char *peek = buf;

            if (crm__pdf_is_rtl((uint32_t)crm__utf8_next(&peek))) {
                reverse_run(buf, len, rev); /* right to left */
                memcpy(buf, rev, len + 1);
            }
        }
        HPDF_Page_SetFontAndSize(p->page, f, (float)size);
        if (!crm__pdf_ok(p)) {
            break; /* libharu failed (out of memory): its state may hold a NULL */
        }
        /* right before the call it protects: nothing in between may take
         * the reserved chunk (SetFontAndSize can allocate) */
        if (!reserve_encoding(len)) {
            break;
        }
        HPDF_Page_TextOut(p->page, (float)x, (float)y, buf);
        x += crm__pdf_width_n(p, run, len, size, bold);
        run += len;
    }
    HPDF_Page_EndText(p->page);
}

void crm__pdf_draw(struct pdf *p, double x, double y, const char *s, double size,
                 bool bold, unsigned colour)
{
    crm__pdf_draw_n(p, x, y, s, strlen(s), size, bold, colour);
}

/*
 * The bytes of @p s that fit in @p max_w with an ellipsis after them, cut at
 * a whole character: for a line that has no room to wrap (a footer, a
 * chart's label). All of @p s when it fits; *cut says whether it did not.
 */
static size_t fit_len(const struct pdf *p, const char *s, double size, bool bold,
                      double max_w, bool *cut)
{
    double room = max_w - crm__pdf_width(p, "…", size, bold), w = 0;
    const char *q = s, *last = s;

    *cut = crm__pdf_width(p, s, size, bold) > max_w;
    if (!*cut) {
        return strlen(s);
    }
    while (*q != '\0') {
        const char *peek = q;

        w += cp_width(p, (uint32_t)crm__utf8_next(&peek), size, bold);
        if (w > room) {
            break;
        }
        last = q = peek;
    }
    return (size_t)(last - s);
}

/*
 * Draw @p s on one line in at most @p max_w from @p x (or ending at x +
 * max_w when @p right): at @p size when it fits, else shrunk down to
 * @p min_size, else cut with an ellipsis. Never wider than the box, so a
 * long name cannot run over a chart or a margin. Returns the width drawn.
 */
double crm__pdf_draw_fit(struct pdf *p, double x, double y, const char *s, double size,
                         double min_size, bool bold, unsigned colour, double max_w,
                         bool right)
{
    double w = crm__pdf_width(p, s, size, bold);
    char buf[1024];
    bool cut = false;
    size_t len = 0;

    if (w > max_w && w > 0) {
        size = fmax(min_size, size * max_w / w * 0.999);
    }
    len = fit_len(p, s, size, bold, max_w, &cut);
    if (len >= sizeof(buf) - 4) {
        len = crm__utf8_cut(s, sizeof(buf) - 4);
    }
    memcpy(buf, s, len);
    strcpy(buf + len, cut ? "…" : "");
    w = crm__pdf_width(p, buf, size, bold);
    crm__pdf_draw(p, right ? x + max_w - w : x, y, buf, size, bold, colour);
    return w;
}

/* Whether the character at @p s may not start a line (Chinese closing
 * punctuation: ，。、；：？！）」』】》 and the full-width period): a line
 * never breaks before it. */
static bool closing_punct(const char *s)
{
    static const uint32_t marks[] = { 0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F,
                                      0xFF01, 0xFF09, 0x300D, 0x300F, 0x3011, 0x300B,
                                      0xFF0E };
    uint32_t cp = (uint32_t)crm__utf8_next(&s);
    size_t i;

    for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
        if (cp == marks[i]) {
            return true;
        }
    }
    return false;
}

/*
 * Break @p s into lines of at most @p max_w: at spaces for Latin text, and
 * between any two Chinese characters, never before closing punctuation. A
 * word longer than a line is cut.
 */
size_t crm__pdf_wrap(const struct pdf *p, const char *s, double size, bool bold,
                   double max_w, struct line *lines, size_t max_lines)
{
    size_t n = 0;

    if (max_lines > 0) {
        /* an empty text gives no lines, but callers may draw lines[0] */
        lines[0].start = s;
        lines[0].len = 0;
    }

    while (*s != '\0' && n < max_lines) {
        const char *q = s, *brk = NULL;
        double w = 0;

        while (*q == ' ') {
            q++;
        }
        s = q;
        while (*q != '\0' && *q != '\n') {
            const char *peek = q;
            uint32_t cp = (uint32_t)crm__utf8_next(&peek);
            double cw = cp_width(p, cp, size, bold);

            if (w + cw > max_w && q > s) {
                break;
            }
            if (cp == ' ' || (is_cjk(cp) && !closing_punct(peek))) {
                brk = cp == ' ' ? q : peek;
            }
            w += cw;
            q = peek;
        }
        if (*q != '\0' && *q != '\n' && brk != NULL && brk > s) {
            q = brk;
        }
        lines[n].start = s;
        lines[n].len = (size_t)(q - s);
        while (lines[n].len > 0 && s[lines[n].len - 1] == ' ') {
            lines[n].len--;
        }
        n++;
        s = *q == '\n' ? q + 1 : q;
    }
    if (*s != '\0' && n == max_lines && n > 0) {
        lines[n - 1].len = strlen(lines[n - 1].start); /* overflow: keep text */
    }
    return n;
}

/* ---- pages ---- */

/*
 * The footer of the current page: the title and who prepared it on the
 * left, "page n of N" on the right. Drawn on every page once all pages
 * exist (crm__pdf_footers), since N is known only then. The title is cut
 * with an ellipsis where it would reach the page number.
 */
static void footer(struct pdf *p, int total)
{
    char buf[512], num[16], all[16];
    const char *who = p->t->firm ? p->t->firm : (p->ev->prepared_by ? p->ev->prepared_by : "");
    double num_w = 0;

    snprintf(num, sizeof(num), "%d", p->page_no);
    snprintf(all, sizeof(all), "%d", total);
    crm__pdf_set_stroke(p, p->t->colour_grid);
    HPDF_Page_SetLineWidth(p->page, 0.5f);
    HPDF_Page_MoveTo(p->page, (float)p->left, (float)(p->bottom - 14));
    HPDF_Page_LineTo(p->page, (float)p->right, (float)(p->bottom - 14));
    HPDF_Page_Stroke(p->page);
    crm__pdf_fill(buf, sizeof(buf), T(p, "page_n_of"), "n", num, "total", all, NULL);
    num_w = crm__pdf_width(p, buf, SMALL, false);
    crm__pdf_draw(p, p->right - num_w, p->bottom - 26, buf, SMALL, false, p->t->colour_muted);
    snprintf(buf, sizeof(buf), "%s%s%s", p->ev->title, who[0] ? " · " : "", who);
    crm__pdf_draw_fit(p, p->left, p->bottom - 26, buf, SMALL, SMALL, false, p->t->colour_muted,
                      p->right - p->left - num_w - 16, false);
}

/* The footers of all pages, "page n of N", once the last page exists. */
void crm__pdf_footers(struct pdf *p)
{
    int total = p->page_no, i;

    for (i = 0; i < total && crm__pdf_ok(p); i++) {
        p->page = p->pages[i];
        p->page_no = i + 1;
        footer(p, total);
    }
    p->page_no = total;
}

/* A new page, unless the report is already failing or at its page limit
 * (then the drawing that follows goes to the last page and is thrown away
 * with the document). */
void crm__pdf_new_page(struct pdf *p)
{
    HPDF_Page page = NULL;

    if (!crm__pdf_ok(p)) {
        return;
    }
    if (p->page_no >= p->max_pages) {
        crm__pdf_fail(p, CRM_EINPUT,
                 "the PDF report needs more than %d pages, the limit (a PDF library "
                 "limit lies not far beyond, and no board reads that many); evaluate "
                 "fewer vendors or criteria, or leave sections out of the template",
                 p->max_pages);
        return;
    }
    page = HPDF_AddPage(p->doc);
    if (page == NULL) {
        crm__pdf_fail(p, CRM_EIO, "adding page %d failed (libharu error 0x%04X)", p->page_no + 1,
                 (unsigned)p->error);
        return;
    }
    p->page = page;
    p->pages[p->page_no] = page; /* for the footers, drawn at the end */
    if (!crm__pdf_hpdf_ok(p, HPDF_Page_SetWidth(p->page, (float)p->t->page_width), "setting the page width") ||
        !crm__pdf_hpdf_ok(p, HPDF_Page_SetHeight(p->page, (float)p->t->page_height),
                 "setting the page height")) {
        return;
    }
    p->page_no++;
    p->y = p->top;
}

/* Make room for a block of height @p h: a new page when it does not fit. */
void crm__pdf_need(struct pdf *p, double h)
{
    if (p->y - h < p->bottom) {
        crm__pdf_new_page(p);
    }
}

void crm__pdf_gap(struct pdf *p, double h)
{
    p->y -= h;
}

/* A paragraph in the content width from @p x (indent), wrapped. */
void crm__pdf_para_at(struct pdf *p, double x, const char *s, double size,
                    bool bold, unsigned colour)
{
    struct line lines[MAX_LINES];
    double lh = size * LINE_GAP;

    /* in batches of MAX_LINES - 1 lines: the last line of a full batch
     * holds the rest of the text, wrapped again in the next batch */
    while (*s != '\0' && crm__pdf_ok(p)) {
        size_t n = crm__pdf_wrap(p, s, size, bold, p->right - x, lines, MAX_LINES), i;
        /* wrap keeps all that is left on its last line: wider than the
         * line when the text goes on */
        bool more = n == MAX_LINES && crm__pdf_width_n(p, lines[n - 1].start, lines[n - 1].len,
                                                       size, bold) > p->right - x + 0.5;

        /* a short paragraph is never split; a long one leaves no line
         * alone at the top of a page (a widow) */
        if (!more && n <= 8) {
            crm__pdf_need(p, lh * (double)n);
        }
        for (i = 0; i < n - (more ? 1 : 0); i++) {
            crm__pdf_need(p, i + 3 == n && !more ? 3 * lh : lh);
            crm__pdf_draw_n(p, x, p->y - size, lines[i].start, lines[i].len, size, bold,
                   colour);
            p->y -= lh;
        }
        if (!more || n == 0) {
            break;
        }
        s = lines[n - 1].start;
    }
}

/* A body paragraph across the content width. */
void crm__pdf_para(struct pdf *p, const char *s)
{
    crm__pdf_para_at(p, p->left, s, BODY, false, p->t->colour_text);
}

/* A bulleted paragraph, indented. */
void crm__pdf_bullet(struct pdf *p, const char *s)
{
    crm__pdf_need(p, BODY * LINE_GAP);
    crm__pdf_draw(p, p->left + 4, p->y - BODY, "•", BODY, false, p->t->colour_accent);
    crm__pdf_para_at(p, p->left + 14, s, BODY, false, p->t->colour_text);
}

/*
 * Start a heading of height @p h on a new page when it would sit in the
 * bottom 15% of the page or could not keep a fifth of a page of what
 * follows with it (a table keeps no more than that with its header): a
 * heading is never the last thing on a page.
 */
static void keep_heading(struct pdf *p, double h)
{
    double floor = fmax(p->t->page_height * 0.15, p->bottom + 0.2 * (p->top - p->bottom));

    if (p->y - h < floor) {
        crm__pdf_new_page(p);
    }
}

/* A bookmark for the heading at the cursor, under @p parent (NULL: top
 * level), pointing at the heading's place on its page. */
static HPDF_Outline bookmark(struct pdf *p, HPDF_Outline parent, const char *s)
{
    HPDF_Outline o = NULL;
    HPDF_Destination dst = NULL;

    if (!crm__pdf_ok(p) || !reserve_encoding(strlen(s))) {
        return NULL;
    }
    o = HPDF_CreateOutline(p->doc, parent, s, HPDF_GetEncoder(p->doc, "UTF-8"));
    dst = o != NULL ? HPDF_Page_CreateDestination(p->page) : NULL;
    if (dst == NULL) {
        return NULL; /* the error handler has it */
    }
    HPDF_Destination_SetFitH(dst, (float)(p->y + 4));
    HPDF_Outline_SetDestination(o, dst);
    HPDF_Outline_SetOpened(o, HPDF_FALSE);
    return o;
}

/* A top-level heading: wrapped (never past the margin), ruled, in the
 * outline and the table of contents. */
void crm__pdf_h1(struct pdf *p, const char *s)
{
    struct line lines[4];
    size_t n = crm__pdf_wrap(p, s, H1, true, p->right - p->left, lines, 4), i;
    double size = H1;

    if (n > 2) { /* a long title: smaller rather than a third line */
        size = H1 * 0.8;
        n = crm__pdf_wrap(p, s, size, true, p->right - p->left, lines, 4);
    }
    keep_heading(p, size * LINE_GAP * (double)n + 10);
    p->outline = bookmark(p, NULL, s);
    if (p->toc_count < MAX_TOC) {
        struct toc_entry *e = &p->toc[p->toc_count++];

        crm__snprintf(e->title, sizeof(e->title), "%s", s);
        e->page = p->page;
        e->page_no = p->page_no;
        e->y = p->y;
    }
    for (i = 0; i < n; i++) {
        crm__pdf_draw_n(p, p->left, p->y - size, lines[i].start, lines[i].len, size, true,
                        p->t->colour_primary);
        p->y -= size * (i + 1 < n ? LINE_GAP : 1.4);
    }
    crm__pdf_set_stroke(p, p->t->colour_primary);
    HPDF_Page_SetLineWidth(p->page, 1.2f);
    HPDF_Page_MoveTo(p->page, (float)p->left, (float)p->y);
    HPDF_Page_LineTo(p->page, (float)p->right, (float)p->y);
    HPDF_Page_Stroke(p->page);
    p->y -= 10;
}

/* A second-level heading: wrapped, kept with what follows, bookmarked
 * under its section. */
void crm__pdf_h2(struct pdf *p, const char *s)
{
    struct line lines[4];
    size_t n = crm__pdf_wrap(p, s, H2, true, p->right - p->left, lines, 4);

    keep_heading(p, H2 * LINE_GAP * (double)n + 7);
    p->y -= 4;
    if (p->outline != NULL) {
        bookmark(p, p->outline, s);
    }
    crm__pdf_para_at(p, p->left, s, H2, true, p->t->colour_primary);
    p->y -= 3;
}

/* A second-level heading kept on one page with the @p h points of chart
 * (or table) that follow it: a heading never stands alone above a page
 * break. */
void crm__pdf_h2_keep(struct pdf *p, const char *s, double h)
{
    struct line lines[4];
    size_t n = crm__pdf_wrap(p, s, H2, true, p->right - p->left, lines, 4);

    crm__pdf_need(p, H2 * LINE_GAP * (double)n + 7 + h);
    crm__pdf_h2(p, s);
}

/*
 * The table of contents, on the page document.c kept for it after the
 * cover: one line per top-level heading with its page number, each line a
 * link to the heading.
 */
void crm__pdf_contents(struct pdf *p)
{
    HPDF_Page page = p->page;
    double y = 0;
    size_t i;

    if (p->toc_page == NULL || !crm__pdf_ok(p)) {
        return;
    }
    p->page = p->toc_page;
    y = p->top - H1;
    crm__pdf_draw(p, p->left, y, T(p, "contents_title"), H1, true, p->t->colour_primary);
    y -= 24;
    for (i = 0; i < p->toc_count && y > p->bottom && crm__pdf_ok(p); i++) {
        const struct toc_entry *e = &p->toc[i];
        char num[16];
        double nw = 0;
        HPDF_Destination dst = NULL;
        HPDF_Rect r;

        snprintf(num, sizeof(num), "%d", e->page_no);
        nw = crm__pdf_width(p, num, BODY + 1, false);
        crm__pdf_draw_fit(p, p->left, y, e->title, BODY + 1, BODY - 1, false, p->t->colour_text,
                          p->right - p->left - nw - 20, false);
        crm__pdf_draw(p, p->right - nw, y, num, BODY + 1, false, p->t->colour_text);
        dst = HPDF_Page_CreateDestination(e->page);
        if (dst != NULL) {
            HPDF_Destination_SetFitH(dst, (float)(e->y + 4));
            r.left = (float)p->left;
            r.right = (float)p->right;
            r.bottom = (float)(y - 3);
            r.top = (float)(y + BODY + 2);
            HPDF_LinkAnnot_SetBorderStyle(HPDF_Page_CreateLinkAnnot(p->page, r, dst), 0, 0, 0);
        }
        y -= (BODY + 1) * 1.9;
    }
    p->page = page;
}

void crm__pdf_rect(struct pdf *p, double x, double y, double w, double h,
                 unsigned colour)
{
    set_colour(p, colour);
    HPDF_Page_Rectangle(p->page, (float)x, (float)y, (float)w, (float)h);
    HPDF_Page_Fill(p->page);
}

static void hline(struct pdf *p, double y, unsigned colour, double w)
{
    crm__pdf_set_stroke(p, colour);
    HPDF_Page_SetLineWidth(p->page, (float)w);
    HPDF_Page_MoveTo(p->page, (float)p->left, (float)y);
    HPDF_Page_LineTo(p->page, (float)p->right, (float)y);
    HPDF_Page_Stroke(p->page);
}

/* A table whose headings are the texts of these keys (templates/text). */
void crm__pdf_table_init_keys(struct pdf *p, struct table *t, size_t cols,
                            const char *const *keys, const double *weights,
                            const bool *right, double size)
{
    const char *head[MAX_COLS];
    size_t c;

    for (c = 0; c < cols && c < MAX_COLS; c++) {
        head[c] = T(p, keys[c]);
    }
    crm__pdf_table_init(p, t, cols, head, weights, right, size);
}

static double longest_word(const struct pdf *p, const char *s, double size, bool bold);

/* A table whose column widths share the content width by @p weights. */
void crm__pdf_table_init(struct pdf *p, struct table *t, size_t cols,
                       const char *const *head, const double *weights,
                       const bool *right, double size)
{
    double total = 0;
    size_t i;

    memset(t, 0, sizeof(*t));
    t->cols = cols < MAX_COLS ? cols : MAX_COLS;
    t->size = size;
    for (i = 0; i < t->cols; i++) {
        total += weights[i];
    }
    t->head_size = size;
    for (i = 0; i < t->cols; i++) {
        double word = 0;

        t->head[i] = head[i];
        t->w[i] = (p->right - p->left) * weights[i] / total;
        t->right[i] = right != NULL && right[i];
        /* a heading breaks between words, never inside one: the header's
         * font shrinks until its longest word fits its column */
        word = longest_word(p, head[i], size, true);
        if (word > t->w[i] - 6 && word > 0) {
            t->head_size = fmin(t->head_size, fmax(4.5, size * (t->w[i] - 6) / word));
        }
    }
}

/* The height of a row: its most wrapped cell (the header at its own size). */
static double row_height(const struct pdf *p, const struct table *t,
                         const char *const *cells, bool bold);

/* Width of the longest word of @p s (where a line may break). */
static double longest_word(const struct pdf *p, const char *s, double size,
                           bool bold)
{
    double best = 0, cur = 0;

    while (*s != '\0') {
        uint32_t cp = (uint32_t)crm__utf8_next(&s);

        if (cp == ' ' || is_cjk(cp)) {
            cur = is_cjk(cp) ? cp_width(p, cp, size, bold) : 0;
        } else {
            cur += cp_width(p, cp, size, bold);
        }
        best = fmax(best, cur);
    }
    return best;
}

/*
 * Column widths from the content: numbers and short cells are never
 * broken, headers break only between words. When the natural widths do not
 * fit, the font shrinks (not below 5.5 pt) before anything is cut.
 * @p cells is rows x cols, row-major.
 */
void crm__pdf_table_fit(struct pdf *p, struct table *t, size_t cols,
                      const char *const *head, const char *const *cells,
                      size_t rows, const bool *right, double size,
                      const bool *wrap_ok)
{
    double natural[MAX_COLS], avail = p->right - p->left, total = 0;
    size_t c, r, round;

    /* Text width scales with the font size; the 8 pt padding does not. */
    for (round = 0; round < 4; round++) {
        double padding = 8.0 * (double)cols;

        total = 0;
        for (c = 0; c < cols && c < MAX_COLS; c++) {
            double w = longest_word(p, head[c], size, true);

            for (r = 0; r < rows; r++) {
                const char *cell = cells[r * cols + c] ? cells[r * cols + c] : "";
                double cw = wrap_ok != NULL && wrap_ok[c]
                                ? fmin(crm__pdf_width(p, cell, size, false), avail / 3)
                                : crm__pdf_width(p, cell, size, false);

                w = fmax(w, cw);
            }
            natural[c] = w + 8;
            total += natural[c];
        }
        if (total <= avail || size <= 5.5 || total <= padding) {
            break;
        }
        size = fmax(5.5, size * (avail - padding) / (total - padding) * 0.98);
    }
    crm__pdf_table_init(p, t, cols, head, natural, right, size);
    /* the header and the first rows (all of a short table) stay together */
    t->keep = row_height(p, t, head, true);
    for (r = 0; r < rows && r < 6; r++) {
        t->keep += row_height(p, t, cells + r * cols, false);
    }
}

/* Height of a row of cells, wrapped in their columns. */
static double row_height(const struct pdf *p, const struct table *t,
                         const char *const *cells, bool bold)
{
    struct line lines[MAX_LINES];
    size_t i, most = 1;
    double size = bold ? t->head_size : t->size;

    for (i = 0; i < t->cols; i++) {
        size_t n = crm__pdf_wrap(p, cells[i] ? cells[i] : "", size, bold,
                        t->w[i] - 6, lines, MAX_LINES);

        if (n > most) {
            most = n;
        }
    }
    return (double)most * size * LINE_GAP + 5;
}

/* Draw a row of @p h points at the cursor, each cell wrapped in its column,
 * numbers right-aligned, then a rule under it. */
static void row_draw(struct pdf *p, const struct table *t,
                     const char *const *cells, bool bold, unsigned colour,
                     double h, bool shade)
{
    struct line lines[MAX_LINES];
    double x = p->left, size = bold ? t->head_size : t->size;
    size_t i, k;

    if (shade) {
        crm__pdf_rect(p, p->left, p->y - h, p->right - p->left, h, 0xF3F6FA);
    }
    for (i = 0; i < t->cols; i++) {
        size_t n = crm__pdf_wrap(p, cells[i] ? cells[i] : "", size, bold,
                        t->w[i] - 6, lines, MAX_LINES);

        for (k = 0; k < n; k++) {
            double lw = crm__pdf_width_n(p, lines[k].start, lines[k].len, size, bold);
            double tx = t->right[i] ? x + t->w[i] - 3 - lw : x + 3;

            crm__pdf_draw_n(p, tx, p->y - 3 - size - (double)k * size * LINE_GAP,
                   lines[k].start, lines[k].len, size, bold, colour);
        }
        x += t->w[i];
    }
    p->y -= h;
    hline(p, p->y, p->t->colour_grid, 0.4);
}

/* The header row, on a page with room for it and a few rows. */
static void table_header(struct pdf *p, struct table *t)
{
    double h = row_height(p, t, t->head, true);

    crm__pdf_need(p, h + t->size * 3);
    crm__pdf_rect(p, p->left, p->y - h, p->right - p->left, h, p->t->colour_primary);
    row_draw(p, t, t->head, true, 0xFFFFFF, h, false);
    t->header_drawn = true;
}

/* One row (row @p index of t->rows when the caller said how many); the
 * header is repeated at the top of every new page. */
void crm__pdf_table_row(struct pdf *p, struct table *t, const char *const *cells,
                      size_t index)
{
    double h = row_height(p, t, cells, false);
    int page = 0;

    if (!t->header_drawn) {
        /* the header with the first rows, never alone at a page's foot */
        crm__pdf_need(p, fmin(t->keep, (p->top - p->bottom) * 0.2));
        table_header(p, t);
    }
    page = p->page_no;
    /* a table's last three rows go together (by this row's height): a page
     * holding its last row or two and nothing else reads as a mistake */
    crm__pdf_need(p, t->rows > 3 && index + 3 == t->rows ? 3 * h : h);
    if (p->page_no != page) {
        table_header(p, t);
    }
    t->row_top = p->y;
    row_draw(p, t, cells, false, p->t->colour_text, h, index % 2 == 1);
    t->row_bottom = p->y;
}

/* Make column @p col of the last row of @p t a link to @p url (http or
 * https only): a click opens the evidence. */
void crm__pdf_table_link(struct pdf *p, const struct table *t, size_t col, const char *url)
{
    HPDF_Rect r;
    double x = p->left;
    size_t i;

    if (url == NULL || col >= t->cols || !crm__pdf_ok(p) ||
        (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)) {
        return;
    }
    for (i = 0; i < col; i++) {
        x += t->w[i];
    }
    r.left = (float)x;
    r.right = (float)(x + t->w[col]);
    r.bottom = (float)t->row_bottom;
    r.top = (float)t->row_top;
    if (reserve_encoding(strlen(url))) {
        HPDF_Annotation a = HPDF_Page_CreateURILinkAnnot(p->page, r, url);

        if (a != NULL) {
            HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
        }
    }
}
