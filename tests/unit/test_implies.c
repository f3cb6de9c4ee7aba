/*
 * test_implies.c - answers that imply others (`implies`, `excludes`), why
 * an interview stopped, and reasons that say which way and how strongly
 * they point.
 *
 * The loader's rules are shown on the tiny pack (tests/packs/tiny) with one
 * piece of YAML changed; the engine's on the anorectal pack, whose screen
 * items imply later questions ("Diarrhoea with blood in it" answers
 * "diarrhoea" and "blood from the bottom"), and end to end through the
 * symcheck binary.
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

#include "pack_story.h"
#include "pack_variant.h"
#include "run_process.h"
#include "symcheck.h"

#define TINY SYMCHECK_SOURCE_DIR "/tests/packs/tiny"
#define ANORECTAL SYMCHECK_SOURCE_DIR "/packs/anorectal"
#define DDXPLUS SYMCHECK_SOURCE_DIR "/packs/ddxplus"

static const char *const S_files[] = {"pack.yaml",       "findings.yaml",
                                      "conditions.yaml", "red_flags.yaml",
                                      "complaints.yaml", "articles/sore-throat.md"};

/* The tiny pack's danger_signs options, to give "drooling" implications. */
#define S_DROOLING "    - {id: drooling, label: Unable to swallow spit (drooling)"
#define S_ACHES "  name: Aching body\n"
#define S_SMOKING "  name: Smoking\n"

/* ---- loader ---------------------------------------------------------------- */

/* Loads the tiny pack with `old` replaced by `new` in findings.yaml and
   expects an error on the line of `at` whose field and message contain
   `field` and `words`. */
static void S_refused(const char *old, const char *new, const char *at, const char *field,
                      const char *words) {
  pack_variant v = {0};
  pack_variant_load(&v, TINY, S_files, sizeof S_files / sizeof *S_files, "findings.yaml", old, new);
  assert_null(v.pack);
  int line = pack_variant_line_of(&v, "findings.yaml", at);
  for (size_t i = 0; i < v.diagnostics.count; i++) {
    const symcheck_error *e = &v.diagnostics.items[i];
    if (strcmp(e->file, "findings.yaml") == 0 && e->line == line &&
        strstr(e->field, field) != NULL && strstr(e->message, words) != NULL) {
      pack_variant_remove(&v);
      return;
    }
  }
  pack_variant_print(&v.diagnostics);
  pack_variant_remove(&v);
  fail_msg("no error at findings.yaml:%d on %s saying ...%s...", line, field, words);
}

static void test_loader_refuses_unknown_targets_and_answers(void **state) {
  (void)state;
  S_refused(S_DROOLING "}", S_DROOLING ", implies: {sore_thraot: yes}}", "sore_thraot",
            "findings[danger_signs].options[drooling].implies.sore_thraot", "is not a finding");
  S_refused(S_DROOLING "}", S_DROOLING ", implies: {sore_throat: maybe}}", "maybe",
            "implies.sore_throat", "\"maybe\" is not an answer to sore_throat");
  S_refused(S_DROOLING "}", S_DROOLING ", excludes: [cough]}", "excludes",
            "options[drooling].excludes", "not a yes_no finding");
}

static void test_loader_refuses_multi_targets_and_misplaced_implies(void **state) {
  (void)state;
  S_refused("  name: Aching body\n", "  name: Aching body\n  implies: {danger_signs: breathing}\n",
            "danger_signs: breathing", "findings[aches].implies.danger_signs",
            "is a multi finding");
  S_refused("  name: Kind of cough\n", "  name: Kind of cough\n  implies: {aches: yes}\n",
            "implies: {aches", "findings[cough]", "only a yes_no finding takes implies");
  S_refused(S_DROOLING "}", S_DROOLING ", implied_by: {aches: yes}}", "implied_by",
            "findings[danger_signs].options[drooling]", "cannot be implied one by one");
  S_refused(S_ACHES, S_ACHES "  implied_by: {cough: moist}\n", "implied_by",
            "findings[aches].implied_by.cough", "\"moist\" is not an answer to cough");
}

/* The tiny pack with two edits of findings.yaml: the second is made on a
   copy of the first. */
