/*
 * test_storage.c - the storage interface (server_store.h) against a real
 * database: the same tests run on SQLite (a temporary file) and on
 * PostgreSQL (the server scripts/pg-test-server.sh starts for the ctest
 * run; its URL comes in SYMCHECK_TEST_POSTGRES_URL, and the run fails when
 * it is missing). Each test starts from an empty, freshly migrated
 * database. What a user would notice: stories come back exactly as
 * written (quotes and SQL included), newest first, within the limits;
 * moderation leaves an audit trail; one vote per browser; counts add up
 * when many threads write at once.
 */
#define _POSIX_C_SOURCE 200809L
#include <libpq-fe.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "pg_database.h"
#include "server_store.h"
#include "temp_dir.h"

#define VOTER_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define VOTER_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define TOKEN "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define BODY "This is a story long enough to be kept."
#define HASH "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNo"

/* The database every test of the running group opens: a SQLite file in a
   temporary folder, or the PostgreSQL database made for this program. */
static char S_url[512];
static char S_dir[128];

/* --- fixtures --------------------------------------------------------- */

static int S_sqlite_group_setup(void **state) {
  (void)state;
  if (!temp_dir_make(S_dir, sizeof S_dir, "storage")) {
    return -1;
  }
  snprintf(S_url, sizeof S_url, "sqlite:%s/db.sqlite", S_dir);
  return 0;
}

static void S_remove_sqlite(void) {
  const char *names[] = {"db.sqlite", "db.sqlite-wal", "db.sqlite-shm"};
  char path[256];
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    snprintf(path, sizeof path, "%s/%s", S_dir, names[i]);
    unlink(path);
  }
}

static int S_sqlite_group_teardown(void **state) {
  (void)state;
  S_remove_sqlite();
  rmdir(S_dir);
  return 0;
}

static srv_db *S_open(void) {
  srv_db *db = NULL;
  char why[512] = "";
  if (srv_db_open(S_url, &db, why, sizeof why) != SRV_DB_OK) {
    fail_msg("cannot open %s: %s", S_url, why);
  }
  return db;
}

static int S_setup(void **state) {
  if (strncmp(S_url, "sqlite:", 7) == 0) {
    S_remove_sqlite();
  } else if (!pg_database_reset(S_url)) {
    return -1;
  }
  *state = S_open();
  return 0;
}

static int S_teardown(void **state) {
  srv_db_close(*state);
  return 0;
}

/* --- helpers ---------------------------------------------------------- */

static int64_t S_add(srv_db *db, const char *complaint, const char *title) {
  int64_t id = 0;
  assert_int_equal(srv_store_story_add(db, complaint, title, BODY, "J", &id), SRV_STORE_OK);
  assert_true(id > 0);
  return id;
}

static int64_t S_count(srv_db *db, const char *complaint, int status) {
  int64_t count = -1;
  assert_int_equal(srv_store_story_count(db, complaint, status, &count), SRV_STORE_OK);
  return count;
}

/* `n` copies of the UTF-8 character `ch`, in a malloc'd string. */
static char *S_repeat(const char *ch, size_t n) {
  size_t width = strlen(ch);
  char *text = malloc(width * n + 1);
  for (size_t i = 0; i < n; i++) {
    memcpy(text + i * width, ch, width);
  }
  text[width * n] = '\0';
  return text;
}

static bool S_is_utc_time(const char *text) {
  int y, mo, d, h, mi, s;
  char z = 0;
  return strlen(text) == 20 &&
         sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2d%c", &y, &mo, &d, &h, &mi, &s, &z) == 7 && z == 'Z' &&
         y >= 2024;
}

/* --- stories ---------------------------------------------------------- */

static void test_story_added_pending_and_read_back(void **state) {
  srv_db *db = *state;
  int64_t id = 0;
  assert_int_equal(srv_store_story_add(db, "anal-itching", "It itched", BODY, "É", &id),
                   SRV_STORE_OK);
  srv_story story;
  assert_int_equal(srv_store_story_get(db, id, &story), SRV_STORE_OK);
  assert_int_equal(story.id, id);
  assert_string_equal(story.complaint, "anal-itching");
  assert_string_equal(story.title, "It itched");
  assert_string_equal(story.body, BODY);
  assert_string_equal(story.initial, "É");
  assert_int_equal(story.status, SRV_STORY_PENDING);
  assert_string_equal(story.reason, "");
  assert_true(S_is_utc_time(story.created_at));
  assert_string_equal(story.decided_at, "");
  srv_story_free(&story);
  assert_int_equal(srv_store_story_get(db, id + 1000, &story), SRV_STORE_NOT_FOUND);
  assert_null(story.title);
}

