/*
 * server_run.c - the life of `symcheck serve`: open the database, load
 * the packs and the OpenAPI text, start libmicrohttpd (through ulfius)
 * with a pool of worker threads, print the address, then wait for
 * SIGTERM or SIGINT. On a signal it stops accepting connections, lets the
 * requests in flight finish (at most about 9 s), then exits 0.
 */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "server.h"

#define S_DRAIN_MS 9000         /* longest wait for requests in flight */
#define S_CONNECTION_TIMEOUT 30 /* seconds an idle connection is kept */

static void S_sleep_ms(long ms) {
  struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&ts, NULL);
}

/* A request line arrived: one more request in flight. Wraps the logger
   ulfius needs (it ignores its cls, so the server can ride on it). */
static void *S_request_started(void *cls, const char *uri) {
  srv_server *s = cls;
  atomic_fetch_add(&s->in_flight, 1);
  return ulfius_uri_logger(NULL, uri);
}

/* The response was sent (or the connection dropped): one fewer. */
static void S_request_completed(void *cls, struct MHD_Connection *connection, void **con_cls,
                                enum MHD_RequestTerminationCode code) {
  srv_server *s = cls;
  mhd_request_completed(NULL, connection, con_cls, code);
  atomic_fetch_sub(&s->in_flight, 1);
}

/* Starts libmicrohttpd with the ulfius callbacks wrapped as above.
   Returns 0, or -1 after printing why. */
static int S_start(srv_server *s, struct _u_instance *instance, struct sockaddr_in *address) {
  unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ITC;
  struct MHD_OptionItem options[] = {
      {MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)S_request_completed, s},
      {MHD_OPTION_URI_LOG_CALLBACK, (intptr_t)S_request_started, s},
      {MHD_OPTION_SOCK_ADDR, 0, address},
      {MHD_OPTION_THREAD_POOL_SIZE, (intptr_t)s->config.threads, NULL},
      {MHD_OPTION_CONNECTION_TIMEOUT, S_CONNECTION_TIMEOUT, NULL},
      {MHD_OPTION_END, 0, NULL},
  };
  if (s->config.threads <= 1) {
    options[3].option = MHD_OPTION_END;
    options[3].value = 0;
  }
  if (ulfius_start_framework_with_mhd_options(instance, flags, options) != U_OK) {
    fprintf(stderr,
            "symcheck serve: cannot listen on %s:%u (is the port in use?); choose another "
            "with --listen %s:PORT\n",
            s->config.host, s->config.port, s->config.host);
    return -1;
  }
  return 0;
}

static int S_instance(srv_server *s, struct _u_instance *instance, struct sockaddr_in *address) {
  memset(address, 0, sizeof *address);
  address->sin_family = AF_INET;
  address->sin_port = htons((uint16_t)s->config.port);
  if (inet_pton(AF_INET, s->config.host, &address->sin_addr) != 1) {
    fprintf(stderr, "symcheck serve: %s is not an IPv4 address\n", s->config.host);
    return -1;
  }
  /* ulfius refuses port 0; the address given to libmicrohttpd decides. */
  if (ulfius_init_instance(instance, s->config.port > 0 ? s->config.port : 1, address, NULL) !=
      U_OK) {
    fprintf(stderr, "symcheck serve: cannot set up the HTTP server\n");
    return -1;
  }
  instance->port = s->config.port;
  instance->max_post_body_size = SRV_MAX_BODY + 1; /* one more, to see it was too long */
  instance->allowed_post_processor = U_POST_PROCESS_URL_ENCODED; /* page forms */
  instance->check_utf8 = 0;
  u_map_put(instance->default_headers, "Cache-Control", "no-store");
  u_map_put(instance->default_headers, "X-Content-Type-Options", "nosniff");
  ulfius_set_default_endpoint(instance, srv_dispatch, s);
  return 0;
}

/* Stops accepting and waits until every request that had started (its
   request line read) has had its response sent; idle keep-alive
   connections are then closed by the stop. */
static void S_drain(srv_server *s, struct _u_instance *instance) {
  MHD_socket listener = MHD_quiesce_daemon(instance->mhd_daemon);
  if (listener != MHD_INVALID_SOCKET) {
    close(listener);
  }
  for (long waited = 0; atomic_load(&s->in_flight) > 0 && waited < S_DRAIN_MS; waited += 10) {
    S_sleep_ms(10);
  }
}

