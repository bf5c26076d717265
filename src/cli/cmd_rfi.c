/* crmeval rfi: questionnaires to vendors, and their answers read back as
 * vendor claims (docs/rfi.md). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* rfi's help: to stdout for --help, to stderr after a usage error. */
static void rfi_usage(FILE *out)
{
    fprintf(out,
            "usage: crmeval rfi [options] [EVALUATION] -o DIR\n"
            "       crmeval rfi [options] --import FILE...\n"
            "\n"
            "Write one questionnaire (RFI) per vendor of the evaluation into DIR,\n"
            "as <vendor>-rfi.xlsx (or .csv, .yaml): every criterion that carries\n"
            "weight, grouped, with the question, the answer expected, what counts\n"
            "as evidence, the value the evaluation has now, and columns for the\n"
            "answer, the evidence and a comment. EVALUATION defaults to the\n"
            "workspace's. With --import, read filled-in questionnaires back: every\n"
            "answer is checked against its criterion, every error reported, and\n"
            "only when all are valid are they recorded as vendor claims in the\n"
            "workspace database (with the respondent, the date and the evidence).\n"
            "\n" CLI_WORKSPACE_HELP
            "  -o, --output DIR      where the questionnaires go (created if missing)\n"
            "  -f, --format FORMAT   xlsx (default), csv or yaml\n"
            "  -l, --language LANG   en, zh-CN or both (default: the evaluation's)\n"
            "  -M, --missing         only the criteria the vendor has no value for\n"
            "  -V, --vendor ID       only this vendor's questionnaire\n"
            "  -i, --import          read the answers in FILE... (.xlsx, .csv, .yaml)\n"
            "  -R, --respondent NAME who answered (for answers that do not say)\n"
            "  -P, --write-profile DIR  also write each answered vendor's profile,\n"
            "                        updated with the answers, into DIR (never over\n"
            "                        the original unless --overwrite)\n"
            "  -O, --overwrite       let --write-profile replace the original profile\n"
            "  -n, --dry-run         check the answers only; record nothing\n"
            "  -m, --max-errors N    show at most N errors (default 100)\n"
            "  -h, --help            this help\n");
}

struct rfi_args {
    struct cli_workspace w;
    const char *output, *respondent, *profiles;
    crm_rfi_options opts;
    bool import, dry_run, overwrite;
    unsigned long max_errors;
};

/* Parse the options into @p a: -1 to go on, else the exit code. */
static int rfi_parse(int argc, char **argv, struct rfi_args *a)
{
    static const struct option options[] = {
        CLI_WORKSPACE_OPTIONS,
        { "output", required_argument, NULL, 'o' },
        { "format", required_argument, NULL, 'f' },
        { "language", required_argument, NULL, 'l' },
        { "missing", no_argument, NULL, 'M' },
        { "vendor", required_argument, NULL, 'V' },
        { "import", no_argument, NULL, 'i' },
        { "respondent", required_argument, NULL, 'R' },
        { "dry-run", no_argument, NULL, 'n' },
        { "write-profile", required_argument, NULL, 'P' },
        { "overwrite", no_argument, NULL, 'O' },
        { NULL, 0, NULL, 0 },
    };
    int opt = 0, code = CLI_EXIT_OK;

    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":w:e:s:o:f:l:MV:iR:nP:Om:h", options, NULL)) != -1) {
        if (cli_workspace_option(&a->w, opt)) {
            continue;
        }
        switch (opt) {
        case 'o':
            a->output = optarg;
            break;
        case 'f':
            if (strcmp(optarg, "xlsx") == 0) {
                a->opts.format = CRM_RFI_XLSX;
            } else if (strcmp(optarg, "csv") == 0) {
                a->opts.format = CRM_RFI_CSV;
            } else if (strcmp(optarg, "yaml") == 0) {
                a->opts.format = CRM_RFI_YAML;
            } else {
                return cli_usage_error("rfi", "--format: expected xlsx, csv or yaml, got '%s'",
                                       optarg);
            }
            break;
        case 'l':
            if (strcmp(optarg, "en") == 0) {
                a->opts.language = CRM_RFI_LANG_EN;
            } else if (strcmp(optarg, "zh-CN") == 0) {
                a->opts.language = CRM_RFI_LANG_ZH;
            } else if (strcmp(optarg, "both") == 0) {
                a->opts.language = CRM_RFI_LANG_BOTH;
            } else {
                return cli_usage_error("rfi", "--language: expected en, zh-CN or both, got '%s'",
                                       optarg);
            }
            break;
        case 'M':
            a->opts.missing = true;
            break;
        case 'V':
            a->opts.vendor = optarg;
            break;
        case 'i':
            a->import = true;
            break;
        case 'R':
            a->respondent = optarg;
            break;
        case 'n':
            a->dry_run = true;
            break;
        case 'P':
            a->profiles = optarg;
            break;
        case 'O':
            a->overwrite = true;
            break;
        case 'h':
            rfi_usage(stdout);
            return CLI_EXIT_OK;
        default:
            if ((code = cli_common_option("rfi", opt, argv, &a->max_errors)) != CLI_EXIT_OK) {
                return code;
            }
        }
    }
    return -1;
}

