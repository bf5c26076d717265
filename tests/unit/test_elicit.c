/* Unit tests: weighting aids. AHP against two published examples (Saaty's
 * drink consumption, and the "choosing a leader" criteria of the AHP
 * literature), a consistent matrix returning its weights exactly, missing
 * judgements, a panel's geometric mean, the most inconsistent judgement,
 * and rank-order centroid and swing weights against their formulas. */
#include "helpers.h"

#include "crmeval/crmeval.h"
#include "model/elicit.h"

/* Judgements from the upper triangle of a full matrix (row-major). */
static size_t from_matrix(const double *m, size_t n, struct crm_ahp_judgement *out)
{
    size_t i, j, k = 0;

    for (i = 0; i < n; i++) {
        for (j = i + 1; j < n; j++) {
            out[k].i = i;
            out[k].j = j;
            out[k].ratio = m[i * n + j];
            k++;
        }
    }
    return k;
}

static void ahp_ok(const struct crm_ahp_judgement *jd, size_t count, size_t n,
                   double *w, struct crm_ahp_result *res)
{
    const char *reason = NULL;
    size_t unlinked = 0;

    assert_int_equal(crm__ahp(jd, count, n, w, res, &unlinked, &reason), CRM_OK);
}

/* Saaty (1980; also Notices of the AMS 60(2), 2013): relative consumption
 * of drinks in the US. Published: coffee .177, wine .019, tea .042, beer
 * .116, sodas .190, milk .129, water .327; CR about 0.022. */
static void test_elicit__ahp_saaty_drinks(void **state)
{
    static const double m[] = {
        /* coffee wine  tea  beer sodas milk water */
        1,    9,   5,   2,   1,   1,   1.0 / 2,
        1.0 / 9, 1, 1.0 / 3, 1.0 / 9, 1.0 / 9, 1.0 / 9, 1.0 / 9,
        1.0 / 5, 3, 1,   1.0 / 3, 1.0 / 4, 1.0 / 3, 1.0 / 9,
        1.0 / 2, 9, 3,   1,   1.0 / 2, 1, 1.0 / 3,
        1,    9,   4,   2,   1,   2,   1.0 / 2,
        1,    9,   3,   1,   1.0 / 2, 1, 1.0 / 3,
        2,    9,   9,   3,   2,   3,   1,
    };
    static const double published[] = { .177, .019, .042, .116, .190, .129, .327 };
    struct crm_ahp_judgement jd[21];
    struct crm_ahp_result res;
    double w[7], sum = 0;
    size_t i;

    (void)state;
    ahp_ok(jd, from_matrix(m, 7, jd), 7, w, &res);
    for (i = 0; i < 7; i++) {
        assert_near(w[i], published[i], 0.0005);
        sum += w[i];
    }
    assert_near(sum, 1, 1e-12);
    assert_near(res.ri, 1.32, 1e-12);
    assert_near(res.cr, 0.022, 0.001);
    assert_true(res.consistent);
    assert_int_equal(res.pairs, 21);
    assert_int_equal(res.missing, 0);
}

/* Choosing a leader (Saaty's teaching example, as in most AHP primers):
 * experience, education, charisma, age. Published priorities .547 (.548),
 * .127, .270, .056; CR 0.044. */
static void test_elicit__ahp_leader_criteria(void **state)
{
    static const double m[] = {
        1, 4, 3, 7,
        1.0 / 4, 1, 1.0 / 3, 3,
        1.0 / 3, 3, 1, 5,
        1.0 / 7, 1.0 / 3, 1.0 / 5, 1,
    };
    struct crm_ahp_judgement jd[6];
    struct crm_ahp_result res;
    double w[4];

    (void)state;
    ahp_ok(jd, from_matrix(m, 4, jd), 4, w, &res);
    assert_near(w[0], .547, 0.0015);
    assert_near(w[1], .127, 0.0005);
    assert_near(w[2], .270, 0.0005);
    assert_near(w[3], .056, 0.0005);
    assert_near(res.cr, 0.044, 0.001);
}

/* A consistent matrix (a_ij = w_i / w_j) gives w back, lambda = n, CR 0;
 * with judgements missing (a spanning set only), Harker's method gives w
 * back too. */
static void test_elicit__ahp_consistent_and_missing(void **state)
{
    static const double truth[] = { 0.4, 0.2, 0.1, 0.2, 0.1 };
    struct crm_ahp_judgement jd[10];
    struct crm_ahp_result res;
    double m[25], w[5];
    size_t i, j;

    (void)state;
    for (i = 0; i < 5; i++) {
        for (j = 0; j < 5; j++) {
            m[i * 5 + j] = truth[i] / truth[j];
        }
    }
    ahp_ok(jd, from_matrix(m, 5, jd), 5, w, &res);
    for (i = 0; i < 5; i++) {
        assert_near(w[i], truth[i], 1e-12);
    }
    assert_near(res.lambda_max, 5, 1e-9);
    assert_near(res.cr, 0, 1e-9);
    /* a chain 0-1, 1-2, 2-3, 3-4 and one more: 5 of 10 pairs */
    for (i = 0; i < 4; i++) {
        jd[i].i = i;
        jd[i].j = i + 1;
        jd[i].ratio = truth[i] / truth[i + 1];
    }
    jd[4].i = 4;
    jd[4].j = 0;
    jd[4].ratio = truth[4] / truth[0];
    ahp_ok(jd, 5, 5, w, &res);
    for (i = 0; i < 5; i++) {
        assert_near(w[i], truth[i], 1e-9);
    }
    assert_int_equal(res.pairs, 5);
    assert_int_equal(res.missing, 5);
}

