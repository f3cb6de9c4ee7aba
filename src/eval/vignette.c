/*
 * vignette.c - replays clinical vignettes (the YAML files of
 * tests/vignettes and its sub-folders, read with libfyaml) through the real
 * interview.
 *
 * A vignette is a patient: a profile, a complaint, how they would answer
 * each question, and what a safe result is (the lowest acceptable triage
 * level, or Semigran's em/ne/sc class; the expected condition when a pack
 * knows it). It runs in the pack its `pack:` names, or the first pack given
 * that holds its complaint. The patient answers only what the engine asks;
 * a question their answers do not list is answered "no" (yes/no), "none"
 * (multi) or "unknown" (anything else). A vignette that names a complaint,
 * pack, finding, condition or level no pack knows is an error, so a typo
 * cannot pass silently. Per-set triage counting is in evaluate_triage.c.
 */
#define _POSIX_C_SOURCE 200809L
#include <libfyaml.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"
#include "evaluate_internal.h"

#define S_MAX_ANSWERS 256

typedef struct S_vignette {
  const char *path;
  char id[128];
  char complaint[128];
  char pack[64];      /* the `pack:` field, or "" */
  char expected[128]; /* expect.condition, or "" */
  char diagnosis[128];
  char search[256]; /* the `search:` words, or "" */
  symcheck_profile profile;
  symcheck_level min_level;
  int triage; /* expect.triage class, or -1 when min_level is given */
  size_t answer_count;
  char finding[S_MAX_ANSWERS][96];
  char value[S_MAX_ANSWERS][256];
  int line[S_MAX_ANSWERS]; /* of each answer's finding id */
  int expected_line, complaint_line, pack_line;
} S_vignette;

/* The packs of one run and the union of their condition ids. */
typedef struct S_packs {
  const symcheck_pack *const *pack;
  size_t count;
  bool used[SYMCHECK_EVAL_MAX_PACKS];
  const char **condition_ids; /* owned by the packs */
  size_t condition_count;
} S_packs;

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

/* Copies the optional scalar at path into out ("" when missing); its line. */
static int S_optional(struct fy_node *root, const char *path, char *out, size_t size) {
  out[0] = '\0';
  S_scalar(root, path, out, size);
  return S_line(fy_node_by_path(root, path, FY_NT, FYNWF_DONT_FOLLOW));
}

/* expect.min_level (a product level) or expect.triage (em, ne, sc). */
static int S_read_expect(S_vignette *v, struct fy_node *root, symcheck_error *err) {
  char level[64], triage[16];
  int level_line = S_optional(root, "/expect/min_level", level, sizeof level);
  int triage_line = S_optional(root, "/expect/triage", triage, sizeof triage);
  v->triage = -1;
  if ((level[0] != '\0') == (triage[0] != '\0')) {
    error_set(err, v->path, level_line > 0 ? level_line : triage_line, "expect",
              "give exactly one of expect.min_level (a triage level id) or expect.triage "
              "(em, ne or sc)");
    return -1;
  }
  if (triage[0] != '\0') {
    v->triage = symcheck_triage_class_parse(triage);
    if (v->triage < 0) {
      error_set(err, v->path, triage_line, "expect/triage",
                "unknown triage class '%.20s'; use em, ne or sc", triage);
      return -1;
    }
    v->min_level = SYMCHECK_LEVEL_SELF_CARE;
    return 0;
  }
  int l = symcheck_level_parse(level);
  if (l < 0) {
    error_set(err, v->path, level_line, "expect/min_level",
              "unknown level '%.40s'; use self_care, primary_care, primary_care_soon, "
              "urgent_care, emergency or ambulance",
              level);
    return -1;
  }
  v->min_level = (symcheck_level)l;
  return 0;
}

