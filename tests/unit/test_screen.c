/*
 * test_screen.c - the universal safety screen and questions that fit the
 * person, as a user meets them:
 * - every finding and option of every bundled pack (and the screen test
 *   pack) that declares ages or sex is never asked of, shown to or
 *   accepted from a person outside them, and is accepted from one inside
 *   (enumerated from the packs, so fields added later are covered);
 * - questions for children say "your child" / "your baby";
 * - temperatures in Fahrenheit; the screen's red flags with `also`,
 *   answer lists and ages; the screen outside max_questions;
 * - a complaint with no conditions, end to end through `symcheck diagnose
 *   --json` and `POST /api/v1/interview`, and its web result page.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "http_client.h"
#include "run_process.h"
#include "symcheck.h"
#include "temp_dir.h"

#define SCREEN SYMCHECK_SOURCE_DIR "/tests/packs/screen"
#define GENERAL "symptom-not-listed"

static symcheck_pack *S_load(const char *dir) {
  symcheck_diagnostics d = {0};
  symcheck_pack *pack = symcheck_pack_load(dir, &d);
  for (size_t i = 0; i < d.count; i++) {
    print_message("  %s:%d: %s\n", d.items[i].file, d.items[i].line, d.items[i].message);
  }
  symcheck_diagnostics_free(&d);
  if (pack == NULL) {
    fail_msg("%s did not load", dir);
  }
  return pack;
}

static symcheck_interview *S_start(const symcheck_pack *pack, const char *complaint, int age,
                                   symcheck_sex sex) {
  symcheck_profile profile = {.age = age, .sex = sex};
  symcheck_error err = {0};
  symcheck_interview *iv = symcheck_interview_new(pack, complaint, &profile, &err);
  if (iv == NULL) {
    fail_msg("interview %s age %d: %s", complaint, age, err.message);
  }
  return iv;
}

static void S_answer(symcheck_interview *iv, const char *finding, const char *value) {
  symcheck_error err = {0};
  if (symcheck_interview_answer(iv, finding, value, &err) != 0) {
    fail_msg("%s=%s refused: %s", finding, value, err.message);
  }
}

/* ---- filters, enumerated over every pack ---------------------------------- */

/* Every folder holding a pack.yaml under packs/ (two levels deep, for
   translations such as packs/ddxplus/fr), then the screen test pack. */
static size_t S_pack_dirs(char dirs[][512], size_t max) {
  size_t n = 0;
  const char *roots[] = {SYMCHECK_SOURCE_DIR "/packs", NULL};
  for (size_t r = 0; roots[r] != NULL; r++) {
    DIR *d = opendir(roots[r]);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n + 8 < max) {
      if (e->d_name[0] == '.') {
        continue;
      }
      char dir[512], probe[600];
      snprintf(dir, sizeof dir, "%.200s/%.200s", roots[r], e->d_name);
      snprintf(probe, sizeof probe, "%s/pack.yaml", dir);
      struct stat st;
      if (stat(probe, &st) == 0) {
        snprintf(dirs[n++], 512, "%s", dir);
      }
      DIR *sub = opendir(dir);
      struct dirent *s;
      while (sub != NULL && (s = readdir(sub)) != NULL && n + 1 < max) {
        snprintf(probe, sizeof probe, "%.200s/%.200s/pack.yaml", dir, s->d_name);
        if (s->d_name[0] != '.' && stat(probe, &st) == 0) {
          snprintf(dirs[n++], 512, "%.200s/%.200s", dir, s->d_name);
        }
      }
      if (sub != NULL) {
        closedir(sub);
      }
    }
    closedir(d);
  }
  snprintf(dirs[n++], 512, "%s", SCREEN);
  return n;
}

/* A person outside `a` (false when everybody is inside it). */
static bool S_outside(const symcheck_applies *a, symcheck_profile *out) {
  if (a->has_sex) {
    *out =
        (symcheck_profile){a->has_ages ? a->min_age : 30,
                           a->sex == SYMCHECK_SEX_FEMALE ? SYMCHECK_SEX_MALE : SYMCHECK_SEX_FEMALE};
    return true;
  }
  if (a->has_ages && (a->min_age > 0 || a->max_age < 120)) {
    *out =
        (symcheck_profile){a->min_age > 0 ? a->min_age - 1 : a->max_age + 1, SYMCHECK_SEX_FEMALE};
    return true;
  }
  return false;
}

/* Narrows the inside person's ages to `a` too; false when impossible. */
static bool S_narrow(const symcheck_applies *a, int *lo, int *hi, int *sex) {
  if (a->has_ages) {
    *lo = a->min_age > *lo ? a->min_age : *lo;
    *hi = a->max_age < *hi ? a->max_age : *hi;
  }
  if (a->has_sex) {
    if (*sex >= 0 && *sex != (int)a->sex) {
      return false;
    }
    *sex = (int)a->sex;
  }
  return *lo <= *hi;
}

