//! End-to-end load benchmark of the real `newsgraph` binary:
//!
//!     cargo run --release --example bench-load -- --count 10000
//!
//! 1. generates N articles (or reuses them) under the work directory;
//! 2. `newsgraph load` into a fresh store: articles/s, MB/s, triples/s,
//!    peak resident memory of that process (wait4 rusage);
//! 3. exports the store as N-Quads and bulk-loads the very same quads into
//!    a fresh store with Oxigraph's own bulk loader, in a child process of
//!    this example (so its time and memory are measured the same way),
//!    alternating with the runs of 2 so both see the same machine load;
//! 4. `newsgraph load` again on the unchanged corpus (reload);
//! 5. times the canned queries (`queries/*.rq`, `--format json` to
//!    /dev/null) and `bans.rq` restricted to one organisation.
//!
//! Every timing is repeated (`--runs`, `--query-runs`) and the median is
//! quoted; the machine's core count is printed with the results. Results
//! also go to `WORK/bench-load-N.json`.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

struct Args {
    count: u64,
    seed: u64,
    runs: usize,
    query_runs: usize,
    work: PathBuf,
    bin: Option<PathBuf>,
    load_args: Vec<String>,
    skip_oxigraph: bool,
    skip_queries: bool,
    skip_reload: bool,
    query_timeout: f64,
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: bench-load --count N [--seed S] [--runs R] [--query-runs Q] [--work DIR]\n\
         \x20                 [--bin PATH] [--load-arg ARG]... [--skip-oxigraph] [--skip-queries] [--skip-reload]\n\
         \x20                 [--query-timeout SECONDS]\n\
         defaults: --seed 1 --runs 3 --query-runs 5 --query-timeout 60 --work /tmp/newsgraph-bench"
    );
    ExitCode::from(2)
}

fn parse_args() -> Option<Args> {
    let mut a = Args {
        count: 0,
        seed: 1,
        runs: 3,
        query_runs: 5,
        work: PathBuf::from("/tmp/newsgraph-bench"),
        bin: None,
        load_args: Vec::new(),
        skip_oxigraph: false,
        skip_queries: false,
        skip_reload: false,
        query_timeout: 60.0,
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--count" | "-n" => a.count = it.next()?.replace('_', "").parse().ok()?,
            "--seed" => a.seed = it.next()?.parse().ok()?,
            "--runs" => a.runs = it.next()?.parse::<usize>().ok()?.max(1),
            "--query-runs" => a.query_runs = it.next()?.parse::<usize>().ok()?.max(1),
            "--work" => a.work = PathBuf::from(it.next()?),
            "--bin" => a.bin = Some(PathBuf::from(it.next()?)),
            "--load-arg" => a.load_args.push(it.next()?),
            "--skip-oxigraph" => a.skip_oxigraph = true,
            "--skip-queries" => a.skip_queries = true,
            "--skip-reload" => a.skip_reload = true,
            "--query-timeout" => a.query_timeout = it.next()?.parse().ok()?,
            _ => return None,
        }
    }
    (a.count > 0).then_some(a)
}

/// What one child process cost.
#[derive(Clone, Copy, Debug)]
struct Run {
    wall: Duration,
    /// user + system CPU seconds
    cpu: f64,
    max_rss_kb: u64,
    status: i32,
}

/// Runs `cmd` and measures it with wait4, returning its stderr.
fn measure(cmd: &mut Command, stdout: Stdio) -> std::io::Result<(Run, String)> {
    cmd.stdout(stdout)
        .stderr(Stdio::piped())
        .stdin(Stdio::null());
    let started = Instant::now();
    let mut child = cmd.spawn()?;
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        e.read_to_string(&mut stderr)?;
    }
    let mut status = 0i32;
    // SAFETY: rusage is plain data; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    if r < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // The child is reaped; don't let `Child` try again.
    std::mem::forget(child);
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    };
    Ok((
        Run {
            wall,
            cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
            max_rss_kb: usage.ru_maxrss as u64,
            status: code,
        },
        stderr,
    ))
}

