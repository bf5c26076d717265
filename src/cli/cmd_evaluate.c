/* crmeval evaluate EVALUATION.yaml : score, rank and write the reports. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cli.h"

/* evaluate's help: to stdout for --help, to stderr after a usage error. */
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
            "  -x, --xlsx PATH       also write the finance workbook (live formulas)\n"
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

/* Record the run in the workspace. */
static crm_status record_run(crm_store *store, const char *evaluation, const char *language,
                             const crm_result *result, long long *run_id, crm_diags *diags)
{
    char settings[64];
    char *json = NULL;
    crm_status st = CRM_OK;

    snprintf(settings, sizeof(settings), "{\"language\": \"%s\"}",
             language ? language : "evaluation");
    st = crm_report_json_render(&json, result, diags);
    if (st == CRM_OK) {
        st = crm_store_record_result(store, evaluation, settings, result, json, run_id, diags);
    }
    crm_report_free(json);
    return st;
}

/*
 * Put the reports in place and record the run in the database @p db (made
 * when @p create; NULL: none), all or nothing: the run's rows are written
 * inside a transaction, the reports renamed into place, then the
 * transaction committed; if that commit fails the old reports are put
 * back. Any failure before leaves the old reports and the database as
 * they were.
 */
static crm_status commit_run(crm_outputs *outputs, const char *db, bool create,
                             const char *evaluation, const char *language,
                             const crm_result *result, long long *run_id, crm_diags *diags)
{
    crm_store *store = NULL;
    crm_status st = CRM_OK;

    if (db != NULL) {
        st = crm_store_open(&store, db, create ? CRM_STORE_CREATE : CRM_STORE_WRITE, diags);
        if (st == CRM_OK) {
            st = crm_store_begin(store, diags);
        }
        if (st == CRM_OK) {
            st = record_run(store, evaluation, language, result, run_id, diags);
        }
    }
    if (st == CRM_OK) {
        st = crm_outputs_commit(outputs, diags);
    }
    if (st == CRM_OK && store != NULL && (st = crm_store_commit(store, diags)) != CRM_OK) {
        crm_outputs_rollback(outputs);
    }
    if (st != CRM_OK) {
        crm_store_rollback(store);
        *run_id = 0;
    }
    crm_store_close(store);
    return st;
}

/* evaluate_args: help was printed, exit 0 */
#define EVALUATE_HELP (-1)

/* What the command line asked of evaluate. */
struct evaluate_args {
    const char *json_path, *pdf_path, *xlsx_path; /* NULL: the evaluation's, or none */
    const char *language;                         /* NULL: the evaluation's */
    const char *store_path;                       /* --store, or NULL */
    unsigned long max_errors;
    bool quiet, timings;
};

/* Parse evaluate's options into @p a; CLI_EXIT_OK to go on, else the exit
 * code (help printed, or a usage error said). */
static int evaluate_args(int argc, char **argv, struct evaluate_args *a)
{
    static const struct option options[] = {
        { "json", required_argument, NULL, 'j' },
        { "pdf", required_argument, NULL, 'p' },
        { "xlsx", required_argument, NULL, 'x' },
        { "language", required_argument, NULL, 'l' },
        { "max-errors", required_argument, NULL, 'm' },
        { "quiet", no_argument, NULL, 'q' },
        { "timings", no_argument, NULL, 't' },
        { "store", required_argument, NULL, 's' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int opt = 0, code = CLI_EXIT_OK;

    memset(a, 0, sizeof(*a));
    a->max_errors = 100;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":j:p:x:l:m:s:qth", options, NULL)) != -1) {
        switch (opt) {
        case 'j':
        case 'p':
        case 'x':
            if (optarg[0] == '\0') {
                return cli_usage_error("evaluate", "--%s needs a path",
                                       opt == 'j' ? "json" : opt == 'p' ? "pdf" : "xlsx");
            }
            *(opt == 'j' ? &a->json_path : opt == 'p' ? &a->pdf_path : &a->xlsx_path) = optarg;
            break;
        case 'l':
            a->language = optarg;
            break;
        case 'q':
            a->quiet = true;
            break;
        case 's':
            a->store_path = optarg;
            break;
        case 't':
            a->timings = true;
            break;
        case 'h':
            evaluate_usage(stdout);
            return EVALUATE_HELP;
        default:
            if ((code = cli_common_option("evaluate", opt, argv, &a->max_errors)) != CLI_EXIT_OK) {
                return code;
            }
            break;
        }
    }
    return cli_one_arg("evaluate", "evaluation file", argc, evaluate_usage) ? CLI_EXIT_OK
                                                                            : CLI_EXIT_INPUT;
}

/* Check every output before any work: the evaluation's own paths stay
 * inside its directory (paths given on the command line are the user's
 * to choose), and no report may replace a file the run reads (the
 * evaluation's inputs, the workspace database). Each problem is told at
 * once. The outputs set is made in *@p outputs (freed by the caller). */
