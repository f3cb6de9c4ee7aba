/*
 * routes_helpful.c - the helpful vote over HTTP (see routes_helpful.h).
 * The browser's voter id is 32 random bytes in an HttpOnly, SameSite=
 * Strict cookie kept for a year; the database sees only its SHA-256, so
 * one browser has one vote per article and can change it, and nothing
 * stored leads back to the browser or the person. The per-client limit is
 * the in-memory bucket srv_server.vote_limiter (keyed hashes of addresses,
 * never kept or logged).
 */
#define _POSIX_C_SOURCE 200809L

#include "routes_helpful.h"
#include "routes_pages.h"
#include "server_client.h"
#include "web_helpful.h"
#include "web_stories.h"
#include "web_token.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

/* The browser's voter id, or a new random one (*fresh true) to send as
   the cookie. False when libsodium cannot start. */
static bool S_voter_id(const char *cookie, char id[WEB_TOKEN_HEX + 1], bool *fresh) {
  *fresh = !web_token_well_formed(cookie);
  if (!*fresh) {
    memcpy(id, cookie, WEB_TOKEN_HEX + 1);
    return true;
  }
  return web_token_new(id) == 0;
}

#define S_BACK_SIZE (SRV_MAX_ID_PARAM + 32)

/* Where a refused vote's page links back to: the article's question. */
static void S_back_url(const srv_ctx *ctx, char back[S_BACK_SIZE]) {
  snprintf(back, S_BACK_SIZE, "/symptoms/%s#helpful", ctx->params[0]);
}

/* A short page saying why the vote was not taken, with a link back. */
static void S_refuse(srv_ctx *ctx, const web_site *site, int status, const char *message) {
  char back[S_BACK_SIZE];
  S_back_url(ctx, back);
  web_page page;
  web_route_send(ctx, web_page_form_refused(site, status, message, back, &page), &page);
}

/* Takes one vote from the client's bucket; false (after answering 429)
   when it is empty. */
static bool S_within_limit(srv_ctx *ctx, const web_site *site) {
  unsigned retry_after = 1;
  srv_ratelimit *limiter = ctx->server->vote_limiter;
  if (limiter == NULL || srv_client_take(limiter, ctx, &retry_after)) {
    return true;
  }
  S_refuse(ctx, site, 429,
           "Too many answers to this question have come from your network in the last hour. "
           "Nothing was saved: please try again later.");
  char seconds[16];
  snprintf(seconds, sizeof seconds, "%u", retry_after);
  ulfius_add_header_to_response(ctx->response, "Retry-After", seconds);
  return false;
}

/* Stores the vote; false after answering 503 when the database did not. */
static bool S_store(srv_ctx *ctx, const web_site *site, bool helpful) {
  const char *slug = ctx->params[0];
  bool fresh = false;
  char id[WEB_TOKEN_HEX + 1], hash[WEB_TOKEN_HEX + 1];
  if (!S_voter_id(u_map_get(ctx->request->map_cookie, WEB_VOTER_COOKIE), id, &fresh)) {
    S_refuse(ctx, site, 500, "The server cannot make random numbers; nothing was saved.");
    return false;
  }
  web_token_hash(id, hash); /* the database keys the vote by this */
  if (ctx->server->db == NULL ||
      srv_store_vote(ctx->server->db, slug, hash, helpful) != SRV_STORE_OK) {
    S_refuse(ctx, site, 503,
             "The database is not answering; your answer was not saved, please try again in a "
             "minute.");
    return false;
  }
  if (fresh) {
    ulfius_add_same_site_cookie_to_response(ctx->response, WEB_VOTER_COOKIE, id, NULL,
                                            WEB_VOTER_SECONDS, NULL, "/symptoms",
                                            srv_client_https(ctx), true, U_COOKIE_SAME_SITE_STRICT);
  }
  sodium_memzero(id, sizeof id);
  return true;
}

void web_route_helpful(srv_ctx *ctx) {
  const web_site *site = web_route_site(ctx);
  if (site == NULL) {
    return;
  }
  const char *slug = ctx->params[0];
  if (!web_complaint_exists(site, slug)) {
    web_page page;
    web_route_send(ctx, web_page_not_found(site, &page), &page);
    return;
  }
  char back[S_BACK_SIZE];
  S_back_url(ctx, back);
  if (!web_route_form_accepted(ctx, site, back)) {
    return;
  }
  const char *answer = web_route_form(ctx, "helpful");
  bool yes = answer != NULL && strcmp(answer, "yes") == 0;
  if (!yes && (answer == NULL || strcmp(answer, "no") != 0)) {
    S_refuse(ctx, site, 400, "Please answer with the Yes or the No button.");
    return;
  }
  if (!S_within_limit(ctx, site) || !S_store(ctx, site, yes)) {
    return;
  }
  char location[SRV_MAX_ID_PARAM + 40];
  snprintf(location, sizeof location, "/symptoms/%s?voted=1#helpful", slug);
  web_route_redirect(ctx, location);
}

char *web_route_helpful_section(srv_ctx *ctx, const web_site *site, const char *csrf) {
  const char *voted = u_map_get(ctx->request->map_url, "voted");
  web_helpful_view view = {.csrf = csrf, .voted = voted != NULL && strcmp(voted, "1") == 0};
  char *html = NULL;
  web_helpful_section(site, ctx->server->db, ctx->params[0], &view, &html);
  return html;
}
