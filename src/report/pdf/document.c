/*
 * The PDF report as a document: libharu's allocator and error handler
 * (out of memory is a status, never a crash), the fonts, the document's
 * information, the sections in the template's order, and the bytes.
 *
 * Determinism: no clock is read; the creation date is the evaluation's
 * date, so the same inputs give a byte-identical PDF.
 */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crmeval/limits.h"
#include "crmeval/version.h"
#include "report/conventions.h"
#include "report/pdf.h"
#include "report/pdf/internal.h"
#include "util/strutil.h"

/* ---- errors ---- */

/*
 * libharu calls on_error for every call that fails, whatever it returns,
 * so the status of each drawing call is recorded there; rendering stops
 * at the next page or section (crm__pdf_ok) and nothing is written. Calls
 * that return a handle (a page, a font, an image) are also checked where
 * they are made, since a NULL handle must not be used.
 *
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

/* zlib's Z_MEM_ERROR: zlib allocates for itself (libharu leaves its zalloc
 * unset), and its failure comes as HPDF_ZLIB_ERROR with this detail. */
#define ZLIB_MEM_ERROR (-4)

/* Record that memory ran out during the render in progress (rendering):
 * the report fails with CRM_ENOMEM, never with a crash. */
void crm__pdf_note_out_of_memory(void)
{
    if (rendering != NULL) {
        crm__pdf_fail(rendering, CRM_ENOMEM, "out of memory");
        rendering->page = NULL;
    }
}

/* libharu's allocator: every block is listed, so a document that
 * save_document had to abandon can still be freed block by block. */
