/*
 * test_server.c - end-to-end tests of `symcheck serve`: the real binary on
 * a free loopback port with a temporary SQLite file, driven over HTTP by
 * tests/unit/support/http_client.c. A full interview must give exactly
 * what `symcheck diagnose --json` prints; every error class answers with
 * its status and {"error": {"code", "message", "field"}}; /metrics counts
 * what was done; SIGTERM lets a request in flight finish; the OpenAPI
 * document and the routes agree.
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "http_client.h"
#include "run_process.h"
#include "symcheck.h"

static const char *const S_NO_LIMIT[] = {"--rate-limit", "0", NULL};

static int S_setup(void **state) {
  server_process *s = calloc(1, sizeof *s);
  if (server_start(s, S_NO_LIMIT) != 0) {
    free(s);
    return -1;
  }
  *state = s;
  return 0;
}

static int S_teardown(void **state) {
  server_process *s = *state;
  int code = server_stop(s, SIGTERM, 10000);
  free(s);
  return code == 0 ? 0 : -1;
}

static json_t *S_post(const server_process *s, const char *path, const char *body, int *status) {
  http_response r;
  assert_int_equal(http_request(s->port, "POST", path, "application/json", body, strlen(body), &r),
                   0);
  *status = r.status;
  json_t *json = json_loads(r.body, 0, NULL);
  http_response_free(&r);
  assert_non_null(json);
  return json;
}

static json_t *S_get(const server_process *s, const char *path, int *status) {
  http_response r;
  assert_int_equal(http_request(s->port, "GET", path, NULL, NULL, 0, &r), 0);
  *status = r.status;
  json_t *json = json_loads(r.body, 0, NULL);
  http_response_free(&r);
  assert_non_null(json);
  return json;
}

static char *S_get_text(const server_process *s, const char *path) {
  http_response r;
  assert_int_equal(http_request(s->port, "GET", path, NULL, NULL, 0, &r), 0);
  assert_int_equal(r.status, 200);
  char *text = strdup(r.body);
  http_response_free(&r);
  return text;
}

/* The value a test person gives to a question: no, none, the first option,
   or the lower end of the first band. */
static void S_pick(json_t *question, char *value, size_t size) {
  const char *type = json_string_value(json_object_get(question, "type"));
  json_t *first = json_array_get(json_object_get(question, "options"), 0);
  if (strcmp(type, "yes_no") == 0) {
    snprintf(value, size, "no");
  } else if (strcmp(type, "multi") == 0) {
    snprintf(value, size, "none");
  } else if (strcmp(type, "number") == 0) {
    json_t *min = json_object_get(first, "min");
    snprintf(value, size, "%g", json_is_number(min) ? json_number_value(min) : 1.0);
  } else {
    snprintf(value, size, "%s", json_string_value(json_object_get(first, "id")));
  }
}

/* Answers every question through POST /interview until the result. Fills
   argv (for diagnose) and returns the final step. */
static json_t *S_drive_interview(const server_process *s, const char **argv, size_t *argc,
                                 char values[][160], char **last_body) {
  json_t *request = json_pack("{s:{s:i, s:s}, s:s, s:[]}", "profile", "age", 34, "sex", "female",
                              "complaint", "anal-mucus-discharge", "answers");
  json_t *step = NULL;
  for (int round = 0; round < 60; round++) {
    char *body = json_dumps(request, JSON_COMPACT);
    int status = 0;
    json_decref(step);
    step = S_post(s, "/api/v1/interview", body, &status);
    free(*last_body);
    *last_body = body;
    assert_int_equal(status, 200);
    if (strcmp(json_string_value(json_object_get(step, "status")), "result") == 0) {
      break;
    }
    json_t *question = json_object_get(step, "question");
    assert_true(json_is_object(question));
    char value[128];
    S_pick(question, value, sizeof value);
    const char *id = json_string_value(json_object_get(question, "id"));
    json_array_append_new(json_object_get(request, "answers"),
                          json_pack("{s:s, s:s}", "id", id, "value", value));
    snprintf(values[round], 160, "%s=%s", id, value);
    argv[(*argc)++] = "--answer";
    argv[(*argc)++] = values[round];
  }
  json_decref(request);
  return step;
}

