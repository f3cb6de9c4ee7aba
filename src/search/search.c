/*
 * search.c - ranked complaint search across packs (see symcheck.h,
 * "Complaint search").
 *
 * Each query word is compared with the words of a complaint's name and
 * synonyms (search_words.c): the same stem counts 1, a typo 0.8 (one edit)
 * or 0.65 (two), never in words under 5 letters and never with another
 * first letter. A word weighs more the fewer complaints share it (inverse
 * document frequency over every complaint searched; a word no complaint has
 * weighs most), so "chest" outweighs "pain" and an unknown "ear" outweighs
 * both. Coverage is the weighted share of the query a complaint's phrases
 * hold; a complaint matches when it covers S_MATCH of it. The score adds to
 * coverage a bonus for the best single phrase: for query words standing
 * together there as in the query, and for how little else the phrase says,
 * so the synonym "sore throat" outranks a long question that mentions both.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "search_words.h"
#include "symcheck.h"
#include "text_distance.h"

#define S_MATCH 0.6          /* coverage a match needs */
#define S_ADJACENT_BONUS 0.3 /* all query words together, in order, in one phrase */
#define S_PRECISE_BONUS 0.2  /* a phrase saying nothing but the query */

/* What one complaint holds of the query. */
typedef struct S_match {
  double quality[SEARCH_MAX_WORDS]; /* per query word, best over phrases, 0..1 */
  double coverage;
  double bonus;
} S_match;

/* True when a and b differ only by two neighbouring letters swapped. */
static bool S_is_swap(const char *a, const char *b) {
  size_t n = strlen(a);
  if (n != strlen(b)) {
    return false;
  }
  size_t k = 0;
  while (k < n && a[k] == b[k]) {
    k++;
  }
  return k + 1 < n && a[k] == b[k + 1] && a[k + 1] == b[k] && strcmp(a + k + 2, b + k + 2) == 0;
}

/* How well query stem `q` matches phrase stem `p`: 1 same, 0.8 or 0.65 for
   one or two typos, 0 otherwise. Words of 4 letters allow only a swap
   ("pian"); one typo needs 5 letters in both words, two need 8 and 6. */
static double S_word_quality(const char *q, const char *p) {
  if (strcmp(q, p) == 0) {
    return 1.0;
  }
  size_t lq = strlen(q), lp = strlen(p);
  size_t shorter = lq < lp ? lq : lp, longer = lq < lp ? lp : lq;
  if (q[0] != p[0] || longer - shorter > 2 || shorter < 4) {
    return 0.0;
  }
  if (shorter == 4) {
    return S_is_swap(q, p) ? 0.8 : 0.0;
  }
  size_t d = text_distance(q, p);
  if (d == 1) {
    return 0.8;
  }
  return d == 2 && longer >= 8 && shorter >= 6 ? 0.65 : 0.0;
}

/* 1 when phrase word j is query words i and a neighbour written as one
   ("light headed" for "lightheaded") or query word i is phrase words j and
   j + 1 written apart ("chestpain"); else 0. */
static double S_joined_quality(const search_words *query, size_t i, const search_words *phrase,
                               size_t j) {
  char joined[2 * SEARCH_WORD_SIZE];
  if (j + 1 < phrase->count) {
    snprintf(joined, sizeof joined, "%s%s", phrase->word[j], phrase->word[j + 1]);
    if (strcmp(query->word[i], joined) == 0) {
      return 1.0;
    }
  }
  for (size_t k = i > 0 ? i - 1 : 0; k <= i && k + 1 < query->count; k++) {
    snprintf(joined, sizeof joined, "%s%s", query->word[k], query->word[k + 1]);
    if (strcmp(joined, phrase->word[j]) == 0) {
      return 1.0;
    }
  }
  return 0.0;
}

/* Best quality of query word i in the phrase and where (phrase word index;
   -1 for none). */
static double S_best_in_phrase(const search_words *query, size_t i, const search_words *phrase,
                               long *where) {
  double best = 0.0;
  *where = -1;
  for (size_t j = 0; j < phrase->count && best < 1.0; j++) {
    double q = S_word_quality(query->word[i], phrase->word[j]);
    if (q == 0.0) {
      q = S_joined_quality(query, i, phrase, j);
    }
    if (q > best) {
      best = q;
      *where = (long)j;
    }
  }
  return best;
}

/* Folds one phrase into the complaint's match. With weights (NULL in the
   counting pass), also the phrase's bonus: coverage by this phrase alone
   times (neighbours kept together + share of the phrase that is query). */
