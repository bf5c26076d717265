/*
 * The PDF comparison report, rendered with libharu. This is the only module
 * that includes <hpdf.h>.
 *
 * Layout is a simple flow: a cursor moves down the page and every block
 * (paragraph, table row, chart) asks for the height it needs first, so a
 * page break never cuts through it; tables repeat their header on each
 * page and wrap long cells. Text is drawn in runs: Latin text in the Latin
 * font, Chinese in the CJK font (a CJK TrueType font has poor Latin
 * metrics), and widths come from the fonts' own glyph metrics.
 *
 * Determinism: no clock is read; the creation date is the evaluation's
 * date, so the same inputs give a byte-identical PDF.
 */
#include <errno.h>
#include <hpdf.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crmeval/limits.h"
#include "crmeval/report.h"
#include "crmeval/version.h"
#include "analysis/sensitivity.h"
#include "analysis/simulate.h"
#include "report/pdf.h"
#include "report/conventions.h"
#include "score/score.h"
#include "util/fileio.h"
#include "util/strutil.h"


#define LINE_GAP 1.25      /* line height = size x LINE_GAP */
#define BODY 9.5
#define SMALL 7.5
#define H1 17
#define H2 12.5
#define MAX_COLS 24
#define MAX_LINES 64
#define PI 3.14159265358979323846

