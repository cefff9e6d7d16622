//! Timeline plots: [`render_png`] and [`render_svg`] draw an `atalaya_analysis::Timeline`
//! with plotters (pure Rust; text by ab_glyph with DejaVu Sans embedded, so no system fonts).
//!
//! Layout, top to bottom:
//! - the title: dyad, interval, counting, date range;
//! - bars per bucket, stacked by evidence class: conflict upwards (material conflict darkest at
//!   the base, then threats, planned conflict, verbal conflict), cooperation downwards
//!   (material, verbal, planned); each class has its own colour, so what was done, threatened
//!   and only floated stay apart at a glance. The highest peaks are labelled with their largest
//!   story (actors, CAMEO code and name, modality when not asserted, number of reports);
//! - the escalation index z of each direction, with z = 2 marked; each escalation the CUSUM
//!   found is a shaded span from its onset to a ▲ where it was detected, each de-escalation a ×.

use atalaya_analysis::{ChangeKind, Direction, EvidenceClass, Timeline};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::sync::OnceLock;

/// Size and labels of a plot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlotOptions {
    pub width: u32,
    pub height: u32,
    /// Peaks labelled with their largest story.
    pub labels: usize,
}

impl Default for PlotOptions {
    fn default() -> PlotOptions {
        PlotOptions {
            width: 1400,
            height: 800,
            labels: 6,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlotError {
    #[error("plot size {width}×{height}: each side must be 400 to 8000 pixels")]
    Size { width: u32, height: u32 },
    #[error("drawing the plot: {0}")]
    Draw(String),
    #[error("the embedded font could not be loaded")]
    Font,
}

fn drawing<E: std::fmt::Display>(err: E) -> PlotError {
    PlotError::Draw(err.to_string())
}

const FONT: &str = "sans-serif";

/// Registers DejaVu Sans once for every plot of the process.
fn fonts() -> Result<(), PlotError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        plotters::style::register_font(FONT, FontStyle::Normal, dejavu::sans::regular()).is_ok()
            && plotters::style::register_font(FONT, FontStyle::Bold, dejavu::sans::bold()).is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err(PlotError::Font)
    }
}

fn check_size(options: &PlotOptions) -> Result<(), PlotError> {
    let ok = |side: u32| (400..=8000).contains(&side);
    if ok(options.width) && ok(options.height) {
        Ok(())
    } else {
        Err(PlotError::Size {
            width: options.width,
            height: options.height,
        })
    }
}

/// The plot as a PNG file's bytes.
pub fn render_png(timeline: &Timeline, options: &PlotOptions) -> Result<Vec<u8>, PlotError> {
    check_size(options)?;
    fonts()?;
    let (width, height) = (options.width, options.height);
    let mut pixels = vec![255u8; width as usize * height as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (width, height)).into_drawing_area();
        draw(&root, timeline, options)?;
        root.present().map_err(drawing)?;
    }
    let mut png_bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png_bytes, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::High);
        let mut writer = encoder.write_header().map_err(drawing)?;
        writer.write_image_data(&pixels).map_err(drawing)?;
        writer.finish().map_err(drawing)?;
    }
    Ok(png_bytes)
}

/// The plot as an SVG document.
pub fn render_svg(timeline: &Timeline, options: &PlotOptions) -> Result<String, PlotError> {
    check_size(options)?;
    fonts()?;
    let mut svg = String::new();
    {
        let root =
            SVGBackend::with_string(&mut svg, (options.width, options.height)).into_drawing_area();
        draw(&root, timeline, options)?;
        root.present().map_err(drawing)?;
    }
    Ok(svg)
}

/// Conflict classes stacked upwards from the axis, cooperation downwards, with their colours.
const UPWARDS: [(EvidenceClass, RGBColor, &str); 4] = [
    (
        EvidenceClass::MaterialConflict,
        RGBColor(165, 15, 21),
        "material conflict (done)",
    ),
    (
        EvidenceClass::Threat,
        RGBColor(241, 105, 19),
        "threats (13x)",
    ),
    (
        EvidenceClass::PlannedConflict,
        RGBColor(117, 107, 177),
        "planned conflict (hypothetical, future)",
    ),
    (
        EvidenceClass::VerbalConflict,
        RGBColor(252, 174, 145),
        "verbal conflict",
    ),
];
const DOWNWARDS: [(EvidenceClass, RGBColor, &str); 3] = [
    (
        EvidenceClass::MaterialCooperation,
        RGBColor(8, 81, 156),
        "material cooperation (done)",
    ),
    (
        EvidenceClass::VerbalCooperation,
        RGBColor(107, 174, 214),
        "verbal cooperation",
    ),
    (
        EvidenceClass::PlannedCooperation,
        RGBColor(188, 189, 220),
        "planned cooperation",
    ),
];

