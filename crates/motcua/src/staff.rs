//! `motcua user` (staff accounts of an encrypted register) and `motcua audit`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::{Args, Subcommand, ValueEnum};
use motcua_core::access::Role;

use crate::output::open_existing;

#[derive(Args)]
pub struct UserArgs {
    #[command(subcommand)]
    command: UserCommand,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add an account (ward admin only); its password from MOTCUA_NEW_PASSWORD or asked for.
    Add {
        #[arg(long)]
        db: PathBuf,
        /// a-z, 0-9, `.`, `_`, `-`; 3 to 32 characters.
        #[arg(long)]
        login: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
    },
    /// List the accounts (ward admin only).
    List {
        #[arg(long)]
        db: PathBuf,
    },
    /// Disable an account and remove its key slot (ward admin only).
    Disable {
        #[arg(long)]
        db: PathBuf,
        #[arg(long)]
        login: String,
    },
    /// Change your own password (MOTCUA_NEW_PASSWORD or asked for).
    Passwd {
        #[arg(long)]
        db: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum RoleArg {
    DeskOfficer,
    MobileTeam,
    Supervisor,
    Trainer,
    WardAdmin,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::DeskOfficer => Role::DeskOfficer,
            RoleArg::MobileTeam => Role::MobileTeam,
            RoleArg::Supervisor => Role::Supervisor,
            RoleArg::Trainer => Role::Trainer,
            RoleArg::WardAdmin => Role::WardAdmin,
        }
    }
}

pub fn user(args: UserArgs) -> anyhow::Result<()> {
    match args.command {
        UserCommand::Add { db, login, name, role } => {
            let mut store = open_existing(&db)?;
            let password = new_password()?;
            store.add_officer(&login, &name, role.into(), &password)?;
            println!("added {login} ({})", Role::from(role).code());
        }
        UserCommand::List { db } => {
            let store = open_existing(&db)?;
            let mut out = std::io::stdout().lock();
            for a in store.officers()? {
                serde_json::to_writer(&mut out, &a)?;
                writeln!(out)?;
            }
        }
        UserCommand::Disable { db, login } => {
            open_existing(&db)?.disable_officer(&login)?;
            println!("disabled {login}");
        }
        UserCommand::Passwd { db } => {
            let mut store = open_existing(&db)?;
            let password = new_password()?;
            store.change_password(&password)?;
            println!("password changed for {}", store.officer().login);
        }
    }
    Ok(())
}

fn new_password() -> anyhow::Result<String> {
    if let Some(p) = std::env::var_os("MOTCUA_NEW_PASSWORD") {
        return p.into_string().map_err(|_| anyhow::anyhow!("MOTCUA_NEW_PASSWORD is not valid UTF-8"));
    }
    if !std::io::stdin().is_terminal() {
        bail!("set MOTCUA_NEW_PASSWORD, or run in a terminal to be asked for the new password");
    }
    let first = rpassword::prompt_password("Mật khẩu mới: ")?;
    let again = rpassword::prompt_password("Nhập lại mật khẩu mới: ")?;
    if first != again {
        bail!("the two passwords differ");
    }
    Ok(first)
}

#[derive(Args)]
pub struct AuditArgs {
    #[arg(long)]
    db: PathBuf,
    /// Only check the hash chain; exits with failure if it is broken.
    #[arg(long)]
    verify: bool,
    /// Entries after this sequence number.
    #[arg(long, default_value_t = 0)]
    after: i64,
}

pub fn audit(args: AuditArgs) -> anyhow::Result<()> {
    let store = open_existing(&args.db)?;
    let check = store.verify_audit().context("cannot read the audit log")?;
    if args.verify {
        return match check.broken_at {
            None => {
                println!("audit log intact: {} entries", check.entries);
                Ok(())
            }
            Some(b) => bail!(
                "audit log broken at entry {} ({:?}); the {} entries before it are intact",
                b.seq,
                b.reason,
                check.entries
            ),
        };
    }
    let mut out = std::io::stdout().lock();
    let mut after = args.after;
    loop {
        let page = store.audit_entries(after, 10_000)?;
        let Some(last) = page.last() else { break };
        after = last.seq;
        for e in &page {
            serde_json::to_writer(&mut out, e)?;
            writeln!(out)?;
        }
    }
    if let Some(b) = check.broken_at {
        bail!("audit log broken at entry {} ({:?})", b.seq, b.reason);
    }
    Ok(())
}