static void *haru_alloc(HPDF_UINT size)
{
    struct haru_block *b = malloc(sizeof(*b) + size);
    struct pdf *p = rendering;

    if (b == NULL) {
        crm__pdf_note_out_of_memory();
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

/* libharu's free: the block leaves the list of haru_alloc. */
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
    crm__pdf_hpdf_ok(p, HPDF_SaveToStream(p->doc), "writing the document");
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
void *crm__pdf_calloc(size_t n, size_t size)
{
    void *mem = calloc(n, size);

    if (mem == NULL) {
        crm__pdf_note_out_of_memory();
    }
    return mem;
}

/* libharu's error handler: keeps the first error (every later call checks
 * crm__pdf_ok) and notes the failures of memory libharu does not see. */
static void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *data)
{
    struct pdf *p = data;

    /* Two failures of memory libharu's allocator does not see: zlib's,
     * and fopen's FILE for a font (HPDF_FILE_OPEN_ERROR, detail errno) */
    if ((error_no == HPDF_ZLIB_ERROR && (HPDF_INT)detail_no == ZLIB_MEM_ERROR) ||
        (error_no == HPDF_FILE_OPEN_ERROR && detail_no == ENOMEM)) {
        crm__pdf_note_out_of_memory();
    }
    if (p->error == 0) {
        p->error = error_no;
        p->detail = detail_no;
    }
}

/* Stop rendering: @p status and a message (the first reason wins). */
void crm__pdf_fail(struct pdf *p, crm_status status, const char *fmt, ...)
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
bool crm__pdf_ok(const struct pdf *p)
{
    return p->error == 0 && p->fail == CRM_OK;
}

/* A libharu status other than HPDF_OK stops the rendering. */
bool crm__pdf_hpdf_ok(struct pdf *p, HPDF_STATUS st, const char *what)
{
    if (st != HPDF_OK) {
        crm__pdf_fail(p, CRM_EIO, "%s failed (libharu error 0x%04X)", what, (unsigned)st);
    }
    return st == HPDF_OK;
}

/* ---- document ---- */

/* Embed the template's TrueType font f (the first face of a .ttc) in the
 * document, UTF-8 encoded, into *out (owned by the document). A missing or
 * malformed file is CRM_EINPUT with a diagnostic at the template's line
 * that says what to install; out of memory is CRM_ENOMEM. */
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

/* Debian's fonts for the scripts DejaVu and WenQuanYi do not draw, and
 * their packages, loaded only when the report has text in them. Hangul is
 * in NanumGothic (fonts-nanum): Noto's Korean (fonts-noto-cjk) has
 * PostScript outlines, which libharu cannot load. */
static const char *const script_fonts[CRM_PDF_SCRIPTS] = {
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansHebrew-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf",
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
};
static const char *const script_packages[CRM_PDF_SCRIPTS] = {
    "fonts-noto-core", "fonts-noto-core", "fonts-noto-core", "fonts-noto-core", "fonts-nanum",
};

/* One text of the inputs the report prints, and where it comes from. */
struct field {
    const char *text;
    const char *file;
    char what[96];
};

/* The texts of the inputs the report prints: the title, the organisation,
 * who prepared it, the firm, each vendor's name, edition and company, and
 * the criteria and groups in the report's language. NULL texts are
 * skipped. Returns how many were put in @p out (at most @p max). */
static size_t input_fields(const struct pdf *p, struct field *out, size_t max)
{
    const struct crm_evaluation *ev = p->ev;
    const struct crm_criteria_set *set = ev->set;
    size_t n = 0, i;

#define FIELD(t, f, ...)                                                   \
    do {                                                                  \
        if ((t) != NULL && n < max) {                                     \
            out[n].text = (t);                                            \
            out[n].file = (f);                                            \
            snprintf(out[n].what, sizeof(out[n].what), __VA_ARGS__);      \
            n++;                                                          \
        }                                                                 \
    } while (0)
    FIELD(ev->title, ev->file, "the title");
    FIELD(ev->org.name, ev->file, "the organisation's name");
    FIELD(ev->prepared_by, ev->file, "'prepared_by'");
    FIELD(p->t->firm, p->t->file, "the firm");
    for (i = 0; i < ev->vendor_count; i++) {
        const struct crm_vendor *v = ev->vendors[i];

        FIELD(v->name, v->file, "the name of vendor '%s'", v->id);
        FIELD(v->edition, v->file, "the edition of vendor '%s'", v->id);
        FIELD(v->company, v->file, "the company of vendor '%s'", v->id);
    }
    for (i = 0; set != NULL && i < set->criterion_count; i++) {
        FIELD(crm__pdf_criterion_name(p, i), set->file, "the name of criterion '%s'",
              set->criteria[i].path);
    }
    for (i = 0; set != NULL && i < set->group_count; i++) {
        FIELD(crm__pdf_group_name(p, i), set->file, "the name of group %zu", i + 1);
    }
#undef FIELD
    return n;
}

/*
 * Load the font of each script the inputs' texts use, when Debian's
 * package for it is installed (a script font is embedded only when used,
 * so reports without it stay small). Then warn, once per field, about text
 * no loaded font can draw (it would come out as empty boxes, or not at
 * all), naming the field and the first such character.
 */
static void script_fonts_and_warnings(struct pdf *p)
{
    struct field *fields = NULL;
    bool used[CRM_PDF_SCRIPTS] = { false };
    size_t n = 0, i, max = 64 + 3 * p->ev->vendor_count +
                          (p->ev->set ? p->ev->set->criterion_count + p->ev->set->group_count : 0);

    fields = crm__pdf_calloc(max, sizeof(*fields));
    if (fields == NULL) {
        return;
    }
    n = input_fields(p, fields, max);
    for (i = 0; i < n; i++) {
        const char *s = fields[i].text;

        while (*s != '\0') {
            int script = crm__pdf_script_of((uint32_t)crm__utf8_next(&s));

            if (script >= 0) {
                used[script] = true;
            }
        }
    }
    for (i = 0; i < CRM_PDF_SCRIPTS && crm__pdf_ok(p); i++) {
        if (used[i] && access(script_fonts[i], R_OK) == 0 &&
            crm__font_check(script_fonts[i], false, p->why, sizeof(p->why))) {
            const char *name = HPDF_LoadTTFontFromFile(p->doc, script_fonts[i], HPDF_TRUE);

            p->script[i] = name ? HPDF_GetFont(p->doc, name, "UTF-8") : NULL;
        }
    }
    p->why[0] = '\0';
    for (i = 0; i < n && crm__pdf_ok(p); i++) {
        const char *s = fields[i].text;

        while (*s != '\0') {
            uint32_t cp = (uint32_t)crm__utf8_next(&s);

            if (!crm__pdf_has_glyph(crm__pdf_font_for(p, cp, false), cp)) {
                int script = crm__pdf_script_of(cp);

                crm_diags_add(p->diags, CRM_SEV_WARNING, fields[i].file, 0, 0,
                              "the PDF report cannot draw %s: no font has U+%04X%s%s%s%s%s",
                              fields[i].what, (unsigned)cp, script >= 0 ? "; install " : "",
                              script >= 0 ? script_packages[script] : "",
                              script >= 0 ? " (" : "", script >= 0 ? script_fonts[script] : "",
                              script >= 0 ? ")" : "");
                break; /* once per field */
            }
        }
    }
    free(fields);
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
    if (crm__pdf_hpdf_ok(p, HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, p->ev->title), "the title") &&
        crm__pdf_hpdf_ok(p, HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "crmeval " CRMEVAL_VERSION),
                "the creator") &&
        (p->ev->prepared_by == NULL ||
         crm__pdf_hpdf_ok(p, HPDF_SetInfoAttr(p->doc, HPDF_INFO_AUTHOR, p->ev->prepared_by),
                 "the author"))) {
        crm__pdf_hpdf_ok(p, HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, date), "the date");
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
    if (!crm__pdf_ok(p)) {
        return;
    }
    size = HPDF_GetStreamSize(p->doc);
    if (size == 0) {
        crm__pdf_fail(p, CRM_EIO, "the document is empty (libharu error 0x%04X)",
                 (unsigned)p->error);
        return;
    }
    buf = malloc(size);
    if (buf == NULL) {
        crm__pdf_fail(p, CRM_ENOMEM, "out of memory");
        return;
    }
    if (!crm__pdf_hpdf_ok(p, HPDF_ReadFromStream(p->doc, buf, &size), "reading the document back") ||
        !crm__pdf_ok(p)) {
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
    if (crm__pdf_hpdf_ok(&p, HPDF_UseUTFEncodings(p.doc), "UTF-8 encodings") &&
        crm__pdf_hpdf_ok(&p, HPDF_SetCurrentEncoder(p.doc, "UTF-8"), "the UTF-8 encoder") &&
        crm__pdf_hpdf_ok(&p, HPDF_SetCompressionMode(p.doc, HPDF_COMP_ALL), "compression") &&
        ((st = load_font(&p, &p.t->latin, &p.latin)) != CRM_OK ||
         (st = load_font(&p, &p.t->latin_bold, &p.bold)) != CRM_OK ||
         (st = load_font(&p, &p.t->cjk, &p.cjk)) != CRM_OK)) {
        free_document(&p, false);
        return st; /* the font's own message is in diags */
    }
    if (crm__pdf_ok(&p)) {
        set_info(&p);
        script_fonts_and_warnings(&p);
    }
    p.pages = crm__pdf_calloc((size_t)max_pages + 1, sizeof(*p.pages));
    if (p.pages == NULL) {
        crm__pdf_fail(&p, CRM_ENOMEM, "out of memory");
    }
    p.left = p.t->margin_left;
    p.right = p.t->page_width - p.t->margin_right;
    p.top = p.t->page_height - p.t->margin_top;
    p.bottom = p.t->margin_bottom + 20;
    for (s = 0; s < p.t->section_count && crm__pdf_ok(&p); s++) {
        const char *name = p.t->sections[s];

        if ((strcmp(name, "finance") == 0 && res->finance == NULL) ||
            (strcmp(name, "panel") == 0 && res->ev->panel == NULL)) {
            continue; /* no cost data or no panel: no empty section */
        }
        if (strcmp(name, "vendors") != 0) {
            crm__pdf_new_page(&p);
        }
        if (strcmp(name, "cover") == 0) {
            crm__pdf_section_cover(&p);
            crm__pdf_new_page(&p); /* the contents, filled in at the end */
            p.toc_page = p.page;
        } else if (strcmp(name, "summary") == 0) {
            crm__pdf_section_summary(&p);
        } else if (strcmp(name, "ranking") == 0) {
            crm__pdf_section_ranking(&p);
        } else if (strcmp(name, "breakdown") == 0) {
            crm__pdf_section_breakdown(&p);
        } else if (strcmp(name, "heatmap") == 0) {
            crm__pdf_section_heatmap(&p);
        } else if (strcmp(name, "finance") == 0) {
            crm__pdf_section_finance(&p);
        } else if (strcmp(name, "vendors") == 0) {
            crm__pdf_section_vendors(&p);
        } else if (strcmp(name, "sensitivity") == 0) {
            crm__pdf_section_sensitivity(&p);
        } else if (strcmp(name, "panel") == 0) {
            crm__pdf_section_panel(&p);
        } else if (strcmp(name, "method") == 0) {
            crm__pdf_section_method(&p);
        }
    }
    crm__pdf_contents(&p);
    crm__pdf_footers(&p);
    if (crm__pdf_ok(&p)) {
        save(&p, out, out_len);
    }
    free_document(&p, p.broken);
    free(p.pages);
    if (p.fail == CRM_EINPUT) {
        /* too large: about the evaluation, where its vendors are listed */
        crm_diags_add(diags, CRM_SEV_ERROR, p.ev->vendors_mark.file, p.ev->vendors_mark.line,
                      p.ev->vendors_mark.column, "%s", p.why);
        return CRM_EINPUT;
    }
    if (p.fail == CRM_ENOMEM) {
        return CRM_ENOMEM; /* said by the status */
    }
    if (!crm__pdf_ok(&p)) {
        crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0,
                      "the PDF report could not be made: %s (libharu error 0x%04X, "
                      "detail %u); no report was written",
                      p.fail != CRM_OK ? p.why : "a drawing call failed", (unsigned)p.error,
                      (unsigned)p.detail);
        return p.fail == CRM_ENOMEM ? CRM_ENOMEM : CRM_EIO;
    }
    return CRM_OK;
}

/* The report of @p res as PDF bytes in *out (malloc'd), at most
 * @p max_pages pages; the tests lower the limit. */
crm_status crm__report_pdf_render(void **out, size_t *out_len, const crm_result *res,
                                  int max_pages, crm_diags *diags)
{
    crm_status st = render_pdf(out, out_len, res, max_pages, diags);

    rendering = NULL; /* render_pdf's struct pdf is gone */
    return st;
}

/* The public entry: the report with the normal page limit. */
crm_status crm_report_pdf_render(void **out, size_t *out_len,
                                 const crm_result *res, crm_diags *diags)
{
    return crm__report_pdf_render(out, out_len, res, CRM_MAX_PDF_PAGES, diags);
}

/* Render the report and queue it for @p path: written with the other
 * outputs, all or none. */
crm_status crm_report_pdf_add(crm_outputs *out, const crm_result *res, const char *path,
                              crm_diags *diags)
{
    return crm__report_add_rendered(out, crm_report_pdf_render, res, path, "the PDF report",
                                    diags);
}
