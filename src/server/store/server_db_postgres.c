/*
 * server_db_postgres.c - the PostgreSQL backend (libpq). Several symcheck
 * processes may share one database: each keeps a small pool of
 * connections, and every operation is one statement sent with
 * PQexecParams (values apart from the SQL, never spliced in). An operation
 * that writes two tables (a decision and its audit record) is one
 * statement with a data-modifying WITH, so it commits as a whole.
 *
 * When PostgreSQL goes away the operations answer SRV_STORE_UNAVAILABLE at
 * once (a refused connection) or after connect_timeout (2 s); when it comes
 * back, the next operation connects again: a pooled connection is checked
 * for a closed socket before use, so a restart of PostgreSQL costs no
 * failed request. Migrations run at open under an advisory lock, so
 * servers starting together apply each one once.
 */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server_db.h"
#include "server_store.h"

#define S_POOL 8                      /* connections per process */
#define S_LOCK_KEY "727379636865636b" /* advisory lock id for migrations */
#define S_UTC(column) "to_char(" column " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

typedef struct S_migration {
  int version;
  const char *sql;
} S_migration;

/* Append only, like the SQLite backend's list, with the same versions,
   tables and constraints in PostgreSQL's dialect. */
static const S_migration S_MIGRATIONS[] = {
    {2, "CREATE TABLE stories ("
        " id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
        " complaint TEXT NOT NULL CHECK (char_length(complaint) BETWEEN 1 AND 128),"
        " title TEXT NOT NULL CHECK (char_length(title) BETWEEN 1 AND 120),"
        " body TEXT NOT NULL CHECK (char_length(body) BETWEEN 20 AND 4000),"
        " initial TEXT NOT NULL CHECK (char_length(initial) = 1),"
        " status SMALLINT NOT NULL DEFAULT 0 CHECK (status IN (0, 1, 2)),"
        " reason TEXT NOT NULL DEFAULT '' CHECK (char_length(reason) <= 280),"
        " created_at TIMESTAMPTZ NOT NULL DEFAULT now(),"
        " decided_at TIMESTAMPTZ);"
        "CREATE INDEX stories_by_complaint ON stories (complaint, status, id);"
        "CREATE INDEX stories_by_status ON stories (status, id);"
        "CREATE TABLE editors ("
        " name TEXT PRIMARY KEY CHECK (char_length(name) BETWEEN 1 AND 64),"
        " password_hash TEXT NOT NULL CHECK (password_hash <> ''),"
        " created_at TIMESTAMPTZ NOT NULL DEFAULT now());"
        "CREATE TABLE sessions ("
        " token_hash TEXT PRIMARY KEY CHECK (char_length(token_hash) = 64),"
        " editor TEXT NOT NULL REFERENCES editors (name) ON DELETE CASCADE,"
        " expires_unix BIGINT NOT NULL);"
        "CREATE INDEX sessions_by_expiry ON sessions (expires_unix);"
        "CREATE INDEX sessions_by_editor ON sessions (editor);"
        "CREATE TABLE audit ("
        " id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
        " at TIMESTAMPTZ NOT NULL DEFAULT now(),"
        " editor TEXT NOT NULL CHECK (char_length(editor) BETWEEN 1 AND 64),"
        " action TEXT NOT NULL"
        "  CHECK (action IN ('approve', 'reject', 'edit', 'login', 'logout')),"
        " story_id BIGINT REFERENCES stories (id),"
        " detail TEXT NOT NULL DEFAULT '');"
        "CREATE INDEX audit_by_story ON audit (story_id);"
        "CREATE TABLE votes ("
        " complaint TEXT NOT NULL CHECK (char_length(complaint) BETWEEN 1 AND 128),"
        " voter_hash TEXT NOT NULL CHECK (char_length(voter_hash) = 64),"
        " helpful BOOLEAN NOT NULL,"
        " PRIMARY KEY (complaint, voter_hash));"
        "CREATE TABLE quiz_counts ("
        " day DATE NOT NULL,"
        " complaint TEXT NOT NULL,"
        " condition_id TEXT NOT NULL,"
        " triage TEXT NOT NULL,"
        " quizzes BIGINT NOT NULL CHECK (quizzes > 0),"
        " PRIMARY KEY (day, complaint, condition_id, triage));"
        "CREATE INDEX quiz_counts_by_complaint ON quiz_counts (complaint, condition_id)"},
};

