/*
 * test_helpful_stats.c - the helpful vote and the quiz statistics end to
 * end: the real `symcheck serve` on a loopback port with a real SQLite
 * file, driven like a browser (cookies kept between requests). A reader
 * votes Yes or No, votes again to change it, sees the count; forms without
 * the CSRF token and votes over the per-client limit are refused; the
 * database keeps only the hash of the voter cookie; a database that does
 * not answer refuses the vote (503) but never hides a quiz result. A finished web quiz is
 * counted once per browser, the API never; the article switches from the
 * pack's order to "most common among people who took this quiz" at the
 * minimum. The ordering rules (quiz_stats_order) are also checked alone on
 * a made-up complaint.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>
#include <sodium.h>
#include <sqlite3.h>

#include "http_client.h"
#include "quiz_stats.h"
#include "server_store.h"

#define ARTICLE "/symptoms/anal-mucus-discharge"
#define VOTE ARTICLE "/helpful"
#define COMPLAINT "anal-mucus-discharge"
#define FORM "application/x-www-form-urlencoded"
/* A quiz ended early with "finish": a result page (top condition ibs). */
#define RESULT "/quiz/" COMPLAINT "?age=30&sex=female&who=self&a=emergency_signs.X&finish=1"

/* --- a browser: the cookies it keeps ------------------------------------ */

typedef struct browser {
  char csrf[80];
  char voter[80];
  char quiz_counted[8];
} browser;

/* The value of cookie `name` the response sets, or false. */
static bool S_set_cookie(const http_response *r, const char *name, char *value, size_t size) {
  size_t length = strlen(name);
  for (const char *line = r->headers; line != NULL && *line != '\0';) {
    const char *next = strstr(line, "\r\n");
    if (strncasecmp(line, "Set-Cookie: ", 12) == 0 && strncmp(line + 12, name, length) == 0 &&
        line[12 + length] == '=') {
      const char *start = line + 12 + length + 1;
      size_t n = strcspn(start, ";\r\n");
      snprintf(value, size, "%.*s", (int)n, start);
      return true;
    }
    line = next != NULL ? next + 2 : NULL;
  }
  return false;
}

/* The whole Set-Cookie line for cookie `name`, or false. */
static bool S_set_cookie_line(const http_response *r, const char *name, char *line_out,
                              size_t size) {
  size_t length = strlen(name);
  for (const char *line = r->headers; line != NULL && *line != '\0';) {
    const char *next = strstr(line, "\r\n");
    if (strncasecmp(line, "Set-Cookie: ", 12) == 0 && strncmp(line + 12, name, length) == 0) {
      snprintf(line_out, size, "%.*s", (int)(next != NULL ? (size_t)(next - line) : strlen(line)),
               line);
      return true;
    }
    line = next != NULL ? next + 2 : NULL;
  }
  return false;
}

static void S_keep_cookies(browser *b, const http_response *r) {
  S_set_cookie(r, "symcheck_csrf", b->csrf, sizeof b->csrf);
  S_set_cookie(r, "symcheck_voter", b->voter, sizeof b->voter);
  S_set_cookie(r, "symcheck_quiz_counted", b->quiz_counted, sizeof b->quiz_counted);
}

/* Sends a request with the browser's cookies (NULL browser: none) and
   keeps the cookies the answer sets. */
static void S_send(const server_process *s, browser *b, const char *method, const char *path,
                   const char *content_type, const char *body, http_response *r) {
  char request[8192], cookies[512] = "";
  if (b != NULL) {
    snprintf(cookies, sizeof cookies, "Cookie: symcheck_csrf=%s; symcheck_voter=%s%s%s\r\n",
             b->csrf, b->voter, b->quiz_counted[0] ? "; symcheck_quiz_counted=" : "",
             b->quiz_counted);
  }
  int n = snprintf(request, sizeof request,
                   "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nConnection: close\r\n%s", method, path,
                   s->port, cookies);
  if (body != NULL) {
    n += snprintf(request + n, sizeof request - (size_t)n,
                  "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n%s", content_type, strlen(body),
                  body);
  } else {
    n += snprintf(request + n, sizeof request - (size_t)n, "\r\n");
  }
  assert_true(n > 0 && (size_t)n < sizeof request);
  assert_int_equal(http_raw(s->port, request, (size_t)n, r), 0);
  if (b != NULL) {
    S_keep_cookies(b, r);
  }
}

