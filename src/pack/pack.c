/*
 * pack.c - read access to a loaded pack: accessors by index and id, the
 * names of the enumerations, age bands, statistics on the citations of its
 * numbers, and the free-text complaint search.
 *
 * Complaint search ranks, per complaint, the best of its name and synonyms:
 * the phrase itself in the text > every word of the text in the phrase >
 * every word matched allowing a small misspelling. Only when nothing
 * matches that well are complaints matching half the words offered.
 * Words like "in", "my", "the" are ignored. Ties keep pack order.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pack_internal.h"

static const char *const S_level_ids[SYMCHECK_LEVEL_COUNT] = {
    "self_care", "primary_care", "primary_care_soon", "urgent_care", "emergency", "ambulance"};
static const char *const S_level_advice[SYMCHECK_LEVEL_COUNT] = {
    "Manage at home and watch for changes",  "See a doctor within 2 weeks",
    "See or phone a doctor within 1-2 days", "Get seen in person today",
    "Go to an emergency department now",     "Call an ambulance now"};
static const char *const S_sex_ids[] = {"female", "male"};
static const char *const S_type_ids[] = {"yes_no",   "single",   "multi",
                                         "duration", "severity", "number"};
static const char *const S_rarity_ids[] = {"common", "uncommon", "rare", "very_rare"};
static const char *const S_rarity_labels[] = {"Common", "Uncommon", "Rare", "Very rare"};

void symcheck_diagnostics_free(symcheck_diagnostics *diagnostics) {
  if (diagnostics == NULL) {
    return;
  }
  free(diagnostics->items);
  diagnostics->items = NULL;
  diagnostics->count = 0;
}

const char *symcheck_level_id(symcheck_level level) {
  return (unsigned)level < SYMCHECK_LEVEL_COUNT ? S_level_ids[level] : NULL;
}

const char *symcheck_level_advice(symcheck_level level) {
  return (unsigned)level < SYMCHECK_LEVEL_COUNT ? S_level_advice[level] : NULL;
}

int symcheck_level_parse(const char *id) {
  for (int i = 0; id != NULL && i < SYMCHECK_LEVEL_COUNT; i++) {
    if (strcmp(id, S_level_ids[i]) == 0) {
      return i;
    }
  }
  return -1;
}

int symcheck_sex_parse(const char *text) {
  for (int i = 0; text != NULL && i < 2; i++) {
    if (strcmp(text, S_sex_ids[i]) == 0) {
      return i;
    }
  }
  return -1;
}

const char *symcheck_sex_id(symcheck_sex sex) {
  return (unsigned)sex < 2 ? S_sex_ids[sex] : NULL;
}

const char *symcheck_answer_type_id(symcheck_answer_type type) {
  return (unsigned)type <= SYMCHECK_ANSWER_NUMBER ? S_type_ids[type] : NULL;
}

const char *symcheck_rarity_id(symcheck_rarity rarity) {
  return (unsigned)rarity <= SYMCHECK_RARITY_VERY_RARE ? S_rarity_ids[rarity] : NULL;
}

const char *symcheck_rarity_label(symcheck_rarity rarity) {
  return (unsigned)rarity <= SYMCHECK_RARITY_VERY_RARE ? S_rarity_labels[rarity] : NULL;
}

/* ---- accessors ------------------------------------------------------------ */

const symcheck_pack_info *symcheck_pack_get_info(const symcheck_pack *pack) {
  return &pack->info;
}

size_t symcheck_pack_source_count(const symcheck_pack *pack) {
  return pack->source_count;
}

const symcheck_source *symcheck_pack_source(const symcheck_pack *pack, size_t i) {
  return i < pack->source_count ? &pack->sources[i] : NULL;
}

size_t symcheck_pack_complaint_count(const symcheck_pack *pack) {
  return pack->complaint_count;
}

const symcheck_complaint *symcheck_pack_complaint(const symcheck_pack *pack, size_t i) {
  return i < pack->complaint_count ? &pack->complaints[i] : NULL;
}

const symcheck_complaint *symcheck_pack_find_complaint(const symcheck_pack *pack, const char *id) {
  for (size_t i = 0; id != NULL && i < pack->complaint_count; i++) {
    if (strcmp(pack->complaints[i].id, id) == 0) {
      return &pack->complaints[i];
    }
  }
  return NULL;
}

size_t symcheck_pack_finding_count(const symcheck_pack *pack) {
  return pack->finding_count;
}

const symcheck_finding *symcheck_pack_finding(const symcheck_pack *pack, size_t i) {
  return i < pack->finding_count ? &pack->findings[i] : NULL;
}

const symcheck_finding *symcheck_pack_find_finding(const symcheck_pack *pack, const char *id) {
  for (size_t i = 0; id != NULL && i < pack->finding_count; i++) {
    if (strcmp(pack->findings[i].id, id) == 0) {
      return &pack->findings[i];
    }
  }
  return NULL;
}

size_t symcheck_pack_condition_count(const symcheck_pack *pack) {
  return pack->condition_count;
}

