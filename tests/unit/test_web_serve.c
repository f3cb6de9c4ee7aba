/*
 * test_web_serve.c - the web pages as `symcheck serve` sends them (the
 * real binary on a loopback port): status, content type and the security
 * headers on each page, the static files and nothing else under /static/,
 * repeated checkbox parameters reaching the quiz as one multi answer, and
 * the FHIR file sent as a download. The browser tests (tests/browser/)
 * drive the same pages in chromium; this runs in every ctest pass,
 * including the sanitizer build.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "http_client.h"

static const char *const S_NO_LIMIT[] = {"--rate-limit", "0", NULL};

static int S_setup(void **state) {
  return server_fixture_start(state, S_NO_LIMIT);
}

static int S_teardown(void **state) {
  return server_fixture_stop(state);
}

static void S_header_is(const http_response *r, const char *name, const char *prefix) {
  char value[512];
  if (!http_header(r, name, value, sizeof value)) {
    fail_msg("no %s header", name);
  }
  if (strncmp(value, prefix, strlen(prefix)) != 0) {
    fail_msg("%s is \"%s\", not \"%s...\"", name, value, prefix);
  }
}

/* GETs path and checks an HTML page of that status with every header. */
static void S_page(const server_process *s, const char *path, int status, http_response *r) {
  assert_int_equal(http_request(s->port, "GET", path, NULL, NULL, 0, r), 0);
  if (r->status != status) {
    fail_msg("GET %s answered %d, not %d:\n%s", path, r->status, status, r->body);
  }
  S_header_is(r, "Content-Type", "text/html; charset=utf-8");
  S_header_is(r, "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src");
  S_header_is(r, "X-Content-Type-Options", "nosniff");
  S_header_is(r, "Referrer-Policy", "no-referrer");
  S_header_is(r, "Cache-Control", "no-store");
  assert_true(r->body_length < 100 * 1024);
  assert_non_null(strstr(r->body, "symcheck is not a diagnosis."));
}

static void test_pages_with_headers(void **state) {
  server_process *s = *state;
  static const char *const paths[] = {"/",
                                      "/?q=blood+in+poo",
                                      "/symptoms/anal-mucus-discharge",
                                      "/conditions/anorectal/ibs",
                                      "/quiz/anal-mucus-discharge",
                                      "/quiz/anal-mucus-discharge?age=30&sex=female&a=",
                                      "/quiz/anal-mucus-discharge/summary?age=30&sex=female&a=",
                                      "/quiz/symptom-not-listed?age=30&sex=female&a="};
  for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
    http_response r;
    S_page(s, paths[i], 200, &r);
    http_response_free(&r);
  }
  http_response r;
  S_page(s, "/symptoms/not-a-symptom", 404, &r);
  http_response_free(&r);
  /* A mistyped address outside the API gets the same page, not JSON. */
  S_page(s, "/symptom/anal-mucus-discharge", 404, &r);
  assert_non_null(strstr(r.body, "href=\"/\""));
  http_response_free(&r);
  S_page(s, "/quiz/anal-mucus-discharge?age=30&sex=female&a=nonsense", 400, &r);
  http_response_free(&r);
}

static void test_search_finds_mucus(void **state) {
  server_process *s = *state;
  http_response r;
  S_page(s, "/?q=slime%20from%20bum", 200, &r);
  const char *matches = strstr(r.body, "Symptoms matching");
  assert_non_null(matches);
  assert_non_null(strstr(matches, "<li><a href=\"/symptoms/anal-mucus-discharge\">"));
  http_response_free(&r);
}

static void test_search_ranks_across_packs_and_offers_closest(void **state) {
  server_process *s = *state;
  http_response r;
  /* Chest pain: the DDXPlus lay complaint first, anal pain not among them. */
  S_page(s, "/?q=chest+pain", 200, &r);
  const char *matches = strstr(r.body, "Symptoms matching");
  assert_non_null(matches);
  const char *all = strstr(matches, "All symptoms");
  assert_non_null(all);
  const char *first = strstr(matches, "<li><a href=\"/");
  assert_non_null(first);
  assert_true(strncmp(first, "<li><a href=\"/symptoms/chest-pain\">", 35) == 0);
  const char *anal = strstr(matches, "/symptoms/anal-pain\"");
  assert_true(anal == NULL || anal > all);
  http_response_free(&r);
  /* Elbow pain: nothing matches (joint pain is the limbs pack's now); the
     general entry, then the closest. */
  S_page(s, "/?q=elbow+pain", 200, &r);
  assert_non_null(strstr(r.body, "Nothing matched"));
  const char *general = strstr(r.body, "Still not there?");
  assert_non_null(general);
  assert_non_null(strstr(general, "href=\"/quiz/symptom-not-listed\""));
  assert_non_null(strstr(general, "<ul class=\"complaints closest\">"));
  http_response_free(&r);
}