typedef struct S_pg {
  char *url;
  pthread_mutex_t lock; /* guards `busy` */
  pthread_cond_t freed; /* a connection was given back */
  bool busy[S_POOL];
  /* The rest of a slot is touched only by the thread that borrowed it. */
  PGconn *conns[S_POOL]; /* NULL until needed */
  bool doomed[S_POOL];   /* the server said FATAL: it is closing the connection */
} S_pg;

/* libpq hands over what the server says between statements. A FATAL
   there (PostgreSQL shutting down, or an administrator ending the
   session) means the connection is about to close, even if the socket
   has not closed yet: `arg` is the slot's doomed flag. */
static void S_notice(void *arg, const PGresult *r) {
  const char *severity = PQresultErrorField(r, PG_DIAG_SEVERITY_NONLOCALIZED);
  if (severity != NULL && (strcmp(severity, "FATAL") == 0 || strcmp(severity, "PANIC") == 0)) {
    *(bool *)arg = true;
  }
}

/* Connects; the URL's own settings win over our connect_timeout and our
   5 s statement timeout (so a database that hangs answers 503 instead of
   holding requests), and the client encoding is always UTF-8 (the store
   checks UTF-8). `doomed` is
   the slot's flag (cleared here). NULL when the server does not answer;
   `why` (may be NULL) gets libpq's reason. */
static PGconn *S_connect(const char *url, bool *doomed, char *why, size_t why_size) {
  const char *const keys[] = {"connect_timeout", "application_name", "options",
                              "dbname",          "client_encoding",  NULL};
  const char *const values[] = {"2", "symcheck", "-c statement_timeout=5000", url, "UTF8", NULL};
  PGconn *conn = PQconnectdbParams(keys, values, 1);
  *doomed = false;
  if (conn != NULL && PQstatus(conn) == CONNECTION_OK) {
    PQsetNoticeReceiver(conn, S_notice, doomed);
    return conn;
  }
  if (why != NULL) {
    const char *message = conn != NULL ? PQerrorMessage(conn) : "out of memory";
    snprintf(why, why_size,
             "cannot connect to PostgreSQL: %.*s (check that it is running and that the --db "
             "URL names its host, port, user and database)",
             (int)strcspn(message, "\n"), message);
  }
  PQfinish(conn);
  return NULL;
}

/* True when a pooled connection can be used: the server has not closed
   it nor said it will, and it is not left inside a transaction. Reading
   what is waiting (PQconsumeInput) and parsing it (PQisBusy, which hands
   a FATAL to S_notice) finds both without a round trip. */
static bool S_healthy(PGconn *conn, const bool *doomed) {
  if (PQconsumeInput(conn) == 0 || PQisBusy(conn) || PQstatus(conn) != CONNECTION_OK) {
    return false;
  }
  return !*doomed && PQtransactionStatus(conn) == PQTRANS_IDLE;
}

/* Borrows a pool slot (waiting while all are busy) and returns it with a
   working connection, or -1 when PostgreSQL does not answer. */
