/*
 * Where a workspace's files are, for every command that uses one
 * (docs/workspace.md): the directory (-w), its evaluation (-e) and its
 * database (-s), each defaulting from the one before.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* @p name in the directory of @p path. */
static void beside(const char *path, const char *name, char *buf, size_t size)
{
    const char *slash = strrchr(path, '/');

    snprintf(buf, size, "%.*s%s%s", slash ? (int)(slash - path) : 0, path, slash ? "/" : "",
             name);
}

bool cli_workspace_option(struct cli_workspace *w, int opt)
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
        w->store_given = true;
        return true;
    default:
        return false;
    }
}

void cli_workspace_resolve(struct cli_workspace *w)
{
    struct stat sb;

    /* -w naming a file names the database; its directory is the workspace */
    if (w->store == NULL && stat(w->dir, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
        w->store = w->dir;
        if (w->evaluation == NULL) {
            beside(w->dir, "evaluation.yaml", w->evaluation_buf, sizeof(w->evaluation_buf));
            w->evaluation = w->evaluation_buf;
        }
    }
    if (w->evaluation == NULL) {
        snprintf(w->evaluation_buf, sizeof(w->evaluation_buf), "%s/evaluation.yaml", w->dir);
        w->evaluation = w->evaluation_buf;
    }
    if (w->store == NULL) {
        beside(w->evaluation, "crmeval.db", w->store_buf, sizeof(w->store_buf));
        w->store = w->store_buf;
    }
}

crm_status cli_workspace_store(const struct cli_workspace *w, crm_store_mode mode,
                               crm_store **store, crm_diags *diags)
{
    if (mode != CRM_STORE_CREATE && access(w->store, F_OK) != 0) {
        crm_diags_add(diags, CRM_SEV_ERROR, w->store, 0, 0,
                      "no workspace database here: make a workspace with `crmeval init`, "
                      "or name a database with --store FILE");
        return CRM_EINPUT;
    }
    return crm_store_open(store, w->store, mode, diags);
}

int cli_workspace_args(const char *cmd, int argc, char **argv, struct cli_workspace *w,
                       unsigned long *max_errors, void (*usage)(FILE *out))
{
    static const struct option options[] = {
        CLI_WORKSPACE_OPTIONS,
        { NULL, 0, NULL, 0 },
    };
    int opt = 0, code = 0;

    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":w:e:s:m:h", options, NULL)) != -1) {
        if (cli_workspace_option(w, opt)) {
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

int cli_with_store(struct cli_workspace *w, unsigned long max_errors,
                   crm_status (*fn)(crm_store *store, void *ctx, crm_diags *diags), void *ctx)
{
    crm_diags *diags = NULL;
    crm_store *store = NULL;
    crm_status st = CRM_OK;
    int code = CLI_EXIT_OK;

    cli_workspace_resolve(w);
    if ((diags = cli_diags_new(max_errors)) == NULL) {
        return CLI_EXIT_FAILURE;
    }
    st = cli_workspace_store(w, CRM_STORE_READ, &store, diags);
    if (st == CRM_OK) {
        st = fn(store, ctx, diags);
    }
    crm_store_close(store);
    code = cli_flush_stdout(cli_print_diags(diags, st));
    crm_diags_free(diags);
    return code;
}

crm_status cli_outputs_new(const crm_evaluation *ev, const char *db, crm_outputs **out,
                           crm_diags *diags)
{
    crm_status st = crm_outputs_new(out);

    if (st == CRM_OK) {
        st = crm_evaluation_protect_inputs(ev, *out, diags);
    }
    if (st == CRM_OK && db != NULL) {
        st = crm_store_protect(*out, db, diags);
    }
    return st;
}

crm_status cli_check_vendor(const crm_result *result, const char *id, crm_diags *diags)
{
    size_t n = crm_result_vendor_count(result), i;
    const char **ids = calloc(n + 1, sizeof(*ids));
    const char *hint = NULL;
    char safe[512];

    if (ids == NULL) {
        crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0, "out of memory");
        return CRM_ENOMEM;
    }
    for (i = 0; i < n; i++) {
        crm_vendor_summary s;

        crm_result_vendor(result, i, &s);
        ids[i] = s.id;
        if (strcmp(s.id, id) == 0) {
            free(ids);
            return CRM_OK;
        }
    }
    hint = crm_suggest(id, ids);
    crm_diags_add(diags, CRM_SEV_ERROR, NULL, 0, 0, "no vendor '%s' in this evaluation%s%s%s",
                  crm_text_for_terminal(safe, sizeof(safe), id), hint ? "; did you mean '" : "",
                  hint ? hint : "", hint ? "'?" : "");
    free(ids);
    return CRM_EUSAGE;
}

crm_status cli_panel_session_open(struct cli_panel_session *ps, struct cli_workspace *w,
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

int cli_panel_session_close(struct cli_panel_session *ps, int code)
{
    code = cli_flush_stdout(code);

    crm_scores_free(ps->roster);
    crm_store_close(ps->store);
    crm_evaluation_free(ps->ev);
    crm_diags_free(ps->diags);
    return code;
}
