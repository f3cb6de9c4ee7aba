/*
 * server_db_sqlite.c - the SQLite backend: a file (default var/symcheck.db)
 * with write-ahead logging, synchronous=FULL (a commit is on disk before an
 * operation returns), foreign keys on, and the migrations in S_MIGRATIONS
 * applied in order inside one transaction each, recorded in
 * schema_migrations. One connection serves every worker thread; a mutex
 * lets one operation (and its transaction) run at a time, which is what
 * SQLite does with writers anyway. Several processes (the server and the
 * CLI) may share the file: each waits up to 5 s for the other's lock, then
 * answers SRV_STORE_UNAVAILABLE. Every statement is prepared and bound.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "server_db.h"
#include "server_store.h"

#define S_NOW "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

typedef struct S_migration {
  int version;
  const char *sql;
} S_migration;

/* Append only: a released migration is never edited. Lengths are checked
   by server_store.c first; the CHECKs keep the table honest against any
   other writer. */
static const S_migration S_MIGRATIONS[] = {
    {1, "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY,"
        " applied_at TEXT NOT NULL DEFAULT (" S_NOW "))"},
    {2, "CREATE TABLE stories ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " complaint TEXT NOT NULL CHECK (length(complaint) BETWEEN 1 AND 128),"
        " title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 120),"
        " body TEXT NOT NULL CHECK (length(body) BETWEEN 20 AND 4000),"
        " initial TEXT NOT NULL CHECK (length(initial) = 1),"
        " status INTEGER NOT NULL DEFAULT 0 CHECK (status IN (0, 1, 2)),"
        " reason TEXT NOT NULL DEFAULT '' CHECK (length(reason) <= 280),"
        " created_at TEXT NOT NULL DEFAULT (" S_NOW "),"
        " decided_at TEXT NOT NULL DEFAULT '');"
        "CREATE INDEX stories_by_complaint ON stories (complaint, status, id);"
        "CREATE INDEX stories_by_status ON stories (status, id);"
        "CREATE TABLE editors ("
        " name TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),"
        " password_hash TEXT NOT NULL CHECK (length(password_hash) > 0),"
        " created_at TEXT NOT NULL DEFAULT (" S_NOW "));"
        "CREATE TABLE sessions ("
        " token_hash TEXT PRIMARY KEY CHECK (length(token_hash) = 64),"
        " editor TEXT NOT NULL REFERENCES editors (name) ON DELETE CASCADE,"
        " expires_unix INTEGER NOT NULL);"
        "CREATE INDEX sessions_by_expiry ON sessions (expires_unix);"
        "CREATE INDEX sessions_by_editor ON sessions (editor);"
        "CREATE TABLE audit ("
        " id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " at TEXT NOT NULL DEFAULT (" S_NOW "),"
        " editor TEXT NOT NULL CHECK (length(editor) BETWEEN 1 AND 64),"
        " action TEXT NOT NULL"
        "  CHECK (action IN ('approve', 'reject', 'edit', 'login', 'logout')),"
        " story_id INTEGER REFERENCES stories (id),"
        " detail TEXT NOT NULL DEFAULT '');"
        "CREATE INDEX audit_by_story ON audit (story_id);"
        "CREATE TABLE votes ("
        " complaint TEXT NOT NULL CHECK (length(complaint) BETWEEN 1 AND 128),"
        " voter_hash TEXT NOT NULL CHECK (length(voter_hash) = 64),"
        " helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),"
        " PRIMARY KEY (complaint, voter_hash));"
        "CREATE TABLE quiz_counts ("
        " day TEXT NOT NULL CHECK (length(day) = 10),"
        " complaint TEXT NOT NULL,"
        " condition_id TEXT NOT NULL,"
        " triage TEXT NOT NULL,"
        " quizzes INTEGER NOT NULL CHECK (quizzes > 0),"
        " PRIMARY KEY (day, complaint, condition_id, triage));"
        "CREATE INDEX quiz_counts_by_complaint ON quiz_counts (complaint, condition_id)"},
};