static void test_interview_matches_cli(void **state) {
  server_process *s = *state;
  const char *argv[160] = {SYMCHECK_BINARY,   "diagnose",    "--pack",
                           "packs/anorectal", "--complaint", "anal-mucus-discharge",
                           "--age",           "34",          "--sex",
                           "female",          "--json"};
  size_t argc = 11;
  static char values[60][160];
  char *last_body = NULL;
  json_t *step = S_drive_interview(s, argv, &argc, values, &last_body);
  assert_string_equal(json_string_value(json_object_get(step, "status")), "result");
  assert_true(json_array_size(json_object_get(step, "conditions")) > 0);
  assert_string_equal(json_string_value(json_object_get(step, "notice")),
                      "symcheck is not a diagnosis. It lists conditions that could explain "
                      "your symptoms; only a clinician who examines you can tell what you have. "
                      "If you feel very unwell, call emergency services.");
  argv[argc] = NULL;
  run_result cli;
  assert_int_equal(run_process(argv, NULL, 30000, &cli), 0);
  assert_int_equal(cli.exit_code, 0);
  json_t *expected = json_loads(cli.out, 0, NULL);
  assert_non_null(expected);
  assert_true(json_equal(expected, step));
  /* byte for byte what jansson writes for the same document */
  http_response raw;
  assert_int_equal(http_request(s->port, "POST", "/api/v1/interview", "application/json", last_body,
                                strlen(last_body), &raw),
                   0);
  char *compact = json_dumps(expected, JSON_COMPACT);
  assert_string_equal(raw.body, compact);
  free(compact);
  free(last_body);
  http_response_free(&raw);
  /* both finished interviews (the step above and its byte check) are
     counted under their triage level */
  char line[160];
  snprintf(line, sizeof line, "symcheck_interviews_completed_total{level=\"%s\"} 2",
           json_string_value(json_object_get(json_object_get(step, "triage"), "id")));
  char *metrics = S_get_text(s, "/metrics");
  assert_non_null(strstr(metrics, line));
  free(metrics);
  json_decref(expected);
  json_decref(step);
  run_result_free(&cli);
}

#define S_MID_INTERVIEW                                                                            \
  "{\"profile\": {\"age\": 34, \"sex\": \"female\"}, \"complaint\": "                              \
  "\"anal-mucus-discharge\", \"answers\": [{\"id\": \"emergency_signs\", \"value\": []}, "         \
  "{\"id\": \"blood_in_stool\", \"value\": \"no\"}]"

/* How many conditions the complaint has, from GET /api/v1/packs. */
static size_t S_complaint_condition_count(const server_process *s, const char *complaint) {
  int status = 0;
  json_t *packs = S_get(s, "/api/v1/packs", &status);
  size_t p, i, count = 0;
  json_t *pack, *c;
  /* whichever pack holds it: the server lists every pack under packs/ */
  json_array_foreach(json_object_get(packs, "packs"), p, pack) {
    json_array_foreach(json_object_get(pack, "complaints"), i, c) {
      if (strcmp(json_string_value(json_object_get(c, "id")), complaint) == 0) {
        count = json_array_size(json_object_get(c, "conditions"));
      }
    }
  }
  json_decref(packs);
  return count;
}

/* While questions remain a step ranks the first few conditions in brief
   (the same probabilities /explain gives); the result lists every one of
   the complaint's conditions, with why it fits for the first
   SYMCHECK_RESULT_EXPLAINED and on request for the others. */
