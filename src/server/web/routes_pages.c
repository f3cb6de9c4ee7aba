/*
 * routes_pages.c - serves the web pages and their static files through the
 * server's router. The page layer (web.h) knows nothing of HTTP; this file
 * turns the request's query into web_params, calls the page, and sends it
 * with the security headers every page is written for (CSP without inline
 * script or style, no referrer, no caching of quiz answers).
 *
 * The site (templates and the static files, read from web/ in the current
 * folder or else the source tree) is made on the first page request and
 * kept until the process ends.
 */
#define _POSIX_C_SOURCE 200809L

#include "routes_pages.h"
#include "quiz_stats.h"
#include "server_client.h"
#include "server_encoding.h"
#include "web.h"
#include "web_internal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define S_MAX_PARAMS 64

/* The static files served, by name; nothing else under /static/. Each is
   read and compressed once, with an ETag per form (server_encoding.h). */
typedef struct S_file {
  const char *name;
  const char *type;
  srv_stored stored; /* stored.identity is NULL until it has been read */
} S_file;

/* Static files are revalidated on each use (no-cache) and answered 304
   while unchanged: their addresses carry no version, so a long max-age
   could pair a new page with an old script or style sheet. */
#define S_STATIC_CACHE "no-cache"

typedef struct S_pages {
  web_site *site;
  S_file files[3];
  char error[512];
} S_pages;

static S_pages S_state = {.files = {{"site.css", "text/css; charset=utf-8", {0}},
                                    {"app.js", "text/javascript; charset=utf-8", {0}},
                                    {"favicon.svg", "image/svg+xml", {0}}}};
static pthread_mutex_t S_lock = PTHREAD_MUTEX_INITIALIZER;
static bool S_ready;

static const char *S_web_dir(void) {
  return access("web/templates", R_OK) == 0 ? "web" : SYMCHECK_DATA_DIR "/web";
}

/* Reads the file and stores it with its gzip form; false on failure. */
static bool S_read(const char *path, S_file *file) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    return false;
  }
  unsigned char *data = malloc(WEB_PAGE_LIMIT + 1);
  size_t n = data != NULL ? fread(data, 1, WEB_PAGE_LIMIT + 1, f) : 0;
  fclose(f);
  if (data == NULL || n > WEB_PAGE_LIMIT) {
    free(data);
    return false;
  }
  return srv_stored_make(&file->stored, file->type, data, n) == 0;
}

/* Makes the site and reads the static files once; NULL site on error
   (S_state.error says why, and is logged once). */
static S_pages *S_pages_get(srv_server *server) {
  pthread_mutex_lock(&S_lock);
  if (!S_ready) {
    S_ready = true;
    const char *dir = S_web_dir();
    S_state.site = web_site_new(dir, (const symcheck_pack *const *)server->packs,
                                server->pack_count, S_state.error, sizeof S_state.error);
    for (size_t i = 0; S_state.site != NULL && i < sizeof S_state.files / sizeof S_state.files[0];
         i++) {
      char path[4096];
      snprintf(path, sizeof path, "%s/static/%s", dir, S_state.files[i].name);
      if (!S_read(path, &S_state.files[i])) {
        snprintf(S_state.error, sizeof S_state.error, "%.400s: cannot be read", path);
      }
    }
    if (S_state.error[0] != '\0') {
      fprintf(stderr, "symcheck serve: web pages unavailable: %s\n", S_state.error);
    }
  }
  pthread_mutex_unlock(&S_lock);
  return &S_state;
}

static void S_headers(srv_ctx *ctx, const char *content_type, const char *cache) {
  ulfius_add_header_to_response(ctx->response, "Content-Type", content_type);
  ulfius_add_header_to_response(ctx->response, "Content-Security-Policy", WEB_CSP);
  ulfius_add_header_to_response(ctx->response, "X-Content-Type-Options", "nosniff");
  ulfius_add_header_to_response(ctx->response, "Referrer-Policy", "no-referrer");
  ulfius_add_header_to_response(ctx->response, "Cache-Control", cache);
}

static void S_unavailable(srv_ctx *ctx) {
  srv_error err;
  srv_error_set(&err, 503, "pages_unavailable", "", "The web pages are not available: %s",
                S_state.error);
  srv_reply_error(ctx, &err);
}

void web_route_send(srv_ctx *ctx, int rc, web_page *page) {
  if (rc != 0 || page->body == NULL) {
    srv_error err;
    srv_error_set(&err, 500, "out_of_memory", "", "The server ran out of memory.");
    srv_reply_error(ctx, &err);
    web_page_free(page);
    return;
  }
  ulfius_set_binary_body_response(ctx->response, (unsigned)page->status, page->body, page->length);
  S_headers(ctx, page->content_type, "no-store");
  if (page->download_name != NULL) {
    char disposition[256];
    snprintf(disposition, sizeof disposition, "attachment; filename=\"%s\"", page->download_name);
    ulfius_add_header_to_response(ctx->response, "Content-Disposition", disposition);
  }
  web_page_free(page);
}

