//! An input and the charts found in it, owned together: a run discovers and parses each input's
//! charts once and keeps them for every view (check, config preview, navigation preview).

use super::{discover, Chart};
use crate::input::Input;

type Charts<'a> = Vec<Chart<'a>>;

self_cell::self_cell!(
    /// An input read into files, with its charts discovered and parsed (once, in [`Loaded::new`]).
    pub struct Loaded {
        owner: Input,
        #[covariant]
        dependent: Charts,
    }
    impl {Debug}
);

impl Loaded {
    /// Discover and parse the charts of `input`.
    pub fn discover(input: Input) -> Loaded {
        Loaded::new(input, discover)
    }
    pub fn input(&self) -> &Input {
        self.borrow_owner()
    }
    /// The input, its charts dropped (to change a file and discover them again).
    pub fn into_input(self) -> Input {
        self.into_owner()
    }
    /// Every chart of the input, in path order.
    pub fn charts(&self) -> &[Chart<'_>] {
        self.borrow_dependent()
    }
    /// Tell every chart which navigation categories the user's platform has (NAV-007).
    pub fn set_known_categories(&mut self, categories: &[String]) {
        self.set_known_categories_with(|_| categories.to_vec());
    }
    /// Tell each chart which navigation categories the user's platform has (NAV-007).
    pub fn set_known_categories_with(&mut self, categories: impl Fn(&Chart) -> Vec<String>) {
        self.with_dependent_mut(|_, charts| {
            for c in charts.iter_mut() {
                c.known_categories = categories(c);
            }
        });
    }
}