static unsigned S_bound_port(const struct _u_instance *instance) {
  const union MHD_DaemonInfo *info =
      MHD_get_daemon_info(instance->mhd_daemon, MHD_DAEMON_INFO_BIND_PORT);
  return info != NULL ? info->port : 0;
}

static int S_prepare(srv_server *s) {
  char why[512];
  srv_db_status db_status = srv_db_open(s->config.db_url, &s->db, why, sizeof why);
  if (db_status != SRV_DB_OK) {
    fprintf(stderr, "symcheck serve: %s\n", why);
    return db_status == SRV_DB_REFUSED ? 2 : 1;
  }
  if (srv_packs_load(s) != 0 || srv_openapi_load(&s->openapi) != 0) {
    return 1;
  }
  size_t n = srv_route_count();
  for (size_t i = 0; i < n && i < SRV_MAX_ROUTES; i++) {
    s->route_methods[i] = srv_routes[i].method;
    s->route_patterns[i] = srv_routes[i].pattern;
  }
  s->metrics = srv_metrics_new(n, s->route_methods, s->route_patterns);
  if (s->config.rate > 0) {
    s->limiter = srv_ratelimit_new(s->config.rate, s->config.rate * 2);
  }
  /* A bucket as deep as the limit, refilled over the period: N at once,
     then one more every period/N. */
  if (s->config.story_limit > 0) {
    s->story_limiter = srv_ratelimit_new(s->config.story_limit / 3600.0, s->config.story_limit);
  }
  if (s->config.login_limit > 0) {
    s->login_limiter = srv_ratelimit_new(s->config.login_limit / 900.0, s->config.login_limit);
  }
  if (s->config.vote_limit > 0) {
    s->vote_limiter = srv_ratelimit_new(s->config.vote_limit / 3600.0, s->config.vote_limit);
  }
  if (s->metrics == NULL || (s->config.rate > 0 && s->limiter == NULL) ||
      (s->config.story_limit > 0 && s->story_limiter == NULL) ||
      (s->config.login_limit > 0 && s->login_limiter == NULL) ||
      (s->config.vote_limit > 0 && s->vote_limiter == NULL)) {
    fprintf(stderr, "symcheck serve: out of memory\n");
    return 1;
  }
  return 0;
}

static void S_cleanup(srv_server *s) {
  srv_ratelimit_free(s->limiter);
  srv_ratelimit_free(s->story_limiter);
  srv_ratelimit_free(s->login_limiter);
  srv_ratelimit_free(s->vote_limiter);
  srv_metrics_free(s->metrics);
  srv_stored_free(&s->openapi);
  srv_stored_free(&s->packs_json);
  srv_packs_free(s);
  srv_db_close(s->db);
}

static int S_serve(srv_server *s, const sigset_t *stop_signals) {
  struct _u_instance instance;
  struct sockaddr_in address;
  if (S_instance(s, &instance, &address) != 0) {
    return 1;
  }
  if (S_start(s, &instance, &address) != 0) {
    ulfius_clean_instance(&instance);
    return 1;
  }
  char db[1024];
  srv_db_url_redacted(s->config.db_url, db, sizeof db);
  printf("symcheck serve: listening on http://%s:%u (%zu pack%s, %s)\n", s->config.host,
         S_bound_port(&instance), s->pack_count, s->pack_count == 1 ? "" : "s", db);
  fflush(stdout);
  int signal_number = 0;
  sigwait(stop_signals, &signal_number);
  fprintf(stderr, "symcheck serve: stopping (%s)\n",
          signal_number == SIGINT ? "SIGINT" : "SIGTERM");
  S_drain(s, &instance);
  ulfius_stop_framework(&instance);
  ulfius_clean_instance(&instance);
  return 0;
}

int srv_run(const srv_config *config) {
  srv_server s = {.config = *config, .packs_json_lock = PTHREAD_MUTEX_INITIALIZER};
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  /* Blocked before any thread starts, so only sigwait below sees them. */
  pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
  signal(SIGPIPE, SIG_IGN);
  int status = S_prepare(&s);
  if (status == 0) {
    status = S_serve(&s, &stop_signals);
  }
  S_cleanup(&s);
  return status;
}
