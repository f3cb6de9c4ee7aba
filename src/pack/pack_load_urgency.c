/*
 * pack_load_urgency.c - reads a condition's optional `urgency_by_age`: a
 * list of {ages: [min, max], urgency, source + where | estimate + note},
 * each giving the condition another urgency for people of those ages.
 * Ranges may not overlap, so the first entry holding an age is its only
 * one; every entry cites what its level rests on.
 */
#include <stdio.h>

#include "pack_load.h"

static const char *const S_ENTRY_FIELDS[] = {"ages",  "urgency", "source", "estimate",
                                             "where", "note",    NULL};

/* The entry's citation; an estimate must say why in `note`. */
static bool S_read_citation(loader *ld, ynode *item, const char *path, symcheck_citation *out) {
  if (!loader_read_citation(ld, item, path, out)) {
    return false;
  }
  if (out->estimate && out->note == NULL) {
    loader_error(ld, yaml_line(item), path,
                 "is an estimate without a reason; add note: \"why this level at these ages\"");
    return false;
  }
  return true;
}

/* Reports entry i when its ages overlap an earlier valid entry's. */
static bool S_overlaps(loader *ld, const symcheck_age_urgency *entries, size_t count,
                       const symcheck_age_urgency *e, ynode *item, const char *path) {
  for (size_t k = 0; k < count; k++) {
    if (e->min_age <= entries[k].max_age && entries[k].min_age <= e->max_age) {
      char field[160];
      yaml_path_key(field, sizeof field, path, "ages");
      loader_error(ld, yaml_key_line(item, "ages"), field,
                   "[%d, %d] overlaps [%d, %d] of an earlier entry; give each age one urgency",
                   e->min_age, e->max_age, entries[k].min_age, entries[k].max_age);
      return true;
    }
  }
  return false;
}

/* One entry into *e; true when it is valid. */
static bool S_read_entry(loader *ld, ynode *item, const char *path, symcheck_age_urgency *e) {
  if (!yaml_expect_map(ld, item, path)) {
    return false;
  }
  yaml_check_fields(ld, item, path, S_ENTRY_FIELDS);
  symcheck_applies applies = {0};
  loader_read_applies(ld, item, path, &applies);
  bool ok = applies.has_ages;
  if (yaml_get(item, "ages") == NULL) {
    loader_error(ld, yaml_line(item), path,
                 "needs the ages it applies to, e.g. ages: [65, 120] (inclusive years)");
  }
  int level = loader_read_level(ld, item, path, "urgency", true);
  ok = level >= 0 && ok;
  ok = S_read_citation(ld, item, path, &e->citation) && ok;
  e->min_age = applies.min_age;
  e->max_age = applies.max_age;
  e->urgency = level >= 0 ? (symcheck_level)level : SYMCHECK_LEVEL_PRIMARY_CARE;
  return ok;
}

void loader_read_urgency_by_age(loader *ld, symcheck_condition *c, ynode *item, const char *path) {
  char field[128];
  yaml_path_key(field, sizeof field, path, "urgency_by_age");
  ynode *list = yaml_read_list(ld, item, path, "urgency_by_age", false);
  size_t n = yaml_length(list);
  if (n == 0) {
    return;
  }
  symcheck_age_urgency *entries = arena_calloc(loader_arena(ld), n, sizeof *entries);
  if (entries == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  size_t count = 0;
  void *iter = NULL;
  ynode *entry;
  for (size_t i = 0; (entry = ynode_sequence_iterate(list, &iter)) != NULL; i++) {
    char at[160], index[32];
    snprintf(index, sizeof index, "%zu", i);
    yaml_path_item(at, sizeof at, field, index);
    if (S_read_entry(ld, entry, at, &entries[count]) &&
        !S_overlaps(ld, entries, count, &entries[count], entry, at)) {
      count++;
    }
  }
  c->urgency_by_age = entries;
  c->urgency_by_age_count = count;
}
