/*
 * server_ratelimit.c - per-client token buckets in a fixed hash table.
 * A slot holds the client's 64-bit keyed hash; a new client takes over a
 * slot only when the bucket there has refilled (its old owner has been
 * quiet), so a busy client cannot be reset by a stranger's request.
 */
#define _POSIX_C_SOURCE 200809L
#include "server_ratelimit.h"

#include <math.h>
#include <pthread.h>
#include <sodium.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define S_SLOTS 4096

typedef struct S_bucket {
  uint64_t client; /* keyed hash of the address; 0 = free */
  double tokens;
  double updated; /* seconds */
} S_bucket;

struct srv_ratelimit {
  pthread_mutex_t lock;
  double rate, burst;
  unsigned char key[crypto_shorthash_KEYBYTES];
  S_bucket slots[S_SLOTS];
};

srv_ratelimit *srv_ratelimit_new(double rate, double burst) {
  if (sodium_init() < 0) {
    return NULL;
  }
  srv_ratelimit *limiter = calloc(1, sizeof *limiter);
  if (limiter == NULL) {
    return NULL;
  }
  pthread_mutex_init(&limiter->lock, NULL);
  limiter->rate = rate;
  limiter->burst = burst < 1 ? 1 : burst;
  crypto_shorthash_keygen(limiter->key);
  return limiter;
}

void srv_ratelimit_free(srv_ratelimit *limiter) {
  if (limiter == NULL) {
    return;
  }
  pthread_mutex_destroy(&limiter->lock);
  sodium_memzero(limiter->key, sizeof limiter->key);
  free(limiter);
}

/* The keyed hash of the client's identity (never kept itself). */
static uint64_t S_client(const srv_ratelimit *limiter, const void *client, size_t length) {
  unsigned char hash[crypto_shorthash_BYTES];
  crypto_shorthash(hash, client != NULL ? client : "", client != NULL ? length : 0, limiter->key);
  uint64_t id;
  memcpy(&id, hash, sizeof id);
  return id != 0 ? id : 1;
}

static void S_refill(const srv_ratelimit *limiter, S_bucket *b, double now) {
  double elapsed = now - b->updated;
  if (elapsed > 0) {
    b->tokens = fmin(limiter->burst, b->tokens + elapsed * limiter->rate);
    b->updated = now;
  }
}

bool srv_ratelimit_take(srv_ratelimit *limiter, const void *client_id, size_t length, double now,
                        unsigned *retry_after) {
  uint64_t client = S_client(limiter, client_id, length);
  pthread_mutex_lock(&limiter->lock);
  S_bucket *b = &limiter->slots[client % S_SLOTS];
  if (b->client != client) {
    S_refill(limiter, b, now);
    if (b->client == 0 || b->tokens >= limiter->burst) {
      b->client = client;
      b->tokens = limiter->burst;
      b->updated = now;
    }
  }
  S_refill(limiter, b, now);
  bool allowed = b->tokens >= 1.0;
  if (allowed) {
    b->tokens -= 1.0;
  } else {
    *retry_after = (unsigned)ceil((1.0 - b->tokens) / limiter->rate);
    if (*retry_after < 1) {
      *retry_after = 1;
    }
  }
  pthread_mutex_unlock(&limiter->lock);
  return allowed;
}
