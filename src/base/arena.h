/*
 * arena.h - a bump allocator for data that lives and dies together.
 *
 * A loaded pack is thousands of small strings and arrays that are freed at
 * once; an arena makes that one call and keeps them close in memory.
 */
#ifndef SYMCHECK_ARENA_H
#define SYMCHECK_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;

typedef struct arena {
  arena_block *head;
} arena;

/* Zeroed memory for `size` bytes, aligned for any type; NULL when out of
   memory. Lives until arena_free. */
void *arena_alloc(arena *a, size_t size);
/* arena_alloc(count * size) with an overflow check. */
void *arena_calloc(arena *a, size_t count, size_t size);
/* A copy of `text` in the arena; NULL when text is NULL or out of memory. */
char *arena_strdup(arena *a, const char *text);
/* Frees every block; the arena is empty and reusable afterwards. */
void arena_free(arena *a);
/* Empties the arena but keeps its newest block for the next allocations
   (cheaper than arena_free when the arena is filled and emptied often). */
void arena_reset(arena *a);

#endif
