/*
 * pack_load_conditions.c - reads conditions.yaml: each condition's texts,
 * rarity and prevalence, urgency, prior (weight with age-band and sex
 * factors) and its likelihoods P(answer | condition) per finding, each
 * number with its citation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pack_load.h"

static const char *const S_rarities[] = {"common", "uncommon", "rare", "very_rare"};
/* A factor > 0 at map[key]; leaves *out alone when absent or invalid. */
static void S_read_factor(loader *ld, ynode *map, const char *path, const char *key, double *out) {
  double value = 0.0;
  if (!yaml_read_number(ld, map, path, key, false, &value)) {
    return;
  }
  if (value <= 0.0) {
    char field[128];
    yaml_path_key(field, sizeof field, path, key);
    loader_error(ld, yaml_key_line(map, key), field, "factor %g must be above 0", value);
    return;
  }
  *out = value;
}

/* Reports keys of `map` that are not among the allowed ones. */
static void S_check_keys(loader *ld, ynode *map, const char *path, const id_map *allowed,
                         const char *what) {
  void *iter = NULL;
  ynode_pair *pair;
  while ((pair = ynode_mapping_iterate(map, &iter)) != NULL) {
    const char *key = yaml_scalar_text(ynode_pair_key(pair));
    size_t ignored = 0;
    if (key == NULL || !id_map_get(allowed, key, &ignored)) {
      loader_error(ld, yaml_line(ynode_pair_key(pair)), path, "\"%s\" is not %s",
                   key != NULL ? key : "", what);
    }
  }
}

