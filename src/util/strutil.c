/* Small string helpers: typo suggestions, UTF-8 and id checks, rounding. */
#include "util/strutil.h"


#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Edit distance counting a swap of two neighbours as one edit (optimal
 * string alignment), since "wrost" for "worst" is the commonest typo.
 * Words here are keys and ids (short), so three rows on the stack suffice. */
static size_t edit_distance(const char *a, const char *b, size_t limit)
{
    size_t la = strlen(a), lb = strlen(b);
    size_t rows[3][64];
    size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    size_t i, j;

    if (la >= 64 || lb >= 64) {
        return limit + 1;
    }
    for (j = 0; j <= lb; j++) {
        prev[j] = j;
    }
    for (i = 1; i <= la; i++) {
        size_t best = SIZE_MAX;
        size_t *tmp = NULL;

        cur[0] = i;
        for (j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t v = prev[j - 1] + cost;

            if (prev[j] + 1 < v) {
                v = prev[j] + 1;
            }
            if (cur[j - 1] + 1 < v) {
                v = cur[j - 1] + 1;
            }
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < v) {
                v = prev2[j - 2] + 1;
            }
            cur[j] = v;
            if (v < best) {
                best = v;
            }
        }
        if (best > limit) {
            return limit + 1;
        }
        tmp = prev2;
        prev2 = prev;
        prev = cur;
        cur = tmp;
    }
    return prev[lb];
}

const char *crm__did_you_mean_n(const char *word, const void *base, size_t n,
                                size_t stride, size_t offset)
{
    size_t len = strlen(word);
    size_t limit = len / 3 > 1 ? len / 3 : 1;
    const char *best = NULL;
    size_t best_d = limit + 1;
    size_t i;

    for (i = 0; i < n; i++) {
        const char *cand =
            *(const char *const *)((const char *)base + i * stride + offset);
        size_t d = 0;

        if (cand == NULL) {
            continue;
        }
        d = edit_distance(word, cand, limit);
        if (d < best_d) {
            best_d = d;
            best = cand;
        }
    }
    return best;
}

const char *crm__did_you_mean(const char *word, const char *const *candidates)
{
    size_t n = 0;

    while (candidates[n] != NULL) {
        n++;
    }
    return crm__did_you_mean_n(word, candidates, n, sizeof(char *), 0);
}

unsigned long crm__utf8_next(const char **s)
{
    const unsigned char *u = (const unsigned char *)*s;
    unsigned long cp = u[0];
    int len = 1, i;

    if (cp >= 0xF0) {
        len = 4;
        cp &= 0x07;
    } else if (cp >= 0xE0) {
        len = 3;
        cp &= 0x0F;
    } else if (cp >= 0xC0) {
        len = 2;
        cp &= 0x1F;
    }
    for (i = 1; i < len && u[i] != '\0'; i++) {
        cp = (cp << 6) | (u[i] & 0x3F);
    }
    *s += i;
    return cp;
}

