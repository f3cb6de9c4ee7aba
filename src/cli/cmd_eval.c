/*
 * cmd_eval.c - `symcheck eval`: measures a pack by replaying cases through
 * the real interview (DDXPlus patients, or the clinical vignettes of a
 * folder) and prints the figures as a table or JSON. The replay, metrics
 * and per-fold refitting are in the library (evaluate.c, vignette.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "commands.h"
#include "symcheck_eval.h"

static const char S_usage[] =
    "usage: symcheck eval --pack DIR --cases FILE|DIR [--format ddxplus|vignettes]\n"
    "                     [--folds K] [--max-questions 30] [--threads N] [--json]\n"
    "                     [--data DIR] [--limit N] [--reliability-svg FILE]\n"
    "\n"
    "Replays each case through the interview and prints GTPA@1/3/5, GTPA, IL, PER,\n"
    "PEP, DDR/DDP/DDF1, severe rule-in/out, ECE, Brier and interviews per second.\n"
    "--folds K refits the pack on K-1 folds for each fold (DDXPlus; --pack is then\n"
    "not needed). --data is the folder of release_evidences.json and\n"
    "release_conditions.json (default: the folder of the cases file, or its parent).\n"
    "For vignettes, --cases is the folder of *.yaml cases.\n"
    "\n"
    "example: symcheck eval --cases ../shared/data/ddxplus/release_test_patients_mini_version.txt"
    " --folds 5\n";

typedef struct S_args {
  const char *pack, *cases, *format, *data, *svg;
  bool json;
  symcheck_eval_options eval;
} S_args;

static int S_fail(const char *message, const char *detail) {
  fprintf(stderr, "symcheck eval: %s%s\n%s", message, detail != NULL ? detail : "", S_usage);
  return 2;
}

static int S_count(const char *text, long min, long max, long *out) {
  char *end;
  *out = strtol(text, &end, 10);
  return end != text && *end == '\0' && *out >= min && *out <= max ? 0 : -1;
}

static int S_option(S_args *a, const char *name, const char *value) {
  long n = 0;
  if (strcmp(name, "--pack") == 0) {
    a->pack = value;
  } else if (strcmp(name, "--cases") == 0) {
    a->cases = value;
  } else if (strcmp(name, "--format") == 0 &&
             (strcmp(value, "ddxplus") == 0 || strcmp(value, "vignettes") == 0)) {
    a->format = value;
  } else if (strcmp(name, "--data") == 0) {
    a->data = value;
  } else if (strcmp(name, "--reliability-svg") == 0) {
    a->svg = value;
  } else if (strcmp(name, "--folds") == 0 && S_count(value, 2, 100, &n) == 0) {
    a->eval.folds = (size_t)n;
  } else if (strcmp(name, "--max-questions") == 0 && S_count(value, 1, 200, &n) == 0) {
    a->eval.max_questions = (int)n;
  } else if (strcmp(name, "--threads") == 0 && S_count(value, 1, 256, &n) == 0) {
    a->eval.threads = (size_t)n;
  } else if (strcmp(name, "--limit") == 0 && S_count(value, 1, 100000000, &n) == 0) {
    a->eval.limit = (size_t)n;
  } else {
    return -1;
  }
  return 0;
}

static bool S_is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The folder holding release_evidences.json: --data, the cases' folder or
   its parent. */
static void S_data_dir(const S_args *a, char *out, size_t size) {
  if (a->data != NULL) {
    snprintf(out, size, "%s", a->data);
    return;
  }
  const char *slash = strrchr(a->cases, '/');
  int len = slash != NULL ? (int)(slash - a->cases) : 1;
  snprintf(out, size, "%.*s", len > 0 ? len : 1, slash != NULL ? a->cases : ".");
  char probe[1100];
  snprintf(probe, sizeof probe, "%s/release_evidences.json", out);
  struct stat st;
  if (stat(probe, &st) != 0) {
    size_t n = strlen(out);
    snprintf(out + n, size - n, "/..");
  }
}

static void S_row(const char *name, const symcheck_eval_metrics *m) {
  printf("%-34.34s %6zu %6.2f %6.2f %6.2f %6.2f %5.1f %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f "
         "%6.3f %6.3f\n",
         name, m->n, 100 * m->gtpa_at_1, 100 * m->gtpa_at_3, 100 * m->gtpa_at_5, 100 * m->gtpa,
         m->il, 100 * m->per, 100 * m->pep, 100 * m->ddr, 100 * m->ddp, 100 * m->ddf1,
         100 * m->severe_rule_in, 100 * m->severe_rule_out, m->ece, m->brier);
}

