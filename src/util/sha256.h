/* SHA-256 (FIPS 180-4), used for the input digests in reports. */
#ifndef CRM_UTIL_SHA256_H
#define CRM_UTIL_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct crm_sha256 {
    uint32_t state[8];
    uint64_t bytes;
    unsigned char block[64];
    size_t fill;
};

void crm__sha256_init(struct crm_sha256 *ctx);
void crm__sha256_update(struct crm_sha256 *ctx, const void *data, size_t len);
/** Finish and write 64 lower-case hex digits plus NUL into @p hex. */
void crm__sha256_hex(struct crm_sha256 *ctx, char hex[65]);

#endif
