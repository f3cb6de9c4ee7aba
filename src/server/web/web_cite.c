/*
 * web_cite.c - an article cites a source of its pack as `[@KEY]`; before
 * the Markdown is rendered each one becomes the full reference a reader
 * can follow (authors, year, title, journal or publisher, DOI link), so no
 * internal key reaches the page. `symcheck pack check` refuses a key that
 * is not a source of the pack (pack_load_paths.c), so every one resolves.
 */
#include "web_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct S_buffer {
  char *text;
  size_t length, capacity;
  bool failed;
} S_buffer;

static void S_append(S_buffer *b, const char *text, size_t n) {
  if (b->failed) {
    return;
  }
  if (b->length + n + 1 > b->capacity) {
    size_t capacity = (b->length + n + 1) * 2;
    char *grown = realloc(b->text, capacity);
    if (grown == NULL) {
      b->failed = true;
      return;
    }
    b->text = grown;
    b->capacity = capacity;
  }
  memcpy(b->text + b->length, text, n);
  b->length += n;
  b->text[b->length] = '\0';
}

/* Text with the characters Markdown would read as markup escaped. */
static void S_plain(S_buffer *b, const char *text) {
  for (const char *p = text; p != NULL && *p != '\0'; p++) {
    if (strchr("\\`*_[]<>#", *p) != NULL) {
      S_append(b, "\\", 1);
    }
    S_append(b, p, 1);
  }
}

/* The reference of source s as Markdown. */
static void S_reference(S_buffer *b, const symcheck_source *s) {
  char year[16] = "n.d.";
  if (s->year > 0) {
    snprintf(year, sizeof year, "%d", s->year);
  }
  S_plain(b, s->authors != NULL ? s->authors : "");
  S_append(b, " (", 2);
  S_append(b, year, strlen(year));
  S_append(b, "). ", 3);
  S_plain(b, s->title);
  S_append(b, ".", 1);
  const char *in = s->journal != NULL ? s->journal : s->publisher;
  if (in != NULL) {
    S_append(b, " *", 2);
    S_plain(b, in);
    S_append(b, "*.", 2);
  }
  char link[600];
  if (s->doi != NULL) {
    snprintf(link, sizeof link, " <https://doi.org/%s>", s->doi);
  } else if (web_safe_url(s->url) != NULL) {
    snprintf(link, sizeof link, " <%s>", s->url);
  } else {
    link[0] = '\0';
  }
  S_append(b, link, strlen(link));
}

/* The source with that key (key_length bytes), or NULL. */
static const symcheck_source *S_find(const symcheck_pack *pack, const char *key, size_t n) {
  for (size_t i = 0; i < symcheck_pack_source_count(pack); i++) {
    const symcheck_source *s = symcheck_pack_source(pack, i);
    if (strlen(s->key) == n && strncmp(s->key, key, n) == 0) {
      return s;
    }
  }
  return NULL;
}

char *web_expand_citations(const symcheck_pack *pack, const char *markdown) {
  S_buffer b = {0};
  S_append(&b, "", 0);
  const char *p = markdown;
  for (const char *at; (at = strstr(p, "[@")) != NULL;) {
    const char *end = strchr(at, ']');
    const symcheck_source *s = end != NULL ? S_find(pack, at + 2, (size_t)(end - at - 2)) : NULL;
    size_t keep = (size_t)(at - p) + (s == NULL ? 2 : 0);
    S_append(&b, p, keep);
    if (s != NULL) {
      S_reference(&b, s);
      p = end + 1;
    } else {
      p = at + 2;
    }
  }
  S_append(&b, p, strlen(p));
  if (b.failed) {
    free(b.text);
    return NULL;
  }
  return b.text;
}
