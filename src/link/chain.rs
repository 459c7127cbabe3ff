//! Implementation chains: which directives implement which, followed up
//! and down the archive's resolved relations.

use std::collections::HashSet;

use super::Archive;
use crate::model::RelationType;

/// How far up and down an implementation chain is followed.
pub(crate) const CHAIN_DEPTH: usize = 8;

impl Archive {
    /// The archived documents directive `i` implements.
    pub(crate) fn implements(&self, i: usize) -> Vec<usize> {
        self.relations[i]
            .iter()
            .filter(|r| r.relation_type == RelationType::Implements)
            .filter_map(|r| r.target)
            .collect()
    }

    /// The directives that implement directive `i`.
    pub(crate) fn implemented_by(&self, i: usize) -> Vec<usize> {
        self.backlinks[i]
            .iter()
            .filter(|b| b.relation_type == RelationType::Implements)
            .map(|b| b.from)
            .collect()
    }

    /// `index` and the documents it implements, directly or through
    /// others, up to [`CHAIN_DEPTH`] steps.
    pub(crate) fn chain_ancestors(&self, index: usize) -> HashSet<usize> {
        reachable(index, &|i| self.implements(i))
    }

    /// `index` and the directives that implement it, directly or through
    /// others, up to [`CHAIN_DEPTH`] steps.
    pub(crate) fn chain_descendants(&self, index: usize) -> HashSet<usize> {
        reachable(index, &|i| self.implemented_by(i))
    }

    /// Every directive on `index`'s implementation chain (itself included):
    /// the pages whose chain shows `index` are exactly these.
    pub(crate) fn chain_members(&self, index: usize) -> HashSet<usize> {
        let mut members = self.chain_ancestors(index);
        members.extend(self.chain_descendants(index));
        members
    }
}

/// `start` and every directive reached from it by `next`, up to
/// [`CHAIN_DEPTH`] steps; a cycle (possible among same-day documents)
/// ends where it closes.
fn reachable(start: usize, next: &dyn Fn(usize) -> Vec<usize>) -> HashSet<usize> {
    let mut found = HashSet::from([start]);
    let mut frontier = vec![start];
    for _ in 0..CHAIN_DEPTH {
        let mut following = Vec::new();
        for node in frontier {
            for n in next(node) {
                if found.insert(n) {
                    following.push(n);
                }
            }
        }
        if following.is_empty() {
            break;
        }
        frontier = following;
    }
    found
}
