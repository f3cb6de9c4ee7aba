/*
 * fuzz_json_text.c - differential libFuzzer target: for any JSON document
 * jansson can read, the library's writer (symcheck_json_text, in
 * src/json/json_writer.c) must give exactly the bytes json_dumps(...,
 * JSON_COMPACT) gives.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "symcheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  json_t *value = json_loadb((const char *)data, size, JSON_DECODE_ANY, NULL);
  if (value == NULL) {
    return 0;
  }
  char *expected = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
  char *got = symcheck_json_text(value, NULL);
  /* jansson refuses nothing it read; the writer only refuses deep nesting */
  if (expected != NULL && got != NULL && strcmp(expected, got) != 0) {
    abort();
  }
  free(expected);
  free(got);
  json_decref(value);
  return 0;
}
