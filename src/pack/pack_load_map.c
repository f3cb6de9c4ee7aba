/*
 * pack_load_map.c - an id -> index hash map (open addressing, FNV-1a) used
 * while loading, so that resolving the tens of thousands of references in a
 * large pack costs one probe each instead of a scan.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pack_load.h"

static uint64_t S_hash(const char *key) {
  uint64_t h = 14695981039346656037u;
  for (const unsigned char *p = (const unsigned char *)key; *p != '\0'; p++) {
    h ^= *p;
    h *= 1099511628211u;
  }
  return h;
}

int id_map_init(id_map *map, size_t expected) {
  size_t capacity = 16;
  while (capacity < expected * 2 + 1) {
    capacity *= 2;
  }
  map->keys = calloc(capacity, sizeof *map->keys);
  map->values = calloc(capacity, sizeof *map->values);
  map->count = 0;
  map->capacity = capacity;
  if (map->keys == NULL || map->values == NULL) {
    id_map_free(map);
    return -1;
  }
  return 0;
}

/* The slot holding `key`, or the empty slot where it would go. */
static size_t S_slot(const id_map *map, const char *key) {
  size_t mask = map->capacity - 1;
  size_t i = (size_t)S_hash(key) & mask;
  while (map->keys[i] != NULL && strcmp(map->keys[i], key) != 0) {
    i = (i + 1) & mask;
  }
  return i;
}

/* Doubles the capacity, keeping every key. Returns 0, or -1 when out of
   memory (the map is left as it was). */
static int S_grow(id_map *map) {
  id_map bigger = {0};
  if (id_map_init(&bigger, map->capacity) != 0) {
    return -1;
  }
  for (size_t i = 0; i < map->capacity; i++) {
    if (map->keys[i] != NULL) {
      size_t j = S_slot(&bigger, map->keys[i]);
      bigger.keys[j] = map->keys[i];
      bigger.values[j] = map->values[i];
      bigger.count++;
    }
  }
  id_map_free(map);
  *map = bigger;
  return 0;
}

int id_map_put(id_map *map, const char *key, size_t value) {
  if (map->capacity == 0 || key == NULL) {
    return 0;
  }
  if (map->count * 2 + 2 > map->capacity && S_grow(map) != 0) {
    return -1;
  }
  size_t i = S_slot(map, key);
  if (map->keys[i] != NULL) {
    return 0;
  }
  map->keys[i] = key;
  map->values[i] = value;
  map->count++;
  return 1;
}

bool id_map_get(const id_map *map, const char *key, size_t *value) {
  if (map->capacity == 0 || key == NULL) {
    return false;
  }
  size_t i = S_slot(map, key);
  if (map->keys[i] == NULL) {
    return false;
  }
  *value = map->values[i];
  return true;
}

void id_map_free(id_map *map) {
  free(map->keys);
  free(map->values);
  memset(map, 0, sizeof *map);
}
