/*
 * text_distance.c - edit distance of two short words (see text_distance.h).
 * Three rows of the dynamic programme on the stack: no allocation.
 */
#include "text_distance.h"

#include <stdint.h>
#include <string.h>

static size_t S_min3(size_t a, size_t b, size_t c) {
  size_t m = a < b ? a : b;
  return m < c ? m : c;
}

size_t text_distance(const char *a, const char *b) {
  size_t n = strlen(a), m = strlen(b);
  if (n > TEXT_DISTANCE_MAX_WORD || m > TEXT_DISTANCE_MAX_WORD) {
    return SIZE_MAX;
  }
  size_t rows[3][TEXT_DISTANCE_MAX_WORD + 1];
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
