//! Stage timings for `build --timings`: how long each stage of a build took. Off by
//! default, when a timed section costs one atomic load; on, each section adds its time
//! under its name (summed over threads for sections that run in parallel).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

static ENABLED: AtomicBool = AtomicBool::new(false);
static LAPS: Mutex<Vec<(&'static str, Duration, usize)>> = Mutex::new(Vec::new());

/// Starts recording (and forgets what was recorded before).
pub fn enable() {
    LAPS.lock().expect("timings").clear();
    ENABLED.store(true, Ordering::Relaxed);
}

/// Runs `f`, adding its time under `name` when recording.
pub fn time<T>(name: &'static str, f: impl FnOnce() -> T) -> T {
    if !ENABLED.load(Ordering::Relaxed) {
        return f();
    }
    let start = Instant::now();
    let out = f();
    let elapsed = start.elapsed();
    let mut laps = LAPS.lock().expect("timings");
    match laps.iter_mut().find(|(n, _, _)| *n == name) {
        Some((_, total, count)) => {
            *total += elapsed;
            *count += 1;
        }
        None => laps.push((name, elapsed, 1)),
    }
    out
}

/// The recorded sections in the order they first ran, one per line.
pub fn report() -> String {
    LAPS.lock()
        .expect("timings")
        .iter()
        .map(|(name, total, count)| {
            let ms = total.as_secs_f64() * 1000.0;
            if *count > 1 {
                format!("{name:<28} {ms:>9.1} ms  ({count} runs, summed)\n")
            } else {
                format!("{name:<28} {ms:>9.1} ms\n")
            }
        })
        .collect()
}
