//! A loopback test double of the CodePipeline JSON API (moto has no ListActionExecutions, and
//! its executions end the moment they start). It answers ListPipelineExecutions (newest first),
//! ListActionExecutions (with its pipelineExecutionId filter) and GetPipeline, dispatching on
//! the X-Amz-Target header, serves pages by nextToken, and answers ThrottlingException (HTTP
//! 400, the JSON error shape the SDK treats as throttling) or HTTP 500 on demand. It listens on
//! 127.0.0.1 on a free port and stops when dropped.
#![allow(dead_code)]

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;
use vsm::measure::{History, Timestamp};

/// What to answer instead of the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// HTTP 400 `{"__type": "ThrottlingException", ...}`.
    Throttle,
    /// HTTP 500.
    ServerError,
}

/// One request as received.
#[derive(Debug, Clone)]
pub struct Request {
    /// The operation, such as `ListPipelineExecutions`.
    pub operation: String,
    /// The JSON body.
    pub body: Value,
    /// What was answered: `200`, or the fault.
    pub answered: Result<(), Fault>,
}

struct State {
    pipeline: Value,
    executions: Vec<Value>,
    actions: Vec<Value>,
    page_size: usize,
    faults: VecDeque<(String, Fault)>,
    requests: Vec<Request>,
}

