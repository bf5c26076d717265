/* crmeval score / status / audit: the panel's scores in a workspace
 * (docs/panel.md). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* Where the workspace's files are: options shared by the three commands. */
struct workspace_paths {
    const char *dir;          /* --workspace, default "." */
    const char *evaluation;   /* --evaluation, default DIR/evaluation.yaml */
    const char *store;        /* --store, default crmeval.db beside the evaluation */
    bool create;              /* --store given: make the database if need be */
    char evaluation_buf[4096], store_buf[4096];
};

static void resolve_paths(struct workspace_paths *w)
{
    const char *slash = NULL;

    if (w->evaluation == NULL) {
        snprintf(w->evaluation_buf, sizeof(w->evaluation_buf), "%s/evaluation.yaml", w->dir);
        w->evaluation = w->evaluation_buf;
    }
    w->create = w->store != NULL;
    if (w->store == NULL) {
        slash = strrchr(w->evaluation, '/');
        snprintf(w->store_buf, sizeof(w->store_buf), "%.*s%scrmeval.db",
                 slash ? (int)(slash - w->evaluation) : 0, w->evaluation, slash ? "/" : "");
        w->store = w->store_buf;
    }
}

/* Handle a workspace option; false when @p opt is not one. */
static bool workspace_option(struct workspace_paths *w, int opt)
{
    switch (opt) {
    case 'w':
        w->dir = optarg;
        return true;
    case 'e':
        w->evaluation = optarg;
        return true;
    case 's':
        w->store = optarg;
        return true;
    default:
        return false;
    }
}

static crm_status open_store(struct workspace_paths *w, crm_store **store, crm_diags *diags)
{
    if (!w->create && access(w->store, F_OK) != 0) {
        crm_diags_add(diags, CRM_SEV_ERROR, w->store, 0, 0,
                      "no workspace database here: make a workspace with `crmeval init`, "
                      "or name a database with --store FILE");
        return CRM_EINPUT;
    }
    return crm_store_open(store, w->store, w->create, diags);
}

#define WORKSPACE_OPTIONS                                                                    \
    { "workspace", required_argument, NULL, 'w' },                                          \
        { "evaluation", required_argument, NULL, 'e' },                                     \
        { "store", required_argument, NULL, 's' },                                          \
        { "max-errors", required_argument, NULL, 'm' },                                     \
        { "help", no_argument, NULL, 'h' }

#define WORKSPACE_HELP                                                                       \
    "  -w, --workspace DIR   the workspace directory (default: .)\n"                          \
    "  -e, --evaluation F    the evaluation (default: DIR/evaluation.yaml)\n"                \
    "  -s, --store FILE      the database (default: crmeval.db beside the evaluation)\n"

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
            "\n" WORKSPACE_HELP
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
        WORKSPACE_OPTIONS,
        { "evaluator", required_argument, NULL, 'E' },
        { "role", required_argument, NULL, 'r' },
        { "comment", required_argument, NULL, 'c' },
        { "import", required_argument, NULL, 'i' },
        { "dry-run", no_argument, NULL, 'n' },
        { NULL, 0, NULL, 0 },
    };
    struct workspace_paths w = { ".", NULL, NULL, false, "", "" };
    const char *evaluator = NULL, *role = NULL, *comment = NULL, *sheet = NULL;
    unsigned long max_errors = 100;
    int opt = 0, code = CLI_EXIT_OK, dry_run = 0;
    crm_diags *diags = NULL;
    crm_evaluation *ev = NULL;
    crm_store *store = NULL;
    crm_scores *scores = NULL, *roster = NULL;
    crm_status st = CRM_OK;
    size_t added = 0, replaced = 0;

    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":w:e:s:E:r:c:i:nm:h", options, NULL)) != -1) {
        if (workspace_option(&w, opt)) {
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
    resolve_paths(&w);
    if ((diags = cli_diags_new(max_errors)) == NULL) {
        return CLI_EXIT_FAILURE;
    }
    st = crm_evaluation_load(&ev, w.evaluation, diags);
    if (st == CRM_OK && !(dry_run && access(w.store, F_OK) != 0)) {
        /* a dry run of a workspace without a database: a roster of none */
        w.create = w.create && !dry_run;
        st = open_store(&w, &store, diags);
    }
    if (st == CRM_OK) {
        st = store != NULL ? crm_store_evaluators(store, &roster, diags)
                           : ((roster = crm_scores_new()) == NULL ? CRM_ENOMEM : CRM_OK);
    }
    if (st == CRM_OK && sheet != NULL) {
        st = crm_scores_read(&scores, sheet, evaluator, role, diags);
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
        crm_scores_fill_roles(scores, roster);
        st = crm_evaluation_check_scores(ev, scores, diags);
    }
    if (st == CRM_OK && !dry_run) {
        st = crm_store_put_scores(store, scores, &added, &replaced, diags);
    }
    cli_print_diags(diags);
    code = cli_exit_code(st);
    if (st == CRM_OK) {
        if (dry_run) {
            printf("%zu score%s checked; nothing recorded (--dry-run)\n",
                   crm_scores_count(scores), crm_scores_count(scores) == 1 ? "" : "s");
        } else {
            printf("%zu new, %zu changed (old values kept in the audit trail), %zu "
                   "unchanged; in %s\n",
                   added, replaced, crm_scores_count(scores) - added - replaced, w.store);
        }
    }
    code = cli_flush_stdout(code);
    crm_scores_free(scores);
    crm_scores_free(roster);
    crm_store_close(store);
    crm_evaluation_free(ev);
    crm_diags_free(diags);
    return code;
}

/* Parse the options of a command that takes only the workspace ones:
 * -1 to go on, else the exit code. */
static int workspace_args(const char *cmd, int argc, char **argv, struct workspace_paths *w,
                          unsigned long *max_errors, void (*usage)(FILE *out))
{
    static const struct option options[] = {
        WORKSPACE_OPTIONS,
        { NULL, 0, NULL, 0 },
    };
    int opt = 0, code = 0;

    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":w:e:s:m:h", options, NULL)) != -1) {
        if (workspace_option(w, opt)) {
            continue;
        }
        if (opt == 'h') {
            usage(stdout);
            return CLI_EXIT_OK;
        }
        if ((code = cli_common_option(cmd, opt, argv, max_errors)) != CLI_EXIT_OK) {
            return code;
        }
    }
    return -1;
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
            "\n" WORKSPACE_HELP
            "  -m, --max-errors N    show at most N errors (default 100)\n"
            "  -h, --help            this help\n");
}

