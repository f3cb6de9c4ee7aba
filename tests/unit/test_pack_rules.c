/*
 * test_pack_rules.c - the provenance and coding rules of `symcheck pack
 * check`, each shown by a small broken pack under tests/packs/broken (the
 * tiny test pack with one thing wrong): the real command exits 1 and names
 * the file, the field and the fix. Also what a clean pack reports: the
 * cited share per condition in `pack show` (text and JSON), the review
 * state, and `pack sources` listing what each source supports.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "run_process.h"
#include "symcheck.h"
#include "temp_dir.h"

#define TIMEOUT_MS 30000
#define BROKEN SYMCHECK_SOURCE_DIR "/tests/packs/broken/"
#define TINY SYMCHECK_SOURCE_DIR "/tests/packs/tiny"

static void S_contains(const char *text, const char *part) {
  if (strstr(text, part) == NULL) {
    fail_msg("\"%s\" is not in:\n%s", part, text);
  }
}

/* `pack check` of one broken pack fails with `where` (file:line: field)
   and `message` in its output. */
static void S_refused(const char *name, const char *where, const char *message) {
  char dir[512];
  snprintf(dir, sizeof dir, "%s%s", BROKEN, name);
  run_result r = run_symcheck(TIMEOUT_MS, NULL, "pack", "check", dir, NULL);
  if (r.exit_code != 1) {
    fail_msg("%s: exit %d, not 1:\n%s", name, r.exit_code, r.out);
  }
  S_contains(r.out, where);
  S_contains(r.out, message);
  run_result_free(&r);
}

static void test_each_rule_has_a_failing_pack(void **state) {
  (void)state;
  S_refused("unknown-source", "conditions.yaml:14: conditions[cold].likelihoods.sore_throat.source",
            "\"TINY-9\" is not a source key of the pack");
  S_refused("copy-site-url", "pack.yaml:35: sources[TINY-2].url", "(\"docksci.com\")");
  S_refused("proxy-url", "pack.yaml:35: sources[TINY-2].url", "(\"ezproxy\"); cite the publisher");
  S_refused("source-no-authors", "sources[TINY-2].authors", "names no authors; add authors:");
  S_refused("source-no-year", "sources[TINY-2].year", "gives no year; add year:");
  S_refused("require-where", "findings.yaml:7: findings[sore_throat].default.source",
            "cites TINY-1 but does not say where in it (the pack sets require_where)");
  S_refused("outside-path", "conditions.yaml:1:",
            "names \"../shared/docs/KB-EVIDENCE.md\", a path outside the pack");
  S_refused("absolute-path", "findings.yaml:75:",
            "names \"/home/editor/notes/findings.txt\", a path outside the pack");
  S_refused("icd10-range", "conditions.yaml:3: conditions[cold].icd10",
            "\"J00-J06\" is a range, not one ICD-10 code; write the parent code");
  S_refused("icd10-malformed", "conditions[cold].icd10",
            "\"j00, J01\" is not an ICD-10 code; write one code");
  S_refused("snomed-check-digit", "conditions.yaml:4: conditions[cold].snomed",
            "\"82272007\" is not a SNOMED CT concept id");
  S_refused("review-incomplete", "conditions.yaml:4: conditions[cold].review",
            "give both, or leave review empty");
  S_refused("article-citation",
            "articles/sore-throat.md:8:", "cites [@TINY-7], which is not a source of the pack");
}

