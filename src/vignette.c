/*
 * vignette.c - replays clinical vignettes (the YAML files of
 * tests/vignettes, read with libfyaml) through the real interview.
 *
 * A vignette is a patient: a profile, a complaint, how they would answer
 * each question, and what a safe result is (the expected condition and the
 * lowest acceptable triage level). The patient answers only what the engine
 * asks; a question their answers do not list is answered "no" (yes/no),
 * "none" (multi) or "unknown" (anything else). A vignette that names a
 * finding, condition or level the pack does not know is an error, so a typo
 * cannot pass silently.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <libfyaml.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "evaluate_internal.h"

#define S_MAX_ANSWERS 256

typedef struct S_vignette {
  const char *path;
  char id[128];
  char complaint[128];
  char expected[128];
  symcheck_profile profile;
  symcheck_level min_level;
  size_t answer_count;
  char finding[S_MAX_ANSWERS][96];
  char value[S_MAX_ANSWERS][256];
  int line[S_MAX_ANSWERS]; /* of each answer's finding id */
  int expected_line;
} S_vignette;

/* 1-based line of a scalar node; 0 for anything else. */
static int S_line(struct fy_node *node) {
  struct fy_token *token = node != NULL ? fy_node_get_scalar_token(node) : NULL;
  const struct fy_mark *mark = token != NULL ? fy_token_start_mark(token) : NULL;
  return mark != NULL ? mark->line + 1 : 0;
}

static void S_error(symcheck_error *err, const char *path, struct fy_node *node, const char *field,
                    const char *message) {
  error_set(err, path, S_line(node), field, "%s", message);
}

/* The scalar at path, copied to out; -1 when missing or not a scalar. */
static int S_scalar(struct fy_node *root, const char *path, char *out, size_t size) {
  struct fy_node *n = fy_node_by_path(root, path, FY_NT, FYNWF_DONT_FOLLOW);
  const char *text = n != NULL && fy_node_is_scalar(n) ? fy_node_get_scalar0(n) : NULL;
  if (text == NULL) {
    return -1;
  }
  snprintf(out, size, "%s", text);
  return 0;
}

/* An answer: a scalar, or a sequence joined with commas (multi). */
static int S_answer_text(struct fy_node *n, char *out, size_t size) {
  if (fy_node_is_scalar(n)) {
    snprintf(out, size, "%s", fy_node_get_scalar0(n));
    return 0;
  }
  if (!fy_node_is_sequence(n)) {
    return -1;
  }
  out[0] = '\0';
  void *iter = NULL;
  struct fy_node *item;
  while ((item = fy_node_sequence_iterate(n, &iter)) != NULL) {
    const char *text = fy_node_is_scalar(item) ? fy_node_get_scalar0(item) : NULL;
    if (text == NULL) {
      return -1;
    }
    size_t len = strlen(out);
    snprintf(out + len, size - len, "%s%s", len > 0 ? "," : "", text);
  }
  if (out[0] == '\0') {
    snprintf(out, size, "none");
  }
  return 0;
}

static int S_read_answers(S_vignette *v, struct fy_node *root, symcheck_error *err) {
  struct fy_node *answers = fy_node_by_path(root, "/answers", FY_NT, FYNWF_DONT_FOLLOW);
  if (answers == NULL) {
    return 0;
  }
  if (!fy_node_is_mapping(answers)) {
    S_error(err, v->path, answers, "answers", "answers must be a mapping of finding: answer");
    return -1;
  }
  void *iter = NULL;
  struct fy_node_pair *pair;
  while ((pair = fy_node_mapping_iterate(answers, &iter)) != NULL) {
    struct fy_node *key = fy_node_pair_key(pair), *value = fy_node_pair_value(pair);
    const char *id = key != NULL && fy_node_is_scalar(key) ? fy_node_get_scalar0(key) : NULL;
    size_t i = v->answer_count;
    if (id == NULL || value == NULL || i >= S_MAX_ANSWERS ||
        S_answer_text(value, v->value[i], sizeof v->value[i]) != 0) {
      S_error(err, v->path, value != NULL ? value : answers, "answers",
              "each answer must be a finding id with a value or a list of option ids");
      return -1;
    }
    snprintf(v->finding[i], sizeof v->finding[i], "%s", id);
    v->line[i] = S_line(key);
    v->answer_count++;
  }
  return 0;
}

