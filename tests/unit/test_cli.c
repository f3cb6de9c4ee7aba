/*
 * test_cli.c - the `symcheck` command end to end: runs the real binary
 * (SYMCHECK_BINARY) on the tiny test pack with scripted standard input and
 * checks what a user would see: the quiz reaches a result with conditions,
 * an urgency and the notice; b goes back; w says why we ask; diagnose
 * --json has its documented shape; red flags raise the level; wrong
 * arguments give one line, usage and exit 2; pack check finds errors.
 *
 * The quiz script is derived from the engine itself (the library, in this
 * process), so the test follows whatever questions the engine picks.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "pack_variant.h"
#include "run_process.h"
#include "symcheck.h"
#include "temp_dir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PACK SYMCHECK_SOURCE_DIR "/tests/packs/tiny"
#define COMPLAINT "sore-throat"
#define TIMEOUT_MS 20000

static symcheck_pack *load_tiny(void) {
  symcheck_pack *pack = symcheck_pack_load(PACK, NULL);
  assert_non_null(pack);
  return pack;
}

static size_t count_of(const char *text, const char *needle) {
  size_t count = 0;
  for (const char *at = strstr(text, needle); at != NULL; at = strstr(at + 1, needle)) {
    count++;
  }
  return count;
}

/* The reply a scripted patient types for a question, and the same answer as
   the library takes it. Picks answers that do not fire red flags. */
static void scripted_reply(const symcheck_finding *f, char *reply, char *value, size_t size) {
  if (f->type == SYMCHECK_ANSWER_NUMBER) {
    double middle = (f->options[0].min + f->options[0].max) / 2.0;
    snprintf(reply, size, "%g\n", middle);
    snprintf(value, size, "%g", middle);
  } else if (f->type == SYMCHECK_ANSWER_MULTI) {
    snprintf(reply, size, "0\n");
    snprintf(value, size, "none");
  } else {
    size_t last = f->option_count - 1;
    snprintf(reply, size, "%zu\n", last + 1);
    snprintf(value, size, "%s", f->options[last].id);
  }
}

/* Builds the stdin script for a whole quiz after `prefix`, answering each
   question the engine asks; when `detour` is set, inserts "w" (why we ask) before the
   first answer and "b" plus the same answer again after it, and replies to
   number questions first with a number out of range. Returns the
   script (caller frees) and fills *want from the pack (which is freed here). */
typedef struct quiz_expectation {
  char top_name[256];  /* the result's first condition */
  char first_why[512]; /* the first question's "why we ask" */
  bool asked_number;   /* a number question was asked (and answered out of range first) */
} quiz_expectation;

static char *quiz_script(const char *prefix, bool detour, quiz_expectation *want) {
  symcheck_pack *pack = load_tiny();
  symcheck_profile profile = {.age = 30, .sex = SYMCHECK_SEX_FEMALE};
  symcheck_interview *iv = symcheck_interview_new(pack, COMPLAINT, &profile, NULL);
  assert_non_null(iv);
  size_t size = 8192, length = 0;
  char *script = calloc(size, 1);
  length += (size_t)snprintf(script, size, "%s", prefix);
  char reply[256], value[256];
  const symcheck_finding *next;
  bool first = true;
  while ((next = symcheck_interview_next(iv)) != NULL && !symcheck_interview_should_stop(iv)) {
    scripted_reply(next, reply, value, sizeof reply);
    if (first && detour) {
      snprintf(want->first_why, sizeof want->first_why, "%s", next->why);
      length += (size_t)snprintf(script + length, size - length, "w\n%sb\n", reply);
    }
    if (detour && next->type == SYMCHECK_ANSWER_NUMBER) {
      want->asked_number = true;
      length += (size_t)snprintf(script + length, size - length, "1e9\n");
    }
    length += (size_t)snprintf(script + length, size - length, "%s", reply);
    assert_int_equal(symcheck_interview_answer(iv, next->id, value, NULL), 0);
    first = false;
  }
  symcheck_result *result = symcheck_interview_result(iv);
  assert_true(result->condition_count > 0);
  snprintf(want->top_name, sizeof want->top_name, "%s", result->conditions[0].condition->name);
  symcheck_result_free(result);
  symcheck_interview_free(iv);
  symcheck_pack_free(pack);
  return script;
}

