/*
 * test_multi_items.c - a multi ("choose all that apply") answer given item
 * by item: yes, no or don't know for each option. "a,b" still means a and
 * b ticked and the rest denied; "a,!b,?c" answers per item, and items not
 * named are don't know. Shown on the tiny pack (tests/packs/tiny), whose
 * danger_signs asks about struggling to breathe (ambulance) and being
 * unable to swallow (emergency): the codec round trip, the posterior (a
 * don't-know item is no evidence, a denied one is), red flags, and the
 * symcheck binary end to end.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "run_process.h"
#include "symcheck.h"

#define TINY SYMCHECK_SOURCE_DIR "/tests/packs/tiny"

/* a and b agree to within a relative `tolerance` */
#define assert_double_equal(a, b, tolerance) assert_true(fabs((a) - (b)) <= (tolerance)*fabs(b))

static symcheck_pack *S_tiny;

static int S_setup(void **state) {
  (void)state;
  symcheck_diagnostics d = {0};
  S_tiny = symcheck_pack_load(TINY, &d);
  symcheck_diagnostics_free(&d);
  return S_tiny == NULL ? -1 : 0;
}

static int S_teardown(void **state) {
  (void)state;
  symcheck_pack_free(S_tiny);
  return 0;
}

static symcheck_interview *S_start(void) {
  symcheck_profile p = {.age = 30, .sex = SYMCHECK_SEX_FEMALE};
  symcheck_interview *iv = symcheck_interview_new(S_tiny, "sore-throat", &p, NULL);
  assert_non_null(iv);
  return iv;
}

/* A new interview with danger_signs answered `value` (NULL: not asked). */
static symcheck_interview *S_answered(const char *value) {
  symcheck_interview *iv = S_start();
  symcheck_error err = {0};
  if (value != NULL && symcheck_interview_answer(iv, "danger_signs", value, &err) != 0) {
    fail_msg("danger_signs=%s refused: %s", value, err.message);
  }
  return iv;
}

/* The typed value danger_signs was stored as. */
static void S_assert_typed(symcheck_interview *iv, const char *want) {
  char value[256];
  const symcheck_finding *f = symcheck_interview_answer_at(iv, 0, value, sizeof value);
  assert_non_null(f);
  assert_string_equal(f->id, "danger_signs");
  assert_string_equal(value, want);
}

/* Posterior odds of epiglottitis against a cold after answering `value`. */
static double S_odds(const char *value) {
  symcheck_interview *iv = S_answered(value);
  double *post = calloc(symcheck_pack_condition_count(S_tiny) + 1, sizeof *post);
  assert_non_null(post);
  symcheck_interview_posterior(iv, post);
  double odds = post[symcheck_pack_find_condition(S_tiny, "epiglottitis")->index] /
                post[symcheck_pack_find_condition(S_tiny, "cold")->index];
  free(post);
  symcheck_interview_free(iv);
  return odds;
}

