/*
 * test_json_text.c - the library's JSON text writer gives exactly the
 * bytes jansson's json_dumps(..., JSON_COMPACT) gives: for documents with
 * every kind of value (escapes anywhere in a string, reals that need an
 * exponent or ".0", empty containers, deep nesting) and for every step of an interview on
 * the tiny pack, question and result alike. A client that compares or
 * hashes answers sees no difference between the CLI and the API.
 */
#define _POSIX_C_SOURCE 200809L

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "symcheck.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PACK SYMCHECK_SOURCE_DIR "/tests/packs/tiny"

static void assert_same_as_jansson(const json_t *value) {
  char *expected = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
  size_t length = 0;
  char *got = symcheck_json_text(value, &length);
  assert_non_null(expected);
  assert_non_null(got);
  assert_string_equal(got, expected);
  assert_int_equal(length, strlen(expected));
  free(expected);
  free(got);
}

static void test_values_are_written_as_jansson_writes_them(void **state) {
  (void)state;
  const char *documents[] = {
      "{\"a\":\"quote \\\" backslash \\\\ slash / tab \\t newline \\n bell \\u0007 del \\u007f "
      "caf\\u00e9 \\ud83d\\ude00\",\"b\":[],\"c\":{},\"d\":null,\"e\":true,\"f\":false}",
      "[0.1,1.0,-0.0,1e-300,1.5e+300,123456789012345678901234567890.0,2.5e-7,-17,0,"
      "9223372036854775807]",
      "\"just a string\"",
      "{\"\":{\"\":[[[{\"x\":[1,[2,[3]]]}]]]}}",
  };
  for (size_t i = 0; i < sizeof documents / sizeof documents[0]; i++) {
    json_error_t error;
    json_t *value = json_loads(documents[i], JSON_DECODE_ANY, &error);
    if (value == NULL) {
      fail_msg("document %zu: %s", i, error.text);
    }
    assert_same_as_jansson(value);
    json_decref(value);
  }
}

/* Every byte that needs escaping, at every place in strings up to 24
   bytes long (the writer checks plain text 8 bytes at a time). */
static void test_escapes_anywhere_in_a_string(void **state) {
  (void)state;
  const char *specials[] = {"\"", "\\", "\n", "\x01", "\x1f", "\x7f", " ", "\xc3\xa9"};
  for (size_t length = 1; length <= 24; length++) {
    for (size_t at = 0; at < length; at++) {
      for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++) {
        char text[32];
        memset(text, 'a', length);
        text[length] = '\0';
        size_t special = strlen(specials[k]);
        if (at + special > length) {
          continue;
        }
        memcpy(text + at, specials[k], special);
        json_t *value = json_string(text);
        assert_non_null(value);
        assert_same_as_jansson(value);
        json_decref(value);
      }
    }
  }
}

static void test_too_deep_nesting_is_refused(void **state) {
  (void)state;
  json_t *root = json_array();
  json_t *inner = root;
  for (int i = 0; i < 100; i++) {
    json_t *next = json_array();
    json_array_append_new(inner, next);
    inner = next;
  }
  assert_null(symcheck_json_text(root, NULL));
  json_decref(root);
}

/* Answers each question with its first option until the result. */
static void test_every_step_is_jansson_text(void **state) {
  (void)state;
  symcheck_pack *pack = symcheck_pack_load(PACK, NULL);
  assert_non_null(pack);
  symcheck_profile profile = {.age = 40, .sex = SYMCHECK_SEX_FEMALE};
  symcheck_interview *iv = symcheck_interview_new(pack, "sore-throat", &profile, NULL);
  assert_non_null(iv);
  bool result = false;
  for (int step = 0; step < 30 && !result; step++) {
    size_t length = 0;
    char *text = symcheck_interview_json_text(iv, &length);
    json_t *parsed = json_loads(text, 0, NULL);
    assert_non_null(parsed);
    char *expected = json_dumps(parsed, JSON_COMPACT);
    assert_string_equal(text, expected);
    assert_int_equal(length, strlen(text));
    result = strcmp(json_string_value(json_object_get(parsed, "status")), "result") == 0;
    if (!result) {
      const symcheck_finding *next = symcheck_interview_next(iv);
      assert_non_null(next);
      char value[64];
      if (next->type == SYMCHECK_ANSWER_NUMBER) {
        snprintf(value, sizeof value, "%g", next->options[0].min);
      } else {
        snprintf(value, sizeof value, "%s",
                 next->type == SYMCHECK_ANSWER_MULTI ? "none" : next->options[0].id);
      }
      assert_int_equal(symcheck_interview_answer(iv, next->id, value, NULL), 0);
    }
    free(expected);
    free(text);
    json_decref(parsed);
  }
  assert_true(result);
  symcheck_interview_free(iv);
  symcheck_pack_free(pack);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_values_are_written_as_jansson_writes_them),
      cmocka_unit_test(test_escapes_anywhere_in_a_string),
      cmocka_unit_test(test_too_deep_nesting_is_refused),
      cmocka_unit_test(test_every_step_is_jansson_text),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
