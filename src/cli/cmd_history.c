/* crmeval history [WORKSPACE] : the evaluate runs a workspace recorded;
 * crmeval diff RUN_A RUN_B : what changed between two of them. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>

#include "cli.h"

static void history_usage(FILE *out)
{
    fprintf(out,
            "usage: crmeval history [options] [WORKSPACE]\n"
            "\n"
            "List the evaluate runs recorded in a workspace database, newest\n"
            "first: run id, when (UTC), the winner, the digest of all inputs,\n"
            "the title and the evaluation file. WORKSPACE is the database file\n"
            "or the directory holding crmeval.db (default: the current one),\n"
            "as with -w.\n"
            "\n" CLI_WORKSPACE_HELP
            "  -m, --max-errors N    show at most N errors (default 100)\n"
            "  -h, --help            this help\n");
}

static void print_run(const crm_run_info *run, void *payload)
{
    char winner[256], title[1024], file[1024]; /* as a terminal can show them */

    (void)payload;
    printf("%-5lld %-20s  %-16s %.12s  %s  (%s)\n", run->id, run->recorded_at,
           crm_text_for_terminal(winner, sizeof(winner), run->winner ? run->winner : "-"),
           run->inputs_digest, crm_text_for_terminal(title, sizeof(title), run->title),
           crm_text_for_terminal(file, sizeof(file), run->evaluation));
}

static crm_status list_runs(crm_store *store, void *ctx, crm_diags *diags)
{
    (void)ctx;
    printf("%-5s %-20s  %-16s %-12s  %s\n", "run", "recorded (UTC)", "winner", "inputs",
           "title (evaluation)");
    return crm_store_history(store, print_run, NULL, diags);
}

int cmd_history(int argc, char **argv)
{
    struct cli_workspace w = CLI_WORKSPACE_INIT;
    unsigned long max_errors = 100;
    int code = CLI_EXIT_OK;

    if ((code = cli_workspace_args("history", argc, argv, &w, &max_errors, history_usage)) >=
        0) {
        return code;
    }
    if (optind < argc - 1) {
        cli_usage_error("history", "expected at most one workspace, got %d", argc - optind);
        history_usage(stderr);
        return CLI_EXIT_INPUT;
    }
    if (optind == argc - 1) {
        w.dir = argv[optind]; /* as -w */
    }
    return cli_with_store(&w, max_errors, list_runs, NULL);
}

static void diff_usage(FILE *out)
{
    fprintf(out,
            "usage: crmeval diff [options] RUN_A RUN_B\n"
            "\n"
            "What changed from run RUN_A to run RUN_B of a workspace (see\n"
            "`crmeval history`): input files, weights, scores and ranks, NPV,\n"
            "and for every two vendors that swapped places the criteria that\n"
            "moved them, each marked as a change of value or of weight.\n"
            "\n" CLI_WORKSPACE_HELP
            "  -m, --max-errors N    show at most N errors (default 100)\n"
            "  -h, --help            this help\n");
}

/* Run number @p s into *@p out; a usage error naming it when it is not a
 * whole number from 1 to LLONG_MAX (strtoll clamps what is larger). */
static bool run_number(const char *s, long long *out)
{
    char *end = NULL;

    errno = 0;
    *out = strtoll(s, &end, 10);
    if (*s != '\0' && *end == '\0' && errno == ERANGE && *out > 0) {
        cli_usage_error("diff", "run number '%s' is out of range (1 to %lld)", s, LLONG_MAX);
        return false;
    }
    if (*s == '\0' || *end != '\0' || errno != 0 || *out <= 0) {
        cli_usage_error("diff", "run number '%s' is not a whole number from 1 up (see "
                                "`crmeval history`)",
                        s);
        return false;
    }
    return true;
}

static crm_status diff_runs(crm_store *store, void *ctx, crm_diags *diags)
{
    const long long *runs = ctx;
    char *from = NULL, *to = NULL;
    char from_name[32], to_name[32];
    crm_status st = crm_store_run_report(store, runs[0], &from, diags);

    if (st == CRM_OK) {
        st = crm_store_run_report(store, runs[1], &to, diags);
    }
    if (st == CRM_OK) {
        snprintf(from_name, sizeof(from_name), "run %lld", runs[0]);
        snprintf(to_name, sizeof(to_name), "run %lld", runs[1]);
        st = crm_report_diff(from, to, from_name, to_name, stdout, diags);
    }
    free(from);
    free(to);
    return st;
}

int cmd_diff(int argc, char **argv)
{
    struct cli_workspace w = CLI_WORKSPACE_INIT;
    unsigned long max_errors = 100;
    long long runs[2] = { 0, 0 };
    int code = CLI_EXIT_OK;

    if ((code = cli_workspace_args("diff", argc, argv, &w, &max_errors, diff_usage)) >= 0) {
        return code;
    }
    if (optind != argc - 2) {
        cli_usage_error("diff", "expected two run numbers (see `crmeval history`)");
        diff_usage(stderr);
        return CLI_EXIT_INPUT;
    }
    if (!run_number(argv[optind], &runs[0]) || !run_number(argv[optind + 1], &runs[1])) {
        return CLI_EXIT_INPUT;
    }
    return cli_with_store(&w, max_errors, diff_runs, runs);
}