/* A person inside f (and inside option `option` when >= 0), and inside the
   parents and the options that open f; false when none exists. */
static bool S_inside(const symcheck_finding *f, int option, symcheck_profile *out) {
  int lo = 0, hi = 120, sex = -1;
  bool ok = option < 0 || S_narrow(&f->options[option].applies, &lo, &hi, &sex);
  for (const symcheck_finding *g = f; ok && g != NULL; g = g->parent) {
    ok = S_narrow(&g->applies, &lo, &hi, &sex);
    if (ok && g->parent != NULL && g->parent_option_count > 0) {
      ok = S_narrow(&g->parent->options[g->parent_options[0]].applies, &lo, &hi, &sex);
    }
  }
  *out = (symcheck_profile){lo, sex >= 0 ? (symcheck_sex)sex : SYMCHECK_SEX_FEMALE};
  return ok;
}

/* Answers the chain of parents of f with the options that open it. */
static void S_open(symcheck_interview *iv, const symcheck_finding *f) {
  const symcheck_finding *parent = f->parent;
  if (parent == NULL || symcheck_interview_is_answered(iv, parent)) {
    return;
  }
  S_open(iv, parent);
  S_answer(iv, parent->id, parent->options[f->parent_options[0]].id);
}

/* A valid answer choosing option o (any finding type). */
static void S_value_of(const symcheck_finding *f, size_t o, char *buf, size_t size) {
  if (f->type == SYMCHECK_ANSWER_NUMBER) {
    snprintf(buf, size, "%g", f->options[o].min);
  } else {
    snprintf(buf, size, "%s", f->options[o].id);
  }
}

/* Drives the whole interview, answering each question with `pick`'s
   choice, and checks every question and option shown applies. */
static void S_drive(const symcheck_pack *pack, const symcheck_complaint *c,
                    const symcheck_profile *p, int pick) {
  symcheck_interview *iv = S_start(pack, c->id, p->age, p->sex);
  for (size_t step = 0; step < 200 && !symcheck_interview_should_stop(iv); step++) {
    const symcheck_finding *f = symcheck_interview_next(iv);
    assert_non_null(f);
    if (!symcheck_finding_applies(f, p->age, p->sex)) {
      fail_msg("%s asked of %d/%s in %s", f->id, p->age, symcheck_sex_id(p->sex), c->id);
    }
    json_t *step_json = symcheck_interview_json(iv);
    json_t *options = json_object_get(json_object_get(step_json, "question"), "options");
    size_t k;
    json_t *o;
    json_array_foreach(options, k, o) {
      int index = symcheck_finding_option(f, json_string_value(json_object_get(o, "id")));
      assert_true(index >= 0);
      if (!symcheck_option_applies(f, (size_t)index, p->age, p->sex)) {
        fail_msg("%s of %s shown to %d/%s", f->options[index].id, f->id, p->age,
                 symcheck_sex_id(p->sex));
      }
    }
    json_decref(step_json);
    char value[128] = "unknown";
    for (size_t i = 0; pick > 0 && i < f->option_count; i++) {
      if (symcheck_option_applies(f, i, p->age, p->sex)) {
        S_value_of(f, i, value, sizeof value);
        break;
      }
    }
    S_answer(iv, f->id, value);
  }
  symcheck_interview_free(iv);
}

/* Answering f (option o, or "unknown" when o < 0) as person p: refused
   with a one-line reason when `refused`, accepted otherwise. */
static void S_try(const symcheck_pack *pack, const symcheck_finding *f, int o,
                  const symcheck_profile *p, bool refused) {
  symcheck_interview *iv = S_start(pack, symcheck_pack_complaint(pack, 0)->id, p->age, p->sex);
  if (!refused || symcheck_finding_applies(f, p->age, p->sex)) {
    S_open(iv, f); /* so that only the age or sex can refuse it */
  }
  char value[128] = "unknown";
  if (o >= 0) {
    S_value_of(f, (size_t)o, value, sizeof value);
  }
  symcheck_error err = {0};
  int rc = symcheck_interview_answer(iv, f->id, value, &err);
  if (refused) {
    if (rc == 0) {
      fail_msg("%s=%s accepted from %d/%s", f->id, value, p->age, symcheck_sex_id(p->sex));
    }
    if (strstr(err.message, "leave it out") == NULL) {
      fail_msg("%s=%s from %d/%s refused without saying to leave it out: %s", f->id, value, p->age,
               symcheck_sex_id(p->sex), err.message);
    }
    assert_null(strchr(err.message, '\n'));
    assert_true(strstr(err.message, "aged") != NULL || strstr(err.message, "only") != NULL);
  } else if (rc != 0 && strstr(err.message, "already answered by the complaint") == NULL) {
    fail_msg("%s=%s refused from %d/%s: %s", f->id, value, p->age, symcheck_sex_id(p->sex),
             err.message);
  }
  symcheck_interview_free(iv);
}