typedef struct S_sqlite {
  sqlite3 *db;
  pthread_mutex_t lock; /* one operation, and its transaction, at a time */
} S_sqlite;

/* Creates the folder that will hold `path`, one level at a time. */
static int S_make_parent(const char *path, char *why, size_t why_size) {
  char dir[1024];
  snprintf(dir, sizeof dir, "%s", path);
  char *slash = strrchr(dir, '/');
  if (slash == NULL || slash == dir) {
    return 0;
  }
  *slash = '\0';
  for (char *p = dir + 1; *p != '\0'; p++) {
    if (*p == '/') {
      *p = '\0';
      mkdir(dir, 0755);
      *p = '/';
    }
  }
  if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
    snprintf(why, why_size, "cannot create the folder %s: %s", dir, strerror(errno));
    return -1;
  }
  return 0;
}

/* Runs fixed SQL (no values from outside: DDL, BEGIN, COMMIT). */
static int S_exec(sqlite3 *db, const char *sql, char *why, size_t why_size) {
  char *message = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &message) != SQLITE_OK) {
    snprintf(why, why_size, "SQLite: %s", message != NULL ? message : sqlite3_errmsg(db));
    sqlite3_free(message);
    return -1;
  }
  return 0;
}

static int S_current_version(sqlite3 *db) {
  sqlite3_stmt *stmt = NULL;
  int version = 0;
  if (sqlite3_prepare_v2(db, "SELECT coalesce(max(version), 0) FROM schema_migrations", -1, &stmt,
                         NULL) == SQLITE_OK &&
      sqlite3_step(stmt) == SQLITE_ROW) {
    version = sqlite3_column_int(stmt, 0);
  }
  sqlite3_finalize(stmt);
  return version;
}

static int S_record(sqlite3 *db, int version) {
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2(db, "INSERT INTO schema_migrations (version) VALUES (?1)", -1, &stmt,
                              NULL);
  if (rc == SQLITE_OK) {
    sqlite3_bind_int(stmt, 1, version);
    rc = sqlite3_step(stmt) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
  }
  sqlite3_finalize(stmt);
  return rc == SQLITE_OK ? 0 : -1;
}

/* Applies one migration unless another process already did: the version
   is read inside the write transaction, so two processes starting on one
   file never both apply it. */
static int S_apply(sqlite3 *db, const S_migration *m, char *why, size_t why_size) {
  if (S_exec(db, "BEGIN IMMEDIATE", why, why_size) != 0) {
    return -1;
  }
  if (S_current_version(db) < m->version &&
      (S_exec(db, m->sql, why, why_size) != 0 || S_record(db, m->version) != 0)) {
    char message[256];
    snprintf(message, sizeof message, "%s", sqlite3_errmsg(db));
    S_exec(db, "ROLLBACK", why, why_size);
    snprintf(why, why_size, "migration %d failed: %s", m->version, message);
    return -1;
  }
  return S_exec(db, "COMMIT", why, why_size);
}

static int S_migrate(sqlite3 *db, char *why, size_t why_size) {
  if (S_exec(db, S_MIGRATIONS[0].sql, why, why_size) != 0) {
    return -1;
  }
  for (size_t i = 1; i < sizeof S_MIGRATIONS / sizeof S_MIGRATIONS[0]; i++) {
    if (S_apply(db, &S_MIGRATIONS[i], why, why_size) != 0) {
      return -1;
    }
  }
  return 0;
}

/* --- statements ------------------------------------------------------ */

