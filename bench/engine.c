/*
 * bench/engine.c - how fast a pack loads and the engine chooses the next
 * question and builds a result, and how much memory that takes.
 *
 * Times are CPU time of the measuring process (wall time on a shared
 * machine also counts the other processes' turns), measured against
 * floors no implementation beats, timed in the same run on the same
 * machine, so the ratios mean something anywhere (absolute figures are
 * printed beside them):
 *   - next question and result: one plain pass that reads every cell the
 *     sparse model stores once;
 *   - pack load: reading the pack's YAML files into memory and counting
 *     their lines.
 * The next question is timed twice: after the screen and three answers,
 * and nine answers later. "scored" counts the candidates whose gain was
 * computed at each step, out of the askable ones: all of them while block
 * sums make each cheap (few conditions touched by the answers), else only
 * those whose bound could beat the best so far. A result includes choosing
 * the next question (it says whether the interview should stop).
 * Each pack is measured in a process of its own (this program run again
 * with --one), so "peak RSS" is the peak resident memory of a process that
 * loads only that pack and runs the benchmark on it, and "growth" is the
 * part the load added.
 *
 * Packs:
 *   anorectal   the bundled pack;
 *   gen-40      1,000 conditions x 3,000 findings, 40 findings per condition
 *               on a fixed stride (the pack the dense engine took 26 ms per
 *               question and 30 ms per result on; issue 13);
 *   sparse-1k   1,000 x 3,000 and
 *   sparse-10k  10,000 x 20,000, drawn to look like real knowledge (see
 *               S_generate_sparse), with goals printed under their rows.
 * Generated packs are written as YAML to a temporary folder and loaded
 * through the real loader.
 *
 * Usage: bench_engine [ANORECTAL_PACK_DIR]
 *        bench_engine --one NAME PACK_DIR   (one pack's row; used internally)
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "interview_internal.h"

/* CPU seconds of this process (the engine is single-threaded). */
static double S_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
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

/* Peak (VmHWM) or current (VmRSS) resident memory in MB, from /proc. */
static double S_rss_mb(const char *which) {
  FILE *f = fopen("/proc/self/status", "r");
  char line[256];
  double kb = -1.0;
  size_t n = strlen(which);
  while (f != NULL && fgets(line, sizeof line, f) != NULL) {
    if (strncmp(line, which, n) == 0 && line[n] == ':') {
      kb = strtod(line + n + 1, NULL);
    }
  }
  if (f != NULL) {
    fclose(f);
  }
  return kb / 1024.0;
}

