//! The `briefing` command line: `build` and `check`.

use briefing::diagnostics::{Report, Severity};
use briefing::BuildOptions;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "briefing",
    version,
    about = "Build a cross-linked briefing site from annotated Markdown notes"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced only when the build succeeds).
    Build {
        /// The pack: a folder with content/site.yaml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where the site goes [default: <root>/output].
        #[arg(long)]
        output: Option<PathBuf>,
        /// Overrides base_url of site.yaml, e.g. https://user.github.io/repo/.
        #[arg(long)]
        base_url: Option<String>,
        /// Include notes marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Validate the pack as `build` would, writing nothing; also report warnings.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Treat warnings as errors (for CI).
        #[arg(long)]
        strict: bool,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build {
            root,
            output,
            base_url,
            drafts,
        } => {
            let (summary, report) = briefing::build(&BuildOptions {
                root,
                output,
                base_url,
                drafts,
            });
            eprint!("{}", report.render());
            match summary {
                Some(summary) => {
                    println!("{summary}");
                    ExitCode::SUCCESS
                }
                None => {
                    eprintln!(
                        "\nbuild failed: {} error(s); the previous output is unchanged",
                        report.error_count()
                    );
                    ExitCode::FAILURE
                }
            }
        }
        Command::Check { root, strict } => {
            let mut report = briefing::check(&root);
            if strict {
                promote_warnings(&mut report);
            }
            eprint!("{}", report.render());
            let (errors, warnings) = (report.error_count(), report.warning_count());
            if errors > 0 {
                eprintln!("\ncheck failed: {errors} error(s), {warnings} warning(s)");
                ExitCode::FAILURE
            } else {
                println!("check passed: {warnings} warning(s)");
                ExitCode::SUCCESS
            }
        }
    }
}

fn promote_warnings(report: &mut Report) {
    for d in &mut report.items {
        d.severity = Severity::Error;
    }
}
