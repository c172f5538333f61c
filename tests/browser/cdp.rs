//! A minimal client of the Chrome DevTools protocol over the browser's
//! loopback websocket: start headless Chromium, open a page, collect console
//! errors, exceptions and requests, query the DOM, take screenshots.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use serde_json::{json, Value};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// How long any one step may take before the test fails.
const STEP: Duration = Duration::from_secs(60);

/// A headless Chromium with its DevTools connection; killed on drop.
pub struct Browser {
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    _profile: tempfile::TempDir,
}

/// What happened while a page loaded.
#[derive(Debug, Default)]
pub struct PageLog {
    /// Console errors, uncaught exceptions and error log entries (CSP
    /// violations among them).
    pub errors: Vec<String>,
    /// Every URL the page asked for, the page itself included.
    pub requests: Vec<String>,
}

/// An open tab.
pub struct Tab {
    session: String,
    target: Value,
    pub log: PageLog,
}

impl Browser {
    /// Starts `binary` headless with a fresh profile and connects to it.
    pub fn start(binary: &Path) -> Browser {
        let profile = tempfile::tempdir().expect("profile folder");
        let mut child = Command::new(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--mute-audio",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
        let stderr = child.stderr.take().expect("stderr is piped");
        let (tx, rx) = std::sync::mpsc::channel();
        // Chromium prints the websocket address on stderr; the rest of its
        // stderr is drained so that it never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("DevTools listening on ") {
                    let _ = tx.send(url.trim().to_string());
                }
            }
        });
        let url = match rx.recv_timeout(STEP) {
            Ok(url) => url,
            Err(_) => {
                let _ = child.kill();
                panic!("Chromium did not open its DevTools port within {STEP:?}");
            }
        };
        assert!(
            url.starts_with("ws://127.0.0.1:"),
            "DevTools must listen on the loopback address, got {url}"
        );
        let (socket, _) = tungstenite::connect(url.as_str()).expect("DevTools websocket");
        if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
            stream
                .set_read_timeout(Some(Duration::from_millis(500)))
                .expect("read timeout");
        }
        Browser {
            child,
            socket,
            next_id: 0,
            _profile: profile,
        }
    }

    /// Sends a command (to a tab's session, or to the browser) and returns
    /// its result; events that arrive meanwhile go to `log`.
    pub fn call(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
        log: &mut PageLog,
    ) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            message["sessionId"] = json!(s);
        }
        self.socket
            .send(Message::text(message.to_string()))
            .expect("send to DevTools");
        let deadline = Instant::now() + STEP;
        loop {
            let reply = self.receive(deadline, method);
            if reply["id"].as_u64() == Some(id) {
                if let Some(error) = reply.get("error") {
                    panic!("{method} failed: {error}");
                }
                return reply["result"].clone();
            }
            record_event(&reply, session, log);
        }
    }

    /// Waits for an event of a tab, recording the others.
    pub fn wait_for(&mut self, session: &str, event: &str, log: &mut PageLog) {
        let deadline = Instant::now() + STEP;
        loop {
            let message = self.receive(deadline, event);
            if message["method"] == event && message["sessionId"] == session {
                return;
            }
            record_event(&message, Some(session), log);
        }
    }

    /// Reads events for `quiet` more time (late console messages, requests).
    pub fn drain(&mut self, session: &str, quiet: Duration, log: &mut PageLog) {
        let until = Instant::now() + quiet;
        while Instant::now() < until {
            if let Some(message) = self.try_receive() {
                record_event(&message, Some(session), log);
            }
        }
    }

    fn receive(&mut self, deadline: Instant, waiting_for: &str) -> Value {
        loop {
            if let Some(message) = self.try_receive() {
                return message;
            }
            assert!(
                Instant::now() < deadline,
                "no answer to {waiting_for} within {STEP:?}"
            );
        }
    }

    fn try_receive(&mut self) -> Option<Value> {
        match self.socket.read() {
            Ok(Message::Text(text)) => Some(serde_json::from_str(&text).expect("DevTools JSON")),
            Ok(_) => None,
            Err(tungstenite::Error::Io(e))
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) =>
            {
                None
            }
            Err(e) => panic!("DevTools connection: {e}"),
        }
    }

    /// Opens `url` in a new tab of `width` CSS pixels and waits until it has
    /// loaded; the tab's log holds what happened meanwhile.
    pub fn open(&mut self, url: &str, width: u32) -> Tab {
        let mut log = PageLog::default();
        let target = self.call(
            None,
            "Target.createTarget",
            json!({"url": "about:blank"}),
            &mut log,
        );
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
            &mut log,
        );
        let session = attached["sessionId"].as_str().expect("session").to_string();
        let s = Some(session.as_str());
        for domain in [
            "Runtime.enable",
            "Log.enable",
            "Network.enable",
            "Page.enable",
        ] {
            self.call(s, domain, json!({}), &mut log);
        }
        self.call(
            s,
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": false}),
            &mut log,
        );
        // Events of about:blank are not the page's.
        log = PageLog::default();
        self.call(s, "Page.navigate", json!({"url": url}), &mut log);
        self.wait_for(&session, "Page.loadEventFired", &mut log);
        self.drain(&session, Duration::from_millis(300), &mut log);
        Tab {
            session,
            target: target["targetId"].clone(),
            log,
        }
    }

    /// Evaluates a JavaScript expression in the tab and returns its value.
    pub fn evaluate(&mut self, tab: &mut Tab, expression: &str) -> Value {
        let result = self.call(
            Some(&tab.session.clone()),
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true}),
            &mut tab.log,
        );
        if let Some(exception) = result.get("exceptionDetails") {
            panic!("{expression} threw: {exception}");
        }
        result["result"]["value"].clone()
    }

    /// Font families Chromium used to draw the text of the first node that
    /// matches `selector`, with the number of glyphs each drew.
    pub fn fonts_of(&mut self, tab: &mut Tab, selector: &str) -> Vec<(String, u64)> {
        let s = tab.session.clone();
        let s = Some(s.as_str());
        self.call(s, "DOM.enable", json!({}), &mut tab.log);
        self.call(s, "CSS.enable", json!({}), &mut tab.log);
        let root = self.call(s, "DOM.getDocument", json!({"depth": 0}), &mut tab.log);
        let node = self.call(
            s,
            "DOM.querySelector",
            json!({"nodeId": root["root"]["nodeId"], "selector": selector}),
            &mut tab.log,
        );
        let node_id = node["nodeId"].as_u64().unwrap_or(0);
        assert!(node_id != 0, "no node matches {selector}");
        // The text lives in the element's text child; ask for the element's
        // subtree by its first child when it has one.
        let described = self.call(
            s,
            "DOM.describeNode",
            json!({"nodeId": node_id, "depth": 1}),
            &mut tab.log,
        );
        let text_node = described["node"]["children"]
            .as_array()
            .and_then(|c| c.iter().find(|n| n["nodeType"] == 3))
            .and_then(|n| n["backendNodeId"].as_u64());
        let target = match text_node {
            Some(backend) => {
                let pushed = self.call(
                    s,
                    "DOM.pushNodesByBackendIdsToFrontend",
                    json!({"backendNodeIds": [backend]}),
                    &mut tab.log,
                );
                pushed["nodeIds"][0].as_u64().unwrap_or(node_id)
            }
            None => node_id,
        };
        let fonts = self.call(
            s,
            "CSS.getPlatformFontsForNode",
            json!({"nodeId": target}),
            &mut tab.log,
        );
        fonts["fonts"]
            .as_array()
            .map(|fonts| {
                fonts
                    .iter()
                    .map(|f| {
                        (
                            f["familyName"].as_str().unwrap_or("").to_string(),
                            f["glyphCount"].as_u64().unwrap_or(0),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Saves a PNG of the whole page (at most `max_height` CSS pixels tall).
    pub fn screenshot(&mut self, tab: &mut Tab, path: &Path, max_height: f64) {
        let s = tab.session.clone();
        let metrics = self.call(Some(&s), "Page.getLayoutMetrics", json!({}), &mut tab.log);
        let width = metrics["cssContentSize"]["width"]
            .as_f64()
            .unwrap_or(1200.0);
        let height = metrics["cssContentSize"]["height"]
            .as_f64()
            .unwrap_or(900.0)
            .min(max_height);
        let shot = self.call(
            Some(&s),
            "Page.captureScreenshot",
            json!({
                "format": "png",
                "captureBeyondViewport": true,
                "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
            }),
            &mut tab.log,
        );
        write_base64(&shot["data"], path);
    }

    /// Prints the page to PDF (A4, the page's print CSS) and saves it.
    pub fn print_pdf(&mut self, tab: &mut Tab, path: &Path) {
        let s = tab.session.clone();
        let pdf = self.call(
            Some(&s),
            "Page.printToPDF",
            json!({"preferCSSPageSize": true, "printBackground": true}),
            &mut tab.log,
        );
        write_base64(&pdf["data"], path);
    }

    /// Closes a tab and returns what it logged.
    pub fn close(&mut self, tab: Tab) -> PageLog {
        let mut log = tab.log;
        self.call(
            None,
            "Target.closeTarget",
            json!({"targetId": tab.target}),
            &mut log,
        );
        log
    }
}

fn write_base64(data: &Value, path: &Path) {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data.as_str().expect("base64 data"))
        .expect("valid base64");
    std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// Records a tab's console errors, exceptions, error log entries and requests.
fn record_event(message: &Value, session: Option<&str>, log: &mut PageLog) {
    if session.is_some_and(|s| message["sessionId"] != s) {
        return;
    }
    let params = &message["params"];
    match message["method"].as_str() {
        Some("Runtime.consoleAPICalled") if params["type"] == "error" => {
            let args: Vec<String> = params["args"]
                .as_array()
                .map(|a| a.iter().map(|v| v["value"].to_string()).collect())
                .unwrap_or_default();
            log.errors
                .push(format!("console.error: {}", args.join(" ")));
        }
        Some("Runtime.exceptionThrown") => {
            log.errors.push(format!(
                "exception: {}",
                params["exceptionDetails"]["exception"]["description"]
            ));
        }
        Some("Log.entryAdded") if params["entry"]["level"] == "error" => {
            log.errors.push(format!(
                "log: {}",
                params["entry"]["text"].as_str().unwrap_or("")
            ));
        }
        Some("Network.requestWillBeSent") => {
            if let Some(url) = params["request"]["url"].as_str() {
                log.requests.push(url.to_string());
            }
        }
        _ => {}
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        self.next_id += 1;
        let _ = self.socket.send(Message::text(
            json!({"id": self.next_id, "method": "Browser.close", "params": {}}).to_string(),
        ));
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
