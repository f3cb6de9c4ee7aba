/*
 * routes_stories.c - the HTTP side of readers' stories and their
 * moderation: POST /symptoms/{slug}/stories (CSRF, honeypot, checks, the
 * per-client limit, then the store; 303 back to the article), and the
 * editors' login, logout, queue and approve / reject / edit forms, behind
 * a session cookie (HttpOnly, SameSite=Strict, Path=/editor) whose token
 * is stored only as its SHA-256. Pages come from web_stories.h.
 */
#define _POSIX_C_SOURCE 200809L

#include "routes_pages.h"
#include "server_client.h"
#include "web_session.h"
#include "web_stories.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char S_DB_DOWN[] = "The database is not answering; your story was not saved, please "
                                "try again in a minute.";

/* A short refusal page (403, 404, 429, 503) with a link back. */
static void S_refuse(srv_ctx *ctx, const web_site *site, int status, const char *message,
                     const char *back_url) {
  web_page page;
  web_route_send(ctx, web_page_form_refused(site, status, message, back_url, &page), &page);
}

/* Takes one token from `limiter` (NULL: no limit) for this client; when
   none is left answers 429 with Retry-After and returns false. */
static bool S_within_limit(srv_ctx *ctx, const web_site *site, srv_ratelimit *limiter,
                           const char *message, const char *back_url) {
  unsigned retry_after = 1;
  if (limiter == NULL || srv_client_take(limiter, ctx, &retry_after)) {
    return true;
  }
  S_refuse(ctx, site, 429, message, back_url);
  char seconds[16];
  snprintf(seconds, sizeof seconds, "%u", retry_after);
  ulfius_add_header_to_response(ctx->response, "Retry-After", seconds);
  return false;
}

/* POST /symptoms/{slug}/stories */
void web_route_story_post(srv_ctx *ctx) {
  const web_site *site = web_route_site(ctx);
  char back[256];
  snprintf(back, sizeof back, "/symptoms/%s#stories", ctx->params[0]);
  if (site == NULL || !web_route_form_accepted(ctx, site, back)) {
    return;
  }
  if (!web_complaint_exists(site, ctx->params[0])) {
    web_page page;
    web_route_send(ctx, web_page_not_found(site, &page), &page);
    return;
  }
  char sent[256];
  snprintf(sent, sizeof sent, "/symptoms/%s?story=sent#stories", ctx->params[0]);
  const char *website = web_route_form(ctx, "website");
  if (website != NULL && website[0] != '\0') { /* a robot: thank it, keep nothing */
    web_route_redirect(ctx, sent);
    return;
  }
  const char *consent = web_route_form(ctx, "consent");
  web_story_form form = {.title = web_route_form(ctx, "title"),
                         .story = web_route_form(ctx, "story"),
                         .initial = web_route_form(ctx, "initial"),
                         .consent = consent != NULL && strcmp(consent, "yes") == 0};
  if (!web_story_check(&form)) {
    web_route_article_send(ctx, &form, 422);
    return;
  }
  if (!S_within_limit(ctx, site, ctx->server->story_limiter,
                      "This browser has sent several stories in the last hour. Thank you! "
                      "Please wait an hour before sending another one.",
                      back)) {
    return;
  }
  int64_t id = 0;
  srv_store_result r = srv_store_story_add(ctx->server->db, ctx->params[0], form.title, form.story,
                                           form.initial, &id);
  if (r == SRV_STORE_OK) {
    web_route_redirect(ctx, sent);
  } else if (r == SRV_STORE_INVALID) {
    form.story_error = "The story could not be saved as it is; please check its length.";
    web_route_article_send(ctx, &form, 422);
  } else {
    S_refuse(ctx, site, 503, S_DB_DOWN, back);
  }
}

/* The editor whose session cookie this request carries: SRV_STORE_OK
   with *editor (malloc'd), SRV_STORE_NOT_FOUND without a live session, or
   SRV_STORE_UNAVAILABLE. *token_hash receives the stored form. */
static srv_store_result S_session(srv_ctx *ctx, char **editor,
                                  char token_hash[WEB_SESSION_HEX + 1]) {
  *editor = NULL;
  const char *token = u_map_get(ctx->request->map_cookie, WEB_SESSION_COOKIE);
  if (!web_session_hash(token, token_hash)) {
    return SRV_STORE_NOT_FOUND;
  }
  return srv_store_session_editor(ctx->server->db, token_hash, (int64_t)time(NULL), editor);
}

static void S_session_cookie(srv_ctx *ctx, const char *token, unsigned max_age) {
  ulfius_add_same_site_cookie_to_response(ctx->response, WEB_SESSION_COOKIE, token,
                                          max_age == 0 ? "Thu, 01 Jan 1970 00:00:00 GMT" : NULL,
                                          max_age, NULL, "/editor", srv_client_https(ctx), true,
                                          U_COOKIE_SAME_SITE_STRICT);
}