static void S_get(const server_process *s, browser *b, const char *path, int status,
                  http_response *r) {
  S_send(s, b, "GET", path, NULL, NULL, r);
  if (r->status != status) {
    fail_msg("GET %s answered %d, not %d:\n%s", path, r->status, status, r->body);
  }
}

/* Votes `answer` with the browser's own token; returns the status. */
static int S_vote(const server_process *s, browser *b, const char *answer) {
  char body[256];
  snprintf(body, sizeof body, "helpful=%s&csrf=%s", answer, b->csrf);
  http_response r;
  S_send(s, b, "POST", VOTE, FORM, body, &r);
  int status = r.status;
  if (status == 303) {
    char location[256];
    assert_true(http_header(&r, "Location", location, sizeof location));
    assert_string_equal(location, ARTICLE "?voted=1#helpful");
  }
  http_response_free(&r);
  return status;
}

/* A browser that has opened the article (and so holds its CSRF cookie). */
static browser S_new_browser(const server_process *s) {
  browser b = {0};
  http_response r;
  S_get(s, &b, ARTICLE, 200, &r);
  assert_int_equal(strlen(b.csrf), 64);
  http_response_free(&r);
  return b;
}

/* The article's "... found this helpful" line, as the browser sees it. */
static void S_count_line(const server_process *s, browser *b, char *line, size_t size) {
  http_response r;
  S_get(s, b, ARTICLE, 200, &r);
  const char *p = strstr(r.body, "<p class=\"helpful-count\">");
  assert_non_null(p);
  p += strlen("<p class=\"helpful-count\">");
  snprintf(line, size, "%.*s", (int)strcspn(p, "<"), p);
  http_response_free(&r);
}

static void S_count_is(const server_process *s, browser *b, const char *expected) {
  char line[256];
  S_count_line(s, b, line, sizeof line);
  assert_string_equal(line, expected);
}

/* --- fixtures ----------------------------------------------------------- */

static int S_setup(void **state) {
  static const char *const extra[] = {"--rate-limit", "0", NULL};
  return server_fixture_start(state, extra);
}

static int S_setup_small_limit(void **state) {
  static const char *const extra[] = {"--rate-limit", "0", "--vote-limit", "3", NULL};
  return server_fixture_start(state, extra);
}

static int S_teardown(void **state) {
  return server_fixture_stop(state);
}

/* The server's database, opened beside it (SQLite allows both). */
static srv_db *S_db(const server_process *s) {
  char url[256], why[256];
  snprintf(url, sizeof url, "sqlite:%s/db.sqlite", s->dir);
  srv_db *db = NULL;
  if (srv_db_open(url, &db, why, sizeof why) != SRV_DB_OK) {
    fail_msg("cannot open %s: %s", url, why);
  }
  return db;
}

/* --- the helpful vote --------------------------------------------------- */