static void test_story_list_newest_first_with_filters(void **state) {
  srv_db *db = *state;
  int64_t first = S_add(db, "anal-itching", "first");
  S_add(db, "rectal-bleeding", "second");
  int64_t third = S_add(db, "anal-itching", "third");
  S_add(db, "anal-itching", "fourth");
  assert_int_equal(srv_store_story_decide(db, first, SRV_STORY_APPROVED, "", "ann"), SRV_STORE_OK);
  assert_int_equal(srv_store_story_decide(db, third, SRV_STORY_APPROVED, NULL, "ann"),
                   SRV_STORE_OK);

  srv_story_list list;
  assert_int_equal(srv_store_story_list(db, NULL, -1, 10, 0, &list), SRV_STORE_OK);
  assert_int_equal(list.count, 4);
  const char *newest_first[] = {"fourth", "third", "second", "first"};
  for (size_t i = 0; i < 4; i++) {
    assert_string_equal(list.items[i].title, newest_first[i]);
  }
  srv_story_list_free(&list);

  assert_int_equal(srv_store_story_list(db, "anal-itching", SRV_STORY_APPROVED, 10, 0, &list),
                   SRV_STORE_OK);
  assert_int_equal(list.count, 2);
  assert_string_equal(list.items[0].title, "third");
  assert_string_equal(list.items[1].title, "first");
  assert_int_equal(list.items[0].status, SRV_STORY_APPROVED);
  srv_story_list_free(&list);

  assert_int_equal(srv_store_story_list(db, NULL, SRV_STORY_PENDING, 10, 0, &list), SRV_STORE_OK);
  assert_int_equal(list.count, 2);
  assert_string_equal(list.items[0].title, "fourth");
  srv_story_list_free(&list);

  assert_int_equal(srv_store_story_list(db, "anal-itching", -1, 1, 1, &list), SRV_STORE_OK);
  assert_int_equal(list.count, 1);
  assert_string_equal(list.items[0].title, "third");
  srv_story_list_free(&list);

  assert_int_equal(srv_store_story_list(db, "no-such-complaint", -1, 10, 0, &list), SRV_STORE_OK);
  assert_int_equal(list.count, 0);
  srv_story_list_free(&list);

  assert_int_equal(S_count(db, NULL, -1), 4);
  assert_int_equal(S_count(db, "anal-itching", -1), 3);
  assert_int_equal(S_count(db, "anal-itching", SRV_STORY_APPROVED), 2);
  assert_int_equal(S_count(db, "rectal-bleeding", SRV_STORY_APPROVED), 0);
  assert_int_equal(S_count(db, NULL, SRV_STORY_PENDING), 2);
  assert_int_equal(srv_store_story_list(db, NULL, 7, 10, 0, &list), SRV_STORE_INVALID);
}

/* Title and body limits count characters, not bytes: 120 two-byte letters
   make a valid title, 121 do not. Nothing invalid is stored. */
static void test_story_limits_in_characters(void **state) {
  srv_db *db = *state;
  int64_t id = 0;
  char *title = S_repeat("é", SRV_STORY_TITLE_MAX);
  char *long_title = S_repeat("é", SRV_STORY_TITLE_MAX + 1);
  char *body = S_repeat("ü", SRV_STORY_BODY_MAX);
  char *long_body = S_repeat("ü", SRV_STORY_BODY_MAX + 1);
  char *short_body = S_repeat("日", SRV_STORY_BODY_MIN - 1);
  char *min_body = S_repeat("日", SRV_STORY_BODY_MIN);
  assert_int_equal(srv_store_story_add(db, "c", title, body, "a", &id), SRV_STORE_OK);
  assert_int_equal(srv_store_story_add(db, "c", "t", min_body, "a", &id), SRV_STORE_OK);
  assert_int_equal(srv_store_story_add(db, "c", long_title, BODY, "a", &id), SRV_STORE_INVALID);
  assert_int_equal(id, 0);
  assert_int_equal(srv_store_story_add(db, "c", "t", long_body, "a", &id), SRV_STORE_INVALID);
  assert_int_equal(srv_store_story_add(db, "c", "t", short_body, "a", &id), SRV_STORE_INVALID);
  assert_int_equal(srv_store_story_add(db, "c", "", BODY, "a", &id), SRV_STORE_INVALID);
  assert_int_equal(srv_store_story_add(db, "", "t", BODY, "a", &id), SRV_STORE_INVALID);
  assert_int_equal(srv_store_story_add(db, "c", "two\nlines", BODY, "a", &id), SRV_STORE_INVALID);
  assert_int_equal(srv_store_story_add(db, "c", "bad \xC3\x28 byte", BODY, "a", &id),
                   SRV_STORE_INVALID);
  assert_int_equal(srv_store_story_add(db, "c", "overlong \xC0\xAF", BODY, "a", &id),
                   SRV_STORE_INVALID);
  const char *bad_initials[] = {"", "ab", "1", "?", " ", "\xC3"};
  for (size_t i = 0; i < sizeof bad_initials / sizeof bad_initials[0]; i++) {
    assert_int_equal(srv_store_story_add(db, "c", "t", BODY, bad_initials[i], &id),
                     SRV_STORE_INVALID);
  }
  assert_int_equal(S_count(db, NULL, -1), 2);
  srv_story_list list;
  assert_int_equal(srv_store_story_list(db, NULL, -1, 10, 0, &list), SRV_STORE_OK);
  assert_string_equal(list.items[0].body, min_body);
  assert_string_equal(list.items[1].title, title);
  assert_string_equal(list.items[1].body, body);
  srv_story_list_free(&list);
  free(title);
  free(long_title);
  free(body);
  free(long_body);
  free(short_body);
  free(min_body);
}

