//! `motcua search`, `motcua show` and `motcua edit`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use motcua_core::store::FieldEdit;

use crate::output::open_existing;

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Jsonl,
}

#[derive(Args)]
pub struct SearchArgs {
    #[arg(long)]
    db: PathBuf,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// Name words (diacritics optional), a date, an ID/CMND/phone number, a household
    /// number, or a scanned chip-card QR payload.
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
}

pub fn run(args: SearchArgs) -> anyhow::Result<()> {
    let store = open_existing(&args.db)?;
    let results = store.search(&args.query.join(" "), args.limit)?;
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Jsonl => {
            for hit in &results.hits {
                serde_json::to_writer(&mut out, hit)?;
                writeln!(out)?;
            }
        }
        Format::Text => {
            for hit in &results.hits {
                writeln!(
                    out,
                    "{:<9} {:<28} {:<10} {:<12} {:<9} {:.2}",
                    hit.ma_ban_ghi,
                    hit.ho_ten,
                    hit.ngay_sinh.as_deref().unwrap_or("—"),
                    hit.so_dinh_danh.as_deref().unwrap_or("—"),
                    hit.so_ho_so_cu_tru.as_deref().unwrap_or("—"),
                    hit.score
                )?;
            }
            let more = if results.capped { "at least " } else { "" };
            writeln!(out, "{} of {more}{} matches", results.hits.len(), results.total)?;
        }
    }
    Ok(())
}

#[derive(Args)]
pub struct ShowArgs {
    #[arg(long)]
    db: PathBuf,
    /// The record id (ma_ban_ghi).
    id: String,
}

pub fn show(args: ShowArgs) -> anyhow::Result<()> {
    let store = open_existing(&args.db)?;
    let detail = store.person_detail(&args.id)?;
    println!("{}", serde_json::to_string_pretty(&detail)?);
    Ok(())
}

#[derive(Args)]
pub struct EditArgs {
    #[arg(long)]
    db: PathBuf,
    /// The record id (ma_ban_ghi).
    #[arg(long)]
    record: String,
    /// The column to change, as the interchange format names it (e.g. ngay_sinh).
    #[arg(long)]
    field: String,
    /// The new cell text; omit with --clear to empty the cell.
    #[arg(long, required_unless_present = "clear", conflicts_with = "clear")]
    value: Option<String>,
    #[arg(long)]
    clear: bool,
    /// The record's version the change was decided on (`show` prints it); refused if it
    /// has changed since. Default: the current one.
    #[arg(long)]
    base_version: Option<i64>,
}

/// `motcua edit`: one field of one record, queued for the ward server.
pub fn edit(args: EditArgs) -> anyhow::Result<()> {
    let mut store = open_existing(&args.db)?;
    let base_version = match args.base_version {
        Some(v) => v,
        None => store.person_detail(&args.record)?.version,
    };
    let edit = FieldEdit { ma_ban_ghi: args.record, field: args.field, value: args.value, base_version };
    println!("{}", serde_json::to_string(&store.edit_field(&edit)?)?);
    Ok(())
}