struct pdf {
    HPDF_Doc doc;
    HPDF_Page page;
    HPDF_Font latin, bold, cjk;
    const struct crm_template *t;
    const struct crm_result *res;
    const struct crm_evaluation *ev;
    crm_diags *diags;
    double left, right, top, bottom; /* content box */
    double y;                        /* top of the next block */
    int page_no;
    int max_pages;
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

/* ---- errors ---- */

/*
 * libharu calls this for every call that fails, whatever it returns, so
 * the status of each drawing call is recorded here; rendering stops at the
 * next page or section (pdf_ok) and nothing is written. Calls that return
 * a handle (a page, a font, an image) are also checked where they are
 * made, since a NULL handle must not be used.
 */
/*
 * Out of memory. libharu reports a failed allocation as whatever error it
 * meets next (a font that "could not be loaded", an "invalid encoding"),
 * or not at all. So its allocator (HPDF_NewEx) notes the failure in the
 * render under way: the render ends in CRM_ENOMEM whatever else was
 * reported, nothing more is drawn (a NULL page makes libharu's drawing
 * calls do nothing) and no page is added. The hook takes no user data,
 * hence the per-thread pointer to the render.
 */
static _Thread_local struct pdf *rendering;

/* A block given to libharu, linked into its render's list so that a
 * document libharu left broken can be freed without it (free_document). */
struct haru_block {
    union {
        struct {
            struct haru_block *prev, *next;
        } link;
        max_align_t align; /* the memory after the header stays aligned */
    } u;
};

static void pdf_fail(struct pdf *p, crm_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void note_out_of_memory(void)
{
    if (rendering != NULL) {
        pdf_fail(rendering, CRM_ENOMEM, "out of memory");
        rendering->page = NULL;
    }
}

static void *haru_alloc(HPDF_UINT size)
{
    struct haru_block *b = malloc(sizeof(*b) + size);
    struct pdf *p = rendering;

    if (b == NULL) {
        note_out_of_memory();
        if (p != NULL && p->saving) {
            /* libharu's save goes on with what it could not make (a font
             * descriptor freed by HPDF_Xref_Add, then written to: a crash
             * in 2.3.0): unwind out of it now (save_document) */
            longjmp(p->saved, 1);
        }
        return NULL;
    }
    b->u.link.prev = NULL;
    b->u.link.next = p != NULL ? p->blocks : NULL;
    if (b->u.link.next != NULL) {
        b->u.link.next->u.link.prev = b;
    }
    if (p != NULL) {
        p->blocks = b;
    }
    return b + 1;
}

static void haru_free(void *mem)
{
    struct haru_block *b = mem != NULL ? (struct haru_block *)mem - 1 : NULL;

    if (b == NULL) {
        return;
    }
    if (b->u.link.prev != NULL) {
        b->u.link.prev->u.link.next = b->u.link.next;
    } else if (rendering != NULL && rendering->blocks == b) {
        rendering->blocks = b->u.link.next;
    }
    if (b->u.link.next != NULL) {
        b->u.link.next->u.link.prev = b->u.link.prev;
    }
    free(b);
}

static bool hpdf_ok(struct pdf *p, HPDF_STATUS st, const char *what);

/*
 * HPDF_SaveToStream, with a recovery point: out of memory inside it
 * unwinds here (haru_alloc) instead of letting libharu use what it could
 * not make. False then: the document is broken, for free_document only.
 * The unwinding leaves behind only what libharu holds outside its
 * allocator (zlib's state, if it was compressing): out of memory only.
 */
static bool save_document(struct pdf *p)
{
    if (setjmp(p->saved) != 0) {
        p->saving = false;
        return false;
    }
    p->saving = true;
    hpdf_ok(p, HPDF_SaveToStream(p->doc), "writing the document");
    p->saving = false;
    return true;
}

/* Free the document: through libharu, or, when save_document unwound out
 * of it, block by block (libharu's own structures are not to be trusted). */
static void free_document(struct pdf *p, bool broken)
{
    if (!broken) {
        HPDF_Free(p->doc);
    }
    while (p->blocks != NULL) {
        struct haru_block *b = p->blocks;

        p->blocks = b->u.link.next;
        free(b);
    }
    p->doc = NULL;
}

/* calloc for the sections' own tables, noting a failure. */
static void *pdf_calloc(size_t n, size_t size)
{
    void *mem = calloc(n, size);

    if (mem == NULL) {
        note_out_of_memory();
    }
    return mem;
}

/* zlib's Z_MEM_ERROR: zlib allocates for itself (libharu leaves its zalloc
 * unset), and its failure comes as HPDF_ZLIB_ERROR with this detail. */
#define ZLIB_MEM_ERROR (-4)

static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *data)
{
    struct pdf *p = data;

    /* Two failures of memory libharu's allocator does not see: zlib's,
     * and fopen's FILE for a font (HPDF_FILE_OPEN_ERROR, detail errno) */
    if ((error_no == HPDF_ZLIB_ERROR && (HPDF_INT)detail_no == ZLIB_MEM_ERROR) ||
        (error_no == HPDF_FILE_OPEN_ERROR && detail_no == ENOMEM)) {
        note_out_of_memory();
    }
    if (p->error == 0) {
        p->error = error_no;
        p->detail = detail_no;
    }
}

/* Stop rendering: @p status and a message (the first reason wins). */
static void pdf_fail(struct pdf *p, crm_status status, const char *fmt, ...)
{
    va_list ap;

    if (p->fail != CRM_OK) {
        return;
    }
    p->fail = status;
    va_start(ap, fmt);
    vsnprintf(p->why, sizeof(p->why), fmt, ap);
    va_end(ap);
}

/* Whether rendering goes on: no libharu error and no failure of ours. */
static bool pdf_ok(const struct pdf *p)
{
    return p->error == 0 && p->fail == CRM_OK;
}

/* A libharu status other than HPDF_OK stops the rendering. */
static bool hpdf_ok(struct pdf *p, HPDF_STATUS st, const char *what)
{
    if (st != HPDF_OK) {
        pdf_fail(p, CRM_EIO, "%s failed (libharu error 0x%04X)", what, (unsigned)st);
    }
    return st == HPDF_OK;
}

/* ---- text ---- */

static const char *T(const struct pdf *p, const char *key)
{
    size_t i;

    for (i = 0; i < p->t->string_count; i++) {
        if (strcmp(p->t->strings[i].key, key) == 0) {
            return p->t->strings[i].text;
        }
    }
    return key; /* the loader checked every key is there */
}

/* Fill {name} placeholders from NULL-terminated name/value pairs. */
static const char *fill(char *out, size_t size, const char *tmpl, ...)
{
    const char *names[8], *values[8];
    size_t n = 0, len = 0, i;
    va_list ap;

    va_start(ap, tmpl);
    while (n < 8 && (names[n] = va_arg(ap, const char *)) != NULL) {
        values[n] = va_arg(ap, const char *);
        n++;
    }
    va_end(ap);
    while (*tmpl != '\0' && len + 1 < size) {
        bool replaced = false;

        if (*tmpl == '{') {
            for (i = 0; i < n; i++) {
                size_t k = strlen(names[i]);

                if (strncmp(tmpl + 1, names[i], k) == 0 && tmpl[k + 1] == '}') {
                    /* what fits, cut on a character */
                    size_t vlen = crm__utf8_cut(values[i], size - len - 1);

                    memcpy(out + len, values[i], vlen);
                    len += vlen;
                    tmpl += k + 2;
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) {
            out[len++] = *tmpl++;
        }
    }
    out[len] = '\0';
    out[crm__utf8_cut(out, len)] = '\0'; /* a character the end cut in two */
    return out;
}

static const char *pick(const struct pdf *p, const struct crm_text *t)
{
    if (p->zh) {
        return t->zh ? t->zh : (t->en ? t->en : "");
    }
    return t->en ? t->en : (t->zh ? t->zh : "");
}

static bool is_cjk(uint32_t cp)
{
    return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFFEF) || cp >= 0x20000;
}

static HPDF_Font font_for(const struct pdf *p, uint32_t cp, bool bold)
{
    return is_cjk(cp) ? p->cjk : (bold ? p->bold : p->latin);
}

static double cp_width(const struct pdf *p, uint32_t cp, double size, bool bold)
{
    HPDF_Font f = font_for(p, cp, bold);

    return HPDF_Font_GetUnicodeWidth(f, (HPDF_UNICODE)cp) * size / 1000.0;
}

static double width_n(const struct pdf *p, const char *s, size_t n,
                      double size, bool bold)
{
    const char *end = s + n;
    double w = 0;

    while (s < end && *s != '\0') {
        w += cp_width(p, (uint32_t)crm__utf8_next(&s), size, bold);
    }
    return w;
}

static double width(const struct pdf *p, const char *s, double size, bool bold)
{
    return width_n(p, s, strlen(s), size, bold);
}

static void set_colour(struct pdf *p, unsigned rgb)
{
    HPDF_Page_SetRGBFill(p->page, (float)((rgb >> 16) & 255) / 255.0f,
                         (float)((rgb >> 8) & 255) / 255.0f,
                         (float)(rgb & 255) / 255.0f);
}

static void set_stroke(struct pdf *p, unsigned rgb)
{
    HPDF_Page_SetRGBStroke(p->page, (float)((rgb >> 16) & 255) / 255.0f,
                           (float)((rgb >> 8) & 255) / 255.0f,
                           (float)(rgb & 255) / 255.0f);
}

/*
 * libharu's UTF-8 encoder mallocs twice the bytes of each text run for the
 * encoded text and writes to it unchecked (UTF8_Encoder_EncodeText_Func in
 * hpdf_encoder_utf.c, 2.3.0 and upstream alike): its failure would be a
 * crash. So the same size is allocated and freed just before: glibc keeps
 * the freed chunk in its per-thread cache and hands it to libharu's
 * request, which cannot fail then. False (out of memory noted) when the
 * probe itself fails.
 */
static bool reserve_encoding(size_t len)
{
    void *probe = malloc(len * 2);

    if (probe == NULL) {
        note_out_of_memory();
        return false;
    }
    free(probe);
    return true;
}

/* Draw @p n bytes of @p s with its baseline at (x, y), one run per font. */
static void draw_n(struct pdf *p, double x, double y, const char *s, size_t n,
                   double size, bool bold, unsigned colour)
{
    const char *end = s + n, *run = s;
    char buf[1024];

    if (!pdf_ok(p)) {
        return; /* nothing of a failed report is kept */
    }
    set_colour(p, colour);
    HPDF_Page_BeginText(p->page);
    while (run < end && *run != '\0' && pdf_ok(p)) {
        const char *q = run;
        HPDF_Font f = NULL;
        size_t len = 0;

        {
            const char *peek = q;

            f = font_for(p, (uint32_t)crm__utf8_next(&peek), bold);
        }
        while (q < end && *q != '\0') {
            const char *peek = q;

            if (font_for(p, (uint32_t)crm__utf8_next(&peek), bold) != f) {
                break;
            }
            q = peek;
        }
        len = (size_t)(q - run);
        if (len >= sizeof(buf)) {
            len = crm__utf8_cut(run, sizeof(buf) - 1); /* whole characters */
        }
        memcpy(buf, run, len);
        buf[len] = '\0';
        if (!reserve_encoding(len)) {
            break;
        }
        HPDF_Page_SetFontAndSize(p->page, f, (float)size);
        HPDF_Page_TextOut(p->page, (float)x, (float)y, buf);
        x += width_n(p, run, len, size, bold);
        run += len;
    }
    HPDF_Page_EndText(p->page);
}

static void draw(struct pdf *p, double x, double y, const char *s, double size,
                 bool bold, unsigned colour)
{
    draw_n(p, x, y, s, strlen(s), size, bold, colour);
}

struct line {
    const char *start;
    size_t len;
};

/*
 * Break @p s into lines of at most @p max_w: at spaces for Latin text, and
 * between any two Chinese characters. A word longer than a line is cut.
 */
static size_t wrap(const struct pdf *p, const char *s, double size, bool bold,
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
            if (cp == ' ' || is_cjk(cp)) {
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

static void footer(struct pdf *p)
{
    char buf[256], num[16];
    const char *who = p->t->firm ? p->t->firm : (p->ev->prepared_by ? p->ev->prepared_by : "");

    snprintf(num, sizeof(num), "%d", p->page_no);
    set_stroke(p, p->t->colour_grid);
    HPDF_Page_SetLineWidth(p->page, 0.5f);
    HPDF_Page_MoveTo(p->page, (float)p->left, (float)(p->bottom - 14));
    HPDF_Page_LineTo(p->page, (float)p->right, (float)(p->bottom - 14));
    HPDF_Page_Stroke(p->page);
    fill(buf, sizeof(buf), T(p, "page_n"), "n", num, NULL);
    draw(p, p->right - width(p, buf, SMALL, false), p->bottom - 26, buf,
         SMALL, false, p->t->colour_muted);
    snprintf(buf, sizeof(buf), "%s%s%s", p->ev->title, who[0] ? " · " : "", who);
    {
        struct line l[1];

        wrap(p, buf, SMALL, false, p->right - p->left - 60, l, 1);
        draw_n(p, p->left, p->bottom - 26, l[0].start, l[0].len, SMALL, false,
               p->t->colour_muted);
    }
}

/* A new page, unless the report is already failing or at its page limit
 * (then the drawing that follows goes to the last page and is thrown away
 * with the document). */
static void new_page(struct pdf *p)
{
    HPDF_Page page = NULL;

    if (!pdf_ok(p)) {
        return;
    }
    if (p->page_no >= p->max_pages) {
        pdf_fail(p, CRM_EINPUT,
                 "the PDF report needs more than %d pages, the limit (a PDF library "
                 "limit lies not far beyond, and no board reads that many); evaluate "
                 "fewer vendors or criteria, or leave sections out of the template",
                 p->max_pages);
        return;
    }
    page = HPDF_AddPage(p->doc);
    if (page == NULL) {
        pdf_fail(p, CRM_EIO, "adding page %d failed (libharu error 0x%04X)", p->page_no + 1,
                 (unsigned)p->error);
        return;
    }
    p->page = page;
    if (!hpdf_ok(p, HPDF_Page_SetWidth(p->page, (float)p->t->page_width), "setting the page width") ||
        !hpdf_ok(p, HPDF_Page_SetHeight(p->page, (float)p->t->page_height),
                 "setting the page height")) {
        return;
    }
    p->page_no++;
    p->y = p->top;
    footer(p);
}

/* Make room for a block of height @p h: a new page when it does not fit. */
static void need(struct pdf *p, double h)
{
    if (p->y - h < p->bottom) {
        new_page(p);
    }
}

static void gap(struct pdf *p, double h)
{
    p->y -= h;
}

/* A paragraph in the content width from @p x (indent), wrapped. */
static void para_at(struct pdf *p, double x, const char *s, double size,
                    bool bold, unsigned colour)
{
    struct line lines[MAX_LINES];
    size_t n = wrap(p, s, size, bold, p->right - x, lines, MAX_LINES), i;
    double lh = size * LINE_GAP;

    for (i = 0; i < n; i++) {
        need(p, lh);
        draw_n(p, x, p->y - size, lines[i].start, lines[i].len, size, bold,
               colour);
        p->y -= lh;
    }
}

static void para(struct pdf *p, const char *s)
{
    para_at(p, p->left, s, BODY, false, p->t->colour_text);
}

static void bullet(struct pdf *p, const char *s)
{
    need(p, BODY * LINE_GAP);
    draw(p, p->left + 4, p->y - BODY, "•", BODY, false, p->t->colour_accent);
    para_at(p, p->left + 14, s, BODY, false, p->t->colour_text);
}

static void h1(struct pdf *p, const char *s)
{
    need(p, H1 * 3);
    draw(p, p->left, p->y - H1, s, H1, true, p->t->colour_primary);
    p->y -= H1 * 1.4;
    set_stroke(p, p->t->colour_primary);
    HPDF_Page_SetLineWidth(p->page, 1.2f);
    HPDF_Page_MoveTo(p->page, (float)p->left, (float)p->y);
    HPDF_Page_LineTo(p->page, (float)p->right, (float)p->y);
    HPDF_Page_Stroke(p->page);
    p->y -= 10;
}

static void h2(struct pdf *p, const char *s)
{
    need(p, H2 * 4);
    p->y -= 4;
    para_at(p, p->left, s, H2, true, p->t->colour_primary);
    p->y -= 3;
}

static void rect(struct pdf *p, double x, double y, double w, double h,
                 unsigned colour)
{
    set_colour(p, colour);
    HPDF_Page_Rectangle(p->page, (float)x, (float)y, (float)w, (float)h);
    HPDF_Page_Fill(p->page);
}

static void hline(struct pdf *p, double y, unsigned colour, double w)
{
    set_stroke(p, colour);
    HPDF_Page_SetLineWidth(p->page, (float)w);
    HPDF_Page_MoveTo(p->page, (float)p->left, (float)y);
    HPDF_Page_LineTo(p->page, (float)p->right, (float)y);
    HPDF_Page_Stroke(p->page);
}

/* ---- tables ---- */

struct table {
    size_t cols;
    const char *head[MAX_COLS];
    double w[MAX_COLS];     /* widths, points */
    bool right[MAX_COLS];   /* right-aligned */
    double size;
    bool header_drawn;
};

/* Widths from relative weights, filling the content width. */
static void table_init(struct pdf *p, struct table *t, size_t cols,
                       const char *const *head, const double *weights,
                       const bool *right, double size);

/* A table whose headings are the texts of these keys (templates/text). */
static void table_init_keys(struct pdf *p, struct table *t, size_t cols,
                            const char *const *keys, const double *weights,
                            const bool *right, double size)
{
    const char *head[MAX_COLS];
    size_t c;

    for (c = 0; c < cols && c < MAX_COLS; c++) {
        head[c] = T(p, keys[c]);
    }
    table_init(p, t, cols, head, weights, right, size);
}

static void table_init(struct pdf *p, struct table *t, size_t cols,
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
    for (i = 0; i < t->cols; i++) {
        t->head[i] = head[i];
        t->w[i] = (p->right - p->left) * weights[i] / total;
        t->right[i] = right != NULL && right[i];
    }
}

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
static void table_fit(struct pdf *p, struct table *t, size_t cols,
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
                                ? fmin(width(p, cell, size, false), avail / 3)
                                : width(p, cell, size, false);

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
    table_init(p, t, cols, head, natural, right, size);
}

/* Height of a row of cells, wrapped in their columns. */
static double row_height(const struct pdf *p, const struct table *t,
                         const char *const *cells, bool bold)
{
    struct line lines[MAX_LINES];
    size_t i, most = 1;

    for (i = 0; i < t->cols; i++) {
        size_t n = wrap(p, cells[i] ? cells[i] : "", t->size, bold,
                        t->w[i] - 6, lines, MAX_LINES);

        if (n > most) {
            most = n;
        }
    }
    return (double)most * t->size * LINE_GAP + 5;
}

static void row_draw(struct pdf *p, const struct table *t,
                     const char *const *cells, bool bold, unsigned colour,
                     double h, bool shade)
{
    struct line lines[MAX_LINES];
    double x = p->left;
    size_t i, k;

    if (shade) {
        rect(p, p->left, p->y - h, p->right - p->left, h, 0xF3F6FA);
    }
    for (i = 0; i < t->cols; i++) {
        size_t n = wrap(p, cells[i] ? cells[i] : "", t->size, bold,
                        t->w[i] - 6, lines, MAX_LINES);

        for (k = 0; k < n; k++) {
            double lw = width_n(p, lines[k].start, lines[k].len, t->size, bold);
            double tx = t->right[i] ? x + t->w[i] - 3 - lw : x + 3;

            draw_n(p, tx, p->y - 3 - t->size - (double)k * t->size * LINE_GAP,
                   lines[k].start, lines[k].len, t->size, bold, colour);
        }
        x += t->w[i];
    }
    p->y -= h;
    hline(p, p->y, p->t->colour_grid, 0.4);
}

static void table_header(struct pdf *p, struct table *t)
{
    double h = row_height(p, t, t->head, true);

    need(p, h + t->size * 3);
    rect(p, p->left, p->y - h, p->right - p->left, h, p->t->colour_primary);
    row_draw(p, t, t->head, true, 0xFFFFFF, h, false);
    t->header_drawn = true;
}

/* One row; the header is repeated at the top of every new page. */
static void table_row(struct pdf *p, struct table *t, const char *const *cells,
                      size_t index)
{
    double h = row_height(p, t, cells, false);
    int page = 0;

    if (!t->header_drawn) {
        table_header(p, t);
    }
    page = p->page_no;
    need(p, h);
    if (p->page_no != page) {
        table_header(p, t);
    }
    row_draw(p, t, cells, false, p->t->colour_text, h, index % 2 == 1);
}

/* ---- numbers ---- */

static const char *num(char *buf, size_t n, double x, int decimals)
{
    crm__snprintf(buf, n, "%.*f", decimals, crm__round(x, decimals));
    return buf;
}

static const char *pct(char *buf, size_t n, double x, int decimals)
{
    crm__snprintf(buf, n, "%.*f%%", decimals, crm__round(x * 100, decimals));
    return buf;
}

static const char *money0(char *buf, size_t n, double x)
{
    return crm__format_money(buf, n, x, 0);
}

static const char *money2(char *buf, size_t n, double x)
{
    return crm__format_money(buf, n, x, 2);
}

/* ---- what the report says ---- */

static const struct crm_vendor_score *ranked(const struct pdf *p, size_t i)
{
    return &p->res->vendors[p->res->order[i]];
}

static size_t index_of(const struct pdf *p, const struct crm_vendor_score *vs)
{
    return (size_t)(vs - p->res->vendors);
}

/* The leader: the first-ranked vendor that is not knocked out (with a
 * tie, the first of the tied, never called the winner in the text). */
static const struct crm_vendor_score *winner(const struct pdf *p)
{
    size_t w = p->res->analysis->winner;

    return w == CRM_NONE ? NULL : &p->res->vendors[w];
}

static const struct crm_vendor_score *runner_up(const struct pdf *p)
{
    size_t r = p->res->analysis->runner_up;

    return r == CRM_NONE ? NULL : &p->res->vendors[r];
}

static const char *vendor_label(const struct crm_vendor_score *vs)
{
    return vs->vendor->name ? vs->vendor->name : vs->vendor->id;
}

/* In cost tables a vendor whose price is unknown is marked: its licence
 * cost is missing, so its costs are understated. */
static const char *cost_label(char *buf, size_t n,
                              const struct crm_vendor_score *vs)
{
    snprintf(buf, n, "%s%s", vendor_label(vs), vs->vendor->price_known ? "" : " *");
    return buf;
}

static const char *criterion_name(const struct pdf *p, size_t c)
{
    return pick(p, &p->ev->set->criteria[c].name);
}

static const char *group_name(const struct pdf *p, size_t g)
{
    return pick(p, &p->ev->set->groups[g].name);
}

/* Indices of weighted criteria sorted by a key, largest first. */
struct keyed {
    size_t c;
    double key;
};

static int by_key_desc(const void *a, const void *b)
{
    const struct keyed *x = a, *y = b;

    if (x->key != y->key) {
        return x->key > y->key ? -1 : 1;
    }
    return x->c < y->c ? -1 : (x->c > y->c ? 1 : 0);
}

static size_t sorted_criteria(const struct pdf *p, struct keyed *out,
                              const struct crm_vendor_score *a,
                              const struct crm_vendor_score *b, int mode)
{
    size_t c, n = 0;

    for (c = 0; c < p->ev->set->criterion_count; c++) {
        double w = p->res->weights.effective[c];

        if (w <= 0) {
            continue;
        }
        out[n].c = c;
        switch (mode) {
        case 0: /* lead of a over b */
            out[n].key = a->criteria[c].contribution -
                         (b ? b->criteria[c].contribution : 0);
            break;
        case 1: /* strengths */
            out[n].key = a->criteria[c].contribution;
            break;
        default: /* weaknesses: points lost */
            out[n].key = 100 * w - a->criteria[c].contribution;
            break;
        }
        n++;
    }
    qsort(out, n, sizeof(*out), by_key_desc);
    return n;
}

static const char *rule_text(const struct pdf *p, char *buf, size_t n,
                             const struct crm_rule_outcome *ro)
{
    const struct crm_rule *rule = ro->rule;
    const struct crm_criterion *c = &p->ev->set->criteria[rule->index];
    char test[96], val[64];
    size_t k, len = 0;

    switch (rule->test) {
    case CRM_RULE_EQUALS:
        snprintf(test, sizeof(test), "= %s", rule->equals ? T(p, "yes") : T(p, "no"));
        break;
    case CRM_RULE_RANGE:
        if (rule->has_min && rule->has_max) {
            crm__snprintf(test, sizeof(test), "%g - %g", rule->min, rule->max);
        } else if (rule->has_min) {
            crm__snprintf(test, sizeof(test), ">= %g", rule->min);
        } else {
            crm__format_money(val, sizeof(val), rule->max, 0);
            snprintf(test, sizeof(test), "<= %s", val);
        }
        break;
    case CRM_RULE_ONE_OF:
        test[0] = '\0';
        for (k = 0; k < rule->one_of_count && len < sizeof(test) - 16; k++) {
            len += (size_t)snprintf(test + len, sizeof(test) - len, "%s%s",
                                    k ? ", " : "∈ ", rule->one_of[k]);
        }
        break;
    }
    if (ro->missing) {
        snprintf(val, sizeof(val), "%s", T(p, "no_data"));
    } else if (ro->lower_bound) {
        char m[48];

        crm__format_money(m, sizeof(m), ro->value, 0);
        fill(val, sizeof(val), T(p, "at_least"), "value", m, NULL);
    } else if (c->kind == CRM_KIND_BOOLEAN) {
        snprintf(val, sizeof(val), "%s", ro->value != 0 ? T(p, "yes") : T(p, "no"));
    } else if (c->kind == CRM_KIND_CHOICE) {
        snprintf(val, sizeof(val), "%s", "");
    } else {
        crm__format_money(val, sizeof(val), ro->value, fabs(ro->value) >= 1000 ? 0 : 2);
    }
    snprintf(buf, n, "%s %s (%s)", criterion_name(p, rule->index), test, val);
    return buf;
}

/* Value of a vendor for a criterion, for people. */
static const char *value_text(const struct pdf *p, char *buf, size_t n,
                              size_t v, size_t c)
{
    const struct crm_criterion *crit = &p->ev->set->criteria[c];
    struct crm_value val = crm__result_value(p->res, v, c);

    if (!val.present) {
        snprintf(buf, n, "—");
    } else if (crit->kind == CRM_KIND_BOOLEAN) {
        snprintf(buf, n, "%s", val.number != 0 ? T(p, "yes") : T(p, "no"));
    } else if (crit->kind == CRM_KIND_CHOICE) {
        const struct crm_option *o = &crit->options[val.option];

        snprintf(buf, n, "%s", o->name.en || o->name.zh ? pick(p, &o->name) : o->id);
    } else if (crit->kind == CRM_KIND_RATING) {
        crm__snprintf(buf, n, "%g / %g", val.number, crit->scale_max);
    } else {
        char m[48];

        crm__format_money(m, sizeof(m), val.number, fabs(val.number) >= 1000 ? 0 : 2);
        snprintf(buf, n, "%s %s", m,
                 crit->unit && strncmp(crit->unit, "currency", 8) != 0
                     ? crit->unit
                     : p->ev->currency);
    }
    return buf;
}

/* ---- charts ---- */

static unsigned series(const struct pdf *p, size_t i)
{
    return p->t->series[i % p->t->series_count];
}

/* Horizontal bars, one per vendor in rank order: name, bar, score. */
static void ranking_bars(struct pdf *p)
{
    double name_w = (p->right - p->left) * 0.34, score_w = 48;
    double bar_x = p->left + name_w, bar_w = p->right - bar_x - score_w;
    double row = 16;
    size_t i;

    for (i = 0; i < p->res->vendor_count; i++) {
        const struct crm_vendor_score *vs = ranked(p, i);
        struct line l[1];
        char label[320], sc[32];
        unsigned colour = vs->knocked_out ? p->t->colour_muted
                                          : (i == 0 ? p->t->colour_accent
                                                    : p->t->colour_primary);

        need(p, row);
        snprintf(label, sizeof(label), "%u. %s", vs->rank, vendor_label(vs));
        wrap(p, label, BODY, false, name_w - 6, l, 1);
        draw_n(p, p->left, p->y - 11, l[0].start, l[0].len, BODY, false,
               p->t->colour_text);
        rect(p, bar_x, p->y - 12, bar_w, 9, 0xEEF1F5);
        rect(p, bar_x, p->y - 12, bar_w * vs->score / 100.0, 9, colour);
        num(sc, sizeof(sc), vs->score, 2);
        draw(p, p->right - width(p, sc, BODY, true), p->y - 11, sc, BODY, true,
             p->t->colour_text);
        p->y -= row;
    }
    need(p, 14);
    {
        char buf[160];

        fill(buf, sizeof(buf), T(p, "bars_note"), NULL);
        draw(p, bar_x, p->y - 9, buf, SMALL, false, p->t->colour_muted);
        p->y -= 14;
    }
}

/* Grouped horizontal bars: for each criteria group, one bar per vendor. */
static void group_bars(struct pdf *p, size_t vendors)
{
    const struct crm_criteria_set *set = p->ev->set;
    double name_w = (p->right - p->left) * 0.30;
    double bar_x = p->left + name_w, bar_w = p->right - bar_x - 30;
    double bh = 5.5;
    size_t g, i;

    /* legend */
    need(p, 16 + 11 * (double)((vendors + 2) / 3));
    for (i = 0; i < vendors; i++) {
        struct line l[1];
        double x = p->left + (double)(i % 3) * (p->right - p->left) / 3;
        double y = p->y - 10 - (double)(i / 3) * 11;

        rect(p, x, y, 8, 7, series(p, i));
        wrap(p, vendor_label(ranked(p, i)), SMALL, false,
             (p->right - p->left) / 3 - 16, l, 1);
        draw_n(p, x + 11, y, l[0].start, l[0].len, SMALL, false,
               p->t->colour_text);
    }
    p->y -= 14 + 11 * (double)((vendors + 2) / 3);
    for (g = 0; g < set->group_count; g++) {
        double block = bh * (double)vendors + 8;
        struct line l[3];
        size_t n = 0, k;

        if (p->res->weights.group_share[g] <= 0) {
            continue;
        }
        need(p, block);
        n = wrap(p, group_name(p, g), SMALL, false, name_w - 8, l, 3);
        for (k = 0; k < n; k++) {
            draw_n(p, p->left, p->y - 8 - (double)k * SMALL * 1.2, l[k].start,
                   l[k].len, SMALL, false, p->t->colour_text);
        }
        for (i = 0; i < vendors; i++) {
            double s = ranked(p, i)->groups[g].score;

            rect(p, bar_x, p->y - 2 - bh * (double)(i + 1), bar_w * s / 100.0,
                 bh - 1, series(p, i));
        }
        set_stroke(p, p->t->colour_grid);
        HPDF_Page_SetLineWidth(p->page, 0.3f);
        HPDF_Page_MoveTo(p->page, (float)bar_x, (float)(p->y));
        HPDF_Page_LineTo(p->page, (float)bar_x, (float)(p->y - block + 6));
        HPDF_Page_Stroke(p->page);
        p->y -= block;
    }
}

/* A radar chart of the group scores of the leading vendors. */
static void radar(struct pdf *p, size_t vendors)
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
    need(p, size);
    cx = (p->left + p->right) / 2;
    cy = p->y - size / 2 - 4;
    set_stroke(p, p->t->colour_grid);
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
        size_t k, nl = wrap(p, group_name(p, axes[a]), SMALL, false, 80, l, 2);

        HPDF_Page_MoveTo(p->page, (float)cx, (float)cy);
        HPDF_Page_LineTo(p->page, (float)(cx + r * cos(ang)), (float)(cy + r * sin(ang)));
        HPDF_Page_Stroke(p->page);
        for (k = 0; k < nl; k++) {
            double w = width_n(p, l[k].start, l[k].len, SMALL, false);
            double x = cos(ang) > 0.2 ? lx : (cos(ang) < -0.2 ? lx - w : lx - w / 2);
            double y = ly - (double)k * SMALL * 1.2 - (sin(ang) < -0.2 ? SMALL : 0);

            draw_n(p, x, y, l[k].start, l[k].len, SMALL, false, p->t->colour_text);
        }
    }
    for (i = 0; i < vendors; i++) {
        const struct crm_vendor_score *vs = ranked(p, i);

        set_stroke(p, series(p, i));
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
static void cash_chart(struct pdf *p, size_t vendors)
{
    const struct crm_vendor_finance *f = p->res->finance;
    size_t years = f[0].years, i, t;
    double lo = 0, hi = 0, h = 200, x0 = 0, w = 0, y0 = 0;
    char buf[64];

    for (i = 0; i < vendors; i++) {
        const struct crm_projection *pr = &f[index_of(p, ranked(p, i))].base;

        for (t = 0; t < years; t++) {
            lo = fmin(lo, pr->rows[t].cumulative);
            hi = fmax(hi, pr->rows[t].cumulative);
        }
    }
    if (hi - lo <= 0) {
        hi = lo + 1;
    }
    need(p, h + 40 + 11 * (double)((vendors + 2) / 3));
    x0 = p->left + 70;
    w = p->right - x0 - 10;
    y0 = p->y - h - 6;
    /* axes and grid: 5 steps */
    for (i = 0; i <= 4; i++) {
        double v = lo + (hi - lo) * (double)i / 4;
        double y = y0 + h * (double)i / 4;

        set_stroke(p, p->t->colour_grid);
        HPDF_Page_SetLineWidth(p->page, 0.3f);
        HPDF_Page_MoveTo(p->page, (float)x0, (float)y);
        HPDF_Page_LineTo(p->page, (float)(x0 + w), (float)y);
        HPDF_Page_Stroke(p->page);
        money0(buf, sizeof(buf), v);
        draw(p, x0 - 4 - width(p, buf, SMALL, false), y - 2.5, buf, SMALL,
             false, p->t->colour_muted);
    }
    if (lo < 0 && hi > 0) {
        double y = y0 + h * (0 - lo) / (hi - lo);

        set_stroke(p, p->t->colour_text);
        HPDF_Page_SetLineWidth(p->page, 0.6f);
        HPDF_Page_MoveTo(p->page, (float)x0, (float)y);
        HPDF_Page_LineTo(p->page, (float)(x0 + w), (float)y);
        HPDF_Page_Stroke(p->page);
    }
    for (t = 0; t < years; t++) {
        double x = x0 + w * (double)t / (double)(years - 1);

        snprintf(buf, sizeof(buf), "%zu", t);
        draw(p, x - width(p, buf, SMALL, false) / 2, y0 - 10, buf, SMALL, false,
             p->t->colour_muted);
    }
    for (i = 0; i < vendors; i++) {
        const struct crm_projection *pr = &f[index_of(p, ranked(p, i))].base;

        set_stroke(p, series(p, i));
        HPDF_Page_SetLineWidth(p->page, 1.3f);
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
    }
    p->y = y0 - 16;
    draw(p, x0 + w / 2 - width(p, T(p, "year"), SMALL, false) / 2, p->y + 2,
         T(p, "year"), SMALL, false, p->t->colour_muted);
    p->y -= 6;
    for (i = 0; i < vendors; i++) {
        struct line l[1];
        double x = p->left + (double)(i % 3) * (p->right - p->left) / 3;
        double y = p->y - 10 - (double)(i / 3) * 11;

        set_stroke(p, series(p, i));
        HPDF_Page_SetLineWidth(p->page, 1.6f);
        HPDF_Page_MoveTo(p->page, (float)x, (float)(y + 3));
        HPDF_Page_LineTo(p->page, (float)(x + 10), (float)(y + 3));
        HPDF_Page_Stroke(p->page);
        wrap(p, vendor_label(ranked(p, i)), SMALL, false,
             (p->right - p->left) / 3 - 16, l, 1);
        draw_n(p, x + 13, y, l[0].start, l[0].len, SMALL, false,
               p->t->colour_text);
    }
    p->y -= 14 + 11 * (double)((vendors + 2) / 3);
}

/* ---- sections ---- */

static const char *robust_sentence(const struct pdf *p, char *buf, size_t n);
static const char *sim_sentence(const struct pdf *p, char *buf, size_t n);
static const char *smallest_change(const struct pdf *p, char *buf, size_t n);

static void section_cover(struct pdf *p)
{
    const struct crm_evaluation *ev = p->ev;
    char buf[512];
    double y = 0;

    p->y = p->top - 120;
    if (p->t->logo_data != NULL) {
        /* the bytes the loader decoded, not the file again */
        HPDF_Image img = HPDF_LoadPngImageFromMem(p->doc, p->t->logo_data,
                                                  (HPDF_UINT)p->t->logo_len);
        double iw = img ? HPDF_Image_GetWidth(img) : 0, ih = img ? HPDF_Image_GetHeight(img) : 0;

        if (img == NULL || iw <= 0 || ih <= 0) {
            pdf_fail(p, CRM_EIO, "the logo '%s' could not be embedded", p->t->logo);
        } else {
            double scale = fmin(160 / iw, 60 / ih);

            HPDF_Page_DrawImage(p->page, img, (float)p->left,
                                (float)(p->top - ih * scale),
                                (float)(iw * scale), (float)(ih * scale));
        }
    }
    rect(p, p->left, p->y + 20, 60, 5, p->t->colour_accent);
    para_at(p, p->left, T(p, "report_title"), 14, false, p->t->colour_muted);
    gap(p, 6);
    para_at(p, p->left, ev->title, 24, true, p->t->colour_primary);
    gap(p, 18);
    y = p->y;
    (void)y;
    fill(buf, sizeof(buf), T(p, "cover_organisation"), "name",
         ev->org.name ? ev->org.name : "", NULL);
    para_at(p, p->left, buf, 11, false, p->t->colour_text);
    {
        char seats[32];

        crm__snprintf(seats, sizeof(seats), "%.0f", ev->org.seats);
        fill(buf, sizeof(buf), T(p, "cover_seats"), "seats", seats, NULL);
        para_at(p, p->left, buf, 11, false, p->t->colour_text);
    }
    fill(buf, sizeof(buf), T(p, "cover_date"), "date", ev->date ? ev->date : "",
         NULL);
    para_at(p, p->left, buf, 11, false, p->t->colour_text);
    if (ev->prepared_by != NULL) {
        fill(buf, sizeof(buf), T(p, "cover_prepared_by"), "who", ev->prepared_by,
             NULL);
        para_at(p, p->left, buf, 11, false, p->t->colour_text);
    }
    if (p->t->firm != NULL) {
        fill(buf, sizeof(buf), T(p, "cover_firm"), "firm", p->t->firm, NULL);
        para_at(p, p->left, buf, 11, false, p->t->colour_text);
    }
    p->y = p->bottom + 60;
    fill(buf, sizeof(buf), T(p, "cover_digest"), "digest", ev->digest,
         "version", CRMEVAL_VERSION, NULL);
    para_at(p, p->left, buf, SMALL, false, p->t->colour_muted);
}

/* The vendors knocked out (@p knocked_out) with the rules they failed or,
 * under `unverified_must_haves: knock_out`, could not verify; or the
 * vendors still ranked whose must-haves are not verified, with those
 * rules: no data is a question, never a failure. */
static size_t must_have_list(struct pdf *p, bool knocked_out)
{
    char buf[640], rule[320];
    size_t i, k, listed = 0;

    for (i = 0; i < p->res->vendor_count; i++) {
        const struct crm_vendor_score *vs = ranked(p, i);
        size_t len = 0;

        if (vs->knocked_out != knocked_out ||
            (!knocked_out && vs->must_have != CRM_MUST_HAVE_UNVERIFIED)) {
            continue;
        }
        listed++;
        len = (size_t)snprintf(buf, sizeof(buf), "%s: ", vendor_label(vs));
        for (k = 0; k < p->ev->rule_count && len < sizeof(buf) - 8; k++) {
            if (vs->rules[k].state == CRM_MUST_HAVE_PASS) {
                continue;
            }
            rule_text(p, rule, sizeof(rule), &vs->rules[k]);
            len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
                                    buf[len - 2] == ':' ? "" : "; ", rule);
        }
        bullet(p, buf);
    }
    return listed;
}

/* The criteria of @p vs's must-haves not verified, joined. */
static const char *unverified_rules(const struct pdf *p, char *buf, size_t n,
                                    const struct crm_vendor_score *vs)
{
    size_t k, len = 0;

    buf[0] = '\0';
    for (k = 0; k < p->ev->rule_count && len + 8 < n; k++) {
        if (vs->rules[k].state == CRM_MUST_HAVE_UNVERIFIED) {
            len += (size_t)snprintf(buf + len, n - len, "%s%s",
                                    len ? (p->zh ? "、" : ", ") : "",
                                    criterion_name(p, p->ev->rules[k].index));
        }
    }
    return buf;
}

/* The verdict's first line, before any vendor is named. */
static void headline(struct pdf *p)
{
    const struct crm_analysis *an = p->res->analysis;
    char buf[640], a[32], b[32];
    unsigned colour = an->verdict == CRM_VERDICT_ROBUST ? p->t->colour_pass : p->t->colour_fail;

    switch (an->verdict) {
    case CRM_VERDICT_PRELIMINARY:
        snprintf(buf, sizeof(buf), "%s", T(p, "headline_preliminary"));
        break;
    case CRM_VERDICT_TIE:
        snprintf(a, sizeof(a), "%zu", an->tie_count);
        fill(buf, sizeof(buf), T(p, "headline_tie"), "count", a, "score",
             num(b, sizeof(b), p->res->vendors[an->winner].score, 2), NULL);
        break;
    case CRM_VERDICT_FRAGILE:
        fill(buf, sizeof(buf), T(p, "headline_fragile"), "rule",
             an->verdict_key ? T(p, an->verdict_key) : "", NULL);
        break;
    case CRM_VERDICT_ROBUST:
        snprintf(buf, sizeof(buf), "%s", T(p, "headline_robust"));
        break;
    }
    para_at(p, p->left, buf, 12, true, colour);
    gap(p, 4);
}

/* Why a preliminary verdict is preliminary, one bullet per reason. */
static void preliminary_reasons(struct pdf *p)
{
    const struct crm_analysis *an = p->res->analysis;
    double min_c = p->ev->verdict.min_evidence;
    char buf[800], a[32], b[32], rules[400];
    size_t *who = pdf_calloc(p->res->vendor_count + 1, sizeof(*who)), n = 0, k;

    h2(p, T(p, "rests_on_title"));
    if (who != NULL && (an->preliminary & CRM_PRELIM_EVIDENCE)) {
        n = crm__verdict_subjects(an, who);
    }
    for (k = 0; k < n; k++) {
        if (p->res->vendors[who[k]].evidence < min_c) {
            fill(buf, sizeof(buf), T(p, "prelim_evidence"), "vendor",
                 vendor_label(&p->res->vendors[who[k]]), "share",
                 pct(a, sizeof(a), p->res->vendors[who[k]].evidence, 0), "threshold",
                 pct(b, sizeof(b), min_c, 0), NULL);
            bullet(p, buf);
        }
    }
    free(who);
    for (k = 0; (an->preliminary & CRM_PRELIM_UNVERIFIED) && k < an->tie_count; k++) {
        const struct crm_vendor_score *vs = &p->res->vendors[an->tied[k]];

        if (vs->must_have == CRM_MUST_HAVE_UNVERIFIED) {
            fill(buf, sizeof(buf), T(p, "prelim_unverified"), "vendor", vendor_label(vs),
                 "rules", unverified_rules(p, rules, sizeof(rules), vs), NULL);
            bullet(p, buf);
        }
    }
    if (an->preliminary & CRM_PRELIM_SIMULATION) {
        double share = 0;

        for (k = 0; k < an->tie_count; k++) {
            share += p->res->simulation->vendors[an->tied[k]].p_first;
        }
        fill(buf, sizeof(buf), T(p, an->tie_count > 1 ? "prelim_p_first_tied" : "prelim_p_first"),
             "vendor", vendor_label(&p->res->vendors[an->winner]), "share",
             pct(a, sizeof(a), share, 0), "threshold",
             pct(b, sizeof(b), p->ev->verdict.min_p_first, 0), NULL);
        bullet(p, buf);
    }
}

/* The lead shown as a number people can read: two decimals, more when
 * two decimals would show a lead of 0.00. */
static const char *lead_text(char *buf, size_t n, double lead)
{
    int d = 2;

    while (d < 6 && crm__round(lead, d) == 0) {
        d++;
    }
    return num(buf, n, lead, d);
}

/* The names of @p count vendors, joined as the language joins a list. */
static const char *vendor_list(const struct pdf *p, char *buf, size_t n, const size_t *who,
                               size_t count)
{
    size_t k, len = 0;

    buf[0] = '\0';
    for (k = 0; k < count && len + 8 < n; k++) {
        len += (size_t)snprintf(buf + len, n - len, "%s%s",
                                k == 0 ? "" : p->zh ? "、" : k + 1 == count ? " and " : ", ",
                                vendor_label(&p->res->vendors[who[k]]));
    }
    return buf;
}

/* Who leads, or who is tied and what would separate them. */
static void recommendation(struct pdf *p)
{
    const struct crm_analysis *an = p->res->analysis;
    const struct crm_vendor_score *win = winner(p), *second = runner_up(p);
    bool provisional = an->verdict == CRM_VERDICT_PRELIMINARY;
    char buf[800], a[64], b[64], rules[400];
    size_t k;

    if (an->tie_count > 1) {
        vendor_list(p, rules, sizeof(rules), an->tied, an->tie_count);
        fill(buf, sizeof(buf), T(p, "tied_line"), "vendors", rules, NULL);
        para_at(p, p->left, buf, 11, true, p->t->colour_text);
        if (an->tie_breaks == NULL) {
            bullet(p, T(p, "verdict_no_weights"));
        }
        for (k = 0; an->tie_breaks != NULL && k < an->tie_count && k < 5; k++) {
            const struct crm_tie_break *tb = &an->tie_breaks[k];
            char until[96] = "";

            if (!tb->found) {
                fill(buf, sizeof(buf), T(p, tb->identical ? "tie_identical" : "tie_none"),
                     "vendor", vendor_label(&p->res->vendors[tb->vendor]), NULL);
            } else {
                if (!isnan(tb->lead_until)) {
                    fill(until, sizeof(until), T(p, "tie_until"), "until",
                         pct(a, sizeof(a), tb->lead_until, 1), NULL);
                }
                fill(buf, sizeof(buf), T(p, tb->rise ? "tie_rise" : "tie_fall"), "vendor",
                     vendor_label(&p->res->vendors[tb->vendor]), "item",
                     tb->group ? group_name(p, tb->index) : criterion_name(p, tb->index),
                     "from", pct(a, sizeof(a), tb->current, 1), "points",
                     num(b, sizeof(b), tb->per_point, 2), "until", until, NULL);
            }
            bullet(p, buf);
        }
        if (an->tie_count > 5) {
            snprintf(a, sizeof(a), "%zu", an->tie_count - 5);
            bullet(p, fill(buf, sizeof(buf), T(p, "and_more"), "count", a, NULL));
        }
        return;
    }
    num(a, sizeof(a), win->score, 2);
    lead_text(b, sizeof(b), second ? win->score - second->score : win->score);
    if (second != NULL) {
        vendor_list(p, rules, sizeof(rules), an->runners, an->runner_count);
    }
    fill(buf, sizeof(buf),
         T(p, second ? (provisional ? "leading_now" : "recommendation")
                     : (provisional ? "leading_now_single" : "recommendation_single")),
         "vendor", vendor_label(win), "score", a, "lead", b, "runner",
         second ? rules : "", NULL);
    para_at(p, p->left, buf, 11, true, p->t->colour_text);
    if (win->must_have == CRM_MUST_HAVE_UNVERIFIED) {
        fill(buf, sizeof(buf), T(p, "provided_verified"), "rules",
             unverified_rules(p, rules, sizeof(rules), win), NULL);
        para_at(p, p->left, buf, BODY, true, p->t->colour_fail);
    }
}

/* What a question is about: no data, a sample assessment, or a value on
 * one kind of evidence only ("vendor claim only"). */
static const char *question_kind(const struct pdf *p, char *buf, size_t n,
                                 const struct crm_question *q)
{
    static const char *const basis[CRM_SPREAD_COUNT] = {
        "ev_vendor_claim", "ev_documentation", "ev_demo", "ev_trial", "ev_reference_customer",
        "ev_independent_test", "ev_panel", "q_sample", "ev_unsourced"
    };

    if (q->kind == CRM_QUESTION_MISSING) {
        return fill(buf, n, T(p, "q_missing"), NULL);
    }
    if (q->kind == CRM_QUESTION_SAMPLE) {
        return fill(buf, n, T(p, "q_sample"), NULL);
    }
    return fill(buf, n, T(p, "q_evidence"), "basis", T(p, basis[q->basis]), NULL);
}

/* The values to find out first: those that could change the winner, then
 * the top three vendors' by points at stake; at most @p most. */
static void questions_list(struct pdf *p, size_t most)
{
    const struct crm_analysis *an = p->res->analysis;
    char buf[800], pts[32], lo[32], hi[32], tail[400];
    size_t k, shown = 0;

    for (k = 0; k < an->question_count && shown < most; k++) {
        const struct crm_question *q = &an->questions[k];
        const struct crm_vendor_score *vs = &p->res->vendors[q->vendor];

        if (!q->decisive && (vs->rank > 3 || vs->knocked_out)) {
            continue;
        }
        shown++;

        fill(buf, sizeof(buf), T(p, "question_line"), "vendor", vendor_label(vs),
             "criterion", criterion_name(p, q->criterion), "kind",
             question_kind(p, tail, sizeof(tail), q), "points",
             num(pts, sizeof(pts), q->at_stake, 2), NULL);
        if (q->must_have) {
            snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s",
                     p->zh ? "；" : "; ", T(p, "q_must_have"));
        }
        if (q->simulated) {
            fill(tail, sizeof(tail), T(p, "question_p"), "vendor", vendor_label(vs), "low",
                 pct(lo, sizeof(lo), q->p_owner_low, 0), "high",
                 pct(hi, sizeof(hi), q->p_owner_high, 0), NULL);
            snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s",
                     p->zh ? "；" : "; ", tail);
        }
        bullet(p, buf);
    }
}

/* Where the winner gains over the runner-up, where the runner-up gains
 * over the winner, and the net: both sides of the lead. */
static void lead_both_ways(struct pdf *p)
{
    const struct crm_lead *l = &p->res->analysis->lead;
    char buf[640], a[32];
    size_t side, k;

    if (!l->present || p->res->analysis->tie_count > 1) {
        return;
    }
    h2(p, T(p, "top_reasons"));
    for (side = 0; side < 2; side++) {
        const struct crm_lead_item *items = side == 0 ? l->for_a : l->for_b;
        size_t count = side == 0 ? l->count_a : l->count_b;

        fill(buf, sizeof(buf), T(p, "lead_for"), "vendor",
             vendor_label(&p->res->vendors[side == 0 ? l->a : l->b]), "points",
             num(a, sizeof(a), side == 0 ? l->gain_a : l->gain_b, 2), NULL);
        para_at(p, p->left, buf, BODY, true, p->t->colour_text);
        for (k = 0; k < count && k < 4; k++) {
            fill(buf, sizeof(buf), T(p, "reason_line"), "criterion",
                 criterion_name(p, items[k].criterion), "points",
                 num(a, sizeof(a), items[k].points, 2), NULL);
            bullet(p, buf);
        }
        if (count == 0) {
            bullet(p, T(p, "lead_none"));
        }
    }
    fill(buf, sizeof(buf), T(p, "lead_net"), "vendor", vendor_label(&p->res->vendors[l->a]),
         "points", lead_text(a, sizeof(a), l->gain_a - l->gain_b), NULL);
    para(p, buf);
}

/* When another vendor has a better risk-adjusted NPV than the leader:
 * by how much, and whether its costs or its benefits make it. */
static void npv_reconciliation(struct pdf *p)
{
    const struct crm_analysis *an = p->res->analysis;
    const struct crm_npv_gap *g = &an->npv_gap;
    char buf[800], part[300], why[640], x[48], y[48];
    size_t len = 0;

    if (!g->present || an->tie_count > 1) {
        return;
    }
    why[0] = '\0';
    if (fabs(g->costs) >= 0.5) {
        fill(why, sizeof(why), T(p, g->costs > 0 ? "npv_gap_costs_higher" : "npv_gap_costs_lower"),
             "amount", money0(x, sizeof(x), fabs(g->costs)), "currency", p->ev->currency, NULL);
        len = strlen(why);
    }
    if (fabs(g->benefits) >= 0.5) {
        fill(part, sizeof(part),
             T(p, g->benefits > 0 ? "npv_gap_benefits_lower" : "npv_gap_benefits_higher"),
             "amount", money0(x, sizeof(x), fabs(g->benefits)), "currency", p->ev->currency,
             NULL);
        snprintf(why + len, sizeof(why) - len, "%s%s", len ? (p->zh ? "，" : ", ") : "", part);
    }
    fill(buf, sizeof(buf), T(p, "npv_gap"), "winner", vendor_label(winner(p)), "other",
         vendor_label(&p->res->vendors[g->better]), "npv", money0(y, sizeof(y), g->npv),
         "currency", p->ev->currency, "why", why, NULL);
    bullet(p, buf);
}

static void section_summary(struct pdf *p)
{
    const struct crm_analysis *an = p->res->analysis;
    const struct crm_vendor_score *win = winner(p), *second = runner_up(p);
    char buf[800], a[64], b[64], c[64];
    size_t i;
    size_t risks = 0;

    h1(p, T(p, "summary_title"));
    headline(p);
    if (an->verdict == CRM_VERDICT_PRELIMINARY) {
        preliminary_reasons(p);
        gap(p, 4);
    }
    if (win == NULL) {
        para(p, T(p, "no_winner"));
    } else {
        recommendation(p);
        gap(p, 6);
        if (an->question_count > 0) {
            h2(p, T(p, "verify_first_title"));
            questions_list(p, 5);
        }
        lead_both_ways(p);
        h2(p, T(p, "main_risks"));
        if (win->sample_count > 0 && an->tie_count < 2) {
            snprintf(a, sizeof(a), "%zu", win->sample_count);
            fill(buf, sizeof(buf), T(p, "risk_samples"), "count", a, "vendor", vendor_label(win),
                 NULL);
            bullet(p, buf);
            risks++;
        }
        if (win->near_miss_count > 0 && an->tie_count < 2) {
            snprintf(a, sizeof(a), "%zu", win->near_miss_count);
            fill(buf, sizeof(buf), T(p, "risk_near_miss"), "count", a, "vendor", vendor_label(win),
                 NULL);
            bullet(p, buf);
            risks++;
        }
        if (second != NULL && an->tie_count < 2 && win->score - second->score < 3) {
            bullet(p, T(p, "risk_small_lead"));
            risks++;
        }
        if (p->res->finance != NULL) {
            const struct crm_finance_summary *s =
                &p->res->finance[index_of(p, win)].adjusted.summary;

            if (s->npv < 0 && an->tie_count < 2) {
                money0(a, sizeof(a), s->npv);
                fill(buf, sizeof(buf), T(p, "risk_npv"), "npv", a, "currency",
                     p->ev->currency, "vendor", vendor_label(win), NULL);
                bullet(p, buf);
                risks++;
            }
            if (an->npv_gap.present && an->tie_count < 2) {
                npv_reconciliation(p);
                risks++;
            }
            if (an->benefits_identical) {
                bullet(p, T(p, "benefits_same"));
                risks++;
            }
            for (i = 0; i < p->res->vendor_count; i++) {
                unsigned lacks = an->no_running_costs[p->res->order[i]];

                if (lacks != 0 && !ranked(p, i)->knocked_out) {
                    fill(buf, sizeof(buf), T(p, "running_costs_note"), "vendor",
                         vendor_label(ranked(p, i)), "lacks",
                         T(p, lacks == CRM_RUNNING_NO_HOSTING ? "running_no_hosting"
                              : lacks == CRM_RUNNING_NO_ADMIN ? "running_no_admin"
                                                              : "running_no_both"),
                         NULL);
                    bullet(p, buf);
                    risks++;
                }
            }
        }
        for (i = 0; i < p->ev->set->criterion_count; i++) {
            if (p->res->relative[i] && p->res->weights.effective[i] > 0) {
                bullet(p, T(p, "risk_relative"));
                risks++;
                break;
            }
        }
        if (risks == 0) {
            para(p, T(p, "no_risks"));
        }
        h2(p, T(p, "robustness_title"));
        if (an->verdict == CRM_VERDICT_PRELIMINARY) {
            char rs[640];

            fill(buf, sizeof(buf), T(p, "on_data_so_far"), "sentence",
                 robust_sentence(p, rs, sizeof(rs)), NULL);
            para(p, buf);
        } else {
            para(p, robust_sentence(p, buf, sizeof(buf)));
        }
        if (an->has_smallest) {
            para(p, smallest_change(p, buf, sizeof(buf)));
        }
        if (p->res->simulation != NULL && p->res->simulation->leader != CRM_NONE) {
            para(p, sim_sentence(p, buf, sizeof(buf)));
        } else if (an->unknowns_drawn > 0) {
            snprintf(a, sizeof(a), "%zu", an->unknowns_drawn);
            para(p, fill(buf, sizeof(buf), T(p, "not_simulated"), "count", a, NULL));
        }
    }
    h2(p, T(p, "knocked_out_title"));
    if (must_have_list(p, true) == 0) {
        para(p, T(p, "no_knockouts"));
    }
    for (i = 0; i < p->res->vendor_count; i++) {
        if (ranked(p, i)->must_have == CRM_MUST_HAVE_UNVERIFIED && !ranked(p, i)->knocked_out) {
            h2(p, T(p, "unverified_title"));
            para(p, T(p, "unverified_intro"));
            must_have_list(p, false);
            break;
        }
    }
    h2(p, T(p, "completeness_title"));
    {
        static const double wts[] = { 4, 1.6, 1.6, 1.6 };
        static const bool right[] = { false, true, true, true };
        static const char *const heads[] = {
            "col_vendor", "col_completeness", "col_missing", "col_samples"
        };
        struct table t;
        table_init_keys(p, &t, 4, heads, wts, right, BODY);
        for (i = 0; i < p->res->vendor_count; i++) {
            const struct crm_vendor_score *vs = ranked(p, i);
            const char *cells[4];

            snprintf(b, sizeof(b), "%zu", vs->missing_count);
            snprintf(c, sizeof(c), "%zu", vs->sample_count);
            cells[0] = vendor_label(vs);
            cells[1] = pct(a, sizeof(a), vs->completeness, 0);
            cells[2] = b;
            cells[3] = c;
            table_row(p, &t, cells, i);
        }
    }
}

/* The must-haves cell of the ranking: pass, near miss, not verified or
 * failed. */
static const char *must_have_cell(const struct pdf *p, char *buf, size_t n,
                                  const struct crm_vendor_score *vs)
{
    char a[32];

    if (vs->must_have == CRM_MUST_HAVE_FAIL) {
        snprintf(a, sizeof(a), "%zu", vs->knockout_count);
        return fill(buf, n, T(p, "knocked_out_n"), "count", a, NULL);
    }
    if (vs->must_have == CRM_MUST_HAVE_UNVERIFIED) {
        snprintf(a, sizeof(a), "%zu", vs->unverified_count);
        return fill(buf, n, T(p, vs->knocked_out ? "knocked_out_unverified_n" : "unverified_n"),
                    "count", a, NULL);
    }
    if (vs->near_miss_count > 0) {
        snprintf(a, sizeof(a), "%zu", vs->near_miss_count);
        return fill(buf, n, T(p, "pass_near_miss"), "count", a, NULL);
    }
    return fill(buf, n, T(p, "pass"), NULL);
}

static void section_ranking(struct pdf *p)
{
    static const double wts[] = { 0.8, 4, 1.3, 1.5, 2.2 };
    static const bool right[] = { true, false, true, true, false };
    static const char *const heads[] = {
        "col_rank", "col_vendor", "col_score", "col_completeness", "col_must_haves"
    };
    char a[32], b[32], c[96];
    struct table t;
    size_t i;

    h1(p, T(p, "ranking_title"));
    para(p, T(p, "ranking_intro"));
    gap(p, 6);
    ranking_bars(p);
    gap(p, 6);
    table_init_keys(p, &t, 5, heads, wts, right, BODY);
    for (i = 0; i < p->res->vendor_count; i++) {
        const struct crm_vendor_score *vs = ranked(p, i);
        const char *cells[5];
        char rank[16];

        snprintf(rank, sizeof(rank), "%u", vs->rank);
        must_have_cell(p, c, sizeof(c), vs);
        cells[0] = rank;
        cells[1] = vendor_label(vs);
        cells[2] = num(a, sizeof(a), vs->score, 2);
        cells[3] = pct(b, sizeof(b), vs->completeness, 0);
        cells[4] = c;
        table_row(p, &t, cells, i);
    }
}

static void section_breakdown(struct pdf *p)
{
    const struct crm_criteria_set *set = p->ev->set;
    size_t shown = p->res->vendor_count < 5 ? p->res->vendor_count : 5;
    size_t g, i, k;

    h1(p, T(p, "breakdown_title"));
    para(p, T(p, "breakdown_intro"));
    gap(p, 6);
    group_bars(p, shown);
    /* Group scores of every vendor: vendors down, groups across, in as
     * many tables as it takes to keep columns readable. */
    for (g = 0; g < set->group_count; g += 6) {
        size_t cols = set->group_count - g < 6 ? set->group_count - g : 6;
        double wts[8];
        bool right[8];
        const char *head[8];
        struct table t;

        gap(p, 8);
        wts[0] = 3.2;
        right[0] = false;
        head[0] = T(p, "col_vendor");
        for (k = 0; k < cols; k++) {
            wts[k + 1] = 1.3;
            right[k + 1] = true;
            head[k + 1] = group_name(p, g + k);
        }
        table_init(p, &t, cols + 1, head, wts, right, SMALL);
        for (i = 0; i < p->res->vendor_count; i++) {
            const struct crm_vendor_score *vs = ranked(p, i);
            char vals[8][24];
            const char *cells[8];

            cells[0] = vendor_label(vs);
            for (k = 0; k < cols; k++) {
                cells[k + 1] = num(vals[k], sizeof(vals[k]),
                                   vs->groups[g + k].score, 1);
            }
            table_row(p, &t, cells, i);
        }
    }
    for (k = 0, i = 0; i < set->group_count; i++) {
        k += p->res->weights.group_share[i] > 0;
    }
    if (k < 3) {
        return; /* a radar needs three axes */
    }
    gap(p, 10);
    need(p, 380); /* the heading stays with its chart */
    h2(p, T(p, "radar_title"));
    radar(p, p->res->vendor_count < 3 ? p->res->vendor_count : 3);
    {
        size_t n = p->res->vendor_count < 3 ? p->res->vendor_count : 3;

        need(p, 12 * (double)n);
        for (i = 0; i < n; i++) {
            rect(p, p->left, p->y - 9, 10, 3, series(p, i));
            draw(p, p->left + 14, p->y - 10, vendor_label(ranked(p, i)), SMALL,
                 false, p->t->colour_text);
            p->y -= 11;
        }
    }
}

/* Benefits that differ by vendor: each factor and why, or a note that
 * every vendor has the same benefits. */
static void benefit_factors(struct pdf *p)
{
    const struct crm_finance_settings *fin = &p->ev->finance;
    char buf[800], a[32];
    size_t i, v;

    if (p->res->analysis->benefits_identical) {
        para_at(p, p->left, T(p, "benefits_same"), SMALL, false, p->t->colour_fail);
        return;
    }
    if (fin->factor_count == 0) {
        return;
    }
    para_at(p, p->left, T(p, "factors_title"), SMALL, true, p->t->colour_text);
    for (i = 0; i < p->res->vendor_count; i++) {
        const struct crm_vendor_score *vs = ranked(p, i);

        for (v = 0; v < fin->factor_count; v++) {
            if (strcmp(fin->factors[v].vendor, vs->vendor->id) != 0) {
                continue;
            }
            const struct crm_text *why = &fin->factors[v].rationale;

            fill(buf, sizeof(buf), T(p, "factor_line"), "vendor", vendor_label(vs), "factor",
                 num(a, sizeof(a), fin->factors[v].factor, 2), "rationale",
                 why->en || why->zh ? pick(p, why) : "—", NULL);
            para_at(p, p->left + 8, buf, SMALL, false, p->t->colour_muted);
        }
    }
}

static void finance_lines(struct pdf *p);

static void section_finance(struct pdf *p)
{
    const struct crm_vendor_finance *f = p->res->finance;
    char buf[320], v[8][40];
    size_t i, c, t;

    h1(p, T(p, "finance_title"));
    if (f == NULL) {
        para(p, T(p, "finance_none"));
        return;
    }
    fill(buf, sizeof(buf), T(p, "finance_conventions"), "currency",
         p->ev->currency, "rate", pct(v[0], sizeof(v[0]), p->ev->discount_rate, 2),
         "timing", p->ev->finance.timing == CRM_TIMING_MID_YEAR
                       ? T(p, "mid_year")
                       : T(p, "end_of_year"),
         NULL);
    para(p, buf);
    gap(p, 4);
    h2(p, T(p, "tco_title"));
    {
        bool used[CRM_COST_CATEGORY_COUNT] = { false };
        size_t cols = 1, k = 0;
        bool right[MAX_COLS];
        const char *head[MAX_COLS];
        size_t map[MAX_COLS];
        struct table tb;

        for (i = 0; i < p->res->vendor_count; i++) {
            for (t = 0; t < f[i].years; t++) {
                for (c = 0; c < CRM_COST_CATEGORY_COUNT; c++) {
                    used[c] = used[c] || f[i].base.rows[t].cost[c] != 0;
                }
            }
        }
        head[0] = T(p, "col_vendor");
        right[0] = false;
        for (c = 0; c < CRM_COST_CATEGORY_COUNT; c++) {
            char key[48];

            if (!used[c]) {
                continue;
            }
            snprintf(key, sizeof(key), "cat_%s", crm__cost_category_names[c]);
            head[cols] = T(p, key);
            right[cols] = true;
            map[cols] = c;
            cols++;
        }
        head[cols] = T(p, "col_total");
        right[cols] = true;
        cols++;
        {
            size_t nv = p->res->vendor_count;
            char (*vals)[MAX_COLS][32] = pdf_calloc(nv + 1, sizeof(*vals));
            char (*labels)[320] = pdf_calloc(nv + 1, sizeof(*labels));
            const char **cells = pdf_calloc((nv + 1) * cols, sizeof(*cells));
            bool wrap_ok[MAX_COLS] = { true };
            double biggest = 0, unit = 1;

            if (vals == NULL || labels == NULL || cells == NULL) {
                free(vals);
                free(labels);
                free(cells);
                return;
            }
            for (i = 0; i < nv; i++) {
                biggest = fmax(biggest, fabs(f[i].base.summary.tco));
            }
            /* Keep the table readable: large amounts in thousands. */
            if (biggest >= 1e7) {
                unit = 1000;
                para_at(p, p->left, T(p, "in_thousands"), SMALL, false,
                        p->t->colour_muted);
            }
            for (i = 0; i < nv; i++) {
                size_t vi = p->res->order[i];

                cells[i * cols] = cost_label(labels[i], sizeof(labels[i]),
                                             &p->res->vendors[vi]);
                for (k = 1; k + 1 < cols; k++) {
                    double sum = 0;

                    for (t = 0; t < f[vi].years; t++) {
                        sum += f[vi].base.rows[t].cost[map[k]];
                    }
                    cells[i * cols + k] = money0(vals[i][k], sizeof(vals[i][k]),
                                                 sum / unit);
                }
                cells[i * cols + cols - 1] =
                    money0(vals[i][cols - 1], sizeof(vals[i][cols - 1]),
                           f[vi].base.summary.tco / unit);
            }
            table_fit(p, &tb, cols, head, cells, nv, right, SMALL, wrap_ok);
            for (i = 0; i < nv; i++) {
                table_row(p, &tb, cells + i * cols, i);
            }
            free(vals);
            free(labels);
            free(cells);
        }
    }
    gap(p, 8);
    h2(p, T(p, "returns_title"));
    {
        static const double wts[] = { 2.6, 1.5, 1.5, 1.5, 1.1, 1.1, 1.1, 1.1 };
        static const bool right[] = { false, true, true, true, true, true, true, true };
        const char *head[8];
        struct table tb;

        head[0] = T(p, "col_vendor");
        head[1] = T(p, "col_pv_costs");
        head[2] = T(p, "col_npv");
        head[3] = T(p, "col_npv_risk");
        head[4] = T(p, "col_irr");
        head[5] = T(p, "col_roi");
        head[6] = T(p, "col_payback");
        head[7] = T(p, "col_disc_payback");
        table_init(p, &tb, 8, head, wts, right, SMALL);
        for (i = 0; i < p->res->vendor_count; i++) {
            size_t vi = p->res->order[i];
            const struct crm_finance_summary *s = &f[vi].base.summary;
            const char *cells[8];
            char label[320];

            cells[0] = cost_label(label, sizeof(label), &p->res->vendors[vi]);
            cells[1] = money0(v[1], sizeof(v[1]), s->tco_pv);
            cells[2] = money0(v[2], sizeof(v[2]), s->npv);
            cells[3] = money0(v[3], sizeof(v[3]), f[vi].adjusted.summary.npv);
            cells[4] = s->irr.status == CRM_IRR_OK
                           ? pct(v[4], sizeof(v[4]), s->irr.roots[0], 1)
                           : (s->irr.status == CRM_IRR_AMBIGUOUS ? T(p, "ambiguous") : "—");
            cells[5] = s->has_ratio ? pct(v[5], sizeof(v[5]), s->roi, 1) : "—";
            cells[6] = s->has_payback ? num(v[6], sizeof(v[6]), s->payback, 2) : "—";
            cells[7] = s->has_discounted_payback
                           ? num(v[7], sizeof(v[7]), s->discounted_payback, 2)
                           : "—";
            table_row(p, &tb, cells, i);
        }
        para_at(p, p->left, T(p, "returns_note"), SMALL, false, p->t->colour_muted);
        for (i = 0; i < p->res->vendor_count; i++) {
            if (!p->res->vendors[i].vendor->price_known) {
                para_at(p, p->left, T(p, "price_unknown_note"), SMALL, false,
                        p->t->colour_fail);
                break;
            }
        }
        benefit_factors(p);
    }
    gap(p, 8);
    need(p, 300); /* the heading stays with its chart */
    h2(p, T(p, "cash_title"));
    cash_chart(p, p->res->vendor_count < 6 ? p->res->vendor_count : 6);
    if (winner(p) != NULL || p->res->vendor_count > 0) {
        const struct crm_vendor_score *vs = winner(p) ? winner(p) : ranked(p, 0);
        const struct crm_vendor_finance *vf = &f[index_of(p, vs)];
        static const double wts[] = { 0.7, 1.6, 1.6, 1.6, 1.7, 1.3, 1.6, 1.7 };
        static const bool right[] = { true, true, true, true, true, true, true, true };
        const char *head[8];
        struct table tb;

        gap(p, 8);
        fill(buf, sizeof(buf), T(p, "yearly_title"), "vendor", vendor_label(vs), NULL);
        h2(p, buf);
        head[0] = T(p, "year");
        head[1] = T(p, "col_costs");
        head[2] = T(p, "col_benefits");
        head[3] = T(p, "col_net");
        head[4] = T(p, "col_cumulative");
        head[5] = T(p, "col_factor");
        head[6] = T(p, "col_discounted");
        head[7] = T(p, "col_cum_discounted");
        table_init(p, &tb, 8, head, wts, right, SMALL);
        for (t = 0; t < vf->years; t++) {
            const struct crm_year_row *r = &vf->base.rows[t];
            const char *cells[8];
            char yr[24], fac[24];

            snprintf(yr, sizeof(yr), "%zu", t);
            crm__snprintf(fac, sizeof(fac), "%.6f", r->factor);
            cells[0] = yr;
            cells[1] = money2(v[1], sizeof(v[1]), r->total_cost);
            cells[2] = money2(v[2], sizeof(v[2]), r->benefits);
            cells[3] = money2(v[3], sizeof(v[3]), r->net);
            cells[4] = money2(v[4], sizeof(v[4]), r->cumulative);
            cells[5] = fac;
            cells[6] = money2(v[6], sizeof(v[6]), r->discounted_net);
            cells[7] = money2(v[7], sizeof(v[7]), r->cumulative_discounted);
            table_row(p, &tb, cells, t);
        }
        {
            const struct crm_finance_summary *s = &vf->base.summary;

            fill(buf, sizeof(buf), T(p, "yearly_summary"), "npv",
                 money2(v[0], sizeof(v[0]), s->npv), "pvc",
                 money2(v[1], sizeof(v[1]), s->tco_pv), "pvb",
                 money2(v[2], sizeof(v[2]), s->pv_benefits), "irr",
                 s->irr.status == CRM_IRR_OK ? pct(v[3], sizeof(v[3]), s->irr.roots[0], 3)
                                             : "—",
                 "currency", p->ev->currency, NULL);
            gap(p, 4);
            para(p, buf);
        }
    }
    finance_lines(p);
}

/* The finance options in the finance section: each vendor's capex and
 * opex, and every line whose risk adjustment is its own, with why. */
static void finance_lines(struct pdf *p)
{
    const struct crm_evaluation *ev = p->ev;
    const struct crm_finance_settings *fin = &ev->finance;
    char buf[900], a[48], b[48], c[32];
    size_t i, k, t;
    bool titled = false;

    if (fin->timing == CRM_TIMING_MID_YEAR || crm__finance_mixed_timing(p->res)) {
        /* the end-of-year spreadsheet formula above does not hold */
        para_at(p, p->left, T(p, "spreadsheet_other_timing"), SMALL, false,
                p->t->colour_muted);
    }
    gap(p, 6);
    for (i = 0; i < p->res->vendor_count; i++) {
        size_t vi = p->res->order[i];
        const struct crm_vendor_finance *f = &p->res->finance[vi];
        double capex = 0, opex = 0;

        for (t = 0; t < f->years; t++) {
            capex += f->base.rows[t].capex;
            opex += f->base.rows[t].opex;
        }
        fill(buf, sizeof(buf), T(p, "capex_opex_line"), "vendor",
             vendor_label(&p->res->vendors[vi]), "capex", money0(a, sizeof(a), capex), "opex",
             money0(b, sizeof(b), opex), "currency", ev->currency, NULL);
        para_at(p, p->left, buf, SMALL, false, p->t->colour_muted);
    }
    /* the vendors' own lines, then (once) the evaluation's benefits */
    for (i = 0; i <= p->res->vendor_count; i++) {
        const struct crm_vendor_score *vs =
            i < p->res->vendor_count ? &p->res->vendors[p->res->order[i]] : NULL;
        size_t n = vs != NULL ? vs->vendor->plan_count : fin->benefit_count;

        for (k = 0; k < n; k++) {
            const struct crm_line_risk *r =
                vs != NULL ? &vs->vendor->plan[k].risk : &fin->benefits[k].risk;
            size_t len = 0;

            /* the evaluation's lines are every vendor's: listed once */
            if (!r->present ||
                (vs != NULL && i > 0 && strcmp(vs->vendor->plan[k].origin, "evaluation") == 0)) {
                continue;
            }
            if (!titled) {
                gap(p, 4);
                para_at(p, p->left, T(p, "line_risks_title"), SMALL, true, p->t->colour_text);
                titled = true;
            }
            if (vs != NULL && strcmp(vs->vendor->plan[k].origin, "evaluation") == 0) {
                len = (size_t)snprintf(buf, sizeof(buf), "%s: +%s", vs->vendor->plan[k].id,
                                       pct(c, sizeof(c), r->share, 0));
            } else if (vs != NULL) {
                len = (size_t)snprintf(buf, sizeof(buf), "%s / %s: +%s", vendor_label(vs),
                                       vs->vendor->plan[k].id, pct(c, sizeof(c), r->share, 0));
            } else {
                len = (size_t)snprintf(buf, sizeof(buf), "%s: -%s", fin->benefits[k].id,
                                       pct(c, sizeof(c), r->share, 0));
            }
            if ((r->rationale.en != NULL || r->rationale.zh != NULL) && len < sizeof(buf)) {
                snprintf(buf + len, sizeof(buf) - len, " (%s)", pick(p, &r->rationale));
            }
            para_at(p, p->left + 8, buf, SMALL, false, p->t->colour_muted);
        }
    }
}

/* The discount-rate scenario table, beside the tornado: every vendor's
 * NPV at each rate, unadjusted / risk-adjusted. */
static void rate_scenario_table(struct pdf *p)
{
    const struct crm_analysis *an = p->res->analysis;
    const char *head[MAX_COLS];
    double wts[MAX_COLS];
    bool right[MAX_COLS];
    char rates[MAX_COLS][24], buf[320];
    size_t cols = an->scenario_count + 1, i, k;
    struct table tb;

    if (an->scenario_count == 0 || cols > MAX_COLS) {
        return;
    }
    need(p, 120);
    fill(buf, sizeof(buf), T(p, "rate_scenarios_title"), "currency", p->ev->currency, NULL);
    h2(p, buf);
    head[0] = T(p, "col_vendor");
    wts[0] = 2.2;
    right[0] = false;
    for (k = 0; k < an->scenario_count; k++) {
        head[k + 1] = pct(rates[k], sizeof(rates[k]), an->scenario_rates[k], 1);
        wts[k + 1] = 2;
        right[k + 1] = true;
    }
    table_init(p, &tb, cols, head, wts, right, SMALL);
    for (i = 0; i < p->res->vendor_count; i++) {
        size_t vi = p->res->order[i];
        const char *cells[MAX_COLS];
        char vals[MAX_COLS][64], a[32], b[32];

        cells[0] = vendor_label(&p->res->vendors[vi]);
        for (k = 0; k < an->scenario_count; k++) {
            const struct crm_rate_scenario *sc = &an->scenarios[vi * an->scenario_count + k];

            snprintf(vals[k], sizeof(vals[k]), "%s / %s", money0(a, sizeof(a), sc->npv),
                     money0(b, sizeof(b), sc->npv_adjusted));
            cells[k + 1] = vals[k];
        }
        table_row(p, &tb, cells, i);
    }
}

/* ---- sensitivity ---- */

static const char *item_name(const struct pdf *p, bool group, size_t k)
{
    return group ? group_name(p, k) : criterion_name(p, k);
}

/* The robustness sentence of the executive summary and the section. */
static const char *robust_sentence(const struct pdf *p, char *buf, size_t n)
{
    const struct crm_analysis *an = p->res->analysis;

    if (an->robustness == CRM_VERDICT_ROBUST) {
        return fill(buf, n, T(p, "verdict_robust"), NULL);
    }
    if (an->robustness == CRM_VERDICT_TIE) {
        return fill(buf, n, T(p, "verdict_tie"), NULL);
    }
    return fill(buf, n, T(p, "verdict_fragile"), "rule",
                an->verdict_key ? T(p, an->verdict_key) : "", NULL);
}

static const char *smallest_change(const struct pdf *p, char *buf, size_t n)
{
    const struct crm_analysis *an = p->res->analysis;
    double now = an->smallest_is_group ? an->groups[an->smallest_index].current
                                       : an->criteria[an->smallest_index].current;
    char from[32], to[32];

    return fill(buf, n, T(p, an->smallest_to < now ? "smallest_fell" : "smallest_rose"),
                "vendor", vendor_label(&p->res->vendors[an->smallest_vendor]),
                "winner", vendor_label(&p->res->vendors[an->winner]), "item",
                item_name(p, an->smallest_is_group, an->smallest_index), "from",
                pct(from, sizeof(from), now, 1), "to", pct(to, sizeof(to), an->smallest_to, 1),
                NULL);
}

/* Stability intervals as bars on a 0..max weight axis: the weight's range
 * keeping the winner, a tick at today's weight. Tightest first. */
static void stability_chart(struct pdf *p)
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
    qsort(keys, n, sizeof(*keys), by_key_desc);
    if (n > 12) {
        n = 12;
    }
    for (i = 0; i < n; i++) {
        bool group = keys[i].c >= set->criterion_count;
        size_t k = group ? keys[i].c - set->criterion_count : keys[i].c;
        const struct crm_weight_stability *s = group ? &an->groups[k] : &an->criteria[k];
        struct line l[1];
        char label[320], range[96], a[32], b[32];

        need(p, row + 2);
        snprintf(label, sizeof(label), "%s%s", group ? "▣ " : "", item_name(p, group, k));
        wrap(p, label, SMALL, group, name_w - 6, l, 1);
        draw_n(p, p->left, p->y - 9, l[0].start, l[0].len, SMALL, group, p->t->colour_text);
        rect(p, x0, p->y - 10, w, 7, 0xEEF1F5);
        rect(p, x0 + w * s->lo, p->y - 10, w * (s->hi - s->lo), 7,
             s->lo_vendor == CRM_NONE && s->hi_vendor == CRM_NONE ? p->t->colour_pass
                                                                  : p->t->colour_primary);
        rect(p, x0 + w * s->current - 1, p->y - 12, 2, 11, p->t->colour_accent);
        snprintf(range, sizeof(range), "%s – %s", pct(a, sizeof(a), s->lo, 1),
                 pct(b, sizeof(b), s->hi, 1));
        draw(p, p->right - width(p, range, 6.5, false), p->y - 9, range, 6.5, false,
             p->t->colour_muted);
        p->y -= row;
    }
    para_at(p, p->left, T(p, "stability_note"), SMALL, false, p->t->colour_muted);
}

