/*
 * pack_load_differential.c - reads the optional differential.yaml: a model
 * of which conditions belong in the differential given the answers
 * (model.h, model_differential; docs/pack-format.md). A pack without the
 * file has no differential model and reports its diagnosis posterior as is.
 *
 *   source: KEY            # where the numbers come from (pack.yaml source)
 *   keep: 0.5              # kept when P(in the differential) >= keep
 *   shown_floor: 0.0101    # a kept condition is shown at least this likely
 *   question_min_gain: 0.1 # optional, bits: once the diagnosis is settled,
 *                          # ask for the differential while a question
 *                          # gains this much (absent: never)
 *   question_limit: 15     # optional: ...while fewer questions were asked
 *   conditions:
 *     <k>:                 # a condition that may be in the differential
 *       base: {<c>: log-odds, ...}  # when c is the diagnosis; every c
 *       age: {<band>: log-odds, ...}  # optional: added for the age band
 *       sex: {female: x, male: y}     # optional: added for the sex
 *       weights: {<finding>: {<option>: weight, ...}, ...}
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pack_load.h"

#define S_MAX_QUESTIONS 200 /* as settings.max_questions */

static const char *const S_FIELDS[] = {
    "source", "keep", "shown_floor", "question_min_gain", "question_limit", "conditions", NULL};
static const char *const S_CONDITION_FIELDS[] = {"base", "age", "sex", "weights", NULL};
static const char *const S_SEXES[] = {"female", "male", NULL}; /* symcheck_sex order */

/* Tokens: every option of every finding, in pack order. */
static model_differential *S_allocate(loader *ld) {
  symcheck_pack *pack = ld->pack;
  arena *a = loader_arena(ld);
  const size_t nc = pack->condition_count;
  model_differential *d = arena_calloc(a, 1, sizeof *d);
  size_t *start = arena_calloc(a, pack->finding_count + 1, sizeof *start);
  if (d == NULL || start == NULL) {
    return NULL;
  }
  for (size_t i = 0; i < pack->finding_count; i++) {
    start[i] = d->tokens;
    d->tokens += pack->findings[i].option_count;
  }
  d->token_start = start;
  d->base = arena_calloc(a, nc * nc + 1, sizeof *d->base);
  d->weight = arena_calloc(a, d->tokens * nc + 1, sizeof *d->weight);
  d->expected = arena_calloc(a, d->tokens * nc + 1, sizeof *d->expected);
  d->age = arena_calloc(a, pack->info.age_band_count * nc + 1, sizeof *d->age);
  d->sex = arena_calloc(a, 2 * nc + 1, sizeof *d->sex);
  return d->base == NULL || d->weight == NULL || d->expected == NULL || d->age == NULL ||
                 d->sex == NULL
             ? NULL
             : d;
}

/* A finite number at a mapping pair's value, or an error. */
static bool S_number(loader *ld, ynode_pair *pair, const char *path, double *out) {
  if (yaml_number_of(ynode_pair_value(pair), out)) {
    return true;
  }
  loader_error(ld, yaml_line(ynode_pair_value(pair)), path, "must be a number");
  return false;
}

static void S_read_base(loader *ld, model_differential *d, size_t k, ynode *cond,
                        const char *path) {
  const size_t nc = ld->pack->condition_count;
  ynode *base = yaml_read_map(ld, cond, path, "base", true);
  char field[160];
  yaml_path_key(field, sizeof field, path, "base");
  size_t seen = 0;
  void *iter = NULL;
  ynode_pair *pair;
  while (base != NULL && (pair = ynode_mapping_iterate(base, &iter)) != NULL) {
    const char *id = yaml_text_of(ld, ynode_pair_key(pair));
    size_t c = 0;
    if (id == NULL || !id_map_get(&ld->conditions, id, &c)) {
      loader_error(ld, yaml_line(ynode_pair_key(pair)), field, "\"%s\" is not a condition",
                   id != NULL ? id : "");
    } else if (S_number(ld, pair, field, &d->base[c * nc + k])) {
      seen++;
    }
  }
  if (base != NULL && seen != nc) {
    loader_error(ld, yaml_line(base), field, "must give every condition (%zu of %zu)", seen, nc);
  }
}

/* The index of an age band (age) or a sex (!age) by id. */
static bool S_people_index(loader *ld, bool age, const char *id, size_t *index) {
  if (age) {
    return id_map_get(&ld->bands, id, index);
  }
  for (size_t s = 0; S_SEXES[s] != NULL; s++) {
    if (strcmp(id, S_SEXES[s]) == 0) {
      *index = s;
      return true;
    }
  }
  return false;
}

/* The optional age (or sex) map of condition k: band (sex) ids to log-odds,
   into out[index * conditions + k]. */
static void S_read_people(loader *ld, size_t k, ynode *cond, const char *path, bool age,
                          double *out) {
  const char *key = age ? "age" : "sex";
  ynode *map = yaml_read_map(ld, cond, path, key, false);
  char field[160];
  yaml_path_key(field, sizeof field, path, key);
  void *iter = NULL;
  ynode_pair *pair;
  while (map != NULL && (pair = ynode_mapping_iterate(map, &iter)) != NULL) {
    const char *id = yaml_text_of(ld, ynode_pair_key(pair));
    size_t index = 0;
    if (id == NULL || !S_people_index(ld, age, id, &index)) {
      loader_error(ld, yaml_line(ynode_pair_key(pair)), field, "\"%s\" is not %s",
                   id != NULL ? id : "", age ? "an age band of pack.yaml" : "female or male");
      continue;
    }
    S_number(ld, pair, field, &out[index * ld->pack->condition_count + k]);
  }
}