const symcheck_condition *symcheck_pack_condition(const symcheck_pack *pack, size_t i) {
  return i < pack->condition_count ? &pack->conditions[i] : NULL;
}

const symcheck_condition *symcheck_pack_find_condition(const symcheck_pack *pack, const char *id) {
  for (size_t i = 0; id != NULL && i < pack->condition_count; i++) {
    if (strcmp(pack->conditions[i].id, id) == 0) {
      return &pack->conditions[i];
    }
  }
  return NULL;
}

size_t symcheck_pack_red_flag_count(const symcheck_pack *pack) {
  return pack->red_flag_count;
}

const symcheck_red_flag *symcheck_pack_red_flag(const symcheck_pack *pack, size_t i) {
  return i < pack->red_flag_count ? &pack->red_flags[i] : NULL;
}

size_t symcheck_pack_screen_count(const symcheck_pack *pack) {
  return pack->screen_finding_count;
}

int symcheck_finding_option(const symcheck_finding *finding, const char *option_id) {
  for (size_t i = 0; option_id != NULL && i < finding->option_count; i++) {
    if (finding->options[i].id != NULL && strcmp(finding->options[i].id, option_id) == 0) {
      return (int)i;
    }
  }
  return -1;
}

const symcheck_likelihood *symcheck_condition_likelihood(const symcheck_condition *condition,
                                                         const symcheck_finding *finding) {
  for (size_t i = 0; i < condition->likelihood_count; i++) {
    if (condition->likelihoods[i].finding == finding) {
      return &condition->likelihoods[i];
    }
  }
  return NULL;
}

size_t symcheck_pack_age_band(const symcheck_pack *pack, int age) {
  const symcheck_pack_info *info = &pack->info;
  for (size_t i = 0; i < info->age_band_count; i++) {
    if (age <= info->age_bands[i].max_age) {
      return i;
    }
  }
  return info->age_band_count > 0 ? info->age_band_count - 1 : 0;
}

/* ---- statistics ------------------------------------------------------------ */

static void S_count(symcheck_pack_stats *stats, const symcheck_citation *citation) {
  stats->probabilities++;
  if (citation->source != NULL) {
    stats->sourced++;
  } else if (citation->estimate) {
    stats->estimates++;
  }
}

symcheck_pack_stats symcheck_pack_get_stats(const symcheck_pack *pack) {
  symcheck_pack_stats stats = {0};
  for (size_t i = 0; i < pack->finding_count; i++) {
    S_count(&stats, &pack->findings[i].default_citation);
  }
  for (size_t i = 0; i < pack->condition_count; i++) {
    const symcheck_condition *c = &pack->conditions[i];
    S_count(&stats, &c->prior_citation);
    S_count(&stats, &c->prevalence_citation);
    for (size_t j = 0; j < c->likelihood_count; j++) {
      S_count(&stats, &c->likelihoods[j].citation);
    }
  }
  return stats;
}

/* ---- complaint search -------------------------------------------------------- */

enum { S_MAX_WORDS = 24, S_MAX_WORD = 32 };

typedef struct S_words {
  size_t count;
  char word[S_MAX_WORDS][S_MAX_WORD];
} S_words;

static bool S_is_stop_word(const char *word) {
  static const char *const stop[] = {"a",  "an",   "and",   "at",   "from", "for", "have",
                                     "i",  "im",   "in",    "is",   "it",   "me",  "my",
                                     "of", "on",   "or",    "some", "the",  "to",  "with",
                                     "am", "been", "there", "got",  "its",  "out"};
  for (size_t i = 0; i < sizeof stop / sizeof *stop; i++) {
    if (strcmp(word, stop[i]) == 0) {
      return true;
    }
  }
  return false;
}

/* Lower-case words of `text` (letters, digits and non-ASCII bytes), without
   stop words; long words are cut to S_MAX_WORD - 1 bytes. */
static void S_split(const char *text, S_words *out) {
  out->count = 0;
  const unsigned char *p = (const unsigned char *)text;
  while (*p != '\0' && out->count < S_MAX_WORDS) {
    while (*p != '\0' && !isalnum(*p) && *p < 0x80) {
      p++;
    }
    size_t n = 0;
    char *word = out->word[out->count];
    for (; *p != '\0' && (isalnum(*p) || *p >= 0x80); p++) {
      if (n + 1 < S_MAX_WORD) {
        word[n++] = (char)tolower(*p);
      }
    }
    word[n] = '\0';
    if (n > 0 && !S_is_stop_word(word)) {
      out->count++;
    }
  }
}

static size_t S_min3(size_t a, size_t b, size_t c) {
  size_t m = a < b ? a : b;
  return m < c ? m : c;
}

