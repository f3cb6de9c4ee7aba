/*
 * cmd_eval.c - `symcheck eval`: measures packs by replaying cases through
 * the real interview (DDXPlus patients, or the clinical vignettes of a
 * folder and its sub-folders, each vignette in the pack of its complaint)
 * and prints the figures as a table or JSON: for vignettes, triage the way
 * the symptom-checker studies report it, per set. The replay, metrics and
 * per-fold refitting are in the library (evaluate*.c, vignette.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_util.h"
#include "commands.h"
#include "symcheck_eval.h"

static const char S_usage[] =
    "usage: symcheck eval --pack DIR [--pack DIR...] --cases FILE|DIR\n"
    "                     [--format ddxplus|vignettes]\n"
    "                     [--folds K] [--max-questions 30] [--threads N] [--json]\n"
    "                     [--data DIR] [--limit N] [--reliability-svg FILE]\n"
    "                     [--clinical FILE]\n"
    "\n"
    "Replays each case through the interview and prints GTPA@1/3/5, GTPA, IL, PER,\n"
    "PEP, DDR/DDP/DDF1, severe rule-in/out, ECE, Brier and interviews per second.\n"
    "--folds K refits the pack on K-1 folds for each fold (DDXPlus; --pack is then\n"
    "not needed). --data is the folder of release_evidences.json and\n"
    "release_conditions.json (default: the folder of the cases file, or its parent).\n"
    "--clinical is the clinical overlay each fold's pack is fitted with (default:\n"
    "packs/ddxplus/clinical.yaml, from the repository root); with --pack and no\n"
    "folds, the pack folder's own clinical.yaml (its lay answers) when it has one.\n"
    "For vignettes, --cases is a folder of *.yaml cases; each sub-folder is a set.\n"
    "--pack may be given up to 16 times: each vignette runs in the pack its `pack:`\n"
    "names, or else the first pack holding its complaint. Per set it prints\n"
    "emergencies missed, under-, over- and exactly triaged, safe, appropriate\n"
    "(same em/ne/sc class), self-care kept, top-1/top-3, then coverage: complaint\n"
    "fits (not the general entry, and in the first 3 of the search for the case's\n"
    "`search:` words when it has them) and diagnosis known to a pack; and questions.\n"
    "\n"
    "example: symcheck eval --cases ../shared/data/ddxplus/release_test_patients_mini_version.txt"
    " --folds 5\n";

typedef struct S_args {
  const char *pack[SYMCHECK_EVAL_MAX_PACKS];
  size_t pack_count;
  bool too_many_packs;
  const char *cases, *format, *data, *svg;
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
    a->too_many_packs = a->pack_count == SYMCHECK_EVAL_MAX_PACKS;
    a->pack[a->too_many_packs ? a->pack_count - 1 : a->pack_count++] = value;
  } else if (strcmp(name, "--cases") == 0) {
    a->cases = value;
  } else if (strcmp(name, "--format") == 0 &&
             (strcmp(value, "ddxplus") == 0 || strcmp(value, "vignettes") == 0)) {
    a->format = value;
  } else if (strcmp(name, "--data") == 0) {
    a->data = value;
  } else if (strcmp(name, "--clinical") == 0) {
    a->eval.fit.clinical = value;
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

/* The one-line error for an option S_option refused: what the option takes
   when it is known, else that it is unknown. */
