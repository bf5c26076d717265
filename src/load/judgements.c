/*
 * Weights from judgements (include/crmeval/elicit.h, docs/weights.md):
 * read a `kind: judgements` file, derive each level's weights with the
 * aids in model/elicit.c, and render a summary and a weight profile.
 */
#include "crmeval/elicit.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/load.h"
#include "model/elicit.h"
#include "util/arena.h"
#include "util/fileio.h"
#include "util/strutil.h"

static const char *const judgement_keys[] = { "kind", "id", "criteria", "name",
                                              "groups", "within", NULL };
static const char *const level_keys[] = { "ahp", "rank", "swing", NULL };

enum method { METHOD_AHP, METHOD_RANK, METHOD_SWING };

#define NONE ((size_t)-1) /* the groups level; an item not found */

static const char *const method_en[] = { "AHP", "rank-order centroid", "swing" };
static const char *const method_zh[] = { "AHP 层次分析法", "排序质心法", "摆幅权重法" };

/* One level: the groups, or one group's criteria. */
struct level {
    size_t group;               /* NONE: the groups level */
    enum method method;
    size_t n;
    const char **ids;           /* [n + 1], NULL-terminated */
    bool *judged;               /* [n] */
    double *weights;            /* [n], summing to 1 over the judged */
    size_t judgements;          /* AHP */
    struct crm_ahp_result ahp;
};

struct crm_elicited {
    struct crm_arena *arena;
    const char *path, *id, *sha256;
    const char *criteria_path;  /* the criteria set read */
    struct crm_text name;
    const struct crm_criteria_set *set;
    struct level *levels;       /* [level_count]; the groups level first if any */
    size_t level_count;
    char *summary, *profile;
};

/* ---- reading ---- */

/* The index in @p lv of the group or criterion id @p node names, or NONE
 * with an error (and a did-you-mean hint) when it names none of them. */
static size_t find_item(struct crm_reader *r, const struct level *lv,
                        const struct crm_ynode *node)
{
    const char *id = NULL, *hint = NULL;
    size_t i;

    if (!crm__rd_string(r, node, "an item compared", &id)) {
        return NONE;
    }
    for (i = 0; i < lv->n; i++) {
        if (strcmp(lv->ids[i], id) == 0) {
            return i;
        }
    }
    hint = crm__did_you_mean(id, lv->ids);
    crm__rd_error(r, node, "'%s' is not %s%s%s%s", id,
                  lv->group == NONE ? "a group of the criteria set"
                                        : "a criterion of this group",
                  hint ? "; did you mean '" : "", hint ? hint : "", hint ? "'?" : "");
    return NONE;
}

/* A judgement's ratio: a number, or a fraction written "1/3". */
static bool read_ratio(struct crm_reader *r, const struct crm_ynode *node, double *out)
{
    const char *slash = node->type == CRM_YSCALAR ? strchr(node->text, '/') : NULL;

    if (slash != NULL) {
        char *end = NULL;
        double num = crm__strtod(node->text, &end), den = 0;

        if (end == slash) {
            den = crm__strtod(slash + 1, &end);
            if (*end == '\0' && den > 0 && num > 0) {
                *out = num / den;
                return true;
            }
        }
        crm__rd_error(r, node, "expected a ratio such as 3 or 1/3, got '%s'", node->text);
        return false;
    }
    return crm__rd_number(r, node, "a judgement's ratio", out);
}

/* `ahp:` pairwise judgements on Saaty's 1/9..9 scale. Weights come from
 * the judged items only, so an item left out gets 0 rather than skewing
 * the rest; items no chain of judgements links are an error, and a
 * consistency ratio over the limit a warning naming the worst pairs. */
