/*
 * cmd_pack.c - `symcheck pack check DIR` validates a pack and prints every
 * error as FILE:LINE: FIELD: MESSAGE; `symcheck pack show DIR [CONDITION]`
 * prints its content as text, or with --json exactly symcheck_pack_json()
 * or symcheck_condition_json(); `symcheck pack sources DIR` lists every
 * source with what cites it (symcheck_sources_json()).
 */
#include "cli_print.h"
#include "cli_util.h"
#include "commands.h"

#include <stdlib.h>
#include <string.h>

static const char S_USAGE[] =
    "usage: symcheck pack check DIR\n"
    "       symcheck pack show DIR [CONDITION] [--json]\n"
    "       symcheck pack sources DIR\n"
    "  check   validate every file of the pack; exit 1 when anything is wrong\n"
    "  show    summarise the pack, or one condition, as text or JSON\n"
    "  sources list every source with what cites it (conditions, findings, red flags)\n"
    "examples:\n"
    "  symcheck pack check packs/anorectal\n"
    "  symcheck pack show packs/anorectal haemorrhoids --json\n"
    "  symcheck pack sources packs/anorectal\n";

/* Most of a condition's symptoms listed by `pack show DIR CONDITION`. */
#define S_MAX_SYMPTOMS 8

/* The percentage `part` is of `whole` (0 when whole is 0). */
static double S_percent(size_t part, size_t whole) {
  return whole > 0 ? 100.0 * (double)part / (double)whole : 0.0;
}

/* What a clean pack still lacks: cited numbers that do not say where in
   the source, undated sources and sources without their authors. */
static void S_print_warnings(const symcheck_pack *pack, const symcheck_pack_stats *stats) {
  if (stats->without_where > 0) {
    printf("warning: %zu cited numbers and red flags do not say where in the source they come "
           "from (add where: \"Table 2\")\n",
           stats->without_where);
  }
  size_t undated = 0, unrecorded = 0;
  for (size_t i = 0; i < symcheck_pack_source_count(pack); i++) {
    const symcheck_source *s = symcheck_pack_source(pack, i);
    undated += s->undated;
    unrecorded += s->authors != NULL && strncmp(s->authors, "not yet recorded", 16) == 0;
  }
  if (undated > 0) {
    printf("warning: %zu sources are web pages recorded without a date (year: n.d.)\n", undated);
  }
  if (unrecorded > 0) {
    printf("warning: %zu sources do not yet record their authors (authors: not yet recorded)\n",
           unrecorded);
  }
}

static int S_check(const char *dir) {
  char *path = cli_resolve_pack_dir(dir);
  if (path == NULL) {
    fprintf(stderr, "symcheck pack: out of memory\n");
    return CLI_EXIT_FAILURE;
  }
  if (cli_pack_missing("pack check", path, "symcheck pack check DIR, e.g. packs/anorectal")) {
    free(path);
    return CLI_EXIT_FAILURE;
  }
  symcheck_diagnostics diagnostics = {0};
  symcheck_pack *pack = symcheck_pack_load(path, &diagnostics);
  for (size_t i = 0; i < diagnostics.count; i++) {
    cli_print_error(stdout, path, &diagnostics.items[i]);
  }
  int status = CLI_EXIT_FAILURE;
  if (pack != NULL) {
    symcheck_pack_stats stats = symcheck_pack_get_stats(pack);
    printf("ok: %zu complaints, %zu findings, %zu conditions, %zu red flags; "
           "%zu of %zu probabilities cite a source\n",
           symcheck_pack_complaint_count(pack), symcheck_pack_finding_count(pack),
           symcheck_pack_condition_count(pack), symcheck_pack_red_flag_count(pack), stats.sourced,
           stats.probabilities);
    S_print_warnings(pack, &stats);
    if (stats.compound_warnings > 0) {
      printf("warning: %zu question%s ask%s more than one thing (allowed: the pack is "
             "generated)\n",
             stats.compound_warnings, stats.compound_warnings == 1 ? "" : "s",
             stats.compound_warnings == 1 ? "s" : "");
    }
    status = CLI_EXIT_OK;
  } else if (diagnostics.count == 0) {
    printf("%s: the pack could not be loaded\n", path);
  } else {
    printf("%zu error%s in %s\n", diagnostics.count, diagnostics.count == 1 ? "" : "s", path);
  }
  symcheck_diagnostics_free(&diagnostics);
  symcheck_pack_free(pack);
  free(path);
  return status;
}

static int S_print_json(json_t *json) {
  char *text = json != NULL ? json_dumps(json, JSON_INDENT(2)) : NULL;
  json_decref(json);
  if (text == NULL) {
    fprintf(stderr, "symcheck pack: out of memory\n");
    return CLI_EXIT_FAILURE;
  }
  printf("%s\n", text);
  free(text);
  return CLI_EXIT_OK;
}

