/* What a workspace recorded: crmeval history (the evaluate runs), crmeval
 * diff RUN_A RUN_B (what changed between two of them) and crmeval audit
 * (the trail of every score entered, replaced or removed). */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>

#include "cli.h"

/* history's help: to stdout for --help, to stderr after a usage error. */
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

/* One line of crmeval history (a crm_store_history callback). Stored text
 * is escaped for the terminal: titles and paths come from input files. */
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

/* crmeval history [WORKSPACE]: the recorded runs, newest first. A
 * positional WORKSPACE means the same as -w. The exit code. */
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

/* diff's help: to stdout for --help, to stderr after a usage error. */
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

/* Compare the JSON reports stored with runs @p ctx[0] and @p ctx[1] (a
 * cli_with_store callback), writing the differences to stdout. */
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

/* crmeval diff RUN_A RUN_B: what changed between two recorded runs. The
 * exit code. */
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

/* audit's help: to stdout for --help, to stderr after a usage error. */
static void audit_usage(FILE *out)
{
    fprintf(out,
            "usage: crmeval audit [options] [VENDOR [CRITERION]]\n"
            "\n"
            "The audit trail of the panel's scores: every value ever given (for\n"
            "one vendor, or one vendor and criterion), by vendor, criterion and\n"
            "evaluator, each cell's values in the order they were given: who\n"
            "gave it, when, where it was entered, the comment, and when it was\n"
            "replaced ('current' for the value in force).\n"
            "\n" CLI_WORKSPACE_HELP
            "  -m, --max-errors N    show at most N errors (default 100)\n"
            "  -h, --help            this help\n");
}

/* The trail of the cells named on the command line (struct audit_cells). */
struct audit_cells {
    const char *vendor, *criterion;
};

static crm_status print_trail(crm_store *store, void *ctx, crm_diags *diags)
{
    const struct audit_cells *cells = ctx;

    return crm_store_score_trail(store, cells->vendor, cells->criterion, stdout, diags);
}

/* crmeval audit [VENDOR [CRITERION]]: every score ever given, narrowed to
 * one vendor or one cell when asked. The exit code. */
int cmd_audit(int argc, char **argv)
{
    struct cli_workspace w = CLI_WORKSPACE_INIT;
    struct audit_cells cells = { NULL, NULL };
    unsigned long max_errors = 100;
    int code = CLI_EXIT_OK;

    if ((code = cli_workspace_args("audit", argc, argv, &w, &max_errors, audit_usage)) >= 0) {
        return code;
    }
    if (argc - optind > 2) {
        cli_usage_error("audit", "expected at most VENDOR and CRITERION");
        audit_usage(stderr);
        return CLI_EXIT_INPUT;
    }
    cells.vendor = optind < argc ? argv[optind] : NULL;
    cells.criterion = optind + 1 < argc ? argv[optind + 1] : NULL;
    return cli_with_store(&w, max_errors, print_trail, &cells);
}
