/*
 * Images an evaluation names (a template's logo), decoded and checked with
 * libpng when they are loaded, so that the PDF library, which aborts the
 * process on a libpng error, is only ever given a PNG that decodes.
 */
#ifndef CRM_LOAD_IMAGE_H
#define CRM_LOAD_IMAGE_H

#include <stddef.h>

#include "crmeval/error.h"

/**
 * Decode the PNG in @p len bytes at @p data from start to end, the way
 * the PDF library will (16-bit samples stripped to 8), and check it is one
 * the library draws correctly: at most CRM_MAX_LOGO_SIDE pixels a side,
 * and no transparent palette of fewer than 8 bits per pixel.
 * @return CRM_OK; CRM_EINPUT with what is wrong in @p why (one line);
 *         CRM_ENOMEM (no image is bad for want of memory).
 */
crm_status crm__png_check(const unsigned char *data, size_t len, char *why,
                          size_t why_size);

#endif
