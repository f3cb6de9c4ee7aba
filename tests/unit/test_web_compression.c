/*
 * test_web_compression.c - what `symcheck serve` (the real binary on a
 * loopback port) sends on the wire: gzip when Accept-Encoding allows it
 * and never when it refuses (q=0), a body that unzips to exactly the
 * identity body, Vary on every compressible answer, small bodies left
 * alone, the static files' ETags (one per form) answered 304 (and those
 * of the API's answers that never change), the API's JSON compressed too,
 * and no HTML comment in any page.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>
#include <zlib.h>

#include "http_client.h"
#include "server_encoding.h"

/* A fixed CSRF cookie, so that two requests for one page get the same
   token in its forms and so the same bytes. */
#define COOKIE                                                                                     \
  "Cookie: symcheck_csrf="                                                                         \
  "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\r\n"
#define GZIP "Accept-Encoding: gzip, deflate, br\r\n"
#define ARTICLE "/symptoms/anal-mucus-discharge"
#define STEP "/quiz/anal-mucus-discharge?age=34&sex=female&who=self&a=emergency_signs.X"
/* Results after the three screening questions, answered "none". */
#define RESULT                                                                                     \
  "/quiz/anal-mucus-discharge?age=34&sex=female&who=self&a=emergency_signs.X~warning_signs.X~"     \
  "cancer_signs.X&finish=1"
#define INTERVIEW                                                                                  \
  "{\"profile\":{\"age\":34,\"sex\":\"female\"},\"complaint\":\"anal-mucus-discharge\","           \
  "\"answers\":[{\"id\":\"emergency_signs\",\"value\":[]},{\"id\":\"blood_in_stool\",\"value\":"   \
  "\"no\"}]}"

static const char *const S_NO_LIMIT[] = {"--rate-limit", "0", NULL};

static int S_setup(void **state) {
  return server_fixture_start(state, S_NO_LIMIT);
}

static int S_teardown(void **state) {
  return server_fixture_stop(state);
}

/* The header's value, or "" when the response has none. */
static const char *S_header(const http_response *r, const char *name) {
  static char value[512];
  return http_header(r, name, value, sizeof value) ? value : "";
}

static void S_get(const server_process *s, const char *path, const char *headers,
                  http_response *r) {
  assert_int_equal(http_request_with(s->port, "GET", path, headers, NULL, NULL, 0, r), 0);
}

/* The gunzipped body; fails the test when it is not one gzip member. */
static char *S_gunzip(const http_response *r, size_t *length) {
  size_t capacity = r->body_length * 20 + 1024;
  unsigned char *out = malloc(capacity);
  z_stream z = {0};
  assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
  z.next_in = (unsigned char *)r->body;
  z.avail_in = (unsigned)r->body_length;
  z.next_out = out;
  z.avail_out = (unsigned)capacity;
  assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
  assert_int_equal(z.avail_in, 0);
  *length = z.total_out;
  inflateEnd(&z);
  return (char *)out;
}

/* GETs (or POSTs, with body) `path` with and without gzip and checks that
   the gzip answer is smaller and unzips to the identity body, with the
   same status, Content-Type and Cache-Control and Vary on both. */
static void S_both_forms(const server_process *s, const char *path, const char *body) {
  http_response plain, zipped;
  const char *method = body != NULL ? "POST" : "GET";
  const char *type = body != NULL ? "application/json" : NULL;
  size_t length = body != NULL ? strlen(body) : 0;
  assert_int_equal(http_request_with(s->port, method, path, COOKIE, type, body, length, &plain), 0);
  assert_int_equal(
      http_request_with(s->port, method, path, COOKIE GZIP, type, body, length, &zipped), 0);
  if (plain.body_length < SRV_GZIP_MIN || zipped.status != plain.status) {
    fail_msg("%s %s: %d, %zu bytes", method, path, plain.status, plain.body_length);
  }
  assert_string_equal(S_header(&plain, "Content-Encoding"), "");
  assert_string_equal(S_header(&zipped, "Content-Encoding"), "gzip");
  assert_string_equal(S_header(&plain, "Vary"), "Accept-Encoding");
  assert_string_equal(S_header(&zipped, "Vary"), "Accept-Encoding");
  char expected[512];
  snprintf(expected, sizeof expected, "%s", S_header(&plain, "Content-Type"));
  assert_string_equal(S_header(&zipped, "Content-Type"), expected);
  snprintf(expected, sizeof expected, "%s", S_header(&plain, "Cache-Control"));
  assert_string_equal(S_header(&zipped, "Cache-Control"), expected);
  assert_true(zipped.body_length * 3 / 2 < plain.body_length);
  size_t unzipped_length = 0;
  char *unzipped = S_gunzip(&zipped, &unzipped_length);
  assert_int_equal(unzipped_length, plain.body_length);
  assert_memory_equal(unzipped, plain.body, plain.body_length);
  free(unzipped);
  http_response_free(&plain);
  http_response_free(&zipped);
}

