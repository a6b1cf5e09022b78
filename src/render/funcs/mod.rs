//! Helm's own template functions, added to Sprig's (being written, issue 9).