static void S_print_citation(const symcheck_citation *citation) {
  printf(" [%s%s%s]", citation->source != NULL ? citation->source->key : "estimate",
         citation->where != NULL ? ", " : "", citation->where != NULL ? citation->where : "");
}

/* Who a finding applies to, e.g. " (ages 12-120, female)"; "" for all. */
static void S_print_applies(const symcheck_applies *a) {
  if (a->has_ages && a->has_sex) {
    printf(" (ages %d-%d, %s)", a->min_age, a->max_age, symcheck_sex_id(a->sex));
  } else if (a->has_ages) {
    printf(" (ages %d-%d)", a->min_age, a->max_age);
  } else if (a->has_sex) {
    printf(" (%s)", symcheck_sex_id(a->sex));
  }
}

/* The universal safety screen every complaint asks first. */
static void S_show_screen(const symcheck_pack *pack) {
  size_t n = symcheck_pack_screen_count(pack);
  if (n == 0) {
    return;
  }
  printf("\nUniversal safety screen (screen.yaml, asked first in every complaint):\n");
  for (size_t i = 0; i < n; i++) {
    const symcheck_finding *f = symcheck_pack_finding(pack, i);
    printf("  %-28s %s", f->id, f->question);
    S_print_applies(&f->applies);
    printf("\n");
  }
}

/* The conditions by review state: reviewed (by whom, when), then not yet. */
static void S_show_reviews(const symcheck_pack *pack) {
  size_t n = symcheck_pack_condition_count(pack), reviewed = 0;
  for (size_t i = 0; i < n; i++) {
    reviewed += symcheck_pack_condition(pack, i)->review.by != NULL;
  }
  if (n == 0) {
    return;
  }
  printf("\nReviewed by a clinician (%zu):\n", reviewed);
  for (size_t i = 0; i < n; i++) {
    const symcheck_condition *c = symcheck_pack_condition(pack, i);
    if (c->review.by != NULL) {
      printf("  %-28s %s, %s%s%s\n", c->id, c->review.by, c->review.date,
             c->review.sources_version != NULL ? ", sources " : "",
             c->review.sources_version != NULL ? c->review.sources_version : "");
    }
  }
  printf("Not yet reviewed by a clinician (%zu):\n ", n - reviewed);
  for (size_t i = 0; i < n; i++) {
    const symcheck_condition *c = symcheck_pack_condition(pack, i);
    if (c->review.by == NULL) {
      printf(" %s", c->id);
    }
  }
  putchar('\n');
}

static void S_show_pack(const symcheck_pack *pack) {
  const symcheck_pack_info *info = symcheck_pack_get_info(pack);
  symcheck_pack_stats stats = symcheck_pack_get_stats(pack);
  printf("%s (%s %s, %s), last reviewed %s, licence %s\n", info->title, info->id, info->version,
         info->language, info->last_reviewed, info->licence);
  printf("%zu of %zu probabilities cite a source; %zu are estimates.\n", stats.sourced,
         stats.probabilities, stats.estimates);
  printf("\nComplaints (%zu):\n", symcheck_pack_complaint_count(pack));
  for (size_t i = 0; i < symcheck_pack_complaint_count(pack); i++) {
    const symcheck_complaint *complaint = symcheck_pack_complaint(pack, i);
    const char *unlisted = complaint->listed ? "" : "; not listed: reachable by id only";
    if (complaint->condition_count == 0) {
      printf("  %-28s %s (triage only: no conditions%s)\n", complaint->id, complaint->name,
             unlisted);
    } else {
      printf("  %-28s %s (%zu conditions%s)\n", complaint->id, complaint->name,
             complaint->condition_count, unlisted);
    }
  }
  S_show_screen(pack);
  printf("\nConditions (%zu), with the share of their numbers that cite a source:\n",
         symcheck_pack_condition_count(pack));
  for (size_t i = 0; i < symcheck_pack_condition_count(pack); i++) {
    const symcheck_condition *condition = symcheck_pack_condition(pack, i);
    symcheck_pack_stats own = symcheck_condition_stats(condition);
    printf("  %-28s %s; %s; %s%s; cited %zu of %zu (%.0f%%)\n", condition->id, condition->name,
           symcheck_rarity_label(condition->rarity), cli_level_words(condition->urgency),
           condition->urgency_by_age_count > 0 ? " (another level at some ages)" : "", own.sourced,
           own.probabilities, S_percent(own.sourced, own.probabilities));
  }
  printf("  %-28s cited %zu of %zu (%.0f%%)\n", "(pack total)", stats.sourced, stats.probabilities,
         S_percent(stats.sourced, stats.probabilities));
  S_show_reviews(pack);
  printf("\n%zu findings, %zu red flags, %zu sources.\n", symcheck_pack_finding_count(pack),
         symcheck_pack_red_flag_count(pack), symcheck_pack_source_count(pack));
}