bool crm__is_name_control(unsigned long cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E ||
           cp == 0x200F || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

bool crm__find_name_control(const char *s, size_t len, unsigned long *cp, size_t *at)
{
    const char *p = s, *end = s + len;

    while (p < end) {
        const char *start = p;
        unsigned long c = crm__utf8_next(&p); /* a NUL too: one byte, 0 */

        if (crm__is_name_control(c)) {
            *cp = c;
            *at = (size_t)(start - s);
            return true;
        }
    }
    return false;
}

const char *crm__control_text(char *buf, size_t size, unsigned long cp)
{
    const char *what = "the control character";

    if (cp == 0x0A || cp == 0x0D || cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
        what = "the line break";
    } else if (cp == 0x09) {
        what = "the tab";
    } else if (cp > 0x9F) {
        what = "the bidirectional control";
    }
    snprintf(buf, size, "%s U+%04lX", what, cp);
    return buf;
}

/* How many bytes of a well-formed UTF-8 character start at @p u (0: not
 * one: a stray or overlong byte, a surrogate, a sequence cut short). */
static size_t utf8_length(const unsigned char *u)
{
    unsigned long cp = 0;
    size_t n = 0, k;

    if (u[0] < 0x80) {
        return 1;
    }
    n = u[0] >= 0xF0 && u[0] <= 0xF4 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC2 ? 2 : 0;
    if (n == 0 || (n == 3 && u[0] >= 0xF0)) {
        return 0;
    }
    cp = u[0] & (0x7F >> n);
    for (k = 1; k < n; k++) {
        if ((u[k] & 0xC0) != 0x80) {
            return 0;
        }
        cp = cp << 6 | (u[k] & 0x3F);
    }
    if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (n == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
        return 0;
    }
    return n;
}

const char *crm__tty(char *buf, size_t size, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t out = 0, n = 0;
    bool clean = true;

    if (s == NULL) {
        return s;
    }
    for (u = (const unsigned char *)s; *u != '\0' && clean; u += n) {
        const char *p = (const char *)u;

        n = utf8_length(u);
        clean = n > 0 && !crm__is_name_control(crm__utf8_next(&p));
    }
    if (clean) {
        return s;
    }
    for (u = (const unsigned char *)s; *u != '\0'; u += n) {
        const char *p = (const char *)u;
        unsigned long cp = 0;
        char esc[12];
        size_t len = 0;

        n = utf8_length(u);
        if (n == 0) {
            n = 1; /* not UTF-8: the byte, escaped */
            len = (size_t)snprintf(esc, sizeof(esc), "\\x%02X", u[0]);
        } else if (crm__is_name_control(cp = crm__utf8_next(&p))) {
            len = (size_t)snprintf(esc, sizeof(esc), cp < 0x80 ? "\\x%02lX" : "\\u%04lX", cp);
        } else {
            len = n;
            memcpy(esc, u, n);
        }
        if (out + len + 1 > size) {
            break;
        }
        memcpy(buf + out, esc, len);
        out += len;
    }
    buf[out] = '\0';
    return buf;
}

int crm__cp_columns(unsigned long cp)
{
    if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
        (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
        (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000) {
        return 2;
    }
    return 1;
}

bool crm__utf8_check(const char *text, size_t len, unsigned *line,
                     unsigned *column)
{
    const unsigned char *s = (const unsigned char *)text;
    unsigned ln = 1, col = 1;
    size_t i = 0;

    while (i < len) {
        unsigned char c = s[i];
        size_t extra = 0;
        uint32_t cp = 0, min = 0;
        size_t k;

        if (c < 0x80) {
            i++;
            if (c == '\n') {
                ln++;
                col = 1;
            } else {
                col++;
            }
            continue;
        }
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
            min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
            min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
            min = 0x10000;
        } else {
            goto bad;
        }
        if (i + extra >= len) {
            goto bad;
        }
        for (k = 1; k <= extra; k++) {
            if ((s[i + k] & 0xC0) != 0x80) {
                goto bad;
            }
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            goto bad;
        }
        i += extra + 1;
        col++;
    }
    return true;
bad:
    if (line != NULL) {
        *line = ln;
    }
    if (column != NULL) {
        *column = col;
    }
    return false;
}

size_t crm__utf8_cut(const char *s, size_t max)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t limit = strnlen(s, max), i = 0;

    /* whole characters only: one whose bytes run past the limit (or past
     * an end already cut) is left out */
    while (i < limit) {
        size_t len = u[i] >= 0xF0 ? 4 : u[i] >= 0xE0 ? 3 : u[i] >= 0xC0 ? 2 : 1;
        size_t k;

        if (len > limit - i) {
            break;
        }
        for (k = 1; k < len && (u[i + k] & 0xC0) == 0x80; k++) {
        }
        if (k < len) {
            break; /* a character cut short earlier */
        }
        i += len;
    }
    return i;
}

size_t crm__utf8_boms(const char *text, size_t len)
{
    size_t n = 0;

    /* a loop, not a call per mark: a file of a million marks must not
     * cost a million stack frames */
    while (len - 3 * n >= 3 && memcmp(text + 3 * n, "\xEF\xBB\xBF", 3) == 0) {
        n++;
    }
    return n;
}

void crm__text_position(const char *text, size_t offset, unsigned *line,
                        unsigned *column)
{
    const unsigned char *s = (const unsigned char *)text;
    unsigned ln = 1, col = 1;
    size_t i;

    for (i = 0; i < offset; i++) {
        if (s[i] == '\n') {
            ln++;
            col = 1;
        } else if ((s[i] & 0xC0) != 0x80) {
            col++; /* a character's first byte */
        }
    }
    *line = ln;
    *column = col;
}

