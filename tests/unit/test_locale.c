/*
 * Unit tests: the library reads and writes numbers the same whatever locale
 * the program that links it has set. de_DE writes 1,5 for one and a half;
 * with it set, every input must still parse and every report (JSON, PDF,
 * finance tables and CSV, the ranking, the simulation table, messages)
 * must come out byte for byte as in the C locale. A comma-decimal locale
 * is generated with localedef into a temporary directory when the system
 * has none; without localedef the test is skipped with a message.
 */
#include "helpers.h"

#include <locale.h>
#include <sys/stat.h>

/* Everything the library writes for one evaluation, in one locale. */
struct outputs {
    char *json;
    void *pdf;
    size_t pdf_len;
    char *text;          /* ranking, finance tables, simulation table */
    char *csv;           /* finance --csv: summary, yearly and lines of one vendor */
    char *messages;      /* the diagnostics of a file with numbers in them */
};

static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char *data = NULL;
    long n = 0;

    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    rewind(fp);
    data = calloc(1, (size_t)n + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)n, fp), (size_t)n);
    fclose(fp);
    return data;
}

/* Load, compute, simulate and render examples/retail-sme.yaml (decimals in
 * its inputs, money and percentages in its reports) into @p out, writing
 * files under @p dir; validate a bad file in @p shared (the same path for
 * both runs, as messages name it). */
static void render_all(const char *dir, const char *shared, struct outputs *out)
{
    crm_diags *diags = crm_diags_new(0);
    crm_evaluation *ev = NULL;
    crm_result *res = NULL;
    crm_simulate_options so = CRM_SIMULATE_OPTIONS_INIT;
    char path[1024], csv_dir[700], text_path[700];
    FILE *fp = NULL;
    size_t i;

    memset(out, 0, sizeof(*out));
    src_path(path, sizeof(path), "examples/retail-sme.yaml");
    assert_int_equal(crm_evaluation_load(&ev, path, diags), CRM_OK);
    assert_int_equal(crm_result_compute(&res, ev, diags), CRM_OK);
    so.trials = 500;
    so.threads = 2;
    assert_int_equal(crm_result_simulate(res, &so, diags), CRM_OK);
    assert_int_equal(crm_report_json_render(&out->json, res, diags), CRM_OK);
    assert_int_equal(crm_report_pdf_render(&out->pdf, &out->pdf_len, res, diags), CRM_OK);

    snprintf(text_path, sizeof(text_path), "%s/text.txt", dir);
    fp = fopen(text_path, "w");
    assert_non_null(fp);
    crm_report_ranking_text(res, ev, fp);
    assert_int_equal(crm_report_finance_text(res, NULL, fp, diags), CRM_OK);
    crm_report_simulation_text(res, fp);
    fclose(fp);
    out->text = slurp(text_path);

    snprintf(csv_dir, sizeof(csv_dir), "%s/csv", dir);
    {
        crm_outputs *outputs = NULL;

        assert_int_equal(crm_outputs_new(&outputs), CRM_OK);
        assert_int_equal(crm_report_finance_csv(outputs, res, csv_dir, "fxiaoke", diags), CRM_OK);
        assert_int_equal(crm_outputs_commit(outputs, diags), CRM_OK);
        crm_outputs_free(outputs);
    }
    {
        static const char *const names[] = { "summary.csv", "fxiaoke-yearly.csv",
                                             "fxiaoke-lines.csv", "README.txt" };
        char *parts[4];
        size_t total = 1;

        for (i = 0; i < 4; i++) {
            snprintf(path, sizeof(path), "%s/%s", csv_dir, names[i]);
            parts[i] = slurp(path);
            total += strlen(parts[i]);
        }
        out->csv = calloc(1, total);
        assert_non_null(out->csv);
        for (i = 0; i < 4; i++) {
            strcat(out->csv, parts[i]);
            free(parts[i]);
        }
    }
    crm_result_free(res);
    crm_evaluation_free(ev);
    crm_diags_free(diags);

    /* messages that quote numbers the library formats (%g, %.1f...) */
    diags = crm_diags_new(0);
    snprintf(path, sizeof(path), "%s/bad.yaml", shared);
    fp = fopen(path, "w");
    assert_non_null(fp);
    fputs("kind: vendor\nid: acme\ncriteria_set: hand\nname: Acme\nvalues:\n"
          "  g1.r: 7.5\n  g2.n: -2.25\n  g2.ch: 1.5\n", fp);
    fclose(fp);
    {
        const char *files[] = { path };
        char criteria[512], line[1400];
        size_t len = 0;

        src_path(criteria, sizeof(criteria), "tests/data/hand/criteria.yaml");
        assert_int_equal(crm_validate_files(files, 1, criteria, diags), CRM_EINPUT);
        out->messages = calloc(1, 16384);
        for (i = 0; i < crm_diags_count(diags); i++) {
            crm_diag_format(crm_diags_get(diags, i), line, sizeof(line));
            len += (size_t)snprintf(out->messages + len, 16384 - len, "%s\n", line);
        }
    }
    crm_diags_free(diags);
}

