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
#include <unistd.h>

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

/* The command list and global options: to stdout for --help, to stderr
 * when the command is missing or unknown with no near name to suggest. */
static void usage(FILE *out)
{
    size_t i;

    fprintf(out, "usage: crmeval <command> [options] [args]\n\ncommands:\n");
    for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].summary);
    }
    fprintf(out,
            "\n`crmeval help <command>` or `crmeval <command> --help` describes a command.\n"
            "--data-dir DIR before the command: where the bundled criteria, vendors and\n"
            "templates are (default: $CRMEVAL_DATA, else the data installed with crmeval).\n"
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
        st = crm_workspace_apply_panel(*ev, path, NULL, diags);
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

/* The command named @p name, or NULL. */
static const struct command *find_command(const char *name)
{
    size_t i;

    for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        if (strcmp(name, commands[i].name) == 0) {
            return &commands[i];
        }
    }
    return NULL;
}

/* "unknown command 'evalute'; did you mean 'evaluate'?" and the usage. */
static int unknown_command(const char *name)
{
    const char *names[sizeof(commands) / sizeof(commands[0]) + 1];
    const char *hint = NULL;
    char safe[1024];
    size_t i;

    for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
        names[i] = commands[i].name;
    }
    names[i] = NULL;
    hint = crm_suggest(name, names);
    fprintf(stderr, "crmeval: unknown command '%s'%s%s%s\n",
            crm_text_for_terminal(safe, sizeof(safe), name), hint ? "; did you mean '" : "",
            hint ? hint : "", hint ? "'?" : "");
    if (hint == NULL) {
        usage(stderr);
    } else {
        fputs("`crmeval --help` lists the commands.\n", stderr);
    }
    return CLI_EXIT_INPUT;
}

/* /proc/self/exe's directory, or NULL. */
static const char *exe_dir(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    char *slash = NULL;

    if (n <= 0 || (size_t)n >= size - 1) {
        return NULL;
    }
    buf[n] = '\0';
    slash = strrchr(buf, '/');
    if (slash == NULL) {
        return NULL;
    }
    *slash = '\0';
    return buf;
}

/*
 * Where the bundled data are: --data-dir, then CRMEVAL_DATA, then
 * ../share/crmeval beside this binary (an installed copy works with the
 * source tree gone); else the library's own default. @return false (and
 * says why) when --data-dir or CRMEVAL_DATA names no data directory.
 */
static bool find_data(const char *given)
{
    const char *env = getenv("CRMEVAL_DATA");
    char exe[4096], path[4200], safe[1024];
    const char *dir = given != NULL ? given : env;

    if (dir != NULL) {
        snprintf(path, sizeof(path), "%s/criteria", dir);
        if (access(path, F_OK) != 0) {
            fprintf(stderr, "crmeval: %s '%s' holds no criteria/ folder; expected crmeval's "
                            "data directory (criteria/, vendors/, templates/)\n",
                    given != NULL ? "--data-dir" : "CRMEVAL_DATA",
                    crm_text_for_terminal(safe, sizeof(safe), dir));
            return false;
        }
        return crm_set_data_dir(dir) == CRM_OK;
    }
    if (exe_dir(exe, sizeof(exe)) != NULL) {
        snprintf(path, sizeof(path), "%s/../share/crmeval/criteria", exe);
        if (access(path, F_OK) == 0) {
            snprintf(path, sizeof(path), "%s/../share/crmeval", exe);
            return crm_set_data_dir(path) == CRM_OK;
        }
    }
    return true;
}

/* CRMEVAL_THREADS: how many threads the library may use (the library
 * itself reads no environment); anything but a positive number is ignored,
 * as before. */
static void threads_from_environment(void)
{
    const char *env = getenv("CRMEVAL_THREADS");
    char *end = NULL;
    long n = env != NULL ? strtol(env, &end, 10) : 0;

    if (env != NULL && end != env && n > 0) {
        crm_set_threads((size_t)n);
    }
}

/* Handle the global options (--data-dir, which may come before the
 * command; --help; --version; help COMMAND), then run the command with
 * its own argv. Signal handling is set first so an interrupted command
 * leaves no temporary files. Exit codes: 0 ok, 1 failure, 2 usage/input. */
int main(int argc, char **argv)
{
    const struct command *cmd = NULL;
    const char *data = NULL;
    int code = CLI_EXIT_OK;

    /* SIGINT, SIGTERM, SIGHUP remove our temporary files; past ulimit -f a
     * write fails with "file too large" rather than killing us */
    crm_outputs_handle_signals();
    /* options before the command */
    while (argc >= 3 && strcmp(argv[1], "--data-dir") == 0) {
        data = argv[2];
        argc -= 2;
        argv += 2;
    }
    if (argc < 2) {
        usage(stderr);
        return CLI_EXIT_INPUT;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        (strcmp(argv[1], "help") == 0 && argc == 2)) {
        usage(stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(argv[1], "help") == 0) {
        /* crmeval help COMMAND: that command's usage */
        char *help_argv[3] = { argv[2], "--help", NULL };

        cmd = find_command(argv[2]);
        return cmd != NULL ? cmd->run(2, help_argv) : unknown_command(argv[2]);
    }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
        printf("crmeval %s\n", CRMEVAL_VERSION);
        return CLI_EXIT_OK;
    }
    cmd = find_command(argv[1]);
    if (cmd == NULL) {
        return unknown_command(argv[1]);
    }
    if (!find_data(data)) {
        return CLI_EXIT_INPUT;
    }
    threads_from_environment();
    code = cmd->run(argc - 1, argv + 1);
    crm_set_data_dir(NULL);
    return code;
}
