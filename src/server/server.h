/*
 * server.h - the pieces of `symcheck serve` and how they meet.
 *
 * cmd_serve.c fills a srv_config and calls srv_run. srv_run (server_run.c)
 * loads the packs, opens the database, starts ulfius on libmicrohttpd and
 * waits for SIGTERM/SIGINT. Every request goes through srv_dispatch
 * (server_router.c): rate limit, route match, method, size and content
 * type checks, the route's handler, the content coding (gzip when the
 * client accepts it: server_encoding.h), then metrics and the access log.
 * Handlers answer only with the library's JSON (or an error body).
 */
#ifndef SYMCHECK_SERVER_H
#define SYMCHECK_SERVER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <ulfius.h>

#include "server_db.h"
#include "server_encoding.h"
#include "server_error.h"
#include "server_metrics.h"
#include "server_ratelimit.h"
#include "symcheck.h"

#define SRV_MAX_BODY (64 * 1024) /* larger request bodies get 413 */
#define SRV_MAX_PARAMS 4         /* {placeholders} in one route pattern */
#define SRV_MAX_ID_PARAM 129     /* longest path segment kept, with its NUL */
#define SRV_MAX_ROUTES 64        /* rows the route table may have */

typedef struct srv_config {
  char host[64]; /* numeric IPv4 address to listen on */
  unsigned port; /* 0 = any free port (printed at start) */
  size_t pack_dir_count;
  const char **pack_dirs; /* borrowed; none = every pack under packs/ */
  const char *db_url;     /* "sqlite:PATH" or "postgresql://..." */
  unsigned threads;       /* worker threads, >= 1 */
  double rate;            /* requests per second per client; 0 = no limit */
  unsigned story_limit;   /* readers' stories per client per hour; 0 = no limit */
  unsigned login_limit;   /* editor login attempts per client per 15 min; 0 = no limit */
  unsigned vote_limit;    /* helpful votes per client per hour; 0 = no limit */
  bool behind_proxy;      /* trust X-Real-IP / X-Forwarded-Proto (server_client.h) */
} srv_config;

typedef struct srv_server {
  srv_config config;
  size_t pack_count;
  symcheck_pack **packs;
  srv_db *db;
  srv_metrics *metrics;
  srv_ratelimit *limiter;
  srv_ratelimit *story_limiter;              /* NULL when config.story_limit is 0 */
  srv_ratelimit *login_limiter;              /* NULL when config.login_limit is 0 */
  srv_ratelimit *vote_limiter;               /* NULL when config.vote_limit is 0 */
  srv_stored openapi;                        /* docs/openapi.yaml as JSON, made at start */
  srv_stored packs_json;                     /* GET /api/v1/packs, made on first use */
  pthread_mutex_t packs_json_lock;           /* guards the making of packs_json */
  const char *route_methods[SRV_MAX_ROUTES]; /* metric labels, from srv_routes */
  const char *route_patterns[SRV_MAX_ROUTES];
  atomic_int in_flight; /* requests started and not yet answered */
} srv_server;

/* One request on its way through a handler. */
typedef struct srv_ctx {
  srv_server *server;
  const struct _u_request *request;
  struct _u_response *response;
  size_t param_count;
  char params[SRV_MAX_PARAMS][SRV_MAX_ID_PARAM];
} srv_ctx;

typedef void (*srv_handler)(srv_ctx *ctx);

/*
 * One row of the route table. A pattern is literal text with {name}
 * segments (each copied to ctx->params in order) and may end in a "*"
 * segment, which matches the rest of the path (the last parameter).
 * Pages join by adding rows here that point at their own handlers.
 */
typedef struct srv_route {
  const char *method;  /* "GET" or "POST" (GET routes answer HEAD too) */
  const char *pattern; /* "/api/v1/conditions/{pack}/{id}" */
  srv_handler handler;
  bool limited;          /* counts against the client's rate limit */
  const char *body_type; /* POST: the Content-Type required, else 415 */
} srv_route;

/* The route table, in match order; ends with a zeroed entry. */
extern const srv_route srv_routes[];
/* How many routes the table has (the zeroed end not counted). */
size_t srv_route_count(void);

/* ulfius default-endpoint callback: every request comes here. */
int srv_dispatch(const struct _u_request *request, struct _u_response *response, void *server);

/* Runs the server until SIGTERM/SIGINT. Returns the process exit code:
   0 after a clean stop, 1 when it could not start, 2 on a refused
   configuration (e.g. a PostgreSQL URL). Prints its own errors. */
int srv_run(const srv_config *config);

/* Loads the packs the config names (or finds the default ones). Returns 0,
   or -1 after printing each error to stderr. */
int srv_packs_load(srv_server *server);
void srv_packs_free(srv_server *server);
/* The loaded pack with that id, or NULL. */
const symcheck_pack *srv_pack_find(const srv_server *server, const char *id);

/* Reads docs/openapi.yaml (cwd, then SYMCHECK_DATA_DIR) into *openapi as
   JSON text (srv_stored_free frees it). Returns 0, or -1 after printing why. */
int srv_openapi_load(srv_stored *openapi);

/* Answer helpers: each sets status, body and Content-Type. */
void srv_reply_json(srv_ctx *ctx, unsigned status, json_t *body); /* steals body */
/* Steals text (malloc'd JSON of that length); NULL answers 500. */
void srv_reply_json_text(srv_ctx *ctx, unsigned status, char *text, size_t length);
void srv_reply_error(srv_ctx *ctx, const srv_error *err);
void srv_reply_text(srv_ctx *ctx, unsigned status, const char *content_type, const char *text);

/* Handlers (server_api.c, server_interview.c, server_ops.c). */
void srv_handle_complaints(srv_ctx *ctx);
void srv_handle_packs(srv_ctx *ctx);
void srv_handle_condition(srv_ctx *ctx);
void srv_handle_finding(srv_ctx *ctx);
void srv_handle_interview(srv_ctx *ctx);
void srv_handle_explain(srv_ctx *ctx);
void srv_handle_openapi(srv_ctx *ctx);
void srv_handle_healthz(srv_ctx *ctx);
void srv_handle_readyz(srv_ctx *ctx);
void srv_handle_metrics(srv_ctx *ctx);

#endif /* SYMCHECK_SERVER_H */