static void S_print_text(const symcheck_eval_report *r, bool vignettes) {
  printf("%-34s %6s %6s %6s %6s %6s %5s %6s %6s %6s %6s %6s %6s %6s %6s %6s\n", "", "n", "@1", "@3",
         "@5", "GTPA", "IL", "PER", "PEP", "DDR", "DDP", "DDF1", "rulein", "ruleout", "ECE",
         "Brier");
  S_row("overall", &r->overall);
  if (!vignettes) {
    S_row("ceiling (every evidence given)", &r->ceiling);
  }
  for (size_t c = 0; c < r->condition_count; c++) {
    if (r->per_condition[c].n > 0) {
      S_row(r->condition_ids[c], &r->per_condition[c]);
    }
  }
  for (size_t i = 0; i < r->case_count; i++) {
    const symcheck_eval_case *k = &r->cases[i];
    printf("case %-40s expected %-24s top %-24s level %-17s (lowest safe %s), %zu questions\n",
           k->id, k->expected, k->top[0], symcheck_level_id(k->level),
           symcheck_level_id(k->min_level), k->questions);
  }
  const symcheck_eval_metrics *m = &r->overall;
  printf("triage: %.1f%% under, %.1f%% over the true level; emergencies given less: %.0f of %zu\n",
         100 * m->under_triage, 100 * m->over_triage,
         m->emergencies > 0 ? m->emergency_missed * (double)m->emergencies : 0.0, m->emergencies);
  if (vignettes) {
    printf("safe triage: %.1f%%\n", 100 * r->overall.safe_triage);
  } else {
    printf("interviews per second per core: %.0f (%zu threads)\n", r->overall.interviews_per_second,
           r->threads);
  }
  printf("folds: %zu; max questions: %d. Rates in %%.\n%s\n", r->folds, r->max_questions,
         SYMCHECK_NOTICE);
}

static int S_write_svg(const symcheck_eval_report *r, const char *path) {
  char *svg = symcheck_eval_reliability_svg(r);
  FILE *f = svg != NULL ? fopen(path, "w") : NULL;
  int rc = f != NULL && fputs(svg, f) >= 0 ? 0 : -1;
  if (f != NULL && fclose(f) != 0) {
    rc = -1;
  }
  free(svg);
  if (rc != 0) {
    fprintf(stderr, "symcheck eval: cannot write %s\n", path);
  }
  return rc;
}

static int S_output(const S_args *a, const symcheck_eval_report *r, bool vignettes) {
  if (a->json) {
    json_t *json = symcheck_eval_report_json(r);
    char *text = json != NULL ? json_dumps(json, JSON_INDENT(2)) : NULL;
    json_decref(json);
    if (text == NULL) {
      fprintf(stderr, "symcheck eval: out of memory\n");
      return 1;
    }
    puts(text);
    free(text);
  } else {
    S_print_text(r, vignettes);
  }
  return a->svg != NULL && S_write_svg(r, a->svg) != 0 ? 1 : 0;
}

static symcheck_pack *S_load_pack(const char *dir) {
  symcheck_diagnostics diagnostics = {0};
  symcheck_pack *pack = symcheck_pack_load(dir, &diagnostics);
  for (size_t i = 0; pack == NULL && i < diagnostics.count; i++) {
    const symcheck_error *e = &diagnostics.items[i];
    fprintf(stderr, "%s:%d: %s: %s\n", e->file, e->line, e->field, e->message);
  }
  symcheck_diagnostics_free(&diagnostics);
  return pack;
}

static symcheck_eval_report *S_ddxplus(const S_args *a, const symcheck_pack *pack,
                                       symcheck_error *err) {
  char dir[1024];
  S_data_dir(a, dir, sizeof dir);
  symcheck_ddxplus *data = symcheck_ddxplus_load(dir, err);
  if (data == NULL || symcheck_ddxplus_read_patients(data, a->cases, err) < 0) {
    symcheck_ddxplus_free(data);
    return NULL;
  }
  symcheck_eval_report *r = symcheck_eval_ddxplus(data, pack, &a->eval, err);
  symcheck_ddxplus_free(data);
  return r;
}

static int S_run(const S_args *a) {
  struct stat st;
  if (stat(a->cases, &st) != 0) {
    fprintf(stderr, "symcheck eval: cannot open %s\n", a->cases);
    return 1;
  }
  bool vignettes = a->format != NULL ? strcmp(a->format, "vignettes") == 0 : S_is_dir(a->cases);
  symcheck_pack *pack = NULL;
  if (a->pack != NULL && (pack = S_load_pack(a->pack)) == NULL) {
    fprintf(stderr, "symcheck eval: the pack %s does not load\n", a->pack);
    return 1;
  }
  symcheck_error err = {0};
  symcheck_eval_report *r = vignettes ? symcheck_eval_vignettes(pack, a->cases, &a->eval, &err)
                                      : S_ddxplus(a, pack, &err);
  int rc = 1;
  if (r == NULL) {
    fprintf(stderr, "symcheck eval: %s%s%d: %s%s%s\n", err.file, err.file[0] ? ":" : "", err.line,
            err.field, err.field[0] ? ": " : "", err.message);
  } else {
    rc = S_output(a, r, vignettes);
  }
  symcheck_eval_report_free(r);
  symcheck_pack_free(pack);
  return rc;
}

int cmd_eval(int argc, char **argv) {
  S_args a = {.eval = symcheck_eval_defaults()};
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      fputs(S_usage, stdout);
      return 0;
    }
    if (strcmp(argv[i], "--json") == 0) {
      a.json = true;
    } else if (i + 1 >= argc || S_option(&a, argv[i], argv[i + 1]) != 0) {
      return S_fail("unknown option or bad value: ", argv[i]);
    } else {
      i++;
    }
  }
  if (a.cases == NULL) {
    return S_fail("--cases is required", NULL);
  }
  bool vignettes = a.format != NULL ? strcmp(a.format, "vignettes") == 0 : S_is_dir(a.cases);
  if (a.pack == NULL && (vignettes || a.eval.folds < 2)) {
    return S_fail("--pack is required (except for DDXPlus with --folds)", NULL);
  }
  return S_run(&a);
}
