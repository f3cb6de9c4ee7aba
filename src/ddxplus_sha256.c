/*
 * ddxplus_sha256.c - SHA-256 of a file (FIPS 180-4), so that a fitted pack
 * can record exactly which input files it was made from. Small and
 * self-contained: the library has no crypto dependency.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ddxplus.h"

static const uint32_t S_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

static uint32_t S_rotr(uint32_t x, unsigned n) {
  return (x >> n) | (x << (32 - n));
}

static void S_block(uint32_t *h, const unsigned char *block) {
  uint32_t w[64];
  for (size_t i = 0; i < 16; i++) {
    w[i] = (uint32_t)block[4 * i] << 24 | (uint32_t)block[4 * i + 1] << 16 |
           (uint32_t)block[4 * i + 2] << 8 | (uint32_t)block[4 * i + 3];
  }
  for (size_t i = 16; i < 64; i++) {
    uint32_t s0 = S_rotr(w[i - 15], 7) ^ S_rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
    uint32_t s1 = S_rotr(w[i - 2], 17) ^ S_rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
    w[i] = w[i - 16] + s0 + w[i - 7] + s1;
  }
  uint32_t v[8];
  memcpy(v, h, sizeof v);
  for (size_t i = 0; i < 64; i++) {
    uint32_t s1 = S_rotr(v[4], 6) ^ S_rotr(v[4], 11) ^ S_rotr(v[4], 25);
    uint32_t ch = (v[4] & v[5]) ^ (~v[4] & v[6]);
    uint32_t t1 = v[7] + s1 + ch + S_k[i] + w[i];
    uint32_t s0 = S_rotr(v[0], 2) ^ S_rotr(v[0], 13) ^ S_rotr(v[0], 22);
    uint32_t maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
    memmove(v + 1, v, 7 * sizeof v[0]);
    v[4] += t1;
    v[0] = t1 + s0 + maj;
  }
  for (size_t i = 0; i < 8; i++) {
    h[i] += v[i];
  }
}

int ddx_sha256_file(const char *path, char hex[65]) {
  FILE *file = fopen(path, "rb");
  if (file == NULL) {
    return -1;
  }
  uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  unsigned char block[128];
  uint64_t length = 0;
  size_t n;
  while ((n = fread(block, 1, 64, file)) == 64) {
    S_block(h, block);
    length += 64;
  }
  int failed = ferror(file);
  fclose(file);
  if (failed) {
    return -1;
  }
  length += n;
  block[n++] = 0x80;
  size_t total = n <= 56 ? 64 : 128;
  memset(block + n, 0, total - n);
  uint64_t bits = length * 8;
  for (size_t i = 0; i < 8; i++) {
    block[total - 1 - i] = (unsigned char)(bits >> (8 * i));
  }
  S_block(h, block);
  if (total == 128) {
    S_block(h, block + 64);
  }
  for (size_t i = 0; i < 8; i++) {
    snprintf(hex + 8 * i, 9, "%08x", (unsigned)h[i]);
  }
  return 0;
}