/* crmeval rfi [EVALUATION] -o DIR */
static int rfi_export(struct rfi_args *a, int argc, char **argv)
{
    crm_diags *diags = NULL;
    crm_evaluation *ev = NULL;
    crm_result *result = NULL;
    crm_outputs *outputs = NULL;
    crm_status st = CRM_OK;
    char db[4096], safe[4096];
    const char *path = NULL;
    int code = CLI_EXIT_OK;

    if (a->output == NULL || optind < argc - 1) {
        cli_usage_error("rfi", "expected [EVALUATION] -o DIR (or --import FILE...)");
        rfi_usage(stderr);
        return CLI_EXIT_INPUT;
    }
    if (optind == argc - 1) {
        path = argv[optind];
    } else {
        cli_workspace_resolve(&a->w);
        path = a->w.evaluation;
    }
    if ((diags = cli_diags_new(a->max_errors)) == NULL) {
        return CLI_EXIT_FAILURE;
    }
    st = cli_load_result(path, diags, &ev, &result);
    if (st == CRM_OK && a->opts.vendor != NULL) {
        st = cli_check_vendor(result, a->opts.vendor, diags);
    }
    if (st == CRM_OK) {
        /* never over the database or a file the evaluation reads */
        st = cli_outputs_new(ev, crm_workspace_db(path, NULL, db, sizeof(db)), &outputs, diags);
    }
    if (st == CRM_OK) {
        st = crm_rfi_write(outputs, result, a->output, &a->opts, diags);
    }
    if (st == CRM_OK) {
        st = crm_outputs_commit(outputs, diags);
    }
    crm_outputs_free(outputs);
    code = cli_print_diags(diags, st);
    if (st == CRM_OK) {
        printf("questionnaires: %s\n", crm_text_for_terminal(safe, sizeof(safe), a->output));
    }
    crm_result_free(result);
    crm_evaluation_free(ev);
    crm_diags_free(diags);
    return cli_flush_stdout(code);
}

/* The updated profiles of the vendors answered, written to temporaries in
 * *@p out: never over a file the evaluation reads (the profiles
 * included, unless --overwrite) or the database. */
static crm_status profiles_prepare(const struct rfi_args *a, struct cli_panel_session *ps,
                                   const crm_rfi_answers *answers, crm_outputs **out)
{
    crm_status st = CRM_OK;

    if (!a->overwrite) {
        st = cli_outputs_new(ps->ev, a->w.store, out, ps->diags);
    } else {
        st = crm_outputs_new(out);
        if (st == CRM_OK) {
            st = crm_outputs_protect(*out, a->w.evaluation, "the evaluation",
                                     ps->diags);
        }
        if (st == CRM_OK) {
            st = crm_store_protect(*out, a->w.store, ps->diags);
        }
    }
    if (st == CRM_OK) {
        st = crm_rfi_profiles_add(*out, ps->ev, answers, a->profiles, ps->diags);
    }
    return st;
}

