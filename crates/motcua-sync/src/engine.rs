//! The device's sync engine: a state machine with no I/O of its own.
//!
//! The driver feeds it events (time passed, the outbox grew, a request came back) and
//! carries out the actions it answers with (push the pending operations, pull from a
//! cursor, wipe the register, sleep until). Time is milliseconds the driver supplies,
//! and jitter comes from a seed it supplies, so every decision is testable without a
//! clock or a network. A cycle pushes everything pending, uploads the audit log, new
//! attachments and applications, then pulls until the server has nothing more; a failure backs off, doubling with jitter,
//! and retries the cycle.

/// Why a request did not get an answer the engine can use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// No connection, a timeout, a cut body, a 5xx: try again later.
    Transient(String),
    /// The token is unknown: the device must be enrolled (again). Nothing is retried.
    Unauthorized,
    /// The ward admin revoked this device: its local data must go.
    Revoked,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// Time passed (a timer fired, or the driver looked).
    Tick,
    /// The officer pressed "Đồng bộ ngay", or the server became reachable.
    SyncNow,
    /// The outbox now holds `pending` operations.
    OutboxChanged { pending: usize },
    /// A push came back; the driver has recorded the answers, and `pending` remain.
    Pushed { result: Result<(), Failure>, pending: usize },
    /// An upload of audit entries came back; `more` entries wait on the device.
    AuditPushed { result: Result<(), Failure>, more: bool },
    /// The device's new attachments went up (each resumed where the server left off).
    AttachmentsPushed { result: Result<(), Failure> },
    /// A pull came back and was applied; `more` pages wait on the server.
    Pulled { result: Result<(), Failure>, more: bool },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Send up to this many pending operations.
    Push { max: usize },
    /// Upload the audit entries the server does not hold yet.
    PushAudit,
    /// Upload the attachments, then the applications (rows and new events), the server
    /// does not hold yet.
    PushAttachments,
    /// Ask for the changes after the device's cursor.
    Pull,
    /// Remove the register and its files: the device was revoked.
    Wipe,
    /// Nothing to do before this time (ms).
    SleepUntil(u64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Idle,
    Pushing,
    Auditing,
    Uploading,
    Pulling,
    /// Waiting to retry after a failure.
    BackingOff,
    /// Enrollment needed: the server does not know this device's token.
    Unenrolled,
    /// Revoked and wiped; nothing more happens.
    Revoked,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub phase: Phase,
    pub pending: usize,
    /// When the last full cycle (push and pull) ended, ms.
    pub last_sync: Option<u64>,
    pub next_attempt: Option<u64>,
    pub last_error: Option<String>,
    pub failures: u32,
}

#[derive(Debug, Clone)]
pub struct Config {
    /// Between cycles when all is well.
    pub interval_ms: u64,
    pub first_backoff_ms: u64,
    pub max_backoff_ms: u64,
    pub batch: usize,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            interval_ms: 60_000,
            first_backoff_ms: 1_000,
            max_backoff_ms: 5 * 60_000,
            batch: crate::wire::MAX_OPS_PER_PUSH,
        }
    }
}

pub struct Engine {
    config: Config,
    phase: Phase,
    pending: usize,
    last_sync: Option<u64>,
    next_attempt: Option<u64>,
    last_error: Option<String>,
    failures: u32,
    rng: u64,
}

impl Engine {
    /// An engine whose first cycle is due at once. `seed` drives the backoff jitter.
    pub fn new(config: Config, pending: usize, seed: u64) -> Engine {
        Engine {
            config,
            phase: Phase::Idle,
            pending,
            last_sync: None,
            next_attempt: Some(0),
            last_error: None,
            failures: 0,
            rng: seed | 1,
        }
    }

    pub fn status(&self) -> Status {
        Status {
            phase: self.phase,
            pending: self.pending,
            last_sync: self.last_sync,
            next_attempt: self.next_attempt,
            last_error: self.last_error.clone(),
            failures: self.failures,
        }
    }

