/*
 * test_no_repeat_questions.c - a person is never asked the same thing
 * twice. Every vignette under tests/vignettes (every folder, each case on
 * the pack that holds its complaint, all packs of packs/ loaded) is
 * replayed through the real interview, as `symcheck eval --format
 * vignettes` replays them; before each answer the replay's observer looks
 * at the question the replay is about to ask (symcheck_interview_next,
 * which the replay then answers) and fails when that finding was asked
 * already in the same interview, already has an answer, or has an answer
 * implied by another (pack fields `implies`, `implied_by`, `excludes`).
 * A second test drives a real interview to an implied answer and shows
 * the same check refusing that finding, so the replay check can fail;
 * and letting question.c choose implied findings made the replay test fail
 * ("anorectal/diarrhoea: blood_in_stool asked although another answer
 * implied its answer", tried by hand on 2026-12-05).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "symcheck_eval.h"

#define PACKS_DIR SYMCHECK_SOURCE_DIR "/packs"
#define VIGNETTES_DIR SYMCHECK_SOURCE_DIR "/tests/vignettes"
#define MAX_ASKED 256

/* What the observer has seen of the replays. */
typedef struct S_watch {
  const symcheck_finding *asked[MAX_ASKED]; /* this interview's questions */
  size_t asked_count;
  size_t interviews, steps;
  size_t steps_with_implied; /* steps where some answer was implied */
  size_t problems;
} S_watch;

/* Why asking f now would repeat a question (a static string), or NULL
   when f is a new question. */
static const char *S_repeat(const symcheck_interview *iv, const symcheck_finding *f,
                            const symcheck_finding *const *asked, size_t asked_count) {
  for (size_t i = 0; i < asked_count; i++) {
    if (asked[i] == f) {
      return "asked twice in one interview";
    }
  }
  if (symcheck_interview_implied_option(iv, f) >= 0) {
    return "asked although another answer implied its answer";
  }
  if (symcheck_interview_is_answered(iv, f)) {
    return "asked although it has an answer";
  }
  return NULL;
}

/* True when some finding of the interview's pack has an implied answer. */
static bool S_any_implied(const symcheck_interview *iv) {
  const symcheck_pack *pack = symcheck_interview_pack(iv);
  for (size_t i = 0; i < symcheck_pack_finding_count(pack); i++) {
    if (symcheck_interview_implied_option(iv, symcheck_pack_finding(pack, i)) >= 0) {
      return true;
    }
  }
  return false;
}

/* The observer: called before each answer of a replay and once after the
   last one. An interview with no answer yet is a new one. */
static void S_observe(symcheck_interview *iv, void *context) {
  S_watch *w = context;
  if (symcheck_interview_answer_count(iv) == 0) {
    w->asked_count = 0;
    w->interviews++;
  }
  const symcheck_finding *f = symcheck_interview_next(iv);
  if (f == NULL) {
    return;
  }
  w->steps++;
  w->steps_with_implied += S_any_implied(iv) ? 1 : 0;
  const char *why = S_repeat(iv, f, w->asked, w->asked_count);
  if (why != NULL) {
    w->problems++;
    print_error("%s/%s: %s %s\n", symcheck_pack_get_info(symcheck_interview_pack(iv))->id,
                symcheck_interview_complaint(iv)->id, f->id, why);
  }
  if (w->asked_count < MAX_ASKED) {
    w->asked[w->asked_count++] = f;
  }
}

static bool S_is_pack(const char *dir) {
  char yaml[4200];
  struct stat st;
  snprintf(yaml, sizeof yaml, "%s/pack.yaml", dir);
  return stat(yaml, &st) == 0;
}

/* Loads every pack of packs/ into packs (up to max); returns how many. */
static size_t S_load_packs(symcheck_pack **packs, size_t max) {
  DIR *d = opendir(PACKS_DIR);
  assert_non_null(d);
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && n < max) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/%s", PACKS_DIR, e->d_name);
    if (e->d_name[0] == '.' || !S_is_pack(dir)) {
      continue;
    }
    packs[n] = symcheck_pack_load(dir, NULL);
    if (packs[n] == NULL) {
      fail_msg("%s does not load", dir);
    }
    n++;
  }
  closedir(d);
  return n;
}

