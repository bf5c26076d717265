/*
 * The evaluation's decision settings: how vendors whose must-haves are not
 * yet verified rank (`unverified_must_haves`), what the simulation draws
 * for what is not known (`uncertainty`), and the thresholds of the verdict
 * (`verdict`). The defaults and the reasons for them are in
 * docs/simulation.md and docs/sensitivity.md.
 */
#include <stddef.h>
#include <string.h>

#include "model/dist.h"
#include "load/load.h"
#include "util/arena.h"
#include "util/strutil.h"

static const char *const unverified_policies[] = { "rank", "after_passing",
                                                   "knock_out", NULL };
static const char *const uncertainty_keys[] = { "missing", "spreads", "priors", NULL };
static const char *const missing_draws[] = { "scale", "none", NULL };
static const char *const verdict_keys[] = { "min_evidence", "min_p_first",
                                            "topsis_ideal", NULL };
static const char *const topsis_ideals[] = { "scale", "data", NULL };

void crm__decision_defaults(struct crm_evaluation *ev)
{
    ev->unverified = CRM_UNVERIFIED_RANK;
    ev->uncertainty.draw_missing = true;
    memcpy(ev->uncertainty.spread, crm__spread_defaults, sizeof(ev->uncertainty.spread));
    ev->verdict.min_evidence = 0.7;
    ev->verdict.min_p_first = 0.7;
    ev->verdict.topsis_data_ideal = false;
}

/* A share in 0..1 at @p node. */
static bool read_share(struct crm_reader *r, const struct crm_ynode *node,
                       const char *what, double *out)
{
    double x = 0;

    if (!crm__rd_number(r, node, what, &x)) {
        return false;
    }
    if (x < 0 || x > 1) {
        crm__rd_error(r, node, "%s is a share from 0 to 1 (got %s)", what, node->text);
        return false;
    }
    *out = x;
    return true;
}

/* Whether a discrete distribution's values increase (others: true). */
static bool increasing(const struct crm_dist *d)
{
    size_t i;

    for (i = 1; d->kind == CRM_DIST_DISCRETE && i < d->count; i++) {
        if (!(d->values[i] > d->values[i - 1])) {
            return false;
        }
    }
    return true;
}

/* `uncertainty.priors`: group id or criterion path -> a distribution over
 * 0..1 (checked against the criteria set later, crm__priors_resolve). */
static void read_priors(struct crm_reader *r, const struct crm_ynode *node,
                        struct crm_uncertainty_settings *u)
{
    size_t i;

    if (!crm__rd_is_map(r, node, "'priors'")) {
        return;
    }
    u->priors = crm__arena_array(r->arena, node->count + 1, sizeof(*u->priors));
    for (i = 0; i < node->count; i++) {
        struct crm_prior *p = &u->priors[u->prior_count];
        const struct crm_ynode *value = node->pairs[i].value;
        double point = 0;

        if (!crm__rd_string(r, node->pairs[i].key, "a group or criterion", &p->target)) {
            continue;
        }
        if (!crm__is_dist_node(value)) {
            crm__rd_error(r, value,
                          "a prior is a distribution over 0..1, from the worst "
                          "end of the scale (0) to the best (1), e.g. "
                          "{triangular: [0, 0.3, 1]}");
            continue;
        }
        if (!crm__rd_uncertain(r, value, "a prior", 0, 1, &point, &p->dist)) {
            continue;
        }
        if (!increasing(p->dist)) {
            /* draws rise with their variate only if the values do */
            crm__rd_error(r, value, "a discrete prior lists its values in increasing "
                                    "order, from the worst end of the scale to the best");
            continue;
        }
        p->mark = crm__rd_mark(r, node->pairs[i].key);
        u->prior_count++;
    }
}

/* The `uncertainty:` settings: whether missing values are drawn over the
 * scale ('scale') or not ('none'), the spread for each kind of evidence,
 * and the priors. Keys not given keep crm__decision_defaults' values. */
static void read_uncertainty(struct crm_reader *r, const struct crm_ynode *node,
                             struct crm_uncertainty_settings *u)
{
    const struct crm_ynode *v = NULL;
    size_t i;
    int k = 0;

    u->mark = crm__rd_mark(r, node);
    if (!crm__rd_is_map(r, node, "'uncertainty'")) {
        return;
    }
    crm__rd_check_keys(r, node, uncertainty_keys, "'uncertainty'");
    if ((v = crm__rd_get(node, "missing")) != NULL &&
        (k = crm__rd_enum(r, v, "'missing' setting", missing_draws)) >= 0) {
        u->draw_missing = k == 0;
    }
    v = crm__rd_get(node, "spreads");
    if (v != NULL && crm__rd_is_map(r, v, "'spreads'")) {
        crm__rd_check_keys(r, v, crm__spread_names, "'spreads'");
        for (i = 0; i < CRM_SPREAD_COUNT; i++) {
            const struct crm_ynode *x = crm__rd_get(v, crm__spread_names[i]);

            if (x != NULL) {
                read_share(r, x, "a spread", &u->spread[i]);
            }
        }
    }
    if ((v = crm__rd_get(node, "priors")) != NULL) {
        read_priors(r, v, u);
    }
}

