/*
 * test_label_child.c - option labels that speak about "your child" (issue
 * 9): an option's label_child is read and worded for ages 0-11, `pack
 * check` refuses a label that says "you" or "my" on an option a child can
 * be asked without one, and the real binary shows a parent "your baby"
 * where an adult sees "you" (text, JSON and the triage reason).
 *
 * Loader cases are tests/packs/screen copied with one piece of YAML
 * replaced, shown in the test itself; the end-to-end cases run symcheck on
 * the bundled abdominal pack, whose screen asks about a rash that does not
 * fade "when you press a clear glass on it".
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

#include "pack_variant.h"
#include "run_process.h"
#include "symcheck.h"

#define SCREEN SYMCHECK_SOURCE_DIR "/tests/packs/screen"
#define PACKS SYMCHECK_SOURCE_DIR "/packs/"
#define ABDOMINAL PACKS "abdominal"
#define TIMEOUT_MS 60000
#define OPTIONS "    - {id: struggling, label: With difficulty}"

static const char *const S_files[] = {"pack.yaml",      "findings.yaml",   "conditions.yaml",
                                      "red_flags.yaml", "complaints.yaml", "screen.yaml"};

/* The screen test pack with the option `struggling` of daily_activities
   (a single finding asked at every age) written as `option`. */
static void S_load(pack_variant *v, const char *option) {
  pack_variant_load(v, SCREEN, S_files, sizeof S_files / sizeof *S_files, "findings.yaml", OPTIONS,
                    option);
}

/* Expects the pack with `option` refused on `field`, on the option's line,
   with `words` in the message. */
static void S_refused(const char *option, const char *field, const char *words) {
  pack_variant v = {0};
  S_load(&v, option);
  int line = pack_variant_line_of(&v, "findings.yaml", option);
  assert_null(v.pack);
  for (size_t i = 0; i < v.diagnostics.count; i++) {
    const symcheck_error *e = &v.diagnostics.items[i];
    if (strcmp(e->file, "findings.yaml") == 0 && e->line == line && strcmp(e->field, field) == 0 &&
        strstr(e->message, words) != NULL) {
      pack_variant_remove(&v);
      return;
    }
  }
  pack_variant_print(&v.diagnostics);
  pack_variant_remove(&v);
  fail_msg("no error findings.yaml:%d: %s: ...%s...", line, field, words);
}

/* Expects the pack with `option` to load. */
static void S_loads(const char *option) {
  pack_variant v = {0};
  S_load(&v, option);
  if (v.pack == NULL) {
    pack_variant_print(&v.diagnostics);
    pack_variant_remove(&v);
    fail_msg("refused: %s", option);
  }
  pack_variant_remove(&v);
}

static void test_label_child_must_say_where_child_goes(void **state) {
  (void)state;
  S_refused("    - {id: struggling, label: With difficulty, label_child: With some difficulty}",
            "findings[daily_activities].options[struggling].label_child", "must contain {child}");
}

static void test_a_label_speaking_to_the_person_needs_a_child_label(void **state) {
  (void)state;
  const char *field = "findings[daily_activities].options[struggling].label";
  S_refused("    - {id: struggling, label: \"With difficulty, you need help\"}", field,
            "says \"you\" but can be asked about a child aged 0-11; add label_child:");
  S_refused("    - {id: struggling, label: \"Your day is hard\"}", field, "says \"Your\"");
  S_refused("    - {id: struggling, label: \"Hard to look after yourself\"}", field,
            "says \"yourself\"");
  S_refused("    - {id: struggling, label: \"I struggle\"}", field, "says \"I\"");
  S_refused("    - {id: struggling, label: \"It wears me out\"}", field, "says \"me\"");
  S_refused("    - {id: struggling, label: \"My day is hard\"}", field, "says \"My\"");
  /* an option's own ages that still reach a child */
  S_refused("    - {id: struggling, label: \"You need help\", ages: [10, 120]}", field,
            "says \"You\"");
}

static void test_labels_that_need_no_child_label(void **state) {
  (void)state;
  /* with a child label, only for ages 12 and over, or not a pronoun */
  S_loads("    - {id: struggling, label: \"You need help\", label_child: \"{child} needs help\"}");
  S_loads("    - {id: struggling, label: \"You need help\", ages: [12, 120]}");
  S_loads("    - {id: struggling, label: \"With difficulty (you may need help)\"}");
  S_loads("    - {id: struggling, label: \"With difficulty, as with ME\"}");
  S_loads("    - {id: struggling, label: \"Young people often struggle with mysterious aches\"}");
}

/* Option `struggling` of the variant pack as worded at `age`. */
static void S_expect_label(const symcheck_pack *pack, int age, const char *want) {
  const symcheck_finding *f = symcheck_pack_find_finding(pack, "daily_activities");
  assert_non_null(f);
  char buf[256];
  int option = symcheck_finding_option(f, "struggling");
  assert_true(option >= 0);
  assert_string_equal(symcheck_option_label_for(f, (size_t)option, age, buf, sizeof buf), want);
}

