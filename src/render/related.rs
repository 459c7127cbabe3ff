//! A directive's relations in groups, one type and one direction each
//! ("Dẫn chiếu", "Được dẫn chiếu bởi"), as its page shows them: the first
//! few of each group, and the whole group on pages of its own when it has
//! more. A directive cited by thousands keeps a page of the usual size.

use super::paging;
use crate::link::Archive;
use crate::model::RelationType;
use crate::validate::url::relation_list_segment;

/// How many entries of a group a directive's page shows, and how many of
/// the directives that relate to it its life shows; the rest are on the
/// group's own list.
pub(crate) const SHOWN: usize = 10;

/// The anchor of the "Văn bản liên quan" panel on a directive's page.
pub(crate) const PANEL_ANCHOR: &str = "van-ban-lien-quan";

/// One group of a directive's relations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Group {
    pub(crate) relation: RelationType,
    /// What relates to the directive, rather than what it relates to.
    pub(crate) incoming: bool,
}

impl Group {
    /// Every group, in the order a page shows them: by type (in the order
    /// of [`RelationType::ALL`]), each type's outgoing group first.
    pub(crate) fn all() -> impl Iterator<Item = Group> {
        RelationType::ALL
            .into_iter()
            .flat_map(|relation| [false, true].map(|incoming| Group { relation, incoming }))
    }

    /// Its place in [`Group::all`].
    pub(crate) fn index(self) -> usize {
        let kind = RelationType::ALL
            .iter()
            .position(|&r| r == self.relation)
            .unwrap_or_default();
        2 * kind + usize::from(self.incoming)
    }

    /// The group at `index` of [`Group::all`].
    pub(crate) fn at(index: usize) -> Option<Group> {
        Group::all().nth(index)
    }

    /// "Dẫn chiếu", or "Được dẫn chiếu bởi" for an incoming group.
    pub(crate) fn label(self) -> &'static str {
        if self.incoming {
            self.relation.inverse_label()
        } else {
            self.relation.label()
        }
    }

    /// "out" or "in", as the theme's classes say it.
    pub(crate) fn direction(self) -> &'static str {
        if self.incoming { "in" } else { "out" }
    }

    /// The positions of its members among directive `i`'s relations (an
    /// outgoing group) or backlinks (an incoming one), in their order.
    pub(crate) fn members(self, archive: &Archive, i: usize) -> Vec<usize> {
        if self.incoming {
            positions(&archive.backlinks[i], |b| b.relation_type == self.relation)
        } else {
            positions(&archive.relations[i], |r| r.relation_type == self.relation)
        }
    }

    /// How many members it has.
    pub(crate) fn count(self, archive: &Archive, i: usize) -> usize {
        if self.incoming {
            archive.backlinks[i]
                .iter()
                .filter(|b| b.relation_type == self.relation)
                .count()
        } else {
            archive.relations[i]
                .iter()
                .filter(|r| r.relation_type == self.relation)
                .count()
        }
    }

    /// The directive of the archive that member `position` names, if any
    /// (a relation to a document outside the archive names none).
    pub(crate) fn directive(self, archive: &Archive, i: usize, position: usize) -> Option<usize> {
        if self.incoming {
            Some(archive.backlinks[i][position].from)
        } else {
            archive.relations[i][position].target
        }
    }

    /// The directives of the archive its first [`SHOWN`] members name: what
    /// a directive's page shows of it.
    pub(crate) fn shown(self, archive: &Archive, i: usize) -> Vec<usize> {
        self.members(archive, i)
            .into_iter()
            .take(SHOWN)
            .filter_map(|p| self.directive(archive, i, p))
            .collect()
    }

    /// How many pages its full list has, `per_page` members a page: none
    /// when the directive's own page shows them all.
    pub(crate) fn list_pages(self, archive: &Archive, i: usize, per_page: usize) -> usize {
        let count = self.count(archive, i);
        if count > SHOWN {
            count.div_ceil(per_page.max(1))
        } else {
            0
        }
    }

    /// The site path of page `page` (from 1) of its full list for
    /// directive `i`.
    pub(crate) fn list_url(self, archive: &Archive, i: usize, page: usize) -> String {
        let segment = relation_list_segment(self.relation, self.incoming);
        paging::page_url(&format!("{}{segment}/", archive.directives[i].url), page)
    }

    /// Where a reader finds every member of the group for directive `i`:
    /// its full list when the directive's page shows only some, else the
    /// panel of that page. A site path.
    pub(crate) fn everything_url(self, archive: &Archive, i: usize) -> String {
        if self.count(archive, i) > SHOWN {
            self.list_url(archive, i, 1)
        } else {
            format!("{}#{PANEL_ANCHOR}", archive.directives[i].url)
        }
    }
}

fn positions<T>(items: &[T], keep: impl Fn(&T) -> bool) -> Vec<usize> {
    items
        .iter()
        .enumerate()
        .filter(|(_, item)| keep(item))
        .map(|(at, _)| at)
        .collect()
}

/// The directives that relate to directive `i` that its page shows: the
/// first of each incoming group, and the first of its life.
pub(crate) fn shown_incoming(archive: &Archive, i: usize) -> Vec<usize> {
    let mut shown: Vec<usize> = Group::all()
        .filter(|g| g.incoming)
        .flat_map(|g| g.shown(archive, i))
        .collect();
    shown.extend(archive.backlinks[i].iter().take(SHOWN).map(|b| b.from));
    shown.sort_unstable();
    shown.dedup();
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_numbered_in_the_order_they_are_shown() {
        let groups: Vec<Group> = Group::all().collect();
        assert_eq!(groups.len(), 2 * RelationType::ALL.len());
        for (index, group) in groups.iter().enumerate() {
            assert_eq!(group.index(), index);
            assert_eq!(Group::at(index), Some(*group));
        }
        assert_eq!(groups[1].label(), "Được thực hiện bởi");
        assert_eq!(Group::at(groups.len()), None);
    }
}
