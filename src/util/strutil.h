/* Small string helpers shared by the loaders and reports. */
#ifndef CRM_UTIL_STRUTIL_H
#define CRM_UTIL_STRUTIL_H

#include <locale.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/**
 * The candidate closest to @p word by edit distance, when it is close enough
 * to be a plausible typo (distance <= max(1, len/3)); NULL otherwise.
 * @p candidates is a NULL-terminated array. Returned pointer is borrowed.
 */
const char *crm__did_you_mean(const char *word, const char *const *candidates);

/** Same, over an array of @p n strings read at @p stride bytes apart. */
const char *crm__did_you_mean_n(const char *word, const void *base, size_t n,
                                size_t stride, size_t offset);

/**
 * Check that @p len bytes at @p text are well-formed UTF-8 (no overlongs,
 * no surrogates, nothing above U+10FFFF).
 * @return true when valid; otherwise false with the 1-based line and column
 *         (in characters) of the first bad byte.
 */
bool crm__utf8_check(const char *text, size_t len, unsigned *line,
                     unsigned *column);

/**
 * The length of the longest prefix of @p s of at most @p max bytes that
 * ends on a character boundary (so cutting there never splits a UTF-8
 * character).
 */
size_t crm__utf8_cut(const char *s, size_t max);

/** How many UTF-8 byte-order marks (EF BB BF) @p text starts with. */
size_t crm__utf8_boms(const char *text, size_t len);

/**
 * The 1-based line and column of byte @p offset of @p text, counted the
 * way crm__utf8_check counts them (columns in characters, lines at LF).
 */
void crm__text_position(const char *text, size_t offset, unsigned *line,
                        unsigned *column);

/** Decode the code point at *@p s and step past it (valid UTF-8, as the
 * loaders checked; a NUL ends a truncated sequence). */
unsigned long crm__utf8_next(const char **s);

/**
 * Whether code point @p cp may not appear in a name or an id: a control
 * character (C0 including tab and line feed, DEL, C1), a line or
 * paragraph separator (U+2028, U+2029), or a bidirectional control
 * (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), which can make
 * a name forge a line or show reversed on a terminal or in a report.
 */
bool crm__is_name_control(unsigned long cp);

/**
 * The first character of the @p len bytes at @p s that crm__is_name_control
 * refuses: true with it in *@p cp and its byte offset in *@p at.
 */
bool crm__find_name_control(const char *s, size_t len, unsigned long *cp, size_t *at);

/** What @p cp is, for a message: "the control character U+001B",
 * "the line break U+000A", "the bidirectional control U+202E". */
const char *crm__control_text(char *buf, size_t size, unsigned long cp);

/**
 * @p s made safe for a terminal: control characters, separators and
 * bidirectional controls (crm__is_name_control, tab and line feed
 * included) and bytes that are not UTF-8 written as \xHH or \uHHHH,
 * the rest as it is. Returns @p s itself when nothing needs escaping,
 * else @p buf (cut on a character when it is too small). Every printer of
 * user text (messages, ranking, audit, status, history, diff) uses it.
 */
const char *crm__tty(char *buf, size_t size, const char *s);

/** Terminal columns a code point takes: 2 for East Asian wide forms. */
int crm__cp_columns(unsigned long cp);

/** An id: [a-z][a-z0-9_]{0,62}. */
bool crm__is_id(const char *s);

/** A calendar date YYYY-MM-DD (Gregorian, year 1900..9999). */
bool crm__is_date(const char *s);

/**
 * Money for people: thousands separators, @p decimals (0 or 2) places,
 * "-1,234,567.89". Returns @p buf.
 */
const char *crm__format_money(char *buf, size_t size, double x, int decimals);

/** Round to @p decimals places, half away from zero; used for every output number. */
double crm__round(double x, int decimals);

/*
 * A growable text buffer in malloc'd memory: the owner frees data. When
 * memory runs out it stops growing and sets failed (check it once at the
 * end rather than after every call).
 */
struct crm_buf {
    char *data;
    size_t len, cap;
    bool failed;
};

#define CRM_BUF_INIT { NULL, 0, 0, false }

void crm__buf_printf(struct crm_buf *buf, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/*
 * Append the text @p s (NULL: nothing) as one CSV field: quoted when it
 * holds a comma, quote or line break, quotes doubled (RFC 4180). Text a
 * spreadsheet would evaluate as a formula (it starts with = + - @, tab or
 * CR) is neutralised as OWASP recommends: a single quote in front, and the
 * field quoted; so is text that already starts with quotes before such a
 * character, so crm__csv_restore gives back exactly what was written.
 * Numbers are not text: write them with crm__buf_printf, or a value that
 * may be either with crm__buf_csv_value.
 */
void crm__buf_csv(struct crm_buf *buf, const char *s);

/* Append @p s as one CSV field: as it is when it is a decimal number
 * (-1200.5 stays a number), else as text with crm__buf_csv. */
void crm__buf_csv_value(struct crm_buf *buf, const char *s);

/* Append @p s as a YAML double-quoted scalar (backslash escapes for the
 * quote, the backslash, line breaks and control characters). */
void crm__buf_yaml_quoted(struct crm_buf *buf, const char *s);

/* Undo crm__buf_csv's neutralising in place: a field read from a sheet that
 * starts with a quote before formula text loses that one quote.
 * @return how many bytes were taken off (0 or 1). */
size_t crm__csv_restore(char *field);

/*
 * Numbers are read and written the same whatever locale the program that
 * links the library has set (de_DE writes 1,5): crm__c_locale_enter makes
 * the calling thread use the C locale and returns what to give
 * crm__c_locale_leave to restore its own. uselocale is per thread, so
 * worker threads do the same.
 */
locale_t crm__c_locale_enter(void);
void crm__c_locale_leave(locale_t previous);

/* snprintf and fprintf in the C locale: every number the library writes
 * (reports, CSV, messages) goes through these, crm__buf_printf or the
 * diagnostics, never through the libc functions directly (a test checks). */
int crm__snprintf(char *buf, size_t size, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
int crm__fprintf(FILE *out, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* strtod in the C locale, whatever locale the process has set. */
double crm__strtod(const char *s, char **end);

/* Whether all of @p s is a decimal number as the inputs write one (no
 * inf, nan or hex); its value in *@p out (an infinity beyond a double's
 * range). */
bool crm__parse_decimal(const char *s, double *out);

/* Whether @p s is a YAML 1.1 boolean (true, yes, on; false, no, off; any
 * case), its value in *@p out. */
bool crm__parse_bool(const char *s, bool *out);
/* Whether @p v says "no value": NULL, empty, ~ or null (a blank cell of a
 * score sheet or a questionnaire, as YAML's null reads). */
bool crm__is_blank_value(const char *v);

/* Whether @p s is YAML's spelling of an infinity or NaN (.inf, -.inf,
 * +.inf, .nan; any case): a number, but not one crmeval accepts. */
bool crm__is_nonfinite_text(const char *s);

#endif
