/*
 * ddxplus_clinical.c - reads the hand-written clinical overlay of the
 * DDXPlus pack (clinical.yaml, see docs/evaluation.md): its sources, and per
 * pathology the cited urgency, ICD-10 code, SNOMED CT id (optional) and
 * plain-language name; per
 * evidence the ages and sex it applies to, a hand-written question for a
 * child and the yes/no evidences its "yes" answers "no" (`excludes`); per
 * complaint its lay name, synonyms (English, French), body area and the
 * findings asked first (`ask_first`, cited); the option ids limited to one
 * sex; and a generic text rewrite that
 * turns "Do you ..." questions into "Does {child} ...", whose patterns are
 * data of the overlay. The medical knowledge is in the file; this code only
 * checks its form and its ids against the data set, and stops at the first
 * problem with one line naming the file, line and fix.
 *
 * It reuses the pack loader's YAML readers (pack_load.h), so the overlay is
 * held to the same rules as a pack file (UTF-8, no aliases, no unknown
 * fields).
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddxplus.h"
#include "pack_load.h"

static const char *const S_TOP_FIELDS[] = {
    "sources",     "question_child", "conditions",     "findings",  "body_sites", "scales",
    "corrections", "complaints",     "new_complaints", "red_flags", NULL};
static const char *const S_COMPLAINT_FIELDS[] = {"name",    "group",     "synonyms", "synonyms_fr",
                                                 "article", "ask_first", "listed",   NULL};
static const char *const S_EXTRA_FIELDS[] = {
    "name", "name_fr", "group", "article", "synonyms", "synonyms_fr", "given", "ask_first", NULL};
static const char *const S_ASK_FIRST_FIELDS[] = {"findings", "source", "where",
                                                 "estimate", "note",   NULL};
static const char *const S_SITES_FIELDS[] = {"findings", "options", NULL};
static const char *const S_GROUP_FIELDS[] = {"id",  "label",  "label_fr", "label_child",
                                             "sex", "values", NULL};
static const char *const S_SCALE_FIELDS[] = {"low", "high", "low_fr", "high_fr", "options", NULL};
static const char *const S_SOURCE_FIELDS[] = {
    "key", "authors", "year", "title", "journal", "publisher", "doi", "pmid", "url", "grade", NULL};
static const char *const S_CONDITION_FIELDS[] = {"name",        "icd10", "snomed",   "urgency",
                                                 "source",      "where", "estimate", "note",
                                                 "likelihoods", NULL};
static const char *const S_LIKELIHOOD_FIELDS[] = {"p", "source", "where", "estimate", "note", NULL};
static const char *const S_FINDING_FIELDS[] = {"ages", "sex", "question_child", "excludes", NULL};
static const char *const S_REWRITE_FIELDS[] = {"language", "prefixes", "words", "unless_words",
                                               NULL};
static const char *const S_PAIR_FIELDS[] = {"from", "to", NULL};
static const char *const S_FLAG_FIELDS[] = {"finding", "answer", "also",    "min_age",
                                            "max_age", "level",  "message", "message_fr",
                                            "source",  "where",  "ask_in",  NULL};
static const char *const S_ALSO_FIELDS[] = {"finding", "answer", NULL};
static const char *const S_SEXES[] = {"female", "male"};

#define S_SOURCE_PREFIX "CLN-"

static long S_find_condition_id(const symcheck_ddxplus *data, const char *id) {
  for (size_t c = 0; c < data->condition_count; c++) {
    if (strcmp(data->conditions[c].id, id) == 0) {
      return (long)c;
    }
  }
  return -1;
}

static long S_find_evidence_id(const symcheck_ddxplus *data, const char *id) {
  for (size_t e = 0; e < data->evidence_count; e++) {
    if (strcmp(data->evidences[e].id, id) == 0) {
      return (long)e;
    }
  }
  return -1;
}

static bool S_has_source(const ddx_clinical *cl, const char *key) {
  for (size_t i = 0; i < cl->source_count; i++) {
    if (strcmp(cl->sources[i].key, key) == 0) {
      return true;
    }
  }
  return false;
}

static void S_read_sources(loader *ld, ynode *root, ddx_clinical *cl) {
  ynode *list = yaml_read_list(ld, root, "", "sources", true);
  cl->source_count = yaml_length(list);
  cl->sources = arena_calloc(loader_arena(ld), cl->source_count + 1, sizeof *cl->sources);
  if (cl->sources == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  void *iter = NULL;
  ynode *item;
  for (size_t i = 0; (item = ynode_sequence_iterate(list, &iter)) != NULL; i++) {
    char path[64], index[16];
    snprintf(index, sizeof index, "%zu", i);
    yaml_path_item(path, sizeof path, "sources", index);
    if (!yaml_expect_map(ld, item, path)) {
      continue;
    }
    yaml_check_fields(ld, item, path, S_SOURCE_FIELDS);
    ddx_clinical_source *s = &cl->sources[i];
    s->key = yaml_read_text(ld, item, path, "key", true);
    s->title = yaml_read_text(ld, item, path, "title", true);
    s->authors = yaml_read_text(ld, item, path, "authors", true);
    s->year = yaml_read_text(ld, item, path, "year", true);
    s->journal = yaml_read_text(ld, item, path, "journal", false);
    s->publisher = yaml_read_text(ld, item, path, "publisher", false);
    s->doi = yaml_read_text(ld, item, path, "doi", false);
    s->pmid = yaml_read_text(ld, item, path, "pmid", false);
    s->url = yaml_read_text(ld, item, path, "url", true);
    s->grade = yaml_read_text(ld, item, path, "grade", true);
    if (s->key != NULL && strncmp(s->key, S_SOURCE_PREFIX, strlen(S_SOURCE_PREFIX)) != 0) {
      loader_error(ld, yaml_key_line(item, "key"), path,
                   "source key \"%s\" must start with " S_SOURCE_PREFIX
                   " so it cannot clash with the pack's own keys",
                   s->key);
    }
  }
}

/* The `source` + `where` or `estimate: true` + `note` of `what` (words
   for the error, e.g. "the urgency") in item; NULL for what is not given. */
