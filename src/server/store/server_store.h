/*
 * server_store.h - what the server keeps in its database: readers' stories
 * and their moderation, editors and their sessions, the audit trail,
 * helpful votes and quiz statistics. One interface; each backend
 * (server_db_sqlite.c, server_db_postgres.c) implements srv_store_ops and
 * the functions here (server_store.c) check every value once, then
 * forward to it, so pages, API handlers and CLI commands never know which
 * database they talk to.
 *
 * SRV_STORE_INVALID also covers text that is not valid UTF-8 or holds
 * control characters (line breaks and tabs are allowed in a story's body
 * and a reason), and token or voter hashes that are not 64 lowercase hex
 * digits.
 *
 * Nothing stored identifies a person: a story keeps the first initial the
 * reader chose to give, a vote keeps a hash of a random cookie id, a quiz
 * keeps only a counter. Every statement is prepared; every write is
 * committed (durable) before the function returns SRV_STORE_OK.
 *
 * Strings in returned structs are malloc'd and freed by the matching
 * *_free function; on any result other than SRV_STORE_OK the out
 * parameters are left zeroed. Functions are safe to call from several
 * threads at once on one srv_db.
 */
#ifndef SYMCHECK_SERVER_STORE_H
#define SYMCHECK_SERVER_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "server_db.h"

/* Limits the forms show and the store enforces (counted in characters,
   i.e. UTF-8 code points, not bytes). */
#define SRV_STORY_TITLE_MAX 120
#define SRV_STORY_BODY_MAX 4000
#define SRV_STORY_BODY_MIN 20
#define SRV_REASON_MAX 280
#define SRV_EDITOR_NAME_MAX 64

typedef enum srv_store_result {
  SRV_STORE_OK = 0,
  SRV_STORE_NOT_FOUND,   /* no such story / editor / session */
  SRV_STORE_CONFLICT,    /* e.g. an editor name already taken */
  SRV_STORE_INVALID,     /* a value outside the limits above */
  SRV_STORE_UNAVAILABLE, /* the database does not answer: HTTP 503 */
} srv_store_result;

typedef enum srv_story_status {
  SRV_STORY_PENDING = 0,
  SRV_STORY_APPROVED = 1,
  SRV_STORY_REJECTED = 2,
} srv_story_status;

/* "pending", "approved", "rejected"; and back (-1 when unknown). */
const char *srv_story_status_name(srv_story_status status);
int srv_story_status_parse(const char *name);

typedef struct srv_story {
  int64_t id;
  char *complaint; /* the article's complaint id (slug) */
  char *title;
  char *body;    /* plain text as the reader wrote it (never HTML) */
  char *initial; /* one letter, UTF-8 */
  srv_story_status status;
  char *reason;     /* rejection reason, "" otherwise */
  char *created_at; /* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
  char *decided_at; /* "" while pending */
} srv_story;

typedef struct srv_story_list {
  size_t count;
  srv_story *items;
} srv_story_list;

void srv_story_free(srv_story *story);
void srv_story_list_free(srv_story_list *list);

/* Adds a pending story; *id is its new id. SRV_STORE_INVALID when a field
   is empty or over its limit. */
srv_store_result srv_store_story_add(srv_db *db, const char *complaint, const char *title,
                                     const char *body, const char *initial, int64_t *id);
/* Stories newest first. `complaint` NULL = every complaint; `status` -1 =
   every status; at most `limit` from `offset`. */
srv_store_result srv_store_story_list(srv_db *db, const char *complaint, int status, size_t limit,
                                      size_t offset, srv_story_list *out);
srv_store_result srv_store_story_count(srv_db *db, const char *complaint, int status,
                                       int64_t *count);
srv_store_result srv_store_story_get(srv_db *db, int64_t id, srv_story *out);
/* Approves or rejects (reason required when rejecting, empty otherwise) and
   writes the audit record in the same transaction. `editor` is the
   editor's name, or "cli" for the command line. */
srv_store_result srv_store_story_decide(srv_db *db, int64_t id, srv_story_status status,
                                        const char *reason, const char *editor);
/* Corrects a story's title and body (a typo), with an audit record. */
srv_store_result srv_store_story_edit(srv_db *db, int64_t id, const char *title, const char *body,
                                      const char *editor);

/* Editors. The hash is libsodium's crypto_pwhash_str (argon2id) output. */
srv_store_result srv_store_editor_add(srv_db *db, const char *name, const char *password_hash);
/* *hash is malloc'd; SRV_STORE_NOT_FOUND for an unknown name. */
srv_store_result srv_store_editor_hash(srv_db *db, const char *name, char **hash);