/* crmeval rfi --import FILE... */
static int rfi_import(struct rfi_args *a, int argc, char **argv)
{
    struct cli_panel_session ps;
    crm_rfi_answers *answers = NULL;
    crm_outputs *outputs = NULL;
    crm_status st = CRM_OK;
    size_t added = 0, replaced = 0;
    char safe[4096];
    int code = CLI_EXIT_OK, i;

    if (optind >= argc || a->output != NULL || (a->overwrite && a->profiles == NULL)) {
        cli_usage_error("rfi", "--import takes the answered questionnaires, FILE..., and no "
                               "--output; --overwrite goes with --write-profile");
        rfi_usage(stderr);
        return CLI_EXIT_INPUT;
    }
    st = cli_panel_session_open(&ps, &a->w, a->max_errors,
                                a->dry_run       ? CRM_STORE_READ
                                : a->w.store_given ? CRM_STORE_CREATE
                                                   : CRM_STORE_WRITE,
                                !a->dry_run && a->profiles == NULL);
    if (ps.diags == NULL) {
        return CLI_EXIT_FAILURE;
    }
    if (st == CRM_OK) {
        st = (answers = crm_rfi_answers_new()) == NULL ? CRM_ENOMEM : CRM_OK;
    }
    /* every file read, so that every error is told at once */
    for (i = optind; answers != NULL && i < argc && st != CRM_ENOMEM && st != CRM_EIO; i++) {
        crm_status one = crm_rfi_read(answers, argv[i], a->respondent, ps.diags);

        st = st == CRM_OK ? one : st;
        st = one == CRM_ENOMEM || one == CRM_EIO ? one : st;
    }
    /* the answers of a file with errors of form are checked all the
     * same: every error at once */
    if (st == CRM_OK || (st == CRM_EINPUT && answers != NULL)) {
        crm_status checked = crm_evaluation_check_answers(ps.ev, answers, ps.diags);

        st = st == CRM_OK ? checked : st;
    }
    /* the profiles are written to temporaries first, the claims
     * committed, then the profiles put in place: a failure before leaves
     * neither */
    if (st == CRM_OK && !a->dry_run && a->profiles != NULL) {
        st = profiles_prepare(a, &ps, answers, &outputs);
    }
    if (st == CRM_OK && !a->dry_run && ps.store != NULL) {
        st = crm_store_put_claims(ps.store, answers, &added, &replaced, ps.diags);
    }
    if (st == CRM_OK && outputs != NULL) {
        st = crm_outputs_commit(outputs, ps.diags);
    }
    crm_outputs_free(outputs);
    code = cli_print_diags(ps.diags, st);
    if (st == CRM_OK && a->dry_run) {
        printf("%zu answer%s checked; nothing recorded (--dry-run)\n",
               crm_rfi_answers_count(answers), crm_rfi_answers_count(answers) == 1 ? "" : "s");
    } else if (st == CRM_OK && ps.store != NULL) {
        printf("%zu new vendor claim%s, %zu changed (old values kept in the audit trail), "
               "%zu unchanged; in %s\n",
               added, added == 1 ? "" : "s", replaced,
               crm_rfi_answers_count(answers) - added - replaced,
               crm_text_for_terminal(safe, sizeof(safe), a->w.store));
    }
    if (st == CRM_OK && !a->dry_run && a->profiles != NULL) {
        printf("updated vendor profiles: %s\n",
               crm_text_for_terminal(safe, sizeof(safe), a->profiles));
    }
    crm_rfi_answers_free(answers);
    return cli_panel_session_close(&ps, code);
}

/* crmeval rfi: write the vendors' questionnaires or, with --import, read
 * the filled-in ones back as vendor claims. The exit code. */
int cmd_rfi(int argc, char **argv)
{
    struct rfi_args a;
    int code = 0;

    memset(&a, 0, sizeof(a));
    a.w = (struct cli_workspace)CLI_WORKSPACE_INIT;
    a.max_errors = 100;
    if ((code = rfi_parse(argc, argv, &a)) >= 0) {
        return code;
    }
    return a.import ? rfi_import(&a, argc, argv) : rfi_export(&a, argc, argv);
}
