/*
 * complaint_list.c - every complaint of several packs in the order a
 * person browses them: by body area (a complaint's `group`), the areas in
 * the order they first appear (packs in the order given), complaints
 * without an area last (under "Other"), and by name within an area. The
 * home page and the terminal quiz list complaints this way, so that the
 * same symptom sits in the same place in both.
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "symcheck.h"

const char *symcheck_complaint_area(const symcheck_complaint *complaint) {
  return complaint->group != NULL ? complaint->group : "Other";
}

static const symcheck_complaint *S_complaint(const symcheck_pack *const *packs,
                                             const symcheck_search_hit *h) {
  return symcheck_pack_complaint(packs[h->pack], h->complaint);
}

/* Rank of an area: the position of the first complaint (in pack order)
   that names it; complaints without one rank after every area. */
static size_t S_area_rank(const symcheck_pack *const *packs, const symcheck_search_hit *all,
                          size_t n, const symcheck_complaint *c) {
  if (c->group == NULL) {
    return n;
  }
  for (size_t i = 0; i < n; i++) {
    const char *group = S_complaint(packs, &all[i])->group;
    if (group != NULL && strcmp(group, c->group) == 0) {
      return i;
    }
  }
  return n;
}

/* True when a goes before b. `rank_*` are their areas' ranks. */
static bool S_before(const symcheck_complaint *a, size_t rank_a, const symcheck_complaint *b,
                     size_t rank_b) {
  return rank_a != rank_b ? rank_a < rank_b : strcasecmp(a->name, b->name) < 0;
}

size_t symcheck_list_complaints(const symcheck_pack *const *packs, size_t pack_count,
                                symcheck_search_hit *out, size_t max) {
  size_t n = 0;
  for (size_t p = 0; p < pack_count; p++) {
    size_t count = packs[p] != NULL ? symcheck_pack_complaint_count(packs[p]) : 0;
    for (size_t c = 0; c < count && n < max; c++) {
      if (symcheck_pack_complaint(packs[p], c)->listed) {
        out[n++] = (symcheck_search_hit){p, c, 0.0};
      }
    }
  }
  /* the ranks are read from pack order, so keep a copy of it while sorting */
  for (size_t i = 0; i < n; i++) {
    out[i].score = (double)S_area_rank(packs, out, n, S_complaint(packs, &out[i]));
  }
  for (size_t i = 1; i < n; i++) { /* insertion sort: stable, a few hundred at most */
    symcheck_search_hit h = out[i];
    const symcheck_complaint *c = S_complaint(packs, &h);
    size_t j = i;
    while (j > 0 && S_before(c, (size_t)h.score, S_complaint(packs, &out[j - 1]),
                             (size_t)out[j - 1].score)) {
      out[j] = out[j - 1];
      j--;
    }
    out[j] = h;
  }
  for (size_t i = 0; i < n; i++) {
    out[i].score = 0.0;
  }
  return n;
}