/* The query's parameters (ulfius joins repeated names with commas, which
   is the form a multi answer takes). */
typedef struct S_query {
  web_param items[S_MAX_PARAMS];
  web_params params;
} S_query;

static void S_query_read(srv_ctx *ctx, S_query *q) {
  const char **keys = u_map_enum_keys(ctx->request->map_url); /* owned by the map */
  size_t n = 0;
  for (size_t i = 0; keys != NULL && keys[i] != NULL && n < S_MAX_PARAMS; i++) {
    const char *value = u_map_get(ctx->request->map_url, keys[i]);
    q->items[n++] = (web_param){keys[i], value != NULL ? value : ""};
  }
  q->params = (web_params){n, q->items};
}

const web_site *web_route_site(srv_ctx *ctx) {
  const web_site *site = S_pages_get(ctx->server)->site;
  if (site == NULL) {
    S_unavailable(ctx);
  }
  return site;
}

void web_route_home(srv_ctx *ctx) {
  const web_site *site = web_route_site(ctx);
  if (site == NULL) {
    return;
  }
  S_query q;
  S_query_read(ctx, &q);
  web_page page;
  int rc = web_page_home(site, &q.params, &page);
  web_route_send(ctx, rc, &page);
}

void web_route_not_found(srv_ctx *ctx) {
  const web_site *site = web_route_site(ctx);
  if (site == NULL) {
    return;
  }
  web_page page;
  web_route_send(ctx, web_page_not_found(site, &page), &page);
}

int web_route_csrf_token(srv_ctx *ctx, char token[WEB_CSRF_HEX + 1]) {
  bool set_cookie = false;
  const char *cookie = u_map_get(ctx->request->map_cookie, WEB_CSRF_COOKIE);
  if (web_csrf_token(cookie, token, &set_cookie) != 0) {
    srv_error err;
    srv_error_set(&err, 500, "no_random", "", "The server cannot make random numbers.");
    srv_reply_error(ctx, &err);
    return -1;
  }
  if (set_cookie) {
    ulfius_add_same_site_cookie_to_response(ctx->response, WEB_CSRF_COOKIE, token, NULL, 0, NULL,
                                            "/", srv_client_https(ctx), true,
                                            U_COOKIE_SAME_SITE_STRICT);
  }
  return 0;
}

/* A NUL in the raw body, encoded or not: form fields are C strings, so it
   would end a field early and drop the rest without a word. */
static bool S_body_has_nul(const struct _u_request *request) {
  const char *body = request->binary_body;
  size_t length = request->binary_body_length;
  for (size_t i = 0; body != NULL && i < length; i++) {
    if (body[i] == '\0' ||
        (body[i] == '%' && i + 2 < length && body[i + 1] == '0' && body[i + 2] == '0')) {
      return true;
    }
  }
  return false;
}

bool web_route_form_accepted(srv_ctx *ctx, const web_site *site, const char *back_url) {
  if (S_body_has_nul(ctx->request)) {
    web_page page;
    int rc = web_page_form_refused(site, 400,
                                   "The form contained a NUL character, which no field accepts. "
                                   "Nothing was saved: go back, remove it and send the form again.",
                                   back_url, &page);
    web_route_send(ctx, rc, &page);
    return false;
  }
  const char *cookie = u_map_get(ctx->request->map_cookie, WEB_CSRF_COOKIE);
  if (web_csrf_valid(cookie, web_route_form(ctx, WEB_CSRF_FIELD))) {
    return true;
  }
  web_page page;
  int rc = web_page_form_refused(
      site, 403,
      "The form was sent without the security code of the page it came from (the page may be "
      "older than your browser's cookies, or the form came from another site). Nothing was "
      "saved: go back, reload the page and send the form again.",
      back_url, &page);
  web_route_send(ctx, rc, &page);
  return false;
}

const char *web_route_form(const srv_ctx *ctx, const char *name) {
  return u_map_get(ctx->request->map_post_body, name);
}

void web_route_redirect(srv_ctx *ctx, const char *location) {
  ulfius_set_string_body_response(ctx->response, 303, "");
  ulfius_add_header_to_response(ctx->response, "Location", location);
  S_headers(ctx, "text/plain; charset=utf-8", "no-store");
}