static int S_read_fields(S_vignette *v, struct fy_node *root, symcheck_error *err) {
  char age[32], sex[32];
  static const char *const required[] = {"/id", "/profile/age", "/profile/sex", "/complaint"};
  char *const outputs[] = {v->id, age, sex, v->complaint};
  const size_t sizes[] = {sizeof v->id, sizeof age, sizeof sex, sizeof v->complaint};
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
  const char *bad = *end != '\0' || years < 0 || years > 120 ? "profile/age"
                    : s < 0                                  ? "profile/sex"
                                                             : NULL;
  if (bad != NULL) {
    char path[64];
    snprintf(path, sizeof path, "/%s", bad);
    S_error(err, v->path, fy_node_by_path(root, path, FY_NT, FYNWF_DONT_FOLLOW), bad,
            "not a valid value (age 0-120, sex female or male)");
    return -1;
  }
  v->profile.age = (int)years;
  v->profile.sex = (symcheck_sex)s;
  v->expected_line = S_optional(root, "/expect/condition", v->expected, sizeof v->expected);
  S_optional(root, "/expect/diagnosis", v->diagnosis, sizeof v->diagnosis);
  v->pack_line = S_optional(root, "/pack", v->pack, sizeof v->pack);
  struct fy_node *search = fy_node_by_path(root, "/search", FY_NT, FYNWF_DONT_FOLLOW);
  S_optional(root, "/search", v->search, sizeof v->search);
  if (search != NULL && (!fy_node_is_scalar(search) || v->search[0] == '\0')) {
    S_error(err, v->path, search, "search",
            "search must be the words a patient would type, e.g. search: \"runny tummy\"");
    return -1;
  }
  v->complaint_line = S_line(fy_node_by_path(root, "/complaint", FY_NT, FYNWF_DONT_FOLLOW));
  if (S_read_expect(v, root, err) != 0) {
    return -1;
  }
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

/* The ids of the packs, joined with ", ", for error messages. */
static void S_pack_ids(const S_packs *p, char *out, size_t size) {
  out[0] = '\0';
  for (size_t k = 0; k < p->count; k++) {
    size_t len = strlen(out);
    snprintf(out + len, size - len, "%s%s", k > 0 ? ", " : "",
             symcheck_pack_get_info(p->pack[k])->id);
  }
}

/* The pack the vignette runs in: the one its `pack:` names, or the first
   holding its complaint; -1 with err naming the fix. */
static long S_choose(const S_vignette *v, const S_packs *p, symcheck_error *err) {
  char ids[512];
  S_pack_ids(p, ids, sizeof ids);
  for (size_t k = 0; k < p->count; k++) {
    bool named = v->pack[0] != '\0' && strcmp(symcheck_pack_get_info(p->pack[k])->id, v->pack) == 0;
    if (named ||
        (v->pack[0] == '\0' && symcheck_pack_find_complaint(p->pack[k], v->complaint) != NULL)) {
      return (long)k;
    }
  }
  if (v->pack[0] != '\0') {
    error_set(err, v->path, v->pack_line, "pack",
              "pack '%.40s' was not given (packs: %.300s); add --pack with its folder", v->pack,
              ids);
  } else {
    error_set(err, v->path, v->complaint_line, "complaint",
              "complaint '%.60s' is in none of the packs given (%.300s); add --pack with the "
              "pack that has it",
              v->complaint, ids);
  }
  return -1;
}

/* Checks the vignette's ids against its pack (conditions: against all). */
static int S_check(const S_vignette *v, const symcheck_pack *pack, const S_packs *p,
                   symcheck_error *err) {
  bool known = v->expected[0] == '\0';
  for (size_t k = 0; !known && k < p->count; k++) {
    known = symcheck_pack_find_condition(p->pack[k], v->expected) != NULL;
  }
  if (!known) {
    error_set(err, v->path, v->expected_line, "expect/condition",
              "unknown condition %.60s: no pack given has it; fix the id or leave "
              "expect.condition out when no pack knows the diagnosis",
              v->expected);
    return -1;
  }
  if (symcheck_pack_find_complaint(pack, v->complaint) == NULL) {
    error_set(err, v->path, v->complaint_line, "complaint",
              "complaint '%.60s' is not in pack '%.40s'; fix the complaint or the pack field",
              v->complaint, symcheck_pack_get_info(pack)->id);
    return -1;
  }
  for (size_t i = 0; i < v->answer_count; i++) {
    if (symcheck_pack_find_finding(pack, v->finding[i]) == NULL) {
      error_set(err, v->path, v->line[i], "answers", "unknown finding %s", v->finding[i]);
      return -1;
    }
  }
  return 0;
}

/* A number of days, for a duration finding: the id of the band holding it. */
static const char *S_duration_band(const symcheck_finding *f, const char *text) {
  char *end;
  double days = strtod(text, &end);
  for (size_t o = 0; end != text && *end == '\0' && o < f->option_count; o++) {
    if (days >= f->options[o].min && days < f->options[o].max) {
      return f->options[o].id;
    }
  }
  return text;
}

static const char *S_answer_for(const S_vignette *v, const symcheck_finding *f) {
  for (size_t i = 0; i < v->answer_count; i++) {
    if (strcmp(v->finding[i], f->id) == 0) {
      return f->type == SYMCHECK_ANSWER_DURATION ? S_duration_band(f, v->value[i]) : v->value[i];
    }
  }
  return f->type == SYMCHECK_ANSWER_YES_NO  ? "no"
         : f->type == SYMCHECK_ANSWER_MULTI ? "none"
                                            : "unknown";
}

static size_t S_condition_index(const S_packs *p, const char *id) {
  for (size_t c = 0; id[0] != '\0' && c < p->condition_count; c++) {
    if (strcmp(p->condition_ids[c], id) == 0) {
      return c;
    }
  }
  return SIZE_MAX;
}

static void S_record(const S_vignette *v, const symcheck_result *result, const S_packs *p,
                     eval_sample *s, symcheck_eval_case *out) {
  *s = eval_sample_empty();
  snprintf(out->id, sizeof out->id, "%s", v->id);
  snprintf(out->complaint, sizeof out->complaint, "%s", v->complaint);
  snprintf(out->expected, sizeof out->expected, "%s", v->expected);
  snprintf(out->diagnosis, sizeof out->diagnosis, "%s", v->diagnosis);
  out->rank = -1;
  for (size_t k = 0; k < result->condition_count; k++) {
    if (k < 3) {
      snprintf(out->top[k], sizeof out->top[k], "%s", result->conditions[k].condition->id);
    }
    if (out->rank < 0 && v->expected[0] != '\0' &&
        strcmp(result->conditions[k].condition->id, v->expected) == 0) {
      out->rank = (int)k;
      s->gtpa = result->conditions[k].probability;
    }
  }
  out->level = result->triage.level;
  out->min_level = v->min_level;
  out->triage = v->triage;
  s->condition = S_condition_index(p, v->expected);
  if (s->condition != SIZE_MAX) {
    size_t rank = out->rank < 0 ? SIZE_MAX : (size_t)out->rank;
    s->top1 = rank < 1 ? 1 : 0;
    s->top3 = rank < 3 ? 1 : 0;
    s->top5 = rank < 5 ? 1 : 0;
    s->gtpa = isnan(s->gtpa) ? 0 : s->gtpa;
    s->confidence = result->condition_count > 0 ? result->conditions[0].probability : NAN;
    s->correct = s->top1;
  }
  s->il = (double)out->questions;
  bool safe = v->triage >= 0 ? (int)symcheck_level_class(out->level) >= v->triage
                             : out->level >= v->min_level;
  s->safe = safe ? 1 : 0;
  if (v->triage < 0) {
    eval_sample_triage(s, out->level, v->min_level);
  }
}

static bool S_in_screen(const symcheck_complaint *c, const symcheck_finding *f) {
  for (size_t i = 0; i < c->screen_count; i++) {
    if (c->screen[i] == f) {
      return true;
    }
  }
  return false;
}

static int S_replay(const S_vignette *v, const symcheck_pack *pack, const S_packs *p,
                    const symcheck_eval_options *o, eval_sample *s, symcheck_eval_case *out,
                    symcheck_error *err) {
  symcheck_error local;
  symcheck_interview *iv = symcheck_interview_new(pack, v->complaint, &v->profile, &local);
  if (iv == NULL) {
    S_error(err, v->path, NULL, "complaint", local.message);
    return -1;
  }
  symcheck_interview_set_max_questions(iv, o->max_questions);
  const symcheck_complaint *complaint = symcheck_interview_complaint(iv);
  const size_t limit = symcheck_pack_finding_count(pack);
  int rc = 0;
  while (rc == 0 && !symcheck_interview_should_stop(iv) && out->questions < limit) {
    const symcheck_finding *f = symcheck_interview_next(iv);
    if (f == NULL) {
      break;
    }
    if (o->observe != NULL) {
      o->observe(iv, o->observe_context);
    }
    rc = symcheck_interview_answer(iv, f->id, S_answer_for(v, f), &local);
    if (rc != 0) {
      error_set(err, v->path, 0, "answers", "%s: %s", f->id, local.message);
    }
    out->questions++;
    out->screen_questions += S_in_screen(complaint, f) ? 1 : 0;
  }
  if (rc == 0 && o->observe != NULL) {
    o->observe(iv, o->observe_context);
  }
  symcheck_result *result = rc == 0 ? symcheck_interview_result(iv) : NULL;
  if (result != NULL) {
    S_record(v, result, p, s, out);
  } else if (rc == 0) {
    S_error(err, v->path, NULL, "", "out of memory");
    rc = -1;
  }
  symcheck_result_free(result);
  symcheck_interview_free(iv);
  return rc;
}

/* The general entry's complaint id ("my symptom is not listed"). */
#define S_GENERAL_ENTRY "symptom-not-listed"
/* How many search hits are looked through for the complaint. */
#define S_SEARCH_HITS 16

/* The 0-based rank of complaint `index` of pack `k` in the search across
   the packs for `words`, the general entry left out; -1 when not found. */
static int S_search_rank(const S_packs *p, size_t k, size_t index, const char *words) {
  symcheck_search_hit hits[S_SEARCH_HITS];
  size_t n = symcheck_search_complaints(p->pack, p->count, words, SYMCHECK_SEARCH_MATCHES, hits,
                                        S_SEARCH_HITS);
  int rank = 0;
  for (size_t i = 0; i < n; i++) {
    if (hits[i].pack == k && hits[i].complaint == index) {
      return rank;
    }
    const char *id = symcheck_pack_complaint(p->pack[hits[i].pack], hits[i].complaint)->id;
    rank += strcmp(id, S_GENERAL_ENTRY) != 0 ? 1 : 0;
  }
  return -1;
}

/* Whether the case's complaint fits: a real complaint, and the one the
   search finds among its first 3 when the file gives the words. */
static void S_coverage(const S_vignette *v, const S_packs *p, size_t k, symcheck_eval_case *out) {
  const symcheck_complaint *complaint = symcheck_pack_find_complaint(p->pack[k], v->complaint);
  snprintf(out->search, sizeof out->search, "%s", v->search);
  out->search_rank = v->search[0] != '\0' ? S_search_rank(p, k, complaint->index, v->search) : -1;
  out->complaint_fits = strcmp(v->complaint, S_GENERAL_ENTRY) != 0 &&
                        (v->search[0] == '\0' || (out->search_rank >= 0 && out->search_rank < 3));
}

/* One vignette file: read, choose its pack, check, replay. */
static int S_run_one(S_vignette *v, const char *path, const char *set, S_packs *p,
                     const symcheck_eval_options *o, eval_sample *s, symcheck_eval_case *out,
                     symcheck_error *err) {
  if (S_read(v, path, err) != 0) {
    return -1;
  }
  long k = S_choose(v, p, err);
  if (k < 0 || S_check(v, p->pack[k], p, err) != 0) {
    return -1;
  }
  memset(out, 0, sizeof *out);
  const symcheck_pack_info *info = symcheck_pack_get_info(p->pack[k]);
  snprintf(out->set, sizeof out->set, "%s", set);
  snprintf(out->pack, sizeof out->pack, "%s", info->id);
  out->general = strcmp(info->id, "general") == 0;
  S_coverage(v, p, (size_t)k, out);
  p->used[k] = true;
  return S_replay(v, p->pack[k], p, o, s, out, err);
}

static int S_packs_init(S_packs *p, const symcheck_pack *const *packs, size_t count) {
  memset(p, 0, sizeof *p);
  p->pack = packs;
  p->count = count;
  size_t total = 0;
  for (size_t k = 0; k < count; k++) {
    total += symcheck_pack_condition_count(packs[k]);
  }
  p->condition_ids = calloc(total + 1, sizeof *p->condition_ids);
  if (p->condition_ids == NULL) {
    return -1;
  }
  for (size_t k = 0; k < count; k++) {
    for (size_t c = 0; c < symcheck_pack_condition_count(packs[k]); c++) {
      const char *id = symcheck_pack_condition(packs[k], c)->id;
      if (S_condition_index(p, id) == SIZE_MAX) {
        p->condition_ids[p->condition_count++] = id;
      }
    }
  }
  return 0;
}

static int S_run_all(S_packs *p, const eval_files *files, const symcheck_eval_options *o,
                     symcheck_eval_report *report, eval_sample *samples, symcheck_error *err) {
  S_vignette *v = malloc(sizeof *v);
  int rc = v != NULL ? 0 : -1;
  for (size_t i = 0; rc == 0 && i < files->count; i++) {
    rc = S_run_one(v, files->path[i], files->set[i], p, o, &samples[i], &report->cases[i], err);
    report->case_count += rc == 0 ? 1 : 0;
  }
  free(v);
  return rc;
}

/* Names the packs no case used (a run over several packs may give more
   than a set needs, e.g. every bundled pack). */
static void S_unused(const S_packs *p, symcheck_eval_report *report) {
  for (size_t k = 0; k < p->count; k++) {
    if (!p->used[k]) {
      snprintf(report->unused_packs[report->unused_pack_count++], sizeof report->unused_packs[0],
               "%s", symcheck_pack_get_info(p->pack[k])->id);
    }
  }
}

static symcheck_eval_report *S_report(S_packs *p, const eval_files *files, const char *dir,
                                      const symcheck_eval_options *options, symcheck_error *err) {
  size_t n = files->count;
  symcheck_eval_report *report = eval_report_new(p->condition_ids, p->condition_count);
  eval_sample *samples = calloc(n + 1, sizeof *samples);
  if (report != NULL) {
    report->cases = calloc(n + 1, sizeof *report->cases);
    report->sets = calloc(n + 1, sizeof *report->sets);
  }
  int rc = -1;
  if (report == NULL || samples == NULL || report->cases == NULL || report->sets == NULL) {
    S_error(err, dir, NULL, "", "out of memory");
  } else {
    rc = S_run_all(p, files, options, report, samples, err);
  }
  if (rc == 0) {
    S_unused(p, report);
    eval_report_fill(report, samples, n, 0);
    eval_sets_build(report);
    report->threads = 1;
    report->max_questions = options->max_questions;
  } else {
    symcheck_eval_report_free(report);
    report = NULL;
  }
  free(samples);
  return report;
}

static symcheck_eval_report *S_evaluate(const symcheck_pack *const *packs, size_t pack_count,
                                        const char *dir, int depth,
                                        const symcheck_eval_options *options, symcheck_error *err) {
  if (pack_count == 0 || pack_count > SYMCHECK_EVAL_MAX_PACKS) {
    error_set(err, dir, 0, "", "give 1 to %d packs", SYMCHECK_EVAL_MAX_PACKS);
    return NULL;
  }
  struct stat st;
  if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
    S_error(err, dir, NULL, "", "cannot open the vignette folder");
    return NULL;
  }
  char top[256];
  eval_files_top_name(dir, top, sizeof top);
  eval_files files = {0};
  eval_files_walk(&files, dir, top, depth);
  S_packs p;
  symcheck_eval_report *report = NULL;
  if (files.failed || S_packs_init(&p, packs, pack_count) != 0) {
    S_error(err, dir, NULL, "", "out of memory");
  } else if (files.count == 0) {
    S_error(err, dir, NULL, "",
            depth > 0 ? "no vignettes (*.yaml) in the folder or its sub-folders"
                      : "no vignettes (*.yaml) in the folder");
  } else {
    report = S_report(&p, &files, dir, options, err);
  }
  if (!files.failed) {
    free(p.condition_ids);
  }
  eval_files_free(&files);
  return report;
}

symcheck_eval_report *symcheck_eval_vignettes(const symcheck_pack *pack, const char *dir,
                                              const symcheck_eval_options *options,
                                              symcheck_error *err) {
  const symcheck_pack *packs[1] = {pack};
  return S_evaluate(packs, pack != NULL ? 1 : 0, dir, 0, options, err);
}

symcheck_eval_report *symcheck_eval_vignette_sets(const symcheck_pack *const *packs,
                                                  size_t pack_count, const char *dir,
                                                  const symcheck_eval_options *options,
                                                  symcheck_error *err) {
  return S_evaluate(packs, pack_count, dir, 8, options, err);
}
