/* crmeval finance EVALUATION.yaml : yearly cost/benefit tables and the
 * NPV / IRR / ROI / payback summary, for a terminal or as CSV. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* finance's help: to stdout for --help, to stderr after a usage error. */
static void finance_usage(FILE *out)
{
    fprintf(out,
            "usage: crmeval finance [options] EVALUATION.yaml\n"
            "\n"
            "Print each vendor's yearly cost and benefit table (by cost\n"
            "category, net, cumulative, discounted) and its TCO, NPV, IRR,\n"
            "MIRR, ROI and payback, unadjusted and risk-adjusted.\n"
            "\n"
            "  -v, --vendor ID       only this vendor\n"
            "  -c, --csv DIR         also write summary.csv, ID-yearly.csv and\n"
            "                        ID-lines.csv into DIR for a spreadsheet\n"
            "  -x, --xlsx FILE       also write the workbook (every vendor): each\n"
            "                        figure a live formula over named inputs\n"
            "  -m, --max-errors N    show at most N errors (default 100)\n"
            "  -h, --help            this help\n");
}

/* crmeval finance: the tables on stdout, then with --csv or --xlsx the
 * files, never over a file the run reads and put in place together (all
 * or none). The exit code. */
int cmd_finance(int argc, char **argv)
{
    static const struct option options[] = {
        { "vendor", required_argument, NULL, 'v' },
        { "csv", required_argument, NULL, 'c' },
        { "xlsx", required_argument, NULL, 'x' },
        { "max-errors", required_argument, NULL, 'm' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *vendor = NULL, *csv_dir = NULL, *xlsx = NULL;
    char safe[4096]; /* a path as a terminal can show it */
    unsigned long max_errors = 100;
    int opt = 0, code = CLI_EXIT_OK;
    crm_diags *diags = NULL;
    crm_evaluation *ev = NULL;
    crm_result *result = NULL;
    crm_outputs *outputs = NULL;
    char db[4096];
    crm_status st = CRM_OK;

    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":v:c:x:m:h", options, NULL)) != -1) {
        switch (opt) {
        case 'v':
            vendor = optarg;
            break;
        case 'c':
            csv_dir = optarg;
            break;
        case 'x':
            xlsx = optarg;
            if (xlsx[0] == '\0') {
                return cli_usage_error("finance", "--xlsx needs a path");
            }
            break;
        case 'h':
            finance_usage(stdout);
            return CLI_EXIT_OK;
        default:
            if ((code = cli_common_option("finance", opt, argv, &max_errors)) != CLI_EXIT_OK) {
                return code;
            }
            break;
        }
    }
    if (!cli_one_arg("finance", "evaluation file", argc, finance_usage)) {
        return CLI_EXIT_INPUT;
    }
    if ((diags = cli_diags_new(max_errors)) == NULL) {
        return CLI_EXIT_FAILURE;
    }
    st = cli_load_result(argv[optind], diags, &ev, &result);
    if (st == CRM_OK && vendor != NULL) {
        st = cli_check_vendor(result, vendor, diags);
    }
    if (st == CRM_OK) {
        st = crm_report_finance_text(result, vendor, stdout, diags);
    }
    if (st == CRM_OK && (csv_dir != NULL || xlsx != NULL)) {
        /* the CSV files and the workbook are put in place together */
        st = cli_outputs_new(ev, crm_workspace_db(argv[optind], NULL, db, sizeof(db)), &outputs,
                             diags);
        if (st == CRM_OK && xlsx != NULL) {
            st = crm_outputs_check(outputs, xlsx, "the workbook", diags);
        }
        if (st == CRM_OK && csv_dir != NULL) {
            st = crm_report_finance_csv(outputs, result, csv_dir, vendor, diags);
        }
        if (st == CRM_OK && xlsx != NULL) {
            st = crm_report_xlsx_add(outputs, result, xlsx, diags);
        }
        if (st == CRM_OK) {
            st = crm_outputs_commit(outputs, diags);
        }
        if (st == CRM_OK && csv_dir != NULL) {
            printf("\nCSV written to %s/ (summary.csv, <vendor>-yearly.csv, "
                   "<vendor>-lines.csv, <vendor>-cash.csv, README.txt)\n",
                   crm_text_for_terminal(safe, sizeof(safe), csv_dir));
        }
        if (st == CRM_OK && xlsx != NULL) {
            printf("%sworkbook written to %s\n", csv_dir != NULL ? "" : "\n",
                   crm_text_for_terminal(safe, sizeof(safe), xlsx));
        }
    }
    code = cli_flush_stdout(cli_print_diags(diags, st));
    crm_outputs_free(outputs);
    crm_result_free(result);
    crm_evaluation_free(ev);
    crm_diags_free(diags);
    return code;
}
