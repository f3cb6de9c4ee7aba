/*
 * arena.c - a bump allocator: large blocks, carved front to back, freed
 * together. See arena.h.
 */
#include "arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { S_BLOCK_SIZE = 64 * 1024 };

struct arena_block {
  arena_block *next;
  size_t used, size;
  alignas(max_align_t) unsigned char data[];
};

static size_t S_align(size_t n) {
  const size_t a = alignof(max_align_t);
  return (n + a - 1) / a * a;
}

void *arena_alloc(arena *a, size_t size) {
  if (size > SIZE_MAX / 2) {
    return NULL;
  }
  size = S_align(size == 0 ? 1 : size);
  arena_block *b = a->head;
  if (b == NULL || b->size - b->used < size) {
    size_t cap = size > S_BLOCK_SIZE ? size : S_BLOCK_SIZE;
    b = malloc(sizeof *b + cap);
    if (b == NULL) {
      return NULL;
    }
    b->used = 0;
    b->size = cap;
    b->next = a->head;
    a->head = b;
  }
  void *p = b->data + b->used;
  b->used += size;
  memset(p, 0, size);
  return p;
}

void *arena_calloc(arena *a, size_t count, size_t size) {
  if (size != 0 && count > SIZE_MAX / 2 / size) {
    return NULL;
  }
  return arena_alloc(a, count * size);
}

char *arena_strdup(arena *a, const char *text) {
  if (text == NULL) {
    return NULL;
  }
  size_t n = strlen(text) + 1;
  char *copy = arena_alloc(a, n);
  if (copy != NULL) {
    memcpy(copy, text, n);
  }
  return copy;
}

void arena_reset(arena *a) {
  arena_block *keep = a->head;
  if (keep == NULL) {
    return;
  }
  a->head = keep->next;
  arena_free(a);
  keep->next = NULL;
  keep->used = 0;
  a->head = keep;
}

void arena_free(arena *a) {
  arena_block *b = a->head;
  while (b != NULL) {
    arena_block *next = b->next;
    free(b);
    b = next;
  }
  a->head = NULL;
}
