/*
 * search_words.c - splitting text into the words the complaint search
 * compares, and a small English stemmer written for it (see
 * search_words.h). The stemmer knows English spelling, not medicine: UK
 * "ae"/"oe", "-our", "-re" become the US forms; plurals, -ing, -ed, -ness,
 * -ful, -ly and an adjective's -y come off, then a doubled last consonant
 * and a final "e". Both sides of a comparison go through it, so a stem need
 * only be the same for the forms of one word, not a real word.
 */
#include "search_words.h"

#include <ctype.h>
#include <string.h>

/* Words that carry no symptom: function words, the question words of
   survey-style names ("do you have ... recently?") and fillers of lay
   queries ("really bad", "all the time"). Compared before stemming. */
static bool S_is_stop_word(const char *word) {
  static const char *const stop[] = {
      "a",       "about",   "after", "all",   "also",   "am",      "an",        "and",
      "any",     "are",     "as",    "at",    "bad",    "badly",   "be",        "been",
      "being",   "but",     "by",    "can",   "cant",   "could",   "currently", "did",
      "do",      "does",    "doing", "dont",  "either", "even",    "ever",      "every",
      "feel",    "feeling", "feels", "felt",  "for",    "from",    "get",       "gets",
      "getting", "got",     "had",   "has",   "have",   "having",  "he",        "her",
      "his",     "how",     "i",     "if",    "im",     "in",      "into",      "is",
      "it",      "its",     "ive",   "just",  "keep",   "lately",  "like",      "lot",
      "lots",    "me",      "more",  "much",  "my",     "myself",  "noticed",   "now",
      "of",      "on",      "or",    "other", "our",    "quite",   "really",    "recently",
      "related", "she",     "since", "so",    "some",   "still",   "than",      "that",
      "the",     "their",   "them",  "then",  "there",  "these",   "they",      "this",
      "those",   "time",    "to",    "too",   "usual",  "usually", "very",      "was",
      "we",      "were",    "what",  "when",  "which",  "while",   "who",       "will",
      "with",    "would",   "you",   "youre", "your",   "yourself"};
  for (size_t i = 0; i < sizeof stop / sizeof *stop; i++) {
    if (strcmp(word, stop[i]) == 0) {
      return true;
    }
  }
  return false;
}

static bool S_ends(const char *word, size_t n, const char *suffix) {
  size_t k = strlen(suffix);
  return n >= k && strcmp(word + n - k, suffix) == 0;
}

static bool S_vowel(char c) {
  return strchr("aeiouy", c) != NULL && c != '\0';
}

static bool S_has_vowel(const char *word, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (S_vowel(word[i])) {
      return true;
    }
  }
  return false;
}

/* Removes `count` bytes at `at`, moving the rest down. */
static void S_cut(char *word, size_t at, size_t count) {
  memmove(word + at, word + at + count, strlen(word + at + count) + 1);
}

/* UK spellings to US: diarrhoea, haemorrhoid, oesophagus (not "toes");
   colour, tumour; centre, fibre. */
static void S_spelling(char *word) {
  size_t n = strlen(word);
  for (size_t i = 0; i + 2 < n; i++) {
    bool pair = (word[i] == 'a' || word[i] == 'o') && word[i + 1] == 'e';
    if (pair && strcmp(word + i + 2, "s") != 0) {
      S_cut(word, i, 1);
      n--;
    }
  }
  if (n >= 5 && S_ends(word, n, "our")) {
    S_cut(word, n - 2, 1);
    n--;
  }
  if (n >= 5 && S_ends(word, n, "re") && !S_vowel(word[n - 3]) && word[n - 3] != 'r') {
    word[n - 2] = 'e';
    word[n - 1] = 'r';
  }
}

