/* Unit tests: YAML text -> tree, and what the tree refuses. */
#include "helpers.h"

#include "load/yamltree.h"
#include "util/arena.h"

struct fixture {
    struct crm_arena *arena;
    crm_diags *diags;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof(*f));

    f->arena = crm__arena_new();
    f->diags = crm_diags_new(0);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;

    crm__arena_free(f->arena);
    crm_diags_free(f->diags);
    free(f);
    return 0;
}

static crm_status parse(struct fixture *f, const char *text,
                        struct crm_ynode **root)
{
    return crm__yaml_parse(f->arena, "t.yaml", text, strlen(text), f->diags,
                           root);
}

/* The first diagnostic, formatted. */
static const char *first(struct fixture *f)
{
    static char line[1400];

    assert_true(crm_diags_count(f->diags) > 0);
    crm_diag_format(crm_diags_get(f->diags, 0), line, sizeof(line));
    return line;
}

static void test_yamltree__builds_tree_with_positions(void **state)
{
    struct fixture *f = *state;
    struct crm_ynode *root = NULL;
    const char *text = "kind: vendor\n"
                       "values:\n"
                       "  a.b: 3\n"
                       "  c.d: \"4\"\n"
                       "list: [x, 'y']\n";

    assert_int_equal(parse(f, text, &root), CRM_OK);
    assert_int_equal(root->type, CRM_YMAP);
    assert_int_equal(root->count, 3);
    assert_string_equal(root->pairs[0].key->text, "kind");
    assert_string_equal(root->pairs[0].value->text, "vendor");
    assert_int_equal(root->pairs[1].value->type, CRM_YMAP);
    /* "a.b: 3" sits on line 3, the key at column 3, the value at column 8. */
    assert_int_equal(root->pairs[1].value->pairs[0].key->line, 3);
    assert_int_equal(root->pairs[1].value->pairs[0].key->column, 3);
    assert_int_equal(root->pairs[1].value->pairs[0].value->column, 8);
    assert_true(root->pairs[1].value->pairs[0].value->plain);
    assert_false(root->pairs[1].value->pairs[1].value->plain);
    assert_int_equal(root->pairs[2].value->type, CRM_YSEQ);
    assert_int_equal(root->pairs[2].value->count, 2);
    assert_string_equal(root->pairs[2].value->items[1]->text, "y");
}

static void test_yamltree__refuses_aliases_and_anchors(void **state)
{
    struct fixture *f = *state;
    struct crm_ynode *root = NULL;

    assert_int_equal(parse(f, "a: &x [1, 2]\nb: *x\n", &root), CRM_EINPUT);
    assert_null(root);
    assert_string_equal(first(f),
                        "t.yaml:1:4: error: YAML anchor '&x' is not allowed; "
                        "anchors and aliases are refused so that a small file "
                        "cannot expand into a huge one");
}

static void test_yamltree__refuses_alias_bomb(void **state)
{
    struct fixture *f = *state;
    struct crm_ynode *root = NULL;
    const char *bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
                       "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                       "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                       "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n";

    assert_int_equal(parse(f, bomb, &root), CRM_EINPUT);
    assert_int_equal(crm_diags_error_count(f->diags), 1);
}

static void test_yamltree__duplicate_key(void **state)
{
    struct fixture *f = *state;
    struct crm_ynode *root = NULL;

    assert_int_equal(parse(f, "id: a\nname: x\nid: b\n", &root), CRM_EINPUT);
    assert_string_equal(first(f),
                        "t.yaml:3:1: error: duplicate key 'id' (first given "
                        "at line 1); each key may appear once");
}

static void test_yamltree__syntax_error_has_position(void **state)
{
    struct fixture *f = *state;
    struct crm_ynode *root = NULL;

    assert_int_equal(parse(f, "a: [1, 2\nb: 3\n", &root), CRM_EINPUT);
    assert_non_null(strstr(first(f), "t.yaml:2:2: error: YAML syntax error"));
}

static void test_yamltree__invalid_utf8(void **state)
{
    struct fixture *f = *state;
    struct crm_ynode *root = NULL;

    assert_int_equal(parse(f, "name: ok\nnote: caf\xe9\n", &root), CRM_EINPUT);
    assert_string_equal(first(f),
                        "t.yaml:2:10: error: invalid UTF-8 byte sequence; "
                        "input files must be UTF-8");
}

