/*
 * server_encoding.c - see server_encoding.h. zlib makes the gzip bodies,
 * libsodium's BLAKE2b the ETags (a hash of the bytes sent, so the gzip
 * and identity forms of one file have different ones).
 */
#define _DEFAULT_SOURCE
#include "server_encoding.h"
#include "server.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

/* Optional white space, as HTTP lists allow. */
static const char *S_skip_ows(const char *p) {
  while (*p == ' ' || *p == '\t') {
    p++;
  }
  return p;
}

/* A qvalue ("0", "0.5", "1.000"; RFC 9110 12.4.2) in thousandths, or -1
   when the text is not one. */
static int S_qvalue(const char *p, size_t length) {
  if (length == 0 || (p[0] != '0' && p[0] != '1') || (length > 1 && p[1] != '.') || length > 5) {
    return -1;
  }
  int value = (p[0] - '0') * 1000, scale = 100;
  for (size_t i = 2; i < length; i++, scale /= 10) {
    if (p[i] < '0' || p[i] > '9') {
      return -1;
    }
    value += (p[i] - '0') * scale;
  }
  return value <= 1000 ? value : -1;
}

/* The weight of one list element's parameters (the text after the coding,
   up to the next comma): its q, else 1000; 0 when q cannot be read. */
static unsigned S_element_weight(const char *p, size_t length) {
  unsigned weight = 1000;
  const char *end = p + length;
  while (p < end) {
    const char *semicolon = memchr(p, ';', (size_t)(end - p));
    if (semicolon == NULL) {
      break;
    }
    p = S_skip_ows(semicolon + 1);
    const char *next = memchr(p, ';', (size_t)(end - p));
    const char *stop = next != NULL ? next : end;
    if (stop - p >= 2 && (p[0] == 'q' || p[0] == 'Q')) {
      const char *value = S_skip_ows(p + 1);
      if (*value != '=') {
        continue;
      }
      value = S_skip_ows(value + 1);
      const char *value_end = stop;
      while (value_end > value && (value_end[-1] == ' ' || value_end[-1] == '\t')) {
        value_end--;
      }
      int q = S_qvalue(value, (size_t)(value_end - value));
      weight = q < 0 ? 0 : (unsigned)q;
    }
  }
  return weight;
}

static bool S_token_is(const char *p, size_t length, const char *token) {
  return length == strlen(token) && strncasecmp(p, token, length) == 0;
}

unsigned srv_gzip_weight(const char *accept_encoding) {
  int gzip = -1, any = -1;
  for (const char *p = accept_encoding; p != NULL && *p != '\0';) {
    p = S_skip_ows(p);
    size_t element = strcspn(p, ",");
    size_t token = strcspn(p, ",; \t");
    unsigned weight = S_element_weight(p + token, element - token);
    if (S_token_is(p, token, "gzip") || S_token_is(p, token, "x-gzip")) {
      gzip = (int)weight > gzip ? (int)weight : gzip;
    } else if (S_token_is(p, token, "*")) {
      any = (int)weight > any ? (int)weight : any;
    }
    p += element;
    p += *p == ',';
  }
  return gzip >= 0 ? (unsigned)gzip : any >= 0 ? (unsigned)any : 0;
}

bool srv_compressible_type(const char *content_type) {
  static const char *const S_types[] = {"text/html",        "text/css",
                                        "text/javascript",  "text/plain",
                                        "application/json", "application/javascript",
                                        "image/svg+xml"};
  if (content_type == NULL) {
    return false;
  }
  size_t length = strcspn(content_type, "; \t");
  for (size_t i = 0; i < sizeof S_types / sizeof S_types[0]; i++) {
    if (S_token_is(content_type, length, S_types[i])) {
      return true;
    }
  }
  return length > 17 && strncasecmp(content_type, "application/", 12) == 0 &&
         strncasecmp(content_type + length - 5, "+json", 5) == 0;
}

/* zlib's window and hash sizes for a body of that length: as nginx does,
   one bit less of each while the body fits in half the window, since a
   small body cannot use more. Setting up the full 15 and 8 for a 2 KB
   answer costs more than compressing it (256 KB allocated and cleared). */
static void S_sizes(size_t length, int *window_bits, int *mem_level) {
  *window_bits = 15;
  *mem_level = 8;
  while (*window_bits > 9 && length < ((size_t)1 << (*window_bits - 1)) - 262) {
    (*window_bits)--;
    (*mem_level)--;
  }
  *mem_level = *mem_level < 1 ? 1 : *mem_level;
}

unsigned char *srv_gzip(const void *body, size_t length, int level, size_t *out_length) {
  z_stream z;
  memset(&z, 0, sizeof z);
  int window_bits = 15, mem_level = 8;
  S_sizes(length, &window_bits, &mem_level);
  if (length > UINT32_MAX || deflateInit2(&z, level, Z_DEFLATED, window_bits + 16, mem_level,
                                          Z_DEFAULT_STRATEGY) != Z_OK) {
    return NULL;
  }
  uLong bound = deflateBound(&z, (uLong)length);
  unsigned char *out = malloc(bound);
  if (out != NULL) {
    z.next_in = (Bytef *)(uintptr_t)body; /* zlib does not write to it */
    z.avail_in = (uInt)length;
    z.next_out = out;
    z.avail_out = (uInt)bound;
    if (deflate(&z, Z_FINISH) == Z_STREAM_END) {
      *out_length = z.total_out;
    } else {
      free(out);
      out = NULL;
    }
  }
  deflateEnd(&z);
  return out;
}

