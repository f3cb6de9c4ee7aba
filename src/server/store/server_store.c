/*
 * server_store.c - the storage interface of server_store.h: checks every
 * value against the limits once, here, then forwards to the backend's
 * srv_store_ops (server_db_sqlite.c, server_db_postgres.c), so both
 * backends see only valid input and answer the same way. Also the status
 * names and the functions that free what the store returns.
 *
 * Lengths are counted in characters (UTF-8 code points); text that is not
 * valid UTF-8 or holds control characters (other than line breaks and tabs
 * in a story's body or a reason) is SRV_STORE_INVALID.
 */
#define _POSIX_C_SOURCE 200809L
#include "server_store.h"

#include <stdlib.h>
#include <string.h>

#define S_KEY_MAX 128   /* complaint and condition ids, triage levels */
#define S_HASH_MAX 512  /* a crypto_pwhash_str string is about 100 bytes */
#define S_SHA256_HEX 64 /* session tokens and voter ids, hashed */

static const char *const S_STATUS_NAMES[] = {"pending", "approved", "rejected"};

const char *srv_story_status_name(srv_story_status status) {
  return (unsigned)status < 3 ? S_STATUS_NAMES[status] : "unknown";
}

int srv_story_status_parse(const char *name) {
  for (int i = 0; name != NULL && i < 3; i++) {
    if (strcmp(name, S_STATUS_NAMES[i]) == 0) {
      return i;
    }
  }
  return -1;
}

/* How many continuation bytes follow a UTF-8 lead byte; -1 when the byte
   cannot start a character. */
static int S_continuation_bytes(unsigned char lead) {
  if (lead < 0x80) {
    return 0;
  }
  if (lead >= 0xC2 && lead < 0xE0) {
    return 1;
  }
  if (lead >= 0xE0 && lead < 0xF0) {
    return 2;
  }
  return lead >= 0xF0 && lead < 0xF5 ? 3 : -1;
}

/* The code point starting at *p (advanced past it), or -1 when the bytes
   there are not valid UTF-8 (overlong forms, surrogates, > U+10FFFF). */