static void read_ahp(struct crm_reader *r, const struct crm_ynode *node, struct level *lv)
{
    struct crm_ahp_judgement *jd = NULL;
    const char *reason = NULL;
    size_t k, n = 0, unlinked = 0;
    crm_status st = CRM_OK;

    if (!crm__rd_is_seq(r, node, "'ahp'")) {
        return;
    }
    jd = crm__arena_array(r->arena, node->count + 1, sizeof(*jd));
    for (k = 0; k < node->count; k++) {
        const struct crm_ynode *item = node->items[k];
        size_t a = NONE, b = NONE;
        double ratio = 0;

        if (item->type != CRM_YSEQ || item->count < 3 || item->count > 4) {
            crm__rd_error(r, item, "expected [item, other, ratio] or [item, other, "
                                   "ratio, who]: item is ratio times as important "
                                   "as other, on Saaty's 1-9 scale");
            continue;
        }
        a = find_item(r, lv, item->items[0]);
        b = find_item(r, lv, item->items[1]);
        if (!read_ratio(r, item->items[2], &ratio) || a == NONE || b == NONE) {
            continue;
        }
        if (item->count == 4 && item->items[3]->type != CRM_YSCALAR) {
            crm__rd_error(r, item->items[3], "expected the name of who judged");
            continue;
        }
        if (a == b) {
            crm__rd_error(r, item, "a judgement compares '%s' with itself", lv->ids[a]);
            continue;
        }
        if (!(ratio >= 1.0 / 9.0 - 1e-9 && ratio <= 9 + 1e-9)) {
            crm__rd_error(r, item->items[2], "ratio %s is off Saaty's scale (1/9 to 9)",
                          item->items[2]->text);
            continue;
        }
        jd[n].i = a;
        jd[n].j = b;
        jd[n].ratio = ratio;
        lv->judged[a] = lv->judged[b] = true;
        n++;
    }
    lv->judgements = n;
    if (r->errors > 0 || n == 0) {
        if (n == 0 && node->count == 0) {
            crm__rd_error(r, node, "'ahp' needs at least one judgement");
        }
        return;
    }
    /* AHP over the judged items only */
    {
        size_t *map = crm__arena_array(r->arena, lv->n + 1, sizeof(size_t));
        size_t *back = crm__arena_array(r->arena, lv->n + 1, sizeof(size_t));
        double *w = crm__arena_array(r->arena, lv->n + 1, sizeof(double));
        size_t m = 0, i;

        for (i = 0; i < lv->n; i++) {
            if (lv->judged[i]) {
                back[m] = i;
                map[i] = m++;
            }
        }
        for (k = 0; k < n; k++) {
            jd[k].i = map[jd[k].i];
            jd[k].j = map[jd[k].j];
        }
        st = crm__ahp(jd, n, m, w, &lv->ahp, &unlinked, &reason);
        if (st == CRM_ENOMEM) {
            crm__arena_oom(r->arena); /* loading runs protected: a longjmp */
            return;
        }
        if (st != CRM_OK) {
            crm__rd_error(r, node, "%s ('%s' is not linked to '%s' by any chain of "
                                   "judgements)",
                          reason, lv->ids[back[unlinked]], lv->ids[back[0]]);
            return;
        }
        for (i = 0; i < m; i++) {
            lv->weights[back[i]] = w[i];
        }
        for (k = 0; k < lv->ahp.worst_count; k++) {
            lv->ahp.worst_i[k] = back[lv->ahp.worst_i[k]];
            lv->ahp.worst_j[k] = back[lv->ahp.worst_j[k]];
        }
    }
    if (!lv->ahp.consistent) {
        char worst[512] = "";
        size_t used = 0;

        for (k = 0; k < lv->ahp.worst_count && used < sizeof(worst); k++) {
            used += (size_t)crm__snprintf(worst + used, sizeof(worst) - used, "%s%s/%s (x%.1f)",
                                          k ? ", " : "", lv->ids[lv->ahp.worst_i[k]],
                                          lv->ids[lv->ahp.worst_j[k]], lv->ahp.worst_factor[k]);
        }
        crm__rd_warning(r, node, "consistency ratio %.3f is above %.2f (random index: %s); "
                                 "revisit the judgements furthest from the weights: %s",
                        lv->ahp.cr, CRM_AHP_CR_LIMIT, CRM_AHP_RI_TABLE, worst);
    }
}

/* `rank:` items best first, a list within the list for a tie; weights by
 * rank order centroid over the ranked items. An item ranked twice is an
 * error. */
