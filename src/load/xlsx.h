/*
 * Reading one sheet of a workbook (.xlsx) as a table of text cells with
 * their row and column (load/xlsx.c): minizip opens the ZIP container,
 * expat parses the XML parts. For the questionnaires' answers (load/rfi.c).
 */
#ifndef CRM_LOAD_XLSX_H
#define CRM_LOAD_XLSX_H

#include <stddef.h>

#include "crmeval/error.h"
#include "load/csv.h"

struct crm_arena;

/* One row: cells[k] is column k + 1 (an empty cell has empty text); the
 * field's line is the row's number, its column the column's. */
struct crm_xlsx_row {
    struct crm_csv_field *cells;
    size_t count;
};

/* The rows of a table, from CSV or from a workbook's sheet: the score
 * sheets and the questionnaires read either the same way. */
struct crm_rows {
    struct crm_csv_reader *cr;        /* CSV: reads the records (a workbook: may be NULL) */
    const struct crm_xlsx_row *sheet; /* a workbook: its rows; NULL for CSV */
    size_t count, next;
};

/* The next row into @p fields: at most @p cap kept, *@p n counts them
 * all (cr->extra_line and extra_column then say where the first one
 * dropped is, when there is a cr). @return false at the end. */
bool crm__rows_next(struct crm_rows *rows, struct crm_csv_field *fields, size_t cap, size_t *n);

/*
 * Read sheet @p sheet of workbook @p path into *@p rows (row k is the
 * sheet's row k + 1; *@p count of them), every cell as the text a person
 * sees: a shared or inline string, a number as written, a boolean as true
 * or false, a formula's cached result. Everything lives in @p arena; run
 * under crm__arena_protect.
 * @return CRM_OK; CRM_EINPUT (not a workbook, no such sheet, a damaged
 *         part: the message names it); CRM_EIO.
 */
crm_status crm__xlsx_read_sheet(struct crm_arena *arena, const char *path, const char *sheet,
                                crm_diags *diags, const struct crm_xlsx_row **rows,
                                size_t *count);

/* Whether workbook @p path has a sheet named @p name (false for a file
 * that is no workbook: reading it then says why). */
bool crm__xlsx_has_sheet(struct crm_arena *arena, const char *path, const char *name);

#endif
