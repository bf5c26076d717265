/* crmeval history [WORKSPACE] : the evaluate runs a workspace recorded;
 * crmeval diff RUN_A RUN_B : what changed between two of them. */
#include <getopt.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static void history_usage(FILE *out)
{
    fprintf(out,
            "usage: crmeval history [options] [WORKSPACE]\n"
            "\n"
            "List the evaluate runs recorded in a workspace database, newest\n"
            "first: run id, when (UTC), the winner, the digest of all inputs,\n"
            "the title and the evaluation file. WORKSPACE is the database file\n"
            "or the directory holding crmeval.db (default: the current one).\n"
            "\n"
            "  -m, --max-errors N    show at most N errors (default 100)\n"
            "  -h, --help            this help\n");
}

/* The database of WORKSPACE: the file itself, or crmeval.db in a directory. */
static void workspace_db(const char *where, char *path, size_t size)
{
    struct stat sb;

    if (stat(where, &sb) == 0 && S_ISDIR(sb.st_mode)) {
        snprintf(path, size, "%s/crmeval.db", where);
    } else {
        snprintf(path, size, "%s", where);
    }
}

/* Open the workspace at @p where, run @p fn on it, print the diagnostics:
 * the exit code. */
static int with_workspace(const char *where, unsigned long max_errors,
                          crm_status (*fn)(crm_store *store, void *ctx, crm_diags *diags),
                          void *ctx)
{
    char path[4096];
    crm_diags *diags = NULL;
    crm_store *store = NULL;
    crm_status st = CRM_OK;
    int code = CLI_EXIT_OK;

    workspace_db(where, path, sizeof(path));
    if ((diags = cli_diags_new(max_errors)) == NULL) {
        return CLI_EXIT_FAILURE;
    }
    st = crm_store_open(&store, path, false, diags);
    if (st == CRM_OK) {
        st = fn(store, ctx, diags);
    }
    crm_store_close(store);
    cli_print_diags(diags);
    code = cli_flush_stdout(cli_exit_code(st));
    crm_diags_free(diags);
    return code;
}

static void print_run(const crm_run_info *run, void *payload)
{
    (void)payload;
    printf("%-5lld %-20s  %-16s %.12s  %s  (%s)\n", run->id, run->recorded_at,
           run->winner ? run->winner : "-", run->inputs_digest, run->title,
           run->evaluation);
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
    static const struct option options[] = {
        { "max-errors", required_argument, NULL, 'm' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *where = ".";
    unsigned long max_errors = 100;
    int opt = 0, code = CLI_EXIT_OK;

    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":m:h", options, NULL)) != -1) {
        if (opt == 'h') {
            history_usage(stdout);
            return CLI_EXIT_OK;
        }
        if ((code = cli_common_option("history", opt, argv, &max_errors)) != CLI_EXIT_OK) {
            return code;
        }
    }
    if (optind < argc - 1) {
        cli_usage_error("history", "expected at most one workspace, got %d", argc - optind);
        history_usage(stderr);
        return CLI_EXIT_INPUT;
    }
    if (optind == argc - 1) {
        where = argv[optind];
    }
    return with_workspace(where, max_errors, list_runs, NULL);
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
            "\n"
            "  -w, --workspace W     the database file or its directory (default: .)\n"
            "  -m, --max-errors N    show at most N errors (default 100)\n"
            "  -h, --help            this help\n");
}

static bool run_number(const char *s, long long *out)
{
    char *end = NULL;

    *out = strtoll(s, &end, 10);
    return *s != '\0' && *end == '\0' && *out > 0;
}

static crm_status diff_runs(crm_store *store, void *ctx, crm_diags *diags)
{
    const long long *runs = ctx;

    return crm_store_diff(store, runs[0], runs[1], stdout, diags);
}

int cmd_diff(int argc, char **argv)
{
    static const struct option options[] = {
        { "workspace", required_argument, NULL, 'w' },
        { "max-errors", required_argument, NULL, 'm' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *where = ".";
    unsigned long max_errors = 100;
    long long runs[2] = { 0, 0 };
    int opt = 0, code = CLI_EXIT_OK;

    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":w:m:h", options, NULL)) != -1) {
        if (opt == 'h') {
            diff_usage(stdout);
            return CLI_EXIT_OK;
        }
        if (opt == 'w') {
            where = optarg;
            continue;
        }
        if ((code = cli_common_option("diff", opt, argv, &max_errors)) != CLI_EXIT_OK) {
            return code;
        }
    }
    if (optind != argc - 2 || !run_number(argv[optind], &runs[0]) ||
        !run_number(argv[optind + 1], &runs[1])) {
        cli_usage_error("diff", "expected two run numbers (see `crmeval history`)");
        diff_usage(stderr);
        return CLI_EXIT_INPUT;
    }
    return with_workspace(where, max_errors, diff_runs, runs);
}