static void test_vote_form_on_article(void **state) {
  server_process *s = *state;
  browser b = {0};
  http_response r;
  S_get(s, &b, ARTICLE, 200, &r);
  char line[512];
  assert_true(S_set_cookie_line(&r, "symcheck_csrf", line, sizeof line));
  assert_non_null(strstr(line, "HttpOnly"));
  assert_non_null(strstr(line, "SameSite=Strict"));
  const char *section = strstr(r.body, "<section id=\"helpful\"");
  assert_non_null(section);
  assert_non_null(strstr(section, "Was this article helpful?"));
  assert_non_null(
      strstr(section, "<form class=\"helpful-form\" method=\"post\" action=\"" VOTE "\""));
  char hidden[160];
  snprintf(hidden, sizeof hidden, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", b.csrf);
  assert_non_null(strstr(section, hidden));
  assert_non_null(strstr(section, "name=\"helpful\" value=\"yes\">Yes</button>"));
  assert_non_null(strstr(section, "name=\"helpful\" value=\"no\">No</button>"));
  assert_non_null(strstr(section, "No one has said yet that this article helped them."));
  assert_null(strstr(section, "Thank you"));
  assert_non_null(strstr(r.body, "symcheck is not a diagnosis."));
  http_response_free(&r);
}

static void test_vote_counts_and_replaces(void **state) {
  server_process *s = *state;
  browser first = S_new_browser(s);
  assert_int_equal(S_vote(s, &first, "yes"), 303);
  assert_int_equal(strlen(first.voter), 64);
  S_count_is(s, &first, "1 person found this helpful.");

  /* after the vote: thanks, and the voter cookie as the contract says */
  http_response r;
  S_get(s, &first, ARTICLE "?voted=1", 200, &r);
  assert_non_null(strstr(r.body, "<p class=\"helpful-thanks\" role=\"status\">Thank you"));
  http_response_free(&r);

  /* voting again replaces the vote: No takes the Yes away */
  char voter[80];
  snprintf(voter, sizeof voter, "%s", first.voter);
  assert_int_equal(S_vote(s, &first, "no"), 303);
  assert_string_equal(first.voter, voter); /* same browser, same id */
  S_count_is(s, &first, "No one has said yet that this article helped them.");
  assert_int_equal(S_vote(s, &first, "yes"), 303);
  assert_int_equal(S_vote(s, &first, "yes"), 303);
  S_count_is(s, &first, "1 person found this helpful.");

  /* other browsers add their own votes */
  browser second = S_new_browser(s), third = S_new_browser(s);
  assert_int_equal(S_vote(s, &second, "yes"), 303);
  assert_int_equal(S_vote(s, &third, "no"), 303);
  assert_string_not_equal(second.voter, first.voter);
  S_count_is(s, &third, "2 people found this helpful.");

  /* another article has its own count */
  S_get(s, &first, "/symptoms/rectal-bleeding", 200, &r);
  assert_non_null(strstr(r.body, "No one has said yet that this article helped them."));
  http_response_free(&r);

  srv_db *db = S_db(s);
  int64_t yes = -1, no = -1;
  assert_int_equal(srv_store_vote_counts(db, COMPLAINT, &yes, &no), SRV_STORE_OK);
  assert_int_equal(yes, 2);
  assert_int_equal(no, 1);
  srv_db_close(db);
}

static void test_voter_cookie_and_hash(void **state) {
  server_process *s = *state;
  browser b = S_new_browser(s);
  char body[256];
  snprintf(body, sizeof body, "helpful=yes&csrf=%s", b.csrf);
  http_response r;
  S_send(s, &b, "POST", VOTE, FORM, body, &r);
  assert_int_equal(r.status, 303);
  char line[512];
  assert_true(S_set_cookie_line(&r, "symcheck_voter", line, sizeof line));
  assert_non_null(strstr(line, "Max-Age=31536000"));
  assert_non_null(strstr(line, "HttpOnly"));
  assert_non_null(strstr(line, "SameSite=Strict"));
  http_response_free(&r);
  assert_int_equal(strspn(b.voter, "0123456789abcdef"), 64);

  /* the database (and its write-ahead log) holds the SHA-256 of the id,
     never the id itself */
  unsigned char digest[crypto_hash_sha256_BYTES];
  char hash[crypto_hash_sha256_BYTES * 2 + 1];
  assert_true(sodium_init() >= 0);
  crypto_hash_sha256(digest, (const unsigned char *)b.voter, 64);
  sodium_bin2hex(hash, sizeof hash, digest, sizeof digest);
  bool hash_found = false;
  static const char *const files[] = {"db.sqlite", "db.sqlite-wal"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    char path[256];
    snprintf(path, sizeof path, "%s/%s", s->dir, files[i]);
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
      continue;
    }
    size_t size = 64u << 20, n;
    char *bytes = malloc(size);
    n = fread(bytes, 1, size, f);
    fclose(f);
    assert_null(memmem(bytes, n, b.voter, 64));
    hash_found = hash_found || memmem(bytes, n, hash, 64) != NULL;
    free(bytes);
  }
  assert_true(hash_found);
  /* and the log has no trace of the request but its route and status */
  char *log = server_log(s);
  assert_null(strstr(log, b.voter));
  assert_null(strstr(log, "127.0.0.1"));
  assert_non_null(strstr(log, "POST /symptoms/{slug}/helpful 303"));
  free(log);
}