static crm_status check_outputs(struct evaluate_args *a, const crm_evaluation *ev,
                                const char *db, crm_outputs **outputs, crm_diags *diags)
{
    crm_status st = crm_evaluation_check_outputs(ev, a->json_path == NULL, a->pdf_path == NULL,
                                                 diags);
    crm_status json_st = CRM_OK, pdf_st = CRM_OK, xlsx_st = CRM_OK;

    if (st == CRM_OK) {
        st = cli_outputs_new(ev, db, outputs, diags);
        a->json_path = a->json_path != NULL ? a->json_path : crm_evaluation_json_path(ev);
        a->pdf_path = a->pdf_path != NULL ? a->pdf_path : crm_evaluation_pdf_path(ev);
    }
    if (st != CRM_OK) {
        return st;
    }
    if (a->json_path != NULL) {
        json_st = crm_outputs_check(*outputs, a->json_path, "the JSON report", diags);
    }
    if (a->pdf_path != NULL) {
        pdf_st = crm_outputs_check(*outputs, a->pdf_path, "the PDF report", diags);
    }
    if (a->xlsx_path != NULL) {
        xlsx_st = crm_outputs_check(*outputs, a->xlsx_path, "the workbook", diags);
    }
    return json_st != CRM_OK ? json_st : pdf_st != CRM_OK ? pdf_st : xlsx_st;
}

/* After a run that succeeded: the ranking and where each report went
 * (nothing with --quiet, or when the JSON went to standard output). */
static void print_outcome(const struct evaluate_args *a, const crm_result *result,
                          const crm_evaluation *ev, long long run_id)
{
    char safe[4096]; /* a path as a terminal can show it */

    if (a->quiet || (a->json_path != NULL && strcmp(a->json_path, "-") == 0)) {
        return;
    }
    crm_report_ranking_text(result, ev, stdout);
    if (a->json_path != NULL) {
        printf("JSON report: %s\n", crm_text_for_terminal(safe, sizeof(safe), a->json_path));
    }
    if (a->pdf_path != NULL) {
        printf("PDF report: %s\n", crm_text_for_terminal(safe, sizeof(safe), a->pdf_path));
    }
    if (a->xlsx_path != NULL) {
        printf("workbook: %s\n", crm_text_for_terminal(safe, sizeof(safe), a->xlsx_path));
    }
    if (run_id > 0) {
        printf("recorded as run %lld\n", run_id);
    }
    if (a->json_path == NULL && a->pdf_path == NULL) {
        printf("no report written: set output.json / output.pdf in "
               "the evaluation or pass --json / --pdf PATH\n");
    }
}

/* crmeval evaluate: load, check every output up front, apply the panel's
 * scores, score (and simulate when inputs are uncertain), render each
 * report to a temporary, then put the reports in place and record the run
 * together, so a failure leaves no half-written result. The exit code. */
int cmd_evaluate(int argc, char **argv)
{
    struct evaluate_args a;
    const char *db = NULL;
    char db_buf[4096];
    long long run_id = 0;
    int code = evaluate_args(argc, argv, &a);
    crm_diags *diags = NULL;
    crm_evaluation *ev = NULL;
    crm_result *result = NULL;
    crm_outputs *outputs = NULL;
    crm_status st = CRM_OK;
    double t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0;

    if (code != CLI_EXIT_OK) {
        return code == EVALUATE_HELP ? CLI_EXIT_OK : code;
    }
    if ((diags = cli_diags_new(a.max_errors)) == NULL) {
        return CLI_EXIT_FAILURE;
    }
    t0 = now_ms();
    st = crm_evaluation_load(&ev, argv[optind], diags);
    if (st == CRM_OK && a.language != NULL) {
        st = crm_evaluation_set_language(ev, a.language, diags);
    }
    if (st == CRM_OK) {
        db = crm_workspace_db(argv[optind], a.store_path, db_buf, sizeof(db_buf));
        st = check_outputs(&a, ev, db, &outputs, diags);
    }
    if (st == CRM_OK) {
        st = crm_workspace_apply_panel(ev, argv[optind], a.store_path, diags);
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
    /* every report rendered to its temporary first, then all put in place */
    if (st == CRM_OK && a.json_path != NULL) {
        st = crm_report_json_add(outputs, result, a.json_path, diags);
    }
    t3 = now_ms();
    if (st == CRM_OK && a.pdf_path != NULL) {
        st = crm_report_pdf_add(outputs, result, a.pdf_path, diags);
    }
    if (st == CRM_OK && a.xlsx_path != NULL) {
        st = crm_report_xlsx_add(outputs, result, a.xlsx_path, diags);
    }
    t4 = now_ms();
    if (st == CRM_OK) {
        /* --store FILE makes the database if need be */
        st = commit_run(outputs, db, a.store_path != NULL, argv[optind], a.language, result,
                        &run_id, diags);
    }
    crm_outputs_free(outputs); /* the signals held through the commit come now */
    code = cli_print_diags(diags, st);
    if (st == CRM_OK) {
        print_outcome(&a, result, ev, run_id);
    }
    if (a.timings) {
        struct rusage ru;

        getrusage(RUSAGE_SELF, &ru);
        /* report_ms: the JSON report (t2..t3); pdf_ms: the PDF and the
         * workbook (t3..t4) */
        fprintf(stderr,
                "timing: load_validate_ms=%.3f score_ms=%.3f report_ms=%.3f "
                "pdf_ms=%.3f total_ms=%.3f peak_rss_kb=%ld\n",
                t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0, ru.ru_maxrss);
    }
    code = cli_flush_stdout(code);
    crm_result_free(result);
    crm_evaluation_free(ev);
    crm_diags_free(diags);
    return code;
}