static void test_steps_rank_in_brief_and_the_result_in_full(void **state) {
  server_process *s = *state;
  int status = 0;
  json_t *step = S_post(s, "/api/v1/interview", S_MID_INTERVIEW "}", &status);
  assert_int_equal(status, 200);
  assert_string_equal(json_string_value(json_object_get(step, "status")), "question");
  json_t *conditions = json_object_get(step, "conditions");
  assert_int_equal(json_array_size(conditions), SYMCHECK_STEP_CONDITIONS);
  double previous = 1.0;
  size_t i;
  json_t *c;
  json_array_foreach(conditions, i, c) {
    assert_int_equal(json_object_size(c), 4);
    assert_non_null(json_string_value(json_object_get(c, "name")));
    assert_non_null(json_string_value(json_object_get(c, "probability_words")));
    double p = json_number_value(json_object_get(c, "probability"));
    assert_true(p <= previous);
    previous = p;
    char body[1024];
    snprintf(body, sizeof body, S_MID_INTERVIEW ", \"condition\": \"%s\"}",
             json_string_value(json_object_get(c, "id")));
    json_t *explain = S_post(s, "/api/v1/explain", body, &status);
    assert_int_equal(status, 200);
    assert_float_equal(json_number_value(json_object_get(explain, "probability")), p, 1e-12);
    json_decref(explain);
  }
  json_decref(step);

  const char *argv[160] = {NULL};
  size_t argc = 0;
  static char values[60][160];
  char *last_body = NULL;
  step = S_drive_interview(s, argv, &argc, values, &last_body);
  conditions = json_object_get(step, "conditions");
  size_t expected = S_complaint_condition_count(s, "anal-mucus-discharge");
  assert_true(expected > SYMCHECK_RESULT_EXPLAINED);
  assert_int_equal(json_array_size(conditions), expected);
  /* the least likely condition, listed without why it fits, is explained
     on request */
  json_t *last = json_array_get(conditions, expected - 1);
  json_t *request = json_loads(last_body, 0, NULL);
  json_object_set_new(request, "condition", json_copy(json_object_get(last, "id")));
  char *body = json_dumps(request, JSON_COMPACT);
  json_t *explain = S_post(s, "/api/v1/explain", body, &status);
  assert_int_equal(status, 200);
  assert_true(json_array_size(json_object_get(explain, "for")) +
                  json_array_size(json_object_get(explain, "against")) >
              0);
  json_decref(explain);
  free(body);
  json_decref(request);
  free(last_body);
  json_array_foreach(conditions, i, c) {
    /* why it fits: for the first few; /explain gives any other's */
    json_t *why = json_object_get(c, "why");
    assert_true(i < SYMCHECK_RESULT_EXPLAINED ? json_is_array(json_object_get(why, "for"))
                                              : why == NULL);
    assert_true(json_is_object(json_object_get(c, "urgency")));
  }
  json_decref(step);
}

static void test_explain_lists_answers_for_and_against(void **state) {
  server_process *s = *state;
  int status = 0;
  json_t *step = S_post(s, "/api/v1/interview",
                        "{\"profile\": {\"age\": 34, \"sex\": \"female\"}, \"complaint\": "
                        "\"anal-mucus-discharge\", \"answers\": []}",
                        &status);
  const char *top = json_string_value(
      json_object_get(json_array_get(json_object_get(step, "conditions"), 0), "id"));
  assert_non_null(top);
  char body[512];
  snprintf(body, sizeof body,
           "{\"profile\": {\"age\": 34, \"sex\": \"female\"}, \"complaint\": "
           "\"anal-mucus-discharge\", \"answers\": [{\"id\": \"emergency_signs\", \"value\": "
           "[]}], \"condition\": \"%s\"}",
           top);
  json_t *explain = S_post(s, "/api/v1/explain", body, &status);
  assert_int_equal(status, 200);
  assert_string_equal(
      json_string_value(json_object_get(json_object_get(explain, "condition"), "id")), top);
  assert_true(json_is_array(json_object_get(explain, "for")));
  assert_true(json_is_array(json_object_get(explain, "against")));
  assert_non_null(json_string_value(json_object_get(explain, "notice")));
  json_decref(explain);
  json_decref(step);
}

/* Posts `body` and checks the status, error code and field. */
static void S_expect_error(const server_process *s, const char *path, const char *body,
                           int want_status, const char *code, const char *field) {
  int status = 0;
  json_t *reply = S_post(s, path, body, &status);
  json_t *error = json_object_get(reply, "error");
  assert_int_equal(status, want_status);
  assert_string_equal(json_string_value(json_object_get(error, "code")), code);
  assert_true(strlen(json_string_value(json_object_get(error, "message"))) > 10);
  if (field != NULL) {
    assert_string_equal(json_string_value(json_object_get(error, "field")), field);
  } else {
    assert_true(json_is_null(json_object_get(error, "field")));
  }
  json_decref(reply);
}

