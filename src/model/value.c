/*
 * A criterion's values checked (model.h, crm__values_resolve): the one
 * place that decides whether a value as written fits its criterion (kind,
 * scale, options, the number limit, a distribution's range), so a vendor
 * profile, an evaluation's observations and a panel score are held to the
 * same rules with the same messages, whoever read them.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "crmeval/limits.h"
#include "model/dist.h"
#include "model/model.h"
#include "util/strutil.h"

/* Whether the distribution @p rv gives for criterion @p c fits it: only
 * numbers and ratings can be uncertain, and a bounded distribution stays
 * on the rating's scale or above zero (a normal one is cut at the
 * bounds when drawn). Reports at @p at when not. */
static bool dist_fits(crm_diags *diags, const struct crm_criterion *c,
                      const struct crm_raw_value *rv, const struct crm_mark *at)
{
    const struct crm_dist *d = rv->dist;
    double lo = crm__dist_quantile(d, 1e-12), hi = crm__dist_quantile(d, 1 - 1e-12);

    if (c->kind != CRM_KIND_RATING && c->kind != CRM_KIND_NUMBER) {
        crm__mark_error(diags, at, "'%s' is a %s criterion; only numbers and ratings can be "
                                   "uncertain",
                        c->path, crm__kind_name(c->kind));
        return false;
    }
    if (d->kind != CRM_DIST_NORMAL &&
        ((c->kind == CRM_KIND_RATING && (lo < c->scale_min - 1e-9 || hi > c->scale_max + 1e-9)) ||
         (c->kind == CRM_KIND_NUMBER && lo < 0))) {
        crm__mark_error(diags, at, "the distribution for '%s' reaches outside %g..%g", c->path,
                        c->kind == CRM_KIND_RATING ? c->scale_min : 0,
                        c->kind == CRM_KIND_RATING ? c->scale_max : CRM_NUMBER_LIMIT);
        return false;
    }
    return true;
}

/* The number written as @p t for number or rating @p c, in *@p x: a
 * finite plain number within the limit, on the rating's scale, not
 * negative for a number. Reports at @p at what it expected when not. */
static bool number_fits(crm_diags *diags, const struct crm_criterion *c,
                        const struct crm_value_text *t, const struct crm_mark *at, double *x)
{
    /* a number beyond a double's range (1e309) reads as an infinity and is
     * reported below as too large */
    if (t->text == NULL || !t->plain || t->len == 0 || !crm__parse_decimal(t->text, x)) {
        if (t->text != NULL && t->plain && crm__is_nonfinite_text(t->text)) {
            crm__mark_error(diags, at, "expected a finite number for %s '%s', got '%s'",
                            crm__kind_name(c->kind), c->path, t->text);
        } else if (t->text != NULL) {
            crm__mark_error(diags, at, "expected a number for %s '%s', got '%s'%s",
                            crm__kind_name(c->kind), c->path, t->text,
                            t->plain ? "" : " (quoted numbers are text)");
        } else {
            crm__mark_error(diags, at, "expected a number for %s '%s', got %s",
                            crm__kind_name(c->kind), c->path, t->shape);
        }
        return false;
    }
    if (fabs(*x) > CRM_NUMBER_LIMIT) {
        crm__mark_error(diags, at, "value for '%s' is too large (%s%s); numbers must be within "
                                   "+/-1e15",
                        c->path, t->text, isinf(*x) ? ", beyond the range of a double" : "");
        return false;
    }
    if (c->kind == CRM_KIND_RATING && (*x < c->scale_min || *x > c->scale_max)) {
        crm__mark_error(diags, at, "rating %g for '%s' is outside its scale %g..%g", *x, c->path,
                        c->scale_min, c->scale_max);
        return false;
    }
    if (c->kind == CRM_KIND_NUMBER && *x < 0) {
        crm__mark_error(diags, at, "'%s' must not be negative (got %g %s)", c->path, *x,
                        c->unit ? c->unit : "");
        return false;
    }
    return true;
}

/* The value written as @p t for criterion @p c as a number in *@p x (a
 * boolean 0 or 1, a choice its option's value, with the option's index in
 * val->option). Reports at @p at when it does not fit. */
