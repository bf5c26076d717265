/* Unit tests: the closed-form weight thresholds against brute-force
 * re-ranking, TOPSIS, Kendall's tau, the value-for-money frontier, the
 * finance tornado's break-even values and the verdict. */
#include "helpers.h"

#include <stdint.h>

#include "analysis/sensitivity.h"
#include "score/score.h"

struct fixture {
    crm_diags *diags;
    crm_evaluation *ev;
    crm_result *res;
};

static struct fixture *load(const char *rel)
{
    struct fixture *f = calloc(1, sizeof(*f));
    char path[512];

    f->diags = crm_diags_new(0);
    src_path(path, sizeof(path), rel);
    if (crm_evaluation_load(&f->ev, path, f->diags) != CRM_OK ||
        crm_result_compute(&f->res, f->ev, f->diags) != CRM_OK) {
        print_diags(f->diags);
        fail_msg("cannot evaluate %s", rel);
    }
    return f;
}

static void unload(struct fixture *f)
{
    crm_result_free(f->res);
    crm_evaluation_free(f->ev);
    crm_diags_free(f->diags);
    free(f);
}

/* Vendor @p v's score when item @p k (criterion, or group when @p group)
 * gets weight @p t and the others are rescaled, computed from scratch. */
static double brute_score(const struct crm_result *res, bool group, size_t k,
                          double t, size_t v)
{
    const struct crm_criteria_set *set = res->ev->set;
    double s = 0;
    size_t c;

    if (!group) {
        double w0 = res->weights.effective[k];

        for (c = 0; c < set->criterion_count; c++) {
            double w = c == k ? t : res->weights.effective[c] * (1 - t) / (1 - w0);

            s += 100 * w * res->vendors[v].criteria[c].normalised;
        }
    } else {
        double s0 = res->weights.group_share[k];

        for (c = 0; c < set->group_count; c++) {
            double w = c == k ? t : res->weights.group_share[c] * (1 - t) / (1 - s0);

            s += w * res->vendors[v].groups[c].score;
        }
    }
    return s;
}

/* The winner among passing vendors when item @p k (criterion, or group
 * when @p group) gets weight @p t and the others are rescaled: computed
 * from scratch, not with the closed form. */
static size_t brute_winner(const struct crm_result *res, bool group, size_t k,
                           double t)
{
    size_t v, best = CRM_NONE;
    double best_score = -1;

    for (v = 0; v < res->vendor_count; v++) {
        double s = 0;

        if (res->vendors[v].knocked_out) {
            continue;
        }
        s = brute_score(res, group, k, t, v);
        if (s > best_score + 1e-9) {
            best_score = s;
            best = v;
        }
    }
    return best;
}

static void check_thresholds(const char *example)
{
    struct fixture *f = load(example);
    const struct crm_result *res = f->res;
    const struct crm_analysis *an = res->analysis;
    const struct crm_criteria_set *set = res->ev->set;
    size_t k, checked = 0;
    int group;

    assert_non_null(an);
    assert_true(an->winner != CRM_NONE);
    for (group = 0; group < 2; group++) {
        size_t count = group ? set->group_count : set->criterion_count;

        for (k = 0; k < count; k++) {
            const struct crm_weight_stability *s =
                group ? &an->groups[k] : &an->criteria[k];
            double eps = 1e-6;

            if ((group ? res->weights.group_share[k] : res->weights.effective[k]) <= 0) {
                continue;
            }
            /* Inside the interval the winner holds... */
            assert_int_equal(brute_winner(res, group, k, s->lo + eps), an->winner);
            assert_int_equal(brute_winner(res, group, k, s->hi - eps), an->winner);
            /* ...and just outside, the named vendor wins. */
            /* ...and just outside, the named vendor beats it (another may
             * cross at the very same weight, so the winner there may be
             * either). */
            if (s->lo_vendor != CRM_NONE) {
                assert_true(brute_winner(res, group, k, s->lo - eps) != an->winner);
                assert_true(brute_score(res, group, k, s->lo - eps, s->lo_vendor) >
                            brute_score(res, group, k, s->lo - eps, an->winner));
                checked++;
            }
            if (s->hi_vendor != CRM_NONE) {
                assert_true(brute_winner(res, group, k, s->hi + eps) != an->winner);
                assert_true(brute_score(res, group, k, s->hi + eps, s->hi_vendor) >
                            brute_score(res, group, k, s->hi + eps, an->winner));
                checked++;
            }
        }
    }
    assert_true(checked > 0);
    /* The smallest change is the nearest of all thresholds. */
    assert_true(an->has_smallest);
    unload(f);
}