/* Two evaluators judging a pair 2 and 8 count as their geometric mean,
 * 4; a judgement given the other way round (j over i) is its reciprocal. */
static void test_elicit__ahp_panel_geometric_mean(void **state)
{
    struct crm_ahp_judgement panel[] = { { 0, 1, 2 }, { 0, 1, 8 } };
    struct crm_ahp_judgement flipped[] = { { 1, 0, 1.0 / 2 }, { 0, 1, 8 } };
    struct crm_ahp_result res;
    double w[2];

    (void)state;
    ahp_ok(panel, 2, 2, w, &res);
    assert_near(w[0], 0.8, 1e-12);
    assert_near(w[1], 0.2, 1e-12);
    assert_int_equal(res.pairs, 1);
    ahp_ok(flipped, 2, 2, w, &res);
    assert_near(w[0], 0.8, 1e-12);
}

/* One judgement reversed in a consistent 4 x 4 matrix is named first among
 * the most inconsistent, and the ratio is flagged above 0.10. */
static void test_elicit__ahp_names_inconsistent_judgement(void **state)
{
    static const double truth[] = { 0.5, 0.25, 0.15, 0.10 };
    struct crm_ahp_judgement jd[6];
    struct crm_ahp_result res;
    double m[16], w[4];
    size_t i, j, k;

    (void)state;
    for (i = 0; i < 4; i++) {
        for (j = 0; j < 4; j++) {
            m[i * 4 + j] = truth[i] / truth[j];
        }
    }
    from_matrix(m, 4, jd);
    for (k = 0; k < 6; k++) {
        if (jd[k].i == 0 && jd[k].j == 3) {
            jd[k].ratio = 1.0 / 5; /* said 1/5 where the others imply 5 */
        }
    }
    ahp_ok(jd, 6, 4, w, &res);
    assert_false(res.consistent);
    assert_true(res.cr > CRM_AHP_CR_LIMIT);
    assert_int_equal(res.worst_count, 3);
    assert_int_equal(res.worst_i[0], 0);
    assert_int_equal(res.worst_j[0], 3);
    assert_true(res.worst_factor[0] >= res.worst_factor[1]);
    assert_true(res.worst_factor[1] >= res.worst_factor[2]);
}

static void test_elicit__ahp_rejects_bad_judgements(void **state)
{
    struct crm_ahp_judgement off_scale[] = { { 0, 1, 12 } };
    struct crm_ahp_judgement self[] = { { 1, 1, 3 } };
    struct crm_ahp_judgement out_of_range[] = { { 0, 4, 3 } };
    struct crm_ahp_judgement split[] = { { 0, 1, 3 }, { 2, 3, 2 } };
    struct crm_ahp_result res;
    const char *reason = NULL;
    size_t unlinked = 0;
    double w[4];

    (void)state;
    assert_int_equal(crm__ahp(off_scale, 1, 2, w, &res, &unlinked, &reason), CRM_EINPUT);
    assert_non_null(strstr(reason, "scale"));
    assert_int_equal(crm__ahp(self, 1, 2, w, &res, &unlinked, &reason), CRM_EINPUT);
    assert_int_equal(crm__ahp(out_of_range, 1, 4, w, &res, &unlinked, &reason), CRM_EINPUT);
    assert_int_equal(crm__ahp(split, 2, 4, w, &res, &unlinked, &reason), CRM_EINPUT);
    assert_int_equal(unlinked, 2);
    assert_non_null(strstr(reason, "unconnected"));
}

/* ROC for n = 4: (1 + 1/2 + 1/3 + 1/4)/4 = .5208, (1/2 + 1/3 + 1/4)/4 =
 * .2708, (1/3 + 1/4)/4 = .1458, (1/4)/4 = .0625; a tie shares the mean. */
static void test_elicit__rank_order_centroid(void **state)
{
    static const unsigned order[] = { 2, 1, 4, 3 };
    static const unsigned tied[] = { 1, 2, 2, 4 };
    static const unsigned dense[] = { 1, 2, 2, 3 };
    double w[4];

    (void)state;
    assert_true(crm__roc_weights(order, 4, w));
    assert_near(w[1], 25.0 / 48.0, 1e-12);
    assert_near(w[0], 13.0 / 48.0, 1e-12);
    assert_near(w[3], 7.0 / 48.0, 1e-12);
    assert_near(w[2], 3.0 / 48.0, 1e-12);
    assert_true(crm__roc_weights(tied, 4, w));
    assert_near(w[0], 25.0 / 48.0, 1e-12);
    assert_near(w[1], (13.0 + 7.0) / 96.0, 1e-12);
    assert_near(w[2], w[1], 1e-15);
    assert_near(w[0] + w[1] + w[2] + w[3], 1, 1e-12);
    assert_false(crm__roc_weights(dense, 4, w));
}