static void assert_result_shown(const run_result *r, const char *top_name) {
  assert_int_equal(r->exit_code, 0);
  assert_non_null(strstr(r->out, "How soon to get care: "));
  assert_non_null(strstr(r->out, "Conditions that could explain your symptoms"));
  assert_non_null(strstr(r->out, top_name));
  assert_non_null(strstr(r->out, "in 10"));
  /* The notice closes the result. */
  const char *notice = strstr(r->out, SYMCHECK_NOTICE);
  assert_non_null(notice);
  assert_non_null(strstr(strstr(r->out, "How soon to get care: "), SYMCHECK_NOTICE));
}

static void test_quiz_scripted_to_result(void **state) {
  (void)state;
  quiz_expectation want;
  char *script = quiz_script("", false, &want);
  run_result r = run_symcheck(TIMEOUT_MS, script, "quiz", "--pack", PACK, "--complaint", COMPLAINT,
                              "--age", "30", "--sex", "female", NULL);
  assert_result_shown(&r, want.top_name);
  assert_non_null(strstr(r.out, "Question 1 of at most 12"));
  assert_non_null(strstr(r.out, "(!) Safety question"));
  run_result_free(&r);
  free(script);
}

static void test_quiz_back_and_why(void **state) {
  (void)state;
  quiz_expectation want = {0};
  char *script = quiz_script("", true, &want);
  run_result r = run_symcheck(TIMEOUT_MS, script, "quiz", "--pack", PACK, "--complaint", COMPLAINT,
                              "--age", "30", "--sex", "female", NULL);
  assert_result_shown(&r, want.top_name);
  char why_line[600];
  snprintf(why_line, sizeof why_line, "Why we ask: %s", want.first_why);
  assert_non_null(strstr(r.out, why_line));
  assert_non_null(strstr(r.out, "Going back"));
  /* After going back the first question is asked again. */
  assert_int_equal(count_of(r.out, "Question 1 of at most"), 2);
  /* The tiny pack's temperature question comes up; an impossible number is
     refused with the range in words, and the quiz goes on. */
  assert_true(want.asked_number);
  assert_non_null(strstr(r.out, "Please type a number from"));
  run_result_free(&r);
  free(script);
}

static void test_quiz_asks_profile_and_searches(void **state) {
  (void)state;
  symcheck_pack *pack = load_tiny();
  size_t found[4];
  size_t n = symcheck_pack_search_complaints(pack, "scratchy throat", found, 4);
  assert_true(n >= 1);
  size_t position = 0;
  while (position < n && strcmp(symcheck_pack_complaint(pack, found[position])->id, COMPLAINT)) {
    position++;
  }
  assert_true(position < n);
  symcheck_pack_free(pack);
  char prefix[256];
  /* A wrong age is asked again; then sex by number; then words to search. */
  snprintf(prefix, sizeof prefix, "200\n30\n1\nscratchy throat\n%zu\n", position + 1);
  quiz_expectation want;
  char *script = quiz_script(prefix, false, &want);
  run_result r = run_symcheck(TIMEOUT_MS, script, "quiz", "--pack", PACK, NULL);
  assert_non_null(strstr(r.out, "whole number from 0 to 120"));
  assert_non_null(strstr(r.out, "These match"));
  assert_result_shown(&r, want.top_name);
  run_result_free(&r);
  free(script);
}

static void test_quiz_search_needs_every_word(void **state) {
  (void)state;
  /* In the anorectal pack "chest pain" shares only "pain" with anal pain:
     not a match (it was listed as one), but offered as the closest. */
  run_result r = run_symcheck(TIMEOUT_MS, "30\n1\nchest pain\nitchy bum\nq\n", "quiz", "--pack",
                              SYMCHECK_SOURCE_DIR "/packs/anorectal", NULL);
  const char *nothing = strstr(r.out, "Nothing matched \"chest pain\"");
  assert_non_null(nothing);
  assert_non_null(strstr(nothing, "(the closest first)"));
  assert_null(strstr(r.out, "These match \"chest pain\""));
  const char *itchy = strstr(r.out, "These match \"itchy bum\":\n  1. Itchy bottom");
  assert_non_null(itchy);
  run_result_free(&r);
}

