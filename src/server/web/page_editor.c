/*
 * page_editor.c - the editors' pages: the login form and the moderation
 * queue (each pending story with approve, reject-with-a-reason and
 * correct-a-typo forms, then the latest audit records). Only the routes
 * decide who may see them (routes_stories.c checks the session).
 */
#include "web_internal.h"
#include "web_stories.h"

#include <stdio.h>
#include <string.h>

/* Pending stories the queue shows at once, and the escaped bytes they
   may take (each is shown, then again in its edit form). */
#define S_QUEUE_SIZE 20
#define S_QUEUE_BUDGET (40 * 1024)
#define S_AUDIT_SHOWN 20

int web_page_editor_login(const web_site *site, const char *csrf, const char *name,
                          const char *error, int status, web_page *page) {
  json_t *data = json_pack("{s:s, s:s}", "csrf", csrf, "name", name != NULL ? name : "");
  if (error != NULL) {
    json_object_set_new(data, "error", json_string(error));
  }
  return web_render(site, "login", "Editors' login", NULL, data, status, page);
}

/* One pending story with its forms; the problem's text and messages when
   it concerns this story. */
static json_t *S_queue_item(const srv_story *story, const web_queue_problem *problem) {
  bool mine = problem != NULL && problem->story_id == story->id;
  char base[64];
  snprintf(base, sizeof base, "/editor/stories/%lld", (long long)story->id);
  json_t *item =
      json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)story->id,
                "base", base, "complaint", story->complaint, "initial", story->initial, "created",
                story->created_at, "title", story->title, "body", story->body, "edit_title",
                mine && problem->title != NULL ? problem->title : story->title, "edit_body",
                mine && problem->story != NULL ? problem->story : story->body);
  json_object_set_new(item, "reason",
                      json_string(mine && problem->reason != NULL ? problem->reason : ""));
  if (mine && problem->reason_error != NULL) {
    json_object_set_new(item, "reason_error", json_string(problem->reason_error));
  }
  if (mine && problem->edit_error != NULL) {
    json_object_set_new(item, "edit_error", json_string(problem->edit_error));
  }
  return item;
}

/* The pending stories, newest first, within the budget; false when the
   database failed. */
static bool S_queue(srv_db *db, const web_queue_problem *problem, json_t *data) {
  srv_story_list list = {0};
  int64_t waiting = 0;
  if (srv_store_story_count(db, NULL, SRV_STORY_PENDING, &waiting) != SRV_STORE_OK ||
      srv_store_story_list(db, NULL, SRV_STORY_PENDING, S_QUEUE_SIZE, 0, &list) != SRV_STORE_OK) {
    return false;
  }
  json_t *items = json_array();
  size_t budget = 0;
  for (size_t i = 0; i < list.count; i++) {
    budget += 2 * (web_escaped_size(list.items[i].title) + web_escaped_size(list.items[i].body));
    if (i > 0 && budget > S_QUEUE_BUDGET) {
      break;
    }
    json_array_append_new(items, S_queue_item(&list.items[i], problem));
  }
  char text[96];
  snprintf(text, sizeof text, "%lld %s waiting; the newest first.", (long long)waiting,
           waiting == 1 ? "story is" : "stories are");
  json_object_set_new(data, "waiting", json_string(text));
  json_object_set_new(data, "items", items);
  srv_story_list_free(&list);
  return true;
}

static bool S_audit(srv_db *db, json_t *data) {
  srv_audit_list audit = {0};
  if (srv_store_audit_list(db, S_AUDIT_SHOWN, &audit) != SRV_STORE_OK) {
    return false;
  }
  json_t *rows = json_array();
  for (size_t i = 0; i < audit.count; i++) {
    const srv_audit_entry *e = &audit.items[i];
    json_t *row = json_pack("{s:s, s:s, s:s, s:s}", "at", e->at, "editor", e->editor, "action",
                            e->action, "detail", e->detail);
    if (e->story_id > 0) {
      json_object_set_new(row, "story", json_integer(e->story_id));
    }
    json_array_append_new(rows, row);
  }
  json_object_set_new(data, "has_audit", json_boolean(audit.count > 0));
  json_object_set_new(data, "audit", rows);
  srv_audit_list_free(&audit);
  return true;
}

int web_page_editor_queue(const web_site *site, srv_db *db, const char *editor, const char *csrf,
                          const char *done, const web_queue_problem *problem, int status,
                          web_page *page) {
  json_t *data = json_pack("{s:s, s:s, s:i, s:i}", "editor", editor, "csrf", csrf, "title_max",
                           SRV_STORY_TITLE_MAX, "reason_max", SRV_REASON_MAX);
  if (done != NULL) {
    json_object_set_new(data, "done", json_string(done));
  }
  if (!S_queue(db, problem, data) || !S_audit(db, data)) {
    json_decref(data);
    return web_page_form_refused(
        site, 503, "The database is not answering; please try again in a minute.", "/editor", page);
  }
  return web_render(site, "editor", "Stories waiting for an editor", NULL, data, status, page);
}
