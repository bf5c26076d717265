/*
 * What changed between two JSON reports (crm_report_diff,
 * include/crmeval/report.h): inputs, weights, the panel's cells, ranks,
 * NPV, and for each pair of vendors whose order flipped the criteria that
 * moved their difference most. `crmeval diff` feeds it two recorded runs
 * from the workspace (crm_store_run_report); the store itself never
 * reads JSON.
 */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "crmeval/report.h"
#include "util/strutil.h"

/* The member at dotted @p path of @p obj ("finance.unadjusted.summary"),
 * or NULL. */
static const cJSON *field(const cJSON *obj, const char *path)
{
    char key[64];

    while (obj != NULL && *path != '\0') {
        size_t n = strcspn(path, ".");

        snprintf(key, sizeof(key), "%.*s", (int)n, path);
        obj = cJSON_GetObjectItemCaseSensitive(obj, key);
        path += n + (path[n] == '.');
    }
    return obj;
}

static const char *json_string(const cJSON *obj, const char *key)
{
    const cJSON *v = field(obj, key);

    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Parse @p text; NULL with *oom set when memory ran out. cJSON says only
 * NULL, so malloc's errno tells out of memory from text that is not JSON. */
static cJSON *parse_json(const char *text, bool *oom)
{
    cJSON *root = NULL;

    errno = 0;
    root = cJSON_Parse(text);
    *oom = root == NULL && errno == ENOMEM;
    return root;
}

/* @p text (named @p name in messages) parsed; NULL with *st set when it
 * is not JSON (CRM_EINPUT) or memory ran out (CRM_ENOMEM). */
static cJSON *parse_report(const char *text, const char *name, crm_diags *diags,
                           crm_status *st)
{
    bool oom = false;
    cJSON *root = parse_json(text, &oom);

    if (oom) {
        *st = CRM_ENOMEM;
    } else if (root == NULL) {
        crm_diags_add(diags, CRM_SEV_ERROR, name, 0, 0, "holds no readable JSON report");
        *st = CRM_EINPUT;
    }
    return root;
}

/* The element of array @p arr whose "id" (or @p key) is @p id. */
static const cJSON *by_key(const cJSON *arr, const char *key, const char *id)
{
    const cJSON *item = NULL;

    cJSON_ArrayForEach(item, arr) {
        const char *v = json_string(item, key);

        if (v != NULL && strcmp(v, id) == 0) {
            return item;
        }
    }
    return NULL;
}

static double number(const cJSON *obj, const char *key)
{
    const cJSON *v = field(obj, key);

    return cJSON_IsNumber(v) ? v->valuedouble : NAN;
}

/* The input files added, changed (by SHA-256) or removed between two
 * reports, matched by path. Paths are escaped for the terminal, as they
 * come from the user's files. */
static void diff_inputs(const cJSON *a, const cJSON *b, FILE *out)
{
    const cJSON *fa = field(a, "inputs.files");
    const cJSON *fb = field(b, "inputs.files");
    const cJSON *f = NULL;
    int changes = 0;

    fprintf(out, "inputs:\n");
    char safe[1024]; /* a path as a terminal can show it */

    cJSON_ArrayForEach(f, fb) {
        const char *path = json_string(f, "path"), *role = json_string(f, "role");
        const cJSON *old = path ? by_key(fa, "path", path) : NULL;

        if (path == NULL || role == NULL) {
            continue;
        }
        if (old == NULL) {
            fprintf(out, "  added    %-10s %s\n", role, crm__tty(safe, sizeof(safe), path));
            changes++;
        } else if (strcmp(json_string(old, "sha256") ? json_string(old, "sha256") : "",
                          json_string(f, "sha256") ? json_string(f, "sha256") : "") != 0) {
            fprintf(out, "  changed  %-10s %s\n", role, crm__tty(safe, sizeof(safe), path));
            changes++;
        }
    }
    cJSON_ArrayForEach(f, fa) {
        const char *path = json_string(f, "path");

        if (path != NULL && by_key(fb, "path", path) == NULL) {
            fprintf(out, "  removed  %-10s %s\n",
                    json_string(f, "role") ? json_string(f, "role") : "",
                    crm__tty(safe, sizeof(safe), path));
            changes++;
        }
    }
    if (changes == 0) {
        fprintf(out, "  none changed (same digest)\n");
    }
}

/* Weights that moved: each group's share of the score and each
 * criterion's share of its group. Shares within the group, since a group's
 * change alone moves every criterion's effective weight. */
static void diff_weights(const cJSON *a, const cJSON *b, FILE *out)
{
    const cJSON *ga = field(a, "weights");
    const cJSON *gb = field(b, "weights");
    const cJSON *g = NULL, *c = NULL;
    int changes = 0;

    fprintf(out, "weights (groups: share of the score; criteria: share of their group):\n");
    cJSON_ArrayForEach(g, gb) {
        const char *id = json_string(g, "id");
        const cJSON *old = id ? by_key(ga, "id", id) : NULL;
        const cJSON *crit = field(g, "criteria");

        if (old != NULL && fabs(number(old, "share") - number(g, "share")) > 1e-9) {
            crm__fprintf(out, "  %-40s %6.2f%% -> %6.2f%%\n", id, 100 * number(old, "share"),
                         100 * number(g, "share"));
            changes++;
        }
        cJSON_ArrayForEach(c, crit) {
            const char *cid = json_string(c, "id");
            const cJSON *oc = old && cid ? by_key(field(old, "criteria"), "id", cid) : NULL;

            /* within its group: a group's change alone moves every
             * criterion's effective weight, which says nothing new */
            if (oc != NULL && fabs(number(oc, "share") - number(c, "share")) > 1e-9) {
                crm__fprintf(out, "  %-40s %6.2f%% -> %6.2f%% of its group\n", cid,
                             100 * number(oc, "share"), 100 * number(c, "share"));
                changes++;
            }
        }
    }
    if (changes == 0) {
        fprintf(out, "  unchanged\n");
    }
}

/* Why @p x and @p y swapped: the criteria whose contribution difference
 * x - y changed most between the runs. */
static void explain_swap(const cJSON *xa, const cJSON *ya, const cJSON *xb, const cJSON *yb,
                         const cJSON *wa, const cJSON *wb, FILE *out)
{
    const cJSON *c = NULL;
    const char *best_id[3] = { NULL, NULL, NULL };
    double best[3] = { 0, 0, 0 };
    bool value_moved[3] = { false, false, false };
    size_t k;

    cJSON_ArrayForEach(c, field(xb, "criteria")) {
        const char *id = json_string(c, "id");
        const cJSON *cxa = id ? by_key(field(xa, "criteria"), "id", id) : NULL;
        const cJSON *cya = id ? by_key(field(ya, "criteria"), "id", id) : NULL;
        const cJSON *cyb = id ? by_key(field(yb, "criteria"), "id", id) : NULL;
        double before = 0, after = 0, delta = 0;
        size_t pos = 3;

        if (cxa == NULL || cya == NULL || cyb == NULL) {
            continue;
        }
        before = number(cxa, "contribution") - number(cya, "contribution");
        after = number(c, "contribution") - number(cyb, "contribution");
        delta = after - before;
        if (!(fabs(delta) > 1e-6)) {
            continue;
        }
        while (pos > 0 && fabs(delta) > fabs(best[pos - 1])) {
            if (pos < 3) {
                best[pos] = best[pos - 1];
                best_id[pos] = best_id[pos - 1];
                value_moved[pos] = value_moved[pos - 1];
            }
            pos--;
        }
        if (pos < 3) {
            best[pos] = delta;
            best_id[pos] = id;
            value_moved[pos] = !cJSON_Compare(field(cxa, "value"),
                                              field(c, "value"), true) ||
                               !cJSON_Compare(field(cya, "value"),
                                              field(cyb, "value"), true);
        }
    }
    for (k = 0; k < 3 && best_id[k] != NULL; k++) {
        const cJSON *ca = NULL, *cb = NULL, *g = NULL;
        bool weight_moved = false;

        /* a criterion's effective weight, from the weights table */
        cJSON_ArrayForEach(g, wb) {
            const cJSON *m = by_key(field(g, "criteria"), "id", best_id[k]);

            cb = m ? m : cb;
        }
        cJSON_ArrayForEach(g, wa) {
            const cJSON *m = by_key(field(g, "criteria"), "id", best_id[k]);

            ca = m ? m : ca;
        }
        weight_moved = ca != NULL && cb != NULL &&
                       fabs(number(ca, "effective") - number(cb, "effective")) > 1e-9;
        crm__fprintf(out, "    %-40s %+7.2f points (%s)\n", best_id[k], best[k],
                     value_moved[k] && weight_moved ? "value and weight changed"
                     : value_moved[k]               ? "value changed"
                     : weight_moved                 ? "weight changed"
                                               : "rescaled");
    }
}

/* A panel cell's value as the report wrote it: a number, true/false or an
 * option id. */
static void cell_value(const cJSON *cell, char *buf, size_t size)
{
    const cJSON *v = field(cell, "value");

    if (cJSON_IsNumber(v)) {
        crm__snprintf(buf, size, "%g", v->valuedouble);
    } else if (cJSON_IsString(v)) {
        snprintf(buf, size, "%s", v->valuestring);
    } else {
        snprintf(buf, size, "%s", cJSON_IsTrue(v) ? "true" : cJSON_IsFalse(v) ? "false" : "-");
    }
}

/* The panel cell of @p vendor and @p criterion in report @p r, or NULL. */
static const cJSON *panel_cell(const cJSON *r, const char *vendor, const char *criterion)
{
    const cJSON *cell = NULL;

    cJSON_ArrayForEach(cell, field(r, "panel.cells")) {
        const char *cv = json_string(cell, "vendor"), *cc = json_string(cell, "criterion");

        if (cv && cc && strcmp(cv, vendor) == 0 && strcmp(cc, criterion) == 0) {
            return cell;
        }
    }
    return NULL;
}

/* One line of the panel's changes: a cell in @p now that was @p was (NULL:
 * not scored then), or, with @p now NULL, a cell no longer scored. */
static void diff_cell(const cJSON *was, const cJSON *now, FILE *out)
{
    const cJSON *cell = now ? now : was;
    char a[64] = "-", b[64] = "-";

    if (was != NULL) {
        cell_value(was, a, sizeof(a));
    }
    if (now != NULL) {
        cell_value(now, b, sizeof(b));
    }
    crm__fprintf(out, "  %-24s %-36s %8s -> %-8s (%.0f -> %.0f scores)\n",
                 json_string(cell, "vendor"), json_string(cell, "criterion"), a, b,
                 was ? number(was, "count") : 0, now ? number(now, "count") : 0);
}

/* The panel cells whose value or number of scores changed. Nothing when
 * neither run had a panel. */
static void diff_panel(const cJSON *a, const cJSON *b, FILE *out)
{
    const cJSON *cell = NULL;
    int changes = 0;

    if (!cJSON_IsObject(field(a, "panel")) && !cJSON_IsObject(field(b, "panel"))) {
        return;
    }
    fprintf(out, "panel (the value each cell is scored on, from how many scores):\n");
    cJSON_ArrayForEach(cell, field(b, "panel.cells")) {
        const char *v = json_string(cell, "vendor"), *c = json_string(cell, "criterion");
        const cJSON *old = v && c ? panel_cell(a, v, c) : NULL;
        char x[64], y[64];

        if (v == NULL || c == NULL) {
            continue;
        }
        cell_value(cell, y, sizeof(y));
        if (old != NULL) {
            cell_value(old, x, sizeof(x));
        }
        if (old == NULL || strcmp(x, y) != 0 || number(old, "count") != number(cell, "count")) {
            diff_cell(old, cell, out);
            changes++;
        }
    }
    cJSON_ArrayForEach(cell, field(a, "panel.cells")) {
        const char *v = json_string(cell, "vendor"), *c = json_string(cell, "criterion");

        if (v != NULL && c != NULL && panel_cell(b, v, c) == NULL) {
            diff_cell(cell, NULL, out);
            changes++;
        }
    }
    if (changes == 0) {
        fprintf(out, "  unchanged\n");
    }
}

/* Each vendor's rank and score then and now (new and removed ones too),
 * then for every pair that swapped places the criteria that moved their
 * difference most (explain_swap). */
static void diff_ranking(const cJSON *a, const cJSON *b, FILE *out)
{
    const cJSON *va = field(a, "vendors");
    const cJSON *vb = field(b, "vendors");
    const cJSON *v = NULL, *w = NULL;
    int swaps = 0;

    fprintf(out, "ranking:\n");
    cJSON_ArrayForEach(v, vb) {
        const char *id = json_string(v, "id");
        const cJSON *old = id ? by_key(va, "id", id) : NULL;

        if (id == NULL) {
            continue;
        }
        if (old == NULL) {
            crm__fprintf(out, "  %3.0f  %-24s %7.2f  (new)\n", number(v, "rank"), id,
                         number(v, "score"));
            continue;
        }
        crm__fprintf(out, "  %3.0f  %-24s %7.2f -> %7.2f (%+.2f)", number(v, "rank"), id,
                     number(old, "score"), number(v, "score"),
                     number(v, "score") - number(old, "score"));
        if (number(old, "rank") != number(v, "rank")) {
            crm__fprintf(out, "  was %.0f", number(old, "rank"));
        }
        fprintf(out, "\n");
    }
    cJSON_ArrayForEach(v, va) {
        const char *id = json_string(v, "id");

        if (id != NULL && by_key(vb, "id", id) == NULL) {
            fprintf(out, "       %-24s removed\n", id);
        }
    }
    fprintf(out, "why the order moved:\n");
    cJSON_ArrayForEach(v, vb) {
        cJSON_ArrayForEach(w, vb) {
            const char *x = json_string(v, "id"), *y = json_string(w, "id");
            const cJSON *xa = x ? by_key(va, "id", x) : NULL, *ya = y ? by_key(va, "id", y) : NULL;

            /* x now ahead of y, y was ahead of x */
            if (xa == NULL || ya == NULL || !(number(v, "rank") < number(w, "rank")) ||
                !(number(xa, "rank") > number(ya, "rank"))) {
                continue;
            }
            fprintf(out, "  %s overtook %s; the criteria that moved their difference most:\n",
                    x, y);
            explain_swap(xa, ya, v, w, field(a, "weights"),
                         field(b, "weights"), out);
            swaps++;
        }
    }
    if (swaps == 0) {
        fprintf(out, "  no two vendors swapped places\n");
    }
}

/* Unadjusted NPV then and now for vendors in both reports that have it;
 * nothing at all when none has, so runs without finance stay quiet. */
static void diff_npv(const cJSON *a, const cJSON *b, FILE *out)
{
    const cJSON *va = field(a, "vendors");
    const cJSON *v = NULL;
    bool any = false;

    cJSON_ArrayForEach(v, field(b, "vendors")) {
        const char *id = json_string(v, "id");
        const cJSON *old = id ? by_key(va, "id", id) : NULL;
        const cJSON *sa = NULL, *sb = NULL;

        if (old == NULL) {
            continue;
        }
        sa = field(old, "finance.unadjusted.summary");
        sb = field(v, "finance.unadjusted.summary");
        if (sa == NULL || sb == NULL || isnan(number(sa, "npv")) || isnan(number(sb, "npv"))) {
            continue;
        }
        if (!any) {
            fprintf(out, "NPV (unadjusted):\n");
            any = true;
        }
        crm__fprintf(out, "  %-24s %14.2f -> %14.2f (%+.2f)\n", id, number(sa, "npv"),
                     number(sb, "npv"), number(sb, "npv") - number(sa, "npv"));
    }
}

crm_status crm_report_diff(const char *from, const char *to, const char *from_name,
                           const char *to_name, FILE *out, crm_diags *diags)
{
    crm_status st = CRM_OK;
    cJSON *a = parse_report(from, from_name, diags, &st), *b = NULL;

    if (st == CRM_OK) {
        b = parse_report(to, to_name, diags, &st);
    }
    if (st == CRM_OK) {
        const cJSON *ra = field(a, "ranking");
        const cJSON *rb = field(b, "ranking");
        const cJSON *wa = cJSON_GetArrayItem(ra, 0), *wb = cJSON_GetArrayItem(rb, 0);

        fprintf(out, "%s -> %s\n", from_name, to_name);
        if (cJSON_IsString(wa) && cJSON_IsString(wb)) {
            fprintf(out, "winner: %s\n", strcmp(wa->valuestring, wb->valuestring) == 0
                                             ? "unchanged" : "CHANGED");
            fprintf(out, "  %s -> %s\n", wa->valuestring, wb->valuestring);
        }
        diff_inputs(a, b, out);
        diff_weights(a, b, out);
        diff_panel(a, b, out);
        diff_ranking(a, b, out);
        diff_npv(a, b, out);
    }
    cJSON_Delete(a);
    cJSON_Delete(b);
    return st;
}
