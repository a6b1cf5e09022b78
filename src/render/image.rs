//! Container image references (`registry/repository:tag@digest`), as Kubernetes and Docker
//! read them.

/// An image reference taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef<'a> {
    /// The registry host (`hub.easystack.io`), empty for Docker Hub's implicit one.
    pub registry: &'a str,
    /// The repository path without the registry (`production/mycloud-product-api`).
    pub repository: &'a str,
    /// The tag, empty when none is written (Kubernetes then pulls `latest`).
    pub tag: &'a str,
    /// The digest (`sha256:…`), empty when none.
    pub digest: &'a str,
}

impl<'a> ImageRef<'a> {
    pub fn parse(image: &'a str) -> ImageRef<'a> {
        let image = image.trim();
        let (name, digest) = image.split_once('@').unwrap_or((image, ""));
        let slash = name.rfind('/').map_or(0, |i| i + 1);
        let (path, tag) = match name[slash..].rfind(':') {
            Some(i) => (&name[..slash + i], &name[slash + i + 1..]),
            None => (name, ""),
        };
        // The first segment is a registry when it looks like a host (Docker's rule).
        let (registry, repository) = match path.split_once('/') {
            Some((first, rest))
                if first.contains('.') || first.contains(':') || first == "localhost" =>
            {
                (first, rest)
            }
            _ => ("", path),
        };
        ImageRef {
            registry,
            repository,
            tag,
            digest,
        }
    }

    /// Pinned: a digest, or a tag other than `latest`.
    pub fn is_pinned(&self) -> bool {
        !self.digest.is_empty() || !(self.tag.is_empty() || self.tag == "latest")
    }
}

#[cfg(test)]
mod tests {
    use super::ImageRef;

    #[test]
    fn references_taken_apart() {
        let r = ImageRef::parse("hub.easystack.io/production/busybox:latest");
        assert_eq!(
            (r.registry, r.repository, r.tag, r.digest),
            ("hub.easystack.io", "production/busybox", "latest", "")
        );
        assert!(!r.is_pinned());
        let r = ImageRef::parse("localhost:5000/app");
        assert_eq!(
            (r.registry, r.repository, r.tag),
            ("localhost:5000", "app", "")
        );
        assert!(!r.is_pinned());
        let r = ImageRef::parse("bitnami/nginx:1.27@sha256:abc");
        assert_eq!(
            (r.registry, r.repository, r.tag),
            ("", "bitnami/nginx", "1.27")
        );
        assert!(r.is_pinned());
        assert!(ImageRef::parse("busybox@sha256:abc").is_pinned());
        assert!(ImageRef::parse("quay.io/a/b:latest-ubuntu_focal").is_pinned());
    }
}