/* Adds p to the list of people to drive, once. */
static void S_add_person(symcheck_profile *people, size_t *n, size_t max, symcheck_profile p) {
  for (size_t i = 0; i < *n; i++) {
    if (people[i].age == p.age && people[i].sex == p.sex) {
      return;
    }
  }
  if (*n < max) {
    people[(*n)++] = p;
  }
}

static void S_check_pack(const char *dir, size_t *checked) {
  symcheck_pack *pack = S_load(dir);
  symcheck_profile people[64];
  size_t n_people = 0;
  for (size_t i = 0; i < symcheck_pack_finding_count(pack); i++) {
    const symcheck_finding *f = symcheck_pack_finding(pack, i);
    symcheck_profile out, in;
    if (S_outside(&f->applies, &out)) {
      (*checked)++;
      S_try(pack, f, -1, &out, true);
      S_add_person(people, &n_people, 64, out);
      if (S_inside(f, -1, &in)) {
        S_try(pack, f, -1, &in, false);
      }
    }
    for (size_t o = 0; o < f->option_count; o++) {
      if (!S_outside(&f->options[o].applies, &out)) {
        continue;
      }
      (*checked)++;
      if (symcheck_finding_applies(f, out.age, out.sex)) {
        S_try(pack, f, (int)o, &out, true);
      }
      S_add_person(people, &n_people, 64, out);
      if (S_inside(f, (int)o, &in)) {
        S_try(pack, f, (int)o, &in, false);
      }
    }
  }
  /* never asked, never shown: every interview of every such person */
  for (size_t k = 0; k < n_people; k++) {
    for (size_t c = 0; c < symcheck_pack_complaint_count(pack); c++) {
      S_drive(pack, symcheck_pack_complaint(pack, c), &people[k], 0);
      S_drive(pack, symcheck_pack_complaint(pack, c), &people[k], 1);
    }
  }
  symcheck_pack_free(pack);
}

static void test_filters_hold_for_every_declared_field(void **state) {
  (void)state;
  char dirs[32][512];
  size_t n = S_pack_dirs(dirs, 32);
  assert_true(n >= 3); /* anorectal, ddxplus and the screen test pack at least */
  size_t checked = 0;
  for (size_t i = 0; i < n; i++) {
    S_check_pack(dirs[i], &checked);
  }
  print_message("  %zu packs, %zu findings and options with ages or sex checked\n", n, checked);
  assert_true(checked >= 9); /* the screen test pack alone declares nine */
}

static void test_women_and_men_see_only_their_options(void **state) {
  (void)state;
  symcheck_pack *pack = S_load(SCREEN);
  const char *const who[] = {"female", "male"};
  for (int s = 0; s < 2; s++) {
    symcheck_interview *iv = S_start(pack, "headache", 30, (symcheck_sex)s);
    S_answer(iv, "screen_emergency", "none");
    S_answer(iv, "temperature", "37");
    json_t *step = symcheck_interview_json(iv);
    json_t *q = json_object_get(step, "question");
    assert_string_equal(json_string_value(json_object_get(q, "id")), "screen_urgent");
    char *text = json_dumps(q, 0);
    bool female = s == SYMCHECK_SEX_FEMALE;
    print_message("  %s: %s\n", who[s], text);
    assert_true((strstr(text, "\"testicle_pain\"") != NULL) == !female);
    assert_true((strstr(text, "\"pregnant\"") != NULL) == female);
    free(text);
    json_decref(step);
    symcheck_error err = {0};
    assert_int_equal(
        symcheck_interview_answer(iv, "screen_urgent", female ? "testicle_pain" : "pregnant", &err),
        -1);
    assert_non_null(strstr(err.message, female ? "a female (it is for males only)"
                                               : "a male (it is for females only)"));
    symcheck_interview_free(iv);
  }
  symcheck_pack_free(pack);
}

/* ---- wording for children --------------------------------------------------- */

static const char *S_question_text(symcheck_interview *iv, json_t **keep) {
  *keep = symcheck_interview_json(iv);
  return json_string_value(json_object_get(json_object_get(*keep, "question"), "text"));
}