static void test_sensitivity__thresholds_match_brute_force_retail(void **state)
{
    (void)state;
    check_thresholds("examples/retail-sme.yaml");
}

static void test_sensitivity__thresholds_match_brute_force_bank(void **state)
{
    (void)state;
    check_thresholds("examples/enterprise-bank.yaml");
}

static void test_sensitivity__kendall_tau(void **state)
{
    static const double a[] = { 1, 2, 3, 4, 5 };
    static const double rev[] = { 5, 4, 3, 2, 1 };
    /* one discordant pair out of 10: (10 - 1 - 1) / 10 = 0.8 */
    static const double swap[] = { 1, 2, 3, 5, 4 };
    static const double tie[] = { 1, 1, 2, 3, 4 };

    (void)state;
    assert_near(crm__kendall_tau_b(a, a, 5), 1, 1e-12);
    assert_near(crm__kendall_tau_b(a, rev, 5), -1, 1e-12);
    assert_near(crm__kendall_tau_b(a, swap, 5), 0.8, 1e-12);
    /* tau-b with one tie in the second ranking: 9 / sqrt(10 x 9) */
    assert_near(crm__kendall_tau_b(a, tie, 5), 9 / sqrt(90.0), 1e-12);
}

/* The definition, pair by pair, as a reference. */
static double tau_b_by_pairs(const double *a, const double *b, size_t n)
{
    double concordant = 0, discordant = 0, ties_a = 0, ties_b = 0, pairs = 0;
    size_t i, j;

    for (i = 0; i < n; i++) {
        for (j = i + 1; j < n; j++) {
            pairs++;
            ties_a += a[i] == a[j];
            ties_b += b[i] == b[j];
            if (a[i] != a[j] && b[i] != b[j]) {
                concordant += (a[i] > a[j]) == (b[i] > b[j]);
                discordant += (a[i] > a[j]) != (b[i] > b[j]);
            }
        }
    }
    if (pairs == ties_a || pairs == ties_b) {
        return 1;
    }
    return (concordant - discordant) / sqrt((pairs - ties_a) * (pairs - ties_b));
}

/* Knight's O(n log n) tau-b against the definition: random scores with
 * few distinct values (ties in one, the other or both), correlated or
 * not, every size from 0 to 60 and a few large ones; equal to the bit. */
static void test_sensitivity__kendall_tau_matches_pairs(void **state)
{
    uint64_t z = 99;
    double a[700], b[700];
    size_t n, i, round;

    (void)state;
    for (round = 0; round < 400; round++) {
        size_t levels_a = 2 + round % 7, levels_b = 2 + round % 11;

        n = round < 240 ? round / 4 : 100 + (round % 7) * 100;
        for (i = 0; i < n; i++) {
            z = z * 6364136223846793005ULL + 1442695040888963407ULL;
            a[i] = (double)((z >> 33) % levels_a);
            z = z * 6364136223846793005ULL + 1442695040888963407ULL;
            /* half the rounds: b follows a, with noise */
            b[i] = round % 2 ? (double)((z >> 33) % levels_b)
                             : a[i] * 3 + (double)((z >> 33) % 3) - 1;
        }
        assert_true(crm__kendall_tau_b(a, b, n) == tau_b_by_pairs(a, b, n));
    }
}

/* In the hand case A beats C and B on two of four criteria and is the
 * only vendor passing; TOPSIS closeness of a vendor best on every weighted
 * criterion would be 1: check the bounds and the agreement measure. */
static void test_sensitivity__topsis_bounds(void **state)
{
    struct fixture *f = load("tests/data/hand/evaluation.yaml");
    const struct crm_analysis *an = f->res->analysis;
    size_t v;

    (void)state;
    for (v = 0; v < f->res->vendor_count; v++) {
        if (f->res->vendors[v].knocked_out) {
            /* knocked out: TOPSIS leaves it out */
            assert_true(isnan(an->topsis[v]));
            assert_int_equal(an->topsis_rank[v], 0);
        } else {
            assert_true(an->topsis[v] >= 0 && an->topsis[v] <= 1);
        }
    }
    /* A leads; it is first under both methods. */
    assert_int_equal(an->topsis_rank[an->winner], 1);
    assert_false(an->methods_disagree);
    assert_true(an->kendall_tau >= -1 && an->kendall_tau <= 1);
    unload(f);
}

