//! A work counter for the size-doubling tests (test builds only): inner
//! loops whose bound a module states call [`tick`], and a test runs the
//! code on inputs of size n and 2n and compares [`take`]'s counts, which,
//! unlike times, do not depend on the machine or its load.

use std::cell::Cell;

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// Counts `n` steps of work on this thread.
pub(crate) fn tick(n: usize) {
    STEPS.with(|s| s.set(s.get().saturating_add(n as u64)));
}

/// The steps counted on this thread since the last call, and a reset.
pub(crate) fn take() -> u64 {
    STEPS.with(|s| s.replace(0))
}

/// Steps `run` counts on inputs of size `n` and `2 * n`, and their ratio:
/// about 2 for linear work, 4 for quadratic.
pub(crate) fn doubling(n: usize, mut run: impl FnMut(usize)) -> (u64, u64, f64) {
    take();
    run(n);
    let a = take();
    run(2 * n);
    let b = take();
    (a, b, b as f64 / a.max(1) as f64)
}
