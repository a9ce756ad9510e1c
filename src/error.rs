//! The one error type of the library, with the exit code the CLI maps it to.

use std::fmt;

/// What went wrong, broadly: decides the command line's exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The WIT or the selection is wrong (exit code 1).
    Input,
    /// Reading or writing files failed (exit code 1).
    Io,
    /// The request itself is malformed or asks for something not available (exit code 2).
    Usage,
}

/// An error of the generator. Its `Display` is the whole message, ready for a user: for WIT
/// errors it names `file:line:col` and shows the offending line with a caret.
#[derive(Clone, Debug)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    /// An [`ErrorKind::Input`] error.
    pub fn input(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Input,
            message: message.into(),
        }
    }

    /// An [`ErrorKind::Io`] error.
    pub fn io(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Io,
            message: message.into(),
        }
    }

    /// An [`ErrorKind::Usage`] error.
    pub fn usage(message: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Usage,
            message: message.into(),
        }
    }

    /// A request for something witbind does not do yet: an [`ErrorKind::Usage`] error.
    pub fn not_implemented(message: impl Into<String>) -> Error {
        Error::usage(message)
    }

    /// The error's kind.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The command line's exit code for this error: 1 for input and I/O errors, 2 for usage
    /// errors.
    pub fn exit_code(&self) -> i32 {
        match self.kind {
            ErrorKind::Input | ErrorKind::Io => 1,
            ErrorKind::Usage => 2,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