static void S_load_twice(pack_variant *out, const char *old1, const char *new1, const char *old2,
                         const char *new2) {
  pack_variant first = {0};
  pack_variant_load(&first, TINY, S_files, sizeof S_files / sizeof *S_files, "findings.yaml", old1,
                    new1);
  pack_variant_load(out, first.dir, S_files, sizeof S_files / sizeof *S_files, "findings.yaml",
                    old2, new2);
  pack_variant_remove(&first);
}

static void test_loader_detects_cycles_and_lone_follow_ups(void **state) {
  (void)state;
  pack_variant v = {0};
  /* one way is fine; both ways is a cycle: aches -> smoker -> aches */
  pack_variant_load(&v, TINY, S_files, sizeof S_files / sizeof *S_files, "findings.yaml", S_ACHES,
                    S_ACHES "  implies: {smoker: yes}\n");
  assert_non_null(v.pack);
  pack_variant_remove(&v);
  S_load_twice(&v, S_ACHES, S_ACHES "  implies: {smoker: yes}\n", S_SMOKING,
               S_SMOKING "  implies: {aches: yes}\n");
  assert_null(v.pack);
  bool cycle = false;
  for (size_t i = 0; i < v.diagnostics.count; i++) {
    cycle = cycle || (strstr(v.diagnostics.items[i].message, "cycle") != NULL &&
                      strcmp(v.diagnostics.items[i].field, "findings[aches]") == 0);
  }
  pack_variant_print(&v.diagnostics);
  assert_true(cycle);
  pack_variant_remove(&v);
  /* throat_pain is asked only after sore_throat: yes */
  S_refused(S_DROOLING "}", S_DROOLING ", implies: {throat_pain: severe}}", "- id: danger_signs",
            "findings[danger_signs]", "must also imply the answer to sore_throat");
}

static void test_loader_reads_implications(void **state) {
  (void)state;
  pack_variant v = {0};
  pack_variant_load(&v, TINY, S_files, sizeof S_files / sizeof *S_files, "findings.yaml",
                    S_DROOLING "}",
                    S_DROOLING ", implies: {sore_throat: yes, throat_pain: severe}}");
  pack_variant_print(&v.diagnostics);
  assert_non_null(v.pack);
  const symcheck_finding *f = symcheck_pack_find_finding(v.pack, "danger_signs");
  const symcheck_option *o = &f->options[symcheck_finding_option(f, "drooling")];
  assert_int_equal(o->implies_count, 2);
  assert_string_equal(o->implies[0].finding->id, "sore_throat");
  assert_int_equal(o->implies[0].option, 0);
  assert_string_equal(o->implies[1].finding->id, "throat_pain");
  assert_int_equal(o->implies[1].option, 2);
  /* pack content (`pack show --json`) lists them on the option */
  json_t *json = symcheck_finding_json(f);
  json_t *implies = json_object_get(json_array_get(json_object_get(json, "options"), 1), "implies");
  assert_int_equal(json_array_size(implies), 2);
  assert_string_equal(json_string_value(json_object_get(json_array_get(implies, 1), "answer")),
                      "severe");
  json_decref(json);
  /* another yes_no finding keeps the shared options without implications */
  assert_int_equal(symcheck_pack_find_finding(v.pack, "aches")->options[0].implies_count, 0);
  pack_variant_remove(&v);
}

/* ---- the engine, on the anorectal pack ---------------------------------- */

static symcheck_pack *S_anorectal;

static int S_setup(void **state) {
  (void)state;
  S_anorectal = pack_story_load(ANORECTAL);
  return S_anorectal == NULL ? -1 : 0;
}

static int S_teardown(void **state) {
  (void)state;
  symcheck_pack_free(S_anorectal);
  return 0;
}

static symcheck_interview *S_start(const char *complaint) {
  return pack_story_start(S_anorectal, complaint, 34, SYMCHECK_SEX_FEMALE);
}

/* Answers f with "yes" or "no" (yes_no), the first or the last option that
   applies (single and the like), nothing ticked (multi) or a number in the
   first or last band. */
static void S_answer_any(symcheck_interview *iv, const symcheck_finding *f, bool first) {
  const symcheck_profile *p = symcheck_interview_profile(iv);
  char value[64] = "none";
  if (f->type == SYMCHECK_ANSWER_YES_NO) {
    snprintf(value, sizeof value, "%s", first ? "yes" : "no");
  } else if (f->type == SYMCHECK_ANSWER_NUMBER) {
    snprintf(value, sizeof value, "%g", f->options[first ? 0 : f->option_count - 1].min);
  } else if (f->type != SYMCHECK_ANSWER_MULTI) {
    for (size_t k = 0; k < f->option_count; k++) {
      size_t o = first ? k : f->option_count - 1 - k;
      if (symcheck_option_applies(f, o, p->age, p->sex)) {
        snprintf(value, sizeof value, "%s", f->options[o].id);
        break;
      }
    }
  }
  pack_story_answer(iv, f->id, value);
}

