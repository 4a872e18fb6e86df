//! Stage 5, write: puts the rendered files in the output folder so that the folder only
//! ever holds a complete build. Files go to a temporary folder beside it, which then
//! takes its place; a failed or interrupted build leaves the previous output as it was.
//! Refuses output folders where replacing would destroy the user's work.

use crate::render::OutputFile;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

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
/// Linux); dropped without a commit, it is removed and the output stays as it was, and a
/// build killed at any moment leaves the output as it was too.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    committed: bool,
}

impl Staging {
    /// Cleans up after killed builds and makes an empty staging folder for `output`.
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
        recover(&parent, &name, output)?;
        let dir = parent.join(format!(".{name}.building-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir_all(&dir)?;
        Ok(Self {
            dir,
            output: output.to_path_buf(),
            committed: false,
        })
    }

    /// Writes one file (path below the output folder, `/`-separated).
    pub fn put(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.dir.join(path);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p)?;
        }
        fs::write(path, bytes)
    }

    /// Marks the folder as briefing's and puts it in the place of the output.
    pub fn commit(mut self) -> io::Result<()> {
        fs::write(
            self.dir.join(MARKER),
            "This folder is made by `briefing build` and replaced whole on every build.\n",
        )?;
        swap(&self.dir, &self.output)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Cleans up after builds that were killed: their staging folders are removed, and an
/// output folder caught between two renames (on systems without an atomic exchange) is
/// put back.
fn recover(parent: &Path, name: &str, output: &Path) -> io::Result<()> {
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
        } else {
            fs::remove_dir_all(entry.path())?;
        }
    }
    Ok(())
}

/// Puts `staging` in the place of `output`, then removes what was there.
fn swap(staging: &Path, output: &Path) -> io::Result<()> {
    if !output.exists() {
        return fs::rename(staging, output);
    }
    exchange(staging, output)?;
    // `staging` now holds the previous output.
    fs::remove_dir_all(staging)
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
        let file = |p: &str, b: &str| OutputFile {
            path: p.into(),
            bytes: b.as_bytes().to_vec(),
        };
        write(&out, &[file("a/index.html", "1"), file("old.html", "x")]).unwrap();
        write(&out, &[file("a/index.html", "2")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "2");
        assert!(!out.join("old.html").exists());
        assert!(out.join(MARKER).is_file());
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["output"]);
    }
}
