/* crmeval score / status / audit: the panel's scores in a workspace
 * (docs/panel.md). */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* What score and status work on: the evaluation, its database and the
 * panel's roster; session_close frees it all. */
struct panel_session {
    crm_diags *diags;
    crm_evaluation *ev;
    crm_store *store;       /* NULL: a dry run without a database */
    crm_scores *roster;
};

/* Resolve @p w, load its evaluation, open its database as @p mode says
 * (with !@p need, a missing one is no error) and read the roster. When
 * the diagnostics cannot be made, ps->diags is NULL (out of memory,
 * already said) and nothing else is done. */
static crm_status session_open(struct panel_session *ps, struct cli_workspace *w,
                               unsigned long max_errors, crm_store_mode mode, bool need)
{
    crm_status st = CRM_OK;

    memset(ps, 0, sizeof(*ps));
    cli_workspace_resolve(w);
    if ((ps->diags = cli_diags_new(max_errors)) == NULL) {
        return CRM_ENOMEM;
    }
    st = crm_evaluation_load(&ps->ev, w->evaluation, ps->diags);
    if (st == CRM_OK && (need || mode == CRM_STORE_CREATE || access(w->store, F_OK) == 0)) {
        st = cli_workspace_store(w, mode, &ps->store, ps->diags);
    }
    if (st == CRM_OK) {
        st = ps->store != NULL ? crm_store_evaluators(ps->store, &ps->roster, ps->diags)
                               : ((ps->roster = crm_scores_new()) == NULL ? CRM_ENOMEM : CRM_OK);
    }
    return st;
}

/* Flush and free (the caller has printed the diagnostics, which gave
 * @p code): the exit code. */
static int session_close(struct panel_session *ps, int code)
{
    code = cli_flush_stdout(code);

    crm_scores_free(ps->roster);
    crm_store_close(ps->store);
    crm_evaluation_free(ps->ev);
    crm_diags_free(ps->diags);
    return code;
}

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
    struct panel_session ps;
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
    st = session_open(&ps, &w, max_errors,
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
    return session_close(&ps, code);
}

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

int cmd_status(int argc, char **argv)
{
    struct cli_workspace w = CLI_WORKSPACE_INIT;
    struct panel_session ps;
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
    st = session_open(&ps, &w, max_errors, CRM_STORE_READ, true);
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
    return session_close(&ps, code);
}

static void sheet_usage(FILE *out)
{
    fprintf(out,
            "usage: crmeval sheet [options] OUT.csv\n"
            "\n"
            "Write a CSV score sheet to fill in and import with `crmeval score\n"
            "--import`: a row per vendor and criterion of the score sheet (the\n"
            "evaluation's panel.criteria, or every criterion the panel may score),\n"
            "with the criterion's name and scale beside it. With --evaluator, the\n"
            "rows carry their name and role and their current values. OUT '-' is\n"
            "standard output.\n"
            "\n" CLI_WORKSPACE_HELP
            "  -E, --evaluator NAME  whose sheet (default: a blank one)\n"
            "  -r, --role ROLE       their role, if they have not scored yet\n"
            "  -M, --missing         only the values still to find out (missing values\n"
            "                        and sample assessments), most important first\n"
            "  -m, --max-errors N    show at most N errors (default 100)\n"
            "  -h, --help            this help\n");
}

int cmd_sheet(int argc, char **argv)
{
    static const struct option options[] = {
        CLI_WORKSPACE_OPTIONS,
        { "evaluator", required_argument, NULL, 'E' },
        { "role", required_argument, NULL, 'r' },
        { "missing", no_argument, NULL, 'M' },
        { NULL, 0, NULL, 0 },
    };
    struct cli_workspace w = CLI_WORKSPACE_INIT;
    struct panel_session ps;
    const char *evaluator = NULL, *role = NULL;
    unsigned long max_errors = 100;
    int opt = 0, code = CLI_EXIT_OK;
    bool missing = false;
    crm_outputs *outputs = NULL;
    crm_scores *scores = NULL;
    crm_result *result = NULL;
    crm_status st = CRM_OK;
    char safe[4096]; /* a path as a terminal can show it */
    size_t i;

    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":w:e:s:E:r:m:Mh", options, NULL)) != -1) {
        if (cli_workspace_option(&w, opt)) {
            continue;
        }
        if (opt == 'E') {
            evaluator = optarg;
        } else if (opt == 'M') {
            missing = true;
        } else if (opt == 'r') {
            role = optarg;
        } else if (opt == 'h') {
            sheet_usage(stdout);
            return CLI_EXIT_OK;
        } else if ((code = cli_common_option("sheet", opt, argv, &max_errors)) != CLI_EXIT_OK) {
            return code;
        }
    }
    if (!cli_one_arg("sheet", "output file", argc, sheet_usage)) {
        return CLI_EXIT_INPUT;
    }
    /* a workspace without a database yet: a blank sheet all the same */
    st = session_open(&ps, &w, max_errors, CRM_STORE_READ, false);
    if (ps.diags == NULL) {
        return CLI_EXIT_FAILURE;
    }
    if (st == CRM_OK) {
        st = ps.store != NULL ? crm_store_scores(ps.store, &scores, ps.diags)
                              : ((scores = crm_scores_new()) == NULL ? CRM_ENOMEM : CRM_OK);
    }
    for (i = 0; st == CRM_OK && evaluator != NULL && role == NULL &&
                i < crm_scores_count(ps.roster);
         i++) {
        if (strcmp(crm_scores_at(ps.roster, i)->evaluator, evaluator) == 0) {
            role = crm_scores_at(ps.roster, i)->role;
        }
    }
    if (st == CRM_OK) {
        /* never over the database or a file the evaluation reads */
        st = cli_outputs_new(ps.ev, w.store, &outputs, ps.diags);
    }
    if (st == CRM_OK) {
        st = crm_outputs_check(outputs, argv[optind], "the score sheet", ps.diags);
    }
    crm_outputs_free(outputs);
    if (st == CRM_OK && !missing) {
        st = crm_panel_sheet_write(ps.ev, scores, evaluator, role, argv[optind], ps.diags);
    } else if (st == CRM_OK) {
        /* what is still to find out, as `evaluate` sees it: with the
         * panel's scores so far in place */
        if (ps.store != NULL) {
            st = crm_evaluation_set_panel(ps.ev, scores, w.store, ps.diags);
        }
        if (st == CRM_OK) {
            st = crm_result_compute(&result, ps.ev, ps.diags);
        }
        if (st == CRM_OK) {
            st = crm_report_questions_sheet(result, scores, evaluator, role, argv[optind],
                                            ps.diags);
        }
    }
    code = cli_print_diags(ps.diags, st);
    if (st == CRM_OK && strcmp(argv[optind], "-") != 0) {
        printf("score sheet: %s\n", crm_text_for_terminal(safe, sizeof(safe), argv[optind]));
    }
    crm_result_free(result);
    crm_scores_free(scores);
    return session_close(&ps, code);
}

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
