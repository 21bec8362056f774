//! A [`Trend`] → a chart: text for an 80-column terminal (`trend`), or an SVG line chart
//! (`trend --svg FILE`, drawn with plotters; its Chinese labels are text a browser renders with
//! the reader's CJK fonts).
//!
//! One series prints a bar per period. Several print a table, a row per period and a column
//! per series (as many as fit in 80 columns, the rest named below it), then a sparkline per
//! series when the periods fit on one line.

use std::path::Path;

use plotters::prelude::*;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::text::{Style, DIM};
use crate::search::trend::{Period, Trend};

/// The width the chart keeps within.
const WIDTH: usize = 80;
/// Partial blocks, in eighths, for bars and sparklines.
const EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];
const SPARKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/// The stroke width of a series' line in the SVG (axes and the legend's keys are thinner).
const LINE: u32 = 3;
/// The fonts the SVG's labels ask for, in CSS order.
const FONTS: &str = "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif";

/// The trend for a terminal.
pub fn text(trend: &Trend, style: Style) -> String {
    let documents: usize = trend.series.iter().map(|s| s.total()).sum();
    let undated: usize = trend.series.iter().map(|s| s.undated).sum();
    let mut out = style.paint(
        DIM,
        &format!(
            "by {} · {} series · {} matching, {undated} of them without a date of that precision\n",
            trend.by.name(),
            trend.series.len(),
            match documents {
                1 => "1 document".to_string(),
                n => format!("{n} documents"),
            }
        ),
    );
    if trend.periods.is_empty() {
        out.push_str("no dated documents match\n");
        return out;
    }
    let label = trend.periods.iter().map(|p| p.period.len()).max().unwrap_or(0);
    match trend.series.as_slice() {
        [one] => {
            out.push_str(&style.paint(DIM, &format!("{}\n", trend.key(one))));
            let top = one.counts.iter().copied().max().unwrap_or(0).max(1);
            let digits = top.to_string().len();
            let room = WIDTH.saturating_sub(label + digits + 3).max(10);
            for (span, &count) in trend.periods.iter().zip(&one.counts) {
                out.push_str(&format!(
                    "{:<label$} {} {count:>digits$}\n",
                    span.period,
                    pad(&bar(count, top, room), room)
                ));
            }
        }
        all => {
            let keys: Vec<String> = all.iter().map(|s| clip(&trend.key(s), 14)).collect();
            let mut shown = 0;
            let mut used = label;
            for (key, series) in keys.iter().zip(all) {
                let width = key.width().max(series.total().to_string().len()) + 2;
                if used + width > WIDTH {
                    break;
                }
                used += width;
                shown += 1;
            }
            let widths: Vec<usize> = (keys.iter().zip(all).take(shown))
                .map(|(k, s)| k.width().max(s.total().to_string().len()) + 2)
                .collect();
            let mut head = " ".repeat(label);
            for (key, width) in keys.iter().zip(&widths) {
                head.push_str(&" ".repeat(width - key.width()));
                head.push_str(key);
            }
            out.push_str(&style.paint(DIM, &format!("{head}\n")));
            for (i, span) in trend.periods.iter().enumerate() {
                let mut line = format!("{:<label$}", span.period);
                for (series, width) in all.iter().zip(&widths) {
                    line.push_str(&format!("{:>width$}", series.counts[i]));
                }
                out.push_str(&format!("{line}\n"));
            }
            if shown < all.len() {
                let rest: Vec<String> = all[shown..].iter().map(|s| trend.key(s)).collect();
                out.push_str(&style.paint(
                    DIM,
                    &format!("not shown (see --csv or --json): {}\n", rest.join(", ")),
                ));
            }
            let key_width = keys.iter().take(shown).map(|k| k.width()).max().unwrap_or(0);
            if key_width + 2 + trend.periods.len() <= WIDTH {
                for (key, series) in keys.iter().zip(all).take(shown) {
                    out.push_str(&format!(
                        "{} {}\n",
                        pad(key, key_width),
                        sparkline(&series.counts)
                    ));
                }
            }
        }
    }
    out
}