static void test_no_vignette_is_asked_a_question_twice(void **state) {
  (void)state;
  symcheck_pack *packs[SYMCHECK_EVAL_MAX_PACKS];
  size_t pack_count = S_load_packs(packs, SYMCHECK_EVAL_MAX_PACKS);
  static S_watch watch;
  symcheck_eval_options options = symcheck_eval_defaults();
  options.max_questions = 25;
  options.observe = S_observe;
  options.observe_context = &watch;
  symcheck_error err = {0};
  symcheck_eval_report *r = symcheck_eval_vignette_sets((const symcheck_pack *const *)packs,
                                                        pack_count, VIGNETTES_DIR, &options, &err);
  if (r == NULL) {
    print_error("%s: %s\n", err.file, err.message);
  }
  assert_non_null(r);
  printf("%zu vignettes on %zu packs: %zu interviews, %zu questions, %zu of them with an implied "
         "answer already in place, %zu repeated\n",
         r->case_count, pack_count, watch.interviews, watch.steps, watch.steps_with_implied,
         watch.problems);
  assert_true(r->case_count >= 200);
  assert_int_equal(watch.interviews, r->case_count);
  /* every question the replay asked went past the check (the call after
     the last answer may see one more that was not asked) */
  size_t asked = 0;
  for (size_t i = 0; i < r->case_count; i++) {
    asked += r->cases[i].questions;
  }
  assert_true(watch.steps >= asked && watch.steps <= asked + r->case_count);
  /* implications were in play, so "never asks an implied finding" was tested */
  assert_true(watch.steps_with_implied > 0);
  assert_int_equal(watch.problems, 0);
  symcheck_eval_report_free(r);
  for (size_t p = 0; p < pack_count; p++) {
    symcheck_pack_free(packs[p]);
  }
}

/* The check itself fails on a repeat: in packs/anorectal, "Very bad pain
   in or around the bottom" among the warning signs implies bottom pain,
   so asking about bottom pain, or the warning signs again, is a repeat;
   and the engine does not ask either. */
static void test_the_check_refuses_an_implied_or_answered_finding(void **state) {
  (void)state;
  symcheck_pack *pack = symcheck_pack_load(PACKS_DIR "/anorectal", NULL);
  assert_non_null(pack);
  symcheck_profile person = {.age = 40, .sex = SYMCHECK_SEX_FEMALE};
  symcheck_error err = {0};
  symcheck_interview *iv = symcheck_interview_new(pack, "anal-itching", &person, &err);
  assert_non_null(iv);
  const symcheck_finding *signs = symcheck_pack_find_finding(pack, "warning_signs");
  const symcheck_finding *pain = symcheck_pack_find_finding(pack, "anal_pain");
  assert_non_null(signs);
  assert_non_null(pain);
  assert_null(S_repeat(iv, pain, NULL, 0));
  assert_int_equal(symcheck_interview_answer(iv, "warning_signs", "severe_anal_pain", &err), 0);
  const symcheck_finding *asked[] = {signs};
  assert_string_equal(S_repeat(iv, pain, asked, 1),
                      "asked although another answer implied its answer");
  assert_string_equal(S_repeat(iv, signs, asked, 1), "asked twice in one interview");
  assert_string_equal(S_repeat(iv, signs, NULL, 0), "asked although it has an answer");
  for (const symcheck_finding *f; (f = symcheck_interview_next(iv)) != NULL;) {
    assert_ptr_not_equal(f, pain);
    assert_ptr_not_equal(f, signs);
    assert_int_equal(symcheck_interview_answer(iv, f->id, "unknown", &err), 0);
  }
  symcheck_interview_free(iv);
  symcheck_pack_free(pack);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_no_vignette_is_asked_a_question_twice),
      cmocka_unit_test(test_the_check_refuses_an_implied_or_answered_finding),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
