/*
 * bench/engine.c - how fast the engine chooses the next question and builds
 * a result, measured against the floor no algorithm beats: one plain pass
 * that reads every cell the sparse model stores once. "scored" counts the
 * candidates whose gain was computed at the timed step (the others were
 * ruled out by their bound), out of the askable ones. Both are timed
 * in the same run on the same machine, so the ratio means something
 * anywhere; absolute times are printed for context only.
 *
 * Packs: the bundled anorectal pack and a generated pack of 1,000
 * conditions x 3,000 findings (written as YAML to a temporary folder and
 * loaded through the real loader).
 *
 * Usage: bench_engine [ANORECTAL_PACK_DIR]
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "interview_internal.h"

static double S_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The cells the model stores: every variable's background and deviations. */
static size_t S_cells(const model *m) {
  size_t cells = 0;
  for (size_t v = 0; v < m->variable_count; v++) {
    cells += m->variables[v].values * (m->variables[v].listed + 1);
  }
  return cells;
}

/* The floor: one read of every cell the model stores. */
static double S_plain_pass(const symcheck_pack *pack) {
  const model *m = &pack->model;
  double sum = 0.0;
  for (size_t v = 0; v < m->variable_count; v++) {
    const model_variable *var = &m->variables[v];
    for (size_t i = 0; i < var->values; i++) {
      sum += var->background[i];
    }
    for (size_t i = 0; i < var->values * var->listed; i++) {
      sum += var->p[i];
    }
  }
  return sum;
}

typedef double (*bench_fn)(void *ctx);

/* Seconds per call: repeats until at least min_seconds have passed. */
static double S_time(bench_fn fn, void *ctx, double min_seconds) {
  volatile double sink = 0.0;
  size_t runs = 0;
  double start = S_now(), elapsed = 0.0;
  do {
    sink += fn(ctx);
    runs++;
    elapsed = S_now() - start;
  } while (elapsed < min_seconds);
  (void)sink;
  return elapsed / (double)runs;
}

static double S_floor(void *ctx) {
  return S_plain_pass(ctx);
}

/* One fresh choice: invalidate the cached choice by answering and
   forgetting a finding, then ask for the next question. */
typedef struct next_ctx {
  symcheck_interview *iv;
  const char *toggle;
} next_ctx;

static double S_next(void *ctx) {
  next_ctx *c = ctx;
  symcheck_interview_answer(c->iv, c->toggle, "unknown", NULL);
  symcheck_interview_forget(c->iv, c->toggle);
  const symcheck_finding *f = symcheck_interview_next(c->iv);
  return f != NULL ? (double)f->index : -1.0;
}

static double S_result(void *ctx) {
  next_ctx *c = ctx;
  symcheck_interview_answer(c->iv, c->toggle, "unknown", NULL);
  symcheck_interview_forget(c->iv, c->toggle);
  symcheck_result *r = symcheck_interview_result(c->iv);
  double p = r != NULL ? r->conditions[0].probability : -1.0;
  symcheck_result_free(r);
  return p;
}

/* Answers the first `n` questions the engine asks with a fixed pattern, so
   the timing is taken mid-interview, as in real use. */
static void S_warm_up(symcheck_interview *iv, int n) {
  for (int i = 0; i < n; i++) {
    const symcheck_finding *f = symcheck_interview_next(iv);
    if (f == NULL) {
      return;
    }
    /* "no" to yes/no questions, no option of a multi, the first of others */
    symcheck_value v = {.option = f->type == SYMCHECK_ANSWER_YES_NO ? 1 : 0,
                        .number = f->options[0].min};
    symcheck_interview_answer_value(iv, f->index, &v);
  }
}

static void S_report(const char *name, const symcheck_pack *pack, const char *complaint,
                     const char *toggle) {
  symcheck_profile profile = {.age = 45, .sex = SYMCHECK_SEX_FEMALE};
  symcheck_error err = {0};
  symcheck_interview *iv = symcheck_interview_new(pack, complaint, &profile, &err);
  if (iv == NULL) {
    fprintf(stderr, "bench_engine: %s: %s\n", name, err.message);
    exit(1);
  }
  /* past the red-flag screen, so the timing is of a real choice */
  S_warm_up(iv, (int)symcheck_interview_complaint(iv)->screen_count + 3);
  next_ctx ctx = {iv, toggle};
  double floor_s = S_time(S_floor, (void *)pack, 0.5);
  double next_s = S_time(S_next, &ctx, 0.5);
  double result_s = S_time(S_result, &ctx, 0.5);
  double gain = 0.0;
  size_t scored = 0, askable = 0;
  interview_best_question(iv, &gain, &scored);
  for (size_t i = 0; i < pack->finding_count; i++) {
    const symcheck_finding *f = &pack->findings[i];
    askable += !symcheck_interview_is_answered(iv, f) && interview_allows(iv, f) ? 1 : 0;
  }
  printf("%-10s %6zu %7zu %10zu %11.1f %10.1f %6.2fx %10.1f %6.2fx %6zu/%zu\n", name,
         pack->condition_count, pack->finding_count, S_cells(&pack->model), floor_s * 1e6,
         next_s * 1e6, next_s / floor_s, result_s * 1e6, result_s / floor_s, scored, askable);
  symcheck_interview_free(iv);
}

