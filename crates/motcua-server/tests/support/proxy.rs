//! A fault-injecting HTTP proxy for the sync tests: between a device and the ward server
//! on loopback, it drops requests, delays them, cuts answers mid-body, loses answers the
//! server did send, and sends requests twice, at random but reproducibly (seeded).

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    Pass,
    /// Closed before anything reaches the server.
    DropRequest,
    /// Waits, then passes.
    Delay,
    /// The server applied it; the device never hears back.
    DropAnswer,
    /// Half the answer, then the connection closes.
    CutAnswer,
    /// Sent to the server twice; the device gets the second answer.
    Duplicate,
}

const FAULTS: [Fault; 5] =
    [Fault::DropRequest, Fault::Delay, Fault::DropAnswer, Fault::CutAnswer, Fault::Duplicate];

pub struct Proxy {
    pub url: String,
    faults: Arc<AtomicU64>,
    on: Arc<Mutex<bool>>,
}

impl Proxy {
    /// Proxies to `upstream`; `fault_rate` of 1000 requests get one of the faults.
    pub fn start(upstream: SocketAddr, fault_rate: u64, seed: u64) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let faults = Arc::new(AtomicU64::new(0));
        let on = Arc::new(Mutex::new(true));
        let rng = Arc::new(Mutex::new(seed | 1));
        let (f, o) = (faults.clone(), on.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let (f, o, rng) = (f.clone(), o.clone(), rng.clone());
                std::thread::spawn(move || serve_connection(client, upstream, fault_rate, &rng, &f, &o));
            }
        });
        Proxy { url, faults, on }
    }

    pub fn faults(&self) -> u64 {
        self.faults.load(Ordering::Relaxed)
    }

    /// Stops injecting faults (for the final, clean sync).
    pub fn heal(&self) {
        *self.on.lock().unwrap() = false;
    }
}

fn next(rng: &Mutex<u64>) -> u64 {
    let mut x = rng.lock().unwrap();
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    *x
}

fn serve_connection(
    mut client: TcpStream,
    upstream: SocketAddr,
    rate: u64,
    rng: &Mutex<u64>,
    count: &AtomicU64,
    on: &Mutex<bool>,
) {
    // Keep-alive: one request after another on the device's connection.
    while let Some(request) = read_message(&mut client) {
        let fault = if *on.lock().unwrap() && next(rng) % 1000 < rate {
            count.fetch_add(1, Ordering::Relaxed);
            FAULTS[(next(rng) % FAULTS.len() as u64) as usize]
        } else {
            Fault::Pass
        };
        let answer = match fault {
            Fault::DropRequest => None,
            Fault::Delay => {
                std::thread::sleep(Duration::from_millis(20 + next(rng) % 80));
                forward(upstream, &request)
            }
            Fault::Duplicate => {
                let _ = forward(upstream, &request);
                forward(upstream, &request)
            }
            Fault::Pass | Fault::DropAnswer | Fault::CutAnswer => forward(upstream, &request),
        };
        let Some(answer) = answer else { break };
        match fault {
            Fault::DropAnswer => break,
            Fault::CutAnswer => {
                let _ = client.write_all(&answer[..answer.len() / 2]);
                break;
            }
            _ => {
                if client.write_all(&answer).is_err() {
                    break;
                }
            }
        }
    }
    let _ = client.shutdown(Shutdown::Both);
}

/// Sends `request` on a connection of its own and reads the whole answer.
fn forward(upstream: SocketAddr, request: &[u8]) -> Option<Vec<u8>> {
    let mut server = TcpStream::connect(upstream).ok()?;
    server.write_all(request).ok()?;
    read_message(&mut server)
}

/// One HTTP/1.1 message: headers, then `Content-Length` bytes of body.
fn read_message(stream: &mut TcpStream) -> Option<Vec<u8>> {
    stream.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    let mut buf = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    while buf.len() < head_end + length {
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    Some(buf)
}
