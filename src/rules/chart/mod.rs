//! CHART rules: Chart.yaml (§1.1.6.2).
pub mod chart_001;
pub mod chart_002;
pub mod chart_003;
pub mod chart_004;
pub mod chart_005;
pub mod chart_006;
pub mod chart_007;
pub mod chart_008;
pub mod chart_009;
pub mod chart_010;
pub mod chart_011;
pub mod chart_012;
pub mod helm_fields;
pub mod keywords;
