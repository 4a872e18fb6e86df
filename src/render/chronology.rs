//! The chronology's pages. A chronology of at most `page_size` events (`site.yaml`) is
//! one page; a longer one is split into periods, in date order, each a page of its own
//! under an index of them, so that no page lists a whole large pack (300,000 events at
//! 100,000 notes): a year to a page (`chronology/2025/`), or, for a year longer than a
//! page, its whole months gathered into pages (`chronology/2025-09/`), and a month
//! longer than a page cut into parts (`chronology/2025-09-p2/`).

use super::links::ActorEntry;
use super::make::Make;
use super::pages::PageSpec;
use super::views::{ChronologyPage, Html, MonthGroup, Pager, PeriodLink, PeriodNav, YearGroup};
use super::{items, svg};
use crate::resolve::{EventRef, Site};
use std::ops::Range;

impl Make<'_> {
    /// The chronology: all of it, or the index of its pages when it is split.
    pub fn chronology(&self) -> PageSpec<ChronologyPage> {
        let periods = &self.chronology_parts().periods;
        let all = &self.site.graph.chronology;
        let view = match periods.is_empty() {
            true => self.chronology_view(all, None),
            false => ChronologyPage {
                periods: periods.iter().map(|p| self.period_link(p)).collect(),
                ..self.chronology_view(&[], None)
            },
        };
        self.chronology_spec("Chronology".into(), Vec::new(), view)
    }

    /// Page `p` of a split chronology.
    pub fn chronology_period(&self, p: usize) -> PageSpec<ChronologyPage> {
        let periods = &self.chronology_parts().periods;
        let period = &periods[p];
        let events = &self.site.graph.chronology[period.events.clone()];
        let link = |q: &Period| self.crumb(&q.label, self.period_url(q));
        let nav = PeriodNav {
            label: period.label.clone(),
            count: events.len(),
            pager: Pager {
                number: p + 1,
                of: periods.len(),
                first: period.events.start + 1,
                last: period.events.end,
                total: self.site.graph.chronology.len(),
                previous: p.checked_sub(1).map(|q| link(&periods[q])),
                next: periods.get(p + 1).map(link),
                index: Some(self.crumb("All periods", self.urls.path("chronology/"))),
            },
        };
        let up = self.crumb("Chronology", self.urls.path("chronology/"));
        let view = self.chronology_view(events, Some((p, nav)));
        self.chronology_spec(format!("Chronology: {}", period.label), vec![up], view)
    }

    fn chronology_spec(
        &self,
        title: String,
        crumbs: Vec<super::views::Link>,
        view: ChronologyPage,
    ) -> PageSpec<ChronologyPage> {
        let mut breadcrumbs = vec![self.home_crumb()];
        breadcrumbs.extend(crumbs);
        PageSpec {
            template: "chronology.html",
            title,
            section: "chronology",
            breadcrumbs,
            view,
        }
    }

    /// A page that lists `events`, on page `period` of a split chronology.
    fn chronology_view(
        &self,
        events: &[EventRef],
        period: Option<(usize, PeriodNav)>,
    ) -> ChronologyPage {
        let s = self.site;
        let (current, period) = period.unzip();
        ChronologyPage {
            timeline: self.timeline(current),
            years: self.year_groups(events),
            count: s.graph.chronology.len(),
            actor_options: self.actor_options(events),
            tags: s
                .graph
                .tags
                .iter()
                .map(|t| self.tag_link(&t.name))
                .collect(),
            periods: Vec::new(),
            page_size: s.config.page_size.get(),
            period,
        }
    }

    fn period_link(&self, period: &Period) -> PeriodLink {
        PeriodLink {
            label: period.label.clone(),
            url: self.period_url(period),
            count: period.events.len(),
        }
    }

    /// Events grouped by year and by month (or year, for events known only to a year).
    pub(super) fn year_groups(&self, events: &[EventRef]) -> Vec<YearGroup> {
        let mut years: Vec<YearGroup> = Vec::new();
        for run in month_runs(self.site, events) {
            if years.last().is_none_or(|y| y.year != run.year) {
                years.push(YearGroup {
                    year: run.year,
                    months: Vec::new(),
                });
            }
            let year = years.last_mut().expect("pushed above");
            year.months.push(MonthGroup {
                whole_year: run.month.is_none(),
                label: run.label(),
                id: run.id(),
                count: run.events.len(),
                events: self.event_list(&events[run.events]),
            });
        }
        years
    }

    /// Events per month of the whole chronology, each bar a link to its month on page
    /// `current` or on the page that lists it.
    fn timeline(&self, current: Option<usize>) -> Html {
        let parts = self.chronology_parts();
        let mut bars: Vec<svg::Bar> = Vec::new();
        for run in &parts.months {
            let month = run.month.unwrap_or(1);
            match bars.last_mut() {
                Some(b) if b.year == run.year && b.month == month => b.count += run.events.len(),
                _ => {
                    let anchor = format!("#m{}", run.id());
                    let href = match parts.periods.is_empty() {
                        true => anchor,
                        false => match period_of(&parts.periods, run.events.start) {
                            p if Some(p) == current => anchor,
                            p => format!("{}{anchor}", self.period_url(&parts.periods[p])),
                        },
                    };
                    bars.push(svg::Bar {
                        year: run.year,
                        month,
                        count: run.events.len(),
                        href,
                    })
                }
            }
        }
        svg::timeline(&bars).into()
    }

    /// The actors that take part in `events`, by name, as choices of a filter.
    fn actor_options(&self, events: &[EventRef]) -> Html {
        let s = self.site;
        let mut found = vec![false; s.actors.len()];
        for &e in events {
            let body = s.body(e.doc);
            for &m in &s.event(e).mentions {
                if let Some(a) = body.mention_actor[m] {
                    found[a] = true;
                }
            }
        }
        let mut actors: Vec<ActorEntry> = (0..s.actors.len())
            .filter(|&a| found[a])
            .map(|a| self.links.actor(a))
            .collect();
        actors.sort_by(|a, b| a.name.cmp(b.name));
        items::actor_options(&actors).into()
    }
}

