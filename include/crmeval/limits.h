/*
 * crmeval - the limits on what it reads and makes, in one place.
 *
 * Each limit keeps a hostile or mistaken input from costing unbounded
 * time, memory or output, and each is refused before the work it guards
 * starts, with the file, line and column of what is too large, the limit
 * and why (docs/formats.md, "Limits"). They are far above any real CRM
 * selection.
 */
#ifndef CRMEVAL_LIMITS_H
#define CRMEVAL_LIMITS_H

#include <stddef.h>

/** Largest input file, in bytes (4 MiB): YAML, CSV sheets, logos. */
#define CRM_MAX_FILE_SIZE ((size_t)4 << 20)

/** Widest and tallest logo, in pixels: it is drawn 160 x 60 points, and
 * the PDF library holds it decoded in memory. */
#define CRM_MAX_LOGO_SIDE 4096u

/** Most fields in a row of a CSV score sheet (it has 8 columns). */
#define CRM_MAX_CSV_FIELDS 16u

/** Most vendors in an evaluation: twice the largest benchmark case
 * (10,000 vendors x 200 criteria, bench/). A shortlist has 3-15; the
 * PDF's page limit stops a report long before this. */
#define CRM_MAX_VENDORS 20000u

/** Most criteria in a criteria set (the bundled set has 73). */
#define CRM_MAX_CRITERIA 1000u

/** Most pages of a PDF report: libharu fails past about 32,000 pages (one
 * page tree), and a report longer than this is not read. */
#define CRM_MAX_PDF_PAGES 5000

/** Fewest and most simulation trials. */
#define CRM_MIN_TRIALS 100u
#define CRM_MAX_TRIALS 10000000u

/** Most memory a simulation may take (2 GiB): it keeps every trial's draw of
 * every uncertain input and every vendor's score, NPV, TCO and rank,
 * estimated before it starts as trials x (8 x inputs + 26 x vendors + 8)
 * bytes. */
#define CRM_MAX_SIM_BYTES ((size_t)2 << 30)

#endif