/* What an SQLite result code (extended codes are on) means to a caller. */
static srv_store_result S_result(int rc) {
  switch (rc & 0xFF) {
  case SQLITE_OK:
  case SQLITE_ROW:
  case SQLITE_DONE:
    return SRV_STORE_OK;
  case SQLITE_CONSTRAINT:
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
      return SRV_STORE_CONFLICT;
    }
    return rc == SQLITE_CONSTRAINT_FOREIGNKEY ? SRV_STORE_NOT_FOUND : SRV_STORE_INVALID;
  case SQLITE_TOOBIG:
  case SQLITE_MISMATCH:
  case SQLITE_RANGE:
    return SRV_STORE_INVALID;
  default:
    return SRV_STORE_UNAVAILABLE; /* busy past the timeout, I/O error, full disk */
  }
}

/* A statement's values, bound in order to ?1, ?2...: a text (NULL binds
   SQL NULL) or a number. */
typedef struct S_value {
  const char *text;
  int64_t number;
  bool is_number;
} S_value;

#define S_TEXT(t) ((S_value){(t), 0, false})
#define S_NUMBER(n) ((S_value){NULL, (n), true})

/* Prepares `sql` and binds `count` values. On failure *stmt is NULL. */
static int S_prepare(sqlite3 *db, const char *sql, const S_value *values, int count,
                     sqlite3_stmt **stmt) {
  int rc = sqlite3_prepare_v2(db, sql, -1, stmt, NULL);
  for (int i = 0; rc == SQLITE_OK && i < count; i++) {
    rc = values[i].is_number ? sqlite3_bind_int64(*stmt, i + 1, values[i].number)
         : values[i].text != NULL
             ? sqlite3_bind_text(*stmt, i + 1, values[i].text, -1, SQLITE_STATIC)
             : sqlite3_bind_null(*stmt, i + 1);
  }
  if (rc != SQLITE_OK) {
    sqlite3_finalize(*stmt);
    *stmt = NULL;
  }
  return rc;
}

/* Runs a statement that returns no rows; *changes (may be NULL) is how
   many rows it wrote. */
static srv_store_result S_run(sqlite3 *db, const char *sql, const S_value *values, int count,
                              int *changes) {
  sqlite3_stmt *stmt = NULL;
  int rc = S_prepare(db, sql, values, count, &stmt);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  if (changes != NULL) {
    *changes = rc == SQLITE_DONE ? sqlite3_changes(db) : 0;
  }
  return S_result(rc);
}

/* A text column as a malloc'd string ("" for NULL). */
static char *S_column(sqlite3_stmt *stmt, int column) {
  const unsigned char *text = sqlite3_column_text(stmt, column);
  return strdup(text != NULL ? (const char *)text : "");
}

/* Wraps `body` in BEGIN IMMEDIATE ... COMMIT; rolls back unless it
   answers SRV_STORE_OK. */
static srv_store_result S_transaction(sqlite3 *db,
                                      srv_store_result (*body)(sqlite3 *db, const void *arg),
                                      const void *arg) {
  srv_store_result result = S_result(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL));
  if (result != SRV_STORE_OK) {
    return result;
  }
  result = body(db, arg);
  if (result == SRV_STORE_OK) {
    result = S_result(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL));
  }
  if (result != SRV_STORE_OK) {
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
  }
  return result;
}

static void S_lock(S_sqlite *s) {
  pthread_mutex_lock(&s->lock);
}

static void S_unlock(S_sqlite *s) {
  pthread_mutex_unlock(&s->lock);
}

/* --- stories --------------------------------------------------------- */

#define S_STORY_COLUMNS                                                                            \
  "SELECT id, complaint, title, body, initial, status, reason, created_at, decided_at FROM "       \
  "stories"

static srv_store_result S_story_add(void *h, const char *complaint, const char *title,
                                    const char *body, const char *initial, int64_t *id) {
  S_sqlite *s = h;
  const S_value values[] = {S_TEXT(complaint), S_TEXT(title), S_TEXT(body), S_TEXT(initial)};
  S_lock(s);
  srv_store_result result =
      S_run(s->db, "INSERT INTO stories (complaint, title, body, initial) VALUES (?1, ?2, ?3, ?4)",
            values, 4, NULL);
  *id = result == SRV_STORE_OK ? sqlite3_last_insert_rowid(s->db) : 0;
  S_unlock(s);
  return result;
}