static void test_per_item_answers_round_trip(void **state) {
  (void)state;
  static const struct {
    const char *typed, *stored, *encoded;
  } cases[] = {
      {"breathing,?drooling", "breathing,?drooling", "danger_signs.breathing-Udrooling"},
      {"+breathing", "breathing,?drooling", "danger_signs.breathing-Udrooling"},
      {"!breathing", "!breathing,?drooling", "danger_signs.Nbreathing-Udrooling"},
      {"?breathing,drooling", "?breathing,drooling", "danger_signs.Ubreathing-drooling"},
      /* every item named yes or no: the same as ticking the yes ones */
      {"breathing,!drooling", "breathing", "danger_signs.breathing"},
      {"!breathing,!drooling", "none", "danger_signs.X"},
      /* the old form keeps its meaning */
      {"drooling", "drooling", "danger_signs.drooling"},
      {"?breathing,?drooling", "unknown", "danger_signs.U"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    symcheck_interview *iv = S_answered(cases[i].typed);
    S_assert_typed(iv, cases[i].stored);
    char *encoded = symcheck_interview_encode(iv);
    assert_string_equal(encoded, cases[i].encoded);
    symcheck_interview *again = S_start();
    symcheck_error err = {0};
    assert_int_equal(symcheck_interview_decode(again, encoded, &err), 0);
    S_assert_typed(again, cases[i].stored);
    free(encoded);
    symcheck_interview_free(again);
    symcheck_interview_free(iv);
  }
  symcheck_interview *iv = S_start();
  symcheck_error err = {0};
  assert_int_not_equal(symcheck_interview_answer(iv, "danger_signs", "!wheeze", &err), 0);
  assert_non_null(strstr(err.message, "a,!b,?c"));
  symcheck_interview_free(iv);
}

static void test_dont_know_item_is_no_evidence(void **state) {
  (void)state;
  const double before = S_odds(NULL);
  /* all items don't know: as if never asked */
  assert_double_equal(S_odds("?breathing,?drooling"), before, before * 1e-12);
  /* breathing denied, drooling don't know: only P(no breathing) moves the
     odds (0.5 for epiglottitis, 1 - 0.01 for a cold), not P(no drooling) */
  assert_double_equal(S_odds("!breathing") / before, 0.5 / 0.99, 1e-9);
  assert_double_equal(S_odds("!breathing,?drooling"), S_odds("!breathing"), 1e-12);
  assert_true(fabs(S_odds("none") - S_odds("!breathing")) > 0.1 * S_odds("none"));
}

static void test_denied_item_counts_as_no(void **state) {
  (void)state;
  const double before = S_odds(NULL);
  /* drooling denied: P(no drooling) 0.4 under epiglottitis, 0.995 a cold */
  assert_double_equal(S_odds("!drooling") / before, 0.4 / 0.995, 1e-9);
  /* ticking breathing alone denies drooling, as the per-item form says */
  assert_double_equal(S_odds("breathing,!drooling"), S_odds("breathing"), 1e-12);
  assert_true(S_odds("breathing,?drooling") > S_odds("breathing") * 1.5);
}

static void test_red_flag_fires_on_ticked_items_only(void **state) {
  (void)state;
  const symcheck_finding *f = symcheck_pack_find_finding(S_tiny, "danger_signs");
  symcheck_interview *iv = S_answered("?breathing,!drooling");
  symcheck_triage t = symcheck_interview_triage(iv);
  assert_null(t.red_flag); /* struggling to breathe is not known */
  symcheck_interview_free(iv);

  iv = S_answered("?breathing,drooling");
  t = symcheck_interview_triage(iv);
  assert_non_null(t.red_flag);
  assert_string_equal(f->options[t.red_flag->option].id, "drooling");
  assert_int_equal(t.red_flag->level, SYMCHECK_LEVEL_EMERGENCY);
  symcheck_interview_free(iv);
}

static void test_cli_diagnose_takes_per_item_answers(void **state) {
  (void)state;
  run_result r =
      run_symcheck(60000, NULL, "diagnose", "--pack", TINY, "--complaint", "sore-throat", "--age",
                   "30", "--sex", "female", "--answer", "danger_signs=!breathing,?drooling", NULL);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "(for --answers): danger_signs.Nbreathing-Udrooling"));
  assert_null(strstr(r.out, "mbulance"));
  run_result_free(&r);

  r = run_symcheck(60000, NULL, "diagnose", "--pack", TINY, "--complaint", "sore-throat", "--age",
                   "30", "--sex", "female", "--answers", "danger_signs.Nbreathing-Udrooling",
                   "--json", NULL);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "\"value\": \"!breathing,?drooling\""));
  run_result_free(&r);

  r = run_symcheck(60000, NULL, "diagnose", "--pack", TINY, "--complaint", "sore-throat", "--age",
                   "30", "--sex", "female", "--answer", "danger_signs=!breathing,?wheeze", NULL);
  assert_int_equal(r.exit_code, 2);
  assert_non_null(strstr(r.err, "'!breathing,?wheeze' is not an answer to 'danger_signs'"));
  run_result_free(&r);
}

/* The quiz's output with its wrapped lines joined. */
static char *S_unwrapped(const char *out) {
  char *text = strdup(out);
  assert_non_null(text);
  for (char *p = text; *p != '\0'; p++) {
    *p = *p == '\n' ? ' ' : *p;
  }
  return text;
}

static void test_cli_quiz_takes_per_item_replies(void **state) {
  (void)state;
  /* the sore throat's screen asks the danger signs first */
  run_result r = run_symcheck(60000, "? 1 no 2\nb\n1 ? 2\nno\n0\nq\n", "quiz", "--pack", TINY,
                              "--complaint", "sore-throat", "--age", "30", "--sex", "female", NULL);
  assert_int_equal(r.exit_code, 0);
  char *out = S_unwrapped(r.out);
  assert_non_null(strstr(out, "\"1 no 2 ? 3\" (1 yes, 2 no, 3 don't know)"));
  /* not asked to confirm an emergency: struggling to breathe is not known */
  assert_non_null(strstr(out, "Going back: your answer \"Struggling to breathe\" (don't know) "
                              "and \"Unable to swallow spit (drooling)\" (no) to"));
  /* ticked item by item, it fires the ambulance red flag */
  assert_non_null(
      strstr(out, "You answered \"Struggling to breathe\" and \"Unable to swallow "
                  "spit (drooling)\" (don't know) to \"Do you have any of these right now?\": "
                  "this means call an ambulance"));
  free(out);
  run_result_free(&r);

  r = run_symcheck(60000, "1 no 1\nq\n", "quiz", "--pack", TINY, "--complaint", "sore-throat",
                   "--age", "30", "--sex", "female", NULL);
  assert_non_null(strstr(r.out, "You chose \"Struggling to breathe\" twice"));
  run_result_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_per_item_answers_round_trip),
      cmocka_unit_test(test_dont_know_item_is_no_evidence),
      cmocka_unit_test(test_denied_item_counts_as_no),
      cmocka_unit_test(test_red_flag_fires_on_ticked_items_only),
      cmocka_unit_test(test_cli_diagnose_takes_per_item_answers),
      cmocka_unit_test(test_cli_quiz_takes_per_item_replies),
  };
  return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