static int S_borrow(S_pg *pg, PGconn **conn) {
  pthread_mutex_lock(&pg->lock);
  int slot = -1;
  while (slot < 0) {
    for (int i = 0; i < S_POOL && slot < 0; i++) {
      slot = pg->busy[i] ? -1 : i;
    }
    if (slot < 0) {
      pthread_cond_wait(&pg->freed, &pg->lock);
    }
  }
  pg->busy[slot] = true;
  pthread_mutex_unlock(&pg->lock);
  if (pg->conns[slot] != NULL && !S_healthy(pg->conns[slot], &pg->doomed[slot])) {
    PQfinish(pg->conns[slot]);
    pg->conns[slot] = NULL;
  }
  if (pg->conns[slot] == NULL) {
    char why[256];
    pg->conns[slot] = S_connect(pg->url, &pg->doomed[slot], why, sizeof why);
    if (pg->conns[slot] == NULL) {
      fprintf(stderr, "symcheck: %s\n", why);
    }
  }
  *conn = pg->conns[slot];
  return slot;
}

/* Gives the slot back; a connection that broke is dropped, so the next
   borrower connects afresh. */
static void S_give_back(S_pg *pg, int slot) {
  if (pg->conns[slot] != NULL && PQstatus(pg->conns[slot]) != CONNECTION_OK) {
    PQfinish(pg->conns[slot]);
    pg->conns[slot] = NULL;
  }
  pthread_mutex_lock(&pg->lock);
  pg->busy[slot] = false;
  pthread_cond_signal(&pg->freed);
  pthread_mutex_unlock(&pg->lock);
}

/* What a failed statement means to the caller, by SQLSTATE class. */
static srv_store_result S_failure(PGconn *conn, const PGresult *r) {
  const char *state = r != NULL ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
  if (state == NULL || PQstatus(conn) != CONNECTION_OK) {
    fprintf(stderr, "symcheck: PostgreSQL: %s", PQerrorMessage(conn));
    return SRV_STORE_UNAVAILABLE;
  }
  if (strcmp(state, "23505") == 0) {
    return SRV_STORE_CONFLICT; /* unique_violation */
  }
  if (strcmp(state, "23503") == 0) {
    return SRV_STORE_NOT_FOUND; /* foreign_key_violation */
  }
  if (strncmp(state, "23", 2) == 0 || strncmp(state, "22", 2) == 0) {
    return SRV_STORE_INVALID; /* check, not null; data exceptions */
  }
  fprintf(stderr, "symcheck: PostgreSQL: %s", PQresultErrorMessage(r));
  return SRV_STORE_UNAVAILABLE;
}

/* Runs one statement with `count` text values (NULL = SQL NULL) on a
   pooled connection. On SRV_STORE_OK *out (may be NULL) is the result,
   which the caller PQclear()s. */
static srv_store_result S_run(S_pg *pg, const char *sql, int count, const char *const *values,
                              PGresult **out) {
  PGconn *conn = NULL;
  int slot = S_borrow(pg, &conn);
  srv_store_result result = SRV_STORE_UNAVAILABLE;
  PGresult *r = NULL;
  if (conn != NULL) {
    r = PQexecParams(conn, sql, count, NULL, values, NULL, NULL, 0);
    ExecStatusType status = PQresultStatus(r);
    result =
        status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK ? SRV_STORE_OK : S_failure(conn, r);
  }
  S_give_back(pg, slot);
  if (result == SRV_STORE_OK && out != NULL) {
    *out = r;
  } else {
    PQclear(r);
  }
  return result;
}

/* Runs a statement that returns rows, and how many it returned. */
static srv_store_result S_run_rows(S_pg *pg, const char *sql, int count, const char *const *values,
                                   int *rows) {
  PGresult *r = NULL;
  srv_store_result result = S_run(pg, sql, count, values, &r);
  *rows = result == SRV_STORE_OK ? PQntuples(r) : 0;
  PQclear(r);
  return result;
}

static char *S_value(const PGresult *r, int row, int column) {
  return strdup(PQgetvalue(r, row, column));
}

static int64_t S_number(const PGresult *r, int row, int column) {
  return strtoll(PQgetvalue(r, row, column), NULL, 10);
}