static bool S_story_read(sqlite3_stmt *stmt, srv_story *story) {
  story->id = sqlite3_column_int64(stmt, 0);
  story->complaint = S_column(stmt, 1);
  story->title = S_column(stmt, 2);
  story->body = S_column(stmt, 3);
  story->initial = S_column(stmt, 4);
  story->status = (srv_story_status)sqlite3_column_int(stmt, 5);
  story->reason = S_column(stmt, 6);
  story->created_at = S_column(stmt, 7);
  story->decided_at = S_column(stmt, 8);
  return story->complaint != NULL && story->title != NULL && story->body != NULL &&
         story->initial != NULL && story->reason != NULL && story->created_at != NULL &&
         story->decided_at != NULL;
}

/* The filter's SQL: one text per combination, so each can use an index.
   ?1 is the complaint, ?2 the status (bound even when unused). */
static const char *S_story_filter(const char *complaint, int status) {
  static const char *const S_WHERE[] = {
      " WHERE ?1 IS NULL AND ?2 < 0",
      " WHERE complaint = ?1 AND ?2 < 0",
      " WHERE ?1 IS NULL AND status = ?2",
      " WHERE complaint = ?1 AND status = ?2",
  };
  return S_WHERE[(complaint != NULL ? 1 : 0) + (status >= 0 ? 2 : 0)];
}

static int64_t S_clamp(size_t n) {
  return n > INT64_MAX ? INT64_MAX : (int64_t)n;
}

static srv_store_result S_story_list_rows(sqlite3_stmt *stmt, srv_story_list *out) {
  size_t capacity = 0;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    if (out->count == capacity) {
      capacity = capacity == 0 ? 8 : capacity * 2;
      srv_story *items = realloc(out->items, capacity * sizeof *items);
      if (items == NULL) {
        return SRV_STORE_UNAVAILABLE;
      }
      out->items = items;
    }
    srv_story *story = &out->items[out->count++];
    memset(story, 0, sizeof *story);
    if (!S_story_read(stmt, story)) {
      return SRV_STORE_UNAVAILABLE;
    }
  }
  return S_result(rc);
}

static srv_store_result S_story_list(void *h, const char *complaint, int status, size_t limit,
                                     size_t offset, srv_story_list *out) {
  S_sqlite *s = h;
  char sql[512];
  snprintf(sql, sizeof sql, "%s%s ORDER BY id DESC LIMIT ?3 OFFSET ?4", S_STORY_COLUMNS,
           S_story_filter(complaint, status));
  const S_value values[] = {S_TEXT(complaint), S_NUMBER(status), S_NUMBER(S_clamp(limit)),
                            S_NUMBER(S_clamp(offset))};
  S_lock(s);
  sqlite3_stmt *stmt = NULL;
  srv_store_result result = S_result(S_prepare(s->db, sql, values, 4, &stmt));
  if (result == SRV_STORE_OK) {
    result = S_story_list_rows(stmt, out);
  }
  sqlite3_finalize(stmt);
  S_unlock(s);
  return result;
}

/* Runs a one-row, one-number query; NOT_FOUND when it returns no row. */
static srv_store_result S_number(S_sqlite *s, const char *sql, const S_value *values, int count,
                                 int64_t *number) {
  S_lock(s);
  sqlite3_stmt *stmt = NULL;
  int rc = S_prepare(s->db, sql, values, count, &stmt);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(stmt);
  }
  *number = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
  sqlite3_finalize(stmt);
  S_unlock(s);
  return rc == SQLITE_DONE ? SRV_STORE_NOT_FOUND : S_result(rc);
}

