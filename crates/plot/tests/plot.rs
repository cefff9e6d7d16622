//! Plots: a PNG and an SVG that show what the timeline holds.

use atalaya_analysis::{build_timeline, parse_day, Dyad, Interval, Tally, Timeline, TimelineSpec};
use atalaya_engine::Modality;
use atalaya_plot::{render_png, render_svg, PlotError, PlotOptions};

fn tally(on: &str, cameo: &str, quad: u8, goldstein: f64, modality: Modality, n: u64) -> Tally {
    Tally {
        day: parse_day(on).unwrap_or_else(|| panic!("bad day {on}")),
        forward: true,
        source_code: "USAMIL".into(),
        target_code: "MEXCRM".into(),
        cameo: cameo.into(),
        quad_class: Some(quad),
        modality,
        cluster_id: Some(format!("{on}-{cameo}")),
        reports: n,
        goldstein_sum: goldstein * n as f64,
        scored: n,
        confidence: 0.9,
    }
}

fn timeline(with_threats: bool) -> Timeline {
    let mut tallies = vec![
        tally("2025-08-05", "195", 4, -9.5, Modality::Asserted, 7),
        tally("2025-08-20", "190", 4, -10.0, Modality::Hypothetical, 2),
        tally("2025-09-03", "057", 2, 8.0, Modality::Asserted, 3),
    ];
    for week in 0..6 {
        tallies.push(tally(
            &format!("2025-06-{:02}", 2 + 4 * week),
            "112",
            3,
            -2.0,
            Modality::Asserted,
            1,
        ));
        if with_threats {
            tallies.push(tally(
                &format!("2025-07-{:02}", 1 + 5 * week),
                "138",
                3,
                -7.0,
                Modality::Asserted,
                1,
            ));
        }
    }
    let dyad = Dyad::parse("USA-MEX", false).unwrap_or_else(|| panic!("dyad"));
    build_timeline(&tallies, &TimelineSpec::new(dyad, Interval::Week))
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Pixels of exactly this colour in a decoded PNG.
fn pixels_of(png_bytes: &[u8], rgb: [u8; 3]) -> (u32, u32, usize) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder
        .read_info()
        .unwrap_or_else(|e| panic!("not a PNG: {e}"));
    let mut buffer = vec![0; reader.output_buffer_size().unwrap_or(0)];
    let info = reader
        .next_frame(&mut buffer)
        .unwrap_or_else(|e| panic!("{e}"));
    let data = &buffer[..info.buffer_size()];
    let count = data.chunks(3).filter(|px| *px == rgb).count();
    (info.width, info.height, count)
}

const THREAT: [u8; 3] = [241, 105, 19];
const MATERIAL_CONFLICT: [u8; 3] = [165, 15, 21];
const MATERIAL_COOPERATION: [u8; 3] = [8, 81, 156];

#[test]
fn png_shows_the_classes_in_their_colours() {
    let options = PlotOptions::default();
    let with = render_png(&timeline(true), &options).unwrap_or_else(|e| panic!("{e}"));
    let without = render_png(&timeline(false), &options).unwrap_or_else(|e| panic!("{e}"));
    assert!(with.starts_with(b"\x89PNG\r\n\x1a\n"));
    let (width, height, threat_pixels) = pixels_of(&with, THREAT);
    assert_eq!((width, height), (1400, 800));
    // The legend has a box of each colour; the bars add far more where the class is present.
    let (_, _, legend_only) = pixels_of(&without, THREAT);
    assert!(legend_only > 0);
    assert!(
        threat_pixels > 3 * legend_only,
        "{threat_pixels} vs {legend_only}"
    );
    let (_, _, strikes) = pixels_of(&with, MATERIAL_CONFLICT);
    let (_, _, cooperation) = pixels_of(&with, MATERIAL_COOPERATION);
    assert!(strikes > 3 * legend_only && cooperation > 3 * legend_only);
    // Most of the picture is background, but not all of it.
    let (_, _, white) = pixels_of(&with, [255, 255, 255]);
    let total = (width * height) as usize;
    assert!(
        white < total * 97 / 100 && white > total / 2,
        "{white} of {total}"
    );
}

#[test]
fn svg_labels_the_largest_story_and_names_the_series() {
    let svg =
        render_svg(&timeline(true), &PlotOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(svg.starts_with("<svg"));
    // The strike week's largest story, reported seven times.
    assert!(
        svg.contains("USAMIL→MEXCRM 195 Employ aerial weapons ×7"),
        "no label"
    );
    assert!(svg.contains("z USA-&gt;MEX") || svg.contains("z USA->MEX"));
    assert!(svg.contains("planned conflict"));
    // Threat bars in the four weeks with threats (2025-W27 to W30), plus the legend's box.
    assert_eq!(svg.matches(r##"fill="#F16913""##).count(), 5);
}

#[test]
fn an_empty_timeline_still_draws_and_a_bad_size_is_refused() {
    let dyad = Dyad::parse("USA-MEX", false).unwrap_or_else(|| panic!("dyad"));
    let empty = build_timeline(&[], &TimelineSpec::new(dyad, Interval::Week))
        .unwrap_or_else(|e| panic!("{e}"));
    let svg = render_svg(&empty, &PlotOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(svg.contains("no dated events"));
    let tiny = PlotOptions {
        width: 10,
        ..PlotOptions::default()
    };
    assert_eq!(
        render_png(&timeline(true), &tiny).err(),
        Some(PlotError::Size {
            width: 10,
            height: 800
        })
    );
}