static bool text_fits(crm_diags *diags, const struct crm_criterion *c,
                      const struct crm_value_text *t, const struct crm_mark *at,
                      struct crm_value *val, double *x)
{
    bool b = false;
    char list[256];

    switch (c->kind) {
    case CRM_KIND_BOOLEAN:
        if (t->text == NULL || !t->plain || !crm__parse_bool(t->text, &b)) {
            crm__mark_error(diags, at, "expected true or false for boolean '%s', got %s%s%s%s",
                            c->path, t->text ? "'" : "", t->text ? t->text : t->shape,
                            t->text ? "'" : "",
                            t->text && !t->plain ? " (quoted values are text)" : "");
            return false;
        }
        *x = b ? 1 : 0;
        return true;
    case CRM_KIND_RATING:
    case CRM_KIND_NUMBER:
        return number_fits(diags, c, t, at, x);
    case CRM_KIND_CHOICE:
        if (t->text == NULL || !crm__criterion_option(c, t->text, &val->option)) {
            crm__mark_error(diags, at, "invalid option '%s' for '%s'; expected one of: %s",
                            t->text ? t->text : "?", c->path,
                            crm__option_list(c, list, sizeof(list)));
            return false;
        }
        *x = c->options[val->option].value;
        return true;
    }
    return false;
}

/* Whether @p rv names a criterion of @p set that a vendor may give (not
 * one derived from pricing), in *@p ci. Reports at its key when not,
 * with a did-you-mean. */
static bool criterion_known(crm_diags *diags, const struct crm_criteria_set *set,
                            const struct crm_raw_value *rv, size_t *ci)
{
    const char *hint = NULL;

    if (!crm__set_find(set, rv->criterion, ci)) {
        hint = crm__did_you_mean_n(rv->criterion, set->criteria, set->criterion_count,
                                   sizeof(set->criteria[0]), offsetof(struct crm_criterion, path));
        crm__mark_error(diags, &rv->mark, "unknown criterion '%s' in criteria set '%s'%s%s%s",
                        rv->criterion, set->id, hint ? "; did you mean '" : "", hint ? hint : "",
                        hint ? "'?" : "");
        return false;
    }
    if (set->criteria[*ci].derived != CRM_DERIVED_NONE) {
        crm__mark_error(diags, &rv->mark,
                        "'%s' is computed by crmeval from the vendor's pricing; remove it "
                        "from 'values'",
                        set->criteria[*ci].path);
        return false;
    }
    return true;
}

/*
 * Check @p count values as written against @p set into @p values
 * [criterion_count]: each value's criterion exists, is not derived from
 * pricing, is given once, and the value fits the criterion's kind and
 * scale; an explicit null (~, null, empty) is left absent. Each problem is
 * reported at the key or the value. @return the number of errors.
 */
size_t crm__values_resolve(crm_diags *diags, const struct crm_criteria_set *set,
                           const struct crm_raw_value *raw, size_t count,
                           struct crm_value *values)
{
    size_t i, errors = 0;

    for (i = 0; i < count; i++) {
        const struct crm_raw_value *rv = &raw[i];
        const struct crm_value_text *t = &rv->value;
        struct crm_mark at = { rv->mark.file, t->line, t->column };
        struct crm_value *val = NULL;
        size_t ci = 0;
        double x = 0;

        if (!criterion_known(diags, set, rv, &ci)) {
            errors++;
            continue;
        }
        val = &values[ci];
        if (rv->dist != NULL) {
            if (!dist_fits(diags, &set->criteria[ci], rv, &at)) {
                errors++;
                continue;
            }
            x = rv->point;
        } else if (t->text != NULL && t->plain &&
                   (strcmp(t->text, "~") == 0 || strcmp(t->text, "null") == 0 || t->len == 0)) {
            continue; /* an explicit "unknown": same as leaving it out */
        } else if (!text_fits(diags, &set->criteria[ci], t, &at, val, &x)) {
            errors++;
            continue;
        }
        if (val->present) {
            crm__mark_error(diags, &rv->mark, "'%s' is given twice", set->criteria[ci].path);
            errors++;
            continue;
        }
        val->present = true;
        val->number = x;
        val->raw = rv;
    }
    return errors;
}