/* An int64 as the text PQexecParams sends. */
typedef struct S_int_text {
  char text[24];
} S_int_text;

static S_int_text S_int(int64_t n) {
  S_int_text t;
  snprintf(t.text, sizeof t.text, "%" PRId64, n);
  return t;
}

static S_int_text S_size(size_t n) {
  return S_int(n > INT64_MAX ? INT64_MAX : (int64_t)n);
}

/* --- stories --------------------------------------------------------- */

#define S_STORY_COLUMNS                                                                            \
  "SELECT id, complaint, title, body, initial, status, reason, " S_UTC(                            \
      "created_at") ", "                                                                           \
                    "coalesce(" S_UTC("decided_at") ", '') FROM stories"

static srv_store_result S_story_add(void *h, const char *complaint, const char *title,
                                    const char *body, const char *initial, int64_t *id) {
  const char *const values[] = {complaint, title, body, initial};
  PGresult *r = NULL;
  srv_store_result result = S_run(h,
                                  "INSERT INTO stories (complaint, title, body, initial)"
                                  " VALUES ($1, $2, $3, $4) RETURNING id",
                                  4, values, &r);
  if (result == SRV_STORE_OK) {
    *id = S_number(r, 0, 0);
  }
  PQclear(r);
  return result;
}

static bool S_story_read(const PGresult *r, int row, srv_story *story) {
  story->id = S_number(r, row, 0);
  story->complaint = S_value(r, row, 1);
  story->title = S_value(r, row, 2);
  story->body = S_value(r, row, 3);
  story->initial = S_value(r, row, 4);
  story->status = (srv_story_status)S_number(r, row, 5);
  story->reason = S_value(r, row, 6);
  story->created_at = S_value(r, row, 7);
  story->decided_at = S_value(r, row, 8);
  return story->complaint != NULL && story->title != NULL && story->body != NULL &&
         story->initial != NULL && story->reason != NULL && story->created_at != NULL &&
         story->decided_at != NULL;
}

/* One filter text per combination, so each can use an index; $1 is the
   complaint, $2 the status (both always sent). */
static const char *S_story_filter(const char *complaint, int status) {
  static const char *const S_WHERE[] = {
      " WHERE $1::text IS NULL AND $2::int < 0",
      " WHERE complaint = $1::text AND $2::int < 0",
      " WHERE $1::text IS NULL AND status = $2::int",
      " WHERE complaint = $1::text AND status = $2::int",
  };
  return S_WHERE[(complaint != NULL ? 1 : 0) + (status >= 0 ? 2 : 0)];
}

static srv_store_result S_story_list(void *h, const char *complaint, int status, size_t limit,
                                     size_t offset, srv_story_list *out) {
  char sql[768];
  snprintf(sql, sizeof sql, "%s%s ORDER BY id DESC LIMIT $3::bigint OFFSET $4::bigint",
           S_STORY_COLUMNS, S_story_filter(complaint, status));
  S_int_text s = S_int(status), l = S_size(limit), o = S_size(offset);
  const char *const values[] = {complaint, s.text, l.text, o.text};
  PGresult *r = NULL;
  srv_store_result result = S_run(h, sql, 4, values, &r);
  int rows = result == SRV_STORE_OK ? PQntuples(r) : 0;
  if (rows > 0 && (out->items = calloc((size_t)rows, sizeof *out->items)) == NULL) {
    result = SRV_STORE_UNAVAILABLE;
  }
  for (int i = 0; result == SRV_STORE_OK && i < rows; i++) {
    out->count++;
    result = S_story_read(r, i, &out->items[i]) ? SRV_STORE_OK : SRV_STORE_UNAVAILABLE;
  }
  PQclear(r);
  return result;
}

