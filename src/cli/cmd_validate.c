/* crmeval validate FILE... : check input files and their references. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* validate's help: to stdout for --help, to stderr after a usage error. */
static void validate_usage(FILE *out)
{
    fprintf(out,
            "usage: crmeval validate [--criteria FILE] [--max-errors N] FILE...\n"
            "\n"
            "Check criteria sets, weight profiles, vendor profiles and\n"
            "evaluations. Profiles and vendors are checked against the criteria\n"
            "set they name when that set is among FILE or given with --criteria.\n"
            "Every problem is printed as file:line:column: error: message.\n"
            "\n"
            "  -c, --criteria FILE   criteria set for checking references\n"
            "  -m, --max-errors N    show at most N errors (default 100)\n"
            "  -q, --quiet           print nothing when all files are valid\n"
            "  -h, --help            this help\n");
}

int cmd_validate(int argc, char **argv)
{
    static const struct option options[] = {
        { "criteria", required_argument, NULL, 'c' },
        { "max-errors", required_argument, NULL, 'm' },
        { "quiet", no_argument, NULL, 'q' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *criteria = NULL;
    unsigned long max_errors = 100;
    int quiet = 0, opt = 0, code = 0;
    crm_diags *diags = NULL;
    crm_status st = CRM_OK;

    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":c:m:qh", options, NULL)) != -1) {
        switch (opt) {
        case 'c':
            criteria = optarg;
            break;
        case 'q':
            quiet = 1;
            break;
        case 'h':
            validate_usage(stdout);
            return CLI_EXIT_OK;
        default:
            if ((code = cli_common_option("validate", opt, argv, &max_errors)) != CLI_EXIT_OK) {
                return code;
            }
            break;
        }
    }
    if (optind >= argc) {
        cli_usage_error("validate", "no files given");
        validate_usage(stderr);
        return CLI_EXIT_INPUT;
    }
    if ((diags = cli_diags_new(max_errors)) == NULL) {
        return CLI_EXIT_FAILURE;
    }
    st = crm_validate_files((const char *const *)argv + optind,
                            (size_t)(argc - optind), criteria, diags);
    code = cli_print_diags(diags, st);
    if (code == CLI_EXIT_OK && !quiet) {
        printf("%d file(s) valid\n", argc - optind);
    }
    crm_diags_free(diags);
    return code;
}