static srv_store_result S_story_count(void *h, const char *complaint, int status, int64_t *count) {
  char sql[256];
  snprintf(sql, sizeof sql, "SELECT count(*) FROM stories%s", S_story_filter(complaint, status));
  const S_value values[] = {S_TEXT(complaint), S_NUMBER(status)};
  return S_number(h, sql, values, 2, count);
}

static srv_store_result S_story_get(void *h, int64_t id, srv_story *out) {
  S_sqlite *s = h;
  const S_value values[] = {S_NUMBER(id)};
  S_lock(s);
  sqlite3_stmt *stmt = NULL;
  int rc = S_prepare(s->db, S_STORY_COLUMNS " WHERE id = ?1", values, 1, &stmt);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(stmt);
  }
  srv_store_result result = rc == SQLITE_DONE ? SRV_STORE_NOT_FOUND : S_result(rc);
  if (rc == SQLITE_ROW && !S_story_read(stmt, out)) {
    result = SRV_STORE_UNAVAILABLE;
  }
  sqlite3_finalize(stmt);
  S_unlock(s);
  return result;
}

static srv_store_result S_audit_insert(sqlite3 *db, const char *editor, const char *action,
                                       int64_t story_id, const char *detail) {
  const S_value values[] = {S_TEXT(editor), S_TEXT(action),
                            story_id > 0 ? S_NUMBER(story_id) : S_TEXT(NULL), S_TEXT(detail)};
  return S_run(db, "INSERT INTO audit (editor, action, story_id, detail) VALUES (?1, ?2, ?3, ?4)",
               values, 4, NULL);
}

typedef struct S_change {
  int64_t id;
  srv_story_status status; /* decide */
  const char *reason;      /* decide */
  const char *title;       /* edit */
  const char *body;        /* edit */
  const char *editor;
} S_change;

static srv_store_result S_decide_body(sqlite3 *db, const void *arg) {
  const S_change *c = arg;
  const S_value values[] = {S_NUMBER(c->id), S_NUMBER(c->status), S_TEXT(c->reason)};
  int changes = 0;
  srv_store_result result = S_run(db,
                                  "UPDATE stories SET status = ?2, reason = ?3, "
                                  "decided_at = " S_NOW " WHERE id = ?1",
                                  values, 3, &changes);
  if (result == SRV_STORE_OK && changes == 0) {
    return SRV_STORE_NOT_FOUND;
  }
  const char *action = c->status == SRV_STORY_APPROVED ? "approve" : "reject";
  return result == SRV_STORE_OK ? S_audit_insert(db, c->editor, action, c->id, c->reason) : result;
}

static srv_store_result S_story_decide(void *h, int64_t id, srv_story_status status,
                                       const char *reason, const char *editor) {
  S_sqlite *s = h;
  const S_change change = {id, status, reason, NULL, NULL, editor};
  S_lock(s);
  srv_store_result result = S_transaction(s->db, S_decide_body, &change);
  S_unlock(s);
  return result;
}

static srv_store_result S_edit_body(sqlite3 *db, const void *arg) {
  const S_change *c = arg;
  const S_value values[] = {S_NUMBER(c->id), S_TEXT(c->title), S_TEXT(c->body)};
  int changes = 0;
  srv_store_result result =
      S_run(db, "UPDATE stories SET title = ?2, body = ?3 WHERE id = ?1", values, 3, &changes);
  if (result == SRV_STORE_OK && changes == 0) {
    return SRV_STORE_NOT_FOUND;
  }
  return result == SRV_STORE_OK ? S_audit_insert(db, c->editor, "edit", c->id, "") : result;
}

static srv_store_result S_story_edit(void *h, int64_t id, const char *title, const char *body,
                                     const char *editor) {
  S_sqlite *s = h;
  const S_change change = {id, SRV_STORY_PENDING, NULL, title, body, editor};
  S_lock(s);
  srv_store_result result = S_transaction(s->db, S_edit_body, &change);
  S_unlock(s);
  return result;
}