/* The universal screen and the complaint's screen, answered "nothing". */
static void S_screen(symcheck_interview *iv, const char *warning_signs) {
  pack_story_answer_screen(iv, NULL, "37", "none");
  pack_story_answer(iv, "emergency_signs", "none");
  pack_story_answer(iv, "warning_signs", warning_signs);
  pack_story_answer(iv, "cancer_signs", "none");
}

static const symcheck_finding *S_finding(const char *id) {
  const symcheck_finding *f = symcheck_pack_find_finding(S_anorectal, id);
  assert_non_null(f);
  return f;
}

static void test_ticked_item_answers_what_it_implies(void **state) {
  (void)state;
  symcheck_interview *iv = S_start("anal-mucus-discharge");
  S_screen(iv, "bloody_diarrhoea");
  const symcheck_finding *by = NULL;
  size_t option = 99;
  assert_true(symcheck_interview_is_answered(iv, S_finding("diarrhoea")));
  assert_true(symcheck_interview_implied_by(iv, S_finding("blood_in_stool"), &by, &option));
  assert_string_equal(by->id, "warning_signs");
  assert_string_equal(by->options[option].id, "bloody_diarrhoea");
  /* never asked, never counted as a question, never encoded */
  assert_int_equal(symcheck_interview_answer_count(iv), 6);
  char *encoded = symcheck_interview_encode(iv);
  assert_null(strstr(encoded, "diarrhoea.Y"));
  for (int i = 0; i < 30 && !symcheck_interview_should_stop(iv); i++) {
    const symcheck_finding *next = symcheck_interview_next(iv);
    assert_string_not_equal(next->id, "diarrhoea");
    assert_string_not_equal(next->id, "blood_in_stool");
    pack_story_answer(iv, next->id, "unknown");
  }
  /* decoding the answers derives the implied ones again */
  symcheck_interview *again = S_start("anal-mucus-discharge");
  assert_int_equal(symcheck_interview_decode(again, encoded, NULL), 0);
  assert_true(symcheck_interview_implied_by(again, S_finding("diarrhoea"), NULL, NULL));
  free(encoded);
  symcheck_interview_free(again);
  symcheck_interview_free(iv);
}

static void test_screen_answers_imply_pack_findings(void **state) {
  (void)state;
  /* implied_by: the shared screen names no pack finding; the pack's fever
     and belly pain say which screen answers imply them */
  symcheck_interview *iv = S_start("anal-pain");
  pack_story_answer_screen(iv, NULL, "101.3F", "belly_pain_severe");
  const symcheck_finding *by = NULL;
  size_t option = 0;
  assert_true(symcheck_interview_implied_by(iv, S_finding("fever"), &by, &option));
  assert_string_equal(by->id, "temperature");
  assert_string_equal(by->options[option].id, "t_38_to_38_9");
  assert_true(symcheck_interview_implied_by(iv, S_finding("abdominal_pain"), &by, &option));
  assert_string_equal(by->options[option].id, "belly_pain_severe");
  pack_story_answer(iv, "temperature", "37");
  assert_false(symcheck_interview_is_answered(iv, S_finding("fever")));
  symcheck_interview_free(iv);

  symcheck_diagnostics d = {0};
  symcheck_pack *general = symcheck_pack_load(SYMCHECK_SOURCE_DIR "/packs/general", &d);
  symcheck_diagnostics_free(&d);
  assert_non_null(general);
  symcheck_profile p = {.age = 40, .sex = SYMCHECK_SEX_MALE};
  iv = symcheck_interview_new(general, "symptom-not-listed", &p, NULL);
  assert_int_equal(symcheck_interview_answer(iv, "screen_urgent", "worst_headache", NULL), 0);
  const symcheck_finding *pain = symcheck_pack_find_finding(general, "pain_level");
  assert_true(symcheck_interview_implied_by(iv, pain, NULL, NULL));
  assert_int_equal(symcheck_interview_stop_reason(iv), SYMCHECK_STOP_RED_FLAG);
  symcheck_interview_free(iv);
  /* every answer "don't know", yet a triage-only complaint has no list to
     call uncertain: it asked everything it has */
  iv = symcheck_interview_new(general, "symptom-not-listed", &p, NULL);
  for (int i = 0; i < 30 && !symcheck_interview_should_stop(iv); i++) {
    const symcheck_finding *next = symcheck_interview_next(iv);
    assert_int_equal(symcheck_interview_answer(iv, next->id, "unknown", NULL), 0);
  }
  assert_true(symcheck_interview_answer_count(iv) > 4);
  assert_int_equal(symcheck_interview_stop_reason(iv), SYMCHECK_STOP_SETTLED);
  symcheck_interview_free(iv);
  symcheck_pack_free(general);
}

