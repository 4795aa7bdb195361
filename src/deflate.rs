//! Feeding a zlib compressor into a growing buffer, for the PDF streams and the
//! chart PNGs.

use flate2::{Compress, FlushCompress, Status};

/// Feeds all of `input` to `z`, appending its output to `out` (grown as needed);
/// with [`FlushCompress::Finish`], until the stream has ended.
pub(crate) fn feed(
    z: &mut Compress,
    mut input: &[u8],
    out: &mut Vec<u8>,
    flush: FlushCompress,
) -> Result<(), flate2::CompressError> {
    loop {
        let (consumed, written) = (z.total_in(), z.total_out());
        let status = z.compress_vec(input, out, flush)?;
        input = &input[(z.total_in() - consumed) as usize..];
        match status {
            Status::StreamEnd => return Ok(()),
            _ if input.is_empty() && !matches!(flush, FlushCompress::Finish) => return Ok(()),
            // Out of room, or no progress: make room and go on.
            _ if out.len() == out.capacity() || z.total_out() == written => out.reserve(out.capacity().max(4096)),
            _ => {}
        }
    }
}
