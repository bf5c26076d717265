/* crmeval evaluate EVALUATION.yaml : score, rank and write the reports. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cli.h"

static void evaluate_usage(FILE *out)
{
    fprintf(out,
            "usage: crmeval evaluate [options] EVALUATION.yaml\n"
            "\n"
            "Load the evaluation and everything it names, score and rank the\n"
            "vendors, print the ranking and write the JSON report (to the path\n"
            "in the evaluation's output.json, or --json).\n"
            "\n"
            "  -j, --json PATH       write the JSON report here ('-' = stdout)\n"
            "  -p, --pdf PATH        write the PDF report here\n"
            "  -l, --language LANG   report in en or zh-CN (default: the evaluation's)\n"
            "  -m, --max-errors N    show at most N errors (default 100)\n"
            "  -q, --quiet           do not print the ranking\n"
            "  -t, --timings         print phase timings and peak memory to stderr\n"
            "  -s, --store FILE      record the run in this workspace database\n"
            "                        (default: crmeval.db beside the evaluation, if any)\n"
            "  -h, --help            this help\n");
}

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Record the run, with its JSON report @p json, in the workspace. */
static crm_status record_run(crm_store *store, const char *evaluation, const char *language,
                             const char *json, long long *run_id, crm_diags *diags)
{
    char settings[64];

    snprintf(settings, sizeof(settings), "{\"language\": \"%s\"}",
             language ? language : "evaluation");
    return crm_store_record_run(store, evaluation, settings, json, run_id, diags);
}

int cmd_evaluate(int argc, char **argv)
{
    static const struct option options[] = {
        { "json", required_argument, NULL, 'j' },
        { "pdf", required_argument, NULL, 'p' },
        { "language", required_argument, NULL, 'l' },
        { "max-errors", required_argument, NULL, 'm' },
        { "quiet", no_argument, NULL, 'q' },
        { "timings", no_argument, NULL, 't' },
        { "store", required_argument, NULL, 's' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *json_path = NULL, *pdf_path = NULL, *language = NULL;
    const char *store_path = NULL;
    long long run_id = 0;
    unsigned long max_errors = 100;
    int quiet = 0, timings = 0, opt = 0, code = CLI_EXIT_OK;
    crm_diags *diags = NULL;
    crm_evaluation *ev = NULL;
    crm_result *result = NULL;
    crm_store *store = NULL;
    crm_status st = CRM_OK;
    char *json = NULL;
    void *pdf = NULL;
    size_t pdf_len = 0;
    double t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0;

    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":j:p:l:m:s:qth", options, NULL)) != -1) {
        switch (opt) {
        case 'j':
            json_path = optarg;
            if (json_path[0] == '\0') {
                return cli_usage_error("evaluate", "--json needs a path");
            }
            break;
        case 'l':
            language = optarg;
            break;
        case 'p':
            pdf_path = optarg;
            if (pdf_path[0] == '\0') {
                return cli_usage_error("evaluate", "--pdf needs a path");
            }
            break;
        case 'q':
            quiet = 1;
            break;
        case 's':
            store_path = optarg;
            break;
        case 't':
            timings = 1;
            break;
        case 'h':
            evaluate_usage(stdout);
            return CLI_EXIT_OK;
        default:
            if ((code = cli_common_option("evaluate", opt, argv, &max_errors)) != CLI_EXIT_OK) {
                return code;
            }
            break;
        }
    }
    if (!cli_one_arg("evaluate", "evaluation file", argc, evaluate_usage)) {
        return CLI_EXIT_INPUT;
    }
    if ((diags = cli_diags_new(max_errors)) == NULL) {
        return CLI_EXIT_FAILURE;
    }
    t0 = now_ms();
    st = crm_evaluation_load(&ev, argv[optind], diags);
    if (st == CRM_OK && language != NULL) {
        st = crm_evaluation_set_language(ev, language, diags);
    }
    if (st == CRM_OK) {
        st = cli_open_workspace(argv[optind], store_path, ev, &store, diags);
    }
    t1 = now_ms();
    if (st == CRM_OK) {
        st = crm_result_compute(&result, ev, diags);
    }
    if (st == CRM_OK && crm_result_wants_simulation(result)) {
        /* uncertain inputs: the simulation joins the reports */
        crm_simulate_options so = CRM_SIMULATE_OPTIONS_INIT;

        st = cli_simulate(result, &so, diags);
    }
    t2 = now_ms();
    if (st == CRM_OK) {
        json_path = json_path != NULL ? json_path : crm_evaluation_json_path(ev);
        pdf_path = pdf_path != NULL ? pdf_path : crm_evaluation_pdf_path(ev);
    }
    /* Every report is rendered (and the run recorded) before any is
     * written, and writing allocates nothing: a run that fails, for memory
     * or anything else, leaves no report of two written. */
    if (st == CRM_OK && (json_path != NULL || store != NULL)) {
        st = crm_report_json_render(&json, result, diags);
    }
    t3 = now_ms();
    if (st == CRM_OK && pdf_path != NULL) {
        st = crm_report_pdf_render(&pdf, &pdf_len, result, diags);
    }
    t4 = now_ms();
    if (st == CRM_OK && store != NULL) {
        st = record_run(store, argv[optind], language, json, &run_id, diags);
    }
    if (st == CRM_OK && json_path != NULL) {
        st = crm_report_json_save(json, json_path, diags);
    }
    if (st == CRM_OK && pdf_path != NULL) {
        st = crm_report_pdf_save(pdf, pdf_len, pdf_path, diags);
    }
    crm_report_free_text(json);
    free(pdf);
    code = cli_print_diags(diags, st);
    if (st == CRM_OK) {
        if (!quiet && !(json_path != NULL && strcmp(json_path, "-") == 0)) {
            crm_report_ranking_text(result, ev, stdout);
            if (json_path != NULL) {
                printf("JSON report: %s\n", json_path);
            }
            if (pdf_path != NULL) {
                printf("PDF report: %s\n", pdf_path);
            }
            if (run_id > 0) {
                printf("recorded as run %lld\n", run_id);
            }
            if (json_path == NULL && pdf_path == NULL) {
                printf("no report written: set output.json / output.pdf in "
                       "the evaluation or pass --json / --pdf PATH\n");
            }
        }
    }
    if (timings) {
        struct rusage ru;

        getrusage(RUSAGE_SELF, &ru);
        fprintf(stderr,
                "timing: load_validate_ms=%.3f score_ms=%.3f report_ms=%.3f "
                "pdf_ms=%.3f total_ms=%.3f peak_rss_kb=%ld\n",
                t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0, ru.ru_maxrss);
    }
    code = cli_flush_stdout(code);
    crm_store_close(store);
    crm_result_free(result);
    crm_evaluation_free(ev);
    crm_diags_free(diags);
    return code;
}