static void test_elicit__swing(void **state)
{
    static const double points[] = { 100, 60, 40, 0 };
    static const double negative[] = { 100, -1 };
    static const double zero[] = { 0, 0 };
    double w[4];

    (void)state;
    assert_true(crm__swing_weights(points, 4, w));
    assert_near(w[0], 0.5, 1e-15);
    assert_near(w[1], 0.3, 1e-15);
    assert_near(w[2], 0.2, 1e-15);
    assert_near(w[3], 0, 1e-15);
    assert_false(crm__swing_weights(negative, 2, w));
    assert_false(crm__swing_weights(zero, 2, w));
}

/* A judgements file end to end: AHP between the groups and a ranking
 * within one; the profile is written, read back, and accepted by
 * `validate` (and never written over the judgements or criteria), with
 * the weights the formulas give (3:1 and ROC for two are
 * both 75/25) and the names round-tripping through YAML quoting. */
static void test_elicit__judgements_file_to_profile(void **state)
{
    char crit[512], text[1024], profile[1024], got[4096];
    char *dir = make_temp_dir();
    const char *path = NULL, *paths[1];
    crm_diags *diags = crm_diags_new(0);
    crm_elicited *w = NULL;
    crm_outputs *out = NULL;
    size_t len = 0;
    FILE *f = NULL;

    (void)state;
    src_path(crit, sizeof(crit), "tests/data/hand/criteria.yaml");
    snprintf(text, sizeof(text),
             "kind: judgements\nid: hand_ahp\ncriteria: %s\n"
             "name: {en: 'Hand \"AHP\" \\ O''Brien', zh-CN: 手算示例}\n"
             "groups:\n  ahp: [[g1, g2, 3, \"O'Brien; DROP TABLE x\"]]\n"
             "within:\n  g1:\n    rank: [b, r]\n",
             crit);
    path = write_file(dir, "j.yaml", text);
    if (crm_elicited_load(&w, path, diags) != CRM_OK) {
        print_diags(diags);
        fail_msg("cannot derive weights");
    }
    assert_non_null(strstr(crm_elicited_summary(w), "rank-order centroid"));
    snprintf(profile, sizeof(profile), "%s/profile.yaml", dir);
    assert_int_equal(crm_outputs_new(&out), CRM_OK);
    assert_int_equal(crm_elicited_protect_inputs(w, out, diags), CRM_OK);
    /* never over the judgements or their criteria set */
    assert_int_equal(crm_elicited_add_profile(out, w, path, diags), CRM_EINPUT);
    assert_int_equal(crm_elicited_add_profile(out, w, crit, diags), CRM_EINPUT);
    assert_true(diags_contain(diags, "the weight profile would replace the criteria set"));
    assert_int_equal(crm_elicited_add_profile(out, w, profile, diags), CRM_OK);
    assert_int_equal(crm_outputs_commit(out, diags), CRM_OK);
    crm_outputs_free(out);
    crm_diags_free(diags);
    diags = crm_diags_new(0);
    f = fopen(profile, "rb");
    assert_non_null(f);
    len = fread(got, 1, sizeof(got) - 1, f);
    fclose(f);
    got[len] = '\0';
    assert_non_null(strstr(got, "kind: profile\nid: hand_ahp\ncriteria_set: hand\n"));
    assert_non_null(strstr(got, "  g1:\n    weight: 75.0000\n    criteria:\n"
                                "      r: 25.0000\n      b: 75.0000\n"));
    assert_non_null(strstr(got, "  g2:\n    weight: 25.0000\n"));
    assert_non_null(strstr(got, "name: {en: \"Hand \\\"AHP\\\" \\\\ O'Brien\", "
                                "zh-CN: \"手算示例\"}"));
    assert_non_null(strstr(got, "CR 0.000"));
    paths[0] = profile;
    assert_int_equal(crm_validate_files(paths, 1, crit, diags), CRM_OK);
    assert_int_equal(crm_diags_error_count(diags), 0);
    crm_elicited_free(w);
    crm_diags_free(diags);
    remove_tree(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_elicit__ahp_saaty_drinks),
        cmocka_unit_test(test_elicit__ahp_leader_criteria),
        cmocka_unit_test(test_elicit__ahp_consistent_and_missing),
        cmocka_unit_test(test_elicit__ahp_panel_geometric_mean),
        cmocka_unit_test(test_elicit__ahp_names_inconsistent_judgement),
        cmocka_unit_test(test_elicit__ahp_rejects_bad_judgements),
        cmocka_unit_test(test_elicit__rank_order_centroid),
        cmocka_unit_test(test_elicit__swing),
        cmocka_unit_test(test_elicit__judgements_file_to_profile),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