static void test_questions_speak_about_the_baby_or_child(void **state) {
  (void)state;
  symcheck_pack *pack = S_load(SCREEN);
  const struct {
    int age;
    const char *first, *temperature;
  } cases[] = {
      {1, "Is any of these happening to your baby now?", "What is your baby's temperature?"},
      {7, "Is any of these happening to your child now?", "What is your child's temperature?"},
      {30, "Is any of these happening now?", "What is your temperature?"},
  };
  for (size_t i = 0; i < 3; i++) {
    symcheck_interview *iv = S_start(pack, "headache", cases[i].age, SYMCHECK_SEX_MALE);
    json_t *step;
    assert_string_equal(S_question_text(iv, &step), cases[i].first);
    assert_null(json_object_get(json_object_get(step, "question"), "answer_for_child"));
    json_decref(step);
    S_answer(iv, "screen_emergency", "none");
    assert_string_equal(S_question_text(iv, &step), cases[i].temperature);
    json_decref(step);
    symcheck_interview_free(iv);
  }
  /* a 7-year-old's quiz keeps the adult wording where the pack has no child
     wording, and says so */
  symcheck_interview *iv = S_start(pack, "headache", 7, SYMCHECK_SEX_MALE);
  S_answer(iv, "screen_emergency", "none");
  S_answer(iv, "temperature", "37");
  S_answer(iv, "screen_urgent", "none");
  json_t *step;
  assert_string_equal(S_question_text(iv, &step),
                      "Did your child's headache reach its worst within a minute?");
  json_decref(step);
  symcheck_interview_free(iv);
  const symcheck_finding *smoker = symcheck_pack_find_finding(pack, "smoker");
  char buf[256];
  assert_string_equal(symcheck_finding_question_for(smoker, 7, buf, sizeof buf), "Do you smoke?");
  const symcheck_finding *daily = symcheck_pack_find_finding(pack, "daily_activities");
  assert_string_equal(symcheck_finding_question_for(daily, 1, buf, sizeof buf),
                      "Can your baby do the usual things?");
  assert_string_equal(symcheck_finding_question_for(daily, 12, buf, sizeof buf),
                      "Can you do your usual daily activities?");
  symcheck_pack_free(pack);
}

static void test_adult_wording_on_a_child_quiz_is_marked(void **state) {
  (void)state;
  symcheck_pack *pack = S_load(SCREEN);
  symcheck_interview *iv = S_start(pack, GENERAL, 7, SYMCHECK_SEX_FEMALE);
  S_answer(iv, "screen_emergency", "none");
  S_answer(iv, "temperature", "37");
  S_answer(iv, "screen_urgent", "none");
  S_answer(iv, "daily_activities", "normal");
  json_t *step = symcheck_interview_json(iv);
  json_t *q = json_object_get(step, "question");
  assert_string_equal(json_string_value(json_object_get(q, "id")), "how_long");
  assert_string_equal(json_string_value(json_object_get(q, "text")),
                      "How long has this been going on?");
  assert_true(json_is_true(json_object_get(q, "answer_for_child")));
  json_decref(step);
  symcheck_interview_free(iv);
  symcheck_pack_free(pack);
}

/* ---- Fahrenheit ---------------------------------------------------------------- */

static void test_fahrenheit_temperatures_are_converted(void **state) {
  (void)state;
  symcheck_pack *pack = S_load(SCREEN);
  const struct {
    const char *typed, *stored;
  } cases[] = {{"101.3F", "38.5"},
               {"101.3 F", "38.5"},
               {"101.3\xc2\xb0"
                "F",
                "38.5"},
               {"98.6f", "37"},
               {"38.5", "38.5"},
               {"38.5C", "38.5"},
               {"38.5 \xc2\xb0"
                "C",
                "38.5"}};
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    symcheck_interview *iv = S_start(pack, "headache", 30, SYMCHECK_SEX_FEMALE);
    S_answer(iv, "temperature", cases[i].typed);
    char value[64];
    assert_non_null(symcheck_interview_answer_at(iv, 0, value, sizeof value));
    if (strcmp(value, cases[i].stored) != 0) {
      fail_msg("%s stored as %s, not %s", cases[i].typed, value, cases[i].stored);
    }
    symcheck_interview_free(iv);
  }
  const char *const bad[] = {"hot", "101.3K", "F", "101.3FF", "200F"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    symcheck_interview *iv = S_start(pack, "headache", 30, SYMCHECK_SEX_FEMALE);
    symcheck_error err = {0};
    assert_int_equal(symcheck_interview_answer(iv, "temperature", bad[i], &err), -1);
    assert_non_null(strstr(err.message, "such as 38.5"));
    assert_non_null(strstr(err.message, "101.3F"));
    assert_null(strchr(err.message, '\n'));
    symcheck_interview_free(iv);
  }
  /* a finding in other units takes no F */
  symcheck_pack *tiny = S_load(SYMCHECK_SOURCE_DIR "/tests/packs/tiny");
  symcheck_interview *iv = S_start(tiny, "cough", 30, SYMCHECK_SEX_FEMALE);
  assert_int_equal(symcheck_interview_answer(iv, "temperature", "101F", NULL), -1);
  symcheck_interview_free(iv);
  symcheck_pack_free(tiny);
  symcheck_pack_free(pack);
}

/* ---- red flags of the screen ------------------------------------------------------ */