static srv_store_result S_story_count(void *h, const char *complaint, int status, int64_t *count) {
  char sql[256];
  snprintf(sql, sizeof sql, "SELECT count(*) FROM stories%s", S_story_filter(complaint, status));
  S_int_text s = S_int(status);
  const char *const values[] = {complaint, s.text};
  PGresult *r = NULL;
  srv_store_result result = S_run(h, sql, 2, values, &r);
  if (result == SRV_STORE_OK) {
    *count = S_number(r, 0, 0);
  }
  PQclear(r);
  return result;
}

static srv_store_result S_story_get(void *h, int64_t id, srv_story *out) {
  S_int_text i = S_int(id);
  const char *const values[] = {i.text};
  PGresult *r = NULL;
  srv_store_result result = S_run(h, S_STORY_COLUMNS " WHERE id = $1::bigint", 1, values, &r);
  if (result == SRV_STORE_OK) {
    result = PQntuples(r) == 0         ? SRV_STORE_NOT_FOUND
             : S_story_read(r, 0, out) ? SRV_STORE_OK
                                       : SRV_STORE_UNAVAILABLE;
  }
  PQclear(r);
  return result;
}

static srv_store_result S_story_decide(void *h, int64_t id, srv_story_status status,
                                       const char *reason, const char *editor) {
  S_int_text i = S_int(id), s = S_int(status);
  const char *action = status == SRV_STORY_APPROVED ? "approve" : "reject";
  const char *const values[] = {i.text, s.text, reason, editor, action};
  int rows = 0;
  srv_store_result result =
      S_run_rows(h,
                 "WITH decided AS (UPDATE stories SET status = $2::smallint, reason = $3,"
                 " decided_at = now() WHERE id = $1::bigint RETURNING id)"
                 " INSERT INTO audit (editor, action, story_id, detail)"
                 " SELECT $4, $5, id, $3 FROM decided RETURNING id",
                 5, values, &rows);
  return result == SRV_STORE_OK && rows == 0 ? SRV_STORE_NOT_FOUND : result;
}

static srv_store_result S_story_edit(void *h, int64_t id, const char *title, const char *body,
                                     const char *editor) {
  S_int_text i = S_int(id);
  const char *const values[] = {i.text, title, body, editor};
  int rows = 0;
  srv_store_result result = S_run_rows(h,
                                       "WITH edited AS (UPDATE stories SET title = $2, body = $3"
                                       " WHERE id = $1::bigint RETURNING id)"
                                       " INSERT INTO audit (editor, action, story_id, detail)"
                                       " SELECT $4, 'edit', id, '' FROM edited RETURNING id",
                                       4, values, &rows);
  return result == SRV_STORE_OK && rows == 0 ? SRV_STORE_NOT_FOUND : result;
}

/* --- editors, sessions, audit ---------------------------------------- */

/* A one-row, one-text query: *text is malloc'd; NOT_FOUND without a row. */
static srv_store_result S_text(S_pg *pg, const char *sql, int count, const char *const *values,
                               char **text) {
  PGresult *r = NULL;
  srv_store_result result = S_run(pg, sql, count, values, &r);
  if (result == SRV_STORE_OK) {
    result = PQntuples(r) == 0                    ? SRV_STORE_NOT_FOUND
             : (*text = S_value(r, 0, 0)) != NULL ? SRV_STORE_OK
                                                  : SRV_STORE_UNAVAILABLE;
  }
  PQclear(r);
  return result;
}

static srv_store_result S_editor_add(void *h, const char *name, const char *password_hash) {
  const char *const values[] = {name, password_hash};
  return S_run(h, "INSERT INTO editors (name, password_hash) VALUES ($1, $2)", 2, values, NULL);
}

static srv_store_result S_editor_hash(void *h, const char *name, char **hash) {
  const char *const values[] = {name};
  return S_text(h, "SELECT password_hash FROM editors WHERE name = $1", 1, values, hash);
}