static void test_quiz_end_of_input_and_quit(void **state) {
  (void)state;
  run_result r = run_symcheck(TIMEOUT_MS, "30\n", "quiz", "--pack", PACK, NULL);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "ended before a result"));
  assert_non_null(strstr(r.out, SYMCHECK_NOTICE));
  run_result_free(&r);
  r = run_symcheck(TIMEOUT_MS, "q\n", "quiz", "--pack", PACK, "--complaint", COMPLAINT, "--age",
                   "30", "--sex", "male", NULL);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "stopped before a result"));
  assert_null(strstr(r.out, "How soon to get care: "));
  run_result_free(&r);
}

static json_t *diagnose_json(const char *answer) {
  run_result r =
      run_symcheck(TIMEOUT_MS, NULL, "diagnose", "--pack", PACK, "--complaint", COMPLAINT, "--age",
                   "70", "--sex", "male", "--json", answer ? "--answer" : NULL, answer, NULL);
  assert_int_equal(r.exit_code, 0);
  json_error_t error;
  json_t *step = json_loads(r.out, 0, &error);
  if (step == NULL) {
    fail_msg("diagnose --json printed invalid JSON: %s\n%s", error.text, r.out);
  }
  run_result_free(&r);
  return step;
}

static void assert_step_shape(json_t *step) {
  const char *status = json_string_value(json_object_get(step, "status"));
  assert_non_null(status);
  assert_true(strcmp(status, "question") == 0 || strcmp(status, "result") == 0);
  json_t *question = json_object_get(step, "question");
  if (strcmp(status, "question") == 0) {
    assert_true(json_is_object(question));
    const char *keys[] = {"id", "text", "why", "type"};
    for (size_t i = 0; i < 4; i++) {
      assert_true(json_is_string(json_object_get(question, keys[i])));
    }
    assert_true(json_is_array(json_object_get(question, "options")));
    assert_true(json_is_boolean(json_object_get(question, "red_flag")));
  }
  /* the ranking in brief while questions remain, why each fits with the result */
  bool result = strcmp(status, "result") == 0;
  json_t *conditions = json_object_get(step, "conditions");
  assert_true(json_is_array(conditions));
  assert_true(json_array_size(conditions) > 0);
  assert_true(result || json_array_size(conditions) <= SYMCHECK_STEP_CONDITIONS);
  double sum = 0.0;
  size_t i;
  json_t *condition;
  json_array_foreach(conditions, i, condition) {
    assert_true(json_is_string(json_object_get(condition, "id")));
    assert_true(json_is_string(json_object_get(condition, "probability_words")));
    assert_int_equal(json_is_object(json_object_get(condition, "why")), result);
    double p = json_number_value(json_object_get(condition, "probability"));
    assert_true(p >= 0.0 && p <= 1.0);
    sum += p;
  }
  assert_true(sum <= 1.0 + 1e-9);
  json_t *triage = json_object_get(step, "triage");
  assert_true(json_is_integer(json_object_get(triage, "level")));
  json_int_t level = json_integer_value(json_object_get(triage, "level"));
  assert_true(level >= 0 && level <= 5);
  assert_string_equal(json_string_value(json_object_get(triage, "id")),
                      symcheck_level_id((symcheck_level)level));
  assert_true(json_is_string(json_object_get(triage, "advice")));
  assert_true(json_is_string(json_object_get(triage, "reason")));
  assert_true(json_is_integer(json_object_get(step, "answered")));
  assert_true(json_is_boolean(json_object_get(step, "should_stop")));
  assert_string_equal(json_string_value(json_object_get(step, "notice")), SYMCHECK_NOTICE);
}

static void test_diagnose_json_shape(void **state) {
  (void)state;
  json_t *step = diagnose_json(NULL);
  assert_step_shape(step);
  assert_string_equal(json_string_value(json_object_get(step, "status")), "question");
  assert_int_equal(json_integer_value(json_object_get(step, "answered")), 0);
  json_decref(step);
}

/* Every red flag of the tiny pack, answered on its own, gives at least its
   level (the profile's age, 70, is above every min_age of the pack). */