    /// What to do after `event` at `now` (ms). An empty list: wait for the next event.
    pub fn handle(&mut self, now: u64, event: Event) -> Vec<Action> {
        if matches!(self.phase, Phase::Revoked) {
            return Vec::new();
        }
        match event {
            Event::OutboxChanged { pending } => {
                self.pending = pending;
                // A new edit goes out at once, unless a failure is being waited out.
                match self.phase {
                    Phase::Idle if pending > 0 => self.start_cycle(),
                    _ => Vec::new(),
                }
            }
            Event::SyncNow => match self.phase {
                Phase::Idle | Phase::BackingOff | Phase::Unenrolled => self.start_cycle(),
                Phase::Pushing | Phase::Auditing | Phase::Uploading | Phase::Pulling | Phase::Revoked => {
                    Vec::new()
                }
            },
            Event::Tick => match (self.phase, self.next_attempt) {
                (Phase::Idle | Phase::BackingOff, Some(at)) if now >= at => self.start_cycle(),
                (Phase::Idle | Phase::BackingOff, Some(at)) => vec![Action::SleepUntil(at)],
                _ => Vec::new(),
            },
            Event::Pushed { result, pending } => {
                if self.phase != Phase::Pushing {
                    return Vec::new();
                }
                self.pending = pending;
                match result {
                    Ok(()) if pending > 0 => vec![Action::Push { max: self.config.batch }],
                    Ok(()) => {
                        self.phase = Phase::Auditing;
                        vec![Action::PushAudit]
                    }
                    Err(f) => self.failed(now, f),
                }
            }
            Event::AuditPushed { result, more } => {
                if self.phase != Phase::Auditing {
                    return Vec::new();
                }
                match result {
                    Ok(()) if more => vec![Action::PushAudit],
                    Ok(()) => {
                        self.phase = Phase::Uploading;
                        vec![Action::PushAttachments]
                    }
                    Err(f) => self.failed(now, f),
                }
            }
            Event::AttachmentsPushed { result } => {
                if self.phase != Phase::Uploading {
                    return Vec::new();
                }
                match result {
                    Ok(()) => {
                        self.phase = Phase::Pulling;
                        vec![Action::Pull]
                    }
                    Err(f) => self.failed(now, f),
                }
            }
            Event::Pulled { result, more } => {
                if self.phase != Phase::Pulling {
                    return Vec::new();
                }
                match result {
                    Ok(()) if more => vec![Action::Pull],
                    Ok(()) => {
                        self.phase = Phase::Idle;
                        self.failures = 0;
                        self.last_error = None;
                        self.last_sync = Some(now);
                        let at = now + self.config.interval_ms;
                        self.next_attempt = Some(at);
                        vec![Action::SleepUntil(at)]
                    }
                    Err(f) => self.failed(now, f),
                }
            }
        }
    }

    fn start_cycle(&mut self) -> Vec<Action> {
        self.next_attempt = None;
        if self.pending > 0 {
            self.phase = Phase::Pushing;
            vec![Action::Push { max: self.config.batch }]
        } else {
            self.phase = Phase::Auditing;
            vec![Action::PushAudit]
        }
    }

    fn failed(&mut self, now: u64, failure: Failure) -> Vec<Action> {
        match failure {
            Failure::Revoked => {
                self.phase = Phase::Revoked;
                self.next_attempt = None;
                self.last_error = Some("thiết bị đã bị thu hồi".into());
                vec![Action::Wipe]
            }
            Failure::Unauthorized => {
                self.phase = Phase::Unenrolled;
                self.next_attempt = None;
                self.last_error = Some("thiết bị chưa được đăng ký với máy chủ".into());
                Vec::new()
            }
            Failure::Transient(why) => {
                self.failures += 1;
                self.phase = Phase::BackingOff;
                self.last_error = Some(why);
                let at = now + self.backoff();
                self.next_attempt = Some(at);
                vec![Action::SleepUntil(at)]
            }
        }
    }