/* Tornado: NPV at each input's low and high, around the base NPV. */
static void tornado_chart(struct pdf *p, const struct crm_vendor_tornado *tv)
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
    need(p, row * (double)(tv->bar_count + 2));
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
        draw(p, p->left, p->y - 10, label, SMALL, false, p->t->colour_text);
        rect(p, fmin(a, mid), p->y - 11, fabs(a - mid), 9, p->t->colour_fail);
        rect(p, fmin(z, mid), p->y - 11, fabs(z - mid), 9, p->t->colour_pass);
        p->y -= row;
    }
    set_stroke(p, p->t->colour_text);
    HPDF_Page_SetLineWidth(p->page, 0.8f);
    HPDF_Page_MoveTo(p->page, (float)mid, (float)(p->y + row * (double)tv->bar_count + 2));
    HPDF_Page_LineTo(p->page, (float)mid, (float)p->y);
    HPDF_Page_Stroke(p->page);
    money0(buf, sizeof(buf), lo);
    draw(p, x0, p->y - 8, buf, 6.5, false, p->t->colour_muted);
    money0(buf, sizeof(buf), hi);
    draw(p, x0 + w - width(p, buf, 6.5, false), p->y - 8, buf, 6.5, false,
         p->t->colour_muted);
    p->y -= 14;
}