/* The home page lists every pack's complaints in one list by body area,
   under their lay names, and the general entry on its own. */
static void test_home_lists_complaints_by_body_area(void **state) {
  server_process *s = *state;
  http_response r;
  S_page(s, "/", 200, &r);
  /* one list for every pack, by body area: the bowel complaints of the
     anorectal pack sit in the same group as DDXPlus's, sorted by name */
  const char *belly = strstr(r.body, "<h3 class=\"group\">Belly and bowels</h3>");
  const char *chest = strstr(r.body, "<h3 class=\"group\">Chest and breathing</h3>");
  assert_non_null(belly);
  assert_non_null(chest);
  assert_null(strstr(belly + 1, "<h3 class=\"group\">Belly and bowels</h3>"));
  const char *end = strstr(belly, "</ul>");
  const char *black = strstr(belly, ">Black poo</a>");
  const char *mucus = strstr(belly, "/symptoms/anal-mucus-discharge\">Mucus discharge");
  assert_non_null(black);
  assert_non_null(mucus);
  assert_true(black < mucus && mucus < end);
  /* the respiratory pack's Cough, and DDXPlus's (listed: false) nowhere */
  const char *cough = strstr(chest, "<li><a href=\"/symptoms/cough\">Cough</a></li>");
  assert_null(strstr(r.body, "/symptoms/e-201\""));
  assert_non_null(cough);
  const char *next = strstr(chest + 1, "<h3 class=\"group\">");
  assert_true(next == NULL || cough < next);
  assert_null(strstr(r.body, "Do you have"));
  assert_null(strstr(r.body, "Avez"));
  assert_null(strstr(r.body, "<summary>"));
  /* the general entry is offered on its own, not inside a group */
  assert_null(strstr(r.body, "<li><a href=\"/symptoms/symptom-not-listed\">"));
  assert_non_null(
      strstr(r.body, "<a href=\"/quiz/symptom-not-listed\">My symptom is not listed</a>"));
  assert_null(strstr(r.body, "<h3 class=\"group\">Other</h3>"));
  http_response_free(&r);
}

static void test_checkboxes_make_one_answer(void **state) {
  server_process *s = *state;
  http_response r;
  /* two boxes of the warning-signs question, as a browser sends them, once
     the safety check and the emergency signs are answered */
  S_page(s,
         "/quiz/anal-mucus-discharge?age=30&sex=female&who=self"
         "&a=screen_emergency.X~temperature.U~screen_urgent.X~emergency_signs.X"
         "&q=warning_signs&v=selected&opt=black_stool&opt=severe_anal_pain",
         200, &r);
  static const char expected[] = "screen_emergency.X~temperature.U~screen_urgent.X~emergency_"
                                 "signs.X~warning_signs.black_stool-severe_anal_pain\"";
  const char *a = strstr(r.body, "name=\"a\" value=\"");
  assert_non_null(a);
  if (strncmp(a + 16, expected, strlen(expected)) != 0) {
    fail_msg("the answers are %.200s, not %s", a + 16, expected);
  }
  http_response_free(&r);
}

static void test_static_files_only(void **state) {
  server_process *s = *state;
  static const char *const files[][2] = {{"/static/site.css", "text/css"},
                                         {"/static/app.js", "text/javascript"},
                                         {"/static/favicon.svg", "image/svg+xml"}};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    http_response r;
    assert_int_equal(http_request(s->port, "GET", files[i][0], NULL, NULL, 0, &r), 0);
    assert_int_equal(r.status, 200);
    S_header_is(&r, "Content-Type", files[i][1]);
    assert_true(r.body_length > 100);
    http_response_free(&r);
  }
  static const char *const refused[] = {"/static/../CMakeLists.txt", "/static/templates",
                                        "/static/", "/static/site.css/x"};
  for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
    http_response r;
    assert_int_equal(http_request(s->port, "GET", refused[i], NULL, NULL, 0, &r), 0);
    assert_int_equal(r.status, 404);
    assert_null(strstr(r.body, "cmake_minimum_required"));
    http_response_free(&r);
  }
}

