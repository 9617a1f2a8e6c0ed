//! Progress of a long match, for JavaScript.
//!
//! A callback is JavaScript's: it can only be called on the thread that was
//! given it. [`Reporter`] keeps it in a thread-local of that thread and calls
//! it from there (every row on the single-threaded build); rows scored by
//! other threads of the threaded build only move the shared counters
//! ([`COUNTERS`]), which a page reads from the module's shared memory at
//! [`counters_address`].

use matcher::progress::{Progress, Stage};
use std::cell::RefCell;
use std::sync::atomic::{AtomicU32, Ordering};
use wasm_bindgen::JsValue;

/// The current run's stage (0 none, 1 scoring, 2 solving), units done and
/// units in the stage, as 32-bit counters.
static COUNTERS: [AtomicU32; 3] = [AtomicU32::new(0), AtomicU32::new(0), AtomicU32::new(0)];

thread_local! {
    /// The callback of the run on this thread, if any.
    static CALLBACK: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

/// The address of [`COUNTERS`] in the module's memory: three little-endian
/// `u32` (stage, done, total).
pub fn counters_address() -> usize {
    COUNTERS.as_ptr() as usize
}

/// Reports a run's progress to a JavaScript callback
/// `({ stage, done, total }) => void`, at most every 1/200 of a stage.
pub struct Reporter {
    /// Units between two calls of the callback.
    step: AtomicU32,
}

impl Reporter {
    /// Installs `callback` (or none) on this thread for as long as the
    /// reporter lives.
    pub fn new(callback: Option<js_sys::Function>) -> Reporter {
        CALLBACK.with(|slot| *slot.borrow_mut() = callback);
        COUNTERS.iter().for_each(|c| c.store(0, Ordering::Relaxed));
        Reporter {
            step: AtomicU32::new(1),
        }
    }

    /// Calls the callback, where this thread has one.
    fn emit(&self) {
        let [stage, done, total] = COUNTERS.each_ref().map(|c| c.load(Ordering::Relaxed));
        CALLBACK.with(|slot| {
            if let Some(callback) = slot.borrow().as_ref() {
                let event = js_sys::Object::new();
                let name = match stage {
                    1 => "scoring",
                    _ => "solving",
                };
                for (key, value) in [
                    ("stage", JsValue::from(name)),
                    ("done", done.into()),
                    ("total", total.into()),
                ] {
                    let _ = js_sys::Reflect::set(&event, &key.into(), &value);
                }
                // A throwing callback must not stop the run.
                let _ = callback.call1(&JsValue::NULL, &event);
            }
        });
    }
}

impl Drop for Reporter {
    fn drop(&mut self) {
        CALLBACK.with(|slot| slot.borrow_mut().take());
    }
}

impl Progress for Reporter {
    fn start(&self, stage: Stage, total: u64) {
        let code = match stage {
            Stage::Scoring => 1,
            Stage::Solving => 2,
        };
        let total = u32::try_from(total).unwrap_or(u32::MAX);
        COUNTERS[0].store(code, Ordering::Relaxed);
        COUNTERS[1].store(0, Ordering::Relaxed);
        COUNTERS[2].store(total, Ordering::Relaxed);
        self.step.store((total / 200).max(1), Ordering::Relaxed);
        self.emit();
    }

    fn advance(&self, n: u64) {
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        let done = COUNTERS[1]
            .fetch_add(n, Ordering::Relaxed)
            .saturating_add(n);
        let step = self.step.load(Ordering::Relaxed);
        if done % step < n {
            self.emit();
        }
    }
}