/* Score against cost, efficient vendors highlighted. */
static void frontier_chart(struct pdf *p)
{
    const struct crm_analysis *an = p->res->analysis;
    double h = 180, x0 = p->left + 60, w = p->right - x0 - 10, y0 = 0;
    double cmin = INFINITY, cmax = -INFINITY, smin = 100, smax = 0;
    size_t v, shown = 0;
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
    need(p, h + 30);
    y0 = p->y - h;
    set_stroke(p, p->t->colour_grid);
    HPDF_Page_SetLineWidth(p->page, 0.5f);
    HPDF_Page_Rectangle(p->page, (float)x0, (float)y0, (float)w, (float)h);
    HPDF_Page_Stroke(p->page);
    for (v = 0; v < p->res->vendor_count; v++) {
        const struct crm_vendor_score *vs = &p->res->vendors[v];
        double x = 0, y = 0;
        char tag[16];
        unsigned colour = vs->knocked_out ? p->t->colour_muted
                          : an->efficient[v] ? p->t->colour_accent
                                             : p->t->colour_primary;

        if (isnan(an->value_cost[v])) {
            continue;
        }
        x = x0 + 6 + (w - 12) * (an->value_cost[v] - cmin) / (cmax - cmin);
        y = y0 + 6 + (h - 12) * (vs->score - smin) / (smax - smin);
        rect(p, x - 3, y - 3, 6, 6, colour);
        /* the rank, not the name: names of close vendors would collide;
         * the table below maps ranks to names */
        snprintf(tag, sizeof(tag), "%u", vs->rank);
        draw(p, x + 4, y + 2 + (double)(vs->rank % 2) * 5, tag, 6.5, true,
             p->t->colour_text);
    }
    money0(buf, sizeof(buf), cmin);
    draw(p, x0, y0 - 9, buf, 6.5, false, p->t->colour_muted);
    money0(buf, sizeof(buf), cmax);
    draw(p, x0 + w - width(p, buf, 6.5, false), y0 - 9, buf, 6.5, false, p->t->colour_muted);
    draw(p, p->left, y0 + h - 8, T(p, "axis_score"), 6.5, false, p->t->colour_muted);
    crm__snprintf(buf, sizeof(buf), "%.0f", smax);
    draw(p, x0 - 4 - width(p, buf, 6.5, false), y0 + h - 8, buf, 6.5, false,
         p->t->colour_muted);
    crm__snprintf(buf, sizeof(buf), "%.0f", smin);
    draw(p, x0 - 4 - width(p, buf, 6.5, false), y0, buf, 6.5, false,
         p->t->colour_muted);
    p->y = y0 - 14;
    para_at(p, p->left,
            T(p, an->value_basis == CRM_VALUE_PV_COSTS ? "frontier_note" : "frontier_note_licence"),
            SMALL, false, p->t->colour_muted);
}

