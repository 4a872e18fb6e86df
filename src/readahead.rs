//! Reading ahead. When a pack's files come from the disk rather than from the page cache,
//! the threads that read and parse them have one request each in flight, and the disk waits
//! between them. A helper thread then asks the kernel to read every file of the batch ahead
//! (`posix_fadvise(WILLNEED)`, which queues the reads and returns), so that the disk gets
//! many requests at once. It starts only once reads were slow often enough: with the files
//! cached, it costs one thread that waits and is told to stop.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

/// A read that takes longer than this did not come from the page cache, which serves a
/// note in tens of microseconds.
const SLOW: Duration = Duration::from_micros(250);
/// Reading ahead starts once one read in this many (and at least [`SLOW_READS`]) was
/// slow: with the files cached, a few reads still are (a thread descheduled, memory
/// touched for the first time).
const SLOW_RATIO: usize = 100;
const SLOW_READS: usize = 8;

/// Watches the reads of a batch of files and starts reading ahead when they are slow.
pub struct Watch {
    slow: AtomicUsize,
    /// Slow reads that start reading ahead.
    enough: usize,
    /// Set when reading ahead should start, or when the batch is read and it should not.
    woken: Mutex<bool>,
    wake: Condvar,
    finished: AtomicBool,
}

/// Runs `work` (which reads `files` through [`Watch::read`]) with a helper thread that
/// reads the files ahead if reading them turns out to be slow.
pub fn reading<R>(files: &[PathBuf], work: impl FnOnce(&Watch) -> R) -> R {
    let watch = Watch {
        slow: AtomicUsize::new(0),
        enough: (files.len() / SLOW_RATIO).max(SLOW_READS),
        woken: Mutex::new(false),
        wake: Condvar::new(),
        finished: AtomicBool::new(false),
    };
    std::thread::scope(|scope| {
        scope.spawn(|| watch.read_ahead(files));
        // Stops the helper however `work` ends: the scope waits for it, even on a panic.
        let _stop = Stop(&watch);
        work(&watch)
    })
}

/// Tells the helper that the batch is read, when dropped.
struct Stop<'a>(&'a Watch);

impl Drop for Stop<'_> {
    fn drop(&mut self) {
        self.0.finished.store(true, Ordering::Relaxed);
        self.0.wake_helper();
    }
}

impl Watch {
    /// Reads one file of the batch whole.
    pub fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        let start = Instant::now();
        let bytes = std::fs::read(path);
        if start.elapsed() > SLOW && self.slow.fetch_add(1, Ordering::Relaxed) + 1 == self.enough {
            self.wake_helper();
        }
        bytes
    }

    fn wake_helper(&self) {
        // Never held across a panic, but a poisoned lock must not keep the helper waiting.
        *self.woken.lock().unwrap_or_else(|e| e.into_inner()) = true;
        self.wake.notify_one();
    }

    /// The helper: waits to be woken, then asks for each file in turn unless the batch
    /// is read by then.
    fn read_ahead(&self, files: &[PathBuf]) {
        let mut woken = self.woken.lock().expect("lock");
        while !*woken {
            woken = self.wake.wait(woken).expect("lock");
        }
        drop(woken);
        for path in files {
            if self.finished.load(Ordering::Relaxed) {
                return;
            }
            will_need(path);
        }
    }
}

/// Asks the kernel to read the whole file into the page cache, without waiting for it.
#[cfg(target_os = "linux")]
fn will_need(path: &Path) {
    use std::os::fd::AsRawFd;
    if let Ok(file) = std::fs::File::open(path) {
        // SAFETY: the descriptor is open for the duration of the call; the advice only
        // starts reads into the page cache.
        unsafe {
            libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_WILLNEED);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn will_need(_path: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &Path) -> Vec<PathBuf> {
        (0..20)
            .map(|i| {
                let path = dir.join(format!("{i}.md"));
                std::fs::write(&path, format!("file {i}")).unwrap();
                path
            })
            .collect()
    }

    fn read_all(watch: &Watch, files: &[PathBuf]) -> Vec<String> {
        files
            .iter()
            .map(|f| String::from_utf8(watch.read(f).unwrap()).unwrap())
            .collect()
    }

    #[test]
    fn cached_files_are_read_whole_and_the_helper_stops() {
        let dir = tempfile::tempdir().unwrap();
        let files = files(dir.path());
        let read = reading(&files, |watch| read_all(watch, &files));
        assert_eq!(read.len(), 20);
        assert_eq!(read[7], "file 7");
    }

    #[test]
    fn a_panic_while_reading_ends_the_batch_instead_of_waiting_forever() {
        let dir = tempfile::tempdir().unwrap();
        let files = files(dir.path());
        let outcome = std::panic::catch_unwind(|| {
            reading(&files, |_| -> () { panic!("a bug while parsing") })
        });
        assert!(outcome.is_err());
    }

    #[test]
    fn reading_ahead_beside_the_reads_changes_nothing_they_read() {
        let dir = tempfile::tempdir().unwrap();
        let files = files(dir.path());
        let read = reading(&files, |watch| {
            watch.wake_helper();
            let first = read_all(watch, &files);
            // The helper runs through the batch while it is read, then stops.
            assert_eq!(read_all(watch, &files), first);
            first
        });
        assert_eq!(read[19], "file 19");
    }
}
