//! The tables of the last reading, kept for the next one: an edit in the page changes one
//! line of a report of a dozen tables, and reading a table (its header, its rows, where
//! its blank cells stand) is a third of an analysis.
//!
//! A region's reading depends on nothing but the region (its title, its number, its
//! pages' line indices), the text and number of each of its lines, the number of its
//! title line, and the table's id (`read_region` and its fallback to single-spaced text
//! look at nothing else). A table is reused only when all of these are equal — compared
//! in full, never by a hash — so a reading through the memo is the reading without it,
//! byte for byte (a property test holds it to that).

use super::normalize::Line;
use super::segment::Region;
use super::table::Furniture;
use crate::model::{Finding, Table};

/// One region's reading: the table, what its page furniture said, the reader's notes.
pub(crate) type RegionReading = (Table, Furniture, Vec<Finding>);

struct Entry {
    id: String,
    region: Region,
    /// The title line's number, then each of the region's lines (page by page).
    title_no: Option<usize>,
    lines: Vec<Line>,
    reading: RegionReading,
}

impl Entry {
    fn reads(&self, id: &str, lines: &[Line], region: &Region) -> bool {
        self.id == id
            && self.region == *region
            && self.title_no == lines.get(region.title_at).map(|l| l.no)
            && self.lines.iter().eq(region_lines(lines, region))
    }
}

/// The regions read by the last reading through it; the page keeps one across edits.
#[derive(Default)]
pub struct RegionMemo {
    /// The last reading's regions, in order; each taken when this reading reuses it.
    last: Vec<Option<Entry>>,
    /// This reading's regions so far.
    this: Vec<Entry>,
}

impl RegionMemo {
    /// A new reading starts: what the one before read becomes what it may reuse.
    pub(crate) fn start(&mut self) {
        self.last = std::mem::take(&mut self.this)
            .into_iter()
            .map(Some)
            .collect();
    }

    /// Region number `index`'s reading: the last reading's when nothing it depends on
    /// changed, else `read()`'s.
    pub(crate) fn region(
        &mut self,
        index: usize,
        id: &str,
        lines: &[Line],
        region: &Region,
        read: impl FnOnce() -> RegionReading,
    ) -> RegionReading {
        let kept = self
            .last
            .get_mut(index)
            .and_then(|slot| slot.take_if(|e| e.reads(id, lines, region)));
        let entry = kept.unwrap_or_else(|| Entry {
            id: id.to_string(),
            region: region.clone(),
            title_no: lines.get(region.title_at).map(|l| l.no),
            lines: region_lines(lines, region).cloned().collect(),
            reading: read(),
        });
        let reading = entry.reading.clone();
        self.this.push(entry);
        reading
    }

    /// The reading is over: nothing of the one before is kept past it.
    pub(crate) fn finish(&mut self) {
        self.last.clear();
    }
}

fn region_lines<'a>(lines: &'a [Line], region: &'a Region) -> impl Iterator<Item = &'a Line> {
    region.pages.iter().flatten().filter_map(|&i| lines.get(i))
}
