/*
 * pack_load_distinct.c - finds conditions of one complaint that no answer
 * can tell apart: their likelihood rows are identical over every finding
 * once defaults fill the findings they do not list.
 *
 * Comparing full rows pairwise would cost conditions^2 x findings per
 * complaint (10^9 for a 1,000 x 3,000 pack). Instead each row gets a hash
 * that depends only on the entries that differ from the default (so a
 * listed value equal to the default hashes like an unlisted one); rows
 * are compared in full only when their hashes collide.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pack_load.h"

typedef struct S_keyed {
  uint64_t hash;
  size_t position; /* in the complaint's condition list */
} S_keyed;

static uint64_t S_mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15u;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
  return x ^ (x >> 31);
}

static bool S_same(const double *a, const double *b, size_t n) {
  return memcmp(a, b, n * sizeof *a) == 0;
}

/* Order-independent hash of the entries that differ from the defaults. */
static uint64_t S_row_hash(const symcheck_condition *c) {
  uint64_t hash = 0;
  for (size_t i = 0; i < c->likelihood_count; i++) {
    const symcheck_likelihood *l = &c->likelihoods[i];
    const symcheck_finding *f = l->finding;
    if (S_same(l->p, f->default_p, f->option_count)) {
      continue;
    }
    uint64_t h = S_mix(f->index);
    for (size_t o = 0; o < f->option_count; o++) {
      uint64_t bits = 0;
      memcpy(&bits, &l->p[o], sizeof bits);
      h = S_mix(h ^ bits);
    }
    hash += h;
  }
  return hash;
}

/* True when every entry a lists has the same value in b (listed or not). */
static bool S_covers(const symcheck_condition *a, const symcheck_condition *b) {
  for (size_t i = 0; i < a->likelihood_count; i++) {
    const symcheck_likelihood *l = &a->likelihoods[i];
    const symcheck_likelihood *other = symcheck_condition_likelihood(b, l->finding);
    const double *p = other != NULL ? other->p : l->finding->default_p;
    if (!S_same(l->p, p, l->finding->option_count)) {
      return false;
    }
  }
  return true;
}

static int S_compare(const void *x, const void *y) {
  const S_keyed *a = x, *b = y;
  if (a->hash != b->hash) {
    return a->hash < b->hash ? -1 : 1;
  }
  return a->position < b->position ? -1 : a->position > b->position;
}

static void S_report(loader *ld, const symcheck_complaint *complaint,
                     const symcheck_condition *first, const symcheck_condition *second) {
  char path[128], field[128];
  yaml_path_item(path, sizeof path, "conditions", second->id);
  yaml_path_key(field, sizeof field, path, "likelihoods");
  loader_error(ld, ld->likelihoods_line[second->index], field,
               "%s has the same likelihoods as %s for every finding (after defaults), so no "
               "question can tell them apart in complaint %s",
               second->id, first->id, complaint->id);
}

/* Compares each condition of a run of equal hashes with those before it. */
static void S_check_run(loader *ld, const symcheck_complaint *complaint, const S_keyed *run,
                        size_t n, bool *reported) {
  for (size_t j = 1; j < n; j++) {
    const symcheck_condition *b = complaint->conditions[run[j].position];
    for (size_t i = 0; i < j && !reported[b->index]; i++) {
      const symcheck_condition *a = complaint->conditions[run[i].position];
      if (S_covers(a, b) && S_covers(b, a)) {
        reported[b->index] = true;
        S_report(ld, complaint, a, b);
      }
    }
  }
}

void loader_check_distinct(loader *ld) {
  const symcheck_pack *pack = ld->pack;
  uint64_t *hashes = calloc(pack->condition_count + 1, sizeof *hashes);
  bool *reported = calloc(pack->condition_count + 1, sizeof *reported);
  S_keyed *keyed = calloc(pack->condition_count + 1, sizeof *keyed);
  if (hashes == NULL || reported == NULL || keyed == NULL) {
    loader_out_of_memory(ld);
  }
  for (size_t c = 0; keyed != NULL && hashes != NULL && c < pack->condition_count; c++) {
    hashes[c] = S_row_hash(&pack->conditions[c]);
  }
  for (size_t k = 0; keyed != NULL && reported != NULL && k < pack->complaint_count; k++) {
    const symcheck_complaint *complaint = &pack->complaints[k];
    for (size_t i = 0; i < complaint->condition_count; i++) {
      keyed[i] = (S_keyed){hashes[complaint->conditions[i]->index], i};
    }
    qsort(keyed, complaint->condition_count, sizeof *keyed, S_compare);
    for (size_t start = 0, end = 0; start < complaint->condition_count; start = end) {
      while (end < complaint->condition_count && keyed[end].hash == keyed[start].hash) {
        end++;
      }
      S_check_run(ld, complaint, keyed + start, end - start, reported);
    }
  }
  free(hashes);
  free(reported);
  free(keyed);
}