/* A whole number from 0 to `max` in the query, else 0. */
static size_t S_query_count(srv_ctx *ctx, const char *name, size_t max) {
  const char *text = u_map_get(ctx->request->map_url, name);
  char *end = NULL;
  unsigned long long value = text != NULL ? strtoull(text, &end, 10) : 0;
  return text != NULL && *text >= '0' && *text <= '9' && *end == '\0' && value <= max
             ? (size_t)value
             : 0;
}

void web_route_article_send(srv_ctx *ctx, const web_story_form *form, int status) {
  const web_site *site = web_route_site(ctx);
  if (site != NULL && !web_complaint_exists(site, ctx->params[0])) {
    web_route_not_found(ctx); /* before any cookie or database work */
    return;
  }
  const symcheck_pack *pack = NULL;
  const symcheck_complaint *complaint =
      site != NULL ? web_find_complaint(site, ctx->params[0], &pack) : NULL;
  if (complaint != NULL && complaint->article == NULL) {
    char quiz[256]; /* no article page, only the quiz */
    web_complaint_url(complaint, quiz, sizeof quiz);
    web_route_redirect(ctx, quiz);
    return;
  }
  char csrf[WEB_CSRF_HEX + 1];
  if (site == NULL || web_route_csrf_token(ctx, csrf) != 0) {
    return;
  }
  const char *sent = u_map_get(ctx->request->map_url, "story");
  web_stories_view stories = {.csrf = csrf,
                              .form = form,
                              .sent = sent != NULL && strcmp(sent, "sent") == 0,
                              .from = S_query_count(ctx, "stories_from", 1000000)};
  char *stories_html = NULL;
  char *helpful_html = web_route_helpful_section(ctx, site, csrf);
  srv_condition_counts counts = {0};
  bool counted = ctx->server->db != NULL &&
                 srv_store_quiz_top(ctx->server->db, ctx->params[0], &counts) == SRV_STORE_OK;
  web_page page;
  int rc = web_stories_section(site, ctx->server->db, ctx->params[0], &stories, &stories_html);
  if (rc == 0 && helpful_html != NULL) {
    web_article_parts parts = {.status = status,
                               .stories_html = stories_html,
                               .helpful_html = helpful_html,
                               .quiz_counts = counted ? &counts : NULL};
    rc = web_page_article(site, ctx->params[0], &parts, &page);
  } else {
    rc = -1;
    memset(&page, 0, sizeof page);
  }
  free(stories_html);
  free(helpful_html);
  srv_condition_counts_free(&counts);
  web_route_send(ctx, rc, &page);
}

void web_route_article(srv_ctx *ctx) {
  web_route_article_send(ctx, NULL, 0);
}

void web_route_condition(srv_ctx *ctx) {
  const web_site *site = web_route_site(ctx);
  if (site == NULL) {
    return;
  }
  web_page page;
  web_route_send(ctx, web_page_condition(site, ctx->params[0], ctx->params[1], &page), &page);
}

void web_route_sources(srv_ctx *ctx) {
  const web_site *site = web_route_site(ctx);
  if (site == NULL) {
    return;
  }
  web_page page;
  web_route_send(ctx, web_page_sources(site, ctx->param_count > 0 ? ctx->params[0] : NULL, &page),
                 &page);
}

typedef int (*S_quiz_page)(const web_site *, const char *, const web_params *, web_page *);

static void S_quiz_route(srv_ctx *ctx, S_quiz_page render) {
  const web_site *site = web_route_site(ctx);
  if (site == NULL) {
    return;
  }
  S_query q;
  S_query_read(ctx, &q);
  web_page page;
  int rc = render(site, ctx->params[0], &q.params, &page);
  if (rc == 0) {
    quiz_stats_after_quiz(ctx, &page); /* only a result page counts */
  }
  web_route_send(ctx, rc, &page);
}

void web_route_quiz(srv_ctx *ctx) {
  S_quiz_route(ctx, web_page_quiz);
}

void web_route_summary(srv_ctx *ctx) {
  S_quiz_route(ctx, web_page_summary);
}

void web_route_fhir(srv_ctx *ctx) {
  S_quiz_route(ctx, web_page_fhir);
}

void web_route_static(srv_ctx *ctx) {
  S_pages *pages = S_pages_get(ctx->server);
  for (size_t i = 0; i < sizeof pages->files / sizeof pages->files[0]; i++) {
    const S_file *file = &pages->files[i];
    if (file->stored.identity != NULL && strcmp(ctx->params[0], file->name) == 0) {
      S_headers(ctx, file->type, S_STATIC_CACHE);
      srv_reply_stored(ctx, &file->stored, S_STATIC_CACHE);
      return;
    }
  }
  srv_error err;
  srv_error_set(&err, 404, "not_found", "", "There is no such file.");
  srv_reply_error(ctx, &err);
}
