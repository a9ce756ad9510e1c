//! `error-context`: an immutable, host-kept error value with a debug message.

use alloc::string::String;

use crate::intrinsics as sys;
use crate::memory::string_lift;
use crate::resource::Handle;

/// A handle to an error context. Passing it to another component shares it; dropping it
/// releases this component's reference.
#[derive(Debug)]
pub struct ErrorContext {
    handle: Handle,
}

impl ErrorContext {
    /// A new error context carrying `message` (hosts may show it, or drop it in release
    /// builds).
    pub fn new(message: &str) -> ErrorContext {
        let handle =
            unsafe { sys::error_context_new_utf8(message.as_ptr() as i32, message.len() as i32) };
        ErrorContext {
            handle: Handle::new(handle as u32),
        }
    }

    /// The debug message the host keeps for this error context.
    pub fn debug_message(&self) -> String {
        let mut area = [0i32; 2];
        unsafe {
            sys::error_context_debug_message_utf8(
                self.handle.get() as i32,
                area.as_mut_ptr() as i32,
            );
            string_lift(area[0], area[1])
        }
    }

    /// # Safety
    /// `handle` must be an owned error-context handle.
    pub unsafe fn from_handle(handle: u32) -> ErrorContext {
        ErrorContext {
            handle: Handle::new(handle),
        }
    }

    pub fn handle(&self) -> u32 {
        self.handle.get()
    }

    /// Gives the handle away (when the value is passed to another component).
    pub fn take_handle(&self) -> u32 {
        self.handle.take()
    }
}

impl crate::OwnsHandle for ErrorContext {
    fn handle_slot(&self) -> &Handle {
        &self.handle
    }
}

impl Drop for ErrorContext {
    fn drop(&mut self) {
        if let Some(handle) = self.handle.release() {
            unsafe { sys::error_context_drop(handle as i32) };
        }
    }
}