/* Damerau-Levenshtein distance (optimal string alignment) of two words. */
static size_t S_distance(const char *a, const char *b) {
  size_t n = strlen(a), m = strlen(b);
  if (m > S_MAX_WORD) {
    return SIZE_MAX;
  }
  size_t rows[3][S_MAX_WORD + 1];
  size_t *before = rows[0], *previous = rows[1], *current = rows[2];
  for (size_t j = 0; j <= m; j++) {
    previous[j] = j;
  }
  for (size_t i = 1; i <= n; i++) {
    current[0] = i;
    for (size_t j = 1; j <= m; j++) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = S_min3(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
          before[j - 2] + 1 < current[j]) {
        current[j] = before[j - 2] + 1;
      }
    }
    size_t *spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return previous[m];
}

const symcheck_finding *pack_closest_finding(const symcheck_pack *pack, const char *id) {
  const symcheck_finding *best = NULL;
  size_t best_distance = 3; /* suggest only near misses: at most 2 edits */
  for (size_t i = 0; strlen(id) <= S_MAX_WORD && i < pack->finding_count; i++) {
    size_t d = S_distance(id, pack->findings[i].id);
    if (d < best_distance) {
      best_distance = d;
      best = &pack->findings[i];
    }
  }
  return best;
}

/* How a query word matches the phrase: 2 exactly, 1 nearly, 0 not. */
static int S_word_match(const char *word, const S_words *phrase) {
  size_t length = strlen(word);
  size_t allowed = length >= 8 ? 2 : length >= 4 ? 1 : 0;
  int best = 0;
  for (size_t i = 0; i < phrase->count && best < 2; i++) {
    if (strcmp(word, phrase->word[i]) == 0) {
      best = 2;
    } else if (allowed > 0 && S_distance(word, phrase->word[i]) <= allowed) {
      best = 1;
    }
  }
  return best;
}

/* True when the phrase's words occur in the query, in order, together. */
static bool S_contains_phrase(const S_words *query, const S_words *phrase) {
  if (phrase->count == 0 || phrase->count > query->count) {
    return false;
  }
  for (size_t start = 0; start + phrase->count <= query->count; start++) {
    size_t k = 0;
    while (k < phrase->count && strcmp(query->word[start + k], phrase->word[k]) == 0) {
      k++;
    }
    if (k == phrase->count) {
      return true;
    }
  }
  return false;
}

/* Score of one phrase for the query: tier * 100 + words matched; 0 for no
   match. Tiers: 4 phrase, 3 all words, 2 all words nearly, 1 at least half
   the words exactly (words of 4+ letters). */
static int S_phrase_score(const S_words *query, const char *text) {
  S_words phrase;
  S_split(text, &phrase);
  if (S_contains_phrase(query, &phrase)) {
    return 400 + (int)phrase.count;
  }
  size_t exact = 0, near = 0, partial = 0;
  for (size_t i = 0; i < query->count; i++) {
    int match = S_word_match(query->word[i], &phrase);
    exact += match == 2;
    near += match == 1;
    partial += match == 2 && strlen(query->word[i]) >= 4;
  }
  if (exact == query->count) {
    return 300 + (int)exact;
  }
  if (exact + near == query->count) {
    return 200 + (int)exact;
  }
  if (partial > 0 && partial * 2 >= query->count) {
    return 100 + (int)partial;
  }
  return 0;
}

static int S_complaint_score(const S_words *query, const symcheck_complaint *c) {
  int best = S_phrase_score(query, c->name);
  for (size_t i = 0; i < c->synonym_count; i++) {
    int score = S_phrase_score(query, c->synonyms[i]);
    best = score > best ? score : best;
  }
  return best;
}

size_t symcheck_pack_search_complaints(const symcheck_pack *pack, const char *text, size_t *out,
                                       size_t max) {
  return symcheck_pack_search_complaints_scored(pack, text, out, NULL, max);
}

size_t symcheck_pack_search_complaints_scored(const symcheck_pack *pack, const char *text,
                                              size_t *out, int *out_scores, size_t max) {
  S_words query;
  S_split(text != NULL ? text : "", &query);
  int *scores = calloc(pack->complaint_count + 1, sizeof *scores);
  if (query.count == 0 || scores == NULL) {
    free(scores);
    return 0;
  }
  int best_score = 0;
  for (size_t i = 0; i < pack->complaint_count; i++) {
    scores[i] = S_complaint_score(&query, &pack->complaints[i]);
    best_score = scores[i] > best_score ? scores[i] : best_score;
  }
  for (size_t i = 0; best_score >= 200 && i < pack->complaint_count; i++) {
    scores[i] = scores[i] < 200 ? 0 : scores[i]; /* partial matches only as a last resort */
  }
  size_t found = 0;
  while (found < max) {
    size_t best = pack->complaint_count;
    for (size_t i = 0; i < pack->complaint_count; i++) {
      if (scores[i] > 0 && (best == pack->complaint_count || scores[i] > scores[best])) {
        best = i;
      }
    }
    if (best == pack->complaint_count) {
      break;
    }
    if (out_scores != NULL) {
      out_scores[found] = scores[best];
    }
    out[found++] = best;
    scores[best] = 0;
  }
  free(scores);
  return found;
}