/* --- editors, sessions, audit ---------------------------------------- */

/* Runs one statement that writes, under the lock; *changes as in S_run. */
static srv_store_result S_write(S_sqlite *s, const char *sql, const S_value *values, int count,
                                int *changes) {
  S_lock(s);
  srv_store_result result = S_run(s->db, sql, values, count, changes);
  S_unlock(s);
  return result;
}

/* Runs a one-row, one-text query: *text is malloc'd; NOT_FOUND when no
   row comes back. */
static srv_store_result S_text(S_sqlite *s, const char *sql, const S_value *values, int count,
                               char **text) {
  S_lock(s);
  sqlite3_stmt *stmt = NULL;
  int rc = S_prepare(s->db, sql, values, count, &stmt);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(stmt);
  }
  srv_store_result result = rc == SQLITE_DONE ? SRV_STORE_NOT_FOUND : S_result(rc);
  if (rc == SQLITE_ROW && (*text = S_column(stmt, 0)) == NULL) {
    result = SRV_STORE_UNAVAILABLE;
  }
  sqlite3_finalize(stmt);
  S_unlock(s);
  return result;
}

static srv_store_result S_editor_add(void *h, const char *name, const char *password_hash) {
  const S_value values[] = {S_TEXT(name), S_TEXT(password_hash)};
  return S_write(h, "INSERT INTO editors (name, password_hash) VALUES (?1, ?2)", values, 2, NULL);
}

static srv_store_result S_editor_hash(void *h, const char *name, char **hash) {
  const S_value values[] = {S_TEXT(name)};
  return S_text(h, "SELECT password_hash FROM editors WHERE name = ?1", values, 1, hash);
}

/* Expired sessions are removed whenever a new one starts. */
static srv_store_result S_session_add(void *h, const char *token_hash, const char *editor,
                                      int64_t expires_unix) {
  S_sqlite *s = h;
  const S_value values[] = {S_TEXT(token_hash), S_TEXT(editor), S_NUMBER(expires_unix)};
  S_lock(s);
  srv_store_result result = S_run(
      s->db, "DELETE FROM sessions WHERE expires_unix <= CAST(strftime('%s', 'now') AS INTEGER)",
      NULL, 0, NULL);
  if (result == SRV_STORE_OK) {
    result =
        S_run(s->db, "INSERT INTO sessions (token_hash, editor, expires_unix) VALUES (?1, ?2, ?3)",
              values, 3, NULL);
  }
  S_unlock(s);
  return result;
}

static srv_store_result S_session_editor(void *h, const char *token_hash, int64_t now_unix,
                                         char **editor) {
  const S_value values[] = {S_TEXT(token_hash), S_NUMBER(now_unix)};
  return S_text(h, "SELECT editor FROM sessions WHERE token_hash = ?1 AND expires_unix > ?2",
                values, 2, editor);
}

static srv_store_result S_session_delete(void *h, const char *token_hash) {
  const S_value values[] = {S_TEXT(token_hash)};
  int changes = 0;
  srv_store_result result =
      S_write(h, "DELETE FROM sessions WHERE token_hash = ?1", values, 1, &changes);
  return result == SRV_STORE_OK && changes == 0 ? SRV_STORE_NOT_FOUND : result;
}

static srv_store_result S_audit_add(void *h, const char *editor, const char *action,
                                    int64_t story_id, const char *detail) {
  S_sqlite *s = h;
  S_lock(s);
  srv_store_result result = S_audit_insert(s->db, editor, action, story_id, detail);
  S_unlock(s);
  return result;
}