const FORWARD_COLOR: RGBColor = RGBColor(178, 24, 43);
const BACKWARD_COLOR: RGBColor = RGBColor(33, 102, 172);
const GREY: RGBColor = RGBColor(110, 110, 110);

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    timeline: &Timeline,
    options: &PlotOptions,
) -> Result<(), PlotError>
where
    DB::ErrorType: 'static,
{
    root.fill(&WHITE).map_err(drawing)?;
    let Some(main) = timeline.main() else {
        return Ok(());
    };
    let buckets = &main.buckets;
    let counted = match timeline.counting {
        atalaya_analysis::Counting::Story => "stories (each cluster once)",
        atalaya_analysis::Counting::Report => "reports",
    };
    let range = match (buckets.first(), buckets.last()) {
        (Some(first), Some(last)) => format!("{} to {}", first.bucket, last.bucket),
        _ => "no events".to_string(),
    };
    let title = format!(
        "{} · {} per {} · {}",
        main.label, counted, timeline.interval, range
    );
    let area = root
        .titled(&title, (FONT, 22).into_font().style(FontStyle::Bold))
        .map_err(drawing)?;
    if buckets.is_empty() {
        area.draw(&Text::new(
            format!("no dated events for {}", main.label),
            (40, 60),
            (FONT, 18),
        ))
        .map_err(drawing)?;
        return Ok(());
    }
    let directed: Vec<_> = timeline
        .series
        .iter()
        .filter(|s| s.direction != Direction::Both)
        .collect();
    let mut legend: Vec<(RGBColor, String, Key)> = UPWARDS
        .iter()
        .chain(&DOWNWARDS)
        .map(|(_, color, name)| (*color, name.to_string(), Key::Box))
        .collect();
    for series in &directed {
        let color = series_color(series.direction);
        legend.push((color, format!("z {}", series.label), Key::Line));
    }
    if !directed.is_empty() {
        legend.push((
            BLACK,
            "▲ escalation (shaded from its onset)".into(),
            Key::Text,
        ));
        legend.push((BLACK, "× de-escalation".into(), Key::Text));
    }
    let area = draw_legend(&area, &legend)?;
    let (_, area_height) = area.dim_in_pixel();
    let (upper, lower) = area.split_vertically(area_height * 63 / 100);
    let n = buckets.len();
    let x_range = -0.5f64..(n as f64 - 0.5);
    let labels: Vec<String> = buckets.iter().map(|b| b.bucket.clone()).collect();
    let x_label = |x: &f64| -> String {
        let i = x.round();
        if (x - i).abs() > 1e-6 || i < 0.0 {
            return String::new();
        }
        labels.get(i as usize).cloned().unwrap_or_default()
    };
    let x_ticks = n.clamp(2, 14);

    // Bars.
    let up_total: Vec<f64> = buckets
        .iter()
        .map(|b| UPWARDS.iter().map(|(c, _, _)| b.class.get(*c) as f64).sum())
        .collect();
    let down_total: Vec<f64> = buckets
        .iter()
        .map(|b| {
            DOWNWARDS
                .iter()
                .map(|(c, _, _)| b.class.get(*c) as f64)
                .sum()
        })
        .collect();
    let up_max = up_total.iter().copied().fold(0.0, f64::max).max(1.0);
    let down_max = down_total.iter().copied().fold(0.0, f64::max);
    // Room above the bars for three rows of labels.
    let y_top = up_max * 1.75;
    let y_bottom = -(down_max.max(up_max * 0.15)) * 1.15;
    let mut bars = ChartBuilder::on(&upper)
        .margin(10)
        .margin_right(30)
        .x_label_area_size(30)
        .y_label_area_size(60)
        .build_cartesian_2d(x_range.clone(), y_bottom..y_top)
        .map_err(drawing)?;
    let unit = match timeline.counting {
        atalaya_analysis::Counting::Story => "stories",
        atalaya_analysis::Counting::Report => "reports",
    };
    bars.configure_mesh()
        .disable_x_mesh()
        .x_labels(x_ticks)
        .x_label_formatter(&x_label)
        .y_label_formatter(&|y: &f64| format!("{}", y.abs().round()))
        .y_desc(format!(
            "{unit} per {}: conflict ↑ cooperation ↓",
            timeline.interval
        ))
        .y_labels(8)
        .max_light_lines(1)
        .label_style((FONT, 13))
        .axis_desc_style((FONT, 14))
        .light_line_style(RGBColor(235, 235, 235))
        .draw()
        .map_err(drawing)?;
    let half = 0.4f64.min(0.5 - 0.5 / (n as f64 + 1.0)).max(0.2);
    for (stack, sign) in [(&UPWARDS[..], 1.0f64), (&DOWNWARDS[..], -1.0)] {
        let mut base = vec![0.0f64; n];
        for (class, color, _) in stack {
            let color = *color;
            let rectangles: Vec<_> = buckets
                .iter()
                .enumerate()
                .filter_map(|(i, b)| {
                    let v = b.class.get(*class) as f64 * sign;
                    let from = base[i];
                    base[i] += v;
                    (v != 0.0).then(|| {
                        Rectangle::new(
                            [(i as f64 - half, from), (i as f64 + half, from + v)],
                            color.filled(),
                        )
                    })
                })
                .collect();
            bars.draw_series(rectangles).map_err(drawing)?;
        }
    }
    bars.draw_series(std::iter::once(PathElement::new(
        vec![(-0.5, 0.0), (n as f64 - 0.5, 0.0)],
        BLACK.stroke_width(1),
    )))
    .map_err(drawing)?;

    // Labels at the highest peaks, in rows above the bars: each label takes the first row
    // where it overlaps no other (a label near the right edge ends at its peak instead of
    // starting there); a label that fits no row is left out.
    let (px_x, px_y) = bars.plotting_area().get_pixel_range();
    let plot_width = f64::from(px_x.end - px_x.start);
    let px_per_x = plot_width / n as f64;
    let px_per_y = f64::from(px_y.end - px_y.start) / (y_top - y_bottom);
    let label_style = TextStyle::from((FONT, 13).into_font()).color(&BLACK);
    let mut rows: Vec<Vec<(f64, f64)>> = vec![Vec::new(); 4];
    let mut placed = Vec::new();
    let mentions: Vec<u64> = buckets
        .iter()
        .map(|b| b.top_stories.first().map_or(0, |s| s.mentions))
        .collect();
    for i in pick_peaks(&up_total, &down_total, &mentions, options.labels) {
        let Some(story) = buckets[i].top_stories.first() else {
            continue;
        };
        let text = format!("{}: {}", buckets[i].bucket, story.label());
        let width = upper
            .estimate_text_size(&text, &label_style)
            .map_err(drawing)?
            .0 as f64;
        let at = (i as f64 + 0.5) * px_per_x;
        let (from, anchor) = if at + width + 4.0 < plot_width {
            (at, HPos::Left)
        } else {
            (at - width, HPos::Right)
        };
        let span = (from - 6.0, from + width + 6.0);
        let free = rows
            .iter()
            .position(|row| row.iter().all(|(a, b)| span.1 < *a || span.0 > *b));
        if let Some(row) = free {
            rows[row].push(span);
            placed.push((i, row, text, anchor));
        }
    }
    for (i, row, text, anchor) in placed {
        let x = i as f64;
        let label_y = y_top - (12.0 + 19.0 * row as f64) / px_per_y;
        bars.draw_series(std::iter::once(PathElement::new(
            vec![(x, up_total[i]), (x, label_y)],
            GREY.stroke_width(1),
        )))
        .map_err(drawing)?;
        let style = label_style.pos(Pos::new(anchor, VPos::Center));
        bars.draw_series(std::iter::once(Text::new(text, (x, label_y), style)))
            .map_err(drawing)?;
    }

    // The index.
    let zs = directed
        .iter()
        .flat_map(|s| s.buckets.iter().filter_map(|b| b.index.z));
    let (z_min, z_max) = zs.fold((-2.0f64, 3.0f64), |(lo, hi), z| (lo.min(z), hi.max(z)));
    let mut index = ChartBuilder::on(&lower)
        .margin(10)
        .margin_right(30)
        .x_label_area_size(36)
        .y_label_area_size(60)
        .build_cartesian_2d(x_range, (z_min - 0.5)..(z_max + 0.8))
        .map_err(drawing)?;
    index
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(x_ticks)
        .x_label_formatter(&x_label)
        .y_desc("escalation index z")
        .y_labels(6)
        .max_light_lines(1)
        .label_style((FONT, 13))
        .axis_desc_style((FONT, 14))
        .light_line_style(RGBColor(235, 235, 235))
        .draw()
        .map_err(drawing)?;
    for (level, color) in [(0.0, BLACK.mix(0.6)), (2.0, GREY.mix(0.8))] {
        index
            .draw_series(std::iter::once(PathElement::new(
                vec![(-0.5, level), (n as f64 - 0.5, level)],
                color.stroke_width(1),
            )))
            .map_err(drawing)?;
    }
    index
        .draw_series(std::iter::once(Text::new(
            "z = 2",
            (n as f64 - 0.6, 2.0),
            TextStyle::from((FONT, 12).into_font())
                .color(&GREY)
                .pos(Pos::new(HPos::Right, VPos::Bottom)),
        )))
        .map_err(drawing)?;
    for series in &directed {
        let color = series_color(series.direction);
        for change in series
            .change_points
            .iter()
            .filter(|c| c.kind == ChangeKind::Escalation)
        {
            let (from, to) = (
                change.onset_at as f64 - 0.5,
                change.detected_at as f64 + 0.5,
            );
            index
                .draw_series(std::iter::once(Rectangle::new(
                    [(from, z_min - 0.5), (to, z_max + 0.8)],
                    color.mix(0.12).filled(),
                )))
                .map_err(drawing)?;
        }
        let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
        for (i, bucket) in series.buckets.iter().enumerate() {
            match bucket.index.z {
                Some(z) => runs
                    .last_mut()
                    .into_iter()
                    .for_each(|r| r.push((i as f64, z))),
                None => runs.push(Vec::new()),
            }
        }
        for run in runs.into_iter().filter(|r| !r.is_empty()) {
            index
                .draw_series(LineSeries::new(run, color.stroke_width(2)))
                .map_err(drawing)?;
        }
        for change in &series.change_points {
            let z = series
                .buckets
                .get(change.detected_at)
                .and_then(|b| b.index.z)
                .unwrap_or(0.0);
            let at = (change.detected_at as f64, z);
            let size = 9;
            match change.kind {
                ChangeKind::Escalation => index
                    .draw_series(std::iter::once(TriangleMarker::new(
                        at,
                        size,
                        color.filled(),
                    )))
                    .map_err(drawing)?,
                ChangeKind::DeEscalation => index
                    .draw_series(std::iter::once(Cross::new(at, size, color.stroke_width(3))))
                    .map_err(drawing)?,
            };
        }
    }
    Ok(())
}

