//! The total decompressed size of one input, and the reader that counts every byte against it.
//!
//! Gzip and deflate are read as streams through [`Counted`], so a decompression bomb is cut off as
//! soon as it passes the total limit: nothing is ever decompressed first and measured afterwards.

use std::cell::{Cell, RefCell};
use std::io::{self, Read};

/// The total decompressed size of one input, shared by its archive and every subchart archive.
pub(super) struct Budget {
    pub(super) used: Cell<u64>,
    limit: u64,
    /// Set when a read passed the limit (the read then failed).
    pub(super) hit: Cell<bool>,
}

impl Budget {
    pub(super) fn new(limit: u64) -> Budget {
        Budget {
            used: Cell::new(0),
            limit,
            hit: Cell::new(false),
        }
    }
    pub(super) fn remaining(&self) -> u64 {
        self.limit.saturating_sub(self.used.get())
    }
}

/// The error the reader under a counted stream returned, if any (a gzip stream that failed).
#[derive(Default)]
pub(super) struct StreamState {
    pub(super) error: RefCell<Option<String>>,
}

/// A reader that counts what passes through it against the budget and fails once past it: the
/// decompressor writes straight into our buffers, so at most one byte more than the limit is
/// ever decompressed.
pub(super) struct Counted<'b, R> {
    inner: R,
    budget: &'b Budget,
    state: &'b StreamState,
    /// Bytes read so far (the position `tar` keeps too).
    pos: u64,
}

impl<'b, R> Counted<'b, R> {
    pub(super) fn new(inner: R, budget: &'b Budget, state: &'b StreamState) -> Self {
        Counted {
            inner,
            budget,
            state,
            pos: 0,
        }
    }
}

impl<R: Read> Read for Counted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        let allowed = self.budget.remaining().saturating_add(1);
        let cap = usize::try_from(allowed).map_or(buf.len(), |a| a.min(buf.len()));
        match self.inner.read(&mut buf[..cap]) {
            Ok(n) => {
                self.pos += n as u64;
                let used = self.budget.used.get().saturating_add(n as u64);
                self.budget.used.set(used);
                if used > self.budget.limit {
                    self.budget.hit.set(true);
                    return Err(io::Error::other("total decompressed size limit"));
                }
                Ok(n)
            }
            Err(e) => {
                if e.kind() != io::ErrorKind::Interrupted {
                    *self.state.error.borrow_mut() = Some(e.to_string());
                }
                Err(e)
            }
        }
    }
}

/// Forward "seeks" only, by reading and dropping (still counted). `tar` skips entry padding and
/// unread entries through this; without it, it zeroes a 32 KiB buffer for every entry.
impl<R: Read> io::Seek for Counted<'_, R> {
    fn seek(&mut self, to: io::SeekFrom) -> io::Result<u64> {
        let io::SeekFrom::Current(n) = to else {
            return Err(io::Error::new(
                io::ErrorKind::Unsupported,
                "only forward seeks",
            ));
        };
        let mut left = u64::try_from(n)
            .map_err(|_| io::Error::new(io::ErrorKind::Unsupported, "only forward seeks"))?;
        let mut small = [0u8; 512];
        let mut large = Vec::new();
        let buf: &mut [u8] = if left <= 512 {
            &mut small
        } else {
            large.resize(64 * 1024, 0);
            &mut large
        };
        while left > 0 {
            let want = usize::try_from(left).map_or(buf.len(), |l| l.min(buf.len()));
            match self.read(&mut buf[..want])? {
                0 => {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "unexpected EOF during skip",
                    ))
                }
                got => left -= got as u64,
            }
        }
        Ok(self.pos)
    }
}
