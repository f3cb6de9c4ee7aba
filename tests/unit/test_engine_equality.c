/*
 * test_engine_equality.c - the sparse engine (src/model.h: a background per
 * variable plus the hypotheses that deviate from it; the posterior and the
 * gains computed from those; candidates pruned by a bound on their gain)
 * decides exactly as the plain dense computation would.
 *
 * The reference here is written from the public pack accessors only (each
 * condition's listed likelihood, else the finding's default; "something
 * else" always takes the default): a table over every hypothesis, the
 * posterior as the prior plus every counted answer's log-likelihood, and
 * I(V; H) summed over every hypothesis for every askable finding. Every
 * vignette of tests/vignettes (and of every folder below it, on the pack
 * that knows its complaints) and 500 DDXPlus patients on packs/ddxplus are
 * replayed through the real interview; at every step the engine's posterior
 * (every hypothesis), its most informative question (the same finding, with
 * the same gain) and the gain of the question it asks must match the
 * reference to 1e-9. A generated sparse pack (300 conditions, 1,200
 * findings, 30 to 60 listed each) adds interviews that use both of
 * question.c's shortcuts: block sums while few conditions are touched, and
 * the gain bound ruling out most candidates once the posterior settles.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "interview_internal.h"
#include "symcheck_eval.h"
#include "temp_dir.h"

#define PACKS_DIR SYMCHECK_SOURCE_DIR "/packs"
#define VIGNETTES_DIR SYMCHECK_SOURCE_DIR "/tests/vignettes"
#define DDXPLUS_DIR SYMCHECK_SOURCE_DIR "/tests/data/ddxplus"
#define TOLERANCE 1e-9
#define MAX_PACKS 16
#define MAX_FOLDERS 64

/* The dense reference of one pack: every hypothesis's probability row for
   every finding, and H(V | h) for every variable. */
typedef struct dense {
  const symcheck_pack *pack;
  size_t hypotheses, findings;
  const double **row; /* [h * findings + f] */
  size_t *first;      /* per finding: its first variable */
  double *entropy;    /* [variable * hypotheses + h], bits */
  double *posterior;  /* per hypothesis, the reference at this step */
  double *engine;     /* per hypothesis, the engine's at this step */
  size_t steps, checked_choices, scored, candidates;
  size_t summed; /* steps whose gains came from question.c's block sums */
  double worst_posterior, worst_gain;
  size_t failures;
  char first_failure[256];
} dense;

static bool S_multi(const symcheck_finding *f) {
  return f->type == SYMCHECK_ANSWER_MULTI;
}

static size_t S_variable_count(const symcheck_finding *f) {
  return S_multi(f) ? f->option_count : 1;
}

static size_t S_value_count(const symcheck_finding *f) {
  return S_multi(f) ? 2 : f->option_count;
}

/* P(value | h) for variable k of f, from h's row. */
static double S_p(const dense *d, const symcheck_finding *f, size_t k, size_t value, size_t h) {
  const double *row = d->row[h * d->findings + f->index];
  if (S_multi(f)) {
    return value == 0 ? row[k] : 1.0 - row[k];
  }
  return row[value];
}

static void S_dense_build(dense *d, const symcheck_pack *pack) {
  memset(d, 0, sizeof *d);
  d->pack = pack;
  d->findings = symcheck_pack_finding_count(pack);
  const size_t conditions = symcheck_pack_condition_count(pack);
  d->hypotheses = conditions + 1;
  d->row = calloc(d->hypotheses * d->findings, sizeof *d->row);
  d->first = calloc(d->findings + 1, sizeof *d->first);
  d->posterior = calloc(d->hypotheses, sizeof *d->posterior);
  d->engine = calloc(d->hypotheses, sizeof *d->engine);
  assert_non_null(d->row);
  assert_non_null(d->first);
  size_t variables = 0;
  for (size_t i = 0; i < d->findings; i++) {
    const symcheck_finding *f = symcheck_pack_finding(pack, i);
    d->first[i] = variables;
    variables += S_variable_count(f);
    for (size_t h = 0; h < d->hypotheses; h++) {
      const symcheck_likelihood *l =
          h < conditions ? symcheck_condition_likelihood(symcheck_pack_condition(pack, h), f)
                         : NULL;
      d->row[h * d->findings + i] = l != NULL ? l->p : f->default_p;
    }
  }
  d->entropy = calloc(variables * d->hypotheses + 1, sizeof *d->entropy);
  assert_non_null(d->entropy);
  for (size_t i = 0; i < d->findings; i++) {
    const symcheck_finding *f = symcheck_pack_finding(pack, i);
    for (size_t k = 0; k < S_variable_count(f); k++) {
      for (size_t h = 0; h < d->hypotheses; h++) {
        double e = 0.0;
        for (size_t value = 0; value < S_value_count(f); value++) {
          double p = S_p(d, f, k, value, h);
          e -= p > 0.0 ? p * log2(p) : 0.0;
        }
        d->entropy[(d->first[i] + k) * d->hypotheses + h] = e;
      }
    }
  }
}