/// What stands before a legend entry's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Box,
    Line,
    Text,
}

fn series_color(direction: Direction) -> RGBColor {
    if direction == Direction::Backward {
        BACKWARD_COLOR
    } else {
        FORWARD_COLOR
    }
}

/// Draws the legend in rows across the top of `area` (a box per bar class, a line per index
/// series) and returns the area below it.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    items: &[(RGBColor, String, Key)],
) -> Result<DrawingArea<DB, Shift>, PlotError>
where
    DB::ErrorType: 'static,
{
    let (width, _) = area.dim_in_pixel();
    let style = TextStyle::from((FONT, 13).into_font())
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let row_height = 20i32;
    let (mut x, mut y) = (70i32, row_height / 2 + 2);
    for (color, text, key) in items {
        let text_width = area.estimate_text_size(text, &style).map_err(drawing)?.0 as i32;
        let key_width = if *key == Key::Text { 0 } else { 20 };
        let item_width = key_width + text_width + 22;
        if x + item_width > width as i32 - 10 && x > 70 {
            x = 70;
            y += row_height;
        }
        match key {
            Key::Box => area
                .draw(&Rectangle::new(
                    [(x, y - 6), (x + 14, y + 6)],
                    color.filled(),
                ))
                .map_err(drawing)?,
            Key::Line => area
                .draw(&PathElement::new(
                    vec![(x, y), (x + 14, y)],
                    color.stroke_width(3),
                ))
                .map_err(drawing)?,
            Key::Text => {}
        }
        area.draw(&Text::new(text.clone(), (x + key_width, y), style.clone()))
            .map_err(drawing)?;
        x += item_width;
    }
    let used = (y + row_height / 2 + 4).max(0) as u32;
    Ok(area.split_vertically(used).1)
}

