/* Unit tests: questionnaires to vendors (include/crmeval/rfi.h,
 * docs/rfi.md) on the hand-computed case (tests/data/hand: one criterion
 * of each kind). Answers read from CSV, YAML and workbooks built here with
 * minizip (shared strings, inline strings, booleans, numbers, a sheet
 * found through the relationships), every kind of error at its place,
 * damaged workbooks, the claims recorded with their audit trail and
 * applied to an evaluation below the team's observations and the panel. */
#include "helpers.h"

#include <sqlite3.h>
#include <zip.h>

#include "model/model.h"

/* The hand case, loaded into f->ev. */
static void load_hand(struct test_fixture *f)
{
    char path[512];

    assert_int_equal(crm_evaluation_load(&f->ev, src_path(path, sizeof(path),
                                                          "tests/data/hand/evaluation.yaml"),
                                         f->diags),
                     CRM_OK);
}

/* Read @p path into a new list (freed by the caller). */
static crm_rfi_answers *read_answers(struct test_fixture *f, const char *path,
                                     crm_status expect)
{
    crm_rfi_answers *a = crm_rfi_answers_new();

    assert_non_null(a);
    assert_int_equal(crm_rfi_read(a, path, "Li Na", f->diags), expect);
    return a;
}

/* A workbook with the given parts (name, text pairs, NULL-terminated). */
static const char *make_xlsx(const char *dir, const char *name, const char *const *parts)
{
    static char path[512];
    zipFile z = NULL;
    size_t i;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    z = zipOpen(path, 0);
    assert_non_null(z);
    for (i = 0; parts[i] != NULL; i += 2) {
        assert_int_equal(zipOpenNewFileInZip(z, parts[i], NULL, NULL, 0, NULL, 0, NULL,
                                             Z_DEFLATED, 6),
                         ZIP_OK);
        assert_int_equal(zipWriteInFileInZip(z, parts[i + 1], (unsigned)strlen(parts[i + 1])),
                         ZIP_OK);
        assert_int_equal(zipCloseFileInZip(z), ZIP_OK);
    }
    assert_int_equal(zipClose(z, NULL), ZIP_OK);
    return path;
}

#define NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
           "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

static const char WORKBOOK[] =
    "<?xml version=\"1.0\"?><workbook " NS "><sheets>"
    "<sheet name=\"Instructions\" sheetId=\"1\" r:id=\"rId1\"/>"
    "<sheet name=\"Questionnaire\" sheetId=\"2\" r:id=\"rId7\"/></sheets></workbook>";
static const char RELS[] =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"x\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId7\" Type=\"x\" Target=\"/xl/worksheets/answers.xml\"/>"
    "</Relationships>";
/* header: vendor criterion answer evidence_url evidence_page evidence_document */
static const char STRINGS[] =
    "<?xml version=\"1.0\"?><sst " NS ">"
    "<si><t>vendor</t></si><si><t>criterion</t></si><si><t>answer</t></si>"
    "<si><t>evidence_url</t></si><si><t>evidence_page</t></si>"
    "<si><t>evidence_document</t></si><si><t>b</t></si>"
    "<si><r><t>g1</t></r><r><t>.r</t></r><rPh><t>ignored</t></rPh></si>"
    "<si><t>g2.ch</t></si></sst>";