#define S_PROFILE "\"profile\": {\"age\": 34, \"sex\": \"female\"}"
#define S_MUCUS "\"complaint\": \"anal-mucus-discharge\""

static void test_bad_bodies_get_clear_errors(void **state) {
  server_process *s = *state;
  const char *iv = "/api/v1/interview";
  S_expect_error(s, iv, "{\"profile\": ", 400, "invalid_json", NULL);
  S_expect_error(s, iv, "[1, 2]", 400, "invalid_type", NULL);
  S_expect_error(s, iv, "{\"profile\": {\"age\": \"old\", \"sex\": \"male\"}, " S_MUCUS "}", 400,
                 "invalid_type", "profile.age");
  S_expect_error(s, iv, "{\"profile\": {\"age\": 121, \"sex\": \"male\"}, " S_MUCUS "}", 422,
                 "out_of_range", "profile.age");
  S_expect_error(s, iv, "{\"profile\": {\"age\": -1, \"sex\": \"male\"}, " S_MUCUS "}", 422,
                 "out_of_range", "profile.age");
  S_expect_error(s, iv, "{\"profile\": {\"age\": 30, \"sex\": \"x\"}, " S_MUCUS "}", 422,
                 "invalid_value", "profile.sex");
  S_expect_error(s, iv, "{" S_PROFILE "}", 422, "missing_field", "complaint");
  S_expect_error(s, iv, "{" S_PROFILE ", \"complaint\": \"no-such-thing\"}", 404,
                 "unknown_complaint", "complaint");
  S_expect_error(s, iv, "{" S_PROFILE ", " S_MUCUS ", \"pack\": \"nope\"}", 404, "unknown_pack",
                 "pack");
  S_expect_error(s, iv, "{" S_PROFILE ", " S_MUCUS ", \"answers\": {}}", 400, "invalid_type",
                 "answers");
  S_expect_error(s, iv,
                 "{" S_PROFILE ", " S_MUCUS ", \"answers\": [{\"id\": \"no_such\", \"value\": "
                 "\"yes\"}]}",
                 422, "unknown_finding", "answers[0].id");
  S_expect_error(s, iv,
                 "{" S_PROFILE ", " S_MUCUS ", \"answers\": [{\"id\": \"emergency_signs\", "
                 "\"value\": \"purple\"}]}",
                 422, "invalid_answer", "answers[0].value");
  S_expect_error(s, "/api/v1/explain", "{" S_PROFILE ", " S_MUCUS "}", 422, "missing_field",
                 "condition");
  S_expect_error(s, "/api/v1/explain", "{" S_PROFILE ", " S_MUCUS ", \"condition\": \"zzz\"}", 404,
                 "unknown_condition", "condition");
}

static void S_expect_status(const http_response *r, int status, const char *code) {
  assert_int_equal(r->status, status);
  json_t *reply = json_loads(r->body, 0, NULL);
  assert_non_null(reply);
  assert_string_equal(json_string_value(json_object_get(json_object_get(reply, "error"), "code")),
                      code);
  json_decref(reply);
}

static void test_size_type_method_and_path_errors(void **state) {
  server_process *s = *state;
  http_response r;
  size_t big_length = 64 * 1024 + 10;
  char *big = malloc(big_length);
  memset(big, ' ', big_length);
  assert_int_equal(
      http_request(s->port, "POST", "/api/v1/interview", "application/json", big, big_length, &r),
      0);
  S_expect_status(&r, 413, "body_too_large");
  http_response_free(&r);
  free(big);
  const char *body = "{" S_PROFILE ", " S_MUCUS "}";
  assert_int_equal(
      http_request(s->port, "POST", "/api/v1/interview", "text/plain", body, strlen(body), &r), 0);
  S_expect_status(&r, 415, "unsupported_media_type");
  http_response_free(&r);
  assert_int_equal(http_request(s->port, "DELETE", "/api/v1/interview", NULL, NULL, 0, &r), 0);
  S_expect_status(&r, 405, "method_not_allowed");
  char allow[64];
  assert_true(http_header(&r, "Allow", allow, sizeof allow));
  assert_string_equal(allow, "POST");
  http_response_free(&r);
  assert_int_equal(http_request(s->port, "GET", "/api/v1/nothing-here", NULL, NULL, 0, &r), 0);
  S_expect_status(&r, 404, "not_found");
  http_response_free(&r);
  assert_int_equal(
      http_request(s->port, "GET", "/api/v1/conditions/anorectal/zzz", NULL, NULL, 0, &r), 0);
  S_expect_status(&r, 404, "unknown_condition");
  http_response_free(&r);
  /* and it still serves */
  int status = 0;
  json_t *health = S_get(s, "/healthz", &status);
  assert_int_equal(status, 200);
  json_decref(health);
}