/* The same rules hold the other way: the valid form of each loads. */
static void test_valid_codes_where_and_review_load(void **state) {
  (void)state;
  char dir[64];
  assert_true(temp_dir_make(dir, sizeof dir, "rules"));
  char command[1024];
  snprintf(command, sizeof command, "cp -r %s/. %s", TINY, dir);
  assert_int_equal(system(command), 0);
  char path[600];
  snprintf(path, sizeof path, "%s/conditions.yaml", dir);
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  char text[8192];
  size_t n = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  text[n] = '\0';
  char *at = strstr(text, "  icd10: J00\n");
  assert_non_null(at);
  f = fopen(path, "wb");
  fwrite(text, 1, (size_t)(at - text), f);
  fputs("  icd10: J00\n  snomed: \"82272006\"\n"
        "  review: {by: \"A. Clinician, GP\", date: 2026-12-01, sources_version: \"1.0.0\"}\n",
        f);
  fputs(at + strlen("  icd10: J00\n"), f);
  fclose(f);
  symcheck_diagnostics d = {0};
  symcheck_pack *pack = symcheck_pack_load(dir, &d);
  for (size_t i = 0; i < d.count; i++) {
    print_message("%s:%d: %s: %s\n", d.items[i].file, d.items[i].line, d.items[i].field,
                  d.items[i].message);
  }
  assert_non_null(pack);
  const symcheck_condition *cold = symcheck_pack_find_condition(pack, "cold");
  assert_string_equal(cold->snomed, "82272006");
  assert_string_equal(cold->review.by, "A. Clinician, GP");
  assert_string_equal(cold->review.date, "2026-12-01");
  assert_string_equal(cold->review.sources_version, "1.0.0");
  assert_null(symcheck_pack_find_condition(pack, "flu")->review.by);
  symcheck_pack_free(pack);
  symcheck_diagnostics_free(&d);
  run_result r = run_symcheck(TIMEOUT_MS, NULL, "pack", "show", dir, NULL);
  assert_int_equal(r.exit_code, 0);
  S_contains(r.out, "Reviewed by a clinician (1):\n  cold");
  S_contains(r.out, "A. Clinician, GP, 2026-12-01, sources 1.0.0");
  S_contains(r.out, "Not yet reviewed by a clinician (3):");
  run_result_free(&r);
  assert_true(temp_dir_remove(dir));
}

/* `pack show` gives each condition's cited share and the pack's total. */
static void test_show_gives_the_cited_share(void **state) {
  (void)state;
  symcheck_pack *pack = symcheck_pack_load(TINY, NULL);
  assert_non_null(pack);
  const symcheck_condition *cold = symcheck_pack_find_condition(pack, "cold");
  symcheck_pack_stats own = symcheck_condition_stats(cold);
  /* prevalence, prior and sore_throat cite TINY-1; the other rows are estimates */
  assert_int_equal(own.sourced, 3);
  assert_int_equal(own.probabilities, 2 + cold->likelihood_count);
  symcheck_pack_free(pack);
  char line[128];
  snprintf(line, sizeof line, "cited 3 of %zu (%.0f%%)", own.probabilities,
           300.0 / (double)own.probabilities);
  run_result r = run_symcheck(TIMEOUT_MS, NULL, "pack", "show", TINY, NULL);
  assert_int_equal(r.exit_code, 0);
  S_contains(r.out, line);
  S_contains(r.out, "(pack total)                 cited 6 of 29 (21%)");
  S_contains(r.out, "Not yet reviewed by a clinician (4):");
  run_result_free(&r);
  r = run_symcheck(TIMEOUT_MS, NULL, "pack", "show", TINY, "--json", NULL);
  assert_int_equal(r.exit_code, 0);
  json_t *j = json_loads(r.out, 0, NULL);
  assert_non_null(j);
  json_t *stats = json_object_get(j, "stats");
  assert_int_equal(json_integer_value(json_object_get(stats, "sourced")), 6);
  assert_int_equal(json_integer_value(json_object_get(stats, "without_where")), 6);
  json_t *first = json_array_get(json_object_get(j, "conditions"), 0);
  assert_string_equal(json_string_value(json_object_get(first, "id")), "cold");
  json_t *share = json_object_get(first, "stats");
  assert_int_equal(json_integer_value(json_object_get(share, "sourced")), 3);
  assert_true(json_real_value(json_object_get(share, "cited_share")) > 0.0);
  assert_true(json_is_null(json_object_get(first, "review")));
  json_decref(j);
  run_result_free(&r);
}

/* `pack sources` lists every source with its reference and what cites it. */
static void test_sources_lists_what_each_supports(void **state) {
  (void)state;
  run_result r = run_symcheck(TIMEOUT_MS, NULL, "pack", "sources", TINY, NULL);
  assert_int_equal(r.exit_code, 0);
  S_contains(r.out, "2 sources of tiny:");
  S_contains(r.out, "TINY-1 [grade D]\n  Test Authors (2020). Figures made up for the loader's "
                    "tests.\n  https://example.org/symcheck-tiny\n  supports 4 numbers\n"
                    "    conditions: cold (3)\n    finding defaults: sore_throat\n");
  S_contains(r.out, "TINY-2 [grade C]");
  run_result_free(&r);
  r = run_symcheck(TIMEOUT_MS, NULL, "pack", "sources", BROKEN "unknown-source", NULL);
  assert_int_equal(r.exit_code, 1);
  run_result_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_each_rule_has_a_failing_pack),
      cmocka_unit_test(test_valid_codes_where_and_review_load),
      cmocka_unit_test(test_show_gives_the_cited_share),
      cmocka_unit_test(test_sources_lists_what_each_supports),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