/* Expired sessions are removed whenever a new one starts. */
static srv_store_result S_session_add(void *h, const char *token_hash, const char *editor,
                                      int64_t expires_unix) {
  S_int_text e = S_int(expires_unix);
  const char *const values[] = {token_hash, editor, e.text};
  return S_run(h,
               "WITH expired AS (DELETE FROM sessions"
               " WHERE expires_unix <= extract(epoch FROM now())::bigint)"
               " INSERT INTO sessions (token_hash, editor, expires_unix)"
               " VALUES ($1, $2, $3::bigint)",
               3, values, NULL);
}

static srv_store_result S_session_editor(void *h, const char *token_hash, int64_t now_unix,
                                         char **editor) {
  S_int_text n = S_int(now_unix);
  const char *const values[] = {token_hash, n.text};
  return S_text(h,
                "SELECT editor FROM sessions WHERE token_hash = $1 AND expires_unix > $2::bigint",
                2, values, editor);
}

static srv_store_result S_session_delete(void *h, const char *token_hash) {
  const char *const values[] = {token_hash};
  int rows = 0;
  srv_store_result result = S_run_rows(
      h, "DELETE FROM sessions WHERE token_hash = $1 RETURNING editor", 1, values, &rows);
  return result == SRV_STORE_OK && rows == 0 ? SRV_STORE_NOT_FOUND : result;
}

static srv_store_result S_audit_add(void *h, const char *editor, const char *action,
                                    int64_t story_id, const char *detail) {
  S_int_text s = S_int(story_id);
  const char *const values[] = {editor, action, story_id > 0 ? s.text : NULL, detail};
  return S_run(h,
               "INSERT INTO audit (editor, action, story_id, detail)"
               " VALUES ($1, $2, $3::bigint, $4)",
               4, values, NULL);
}

static srv_store_result S_audit_list(void *h, size_t limit, srv_audit_list *out) {
  S_int_text l = S_size(limit);
  const char *const values[] = {l.text};
  PGresult *r = NULL;
  srv_store_result result =
      S_run(h,
            "SELECT id, " S_UTC("at") ", editor, action,"
                                      " coalesce(story_id, 0), detail FROM audit"
                                      " ORDER BY id DESC LIMIT $1::bigint",
            1, values, &r);
  int rows = result == SRV_STORE_OK ? PQntuples(r) : 0;
  if (rows > 0 && (out->items = calloc((size_t)rows, sizeof *out->items)) == NULL) {
    result = SRV_STORE_UNAVAILABLE;
  }
  for (int i = 0; result == SRV_STORE_OK && i < rows; i++) {
    srv_audit_entry *e = &out->items[out->count++];
    e->id = S_number(r, i, 0);
    e->at = S_value(r, i, 1);
    e->editor = S_value(r, i, 2);
    e->action = S_value(r, i, 3);
    e->story_id = S_number(r, i, 4);
    e->detail = S_value(r, i, 5);
    if (e->at == NULL || e->editor == NULL || e->action == NULL || e->detail == NULL) {
      result = SRV_STORE_UNAVAILABLE;
    }
  }
  PQclear(r);
  return result;
}

/* --- votes and quiz statistics --------------------------------------- */

static srv_store_result S_vote(void *h, const char *complaint, const char *voter_hash,
                               bool helpful) {
  const char *const values[] = {complaint, voter_hash, helpful ? "true" : "false"};
  return S_run(h,
               "INSERT INTO votes (complaint, voter_hash, helpful) VALUES ($1, $2, $3::boolean)"
               " ON CONFLICT (complaint, voter_hash) DO UPDATE SET helpful = excluded.helpful",
               3, values, NULL);
}

static srv_store_result S_vote_counts(void *h, const char *complaint, int64_t *helpful,
                                      int64_t *not_helpful) {
  const char *const values[] = {complaint};
  PGresult *r = NULL;
  srv_store_result result = S_run(h,
                                  "SELECT count(*) FILTER (WHERE helpful),"
                                  " count(*) FILTER (WHERE NOT helpful)"
                                  " FROM votes WHERE complaint = $1",
                                  1, values, &r);
  if (result == SRV_STORE_OK) {
    *helpful = S_number(r, 0, 0);
    *not_helpful = S_number(r, 0, 1);
  }
  PQclear(r);
  return result;
}