static int S_read_fields(S_vignette *v, struct fy_node *root, symcheck_error *err) {
  char age[32], sex[32], level[64];
  static const char *const required[] = {"/id",        "/profile/age",      "/profile/sex",
                                         "/complaint", "/expect/condition", "/expect/min_level"};
  char *const outputs[] = {v->id, age, sex, v->complaint, v->expected, level};
  const size_t sizes[] = {sizeof v->id,        sizeof age,         sizeof sex,
                          sizeof v->complaint, sizeof v->expected, sizeof level};
  for (size_t i = 0; i < sizeof required / sizeof required[0]; i++) {
    if (S_scalar(root, required[i], outputs[i], sizes[i]) != 0) {
      char message[128];
      snprintf(message, sizeof message, "missing or not a scalar: %s", required[i] + 1);
      S_error(err, v->path, root, required[i] + 1, message);
      return -1;
    }
  }
  char *end;
  long years = strtol(age, &end, 10);
  int s = symcheck_sex_parse(sex);
  int l = symcheck_level_parse(level);
  const char *bad = *end != '\0' || years < 0 || years > 120 ? "profile/age"
                    : s < 0                                  ? "profile/sex"
                    : l < 0                                  ? "expect/min_level"
                                                             : NULL;
  if (bad != NULL) {
    char path[64];
    snprintf(path, sizeof path, "/%s", bad);
    S_error(err, v->path, fy_node_by_path(root, path, FY_NT, FYNWF_DONT_FOLLOW), bad,
            "not a valid value (age 0-120, sex female or male, a triage level id)");
    return -1;
  }
  v->profile.age = (int)years;
  v->profile.sex = (symcheck_sex)s;
  v->min_level = (symcheck_level)l;
  v->expected_line = S_line(fy_node_by_path(root, "/expect/condition", FY_NT, FYNWF_DONT_FOLLOW));
  return S_read_answers(v, root, err);
}

static int S_read(S_vignette *v, const char *path, symcheck_error *err) {
  memset(v, 0, sizeof *v);
  v->path = path;
  struct fy_parse_cfg cfg = {.flags = FYPCF_QUIET};
  struct fy_document *doc = fy_document_build_from_file(&cfg, path);
  struct fy_node *root = doc != NULL ? fy_document_root(doc) : NULL;
  int rc = -1;
  if (root == NULL || !fy_node_is_mapping(root)) {
    S_error(err, path, NULL, "", "not a YAML mapping (syntax error or empty file)");
  } else {
    rc = S_read_fields(v, root, err);
  }
  fy_document_destroy(doc);
  return rc;
}

/* Checks the vignette's ids against the pack. */
static int S_check(const S_vignette *v, const symcheck_pack *pack, symcheck_error *err) {
  char message[256];
  if (symcheck_pack_find_condition(pack, v->expected) == NULL) {
    snprintf(message, sizeof message, "unknown condition %s", v->expected);
    error_set(err, v->path, v->expected_line, "expect/condition", "%s", message);
    return -1;
  }
  for (size_t i = 0; i < v->answer_count; i++) {
    if (symcheck_pack_find_finding(pack, v->finding[i]) == NULL) {
      snprintf(message, sizeof message, "unknown finding %s", v->finding[i]);
      error_set(err, v->path, v->line[i], "answers", "%s", message);
      return -1;
    }
  }
  return 0;
}

static const char *S_answer_for(const S_vignette *v, const symcheck_finding *f) {
  for (size_t i = 0; i < v->answer_count; i++) {
    if (strcmp(v->finding[i], f->id) == 0) {
      return v->value[i];
    }
  }
  return f->type == SYMCHECK_ANSWER_YES_NO  ? "no"
         : f->type == SYMCHECK_ANSWER_MULTI ? "none"
                                            : "unknown";
}

static void S_record(const S_vignette *v, const symcheck_result *result, size_t asked,
                     const symcheck_pack *pack, eval_sample *s, symcheck_eval_case *out) {
  *s = eval_sample_empty();
  memset(out, 0, sizeof *out);
  snprintf(out->id, sizeof out->id, "%s", v->id);
  snprintf(out->expected, sizeof out->expected, "%s", v->expected);
  size_t rank = SIZE_MAX;
  for (size_t k = 0; k < result->condition_count; k++) {
    if (k < 3) {
      snprintf(out->top[k], sizeof out->top[k], "%s", result->conditions[k].condition->id);
    }
    if (rank == SIZE_MAX && strcmp(result->conditions[k].condition->id, v->expected) == 0) {
      rank = k;
      s->gtpa = result->conditions[k].probability;
    }
  }
  out->level = result->triage.level;
  out->min_level = v->min_level;
  out->questions = asked;
  s->condition = symcheck_pack_find_condition(pack, v->expected)->index;
  s->top1 = rank < 1 ? 1 : 0;
  s->top3 = rank < 3 ? 1 : 0;
  s->top5 = rank < 5 ? 1 : 0;
  s->gtpa = isnan(s->gtpa) ? 0 : s->gtpa;
  s->il = (double)asked;
  s->safe = result->triage.level >= v->min_level ? 1 : 0;
  s->confidence = result->condition_count > 0 ? result->conditions[0].probability : NAN;
  s->correct = s->top1;
}