static void S_read_citation(loader *ld, ynode *item, const char *path, const ddx_clinical *cl,
                            const char *what, const char **source, const char **where,
                            const char **note) {
  *source = yaml_read_text(ld, item, path, "source", false);
  *where = yaml_read_text(ld, item, path, "where", false);
  *note = yaml_read_text(ld, item, path, "note", false);
  bool estimate = yaml_scalar_is(yaml_get(item, "estimate"), "true");
  char field[192];
  if (*source != NULL && !S_has_source(cl, *source)) {
    yaml_path_key(field, sizeof field, path, "source");
    loader_error(ld, yaml_key_line(item, "source"), field,
                 "\"%s\" is not defined under sources:; add it there or fix the key", *source);
  } else if (*source != NULL && *where == NULL) {
    loader_error(ld, yaml_key_line(item, "source"), path,
                 "says which source but not where in it; add `where:` (page, section or table)");
  } else if (*source == NULL && !(estimate && *note != NULL)) {
    loader_error(ld, yaml_line(item), path,
                 "%s cites nothing; add `source:` and `where:`, or `estimate: true` "
                 "with a `note:` giving the reasoning",
                 what);
  } else if (*source != NULL && estimate) {
    loader_error(ld, yaml_key_line(item, "estimate"), path,
                 "has both a source and `estimate: true`; keep one");
  }
}

/* One entry of a condition's `likelihoods`: a yes/no finding and its cited
   (or estimated) P(yes). */
static void S_read_likelihood(loader *ld, const symcheck_ddxplus *data, const ddx_clinical *cl,
                              ynode *key, ynode *item, const char *parent,
                              ddx_clinical_likelihood *out) {
  const char *id = yaml_text_of(ld, key);
  if (id == NULL) {
    return;
  }
  char path[224];
  yaml_path_key(path, sizeof path, parent, id);
  long e = S_find_evidence_id(data, id);
  if (e < 0 || data->evidences[e].kind != DDX_YES_NO) {
    loader_error(ld, yaml_line(key), path,
                 "\"%s\" is not a yes/no finding of the data set; use a yes/no id of the "
                 "fitted findings.yaml (e.g. e_49)",
                 id);
    return;
  }
  if (!yaml_expect_map(ld, item, path)) {
    return;
  }
  yaml_check_fields(ld, item, path, S_LIKELIHOOD_FIELDS);
  out->finding = id;
  if (yaml_read_number(ld, item, path, "p", true, &out->p) && !(out->p > 0 && out->p < 1)) {
    char field[240];
    yaml_path_key(field, sizeof field, path, "p");
    loader_error(ld, yaml_key_line(item, "p"), field,
                 "must be between 0 and 1 (exclusive), e.g. 0.3");
  }
  S_read_citation(ld, item, path, cl, "the likelihood", &out->source, &out->where, &out->note);
}

