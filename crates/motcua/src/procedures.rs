//! `motcua procedure`: the procedure catalog (check a file, load it, list what is in
//! force), due days in working days, a register's applications, their printouts, and a
//! photo prepared as the app prepares an attachment.

use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDateTime;
use clap::{Args, Subcommand};
use motcua_core::procedures::{Catalog, CatalogError};
use motcua_core::store::{AppState, ApplicationFilter};
use motcua_core::workdays::Calendar;

use crate::output::open_existing;

#[derive(Args)]
pub struct ProcedureArgs {
    #[command(subcommand)]
    command: ProcedureCommand,
}

#[derive(Subcommand)]
enum ProcedureCommand {
    /// Check a catalog file against the schema; print every problem.
    Check { file: PathBuf },
    /// Load a newer catalog file into a register (ward admin).
    Load {
        #[arg(long)]
        db: PathBuf,
        file: PathBuf,
    },
    /// List the procedures in force (the register's catalog, or the shipped one).
    List {
        #[arg(long)]
        db: Option<PathBuf>,
    },
    /// The day a file counts as received and its due day, in working days (15:00 cut-off).
    Due {
        /// Local time received: `YYYY-MM-DD HH:MM`.
        #[arg(long)]
        received: String,
        #[arg(long)]
        days: u32,
        /// Use this register's calendar (with the years its ward set).
        #[arg(long)]
        db: Option<PathBuf>,
    },
    /// Set the ward's own days off for the years in a file (the shipped
    /// `ngay-nghi.toml` format: [[year]] with days_off and workdays); list the years
    /// given in full when no file is given.
    Holidays {
        #[arg(long)]
        db: PathBuf,
        file: Option<PathBuf>,
    },
    /// The register's applications, as JSON lines.
    Applications {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        overdue: bool,
        #[arg(long)]
        record: Option<String>,
        /// nhap, da_huong_dan, da_nop, dang_xu_ly, co_ket_qua, bi_tu_choi.
        #[arg(long)]
        state: Option<String>,
    },
    /// Print an application's guide or receipt to a PDF file.
    Print {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        id: String,
        /// The receipt instead of the step-by-step guide.
        #[arg(long)]
        receipt: bool,
        #[arg(long)]
        out: PathBuf,
    },
    /// Prepare a photo of a paper as an attachment is (orientation, ≤ 2000 px, ≤ 500 KB
    /// JPEG) and report its size and warnings.
    Photo { input: PathBuf, output: PathBuf },
}

pub fn run(args: ProcedureArgs) -> anyhow::Result<()> {
    match args.command {
        ProcedureCommand::Check { file } => {
            let c = parse(&read(&file)?)?;
            println!(
                "{}: valid catalog {} from {}, {} procedures",
                file.display(),
                c.version,
                c.effective_from,
                c.procedures.len()
            );
        }
        ProcedureCommand::Load { db, file } => {
            let mut store = open_existing(&db)?;
            let info = store.load_catalog(&read(&file)?).map_err(explain)?;
            println!(
                "loaded catalog {} ({} procedures, in force from {})",
                info.version, info.procedures, info.effective_from
            );
        }
        ProcedureCommand::List { db } => {
            let catalog = match db {
                Some(db) => open_existing(&db)?.catalog()?,
                None => Catalog::shipped(),
            };
            println!("catalog {} (from {})", catalog.version, catalog.effective_from);
            for p in catalog.in_force(chrono::Local::now().date_naive()) {
                let limit = match p.time_limit_days {
                    0 => "same day".to_string(),
                    n => format!("{n} working days"),
                };
                println!("{:<22} {:<16} {}", p.code, limit, p.name);
            }
        }
        ProcedureCommand::Due { received, days, db } => {
            let at = NaiveDateTime::parse_from_str(&received, "%Y-%m-%d %H:%M")
                .with_context(|| format!("--received {received}: expected YYYY-MM-DD HH:MM"))?;
            let calendar = match db {
                Some(db) => open_existing(&db)?.calendar()?,
                None => Calendar::default(),
            };
            println!(
                "received {}  counts from {}  due {}",
                at,
                calendar.received_on(at),
                calendar.due_date(at, days)
            );
        }
        ProcedureCommand::Holidays { db, file } => {
            let mut store = open_existing(&db)?;
            if let Some(file) = file {
                for year in motcua_core::workdays::years_from_toml(&read(&file)?)? {
                    let y = year.year;
                    store.set_holiday_year(year)?;
                    println!("set the days off of {y}");
                }
            }
            let calendar = store.calendar()?;
            for y in calendar.known_years() {
                let own = if store.holiday_year_set(y)? { "set by the ward" } else { "shipped" };
                println!("{y}: {own}");
            }
        }
        ProcedureCommand::Applications { db, overdue, record, state } => {
            let state = match state.as_deref() {
                Some(s) => {
                    Some(AppState::from_code(s).with_context(|| format!("--state {s}: unknown state"))?)
                }
                None => None,
            };
            let store = open_existing(&db)?;
            let filter = ApplicationFilter { ma_ban_ghi: record, state, overdue_only: overdue, limit: None };
            for a in store.applications(&filter)? {
                println!("{}", serde_json::to_string(&a)?);
            }
        }
        ProcedureCommand::Print { db, id, receipt, out } => {
            let mut store = open_existing(&db)?;
            let pdf = if receipt { store.print_receipt(&id)? } else { store.print_guide(&id)? };
            std::fs::write(&out, &pdf).with_context(|| format!("cannot write {}", out.display()))?;
            println!("wrote {} ({} bytes)", out.display(), pdf.len());
        }
        ProcedureCommand::Photo { input, output } => {
            let bytes = std::fs::read(&input).with_context(|| format!("cannot read {}", input.display()))?;
            let p = motcua_core::photo::prepare(&bytes)?;
            std::fs::write(&output, &p.jpeg).with_context(|| format!("cannot write {}", output.display()))?;
            println!("{}: {}x{} px, {} bytes", output.display(), p.width, p.height, p.jpeg.len());
            for w in &p.warnings {
                println!("warning {}: {}", w.code(), w.message());
            }
        }
    }
    Ok(())
}

fn read(file: &PathBuf) -> anyhow::Result<String> {
    std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))
}

fn parse(text: &str) -> anyhow::Result<Catalog> {
    Catalog::parse(text).map_err(|e| explain(e.into()))
}

/// Every reason on its own line, so an admin fixes them all in one go.
fn explain(e: motcua_core::store::StoreError) -> anyhow::Error {
    match e {
        motcua_core::store::StoreError::Catalog(CatalogError::Invalid(reasons)) => {
            anyhow::anyhow!("the catalog is invalid:\n  - {}", reasons.join("\n  - "))
        }
        other => other.into(),
    }
}