/* The load floor: read every .yaml file of the pack and count its lines. */
static double S_read_files(void *ctx) {
  const char *dir = ctx;
  DIR *d = opendir(dir);
  struct dirent *e;
  double lines = 0.0;
  char buf[1 << 16];
  while (d != NULL && (e = readdir(d)) != NULL) {
    size_t len = strlen(e->d_name);
    if (len < 5 || strcmp(e->d_name + len - 5, ".yaml") != 0) {
      continue;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    FILE *f = fopen(path, "rb");
    size_t got;
    while (f != NULL && (got = fread(buf, 1, sizeof buf, f)) > 0) {
      for (size_t i = 0; i < got; i++) {
        lines += buf[i] == '\n';
      }
    }
    if (f != NULL) {
      fclose(f);
    }
  }
  if (d != NULL) {
    closedir(d);
  }
  return lines;
}

/* The last finding the interview has not answered: toggled to invalidate
   the cached choice without changing the state being timed. */
static const char *S_toggle(const symcheck_pack *pack, const symcheck_interview *iv) {
  for (size_t i = pack->finding_count; i-- > 0;) {
    if (!symcheck_interview_is_answered(iv, &pack->findings[i])) {
      return pack->findings[i].id;
    }
  }
  return pack->findings[0].id;
}

/* The goals of issue 13 (0: none) and what the dense engine took. */
typedef struct S_goal {
  const char *pack;
  double next_ms, result_ms, load_s, rss_mb;
  const char *was;
} S_goal;

static const S_goal S_GOALS[] = {
    {"gen-40", 0, 0, 0, 0, "dense engine (issue 13): next 26 ms, result 30 ms"},
    {"sparse-1k", 1.0, 0.5, 0, 0, "dense engine on gen-40 (issue 13): next 26 ms, result 30 ms"},
    {"sparse-10k", 10.0, 0, 2.0, 300.0, NULL},
};

static void S_goal_item(const char *what, double value, double goal, const char *unit,
                        int *printed) {
  if (goal <= 0.0) {
    return;
  }
  printf("%s%s %.3g %s (goal <= %g: %s)", *printed ? ", " : "  goals: ", what, value, unit, goal,
         value <= goal ? "met" : "NOT met");
  (*printed)++;
}

static void S_print_goals(const char *name, double next_ms, double result_ms, double load_s,
                          double rss_mb) {
  for (size_t i = 0; i < sizeof S_GOALS / sizeof *S_GOALS; i++) {
    const S_goal *g = &S_GOALS[i];
    if (strcmp(g->pack, name) != 0) {
      continue;
    }
    int printed = 0;
    S_goal_item("next", next_ms, g->next_ms, "ms", &printed);
    S_goal_item("result", result_ms, g->result_ms, "ms", &printed);
    S_goal_item("load", load_s, g->load_s, "s", &printed);
    S_goal_item("peak RSS", rss_mb, g->rss_mb, "MB", &printed);
    if (printed) {
      printf("\n");
    }
    if (g->was != NULL) {
      printf("  was: %s\n", g->was);
    }
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

/* Further answers before the second timing of the next question. */
enum { S_LATER = 9 };

/* "scored/askable (how)": the candidates whose gain was computed at this
   step, and how: from the block sums (every candidate, cheaply), or one by
   one, the bounds skipping those that cannot win (question.c scores every
   candidate when the likely conditions hold most deviations, as bounds
   would then skip little). */
static void S_scored(const symcheck_pack *pack, symcheck_interview *iv, char *buf, size_t size) {
  double gain = 0.0;
  size_t scored = 0, askable = 0;
  interview_best_question(iv, &gain, &scored);
  for (size_t i = 0; i < pack->finding_count; i++) {
    const symcheck_finding *f = &pack->findings[i];
    askable += !symcheck_interview_is_answered(iv, f) && interview_allows(iv, f) ? 1 : 0;
  }
  snprintf(buf, size, "%zu/%zu (%s)", scored, askable,
           iv->sums.usable    ? "block sums"
           : scored < askable ? "bounds skipped the rest"
                              : "bounds would skip too few");
}

/* One pack's row: load it, time a choice and a result mid-interview. */
static int S_one(const char *name, const char *dir) {
  double rss_before = S_rss_mb("VmRSS");
  double read_s = S_time(S_read_files, (void *)dir, 0.2);
  double start = S_now();
  symcheck_pack *pack = S_load(dir);
  double load_s = S_now() - start;
  double growth = S_rss_mb("VmRSS") - rss_before;
  symcheck_profile profile = {.age = 45, .sex = SYMCHECK_SEX_FEMALE};
  symcheck_error err = {0};
  const char *complaint = symcheck_pack_complaint(pack, 0)->id;
  symcheck_interview *iv = symcheck_interview_new(pack, complaint, &profile, &err);
  if (iv == NULL) {
    fprintf(stderr, "bench_engine: %s: %s\n", name, err.message);
    return 1;
  }
  /* past the red-flag screen, so the timing is of a real choice */
  S_warm_up(iv, (int)symcheck_interview_complaint(iv)->screen_count + 3);
  next_ctx ctx = {iv, S_toggle(pack, iv)};
  double floor_s = S_time(S_floor, (void *)pack, 0.5);
  double next_s = S_time(S_next, &ctx, 0.5);
  double result_s = S_time(S_result, &ctx, 0.5);
  char early[64], late[64];
  S_scored(pack, iv, early, sizeof early);
  /* later on, once the answers touch too many conditions for block sums */
  S_warm_up(iv, S_LATER);
  ctx.toggle = S_toggle(pack, iv);
  double late_s = S_time(S_next, &ctx, 0.5);
  S_scored(pack, iv, late, sizeof late);
  double peak = S_rss_mb("VmHWM");
  printf("%-10s %6zu %6zu %8zu %8.3f %6.0fx %7.1f %6.1f %9.1f %8.1f %6.2fx %8.1f %6.2fx "
         "%9.1f %6.2fx\n",
         name, pack->condition_count, pack->finding_count, S_cells(&pack->model), load_s,
         load_s / read_s, peak, growth, floor_s * 1e6, next_s * 1e6, next_s / floor_s,
         result_s * 1e6, result_s / floor_s, late_s * 1e6, late_s / floor_s);
  printf("  scored/candidates: %s; %d answers later: %s\n", early, S_LATER, late);
  double worst_next = next_s > late_s ? next_s : late_s;
  S_print_goals(name, worst_next * 1e3, result_s * 1e3, load_s, peak);
  symcheck_interview_free(iv);
  symcheck_pack_free(pack);
  return 0;
}

/* Runs this program again with --one, so each pack gets a fresh process. */
static void S_spawn(const char *self, const char *name, const char *dir) {
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    execl(self, self, "--one", name, dir, (char *)NULL);
    perror("bench_engine: exec");
    _exit(127);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fprintf(stderr, "bench_engine: the %s benchmark failed\n", name);
    exit(1);
  }
}

/* xorshift: a fixed, portable sequence so every run builds the same pack. */
static uint32_t S_random(uint32_t *state) {
  uint32_t x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *state = x;
}

/* Uniform in (0, 1). */
static double S_uniform(uint32_t *state) {
  return ((double)(S_random(state) >> 8) + 1.0) / 16777218.0;
}

static FILE *S_open(const char *dir, const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    fprintf(stderr, "bench_engine: cannot write %s\n", path);
    exit(1);
  }
  return f;
}

static void S_close(FILE *f) {
  if (ferror(f) || fclose(f) != 0) {
    fprintf(stderr, "bench_engine: cannot write the generated pack\n");
    exit(1);
  }
}

static void S_write_file(const char *dir, const char *name, const char *text) {
  FILE *f = S_open(dir, name);
  fputs(text, f);
  S_close(f);
}

/* pack.yaml, complaints.yaml (one complaint with every condition) and an
   empty red_flags.yaml. */
static void S_generate_frame(const char *dir) {
  S_write_file(dir, "pack.yaml",
               "id: generated\ntitle: Generated benchmark pack\nversion: 1.0.0\nlanguage: en\n"
               "reviewers: [bench]\nlast_reviewed: 2026-11-28\nemergency_number: '112'\n"
               "age_bands:\n  - {id: all, min: 0, max: 120}\nsettings:\n  max_questions: 25\n"
               "sources:\n  - {key: GEN, authors: Generated, year: 2020, title: Generated, url: "
               "'https://example.org', grade: D}\n");
  S_write_file(dir, "complaints.yaml",
               "- id: generated\n  name: Generated complaint\n  conditions: all\n"
               "  other_prior: 0.05\n");
  S_write_file(dir, "red_flags.yaml", "[]\n");
}

static void S_write_finding(FILE *f, size_t i, double default_p) {
  fprintf(f,
          "- {id: f%zu, kind: symptom, name: Finding %zu, question: Finding %zu?, why: Bench.,"
          " type: yes_no, default: {p: %.3f, estimate: true}}\n",
          i, i, i, default_p);
}

static void S_write_condition(FILE *c, size_t i, double weight) {
  fprintf(c,
          "- id: c%zu\n  name: Condition %zu\n  icd10: R69\n  group: Generated\n"
          "  summary: Generated.\n  rarity: common\n  prevalence: {text: some, estimate: true}\n"
          "  urgency: primary_care\n  prior: {weight: %.1f, estimate: true}\n  likelihoods:\n",
          i, i, weight);
}

/* The pack of the dense-engine figures: every finding's default 0.1, 40
   findings per condition on a fixed stride, P uniform in 0.05..0.94. */
static void S_generate_strided(const char *dir, size_t conditions, size_t findings) {
  S_generate_frame(dir);
  FILE *f = S_open(dir, "findings.yaml");
  for (size_t i = 0; i < findings; i++) {
    S_write_finding(f, i, 0.1);
  }
  S_close(f);
  FILE *c = S_open(dir, "conditions.yaml");
  uint32_t seed = 2463534242u;
  for (size_t i = 0; i < conditions; i++) {
    S_write_condition(c, i, (double)(1 + S_random(&seed) % 100));
    for (size_t k = 0; k < 40; k++) {
      size_t finding = (i * 7 + k * 73) % findings; /* distinct for k < 41 */
      fprintf(c, "    f%zu: {p: 0.%02u, estimate: true}\n", finding, 5 + S_random(&seed) % 90);
    }
  }
  S_close(c);
}

/* Gamma(k) for a whole k: the sum of k standard exponentials. */
static double S_gamma(uint32_t *seed, int k) {
  double sum = 0.0;
  for (int i = 0; i < k; i++) {
    sum -= log(S_uniform(seed));
  }
  return sum;
}

/* A pack shaped like real knowledge:
   - findings per condition uniform in 30..60;
   - which findings by popularity: finding j is drawn with weight
     1 / (j + 10) (Zipf-Mandelbrot), so a few findings (fever, pain) are
     listed by nearly half the conditions and most by a handful;
   - P(yes | condition) from Beta(2, 5) (mean 0.29), kept in 0.01..0.99;
   - a finding's default ("not related") small: log-uniform in 0.005..0.1;
   - prior weights log-uniform in 1..1000. */
static void S_generate_sparse(const char *dir, size_t conditions, size_t findings) {
  S_generate_frame(dir);
  uint32_t seed = 88172645u;
  FILE *f = S_open(dir, "findings.yaml");
  for (size_t i = 0; i < findings; i++) {
    S_write_finding(f, i, 0.005 * pow(20.0, S_uniform(&seed)));
  }
  S_close(f);
  double *cumulative = malloc(findings * sizeof *cumulative);
  size_t *stamp = calloc(findings, sizeof *stamp);
  if (cumulative == NULL || stamp == NULL) {
    fprintf(stderr, "bench_engine: out of memory\n");
    exit(1);
  }
  double total = 0.0;
  for (size_t j = 0; j < findings; j++) {
    cumulative[j] = total += 1.0 / ((double)j + 10.0);
  }
  FILE *c = S_open(dir, "conditions.yaml");
  for (size_t i = 0; i < conditions; i++) {
    S_write_condition(c, i, pow(1000.0, S_uniform(&seed)));
    size_t listed = 30 + S_random(&seed) % 31;
    for (size_t k = 0; k < listed;) {
      double u = S_uniform(&seed) * total;
      size_t lo = 0, hi = findings - 1;
      while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cumulative[mid] < u) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      if (stamp[lo] == i + 1) {
        continue; /* already listed by this condition: draw again */
      }
      stamp[lo] = i + 1;
      double x = S_gamma(&seed, 2), y = S_gamma(&seed, 5);
      double p = fmin(0.99, fmax(0.01, x / (x + y)));
      fprintf(c, "    f%zu: {p: %.3f, estimate: true}\n", lo, p);
      k++;
    }
  }
  S_close(c);
  free(cumulative);
  free(stamp);
}