static void test_label_is_worded_for_the_age(void **state) {
  (void)state;
  pack_variant v = {0};
  S_load(&v, "    - {id: struggling, label: \"You need help. It hurts your back\", label_child: "
             "\"{child} needs help. It hurts {child}'s back\"}");
  assert_non_null(v.pack);
  S_expect_label(v.pack, 0, "Your baby needs help. It hurts your baby's back");
  S_expect_label(v.pack, 1, "Your baby needs help. It hurts your baby's back");
  S_expect_label(v.pack, 2, "Your child needs help. It hurts your child's back");
  S_expect_label(v.pack, 11, "Your child needs help. It hurts your child's back");
  S_expect_label(v.pack, 12, "You need help. It hurts your back");
  S_expect_label(v.pack, 70, "You need help. It hurts your back");
  /* an option without one keeps its label at every age */
  const symcheck_finding *f = symcheck_pack_find_finding(v.pack, "daily_activities");
  char buf[64];
  assert_string_equal(symcheck_option_label_for(f, 0, 1, buf, sizeof buf), "As usual");
  assert_string_equal(symcheck_option_label_for(f, f->option_count, 1, buf, sizeof buf), "");
  /* pack content (no person) gives both, as written */
  json_t *j = symcheck_finding_json(f);
  json_t *o = json_array_get(json_object_get(j, "options"), 1);
  assert_string_equal(json_string_value(json_object_get(o, "label")),
                      "You need help. It hurts your back");
  assert_string_equal(json_string_value(json_object_get(o, "label_child")),
                      "{child} needs help. It hurts {child}'s back");
  json_decref(j);
  pack_variant_remove(&v);
}

static void S_contains(const char *text, const char *want) {
  if (strstr(text, want) == NULL) {
    fail_msg("expected \"%s\" in:\n%s", want, text);
  }
}

/* ---- answers in words, bundled pack -------------------------------------- */

/* The limbs pack's backache at `age`, with the back warning sign "a high
   temperature" ticked (it implies feverish: yes). */
static symcheck_interview *S_backache(const symcheck_pack *pack, int age) {
  symcheck_profile profile = {.age = age, .sex = SYMCHECK_SEX_FEMALE};
  symcheck_error err = {0};
  symcheck_interview *iv = symcheck_interview_new(pack, "backache", &profile, &err);
  if (iv == NULL) {
    fail_msg("backache at %d: %s", age, err.message);
  }
  if (symcheck_interview_answer(iv, "back_urgent", "fever", &err) != 0) {
    fail_msg("back_urgent=fever refused: %s", err.message);
  }
  return iv;
}

/* Every explanation of every condition of the interview, as JSON text. */
static char *S_all_reasons(symcheck_interview *iv, const symcheck_pack *pack) {
  json_t *all = json_array();
  for (size_t i = 0; i < symcheck_pack_condition_count(pack); i++) {
    json_t *why = symcheck_explain_json(iv, symcheck_pack_condition(pack, i));
    if (why != NULL) {
      json_array_append_new(all, why);
    }
  }
  char *text = json_dumps(all, 0);
  json_decref(all);
  return text;
}

static void test_explanations_word_a_childs_answers_for_the_child(void **state) {
  (void)state;
  symcheck_diagnostics d = {0};
  symcheck_pack *pack = symcheck_pack_load(PACKS "limbs", &d);
  symcheck_diagnostics_free(&d);
  assert_non_null(pack);
  const char *adult = "You also have a high temperature, or feel hot and shivery";
  const char *child = "Your child also has a high temperature, or feels hot and shivery";
  symcheck_interview *iv = S_backache(pack, 40);
  char *text = S_all_reasons(iv, pack);
  S_contains(text, adult);
  assert_null(strstr(text, child));
  free(text);
  symcheck_interview_free(iv);
  iv = S_backache(pack, 9);
  text = S_all_reasons(iv, pack);
  /* the ticked option itself, and the answer it implied; its question too */
  S_contains(text, child);
  S_contains(text, "implied by your answer to");
  assert_null(strstr(text, adult));
  S_contains(text, "Is any of these true of your child's back pain?");
  assert_null(strstr(text, "Is any of these true of your back pain?"));
  free(text);
  symcheck_interview_free(iv);
  symcheck_pack_free(pack);
}

/* ---- the real binary, bundled pack --------------------------------------- */

/* `symcheck diagnose` on the abdominal pack's vomiting complaint at `age`,
   past the first two screen questions, so screen_urgent is asked. */
static run_result S_diagnose(const char *age, const char *extra, const char *json) {
  return run_symcheck(TIMEOUT_MS, NULL, "diagnose", "--pack", ABDOMINAL, "--complaint", "vomiting",
                      "--age", age, "--sex", "female", "--answer", "screen_emergency=none",
                      "--answer", "temperature=unknown", extra != NULL ? "--answer" : json, extra,
                      json, NULL);
}