static void test_diagnose_red_flags(void **state) {
  (void)state;
  symcheck_pack *pack = load_tiny();
  size_t flags = symcheck_pack_red_flag_count(pack);
  assert_true(flags > 0);
  for (size_t i = 0; i < flags; i++) {
    const symcheck_red_flag *flag = symcheck_pack_red_flag(pack, i);
    const symcheck_finding *f = flag->finding;
    char answer[256];
    if (f->type == SYMCHECK_ANSWER_NUMBER) {
      snprintf(answer, sizeof answer, "%s=%g", f->id, f->options[flag->option].min);
    } else {
      snprintf(answer, sizeof answer, "%s=%s", f->id, f->options[flag->option].id);
    }
    json_t *step = diagnose_json(answer);
    assert_step_shape(step);
    json_int_t level =
        json_integer_value(json_object_get(json_object_get(step, "triage"), "level"));
    if (level < (json_int_t)flag->level) {
      fail_msg("%s gave level %d, below its red flag's %d", answer, (int)level, (int)flag->level);
    }
    assert_int_equal(json_integer_value(json_object_get(step, "answered")), 1);
    json_decref(step);
  }
  symcheck_pack_free(pack);
}

static void test_diagnose_text(void **state) {
  (void)state;
  run_result r = run_symcheck(TIMEOUT_MS, NULL, "diagnose", "--pack", PACK, "--complaint",
                              COMPLAINT, "--age", "30", "--sex", "male", NULL);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "Next question"));
  assert_non_null(strstr(r.out, "Why we ask: "));
  assert_non_null(strstr(r.out, SYMCHECK_NOTICE));
  run_result_free(&r);
  /* The encoded answers a step prints carry the interview to the next one. */
  r = run_symcheck(TIMEOUT_MS, NULL, "diagnose", "--pack", PACK, "--complaint", COMPLAINT, "--age",
                   "30", "--sex", "male", "--answer", "danger_signs=none", "--answer", "cough=dry",
                   NULL);
  assert_int_equal(r.exit_code, 0);
  const char *label = "Answers so far (for --answers): ";
  const char *at = strstr(r.out, label);
  assert_non_null(at);
  char encoded[256];
  assert_int_equal(sscanf(at + strlen(label), "%255s", encoded), 1);
  run_result_free(&r);
  r = run_symcheck(TIMEOUT_MS, NULL, "diagnose", "--pack", PACK, "--complaint", COMPLAINT, "--age",
                   "30", "--sex", "male", "--answers", encoded, NULL);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "(2 answered"));
  run_result_free(&r);
}

/* Exit 2, a message on stderr containing `needle`, nothing on stdout. */
static void assert_usage_error(run_result *r, const char *needle, bool with_usage) {
  assert_int_equal(r->exit_code, 2);
  if (strstr(r->err, needle) == NULL) {
    fail_msg("stderr lacks \"%s\":\n%s", needle, r->err);
  }
  if (with_usage) {
    assert_non_null(strstr(r->err, "usage:"));
  }
  assert_string_equal(r->out, "");
  run_result_free(r);
}

static void test_argument_errors(void **state) {
  (void)state;
  run_result r = run_symcheck(TIMEOUT_MS, NULL, "frobnicate", NULL);
  assert_usage_error(&r, "unknown command 'frobnicate'", true);
  r = run_symcheck(TIMEOUT_MS, NULL, NULL);
  assert_usage_error(&r, "no command", true);
  r = run_symcheck(TIMEOUT_MS, NULL, "diagnose", "--pack", PACK, "--complaint", COMPLAINT, "--sex",
                   "male", NULL);
  assert_usage_error(&r, "missing --age", true);
  r = run_symcheck(TIMEOUT_MS, NULL, "diagnose", "--pack", PACK, "--complaint", COMPLAINT, "--age",
                   "200", "--sex", "male", NULL);
  assert_usage_error(&r, "--age must be a whole number from 0 to 120", true);
  r = run_symcheck(TIMEOUT_MS, NULL, "diagnose", "--pack", PACK, "--complaint", COMPLAINT, "--age",
                   "30", "--sex", "other", NULL);
  assert_usage_error(&r, "--sex must be female or male", true);
  r = run_symcheck(TIMEOUT_MS, NULL, "quiz", "--colour", NULL);
  assert_usage_error(&r, "unknown argument '--colour'", true);
  r = run_symcheck(TIMEOUT_MS, NULL, "diagnose", "--pack", PACK, "--complaint", "no-such", "--age",
                   "30", "--sex", "male", NULL);
  assert_usage_error(&r, "unknown complaint 'no-such'; known: sore-throat", false);
}