static void test_xlsx_answers(void **state)
{
    struct test_fixture *f = *state;
    const char *sheet =
        "<?xml version=\"1.0\"?><worksheet " NS "><sheetData>"
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
        "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c>"
        "<c r=\"E1\" t=\"s\"><v>4</v></c><c r=\"F1\" t=\"s\"><v>5</v></c></row>"
        "<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>Group one</t></is></c></row>"
        /* a rating typed as a number, its criterion a rich-text string */
        "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>6</v></c><c r=\"B3\" t=\"s\"><v>7</v></c>"
        "<c r=\"C3\"><v>4</v></c><c r=\"D3\" t=\"str\"><v>https://example.com/r</v></c></row>"
        /* a boolean cell, no cell references at all */
        "<row><c t=\"inlineStr\"><is><t>b</t></is></c><c t=\"inlineStr\"><is><t>g1.b</t></is>"
        "</c><c t=\"b\"><v>1</v></c><c/><c t=\"inlineStr\"><is><t>7</t></is></c>"
        "<c t=\"inlineStr\"><is><t>Datasheet</t></is></c></row>"
        "<row r=\"9\"><c r=\"A9\" t=\"s\"><v>6</v></c><c r=\"B9\" t=\"s\"><v>8</v></c>"
        "<c r=\"C9\" t=\"inlineStr\"><is><t> y </t></is></c></row>"
        "</sheetData></worksheet>";
    const char *const parts[] = { "xl/workbook.xml", WORKBOOK,
                                  "xl/_rels/workbook.xml.rels", RELS,
                                  "xl/sharedStrings.xml", STRINGS,
                                  "xl/worksheets/answers.xml", sheet, NULL };
    const char *path = make_xlsx(f->dir, "answers.xlsx", parts);
    crm_rfi_answers *a = read_answers(f, path, CRM_OK);
    const crm_rfi_answer *r = NULL;

    print_diags(f->diags);
    assert_int_equal(crm_rfi_answers_count(a), 3);
    r = crm_rfi_answers_at(a, 0);
    assert_string_equal(r->criterion, "g1.r");
    assert_string_equal(r->value, "4");
    assert_string_equal(r->evidence_url, "https://example.com/r");
    assert_int_equal(r->line, 3);
    assert_int_equal(r->column, 3);
    assert_non_null(strstr(r->file, "answers.xlsx:Questionnaire"));
    r = crm_rfi_answers_at(a, 1);
    assert_string_equal(r->value, "true");
    assert_string_equal(r->evidence_page, "7");
    assert_string_equal(r->evidence_document, "Datasheet");
    assert_int_equal(r->line, 4);
    r = crm_rfi_answers_at(a, 2);
    assert_string_equal(r->value, "y");
    assert_string_equal(r->respondent, "Li Na");
    load_hand(f);
    assert_int_equal(crm_evaluation_check_answers(f->ev, a, f->diags), CRM_OK);
    crm_rfi_answers_free(a);
}

/* Every kind of answer error, each at its sheet, row and column. */
static void test_xlsx_errors(void **state)
{
    struct test_fixture *f = *state;
    const char *sheet =
        "<?xml version=\"1.0\"?><worksheet " NS "><sheetData>"
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>"
        "<c r=\"C1\" t=\"s\"><v>2</v></c><c r=\"D1\" t=\"s\"><v>3</v></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>6</v></c><c r=\"B2\" t=\"s\"><v>7</v></c>"
        "<c r=\"C2\"><v>9</v></c></row>"
        "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>6</v></c><c r=\"B3\" t=\"inlineStr\"><is><t>g1.b"
        "</t></is></c><c r=\"C3\" t=\"e\"><v>#N/A</v></c></row>"
        "<row r=\"4\"><c r=\"A4\" t=\"s\"><v>6</v></c><c r=\"B4\" t=\"s\"><v>8</v></c>"
        "<c r=\"C4\" t=\"inlineStr\"><is><t>z</t></is></c>"
        "<c r=\"D4\" t=\"inlineStr\"><is><t>example.com</t></is></c></row>"
        "<row r=\"5\"><c r=\"A5\" t=\"s\"><v>6</v></c><c r=\"B5\" t=\"inlineStr\"><is><t>g2.n"
        "</t></is></c><c r=\"C5\"><v>-1</v></c></row>"
        "</sheetData></worksheet>";
    const char *const parts[] = { "xl/workbook.xml", WORKBOOK,
                                  "xl/_rels/workbook.xml.rels", RELS,
                                  "xl/sharedStrings.xml", STRINGS,
                                  "xl/worksheets/answers.xml", sheet, NULL };
    const char *path = make_xlsx(f->dir, "bad.xlsx", parts);
    crm_rfi_answers *a = read_answers(f, path, CRM_OK);

    load_hand(f);
    assert_int_equal(crm_evaluation_check_answers(f->ev, a, f->diags), CRM_EINPUT);
    print_diags(f->diags);
    assert_true(diags_contain(f->diags, "bad.xlsx:Questionnaire:2:3: error: rating 9 for 'g1.r' "
                                        "is outside its scale 0..5"));
    assert_true(diags_contain(f->diags, "bad.xlsx:Questionnaire:3:3: error: expected true or "
                                        "false for boolean 'g1.b', got '#N/A'"));
    assert_true(diags_contain(f->diags, "bad.xlsx:Questionnaire:4:3: error: invalid option 'z' "
                                        "for 'g2.ch'; expected one of: x, y"));
    assert_true(diags_contain(f->diags, "bad.xlsx:Questionnaire:4:4: error: expected an evidence "
                                        "URL starting with https:// or http://"));
    assert_true(diags_contain(f->diags, "bad.xlsx:Questionnaire:5:3: error: 'g2.n' must not be "
                                        "negative"));
    assert_int_equal(crm_diags_error_count(f->diags), 5);
    crm_rfi_answers_free(a);
}