static void test_implied_answers_weigh_like_given_ones(void **state) {
  (void)state;
  symcheck_interview *implied = S_start("anal-mucus-discharge");
  S_screen(implied, "severe_anal_pain");
  /* the same answers given one by one: anal_pain yes, then its follow-up */
  symcheck_interview *given = S_start("anal-mucus-discharge");
  S_screen(given, "none");
  pack_story_answer(given, "warning_signs", "severe_anal_pain");
  assert_true(symcheck_interview_implied_by(given, S_finding("pain_severity"), NULL, NULL));
  symcheck_interview *typed = S_start("anal-mucus-discharge");
  S_screen(typed, "none");
  pack_story_answer(typed, "anal_pain", "yes");
  pack_story_answer(typed, "pain_severity", "severe");
  pack_story_answer(typed, "warning_signs", "severe_anal_pain");
  double *a = calloc(symcheck_pack_condition_count(S_anorectal), sizeof *a);
  double *b = calloc(symcheck_pack_condition_count(S_anorectal), sizeof *b);
  double other_a = symcheck_interview_posterior(implied, a);
  double other_b = symcheck_interview_posterior(typed, b);
  assert_true(fabs(other_a - other_b) < 1e-12);
  for (size_t i = 0; i < symcheck_pack_condition_count(S_anorectal); i++) {
    assert_true(fabs(a[i] - b[i]) < 1e-12);
  }
  free(a);
  free(b);
  symcheck_interview_free(typed);
  symcheck_interview_free(given);
  symcheck_interview_free(implied);
}

static void test_contradicting_an_implied_answer_is_refused(void **state) {
  (void)state;
  symcheck_interview *iv = S_start("anal-mucus-discharge");
  S_screen(iv, "bloody_diarrhoea");
  symcheck_error err = {0};
  assert_int_equal(symcheck_interview_answer(iv, "diarrhoea", "no", &err), -1);
  assert_non_null(strstr(err.message, "by your answer to 'warning_signs'"));
  assert_non_null(strstr(err.message, "Diarrhoea with blood"));
  /* the same answer is taken (nothing changes); forgetting it is not */
  assert_int_equal(symcheck_interview_answer(iv, "diarrhoea", "yes", &err), 0);
  assert_int_equal(symcheck_interview_answer_count(iv), 6);
  assert_int_equal(symcheck_interview_forget(iv, "diarrhoea"), -1);
  /* changing the answer that implied it takes the implied answer back */
  pack_story_answer(iv, "warning_signs", "none");
  assert_false(symcheck_interview_is_answered(iv, S_finding("diarrhoea")));
  symcheck_interview_free(iv);
}

static void test_answer_implying_against_an_earlier_one_is_refused(void **state) {
  (void)state;
  symcheck_interview *iv = S_start("anal-mucus-discharge");
  pack_story_answer(iv, "diarrhoea", "no");
  symcheck_error err = {0};
  assert_int_equal(symcheck_interview_answer(iv, "warning_signs", "bloody_diarrhoea", &err), -1);
  assert_non_null(strstr(err.message, "'diarrhoea' is 'yes', but you answered 'no'"));
  /* a "don't know" gives way to the answer implied */
  pack_story_answer(iv, "diarrhoea", "unknown");
  pack_story_answer(iv, "warning_signs", "bloody_diarrhoea");
  assert_true(symcheck_interview_implied_by(iv, S_finding("diarrhoea"), NULL, NULL));
  assert_int_equal(symcheck_interview_answer_count(iv), 1);
  symcheck_interview_free(iv);
}

