/*
 * pack_story.h - a person's story told to a shipped pack, for the pack
 * tests (test_fever_pack.c and the like): the pack loaded once for a cmocka
 * group, an interview started for a complaint, age and sex, answers given
 * (the universal screen in one call), the level and rank read back, and
 * `symcheck diagnose` run on the pack with its notice checked. Those that
 * check fail the running test (cmocka) with the message they name.
 */
#ifndef SYMCHECK_TEST_PACK_STORY_H
#define SYMCHECK_TEST_PACK_STORY_H

#include <stdbool.h>
#include <stddef.h>

#include "run_process.h"
#include "symcheck.h"

/* Loads the pack in `dir`, printing each diagnostic as "file:line: field:
   message" when it does not load. Returns the pack (the caller frees it
   with symcheck_pack_free) or NULL. */
symcheck_pack *pack_story_load(const char *dir);
/* A cmocka group setup's body: loads the pack in `dir` into *state.
   Returns 0, or -1 (cmocka then fails the group) when it does not load. */
int pack_story_setup(void **state, const char *dir);
/* A cmocka group teardown: frees the pack in *state. Returns 0. */
int pack_story_teardown(void **state);

/* Starts an interview of `complaint` for a person of `age` and `sex`; the
   caller frees it with symcheck_interview_free. Fails when the pack
   refuses it (an unknown complaint). */
symcheck_interview *pack_story_start(const symcheck_pack *pack, const char *complaint, int age,
                                     symcheck_sex sex);
/* Answers `finding` with `value`; fails with "finding=value refused: " and
   the interview's reason when it is refused. */
void pack_story_answer(symcheck_interview *iv, const char *finding, const char *value);
/* Answers each "finding=value" of `answers` (NULL-terminated) in order, as
   pack_story_answer does; a story reads as the list of what the person
   says. */
void pack_story_answer_all(symcheck_interview *iv, const char *const *answers);
/* Answers the universal screen, in its order: no emergency sign, the baby's
   age in months when `baby_age` is not NULL (a person under 1), the
   `temperature` ("unknown" when not measured) and the `urgent` items
   ("none" for none). Fails as pack_story_answer does. */
void pack_story_answer_screen(symcheck_interview *iv, const char *baby_age, const char *temperature,
                              const char *urgent);

/* The interview's triage level now. */
symcheck_level pack_story_level(symcheck_interview *iv);
/* Fails with "level X, expected at least Y (reason)" when the interview's
   level is below `level`, and when it does not stop there. */
void pack_story_assert_stops_at_least(symcheck_interview *iv, symcheck_level level);

/* The rank (0 first) of `condition` in the result r, or -1 when it is not
   listed. */
int pack_story_rank_in(const symcheck_result *r, const char *condition);
/* True when the result r lists `condition` among its first `top`. */
bool pack_story_lists_in_top(const symcheck_result *r, const char *condition, size_t top);
/* True when the result r lists `condition` at all. */
bool pack_story_lists(const symcheck_result *r, const char *condition);
/* The rank (0 first) of `condition` in the interview's result now, or -1;
   fails when the interview gives no result. */
int pack_story_rank(symcheck_interview *iv, const char *condition);
/* Fails when the shares of the conditions listed in r and of "something
   else" do not add up to 1. */
void pack_story_assert_shares_add_up(const symcheck_result *r);

/* Fails with "\"words\" found nothing" when searching the pack's complaints
   for `words` finds none, and when the first found is not `complaint`. */
void pack_story_assert_search_finds(const symcheck_pack *pack, const char *words,
                                    const char *complaint);

/* One `symcheck diagnose` run of a pack: `symcheck diagnose --pack
   pack_dir --complaint complaint --age age --sex sex`, an --answer for each
   of `answers`, and --json when json is true. */
typedef struct pack_story_diagnosis {
  const char *pack_dir;
  const char *complaint;
  const char *age;
  const char *sex;
  const char *const *answers; /* "finding=value" each, NULL-terminated */
  bool json;
  int timeout_ms;
} pack_story_diagnosis;

/* Runs the symcheck binary under test as d says. Fails when it has more
   than 20 answers, cannot start or times out, exits other than 0, or does
   not print `notice` on stdout. Returns what it printed; the caller frees
   it with run_result_free. */
run_result pack_story_run_diagnose(const pack_story_diagnosis *d, const char *notice);

#endif
