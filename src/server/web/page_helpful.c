/*
 * page_helpful.c - the article's "Was this article helpful?" part (see
 * web_helpful.h): two submit buttons in a plain POST form, which works
 * without JavaScript (app.js only sends it without a reload), the count
 * of people who answered Yes, and a thank-you once the vote is in.
 */
#include "web_helpful.h"
#include "web_internal.h"

#include <inttypes.h>
#include <stdio.h>

/* "1 person found this helpful." and the like. */
static void S_count_words(int64_t helpful, char *text, size_t size) {
  if (helpful <= 0) {
    snprintf(text, size, "No one has said yet that this article helped them.");
  } else if (helpful == 1) {
    snprintf(text, size, "1 person found this helpful.");
  } else {
    snprintf(text, size, "%" PRId64 " people found this helpful.", helpful);
  }
}

int web_helpful_section(const web_site *site, srv_db *db, const char *slug,
                        const web_helpful_view *view, char **html) {
  char action[256];
  snprintf(action, sizeof action, "/symptoms/%s/helpful", slug);
  json_t *data = json_pack("{s:s, s:s, s:b}", "action", action, "csrf",
                           view->csrf != NULL ? view->csrf : "", "voted", view->voted);
  int64_t helpful = 0, not_helpful = 0;
  if (data != NULL && db != NULL &&
      srv_store_vote_counts(db, slug, &helpful, &not_helpful) == SRV_STORE_OK) {
    char words[96];
    S_count_words(helpful, words, sizeof words);
    json_object_set_new(data, "count_words", json_string(words));
  }
  *html = data != NULL ? template_render(site->templates, "helpful", data) : NULL;
  json_decref(data);
  return *html != NULL ? 0 : -1;
}