static const char *sim_sentence(const struct pdf *p, char *buf, size_t n)
{
    const struct crm_simulation *sim = p->res->simulation;
    const struct crm_analysis *an = p->res->analysis;
    char trials[32], share[32], se[32];
    double together = 0;
    size_t k;

    crm__format_money(trials, sizeof(trials), (double)sim->trials, 0);
    if (an->tie_count > 1) {
        /* a tie: not one vendor picked by id, but the tied together */
        for (k = 0; k < an->tie_count; k++) {
            together += sim->vendors[an->tied[k]].p_first;
        }
        return fill(buf, n, T(p, "sim_sentence_tied"), "trials", trials, "share",
                    pct(share, sizeof(share), together, 1), NULL);
    }
    return fill(buf, n, T(p, "sim_sentence"), "trials", trials, "vendor",
                vendor_label(&p->res->vendors[sim->leader]), "share",
                pct(share, sizeof(share), sim->vendors[sim->leader].p_first, 1),
                "se", pct(se, sizeof(se), sim->se_p_first, 1), NULL);
}

/* Known values the simulation lets vary, whatever stands behind them. */
static size_t sim_varied(const struct crm_simulation *sim)
{
    size_t k, n = 0;

    for (k = 0; k < CRM_SPREAD_COUNT; k++) {
        n += sim->unknowns.spread[k];
    }
    return n;
}

