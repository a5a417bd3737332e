//! `motcua`: the command-line face of MotCua. Thin: it parses arguments and calls the
//! same core functions the desktop app and the ward server use.

mod bench;
mod demo;
mod output;
mod procedures;
mod report;
mod review;
mod search;
mod staff;
mod sync;
mod transfer;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

// Imports allocate every cell on a reading thread and free it on the writing one;
// glibc's allocator spends a fifth of an import on that hand-over, mimalloc little.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "motcua",
    version,
    about = "MotCua: the ward one-stop shop's register tools",
    after_help = "Encrypted registers: set MOTCUA_USER (default admin) and MOTCUA_PASSWORD (a new register \
                  is then created encrypted, that login its ward admin), or run in a terminal to be asked \
                  for the password. What each role may do is checked in the core; every search, view, \
                  import and export is written to the register's audit log."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a synthetic demo ward (for training; it never syncs).
    Demo(demo::DemoArgs),
    /// Import a register extract (CSV or .xlsx); a newer extract updates records, keeping history.
    Import(transfer::ImportArgs),
    /// Export the register as a CSV or .xlsx extract, original text as it arrived.
    Export(transfer::ExportArgs),
    /// Search the register the way the desk's search box does.
    Search(search::SearchArgs),
    /// Print one citizen's record with their household, as JSON.
    Show(search::ShowArgs),
    /// Change one field of a record (kept in its history, audited, queued for the ward server).
    Edit(search::EditArgs),
    /// Resolve free-text addresses to 2025 units (legacy ones with their successors), as JSON lines.
    Address {
        /// One address per argument; quote each.
        #[arg(required = true)]
        addresses: Vec<String>,
    },
    /// Guided procedures: check or load a catalog, list procedures, due days, applications, printouts.
    Procedure(procedures::ProcedureArgs),
    /// The progress report of a date range (daily, weekly, any), as XLSX or PDF.
    Report(report::ReportArgs),
    /// The progress figures of a date range as one JSON object, as the dashboard shows them.
    Figures(report::FiguresArgs),
    /// Online-share targets (a supervisor's): set one with --percent, or list them.
    Target(report::TargetArgs),
    /// Review the register: find problems, bring the worklist up to date, print the findings.
    Review(review::ReviewArgs),
    /// The review worklist: list findings, decide them, merge duplicates, progress per group.
    Worklist(review::WorklistArgs),
    /// Measure search latency and recall (against an FTS5 baseline), and import rate.
    Bench(bench::BenchArgs),
    /// Staff accounts of an encrypted register: add, list, disable, change your password.
    User(staff::UserArgs),
    /// Print the audit log as JSON lines, or check its hash chain (--verify).
    Audit(staff::AuditArgs),
    /// Run the ward server over a ward's register (HTTP; devices sync with it).
    Serve(sync::ServeArgs),
    /// The ward server's devices: add (prints an enrollment code), list, revoke.
    Device(sync::DeviceArgs),
    /// Enroll this device with the ward server and pull the ward into a new register.
    Enroll(sync::EnrollArgs),
    /// Push this device's queued edits to the ward server and pull what changed.
    Sync(sync::SyncArgs),
    /// Print a SHA-256 digest of the register's whole content.
    Digest {
        #[arg(long)]
        db: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Demo(args) => demo::run(args),
        Command::Import(args) => transfer::import(args),
        Command::Export(args) => transfer::export(args),
        Command::Search(args) => search::run(args),
        Command::Show(args) => search::show(args),
        Command::Edit(args) => search::edit(args),
        Command::Procedure(args) => procedures::run(args),
        Command::Report(args) => report::run(args),
        Command::Figures(args) => report::figures(args),
        Command::Target(args) => report::target(args),
        Command::Review(args) => review::review(args),
        Command::Worklist(args) => review::worklist(args),
        Command::Bench(args) => bench::run(args),
        Command::Address { addresses } => output::addresses(&addresses),
        Command::Digest { db } => output::digest(&db),
        Command::User(args) => staff::user(args),
        Command::Audit(args) => staff::audit(args),
        Command::Serve(args) => sync::serve(args),
        Command::Device(args) => sync::device(args),
        Command::Enroll(args) => sync::enroll(args),
        Command::Sync(args) => sync::sync(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("motcua: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
