/*
 * server_ratelimit.h - a token bucket per client. Clients are told apart
 * by a keyed hash (SipHash, key drawn at start) of their identity (the
 * peer address, see server_client.h); the identity itself is never kept,
 * logged or stored, and the table lives only in memory.
 */
#ifndef SYMCHECK_SERVER_RATELIMIT_H
#define SYMCHECK_SERVER_RATELIMIT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct srv_ratelimit srv_ratelimit;

/* `rate` requests per second per client on average, bursts up to `burst`.
   Returns NULL when out of memory or libsodium cannot start. */
srv_ratelimit *srv_ratelimit_new(double rate, double burst);
void srv_ratelimit_free(srv_ratelimit *limiter);

/* Takes one token for the client identified by `length` bytes at
   `client_id` at time `now` (seconds, monotonic). Returns true when the
   request may go ahead; false when it is over the limit, with *retry_after
   set to the whole seconds until a token is free again (at least 1). */
bool srv_ratelimit_take(srv_ratelimit *limiter, const void *client_id, size_t length, double now,
                        unsigned *retry_after);

#endif /* SYMCHECK_SERVER_RATELIMIT_H */
