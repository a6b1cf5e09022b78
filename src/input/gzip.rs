//! A gzip stream of one or more members, read the way Helm's (Go's) reader and `gzip -d` read
//! it: member after member while the next one starts with the gzip magic bytes. Whatever
//! follows the last member (tar writers and tape tools pad with zeros; some tools append junk)
//! is kept for a look instead of being taken for a broken member.

use flate2::bufread::GzDecoder;
use std::io::{self, Read};

pub(super) struct Members<'a> {
    decoder: Option<GzDecoder<&'a [u8]>>,
    /// What follows the last member, once the stream has been read to its end.
    trailing: Option<&'a [u8]>,
}

impl<'a> Members<'a> {
    pub(super) fn new(data: &'a [u8]) -> Members<'a> {
        Members {
            decoder: Some(GzDecoder::new(data)),
            trailing: None,
        }
    }

    /// The bytes after the last member; `None` while the stream was not read to its end.
    pub(super) fn trailing(&self) -> Option<&'a [u8]> {
        self.trailing
    }
}

impl Read for Members<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        loop {
            let Some(decoder) = &mut self.decoder else {
                return Ok(0);
            };
            let n = decoder.read(buf)?;
            if n > 0 {
                return Ok(n);
            }
            // This member ended (its trailer read): another one, or the end of the stream.
            let rest: &[u8] = decoder.get_ref();
            if rest.starts_with(&[0x1f, 0x8b]) {
                self.decoder = Some(GzDecoder::new(rest));
            } else {
                self.trailing = Some(rest);
                self.decoder = None;
                return Ok(0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{write::GzEncoder, Compression};
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn read_all(data: &[u8]) -> (io::Result<Vec<u8>>, Option<Vec<u8>>) {
        let mut m = Members::new(data);
        let mut out = Vec::new();
        let r = m.read_to_end(&mut out).map(|_| out);
        (r, m.trailing().map(<[u8]>::to_vec))
    }

    #[test]
    fn members_are_read_in_turn_and_what_follows_is_kept() {
        let mut data = gz(b"one ");
        data.extend(gz(b""));
        data.extend(gz(b"two"));
        let (got, trailing) = read_all(&data);
        assert_eq!(got.unwrap(), b"one two");
        assert_eq!(trailing.unwrap(), b"");

        data.extend([0u8; 700]);
        let (got, trailing) = read_all(&data);
        assert_eq!(got.unwrap(), b"one two");
        assert_eq!(trailing.unwrap(), vec![0u8; 700]);

        data.extend(b"junk");
        assert_eq!(read_all(&data).1.unwrap().len(), 704);
    }

    #[test]
    fn a_cut_member_is_an_error() {
        let data = gz(&[7u8; 10_000]);
        for cut in [data.len() - 4, data.len() / 2] {
            let (got, trailing) = read_all(&data[..cut]);
            assert!(got.is_err(), "cut at {cut}");
            assert!(trailing.is_none());
        }
    }
}