static void S_read_finding_weights(loader *ld, model_differential *d, size_t k,
                                   const symcheck_finding *f, ynode *map, const char *path) {
  const size_t nc = ld->pack->condition_count;
  if (!ynode_is_mapping(map)) {
    loader_error(ld, yaml_line(map), path, "must map options to weights");
    return;
  }
  void *iter = NULL;
  ynode_pair *pair;
  while ((pair = ynode_mapping_iterate(map, &iter)) != NULL) {
    const char *option = yaml_text_of(ld, ynode_pair_key(pair));
    int o = option != NULL ? symcheck_finding_option(f, option) : -1;
    if (o < 0) {
      loader_error(ld, yaml_line(ynode_pair_key(pair)), path, "\"%s\" is not an option of %s",
                   option != NULL ? option : "", f->id);
      continue;
    }
    S_number(ld, pair, path, &d->weight[(d->token_start[f->index] + (size_t)o) * nc + k]);
  }
}

static void S_read_weights(loader *ld, model_differential *d, size_t k, ynode *cond,
                           const char *path) {
  ynode *weights = yaml_read_map(ld, cond, path, "weights", false);
  void *iter = NULL;
  ynode_pair *pair;
  while (weights != NULL && (pair = ynode_mapping_iterate(weights, &iter)) != NULL) {
    const char *id = yaml_text_of(ld, ynode_pair_key(pair));
    char field[200];
    size_t f = 0;
    yaml_path_key(field, sizeof field, path, "weights");
    if (id == NULL || !id_map_get(&ld->findings, id, &f)) {
      loader_error(ld, yaml_line(ynode_pair_key(pair)), field, "\"%s\" is not a finding",
                   id != NULL ? id : "");
      continue;
    }
    yaml_path_key(field, sizeof field, field, id);
    S_read_finding_weights(ld, d, k, &ld->pack->findings[f], ynode_pair_value(pair), field);
  }
}

static void S_read_conditions(loader *ld, model_differential *d, ynode *root) {
  ynode *conditions = yaml_read_map(ld, root, "", "conditions", true);
  void *iter = NULL;
  ynode_pair *pair;
  while (conditions != NULL && (pair = ynode_mapping_iterate(conditions, &iter)) != NULL) {
    const char *id = yaml_text_of(ld, ynode_pair_key(pair));
    char path[160];
    size_t k = 0;
    yaml_path_key(path, sizeof path, "conditions", id != NULL ? id : "");
    if (id == NULL || !id_map_get(&ld->conditions, id, &k)) {
      loader_error(ld, yaml_line(ynode_pair_key(pair)), "conditions", "\"%s\" is not a condition",
                   id != NULL ? id : "");
      continue;
    }
    ynode *cond = ynode_pair_value(pair);
    if (!yaml_expect_map(ld, cond, path)) {
      continue;
    }
    yaml_check_fields(ld, cond, path, S_CONDITION_FIELDS);
    S_read_base(ld, d, k, cond, path);
    S_read_people(ld, k, cond, path, true, d->age);
    S_read_people(ld, k, cond, path, false, d->sex);
    S_read_weights(ld, d, k, cond, path);
  }
}

/* The optional settings of the questions asked for the differential. */
static void S_read_questions(loader *ld, model_differential *d, ynode *root) {
  d->question_limit = S_MAX_QUESTIONS;
  if (yaml_read_number(ld, root, "", "question_min_gain", false, &d->question_min_gain) &&
      !(d->question_min_gain > 0)) {
    loader_error(ld, yaml_key_line(root, "question_min_gain"), "question_min_gain",
                 "must be above 0 (leave it out to ask nothing for the differential)");
  }
  yaml_read_int(ld, root, "", "question_limit", false, 1, S_MAX_QUESTIONS, &d->question_limit);
}

void loader_read_differential(loader *ld, ynode *root) {
  if (!ynode_is_mapping(root)) {
    loader_error(ld, yaml_line(root), "", "must be a mapping (source, keep, conditions...)");
    return;
  }
  yaml_check_fields(ld, root, "", S_FIELDS);
  symcheck_citation citation;
  loader_read_citation(ld, root, "", &citation);
  model_differential *d = S_allocate(ld);
  if (d == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  if (yaml_read_number(ld, root, "", "keep", true, &d->keep) && !(d->keep > 0 && d->keep < 1)) {
    loader_error(ld, yaml_key_line(root, "keep"), "keep", "must be between 0 and 1");
  }
  if (yaml_read_number(ld, root, "", "shown_floor", true, &d->shown_floor) &&
      !(d->shown_floor > 0 && d->shown_floor <= 0.02)) {
    loader_error(ld, yaml_key_line(root, "shown_floor"), "shown_floor",
                 "must be above 0 and at most 0.02");
  }
  S_read_questions(ld, d, root);
  S_read_conditions(ld, d, root);
  ld->pack->model.differential = d;
}
