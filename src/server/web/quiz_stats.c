/*
 * quiz_stats.c - counts completed web quizzes and orders an article's
 * conditions by those counts (rules and reasons in quiz_stats.h and
 * docs/privacy.md). The counter holds only the day, the complaint, the
 * top condition and the triage level; nothing about the person or their
 * answers reaches the database or the log.
 */
#define _POSIX_C_SOURCE 200809L

#include "quiz_stats.h"
#include "server.h"
#include "server_client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A condition with the count step it reached (0 = not counted). */
typedef struct S_ranked {
  const symcheck_condition *condition;
  int64_t steps;
} S_ranked;

/* Most steps first, then the larger prior, then pack order. */
static int S_compare(const void *a, const void *b) {
  const S_ranked *x = a, *y = b;
  if (x->steps != y->steps) {
    return x->steps > y->steps ? -1 : 1;
  }
  if (x->condition->prior != y->condition->prior) {
    return x->condition->prior > y->condition->prior ? -1 : 1;
  }
  return x->condition->index < y->condition->index ? -1
                                                   : (x->condition->index > y->condition->index);
}

static int64_t S_count_of(const srv_condition_counts *counts, const char *condition) {
  for (size_t i = 0; i < counts->count; i++) {
    if (strcmp(counts->items[i].condition, condition) == 0) {
      return counts->items[i].count;
    }
  }
  return 0;
}

static int64_t S_total(const srv_condition_counts *counts) {
  int64_t total = 0;
  for (size_t i = 0; counts != NULL && i < counts->count; i++) {
    total += counts->items[i].count;
  }
  return total;
}

bool quiz_stats_order(const symcheck_complaint *complaint, const srv_condition_counts *counts,
                      const symcheck_condition **order) {
  size_t n = complaint->condition_count;
  S_ranked *ranked = calloc(n + 1, sizeof *ranked);
  bool use_counts = S_total(counts) >= QUIZ_STATS_MIN_TOTAL, decided = false;
  for (size_t i = 0; ranked != NULL && i < n; i++) {
    ranked[i].condition = complaint->conditions[i];
    ranked[i].steps =
        use_counts ? S_count_of(counts, complaint->conditions[i]->id) / QUIZ_STATS_STEP : 0;
    decided = decided || ranked[i].steps > 0;
  }
  if (ranked == NULL) { /* out of memory: the pack's own order */
    memcpy(order, complaint->conditions, n * sizeof *order);
    return false;
  }
  qsort(ranked, n, sizeof *ranked, S_compare);
  for (size_t i = 0; i < n; i++) {
    order[i] = ranked[i].condition;
  }
  free(ranked);
  return decided;
}

void quiz_stats_after_quiz(struct srv_ctx *ctx, const web_page *page) {
  const web_quiz_outcome *outcome = &page->outcome;
  const char *method = ctx->request->http_verb;
  if (outcome->condition == NULL || page->status != 200 || method == NULL ||
      strcmp(method, "GET") != 0 || ctx->server->db == NULL) {
    return;
  }
  const char *counted = u_map_get(ctx->request->map_cookie, QUIZ_STATS_COOKIE);
  if (counted != NULL && strcmp(counted, "1") == 0) {
    return;
  }
  char day[16];
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(day, sizeof day, "%Y-%m-%d", &tm);
  if (srv_store_quiz_count(ctx->server->db, day, outcome->complaint, outcome->condition,
                           outcome->triage) != SRV_STORE_OK) {
    fprintf(stderr, "symcheck serve: a completed quiz was not counted: the database did not "
                    "answer\n");
    return;
  }
  char path[SRV_MAX_ID_PARAM + 8];
  snprintf(path, sizeof path, "/quiz/%s", outcome->complaint);
  ulfius_add_same_site_cookie_to_response(ctx->response, QUIZ_STATS_COOKIE, "1", NULL,
                                          QUIZ_STATS_COOKIE_SECONDS, NULL, path,
                                          srv_client_https(ctx), true, U_COOKIE_SAME_SITE_STRICT);
}