static void S_dense_free(dense *d) {
  free(d->row);
  free(d->first);
  free(d->entropy);
  free(d->posterior);
  free(d->engine);
}

static void S_fail(dense *d, const char *what, const symcheck_interview *iv, double got,
                   double want) {
  if (d->failures++ == 0) {
    snprintf(d->first_failure, sizeof d->first_failure,
             "%s: engine %.17g, reference %.17g (complaint %s, %zu answers)", what, got, want,
             iv->complaint->id, interview_questions_asked(iv));
  }
}

/* True when variable k of f is shown to the person: an option of a multi
   finding that does not apply to their age or sex is never offered, so its
   absence is no evidence and asking about it gains nothing. */
static bool S_shown(const symcheck_interview *iv, const symcheck_finding *f, size_t k) {
  return !S_multi(f) || symcheck_option_applies(f, k, iv->profile.age, iv->profile.sex);
}

/* The prior plus the log-likelihood of every counted answer, normalised. */
static void S_reference_posterior(dense *d, const symcheck_interview *iv) {
  double *lp = d->posterior;
  double top = -INFINITY, total = 0.0;
  for (size_t h = 0; h < d->hypotheses; h++) {
    lp[h] = iv->log_prior[h];
    for (size_t i = 0; i < d->findings && lp[h] != -INFINITY; i++) {
      const symcheck_finding *f = symcheck_pack_finding(d->pack, i);
      if (!interview_counts(iv, f)) {
        continue;
      }
      for (size_t k = 0; k < S_variable_count(f); k++) {
        if (S_shown(iv, f, k)) {
          lp[h] += log(S_p(d, f, k, interview_variable_value(iv, f, k), h));
        }
      }
    }
    top = lp[h] > top ? lp[h] : top;
  }
  for (size_t h = 0; h < d->hypotheses; h++) {
    lp[h] = lp[h] == -INFINITY ? 0.0 : exp(lp[h] - top);
    total += lp[h];
  }
  for (size_t h = 0; h < d->hypotheses; h++) {
    lp[h] /= total;
  }
}

/* I(V; H) = H(V) - sum_h P(h) H(V | h) over every hypothesis, summed over
   the finding's variables. */
static double S_reference_gain(const dense *d, const symcheck_interview *iv,
                               const symcheck_finding *f) {
  double gain = 0.0;
  for (size_t k = 0; k < S_variable_count(f); k++) {
    if (!S_shown(iv, f, k)) {
      continue;
    }
    double answer = 0.0, conditional = 0.0;
    for (size_t value = 0; value < S_value_count(f); value++) {
      double q = 0.0;
      for (size_t h = 0; h < d->hypotheses; h++) {
        q += d->posterior[h] * S_p(d, f, k, value, h);
      }
      answer -= q > 0.0 ? q * log2(q) : 0.0;
    }
    for (size_t h = 0; h < d->hypotheses; h++) {
      conditional += d->posterior[h] * d->entropy[(d->first[f->index] + k) * d->hypotheses + h];
    }
    gain += answer - conditional > 0.0 ? answer - conditional : 0.0;
  }
  return gain;
}

static bool S_askable(const symcheck_interview *iv, const symcheck_finding *f) {
  return !symcheck_interview_is_answered(iv, f) && interview_allows(iv, f);
}

/* The askable finding of largest reference gain, the first in pack order
   among equals. */
