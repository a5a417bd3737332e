//! Sync between a device and the ward server. `wire` is the protocol both sides speak;
//! `engine` decides what a device does next, with no I/O; `client` is the HTTP driver
//! that carries the engine's actions out on the device's register.

pub mod client;
pub mod engine;
pub mod tls;
pub mod wire;
