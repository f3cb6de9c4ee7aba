/*
 * server_ops.c - the routes for operators and tools: liveness, readiness
 * (packs loaded and the database answering), Prometheus metrics and the
 * OpenAPI description (docs/openapi.yaml, converted to JSON at start).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>

#include "server.h"

void srv_handle_healthz(srv_ctx *ctx) {
  srv_reply_json(ctx, 200, json_pack("{s:s}", "status", "ok"));
}

void srv_handle_readyz(srv_ctx *ctx) {
  srv_server *s = ctx->server;
  srv_error err;
  if (s->pack_count == 0) {
    srv_error_set(&err, 503, "not_ready", "", "No pack is loaded.");
  } else if (srv_db_ping(s->db) != 0) {
    srv_error_set(&err, 503, "not_ready", "",
                  "The database (%s) is not answering; stories and votes cannot be saved "
                  "until it is back.",
                  s->db->backend->name);
  } else {
    srv_reply_json(ctx, 200,
                   json_pack("{s:s, s:I, s:s}", "status", "ready", "packs",
                             (json_int_t)s->pack_count, "database", s->db->backend->name));
    return;
  }
  srv_reply_error(ctx, &err);
}

void srv_handle_metrics(srv_ctx *ctx) {
  char *text = srv_metrics_text(ctx->server->metrics);
  if (text == NULL) {
    srv_error err;
    srv_error_set(&err, 500, "out_of_memory", "", "The server ran out of memory.");
    srv_reply_error(ctx, &err);
    return;
  }
  srv_reply_text(ctx, 200, "text/plain; version=0.0.4; charset=utf-8", text);
  free(text);
}

void srv_handle_openapi(srv_ctx *ctx) {
  srv_reply_stored(ctx, &ctx->server->openapi, "no-cache");
}
