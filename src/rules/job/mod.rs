//! JOB — the install check Job (§1.1.6.8), from `templates/job-hooks.yaml` and values.yaml.

pub mod job_001;
pub mod job_002;
pub mod job_003;
pub mod job_004;
pub mod job_005;

/// The helm-toolkit snippet that writes the check Job.
pub(crate) const JOB_HOOK: &str = "helm-toolkit.snippets.job_hook";