static srv_store_result S_quiz_count(void *h, const char *day, const char *complaint,
                                     const char *condition, const char *triage) {
  const char *const values[] = {day, complaint, condition, triage};
  return S_run(h,
               "INSERT INTO quiz_counts (day, complaint, condition_id, triage, quizzes)"
               " VALUES ($1::date, $2, $3, $4, 1)"
               " ON CONFLICT (day, complaint, condition_id, triage)"
               " DO UPDATE SET quizzes = quiz_counts.quizzes + 1",
               4, values, NULL);
}

/* Ties in byte order (COLLATE "C"), as SQLite sorts them. */
static srv_store_result S_quiz_top(void *h, const char *complaint, srv_condition_counts *out) {
  const char *const values[] = {complaint};
  PGresult *r = NULL;
  srv_store_result result = S_run(h,
                                  "SELECT condition_id, sum(quizzes) AS n FROM quiz_counts"
                                  " WHERE complaint = $1 GROUP BY condition_id"
                                  " ORDER BY n DESC, condition_id COLLATE \"C\"",
                                  1, values, &r);
  int rows = result == SRV_STORE_OK ? PQntuples(r) : 0;
  if (rows > 0 && (out->items = calloc((size_t)rows, sizeof *out->items)) == NULL) {
    result = SRV_STORE_UNAVAILABLE;
  }
  for (int i = 0; result == SRV_STORE_OK && i < rows; i++) {
    srv_condition_count *c = &out->items[out->count++];
    c->count = S_number(r, i, 1);
    result = (c->condition = S_value(r, i, 0)) != NULL ? SRV_STORE_OK : SRV_STORE_UNAVAILABLE;
  }
  PQclear(r);
  return result;
}

/* --- migrations ------------------------------------------------------ */

/* Runs fixed SQL (no outside values) and says whether it worked. */
static bool S_exec(PGconn *conn, const char *sql, char *why, size_t why_size) {
  PGresult *r = PQexec(conn, sql);
  ExecStatusType status = PQresultStatus(r);
  bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
  if (!ok) {
    const char *message = PQerrorMessage(conn);
    snprintf(why, why_size, "PostgreSQL: %.*s", (int)strcspn(message, "\n"), message);
  }
  PQclear(r);
  return ok;
}

/* Runs a statement about one migration version: 1 when it returned a
   row, 0 when none, -1 when it failed. */
static int S_version_statement(PGconn *conn, const char *sql, int version) {
  S_int_text v = S_int(version);
  const char *const values[] = {v.text};
  PGresult *r = PQexecParams(conn, sql, 1, NULL, values, NULL, NULL, 0);
  ExecStatusType status = PQresultStatus(r);
  int answer = status == PGRES_TUPLES_OK    ? (PQntuples(r) > 0 ? 1 : 0)
               : status == PGRES_COMMAND_OK ? 0
                                            : -1;
  PQclear(r);
  return answer;
}

/* Applies one migration in its own transaction unless it is recorded. */
static bool S_apply(PGconn *conn, const S_migration *m, char *why, size_t why_size) {
  if (!S_exec(conn, "BEGIN", why, why_size)) {
    return false;
  }
  int recorded = S_version_statement(
      conn, "SELECT 1 FROM schema_migrations WHERE version = $1::int", m->version);
  bool ok = recorded == 1 ||
            (recorded == 0 && S_exec(conn, m->sql, why, why_size) &&
             S_version_statement(conn, "INSERT INTO schema_migrations (version) VALUES ($1::int)",
                                 m->version) == 0);
  if (ok) {
    return S_exec(conn, "COMMIT", why, why_size);
  }
  char message[256];
  snprintf(message, sizeof message, "%s", why[0] != '\0' ? why : PQerrorMessage(conn));
  S_exec(conn, "ROLLBACK", why, why_size);
  snprintf(why, why_size, "migration %d failed: %s", m->version, message);
  return false;
}

