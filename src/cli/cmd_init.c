/* crmeval init DIR : a workspace with a starter evaluation and its database. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"

/* init's help: to stdout for --help, to stderr after a usage error. */
static void init_usage(FILE *out)
{
    fprintf(out,
            "usage: crmeval init [options] DIR\n"
            "\n"
            "Make a workspace in DIR: a starter evaluation.yaml on the bundled\n"
            "criteria, a weight profile and five bundled vendors to edit, and an\n"
            "empty crmeval.db in which every `crmeval evaluate` of it is\n"
            "recorded (docs/workspace.md).\n"
            "\n"
            "  -p, --profile ID      sme (default), enterprise, finance, retail,\n"
            "                        manufacturing or services\n"
            "  -l, --language LANG   en (default) or zh-CN\n"
            "  -m, --max-errors N    show at most N errors (default 100)\n"
            "  -h, --help            this help\n");
}

/* crmeval init DIR: make the workspace (crm_workspace_init) and say what
 * to do next. The exit code. */
int cmd_init(int argc, char **argv)
{
    static const struct option options[] = {
        { "profile", required_argument, NULL, 'p' },
        { "language", required_argument, NULL, 'l' },
        { "max-errors", required_argument, NULL, 'm' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *profile = "sme", *language = NULL;
    unsigned long max_errors = 100;
    int opt = 0, code = CLI_EXIT_OK;
    crm_diags *diags = NULL;
    crm_status st = CRM_OK;
    char safe[4096]; /* a path as a terminal can show it */

    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":p:l:m:h", options, NULL)) != -1) {
        if (opt == 'h') {
            init_usage(stdout);
            return CLI_EXIT_OK;
        }
        if (opt == 'p') {
            profile = optarg;
        } else if (opt == 'l') {
            language = optarg;
        } else if ((code = cli_common_option("init", opt, argv, &max_errors)) != CLI_EXIT_OK) {
            return code;
        }
    }
    if (!cli_one_arg("init", "directory", argc, init_usage)) {
        return CLI_EXIT_INPUT;
    }
    if ((diags = cli_diags_new(max_errors)) == NULL) {
        return CLI_EXIT_FAILURE;
    }
    st = crm_workspace_init(argv[optind], profile, language, diags);
    if (st == CRM_OK) {
        const char *dir = crm_text_for_terminal(safe, sizeof(safe), argv[optind]);

        printf("workspace: %s/evaluation.yaml and %s/crmeval.db\n"
               "next: edit the evaluation, then crmeval evaluate %s/evaluation.yaml\n",
               dir, dir, dir);
    }
    code = cli_flush_stdout(cli_print_diags(diags, st));
    crm_diags_free(diags);
    return code;
}
