//! A fault-injecting HTTP proxy on 127.0.0.1: it forwards each request to a local upstream
//! server (moto), or answers it with a fault chosen per API action.
//!
//! Each connection carries one request: the proxy answers with `Connection: close`, so that a
//! fault on one request never touches the next. A request's action is the `Action=` of its form
//! body (CloudFormation's query protocol), or `s3:METHOD` for anything else.

use std::collections::{HashMap, VecDeque};
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};

/// What the proxy does to a request instead of forwarding it plainly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// HTTP 400 with CloudFormation's `Throttling` error (the request never reaches the server).
    Throttle,
    /// HTTP 500 `InternalFailure` (the request never reaches the server).
    Internal,
    /// HTTP 503 `ServiceUnavailable` (the request never reaches the server).
    Unavailable,
    /// The connection is reset before the request reaches the server.
    ResetBefore,
    /// The request reaches the server; the connection is reset instead of its answer.
    ResetAfter,
    /// The request reaches the server; its answer is held until the client hangs up, so it is
    /// slower than any attempt timeout.
    Slow,
    /// The request is held before it reaches the server until [`FaultProxy::release`].
    HoldBefore,
    /// The request reaches the server; its answer is held until [`FaultProxy::release`].
    HoldAfter,
}

/// The longest the proxy holds anything, so that no test can hang on it.
const HOLD_LIMIT: Duration = Duration::from_secs(60);

#[derive(Default)]
struct State {
    /// Faults for the next requests of an action, in order.
    next: HashMap<String, VecDeque<Fault>>,
    /// A fault for every request of an action.
    always: HashMap<String, Fault>,
    /// Every request: its action and the fault it met.
    log: Vec<(String, Option<Fault>)>,
    /// Actions of requests held now.
    held: Vec<String>,
    /// Actions released (each release lets every held request of the action go).
    released: HashMap<String, u64>,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    upstream: u16,
    stop: AtomicBool,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The proxy; it stops when dropped.
pub struct FaultProxy {
    /// The port it listens on.
    pub port: u16,
    shared: Arc<Shared>,
}

impl FaultProxy {
    /// Starts a proxy in front of `127.0.0.1:upstream`.
    pub fn start(upstream: u16) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port for the proxy");
        let port = listener.local_addr().expect("its address").port();
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
            upstream,
            stop: AtomicBool::new(false),
        });
        let accepting = Arc::clone(&shared);
        thread::spawn(move || {
            for stream in listener.incoming() {
                if accepting.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let shared = Arc::clone(&accepting);
                thread::spawn(move || serve(&shared, stream));
            }
        });
        Self { port, shared }
    }

    /// The URL to give as `--endpoint-url`.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The next requests of `action` meet these faults, one each, in order.
    pub fn fail(&self, action: &str, faults: &[Fault]) {
        self.shared
            .lock()
            .next
            .entry(action.to_owned())
            .or_default()
            .extend(faults);
    }

    /// Every request of `action` meets `fault`.
    pub fn always(&self, action: &str, fault: Fault) {
        self.shared.lock().always.insert(action.to_owned(), fault);
    }

    /// No more faults; the log is kept.
    pub fn clear(&self) {
        let mut state = self.shared.lock();
        state.next.clear();
        state.always.clear();
    }

    /// Every request so far: action and fault.
    pub fn log(&self) -> Vec<(String, Option<Fault>)> {
        self.shared.lock().log.clone()
    }

    /// How many requests of `action` came, and how many of them met a fault.
    pub fn count(&self, action: &str) -> (usize, usize) {
        let state = self.shared.lock();
        let of: Vec<_> = state.log.iter().filter(|(a, _)| a == action).collect();
        (of.len(), of.iter().filter(|(_, f)| f.is_some()).count())
    }

    /// Waits until a request of `action` is held; false after `timeout`.
    pub fn wait_for_hold(&self, action: &str, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut state = self.shared.lock();
        while !state.held.iter().any(|a| a == action) {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            state = self
                .shared
                .changed
                .wait_timeout(state, left)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        true
    }

    /// Lets the held requests of `action` go on.
    pub fn release(&self, action: &str) {
        *self
            .shared
            .lock()
            .released
            .entry(action.to_owned())
            .or_default() += 1;
        self.shared.changed.notify_all();
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        self.shared.changed.notify_all();
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// One HTTP request: its head and body.
struct Request {
    head: String,
    body: Vec<u8>,
}

impl Request {
    fn action(&self) -> String {
        let body = String::from_utf8_lossy(&self.body);
        body.split('&')
            .find_map(|pair| pair.strip_prefix("Action="))
            .map(str::to_owned)
            .unwrap_or_else(|| {
                let method = self.head.split(' ').next().unwrap_or("?");
                format!("s3:{method}")
            })
    }
}

/// Reads one request (its body framed by `Content-Length`); `None` when the client is gone.
fn read_request(stream: &mut TcpStream) -> Option<Request> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(i) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        let n = stream.read(&mut chunk).ok().filter(|n| *n > 0)?;
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let length = header(&head, "content-length")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).ok().filter(|n| *n > 0)?;
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Request { head, body })
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then_some(value.trim())
    })
}