static void test_implications_are_transitive(void **state) {
  (void)state;
  /* drooling -> aches: yes -> smoker: yes */
  pack_variant v = {0};
  S_load_twice(&v, S_DROOLING "}", S_DROOLING ", implies: {aches: yes}}", S_ACHES,
               S_ACHES "  implies: {smoker: yes}\n");
  pack_variant_print(&v.diagnostics);
  assert_non_null(v.pack);
  symcheck_profile p = {.age = 30, .sex = SYMCHECK_SEX_MALE};
  symcheck_interview *iv = symcheck_interview_new(v.pack, "sore-throat", &p, NULL);
  assert_int_equal(symcheck_interview_answer(iv, "danger_signs", "drooling", NULL), 0);
  const symcheck_finding *by = NULL;
  size_t option = 9;
  const symcheck_finding *smoker = symcheck_pack_find_finding(v.pack, "smoker");
  assert_true(symcheck_interview_implied_by(iv, smoker, &by, &option));
  assert_string_equal(by->id, "danger_signs");
  assert_string_equal(by->options[option].id, "drooling");
  symcheck_error err = {0};
  assert_int_equal(symcheck_interview_answer(iv, "smoker", "no", &err), -1);
  assert_non_null(strstr(err.message, "by your answer to 'danger_signs'"));
  symcheck_interview_free(iv);
  pack_variant_remove(&v);
}

static void test_nothing_is_implied_that_does_not_apply(void **state) {
  (void)state;
  /* sore_throat is for ages 12 and up: a child's drooling implies neither
     it nor its follow-up */
  pack_variant v = {0};
  S_load_twice(&v, S_DROOLING "}", S_DROOLING ", implies: {sore_throat: yes, throat_pain: severe}}",
               "  name: Sore throat\n", "  name: Sore throat\n  ages: [12, 120]\n");
  pack_variant_print(&v.diagnostics);
  assert_non_null(v.pack);
  symcheck_profile child = {.age = 5, .sex = SYMCHECK_SEX_FEMALE};
  symcheck_interview *iv = symcheck_interview_new(v.pack, "cough", &child, NULL);
  assert_int_equal(symcheck_interview_answer(iv, "danger_signs", "drooling", NULL), 0);
  assert_false(
      symcheck_interview_is_answered(iv, symcheck_pack_find_finding(v.pack, "sore_throat")));
  assert_false(
      symcheck_interview_is_answered(iv, symcheck_pack_find_finding(v.pack, "throat_pain")));
  symcheck_interview_free(iv);
  symcheck_profile adult = {.age = 30, .sex = SYMCHECK_SEX_FEMALE};
  iv = symcheck_interview_new(v.pack, "cough", &adult, NULL);
  assert_int_equal(symcheck_interview_answer(iv, "danger_signs", "drooling", NULL), 0);
  assert_int_equal(
      symcheck_interview_implied_option(iv, symcheck_pack_find_finding(v.pack, "throat_pain")), 2);
  symcheck_interview_free(iv);
  pack_variant_remove(&v);
}

static void test_ticked_items_that_disagree_are_refused(void **state) {
  (void)state;
  pack_variant v = {0};
  S_load_twice(&v, S_DROOLING "}", S_DROOLING ", excludes: [aches]}",
               "    - {id: breathing, label: Struggling to breathe}",
               "    - {id: breathing, label: Struggling to breathe, implies: {aches: yes}}");
  pack_variant_print(&v.diagnostics);
  assert_non_null(v.pack);
  symcheck_profile p = {.age = 30, .sex = SYMCHECK_SEX_MALE};
  symcheck_interview *iv = symcheck_interview_new(v.pack, "sore-throat", &p, NULL);
  symcheck_error err = {0};
  assert_int_equal(symcheck_interview_answer(iv, "danger_signs", "breathing,drooling", &err), -1);
  assert_non_null(strstr(err.message, "imply different answers to 'aches'"));
  assert_int_equal(symcheck_interview_answer(iv, "danger_signs", "drooling", &err), 0);
  const symcheck_finding *aches = symcheck_pack_find_finding(v.pack, "aches");
  assert_true(symcheck_interview_implied_by(iv, aches, NULL, NULL));
  char *encoded = symcheck_interview_encode(iv);
  assert_string_equal(encoded, "danger_signs.drooling");
  free(encoded);
  symcheck_interview_free(iv);
  pack_variant_remove(&v);
}