static symcheck_level S_level(const symcheck_pack *pack, int age, const char *const *answers) {
  symcheck_interview *iv = S_start(pack, GENERAL, age, SYMCHECK_SEX_MALE);
  for (size_t i = 0; answers[i] != NULL; i += 2) {
    S_answer(iv, answers[i], answers[i + 1]);
  }
  symcheck_level level = symcheck_interview_triage(iv).level;
  symcheck_interview_free(iv);
  return level;
}

static void test_screen_red_flags_with_also_lists_and_ages(void **state) {
  (void)state;
  symcheck_pack *pack = S_load(SCREEN);
  const char *fever_baby[] = {"baby_age", "under_3_months", "temperature", "100.4F", NULL};
  const char *cool_baby[] = {"baby_age", "under_3_months", "temperature", "37.2", NULL};
  const char *older_baby[] = {"baby_age", "6_to_11_months", "temperature", "38.2", NULL};
  const char *neck[] = {"screen_urgent", "stiff_neck", NULL};
  const char *neck_fever[] = {"screen_urgent", "stiff_neck", "temperature", "39.5", NULL};
  const char *any_sign[] = {"screen_emergency", "chest_pain", NULL};
  assert_int_equal(S_level(pack, 0, fever_baby), SYMCHECK_LEVEL_EMERGENCY);
  assert_int_equal(S_level(pack, 0, cool_baby), SYMCHECK_LEVEL_SELF_CARE);
  assert_int_equal(S_level(pack, 0, older_baby), SYMCHECK_LEVEL_SELF_CARE);
  assert_int_equal(S_level(pack, 40, neck), SYMCHECK_LEVEL_URGENT_CARE);
  assert_int_equal(S_level(pack, 40, neck_fever), SYMCHECK_LEVEL_EMERGENCY);
  assert_int_equal(S_level(pack, 40, any_sign), SYMCHECK_LEVEL_AMBULANCE);
  /* the step names the answer that fired the flag, not the flag's first */
  symcheck_interview *hot = S_start(pack, GENERAL, 0, SYMCHECK_SEX_FEMALE);
  S_answer(hot, "baby_age", "under_3_months");
  S_answer(hot, "temperature", "104.5F");
  json_t *step = symcheck_interview_json(hot);
  json_t *flag = json_object_get(json_object_get(step, "triage"), "red_flag");
  assert_string_equal(json_string_value(json_object_get(flag, "finding")), "temperature");
  assert_string_equal(json_string_value(json_object_get(flag, "answer")), "t_40_plus");
  json_decref(step);
  symcheck_interview_free(hot);
  /* baby_age applies to babies only: a 1-year-old cannot give it, so the
     baby fever flag (also: baby_age) cannot fire for them */
  symcheck_interview *iv = S_start(pack, GENERAL, 1, SYMCHECK_SEX_MALE);
  assert_int_equal(symcheck_interview_answer(iv, "baby_age", "under_3_months", NULL), -1);
  S_answer(iv, "temperature", "38.5");
  assert_int_equal(symcheck_interview_triage(iv).level, SYMCHECK_LEVEL_SELF_CARE);
  symcheck_interview_free(iv);
  symcheck_pack_free(pack);
}

static void test_screen_is_asked_first_and_not_counted(void **state) {
  (void)state;
  symcheck_pack *pack = S_load(SCREEN);
  /* a 30-year-old woman: baby_age is skipped; pregnancy_signs only after
     "pregnant" */
  symcheck_interview *iv = S_start(pack, "headache", 30, SYMCHECK_SEX_FEMALE);
  const char *const order[] = {"screen_emergency", "temperature", "screen_urgent",
                               "pregnancy_signs", "sudden_onset"};
  const char *const answers[] = {"none", "37", "pregnant", "none", "no"};
  /* max_questions limits the questions after the screen: with a limit of
     one, the four screen questions still leave one to ask */
  symcheck_interview_set_max_questions(iv, 1);
  for (size_t i = 0; i < 5; i++) {
    assert_false(symcheck_interview_should_stop(iv));
    const symcheck_finding *f = symcheck_interview_next(iv);
    assert_non_null(f);
    assert_string_equal(f->id, order[i]);
    S_answer(iv, f->id, answers[i]);
  }
  assert_true(symcheck_interview_should_stop(iv));
  assert_int_equal(symcheck_interview_screen_asked(iv), 4);
  symcheck_result *r = symcheck_interview_result(iv);
  assert_int_equal(r->answered, 1);
  assert_int_equal(r->screen_asked, 4);
  symcheck_result_free(r);
  json_t *step = symcheck_interview_json(iv);
  assert_int_equal(json_integer_value(json_object_get(step, "answered")), 1);
  assert_int_equal(json_integer_value(json_object_get(step, "screen_asked")), 4);
  json_decref(step);
  symcheck_interview_free(iv);
  symcheck_pack_free(pack);
}

/* ---- a complaint with no conditions ----------------------------------------------- */

