/*
 * test_ask_first.c - each complaint's defining features (`ask_first` in
 * complaints.yaml: what a clinician asks about that complaint first) are
 * among the first questions after the safety screen, for every complaint of
 * every pack under packs/ (and one folder down: ddxplus/fr), for a woman, a
 * man and a child.
 * The screen is answered "don't know" and each later question with its
 * first option ("yes" for yes/no), so that follow-ups such as how the blood
 * looks can come up; a feature that does not apply to the person is not
 * expected, nor is a follow-up unless the complaint gives its parent an
 * answer that asks it (DDXPlus chest pain: what the pain is like). A
 * complaint with conditions but no ask_first fails, naming the file to fix;
 * a triage-only complaint (no conditions, as in packs/general) is exempt:
 * it has no differential whose defining features could be asked. A tiny pack
 * shows the order itself: the listed features come first even when the
 * model would rather ask something else.
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

#include "pack_variant.h"
#include "symcheck.h"

#define PACKS_DIR SYMCHECK_SOURCE_DIR "/packs"
#define TINY SYMCHECK_SOURCE_DIR "/tests/packs/tiny"
/* The first questions after the screen that must hold the features. */
#define FIRST_QUESTIONS 5

static bool S_in_screen(const symcheck_complaint *c, const symcheck_finding *f) {
  for (size_t i = 0; i < c->screen_count; i++) {
    if (c->screen[i] == f) {
      return true;
    }
  }
  return false;
}

/* True when the complaint itself gives f's parent an answer that asks f
   (chest pain gives "pain: yes", which asks what the pain is like). */
static bool S_given_parent_asks(const symcheck_complaint *c, const symcheck_finding *f) {
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

/* The answer given to a question after the screen: yes, or the first option
   that applies to the person. */
static void S_answer(symcheck_interview *iv, const symcheck_finding *f, const symcheck_profile *p) {
  char value[128] = "unknown";
  if (f->type == SYMCHECK_ANSWER_YES_NO) {
    snprintf(value, sizeof value, "yes");
  } else if (f->type == SYMCHECK_ANSWER_SINGLE || f->type == SYMCHECK_ANSWER_MULTI ||
             f->type == SYMCHECK_ANSWER_DURATION || f->type == SYMCHECK_ANSWER_SEVERITY) {
    for (size_t o = 0; o < f->option_count; o++) {
      if (symcheck_option_applies(f, o, p->age, p->sex)) {
        snprintf(value, sizeof value, "%s", f->options[o].id);
        break;
      }
    }
  }
  symcheck_error err;
  if (symcheck_interview_answer(iv, f->id, value, &err) != 0) {
    fail_msg("%s=%s: %s", f->id, value, err.message);
  }
}

/* Runs the complaint for one person; asserts that every ask_first feature
   that applies is among the first max(FIRST_QUESTIONS, count) questions
   after the screen. Returns how many features were checked. */
static size_t S_check(const symcheck_pack *pack, const symcheck_complaint *c,
                      const symcheck_profile *p) {
  symcheck_error err;
  symcheck_interview *iv = symcheck_interview_new(pack, c->id, p, &err);
  assert_non_null(iv);
  size_t limit = c->ask_first_count > FIRST_QUESTIONS ? c->ask_first_count : FIRST_QUESTIONS;
  const symcheck_finding *asked[64] = {NULL};
  size_t n = 0;
  const symcheck_finding *f;
  while (n < limit && (f = symcheck_interview_next(iv)) != NULL) {
    if (S_in_screen(c, f)) {
      assert_int_equal(symcheck_interview_answer(iv, f->id, "unknown", &err), 0);
      continue;
    }
    asked[n++] = f;
    S_answer(iv, f, p);
  }
  size_t checked = 0;
  for (size_t i = 0; i < c->ask_first_count; i++) {
    const symcheck_finding *want = c->ask_first[i];
    if (!symcheck_finding_applies(want, p->age, p->sex) ||
        (want->parent != NULL && !S_given_parent_asks(c, want))) {
      continue; /* a follow-up comes only when its parent's answer allows it */
    }
    bool found = false;
    for (size_t k = 0; k < n; k++) {
      found = found || asked[k] == want;
    }
    if (!found) {
      fail_msg("%s/%s (age %d): %s is not among the first %zu questions after the screen",
               symcheck_pack_get_info(pack)->id, c->id, p->age, want->id, limit);
    }
    checked++;
  }
  symcheck_interview_free(iv);
  return checked;
}

/* Where a pack's ask_first is written: a fitted pack (clinical.yaml in its
   folder, or in the folder above for a translation such as ddxplus/fr) takes
   it from clinical.yaml, then is refitted; a hand-written pack has it in
   complaints.yaml. */
static const char *S_file_to_fix(const char *pack_dir) {
  char here[600], above[600];
  struct stat st;
  snprintf(here, sizeof here, "%s/clinical.yaml", pack_dir);
  snprintf(above, sizeof above, "%s/../clinical.yaml", pack_dir);
  return stat(here, &st) == 0 || stat(above, &st) == 0
             ? "clinical.yaml (then refit with symcheck fit ddxplus)"
             : "complaints.yaml";
}

typedef struct S_counts {
  size_t complaints, checked, exempt, packs;
} S_counts;

/* Checks every complaint of the pack at path for three people. */
static void S_check_pack(const char *path, S_counts *n) {
  static const symcheck_profile people[] = {{.age = 34, .sex = SYMCHECK_SEX_FEMALE},
                                            {.age = 58, .sex = SYMCHECK_SEX_MALE},
                                            {.age = 8, .sex = SYMCHECK_SEX_MALE}};
  symcheck_pack *pack = symcheck_pack_load(path, NULL);
  assert_non_null(pack);
  n->packs++;
  for (size_t i = 0; i < symcheck_pack_complaint_count(pack); i++) {
    const symcheck_complaint *c = symcheck_pack_complaint(pack, i);
    if (c->condition_count == 0) {
      n->exempt++; /* triage only: no conditions, so no defining features */
      continue;
    }
    if (c->ask_first_count == 0) {
      fail_msg("%s: complaint %s has conditions but no ask_first; list the features a "
               "clinician asks first in %s",
               path, c->id, S_file_to_fix(path));
    }
    n->complaints++;
    for (size_t k = 0; k < sizeof people / sizeof *people; k++) {
      n->checked += S_check(pack, c, &people[k]);
    }
  }
  symcheck_pack_free(pack);
}

/* Every pack in folder dir and, one level down, in its subfolders
   (packs/ddxplus/fr). */
static void S_check_folder(const char *dir, int depth, S_counts *n) {
  DIR *d = opendir(dir);
  assert_non_null(d);
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    char path[512], yaml[600];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    snprintf(yaml, sizeof yaml, "%s/pack.yaml", path);
    if (e->d_name[0] == '.' || stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
      continue;
    }
    if (stat(yaml, &st) == 0) {
      S_check_pack(path, n);
    }
    if (depth == 0) {
      S_check_folder(path, 1, n);
    }
  }
  closedir(d);
}