static void read_rank(struct crm_reader *r, const struct crm_ynode *node, struct level *lv)
{
    unsigned *rank = NULL;
    double *w = NULL;
    size_t k, t, position = 1, m = 0, i;
    size_t *back = NULL;

    if (!crm__rd_is_seq(r, node, "'rank'")) {
        return;
    }
    rank = crm__arena_array(r->arena, lv->n + 1, sizeof(unsigned));
    back = crm__arena_array(r->arena, lv->n + 1, sizeof(size_t));
    w = crm__arena_array(r->arena, lv->n + 1, sizeof(double));
    for (k = 0; k < node->count; k++) {
        const struct crm_ynode *entry = node->items[k];
        size_t ties = entry->type == CRM_YSEQ ? entry->count : 1;

        for (t = 0; t < ties; t++) {
            const struct crm_ynode *id = entry->type == CRM_YSEQ ? entry->items[t] : entry;
            size_t a = find_item(r, lv, id);

            if (a == NONE) {
                continue;
            }
            if (lv->judged[a]) {
                crm__rd_error(r, id, "'%s' is ranked twice", lv->ids[a]);
                continue;
            }
            lv->judged[a] = true;
            back[m] = a;
            rank[m++] = (unsigned)position; /* equal ranks: a list of ties */
        }
        position += ties;
    }
    if (r->errors > 0) {
        return;
    }
    if (m == 0 || !crm__roc_weights(rank, m, w)) {
        crm__rd_error(r, node, "'rank' needs at least one item");
        return;
    }
    for (i = 0; i < m; i++) {
        lv->weights[back[i]] = w[i];
    }
}

/* `swing:` points per item for moving it from worst to best; weights
 * proportional to the points, over the items given. */
static void read_swing(struct crm_reader *r, const struct crm_ynode *node, struct level *lv)
{
    double *points = NULL, *w = NULL;
    size_t *back = NULL, k, m = 0, i;

    if (!crm__rd_is_map(r, node, "'swing'")) {
        return;
    }
    points = crm__arena_array(r->arena, lv->n + 1, sizeof(double));
    back = crm__arena_array(r->arena, lv->n + 1, sizeof(size_t));
    w = crm__arena_array(r->arena, lv->n + 1, sizeof(double));
    for (k = 0; k < node->count; k++) {
        size_t a = find_item(r, lv, node->pairs[k].key);
        double p = 0;

        if (!crm__rd_nonneg(r, node->pairs[k].value, "swing points", &p) || a == NONE) {
            continue;
        }
        lv->judged[a] = true;
        back[m] = a;
        points[m++] = p;
    }
    if (r->errors > 0) {
        return;
    }
    if (!crm__swing_weights(points, m, w)) {
        crm__rd_error(r, node, "'swing' needs points above 0 for at least one item");
        return;
    }
    for (i = 0; i < m; i++) {
        lv->weights[back[i]] = w[i];
    }
}

/* One level (the groups, or one group's criteria) with exactly one of
 * ahp, rank or swing. Items left unjudged are warned about, as they get
 * weight 0 (only when the file has no errors, to keep the noise down). */
static void read_level(struct crm_reader *r, const struct crm_ynode *node,
                       const char *what, struct level *lv)
{
    size_t found = 0, i;
    int m = 0;

    if (!crm__rd_is_map(r, node, what)) {
        return;
    }
    crm__rd_check_keys(r, node, level_keys, what);
    for (m = 0; level_keys[m] != NULL; m++) {
        found += crm__rd_get(node, level_keys[m]) != NULL;
    }
    if (found != 1) {
        crm__rd_error(r, node, "%s takes exactly one of 'ahp', 'rank' or 'swing'", what);
        return;
    }
    for (m = 0; level_keys[m] != NULL; m++) {
        const struct crm_ynode *v = crm__rd_get(node, level_keys[m]);

        if (v == NULL) {
            continue;
        }
        lv->method = (enum method)m;
        if (lv->method == METHOD_AHP) {
            read_ahp(r, v, lv);
        } else if (lv->method == METHOD_RANK) {
            read_rank(r, v, lv);
        } else {
            read_swing(r, v, lv);
        }
    }
    for (i = 0; i < lv->n && r->errors == 0; i++) {
        if (!lv->judged[i]) {
            crm__rd_warning(r, node, "'%s' is not judged and gets weight 0", lv->ids[i]);
        }
    }
}

/* An empty level over the groups (@p group NONE) or over one group's
 * criteria, its ids borrowed from @p set, in arena memory. */