static void S_print_names(const char *title, const symcheck_finding *const *findings,
                          size_t count) {
  if (count == 0) {
    return;
  }
  printf("%s: ", title);
  for (size_t i = 0; i < count; i++) {
    printf("%s%s", i > 0 ? ", " : "", findings[i]->name);
  }
  putchar('\n');
}

/* The usual urgency, then each age range with another one, with what each
   rests on (no person is known here). */
static void S_show_urgency(const symcheck_condition *condition) {
  printf("\nHow soon to get care: %s", cli_level_words(condition->urgency));
  if (condition->urgency_citation.source != NULL || condition->urgency_citation.estimate) {
    S_print_citation(&condition->urgency_citation);
  }
  putchar('\n');
  for (size_t i = 0; i < condition->urgency_by_age_count; i++) {
    const symcheck_age_urgency *entry = &condition->urgency_by_age[i];
    printf("  Aged %d to %d: %s", entry->min_age, entry->max_age, cli_level_words(entry->urgency));
    S_print_citation(&entry->citation);
    if (entry->citation.note != NULL) {
      printf(" (%s)", entry->citation.note);
    }
    putchar('\n');
  }
}

static void S_show_condition(const symcheck_condition *condition) {
  printf("%s (ICD-10 %s%s%s)\n%s\n", condition->name, condition->icd10,
         condition->snomed != NULL ? ", SNOMED CT " : "",
         condition->snomed != NULL ? condition->snomed : "", condition->summary);
  symcheck_pack_stats own = symcheck_condition_stats(condition);
  printf("Cited: %zu of %zu numbers (%.0f%%)\n", own.sourced, own.probabilities,
         S_percent(own.sourced, own.probabilities));
  if (condition->review.by != NULL) {
    printf("Reviewed by %s on %s\n", condition->review.by, condition->review.date);
  } else {
    printf("Not yet reviewed by a clinician\n");
  }
  printf("Rarity: %s, %s", symcheck_rarity_label(condition->rarity), condition->prevalence);
  S_print_citation(&condition->prevalence_citation);
  S_show_urgency(condition);
  const symcheck_finding *findings[S_MAX_SYMPTOMS];
  S_print_names("Top symptoms", findings,
                symcheck_condition_top_symptoms(condition, findings, S_MAX_SYMPTOMS));
  S_print_names("Always occurs with", findings,
                symcheck_condition_always(condition, findings, S_MAX_SYMPTOMS));
  printf("Likelihoods (%zu):\n", condition->likelihood_count);
  for (size_t i = 0; i < condition->likelihood_count; i++) {
    const symcheck_likelihood *likelihood = &condition->likelihoods[i];
    const symcheck_finding *finding = likelihood->finding;
    printf("  %s:", finding->id);
    size_t count = finding->type == SYMCHECK_ANSWER_YES_NO ? 1 : finding->option_count;
    for (size_t o = 0; o < count; o++) {
      printf(" %s %.3g", finding->options[o].id, likelihood->p[o]);
    }
    S_print_citation(&likelihood->citation);
    putchar('\n');
  }
  printf("At home: %s\nSee a doctor: %s\n", condition->self_care, condition->see_doctor);
}

static int S_show(const char *dir, const char *condition_id, bool json) {
  symcheck_pack *pack =
      cli_load_pack("pack show", dir, "symcheck pack show DIR, e.g. packs/anorectal");
  if (pack == NULL) {
    return CLI_EXIT_FAILURE;
  }
  int status = CLI_EXIT_OK;
  const symcheck_condition *condition = NULL;
  if (condition_id != NULL) {
    condition = symcheck_pack_find_condition(pack, condition_id);
    if (condition == NULL) {
      fprintf(stderr,
              "symcheck pack show: unknown condition '%s'; 'symcheck pack show %s' "
              "lists them\n",
              condition_id, dir);
      status = CLI_EXIT_USAGE;
    }
  }
  if (status == CLI_EXIT_OK && json) {
    status = S_print_json(condition != NULL ? symcheck_condition_json(pack, condition)
                                            : symcheck_pack_json(pack));
  } else if (status == CLI_EXIT_OK && condition != NULL) {
    S_show_condition(condition);
  } else if (status == CLI_EXIT_OK) {
    S_show_pack(pack);
  }
  symcheck_pack_free(pack);
  return status;
}

/* A JSON string member, or "" when absent or null. */
static const char *S_text(const json_t *object, const char *key) {
  const char *text = json_string_value(json_object_get(object, key));
  return text != NULL ? text : "";
}