/* The NPV distribution of one vendor: histogram bars and the S-curve
 * (cumulative share, right axis). */
static void npv_distribution(struct pdf *p, const struct crm_sim_vendor *sv)
{
    double h = 150, x0 = p->left + 40, w = p->right - x0 - 40, y0 = 0;
    unsigned most = 1;
    size_t b;
    char buf[64];

    for (b = 0; b < CRM_SIM_HIST_BINS; b++) {
        most = sv->hist[b] > most ? sv->hist[b] : most;
    }
    need(p, h + 30);
    y0 = p->y - h;
    for (b = 0; b < CRM_SIM_HIST_BINS; b++) {
        double bw = w / CRM_SIM_HIST_BINS;

        rect(p, x0 + bw * (double)b + 1, y0, bw - 2,
             h * (double)sv->hist[b] / (double)most, 0xC9D6E3);
    }
    set_stroke(p, p->t->colour_accent);
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

        set_stroke(p, p->t->colour_text);
        HPDF_Page_SetLineWidth(p->page, 0.6f);
        HPDF_Page_MoveTo(p->page, (float)x, (float)y0);
        HPDF_Page_LineTo(p->page, (float)x, (float)(y0 + h));
        HPDF_Page_Stroke(p->page);
    }
    money0(buf, sizeof(buf), sv->hist_lo);
    draw(p, x0, y0 - 9, buf, 6.5, false, p->t->colour_muted);
    money0(buf, sizeof(buf), sv->hist_hi);
    draw(p, x0 + w - width(p, buf, 6.5, false), y0 - 9, buf, 6.5, false,
         p->t->colour_muted);
    draw(p, x0 + w + 4, y0 + h - 6, "100%", 6.5, false, p->t->colour_accent);
    draw(p, x0 + w + 4, y0, "0%", 6.5, false, p->t->colour_accent);
    p->y = y0 - 14;
    para_at(p, p->left, T(p, "npv_dist_note"), SMALL, false, p->t->colour_muted);
}

/* The simulated mean NPV and TCO percentiles, beside the table above. */
static void sim_costs_table(struct pdf *p)
{
    const struct crm_simulation *sim = p->res->simulation;
    static const double wts[] = { 3.2, 1.6, 1.6, 1.6, 1.6 };
    static const bool right[] = { false, true, true, true, true };
    static const char *const heads[] = {
        "col_vendor", "col_npv_mean", "col_tco_p10", "col_tco_p50", "col_tco_p90"
    };
    struct table t;
    char v[5][48];
    size_t i;

    gap(p, 6);
    table_init_keys(p, &t, 5, heads, wts, right, SMALL);
    for (i = 0; i < p->res->vendor_count; i++) {
        size_t vi = p->res->order[i];
        const struct crm_sim_vendor *sv = &sim->vendors[vi];
        const char *cells[5];

        cells[0] = vendor_label(&p->res->vendors[vi]);
        cells[1] = sv->has_finance ? money0(v[1], sizeof(v[1]), sv->npv.mean) : "—";
        cells[2] = sv->has_finance ? money0(v[2], sizeof(v[2]), sv->tco.p10) : "—";
        cells[3] = sv->has_finance ? money0(v[3], sizeof(v[3]), sv->tco.p50) : "—";
        cells[4] = sv->has_finance ? money0(v[4], sizeof(v[4]), sv->tco.p90) : "—";
        table_row(p, &t, cells, i);
    }
}

static void section_risk(struct pdf *p)
{
    const struct crm_simulation *sim = p->res->simulation;
    static const double wts[] = { 3.2, 1.1, 2.2, 1.5, 1.5, 1.5, 1.1 };
    static const bool right[] = { false, true, true, true, true, true, true };
    static const char *const heads[] = {
        "col_vendor", "col_p_first", "col_score_range", "col_npv_p10", "col_npv_p50",
        "col_npv_p90", "col_p_npv"
    };
    struct table t;
    char buf[512], v[7][48];
    size_t i;

    h2(p, T(p, "risk_title"));
    para(p, sim_sentence(p, buf, sizeof(buf)));
    if (sim->unknowns.missing > 0 || sim_varied(sim) > 0) {
        char m[32], n[32];

        snprintf(m, sizeof(m), "%zu", sim->unknowns.missing);
        snprintf(n, sizeof(n), "%zu", sim_varied(sim));
        para(p, fill(buf, sizeof(buf), T(p, "sim_unknowns"), "missing", m, "varied", n, NULL));
    }
    table_init_keys(p, &t, 7, heads, wts, right, SMALL);
    for (i = 0; i < p->res->vendor_count; i++) {
        size_t vi = p->res->order[i];
        const struct crm_sim_vendor *sv = &sim->vendors[vi];
        const char *cells[7];

        crm__snprintf(v[2], sizeof(v[2]), "%.1f – %.1f", sv->score.p5, sv->score.p95);
        cells[0] = vendor_label(&p->res->vendors[vi]);
        cells[1] = pct(v[1], sizeof(v[1]), sv->p_first, 1);
        cells[2] = v[2];
        cells[3] = sv->has_finance ? money0(v[3], sizeof(v[3]), sv->npv.p10) : "—";
        cells[4] = sv->has_finance ? money0(v[4], sizeof(v[4]), sv->npv.p50) : "—";
        cells[5] = sv->has_finance ? money0(v[5], sizeof(v[5]), sv->npv.p90) : "—";
        cells[6] = sv->has_finance ? pct(v[6], sizeof(v[6]), sv->p_npv_positive, 0) : "—";
        table_row(p, &t, cells, i);
    }
    if (sim->leader != CRM_NONE && sim->vendors[sim->leader].has_finance) {
        sim_costs_table(p);
        fill(buf, sizeof(buf), T(p, "npv_dist_title"), "vendor",
             vendor_label(&p->res->vendors[sim->leader]), NULL);
        need(p, 220);
        h2(p, buf);
        npv_distribution(p, &sim->vendors[sim->leader]);
    }
}

/* "Questions to settle before deciding": the first @p most values to find
 * out, with their vendor's chance of ranking first either way. */
static void questions_table(struct pdf *p, size_t most)
{
    const struct crm_analysis *an = p->res->analysis;
    static const double wts[] = { 2.4, 3.0, 2.0, 1.1, 1.2, 1.2 };
    static const bool right[] = { false, false, false, true, true, true };
    static const char *const heads[] = {
        "col_vendor", "col_criterion", "col_status", "col_at_stake", "col_p_if_worse",
        "col_p_if_better"
    };
    struct table t;
    char buf[160], v[4][96], kind[64];
    size_t k, simulated = 0;

    if (an->question_count == 0) {
        return;
    }
    need(p, 120);
    h2(p, T(p, "questions_title"));
    para_at(p, p->left, T(p, "questions_intro"), SMALL, false, p->t->colour_muted);
    table_init_keys(p, &t, 6, heads, wts, right, SMALL);
    for (k = 0; k < an->question_count && k < most; k++) {
        const struct crm_question *q = &an->questions[k];
        const char *cells[6];

        question_kind(p, kind, sizeof(kind), q);
        snprintf(v[0], sizeof(v[0]), "%s%s%s", kind, q->decisive ? " ▲" : "",
                 q->must_have ? " !" : "");
        cells[0] = vendor_label(&p->res->vendors[q->vendor]);
        cells[1] = criterion_name(p, q->criterion);
        cells[2] = v[0];
        cells[3] = num(v[1], sizeof(v[1]), q->at_stake, 2);
        cells[4] = q->simulated ? pct(v[2], sizeof(v[2]), q->p_owner_low, 0) : "—";
        cells[5] = q->simulated ? pct(v[3], sizeof(v[3]), q->p_owner_high, 0) : "—";
        simulated += q->simulated;
        table_row(p, &t, cells, k);
    }
    if (simulated > 0) {
        para_at(p, p->left, T(p, "questions_note"), SMALL, false, p->t->colour_muted);
    }
    if (an->question_count > most) {
        snprintf(v[0], sizeof(v[0]), "%zu", an->question_count - most);
        fill(buf, sizeof(buf), T(p, "questions_more"), "count", v[0], NULL);
        para_at(p, p->left, buf, SMALL, false, p->t->colour_muted);
    }
}

