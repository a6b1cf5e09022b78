//! PLACEHOLDER: the resource requirement computation (RES rules).
use crate::chart::Chart;
use crate::report::{ResourceSource, Resources};

pub struct Computation {
    pub resources: Resources,
}

pub fn compute(_chart: &Chart) -> Computation {
    Computation {
        resources: Resources {
            source: ResourceSource::Computed,
            cpu_m: 0,
            memory_mi: 0,
            limit_cpu_m: 6000,
            limit_memory_mi: 12288,
            items: vec![],
            computed_cpu_m: None,
            computed_memory_mi: None,
            exempt_reason: None,
        },
    }
}