int cmd_status(int argc, char **argv)
{
    struct workspace_paths w = { ".", NULL, NULL, false, "", "" };
    unsigned long max_errors = 100;
    int code = CLI_EXIT_OK;
    crm_diags *diags = NULL;
    crm_evaluation *ev = NULL;
    crm_store *store = NULL;
    crm_scores *scores = NULL, *roster = NULL;
    crm_status st = CRM_OK;

    if ((code = workspace_args("status", argc, argv, &w, &max_errors, status_usage)) >= 0) {
        return code;
    }
    if (optind != argc) {
        cli_usage_error("status", "expected no arguments (use --workspace DIR)");
        status_usage(stderr);
        return CLI_EXIT_INPUT;
    }
    resolve_paths(&w);
    w.create = false;
    if ((diags = cli_diags_new(max_errors)) == NULL) {
        return CLI_EXIT_FAILURE;
    }
    st = crm_evaluation_load(&ev, w.evaluation, diags);
    if (st == CRM_OK) {
        st = open_store(&w, &store, diags);
    }
    if (st == CRM_OK) {
        st = crm_store_scores(store, &scores, diags);
    }
    if (st == CRM_OK) {
        st = crm_store_evaluators(store, &roster, diags);
    }
    cli_print_diags(diags);
    if (st == CRM_OK) {
        size_t open = crm_panel_status(ev, scores, roster, stdout);

        if (crm_scores_count(roster) == 0) {
            printf("no evaluator has scored yet (crmeval score --evaluator NAME --role ROLE "
                   "...)\n");
        } else {
            printf("%zu cell%s still open across the panel\n", open, open == 1 ? "" : "s");
        }
    }
    code = cli_flush_stdout(cli_exit_code(st));
    crm_scores_free(scores);
    crm_scores_free(roster);
    crm_store_close(store);
    crm_evaluation_free(ev);
    crm_diags_free(diags);
    return code;
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
            "\n"
            "  -w, --workspace DIR   the workspace directory (default: .)\n"
            "  -e, --evaluation F    use the crmeval.db beside this evaluation\n"
            "  -s, --store FILE      the database (default: DIR/crmeval.db)\n"
            "  -m, --max-errors N    show at most N errors (default 100)\n"
            "  -h, --help            this help\n");
}

int cmd_audit(int argc, char **argv)
{
    struct workspace_paths w = { ".", NULL, NULL, false, "", "" };
    unsigned long max_errors = 100;
    int code = CLI_EXIT_OK;
    crm_diags *diags = NULL;
    crm_store *store = NULL;
    crm_status st = CRM_OK;

    if ((code = workspace_args("audit", argc, argv, &w, &max_errors, audit_usage)) >= 0) {
        return code;
    }
    if (argc - optind > 2) {
        cli_usage_error("audit", "expected at most VENDOR and CRITERION");
        audit_usage(stderr);
        return CLI_EXIT_INPUT;
    }
    resolve_paths(&w);
    w.create = false;
    if ((diags = cli_diags_new(max_errors)) == NULL) {
        return CLI_EXIT_FAILURE;
    }
    st = open_store(&w, &store, diags);
    if (st == CRM_OK) {
        st = crm_store_score_trail(store, optind < argc ? argv[optind] : NULL,
                                   optind + 1 < argc ? argv[optind + 1] : NULL, stdout, diags);
    }
    cli_print_diags(diags);
    code = cli_flush_stdout(cli_exit_code(st));
    crm_store_close(store);
    crm_diags_free(diags);
    return code;
}