static void test_triage_only_complaint_in_the_library(void **state) {
  (void)state;
  symcheck_pack *pack = S_load(SCREEN);
  symcheck_interview *iv = S_start(pack, GENERAL, 45, SYMCHECK_SEX_MALE);
  double posterior[2] = {1, 1};
  assert_true(symcheck_interview_posterior(iv, posterior) == 1.0);
  assert_true(posterior[0] == 0.0 && posterior[1] == 0.0);
  const char *const order[] = {"screen_emergency", "temperature", "screen_urgent",
                               "daily_activities", "how_long"};
  const char *const answers[] = {"none", "37", "none", "cannot", "over_3_weeks"};
  for (size_t i = 0; i < 5; i++) {
    assert_false(symcheck_interview_should_stop(iv));
    assert_string_equal(symcheck_interview_next(iv)->id, order[i]);
    S_answer(iv, order[i], answers[i]);
  }
  assert_true(symcheck_interview_should_stop(iv));
  symcheck_result *r = symcheck_interview_result(iv);
  assert_int_equal(r->condition_count, 0);
  assert_true(r->other_probability == 1.0);
  assert_int_equal(r->triage.level, SYMCHECK_LEVEL_PRIMARY_CARE_SOON);
  assert_string_equal(r->triage.red_flag->finding->id, "daily_activities");
  symcheck_result_free(r);
  json_t *step = symcheck_interview_json(iv);
  assert_string_equal(json_string_value(json_object_get(step, "status")), "result");
  assert_int_equal(json_array_size(json_object_get(step, "conditions")), 0);
  assert_true(json_is_true(json_object_get(json_object_get(step, "complaint"), "triage_only")));
  json_decref(step);
  symcheck_interview_free(iv);
  symcheck_pack_free(pack);
}

static json_t *S_run_json(const char *const *argv) {
  run_result r = {0};
  assert_int_equal(run_process(argv, NULL, 30000, &r), 0);
  if (r.exit_code != 0) {
    fail_msg("exit %d: %s", r.exit_code, r.err);
  }
  json_t *j = json_loads(r.out, 0, NULL);
  assert_non_null(j);
  run_result_free(&r);
  return j;
}

static void test_triage_only_complaint_with_diagnose_json(void **state) {
  (void)state;
  const char *argv[] = {SYMCHECK_BINARY, "diagnose",
                        "--pack",        SCREEN,
                        "--complaint",   GENERAL,
                        "--age",         "1",
                        "--sex",         "female",
                        "--answer",      "screen_emergency=none",
                        "--answer",      "temperature=102.2F",
                        "--answer",      "screen_urgent=none",
                        "--answer",      "daily_activities=struggling",
                        "--answer",      "how_long=under_3_weeks",
                        "--json",        NULL};
  json_t *j = S_run_json(argv);
  assert_string_equal(json_string_value(json_object_get(j, "status")), "result");
  assert_int_equal(json_array_size(json_object_get(j, "conditions")), 0);
  assert_int_equal(json_integer_value(json_object_get(j, "answered")), 2);
  assert_int_equal(json_integer_value(json_object_get(j, "screen_asked")), 3);
  json_t *triage = json_object_get(j, "triage");
  assert_string_equal(json_string_value(json_object_get(triage, "id")), "self_care");
  json_t *complaint = json_object_get(j, "complaint");
  assert_string_equal(json_string_value(json_object_get(complaint, "self_care")),
                      "Rest and ask a pharmacist.");
  assert_non_null(json_string_value(json_object_get(complaint, "see_doctor")));
  assert_string_equal(json_string_value(json_object_get(j, "answers")),
                      "screen_emergency.X~temperature.39~screen_urgent.X~daily_activities."
                      "struggling~how_long.under_3_weeks");
  json_decref(j);
  /* the text form says what this result is */
  argv[20] = NULL;
  run_result r = {0};
  assert_int_equal(run_process(argv, NULL, 30000, &r), 0);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "not a list of possible causes"));
  assert_null(strstr(r.out, "Something else"));
  /* the complaint's own advice stands in for a condition's */
  assert_non_null(strstr(r.out, "At home: Rest and ask a pharmacist."));
  assert_non_null(strstr(r.out, "When to get help: See a GP if it gets worse"));
  run_result_free(&r);
  /* and a question the person is not asked is refused in one line */
  const char *smoker[] = {SYMCHECK_BINARY, "diagnose",  "--pack", SCREEN,  "--complaint",
                          "headache",      "--age",     "7",      "--sex", "male",
                          "--answer",      "smoker=no", NULL};
  assert_int_equal(run_process(smoker, NULL, 30000, &r), 0);
  assert_int_not_equal(r.exit_code, 0);
  assert_non_null(strstr(r.err, "'smoker' is not asked of someone aged 7 (it is for ages 12 to "
                                "120); leave it out\n"));
  run_result_free(&r);
}