static void test_yamltree__one_document_only(void **state)
{
    struct fixture *f = *state;
    struct crm_ynode *root = NULL;

    assert_int_equal(parse(f, "a: 1\n---\nb: 2\n", &root), CRM_EINPUT);
    assert_non_null(strstr(first(f), "a second YAML document"));
}

static void test_yamltree__empty_file(void **state)
{
    struct fixture *f = *state;
    struct crm_ynode *root = NULL;

    assert_int_equal(parse(f, "# only a comment\n", &root), CRM_EINPUT);
    assert_non_null(strstr(first(f), "the file is empty"));
}

static void test_yamltree__depth_limit(void **state)
{
    struct fixture *f = *state;
    struct crm_ynode *root = NULL;
    char text[400];
    size_t i;

    for (i = 0; i < 100; i++) {
        text[i] = '[';
    }
    for (i = 100; i < 200; i++) {
        text[i] = ']';
    }
    text[200] = '\0';
    assert_int_equal(parse(f, text, &root), CRM_EINPUT);
    assert_non_null(strstr(first(f), "nesting deeper than 64 levels"));
}

static void test_yamltree__non_scalar_key(void **state)
{
    struct fixture *f = *state;
    struct crm_ynode *root = NULL;

    assert_int_equal(parse(f, "? [a, b]\n: 1\n", &root), CRM_EINPUT);
    assert_non_null(strstr(first(f), "a mapping key must be plain text"));
}


static void test_yamltree__one_bom_is_skipped(void **state)
{
    struct fixture *f = *state;
    struct crm_ynode *root = NULL;

    assert_int_equal(parse(f, "\xEF\xBB\xBFkind: vendor\n", &root), CRM_OK);
    assert_string_equal(root->pairs[0].key->text, "kind");
    assert_int_equal(root->pairs[0].key->column, 1);
}

/* A million byte-order marks once overflowed the stack (one recursive
 * call each); now the second is an error at its position. */
static void test_yamltree__repeated_bom_is_an_error(void **state)
{
    struct fixture *f = *state;
    struct crm_ynode *root = NULL;
    size_t n = 1000000, i;
    char *text = malloc(3 * n + 8);

    assert_non_null(text);
    for (i = 0; i < n; i++) {
        memcpy(text + 3 * i, "\xEF\xBB\xBF", 3);
    }
    memcpy(text + 3 * n, "a: 1\n", 6);
    assert_int_equal(crm__yaml_parse(f->arena, "t.yaml", text, 3 * n + 5, f->diags, &root),
                     CRM_EINPUT);
    free(text);
    assert_string_equal(first(f), "t.yaml:1:1: error: the file starts with 1000000 "
                                  "byte-order marks (U+FEFF); a file may start with one "
                                  "at most");
}

/* libyaml gives no position for the characters it refuses; they are
 * reported where they are, not at 1:1. */
static void test_yamltree__control_character_position(void **state)
{
    struct fixture *f = *state;
    struct crm_ynode *root = NULL;
    static const char nul[] = "a: 1\nb: [x, \"y\0z\"]\n";

    assert_int_equal(parse(f, "a: 1\nname: \"Ven\x1b[31mdor\"\n", &root), CRM_EINPUT);
    assert_string_equal(first(f), "t.yaml:2:11: error: control character U+001B is not "
                                  "allowed in a YAML file");
    crm_diags_free(f->diags);
    f->diags = crm_diags_new(0);
    assert_int_equal(crm__yaml_parse(f->arena, "t.yaml", nul, sizeof(nul) - 1, f->diags,
                                     &root),
                     CRM_EINPUT);
    assert_string_equal(first(f), "t.yaml:2:10: error: control character U+0000 is not "
                                  "allowed in a YAML file");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_yamltree__builds_tree_with_positions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_yamltree__refuses_aliases_and_anchors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_yamltree__refuses_alias_bomb, setup, teardown),
        cmocka_unit_test_setup_teardown(test_yamltree__duplicate_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_yamltree__syntax_error_has_position, setup, teardown),
        cmocka_unit_test_setup_teardown(test_yamltree__invalid_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(test_yamltree__one_document_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_yamltree__empty_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_yamltree__depth_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_yamltree__non_scalar_key, setup, teardown),
        cmocka_unit_test_setup_teardown(test_yamltree__one_bom_is_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_yamltree__repeated_bom_is_an_error, setup, teardown),
        cmocka_unit_test_setup_teardown(test_yamltree__control_character_position, setup,
                                        teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