static void test_sensitivity__frontier(void **state)
{
    struct fixture *f = load("examples/retail-sme.yaml");
    const struct crm_result *res = f->res;
    const struct crm_analysis *an = res->analysis;
    size_t v, j, efficient = 0;

    (void)state;
    for (v = 0; v < res->vendor_count; v++) {
        if (!an->efficient[v]) {
            continue;
        }
        efficient++;
        /* nobody passing is at least as good on both and better on one */
        for (j = 0; j < res->vendor_count; j++) {
            if (j == v || res->vendors[j].knocked_out || isnan(an->value_cost[j])) {
                continue;
            }
            assert_false(res->vendors[j].score >= res->vendors[v].score &&
                         an->value_cost[j] <= an->value_cost[v] &&
                         (res->vendors[j].score > res->vendors[v].score ||
                          an->value_cost[j] < an->value_cost[v]));
        }
    }
    assert_true(efficient >= 1);
    /* the recommended vendor's score is the best, so it is efficient */
    assert_true(an->efficient[an->winner]);
    unload(f);
}

/* At a cost or benefit break-even, the NPV is zero. */
static void test_sensitivity__tornado_break_even(void **state)
{
    struct fixture *f = load("examples/retail-sme.yaml");
    const struct crm_result *res = f->res;
    const struct crm_analysis *an = res->analysis;
    struct crm_arena *arena = res->arena;
    size_t v, k, checked = 0;

    (void)state;
    assert_non_null(an->tornado);
    for (v = 0; v < res->vendor_count; v++) {
        const struct crm_vendor_tornado *tv = &an->tornado[v];

        for (k = 0; k < tv->bar_count; k++) {
            const struct crm_tornado_bar *b = &tv->bars[k];
            struct crm_finance_shift s;
            struct crm_vendor_finance out;

            if (k > 0) {   /* largest swing first */
                assert_true(fabs(tv->bars[k - 1].npv_high - tv->bars[k - 1].npv_low) >=
                            fabs(b->npv_high - b->npv_low) - 1e-9);
            }
            if (!b->has_break_even || b->input == CRM_TORNADO_RATE) {
                continue;
            }
            crm__shift_none(&s);
            if (b->input == CRM_TORNADO_COST) {
                s.cost[b->category] = b->break_even;
            } else if (b->input == CRM_TORNADO_BENEFITS) {
                s.benefits = b->break_even;
            } else {
                continue; /* seats: bisection, whole seats */
            }
            crm__project(arena, res->ev, res->ev->vendors[v], &s, &out);
            assert_near(out.base.summary.npv, 0, 0.01);
            checked++;
        }
    }
    assert_true(checked > 0);
    unload(f);
}

static void test_sensitivity__verdict_rule(void **state)
{
    struct fixture *f = load("examples/retail-sme.yaml");
    const struct crm_analysis *an = f->res->analysis;
    double now = 0;

    (void)state;
    assert_true(an->has_smallest);
    now = an->smallest_is_group ? an->groups[an->smallest_index].current
                                : an->criteria[an->smallest_index].current;
    /* fragile exactly when some rule fails; the weight rule is checked
     * against its threshold */
    if (fabs(an->smallest_to - now) < CRM_FRAGILE_WEIGHT_CHANGE) {
        assert_int_equal(an->robustness, CRM_VERDICT_FRAGILE);
        assert_non_null(an->verdict_rule);
        assert_string_equal(an->verdict_key, "verdict_weight");
    }
    if (an->robustness == CRM_VERDICT_ROBUST) {
        assert_null(an->verdict_rule);
        assert_null(an->verdict_key);
    }
    unload(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sensitivity__thresholds_match_brute_force_retail),
        cmocka_unit_test(test_sensitivity__thresholds_match_brute_force_bank),
        cmocka_unit_test(test_sensitivity__kendall_tau),
        cmocka_unit_test(test_sensitivity__kendall_tau_matches_pairs),
        cmocka_unit_test(test_sensitivity__topsis_bounds),
        cmocka_unit_test(test_sensitivity__frontier),
        cmocka_unit_test(test_sensitivity__tornado_break_even),
        cmocka_unit_test(test_sensitivity__verdict_rule),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