/* Workbooks that cannot be read say why, naming the part. */
static void test_xlsx_damaged(void **state)
{
    struct test_fixture *f = *state;
    const char *broken = "<?xml version=\"1.0\"?><worksheet " NS "><sheetData><row r=\"1\">"
                         "<c r=\"A1\"><v>1</v></row></sheetData></worksheet>";
    const char *const no_sheet[] = { "xl/workbook.xml",
                                     "<workbook " NS "><sheets><sheet name=\"Answers\" "
                                     "r:id=\"rId1\"/></sheets></workbook>",
                                     NULL };
    const char *const bad_xml[] = { "xl/workbook.xml", WORKBOOK, "xl/_rels/workbook.xml.rels",
                                    RELS, "xl/worksheets/answers.xml", broken, NULL };
    const char *const bad_string[] = { "xl/workbook.xml", WORKBOOK,
                                       "xl/_rels/workbook.xml.rels", RELS,
                                       "xl/worksheets/answers.xml",
                                       "<worksheet " NS "><sheetData><row r=\"1\"><c r=\"A1\" "
                                       "t=\"s\"><v>12</v></c></row></sheetData></worksheet>",
                                       NULL };
    crm_rfi_answers *a = NULL;

    a = read_answers(f, make_xlsx(f->dir, "a.xlsx", no_sheet), CRM_EINPUT);
    crm_rfi_answers_free(a);
    assert_true(diags_contain(f->diags, "the workbook has no sheet 'Questionnaire' (it has "
                                        "'Answers')"));
    a = read_answers(f, make_xlsx(f->dir, "b.xlsx", bad_xml), CRM_EINPUT);
    crm_rfi_answers_free(a);
    assert_true(diags_contain(f->diags, "the workbook's part 'xl/worksheets/answers.xml' is not "
                                        "well-formed XML: line 1"));
    a = read_answers(f, make_xlsx(f->dir, "c.xlsx", bad_string), CRM_EINPUT);
    crm_rfi_answers_free(a);
    assert_true(diags_contain(f->diags, "c.xlsx:1:1: error: Questionnaire: a cell refers to a "
                                        "shared string the workbook does not have"));
    a = read_answers(f, write_file(f->dir, "d.xlsx", "PK\003\004 and then nothing"), CRM_EINPUT);
    crm_rfi_answers_free(a);
    assert_true(diags_contain(f->diags, "d.xlsx: error: not a workbook: the ZIP archive is "
                                        "damaged"));
}

/* CSV as a spreadsheet saves it: the answers and their places. */
static void test_csv_answers(void **state)
{
    struct test_fixture *f = *state;
    const char *path = write_file(f->dir, "a.csv",
                                  "\xEF\xBB\xBFvendor,criterion,question,answer,evidence_document,"
                                  "evidence_page,respondent\r\n"
                                  "b,g1.r,\"A rating, 0..5\",3.5,Guide,\"12-14\",\r\n"
                                  "b,g1.b,A boolean,,,,\r\n"
                                  "b,g2.n,A number, 4 ,,,Wang Fang\r\n");
    crm_rfi_answers *a = read_answers(f, path, CRM_OK);
    const crm_rfi_answer *r = crm_rfi_answers_at(a, 0);

    assert_int_equal(crm_rfi_answers_count(a), 2);
    assert_string_equal(r->value, "3.5");
    assert_int_equal(r->line, 2);
    assert_int_equal(r->column, 25);
    assert_string_equal(r->evidence_page, "12-14");
    assert_string_equal(r->respondent, "Li Na");
    r = crm_rfi_answers_at(a, 1);
    assert_string_equal(r->value, "4");
    assert_string_equal(r->respondent, "Wang Fang");
    load_hand(f);
    assert_int_equal(crm_evaluation_check_answers(f->ev, a, f->diags), CRM_OK);
    crm_rfi_answers_free(a);
}

/* Claims recorded, replaced with their history, and applied: a claim
 * replaces the profile's value with its evidence, the team's observation
 * wins over it. */