static void test_defining_features_come_first_in_every_pack(void **state) {
  (void)state;
  S_counts n = {0};
  S_check_folder(PACKS_DIR, 0, &n);
  print_message("%zu packs: %zu complaints list their defining features; %zu checks; %zu "
                "triage-only complaints exempt\n",
                n.packs, n.complaints, n.checked, n.exempt);
  assert_true(n.complaints >= 200); /* DDXPlus English and French 98 each, anorectal 5 */
  assert_true(n.exempt > 0);        /* packs/general's triage-only complaints */
  assert_true(n.checked > n.complaints);
}

static const char *const S_TINY_FILES[] = {"pack.yaml",       "findings.yaml",
                                           "conditions.yaml", "red_flags.yaml",
                                           "complaints.yaml", "articles/sore-throat.md"};

/* The first question after the screen of the pack's first complaint. */
static const char *S_first_after_screen(const symcheck_pack *pack) {
  const symcheck_complaint *c = symcheck_pack_complaint(pack, 0);
  symcheck_profile p = {.age = 30, .sex = SYMCHECK_SEX_FEMALE};
  symcheck_error err;
  symcheck_interview *iv = symcheck_interview_new(pack, c->id, &p, &err);
  assert_non_null(iv);
  const symcheck_finding *f;
  while ((f = symcheck_interview_next(iv)) != NULL && S_in_screen(c, f)) {
    assert_int_equal(symcheck_interview_answer(iv, f->id, "unknown", &err), 0);
  }
  assert_non_null(f);
  const char *id = f->id; /* owned by the pack */
  symcheck_interview_free(iv);
  return id;
}

/* In the tiny pack the model asks something else first after the sore
   throat's screen; with ask_first: [duration] it asks how long it has
   lasted right after the screen. */
static void test_ask_first_overrides_the_model(void **state) {
  (void)state;
  pack_variant plain = {0};
  pack_variant_load(&plain, TINY, S_TINY_FILES, sizeof S_TINY_FILES / sizeof *S_TINY_FILES, NULL,
                    NULL, NULL);
  assert_non_null(plain.pack);
  assert_string_not_equal(S_first_after_screen(plain.pack), "duration");
  pack_variant_remove(&plain);
  const char *const *files = S_TINY_FILES;
  pack_variant v = {0};
  pack_variant_load(&v, TINY, files, sizeof S_TINY_FILES / sizeof *S_TINY_FILES, "complaints.yaml",
                    "  other_prior: 0.05",
                    "  other_prior: 0.05\n  ask_first:\n    findings: [duration]\n"
                    "    estimate: true\n    note: test");
  if (v.pack == NULL) {
    pack_variant_print(&v.diagnostics);
  }
  assert_non_null(v.pack);
  const symcheck_complaint *c = symcheck_pack_complaint(v.pack, 0);
  assert_int_equal(c->ask_first_count, 1);
  assert_true(c->ask_first_citation.estimate);
  assert_string_equal(S_first_after_screen(v.pack), "duration");
  pack_variant_remove(&v);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_defining_features_come_first_in_every_pack),
      cmocka_unit_test(test_ask_first_overrides_the_model),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