/* SQL and quoting characters are data: stored and returned byte for byte,
   and the tables are still there afterwards. */
static void test_sql_metacharacters_stored_literally(void **state) {
  srv_db *db = *state;
  const char *title = "'; DROP TABLE stories; --";
  const char *body = "Robert'); DELETE FROM editors; -- \"quoted\" \\backslash\\ 100% _under_ "
                     "$1 ?1 :name \t tab\nnew line ∑ 😀 ẞ";
  const char *complaint = "x' OR '1'='1";
  int64_t id = 0;
  assert_int_equal(srv_store_story_add(db, complaint, title, body, "Ø", &id), SRV_STORE_OK);
  S_add(db, "other", "plain");
  srv_story story;
  assert_int_equal(srv_store_story_get(db, id, &story), SRV_STORE_OK);
  assert_string_equal(story.title, title);
  assert_string_equal(story.body, body);
  assert_string_equal(story.complaint, complaint);
  srv_story_free(&story);
  assert_int_equal(S_count(db, complaint, -1), 1);
  assert_int_equal(S_count(db, NULL, -1), 2);
  assert_int_equal(srv_store_story_decide(db, id, SRV_STORY_REJECTED, "it's \"off\"; --", "o'neil"),
                   SRV_STORE_OK);
  assert_int_equal(srv_store_story_get(db, id, &story), SRV_STORE_OK);
  assert_string_equal(story.reason, "it's \"off\"; --");
  srv_story_free(&story);
  assert_int_equal(srv_store_editor_add(db, "x'; DROP TABLE editors; --", HASH), SRV_STORE_OK);
  char *hash = NULL;
  assert_int_equal(srv_store_editor_hash(db, "x'; DROP TABLE editors; --", &hash), SRV_STORE_OK);
  assert_string_equal(hash, HASH);
  free(hash);
  assert_int_equal(srv_store_editor_hash(db, "' OR 1=1 --", &hash), SRV_STORE_NOT_FOUND);
}

static void test_decide_writes_audit_in_same_step(void **state) {
  srv_db *db = *state;
  int64_t a = S_add(db, "c", "to approve");
  int64_t b = S_add(db, "c", "to reject");
  assert_int_equal(srv_store_story_decide(db, a, SRV_STORY_APPROVED, "", "ann"), SRV_STORE_OK);
  assert_int_equal(srv_store_story_decide(db, b, SRV_STORY_REJECTED, "Names a doctor", "cli"),
                   SRV_STORE_OK);
  srv_story story;
  assert_int_equal(srv_store_story_get(db, b, &story), SRV_STORE_OK);
  assert_int_equal(story.status, SRV_STORY_REJECTED);
  assert_string_equal(story.reason, "Names a doctor");
  assert_true(S_is_utc_time(story.decided_at));
  srv_story_free(&story);

  srv_audit_list audit;
  assert_int_equal(srv_store_audit_list(db, 10, &audit), SRV_STORE_OK);
  assert_int_equal(audit.count, 2);
  assert_string_equal(audit.items[0].action, "reject");
  assert_string_equal(audit.items[0].editor, "cli");
  assert_int_equal(audit.items[0].story_id, b);
  assert_string_equal(audit.items[0].detail, "Names a doctor");
  assert_true(S_is_utc_time(audit.items[0].at));
  assert_string_equal(audit.items[1].action, "approve");
  assert_string_equal(audit.items[1].editor, "ann");
  assert_int_equal(audit.items[1].story_id, a);
  srv_audit_list_free(&audit);
}