static void test_store_and_apply(void **state)
{
    struct test_fixture *f = *state;
    const char *path = write_file(f->dir, "a.yaml",
                                  "kind: rfi\nvendor: b\nrespondent: Zhang Wei\nquestions:\n"
                                  "  g1.r: {answer: 2, evidence_url: 'https://example.com/r'}\n"
                                  "  g2.n: {answer: 4, evidence_document: Sheet, "
                                  "evidence_page: 3}\n");
    char db[600];
    crm_store *store = NULL;
    crm_rfi_answers *a = read_answers(f, path, CRM_OK), *back = crm_rfi_answers_new();
    size_t added = 0, replaced = 0;
    const struct crm_value *v = NULL;

    load_hand(f);
    assert_int_equal(crm_evaluation_check_answers(f->ev, a, f->diags), CRM_OK);
    snprintf(db, sizeof(db), "%s/ws.db", f->dir);
    assert_int_equal(crm_store_open(&store, db, CRM_STORE_CREATE, f->diags), CRM_OK);
    assert_int_equal(crm_store_put_claims(store, a, &added, &replaced, f->diags), CRM_OK);
    assert_int_equal(added, 2);
    assert_int_equal(replaced, 0);
    /* the same again changes nothing */
    assert_int_equal(crm_store_put_claims(store, a, &added, &replaced, f->diags), CRM_OK);
    assert_int_equal(added + replaced, 0);
    assert_int_equal(crm_store_claims(store, back, f->diags), CRM_OK);
    assert_int_equal(crm_rfi_answers_count(back), 2);
    assert_string_equal(crm_rfi_answers_at(back, 0)->respondent, "Zhang Wei");
    crm_store_close(store);
    assert_int_equal(crm_evaluation_set_claims(f->ev, back, db, f->diags), CRM_OK);
    v = &f->ev->vendors[1]->values[0]; /* b, g1.r: the profile says 5 */
    assert_true(v->present);
    assert_near(v->number, 2, 0);
    assert_true(v->raw->claim);
    assert_int_equal(v->raw->evidence[0].kind, CRM_EVIDENCE_VENDOR_CLAIM);
    assert_string_equal(v->raw->evidence[0].source, "https://example.com/r");
    v = &f->ev->vendors[1]->values[2]; /* b, g2.n: missing in the profile */
    assert_near(v->number, 4, 0);
    assert_string_equal(v->raw->evidence[0].source, "Sheet, p. 3");
    assert_string_equal(f->ev->inputs[f->ev->input_count - 1].role, "claims");
    crm_rfi_answers_free(a);
    crm_rfi_answers_free(back);
}

/* The claims' trail cannot be rewritten, nor a claim deleted. */
static void test_trail_kept(void **state)
{
    struct test_fixture *f = *state;
    char db[600];
    crm_store *store = NULL;
    sqlite3 *raw = NULL;
    crm_rfi_answers *a = crm_rfi_answers_new();
    crm_rfi_answer one;
    size_t added = 0, replaced = 0;

    memset(&one, 0, sizeof(one));
    one.vendor = "b";
    one.criterion = "g1.r";
    one.value = "1";
    one.plain = true;
    one.respondent = "Li Na";
    assert_int_equal(crm_rfi_answers_add(a, &one), CRM_OK);
    one.value = "3";
    snprintf(db, sizeof(db), "%s/ws.db", f->dir);
    assert_int_equal(crm_store_open(&store, db, CRM_STORE_CREATE, f->diags), CRM_OK);
    assert_int_equal(crm_store_put_claims(store, a, &added, &replaced, f->diags), CRM_OK);
    crm_rfi_answers_free(a);
    a = crm_rfi_answers_new();
    assert_int_equal(crm_rfi_answers_add(a, &one), CRM_OK);
    assert_int_equal(crm_store_put_claims(store, a, &added, &replaced, f->diags), CRM_OK);
    assert_int_equal(replaced, 1);
    crm_store_close(store);
    assert_int_equal(sqlite3_open(db, &raw), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(raw, "DELETE FROM claims", NULL, NULL, NULL), SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(raw, "UPDATE claim_history SET value = '5'", NULL, NULL,
                                      NULL),
                         SQLITE_OK);
    assert_int_not_equal(sqlite3_exec(raw, "DELETE FROM claim_history", NULL, NULL, NULL),
                         SQLITE_OK);
    sqlite3_close(raw);
    crm_rfi_answers_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_xlsx_answers, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_xlsx_errors, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_xlsx_damaged, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_csv_answers, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_store_and_apply, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_trail_kept, fixture_setup, fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