static void test_pages_and_api_gzipped(void **state) {
  server_process *s = *state;
  static const char *const paths[] = {"/",
                                      ARTICLE,
                                      "/symptoms/rectal-bleeding",
                                      STEP,
                                      RESULT,
                                      "/conditions/anorectal/ibs",
                                      "/quiz/anal-mucus-discharge/summary?age=30&sex=female&a=",
                                      "/api/v1/complaints",
                                      "/api/v1/openapi.json",
                                      "/static/site.css",
                                      "/static/app.js",
                                      "/no/such/page"};
  for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
    S_both_forms(s, paths[i], NULL);
  }
  S_both_forms(s, "/api/v1/interview", INTERVIEW);
  /* the pages keep their privacy */
  http_response r;
  S_get(s, ARTICLE, GZIP, &r);
  assert_string_equal(S_header(&r, "Cache-Control"), "no-store");
  http_response_free(&r);
  /* RESULT is a result page (the pack has not changed its questions) */
  S_get(s, RESULT, NULL, &r);
  assert_non_null(strstr(r.body, "<title>Your results - "));
  http_response_free(&r);
}

/* What one Accept-Encoding value gets for the article. */
static const char *S_coding_for(const server_process *s, const char *accept) {
  static char coding[32];
  char headers[256];
  snprintf(headers, sizeof headers, "Accept-Encoding: %s\r\n", accept);
  http_response r;
  S_get(s, ARTICLE, headers, &r);
  assert_int_equal(r.status, 200);
  snprintf(coding, sizeof coding, "%.31s", S_header(&r, "Content-Encoding"));
  assert_string_equal(S_header(&r, "Vary"), "Accept-Encoding");
  http_response_free(&r);
  return coding;
}

static void test_accept_encoding_weights(void **state) {
  server_process *s = *state;
  static const char *const zipped[] = {
      "gzip", "GZip;Q=1",          "br;q=1, gzip;q=0.001", "x-gzip",
      "*",    "identity, *;q=0.5", "gzip ; q=0.5 , br"};
  static const char *const plain[] = {"gzip;q=0",    "gzip; q=0.000", "*;q=0",           "identity",
                                      "deflate, br", "gzip;q=0, *",   "gzip;q=nonsense", "",
                                      "gzipped"};
  for (size_t i = 0; i < sizeof zipped / sizeof zipped[0]; i++) {
    if (strcmp(S_coding_for(s, zipped[i]), "gzip") != 0) {
      fail_msg("Accept-Encoding: %s got no gzip", zipped[i]);
    }
  }
  for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
    if (strcmp(S_coding_for(s, plain[i]), "") != 0) {
      fail_msg("Accept-Encoding: %s got gzip", plain[i]);
    }
  }
}

static void test_small_and_other_bodies_as_they_are(void **state) {
  server_process *s = *state;
  http_response r;
  S_get(s, "/healthz", GZIP, &r); /* 15 bytes of JSON */
  assert_int_equal(r.status, 200);
  assert_string_equal(S_header(&r, "Content-Encoding"), "");
  assert_string_equal(S_header(&r, "Vary"), "Accept-Encoding");
  assert_string_equal(r.body, "{\"status\":\"ok\"}");
  http_response_free(&r);
  S_get(s, "/static/favicon.svg", GZIP, &r); /* under 1 KiB */
  assert_int_equal(r.status, 200);
  assert_string_equal(S_header(&r, "Content-Encoding"), "");
  assert_non_null(strstr(r.body, "<svg"));
  http_response_free(&r);
  /* the types that do not compress, and the ones that do */
  assert_false(srv_compressible_type("image/png"));
  assert_false(srv_compressible_type("application/octet-stream"));
  assert_false(srv_compressible_type("application/x-www-form-urlencoded"));
  assert_false(srv_compressible_type(NULL));
  assert_true(srv_compressible_type("text/html; charset=utf-8"));
  assert_true(srv_compressible_type("application/fhir+json"));
  assert_true(srv_compressible_type("Application/JSON"));
}

/* The static file's answer to a request with those headers. */
static void S_static(const server_process *s, const char *headers, http_response *r) {
  S_get(s, "/static/site.css", headers, r);
  assert_string_equal(S_header(r, "Cache-Control"), "no-cache");
  assert_string_equal(S_header(r, "Vary"), "Accept-Encoding");
}