/// The events of one month of the chronology, or of one year for events known only to
/// the year (these come before the year's months).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthRun {
    pub year: u16,
    pub month: Option<u8>,
    /// A range of the list the run was found in.
    pub events: Range<usize>,
}

impl MonthRun {
    /// `2025-09`, or `2025` for events known only to the year.
    pub fn id(&self) -> String {
        match self.month {
            Some(m) => format!("{}-{m:02}", self.year),
            None => self.year.to_string(),
        }
    }

    /// "September 2025", or "2025".
    pub fn label(&self) -> String {
        match self.month.map(crate::date::month_name) {
            Some(name) => format!("{name} {}", self.year),
            None => self.year.to_string(),
        }
    }
}

/// The runs of events of the same month in `events`, which are in chronology order.
fn month_runs(site: &Site, events: &[EventRef]) -> Vec<MonthRun> {
    let mut runs: Vec<MonthRun> = Vec::new();
    for (i, &e) in events.iter().enumerate() {
        let date = site.event(e).date.start;
        match runs.last_mut() {
            Some(run) if run.year == date.year && run.month == date.month => {
                run.events.end = i + 1;
            }
            _ => runs.push(MonthRun {
                year: date.year,
                month: date.month,
                events: i..i + 1,
            }),
        }
    }
    runs
}

/// The site's chronology by month and, when it is split, its pages.
pub struct Chronology {
    pub months: Vec<MonthRun>,
    pub periods: Vec<Period>,
}

impl Chronology {
    pub fn of(site: &Site) -> Self {
        let months = month_runs(site, &site.graph.chronology);
        let periods = periods(&months, site.config.page_size.get());
        Self { months, periods }
    }
}

/// One page of a split chronology.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// Its folder below `chronology/`: the id of its first month (`2025-09`, `2025`), and
    /// `-p2`, `-p3`... for the further parts of a month longer than a page.
    pub id: String,
    /// "2025", "September 2025", "September – November 2025",
    /// "September 2025 (2 of 3)".
    pub label: String,
    /// A range of the chronology.
    pub events: Range<usize>,
}

/// The pages of a chronology of months `runs` with at most `size` events a page, in
/// order; none when it fits on one page. A year that fits on a page is one; the months
/// of a longer year are gathered into pages in order. So an edit moves the bounds of
/// the pages of its year only.
fn periods(runs: &[MonthRun], size: usize) -> Vec<Period> {
    if runs.last().is_none_or(|run| run.events.end <= size) {
        return Vec::new();
    }
    let mut periods = Vec::new();
    for year in runs.chunk_by(|a, b| a.year == b.year) {
        let events = year[0].events.start..year[year.len() - 1].events.end;
        if events.len() <= size {
            periods.push(Period {
                id: year[0].year.to_string(),
                label: year[0].year.to_string(),
                events,
            });
        } else {
            months_of(year, size, &mut periods);
        }
    }
    periods
}

