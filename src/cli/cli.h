/* crmeval command-line front end: shared helpers for the commands. */
#ifndef CRM_CLI_H
#define CRM_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "crmeval/crmeval.h"


/* Exit codes (docs/cli.md). */
#define CLI_EXIT_OK 0
#define CLI_EXIT_FAILURE 1 /* runtime failure: I/O, out of memory */
#define CLI_EXIT_INPUT 2   /* usage or invalid input */

int cmd_validate(int argc, char **argv);
int cmd_evaluate(int argc, char **argv);
int cmd_finance(int argc, char **argv);
int cmd_simulate(int argc, char **argv);
int cmd_weights(int argc, char **argv);
int cmd_history(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_score(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_sheet(int argc, char **argv);
int cmd_audit(int argc, char **argv);

/* Run the simulation with a progress bar on a terminal once it has taken a
 * second (cmd_simulate.c); @p so's progress callback is set here. */
crm_status cli_simulate(crm_result *result, crm_simulate_options *so, crm_diags *diags);
/* Where a workspace's files are (src/cli/workspace.c). */
struct cli_workspace {
    const char *dir;          /* -w: the directory, or its database file (default ".") */
    const char *evaluation;   /* -e: default DIR/evaluation.yaml */
    const char *store;        /* -s: default crmeval.db beside the evaluation */
    bool store_given;         /* -s given: the database is made if need be */
    char evaluation_buf[4096], store_buf[4096];
};
#define CLI_WORKSPACE_INIT { ".", NULL, NULL, false, "", "" }
#define CLI_WORKSPACE_OPTIONS                                                                \
    { "workspace", required_argument, NULL, 'w' },                                          \
        { "evaluation", required_argument, NULL, 'e' },                                     \
        { "store", required_argument, NULL, 's' },                                          \
        { "max-errors", required_argument, NULL, 'm' },                                     \
        { "help", no_argument, NULL, 'h' }
#define CLI_WORKSPACE_HELP                                                                   \
    "  -w, --workspace DIR   the workspace directory, or its database file (default: .)\n"   \
    "  -e, --evaluation F    the evaluation (default: DIR/evaluation.yaml)\n"                \
    "  -s, --store FILE      the database (default: crmeval.db beside the evaluation)\n"

/* Take -w, -e or -s into @p w; false when @p opt is none of them. */
bool cli_workspace_option(struct cli_workspace *w, int opt);
/* Fill in the defaults: -w naming a file is the database (and the
 * evaluation is beside it); else DIR/evaluation.yaml and the crmeval.db
 * beside the evaluation. */
void cli_workspace_resolve(struct cli_workspace *w);
/* Open the resolved workspace's database as @p mode says; a missing one
 * (unless CRM_STORE_CREATE) is an input error that says how to make one. */
crm_status cli_workspace_store(const struct cli_workspace *w, crm_store_mode mode,
                               crm_store **store, crm_diags *diags);
/* Parse a command that takes only the workspace options (and -m, -h):
 * -1 to go on, else the exit code. */
int cli_workspace_args(const char *cmd, int argc, char **argv, struct cli_workspace *w,
                       unsigned long *max_errors, void (*usage)(FILE *out));
/* Resolve @p w, open its database to read, run @p fn on it and print the
 * diagnostics: the exit code. */
int cli_with_store(struct cli_workspace *w, unsigned long max_errors,
                   crm_status (*fn)(crm_store *store, void *ctx, crm_diags *diags), void *ctx);
/* A new output set (*out, freed by the caller even on failure) that
 * protects every file the run reads: the evaluation's files and the
 * database @p db (NULL: none) with its -wal, -shm and -journal. */
crm_status cli_outputs_new(const crm_evaluation *ev, const char *db, crm_outputs **out,
                           crm_diags *diags);
/* Load the evaluation at @p path (with its workspace's panel scores) and
 * compute its result. */
crm_status cli_load_result(const char *path, crm_diags *diags, crm_evaluation **ev,
                           crm_result **result);

/* Print every diagnostic to stderr, GNU style, plus a count line, and
 * "crmeval: out of memory" when @p st is CRM_ENOMEM or a diagnostic was
 * dropped for lack of memory. Returns the exit code: 0 ok, 1 runtime
 * failure (I/O, out of memory, a lost diagnostic), 2 usage or input. */
int cli_print_diags(const crm_diags *diags, crm_status st);
/* Flush standard output: @p code, or CLI_EXIT_FAILURE (with a message)
 * when the output could not be written (a full disk, a closed pipe). */
int cli_flush_stdout(int code);
/* A diagnostics list keeping @p max_errors; NULL (with a message on
 * stderr) when memory ran out. */
crm_diags *cli_diags_new(unsigned long max_errors);
/* Whether exactly one argument (@p what, e.g. "evaluation file") is left
 * after the options; if not, a usage error with the command's usage. */
bool cli_one_arg(const char *cmd, const char *what, int argc,
                 void (*print_usage)(FILE *out));
/* "crmeval: CMD: message" on stderr; returns CLI_EXIT_INPUT. */
int cli_usage_error(const char *cmd, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/*
 * Options every command shares: -m/--max-errors, and getopt's errors
 * (':' missing value, '?' unknown option). Returns CLI_EXIT_OK when
 * handled, else the exit code of a usage error (reported): call it for
 * every option the command does not handle itself.
 */
int cli_common_option(const char *cmd, int opt, char **argv,
                      unsigned long *max_errors);

/* CRM_OK when @p id is a vendor of @p result; else says so, with the
 * closest id, and returns CRM_EUSAGE. */
crm_status cli_check_vendor(const crm_result *result, const char *id, crm_diags *diags);


/* What score and status work on: the evaluation, its database and the
 * panel's roster; session_close frees it all. */
struct cli_panel_session {
    crm_diags *diags;
    crm_evaluation *ev;
    crm_store *store;       /* NULL: a dry run without a database */
    crm_scores *roster;
};
/* Resolve @p w, load its evaluation, open its database as @p mode says
 * (with !@p need, a missing one is no error) and read the roster. When
 * the diagnostics cannot be made, ps->diags is NULL (out of memory,
 * already said) and nothing else is done. */
crm_status cli_panel_session_open(struct cli_panel_session *ps, struct cli_workspace *w,
                                  unsigned long max_errors, crm_store_mode mode, bool need);
/* Flush standard output and free everything @p ps holds (the caller has
 * printed the diagnostics, which gave @p code): the exit code. */
int cli_panel_session_close(struct cli_panel_session *ps, int code);

#endif
