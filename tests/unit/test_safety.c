/*
 * test_safety.c - red flags always escalate, in every bundled pack.
 *
 * Every red flag of every pack under packs/ (the universal safety screen of
 * screen.yaml, the packs' own red flags, and the general entry's) is tried
 * in every complaint of its pack, for each sex and at the youngest and the
 * oldest age it applies to, enumerated from the packs rather than from a
 * hand-kept list, so a red flag added tomorrow is covered tomorrow. Each
 * answer that fires it (and the second answer its `also` needs) must give at
 * least its level, whatever else is likely, and a red flag at emergency or
 * above must end the quiz at once. The screen must come before anything else.
 */
#define _POSIX_C_SOURCE 200809L
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

#include "symcheck.h"

#define PACKS_DIR SYMCHECK_SOURCE_DIR "/packs"
#define MAX_PACKS 16

typedef struct S_packs {
  size_t count;
  symcheck_pack *packs[MAX_PACKS];
} S_packs;

/* Loads every folder of packs/ that holds a pack.yaml. */
static int S_setup(void **state) {
  S_packs *all = calloc(1, sizeof *all);
  DIR *dir = opendir(PACKS_DIR);
  if (all == NULL || dir == NULL) {
    return -1;
  }
  struct dirent *e;
  while ((e = readdir(dir)) != NULL && all->count < MAX_PACKS) {
    char path[512], yaml[600];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", PACKS_DIR, e->d_name);
    snprintf(yaml, sizeof yaml, "%s/pack.yaml", path);
    if (e->d_name[0] == '.' || stat(yaml, &st) != 0) {
      continue;
    }
    symcheck_diagnostics d = {0};
    symcheck_pack *pack = symcheck_pack_load(path, &d);
    for (size_t i = 0; i < d.count; i++) {
      print_error("%s/%s:%d: %s: %s\n", path, d.items[i].file, d.items[i].line, d.items[i].field,
                  d.items[i].message);
    }
    symcheck_diagnostics_free(&d);
    if (pack == NULL) {
      closedir(dir);
      return -1;
    }
    all->packs[all->count++] = pack;
  }
  closedir(dir);
  *state = all;
  return all->count >= 3 ? 0 : -1; /* anorectal, ddxplus, general at least */
}

static int S_teardown(void **state) {
  S_packs *all = *state;
  for (size_t i = 0; i < all->count; i++) {
    symcheck_pack_free(all->packs[i]);
  }
  free(all);
  return 0;
}

