//! Threads: the one worker pool, for work items that each take a while (parsing a fact-base
//! file, making a document).
//!
//! In: items and the work to do on each. Out: the results, in the order of the items. Each
//! worker takes the next item when it has finished one, so a slow item never holds up the
//! others. Workers get the large stack Typst and MiniJinja need (see [`STACK_SIZE`]).
//! Typst parallelises its own work on rayon's pool; were documents rayon jobs too, a worker
//! waiting on Typst's work would steal and nest whole documents, holding ever more of them in
//! memory at once.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The stack size of the threads that load facts and make documents: Typst and MiniJinja
/// recurse over nested content, and a large fact base nests deeply. Address space only;
/// untouched pages cost no memory.
pub const STACK_SIZE: usize = 256 << 20;

/// The number of cores, at least one.
pub fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Runs `work` on every item on up to `workers` threads, and returns the results in the order
/// of `items`. With one worker (or one item) it runs on this thread. An item no worker took
/// (a thread that could not start) is done on this thread afterwards.
pub fn map_in_order<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let workers = workers.min(items.len());
    if workers <= 1 {
        return items.iter().map(&work).collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    let run = || {
        loop {
            let i = next.fetch_add(1, Ordering::SeqCst);
            let Some(item) = items.get(i) else { break };
            let result = work(item);
            *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
        }
    };
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let spawned = std::thread::Builder::new()
                .stack_size(STACK_SIZE)
                .spawn_scoped(scope, run);
            if spawned.is_err() {
                break;
            }
        }
    });
    slots
        .into_iter()
        .zip(items)
        .map(|(slot, item)| {
            slot.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .unwrap_or_else(|| work(item))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every item is done once, whichever thread takes it, and the results come back in the
    /// order given.
    #[test]
    fn every_item_is_done_once_and_results_keep_their_order() {
        let items: Vec<usize> = (0..40).collect();
        let done = Mutex::new(Vec::new());
        let results = map_in_order(&items, 3, |&i| {
            done.lock().unwrap().push(i);
            std::thread::sleep(std::time::Duration::from_millis((i % 3) as u64));
            i * 10
        });
        let mut done = done.into_inner().unwrap();
        done.sort();
        assert_eq!(done, items);
        assert_eq!(results, items.iter().map(|i| i * 10).collect::<Vec<_>>());
    }

    #[test]
    fn one_worker_runs_on_this_thread() {
        let here = std::thread::current().id();
        let ids = map_in_order(&[1, 2, 3], 1, |_| std::thread::current().id());
        assert!(ids.iter().all(|id| *id == here));
    }
}