/* A refused decision changes nothing and leaves no audit record. */
static void test_decide_refusals_change_nothing(void **state) {
  srv_db *db = *state;
  int64_t id = S_add(db, "c", "story");
  char *long_reason = S_repeat("r", SRV_REASON_MAX + 1);
  assert_int_equal(srv_store_story_decide(db, id, SRV_STORY_REJECTED, "", "ann"),
                   SRV_STORE_INVALID);
  assert_int_equal(srv_store_story_decide(db, id, SRV_STORY_REJECTED, NULL, "ann"),
                   SRV_STORE_INVALID);
  assert_int_equal(srv_store_story_decide(db, id, SRV_STORY_REJECTED, long_reason, "ann"),
                   SRV_STORE_INVALID);
  assert_int_equal(srv_store_story_decide(db, id, SRV_STORY_APPROVED, "why", "ann"),
                   SRV_STORE_INVALID);
  assert_int_equal(srv_store_story_decide(db, id, SRV_STORY_PENDING, "", "ann"), SRV_STORE_INVALID);
  assert_int_equal(srv_store_story_decide(db, id, SRV_STORY_APPROVED, "", ""), SRV_STORE_INVALID);
  assert_int_equal(srv_store_story_decide(db, id + 99, SRV_STORY_APPROVED, "", "ann"),
                   SRV_STORE_NOT_FOUND);
  assert_int_equal(srv_store_story_edit(db, id + 99, "t", BODY, "ann"), SRV_STORE_NOT_FOUND);
  free(long_reason);
  assert_int_equal(S_count(db, NULL, SRV_STORY_PENDING), 1);
  srv_audit_list audit;
  assert_int_equal(srv_store_audit_list(db, 10, &audit), SRV_STORE_OK);
  assert_int_equal(audit.count, 0);
  srv_audit_list_free(&audit);
}

static void test_edit_corrects_text_with_audit(void **state) {
  srv_db *db = *state;
  int64_t id = S_add(db, "c", "Typo in teh title");
  assert_int_equal(srv_store_story_decide(db, id, SRV_STORY_APPROVED, "", "ann"), SRV_STORE_OK);
  const char *body = "The body, now without the typo it had.";
  assert_int_equal(srv_store_story_edit(db, id, "Typo in the title", body, "bob"), SRV_STORE_OK);
  assert_int_equal(srv_store_story_edit(db, id, "", body, "bob"), SRV_STORE_INVALID);
  assert_int_equal(srv_store_story_edit(db, id, "t", "too short", "bob"), SRV_STORE_INVALID);
  srv_story story;
  assert_int_equal(srv_store_story_get(db, id, &story), SRV_STORE_OK);
  assert_string_equal(story.title, "Typo in the title");
  assert_string_equal(story.body, body);
  assert_int_equal(story.status, SRV_STORY_APPROVED);
  srv_story_free(&story);
  srv_audit_list audit;
  assert_int_equal(srv_store_audit_list(db, 10, &audit), SRV_STORE_OK);
  assert_int_equal(audit.count, 2);
  assert_string_equal(audit.items[0].action, "edit");
  assert_string_equal(audit.items[0].editor, "bob");
  assert_int_equal(audit.items[0].story_id, id);
  srv_audit_list_free(&audit);
}

/* --- editors, sessions, audit ------------------------------------------ */

static void test_editors_unique_with_hash(void **state) {
  srv_db *db = *state;
  assert_int_equal(srv_store_editor_add(db, "ann", HASH), SRV_STORE_OK);
  assert_int_equal(srv_store_editor_add(db, "ann", "$argon2id$other"), SRV_STORE_CONFLICT);
  assert_int_equal(srv_store_editor_add(db, "Åsa", "$argon2id$other"), SRV_STORE_OK);
  char *name = S_repeat("n", SRV_EDITOR_NAME_MAX + 1);
  assert_int_equal(srv_store_editor_add(db, name, HASH), SRV_STORE_INVALID);
  assert_int_equal(srv_store_editor_add(db, "", HASH), SRV_STORE_INVALID);
  assert_int_equal(srv_store_editor_add(db, "bob", ""), SRV_STORE_INVALID);
  free(name);
  char *hash = NULL;
  assert_int_equal(srv_store_editor_hash(db, "ann", &hash), SRV_STORE_OK);
  assert_string_equal(hash, HASH);
  free(hash);
  assert_int_equal(srv_store_editor_hash(db, "Åsa", &hash), SRV_STORE_OK);
  assert_string_equal(hash, "$argon2id$other");
  free(hash);
  assert_int_equal(srv_store_editor_hash(db, "nobody", &hash), SRV_STORE_NOT_FOUND);
  assert_null(hash);
}