static const symcheck_finding *S_reference_best(const dense *d, const symcheck_interview *iv,
                                                double *best_gain, size_t *candidates) {
  const symcheck_finding *best = NULL;
  *best_gain = -1.0;
  *candidates = 0;
  for (size_t i = 0; i < d->findings; i++) {
    const symcheck_finding *f = symcheck_pack_finding(d->pack, i);
    if (!S_askable(iv, f)) {
      continue;
    }
    (*candidates)++;
    double gain = S_reference_gain(d, iv, f);
    if (gain > *best_gain) {
      *best_gain = gain;
      best = f;
    }
  }
  return best;
}

/* A question asked in the complaint's fixed order: its screen, or its
   defining features (ask_first), which come before any chosen by gain. */
static bool S_in_screen(const symcheck_interview *iv, const symcheck_finding *f) {
  const symcheck_complaint *c = iv->complaint;
  for (size_t i = 0; i < c->screen_count; i++) {
    if (c->screen[i] == f) {
      return true;
    }
  }
  for (size_t i = 0; i < c->ask_first_count; i++) {
    if (c->ask_first[i] == f) {
      return true;
    }
  }
  return false;
}

/* True when question.c asks for the diagnosis, by the largest gain, at
   this step: no screen question or defining feature first, the top condition below the pack's
   stop_confidence and the best gain at least its min_information_gain
   (otherwise the differential model may choose, or the interview stops). */
static bool S_asks_by_gain(const dense *d, const symcheck_interview *iv,
                           const symcheck_finding *next, double best_gain) {
  const symcheck_settings *settings = &d->pack->info.settings;
  double top = 0.0;
  for (size_t i = 0; i < iv->complaint->condition_count; i++) {
    double p = d->posterior[iv->complaint->conditions[i]->index];
    top = p > top ? p : top;
  }
  return !S_in_screen(iv, next) && top < settings->stop_confidence &&
         best_gain >= settings->min_information_gain;
}

static void S_check_posterior(dense *d, symcheck_interview *iv) {
  const size_t conditions = d->hypotheses - 1;
  d->engine[conditions] = symcheck_interview_posterior(iv, d->engine);
  for (size_t h = 0; h < d->hypotheses; h++) {
    double diff = fabs(d->engine[h] - d->posterior[h]);
    d->worst_posterior = diff > d->worst_posterior ? diff : d->worst_posterior;
    if (!(diff <= TOLERANCE)) {
      S_fail(d, "posterior", iv, d->engine[h], d->posterior[h]);
    }
  }
}

static void S_check_gain(dense *d, const symcheck_interview *iv, const char *what, double got,
                         double want) {
  double diff = fabs(got - want);
  d->worst_gain = diff > d->worst_gain ? diff : d->worst_gain;
  if (!(diff <= TOLERANCE)) {
    S_fail(d, what, iv, got, want);
  }
}

/* The observer: one step of a replay. */
static void S_observe(symcheck_interview *iv, void *context) {
  dense *d = context;
  d->steps++;
  interview_refresh(iv);
  S_reference_posterior(d, iv);
  S_check_posterior(d, iv);
  double want = 0.0, got = 0.0;
  size_t candidates = 0, scored = 0;
  const symcheck_finding *reference = S_reference_best(d, iv, &want, &candidates);
  const symcheck_finding *engine = interview_best_question(iv, &got, &scored);
  d->scored += scored;
  d->summed += iv->sums.usable ? 1 : 0;
  d->candidates += candidates;
  /* a different choice only between gains equal to rounding (a tie that
     the order of additions may break either way) */
  if (engine != reference && (engine == NULL || reference == NULL ||
                              !(fabs(S_reference_gain(d, iv, engine) - want) <= TOLERANCE))) {
    S_fail(d, "most informative question (finding index)", iv,
           engine != NULL ? (double)engine->index : -1.0,
           reference != NULL ? (double)reference->index : -1.0);
  }
  S_check_gain(d, iv, "best gain", got, want);
  const symcheck_finding *next = symcheck_interview_next(iv);
  if (next == NULL) {
    return;
  }
  S_check_gain(d, iv, "asked question's gain", symcheck_interview_information_gain(iv, next),
               S_reference_gain(d, iv, next));
  if (S_asks_by_gain(d, iv, next, want)) {
    d->checked_choices++;
    if (next != reference && !(fabs(S_reference_gain(d, iv, next) - want) <= TOLERANCE)) {
      S_fail(d, "asked question (finding index)", iv, (double)next->index,
             reference != NULL ? (double)reference->index : -1.0);
    }
  }
}

