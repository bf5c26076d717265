/*
 * crmeval: the command-line front end. It parses arguments, calls the
 * library, prints diagnostics and maps statuses to exit codes; all the
 * logic lives in the library.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <getopt.h>

#include "cli.h"

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
};

static const struct command commands[] = {
    { "audit", cmd_audit, "the audit trail of the panel's scores: every value ever given" },
    { "diff", cmd_diff, "what changed between two recorded runs, and why the ranking moved" },
    { "evaluate", cmd_evaluate, "score and rank the vendors of an evaluation" },
    { "finance", cmd_finance, "yearly cost/benefit tables, NPV, IRR, ROI, payback (and CSV)" },
    { "history", cmd_history, "the evaluate runs recorded in a workspace database" },
    { "init", cmd_init, "make a workspace: a starter evaluation and its database" },
    { "score", cmd_score, "record an evaluator's scores (one, or a YAML/CSV sheet)" },
    { "sheet", cmd_sheet, "a CSV score sheet to fill in (blank, or an evaluator's own)" },
    { "simulate", cmd_simulate, "uncertainty simulation: P(first), score and NPV percentiles" },
    { "status", cmd_status, "which evaluator has not scored what" },
    { "validate", cmd_validate, "check criteria, profile, vendor, evaluation and judgements files" },
    { "weights", cmd_weights, "weights from AHP comparisons, a ranking or swing points" },
};

static void usage(FILE *out)
{
    size_t i;

    fprintf(out, "usage: crmeval <command> [options] [args]\n\ncommands:\n");
    for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    }
    fprintf(out,
            "\n`crmeval <command> --help` describes a command.\n"
            "exit codes: 0 ok, 1 runtime failure, 2 usage or invalid input\n");
}

/* The exit code for a library status (docs/cli.md). */
static int cli_exit_code(crm_status status)
{
    switch (status) {
    case CRM_OK:
        return CLI_EXIT_OK;
    case CRM_EINPUT:
    case CRM_EUSAGE:
        return CLI_EXIT_INPUT;
    case CRM_ENOMEM:
    case CRM_EIO:
        return CLI_EXIT_FAILURE;
    }
    return CLI_EXIT_FAILURE;
}

int cli_print_diags(const crm_diags *diags, crm_status st)
{
    size_t i, n = crm_diags_count(diags), shown = 0;
    size_t errors = crm_diags_error_count(diags);
    char line[6000]; /* a message, escaped (crm_diag_format), fits whole */

    for (i = 0; i < n; i++) {
        const crm_diag *d = crm_diags_get(diags, i);

        crm_diag_format(d, line, sizeof(line));
        fprintf(stderr, "%s\n", line);
        shown += d->severity == CRM_SEV_ERROR;
    }
    if (crm_diags_truncated(diags)) {
        fprintf(stderr, "crmeval: %zu errors in all; only the first %zu are "
                        "shown (use --max-errors)\n",
                errors, shown);
    } else if (errors > 1) {
        fprintf(stderr, "crmeval: %zu errors\n", errors);
    }
    /* out of memory is said here, once: the library's status carries it
     * (a message would need memory), and a lost message means it too */
    if (st == CRM_ENOMEM || crm_diags_lost(diags) > 0) {
        fprintf(stderr, "crmeval: %s\n", crm_status_text(CRM_ENOMEM));
        return CLI_EXIT_FAILURE;
    }
    return cli_exit_code(st);
}

crm_status cli_load_result(const char *path, crm_diags *diags, crm_evaluation **ev,
                           crm_result **result)
{
    crm_status st = crm_evaluation_load(ev, path, diags);

    if (st == CRM_OK) {
        /* inside a workspace, the panel's scores count here too */
        st = cli_read_panel(path, NULL, *ev, diags);
    }
    if (st == CRM_OK) {
        st = crm_result_compute(result, *ev, diags);
    }
    return st;
}

crm_diags *cli_diags_new(unsigned long max_errors)
{
    crm_diags *diags = crm_diags_new(max_errors);

    if (diags == NULL) {
        fprintf(stderr, "crmeval: out of memory\n");
    }
    return diags;
}

bool cli_one_arg(const char *cmd, const char *what, int argc,
                 void (*print_usage)(FILE *out))
{
    if (optind == argc - 1) {
        return true;
    }
    cli_usage_error(cmd, "expected one %s, got %d", what, argc - optind);
    print_usage(stderr);
    return false;
}

int cli_flush_stdout(int code)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "crmeval: cannot write to standard output\n");
        return CLI_EXIT_FAILURE;
    }
    return code;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    char message[1024], safe[4096];

    /* the arguments quoted in it as a terminal can show them */
    va_start(ap, fmt);
    vsnprintf(message, sizeof(message), fmt, ap);
    va_end(ap);
    fprintf(stderr, "crmeval: %s: %s\n", cmd,
            crm_text_for_terminal(safe, sizeof(safe), message));
    return CLI_EXIT_INPUT;
}

int cli_common_option(const char *cmd, int opt, char **argv,
                      unsigned long *max_errors)
{
    char *end = NULL;
    unsigned long v = 0;

    switch (opt) {
    case 'm':
        errno = 0;
        v = strtoul(optarg, &end, 10);
        if (errno != 0 || end == optarg || *end != '\0' || v == 0 ||
            optarg[0] == '-') {
            return cli_usage_error(cmd,
                                   "--max-errors takes a positive whole "
                                   "number, got '%s'",
                                   optarg);
        }
        *max_errors = v;
        return CLI_EXIT_OK;
    case ':':
        return cli_usage_error(cmd, "option '%s' needs a value",
                               argv[optind - 1]);
    case '?':
        return cli_usage_error(cmd, "unknown option '%s' (see --help)",
                               argv[optind - 1]);
    default:
        /* an option the command lists but does not handle: a slip here */
        return cli_usage_error(cmd, "option '%s' is not handled", argv[optind - 1]);
    }
}

int main(int argc, char **argv)
{
    size_t i;
    char safe[1024];

    /* SIGINT, SIGTERM, SIGHUP remove our temporary files; past ulimit -f a
     * write fails with "file too large" rather than killing us */
    crm_outputs_handle_signals();
    if (argc < 2) {
        usage(stderr);
        return CLI_EXIT_INPUT;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("crmeval %s\n", CRMEVAL_VERSION);
        return CLI_EXIT_OK;
    }
    for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            return commands[i].run(argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "crmeval: unknown command '%s'\n",
            crm_text_for_terminal(safe, sizeof(safe), argv[1]));
    usage(stderr);
    return CLI_EXIT_INPUT;
}
