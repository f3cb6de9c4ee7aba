/*
 * test_compound.c - one thing per question (issue 11): `pack check` refuses
 * a question that asks two things (two question marks, or ", and" / "and
 * is" ... starting a second clause) unless the finding says compound_ok with
 * a compound_note; a generated pack only counts them as warnings.
 *
 * The loader's rule is shown on the tiny pack (tests/packs/tiny) with one
 * piece of YAML changed; `symcheck pack check` end to end on a broken copy
 * and on the generated DDXPlus pack.
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

#include "pack_variant.h"
#include "run_process.h"
#include "symcheck.h"

#define TINY SYMCHECK_SOURCE_DIR "/tests/packs/tiny"
#define DDXPLUS SYMCHECK_SOURCE_DIR "/packs/ddxplus"

static const char *const S_files[] = {"pack.yaml",       "findings.yaml",
                                      "conditions.yaml", "red_flags.yaml",
                                      "complaints.yaml", "articles/sore-throat.md"};

#define S_ACHES "  question: Does your whole body ache?\n"
#define S_FIX "split it into two findings, or mark compound_ok: true with compound_note"

static void S_load(pack_variant *v, const char *new_question) {
  pack_variant_load(v, TINY, S_files, sizeof S_files / sizeof *S_files, "findings.yaml", S_ACHES,
                    new_question);
}

/* Expects the aches question refused on its line, the message saying `why`
   and the fix. */
static void S_refused(const char *new_question, const char *why) {
  pack_variant v = {0};
  S_load(&v, new_question);
  assert_null(v.pack);
  int line = pack_variant_line_of(&v, "findings.yaml", "  question: Does your whole body");
  for (size_t i = 0; i < v.diagnostics.count; i++) {
    const symcheck_error *e = &v.diagnostics.items[i];
    if (strcmp(e->file, "findings.yaml") == 0 && e->line == line &&
        strcmp(e->field, "findings[aches].question") == 0 && strstr(e->message, why) != NULL &&
        strstr(e->message, S_FIX) != NULL) {
      pack_variant_remove(&v);
      return;
    }
  }
  pack_variant_print(&v.diagnostics);
  pack_variant_remove(&v);
  fail_msg("no error at findings.yaml:%d saying ...%s...", line, why);
}

static void test_two_question_marks_are_refused(void **state) {
  (void)state;
  S_refused("  question: Does your whole body ache? Is it worse at night?\n",
            "has 2 question marks");
}

static void test_and_starting_a_second_clause_is_refused(void **state) {
  (void)state;
  S_refused("  question: Does your whole body ache and is it worse at night?\n",
            "joins two questions with \"and is\"");
  S_refused("  question: Does your whole body ache and have you had a fever?\n",
            "joins two questions with \"and have\"");
  S_refused("  question: Does your whole body ache, and does it keep you awake?\n",
            "joins two questions with \", and\"");
}

static void test_one_question_with_and_in_it_loads(void **state) {
  (void)state;
  const char *const fine[] = {
      "  question: Do you have aches and pains all over?\n",
      "  question: Does your whole body ache (arms and legs, back and neck)?\n",
      "  question: Does your whole body ache (and is it worse at night)?\n",
  };
  for (size_t i = 0; i < sizeof fine / sizeof *fine; i++) {
    pack_variant v = {0};
    S_load(&v, fine[i]);
    pack_variant_print(&v.diagnostics);
    assert_non_null(v.pack);
    pack_variant_remove(&v);
  }
}

static void test_compound_ok_with_a_note_is_accepted(void **state) {
  (void)state;
  pack_variant v = {0};
  S_load(&v, "  question: Does your whole body ache and is it worse at night?\n"
             "  compound_ok: true\n"
             "  compound_note: \"Made up: both halves mean flu here.\"\n");
  pack_variant_print(&v.diagnostics);
  assert_non_null(v.pack);
  assert_int_equal(symcheck_pack_get_stats(v.pack).compound_warnings, 0);
  pack_variant_remove(&v);
}

static void test_compound_ok_needs_a_note(void **state) {
  (void)state;
  pack_variant v = {0};
  S_load(&v, "  question: Does your whole body ache and is it worse at night?\n"
             "  compound_ok: true\n");
  assert_null(v.pack);
  int line = pack_variant_line_of(&v, "findings.yaml", "  compound_ok: true");
  bool found = false;
  for (size_t i = 0; i < v.diagnostics.count; i++) {
    const symcheck_error *e = &v.diagnostics.items[i];
    found = found || (e->line == line && strcmp(e->field, "findings[aches].compound_ok") == 0 &&
                      strstr(e->message, "compound_note") != NULL);
  }
  pack_variant_print(&v.diagnostics);
  pack_variant_remove(&v);
  assert_true(found);
}

static void test_generated_pack_counts_compound_questions_as_warnings(void **state) {
  (void)state;
  pack_variant first = {0};
  S_load(&first, "  question: Does your whole body ache and is it worse at night?\n");
  assert_null(first.pack);
  pack_variant v = {0};
  pack_variant_load(&v, first.dir, S_files, sizeof S_files / sizeof *S_files, "pack.yaml",
                    "emergency_number: \"112\"\n", "emergency_number: \"112\"\ngenerated: true\n");
  pack_variant_remove(&first);
  pack_variant_print(&v.diagnostics);
  assert_non_null(v.pack);
  assert_true(symcheck_pack_get_info(v.pack)->generated);
  assert_int_equal(symcheck_pack_get_stats(v.pack).compound_warnings, 1);
  pack_variant_remove(&v);
}

static void test_pack_check_fails_naming_the_finding_and_the_fix(void **state) {
  (void)state;
  pack_variant v = {0};
  S_load(&v, "  question: Does your whole body ache? Is it worse at night?\n");
  run_result r = run_symcheck(60000, NULL, "pack", "check", v.dir, NULL);
  pack_variant_remove(&v);
  assert_int_equal(r.exit_code, 1);
  assert_non_null(strstr(r.out, "findings[aches].question: asks more than one thing"));
  assert_non_null(strstr(r.out, S_FIX));
  run_result_free(&r);
}

static void test_pack_check_passes_the_generated_ddxplus_pack_with_a_warning(void **state) {
  (void)state;
  run_result r = run_symcheck(60000, NULL, "pack", "check", DDXPLUS, NULL);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "ok: "));
  assert_non_null(strstr(r.out, "warning: 2 questions ask more than one thing"));
  run_result_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_two_question_marks_are_refused),
      cmocka_unit_test(test_and_starting_a_second_clause_is_refused),
      cmocka_unit_test(test_one_question_with_and_in_it_loads),
      cmocka_unit_test(test_compound_ok_with_a_note_is_accepted),
      cmocka_unit_test(test_compound_ok_needs_a_note),
      cmocka_unit_test(test_generated_pack_counts_compound_questions_as_warnings),
      cmocka_unit_test(test_pack_check_fails_naming_the_finding_and_the_fix),
      cmocka_unit_test(test_pack_check_passes_the_generated_ddxplus_pack_with_a_warning),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