static void test_content_routes(void **state) {
  server_process *s = *state;
  int status = 0;
  json_t *found = S_get(s, "/api/v1/complaints?q=mucus", &status);
  assert_int_equal(status, 200);
  json_t *first = json_array_get(json_object_get(found, "complaints"), 0);
  assert_string_equal(json_string_value(json_object_get(first, "id")), "anal-mucus-discharge");
  json_decref(found);
  /* One search across the packs: chest pain is the DDXPlus lay complaint,
     never anal pain; joint pain is the limbs pack's; elbow pain matches
     nothing and gets the closest instead. */
  found = S_get(s, "/api/v1/complaints?q=chest%20pain", &status);
  assert_int_equal(status, 200);
  json_t *complaints = json_object_get(found, "complaints");
  assert_string_equal(json_string_value(json_object_get(json_array_get(complaints, 0), "id")),
                      "chest-pain");
  assert_true(json_real_value(json_object_get(json_array_get(complaints, 0), "score")) > 0.0);
  for (size_t i = 0; i < json_array_size(complaints); i++) {
    const char *id = json_string_value(json_object_get(json_array_get(complaints, i), "id"));
    assert_string_not_equal(id, "anal-pain");
  }
  assert_null(json_object_get(found, "closest"));
  json_decref(found);
  found = S_get(s, "/api/v1/complaints?q=joint%20pain", &status);
  assert_int_equal(status, 200);
  complaints = json_object_get(found, "complaints");
  assert_string_equal(json_string_value(json_object_get(json_array_get(complaints, 0), "id")),
                      "joint-pain");
  json_decref(found);
  found = S_get(s, "/api/v1/complaints?q=elbow%20pain", &status);
  assert_int_equal(status, 200);
  assert_int_equal(json_array_size(json_object_get(found, "complaints")), 0);
  assert_true(json_array_size(json_object_get(found, "closest")) > 0);
  json_decref(found);
  json_t *finding = S_get(s, "/api/v1/findings/anorectal/emergency_signs", &status);
  assert_int_equal(status, 200);
  assert_string_equal(json_string_value(json_object_get(finding, "type")), "multi");
  json_decref(finding);
}

static void test_health_and_ready(void **state) {
  server_process *s = *state;
  int status = 0;
  json_t *health = S_get(s, "/healthz", &status);
  assert_int_equal(status, 200);
  assert_string_equal(json_string_value(json_object_get(health, "status")), "ok");
  json_t *ready = S_get(s, "/readyz", &status);
  assert_int_equal(status, 200);
  assert_string_equal(json_string_value(json_object_get(ready, "status")), "ready");
  assert_string_equal(json_string_value(json_object_get(ready, "database")), "sqlite");
  json_decref(health);
  json_decref(ready);
}