static srv_store_result S_audit_rows(sqlite3_stmt *stmt, srv_audit_list *out) {
  size_t capacity = 0;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    if (out->count == capacity) {
      capacity = capacity == 0 ? 8 : capacity * 2;
      srv_audit_entry *items = realloc(out->items, capacity * sizeof *items);
      if (items == NULL) {
        return SRV_STORE_UNAVAILABLE;
      }
      out->items = items;
    }
    srv_audit_entry *e = &out->items[out->count++];
    e->id = sqlite3_column_int64(stmt, 0);
    e->at = S_column(stmt, 1);
    e->editor = S_column(stmt, 2);
    e->action = S_column(stmt, 3);
    e->story_id = sqlite3_column_int64(stmt, 4);
    e->detail = S_column(stmt, 5);
    if (e->at == NULL || e->editor == NULL || e->action == NULL || e->detail == NULL) {
      return SRV_STORE_UNAVAILABLE;
    }
  }
  return S_result(rc);
}

static srv_store_result S_audit_list(void *h, size_t limit, srv_audit_list *out) {
  S_sqlite *s = h;
  const S_value values[] = {S_NUMBER(S_clamp(limit))};
  S_lock(s);
  sqlite3_stmt *stmt = NULL;
  srv_store_result result =
      S_result(S_prepare(s->db,
                         "SELECT id, at, editor, action, coalesce(story_id, 0), detail FROM audit"
                         " ORDER BY id DESC LIMIT ?1",
                         values, 1, &stmt));
  if (result == SRV_STORE_OK) {
    result = S_audit_rows(stmt, out);
  }
  sqlite3_finalize(stmt);
  S_unlock(s);
  return result;
}

/* --- votes and quiz statistics --------------------------------------- */

static srv_store_result S_vote(void *h, const char *complaint, const char *voter_hash,
                               bool helpful) {
  const S_value values[] = {S_TEXT(complaint), S_TEXT(voter_hash), S_NUMBER(helpful ? 1 : 0)};
  return S_write(h,
                 "INSERT INTO votes (complaint, voter_hash, helpful) VALUES (?1, ?2, ?3)"
                 " ON CONFLICT (complaint, voter_hash) DO UPDATE SET helpful = excluded.helpful",
                 values, 3, NULL);
}

static srv_store_result S_vote_counts(void *h, const char *complaint, int64_t *helpful,
                                      int64_t *not_helpful) {
  S_sqlite *s = h;
  const S_value values[] = {S_TEXT(complaint)};
  S_lock(s);
  sqlite3_stmt *stmt = NULL;
  int rc = S_prepare(s->db,
                     "SELECT coalesce(sum(helpful), 0), count(*) - coalesce(sum(helpful), 0)"
                     " FROM votes WHERE complaint = ?1",
                     values, 1, &stmt);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(stmt);
  }
  if (rc == SQLITE_ROW) {
    *helpful = sqlite3_column_int64(stmt, 0);
    *not_helpful = sqlite3_column_int64(stmt, 1);
  }
  sqlite3_finalize(stmt);
  S_unlock(s);
  return S_result(rc);
}

static srv_store_result S_quiz_count(void *h, const char *day, const char *complaint,
                                     const char *condition, const char *triage) {
  const S_value values[] = {S_TEXT(day), S_TEXT(complaint), S_TEXT(condition), S_TEXT(triage)};
  return S_write(h,
                 "INSERT INTO quiz_counts (day, complaint, condition_id, triage, quizzes)"
                 " VALUES (?1, ?2, ?3, ?4, 1) ON CONFLICT (day, complaint, condition_id, triage)"
                 " DO UPDATE SET quizzes = quizzes + 1",
                 values, 4, NULL);
}

