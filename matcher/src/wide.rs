//! The widest vector instructions the CPU running the program has, chosen at
//! run time for the loops that score and solve: a build for any x86-64 CPU
//! uses SSE2's two lanes of `f64`, while most CPUs in use have AVX2's four.
//!
//! The work is the same code compiled twice; IEEE arithmetic gives the same
//! bits lane by lane at either width (no operation is fused or reordered),
//! so results never depend on the CPU.

// `unsafe` is needed for one thing only: calling a function compiled for
// AVX2, which the CPU has been checked to support just before.
#![allow(unsafe_code)]

/// The instructions a variant of the work is compiled for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Width {
    /// The build's baseline.
    Baseline,
    /// AVX2 and the features it implies (SSE4.1's rounding among them).
    Avx2,
}

impl Width {
    /// Whether `f64::trunc` is one instruction that vectorises here (not a
    /// library call), as it is with SSE4.1 and in WebAssembly.
    pub(crate) fn truncates(self) -> bool {
        self == Width::Avx2 || cfg!(target_arch = "wasm32")
    }
}

/// Runs `work` compiled for AVX2 where the CPU supports it, else as the
/// build's baseline, telling it which. `work` should inline what it calls
/// (`#[inline(always)]`) so that the loops inside take the wider
/// instructions; the width it is given is a constant in each variant.
#[inline(always)]
pub(crate) fn run<R>(work: impl FnOnce(Width) -> R) -> R {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU has just been checked to support AVX2, the only
        // feature `with_avx2` is compiled for.
        return unsafe { with_avx2(work) };
    }
    work(Width::Baseline)
}

/// `work(Width::Avx2)` compiled with AVX2 (and the features it implies).
///
/// # Safety
///
/// The CPU must support AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn with_avx2<R>(work: impl FnOnce(Width) -> R) -> R {
    work(Width::Avx2)
}
