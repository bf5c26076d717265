/* crmeval sheet: a score sheet (CSV) for one evaluator, with the cells
 * still to score and the points at stake in each (docs/panel.md). */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* sheet's help: to stdout for --help, to stderr after a usage error. */
static void sheet_usage(FILE *out)
{
    fprintf(out,
            "usage: crmeval sheet [options] OUT.csv\n"
            "\n"
            "Write a CSV score sheet to fill in and import with `crmeval score\n"
            "--import`: a row per vendor and criterion of the score sheet (the\n"
            "evaluation's panel.criteria, or every criterion the panel may score),\n"
            "with the criterion's name and scale beside it. With --evaluator, the\n"
            "rows carry their name and role and their current values. OUT '-' is\n"
            "standard output.\n"
            "\n" CLI_WORKSPACE_HELP
            "  -E, --evaluator NAME  whose sheet (default: a blank one)\n"
            "  -r, --role ROLE       their role, if they have not scored yet\n"
            "  -M, --missing         only the values still to find out (missing values\n"
            "                        and sample assessments), most important first\n"
            "  -m, --max-errors N    show at most N errors (default 100)\n"
            "  -h, --help            this help\n");
}

/* crmeval sheet FILE: a score sheet for one evaluator (role taken from the
 * roster when not given), or with --missing the open questions as evaluate
 * sees them with the panel's scores so far. A workspace with no database
 * yet still gets a blank sheet. The exit code. */
int cmd_sheet(int argc, char **argv)
{
    static const struct option options[] = {
        CLI_WORKSPACE_OPTIONS,
        { "evaluator", required_argument, NULL, 'E' },
        { "role", required_argument, NULL, 'r' },
        { "missing", no_argument, NULL, 'M' },
        { NULL, 0, NULL, 0 },
    };
    struct cli_workspace w = CLI_WORKSPACE_INIT;
    struct cli_panel_session ps;
    const char *evaluator = NULL, *role = NULL;
    unsigned long max_errors = 100;
    int opt = 0, code = CLI_EXIT_OK;
    bool missing = false;
    crm_outputs *outputs = NULL;
    crm_scores *scores = NULL;
    crm_result *result = NULL;
    crm_status st = CRM_OK;
    char safe[4096]; /* a path as a terminal can show it */
    size_t i;

    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":w:e:s:E:r:m:Mh", options, NULL)) != -1) {
        if (cli_workspace_option(&w, opt)) {
            continue;
        }
        if (opt == 'E') {
            evaluator = optarg;
        } else if (opt == 'M') {
            missing = true;
        } else if (opt == 'r') {
            role = optarg;
        } else if (opt == 'h') {
            sheet_usage(stdout);
            return CLI_EXIT_OK;
        } else if ((code = cli_common_option("sheet", opt, argv, &max_errors)) != CLI_EXIT_OK) {
            return code;
        }
    }
    if (!cli_one_arg("sheet", "output file", argc, sheet_usage)) {
        return CLI_EXIT_INPUT;
    }
    /* a workspace without a database yet: a blank sheet all the same */
    st = cli_panel_session_open(&ps, &w, max_errors, CRM_STORE_READ, false);
    if (ps.diags == NULL) {
        return CLI_EXIT_FAILURE;
    }
    if (st == CRM_OK) {
        st = ps.store != NULL ? crm_store_scores(ps.store, &scores, ps.diags)
                              : ((scores = crm_scores_new()) == NULL ? CRM_ENOMEM : CRM_OK);
    }
    for (i = 0; st == CRM_OK && evaluator != NULL && role == NULL &&
                i < crm_scores_count(ps.roster);
         i++) {
        if (strcmp(crm_scores_at(ps.roster, i)->evaluator, evaluator) == 0) {
            role = crm_scores_at(ps.roster, i)->role;
        }
    }
    if (st == CRM_OK) {
        /* never over the database or a file the evaluation reads */
        st = cli_outputs_new(ps.ev, w.store, &outputs, ps.diags);
    }
    if (st == CRM_OK) {
        st = crm_outputs_check(outputs, argv[optind], "the score sheet", ps.diags);
    }
    crm_outputs_free(outputs);
    if (st == CRM_OK && !missing) {
        st = crm_panel_sheet_write(ps.ev, scores, evaluator, role, argv[optind], ps.diags);
    } else if (st == CRM_OK) {
        /* what is still to find out, as `evaluate` sees it: with the
         * panel's scores so far in place */
        if (ps.store != NULL) {
            st = crm_evaluation_set_panel(ps.ev, scores, w.store, ps.diags);
        }
        if (st == CRM_OK) {
            st = crm_result_compute(&result, ps.ev, ps.diags);
        }
        if (st == CRM_OK) {
            st = crm_report_questions_sheet(result, scores, evaluator, role, argv[optind],
                                            ps.diags);
        }
    }
    code = cli_print_diags(ps.diags, st);
    if (st == CRM_OK && strcmp(argv[optind], "-") != 0) {
        printf("score sheet: %s\n", crm_text_for_terminal(safe, sizeof(safe), argv[optind]));
    }
    crm_result_free(result);
    crm_scores_free(scores);
    return cli_panel_session_close(&ps, code);
}
