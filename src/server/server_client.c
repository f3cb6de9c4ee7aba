/*
 * server_client.c - the client's identity for rate limits and whether its
 * connection is TLS, from the socket or, behind a trusted proxy, from the
 * headers the proxy sets (see server_client.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "server_client.h"

#include <netinet/in.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* The header the proxy sets, when symcheck trusts a proxy and it is set. */
static const char *S_proxy_header(const srv_ctx *ctx, const char *name) {
  if (!ctx->server->config.behind_proxy) {
    return NULL;
  }
  const char *value = u_map_get_case(ctx->request->map_header, name);
  return value != NULL && value[0] != '\0' ? value : NULL;
}

/* Seconds on the monotonic clock, which the limiters count in. */
static double S_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

bool srv_client_take(srv_ratelimit *limiter, const srv_ctx *ctx, unsigned *retry_after) {
  double now = S_now();
  const char *real_ip = S_proxy_header(ctx, "X-Real-IP");
  if (real_ip != NULL) {
    return srv_ratelimit_take(limiter, real_ip, strlen(real_ip), now, retry_after);
  }
  /* The host part of the peer address (the port is left out: a client
     opens many connections). */
  const struct sockaddr *address = ctx->request->client_address;
  const void *bytes = NULL;
  size_t length = 0;
  if (address != NULL && address->sa_family == AF_INET) {
    bytes = &((const struct sockaddr_in *)(const void *)address)->sin_addr;
    length = sizeof(struct in_addr);
  } else if (address != NULL && address->sa_family == AF_INET6) {
    bytes = &((const struct sockaddr_in6 *)(const void *)address)->sin6_addr;
    length = sizeof(struct in6_addr);
  }
  return srv_ratelimit_take(limiter, bytes, length, now, retry_after);
}

bool srv_client_https(const srv_ctx *ctx) {
  const char *proto = S_proxy_header(ctx, "X-Forwarded-Proto");
  return proto != NULL && strcasecmp(proto, "https") == 0;
}
