/* crmeval score / status: the panel's scores in a workspace and who has
 * scored what (docs/panel.md). */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* score's help: to stdout for --help, to stderr after a usage error. */
static void score_usage(FILE *out)
{
    fprintf(out,
            "usage: crmeval score [options] --evaluator NAME VENDOR CRITERION VALUE\n"
            "       crmeval score [options] [--evaluator NAME] --import SHEET\n"
            "\n"
            "Record an evaluator's score of a vendor on a criterion, or a whole\n"
            "sheet of them (YAML `kind: scores`, or CSV with the columns vendor,\n"
            "criterion, value and optionally comment, evaluator, role). Every\n"
            "score is checked against the evaluation first; one bad row and\n"
            "nothing is recorded. A changed score keeps the old one in the audit\n"
            "trail (`crmeval audit`).\n"
            "\n" CLI_WORKSPACE_HELP
            "  -E, --evaluator NAME  who is scoring\n"
            "  -r, --role ROLE       their role: it, sales, service, finance or\n"
            "                        management (needed the first time they score)\n"
            "  -c, --comment TEXT    why (single score)\n"
            "  -i, --import SHEET    record every score of a YAML or CSV sheet\n"
            "  -n, --dry-run         check only; record nothing\n"
            "  --                    before a negative VALUE (so it is not an option)\n"
            "  -m, --max-errors N    show at most N errors (default 100)\n"
            "  -h, --help            this help\n");
}

/* crmeval score: one value from the command line, or a sheet with
 * --import, checked against the evaluation and recorded in the workspace
 * (old values stay in the audit trail); --dry-run only checks, so it opens
 * the database read-only. The exit code. */
int cmd_score(int argc, char **argv)
{
    static const struct option options[] = {
        CLI_WORKSPACE_OPTIONS,
        { "evaluator", required_argument, NULL, 'E' },
        { "role", required_argument, NULL, 'r' },
        { "comment", required_argument, NULL, 'c' },
        { "import", required_argument, NULL, 'i' },
        { "dry-run", no_argument, NULL, 'n' },
        { NULL, 0, NULL, 0 },
    };
    struct cli_workspace w = CLI_WORKSPACE_INIT;
    const char *evaluator = NULL, *role = NULL, *comment = NULL, *sheet = NULL;
    unsigned long max_errors = 100;
    int opt = 0, code = CLI_EXIT_OK, dry_run = 0;
    struct cli_panel_session ps;
    crm_scores *scores = NULL;
    crm_status st = CRM_OK;
    char safe[4096]; /* a path as a terminal can show it */
    size_t added = 0, replaced = 0;

    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":w:e:s:E:r:c:i:nm:h", options, NULL)) != -1) {
        if (cli_workspace_option(&w, opt)) {
            continue;
        }
        switch (opt) {
        case 'E':
            evaluator = optarg;
            break;
        case 'r':
            role = optarg;
            break;
        case 'c':
            comment = optarg;
            break;
        case 'i':
            sheet = optarg;
            break;
        case 'n':
            dry_run = 1;
            break;
        case 'h':
            score_usage(stdout);
            return CLI_EXIT_OK;
        default:
            if ((code = cli_common_option("score", opt, argv, &max_errors)) != CLI_EXIT_OK) {
                return code;
            }
        }
    }
    if (sheet == NULL && (optind != argc - 3 || evaluator == NULL)) {
        cli_usage_error("score", "expected --evaluator NAME VENDOR CRITERION VALUE, or "
                                 "--import SHEET");
        score_usage(stderr);
        return CLI_EXIT_INPUT;
    }
    if (sheet != NULL && (optind != argc || comment != NULL)) {
        cli_usage_error("score", "--import takes no VENDOR CRITERION VALUE and no --comment "
                                 "(comments go in the sheet)");
        score_usage(stderr);
        return CLI_EXIT_INPUT;
    }
    /* a dry run only reads (a workspace without a database: a roster of
     * none); --store FILE makes the database if need be */
    st = cli_panel_session_open(&ps, &w, max_errors,
                      dry_run            ? CRM_STORE_READ
                      : w.store_given    ? CRM_STORE_CREATE
                                         : CRM_STORE_WRITE,
                      !dry_run);
    if (ps.diags == NULL) {
        return CLI_EXIT_FAILURE;
    }
    if (st == CRM_OK && sheet != NULL) {
        st = crm_scores_read(&scores, sheet, evaluator, role, ps.diags);
    } else if (st == CRM_OK) {
        crm_panel_score one;

        memset(&one, 0, sizeof(one));
        one.evaluator = evaluator;
        one.role = role;
        one.vendor = argv[optind];
        one.criterion = argv[optind + 1];
        one.value = argv[optind + 2];
        one.comment = comment;
        one.file = "command line";
        scores = crm_scores_new();
        st = scores == NULL ? CRM_ENOMEM : crm_scores_add(scores, &one);
    }
    if (st == CRM_OK) {
        crm_scores_fill_roles(scores, ps.roster);
        st = crm_evaluation_check_scores(ps.ev, scores, ps.diags);
    }
    if (st == CRM_OK && !dry_run) {
        st = crm_store_put_scores(ps.store, scores, &added, &replaced, ps.diags);
    }
    code = cli_print_diags(ps.diags, st);
    if (st == CRM_OK && dry_run) {
        printf("%zu score%s checked; nothing recorded (--dry-run)\n", crm_scores_count(scores),
               crm_scores_count(scores) == 1 ? "" : "s");
    } else if (st == CRM_OK) {
        printf("%zu new, %zu changed (old values kept in the audit trail), %zu unchanged; "
               "in %s\n",
               added, replaced, crm_scores_count(scores) - added - replaced,
               crm_text_for_terminal(safe, sizeof(safe), w.store));
    }
    crm_scores_free(scores);
    return cli_panel_session_close(&ps, code);
}

