//! The component-model async built-ins the runtime calls (core imports from `$root`).
//!
//! Off wasm32 they do not exist; calling one there is a bug, so the stand-ins panic.

#[cfg(target_arch = "wasm32")]
#[link(wasm_import_module = "$root")]
unsafe extern "C" {
    #[link_name = "[waitable-set-new]"]
    pub fn waitable_set_new() -> i32;
    #[link_name = "[waitable-set-drop]"]
    pub fn waitable_set_drop(set: i32);
    #[link_name = "[waitable-set-wait]"]
    pub fn waitable_set_wait(set: i32, payload: *mut u32) -> i32;
    #[link_name = "[waitable-set-poll]"]
    pub fn waitable_set_poll(set: i32, payload: *mut u32) -> i32;
    #[link_name = "[waitable-join]"]
    pub fn waitable_join(waitable: i32, set: i32);
    #[link_name = "[subtask-drop]"]
    pub fn subtask_drop(subtask: i32);
    #[link_name = "[subtask-cancel]"]
    pub fn subtask_cancel(subtask: i32) -> i32;
    #[link_name = "[context-get-0]"]
    pub fn context_get_0() -> i32;
    #[link_name = "[context-set-0]"]
    pub fn context_set_0(value: i32);
    #[link_name = "[thread-yield]"]
    pub fn thread_yield() -> i32;
    #[link_name = "[backpressure-inc]"]
    pub fn backpressure_inc();
    #[link_name = "[backpressure-dec]"]
    pub fn backpressure_dec();
    #[link_name = "[error-context-new-utf8]"]
    pub fn error_context_new_utf8(ptr: i32, len: i32) -> i32;
    #[link_name = "[error-context-debug-message-utf8]"]
    pub fn error_context_debug_message_utf8(handle: i32, area: i32);
    #[link_name = "[error-context-drop]"]
    pub fn error_context_drop(handle: i32);
    #[link_name = "[stream-new-unit]"]
    pub fn unit_stream_new() -> i64;
    #[link_name = "[async-lower][stream-read-unit]"]
    pub fn unit_stream_read(handle: i32, ptr: i32, len: i32) -> i32;
    #[link_name = "[async-lower][stream-write-unit]"]
    pub fn unit_stream_write(handle: i32, ptr: i32, len: i32) -> i32;
    #[link_name = "[stream-cancel-read-unit]"]
    pub fn unit_stream_cancel_read(handle: i32) -> i32;
    #[link_name = "[stream-drop-readable-unit]"]
    pub fn unit_stream_drop_readable(handle: i32);
    #[link_name = "[stream-drop-writable-unit]"]
    pub fn unit_stream_drop_writable(handle: i32);
}

#[cfg(not(target_arch = "wasm32"))]
mod host {
    fn unavailable() -> ! {
        panic!("component-model built-ins exist only on wasm32")
    }
    pub unsafe fn waitable_set_new() -> i32 {
        unavailable()
    }
    pub unsafe fn waitable_set_drop(_: i32) {
        unavailable()
    }
    pub unsafe fn waitable_set_wait(_: i32, _: *mut u32) -> i32 {
        unavailable()
    }
    pub unsafe fn waitable_set_poll(_: i32, _: *mut u32) -> i32 {
        unavailable()
    }
    pub unsafe fn waitable_join(_: i32, _: i32) {
        unavailable()
    }
    pub unsafe fn subtask_drop(_: i32) {
        unavailable()
    }
    pub unsafe fn subtask_cancel(_: i32) -> i32 {
        unavailable()
    }
    pub unsafe fn context_get_0() -> i32 {
        unavailable()
    }
    pub unsafe fn context_set_0(_: i32) {
        unavailable()
    }
    pub unsafe fn thread_yield() -> i32 {
        unavailable()
    }
    pub unsafe fn backpressure_inc() {
        unavailable()
    }
    pub unsafe fn backpressure_dec() {
        unavailable()
    }
    pub unsafe fn error_context_new_utf8(_: i32, _: i32) -> i32 {
        unavailable()
    }
    pub unsafe fn error_context_debug_message_utf8(_: i32, _: i32) {
        unavailable()
    }
    pub unsafe fn error_context_drop(_: i32) {
        unavailable()
    }
    pub unsafe fn unit_stream_new() -> i64 {
        unavailable()
    }
    pub unsafe fn unit_stream_read(_: i32, _: i32, _: i32) -> i32 {
        unavailable()
    }
    pub unsafe fn unit_stream_write(_: i32, _: i32, _: i32) -> i32 {
        unavailable()
    }
    pub unsafe fn unit_stream_cancel_read(_: i32) -> i32 {
        unavailable()
    }
    pub unsafe fn unit_stream_drop_readable(_: i32) {
        unavailable()
    }
    pub unsafe fn unit_stream_drop_writable(_: i32) {
        unavailable()
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use host::*;
