//! MotCua's domain core: Vietnamese text, partial dates, ID numbers, administrative
//! units, the register store and search. No UI, no HTTP, no async runtime: the desktop
//! shell, the command-line tool and the ward server all call these same functions.

pub mod access;
pub mod address;
pub mod admin;
pub mod date;
pub mod detail;
pub mod folder;
pub mod idnum;
pub mod import;
pub mod phone;
pub mod photo;
pub mod procedures;
pub mod record;
pub mod review;
pub mod scans;
pub mod search;
pub mod sex;
pub mod store;
pub mod text;
pub mod workdays;
