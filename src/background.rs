//! Work a build does not wait for.

/// Frees `value` on another thread: a resolved site is hundreds of thousands of
/// small allocations, and nobody needs to wait for them to be freed.
/// Without a thread, it is freed here, as the closure holding it is dropped.
pub fn drop_later<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("drop".into())
        .spawn(move || drop(value));
}