static struct level *new_level(struct crm_arena *arena, const struct crm_criteria_set *set,
                               size_t group)
{
    struct level *lv = crm__arena_alloc(arena, sizeof(*lv));
    size_t i;

    lv->group = group;
    lv->n = group == NONE ? set->group_count : set->groups[group].count;
    lv->ids = crm__arena_array(arena, lv->n + 1, sizeof(char *));
    lv->judged = crm__arena_array(arena, lv->n + 1, sizeof(bool));
    lv->weights = crm__arena_array(arena, lv->n + 1, sizeof(double));
    for (i = 0; i < lv->n; i++) {
        lv->ids[i] = group == NONE ? set->groups[i].id
                                       : set->criteria[set->groups[group].first + i].id;
    }
    return lv;
}

/* ---- rendering ---- */

/* A YAML double-quoted scalar. */
static void put_quoted(struct crm_buf *t, const char *s)
{
    if (s == NULL) {
        s = ""; /* a buffer that ran out of memory: the profile fails in keep */
    }
    crm__buf_printf(t, "\"");
    for (; *s != '\0'; s++) {
        if (*s == '"' || *s == '\\') {
            crm__buf_printf(t, "\\%c", *s);
        } else if ((unsigned char)*s < 0x20) {
            crm__buf_printf(t, "\\x%02x", (unsigned)(unsigned char)*s);
        } else {
            crm__buf_printf(t, "%c", *s);
        }
    }
    crm__buf_printf(t, "\"");
}

static const char *level_name(const struct crm_elicited *w, const struct level *lv)
{
    return lv->group == NONE ? "groups" : w->set->groups[lv->group].id;
}

/* Move a finished buffer into the arena. Out of memory, in the buffer or
 * here, goes through crm__arena_oom once the buffer is freed (no longjmp
 * while it is held: the rule in arena.h). */
static char *keep(struct crm_arena *arena, struct crm_buf *b)
{
    char *out = b->failed || b->data == NULL ? NULL
                                             : crm__arena_try_alloc(arena, b->len + 1);

    if (out != NULL) {
        memcpy(out, b->data, b->len);
    }
    free(b->data);
    b->data = NULL;
    if (out == NULL) {
        crm__arena_oom(arena);
    }
    return out;
}

/* The text `crmeval weights` prints: each level's weights and, for AHP,
 * the consistency figures and the pairs furthest from the weights. Kept in
 * the arena (w->summary); out of memory goes through keep. */
static void render_summary(struct crm_elicited *w)
{
    struct crm_buf t = CRM_BUF_INIT;
    size_t l, i, k;

    crm__buf_printf(&t, "%s: weights for criteria set '%s'\n", w->id, w->set->id);
    for (l = 0; l < w->level_count; l++) {
        const struct level *lv = &w->levels[l];

        crm__buf_printf(&t, "\n%s (%s)\n", level_name(w, lv), method_en[lv->method]);
        for (i = 0; i < lv->n; i++) {
            crm__buf_printf(&t, "  %-32s %7.2f%%%s\n", lv->ids[i], 100 * lv->weights[i],
                lv->judged[i] ? "" : "  (not judged)");
        }
        if (lv->method != METHOD_AHP) {
            continue;
        }
        crm__buf_printf(&t, "  %zu judgements of %zu pairs (%zu pairs missing); lambda_max %.4f, "
                "CI %.4f, RI %.2f (%s), CR %.3f: %s\n",
            lv->judgements, lv->ahp.pairs, lv->ahp.missing, lv->ahp.lambda_max, lv->ahp.ci,
            lv->ahp.ri, CRM_AHP_RI_TABLE, lv->ahp.cr,
            lv->ahp.consistent ? "consistent (<= 0.10)" : "INCONSISTENT (> 0.10)");
        for (k = 0; k < lv->ahp.worst_count; k++) {
            crm__buf_printf(&t, "  furthest from the weights: %s/%s, off by a factor of %.2f\n",
                lv->ids[lv->ahp.worst_i[k]], lv->ids[lv->ahp.worst_j[k]],
                lv->ahp.worst_factor[k]);
        }
    }
    w->summary = keep(w->arena, &t);
}

/* The weight profile YAML written by `crmeval weights -o`: a header naming
 * the judgements and their SHA-256 so the profile can be traced, an en and
 * zh-CN rationale, and weights in percent for the levels judged (other
 * groups keep the criteria set's). Kept in the arena (w->profile). */
