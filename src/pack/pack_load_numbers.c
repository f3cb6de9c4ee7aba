/*
 * pack_load_numbers.c - the numbers of a pack: probability tables (a
 * finding's default or a condition's likelihood) and the citation every
 * number carries (`source: KEY` or `estimate: true`, exactly one).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "pack_load.h"

bool loader_read_citation(loader *ld, ynode *map, const char *path, symcheck_citation *out) {
  ynode *source = yaml_get(map, "source");
  ynode *estimate = yaml_get(map, "estimate");
  bool has_source = !yaml_is_null(source);
  bool is_estimate = yaml_scalar_is(estimate, "true");
  char field[128];
  if (!yaml_is_null(estimate) && !is_estimate) {
    yaml_path_key(field, sizeof field, path, "estimate");
    loader_error(ld, yaml_key_line(map, "estimate"), field,
                 "must be true (or left out when a source is cited)");
    return false;
  }
  if (has_source == is_estimate) {
    loader_error(ld, yaml_line(map), path,
                 has_source ? "gives both a source and estimate: true; give one of them"
                            : "needs a source (source: KEY) or estimate: true");
    return false;
  }
  *out = (symcheck_citation){.estimate = is_estimate,
                             .note = yaml_read_text(ld, map, path, "note", false)};
  if (!has_source) {
    if (yaml_get(map, "where") != NULL) {
      yaml_path_key(field, sizeof field, path, "where");
      loader_error(ld, yaml_key_line(map, "where"), field,
                   "names a place in a source, but the number is an estimate; cite the source "
                   "(source: KEY) or drop where");
      return false;
    }
    return true;
  }
  const char *key = yaml_scalar_text(source);
  size_t index = 0;
  yaml_path_key(field, sizeof field, path, "source");
  if (key == NULL || !id_map_get(&ld->sources, key, &index)) {
    loader_error(ld, yaml_key_line(map, "source"), field,
                 "\"%s\" is not a source key of the pack (sources.yaml)", key != NULL ? key : "");
    return false;
  }
  out->source = &ld->pack->sources[index];
  out->where = yaml_read_text(ld, map, path, "where", false);
  return true;
}

/* One probability strictly inside (0, 1). */
static bool S_read_p(loader *ld, ynode *value, int line, const char *field, double *out) {
  if (!yaml_number_of(value, out)) {
    loader_error(ld, line, field, "must be a probability (a number between 0 and 1)");
    return false;
  }
  if (!(*out > 0.0 && *out < 1.0)) {
    loader_error(ld, line, field, "probability %g is outside (0, 1)", *out);
    return false;
  }
  return true;
}

static bool S_read_yes_no(loader *ld, ynode *value, int line, const char *field, double *out) {
  if (!S_read_p(ld, value, line, field, &out[0])) {
    return false;
  }
  out[1] = 1.0 - out[0];
  return true;
}

/* A mapping option id -> probability; `listed` marks the options named. */
static bool S_read_table(loader *ld, const symcheck_finding *f, ynode *table, const char *field,
                         double *out, bool *listed) {
  if (table == NULL || !ynode_is_mapping(table)) {
    loader_error(ld, yaml_line(table), field,
                 "must map each option of %s to a probability, e.g. {%s: 0.5, ...}", f->id,
                 f->options[0].id);
    return false;
  }
  bool ok = true;
  void *iter = NULL;
  ynode_pair *pair;
  while ((pair = ynode_mapping_iterate(table, &iter)) != NULL) {
    ynode *key = ynode_pair_key(pair);
    const char *option = yaml_scalar_text(key);
    int o = option != NULL ? symcheck_finding_option(f, option) : -1;
    char path[128];
    yaml_path_key(path, sizeof path, field, option != NULL ? option : "?");
    if (o < 0) {
      loader_error(ld, yaml_line(key), path, "\"%s\" is not an option of %s",
                   option != NULL ? option : "", f->id);
      ok = false;
      continue;
    }
    listed[o] = true;
    ok = S_read_p(ld, ynode_pair_value(pair), yaml_line(key), path, &out[o]) && ok;
  }
  return ok;
}

/* A one-of distribution: every option listed, summing to 1 (normalised). */
static bool S_check_distribution(loader *ld, const symcheck_finding *f, ynode *table,
                                 const char *field, double *out, const bool *listed) {
  double sum = 0.0;
  for (size_t o = 0; o < f->option_count; o++) {
    if (!listed[o]) {
      loader_error(ld, yaml_line(table), field, "does not list option %s; list every option",
                   f->options[o].id);
      return false;
    }
    sum += out[o];
  }
  if (fabs(sum - 1.0) > 0.01) {
    loader_error(ld, yaml_line(table), field, "probabilities sum to %g, not 1", sum);
    return false;
  }
  for (size_t o = 0; o < f->option_count; o++) {
    out[o] /= sum;
  }
  return true;
}

static bool S_check_multi(loader *ld, const symcheck_finding *f, ynode *table, const char *field,
                          const double *fallback, double *out, const bool *listed) {
  for (size_t o = 0; o < f->option_count; o++) {
    if (listed[o]) {
      continue;
    }
    if (fallback == NULL) {
      loader_error(ld, yaml_line(table), field, "does not list option %s; list every option",
                   f->options[o].id);
      return false;
    }
    out[o] = fallback[o];
  }
  return true;
}

static const char *const S_PROBABILITY_FIELDS[] = {"p",     "source", "estimate",
                                                   "where", "note",   NULL};

bool loader_read_probabilities(loader *ld, const symcheck_finding *f, ynode *map, const char *path,
                               const double *fallback, double *out) {
  char field[128];
  yaml_check_fields(ld, map, path, S_PROBABILITY_FIELDS);
  yaml_path_key(field, sizeof field, path, "p");
  ynode *value = yaml_get(map, "p");
  int line = yaml_line(value) != 0 ? yaml_line(value) : yaml_key_line(map, "p");
  if (yaml_is_null(value)) {
    loader_error(ld, yaml_key_line(map, "p"), field, "is required");
    return false;
  }
  if (f->option_count == 0) {
    return false; /* the finding itself is broken and already reported */
  }
  if (f->type == SYMCHECK_ANSWER_YES_NO) {
    return S_read_yes_no(ld, value, line, field, out);
  }
  bool *listed = calloc(f->option_count, sizeof *listed);
  if (listed == NULL) {
    loader_out_of_memory(ld);
    return false;
  }
  bool ok = S_read_table(ld, f, value, field, out, listed);
  if (ok && f->type == SYMCHECK_ANSWER_MULTI) {
    ok = S_check_multi(ld, f, value, field, fallback, out, listed);
  } else if (ok) {
    ok = S_check_distribution(ld, f, value, field, out, listed);
  }
  free(listed);
  return ok;
}
