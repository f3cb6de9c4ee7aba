/*
 * page_stories.c - the readers' stories part of the article: the checks a
 * sent story must pass, the approved stories (newest first, with the date
 * and the initial the reader chose, a count, and the reminder that they
 * are readers' own words), and the form to share one. Also the short
 * pages that refuse a form (bad token, too many sends, database down).
 */
#include "web_internal.h"
#include "web_stories.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The number of characters (code points) in valid UTF-8 `text`, or -1
   when it is not valid UTF-8 (overlong forms, surrogates and code points
   above U+10FFFF included). */
static long S_utf8_length(const char *text) {
  const unsigned char *p = (const unsigned char *)text;
  long count = 0;
  while (*p != '\0') {
    unsigned c = *p;
    size_t extra = c < 0x80             ? 0
                   : (c & 0xE0) == 0xC0 ? 1
                   : (c & 0xF0) == 0xE0 ? 2
                   : (c & 0xF8) == 0xF0 ? 3
                                        : 4;
    if (extra == 4 || (extra == 1 && c < 0xC2)) {
      return -1;
    }
    unsigned code = extra == 0 ? c : c & (0x3Fu >> extra);
    for (size_t i = 1; i <= extra; i++) {
      if ((p[i] & 0xC0) != 0x80) {
        return -1;
      }
      code = (code << 6) | (p[i] & 0x3Fu);
    }
    if ((extra == 2 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF))) ||
        (extra == 3 && (code < 0x10000 || code > 0x10FFFF))) {
      return -1;
    }
    p += extra + 1;
    count++;
  }
  return count;
}

/* True when text has a control character other than those allowed. */
static bool S_has_control(const char *text, const char *allowed) {
  for (const unsigned char *p = (const unsigned char *)text; *p != '\0'; p++) {
    if ((*p < 0x20 || *p == 0x7F) && strchr(allowed, *p) == NULL) {
      return true;
    }
  }
  return false;
}

static bool S_blank(const char *text) {
  return text == NULL || text[strspn(text, " \t\r\n")] == '\0';
}

/* One letter: an ASCII letter, or one non-ASCII character that is not a
   control, a Latin-1 sign (U+0080-U+00BF) or the multiplication and
   division signs. */
static bool S_one_letter(const char *text) {
  const unsigned char *p = (const unsigned char *)text;
  if (S_utf8_length(text) != 1) {
    return false;
  }
  if (p[0] < 0x80) {
    return (p[0] | 0x20) >= 'a' && (p[0] | 0x20) <= 'z';
  }
  unsigned code = p[0] == 0xC2 || p[0] == 0xC3 ? ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu) : 0x100;
  return code >= 0xC0 && code != 0xD7 && code != 0xF7;
}

static const char S_UNREADABLE[] = "This text has characters that cannot be read; please type it "
                                   "again.";

const char *web_story_title_problem(const char *title) {
  if (S_blank(title)) {
    return "Give your story a title.";
  }
  long length = S_utf8_length(title);
  if (length < 0) {
    return S_UNREADABLE;
  }
  if (S_has_control(title, "")) {
    return "The title must be one line of text.";
  }
  return length > SRV_STORY_TITLE_MAX ? "The title is too long: keep it to 120 characters at most."
                                      : NULL;
}

const char *web_story_text_problem(const char *story) {
  if (S_blank(story)) {
    return "Write your story here.";
  }
  long length = S_utf8_length(story);
  if (length < 0) {
    return S_UNREADABLE;
  }
  if (S_has_control(story, "\t\r\n")) {
    return "The story has characters that cannot be shown; please type it again.";
  }
  if (length < SRV_STORY_BODY_MIN) {
    return "Tell a little more: at least 20 characters.";
  }
  return length > SRV_STORY_BODY_MAX ? "The story is too long: keep it to 4000 characters at most."
                                     : NULL;
}

const char *web_reason_problem(const char *reason) {
  if (S_blank(reason)) {
    return "Say why the story is rejected (the reader does not see it; the audit record "
           "keeps it).";
  }
  long length = S_utf8_length(reason);
  if (length < 0 || S_has_control(reason, "")) {
    return "The reason must be one line of readable text.";
  }
  return length > SRV_REASON_MAX ? "The reason is too long: keep it to 280 characters at most."
                                 : NULL;
}

bool web_complaint_exists(const web_site *site, const char *slug) {
  const symcheck_pack *pack = NULL;
  return web_find_complaint(site, slug, &pack) != NULL;
}

bool web_story_check(web_story_form *form) {
  form->title_error = web_story_title_problem(form->title);
  form->story_error = web_story_text_problem(form->story);
  form->initial_error = S_blank(form->initial) ? "Give one letter, such as the first letter of "
                                                 "your first name."
                        : !S_one_letter(form->initial) ? "Give one letter only, such as A."
                                                       : NULL;
  form->consent_error =
      form->consent ? NULL : "Tick this box so that an editor may publish your story.";
  return form->title_error == NULL && form->story_error == NULL && form->initial_error == NULL &&
         form->consent_error == NULL;
}

size_t web_escaped_size(const char *text) {
  size_t size = 0;
  for (const char *p = text; *p != '\0'; p++) {
    size += strchr("&<>\"'", *p) != NULL ? 6 : 1;
  }
  return size;
}

