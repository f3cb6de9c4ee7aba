/*
 * search.c - ranked complaint search across packs (see symcheck.h,
 * "Complaint search").
 *
 * Each query word is compared with the words of a complaint's name and
 * synonyms (search_words.c): the same stem counts 1, a typo 0.85 (one edit)
 * or 0.75 (two). Only a word no complaint has may be a typo ("stol" for
 * "stool"; "black" is a word of its own, not "back" misspelt), never with
 * another first letter, never a short word inside a longer one. A word weighs more the fewer
 * complaints share it (inverse document frequency over every complaint searched; a word no
 * complaint has weighs most), so "chest" outweighs "pain" and an unknown "ear" outweighs both.
 * Coverage is the weighted share of the query a complaint's phrases hold; a complaint matches when
 * it covers S_MATCH of it. The score adds to coverage a bonus for the best single phrase: for query
 * words standing together there as in the query, and for how little else the phrase says, so the
 * synonym "sore throat" outranks a long question that mentions both.
 *
 * A query no complaint matches as a whole may name several symptoms
 * ("headache and fever"): it is then split at "and", "with", commas and
 * the like, and each part's matches are offered in turn.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "search_words.h"
#include "symcheck.h"
#include "text_distance.h"

#define S_MATCH 0.75         /* coverage a match needs */
#define S_ADJACENT_BONUS 0.3 /* all query words together, in order, in one phrase */
#define S_PRECISE_BONUS 0.2  /* a phrase saying nothing but the query */
#define S_MAX_PARTS 4        /* symptoms looked for in one query ("headache and fever") */
#define S_MAX_PART_HITS 8    /* matches kept per symptom */
#define S_MAX_TEXT 512       /* longest query split into symptoms */
#define S_JOIN '\x01'        /* marks a join while splitting */

/* The query as compared: its words, whether each may be read as a typo
   (no complaint has it as it is), and each one's weight (0 until known). */
typedef struct S_query {
  search_words words;
  bool typo[SEARCH_MAX_WORDS];
  double weight[SEARCH_MAX_WORDS];
} S_query;

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

/* How well query stem `q` reads as phrase stem `p` misspelt: 0.85 for one
   typo, 0.75 for two, else 0. A typo needs the same first letter and 4
   letters in both words, two need 6. Two words of 4 letters differ only by
   a swap ("pian"); a word under 5 letters never matches inside a longer
   one ("fever" is not "ever", "pain" not "paint"). */
static double S_typo_quality(const char *q, const char *p) {
  size_t lq = strlen(q), lp = strlen(p);
  size_t shorter = lq < lp ? lq : lp, longer = lq < lp ? lp : lq;
  if (q[0] != p[0] || longer - shorter > 2 || shorter < 4) {
    return 0.0;
  }
  if (longer == 4) {
    return S_is_swap(q, p) ? 0.85 : 0.0;
  }
  const char *small = lq < lp ? q : p, *large = lq < lp ? p : q;
  if (shorter < 5 &&
      (strncmp(small, large, shorter) == 0 || strcmp(small, large + longer - shorter) == 0)) {
    return 0.0;
  }
  size_t d = text_distance(q, p);
  if (d == 1) {
    return 0.85;
  }
  return d == 2 && shorter >= 6 ? 0.75 : 0.0;
}

/* True when phrase word j is query word i and a neighbour written as one
   ("light headed" for "lightheaded") or query word i is phrase words j and
   j + 1 written apart ("chestpain"). */
static bool S_joined(const search_words *query, size_t i, const search_words *phrase, size_t j) {
  char joined[2 * SEARCH_WORD_SIZE];
  if (j + 1 < phrase->count) {
    snprintf(joined, sizeof joined, "%s%s", phrase->word[j], phrase->word[j + 1]);
    if (strcmp(query->word[i], joined) == 0) {
      return true;
    }
  }
  for (size_t k = i > 0 ? i - 1 : 0; k <= i && k + 1 < query->count; k++) {
    snprintf(joined, sizeof joined, "%s%s", query->word[k], query->word[k + 1]);
    if (strcmp(joined, phrase->word[j]) == 0) {
      return true;
    }
  }
  return false;
}

/* How well query word i matches phrase word j: 1 the same stem, a typo's
   quality (of the stems or the words as written: "itcy" is "itchy") when
   the word may be one, else 0. */
static double S_quality(const S_query *query, size_t i, const search_words *phrase, size_t j) {
  if (strcmp(query->words.word[i], phrase->word[j]) == 0 || S_joined(&query->words, i, phrase, j)) {
    return 1.0;
  }
  if (!query->typo[i]) {
    return 0.0;
  }
  double stem = S_typo_quality(query->words.word[i], phrase->word[j]);
  double raw = S_typo_quality(query->words.raw[i], phrase->raw[j]);
  return stem > raw ? stem : raw;
}