static void test_diagnose_labels_options_for_a_baby(void **state) {
  (void)state;
  run_result adult = S_diagnose("30", NULL, NULL);
  assert_int_equal(adult.exit_code, 0);
  S_contains(adult.out, "rash_no_fade (A rash that does not fade when you press a clear glass");
  run_result_free(&adult);
  run_result baby = S_diagnose("1", NULL, NULL);
  assert_int_equal(baby.exit_code, 0);
  S_contains(baby.out, "rash_no_fade (A rash on your baby that does not fade when you press");
  assert_null(strstr(baby.out, "(A rash that does not fade"));
  run_result_free(&baby);
}

/* The screen's first question: a baby's parent is not asked whether the
   baby can say a whole sentence. */
static void test_screen_breathing_is_worded_for_a_baby(void **state) {
  (void)state;
  run_result r = run_symcheck(TIMEOUT_MS, NULL, "diagnose", "--pack", ABDOMINAL, "--complaint",
                              "vomiting", "--age", "0", "--sex", "female", NULL);
  assert_int_equal(r.exit_code, 0);
  S_contains(r.out, "breathing (Your baby is struggling to breathe, or is too out of breath to "
                    "talk, feed or cry as usual)");
  assert_null(strstr(r.out, "say a whole sentence"));
  run_result_free(&r);
}

/* The label of option `id` in the JSON step's question. */
static const char *S_json_label(json_t *step, const char *id) {
  json_t *options = json_object_get(json_object_get(step, "question"), "options");
  for (size_t i = 0; i < json_array_size(options); i++) {
    json_t *o = json_array_get(options, i);
    if (strcmp(json_string_value(json_object_get(o, "id")), id) == 0) {
      return json_string_value(json_object_get(o, "label"));
    }
  }
  return "";
}

static void test_json_question_carries_the_child_label(void **state) {
  (void)state;
  run_result r = S_diagnose("7", NULL, "--json");
  assert_int_equal(r.exit_code, 0);
  json_t *step = json_loads(r.out, 0, NULL);
  assert_non_null(step);
  assert_string_equal(S_json_label(step, "rash_no_fade"),
                      "A rash on your child that does not fade when you press a clear glass on it");
  json_decref(step);
  run_result_free(&r);
}

static void test_triage_reason_quotes_the_child_label(void **state) {
  (void)state;
  run_result r = S_diagnose("1", "screen_urgent=rash_no_fade", NULL);
  assert_int_equal(r.exit_code, 0);
  S_contains(r.out,
             "You said: A rash on your baby that does not fade when you press a clear glass");
  run_result_free(&r);
}

/* The terminal quiz lists the child's label and takes a reply in its words
   ("a rash on your baby" is no start of the adult label). */
static void test_quiz_shows_and_takes_the_child_label(void **state) {
  (void)state;
  run_result r =
      run_symcheck(TIMEOUT_MS, "0\nd\na rash on your baby\nq\n", "quiz", "--pack", ABDOMINAL,
                   "--complaint", "vomiting", "--age", "1", "--sex", "female", NULL);
  S_contains(r.out, "Do any of these apply to your baby?");
  S_contains(r.out,
             "\n  3. A rash on your baby that does not fade when you press a clear glass on it\n");
  S_contains(r.out, "How soon to get care: Emergency department");
  S_contains(r.out, "You said: A rash on your baby that does not fade");
  assert_null(strstr(r.out, "is not one of the answers"));
  run_result_free(&r);
}

/* Every bundled pack passes the check, child labels included. */
static void test_every_bundled_pack_passes_check(void **state) {
  (void)state;
  static const char *const packs[] = {"abdominal", "anorectal", "ddxplus", "ddxplus/fr",  "fever",
                                      "general",   "headache",  "limbs",   "respiratory", "skin"};
  for (size_t i = 0; i < sizeof packs / sizeof *packs; i++) {
    char dir[512];
    snprintf(dir, sizeof dir, "%s%s", PACKS, packs[i]);
    run_result r = run_symcheck(TIMEOUT_MS, NULL, "pack", "check", dir, NULL);
    if (r.exit_code != 0) {
      fail_msg("pack check %s: exit %d:\n%s%s", packs[i], r.exit_code, r.out, r.err);
    }
    run_result_free(&r);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_label_child_must_say_where_child_goes),
      cmocka_unit_test(test_a_label_speaking_to_the_person_needs_a_child_label),
      cmocka_unit_test(test_labels_that_need_no_child_label),
      cmocka_unit_test(test_label_is_worded_for_the_age),
      cmocka_unit_test(test_explanations_word_a_childs_answers_for_the_child),
      cmocka_unit_test(test_diagnose_labels_options_for_a_baby),
      cmocka_unit_test(test_screen_breathing_is_worded_for_a_baby),
      cmocka_unit_test(test_json_question_carries_the_child_label),
      cmocka_unit_test(test_triage_reason_quotes_the_child_label),
      cmocka_unit_test(test_quiz_shows_and_takes_the_child_label),
      cmocka_unit_test(test_every_bundled_pack_passes_check),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