static int S_fail_option(const char *name, const char *value) {
  static const struct {
    const char *name, *takes;
  } known[] = {
      {"--format", "ddxplus or vignettes"},
      {"--folds", "a whole number of folds from 2 to 100 (leave it out to evaluate without "
                  "cross-validation)"},
      {"--max-questions", "a whole number from 1 to 200"},
      {"--threads", "a whole number from 1 to 256"},
      {"--limit", "a whole number of cases from 1 to 100000000"},
  };
  char message[256];
  for (size_t k = 0; k < sizeof known / sizeof known[0]; k++) {
    if (strcmp(name, known[k].name) == 0) {
      snprintf(message, sizeof message, "%s takes %s, not '", name, known[k].takes);
      fprintf(stderr, "symcheck eval: %s%s'\n%s", message, value != NULL ? value : "", S_usage);
      return 2;
    }
  }
  return S_fail(value == NULL ? "unknown option, or an option without its value: "
                              : "unknown option: ",
                name);
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

static void S_print_text(const symcheck_eval_report *r) {
  printf("%-34s %6s %6s %6s %6s %6s %5s %6s %6s %6s %6s %6s %6s %6s %6s %6s\n", "", "n", "@1", "@3",
         "@5", "GTPA", "IL", "PER", "PEP", "DDR", "DDP", "DDF1", "rulein", "ruleout", "ECE",
         "Brier");
  S_row("overall", &r->overall);
  S_row("ceiling (every evidence given)", &r->ceiling);
  for (size_t c = 0; c < r->condition_count; c++) {
    if (r->per_condition[c].n > 0) {
      S_row(r->condition_ids[c], &r->per_condition[c]);
    }
  }
  const symcheck_eval_metrics *m = &r->overall;
  printf("triage: %.1f%% under, %.1f%% over the true level; emergencies given less: %.0f of %zu\n",
         100 * m->under_triage, 100 * m->over_triage,
         m->emergencies > 0 ? m->emergency_missed * (double)m->emergencies : 0.0, m->emergencies);
  if (r->overall.screen_questions > 0) {
    printf("IL leaves out the universal safety screen: %.2f more questions per interview.\n",
           r->overall.screen_questions);
  }
  printf("interviews per second per core: %.0f (%zu threads)\n", r->overall.interviews_per_second,
         r->threads);
  printf("folds: %zu; max questions: %d. Rates in %%.\n%s\n", r->folds, r->max_questions,
         SYMCHECK_NOTICE);
}

/* "k of n (x%)", or "k of 0 (no case)": never a NaN. */
static const char *S_share(size_t k, size_t n, char *buf, size_t size) {
  if (n == 0) {
    snprintf(buf, size, "%zu of 0 (no case)", k);
  } else {
    snprintf(buf, size, "%zu of %zu (%.1f%%)", k, n, 100.0 * (double)k / (double)n);
  }
  return buf;
}

static void S_print_case(const symcheck_eval_case *k) {
  char want[64];
  if (k->triage >= 0) {
    snprintf(want, sizeof want, "triage %s, got %s",
             symcheck_triage_class_id((symcheck_triage_class)k->triage),
             symcheck_triage_class_id(symcheck_level_class(k->level)));
  } else {
    snprintf(want, sizeof want, "lowest safe %s", symcheck_level_id(k->min_level));
  }
  char search[64] = "";
  if (k->search[0] != '\0' && k->search_rank >= 0) {
    snprintf(search, sizeof search, "; search finds it %d.", k->search_rank + 1);
  } else if (k->search[0] != '\0') {
    snprintf(search, sizeof search, "; search misses it");
  }
  printf("case %-44s %-12s %-10s %-22s expected %-24s top %-24s level %-17s (%s), %zu questions "
         "(%zu screen)%s\n",
         k->id, k->set, k->pack, k->complaint, k->expected[0] ? k->expected : "(no pack knows)",
         k->top[0][0] ? k->top[0] : "-", symcheck_level_id(k->level), want, k->questions,
         k->screen_questions, search);
}

static void S_print_set(const symcheck_eval_set *s) {
  char a[64], b[64], c[64], d[64], e[64];
  printf("\nset %s: %zu cases\n", s->name, s->cases);
  printf("  emergencies missed (sent below emergency): %zu of %zu\n", s->emergencies_missed,
         s->emergencies);
  printf("  under-triaged %s; over-triaged %s; exact %s\n", S_share(s->under, s->cases, a, 64),
         S_share(s->over, s->cases, b, 64), S_share(s->exact, s->cases, c, 64));
  printf("  safe %s; appropriate (same em/ne/sc class) %s; self-care cases sent to self-care "
         "%s\n",
         S_share(s->safe, s->cases, a, 64), S_share(s->appropriate, s->cases, b, 64),
         S_share(s->self_care_kept, s->self_care, c, 64));
  printf("  diagnosis known: top-1 %s, top-3 %s; over all cases: top-1 %s, top-3 %s\n",
         S_share(s->top1, s->known, a, 64), S_share(s->top3, s->known, b, 64),
         S_share(s->top1, s->cases, c, 64), S_share(s->top3, s->cases, d, 64));
  printf("  complaint fits: %s\n", S_share(s->complaint_fits, s->cases, a, 64));
  printf("  diagnosis known to a pack: %s\n", S_share(s->known, s->cases, e, 64));
  printf("  questions: %.1f per case, of them %.1f screen questions\n", s->questions,
         s->screen_questions);
}

static void S_print_vignettes(const symcheck_eval_report *r) {
  for (size_t i = 0; i < r->case_count; i++) {
    S_print_case(&r->cases[i]);
  }
  for (size_t k = 0; k < r->set_count; k++) {
    S_print_set(&r->sets[k]);
  }
  if (r->set_count > 1) {
    S_print_set(&r->all);
  }
  for (size_t k = 0; k < r->unused_pack_count; k++) {
    printf("pack %s: no case used it\n", r->unused_packs[k]);
  }
  printf("max questions: %d.\n%s\n", r->max_questions, SYMCHECK_NOTICE);
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
  } else if (vignettes) {
    S_print_vignettes(r);
  } else {
    S_print_text(r);
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

/* Loads every --pack into packs; false (after saying which) if one fails. */
static bool S_load_packs(const S_args *a, symcheck_pack **packs) {
  for (size_t k = 0; k < a->pack_count; k++) {
    if (cli_pack_missing("eval", a->pack[k], "--pack DIR, e.g. --pack packs/anorectal")) {
      return false;
    }
    if ((packs[k] = S_load_pack(a->pack[k])) == NULL) {
      fprintf(stderr, "symcheck eval: the pack %s does not load\n", a->pack[k]);
      return false;
    }
  }
  return true;
}

/* "symcheck eval: FILE:LINE: FIELD: MESSAGE", the parts that are known. */
static void S_print_error(const symcheck_error *err) {
  fprintf(stderr, "symcheck eval: ");
  if (err->file[0] != '\0') {
    fprintf(stderr, "%s:", err->file);
    if (err->line > 0) {
      fprintf(stderr, "%d:", err->line);
    }
    fputc(' ', stderr);
  }
  fprintf(stderr, "%s%s%s\n", err->field, err->field[0] ? ": " : "", err->message);
}

static int S_run(const S_args *a) {
  struct stat st;
  if (stat(a->cases, &st) != 0) {
    fprintf(stderr,
            "symcheck eval: cannot open --cases %s; give a DDXPlus patients file or a folder "
            "of vignettes, e.g. --cases tests/vignettes\n",
            a->cases);
    return 1;
  }
  bool vignettes = a->format != NULL ? strcmp(a->format, "vignettes") == 0 : S_is_dir(a->cases);
  symcheck_pack *packs[SYMCHECK_EVAL_MAX_PACKS] = {0};
  int rc = 1;
  if (S_load_packs(a, packs)) {
    symcheck_error err = {0};
    symcheck_eval_report *r =
        vignettes ? symcheck_eval_vignette_sets((const symcheck_pack *const *)packs, a->pack_count,
                                                a->cases, &a->eval, &err)
                  : S_ddxplus(a, packs[0], &err);
    if (r == NULL) {
      S_print_error(&err);
    } else {
      rc = S_output(a, r, vignettes);
    }
    symcheck_eval_report_free(r);
  }
  for (size_t k = 0; k < a->pack_count; k++) {
    symcheck_pack_free(packs[k]);
  }
  return rc;
}

/* True when the one pack given (no folds) holds its own clinical.yaml,
   which the evaluation then reads. */
static bool S_pack_has_overlay(const S_args *a) {
  char path[1100];
  snprintf(path, sizeof path, "%s/clinical.yaml", a->pack_count > 0 ? a->pack[0] : "");
  return a->eval.folds < 2 && a->pack_count > 0 && access(path, R_OK) == 0;
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
      return S_fail_option(argv[i], i + 1 < argc ? argv[i + 1] : NULL);
    } else {
      i++;
    }
  }
  if (a.cases == NULL) {
    return S_fail("--cases is required", NULL);
  }
  bool vignettes = a.format != NULL ? strcmp(a.format, "vignettes") == 0 : S_is_dir(a.cases);
  if (a.eval.fit.clinical == NULL && !S_pack_has_overlay(&a) &&
      (a.eval.folds >= 2 || access("packs/ddxplus/clinical.yaml", R_OK) == 0)) {
    a.eval.fit.clinical = "packs/ddxplus/clinical.yaml";
  }
  if (a.pack_count == 0 && (vignettes || a.eval.folds < 2)) {
    return S_fail("--pack is required (except for DDXPlus with --folds)", NULL);
  }
  if (a.too_many_packs) {
    return S_fail("at most 16 --pack; drop the packs no case uses", NULL);
  }
  if (!vignettes && a.pack_count > 1) {
    return S_fail("DDXPlus takes one --pack; several are for --format vignettes", NULL);
  }
  return S_run(&a);
}
