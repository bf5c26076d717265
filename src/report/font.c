/*
 * A font file's outline, checked before libharu loads it. libharu trusts
 * the offsets and counts in a TrueType file: a file that is not a font, or
 * is cut short, makes it read past its buffers (a text file named .ttf
 * crashed it). This reads the file's table directory itself, with the
 * file's size at hand, and accepts only a TrueType font (or the first font
 * of a collection) whose tables lie inside the file and include the ones
 * libharu reads. It does not vouch for the tables' contents: fonts should
 * come from a distribution's packages, as the default template's do.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report/pdf.h"
#include "util/fileio.h"

#define MAX_TABLES 256

static uint32_t be32(const unsigned char *b)
{
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* Read exactly @p n bytes at @p offset; false when the file is shorter. */
static bool read_at(int fd, uint64_t offset, void *buf, size_t n, uint64_t size)
{
    size_t got = 0;

    if (offset > size || n > size - offset) {
        return false;
    }
    while (got < n) {
        ssize_t r = pread(fd, (char *)buf + got, n - got, (off_t)(offset + got));

        if (r <= 0) {
            return false;
        }
        got += (size_t)r;
    }
    return true;
}

/* The table directory at @p at: every table inside the file, and the
 * tables libharu parses present and long enough. */
static bool check_tables(int fd, uint64_t at, uint64_t size, char *why, size_t why_size)
{
    static const struct {
        const char *tag;
        uint32_t min_length;
    } needed[] = { { "cmap", 4 }, { "glyf", 0 }, { "head", 54 }, { "hhea", 36 },
                   { "hmtx", 0 }, { "loca", 0 }, { "maxp", 6 },  { "name", 6 },
                   { "OS/2", 78 } };
    unsigned char head[12], entry[16];
    bool found[sizeof(needed) / sizeof(needed[0])] = { false };
    unsigned tables = 0, i, k;

    if (!read_at(fd, at, head, sizeof(head), size)) {
        snprintf(why, why_size, "the file is too short to be a font");
        return false;
    }
    if (be32(head) != 0x00010000u && memcmp(head, "true", 4) != 0) {
        snprintf(why, why_size, "%s", memcmp(head, "OTTO", 4) == 0
                                          ? "an OpenType font with PostScript outlines; "
                                            "the PDF library reads TrueType outlines only"
                                          : "not a TrueType font");
        return false;
    }
    tables = (unsigned)head[4] << 8 | head[5];
    if (tables == 0 || tables > MAX_TABLES) {
        snprintf(why, why_size, "not a TrueType font (%u tables)", tables);
        return false;
    }
    for (i = 0; i < tables; i++) {
        uint32_t offset = 0, length = 0;

        if (!read_at(fd, at + 12 + 16 * (uint64_t)i, entry, sizeof(entry), size)) {
            snprintf(why, why_size, "the file ends inside its table directory");
            return false;
        }
        offset = be32(entry + 8);
        length = be32(entry + 12);
        if ((uint64_t)offset + length > size) {
            snprintf(why, why_size, "table '%.4s' lies past the end of the file (cut short?)",
                     (const char *)entry);
            return false;
        }
        for (k = 0; k < sizeof(needed) / sizeof(needed[0]); k++) {
            if (memcmp(entry, needed[k].tag, 4) == 0) {
                if (length < needed[k].min_length) {
                    snprintf(why, why_size, "table '%s' is too short", needed[k].tag);
                    return false;
                }
                found[k] = true;
            }
        }
    }
    for (k = 0; k < sizeof(needed) / sizeof(needed[0]); k++) {
        if (!found[k]) {
            snprintf(why, why_size, "no '%s' table; not a complete TrueType font",
                     needed[k].tag);
            return false;
        }
    }
    return true;
}

bool crm__font_check(const char *path, bool collection, char *why, size_t why_size)
{
    unsigned char ttc[16];
    struct stat st;
    uint64_t at = 0;
    bool ok = false;
    int fd = crm__input_open(path, why, why_size);

    if (fd < 0) {
        return false;
    }
    if (fstat(fd, &st) != 0) {
        snprintf(why, why_size, "cannot read it");
    } else if (collection) {
        /* a collection: 'ttcf', a version, the number of fonts, then the
         * offset of each; libharu takes the first */
        if (!read_at(fd, 0, ttc, sizeof(ttc), (uint64_t)st.st_size) ||
            memcmp(ttc, "ttcf", 4) != 0 || be32(ttc + 8) == 0) {
            snprintf(why, why_size, "not a TrueType collection (.ttc)");
        } else {
            at = be32(ttc + 12);
            ok = check_tables(fd, at, (uint64_t)st.st_size, why, why_size);
        }
    } else {
        ok = check_tables(fd, 0, (uint64_t)st.st_size, why, why_size);
    }
    close(fd);
    return ok;
}
