/*
 * routes_pages.h - the web pages' rows of the server's route table
 * (server_router.c lists WEB_PAGE_ROUTES among its rows) and their
 * handlers, which adapt a ulfius request to the page layer of web.h.
 */
#ifndef SYMCHECK_SERVER_ROUTES_PAGES_H
#define SYMCHECK_SERVER_ROUTES_PAGES_H

#include "routes_helpful.h"
#include "server.h"
#include "web.h"
#include "web_csrf.h"
#include "web_stories.h"

/* The site the pages share (made on the first call), or NULL after
   answering 503 when it could not be made. */
const web_site *web_route_site(srv_ctx *ctx);
/* Sends `page` (rc: what the page function returned) with the headers
   every page has, then frees it; rc != 0 answers 500. */
void web_route_send(srv_ctx *ctx, int rc, web_page *page);

/* The browser's CSRF token (web_csrf.h) into `token`; when it has none
   yet, a new one, also set as the cookie on the response. Returns 0, or
   -1 after answering 500 (libsodium could not start). */
int web_route_csrf_token(srv_ctx *ctx, char token[WEB_CSRF_HEX + 1]);
/* True when the POSTed form can be read whole and its csrf field matches
   the browser's cookie. Otherwise answers with a page saying why (and a
   link to `back_url`) and returns false: 400 for a NUL character (which
   would silently cut a field short), 403 for the token. */
bool web_route_form_accepted(srv_ctx *ctx, const web_site *site, const char *back_url);
/* A field of the POSTed form (application/x-www-form-urlencoded), or NULL. */
const char *web_route_form(const srv_ctx *ctx, const char *name);
/* Answers 303 See Other to `location` (a path on this site). */
void web_route_redirect(srv_ctx *ctx, const char *location);

/* Sends the article ctx->params[0] names, with its readers' stories and
   the other parts: `form` is the story form to show again (NULL: an empty
   one) with `status` (0: 200). The query may say ?story=sent (thank the
   reader) and ?stories_from=N (older stories). */
void web_route_article_send(srv_ctx *ctx, const web_story_form *form, int status);

void web_route_home(srv_ctx *ctx);
void web_route_article(srv_ctx *ctx);
void web_route_condition(srv_ctx *ctx);
void web_route_sources(srv_ctx *ctx);
void web_route_quiz(srv_ctx *ctx);
void web_route_summary(srv_ctx *ctx);
void web_route_fhir(srv_ctx *ctx);
void web_route_static(srv_ctx *ctx);
/* The HTML "page not found" answer (404) for an address no route matches
   outside /api/: a person who mistypes a link gets a page, not JSON. */
void web_route_not_found(srv_ctx *ctx);

/* Readers' stories and the editors' pages (routes_stories.c). */
void web_route_story_post(srv_ctx *ctx);
void web_route_login_page(srv_ctx *ctx);
void web_route_login(srv_ctx *ctx);
void web_route_logout(srv_ctx *ctx);
void web_route_editor(srv_ctx *ctx);
void web_route_story_approve(srv_ctx *ctx);
void web_route_story_reject(srv_ctx *ctx);
void web_route_story_edit(srv_ctx *ctx);

#define WEB_FORM "application/x-www-form-urlencoded"

/* The pages' route rows; static files are not rate limited (one page
   fetches three of them). */
#define WEB_PAGE_ROUTES                                                                            \
  {"GET", "/", web_route_home, true, NULL},                                                        \
      {"GET", "/symptoms/{slug}", web_route_article, true, NULL},                                  \
      {"GET", "/conditions/{pack}/{id}", web_route_condition, true, NULL},                         \
      {"GET", "/about/sources", web_route_sources, true, NULL},                                    \
      {"GET", "/about/sources/{pack}", web_route_sources, true, NULL},                             \
      {"GET", "/quiz/{complaint}", web_route_quiz, true, NULL},                                    \
      {"GET", "/quiz/{complaint}/summary", web_route_summary, true, NULL},                         \
      {"GET", "/quiz/{complaint}/fhir", web_route_fhir, true, NULL},                               \
      {"POST", "/symptoms/{slug}/stories", web_route_story_post, true, WEB_FORM},                  \
      {"POST", "/symptoms/{slug}/helpful", web_route_helpful, true, WEB_FORM},                     \
      {"GET", "/editor/login", web_route_login_page, true, NULL},                                  \
      {"POST", "/editor/login", web_route_login, true, WEB_FORM},                                  \
      {"POST", "/editor/logout", web_route_logout, true, WEB_FORM},                                \
      {"GET", "/editor", web_route_editor, true, NULL},                                            \
      {"POST", "/editor/stories/{id}/approve", web_route_story_approve, true, WEB_FORM},           \
      {"POST", "/editor/stories/{id}/reject", web_route_story_reject, true, WEB_FORM},             \
      {"POST", "/editor/stories/{id}/edit", web_route_story_edit, true, WEB_FORM},                 \
      {"GET", "/static/*", web_route_static, false, NULL},

#endif /* SYMCHECK_SERVER_ROUTES_PAGES_H */
