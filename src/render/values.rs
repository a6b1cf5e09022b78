//! YAML read into template values as Helm reads values files and `fromYaml` (being written, issue 9).
