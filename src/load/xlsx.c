/*
 * One sheet of a workbook as a table (load/xlsx.h). An .xlsx file is a
 * ZIP container (read with minizip) of XML parts (parsed with expat):
 * xl/workbook.xml names the sheets and their relationship ids,
 * xl/_rels/workbook.xml.rels maps those to the sheets' parts,
 * xl/sharedStrings.xml holds the strings cells refer to by index, and the
 * sheet's part has <row r="N"><c r="B3" t="s"><v>7</v></c>... This is the
 * only file that includes <unzip.h> and <expat.h>.
 *
 * Memory: expat and minizip allocate with malloc, so nothing here may
 * longjmp while they hold memory (the rule in util/arena.h): the handlers
 * allocate with crm__arena_try_alloc and raise a flag; the caller closes
 * both, then reports the failure (crm__arena_oom).
 */
#include <expat.h>
#include <stdarg.h>
#include <stdbool.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unzip.h>

#include "crmeval/limits.h"
#include "load/xlsx.h"
#include "util/arena.h"
#include "util/diag.h"
#include "util/fileio.h"
#include "util/strutil.h"

/* The most bytes one part may expand to: a questionnaire's sheet is far
 * smaller; a ZIP bomb stops here. */
#define PART_LIMIT ((size_t)64 << 20)

/* ---- a part's bytes --------------------------------------------------------- */

/* What went wrong reading the workbook, for the message. */
struct book {
    const char *path;
    struct crm_arena *arena;
    crm_diags *diags;
    unzFile zip;
    bool oom;
};

