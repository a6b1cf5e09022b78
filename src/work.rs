//! The work budget of one run: how many YAML nodes (after alias expansion) all the files of all
//! the inputs of a run may build together, and how many steps the work an input can multiply
//! may take (comparing names for "did you mean"; later, template steps).
//!
//! Each YAML text has its own cap ([`crate::yaml::YamlLimits`]), but a small archive can hold
//! many small alias bombs, each just under it (20 charts × 6 files took 38 s). The run's budget
//! caps their sum: once it is spent, every later YAML text of the run is cut at its start, and
//! INPUT-001 names each file that was cut. It grows with the size of the run's inputs, so a run
//! of many real charts never meets it, and time stays linear in what was given.
//!
//! The budget is installed for the duration of the work ([`Budget::spend_within`]) and drawn on
//! by the YAML reader wherever it is called, so every parse of the run counts, including those
//! done by rules; outside a run (unit tests, direct library calls) nothing is counted.

use std::cell::Cell;

/// Nodes every run may build, whatever its size.
pub const BASE_NODES: u64 = 2_000_000;
/// Nodes the run may build per byte of input besides: real YAML holds about one node per five
/// to ten bytes, so this leaves room for honest anchors and aliases but not for bombs.
pub const NODES_PER_BYTE: u64 = 10;
/// Steps every run may take (a step: about one comparison of two characters; 10⁸ take a
/// fraction of a second), and per byte of input besides.
pub const BASE_STEPS: u64 = 100_000_000;
pub const STEPS_PER_BYTE: u64 = 100;

thread_local! {
    /// The budget of the run in progress on this thread; `None` outside a run.
    static CURRENT: Cell<Option<Budget>> = const { Cell::new(None) };
}

/// What a run may still spend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    nodes_left: u64,
    total: u64,
    steps_left: u64,
}

impl Default for Budget {
    /// The budget of a run that has read nothing yet.
    fn default() -> Self {
        Budget::for_input_bytes(0)
    }
}

impl Budget {
    /// The budget of a run whose inputs hold `input_bytes` bytes.
    pub fn for_input_bytes(input_bytes: u64) -> Budget {
        let mut budget = Budget {
            nodes_left: BASE_NODES,
            total: BASE_NODES,
            steps_left: BASE_STEPS,
        };
        budget.grow(input_bytes);
        budget
    }

    /// A budget of `total` nodes (and the base steps).
    pub fn of_nodes(total: u64) -> Budget {
        Budget {
            nodes_left: total,
            total,
            steps_left: BASE_STEPS,
        }
    }

    /// Let a run of `input_bytes` more bytes spend more (an input added to a workspace).
    pub fn grow(&mut self, input_bytes: u64) {
        let more = input_bytes.saturating_mul(NODES_PER_BYTE);
        self.nodes_left = self.nodes_left.saturating_add(more);
        self.total = self.total.saturating_add(more);
        let steps = input_bytes.saturating_mul(STEPS_PER_BYTE);
        self.steps_left = self.steps_left.saturating_add(steps);
    }

    pub fn nodes_left(&self) -> u64 {
        self.nodes_left
    }

    pub fn total_nodes(&self) -> u64 {
        self.total
    }

    /// Run `work` with this budget installed, and keep what it left.
    pub fn spend_within<R>(&mut self, work: impl FnOnce() -> R) -> R {
        /// Puts back the budget that was installed before, even if `work` unwinds.
        struct Restore(Option<Budget>);
        impl Drop for Restore {
            fn drop(&mut self) {
                CURRENT.with(|current| current.set(self.0));
            }
        }
        let _restore = Restore(CURRENT.with(|current| current.replace(Some(*self))));
        let result = work();
        if let Some(left) = current() {
            *self = left;
        }
        result
    }
}

/// Run `work` outside the run's budget: for data of our own (the built-in Kubernetes schemas),
/// whose cost does not grow with the input.
pub fn unbudgeted<R>(work: impl FnOnce() -> R) -> R {
    let saved = CURRENT.with(|current| current.replace(None));
    let result = work();
    CURRENT.with(|current| current.set(saved));
    result
}

/// The budget of the run in progress (`None` outside a run: no run-wide cap).
pub fn current() -> Option<Budget> {
    CURRENT.with(|current| current.get())
}

/// Nodes the run in progress may still build (`None` outside a run).
pub fn nodes_left() -> Option<u64> {
    current().map(|b| b.nodes_left)
}

/// Take `steps` from the run in progress: false (and nothing taken) when it has fewer left, so
/// that the caller skips the work. Outside a run, always true.
pub fn take_steps(steps: u64) -> bool {
    CURRENT.with(|current| match current.get() {
        None => true,
        Some(budget) if budget.steps_left < steps => false,
        Some(mut budget) => {
            budget.steps_left -= steps;
            current.set(Some(budget));
            true
        }
    })
}

/// Count `nodes` built against the run in progress, if any.
pub fn spend_nodes(nodes: u64) {
    CURRENT.with(|current| {
        if let Some(mut budget) = current.get() {
            budget.nodes_left = budget.nodes_left.saturating_sub(nodes);
            current.set(Some(budget));
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spending_inside_a_run_is_kept_and_outside_is_free() {
        let mut budget = Budget::of_nodes(100);
        let seen = budget.spend_within(|| {
            spend_nodes(30);
            nodes_left()
        });
        assert_eq!(seen, Some(70));
        assert_eq!(budget.nodes_left(), 70);
        assert_eq!(nodes_left(), None);
        spend_nodes(1_000);
        budget.spend_within(|| spend_nodes(1_000));
        assert_eq!(budget.nodes_left(), 0);
    }

    #[test]
    fn nested_runs_restore_the_outer_one() {
        let mut outer = Budget::of_nodes(10);
        outer.spend_within(|| {
            let mut inner = Budget::of_nodes(5);
            inner.spend_within(|| spend_nodes(2));
            assert_eq!(inner.nodes_left(), 3);
            assert_eq!(nodes_left(), Some(10));
        });
    }

    #[test]
    fn steps_are_refused_once_spent_and_free_outside_a_run() {
        let mut budget = Budget::for_input_bytes(0);
        budget.spend_within(|| {
            assert!(take_steps(BASE_STEPS - 1));
            assert!(!take_steps(2));
            assert!(take_steps(1));
            assert!(!take_steps(1));
        });
        assert!(take_steps(u64::MAX));
    }

    #[test]
    fn grows_with_the_input() {
        let mut b = Budget::for_input_bytes(1000);
        assert_eq!(b.total_nodes(), BASE_NODES + 10_000);
        b.grow(10);
        assert_eq!(b.nodes_left(), BASE_NODES + 10_100);
    }
}
