/*
 * libFuzzer harnesses (docs/fuzzing.md): what they share. Each harness
 * is one reader run on arbitrary bytes as the loaders run it: under an
 * arena recovery point, every problem a diagnostic, nothing printed.
 * ASan and UBSan (and libFuzzer's leak check) turn a crash, an overflow,
 * undefined behaviour or a leak into a failure, with the input saved.
 */
#ifndef CRM_FUZZ_H
#define CRM_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "crmeval/crmeval.h"
#include "load/load.h"

/* What a tree harness does with a parsed document. */
typedef void (*fuzz_tree_fn)(struct crm_reader *r, const struct crm_ynode *root);

/*
 * Parse @p data as a YAML file (a NUL-terminated copy, as crm__file_read
 * gives the loaders) into a tree and pass its root to @p fn (only a
 * mapping when @p mapping_only, as crm__file_load does), all inside one
 * arena under crm__arena_protect. Then free it all.
 */
void fuzz_tree(const uint8_t *data, size_t size, bool mapping_only, fuzz_tree_fn fn);

/*
 * A directory laid out like the source tree, made once: criteria/,
 * vendors/ and templates/ are the bundled ones; examples/ holds the
 * hand-computed case (criteria.yaml, profile.yaml, vendors/a..c.yaml) and
 * examples/vendors/seed_project.yaml. So an input written to examples/
 * may name the hand case's files or the bundled ones, as the seeds do.
 */
const char *fuzz_dir(void);

/* Write @p data to fuzz_dir()/examples/@p name; returns the path (static). */
const char *fuzz_write(const char *name, const uint8_t *data, size_t size);

/* The criteria set whose id is @p id: the hand case's ("hand") or the
 * bundled one ("core"); the hand case's for any other id. */
const struct crm_criteria_set *fuzz_criteria(const char *id);

/* examples/retail-sme.yaml, loaded once (the panel sheets' evaluation). */
const crm_evaluation *fuzz_retail(void);

#endif