static void book_error(struct book *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void book_error(struct book *b, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    crm__diags_addv(b->diags, CRM_SEV_ERROR, b->path, 0, 0, fmt, ap);
    va_end(ap);
}

/* The XML parser's state while it reads a part. */
struct parse {
    struct book *b;
    const char *part;
    XML_Parser parser;
    void (*start)(struct parse *p, const char *name, const char **attrs);
    void (*end)(struct parse *p, const char *name);
    struct crm_buf text;       /* character data of the element being read */
    bool in_text;              /* collecting character data */
    void *ctx;                 /* the part's own state */
};

/* @p name without a namespace prefix ("x:row" -> "row"). */
static const char *local(const char *name)
{
    const char *colon = strrchr(name, ':');

    return colon ? colon + 1 : name;
}

/* The value of expat attribute @p name in attrs, matched without its
 * namespace prefix (so "id" finds r:id); NULL when absent. */
static const char *attr(const char **attrs, const char *name)
{
    size_t i;

    for (i = 0; attrs[i] != NULL; i += 2) {
        if (strcmp(local(attrs[i]), name) == 0) {
            return attrs[i + 1];
        }
    }
    return NULL;
}

static void XMLCALL on_start(void *data, const XML_Char *name, const XML_Char **attrs)
{
    struct parse *p = data;

    p->start(p, local(name), attrs);
}

static void XMLCALL on_end(void *data, const XML_Char *name)
{
    struct parse *p = data;

    p->end(p, local(name));
}

static void XMLCALL on_text(void *data, const XML_Char *s, int len)
{
    struct parse *p = data;

    if (p->in_text) {
        crm__buf_printf(&p->text, "%.*s", len, s);
    }
}

/* A copy of the collected text in the arena; NULL (flagged) when out of
 * memory. */
static char *take_text(struct parse *p)
{
    size_t n = p->text.data ? p->text.len : 0;
    char *s = crm__arena_try_alloc(p->b->arena, n + 1);

    if (s == NULL || p->text.failed) {
        p->b->oom = true;
        return NULL;
    }
    memcpy(s, p->text.data ? p->text.data : "", n);
    s[n] = '\0';
    p->text.len = 0;
    return s;
}

/* Parse part @p part of the workbook with @p p's handlers. @p optional:
 * a missing part is no error (*found false). False after reporting. */
static bool parse_part(struct book *b, const char *part, struct parse *p, bool optional,
                       bool *found)
{
    unz_file_info64 info;
    char chunk[16384];
    int n = 0;
    size_t total = 0;
    bool ok = true;

    if (found != NULL) {
        *found = false;
    }
    errno = 0;
    if (unzLocateFile(b->zip, part, 0) != UNZ_OK) {
        if (errno == ENOMEM) { /* not "no such part": it could not look */
            b->oom = true;
            return false;
        }
        if (!optional) {
            book_error(b, "not a workbook crmeval can read: it has no part '%s' (expected an "
                          ".xlsx file saved by a spreadsheet)",
                       part);
        }
        return optional;
    }
    /* minizip, zlib and expat say only "failed" when an allocation fails:
     * malloc's errno tells out of memory from a damaged file */
    errno = 0;
    if (unzGetCurrentFileInfo64(b->zip, &info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK ||
        info.uncompressed_size > PART_LIMIT) {
        b->oom = b->oom || errno == ENOMEM;
        if (!b->oom) {
            book_error(b, "the workbook's part '%s' is damaged or larger than %zu MiB", part,
                       PART_LIMIT >> 20);
        }
        return false;
    }
    errno = 0;
    if (unzOpenCurrentFile(b->zip) != UNZ_OK) {
        b->oom = b->oom || errno == ENOMEM;
        if (!b->oom) {
            book_error(b, "cannot read the workbook's part '%s' (damaged, or encrypted)", part);
        }
        return false;
    }
    p->b = b;
    p->part = part;
    p->parser = XML_ParserCreate("UTF-8");
    if (p->parser == NULL) {
        unzCloseCurrentFile(b->zip);
        b->oom = true;
        return false;
    }
    XML_SetUserData(p->parser, p);
    XML_SetElementHandler(p->parser, on_start, on_end);
    XML_SetCharacterDataHandler(p->parser, on_text);
    errno = 0;
    while (ok && (n = unzReadCurrentFile(b->zip, chunk, sizeof(chunk))) > 0) {
        total += (size_t)n;
        if (total > PART_LIMIT) {
            book_error(b, "the workbook's part '%s' expands past %zu MiB", part, PART_LIMIT >> 20);
            ok = false;
        } else if (XML_Parse(p->parser, chunk, n, 0) == XML_STATUS_ERROR) {
            ok = false;
        }
    }
    if (ok && n < 0) {
        b->oom = b->oom || errno == ENOMEM;
        if (!b->oom) {
            book_error(b, "the workbook's part '%s' is damaged (ZIP error %d)", part, n);
        }
        ok = false;
    } else if (ok && XML_Parse(p->parser, chunk, 0, 1) == XML_STATUS_ERROR) {
        ok = false;
    }
    if (!ok && XML_GetErrorCode(p->parser) == XML_ERROR_NO_MEMORY) {
        b->oom = true;
    }
    if (!ok && !b->oom && XML_GetErrorCode(p->parser) != XML_ERROR_NONE) {
        book_error(b, "the workbook's part '%s' is not well-formed XML: line %lu, column %lu: %s",
                   part, (unsigned long)XML_GetCurrentLineNumber(p->parser),
                   (unsigned long)XML_GetCurrentColumnNumber(p->parser) + 1,
                   XML_ErrorString(XML_GetErrorCode(p->parser)));
    }
    XML_ParserFree(p->parser);
    p->parser = NULL;
    if (unzCloseCurrentFile(b->zip) == UNZ_CRCERROR && ok) {
        book_error(b, "the workbook's part '%s' is damaged (its checksum does not match)", part);
        ok = false;
    }
    free(p->text.data);
    memset(&p->text, 0, sizeof(p->text));
    if (found != NULL) {
        *found = ok;
    }
    return ok && !b->oom;
}

/* ---- workbook.xml and its relationships -------------------------------- */

struct find_sheet {
    const char *name;          /* the sheet wanted */
    const char *rid;           /* its relationship id, once found */
    const char *target;        /* its part, once found */
    char names[512];           /* the sheets there are, for the message */
};

/* xl/workbook.xml: note each <sheet>'s name for the message, and keep the
 * relationship id of the sheet wanted (a copy in the arena). */
static void workbook_start(struct parse *p, const char *name, const char **attrs)
{
    struct find_sheet *fs = p->ctx;
    const char *sheet = NULL, *rid = NULL;
    size_t len = strlen(fs->names);

    if (strcmp(name, "sheet") != 0 || (sheet = attr(attrs, "name")) == NULL) {
        return;
    }
    snprintf(fs->names + len, sizeof(fs->names) - len, "%s'%s'", len ? ", " : "", sheet);
    rid = attr(attrs, "id");
    if (strcmp(sheet, fs->name) == 0 && rid != NULL && fs->rid == NULL) {
        fs->rid = crm__arena_try_alloc(p->b->arena, strlen(rid) + 1);
        if (fs->rid == NULL) {
            p->b->oom = true;
            return;
        }
        memcpy((char *)fs->rid, rid, strlen(rid) + 1);
    }
}

/* xl/_rels/workbook.xml.rels: the part of the relationship the wanted
 * sheet names, as a path in the ZIP (its Target is relative to xl/ unless
 * it starts with '/'). */
static void rels_start(struct parse *p, const char *name, const char **attrs)
{
    struct find_sheet *fs = p->ctx;
    const char *id = attr(attrs, "Id"), *target = attr(attrs, "Target");
    char *part = NULL;
    size_t n = 0;

    if (strcmp(name, "Relationship") != 0 || id == NULL || target == NULL || fs->rid == NULL ||
        strcmp(id, fs->rid) != 0) {
        return;
    }
    /* relative to xl/, or absolute from the package's root */
    n = strlen(target) + 4;
    part = crm__arena_try_alloc(p->b->arena, n);
    if (part == NULL) {
        p->b->oom = true;
        return;
    }
    if (target[0] == '/') {
        snprintf(part, n, "%s", target + 1);
    } else {
        snprintf(part, n, "xl/%s", target);
    }
    fs->target = part;
}

static void no_end(struct parse *p, const char *name)
{
    (void)p;
    (void)name;
}

/* ---- shared strings ---------------------------------------------------------- */

struct strings {
    char **items;
    size_t count, cap;
    struct crm_buf si;         /* the string being read (its runs joined) */
    bool in_si, in_phonetic;
};

/* xl/sharedStrings.xml: start a string at <si> and collect the text of its
 * <t> runs, leaving out phonetic readings (<rPh>). */
static void strings_start(struct parse *p, const char *name, const char **attrs)
{
    struct strings *s = p->ctx;

    (void)attrs;
    if (strcmp(name, "si") == 0) {
        s->in_si = true;
        s->si.len = 0;
        crm__buf_printf(&s->si, "%s", "");
    } else if (strcmp(name, "rPh") == 0) {
        s->in_phonetic = true; /* a reading aid, not the text */
    } else if (strcmp(name, "t") == 0 && s->in_si && !s->in_phonetic) {
        p->in_text = true;
        p->text.len = 0;
    }
}

/* xl/sharedStrings.xml: join each <t> run into the string being read; at
 * </si> append the string, in the arena, to the table cells index into. */
static void strings_end(struct parse *p, const char *name)
{
    struct strings *s = p->ctx;

    if (strcmp(name, "t") == 0 && p->in_text) {
        p->in_text = false;
        crm__buf_printf(&s->si, "%.*s", (int)(p->text.data ? p->text.len : 0),
                        p->text.data ? p->text.data : "");
        p->text.len = 0;
    } else if (strcmp(name, "rPh") == 0) {
        s->in_phonetic = false;
    } else if (strcmp(name, "si") == 0 && s->in_si) {
        s->in_si = false;
        if (s->count == s->cap) {
            size_t cap = s->cap ? s->cap * 2 : 256;
            char **items = crm__arena_try_alloc(p->b->arena, cap * sizeof(*items));

            if (items == NULL) {
                p->b->oom = true;
                return;
            }
            if (s->count > 0) {
                memcpy(items, s->items, s->count * sizeof(*items));
            }
            s->items = items;
            s->cap = cap;
        }
        p->text.len = 0;
        crm__buf_printf(&p->text, "%.*s", (int)(s->si.data ? s->si.len : 0),
                        s->si.data ? s->si.data : "");
        if ((s->items[s->count] = take_text(p)) != NULL) {
            s->count++;
        }
    }
}

/* ---- the sheet --------------------------------------------------------------- */

struct sheet {
    const struct strings *strings;
    struct crm_xlsx_row *rows;
    size_t row_count, row_cap;
    unsigned row, column;      /* of the cell being read (1-based) */
    const char *type;          /* its t attribute: s, str, inlineStr, b, e, n */
    char type_buf[16];
    char *value;               /* its text once read */
    bool in_cell;
    const char *bad;           /* a problem found (a shared string index out of range) */
    unsigned bad_row, bad_column;
};

/* "B3" -> column 2, row 3; false when it is not a cell reference. */
static bool cell_ref(const char *ref, unsigned *row, unsigned *column)
{
    unsigned long c = 0, r = 0;

    while (*ref >= 'A' && *ref <= 'Z' && c < 100000) {
        c = c * 26 + (unsigned long)(*ref++ - 'A' + 1);
    }
    while (*ref >= '0' && *ref <= '9' && r < 10000000) {
        r = r * 10 + (unsigned long)(*ref++ - '0');
    }
    if (*ref != '\0' || c == 0 || r == 0 || c > 16384 || r > 1048576) {
        return false;
    }
    *row = (unsigned)r;
    *column = (unsigned)c;
    return true;
}

/* Row @p r (1-based) of the table, grown as needed; NULL when out of
 * memory (flagged). */
static struct crm_xlsx_row *row_at(struct parse *p, struct sheet *s, unsigned r)
{
    if (r > s->row_cap) {
        size_t cap = s->row_cap ? s->row_cap : 64;
        struct crm_xlsx_row *rows = NULL;

        while (cap < r) {
            cap *= 2;
        }
        rows = crm__arena_try_alloc(p->b->arena, cap * sizeof(*rows));
        if (rows == NULL) {
            p->b->oom = true;
            return NULL;
        }
        memset(rows, 0, cap * sizeof(*rows));
        if (s->row_count > 0) {
            memcpy(rows, s->rows, s->row_count * sizeof(*rows));
        }
        s->rows = rows;
        s->row_cap = cap;
    }
    if (r > s->row_count) {
        s->row_count = r;
    }
    return &s->rows[r - 1];
}

/* Put the cell read into the table. */
static void put_cell(struct parse *p, struct sheet *s)
{
    struct crm_xlsx_row *row = row_at(p, s, s->row);
    const char *text = s->value ? s->value : "";
    size_t k;

    if (row == NULL) {
        return;
    }
    if (s->column > row->count) {
        struct crm_csv_field *cells =
            crm__arena_try_alloc(p->b->arena, s->column * sizeof(*cells));
        /* an empty text each: the table's fields are trimmed in place */
        char *empty = crm__arena_try_alloc(p->b->arena, s->column - row->count);

        if (cells == NULL || empty == NULL) {
            p->b->oom = true;
            return;
        }
        memset(empty, 0, s->column - row->count);
        if (row->count > 0) {
            memcpy(cells, row->cells, row->count * sizeof(*cells));
        }
        for (k = row->count; k < s->column; k++) {
            memset(&cells[k], 0, sizeof(cells[k]));
            cells[k].text = &empty[k - row->count];
            cells[k].line = s->row;
            cells[k].column = (unsigned)k + 1;
        }
        row->cells = cells;
        row->count = s->column;
    }
    if (strcmp(s->type, "s") == 0) {
        char *end = NULL;
        unsigned long i = strtoul(text, &end, 10);

        if (end == text || *end != '\0' || s->strings == NULL || i >= s->strings->count) {
            if (s->bad == NULL) {
                s->bad = "a cell refers to a shared string the workbook does not have";
                s->bad_row = s->row;
                s->bad_column = s->column;
            }
            return;
        }
        text = s->strings->items[i];
    } else if (strcmp(s->type, "b") == 0) {
        text = strcmp(text, "1") == 0 ? "true" : strcmp(text, "0") == 0 ? "false" : text;
    }
    /* the table's fields are edited in place (trimmed): a copy each */
    {
        size_t n = strlen(text);
        char *copy = crm__arena_try_alloc(p->b->arena, n + 1);

        if (copy == NULL) {
            p->b->oom = true;
            return;
        }
        memcpy(copy, text, n + 1);
        row->cells[s->column - 1].text = copy;
    }
}

/* The sheet's part: track the row and column from <row r> and <c r> (the
 * next ones when absent; the first bad reference is kept for the message),
 * note the cell's type, and collect the text of its <v> or inline <t>. */
static void sheet_start(struct parse *p, const char *name, const char **attrs)
{
    struct sheet *s = p->ctx;
    const char *r = NULL, *t = NULL;

    if (strcmp(name, "row") == 0) {
        r = attr(attrs, "r");
        s->row = r != NULL ? (unsigned)strtoul(r, NULL, 10) : s->row + 1;
        if (s->row == 0 || s->row > 1048576) {
            s->row = 1048576;
        }
        s->column = 0;
    } else if (strcmp(name, "c") == 0) {
        unsigned row = s->row, column = s->column + 1;

        r = attr(attrs, "r");
        if (r != NULL && !cell_ref(r, &row, &column) && s->bad == NULL) {
            s->bad = "a cell with a reference that is not a cell's (like B3)";
            s->bad_row = s->row;
            s->bad_column = s->column + 1;
        }
        s->row = row ? row : 1;
        s->column = column;
        t = attr(attrs, "t");
        snprintf(s->type_buf, sizeof(s->type_buf), "%s", t ? t : "n");
        s->type = s->type_buf;
        s->value = NULL;
        s->in_cell = true;
    } else if (s->in_cell && (strcmp(name, "v") == 0 || strcmp(name, "t") == 0)) {
        /* <v> holds the value; an inline string's text is in <is><t> */
        p->in_text = true;
        if (s->value == NULL) {
            p->text.len = 0;
        }
    }
}

/* The sheet's part: at </c> put the cell's text (a copy in the arena) into
 * the table; out of memory only raises the flag. */
static void sheet_end(struct parse *p, const char *name)
{
    struct sheet *s = p->ctx;

    if (s->in_cell && (strcmp(name, "v") == 0 || strcmp(name, "t") == 0)) {
        p->in_text = false;
    } else if (strcmp(name, "c") == 0 && s->in_cell) {
        s->in_cell = false;
        s->value = take_text(p);
        if (s->value != NULL) {
            put_cell(p, s);
        }
    }
}

/* ---- the whole ---------------------------------------------------------------- */

crm_status crm__xlsx_read_sheet(struct crm_arena *arena, const char *path, const char *name,
                                crm_diags *diags, const struct crm_xlsx_row **rows,
                                size_t *count)
{
    struct book b = { path, arena, diags, NULL, false };
    struct find_sheet fs;
    struct strings strings;
    struct sheet sh;
    struct parse p;
    char *bytes = NULL;
    size_t len = 0;
    bool found = false, ok = true;
    crm_status st = CRM_OK;

    *rows = NULL;
    *count = 0;
    /* whether it can be read at all, with crmeval's limit and message */
    st = crm__file_read(arena, path, CRM_MAX_FILE_SIZE, &bytes, &len, diags);
    if (st != CRM_OK) {
        return st;
    }
    if (len < 4 || memcmp(bytes, "PK\x03\x04", 4) != 0) {
        crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0,
                      "not a workbook: an .xlsx file is a ZIP archive (save the questionnaire "
                      "as an Excel workbook, or name a CSV file .csv)");
        return CRM_EINPUT;
    }
    errno = 0;
    b.zip = unzOpen(path);
    if (b.zip == NULL && errno == ENOMEM) {
        return CRM_ENOMEM;
    }
    if (b.zip == NULL) {
        crm_diags_add(diags, CRM_SEV_ERROR, path, 0, 0,
                      "not a workbook: the ZIP archive is damaged");
        return CRM_EINPUT;
    }
    memset(&fs, 0, sizeof(fs));
    memset(&strings, 0, sizeof(strings));
    memset(&sh, 0, sizeof(sh));
    fs.name = name;
    memset(&p, 0, sizeof(p));
    p.start = workbook_start;
    p.end = no_end;
    p.ctx = &fs;
    ok = parse_part(&b, "xl/workbook.xml", &p, false, NULL);
    if (ok && fs.rid == NULL) {
        book_error(&b, "the workbook has no sheet '%s' (it has %s); answer in the "
                       "questionnaire crmeval wrote",
                   name, fs.names[0] ? fs.names : "none");
        ok = false;
    }
    if (ok) {
        memset(&p, 0, sizeof(p));
        p.start = rels_start;
        p.end = no_end;
        p.ctx = &fs;
        ok = parse_part(&b, "xl/_rels/workbook.xml.rels", &p, false, NULL);
    }
    if (ok && fs.target == NULL) {
        book_error(&b, "the workbook does not say where sheet '%s' is (xl/_rels/workbook.xml.rels)",
                   name);
        ok = false;
    }
    if (ok) {
        memset(&p, 0, sizeof(p));
        p.start = strings_start;
        p.end = strings_end;
        p.ctx = &strings;
        ok = parse_part(&b, "xl/sharedStrings.xml", &p, true, &found);
        free(strings.si.data);
        memset(&strings.si, 0, sizeof(strings.si));
    }
    if (ok) {
        memset(&p, 0, sizeof(p));
        sh.strings = &strings;
        p.start = sheet_start;
        p.end = sheet_end;
        p.ctx = &sh;
        ok = parse_part(&b, fs.target, &p, false, NULL);
    }
    unzClose(b.zip);
    if (b.oom) {
        return crm__arena_oom(arena);
    }
    if (ok && sh.bad != NULL) {
        crm_diags_add(diags, CRM_SEV_ERROR, path, sh.bad_row, sh.bad_column, "%s: %s", name,
                      sh.bad);
        ok = false;
    }
    if (!ok) {
        return CRM_EINPUT;
    }
    *rows = sh.rows;
    *count = sh.row_count;
    return CRM_OK;
}

bool crm__rows_next(struct crm_rows *rows, struct crm_csv_field *fields, size_t cap, size_t *n)
{
    const struct crm_xlsx_row *row = NULL;
    size_t k;

    if (rows->sheet == NULL) {
        return crm__csv_record(rows->cr, fields, cap, n);
    }
    if (rows->next >= rows->count) {
        return false;
    }
    row = &rows->sheet[rows->next++];
    *n = row->count;
    for (k = 0; k < *n && k < cap; k++) {
        fields[k] = row->cells[k];
    }
    if (rows->cr != NULL && *n > cap) {
        rows->cr->extra_line = row->cells[cap].line;
        rows->cr->extra_column = row->cells[cap].column;
    }
    return true;
}

bool crm__xlsx_has_sheet(struct crm_arena *arena, const char *path, const char *name)
{
    struct book b = { path, arena, NULL, NULL, false };
    struct find_sheet fs;
    struct parse p;
    crm_diags *quiet = crm_diags_new(0); /* a damaged file: the reader says so later */
    bool found = false;

    if (quiet == NULL) {
        return false;
    }
    b.diags = quiet;
    b.zip = unzOpen(path);
    if (b.zip != NULL) {
        memset(&fs, 0, sizeof(fs));
        memset(&p, 0, sizeof(p));
        fs.name = name;
        p.start = workbook_start;
        p.end = no_end;
        p.ctx = &fs;
        found = parse_part(&b, "xl/workbook.xml", &p, false, NULL) && fs.rid != NULL;
        unzClose(b.zip);
    }
    crm_diags_free(quiet);
    if (b.oom) {
        crm__arena_oom(arena);
    }
    return found;
}