/* Best quality of query word i in the phrase and where (phrase word index;
   -1 for none). */
static double S_best_in_phrase(const S_query *query, size_t i, const search_words *phrase,
                               long *where) {
  double best = 0.0;
  *where = -1;
  for (size_t j = 0; j < phrase->count && best < 1.0; j++) {
    double q = S_quality(query, i, phrase, j);
    if (q > best) {
      best = q;
      *where = (long)j;
    }
  }
  return best;
}

/* Share of the phrase's words that are query words. */
static double S_precision(const S_query *query, const search_words *phrase) {
  size_t said = 0;
  for (size_t j = 0; j < phrase->count; j++) {
    for (size_t i = 0; i < query->words.count; i++) {
      if (S_quality(query, i, phrase, j) > 0.0) {
        said++;
        break;
      }
    }
  }
  return phrase->count > 0 ? (double)said / (double)phrase->count : 0.0;
}

/* Folds one phrase into the complaint's match. Once weights are known,
   also the phrase's bonus: its own coverage of the query times (query
   neighbours kept together there + share of the phrase that is query). */
static void S_add_phrase(const S_query *query, bool weighed, const char *text, S_match *match) {
  search_words phrase;
  search_split(text, &phrase);
  long where[SEARCH_MAX_WORDS];
  double covered = 0.0, total = 0.0;
  const size_t n = query->words.count;
  for (size_t i = 0; i < n; i++) {
    double q = S_best_in_phrase(query, i, &phrase, &where[i]);
    match->quality[i] = q > match->quality[i] ? q : match->quality[i];
    covered += query->weight[i] * q;
    total += query->weight[i];
  }
  if (!weighed || total == 0.0 || covered == 0.0) {
    return;
  }
  size_t together = 0;
  for (size_t i = 0; i + 1 < n; i++) {
    together += where[i] >= 0 && (where[i + 1] == where[i] + 1 || where[i + 1] == where[i]);
  }
  double adjacent = n > 1 ? (double)together / (double)(n - 1) : 1.0;
  double bonus = covered / total *
                 (S_ADJACENT_BONUS * adjacent + S_PRECISE_BONUS * S_precision(query, &phrase));
  match->bonus = bonus > match->bonus ? bonus : match->bonus;
}

static S_match S_match_complaint(const S_query *query, bool weighed,
                                 const symcheck_complaint *complaint) {
  S_match match;
  memset(&match, 0, sizeof match);
  S_add_phrase(query, weighed, complaint->name, &match);
  for (size_t i = 0; i < complaint->synonym_count; i++) {
    S_add_phrase(query, weighed, complaint->synonyms[i], &match);
  }
  double covered = 0.0, total = 0.0;
  for (size_t i = 0; i < query->words.count; i++) {
    covered += query->weight[i] * match.quality[i];
    total += query->weight[i];
  }
  match.coverage = total > 0.0 ? covered / total : 0.0;
  return match;
}

/* Reads the query in one pass over the complaints: a word some complaint
   has exactly is not a typo; each word then weighs
   log(1 + complaints / (1 + complaints holding it)), typos counted for the
   words that may be typos. */