/* Every migration, one process at a time (advisory lock, released when
   done or when the connection ends). */
static bool S_migrate(PGconn *conn, char *why, size_t why_size) {
  why[0] = '\0';
  if (!S_exec(conn, "SELECT pg_advisory_lock(x'" S_LOCK_KEY "'::bigint)", why, why_size)) {
    return false;
  }
  bool ok = S_exec(conn,
                   "CREATE TABLE IF NOT EXISTS schema_migrations ("
                   " version INTEGER PRIMARY KEY,"
                   " applied_at TIMESTAMPTZ NOT NULL DEFAULT now());"
                   "INSERT INTO schema_migrations (version) VALUES (1) ON CONFLICT DO NOTHING",
                   why, why_size);
  for (size_t i = 0; ok && i < sizeof S_MIGRATIONS / sizeof S_MIGRATIONS[0]; i++) {
    ok = S_apply(conn, &S_MIGRATIONS[i], why, why_size);
  }
  char ignored[8];
  S_exec(conn, "SELECT pg_advisory_unlock(x'" S_LOCK_KEY "'::bigint)", ignored, sizeof ignored);
  return ok;
}

/* --- the backend ----------------------------------------------------- */

/* SELECT 1 on a pooled connection; a connection found dead is replaced
   and the question asked once more, so readiness follows the server. */
static int S_ping(void *handle) {
  for (int attempt = 0; attempt < 2; attempt++) {
    PGresult *r = NULL;
    if (S_run(handle, "SELECT 1", 0, NULL, &r) == SRV_STORE_OK) {
      bool one = PQntuples(r) == 1 && strcmp(PQgetvalue(r, 0, 0), "1") == 0;
      PQclear(r);
      return one ? 0 : -1;
    }
  }
  return -1;
}

static void S_close(void *handle) {
  S_pg *pg = handle;
  for (int i = 0; i < S_POOL; i++) {
    PQfinish(pg->conns[i]);
  }
  pthread_cond_destroy(&pg->freed);
  pthread_mutex_destroy(&pg->lock);
  free(pg->url);
  free(pg);
}

static const srv_store_ops S_STORE = {
    S_story_add,  S_story_list,  S_story_count, S_story_get,      S_story_decide,   S_story_edit,
    S_editor_add, S_editor_hash, S_session_add, S_session_editor, S_session_delete, S_audit_add,
    S_audit_list, S_vote,        S_vote_counts, S_quiz_count,     S_quiz_top,
};

static const srv_db_backend S_POSTGRES = {"postgresql", S_ping, S_close, &S_STORE};

srv_db_status srv_db_open_postgres(const char *url, srv_db **out, char *why, size_t why_size) {
  *out = NULL;
  srv_db *db = calloc(1, sizeof *db);
  S_pg *pg = calloc(1, sizeof *pg);
  if (db == NULL || pg == NULL || (pg->url = strdup(url)) == NULL) {
    snprintf(why, why_size, "out of memory");
    free(db);
    free(pg);
    return SRV_DB_FAILED;
  }
  pthread_mutex_init(&pg->lock, NULL);
  pthread_cond_init(&pg->freed, NULL);
  db->backend = &S_POSTGRES;
  db->handle = pg;
  pg->conns[0] = S_connect(url, &pg->doomed[0], why, why_size);
  if (pg->conns[0] == NULL || !S_migrate(pg->conns[0], why, why_size)) {
    srv_db_close(db);
    return SRV_DB_FAILED;
  }
  *out = db;
  return SRV_DB_OK;
}