static void S_add_phrase(const search_words *query, const double *weights, const char *text,
                         S_match *match) {
  search_words phrase;
  search_split(text, &phrase);
  long where[SEARCH_MAX_WORDS];
  double covered = 0.0, total = 0.0;
  size_t used = 0;
  for (size_t i = 0; i < query->count; i++) {
    double q = S_best_in_phrase(query, i, &phrase, &where[i]);
    match->quality[i] = q > match->quality[i] ? q : match->quality[i];
    if (weights != NULL) {
      covered += weights[i] * q;
      total += weights[i];
      used += q > 0.0;
    }
  }
  if (weights == NULL || total == 0.0 || phrase.count == 0) {
    return;
  }
  size_t together = 0;
  for (size_t i = 0; i + 1 < query->count; i++) {
    together += where[i] >= 0 && (where[i + 1] == where[i] + 1 || where[i + 1] == where[i]);
  }
  double adjacent = query->count > 1 ? (double)together / (double)(query->count - 1) : 1.0;
  double precise = (double)(used < phrase.count ? used : phrase.count) / (double)phrase.count;
  double bonus = covered / total * (S_ADJACENT_BONUS * adjacent + S_PRECISE_BONUS * precise);
  match->bonus = bonus > match->bonus ? bonus : match->bonus;
}

static S_match S_match_complaint(const search_words *query, const double *weights,
                                 const symcheck_complaint *complaint) {
  S_match match;
  memset(&match, 0, sizeof match);
  S_add_phrase(query, weights, complaint->name, &match);
  for (size_t i = 0; i < complaint->synonym_count; i++) {
    S_add_phrase(query, weights, complaint->synonyms[i], &match);
  }
  double covered = 0.0, total = 0.0;
  for (size_t i = 0; weights != NULL && i < query->count; i++) {
    covered += weights[i] * match.quality[i];
    total += weights[i];
  }
  match.coverage = total > 0.0 ? covered / total : 0.0;
  return match;
}

/* Weight of each query word: log(1 + N / (1 + complaints holding it)). */
static void S_weights(const symcheck_pack *const *packs, size_t pack_count,
                      const search_words *query, double *weights) {
  size_t holding[SEARCH_MAX_WORDS] = {0}, complaints = 0;
  for (size_t p = 0; p < pack_count; p++) {
    size_t n = packs[p] != NULL ? symcheck_pack_complaint_count(packs[p]) : 0;
    for (size_t c = 0; c < n; c++) {
      S_match match = S_match_complaint(query, NULL, symcheck_pack_complaint(packs[p], c));
      for (size_t i = 0; i < query->count; i++) {
        holding[i] += match.quality[i] > 0.0;
      }
      complaints++;
    }
  }
  for (size_t i = 0; i < query->count; i++) {
    weights[i] = log(1.0 + (double)complaints / (1.0 + (double)holding[i]));
  }
}

/* Inserts the hit into out (best first, `*count` of `max` used); an equal
   score keeps the earlier hit first. */
static void S_insert(symcheck_search_hit hit, symcheck_search_hit *out, size_t *count, size_t max) {
  size_t at = *count;
  while (at > 0 && out[at - 1].score < hit.score) {
    at--;
  }
  if (at >= max) {
    return;
  }
  size_t last = *count < max ? *count : max - 1;
  memmove(out + at + 1, out + at, (last - at) * sizeof *out);
  out[at] = hit;
  *count = last + 1;
}

size_t symcheck_search_complaints(const symcheck_pack *const *packs, size_t pack_count,
                                  const char *text, symcheck_search_mode mode,
                                  symcheck_search_hit *out, size_t max) {
  search_words query;
  search_split(text, &query);
  if (query.count == 0 || max == 0) {
    return 0;
  }
  double weights[SEARCH_MAX_WORDS];
  S_weights(packs, pack_count, &query, weights);
  size_t count = 0;
  for (size_t p = 0; p < pack_count; p++) {
    size_t n = packs[p] != NULL ? symcheck_pack_complaint_count(packs[p]) : 0;
    for (size_t c = 0; c < n; c++) {
      S_match match = S_match_complaint(&query, weights, symcheck_pack_complaint(packs[p], c));
      bool matches = match.coverage >= S_MATCH;
      if (match.coverage > 0.0 && matches == (mode == SYMCHECK_SEARCH_MATCHES)) {
        symcheck_search_hit hit = {p, c, match.coverage + match.bonus};
        S_insert(hit, out, &count, max);
      }
    }
  }
  return count;
}

size_t symcheck_pack_search_complaints(const symcheck_pack *pack, const char *text, size_t *out,
                                       size_t max) {
  enum { S_MAX_HITS = 64 };
  symcheck_search_hit hits[S_MAX_HITS];
  size_t want = max < S_MAX_HITS ? max : S_MAX_HITS;
  size_t n = symcheck_search_complaints(&pack, 1, text, SYMCHECK_SEARCH_MATCHES, hits, want);
  if (n == 0) {
    n = symcheck_search_complaints(&pack, 1, text, SYMCHECK_SEARCH_CLOSEST, hits, want);
  }
  for (size_t i = 0; i < n; i++) {
    out[i] = hits[i].complaint;
  }
  return n;
}