static void test_result_says_when_it_stopped_at_the_cap(void **state) {
  (void)state;
  symcheck_interview *iv = S_start("anal-mucus-discharge");
  symcheck_interview_set_max_questions(iv, 6);
  S_screen(iv, "none");
  while (!symcheck_interview_should_stop(iv)) {
    S_answer_any(iv, symcheck_interview_next(iv), true);
  }
  assert_int_equal(symcheck_interview_stop_reason(iv), SYMCHECK_STOP_QUESTION_CAP);
  symcheck_result *r = symcheck_interview_result(iv);
  assert_int_equal(r->stop_reason, SYMCHECK_STOP_QUESTION_CAP);
  char words[256];
  symcheck_stop_words(r->stop_reason, r->answered, words, sizeof words);
  assert_non_null(strstr(words, "We stopped after 6 questions"));
  json_t *step = symcheck_interview_json(iv);
  assert_string_equal(json_string_value(json_object_get(step, "stop_reason")), "question_cap");
  assert_string_equal(json_string_value(json_object_get(step, "stop_note")), words);
  json_decref(step);
  symcheck_result_free(r);
  symcheck_interview_free(iv);
}

static void test_many_unknowns_stop_early_and_say_so(void **state) {
  (void)state;
  symcheck_interview *iv = S_start("anal-mucus-discharge");
  S_screen(iv, "none");
  for (int i = 0; i < 3; i++) {
    assert_false(symcheck_interview_should_stop(iv));
    pack_story_answer(iv, symcheck_interview_next(iv)->id, "unknown");
  }
  assert_true(symcheck_interview_should_stop(iv));
  assert_int_equal(symcheck_interview_stop_reason(iv), SYMCHECK_STOP_UNKNOWNS);
  json_t *step = symcheck_interview_json(iv);
  assert_string_equal(json_string_value(json_object_get(step, "status")), "result");
  assert_string_equal(json_string_value(json_object_get(step, "stop_reason")), "unknown_answers");
  assert_string_equal(json_string_value(json_object_get(step, "stop_note")),
                      "Many answers were 'don't know', so this list is uncertain.");
  json_decref(step);
  symcheck_interview_free(iv);
}

static void test_settled_interview_says_nothing_more(void **state) {
  (void)state;
  symcheck_interview *iv = S_start("anal-itching");
  S_screen(iv, "none");
  for (int i = 0; i < 40 && !symcheck_interview_should_stop(iv); i++) {
    S_answer_any(iv, symcheck_interview_next(iv), i % 2 == 0);
  }
  symcheck_stop_reason reason = symcheck_interview_stop_reason(iv);
  assert_true(reason == SYMCHECK_STOP_SETTLED || reason == SYMCHECK_STOP_QUESTION_CAP);
  json_t *step = symcheck_interview_json(iv);
  json_t *note = json_object_get(step, "stop_note");
  assert_true(reason == SYMCHECK_STOP_SETTLED ? json_is_null(note) : json_is_string(note));
  json_decref(step);
  symcheck_interview_free(iv);
}

/* ---- reasons ------------------------------------------------------------ */

static bool S_lists(const symcheck_evidence *e, size_t n, const char *finding) {
  for (size_t i = 0; i < n; i++) {
    if (strcmp(e[i].finding->id, finding) == 0) {
      return true;
    }
  }
  return false;
}

static void test_complaint_never_argues_against(void **state) {
  (void)state;
  symcheck_interview *iv = S_start("anal-mucus-discharge");
  S_screen(iv, "none");
  symcheck_result *r = symcheck_interview_result(iv);
  bool coeliac = false;
  for (size_t i = 0; i < r->condition_count && i < SYMCHECK_RESULT_EXPLAINED; i++) {
    const symcheck_ranked_condition *rc = &r->conditions[i];
    /* P(mucus | coeliac) = 0.10 is below the average: mucus still is no
       reason against coeliac disease for someone who came with mucus */
    assert_false(S_lists(rc->against_answers, rc->against_count, "mucus"));
    coeliac = coeliac || strcmp(rc->condition->id, "coeliac") == 0;
  }
  assert_true(coeliac);
  symcheck_result_free(r);
  symcheck_interview_free(iv);
}