static const char *const S_MONTHS[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

/* "2026-11-29T19:39:09Z" -> date "2026-11-29" and text "29 November 2026". */
static json_t *S_date(const char *at) {
  int year = 0, month = 0, day = 0;
  char date[16] = "";
  char text[48] = "";
  if (sscanf(at, "%4d-%2d-%2d", &year, &month, &day) == 3 && month >= 1 && month <= 12) {
    snprintf(date, sizeof date, "%04d-%02d-%02d", year, month, day);
    snprintf(text, sizeof text, "%d %s %d", day, S_MONTHS[month - 1], year);
  }
  return json_pack("{s:s, s:s}", "date", date, "text", text);
}

/* The approved stories from `from`, newest first, within the budget;
 *shown says how many made it. */
static json_t *S_story_items(const srv_story_list *list, size_t *shown) {
  json_t *items = json_array();
  size_t budget = 0;
  *shown = 0;
  for (size_t i = 0; i < list->count; i++) {
    const srv_story *story = &list->items[i];
    budget += web_escaped_size(story->title) + web_escaped_size(story->body);
    if (i > 0 && budget > WEB_STORIES_BUDGET) {
      break;
    }
    json_t *item = json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)story->id, "title",
                             story->title, "body", story->body, "initial", story->initial);
    json_object_set_new(item, "created", S_date(story->created_at));
    json_array_append_new(items, item);
    (*shown)++;
  }
  return items;
}

/* "Read what 12 others are saying". */
static json_t *S_count_text(int64_t count) {
  char text[96];
  if (count == 1) {
    snprintf(text, sizeof text, "Read what 1 other reader is saying");
  } else {
    snprintf(text, sizeof text, "Read what %lld others are saying", (long long)count);
  }
  return json_string(text);
}

/* The list part of the section's data; false when the database failed. */
static bool S_list_data(srv_db *db, const char *slug, size_t from, json_t *data) {
  int64_t count = 0;
  srv_story_list list = {0};
  if (db == NULL || srv_store_story_count(db, slug, SRV_STORY_APPROVED, &count) != SRV_STORE_OK ||
      srv_store_story_list(db, slug, SRV_STORY_APPROVED, WEB_STORIES_PER_PAGE, from, &list) !=
          SRV_STORE_OK) {
    return false;
  }
  size_t shown = 0;
  json_t *items = S_story_items(&list, &shown);
  srv_story_list_free(&list);
  json_object_set_new(data, "has_stories", json_boolean(count > 0));
  json_object_set_new(data, "count_text", S_count_text(count));
  json_object_set_new(data, "items", items);
  char url[256];
  if ((int64_t)(from + shown) < count && shown > 0) {
    snprintf(url, sizeof url, "/symptoms/%s?stories_from=%zu#stories", slug, from + shown);
    json_object_set_new(data, "older_url", json_string(url));
  }
  if (from > 0) {
    snprintf(url, sizeof url, "/symptoms/%s#stories", slug);
    json_object_set_new(data, "newest_url", json_string(url));
  }
  return true;
}

/* A field of the form: its value as sent and its message. */
static json_t *S_field(const char *value, const char *error) {
  json_t *field = json_pack("{s:s}", "value", value != NULL ? value : "");
  if (error != NULL) {
    json_object_set_new(field, "error", json_string(error));
  }
  return field;
}

static json_t *S_form_data(const char *slug, const char *csrf, const web_story_form *form) {
  static const web_story_form S_empty = {0};
  const web_story_form *f = form != NULL ? form : &S_empty;
  char action[256];
  snprintf(action, sizeof action, "/symptoms/%s/stories#stories", slug);
  bool errors = f->title_error != NULL || f->story_error != NULL || f->initial_error != NULL ||
                f->consent_error != NULL;
  return json_pack(
      "{s:s, s:s, s:b, s:o, s:o, s:o, s:o, s:b, s:i, s:i, s:i}", "action", action, "csrf", csrf,
      "errors", errors, "title", S_field(f->title, f->title_error), "story",
      S_field(f->story, f->story_error), "initial", S_field(f->initial, f->initial_error),
      "consent", S_field(NULL, f->consent_error), "consent_given", f->consent, "title_max",
      SRV_STORY_TITLE_MAX, "story_max", SRV_STORY_BODY_MAX, "story_min", SRV_STORY_BODY_MIN);
}

int web_stories_section(const web_site *site, srv_db *db, const char *slug,
                        const web_stories_view *view, char **html) {
  json_t *data = json_object();
  if (!S_list_data(db, slug, view->from, data)) {
    json_object_set_new(data, "unavailable", json_true());
  }
  json_object_set_new(data, "sent", json_boolean(view->sent));
  json_object_set_new(data, "form", S_form_data(slug, view->csrf, view->form));
  *html = template_render(site->templates, "stories", data);
  json_decref(data);
  return *html != NULL ? 0 : -1;
}

int web_page_form_refused(const web_site *site, int status, const char *message,
                          const char *back_url, web_page *page) {
  const char *heading = status == 403   ? "This form cannot be accepted"
                        : status == 404 ? "Not found"
                        : status == 429 ? "Please wait a little"
                                        : "Not saved, please try again";
  json_t *data =
      json_pack("{s:s, s:s, s:s}", "heading", heading, "message", message, "back_url", back_url);
  return web_render(site, "stories_refused", heading, NULL, data, status, page);
}