static void S_report(const char *name, const dense *d) {
  if (d->steps == 0) {
    return;
  }
  printf("%s: %zu steps (%zu asked by gain, %zu scored from block sums), worst |posterior diff| "
         "%.3g, worst |gain diff| "
         "%.3g, candidates scored %zu of %zu (%.1f%%)\n",
         name, d->steps, d->checked_choices, d->summed, d->worst_posterior, d->worst_gain,
         d->scored, d->candidates,
         d->candidates > 0 ? 100.0 * (double)d->scored / (double)d->candidates : 0);
  if (d->failures > 0) {
    print_error("%zu mismatches; first: %s\n", d->failures, d->first_failure);
  }
}

static symcheck_pack *S_load_pack(const char *dir) {
  symcheck_diagnostics diag = {0};
  symcheck_pack *pack = symcheck_pack_load(dir, &diag);
  for (size_t i = 0; pack == NULL && i < diag.count; i++) {
    print_error("%s:%d: %s: %s\n", diag.items[i].file, diag.items[i].line, diag.items[i].field,
                diag.items[i].message);
  }
  symcheck_diagnostics_free(&diag);
  return pack;
}

static bool S_is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int S_by_name(const void *a, const void *b) {
  return strcmp(a, b);
}

/* Sub-folders of dir, sorted: names[0..count). */
static size_t S_subfolders(const char *dir, char names[][256], size_t max) {
  DIR *d = opendir(dir);
  size_t n = 0;
  struct dirent *e;
  while (d != NULL && (e = readdir(d)) != NULL && n < max) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    if (e->d_name[0] != '.' && S_is_dir(path)) {
      snprintf(names[n++], 256, "%s", e->d_name);
    }
  }
  if (d != NULL) {
    closedir(d);
  }
  qsort(names, n, 256, S_by_name);
  return n;
}

/* Every pack's dense reference, for an observer that meets several packs. */
typedef struct S_all_checks {
  size_t count;
  const symcheck_pack *packs[MAX_PACKS];
  dense checks[MAX_PACKS];
} S_all_checks;

/* The observer for a replay over several packs: checks each step against
   the reference of the interview's own pack. */
static void S_observe_any(symcheck_interview *iv, void *context) {
  S_all_checks *all = context;
  for (size_t p = 0; p < all->count; p++) {
    if (all->packs[p] == symcheck_interview_pack(iv)) {
      S_observe(iv, &all->checks[p]);
      return;
    }
  }
  fail_msg("a vignette ran on a pack the test did not load");
}

/* Every vignette under tests/vignettes, each set (sub-folder) on the pack
   that holds each case's complaint, as `symcheck eval --format vignettes`
   replays them, checked step by step against the dense reference. */
static void test_every_vignette_step_matches_the_dense_reference(void **state) {
  (void)state;
  char names[MAX_PACKS][256];
  size_t pack_count = S_subfolders(PACKS_DIR, names, MAX_PACKS);
  static S_all_checks all;
  symcheck_pack *packs[MAX_PACKS];
  all.count = pack_count;
  for (size_t p = 0; p < pack_count; p++) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/%s", PACKS_DIR, names[p]);
    packs[p] = S_load_pack(dir);
    assert_non_null(packs[p]);
    all.packs[p] = packs[p];
    S_dense_build(&all.checks[p], packs[p]);
  }
  symcheck_eval_options options = symcheck_eval_defaults();
  options.max_questions = 25;
  options.observe = S_observe_any;
  options.observe_context = &all;
  symcheck_error err = {0};
  symcheck_eval_report *r = symcheck_eval_vignette_sets((const symcheck_pack *const *)packs,
                                                        pack_count, VIGNETTES_DIR, &options, &err);
  if (r == NULL) {
    print_error("%s: %s\n", err.file, err.message);
  }
  assert_non_null(r);
  printf("%zu vignettes replayed on %zu packs\n", r->case_count, pack_count);
  symcheck_eval_report_free(r);
  size_t steps = 0, failures = 0;
  for (size_t p = 0; p < pack_count; p++) {
    S_report(names[p], &all.checks[p]);
    steps += all.checks[p].steps;
    failures += all.checks[p].failures;
    S_dense_free(&all.checks[p]);
    symcheck_pack_free(packs[p]);
  }
  assert_true(steps > 0);
  assert_int_equal(failures, 0);
}