/* Plural -s, -es, -ies. Returns the new length. */
static size_t S_plural(char *word, size_t n) {
  if (n > 4 && S_ends(word, n, "ies")) {
    word[n - 3] = 'y';
    word[n - 2] = '\0';
    return n - 2;
  }
  if (S_ends(word, n, "sses") || S_ends(word, n, "shes") || S_ends(word, n, "ches") ||
      S_ends(word, n, "xes") || S_ends(word, n, "zes")) {
    word[n - 2] = '\0';
    return n - 2;
  }
  if (n > 3 && word[n - 1] == 's' && !S_ends(word, n, "ss") && !S_ends(word, n, "us") &&
      !S_ends(word, n, "is")) {
    word[n - 1] = '\0';
    return n - 1;
  }
  return n;
}

/* One derivational or verb ending, when 3 letters with a vowel stay (4 for
   -ous: "mucous" stays): -ness, -ful, -ing, -ish, -ous, -ion, -ed (not
   -eed), -ly; then an adjective's -y or a leftover -i when 4 letters stay.
   Then a doubled last consonant other than l, s, z, f is halved ("runny",
   "vomitting"). Returns the new length. */
static size_t S_suffix(char *word, size_t n) {
  static const struct {
    const char *text;
    size_t keep;
  } endings[] = {{"ness", 3}, {"ful", 3}, {"ing", 3}, {"ish", 3},
                 {"ous", 4},  {"ion", 3}, {"ed", 3},  {"ly", 3}};
  size_t before = n;
  for (size_t i = 0; i < sizeof endings / sizeof *endings; i++) {
    size_t k = strlen(endings[i].text);
    if (S_ends(word, n, endings[i].text) && n - k >= endings[i].keep && S_has_vowel(word, n - k) &&
        !(strcmp(endings[i].text, "ed") == 0 && word[n - 3] == 'e')) {
      n -= k;
      word[n] = '\0';
      break;
    }
  }
  if (n >= 5 && (word[n - 1] == 'y' || word[n - 1] == 'i')) {
    word[--n] = '\0';
  }
  if (n < before && n > 3 && word[n - 1] == word[n - 2] &&
      strchr("aeiouylszf", word[n - 1]) == NULL) {
    word[--n] = '\0';
  }
  return n;
}

void search_stem(char *word) {
  static const char *const irregular[][2] = {
      {"feet", "foot"},     {"teeth", "tooth"},  {"children", "child"}, {"women", "woman"},
      {"swollen", "swell"}, {"thrown", "throw"}, {"threw", "throw"},    {"lost", "lose"},
      {"loss", "lose"},     {"ate", "eat"},      {"woke", "wake"},      {"broken", "break"}};
  for (size_t i = 0; i < sizeof irregular / sizeof *irregular; i++) {
    if (strcmp(word, irregular[i][0]) == 0) {
      strcpy(word, irregular[i][1]); /* never longer; then stemmed as usual */
      break;
    }
  }
  S_spelling(word);
  size_t n = S_plural(word, strlen(word));
  n = S_suffix(word, n);
  if (n > 4 && S_ends(word, n, "ea")) { /* nausea as nauseous, apnea */
    word[--n] = '\0';
  }
  if (n > 3 && word[n - 1] == 'e') {
    word[--n] = '\0';
  }
}

void search_split(const char *text, search_words *out) {
  out->count = 0;
  const unsigned char *p = (const unsigned char *)(text != NULL ? text : "");
  while (*p != '\0' && out->count < SEARCH_MAX_WORDS) {
    while (*p != '\0' && !isalnum(*p) && *p < 0x80) {
      p++;
    }
    size_t n = 0;
    char *word = out->word[out->count];
    bool after_apostrophe = false;
    for (; *p != '\0' && (isalnum(*p) || *p >= 0x80 || *p == '\''); p++) {
      if (*p == '\'') {
        after_apostrophe = true; /* "can't" reads "cant"; "traveller's" drops 's */
      } else if (n + 1 < SEARCH_WORD_SIZE && !(after_apostrophe && *p == 's')) {
        word[n++] = (char)tolower(*p);
      }
    }
    word[n] = '\0';
    if (n > 1 && !S_is_stop_word(word)) {
      S_spelling(word);
      memcpy(out->raw[out->count], word, strlen(word) + 1);
      search_stem(word);
      out->count++;
    }
  }
}