static void render_profile(struct crm_elicited *w)
{
    struct crm_buf t = CRM_BUF_INIT, en = CRM_BUF_INIT, zh = CRM_BUF_INIT;
    size_t l, g, i;

    crm__buf_printf(&en, "Weights derived by crmeval from judgements:");
    crm__buf_printf(&zh, "权重由 crmeval 根据判断推导：");
    for (l = 0; l < w->level_count; l++) {
        const struct level *lv = &w->levels[l];

        crm__buf_printf(&en, "%s %s by %s", l ? ";" : "", level_name(w, lv), method_en[lv->method]);
        crm__buf_printf(&zh, "%s%s 采用%s", l ? "；" : "", level_name(w, lv), method_zh[lv->method]);
        if (lv->method == METHOD_AHP) {
            crm__buf_printf(&en, " (CR %.3f, random index %s)", lv->ahp.cr, CRM_AHP_RI_TABLE);
            crm__buf_printf(&zh, "（一致性比率 %.3f，随机一致性指标 %s）", lv->ahp.cr, CRM_AHP_RI_TABLE);
        }
    }
    crm__buf_printf(&en, ".");
    crm__buf_printf(&zh, "。");
    crm__buf_printf(&t, "# Derived by `crmeval weights` from %s (sha256 %s).\n", w->path, w->sha256);
    crm__buf_printf(&t, "# Change the judgements and derive it again rather than editing it.\n");
    crm__buf_printf(&t, "kind: profile\nid: %s\ncriteria_set: %s\nname: {en: ", w->id, w->set->id);
    put_quoted(&t, w->name.en);
    crm__buf_printf(&t, ", zh-CN: ");
    put_quoted(&t, w->name.zh);
    crm__buf_printf(&t, "}\nrationale:\n  en: ");
    put_quoted(&t, en.data);
    crm__buf_printf(&t, "\n  zh-CN: ");
    put_quoted(&t, zh.data);
    crm__buf_printf(&t, "\ngroups:\n");
    for (g = 0; g < w->set->group_count; g++) {
        const struct level *top = w->levels[0].group == NONE ? &w->levels[0] : NULL;
        const struct level *in = NULL;

        for (l = 0; l < w->level_count; l++) {
            if (w->levels[l].group == g) {
                in = &w->levels[l];
            }
        }
        if (top == NULL && in == NULL) {
            continue; /* keeps the criteria set's weights */
        }
        crm__buf_printf(&t, "  %s:\n", w->set->groups[g].id);
        if (top != NULL) {
            crm__buf_printf(&t, "    weight: %.4f\n", 100 * top->weights[g]);
        }
        if (in != NULL) {
            crm__buf_printf(&t, "    criteria:\n");
            for (i = 0; i < in->n; i++) {
                crm__buf_printf(&t, "      %s: %.4f\n", in->ids[i], 100 * in->weights[i]);
            }
        }
    }
    /* the rationale's buffers too: a lost one would leave it empty */
    t.failed = t.failed || en.failed || zh.failed;
    free(en.data);
    free(zh.data);
    w->profile = keep(w->arena, &t);
}

/* ---- loading ---- */

struct weights_call {
    const char *path;
    crm_diags *diags;
    struct crm_elicited *w;
};

/* Body of crm_elicited_load under the arena's recovery point: read the
 * judgements and the criteria set they name, derive each level's weights
 * and render the summary and profile. call->w is set first so the caller
 * can free everything on failure. */
