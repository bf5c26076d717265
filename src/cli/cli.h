/* crmeval command-line front end: shared helpers for the commands. */
#ifndef CRM_CLI_H
#define CRM_CLI_H

#include <stdbool.h>
#include <time.h>

#include "crmeval/crmeval.h"

#define cli_print_simulation crm_report_simulation_text

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
int cmd_audit(int argc, char **argv);

/* Run the simulation with a progress bar on a terminal once it has taken a
 * second (cmd_simulate.c); @p so's progress callback is set here. */
crm_status cli_simulate(crm_result *result, crm_simulate_options *so, crm_diags *diags);
/* The workspace of an evaluation: @p store_path (created if need be), or
 * a crmeval.db beside the evaluation, or none (*store stays NULL). Its
 * panel scores, if any, become @p ev's values. The caller closes *store. */
crm_status cli_open_workspace(const char *evaluation, const char *store_path,
                              crm_evaluation *ev, crm_store **store, crm_diags *diags);
/* Load the evaluation at @p path (with its workspace's panel scores) and
 * compute its result. */
crm_status cli_load_result(const char *path, crm_diags *diags, crm_evaluation **ev,
                           crm_result **result);

/* Print every diagnostic to stderr, GNU style, plus a count line. */
void cli_print_diags(const crm_diags *diags);
/* Map a library status to an exit code. */
int cli_exit_code(crm_status status);
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

#endif
