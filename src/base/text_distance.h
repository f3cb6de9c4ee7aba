/*
 * text_distance.h - how far apart two words are, for the places that
 * forgive a misspelling: finding ids suggested in pack errors and the
 * complaint search.
 */
#ifndef SYMCHECK_TEXT_DISTANCE_H
#define SYMCHECK_TEXT_DISTANCE_H

#include <stddef.h>

enum { TEXT_DISTANCE_MAX_WORD = 32 };

/* Damerau-Levenshtein distance (optimal string alignment) of two
   NUL-terminated words: insertions, deletions, substitutions and swaps of
   neighbouring bytes each count 1. SIZE_MAX when either word is longer than
   TEXT_DISTANCE_MAX_WORD bytes. */
size_t text_distance(const char *a, const char *b);

#endif