static void test_reasons_say_direction_strength_and_what_implied_them(void **state) {
  (void)state;
  symcheck_interview *iv = S_start("anal-mucus-discharge");
  S_screen(iv, "bloody_diarrhoea");
  symcheck_result *r = symcheck_interview_result(iv);
  bool implied_seen = false;
  for (size_t i = 0; i < r->condition_count && i < SYMCHECK_RESULT_EXPLAINED; i++) {
    const symcheck_ranked_condition *rc = &r->conditions[i];
    for (size_t k = 0; k < rc->for_count + rc->against_count; k++) {
      const symcheck_evidence *e =
          k < rc->for_count ? &rc->for_answers[k] : &rc->against_answers[k - rc->for_count];
      double ratio = exp(fabs(e->weight));
      const char *want = ratio >= 5.0 ? "strongly" : ratio >= 2.0 ? "somewhat" : "slightly";
      assert_string_equal(e->strength, want);
      assert_true(symcheck_interview_is_answered(iv, e->finding));
      char words[512];
      symcheck_evidence_words(e, words, sizeof words);
      assert_non_null(strstr(words, k < rc->for_count ? "towards it" : "away from it"));
      if (strcmp(e->finding->id, "blood_in_stool") == 0) {
        assert_non_null(e->implied_by);
        assert_non_null(strstr(words, "implied by your answer to \"Warning signs\": Diarrhoea"));
        implied_seen = true;
      }
    }
  }
  assert_true(implied_seen);
  json_t *step = symcheck_interview_json(iv);
  json_t *implied = json_object_get(step, "implied");
  assert_int_equal(json_array_size(implied), 2);
  assert_string_equal(json_string_value(json_object_get(
                          json_object_get(json_array_get(implied, 0), "implied_by"), "option")),
                      "bloody_diarrhoea");
  json_decref(step);
  symcheck_result_free(r);
  symcheck_interview_free(iv);
}

static void test_no_reasons_for_a_condition_at_the_floor(void **state) {
  (void)state;
  symcheck_diagnostics d = {0};
  symcheck_pack *pack = symcheck_pack_load(DDXPLUS, &d);
  symcheck_diagnostics_free(&d);
  assert_non_null(pack);
  symcheck_profile p = {.age = 40, .sex = SYMCHECK_SEX_MALE};
  const symcheck_complaint *c = symcheck_pack_complaint(pack, 0);
  symcheck_interview *iv = symcheck_interview_new(pack, c->id, &p, NULL);
  for (int i = 0; i < 12 && !symcheck_interview_should_stop(iv); i++) {
    S_answer_any(iv, symcheck_interview_next(iv), false);
  }
  symcheck_result *r = symcheck_interview_result(iv);
  /* a condition at the floor is neither listed (result.c) nor explained
     (explain.c): every listed one is above it */
  assert_true(r->condition_count > 0);
  for (size_t i = 0; i < r->condition_count; i++) {
    assert_true(r->conditions[i].probability > 0.0101 * (1.0 + 1e-9));
  }
  symcheck_result_free(r);
  symcheck_interview_free(iv);
  symcheck_pack_free(pack);
}

/* DDXPlus: "Do you smoke cigarettes?" yes answers "Are you a former
   smoker?" no (clinical.yaml findings.e_79.excludes), so a smoker is never
   asked it, in any complaint where smoking matters, and the answer shows as
   implied by the smoking one. */
static void test_a_smoker_is_never_asked_if_a_former_smoker(void **state) {
  (void)state;
  symcheck_diagnostics d = {0};
  symcheck_pack *pack = symcheck_pack_load(DDXPLUS, &d);
  symcheck_diagnostics_free(&d);
  assert_non_null(pack);
  static const char *const complaints[] = {"e-201", "e-45", "e-66", "chest-pain", "e-89"};
  symcheck_profile p = {.age = 58, .sex = SYMCHECK_SEX_MALE};
  for (size_t k = 0; k < sizeof complaints / sizeof *complaints; k++) {
    symcheck_interview *iv = symcheck_interview_new(pack, complaints[k], &p, NULL);
    assert_non_null(iv);
    pack_story_answer(iv, "e_79", "yes");
    size_t asked = 0;
    for (; asked < 60 && !symcheck_interview_should_stop(iv); asked++) {
      const symcheck_finding *f = symcheck_interview_next(iv);
      assert_string_not_equal(f->id, "e_191");
      S_answer_any(iv, f, false);
    }
    assert_true(asked > 5);
    const symcheck_finding *former = symcheck_pack_find_finding(pack, "e_191");
    const symcheck_finding *by = NULL;
    assert_true(symcheck_interview_implied_by(iv, former, &by, NULL));
    assert_string_equal(by->id, "e_79");
    assert_int_equal(symcheck_interview_implied_option(iv, former), 1); /* no */
    symcheck_interview_free(iv);
  }
  symcheck_pack_free(pack);
}

