/*
 * server_metrics.h - the counters behind GET /metrics: requests by route,
 * method and status, a latency histogram by route and method, interviews
 * completed by triage level. Thread-safe; rendered in the Prometheus text
 * format.
 */
#ifndef SYMCHECK_SERVER_METRICS_H
#define SYMCHECK_SERVER_METRICS_H

#include <stddef.h>

#include "symcheck.h"

typedef struct srv_metrics srv_metrics;

/* Counters for `route_count` routes named by methods[i] and patterns[i]
   (borrowed; they must outlive the metrics) plus one "unmatched" route
   with index route_count. NULL when out of memory. */
srv_metrics *srv_metrics_new(size_t route_count, const char *const *methods,
                             const char *const *patterns);
void srv_metrics_free(srv_metrics *metrics);

/* Counts one answered request under its route (route_count: unmatched)
   and the method the client sent (anything but GET, HEAD, POST, PUT,
   PATCH, DELETE and OPTIONS counts as OTHER). */
void srv_metrics_request(srv_metrics *metrics, size_t route, const char *method, unsigned status,
                         double seconds);
/* Counts one interview that ended with a result at that level. */
void srv_metrics_interview_done(srv_metrics *metrics, symcheck_level level);

/* Everything in the Prometheus text exposition format. The caller frees
   the text with free(); NULL when out of memory. */
char *srv_metrics_text(srv_metrics *metrics);

#endif /* SYMCHECK_SERVER_METRICS_H */
