//! Text tables whose columns are padded to their widest cell.

/// A table: the first column left-aligned, the others right-aligned unless all are left.
pub(crate) struct Table {
    rows: Vec<Vec<String>>,
    all_left: bool,
}

impl Table {
    /// A table with a header row; columns after the first are right-aligned (numbers).
    pub fn new(header: &[&str]) -> Self {
        Self {
            rows: vec![header.iter().map(|h| (*h).to_owned()).collect()],
            all_left: false,
        }
    }

    /// A table with a header row, every column left-aligned (text).
    pub fn left(header: &[&str]) -> Self {
        Self {
            all_left: true,
            ..Self::new(header)
        }
    }

    /// Adds a row.
    pub fn row(&mut self, cells: impl IntoIterator<Item = String>) {
        self.rows.push(cells.into_iter().collect());
    }

    /// Writes the table, each line after `indent`.
    pub fn render(&self, out: &mut String, indent: &str) {
        let columns = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0; columns];
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
        for row in &self.rows {
            let mut line = String::from(indent);
            for (i, cell) in row.iter().enumerate() {
                let pad = " ".repeat(widths[i] - cell.chars().count());
                if i == 0 || self.all_left {
                    if i > 0 {
                        line.push_str("  ");
                    }
                    line.push_str(cell);
                    line.push_str(&pad);
                } else {
                    line.push_str("  ");
                    line.push_str(&pad);
                    line.push_str(cell);
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
}

/// `text` wrapped to lines of at most `width` characters (longer words stay whole), each after
/// `indent`.
pub(crate) fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.push_str(indent);
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(indent);
        out.push_str(&line);
        out.push('\n');
    }
    out
}
