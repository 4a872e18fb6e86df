//! Reading a batch of files with the disk kept busy. The threads that read and parse a
//! pack's files each have one read in flight; when the files come from the disk rather
//! than from the page cache, the disk waits between those reads. So the files are taken
//! in list order, and a helper thread asks the kernel to read the next ones ahead
//! (`posix_fadvise(WILLNEED)`, which queues the reads and returns), a bounded window at a
//! time, so that the disk gets many requests at once and nothing read ahead is evicted
//! before it is used. With the files cached, the advice finds them there and costs a few
//! microseconds a file on the helper's thread.

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::Thread;

/// How many files the helper asks for beyond the first one not yet taken: enough
/// requests to keep a disk busy, few enough bytes to stay in any page cache.
const WINDOW: usize = 512;
/// The readers wake the helper each time they have taken this many more files.
const NUDGE: usize = WINDOW / 4;

/// `each` of every file, in the order of `files`; the files are taken in that order by
/// all of rayon's threads while a helper reads ahead of them.
pub fn map_files<T: Send>(files: &[PathBuf], each: impl Fn(&Path) -> T + Sync) -> Vec<T> {
    let ahead = Ahead {
        taken: AtomicUsize::new(0),
        finished: AtomicBool::new(false),
    };
    std::thread::scope(|scope| {
        let helper = scope.spawn(|| ahead.read_ahead(files));
        // Stops the helper however the reading ends: the scope waits for it, even on a
        // panic.
        let _stop = Stop(&ahead, helper.thread());
        ahead.take_all(files, &each, helper.thread())
    })
}

/// Where the readers are in the batch.
struct Ahead {
    /// Files taken by a reader so far (the next file to take).
    taken: AtomicUsize,
    /// Set when the batch is read, or abandoned.
    finished: AtomicBool,
}

/// Tells the helper that the batch is read, when dropped.
struct Stop<'a>(&'a Ahead, &'a Thread);

impl Drop for Stop<'_> {
    fn drop(&mut self) {
        self.0.finished.store(true, Ordering::Release);
        self.1.unpark();
    }
}

impl Ahead {
    /// Takes the files in order, one at a time, on every thread of the pool; the results
    /// are put back in the order of `files`.
    fn take_all<T: Send>(
        &self,
        files: &[PathBuf],
        each: &(impl Fn(&Path) -> T + Sync),
        helper: &Thread,
    ) -> Vec<T> {
        let mut done: Vec<(usize, T)> = (0..rayon::current_num_threads())
            .into_par_iter()
            .flat_map_iter(|_| {
                let mut mine = Vec::new();
                loop {
                    let i = self.taken.fetch_add(1, Ordering::AcqRel);
                    let Some(path) = files.get(i) else { break };
                    if i % NUDGE == 0 {
                        helper.unpark();
                    }
                    mine.push((i, each(path)));
                }
                mine
            })
            .collect();
        done.sort_unstable_by_key(|(i, _)| *i);
        done.into_iter().map(|(_, t)| t).collect()
    }

    /// The helper: asks for each file in turn, at most [`WINDOW`] files beyond the first
    /// one not taken, until the batch is read.
    fn read_ahead(&self, files: &[PathBuf]) {
        for (i, path) in files.iter().enumerate() {
            loop {
                if self.finished.load(Ordering::Acquire) {
                    return;
                }
                if i < self.taken.load(Ordering::Acquire) + WINDOW {
                    break;
                }
                // A wake-up given before this call makes it return at once: none is lost.
                std::thread::park();
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

    fn files(dir: &Path, n: usize) -> Vec<PathBuf> {
        (0..n)
            .map(|i| {
                let path = dir.join(format!("{i}.md"));
                std::fs::write(&path, format!("file {i}")).unwrap();
                path
            })
            .collect()
    }

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap()
    }

    #[test]
    fn every_file_is_read_once_and_the_results_keep_the_list_order() {
        let dir = tempfile::tempdir().unwrap();
        // More files than the helper's window, so it waits for the readers and resumes.
        let files = files(dir.path(), 3 * WINDOW + 7);
        // Some files are slow to parse, so that the threads take files in turn.
        let read = map_files(&files, |p| {
            if p.file_stem()
                .is_some_and(|s| s.to_string_lossy().ends_with('0'))
            {
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            read(p)
        });
        let expected: Vec<String> = (0..files.len()).map(|i| format!("file {i}")).collect();
        assert_eq!(read, expected);
    }

    #[test]
    fn an_empty_batch_reads_nothing() {
        let read = map_files(&[], read);
        assert!(read.is_empty());
    }

    #[test]
    fn a_panic_while_reading_ends_the_batch_instead_of_waiting_forever() {
        let dir = tempfile::tempdir().unwrap();
        let files = files(dir.path(), 2 * WINDOW);
        let outcome = std::panic::catch_unwind(|| {
            map_files(&files, |p| -> String {
                if p.ends_with("3.md") {
                    panic!("a bug while parsing")
                }
                read(p)
            })
        });
        assert!(outcome.is_err());
    }
}