/* status's help: to stdout for --help, to stderr after a usage error. */
static void status_usage(FILE *out)
{
    fprintf(out,
            "usage: crmeval status [options]\n"
            "\n"
            "What the panel still has to score: for each evaluator, how many\n"
            "vendor-criterion cells of the score sheet (the evaluation's\n"
            "panel.criteria, or every criterion someone has scored) they have\n"
            "scored, and which are open. Exit code 0 either way.\n"
            "\n" CLI_WORKSPACE_HELP
            "  -m, --max-errors N    show at most N errors (default 100)\n"
            "  -h, --help            this help\n");
}

/* crmeval status: who has scored what, and how many cells are still open
 * across the panel. The exit code. */
int cmd_status(int argc, char **argv)
{
    struct cli_workspace w = CLI_WORKSPACE_INIT;
    struct cli_panel_session ps;
    unsigned long max_errors = 100;
    int code = CLI_EXIT_OK;
    crm_scores *scores = NULL;
    crm_status st = CRM_OK;
    size_t open = 0;

    if ((code = cli_workspace_args("status", argc, argv, &w, &max_errors, status_usage)) >= 0) {
        return code;
    }
    if (optind != argc) {
        cli_usage_error("status", "expected no arguments (use --workspace DIR)");
        status_usage(stderr);
        return CLI_EXIT_INPUT;
    }
    st = cli_panel_session_open(&ps, &w, max_errors, CRM_STORE_READ, true);
    if (ps.diags == NULL) {
        return CLI_EXIT_FAILURE;
    }
    if (st == CRM_OK) {
        st = crm_store_scores(ps.store, &scores, ps.diags);
    }
    if (st == CRM_OK) {
        open = crm_panel_status(ps.ev, scores, ps.roster, stdout);
        st = open == SIZE_MAX ? CRM_ENOMEM : CRM_OK; /* nothing printed then */
    }
    code = cli_print_diags(ps.diags, st);
    if (st == CRM_OK) {
        if (crm_scores_count(ps.roster) == 0) {
            printf("no evaluator has scored yet (crmeval score --evaluator NAME --role ROLE "
                   "...)\n");
        } else {
            printf("%zu cell%s still open across the panel\n", open, open == 1 ? "" : "s");
        }
    }
    crm_scores_free(scores);
    return cli_panel_session_close(&ps, code);
}

