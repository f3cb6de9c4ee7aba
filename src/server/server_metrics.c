/*
 * server_metrics.c - request, latency and outcome counters for /metrics.
 * Requests are counted by route pattern and by the method the client
 * sent (a GET to a POST route that got 405 is counted as GET on that
 * route); methods outside a fixed list count as OTHER, so a client cannot
 * grow the label set. One mutex guards everything: an update is a few
 * additions, far cheaper than the request it counts.
 */
#define _POSIX_C_SOURCE 200809L
#include "server_metrics.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_MAX_STATUSES 16 /* distinct statuses counted per route and method */

/* The methods counted apart; the last, OTHER, takes any other. */
static const char *const S_METHODS[] = {"GET",   "HEAD",   "POST",    "PUT",
                                        "PATCH", "DELETE", "OPTIONS", "OTHER"};
#define S_METHOD_COUNT (sizeof S_METHODS / sizeof S_METHODS[0])

/* Upper bounds of the latency buckets, in seconds (+Inf is implicit). */
static const double S_BUCKETS[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                   0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
#define S_BUCKET_COUNT (sizeof S_BUCKETS / sizeof S_BUCKETS[0])

typedef struct S_route {
  size_t status_count;
  unsigned statuses[S_MAX_STATUSES];
  unsigned long long by_status[S_MAX_STATUSES];
  unsigned long long buckets[S_BUCKET_COUNT + 1]; /* last is +Inf */
  unsigned long long count;
  double sum;
} S_route;

struct srv_metrics {
  pthread_mutex_t lock;
  size_t route_count; /* plus one for unmatched */
  const char *const *methods;
  const char *const *patterns;
  S_route *routes; /* (route_count + 1) * S_METHOD_COUNT, by route then method */
  unsigned long long interviews[SYMCHECK_LEVEL_COUNT];
};

srv_metrics *srv_metrics_new(size_t route_count, const char *const *methods,
                             const char *const *patterns) {
  srv_metrics *m = calloc(1, sizeof *m);
  if (m == NULL) {
    return NULL;
  }
  m->routes = calloc((route_count + 1) * S_METHOD_COUNT, sizeof *m->routes);
  if (m->routes == NULL) {
    free(m);
    return NULL;
  }
  pthread_mutex_init(&m->lock, NULL);
  m->route_count = route_count;
  m->methods = methods;
  m->patterns = patterns;
  return m;
}

void srv_metrics_free(srv_metrics *metrics) {
  if (metrics == NULL) {
    return;
  }
  pthread_mutex_destroy(&metrics->lock);
  free(metrics->routes);
  free(metrics);
}

static void S_count_status(S_route *r, unsigned status) {
  for (size_t i = 0; i < r->status_count; i++) {
    if (r->statuses[i] == status) {
      r->by_status[i]++;
      return;
    }
  }
  if (r->status_count < S_MAX_STATUSES) {
    r->statuses[r->status_count] = status;
    r->by_status[r->status_count++] = 1;
  }
}

static size_t S_method_index(const char *method) {
  for (size_t i = 0; i + 1 < S_METHOD_COUNT; i++) {
    if (method != NULL && strcmp(method, S_METHODS[i]) == 0) {
      return i;
    }
  }
  return S_METHOD_COUNT - 1;
}

void srv_metrics_request(srv_metrics *metrics, size_t route, const char *method, unsigned status,
                         double seconds) {
  if (route > metrics->route_count) {
    route = metrics->route_count;
  }
  size_t slot = route * S_METHOD_COUNT + S_method_index(method);
  pthread_mutex_lock(&metrics->lock);
  S_route *r = &metrics->routes[slot];
  S_count_status(r, status);
  size_t b = 0;
  while (b < S_BUCKET_COUNT && seconds > S_BUCKETS[b]) {
    b++;
  }
  r->buckets[b]++;
  r->count++;
  r->sum += seconds;
  pthread_mutex_unlock(&metrics->lock);
}

void srv_metrics_interview_done(srv_metrics *metrics, symcheck_level level) {
  if ((int)level < 0 || level >= SYMCHECK_LEVEL_COUNT) {
    return;
  }
  pthread_mutex_lock(&metrics->lock);
  metrics->interviews[level]++;
  pthread_mutex_unlock(&metrics->lock);
}

/* A growing text buffer; on out of memory it is freed and stays NULL. */
typedef struct S_text {
  char *data;
  size_t length, capacity;
} S_text;

__attribute__((format(printf, 2, 3))) static void S_append(S_text *t, const char *format, ...) {
  if (t->data == NULL) {
    return;
  }
  for (;;) {
    va_list args;
    va_start(args, format);
    int n = vsnprintf(t->data + t->length, t->capacity - t->length, format, args);
    va_end(args);
    if (n < 0) {
      return;
    }
    if ((size_t)n < t->capacity - t->length) {
      t->length += (size_t)n;
      return;
    }
    char *grown = realloc(t->data, t->capacity * 2 + (size_t)n);
    if (grown == NULL) {
      free(t->data);
      t->data = NULL;
      return;
    }
    t->data = grown;
    t->capacity = t->capacity * 2 + (size_t)n;
  }
}

/* The labels of counter slot i: the route's pattern and the method sent. */
static void S_slot_labels(const srv_metrics *m, size_t i, const char **method,
                          const char **pattern) {
  size_t route = i / S_METHOD_COUNT;
  *method = S_METHODS[i % S_METHOD_COUNT];
  *pattern = route < m->route_count ? m->patterns[route] : "unmatched";
}

static size_t S_slot_count(const srv_metrics *m) {
  return (m->route_count + 1) * S_METHOD_COUNT;
}

/* One row per route the server answers, so tools (and the OpenAPI
   coverage test) can list them. */
static void S_route_info(S_text *t, const srv_metrics *m) {
  S_append(t, "# HELP symcheck_route_info A route the server answers.\n"
              "# TYPE symcheck_route_info gauge\n");
  for (size_t i = 0; i < m->route_count; i++) {
    S_append(t, "symcheck_route_info{method=\"%s\",route=\"%s\"} 1\n", m->methods[i],
             m->patterns[i]);
  }
}

static void S_requests(S_text *t, const srv_metrics *m) {
  S_append(t, "# HELP symcheck_http_requests_total HTTP requests answered, by route and status.\n"
              "# TYPE symcheck_http_requests_total counter\n");
  for (size_t i = 0; i < S_slot_count(m); i++) {
    const char *method, *pattern;
    S_slot_labels(m, i, &method, &pattern);
    for (size_t s = 0; s < m->routes[i].status_count; s++) {
      S_append(t, "symcheck_http_requests_total{method=\"%s\",route=\"%s\",status=\"%u\"} %llu\n",
               method, pattern, m->routes[i].statuses[s], m->routes[i].by_status[s]);
    }
  }
}

static void S_histogram(S_text *t, const srv_metrics *m) {
  S_append(t, "# HELP symcheck_http_request_duration_seconds Time to answer a request.\n"
              "# TYPE symcheck_http_request_duration_seconds histogram\n");
  for (size_t i = 0; i < S_slot_count(m); i++) {
    const S_route *r = &m->routes[i];
    const char *method, *pattern;
    S_slot_labels(m, i, &method, &pattern);
    if (r->count == 0) {
      continue;
    }
    unsigned long long cumulative = 0;
    for (size_t b = 0; b <= S_BUCKET_COUNT; b++) {
      cumulative += r->buckets[b];
      char le[32];
      if (b < S_BUCKET_COUNT) {
        snprintf(le, sizeof le, "%g", S_BUCKETS[b]);
      } else {
        snprintf(le, sizeof le, "+Inf");
      }
      S_append(t,
               "symcheck_http_request_duration_seconds_bucket{method=\"%s\",route=\"%s\",le=\"%s\"}"
               " %llu\n",
               method, pattern, le, cumulative);
    }
    S_append(t, "symcheck_http_request_duration_seconds_sum{method=\"%s\",route=\"%s\"} %.6f\n",
             method, pattern, r->sum);
    S_append(t, "symcheck_http_request_duration_seconds_count{method=\"%s\",route=\"%s\"} %llu\n",
             method, pattern, r->count);
  }
}

static void S_interviews(S_text *t, const srv_metrics *m) {
  S_append(t, "# HELP symcheck_interviews_completed_total Interviews that reached a result, "
              "by triage level.\n"
              "# TYPE symcheck_interviews_completed_total counter\n");
  for (int level = 0; level < SYMCHECK_LEVEL_COUNT; level++) {
    S_append(t, "symcheck_interviews_completed_total{level=\"%s\"} %llu\n",
             symcheck_level_id((symcheck_level)level), m->interviews[level]);
  }
}

char *srv_metrics_text(srv_metrics *metrics) {
  S_text t = {malloc(4096), 0, 4096};
  pthread_mutex_lock(&metrics->lock);
  S_route_info(&t, metrics);
  S_requests(&t, metrics);
  S_histogram(&t, metrics);
  S_interviews(&t, metrics);
  pthread_mutex_unlock(&metrics->lock);
  return t.data;
}
