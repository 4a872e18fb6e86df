//! Stage 5, write: puts the rendered files in the output folder so that the folder only
//! ever holds a complete build. Files go to a folder beside it, which then takes its
//! place; a failed or interrupted build leaves the previous output as it was. The
//! previous output is kept as the next build's starting point, so files that did not
//! change are not written again. Refuses output folders where replacing would destroy
//! the user's work.

use crate::render::OutputFile;
use rustc_hash::FxHashMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// The file that marks a folder as made by `briefing`, so it may be replaced.
pub const MARKER: &str = ".briefing-output";

/// Checks that `output` may be replaced by a build of the pack at `root`.
pub fn check_output(root: &Path, output: &Path) -> Result<(), String> {
    let root = absolute(root);
    let out = absolute(output);
    let shown = output.display();
    if out.parent().is_none() {
        return Err(format!(
            "refusing to write to `{shown}`: it is the file system root"
        ));
    }
    if root.starts_with(&out) {
        return Err(format!("refusing to write to `{shown}`: it is the pack's folder or one of its ancestors, and the build replaces the whole output folder"));
    }
    for protected in ["content", "themes"] {
        if out.starts_with(root.join(protected)) {
            return Err(format!(
                "refusing to write to `{shown}`: it is inside the pack's {protected}/ folder"
            ));
        }
    }
    if let Some(home) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        if absolute(Path::new(&home)).starts_with(&out) {
            return Err(format!(
                "refusing to write to `{shown}`: it is your home folder or one of its ancestors"
            ));
        }
    }
    if out.is_file() {
        return Err(format!(
            "refusing to write to `{shown}`: it is a file, not a folder"
        ));
    }
    if out.is_dir() && !out.join(MARKER).is_file() {
        let empty = fs::read_dir(&out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(format!(
                "refusing to write to `{shown}`: it is a non-empty folder that briefing did not make (no {MARKER} file in it)"
            ));
        }
    }
    Ok(())
}

/// An absolute, lexically normalised path (`..` resolved), resolving symbolic links of
/// the part that exists.
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    // Resolve links in the longest existing prefix, keep the rest as written.
    let mut existing = out.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = fs::canonicalize(&existing).unwrap_or(existing);
    resolved.extend(rest.iter().rev());
    resolved
}

/// Writes `files` as the new content of `output`, replacing it whole.
pub fn write(output: &Path, files: &[OutputFile]) -> io::Result<()> {
    let staging = Staging::begin(output)?;
    for f in files {
        staging.put(&f.path, &f.bytes)?;
    }
    staging.commit()
}

/// A folder beside the output where a build writes its files as they are made. Only
/// [`Staging::commit`] puts it in the place of the output (in one atomic rename on
/// Linux); dropped without a commit, the output stays as it was, and a build killed at
/// any moment leaves the output as it was too.
///
/// The staging folder starts as the spare: the output before last, kept beside the output
/// as `.<name>.spare`. Its marker file lists each file with its length and hash, so a
/// file whose bytes are already there is not written again (nor read), and files the
/// build does not make are removed at commit. A build after small changes writes
/// little, and no build deletes a whole site.
pub struct Staging {
    dir: PathBuf,
    spare: PathBuf,
    output: PathBuf,
    /// Files in the folder when the build began, `/`-separated, below it, with their
    /// length and hash when the marker listed them.
    before: FxHashMap<String, Option<Stamp>>,
    /// Files the build has put.
    made: Mutex<FxHashMap<String, Stamp>>,
    /// Set before the build first changes the folder.
    touched: AtomicBool,
    committed: bool,
}

/// A file's length and 64-bit hash.
type Stamp = (u64, u64);

fn stamp(bytes: &[u8]) -> Stamp {
    (bytes.len() as u64, xxhash_rust::xxh3::xxh3_64(bytes))
}

/// The first line of the marker file; the list of files follows.
const MARKER_TEXT: &str = "This folder is made by `briefing build`: change the pack, not this folder (a file changed or added here by hand may outlive later builds).\n";