/* Vary goes on every compressible response, whatever its size: a cache
   must not hand a gzip body to a client that did not ask for it. */
static void S_vary(struct _u_response *response) {
  if (u_map_get_case(response->map_header, "Vary") == NULL) {
    ulfius_add_header_to_response(response, "Vary", "Accept-Encoding");
  }
}

void srv_encode_response(srv_ctx *ctx) {
  struct _u_response *r = ctx->response;
  const char *type = u_map_get_case(r->map_header, "Content-Type");
  if (!srv_compressible_type(type) || u_map_get_case(r->map_header, "ETag") != NULL ||
      u_map_get_case(r->map_header, "Content-Encoding") != NULL) {
    return;
  }
  S_vary(r);
  const char *accept = u_map_get_case(ctx->request->map_header, "Accept-Encoding");
  if (r->binary_body == NULL || r->binary_body_length < SRV_GZIP_MIN || r->status < 200 ||
      r->status == 204 || r->status == 304 || srv_gzip_weight(accept) == 0) {
    return;
  }
  size_t length = 0;
  unsigned char *gzip = srv_gzip(r->binary_body, r->binary_body_length, SRV_GZIP_LEVEL, &length);
  if (gzip == NULL || length >= r->binary_body_length) {
    free(gzip); /* no memory to spare, or it would not be smaller: send it as it is */
    return;
  }
  /* ulfius frees the body with o_free, which is free() (server_router.c). */
  o_free(r->binary_body);
  r->binary_body = gzip;
  r->binary_body_length = length;
  ulfius_add_header_to_response(r, "Content-Encoding", "gzip");
}

static void S_etag(const unsigned char *body, size_t length, char etag[SRV_ETAG_SIZE]) {
  unsigned char hash[16];
  crypto_generichash(hash, sizeof hash, body, length, NULL, 0);
  etag[0] = '"';
  sodium_bin2hex(etag + 1, 33, hash, sizeof hash);
  etag[33] = '"';
  etag[34] = '\0';
}

int srv_stored_make(srv_stored *stored, const char *content_type, unsigned char *body,
                    size_t length) {
  memset(stored, 0, sizeof *stored);
  if (sodium_init() < 0) {
    free(body);
    return -1;
  }
  stored->content_type = content_type;
  stored->identity = body;
  stored->identity_length = length;
  S_etag(body, length, stored->identity_etag);
  if (!srv_compressible_type(content_type) || length < SRV_GZIP_MIN) {
    return 0;
  }
  stored->gzip = srv_gzip(body, length, SRV_GZIP_LEVEL_STORED, &stored->gzip_length);
  if (stored->gzip == NULL) {
    srv_stored_free(stored);
    return -1;
  }
  if (stored->gzip_length >= length) {
    free(stored->gzip);
    stored->gzip = NULL;
    return 0;
  }
  S_etag(stored->gzip, stored->gzip_length, stored->gzip_etag);
  return 0;
}

void srv_stored_free(srv_stored *stored) {
  free(stored->identity);
  free(stored->gzip);
  memset(stored, 0, sizeof *stored);
}

bool srv_etag_matches(const char *if_none_match, const char *etag) {
  size_t etag_length = strlen(etag);
  for (const char *p = if_none_match; p != NULL && *p != '\0';) {
    p = S_skip_ows(p);
    if (*p == '*') {
      return true;
    }
    if (strncmp(p, "W/", 2) == 0) {
      p += 2;
    }
    const char *end = *p == '"' ? strchr(p + 1, '"') : NULL;
    if (end == NULL) {
      return false; /* not a list of entity tags */
    }
    if ((size_t)(end + 1 - p) == etag_length && strncmp(p, etag, etag_length) == 0) {
      return true;
    }
    p = S_skip_ows(end + 1);
    p += *p == ',';
  }
  return false;
}

void srv_reply_stored(srv_ctx *ctx, const srv_stored *stored, const char *cache_control) {
  struct _u_response *r = ctx->response;
  const char *accept = u_map_get_case(ctx->request->map_header, "Accept-Encoding");
  bool gzip = stored->gzip != NULL && srv_gzip_weight(accept) > 0;
  const char *etag = gzip ? stored->gzip_etag : stored->identity_etag;
  const char *if_none_match = u_map_get_case(ctx->request->map_header, "If-None-Match");
  if (srv_etag_matches(if_none_match, etag)) {
    o_free(r->binary_body);
    r->binary_body = NULL;
    r->binary_body_length = 0;
    r->status = 304;
  } else if (gzip) {
    ulfius_set_binary_body_response(r, 200, (const char *)stored->gzip, stored->gzip_length);
    ulfius_add_header_to_response(r, "Content-Encoding", "gzip");
  } else {
    ulfius_set_binary_body_response(r, 200, (const char *)stored->identity,
                                    stored->identity_length);
  }
  ulfius_add_header_to_response(r, "Content-Type", stored->content_type);
  ulfius_add_header_to_response(r, "ETag", etag);
  ulfius_add_header_to_response(r, "Cache-Control", cache_control);
  if (srv_compressible_type(stored->content_type)) {
    S_vary(r);
  }
}