/* ---- end to end ------------------------------------------------------------ */

static void test_cli_refuses_a_contradiction_naming_its_source(void **state) {
  (void)state;
  run_result r =
      run_symcheck(60000, NULL, "diagnose", "--pack", ANORECTAL, "--complaint",
                   "anal-mucus-discharge", "--age", "34", "--sex", "female", "--answer",
                   "warning_signs=severe_anal_pain", "--answer", "pain_severity=mild", NULL);
  assert_int_not_equal(r.exit_code, 0);
  assert_non_null(strstr(r.err, "'pain_severity' is already answered 'Severe' by your answer to "
                                "'warning_signs' (Very bad pain in or around the bottom)"));
  run_result_free(&r);
}

static void test_cli_lists_former_smoker_as_implied_by_smoking(void **state) {
  (void)state;
  run_result r =
      run_symcheck(60000, NULL, "diagnose", "--pack", DDXPLUS, "--complaint", "e-201", "--age",
                   "58", "--sex", "male", "--answer", "e_79=yes", "--json", NULL);
  assert_int_equal(r.exit_code, 0);
  const char *implied = strstr(r.out, "\"implied\": [");
  assert_non_null(implied);
  assert_non_null(strstr(implied, "\"id\": \"e_191\",\n      \"value\": \"no\",\n"
                                  "      \"implied_by\": {\n        \"finding\": \"e_79\",\n"
                                  "        \"option\": \"yes\""));
  run_result_free(&r);
}

static void test_cli_result_says_the_list_is_uncertain(void **state) {
  (void)state;
  /* the screen, then "don't know" until the interview gives up */
  symcheck_interview *iv = S_start("anal-mucus-discharge");
  S_screen(iv, "none");
  while (!symcheck_interview_should_stop(iv)) {
    pack_story_answer(iv, symcheck_interview_next(iv)->id, "unknown");
  }
  assert_int_equal(symcheck_interview_stop_reason(iv), SYMCHECK_STOP_UNKNOWNS);
  char *encoded = symcheck_interview_encode(iv);
  run_result r = run_symcheck(60000, NULL, "diagnose", "--pack", ANORECTAL, "--complaint",
                              "anal-mucus-discharge", "--age", "34", "--sex", "female", "--answers",
                              encoded, NULL);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "Many answers were 'don't know', so this list is uncertain."));
  assert_non_null(strstr(r.out, "Points "));
  run_result_free(&r);
  free(encoded);
  symcheck_interview_free(iv);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_loader_refuses_unknown_targets_and_answers),
      cmocka_unit_test(test_loader_refuses_multi_targets_and_misplaced_implies),
      cmocka_unit_test(test_loader_detects_cycles_and_lone_follow_ups),
      cmocka_unit_test(test_loader_reads_implications),
      cmocka_unit_test(test_implications_are_transitive),
      cmocka_unit_test(test_ticked_item_answers_what_it_implies),
      cmocka_unit_test(test_screen_answers_imply_pack_findings),
      cmocka_unit_test(test_implied_answers_weigh_like_given_ones),
      cmocka_unit_test(test_contradicting_an_implied_answer_is_refused),
      cmocka_unit_test(test_answer_implying_against_an_earlier_one_is_refused),
      cmocka_unit_test(test_nothing_is_implied_that_does_not_apply),
      cmocka_unit_test(test_ticked_items_that_disagree_are_refused),
      cmocka_unit_test(test_result_says_when_it_stopped_at_the_cap),
      cmocka_unit_test(test_many_unknowns_stop_early_and_say_so),
      cmocka_unit_test(test_settled_interview_says_nothing_more),
      cmocka_unit_test(test_complaint_never_argues_against),
      cmocka_unit_test(test_reasons_say_direction_strength_and_what_implied_them),
      cmocka_unit_test(test_no_reasons_for_a_condition_at_the_floor),
      cmocka_unit_test(test_cli_refuses_a_contradiction_naming_its_source),
      cmocka_unit_test(test_cli_result_says_the_list_is_uncertain),
      cmocka_unit_test(test_a_smoker_is_never_asked_if_a_former_smoker),
      cmocka_unit_test(test_cli_lists_former_smoker_as_implied_by_smoking),
  };
  return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