impl Staging {
    /// Cleans up after killed builds and takes the spare folder (or a new one) for the
    /// build of `output`.
    pub fn begin(output: &Path) -> io::Result<Self> {
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let spare = parent.join(format!(".{name}.spare"));
        recover(&parent, &name, output, &spare)?;
        let dir = parent.join(format!(".{name}.building-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        // Taking the spare by renaming it keeps two builds from sharing it.
        let before = match fs::rename(&spare, &dir) {
            Ok(()) => inventory(&dir)?,
            Err(_) => {
                fs::create_dir_all(&dir)?;
                FxHashMap::default()
            }
        };
        // The build usually makes the files the folder held: sized for them once.
        let made = FxHashMap::with_capacity_and_hasher(before.len(), Default::default());
        Ok(Self {
            dir,
            spare,
            output: output.to_path_buf(),
            before,
            made: Mutex::new(made),
            touched: AtomicBool::new(false),
            committed: false,
        })
    }

    /// Puts one file (path below the output folder, `/`-separated), unless the folder
    /// already holds these bytes there.
    pub fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let now = stamp(bytes);
        let full = self.dir.join(path);
        let unchanged = match self.before.get(path) {
            Some(Some(then)) => *then == now,
            Some(None) => holds(&full, bytes),
            None => false,
        };
        if !unchanged {
            self.touched.store(true, Ordering::Relaxed);
            io::Write::write_all(&mut create(&self.dir, &full)?, bytes)?;
        }
        self.record(path, now);
        Ok(())
    }

    /// Lists `path` among the files this build made.
    fn record(&self, path: &str, stamp: Stamp) {
        self.made
            .lock()
            .expect("lock")
            .insert(path.to_string(), stamp);
    }

    /// Puts one file as `write` writes it out (see [`crate::render::Sink::stream`]), never
    /// holding it whole: when the folder's list knows the file, `write` runs first into
    /// a hash, and the file is written only if that differs.
    pub fn put_stream(&self, path: &str, write: crate::render::Writer) -> io::Result<()> {
        let full = self.dir.join(path);
        let mut hashed = Hashed::new(io::sink());
        let now = match self.before.get(path) {
            Some(Some(then)) => {
                write(&mut hashed)?;
                Some(hashed.stamp()).filter(|now| now == then)
            }
            _ => None,
        };
        let now = match now {
            Some(unchanged) => unchanged,
            None => {
                self.touched.store(true, Ordering::Relaxed);
                let mut file = Hashed::new(io::BufWriter::new(create(&self.dir, &full)?));
                write(&mut file)?;
                io::Write::flush(&mut file)?;
                file.stamp()
            }
        };
        self.record(path, now);
        Ok(())
    }

    /// Removes the files this build did not make, marks the folder as briefing's (with
    /// the list of its files) and puts it in the place of the output; the previous
    /// output becomes the spare.
    pub fn commit(mut self) -> io::Result<()> {
        let made = std::mem::take(&mut *self.made.lock().expect("lock"));
        for stale in self.before.keys().filter(|p| !made.contains_key(*p)) {
            remove_file_and_empty_parents(&self.dir, stale)?;
        }
        write_marker(&self.dir, made.iter())?;
        swap(&self.dir, &self.output, &self.spare)?;
        self.committed = true;
        // The two lists hold a string per file (620,000 at 100,000 notes): freed on a
        // thread of their own, which a command line that exits next does not wait for.
        let before = std::mem::take(&mut self.before);
        std::thread::spawn(move || drop((before, made)));
        Ok(())
    }
}

impl Drop for Staging {
    /// Gives the folder back as the spare. A build that stopped before it changed the
    /// folder (one whose pack has errors) puts its list back, so that the next build
    /// still knows what the folder holds without reading it.
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        let stamps: Option<Vec<(&String, &Stamp)>> = (!*self.touched.get_mut())
            .then(|| {
                self.before
                    .iter()
                    .map(|(p, s)| Some((p, s.as_ref()?)))
                    .collect()
            })
            .flatten();
        if let Some(stamps) = stamps.filter(|s| !s.is_empty()) {
            let _ = write_marker(&self.dir, stamps.into_iter());
        }
        if fs::rename(&self.dir, &self.spare).is_err() {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Marks `dir` as briefing's, with the list of its files: sorted and written a block
/// of lines at a time on every thread (300,000 lines at 100,000 notes, the last step
/// of a build, which nothing else runs beside).
fn write_marker<'a>(
    dir: &Path,
    files: impl Iterator<Item = (&'a String, &'a Stamp)>,
) -> io::Result<()> {
    use rayon::prelude::*;
    use std::fmt::Write;
    let mut files: Vec<(&String, &Stamp)> = files.collect();
    files.par_sort_unstable();
    let blocks: Vec<String> = files
        .par_chunks(4096)
        .map(|chunk| {
            let mut block = String::with_capacity(chunk.len() * 64);
            for (path, (len, hash)) in chunk {
                let _ = writeln!(block, "{len} {hash:016x} {path}");
            }
            block
        })
        .collect();
    const HEADING: &str = "# files: length, hash, path\n";
    let size = MARKER_TEXT.len() + HEADING.len() + blocks.iter().map(String::len).sum::<usize>();
    let mut marker = String::with_capacity(size);
    marker.push_str(MARKER_TEXT);
    marker.push_str(HEADING);
    blocks.iter().for_each(|b| marker.push_str(b));
    fs::write(dir.join(MARKER), marker)
}

/// What a folder taken as staging holds: the list in its marker, which is removed (the
/// build changes the folder, and a killed build must not leave a list that lies), or,
/// with no list, every file found in it, to be compared byte for byte.
fn inventory(dir: &Path) -> io::Result<FxHashMap<String, Option<Stamp>>> {
    let marker = dir.join(MARKER);
    let listed = fs::read_to_string(&marker).ok().and_then(|text| {
        let (_, list) = text.split_once("# files: length, hash, path\n")?;
        list.lines()
            .map(|line| {
                let mut parts = line.splitn(3, ' ');
                let len = parts.next()?.parse().ok()?;
                let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
                Some((parts.next()?.to_string(), Some((len, hash))))
            })
            .collect::<Option<FxHashMap<_, _>>>()
    });
    if marker.exists() {
        fs::remove_file(&marker)?;
    }
    if let Some(files) = listed {
        return Ok(files);
    }
    let mut files = FxHashMap::default();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).map_err(io::Error::other)?;
            let parts: Vec<_> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect();
            files.insert(parts.join("/"), None);
        }
    }
    Ok(files)
}