/* xorshift: a fixed, portable sequence so every run builds the same pack. */
static uint32_t S_random(uint32_t *state) {
  uint32_t x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *state = x;
}

static void S_write_file(const char *dir, const char *name, const char *text) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  if (f == NULL || fputs(text, f) == EOF || fclose(f) != 0) {
    fprintf(stderr, "bench_engine: cannot write %s\n", path);
    exit(1);
  }
}

static void S_generate(const char *dir, size_t conditions, size_t findings, size_t listed) {
  S_write_file(
      dir, "pack.yaml",
      "id: generated\ntitle: Generated benchmark pack\nversion: 1.0.0\nlanguage: en\n"
      "reviewers: [bench]\nlast_reviewed: 2026-11-28\nemergency_number: '112'\n"
      "age_bands:\n  - {id: all, min: 0, max: 120}\nsettings:\n  max_questions: 25\n"
      "sources:\n  - {key: GEN, title: Generated, url: 'https://example.org', grade: D}\n");
  S_write_file(dir, "complaints.yaml",
               "- id: generated\n  name: Generated complaint\n  conditions: all\n"
               "  other_prior: 0.05\n");
  S_write_file(dir, "red_flags.yaml", "[]\n");
  char path[4096];
  snprintf(path, sizeof path, "%s/findings.yaml", dir);
  FILE *f = fopen(path, "w");
  for (size_t i = 0; f != NULL && i < findings; i++) {
    fprintf(f,
            "- {id: f%zu, kind: symptom, name: Finding %zu, question: Finding %zu?, why: Bench.,"
            " type: yes_no, default: {p: 0.1, estimate: true}}\n",
            i, i, i);
  }
  snprintf(path, sizeof path, "%s/conditions.yaml", dir);
  FILE *c = fopen(path, "w");
  uint32_t seed = 2463534242u;
  for (size_t i = 0; c != NULL && i < conditions; i++) {
    fprintf(c,
            "- id: c%zu\n  name: Condition %zu\n  icd10: X%zu\n  group: Generated\n"
            "  summary: Generated.\n  rarity: common\n  prevalence: {text: some, estimate: true}\n"
            "  urgency: primary_care\n  prior: {weight: %u, estimate: true}\n  likelihoods:\n",
            i, i, i, 1 + S_random(&seed) % 100);
    for (size_t k = 0; k < listed; k++) {
      size_t finding = (i * 7 + k * 73) % findings; /* distinct for k < 41 */
      fprintf(c, "    f%zu: {p: 0.%02u, estimate: true}\n", finding, 5 + S_random(&seed) % 90);
    }
  }
  if (f == NULL || c == NULL || fclose(f) != 0 || fclose(c) != 0) {
    fprintf(stderr, "bench_engine: cannot write the generated pack\n");
    exit(1);
  }
}

static symcheck_pack *S_load(const char *dir) {
  symcheck_diagnostics d = {0};
  symcheck_pack *pack = symcheck_pack_load(dir, &d);
  if (pack == NULL) {
    for (size_t i = 0; i < d.count && i < 5; i++) {
      fprintf(stderr, "bench_engine: %s:%d: %s: %s\n", d.items[i].file, d.items[i].line,
              d.items[i].field, d.items[i].message);
    }
    symcheck_diagnostics_free(&d);
    exit(1);
  }
  return pack;
}

int main(int argc, char **argv) {
  const char *anorectal = argc > 1 ? argv[1] : "packs/anorectal";
  printf("engine benchmark: time per call, and its ratio to one plain pass over the same\n"
         "probability table in this run (the floor; goal: next question within 10x)\n\n");
  printf("%-10s %6s %7s %10s %11s %10s %7s %10s %7s %s\n", "pack", "conds", "finds", "cells",
         "floor(us)", "next(us)", "ratio", "result(us)", "ratio", "scored/candidates");
  symcheck_pack *pack = S_load(anorectal);
  const symcheck_complaint *main_complaint = symcheck_pack_complaint(pack, 0);
  S_report("anorectal", pack, main_complaint->id, symcheck_pack_finding(pack, 0)->id);
  symcheck_pack_free(pack);

  char dir[] = "/tmp/symcheck-bench-XXXXXX";
  if (mkdtemp(dir) == NULL) {
    perror("bench_engine: mkdtemp");
    return 1;
  }
  double start = S_now();
  S_generate(dir, 1000, 3000, 40);
  pack = S_load(dir);
  double load_s = S_now() - start;
  S_report("generated", pack, "generated", "f0");
  printf("\n(generated pack written and loaded in %.2f s)\n", load_s);
  symcheck_pack_free(pack);
  const char *files[] = {"pack.yaml", "complaints.yaml", "findings.yaml", "conditions.yaml",
                         "red_flags.yaml"};
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, files[i]);
    unlink(path);
  }
  rmdir(dir);
  return 0;
}