bool crm__is_id(const char *s)
{
    size_t i;

    if (s == NULL || !(s[0] >= 'a' && s[0] <= 'z')) {
        return false;
    }
    for (i = 1; s[i] != '\0'; i++) {
        char c = s[i];

        if (i >= 63) {
            return false;
        }
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            return false;
        }
    }
    return true;
}

bool crm__is_date(const char *s)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int y = 0, m = 0, d = 0, i;
    int dim = 0;

    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') {
        return false;
    }
    for (i = 0; i < 10; i++) {
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) {
            return false;
        }
    }
    y = (int)strtol(s, NULL, 10);
    m = (s[5] - '0') * 10 + (s[6] - '0');
    d = (s[8] - '0') * 10 + (s[9] - '0');
    if (y < 1900 || m < 1 || m > 12 || d < 1) {
        return false;
    }
    dim = days[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) {
        dim = 29;
    }
    return d <= dim;
}

double crm__round(double x, int decimals)
{
    /* exact powers of ten; pow() costs more than the rest of the function */
    static const double tens[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
    double scale = decimals >= 0 && decimals <= 8 ? tens[decimals] : pow(10.0, decimals);
    double r = round(x * scale) / scale;

    /* Avoid "-0" in reports. */
    return r == 0.0 ? 0.0 : r;
}

const char *crm__format_money(char *buf, size_t size, double x, int decimals)
{
    char digits[64];
    double r = crm__round(x, decimals == 0 ? 0 : 2);

    /* Beyond 2^53 there are no cents to show, and a cast to an integer
     * would overflow: print the plain number. */
    if (!(fabs(r) < 9e15)) {
        crm__snprintf(buf, size, "%.0f", r);
        return buf;
    }
    long long whole = (long long)fabs(trunc(r));
    int cents = (int)llround(fabs(r - trunc(r)) * 100);
    size_t len = 0, i, out = 0;

    if (cents == 100) {
        whole++;
        cents = 0;
    }
    snprintf(digits, sizeof(digits), "%lld", whole);
    len = strlen(digits);
    if (r < 0 && out + 1 < size) {
        buf[out++] = '-';
    }
    for (i = 0; i < len && out + 1 < size; i++) {
        buf[out++] = digits[i];
        if ((len - i - 1) % 3 == 0 && i + 1 < len && out + 1 < size) {
            buf[out++] = ',';
        }
    }
    if (decimals == 0) {
        buf[out < size ? out : size - 1] = '\0';
    } else {
        snprintf(buf + out, size - out, ".%02d", cents);
    }
    return buf;
}

/* Append formatted text to @p t in the C locale. The buffer starts at 4 KiB
 * and doubles; on a formatting or allocation error it keeps what it had,
 * sets failed and ignores later calls, so callers check failed once. */
void crm__buf_printf(struct crm_buf *t, const char *fmt, ...)
{
    va_list ap;
    int n = 0;
    locale_t previous = (locale_t)0;

    if (t->failed) {
        return;
    }
    previous = crm__c_locale_enter(); /* numbers with a '.', in any locale */
    va_start(ap, fmt);
    n = vsnprintf(t->data ? t->data + t->len : NULL,
                  t->data ? t->cap - t->len : 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        t->failed = true;
        crm__c_locale_leave(previous);
        return;
    }
    if (t->data == NULL || t->len + (size_t)n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 4096;
        char *grown = NULL;

        while (cap < t->len + (size_t)n + 1) {
            cap *= 2;
        }
        grown = realloc(t->data, cap);
        if (grown == NULL) {
            t->failed = true;
            crm__c_locale_leave(previous);
            return;
        }
        t->data = grown;
        t->cap = cap;
        va_start(ap, fmt);
        vsnprintf(t->data + t->len, t->cap - t->len, fmt, ap);
        va_end(ap);
    }
    crm__c_locale_leave(previous);
    t->len += (size_t)n;
}

/* Whether a spreadsheet would take @p s for a formula (OWASP's list), or
 * @p s is such text behind quotes that crm__buf_csv added or that were
 * there: a loop, as a run of quotes can be long. */
static bool formula_text(const char *s)
{
    while (*s == '\'') {
        s++;
    }
    return *s == '=' || *s == '+' || *s == '-' || *s == '@' || *s == '\t' || *s == '\r';
}

void crm__buf_csv(struct crm_buf *buf, const char *s)
{
    const char *p = NULL;
    bool neutralise = false;

    if (s == NULL) {
        return;
    }
    neutralise = formula_text(s);
    if (!neutralise && strpbrk(s, ",\"\n\r") == NULL) {
        crm__buf_printf(buf, "%s", s);
        return;
    }
    crm__buf_printf(buf, neutralise ? "\"'" : "\"");
    for (p = s; *p != '\0'; p++) {
        crm__buf_printf(buf, *p == '"' ? "\"\"" : "%c", *p);
    }
    crm__buf_printf(buf, "\"");
}

void crm__buf_csv_value(struct crm_buf *buf, const char *s)
{
    double x = 0;

    if (s != NULL && crm__parse_decimal(s, &x)) {
        crm__buf_printf(buf, "%s", s);
    } else {
        crm__buf_csv(buf, s);
    }
}

size_t crm__csv_restore(char *field)
{
    if (field[0] == '\'' && formula_text(field + 1)) {
        memmove(field, field + 1, strlen(field));
        return 1;
    }
    return 0;
}

/* The C locale, made once for the process. */
static locale_t c_locale;
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;

static void make_c_locale(void)
{
    c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

locale_t crm__c_locale_enter(void)
{
    pthread_once(&c_locale_once, make_c_locale);
    /* without it (out of memory at the first call) the thread keeps its
     * own: (locale_t)0 tells crm__c_locale_leave there is nothing to undo */
    return c_locale != (locale_t)0 ? uselocale(c_locale) : (locale_t)0;
}

void crm__c_locale_leave(locale_t previous)
{
    if (previous != (locale_t)0) {
        uselocale(previous);
    }
}

int crm__snprintf(char *buf, size_t size, const char *fmt, ...)
{
    locale_t previous = crm__c_locale_enter();
    va_list ap;
    int n = 0;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    crm__c_locale_leave(previous);
    return n;
}

/* fprintf in the C locale, so numbers are written with a '.' whatever the
 * program's locale. Returns what vfprintf returns. */
int crm__fprintf(FILE *out, const char *fmt, ...)
{
    locale_t previous = crm__c_locale_enter();
    va_list ap;
    int n = 0;

    va_start(ap, fmt);
    n = vfprintf(out, fmt, ap);
    va_end(ap);
    crm__c_locale_leave(previous);
    return n;
}

double crm__strtod(const char *s, char **end)
{
    locale_t previous = crm__c_locale_enter();
    double v = strtod(s, end);

    crm__c_locale_leave(previous);
    return v;
}

bool crm__parse_decimal(const char *s, double *out)
{
    char *end = NULL;
    double v = 0;

    if (s == NULL || s[0] == '\0') {
        return false;
    }
    v = crm__strtod(s, &end);
    /* strtod also takes "inf", "nan", hex and leading space */
    if (*end != '\0' || end == s || strpbrk(s, "iInNxX \t\n") != NULL) {
        return false;
    }
    *out = v;
    return true;
}

bool crm__parse_bool(const char *s, bool *out)
{
    static const char *const yes[] = { "true", "yes", "on", NULL };
    static const char *const no[] = { "false", "no", "off", NULL };
    size_t i;

    for (i = 0; yes[i] != NULL; i++) {
        if (strcasecmp(s, yes[i]) == 0) {
            *out = true;
            return true;
        }
        if (strcasecmp(s, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    return false;
}

bool crm__is_nonfinite_text(const char *s)
{
    return strcasecmp(s, ".inf") == 0 || strcasecmp(s, "-.inf") == 0 ||
           strcasecmp(s, "+.inf") == 0 || strcasecmp(s, ".nan") == 0;
}

void crm__buf_yaml_quoted(struct crm_buf *buf, const char *s)
{
    crm__buf_printf(buf, "\"");
    for (; *s != '\0'; s++) {
        unsigned char ch = (unsigned char)*s;

        if (ch == '"' || ch == '\\') {
            crm__buf_printf(buf, "\\%c", ch);
        } else if (ch == '\n') {
            crm__buf_printf(buf, "\\n");
        } else if (ch < 0x20 || ch == 0x7f) {
            crm__buf_printf(buf, "\\x%02x", ch);
        } else {
            crm__buf_printf(buf, "%c", ch);
        }
    }
    crm__buf_printf(buf, "\"");
}

bool crm__is_blank_value(const char *v)
{
    return v == NULL || v[0] == '\0' || strcmp(v, "~") == 0 || strcmp(v, "null") == 0;
}