static srv_store_result S_quiz_rows(sqlite3_stmt *stmt, srv_condition_counts *out) {
  size_t capacity = 0;
  int rc;
  while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    if (out->count == capacity) {
      capacity = capacity == 0 ? 8 : capacity * 2;
      srv_condition_count *items = realloc(out->items, capacity * sizeof *items);
      if (items == NULL) {
        return SRV_STORE_UNAVAILABLE;
      }
      out->items = items;
    }
    srv_condition_count *c = &out->items[out->count++];
    c->count = sqlite3_column_int64(stmt, 1);
    if ((c->condition = S_column(stmt, 0)) == NULL) {
      return SRV_STORE_UNAVAILABLE;
    }
  }
  return S_result(rc);
}

static srv_store_result S_quiz_top(void *h, const char *complaint, srv_condition_counts *out) {
  S_sqlite *s = h;
  const S_value values[] = {S_TEXT(complaint)};
  S_lock(s);
  sqlite3_stmt *stmt = NULL;
  srv_store_result result = S_result(
      S_prepare(s->db,
                "SELECT condition_id, sum(quizzes) AS n FROM quiz_counts WHERE complaint = ?1"
                " GROUP BY condition_id ORDER BY n DESC, condition_id ASC",
                values, 1, &stmt));
  if (result == SRV_STORE_OK) {
    result = S_quiz_rows(stmt, out);
  }
  sqlite3_finalize(stmt);
  S_unlock(s);
  return result;
}

/* --- the backend ----------------------------------------------------- */

static int S_ping(void *handle) {
  S_sqlite *s = handle;
  int64_t one = 0;
  return S_number(s, "SELECT 1", NULL, 0, &one) == SRV_STORE_OK && one == 1 ? 0 : -1;
}

static void S_close(void *handle) {
  S_sqlite *s = handle;
  sqlite3_close(s->db);
  pthread_mutex_destroy(&s->lock);
  free(s);
}

static const srv_store_ops S_STORE = {
    S_story_add,  S_story_list,  S_story_count, S_story_get,      S_story_decide,   S_story_edit,
    S_editor_add, S_editor_hash, S_session_add, S_session_editor, S_session_delete, S_audit_add,
    S_audit_list, S_vote,        S_vote_counts, S_quiz_count,     S_quiz_top,
};

static const srv_db_backend S_SQLITE = {"sqlite", S_ping, S_close, &S_STORE};

/* WAL, full sync, foreign keys and a busy timeout, then the migrations. */
static int S_setup(sqlite3 *db, char *why, size_t why_size) {
  sqlite3_busy_timeout(db, 5000);
  sqlite3_extended_result_codes(db, 1);
  if (S_exec(db, "PRAGMA journal_mode=WAL", why, why_size) != 0 ||
      S_exec(db, "PRAGMA synchronous=FULL", why, why_size) != 0 ||
      S_exec(db, "PRAGMA foreign_keys=ON", why, why_size) != 0) {
    return -1;
  }
  return S_migrate(db, why, why_size);
}

srv_db_status srv_db_open_sqlite(const char *path, srv_db **out, char *why, size_t why_size) {
  *out = NULL;
  if (S_make_parent(path, why, why_size) != 0) {
    return SRV_DB_FAILED;
  }
  sqlite3 *handle = NULL;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
  if (sqlite3_open_v2(path, &handle, flags, NULL) != SQLITE_OK) {
    snprintf(why, why_size, "cannot open the database %s: %s", path,
             handle != NULL ? sqlite3_errmsg(handle) : "out of memory");
    sqlite3_close(handle);
    return SRV_DB_FAILED;
  }
  srv_db *db = calloc(1, sizeof *db);
  S_sqlite *s = calloc(1, sizeof *s);
  if (db == NULL || s == NULL || S_setup(handle, why, why_size) != 0) {
    if (db == NULL || s == NULL) {
      snprintf(why, why_size, "out of memory");
    }
    sqlite3_close(handle);
    free(db);
    free(s);
    return SRV_DB_FAILED;
  }
  s->db = handle;
  pthread_mutex_init(&s->lock, NULL);
  db->backend = &S_SQLITE;
  db->handle = s;
  *out = db;
  return SRV_DB_OK;
}
