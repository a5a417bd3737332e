//! `motcua review` (find problems, bring the worklist up to date, print the findings)
//! and `motcua worklist` (list, decide, merge, progress, deadlines).

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, bail};
use clap::{Args, Subcommand, ValueEnum};
use motcua_core::review::{Kind, to_json_lines};
use motcua_core::store::{Decision, FindingState, WorklistFilter};

use crate::output::open_existing;
use crate::transfer::peak_memory_line;

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Jsonl,
    Csv,
    Xlsx,
}

#[derive(Args)]
pub struct ReviewArgs {
    #[arg(long)]
    db: PathBuf,
    /// jsonl: the findings of this run, one JSON object a line (register-csv.md); csv and
    /// xlsx: the worklist for officers, with states, owners and deadlines.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Where to write; standard output when omitted (jsonl only).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Review only this record and the records around it (after an edit).
    #[arg(long)]
    record: Option<String>,
    /// Print the time taken and the peak memory (to standard error).
    #[arg(long)]
    stats: bool,
}

pub fn review(args: ReviewArgs) -> anyhow::Result<()> {
    let mut store = open_existing(&args.db)?;
    let started = Instant::now();
    let (run, findings) = match &args.record {
        Some(r) => store.review_record(r)?,
        None => store.run_review()?,
    };
    let took = started.elapsed();
    match (args.format, &args.out) {
        (Format::Jsonl, None) => std::io::stdout().lock().write_all(to_json_lines(&findings).as_bytes())?,
        (Format::Jsonl, Some(out)) => std::fs::write(out, to_json_lines(&findings))
            .with_context(|| format!("cannot write {}", out.display()))?,
        (_, None) => bail!("--format csv or xlsx needs --out FILE"),
        (format, Some(out)) => {
            let wants_xlsx = matches!(format, Format::Xlsx);
            let is_xlsx = out.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
            if wants_xlsx != is_xlsx {
                bail!(
                    "--out must end in .{} for --format {}",
                    if wants_xlsx { "xlsx" } else { "csv" },
                    if wants_xlsx { "xlsx" } else { "csv" }
                );
            }
            store
                .export_worklist(out, &WorklistFilter::default())
                .with_context(|| format!("cannot write {}", out.display()))?;
        }
    }
    eprintln!(
        "{} records reviewed: {} findings, {} new, {} closed as no longer found",
        run.records, run.findings, run.opened, run.closed
    );
    if args.stats {
        eprintln!("review: {:.1} ms", took.as_secs_f64() * 1000.0);
        eprintln!("{}", peak_memory_line());
    }
    Ok(())
}

#[derive(Args)]
pub struct WorklistArgs {
    #[arg(long)]
    db: PathBuf,
    #[command(subcommand)]
    command: WorklistCommand,
}

#[derive(Subcommand)]
enum WorklistCommand {
    /// The findings, as JSON lines, oldest open first.
    List {
        /// A finding kind code (e.g. duplicate).
        #[arg(long)]
        kind: Option<String>,
        /// A residential group, as written in to_dan_pho.
        #[arg(long)]
        group: Option<String>,
        /// A state: moi, dang_xu_ly, da_sua, khong_phai_loi, chuyen_cap_tren.
        #[arg(long)]
        state: Option<String>,
        #[arg(long)]
        open: bool,
        #[arg(long)]
        overdue: bool,
        /// Findings that name this record.
        #[arg(long)]
        record: Option<String>,
    },
    /// Decide a finding: take, fixed, not-error, escalate, delay (a reason for lateness), reopen.
    Decide {
        id: i64,
        #[arg(value_parser = ["take", "fixed", "not-error", "escalate", "delay", "reopen"])]
        decision: String,
        #[arg(long)]
        reason: Option<String>,
    },
    /// Propose merging a duplicate finding's records into one (a supervisor approves).
    Merge {
        finding: i64,
        /// The record to keep.
        #[arg(long)]
        keep: String,
        /// A value to take from a merged record: FIELD=RECORD (repeatable).
        #[arg(long)]
        take: Vec<String>,
    },
    /// Approve a proposed merge (supervisor).
    Approve { merge: i64 },
    /// Turn a proposed merge down (supervisor).
    Reject {
        merge: i64,
        #[arg(long)]
        reason: String,
    },
    /// Undo an approved merge (supervisor).
    Undo { merge: i64 },
    /// Progress per residential group, as JSON lines.
    Progress,
    /// Set the working days allowed for a kind of finding (supervisor).
    Deadline { kind: String, days: u32 },
}

fn kind(code: &str) -> anyhow::Result<Kind> {
    Kind::from_code(code).with_context(|| format!("unknown finding kind {code}"))
}

pub fn worklist(args: WorklistArgs) -> anyhow::Result<()> {
    let mut store = open_existing(&args.db)?;
    let print = |v: &dyn erased::Json| println!("{}", v.json());
    match args.command {
        WorklistCommand::List { kind: k, group, state, open, overdue, record } => {
            let state = match state {
                Some(s) => Some(FindingState::from_code(&s).with_context(|| format!("unknown state {s}"))?),
                None => None,
            };
            let filter = WorklistFilter {
                kind: k.as_deref().map(kind).transpose()?,
                group,
                state,
                open_only: open,
                overdue_only: overdue,
                record,
                ..Default::default()
            };
            for item in store.worklist(&filter)? {
                print(&item);
            }
        }
        WorklistCommand::Decide { id, decision, reason } => {
            let need = || reason.clone().with_context(|| format!("{decision} needs --reason"));
            let d = match decision.as_str() {
                "take" => Decision::Take,
                "fixed" => Decision::Fixed { note: reason.clone() },
                "not-error" => Decision::NotAnError { reason: need()? },
                "escalate" => Decision::Escalate { reason: need()? },
                "delay" => Decision::ExplainDelay { reason: need()? },
                _ => Decision::Reopen,
            };
            print(&store.decide_finding(id, &d)?);
        }
        WorklistCommand::Merge { finding, keep, take } => {
            let mut pairs = Vec::new();
            for t in take {
                let (field, from) =
                    t.split_once('=').with_context(|| format!("--take {t}: write FIELD=RECORD"))?;
                pairs.push((field.to_string(), from.to_string()));
            }
            print(&store.request_merge(finding, &keep, &pairs)?);
        }
        WorklistCommand::Approve { merge } => print(&store.approve_merge(merge)?),
        WorklistCommand::Reject { merge, reason } => print(&store.reject_merge(merge, &reason)?),
        WorklistCommand::Undo { merge } => print(&store.undo_merge(merge)?),
        WorklistCommand::Progress => {
            for p in store.review_progress()? {
                print(&p);
            }
        }
        WorklistCommand::Deadline { kind: k, days } => {
            store.set_deadline(kind(&k)?, days)?;
            eprintln!("{k}: {days} working days");
        }
    }
    Ok(())
}

/// One JSON line of any printed value, without a generic closure per type.
mod erased {
    pub trait Json {
        fn json(&self) -> String;
    }

    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).expect("printed values serialize")
        }
    }
}