/// The server; stops when dropped.
pub struct Server {
    port: u16,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

fn seconds(t: Timestamp) -> f64 {
    t.micros() as f64 / 1e6
}

/// A history in the API's wire form: times as epoch seconds, executions newest first.
fn wire(history: &History) -> (Vec<Value>, Vec<Value>) {
    let mut executions: Vec<Value> = history
        .executions
        .iter()
        .rev()
        .map(|e| {
            let mut v = json!({
                "pipelineExecutionId": e.id,
                "status": e.status.as_str(),
                "startTime": seconds(e.start),
                "lastUpdateTime": seconds(e.last_update),
            });
            if let Some(t) = &e.trigger_type {
                v["trigger"] = json!({ "triggerType": t });
            }
            if let Some(t) = &e.execution_type {
                v["executionType"] = json!(t);
            }
            if !e.source_revisions.is_empty() {
                let revisions: Vec<Value> = e
                    .source_revisions
                    .iter()
                    .map(|r| json!({ "actionName": r.action, "revisionId": r.revision }))
                    .collect();
                v["sourceRevisions"] = json!(revisions);
            }
            v
        })
        .collect();
    executions.sort_by(|a, b| {
        b["startTime"]
            .as_f64()
            .partial_cmp(&a["startTime"].as_f64())
            .unwrap()
    });
    let actions = history
        .actions
        .iter()
        .map(|a| {
            json!({
                "pipelineExecutionId": a.pipeline_execution_id,
                "actionExecutionId": a.id,
                "stageName": a.stage,
                "actionName": a.action,
                "status": a.status.as_str(),
                "startTime": seconds(a.start),
                "lastUpdateTime": seconds(a.last_update),
            })
        })
        .collect();
    (executions, actions)
}

impl Server {
    /// Serves `history` for the pipeline `get_pipeline` declares (what `aws codepipeline
    /// get-pipeline` prints), `page_size` records a page.
    pub fn start(history: &History, get_pipeline: Value, page_size: usize) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port on 127.0.0.1");
        listener
            .set_nonblocking(true)
            .expect("a non-blocking listener");
        let port = listener.local_addr().expect("its address").port();
        let (executions, actions) = wire(history);
        let state = Arc::new(Mutex::new(State {
            pipeline: get_pipeline,
            executions,
            actions,
            page_size,
            faults: VecDeque::new(),
            requests: Vec::new(),
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (state, stop) = (state.clone(), stop.clone());
            std::thread::spawn(move || serve(&listener, &state, &stop))
        };
        Self {
            port,
            state,
            stop,
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Replaces the history served (executions come and change between runs).
    pub fn set_history(&self, history: &History) {
        let (executions, actions) = wire(history);
        let mut s = self.state.lock().unwrap();
        s.executions = executions;
        s.actions = actions;
    }

    /// The next `times` requests of `operation` get `fault`.
    pub fn fail(&self, operation: &str, fault: Fault, times: usize) {
        let mut s = self.state.lock().unwrap();
        for _ in 0..times {
            s.faults.push_back((operation.to_owned(), fault));
        }
    }

    /// Every request so far.
    pub fn requests(&self) -> Vec<Request> {
        self.state.lock().unwrap().requests.clone()
    }

    /// How many requests of `operation` there were.
    pub fn count(&self, operation: &str) -> usize {
        self.requests()
            .iter()
            .filter(|r| r.operation == operation)
            .count()
    }

    /// Forgets the requests so far.
    pub fn clear_requests(&self) {
        self.state.lock().unwrap().requests.clear();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Accepts connections until told to stop; one request per connection.
fn serve(listener: &TcpListener, state: &Mutex<State>, stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        match listener.accept() {
            Ok((stream, _)) => {
                let _ = handle(stream, state);
            }
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(_) => break,
        }
    }
}

fn handle(stream: TcpStream, state: &Mutex<State>) -> std::io::Result<()> {
    stream.set_nonblocking(false)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut target = String::new();
    let mut length = 0usize;
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            match name.trim().to_ascii_lowercase().as_str() {
                "x-amz-target" => target = value.trim().to_owned(),
                "content-length" => length = value.trim().parse().unwrap_or(0),
                _ => {}
            }
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let operation = target.rsplit('.').next().unwrap_or_default().to_owned();
    let (status, answer) = answer(state, &operation, body);
    respond(stream, status, &answer)
}

/// The status and body for one request, recorded.
fn answer(state: &Mutex<State>, operation: &str, body: Value) -> (u16, Value) {
    let mut s = state.lock().unwrap();
    let fault = match s.faults.front() {
        Some((op, f)) if op == operation => {
            let f = *f;
            s.faults.pop_front();
            Some(f)
        }
        _ => None,
    };
    s.requests.push(Request {
        operation: operation.to_owned(),
        body: body.clone(),
        answered: fault.map_or(Ok(()), Err),
    });
    match fault {
        Some(Fault::Throttle) => {
            return (
                400,
                json!({"__type": "ThrottlingException", "message": "Rate exceeded"}),
            )
        }
        Some(Fault::ServerError) => {
            return (
                500,
                json!({"__type": "InternalFailure", "message": "Internal failure"}),
            )
        }
        None => {}
    }
    let name = s.pipeline["pipeline"]["name"].clone();
    let asked = body.get("pipelineName").or_else(|| body.get("name"));
    if asked != Some(&name) {
        return (
            400,
            json!({"__type": "PipelineNotFoundException", "message": format!("Account does not have a pipeline with name '{}'", asked.and_then(Value::as_str).unwrap_or(""))}),
        );
    }
    match operation {
        "GetPipeline" => (200, s.pipeline.clone()),
        "ListPipelineExecutions" => (
            200,
            page(
                &s.executions,
                &body,
                s.page_size,
                "pipelineExecutionSummaries",
            ),
        ),
        "ListActionExecutions" => {
            let wanted = body["filter"]["pipelineExecutionId"].as_str();
            let items: Vec<Value> = s
                .actions
                .iter()
                .filter(|a| wanted.is_none_or(|id| a["pipelineExecutionId"] == id))
                .cloned()
                .collect();
            (
                200,
                page(&items, &body, s.page_size, "actionExecutionDetails"),
            )
        }
        _ => (
            400,
            json!({"__type": "UnknownOperationException", "message": operation}),
        ),
    }
}

/// The page that `nextToken` (`page-OFFSET`) points at.
fn page(items: &[Value], body: &Value, size: usize, key: &str) -> Value {
    let offset: usize = body["nextToken"]
        .as_str()
        .and_then(|t| t.strip_prefix("page-"))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let size = body["maxResults"]
        .as_u64()
        .map_or(size, |m| size.min(m as usize))
        .max(1);
    let end = (offset + size).min(items.len());
    let mut out = json!({ key: items.get(offset..end).unwrap_or_default() });
    if end < items.len() {
        out["nextToken"] = json!(format!("page-{end}"));
    }
    out
}

fn respond(mut stream: TcpStream, status: u16, body: &Value) -> std::io::Result<()> {
    let text = body.to_string();
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        _ => "Internal Server Error",
    };
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: application/x-amz-json-1.1\r\n\
         x-amzn-RequestId: 00000000-0000-4000-8000-000000000000\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{text}",
        text.len()
    )?;
    stream.flush()
}