/* The `verdict:` thresholds (shares in 0..1) and which ideal TOPSIS uses:
 * the scale's ends or the best and worst in the data. Keys not given keep
 * their defaults. */
static void read_verdict(struct crm_reader *r, const struct crm_ynode *node,
                         struct crm_verdict_settings *vs)
{
    const struct crm_ynode *v = NULL;
    int k = 0;

    if (!crm__rd_is_map(r, node, "'verdict'")) {
        return;
    }
    crm__rd_check_keys(r, node, verdict_keys, "'verdict'");
    if ((v = crm__rd_get(node, "min_evidence")) != NULL) {
        read_share(r, v, "'min_evidence'", &vs->min_evidence);
    }
    if ((v = crm__rd_get(node, "min_p_first")) != NULL) {
        read_share(r, v, "'min_p_first'", &vs->min_p_first);
    }
    if ((v = crm__rd_get(node, "topsis_ideal")) != NULL &&
        (k = crm__rd_enum(r, v, "TOPSIS ideal", topsis_ideals)) >= 0) {
        vs->topsis_data_ideal = k == 1;
    }
}

/* Decision settings: the defaults first, so an evaluation that says
 * nothing gets documented behaviour, then whatever the file sets. */
void crm__decision_read(struct crm_reader *r, const struct crm_ynode *root,
                        struct crm_evaluation *ev)
{
    const struct crm_ynode *v = NULL;
    int k = 0;

    crm__decision_defaults(ev);
    ev->uncertainty.mark = crm__rd_mark(r, root);
    if ((v = crm__rd_get(root, "unverified_must_haves")) != NULL &&
        (k = crm__rd_enum(r, v, "'unverified_must_haves' policy", unverified_policies)) >= 0) {
        ev->unverified = (enum crm_unverified_policy)k;
    }
    if ((v = crm__rd_get(root, "uncertainty")) != NULL) {
        read_uncertainty(r, v, &ev->uncertainty);
    }
    if ((v = crm__rd_get(root, "verdict")) != NULL) {
        read_verdict(r, v, &ev->verdict);
    }
}

size_t crm__priors_resolve(struct crm_arena *arena, crm_diags *diags,
                           const struct crm_criteria_set *set,
                           struct crm_uncertainty_settings *u)
{
    size_t i, c, g, errors = 0;

    u->prior_of = crm__arena_array(arena, set->criterion_count + 1, sizeof(*u->prior_of));
    /* groups first, so a criterion's own prior wins whatever the order
     * (the YAML reader refuses a key written twice) */
    for (i = 0; i < u->prior_count; i++) {
        const struct crm_prior *p = &u->priors[i];

        if (strchr(p->target, '.') != NULL) {
            continue;
        }
        if (!crm__strmap_get(&set->group_by_id, p->target, &g)) {
            const char *hint = crm__did_you_mean_n(p->target, set->groups, set->group_count,
                                                   sizeof(set->groups[0]),
                                                   offsetof(struct crm_group, id));

            crm__mark_error(diags, &p->mark,
                            "unknown group '%s' in criteria set '%s' (a prior names a "
                            "group or a 'group.criterion')%s%s%s",
                            p->target, set->id, hint ? "; did you mean '" : "",
                            hint ? hint : "", hint ? "'?" : "");
            errors++;
            continue;
        }
        for (c = set->groups[g].first; c < set->groups[g].first + set->groups[g].count; c++) {
            u->prior_of[c] = p->dist;
        }
    }
    for (i = 0; i < u->prior_count; i++) {
        const struct crm_prior *p = &u->priors[i];

        if (strchr(p->target, '.') == NULL) {
            continue;
        }
        if (!crm__set_find(set, p->target, &c)) {
            const char *hint = crm__did_you_mean_n(p->target, set->criteria,
                                                   set->criterion_count,
                                                   sizeof(set->criteria[0]),
                                                   offsetof(struct crm_criterion, path));

            crm__mark_error(diags, &p->mark, "unknown criterion '%s'%s%s%s", p->target,
                            hint ? "; did you mean '" : "", hint ? hint : "",
                            hint ? "'?" : "");
            errors++;
            continue;
        }
        u->prior_of[c] = p->dist;
    }
    return errors;
}