/// Whether the file at `path` holds exactly `bytes`.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    if file.metadata().map(|m| m.len()).ok() != Some(bytes.len() as u64) {
        return false;
    }
    let mut old = Vec::with_capacity(bytes.len());
    file.read_to_end(&mut old).is_ok() && old == bytes
}

/// A writer that hashes what it passes on, for the [`Stamp`] of a file written in parts.
struct Hashed<W> {
    out: W,
    hasher: xxhash_rust::xxh3::Xxh3,
    len: u64,
}

impl<W: io::Write> Hashed<W> {
    fn new(out: W) -> Self {
        Self {
            out,
            hasher: xxhash_rust::xxh3::Xxh3::new(),
            len: 0,
        }
    }

    fn stamp(&self) -> Stamp {
        (self.len, self.hasher.digest())
    }
}

impl<W: io::Write> io::Write for Hashed<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Creates (or empties) the file at `path` below `root`, with its folders, clearing the
/// way when a file of the spare stands where a folder goes or a folder where the file
/// goes. What stands in the way is looked for only once creating has failed, so that
/// the common case costs no look at the folder.
fn create(root: &Path, path: &Path) -> io::Result<fs::File> {
    let parent = path.parent().unwrap_or(root);
    if fs::create_dir_all(parent).is_err() {
        let mut blocker = parent;
        while blocker.starts_with(root) && blocker != root {
            if blocker.is_file() {
                fs::remove_file(blocker)?;
                break;
            }
            blocker = blocker.parent().unwrap_or(root);
        }
        fs::create_dir_all(parent)?;
    }
    match fs::File::create(path) {
        Err(_) if path.is_dir() => {
            fs::remove_dir_all(path)?;
            fs::File::create(path)
        }
        created => created,
    }
}

