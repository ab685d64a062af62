//! `newsgraph load`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use newsgraph::article::{ReadError, ReadOptions};
use newsgraph::date::PartialDate;
use newsgraph::lang::Lang;
use newsgraph::load::{self, LoadOptions, LoadReport, Observer, Progress};
use newsgraph::output::progress::ProgressLine;
use newsgraph::store::{Access, WriteOptions};

use super::args::{Cli, LangArg, LoadArgs, ReadArgs};
use super::{Failure, exit, open_store, stderr_is_terminal, thousands, vocabulary};

pub fn run(cli: &Cli, args: &LoadArgs) -> Result<u8, Failure> {
    let vocab = vocabulary(cli)?;
    let (lang, published, read) = read_options(&args.read)?;
    let options = LoadOptions {
        lang,
        published,
        read,
        write: WriteOptions {
            threads: args.jobs,
            memory_mb: args.memory,
        },
        jobs: args.jobs.unwrap_or(LoadOptions::default().jobs),
        batch_quads: args.batch.max(1),
        force: args.force,
    };
    // A model that does not fit is refused before the store is touched.
    let pipeline = super::pipeline(cli, &vocab)?;
    let stop = interrupt_flag();
    let store = open_store(cli, Access::Write)?;
    let terminal = Terminal::new(!cli.quiet && stderr_is_terminal(), cli.quiet);
    let report = load::load(
        &store,
        &args.paths,
        &pipeline,
        &vocab,
        &options,
        &terminal,
        &stop,
    )?;
    store.flush()?;
    terminal.progress.clear();
    let compacted = if args.compact && !report.interrupted {
        let started = std::time::Instant::now();
        store.compact()?;
        format!(
            "; store compacted in {:.2} s",
            started.elapsed().as_secs_f64()
        )
    } else {
        String::new()
    };
    if !cli.quiet {
        eprintln!("{}{compacted}", summary(&report));
    }
    Ok(if report.interrupted {
        exit::INTERRUPTED
    } else if report.failed > 0 {
        exit::PARTIAL
    } else {
        exit::OK
    })
}

/// Reading options shared by `load` and `extract`.
pub fn read_options(
    args: &ReadArgs,
) -> Result<(Option<Lang>, Option<PartialDate>, ReadOptions), Failure> {
    let lang = match args.lang {
        LangArg::Auto => None,
        LangArg::De => Some(Lang::De),
        LangArg::En => Some(Lang::En),
    };
    let published = match &args.published {
        None => None,
        Some(text) => Some(PartialDate::parse_iso(text).ok_or_else(|| {
            Failure::new(
                exit::USAGE,
                format!("--published `{text}` is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
            )
        })?),
    };
    let read = ReadOptions {
        max_article_bytes: usize::try_from(args.max_article_size.saturating_mul(1024 * 1024))
            .unwrap_or(usize::MAX),
    };
    Ok((lang, published, read))
}

/// Set by the first Ctrl-C; a second one exits at once (the store stays
/// consistent either way: every batch is committed atomically).
fn interrupt_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let handler_flag = Arc::clone(&flag);
    let installed = ctrlc::set_handler(move || {
        if handler_flag.swap(true, Ordering::SeqCst) {
            std::process::exit(i32::from(exit::INTERRUPTED));
        }
        eprintln!("\nnewsgraph: stopping after the current batch (Ctrl-C again to quit now)");
    });
    if let Err(e) = installed {
        eprintln!("newsgraph: warning: Ctrl-C will not stop cleanly: {e}");
    }
    flag
}

fn summary(r: &LoadReport) -> String {
    let seconds = r.elapsed.as_secs_f64();
    let f = &r.facts;
    let mut line = format!(
        "{} articles loaded, {} replaced, {} unchanged, {} failed; {} triples in {:.2} s; facts: {} organisations, {} regulators, {} bans, {} employee counts, {} dates",
        thousands(r.loaded),
        thousands(r.replaced),
        thousands(r.skipped),
        thousands(r.failed),
        thousands(r.quads),
        seconds,
        thousands(f.organisations),
        thousands(f.regulators),
        thousands(f.bans),
        thousands(f.employee_counts),
        thousands(f.dates),
    );
    if r.interrupted {
        line.push_str(&format!(
            " (interrupted: {} articles stored)",
            thousands(r.loaded + r.replaced)
        ));
    }
    line
}

/// Errors and warnings on stderr, one line each, with the progress line
/// redrawn below them.
struct Terminal {
    progress: ProgressLine,
    show_progress: bool,
    quiet: bool,
    lock: Mutex<()>,
}

impl Terminal {
    fn new(show_progress: bool, quiet: bool) -> Self {
        Self {
            progress: ProgressLine::default(),
            show_progress,
            quiet,
            lock: Mutex::new(()),
        }
    }

    fn line(&self, text: &str) {
        let _guard = self.lock.lock();
        self.progress.clear();
        eprintln!("{text}");
    }
}

impl Observer for Terminal {
    fn error(&self, error: &ReadError) {
        self.line(&format!("newsgraph: error: {error}"));
    }

    fn warning(&self, source: &str, message: &str) {
        if !self.quiet {
            self.line(&format!("newsgraph: warning: {source}: {message}"));
        }
    }

    fn progress(&self, done: &Progress) {
        if self.show_progress && done.elapsed.as_secs_f64() > 1.0 {
            let _guard = self.lock.lock();
            self.progress.draw(done);
        }
    }
}
