/*
 * fuzz_answers.c - the answer codec under libFuzzer.
 *
 * Any text a client sends as its encoded answers is decoded into an
 * interview on the hand-computed test pack. It must never crash or leak;
 * when it is accepted, encoding it again and decoding that must give the
 * same answers (the round trip clients rely on), and the step's JSON must
 * build.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "symcheck.h"

static symcheck_pack *S_pack(void) {
  static symcheck_pack *pack; /* loaded once for the whole fuzzing run */
  if (pack == NULL) {
    pack = symcheck_pack_load(SYMCHECK_SOURCE_DIR "/tests/packs/maths", NULL);
    if (pack == NULL) {
      abort();
    }
  }
  return pack;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = malloc(size + 1);
  if (text == NULL) {
    return 0;
  }
  memcpy(text, data, size);
  text[size] = '\0';
  symcheck_profile profile = {.age = (int)(size % 121), .sex = (symcheck_sex)(size % 2)};
  symcheck_interview *iv = symcheck_interview_new(S_pack(), "test-complaint", &profile, NULL);
  symcheck_error err;
  if (symcheck_interview_decode(iv, text, &err) == 0) {
    char *once = symcheck_interview_encode(iv);
    symcheck_interview *copy = symcheck_interview_new(S_pack(), "test-complaint", &profile, NULL);
    if (symcheck_interview_decode(copy, once, &err) != 0) {
      abort(); /* what we encode, we must decode */
    }
    char *twice = symcheck_interview_encode(copy);
    if (strcmp(once, twice) != 0) {
      abort();
    }
    json_t *step = symcheck_interview_json(copy);
    if (step == NULL) {
      abort(); /* the step's text must be JSON that jansson reads */
    }
    json_decref(step);
    free(once);
    free(twice);
    symcheck_interview_free(copy);
  }
  symcheck_interview_free(iv);
  free(text);
  return 0;
}