static void test_static_etags_and_304(void **state) {
  server_process *s = *state;
  http_response plain, zipped, again, r;
  S_static(s, NULL, &plain);
  S_static(s, GZIP, &zipped);
  S_static(s, NULL, &again);
  assert_int_equal(plain.status, 200);
  assert_int_equal(zipped.status, 200);
  char plain_tag[64], zipped_tag[64];
  snprintf(plain_tag, sizeof plain_tag, "%.63s", S_header(&plain, "ETag"));
  snprintf(zipped_tag, sizeof zipped_tag, "%.63s", S_header(&zipped, "ETag"));
  /* strong (no W/), quoted, one per form, the same on every answer */
  assert_int_equal(plain_tag[0], '"');
  assert_int_equal(zipped_tag[0], '"');
  assert_string_not_equal(plain_tag, zipped_tag);
  assert_string_equal(S_header(&again, "ETag"), plain_tag);
  assert_string_equal(S_header(&zipped, "Content-Encoding"), "gzip");

  char headers[512];
  snprintf(headers, sizeof headers, GZIP "If-None-Match: %s\r\n", zipped_tag);
  S_static(s, headers, &r);
  assert_int_equal(r.status, 304);
  assert_int_equal(r.body_length, 0);
  assert_string_equal(S_header(&r, "ETag"), zipped_tag);
  http_response_free(&r);
  /* a list, weak comparison, and "*" */
  snprintf(headers, sizeof headers, "If-None-Match: \"old\", W/%s\r\n", plain_tag);
  S_static(s, headers, &r);
  assert_int_equal(r.status, 304);
  http_response_free(&r);
  S_static(s, "If-None-Match: *\r\n", &r);
  assert_int_equal(r.status, 304);
  http_response_free(&r);
  /* the other form's tag, or an old one, gets the whole file */
  snprintf(headers, sizeof headers, "If-None-Match: %s\r\n", zipped_tag);
  S_static(s, headers, &r);
  assert_int_equal(r.status, 200);
  assert_int_equal(r.body_length, plain.body_length);
  assert_memory_equal(r.body, plain.body, plain.body_length);
  http_response_free(&r);
  S_static(s, GZIP "If-None-Match: \"0123\"\r\n", &r);
  assert_int_equal(r.status, 200);
  assert_int_equal(r.body_length, zipped.body_length);
  http_response_free(&r);
  http_response_free(&plain);
  http_response_free(&zipped);
  http_response_free(&again);
  /* the API's answers that never change are stored the same way */
  S_get(s, "/api/v1/packs", GZIP, &r);
  assert_int_equal(r.status, 200);
  snprintf(headers, sizeof headers, GZIP "If-None-Match: %.63s\r\n", S_header(&r, "ETag"));
  http_response_free(&r);
  S_get(s, "/api/v1/packs", headers, &r);
  assert_int_equal(r.status, 304);
  assert_int_equal(r.body_length, 0);
  http_response_free(&r);
}

/* Adds to `paths` the article of each complaint the API lists. */
static size_t S_article_paths(const server_process *s, char paths[][160], size_t size) {
  http_response r;
  S_get(s, "/api/v1/complaints", GZIP, &r);
  size_t length = 0;
  char *text = S_gunzip(&r, &length);
  json_t *json = json_loadb(text, length, 0, NULL);
  assert_non_null(json);
  size_t n = 0, i;
  json_t *item;
  json_array_foreach(json_object_get(json, "complaints"), i, item) {
    if (n < size) {
      snprintf(paths[n++], 160, "/symptoms/%s", json_string_value(json_object_get(item, "id")));
    }
  }
  json_decref(json);
  free(text);
  http_response_free(&r);
  return n;
}

static void test_no_html_comments(void **state) {
  server_process *s = *state;
  char paths[80][160];
  static const char *const pages[] = {"/",
                                      "/?q=blood",
                                      STEP,
                                      RESULT,
                                      "/quiz/anal-mucus-discharge",
                                      "/quiz/anal-mucus-discharge/summary?age=30&sex=female&a=",
                                      "/conditions/anorectal/ibs",
                                      "/editor/login",
                                      "/no/such/page"};
  size_t n = 0;
  for (; n < sizeof pages / sizeof pages[0]; n++) {
    snprintf(paths[n], sizeof paths[n], "%s", pages[n]);
  }
  size_t articles = S_article_paths(s, paths + n, 80 - n);
  assert_true(articles >= 5);
  n += articles;
  for (size_t i = 0; i < n; i++) {
    http_response r;
    S_get(s, paths[i], NULL, &r);
    if (r.status != 200 && r.status != 303 && r.status != 404) { /* 303: no article, the quiz */
      fail_msg("GET %s answered %d", paths[i], r.status);
    }
    if (strstr(r.body, "<!--") != NULL) {
      fail_msg("GET %s carries an HTML comment: %.80s", paths[i], strstr(r.body, "<!--"));
    }
    http_response_free(&r);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_pages_and_api_gzipped),
      cmocka_unit_test(test_accept_encoding_weights),
      cmocka_unit_test(test_small_and_other_bodies_as_they_are),
      cmocka_unit_test(test_static_etags_and_304),
      cmocka_unit_test(test_no_html_comments),
  };
  return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