static void test_metrics_count_requests(void **state) {
  (void)state;
  server_process s;
  assert_int_equal(server_start(&s, S_NO_LIMIT), 0);
  int status = 0;
  for (int i = 0; i < 3; i++) {
    json_decref(S_get(&s, "/api/v1/complaints?q=itch", &status));
  }
  json_decref(S_get(&s, "/api/v1/no/such/thing", &status));
  /* a wrong method is counted under the route it reached, with the method
     sent; a method outside the usual ones as OTHER */
  json_decref(S_get(&s, "/api/v1/interview", &status));
  assert_int_equal(status, 405);
  http_response r;
  assert_int_equal(http_request(s.port, "BREW", "/api/v1/interview", NULL, NULL, 0, &r), 0);
  assert_int_equal(r.status, 405);
  http_response_free(&r);
  char *metrics = S_get_text(&s, "/metrics");
  assert_non_null(strstr(metrics, "symcheck_http_requests_total{method=\"GET\",route=\"/api/v1/"
                                  "complaints\",status=\"200\"} 3"));
  assert_non_null(
      strstr(metrics,
             "symcheck_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1"));
  assert_non_null(strstr(metrics, "symcheck_http_requests_total{method=\"GET\",route=\"/api/v1/"
                                  "interview\",status=\"405\"} 1"));
  assert_non_null(strstr(metrics, "symcheck_http_requests_total{method=\"OTHER\",route=\"/api/v1/"
                                  "interview\",status=\"405\"} 1"));
  assert_null(strstr(metrics, "_total{method=\"POST\",route=\"/api/v1/interview\""));
  assert_non_null(strstr(metrics, "symcheck_http_request_duration_seconds_count{method=\"GET\","
                                  "route=\"/api/v1/interview\"} 1"));
  assert_non_null(strstr(metrics, "symcheck_http_request_duration_seconds_count{method=\"GET\","
                                  "route=\"/api/v1/complaints\"} 3"));
  free(metrics);
  /* the access log has one line per request, with the route pattern and
     no query text */
  char *log = server_log(&s);
  assert_non_null(strstr(log, "GET /api/v1/complaints 200 "));
  assert_null(strstr(log, "itch"));
  assert_null(strstr(log, "127.0.0.1"));
  free(log);
  assert_int_equal(server_stop(&s, SIGTERM, 10000), 0);
}

static void test_rate_limit_answers_429(void **state) {
  (void)state;
  server_process s;
  const char *const limit[] = {"--rate-limit", "2", NULL};
  assert_int_equal(server_start(&s, limit), 0);
  int limited = 0;
  for (int i = 0; i < 12; i++) {
    http_response r;
    assert_int_equal(http_request(s.port, "GET", "/api/v1/complaints", NULL, NULL, 0, &r), 0);
    if (r.status == 429) {
      limited++;
      char retry[16];
      assert_true(http_header(&r, "Retry-After", retry, sizeof retry));
      assert_true(atoi(retry) >= 1);
      S_expect_status(&r, 429, "rate_limited");
    } else {
      assert_int_equal(r.status, 200);
    }
    http_response_free(&r);
  }
  assert_true(limited >= 6);
  /* health checks are never limited */
  int status = 0;
  json_decref(S_get(&s, "/healthz", &status));
  assert_int_equal(status, 200);
  assert_int_equal(server_stop(&s, SIGTERM, 10000), 0);
}

/* GET path with extra header lines ("Name: value\r\n..."); the status. */
static int S_get_with(const server_process *s, const char *path, const char *headers,
                      http_response *r) {
  char request[1024];
  int n =
      snprintf(request, sizeof request,
               "GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%sConnection: close\r\n\r\n", path, headers);
  assert_int_equal(http_raw(s->port, request, (size_t)n, r), 0);
  return r->status;
}

/* Runs GETs as X-Real-IP `ip` until one is refused; how many went
   through (at most 20). */
static int S_until_limited(const server_process *s, const char *ip) {
  char header[64];
  snprintf(header, sizeof header, "X-Real-IP: %s\r\n", ip);
  for (int i = 0; i < 20; i++) {
    http_response r;
    int status = S_get_with(s, "/api/v1/complaints", header, &r);
    http_response_free(&r);
    if (status == 429) {
      return i;
    }
    assert_int_equal(status, 200);
  }
  return 20;
}

/* Behind a trusted proxy every reader arrives from the proxy's address:
   --behind-proxy tells them apart by X-Real-IP and marks cookies Secure
   when the reader used https. Without it those headers are ignored (a
   client could otherwise dodge its limit by sending them). */