static long S_next_code_point(const unsigned char **p) {
  const unsigned char *s = *p;
  int extra = S_continuation_bytes(s[0]);
  if (extra < 0) {
    return -1;
  }
  long cp = extra == 0 ? s[0] : s[0] & (0x3F >> extra);
  for (int i = 1; i <= extra; i++) {
    if ((s[i] & 0xC0) != 0x80) {
      return -1;
    }
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  static const long S_MIN[] = {0, 0x80, 0x800, 0x10000};
  if (cp < S_MIN[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return -1;
  }
  *p = s + extra + 1;
  return cp;
}

/* True when `text` is valid UTF-8 of min..max characters with no control
   characters (line breaks and tabs allowed when `multiline`). */
static bool S_text_ok(const char *text, size_t min, size_t max, bool multiline) {
  if (text == NULL) {
    return false;
  }
  size_t count = 0;
  for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; count++) {
    long cp = S_next_code_point(&p);
    bool line_break = cp == '\n' || cp == '\r' || cp == '\t';
    if (cp < 0 || ((cp < 0x20 || cp == 0x7F) && !(multiline && line_break)) ||
        (cp >= 0x80 && cp < 0xA0) || count == max) {
      return false;
    }
  }
  return count >= min;
}

/* One letter: an ASCII letter, or one character from U+00C0 on (the
   Latin-1 letters and every other script), not × or ÷. */
static bool S_initial_ok(const char *initial) {
  if (initial == NULL || initial[0] == '\0') {
    return false;
  }
  const unsigned char *p = (const unsigned char *)initial;
  long cp = S_next_code_point(&p);
  if (cp < 0 || *p != '\0') {
    return false;
  }
  bool ascii_letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  return ascii_letter || (cp >= 0xC0 && cp != 0xD7 && cp != 0xF7);
}

static bool S_sha256_hex_ok(const char *hash) {
  if (hash == NULL || strlen(hash) != S_SHA256_HEX) {
    return false;
  }
  return strspn(hash, "0123456789abcdef") == S_SHA256_HEX;
}

/* "YYYY-MM-DD", a day that exists (leap years included). */
static bool S_day_ok(const char *day) {
  static const char S_SHAPE[] = "dddd-dd-dd";
  if (day == NULL || strlen(day) != sizeof S_SHAPE - 1) {
    return false;
  }
  for (size_t i = 0; i < sizeof S_SHAPE - 1; i++) {
    bool digit = day[i] >= '0' && day[i] <= '9';
    if (S_SHAPE[i] == 'd' ? !digit : day[i] != '-') {
      return false;
    }
  }
  int year = atoi(day);
  int month = (day[5] - '0') * 10 + (day[6] - '0');
  int mday = (day[8] - '0') * 10 + (day[9] - '0');
  static const int S_DAYS[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1 || month < 1 || month > 12 || mday < 1) {
    return false;
  }
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return mday <= S_DAYS[month - 1] + (month == 2 && leap ? 1 : 0);
}

static bool S_key_ok(const char *key) {
  return S_text_ok(key, 1, S_KEY_MAX, false);
}

static bool S_editor_ok(const char *name) {
  return S_text_ok(name, 1, SRV_EDITOR_NAME_MAX, false);
}

static bool S_story_text_ok(const char *title, const char *body) {
  return S_text_ok(title, 1, SRV_STORY_TITLE_MAX, false) &&
         S_text_ok(body, SRV_STORY_BODY_MIN, SRV_STORY_BODY_MAX, true);
}

static bool S_action_ok(const char *action) {
  static const char *const S_ACTIONS[] = {"approve", "reject", "edit", "login", "logout"};
  for (size_t i = 0; action != NULL && i < sizeof S_ACTIONS / sizeof S_ACTIONS[0]; i++) {
    if (strcmp(action, S_ACTIONS[i]) == 0) {
      return true;
    }
  }
  return false;
}

static const srv_store_ops *S_ops(const srv_db *db) {
  return db->backend->store;
}

void srv_story_free(srv_story *story) {
  if (story == NULL) {
    return;
  }
  free(story->complaint);
  free(story->title);
  free(story->body);
  free(story->initial);
  free(story->reason);
  free(story->created_at);
  free(story->decided_at);
  memset(story, 0, sizeof *story);
}

void srv_story_list_free(srv_story_list *list) {
  if (list == NULL) {
    return;
  }
  for (size_t i = 0; i < list->count; i++) {
    srv_story_free(&list->items[i]);
  }
  free(list->items);
  memset(list, 0, sizeof *list);
}

void srv_audit_list_free(srv_audit_list *list) {
  if (list == NULL) {
    return;
  }
  for (size_t i = 0; i < list->count; i++) {
    free(list->items[i].at);
    free(list->items[i].editor);
    free(list->items[i].action);
    free(list->items[i].detail);
  }
  free(list->items);
  memset(list, 0, sizeof *list);
}

void srv_condition_counts_free(srv_condition_counts *counts) {
  if (counts == NULL) {
    return;
  }
  for (size_t i = 0; i < counts->count; i++) {
    free(counts->items[i].condition);
  }
  free(counts->items);
  memset(counts, 0, sizeof *counts);
}

srv_store_result srv_store_story_add(srv_db *db, const char *complaint, const char *title,
                                     const char *body, const char *initial, int64_t *id) {
  *id = 0;
  if (!S_key_ok(complaint) || !S_story_text_ok(title, body) || !S_initial_ok(initial)) {
    return SRV_STORE_INVALID;
  }
  srv_store_result result = S_ops(db)->story_add(db->handle, complaint, title, body, initial, id);
  if (result != SRV_STORE_OK) {
    *id = 0;
  }
  return result;
}

static bool S_filter_ok(const char *complaint, int status) {
  return (complaint == NULL || S_key_ok(complaint)) && status >= -1 && status <= SRV_STORY_REJECTED;
}

srv_store_result srv_store_story_list(srv_db *db, const char *complaint, int status, size_t limit,
                                      size_t offset, srv_story_list *out) {
  memset(out, 0, sizeof *out);
  if (!S_filter_ok(complaint, status)) {
    return SRV_STORE_INVALID;
  }
  srv_store_result result =
      S_ops(db)->story_list(db->handle, complaint, status, limit, offset, out);
  if (result != SRV_STORE_OK) {
    srv_story_list_free(out);
  }
  return result;
}

srv_store_result srv_store_story_count(srv_db *db, const char *complaint, int status,
                                       int64_t *count) {
  *count = 0;
  if (!S_filter_ok(complaint, status)) {
    return SRV_STORE_INVALID;
  }
  srv_store_result result = S_ops(db)->story_count(db->handle, complaint, status, count);
  if (result != SRV_STORE_OK) {
    *count = 0;
  }
  return result;
}

srv_store_result srv_store_story_get(srv_db *db, int64_t id, srv_story *out) {
  memset(out, 0, sizeof *out);
  if (id <= 0) {
    return SRV_STORE_NOT_FOUND;
  }
  srv_store_result result = S_ops(db)->story_get(db->handle, id, out);
  if (result != SRV_STORE_OK) {
    srv_story_free(out);
  }
  return result;
}

srv_store_result srv_store_story_decide(srv_db *db, int64_t id, srv_story_status status,
                                        const char *reason, const char *editor) {
  const char *why = reason != NULL ? reason : "";
  bool reason_ok = status == SRV_STORY_REJECTED ? S_text_ok(why, 1, SRV_REASON_MAX, true)
                                                : status == SRV_STORY_APPROVED && why[0] == '\0';
  if (!reason_ok || !S_editor_ok(editor)) {
    return SRV_STORE_INVALID;
  }
  if (id <= 0) {
    return SRV_STORE_NOT_FOUND;
  }
  return S_ops(db)->story_decide(db->handle, id, status, why, editor);
}

srv_store_result srv_store_story_edit(srv_db *db, int64_t id, const char *title, const char *body,
                                      const char *editor) {
  if (!S_story_text_ok(title, body) || !S_editor_ok(editor)) {
    return SRV_STORE_INVALID;
  }
  if (id <= 0) {
    return SRV_STORE_NOT_FOUND;
  }
  return S_ops(db)->story_edit(db->handle, id, title, body, editor);
}

srv_store_result srv_store_editor_add(srv_db *db, const char *name, const char *password_hash) {
  if (!S_editor_ok(name) || !S_text_ok(password_hash, 1, S_HASH_MAX, false)) {
    return SRV_STORE_INVALID;
  }
  return S_ops(db)->editor_add(db->handle, name, password_hash);
}

srv_store_result srv_store_editor_hash(srv_db *db, const char *name, char **hash) {
  *hash = NULL;
  if (!S_editor_ok(name)) {
    return SRV_STORE_NOT_FOUND;
  }
  srv_store_result result = S_ops(db)->editor_hash(db->handle, name, hash);
  if (result != SRV_STORE_OK) {
    free(*hash);
    *hash = NULL;
  }
  return result;
}

srv_store_result srv_store_session_add(srv_db *db, const char *token_hash, const char *editor,
                                       int64_t expires_unix) {
  if (!S_sha256_hex_ok(token_hash) || !S_editor_ok(editor) || expires_unix <= 0) {
    return SRV_STORE_INVALID;
  }
  return S_ops(db)->session_add(db->handle, token_hash, editor, expires_unix);
}

srv_store_result srv_store_session_editor(srv_db *db, const char *token_hash, int64_t now_unix,
                                          char **editor) {
  *editor = NULL;
  if (!S_sha256_hex_ok(token_hash)) {
    return SRV_STORE_NOT_FOUND;
  }
  srv_store_result result = S_ops(db)->session_editor(db->handle, token_hash, now_unix, editor);
  if (result != SRV_STORE_OK) {
    free(*editor);
    *editor = NULL;
  }
  return result;
}

srv_store_result srv_store_session_delete(srv_db *db, const char *token_hash) {
  if (!S_sha256_hex_ok(token_hash)) {
    return SRV_STORE_NOT_FOUND;
  }
  return S_ops(db)->session_delete(db->handle, token_hash);
}

srv_store_result srv_store_audit_add(srv_db *db, const char *editor, const char *action,
                                     int64_t story_id, const char *detail) {
  const char *text = detail != NULL ? detail : "";
  if (!S_editor_ok(editor) || !S_action_ok(action) || story_id < 0 ||
      !S_text_ok(text, 0, SRV_REASON_MAX, true)) {
    return SRV_STORE_INVALID;
  }
  return S_ops(db)->audit_add(db->handle, editor, action, story_id, text);
}

srv_store_result srv_store_audit_list(srv_db *db, size_t limit, srv_audit_list *out) {
  memset(out, 0, sizeof *out);
  srv_store_result result = S_ops(db)->audit_list(db->handle, limit, out);
  if (result != SRV_STORE_OK) {
    srv_audit_list_free(out);
  }
  return result;
}

srv_store_result srv_store_vote(srv_db *db, const char *complaint, const char *voter_hash,
                                bool helpful) {
  if (!S_key_ok(complaint) || !S_sha256_hex_ok(voter_hash)) {
    return SRV_STORE_INVALID;
  }
  return S_ops(db)->vote(db->handle, complaint, voter_hash, helpful);
}

srv_store_result srv_store_vote_counts(srv_db *db, const char *complaint, int64_t *helpful,
                                       int64_t *not_helpful) {
  *helpful = 0;
  *not_helpful = 0;
  if (!S_key_ok(complaint)) {
    return SRV_STORE_INVALID;
  }
  srv_store_result result = S_ops(db)->vote_counts(db->handle, complaint, helpful, not_helpful);
  if (result != SRV_STORE_OK) {
    *helpful = 0;
    *not_helpful = 0;
  }
  return result;
}

srv_store_result srv_store_quiz_count(srv_db *db, const char *day, const char *complaint,
                                      const char *condition, const char *triage) {
  if (!S_day_ok(day) || !S_key_ok(complaint) || !S_key_ok(condition) || !S_key_ok(triage)) {
    return SRV_STORE_INVALID;
  }
  return S_ops(db)->quiz_count(db->handle, day, complaint, condition, triage);
}

srv_store_result srv_store_quiz_top(srv_db *db, const char *complaint, srv_condition_counts *out) {
  memset(out, 0, sizeof *out);
  if (!S_key_ok(complaint)) {
    return SRV_STORE_INVALID;
  }
  srv_store_result result = S_ops(db)->quiz_top(db->handle, complaint, out);
  if (result != SRV_STORE_OK) {
    srv_condition_counts_free(out);
  }
  return result;
}