static void S_prepare(const symcheck_pack *const *packs, size_t pack_count, S_query *query) {
  size_t exact[SEARCH_MAX_WORDS] = {0}, near[SEARCH_MAX_WORDS] = {0}, complaints = 0;
  const size_t n = query->words.count;
  for (size_t i = 0; i < n; i++) {
    query->typo[i] = true;
  }
  for (size_t p = 0; p < pack_count; p++) {
    size_t count = packs[p] != NULL ? symcheck_pack_complaint_count(packs[p]) : 0;
    for (size_t c = 0; c < count; c++) {
      if (!symcheck_pack_complaint(packs[p], c)->listed) {
        continue;
      }
      S_match match = S_match_complaint(query, false, symcheck_pack_complaint(packs[p], c));
      for (size_t i = 0; i < n; i++) {
        exact[i] += match.quality[i] == 1.0;
        near[i] += match.quality[i] > 0.0;
      }
      complaints++;
    }
  }
  for (size_t i = 0; i < n; i++) {
    query->typo[i] = exact[i] == 0;
    size_t holding = query->typo[i] ? near[i] : exact[i];
    query->weight[i] = log(1.0 + (double)complaints / (1.0 + (double)holding));
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

/* The search of the whole text as one symptom. */
static size_t S_search_whole(const symcheck_pack *const *packs, size_t pack_count, const char *text,
                             symcheck_search_mode mode, symcheck_search_hit *out, size_t max) {
  S_query query;
  memset(&query, 0, sizeof query);
  search_split(text, &query.words);
  if (query.words.count == 0 || max == 0) {
    return 0;
  }
  S_prepare(packs, pack_count, &query);
  size_t count = 0;
  for (size_t p = 0; p < pack_count; p++) {
    size_t n = packs[p] != NULL ? symcheck_pack_complaint_count(packs[p]) : 0;
    for (size_t c = 0; c < n; c++) {
      if (!symcheck_pack_complaint(packs[p], c)->listed) {
        continue;
      }
      S_match match = S_match_complaint(&query, true, symcheck_pack_complaint(packs[p], c));
      bool matches = match.coverage >= S_MATCH;
      if (match.coverage > 0.0 && matches == (mode == SYMCHECK_SEARCH_MATCHES)) {
        symcheck_search_hit hit = {p, c, match.coverage + match.bonus};
        S_insert(hit, out, &count, max);
      }
    }
  }
  return count;
}

/* Splits text at the words and marks that join two symptoms ("headache
   and fever", "cough, sore throat", "rash with itching") into at most
   S_MAX_PARTS parts written into buffer; returns how many. */
static size_t S_split_parts(const char *text, char *buffer, size_t size, const char **parts) {
  static const char *const joins[] = {" and ", " with ", " plus ", " & ", ",", ";", "+", "/", NULL};
  snprintf(buffer, size, "%s", text);
  for (char *b = buffer; *b != '\0'; b++) {
    *b = (char)((*b >= 'A' && *b <= 'Z') ? *b - 'A' + 'a' : *b);
  }
  for (size_t j = 0; joins[j] != NULL; j++) {
    size_t n = strlen(joins[j]);
    for (char *at = strstr(buffer, joins[j]); at != NULL; at = strstr(at + n, joins[j])) {
      memset(at, S_JOIN, n);
    }
  }
  size_t count = 0;
  for (char *b = buffer; *b != '\0' && count < S_MAX_PARTS;) {
    while (*b == S_JOIN) {
      *b++ = '\0';
    }
    if (*b == '\0') {
      break;
    }
    parts[count++] = b;
    while (*b != '\0' && *b != S_JOIN) {
      b++;
    }
  }
  return count;
}

/* When no complaint matches the whole text, each symptom it names: the
   parts' matches in turn (the best of each part first), each complaint
   once. */
static size_t S_search_parts(const symcheck_pack *const *packs, size_t pack_count, const char *text,
                             symcheck_search_hit *out, size_t max) {
  char buffer[S_MAX_TEXT];
  const char *parts[S_MAX_PARTS];
  size_t n = S_split_parts(text, buffer, sizeof buffer, parts);
  if (n < 2) {
    return 0;
  }
  symcheck_search_hit found[S_MAX_PARTS][S_MAX_PART_HITS];
  size_t found_count[S_MAX_PARTS];
  for (size_t i = 0; i < n; i++) {
    found_count[i] = S_search_whole(packs, pack_count, parts[i], SYMCHECK_SEARCH_MATCHES, found[i],
                                    S_MAX_PART_HITS);
  }
  size_t count = 0;
  for (size_t rank = 0; rank < S_MAX_PART_HITS && count < max; rank++) {
    for (size_t i = 0; i < n && count < max; i++) {
      if (rank >= found_count[i]) {
        continue;
      }
      bool seen = false;
      for (size_t k = 0; k < count; k++) {
        seen = seen ||
               (out[k].pack == found[i][rank].pack && out[k].complaint == found[i][rank].complaint);
      }
      if (!seen) {
        out[count++] = found[i][rank];
      }
    }
  }
  return count;
}

size_t symcheck_search_complaints(const symcheck_pack *const *packs, size_t pack_count,
                                  const char *text, symcheck_search_mode mode,
                                  symcheck_search_hit *out, size_t max) {
  if (text == NULL) {
    return 0;
  }
  size_t count = S_search_whole(packs, pack_count, text, mode, out, max);
  if (count == 0 && mode == SYMCHECK_SEARCH_MATCHES) {
    count = S_search_parts(packs, pack_count, text, out, max);
  }
  return count;
}

size_t symcheck_pack_search_complaints(const symcheck_pack *pack, const char *text, size_t *out,
                                       size_t max) {
  enum { S_MAX_HITS = 64 };
  symcheck_search_hit hits[S_MAX_HITS];
  size_t n = symcheck_search_complaints(&pack, 1, text, SYMCHECK_SEARCH_MATCHES, hits,
                                        max < S_MAX_HITS ? max : S_MAX_HITS);
  for (size_t i = 0; i < n; i++) {
    out[i] = hits[i].complaint;
  }
  return n;
}