static void test_500_ddxplus_patients_match_the_dense_reference_at_every_step(void **state) {
  (void)state;
  symcheck_error err = {0};
  symcheck_ddxplus *data = symcheck_ddxplus_load(DDXPLUS_DIR, &err);
  assert_non_null(data);
  assert_int_equal(symcheck_ddxplus_read_patients(data, DDXPLUS_DIR "/patients_300.csv", &err),
                   300);
  assert_int_equal(symcheck_ddxplus_read_patients(data, DDXPLUS_DIR "/patients_200_more.csv", &err),
                   200);
  symcheck_pack *pack = S_load_pack(PACKS_DIR "/ddxplus");
  assert_non_null(pack);
  dense check;
  S_dense_build(&check, pack);
  symcheck_eval_options options = symcheck_eval_defaults();
  options.observe = S_observe;
  options.observe_context = &check;
  symcheck_eval_report *r = symcheck_eval_ddxplus(data, pack, &options, &err);
  if (r == NULL) {
    print_error("%s\n", err.message);
  }
  assert_non_null(r);
  assert_int_equal(r->overall.n, 500);
  S_report("ddxplus", &check);
  assert_true(check.steps >= 500);
  assert_true(check.checked_choices > 0);
  assert_int_equal(check.failures, 0);
  symcheck_eval_report_free(r);
  S_dense_free(&check);
  symcheck_pack_free(pack);
  symcheck_ddxplus_free(data);
}

/* xorshift: the same generated pack on every run. */
static uint32_t S_random(uint32_t *state) {
  uint32_t x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *state = x;
}

static FILE *S_open(const char *dir, const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  return f;
}

/* A sparse pack where pruning has work to do: 300 conditions, 1,200
   findings (yes/no; every 10th one of three options; every 15th several
   of three), each condition listing 30 to 60 of them. */
static void S_write_sparse_pack(const char *dir, size_t conditions, size_t findings) {
  FILE *f = S_open(dir, "pack.yaml");
  fputs("id: generated\ntitle: Generated sparse pack\nversion: 1.0.0\nlanguage: en\n"
        "reviewers: [test]\nlast_reviewed: 2026-12-05\nemergency_number: '112'\n"
        "age_bands:\n  - {id: all, min: 0, max: 120}\nsettings:\n  max_questions: 25\n"
        "sources:\n  - {key: GEN, authors: Generated, year: 2020, title: Generated, url: "
        "'https://example.org', grade: D}\n",
        f);
  assert_int_equal(fclose(f), 0);
  f = S_open(dir, "complaints.yaml");
  fputs("- id: generated\n  name: Generated complaint\n  conditions: all\n"
        "  other_prior: 0.05\n",
        f);
  assert_int_equal(fclose(f), 0);
  f = S_open(dir, "red_flags.yaml");
  fputs("[]\n", f);
  assert_int_equal(fclose(f), 0);
  f = S_open(dir, "findings.yaml");
  for (size_t i = 0; i < findings; i++) {
    fprintf(f, "- {id: f%zu, kind: symptom, name: Finding %zu, question: Finding %zu?, why: Test.,",
            i, i, i);
    if (i % 10 == 0) {
      fputs(" type: single, options: [{id: a, label: A}, {id: b, label: B}, {id: c, label: C}],"
            " default: {p: {a: 0.8, b: 0.15, c: 0.05}, estimate: true}}\n",
            f);
    } else if (i % 15 == 0) {
      fputs(" type: multi, options: [{id: a, label: A}, {id: b, label: B}, {id: c, label: C}],"
            " default: {p: {a: 0.05, b: 0.05, c: 0.05}, estimate: true}}\n",
            f);
    } else {
      fputs(" type: yes_no, default: {p: 0.05, estimate: true}}\n", f);
    }
  }
  assert_int_equal(fclose(f), 0);
  f = S_open(dir, "conditions.yaml");
  uint32_t seed = 2463534242u;
  for (size_t c = 0; c < conditions; c++) {
    fprintf(f,
            "- id: c%zu\n  name: Condition %zu\n  icd10: R69\n  group: Generated\n"
            "  summary: Generated.\n  rarity: common\n  prevalence: {text: some, estimate: true}\n"
            "  urgency: primary_care\n  prior: {weight: %u, estimate: true}\n  likelihoods:\n",
            c, c, 1 + S_random(&seed) % 100);
    size_t listed = 30 + S_random(&seed) % 31, start = S_random(&seed) % findings;
    for (size_t k = 0; k < listed; k++) {
      size_t i = (start + k * 7919) % findings; /* distinct: 7919 is a prime */
      unsigned p = 2 + S_random(&seed) % 96, q = 1 + S_random(&seed) % (99 - p);
      if (i % 10 == 0) {
        fprintf(f, "    f%zu: {p: {a: 0.%02u, b: 0.%02u, c: 0.%02u}, estimate: true}\n", i, p, q,
                100 - p - q);
      } else if (i % 15 == 0) {
        fprintf(f, "    f%zu: {p: {a: 0.%02u, b: 0.%02u, c: 0.05}, estimate: true}\n", i, p, q);
      } else {
        fprintf(f, "    f%zu: {p: 0.%02u, estimate: true}\n", i, p);
      }
    }
  }
  assert_int_equal(fclose(f), 0);
}

