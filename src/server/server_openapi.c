/*
 * server_openapi.c - docs/openapi.yaml is the one description of the API;
 * at start it is read with libfyaml, emitted as JSON and checked with
 * jansson, and GET /api/v1/openapi.json serves that text (kept gzipped
 * too, with ETags: server_encoding.h).
 */
#define _POSIX_C_SOURCE 200809L
#include <libfyaml.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server.h"

/* docs/openapi.yaml under the working directory, else the source tree. */
static void S_path(char *path, size_t size) {
  snprintf(path, size, "docs/openapi.yaml");
  if (access(path, R_OK) != 0) {
    snprintf(path, size, "%s/docs/openapi.yaml", SYMCHECK_DATA_DIR);
  }
}

int srv_openapi_load(srv_stored *openapi) {
  char path[1024];
  S_path(path, sizeof path);
  struct fy_document *doc = fy_document_build_from_file(NULL, path);
  if (doc == NULL) {
    fprintf(stderr, "symcheck serve: cannot read %s as YAML\n", path);
    return -1;
  }
  char *emitted = fy_emit_document_to_string(doc, FYECF_MODE_JSON_TP);
  fy_document_destroy(doc);
  json_error_t err;
  json_t *json = emitted != NULL ? json_loads(emitted, 0, &err) : NULL;
  free(emitted);
  if (json == NULL) {
    fprintf(stderr, "symcheck serve: %s does not convert to JSON\n", path);
    return -1;
  }
  char *text = json_dumps(json, JSON_COMPACT);
  json_decref(json);
  if (text == NULL ||
      srv_stored_make(openapi, "application/json", (unsigned char *)text, strlen(text)) != 0) {
    fprintf(stderr, "symcheck serve: out of memory\n");
    return -1;
  }
  return 0;
}