static void test_sessions_expire_and_end(void **state) {
  srv_db *db = *state;
  assert_int_equal(srv_store_editor_add(db, "ann", HASH), SRV_STORE_OK);
  int64_t now = (int64_t)time(NULL);
  assert_int_equal(srv_store_session_add(db, TOKEN, "ann", now + 8 * 3600), SRV_STORE_OK);
  assert_int_equal(srv_store_session_add(db, TOKEN, "ann", now + 60), SRV_STORE_CONFLICT);
  char *editor = NULL;
  assert_int_equal(srv_store_session_editor(db, TOKEN, now, &editor), SRV_STORE_OK);
  assert_string_equal(editor, "ann");
  free(editor);
  assert_int_equal(srv_store_session_editor(db, TOKEN, now + 8 * 3600, &editor),
                   SRV_STORE_NOT_FOUND);
  assert_null(editor);
  assert_int_equal(srv_store_session_editor(db, VOTER_A, now, &editor), SRV_STORE_NOT_FOUND);
  assert_int_equal(srv_store_session_add(db, VOTER_A, "nobody", now + 60), SRV_STORE_NOT_FOUND);
  assert_int_equal(srv_store_session_add(db, "raw-token", "ann", now + 60), SRV_STORE_INVALID);
  assert_int_equal(srv_store_session_delete(db, TOKEN), SRV_STORE_OK);
  assert_int_equal(srv_store_session_editor(db, TOKEN, now, &editor), SRV_STORE_NOT_FOUND);
  assert_int_equal(srv_store_session_delete(db, TOKEN), SRV_STORE_NOT_FOUND);
}

static void test_audit_newest_first(void **state) {
  srv_db *db = *state;
  assert_int_equal(srv_store_audit_add(db, "ann", "login", 0, NULL), SRV_STORE_OK);
  int64_t id = S_add(db, "c", "story");
  assert_int_equal(srv_store_audit_add(db, "ann", "edit", id, "fixed a typo"), SRV_STORE_OK);
  assert_int_equal(srv_store_audit_add(db, "ann", "logout", 0, ""), SRV_STORE_OK);
  assert_int_equal(srv_store_audit_add(db, "ann", "drop", 0, ""), SRV_STORE_INVALID);
  assert_int_equal(srv_store_audit_add(db, "ann", "edit", id + 50, ""), SRV_STORE_NOT_FOUND);
  srv_audit_list audit;
  assert_int_equal(srv_store_audit_list(db, 2, &audit), SRV_STORE_OK);
  assert_int_equal(audit.count, 2);
  assert_string_equal(audit.items[0].action, "logout");
  assert_int_equal(audit.items[0].story_id, 0);
  assert_string_equal(audit.items[0].detail, "");
  assert_string_equal(audit.items[1].action, "edit");
  assert_int_equal(audit.items[1].story_id, id);
  assert_string_equal(audit.items[1].detail, "fixed a typo");
  assert_true(audit.items[0].id > audit.items[1].id);
  srv_audit_list_free(&audit);
  assert_int_equal(srv_store_audit_list(db, 10, &audit), SRV_STORE_OK);
  assert_int_equal(audit.count, 3);
  srv_audit_list_free(&audit);
}

/* --- votes and quiz statistics ----------------------------------------- */

static void S_assert_votes(srv_db *db, const char *complaint, int64_t yes, int64_t no) {
  int64_t helpful = -1, not_helpful = -1;
  assert_int_equal(srv_store_vote_counts(db, complaint, &helpful, &not_helpful), SRV_STORE_OK);
  assert_int_equal(helpful, yes);
  assert_int_equal(not_helpful, no);
}

static void test_votes_one_per_browser(void **state) {
  srv_db *db = *state;
  S_assert_votes(db, "c", 0, 0);
  assert_int_equal(srv_store_vote(db, "c", VOTER_A, true), SRV_STORE_OK);
  S_assert_votes(db, "c", 1, 0);
  assert_int_equal(srv_store_vote(db, "c", VOTER_A, false), SRV_STORE_OK);
  S_assert_votes(db, "c", 0, 1);
  assert_int_equal(srv_store_vote(db, "c", VOTER_B, true), SRV_STORE_OK);
  assert_int_equal(srv_store_vote(db, "other", VOTER_A, true), SRV_STORE_OK);
  S_assert_votes(db, "c", 1, 1);
  S_assert_votes(db, "other", 1, 0);
  assert_int_equal(srv_store_vote(db, "c", "not-a-hash", true), SRV_STORE_INVALID);
  assert_int_equal(srv_store_vote(db, "", VOTER_A, true), SRV_STORE_INVALID);
}

