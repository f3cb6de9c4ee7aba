/*
 * search_words.h - the words of a query or a complaint phrase as the
 * search compares them: lower case, UK and US spellings made one, stemmed,
 * without the little words ("in", "my", "do you have").
 */
#ifndef SYMCHECK_SEARCH_WORDS_H
#define SYMCHECK_SEARCH_WORDS_H

#include <stdbool.h>
#include <stddef.h>

enum { SEARCH_MAX_WORDS = 48, SEARCH_WORD_SIZE = 32 };

typedef struct search_words {
  size_t count;
  char word[SEARCH_MAX_WORDS][SEARCH_WORD_SIZE]; /* stems */
  char raw[SEARCH_MAX_WORDS][SEARCH_WORD_SIZE];  /* as written, lower case, US spelling */
} search_words;

/* The compared words of `text` (NULL reads as empty) into *out: at most
   SEARCH_MAX_WORDS of them, each cut to SEARCH_WORD_SIZE - 1 bytes. */
void search_split(const char *text, search_words *out);

/* Stems one lower-case word in place (spelling made one first): "rashes"
   and "rash", "vomiting" and "vomit", "dizziness" and "dizzy", "diarrhoea"
   and "diarrhea" give the same stem. Never lengthens the word. */
void search_stem(char *word);

#endif
