/*
 * server_api.c - the read-only content routes: complaint search, the
 * packs (made on first use and kept, gzipped too), one condition, one
 * finding. Content JSON comes from the library
 * (symcheck_pack_json, symcheck_condition_json, symcheck_finding_json).
 */
#define _POSIX_C_SOURCE 200809L
#include <string.h>

#include "server.h"

#define S_MAX_QUERY 200  /* longest search text accepted */
#define S_MAX_MATCHES 20 /* complaints listed for a search */
#define S_MAX_CLOSEST 5  /* closest complaints offered when nothing matches */

static json_t *S_complaint_ref(const symcheck_pack *pack, const symcheck_complaint *c) {
  return json_pack("{s:s, s:s, s:s}", "pack", symcheck_pack_get_info(pack)->id, "id", c->id, "name",
                   c->name);
}

/* The hits of one search across the packs, best first, each with its
   score. */
static json_t *S_search(const srv_server *server, const char *q, symcheck_search_mode mode,
                        size_t max) {
  symcheck_search_hit hits[S_MAX_MATCHES];
  const symcheck_pack *const *packs = (const symcheck_pack *const *)server->packs;
  size_t n = symcheck_search_complaints(packs, server->pack_count, q, mode, hits, max);
  json_t *list = json_array();
  for (size_t i = 0; i < n; i++) {
    const symcheck_pack *pack = packs[hits[i].pack];
    json_t *ref = S_complaint_ref(pack, symcheck_pack_complaint(pack, hits[i].complaint));
    json_object_set_new(ref, "score", json_real(hits[i].score));
    json_array_append_new(list, ref);
  }
  return list;
}

void srv_handle_complaints(srv_ctx *ctx) {
  const char *q = u_map_get(ctx->request->map_url, "q");
  if (q != NULL && strlen(q) > S_MAX_QUERY) {
    srv_error err;
    srv_error_set(&err, 422, "invalid_value", "q", "q must be at most %d characters.", S_MAX_QUERY);
    srv_reply_error(ctx, &err);
    return;
  }
  const srv_server *server = ctx->server;
  if (q == NULL || q[0] == '\0') {
    json_t *list = json_array();
    for (size_t p = 0; p < server->pack_count; p++) {
      for (size_t i = 0; i < symcheck_pack_complaint_count(server->packs[p]); i++) {
        const symcheck_complaint *c = symcheck_pack_complaint(server->packs[p], i);
        if (c->listed) { /* as the home page and the search: `listed: false` stays off */
          json_array_append_new(list, S_complaint_ref(server->packs[p], c));
        }
      }
    }
    srv_reply_json(ctx, 200,
                   json_pack("{s:o, s:s}", "complaints", list, "notice", SYMCHECK_NOTICE));
    return;
  }
  json_t *list = S_search(server, q, SYMCHECK_SEARCH_MATCHES, S_MAX_MATCHES);
  json_t *body = json_pack("{s:o, s:s}", "complaints", list, "notice", SYMCHECK_NOTICE);
  if (json_array_size(list) == 0) {
    json_object_set_new(body, "closest",
                        S_search(server, q, SYMCHECK_SEARCH_CLOSEST, S_MAX_CLOSEST));
  }
  srv_reply_json(ctx, 200, body);
}

/* The packs' JSON into server->packs_json, once: it is the same for the
   whole run (2 MB for the shipped packs, half a second to make). Returns
   0, or -1 when memory ran out (the next request tries again). */
static int S_packs_json(srv_server *server) {
  pthread_mutex_lock(&server->packs_json_lock);
  if (server->packs_json.identity == NULL) {
    json_t *list = json_array();
    for (size_t i = 0; i < server->pack_count; i++) {
      json_array_append_new(list, symcheck_pack_json(server->packs[i]));
    }
    json_t *body = json_pack("{s:o, s:s}", "packs", list, "notice", SYMCHECK_NOTICE);
    size_t length = 0;
    char *text = body != NULL ? symcheck_json_text(body, &length) : NULL;
    json_decref(body);
    if (text != NULL) {
      srv_stored_make(&server->packs_json, "application/json", (unsigned char *)text, length);
    }
  }
  int rc = server->packs_json.identity != NULL ? 0 : -1;
  pthread_mutex_unlock(&server->packs_json_lock);
  return rc;
}

void srv_handle_packs(srv_ctx *ctx) {
  if (S_packs_json(ctx->server) != 0) {
    srv_error err;
    srv_error_set(&err, 500, "out_of_memory", "", "The server ran out of memory.");
    srv_reply_error(ctx, &err);
    return;
  }
  srv_reply_stored(ctx, &ctx->server->packs_json, "no-cache");
}

/* The pack named by the first path parameter; answers 404 when unknown. */
static const symcheck_pack *S_path_pack(srv_ctx *ctx) {
  const symcheck_pack *pack = srv_pack_find(ctx->server, ctx->params[0]);
  if (pack == NULL) {
    srv_error err;
    srv_error_set(&err, 404, "unknown_pack", "pack", "There is no pack \"%s\".", ctx->params[0]);
    srv_reply_error(ctx, &err);
  }
  return pack;
}

void srv_handle_condition(srv_ctx *ctx) {
  const symcheck_pack *pack = S_path_pack(ctx);
  if (pack == NULL) {
    return;
  }
  const symcheck_condition *c = symcheck_pack_find_condition(pack, ctx->params[1]);
  if (c == NULL) {
    srv_error err;
    srv_error_set(&err, 404, "unknown_condition", "id", "The pack has no condition \"%s\".",
                  ctx->params[1]);
    srv_reply_error(ctx, &err);
    return;
  }
  srv_reply_json(ctx, 200, symcheck_condition_json(pack, c));
}

void srv_handle_finding(srv_ctx *ctx) {
  const symcheck_pack *pack = S_path_pack(ctx);
  if (pack == NULL) {
    return;
  }
  const symcheck_finding *f = symcheck_pack_find_finding(pack, ctx->params[1]);
  if (f == NULL) {
    srv_error err;
    srv_error_set(&err, 404, "unknown_finding", "id", "The pack has no finding \"%s\".",
                  ctx->params[1]);
    srv_reply_error(ctx, &err);
    return;
  }
  srv_reply_json(ctx, 200, symcheck_finding_json(f));
}
