/*
 * test_db_faults.c - what readers notice when the database has trouble,
 * end to end: the real `symcheck serve` on loopback, and a PostgreSQL of
 * this test's own (scripts/pg-test-server.sh) that it stops and starts.
 *  - PostgreSQL stops: /readyz says 503, the article still shows, and a
 *    story gets a 503 page that says it was not saved; PostgreSQL starts
 *    again: the same server process takes stories and is ready, without
 *    a restart.
 *  - The server is killed (SIGKILL) in the middle of a burst of stories:
 *    every story that was answered 303 is in the database afterwards, on
 *    SQLite and on PostgreSQL.
 *  - Two servers share one PostgreSQL (started together, so they race to
 *    migrate it): stories and votes sent to either show on both.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "http_client.h"
#include "pg_database.h"
#include "run_process.h"
#include "server_store.h"
#include "temp_dir.h"

#define SLUG "anal-mucus-discharge"
#define ARTICLE "/symptoms/" SLUG
#define CSRF "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00"
#define SCRIPT SYMCHECK_SOURCE_DIR "/scripts/pg-test-server.sh"
#define BODY "Mucus for a week, then it stopped."
#define NOT_SAVED "your story was not saved"

/* The PostgreSQL this program runs: its folder, port and URL. */
static char S_pg_dir[128];
static char S_pg_port[16];
static char S_pg_url[256];

/* Runs scripts/pg-test-server.sh ACTION S_pg_dir [PORT]; its stdout is
   copied to `out` (may be NULL). */
static void S_pg(const char *action, const char *port, char *out, size_t size) {
  const char *argv[] = {SCRIPT, action, S_pg_dir, port, NULL};
  run_result r;
  assert_int_equal(run_process(argv, NULL, 60000, &r), 0);
  if (r.exit_code != 0) {
    fail_msg("pg-test-server.sh %s failed: %s", action, r.err);
  }
  if (out != NULL) {
    snprintf(out, size, "%.*s", (int)strcspn(r.out, "\n"), r.out);
  }
  run_result_free(&r);
}

static int S_group_setup(void **state) {
  (void)state;
  if (!temp_dir_make(S_pg_dir, sizeof S_pg_dir, "faults")) {
    return -1;
  }
  S_pg("start", NULL, S_pg_url, sizeof S_pg_url);
  const char *port = strrchr(S_pg_url, ':');
  snprintf(S_pg_port, sizeof S_pg_port, "%d", port != NULL ? atoi(port + 1) : 0);
  return 0;
}

static int S_group_teardown(void **state) {
  (void)state;
  S_pg("remove", NULL, NULL, 0);
  return 0;
}

/* A database of the test's own on this program's PostgreSQL. */
static void S_fresh_database(const char *name, char *url, size_t size) {
  if (!pg_database_create(S_pg_url, name, url, size)) {
    fail_msg("cannot create the database %s", name);
  }
}

/* --- HTTP ------------------------------------------------------------- */

/* Form encoding of a value made of letters, digits and spaces. */
static void S_encode(char *out, size_t size, const char *text) {
  size_t n = 0;
  for (const char *p = text; *p != '\0' && n + 1 < size; p++) {
    out[n++] = *p == ' ' ? '+' : *p;
  }
  out[n] = '\0';
}

/* POSTs a form with the CSRF cookie (and `cookie`, may be ""); returns
   the status, 0 when no answer came (the server is gone). */
static int S_post(unsigned port, const char *path, const char *form, const char *cookie,
                  http_response *r) {
  char request[4096];
  int n = snprintf(request, sizeof request,
                   "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                   "Cookie: symcheck_csrf=" CSRF "%s\r\n"
                   "Content-Type: application/x-www-form-urlencoded\r\n"
                   "Content-Length: %zu\r\n\r\n%s",
                   path, cookie, strlen(form), form);
  if (http_raw(port, request, (size_t)n, r) != 0) {
    return 0;
  }
  return r->status;
}

