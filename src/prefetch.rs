//! Asking the processor for memory before it is read. Pages that list many places (an
//! actor's mentions, a source's citations) gather records scattered over the whole model
//! (gigabytes at 100,000 notes): read one after the other between long stretches of
//! formatting, each costs a trip to memory on its own. Asked for a batch ahead, the trips
//! overlap.

/// Starts loading the cache line at `p` and returns at once. Never faults, whatever `p`
/// is; a no-op on processors it does not know.
#[inline(always)]
pub(crate) fn prefetch<T: ?Sized>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint that never faults and writes nothing, for any address;
    // SSE, which it needs, is part of every x86_64 processor.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}