/* "a (3), b (1)" for a list of {id, numbers} or "a, b" for {id}. */
static void S_print_ids(const char *label, const json_t *list, const char *id_key) {
  if (json_array_size(list) == 0) {
    return;
  }
  printf("    %s: ", label);
  size_t i;
  const json_t *item;
  json_array_foreach(list, i, item) {
    printf("%s%s", i > 0 ? ", " : "", S_text(item, id_key));
    json_int_t n = json_integer_value(json_object_get(item, "numbers"));
    if (n > 0) {
      printf(" (%lld)", (long long)n);
    }
  }
  putchar('\n');
}

/* One source: the reference as a reader would cite it, then what it
   supports. */
static void S_print_source(const json_t *s) {
  const json_t *year = json_object_get(s, "year");
  char when[16];
  if (json_is_integer(year)) {
    snprintf(when, sizeof when, "%lld", (long long)json_integer_value(year));
  } else {
    snprintf(when, sizeof when, "%s", json_is_string(year) ? json_string_value(year) : "n.d.");
  }
  const char *in = S_text(s, "journal")[0] != '\0' ? S_text(s, "journal") : S_text(s, "publisher");
  printf("%s [grade %s]\n  %s (%s). %s.%s%s\n", S_text(s, "key"), S_text(s, "grade"),
         S_text(s, "authors"), when, S_text(s, "title"), in[0] != '\0' ? " " : "", in);
  if (S_text(s, "doi")[0] != '\0') {
    printf("  https://doi.org/%s\n", S_text(s, "doi"));
  }
  printf("  %s\n", S_text(s, "url"));
  const json_t *by = json_object_get(s, "cited_by");
  json_int_t numbers = json_integer_value(json_object_get(s, "numbers"));
  printf("  supports %lld number%s\n", (long long)numbers, numbers == 1 ? "" : "s");
  S_print_ids("conditions", json_object_get(by, "conditions"), "id");
  S_print_ids("finding defaults", json_object_get(by, "findings"), "id");
  S_print_ids("red flags", json_object_get(by, "red_flags"), "finding");
  S_print_ids("urgency of", json_object_get(by, "urgencies"), "id");
}

static int S_sources(const char *dir) {
  symcheck_pack *pack =
      cli_load_pack("pack sources", dir, "symcheck pack sources DIR, e.g. packs/anorectal");
  if (pack == NULL) {
    return CLI_EXIT_FAILURE;
  }
  json_t *list = symcheck_sources_json(pack);
  if (list == NULL) {
    fprintf(stderr, "symcheck pack sources: out of memory\n");
    symcheck_pack_free(pack);
    return CLI_EXIT_FAILURE;
  }
  printf("%zu sources of %s:\n", json_array_size(list), symcheck_pack_get_info(pack)->id);
  size_t i;
  const json_t *s;
  json_array_foreach(list, i, s) {
    putchar('\n');
    S_print_source(s);
  }
  json_decref(list);
  symcheck_pack_free(pack);
  return CLI_EXIT_OK;
}

/* Parses `show DIR [CONDITION] [--json]` (argv[0] is "show"). */
static int S_parse_show(int argc, char **argv) {
  const char *positional[2] = {NULL, NULL};
  size_t positional_count = 0;
  bool json = false;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--json") == 0) {
      json = true;
    } else if (argv[i][0] == '-' || positional_count == 2) {
      return cli_usage_error("pack show", S_USAGE, "unexpected argument '%s'", argv[i]);
    } else {
      positional[positional_count++] = argv[i];
    }
  }
  if (positional_count == 0) {
    return cli_usage_error("pack show", S_USAGE, "missing the pack folder DIR");
  }
  return S_show(positional[0], positional[1], json);
}

int cmd_pack(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (cli_is_help(argv[i])) {
      fputs(S_USAGE, stdout);
      return CLI_EXIT_OK;
    }
  }
  if (argc < 2) {
    return cli_usage_error("pack", S_USAGE, "missing the action: check or show");
  }
  if (strcmp(argv[1], "check") == 0) {
    if (argc != 3 || argv[2][0] == '-') {
      return cli_usage_error("pack check", S_USAGE, "expects exactly one pack folder DIR");
    }
    return S_check(argv[2]);
  }
  if (strcmp(argv[1], "show") == 0) {
    return S_parse_show(argc - 1, argv + 1);
  }
  if (strcmp(argv[1], "sources") == 0) {
    if (argc != 3 || argv[2][0] == '-') {
      return cli_usage_error("pack sources", S_USAGE, "expects exactly one pack folder DIR");
    }
    return S_sources(argv[2]);
  }
  return cli_usage_error("pack", S_USAGE, "unknown action '%s'; use check, show or sources",
                         argv[1]);
}