/* GET /editor/login */
void web_route_login_page(srv_ctx *ctx) {
  const web_site *site = web_route_site(ctx);
  char csrf[WEB_CSRF_HEX + 1], token_hash[WEB_SESSION_HEX + 1];
  if (site == NULL || web_route_csrf_token(ctx, csrf) != 0) {
    return;
  }
  char *editor = NULL;
  if (S_session(ctx, &editor, token_hash) == SRV_STORE_OK) {
    free(editor);
    web_route_redirect(ctx, "/editor");
    return;
  }
  web_page page;
  web_route_send(ctx, web_page_editor_login(site, csrf, NULL, NULL, 200, &page), &page);
}

/* The hash of a random password nobody knows (argon2id, the same limits
   as the editors'): an unknown name is checked against it, so the time a
   refusal takes does not tell whether the name exists. */
static const char S_NOBODY[] = "$argon2id$v=19$m=65536,t=2,p=1$y6toeT+vRJ8CrpPZsCsSfw$"
                               "4ahe1LPVTfqrdmUYjTVkg9SblVg6v1+h+iAQWKyDeI0";

/* Checks a name and password; SRV_STORE_OK when they match. */
static srv_store_result S_verify(srv_db *db, const char *name, const char *password) {
  char *hash = NULL;
  srv_store_result r = name != NULL && name[0] != '\0' ? srv_store_editor_hash(db, name, &hash)
                                                       : SRV_STORE_NOT_FOUND;
  if (r == SRV_STORE_NOT_FOUND) {
    web_password_verify(S_NOBODY, password != NULL ? password : "");
  } else if (r == SRV_STORE_OK && !web_password_verify(hash, password)) {
    r = SRV_STORE_NOT_FOUND;
  }
  free(hash);
  return r;
}

/* POST /editor/login */
void web_route_login(srv_ctx *ctx) {
  const web_site *site = web_route_site(ctx);
  if (site == NULL || !web_route_form_accepted(ctx, site, "/editor/login") ||
      !S_within_limit(ctx, site, ctx->server->login_limiter,
                      "Too many login attempts from this browser; please wait 15 minutes.",
                      "/editor/login")) {
    return;
  }
  const char *name = web_route_form(ctx, "name");
  srv_db *db = ctx->server->db;
  srv_store_result r = S_verify(db, name, web_route_form(ctx, "password"));
  char token[WEB_SESSION_HEX + 1], token_hash[WEB_SESSION_HEX + 1];
  if (r == SRV_STORE_OK && web_session_new(token, token_hash) == 0) {
    r = srv_store_session_add(db, token_hash, name, (int64_t)time(NULL) + WEB_SESSION_SECONDS);
  }
  if (r == SRV_STORE_OK) {
    srv_store_audit_add(db, name, "login", 0, "");
    S_session_cookie(ctx, token, WEB_SESSION_SECONDS);
    web_route_redirect(ctx, "/editor");
  } else if (r == SRV_STORE_NOT_FOUND) {
    web_page page;
    int rc = web_page_editor_login(site, web_route_form(ctx, WEB_CSRF_FIELD), name,
                                   "The name or the password is wrong.", 403, &page);
    web_route_send(ctx, rc, &page);
  } else {
    S_refuse(ctx, site, 503, "The database is not answering; please try again in a minute.",
             "/editor/login");
  }
}

/* For the editors' forms: the CSRF check, then the session. Returns the
   editor's name (malloc'd) or NULL after answering. */
static char *S_editor_form(srv_ctx *ctx, const web_site *site,
                           char token_hash[WEB_SESSION_HEX + 1]) {
  if (!web_route_form_accepted(ctx, site, "/editor")) {
    return NULL;
  }
  char *editor = NULL;
  srv_store_result r = S_session(ctx, &editor, token_hash);
  if (r == SRV_STORE_NOT_FOUND) {
    S_refuse(ctx, site, 403,
             "You are not logged in (a session ends after 8 hours or when you log out); "
             "log in again. Nothing was changed.",
             "/editor/login");
  } else if (r != SRV_STORE_OK) {
    S_refuse(ctx, site, 503, "The database is not answering; nothing was changed.", "/editor");
  }
  return editor;
}

/* POST /editor/logout */
void web_route_logout(srv_ctx *ctx) {
  const web_site *site = web_route_site(ctx);
  char token_hash[WEB_SESSION_HEX + 1];
  char *editor = site != NULL ? S_editor_form(ctx, site, token_hash) : NULL;
  if (editor == NULL) {
    return;
  }
  if (srv_store_session_delete(ctx->server->db, token_hash) == SRV_STORE_OK) {
    srv_store_audit_add(ctx->server->db, editor, "logout", 0, "");
  }
  free(editor);
  S_session_cookie(ctx, "", 0);
  web_route_redirect(ctx, "/editor/login");
}