/// Removes the file `rel` below `root` if it is still there, then the folders it leaves
/// empty.
fn remove_file_and_empty_parents(root: &Path, rel: &str) -> io::Result<()> {
    let path = root.join(rel);
    // A folder of this build may stand where the stale file was, or above it.
    if !fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
        return Ok(());
    }
    fs::remove_file(&path)?;
    let mut dir = path.parent();
    while let Some(d) = dir.filter(|d| *d != root && d.starts_with(root)) {
        if fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

/// Cleans up after builds that were killed: a staging folder becomes the spare (or is
/// removed if there is one), and an output folder caught between two renames (on systems
/// without an atomic exchange) is put back.
fn recover(parent: &Path, name: &str, output: &Path, spare: &Path) -> io::Result<()> {
    let prefixes = [format!(".{name}.building-"), format!(".{name}.previous-")];
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let ours = prefixes.iter().any(|p| {
            file_name
                .strip_prefix(p.as_str())
                .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        });
        if !ours {
            continue;
        }
        if file_name.starts_with(&prefixes[1]) && !output.exists() {
            fs::rename(entry.path(), output)?;
        } else if spare.exists() || fs::rename(entry.path(), spare).is_err() {
            fs::remove_dir_all(entry.path())?;
        }
    }
    Ok(())
}

/// Puts `staging` in the place of `output`; what was there becomes the spare.
fn swap(staging: &Path, output: &Path, spare: &Path) -> io::Result<()> {
    if !output.exists() {
        return fs::rename(staging, output);
    }
    exchange(staging, output)?;
    // `staging` now holds the previous output.
    if fs::rename(staging, spare).is_err() {
        fs::remove_dir_all(staging)?;
    }
    Ok(())
}

