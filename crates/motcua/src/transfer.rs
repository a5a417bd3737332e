//! `motcua import` and `motcua export`: register extracts in and out.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use motcua_core::import::{FileKind, FileProgress, import_file};

use crate::output::open_existing;

#[derive(Args)]
pub struct ImportArgs {
    /// The register to import into; created if missing (then --ward is required).
    #[arg(long)]
    db: PathBuf,
    /// The ward of a new register (2025 commune code, e.g. 00004).
    #[arg(long)]
    ward: Option<String>,
    /// The extract: CSV in the register interchange format, or an .xlsx workbook with the
    /// same columns on its first sheet.
    file: PathBuf,
    /// Also print the time taken and the peak memory of the process.
    #[arg(long)]
    stats: bool,
}

pub fn import(args: ImportArgs) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    // A workbook is read cell by cell from a zip: progress is counted in rows there.
    let bar = match FileKind::of(&args.file) {
        FileKind::Xlsx => {
            let bar = ProgressBar::new_spinner();
            bar.set_style(ProgressStyle::with_template("importing {spinner} {msg}").expect("valid template"));
            bar
        }
        FileKind::Csv => {
            let bar = ProgressBar::new(0);
            bar.set_style(
                ProgressStyle::with_template("importing [{bar:40}] {bytes}/{total_bytes} {msg}")
                    .expect("valid template")
                    .progress_chars("=> "),
            );
            bar
        }
    };
    let mut on_progress = |p: FileProgress| {
        match p.total_bytes {
            Some(total) => {
                bar.set_length(total);
                bar.set_position(p.bytes);
            }
            None => bar.tick(),
        }
        bar.set_message(format!("{} rows", p.rows));
    };
    let key = crate::output::key_for(&args.db)?;
    let report = import_file(&args.db, args.ward.as_deref(), key.as_ref(), &args.file, &mut on_progress)
        .with_context(|| format!("cannot import {}", args.file.display()))?;
    bar.finish_and_clear();
    println!(
        "{} rows: {} new, {} updated, {} unchanged, {} rejected",
        report.rows,
        report.inserted,
        report.updated,
        report.unchanged,
        report.errors.len()
    );
    for e in &report.errors {
        println!(
            "dòng {}{}: {}",
            e.line,
            e.ma_ban_ghi.as_deref().map(|m| format!(" ({m})")).unwrap_or_default(),
            e.problem
        );
    }
    if args.stats {
        println!("time: {:.2} s", started.elapsed().as_secs_f64());
        println!("{}", peak_memory_line());
    }
    Ok(())
}

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long)]
    db: PathBuf,
    /// Where to write the extract: CSV, or an Excel workbook when the name ends in .xlsx.
    #[arg(long)]
    out: PathBuf,
}

pub fn export(args: ExportArgs) -> anyhow::Result<()> {
    let store = open_existing(&args.db)?;
    let n =
        store.export_file(&args.out).with_context(|| format!("cannot export to {}", args.out.display()))?;
    eprintln!("{n} records -> {}", args.out.display());
    Ok(())
}

/// `peak memory: … MB`, the line the benches read.
pub fn peak_memory_line() -> String {
    match peak_memory_mb() {
        Some(mb) => format!("peak memory: {mb:.1} MB"),
        None => "peak memory: unknown (no /proc/self/status)".into(),
    }
}

/// The process's peak resident memory (VmHWM), where Linux reports it.
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches(" kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}
