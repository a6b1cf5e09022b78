//! tar as `helm package` writes it: one regular-file entry per file and no folder entries,
//! ustar headers, fixed time and owner.
//!
//! Long paths: `tar::Builder::append_data` puts a path of up to 100 bytes in the header's name
//! field, one of up to 255 split at a `/` between ustar's prefix and name fields, and a longer
//! one in a GNU long-name entry (`././@LongLink`) before the header, which holds its first 100
//! bytes. Helm (Go's archive/tar) and the `tar` crate read all three.

use super::{mode, PackError, MTIME};
use crate::input::File;
use ::tar::{Builder, EntryType, Header};

/// The tar archive of `files`, whose paths `super::write` has checked (so that the `tar` crate
/// is not expected to refuse one).
pub(super) fn write(files: &[File]) -> Result<Vec<u8>, PackError> {
    let mut builder = Builder::new(Vec::new());
    for f in files {
        let mut ustar = header(Header::new_ustar(), &f.data);
        if builder
            .append_data(&mut ustar, &f.path, f.data.as_slice())
            .is_err()
        {
            // A path over 255 bytes goes whole into a long-name entry, and its first 100 bytes
            // into the header; ustar refuses those 100 when they end in a `..` part (`a/..b` cut
            // after `..`), a GNU header takes them. Nothing was written on the failed attempt.
            let mut gnu = header(Header::new_gnu(), &f.data);
            builder
                .append_data(&mut gnu, &f.path, f.data.as_slice())
                .map_err(|_| PackError::BadPath {
                    path: f.path.clone(),
                })?;
        }
    }
    Ok(builder
        .into_inner()
        .expect("writing to memory does not fail"))
}

fn header(mut h: Header, data: &[u8]) -> Header {
    h.set_entry_type(EntryType::Regular);
    h.set_size(data.len() as u64);
    h.set_mode(mode(data));
    h.set_mtime(MTIME);
    h.set_uid(0);
    h.set_gid(0);
    h
}