static void test_limits_and_cookies_behind_a_proxy(void **state) {
  (void)state;
  const char *const proxied[] = {"--rate-limit", "2", "--behind-proxy", NULL};
  const char *const direct[] = {"--rate-limit", "2", NULL};
  for (int behind = 1; behind >= 0; behind--) {
    server_process s;
    assert_int_equal(server_start(&s, behind ? proxied : direct), 0);
    assert_true(S_until_limited(&s, "203.0.113.7") < 20);
    int other = S_until_limited(&s, "198.51.100.9");
    if (behind) {
      assert_true(other >= 2); /* a reader of its own, with its own budget */
    } else {
      assert_true(other <= 1); /* the same socket address, the same budget */
    }
    http_response r;
    assert_int_equal(S_get_with(&s, "/symptoms/anal-mucus-discharge",
                                "X-Real-IP: 192.0.2.1\r\nX-Forwarded-Proto: https\r\n", &r),
                     behind ? 200 : 429);
    char cookie[512] = "";
    if (behind) {
      assert_true(http_header(&r, "Set-Cookie", cookie, sizeof cookie));
      assert_non_null(strstr(cookie, "Secure"));
    }
    http_response_free(&r);
    assert_int_equal(server_stop(&s, SIGTERM, 10000), 0);
  }
  /* Direct, cookies never claim Secure (plain HTTP would drop them). */
  server_process s;
  assert_int_equal(server_start(&s, S_NO_LIMIT), 0);
  http_response r;
  assert_int_equal(
      S_get_with(&s, "/symptoms/anal-mucus-discharge", "X-Forwarded-Proto: https\r\n", &r), 200);
  char cookie[512] = "";
  assert_true(http_header(&r, "Set-Cookie", cookie, sizeof cookie));
  assert_null(strstr(cookie, "Secure"));
  http_response_free(&r);
  assert_int_equal(server_stop(&s, SIGTERM, 10000), 0);
}

static void test_sigterm_finishes_request_in_flight(void **state) {
  (void)state;
  server_process s;
  assert_int_equal(server_start(&s, S_NO_LIMIT), 0);
  const char *body = "{" S_PROFILE ", " S_MUCUS "}";
  char head[256];
  int n = snprintf(head, sizeof head,
                   "POST /api/v1/interview HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                   "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n",
                   strlen(body));
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((unsigned short)s.port)};
  addr.sin_addr.s_addr = htonl(0x7f000001);
  assert_int_equal(connect(fd, (struct sockaddr *)&addr, sizeof addr), 0);
  /* the request line, headers and half the body, then the signal */
  assert_int_equal(send(fd, head, (size_t)n, 0), n);
  assert_int_equal(send(fd, body, 10, 0), 10);
  struct timespec pause = {0, 300 * 1000000L};
  nanosleep(&pause, NULL);
  kill(s.pid, SIGTERM);
  nanosleep(&pause, NULL);
  /* no new connections now */
  http_response refused;
  assert_int_equal(http_request(s.port, "GET", "/healthz", NULL, NULL, 0, &refused), -1);
  assert_int_equal(send(fd, body + 10, strlen(body) - 10, 0), (ssize_t)(strlen(body) - 10));
  char reply[65536];
  size_t got = 0;
  ssize_t r;
  while ((r = recv(fd, reply + got, sizeof reply - 1 - got, 0)) > 0) {
    got += (size_t)r;
  }
  reply[got] = '\0';
  close(fd);
  assert_int_equal(strncmp(reply, "HTTP/1.1 200", 12), 0);
  assert_non_null(strstr(reply, "\"status\":\"question\""));
  assert_int_equal(server_stop(&s, 0, 10000), 0);
}

/* "/api/v1/conditions/{pack}/{id}" with the placeholders filled in. */
static void S_fill(const char *pattern, char *path, size_t size) {
  const char *fills[] = {"anorectal", "emergency_signs"};
  size_t used = 0, k = 0;
  for (const char *p = pattern; *p != '\0' && used + 32 < size;) {
    if (*p == '{') {
      used += (size_t)snprintf(path + used, size - used, "%s", fills[k < 1 ? k++ : 1]);
      p = strchr(p, '}') + 1;
    } else {
      path[used++] = *p++;
    }
  }
  path[used] = '\0';
}

