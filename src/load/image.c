/*
 * PNG checking with libpng (see image.h); the only file that includes
 * <png.h>. libpng reports a bad file by calling the error function, which
 * must not return: here it records the message and longjmps back through
 * libpng's own jump buffer (png_jmpbuf), so a broken image is a message,
 * not a crash.
 */
#include "load/image.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crmeval/limits.h"

/* The image being read, and where a problem is written. */
struct png_reader {
    const unsigned char *data;
    size_t len, pos;
    char *why;
    size_t why_size;
    bool out_of_memory; /* an allocation failed: libpng calls it an error */
};

/* libpng's allocator: malloc, noting a failure (see png_reader). */
static png_voidp png_alloc(png_structp png, png_alloc_size_t size)
{
    struct png_reader *rd = png_get_mem_ptr(png);
    void *mem = malloc(size);

    rd->out_of_memory = rd->out_of_memory || mem == NULL;
    return mem;
}

static void png_release(png_structp png, png_voidp mem)
{
    (void)png;
    free(mem);
}

/* libpng's error function: the message, then back to the setjmp. */
static void on_error(png_structp png, png_const_charp msg)
{
    struct png_reader *rd = png_get_error_ptr(png);

    snprintf(rd->why, rd->why_size, "%s", msg);
    png_longjmp(png, 1);
}

/* Warnings (an ancillary chunk with a bad CRC, which libpng drops) do not
 * stop the PDF library either. */
static void on_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg;
}

/* libpng's read function over the bytes in memory. */
static void read_bytes(png_structp png, png_bytep out, size_t n)
{
    struct png_reader *rd = png_get_io_ptr(png);

    if (n > rd->len - rd->pos) {
        png_error(png, "the file ends in the middle of the image");
    }
    memcpy(out, rd->data + rd->pos, n);
    rd->pos += n;
}

crm_status crm__png_check(const unsigned char *data, size_t len, char *why,
                          size_t why_size)
{
    struct png_reader rd = { data, len, 0, why, why_size, false };
    png_structp png = NULL;
    png_infop info = NULL;
    png_bytep volatile row = NULL;
    volatile bool ok = false;
    png_uint_32 width = 0, height = 0, y = 0;
    int depth = 0, colour = 0, passes = 0, pass = 0;

    if (len < 8 || png_sig_cmp(data, 0, 8) != 0) {
        snprintf(why, why_size, "not a PNG file (it does not start with the PNG signature)");
        return CRM_EINPUT;
    }
    png = png_create_read_struct_2(PNG_LIBPNG_VER_STRING, &rd, on_error, on_warning, &rd,
                                   png_alloc, png_release);
    info = png != NULL ? png_create_info_struct(png) : NULL;
    if (info == NULL) {
        png_destroy_read_struct(&png, NULL, NULL);
        return CRM_ENOMEM;
    }
    if (setjmp(png_jmpbuf(png)) != 0) {
        goto done; /* on_error wrote why */
    }
    png_set_read_fn(png, &rd, read_bytes);
    png_read_info(png, info);
    png_get_IHDR(png, info, &width, &height, &depth, &colour, NULL, NULL, NULL);
    if (width > CRM_MAX_LOGO_SIDE || height > CRM_MAX_LOGO_SIDE) {
        snprintf(why, why_size, "%lu x %lu pixels; a logo may be at most %u x %u",
                 (unsigned long)width, (unsigned long)height, CRM_MAX_LOGO_SIDE,
                 CRM_MAX_LOGO_SIDE);
        goto done;
    }
    /* the PDF library reads such a palette's transparency a byte per
     * pixel, past the end of each row */
    if (colour == PNG_COLOR_TYPE_PALETTE && depth < 8 &&
        png_get_valid(png, info, PNG_INFO_tRNS)) {
        snprintf(why, why_size, "a transparent palette image of %d bits per pixel; save "
                                "it with 8 bits per pixel or as RGBA",
                 depth);
        goto done;
    }
    if (depth == 16) {
        png_set_strip_16(png); /* as the PDF library does */
    }
    passes = png_set_interlace_handling(png);
    png_read_update_info(png, info);
    row = malloc(png_get_rowbytes(png, info));
    if (row == NULL) {
        rd.out_of_memory = true;
        goto done;
    }
    for (pass = 0; pass < passes; pass++) {
        for (y = 0; y < height; y++) {
            png_read_row(png, row, NULL);
        }
    }
    png_read_end(png, NULL);
    ok = true;
done:
    free(row);
    png_destroy_read_struct(&png, &info, NULL);
    return rd.out_of_memory ? CRM_ENOMEM : ok ? CRM_OK : CRM_EINPUT;
}
