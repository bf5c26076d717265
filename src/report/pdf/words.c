/*
 * What the report says, in the report's language: the template's texts
 * with their placeholders filled, numbers and money as printed, vendor
 * and criterion names, must-have rules, values, and the sentences more
 * than one section prints.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/pdf/internal.h"
#include "util/strutil.h"
/* ---- text ---- */

const char *crm__pdf_text(const struct pdf *p, const char *key)
{
    size_t i;

    for (i = 0; i < p->t->string_count; i++) {
        if (strcmp(p->t->strings[i].key, key) == 0) {
            return p->t->strings[i].text;
        }
    }
    return key; /* the loader checked every key is there */
}

/* Fill {name} placeholders from NULL-terminated name/value pairs. */
const char *crm__pdf_fill(char *out, size_t size, const char *tmpl, ...)
{
    const char *names[8], *values[8];
    size_t n = 0, len = 0, i;
    va_list ap;

    va_start(ap, tmpl);
    while (n < 8 && (names[n] = va_arg(ap, const char *)) != NULL) {
        values[n] = va_arg(ap, const char *);
        n++;
    }
    va_end(ap);
    while (*tmpl != '\0' && len + 1 < size) {
        bool replaced = false;

        if (*tmpl == '{') {
            for (i = 0; i < n; i++) {
                size_t k = strlen(names[i]);

                if (strncmp(tmpl + 1, names[i], k) == 0 && tmpl[k + 1] == '}') {
                    /* what fits, cut on a character */
                    size_t vlen = crm__utf8_cut(values[i], size - len - 1);

                    memcpy(out + len, values[i], vlen);
                    len += vlen;
                    tmpl += k + 2;
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) {
            out[len++] = *tmpl++;
        }
    }
    out[len] = '\0';
    out[crm__utf8_cut(out, len)] = '\0'; /* a character the end cut in two */
    return out;
}

const char *crm__pdf_pick(const struct pdf *p, const struct crm_text *t)
{
    if (p->zh) {
        return t->zh ? t->zh : (t->en ? t->en : "");
    }
    return t->en ? t->en : (t->zh ? t->zh : "");
}

/* ---- numbers ---- */

const char *crm__pdf_num(char *buf, size_t n, double x, int decimals)
{
    crm__snprintf(buf, n, "%.*f", decimals, crm__round(x, decimals));
    return buf;
}

const char *crm__pdf_pct(char *buf, size_t n, double x, int decimals)
{
    crm__snprintf(buf, n, "%.*f%%", decimals, crm__round(x * 100, decimals));
    return buf;
}

const char *crm__pdf_money0(char *buf, size_t n, double x)
{
    return crm__format_money(buf, n, x, 0);
}

const char *crm__pdf_money2(char *buf, size_t n, double x)
{
    return crm__format_money(buf, n, x, 2);
}

/* ---- what the report says ---- */

const struct crm_vendor_score *crm__pdf_ranked(const struct pdf *p, size_t i)
{
    return &p->res->vendors[p->res->order[i]];
}

size_t crm__pdf_index_of(const struct pdf *p, const struct crm_vendor_score *vs)
{
    return (size_t)(vs - p->res->vendors);
}

/* The leader: the first-ranked vendor that is not knocked out (with a
 * tie, the first of the tied, never called the winner in the text). */
const struct crm_vendor_score *crm__pdf_winner(const struct pdf *p)
{
    size_t w = p->res->analysis->winner;

    return w == CRM_NONE ? NULL : &p->res->vendors[w];
}

const struct crm_vendor_score *crm__pdf_runner_up(const struct pdf *p)
{
    size_t r = p->res->analysis->runner_up;

    return r == CRM_NONE ? NULL : &p->res->vendors[r];
}

const char *crm__pdf_vendor_label(const struct crm_vendor_score *vs)
{
    return vs->vendor->name ? vs->vendor->name : vs->vendor->id;
}

/* In cost tables a vendor whose price is unknown is marked: its licence
 * cost is missing, so its costs are understated. */
const char *crm__pdf_cost_label(char *buf, size_t n,
                              const struct crm_vendor_score *vs)
{
    snprintf(buf, n, "%s%s", crm__pdf_vendor_label(vs), vs->vendor->price_known ? "" : " *");
    return buf;
}

const char *crm__pdf_criterion_name(const struct pdf *p, size_t c)
{
    return crm__pdf_pick(p, &p->ev->set->criteria[c].name);
}

const char *crm__pdf_group_name(const struct pdf *p, size_t g)
{
    return crm__pdf_pick(p, &p->ev->set->groups[g].name);
}

/* qsort order of struct keyed: largest key first, then by index, so the
 * order is the same on every platform. */
int crm__pdf_by_key_desc(const void *a, const void *b)
{
    const struct keyed *x = a, *y = b;

    if (x->key != y->key) {
        return x->key > y->key ? -1 : 1;
    }
    return x->c < y->c ? -1 : (x->c > y->c ? 1 : 0);
}

/* The weighted criteria sorted by @p mode: 0 the lead of @p a over @p b,
 * 1 @p a's contributions (strengths), 2 the points @p a lost (weaknesses). */
size_t crm__pdf_sorted_criteria(const struct pdf *p, struct keyed *out,
                              const struct crm_vendor_score *a,
                              const struct crm_vendor_score *b, int mode)
{
    size_t c, n = 0;

    for (c = 0; c < p->ev->set->criterion_count; c++) {
        double w = p->res->weights.effective[c];

        if (w <= 0) {
            continue;
        }
        out[n].c = c;
        switch (mode) {
        case 0: /* lead of a over b */
            out[n].key = a->criteria[c].contribution -
                         (b ? b->criteria[c].contribution : 0);
            break;
        case 1: /* strengths */
            out[n].key = a->criteria[c].contribution;
            break;
        default: /* weaknesses: points lost */
            out[n].key = 100 * w - a->criteria[c].contribution;
            break;
        }
        n++;
    }
    qsort(out, n, sizeof(*out), crm__pdf_by_key_desc);
    return n;
}

/* A must-have rule as a reader says it: the criterion, the test (options
 * by their labels) and the vendor's value in brackets when it has one. */
const char *crm__pdf_rule_text(const struct pdf *p, char *buf, size_t n,
                             const struct crm_rule_outcome *ro)
{
    const struct crm_rule *rule = ro->rule;
    const struct crm_criterion *c = &p->ev->set->criteria[rule->index];
    char test[256], val[64];
    size_t k, len = 0;

    switch (rule->test) {
    case CRM_RULE_EQUALS:
        snprintf(test, sizeof(test), "= %s", rule->equals ? T(p, "yes") : T(p, "no"));
        break;
    case CRM_RULE_RANGE:
        if (rule->has_min && rule->has_max) {
            crm__snprintf(test, sizeof(test), "%g - %g", rule->min, rule->max);
        } else if (rule->has_min) {
            crm__snprintf(test, sizeof(test), ">= %g", rule->min);
        } else {
            crm__format_money(val, sizeof(val), rule->max, 0);
            snprintf(test, sizeof(test), "<= %s", val);
        }
        break;
    case CRM_RULE_ONE_OF:
        test[0] = '\0';
        /* the options by their labels, as the reader knows them, not ids */
        for (k = 0; k < rule->one_of_count && len < sizeof(test) - 16; k++) {
            const char *label = rule->one_of[k];
            size_t o;

            for (o = 0; o < c->option_count; o++) {
                const struct crm_option *opt = &c->options[o];

                if (strcmp(opt->id, label) == 0 && (opt->name.en || opt->name.zh)) {
                    label = crm__pdf_pick(p, &opt->name);
                }
            }
            len += (size_t)snprintf(test + len, sizeof(test) - len, "%s%s",
                                    k ? (p->zh ? "、" : ", ") : "∈ ", label);
            len = len < sizeof(test) ? len : sizeof(test) - 1;
        }
        break;
    }
    if (ro->missing) {
        snprintf(val, sizeof(val), "%s", T(p, "no_data"));
    } else if (ro->lower_bound) {
        char m[48];

        crm__format_money(m, sizeof(m), ro->value, 0);
        crm__pdf_fill(val, sizeof(val), T(p, "at_least"), "value", m, NULL);
    } else if (c->kind == CRM_KIND_BOOLEAN) {
        snprintf(val, sizeof(val), "%s", ro->value != 0 ? T(p, "yes") : T(p, "no"));
    } else if (c->kind == CRM_KIND_CHOICE) {
        snprintf(val, sizeof(val), "%s", "");
    } else {
        crm__format_money(val, sizeof(val), ro->value, fabs(ro->value) >= 1000 ? 0 : 2);
    }
    /* a choice's outcome is the pass/fail beside it: no empty "()" */
    snprintf(buf, n, val[0] ? "%s %s (%s)" : "%s %s%s", crm__pdf_criterion_name(p, rule->index),
             test, val);
    return buf;
}

/* Value of a vendor for a criterion, for people. */
const char *crm__pdf_value_text(const struct pdf *p, char *buf, size_t n,
                              size_t v, size_t c)
{
    const struct crm_criterion *crit = &p->ev->set->criteria[c];
    struct crm_value val = crm__result_value(p->res, v, c);

    if (!val.present) {
        snprintf(buf, n, "—");
    } else if (crit->kind == CRM_KIND_BOOLEAN) {
        snprintf(buf, n, "%s", val.number != 0 ? T(p, "yes") : T(p, "no"));
    } else if (crit->kind == CRM_KIND_CHOICE) {
        const struct crm_option *o = &crit->options[val.option];

        snprintf(buf, n, "%s", o->name.en || o->name.zh ? crm__pdf_pick(p, &o->name) : o->id);
    } else if (crit->kind == CRM_KIND_RATING) {
        crm__snprintf(buf, n, "%g / %g", val.number, crit->scale_max);
    } else {
        char m[48];

        crm__format_money(m, sizeof(m), val.number, fabs(val.number) >= 1000 ? 0 : 2);
        snprintf(buf, n, "%s %s", m,
                 crit->unit && strncmp(crit->unit, "currency", 8) != 0
                     ? crit->unit
                     : p->ev->currency);
    }
    return buf;
}

/* The criteria of @p vs's must-haves not verified, joined. */
const char *crm__pdf_unverified_rules(const struct pdf *p, char *buf, size_t n,
                                    const struct crm_vendor_score *vs)
{
    size_t k, len = 0;

    buf[0] = '\0';
    for (k = 0; k < p->ev->rule_count && len + 8 < n; k++) {
        if (vs->rules[k].state == CRM_MUST_HAVE_UNVERIFIED) {
            len += (size_t)snprintf(buf + len, n - len, "%s%s",
                                    len ? (p->zh ? "、" : ", ") : "",
                                    crm__pdf_criterion_name(p, p->ev->rules[k].index));
        }
    }
    return buf;
}

/* The lead shown as a number people can read: two decimals, more when
 * two decimals would show a lead of 0.00. */
const char *crm__pdf_lead_text(char *buf, size_t n, double lead)
{
    int d = 2;

    while (d < 6 && crm__round(lead, d) == 0) {
        d++;
    }
    return crm__pdf_num(buf, n, lead, d);
}

/* The names of @p count vendors, joined as the language joins a list. */
const char *crm__pdf_vendor_list(const struct pdf *p, char *buf, size_t n, const size_t *who,
                               size_t count)
{
    size_t k, len = 0;

    buf[0] = '\0';
    for (k = 0; k < count && len + 8 < n; k++) {
        len += (size_t)snprintf(buf + len, n - len, "%s%s",
                                k == 0 ? "" : p->zh ? "、" : k + 1 == count ? " and " : ", ",
                                crm__pdf_vendor_label(&p->res->vendors[who[k]]));
    }
    return buf;
}

/* What a question is about: no data, a sample assessment, or a value on
 * one kind of evidence only ("vendor claim only"). */
const char *crm__pdf_question_kind(const struct pdf *p, char *buf, size_t n,
                                 const struct crm_question *q)
{
    static const char *const basis[CRM_SPREAD_COUNT] = {
        "ev_vendor_claim", "ev_documentation", "ev_demo", "ev_trial", "ev_reference_customer",
        "ev_independent_test", "ev_panel", "q_sample", "ev_unsourced"
    };

    if (q->kind == CRM_QUESTION_MISSING) {
        return crm__pdf_fill(buf, n, T(p, "q_missing"), NULL);
    }
    if (q->kind == CRM_QUESTION_SAMPLE) {
        return crm__pdf_fill(buf, n, T(p, "q_sample"), NULL);
    }
    return crm__pdf_fill(buf, n, T(p, "q_evidence"), "basis", T(p, basis[q->basis]), NULL);
}

/* The must-haves cell of the ranking: pass, near miss, not verified or
 * failed. */
const char *crm__pdf_must_have_cell(const struct pdf *p, char *buf, size_t n,
                                  const struct crm_vendor_score *vs)
{
    char a[32];

    if (vs->must_have == CRM_MUST_HAVE_FAIL) {
        snprintf(a, sizeof(a), "%zu", vs->knockout_count);
        return crm__pdf_fill(buf, n, T(p, "knocked_out_n"), "count", a, NULL);
    }
    if (vs->must_have == CRM_MUST_HAVE_UNVERIFIED) {
        snprintf(a, sizeof(a), "%zu", vs->unverified_count);
        return crm__pdf_fill(buf, n, T(p, vs->knocked_out ? "knocked_out_unverified_n" : "unverified_n"),
                    "count", a, NULL);
    }
    if (vs->near_miss_count > 0) {
        snprintf(a, sizeof(a), "%zu", vs->near_miss_count);
        return crm__pdf_fill(buf, n, T(p, "pass_near_miss"), "count", a, NULL);
    }
    return crm__pdf_fill(buf, n, T(p, "pass"), NULL);
}

/* ---- sensitivity ---- */

const char *crm__pdf_item_name(const struct pdf *p, bool group, size_t k)
{
    return group ? crm__pdf_group_name(p, k) : crm__pdf_criterion_name(p, k);
}

/* The robustness sentence of the executive summary and the section. */
const char *crm__pdf_robust_sentence(const struct pdf *p, char *buf, size_t n)
{
    const struct crm_analysis *an = p->res->analysis;

    if (an->robustness == CRM_VERDICT_ROBUST) {
        return crm__pdf_fill(buf, n, T(p, "verdict_robust"), NULL);
    }
    if (an->robustness == CRM_VERDICT_TIE) {
        return crm__pdf_fill(buf, n, T(p, "verdict_tie"), NULL);
    }
    return crm__pdf_fill(buf, n, T(p, "verdict_fragile"), "rule",
                an->verdict_key ? T(p, an->verdict_key) : "", NULL);
}

/* The smallest weight change that changes the winner, as a sentence. */
const char *crm__pdf_smallest_change(const struct pdf *p, char *buf, size_t n)
{
    const struct crm_analysis *an = p->res->analysis;
    double now = an->smallest_is_group ? an->groups[an->smallest_index].current
                                       : an->criteria[an->smallest_index].current;
    char from[32], to[32];

    return crm__pdf_fill(buf, n, T(p, an->smallest_to < now ? "smallest_fell" : "smallest_rose"),
                "vendor", crm__pdf_vendor_label(&p->res->vendors[an->smallest_vendor]),
                "winner", crm__pdf_vendor_label(&p->res->vendors[an->winner]), "item",
                crm__pdf_item_name(p, an->smallest_is_group, an->smallest_index), "from",
                crm__pdf_pct(from, sizeof(from), now, 1), "to", crm__pdf_pct(to, sizeof(to), an->smallest_to, 1),
                NULL);
}

/* The simulation's sentence: the leader's chance of ranking first with
 * its standard error. */
const char *crm__pdf_sim_sentence(const struct pdf *p, char *buf, size_t n)
{
    const struct crm_simulation *sim = p->res->simulation;
    const struct crm_analysis *an = p->res->analysis;
    char trials[32], share[32], se[32];
    double together = 0;
    size_t k;

    crm__format_money(trials, sizeof(trials), (double)sim->trials, 0);
    if (an->tie_count > 1) {
        /* a tie: not one vendor picked by id, but the tied together */
        for (k = 0; k < an->tie_count; k++) {
            together += sim->vendors[an->tied[k]].p_first;
        }
        return crm__pdf_fill(buf, n, T(p, "sim_sentence_tied"), "trials", trials, "share",
                    crm__pdf_pct(share, sizeof(share), together, 1), NULL);
    }
    return crm__pdf_fill(buf, n, T(p, "sim_sentence"), "trials", trials, "vendor",
                crm__pdf_vendor_label(&p->res->vendors[sim->leader]), "share",
                crm__pdf_pct(share, sizeof(share), sim->vendors[sim->leader].p_first, 1),
                "se", crm__pdf_pct(se, sizeof(se), sim->se_p_first, 1), NULL);
}

/* Known values the simulation lets vary, whatever stands behind them. */
size_t crm__pdf_sim_varied(const struct crm_simulation *sim)
{
    size_t k, n = 0;

    for (k = 0; k < CRM_SPREAD_COUNT; k++) {
        n += sim->unknowns.spread[k];
    }
    return n;
}

/* Evidence older than 18 months before the evaluation date is flagged. */
bool crm__pdf_stale(const char *evidence_date, const char *eval_date)
{
    int ey = 0, em = 0, ed = 0, vy = 0, vm = 0, vd = 0;

    if (evidence_date == NULL || eval_date == NULL ||
        sscanf(evidence_date, "%d-%d-%d", &ey, &em, &ed) != 3 ||
        sscanf(eval_date, "%d-%d-%d", &vy, &vm, &vd) != 3) {
        return false;
    }
    return (vy * 12 + vm) - (ey * 12 + em) > 18 ||
           ((vy * 12 + vm) - (ey * 12 + em) == 18 && vd > ed);
}