/// Swaps two paths in one step (Linux `renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| CString::new(p.as_os_str().as_bytes()).map_err(io::Error::other);
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths; the call only reads them.
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Swaps two paths with two renames; [`recover`] repairs a kill between them.
#[cfg(not(target_os = "linux"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    let parent = b.parent().unwrap_or(Path::new("."));
    let name = b
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let held = parent.join(format!(".{name}.previous-{}", std::process::id()));
    fs::rename(b, &held)?;
    if let Err(e) = fs::rename(a, b) {
        let _ = fs::rename(&held, b);
        return Err(e);
    }
    fs::rename(held, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn refuses_dangerous_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("pack");
        fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output(&root, &root)
            .unwrap_err()
            .contains("pack's folder"));
        assert!(check_output(&root, dir.path())
            .unwrap_err()
            .contains("ancestors"));
        assert!(check_output(&root, &root.join("content"))
            .unwrap_err()
            .contains("content/"));
        assert!(check_output(&root, &root.join("content/out"))
            .unwrap_err()
            .contains("content/"));
        assert!(check_output(&root, &root.join("themes"))
            .unwrap_err()
            .contains("themes/"));
        assert!(check_output(&root, Path::new("/")).is_err());
        assert!(check_output(&root, &root.join("x/../..")).is_err());
        let foreign = root.join("docs");
        fs::create_dir_all(&foreign).unwrap();
        fs::write(foreign.join("mine.txt"), "keep").unwrap();
        assert!(check_output(&root, &foreign)
            .unwrap_err()
            .contains("did not make"));
        assert!(check_output(&root, &root.join("output")).is_ok());
    }

    #[test]
    fn write_replaces_the_whole_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        write(&out, &[file("a/index.html", "1"), file("old.html", "x")]).unwrap();
        write(&out, &[file("a/index.html", "2")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "2");
        assert!(!out.join("old.html").exists());
        assert!(out.join(MARKER).is_file());
        let mut leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        leftovers.sort();
        assert_eq!(leftovers, [".output.spare", "output"]);
    }

    #[test]
    fn a_streamed_file_is_listed_like_a_put_one_and_rewritten_only_when_it_changed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let modified = || {
            fs::metadata(out.join("data/big.json"))
                .unwrap()
                .modified()
                .unwrap()
        };
        let mut first = None;
        // Four builds, so that the third and fourth take a spare that lists the file.
        for (n, text) in ["one", "one", "one", "two"].into_iter().enumerate() {
            if n > 0 {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            let staging = Staging::begin(&out).unwrap();
            let write = |w: &mut dyn io::Write| w.write_all(text.as_bytes());
            staging.put_stream("data/big.json", &write).unwrap();
            staging.commit().unwrap();
            assert_eq!(fs::read_to_string(out.join("data/big.json")).unwrap(), text);
            match n {
                0 => first = Some(modified()),
                // The first build's folder, unchanged: the file was not written again.
                2 => assert_eq!(Some(modified()), first, "rewritten though unchanged"),
                3 => assert_ne!(Some(modified()), first, "not rewritten though changed"),
                _ => {}
            }
            let (len, hash) = stamp(text.as_bytes());
            let listed = format!("{len} {hash:016x} data/big.json");
            let marker = fs::read_to_string(out.join(MARKER)).unwrap();
            assert!(marker.contains(&listed), "build {n}: {marker}");
        }
    }

    #[test]
    fn a_build_stopped_before_writing_gives_the_spare_back_with_its_list() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let spare_list = dir.path().join(".output.spare").join(MARKER);
        write(&out, &[file("a.html", "1")]).unwrap();
        write(&out, &[file("a.html", "1")]).unwrap();
        let listed = fs::read_to_string(&spare_list).unwrap();
        // A pack with errors: the spare is taken, nothing is written, the build stops.
        drop(Staging::begin(&out).unwrap());
        assert_eq!(fs::read_to_string(&spare_list).unwrap(), listed);
        // A build that wrote and then failed leaves no list, which could lie.
        let staging = Staging::begin(&out).unwrap();
        staging.put("a.html", b"2").unwrap();
        drop(staging);
        assert!(!spare_list.exists());
        assert!(dir.path().join(".output.spare/a.html").is_file());
    }

    #[test]
    fn each_build_holds_exactly_its_files_whatever_the_spare_held() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let builds = [
            vec![file("x/index.html", "1"), file("a/b/c.html", "deep")],
            vec![file("y", "2"), file("a/b/c.html", "deep")],
            vec![file("x", "a file where a folder was"), file("y", "2")],
            vec![file("y/index.html", "a folder where a file was")],
            vec![file("x/index.html", "1")],
        ];
        for (n, files) in builds.into_iter().enumerate() {
            if n == 3 {
                // As a killed build leaves it: no list of files in the spare.
                fs::remove_file(dir.path().join(".output.spare").join(MARKER)).unwrap();
            }
            write(&out, &files).unwrap();
            let mut expected: Vec<(String, String)> = files
                .iter()
                .map(|f| (f.path.clone(), String::from_utf8(f.bytes.clone()).unwrap()))
                .collect();
            expected.push((MARKER.into(), fs::read_to_string(out.join(MARKER)).unwrap()));
            expected.sort();
            let mut found: Vec<(String, String)> = walkdir::WalkDir::new(&out)
                .into_iter()
                .map(Result::unwrap)
                .filter(|e| e.file_type().is_file())
                .map(|e| {
                    let rel = e.path().strip_prefix(&out).unwrap();
                    let rel = rel.to_string_lossy().replace('\\', "/");
                    (rel, fs::read_to_string(e.path()).unwrap())
                })
                .collect();
            found.sort();
            assert_eq!(found, expected);
            let empty_dirs = walkdir::WalkDir::new(&out)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_dir())
                .filter(|e| fs::read_dir(e.path()).unwrap().next().is_none())
                .count();
            assert_eq!(empty_dirs, 0, "empty folders left in the output");
        }
    }
}
