/*
 * test_cli_stories.c - `symcheck editor add` and `symcheck stories` as a
 * person runs them against a real SQLite file: the password read from
 * stdin and kept only as an argon2id hash, duplicate and bad names, the
 * list (one story per line, id first; filtered by status), approve and
 * reject with the audit trail naming "cli", and every wrong argument
 * exiting non-zero with a message.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "run_process.h"
#include "server_store.h"
#include "temp_dir.h"
#include "web_session.h"

typedef struct fixture {
  char dir[256];
  char url[300];
  srv_db *db;
} fixture;

static int S_setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  assert_true(temp_dir_make(f->dir, sizeof f->dir, "cli-stories"));
  snprintf(f->url, sizeof f->url, "sqlite:%s/db.sqlite", f->dir);
  char why[256];
  assert_int_equal(srv_db_open(f->url, &f->db, why, sizeof why), SRV_DB_OK);
  *state = f;
  return 0;
}

static int S_teardown(void **state) {
  fixture *f = *state;
  srv_db_close(f->db);
  const char *names[] = {"db.sqlite", "db.sqlite-wal", "db.sqlite-shm"};
  for (size_t i = 0; i < 3; i++) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", f->dir, names[i]);
    unlink(path);
  }
  rmdir(f->dir);
  free(f);
  return 0;
}

/* Runs symcheck with up to five arguments and --db URL. */
static run_result S_run(const fixture *f, const char *input, const char *a, const char *b,
                        const char *c, const char *d, const char *e) {
  const char *argv[10] = {SYMCHECK_BINARY};
  size_t n = 1;
  for (const char *const *arg = (const char *const[]){a, b, c, d, e, NULL}; *arg != NULL; arg++) {
    argv[n++] = *arg;
  }
  argv[n++] = "--db";
  argv[n++] = f->url;
  run_result r;
  assert_int_equal(run_process(argv, input, 30000, &r), 0);
  return r;
}

static void S_expect(run_result *r, int code, const char *out, const char *err) {
  if (r->exit_code != code || (out != NULL && strstr(r->out, out) == NULL) ||
      (err != NULL && strstr(r->err, err) == NULL)) {
    fail_msg("exit %d (wanted %d)\nstdout: %s\nstderr: %s", r->exit_code, code, r->out, r->err);
  }
  run_result_free(r);
}

static void test_editor_add(void **state) {
  fixture *f = *state;
  run_result r = S_run(f, "a long enough password\n", "editor", "add", "maria", NULL, NULL);
  S_expect(&r, 0, "editor maria added", NULL);
  char *hash = NULL;
  assert_int_equal(srv_store_editor_hash(f->db, "maria", &hash), SRV_STORE_OK);
  assert_int_equal(strncmp(hash, "$argon2id$", 10), 0);
  assert_null(strstr(hash, "a long enough password"));
  assert_true(web_password_verify(hash, "a long enough password"));
  assert_false(web_password_verify(hash, "a long enough passworD"));
  free(hash);

  r = S_run(f, "another good password\n", "editor", "add", "maria", NULL, NULL);
  S_expect(&r, 1, NULL, "already exists");
  r = S_run(f, "short\n", "editor", "add", "sam", NULL, NULL);
  S_expect(&r, 1, NULL, "at least 10 characters");
  r = S_run(f, "", "editor", "add", "sam", NULL, NULL);
  S_expect(&r, 1, NULL, "no password");
  r = S_run(f, "a long enough password\n", "editor", "add", "bad name!", NULL, NULL);
  S_expect(&r, 2, NULL, "the name \"bad name!\" may hold only");
  r = S_run(f, "a long enough password\n", "editor", "add", "cli", NULL, NULL);
  S_expect(&r, 2, NULL, "the name \"cli\" is taken by the command line");
  r = S_run(f, NULL, "editor", "remove", "maria", NULL, NULL);
  S_expect(&r, 2, NULL, "unknown action");
  assert_int_equal(srv_store_editor_hash(f->db, "sam", &hash), SRV_STORE_NOT_FOUND);
}

static int64_t S_story(fixture *f, const char *title) {
  int64_t id = 0;
  assert_int_equal(srv_store_story_add(f->db, "anal-mucus-discharge", title,
                                       "A story long enough for the store.", "J", &id),
                   SRV_STORE_OK);
  return id;
}