/* The answer of a patient with condition c: its likely options (p >= 0.5),
   else the most likely one (one of several), else no. */
static symcheck_value S_patient_answer(const symcheck_condition *c, const symcheck_finding *f,
                                       bool *selected) {
  const symcheck_likelihood *l = symcheck_condition_likelihood(c, f);
  const double *p = l != NULL ? l->p : f->default_p;
  symcheck_value v = {.selected = selected};
  for (size_t o = 0; o < f->option_count; o++) {
    selected[o] = p[o] >= 0.5;
    v.option = p[o] > p[v.option] ? o : v.option;
  }
  if (f->type == SYMCHECK_ANSWER_YES_NO) {
    v.option = p[0] >= 0.5 ? 0 : 1;
  }
  return v;
}

static void test_a_generated_sparse_pack_matches_the_dense_reference(void **state) {
  (void)state;
  char dir[256];
  assert_true(temp_dir_make(dir, sizeof dir, "equality"));
  S_write_sparse_pack(dir, 300, 1200);
  symcheck_pack *pack = S_load_pack(dir);
  assert_non_null(pack);
  dense check;
  S_dense_build(&check, pack);
  symcheck_profile profile = {.age = 40, .sex = SYMCHECK_SEX_MALE};
  bool selected[3];
  for (size_t patient = 0; patient < 30; patient++) {
    const symcheck_condition *c = symcheck_pack_condition(pack, patient * 37 % 300);
    symcheck_interview *iv = symcheck_interview_new(pack, "generated", &profile, NULL);
    assert_non_null(iv);
    while (!symcheck_interview_should_stop(iv)) {
      const symcheck_finding *f = symcheck_interview_next(iv);
      S_observe(iv, &check);
      symcheck_value v = S_patient_answer(c, f, selected);
      assert_int_equal(symcheck_interview_answer_value(iv, f->index, &v), 0);
    }
    S_observe(iv, &check);
    symcheck_interview_free(iv);
  }
  S_report("generated", &check);
  assert_true(check.checked_choices > 0);
  assert_true(check.scored < check.candidates);                /* the bound ruled some out */
  assert_true(check.summed > 0 && check.summed < check.steps); /* both ways of scoring */
  assert_int_equal(check.failures, 0);
  S_dense_free(&check);
  symcheck_pack_free(pack);
  const char *files[] = {"pack.yaml", "complaints.yaml", "red_flags.yaml", "findings.yaml",
                         "conditions.yaml"};
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, files[i]);
    unlink(path);
  }
  rmdir(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_every_vignette_step_matches_the_dense_reference),
      cmocka_unit_test(test_500_ddxplus_patients_match_the_dense_reference_at_every_step),
      cmocka_unit_test(test_a_generated_sparse_pack_matches_the_dense_reference),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