static void test_vote_refused(void **state) {
  server_process *s = *state;
  browser b = S_new_browser(s);
  S_count_is(s, &b, "No one has said yet that this article helped them.");
  http_response r;

  /* no CSRF cookie (another site's form): 403 with a page saying why */
  char body[256];
  snprintf(body, sizeof body, "helpful=yes&csrf=%s", b.csrf);
  S_send(s, NULL, "POST", VOTE, FORM, body, &r);
  assert_int_equal(r.status, 403);
  assert_non_null(strstr(r.body, "security code"));
  assert_non_null(strstr(r.body, "symcheck is not a diagnosis."));
  http_response_free(&r);

  /* a token that is not the browser's, or none */
  S_send(s, &b, "POST", VOTE, FORM,
         "helpful=yes&csrf=0000000000000000000000000000000000000000000000000000000000000000", &r);
  assert_int_equal(r.status, 403);
  http_response_free(&r);
  S_send(s, &b, "POST", VOTE, FORM, "helpful=yes", &r);
  assert_int_equal(r.status, 403);
  http_response_free(&r);

  /* an answer the form does not offer */
  assert_int_equal(S_vote(s, &b, "maybe"), 400);
  assert_int_equal(S_vote(s, &b, ""), 400);

  /* an article that does not exist, a body that is not a form, a GET */
  snprintf(body, sizeof body, "helpful=yes&csrf=%s", b.csrf);
  S_send(s, &b, "POST", "/symptoms/no-such-symptom/helpful", FORM, body, &r);
  assert_int_equal(r.status, 404);
  http_response_free(&r);
  S_send(s, &b, "POST", VOTE, "application/json", "{\"helpful\": \"yes\"}", &r);
  assert_int_equal(r.status, 415);
  http_response_free(&r);
  S_send(s, &b, "GET", VOTE, NULL, NULL, &r);
  assert_int_equal(r.status, 405);
  http_response_free(&r);

  assert_string_equal(b.voter, ""); /* nothing refused handed out an id */
  S_count_is(s, &b, "No one has said yet that this article helped them.");
}

static void test_vote_limit_per_client(void **state) {
  server_process *s = *state;
  browser b = S_new_browser(s);
  for (int i = 0; i < 3; i++) {
    assert_int_equal(S_vote(s, &b, i % 2 == 0 ? "yes" : "no"), 303);
  }
  /* the fourth within the hour, even from a fresh browser on the same
     address, is refused with a page and Retry-After */
  browser other = S_new_browser(s);
  char body[256];
  snprintf(body, sizeof body, "helpful=no&csrf=%s", other.csrf);
  http_response r;
  S_send(s, &other, "POST", VOTE, FORM, body, &r);
  assert_int_equal(r.status, 429);
  char retry[32];
  assert_true(http_header(&r, "Retry-After", retry, sizeof retry));
  assert_true(atoi(retry) >= 1);
  assert_non_null(strstr(r.body, "Too many answers"));
  assert_non_null(strstr(r.body, "symcheck is not a diagnosis."));
  http_response_free(&r);
  S_count_is(s, &b, "1 person found this helpful."); /* the third vote (yes) stands */
}

/* While another process holds the database's write lock past the
   server's busy timeout, a vote answers 503 with a clear page and a quiz
   result is still shown (only its count is lost); then all works again. */