static void test_answer_errors(void **state) {
  (void)state;
  run_result r =
      run_symcheck(TIMEOUT_MS, NULL, "diagnose", "--pack", PACK, "--complaint", COMPLAINT, "--age",
                   "30", "--sex", "male", "--answer", "no_such_finding=yes", NULL);
  assert_usage_error(&r, "no_such_finding", false);
  /* A bad value: the message names the allowed ones. */
  r = run_symcheck(TIMEOUT_MS, NULL, "diagnose", "--pack", PACK, "--complaint", COMPLAINT, "--age",
                   "30", "--sex", "male", "--answer", "cough=maybe", NULL);
  assert_int_equal(r.exit_code, 2);
  assert_non_null(strstr(r.err, "maybe"));
  assert_non_null(strstr(r.err, "no_cough"));
  assert_non_null(strstr(r.err, "wet"));
  run_result_free(&r);
  r = run_symcheck(TIMEOUT_MS, NULL, "diagnose", "--pack", PACK, "--complaint", COMPLAINT, "--age",
                   "30", "--sex", "male", "--answer", "cough", NULL);
  assert_usage_error(&r, "FINDING=VALUE", false);
}

static void test_pack_check_clean(void **state) {
  (void)state;
  symcheck_pack *pack = load_tiny();
  char expected[256];
  symcheck_pack_stats stats = symcheck_pack_get_stats(pack);
  snprintf(expected, sizeof expected,
           "ok: %zu complaints, %zu findings, %zu conditions, %zu red flags; %zu of %zu "
           "probabilities cite a source\n"
           "warning: %zu cited numbers and red flags do not say where in the source they come "
           "from (add where: \"Table 2\")\n",
           symcheck_pack_complaint_count(pack), symcheck_pack_finding_count(pack),
           symcheck_pack_condition_count(pack), symcheck_pack_red_flag_count(pack), stats.sourced,
           stats.probabilities, stats.without_where);
  assert_int_equal(stats.without_where, 6); /* the tiny pack's cited numbers give no where */
  symcheck_pack_free(pack);
  run_result r = run_symcheck(TIMEOUT_MS, NULL, "pack", "check", PACK, NULL);
  assert_int_equal(r.exit_code, 0);
  assert_string_equal(r.out, expected);
  run_result_free(&r);
}

/* Copies the tiny pack and breaks one probability; pack check must name
   the file and line of the broken value and exit 1. */
static void test_pack_check_broken(void **state) {
  (void)state;
  char dir[256];
  assert_true(temp_dir_make(dir, sizeof dir, "cli"));
  const char *copy[] = {"/bin/cp", "-r", PACK, dir, NULL};
  run_result r;
  assert_int_equal(run_process(copy, NULL, TIMEOUT_MS, &r), 0);
  assert_int_equal(r.exit_code, 0);
  run_result_free(&r);
  char pack[512], file[600];
  snprintf(pack, sizeof pack, "%s/tiny", dir);
  snprintf(file, sizeof file, "%s/conditions.yaml", pack);
  FILE *in = fopen(file, "r");
  assert_non_null(in);
  char text[16384];
  size_t length = fread(text, 1, sizeof text - 1, in);
  fclose(in);
  text[length] = '\0';
  char *target = strstr(text, "p: 0.95");
  assert_non_null(target);
  memcpy(target, "p: 1.95", 7);
  int line = 1;
  for (const char *c = text; c < target; c++) {
    line += *c == '\n';
  }
  FILE *out = fopen(file, "w");
  assert_non_null(out);
  fwrite(text, 1, length, out);
  fclose(out);

  r = run_symcheck(TIMEOUT_MS, NULL, "pack", "check", pack, NULL);
  assert_int_equal(r.exit_code, 1);
  char where[700];
  snprintf(where, sizeof where, "%s/conditions.yaml:%d:", pack, line);
  if (strstr(r.out, where) == NULL) {
    fail_msg("pack check output lacks \"%s\":\n%s", where, r.out);
  }
  assert_null(strstr(r.out, "ok: "));
  run_result_free(&r);
  const char *remove[] = {"/bin/rm", "-r", dir, NULL};
  assert_int_equal(run_process(remove, NULL, TIMEOUT_MS, &r), 0);
  run_result_free(&r);
}