static void test_quiz_counts_top_conditions(void **state) {
  srv_db *db = *state;
  const char *rows[][3] = {
      {"2025-01-01", "piles", "see-a-doctor"}, {"2025-01-01", "fissure", "self-care"},
      {"2025-01-02", "fissure", "self-care"},  {"2025-01-02", "piles", "self-care"},
      {"2025-01-03", "abscess", "urgent"},     {"2025-01-03", "fissure", "see-a-doctor"},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    assert_int_equal(srv_store_quiz_count(db, rows[i][0], "c", rows[i][1], rows[i][2]),
                     SRV_STORE_OK);
  }
  assert_int_equal(srv_store_quiz_count(db, "2025-01-01", "other", "zzz", "self-care"),
                   SRV_STORE_OK);
  assert_int_equal(srv_store_quiz_count(db, "2025-1-1", "c", "piles", "urgent"), SRV_STORE_INVALID);
  assert_int_equal(srv_store_quiz_count(db, "2025-13-01", "c", "piles", "urgent"),
                   SRV_STORE_INVALID);
  assert_int_equal(srv_store_quiz_count(db, "2025-02-29", "c", "piles", "urgent"),
                   SRV_STORE_INVALID);
  assert_int_equal(srv_store_quiz_count(db, "2024-02-29", "other", "piles", "urgent"),
                   SRV_STORE_OK);
  srv_condition_counts top;
  assert_int_equal(srv_store_quiz_top(db, "c", &top), SRV_STORE_OK);
  assert_int_equal(top.count, 3);
  assert_string_equal(top.items[0].condition, "fissure");
  assert_int_equal(top.items[0].count, 3);
  assert_string_equal(top.items[1].condition, "piles");
  assert_int_equal(top.items[1].count, 2);
  assert_string_equal(top.items[2].condition, "abscess");
  assert_int_equal(top.items[2].count, 1);
  srv_condition_counts_free(&top);
  assert_int_equal(srv_store_quiz_count(db, "2025-01-04", "c", "abscess", "urgent"), SRV_STORE_OK);
  assert_int_equal(srv_store_quiz_top(db, "c", &top), SRV_STORE_OK);
  assert_string_equal(top.items[1].condition, "abscess"); /* 2 each: ties by id */
  assert_string_equal(top.items[2].condition, "piles");
  srv_condition_counts_free(&top);
  assert_int_equal(srv_store_quiz_top(db, "nothing-yet", &top), SRV_STORE_OK);
  assert_int_equal(top.count, 0);
}

/* --- several writers at once ------------------------------------------- */

#define S_THREADS 4
#define S_PER_THREAD 40

typedef struct S_writer {
  srv_db *db;
  int index;
  int failures;
} S_writer;

static void *S_write_many(void *arg) {
  S_writer *w = arg;
  for (int i = 0; i < S_PER_THREAD; i++) {
    char title[64], voter[65];
    snprintf(title, sizeof title, "thread %d story %d", w->index, i);
    snprintf(voter, sizeof voter, "%064d", w->index * 1000 + i);
    int64_t id = 0;
    w->failures += srv_store_story_add(w->db, "c", title, BODY, "T", &id) != SRV_STORE_OK;
    w->failures += srv_store_vote(w->db, "c", voter, i % 2 == 0) != SRV_STORE_OK;
    w->failures +=
        srv_store_quiz_count(w->db, "2025-02-02", "c", "piles", "self-care") != SRV_STORE_OK;
    w->failures += srv_store_story_decide(w->db, id, SRV_STORY_APPROVED, "", "ann") != SRV_STORE_OK;
  }
  return NULL;
}

static void test_concurrent_writers_lose_nothing(void **state) {
  srv_db *db = *state;
  pthread_t threads[S_THREADS];
  S_writer writers[S_THREADS];
  for (int i = 0; i < S_THREADS; i++) {
    writers[i] = (S_writer){db, i, 0};
    assert_int_equal(pthread_create(&threads[i], NULL, S_write_many, &writers[i]), 0);
  }
  for (int i = 0; i < S_THREADS; i++) {
    pthread_join(threads[i], NULL);
    assert_int_equal(writers[i].failures, 0);
  }
  const int64_t total = S_THREADS * S_PER_THREAD;
  assert_int_equal(S_count(db, "c", SRV_STORY_APPROVED), total);
  S_assert_votes(db, "c", total / 2, total / 2);
  srv_condition_counts top;
  assert_int_equal(srv_store_quiz_top(db, "c", &top), SRV_STORE_OK);
  assert_int_equal(top.count, 1);
  assert_int_equal(top.items[0].count, total);
  srv_condition_counts_free(&top);
  srv_audit_list audit;
  assert_int_equal(srv_store_audit_list(db, (size_t)total + 10, &audit), SRV_STORE_OK);
  assert_int_equal(audit.count, total);
  srv_audit_list_free(&audit);
}