/* Narrows [lo, hi] and the allowed sexes to who `applies` covers. */
static void S_narrow(const symcheck_applies *a, int *lo, int *hi, bool sexes[2]) {
  if (a->has_ages) {
    *lo = a->min_age > *lo ? a->min_age : *lo;
    *hi = a->max_age < *hi ? a->max_age : *hi;
  }
  if (a->has_sex) {
    sexes[1 - (int)a->sex] = false;
  }
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

/* One firing answer of rf (option o) in one complaint for one person:
   returns 1 when checked, 0 when the complaint itself answers the finding. */
static int S_check(const symcheck_pack *pack, const symcheck_complaint *complaint,
                   const symcheck_red_flag *rf, size_t o, const symcheck_profile *profile) {
  symcheck_interview *iv = symcheck_interview_new(pack, complaint->id, profile, NULL);
  assert_non_null(iv);
  if (symcheck_interview_is_answered(iv, rf->finding) ||
      (rf->also != NULL && symcheck_interview_is_answered(iv, rf->also))) {
    symcheck_interview_free(iv);
    return 0;
  }
  S_answer_option(iv, rf->finding, o);
  if (rf->also != NULL) {
    S_answer_option(iv, rf->also, rf->also_options[0]);
  }
  symcheck_triage t = symcheck_interview_triage(iv);
  if (t.level < rf->level || t.red_flag == NULL) {
    fail_msg("%s/%s, %d-year-old %s: red flag %s=%s gave %s, below %s",
             symcheck_pack_get_info(pack)->id, complaint->id, profile->age,
             symcheck_sex_id(profile->sex), rf->finding->id, rf->finding->options[o].id,
             symcheck_level_id(t.level), symcheck_level_id(rf->level));
  }
  if (rf->level >= SYMCHECK_LEVEL_EMERGENCY && !symcheck_interview_should_stop(iv)) {
    fail_msg("%s/%s: red flag %s=%s at %s does not end the quiz", symcheck_pack_get_info(pack)->id,
             complaint->id, rf->finding->id, rf->finding->options[o].id,
             symcheck_level_id(rf->level));
  }
  symcheck_interview_free(iv);
  return 1;
}

/* Every option of rf, in every complaint, for every sex it applies to, at
   the youngest and the oldest age it applies to. */
static size_t S_check_red_flag(const symcheck_pack *pack, const symcheck_red_flag *rf) {
  size_t checked = 0;
  for (size_t k = 0; k < rf->option_count; k++) {
    const size_t o = rf->options[k];
    int lo = rf->min_age, hi = rf->max_age;
    bool sexes[2] = {true, true};
    S_narrow(&rf->finding->applies, &lo, &hi, sexes);
    S_narrow(&rf->finding->options[o].applies, &lo, &hi, sexes);
    if (rf->also != NULL) {
      S_narrow(&rf->also->applies, &lo, &hi, sexes);
      S_narrow(&rf->also->options[rf->also_options[0]].applies, &lo, &hi, sexes);
    }
    if (lo > hi || (!sexes[0] && !sexes[1])) {
      fail_msg("%s: red flag %s=%s applies to nobody (ages %d-%d)",
               symcheck_pack_get_info(pack)->id, rf->finding->id, rf->finding->options[o].id, lo,
               hi);
    }
    const int ages[2] = {lo, hi > 120 ? 120 : hi};
    for (size_t c = 0; c < symcheck_pack_complaint_count(pack); c++) {
      for (int s = 0; s < 2; s++) {
        for (int a = 0; a < 2 && sexes[s]; a++) {
          symcheck_profile profile = {.age = ages[a], .sex = (symcheck_sex)s};
          checked += (size_t)S_check(pack, symcheck_pack_complaint(pack, c), rf, o, &profile);
        }
      }
    }
  }
  return checked;
}

static void test_every_red_flag_escalates_in_every_complaint(void **state) {
  const S_packs *all = *state;
  for (size_t p = 0; p < all->count; p++) {
    const symcheck_pack *pack = all->packs[p];
    size_t checked = 0, screen_flags = 0;
    for (size_t r = 0; r < symcheck_pack_red_flag_count(pack); r++) {
      const symcheck_red_flag *rf = symcheck_pack_red_flag(pack, r);
      screen_flags += rf->finding->universal_screen ? 1 : 0;
      checked += S_check_red_flag(pack, rf);
    }
    print_message("%s: %zu red-flag answers checked (%zu red flags of the universal screen)\n",
                  symcheck_pack_get_info(pack)->id, checked, screen_flags);
    assert_true(checked > 0);
    assert_true(screen_flags >= 20); /* every pack carries the universal screen */
  }
}

/* True when the complaint's own given answers open the follow-up f. */
static bool S_given_opens(const symcheck_complaint *c, const symcheck_finding *f) {
  for (size_t i = 0; i < c->given_count; i++) {
    if (c->given_findings[i] != f->parent) {
      continue;
    }
    for (size_t k = 0; k < f->parent_option_count; k++) {
      if (f->parent_options[k] == c->given_options[i]) {
        return true;
      }
    }
  }
  return false;
}

/* The universal screen, then the complaint's own screen, before anything
   else: each question the person is asked there, in order. */
static void test_screen_is_asked_first(void **state) {
  const S_packs *all = *state;
  for (size_t p = 0; p < all->count; p++) {
    const symcheck_pack *pack = all->packs[p];
    for (size_t c = 0; c < symcheck_pack_complaint_count(pack); c++) {
      const symcheck_complaint *complaint = symcheck_pack_complaint(pack, c);
      assert_true(complaint->screen_count > 0);
      assert_true(complaint->screen[0]->universal_screen);
      symcheck_profile profile = {.age = 40, .sex = SYMCHECK_SEX_FEMALE};
      symcheck_interview *iv = symcheck_interview_new(pack, complaint->id, &profile, NULL);
      for (size_t i = 0; i < complaint->screen_count; i++) {
        const symcheck_finding *f = complaint->screen[i];
        /* not for this person, already answered, or a follow-up that the
           answers below (no, none, don't know) never open (one whose parent
           the complaint itself answers, as "short of breath" answers
           "more out of breath than usual", is asked) */
        if (!symcheck_finding_applies(f, profile.age, profile.sex) ||
            symcheck_interview_is_answered(iv, f) ||
            (f->parent != NULL && !S_given_opens(complaint, f))) {
          continue;
        }
        const symcheck_finding *next = symcheck_interview_next(iv);
        if (next != f) {
          fail_msg("%s/%s: asked %s where the screen asks %s", symcheck_pack_get_info(pack)->id,
                   complaint->id, next != NULL ? next->id : "nothing", f->id);
        }
        symcheck_value v = {.option = f->type == SYMCHECK_ANSWER_YES_NO ? 1 : 0,
                            .unknown = f->type != SYMCHECK_ANSWER_MULTI &&
                                       f->type != SYMCHECK_ANSWER_YES_NO};
        assert_int_equal(symcheck_interview_answer_value(iv, f->index, &v), 0);
      }
      symcheck_interview_free(iv);
    }
  }
}

/* Every bundled pack carries the canonical screen unchanged. */
static void test_every_pack_carries_the_same_screen(void **state) {
  const S_packs *all = *state;
  char canonical[256];
  snprintf(canonical, sizeof canonical, "%s/general/screen.yaml", PACKS_DIR);
  FILE *f = fopen(canonical, "rb");
  assert_non_null(f);
  static char want[1 << 20], got[1 << 20];
  size_t want_n = fread(want, 1, sizeof want, f);
  fclose(f);
  for (size_t p = 0; p < all->count; p++) {
    const char *dir = symcheck_pack_get_info(all->packs[p])->dir;
    char path[600];
    snprintf(path, sizeof path, "%s/screen.yaml", dir);
    FILE *g = fopen(path, "rb");
    if (g == NULL) {
      fail_msg("%s has no screen.yaml: cp %s %s/", dir, canonical, dir);
    }
    size_t got_n = fread(got, 1, sizeof got, g);
    fclose(g);
    if (got_n != want_n || memcmp(want, got, want_n) != 0) {
      fail_msg("%s differs from the canonical screen: cp %s %s/", path, canonical, dir);
    }
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_red_flag_escalates_in_every_complaint),
      cmocka_unit_test(test_screen_is_asked_first),
      cmocka_unit_test(test_every_pack_carries_the_same_screen),
  };
  return cmocka_run_group_tests_name("safety", tests, S_setup, S_teardown);
}