static int S_share(unsigned port, const char *title, http_response *r) {
  char form[1024], t[256], b[256];
  S_encode(t, sizeof t, title);
  S_encode(b, sizeof b, BODY);
  snprintf(form, sizeof form, "title=%s&story=%s&initial=R&consent=yes&website=&csrf=" CSRF, t, b);
  return S_post(port, ARTICLE "/stories", form, "", r);
}

/* Shares a story and forgets the answer; its status. */
static int S_share_status(unsigned port, const char *title) {
  http_response r = {0};
  int status = S_share(port, title, &r);
  http_response_free(&r);
  return status;
}

/* Votes as the browser whose voter cookie is `voter` (64 hex digits). */
static int S_vote(unsigned port, const char *voter, bool helpful) {
  char cookie[128];
  snprintf(cookie, sizeof cookie, "; symcheck_voter=%s", voter);
  http_response r = {0};
  int status = S_post(port, ARTICLE "/helpful",
                      helpful ? "helpful=yes&csrf=" CSRF : "helpful=no&csrf=" CSRF, cookie, &r);
  http_response_free(&r);
  return status;
}

static int S_get(unsigned port, const char *path, char **body) {
  http_response r;
  if (http_request(port, "GET", path, NULL, NULL, 0, &r) != 0) {
    return 0;
  }
  int status = r.status;
  if (body != NULL) {
    *body = strdup(r.body);
  }
  http_response_free(&r);
  return status;
}

static double S_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Starts symcheck serve on `db` with no per-client limits. */
static void S_serve(server_process *s, const char *db) {
  const char *const extra[] = {
      "--db", db, "--rate-limit", "0", "--story-limit", "0", "--vote-limit", "0", NULL};
  if (server_start(s, extra) != 0) {
    fail_msg("symcheck serve --db %s did not start", db);
  }
}

static void S_stop(server_process *s) {
  char *log = server_log(s);
  int code = server_stop(s, SIGTERM, 10000);
  if (code != 0) {
    fail_msg("symcheck serve exited with %d:\n%s", code, log);
  }
  free(log);
}

/* --- the database going away ------------------------------------------- */

static void test_postgres_outage_503_then_recovery(void **state) {
  (void)state;
  char url[512];
  S_fresh_database("symcheck_outage", url, sizeof url);
  server_process s;
  S_serve(&s, url);
  assert_int_equal(S_get(s.port, "/readyz", NULL), 200);
  assert_int_equal(S_share_status(s.port, "Before the outage"), 303);

  S_pg("stop", NULL, NULL, 0);
  double start = S_now();
  char *body = NULL;
  assert_int_equal(S_get(s.port, "/readyz", &body), 503);
  assert_non_null(strstr(body, "The database (postgresql) is not answering"));
  free(body);
  assert_int_equal(S_get(s.port, ARTICLE, NULL), 200); /* reading still works */
  http_response r = {0};
  assert_int_equal(S_share(s.port, "During the outage", &r), 503);
  assert_non_null(strstr(r.body, NOT_SAVED));
  http_response_free(&r);
  assert_true(S_now() - start < 5.0); /* refused at once, no long hang */

  S_pg("start", S_pg_port, NULL, 0);
  assert_int_equal(S_share_status(s.port, "After the outage"), 303);
  assert_int_equal(S_get(s.port, "/readyz", NULL), 200);
  assert_int_equal(kill(s.pid, 0), 0); /* the same process throughout */
  S_stop(&s);

  srv_db *db = NULL;
  char why[256];
  assert_int_equal(srv_db_open(url, &db, why, sizeof why), SRV_DB_OK);
  srv_story_list list;
  assert_int_equal(srv_store_story_list(db, SLUG, -1, 10, 0, &list), SRV_STORE_OK);
  assert_int_equal(list.count, 2);
  assert_string_equal(list.items[0].title, "After the outage");
  assert_string_equal(list.items[1].title, "Before the outage");
  srv_story_list_free(&list);
  srv_db_close(db);
}

/* --- SIGKILL in the middle of a burst ---------------------------------- */