static void test_fhir_download(void **state) {
  server_process *s = *state;
  http_response r;
  assert_int_equal(http_request(s->port, "GET",
                                "/quiz/anal-mucus-discharge/fhir?age=30&sex=female&a=diarrhoea.N",
                                NULL, NULL, 0, &r),
                   0);
  assert_int_equal(r.status, 200);
  S_header_is(&r, "Content-Type", "application/fhir+json");
  S_header_is(&r, "Content-Disposition", "attachment; filename=\"");
  json_t *bundle = json_loads(r.body, 0, NULL);
  assert_non_null(bundle);
  assert_string_equal(json_string_value(json_object_get(bundle, "resourceType")), "Bundle");
  json_decref(bundle);
  http_response_free(&r);
}

/* The DDXPlus pack for people: a complaint without a written article has
   no article page, only its quiz; the pain scale names its ends; where it
   hurts is a short list of the person's own body. */
static void test_ddxplus_pages_for_people(void **state) {
  server_process *s = *state;
  http_response r;
  assert_int_equal(http_request(s->port, "GET", "/symptoms/e-53", NULL, NULL, 0, &r), 0);
  assert_int_equal(r.status, 303);
  S_header_is(&r, "Location", "/quiz/e-53");
  http_response_free(&r);
  /* A written article: its causes, emergency signs and references, and as
     cards the conditions the chest pain quiz starts from, not all 49. */
  S_page(s, "/symptoms/chest-pain", 200, &r);
  assert_non_null(strstr(r.body, "When it is an emergency"));
  assert_non_null(strstr(r.body, "https://www.nice.org.uk/guidance/cg95"));
  assert_non_null(strstr(r.body, "id=\"card-possible_nstemi_stemi\""));
  assert_null(strstr(r.body, "id=\"card-ebola\""));
  assert_null(strstr(r.body, "id=\"card-chagas\""));
  assert_non_null(strstr(r.body, "considers most likely for this symptom before your answers"));
  http_response_free(&r);
  S_page(s, "/symptoms/e-201", 200, &r); /* a cough: no Ebola, Boerhaave or Chagas card */
  assert_non_null(strstr(r.body, "https://www.nice.org.uk/guidance/ng120"));
  assert_null(strstr(r.body, "id=\"card-ebola\""));
  assert_null(strstr(r.body, "id=\"card-boerhaave\""));
  assert_null(strstr(r.body, "id=\"card-chagas\""));
  http_response_free(&r);

  S_page(s, "/quiz/e-53?age=30&sex=female&who=self&a=e_56.level_5~e_58.one_spot&edit=e_56", 200,
         &r);
  assert_non_null(strstr(r.body, ">0<span class=\"scale-end\">: No pain</span></button>"));
  assert_non_null(
      strstr(r.body, ">10<span class=\"scale-end\">: Worst pain imaginable</span></button>"));
  http_response_free(&r);

  S_page(s, "/quiz/e-53?age=30&sex=female&who=self&a=e_55.chest~e_58.one_spot&edit=e_55", 200, &r);
  assert_non_null(strstr(r.body, "Chest (front or sides"));
  assert_non_null(strstr(r.body, "Genitals (vulva or vagina)"));
  assert_null(strstr(r.body, "penis"));
  assert_null(strstr(r.body, "iliac"));
  http_response_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_pages_with_headers),
      cmocka_unit_test(test_search_finds_mucus),
      cmocka_unit_test(test_search_ranks_across_packs_and_offers_closest),
      cmocka_unit_test(test_home_lists_complaints_by_body_area),
      cmocka_unit_test(test_checkboxes_make_one_answer),
      cmocka_unit_test(test_static_files_only),
      cmocka_unit_test(test_fhir_download),
      cmocka_unit_test(test_ddxplus_pages_for_people),
  };
  return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
