/*
 * test_safety.c - red flags always escalate, on the real anorectal pack.
 *
 * Every red flag of the pack is tried in every complaint, for both sexes,
 * enumerated from the pack rather than from a hand-kept list, so a red flag
 * added tomorrow is covered tomorrow. Answering it must give at least its
 * level, whatever else is likely, and a red flag at emergency or above must
 * end the quiz at once. The red-flag screen must come before anything else.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "symcheck.h"

#define PACK_DIR SYMCHECK_SOURCE_DIR "/packs/anorectal"

static int S_setup(void **state) {
  symcheck_diagnostics d = {0};
  *state = symcheck_pack_load(PACK_DIR, &d);
  for (size_t i = 0; i < d.count; i++) {
    print_error("%s:%d: %s: %s\n", d.items[i].file, d.items[i].line, d.items[i].field,
                d.items[i].message);
  }
  symcheck_diagnostics_free(&d);
  return *state == NULL ? -1 : 0;
}

static int S_teardown(void **state) {
  symcheck_pack_free(*state);
  return 0;
}

/* Answers finding f with option o (alone, for a multi finding), first
   answering the chain of parents it hangs on with an option that allows it. */
static void S_answer_option(symcheck_interview *iv, const symcheck_finding *f, size_t o) {
  if (f->parent != NULL && !symcheck_interview_is_answered(iv, f->parent)) {
    S_answer_option(iv, f->parent, f->parent_options[0]);
  }
  bool *selected = calloc(f->option_count, sizeof *selected);
  assert_non_null(selected);
  selected[o] = true;
  symcheck_value v = {.option = o, .selected = selected, .number = f->options[o].min};
  int status = symcheck_interview_answer_value(iv, f->index, &v);
  free(selected);
  if (status != 0) {
    print_error("cannot answer %s with %s\n", f->id, f->options[o].id);
  }
  assert_int_equal(status, 0);
}

static void test_every_red_flag_escalates_in_every_complaint(void **state) {
  const symcheck_pack *pack = *state;
  size_t checked = 0;
  assert_true(symcheck_pack_red_flag_count(pack) >= 8);
  for (size_t c = 0; c < symcheck_pack_complaint_count(pack); c++) {
    const symcheck_complaint *complaint = symcheck_pack_complaint(pack, c);
    for (size_t r = 0; r < symcheck_pack_red_flag_count(pack); r++) {
      const symcheck_red_flag *rf = symcheck_pack_red_flag(pack, r);
      for (int sex = 0; sex < 2; sex++) {
        symcheck_profile profile = {.age = rf->min_age > 35 ? rf->min_age : 35,
                                    .sex = (symcheck_sex)sex};
        symcheck_interview *iv = symcheck_interview_new(pack, complaint->id, &profile, NULL);
        assert_non_null(iv);
        if (symcheck_interview_is_answered(iv, rf->finding)) {
          symcheck_interview_free(iv); /* the complaint itself answers it */
          continue;
        }
        S_answer_option(iv, rf->finding, rf->option);
        symcheck_triage t = symcheck_interview_triage(iv);
        if (t.level < rf->level) {
          print_error("%s: red flag %s=%s gave %s, below %s\n", complaint->id, rf->finding->id,
                      rf->finding->options[rf->option].id, symcheck_level_id(t.level),
                      symcheck_level_id(rf->level));
        }
        assert_true(t.level >= rf->level);
        assert_non_null(t.red_flag);
        if (rf->level >= SYMCHECK_LEVEL_EMERGENCY) {
          assert_true(symcheck_interview_should_stop(iv));
        }
        checked++;
        symcheck_interview_free(iv);
      }
    }
  }
  print_message("%zu red-flag answers checked\n", checked);
  assert_true(checked > 0);
}

static void test_screen_is_asked_first(void **state) {
  const symcheck_pack *pack = *state;
  for (size_t c = 0; c < symcheck_pack_complaint_count(pack); c++) {
    const symcheck_complaint *complaint = symcheck_pack_complaint(pack, c);
    assert_true(complaint->screen_count > 0);
    symcheck_profile profile = {.age = 40, .sex = SYMCHECK_SEX_FEMALE};
    symcheck_interview *iv = symcheck_interview_new(pack, complaint->id, &profile, NULL);
    for (size_t i = 0; i < complaint->screen_count; i++) {
      const symcheck_finding *next = symcheck_interview_next(iv);
      if (symcheck_interview_is_answered(iv, complaint->screen[i])) {
        continue;
      }
      assert_ptr_equal(next, complaint->screen[i]);
      /* answer "no" / no option chosen */
      symcheck_value v = {.option = next->type == SYMCHECK_ANSWER_YES_NO ? 1 : 0};
      if (next->type == SYMCHECK_ANSWER_MULTI || next->type == SYMCHECK_ANSWER_YES_NO) {
        assert_int_equal(symcheck_interview_answer_value(iv, next->index, &v), 0);
      } else {
        v.unknown = true;
        assert_int_equal(symcheck_interview_answer_value(iv, next->index, &v), 0);
      }
    }
    symcheck_interview_free(iv);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_red_flag_escalates_in_every_complaint),
      cmocka_unit_test(test_screen_is_asked_first),
  };
  return cmocka_run_group_tests_name("safety", tests, S_setup, S_teardown);
}
