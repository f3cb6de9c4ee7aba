/*
 * pack_story.c - a person's story told to a shipped pack, for the pack
 * tests (pack_story.h).
 */
#include "pack_story.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

symcheck_pack *pack_story_load(const char *dir) {
  symcheck_diagnostics d = {0};
  symcheck_pack *pack = symcheck_pack_load(dir, &d);
  for (size_t i = 0; i < d.count; i++) {
    print_error("%s:%d: %s: %s\n", d.items[i].file, d.items[i].line, d.items[i].field,
                d.items[i].message);
  }
  symcheck_diagnostics_free(&d);
  return pack;
}

int pack_story_setup(void **state, const char *dir) {
  symcheck_pack *pack = pack_story_load(dir);
  *state = pack;
  return pack != NULL ? 0 : -1;
}

int pack_story_teardown(void **state) {
  symcheck_pack_free(*state);
  return 0;
}

symcheck_interview *pack_story_start(const symcheck_pack *pack, const char *complaint, int age,
                                     symcheck_sex sex) {
  symcheck_profile profile = {.age = age, .sex = sex};
  symcheck_interview *iv = symcheck_interview_new(pack, complaint, &profile, NULL);
  assert_non_null(iv);
  return iv;
}

void pack_story_answer(symcheck_interview *iv, const char *finding, const char *value) {
  symcheck_error err = {0};
  if (symcheck_interview_answer(iv, finding, value, &err) != 0) {
    fail_msg("%s=%s refused: %s", finding, value, err.message);
  }
}

void pack_story_answer_all(symcheck_interview *iv, const char *const *answers) {
  for (size_t i = 0; answers[i] != NULL; i++) {
    const char *eq = strchr(answers[i], '=');
    if (eq == NULL || eq == answers[i]) {
      fail_msg("\"%s\" is not finding=value", answers[i]);
    }
    char finding[128];
    size_t n = (size_t)(eq - answers[i]);
    if (n >= sizeof finding) {
      fail_msg("\"%s\": the finding id is too long", answers[i]);
    }
    memcpy(finding, answers[i], n);
    finding[n] = '\0';
    pack_story_answer(iv, finding, eq + 1);
  }
}

void pack_story_answer_screen(symcheck_interview *iv, const char *baby_age, const char *temperature,
                              const char *urgent) {
  pack_story_answer(iv, "screen_emergency", "none");
  if (baby_age != NULL) {
    pack_story_answer(iv, "baby_age", baby_age);
  }
  pack_story_answer(iv, "temperature", temperature);
  pack_story_answer(iv, "screen_urgent", urgent);
}

symcheck_level pack_story_level(symcheck_interview *iv) {
  return symcheck_interview_triage(iv).level;
}

void pack_story_assert_stops_at_least(symcheck_interview *iv, symcheck_level level) {
  symcheck_triage t = symcheck_interview_triage(iv);
  if (t.level < level) {
    fail_msg("level %s, expected at least %s (%s)", symcheck_level_id(t.level),
             symcheck_level_id(level), t.reason);
  }
  assert_true(symcheck_interview_should_stop(iv));
}

int pack_story_rank_in(const symcheck_result *r, const char *condition) {
  for (size_t i = 0; i < r->condition_count; i++) {
    if (strcmp(r->conditions[i].condition->id, condition) == 0) {
      return (int)i;
    }
  }
  return -1;
}

bool pack_story_lists_in_top(const symcheck_result *r, const char *condition, size_t top) {
  int rank = pack_story_rank_in(r, condition);
  return rank >= 0 && (size_t)rank < top;
}

bool pack_story_lists(const symcheck_result *r, const char *condition) {
  return pack_story_rank_in(r, condition) >= 0;
}

int pack_story_rank(symcheck_interview *iv, const char *condition) {
  symcheck_result *r = symcheck_interview_result(iv);
  assert_non_null(r);
  int rank = pack_story_rank_in(r, condition);
  symcheck_result_free(r);
  return rank;
}

void pack_story_assert_shares_add_up(const symcheck_result *r) {
  double total = r->other_probability;
  for (size_t i = 0; i < r->condition_count; i++) {
    total += r->conditions[i].probability;
  }
  assert_float_equal(total, 1.0, 1e-9);
}

void pack_story_assert_search_finds(const symcheck_pack *pack, const char *words,
                                    const char *complaint) {
  size_t out[3];
  size_t n = symcheck_pack_search_complaints(pack, words, out, 3);
  if (n == 0) {
    fail_msg("\"%s\" found nothing", words);
  }
  assert_string_equal(symcheck_pack_complaint(pack, out[0])->id, complaint);
}

run_result pack_story_run_diagnose(const pack_story_diagnosis *d, const char *notice) {
  enum { S_MAX_ANSWERS = 20 };
  const char *argv[12 + 2 * S_MAX_ANSWERS] = {SYMCHECK_BINARY, "diagnose",   "--pack", d->pack_dir,
                                              "--complaint",   d->complaint, "--age",  d->age,
                                              "--sex",         d->sex};
  size_t n = 10;
  for (size_t i = 0; d->answers[i] != NULL; i++) {
    if (i == S_MAX_ANSWERS) {
      fail_msg("more than %d answers for symcheck diagnose", S_MAX_ANSWERS);
    }
    argv[n++] = "--answer";
    argv[n++] = d->answers[i];
  }
  if (d->json) {
    argv[n++] = "--json";
  }
  run_result r;
  assert_int_equal(run_process(argv, NULL, d->timeout_ms, &r), 0);
  assert_false(r.timed_out);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, notice));
  return r;
}