static void section_sensitivity(struct pdf *p)
{
    const struct crm_analysis *an = p->res->analysis;
    char buf[640], a[32], b[32];
    size_t i;

    h1(p, T(p, "sensitivity_title"));
    if (an->verdict == CRM_VERDICT_PRELIMINARY) {
        char rs[640];

        fill(buf, sizeof(buf), T(p, "on_data_so_far"), "sentence",
             robust_sentence(p, rs, sizeof(rs)), NULL);
    } else {
        robust_sentence(p, buf, sizeof(buf));
    }
    para_at(p, p->left, buf, 10.5, true,
            an->robustness == CRM_VERDICT_ROBUST ? p->t->colour_pass : p->t->colour_fail);
    gap(p, 4);
    if (an->winner != CRM_NONE && an->has_smallest) {
        para(p, smallest_change(p, buf, sizeof(buf)));
    }
    if (an->weights_available && an->winner != CRM_NONE && an->tie_count < 2) {
        h2(p, T(p, "stability_title"));
        stability_chart(p);
    }
    h2(p, T(p, "methods_title"));
    fill(buf, sizeof(buf),
         T(p, an->winner == CRM_NONE  ? "methods_no_winner"
              : an->tie_count > 1     ? "methods_tie"
              : an->methods_disagree ? "methods_disagree"
                                      : "methods_agree"),
         "tau", num(a, sizeof(a), an->kendall_tau, 2), NULL);
    para(p, buf);
    {
        static const double wts[] = { 4, 1.2, 1.4, 1.2, 1.6 };
        static const bool right[] = { false, true, true, true, false };
        static const char *const heads[] = {
            "col_vendor", "col_rank", "col_closeness", "col_topsis_rank", "col_loo"
        };
        struct table t;
        table_init_keys(p, &t, 5, heads, wts, right, SMALL);
        for (i = 0; i < p->res->vendor_count; i++) {
            size_t v = p->res->order[i];
            const char *cells[5];
            char r1[16], r2[16];

            snprintf(r1, sizeof(r1), "%u", p->res->vendors[v].rank);
            snprintf(r2, sizeof(r2), "%u", an->topsis_rank[v]);
            cells[0] = vendor_label(&p->res->vendors[v]);
            cells[1] = r1;
            cells[2] = isnan(an->topsis[v]) ? "—" : num(b, sizeof(b), an->topsis[v], 3);
            cells[3] = an->topsis_rank[v] == 0 ? "—" : r2;
            cells[4] = !an->loo_done ? "—"
                       : an->loo_reversal[v] ? T(p, "loo_changes") : T(p, "loo_same");
            table_row(p, &t, cells, i);
        }
        para_at(p, p->left, T(p, "loo_note"), SMALL, false, p->t->colour_muted);
        para_at(p, p->left, T(p, an->topsis_data_ideal ? "topsis_note_data" : "topsis_note"),
                SMALL, false, p->t->colour_muted);
    }
    h2(p, T(p, "frontier_title"));
    frontier_chart(p);
    if (p->res->simulation != NULL && p->res->simulation->leader != CRM_NONE) {
        section_risk(p);
    }
    if (an->tornado != NULL && an->winner != CRM_NONE) {
        const struct crm_vendor_tornado *tv = &an->tornado[an->winner];

        need(p, 200);
        fill(buf, sizeof(buf), T(p, "tornado_title"), "vendor",
             vendor_label(&p->res->vendors[an->winner]), "range",
             pct(a, sizeof(a), an->tornado_range, 0), NULL);
        h2(p, buf);
        tornado_chart(p, tv);
        for (i = 0; i < tv->bar_count; i++) {
            const struct crm_tornado_bar *bar = &tv->bars[i];
            char key[48];
            const char *label = NULL;

            if (!bar->has_break_even) {
                continue;
            }
            if (bar->input == CRM_TORNADO_COST) {
                snprintf(key, sizeof(key), "cat_%s", crm__cost_category_names[bar->category]);
                label = T(p, key);
            } else {
                label = T(p, bar->input == CRM_TORNADO_BENEFITS ? "in_benefits"
                             : bar->input == CRM_TORNADO_SEATS   ? "in_seats"
                                                                 : "in_rate");
            }
            if (bar->input == CRM_TORNADO_RATE) {
                fill(buf, sizeof(buf), T(p, "break_even_rate"), "input", label,
                     "value", pct(a, sizeof(a), bar->break_even, 2), NULL);
            } else {
                fill(buf, sizeof(buf), T(p, "break_even_line"), "input", label,
                     "value", pct(a, sizeof(a), bar->break_even, 0), NULL);
            }
            bullet(p, buf);
        }
        if (tv->has_price_break_even) {
            snprintf(b, sizeof(b), "%s %s", p->res->ev->vendors[an->winner]->pricing.currency,
                     money2(a, sizeof(a), tv->price_break_even));
            fill(buf, sizeof(buf), T(p, "break_even_price"), "price", b, NULL);
            bullet(p, buf);
        }
        rate_scenario_table(p);
    }
    questions_table(p, 25);
}

/* Evidence older than 18 months before the evaluation date is flagged. */
static bool stale(const char *evidence_date, const char *eval_date)
{
    int ey = 0, em = 0, ed = 0, vy = 0, vm = 0, vd = 0;

    if (evidence_date == NULL || eval_date == NULL ||
        sscanf(evidence_date, "%d-%d-%d", &ey, &em, &ed) != 3 ||
        sscanf(eval_date, "%d-%d-%d", &vy, &vm, &vd) != 3) {
        return false;
    }
    return (vy * 12 + vm) - (ey * 12 + em) > 18 ||
           ((vy * 12 + vm) - (ey * 12 + em) == 18 && vd > ed);
}

static void vendor_page(struct pdf *p, const struct crm_vendor_score *vs)
{
    const struct crm_vendor *v = vs->vendor;
    const struct crm_criteria_set *set = p->ev->set;
    size_t vi = index_of(p, vs), i, k, n;
    char buf[640], a[64], b[64];
    struct keyed *keys = pdf_calloc(set->criterion_count + 1, sizeof(*keys));

    new_page(p);
    snprintf(buf, sizeof(buf), "%u. %s%s%s", vs->rank, vendor_label(vs),
             v->edition ? " · " : "", v->edition ? v->edition : "");
    h1(p, buf);
    num(a, sizeof(a), vs->score, 2);
    pct(b, sizeof(b), vs->completeness, 0);
    fill(buf, sizeof(buf), T(p, vs->knocked_out ? "vendor_line_ko" : "vendor_line"),
         "score", a, "completeness", b, NULL);
    para_at(p, p->left, buf, 10.5, true,
            vs->knocked_out ? p->t->colour_fail : p->t->colour_text);
    gap(p, 4);
    {
        size_t len = 0;

        buf[0] = '\0';
        if (v->company) {
            len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s", v->company);
        }
        if (v->country) {
            len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
                                    len ? " · " : "", v->country);
        }
        for (k = 0; k < v->deployment_count && len < sizeof(buf) - 40; k++) {
            len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
                                    len ? " · " : "", v->deployment[k]);
        }
        if (v->licence) {
            snprintf(buf + len, sizeof(buf) - len, "%s%s", len ? " · " : "",
                     v->licence);
        }
        if (buf[0]) {
            para(p, buf);
        }
        if (v->website) {
            para_at(p, p->left, v->website, SMALL, false, p->t->colour_muted);
        }
    }
    if (v->has_pricing) {
        const struct crm_pricing *pr = &v->pricing;

        if (pr->has_list_price) {
            snprintf(a, sizeof(a), "%s %s", pr->currency, money2(b, sizeof(b), pr->list_price_per_user_month));
        } else if (pr->has_perpetual) {
            snprintf(a, sizeof(a), "%s %s", pr->currency, money2(b, sizeof(b), pr->perpetual_licence_per_user));
        } else {
            snprintf(a, sizeof(a), "%s", pr->model == CRM_PRICING_FREE ? T(p, "free") : "—");
        }
        fill(buf, sizeof(buf),
             T(p, pr->has_perpetual ? "pricing_perpetual" : "pricing_line"),
             "price", a, "as_of", pr->as_of ? pr->as_of : "—", "source",
             pr->source ? pr->source : "—", NULL);
        para(p, buf);
        if (pr->note) {
            para_at(p, p->left, pr->note, SMALL, false, p->t->colour_muted);
        }
        if (pr->as_of != NULL && stale(pr->as_of, p->ev->date)) {
            para_at(p, p->left, T(p, "stale_price"), SMALL, true, p->t->colour_fail);
        }
    }
    if (keys != NULL) {
        h2(p, T(p, "strengths"));
        n = sorted_criteria(p, keys, vs, NULL, 1);
        for (i = 0; i < n && i < 5 && keys[i].key > 0; i++) {
            char val[96];

            fill(buf, sizeof(buf), T(p, "strength_line"), "criterion",
                 criterion_name(p, keys[i].c), "points",
                 num(a, sizeof(a), keys[i].key, 2), "value",
                 value_text(p, val, sizeof(val), vi, keys[i].c), NULL);
            bullet(p, buf);
        }
        h2(p, T(p, "weaknesses"));
        n = sorted_criteria(p, keys, vs, NULL, 2);
        for (i = 0; i < n && i < 5 && keys[i].key > 0; i++) {
            char val[96];

            fill(buf, sizeof(buf), T(p, "weakness_line"), "criterion",
                 criterion_name(p, keys[i].c), "points",
                 num(a, sizeof(a), keys[i].key, 2), "value",
                 value_text(p, val, sizeof(val), vi, keys[i].c), NULL);
            bullet(p, buf);
        }
        free(keys);
    }
    if (p->ev->rule_count > 0) {
        static const double wts[] = { 5, 1.4 };
        static const bool right[] = { false, false };
        static const char *const heads[] = { "col_rule", "col_result" };
        struct table t;

        h2(p, T(p, "must_have_title"));
        table_init_keys(p, &t, 2, heads, wts, right, SMALL);
        for (k = 0; k < p->ev->rule_count; k++) {
            const struct crm_rule_outcome *ro = &vs->rules[k];
            const char *cells[2];

            cells[0] = rule_text(p, buf, sizeof(buf), ro);
            cells[1] = ro->state == CRM_MUST_HAVE_PASS
                           ? (ro->near_miss ? T(p, "near_miss") : T(p, "pass"))
                       : ro->state == CRM_MUST_HAVE_UNVERIFIED ? T(p, "rule_unverified")
                                                               : T(p, "fail");
            table_row(p, &t, cells, k);
        }
    }
    /* Missing data: names of weighted criteria with no value. */
    if (vs->missing_count > 0) {
        size_t len = 0, listed = 0;

        h2(p, T(p, "missing_title"));
        buf[0] = '\0';
        for (i = 0; i < set->criterion_count; i++) {
            const char *name = criterion_name(p, i);

            if (vs->criteria[i].source != CRM_SOURCE_MISSING ||
                p->res->weights.effective[i] <= 0) {
                continue;
            }
            if (len + strlen(name) + 40 >= sizeof(buf)) {
                break;
            }
            len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
                                    listed ? (p->zh ? "、" : ", ") : "", name);
            listed++;
        }
        if (listed < vs->missing_count) {
            snprintf(a, sizeof(a), "%zu", vs->missing_count - listed);
            fill(b, sizeof(b), T(p, "and_more"), "count", a, NULL);
            snprintf(buf + len, sizeof(buf) - len, " %s", b);
        }
        para_at(p, p->left, buf, SMALL, false, p->t->colour_text);
    }
    /* Evidence behind the values. */
    {
        static const double wts[] = { 2.4, 1.3, 4.2, 1.3 };
        static const char *const kinds[] = { "ev_vendor_claim", "ev_documentation",
                                             "ev_demo", "ev_trial",
                                             "ev_reference_customer",
                                             "ev_independent_test" };
        static const char *const heads[] = {
            "col_criterion", "col_evidence_kind", "col_source", "col_date"
        };
        struct table t;
        size_t rows = 0;
        bool any_stale = false;
        table_init_keys(p, &t, 4, heads, wts, NULL, SMALL);
        for (i = 0; i < set->criterion_count; i++) {
            struct crm_value val = crm__result_value(p->res, vi, i);

            if (!val.present || val.raw == NULL) {
                continue;
            }
            for (k = 0; k < val.raw->evidence_count; k++) {
                const struct crm_evidence *e = &val.raw->evidence[k];
                const char *cells[4];
                char date[48];

                if (rows == 0) {
                    h2(p, T(p, "evidence_title"));
                }
                snprintf(date, sizeof(date), "%s%s", e->date ? e->date : "—",
                         stale(e->date, p->ev->date) ? " !" : "");
                any_stale = any_stale || stale(e->date, p->ev->date);
                cells[0] = criterion_name(p, i);
                cells[1] = T(p, kinds[e->kind]);
                cells[2] = e->source;
                cells[3] = date;
                table_row(p, &t, cells, rows++);
            }
        }
        if (any_stale) {
            para_at(p, p->left, T(p, "stale_note"), SMALL, false, p->t->colour_muted);
        }
    }
}

static const char *const role_keys[CRM_ROLE_COUNT] = { "role_it", "role_sales", "role_service",
                                                      "role_finance", "role_management" };

static const char *role_name(const struct pdf *p, size_t role)
{
    return T(p, role_keys[role]);
}

/* The panel: who scored, where they disagree most, and each role's
 * ranking (docs/panel.md). */
static void section_panel(struct pdf *p)
{
    static const double dw[] = { 2.6, 3.6, 0.6, 1.3, 0.9, 1.3, 1.3 };
    static const bool dr[] = { false, false, true, true, true, true, true };
    static const char *const dh[] = { "col_vendor", "col_criterion", "col_count", "col_range",
                                      "col_sd", "col_consensus", "col_at_stake" };
    static const double ew[] = { 3, 1.6, 1.3, 1, 3 };
    static const bool er[] = { false, false, true, true, false };
    static const char *const eh[] = { "col_evaluator", "col_role", "col_role_weight",
                                      "col_scores", "col_weight_set" };
    const struct crm_result *res = p->res;
    const struct crm_panel *panel = p->ev->panel;
    const char *rh[CRM_ROLE_COUNT + 2];
    double rw[CRM_ROLE_COUNT + 2];
    bool rr[CRM_ROLE_COUNT + 2];
    char buf[768], a[32], b[32], c[48], weights[256];
    size_t i, k, len = 0, cells = 0;
    struct table t;

    h1(p, T(p, "panel_title"));
    weights[0] = '\0';
    for (k = 0; k < CRM_ROLE_COUNT; k++) {
        len += (size_t)snprintf(weights + len, sizeof(weights) - len, "%s%s %s",
                                k ? ", " : "", role_name(p, k),
                                num(a, sizeof(a), p->ev->panel_settings.role_weight[k], 2));
        if (len >= sizeof(weights)) {
            break;
        }
    }
    for (i = 0; i < panel->cell_count; i++) {
        cells += panel->cells[i].applied;
    }
    snprintf(a, sizeof(a), "%zu", panel->evaluator_count);
    snprintf(b, sizeof(b), "%zu", cells);
    fill(buf, sizeof(buf), T(p, "panel_intro"), "evaluators", a, "cells", b, "method",
         T(p, p->ev->panel_settings.aggregate == CRM_PANEL_MEDIAN ? "panel_median"
                                                                  : "panel_mean"),
         "weights", weights, NULL);
    para(p, buf);

    h2(p, T(p, "panel_disagree_title"));
    para(p, T(p, "panel_consensus_note"));
    if (res->disagreement_count == 0) {
        para(p, T(p, "panel_disagree_none"));
    } else {
        table_init_keys(p, &t, 7, dh, dw, dr, SMALL);
        for (i = 0; i < res->disagreement_count; i++) {
            size_t ci = res->disagreements[i];
            const struct crm_panel_cell *cell = &panel->cells[ci];
            const char *row[7];
            char n[16], range[80], sd[32], cns[32], stake[32];

            snprintf(n, sizeof(n), "%zu", cell->count);
            snprintf(range, sizeof(range), "%s – %s", num(a, sizeof(a), cell->min, 2),
                     num(b, sizeof(b), cell->max, 2));
            row[0] = vendor_label(&res->vendors[cell->vendor]);
            row[1] = criterion_name(p, cell->criterion);
            row[2] = n;
            row[3] = range;
            row[4] = num(sd, sizeof(sd), cell->sd, 2);
            row[5] = num(cns, sizeof(cns), cell->consensus, 2);
            row[6] = num(stake, sizeof(stake), res->at_stake[ci], 2);
            table_row(p, &t, row, i);
        }
    }

    need(p, 120);
    h2(p, T(p, "panel_roles_title"));
    para(p, T(p, "panel_roles_note"));
    len = 0;
    buf[0] = '\0';
    for (k = 0; k < res->role_count; k++) {
        const struct crm_result *sub = res->roles[k].sub;

        if (sub->vendors[res->order[0]].rank != 1 && len < sizeof(buf)) {
            len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s", len ? ", " : "",
                                    role_name(p, res->roles[k].role));
        }
    }
    if (len == 0) {
        fill(buf, sizeof(buf), T(p, "panel_roles_agree"), "vendor",
             vendor_label(ranked(p, 0)), NULL);
        para(p, buf);
    } else {
        char roles[768];

        snprintf(roles, sizeof(roles), "%s", buf);
        fill(buf, sizeof(buf), T(p, "panel_roles_differ"), "roles", roles, NULL);
        para_at(p, p->left, buf, 10.5, true, p->t->colour_fail);
    }
    rh[0] = "col_vendor";
    rh[1] = "col_overall";
    rw[0] = 3.5;
    rw[1] = 1.2;
    rr[0] = false;
    rr[1] = true;
    for (k = 0; k < res->role_count; k++) {
        rh[k + 2] = role_keys[res->roles[k].role];
        rw[k + 2] = 1.4;
        rr[k + 2] = true;
    }
    table_init_keys(p, &t, res->role_count + 2, rh, rw, rr, SMALL);
    for (i = 0; i < res->vendor_count; i++) {
        size_t vi = res->order[i];
        const char *row[CRM_ROLE_COUNT + 2];
        char ranks[CRM_ROLE_COUNT + 1][80];

        snprintf(ranks[0], sizeof(ranks[0]), "%u  (%s)", res->vendors[vi].rank,
                 num(a, sizeof(a), res->vendors[vi].score, 1));
        row[0] = vendor_label(&res->vendors[vi]);
        row[1] = ranks[0];
        for (k = 0; k < res->role_count; k++) {
            const struct crm_vendor_score *vs = &res->roles[k].sub->vendors[vi];

            snprintf(ranks[k + 1], sizeof(ranks[k + 1]), "%u  (%s)", vs->rank,
                     num(c, sizeof(c), vs->score, 1));
            row[k + 2] = ranks[k + 1];
        }
        table_row(p, &t, row, i);
    }

    need(p, 80);
    h2(p, T(p, "panel_evaluators_title"));
    table_init_keys(p, &t, 5, eh, ew, er, SMALL);
    for (i = 0; i < panel->evaluator_count; i++) {
        const struct crm_panel_evaluator *e = &panel->evaluators[i];
        const char *row[5], *own = "—";
        char n[16];

        for (k = 0; k < p->ev->panel_settings.weight_set_count; k++) {
            if (strcmp(p->ev->panel_settings.weight_sets[k].evaluator, e->name) == 0) {
                own = p->ev->panel_settings.weight_sets[k].profile;
            }
        }
        snprintf(n, sizeof(n), "%zu", e->score_count);
        row[0] = e->name;
        row[1] = role_name(p, e->role);
        row[2] = num(a, sizeof(a), p->ev->panel_settings.role_weight[e->role], 2);
        row[3] = n;
        row[4] = own;
        table_row(p, &t, row, i);
    }
}