/// Up to `wanted` buckets to label, in left-to-right order: local peaks of the bars (conflict
/// and cooperation together) first, those whose largest story was reported most first, then
/// the highest; buckets that are no peak only when peaks run out. Labelled buckets stand
/// apart by a few buckets on long series.
fn pick_peaks(up: &[f64], down: &[f64], mentions: &[u64], wanted: usize) -> Vec<usize> {
    let n = up.len();
    let height: Vec<f64> = up.iter().zip(down).map(|(u, d)| u + d).collect();
    let gap = n / (wanted.max(1) * 3);
    let is_peak = |i: usize| {
        let left = i.checked_sub(1).map_or(0.0, |l| height[l]);
        let right = height.get(i + 1).copied().unwrap_or(0.0);
        height[i] >= left && height[i] >= right
    };
    let mut order: Vec<usize> = (0..n).filter(|&i| height[i] > 0.0).collect();
    order.sort_by(|&a, &b| {
        is_peak(b)
            .cmp(&is_peak(a))
            .then(mentions[b].cmp(&mentions[a]))
            .then(height[b].total_cmp(&height[a]))
            .then(a.cmp(&b))
    });
    let mut picked: Vec<usize> = Vec::new();
    for i in order {
        if picked.len() >= wanted {
            break;
        }
        if picked.iter().all(|&p| p.abs_diff(i) > gap) {
            picked.push(i);
        }
    }
    picked.sort_unstable();
    picked
}