fn median_f(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).expect("no NaN"));
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

struct Summary {
    wall: f64,
    cpu: f64,
    rss_mb: f64,
    walls: Vec<f64>,
}

fn summarise(runs: &[Run]) -> Summary {
    Summary {
        wall: median_f(runs.iter().map(|r| r.wall.as_secs_f64()).collect()),
        cpu: median_f(runs.iter().map(|r| r.cpu).collect()),
        rss_mb: runs.iter().map(|r| r.max_rss_kb).max().unwrap_or(0) as f64 / 1024.0,
        walls: runs.iter().map(|r| r.wall.as_secs_f64()).collect(),
    }
}

fn fmt_walls(w: &[f64]) -> String {
    w.iter()
        .map(|s| format!("{s:.2}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "12,345 triples in" → 12345, from the load summary line.
fn triples_of(stderr: &str) -> Option<u64> {
    let at = stderr.find(" triples in")?;
    let before = &stderr[..at];
    let start = before
        .rfind(|c: char| !(c.is_ascii_digit() || c == ','))
        .map_or(0, |i| i + 1);
    before[start..].replace(',', "").parse().ok()
}

fn rm(path: &Path) {
    if path.exists() {
        let _ = std::fs::remove_dir_all(path);
    }
}

fn dir_size(path: &Path) -> u64 {
    let mut total = 0;
    if let Ok(entries) = std::fs::read_dir(path) {
        for e in entries.flatten() {
            match e.metadata() {
                Ok(m) if m.is_dir() => total += dir_size(&e.path()),
                Ok(m) => total += m.len(),
                Err(_) => {}
            }
        }
    }
    total
}

/// Hidden mode: `bench-load --oxigraph-bulk-load FILE.nq DIR` bulk-loads
/// N-Quads into a fresh store with Oxigraph's own loader and prints the
/// number of quads.
fn oxigraph_bulk_load(nq: &Path, dir: &Path) -> ExitCode {
    use oxigraph::io::{RdfFormat, RdfParser};
    use oxigraph::store::Store;
    let run = || -> Result<usize, Box<dyn std::error::Error>> {
        let store = Store::open(dir)?;
        let mut loader = store.bulk_loader();
        loader.load_from_reader(
            RdfParser::from_format(RdfFormat::NQuads),
            BufReader::with_capacity(1 << 20, File::open(nq)?),
        )?;
        loader.commit()?;
        store.flush()?;
        let n = store.len()?;
        Ok(n)
    };
    match run() {
        Ok(n) => {
            eprintln!("{n} quads");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("oxigraph bulk load: {e}");
            ExitCode::FAILURE
        }
    }
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().collect();
    if argv.len() == 4 && argv[1] == "--oxigraph-bulk-load" {
        return oxigraph_bulk_load(Path::new(&argv[2]), Path::new(&argv[3]));
    }
    let Some(a) = parse_args() else {
        return usage();
    };
    match run(&a) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench-load: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(a: &Args) -> Result<(), Box<dyn std::error::Error>> {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(&a.work)?;
    let bin = match &a.bin {
        Some(b) => b.clone(),
        None => {
            // `cargo run --example` builds the library, not the binary.
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let ok = Command::new(cargo)
                .args(["build", "--release", "--quiet", "--bin", "newsgraph"])
                .current_dir(&manifest)
                .status()?
                .success();
            if !ok {
                return Err("cargo build --release --bin newsgraph failed".into());
            }
            manifest.join("target/release/newsgraph")
        }
    };
    let me = std::env::current_exe()?;
    let nproc = cores();

    // 1. Corpus.
    let corpus_dir = a.work.join(format!("corpus-s{}-n{}", a.seed, a.count));
    let marker = corpus_dir.join(".complete");
    if !marker.exists() {
        rm(&corpus_dir);
        let t = Instant::now();
        let bytes = corpus::write_corpus(&corpus_dir, a.count, a.seed)?;
        std::fs::write(&marker, format!("{} {bytes}\n", a.count))?;
        eprintln!(
            "generated {} articles ({:.1} MB) in {:.1} s",
            a.count,
            bytes as f64 / 1e6,
            t.elapsed().as_secs_f64()
        );
    }
    let file_bytes: u64 = std::fs::read_to_string(&marker)?
        .split_whitespace()
        .nth(1)
        .and_then(|b| b.parse().ok())
        .unwrap_or(0);
    println!(
        "bench-load: {} articles, {:.1} MB, seed {}, {} cores (nproc), runs {}, binary {}",
        a.count,
        file_bytes as f64 / 1e6,
        a.seed,
        nproc,
        a.runs,
        bin.display()
    );
    let store = a.work.join("store-newsgraph");
    let ng = |store: &Path| {
        let mut c = Command::new(&bin);
        c.arg("--store").arg(store);
        c
    };
    let mut json = String::new();
    let _ = write!(
        json,
        "{{\"count\":{},\"bytes\":{},\"cores\":{}",
        a.count, file_bytes, nproc
    );

    // 2. First load on a fresh store, and 4. the same quads through
    // Oxigraph's own bulk loader, interleaved run by run so that whatever
    // else the machine is doing weighs on both alike.
    let nq = a.work.join(format!("export-n{}.nq", a.count));
    let ox_store = a.work.join("store-oxigraph");
    let mut first = Vec::new();
    let mut ox = Vec::new();
    let mut pair_ratios = Vec::new();
    let mut triples = 0;
    let mut ox_quads = String::new();
    for i in 0..a.runs {
        rm(&store);
        let mut cmd = ng(&store);
        cmd.arg("load").args(&a.load_args).arg(&corpus_dir);
        let (run, err) = measure(&mut cmd, Stdio::null())?;
        if run.status != 0 {
            return Err(format!("newsgraph load exited with {}: {err}", run.status).into());
        }
        triples = triples_of(&err).unwrap_or(triples);
        eprintln!(
            "  load run {}: {:.2} s wall, {:.2} s CPU, {:.0} MB peak RSS",
            i + 1,
            run.wall.as_secs_f64(),
            run.cpu,
            run.max_rss_kb as f64 / 1024.0
        );
        first.push(run);
        if a.skip_oxigraph {
            continue;
        }
        if i == 0 {
            let mut cmd = ng(&store);
            cmd.arg("export")
                .arg("--format")
                .arg("nquads")
                .arg("--output")
                .arg(&nq);
            let (run, err) = measure(&mut cmd, Stdio::null())?;
            if run.status != 0 {
                return Err(format!("newsgraph export exited with {}: {err}", run.status).into());
            }
            let nq_bytes = std::fs::metadata(&nq)?.len();
            eprintln!(
                "  export N-Quads: {:.2} s, {:.0} MB",
                run.wall.as_secs_f64(),
                nq_bytes as f64 / 1e6
            );
        }
        rm(&ox_store);
        let mut cmd = Command::new(&me);
        cmd.arg("--oxigraph-bulk-load").arg(&nq).arg(&ox_store);
        let (orun, err) = measure(&mut cmd, Stdio::null())?;
        if orun.status != 0 {
            return Err(format!("oxigraph bulk load failed: {err}").into());
        }
        ox_quads = err.trim().to_owned();
        eprintln!(
            "  oxigraph run {}: {:.2} s wall, {:.2} s CPU, {:.0} MB peak RSS",
            i + 1,
            orun.wall.as_secs_f64(),
            orun.cpu,
            orun.max_rss_kb as f64 / 1024.0
        );
        pair_ratios.push(run.wall.as_secs_f64() / orun.wall.as_secs_f64());
        ox.push(orun);
        rm(&ox_store);
    }
    let _ = std::fs::remove_file(&nq);
    // The store of the last run stays for the reload and the queries.
    let load = summarise(&first);
    let store_bytes = dir_size(&store);
    println!(
        "load (fresh store)     {:>8.2} s  {:>8.0} articles/s  {:>6.2} MB/s  {:>9.0} triples/s  peak RSS {:.0} MB  CPU {:.1} s  store {:.0} MB  [{}]",
        load.wall,
        a.count as f64 / load.wall,
        file_bytes as f64 / 1e6 / load.wall,
        triples as f64 / load.wall,
        load.rss_mb,
        load.cpu,
        store_bytes as f64 / 1e6,
        fmt_walls(&load.walls)
    );
    let _ = write!(
        json,
        ",\"load\":{{\"wall_s\":{:.3},\"cpu_s\":{:.3},\"peak_rss_mb\":{:.1},\"triples\":{},\"walls\":[{}]}}",
        load.wall,
        load.cpu,
        load.rss_mb,
        triples,
        fmt_walls(&load.walls)
    );
    if !ox.is_empty() {
        let oxs = summarise(&ox);
        println!(
            "oxigraph bulk load     {:>8.2} s  {:>9.0} quads/s  peak RSS {:.0} MB  CPU {:.1} s  ({ox_quads})  [{}]",
            oxs.wall,
            triples as f64 / oxs.wall,
            oxs.rss_mb,
            oxs.cpu,
            fmt_walls(&oxs.walls)
        );
        let ratio = median_f(pair_ratios.clone());
        println!(
            "load / oxigraph bulk   {:>8.2}x wall, median of run pairs (target <= 1.3x); medians {:.2}x; CPU {:.2}x  [{}]",
            ratio,
            load.wall / oxs.wall,
            load.cpu / oxs.cpu,
            fmt_walls(&pair_ratios)
        );
        let _ = write!(
            json,
            ",\"oxigraph\":{{\"wall_s\":{:.3},\"cpu_s\":{:.3},\"peak_rss_mb\":{:.1},\"ratio\":{:.3}}}",
            oxs.wall, oxs.cpu, oxs.rss_mb, ratio
        );
    }

    // 3. Reload the unchanged corpus.
    if !a.skip_reload {
        let mut again = Vec::new();
        for _ in 0..a.runs {
            let mut cmd = ng(&store);
            cmd.arg("load").args(&a.load_args).arg(&corpus_dir);
            let (run, err) = measure(&mut cmd, Stdio::null())?;
            if run.status != 0 {
                return Err(format!("newsgraph reload exited with {}: {err}", run.status).into());
            }
            if !err.contains(&format!("{} unchanged", thousands(a.count))) {
                eprintln!(
                    "  warning: reload did not skip every article: {}",
                    err.trim()
                );
            }
            again.push(run);
        }
        let reload = summarise(&again);
        println!(
            "reload (unchanged)     {:>8.2} s  {:>8.0} articles/s  first/reload {:.1}x (target >= 20x)  peak RSS {:.0} MB  [{}]",
            reload.wall,
            a.count as f64 / reload.wall,
            load.wall / reload.wall,
            reload.rss_mb,
            fmt_walls(&reload.walls)
        );
        let _ = write!(
            json,
            ",\"reload\":{{\"wall_s\":{:.3},\"ratio\":{:.2},\"peak_rss_mb\":{:.1}}}",
            reload.wall,
            load.wall / reload.wall,
            reload.rss_mb
        );
    }

    // 5. Queries.
    if !a.skip_queries {
        let mut files: Vec<PathBuf> = std::fs::read_dir(manifest.join("queries"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "rq"))
            .collect();
        files.sort();
        // One organisation: the most frequent ban target.
        let pick = a.work.join("pick-target.rq");
        std::fs::write(
            &pick,
            "PREFIX ng: <https://w3id.org/newsgraph/ontology#>\n\
             SELECT ?target (COUNT(*) AS ?n) WHERE { ?ban a ng:Ban ; ng:targetOccurrence ?o . ?o ng:name ?target }\n\
             GROUP BY ?target ORDER BY DESC(?n) LIMIT 1\n",
        )?;
        let out = Command::new(&bin)
            .arg("--store")
            .arg(&store)
            .args(["query", "--format", "tsv"])
            .arg(&pick)
            .output()?;
        let tsv = String::from_utf8_lossy(&out.stdout);
        let target = tsv
            .lines()
            .nth(1)
            .and_then(|l| l.split('\t').next())
            .map(|t| t.trim().trim_matches('"').to_owned());
        if let Some(target) = &target {
            let bans = std::fs::read_to_string(manifest.join("queries/bans.rq"))?;
            let escaped = target.replace('\\', "\\\\").replace('"', "\\\"");
            let one = insert_values(&bans, &format!("  VALUES ?target {{ \"{escaped}\" }}"));
            let path = a.work.join("bans-one-organisation.rq");
            std::fs::write(&path, one)?;
            files.push(path);
            println!("one organisation: {target:?} (the most frequent ban target)");
        }
        let _ = write!(json, ",\"queries\":{{");
        let mut first_q = true;
        // Process start and store open alone, for reference.
        let mut timed: Vec<(String, Option<PathBuf>, String)> =
            vec![("(ASK {} baseline)".into(), None, "ASK {}".into())];
        for f in &files {
            let name = f
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            timed.push((name, Some(f.clone()), f.display().to_string()));
        }
        let timeout = a.query_timeout.to_string();
        for (name, _, query) in &timed {
            let counted = Command::new(&bin)
                .arg("--store")
                .arg(&store)
                .args(["query", "--timeout", &timeout, "--format", "tsv", query])
                .output()?;
            let rows = String::from_utf8_lossy(&counted.stdout)
                .lines()
                .count()
                .saturating_sub(1);
            if !counted.status.success() {
                let err = String::from_utf8_lossy(&counted.stderr);
                println!(
                    "query {name:<28} failed or timed out after {timeout} s: {}",
                    err.trim()
                );
                let _ = write!(
                    json,
                    "{}\"{}\":null",
                    if first_q { "" } else { "," },
                    name.replace('"', "")
                );
                first_q = false;
                continue;
            }
            let mut runs = Vec::new();
            let mut peak = 0u64;
            for _ in 0..a.query_runs {
                let mut cmd = ng(&store);
                cmd.args(["query", "--timeout", &timeout, "--format", "json", query]);
                let (run, err) = measure(&mut cmd, Stdio::null())?;
                if run.status != 0 {
                    eprintln!("  query {name} failed: {}", err.trim());
                }
                peak = peak.max(run.max_rss_kb);
                runs.push(run);
            }
            let s = summarise(&runs);
            println!(
                "query {name:<28} {:>8.1} ms  {rows:>8} rows  peak RSS {:>5.0} MB  [{}]",
                s.wall * 1e3,
                peak as f64 / 1024.0,
                runs.iter()
                    .map(|r| format!("{:.0}", r.wall.as_secs_f64() * 1e3))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let _ = write!(
                json,
                "{}\"{}\":{{\"ms\":{:.1},\"rows\":{rows}}}",
                if first_q { "" } else { "," },
                name.replace('"', ""),
                s.wall * 1e3
            );
            first_q = false;
        }
        json.push('}');
    }
    json.push_str("}\n");
    let out = a.work.join(format!("bench-load-{}.json", a.count));
    std::fs::write(&out, json)?;
    println!("results: {}", out.display());
    Ok(())
}

/// Adds `line` at the start of the outermost WHERE block.
/// Puts `line` first inside the query's `GRAPH ?article {` block (where
/// the planner starts from it), or else first in its `WHERE`.
fn insert_values(query: &str, line: &str) -> String {
    let block = ["GRAPH ?article {", "WHERE {"]
        .iter()
        .find_map(|b| query.find(b).map(|at| at + b.len()));
    match block {
        Some(after) => {
            format!("{}\n{line}{}", &query[..after], &query[after..])
        }
        None => query.to_owned(),
    }
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