/* Opening an existing database keeps its data and applies nothing twice. */
static void test_reopen_keeps_data(void **state) {
  srv_db *db = *state;
  int64_t id = S_add(db, "c", "kept");
  srv_db *again = S_open();
  srv_story story;
  assert_int_equal(srv_store_story_get(again, id, &story), SRV_STORE_OK);
  assert_string_equal(story.title, "kept");
  srv_story_free(&story);
  assert_int_equal(srv_db_ping(again), 0);
  srv_db_close(again);
}

/* The address printed at start never shows a password. */
static void test_url_redacted_for_logs(void **state) {
  (void)state;
  char out[256];
  srv_db_url_redacted("postgresql://app:s3cret@db.example:5432/symcheck", out, sizeof out);
  assert_string_equal(out, "postgresql://app:***@db.example:5432/symcheck");
  srv_db_url_redacted("postgresql://db/symcheck?user=app&password=s3cret&sslmode=require", out,
                      sizeof out);
  assert_string_equal(out, "postgresql://db/symcheck?user=app&password=***&sslmode=require");
  srv_db_url_redacted("postgresql://app@db/symcheck", out, sizeof out);
  assert_string_equal(out, "postgresql://app@db/symcheck");
  srv_db_url_redacted("sqlite:var/symcheck.db", out, sizeof out);
  assert_string_equal(out, "sqlite:var/symcheck.db");
}

#define S_TEST(name) cmocka_unit_test_setup_teardown(name, S_setup, S_teardown)

static const struct CMUnitTest S_TESTS[] = {
    S_TEST(test_story_added_pending_and_read_back),
    S_TEST(test_story_list_newest_first_with_filters),
    S_TEST(test_story_limits_in_characters),
    S_TEST(test_sql_metacharacters_stored_literally),
    S_TEST(test_decide_writes_audit_in_same_step),
    S_TEST(test_decide_refusals_change_nothing),
    S_TEST(test_edit_corrects_text_with_audit),
    S_TEST(test_editors_unique_with_hash),
    S_TEST(test_sessions_expire_and_end),
    S_TEST(test_audit_newest_first),
    S_TEST(test_votes_one_per_browser),
    S_TEST(test_quiz_counts_top_conditions),
    S_TEST(test_concurrent_writers_lose_nothing),
    S_TEST(test_reopen_keeps_data),
    cmocka_unit_test(test_url_redacted_for_logs),
};

/* An unreachable PostgreSQL is a clear failure at open, without delay. */
static void test_postgresql_unreachable_fails_fast(void **state) {
  (void)state;
  srv_db *db = NULL;
  char why[512] = "";
  time_t start = time(NULL);
  assert_int_equal(srv_db_open("postgresql://postgres@127.0.0.1:1/symcheck", &db, why, sizeof why),
                   SRV_DB_FAILED);
  assert_null(db);
  assert_true(time(NULL) - start <= 3);
  assert_non_null(strstr(why, "cannot connect to PostgreSQL"));
}

/* A statement that waits on a lock held elsewhere is cut off after 5 s,
   so a stuck database gives 503s instead of holding requests forever. */
static void test_postgresql_statements_time_out(void **state) {
  srv_db *db = *state;
  PGconn *admin = PQconnectdb(S_url);
  assert_int_equal(PQstatus(admin), CONNECTION_OK);
  PGresult *r = PQexec(admin, "BEGIN; LOCK TABLE stories IN ACCESS EXCLUSIVE MODE");
  assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
  PQclear(r);
  time_t start = time(NULL);
  int64_t count = 0;
  assert_int_not_equal(srv_store_story_count(db, "c", -1, &count), SRV_STORE_OK);
  time_t waited = time(NULL) - start;
  assert_true(waited >= 4 && waited <= 8);
  PQclear(PQexec(admin, "ROLLBACK"));
  PQfinish(admin);
  assert_int_equal(srv_store_story_count(db, "c", -1, &count), SRV_STORE_OK);
}