static void test_pack_show(void **state) {
  (void)state;
  run_result r = run_symcheck(TIMEOUT_MS, NULL, "pack", "show", PACK, "--json", NULL);
  assert_int_equal(r.exit_code, 0);
  json_t *pack = json_loads(r.out, 0, NULL);
  assert_non_null(pack);
  assert_true(json_is_array(json_object_get(pack, "complaints")));
  assert_true(json_is_array(json_object_get(pack, "findings")));
  assert_true(json_is_array(json_object_get(pack, "conditions")));
  json_decref(pack);
  run_result_free(&r);
  r = run_symcheck(TIMEOUT_MS, NULL, "pack", "show", PACK, "strep_throat", NULL);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "Strep throat (ICD-10 J02.0)"));
  run_result_free(&r);
  r = run_symcheck(TIMEOUT_MS, NULL, "pack", "show", PACK, "no_such_condition", NULL);
  assert_usage_error(&r, "unknown condition 'no_such_condition'", false);
}

static void test_version_and_help(void **state) {
  (void)state;
  run_result r = run_symcheck(TIMEOUT_MS, NULL, "--version", NULL);
  assert_int_equal(r.exit_code, 0);
  assert_string_equal(r.out, "symcheck " SYMCHECK_VERSION "\n");
  run_result_free(&r);
  r = run_symcheck(TIMEOUT_MS, NULL, "--help", NULL);
  assert_int_equal(r.exit_code, 0);
  assert_non_null(strstr(r.out, "usage: symcheck COMMAND"));
  assert_non_null(strstr(r.out, "quiz"));
  assert_non_null(strstr(r.out, "diagnose"));
  run_result_free(&r);
  const char *commands[] = {"quiz", "diagnose", "pack"};
  for (size_t i = 0; i < 3; i++) {
    r = run_symcheck(TIMEOUT_MS, NULL, commands[i], "--help", NULL);
    assert_int_equal(r.exit_code, 0);
    char usage[64];
    snprintf(usage, sizeof usage, "usage: symcheck %s", commands[i]);
    assert_non_null(strstr(r.out, usage));
    assert_non_null(strstr(r.out, "example"));
    run_result_free(&r);
  }
}

/* A scale's words stand beside its first and last option. */
static void test_diagnose_names_the_ends_of_a_scale(void **state) {
  (void)state;
  static const char *const files[] = {"pack.yaml",      "complaints.yaml",
                                      "findings.yaml",  "conditions.yaml",
                                      "red_flags.yaml", "articles/sore-throat.md"};
  pack_variant v;
  pack_variant_load(&v, PACK, files, sizeof files / sizeof *files, "findings.yaml",
                    "  explain: A wet (chesty) cough brings up mucus.\n",
                    "  explain: A wet (chesty) cough brings up mucus.\n"
                    "  scale: {low: \"No cough at all\", high: \"The wettest cough\"}\n");
  assert_non_null(v.pack);
  run_result r =
      run_symcheck(TIMEOUT_MS, NULL, "diagnose", "--pack", v.dir, "--complaint", COMPLAINT, "--age",
                   "30", "--sex", "female", "--answer", "danger_signs=none", "--answer",
                   "temperature=37", "--answer", "throat_pain=mild", NULL);
  assert_non_null(strstr(r.out, "no_cough (No cough: No cough at all), dry (Dry cough), "
                                "wet (Wet cough: The wettest cough)"));
  run_result_free(&r);
  pack_variant_remove(&v);
}

int main(void) {
  /* The quiz wraps its text at COLUMNS (80 when not a terminal); these
     tests match whole sentences, so they give it a line long enough. */
  setenv("COLUMNS", "1000", 1);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_quiz_scripted_to_result),
      cmocka_unit_test(test_quiz_back_and_why),
      cmocka_unit_test(test_quiz_asks_profile_and_searches),
      cmocka_unit_test(test_quiz_search_needs_every_word),
      cmocka_unit_test(test_quiz_end_of_input_and_quit),
      cmocka_unit_test(test_diagnose_json_shape),
      cmocka_unit_test(test_diagnose_red_flags),
      cmocka_unit_test(test_diagnose_text),
      cmocka_unit_test(test_argument_errors),
      cmocka_unit_test(test_answer_errors),
      cmocka_unit_test(test_pack_check_clean),
      cmocka_unit_test(test_pack_check_broken),
      cmocka_unit_test(test_pack_show),
      cmocka_unit_test(test_version_and_help),
      cmocka_unit_test(test_diagnose_names_the_ends_of_a_scale),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
