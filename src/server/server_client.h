/*
 * server_client.h - who is asking, for the per-client limits, and whether
 * the reader's connection is encrypted, for the cookies' Secure flag.
 *
 * Served directly, the client is the peer address and the connection is
 * plain HTTP. With `serve --behind-proxy`, symcheck sits behind a reverse
 * proxy it trusts (docs/deploy.md): the client is the X-Real-IP header the
 * proxy sets, and X-Forwarded-Proto: https marks the reader's connection
 * as TLS. Neither address is ever kept: the limiter keeps a keyed hash.
 */
#ifndef SYMCHECK_SERVER_CLIENT_H
#define SYMCHECK_SERVER_CLIENT_H

#include <stdbool.h>

#include "server.h"

/* Takes one token for the request's client from `limiter` now (see
   srv_ratelimit_take); true when the request may go ahead. */
bool srv_client_take(srv_ratelimit *limiter, const srv_ctx *ctx, unsigned *retry_after);

/* True when the reader reached the site over TLS (only known behind a
   trusted proxy), so cookies must carry the Secure flag. */
bool srv_client_https(const srv_ctx *ctx);

#endif /* SYMCHECK_SERVER_CLIENT_H */
