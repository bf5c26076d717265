/* Unit tests: effective weights from defaults, profile and overrides. */
#include "helpers.h"

#include "load/load.h"
#include "util/arena.h"

static const char *const SET =
    "kind: criteria\nid: w\nname: {en: W, zh-CN: W}\ngroups:\n"
    "  - id: a\n    name: {en: A, zh-CN: A}\n    description: {en: d, zh-CN: d}\n"
    "    weight: 2\n    criteria:\n"
    "      - {id: x, name: {en: X, zh-CN: X}, description: {en: d, zh-CN: d}, kind: boolean, weight: 3}\n"
    "      - {id: y, name: {en: Y, zh-CN: Y}, description: {en: d, zh-CN: d}, kind: boolean}\n"
    "  - id: b\n    name: {en: B, zh-CN: B}\n    description: {en: d, zh-CN: d}\n"
    "    weight: 6\n    criteria:\n"
    "      - {id: z, name: {en: Z, zh-CN: Z}, description: {en: d, zh-CN: d}, kind: boolean}\n";

struct fixture {
    struct crm_arena *arena;
    crm_diags *diags;
    struct crm_criteria_set *set;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));
    struct crm_ynode *root = NULL;
    struct crm_reader r;

    f->arena = crm__arena_new();
    f->diags = crm_diags_new(0);
    crm__yaml_parse(f->arena, "w.yaml", SET, strlen(SET), f->diags, &root);
    crm__rd_init(&r, f->arena, f->diags, "w.yaml");
    f->set = crm__criteria_read(&r, root);
    *state = f;
    return r.errors == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    crm__arena_free(f->arena);
    crm_diags_free(f->diags);
    free(f);
    return 0;
}

static void read_entries(struct fixture *f, const char *yaml,
                         struct crm_weight_entry **out, size_t *count)
{
    struct crm_ynode *root = NULL;
    struct crm_reader r;

    assert_int_equal(crm__yaml_parse(f->arena, "p.yaml", yaml, strlen(yaml),
                                     f->diags, &root),
                     CRM_OK);
    crm__rd_init(&r, f->arena, f->diags, "p.yaml");
    assert_true(crm__weights_read(&r, root, out, count));
    assert_int_equal(crm__weights_resolve(f->diags, f->set, *out, *count), 0);
}

static void test_weights__defaults_normalised_per_level(void **state)
{
    struct fixture *f = *state;
    struct crm_weights w;
    struct crm_mark where = { "e.yaml", 1, 1 };

    assert_int_equal(crm__weights_compute(f->arena, f->diags, f->set, NULL, 0,
                                          NULL, 0, &where, &w),
                     0);
    /* groups 2 : 6 -> 0.25, 0.75; in a: x 3 : y 1 -> 0.75, 0.25 */
    assert_near(w.group_share[0], 0.25, 1e-12);
    assert_near(w.group_share[1], 0.75, 1e-12);
    assert_near(w.effective[0], 0.1875, 1e-12);
    assert_near(w.effective[1], 0.0625, 1e-12);
    assert_near(w.effective[2], 0.75, 1e-12);
    assert_near(w.effective[0] + w.effective[1] + w.effective[2], 1.0, 1e-12);
    assert_string_equal(w.group_origin[0], "criteria set");
}

static void test_weights__profile_then_overrides(void **state)
{
    struct fixture *f = *state;
    struct crm_weight_entry *profile = NULL, *over = NULL;
    size_t np = 0, no = 0;
    struct crm_weights w;
    struct crm_mark where = { "e.yaml", 1, 1 };

    read_entries(f, "a: {weight: 1, criteria: {x: 1, y: 1}}\nb: 1\n", &profile, &np);
    read_entries(f, "a: {criteria: {y: 3}}\n", &over, &no);
    assert_int_equal(crm__weights_compute(f->arena, f->diags, f->set, profile,
                                          np, over, no, &where, &w),
                     0);
    /* groups 1 : 1; in a: x 1 (profile) : y 3 (override) */
    assert_near(w.effective[0], 0.125, 1e-12);
    assert_near(w.effective[1], 0.375, 1e-12);
    assert_near(w.effective[2], 0.5, 1e-12);
    assert_string_equal(w.criterion_origin[0], "profile");
    assert_string_equal(w.criterion_origin[1], "evaluation");
    assert_string_equal(w.criterion_origin[2], "criteria set");
}

static void test_weights__zero_group_is_left_out(void **state)
{
    struct fixture *f = *state;
    struct crm_weight_entry *over = NULL;
    size_t no = 0;
    struct crm_weights w;
    struct crm_mark where = { "e.yaml", 1, 1 };

    read_entries(f, "b: 0\n", &over, &no);
    assert_int_equal(crm__weights_compute(f->arena, f->diags, f->set, NULL, 0,
                                          over, no, &where, &w),
                     0);
    assert_near(w.effective[2], 0.0, 0);
    assert_near(w.effective[0] + w.effective[1], 1.0, 1e-12);
}

static void test_weights__all_zero_is_an_error(void **state)
{
    struct fixture *f = *state;
    struct crm_weight_entry *over = NULL;
    size_t no = 0;
    struct crm_weights w;
    struct crm_mark where = { "e.yaml", 1, 1 };

    read_entries(f, "a: 0\nb: 0\n", &over, &no);
    assert_int_equal(crm__weights_compute(f->arena, f->diags, f->set, NULL, 0,
                                          over, no, &where, &w),
                     1);
    assert_true(diags_contain(f->diags, "e.yaml:1:1: error: all group weights are zero"));
}

static void test_weights__all_zero_in_weighted_group(void **state)
{
    struct fixture *f = *state;
    struct crm_weight_entry *over = NULL;
    size_t no = 0;
    struct crm_weights w;
    struct crm_mark where = { "e.yaml", 1, 1 };

    read_entries(f, "a: {criteria: {x: 0, y: 0}}\n", &over, &no);
    assert_int_equal(crm__weights_compute(f->arena, f->diags, f->set, NULL, 0,
                                          over, no, &where, &w),
                     1);
    assert_true(diags_contain(f->diags, "all criterion weights in group 'a' are zero"));
}

static void test_weights__unknown_names_suggested(void **state)
{
    struct fixture *f = *state;
    struct crm_ynode *root = NULL;
    struct crm_reader r;
    struct crm_weight_entry *e = NULL;
    size_t n = 0;
    const char *yaml = "aa: 1\nb: {criteria: {zz: 2}}\n";

    crm__yaml_parse(f->arena, "p.yaml", yaml, strlen(yaml), f->diags, &root);
    crm__rd_init(&r, f->arena, f->diags, "p.yaml");
    assert_true(crm__weights_read(&r, root, &e, &n));
    assert_int_equal(crm__weights_resolve(f->diags, f->set, e, n), 2);
    assert_true(diags_contain(f->diags, "p.yaml:1:1: error: unknown group 'aa' in criteria set 'w'; did you mean 'a'?"));
    assert_true(diags_contain(f->diags, "p.yaml:2:16: error: unknown criterion 'zz' in group 'b'"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_weights__defaults_normalised_per_level, setup, teardown),
        cmocka_unit_test_setup_teardown(test_weights__profile_then_overrides, setup, teardown),
        cmocka_unit_test_setup_teardown(test_weights__zero_group_is_left_out, setup, teardown),
        cmocka_unit_test_setup_teardown(test_weights__all_zero_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_weights__all_zero_in_weighted_group, setup, teardown),
        cmocka_unit_test_setup_teardown(test_weights__unknown_names_suggested, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
