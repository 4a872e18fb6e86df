//! Work made in parallel and taken in order, the taking overlapped with the making:
//! for stages that gather many documents' parts into one structure, where the gathering
//! is serial and would otherwise leave all but one thread idle.

use rayon::prelude::*;

/// Makes `make` of each of `items`, a slice of `size` at a time (each slice on all
/// threads), and hands each slice's results to `take`, in order, while the next slice is
/// made. Only two slices' results are held at once.
pub(crate) fn in_slices<T: Sync, U: Send>(
    items: &[T],
    size: usize,
    make: impl Fn(&T) -> U + Sync,
    mut take: impl FnMut(Vec<U>) + Send,
) {
    let mut made: Vec<U> = Vec::new();
    for slice in items.chunks(size).map(Some).chain([None]) {
        let (next, ()) = rayon::join(
            || slice.map(|s| s.par_iter().map(&make).collect()),
            || {
                if !made.is_empty() {
                    take(std::mem::take(&mut made));
                }
            },
        );
        made = next.unwrap_or_default();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_slice_is_taken_once_and_in_order() {
        let items: Vec<u32> = (0..1000).collect();
        let mut taken: Vec<Vec<u32>> = Vec::new();
        super::in_slices(&items, 64, |&i| i * 2, |slice| taken.push(slice));
        assert_eq!(taken.len(), 16);
        assert!(taken.iter().take(15).all(|s| s.len() == 64));
        let all: Vec<u32> = taken.into_iter().flatten().collect();
        assert_eq!(all, (0..1000).map(|i| i * 2).collect::<Vec<_>>());
    }
}
