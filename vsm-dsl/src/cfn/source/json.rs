//! A JSON reader that keeps the position of every value (RFC 8259, as serde_json reads it).

use serde_json::Number;

use super::{Entry, Node, NodeKind, ParseError, Position};

/// Deepest nesting read (serde_json's limit too).
const MAX_DEPTH: u32 = 127;

/// Reads one JSON value, surrounded by whitespace only.
pub(super) fn parse(text: &str) -> Result<Node, ParseError> {
    let mut reader = Reader {
        bytes: text.as_bytes(),
        text,
        at: 0,
        line: 1,
        column: 1,
        depth: 0,
    };
    reader.skip_whitespace();
    let node = reader.value()?;
    reader.skip_whitespace();
    if reader.at < reader.bytes.len() {
        return Err(reader.error("trailing characters after the JSON value"));
    }
    Ok(node)
}

struct Reader<'a> {
    bytes: &'a [u8],
    text: &'a str,
    at: usize,
    line: u32,
    column: u32,
    depth: u32,
}

impl Reader<'_> {
    fn position(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }

    fn error(&self, message: impl Into<String>) -> ParseError {
        ParseError {
            position: self.position(),
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    /// Moves over `n` bytes that hold no line break.
    fn advance(&mut self, n: usize) {
        let end = (self.at + n).min(self.bytes.len());
        let chars = self.bytes[self.at..end]
            .iter()
            .filter(|b| (**b & 0xC0) != 0x80)
            .count();
        self.column = self.column.saturating_add(chars as u32);
        self.at = end;
    }

    fn skip_whitespace(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b'\n' => {
                    self.at += 1;
                    self.line = self.line.saturating_add(1);
                    self.column = 1;
                }
                b' ' | b'\t' | b'\r' => self.advance(1),
                _ => break,
            }
        }
    }

    fn expect_literal(&mut self, word: &str) -> Result<(), ParseError> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.advance(word.len());
            Ok(())
        } else {
            Err(self.error(format!("expected `{word}`")))
        }
    }

    fn value(&mut self) -> Result<Node, ParseError> {
        let position = self.position();
        let kind = match self.peek() {
            None => return Err(self.error("unexpected end of the text: expected a value")),
            Some(b'{') => self.nested(Self::mapping)?,
            Some(b'[') => self.nested(Self::sequence)?,
            Some(b'"') => NodeKind::String(self.string()?),
            Some(b't') => self.expect_literal("true").map(|_| NodeKind::Bool(true))?,
            Some(b'f') => self
                .expect_literal("false")
                .map(|_| NodeKind::Bool(false))?,
            Some(b'n') => self.expect_literal("null").map(|_| NodeKind::Null)?,
            Some(b'-' | b'0'..=b'9') => NodeKind::Number(self.number()?),
            Some(_) => return Err(self.error("expected a JSON value")),
        };
        Ok(Node::at(position, kind))
    }

    fn nested(
        &mut self,
        read: fn(&mut Self) -> Result<NodeKind, ParseError>,
    ) -> Result<NodeKind, ParseError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(format!("nested deeper than {MAX_DEPTH} levels")));
        }
        self.depth += 1;
        let kind = read(self);
        self.depth -= 1;
        kind
    }

    fn mapping(&mut self) -> Result<NodeKind, ParseError> {
        self.advance(1);
        let mut entries = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.advance(1);
            return Ok(NodeKind::Mapping(entries));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.error("expected a quoted key"));
            }
            let key_position = self.position();
            let key = self.string()?;
            self.skip_whitespace();
            if self.peek() != Some(b':') {
                return Err(self.error("expected `:` after the key"));
            }
            self.advance(1);
            self.skip_whitespace();
            let value = self.value()?;
            entries.push(Entry {
                key,
                key_position: Some(key_position),
                value,
            });
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.advance(1),
                Some(b'}') => {
                    self.advance(1);
                    return Ok(NodeKind::Mapping(entries));
                }
                _ => return Err(self.error("expected `,` or `}`")),
            }
        }
    }

    fn sequence(&mut self) -> Result<NodeKind, ParseError> {
        self.advance(1);
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.advance(1);
            return Ok(NodeKind::Sequence(items));
        }
        loop {
            self.skip_whitespace();
            items.push(self.value()?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.advance(1),
                Some(b']') => {
                    self.advance(1);
                    return Ok(NodeKind::Sequence(items));
                }
                _ => return Err(self.error("expected `,` or `]`")),
            }
        }
    }

    fn number(&mut self) -> Result<Number, ParseError> {
        let start = self.at;
        let digits = |r: &mut Self| {
            let from = r.at;
            while matches!(r.peek(), Some(b'0'..=b'9')) {
                r.at += 1;
            }
            r.at > from
        };
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let int_start = self.at;
        if !digits(self) {
            return self.number_error(start, "expected digits");
        }
        if self.bytes[int_start] == b'0' && self.at - int_start > 1 {
            return self.number_error(start, "a number cannot start with 0");
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !digits(self) {
                return self.number_error(start, "expected digits after `.`");
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !digits(self) {
                return self.number_error(start, "expected digits in the exponent");
            }
        }
        let text = &self.text[start..self.at];
        let end = self.at;
        self.at = start;
        match text.parse::<Number>() {
            Ok(n) => {
                self.advance(end - start);
                Ok(n)
            }
            Err(_) => Err(self.error(format!("number {text} is out of range"))),
        }
    }

    fn number_error(&mut self, start: usize, message: &str) -> Result<Number, ParseError> {
        let bad = self.at;
        self.at = start;
        self.advance(bad - start);
        Err(self.error(message))
    }

    /// A quoted string; the reader is on its opening quote.
    fn string(&mut self) -> Result<String, ParseError> {
        self.advance(1);
        let mut out = String::new();
        loop {
            let run = self.bytes[self.at..]
                .iter()
                .position(|b| matches!(b, b'"' | b'\\') || *b < 0x20)
                .unwrap_or(self.bytes.len() - self.at);
            out.push_str(&self.text[self.at..self.at + run]);
            self.advance(run);
            match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some(b'"') => {
                    self.advance(1);
                    return Ok(out);
                }
                Some(b'\\') => self.escape(&mut out)?,
                Some(_) => return Err(self.error("control character in a string: escape it")),
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let c = match self.bytes.get(self.at + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => return self.unicode_escape(out),
            _ => return Err(self.error("invalid escape")),
        };
        out.push(c);
        self.advance(2);
        Ok(())
    }

    /// `\uXXXX`, with UTF-16 surrogate pairs.
    fn unicode_escape(&mut self, out: &mut String) -> Result<(), ParseError> {
        let first = self.hex4(self.at + 2)?;
        let (code, len) = match first {
            0xD800..=0xDBFF => {
                if self.bytes.get(self.at + 6..self.at + 8) != Some(b"\\u") {
                    return Err(self.error("lone leading surrogate in a \\u escape"));
                }
                let second = self.hex4(self.at + 8)?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error("invalid surrogate pair in a \\u escape"));
                }
                (0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00), 12)
            }
            0xDC00..=0xDFFF => return Err(self.error("lone trailing surrogate in a \\u escape")),
            _ => (first, 6),
        };
        let c = char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))?;
        out.push(c);
        self.advance(len);
        Ok(())
    }

    fn hex4(&self, at: usize) -> Result<u32, ParseError> {
        let digits = self
            .bytes
            .get(at..at + 4)
            .ok_or_else(|| self.error("unterminated \\u escape"))?;
        digits.iter().try_fold(0u32, |acc, b| {
            let d = (*b as char)
                .to_digit(16)
                .ok_or_else(|| self.error("invalid \\u escape"))?;
            Ok(acc * 16 + d)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::parse;
    use serde_json::Value;

    fn same_as_serde_json(text: &str) {
        let ours = parse(text).map(|n| n.to_value());
        let theirs = serde_json::from_str::<Value>(text);
        match (&ours, &theirs) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{text}"),
            (Err(_), Err(_)) => {}
            _ => panic!("{text}: ours {ours:?}, serde_json {theirs:?}"),
        }
    }

    #[test]
    fn reads_what_serde_json_reads() {
        for text in [
            r#"{"a": [1, -0, 0.5, -1.25e-3, 1E+2, 18446744073709551615, 18446744073709551616]}"#,
            r#"{"s": "tab\tquote\"slash\/u\u00e9 pair\ud83d\ude00 \\"}"#,
            " \r\n\t[true, false, null, {}, [], \"\"] \n",
            "{\"a\":1,\"a\":2}",
            "[1,]",
            "{\"a\" 1}",
            "[01]",
            "[1.]",
            "[1e]",
            "[-]",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "\"\\ud800\\u0041\"",
            "\"\\x\"",
            "\"a\nb\"",
            "[1e400]",
            "{} x",
            "",
            "[tru]",
            "\"\\u00\"",
        ] {
            same_as_serde_json(text);
        }
        for depth in [127, 128, 129] {
            same_as_serde_json(&("[".repeat(depth) + &"]".repeat(depth)));
            same_as_serde_json(&("{\"a\":".repeat(depth) + "1" + &"}".repeat(depth)));
        }
    }

    #[test]
    fn positions_count_characters() {
        let node = parse("{\"é\": [\n  \"x\", {\"k\":\n 2}]}").unwrap();
        let items = node.field("é").unwrap().as_sequence().unwrap();
        assert_eq!(node.entry("é").unwrap().key_position.unwrap().column, 2);
        assert_eq!(items[0].position.unwrap().to_string(), "2:3");
        assert_eq!(items[1].position.unwrap().to_string(), "2:8");
        let two = items[1].field("k").unwrap();
        assert_eq!(two.position.unwrap().to_string(), "3:2");
    }

    #[test]
    fn errors_say_where() {
        let e = parse("{\n  \"a\": tru\n}").unwrap_err();
        assert_eq!(e.position.to_string(), "2:8");
        assert_eq!(e.message, "expected `true`");
        let deep = "[".repeat(200) + &"]".repeat(200);
        assert!(parse(&deep).unwrap_err().message.contains("nested deeper"));
    }
}
