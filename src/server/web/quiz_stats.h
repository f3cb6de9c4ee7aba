/*
 * quiz_stats.h - quiz statistics: when the web quiz shows a result, one
 * more completed quiz is counted for (day, complaint, top condition,
 * triage level) and nothing else about it is kept; the article lists its
 * conditions by those counts once enough people took the quiz, and by the
 * pack's priors until then. docs/privacy.md explains the rules below.
 *
 * Counting (quiz_stats_after_quiz): only GET requests for the web quiz's
 * result page (the emergency advice included: that quiz ended too). A
 * browser is counted at most once per complaint per day: the result sets
 * the cookie QUIZ_STATS_COOKIE ("1", Path=/quiz/{complaint}, one day), so
 * reloading the result, coming back to it, or changing an answer and
 * seeing a new result does not count again. A browser that refuses
 * cookies is counted on every result it loads. POST /api/v1/interview is
 * never counted: the API is stateless and its clients (scripts,
 * evaluations, benchmarks, apps that ask for the result again) cannot be
 * told apart from a person finishing a quiz.
 *
 * Ordering (quiz_stats_order): the counts decide only when the complaint
 * has at least QUIZ_STATS_MIN_TOTAL counted quizzes, and a condition's
 * count is used only in whole steps of QUIZ_STATS_STEP (a count below one
 * step is treated as zero, 12 as 10). So the order never reflects fewer
 * than QUIZ_STATS_STEP people and moves only when QUIZ_STATS_STEP more
 * had the same condition on top; the numbers themselves are never shown.
 */
#ifndef SYMCHECK_SERVER_QUIZ_STATS_H
#define SYMCHECK_SERVER_QUIZ_STATS_H

#include "server_store.h"
#include "symcheck.h"
#include "web.h"

#include <stdbool.h>

#define QUIZ_STATS_MIN_TOTAL 20 /* counted quizzes before counts order an article */
#define QUIZ_STATS_STEP 5       /* counts are used in whole steps of this many */
#define QUIZ_STATS_COOKIE "symcheck_quiz_counted"
#define QUIZ_STATS_COOKIE_SECONDS (24 * 60 * 60)

struct srv_ctx;

/*
 * Fills `order` (room for complaint->condition_count pointers) with the
 * complaint's conditions: by `counts` (the store's completed quizzes per
 * top condition; NULL when unknown) under the rules above, ties and the
 * uncounted by prior weight (largest first), then pack order. Returns true
 * when the counts decided the order, false when it is the priors' alone.
 */
bool quiz_stats_order(const symcheck_complaint *complaint, const srv_condition_counts *counts,
                      const symcheck_condition **order);

/*
 * Called by the quiz route with the page it is about to send: when the
 * page is a result (page->outcome set) reached by GET and this browser has
 * not been counted for the complaint today, adds one to the store's
 * counter and sets the cookie. The page is sent whatever happens: a
 * database that does not answer costs the count (one log line without any
 * detail of the quiz), never the result.
 */
void quiz_stats_after_quiz(struct srv_ctx *ctx, const web_page *page);

#endif /* SYMCHECK_SERVER_QUIZ_STATS_H */