#define S_WRITERS 3
#define S_MAX_SENT 400
#define S_KILL_AFTER 30 /* acknowledged stories before the kill */

typedef struct S_writer {
  unsigned port;
  int index;
  int acknowledged; /* answered 303: these must survive */
  int cut;          /* requests that got no answer: the kill came */
  _Atomic int *total;
} S_writer;

/* Shares stories until the server stops answering. */
static void *S_burst(void *arg) {
  S_writer *w = arg;
  for (int i = 0; i < S_MAX_SENT && w->cut == 0; i++) {
    char title[64];
    snprintf(title, sizeof title, "Burst %d story %d", w->index, w->acknowledged);
    int status = S_share_status(w->port, title);
    if (status == 303) {
      w->acknowledged++;
      (*w->total)++;
    } else {
      w->cut += status == 0;
    }
  }
  return NULL;
}

static bool S_listed(const srv_story_list *list, const char *title) {
  for (size_t i = 0; i < list->count; i++) {
    if (strcmp(list->items[i].title, title) == 0) {
      return true;
    }
  }
  return false;
}

/* Every acknowledged story is in the database `url`. */
static void S_assert_kept(const char *url, const S_writer *writers) {
  srv_db *db = NULL;
  char why[256];
  assert_int_equal(srv_db_open(url, &db, why, sizeof why), SRV_DB_OK);
  srv_story_list list;
  assert_int_equal(srv_store_story_list(db, SLUG, SRV_STORY_PENDING, 10000, 0, &list),
                   SRV_STORE_OK);
  for (int w = 0; w < S_WRITERS; w++) {
    for (int i = 0; i < writers[w].acknowledged; i++) {
      char title[64];
      snprintf(title, sizeof title, "Burst %d story %d", w, i);
      if (!S_listed(&list, title)) {
        fail_msg("\"%s\" was answered 303 but is not in the database", title);
      }
    }
  }
  srv_story_list_free(&list);
  srv_db_close(db);
}

static void S_kill_mid_burst(const char *url) {
  server_process s;
  S_serve(&s, url);
  _Atomic int total = 0;
  S_writer writers[S_WRITERS];
  pthread_t threads[S_WRITERS];
  for (int i = 0; i < S_WRITERS; i++) {
    writers[i] = (S_writer){s.port, i, 0, 0, &total};
    assert_int_equal(pthread_create(&threads[i], NULL, S_burst, &writers[i]), 0);
  }
  double start = S_now();
  while (total < S_KILL_AFTER && S_now() - start < 20.0) {
    struct timespec ts = {0, 2 * 1000000L};
    nanosleep(&ts, NULL);
  }
  assert_true(total >= S_KILL_AFTER);
  assert_int_equal(server_stop(&s, SIGKILL, 5000), -1);
  int cut = 0;
  for (int i = 0; i < S_WRITERS; i++) {
    pthread_join(threads[i], NULL);
    cut += writers[i].cut;
  }
  assert_true(cut > 0); /* the kill came while stories were being sent */

  server_process again;
  S_serve(&again, url);
  assert_int_equal(S_get(again.port, "/readyz", NULL), 200);
  assert_int_equal(S_share_status(again.port, "After the restart"), 303);
  S_stop(&again);
  S_assert_kept(url, writers);
}

static void test_sigkill_mid_burst_sqlite(void **state) {
  (void)state;
  char dir[256];
  assert_true(temp_dir_make(dir, sizeof dir, "burst"));
  char url[300];
  snprintf(url, sizeof url, "sqlite:%s/db.sqlite", dir);
  S_kill_mid_burst(url);
  const char *names[] = {"db.sqlite", "db.sqlite-wal", "db.sqlite-shm"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    char path[300];
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    unlink(path);
  }
  rmdir(dir);
}

static void test_sigkill_mid_burst_postgres(void **state) {
  (void)state;
  char url[512];
  S_fresh_database("symcheck_burst", url, sizeof url);
  S_kill_mid_burst(url);
}