/// The head without its `Connection` header, with `Connection: close` instead.
fn closing(head: &str) -> String {
    let mut out = String::new();
    for line in head.trim_end().split("\r\n") {
        let key = line.split(':').next().unwrap_or("").trim();
        if key.eq_ignore_ascii_case("connection") || key.eq_ignore_ascii_case("keep-alive") {
            continue;
        }
        out.push_str(line);
        out.push_str("\r\n");
    }
    out.push_str("Connection: close\r\n\r\n");
    out
}

/// Handles one connection: one request.
fn serve(shared: &Shared, mut client: TcpStream) {
    let Some(request) = read_request(&mut client) else {
        return;
    };
    let action = request.action();
    let fault = {
        let mut state = shared.lock();
        let fault = state
            .next
            .get_mut(&action)
            .and_then(VecDeque::pop_front)
            .or_else(|| state.always.get(&action).copied());
        state.log.push((action.clone(), fault));
        fault
    };
    match fault {
        None => {
            if let Some(answer) = forward(shared.upstream, &request) {
                let _ = client.write_all(&answer);
            }
        }
        Some(Fault::Throttle) => answer_error(&mut client, 400, "Sender", "Throttling"),
        Some(Fault::Internal) => answer_error(&mut client, 500, "Receiver", "InternalFailure"),
        Some(Fault::Unavailable) => {
            answer_error(&mut client, 503, "Receiver", "ServiceUnavailable")
        }
        Some(Fault::ResetBefore) => return reset(client),
        Some(Fault::ResetAfter) => {
            let _ = forward(shared.upstream, &request);
            return reset(client);
        }
        Some(Fault::Slow) => {
            let answer = forward(shared.upstream, &request);
            hold(shared, &client, None);
            if let Some(answer) = answer {
                let _ = client.write_all(&answer);
            }
        }
        Some(Fault::HoldBefore) => {
            hold(shared, &client, Some(&action));
            if let Some(answer) = forward(shared.upstream, &request) {
                let _ = client.write_all(&answer);
            }
        }
        Some(Fault::HoldAfter) => {
            let answer = forward(shared.upstream, &request);
            hold(shared, &client, Some(&action));
            if let Some(answer) = answer {
                let _ = client.write_all(&answer);
            }
        }
    }
    let _ = client.shutdown(Shutdown::Both);
}

/// Sends the request to the upstream server; its whole answer, marked `Connection: close`.
fn forward(upstream: u16, request: &Request) -> Option<Vec<u8>> {
    let mut server = TcpStream::connect(("127.0.0.1", upstream)).ok()?;
    server.set_read_timeout(Some(HOLD_LIMIT)).ok()?;
    server.write_all(closing(&request.head).as_bytes()).ok()?;
    server.write_all(&request.body).ok()?;
    let mut answer = Vec::new();
    server.read_to_end(&mut answer).ok()?;
    let head_end = answer.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
    let head = String::from_utf8_lossy(&answer[..head_end]).into_owned();
    let mut out = closing(&head).into_bytes();
    out.extend_from_slice(&answer[head_end..]);
    Some(out)
}

/// Answers with a CloudFormation (query protocol) error.
fn answer_error(client: &mut TcpStream, status: u16, kind: &str, code: &str) {
    let body = format!(
        "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error>\
         <Type>{kind}</Type><Code>{code}</Code><Message>injected fault: {code}</Message></Error>\
         <RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>"
    );
    let reason = match status {
        400 => "Bad Request",
        500 => "Internal Server Error",
        _ => "Service Unavailable",
    };
    let _ = write!(
        client,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: text/xml\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
}

/// Closes the connection with a TCP reset.
fn reset(client: TcpStream) {
    let _ = socket2::SockRef::from(&client).set_linger(Some(Duration::ZERO));
    drop(client);
}

/// Holds until the action is released (never, for `None`), the client hangs up, the proxy
/// stops, or [`HOLD_LIMIT`] passes.
fn hold(shared: &Shared, client: &TcpStream, action: Option<&str>) {
    let deadline = Instant::now() + HOLD_LIMIT;
    let mut state = shared.lock();
    let start = action.map(|a| state.released.get(a).copied().unwrap_or(0));
    if let Some(a) = action {
        state.held.push(a.to_owned());
        shared.changed.notify_all();
    }
    loop {
        let released = match (action, start) {
            (Some(a), Some(n)) => state.released.get(a).copied().unwrap_or(0) > n,
            _ => false,
        };
        if released
            || shared.stop.load(Ordering::SeqCst)
            || Instant::now() > deadline
            || hung_up(client)
        {
            break;
        }
        state = shared
            .changed
            .wait_timeout(state, Duration::from_millis(20))
            .unwrap_or_else(|e| e.into_inner())
            .0;
    }
    if let Some(a) = action {
        if let Some(i) = state.held.iter().position(|h| h == a) {
            state.held.remove(i);
        }
    }
}

/// True when the client has closed its end of the connection.
fn hung_up(client: &TcpStream) -> bool {
    if client.set_nonblocking(true).is_err() {
        return true;
    }
    let mut byte = [0u8; 1];
    let gone = match client.peek(&mut byte) {
        Ok(0) => true,
        Ok(_) => false,
        Err(e) => e.kind() != ErrorKind::WouldBlock,
    };
    let _ = client.set_nonblocking(false);
    gone
}