static void test_triage_only_complaint_in_the_quiz(void **state) {
  (void)state;
  /* a 7-year-old girl: child wording, no pregnancy option, no count for
     the safety check, and a result without a list of causes */
  const char *argv[] = {SYMCHECK_BINARY, "quiz", "--pack", SCREEN,   "--complaint", GENERAL,
                        "--age",         "7",    "--sex",  "female", NULL};
  run_result r = {0};
  assert_int_equal(run_process(argv, "0\n37\n0\n1\n1\n", 30000, &r), 0);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "Is any of these happening to your child now?"));
  assert_non_null(strstr(r.out, "What is your child's temperature?"));
  assert_non_null(strstr(r.out, "Safety check"));
  assert_non_null(strstr(r.out, "Can your child do the usual things?"));
  assert_non_null(strstr(r.out, "Answer for your child:\nHow long has this been going on?"));
  assert_null(strstr(r.out, "Pregnant"));
  assert_null(strstr(r.out, "testicle"));
  assert_non_null(strstr(r.out, "Question 1 of at most 6"));
  assert_null(strstr(r.out, "Question 3 of"));
  assert_non_null(strstr(r.out, "not a list of possible causes"));
  run_result_free(&r);
}

static void test_triage_only_complaint_over_http(void **state) {
  (void)state;
  const char *const extra[] = {"--rate-limit", "0", "--packs", SCREEN, "--threads", "1", NULL};
  server_process s;
  assert_int_equal(server_start(&s, extra), 0);
  const char *body = "{\"pack\":\"screen_test\",\"complaint\":\"symptom-not-listed\","
                     "\"profile\":{\"age\":45,\"sex\":\"male\"},\"answers\":["
                     "{\"id\":\"screen_emergency\",\"value\":\"none\"},"
                     "{\"id\":\"temperature\",\"value\":\"101.3F\"},"
                     "{\"id\":\"screen_urgent\",\"value\":\"stiff_neck\"}]}";
  http_response r;
  assert_int_equal(
      http_request(s.port, "POST", "/api/v1/interview", "application/json", body, strlen(body), &r),
      0);
  assert_int_equal(r.status, 200);
  json_t *j = json_loads(r.body, 0, NULL);
  http_response_free(&r);
  assert_non_null(j);
  /* a stiff neck with a fever: emergency, whatever the rest */
  assert_string_equal(json_string_value(json_object_get(j, "status")), "result");
  assert_int_equal(json_array_size(json_object_get(j, "conditions")), 0);
  assert_string_equal(json_string_value(json_object_get(json_object_get(j, "triage"), "id")),
                      "emergency");
  assert_int_equal(json_integer_value(json_object_get(j, "screen_asked")), 3);
  json_decref(j);
  /* the web result page says it is advice on how soon, not causes */
  const char *page = "/quiz/symptom-not-listed?age=45&sex=male&a=screen_emergency.X~temperature."
                     "37~screen_urgent.X~daily_activities.normal~how_long.under_3_weeks&finish=1";
  assert_int_equal(http_request(s.port, "GET", page, NULL, NULL, 0, &r), 0);
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(r.body, "not a list of possible causes"));
  assert_null(strstr(r.body, "What could be causing it"));
  /* a self-care result still says what to do at home and when to get help */
  assert_non_null(strstr(r.body, "Rest and ask a pharmacist."));
  assert_non_null(
      strstr(r.body, "See a GP if it gets worse or has not begun to settle in a week."));
  http_response_free(&r);
  const char *fhir = "/quiz/symptom-not-listed/fhir?age=45&sex=male&a=screen_emergency.X~"
                     "temperature.37~screen_urgent.X~daily_activities.normal~how_long.under_3_"
                     "weeks";
  assert_int_equal(http_request(s.port, "GET", fhir, NULL, NULL, 0, &r), 0);
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(r.body, "RiskAssessment"));
  assert_null(strstr(r.body, "prediction"));
  http_response_free(&r);
  /* the web quiz words the first question for a baby and hides the
     options for older children */
  const char *quiz = "/quiz/headache?age=0&sex=female";
  assert_int_equal(http_request(s.port, "GET", quiz, NULL, NULL, 0, &r), 0);
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(r.body, "Is any of these happening to your baby now?"));
  assert_non_null(strstr(r.body, "bulging soft spot"));
  assert_null(strstr(r.body, "New confusion"));
  assert_null(strstr(r.body, "Chest pain"));
  http_response_free(&r);
  assert_int_equal(server_stop(&s, SIGTERM, 10000), 0);
}

/* ---- the DDXPlus evaluation: IL without the screen ------------------------- */

/* the articles its complaints link, and the overlay whose lay answers the
   replayed patients give */
static const char *const S_DDX_FILES[] = {"pack.yaml",         "sources.yaml",   "findings.yaml",
                                          "conditions.yaml",   "red_flags.yaml", "complaints.yaml",
                                          "differential.yaml", "clinical.yaml",  "articles"};

