//! What is wrong with an input file: every problem found, each naming its file and place.

use std::fmt;

/// Problems shown before the rest is summed up as a count.
const SHOWN: usize = 20;

/// One problem with an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file (or the name the caller gave the text).
    pub file: String,
    /// Where in the file, such as `actionExecutionDetails[3].startTime`; `None` for the whole
    /// file.
    pub place: Option<String>,
    /// What is wrong, and how to fix it where that is not obvious.
    pub message: String,
}

impl Problem {
    /// A problem with the whole file.
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            place: None,
            message: message.into(),
        }
    }

    /// A problem at a place in the file.
    pub fn at(file: &str, place: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            place: Some(place.into()),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.place {
            Some(place) => write!(f, "{}: {place}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

/// Why an execution history or a pipeline's structure could not be read: every problem found
/// (never empty).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct MeasureError {
    /// The problems, in the order of the files and of the records in them.
    pub problems: Vec<Problem>,
}

impl MeasureError {
    /// An error of one problem.
    pub fn one(problem: Problem) -> Self {
        Self {
            problems: vec![problem],
        }
    }
}

impl From<Vec<Problem>> for MeasureError {
    fn from(problems: Vec<Problem>) -> Self {
        Self { problems }
    }
}

impl fmt::Display for MeasureError {
    /// One problem per line; past twenty, a count of the rest.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().take(SHOWN).enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{p}")?;
        }
        if self.problems.len() > SHOWN {
            write!(f, "\n… and {} more", self.problems.len() - SHOWN)?;
        }
        Ok(())
    }
}

impl std::error::Error for MeasureError {}