/* The fixture's server, with a database of this program's own so other
   test programs using the same server never see these tables. */
static char S_server_url[512];
static char S_database[64];

static int S_postgres_group_setup(void **state) {
  (void)state;
  snprintf(S_database, sizeof S_database, "symcheck_storage_%ld", (long)getpid());
  return pg_database_create(S_server_url, S_database, S_url, sizeof S_url) ? 0 : -1;
}

static int S_postgres_group_teardown(void **state) {
  (void)state;
  return pg_database_drop(S_server_url, S_database) ? 0 : -1;
}

/* How many connections symcheck holds to the test's database. */
static int S_symcheck_connections(PGconn *admin) {
  PGresult *r = PQexec(admin, "SELECT count(*) FROM pg_stat_activity WHERE application_name ="
                              " 'symcheck' AND datname = current_database()");
  int count = PQresultStatus(r) == PGRES_TUPLES_OK ? atoi(PQgetvalue(r, 0, 0)) : -1;
  PQclear(r);
  return count;
}

typedef struct S_reader {
  srv_db *db;
  int rounds;
  int failures;
} S_reader;

static void *S_read_many(void *arg) {
  S_reader *r = arg;
  for (int i = 0; i < r->rounds; i++) {
    int64_t count = 0;
    r->failures += srv_store_story_count(r->db, "c", -1, &count) != SRV_STORE_OK;
  }
  return NULL;
}

/* Runs `rounds` counts in each of S_THREADS threads; the failures. */
static int S_read_together(srv_db *db, int rounds) {
  pthread_t threads[S_THREADS];
  S_reader readers[S_THREADS];
  int failures = 0;
  for (int i = 0; i < S_THREADS; i++) {
    readers[i] = (S_reader){db, rounds, 0};
    assert_int_equal(pthread_create(&threads[i], NULL, S_read_many, &readers[i]), 0);
  }
  for (int i = 0; i < S_THREADS; i++) {
    pthread_join(threads[i], NULL);
    failures += readers[i].failures;
  }
  return failures;
}

/* PostgreSQL ends every connection symcheck holds (as a restart does):
   the next operations, several at once, all succeed on new connections. */
static void test_postgresql_dropped_connections_replaced(void **state) {
  srv_db *db = *state;
  PGconn *admin = PQconnectdb(S_url);
  assert_int_equal(PQstatus(admin), CONNECTION_OK);
  for (int i = 0; i < 50 && S_symcheck_connections(admin) < 2; i++) {
    assert_int_equal(S_read_together(db, 20), 0);
  }
  assert_true(S_symcheck_connections(admin) >= 2);
  PGresult *r = PQexec(admin, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE"
                              " application_name = 'symcheck' AND datname = current_database()");
  assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
  PQclear(r);
  for (int i = 0; i < 100 && S_symcheck_connections(admin) > 0; i++) {
    struct timespec ts = {0, 10 * 1000000L};
    nanosleep(&ts, NULL);
  }
  PQfinish(admin);
  assert_int_equal(S_read_together(db, 20), 0);
  assert_int_equal(srv_db_ping(db), 0);
}

static const struct CMUnitTest S_POSTGRES_ONLY[] = {
    cmocka_unit_test(test_postgresql_unreachable_fails_fast),
    S_TEST(test_postgresql_dropped_connections_replaced),
    S_TEST(test_postgresql_statements_time_out),
};

#define S_COUNT(tests) (sizeof(tests) / sizeof(tests)[0])

int main(void) {
  int failed = _cmocka_run_group_tests("sqlite", S_TESTS, S_COUNT(S_TESTS), S_sqlite_group_setup,
                                       S_sqlite_group_teardown);
  const char *url = getenv("SYMCHECK_TEST_POSTGRES_URL");
  if (url == NULL || url[0] == '\0') {
    fprintf(stderr, "test_storage: SYMCHECK_TEST_POSTGRES_URL is not set, so the PostgreSQL half "
                    "did not run: run it through ctest (which starts PostgreSQL with "
                    "scripts/pg-test-server.sh) or set the URL yourself\n");
    return failed + 1;
  }
  snprintf(S_server_url, sizeof S_server_url, "%s", url);
  failed += _cmocka_run_group_tests("postgresql", S_TESTS, S_COUNT(S_TESTS), S_postgres_group_setup,
                                    S_postgres_group_teardown);
  failed += _cmocka_run_group_tests("postgresql-only", S_POSTGRES_ONLY, S_COUNT(S_POSTGRES_ONLY),
                                    S_postgres_group_setup, S_postgres_group_teardown);
  return failed;
}
