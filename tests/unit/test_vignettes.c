/*
 * test_vignettes.c - replays every clinical vignette of tests/vignettes/anorectal
 * through the real interview on packs/anorectal (the patient answers only
 * what the engine asks) and fails below the thresholds documented in
 * tests/vignettes/README.md: top-1 and top-3 accuracy, safe triage (every
 * case at or above its lowest safe level) and questions asked. It prints
 * each case so a failure shows which patient went wrong.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "symcheck_eval.h"

#define PACK_DIR SYMCHECK_SOURCE_DIR "/packs/anorectal"
#define CASES_DIR SYMCHECK_SOURCE_DIR "/tests/vignettes/anorectal"

/* The thresholds of tests/vignettes/README.md. */
#define MIN_CASES 20
#define MIN_TOP1 0.80
#define MIN_TOP3 0.94
#define MIN_SAFE_TRIAGE 1.0
#define MAX_MEAN_QUESTIONS 12.0

static int S_setup(void **state) {
  symcheck_diagnostics d = {0};
  symcheck_pack *pack = symcheck_pack_load(PACK_DIR, &d);
  for (size_t i = 0; pack == NULL && i < d.count; i++) {
    print_error("%s:%d: %s: %s\n", d.items[i].file, d.items[i].line, d.items[i].field,
                d.items[i].message);
  }
  symcheck_diagnostics_free(&d);
  *state = pack;
  return pack != NULL ? 0 : -1;
}

static int S_teardown(void **state) {
  symcheck_pack_free(*state);
  return 0;
}

static symcheck_eval_report *S_replay(void **state) {
  symcheck_eval_options options = symcheck_eval_defaults();
  options.max_questions = 25;
  symcheck_error err = {0};
  symcheck_eval_report *r = symcheck_eval_vignettes(*state, CASES_DIR, &options, &err);
  if (r == NULL) {
    print_error("%s:%d: %s: %s\n", err.file, err.line, err.field, err.message);
  }
  assert_non_null(r);
  return r;
}

static void test_vignettes_meet_the_documented_thresholds(void **state) {
  symcheck_eval_report *r = S_replay(state);
  for (size_t i = 0; i < r->case_count; i++) {
    const symcheck_eval_case *c = &r->cases[i];
    bool top1 = strcmp(c->top[0], c->expected) == 0;
    bool safe = c->level >= c->min_level;
    printf("%-40s %-5s %-6s expected %-26s got %-26s %-17s (safe from %s), %zu questions\n", c->id,
           top1 ? "top1" : "-", safe ? "safe" : "UNSAFE", c->expected, c->top[0],
           symcheck_level_id(c->level), symcheck_level_id(c->min_level), c->questions);
  }
  const symcheck_eval_metrics *m = &r->overall;
  printf("vignettes %zu: top-1 %.3f, top-3 %.3f, safe triage %.3f, mean questions %.2f\n", m->n,
         m->gtpa_at_1, m->gtpa_at_3, m->safe_triage, m->il);
  assert_true(r->case_count >= MIN_CASES);
  assert_true(m->gtpa_at_1 >= MIN_TOP1);
  assert_true(m->gtpa_at_3 >= MIN_TOP3);
  assert_true(m->safe_triage >= MIN_SAFE_TRIAGE);
  assert_true(m->il <= MAX_MEAN_QUESTIONS);
  symcheck_eval_report_free(r);
}

static void test_replay_is_deterministic(void **state) {
  symcheck_eval_report *a = S_replay(state);
  symcheck_eval_report *b = S_replay(state);
  assert_int_equal(a->case_count, b->case_count);
  for (size_t i = 0; i < a->case_count; i++) {
    assert_string_equal(a->cases[i].top[0], b->cases[i].top[0]);
    assert_int_equal(a->cases[i].questions, b->cases[i].questions);
  }
  symcheck_eval_report_free(a);
  symcheck_eval_report_free(b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_vignettes_meet_the_documented_thresholds),
      cmocka_unit_test(test_replay_is_deterministic),
  };
  return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
