/* Unit tests: normalisation of values by kind, and must-have tests. */
#include "helpers.h"

#include "score/score.h"

static struct crm_criterion rating(double lo, double hi)
{
    struct crm_criterion c;

    memset(&c, 0, sizeof(c));
    c.kind = CRM_KIND_RATING;
    c.scale_min = lo;
    c.scale_max = hi;
    return c;
}

static void test_normalise__rating_on_declared_scale(void **state)
{
    struct crm_criterion c = rating(1, 5);

    (void)state;
    assert_near(crm__normalise(&c, 1, 0, 0), 0.0, 1e-12);
    assert_near(crm__normalise(&c, 3, 0, 0), 0.5, 1e-12);
    assert_near(crm__normalise(&c, 5, 0, 0), 1.0, 1e-12);
    /* The observed range is ignored for declared scales. */
    assert_near(crm__normalise(&c, 3, 3, 3.5), 0.5, 1e-12);
}

static void test_normalise__boolean_and_choice(void **state)
{
    struct crm_criterion b, ch;

    (void)state;
    memset(&b, 0, sizeof(b));
    b.kind = CRM_KIND_BOOLEAN;
    memset(&ch, 0, sizeof(ch));
    ch.kind = CRM_KIND_CHOICE;
    assert_near(crm__normalise(&b, 1, 0, 0), 1.0, 0);
    assert_near(crm__normalise(&b, 0, 0, 0), 0.0, 0);
    assert_near(crm__normalise(&ch, 0.7, 0, 0), 0.7, 0);
}

static void test_normalise__piecewise_linear(void **state)
{
    /* Record save time: 0.5 s -> 1.0, 3 s -> 0.0 (the domain's example). */
    static struct crm_point save[] = { { 0.5, 1.0 }, { 3.0, 0.0 } };
    static struct crm_point users[] = { { 0, 0 }, { 50, 0.3 }, { 200, 0.8 },
                                        { 1000, 1.0 } };
    static const struct {
        double x, expected;
    } save_cases[] = { { 0.1, 1.0 }, { 0.5, 1.0 }, { 1.75, 0.5 },
                       { 3.0, 0.0 }, { 9.0, 0.0 } },
      user_cases[] = { { 25, 0.15 }, { 125, 0.55 }, { 600, 0.9 },
                       { 5000, 1.0 } };
    struct crm_criterion c;
    size_t i;

    (void)state;
    memset(&c, 0, sizeof(c));
    c.kind = CRM_KIND_NUMBER;
    c.direction = -1;
    c.points = save;
    c.point_count = 2;
    for (i = 0; i < sizeof(save_cases) / sizeof(save_cases[0]); i++) {
        assert_near(crm__normalise(&c, save_cases[i].x, 0, 0),
                    save_cases[i].expected, 1e-12);
    }
    c.direction = 1;
    c.points = users;
    c.point_count = 4;
    for (i = 0; i < sizeof(user_cases) / sizeof(user_cases[0]); i++) {
        assert_near(crm__normalise(&c, user_cases[i].x, 0, 0),
                    user_cases[i].expected, 1e-12);
    }
}

static void test_normalise__min_max_when_no_function(void **state)
{
    struct crm_criterion c;

    (void)state;
    memset(&c, 0, sizeof(c));
    c.kind = CRM_KIND_NUMBER;
    c.direction = -1; /* cost: lower is better */
    assert_near(crm__normalise(&c, 100, 100, 300), 1.0, 1e-12);
    assert_near(crm__normalise(&c, 250, 100, 300), 0.25, 1e-12);
    assert_near(crm__normalise(&c, 300, 100, 300), 0.0, 1e-12);
    c.direction = 1;
    assert_near(crm__normalise(&c, 250, 100, 300), 0.75, 1e-12);
    /* Every vendor equal: nobody is penalised. */
    assert_near(crm__normalise(&c, 7, 7, 7), 1.0, 0);
}

static void test_normalise__rule_checks(void **state)
{
    struct crm_criterion r = rating(0, 5);
    struct crm_rule rule;
    struct crm_value v;
    struct crm_rule_outcome out;

    (void)state;
    memset(&rule, 0, sizeof(rule));
    memset(&v, 0, sizeof(v));
    rule.test = CRM_RULE_RANGE;
    rule.has_min = true;
    rule.min = 3;

    v.present = true;
    v.number = 3.2;
    crm__rule_check(&rule, &r, &v, 0.5, &out);
    assert_true(out.passed);
    assert_true(out.near_miss);   /* 0.2 inside a 0.5 margin */
    v.number = 4;
    crm__rule_check(&rule, &r, &v, 0.5, &out);
    assert_true(out.passed);
    assert_false(out.near_miss);
    v.number = 2.9;
    crm__rule_check(&rule, &r, &v, 0.5, &out);
    assert_false(out.passed);
    v.present = false;
    crm__rule_check(&rule, &r, &v, 0.5, &out);
    assert_false(out.passed);
    assert_true(out.missing);

    /* max: a threshold from above */
    rule.has_min = false;
    rule.has_max = true;
    rule.max = 10;
    v.present = true;
    v.number = 10;
    crm__rule_check(&rule, &r, &v, 1, &out);
    assert_true(out.passed);
    assert_true(out.near_miss);
    v.number = 10.01;
    crm__rule_check(&rule, &r, &v, 1, &out);
    assert_false(out.passed);

    /* equals on a boolean */
    rule.test = CRM_RULE_EQUALS;
    rule.equals = true;
    v.number = 0;
    crm__rule_check(&rule, &r, &v, 0, &out);
    assert_false(out.passed);
    v.number = 1;
    crm__rule_check(&rule, &r, &v, 0, &out);
    assert_true(out.passed);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normalise__rating_on_declared_scale),
        cmocka_unit_test(test_normalise__boolean_and_choice),
        cmocka_unit_test(test_normalise__piecewise_linear),
        cmocka_unit_test(test_normalise__min_max_when_no_function),
        cmocka_unit_test(test_normalise__rule_checks),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