/* --- two servers, one database ----------------------------------------- */

typedef struct S_start {
  server_process server;
  const char *url;
  int status; /* server_start's */
} S_start;

/* Starts one server (in a thread of its own: no cmocka assertion here). */
static void *S_start_one(void *arg) {
  S_start *start = arg;
  const char *const extra[] = {"--db", start->url, "--rate-limit", "0", "--vote-limit", "0", NULL};
  start->status = server_start(&start->server, extra);
  return NULL;
}

/* The article as served on `port` shows `text`. */
static void S_assert_article_shows(unsigned port, const char *text) {
  char *body = NULL;
  assert_int_equal(S_get(port, ARTICLE, &body), 200);
  if (strstr(body, text) == NULL) {
    fail_msg("the article on port %u does not show \"%s\"", port, text);
  }
  free(body);
}

static void S_approve_all(const char *url) {
  srv_db *db = NULL;
  char why[256];
  assert_int_equal(srv_db_open(url, &db, why, sizeof why), SRV_DB_OK);
  srv_story_list list;
  assert_int_equal(srv_store_story_list(db, SLUG, SRV_STORY_PENDING, 100, 0, &list), SRV_STORE_OK);
  assert_int_equal(list.count, 2);
  for (size_t i = 0; i < list.count; i++) {
    assert_int_equal(srv_store_story_decide(db, list.items[i].id, SRV_STORY_APPROVED, "", "cli"),
                     SRV_STORE_OK);
  }
  srv_story_list_free(&list);
  srv_db_close(db);
}

static void test_two_servers_share_one_postgres(void **state) {
  (void)state;
  char url[512];
  S_fresh_database("symcheck_shared", url, sizeof url);
  S_start a = {.url = url}, b = {.url = url};
  pthread_t ta, tb;
  assert_int_equal(pthread_create(&ta, NULL, S_start_one, &a), 0);
  assert_int_equal(pthread_create(&tb, NULL, S_start_one, &b), 0);
  pthread_join(ta, NULL);
  pthread_join(tb, NULL);
  assert_int_equal(a.status, 0);
  assert_int_equal(b.status, 0);
  unsigned port_a = a.server.port, port_b = b.server.port;
  assert_true(port_a != 0 && port_b != 0 && port_a != port_b);

  assert_int_equal(S_share_status(port_a, "Sent to server A"), 303);
  assert_int_equal(S_share_status(port_b, "Sent to server B"), 303);
  S_approve_all(url);
  S_assert_article_shows(port_a, "Sent to server A");
  S_assert_article_shows(port_a, "Sent to server B");
  S_assert_article_shows(port_b, "Sent to server A");
  S_assert_article_shows(port_b, "Sent to server B");

  const char *voters[] = {"1111111111111111111111111111111111111111111111111111111111111111",
                          "2222222222222222222222222222222222222222222222222222222222222222",
                          "3333333333333333333333333333333333333333333333333333333333333333"};
  assert_int_equal(S_vote(port_a, voters[0], true), 303);
  assert_int_equal(S_vote(port_b, voters[1], true), 303);
  assert_int_equal(S_vote(port_b, voters[2], false), 303);
  S_assert_article_shows(port_a, "2 people found this helpful.");
  S_assert_article_shows(port_b, "2 people found this helpful.");
  assert_int_equal(S_vote(port_b, voters[0], false), 303); /* A's voter changes their mind on B */
  S_assert_article_shows(port_a, "1 person found this helpful.");
  S_assert_article_shows(port_b, "1 person found this helpful.");
  S_stop(&a.server);
  S_stop(&b.server);
}

int main(void) {
  signal(SIGPIPE, SIG_IGN);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_postgres_outage_503_then_recovery),
      cmocka_unit_test(test_sigkill_mid_burst_sqlite),
      cmocka_unit_test(test_sigkill_mid_burst_postgres),
      cmocka_unit_test(test_two_servers_share_one_postgres),
  };
  return cmocka_run_group_tests(tests, S_group_setup, S_group_teardown);
}