static void section_vendors(struct pdf *p)
{
    size_t i;

    for (i = 0; i < p->res->vendor_count; i++) {
        vendor_page(p, ranked(p, i));
    }
}

static void section_method(struct pdf *p)
{
    const struct crm_criteria_set *set = p->ev->set;
    const struct crm_evaluation *ev = p->ev;
    char buf[640], a[32], b[32];
    size_t i, k, row = 0;

    h1(p, T(p, "method_title"));
    para(p, T(p, "method_scoring"));
    gap(p, 4);
    para(p, T(p, ev->missing == CRM_MISSING_WORST
                     ? "missing_worst"
                     : (ev->missing == CRM_MISSING_MIDPOINT ? "missing_midpoint"
                                                            : "missing_ignore")));
    gap(p, 4);
    if (ev->profile != NULL) {
        fill(buf, sizeof(buf), T(p, "profile_line"), "profile",
             pick(p, &ev->profile->name), NULL);
        para(p, buf);
        if (ev->profile->rationale.en || ev->profile->rationale.zh) {
            para_at(p, p->left, pick(p, &ev->profile->rationale), SMALL, false,
                    p->t->colour_muted);
        }
    }
    h2(p, T(p, "weights_title"));
    {
        static const double wts[] = { 2.2, 3.4, 1.1, 1.1 };
        static const bool right[] = { false, false, true, true };
        static const char *const heads[] = {
            "col_group", "col_criterion", "col_share", "col_effective"
        };
        struct table t;
        table_init_keys(p, &t, 4, heads, wts, right, SMALL);
        for (i = 0; i < set->criterion_count; i++) {
            const char *cells[4];

            if (p->res->weights.effective[i] <= 0) {
                continue;
            }
            cells[0] = group_name(p, set->criteria[i].group);
            cells[1] = criterion_name(p, i);
            cells[2] = pct(a, sizeof(a), p->res->weights.criterion_share[i], 1);
            cells[3] = pct(b, sizeof(b), p->res->weights.effective[i], 2);
            table_row(p, &t, cells, row++);
        }
    }
    h2(p, T(p, "value_functions_title"));
    for (i = 0; i < set->criterion_count; i++) {
        const struct crm_criterion *c = &set->criteria[i];
        size_t len = 0;

        if (c->kind != CRM_KIND_NUMBER || p->res->weights.effective[i] <= 0) {
            continue;
        }
        len = (size_t)snprintf(buf, sizeof(buf), "%s (%s): ", criterion_name(p, i),
                               c->unit ? c->unit : "");
        if (c->point_count >= 2) {
            for (k = 0; k < c->point_count && len < sizeof(buf) - 48; k++) {
                len += (size_t)crm__snprintf(buf + len, sizeof(buf) - len, "%s%g → %g",
                                             k ? "; " : "", c->points[k].x,
                                             c->points[k].value);
            }
        } else {
            snprintf(buf + len, sizeof(buf) - len, "%s", T(p, "relative_scale"));
        }
        bullet(p, buf);
    }
    h2(p, T(p, "finance_conventions_title"));
    para(p, T(p, "conventions_text"));
    if (ev->rate_count > 0) {
        size_t len = 0;

        fill(buf, sizeof(buf), T(p, "rates_line"), "as_of",
             ev->rates_as_of ? ev->rates_as_of : "—", "source",
             ev->rates_source ? ev->rates_source : "—", NULL);
        len = strlen(buf);
        for (i = 0; i < ev->rate_count && len < sizeof(buf) - 40; i++) {
            len += (size_t)crm__snprintf(buf + len, sizeof(buf) - len, "%s1 %s = %g %s",
                                         i ? "; " : " ", ev->rates[i].currency,
                                         ev->rates[i].rate, ev->currency);
        }
        gap(p, 4);
        para(p, buf);
    }
    h2(p, T(p, "inputs_title"));
    fill(buf, sizeof(buf), T(p, "digest_line"), "digest", ev->digest, NULL);
    para_at(p, p->left, buf, SMALL, true, p->t->colour_text);
    for (i = 0; i < ev->input_count; i++) {
        snprintf(buf, sizeof(buf), "%s  %s  %s", ev->inputs[i].sha256,
                 ev->inputs[i].role, ev->inputs[i].path);
        para_at(p, p->left, buf, 6.5, false, p->t->colour_muted);
    }
}

/* ---- document ---- */

static crm_status load_font(struct pdf *p, const struct crm_font_ref *f,
                            HPDF_Font *out)
{
    const char *name = NULL;
    size_t len = f->file ? strlen(f->file) : 0;
    char why[160];
    bool collection = len > 4 && strcmp(f->file + len - 4, ".ttc") == 0;

    if (f->file == NULL || access(f->file, F_OK) != 0) {
        crm_diags_add(p->diags, CRM_SEV_ERROR, f->mark.file, f->mark.line,
                      f->mark.column,
                      "font '%s' not found; install the Debian package %s "
                      "(apt-get install %s) or point the template at another "
                      "TrueType font",
                      f->file ? f->file : "?", f->package ? f->package : "that provides it",
                      f->package ? f->package : "...");
        return CRM_EINPUT;
    }
    /* libharu opens the font by path (a FIFO would block it for ever) and
     * trusts its offsets: check the file first */
    if (!crm__font_check(f->file, collection, why, sizeof(why))) {
        crm_diags_add(p->diags, CRM_SEV_ERROR, f->mark.file, f->mark.line, f->mark.column,
                      "font '%s': %s", f->file, why);
        return CRM_EINPUT;
    }
    if (collection) {
        name = HPDF_LoadTTFontFromFile2(p->doc, f->file, 0, HPDF_TRUE);
    } else {
        name = HPDF_LoadTTFontFromFile(p->doc, f->file, HPDF_TRUE);
    }
    *out = name ? HPDF_GetFont(p->doc, name, "UTF-8") : NULL;
    if (*out == NULL && p->fail == CRM_ENOMEM) {
        return CRM_ENOMEM; /* not a bad font */
    }
    if (*out == NULL) {
        crm_diags_add(p->diags, CRM_SEV_ERROR, f->mark.file, f->mark.line,
                      f->mark.column,
                      "font '%s' could not be loaded (libharu error 0x%04X, detail %u); "
                      "expected a TrueType font",
                      f->file, (unsigned)p->error, (unsigned)p->detail);
        return CRM_EINPUT;
    }
    return CRM_OK;
}

/* The document's title, author and date (the evaluation's, not the
 * clock's). */
static void set_info(struct pdf *p)
{
    HPDF_Date date;
    int y = 2000, m = 1, d = 1;

    memset(&date, 0, sizeof(date));
    if (p->ev->date != NULL) {
        sscanf(p->ev->date, "%d-%d-%d", &y, &m, &d);
    }
    date.year = y;
    date.month = m;
    date.day = d;
    date.ind = 'Z';
    if (hpdf_ok(p, HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, p->ev->title), "the title") &&
        hpdf_ok(p, HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "crmeval " CRMEVAL_VERSION),
                "the creator") &&
        (p->ev->prepared_by == NULL ||
         hpdf_ok(p, HPDF_SetInfoAttr(p->doc, HPDF_INFO_AUTHOR, p->ev->prepared_by),
                 "the author"))) {
        hpdf_ok(p, HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, date), "the date");
    }
}

/* The finished document into a malloc'd buffer (*out, *out_len). */
static void save(struct pdf *p, void **out, size_t *out_len)
{
    HPDF_UINT32 size = 0;
    unsigned char *buf = NULL;

    if (!save_document(p)) {
        p->broken = true;
        return;
    }
    if (!pdf_ok(p)) {
        return;
    }
    size = HPDF_GetStreamSize(p->doc);
    if (size == 0) {
        pdf_fail(p, CRM_EIO, "the document is empty (libharu error 0x%04X)",
                 (unsigned)p->error);
        return;
    }
    buf = malloc(size);
    if (buf == NULL) {
        pdf_fail(p, CRM_ENOMEM, "out of memory");
        return;
    }
    if (!hpdf_ok(p, HPDF_ReadFromStream(p->doc, buf, &size), "reading the document back") ||
        !pdf_ok(p)) {
        free(buf);
        return;
    }
    *out = buf;
    *out_len = size;
}

/* crm__report_pdf_render, which clears `rendering` however this returns. */
static crm_status render_pdf(void **out, size_t *out_len, const crm_result *res,
                             int max_pages, crm_diags *diags)
{
    struct pdf p;
    crm_status st = CRM_OK;
    size_t s;

    *out = NULL;
    *out_len = 0;
    memset(&p, 0, sizeof(p));
    p.res = res;
    p.ev = res->ev;
    p.t = res->ev->template_;
    p.diags = diags;
    p.max_pages = max_pages;
    if (p.t == NULL) {
        crm_diags_add(diags, CRM_SEV_ERROR, res->ev->file, 0, 0,
                      "no report template found: set 'template:' to a "
                      "template file (see templates/default.yaml)");
        return CRM_EINPUT;
    }
    p.zh = strcmp(p.t->language, "zh-CN") == 0;
    rendering = &p;
    p.doc = HPDF_NewEx(on_error, haru_alloc, haru_free, 0, &p);
    if (p.doc == NULL) {
        free_document(&p, true); /* what libharu made before it gave up */
        return CRM_ENOMEM;
    }
    if (hpdf_ok(&p, HPDF_UseUTFEncodings(p.doc), "UTF-8 encodings") &&
        hpdf_ok(&p, HPDF_SetCurrentEncoder(p.doc, "UTF-8"), "the UTF-8 encoder") &&
        hpdf_ok(&p, HPDF_SetCompressionMode(p.doc, HPDF_COMP_ALL), "compression") &&
        ((st = load_font(&p, &p.t->latin, &p.latin)) != CRM_OK ||
         (st = load_font(&p, &p.t->latin_bold, &p.bold)) != CRM_OK ||
         (st = load_font(&p, &p.t->cjk, &p.cjk)) != CRM_OK)) {
        free_document(&p, false);
        return st; /* the font's own message is in diags */
    }
    if (pdf_ok(&p)) {
        set_info(&p);
    }
    p.left = p.t->margin_left;
    p.right = p.t->page_width - p.t->margin_right;
    p.top = p.t->page_height - p.t->margin_top;
    p.bottom = p.t->margin_bottom + 20;
    for (s = 0; s < p.t->section_count && pdf_ok(&p); s++) {
        const char *name = p.t->sections[s];

        if ((strcmp(name, "finance") == 0 && res->finance == NULL) ||
            (strcmp(name, "panel") == 0 && res->ev->panel == NULL)) {
            continue; /* no cost data or no panel: no empty section */
        }
        if (strcmp(name, "vendors") != 0) {
            new_page(&p);
        }
        if (strcmp(name, "cover") == 0) {
            section_cover(&p);
        } else if (strcmp(name, "summary") == 0) {
            section_summary(&p);
        } else if (strcmp(name, "ranking") == 0) {
            section_ranking(&p);
        } else if (strcmp(name, "breakdown") == 0) {
            section_breakdown(&p);
        } else if (strcmp(name, "finance") == 0) {
            section_finance(&p);
        } else if (strcmp(name, "vendors") == 0) {
            section_vendors(&p);
        } else if (strcmp(name, "sensitivity") == 0) {
            section_sensitivity(&p);
        } else if (strcmp(name, "panel") == 0) {
            section_panel(&p);
        } else if (strcmp(name, "method") == 0) {
            section_method(&p);
        }
    }
    if (pdf_ok(&p)) {
        save(&p, out, out_len);
    }
    free_document(&p, p.broken);
    if (p.fail == CRM_EINPUT) {
        /* too large: about the evaluation, where its vendors are listed */
        crm_diags_add(diags, CRM_SEV_ERROR, p.ev->vendors_mark.file, p.ev->vendors_mark.line,
                      p.ev->vendors_mark.column, "%s", p.why);
        return CRM_EINPUT;
    }
    if (p.fail == CRM_ENOMEM) {
        return CRM_ENOMEM; /* said by the status */
    }
    if (!pdf_ok(&p)) {
        crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0,
                      "the PDF report could not be made: %s (libharu error 0x%04X, "
                      "detail %u); no report was written",
                      p.fail != CRM_OK ? p.why : "a drawing call failed", (unsigned)p.error,
                      (unsigned)p.detail);
        return p.fail == CRM_ENOMEM ? CRM_ENOMEM : CRM_EIO;
    }
    return CRM_OK;
}

crm_status crm__report_pdf_render(void **out, size_t *out_len, const crm_result *res,
                                  int max_pages, crm_diags *diags)
{
    crm_status st = render_pdf(out, out_len, res, max_pages, diags);

    rendering = NULL; /* render_pdf's struct pdf is gone */
    return st;
}

crm_status crm_report_pdf_render(void **out, size_t *out_len,
                                 const crm_result *res, crm_diags *diags)
{
    return crm__report_pdf_render(out, out_len, res, CRM_MAX_PDF_PAGES, diags);
}

crm_status crm_report_pdf_add(crm_outputs *out, const crm_result *res, const char *path,
                              crm_diags *diags)
{
    return crm__report_add_rendered(out, crm_report_pdf_render, res, path, "the PDF report",
                                    diags);
}
