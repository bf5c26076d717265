/* crmeval weights JUDGEMENTS.yaml : weights from AHP comparisons, a
 * ranking or swing points, checked and written as a weight profile. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* weights' help: to stdout for --help, to stderr after a usage error. */
static void weights_usage(FILE *out)
{
    fprintf(out,
            "usage: crmeval weights [options] JUDGEMENTS.yaml\n"
            "\n"
            "Derive weights from judgements (AHP pairwise comparisons, a\n"
            "ranking, or swing points) for the groups and the criteria of any\n"
            "group, print them with AHP's consistency ratio, and write them as\n"
            "a weight profile an evaluation can name (docs/weights.md).\n"
            "\n"
            "  -o, --output PATH     write the profile to PATH ('-' = stdout)\n"
            "  -m, --max-errors N    show at most N errors (default 100)\n"
            "  -h, --help            this help\n");
}

/* crmeval weights: derive weights from the judgements, print the summary
 * (not when the profile itself goes to stdout) and with -o write the
 * weight profile, never over the files it was made from. The exit code. */
int cmd_weights(int argc, char **argv)
{
    static const struct option options[] = {
        { "output", required_argument, NULL, 'o' },
        { "max-errors", required_argument, NULL, 'm' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *output = NULL;
    unsigned long max_errors = 100;
    int opt = 0, code = CLI_EXIT_OK;
    crm_diags *diags = NULL;
    crm_elicited *w = NULL;
    crm_outputs *outputs = NULL;
    crm_status st = CRM_OK;
    char safe[4096]; /* a path as a terminal can show it */

    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":o:m:h", options, NULL)) != -1) {
        switch (opt) {
        case 'o':
            output = optarg;
            break;
        case 'h':
            weights_usage(stdout);
            return CLI_EXIT_OK;
        default:
            if ((code = cli_common_option("weights", opt, argv, &max_errors)) != CLI_EXIT_OK) {
                return code;
            }
            break;
        }
    }
    if (!cli_one_arg("weights", "judgements file", argc, weights_usage)) {
        return CLI_EXIT_INPUT;
    }
    if ((diags = cli_diags_new(max_errors)) == NULL) {
        return CLI_EXIT_FAILURE;
    }
    st = crm_elicited_load(&w, argv[optind], diags);
    if (st == CRM_OK && (output == NULL || strcmp(output, "-") != 0)) {
        fputs(crm_elicited_summary(w), stdout);
    }
    if (st == CRM_OK && output != NULL) {
        /* never over the judgements or the criteria set */
        st = crm_outputs_new(&outputs);
        if (st == CRM_OK) {
            st = crm_elicited_protect_inputs(w, outputs, diags);
        }
        if (st == CRM_OK) {
            st = crm_elicited_add_profile(outputs, w, output, diags);
        }
        if (st == CRM_OK) {
            st = crm_outputs_commit(outputs, diags);
        }
        if (st == CRM_OK && strcmp(output, "-") != 0) {
            printf("\nweight profile: %s\n", crm_text_for_terminal(safe, sizeof(safe), output));
        }
    }
    code = cli_flush_stdout(cli_print_diags(diags, st));
    crm_outputs_free(outputs);
    crm_elicited_free(w);
    crm_diags_free(diags);
    return code;
}