static void free_outputs(struct outputs *o)
{
    free(o->json);
    free(o->pdf);
    free(o->text);
    free(o->csv);
    free(o->messages);
}

/* Set a locale whose decimal point is a comma: one the system has, else
 * one made with localedef under @p dir. */
static bool comma_locale(const char *dir)
{
    static const char *const names[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8",
                                         "nl_NL.UTF-8", "ru_RU.UTF-8", NULL };
    char cmd[1024];
    size_t i;

    for (i = 0; names[i] != NULL; i++) {
        if (setlocale(LC_ALL, names[i]) != NULL &&
            strcmp(localeconv()->decimal_point, ",") == 0) {
            return true;
        }
    }
    snprintf(cmd, sizeof(cmd),
             "localedef -i de_DE -f UTF-8 '%s/de_DE.UTF-8' >/dev/null 2>&1", dir);
    if (system(cmd) != 0) {
        return false;
    }
    setenv("LOCPATH", dir, 1);
    return setlocale(LC_ALL, "de_DE.UTF-8") != NULL &&
           strcmp(localeconv()->decimal_point, ",") == 0;
}

static void test_locale__comma_decimal_changes_nothing(void **state)
{
    struct test_fixture *f = *state;
    struct outputs c, de;
    char dir_c[600], dir_de[600];
    char probe[32];

    snprintf(dir_c, sizeof(dir_c), "%s/c", f->dir);
    snprintf(dir_de, sizeof(dir_de), "%s/de", f->dir);
    mkdir(dir_c, 0777);
    mkdir(dir_de, 0777);
    assert_non_null(setlocale(LC_ALL, "C"));
    render_all(dir_c, f->dir, &c);
    if (!comma_locale(f->dir)) {
        setlocale(LC_ALL, "C");
        free_outputs(&c);
        print_message("no comma-decimal locale and no localedef: skipped\n");
        skip();
    }
    /* the locale took: the C library itself now writes a comma */
    snprintf(probe, sizeof(probe), "%.1f", 1.5);
    assert_string_equal(probe, "1,5");
    render_all(dir_de, f->dir, &de);
    setlocale(LC_ALL, "C");

    assert_string_equal(de.json, c.json);
    assert_string_equal(de.text, c.text);
    assert_string_equal(de.csv, c.csv);
    assert_string_equal(de.messages, c.messages);
    assert_int_equal(de.pdf_len, c.pdf_len);
    assert_memory_equal(de.pdf, c.pdf, c.pdf_len);
    /* and the figures are the ones a C reader expects */
    assert_non_null(strstr(c.messages, "rating 7.5 for 'g1.r' is outside its scale 0..5"));
    assert_non_null(strstr(c.json, "\"discount_rate\":\t0.08,"));
    free_outputs(&c);
    free_outputs(&de);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_locale__comma_decimal_changes_nothing,
                                        fixture_setup, fixture_teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