/* Sessions, keyed by the SHA-256 (hex) of the cookie's random token, so a
   stolen database does not yield live cookies. */
srv_store_result srv_store_session_add(srv_db *db, const char *token_hash, const char *editor,
                                       int64_t expires_unix);
/* *editor is malloc'd; SRV_STORE_NOT_FOUND when unknown or expired. */
srv_store_result srv_store_session_editor(srv_db *db, const char *token_hash, int64_t now_unix,
                                          char **editor);
srv_store_result srv_store_session_delete(srv_db *db, const char *token_hash);

/* The audit trail: who did what to which story, when. */
typedef struct srv_audit_entry {
  int64_t id;
  char *at; /* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
  char *editor;
  char *action;     /* "approve", "reject", "edit", "login", "logout" */
  int64_t story_id; /* 0 when the action concerns no story */
  char *detail;     /* e.g. the rejection reason */
} srv_audit_entry;

typedef struct srv_audit_list {
  size_t count;
  srv_audit_entry *items;
} srv_audit_list;

void srv_audit_list_free(srv_audit_list *list);
srv_store_result srv_store_audit_add(srv_db *db, const char *editor, const char *action,
                                     int64_t story_id, const char *detail);
/* Newest first, at most `limit`. */
srv_store_result srv_store_audit_list(srv_db *db, size_t limit, srv_audit_list *out);

/* Helpful votes: one per voter (the SHA-256 hex of the browser's random
   cookie id) per complaint; voting again replaces the earlier vote. */
srv_store_result srv_store_vote(srv_db *db, const char *complaint, const char *voter_hash,
                                bool helpful);
srv_store_result srv_store_vote_counts(srv_db *db, const char *complaint, int64_t *helpful,
                                       int64_t *not_helpful);

/* Quiz statistics: one more completed quiz for (day, complaint, top
   condition, triage level); `day` is "YYYY-MM-DD" UTC. */
srv_store_result srv_store_quiz_count(srv_db *db, const char *day, const char *complaint,
                                      const char *condition, const char *triage);

typedef struct srv_condition_count {
  char *condition;
  int64_t count;
} srv_condition_count;

typedef struct srv_condition_counts {
  size_t count;
  srv_condition_count *items;
} srv_condition_counts;

void srv_condition_counts_free(srv_condition_counts *counts);
/* Completed quizzes per top condition for a complaint, over all days,
   most first (ties by condition id). */
srv_store_result srv_store_quiz_top(srv_db *db, const char *complaint, srv_condition_counts *out);

/* What a backend implements: one function per operation above, same
   contract, with the backend's handle in place of the srv_db. */
typedef struct srv_store_ops {
  srv_store_result (*story_add)(void *h, const char *complaint, const char *title, const char *body,
                                const char *initial, int64_t *id);
  srv_store_result (*story_list)(void *h, const char *complaint, int status, size_t limit,
                                 size_t offset, srv_story_list *out);
  srv_store_result (*story_count)(void *h, const char *complaint, int status, int64_t *count);
  srv_store_result (*story_get)(void *h, int64_t id, srv_story *out);
  srv_store_result (*story_decide)(void *h, int64_t id, srv_story_status status, const char *reason,
                                   const char *editor);
  srv_store_result (*story_edit)(void *h, int64_t id, const char *title, const char *body,
                                 const char *editor);
  srv_store_result (*editor_add)(void *h, const char *name, const char *password_hash);
  srv_store_result (*editor_hash)(void *h, const char *name, char **hash);
  srv_store_result (*session_add)(void *h, const char *token_hash, const char *editor,
                                  int64_t expires_unix);
  srv_store_result (*session_editor)(void *h, const char *token_hash, int64_t now_unix,
                                     char **editor);
  srv_store_result (*session_delete)(void *h, const char *token_hash);
  srv_store_result (*audit_add)(void *h, const char *editor, const char *action, int64_t story_id,
                                const char *detail);
  srv_store_result (*audit_list)(void *h, size_t limit, srv_audit_list *out);
  srv_store_result (*vote)(void *h, const char *complaint, const char *voter_hash, bool helpful);
  srv_store_result (*vote_counts)(void *h, const char *complaint, int64_t *helpful,
                                  int64_t *not_helpful);
  srv_store_result (*quiz_count)(void *h, const char *day, const char *complaint,
                                 const char *condition, const char *triage);
  srv_store_result (*quiz_top)(void *h, const char *complaint, srv_condition_counts *out);
} srv_store_ops;

#endif /* SYMCHECK_SERVER_STORE_H */
