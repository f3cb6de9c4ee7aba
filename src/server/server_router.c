/*
 * server_router.c - the route table and the one entry point every request
 * takes: rate limit, route match (404, 405 with Allow), body size (413)
 * and content type (415) checks, the handler, the content coding (gzip
 * when the client accepts it, server_encoding.h), then the metrics and one
 * access-log line (method, route pattern, status, milliseconds: never the
 * address, the query or the body). Pages (the web front end) add rows to
 * srv_routes with their own handlers.
 */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "routes_pages.h"
#include "server.h"
#include "server_client.h"
#include "server_encoding.h"

const srv_route srv_routes[] = {
    {"GET", "/healthz", srv_handle_healthz, false, NULL},
    {"GET", "/readyz", srv_handle_readyz, false, NULL},
    {"GET", "/metrics", srv_handle_metrics, false, NULL},
    {"GET", "/api/v1/openapi.json", srv_handle_openapi, true, NULL},
    {"GET", "/api/v1/complaints", srv_handle_complaints, true, NULL},
    {"GET", "/api/v1/packs", srv_handle_packs, true, NULL},
    {"GET", "/api/v1/conditions/{pack}/{id}", srv_handle_condition, true, NULL},
    {"GET", "/api/v1/findings/{pack}/{id}", srv_handle_finding, true, NULL},
    {"POST", "/api/v1/interview", srv_handle_interview, true, "application/json"},
    {"POST", "/api/v1/explain", srv_handle_explain, true, "application/json"},
    WEB_PAGE_ROUTES /* the web pages and /static/ (routes_pages.h) */
    {NULL, NULL, NULL, false, NULL},
};

static double S_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

size_t srv_route_count(void) {
  size_t n = 0;
  while (srv_routes[n].pattern != NULL) {
    n++;
  }
  return n;
}

/* True when `path` fits `pattern`; {name} segments are copied to ctx. */
static bool S_match(const char *pattern, const char *path, srv_ctx *ctx) {
  ctx->param_count = 0;
  while (*pattern != '\0' && *path != '\0') {
    if (strcmp(pattern, "*") == 0) {
      if (strlen(path) >= SRV_MAX_ID_PARAM || ctx->param_count == SRV_MAX_PARAMS) {
        return false;
      }
      strcpy(ctx->params[ctx->param_count++], path);
      return true;
    }
    if (*pattern == '{') {
      const char *end = strchr(path, '/');
      size_t length = end != NULL ? (size_t)(end - path) : strlen(path);
      if (length == 0 || length >= SRV_MAX_ID_PARAM || ctx->param_count == SRV_MAX_PARAMS) {
        return false;
      }
      memcpy(ctx->params[ctx->param_count], path, length);
      ctx->params[ctx->param_count++][length] = '\0';
      path += length;
      pattern = strchr(pattern, '}') + 1;
    } else if (*pattern++ != *path++) {
      return false;
    }
  }
  return *pattern == '\0' && *path == '\0';
}

/* HEAD is answered like GET (libmicrohttpd leaves the body out). */
static bool S_method_fits(const char *route_method, const char *method) {
  return strcmp(route_method, method) == 0 ||
         (strcmp(route_method, "GET") == 0 && strcmp(method, "HEAD") == 0);
}

/* Finds the route; returns its index, or the route count when none fits.
 *allow lists the methods the path accepts when only the method was wrong. */
static size_t S_find(srv_ctx *ctx, const char *method, const char *path, char *allow,
                     size_t allow_size) {
  size_t n = srv_route_count(), path_match = n;
  allow[0] = '\0';
  for (size_t i = 0; i < n; i++) {
    if (!S_match(srv_routes[i].pattern, path, ctx)) {
      continue;
    }
    if (S_method_fits(srv_routes[i].method, method)) {
      allow[0] = '\0'; /* an earlier row had the path with another method */
      return i;
    }
    if (path_match == n) {
      path_match = i;
    }
    size_t used = strlen(allow);
    snprintf(allow + used, allow_size - used, "%s%s", used > 0 ? ", " : "", srv_routes[i].method);
  }
  return path_match;
}

/* True when the request's Content-Type (parameters aside) is `wanted`. */
static bool S_content_type_is(const struct _u_request *request, const char *wanted) {
  const char *type = u_map_get_case(request->map_header, "Content-Type");
  if (type == NULL) {
    return false;
  }
  size_t length = strcspn(type, "; ");
  return length == strlen(wanted) && strncasecmp(type, wanted, length) == 0;
}

static bool S_too_large(const struct _u_request *request) {
  const char *declared = u_map_get_case(request->map_header, "Content-Length");
  if (declared != NULL && strtoull(declared, NULL, 10) > SRV_MAX_BODY) {
    return true;
  }
  return request->binary_body_length > SRV_MAX_BODY;
}