static void S_remove(const char *dir) {
  const char *files[] = {"pack.yaml", "complaints.yaml", "findings.yaml", "conditions.yaml",
                         "red_flags.yaml"};
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, files[i]);
    unlink(path);
  }
  rmdir(dir);
}

typedef void (*generator)(const char *dir, size_t conditions, size_t findings);

static void S_generated(const char *self, const char *name, generator generate, size_t conditions,
                        size_t findings) {
  char dir[] = "/tmp/symcheck-bench-XXXXXX";
  if (mkdtemp(dir) == NULL) {
    perror("bench_engine: mkdtemp");
    exit(1);
  }
  double start = S_now();
  generate(dir, conditions, findings);
  double written = S_now() - start;
  S_spawn(self, name, dir);
  printf("  (written in %.2f s)\n", written);
  S_remove(dir);
}

int main(int argc, char **argv) {
  if (argc == 4 && strcmp(argv[1], "--one") == 0) {
    return S_one(argv[2], argv[3]);
  }
  const char *anorectal = argc > 1 ? argv[1] : "packs/anorectal";
  const char *self = "/proc/self/exe";
  printf("engine benchmark. load: seconds, and its ratio to reading the pack's files; peak "
         "RSS\nand its growth at load (MB); next question and result: microseconds, and their "
         "ratio\nto one plain pass over the model's cells (the floor); next-late: the next "
         "question\n9 answers later. Goals are checked against the slower of the two.\n\n");
  printf("%-10s %6s %6s %8s %8s %7s %7s %6s %9s %8s %7s %8s %7s %9s %7s\n", "pack", "conds",
         "finds", "cells", "load(s)", "ratio", "peakMB", "+load", "floor(us)", "next(us)", "ratio",
         "result", "ratio", "next-late", "ratio");
  S_spawn(self, "anorectal", anorectal);
  S_generated(self, "gen-40", S_generate_strided, 1000, 3000);
  S_generated(self, "sparse-1k", S_generate_sparse, 1000, 3000);
  S_generated(self, "sparse-10k", S_generate_sparse, 10000, 20000);
  return 0;
}