static void S_read_likelihoods(loader *ld, const symcheck_ddxplus *data, ynode *item,
                               const char *path, const ddx_clinical *cl,
                               ddx_clinical_condition *cc) {
  ynode *map = yaml_read_map(ld, item, path, "likelihoods", false);
  int count = map != NULL ? ynode_mapping_item_count(map) : 0;
  size_t n = count > 0 ? (size_t)count : 0;
  if (n == 0) {
    return;
  }
  cc->likelihoods = arena_calloc(loader_arena(ld), n, sizeof *cc->likelihoods);
  if (cc->likelihoods == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  char parent[192];
  yaml_path_key(parent, sizeof parent, path, "likelihoods");
  void *iter = NULL;
  ynode_pair *pair;
  while ((pair = ynode_mapping_iterate(map, &iter)) != NULL) {
    S_read_likelihood(ld, data, cl, ynode_pair_key(pair), ynode_pair_value(pair), parent,
                      &cc->likelihoods[cc->likelihood_count++]);
  }
}

static void S_read_condition(loader *ld, const symcheck_ddxplus *data, ynode *key, ynode *item,
                             ddx_clinical *cl, bool *seen) {
  const char *id = yaml_text_of(ld, key);
  if (id == NULL) {
    return;
  }
  char path[160];
  yaml_path_key(path, sizeof path, "conditions", id);
  long c = S_find_condition_id(data, id);
  if (c < 0) {
    loader_error(ld, yaml_line(key), path,
                 "no DDXPlus pathology has the id \"%s\"; use an id of the fitted "
                 "conditions.yaml (e.g. pulmonary_embolism)",
                 id);
    return;
  }
  if (!yaml_expect_map(ld, item, path)) {
    return;
  }
  yaml_check_fields(ld, item, path, S_CONDITION_FIELDS);
  seen[c] = true;
  ddx_clinical_condition *cc = &cl->conditions[c];
  cc->name = yaml_read_text(ld, item, path, "name", false);
  cc->icd10 = yaml_read_text(ld, item, path, "icd10", true);
  loader_check_icd10(ld, item, path, "icd10", cc->icd10);
  cc->snomed = loader_read_snomed(ld, item, path);
  int level = loader_read_level(ld, item, path, "urgency", true);
  cc->urgency = level >= 0 ? (symcheck_level)level : SYMCHECK_LEVEL_PRIMARY_CARE;
  S_read_citation(ld, item, path, cl, "the urgency", &cc->source, &cc->where, &cc->note);
  S_read_likelihoods(ld, data, item, path, cl, cc);
}

static void S_read_conditions(loader *ld, const symcheck_ddxplus *data, ynode *root,
                              ddx_clinical *cl) {
  ynode *map = yaml_read_map(ld, root, "", "conditions", true);
  bool *seen = calloc(data->condition_count + 1, sizeof *seen);
  if (seen == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  void *iter = NULL;
  ynode_pair *pair;
  while (map != NULL && (pair = ynode_mapping_iterate(map, &iter)) != NULL) {
    S_read_condition(ld, data, ynode_pair_key(pair), ynode_pair_value(pair), cl, seen);
  }
  for (size_t c = 0; map != NULL && c < data->condition_count && !ld->failed; c++) {
    if (!seen[c]) {
      loader_error(ld, yaml_key_line(root, "conditions"), "conditions",
                   "has no entry for the pathology %s (%s); add one with its urgency, source "
                   "and icd10",
                   data->conditions[c].id, data->conditions[c].name);
    }
  }
  free(seen);
}

static void S_read_ages(loader *ld, ynode *item, const char *path, ddx_clinical_finding *f) {
  ynode *ages = yaml_get(item, "ages");
  if (ages == NULL) {
    return;
  }
  double low = -1, high = -1;
  void *iter = NULL;
  bool ok = ynode_is_sequence(ages) && yaml_length(ages) == 2 &&
            yaml_number_of(ynode_sequence_iterate(ages, &iter), &low) &&
            yaml_number_of(ynode_sequence_iterate(ages, &iter), &high) && low >= 0 && low <= high &&
            high <= 120 && low == (int)low && high == (int)high;
  if (!ok) {
    char field[192];
    yaml_path_key(field, sizeof field, path, "ages");
    loader_error(ld, yaml_key_line(item, "ages"), field,
                 "must be [min, max]: whole years from 0 to 120, min <= max (e.g. [12, 120])");
    return;
  }
  f->min_age = (int)low;
  f->max_age = (int)high;
}

static const char **S_read_words(loader *ld, ynode *map, const char *path, const char *key,
                                 size_t *count);

/* findings.<id>.excludes: yes/no findings that a "yes" to the yes/no
   finding e answers "no" (written as the pack's `excludes`). */
static void S_read_excludes(loader *ld, const symcheck_ddxplus *data, ynode *item, const char *path,
                            size_t e, ddx_clinical_finding *f) {
  f->excludes = S_read_words(ld, item, path, "excludes", &f->exclude_count);
  if (f->exclude_count == 0) {
    return;
  }
  char field[192];
  yaml_path_key(field, sizeof field, path, "excludes");
  if (data->evidences[e].kind != DDX_YES_NO) {
    loader_error(ld, yaml_key_line(item, "excludes"), field,
                 "%s is not a yes/no finding; only a \"yes\" can exclude another finding",
                 data->evidences[e].id);
    return;
  }
  for (size_t i = 0; i < f->exclude_count && f->excludes[i] != NULL; i++) {
    long x = S_find_evidence_id(data, f->excludes[i]);
    if (x < 0 || (size_t)x == e || data->evidences[x].kind != DDX_YES_NO) {
      loader_error(ld, yaml_key_line(item, "excludes"), field,
                   "\"%s\" is not another yes/no finding id of the fitted pack (e.g. e_191)",
                   f->excludes[i]);
      return;
    }
  }
}

static void S_read_findings(loader *ld, const symcheck_ddxplus *data, ynode *root,
                            ddx_clinical *cl) {
  ynode *map = yaml_read_map(ld, root, "", "findings", false);
  void *iter = NULL;
  ynode_pair *pair;
  while (map != NULL && (pair = ynode_mapping_iterate(map, &iter)) != NULL) {
    const char *id = yaml_text_of(ld, ynode_pair_key(pair));
    ynode *item = ynode_pair_value(pair);
    char path[160];
    yaml_path_key(path, sizeof path, "findings", id != NULL ? id : "?");
    long e = id != NULL ? S_find_evidence_id(data, id) : -1;
    if (e < 0) {
      loader_error(ld, yaml_line(ynode_pair_key(pair)), path,
                   "no DDXPlus evidence has the id \"%s\"; use a finding id of the fitted "
                   "findings.yaml (e.g. e_79)",
                   id != NULL ? id : "?");
      continue;
    }
    if (!yaml_expect_map(ld, item, path)) {
      continue;
    }
    yaml_check_fields(ld, item, path, S_FINDING_FIELDS);
    ddx_clinical_finding *f = &cl->findings[e];
    S_read_ages(ld, item, path, f);
    int sex = yaml_read_enum(ld, item, path, "sex", false, S_SEXES, 2);
    f->sex = sex >= 0 ? S_SEXES[sex] : NULL;
    f->question_child = yaml_read_text(ld, item, path, "question_child", false);
    S_read_excludes(ld, data, item, path, (size_t)e, f);
  }
}

/* A list of scalars at map[key] into the arena; sets *count. */
static const char **S_read_words(loader *ld, ynode *map, const char *path, const char *key,
                                 size_t *count) {
  ynode *list = yaml_read_list(ld, map, path, key, false);
  *count = yaml_length(list);
  const char **out = arena_calloc(loader_arena(ld), *count + 1, sizeof *out);
  if (out == NULL) {
    loader_out_of_memory(ld);
    *count = 0;
    return NULL;
  }
  void *iter = NULL;
  ynode *item;
  for (size_t i = 0; (item = ynode_sequence_iterate(list, &iter)) != NULL; i++) {
    out[i] = yaml_text_of(ld, item);
    char field[192];
    yaml_path_key(field, sizeof field, path, key);
    if (out[i] == NULL) {
      loader_error(ld, yaml_line(item), field, "must be a list of words");
    }
  }
  return out;
}

/* The evidence whose complaint id (its slug, "e-53") is `id`, or -1. */
static long S_find_complaint_id(const symcheck_ddxplus *data, const char *id) {
  for (size_t e = 0; e < data->evidence_count; e++) {
    char slug[64];
    ddx_slug(data->evidences[e].code, '-', slug, sizeof slug);
    if (ddx_is_complaint(&data->evidences[e]) && strcmp(slug, id) == 0) {
      return (long)e;
    }
  }
  return -1;
}

/* A required text field that must not be empty or blank. */
static const char *S_read_nonempty(loader *ld, ynode *item, const char *path, const char *key,
                                   const char *fix) {
  const char *text = yaml_read_text(ld, item, path, key, true);
  if (text != NULL && text[strspn(text, " \t")] == '\0') {
    char field[192];
    yaml_path_key(field, sizeof field, path, key);
    loader_error(ld, yaml_key_line(item, key), field, "is empty; %s", fix);
    return NULL;
  }
  return text;
}

/* ask_first (optional, on a complaint or a new complaint): the findings a
   clinician asks about first, cited; the pack loader checks the rest (not in
   the screen, not given). */
static void S_read_ask_first(loader *ld, const symcheck_ddxplus *data, const ddx_clinical *cl,
                             ynode *item, const char *path, ddx_ask_first *a) {
  ynode *map = yaml_get(item, "ask_first");
  if (map == NULL) {
    return;
  }
  char field[192];
  yaml_path_key(field, sizeof field, path, "ask_first");
  if (!yaml_expect_map(ld, map, field)) {
    return;
  }
  yaml_check_fields(ld, map, field, S_ASK_FIRST_FIELDS);
  a->findings = S_read_words(ld, map, field, "findings", &a->count);
  for (size_t i = 0; i < a->count && a->findings[i] != NULL; i++) {
    if (S_find_evidence_id(data, a->findings[i]) < 0) {
      loader_error(ld, yaml_key_line(map, "findings"), field,
                   "\"%s\" is not a finding id of the fitted pack (e.g. e_54)", a->findings[i]);
    }
  }
  if (a->count == 0) {
    loader_error(ld, yaml_line(map), field, "lists no findings; add `findings: [e_54, ...]`");
  }
  S_read_citation(ld, map, field, cl, "ask_first", &a->source, &a->where, &a->note);
}

static void S_read_complaint(loader *ld, const symcheck_ddxplus *data, ynode *key, ynode *item,
                             ddx_clinical *cl, bool *seen) {
  const char *id = yaml_text_of(ld, key);
  char path[160];
  yaml_path_key(path, sizeof path, "complaints", id != NULL ? id : "?");
  long e = id != NULL ? S_find_complaint_id(data, id) : -1;
  if (e < 0) {
    loader_error(ld, yaml_line(key), path,
                 "no DDXPlus complaint has the id \"%s\"; use an id of the fitted "
                 "complaints.yaml (e.g. e-53)",
                 id != NULL ? id : "?");
    return;
  }
  if (!yaml_expect_map(ld, item, path)) {
    return;
  }
  yaml_check_fields(ld, item, path, S_COMPLAINT_FIELDS);
  seen[e] = true;
  ddx_clinical_complaint *c = &cl->complaints[e];
  c->name = S_read_nonempty(ld, item, path, "name",
                            "write the symptom as people say it (e.g. \"Sore throat\")");
  c->group =
      S_read_nonempty(ld, item, path, "group", "name the body area (e.g. \"Chest and breathing\")");
  c->synonyms = S_read_words(ld, item, path, "synonyms", &c->synonym_count);
  c->synonyms_fr = S_read_words(ld, item, path, "synonyms_fr", &c->synonym_fr_count);
  c->article = yaml_read_text(ld, item, path, "article", false);
  S_read_ask_first(ld, data, cl, item, path, &c->ask_first);
  c->unlisted = !yaml_read_flag(ld, item, path, "listed", true,
                                " (false keeps the complaint off the English lists and search)");
}

static void S_read_complaints(loader *ld, const symcheck_ddxplus *data, ynode *root,
                              ddx_clinical *cl) {
  ynode *map = yaml_read_map(ld, root, "", "complaints", true);
  bool *seen = calloc(data->evidence_count + 1, sizeof *seen);
  if (seen == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  void *iter = NULL;
  ynode_pair *pair;
  while (map != NULL && (pair = ynode_mapping_iterate(map, &iter)) != NULL) {
    S_read_complaint(ld, data, ynode_pair_key(pair), ynode_pair_value(pair), cl, seen);
  }
  for (size_t e = 0; map != NULL && e < data->evidence_count && !ld->failed; e++) {
    if (ddx_is_complaint(&data->evidences[e]) && !seen[e]) {
      char slug[64];
      ddx_slug(data->evidences[e].code, '-', slug, sizeof slug);
      loader_error(ld, yaml_key_line(root, "complaints"), "complaints",
                   "has no entry for the complaint %s (%s); add one with its lay name, group "
                   "and synonyms",
                   slug, data->evidences[e].question_en);
    }
  }
  free(seen);
}

static ddx_rewrite *S_read_pairs(loader *ld, ynode *map, const char *key, size_t *count) {
  ynode *list = yaml_read_list(ld, map, "question_child", key, false);
  *count = yaml_length(list);
  ddx_rewrite *out = arena_calloc(loader_arena(ld), *count + 1, sizeof *out);
  if (out == NULL) {
    loader_out_of_memory(ld);
    *count = 0;
    return NULL;
  }
  void *iter = NULL;
  ynode *item;
  for (size_t i = 0; (item = ynode_sequence_iterate(list, &iter)) != NULL; i++) {
    char path[64], index[16];
    snprintf(index, sizeof index, "%zu", i);
    snprintf(path, sizeof path, "question_child.%s[%s]", key, index);
    if (!yaml_expect_map(ld, item, path)) {
      continue;
    }
    yaml_check_fields(ld, item, path, S_PAIR_FIELDS);
    out[i].from = yaml_read_text(ld, item, path, "from", true);
    out[i].to = yaml_read_text(ld, item, path, "to", true);
  }
  return out;
}

static void S_read_rewrite(loader *ld, ynode *root, ddx_clinical *cl) {
  ynode *map = yaml_read_map(ld, root, "", "question_child", false);
  if (map == NULL) {
    return;
  }
  yaml_check_fields(ld, map, "question_child", S_REWRITE_FIELDS);
  cl->child_language = yaml_read_text(ld, map, "question_child", "language", true);
  cl->prefixes = S_read_pairs(ld, map, "prefixes", &cl->prefix_count);
  cl->words = S_read_pairs(ld, map, "words", &cl->word_count);
  cl->unless_words = S_read_words(ld, map, "question_child", "unless_words", &cl->unless_count);
}

static long S_value_index(const ddx_evidence *ev, const char *id) {
  for (size_t v = 0; v < ev->value_count; v++) {
    if (strcmp(ev->values[v].id, id) == 0) {
      return (long)v;
    }
  }
  return -1;
}

/* One lay option: id, labels, sex and the data values it stands for. */
static void S_read_group(loader *ld, ynode *item, const char *path, ddx_clinical_group *g) {
  if (!yaml_expect_map(ld, item, path)) {
    return;
  }
  yaml_check_fields(ld, item, path, S_GROUP_FIELDS);
  g->id = yaml_read_id(ld, item, path, "id", false);
  g->label =
      S_read_nonempty(ld, item, path, "label", "write the words people use (e.g. \"Chest\")");
  g->label_fr =
      S_read_nonempty(ld, item, path, "label_fr", "write it in French (e.g. \"Poitrine\")");
  g->label_child =
      yaml_read_child_text(ld, item, path, "label_child", "In one spot {child} can show you");
  int sex = yaml_read_enum(ld, item, path, "sex", false, S_SEXES, 2);
  g->sex = sex >= 0 ? S_SEXES[sex] : NULL;
  g->values = S_read_words(ld, item, path, "values", &g->value_count);
  g->line = yaml_key_line(item, "values");
  if (!ld->failed && g->value_count == 0) {
    loader_error(ld, yaml_line(item), path,
                 "stands for no value; list the data set's option ids "
                 "under `values:`");
  }
}

static ddx_clinical_group *S_read_groups(loader *ld, ynode *map, const char *path, size_t *count) {
  ynode *list = yaml_read_list(ld, map, path, "options", true);
  *count = yaml_length(list);
  ddx_clinical_group *groups = arena_calloc(loader_arena(ld), *count + 1, sizeof *groups);
  if (groups == NULL) {
    loader_out_of_memory(ld);
    *count = 0;
    return NULL;
  }
  void *iter = NULL;
  ynode *item;
  char field[192], index[24];
  yaml_path_key(field, sizeof field, path, "options");
  for (size_t i = 0; (item = ynode_sequence_iterate(list, &iter)) != NULL; i++) {
    char at[224];
    snprintf(index, sizeof index, "%zu", i);
    yaml_path_item(at, sizeof at, field, index);
    S_read_group(ld, item, at, &groups[i]);
    for (size_t j = 0; j < i && groups[i].id != NULL; j++) {
      if (groups[j].id != NULL && strcmp(groups[j].id, groups[i].id) == 0) {
        loader_error(ld, yaml_line(item), at, "the id \"%s\" is used twice; make it unique",
                     groups[i].id);
      }
    }
  }
  return groups;
}

/* Checks that the groups cover every value of evidence e (a multi's
   "none" aside) and name no other; a one-of value in exactly one group. */
static void S_check_groups(loader *ld, const ddx_evidence *ev, ynode *map, const char *path,
                           const ddx_clinical_group *groups, size_t count) {
  size_t *uses = calloc(ev->value_count + 1, sizeof *uses);
  if (uses == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  for (size_t g = 0; g < count && !ld->failed; g++) {
    for (size_t i = 0; i < groups[g].value_count && !ld->failed; i++) {
      long v = S_value_index(ev, groups[g].values[i]);
      if (v < 0) {
        loader_error(ld, groups[g].line, path,
                     "\"%s\" (in %s) is not an option of %s; use an option id of the data set "
                     "(the fitted findings.yaml before regrouping, e.g. iliac_wing_r or level_3)",
                     groups[g].values[i], groups[g].id, ev->id);
      } else {
        uses[v]++;
      }
    }
  }
  for (size_t v = 0; v < ev->value_count && !ld->failed; v++) {
    if (uses[v] == 0 || (ev->kind == DDX_SINGLE && uses[v] > 1)) {
      loader_error(ld, yaml_key_line(map, "options"), path,
                   "the option %s (\"%s\") of %s is in %s lay option; put it in exactly one",
                   ev->values[v].id, ev->values[v].en, ev->id,
                   uses[v] == 0 ? "no" : "more than one");
    }
  }
  free(uses);
}

/* body_sites: one short lay list of body sites for every finding that asks
   where (the data set's 164 anatomical sites). */
static void S_read_body_sites(loader *ld, const symcheck_ddxplus *data, ynode *root,
                              ddx_clinical *cl) {
  ynode *map = yaml_read_map(ld, root, "", "body_sites", false);
  if (map == NULL) {
    return;
  }
  yaml_check_fields(ld, map, "body_sites", S_SITES_FIELDS);
  size_t count = 0, finding_count = 0;
  const ddx_clinical_group *groups = S_read_groups(ld, map, "body_sites", &count);
  const char **findings = S_read_words(ld, map, "body_sites", "findings", &finding_count);
  for (size_t i = 0; i < finding_count && !ld->failed; i++) {
    long e = S_find_evidence_id(data, findings[i]);
    if (e < 0 || data->evidences[e].kind != DDX_MULTI) {
      loader_error(ld, yaml_key_line(map, "findings"), "body_sites.findings",
                   "\"%s\" is not a DDXPlus evidence that asks where (e.g. e_55)", findings[i]);
      return;
    }
    S_check_groups(ld, &data->evidences[e], map, "body_sites.options", groups, count);
    cl->answers[e].groups = groups;
    cl->answers[e].group_count = count;
  }
}

/* scales: per 0-10 scale, words at both ends, or lay options for ranges. */
static void S_read_scales(loader *ld, const symcheck_ddxplus *data, ynode *root, ddx_clinical *cl) {
  ynode *map = yaml_read_map(ld, root, "", "scales", false);
  void *iter = NULL;
  ynode_pair *pair;
  while (map != NULL && !ld->failed && (pair = ynode_mapping_iterate(map, &iter)) != NULL) {
    const char *id = yaml_text_of(ld, ynode_pair_key(pair));
    ynode *item = ynode_pair_value(pair);
    char path[160];
    yaml_path_key(path, sizeof path, "scales", id != NULL ? id : "?");
    long e = id != NULL ? S_find_evidence_id(data, id) : -1;
    if (e < 0 || !data->evidences[e].numeric) {
      loader_error(ld, yaml_line(ynode_pair_key(pair)), path,
                   "\"%s\" is not a DDXPlus 0-10 scale; use the id of one (e.g. e_56)",
                   id != NULL ? id : "?");
      return;
    }
    if (!yaml_expect_map(ld, item, path)) {
      return;
    }
    yaml_check_fields(ld, item, path, S_SCALE_FIELDS);
    ddx_clinical_answers *a = &cl->answers[e];
    if (yaml_get(item, "options") != NULL) {
      a->groups = S_read_groups(ld, item, path, &a->group_count);
      S_check_groups(ld, &data->evidences[e], item, path, a->groups, a->group_count);
      continue;
    }
    a->low = S_read_nonempty(ld, item, path, "low", "say what 0 means (e.g. \"No pain\")");
    a->high = S_read_nonempty(ld, item, path, "high", "say what 10 means");
    a->low_fr = S_read_nonempty(ld, item, path, "low_fr", "say what 0 means, in French");
    a->high_fr = S_read_nonempty(ld, item, path, "high_fr", "say what 10 means, in French");
  }
}

/* True when `from` occurs in an English question or label of the data. */
static bool S_occurs(const symcheck_ddxplus *data, const char *from) {
  for (size_t e = 0; e < data->evidence_count; e++) {
    const ddx_evidence *ev = &data->evidences[e];
    if (strstr(ev->question_en, from) != NULL) {
      return true;
    }
    for (size_t v = 0; v < ev->value_count; v++) {
      if (strstr(ev->values[v].en, from) != NULL) {
        return true;
      }
    }
  }
  return false;
}

/* corrections: typos of the data set's English, each found somewhere. */
static void S_read_corrections(loader *ld, const symcheck_ddxplus *data, ynode *root,
                               ddx_clinical *cl) {
  ynode *list = yaml_read_list(ld, root, "", "corrections", false);
  cl->correction_count = yaml_length(list);
  cl->corrections =
      arena_calloc(loader_arena(ld), cl->correction_count + 1, sizeof *cl->corrections);
  if (cl->corrections == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  void *iter = NULL;
  ynode *item;
  for (size_t i = 0; (item = ynode_sequence_iterate(list, &iter)) != NULL && !ld->failed; i++) {
    char path[64], index[16];
    snprintf(index, sizeof index, "%zu", i);
    yaml_path_item(path, sizeof path, "corrections", index);
    if (!yaml_expect_map(ld, item, path)) {
      return;
    }
    yaml_check_fields(ld, item, path, S_PAIR_FIELDS);
    ddx_correction *c = &cl->corrections[i];
    c->from = S_read_nonempty(ld, item, path, "from", "write the text as the data set has it");
    c->to = yaml_read_text(ld, item, path, "to", true);
    if (c->from != NULL && !S_occurs(data, c->from)) {
      loader_error(ld, yaml_line(item), path,
                   "\"%s\" occurs in no English question or label of the data set; fix it or "
                   "remove the correction",
                   c->from);
    }
  }
}

/* The lay answer ids of evidence e: its groups, else its own values. */
static bool S_is_answer(const symcheck_ddxplus *data, const ddx_clinical *cl, size_t e,
                        const char *id) {
  const ddx_clinical_answers *a = &cl->answers[e];
  if (data->evidences[e].kind == DDX_YES_NO) {
    return strcmp(id, "yes") == 0 || strcmp(id, "no") == 0;
  }
  for (size_t g = 0; g < a->group_count; g++) {
    if (strcmp(a->groups[g].id, id) == 0) {
      return true;
    }
  }
  return a->group_count == 0 && S_value_index(&data->evidences[e], id) >= 0;
}

/* new_complaint.given: finding id -> lay answer id. */
static void S_read_given(loader *ld, const symcheck_ddxplus *data, const ddx_clinical *cl,
                         ynode *item, const char *path, ddx_clinical_extra *x) {
  ynode *map = yaml_read_map(ld, item, path, "given", true);
  size_t n = map != NULL ? (size_t)ynode_mapping_item_count(map) : 0;
  x->given_findings = arena_calloc(loader_arena(ld), n + 1, sizeof *x->given_findings);
  x->given_answers = arena_calloc(loader_arena(ld), n + 1, sizeof *x->given_answers);
  if (x->given_findings == NULL || x->given_answers == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  char field[192];
  yaml_path_key(field, sizeof field, path, "given");
  void *iter = NULL;
  ynode_pair *pair;
  while (map != NULL && (pair = ynode_mapping_iterate(map, &iter)) != NULL) {
    const char *id = yaml_text_of(ld, ynode_pair_key(pair));
    const char *answer = yaml_text_of(ld, ynode_pair_value(pair));
    long e = id != NULL ? S_find_evidence_id(data, id) : -1;
    if (e < 0 || answer == NULL || !S_is_answer(data, cl, (size_t)e, answer)) {
      loader_error(ld, yaml_line(ynode_pair_key(pair)), field,
                   "\"%s: %s\" is not a finding and one of its (lay) answers; e.g. e_53: yes",
                   id != NULL ? id : "?", answer != NULL ? answer : "?");
      return;
    }
    x->given_findings[x->given_count] = data->evidences[e].id;
    x->given_answers[x->given_count++] = answer;
  }
}

/* new_complaints: lay complaints that start from answers of the data set's
   findings (chest pain: pain, in the chest). */
static void S_read_extras(loader *ld, const symcheck_ddxplus *data, ynode *root, ddx_clinical *cl) {
  ynode *map = yaml_read_map(ld, root, "", "new_complaints", false);
  size_t n = map != NULL ? (size_t)ynode_mapping_item_count(map) : 0;
  cl->extras = arena_calloc(loader_arena(ld), n + 1, sizeof *cl->extras);
  if (cl->extras == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  void *iter = NULL;
  ynode_pair *pair;
  while (map != NULL && !ld->failed && (pair = ynode_mapping_iterate(map, &iter)) != NULL) {
    ddx_clinical_extra *x = &cl->extras[cl->extra_count];
    ynode *item = ynode_pair_value(pair);
    x->id = yaml_text_of(ld, ynode_pair_key(pair));
    char path[160];
    yaml_path_key(path, sizeof path, "new_complaints", x->id != NULL ? x->id : "?");
    if (x->id == NULL || S_find_complaint_id(data, x->id) >= 0 ||
        !yaml_expect_map(ld, item, path)) {
      loader_error(ld, yaml_line(ynode_pair_key(pair)), path,
                   "needs an id of its own (a slug such as chest-pain) and a map of fields");
      return;
    }
    yaml_check_fields(ld, item, path, S_EXTRA_FIELDS);
    x->name = S_read_nonempty(ld, item, path, "name", "write the symptom as people say it");
    x->name_fr = S_read_nonempty(ld, item, path, "name_fr", "write it in French");
    x->group = S_read_nonempty(ld, item, path, "group", "name the body area");
    x->article = yaml_read_text(ld, item, path, "article", false);
    x->synonyms = S_read_words(ld, item, path, "synonyms", &x->synonym_count);
    x->synonyms_fr = S_read_words(ld, item, path, "synonyms_fr", &x->synonym_fr_count);
    S_read_given(ld, data, cl, item, path, x);
    S_read_ask_first(ld, data, cl, item, path, &x->ask_first);
    cl->extra_count++;
  }
}

/* One finding and answer of a red flag (the flag itself or its `also`):
   an evidence id and one of its (lay) answers. Returns false after an error. */
static bool S_read_flag_answer(loader *ld, const symcheck_ddxplus *data, const ddx_clinical *cl,
                               ynode *map, const char *path, const char **finding,
                               const char **answer) {
  *finding = yaml_read_text(ld, map, path, "finding", true);
  *answer = yaml_read_text(ld, map, path, "answer", true);
  long e = *finding != NULL ? S_find_evidence_id(data, *finding) : -1;
  if (*finding != NULL && *answer != NULL &&
      (e < 0 || !S_is_answer(data, cl, (size_t)e, *answer))) {
    loader_error(ld, yaml_key_line(map, "finding"), path,
                 "\"%s: %s\" is not a finding and one of its (lay) answers; e.g. finding: e_194, "
                 "answer: yes",
                 *finding, *answer);
    return false;
  }
  return *finding != NULL && *answer != NULL;
}

/* The complaint ids of a red flag's `ask_in`: data set complaints or new ones. */
static void S_read_ask_in(loader *ld, const symcheck_ddxplus *data, const ddx_clinical *cl,
                          ynode *item, const char *path, ddx_clinical_flag *rf) {
  rf->ask_in = S_read_words(ld, item, path, "ask_in", &rf->ask_in_count);
  for (size_t i = 0; i < rf->ask_in_count && rf->ask_in[i] != NULL; i++) {
    bool known = S_find_complaint_id(data, rf->ask_in[i]) >= 0;
    for (size_t x = 0; x < cl->extra_count && !known; x++) {
      known = strcmp(cl->extras[x].id, rf->ask_in[i]) == 0;
    }
    if (!known) {
      loader_error(ld, yaml_key_line(item, "ask_in"), path,
                   "ask_in names \"%s\", which is no complaint; use a complaint id such as e-201",
                   rf->ask_in[i]);
    }
  }
}

static void S_read_flag(loader *ld, const symcheck_ddxplus *data, ddx_clinical *cl, ynode *item,
                        const char *path, ddx_clinical_flag *rf) {
  yaml_check_fields(ld, item, path, S_FLAG_FIELDS);
  S_read_flag_answer(ld, data, cl, item, path, &rf->finding, &rf->answer);
  ynode *also = yaml_read_map(ld, item, path, "also", false);
  if (also != NULL) {
    char field[192];
    yaml_path_key(field, sizeof field, path, "also");
    yaml_check_fields(ld, also, field, S_ALSO_FIELDS);
    S_read_flag_answer(ld, data, cl, also, field, &rf->also_finding, &rf->also_answer);
  }
  rf->min_age = rf->max_age = -1;
  yaml_read_int(ld, item, path, "min_age", false, 0, 120, &rf->min_age);
  yaml_read_int(ld, item, path, "max_age", false, 0, 120, &rf->max_age);
  int level = loader_read_level(ld, item, path, "level", true);
  rf->level = level >= 0 ? (symcheck_level)level : SYMCHECK_LEVEL_URGENT_CARE;
  rf->message = S_read_nonempty(ld, item, path, "message", "say why the answer matters");
  rf->message_fr = S_read_nonempty(ld, item, path, "message_fr", "write it in French");
  rf->source = yaml_read_text(ld, item, path, "source", true);
  rf->where = S_read_nonempty(ld, item, path, "where", "name the page, section or table");
  if (rf->source != NULL && !S_has_source(cl, rf->source)) {
    loader_error(ld, yaml_key_line(item, "source"), path,
                 "\"%s\" is not defined under sources:; add it there or fix the key", rf->source);
  }
  S_read_ask_in(ld, data, cl, item, path, rf);
}

/* red_flags: alarm signs a cited source gives, beyond the fitted ones. */
static void S_read_flags(loader *ld, const symcheck_ddxplus *data, ynode *root, ddx_clinical *cl) {
  ynode *list = yaml_read_list(ld, root, "", "red_flags", false);
  size_t n = yaml_length(list);
  cl->flags = arena_calloc(loader_arena(ld), n + 1, sizeof *cl->flags);
  if (cl->flags == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  void *iter = NULL;
  ynode *item;
  while (list != NULL && !ld->failed && (item = ynode_sequence_iterate(list, &iter)) != NULL) {
    char path[64], index[16];
    snprintf(index, sizeof index, "%zu", cl->flag_count);
    yaml_path_item(path, sizeof path, "red_flags", index);
    if (yaml_expect_map(ld, item, path)) {
      S_read_flag(ld, data, cl, item, path, &cl->flags[cl->flag_count++]);
    }
  }
}

/* Fills the overlay from the document's root; errors go to the loader. */
static void S_read(loader *ld, const symcheck_ddxplus *data, ynode *root, ddx_clinical *cl) {
  if (!yaml_expect_map(ld, root, "")) {
    return;
  }
  yaml_check_fields(ld, root, "", S_TOP_FIELDS);
  arena *a = loader_arena(ld);
  cl->conditions = arena_calloc(a, data->condition_count + 1, sizeof *cl->conditions);
  cl->findings = arena_calloc(a, data->evidence_count + 1, sizeof *cl->findings);
  cl->complaints = arena_calloc(a, data->evidence_count + 1, sizeof *cl->complaints);
  cl->answers = arena_calloc(a, data->evidence_count + 1, sizeof *cl->answers);
  if (cl->conditions == NULL || cl->findings == NULL || cl->complaints == NULL ||
      cl->answers == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  for (size_t e = 0; e < data->evidence_count; e++) {
    cl->findings[e].min_age = -1;
  }
  S_read_sources(ld, root, cl);
  S_read_rewrite(ld, root, cl);
  S_read_findings(ld, data, root, cl);
  S_read_body_sites(ld, data, root, cl);
  S_read_scales(ld, data, root, cl);
  S_read_corrections(ld, data, root, cl);
  if (!ld->failed) {
    S_read_conditions(ld, data, root, cl);
  }
  if (!ld->failed) {
    S_read_complaints(ld, data, root, cl);
  }
  if (!ld->failed) {
    S_read_extras(ld, data, root, cl);
  }
  if (!ld->failed) {
    S_read_flags(ld, data, root, cl);
  }
}

/* Copies the loader's first diagnostic into err as one line. */
static void S_first_error(const symcheck_diagnostics *d, const char *path, symcheck_error *err) {
  if (d->count == 0) {
    error_set(err, path, 0, "", "%s: out of memory reading the clinical overlay", path);
    return;
  }
  const symcheck_error *e = &d->items[0];
  char where[300];
  if (e->line > 0) {
    snprintf(where, sizeof where, "%s:%d", path, e->line);
  } else {
    snprintf(where, sizeof where, "%s", path);
  }
  error_set(err, path, e->line, e->field, "%s: %s%s%s", where, e->field,
            e->field[0] != '\0' ? ": " : "", e->message);
}

ddx_clinical *ddx_clinical_load(const symcheck_ddxplus *data, const char *path,
                                symcheck_error *err) {
  data = ddx_base(data); /* the overlay names the data set's own ids */
  char dir_copy[1024], name_copy[1024];
  snprintf(dir_copy, sizeof dir_copy, "%s", path);
  snprintf(name_copy, sizeof name_copy, "%s", path);
  symcheck_pack *scratch = calloc(1, sizeof *scratch); /* only its arena is used */
  ddx_clinical *cl = calloc(1, sizeof *cl);
  symcheck_diagnostics diagnostics = {0};
  loader ld = {.pack = scratch, .diagnostics = &diagnostics};
  if (scratch == NULL || cl == NULL) {
    free(scratch);
    free(cl);
    error_set(err, path, 0, "", "out of memory reading %s", path);
    return NULL;
  }
  ynode *root = yaml_read_file(&ld, dirname(dir_copy), basename(name_copy));
  if (root == NULL && diagnostics.count > 0 &&
      strcmp(diagnostics.items[0].message, "the file is missing or cannot be read") == 0) {
    error_set(err, path, 0, "",
              "%s: the clinical overlay is missing or cannot be read; write it (see "
              "packs/ddxplus/clinical.yaml) or pass --clinical FILE",
              path);
    ld.failed = true;
  } else {
    if (root != NULL) {
      S_read(&ld, data, root, cl);
    }
    if (ld.failed) {
      S_first_error(&diagnostics, path, err);
    }
  }
  arena_free(&ld.trees);
  symcheck_diagnostics_free(&diagnostics);
  cl->arena = scratch->arena;
  free(scratch);
  if (ld.failed) {
    ddx_clinical_free(cl);
    return NULL;
  }
  return cl;
}

void ddx_clinical_free(ddx_clinical *clinical) {
  if (clinical != NULL) {
    arena_free(&clinical->arena);
    free(clinical);
  }
}

static bool S_word_char(char c) {
  return isalnum((unsigned char)c) || c == '_';
}

/* The first whole-word occurrence of `word` in text, or NULL. */
static const char *S_find_word(const char *text, const char *word) {
  size_t n = strlen(word);
  for (const char *p = strstr(text, word); n > 0 && p != NULL; p = strstr(p + 1, word)) {
    if ((p == text || !S_word_char(p[-1])) && !S_word_char(p[n])) {
      return p;
    }
  }
  return NULL;
}

/* Replaces every whole-word `from` in text by `to`, into out. */
static void S_replace_words(const char *text, const ddx_rewrite *r, char *out, size_t size) {
  size_t used = 0;
  const char *p = text;
  for (const char *hit; (hit = S_find_word(p, r->from)) != NULL; p = hit + strlen(r->from)) {
    used += (size_t)snprintf(out + used, used < size ? size - used : 0, "%.*s%s", (int)(hit - p), p,
                             r->to);
  }
  snprintf(out + (used < size ? used : size - 1), used < size ? size - used : 1, "%s", p);
}

bool ddx_clinical_question_child(const ddx_clinical *clinical, const char *language, size_t e,
                                 const char *question, char *out, size_t size) {
  if (clinical->child_language == NULL || strcmp(clinical->child_language, language) != 0) {
    return false;
  }
  if (clinical->findings[e].question_child != NULL) {
    snprintf(out, size, "%s", clinical->findings[e].question_child);
    return true;
  }
  const ddx_rewrite *prefix = NULL;
  for (size_t i = 0; i < clinical->prefix_count && prefix == NULL; i++) {
    const ddx_rewrite *r = &clinical->prefixes[i];
    prefix = strncmp(question, r->from, strlen(r->from)) == 0 ? r : NULL;
  }
  if (prefix == NULL) {
    return false;
  }
  char rest[1024], next[1024];
  snprintf(rest, sizeof rest, "%s", question + strlen(prefix->from));
  for (size_t i = 0; i < clinical->word_count; i++) {
    S_replace_words(rest, &clinical->words[i], next, sizeof next);
    memcpy(rest, next, sizeof rest);
  }
  for (size_t i = 0; i < clinical->unless_count; i++) {
    if (S_find_word(rest, clinical->unless_words[i]) != NULL) {
      return false;
    }
  }
  snprintf(out, size, "%s%s", prefix->to, rest);
  return true;
}

const ddx_clinical_likelihood *ddx_clinical_likelihood_of(const ddx_clinical *clinical, size_t c,
                                                          const char *finding) {
  const ddx_clinical_condition *cc = &clinical->conditions[c];
  for (size_t i = 0; i < cc->likelihood_count; i++) {
    if (cc->likelihoods[i].finding != NULL && strcmp(cc->likelihoods[i].finding, finding) == 0) {
      return &cc->likelihoods[i];
    }
  }
  return NULL;
}

void ddx_clinical_apply_likelihoods(const ddx_clinical *clinical, const symcheck_ddxplus *data,
                                    ddx_fit *fit) {
  for (size_t c = 0; c < data->condition_count; c++) {
    const ddx_clinical_condition *cc = &clinical->conditions[c];
    for (size_t i = 0; i < cc->likelihood_count; i++) {
      long e = S_find_evidence_id(data, cc->likelihoods[i].finding);
      if (e >= 0 && fit->options[e] == 2) {
        fit->p[e][c * 2] = cc->likelihoods[i].p;
        fit->p[e][c * 2 + 1] = 1 - cc->likelihoods[i].p;
      }
    }
  }
}
