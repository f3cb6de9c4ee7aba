/*
 * server_encoding.h - content coding and validators for every response, in
 * one place. srv_dispatch calls srv_encode_response after the handler:
 * a compressible body (HTML, CSS, JavaScript, JSON, SVG, plain text) gets
 * `Vary: Accept-Encoding`, and from SRV_GZIP_MIN bytes on is sent gzipped
 * when the request's Accept-Encoding allows it. Bodies that never change
 * (the static files) are kept as an srv_stored, compressed once, each
 * form with its own strong ETag; srv_reply_stored answers with the form
 * the client accepts, or 304 when If-None-Match names it.
 */
#ifndef SYMCHECK_SERVER_ENCODING_H
#define SYMCHECK_SERVER_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

struct srv_ctx; /* server.h, which includes this file */

#define SRV_GZIP_MIN 1024 /* smaller bodies are sent as they are */
/* zlib level for bodies made per request: 1 is what nginx uses by default
   and costs a third of level 6 for 16% more bytes (README, "Compression"). */
#define SRV_GZIP_LEVEL 1
#define SRV_GZIP_LEVEL_STORED 9 /* bodies compressed once, at start */
#define SRV_ETAG_SIZE 36        /* "..." of 32 hex digits, and the NUL */

/* The weight, 0 to 1000, that an Accept-Encoding value gives gzip
   (RFC 9110 12.5.3: its own entry, x-gzip or else "*"; no q means 1000,
   q=0 refuses). NULL (no header) and values that cannot be read give 0. */
unsigned srv_gzip_weight(const char *accept_encoding);

/* True when the media type of a Content-Type value is text that
   compresses: text/html, text/css, text/javascript, text/plain,
   application/json and any +json, application/javascript, image/svg+xml. */
bool srv_compressible_type(const char *content_type);

/* The gzip form of body (length bytes) at zlib `level`; malloc'd, the
   caller frees it. NULL when memory ran out. */
unsigned char *srv_gzip(const void *body, size_t length, int level, size_t *out_length);

/* After the handler: adds Vary and compresses the body as described at the
   top. Leaves alone responses that already carry an ETag (their bytes are
   what the ETag names) or a Content-Encoding. */
void srv_encode_response(struct srv_ctx *ctx);

/* A body that does not change, in its identity and gzip forms. */
typedef struct srv_stored {
  const char *content_type; /* borrowed, a string literal */
  unsigned char *identity;
  size_t identity_length;
  char identity_etag[SRV_ETAG_SIZE];
  unsigned char *gzip; /* NULL when gzip would not pay (small or incompressible) */
  size_t gzip_length;
  char gzip_etag[SRV_ETAG_SIZE];
} srv_stored;

/* Fills `stored` from body, taking ownership of body (malloc'd), which is
   freed on failure too. Returns 0, or -1 when memory ran out (stored is
   then empty). Free with srv_stored_free. */
int srv_stored_make(srv_stored *stored, const char *content_type, unsigned char *body,
                    size_t length);
void srv_stored_free(srv_stored *stored);

/* Answers 200 with the form of `stored` the request accepts (its
   Content-Type, ETag, Vary, Content-Encoding and `cache_control`), or 304
   with those headers and no body when If-None-Match names that form. */
void srv_reply_stored(struct srv_ctx *ctx, const srv_stored *stored, const char *cache_control);

/* True when an If-None-Match value (NULL: none) names `etag` or is "*";
   comparison is weak (W/ ignored), as RFC 9110 13.1.2 asks. */
bool srv_etag_matches(const char *if_none_match, const char *etag);

#endif /* SYMCHECK_SERVER_ENCODING_H */