/// The months of one year, more than a page, gathered into pages.
fn months_of(runs: &[MonthRun], size: usize, periods: &mut Vec<Period>) {
    // The runs gathered into the page being filled.
    let mut open: Option<Range<usize>> = None;
    for (i, run) in runs.iter().enumerate() {
        if let Some(page) = open.clone() {
            if run.events.end - runs[page.start].events.start > size {
                periods.push(span(&runs[page]));
                open = None;
            }
        }
        if run.events.len() > size {
            periods.extend(parts(run, size));
            continue;
        }
        open = Some(open.map_or(i..i + 1, |page| page.start..i + 1));
    }
    if let Some(page) = open {
        periods.push(span(&runs[page]));
    }
}

/// The period of whole months `runs`, all of one year.
fn span(runs: &[MonthRun]) -> Period {
    let (first, last) = (&runs[0], &runs[runs.len() - 1]);
    let label = match (runs.len(), first.month) {
        (1, _) => first.label(),
        (_, Some(m)) => format!("{} – {}", crate::date::month_name(m), last.label()),
        (_, None) => format!("{} (year only) – {}", first.year, last.label()),
    };
    Period {
        id: first.id(),
        label,
        events: first.events.start..last.events.end,
    }
}

/// A month longer than a page, cut into pages of `size` events.
fn parts(run: &MonthRun, size: usize) -> impl Iterator<Item = Period> + '_ {
    let count = run.events.len().div_ceil(size);
    (0..count).map(move |k| {
        let start = run.events.start + k * size;
        Period {
            id: match k {
                0 => run.id(),
                _ => format!("{}-p{}", run.id(), k + 1),
            },
            label: format!("{} ({} of {count})", run.label(), k + 1),
            events: start..(start + size).min(run.events.end),
        }
    })
}

/// The period that lists the event at `position` of the chronology.
pub fn period_of(periods: &[Period], position: usize) -> usize {
    periods
        .partition_point(|p| p.events.end <= position)
        .min(periods.len().saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(year: u16, month: Option<u8>, events: Range<usize>) -> MonthRun {
        MonthRun {
            year,
            month,
            events,
        }
    }

    #[test]
    fn periods_are_named_by_their_months() {
        let one = span(&[run(2025, Some(9), 0..3)]);
        assert_eq!(
            (one.id.as_str(), one.label.as_str()),
            ("2025-09", "September 2025")
        );
        let same_year = span(&[run(2025, Some(9), 0..3), run(2025, Some(11), 3..4)]);
        assert_eq!(same_year.label, "September – November 2025");
        assert_eq!(same_year.events, 0..4);
        let year_only = span(&[run(2025, None, 0..1), run(2025, Some(3), 1..2)]);
        assert_eq!(
            (year_only.id.as_str(), year_only.label.as_str()),
            ("2025", "2025 (year only) – March 2025")
        );
    }

    #[test]
    fn a_year_that_fits_is_a_page_and_a_longer_one_is_cut_by_months() {
        let runs = [
            run(2024, Some(3), 0..2),
            run(2024, Some(5), 2..3),
            run(2025, Some(1), 3..5),
            run(2025, Some(2), 5..7),
            run(2025, Some(9), 7..12),
        ];
        let got: Vec<(String, Range<usize>)> = periods(&runs, 4)
            .into_iter()
            .map(|p| (p.id, p.events))
            .collect();
        let want = [
            ("2024", 3),
            ("2025-01", 4),
            ("2025-09", 4),
            ("2025-09-p2", 1),
        ];
        let mut start = 0;
        for ((id, events), (want_id, len)) in got.iter().zip(want) {
            assert_eq!((id.as_str(), events.clone()), (want_id, start..start + len));
            start += len;
        }
        assert_eq!(got.len(), want.len());
        assert!(
            periods(&runs, 12).is_empty(),
            "a chronology that fits is one page"
        );
    }

    #[test]
    fn a_month_longer_than_a_page_is_cut_into_parts() {
        let month = run(2025, Some(9), 10..35);
        let got: Vec<(String, String, Range<usize>)> = parts(&month, 10)
            .map(|p| (p.id, p.label, p.events))
            .collect();
        assert_eq!(
            got,
            [
                ("2025-09".into(), "September 2025 (1 of 3)".into(), 10..20),
                (
                    "2025-09-p2".into(),
                    "September 2025 (2 of 3)".into(),
                    20..30
                ),
                (
                    "2025-09-p3".into(),
                    "September 2025 (3 of 3)".into(),
                    30..35
                ),
            ]
        );
    }

    #[test]
    fn the_period_of_an_event() {
        let periods: Vec<Period> = [0..4, 4..9, 9..10]
            .into_iter()
            .map(|events| Period {
                id: String::new(),
                label: String::new(),
                events,
            })
            .collect();
        let found: Vec<usize> = (0..10).map(|i| period_of(&periods, i)).collect();
        assert_eq!(found, [0, 0, 0, 0, 1, 1, 1, 1, 1, 2]);
    }
}
