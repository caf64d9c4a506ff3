#ifndef JIXIAO_DEFLATE_ENCODER_H
#define JIXIAO_DEFLATE_ENCODER_H

#include <stddef.h>
#include <stdint.h>

/// A DEFLATE encoder (RFC 1951) whose output depends on its input alone: not on
/// the processor (no instruction-set variants), the memory it is given or how the
/// input is handed over. See deflate_encoder.c.
typedef struct deflate_encoder deflate_encoder;

/// The farthest back a match may point.
#define DEFLATE_WINDOW 32768
/// What the encoder may read past a position it encodes (the longest match and
/// an 8-byte comparison): input up to `limit + DEFLATE_LOOKAHEAD` must be there
/// unless it ends before.
#define DEFLATE_LOOKAHEAD (258 + 8)

/// A new encoder; NULL when memory fails.
deflate_encoder *deflate_encoder_new(void);
void deflate_encoder_free(deflate_encoder *encoder);

/// Encodes `data[*position ..< limit)`: matches may reach back `DEFLATE_WINDOW`
/// bytes before `*position` (data the encoder was given before, at the same
/// offsets) and forward to `end`. `*position` ends at or after `limit` (a match
/// may run past it). Returns 0, or -1 when memory fails.
int deflate_encoder_encode(deflate_encoder *encoder, const uint8_t *data, size_t *position, size_t limit, size_t end);

/// The caller moved its data `shift` bytes towards its start (dropping the first
/// `shift` bytes): positions remembered before are shifted alike.
void deflate_encoder_shift(deflate_encoder *encoder, size_t shift);

/// Ends what was encoded so far: as the final block when `final`, else with an
/// empty stored block (a sync flush); either way on a byte boundary. Returns 0,
/// or -1 when memory fails.
int deflate_encoder_flush(deflate_encoder *encoder, int final);

/// The compressed bytes so far, owned by the encoder.
const uint8_t *deflate_encoder_output(const deflate_encoder *encoder, size_t *length);

/// The compressed bytes so far, handed to the caller (to be released with `free`);
/// the encoder keeps none.
uint8_t *deflate_encoder_take_output(deflate_encoder *encoder, size_t *length);

#endif