static bool S_rate_limited(srv_ctx *ctx) {
  srv_server *s = ctx->server;
  unsigned retry_after = 1;
  if (s->limiter == NULL || srv_client_take(s->limiter, ctx, &retry_after)) {
    return false;
  }
  srv_error err;
  srv_error_set(&err, 429, "rate_limited", "",
                "Too many requests from this client; try again in %u s.", retry_after);
  srv_reply_error(ctx, &err);
  char seconds[16];
  snprintf(seconds, sizeof seconds, "%u", retry_after);
  ulfius_add_header_to_response(ctx->response, "Retry-After", seconds);
  return true;
}

/* An unmatched GET outside the API is a person following a bad link. */
static bool S_wants_page(const struct _u_request *request) {
  const char *path = request->url_path != NULL ? request->url_path : "";
  const char *method = request->http_verb != NULL ? request->http_verb : "";
  return (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0) &&
         strncmp(path, "/api/", 5) != 0;
}

/* The checks that come before any handler; returns true when one answered. */
static bool S_refused(srv_ctx *ctx, size_t route, size_t count, const char *allow) {
  srv_error err;
  bool limited = route < count ? srv_routes[route].limited : true;
  if (limited && S_rate_limited(ctx)) {
    return true;
  }
  if (route == count && S_wants_page(ctx->request)) {
    web_route_not_found(ctx);
    return true;
  } else if (route == count) {
    srv_error_set(&err, 404, "not_found", "", "There is nothing at this address.");
  } else if (allow[0] != '\0') {
    srv_error_set(&err, 405, "method_not_allowed", "", "This address accepts %s only.", allow);
    ulfius_add_header_to_response(ctx->response, "Allow", allow);
  } else if (strcmp(srv_routes[route].method, "POST") != 0) {
    return false;
  } else if (S_too_large(ctx->request)) {
    srv_error_set(&err, 413, "body_too_large", "", "The body must be at most %d bytes.",
                  SRV_MAX_BODY);
  } else if (srv_routes[route].body_type != NULL &&
             !S_content_type_is(ctx->request, srv_routes[route].body_type)) {
    srv_error_set(&err, 415, "unsupported_media_type", "", "Send the body with Content-Type: %s.",
                  srv_routes[route].body_type);
  } else {
    return false;
  }
  srv_reply_error(ctx, &err);
  return true;
}

/* The request method if it is a plain token, for the log. */
static const char *S_log_method(const char *method) {
  size_t length = strlen(method);
  if (length == 0 || length > 10 || strspn(method, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != length) {
    return "OTHER";
  }
  return method;
}

static void S_access_log(const char *method, size_t route, size_t count, long status,
                         double seconds) {
  char stamp[32];
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  fprintf(stderr, "%s %s %s %ld %.3fms\n", stamp, S_log_method(method),
          route < count ? srv_routes[route].pattern : "unmatched", status, seconds * 1000.0);
}

int srv_dispatch(const struct _u_request *request, struct _u_response *response, void *server) {
  srv_server *s = server;
  double start = S_now();
  srv_ctx ctx = {.server = s, .request = request, .response = response};
  size_t count = srv_route_count();
  char allow[64];
  const char *method = request->http_verb != NULL ? request->http_verb : "";
  const char *path = request->url_path != NULL ? request->url_path : "";
  size_t route = S_find(&ctx, method, path, allow, sizeof allow);
  if (!S_refused(&ctx, route, count, allow)) {
    srv_routes[route].handler(&ctx);
  }
  srv_encode_response(&ctx); /* gzip and Vary, for every answer alike */
  double seconds = S_now() - start;
  srv_metrics_request(s->metrics, route, method, (unsigned)response->status, seconds);
  S_access_log(method, route, count, response->status, seconds);
  return U_CALLBACK_COMPLETE;
}

void srv_reply_text(srv_ctx *ctx, unsigned status, const char *content_type, const char *text) {
  ulfius_set_binary_body_response(ctx->response, status, text, strlen(text));
  ulfius_add_header_to_response(ctx->response, "Content-Type", content_type);
}

void srv_reply_json(srv_ctx *ctx, unsigned status, json_t *body) {
  size_t length = 0;
  char *text = body != NULL ? symcheck_json_text(body, &length) : NULL;
  json_decref(body);
  srv_reply_json_text(ctx, status, text, length);
}

void srv_reply_json_text(srv_ctx *ctx, unsigned status, char *text, size_t length) {
  if (text == NULL) {
    srv_reply_text(ctx, 500, "application/json",
                   "{\"error\":{\"code\":\"out_of_memory\",\"message\":\"The server ran out of "
                   "memory.\",\"field\":null}}");
    return;
  }
  /* The response takes the text as it is: ulfius frees its body with
     o_free, which is free() as long as nobody sets other allocators, and
     a 30 KB answer is then not copied once more. */
  o_free(ctx->response->binary_body);
  ctx->response->binary_body = text;
  ctx->response->binary_body_length = length;
  ctx->response->status = status;
  ulfius_add_header_to_response(ctx->response, "Content-Type", "application/json");
}

void srv_reply_error(srv_ctx *ctx, const srv_error *err) {
  srv_reply_json(ctx, err->status, srv_error_json(err));
}
