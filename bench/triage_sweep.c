/*
 * bench/triage_sweep.c - chooses a pack's must-not-miss thresholds from
 * data: replays the cases once per pair of escalation thresholds (one for
 * emergency and ambulance conditions, one for urgent-care conditions) and
 * prints under- and over-triage against the true level and how many
 * emergencies were given less than emergency care. The replay is the real
 * interview (`symcheck eval`), so rule-out questions follow each pair too.
 *
 * Usage: bench_triage_sweep --pack DIR (--vignettes DIR | --cases CSV
 *        [--data DIR]) [--threads N] [--limit N] [--max-questions N]
 * The true level is a vignette's lowest safe level, or a DDXPlus patient's
 * condition's urgency in the pack. Thresholds are set on this program's
 * own copy of the pack (more urgent levels never need more: the pair is
 * skipped when urgent < emergency).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pack_internal.h"
#include "symcheck_eval.h"

static const double S_EMERGENCY[] = {0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5};
static const double S_URGENT[] = {0.1, 0.2, 0.3, 0.5};

typedef struct S_args {
  const char *pack, *vignettes, *cases, *data;
  symcheck_eval_options eval;
} S_args;

static int S_usage(void) {
  fprintf(stderr, "usage: bench_triage_sweep --pack DIR (--vignettes DIR | --cases CSV "
                  "[--data DIR]) [--threads N] [--limit N] [--max-questions N]\n");
  return 2;
}

static int S_parse(int argc, char **argv, S_args *a) {
  for (int i = 1; i + 1 < argc; i += 2) {
    const char *name = argv[i], *value = argv[i + 1];
    if (strcmp(name, "--pack") == 0) {
      a->pack = value;
    } else if (strcmp(name, "--vignettes") == 0) {
      a->vignettes = value;
    } else if (strcmp(name, "--cases") == 0) {
      a->cases = value;
    } else if (strcmp(name, "--data") == 0) {
      a->data = value;
    } else if (strcmp(name, "--threads") == 0) {
      a->eval.threads = (size_t)strtoul(value, NULL, 10);
    } else if (strcmp(name, "--max-questions") == 0) {
      a->eval.max_questions = (int)strtol(value, NULL, 10);
    } else if (strcmp(name, "--limit") == 0) {
      a->eval.limit = (size_t)strtoul(value, NULL, 10);
    } else {
      return -1;
    }
  }
  return argc % 2 == 1 && a->pack != NULL && (a->vignettes != NULL) != (a->cases != NULL) &&
                 a->eval.threads > 0 && a->eval.max_questions > 0
             ? 0
             : -1;
}

/* Sets the pair on the pack; the levels below urgent care keep the pack's
   own (`given`) unless that would make a less urgent level need less. */
static void S_set(symcheck_pack *pack, const double *given, double emergency, double urgent) {
  double *e = pack->info.settings.escalation;
  memcpy(e, given, SYMCHECK_LEVEL_COUNT * sizeof *e);
  e[SYMCHECK_LEVEL_AMBULANCE] = emergency;
  e[SYMCHECK_LEVEL_EMERGENCY] = emergency;
  e[SYMCHECK_LEVEL_URGENT_CARE] = urgent;
  for (int level = SYMCHECK_LEVEL_PRIMARY_CARE_SOON; level >= 0; level--) {
    e[level] = e[level] < e[level + 1] ? e[level + 1] : e[level];
  }
}

static symcheck_eval_report *S_run(const S_args *a, const symcheck_pack *pack,
                                   const symcheck_ddxplus *data, symcheck_error *err) {
  return data != NULL ? symcheck_eval_ddxplus(data, pack, &a->eval, err)
                      : symcheck_eval_vignettes(pack, a->vignettes, &a->eval, err);
}

static int S_sweep(const S_args *a, symcheck_pack *pack, const symcheck_ddxplus *data) {
  double given[SYMCHECK_LEVEL_COUNT];
  memcpy(given, pack->info.settings.escalation, sizeof given);
  printf("%9s %7s %6s %8s %8s %12s %6s\n", "emergency", "urgent", "n", "under%", "over%",
         "em. missed", "IL");
  for (size_t i = 0; i < sizeof S_EMERGENCY / sizeof S_EMERGENCY[0]; i++) {
    for (size_t j = 0; j < sizeof S_URGENT / sizeof S_URGENT[0]; j++) {
      if (S_URGENT[j] < S_EMERGENCY[i]) {
        continue;
      }
      S_set(pack, given, S_EMERGENCY[i], S_URGENT[j]);
      symcheck_error err = {0};
      symcheck_eval_report *r = S_run(a, pack, data, &err);
      if (r == NULL) {
        fprintf(stderr, "bench_triage_sweep: %s: %s\n", err.file, err.message);
        return 1;
      }
      const symcheck_eval_metrics *m = &r->overall;
      printf("%9.2f %7.2f %6zu %8.1f %8.1f %6.0f of %3zu %6.1f\n", S_EMERGENCY[i], S_URGENT[j],
             m->n, 100 * m->under_triage, 100 * m->over_triage,
             m->emergencies > 0 ? m->emergency_missed * (double)m->emergencies : 0.0,
             m->emergencies, m->il);
      fflush(stdout);
      symcheck_eval_report_free(r);
    }
  }
  return 0;
}

int main(int argc, char **argv) {
  S_args a = {.eval = symcheck_eval_defaults()};
  if (S_parse(argc, argv, &a) != 0) {
    return S_usage();
  }
  symcheck_diagnostics d = {0};
  symcheck_pack *pack = symcheck_pack_load(a.pack, &d);
  symcheck_diagnostics_free(&d);
  if (pack == NULL) {
    fprintf(stderr, "bench_triage_sweep: the pack %s does not load (symcheck pack check)\n",
            a.pack);
    return 1;
  }
  symcheck_ddxplus *data = NULL;
  symcheck_error err = {0};
  if (a.cases != NULL) {
    data = symcheck_ddxplus_load(a.data != NULL ? a.data : ".", &err);
    if (data == NULL || symcheck_ddxplus_read_patients(data, a.cases, &err) < 0) {
      fprintf(stderr, "bench_triage_sweep: %s: %s\n", err.file, err.message);
      symcheck_ddxplus_free(data);
      symcheck_pack_free(pack);
      return 1;
    }
  }
  int rc = S_sweep(&a, pack, data);
  symcheck_ddxplus_free(data);
  symcheck_pack_free(pack);
  return rc;
}