#define DDX_SCREEN SYMCHECK_SOURCE_DIR "/packs/ddxplus/screen.yaml"

/* packs/ddxplus in a temporary folder (its files linked), with a screen
   when `screen` (its own once it has one, else the screen test pack's),
   without any otherwise. */
static void S_ddxplus_copy(char *dir, size_t size, bool screen) {
  assert_true(temp_dir_make(dir, size, "ddx-screen"));
  char from[512], to[512];
  for (size_t i = 0; i < sizeof S_DDX_FILES / sizeof *S_DDX_FILES; i++) {
    snprintf(from, sizeof from, "%s/packs/ddxplus/%s", SYMCHECK_SOURCE_DIR, S_DDX_FILES[i]);
    snprintf(to, sizeof to, "%s/%s", dir, S_DDX_FILES[i]);
    assert_int_equal(symlink(from, to), 0);
  }
  if (screen) {
    snprintf(to, sizeof to, "%s/screen.yaml", dir);
    assert_int_equal(
        symlink(access(DDX_SCREEN, F_OK) == 0 ? DDX_SCREEN : SCREEN "/screen.yaml", to), 0);
  }
}

static json_t *S_eval_overall(const char *dir) {
  const char *argv[] = {SYMCHECK_BINARY, "eval",
                        "--pack",        dir,
                        "--cases",       SYMCHECK_SOURCE_DIR "/tests/data/ddxplus/patients_300.csv",
                        "--threads",     "2",
                        "--json",        NULL};
  json_t *report = S_run_json(argv);
  json_t *overall = json_incref(json_object_get(report, "overall"));
  json_decref(report);
  return overall;
}

static void test_ddxplus_il_leaves_the_screen_out(void **state) {
  (void)state;
  char plain[64], screened[64];
  if (access(DDX_SCREEN, F_OK) == 0) {
    /* the pack carries the screen (and may cite it in its conditions, so it
       cannot be taken away): IL stays within issue 3's limit of 7 and the
       screen is counted apart */
    S_ddxplus_copy(screened, sizeof screened, true);
    json_t *with = S_eval_overall(screened);
    assert_true(json_real_value(json_object_get(with, "il")) <= 7.0);
    assert_true(json_real_value(json_object_get(with, "screen_questions")) >= 3.0);
    json_decref(with);
    assert_true(temp_dir_remove(screened));
    return;
  }
  S_ddxplus_copy(plain, sizeof plain, false);
  S_ddxplus_copy(screened, sizeof screened, true);
  json_t *without = S_eval_overall(plain);
  json_t *with = S_eval_overall(screened);
  double il0 = json_real_value(json_object_get(without, "il"));
  double il1 = json_real_value(json_object_get(with, "il"));
  double screen = json_real_value(json_object_get(with, "screen_questions"));
  print_message("  IL %.2f without the screen, %.2f with it (+ %.2f screen questions)\n", il0, il1,
                screen);
  assert_true(il0 > 0.0);
  /* the screen adds no evidence to DDXPlus patients ("don't know"), so the
     questions after it and the diagnosis are those of the pack without it */
  assert_true(il1 == il0);
  assert_true(json_real_value(json_object_get(with, "gtpa_at_1")) ==
              json_real_value(json_object_get(without, "gtpa_at_1")));
  assert_true(json_real_value(json_object_get(without, "screen_questions")) == 0.0);
  /* at least screen_emergency, temperature and screen_urgent for everyone */
  assert_true(screen >= 3.0 && screen < 5.0);
  json_decref(without);
  json_decref(with);
  assert_true(temp_dir_remove(plain));
  assert_true(temp_dir_remove(screened));
}

int main(void) {
  /* The quiz wraps its text at COLUMNS (80 when not a terminal); these
     tests match whole sentences, so they give it a line long enough. */
  setenv("COLUMNS", "1000", 1);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_filters_hold_for_every_declared_field),
      cmocka_unit_test(test_women_and_men_see_only_their_options),
      cmocka_unit_test(test_questions_speak_about_the_baby_or_child),
      cmocka_unit_test(test_adult_wording_on_a_child_quiz_is_marked),
      cmocka_unit_test(test_fahrenheit_temperatures_are_converted),
      cmocka_unit_test(test_screen_red_flags_with_also_lists_and_ages),
      cmocka_unit_test(test_screen_is_asked_first_and_not_counted),
      cmocka_unit_test(test_triage_only_complaint_in_the_library),
      cmocka_unit_test(test_triage_only_complaint_with_diagnose_json),
      cmocka_unit_test(test_triage_only_complaint_in_the_quiz),
      cmocka_unit_test(test_triage_only_complaint_over_http),
      cmocka_unit_test(test_ddxplus_il_leaves_the_screen_out),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