static void test_stories_list_approve_reject(void **state) {
  fixture *f = *state;
  int64_t first = S_story(f, "First title");
  int64_t second = S_story(f, "Second 'title'; --");
  char one[32], two[32], line[256];
  snprintf(one, sizeof one, "%lld", (long long)first);
  snprintf(two, sizeof two, "%lld", (long long)second);

  run_result r = S_run(f, NULL, "stories", "list", NULL, NULL, NULL);
  assert_int_equal(r.exit_code, 0);
  /* newest first, one line each, the id first */
  snprintf(line, sizeof line, "%s\tpending\t", two);
  assert_int_equal(strncmp(r.out, line, strlen(line)), 0);
  assert_non_null(strstr(r.out, "\tanal-mucus-discharge\tJ\tSecond 'title'; --\n"));
  snprintf(line, sizeof line, "\n%s\tpending\t", one);
  assert_non_null(strstr(r.out, line));
  assert_non_null(strstr(r.out, "\tJ\tFirst title\n"));
  run_result_free(&r);

  r = S_run(f, NULL, "stories", "approve", one, NULL, NULL);
  S_expect(&r, 0, "approved", NULL);
  r = S_run(f, NULL, "stories", "reject", two, "--reason", "Gives a clinic's name");
  S_expect(&r, 0, "rejected", NULL);

  srv_story story = {0};
  assert_int_equal(srv_store_story_get(f->db, first, &story), SRV_STORE_OK);
  assert_int_equal(story.status, SRV_STORY_APPROVED);
  srv_story_free(&story);
  assert_int_equal(srv_store_story_get(f->db, second, &story), SRV_STORE_OK);
  assert_int_equal(story.status, SRV_STORY_REJECTED);
  assert_string_equal(story.reason, "Gives a clinic's name");
  srv_story_free(&story);

  r = S_run(f, NULL, "stories", "list", "--status", "approved", NULL);
  assert_int_equal(r.exit_code, 0);
  snprintf(line, sizeof line, "%s\tapproved\t", one);
  assert_int_equal(strncmp(r.out, line, strlen(line)), 0);
  assert_null(strstr(r.out, "Second"));
  run_result_free(&r);
  r = S_run(f, NULL, "stories", "list", "--status", "rejected", NULL);
  S_expect(&r, 0, "Second 'title'; --", NULL);

  srv_audit_list audit = {0};
  assert_int_equal(srv_store_audit_list(f->db, 10, &audit), SRV_STORE_OK);
  assert_true(audit.count >= 2);
  assert_string_equal(audit.items[0].editor, "cli");
  assert_string_equal(audit.items[0].action, "reject");
  assert_int_equal(audit.items[0].story_id, second);
  assert_string_equal(audit.items[1].action, "approve");
  assert_int_equal(audit.items[1].story_id, first);
  srv_audit_list_free(&audit);
}

static void test_wrong_arguments(void **state) {
  fixture *f = *state;
  run_result r = S_run(f, NULL, "stories", "approve", "abc", NULL, NULL);
  S_expect(&r, 2, NULL, "whole number");
  r = S_run(f, NULL, "stories", "approve", "-3", NULL, NULL);
  S_expect(&r, 2, NULL, NULL);
  r = S_run(f, NULL, "stories", "approve", NULL, NULL, NULL);
  S_expect(&r, 2, NULL, "needs the story's ID");
  r = S_run(f, NULL, "stories", "approve", "987654", NULL, NULL);
  S_expect(&r, 1, NULL, "no story with this ID");
  r = S_run(f, NULL, "stories", "list", "--status", "published", NULL);
  S_expect(&r, 2, NULL, "pending, approved or rejected");
  r = S_run(f, NULL, "stories", "reject", "1", NULL, NULL);
  S_expect(&r, 2, NULL, "reject needs --reason");
  r = S_run(f, NULL, "stories", "approve", "1", "--reason", "why");
  S_expect(&r, 2, NULL, "--reason goes with reject only");
  r = S_run(f, NULL, "stories", "publish", "1", NULL, NULL);
  S_expect(&r, 2, NULL, "unknown action");
  r = S_run(f, NULL, "stories", NULL, NULL, NULL, NULL);
  S_expect(&r, 2, NULL, "missing the action");
  const char *argv[] = {SYMCHECK_BINARY, "stories", "list", "--db", "mysql://nowhere", NULL};
  assert_int_equal(run_process(argv, NULL, 30000, &r), 0);
  assert_true(r.exit_code != 0);
  assert_true(strlen(r.err) > 0);
  run_result_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_editor_add),
      cmocka_unit_test(test_stories_list_approve_reject),
      cmocka_unit_test(test_wrong_arguments),
  };
  return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