static int S_replay(const S_vignette *v, const symcheck_pack *pack, const symcheck_eval_options *o,
                    eval_sample *s, symcheck_eval_case *out, symcheck_error *err) {
  symcheck_error local;
  symcheck_interview *iv = symcheck_interview_new(pack, v->complaint, &v->profile, &local);
  if (iv == NULL) {
    S_error(err, v->path, NULL, "complaint", local.message);
    return -1;
  }
  symcheck_interview_set_max_questions(iv, o->max_questions);
  size_t asked = 0;
  const size_t limit = symcheck_pack_finding_count(pack);
  int rc = 0;
  while (rc == 0 && !symcheck_interview_should_stop(iv) && asked < limit) {
    const symcheck_finding *f = symcheck_interview_next(iv);
    if (f == NULL) {
      break;
    }
    if (o->observe != NULL) {
      o->observe(iv, o->observe_context);
    }
    rc = symcheck_interview_answer(iv, f->id, S_answer_for(v, f), &local);
    if (rc != 0) {
      S_error(err, v->path, NULL, "answers", local.message);
    }
    asked++;
  }
  if (rc == 0 && o->observe != NULL) {
    o->observe(iv, o->observe_context);
  }
  symcheck_result *result = rc == 0 ? symcheck_interview_result(iv) : NULL;
  if (result != NULL) {
    S_record(v, result, asked, pack, s, out);
  } else if (rc == 0) {
    S_error(err, v->path, NULL, "", "out of memory");
    rc = -1;
  }
  symcheck_result_free(result);
  symcheck_interview_free(iv);
  return rc;
}

static int S_compare(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The *.yaml files of dir, sorted; NULL with err on failure. */
static char **S_list(const char *dir, size_t *count, symcheck_error *err) {
  DIR *d = opendir(dir);
  if (d == NULL) {
    S_error(err, dir, NULL, "", "cannot open the vignette folder");
    return NULL;
  }
  size_t n = 0, capacity = 64;
  char **names = calloc(capacity, sizeof *names);
  struct dirent *entry;
  while (names != NULL && (entry = readdir(d)) != NULL) {
    size_t len = strlen(entry->d_name);
    if (len < 6 || strcmp(entry->d_name + len - 5, ".yaml") != 0) {
      continue;
    }
    if (n + 1 >= capacity) {
      char **grown = realloc(names, 2 * capacity * sizeof *names);
      if (grown == NULL) {
        break;
      }
      names = grown;
      capacity *= 2;
    }
    size_t size = strlen(dir) + len + 2;
    names[n] = malloc(size);
    if (names[n] != NULL) {
      snprintf(names[n++], size, "%s/%s", dir, entry->d_name);
    }
  }
  closedir(d);
  if (names != NULL) {
    qsort(names, n, sizeof *names, S_compare);
  }
  *count = n;
  return names;
}

static int S_run_all(const symcheck_pack *pack, char **paths, size_t n,
                     const symcheck_eval_options *o, symcheck_eval_report *report,
                     eval_sample *samples, symcheck_error *err) {
  S_vignette *v = malloc(sizeof *v);
  int rc = v != NULL ? 0 : -1;
  for (size_t i = 0; rc == 0 && i < n; i++) {
    rc = S_read(v, paths[i], err);
    rc = rc == 0 ? S_check(v, pack, err) : rc;
    rc = rc == 0 ? S_replay(v, pack, o, &samples[i], &report->cases[i], err) : rc;
    report->case_count += rc == 0 ? 1 : 0;
  }
  free(v);
  return rc;
}

symcheck_eval_report *symcheck_eval_vignettes(const symcheck_pack *pack, const char *dir,
                                              const symcheck_eval_options *options,
                                              symcheck_error *err) {
  size_t n = 0;
  char **paths = S_list(dir, &n, err);
  if (paths == NULL) {
    return NULL;
  }
  symcheck_eval_report *report = n > 0 ? eval_report_for_pack(pack) : NULL;
  eval_sample *samples = calloc(n + 1, sizeof *samples);
  if (report != NULL) {
    report->cases = calloc(n + 1, sizeof *report->cases);
  }
  int rc = -1;
  if (n == 0) {
    S_error(err, dir, NULL, "", "no vignettes (*.yaml) in the folder");
  } else if (report == NULL || samples == NULL || report->cases == NULL) {
    S_error(err, dir, NULL, "", "out of memory");
  } else {
    rc = S_run_all(pack, paths, n, options, report, samples, err);
  }
  if (rc == 0) {
    eval_report_fill(report, samples, n, 0);
    report->threads = 1;
    report->max_questions = options->max_questions;
  } else {
    symcheck_eval_report_free(report);
    report = NULL;
  }
  for (size_t i = 0; i < n; i++) {
    free(paths[i]);
  }
  free(paths);
  free(samples);
  return report;
}