static void S_read_age_factors(loader *ld, symcheck_condition *c, ynode *prior, const char *path) {
  const symcheck_pack_info *info = &ld->pack->info;
  double *factors = arena_calloc(loader_arena(ld), info->age_band_count + 1, sizeof *factors);
  if (factors == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  for (size_t b = 0; b <= info->age_band_count; b++) {
    factors[b] = 1.0;
  }
  c->age_factor = factors;
  ynode *age = yaml_read_map(ld, prior, path, "age", false);
  if (age == NULL) {
    return;
  }
  char field[128];
  yaml_path_key(field, sizeof field, path, "age");
  S_check_keys(ld, age, field, &ld->bands, "an age band of pack.yaml");
  for (size_t b = 0; b < info->age_band_count; b++) {
    if (info->age_bands[b].id != NULL) {
      S_read_factor(ld, age, field, info->age_bands[b].id, &factors[b]);
    }
  }
}

static void S_read_sex_factors(loader *ld, symcheck_condition *c, ynode *prior, const char *path) {
  c->sex_factor[SYMCHECK_SEX_FEMALE] = 1.0;
  c->sex_factor[SYMCHECK_SEX_MALE] = 1.0;
  ynode *sex = yaml_read_map(ld, prior, path, "sex", false);
  if (sex == NULL) {
    return;
  }
  char field[128];
  yaml_path_key(field, sizeof field, path, "sex");
  void *iter = NULL;
  ynode_pair *pair;
  while ((pair = ynode_mapping_iterate(sex, &iter)) != NULL) {
    const char *key = yaml_scalar_text(ynode_pair_key(pair));
    if (key == NULL || symcheck_sex_parse(key) < 0) {
      loader_error(ld, yaml_line(ynode_pair_key(pair)), field,
                   "\"%s\" is not a sex (female or male)", key != NULL ? key : "");
    }
  }
  S_read_factor(ld, sex, field, "female", &c->sex_factor[SYMCHECK_SEX_FEMALE]);
  S_read_factor(ld, sex, field, "male", &c->sex_factor[SYMCHECK_SEX_MALE]);
}

static const char *const S_PRIOR_FIELDS[] = {"weight",   "age",   "sex",  "source",
                                             "estimate", "where", "note", NULL};
static const char *const S_PREVALENCE_FIELDS[] = {"text",  "source", "estimate",
                                                  "where", "note",   NULL};
static const char *const S_CONDITION_FIELDS[] = {"id",
                                                 "name",
                                                 "icd10",
                                                 "snomed",
                                                 "group",
                                                 "summary",
                                                 "rarity",
                                                 "prevalence",
                                                 "urgency",
                                                 "urgency_source",
                                                 "urgency_estimate",
                                                 "urgency_where",
                                                 "urgency_note",
                                                 "urgency_by_age",
                                                 "prior",
                                                 "likelihoods",
                                                 "self_care",
                                                 "see_doctor",
                                                 "ages",
                                                 "sex",
                                                 "review",
                                                 NULL};
static const char *const S_REVIEW_FIELDS[] = {"by", "date", "sources_version", NULL};

/* `review: {by, date, sources_version}`: who checked the condition; an
   empty map or no field means not yet reviewed. `by` and `date` go
   together. */
static void S_read_review(loader *ld, symcheck_condition *c, ynode *item, const char *path) {
  char field[128];
  yaml_path_key(field, sizeof field, path, "review");
  ynode *review = yaml_read_map(ld, item, path, "review", false);
  if (review == NULL) {
    return;
  }
  yaml_check_fields(ld, review, field, S_REVIEW_FIELDS);
  symcheck_review *r = &c->review;
  r->by = yaml_read_text(ld, review, field, "by", false);
  r->date = yaml_read_text(ld, review, field, "date", false);
  r->sources_version = yaml_read_text(ld, review, field, "sources_version", false);
  if (r->date != NULL && !loader_is_date(r->date)) {
    char date[160];
    yaml_path_key(date, sizeof date, field, "date");
    loader_error(ld, yaml_key_line(review, "date"), date, "\"%s\" is not a date written YYYY-MM-DD",
                 r->date);
  }
  if ((r->by == NULL) != (r->date == NULL) || (r->by == NULL && r->sources_version != NULL)) {
    loader_error(ld, yaml_line(review), field,
                 "a review names who (by: \"Name, role\") and when (date: YYYY-MM-DD); give "
                 "both, or leave review empty when nobody has reviewed it yet");
    *r = (symcheck_review){0};
  }
}

/* Optional for now: `urgency_source: KEY` (with `urgency_where`) or
   `urgency_estimate: true`, either with an optional `urgency_note`. */
static void S_read_urgency_citation(loader *ld, symcheck_condition *c, ynode *item,
                                    const char *path) {
  c->urgency_citation.note = yaml_read_text(ld, item, path, "urgency_note", false);
  c->urgency_citation.where = yaml_read_text(ld, item, path, "urgency_where", false);
  ynode *source = yaml_get(item, "urgency_source");
  ynode *estimate = yaml_get(item, "urgency_estimate");
  if (source == NULL && estimate == NULL) {
    return;
  }
  char field[128];
  if (source != NULL && estimate != NULL) {
    yaml_path_key(field, sizeof field, path, "urgency_estimate");
    loader_error(ld, yaml_key_line(item, "urgency_estimate"), field,
                 "gives both urgency_source and urgency_estimate: true; give one of them");
    return;
  }
  if (estimate != NULL) {
    yaml_path_key(field, sizeof field, path, "urgency_estimate");
    if (!yaml_scalar_is(estimate, "true")) {
      loader_error(ld, yaml_key_line(item, "urgency_estimate"), field,
                   "must be true (or left out when urgency_source is given)");
      return;
    }
    c->urgency_citation.estimate = true;
    return;
  }
  const char *key = yaml_text_of(ld, source);
  size_t index = 0;
  yaml_path_key(field, sizeof field, path, "urgency_source");
  if (key == NULL || !id_map_get(&ld->sources, key, &index)) {
    loader_error(ld, yaml_key_line(item, "urgency_source"), field,
                 "\"%s\" is not a source key of the pack (sources.yaml)", key != NULL ? key : "");
    return;
  }
  c->urgency_citation.source = &ld->pack->sources[index];
}

static void S_read_prior(loader *ld, symcheck_condition *c, ynode *item, const char *path) {
  char field[128];
  yaml_path_key(field, sizeof field, path, "prior");
  ynode *prior = yaml_read_map(ld, item, path, "prior", true);
  S_read_age_factors(ld, c, prior, field);
  S_read_sex_factors(ld, c, prior, field);
  if (prior == NULL) {
    return;
  }
  yaml_check_fields(ld, prior, field, S_PRIOR_FIELDS);
  if (yaml_read_number(ld, prior, field, "weight", true, &c->prior) && c->prior <= 0.0) {
    char weight[128];
    yaml_path_key(weight, sizeof weight, field, "weight");
    loader_error(ld, yaml_key_line(prior, "weight"), weight, "weight %g must be above 0", c->prior);
  }
  loader_read_citation(ld, prior, field, &c->prior_citation);
}

static void S_read_prevalence(loader *ld, symcheck_condition *c, ynode *item, const char *path) {
  char field[128];
  yaml_path_key(field, sizeof field, path, "prevalence");
  ynode *prevalence = yaml_read_map(ld, item, path, "prevalence", true);
  if (prevalence != NULL) {
    yaml_check_fields(ld, prevalence, field, S_PREVALENCE_FIELDS);
    c->prevalence = yaml_read_text(ld, prevalence, field, "text", true);
    loader_read_citation(ld, prevalence, field, &c->prevalence_citation);
  }
}

/* One `finding: {p: ..., source|estimate}` entry; true when valid. */
static bool S_read_likelihood(loader *ld, ynode_pair *pair, const char *path,
                              symcheck_likelihood *out) {
  ynode *key = ynode_pair_key(pair);
  ynode *value = ynode_pair_value(pair);
  const char *id = yaml_scalar_text(key);
  char field[128];
  yaml_path_key(field, sizeof field, path, id != NULL ? id : "?");
  size_t index = 0;
  if (id == NULL || !id_map_get(&ld->findings, id, &index)) {
    loader_error(ld, yaml_line(key), field, "\"%s\" is not a finding", id != NULL ? id : "");
    return false;
  }
  const symcheck_finding *f = &ld->pack->findings[index];
  if (value == NULL || !ynode_is_mapping(value)) {
    loader_error(ld, yaml_line(key), field,
                 "must be {p: ..., source: KEY} or {p: ..., "
                 "estimate: true}");
    return false;
  }
  if (f->default_p == NULL) {
    return false; /* the finding is broken and already reported */
  }
  double *p = arena_calloc(loader_arena(ld), f->option_count, sizeof *p);
  if (p == NULL) {
    loader_out_of_memory(ld);
    return false;
  }
  bool ok = loader_read_probabilities(ld, f, value, field, f->default_p, p);
  ok = loader_read_citation(ld, value, field, &out->citation) && ok;
  out->finding = f;
  out->p = p;
  return ok;
}

static void S_read_likelihoods(loader *ld, symcheck_condition *c, ynode *item, const char *path) {
  char field[128];
  yaml_path_key(field, sizeof field, path, "likelihoods");
  ynode *map = yaml_read_map(ld, item, path, "likelihoods", true);
  if (map == NULL) {
    return;
  }
  int n = ynode_mapping_item_count(map);
  symcheck_likelihood *rows = arena_calloc(loader_arena(ld), n > 0 ? (size_t)n : 1, sizeof *rows);
  if (rows == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  size_t count = 0;
  void *iter = NULL;
  ynode_pair *pair;
  while ((pair = ynode_mapping_iterate(map, &iter)) != NULL) {
    if (S_read_likelihood(ld, pair, field, &rows[count])) {
      count++;
    }
  }
  c->likelihoods = rows;
  c->likelihood_count = count;
}

static void S_read_condition(loader *ld, ynode *item, size_t i) {
  symcheck_condition *c = &ld->pack->conditions[i];
  c->index = i;
  c->sex_factor[0] = c->sex_factor[1] = 1.0;
  char path[128], index[32];
  snprintf(index, sizeof index, "%zu", i);
  yaml_path_item(path, sizeof path, "conditions", index);
  if (!yaml_expect_map(ld, item, path)) {
    return;
  }
  ld->likelihoods_line[i] = yaml_key_line(item, "likelihoods");
  c->id = yaml_read_id(ld, item, path, "id", false);
  if (c->id != NULL) {
    yaml_path_item(path, sizeof path, "conditions", c->id);
    int put = id_map_put(&ld->conditions, c->id, i);
    if (put == 0) {
      loader_error(ld, yaml_key_line(item, "id"), path, "duplicate condition id \"%s\"", c->id);
    } else if (put < 0) {
      loader_out_of_memory(ld);
    }
  }
  yaml_check_fields(ld, item, path, S_CONDITION_FIELDS);
  c->name = yaml_read_text(ld, item, path, "name", true);
  c->icd10 = yaml_read_text(ld, item, path, "icd10", true);
  loader_check_icd10(ld, item, path, "icd10", c->icd10);
  c->snomed = loader_read_snomed(ld, item, path);
  S_read_review(ld, c, item, path);
  c->group = yaml_read_text(ld, item, path, "group", true);
  c->summary = yaml_read_text(ld, item, path, "summary", true);
  int rarity = yaml_read_enum(ld, item, path, "rarity", true, S_rarities, 4);
  c->rarity = rarity >= 0 ? (symcheck_rarity)rarity : SYMCHECK_RARITY_COMMON;
  int urgency = loader_read_level(ld, item, path, "urgency", true);
  c->urgency = urgency >= 0 ? (symcheck_level)urgency : SYMCHECK_LEVEL_PRIMARY_CARE;
  S_read_urgency_citation(ld, c, item, path);
  loader_read_urgency_by_age(ld, c, item, path);
  S_read_prevalence(ld, c, item, path);
  S_read_prior(ld, c, item, path);
  loader_read_applies(ld, item, path, &c->applies);
  S_read_likelihoods(ld, c, item, path);
  c->self_care = yaml_read_text(ld, item, path, "self_care", false);
  c->see_doctor = yaml_read_text(ld, item, path, "see_doctor", false);
}

/* Room for one more condition in the rows being streamed in (malloc'd
   until the list ends). Returns false when out of memory. */
static bool S_room(loader *ld) {
  symcheck_pack *pack = ld->pack;
  if (pack->condition_count < ld->conditions_capacity) {
    return true;
  }
  size_t capacity = ld->conditions_capacity == 0 ? 64 : ld->conditions_capacity * 2;
  symcheck_condition *rows = realloc(pack->conditions, capacity * sizeof *rows);
  if (rows != NULL) {
    pack->conditions = rows;
  }
  int *lines = realloc(ld->likelihoods_line, capacity * sizeof *lines);
  if (lines != NULL) {
    ld->likelihoods_line = lines;
  }
  if (rows == NULL || lines == NULL) {
    return false;
  }
  memset(rows + ld->conditions_capacity, 0, (capacity - ld->conditions_capacity) * sizeof *rows);
  ld->conditions_capacity = capacity;
  return true;
}

/* One condition of the list, as soon as it is parsed. */
static void S_condition_item(void *ctx, ynode *item) {
  loader *ld = ctx;
  if (!S_room(ld)) {
    loader_out_of_memory(ld);
    return;
  }
  ld->likelihoods_line[ld->pack->condition_count] = 0;
  S_read_condition(ld, item, ld->pack->condition_count++);
}

bool loader_read_conditions(loader *ld, const char *dir) {
  symcheck_pack *pack = ld->pack;
  pack->condition_count = 0;
  pack->conditions = NULL;
  bool parsed = id_map_init(&ld->conditions, 64) == 0;
  ynode *root =
      parsed ? yaml_read_file_items(ld, dir, "conditions.yaml", S_condition_item, ld) : NULL;
  if (root != NULL && !ynode_is_sequence(root)) {
    loader_error(ld, yaml_line(root), "conditions", "must be a list of conditions");
  }
  /* the rows move into the pack's arena, with room for one more */
  symcheck_condition *rows = pack->conditions;
  pack->conditions = arena_calloc(&pack->arena, pack->condition_count + 1, sizeof *rows);
  if (pack->conditions == NULL || !parsed) {
    loader_out_of_memory(ld);
    pack->condition_count = 0;
  } else if (pack->condition_count > 0) {
    memcpy(pack->conditions, rows, pack->condition_count * sizeof *rows);
  }
  free(rows);
  return parsed && root != NULL;
}
