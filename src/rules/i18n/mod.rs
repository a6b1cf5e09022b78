//! I18N rules.
pub mod i18n_001;
pub mod i18n_002;
pub mod i18n_003;