    /// Doubling from the first delay up to the longest, then a random half to whole of
    /// it, so devices that lost the server together do not return together.
    fn backoff(&mut self) -> u64 {
        let doubled = self.config.first_backoff_ms.saturating_mul(1 << (self.failures - 1).min(20));
        let cap = doubled.min(self.config.max_backoff_ms);
        // xorshift64: enough to spread retries.
        self.rng ^= self.rng << 13;
        self.rng ^= self.rng >> 7;
        self.rng ^= self.rng << 17;
        cap / 2 + self.rng % (cap / 2 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine(pending: usize) -> Engine {
        Engine::new(
            Config { interval_ms: 60_000, first_backoff_ms: 1_000, max_backoff_ms: 16_000, batch: 2 },
            pending,
            7,
        )
    }

    #[test]
    fn a_cycle_pushes_every_batch_then_pulls_every_page() {
        let mut e = engine(3);
        assert_eq!(e.handle(0, Event::Tick), [Action::Push { max: 2 }]);
        assert_eq!(e.handle(10, Event::Pushed { result: Ok(()), pending: 1 }), [Action::Push { max: 2 }]);
        assert_eq!(e.handle(20, Event::Pushed { result: Ok(()), pending: 0 }), [Action::PushAudit]);
        assert_eq!(e.handle(25, Event::AuditPushed { result: Ok(()), more: true }), [Action::PushAudit]);
        assert_eq!(
            e.handle(26, Event::AuditPushed { result: Ok(()), more: false }),
            [Action::PushAttachments]
        );
        assert_eq!(e.handle(27, Event::AttachmentsPushed { result: Ok(()) }), [Action::Pull]);
        assert_eq!(e.handle(30, Event::Pulled { result: Ok(()), more: true }), [Action::Pull]);
        assert_eq!(e.handle(40, Event::Pulled { result: Ok(()), more: false }), [Action::SleepUntil(60_040)]);
        let s = e.status();
        assert_eq!((s.phase, s.pending, s.last_sync), (Phase::Idle, 0, Some(40)));
        // The timer brings the next cycle; with nothing pending it uploads and pulls.
        assert_eq!(e.handle(50_000, Event::Tick), [Action::SleepUntil(60_040)]);
        assert_eq!(e.handle(60_040, Event::Tick), [Action::PushAudit]);
    }

    #[test]
    fn a_new_edit_goes_out_at_once_but_not_during_a_cycle() {
        let mut e = engine(0);
        e.handle(0, Event::Tick);
        assert!(
            e.handle(5, Event::OutboxChanged { pending: 1 }).is_empty(),
            "mid-cycle: picked up next cycle"
        );
        e.handle(8, Event::AuditPushed { result: Ok(()), more: false });
        e.handle(9, Event::AttachmentsPushed { result: Ok(()) });
        e.handle(10, Event::Pulled { result: Ok(()), more: false });
        assert_eq!(e.handle(11, Event::OutboxChanged { pending: 2 }), [Action::Push { max: 2 }]);
    }

    #[test]
    fn failures_back_off_doubling_with_jitter_up_to_the_cap_and_reset_on_success() {
        let mut e = engine(1);
        e.handle(0, Event::Tick);
        let mut now = 0;
        let mut waits = Vec::new();
        for _ in 0..8 {
            let [Action::SleepUntil(at)] = e
                .handle(now, Event::Pushed { result: Err(Failure::Transient("cut".into())), pending: 1 })[..]
            else {
                panic!("a failure waits")
            };
            waits.push(at - now);
            now = at;
            assert_eq!(e.handle(now, Event::Tick), [Action::Push { max: 2 }], "retried when due");
        }
        for (i, w) in waits.iter().enumerate() {
            let cap = (1_000u64 << i).min(16_000);
            assert!((cap / 2..=cap).contains(w), "wait {i} was {w} ms, cap {cap}");
        }
        assert_eq!(e.status().failures, 8);
        assert_eq!(e.status().last_error.as_deref(), Some("cut"));
        e.handle(now, Event::Pushed { result: Ok(()), pending: 0 });
        e.handle(now, Event::AuditPushed { result: Ok(()), more: false });
        e.handle(now, Event::AttachmentsPushed { result: Ok(()) });
        e.handle(now, Event::Pulled { result: Ok(()), more: false });
        assert_eq!((e.status().failures, e.status().last_error), (0, None));
    }

    #[test]
    fn sync_now_skips_the_wait_and_two_devices_do_not_wait_alike() {
        let mut e = engine(1);
        e.handle(0, Event::Tick);
        e.handle(0, Event::Pushed { result: Err(Failure::Transient("down".into())), pending: 1 });
        assert_eq!(e.handle(1, Event::SyncNow), [Action::Push { max: 2 }]);
        let wait = |seed| {
            let mut e = Engine::new(
                Config { first_backoff_ms: 60_000, max_backoff_ms: 60_000, ..Config::default() },
                1,
                seed,
            );
            e.handle(0, Event::Tick);
            e.handle(0, Event::Pushed { result: Err(Failure::Transient("down".into())), pending: 1 })
        };
        assert_ne!(wait(1), wait(2));
    }

    #[test]
    fn a_revoked_device_wipes_once_and_an_unknown_one_stops_until_enrolled() {
        let mut e = engine(0);
        e.handle(0, Event::Tick);
        assert_eq!(
            e.handle(1, Event::AuditPushed { result: Err(Failure::Revoked), more: false }),
            [Action::Wipe]
        );
        assert!(e.handle(2, Event::SyncNow).is_empty());
        assert!(e.handle(3, Event::Tick).is_empty());
        assert_eq!(e.status().phase, Phase::Revoked);

        let mut e = engine(1);
        e.handle(0, Event::Tick);
        assert!(e.handle(1, Event::Pushed { result: Err(Failure::Unauthorized), pending: 1 }).is_empty());
        assert!(e.handle(1_000_000, Event::Tick).is_empty(), "no retrying a refused token");
        assert_eq!(e.status().phase, Phase::Unenrolled);
        assert_eq!(e.handle(1_000_001, Event::SyncNow), [Action::Push { max: 2 }], "after enrolling again");
    }

    #[test]
    fn late_or_stray_answers_change_nothing() {
        let mut e = engine(0);
        assert!(e.handle(0, Event::Pushed { result: Ok(()), pending: 0 }).is_empty());
        assert!(e.handle(0, Event::Pulled { result: Ok(()), more: false }).is_empty());
        assert_eq!(e.status().phase, Phase::Idle);
    }
}