/* What ?done=...&story=N says happened, or NULL. */
static const char *S_done(srv_ctx *ctx, char *text, size_t size) {
  const char *done = u_map_get(ctx->request->map_url, "done");
  const char *story = u_map_get(ctx->request->map_url, "story");
  long long id = story != NULL ? strtoll(story, NULL, 10) : 0;
  if (done == NULL || id <= 0 ||
      (strcmp(done, "approved") != 0 && strcmp(done, "rejected") != 0 &&
       strcmp(done, "edited") != 0)) {
    return NULL;
  }
  snprintf(text, size, "Story %lld %s.", id, done);
  return text;
}

/* Sends the queue with `problem` (NULL: none) and `status`. */
static void S_queue(srv_ctx *ctx, const web_site *site, const char *editor,
                    const web_queue_problem *problem, int status) {
  char csrf[WEB_CSRF_HEX + 1], done[64];
  if (web_route_csrf_token(ctx, csrf) != 0) {
    return;
  }
  web_page page;
  int rc = web_page_editor_queue(site, ctx->server->db, editor, csrf,
                                 S_done(ctx, done, sizeof done), problem, status, &page);
  web_route_send(ctx, rc, &page);
}

/* GET /editor */
void web_route_editor(srv_ctx *ctx) {
  const web_site *site = web_route_site(ctx);
  char token_hash[WEB_SESSION_HEX + 1];
  if (site == NULL) {
    return;
  }
  char *editor = NULL;
  srv_store_result r = S_session(ctx, &editor, token_hash);
  if (r == SRV_STORE_OK) {
    S_queue(ctx, site, editor, NULL, 200);
  } else if (r == SRV_STORE_NOT_FOUND) {
    web_route_redirect(ctx, "/editor/login");
  } else {
    S_refuse(ctx, site, 503, "The database is not answering; please try again in a minute.",
             "/editor");
  }
  free(editor);
}

typedef enum S_action { S_APPROVE, S_REJECT, S_EDIT } S_action;

/* The story id in the path: a whole number from 1, else 0. */
static int64_t S_story_id(const srv_ctx *ctx) {
  const char *text = ctx->params[0];
  char *end = NULL;
  long long id = strtoll(text, &end, 10);
  return text[0] >= '1' && text[0] <= '9' && *end == '\0' && id > 0 ? (int64_t)id : 0;
}

/* Carries out the action; fills `problem` (SRV_STORE_INVALID) when the
   editor's text needs another look. */
static srv_store_result S_act(srv_ctx *ctx, S_action action, int64_t id, const char *editor,
                              web_queue_problem *problem) {
  srv_db *db = ctx->server->db;
  if (action == S_APPROVE) {
    return srv_store_story_decide(db, id, SRV_STORY_APPROVED, "", editor);
  }
  if (action == S_REJECT) {
    problem->reason = web_route_form(ctx, "reason");
    problem->reason_error = web_reason_problem(problem->reason);
    return problem->reason_error != NULL
               ? SRV_STORE_INVALID
               : srv_store_story_decide(db, id, SRV_STORY_REJECTED, problem->reason, editor);
  }
  problem->title = web_route_form(ctx, "title");
  problem->story = web_route_form(ctx, "story");
  problem->edit_error = web_story_title_problem(problem->title);
  if (problem->edit_error == NULL) {
    problem->edit_error = web_story_text_problem(problem->story);
  }
  return problem->edit_error != NULL
             ? SRV_STORE_INVALID
             : srv_store_story_edit(db, id, problem->title, problem->story, editor);
}

static void S_decide(srv_ctx *ctx, S_action action) {
  static const char *const S_DONE[] = {"approved", "rejected", "edited"};
  const web_site *site = web_route_site(ctx);
  char token_hash[WEB_SESSION_HEX + 1];
  char *editor = site != NULL ? S_editor_form(ctx, site, token_hash) : NULL;
  if (editor == NULL) {
    return;
  }
  int64_t id = S_story_id(ctx);
  web_queue_problem problem = {.story_id = id};
  srv_store_result r = id > 0 ? S_act(ctx, action, id, editor, &problem) : SRV_STORE_NOT_FOUND;
  if (r == SRV_STORE_OK) {
    char location[128];
    snprintf(location, sizeof location, "/editor?done=%s&story=%lld#audit-h", S_DONE[action],
             (long long)id);
    web_route_redirect(ctx, location);
  } else if (r == SRV_STORE_INVALID) {
    S_queue(ctx, site, editor, &problem, 422);
  } else if (r == SRV_STORE_NOT_FOUND) {
    S_refuse(ctx, site, 404, "There is no story with this number.", "/editor");
  } else {
    S_refuse(ctx, site, 503, "The database is not answering; nothing was changed.", "/editor");
  }
  free(editor);
}

/* POST /editor/stories/{id}/approve, /reject and /edit */
void web_route_story_approve(srv_ctx *ctx) {
  S_decide(ctx, S_APPROVE);
}

void web_route_story_reject(srv_ctx *ctx) {
  S_decide(ctx, S_REJECT);
}

void web_route_story_edit(srv_ctx *ctx) {
  S_decide(ctx, S_EDIT);
}