static crm_status load_protected(struct crm_arena *arena, void *ctx)
{
    struct weights_call *call = ctx;
    struct crm_elicited *w = crm__arena_alloc(arena, sizeof(*w));
    struct crm_loaded_file f, cf;
    struct crm_reader r, cr;
    const struct crm_ynode *root = NULL, *v = NULL, *within = NULL;
    const char *criteria_ref = NULL;
    size_t k, g = 0;
    crm_status st = CRM_OK;

    w->arena = arena;
    call->w = w;
    st = crm__file_load(arena, call->path, CRM_FILE_JUDGEMENTS, call->diags, &f);
    if (st != CRM_OK) {
        return st;
    }
    w->path = f.path;
    w->sha256 = crm__arena_strdup(arena, f.sha256);
    root = f.root;
    crm__rd_init(&r, arena, call->diags, f.path);
    crm__rd_check_keys(&r, root, judgement_keys, "judgements");
    if ((v = crm__rd_require(&r, root, "id", "judgements")) != NULL) {
        crm__rd_id(&r, v, "'id'", &w->id);
    }
    if ((v = crm__rd_require(&r, root, "name", "judgements")) != NULL) {
        crm__rd_name_text(&r, v, "'name'", true, &w->name);
    }
    v = crm__rd_require(&r, root, "criteria", "judgements");
    if (v == NULL || !crm__rd_string(&r, v, "'criteria'", &criteria_ref)) {
        return CRM_EINPUT;
    }
    st = crm__file_load(arena, crm__path_join(arena, crm__path_dirname(arena, f.path),
                                              criteria_ref),
                        CRM_FILE_CRITERIA, call->diags, &cf);
    if (st != CRM_OK) {
        crm__rd_error(&r, v, "the criteria set named here could not be read");
        return st == CRM_EIO ? CRM_EIO : CRM_EINPUT;
    }
    w->criteria_path = cf.path;
    crm__rd_init(&cr, arena, call->diags, cf.path);
    w->set = crm__criteria_read(&cr, cf.root);
    if (cr.errors > 0) {
        return CRM_EINPUT;
    }
    within = crm__rd_get(root, "within");
    if (within != NULL && !crm__rd_is_map(&r, within, "'within'")) {
        within = NULL;
    }
    w->levels = crm__arena_array(arena, w->set->group_count + 2, sizeof(*w->levels));
    if ((v = crm__rd_get(root, "groups")) != NULL) {
        struct level *lv = new_level(arena, w->set, NONE);

        read_level(&r, v, "'groups'", lv);
        w->levels[w->level_count++] = *lv;
    }
    for (k = 0; within != NULL && k < within->count; k++) {
        const struct crm_ynode *key = within->pairs[k].key;
        struct level *lv = NULL;

        if (!crm__strmap_get(&w->set->group_by_id, key->text, &g)) {
            crm__rd_error(&r, key, "'%s' is not a group of criteria set '%s'", key->text,
                          w->set->id);
            continue;
        }
        lv = new_level(arena, w->set, g);
        read_level(&r, within->pairs[k].value,
                   crm__arena_printf(arena, "'within: %s'", key->text), lv);
        w->levels[w->level_count++] = *lv;
    }
    if (r.errors == 0 && w->level_count == 0) {
        crm__rd_error(&r, root, "judgements need 'groups' or 'within' (or both)");
    }
    if (r.errors > 0) {
        return CRM_EINPUT;
    }
    render_summary(w);
    render_profile(w);
    return w->summary != NULL && w->profile != NULL ? CRM_OK : CRM_ENOMEM;
}

crm_status crm_elicited_load(crm_elicited **out, const char *path, crm_diags *diags)
{
    struct crm_arena *arena = crm__arena_new();
    struct weights_call call = { path, diags, NULL };
    crm_status st = CRM_OK;

    *out = NULL;
    if (arena == NULL) {
        return CRM_ENOMEM;
    }
    st = crm__arena_protect(arena, load_protected, &call, diags);
    if (st != CRM_OK) {
        crm__arena_free(arena);
        return st;
    }
    *out = call.w;
    return CRM_OK;
}

const char *crm_elicited_summary(const crm_elicited *weights)
{
    return weights->summary;
}

crm_status crm_elicited_protect_inputs(const crm_elicited *weights, crm_outputs *outputs,
                                       crm_diags *diags)
{
    crm_status st = crm_outputs_protect(outputs, weights->path, "the judgements", diags);

    if (st == CRM_OK) {
        st = crm_outputs_protect(outputs, weights->criteria_path, "the criteria set", diags);
    }
    return st;
}

crm_status crm_elicited_add_profile(crm_outputs *outputs, const crm_elicited *weights,
                                    const char *path, crm_diags *diags)
{
    return crm_outputs_add(outputs, path, "the weight profile", weights->profile,
                           strlen(weights->profile), diags);
}

void crm_elicited_free(crm_elicited *weights)
{
    if (weights != NULL) {
        crm__arena_free(weights->arena);
    }
}
