/*
 * Images an evaluation names (a template's logo), decoded and checked with
 * libpng when they are loaded, so that the PDF library, which aborts the
 * process on a libpng error, is only ever given a PNG that decodes.
 */
#ifndef CRM_LOAD_IMAGE_H
#define CRM_LOAD_IMAGE_H

#include <stdbool.h>
#include <stddef.h>

/**
 * Decode the PNG in @p len bytes at @p data from start to end, the way
 * the PDF library will (16-bit samples stripped to 8), and check it is one
 * the library draws correctly: at most CRM_MAX_LOGO_SIDE pixels a side,
 * and no transparent palette of fewer than 8 bits per pixel.
 * @return true; or false with what is wrong in @p why (one line).
 */
bool crm__png_check(const unsigned char *data, size_t len, char *why,
                    size_t why_size);

#endif