static void test_database_not_answering(void **state) {
  server_process *s = *state;
  browser b = S_new_browser(s);
  char path[256];
  snprintf(path, sizeof path, "%s/db.sqlite", s->dir);
  sqlite3 *lock = NULL;
  assert_int_equal(sqlite3_open(path, &lock), SQLITE_OK);
  assert_int_equal(sqlite3_exec(lock, "BEGIN EXCLUSIVE", NULL, NULL, NULL), SQLITE_OK);

  char body[256];
  snprintf(body, sizeof body, "helpful=yes&csrf=%s", b.csrf);
  http_response r;
  S_send(s, &b, "POST", VOTE, FORM, body, &r);
  assert_int_equal(r.status, 503);
  assert_non_null(strstr(r.body, "The database is not answering; your answer was not saved"));
  http_response_free(&r);
  browser quiz = {0};
  S_get(s, &quiz, RESULT, 200, &r);
  assert_non_null(strstr(r.body, "Your results"));
  http_response_free(&r);
  assert_string_equal(quiz.quiz_counted, ""); /* not counted, so not marked */

  assert_int_equal(sqlite3_exec(lock, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close(lock);
  char *log = server_log(s);
  assert_non_null(strstr(log, "a completed quiz was not counted: the database did not answer"));
  free(log);
  assert_int_equal(S_vote(s, &b, "yes"), 303);
  S_count_is(s, &b, "1 person found this helpful.");
  S_get(s, &quiz, RESULT, 200, &r);
  http_response_free(&r);
  assert_string_equal(quiz.quiz_counted, "1");
}

/* --- quiz statistics ---------------------------------------------------- */

/* Completed quizzes the store holds for the complaint. */
static int64_t S_quiz_total(const server_process *s) {
  srv_db *db = S_db(s);
  srv_condition_counts counts = {0};
  assert_int_equal(srv_store_quiz_top(db, COMPLAINT, &counts), SRV_STORE_OK);
  int64_t total = 0;
  for (size_t i = 0; i < counts.count; i++) {
    total += counts.items[i].count;
  }
  srv_condition_counts_free(&counts);
  srv_db_close(db);
  return total;
}

static void test_quiz_counted_once_per_browser(void **state) {
  server_process *s = *state;
  assert_int_equal(S_quiz_total(s), 0);
  browser b = {0};
  http_response r;
  /* the profile page and a question are not the end of a quiz */
  S_get(s, &b, "/quiz/" COMPLAINT, 200, &r);
  http_response_free(&r);
  S_get(s, &b, "/quiz/" COMPLAINT "?age=30&sex=female&who=self&a=", 200, &r);
  assert_null(strstr(r.body, "Your results"));
  http_response_free(&r);
  assert_string_equal(b.quiz_counted, "");
  assert_int_equal(S_quiz_total(s), 0);

  /* the result is counted, and says so to the browser for a day */
  S_get(s, &b, RESULT, 200, &r);
  assert_non_null(strstr(r.body, "Your results"));
  char line[512];
  assert_true(S_set_cookie_line(&r, "symcheck_quiz_counted", line, sizeof line));
  assert_non_null(strstr(line, "Path=/quiz/" COMPLAINT));
  assert_non_null(strstr(line, "Max-Age=86400"));
  assert_non_null(strstr(line, "HttpOnly"));
  http_response_free(&r);
  assert_int_equal(S_quiz_total(s), 1);

  /* reloading it, its summary, or another result the same day: no more */
  S_get(s, &b, RESULT, 200, &r);
  assert_false(S_set_cookie_line(&r, "symcheck_quiz_counted", line, sizeof line));
  http_response_free(&r);
  S_get(s, &b, "/quiz/" COMPLAINT "/summary?age=30&sex=female&who=self&a=emergency_signs.X", 200,
        &r);
  http_response_free(&r);
  S_get(s, &b,
        "/quiz/" COMPLAINT "?age=30&sex=female&who=self&a=&q=emergency_signs&v=selected"
        "&opt=heavy_bleeding",
        200, &r);
  assert_non_null(strstr(r.body, "Go to an emergency department now"));
  http_response_free(&r);
  assert_int_equal(S_quiz_total(s), 1);

  /* another browser's emergency advice ends its quiz too, and counts with
     its triage level */
  browser other = {0};
  S_get(s, &other,
        "/quiz/" COMPLAINT "?age=30&sex=female&who=self&a=&q=emergency_signs&v=selected"
        "&opt=heavy_bleeding",
        200, &r);
  http_response_free(&r);
  assert_string_equal(other.quiz_counted, "1");
  assert_int_equal(S_quiz_total(s), 2);

  /* a finished interview through the API is never counted */
  const char *api = "{\"profile\": {\"age\": 30, \"sex\": \"female\"}, \"complaint\": \"" COMPLAINT
                    "\", \"answers\": [{\"id\": \"emergency_signs\", \"value\": "
                    "[\"heavy_bleeding\"]}]}";
  assert_int_equal(
      http_request(s->port, "POST", "/api/v1/interview", "application/json", api, strlen(api), &r),
      0);
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(r.body, "\"status\":\"result\""));
  http_response_free(&r);
  assert_int_equal(S_quiz_total(s), 2);
  /* the log says nothing of the answers */
  char *log = server_log(s);
  assert_null(strstr(log, "heavy_bleeding"));
  assert_null(strstr(log, "age=30"));
  free(log);
}

/* The ids of the article's condition cards, in page order, joined by
   spaces; and whether the page says they are ordered by the quiz. */
static bool S_card_order(const server_process *s, char *ids, size_t size) {
  http_response r;
  S_get(s, NULL, ARTICLE, 200, &r);
  ids[0] = '\0';
  size_t used = 0;
  for (const char *p = strstr(r.body, "<h3 id=\"card-"); p != NULL;
       p = strstr(p + 1, "<h3 id=\"card-")) {
    p += strlen("<h3 id=\"card-");
    int n = snprintf(ids + used, size - used, "%s%.*s", used ? " " : "", (int)strcspn(p, "\""), p);
    used += (size_t)n;
  }
  bool by_quiz = strstr(r.body, "most common among people who took this quiz first") != NULL;
  bool by_sources = strstr(r.body, "most common first, according to the medical sources") != NULL;
  assert_true(by_quiz != by_sources);
  http_response_free(&r);
  return by_quiz;
}

/* The n-th (from 0) space-separated id of `ids`. */
static void S_nth(const char *ids, size_t n, char *out, size_t size) {
  const char *p = ids;
  for (size_t i = 0; i < n && p != NULL; i++) {
    p = strchr(p, ' ');
    p = p != NULL ? p + 1 : NULL;
  }
  assert_non_null(p);
  snprintf(out, size, "%.*s", (int)strcspn(p, " "), p);
}

static void S_add_counts(const server_process *s, const char *condition, int times) {
  srv_db *db = S_db(s);
  for (int i = 0; i < times; i++) {
    assert_int_equal(srv_store_quiz_count(db, "2026-01-15", COMPLAINT, condition, "primary_care"),
                     SRV_STORE_OK);
  }
  srv_db_close(db);
}

static void test_article_order_switches_at_minimum(void **state) {
  server_process *s = *state;
  char priors[1024], now[1024], last[64], before_last[64], expected[1100];
  assert_false(S_card_order(s, priors, sizeof priors));
  size_t cards = 1;
  for (const char *p = priors; (p = strchr(p, ' ')) != NULL; p++) {
    cards++;
  }
  assert_true(cards >= 4);
  S_nth(priors, cards - 1, last, sizeof last);
  S_nth(priors, cards - 2, before_last, sizeof before_last);
  assert_string_not_equal(last, "ibs"); /* the quiz below puts ibs on top */

  /* 18 quizzes had the least likely condition on top, one person finished
     the quiz on the site: 19 in all, still the pack's order */
  S_add_counts(s, last, 18);
  browser b = {0};
  http_response r;
  S_get(s, &b, RESULT, 200, &r);
  http_response_free(&r);
  assert_int_equal(S_quiz_total(s), 19);
  assert_false(S_card_order(s, now, sizeof now));
  assert_string_equal(now, priors);

  /* the 20th quiz switches the article to the counts */
  browser other = {0};
  S_get(s, &other, RESULT, 200, &r);
  http_response_free(&r);
  assert_int_equal(S_quiz_total(s), 20);
  assert_true(S_card_order(s, now, sizeof now));
  S_nth(now, 0, expected, sizeof expected);
  assert_string_equal(expected, last);

  /* 4 people are not enough to move a condition (ibs has 2, the one before
     last gets 4): the rest keep the pack's order */
  S_add_counts(s, before_last, 4);
  assert_true(S_card_order(s, now, sizeof now));
  char rest[1024] = "";
  for (size_t i = 0; i + 1 < cards; i++) {
    char id[64];
    S_nth(priors, i, id, sizeof id);
    size_t used = strlen(rest);
    snprintf(rest + used, sizeof rest - used, " %s", id);
  }
  snprintf(expected, sizeof expected, "%s%s", last, rest);
  assert_string_equal(now, expected);
  /* the 5th moves it up, behind the one with more */
  S_add_counts(s, before_last, 1);
  assert_true(S_card_order(s, now, sizeof now));
  char second[64];
  S_nth(now, 1, second, sizeof second);
  assert_string_equal(second, before_last);
}

/* --- the ordering rules alone ------------------------------------------- */

static void S_order_is(const symcheck_complaint *complaint, const srv_condition_counts *counts,
                       bool decided, const char *expected) {
  const symcheck_condition *order[8] = {0};
  assert_int_equal(quiz_stats_order(complaint, counts, order), decided);
  char ids[128] = "";
  for (size_t i = 0; i < complaint->condition_count; i++) {
    size_t used = strlen(ids);
    snprintf(ids + used, sizeof ids - used, "%s%s", i ? " " : "", order[i]->id);
  }
  assert_string_equal(ids, expected);
}

static void test_order_rules(void **state) {
  (void)state;
  symcheck_condition a = {.index = 0, .id = "a", .prior = 0.2},
                     b = {.index = 1, .id = "b", .prior = 0.4},
                     c = {.index = 2, .id = "c", .prior = 0.3},
                     d = {.index = 3, .id = "d", .prior = 0.1};
  const symcheck_condition *list[] = {&a, &b, &c, &d};
  symcheck_complaint complaint = {.id = "x", .condition_count = 4, .conditions = list};
  /* no counts, or too few: the priors */
  S_order_is(&complaint, NULL, false, "b c a d");
  srv_condition_count few[] = {{"d", 19}};
  S_order_is(&complaint, &(srv_condition_counts){1, few}, false, "b c a d");
  /* enough quizzes, but no condition had 5: still the priors */
  srv_condition_count spread[] = {{"d", 4}, {"a", 4}, {"c", 4}, {"gone", 4}, {"b", 4}};
  S_order_is(&complaint, &(srv_condition_counts){5, spread}, false, "b c a d");
  /* steps of 5: 14 and 10 tie (2 steps) and fall back to the priors;
     3 is no step at all */
  srv_condition_count counted[] = {{"d", 14}, {"a", 10}, {"c", 3}};
  S_order_is(&complaint, &(srv_condition_counts){3, counted}, true, "a d b c");
  srv_condition_count more[] = {{"d", 15}, {"a", 10}, {"c", 3}};
  S_order_is(&complaint, &(srv_condition_counts){3, more}, true, "d a b c");
}

int main(void) {
  const struct CMUnitTest votes[] = {
      cmocka_unit_test(test_vote_form_on_article),
      cmocka_unit_test(test_vote_counts_and_replaces),
  };
  const struct CMUnitTest one_vote[] = {
      cmocka_unit_test(test_voter_cookie_and_hash),
  };
  const struct CMUnitTest refused[] = {
      cmocka_unit_test(test_vote_refused),
  };
  const struct CMUnitTest busy[] = {
      cmocka_unit_test(test_database_not_answering),
  };
  const struct CMUnitTest limited[] = {
      cmocka_unit_test(test_vote_limit_per_client),
  };
  const struct CMUnitTest quiz[] = {
      cmocka_unit_test(test_quiz_counted_once_per_browser),
  };
  const struct CMUnitTest order[] = {
      cmocka_unit_test(test_article_order_switches_at_minimum),
  };
  const struct CMUnitTest rules[] = {
      cmocka_unit_test(test_order_rules),
  };
  int failed = cmocka_run_group_tests_name("votes", votes, S_setup, S_teardown);
  failed += cmocka_run_group_tests_name("voter id", one_vote, S_setup, S_teardown);
  failed += cmocka_run_group_tests_name("refused votes", refused, S_setup, S_teardown);
  failed += cmocka_run_group_tests_name("database busy", busy, S_setup, S_teardown);
  failed += cmocka_run_group_tests_name("vote limit", limited, S_setup_small_limit, S_teardown);
  failed += cmocka_run_group_tests_name("quiz counts", quiz, S_setup, S_teardown);
  failed += cmocka_run_group_tests_name("article order", order, S_setup, S_teardown);
  failed += cmocka_run_group_tests_name("order rules", rules, NULL, NULL);
  return failed;
}