/// `count` of `top` as a bar of at most `room` columns, in eighths; at least a sliver when
/// not zero.
fn bar(count: usize, top: usize, room: usize) -> String {
    let eighths = (count * room * 8).div_ceil(top.max(1));
    let mut out = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        out.push(EIGHTHS[eighths % 8 - 1]);
    }
    out
}

/// One character per count, as high as its share of the largest.
fn sparkline(counts: &[usize]) -> String {
    let top = counts.iter().copied().max().unwrap_or(0).max(1);
    counts
        .iter()
        .map(|&n| match n {
            0 => ' ',
            n => SPARKS[((n * 8).div_ceil(top) - 1).min(7)],
        })
        .collect()
}

/// `text` padded with spaces to `width` terminal columns (Han characters take two).
fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(text.width())))
}

/// `text` cut to at most `width` terminal columns, `…` marking a cut.
fn clip(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 1; // the `…`
    for c in text.chars() {
        used += c.width().unwrap_or(0);
        if used > width {
            break;
        }
        out.push(c);
    }
    out + "…"
}

/// Draws the trend as a line chart, a line per series with its key in the legend, into the
/// SVG file `path`.
pub fn svg(trend: &Trend, path: &Path) -> anyhow::Result<()> {
    let failed =
        |e: &dyn std::fmt::Display| anyhow::anyhow!("cannot draw the chart into {}: {e}", path.display());
    let root = SVGBackend::new(path, (960, 540)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| failed(&e))?;
    let periods = trend.periods.len().max(1) as i32;
    let top = trend
        .series
        .iter()
        .flat_map(|s| s.counts.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1) as i32;
    let queries: Vec<&str> = trend.series.iter().map(|s| s.query.as_str()).collect();
    let mut queries = queries;
    queries.dedup();
    let by = match trend.by {
        Period::Day => "日",
        Period::Week => "周",
        Period::Month => "月",
        Period::Year => "年",
    };
    let title = format!("{} · 按{by}", queries.join(" / "));
    let mut chart = ChartBuilder::on(&root)
        .caption(title, (FONTS, 22))
        .margin(16)
        .x_label_area_size(48)
        .y_label_area_size(56)
        .build_cartesian_2d(0..periods - 1, 0..top + top / 10 + 1)
        .map_err(|e| failed(&e))?;
    let name = |i: &i32| {
        (trend.periods.get(*i as usize))
            .map(|p| p.period.clone())
            .unwrap_or_default()
    };
    chart
        .configure_mesh()
        .x_labels(12.min(periods as usize))
        .x_label_formatter(&name)
        .y_desc("篇数")
        .x_desc("时间")
        .label_style((FONTS, 14))
        .axis_desc_style((FONTS, 14))
        .draw()
        .map_err(|e| failed(&e))?;
    for (k, series) in trend.series.iter().enumerate() {
        let color = Palette99::pick(k).to_rgba();
        let points = series
            .counts
            .iter()
            .enumerate()
            .map(|(i, &n)| (i as i32, n as i32));
        chart
            .draw_series(LineSeries::new(points, color.stroke_width(LINE)))
            .map_err(|e| failed(&e))?
            .label(trend.key(series))
            .legend(move |(x, y)| PathElement::new([(x, y), (x + 20, y)], color.stroke_width(2)));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK.mix(0.4))
        .label_font((FONTS, 14))
        .draw()
        .map_err(|e| failed(&e))?;
    root.present().map_err(|e| failed(&e))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_and_sparklines_scale_to_the_largest_count() {
        assert_eq!(bar(10, 10, 4), "████");
        assert_eq!(bar(5, 10, 4), "██");
        assert_eq!(bar(1, 100, 4), "▏", "a count above zero shows");
        assert_eq!(bar(0, 10, 4), "");
        assert_eq!(sparkline(&[0, 1, 4, 8]), " ▁▄█");
    }

    #[test]
    fn han_characters_take_two_columns() {
        assert_eq!(pad("菏泽", 6), "菏泽  ");
        assert_eq!(clip("营商环境优化提升", 9), "营商环境…");
        assert_eq!(clip("城管", 9), "城管");
    }
}