static void test_openapi_describes_every_route(void **state) {
  server_process *s = *state;
  int status = 0;
  json_t *doc = S_get(s, "/api/v1/openapi.json", &status);
  assert_int_equal(status, 200);
  assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.1.0");
  json_t *paths = json_object_get(doc, "paths");
  /* every route the server lists (API and operations) is described */
  char *metrics = S_get_text(s, "/metrics");
  size_t routes = 0;
  for (const char *at = strstr(metrics, "symcheck_route_info{"); at != NULL;
       at = strstr(at + 1, "symcheck_route_info{")) {
    char method[16], route[256];
    assert_int_equal(
        sscanf(at, "symcheck_route_info{method=\"%15[^\"]\",route=\"%255[^\"]\"}", method, route),
        2);
    if (strncmp(route, "/api/", 5) != 0 && strcmp(route, "/healthz") != 0 &&
        strcmp(route, "/readyz") != 0 && strcmp(route, "/metrics") != 0) {
      continue; /* pages are HTML, not API */
    }
    for (char *c = method; *c; c++) {
      *c = (char)(*c - 'A' + 'a');
    }
    assert_non_null(json_object_get(json_object_get(paths, route), method));
    routes++;
  }
  assert_true(routes >= 10);
  free(metrics);
  /* every described route answers (not "not found", not "wrong method") */
  const char *pattern;
  json_t *item;
  json_object_foreach(paths, pattern, item) {
    const char *method;
    json_t *operation;
    json_object_foreach(item, method, operation) {
      char path[256];
      S_fill(pattern, path, sizeof path);
      http_response r;
      const char *body = "{" S_PROFILE ", " S_MUCUS ", \"condition\": \"x\"}";
      bool post = strcmp(method, "post") == 0;
      assert_int_equal(http_request(s->port, post ? "POST" : "GET", path,
                                    post ? "application/json" : NULL, post ? body : NULL,
                                    post ? strlen(body) : 0, &r),
                       0);
      assert_true(r.status != 405);
      assert_null(strstr(r.body, "\"not_found\""));
      http_response_free(&r);
    }
  }
  json_decref(doc);
}

/* A PostgreSQL that does not answer at start is a clear error and exit 1
   (port 1 on loopback refuses at once). */
static void test_unreachable_postgresql_exits_1(void **state) {
  (void)state;
  const char *argv[] = {SYMCHECK_BINARY,
                        "serve",
                        "--listen",
                        "127.0.0.1:0",
                        "--db",
                        "postgresql://postgres@127.0.0.1:1/symcheck",
                        NULL};
  run_result r;
  assert_int_equal(run_process(argv, NULL, 30000, &r), 0);
  assert_int_equal(r.exit_code, 1);
  assert_non_null(strstr(r.err, "cannot connect to PostgreSQL"));
  run_result_free(&r);
  const char *bad[] = {SYMCHECK_BINARY, "serve", "--listen", "nowhere", NULL};
  assert_int_equal(run_process(bad, NULL, 30000, &r), 0);
  assert_int_equal(r.exit_code, 2);
  assert_non_null(strstr(r.err, "usage:"));
  run_result_free(&r);
}

int main(void) {
  signal(SIGPIPE, SIG_IGN);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_interview_matches_cli),
      cmocka_unit_test(test_steps_rank_in_brief_and_the_result_in_full),
      cmocka_unit_test(test_explain_lists_answers_for_and_against),
      cmocka_unit_test(test_bad_bodies_get_clear_errors),
      cmocka_unit_test(test_size_type_method_and_path_errors),
      cmocka_unit_test(test_content_routes),
      cmocka_unit_test(test_health_and_ready),
      cmocka_unit_test(test_openapi_describes_every_route),
      cmocka_unit_test(test_metrics_count_requests),
      cmocka_unit_test(test_rate_limit_answers_429),
      cmocka_unit_test(test_limits_and_cookies_behind_a_proxy),
      cmocka_unit_test(test_sigterm_finishes_request_in_flight),
      cmocka_unit_test(test_unreachable_postgresql_exits_1),
  };
  return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
